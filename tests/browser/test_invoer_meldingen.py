"""``/invoer/meldingen`` in Chromium: een coördinator registreert een melding (eerst met een fout: ontvangen in
de toekomst; er wordt niets opgeslagen), handelt haar af (afhandeltijd uit de ene definitie), meldt de
selectie aan de regiegroep en ziet de melding terug op ``/meldingen``; een raadslid ziet geen velden; geen
ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test schrijft in Windmolenbroek (de tellingen
in tests/browser/test_meldingen.py gaan over Kerkelanden 2025, en over het aantal wijken). De nieuwe melding
is de laatst ontvangen melding van de stad; daarom krijgt ze een kenmerk in de vorm van de demo
(``M<jaar>-9<4 cijfers>``): test_meldingen.py leest in de lijst van het lopende jaar het kenmerk van de
nieuwste melding en verwacht die vorm. Melden aan de regiegroep gebeurt met "afgehandeld vanaf" vandaag,
zodat de selectie alleen meldingen van vandaag bevat (het signaal "niet gemeld" kijkt pas na 30 dagen).
"""

from __future__ import annotations

import datetime as dt
import random
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
WIJK = "windmolenbroek"


def _veld(pagina, sectie: str, veld: str):
    """Het invoerveld (input, textarea of select) in het label ``melding-<sectie>-<veld>``."""
    return pagina.locator(f"#melding-{sectie}-{veld.replace('_', '-')}").locator("input, textarea, select")


def _fout(pagina, sectie: str, veld: str):
    return pagina.locator(f"#melding-{sectie}-{veld.replace('_', '-')} + .invalid-feedback")


def _moment(m: dt.datetime) -> str:
    return f"{m:%d-%m-%Y %H:%M}"


def test_registreren_afhandelen_en_melden_aan_de_regiegroep(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/meldingen?wijk={WIJK}")
    expect(pagina.locator("#melding-registratie")).to_be_visible(timeout=WACHT)
    # Alleen de eigen wijken in de keuzelijst.
    wijken = [t for t in pagina.locator("#melding-wijk option").all_inner_texts() if t]  # zonder de lege placeholder
    assert wijken == ["De Riet", "Kerkelanden", "Windmolenbroek"]
    expect(pagina.locator("#melding-wijk")).to_have_value(WIJK)
    lopend = int(pagina.locator("#melding-lijst-samenvatting").get_attribute("data-totaal"))
    assert axe_ernstige_schendingen(pagina) == []

    # 1. Registreren, met een fout: ontvangen in de toekomst. Er wordt niets opgeslagen.
    nu = dt.datetime.now().replace(second=0, microsecond=0)
    ontvangen = nu - dt.timedelta(minutes=3)
    kenmerk = f"M{ontvangen.year}-9{random.randint(0, 9999):04d}"
    _veld(pagina, "registratie", "categorie").select_option("overlast")
    _veld(pagina, "registratie", "kanaal").select_option("telefoon")
    _veld(pagina, "registratie", "ontvangen_op").fill(_moment(nu + dt.timedelta(days=2)))
    _veld(pagina, "registratie", "straat").fill("Windmolenbroeksweg")
    _veld(pagina, "registratie", "omschrijving").fill("Browsertest: geluidsoverlast <b>na</b> middernacht.")
    _veld(pagina, "registratie", "kenmerk").fill(kenmerk)
    pagina.get_by_role("button", name="Melding registreren").click()
    expect(pagina.locator("#melding-registratie-melding .alert-danger")).to_contain_text(
        "Niet opgeslagen: 1 veld klopt niet.", timeout=WACHT)
    expect(_fout(pagina, "registratie", "ontvangen_op")).to_contain_text("Ontvangen op: de datum moet tussen")
    expect(_veld(pagina, "registratie", "ontvangen_op")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(_veld(pagina, "registratie", "omschrijving")).to_have_value(
        "Browsertest: geluidsoverlast <b>na</b> middernacht.")  # de invoer blijft staan
    assert int(pagina.locator("#melding-lijst-samenvatting").get_attribute("data-totaal")) == lopend

    _veld(pagina, "registratie", "ontvangen_op").fill(_moment(ontvangen))
    pagina.get_by_role("button", name="Melding registreren").click()
    bevestiging = pagina.locator("#melding-bevestiging")
    expect(bevestiging).to_contain_text(f"Melding {kenmerk} is geregistreerd in Windmolenbroek (status open)",
                                        timeout=WACHT)
    expect(pagina).to_have_url(re.compile(rf"/invoer/meldingen\?wijk={WIJK}&melding=\d+&opgeslagen=registratie"))
    # De bijgewerkte lijst, met de nieuwe melding en het afhandelformulier met de huidige stand.
    expect(pagina.locator("#melding-lijst-samenvatting")).to_have_attribute("data-totaal", str(lopend + 1))
    rij = pagina.locator("#melding-lijst tbody tr", has_text=kenmerk)
    expect(rij).to_contain_text("Open")
    expect(rij).to_contain_text("Binnen de norm")
    expect(pagina.locator("#melding-afhandeling-titel")).to_have_text(f"Melding {kenmerk} afhandelen")
    expect(pagina.locator("#melding-huidig")).to_contain_text("Browsertest: geluidsoverlast <b>na</b> middernacht.")
    expect(pagina.locator("#melding-huidig b")).to_have_count(0)  # gebruikerstekst nooit als HTML
    assert axe_ernstige_schendingen(pagina) == []

    # 2. Afhandelen: afgehandeld, met verantwoordelijke, aanpak en de rol van bewoners.
    _veld(pagina, "afhandeling", "status").select_option("afgehandeld")
    _veld(pagina, "afhandeling", "verantwoordelijke").fill("Wijkagent Windmolenbroek")
    _veld(pagina, "afhandeling", "aanpak").fill("Gesprek met de bewoners; afspraken over de avonduren.")
    _veld(pagina, "afhandeling", "rol_bewoners").fill("Buren hebben zelf het gesprek voorgesteld.")
    _veld(pagina, "afhandeling", "afgehandeld_op").fill(_moment(ontvangen + dt.timedelta(minutes=1)))
    pagina.get_by_role("button", name="Afhandeling opslaan").click()
    expect(bevestiging).to_contain_text(
        f"De afhandeling van melding {kenmerk} is opgeslagen: status afgehandeld, afhandeltijd 0 werkdagen "
        "(binnen de norm van 5).", timeout=WACHT)
    expect(pagina.locator("#melding-huidig-status")).to_have_text("Afgehandeld")
    expect(pagina.locator("#melding-huidig-afhandeltijd")).to_contain_text("0 werkdagen")
    # Niet meer in de lijst van lopende meldingen.
    expect(pagina.locator("#melding-lijst-samenvatting")).to_have_attribute("data-totaal", str(lopend))
    expect(pagina.locator("#melding-lijst tbody tr", has_text=kenmerk)).to_have_count(0)

    # 3. Melden aan de regiegroep: de selectie van vandaag afgehandelde meldingen, in één keer.
    _veld(pagina, "selectie", "vanaf").fill(f"{ontvangen:%d-%m-%Y}")
    pagina.get_by_role("button", name="Selectie tonen").click()
    expect(pagina).to_have_url(re.compile(r"vanaf=\d{4}-\d{2}-\d{2}"), timeout=WACHT)
    samenvatting = pagina.locator("#melding-regiegroep-samenvatting")
    expect(samenvatting).to_contain_text(f"afgehandeld vanaf {ontvangen:%d-%m-%Y}", timeout=WACHT)
    aantal = int(samenvatting.get_attribute("data-aantal"))
    assert aantal >= 1
    if aantal <= 10:
        expect(pagina.locator("#melding-regiegroep-tabel")).to_contain_text(kenmerk)
    knop = pagina.get_by_role("button", name=re.compile(rf"^Meld {aantal} melding(en)? aan de regiegroep$"))
    knop.click()
    expect(bevestiging).to_contain_text(
        f"Gemeld aan de regiegroep op {nu:%d-%m-%Y}: {aantal} melding", timeout=WACHT)
    expect(samenvatting).to_contain_text("0 afgehandelde meldingen")
    expect(pagina.get_by_role("button", name="Meld 0 meldingen aan de regiegroep")).to_be_disabled()

    # 4. Op /meldingen: de melding staat er, afgehandeld en gemeld aan de regiegroep.
    pagina.locator("#melding-bevestiging-link").click()
    expect(pagina).to_have_url(re.compile(rf"/meldingen\?wijk={WIJK}&jaar={nu.year}&status=afgehandeld$"))
    expect(pagina.locator("h1")).to_have_text("Meldingen", timeout=WACHT)
    lijst = pagina.locator("#meldingen-lijst")
    lijst.scroll_into_view_if_needed()
    eerste = lijst.locator('.ag-center-cols-container .ag-row[row-index="0"]')
    expect(eerste.locator('[col-id="kenmerk"]')).to_have_text(kenmerk, timeout=WACHT)
    expect(eerste.locator('[col-id="gemeld_regiegroep"]')).to_have_text(f"{nu:%d-%m-%Y}")


def test_raadslid_ziet_geen_velden(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/meldingen?wijk={WIJK}")
    expect(pagina.locator("#melding-geen-rechten")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#melding-geen-rechten")).to_contain_text("kunt u meldingen lezen, niet registreren")
    inhoud = pagina.locator("#_pages_content")
    expect(inhoud.locator("input, select, textarea")).to_have_count(0)
    expect(inhoud.get_by_role("button")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
