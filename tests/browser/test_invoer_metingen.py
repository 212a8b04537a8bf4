"""``/invoer/metingen`` in Chromium: de coördinator kiest wijk en indicator, krijgt eerst een Nederlandse fout
("12,5,3" is geen getal; er wordt niets opgeslagen), verbetert, slaat op, ziet de meting in de tabel, corrigeert
haar via "corrigeer" en ziet de gecorrigeerde waarde op de wijkpagina; een raadslid ziet geen velden; geen
ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test schrijft een jaarmeting van 2005 (vóór de
demogegevens, die in 2008 beginnen) van "% huishoudens met een bijstandsuitkering" in Windmolenbroek: de
laatste meting, de status van de doelstelling en de signalen veranderen daardoor niet, en geen andere
browsertest kijkt naar deze indicator in deze wijk.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
INDICATOR = "% huishoudens met een bijstandsuitkering"
PEILDATUM = "31-12-2005"


def test_coordinator_voert_een_meting_in_en_corrigeert_haar(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/metingen")
    expect(pagina.locator("#metingen-stand-titel")).to_be_visible(timeout=WACHT)
    # Alleen de eigen wijken in de keuzelijst; wijk en indicator komen in de URL.
    wijken = [t for t in pagina.locator("#metingen-wijk option").all_inner_texts() if t]
    assert wijken == ["De Riet", "Kerkelanden", "Windmolenbroek"]
    pagina.select_option("#metingen-wijk", "windmolenbroek")
    expect(pagina).to_have_url(re.compile(r"/invoer/metingen\?wijk=windmolenbroek&indicator=\d+$"))
    expect(pagina.locator("#metingen-stand-titel")).to_contain_text("in Windmolenbroek", timeout=WACHT)
    label = pagina.locator("#metingen-indicator option", has_text=INDICATOR).inner_text()
    assert label.startswith("Ambitie 4 (")
    pagina.select_option("#metingen-indicator", label=label)
    expect(pagina.locator("#metingen-stand-titel")).to_have_text(f"{INDICATOR} in Windmolenbroek", timeout=WACHT)
    expect(pagina).to_have_url(re.compile(r"\?wijk=windmolenbroek&indicator=\d+$"))
    expect(pagina.locator("#metingen-frequentie")).to_contain_text("Verwachte meetfrequentie: elk jaar.")
    expect(pagina.locator("#metingen-doelstelling")).to_contain_text("Doelstelling in het lopende wijkplan")
    rij = pagina.locator(f'#metingen-tabel tr[data-peildatum="{PEILDATUM}"]')
    expect(rij).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []

    # Eerst een fout: niets opgeslagen, de melding staat bij het veld, de invoer blijft staan.
    pagina.get_by_role("textbox", name=re.compile(r"^Peildatum")).fill(PEILDATUM)
    waarde = pagina.get_by_role("textbox", name=re.compile(r"^Waarde"))
    waarde.fill("12,5,3")
    pagina.get_by_role("button", name="Meting opslaan").click()
    expect(pagina.locator("#metingen-melding .alert-danger")).to_contain_text("Niet opgeslagen", timeout=WACHT)
    fout = pagina.locator("#metingen-waarde + .invalid-feedback")
    expect(fout).to_have_text("Waarde: vul een getal in, bijvoorbeeld 12,5.")
    expect(waarde).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(waarde).to_have_value("12,5,3")
    expect(rij).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []

    # Verbeterd: opgeslagen, de meting staat in de tabel (ook al is ze ouder dan de nieuwste acht).
    waarde.fill("5,3")
    pagina.get_by_role("button", name="Meting opslaan").click()
    expect(pagina.locator("#metingen-bevestiging")).to_contain_text(f"{INDICATOR} op {PEILDATUM}: 5,3%",
                                                                    timeout=WACHT)
    expect(fout).to_have_text("")
    expect(rij).to_contain_text("5,3%")
    expect(rij).to_contain_text("Marieke ter Horst")
    expect(rij).to_contain_text("opgeslagen")

    # Nogmaals opslaan overschrijft niets: de melding wijst op "corrigeer".
    waarde.fill("9")
    pagina.get_by_role("button", name="Meting opslaan").click()
    expect(pagina.locator("#metingen-peildatum + .invalid-feedback")).to_contain_text(
        f"er is al een meting van Windmolenbroek op {PEILDATUM} (waarde 5,3%)", timeout=WACHT)
    expect(rij).to_contain_text("5,3%")

    # Corrigeren: "corrigeer" zet het formulier op die meting; de peildatum staat vast.
    rij.get_by_role("link", name=f"Corrigeer de meting van {PEILDATUM}").click()
    expect(pagina).to_have_url(re.compile(r"&meting=\d+$"))
    expect(pagina.locator("#metingen-formulier-titel")).to_have_text(f"Correctie van de meting van {PEILDATUM}",
                                                                     timeout=WACHT)
    expect(pagina.locator("#metingen-correctie")).to_contain_text("U corrigeert een bestaande meting")
    expect(pagina.get_by_role("textbox", name=re.compile(r"^Peildatum"))).to_be_disabled()
    waarde = pagina.get_by_role("textbox", name=re.compile(r"^Waarde"))
    expect(waarde).to_have_value("5,3")
    expect(rij).to_contain_text("wordt gecorrigeerd")
    assert axe_ernstige_schendingen(pagina) == []
    waarde.fill("5,4")
    pagina.get_by_role("button", name="Correctie opslaan").click()
    expect(pagina.locator("#metingen-bevestiging")).to_contain_text(f"op {PEILDATUM} is nu 5,4% (was 5,3%)",
                                                                    timeout=WACHT)
    expect(rij).to_contain_text("5,4%")

    # De wijkpagina toont de meting in de geschiedenis van de doelstelling (de trendgrafiek).
    pagina.locator("#metingen-link-wijk").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/windmolenbroek\?doelstelling=\d+$"))
    expect(pagina.locator("#wijk-doelstelling-titel")).to_contain_text(INDICATOR, timeout=WACHT)
    punt = pagina.locator("#wijk-doelstelling-metingen tbody tr").filter(has_text=PEILDATUM)
    expect(punt).to_contain_text("5,4")


def test_raadslid_ziet_geen_velden(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/metingen?wijk=kerkelanden")
    expect(pagina.locator("#metingen-geen-rechten")).to_contain_text("U kunt hier niets invoeren", timeout=WACHT)
    expect(pagina.locator("#metingen-opslaan")).to_have_count(0)
    expect(pagina.get_by_role("textbox")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
