"""``/vergelijk`` in Chromium: keuze van wijken in de URL, grens van zes, doorklikken, toegankelijkheid."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

#: Ruime wachttijd voor callbacks: een drukke testmachine tekent traag.
WACHT = 20_000
ZES = "kerkelanden,sluitersveld,de-riet,windmolenbroek,hofkamp,nijrees"


def _open(pagina, app_url: str, query: str = "") -> None:
    pagina.goto(f"{app_url}/vergelijk{query}")
    expect(pagina.locator("#vergelijk-peildatum")).to_be_visible(timeout=30_000)


def _vinkje(pagina, slug: str):
    return pagina.locator(f'#vergelijk-wijken input[value="{slug}"]')


def klik_midden(pagina, locator) -> None:
    """Klik met de muis op het midden van een element (Plotly vangt klikken op zijn sleeplaag)."""
    locator.scroll_into_view_if_needed()
    vak = locator.bounding_box()
    assert vak is not None
    pagina.mouse.move(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)
    pagina.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2)


def test_standaardkeuze_vertelt_de_verhalen_zonder_toegankelijkheidsfouten(pagina, app_url):
    _open(pagina, app_url)
    for slug in ("kerkelanden", "sluitersveld", "de-riet"):
        expect(_vinkje(pagina, slug)).to_be_checked()
    expect(pagina.locator("#vergelijk-wijken input:checked")).to_have_count(3)
    expect(pagina.locator("#vergelijk-peildatum")).to_contain_text("Kerkelanden, Sluitersveld, De Riet")
    expect(pagina.locator("h1")).to_have_count(1)
    # Werkwijzen: tabel met de drie werkwijzen en de leeshulp.
    expect(pagina.locator("#vergelijk-werkwijzen tbody tr")).to_have_count(3)
    expect(pagina.locator("#vergelijk-werkwijzen-leeshulp")).to_contain_text("lees als indicatie")
    # Elke grafiek met een tabelalternatief; de kaart is schematisch in de demo.
    assert pagina.locator("#vergelijk-inhoud details summary").count() >= 7
    expect(pagina.locator("#vergelijk-inhoud")).to_contain_text("Schematische kaart")
    expect(pagina.locator("#vergelijk-kaart .annotation-text").first).to_be_visible(timeout=WACHT)
    assert axe_ernstige_schendingen(pagina) == []


def test_keuze_gaat_de_url_in_en_blijft_na_herladen(pagina, app_url):
    _open(pagina, app_url)
    pagina.locator('#vergelijk-wijken label[for]', has_text="Windmolenbroek").click()
    verwacht = r"/vergelijk\?wijken=kerkelanden,sluitersveld,de-riet,windmolenbroek&jaar=\d{4}$"
    expect(pagina).to_have_url(re.compile(verwacht), timeout=WACHT)
    expect(pagina.locator("#vergelijk-peildatum")).to_contain_text("Windmolenbroek", timeout=WACHT)
    # Windmolenbroek overschrijdt zijn oormerk: in woorden bij de staaf en in de toelichting.
    expect(pagina.locator("#vergelijk-inhoud")).to_contain_text("Oormerk overschreden: Windmolenbroek")
    pagina.select_option("#vergelijk-kaartmaat", "budgetbenutting")
    expect(pagina).to_have_url(re.compile(r"&kaartmaat=budgetbenutting$"), timeout=WACHT)
    pagina.reload()
    expect(_vinkje(pagina, "windmolenbroek")).to_be_checked(timeout=30_000)
    expect(pagina.locator("#vergelijk-wijken input:checked")).to_have_count(4)
    expect(pagina.locator("#vergelijk-kaartmaat")).to_have_value("budgetbenutting")
    expect(pagina.locator("#vergelijk-inhoud")).to_contain_text("Kaart: budgetbenutting per wijk")


def test_ongeldige_url_en_meer_dan_zes(pagina, app_url):
    _open(pagina, app_url, f"?wijken=bestaat-niet,{ZES},beeklust&jaar=abc&kaartmaat=99")
    expect(pagina.locator("#vergelijk-melding")).to_contain_text("bestaat-niet")
    expect(pagina.locator("#vergelijk-melding")).to_contain_text("weggelaten: Beeklust")
    expect(pagina.locator("#vergelijk-wijken input:checked")).to_have_count(6)
    expect(pagina.locator("#vergelijk-jaar")).not_to_have_value("abc")
    expect(pagina.locator("#vergelijk-kaartmaat")).to_have_value("ambitiescore")
    # Een zevende aanzetten wordt geweigerd: melding, vinkje weer uit, URL ongewijzigd.
    url = pagina.url
    pagina.locator('#vergelijk-wijken label[for]', has_text="Beeklust").click()
    expect(pagina.locator("#vergelijk-te-veel")).to_contain_text("hooguit 6 wijken", timeout=WACHT)
    expect(_vinkje(pagina, "beeklust")).not_to_be_checked(timeout=WACHT)
    expect(pagina.locator("#vergelijk-wijken input:checked")).to_have_count(6)
    assert pagina.url == url


def test_klik_op_staaf_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url, "?wijken=sluitersveld,windmolenbroek")
    # Budgetgrafiek: de eerste staaf is Sluitersveld (wijken in de gekozen volgorde, van boven).
    staaf = pagina.locator("#vergelijk-budget .bars path").first
    expect(staaf).to_be_visible(timeout=WACHT)
    klik_midden(pagina, staaf)
    expect(pagina).to_have_url(re.compile(r"/wijk/sluitersveld$"), timeout=WACHT)
    expect(pagina.locator("#wijk-titel")).to_have_text("Sluitersveld", timeout=WACHT)


def test_klik_op_kaarttegel_opent_de_wijk(pagina, app_url):
    _open(pagina, app_url)
    tegel = pagina.locator("#vergelijk-kaart .annotation-text", has_text="De Riet")
    expect(tegel).to_be_visible(timeout=WACHT)
    klik_midden(pagina, tegel)
    expect(pagina).to_have_url(re.compile(r"/wijk/de-riet$"), timeout=WACHT)
    expect(pagina.locator("#wijk-titel")).to_have_text("De Riet", timeout=WACHT)
