"""``/dossier`` in Chromium: een wijziging van de coördinator staat erin, een raadslid filtert via de
keuzelijsten (en de URL volgt), de export bevat de regel, er is niets te bewerken, en axe is schoon.

De demodata schrijven geen dossierregels; de test slaat daarom eerst als coördinator een evaluatie
op als concept: Kerkelanden over vorig jaar. Die ontbreekt in de demo (een concept telt niet als
evaluatie, dus het signaal blijft), en de test van het evaluatieformulier gebruikt het lopende jaar.
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

LIJST = "#dossier-lijst"
RIJ = f"{LIJST} .ag-center-cols-container .ag-row"


def _sla_evaluatie_op_als_coordinator(pagina, app_url: str, sessiecookies, jaar: int) -> None:
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/evaluatie?wijk=kerkelanden&jaar={jaar}")
    expect(pagina.locator("#evaluatie-status")).to_contain_text("nog niet ingevuld", timeout=30_000)
    waardering = pagina.locator("[id^='evaluatie-ambitie-'][id$='-waardering'] input").first
    waardering.fill("7,5")
    pagina.get_by_role("button", name="Opslaan als concept").click()
    expect(pagina.locator("#evaluatie-melding")).to_contain_text("Opgeslagen als concept", timeout=30_000)


def test_dossier_toont_filtert_en_exporteert_een_wijziging(pagina, app_url, sessiecookies):
    jaar = dt.date.today().year - 1
    _sla_evaluatie_op_als_coordinator(pagina, app_url, sessiecookies, jaar)

    wissel_rol(pagina, sessiecookies, "raadslid")
    pagina.goto(f"{app_url}/dossier")
    expect(pagina.locator("h1")).to_have_text("Dossier", timeout=30_000)
    expect(pagina.locator("#dossier-uitleg")).to_contain_text("kan alleen worden aangevuld")
    expect(pagina.locator("#dossier-uitleg")).to_contain_text("conclusie 19")
    regel = pagina.locator(RIJ).filter(has_text="Kerkelanden").filter(has_text=f"Evaluatie {jaar}").first
    expect(regel).to_contain_text("Marieke ter Horst", timeout=30_000)
    expect(regel.locator("[col-id='entiteit']")).to_have_text(f"Evaluatie {jaar}")
    expect(regel.locator("[col-id='actie']")).to_have_text("Aangemaakt")
    # In de tabel ingekort (het formulier vult ook de doelstellingen in); de volledige tekst in de tooltip.
    wijziging = regel.locator("[col-id='wijziging']")
    expect(wijziging).to_contain_text("Status: (leeg) → Concept; Ambitie 1 · ")
    wijziging.hover()
    expect(pagina.locator(".ag-tooltip")).to_contain_text("Waardering: (leeg) → 7,5")
    expect(regel.locator("[col-id='tijdstip']")).to_have_text(re.compile(r"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$"))

    # Niets te bewerken of te wissen: alleen de exportknoppen (en de bladerknoppen van de tabel).
    knoppen = pagina.locator("#_pages_content").get_by_role("button").all_inner_texts()
    assert not [k for k in knoppen if re.search(r"bewerk|wijzig|verwijder|wis|opslaan", k, re.I)], knoppen
    assert pagina.locator(f"{LIJST} .ag-cell-editable, {LIJST} input[type='checkbox']").count() == 0

    # Filter op wijk: de URL en de rijen volgen.
    pagina.select_option("#dossier-wijk", "sluitersveld")  # niet van de coördinator: geen wijzigingen
    expect(pagina).to_have_url(re.compile(r"/dossier\?wijk=sluitersveld$"))
    expect(pagina.locator("#dossier-aantal")).to_have_attribute("data-aantal", "0")
    expect(pagina.locator(f"{LIJST} .ag-overlay")).to_contain_text("Geen wijzigingen")
    pagina.select_option("#dossier-wijk", "kerkelanden")
    expect(pagina).to_have_url(re.compile(r"/dossier\?wijk=kerkelanden$"))
    expect(pagina.locator("#dossier-wijklink")).to_have_attribute("href", "/wijk/kerkelanden")
    expect(pagina.locator(RIJ).first).to_contain_text("Kerkelanden", timeout=30_000)
    aantal = int(pagina.locator("#dossier-aantal").get_attribute("data-aantal"))
    assert aantal >= 1

    # Filter op entiteit: alleen wat in het dossier voorkomt staat in de lijst.
    opties = [o for o in pagina.locator("#dossier-entiteit option").all_text_contents() if o]  # zonder placeholder
    assert opties[0] == "Alle entiteiten" and "Evaluatie" in opties
    pagina.select_option("#dossier-entiteit", "evaluatie")
    expect(pagina).to_have_url(re.compile(r"/dossier\?wijk=kerkelanden&entiteit=evaluatie$"))
    expect(pagina.locator("#dossier-onderwerp")).to_have_text("Kerkelanden · Evaluatie")
    expect(pagina.locator(RIJ).first.locator("[col-id='entiteit']")).to_have_text(re.compile(r"^Evaluatie \d{4}$"),
                                                                                  timeout=30_000)

    # Een onmogelijke datum geeft een melding bij het veld en verandert de URL niet; een goede wel (ISO).
    pagina.fill("#dossier-van", "31-02-2026")
    pagina.press("#dossier-van", "Enter")
    expect(pagina.locator("#dossier-van-fout")).to_have_text("Van: de datum 31-02-2026 bestaat niet. Controleer dag "
                                                             "en maand.")
    expect(pagina).to_have_url(re.compile(r"/dossier\?wijk=kerkelanden&entiteit=evaluatie$"))
    vandaag = dt.date.today()
    pagina.fill("#dossier-van", f"{vandaag:%d-%m-%Y}")
    pagina.press("#dossier-van", "Enter")
    expect(pagina).to_have_url(re.compile(rf"/dossier\?wijk=kerkelanden&entiteit=evaluatie&van={vandaag:%Y-%m-%d}$"))
    expect(pagina.locator("#dossier-van")).to_have_value(f"{vandaag:%d-%m-%Y}")
    expect(pagina.locator(RIJ).first).to_contain_text("Marieke ter Horst", timeout=30_000)

    # Toegankelijkheid van de gefilterde pagina (vóór de klik op de exportknop: axe meet anders de
    # kleur van de knop midden in de overgang naar zijn hover-stijl).
    assert axe_ernstige_schendingen(pagina) == []

    # De export volgt de filters uit de URL en bevat de regel, met de volledige tekst.
    with pagina.expect_download() as download:
        pagina.click("#dossier-lijst-csv")
    assert re.match(r"kerkelanden_dossier_\d{2}-\d{2}-\d{4}\.csv$", download.value.suggested_filename)
    regels = open(download.value.path(), encoding="utf-8-sig", newline="").read().strip().split("\r\n")
    assert regels[0] == "Tijdstip;Gebruiker;Wijk;Entiteit;Actie;Wijziging"
    velden = [r.split(";", 5) for r in regels[1:]]
    assert {v[2] for v in velden} == {"Kerkelanden"}
    assert all(re.match(r"^Evaluatie \d{4}$", v[3]) for v in velden)
    assert any(v[1] == "Marieke ter Horst" and v[3] == f"Evaluatie {jaar}" and v[4] == "Aangemaakt"
               and "Waardering: (leeg) → 7,5" in v[5]
               for v in velden), velden


def test_ongeldige_filters_in_de_url_geven_een_melding(pagina, app_url):
    pagina.goto(f"{app_url}/dossier?wijk=bestaat-niet&entiteit=%3Cscript%3E&van=2026-13-01&tot=gisteren")
    expect(pagina.locator("h1")).to_have_text("Dossier", timeout=30_000)
    expect(pagina.locator("#dossier-ongeldig-wijk")).to_contain_text("Wijk niet gevonden: 'bestaat-niet'")
    expect(pagina.locator("#dossier-ongeldig-entiteit")).to_contain_text("komt niet voor in het dossier")
    expect(pagina.locator("#dossier-van-fout")).to_contain_text("Van: de datum 2026-13-01 bestaat niet")
    expect(pagina.locator("#dossier-tot-fout")).to_contain_text("Tot en met: schrijf de datum als dd-mm-jjjj")
    expect(pagina.locator("#dossier-wijk")).to_have_value("alle")
