"""``/invoer/bewonersinbreng`` in Chromium: de coördinator legt bij het lopende plan van Windmolenbroek een
bewonersbijeenkomst vast (eerst met fouten: te groot bereik, geen opmerkingen; er wordt niets opgeslagen), ziet
haar in de tabel en op de wijkpagina, en corrigeert haar. Een raadslid ziet een uitleg en geen velden. Geen
ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test kiest uitdrukkelijk het vastgestelde plan
2026–2027 van Windmolenbroek (geen plan in voorbereiding, dus de levenscyclus van andere tests verandert niet) en
voegt daar één bijeenkomst met een eigen opmerking aan toe; andere tests kijken niet naar de inbreng daarvan.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
PLAN = "Wijkplan Windmolenbroek 2026–2027"


def _kies_plan(pagina) -> str:
    opties = pagina.locator("#bewonersinbreng-plan option")
    for i in range(opties.count()):
        if opties.nth(i).inner_text().startswith(PLAN):
            waarde = opties.nth(i).get_attribute("value")
            if pagina.locator("#bewonersinbreng-plan").input_value() != waarde:
                pagina.select_option("#bewonersinbreng-plan", waarde)
                expect(pagina).to_have_url(re.compile(rf"\?wijk=windmolenbroek&plan={waarde}$"))
            expect(pagina.locator("#bewonersinbreng-eerder-titel")).to_contain_text(PLAN, timeout=WACHT)
            return waarde
    raise AssertionError(f"{PLAN} staat niet in de keuzelijst")


def test_coordinator_legt_een_bewonersbijeenkomst_vast(pagina, app_url, sessiecookies):
    vandaag = dt.date.today()
    opmerking = f"Browsertest {uuid.uuid4().hex[:6]}: bewoners vragen om meer bankjes bij de speeltuin."
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/bewonersinbreng?wijk=windmolenbroek")
    expect(pagina.locator("#bewonersinbreng-formulier-titel")).to_have_text("Nieuwe inbreng", timeout=WACHT)
    plan_id = _kies_plan(pagina)
    expect(pagina.locator("#bewonersinbreng-planstatus")).to_have_text("Vastgesteld door de raad")
    rijen_voor = pagina.locator("#bewonersinbreng-tabel tbody tr").count()

    # Eerst fout: meer bereikte bewoners dan de wijk inwoners telt, en geen opmerkingen.
    datum = pagina.get_by_role("textbox", name=re.compile(r"^Datum"))
    expect(datum).to_have_value(f"{vandaag:%d-%m-%Y}")
    expect(pagina.get_by_role("combobox", name=re.compile(r"^Vorm"))).to_have_value("bijeenkomst")
    bereik = pagina.get_by_role("textbox", name=re.compile(r"^Bereik"))
    bereik.fill("99.999")
    pagina.get_by_role("button", name="Inbreng vastleggen").click()
    expect(pagina.locator("#bewonersinbreng-melding .alert-danger")).to_contain_text("Niet opgeslagen", timeout=WACHT)
    expect(pagina.locator("#bewonersinbreng-opmerkingen + .invalid-feedback")).to_contain_text(
        "dit veld is verplicht")
    opmerkingen = pagina.get_by_role("textbox", name=re.compile(r"^Opmerkingen van bewoners"))
    expect(opmerkingen).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#bewonersinbreng-tabel tbody tr")).to_have_count(rijen_voor)
    assert axe_ernstige_schendingen(pagina) == []

    opmerkingen.fill(opmerking)
    pagina.get_by_role("button", name="Inbreng vastleggen").click()
    expect(pagina.locator("#bewonersinbreng-bereik + .invalid-feedback")).to_contain_text(
        re.compile(r"Windmolenbroek telt [\d.]+ inwoners"), timeout=WACHT)
    expect(pagina.locator("#bewonersinbreng-opmerkingen + .invalid-feedback")).to_have_text("")
    expect(pagina.locator("#bewonersinbreng-tabel tbody tr")).to_have_count(rijen_voor)

    bereik.fill("42")
    pagina.get_by_role("button", name="Inbreng vastleggen").click()
    bevestiging = pagina.locator("#bewonersinbreng-bevestiging")
    expect(bevestiging).to_contain_text(f"bijeenkomst van {vandaag:%d-%m-%Y} met 42 bereikte bewoners",
                                        timeout=WACHT)
    expect(pagina.locator("#bewonersinbreng-tabel tbody tr")).to_have_count(rijen_voor + 1)
    expect(pagina.locator("#bewonersinbreng-tabel tbody tr").first).to_contain_text(opmerking)
    expect(opmerkingen).to_have_value("")  # klaar voor de volgende inbreng
    expect(bereik).to_have_value("")

    # De bijeenkomst staat op de wijkpagina, bij dit plan.
    bevestiging.get_by_role("link", name="bekijk de wijkpagina").click()
    expect(pagina).to_have_url(re.compile(rf"/wijk/windmolenbroek\?plan={plan_id}$"))
    rij = pagina.locator("#wijk-inbreng-tabel tr", has_text=opmerking)
    expect(rij).to_contain_text(f"{vandaag:%d-%m-%Y}", timeout=WACHT)
    expect(rij).to_contain_text("Bijeenkomst")
    expect(rij).to_contain_text("42")

    # Corrigeren: het bereik was 45.
    pagina.goto(f"{app_url}/invoer/bewonersinbreng?wijk=windmolenbroek&plan={plan_id}")
    pagina.get_by_role("link", name=f"Corrigeer inbreng: bijeenkomst van {vandaag:%d-%m-%Y}").first.click()
    expect(pagina.locator("#bewonersinbreng-formulier-titel")).to_have_text("Inbreng corrigeren", timeout=WACHT)
    expect(opmerkingen).to_have_value(opmerking)
    bereik.fill("45")
    pagina.get_by_role("button", name="Correctie opslaan").click()
    expect(bevestiging).to_contain_text("Correctie opgeslagen", timeout=WACHT)
    expect(pagina.locator("#bewonersinbreng-tabel tr", has_text=opmerking)).to_contain_text("45")
    assert axe_ernstige_schendingen(pagina) == []


def test_raadslid_ziet_een_uitleg_en_geen_velden(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/bewonersinbreng?wijk=windmolenbroek")
    expect(pagina.locator("#bewonersinbreng-geen-rechten")).to_contain_text("kunt u de bewonersinbreng lezen",
                                                                           timeout=WACHT)
    expect(pagina.locator("#_pages_content").locator("input, select, textarea, button")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
    # De gegevens zelf staan op de wijkpagina.
    pagina.locator("#bewonersinbreng-leeslink").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/windmolenbroek$"))
    expect(pagina.locator("#wijk-inbreng-tabel tbody tr").first).to_be_visible(timeout=WACHT)
