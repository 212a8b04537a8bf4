"""Het overzicht in Chromium: heatmap met elke wijk, doorklikken, toegankelijkheid."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

DEMO_WIJKEN = ["Kerkelanden", "Ossenkoppelerhoek", "Sluitersveld", "De Riet"]


def _open_overzicht(pagina, app_url: str, query: str = "") -> None:
    pagina.goto(f"{app_url}/{query}")
    expect(pagina.locator("#overzicht-heatmap")).to_be_visible(timeout=30_000)


def test_heatmap_toont_elke_wijk_en_stadsgemiddelde(pagina, app_url):
    _open_overzicht(pagina, app_url)
    rijen = pagina.locator("#overzicht-heatmap tbody tr[data-wijk]")
    assert rijen.count() >= 10
    koppen = rijen.locator("th").all_inner_texts()
    for wijk in DEMO_WIJKEN:
        assert wijk in koppen
    expect(pagina.locator("#overzicht-heatmap tr.heatmap-gemiddelde th")).to_have_text("Stad (gemiddelde)")
    # Zes ambities als kolommen.
    assert pagina.locator("#overzicht-heatmap thead th").count() == 1 + 6
    expect(pagina.locator("html")).to_have_attribute("lang", "nl")
    expect(pagina.locator("#shell-demo-banner")).to_contain_text("Demonstratiegegevens")


def test_klik_op_cel_opent_de_wijk_met_die_ambitie(pagina, app_url):
    _open_overzicht(pagina, app_url)
    cel = pagina.locator('#overzicht-heatmap tr[data-wijk="kerkelanden"] td a').nth(2)
    cel.click()
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=3$"))
    expect(pagina.locator("#wijk-titel")).to_have_text("Kerkelanden")


def test_kerncijfers_en_signalen(pagina, app_url):
    _open_overzicht(pagina, app_url)
    for kpi in ["plannen", "score", "budget", "maatregelen", "meldingen", "toezeggingen"]:
        expect(pagina.locator(f"#overzicht-kpi-{kpi}")).not_to_be_empty()
    expect(pagina.locator("#overzicht-kpi-score")).to_have_text(re.compile(r"^\d+,\d$"))
    expect(pagina.locator("#overzicht-kpi-budget")).to_have_text(re.compile(r"^\d+(\.\d{3})*,\d%$"))
    # De demodata bevat toezeggingen over de termijn en een wijk die overschrijdt.
    signalen = pagina.locator("#overzicht-signalen li")
    assert signalen.count() > 0
    assert pagina.locator('#overzicht-signalen li[data-regel="toezegging_te_laat"]').count() > 0


def test_jaarfilter_staat_in_de_url(pagina, app_url):
    _open_overzicht(pagina, app_url, "?jaar=2015")
    expect(pagina.locator("#overzicht-jaar")).to_have_value("2015")
    expect(pagina.locator("#overzicht-peildatum")).to_contain_text("31-12-2015")
    pagina.select_option("#overzicht-jaar", "2012")
    expect(pagina).to_have_url(re.compile(r"\?jaar=2012$"))
    expect(pagina.locator("#overzicht-peildatum")).to_contain_text("31-12-2012")


def test_onbekend_jaar_valt_terug_op_standaard(pagina, app_url):
    _open_overzicht(pagina, app_url, "?jaar=abc")
    expect(pagina.locator("#overzicht-jaar")).not_to_have_value("abc")


def test_toetsenbord_bereikt_een_heatmapcel(pagina, app_url):
    _open_overzicht(pagina, app_url)
    eerste_cel = pagina.locator("#overzicht-heatmap tbody tr[data-wijk] td a").first
    eerste_cel.focus()
    expect(eerste_cel).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(pagina).to_have_url(re.compile(r"/wijk/[a-z-]+\?ambitie=1$"))


def test_overzicht_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url):
    _open_overzicht(pagina, app_url)
    assert axe_ernstige_schendingen(pagina) == []


def test_kaart_met_maatkeuze_in_de_url(pagina, app_url):
    _open_overzicht(pagina, app_url)
    kaart = pagina.locator("#overzicht-kaart")
    expect(kaart).to_be_visible(timeout=20_000)
    expect(pagina.get_by_role("heading", name="Kaart van de wijken")).to_be_visible()
    expect(pagina.locator("#overzicht-kaartmaat")).to_have_value("ambitiescore")
    # Schematische tegelkaart: elke wijk een tegel met naam en waarde, en een tabelalternatief.
    for wijk in ["Kerkelanden", "Ossenkoppeler", "Sluitersveld", "De Riet"]:  # lange namen breken af op een tegel
        expect(kaart.locator(".annotation-text", has_text=wijk)).to_have_count(1, timeout=20_000)
    assert pagina.locator("#overzicht-kaart-tabel tbody tr").count() >= 10
    pagina.select_option("#overzicht-kaartmaat", "meldingen")
    expect(pagina).to_have_url(re.compile(r"\?jaar=\d{4}&kaartmaat=meldingen$"), timeout=20_000)
    expect(pagina.get_by_role("heading", name=re.compile("meldingen per 1.000 inwoners per wijk"))).to_be_visible(
        timeout=20_000)
    expect(pagina.locator("#overzicht-kaartmaat")).to_have_value("meldingen")


def test_klik_op_kaarttegel_opent_de_wijk(pagina, app_url):
    _open_overzicht(pagina, app_url, "?kaartmaat=budgetbenutting")
    tegel = pagina.locator("#overzicht-kaart .annotation-text", has_text="Windmolen")
    expect(tegel).to_be_visible(timeout=20_000)
    # Windmolenbroek overschrijdt zijn oormerk: de waarde staat op de tegel (kleur is nooit alleen).
    expect(tegel).to_contain_text("%")
    tegel.scroll_into_view_if_needed()
    vak = tegel.bounding_box()
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(pagina).to_have_url(re.compile(r"/wijk/windmolenbroek$"), timeout=20_000)
    expect(pagina.locator("#wijk-titel")).to_have_text("Windmolenbroek", timeout=20_000)
