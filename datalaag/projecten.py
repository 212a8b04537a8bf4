"""Leesqueries voor ``/projecten``: de maatregelen met hun voortgang, planning, kosten en
voortgangshistorie, en de voortgang per ambitie per wijk.

*Achter schema* is :func:`datalaag.afgeleid.achter_schema_sql` op de peildatum: 31-12 van een
verstreken jaar, ``vandaag`` voor het lopende jaar of zonder jaarfilter
(:func:`datalaag.afgeleid.peildatum_voor_jaar`).

Keuzes:

- Een maatregel *hoort bij een jaar* als zijn periode start–eind dat jaar overlapt (een ontbrekende
  start of eind telt als open; zonder start én eind telt ``jaar_realisatie``), of als hij is
  *uitgelopen*: niet afgerond of gestopt terwijl zijn einddatum vóór dat jaar ligt (hij loopt dan
  nog, en ligt achter schema). Zo toont ``/projecten?wijk=…&jaar=J`` ook de maatregelen die het
  signaal "achter op schema" van jaar J telt. Statussen zijn de huidige statussen.
- *Werkelijke start*: de eerste voortgangsmelding met een status in uitvoering, vertraagd of
  afgerond, of met voortgang > 0. *Werkelijk eind*: de eerste melding met status afgerond.
- *Besteed*: de som van alle uitgaven met dit ``maatregel_id`` (ook die op een budgetpost staan).
- Filter ``status``: een van de statussen, of ``achter_schema``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    MAATREGEL_BEEINDIGD,
    achter_schema_sql,
    jaar_begin_eind,
    peildatum_voor_jaar,
)
from datalaag.cache import gecachet
from datalaag.models import (
    MAATREGEL_STATUSSEN,
    Ambitie,
    Maatregel,
    MaatregelVoortgang,
    Oplossingsrichting,
    Uitgave,
    Wijk,
    Wijkplan,
)

__all__ = [
    "ACHTER_SCHEMA_FILTER",
    "STATUS_LABELS",
    "AmbitieVoortgang",
    "Filter",
    "Projectkeuzes",
    "Voortgangshistorie",
    "in_jaar_sql",
    "maatregelen",
    "meest_relevant",
    "projectkeuzes",
    "voortgang_per_ambitie",
    "voortgangshistorie",
]

#: Statussen van een maatregel in het Nederlands, in de volgorde van het model.
STATUS_LABELS: dict[str, str] = {
    "gepland": "Gepland",
    "in_uitvoering": "In uitvoering",
    "vertraagd": "Vertraagd",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
}
assert tuple(STATUS_LABELS) == MAATREGEL_STATUSSEN
#: Waarde van het statusfilter voor "alle maatregelen achter schema".
ACHTER_SCHEMA_FILTER = "achter_schema"
_GESTART = ("in_uitvoering", "vertraagd", "afgerond")


@dataclass(frozen=True, slots=True)
class Filter:
    """De filters van de pagina; ``None`` = alles. ``jaar`` bepaalt ook de peildatum."""

    wijk: str | None = None  # slug
    ambitie: int | None = None  # nummer
    status: str | None = None  # een van MAATREGEL_STATUSSEN of ACHTER_SCHEMA_FILTER
    jaar: int | None = None

    def peildatum(self, vandaag: dt.date) -> dt.date:
        return vandaag if self.jaar is None else peildatum_voor_jaar(self.jaar, vandaag)


@dataclass(frozen=True, slots=True)
class Projectkeuzes:
    wijken: list[tuple[str, str]]  # (slug, naam), op naam
    ambities: list[tuple[int, str]]  # (nummer, korte naam)
    jaren: list[int]  # oplopend


@gecachet
def projectkeuzes(sessie: Session) -> Projectkeuzes:
    """Wijken, ambities en jaren (van de vroegste start tot de laatste eind) voor de filters. Eén query
    voor de wijken, één voor de ambities, één voor de jaren."""
    wijken = sorted(((r.slug, r.naam) for r in sessie.execute(select(Wijk.slug, Wijk.naam))),
                    key=lambda w: (w[1].casefold(), w[1]))
    ambities = [(r.nummer, r.korte_naam) for r in sessie.execute(
        select(Ambitie.nummer, Ambitie.korte_naam).order_by(Ambitie.nummer))]
    rij = sessie.execute(select(func.min(Maatregel.start), func.max(Maatregel.eind),
                                func.min(Maatregel.jaar_realisatie), func.max(Maatregel.jaar_realisatie))).one()
    onder = [d.year if isinstance(d, dt.date) else int(d) for d in (rij[0], rij[2]) if d is not None]
    boven = [d.year if isinstance(d, dt.date) else int(d) for d in (rij[1], rij[3]) if d is not None]
    jaren = list(range(min(onder), max(boven) + 1)) if onder and boven else []
    return Projectkeuzes(wijken, ambities, jaren)


def in_jaar_sql(jaar: int):
    """Maatregel hoort bij ``jaar``: start–eind overlapt het jaar, of hij is uitgelopen (niet
    afgerond of gestopt terwijl de einddatum vóór het jaar ligt). Zie de moduledocumentatie."""
    begin, eind = jaar_begin_eind(jaar)
    overlapt = and_(
        or_(Maatregel.start.is_(None), Maatregel.start <= eind),
        or_(Maatregel.eind.is_(None), Maatregel.eind >= begin),
        or_(Maatregel.start.is_not(None), Maatregel.eind.is_not(None), Maatregel.jaar_realisatie == jaar),
    )
    uitgelopen = and_(Maatregel.status.not_in(MAATREGEL_BEEINDIGD), Maatregel.eind < begin)
    return or_(overlapt, uitgelopen)


def _voorwaarden(f: Filter, peildatum: dt.date) -> list[Any]:
    uit: list[Any] = []
    if f.wijk is not None:
        uit.append(Wijk.slug == f.wijk)
    if f.ambitie is not None:
        uit.append(Ambitie.nummer == f.ambitie)
    if f.status == ACHTER_SCHEMA_FILTER:
        uit.append(achter_schema_sql(peildatum))
    elif f.status is not None:
        uit.append(Maatregel.status == f.status)
    if f.jaar is not None:
        uit.append(in_jaar_sql(f.jaar))
    return uit


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _datum(waarde: Any) -> dt.date | None:
    """Een datum uit een MIN()/MAX() (SQLite geeft tekst terug in een aggregaat over CASE)."""
    if waarde is None or isinstance(waarde, dt.date):
        return waarde
    return dt.date.fromisoformat(str(waarde)[:10])


@gecachet
def maatregelen(sessie: Session, f: Filter, vandaag: dt.date) -> list[dict[str, Any]]:
    """Elke maatregel binnen de filters, als tabelrij (datums ISO, bedragen float, voortgang als
    fractie 0..1). Eén query: voortgangsdatums en uitgaven als gegroepeerde subqueries."""
    peildatum = f.peildatum(vandaag)
    historie = (
        select(
            MaatregelVoortgang.maatregel_id.label("maatregel_id"),
            func.min(case((or_(MaatregelVoortgang.status.in_(_GESTART), MaatregelVoortgang.voortgang > 0),
                           MaatregelVoortgang.datum))).label("werkelijk_start"),
            func.min(case((MaatregelVoortgang.status == "afgerond", MaatregelVoortgang.datum))).label("werkelijk_eind"),
        )
        .group_by(MaatregelVoortgang.maatregel_id)
        .subquery("historie")
    )
    besteed = (
        select(Uitgave.maatregel_id.label("maatregel_id"), func.sum(cast(Uitgave.bedrag, Float)).label("bedrag"))
        .where(Uitgave.maatregel_id.is_not(None))
        .group_by(Uitgave.maatregel_id)
        .subquery("besteed")
    )
    achter = case((achter_schema_sql(peildatum), 1), else_=0)
    q = (
        select(
            Maatregel.id,
            Maatregel.naam,
            Wijk.slug,
            Wijk.naam.label("wijk"),
            Ambitie.nummer.label("ambitie_nummer"),
            Ambitie.korte_naam.label("ambitie_naam"),
            Oplossingsrichting.letter,
            Oplossingsrichting.tekst.label("oplossingsrichting"),
            Maatregel.verantwoordelijke,
            Maatregel.status,
            Maatregel.voortgang,
            Maatregel.start,
            Maatregel.eind,
            historie.c.werkelijk_start,
            historie.c.werkelijk_eind,
            cast(Maatregel.schatting_kosten, Float).label("schatting_kosten"),
            func.coalesce(besteed.c.bedrag, literal(0.0, Float)).label("besteed"),
            achter.label("achter_schema"),
        )
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .outerjoin(Oplossingsrichting, Oplossingsrichting.id == Maatregel.oplossingsrichting_id)
        .outerjoin(historie, historie.c.maatregel_id == Maatregel.id)
        .outerjoin(besteed, besteed.c.maatregel_id == Maatregel.id)
        .where(*_voorwaarden(f, peildatum))
    )
    uit = []
    for r in sessie.execute(q).all():
        richting = None if r.letter is None else f"{r.letter}. {r.oplossingsrichting}"
        uit.append(
            {
                "id": r.id,
                "naam": r.naam,
                "wijk": r.wijk,
                "wijk_slug": r.slug,
                "ambitie": f"{r.ambitie_nummer}. {r.ambitie_naam}",
                "ambitie_nummer": r.ambitie_nummer,
                "oplossingsrichting": richting or "",
                "verantwoordelijke": r.verantwoordelijke,
                "status": STATUS_LABELS[r.status],
                "status_code": r.status,
                "voortgang": r.voortgang / 100,
                "start": _iso(r.start),
                "eind": _iso(r.eind),
                "werkelijk_start": _iso(_datum(r.werkelijk_start)),
                "werkelijk_eind": _iso(_datum(r.werkelijk_eind)),
                "schatting_kosten": r.schatting_kosten,
                "besteed": float(r.besteed),
                "achter_schema": "Ja" if r.achter_schema else "Nee",
                "is_achter_schema": bool(r.achter_schema),
            }
        )
    return sorted(uit, key=lambda r: (r["wijk"].casefold(), r["ambitie_nummer"], r["start"] or "", r["id"]))


_STATUS_RANG = {"vertraagd": 0, "in_uitvoering": 1, "gepland": 2, "afgerond": 3, "gestopt": 4}


def meest_relevant(rijen: list[dict[str, Any]], aantal: int) -> list[dict[str, Any]]:
    """De ``aantal`` meest relevante maatregelen voor de tijdlijn: eerst achter schema, dan op status
    (vertraagd, in uitvoering, gepland, afgerond, gestopt), dan de vroegste einddatum. Alleen
    maatregelen met start en eind (anders is er geen balk)."""
    met_periode = [r for r in rijen if r["start"] and r["eind"]]
    gesorteerd = sorted(
        met_periode,
        key=lambda r: (not r["is_achter_schema"], _STATUS_RANG[r["status_code"]], r["eind"], r["id"]),
    )
    return gesorteerd[:aantal]


# --------------------------------------------------------------------------- voortgangshistorie


@dataclass(frozen=True, slots=True)
class Voortgangshistorie:
    id: int
    naam: str
    wijk_slug: str
    wijk_naam: str
    status: str
    voortgang: int
    start: dt.date | None
    eind: dt.date | None
    #: (datum, voortgang %, status-label, toelichting), op datum
    regels: tuple[tuple[dt.date, int, str, str], ...]


@gecachet
def voortgangshistorie(sessie: Session, maatregel_id: int) -> Voortgangshistorie | None:
    """De voortgangsmeldingen van één maatregel; ``None`` als die niet bestaat. Twee queries."""
    kop = sessie.execute(
        select(Maatregel.id, Maatregel.naam, Wijk.slug, Wijk.naam.label("wijk"), Maatregel.status,
               Maatregel.voortgang, Maatregel.start, Maatregel.eind)
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .where(Maatregel.id == maatregel_id)
    ).one_or_none()
    if kop is None:
        return None
    regels = sessie.execute(
        select(MaatregelVoortgang.datum, MaatregelVoortgang.voortgang, MaatregelVoortgang.status,
               MaatregelVoortgang.toelichting)
        .where(MaatregelVoortgang.maatregel_id == maatregel_id)
        .order_by(MaatregelVoortgang.datum, MaatregelVoortgang.id)
    ).all()
    return Voortgangshistorie(
        id=kop.id, naam=kop.naam, wijk_slug=kop.slug, wijk_naam=kop.wijk, status=STATUS_LABELS[kop.status],
        voortgang=kop.voortgang, start=kop.start, eind=kop.eind,
        regels=tuple((r.datum, r.voortgang, STATUS_LABELS[r.status], r.toelichting or "") for r in regels),
    )


# --------------------------------------------------------------------------- per ambitie per wijk


@dataclass(frozen=True, slots=True)
class AmbitieVoortgang:
    wijk: str
    wijk_slug: str
    ambitie_nummer: int
    ambitie: str
    aantal: int
    gemiddelde_voortgang: float  # fractie 0..1
    achter_schema: int

    def als_rij(self) -> dict[str, Any]:
        return {
            "wijk": self.wijk,
            "ambitie": f"{self.ambitie_nummer}. {self.ambitie}",
            "aantal": self.aantal,
            "gemiddelde_voortgang": self.gemiddelde_voortgang,
            "achter_schema": self.achter_schema,
        }


@gecachet
def voortgang_per_ambitie(sessie: Session, f: Filter, vandaag: dt.date) -> list[AmbitieVoortgang]:
    """Per wijk per ambitie (binnen de filters): aantal maatregelen, gemiddelde voortgang en aantal
    achter schema. Eén query met GROUP BY."""
    peildatum = f.peildatum(vandaag)
    q = (
        select(
            Wijk.naam,
            Wijk.slug,
            Ambitie.nummer,
            Ambitie.korte_naam,
            func.count(Maatregel.id).label("aantal"),
            func.avg(cast(Maatregel.voortgang, Float)).label("gemiddeld"),
            func.sum(case((achter_schema_sql(peildatum), 1), else_=0)).label("achter"),
        )
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .where(*_voorwaarden(f, peildatum))
        .group_by(Wijk.id, Wijk.naam, Wijk.slug, Ambitie.id, Ambitie.nummer, Ambitie.korte_naam)
    )
    rijen = [
        AmbitieVoortgang(r.naam, r.slug, r.nummer, r.korte_naam, int(r.aantal), float(r.gemiddeld) / 100, int(r.achter))
        for r in sessie.execute(q).all()
    ]
    return sorted(rijen, key=lambda a: (a.wijk.casefold(), a.ambitie_nummer))
