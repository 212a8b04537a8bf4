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

De pagina haalt geen hele lijst op (G4: duizenden maatregelen): :func:`maatregelen_pagina` geeft één blok
(sorteren en filteren in SQL op een vaste kolomlijst, zoals de meldingen- en toezeggingenlijst),
:func:`samenvatting` de tellingen en sommen, :func:`tijdlijn` de top-N van :func:`meest_relevant` in SQL en
:func:`maatregel_opties` hooguit :data:`MAX_OPTIES` maatregelen voor de keuzelijst (met zoeken).
:func:`maatregelen` blijft de hele lijst (tests, vergelijking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, String, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from datalaag.afgeleid import (
    MAATREGEL_BEEINDIGD,
    achter_schema_sql,
    jaar_begin_eind,
    peildatum_voor_jaar,
)
from datalaag.cache import gecachet
from datalaag.meldingen import LijstKolom, OngeldigVerzoek, filters_sql, sortering_sql
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
    "Projectsamenvatting",
    "Voortgangshistorie",
    "in_jaar_sql",
    "maatregel_opties",
    "maatregelen",
    "maatregelen_pagina",
    "meest_relevant",
    "projectkeuzes",
    "samenvatting",
    "tijdlijn",
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


class _Lijst:
    """De select van de maatregelenlijst (alle kolommen van een tabelrij) met de SQL-expressies per veld,
    zodat sorteren, filteren, tellen en de tijdlijn dezelfde bronnen gebruiken."""

    def __init__(self, peildatum: dt.date, gecorreleerd: bool = False) -> None:
        """``gecorreleerd``: voortgangsdatums en uitgaven als subquery per rij in plaats van gegroepeerd over
        alle maatregelen: sneller voor een blok van de lijst (alleen de getoonde rijen worden opgezocht)."""
        gestart = or_(MaatregelVoortgang.status.in_(_GESTART), MaatregelVoortgang.voortgang > 0)
        afgerond = MaatregelVoortgang.status == "afgerond"
        self.gecorreleerd = gecorreleerd
        if gecorreleerd:
            def per_maatregel(expressie):
                return (select(expressie).where(MaatregelVoortgang.maatregel_id == Maatregel.id)
                        .correlate(Maatregel).scalar_subquery())

            self.werkelijk_start = per_maatregel(func.min(case((gestart, MaatregelVoortgang.datum))))
            self.werkelijk_eind = per_maatregel(func.min(case((afgerond, MaatregelVoortgang.datum))))
            self.besteed_bedrag = func.coalesce(
                select(func.sum(cast(Uitgave.bedrag, Float))).where(Uitgave.maatregel_id == Maatregel.id)
                .correlate(Maatregel).scalar_subquery(),
                literal(0.0, Float),
            )
        historie = (
            select(
                MaatregelVoortgang.maatregel_id.label("maatregel_id"),
                func.min(case((gestart, MaatregelVoortgang.datum))).label("werkelijk_start"),
                func.min(case((afgerond, MaatregelVoortgang.datum))).label("werkelijk_eind"),
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
        if not gecorreleerd:
            self.werkelijk_start = historie.c.werkelijk_start
            self.werkelijk_eind = historie.c.werkelijk_eind
            self.besteed_bedrag = func.coalesce(besteed.c.bedrag, literal(0.0, Float))
        self.historie = historie
        self.besteed = besteed
        #: *Achter schema*: de ene definitie (:func:`datalaag.afgeleid.achter_schema_sql`) op de peildatum.
        self.achter = achter_schema_sql(peildatum)
        self.achter_getal = case((self.achter, 1), else_=0)
        self.kosten = cast(Maatregel.schatting_kosten, Float)
        #: Velden van de grid → SQL. Sorteren en filteren kan alleen op deze velden; de tekst is die van de
        #: tabel (statuslabel, "1. Betrokkenheid", "Ja"/"Nee"), voortgang als fractie 0..1.
        self.kolommen: dict[str, LijstKolom] = {
            "naam": LijstKolom(Maatregel.naam),
            "wijk": LijstKolom(Wijk.naam),
            "ambitie": LijstKolom(cast(Ambitie.nummer, String) + literal(". ") + Ambitie.korte_naam),
            "oplossingsrichting": LijstKolom(Oplossingsrichting.letter + literal(". ") + Oplossingsrichting.tekst),
            "verantwoordelijke": LijstKolom(Maatregel.verantwoordelijke),
            "status": LijstKolom(case(STATUS_LABELS, value=Maatregel.status, else_=Maatregel.status)),
            "voortgang": LijstKolom(cast(Maatregel.voortgang, Float) / 100, "getal"),
            "achter_schema": LijstKolom(case((self.achter, "Ja"), else_="Nee")),
            "start": LijstKolom(Maatregel.start, "datum"),
            "eind": LijstKolom(Maatregel.eind, "datum"),
            "werkelijk_start": LijstKolom(self.werkelijk_start, "datum"),
            "werkelijk_eind": LijstKolom(self.werkelijk_eind, "datum"),
            "schatting_kosten": LijstKolom(self.kosten, "getal"),
            "besteed": LijstKolom(self.besteed_bedrag, "getal"),
        }

    def joins(self, q: Select, *, met_historie: bool = True, met_besteed: bool = True,
              met_richting: bool = True) -> Select:
        q = (
            q.join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
            .join(Wijk, Wijk.id == Wijkplan.wijk_id)
            .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        )
        if met_richting:
            q = q.outerjoin(Oplossingsrichting, Oplossingsrichting.id == Maatregel.oplossingsrichting_id)
        if self.gecorreleerd:
            return q
        if met_historie:
            q = q.outerjoin(self.historie, self.historie.c.maatregel_id == Maatregel.id)
        if met_besteed:
            q = q.outerjoin(self.besteed, self.besteed.c.maatregel_id == Maatregel.id)
        return q

    def rijen_select(self) -> Select:
        return self.joins(
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
                self.werkelijk_start.label("werkelijk_start"),
                self.werkelijk_eind.label("werkelijk_eind"),
                self.kosten.label("schatting_kosten"),
                self.besteed_bedrag.label("besteed"),
                self.achter_getal.label("achter_schema"),
            )
        )


def _rij(r: Any) -> dict[str, Any]:
    richting = None if r.letter is None else f"{r.letter}. {r.oplossingsrichting}"
    return {
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


def _standaardvolgorde() -> list[ColumnElement[Any]]:
    """Wijk (hoofdletterongevoelig), ambitie, geplande start (zonder start eerst), id: de volgorde van
    :func:`maatregelen`."""
    return [func.lower(Wijk.naam), Wijk.naam, Ambitie.nummer, Maatregel.start.asc().nulls_first(), Maatregel.id]


@gecachet
def maatregelen(sessie: Session, f: Filter, vandaag: dt.date) -> list[dict[str, Any]]:
    """Elke maatregel binnen de filters, als tabelrij (datums ISO, bedragen float, voortgang als
    fractie 0..1). Eén query: voortgangsdatums en uitgaven als gegroepeerde subqueries. De pagina
    toont de lijst per blok (:func:`maatregelen_pagina`); dit is de hele lijst (rapport, tests)."""
    peildatum = f.peildatum(vandaag)
    q = _Lijst(peildatum).rijen_select().where(*_voorwaarden(f, peildatum))
    uit = [_rij(r) for r in sessie.execute(q).all()]
    return sorted(uit, key=lambda r: (r["wijk"].casefold(), r["ambitie_nummer"], r["start"] or "", r["id"]))


@gecachet
def maatregelen_pagina(sessie: Session, f: Filter, vandaag: dt.date, start: int, eind: int,
                       sortering: Sequence[tuple[str, str]] | None = None,
                       filters: Mapping[str, Any] | None = None) -> tuple[list[dict[str, Any]], int]:
    """Rijen ``start`` tot ``eind`` (exclusief) van de gefilterde lijst, plus het totaal aantal rijen.
    Zonder sortering de volgorde van :func:`maatregelen`; een sortering uit de kolomkoppen gaat voor, met
    die volgorde als tiebreak. ``filters``: het filtermodel van AG Grid op de velden van de tabel. Onbekende
    kolom of filtersoort: :class:`~datalaag.meldingen.OngeldigVerzoek`. Twee queries (telling en blok)."""
    if start < 0 or eind < start:
        raise OngeldigVerzoek("ongeldig rijbereik")
    peildatum = f.peildatum(vandaag)
    lijst = _Lijst(peildatum, gecorreleerd=True)
    kolomfilters = filters_sql(lijst.kolommen, filters)
    voorwaarden = [*_voorwaarden(f, peildatum), *kolomfilters]
    volgorde = [*sortering_sql(lijst.kolommen, sortering), *_standaardvolgorde()]
    # De telling heeft de oplossingsrichting alleen nodig als een kolomfilter ernaar kijkt.
    telling = lijst.joins(select(func.count()).select_from(Maatregel),
                          met_richting="oplossingsrichting" in (filters or {}))
    totaal = sessie.scalar(telling.where(*voorwaarden)) or 0
    if eind == start:
        return [], int(totaal)
    rijen = sessie.execute(
        lijst.rijen_select().where(*voorwaarden).order_by(*volgorde).offset(start).limit(eind - start)
    ).all()
    return [_rij(r) for r in rijen], int(totaal)


@dataclass(frozen=True, slots=True)
class Projectsamenvatting:
    """Tellingen en sommen over alle maatregelen binnen de filters."""

    aantal: int
    per_status: dict[str, int]  # statuscode → aantal, alleen statussen die voorkomen, in modelvolgorde
    achter_schema: int
    geschatte_kosten: float
    besteed: float
    met_periode: int  # met start én eind (een balk in de tijdlijn)


@gecachet
def samenvatting(sessie: Session, f: Filter, vandaag: dt.date) -> Projectsamenvatting:
    """Aantal maatregelen per status, aantal achter schema, geschatte kosten, besteed en het aantal met
    een planning (start en eind), binnen de filters. Eén GROUP BY-query."""
    peildatum = f.peildatum(vandaag)
    lijst = _Lijst(peildatum, gecorreleerd=True)
    q = lijst.joins(
        select(
            Maatregel.status,
            func.count(Maatregel.id).label("aantal"),
            func.sum(lijst.achter_getal).label("achter"),
            func.sum(lijst.kosten).label("kosten"),
            func.sum(lijst.besteed_bedrag).label("besteed"),
            func.sum(case((and_(Maatregel.start.is_not(None), Maatregel.eind.is_not(None)), 1), else_=0)).label(
                "met_periode"),
        ).select_from(Maatregel),
        met_richting=False,
    ).where(*_voorwaarden(f, peildatum)).group_by(Maatregel.status)
    per: dict[str, Any] = {r.status: r for r in sessie.execute(q).all()}
    return Projectsamenvatting(
        aantal=sum(int(r.aantal) for r in per.values()),
        per_status={s: int(per[s].aantal) for s in STATUS_LABELS if s in per},
        achter_schema=sum(int(r.achter or 0) for r in per.values()),
        geschatte_kosten=sum(float(r.kosten or 0) for r in per.values()),
        besteed=sum(float(r.besteed or 0) for r in per.values()),
        met_periode=sum(int(r.met_periode or 0) for r in per.values()),
    )


_STATUS_RANG = {"vertraagd": 0, "in_uitvoering": 1, "gepland": 2, "afgerond": 3, "gestopt": 4}


@gecachet
def tijdlijn(sessie: Session, f: Filter, vandaag: dt.date, aantal: int) -> list[dict[str, Any]]:
    """:func:`meest_relevant` in SQL: de ``aantal`` meest relevante maatregelen met start en eind binnen de
    filters (eerst achter schema, dan op status, dan de vroegste einddatum, dan id), als tabelrijen."""
    peildatum = f.peildatum(vandaag)
    lijst = _Lijst(peildatum, gecorreleerd=True)
    q = (
        lijst.rijen_select()
        .where(*_voorwaarden(f, peildatum), Maatregel.start.is_not(None), Maatregel.eind.is_not(None))
        .order_by(lijst.achter_getal.desc(), case(_STATUS_RANG, value=Maatregel.status, else_=9), Maatregel.eind,
                  Maatregel.id)
        .limit(aantal)
    )
    return [_rij(r) for r in sessie.execute(q).all()]


#: Hooguit zoveel maatregelen in de keuzelijst "voortgangshistorie bekijken van".
MAX_OPTIES = 50


def _like_patroon(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@gecachet
def maatregel_opties(sessie: Session, f: Filter, vandaag: dt.date, zoek: str | None = None,
                     aantal: int = MAX_OPTIES, tel: bool = True) -> tuple[list[tuple[int, str, str]], int | None]:
    """Voor de keuzelijst: hooguit ``aantal`` maatregelen binnen de filters waarvan naam of wijk ``zoek``
    bevat (hoofdletterongevoelig; ``%`` en ``_`` tellen als gewone tekens), als (id, naam, wijk) in de
    volgorde van de lijst, plus het aantal dat aan de zoektekst voldoet (``None`` met ``tel=False``: zonder
    zoektekst is dat :attr:`Projectsamenvatting.aantal`). Twee queries, of één zonder telling."""
    peildatum = f.peildatum(vandaag)
    voorwaarden = _voorwaarden(f, peildatum)
    tekst = (zoek or "").strip()[:100].lower()
    if tekst:
        patroon = f"%{_like_patroon(tekst)}%"
        voorwaarden.append(or_(func.lower(Maatregel.naam).like(patroon, escape="\\"),
                               func.lower(Wijk.naam).like(patroon, escape="\\")))
    lijst = _Lijst(peildatum, gecorreleerd=True)
    totaal = None
    if tel:
        totaal = int(sessie.scalar(lijst.joins(select(func.count()).select_from(Maatregel), met_richting=False)
                                   .where(*voorwaarden)) or 0)
    rijen = sessie.execute(
        lijst.joins(select(Maatregel.id, Maatregel.naam, Wijk.naam.label("wijk")).select_from(Maatregel),
                    met_richting=False)
        .where(*voorwaarden).order_by(*_standaardvolgorde()).limit(aantal)
    ).all()
    return [(r.id, r.naam, r.wijk) for r in rijen], totaal


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
