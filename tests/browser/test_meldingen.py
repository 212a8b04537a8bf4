"""``/meldingen`` in Chromium: filters in de URL, doorklikken naar een wijk, de lijst die per pagina
van de server komt, de export, geen verzoeken naar internet, en toegankelijkheid."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

LIJST = "#meldingen-lijst"


def _open(pagina, app_url: str, query: str = "") -> None:
    pagina.goto(f"{app_url}/meldingen{query}")
    expect(pagina.locator("h1")).to_have_text("Meldingen", timeout=30_000)
    expect(pagina.locator("#meldingen-per-wijk .js-plotly-plot")).to_be_visible(timeout=30_000)


def _eerste_kenmerk(pagina, rij: int = 0) -> str:
    """Het kenmerk in rij ``rij`` (0 = eerste van pagina 1, 50 = eerste van pagina 2), zodra geladen.
    AG Grid vervangt rijen tijdens het laden, dus lezen we tot er een geldig kenmerk staat."""
    cel = pagina.locator(f'{LIJST} .ag-center-cols-container .ag-row[row-index="{rij}"] [col-id="kenmerk"]')
    pagina.locator(LIJST).scroll_into_view_if_needed()  # AG Grid tekent rijen pas als de tabel in beeld is
    for _ in range(60):
        tekst = cel.first.text_content(timeout=30_000) if cel.count() else ""
        if tekst and re.match(r"^M\d{4}-\d+$", tekst):
            return tekst
        pagina.wait_for_timeout(500)
    raise AssertionError(f"geen kenmerk in rij {rij}")


def test_filters_gaan_heen_en_terug_via_de_url(pagina, app_url):
    _open(pagina, app_url, "?wijk=kerkelanden&jaar=2025")
    expect(pagina.locator("#meldingen-wijk")).to_have_value("kerkelanden")
    expect(pagina.locator("#meldingen-jaar")).to_have_value("2025")
    expect(pagina.locator("#meldingen-peildatum")).to_contain_text("31-12-2025 · Kerkelanden")
    pagina.select_option("#meldingen-categorie", "overlast")
    expect(pagina).to_have_url(re.compile(r"/meldingen\?wijk=kerkelanden&jaar=2025&categorie=overlast$"),
                               timeout=20_000)
    expect(pagina.locator("#meldingen-peildatum")).to_contain_text("Kerkelanden · Overlast")
    # Alleen Kerkelanden in de tabel per wijk, alleen overlast per categorie.
    assert pagina.locator("#meldingen-per-wijk-tabel tbody tr").count() == 1
    assert pagina.locator("#meldingen-per-categorie-tabel tbody tr").all_text_contents()[0].startswith("Overlast")
    # Terug naar alle wijken: de wijk verdwijnt uit de URL, de rest blijft.
    pagina.select_option("#meldingen-wijk", "alle")
    expect(pagina).to_have_url(re.compile(r"/meldingen\?jaar=2025&categorie=overlast$"), timeout=20_000)
    expect(pagina.locator("#meldingen-per-wijk-tabel tbody tr")).to_have_count(12)  # twaalf demowijken
    expect(pagina.locator("#meldingen-wijk")).to_have_value("alle")
    expect(pagina.locator("#meldingen-categorie")).to_have_value("overlast")


def test_klik_op_wijk_in_de_grafiek_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url)
    # De bovenste balk is de eerste wijk op naam; klik in het midden van de balk.
    balken = pagina.locator("#meldingen-per-wijk .bars .point path")
    expect(balken.first).to_be_visible()
    balken.last.click(force=True)
    expect(pagina).to_have_url(re.compile(r"/wijk/[a-z-]+$"), timeout=15_000)
    expect(pagina.locator("h1")).to_have_text("Aalderinkshoek", timeout=30_000)


def test_lijst_pagineert_op_de_server_en_exporteert_alle_gefilterde_rijen(pagina, app_url):
    extern: list[str] = []
    eigen = urlparse(app_url).netloc
    pagina.on("request", lambda r: extern.append(r.url)
              if urlparse(r.url).netloc not in (eigen, "") and not r.url.startswith("data:") else None)
    _open(pagina, app_url, "?wijk=kerkelanden&jaar=2025")
    pagina.locator(LIJST).scroll_into_view_if_needed()
    eerste = _eerste_kenmerk(pagina)
    totaal = int(pagina.locator("#meldingen-lijst-aantal").get_attribute("data-aantal"))
    assert 50 < totaal < 100, "de demo heeft voor Kerkelanden 2025 tussen 50 en 100 meldingen"
    samenvatting = pagina.locator(f"{LIJST} .ag-paging-row-summary-panel")
    expect(samenvatting).to_contain_text(f"1 tot 50 van {totaal}", timeout=30_000)
    pagina.locator(LIJST).get_by_role("button", name="Volgende pagina").click()
    expect(samenvatting).to_contain_text(f"51 tot {totaal} van {totaal}", timeout=30_000)
    expect(pagina.locator(f"{LIJST} .ag-paging-description")).to_contain_text("Pagina 2 van 2")
    tweede = _eerste_kenmerk(pagina, 50)
    assert tweede != eerste

    # Sorteren gebeurt in SQL: op kenmerk oplopend begint de lijst bij het laagste kenmerk.
    pagina.locator(LIJST).get_by_role("button", name="Eerste pagina").click()
    pagina.locator(f'{LIJST} .ag-header-cell[col-id="kenmerk"] .ag-header-cell-label').click()
    expect(pagina.locator(f'{LIJST} .ag-header-cell[col-id="kenmerk"]')).to_have_attribute("aria-sort", "ascending")
    expect(pagina.locator(f'{LIJST} .ag-row[row-index="0"] [col-id="kenmerk"]')).to_have_text(
        re.compile(r"^M2025-00\d+$"), timeout=30_000)

    with pagina.expect_download() as download:
        pagina.click("#meldingen-lijst-csv")
    assert re.match(r"kerkelanden_meldingen_2025_\d{2}-\d{2}-\d{4}\.csv$", download.value.suggested_filename)
    tekst = open(download.value.path(), encoding="utf-8-sig", newline="").read()
    regels = tekst.strip().split("\r\n")
    assert regels[0].startswith("Kenmerk;Ontvangen;Wijk;Buurt;Categorie;Ernst;Kanaal;Status;Afgehandeld;")
    assert len(regels) == 1 + totaal  # alle gefilterde rijen, niet alleen de zichtbare pagina
    velden = [r.split(";") for r in regels[1:]]
    assert {v[2] for v in velden} == {"Kerkelanden"}
    assert all(re.match(r"^\d{2}-\d{2}-2025$", v[1]) for v in velden)
    assert {v[7] for v in velden} <= {"Open", "In behandeling", "Afgehandeld"}  # Nederlandse labels
    kenmerken = [v[0] for v in velden]
    assert kenmerken == sorted(kenmerken)  # de sortering van de tabel
    assert eerste in kenmerken and tweede in kenmerken
    assert extern == [], f"Verzoeken naar internet: {extern}"


def test_ongeldige_filters_kerncijfers_normen_en_toegankelijkheid(pagina, app_url):
    # Ongeldige filters vallen terug op de standaard, met een melding voor de onbekende wijk.
    _open(pagina, app_url, "?wijk=bestaat-niet&jaar=abc&categorie=99&status=x")
    expect(pagina.locator("#meldingen-niet-gevonden")).to_contain_text("Wijk niet gevonden")
    expect(pagina.locator("#meldingen-wijk")).to_have_value("alle")
    expect(pagina.locator("#meldingen-categorie")).to_have_value("alle")
    expect(pagina.locator("#meldingen-jaar")).not_to_have_value("abc")
    expect(pagina.locator("#meldingen-normen")).to_contain_text("Schoon: 5 werkdagen")
    expect(pagina.locator("#meldingen-kpi-mediaan")).to_have_text(re.compile(r"^\d+,\d werkdagen$"))
    expect(pagina.locator("#meldingen-kpi-norm")).to_have_text(re.compile(r"^\d+,\d%$"))
    expect(pagina.locator("#meldingen-kpi-regiegroep")).to_have_text(re.compile(r"^\d+,\d%$"))
    # Kerkelanden heeft meldingen die al maanden open staan (demo-verhaal).
    expect(pagina.locator("#meldingen-open .ag-row").first).to_be_visible(timeout=30_000)
    assert "Kerkelanden" in pagina.locator("#meldingen-open .ag-center-cols-container").inner_text()
    _eerste_kenmerk(pagina)
    assert axe_ernstige_schendingen(pagina) == []
