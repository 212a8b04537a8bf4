"""De levenscyclus van een wijkplan (datalaag.wijkplannen) op SQLite én PostgreSQL.

Eén kleine dataset (``_bouw``): Kerkelanden (coördinator Marieke ter Horst) en De Riet, elk met een
conceptplan, en een gebruiker per rol. Een geweigerde schrijfactie schrijft niets: elke weigering
vergelijkt de tellingen van WijkplanStatus- en Mutatie-rijen en de planstatus vóór en na.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang, actor_voor_gebruiker
from datalaag.evaluaties import stel_evaluatie_vast
from datalaag.models import (
    WIJKPLAN_STATUSSEN,
    Bewonersinbreng,
    Evaluatie,
    Gebruiker,
    Mutatie,
    Stadsdeel,
    Werkwijze,
    Wijk,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.mutaties import Conflictfout
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.wijkpagina import kies_plan, wijk_basis
from datalaag.wijkplannen import (
    KADERS,
    OVERGANGEN,
    PlanAangemaakt,
    StatusGewijzigd,
    maak_wijkplan,
    markeer_geevalueerd,
    plan_stand,
    statushistorie,
    toelichting_veld,
    voldoet_veld,
    volgende_stappen,
    voorstel_nieuw_plan,
    wijken_met_plannen,
    wijzig_status,
)

VANDAAG = dt.date(2026, 11, 27)


@dataclass
class Gegevens:
    kerkelanden: Wijk
    de_riet: Wijk
    plan: Wijkplan        # Kerkelanden, concept
    plan_riet: Wijkplan   # De Riet, concept
    actoren: dict[str, Actor]


def _bouw(sessie: Session) -> Gegevens:
    sessie.add_all([Werkwijze(code=c, naam=c, omschrijving="-", looptijd="-", afbakening="-")
                    for c in ("WOP", "AWA", "SHR")])
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="Marieke ter Horst", stadsdeelwethouder="W. Ethouder")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="WOP")
    plan = Wijkplan(wijk=kl, titel="WOP Kerkelanden 2025–2028", werkwijze="WOP", periode_van=2025,
                    periode_tot=2028, status="concept", gewijzigd_door="test")
    plan_riet = Wijkplan(wijk=dr, titel="WOP De Riet 2025–2028", werkwijze="WOP", periode_van=2025,
                         periode_tot=2028, status="concept", gewijzigd_door="test")

    def gebruiker(rol: str, naam: str, *wijken: Wijk) -> Gebruiker:
        g = Gebruiker(naam=naam, email=f"{naam.split()[0].lower()}@almelo.nl", wachtwoord_hash="!", rol=rol,
                      is_demo=False, actief=True, portefeuillehouder=naam if rol == "wethouder" else None)
        g.wijken.extend(wijken)
        return g

    gebruikers = {
        "raadslid": gebruiker("raadslid", "Rita Raad"),
        "wethouder": gebruiker("wethouder", "Wim Wethouder"),
        "griffie": gebruiker("griffie", "Gerrit Griffie"),
        "coordinator": gebruiker("coordinator", "Marieke ter Horst", kl),
        "beheerder": gebruiker("beheerder", "Bea Beheer"),
    }
    sessie.add_all([stadsdeel, kl, dr, plan, plan_riet, *gebruikers.values()])
    sessie.flush()
    for p in (plan, plan_riet):
        sessie.add(WijkplanStatus(wijkplan_id=p.id, status="concept", datum=dt.date(2026, 1, 10),
                                  toelichting="Concept opgesteld.", gewijzigd_door="test"))
    sessie.flush()
    return Gegevens(kl, dr, plan, plan_riet, {k: actor_voor_gebruiker(sessie, gb.id) for k, gb in gebruikers.items()})


@pytest.fixture
def g(sessie) -> Gegevens:
    return _bouw(sessie)


def _bijeenkomst(sessie: Session, plan: Wijkplan, *, vorm: str = "bijeenkomst", opmerkingen: str = "Meer groen.",
                 datum: dt.date = dt.date(2026, 2, 1)) -> None:
    sessie.add(Bewonersinbreng(wijkplan_id=plan.id, datum=datum, vorm=vorm, bereik=80, opmerkingen=opmerkingen,
                               gewijzigd_door="test"))
    sessie.flush()


def _toets(betrokkenheid: Any = "voldoet", doelstellingen: Any = "voldoet", middelen: Any = "voldoet",
           **extra: Any) -> dict[str, Any]:
    waarden = {"betrokkenheid": betrokkenheid, "doelstellingen": doelstellingen, "middelen": middelen}
    uit: dict[str, Any] = {"raadsbesluit": "Raadsbesluit 2026-001"}
    for kader in KADERS:
        uit[voldoet_veld(kader)] = waarden[kader]
        uit[toelichting_veld(kader)] = f"Toelichting {kader}."
    uit.update(extra)
    return uit


def _stand(sessie: Session, plan: Wijkplan) -> tuple[int, int, str, int]:
    sessie.expire_all()
    return (sessie.scalar(select(func.count()).select_from(WijkplanStatus)),
            sessie.scalar(select(func.count()).select_from(Mutatie)),
            *sessie.execute(select(Wijkplan.status, Wijkplan.versie).where(Wijkplan.id == plan.id)).one())


def _wijzig(sessie, actor, plan, status, **kw) -> StatusGewijzigd:
    sessie.refresh(plan)
    kw.setdefault("verwachte_versie", plan.versie)
    kw.setdefault("vandaag", VANDAAG)
    return wijzig_status(sessie, actor, plan.id, status, **kw)


def _weigert(sessie, plan, fout: type[Exception], *args, **kw) -> Exception:
    voor = _stand(sessie, plan)
    with pytest.raises(fout) as info:
        _wijzig(sessie, *args, **kw)
    assert _stand(sessie, plan) == voor, "een geweigerde statuswijziging schrijft niets"
    return info.value


def _naar_definitief(sessie, g, plan=None, actor=None) -> None:
    plan = plan or g.plan
    actor = actor or g.actoren["coordinator"]
    _bijeenkomst(sessie, plan)
    _wijzig(sessie, actor, plan, "besproken_met_bewoners", datum=dt.date(2026, 2, 3))
    _wijzig(sessie, actor, plan, "definitief_voorstel", datum=dt.date(2026, 3, 1))


# --------------------------------------------------------------------------- de volledige levenscyclus


def test_levenscyclus_met_historie_en_dossier(sessie, g):
    marieke, bea = g.actoren["coordinator"], g.actoren["beheerder"]
    _bijeenkomst(sessie, g.plan)
    uit = _wijzig(sessie, marieke, g.plan, "besproken_met_bewoners", datum="03-02-2026",
                  toelichting=" Besproken op de bewonersavond. ")
    assert uit == StatusGewijzigd(g.plan.id, 2, "besproken_met_bewoners", True)
    _wijzig(sessie, marieke, g.plan, "definitief_voorstel", datum=dt.date(2026, 3, 1))
    uit = _wijzig(sessie, bea, g.plan, "vastgesteld", datum="2026-04-15",
                  toets=_toets(raadsbesluit="Raadsbesluit 2026-042"))
    assert uit.status == "vastgesteld" and uit.versie == 4

    sessie.expire_all()
    plan = sessie.get(Wijkplan, g.plan.id)
    assert (plan.status, plan.vastgesteld_op, plan.raadsbesluit, plan.gewijzigd_door) == (
        "vastgesteld", dt.date(2026, 4, 15), "Raadsbesluit 2026-042", bea.naam)
    assert [(plan.kader_betrokkenheid_voldoet, plan.kader_doelstellingen_voldoet, plan.kader_middelen_voldoet)] == [
        (True, True, True)]
    assert plan.kader_middelen_toelichting == "Toelichting middelen."

    historie = statushistorie(sessie, g.plan.id)
    assert [(h.status, h.datum, h.gewijzigd_door) for h in historie] == [
        ("concept", dt.date(2026, 1, 10), "test"),
        ("besproken_met_bewoners", dt.date(2026, 2, 3), marieke.naam),
        ("definitief_voorstel", dt.date(2026, 3, 1), marieke.naam),
        ("vastgesteld", dt.date(2026, 4, 15), bea.naam),
    ]
    assert historie[1].toelichting == "Besproken op de bewonersavond."
    assert historie[3].status_label == "Vastgesteld door de raad"
    assert statushistorie(sessie, g.plan_riet.id)[0].status == "concept"

    mutaties = list(sessie.scalars(select(Mutatie).order_by(Mutatie.id)))
    assert [(m.entiteit, m.entiteit_id, m.actie, m.wijk_id, m.versie, m.gebruiker_naam) for m in mutaties] == [
        ("wijkplan", g.plan.id, "statuswijziging", g.kerkelanden.id, 2, marieke.naam),
        ("wijkplan", g.plan.id, "statuswijziging", g.kerkelanden.id, 3, marieke.naam),
        ("wijkplan", g.plan.id, "statuswijziging", g.kerkelanden.id, 4, bea.naam),
    ]
    assert mutaties[0].oud == {"Status": "Concept"}
    assert mutaties[0].nieuw == {"Status": "Besproken met bewoners", "Datum": formatteer_datum(dt.date(2026, 2, 3)),
                                 "Toelichting": "Besproken op de bewonersavond."}
    assert mutaties[2].oud["Status"] == "Definitief voorstel"
    assert mutaties[2].nieuw["Status"] == "Vastgesteld door de raad"
    assert mutaties[2].nieuw["Toets · Doelstellingen"] == "Voldoet"
    assert mutaties[2].nieuw["Raadsbesluit"] == "Raadsbesluit 2026-042"
    assert mutaties[2].oud["Toets · Doelstellingen"] is None


def test_terugverwijzen_en_opnieuw_voorstellen(sessie, g):
    bea, marieke = g.actoren["beheerder"], g.actoren["coordinator"]
    _naar_definitief(sessie, g)
    uit = _wijzig(sessie, bea, g.plan, "terugverwezen", datum=dt.date(2026, 4, 1),
                  toelichting="Doelstellingen meetbaar maken.", toets=_toets(doelstellingen="voldoet_niet"))
    assert uit.status == "terugverwezen"
    sessie.expire_all()
    plan = sessie.get(Wijkplan, g.plan.id)
    assert (plan.kader_doelstellingen_voldoet, plan.kader_betrokkenheid_voldoet, plan.vastgesteld_op) == (
        False, True, None)
    assert plan.raadsbesluit == "Raadsbesluit 2026-001"
    # terug naar de regiegroep: opnieuw bespreken (met een NIEUWE bijeenkomst), of meteen een nieuw voorstel
    fout = _weigert(sessie, g.plan, Invoerfout, marieke, g.plan, "besproken_met_bewoners", datum=dt.date(2026, 4, 20))
    assert "sinds de terugverwijzing door de raad op 01-04-2026" in str(fout)
    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 4, 14), opmerkingen="Doelen nu meetbaar, zeggen de bewoners.")
    _wijzig(sessie, marieke, g.plan, "besproken_met_bewoners", datum=dt.date(2026, 4, 20))
    _wijzig(sessie, marieke, g.plan, "definitief_voorstel", datum=dt.date(2026, 5, 1))
    _wijzig(sessie, bea, g.plan, "terugverwezen", datum=dt.date(2026, 5, 20), toelichting="Middelen ontbreken.",
            toets=_toets(middelen=False))
    _wijzig(sessie, marieke, g.plan, "definitief_voorstel", datum=dt.date(2026, 6, 1))
    _wijzig(sessie, bea, g.plan, "vastgesteld", datum=dt.date(2026, 6, 20), toets=_toets(middelen=True))
    assert [h.status for h in statushistorie(sessie, g.plan.id)] == [
        "concept", "besproken_met_bewoners", "definitief_voorstel", "terugverwezen", "besproken_met_bewoners",
        "definitief_voorstel", "terugverwezen", "definitief_voorstel", "vastgesteld"]


def test_overgangstabel_dekt_alle_statussen():
    assert set(OVERGANGEN) == set(WIJKPLAN_STATUSSEN)
    assert OVERGANGEN["concept"] == {"besproken_met_bewoners": "wijkplan_voorbereiden"}
    assert set(OVERGANGEN["definitief_voorstel"]) == {"vastgesteld", "terugverwezen"}
    assert set(OVERGANGEN["terugverwezen"]) == {"besproken_met_bewoners", "definitief_voorstel"}


# --------------------------------------------------------------------------- geweigerde overgangen


@pytest.mark.parametrize(("van", "naar", "verwacht"), [
    ("concept", "definitief_voorstel", "Vanuit 'Concept' kan het alleen naar 'Besproken met bewoners'."),
    ("concept", "concept", "Het wijkplan is al 'Concept'."),
    ("besproken_met_bewoners", "concept", "alleen naar 'Definitief voorstel'"),
    ("definitief_voorstel", "besproken_met_bewoners",
     "alleen naar 'Vastgesteld door de raad' of 'Terugverwezen naar de regiegroep'"),
    ("vastgesteld", "definitief_voorstel", "alleen nog 'Geëvalueerd' worden"),
    ("terugverwezen", "terugverwezen", "alleen naar 'Besproken met bewoners' of 'Definitief voorstel'"),
    ("geevalueerd", "concept", "alleen nog 'Geëvalueerd' worden"),
])
def test_verboden_overgang_met_reden(sessie, g, van, naar, verwacht):
    g.plan.status = van
    sessie.flush()
    _bijeenkomst(sessie, g.plan)
    raad = naar in ("vastgesteld", "terugverwezen")
    fout = _weigert(sessie, g.plan, Invoerfout, g.actoren["beheerder"], g.plan, naar,
                    toets=_toets(middelen="voldoet_niet") if raad else None,
                    toelichting="Reden." if raad else None)
    assert not isinstance(fout, (Validatiefout, Conflictfout))
    assert verwacht in str(fout)


def test_onbekende_status_en_onbekend_plan(sessie, g):
    fout = _weigert(sessie, g.plan, Validatiefout, g.actoren["beheerder"], g.plan, "afgeschaft")
    assert set(fout.fouten) == {"status"}
    with pytest.raises(Invoerfout, match="bestaat niet"):
        wijzig_status(sessie, g.actoren["beheerder"], g.plan.id + 999, "besproken_met_bewoners",
                      verwachte_versie=1, vandaag=VANDAAG)


# --------------------------------------------------------------------------- rechten per rol


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_rollen_zonder_schrijfrecht(sessie, g, rol):
    actor = None if rol is None else g.actoren[rol]
    _bijeenkomst(sessie, g.plan)
    fout = _weigert(sessie, g.plan, GeenToegang, actor, g.plan, "besproken_met_bewoners")
    assert ("niet aangemeld" in str(fout)) if rol is None else ("Met de rol" in str(fout))
    g.plan.status = "definitief_voorstel"
    sessie.flush()
    _weigert(sessie, g.plan, GeenToegang, actor, g.plan, "vastgesteld", toets=_toets())


def test_coordinator_alleen_eigen_wijk_en_niet_het_raadsbesluit(sessie, g):
    marieke = g.actoren["coordinator"]
    _bijeenkomst(sessie, g.plan_riet)
    fout = _weigert(sessie, g.plan_riet, GeenToegang, marieke, g.plan_riet, "besproken_met_bewoners")
    assert "De Riet" in str(fout)
    _naar_definitief(sessie, g)   # eigen wijk: mag
    _weigert(sessie, g.plan, GeenToegang, marieke, g.plan, "vastgesteld", toets=_toets())
    _weigert(sessie, g.plan, GeenToegang, marieke, g.plan, "terugverwezen", toets=_toets(middelen="voldoet_niet"),
             toelichting="Nee.")


def test_beheerder_mag_ook_voorbereiden(sessie, g):
    _naar_definitief(sessie, g, plan=g.plan_riet, actor=g.actoren["beheerder"])
    assert statushistorie(sessie, g.plan_riet.id)[-1].status == "definitief_voorstel"


# --------------------------------------------------------------------------- bewonersbijeenkomst


@pytest.mark.parametrize("inbreng", [None, "enquete", "lege_opmerkingen", "na_de_datum", "voor_het_concept"])
def test_besproken_met_bewoners_vraagt_een_bijeenkomst_met_opmerkingen(sessie, g, inbreng):
    if inbreng == "enquete":
        _bijeenkomst(sessie, g.plan, vorm="enquete")
    elif inbreng == "lege_opmerkingen":
        _bijeenkomst(sessie, g.plan, opmerkingen="   ")
    elif inbreng == "na_de_datum":
        _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 3, 1))
    elif inbreng == "voor_het_concept":   # het concept is van 10-01-2026: deze bijeenkomst ging er niet over
        _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 1, 9))
    _bijeenkomst(sessie, g.plan_riet)   # de bijeenkomst van een ander plan telt niet
    fout = _weigert(sessie, g.plan, Invoerfout, g.actoren["coordinator"], g.plan, "besproken_met_bewoners",
                    datum=dt.date(2026, 2, 10))
    assert "bewonersbijeenkomst" in str(fout) and "schriftelijk vastgelegde opmerkingen" in str(fout)
    assert "over dit concept (gehouden tussen 10-01-2026 en 10-02-2026)" in str(fout)


# --------------------------------------------------------------------------- toets en invoer


@pytest.mark.parametrize(("status", "toets", "toelichting", "velden"), [
    ("vastgesteld", None, None, {"toets"}),
    ("vastgesteld", _toets(doelstellingen="voldoet_niet"), None, {"toets"}),
    ("vastgesteld", _toets(betrokkenheid=None), None, {"kader_betrokkenheid_voldoet"}),
    ("vastgesteld", _toets(middelen="misschien"), None, {"kader_middelen_voldoet"}),
    ("vastgesteld", {**_toets(), "kader_doelstellingen_toelichting": " "}, None, {"kader_doelstellingen_toelichting"}),
    ("vastgesteld", {**_toets(), "kader_middelen_toelichting": "x" * 2001}, None, {"kader_middelen_toelichting"}),
    ("vastgesteld", _toets(raadsbesluit="r" * 201), None, {"raadsbesluit"}),
    ("vastgesteld", {**_toets(), "onzin": 1}, None, {"toets"}),
    ("terugverwezen", _toets(), "Reden.", {"toets"}),
    ("terugverwezen", _toets(middelen="voldoet_niet"), None, {"toelichting"}),
])
def test_toets_van_de_raad_wordt_gecontroleerd(sessie, g, status, toets, toelichting, velden):
    _naar_definitief(sessie, g)
    fout = _weigert(sessie, g.plan, Validatiefout, g.actoren["beheerder"], g.plan, status, toets=toets,
                    toelichting=toelichting)
    assert set(fout.fouten) == velden
    assert all(m and m[0].isupper() for m in fout.fouten.values())


def test_toets_hoort_niet_bij_voorbereiden(sessie, g):
    _bijeenkomst(sessie, g.plan)
    fout = _weigert(sessie, g.plan, Validatiefout, g.actoren["coordinator"], g.plan, "besproken_met_bewoners",
                    toets=_toets())
    assert set(fout.fouten) == {"toets"}


@pytest.mark.parametrize(("kw", "veld"), [
    ({"datum": "28-11-2026"}, "datum"),              # in de toekomst
    ({"datum": "31-02-2026"}, "datum"),              # bestaat niet
    ({"datum": "5-1-2026"}, "datum"),                # vóór de vorige stap (concept op 10-01-2026)
    ({"toelichting": "a\x00b"}, "toelichting"),
    ({"toelichting": "x" * 4001}, "toelichting"),
    ({"verwachte_versie": "een"}, "versie"),
    ({"jaar": 2026}, "jaar"),                        # jaar hoort alleen bij geëvalueerd
])
def test_ongeldige_invoer(sessie, g, kw, veld):
    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 1, 2))
    fout = _weigert(sessie, g.plan, Validatiefout, g.actoren["coordinator"], g.plan, "besproken_met_bewoners", **kw)
    assert set(fout.fouten) == {veld}


# --------------------------------------------------------------------------- versieconflict


def test_versieconflict(sessie, g):
    marieke, bea = g.actoren["coordinator"], g.actoren["beheerder"]
    _bijeenkomst(sessie, g.plan)
    oude_versie = g.plan.versie
    _wijzig(sessie, bea, g.plan, "besproken_met_bewoners", datum=dt.date(2026, 2, 3))
    fout = _weigert(sessie, g.plan, Conflictfout, marieke, g.plan, "besproken_met_bewoners",
                    verwachte_versie=oude_versie)
    assert fout.huidige_versie == oude_versie + 1
    assert "Bea Beheer" in str(fout)
    assert [w.nieuw["Status"] for w in fout.wijzigingen] == ["Besproken met bewoners"]


# --------------------------------------------------------------------------- geëvalueerd


def _vastgesteld_plan(sessie, g) -> None:
    _naar_definitief(sessie, g)
    _wijzig(sessie, g.actoren["beheerder"], g.plan, "vastgesteld", datum=dt.date(2026, 4, 1), toets=_toets())


def _ingediende_evaluatie(sessie, g, jaar: int, plan_id: int | None) -> Evaluatie:
    ev = Evaluatie(wijk_id=g.kerkelanden.id, jaar=jaar, status="ingediend", wijkplan_id=plan_id,
                   ingediend_op=dt.date(2026, 5, 1), gewijzigd_door="test")
    sessie.add(ev)
    sessie.flush()
    return ev


def test_vastgestelde_evaluatie_maakt_plan_geevalueerd(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld_plan(sessie, g)
    ev = _ingediende_evaluatie(sessie, g, 2025, g.plan.id)
    mutaties_voor = sessie.scalar(select(func.count()).select_from(Mutatie))
    stel_evaluatie_vast(sessie, bea, ev.id, "Raadsbesluit E-2025", "2026-06-10", ev.versie, vandaag=VANDAAG)
    sessie.expire_all()
    plan = sessie.get(Wijkplan, g.plan.id)
    assert plan.status == "geevalueerd"
    laatste = statushistorie(sessie, g.plan.id)[-1]
    assert (laatste.status, laatste.jaar, laatste.datum, laatste.gewijzigd_door) == (
        "geevalueerd", 2025, dt.date(2026, 6, 10), bea.naam)
    nieuw = list(sessie.scalars(select(Mutatie).where(Mutatie.id > 0).order_by(Mutatie.id)))[mutaties_voor:]
    assert [(m.entiteit, m.actie) for m in nieuw] == [("evaluatie", "statuswijziging"),
                                                      ("wijkplan", "statuswijziging")]
    assert nieuw[1].oud == {"Status": "Vastgesteld door de raad"}
    assert (nieuw[1].nieuw["Status"], nieuw[1].nieuw["Geëvalueerd jaar"]) == ("Geëvalueerd", 2025)

    # een volgend jaar: nog een historierij; status blijft geëvalueerd
    ev2 = _ingediende_evaluatie(sessie, g, 2026, g.plan.id)
    stel_evaluatie_vast(sessie, bea, ev2.id, "Raadsbesluit E-2026", "2026-11-20", ev2.versie, vandaag=VANDAAG)
    assert [(h.status, h.jaar) for h in statushistorie(sessie, g.plan.id)][-2:] == [
        ("geevalueerd", 2025), ("geevalueerd", 2026)]


def test_markeer_geevalueerd_is_idempotent_per_jaar(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld_plan(sessie, g)
    eerste = markeer_geevalueerd(sessie, bea, g.plan.id, 2025, dt.date(2026, 6, 10), vandaag=VANDAAG)
    assert eerste.gewijzigd and eerste.status == "geevalueerd"
    voor = _stand(sessie, g.plan)
    tweede = markeer_geevalueerd(sessie, bea, g.plan.id, 2025, dt.date(2026, 6, 11), vandaag=VANDAAG)
    assert tweede == StatusGewijzigd(g.plan.id, eerste.versie, "geevalueerd", False)
    assert _stand(sessie, g.plan) == voor


def test_markeer_geevalueerd_laat_een_plan_in_voorbereiding_ongemoeid(sessie, g):
    voor = _stand(sessie, g.plan)
    assert markeer_geevalueerd(sessie, g.actoren["beheerder"], g.plan.id, 2025, VANDAAG, vandaag=VANDAAG) is None
    assert _stand(sessie, g.plan) == voor
    with pytest.raises(GeenToegang):
        markeer_geevalueerd(sessie, g.actoren["coordinator"], g.plan.id, 2025, VANDAAG, vandaag=VANDAAG)


def test_evaluatie_zonder_plan_vaststellen_blijft_werken(sessie, g):
    ev = _ingediende_evaluatie(sessie, g, 2025, None)
    stel_evaluatie_vast(sessie, g.actoren["beheerder"], ev.id, "Besluit", "2026-06-10", ev.versie, vandaag=VANDAAG)
    assert sessie.get(Wijkplan, g.plan.id).status == "concept"


def test_geevalueerd_handmatig_alleen_na_vastgestelde_evaluatie(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld_plan(sessie, g)
    fout = _weigert(sessie, g.plan, Invoerfout, bea, g.plan, "geevalueerd", jaar=2025)
    assert "jaarevaluatie 2025" in str(fout)
    fout = _weigert(sessie, g.plan, Validatiefout, bea, g.plan, "geevalueerd", jaar=2024)
    assert set(fout.fouten) == {"jaar"}
    _weigert(sessie, g.plan, Validatiefout, bea, g.plan, "geevalueerd")
    _weigert(sessie, g.plan, GeenToegang, g.actoren["coordinator"], g.plan, "geevalueerd", jaar=2025)
    ev = _ingediende_evaluatie(sessie, g, 2025, None)
    ev.status, ev.vastgesteld_op = "vastgesteld", dt.date(2026, 6, 1)
    sessie.flush()
    uit = _wijzig(sessie, bea, g.plan, "geevalueerd", jaar=2025, datum=dt.date(2026, 6, 2))
    assert uit.status == "geevalueerd"
    fout = _weigert(sessie, g.plan, Invoerfout, bea, g.plan, "geevalueerd", jaar=2025)
    assert "al geëvalueerd over 2025" in str(fout)


def test_bijeenkomst_op_de_dag_van_het_concept_telt(sessie, g):
    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 1, 10))
    assert _wijzig(sessie, g.actoren["coordinator"], g.plan, "besproken_met_bewoners",
                   datum=dt.date(2026, 1, 10)).status == "besproken_met_bewoners"


# =========================================================================== overgangen per rol
#: Alle overgangen die een gebruiker met een knop zet (geëvalueerd volgt uit de evaluatie), met het recht.
KNOPOVERGANGEN = [(van, naar) for van, naar_recht in OVERGANGEN.items() for naar in naar_recht
                  if naar != "geevalueerd"]
ROLLEN = ("raadslid", "wethouder", "griffie", "coordinator_eigen", "coordinator_andere", "beheerder", None)


def _actor(g: Gegevens, rol: str | None) -> Actor | None:
    if rol is None:
        return None
    if rol == "coordinator_eigen":
        return g.actoren["coordinator"]
    if rol == "coordinator_andere":   # coördinator van De Riet, niet van Kerkelanden
        return Actor(gebruiker_id=None, naam="Jeroen Lammers", rol="coordinator", wijk_ids=frozenset({g.de_riet.id}))
    return g.actoren[rol]


def _zet_status(sessie: Session, plan: Wijkplan, status: str, datum: dt.date = dt.date(2026, 3, 1)) -> None:
    """Zet het plan (buiten de service om) in ``status``, met een historieregel op ``datum``."""
    plan.status = status
    sessie.add(WijkplanStatus(wijkplan_id=plan.id, status=status, datum=datum, gewijzigd_door="test"))
    sessie.flush()


def test_elke_knopovergang_staat_in_de_tabel():
    assert sorted(KNOPOVERGANGEN) == sorted([
        ("concept", "besproken_met_bewoners"), ("besproken_met_bewoners", "definitief_voorstel"),
        ("definitief_voorstel", "vastgesteld"), ("definitief_voorstel", "terugverwezen"),
        ("terugverwezen", "besproken_met_bewoners"), ("terugverwezen", "definitief_voorstel")])


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("van", "naar"), KNOPOVERGANGEN)
def test_overgangen_toegestaan_en_geweigerd_per_rol(sessie, g, van, naar, rol):
    """Voorbereiden: coördinator van de eigen wijk en beheerder; vaststellen of terugverwijzen: alleen de
    beheerder. Wie niet mag, krijgt een Nederlandse weigering en er verandert niets; wie mag, schrijft precies
    één historieregel en één Mutatie."""
    if van != "concept":
        _zet_status(sessie, g.plan, van)
    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 3, 5))
    raad = naar in ("vastgesteld", "terugverwezen")
    kw: dict[str, Any] = {"datum": dt.date(2026, 3, 10)}
    if raad:
        kw["toets"] = _toets() if naar == "vastgesteld" else _toets(middelen="voldoet_niet")
        kw["toelichting"] = None if naar == "vastgesteld" else "Begroting ontbreekt."
    actor = _actor(g, rol)
    toegestaan = rol == "beheerder" or (rol == "coordinator_eigen" and not raad)
    if not toegestaan:
        fout = _weigert(sessie, g.plan, GeenToegang, actor, g.plan, naar, **kw)
        if rol is None:
            assert "niet aangemeld" in str(fout)
        elif rol == "coordinator_andere" and not raad:
            assert "Kerkelanden" in str(fout) and "toegewezen" in str(fout)
        else:   # ook een coördinator (eigen wijk of niet) legt het besluit van de raad niet vast
            assert "mag u niet" in str(fout)
        return
    historie, mutaties, _, versie = _stand(sessie, g.plan)
    uit = _wijzig(sessie, actor, g.plan, naar, **kw)
    assert (uit.status, uit.versie, uit.gewijzigd) == (naar, versie + 1, True)
    na = _stand(sessie, g.plan)
    assert na == (historie + 1, mutaties + 1, naar, versie + 1)
    mutatie = sessie.scalars(select(Mutatie).order_by(Mutatie.id.desc())).first()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.gebruiker_naam, mutatie.wijk_id) == (
        "wijkplan", g.plan.id, "statuswijziging", actor.naam, g.kerkelanden.id)


@pytest.mark.parametrize(("van", "naar"), [
    ("concept", "definitief_voorstel"), ("besproken_met_bewoners", "besproken_met_bewoners"),
    ("definitief_voorstel", "definitief_voorstel"), ("vastgesteld", "besproken_met_bewoners"),
    ("geevalueerd", "definitief_voorstel"),
])
def test_coordinator_krijgt_de_reden_van_een_verboden_overgang(sessie, g, van, naar):
    if van != "concept":
        _zet_status(sessie, g.plan, van)
    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 3, 5))
    fout = _weigert(sessie, g.plan, Invoerfout, g.actoren["coordinator"], g.plan, naar, datum=dt.date(2026, 3, 10))
    assert not isinstance(fout, (Validatiefout, Conflictfout, GeenToegang))
    assert str(fout).startswith("Het wijkplan ") and "kan het alleen" in str(fout)


# =========================================================================== de toets van de raad


@pytest.mark.parametrize("kader", list(KADERS))
def test_een_kader_dat_niet_voldoet_kan_niet_vastgesteld_worden_maar_wel_terugverwezen(sessie, g, kader):
    """§4.5: de raad toetst alleen aan de kaders; voldoet het plan op één kader niet, dan wordt de regiegroep
    gevraagd het plan aan te passen. Vaststellen 'met een kanttekening' bestaat dus niet."""
    bea = g.actoren["beheerder"]
    _naar_definitief(sessie, g)
    fout = _weigert(sessie, g.plan, Validatiefout, bea, g.plan, "vastgesteld", toets=_toets(**{kader: "voldoet_niet"}))
    assert set(fout.fouten) == {"toets"}
    assert KADERS[kader] in fout.fouten["toets"] and "verwijs het anders terug" in fout.fouten["toets"]
    uit = _wijzig(sessie, bea, g.plan, "terugverwezen", toets=_toets(**{kader: "voldoet_niet"}),
                  toelichting="Pas het plan aan op dit kader.")
    assert uit.status == "terugverwezen"
    sessie.expire_all()
    assert getattr(sessie.get(Wijkplan, g.plan.id), voldoet_veld(kader)) is False


def test_vaststellen_vraagt_alle_drie_de_kaders_met_toelichting(sessie, g):
    _naar_definitief(sessie, g)
    leeg = {voldoet_veld(k): None for k in KADERS} | {toelichting_veld(k): "" for k in KADERS} | {"raadsbesluit": " "}
    fout = _weigert(sessie, g.plan, Validatiefout, g.actoren["beheerder"], g.plan, "vastgesteld", toets=leeg)
    assert set(fout.fouten) == ({voldoet_veld(k) for k in KADERS} | {toelichting_veld(k) for k in KADERS}
                                | {"raadsbesluit"})
    assert fout.fouten["raadsbesluit"] == "Raadsbesluit (kenmerk): dit veld is verplicht. Vul het in."
    assert fout.fouten[voldoet_veld("middelen")] == "Benodigde middelen (voldoet of voldoet niet): maak een keuze."


# =========================================================================== een nieuw plan

NIEUW = {"titel": "Wijkontwikkelingsplan Kerkelanden 2029–2032", "werkwijze": "WOP", "periode_van": "2029",
         "periode_tot": "2032"}


def _maak(sessie: Session, actor: Actor | None, wijk: Wijk, **kw: Any) -> PlanAangemaakt:
    kw = {**NIEUW, **kw}
    kw.setdefault("vandaag", VANDAAG)
    return maak_wijkplan(sessie, actor, wijk.id, **kw)


def _telling(sessie: Session) -> tuple[int, int, int]:
    sessie.expire_all()
    return tuple(sessie.scalar(select(func.count()).select_from(t)) for t in (Wijkplan, WijkplanStatus, Mutatie))


def _maak_weigert(sessie: Session, fout: type[Exception], actor: Actor | None, wijk: Wijk, **kw: Any) -> Exception:
    voor = _telling(sessie)
    with pytest.raises(fout) as info:
        _maak(sessie, actor, wijk, **kw)
    assert _telling(sessie) == voor, "een geweigerd nieuw plan schrijft niets"
    return info.value


def test_nieuw_plan_in_concept_met_historie_en_dossier(sessie, g):
    marieke = g.actoren["coordinator"]
    uit = _maak(sessie, marieke, g.kerkelanden, titel="  Wijkontwikkelingsplan Kerkelanden 2029–2032 ",
                datum="20-11-2026", toelichting="Opgesteld na de wijkanalyse van oktober.")
    sessie.expire_all()
    plan = sessie.get(Wijkplan, uit.wijkplan_id)
    assert (plan.wijk_id, plan.titel, plan.werkwijze, plan.periode_van, plan.periode_tot, plan.status, plan.versie,
            plan.gewijzigd_door) == (g.kerkelanden.id, "Wijkontwikkelingsplan Kerkelanden 2029–2032", "WOP", 2029,
                                     2032, "concept", 1, marieke.naam)
    assert uit == PlanAangemaakt(plan.id, 1, g.kerkelanden.id)
    assert (plan.vastgesteld_op, plan.raadsbesluit, plan.kader_middelen_voldoet) == (None, None, None)
    (stap,) = statushistorie(sessie, plan.id)
    assert (stap.status, stap.datum, stap.toelichting, stap.gewijzigd_door) == (
        "concept", dt.date(2026, 11, 20), "Opgesteld na de wijkanalyse van oktober.", marieke.naam)
    (mutatie,) = sessie.scalars(select(Mutatie))
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie,
            mutatie.gebruiker_naam, mutatie.oud) == ("wijkplan", plan.id, "aangemaakt", g.kerkelanden.id, 1,
                                                     marieke.naam, None)
    assert mutatie.nieuw == {"Titel": "Wijkontwikkelingsplan Kerkelanden 2029–2032",
                             "Werkwijze": "Wijkontwikkelingsplan (WOP)", "Periode": "2029–2032", "Status": "Concept",
                             "Datum": "20-11-2026", "Toelichting": "Opgesteld na de wijkanalyse van oktober."}
    # het nieuwe plan doorloopt de levenscyclus zoals elk plan
    _bijeenkomst(sessie, plan, datum=dt.date(2026, 11, 24))
    assert _wijzig(sessie, marieke, plan, "besproken_met_bewoners", datum=dt.date(2026, 11, 25)).versie == 2


def test_nieuw_plan_datum_standaard_vandaag_en_beheerder_mag_elke_wijk(sessie, g):
    uit = _maak(sessie, g.actoren["beheerder"], g.de_riet, titel="Vervolg sociale herovering De Riet 2029–2032",
                werkwijze="SHR")
    assert statushistorie(sessie, uit.wijkplan_id)[0].datum == VANDAAG


@pytest.mark.parametrize(("kw", "veld", "tekst"), [
    ({"titel": "   "}, "titel", "Titel: dit veld is verplicht"),
    ({"titel": "x" * 201}, "titel", "het maximum is 200"),
    ({"werkwijze": "XYZ"}, "werkwijze", "kies een van de mogelijkheden"),
    ({"werkwijze": None}, "werkwijze", "maak een keuze"),
    ({"periode_van": "twee"}, "periode_van", "vul een getal in"),
    ({"periode_van": "2025", "periode_tot": "2026"}, "periode_van", "niet in een jaar dat al voorbij is"),
    ({"periode_van": "2032", "periode_tot": "2033"}, "periode_van", "uiterlijk in 2031"),
    ({"periode_van": "2029,5"}, "periode_van", "geheel getal"),
    ({"periode_tot": ""}, "periode_tot", "verplicht"),
    ({"periode_tot": "2028"}, "periode_tot", "2028 ligt vóór het eerste jaar (2029)"),
    ({"periode_tot": "2044"}, "periode_tot", "ten hoogste 15 jaar (2029–2043)"),
    ({"werkwijze": "AWA", "periode_tot": "2031"}, "periode_tot", "ten hoogste 2 jaar (2029–2030)"),
    ({"datum": "28-11-2026"}, "datum", "tussen"),
    ({"datum": "30-02-2026"}, "datum", "bestaat niet"),
    ({"toelichting": "a\x07b"}, "toelichting", "stuurtekens"),
    ({"toelichting": "x" * 4001}, "toelichting", "het maximum is 4000"),
    ({"vervangt": "misschien"}, "vervangt", "kies een van de mogelijkheden"),
])
def test_nieuw_plan_slechte_invoer(sessie, g, kw, veld, tekst):
    fout = _maak_weigert(sessie, Validatiefout, g.actoren["coordinator"], g.kerkelanden, **kw)
    assert set(fout.fouten) == {veld}
    assert tekst in fout.fouten[veld]


def test_nieuw_plan_alle_fouten_tegelijk_en_onbekende_wijk(sessie, g):
    fout = _maak_weigert(sessie, Validatiefout, g.actoren["beheerder"], g.kerkelanden, titel="", werkwijze="?",
                         periode_van="", periode_tot="x", datum="morgen")
    assert set(fout.fouten) == {"titel", "werkwijze", "periode_van", "periode_tot", "datum"}
    with pytest.raises(Invoerfout, match="bestaat niet"):
        maak_wijkplan(sessie, g.actoren["beheerder"], g.de_riet.id + 99, vandaag=VANDAAG, **NIEUW)
    with pytest.raises(Validatiefout):
        maak_wijkplan(sessie, g.actoren["beheerder"], "kerkelanden", vandaag=VANDAAG, **NIEUW)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", "coordinator_andere", None])
def test_nieuw_plan_rechten(sessie, g, rol):
    fout = _maak_weigert(sessie, GeenToegang, _actor(g, rol), g.kerkelanden)
    if rol == "coordinator_andere":
        assert "wijk Kerkelanden" in str(fout)
    elif rol is None:
        assert "niet aangemeld" in str(fout)
    else:
        assert "mag u niet de status van een wijkplan in voorbereiding wijzigen" in str(fout)


def test_nieuw_plan_niet_over_een_plan_in_voorbereiding(sessie, g):
    # Kerkelanden heeft een concept 2025–2028
    fout = _maak_weigert(sessie, Validatiefout, g.actoren["coordinator"], g.kerkelanden, periode_van="2027",
                         periode_tot="2030")
    assert set(fout.fouten) == {"periode_van"}
    assert "al een plan in voorbereiding" in fout.fouten["periode_van"]
    assert "'WOP Kerkelanden 2025–2028' (2025–2028, concept)" in fout.fouten["periode_van"]
    # ook niet met 'vervangt': een concept vervang je niet, je werkt het verder uit
    _maak_weigert(sessie, Validatiefout, g.actoren["coordinator"], g.kerkelanden, periode_van="2028",
                  periode_tot="2030", vervangt="ja")


def _vastgesteld(sessie: Session, plan: Wijkplan) -> None:
    _zet_status(sessie, plan, "vastgesteld", datum=dt.date(2024, 12, 1))


def test_opvolger_na_het_lopende_plan_mag_overlap_niet(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld(sessie, g.plan_riet)   # De Riet 2025–2028, vastgesteld
    fout = _maak_weigert(sessie, Validatiefout, bea, g.de_riet, periode_van="2027", periode_tot="2030",
                         werkwijze="SHR")
    assert set(fout.fouten) == {"periode_van"}
    assert "loopt al het vastgestelde plan 'WOP De Riet 2025–2028'" in fout.fouten["periode_van"]
    assert "Een opvolger begint in 2029 of later" in fout.fouten["periode_van"]
    uit = _maak(sessie, bea, g.de_riet, periode_van="2029", periode_tot="2032", werkwijze="SHR")
    # het concept telt nergens mee: het lopende plan blijft het plan van dit jaar en van 2028
    basis = wijk_basis(sessie, "de-riet")
    assert kies_plan(basis.plannen, None, VANDAAG.year).id == g.plan_riet.id
    assert kies_plan(basis.plannen, None, 2028).id == g.plan_riet.id
    assert kies_plan(basis.plannen, uit.wijkplan_id, VANDAAG.year).id == uit.wijkplan_id


def test_vervangen_eindigt_het_lopende_plan_pas_bij_vaststelling(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld(sessie, g.plan_riet)   # De Riet 2025–2028
    fout = _maak_weigert(sessie, Validatiefout, bea, g.de_riet, periode_van="2029", periode_tot="2030", vervangt="ja")
    assert set(fout.fouten) == {"vervangt"} and "niets te vervangen" in fout.fouten["vervangt"]
    uit = _maak(sessie, bea, g.de_riet, titel="Nieuw plan De Riet 2027–2030", periode_van="2027",
                periode_tot="2030", vervangt=True, datum=dt.date(2026, 11, 1))
    nieuw = sessie.get(Wijkplan, uit.wijkplan_id)
    mutatie = sessie.scalars(select(Mutatie).where(Mutatie.entiteit_id == nieuw.id)).one()
    assert mutatie.nieuw["Vervangt"] == "WOP De Riet 2025–2028 (2025–2028): eindigt in 2026 als de raad dit plan vaststelt"
    sessie.refresh(g.plan_riet)
    assert (g.plan_riet.periode_tot, g.plan_riet.versie) == (2028, 2)   # nog niets veranderd
    _bijeenkomst(sessie, nieuw, datum=dt.date(2026, 11, 2))
    _wijzig(sessie, bea, nieuw, "besproken_met_bewoners", datum=dt.date(2026, 11, 3))
    _wijzig(sessie, bea, nieuw, "definitief_voorstel", datum=dt.date(2026, 11, 4))
    # terugverwezen: het lopende plan blijft zoals het is
    _wijzig(sessie, bea, nieuw, "terugverwezen", datum=dt.date(2026, 11, 5), toets=_toets(middelen="voldoet_niet"),
            toelichting="Middelen ontbreken.")
    sessie.refresh(g.plan_riet)
    assert g.plan_riet.periode_tot == 2028
    _wijzig(sessie, bea, nieuw, "definitief_voorstel", datum=dt.date(2026, 11, 6))
    voor = sessie.scalar(select(func.max(Mutatie.id)))
    _wijzig(sessie, bea, nieuw, "vastgesteld", datum=dt.date(2026, 11, 20), toets=_toets())
    sessie.expire_all()
    oud = sessie.get(Wijkplan, g.plan_riet.id)
    assert (oud.periode_van, oud.periode_tot, oud.status, oud.versie) == (2025, 2026, "vastgesteld", 3)
    mutaties = list(sessie.scalars(select(Mutatie).where(Mutatie.id > voor).order_by(Mutatie.id)))
    assert [(m.entiteit_id, m.actie) for m in mutaties] == [(nieuw.id, "statuswijziging"), (oud.id, "gewijzigd")]
    assert mutaties[1].oud == {"Periode": "2025–2028"}
    assert mutaties[1].nieuw["Periode"] == "2025–2026"
    assert "vervangen door 'Nieuw plan De Riet 2027–2030'" in mutaties[1].nieuw["Toelichting"]
    basis = wijk_basis(sessie, "de-riet")
    assert kies_plan(basis.plannen, None, 2026).id == oud.id
    assert kies_plan(basis.plannen, None, 2027).id == nieuw.id


def test_vervangen_kan_niet_over_geevalueerde_jaren_of_een_later_plan(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld(sessie, g.plan_riet)   # De Riet 2025–2028
    sessie.add(WijkplanStatus(wijkplan_id=g.plan_riet.id, status="geevalueerd", jaar=2026,
                              datum=dt.date(2026, 6, 1), gewijzigd_door="test"))
    g.plan_riet.status = "geevalueerd"
    sessie.flush()
    fout = _maak_weigert(sessie, Validatiefout, bea, g.de_riet, periode_van="2026", periode_tot="2029", vervangt="ja")
    assert "al geëvalueerd over 2026" in fout.fouten["periode_van"]
    assert "op zijn vroegst in 2027" in fout.fouten["periode_van"]
    # een lopend plan dat pas in hetzelfde jaar begint, vervang je niet
    g.plan_riet.periode_van = 2027
    sessie.flush()
    fout = _maak_weigert(sessie, Validatiefout, bea, g.de_riet, periode_van="2027", periode_tot="2029", vervangt="ja")
    assert "begint niet eerder dan dit plan" in fout.fouten["periode_van"]


def test_vaststelling_weigert_als_het_lopende_plan_intussen_geevalueerd_is(sessie, g):
    bea = g.actoren["beheerder"]
    _vastgesteld(sessie, g.plan_riet)   # De Riet 2025–2028
    uit = _maak(sessie, bea, g.de_riet, periode_van="2027", periode_tot="2030", vervangt="ja",
                datum=dt.date(2026, 11, 1))
    nieuw = sessie.get(Wijkplan, uit.wijkplan_id)
    _bijeenkomst(sessie, nieuw, datum=dt.date(2026, 11, 2))
    _wijzig(sessie, bea, nieuw, "besproken_met_bewoners", datum=dt.date(2026, 11, 3))
    _wijzig(sessie, bea, nieuw, "definitief_voorstel", datum=dt.date(2026, 11, 4))
    sessie.add(WijkplanStatus(wijkplan_id=g.plan_riet.id, status="geevalueerd", jaar=2027, datum=dt.date(2026, 11, 5),
                              gewijzigd_door="test"))   # (kan in het echt pas in 2028; hier nagebootst)
    sessie.flush()
    fout = _weigert(sessie, nieuw, Invoerfout, bea, nieuw, "vastgesteld", datum=dt.date(2026, 11, 20), toets=_toets())
    assert "kan niet worden vastgesteld" in str(fout) and "al geëvalueerd over 2027" in str(fout)
    sessie.refresh(g.plan_riet)
    assert g.plan_riet.periode_tot == 2028


# =========================================================================== lezen voor de pagina


def test_volgende_stappen_per_rol_en_voorwaarde(sessie, g):
    stand = plan_stand(sessie, g.plan.id)
    assert (stand.wijk_slug, stand.status_label, stand.periode, stand.versie) == (
        "kerkelanden", "Concept", "2025–2028", 1)
    (stap,) = volgende_stappen(sessie, g.actoren["coordinator"], stand, VANDAAG)
    assert (stap.naar, stap.soort, stap.mag, stap.weigering, stap.ontbreekt_soort) == (
        "besproken_met_bewoners", "voorbereiden", True, None, "bijeenkomst")
    assert stap.ontbreekt == ("Nog geen bewonersbijeenkomst met schriftelijk vastgelegde opmerkingen van de bewoners "
                              "vastgelegd over dit concept (gehouden tussen 10-01-2026 en 27-11-2026). Leg die eerst "
                              "vast bij de bewonersinbreng van dit plan.")
    (raadslid,) = volgende_stappen(sessie, g.actoren["raadslid"], stand, VANDAAG)
    assert not raadslid.mag and raadslid.weigering.startswith("Met de rol raadslid mag u niet")
    (andere,) = volgende_stappen(sessie, _actor(g, "coordinator_andere"), stand, VANDAAG)
    assert not andere.mag and "wijk Kerkelanden" in andere.weigering
    (anoniem,) = volgende_stappen(sessie, None, stand, VANDAAG)
    assert not anoniem.mag and "niet aangemeld" in anoniem.weigering

    _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 2, 1))
    (stap,) = volgende_stappen(sessie, g.actoren["coordinator"], stand, VANDAAG)
    assert (stap.ontbreekt, stap.ontbreekt_soort) == (None, None)

    _naar_definitief(sessie, g)
    stand = plan_stand(sessie, g.plan.id)
    stappen = volgende_stappen(sessie, g.actoren["coordinator"], stand, VANDAAG)
    assert [(s.naar, s.soort, s.mag) for s in stappen] == [("vastgesteld", "raadsbesluit", False),
                                                          ("terugverwezen", "raadsbesluit", False)]
    assert "Met de rol coördinator mag u niet de toets en het besluit van de raad" in stappen[0].weigering
    assert all(s.mag for s in volgende_stappen(sessie, g.actoren["beheerder"], stand, VANDAAG))

    _wijzig(sessie, g.actoren["beheerder"], g.plan, "terugverwezen", datum=dt.date(2026, 4, 1),
            toets=_toets(doelstellingen="voldoet_niet"), toelichting="Meetbaar maken.")
    stappen = volgende_stappen(sessie, g.actoren["coordinator"], plan_stand(sessie, g.plan.id), VANDAAG)
    assert [(s.naar, s.mag, s.ontbreekt_soort) for s in stappen] == [
        ("besproken_met_bewoners", True, "bijeenkomst"), ("definitief_voorstel", True, None)]
    assert "sinds de terugverwijzing door de raad op 01-04-2026" in stappen[0].ontbreekt
    assert "opnieuw" in stappen[0].uitleg and "opnieuw" in stappen[1].uitleg

    _wijzig(sessie, g.actoren["coordinator"], g.plan, "definitief_voorstel", datum=dt.date(2026, 4, 10))
    _wijzig(sessie, g.actoren["beheerder"], g.plan, "vastgesteld", datum=dt.date(2026, 4, 20), toets=_toets())
    (stap,) = volgende_stappen(sessie, g.actoren["beheerder"], plan_stand(sessie, g.plan.id), VANDAAG)
    assert (stap.naar, stap.soort, stap.mag) == ("geevalueerd", "evaluatie", False)
    assert "geen knop" in stap.uitleg
    assert plan_stand(sessie, 10**6) is None


def test_voorstel_voor_een_nieuw_plan_en_wijkkeuze(sessie, g):
    voorstel = voorstel_nieuw_plan(sessie, g.kerkelanden.id, VANDAAG)
    # het concept 2025–2028 is het laatste plan: de opvolger begint in 2029 met dezelfde looptijd
    assert (voorstel.werkwijze, voorstel.periode_van, voorstel.periode_tot, voorstel.titel, voorstel.lopend) == (
        "WOP", 2029, 2032, "Wijkontwikkelingsplan Kerkelanden 2029–2032", None)
    _vastgesteld(sessie, g.plan_riet)
    g.de_riet.werkwijze = "SHR"
    sessie.flush()
    voorstel = voorstel_nieuw_plan(sessie, g.de_riet.id, VANDAAG)
    assert (voorstel.werkwijze, voorstel.periode_van, voorstel.periode_tot, voorstel.titel) == (
        "SHR", 2029, 2032, "Vervolg sociale herovering De Riet 2029–2032")
    assert voorstel.lopend == (g.plan_riet.id, "WOP De Riet 2025–2028", 2025, 2028)
    # zonder plannen: volgend jaar, met de standaardlooptijd van de werkwijze
    nieuw = Wijk(naam="Hofkamp", slug="hofkamp", stadsdeel_id=g.kerkelanden.stadsdeel_id, werkwijze="AWA")
    sessie.add(nieuw)
    sessie.flush()
    voorstel = voorstel_nieuw_plan(sessie, nieuw.id, VANDAAG)
    assert (voorstel.periode_van, voorstel.periode_tot, voorstel.titel) == (2027, 2028, "Wijkplan Hofkamp 2027–2028")
    assert voorstel_nieuw_plan(sessie, 10**6, VANDAAG) is None
    assert [(w.naam, w.in_voorbereiding) for w in wijken_met_plannen(sessie)] == [
        ("De Riet", None), ("Hofkamp", None), ("Kerkelanden", "concept")]
