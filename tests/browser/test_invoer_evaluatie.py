"""``/invoer/evaluatie`` (bijlage 9) in Chromium: invullen met alleen het toetsenbord, fouten in het
Nederlands, geen verloren wijzigingen bij twee gelijktijdige gebruikers, een raadslid kan niets
schrijven, de beheerder stelt vast, en geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Daarom schrijft elke test hier in een eigen
wijk × jaar die de demodata (en de andere tests) niet gebruiken, zodat de volgorde van de tests er
niet toe doet:

- toetsenbordtest: Kerkelanden × het lopende jaar (ingediend). De demo heeft daar geen evaluatie;
  het overzicht toont standaard het lopende jaar, dus de heatmapcel verandert. Kerkelanden's
  ontbrekende evaluatie over vorig jaar (een signaal uit het demoverhaal) blijft zo bestaan;
- conflict: De Riet × het lopende jaar (alleen een concept, telt niet mee voor de scores);
- validatie en toegankelijkheid: Windmolenbroek × het lopende jaar (er wordt niets opgeslagen);
- vaststellen door de beheerder: de ingediende demo-evaluatie Windmolenbroek × vorig jaar (de
  waarderingen, en dus de ambitiescores, blijven gelijk).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, demo_email, wissel_rol

JAAR = dt.date.today().year  # de app en de demodata rekenen met dezelfde dag
WACHT = 30_000
VELDEN_PER_AMBITIE = ("doelstelling", "gerealiseerde_doelstelling", "waardering", "schatting_kosten",
                      "aanvullende_maatregelen", "opmerkingen")


def _formulier_url(app_url: str, wijk: str, jaar: int) -> str:
    return f"{app_url}/invoer/evaluatie?" + urlencode({"wijk": wijk, "jaar": jaar})


def _open(pagina, app_url: str, wijk: str, jaar: int) -> None:
    pagina.goto(_formulier_url(app_url, wijk, jaar))
    expect(pagina.locator("#evaluatie-status")).to_be_visible(timeout=WACHT)


def _dom_id(sleutel: str) -> str:
    return "evaluatie-" + sleutel.replace(".", "-").replace("_", "-")


def _veld(pagina, sleutel: str):
    """Het invoerveld in het label met id ``evaluatie-…`` (zie pagina/componenten/formulier.py)."""
    return pagina.locator(f"#{_dom_id(sleutel)}").locator("input, textarea")


def _fout(pagina, sleutel: str):
    return pagina.locator(f"#{_dom_id(sleutel)} + .invalid-feedback")


def _heatmapcel(pagina, wijk: str, ambitie: int):
    return pagina.locator(f'#overzicht-heatmap tr[data-wijk="{wijk}"] td').nth(ambitie - 1)


def _gefocust_label(pagina) -> str:
    """Het id van het label om het gefocuste veld, of anders het id van het element zelf."""
    return pagina.evaluate(
        "(() => { const e = document.activeElement; const l = e && e.closest('label');"
        " return l && l.id ? l.id : (e ? e.id : ''); })()"
    )


def _tab_naar(pagina, verwacht_id: str) -> None:
    """Eén keer Tab; de focus moet dan op ``verwacht_id`` staan (zo toetst de test de tabvolgorde)."""
    pagina.keyboard.press("Tab")
    assert _gefocust_label(pagina) == verwacht_id, f"Tab kwam op {_gefocust_label(pagina)!r}, verwacht {verwacht_id!r}"


def _ambitie_ids(pagina) -> list[int]:
    """Ambitie-id's in de volgorde van het formulier (de sleutels zijn ``ambitie.<id>.<veld>``)."""
    ids = pagina.locator("label[id$='-waardering']").evaluate_all("els => els.map(e => e.id)")
    return [int(re.fullmatch(r"evaluatie-ambitie-(\d+)-waardering", i)[1]) for i in ids]


@pytest.fixture
def tweede_pagina(browser, browser_context_args, sessiecookies):
    """Een tweede browsercontext (een tweede gebruiker) als coördinator; faalt ook bij consolefouten."""
    context = browser.new_context(**browser_context_args)
    context.add_cookies(sessiecookies["coordinator"])
    pagina = context.new_page()
    fouten: list[str] = []
    pagina.on("console", lambda b: fouten.append(f"console.{b.type}: {b.text}") if b.type == "error" else None)
    pagina.on("pageerror", lambda f: fouten.append(f"pageerror: {f}"))
    yield pagina
    context.close()
    assert not fouten, "Fouten in de browserconsole (tweede pagina):\n" + "\n".join(fouten)


# --------------------------------------------------------------------------- toetsenbord


def test_coordinator_meldt_aan_vult_in_en_dient_in_met_alleen_het_toetsenbord(pagina, app_url, sessiecookies):
    """De test uit de issue: aanmelden, de evaluatie invullen en indienen zonder muis; daarna staat
    de nieuwe score in de heatmap op ``/`` en op de wijkpagina. Velden krijgen focus alleen met Tab,
    en elke Tab wordt gecontroleerd: zo is ook de volgorde van het formulier getoetst."""
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/invoer/evaluatie")
    expect(pagina).to_have_url(re.compile(r"/login\?volgende="))
    # Aanmelden: het e-mailveld heeft autofocus, dan Tab naar wachtwoord en naar de knop, Enter.
    expect(pagina.locator("#login-email")).to_be_focused()
    pagina.keyboard.type(demo_email("coordinator"))
    _tab_naar(pagina, "login-wachtwoord")
    pagina.keyboard.type("demo-coordinator")
    _tab_naar(pagina, "login-knop")
    pagina.keyboard.press("Enter")
    expect(pagina).to_have_url(re.compile(r"/invoer/evaluatie$"))
    expect(pagina.locator("#shell-gebruiker-naam")).to_have_text("Marieke ter Horst", timeout=WACHT)

    # De oude score in de heatmap (overzicht, standaard het lopende jaar).
    pagina.goto(f"{app_url}/")
    cel = _heatmapcel(pagina, "kerkelanden", 1)
    expect(cel).to_have_text(re.compile(r"^(\d+,\d|–)$"), timeout=WACHT)
    oud = cel.inner_text().strip()
    nieuw = "8,7" if oud != "8,7" else "8,6"

    _open(pagina, app_url, "kerkelanden", JAAR)
    expect(pagina.locator("#evaluatie-status")).to_contain_text("nog niet ingevuld")
    # Overslaglink → hoofdinhoud → eerste keuzelijst van het formulier.
    _tab_naar(pagina, "")  # de overslaglink heeft geen id
    expect(pagina.locator(":focus")).to_have_text("Naar de inhoud")
    pagina.keyboard.press("Enter")
    _tab_naar(pagina, "evaluatie-wijk")
    expect(pagina.locator("#evaluatie-wijk")).to_have_value("kerkelanden")
    _tab_naar(pagina, "evaluatie-jaar")
    expect(pagina.locator("#evaluatie-jaar")).to_have_value(str(JAAR))

    ambities = _ambitie_ids(pagina)
    assert len(ambities) == 6
    waarderingen = [nieuw, "7,9", "6,5", "7,0", "8,1", "6,8"]
    for nummer, (ambitie_id, cijfer) in enumerate(zip(ambities, waarderingen, strict=True), start=1):
        te_typen = {"gerealiseerde_doelstelling": f"Ambitie {nummer}: doel grotendeels gehaald.", "waardering": cijfer}
        for veld in VELDEN_PER_AMBITIE:
            _tab_naar(pagina, _dom_id(f"ambitie.{ambitie_id}.{veld}"))
            if veld in te_typen:
                pagina.keyboard.type(te_typen[veld])
    for veld, tekst in (("klanttevredenheid_cijfer", "7,2"), ("klanttevredenheid_respons", "214"),
                        ("extra_budget_bedrag", None), ("extra_budget_motivering", None)):
        _tab_naar(pagina, _dom_id(veld))
        if tekst:
            pagina.keyboard.type(tekst)
    _tab_naar(pagina, "evaluatie-opslaan")
    _tab_naar(pagina, "evaluatie-indienen")
    pagina.keyboard.press("Enter")

    bevestiging = pagina.locator("#evaluatie-bevestiging")
    expect(bevestiging).to_contain_text("Ingediend.", timeout=WACHT)
    expect(pagina.locator("#evaluatie-status-waarde")).to_have_text("Ingediend")
    expect(_veld(pagina, f"ambitie.{ambities[0]}.waardering")).to_have_value(nieuw)
    expect(_veld(pagina, f"ambitie.{ambities[0]}.waardering")).to_be_disabled()

    # Het overzicht toont de nieuwe score meteen (geen herstart, geen oude cache).
    pagina.goto(f"{app_url}/")
    cel = _heatmapcel(pagina, "kerkelanden", 1)
    expect(cel).to_have_text(nieuw, timeout=WACHT)
    expect(cel.locator("a")).to_have_attribute("title", re.compile(rf"evaluatie \(ingediend\) {JAAR}"))
    # En de wijkpagina ook.
    pagina.goto(f"{app_url}/wijk/kerkelanden?ambitie=1")
    expect(pagina.locator("#wijk-ambitie-1-score")).to_contain_text(f"Ambitiescore nu {nieuw}", timeout=WACHT)


# --------------------------------------------------------------------------- validatie


def test_foute_invoer_geeft_nederlandse_meldingen_en_slaat_niets_op(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url, "windmolenbroek", JAAR)
    expect(pagina.locator("#evaluatie-status")).to_contain_text("nog niet ingevuld")
    a1, a2, *_ = _ambitie_ids(pagina)
    _veld(pagina, f"ambitie.{a1}.waardering").fill("11")
    _veld(pagina, f"ambitie.{a2}.waardering").fill("abc")
    _veld(pagina, f"ambitie.{a1}.schatting_kosten").fill("-5")
    _veld(pagina, "klanttevredenheid_cijfer").fill("7,4")  # goed, maar wordt toch niet opgeslagen
    pagina.get_by_role("button", name="Opslaan als concept").click()

    melding = pagina.locator("#evaluatie-melding")
    expect(melding).to_contain_text("Niet opgeslagen: 3 velden kloppen niet.", timeout=WACHT)
    verwacht = {
        f"ambitie.{a1}.waardering": "Ambitie 1 · Waardering: een rapportcijfer ligt tussen 1 en 10",
        f"ambitie.{a2}.waardering": "Ambitie 2 · Waardering: vul een getal in, bijvoorbeeld 7,5",
        f"ambitie.{a1}.schatting_kosten": "Ambitie 1 · Schatting kosten: een bedrag kan niet negatief zijn",
    }
    for sleutel, tekst in verwacht.items():
        expect(melding).to_contain_text(tekst)
        expect(_fout(pagina, sleutel)).to_contain_text(tekst)
        expect(_veld(pagina, sleutel)).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(_veld(pagina, "klanttevredenheid_cijfer")).not_to_have_class(re.compile(r"\bis-invalid\b"))
    # De invoer blijft staan om te verbeteren.
    expect(_veld(pagina, f"ambitie.{a2}.waardering")).to_have_value("abc")
    assert axe_ernstige_schendingen(pagina) == []

    # Niets opgeslagen: na herladen bestaat de evaluatie nog steeds niet en zijn de velden leeg.
    pagina.reload()
    expect(pagina.locator("#evaluatie-status")).to_contain_text("nog niet ingevuld", timeout=WACHT)
    for sleutel in [*verwacht, "klanttevredenheid_cijfer"]:
        expect(_veld(pagina, sleutel)).to_have_value("")
        expect(_veld(pagina, sleutel)).not_to_have_class(re.compile(r"\bis-invalid\b"))


def test_indienen_zonder_verplichte_velden_noemt_ze(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url, "windmolenbroek", JAAR)
    a1, *_ = _ambitie_ids(pagina)
    _veld(pagina, f"ambitie.{a1}.waardering").fill("7,5")
    pagina.get_by_role("button", name="Indienen").click()
    melding = pagina.locator("#evaluatie-melding")
    expect(melding).to_contain_text("Niet opgeslagen:", timeout=WACHT)
    expect(melding).to_contain_text("Ambitie 2 · Waardering")
    expect(melding).to_contain_text("Klanttevredenheid (rapportcijfer)")
    expect(_fout(pagina, f"ambitie.{a1}.gerealiseerde_doelstelling")).not_to_be_empty()
    expect(_veld(pagina, f"ambitie.{a1}.waardering")).not_to_have_class(re.compile(r"\bis-invalid\b"))
    pagina.reload()
    expect(pagina.locator("#evaluatie-status")).to_contain_text("nog niet ingevuld", timeout=WACHT)


# --------------------------------------------------------------------------- geen verloren wijzigingen


def test_tweede_opslag_op_een_oude_versie_krijgt_een_conflictmelding(pagina, tweede_pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url, "de-riet", JAAR)
    a1, *_ = _ambitie_ids(pagina)
    waardering, opmerkingen = f"ambitie.{a1}.waardering", f"ambitie.{a1}.opmerkingen"
    # Eerst een concept, zodat beiden dezelfde bestaande evaluatie openen.
    _veld(pagina, waardering).fill("6,0")
    pagina.get_by_role("button", name="Opslaan als concept").click()
    expect(pagina.locator("#evaluatie-melding")).to_contain_text("Opgeslagen als concept (versie 1)", timeout=WACHT)
    pagina.reload()
    expect(pagina.locator("#evaluatie-status-waarde")).to_have_text("Concept", timeout=WACHT)

    _open(tweede_pagina, app_url, "de-riet", JAAR)
    expect(tweede_pagina.locator("#evaluatie-status")).to_contain_text("versie 1")
    expect(_veld(tweede_pagina, waardering)).to_have_value("6,0")

    # Gebruiker 1 slaat een wijziging op ...
    _veld(pagina, waardering).fill("7,1")
    pagina.get_by_role("button", name="Opslaan als concept").click()
    expect(pagina.locator("#evaluatie-melding")).to_contain_text("Opgeslagen als concept (versie 2)", timeout=WACHT)
    expect(pagina.locator("#evaluatie-status")).to_contain_text("versie 2")

    # ... gebruiker 2 werkt nog met versie 1 en slaat iets anders op.
    _veld(tweede_pagina, waardering).fill("5,2")
    _veld(tweede_pagina, opmerkingen).fill("Opmerking van de tweede gebruiker")
    tweede_pagina.get_by_role("button", name="Opslaan als concept").click()
    conflict = tweede_pagina.locator("#evaluatie-conflict")
    expect(conflict).to_contain_text("intussen opgeslagen door Marieke ter Horst", timeout=WACHT)
    expect(conflict).to_contain_text("NIET opgeslagen")
    expect(conflict).to_contain_text("Ambitie 1 · Waardering: 6,0 → 7,1")
    expect(conflict).to_have_attribute("role", "alert")
    expect(conflict.get_by_role("link", name=re.compile("Laad de nieuwste versie"))).to_be_visible()
    # De invoer van gebruiker 2 staat nog in het formulier.
    expect(_veld(tweede_pagina, waardering)).to_have_value("5,2")

    # Wat gebruiker 1 opsloeg, is bewaard; van gebruiker 2 is niets opgeslagen.
    for p in (pagina, tweede_pagina):
        p.reload()
        expect(p.locator("#evaluatie-status")).to_contain_text("versie 2", timeout=WACHT)
        expect(_veld(p, waardering)).to_have_value("7,1")
        expect(_veld(p, opmerkingen)).to_have_value("")


# --------------------------------------------------------------------------- alleen lezen


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie"])
def test_wie_alleen_leest_vindt_geen_manier_om_te_schrijven(pagina, app_url, sessiecookies, rol):
    wissel_rol(pagina, sessiecookies, rol)
    pagina.goto(f"{app_url}/invoer")
    expect(pagina.locator("#invoer-formulieren")).to_contain_text("U heeft geen rechten om dit in te vullen.",
                                                                  timeout=WACHT)
    if rol == "raadslid":
        # Geen menu-item Invoer en op /invoer geen links naar de formulieren.
        expect(pagina.locator("#invoer-geen-rechten")).to_contain_text("niets invoeren")
        expect(pagina.locator("#shell-menu a", has_text="Invoer")).to_have_count(0)
        expect(pagina.locator("#invoer-formulieren a")).to_have_count(0)
    else:
        # Griffie en wethouder hebben alleen het toezeggingenformulier.
        expect(pagina.locator("#shell-menu a", has_text="Invoer")).to_have_count(1)
        expect(pagina.locator("#invoer-formulieren a")).to_have_count(1)
        expect(pagina.locator("#invoer-formulieren a")).to_have_attribute("href", "/invoer/toezeggingen")
    assert axe_ernstige_schendingen(pagina) == []

    for pad in ("/invoer/evaluatie", "/invoer/evaluatie?wijk=kerkelanden&jaar=2024"):
        pagina.goto(f"{app_url}{pad}")
        expect(pagina.locator("#evaluatie-geen-rechten")).to_contain_text("U kunt hier niets invoeren.",
                                                                          timeout=WACHT)
        inhoud = pagina.locator("#_pages_content")
        expect(inhoud.locator("input, textarea, select, button")).to_have_count(0)


# --------------------------------------------------------------------------- vaststellen


def test_beheerder_legt_het_besluit_van_de_raad_vast(pagina, app_url, sessiecookies):
    vorig_jaar = JAAR - 1
    # De coördinator ziet de ingediende evaluatie alleen-lezen, zonder knoppen en zonder vaststellen.
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url, "windmolenbroek", vorig_jaar)
    expect(pagina.locator("#evaluatie-status-waarde")).to_have_text("Ingediend")
    expect(pagina.locator("#evaluatie-alleen-lezen")).to_contain_text("kan niet meer worden gewijzigd")
    expect(pagina.locator("#_pages_content textarea:not([disabled])")).to_have_count(0)
    expect(pagina.locator("#_pages_content input:not([disabled])")).to_have_count(0)
    expect(pagina.locator("#evaluatie-opslaan, #evaluatie-indienen, #evaluatie-vaststellen")).to_have_count(0)

    wissel_rol(pagina, sessiecookies, "beheerder")
    _open(pagina, app_url, "windmolenbroek", vorig_jaar)
    expect(pagina.locator("#evaluatie-besluit-titel")).to_have_text("Besluit van de raad vastleggen")
    pagina.locator("#evaluatiebesluit-raadsbesluit textarea").fill(
        "Raadsbesluit 2026-041: evaluatie Windmolenbroek vastgesteld.")
    expect(pagina.locator("#evaluatiebesluit-raadsbesluit-datum input")).to_have_value(f"{dt.date.today():%d-%m-%Y}")
    pagina.get_by_role("button", name="Vaststellen").click()
    expect(pagina.locator("#evaluatie-bevestiging")).to_contain_text("Vastgesteld.", timeout=WACHT)
    expect(pagina.locator("#evaluatie-status-waarde")).to_have_text("Vastgesteld")
    expect(pagina.locator("#evaluatie-status")).to_contain_text(
        f"vastgesteld op {dt.date.today():%d-%m-%Y}")
    expect(pagina.locator("#evaluatie-vaststellen")).to_have_count(0)


# --------------------------------------------------------------------------- toegankelijkheid


def test_formulier_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url, "windmolenbroek", JAAR)
    expect(pagina.locator("h1")).to_have_count(1)
    assert axe_ernstige_schendingen(pagina) == []
    # Elk veld heeft een zichtbaar label (het veld staat in zijn label).
    velden = pagina.locator("#_pages_content input:not([type=hidden]), #_pages_content textarea")
    assert velden.count() == 6 * 6 + 4
    zonder_label = velden.evaluate_all("els => els.filter(e => !e.closest('label')).length")
    assert zonder_label == 0
