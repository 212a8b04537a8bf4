"""Leesqueries voor ``/vergelijk``: wijken naast elkaar, en de drie werkwijzen naast elkaar.

Dezelfde maten voor een wijk en voor een werkwijze (alle wijken met die werkwijze samen), zie
:class:`Maten`. De definities komen uit :mod:`datalaag.afgeleid`; hier staan alleen de keuzes
welke rijen meetellen:

- *ambitiescore*: :func:`~datalaag.afgeleid.ambitiescores_select` op de peildatum van ``jaar``;
  het gemiddelde is over alle wijk × ambitie-scores (zoals de kerncijfers van het overzicht).
- *doelstellingen*: de doelstellingen van de plannen die in ``jaar`` actief zijn
  (:func:`~datalaag.afgeleid.plan_actief_sql`), elk met :func:`~datalaag.afgeleid.op_koers_doelstelling` op de
  laatste meting van zijn indicator in de wijk uiterlijk op de peildatum. *Aandeel op koers* =
  op koers / alle doelstellingen (ook die zonder gegevens tellen in de noemer).
- *budgetbenutting*: :func:`~datalaag.afgeleid.budget_per_wijk_select` (oormerk toegerekend aan
  ``jaar``, uitgaven in ``jaar``); voor een werkwijze: som uitgaven / som oormerk.
- *maatregelen*: van actieve plannen, zonder de gestopte; gemiddelde voortgang in % over alle
  maatregelen (niet het gemiddelde van wijkgemiddelden) en het aantal
  :func:`~datalaag.afgeleid.achter_schema_sql` op de peildatum.
- *meldingen per 1.000 inwoners*: meldingen ontvangen in ``jaar`` tot en met de peildatum,
  :func:`~datalaag.afgeleid.per_1000` met het inwonertal van ``jaar`` (ontbreekt dat: het laatst
  bekende jaar daarvóór). Voor een werkwijze: som meldingen / som inwoners van de wijken waarvan
  het inwonertal bekend is.
- *werkwijze* van een wijk: ``Wijk.werkwijze`` (de huidige).

Aantal queries per aanroep ligt vast (geen lus over wijken): wijken, ambities, ambitiescores,
doelstellingen met laatste meting, en één gegroepeerde query voor budget, maatregelen, meldingen
en inwoners.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    ACHTER,
    GEEN_DATA,
    OP_KOERS,
    VER_ACHTER,
    achter_schema_sql,
    ambitiescores_select,
    budget_per_wijk_select,
    budgetbenutting,
    peildatum_voor_jaar,
    per_1000,
    plan_actief_sql,
)
from datalaag.cache import gecachet
from datalaag.doelstellingen import doelstellingen_met_status
from datalaag.models import (
    WERKWIJZEN,
    Ambitie,
    Maatregel,
    Melding,
    Stadsdeel,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
)

#: Zoveel wijken kun je hooguit tegelijk vergelijken (leesbaarheid van de grafieken).
MAX_WIJKEN = 6
#: Minstens zoveel om te vergelijken.
MIN_WIJKEN = 2
#: Standaardkeuze: de wijken met de duidelijkste verhalen (verbeteren, achterraken, sociale herovering).
STANDAARD_WIJKEN: tuple[str, ...] = ("kerkelanden", "sluitersveld", "de-riet")


# --------------------------------------------------------------------------- wijken


@dataclass(frozen=True, slots=True)
class WijkOptie:
    slug: str
    naam: str
    stadsdeel: str
    werkwijze: str  # code: WOP | AWA | SHR


def _wijk_opties_select():
    return select(Wijk.id, Wijk.slug, Wijk.naam, Stadsdeel.naam.label("stadsdeel"), Wijk.werkwijze).join(
        Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id
    )


def _op_naam(rijen: Iterable[Any]) -> list[Any]:
    """Op naam, hoofdletterongevoelig, in Python (dezelfde volgorde op SQLite en PostgreSQL)."""
    return sorted(rijen, key=lambda r: (r.naam.casefold(), r.naam))


@gecachet
def wijk_opties(sessie: Session) -> list[WijkOptie]:
    """Alle wijken op naam, voor de keuzelijst."""
    rijen = _op_naam(sessie.execute(_wijk_opties_select()))
    return [WijkOptie(r.slug, r.naam, r.stadsdeel, r.werkwijze) for r in rijen]


def standaard_wijken(opties: Sequence[WijkOptie]) -> list[str]:
    """De standaardkeuze: Kerkelanden, Sluitersveld en De Riet als ze bestaan, aangevuld (of
    vervangen) door de eerste wijken op naam tot drie."""
    bestaand = [o.slug for o in opties]
    keuze = [s for s in STANDAARD_WIJKEN if s in bestaand]
    for slug in bestaand:
        if len(keuze) >= 3:
            break
        if slug not in keuze:
            keuze.append(slug)
    return keuze


# --------------------------------------------------------------------------- maten


@dataclass(frozen=True, slots=True)
class Doelstellingstatus:
    """Aantal doelstellingen per uitkomst van *op koers*."""

    op_koers: int = 0
    achter: int = 0
    ver_achter: int = 0
    geen_data: int = 0

    @property
    def totaal(self) -> int:
        return self.op_koers + self.achter + self.ver_achter + self.geen_data

    def aantal(self, status: str) -> int:
        return {OP_KOERS: self.op_koers, ACHTER: self.achter, VER_ACHTER: self.ver_achter, GEEN_DATA: self.geen_data}[
            status
        ]

    def aandeel(self, status: str) -> float | None:
        """Fractie 0..1 van alle doelstellingen; ``None`` zonder doelstellingen."""
        return self.aantal(status) / self.totaal if self.totaal else None


@dataclass(frozen=True, slots=True)
class Maten:
    """De vergelijkingsmaten van een wijk of een werkwijze (zie de moduledocumentatie)."""

    #: gemiddelde over de wijk × ambitie-scores
    ambitiescore: float | None
    ambitiescores_aantal: int
    doelstellingen: Doelstellingstatus
    oormerk: float
    uitgaven: float
    budgetbenutting: float | None
    maatregelen: int
    voortgang_gemiddeld: float | None  # in procenten 0..100
    maatregelen_achter_schema: int
    meldingen: int
    inwoners: int | None
    meldingen_per_1000: float | None

    @property
    def aandeel_op_koers(self) -> float | None:
        return self.doelstellingen.aandeel(OP_KOERS)


@dataclass(frozen=True, slots=True)
class AmbitieScore:
    nummer: int
    korte_naam: str
    waardering: float | None


@dataclass(frozen=True, slots=True)
class WijkVergelijking:
    slug: str
    naam: str
    stadsdeel: str
    werkwijze: str
    ambitiescores: tuple[AmbitieScore, ...]
    maten: Maten


@dataclass(frozen=True, slots=True)
class WerkwijzeVergelijking:
    code: str
    naam: str
    #: aantal wijken met deze werkwijze
    wijken: int
    maten: Maten
    #: gemiddelde ambitiescore per ambitie over de wijken van deze werkwijze
    ambitiescores: tuple[AmbitieScore, ...] = field(default=())


def _meldingen_in_jaar(jaar: int, peildatum: dt.date):
    """Meldingen ontvangen in ``jaar`` tot en met de peildatum."""
    return and_(
        Melding.ontvangen_op >= dt.datetime(jaar, 1, 1),
        Melding.ontvangen_op < dt.datetime.combine(peildatum + dt.timedelta(days=1), dt.time.min),
    )


def _sommen_select(jaar: int, peildatum: dt.date, groep: Any):
    """Eén query: per ``groep`` (``Wijk.id`` of ``Wijk.werkwijze``) de sommen en tellingen waaruit
    de maten volgen. Alle deelresultaten zijn eerst per wijk gegroepeerd en worden dan gesommeerd."""
    nul = literal(0.0, Float)
    scores = ambitiescores_select(jaar, peildatum).subquery("scores")
    score = (
        select(scores.c.wijk_id, func.sum(scores.c.waardering).label("som"), func.count().label("aantal"))
        .group_by(scores.c.wijk_id)
        .subquery("score")
    )
    budget = budget_per_wijk_select(jaar).subquery("budget")
    maatregelen = (
        select(
            Wijkplan.wijk_id.label("wijk_id"),
            func.count().label("aantal"),
            func.sum(cast(Maatregel.voortgang, Float)).label("voortgang"),
            func.sum(case((achter_schema_sql(peildatum), 1), else_=0)).label("achter"),
        )
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .where(plan_actief_sql(jaar), Maatregel.status != "gestopt")
        .group_by(Wijkplan.wijk_id)
        .subquery("maatregelen")
    )
    meldingen = (
        select(Melding.wijk_id.label("wijk_id"), func.count().label("aantal"))
        .where(_meldingen_in_jaar(jaar, peildatum))
        .group_by(Melding.wijk_id)
        .subquery("meldingen")
    )
    volgorde = (
        func.row_number().over(partition_by=WijkInwoners.wijk_id, order_by=WijkInwoners.jaar.desc()).label("volgorde")
    )
    inwoners_rijen = (
        select(WijkInwoners.wijk_id, WijkInwoners.aantal, volgorde).where(WijkInwoners.jaar <= jaar).subquery("inw")
    )
    inwoners = (
        select(inwoners_rijen.c.wijk_id, inwoners_rijen.c.aantal)
        .where(inwoners_rijen.c.volgorde == 1)
        .subquery("inwoners")
    )
    meldingen_aantal = func.coalesce(meldingen.c.aantal, 0)
    return (
        select(
            groep.label("groep"),
            func.count(Wijk.id).label("wijken"),
            func.sum(score.c.som).label("score_som"),
            func.coalesce(func.sum(score.c.aantal), 0).label("score_aantal"),
            func.coalesce(func.sum(budget.c.oormerk), nul).label("oormerk"),
            func.coalesce(func.sum(budget.c.uitgaven), nul).label("uitgaven"),
            func.coalesce(func.sum(maatregelen.c.aantal), 0).label("maatregelen"),
            func.sum(maatregelen.c.voortgang).label("voortgang_som"),
            func.coalesce(func.sum(maatregelen.c.achter), 0).label("achter"),
            func.coalesce(func.sum(meldingen_aantal), 0).label("meldingen"),
            func.coalesce(
                func.sum(case((inwoners.c.aantal.is_not(None), meldingen_aantal), else_=0)), 0
            ).label("meldingen_met_inwoners"),
            func.sum(inwoners.c.aantal).label("inwoners"),
        )
        .select_from(Wijk)
        .outerjoin(score, score.c.wijk_id == Wijk.id)
        .outerjoin(budget, budget.c.wijk_id == Wijk.id)
        .outerjoin(maatregelen, maatregelen.c.wijk_id == Wijk.id)
        .outerjoin(meldingen, meldingen.c.wijk_id == Wijk.id)
        .outerjoin(inwoners, inwoners.c.wijk_id == Wijk.id)
        .group_by(groep)
    )


def _doelstellingen_per_wijk(sessie: Session, jaar: int, peildatum: dt.date) -> dict[int, Doelstellingstatus]:
    """*Op koers* van elke doelstelling van een actief plan, geteld per wijk."""
    tellingen: dict[int, Counter[str]] = {}
    for d in doelstellingen_met_status(sessie, jaar, peildatum):
        tellingen.setdefault(d.wijk_id, Counter())[d.status] += 1
    return {wijk_id: Doelstellingstatus(**t) for wijk_id, t in tellingen.items()}


def _tel_op(statussen: Iterable[Doelstellingstatus]) -> Doelstellingstatus:
    totaal: Counter[str] = Counter()
    for s in statussen:
        for status in (OP_KOERS, ACHTER, VER_ACHTER, GEEN_DATA):
            totaal[status] += s.aantal(status)
    return Doelstellingstatus(**totaal)


def _maten(rij: Any, doelstellingen: Doelstellingstatus) -> Maten:
    score_aantal = int(rij.score_aantal)
    maatregelen = int(rij.maatregelen)
    oormerk, uitgaven = float(rij.oormerk), float(rij.uitgaven)
    inwoners = None if rij.inwoners is None else int(rij.inwoners)
    return Maten(
        ambitiescore=float(rij.score_som) / score_aantal if score_aantal else None,
        ambitiescores_aantal=score_aantal,
        doelstellingen=doelstellingen,
        oormerk=oormerk,
        uitgaven=uitgaven,
        budgetbenutting=budgetbenutting(uitgaven, oormerk),
        maatregelen=maatregelen,
        voortgang_gemiddeld=float(rij.voortgang_som) / maatregelen if maatregelen else None,
        maatregelen_achter_schema=int(rij.achter),
        meldingen=int(rij.meldingen),
        inwoners=inwoners,
        meldingen_per_1000=per_1000(int(rij.meldingen_met_inwoners), inwoners),
    )


def maten_per_wijk(sessie: Session, jaar: int, vandaag: dt.date) -> dict[int, Maten]:
    """De maten van elke wijk (sleutel ``Wijk.id``), in een vast aantal queries."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    doelen = _doelstellingen_per_wijk(sessie, jaar, peildatum)
    return {
        int(r.groep): _maten(r, doelen.get(int(r.groep), Doelstellingstatus()))
        for r in sessie.execute(_sommen_select(jaar, peildatum, Wijk.id))
    }


def _ambitiescores_per_groep(sessie: Session, jaar: int, peildatum: dt.date, groep: Any):
    """(ambities, {groep: {ambitie_id: gemiddelde}}) — de scores gemiddeld per groep en ambitie in SQL."""
    ambities = sessie.execute(select(Ambitie.id, Ambitie.nummer, Ambitie.korte_naam).order_by(Ambitie.nummer)).all()
    scores = ambitiescores_select(jaar, peildatum).subquery("scores")
    rijen = sessie.execute(
        select(groep.label("groep"), scores.c.ambitie_id, func.avg(scores.c.waardering).label("score"))
        .join(Wijk, Wijk.id == scores.c.wijk_id)
        .group_by(groep, scores.c.ambitie_id)
    ).all()
    per_groep: dict[Any, dict[int, float]] = {}
    for r in rijen:
        per_groep.setdefault(r.groep, {})[r.ambitie_id] = float(r.score)
    return ambities, per_groep


def _scores(ambities: Sequence[Any], per_ambitie: dict[int, float]) -> tuple[AmbitieScore, ...]:
    return tuple(AmbitieScore(a.nummer, a.korte_naam, per_ambitie.get(a.id)) for a in ambities)


@gecachet
def vergelijk_wijken(sessie: Session, slugs: Sequence[str], jaar: int, vandaag: dt.date) -> list[WijkVergelijking]:
    """De gekozen wijken in de volgorde van ``slugs`` (onbekende slugs vallen weg)."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    wijken = {r.slug: r for r in sessie.execute(_wijk_opties_select().where(Wijk.slug.in_(list(slugs))))}
    gekozen = [wijken[s] for s in dict.fromkeys(slugs) if s in wijken]
    if not gekozen:
        return []
    ids = [w.id for w in gekozen]
    doelen = _doelstellingen_per_wijk(sessie, jaar, peildatum)
    sommen = {
        int(r.groep): r
        for r in sessie.execute(_sommen_select(jaar, peildatum, Wijk.id).where(Wijk.id.in_(ids)))
    }
    ambities, scores = _ambitiescores_per_groep(sessie, jaar, peildatum, Wijk.id)
    return [
        WijkVergelijking(
            slug=w.slug,
            naam=w.naam,
            stadsdeel=w.stadsdeel,
            werkwijze=w.werkwijze,
            ambitiescores=_scores(ambities, scores.get(w.id, {})),
            maten=_maten(sommen[w.id], doelen.get(w.id, Doelstellingstatus())),
        )
        for w in gekozen
    ]


@gecachet
def vergelijk_werkwijzen(sessie: Session, jaar: int, vandaag: dt.date) -> list[WerkwijzeVergelijking]:
    """De werkwijzen (in de volgorde WOP, AWA, SHR van het model), elk over al haar wijken.
    Een werkwijze zonder wijken staat erin met 0 wijken en lege maten."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    wijk_werkwijze = dict(sessie.execute(select(Wijk.id, Wijk.werkwijze)).all())
    doelen_per_wijk = _doelstellingen_per_wijk(sessie, jaar, peildatum)
    doelen: dict[str, list[Doelstellingstatus]] = {}
    for wijk_id, status in doelen_per_wijk.items():
        doelen.setdefault(wijk_werkwijze[wijk_id], []).append(status)
    sommen = {r.groep: r for r in sessie.execute(_sommen_select(jaar, peildatum, Wijk.werkwijze))}
    ambities, scores = _ambitiescores_per_groep(sessie, jaar, peildatum, Wijk.werkwijze)
    namen = dict(sessie.execute(select(Werkwijze.code, Werkwijze.naam)).all())
    uit = []
    for code in WERKWIJZEN:
        if code not in namen:
            continue
        rij = sommen.get(code)
        if rij is None:
            maten = Maten(None, 0, Doelstellingstatus(), 0.0, 0.0, None, 0, None, 0, 0, None, None)
            aantal = 0
        else:
            maten = _maten(rij, _tel_op(doelen.get(code, [])))
            aantal = int(rij.wijken)
        uit.append(WerkwijzeVergelijking(code, namen[code], aantal, maten, _scores(ambities, scores.get(code, {}))))
    return uit
