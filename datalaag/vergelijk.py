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
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, select
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


#: De delen van de maten; :func:`_basis` rekent alleen de gevraagde uit (de kaart heeft er maar één nodig).
DELEN: frozenset[str] = frozenset({"scores", "budget", "maatregelen", "meldingen", "doelen"})


def _sommen_select(jaar: int, peildatum: dt.date, delen: frozenset[str] = DELEN):
    """Eén query: per wijk (alle wijken, met hun werkwijze) de sommen en tellingen waaruit budget, maatregelen en
    meldingen volgen; alleen de gevraagde ``delen``. Een werkwijze telt de rijen van haar wijken op (in Python:
    de som van de sommen per wijk, zoals ``SUM`` over de wijken)."""
    kolommen: list[Any] = [Wijk.id.label("wijk_id"), Wijk.werkwijze]
    joins: list[tuple[Any, Any]] = []
    if "budget" in delen:
        budget = budget_per_wijk_select(jaar).order_by(None).subquery("budget")
        kolommen += [budget.c.oormerk, budget.c.uitgaven]
        joins.append((budget, budget.c.wijk_id == Wijk.id))
    if "maatregelen" in delen:
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
        kolommen += [maatregelen.c.aantal.label("maatregelen"), maatregelen.c.voortgang.label("voortgang_som"),
                     maatregelen.c.achter]
        joins.append((maatregelen, maatregelen.c.wijk_id == Wijk.id))
    if "meldingen" in delen:
        meldingen = (
            select(Melding.wijk_id.label("wijk_id"), func.count().label("aantal"))
            .where(_meldingen_in_jaar(jaar, peildatum))
            .group_by(Melding.wijk_id)
            .subquery("meldingen")
        )
        volgorde = func.row_number().over(
            partition_by=WijkInwoners.wijk_id, order_by=WijkInwoners.jaar.desc()
        ).label("volgorde")
        inwoners_rijen = (
            select(WijkInwoners.wijk_id, WijkInwoners.aantal, volgorde).where(WijkInwoners.jaar <= jaar)
            .subquery("inw")
        )
        inwoners = (
            select(inwoners_rijen.c.wijk_id, inwoners_rijen.c.aantal)
            .where(inwoners_rijen.c.volgorde == 1)
            .subquery("inwoners")
        )
        kolommen += [meldingen.c.aantal.label("meldingen"), inwoners.c.aantal.label("inwoners")]
        joins += [(meldingen, meldingen.c.wijk_id == Wijk.id), (inwoners, inwoners.c.wijk_id == Wijk.id)]
    query = select(*kolommen).select_from(Wijk)
    for tabel, voorwaarde in joins:
        query = query.outerjoin(tabel, voorwaarde)
    return query


@dataclass(slots=True)
class _Sommen:
    """De sommen van één wijk of (opgeteld) van een werkwijze; de velden heten zoals de kolommen van vroeger."""

    wijken: int = 0
    score_som: float | None = None
    score_aantal: int = 0
    oormerk: float = 0.0
    uitgaven: float = 0.0
    maatregelen: int = 0
    voortgang_som: float | None = None
    achter: int = 0
    meldingen: int = 0
    meldingen_met_inwoners: int = 0
    inwoners: int | None = None

    def tel_op(self, ander: _Sommen) -> None:
        """Zoals SQL ``SUM``: ``None`` telt niet mee; blijft ``None`` als alles ``None`` is."""
        def som(a: Any, b: Any) -> Any:
            return b if a is None else (a if b is None else a + b)

        self.wijken += ander.wijken
        self.score_som = som(self.score_som, ander.score_som)
        self.score_aantal += ander.score_aantal
        self.oormerk += ander.oormerk
        self.uitgaven += ander.uitgaven
        self.maatregelen += ander.maatregelen
        self.voortgang_som = som(self.voortgang_som, ander.voortgang_som)
        self.achter += ander.achter
        self.meldingen += ander.meldingen
        self.meldingen_met_inwoners += ander.meldingen_met_inwoners
        self.inwoners = som(self.inwoners, ander.inwoners)


@dataclass(frozen=True, slots=True)
class _Basis:
    """Alles wat de vergelijking (en de kaart) per wijk nodig heeft, in een vast aantal queries."""

    #: wijk_id → werkwijze (alle wijken)
    werkwijze: dict[int, str]
    #: (id, nummer, korte_naam) op nummer
    ambities: list[Any]
    #: wijk_id → {ambitie_id: ambitiescore}
    scores: dict[int, dict[int, float]]
    sommen: dict[int, _Sommen]
    doelen: dict[int, Doelstellingstatus]


def _basis(sessie: Session, jaar: int, peildatum: dt.date, delen: frozenset[str] = DELEN) -> _Basis:
    """De cijfers per wijk voor ``jaar`` op ``peildatum`` (alleen ``delen``): hooguit vier queries (wijken met
    budget/maatregelen/meldingen, ambities, ambitiescores, doelstellingen), hoeveel wijken er ook zijn.
    Wijken, werkwijzen en kaart van :func:`vergelijking` delen één basis."""
    werkwijze: dict[int, str] = {}
    sommen: dict[int, _Sommen] = {}
    for r in sessie.execute(_sommen_select(jaar, peildatum, delen)):
        werkwijze[int(r.wijk_id)] = r.werkwijze
        s = sommen[int(r.wijk_id)] = _Sommen(wijken=1)
        if "budget" in delen:
            s.oormerk, s.uitgaven = float(r.oormerk or 0.0), float(r.uitgaven or 0.0)
        if "maatregelen" in delen:
            s.maatregelen = int(r.maatregelen or 0)
            s.voortgang_som = None if r.voortgang_som is None else float(r.voortgang_som)
            s.achter = int(r.achter or 0)
        if "meldingen" in delen:
            s.meldingen = int(r.meldingen or 0)
            s.inwoners = None if r.inwoners is None else int(r.inwoners)
            s.meldingen_met_inwoners = s.meldingen if s.inwoners is not None else 0
    ambities: list[Any] = []
    scores: dict[int, dict[int, float]] = {}
    if "scores" in delen:
        ambities = sessie.execute(
            select(Ambitie.id, Ambitie.nummer, Ambitie.korte_naam).order_by(Ambitie.nummer)
        ).all()
        for r in sessie.execute(ambitiescores_select(jaar, peildatum)):
            scores.setdefault(int(r.wijk_id), {})[int(r.ambitie_id)] = float(r.waardering)
        for wijk_id, per_ambitie in scores.items():
            if wijk_id in sommen:
                sommen[wijk_id].score_som = math.fsum(per_ambitie.values())
                sommen[wijk_id].score_aantal = len(per_ambitie)
    doelen = _doelstellingen_per_wijk(sessie, jaar, peildatum) if "doelen" in delen else {}
    return _Basis(werkwijze, ambities, scores, sommen, doelen)


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


def _maten_per_wijk(sessie: Session, jaar: int, peildatum: dt.date, delen: frozenset[str] = DELEN
                    ) -> dict[int, Maten]:
    basis = _basis(sessie, jaar, peildatum, delen)
    return {
        wijk_id: _maten(s, basis.doelen.get(wijk_id, Doelstellingstatus())) for wijk_id, s in basis.sommen.items()
    }


def maten_per_wijk(sessie: Session, jaar: int, vandaag: dt.date) -> dict[int, Maten]:
    """De maten van elke wijk (sleutel ``Wijk.id``), in een vast aantal queries."""
    return _maten_per_wijk(sessie, jaar, peildatum_voor_jaar(jaar, vandaag))


def _scores(ambities: Sequence[Any], per_ambitie: dict[int, float]) -> tuple[AmbitieScore, ...]:
    return tuple(AmbitieScore(a.nummer, a.korte_naam, per_ambitie.get(a.id)) for a in ambities)


def _wijken_uit_basis(sessie: Session, slugs: Sequence[str], basis: _Basis) -> list[WijkVergelijking]:
    wijken = {r.slug: r for r in sessie.execute(_wijk_opties_select().where(Wijk.slug.in_(list(slugs))))}
    gekozen = [wijken[s] for s in dict.fromkeys(slugs) if s in wijken]
    return [
        WijkVergelijking(
            slug=w.slug,
            naam=w.naam,
            stadsdeel=w.stadsdeel,
            werkwijze=w.werkwijze,
            ambitiescores=_scores(basis.ambities, basis.scores.get(w.id, {})),
            maten=_maten(basis.sommen.get(w.id, _Sommen(wijken=1)), basis.doelen.get(w.id, Doelstellingstatus())),
        )
        for w in gekozen
    ]


def _werkwijzen_uit_basis(sessie: Session, basis: _Basis) -> list[WerkwijzeVergelijking]:
    sommen: dict[str, _Sommen] = {}
    doelen: dict[str, list[Doelstellingstatus]] = {}
    scores: dict[str, dict[int, list[float]]] = {}
    for wijk_id, code in basis.werkwijze.items():
        sommen.setdefault(code, _Sommen()).tel_op(basis.sommen[wijk_id])
        if wijk_id in basis.doelen:
            doelen.setdefault(code, []).append(basis.doelen[wijk_id])
        for ambitie_id, score in basis.scores.get(wijk_id, {}).items():
            scores.setdefault(code, {}).setdefault(ambitie_id, []).append(score)
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
            aantal = rij.wijken
        gemiddeld = {a: math.fsum(w) / len(w) for a, w in scores.get(code, {}).items()}
        uit.append(WerkwijzeVergelijking(code, namen[code], aantal, maten, _scores(basis.ambities, gemiddeld)))
    return uit


@gecachet
def vergelijk_wijken(sessie: Session, slugs: Sequence[str], jaar: int, vandaag: dt.date) -> list[WijkVergelijking]:
    """De gekozen wijken in de volgorde van ``slugs`` (onbekende slugs vallen weg)."""
    if not slugs:
        return []
    return _wijken_uit_basis(sessie, slugs, _basis(sessie, jaar, peildatum_voor_jaar(jaar, vandaag)))


@gecachet
def vergelijk_werkwijzen(sessie: Session, jaar: int, vandaag: dt.date) -> list[WerkwijzeVergelijking]:
    """De werkwijzen (in de volgorde WOP, AWA, SHR van het model), elk over al haar wijken.
    Een werkwijze zonder wijken staat erin met 0 wijken en lege maten."""
    return _werkwijzen_uit_basis(sessie, _basis(sessie, jaar, peildatum_voor_jaar(jaar, vandaag)))


@dataclass(frozen=True, slots=True)
class Vergelijking:
    """Alles van ``/vergelijk`` in één keer: de gekozen wijken, de werkwijzen en de maten van elke wijk (voor de
    kaart, :func:`datalaag.kaart.kaartgegevens_uit_maten`)."""

    wijken: list[WijkVergelijking]
    werkwijzen: list[WerkwijzeVergelijking]
    maten: dict[int, Maten]


@gecachet
def vergelijking(sessie: Session, slugs: Sequence[str], jaar: int, vandaag: dt.date) -> Vergelijking:
    """:func:`vergelijk_wijken`, :func:`vergelijk_werkwijzen` en :func:`maten_per_wijk` samen, met dezelfde
    uitkomsten, uit één basis (vijf queries plus de namen in plaats van drie keer de basis)."""
    basis = _basis(sessie, jaar, peildatum_voor_jaar(jaar, vandaag))
    return Vergelijking(
        wijken=_wijken_uit_basis(sessie, slugs, basis) if slugs else [],
        werkwijzen=_werkwijzen_uit_basis(sessie, basis),
        maten={w: _maten(s, basis.doelen.get(w, Doelstellingstatus())) for w, s in basis.sommen.items()},
    )
