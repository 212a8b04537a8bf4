"""``/toezeggingen`` in Chromium: in twee klikken van ``/`` naar een te late toezegging, filters en
zoeken via de URL, export naar CSV en Excel, en toegankelijkheid."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

LIJST = "#toezeggingen-lijst"


def _aantal(pagina) -> int:
    titel = pagina.locator("#toezeggingen-lijst-titel")
    expect(titel).to_have_text(re.compile(r"^Toezeggingenlijst \(\d+ toezegging(en)?\)$"), timeout=30_000)
    return int(re.search(r"\((\d+) ", titel.inner_text())[1])


def _nieuw_aantal(pagina, oud: int) -> int:
    """Het aantal in de titel zodra de pagina na een filterwijziging opnieuw is opgebouwd."""
    expect(pagina.locator("#toezeggingen-lijst-titel")).not_to_have_text(
        re.compile(rf"\({oud} toezegging"), timeout=30_000)
    return _aantal(pagina)


def _wacht_op_rijen(pagina) -> None:
    """De grid haalt haar rijen per blok van de server; tot dan staan er lege rijen. Wacht tot de eerste
    rij een nummer heeft (het hele blok komt in één antwoord)."""
    pagina.locator(LIJST).scroll_into_view_if_needed()
    expect(pagina.locator(f'{LIJST} .ag-center-cols-container .ag-row[row-index="0"] [col-id="nummer"]')
           ).to_have_text(re.compile(r"\S"), timeout=30_000)


def test_te_late_toezegging_in_twee_klikken_vanaf_het_overzicht(pagina, app_url):
    pagina.goto(app_url + "/")
    signaal = pagina.locator('#overzicht-signalen li[data-regel="toezegging_te_laat"] a').first
    expect(signaal).to_be_visible(timeout=30_000)
    signaal.click()  # klik 1 (klik 2 zou de rij openen; ze staat al in beeld)
    expect(pagina).to_have_url(re.compile(r"/toezeggingen\?status=te_laat"), timeout=15_000)
    expect(pagina.locator("#toezeggingen-status")).to_have_value("te_laat", timeout=30_000)
    rij = pagina.locator(f"{LIJST} .ag-center-cols-container .ag-row").first
    expect(rij).to_be_visible(timeout=30_000)
    # In woorden én kleur: de statuscel zegt "Te laat — termijn dd-mm-jjjj verstreken", met klassen.
    status = rij.locator('[col-id="status_tekst"]')
    expect(status).to_have_text(re.compile(r"^✖ Te laat — termijn \d{2}-\d{2}-\d{4} verstreken$"))
    expect(status).to_have_class(re.compile(r"status-ver-achter"))
    expect(rij).to_have_class(re.compile(r"toezegging-te-laat"))
    _wacht_op_rijen(pagina)
    # Alle rijen zijn te laat.
    aantal = _aantal(pagina)
    assert aantal >= 1
    statussen = pagina.locator(f'{LIJST} .ag-center-cols-container [col-id="status_tekst"]').all_inner_texts()
    assert statussen and all("Te laat" in s for s in statussen)
    assert axe_ernstige_schendingen(pagina) == []


def test_filters_en_zoeken_via_de_url_en_export(pagina, app_url):
    # Ongeldige waarden geven een melding en vallen weg.
    pagina.goto(app_url + "/toezeggingen?status=99&wijk=nergens")
    expect(pagina.locator(".toezeggingen-niet-gevonden")).to_have_count(2, timeout=30_000)
    expect(pagina.locator("#toezeggingen-status")).to_have_value("alle")
    alle = _aantal(pagina)
    expect(pagina.locator(f"{LIJST} .ag-center-cols-container .ag-row").first).to_be_visible(timeout=30_000)

    pagina.select_option("#toezeggingen-portefeuillehouder", "Anne Brinkhuis")
    expect(pagina).to_have_url(re.compile(r"/toezeggingen\?portefeuillehouder=Anne\+Brinkhuis$"),
                               timeout=20_000)
    # Wacht tot de pagina voor dit filter opnieuw is opgebouwd (minder toezeggingen in de titel).
    van_anne = _nieuw_aantal(pagina, alle)
    expect(pagina.locator("#toezeggingen-portefeuillehouder")).to_have_value("Anne Brinkhuis")
    zoek = pagina.locator("#toezeggingen-zoek")
    zoek.fill("EVALUATIE")
    zoek.press("Enter")
    expect(pagina).to_have_url(re.compile(r"/toezeggingen\?portefeuillehouder=Anne\+Brinkhuis&zoek=EVALUATIE$"),
                               timeout=20_000)
    gevonden = _nieuw_aantal(pagina, van_anne)
    expect(pagina.locator("#toezeggingen-zoek")).to_have_value("EVALUATIE")
    assert 0 < gevonden < van_anne < alle

    with pagina.expect_download() as download:
        pagina.click("#toezeggingen-lijst-csv")
    assert re.match(r"almelo_toezeggingen_\d{2}-\d{2}-\d{4}\.csv$", download.value.suggested_filename)
    tekst = open(download.value.path(), encoding="utf-8-sig", newline="").read()
    regels = tekst.strip().split("\r\n")
    assert regels[0] == ("Nummer;Datum;Vergadering;Portefeuillehouder;Onderwerp;Wijk;Termijn;Status;Afdoening;"
                         "Afgedaan op;Document")
    import csv

    rijen = list(csv.reader(regels[1:], delimiter=";"))
    assert len(rijen) == gevonden
    for r in rijen:
        assert r[3] == "Anne Brinkhuis"
        assert "evaluatie" in (r[0] + r[4] + r[8]).lower()
        assert re.match(r"^\d{2}-\d{2}-\d{4}$", r[1]) and re.match(r"^\d{2}-\d{2}-\d{4}$", r[6])
        assert re.match(r"^(✖ Te laat — termijn \d{2}-\d{2}-\d{4} verstreken|○ Open|✔ Afgedaan op \d{2}-\d{2}-\d{4}|"
                        r"– Vervallen)$", r[7])

    with pagina.expect_download() as download:
        pagina.click("#toezeggingen-lijst-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as bestand:
        blad = load_workbook(io.BytesIO(bestand.read())).active
    assert [c.value for c in blad[1]][:4] == ["Nummer", "Datum", "Vergadering", "Portefeuillehouder"]
    assert blad.max_row == 1 + gevonden
    assert blad["B2"].is_date and blad["B2"].number_format == "dd-mm-yyyy"


def test_wijkfilter_uit_de_wijkpagina(pagina, app_url):
    pagina.goto(app_url + "/toezeggingen?wijk=ossenkoppelerhoek")
    expect(pagina.locator("#toezeggingen-wijk")).to_have_value("ossenkoppelerhoek", timeout=30_000)
    expect(pagina.locator(f"{LIJST} .ag-center-cols-container .ag-row").first).to_be_visible(timeout=30_000)
    _wacht_op_rijen(pagina)
    wijken = pagina.locator(f'{LIJST} .ag-center-cols-container [col-id="wijk"]').all_inner_texts()
    assert wijken and set(wijken) == {"Ossenkoppelerhoek"}
    # Ossenkoppelerhoek heeft te late toezeggingen (demo-verhaal); ze staan bovenaan.
    eerste_status = pagina.locator(f'{LIJST} .ag-row[row-index="0"] [col-id="status_tekst"]')
    expect(eerste_status).to_contain_text("Te laat")
