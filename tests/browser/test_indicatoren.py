"""``/indicatoren`` in Chromium: keuzes in de URL, een paneel per wijk, doorklikken, toegankelijkheid."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

# dbc.Select zet er een verborgen lege keuze (placeholder) voor.
OPTIES = '#indicatoren-indicator option:not([value=""])'
STATUSWOORDEN = re.compile(r"Op koers|Achter|Ver achter|Geen gegevens|geen doelstelling")


def _open(pagina, app_url: str, query: str = "") -> None:
    pagina.goto(f"{app_url}/indicatoren{query}")
    expect(pagina.locator("#indicatoren-trend .main-svg").first).to_be_visible(timeout=30_000)


def _paneeltitels(pagina) -> list[str]:
    return pagina.locator("#indicatoren-trend .annotation-text").all_text_contents()


def test_standaard_keuzes_en_een_paneel_per_wijk(pagina, app_url):
    _open(pagina, app_url)
    expect(pagina.locator("h1")).to_have_count(1)
    expect(pagina.locator("#indicatoren-ambitie")).to_have_value("1")
    eerste = pagina.locator(OPTIES).first.get_attribute("value")
    expect(pagina.locator("#indicatoren-indicator")).to_have_value(eerste)
    # De demo heeft twaalf wijken met metingen: twaalf panelen, elk met wijknaam en status.
    titels = _paneeltitels(pagina)
    assert len(titels) == 12
    assert all(STATUSWOORDEN.search(t) for t in titels), titels
    assert any("Sluitersveld — ✔ Op koers" in t for t in titels), titels
    assert any("Kerkelanden — ✖ Ver achter" in t for t in titels), titels
    # De tabel van alle wijken, met status als woord.
    rijen = pagina.locator("#indicatoren-wijken-tabel tbody tr")
    expect(rijen).to_have_count(12)
    expect(pagina.locator('#indicatoren-wijken-tabel tr[data-wijk="kerkelanden"]')).to_contain_text("Ver achter")
    # Elke grafiek heeft een tabelalternatief.
    expect(pagina.locator("details.grafiek-tabel summary")).to_have_count(2)


def test_keuzes_gaan_de_url_in_en_blijven_na_herladen(pagina, app_url):
    _open(pagina, app_url)
    pagina.select_option("#indicatoren-ambitie", "2")
    expect(pagina).to_have_url(re.compile(r"/indicatoren\?ambitie=2(&jaar=\d{4})?$"))
    expect(pagina.locator("#indicatoren-ambitie")).to_have_value("2")
    # De indicatorlijst hoort nu bij ambitie 2; kies de telling (getoond per 1.000 inwoners).
    expect(pagina.locator(OPTIES)).to_have_count(3)
    telling = pagina.locator(OPTIES, has_text="Meldingen verloedering")
    waarde, naam = telling.get_attribute("value"), telling.inner_text()
    pagina.select_option("#indicatoren-indicator", waarde)
    expect(pagina).to_have_url(re.compile(rf"\?ambitie=2&indicator={waarde}(&jaar=\d{{4}})?$"))
    expect(pagina.locator("#indicatoren-indicatornaam")).to_have_text(naam)
    expect(pagina.locator("#indicatoren-trend-titel")).to_contain_text("per 1.000 inwoners")
    expect(pagina.locator("#indicatoren-wijken-uitleg")).to_contain_text("per 1.000 inwoners")
    expect(pagina.locator("#indicatoren-trend .ytitle").first).to_have_text("per 1.000 inwoners")
    pagina.reload()
    expect(pagina.locator("#indicatoren-trend .main-svg").first).to_be_visible(timeout=30_000)
    expect(pagina.locator("#indicatoren-ambitie")).to_have_value("2")
    expect(pagina.locator("#indicatoren-indicator")).to_have_value(waarde)
    expect(pagina.locator("#indicatoren-indicatornaam")).to_have_text(naam)


def test_klik_op_balk_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url)
    # De bovenste balk (hoogste doelbereik) is de laatste in de DOM en de eerste rij van de tabel.
    eerste_link = pagina.locator("#indicatoren-rangorde-tabel tbody tr").first.locator("a")
    href = eerste_link.get_attribute("href")
    assert re.fullmatch(r"/wijk/[a-z-]+\?ambitie=1", href), href
    balk = pagina.locator("#indicatoren-rangorde .bars .point path").last
    balk.scroll_into_view_if_needed()
    vak = balk.bounding_box()
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(pagina).to_have_url(re.compile(re.escape(href) + "$"))
    expect(pagina.locator("#wijk-titel")).to_be_visible()


def test_klik_op_punt_in_paneel_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url, "?ambitie=2")
    # Het eerste paneel is de eerste wijk op naam (Aalderinkshoek); klik op de nulmeting-ruit of een meting.
    punt = pagina.locator("#indicatoren-trend .scatterlayer .trace").first.locator(".points path").nth(3)
    punt.scroll_into_view_if_needed()
    vak = punt.bounding_box()
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    expect(pagina).to_have_url(re.compile(r"/wijk/aalderinkshoek\?ambitie=2$"))


def test_ongeldige_waarden_vallen_terug(pagina, app_url):
    _open(pagina, app_url, "?ambitie=99&indicator=abc&jaar=abc&wijk=bestaat-niet")
    expect(pagina.locator("#indicatoren-ambitie")).to_have_value("1")
    expect(pagina.locator("#indicatoren-jaar")).not_to_have_value("abc")
    expect(pagina.locator("#indicatoren-markering")).to_have_count(0)
    # Een indicator van een andere ambitie: de eerste indicator van de gekozen ambitie.
    _open(pagina, app_url, "?ambitie=1&indicator=999999&jaar=2015")
    eerste = pagina.locator(OPTIES).first.get_attribute("value")
    expect(pagina.locator("#indicatoren-indicator")).to_have_value(eerste)
    # Een geldig jaar uit de URL geeft de peildatum van dat jaar.
    expect(pagina.locator("#indicatoren-jaar")).to_have_value("2015")
    expect(pagina.locator("#indicatoren-peildatum")).to_contain_text("31-12-2015")


def test_wijk_uit_de_url_gemarkeerd_en_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url):
    _open(pagina, app_url, "?ambitie=2&wijk=kerkelanden")
    expect(pagina.locator("#indicatoren-markering")).to_contain_text("Kerkelanden")
    expect(pagina.locator('#indicatoren-wijken-tabel tr[data-wijk="kerkelanden"]')).to_have_class(
        re.compile("table-warning")
    )
    pagina.locator("details.grafiek-tabel summary").first.click()
    assert axe_ernstige_schendingen(pagina) == []
    # Van keuze wisselen houdt de markering vast.
    pagina.select_option("#indicatoren-ambitie", "3")
    expect(pagina).to_have_url(re.compile(r"ambitie=3.*wijk=kerkelanden"))
    expect(pagina.locator("#indicatoren-markering")).to_contain_text("Kerkelanden")


def test_pagina_in_de_url_valt_terug_binnen_het_aantal_paginas(pagina, app_url):
    # De demo heeft twaalf wijken met gegevens: één pagina (twintig panelen per pagina), dus geen
    # paginering; een te groot paginanummer toont gewoon die ene pagina.
    _open(pagina, app_url, "?ambitie=1&pagina=9")
    assert len(_paneeltitels(pagina)) == 12
    expect(pagina.locator("#indicatoren-paginering")).to_have_count(0)
    # Een andere keuze laat het paginanummer los.
    pagina.select_option("#indicatoren-ambitie", "2")
    expect(pagina).to_have_url(re.compile(r"/indicatoren\?ambitie=2(&jaar=\d{4})?$"))
