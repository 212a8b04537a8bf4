"""``/invoer/toezeggingen`` in Chromium: de griffie registreert een toezegging (eerst met fouten, dan goed), de
wethouder stelt voor zijn eigen portefeuille een afdoening voor, de griffie verklaart de toezegging afgedaan en
daarna staat ze op ``/toezeggingen`` als afgedaan. Een raadslid ziet uitleg en geen velden; geen ernstige
toegankelijkheidsfouten.

Alle browsertests delen één app en één demodatabase. Deze test maakt een eigen, nieuwe toezegging
(stadsbreed, portefeuille van de demo-wethouder Anne Brinkhuis, termijn in de toekomst) en verklaart die aan het
eind afgedaan: de te late toezeggingen, het signaal op het overzicht en de verhoudingen op /toezeggingen
(tests/browser/test_toezeggingen.py) veranderen daardoor niet. Het onderwerp bevat niet het woord "evaluatie"
(daarop zoekt die test).
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
PAD = "/invoer/toezeggingen"
ONDERWERP = "Browsertest: de raad ontvangt een overzicht van alle speelplekken per wijk."
VOORSTEL = "Afgedaan met raadsinformatiebrief RIB 2026-901 (browsertest)."


def _veld(pagina, naam: str):
    return pagina.get_by_role("textbox", name=re.compile(rf"^{re.escape(naam)}"))


def _keuze(pagina, naam: str):
    return pagina.get_by_role("combobox", name=re.compile(rf"^{re.escape(naam)}"))


def _fout(pagina, prefix: str, veld: str):
    return pagina.locator(f"#toezeggingbeheer-{prefix}-{veld.replace('_', '-')} + .invalid-feedback")


def _registreer(pagina, app_url: str) -> str:
    """De griffie registreert een nieuwe toezegging: eerst met fouten (niets opgeslagen), dan goed. Geeft het nummer."""
    pagina.goto(app_url + PAD)
    titel = pagina.locator("#toezeggingbeheer-open-titel")
    expect(titel).to_have_text(re.compile(r"^Open toezeggingen \(\d+, waarvan \d+ te laat\)$"), timeout=WACHT)
    open_voor = int(re.search(r"\((\d+),", titel.inner_text())[1])
    nummer = _veld(pagina, "Nummer").input_value()
    assert re.fullmatch(rf"T{dt.date.today().year}-\d{{3}}", nummer), nummer
    assert axe_ernstige_schendingen(pagina) == []

    morgen = dt.date.today() + dt.timedelta(days=1)
    _veld(pagina, "Datum vergadering").fill(f"{morgen:%d-%m-%Y}")
    _veld(pagina, "Vergadering").fill("Raad (browsertest)")
    _veld(pagina, "Termijn").fill("31-02-2027")
    _veld(pagina, "Document").fill("http://almelo.nl/rib.pdf")
    registreren = pagina.get_by_role("button", name="Toezegging registreren")
    registreren.click()
    melding = pagina.locator("#toezeggingbeheer-registratie-melding .alert-danger")
    expect(melding).to_contain_text("Niet opgeslagen: 5 velden kloppen niet", timeout=WACHT)
    expect(_fout(pagina, "registratie", "datum")).to_contain_text("kan niet in de toekomst liggen")
    expect(_fout(pagina, "registratie", "portefeuillehouder")).to_have_text("Portefeuillehouder: maak een keuze.")
    expect(_fout(pagina, "registratie", "onderwerp")).to_contain_text("dit veld is verplicht")
    expect(_fout(pagina, "registratie", "termijn")).to_contain_text("bestaat niet")
    expect(_fout(pagina, "registratie", "document")).to_contain_text("https://")
    expect(_veld(pagina, "Datum vergadering")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(_veld(pagina, "Vergadering")).to_have_value("Raad (browsertest)")  # invoer blijft staan
    expect(titel).to_contain_text(f"({open_voor},")  # niets opgeslagen
    assert axe_ernstige_schendingen(pagina) == []

    vandaag = dt.date.today()
    _veld(pagina, "Datum vergadering").fill(f"{vandaag:%d-%m-%Y}")
    _keuze(pagina, "Portefeuillehouder").select_option(label="Anne Brinkhuis")
    expect(_keuze(pagina, "Wijk")).to_have_value("stadsbreed")
    _veld(pagina, "Onderwerp").fill(ONDERWERP)
    _veld(pagina, "Termijn").fill(f"{vandaag + dt.timedelta(days=60):%d-%m-%Y}")
    _veld(pagina, "Document").fill("")
    registreren.click()
    bevestiging = pagina.locator("#toezeggingbeheer-registratie-bevestiging")
    expect(bevestiging).to_contain_text(f"Toezegging {nummer} is geregistreerd.", timeout=WACHT)
    expect(_fout(pagina, "registratie", "datum")).to_have_text("")
    expect(titel).to_contain_text(f"({open_voor + 1},")
    expect(pagina.locator("#toezeggingbeheer-open-tabel")).to_contain_text(ONDERWERP)
    # Het volgende nummer staat klaar; datum en vergadering blijven voor de volgende toezegging.
    volgnummer = int(nummer.rsplit("-", 1)[1])
    expect(_veld(pagina, "Nummer")).to_have_value(f"{nummer.rsplit('-', 1)[0]}-{volgnummer + 1:03d}")
    expect(_veld(pagina, "Vergadering")).to_have_value("Raad (browsertest)")
    expect(_veld(pagina, "Onderwerp")).to_have_value("")
    return nummer


def test_registreren_voorstellen_en_afdoen(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "griffie")
    nummer = _registreer(pagina, app_url)
    pagina.get_by_role("link", name=f"Open toezegging {nummer}").click()
    expect(pagina).to_have_url(re.compile(rf"{PAD}\?toezegging=\d+$"), timeout=WACHT)
    detail_url = pagina.url
    expect(pagina.locator("#toezeggingbeheer-titel")).to_have_text(f"Toezegging {nummer}", timeout=WACHT)
    expect(pagina.locator("#toezeggingbeheer-status")).to_have_text("○ Open")
    # De griffie kan hier geen voorstel doen; dat doet de portefeuillehouder.
    expect(pagina.get_by_role("button", name="Voorstel opslaan")).to_have_count(0)

    # --- de wethouder: eigen portefeuille bovenaan, daar een afdoening voorstellen
    wissel_rol(pagina, sessiecookies, "wethouder")
    pagina.goto(app_url + PAD)
    eigen = pagina.locator("#toezeggingbeheer-eigen-tabel")
    expect(pagina.locator("#toezeggingbeheer-eigen-titel")).to_contain_text("Uw portefeuille (Anne Brinkhuis)",
                                                                            timeout=WACHT)
    expect(eigen).to_contain_text(ONDERWERP)
    expect(eigen.locator("tr.toezegging-te-laat").first).to_contain_text("Te laat — termijn")
    expect(pagina.locator("#toezeggingbeheer-overig-tabel")).not_to_contain_text("Anne Brinkhuis")
    expect(pagina.get_by_role("button", name="Toezegging registreren")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
    eigen.get_by_role("link", name=nummer).click()
    expect(pagina).to_have_url(detail_url, timeout=WACHT)
    voorstel = _veld(pagina, "Voorstel afdoening")
    expect(voorstel).to_be_visible(timeout=WACHT)
    expect(pagina.get_by_role("button", name="Afgedaan verklaren")).to_have_count(0)
    voorstel.fill(VOORSTEL)
    pagina.get_by_role("button", name="Voorstel opslaan").click()
    expect(pagina.locator("#toezeggingbeheer-bevestiging")).to_contain_text("Voorstel opgeslagen", timeout=WACHT)
    expect(pagina.locator("#toezeggingbeheer-stand-voorstel-afdoening")).to_have_text(VOORSTEL)
    expect(pagina.locator("#toezeggingbeheer-geschiedenis")).to_contain_text("Anne Brinkhuis: Voorstel afdoening")
    assert axe_ernstige_schendingen(pagina) == []

    # Een toezegging van een andere portefeuillehouder: alleen lezen, met uitleg.
    pagina.goto(app_url + PAD)
    andere = pagina.locator("#toezeggingbeheer-overig-tabel a").first
    expect(andere).to_be_visible(timeout=WACHT)
    andere.click()
    expect(pagina.locator("#toezeggingbeheer-alleen-lezen")).to_contain_text("Alleen lezen", timeout=WACHT)
    expect(pagina.get_by_role("textbox")).to_have_count(0)

    # --- de griffie: het voorstel beoordelen en de toezegging afgedaan verklaren
    wissel_rol(pagina, sessiecookies, "griffie")
    pagina.goto(detail_url)
    afdoening = _veld(pagina, "Afdoening")
    expect(afdoening).to_have_value(VOORSTEL, timeout=WACHT)  # het voorstel staat klaar
    expect(pagina.locator("#toezeggingbeheer-afgedaan-uitleg")).to_contain_text("voorstel van de portefeuillehouder")
    datum = _veld(pagina, "Afgedaan op")
    datum.fill("31-02-2026")
    pagina.get_by_role("button", name="Afgedaan verklaren").click()
    expect(_fout(pagina, "afhandelen", "afgedaan_op")).to_contain_text("bestaat niet", timeout=WACHT)
    expect(pagina.locator("#toezeggingbeheer-status")).to_have_text("○ Open")
    vandaag = dt.date.today()
    datum.fill(f"{vandaag:%d-%m-%Y}")
    pagina.get_by_role("button", name="Afgedaan verklaren").click()
    expect(pagina.locator("#toezeggingbeheer-bevestiging")).to_contain_text(
        f"Toezegging {nummer} is afgedaan verklaard.", timeout=WACHT)
    expect(pagina.locator("#toezeggingbeheer-status")).to_have_text(f"✔ Afgedaan op {vandaag:%d-%m-%Y}")
    expect(pagina.locator("#toezeggingbeheer-stand-afdoening")).to_have_text(VOORSTEL)
    # Nu kan alleen nog heropenen (bij een vergissing).
    expect(pagina.get_by_role("button", name="Heropenen")).to_be_visible()
    expect(pagina.get_by_role("button", name="Afgedaan verklaren")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []

    # --- op de toezeggingenlijst als afgedaan
    pagina.locator("#toezeggingbeheer-bevestiging-lijst").click()
    expect(pagina).to_have_url(re.compile(rf"/toezeggingen\?status=afgedaan&zoek={nummer}$"), timeout=WACHT)
    rij = pagina.locator("#toezeggingen-lijst .ag-center-cols-container .ag-row").first
    expect(rij).to_be_visible(timeout=WACHT)
    expect(rij.locator('[col-id="nummer"]')).to_have_text(nummer)
    expect(rij.locator('[col-id="status_tekst"]')).to_have_text(f"✔ Afgedaan op {vandaag:%d-%m-%Y}")
    expect(rij.locator('[col-id="afdoening"]')).to_have_text(VOORSTEL)


def test_raadslid_ziet_uitleg_en_geen_velden(pagina, app_url):
    pagina.goto(app_url + PAD)
    expect(pagina.locator("#toezeggingbeheer-geen-rechten")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#toezeggingbeheer-geen-rechten")).to_contain_text("de griffie registreert")
    expect(pagina.get_by_role("textbox")).to_have_count(0)
    expect(pagina.get_by_role("combobox")).to_have_count(0)
    expect(pagina.get_by_role("button", name=re.compile("registreren|opslaan|verklaren", re.I))).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
    # Ook een directe link naar één toezegging geeft geen velden.
    pagina.goto(app_url + PAD + "?toezegging=1")
    expect(pagina.locator("#toezeggingbeheer-geen-rechten")).to_be_visible(timeout=WACHT)
    expect(pagina.get_by_role("textbox")).to_have_count(0)
