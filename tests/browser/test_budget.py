"""``/budget`` in Chromium: De Riet's begroting uit bijlage 4, filters in de URL, export, doorklikken."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from seed.referentie import RIET_BEGROTING
from tests.browser.conftest import axe_ernstige_schendingen

RIET = "/budget?wijk=de-riet&jaar=2009"


def _open(pagina, app_url: str, query: str) -> None:
    pagina.goto(f"{app_url}{query}")
    expect(pagina.locator("#budget-peildatum")).to_be_visible(timeout=30_000)
    pagina.wait_for_load_state("networkidle")


def _kies_post(pagina, naam: str) -> None:
    """Kies een budgetpost in de keuzelijst op (het begin van) zijn naam."""
    optie = pagina.locator("#budget-post-keuze option", has_text=naam).first
    pagina.select_option("#budget-post-keuze", optie.get_attribute("value"))


def _csv(download) -> list[list[str]]:
    with open(download.path(), encoding="utf-8-sig", newline="") as bestand:
        tekst = bestand.read()
    return [regel.split(";") for regel in tekst.strip().split("\r\n")]


def test_de_riet_bijlage_4_export_en_uitgaven_van_een_post(pagina, app_url):
    """De elf regels van bijlage 4 met totaal € 2.000.000, de CSV-export daarvan, de uitgaven van één
    budgetpost met hun export, en axe op de volle pagina (één keer laden: de browsertests blijven snel)."""
    _open(pagina, app_url, RIET)
    posten = pagina.locator("#budget-posten .ag-center-cols-container [col-id='post']")
    expect(posten).to_have_count(11, timeout=15_000)
    assert posten.all_inner_texts() == [naam for naam, _ in RIET_BEGROTING]
    bedragen = pagina.locator("#budget-posten .ag-center-cols-container [col-id='bedrag']").all_inner_texts()
    assert bedragen[0] == "€ 225.000" and bedragen[-1] == "€ 300.000"
    totaal = pagina.locator("#budget-posten .ag-floating-bottom")
    expect(totaal.locator("[col-id='post']")).to_have_text("Totaal")
    expect(totaal.locator("[col-id='bedrag']")).to_have_text("€ 2.000.000")
    expect(pagina.locator("#budget-oormerken")).to_contain_text("2008–2011")
    expect(pagina.locator("#budget-oormerken")).to_contain_text("€ 2.000.000")
    expect(pagina.locator("#budget-kpi-budgethouder")).to_contain_text("Kamphuis")
    expect(pagina.locator("#budget-kpi-oormerk")).to_have_text("€ 500.000")  # 2.000.000 / 4 jaar

    # Export van de begroting: Nederlandse kolomnamen en getallen, de totaalregel onderaan.
    blok = pagina.locator(".grid-blok", has=pagina.locator("#budget-posten"))
    with pagina.expect_download() as d:
        blok.get_by_role("button", name="Download CSV").click()
    assert d.value.suggested_filename.startswith("de-riet_budgetposten_2009_")
    rijen = _csv(d.value)
    assert rijen[0][:5] == ["Budgetpost", "Bedrag", "Uitgegeven in jaar", "Uitgegeven t/m jaar", "Rest"]
    assert [r[0] for r in rijen[1:12]] == [naam for naam, _ in RIET_BEGROTING]
    assert rijen[1][1] == "225000,00" and rijen[1][6] == "2008–2011"
    assert rijen[12][:2] == ["Totaal", "2000000,00"]

    # Inzoomen op de uitgaven van één budgetpost, met export.
    _kies_post(pagina, "Geluksbudgetten")
    expect(pagina).to_have_url(re.compile(r"wijk=de-riet&jaar=2009&budgetpost=\d+$"))
    expect(pagina.locator("#budget-uitgaven-titel")).to_have_text("Uitgaven · Geluksbudgetten", timeout=15_000)
    expect(pagina.locator("#budget-uitgaven .ag-center-cols-container .ag-row").first).to_be_visible()
    blok = pagina.locator(".grid-blok", has=pagina.locator("#budget-uitgaven"))
    with pagina.expect_download() as d:
        blok.get_by_role("button", name="Download CSV").click()
    rijen = _csv(d.value)
    assert rijen[0] == ["Datum", "Bedrag", "Omschrijving", "Maatregel", "Kenmerk"]
    assert len(rijen) > 2
    assert all(re.fullmatch(r"\d\d-\d\d-20(08|09|10|11)", r[0]) for r in rijen[1:])
    # Geluksbudgetten gaan per € 750 per huishouden: elk bedrag is een veelvoud van 750.
    assert all(re.fullmatch(r"\d+,00", r[1]) and int(r[1][:-3]) % 750 == 0 for r in rijen[1:])
    assert all("Geluksbudget" in r[2] for r in rijen[1:])

    assert axe_ernstige_schendingen(pagina) == []
    pagina.get_by_role("link", name="Sluit de uitgaven").click()
    expect(pagina).to_have_url(re.compile(r"/budget\?wijk=de-riet&jaar=2009$"))
    expect(pagina.locator("#budget-uitgaven-titel")).to_have_count(0)


def test_filters_gaan_via_de_url_heen_en_terug(pagina, app_url):
    jaar = dt.date.today().year
    _open(pagina, app_url, f"/budget?jaar={jaar}")
    expect(pagina.locator("#budget-wijk")).to_have_value("alle")
    pagina.select_option("#budget-wijk", "windmolenbroek")
    expect(pagina).to_have_url(re.compile(rf"/budget\?wijk=windmolenbroek&jaar={jaar}$"))
    expect(pagina.locator("#budget-wijk-titel")).to_have_text(f"Windmolenbroek in {jaar}")
    # Het verhaal van de demo: Windmolenbroek geeft dit jaar meer uit dan geoormerkt.
    expect(pagina.locator("#budget-kpi-vlag")).to_have_text(re.compile(r"^✖ Overbesteed$"))
    pagina.select_option("#budget-bron", "stadsdeelbudget")
    expect(pagina).to_have_url(re.compile(rf"\?wijk=windmolenbroek&jaar={jaar}&bron=stadsdeelbudget$"))
    pagina.reload()
    expect(pagina.locator("#budget-wijk")).to_have_value("windmolenbroek", timeout=30_000)
    expect(pagina.locator("#budget-bron")).to_have_value("stadsdeelbudget")
    expect(pagina.locator("#budget-wijk-titel")).to_have_text(f"Windmolenbroek in {jaar}")
    expect(pagina.locator("#budget-peildatum")).to_contain_text("Stadsdeelbudget")
    pagina.select_option("#budget-wijk", "alle")
    expect(pagina).to_have_url(re.compile(rf"/budget\?jaar={jaar}&bron=stadsdeelbudget$"))


def test_klik_op_een_wijk_in_de_grafiek_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url, "/budget?jaar=2020")
    balk = pagina.locator("#budget-benutting g.point path").first
    expect(balk).to_be_visible(timeout=15_000)
    vak = balk.bounding_box()
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(pagina).to_have_url(re.compile(r"/wijk/[a-z-]+$"))
    expect(pagina.locator("h1")).to_be_visible(timeout=30_000)


def test_ongeldige_waarden_vallen_terug(pagina, app_url):
    _open(pagina, app_url, "/budget?wijk=bestaat-niet&jaar=abc&bron=x&budgetpost=999999")
    expect(pagina.locator("#budget-wijk-onbekend")).to_contain_text("niet gevonden")
    expect(pagina.locator("#budget-jaar")).to_have_value(str(dt.date.today().year))
    expect(pagina.locator("#budget-uitgaven-titel")).to_have_text("Budgetpost niet gevonden")
