"""``/invoer/wijkanalyse`` (bijlage 7) in Chromium: een coördinator vult een nieuwe wijkanalyse in,
ziet een Nederlandse fout bij een ongeldige waardering (en er wordt niets opgeslagen), verbetert
die, slaat op als concept (twee keer: dezelfde rij) en dient in; een raadslid ziet geen formulier;
geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test schrijft in Windmolenbroek, op een
datum waarop die wijk nog geen wijkanalyse heeft. Windmolenbroek heeft een ingediende
demo-evaluatie over vorig jaar; die gaat in de ambitiescore vóór elke wijkanalyse, dus de heatmap
waar andere tests naar kijken verandert niet.
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
WIJK = "windmolenbroek"


def _ambitie(pagina, nummer: int):
    """De sectie van ambitie ``nummer`` (een ``section`` met de kop "Ambitie n. …")."""
    return pagina.locator("section", has=pagina.get_by_role("heading", name=re.compile(rf"^Ambitie {nummer}\. ")))


def _veld(sectie, label: str):
    """Het invoerveld met dit label (het label begint met de veldnaam; daarna eventueel * en hulptekst)."""
    return sectie.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\b"))


def _fout(veld):
    """De foutmelding onder een veld (het label met het veld, dan de ``invalid-feedback``)."""
    return veld.locator("xpath=ancestor::label[1]/following-sibling::div[contains(@class,'invalid-feedback')]")


def _opties(pagina) -> list[str]:
    return pagina.locator("#wijkanalyse-analyse option").all_inner_texts()


def _vrije_datum(opties: list[str]) -> str:
    """Een datum (vandaag of eerder) waarop de wijk nog geen wijkanalyse heeft."""
    bezet = {o.split(" · ")[0] for o in opties}
    dag = dt.date.today()
    while f"{dag:%d-%m-%Y}" in bezet:
        dag -= dt.timedelta(days=1)
    return f"{dag:%d-%m-%Y}"


def test_coordinator_vult_een_nieuwe_wijkanalyse_in_en_dient_haar_in(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/wijkanalyse?wijk={WIJK}")
    expect(pagina.locator("#wijkanalyse-status")).to_contain_text("nieuw", timeout=WACHT)
    expect(pagina.locator("#wijkanalyse-wijk")).to_have_value(WIJK)
    expect(pagina.locator("#wijkanalyse-analyse")).to_have_value("nieuw")
    # Alleen de eigen wijken van de coördinator staan in de keuzelijst.
    assert set(pagina.locator("#wijkanalyse-wijk option").all_inner_texts()) - {""} == {
        "De Riet", "Kerkelanden", "Windmolenbroek"}
    opties_voor = _opties(pagina)
    datum = _vrije_datum(opties_voor)
    # De catalogus van oplossingsrichtingen (bijlage 6) staat als hulp bij elke ambitie.
    catalogus = _ambitie(pagina, 1).locator("details")
    catalogus.locator("summary").click()
    expect(catalogus.locator("li").first).to_have_text(re.compile(r"^a\. \S"))

    datumveld = pagina.get_by_role("textbox", name=re.compile(r"^Datum van de wijkanalyse"))
    datumveld.fill(datum)
    a1 = _ambitie(pagina, 1)
    waardering = _veld(a1, "Waardering")
    waardering.fill("11")
    _veld(a1, "Knelpunten").fill("Weinig ontmoetingsplekken voor ouderen")
    _veld(a1, "Mogelijke oplossingsrichtingen").fill("h. Wijk/buurtcentrum")
    _veld(a1, "Schatting kosten").fill("€ 25.000")

    # Ongeldige waardering: een Nederlandse melding bij het veld en bovenaan, en niets opgeslagen.
    pagina.get_by_role("button", name="Opslaan als concept").click()
    melding = pagina.locator("#wijkanalyse-melding .alert-danger")
    expect(melding).to_contain_text("Niet opgeslagen: 1 veld klopt niet.", timeout=WACHT)
    expect(pagina.locator("#wijkanalyse-melding [role='alert']")).to_have_count(1)  # wordt voorgelezen
    tekst = "Ambitie 1 · Waardering: een rapportcijfer ligt tussen 1 en 10; 11,0 kan niet."
    expect(melding).to_contain_text(tekst)
    expect(_fout(waardering)).to_have_text(tekst)
    expect(waardering).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#wijkanalyse-knoppen-uitkomst")).to_contain_text("Niet opgeslagen: 1 veld klopt niet.")
    expect(pagina.locator("#wijkanalyse-status")).to_contain_text("nieuw")
    assert _opties(pagina) == opties_voor
    assert axe_ernstige_schendingen(pagina) == []

    # Verbeterd: opgeslagen als concept; de keuzelijst en het adres wijzen nu naar de nieuwe wijkanalyse.
    waardering.fill("7,5")
    pagina.get_by_role("button", name="Opslaan als concept").click()
    succes = pagina.locator("#wijkanalyse-melding .alert-success")
    expect(succes).to_contain_text("Opgeslagen als concept (versie 1)", timeout=WACHT)
    expect(_fout(waardering)).to_have_text("")
    expect(waardering).not_to_have_class(re.compile(r"\bis-invalid\b"))
    expect(pagina.locator("#wijkanalyse-status-waarde")).to_have_text("Concept")
    keuze = pagina.locator("#wijkanalyse-analyse")
    expect(keuze).not_to_have_value("nieuw")
    analyse_id = keuze.input_value()
    expect(keuze.locator("option:checked")).to_have_text(f"{datum} · concept")
    expect(pagina).to_have_url(re.compile(rf"/invoer/wijkanalyse\?wijk={WIJK}&analyse={analyse_id}$"))
    assert len(_opties(pagina)) == len(opties_voor) + 1

    # Nog een keer opslaan werkt dezelfde rij bij (versie 2, geen extra wijkanalyse).
    _veld(a1, "Opmerkingen").fill("Besproken met de bewonersvereniging")
    pagina.get_by_role("button", name="Opslaan als concept").click()
    expect(succes).to_contain_text("Opgeslagen als concept (versie 2)", timeout=WACHT)
    assert len(_opties(pagina)) == len(opties_voor) + 1

    # Indienen vraagt een waardering bij elke ambitie.
    pagina.get_by_role("button", name="Indienen").click()
    expect(melding).to_contain_text(re.compile(r"Niet opgeslagen: \d+ velden kloppen niet\."), timeout=WACHT)
    aantal = pagina.locator("section", has=pagina.get_by_role("heading", name=re.compile(r"^Ambitie \d+\. "))).count()
    assert aantal >= 6
    for nummer in range(2, aantal + 1):
        veld = _veld(_ambitie(pagina, nummer), "Waardering")
        expect(_fout(veld)).to_have_text(f"Ambitie {nummer} · Waardering: vul een rapportcijfer in van 1 tot en met "
                                         "10, bijvoorbeeld 7,5.")
        veld.fill(f"{5 + nummer % 4},{nummer}")
    pagina.get_by_role("button", name="Indienen").click()
    expect(pagina).to_have_url(re.compile(rf"\?wijk={WIJK}&analyse={analyse_id}&opgeslagen=ingediend$"),
                               timeout=WACHT)
    expect(pagina.locator("#wijkanalyse-bevestiging")).to_contain_text("Ingediend.", timeout=WACHT)
    expect(pagina.locator("#wijkanalyse-status-waarde")).to_have_text("Ingediend")
    # Ingediend: de waarden staan er, maar niets is nog te wijzigen.
    a1 = _ambitie(pagina, 1)
    expect(_veld(a1, "Waardering")).to_have_value("7,5")
    expect(_veld(a1, "Waardering")).to_be_disabled()
    expect(_veld(a1, "Schatting kosten")).to_have_value("25.000")
    expect(_veld(a1, "Opmerkingen")).to_have_value("Besproken met de bewonersvereniging")
    expect(pagina.get_by_role("button", name="Indienen")).to_have_count(0)
    expect(pagina.get_by_role("button", name="Opslaan als concept")).to_have_count(0)
    expect(pagina.locator("#wijkanalyse-analyse option:checked")).to_have_text(f"{datum} · ingediend")
    assert axe_ernstige_schendingen(pagina) == []


def test_raadslid_ziet_geen_formulier(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/wijkanalyse?wijk={WIJK}")
    uitleg = pagina.locator("#wijkanalyse-geen-rechten")
    expect(uitleg).to_contain_text("U kunt hier niets invoeren.", timeout=WACHT)
    expect(uitleg).to_contain_text("Met de rol raadslid kunt u wijkanalyses lezen, niet invullen")
    expect(pagina.get_by_role("textbox")).to_have_count(0)
    expect(pagina.get_by_role("button", name=re.compile("Opslaan|Indienen"))).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []


def test_formulier_zonder_fouten_is_toegankelijk(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/wijkanalyse?wijk=de-riet")
    expect(pagina.locator("#wijkanalyse-status")).to_be_visible(timeout=WACHT)
    expect(pagina.get_by_role("button", name="Indienen")).to_be_visible()
    assert axe_ernstige_schendingen(pagina) == []
