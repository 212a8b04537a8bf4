"""``/invoer/wijkplan`` in Chromium: de levensloop van een wijkplan door de UI.

De coördinator maakt een nieuw plan voor De Riet (een eigen wijk; eerst met een fout in de periode), probeert
het op "Besproken met bewoners" te zetten zonder bewonersbijeenkomst en ziet de reden met een link naar de
bewonersinbreng. De test zet de bijeenkomst daarna klaar via het datamodel in de database van de app (zoals de
bewonersinbreng dat doet); dan zet de coördinator het plan door naar "Definitief voorstel". De beheerder legt
de toets van de raad vast: eerst met een kader dat niet voldoet (geweigerd, met de reden van de service), dan
vastgesteld. De historie staat op de wijkpagina ``/wijk/de-riet?plan=<id>``. Een raadslid ziet alles, maar geen
knoppen. Geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Het nieuwe plan is de opvolger van het laatste plan van
De Riet (het formulier stelt het jaar na dat plan voor), dus het begint na het lopende jaar: het overzicht, de
signalen en de wijkpagina zonder ``?plan=`` rekenen met het plan dat dit jaar loopt en veranderen niet (dat
controleert de laatste stap van de test ook).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor
from datalaag.models import Bewonersinbreng, Wijk, Wijkplan
from datalaag.wijkplannen import (
    IN_VOORBEREIDING,
    label,
    maak_wijkplan,
    voorstel_nieuw_plan,
)
from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
PAD = "/invoer/wijkplan"


@pytest.fixture(scope="module")
def app_database(app_url, tmp_path_factory):
    """De SQLite-database van de app uit ``app_url`` (tests/browser/conftest.py maakt die in een map
    ``instance<n>`` onder de tijdelijke map van deze testsessie)."""
    kandidaten = sorted(tmp_path_factory.getbasetemp().glob("instance[0-9]*/wijkaanpak.db"))
    assert len(kandidaten) == 1, f"de database van de app niet gevonden: {kandidaten}"
    engine = create_engine(f"sqlite:///{kandidaten[0]}")
    yield engine
    engine.dispose()


def _veld(pagina, dom_id: str):
    return pagina.locator(f"#{dom_id}").locator("input, textarea, select")


def _fout(pagina, dom_id: str):
    return pagina.locator(f"#{dom_id} + .invalid-feedback")


def _status(pagina):
    return pagina.locator("#wijkplan-status")


def _leg_bijeenkomst_vast(engine, plan_id: int) -> None:
    with Session(engine) as sessie, sessie.begin():
        sessie.add(Bewonersinbreng(wijkplan_id=plan_id, datum=dt.date.today(), vorm="bijeenkomst", bereik=48,
                                   opmerkingen="Bewoners vragen om meer groen en een ontmoetingsplek.",
                                   gewijzigd_door="browsertest"))


def test_levensloop_van_nieuw_plan_tot_vastgesteld(pagina, app_url, sessiecookies, app_database):
    # --- coördinator: een nieuw plan voor een eigen wijk
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}{PAD}?wijk=de-riet")
    nieuw = pagina.locator("#wijkplan-nieuw")
    expect(nieuw).to_be_visible(timeout=WACHT)
    if nieuw.get_attribute("open") is None:
        pagina.locator("#wijkplan-nieuw summary").click()
    titel = _veld(pagina, "wijkplan-nieuw-titel").input_value()
    van = int(_veld(pagina, "wijkplan-nieuw-periode-van").input_value())
    tot = int(_veld(pagina, "wijkplan-nieuw-periode-tot").input_value())
    assert van > dt.date.today().year and tot >= van and titel.startswith(("Vervolg sociale herovering De Riet",
                                                                            "Sociale herovering De Riet"))
    assert axe_ernstige_schendingen(pagina) == []

    # een fout in de periode: Nederlandse melding bij het veld, er wordt niets opgeslagen
    _veld(pagina, "wijkplan-nieuw-periode-tot").fill(str(van - 1))
    knop = pagina.get_by_role("button", name="Nieuw plan aanmaken (concept)")
    knop.click()
    expect(pagina.locator("#wijkplan-nieuw-melding .alert-danger")).to_contain_text("Niet opgeslagen", timeout=WACHT)
    expect(_fout(pagina, "wijkplan-nieuw-periode-tot")).to_have_text(
        f"Laatste jaar: {van - 1} ligt vóór het eerste jaar ({van}). Vul een jaar in van {van} of later.")
    expect(_veld(pagina, "wijkplan-nieuw-periode-tot")).to_have_class(re.compile(r"\bis-invalid\b"))
    assert "plan=" not in pagina.url
    _veld(pagina, "wijkplan-nieuw-periode-tot").fill(str(tot))
    knop.click()
    expect(pagina).to_have_url(re.compile(r"\?wijk=de-riet&plan=\d+&gedaan=nieuw$"), timeout=WACHT)
    plan_id = int(re.search(r"plan=(\d+)", pagina.url)[1])
    expect(pagina.locator("#wijkplan-bevestiging")).to_contain_text(f"Nieuw wijkplan \u201c{titel}\u201d aangemaakt",
                                                                     timeout=WACHT)
    expect(_status(pagina)).to_have_text("✎ Concept")
    expect(pagina.locator("#wijkplan-plan-titel")).to_have_text(titel)
    expect(pagina.locator("#wijkplan-historie-lijst li")).to_have_count(1)

    # "Besproken met bewoners" zonder bijeenkomst: de voorwaarde staat er in woorden, en de poging wordt geweigerd
    stap = pagina.locator("#wijkplan-stappen li[data-stap='besproken_met_bewoners']")
    expect(stap.locator("[data-uitkomst='voorwaarde']")).to_contain_text(
        "Nog geen bewonersbijeenkomst met schriftelijk vastgelegde opmerkingen")
    expect(stap.get_by_role("link", name="Bewonersinbreng vastleggen")).to_have_attribute(
        "href", f"/invoer/bewonersinbreng?wijk=de-riet&plan={plan_id}")
    pagina.get_by_role("button", name="Zet op \u201cBesproken met bewoners\u201d").click()
    weigering = pagina.locator("#wijkplan-stap-melding .alert-danger")
    expect(weigering).to_contain_text("Het wijkplan kan pas 'Besproken met bewoners' worden", timeout=WACHT)
    expect(weigering).to_contain_text("Leg die eerst vast bij de bewonersinbreng van dit plan.")
    expect(_status(pagina)).to_have_text("✎ Concept")
    # de coördinator kan de toets van de raad niet vastleggen: geen formulier
    expect(pagina.locator("#wijkplan-raad")).to_have_count(0)

    # de bijeenkomst wordt vastgelegd (in de database van de app); daarna lukt het
    _leg_bijeenkomst_vast(app_database, plan_id)
    pagina.reload()
    expect(stap.locator("[data-uitkomst='toegestaan']")).to_be_visible(timeout=WACHT)
    _veld(pagina, "wijkplan-stap-toelichting").fill("Besproken op de bewonersavond in het buurthuis.")
    pagina.get_by_role("button", name="Zet op \u201cBesproken met bewoners\u201d").click()
    expect(_status(pagina)).to_have_text("◔ Besproken met bewoners", timeout=WACHT)
    expect(pagina.locator("#wijkplan-bevestiging")).to_contain_text("staat nu op \u201cBesproken met bewoners\u201d")
    pagina.get_by_role("button", name="Zet op \u201cDefinitief voorstel\u201d").click()
    expect(_status(pagina)).to_have_text("◑ Definitief voorstel", timeout=WACHT)
    raadstappen = pagina.locator("#wijkplan-stappen li [data-uitkomst='niet-toegestaan']")
    expect(raadstappen).to_have_count(2)
    expect(raadstappen.first).to_contain_text("mag u niet de toets en het besluit van de raad")

    # --- beheerder: de toets van de raad
    wissel_rol(pagina, sessiecookies, "beheerder")
    pagina.goto(f"{app_url}{PAD}?wijk=de-riet&plan={plan_id}")
    expect(pagina.locator("#wijkplan-raad")).to_be_visible(timeout=WACHT)
    for kader in ("betrokkenheid", "doelstellingen", "middelen"):
        pagina.locator(f"#wijkplan-raad-{kader}-voldoet").check()
        _veld(pagina, f"wijkplan-raad-kader-{kader}-toelichting").fill(f"Getoetst door de raad ({kader}).")
    pagina.locator("#wijkplan-raad-middelen-voldoet-niet").check()
    _veld(pagina, "wijkplan-raad-raadsbesluit").fill("Raadsbesluit 2026-099")
    assert axe_ernstige_schendingen(pagina) == []
    pagina.get_by_role("button", name="Vaststellen").click()
    weigering = pagina.locator("#wijkplan-raad-melding .alert-danger")
    expect(weigering).to_contain_text("het plan voldoet niet aan Benodigde middelen", timeout=WACHT)
    expect(weigering).to_contain_text("verwijs het anders terug naar de regiegroep")
    expect(_status(pagina)).to_have_text("◑ Definitief voorstel")
    pagina.locator("#wijkplan-raad-middelen-voldoet").check()
    pagina.get_by_role("button", name="Vaststellen").click()
    expect(_status(pagina)).to_have_text("✔ Vastgesteld door de raad", timeout=WACHT)
    stappen = pagina.locator("#wijkplan-stappen li")
    expect(stappen).to_have_count(1)
    expect(stappen.first).to_have_attribute("data-stap", "geevalueerd")
    expect(pagina.get_by_role("button", name=re.compile("Geëvalueerd"))).to_have_count(0)

    # --- de historie op de wijkpagina van dit plan
    wissel_rol(pagina, sessiecookies, "raadslid")
    pagina.goto(f"{app_url}/wijk/de-riet?plan={plan_id}")
    expect(pagina.locator("#wijk-plan-kop")).to_contain_text(titel, timeout=WACHT)
    historie = pagina.locator("#wijk-levenscyclus-lijst li")
    expect(historie).to_have_count(4)
    assert [historie.nth(i).get_attribute("data-status") for i in range(4)] == [
        "concept", "besproken_met_bewoners", "definitief_voorstel", "vastgesteld"]
    expect(historie.nth(1)).to_contain_text("Besproken op de bewonersavond in het buurthuis.")
    expect(pagina.locator("#wijk-toets-tabel tbody tr").filter(has_text="Voldoet")).to_have_count(3)
    expect(pagina.locator("#wijk-toets")).to_contain_text("Raadsbesluit 2026-099")
    expect(pagina.locator("#wijk-inbreng-tabel tbody tr")).to_have_count(1)
    # zonder ?plan= blijft de wijkpagina bij het plan dat dit jaar loopt
    pagina.goto(f"{app_url}/wijk/de-riet")
    expect(pagina.locator("#wijk-plan-kop")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#wijk-plan-kop")).not_to_contain_text(titel)


MARIEKES_WIJKEN = ("de-riet", "kerkelanden", "windmolenbroek")


def _plan_in_voorbereiding(engine) -> tuple[str, int, str]:
    """(slug, plan-id, status) van een plan in voorbereiding buiten de wijken van de demo-coördinator. De demo
    heeft er vier (Schelfhorst, Nieuwstraatkwartier, Aalderinkshoek, Hofkamp: plannen voor volgend jaar); in een
    jaar waarin die er niet zijn, wordt er een concept klaargezet voor Hofkamp."""
    with Session(engine) as sessie, sessie.begin():
        rij = sessie.execute(
            select(Wijk.slug, Wijkplan.id, Wijkplan.status).join(Wijk, Wijk.id == Wijkplan.wijk_id)
            .where(Wijkplan.status.in_(IN_VOORBEREIDING), Wijk.slug.not_in(MARIEKES_WIJKEN))
            .order_by(Wijkplan.status.desc(), Wijk.slug)
        ).first()
        if rij is not None:
            return rij.slug, rij.id, rij.status
        wijk_id = sessie.scalar(select(Wijk.id).where(Wijk.slug == "hofkamp"))
        voorstel = voorstel_nieuw_plan(sessie, wijk_id)
        plan = maak_wijkplan(sessie, Actor.opdrachtregel("browsertest"), wijk_id, titel=voorstel.titel,
                             werkwijze=voorstel.werkwijze, periode_van=voorstel.periode_van,
                             periode_tot=voorstel.periode_tot)
        return "hofkamp", plan.wijkplan_id, "concept"


def test_raadslid_volgt_de_levensloop_zonder_knoppen(pagina, app_url, sessiecookies, app_database):
    slug, plan_id, status = _plan_in_voorbereiding(app_database)
    pagina.goto(f"{app_url}{PAD}?wijk={slug}&plan={plan_id}")
    expect(pagina.locator("#wijkplan-geen-rechten")).to_contain_text("U kunt hier niets wijzigen", timeout=WACHT)
    expect(_status(pagina)).to_contain_text(label(status))
    expect(pagina.locator("#wijkplan-balk [aria-current='step']")).to_contain_text(label(status))
    stappen = pagina.locator("#wijkplan-stappen > li")
    assert stappen.count() >= 1
    for i in range(stappen.count()):
        expect(stappen.nth(i).locator("[data-uitkomst='niet-toegestaan']")).to_contain_text(
            "Met de rol raadslid mag u niet")
    for id_ in ("#wijkplan-stap", "#wijkplan-raad", "#wijkplan-nieuw", "#wijkplan-naar-nieuw"):
        expect(pagina.locator(id_)).to_have_count(0)
    assert pagina.locator("#_pages_content button").count() == 0
    assert pagina.locator("#_pages_content input, #_pages_content textarea").count() == 0
    expect(pagina.locator(f"#wijkplan-historie-lijst li[data-status='{status}']").first).to_be_visible()
    assert axe_ernstige_schendingen(pagina) == []

    # een coördinator in een wijk die niet van haar is: ook alleen lezen, met de reden
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}{PAD}?wijk={slug}&plan={plan_id}")
    expect(pagina.locator("#wijkplan-andere-wijk")).to_contain_text("niet een van uw wijken", timeout=WACHT)
    expect(pagina.locator("#wijkplan-stappen [data-uitkomst='niet-toegestaan']").first).to_contain_text(
        "alleen voor de wijken die aan u zijn toegewezen")
    assert pagina.locator("#_pages_content button").count() == 0
    # de wijkkeuze zet de wijk in de URL; in een eigen wijk staat het formulier voor een nieuw plan
    pagina.select_option("#wijkplan-wijk", "kerkelanden")
    expect(pagina).to_have_url(re.compile(r"\?wijk=kerkelanden$"), timeout=WACHT)
    expect(pagina.locator("#wijkplan-nieuw")).to_be_visible(timeout=WACHT)
