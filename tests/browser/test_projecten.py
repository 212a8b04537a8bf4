"""``/projecten`` in Chromium: filters in de URL, export, tijdlijn en voortgangshistorie."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

KOPPEN = [
    "Maatregel", "Wijk", "Ambitie", "Oplossingsrichting", "Verantwoordelijke", "Status", "Voortgang",
    "Achter schema", "Gepland start", "Gepland eind", "Werkelijk start", "Werkelijk afgerond",
    "Geschatte kosten", "Besteed",
]  # fmt: skip


def _open(pagina, app_url: str, query: str) -> None:
    pagina.goto(f"{app_url}{query}")
    expect(pagina.locator("#projecten-peildatum")).to_be_visible(timeout=30_000)
    pagina.wait_for_load_state("networkidle")


def _csv(download) -> list[list[str]]:
    with open(download.path(), encoding="utf-8-sig", newline="") as bestand:
        tekst = bestand.read()
    return [regel.split(";") for regel in tekst.strip().split("\r\n")]


def test_filters_via_de_url_en_export(pagina, app_url):
    jaar = dt.date.today().year
    _open(pagina, app_url, "/projecten")
    expect(pagina.locator("#projecten-jaar")).to_have_value(str(jaar))
    pagina.select_option("#projecten-wijk", "kerkelanden")
    expect(pagina).to_have_url(re.compile(rf"/projecten\?wijk=kerkelanden&jaar={jaar}$"))
    expect(pagina.locator("#projecten-peildatum")).to_contain_text("Kerkelanden")
    pagina.select_option("#projecten-status", "vertraagd")
    expect(pagina).to_have_url(re.compile(rf"\?wijk=kerkelanden&status=vertraagd&jaar={jaar}$"))
    pagina.reload()
    expect(pagina.locator("#projecten-wijk")).to_have_value("kerkelanden", timeout=30_000)
    expect(pagina.locator("#projecten-status")).to_have_value("vertraagd")
    expect(pagina.locator("#projecten-jaar")).to_have_value(str(jaar))
    statussen = pagina.locator("#projecten-maatregelen .ag-center-cols-container [col-id='status']")
    # De rijen komen per blok van de server; een rij die nog laadt is leeg.
    expect(statussen.first).to_have_text("▲ Vertraagd", timeout=15_000)
    assert set(statussen.all_inner_texts()) == {"▲ Vertraagd"}

    blok = pagina.locator(".grid-blok", has=pagina.locator("#projecten-maatregelen"))
    with pagina.expect_download() as d:
        blok.get_by_role("button", name="Download CSV").click()
    assert d.value.suggested_filename.startswith(f"kerkelanden_maatregelen_{jaar}_")
    rijen = _csv(d.value)
    assert rijen[0] == KOPPEN
    assert len(rijen) == 1 + statussen.count()
    for rij in rijen[1:]:
        assert (rij[1], rij[5], rij[7]) == ("Kerkelanden", "Vertraagd", "Ja")  # vertraagd is altijd achter schema
        assert re.fullmatch(r"\d{1,3},\d%", rij[6])
        assert re.fullmatch(r"\d\d-\d\d-\d{4}", rij[8]) and re.fullmatch(r"\d\d-\d\d-\d{4}", rij[9])
        assert re.fullmatch(r"\d+,\d\d", rij[13])
    # Excel: dezelfde rijen (de server haalt ze op met de filters uit de URL), getallen als getal.
    with pagina.expect_download() as d:
        blok.get_by_role("button", name="Download Excel").click()
    assert d.value.suggested_filename.startswith(f"kerkelanden_maatregelen_{jaar}_")
    with open(d.value.path(), "rb") as bestand:
        blad = load_workbook(io.BytesIO(bestand.read())).active
    assert [c.value for c in blad[1]] == KOPPEN
    excel = [[c.value for c in r] for r in blad.iter_rows(min_row=2)]
    assert [r[0] for r in excel] == [r[0] for r in rijen[1:]]
    assert all(isinstance(r[6], (int, float)) and 0 <= r[6] <= 1 for r in excel), excel  # voortgang als getal

    pagina.select_option("#projecten-jaar", "alle")
    expect(pagina).to_have_url(re.compile(r"\?wijk=kerkelanden&status=vertraagd&jaar=alle$"))
    expect(pagina.locator("#projecten-peildatum")).to_contain_text("alle jaren")


def test_signaallink_tijdlijn_en_voortgangshistorie(pagina, app_url):
    jaar = dt.date.today().year
    # Zo linkt het signaal "maatregelen lopen achter op schema" van het overzicht.
    _open(pagina, app_url, f"/projecten?wijk=kerkelanden&jaar={jaar}")
    samenvatting = pagina.locator("#projecten-samenvatting")
    expect(samenvatting).to_contain_text("achter schema")
    aantal = int(re.search(r"(\d+) achter schema", samenvatting.inner_text()).group(1))
    assert aantal > 0  # het verhaal van de demo: Kerkelanden raakt achter
    achter = pagina.locator("#projecten-maatregelen .ag-center-cols-container [col-id='achter_schema']")
    expect(achter.first).to_have_text(re.compile(r"Ja|Nee"), timeout=15_000)  # het blok is binnen
    assert achter.all_inner_texts().count("✖ Ja") == aantal
    expect(pagina.locator("#projecten-tijdlijn .legendtext").first).to_be_visible()
    legenda = pagina.locator("#projecten-tijdlijn .legendtext").all_text_contents()
    assert "Vertraagd" in legenda

    balk = pagina.locator("#projecten-tijdlijn g.point path").first
    vak = balk.bounding_box()
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(pagina).to_have_url(re.compile(rf"\?wijk=kerkelanden&jaar={jaar}&maatregel=\d+$"))
    expect(pagina.locator("#projecten-historie-titel")).to_contain_text("Voortgangshistorie", timeout=15_000)
    regels = pagina.locator("#projecten-historie-tabel tbody tr")
    assert regels.count() >= 1
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", regels.first.locator("td").first.inner_text())
    assert re.fullmatch(r"\d{1,3}%", regels.first.locator("td").nth(1).inner_text())
    expect(pagina.locator("#projecten-historie-grafiek")).to_be_visible()
    assert axe_ernstige_schendingen(pagina) == []

    pagina.get_by_role("link", name="Sluit de voortgangshistorie").click()
    expect(pagina).to_have_url(re.compile(rf"\?wijk=kerkelanden&jaar={jaar}$"))
    expect(pagina.locator("#projecten-historie-titel")).to_have_count(0)


def test_ongeldige_waarden_vallen_terug(pagina, app_url):
    _open(pagina, app_url, "/projecten?wijk=bestaat-niet&ambitie=99&status=zomaar&jaar=abc&maatregel=999999")
    expect(pagina.locator("#projecten-historie-titel")).to_have_text("Maatregel niet gevonden")
    for keuze, waarde in (("wijk", "alle"), ("ambitie", "alle"), ("status", "alle"),
                          ("jaar", str(dt.date.today().year))):  # fmt: skip
        expect(pagina.locator(f"#projecten-{keuze}")).to_have_value(waarde)


def test_lijst_per_blok_sorteren_en_maatregel_zoeken(pagina, app_url):
    """De lijst komt per blok van de server (de pagina zelf heeft geen rijen); sorteren gebeurt in SQL; de
    keuzelijst voor de voortgangshistorie zoekt op de server."""
    _open(pagina, app_url, "/projecten?jaar=alle")
    aantal = int(re.search(r"(\d+) maatregelen", pagina.locator("#projecten-samenvatting").inner_text()).group(1))
    assert aantal > 25  # meer dan één blok
    grid = pagina.locator("#projecten-maatregelen")
    expect(grid.locator(".ag-paging-row-summary-panel")).to_contain_text(f"1 tot 25 van {aantal}", timeout=15_000)
    namen = grid.locator(".ag-center-cols-container [col-id='naam']")
    expect(namen.first).not_to_have_text("", timeout=15_000)

    kop = grid.locator(".ag-header-cell[col-id='naam'] .ag-header-cell-label")
    kop.click()
    kop.click()  # aflopend
    expect(grid.locator(".ag-header-cell[col-id='naam']")).to_have_attribute("aria-sort", "descending")
    # Na het sorteren haalt het grid het eerste blok opnieuw van de server; tot dat er is, zijn de cellen leeg.
    # Wacht tot het nieuwe blok er staat (hooguit 15 s) en toets dan de volgorde.
    einde = time.monotonic() + 15
    zichtbaar: list[str] = []
    while time.monotonic() < einde:
        zichtbaar = [t for t in namen.all_inner_texts() if t]
        if len(zichtbaar) >= 10 and zichtbaar == sorted(zichtbaar, reverse=True):
            break
        pagina.wait_for_timeout(200)
    assert len(zichtbaar) >= 10 and zichtbaar == sorted(zichtbaar, reverse=True), zichtbaar

    # Zoeken: alleen maatregelen met de zoektekst in naam of wijk, hooguit 50.
    keuze = pagina.locator("#projecten-maatregel-keuze option:not([value=''])")  # zonder de lege plaatshouder
    assert 2 <= keuze.count() <= 51  # "Kies een maatregel" + hooguit 50
    woord = zichtbaar[0].split()[0]
    pagina.locator("#projecten-maatregel-zoek").fill(woord)
    expect(pagina.locator("#projecten-maatregel-aantal")).to_contain_text(
        re.compile(r"maatregel(en)? in de lijst|De eerste 50"), timeout=15_000)
    expect(keuze.nth(1)).to_contain_text(woord, ignore_case=True)
    labels = keuze.all_inner_texts()
    assert labels[0] == "Kies een maatregel"
    assert all(woord.lower() in label.lower() for label in labels[1:]), labels
    waarde = keuze.nth(1).get_attribute("value")
    pagina.select_option("#projecten-maatregel-keuze", waarde)
    expect(pagina).to_have_url(re.compile(rf"\?jaar=alle&maatregel={waarde}$"))
    expect(pagina.locator("#projecten-historie-titel")).to_contain_text("Voortgangshistorie", timeout=15_000)
    expect(pagina.locator("#projecten-maatregel-keuze")).to_have_value(waarde)

    pagina.locator("#projecten-maatregel-zoek").fill("zzgeenmaatregelzz")
    expect(pagina.locator("#projecten-maatregel-aantal")).to_contain_text("Geen maatregel", timeout=15_000)
    # De gekozen maatregel blijft in de lijst staan.
    expect(pagina.locator("#projecten-maatregel-keuze")).to_have_value(waarde)
    assert axe_ernstige_schendingen(pagina) == []
