"""``/invoer/voortgang`` in Chromium: een coördinator kiest een maatregel, krijgt een Nederlandse fout bij
150% (en er wordt niets opgeslagen), slaat daarna een geldig percentage op en ziet dat terug in de
voortgangshistorie op ``/projecten``; een raadslid ziet geen formulier; geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test schrijft bij een lopende maatregel in
De Riet (andere tests kijken naar Kerkelanden) en verhoogt de voortgang met één procentpunt, met dezelfde
status: de signalen en tellingen op het overzicht veranderen daardoor niet van aard.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000


def _kies_lopende_maatregel(pagina) -> tuple[str, int]:
    """Kies in de keuzelijst een maatregel in De Riet die in uitvoering is en onder 98% staat."""
    opties = pagina.locator("#voortgang-maatregel option")
    kandidaten = [(opties.nth(i).get_attribute("value"), opties.nth(i).inner_text()) for i in range(opties.count())]
    for waarde, tekst in kandidaten:
        if not tekst.startswith("De Riet · "):
            continue
        if pagina.locator("#voortgang-maatregel").input_value() != waarde:
            pagina.select_option("#voortgang-maatregel", waarde)
            expect(pagina).to_have_url(re.compile(rf"\?maatregel={waarde}$"))
        expect(pagina.locator("#voortgang-titel")).to_have_text(tekst, timeout=WACHT)
        status = pagina.locator("#voortgang-huidig-status").inner_text()
        procent = int(pagina.locator("#voortgang-huidig-percentage").inner_text().rstrip("%"))
        if status == "In uitvoering" and procent < 98:
            return waarde, procent
    raise AssertionError("geen lopende maatregel in De Riet in de demodata")


def test_coordinator_werkt_de_voortgang_van_een_maatregel_bij(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/voortgang")
    expect(pagina.locator("#voortgang-huidig")).to_be_visible(timeout=WACHT)
    # Alleen maatregelen uit de eigen wijken, als "Wijk · maatregel".
    wijken = {t.split(" · ")[0] for t in pagina.locator("#voortgang-maatregel option").all_inner_texts()}
    assert wijken - {""} == {"De Riet", "Kerkelanden", "Windmolenbroek"}
    maatregel_id, procent = _kies_lopende_maatregel(pagina)
    assert axe_ernstige_schendingen(pagina) == []

    percentage = pagina.get_by_role("textbox", name=re.compile(r"^Voortgang \(%\)"))
    expect(percentage).to_have_value(str(procent))
    percentage.fill("150")
    pagina.get_by_role("button", name="Voortgang opslaan").click()
    melding = pagina.locator("#voortgang-melding .alert-danger")
    expect(melding).to_contain_text("Niet opgeslagen", timeout=WACHT)
    fout = pagina.locator("#voortgang-percentage + .invalid-feedback")
    expect(fout).to_have_text("Voortgang (%): vul een getal in van 0 tot en met 100.")
    expect(percentage).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#voortgang-huidig-percentage")).to_have_text(f"{procent}%")

    nieuw = procent + 1
    percentage.fill(str(nieuw))
    pagina.get_by_role("textbox", name=re.compile(r"^Toelichting")).fill("Browsertest: één stap verder.")
    pagina.get_by_role("button", name="Voortgang opslaan").click()
    expect(pagina.locator("#voortgang-bevestiging")).to_contain_text(f"voortgang {nieuw}%", timeout=WACHT)
    expect(pagina.locator("#voortgang-huidig-percentage")).to_have_text(f"{nieuw}%")
    expect(fout).to_have_text("")

    # De nieuwe stand staat in de voortgangshistorie op /projecten.
    pagina.get_by_role("link", name="Bekijk de voortgangshistorie").click()
    expect(pagina).to_have_url(re.compile(rf"/projecten\?maatregel={maatregel_id}$"))
    expect(pagina.locator("#projecten-historie-kop")).to_contain_text(f"voortgang {nieuw}%", timeout=WACHT)
    expect(pagina.locator("#projecten-historie-tabel")).to_contain_text("Browsertest: één stap verder.")


def test_raadslid_ziet_geen_formulier(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/voortgang")
    expect(pagina.locator("#voortgang-geen-rechten")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#voortgang-opslaan")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
