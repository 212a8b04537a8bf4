"""De voortgang van een maatregel bijwerken: percentage, status en toelichting (issue 6).

Zelfde patroon als ``datalaag.evaluaties``: valideren (``datalaag.validatie``) → autoriseren
(``eis(actor, "voortgang_schrijven", wijk_id=...)``) → versie van de maatregel controleren →
een regel in de voortgangshistorie, de maatregel bijwerken en één ``Mutatie``, in de transactie van
de aanroeper. Bij een fout wordt niets geschreven.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.autorisatie import Actor, eis
from datalaag.models import Ambitie, Maatregel, MaatregelVoortgang, Wijk, Wijkplan
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
)
from datalaag.opmaak import formatteer_datum
from datalaag.projecten import STATUS_LABELS
from datalaag.validatie import Controle, Invoerfout, Validatiefout

TEKST_LENGTE = 2000
#: Bij deze statussen is een toelichting verplicht: de raad wil weten waarom.
TOELICHTING_VERPLICHT = ("vertraagd", "gestopt")
VELDEN = {"percentage": "Voortgang (%)", "status": "Status", "toelichting": "Toelichting", "datum": "Datum"}
_MAX_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class MaatregelStand:
    """Eén maatregel in de keuzelijst van het formulier, met de huidige stand."""

    id: int
    naam: str
    wijk_id: int
    wijk_naam: str
    wijk_slug: str
    plan: str
    ambitie: str          # "2. Veiligheid"
    voortgang: int
    status: str           # code uit MAATREGEL_STATUSSEN
    versie: int
    start: dt.date | None
    eind: dt.date | None
    gewijzigd_door: str | None
    laatste_melding: dt.date | None

    @property
    def label(self) -> str:
        return f"{self.wijk_naam} · {self.naam}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def maatregelen_voor(sessie: Session, actor: Actor | None) -> list[MaatregelStand]:
    """De maatregelen in de wijken waarvoor ``actor`` voortgang mag schrijven (op wijk en naam). Eén query."""
    if actor is None or actor.rol not in ("coordinator", "beheerder"):
        return []
    if actor.rol == "coordinator" and not actor.wijk_ids:
        return []
    laatste = (select(func.max(MaatregelVoortgang.datum))
               .where(MaatregelVoortgang.maatregel_id == Maatregel.id)
               .correlate(Maatregel).scalar_subquery())
    query = (
        select(Maatregel.id, Maatregel.naam, Wijk.id.label("wijk_id"), Wijk.naam.label("wijk_naam"),
               Wijk.slug, Wijkplan.titel, Ambitie.nummer, Ambitie.korte_naam, Maatregel.voortgang,
               Maatregel.status, Maatregel.versie, Maatregel.start, Maatregel.eind, Maatregel.gewijzigd_door,
               laatste.label("laatste_melding"))
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .order_by(Wijk.naam, Maatregel.naam, Maatregel.id)
    )
    if actor.rol == "coordinator":
        query = query.where(Wijk.id.in_(sorted(actor.wijk_ids)))
    return [
        MaatregelStand(r.id, r.naam, r.wijk_id, r.wijk_naam, r.slug, r.titel, f"{r.nummer}. {r.korte_naam}",
                       r.voortgang, r.status, r.versie, r.start, r.eind, r.gewijzigd_door, r.laatste_melding)
        for r in sessie.execute(query)
    ]


@dataclass(frozen=True, slots=True)
class Opgeslagen:
    maatregel_id: int
    versie: int
    voortgang: int
    status: str


def _momentopname(voortgang: int, status: str) -> dict[str, Any]:
    return {"Voortgang": f"{voortgang}%", "Status": STATUS_LABELS.get(status, status)}


def bewaar_voortgang(sessie: Session, actor: Actor | None, maatregel_id: Any, *, percentage: Any, status: Any,
                     toelichting: Any, datum: Any, verwachte_versie: Any,
                     vandaag: dt.date | None = None) -> Opgeslagen:
    """Leg een voortgangsmelding vast en werk de maatregel bij.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    m_id = c.geheel_getal("maatregel", "Maatregel", maatregel_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    pct = c.geheel_getal("percentage", VELDEN["percentage"], percentage, minimum=0, maximum=100, verplicht=True)
    st = c.keuze("status", VELDEN["status"], status, STATUS_LABELS)
    tekst = c.tekst("toelichting", VELDEN["toelichting"], toelichting, max_lengte=TEKST_LENGTE)
    meld_datum = c.datum("datum", VELDEN["datum"], datum, verplicht=True, laatst=vandaag)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    if st == "afgerond" and pct is not None and pct != 100:
        c.fout("percentage", f"{VELDEN['percentage']}: een afgeronde maatregel staat op 100%. Vul 100 in, of kies "
               "een andere status.")
    if pct == 100 and st is not None and st != "afgerond":
        c.fout("status", f"{VELDEN['status']}: bij 100% voortgang is de maatregel afgerond. Kies \u201cAfgerond\u201d, "
               "of vul een lager percentage in.")
    if st in TOELICHTING_VERPLICHT and tekst is None and "toelichting" not in c.fouten:
        c.fout("toelichting", f"{VELDEN['toelichting']}: bij de status \u201c{STATUS_LABELS[st]}\u201d is een "
               "toelichting verplicht. Leg kort uit wat er aan de hand is.")
    c.klaar()

    maatregel = sessie.get(Maatregel, m_id)
    if maatregel is None:
        raise Invoerfout("Deze maatregel bestaat niet (meer). Kies een maatregel uit de lijst.")
    wijk = maatregel.wijkplan.wijk
    eis(actor, "voortgang_schrijven", wijk_id=wijk.id, wijk_naam=wijk.naam)

    if maatregel.start is not None and meld_datum < maatregel.start:
        raise Validatiefout({"datum": f"{VELDEN['datum']}: de maatregel start op {formatteer_datum(maatregel.start)}; "
                                      "een voortgangsmelding kan niet van eerder zijn. Controleer de datum."})
    laatste = sessie.scalar(select(func.max(MaatregelVoortgang.datum))
                            .where(MaatregelVoortgang.maatregel_id == maatregel.id))
    if maatregel.versie != versie:
        raise conflict(sessie, "maatregel", "Deze maatregel", maatregel, versie)
    if laatste is not None and meld_datum < laatste:
        raise Validatiefout({"datum": f"{VELDEN['datum']}: de laatste voortgangsmelding is van "
                                      f"{formatteer_datum(laatste)}; een nieuwe melding kan niet van eerder zijn."})

    oud = _momentopname(maatregel.voortgang, maatregel.status)
    maatregel.voortgang = pct
    maatregel.status = st
    maatregel.gewijzigd_door = actor.naam
    flag_modified(maatregel, "gewijzigd_door")  # altijd een nieuwe versie
    sessie.add(MaatregelVoortgang(maatregel_id=maatregel.id, datum=meld_datum, voortgang=pct, status=st,
                                  toelichting=tekst, gewijzigd_door=actor.naam))
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze maatregel") from None
    oud_diff, nieuw_diff = verschil(oud, _momentopname(pct, st))
    nieuw_diff["Datum melding"] = formatteer_datum(meld_datum)
    if tekst:
        nieuw_diff["Toelichting"] = tekst
    leg_vast(sessie, actor, entiteit="maatregel", entiteit_id=maatregel.id,
             actie="statuswijziging" if "Status" in nieuw_diff else "gewijzigd",
             oud=oud_diff, nieuw=nieuw_diff, wijk_id=wijk.id, versie=maatregel.versie)
    sessie.flush()
    return Opgeslagen(maatregel.id, maatregel.versie, pct, st)
