"""datalaag.openbaar op SQLite én PostgreSQL: de schakelaar van de beheerder (``zet_openbaar``) en de
leesfuncties van de openbare wijkpagina's (``openbare_wijken``, ``openbare_wijkpagina``).

Een kleine dataset met de hand (``_bouw``): De Riet met een vastgesteld plan (openbaar), Hofkamp met alleen
een concept (niet openbaar).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.models import (
    Ambitie,
    Doelstelling,
    Evaluatie,
    EvaluatieAmbitie,
    Indicator,
    Instelling,
    Maatregel,
    Melding,
    Meting,
    Mutatie,
    Stadsdeel,
    Wijk,
    WijkInwoners,
    Wijkplan,
)
from datalaag.openbaar import (
    VERBODEN_VELDEN,
    openbaar_aan,
    openbaarheid,
    openbare_wijken,
    openbare_wijkpagina,
    zet_openbaar,
)
from datalaag.trends import doelstelling_trends
from datalaag.validatie import Invoerfout
from seed.referentie import laad_referentie

VANDAAG = dt.date(2026, 11, 27)
BEHEERDER = Actor(gebruiker_id=None, naam="Bea Beheer", rol="beheerder")
GEHEIM = "GEHEIM-persoon-xyz"


def _bouw(sessie):
    laad_referentie(sessie)
    sessie.flush()
    noord = Stadsdeel(naam="Noord", stadsdeelcoordinator=GEHEIM, stadsdeelwethouder=GEHEIM)
    sessie.add(noord)
    sessie.flush()
    riet = Wijk(naam="De Riet", slug="de-riet", stadsdeel_id=noord.id, werkwijze="SHR")
    hof = Wijk(naam="Hofkamp", slug="hofkamp", stadsdeel_id=noord.id, werkwijze="AWA")
    sessie.add_all([riet, hof])
    sessie.flush()
    sessie.add(WijkInwoners(wijk_id=riet.id, jaar=2025, aantal=3400))
    plan = Wijkplan(wijk_id=riet.id, titel="Plan De Riet 2024–2027", werkwijze="SHR", periode_van=2024,
                    periode_tot=2027, status="vastgesteld", vastgesteld_op=dt.date(2023, 12, 13),
                    kader_betrokkenheid_toelichting=GEHEIM, raadsbesluit="Raadsbesluit 2023-001")
    concept = Wijkplan(wijk_id=hof.id, titel="Plan Hofkamp", werkwijze="AWA", periode_van=2026, periode_tot=2027,
                       status="concept")
    sessie.add_all([plan, concept])
    sessie.flush()
    amb = sessie.scalars(select(Ambitie).order_by(Ambitie.nummer)).all()
    ind = sessie.scalars(select(Indicator).where(Indicator.eenheid == "%", Indicator.ambitie_id == amb[0].id)).first()
    doel = Doelstelling(wijkplan_id=plan.id, ambitie_id=amb[0].id, indicator_id=ind.id, tekst="Meer contact",
                        nulmeting_waarde=40, nulmeting_jaar=2023, streefwaarde=50, streefjaar=2027)
    sessie.add(doel)
    sessie.add(Meting(indicator_id=ind.id, wijk_id=riet.id, peildatum=dt.date(2025, 12, 31), waarde=41, bron="enquête"))
    sessie.add(Maatregel(wijkplan_id=plan.id, ambitie_id=amb[0].id, naam="Straatontbijt", verantwoordelijke=GEHEIM,
                         status="in_uitvoering", voortgang=40, start=dt.date(2025, 1, 1), eind=dt.date(2027, 12, 31),
                         opmerkingen=GEHEIM))
    for dag, categorie in ((dt.datetime(2026, 11, 3, 9), "schoon"), (dt.datetime(2026, 11, 20, 9), "schoon"),
                           (dt.datetime(2026, 1, 5, 9), "veilig"), (dt.datetime(2025, 11, 30, 9), "heel")):
        sessie.add(Melding(wijk_id=riet.id, categorie=categorie, kanaal="telefoon", ontvangen_op=dag,
                           omschrijving=GEHEIM, verantwoordelijke=GEHEIM, straat=GEHEIM, aanpak=GEHEIM))
    for jaar, cijfers, status in ((2024, (7.0, 6.0), "vastgesteld"), (2025, (7.5, 5.0), "vastgesteld"),
                                  (2026, (9.9, 9.9), "ingediend")):
        ev = Evaluatie(wijk_id=riet.id, wijkplan_id=plan.id, jaar=jaar, status=status,
                       extra_budget_bedrag=Decimal(20000) if jaar == 2025 else None,
                       extra_budget_motivering=GEHEIM, raadsbesluit=GEHEIM if jaar == 2025 else None,
                       raadsbesluit_datum=dt.date(2026, 6, 1) if jaar == 2025 else None,
                       vastgesteld_op=dt.date(jaar + 1, 5, 1) if status == "vastgesteld" else None)
        sessie.add(ev)
        sessie.flush()
        for a, c in zip(amb[:2], cijfers, strict=True):
            sessie.add(EvaluatieAmbitie(evaluatie_id=ev.id, ambitie_id=a.id, waardering=Decimal(str(c)),
                                        opmerkingen=GEHEIM, gerealiseerde_doelstelling=GEHEIM))
    sessie.flush()
    return riet, hof, plan


# --------------------------------------------------------------------------- leesfuncties


def test_alleen_wijken_met_een_vastgesteld_lopend_plan_zijn_openbaar(sessie):
    _bouw(sessie)
    assert [w.slug for w in openbare_wijken(sessie, 2026)] == ["de-riet"]
    assert openbare_wijken(sessie, 2028) == []  # plan afgelopen
    assert openbare_wijkpagina(sessie, "hofkamp", VANDAAG) is None  # alleen een concept
    assert openbare_wijkpagina(sessie, "bestaat-niet", VANDAAG) is None


def _alle_teksten(waarde) -> list[str]:
    if dataclasses.is_dataclass(waarde):
        return [t for f in dataclasses.fields(waarde) for t in [f.name, *_alle_teksten(getattr(waarde, f.name))]]
    if isinstance(waarde, dict):
        return [t for k, v in waarde.items() for t in [str(k), *_alle_teksten(v)]]
    if isinstance(waarde, (list, tuple)):
        return [t for v in waarde for t in _alle_teksten(v)]
    return [str(waarde)]


def test_wijkpagina_geeft_cijfers_zonder_persoonsgegevens(sessie):
    _riet, _hof, plan = _bouw(sessie)
    p = openbare_wijkpagina(sessie, "de-riet", VANDAAG)
    assert p is not None and p.plan.status == "vastgesteld" and p.inwoners == 3400
    teksten = _alle_teksten(p)
    assert not [t for t in teksten if GEHEIM in t], "persoonsgegevens of vrije tekst in de openbare gegevens"
    veldnamen = {f.name for cls in (type(p), type(p.plan), type(p.evaluatie)) for f in dataclasses.fields(cls)}
    assert not veldnamen & VERBODEN_VELDEN
    # Op koers uit de ene definitie (trends), niet opnieuw berekend.
    (trend,) = doelstelling_trends(sessie, plan.id, VANDAAG)
    (ambitie,) = [a for a in p.ambities if a.doelen]
    assert ambitie.doelen[0].status == trend.status and ambitie.doelen[0].laatste_waarde == 41
    assert [(m.naam, m.voortgang) for a in p.ambities for m in a.maatregelen] == [("Straatontbijt", 40)]
    # Meldingen: 12 maanden t/m november 2026; de melding van 30-11-2025 valt erbuiten.
    assert len(p.meldingen) == 12 and (p.meldingen[0].jaar, p.meldingen[0].maand) == (2025, 12)
    assert p.meldingen[-1].per_categorie["schoon"] == 2 and p.meldingen[1].per_categorie["veilig"] == 1
    assert sum(m.totaal for m in p.meldingen) == 3
    # De laatste vastgestelde evaluatie (niet de ingediende van 2026), met de vorige ernaast.
    ev = p.evaluatie
    assert (ev.jaar, ev.vorige_jaar, ev.extra_budget_bedrag, ev.raadsbesluit_datum) == (
        2025, 2024, 20000.0, dt.date(2026, 6, 1))
    assert [(s.waardering, s.vorige) for s in ev.scores] == [(7.5, 7.0), (5.0, 6.0)]


def test_conclusies_komen_uit_de_cijfers(sessie):
    from dashboard.openbaar import conclusies, in_het_kort, meldingen_tekst

    _bouw(sessie)
    p = openbare_wijkpagina(sessie, "de-riet", VANDAAG)
    zinnen = conclusies(p.evaluatie)
    assert zinnen[0] == "Gemiddeld kreeg de wijk een 6,3. Dat is 0,3 punt lager dan in 2024."
    assert "Een onvoldoende (lager dan 5,5) kreeg: Leefbaarheid." in zinnen
    assert any(z.startswith("De regiegroep vroeg de gemeenteraad om € 20.000 extra geld.") for z in zinnen)
    assert not [z for z in zinnen + in_het_kort(p) if GEHEIM in z]
    assert "De meeste gingen over schoon (2)." in meldingen_tekst(p)


# --------------------------------------------------------------------------- zet_openbaar


def _mutaties(sessie) -> int:
    return sessie.scalar(select(func.count()).select_from(Mutatie))


def test_standaard_staat_alles_aan(sessie):
    assert openbaar_aan(sessie, "paginas") and openbaar_aan(sessie, "api")
    assert openbaarheid(sessie, "paginas").versie is None


def test_beheerder_zet_uit_en_weer_aan_met_een_mutatie_per_keer(sessie):
    uit = zet_openbaar(sessie, BEHEERDER, "paginas", False, None)
    assert (uit.aan, uit.versie, uit.gewijzigd_door) == (False, 1, "Bea Beheer")
    assert not openbaar_aan(sessie, "paginas") and openbaar_aan(sessie, "api")
    (m,) = sessie.scalars(select(Mutatie)).all()
    assert (m.entiteit, m.actie) == ("instelling", "aangemaakt")
    aan = zet_openbaar(sessie, BEHEERDER, "paginas", True, 1)
    assert (aan.aan, aan.versie) == (True, 2) and _mutaties(sessie) == 2


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", "coordinator"])
def test_alleen_de_beheerder(sessie, rol):
    with pytest.raises(GeenToegang, match="mag"):
        zet_openbaar(sessie, Actor(gebruiker_id=None, naam="x", rol=rol, wijk_ids=frozenset({1})), "api", False)
    assert sessie.scalar(select(func.count()).select_from(Instelling)) == 0 and _mutaties(sessie) == 0


def test_niet_aangemeld_wordt_geweigerd(sessie):
    with pytest.raises(GeenToegang):
        zet_openbaar(sessie, None, "api", False)
    assert _mutaties(sessie) == 0


def test_verouderde_versie_wordt_geweigerd(sessie):
    zet_openbaar(sessie, BEHEERDER, "api", False, None)
    with pytest.raises(Invoerfout, match="intussen door iemand anders gewijzigd"):
        zet_openbaar(sessie, BEHEERDER, "api", True, None)
    with pytest.raises(Invoerfout, match="intussen"):
        zet_openbaar(sessie, BEHEERDER, "api", True, 7)
    assert not openbaar_aan(sessie, "api") and _mutaties(sessie) == 1


@pytest.mark.parametrize(("onderdeel", "aan"), [("alles", True), ("api", "ja"), ("api", None)])
def test_ongeldige_invoer_slaat_niets_op(sessie, onderdeel, aan):
    with pytest.raises(Invoerfout):
        zet_openbaar(sessie, BEHEERDER, onderdeel, aan)
    assert sessie.scalar(select(func.count()).select_from(Instelling)) == 0 and _mutaties(sessie) == 0
