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
from datalaag.wijkplannen import (
    KADERS,
    OVERGANGEN,
    StatusGewijzigd,
    markeer_geevalueerd,
    statushistorie,
    toelichting_veld,
    voldoet_veld,
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
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
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
    uit: dict[str, Any] = {}
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
    assert plan.raadsbesluit.startswith("Terugverwezen naar de regiegroep")
    # terug naar de regiegroep: opnieuw bespreken, of meteen een nieuw definitief voorstel
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


@pytest.mark.parametrize("inbreng", [None, "enquete", "lege_opmerkingen", "na_de_datum"])
def test_besproken_met_bewoners_vraagt_een_bijeenkomst_met_opmerkingen(sessie, g, inbreng):
    if inbreng == "enquete":
        _bijeenkomst(sessie, g.plan, vorm="enquete")
    elif inbreng == "lege_opmerkingen":
        _bijeenkomst(sessie, g.plan, opmerkingen="   ")
    elif inbreng == "na_de_datum":
        _bijeenkomst(sessie, g.plan, datum=dt.date(2026, 3, 1))
    _bijeenkomst(sessie, g.plan_riet)   # de bijeenkomst van een ander plan telt niet
    fout = _weigert(sessie, g.plan, Invoerfout, g.actoren["coordinator"], g.plan, "besproken_met_bewoners",
                    datum=dt.date(2026, 2, 10))
    assert "bewonersbijeenkomst" in str(fout) and "schriftelijk vastgelegde opmerkingen" in str(fout)


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
