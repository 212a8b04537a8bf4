"""Leesqueries voor ``/budget``: oormerk tegen uitgaven per wijk en jaar, per budgetpost, de trend
over de jaren en de uitgaven van één budgetpost.

De definities komen uit :mod:`datalaag.afgeleid` (``oormerk_voor_jaar_sql``,
``budget_per_wijk_select``, ``budgetbenutting``, ``uitgave_in_jaar_sql``) en de grenzen voor de
vlaggen uit :mod:`datalaag.signalen` (``LAATSTE_KWARTAAL_VANAF_MAAND``,
``ONDERBESTEDING_GRENS``), zodat de pagina hetzelfde zegt als de signalen op het overzicht.

Keuzes:

- *Oormerk in een jaar*: het deel van elk oormerk dat aan dat jaar wordt toegerekend (een oormerk
  over meerdere jaren gelijk verdeeld). *Uitgaven in een jaar*: gedateerd in dat jaar.
- Met een filter op ``bron`` tellen alleen de oormerken van die bron en de uitgaven op
  budgetposten van die oormerken; zonder filter alle uitgaven van de wijk (ook die alleen aan een
  maatregel hangen), precies als ``budget_per_wijk_select``.
- Vlag ``overbesteed``: benutting > 100%, of uitgaven zonder oormerk. Vlag ``onderbesteed``: de
  peildatum van het jaar valt op of na 1 oktober en de benutting is < 50%.
- De uitsplitsing per budgetpost toont elk oormerk dat in het jaar loopt met zijn VOLLEDIGE bedrag
  en periode (De Riet: € 2.000.000, 2008–2011), met per post de uitgaven in het jaar, de uitgaven
  tot en met het jaar (t/m de peildatum) en de rest (bedrag − uitgegeven t/m het jaar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    budget_per_wijk_select,
    budgetbenutting,
    oormerk_voor_jaar_sql,
    peildatum_voor_jaar,
    uitgave_in_jaar_sql,
)
from datalaag.cache import gecachet
from datalaag.models import (
    OORMERK_BRONNEN,
    Budgetpost,
    Maatregel,
    Oormerk,
    Uitgave,
    Wijk,
)
from datalaag.signalen import LAATSTE_KWARTAAL_VANAF_MAAND, ONDERBESTEDING_GRENS

__all__ = [
    "BRON_LABELS",
    "OVERBESTEED",
    "ONDERBESTEED",
    "VLAG_LABELS",
    "BudgetpostRegel",
    "BudgetpostUitgaven",
    "JaarBudget",
    "OormerkRegels",
    "WijkBudget",
    "budget_jaren",
    "budget_per_wijk",
    "budget_trend",
    "budget_vlag",
    "budgetpost_rijen",
    "budgetposten",
    "periode_tekst",
    "totaalrij",
    "uitgaven_van_budgetpost",
    "wijkkeuzes",
]

#: Nederlandse namen van de bronnen van een oormerk, in de volgorde van het model.
BRON_LABELS: dict[str, str] = {
    "stadsdeelbudget": "Stadsdeelbudget",
    "rijksgelden_wijkenaanpak": "Rijksgelden wijkenaanpak",
    "gsb": "GSB",
    "regulier": "Regulier",
}
assert tuple(BRON_LABELS) == OORMERK_BRONNEN

OVERBESTEED = "overbesteed"
ONDERBESTEED = "onderbesteed"
VLAG_LABELS: dict[str, str] = {OVERBESTEED: "Overbesteed", ONDERBESTEED: "Onderbesteed"}


def budget_vlag(oormerk: float, uitgaven: float, benutting: float | None, peildatum: dt.date) -> str | None:
    """``overbesteed`` (benutting > 100%, of uitgaven zonder oormerk), ``onderbesteed`` (peildatum
    in het laatste kwartaal en benutting < 50%) of ``None``."""
    if benutting is None:
        return OVERBESTEED if uitgaven > 0 and oormerk <= 0 else None
    if benutting > 1:
        return OVERBESTEED
    if peildatum.month >= LAATSTE_KWARTAAL_VANAF_MAAND and benutting < ONDERBESTEDING_GRENS:
        return ONDERBESTEED
    return None


def periode_tekst(jaar_van: int, jaar_tot: int) -> str:
    """``'2008–2011'`` of ``'2026'``."""
    return str(jaar_van) if jaar_van == jaar_tot else f"{jaar_van}–{jaar_tot}"


# --------------------------------------------------------------------------- keuzes


@gecachet
def wijkkeuzes(sessie: Session) -> list[tuple[str, str]]:
    """(slug, naam) van alle wijken, op naam."""
    rijen = sessie.execute(select(Wijk.slug, Wijk.naam)).all()
    return sorted(((r.slug, r.naam) for r in rijen), key=lambda w: (w[1].casefold(), w[1]))


@gecachet
def budget_jaren(sessie: Session) -> list[int]:
    """Alle jaren van het eerste tot het laatste jaar met een oormerk of een uitgave, oplopend."""
    uitgave_jaar = cast(extract("year", Uitgave.datum), Integer)
    rij = sessie.execute(
        select(
            select(func.min(Oormerk.jaar_van)).scalar_subquery(),
            select(func.max(Oormerk.jaar_tot)).scalar_subquery(),
            select(func.min(uitgave_jaar)).scalar_subquery(),
            select(func.max(uitgave_jaar)).scalar_subquery(),
        )
    ).one()
    onder = [j for j in (rij[0], rij[2]) if j is not None]
    boven = [j for j in (rij[1], rij[3]) if j is not None]
    if not onder:
        return []
    return list(range(int(min(onder)), int(max(boven)) + 1))


# --------------------------------------------------------------------------- per wijk


@dataclass(frozen=True, slots=True)
class WijkBudget:
    """Budget van één wijk in één jaar (toegerekend oormerk, uitgaven in het jaar)."""

    slug: str
    naam: str
    oormerk: float
    #: oormerk per bron (sleutel uit ``BRON_LABELS``); bronnen zonder oormerk ontbreken
    per_bron: dict[str, float]
    uitgaven: float
    budgetbenutting: float | None
    #: de budgethouders van de oormerken van dit jaar, op naam
    budgethouders: tuple[str, ...]
    vlag: str | None

    def als_rij(self) -> dict[str, Any]:
        """Rij voor de tabel en de export."""
        return {
            "wijk": self.naam,
            "slug": self.slug,
            "budgethouder": ", ".join(self.budgethouders),
            **{f"bron_{b}": self.per_bron.get(b) for b in BRON_LABELS},
            "oormerk": self.oormerk,
            "uitgaven": self.uitgaven,
            "benutting": self.budgetbenutting,
            "vlag": VLAG_LABELS.get(self.vlag or "", ""),
        }


def _geldig_in(jaar: int):
    return and_(Oormerk.jaar_van <= jaar, Oormerk.jaar_tot >= jaar)


@gecachet
def budget_per_wijk(
    sessie: Session, jaar: int, vandaag: dt.date, bron: str | None = None, wijk: str | None = None
) -> list[WijkBudget]:
    """Per wijk (alle wijken, of alleen ``wijk``): oormerk (per bron), uitgaven, benutting,
    budgethouders en vlag in ``jaar``. Twee queries: de totalen en de uitsplitsing per bron en
    budgethouder."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    if bron is None:
        totalen = budget_per_wijk_select(jaar).subquery("budget")
        q = select(Wijk.id, Wijk.slug, Wijk.naam, totalen.c.oormerk, totalen.c.uitgaven).join(
            totalen, totalen.c.wijk_id == Wijk.id
        )
    else:
        oormerken = (
            select(Oormerk.wijk_id.label("wijk_id"), func.sum(oormerk_voor_jaar_sql(jaar)).label("bedrag"))
            .where(_geldig_in(jaar), Oormerk.bron == bron)
            .group_by(Oormerk.wijk_id)
            .subquery("oormerken")
        )
        uitgaven = (
            select(Uitgave.wijk_id.label("wijk_id"), func.sum(cast(Uitgave.bedrag, Float)).label("bedrag"))
            .join(Budgetpost, Budgetpost.id == Uitgave.budgetpost_id)
            .join(Oormerk, Oormerk.id == Budgetpost.oormerk_id)
            .where(uitgave_in_jaar_sql(jaar), Oormerk.bron == bron)
            .group_by(Uitgave.wijk_id)
            .subquery("uitgaven")
        )
        nul = literal(0.0, Float)
        q = (
            select(
                Wijk.id,
                Wijk.slug,
                Wijk.naam,
                func.coalesce(oormerken.c.bedrag, nul).label("oormerk"),
                func.coalesce(uitgaven.c.bedrag, nul).label("uitgaven"),
            )
            .outerjoin(oormerken, oormerken.c.wijk_id == Wijk.id)
            .outerjoin(uitgaven, uitgaven.c.wijk_id == Wijk.id)
        )
    if wijk is not None:
        q = q.where(Wijk.slug == wijk)
    totaal_rijen = sessie.execute(q).all()

    splits = select(
        Oormerk.wijk_id, Oormerk.bron, Oormerk.budgethouder, func.sum(oormerk_voor_jaar_sql(jaar)).label("bedrag")
    ).where(_geldig_in(jaar))
    if bron is not None:
        splits = splits.where(Oormerk.bron == bron)
    if wijk is not None:
        splits = splits.join(Wijk, Wijk.id == Oormerk.wijk_id).where(Wijk.slug == wijk)
    per_bron: dict[int, dict[str, float]] = {}
    houders: dict[int, set[str]] = {}
    for r in sessie.execute(splits.group_by(Oormerk.wijk_id, Oormerk.bron, Oormerk.budgethouder)).all():
        bronnen = per_bron.setdefault(r.wijk_id, {})
        bronnen[r.bron] = bronnen.get(r.bron, 0.0) + float(r.bedrag)
        houders.setdefault(r.wijk_id, set()).add(r.budgethouder)

    uit: list[WijkBudget] = []
    for r in totaal_rijen:
        oormerk, uitgegeven = float(r.oormerk), float(r.uitgaven)
        benutting = budgetbenutting(uitgegeven, oormerk)
        uit.append(
            WijkBudget(
                slug=r.slug,
                naam=r.naam,
                oormerk=oormerk,
                per_bron=per_bron.get(r.id, {}),
                uitgaven=uitgegeven,
                budgetbenutting=benutting,
                budgethouders=tuple(sorted(houders.get(r.id, ()), key=str.casefold)),
                vlag=budget_vlag(oormerk, uitgegeven, benutting, peildatum),
            )
        )
    return sorted(uit, key=lambda w: (w.naam.casefold(), w.naam))


# --------------------------------------------------------------------------- per budgetpost


@dataclass(frozen=True, slots=True)
class BudgetpostRegel:
    id: int
    naam: str
    bedrag: float
    uitgegeven_in_jaar: float
    uitgegeven_tm_jaar: float

    @property
    def rest(self) -> float:
        return self.bedrag - self.uitgegeven_tm_jaar


@dataclass(frozen=True, slots=True)
class OormerkRegels:
    """Een oormerk dat in het jaar loopt, met zijn volledige bedrag en zijn budgetposten op volgorde."""

    id: int
    naam: str
    jaar_van: int
    jaar_tot: int
    bron: str
    bedrag: float
    budgethouder: str
    posten: tuple[BudgetpostRegel, ...]

    @property
    def periode(self) -> str:
        return periode_tekst(self.jaar_van, self.jaar_tot)

    @property
    def bron_label(self) -> str:
        return BRON_LABELS.get(self.bron, self.bron)


@gecachet
def budgetposten(sessie: Session, wijk: str, jaar: int, vandaag: dt.date, bron: str | None = None) -> list[OormerkRegels]:
    """De oormerken van wijk ``wijk`` (slug) die in ``jaar`` lopen, elk met zijn budgetposten in de
    volgorde van de begroting. Eén query."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    tm = min(peildatum, dt.date(jaar, 12, 31))
    in_jaar = uitgave_in_jaar_sql(jaar)
    bedrag = cast(Uitgave.bedrag, Float)
    nul = literal(0.0, Float)
    q = (
        select(
            Oormerk.id.label("oormerk_id"),
            Oormerk.naam.label("oormerk_naam"),
            Oormerk.jaar_van,
            Oormerk.jaar_tot,
            Oormerk.bron,
            cast(Oormerk.bedrag, Float).label("oormerk_bedrag"),
            Oormerk.budgethouder,
            Budgetpost.id.label("post_id"),
            Budgetpost.naam.label("post_naam"),
            cast(Budgetpost.bedrag, Float).label("post_bedrag"),
            Budgetpost.volgorde,
            func.coalesce(func.sum(case((in_jaar, bedrag), else_=nul)), nul).label("in_jaar"),
            func.coalesce(func.sum(case((Uitgave.datum <= tm, bedrag), else_=nul)), nul).label("tm_jaar"),
        )
        .join(Wijk, Wijk.id == Oormerk.wijk_id)
        .outerjoin(Budgetpost, Budgetpost.oormerk_id == Oormerk.id)
        .outerjoin(Uitgave, Uitgave.budgetpost_id == Budgetpost.id)
        .where(Wijk.slug == wijk, _geldig_in(jaar))
        .group_by(
            Oormerk.id, Oormerk.naam, Oormerk.jaar_van, Oormerk.jaar_tot, Oormerk.bron, Oormerk.bedrag,
            Oormerk.budgethouder, Budgetpost.id, Budgetpost.naam, Budgetpost.bedrag, Budgetpost.volgorde,
        )
        .order_by(Oormerk.jaar_van, Oormerk.id, Budgetpost.volgorde, Budgetpost.id)
    )
    if bron is not None:
        q = q.where(Oormerk.bron == bron)
    oormerken: dict[int, dict[str, Any]] = {}
    for r in sessie.execute(q).all():
        om = oormerken.setdefault(
            r.oormerk_id,
            {
                "id": r.oormerk_id, "naam": r.oormerk_naam, "jaar_van": r.jaar_van, "jaar_tot": r.jaar_tot,
                "bron": r.bron, "bedrag": float(r.oormerk_bedrag), "budgethouder": r.budgethouder, "posten": [],
            },
        )
        if r.post_id is not None:
            om["posten"].append(
                BudgetpostRegel(r.post_id, r.post_naam, float(r.post_bedrag), float(r.in_jaar), float(r.tm_jaar))
            )
    return [OormerkRegels(**{**om, "posten": tuple(om["posten"])}) for om in oormerken.values()]


def budgetpost_rijen(oormerken: list[OormerkRegels]) -> list[dict[str, Any]]:
    """De regels van :func:`budgetposten` als tabelrijen, zonder totaalregel."""
    return [
        {
            "budgetpost_id": p.id,
            "oormerk": om.naam,
            "periode": om.periode,
            "bron": om.bron_label,
            "post": p.naam,
            "bedrag": p.bedrag,
            "uitgegeven_in_jaar": p.uitgegeven_in_jaar,
            "uitgegeven_tm_jaar": p.uitgegeven_tm_jaar,
            "rest": p.rest,
        }
        for om in oormerken
        for p in om.posten
    ]


def totaalrij(rijen: list[dict[str, Any]]) -> dict[str, Any]:
    """De regel "Totaal" onder de budgetposten (som van de bedragvelden)."""
    velden = ("bedrag", "uitgegeven_in_jaar", "uitgegeven_tm_jaar", "rest")
    return {"post": "Totaal", **{v: sum(r[v] for r in rijen) for v in velden}}


# --------------------------------------------------------------------------- trend


@dataclass(frozen=True, slots=True)
class JaarBudget:
    jaar: int
    oormerk: float
    uitgaven: float
    budgetbenutting: float | None


@gecachet
def budget_trend(
    sessie: Session, jaren: list[int], wijk: str | None = None, bron: str | None = None
) -> list[JaarBudget]:
    """Oormerk (toegerekend) en uitgaven per jaar voor de stad of één wijk (slug). Twee queries: de
    oormerken (één ``UNION ALL`` over de jaren) en de uitgaven gegroepeerd per jaar."""
    if not jaren:
        return []
    delen = []
    for jaar in jaren:
        deel = select(literal(jaar, Integer).label("jaar"), oormerk_voor_jaar_sql(jaar).label("bedrag")).where(
            _geldig_in(jaar)
        )
        if wijk is not None:
            deel = deel.join(Wijk, Wijk.id == Oormerk.wijk_id).where(Wijk.slug == wijk)
        if bron is not None:
            deel = deel.where(Oormerk.bron == bron)
        delen.append(deel)
    toegerekend = union_all(*delen).subquery("toegerekend")
    oormerk_per_jaar = {
        int(j): float(b)
        for j, b in sessie.execute(
            select(toegerekend.c.jaar, func.sum(toegerekend.c.bedrag)).group_by(toegerekend.c.jaar)
        ).all()
    }

    uitgave_jaar = cast(extract("year", Uitgave.datum), Integer)
    q = select(uitgave_jaar.label("jaar"), func.sum(cast(Uitgave.bedrag, Float))).where(
        Uitgave.datum >= dt.date(jaren[0], 1, 1), Uitgave.datum <= dt.date(jaren[-1], 12, 31)
    )
    if wijk is not None:
        q = q.join(Wijk, Wijk.id == Uitgave.wijk_id).where(Wijk.slug == wijk)
    if bron is not None:
        q = (
            q.join(Budgetpost, Budgetpost.id == Uitgave.budgetpost_id)
            .join(Oormerk, Oormerk.id == Budgetpost.oormerk_id)
            .where(Oormerk.bron == bron)
        )
    uitgaven_per_jaar = {int(j): float(b) for j, b in sessie.execute(q.group_by(uitgave_jaar)).all()}
    uit = []
    for jaar in jaren:
        oormerk, uitgaven = oormerk_per_jaar.get(jaar, 0.0), uitgaven_per_jaar.get(jaar, 0.0)
        uit.append(JaarBudget(jaar, oormerk, uitgaven, budgetbenutting(uitgaven, oormerk)))
    return uit


# --------------------------------------------------------------------------- uitgaven van een budgetpost


@dataclass(frozen=True, slots=True)
class BudgetpostUitgaven:
    """Eén budgetpost met zijn uitgaven (rijen voor de tabel: datum ISO, bedrag float)."""

    id: int
    naam: str
    bedrag: float
    oormerk: str
    periode: str
    wijk_slug: str
    wijk_naam: str
    rijen: tuple[dict[str, Any], ...]

    @property
    def uitgegeven(self) -> float:
        return sum(r["bedrag"] for r in self.rijen)


@gecachet
def uitgaven_van_budgetpost(sessie: Session, budgetpost_id: int) -> BudgetpostUitgaven | None:
    """De budgetpost met al zijn uitgaven (op datum); ``None`` als de post niet bestaat. Twee queries."""
    kop = sessie.execute(
        select(
            Budgetpost.id, Budgetpost.naam, cast(Budgetpost.bedrag, Float).label("bedrag"),
            Oormerk.naam.label("oormerk"), Oormerk.jaar_van, Oormerk.jaar_tot, Wijk.slug, Wijk.naam.label("wijk"),
        )
        .join(Oormerk, Oormerk.id == Budgetpost.oormerk_id)
        .join(Wijk, Wijk.id == Oormerk.wijk_id)
        .where(Budgetpost.id == budgetpost_id)
    ).one_or_none()
    if kop is None:
        return None
    rijen = sessie.execute(
        select(Uitgave.datum, cast(Uitgave.bedrag, Float).label("bedrag"), Uitgave.omschrijving,
               Maatregel.naam.label("maatregel"), Uitgave.kenmerk)
        .outerjoin(Maatregel, Maatregel.id == Uitgave.maatregel_id)
        .where(Uitgave.budgetpost_id == budgetpost_id)
        .order_by(Uitgave.datum, Uitgave.id)
    ).all()
    return BudgetpostUitgaven(
        id=kop.id,
        naam=kop.naam,
        bedrag=float(kop.bedrag),
        oormerk=kop.oormerk,
        periode=periode_tekst(kop.jaar_van, kop.jaar_tot),
        wijk_slug=kop.slug,
        wijk_naam=kop.wijk,
        rijen=tuple(
            {
                "datum": r.datum.isoformat(),
                "bedrag": float(r.bedrag),
                "omschrijving": r.omschrijving,
                "maatregel": r.maatregel or "",
                "kenmerk": r.kenmerk or "",
            }
            for r in rijen
        ),
    )
