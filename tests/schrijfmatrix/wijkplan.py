"""Matrixrijen voor ``/invoer/wijkplan`` (pagina/invoer_wijkplan.py): de levensloop van het wijkplan.

- ``wijkplan-nieuw``: een nieuw plan in concept (``_nieuw_plan``), in een jaar waarin de gekozen wijk nog geen
  plan heeft (eigen of andere wijk van de demo-coördinator); de coördinator van de wijk en de beheerder mogen.
- ``wijkplan-stap-besproken`` en ``wijkplan-stap-definitief``: een stap van de regiegroep (``_stap``, één knop
  per stap); idem.
- ``wijkplan-vaststellen`` en ``wijkplan-terugverwijzen``: de toets en het besluit van de raad
  (``_raadsbesluit``); alleen de beheerder.

Voor de stappen zet de voorbereiding (buiten de app om, via het model) een eigen plan klaar in de juiste status,
met een uniek kenmerk in de titel en een periode ver in de toekomst (vanaf 2100): ``wijzig_status`` kijkt niet
naar de periode, en zo overlapt het plan met niets. Een plan dat "Besproken met bewoners" moet kunnen worden,
krijgt een bewonersbijeenkomst van vandaag. Zo hinderen de rijen elkaar en andere rijen niet.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid

from sqlalchemy import select

from tests.schrijfmatrix.basis import (
    VANDAAG,
    WIJKSCHRIJVERS,
    Actorgeval,
    Omgeving,
    Schrijfactie,
)

TABELLEN = ("wijkplan", "wijkplan_status")
MODULE = "pagina.invoer_wijkplan"
KADERS = ("betrokkenheid", "doelstellingen", "middelen")
_volgnummer = itertools.count(1)
_verre_jaren = itertools.count(2100)


def _kenmerk() -> str:
    return f"MATRIX-{next(_volgnummer)}-{uuid.uuid4().hex[:8]}"


def _knop(naar: str) -> str:
    """Het id van een stapknop zoals de Dash-renderer het in ``changedPropIds`` zet."""
    return json.dumps({"naar": naar, "type": "wijkplan-stap-knop"}, sort_keys=True, separators=(",", ":"))


def _plan(omgeving: Omgeving, titel: str):
    from datalaag.models import Wijkplan

    with omgeving.fabriek() as sessie:
        return sessie.scalars(select(Wijkplan).where(Wijkplan.titel == titel)).first()


def _basis(plan_id: int, versie: int, wijk_id: int) -> dict:
    return {"wijk_id": wijk_id, "wijk": "x", "wijkplan_id": plan_id, "versie": versie}


# --------------------------------------------------------------------------- nieuw plan
def _vrije_plek(omgeving: Omgeving, soort: str) -> tuple[int, str, int]:
    """(wijk_id, werkwijze, jaar): een jaar van nu tot vijf jaar vooruit waarin de wijk nog geen plan heeft."""
    from datalaag.models import Wijk, Wijkplan

    with omgeving.fabriek() as sessie:
        for wijk_id in omgeving.wijken[soort]:
            perioden = sessie.execute(select(Wijkplan.periode_van, Wijkplan.periode_tot)
                                      .where(Wijkplan.wijk_id == wijk_id)).all()
            for jaar in range(VANDAAG.year, VANDAAG.year + 6):
                if not any(van <= jaar <= tot for van, tot in perioden):
                    return wijk_id, sessie.get(Wijk, wijk_id).werkwijze, jaar
    raise AssertionError(f"geen vrij jaar voor een nieuw wijkplan in een {soort} wijk")


def _nieuw_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id, werkwijze, jaar = _vrije_plek(omgeving, actor.wijk)
    titel = f"Wijkplan {_kenmerk()} {jaar}"
    waarden = {
        "wijkplan-nieuw-veld.value": {"titel": titel, "werkwijze": werkwijze, "periode_van": str(jaar),
                                      "periode_tot": str(jaar), "datum": f"{VANDAAG:%d-%m-%Y}",
                                      "toelichting": "Ingevuld door de beveiligingstest"},
        "wijkplan-basis.data": {"wijk_id": wijk_id, "wijk": "x", "wijkplan_id": None, "versie": None},
    }
    return waarden, {"wijk_id": wijk_id, "titel": titel, "jaar": jaar}


def _nieuw_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import WijkplanStatus

    plan = _plan(omgeving, plek["titel"])
    assert plan is not None, "het nieuwe wijkplan is niet opgeslagen"
    assert (plan.wijk_id, plan.status, plan.periode_van, plan.periode_tot, plan.versie) == (
        plek["wijk_id"], "concept", plek["jaar"], plek["jaar"], 1)
    with omgeving.fabriek() as sessie:
        stappen = sessie.execute(select(WijkplanStatus.status, WijkplanStatus.datum)
                                 .where(WijkplanStatus.wijkplan_id == plan.id)).all()
    assert stappen == [("concept", VANDAAG)]
    return "wijkplan"


# --------------------------------------------------------------------------- klaargezette plannen
def _zet_plan_klaar(omgeving: Omgeving, soort: str, status: str, bijeenkomst: bool) -> tuple[int, int, int, str]:
    """Een eigen plan in ``status`` (met historie tot en met die status, gisteren); geeft (id, versie, wijk, titel)."""
    from datalaag.models import Bewonersinbreng, Wijk, Wijkplan, WijkplanStatus

    wijk_id = omgeving.wijken[soort][0]
    jaar = next(_verre_jaren)
    titel = f"Wijkplan {_kenmerk()} {jaar}"
    gisteren = VANDAAG - dt.timedelta(days=1)
    volgorde = ["concept", "besproken_met_bewoners", "definitief_voorstel"]
    with omgeving.fabriek() as sessie, sessie.begin():
        plan = Wijkplan(wijk_id=wijk_id, titel=titel, werkwijze=sessie.get(Wijk, wijk_id).werkwijze,
                        periode_van=jaar, periode_tot=jaar, status=status, gewijzigd_door="testvoorbereiding")
        sessie.add(plan)
        sessie.flush()
        for stap in volgorde[: volgorde.index(status) + 1]:
            sessie.add(WijkplanStatus(wijkplan_id=plan.id, status=stap, datum=gisteren,
                                      gewijzigd_door="testvoorbereiding"))
        if bijeenkomst:
            sessie.add(Bewonersinbreng(wijkplan_id=plan.id, datum=VANDAAG, vorm="bijeenkomst", bereik=40,
                                       opmerkingen="Klaargezet door de beveiligingstest.",
                                       gewijzigd_door="testvoorbereiding"))
        sessie.flush()
        return plan.id, plan.versie, wijk_id, titel


def _stap_voorbereiden(van: str, naar: str):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        plan_id, versie, wijk_id, titel = _zet_plan_klaar(omgeving, actor.wijk, van,
                                                          bijeenkomst=naar == "besproken_met_bewoners")
        waarden = {
            "wijkplan-stap-knop.n_clicks": {naar: 1},
            "wijkplan-stap-veld/datum.value": f"{VANDAAG:%d-%m-%Y}",
            "wijkplan-stap-veld/toelichting.value": "Ingevuld door de beveiligingstest",
            "wijkplan-basis.data": _basis(plan_id, versie, wijk_id),
        }
        return waarden, {"wijk_id": wijk_id, "titel": titel, "versie": versie, "status": naar}
    return voorbereiden


def _status_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import WijkplanStatus

    plan = _plan(omgeving, plek["titel"])
    assert (plan.status, plan.versie) == (plek["status"], plek["versie"] + 1)
    with omgeving.fabriek() as sessie:
        laatste = sessie.scalars(select(WijkplanStatus).where(WijkplanStatus.wijkplan_id == plan.id)
                                 .order_by(WijkplanStatus.id.desc())).first()
        assert (laatste.status, laatste.datum) == (plek["status"], VANDAAG)
    if plek["status"] in ("vastgesteld", "terugverwezen"):
        assert plan.raadsbesluit == "Raadsbesluit MATRIX-2026"
        assert plan.kader_middelen_voldoet is (plek["status"] == "vastgesteld")
        assert plan.vastgesteld_op == (VANDAAG if plek["status"] == "vastgesteld" else None)
    return "wijkplan"


def _raad_voorbereiden(status: str):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        plan_id, versie, wijk_id, titel = _zet_plan_klaar(omgeving, actor.wijk, "definitief_voorstel",
                                                          bijeenkomst=False)
        keuzes = {f"kader_{k}_voldoet": "voldoet" for k in KADERS}
        if status == "terugverwezen":
            keuzes["kader_middelen_voldoet"] = "voldoet_niet"
        velden = {f"kader_{k}_toelichting": f"Ingevuld door de beveiligingstest ({k})" for k in KADERS}
        velden |= {"raadsbesluit": "Raadsbesluit MATRIX-2026", "datum": f"{VANDAAG:%d-%m-%Y}",
                   "toelichting": "Ingevuld door de beveiligingstest"}
        waarden = {
            "wijkplan-raad-veld.value": velden,
            "wijkplan-raad-keuze.value": keuzes,
            "wijkplan-basis.data": _basis(plan_id, versie, wijk_id),
        }
        return waarden, {"wijk_id": wijk_id, "titel": titel, "versie": versie, "status": status}
    return voorbereiden


ALLEEN_BEHEERDER = frozenset({"beheerder"})

SCHRIJFACTIES = (
    Schrijfactie("wijkplan-nieuw", MODULE, "_nieuw_plan", "wijkplan-nieuw-opslaan.n_clicks", ("nieuw",),
                 WIJKSCHRIJVERS, _nieuw_voorbereiden, _nieuw_opgeslagen),
    Schrijfactie("wijkplan-stap-besproken", MODULE, "_stap", f"{_knop('besproken_met_bewoners')}.n_clicks",
                 ("concept",), WIJKSCHRIJVERS, _stap_voorbereiden("concept", "besproken_met_bewoners"),
                 _status_opgeslagen),
    Schrijfactie("wijkplan-stap-definitief", MODULE, "_stap", f"{_knop('definitief_voorstel')}.n_clicks",
                 ("besproken_met_bewoners",), WIJKSCHRIJVERS,
                 _stap_voorbereiden("besproken_met_bewoners", "definitief_voorstel"), _status_opgeslagen),
    Schrijfactie("wijkplan-vaststellen", MODULE, "_raadsbesluit", "wijkplan-vaststellen.n_clicks",
                 ("definitief_voorstel",), ALLEEN_BEHEERDER, _raad_voorbereiden("vastgesteld"), _status_opgeslagen),
    Schrijfactie("wijkplan-terugverwijzen", MODULE, "_raadsbesluit", "wijkplan-terugverwijzen.n_clicks",
                 ("definitief_voorstel",), ALLEEN_BEHEERDER, _raad_voorbereiden("terugverwezen"),
                 _status_opgeslagen),
)
