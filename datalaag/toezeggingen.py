"""Leesqueries voor ``/toezeggingen``: de toezeggingenlijst zoals de griffie die bijhoudt, met
filters, vrij zoeken en tellingen per portefeuillehouder en per status.

*Te laat* is de ene definitie uit :mod:`datalaag.afgeleid` (:func:`~datalaag.afgeleid.te_laat`,
:func:`~datalaag.afgeleid.te_laat_sql`): open en de termijn ligt vóór de peildatum (vandaag); op de
termijndag zelf is een toezegging nog op tijd.

De statusfilter kent ``open`` (alle open toezeggingen, ook te late), ``te_laat``, ``afgedaan`` en
``vervallen``. In de tellingen is de *weergavestatus* exclusief: ``te_laat``, ``open`` (op tijd),
``afgedaan``, ``vervallen``.

``zoek`` zoekt hoofdletterongevoelig in nummer, onderwerp en afdoening, in SQL met een gebonden
parameter (``%`` en ``_`` in de zoektekst tellen als gewone tekens).

De pagina toont de lijst per blok (:func:`toezeggingen_pagina`: sorteren en filteren in SQL op een vaste
lijst kolommen, zoals de meldingenlijst); :func:`toezeggingen` geeft de hele gefilterde lijst (rapport, beheer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from datalaag.afgeleid import te_laat, te_laat_sql
from datalaag.cache import gecachet
from datalaag.meldingen import LijstKolom, OngeldigVerzoek, filters_sql, sortering_sql
from datalaag.models import TOEZEGGING_STATUSSEN, Toezegging, Wijk

#: Keuzes van de statusfilter.
STATUS_FILTER_LABELS: dict[str, str] = {
    "open": "Open (ook te laat)",
    "te_laat": "Te laat",
    "afgedaan": "Afgedaan",
    "vervallen": "Vervallen",
}
#: Weergavestatussen (exclusief), in de volgorde van de tellingen.
WEERGAVE_LABELS: dict[str, str] = {
    "te_laat": "Te laat",
    "open": "Open",
    "afgedaan": "Afgedaan",
    "vervallen": "Vervallen",
}
MAX_ZOEKLENGTE = 100


@dataclass(frozen=True, slots=True)
class ToezeggingFilter:
    status: str | None = None
    portefeuillehouder: str | None = None
    wijk: str | None = None  # slug
    zoek: str | None = None


@dataclass(frozen=True, slots=True)
class ToezeggingKeuzes:
    portefeuillehouders: list[str]
    wijken: list[tuple[str, str]]  # (slug, naam)


@gecachet
def filterkeuzes(sessie: Session) -> ToezeggingKeuzes:
    houders = sessie.scalars(select(Toezegging.portefeuillehouder).distinct()).all()
    wijken = sessie.execute(select(Wijk.slug, Wijk.naam)).all()
    return ToezeggingKeuzes(
        portefeuillehouders=sorted(houders, key=lambda h: (h.casefold(), h)),
        wijken=[(w.slug, w.naam) for w in sorted(wijken, key=lambda w: (w.naam.casefold(), w.naam))],
    )


def kies_filter(query: Mapping[str, Any], keuzes: ToezeggingKeuzes | None) -> ToezeggingFilter:
    """De querystring als geldig filter; onbekende waarden vallen weg (= geen filter). Zonder
    ``keuzes`` blijven portefeuillehouder en wijk staan (ze gaan als parameter de query in)."""
    status = query.get("status") if query.get("status") in STATUS_FILTER_LABELS else None
    houder = query.get("portefeuillehouder") or None
    if not isinstance(houder, str) or (keuzes and houder not in keuzes.portefeuillehouders):
        houder = None
    wijk = query.get("wijk") or None
    if not isinstance(wijk, str) or (keuzes and wijk not in {s for s, _ in keuzes.wijken}):
        wijk = None
    zoek = query.get("zoek")
    zoek = zoek.strip()[:MAX_ZOEKLENGTE] if isinstance(zoek, str) and zoek.strip() else None
    return ToezeggingFilter(status=status, portefeuillehouder=houder, wijk=wijk, zoek=zoek)


def _like_patroon(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _weergavestatus_sql(vandaag: dt.date) -> ColumnElement[str]:
    return case((te_laat_sql(vandaag), "te_laat"), else_=Toezegging.status)


def _voorwaarden(f: ToezeggingFilter, vandaag: dt.date) -> list[ColumnElement[bool]]:
    uit: list[ColumnElement[bool]] = []
    if f.status == "te_laat":
        uit.append(te_laat_sql(vandaag))
    elif f.status in TOEZEGGING_STATUSSEN:
        uit.append(Toezegging.status == f.status)
    if f.portefeuillehouder:
        uit.append(Toezegging.portefeuillehouder == f.portefeuillehouder)
    if f.wijk:
        uit.append(Toezegging.wijk_id == select(Wijk.id).where(Wijk.slug == f.wijk).scalar_subquery())
    if f.zoek:
        patroon = f"%{_like_patroon(f.zoek.lower())}%"
        uit.append(or_(*(func.lower(func.coalesce(kolom, "")).like(patroon, escape="\\")
                         for kolom in (Toezegging.nummer, Toezegging.onderwerp, Toezegging.afdoening))))
    return uit


@dataclass(frozen=True, slots=True)
class ToezeggingRij:
    nummer: str
    datum: dt.date
    vergadering: str
    portefeuillehouder: str
    onderwerp: str
    wijk: str | None
    wijk_slug: str | None
    termijn: dt.date
    status: str  # open / afgedaan / vervallen
    te_laat: bool
    afdoening: str | None
    afgedaan_op: dt.date | None
    document: str | None

    @property
    def weergavestatus(self) -> str:
        return "te_laat" if self.te_laat else self.status


def _standaardvolgorde(vandaag: dt.date) -> list[ColumnElement[Any]]:
    """Te late eerst (oudste termijn voorop), dan open op termijn, dan de rest op datum (nieuwste eerst)."""
    weergave = _weergavestatus_sql(vandaag)
    return [
        case((weergave == "te_laat", 0), (weergave == "open", 1), else_=2),
        case((Toezegging.status == "open", Toezegging.termijn)),
        Toezegging.datum.desc(),
        Toezegging.nummer,
    ]


def _rij(t: Toezegging, naam: str | None, slug: str | None, vandaag: dt.date) -> ToezeggingRij:
    return ToezeggingRij(
        nummer=t.nummer, datum=t.datum, vergadering=t.vergadering, portefeuillehouder=t.portefeuillehouder,
        onderwerp=t.onderwerp, wijk=naam, wijk_slug=slug, termijn=t.termijn, status=t.status,
        te_laat=te_laat(t.status, t.termijn, vandaag), afdoening=t.afdoening, afgedaan_op=t.afgedaan_op,
        document=t.document,
    )


@gecachet
def toezeggingen(sessie: Session, f: ToezeggingFilter, vandaag: dt.date) -> list[ToezeggingRij]:
    """De gefilterde lijst: te late eerst (oudste termijn voorop), dan open op termijn, dan de
    rest op datum (nieuwste eerst). Eén query."""
    rijen = sessie.execute(
        select(Toezegging, Wijk.naam, Wijk.slug)
        .outerjoin(Wijk, Wijk.id == Toezegging.wijk_id)
        .where(*_voorwaarden(f, vandaag))
        .order_by(*_standaardvolgorde(vandaag))
    ).all()
    return [_rij(t, naam, slug, vandaag) for t, naam, slug in rijen]


def _lijstkolommen(vandaag: dt.date) -> dict[str, LijstKolom]:
    """Velden van de lijst → SQL. Sorteren en filteren kan alleen op deze velden. De status in woorden
    sorteert op de weergavestatus (te laat, open, afgedaan, vervallen) en filtert via de statusfilter."""
    weergave = _weergavestatus_sql(vandaag)
    return {
        "nummer": LijstKolom(Toezegging.nummer),
        "datum": LijstKolom(Toezegging.datum, "datum"),
        "vergadering": LijstKolom(Toezegging.vergadering),
        "portefeuillehouder": LijstKolom(Toezegging.portefeuillehouder),
        "onderwerp": LijstKolom(Toezegging.onderwerp),
        "wijk": LijstKolom(Wijk.naam),
        "termijn": LijstKolom(Toezegging.termijn, "datum"),
        "status_tekst": LijstKolom(
            case((weergave == "te_laat", 0), (weergave == "open", 1), (weergave == "afgedaan", 2), else_=3),
            "getal", filterbaar=False),
        "afdoening": LijstKolom(Toezegging.afdoening),
        "afgedaan_op": LijstKolom(Toezegging.afgedaan_op, "datum"),
        "document": LijstKolom(Toezegging.document),
    }


@gecachet
def toezeggingen_pagina(sessie: Session, f: ToezeggingFilter, vandaag: dt.date, start: int, eind: int,
                        sortering: Sequence[tuple[str, str]] | None = None,
                        filters: Mapping[str, Any] | None = None) -> tuple[list[ToezeggingRij], int]:
    """Rijen ``start`` tot ``eind`` (exclusief) van de gefilterde lijst, plus het totaal aantal rijen. Zonder
    sortering de volgorde van :func:`toezeggingen`; een sortering uit de kolomkoppen gaat voor, met die
    volgorde als tiebreak. Onbekende kolom of filtersoort: :class:`~datalaag.meldingen.OngeldigVerzoek`."""
    if start < 0 or eind < start:
        raise OngeldigVerzoek("ongeldig rijbereik")
    kolommen = _lijstkolommen(vandaag)
    voorwaarden = [*_voorwaarden(f, vandaag), *filters_sql(kolommen, filters)]
    volgorde = [*sortering_sql(kolommen, sortering), *_standaardvolgorde(vandaag)]
    totaal = sessie.scalar(
        select(func.count()).select_from(Toezegging).outerjoin(Wijk, Wijk.id == Toezegging.wijk_id)
        .where(*voorwaarden)
    ) or 0
    rijen = sessie.execute(
        select(Toezegging, Wijk.naam, Wijk.slug)
        .outerjoin(Wijk, Wijk.id == Toezegging.wijk_id)
        .where(*voorwaarden)
        .order_by(*volgorde)
        .offset(start)
        .limit(eind - start)
    ).all()
    return [_rij(t, naam, slug, vandaag) for t, naam, slug in rijen], int(totaal)


@dataclass(frozen=True, slots=True)
class Telling:
    """Aantallen per weergavestatus voor één portefeuillehouder (of voor het totaal)."""

    portefeuillehouder: str
    te_laat: int
    open: int
    afgedaan: int
    vervallen: int

    @property
    def totaal(self) -> int:
        return self.te_laat + self.open + self.afgedaan + self.vervallen


@dataclass(frozen=True, slots=True)
class Tellingen:
    per_portefeuillehouder: list[Telling]
    totaal: Telling


@gecachet
def tellingen(sessie: Session, f: ToezeggingFilter, vandaag: dt.date) -> Tellingen:
    """Aantallen per portefeuillehouder × weergavestatus (``te_laat``, ``open`` = op tijd,
    ``afgedaan``, ``vervallen``) met dezelfde filters als de lijst. Eén GROUP BY-query."""
    weergave = _weergavestatus_sql(vandaag).label("weergave")
    rijen = sessie.execute(
        select(Toezegging.portefeuillehouder, weergave, func.count())
        .where(*_voorwaarden(f, vandaag))
        .group_by(Toezegging.portefeuillehouder, weergave)
    ).all()
    per: dict[str, dict[str, int]] = {}
    for houder, status, aantal in rijen:
        per.setdefault(houder, {})[status] = int(aantal)

    def telling(houder: str, aantallen: Mapping[str, int]) -> Telling:
        return Telling(houder, *(int(aantallen.get(s, 0)) for s in WEERGAVE_LABELS))

    lijst = [telling(h, per[h]) for h in sorted(per, key=lambda h: (h.casefold(), h))]
    som = {s: sum(per[h].get(s, 0) for h in per) for s in WEERGAVE_LABELS}
    return Tellingen(per_portefeuillehouder=lijst, totaal=telling("Totaal", som))
