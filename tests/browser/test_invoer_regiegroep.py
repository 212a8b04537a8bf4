"""``/invoer/regiegroep`` in Chromium: de coördinator voegt een lid toe aan de regiegroep van De Riet (eerst met
een fout: einde van de termijn vóór het begin), ziet het lid op de wijkpagina, legt daarna het vertrek vast (eerst
met een fout: vóór het begin van de termijn) en ziet het lid als oud-lid en niet meer op de wijkpagina. Een
raadslid ziet een uitleg en geen velden. Geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test raakt alleen De Riet (andere tests kijken naar de
regiegroep van Sluitersveld en Binnenstad) en voegt een lid toe van een type dat er nog niet was (school) dat
dezelfde dag weer vertrekt: de voorzitter, de bewoners en de signalen van de demo veranderen niet.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000


def test_coordinator_voegt_een_lid_toe_en_legt_het_vertrek_vast(pagina, app_url, sessiecookies):
    vandaag = dt.date.today()
    naam = f"Noor Browsertest {uuid.uuid4().hex[:4]}"
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/regiegroep?wijk=de-riet")
    expect(pagina.locator("#regiegroep-bewoners")).to_be_visible(timeout=WACHT)
    # Alleen de eigen wijken van de coördinator.
    wijken = set(pagina.locator("#regiegroep-wijk option").all_inner_texts()) - {""}  # "" = placeholder
    assert wijken == {"De Riet", "Kerkelanden", "Windmolenbroek"}
    expect(pagina.locator("#regiegroep-aandachtspunten")).to_contain_text("Nog niet vertegenwoordigd: school")
    assert axe_ernstige_schendingen(pagina) == []

    # Toevoegen, eerst met een fout: het einde van de termijn ligt vóór het begin.
    pagina.get_by_role("textbox", name=re.compile(r"^Naam")).fill(naam)
    pagina.get_by_role("combobox", name=re.compile(r"^Organisatietype")).select_option("school")
    pagina.get_by_role("textbox", name=re.compile(r"^Organisatie\b")).fill("Basisschool De Riet")
    pagina.get_by_role("textbox", name=re.compile(r"^Begin zittingstermijn")).fill(f"{vandaag:%d-%m-%Y}")
    einde = pagina.get_by_role("textbox", name=re.compile(r"^Einde zittingstermijn"))
    einde.fill("01-01-2020")
    pagina.get_by_role("button", name="Lid toevoegen").click()
    expect(pagina.locator("#regiegroep-melding .alert-danger")).to_contain_text("Niet opgeslagen", timeout=WACHT)
    fout = pagina.locator("#regiegroep-lid-termijn-tot + .invalid-feedback")
    expect(fout).to_contain_text("de termijn kan niet eindigen (01-01-2020) vóór hij begint")
    expect(einde).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#regiegroep-leden")).not_to_contain_text(naam)
    assert axe_ernstige_schendingen(pagina) == []

    einde.fill(f"{vandaag + dt.timedelta(days=4 * 365):%d-%m-%Y}")
    pagina.get_by_role("button", name="Lid toevoegen").click()
    expect(pagina.locator("#regiegroep-bevestiging")).to_contain_text(f"{naam} is toegevoegd", timeout=WACHT)
    expect(fout).to_have_text("")
    expect(pagina.get_by_role("textbox", name=re.compile(r"^Naam"))).to_have_value("")  # klaar voor het volgende
    rij = pagina.locator("#regiegroep-organisaties tr", has_text=naam)
    expect(rij).to_contain_text("School")
    expect(rij).to_contain_text("Basisschool De Riet")
    expect(pagina.locator("#regiegroep-aandachtspunten")).not_to_contain_text("Nog niet vertegenwoordigd: school")

    # Het lid staat op de wijkpagina.
    pagina.get_by_role("link", name="Bekijk de regiegroep op de wijkpagina De Riet").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/de-riet$"))
    expect(pagina.locator("#wijk-regiegroep-leden")).to_contain_text(naam, timeout=WACHT)

    # Vertrek vastleggen, eerst met een fout: vóór het begin van de zittingstermijn.
    pagina.goto(f"{app_url}/invoer/regiegroep?wijk=de-riet")
    pagina.get_by_role("link", name=f"Wijzig of leg vertrek vast: {naam}").click()
    expect(pagina).to_have_url(re.compile(r"/invoer/regiegroep\?wijk=de-riet&lid=\d+$"))
    expect(pagina.locator("#regiegroep-vertrek-titel")).to_have_text(f"Vertrek vastleggen: {naam}", timeout=WACHT)
    expect(pagina.locator("#regiegroep-organisaties tr[aria-current='true']")).to_contain_text(naam)
    vertrek = pagina.get_by_role("textbox", name=re.compile(r"^Vertrokken op"))
    expect(vertrek).to_have_value(f"{vandaag:%d-%m-%Y}")
    vertrek.fill(f"{vandaag - dt.timedelta(days=1):%d-%m-%Y}")
    pagina.get_by_role("button", name="Vertrek vastleggen").click()
    expect(pagina.locator("#regiegroep-vertrek-vertrokken-op + .invalid-feedback")).to_contain_text(
        "het vertrek kan niet eerder zijn", timeout=WACHT)
    assert axe_ernstige_schendingen(pagina) == []
    vertrek.fill(f"{vandaag:%d-%m-%Y}")
    pagina.get_by_role("button", name="Vertrek vastleggen").click()
    expect(pagina.locator("#regiegroep-bevestiging")).to_contain_text(f"Het vertrek van {naam} is vastgelegd",
                                                                      timeout=WACHT)
    expect(pagina.locator("#regiegroep-bewerken")).to_be_hidden()
    expect(pagina.locator("#regiegroep-organisaties")).not_to_contain_text(naam)
    expect(pagina.locator("#regiegroep-oud-leden tr", has_text=naam)).to_contain_text(f"{vandaag:%d-%m-%Y}")

    # Op de wijkpagina zit het lid niet meer in de regiegroep.
    pagina.get_by_role("link", name="Bekijk de regiegroep op de wijkpagina De Riet").click()
    expect(pagina.locator("#wijk-regiegroep-leden")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#wijk-regiegroep-leden")).not_to_contain_text(naam)


def test_raadslid_ziet_een_uitleg_en_geen_velden(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/regiegroep?wijk=de-riet")
    expect(pagina.locator("#regiegroep-geen-rechten")).to_contain_text("kunt u de regiegroepen lezen", timeout=WACHT)
    expect(pagina.locator("#_pages_content").locator("input, select, textarea, button")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
    # De gegevens zelf staan op de wijkpagina.
    pagina.locator("#regiegroep-leeslink").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/de-riet$"))
    expect(pagina.locator("#wijk-regiegroep-leden-voorzitter")).to_contain_text("Voorzitter", timeout=WACHT)
