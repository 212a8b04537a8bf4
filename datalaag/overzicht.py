"""Leesqueries voor de overzichtspagina ``/``: jaren, kerncijfers, wijk × ambitie-matrix en signalen.

Alle functies krijgen een open ``Session`` en tellen/sommeren in SQL; de definities van de
afgeleide cijfers komen uit :mod:`datalaag.afgeleid`. De cijfers van een jaar gelden op de
peildatum van dat jaar: 31-12 voor een verstreken jaar, ``vandaag`` voor het lopende jaar
(:func:`datalaag.afgeleid.peildatum_voor_jaar`).

Let op: statussen (van maatregelen, toezeggingen, evaluaties) zijn de huidige statussen; voor een
verstreken jaar is dat het beeld van nu toegepast op de peildatum van toen.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Float,
    cast,
    distinct,
    exists,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from datalaag.afgeleid import (
    achter_schema_sql,
    ambitiescore_bron,
    ambitiescores_select,
    binnen_norm,
    budgetbenutting,
    maatregel_lopend_sql,
    mediaan_uit_histogram,
    oormerk_voor_jaar_sql,
    peildatum_voor_jaar,
    plan_actief_sql,
    te_laat_sql,
    uitgave_in_jaar_sql,
)
from datalaag.cache import gecachet
from datalaag.models import (
    Ambitie,
    Evaluatie,
    Maatregel,
    Melding,
    Meting,
    Oormerk,
    Toezegging,
    Uitgave,
    Wijk,
    Wijkplan,
)
from datalaag.signalen import (
    MeldingRij,
    Signaal,
    afhandelnormen,
    meldingen_afhandeling,
    signalen,
    signalen_met,
)

__all__ = [
    "AmbitieMatrix",
    "Kpis",
    "Overzicht",
    "Signaal",
    "ambitie_matrix",
    "beschikbare_jaren",
    "kpis",
    "overzicht",
    "signalen",
]


@gecachet
def beschikbare_jaren(sessie: Session) -> list[int]:
    """Jaren waarin iets gemeten, geëvalueerd of gemeld is, oplopend.

    Zonder de grote tabellen (metingen, miljoenen meldingen) door te lopen: eerst het eerste en laatste
    moment (index), dan per jaar daartussen één ``EXISTS`` op een indexbereik. Twee queries plus die van de
    evaluaties, elk in milliseconden.
    """
    grenzen = sessie.execute(select(
        select(func.min(Meting.peildatum)).scalar_subquery(),
        select(func.max(Meting.peildatum)).scalar_subquery(),
        select(func.min(Melding.ontvangen_op)).scalar_subquery(),
        select(func.max(Melding.ontvangen_op)).scalar_subquery(),
    )).one()
    jaren = {int(j) for j in sessie.scalars(select(Evaluatie.jaar).distinct())}
    te_toetsen: list[tuple[int, Any]] = []
    for kolom, eerste, laatste, soort in ((Meting.peildatum, grenzen[0], grenzen[1], dt.date),
                                          (Melding.ontvangen_op, grenzen[2], grenzen[3], dt.datetime)):
        if eerste is None or laatste is None:
            continue
        eerste, laatste = _als_datum(eerste), _als_datum(laatste)
        jaren.update({eerste.year, laatste.year})
        for jaar in range(eerste.year + 1, laatste.year):
            if jaar in jaren:
                continue
            begin, eind = (dt.date(jaar, 1, 1), dt.date(jaar + 1, 1, 1)) if soort is dt.date else (
                dt.datetime(jaar, 1, 1), dt.datetime(jaar + 1, 1, 1))
            te_toetsen.append((jaar, exists().where(kolom >= begin, kolom < eind)))
    if te_toetsen:
        rij = sessie.execute(select(*(e for _, e in te_toetsen))).one()
        jaren.update(jaar for (jaar, _), aanwezig in zip(te_toetsen, rij, strict=True) if aanwezig)
    return sorted(jaren)


def _als_datum(waarde: Any) -> dt.date:
    """min()/max() van een datumkolom: op SQLite soms tekst."""
    if isinstance(waarde, dt.datetime | dt.date):
        return waarde
    return dt.date.fromisoformat(str(waarde)[:10])


# --------------------------------------------------------------------------- kerncijfers


@dataclass(frozen=True, slots=True)
class Kpis:
    """Stadsbrede kerncijfers voor ``jaar`` op ``peildatum``."""

    jaar: int
    peildatum: dt.date
    wijken_totaal: int
    #: wijken met een in ``jaar`` actief plan (status vastgesteld of geëvalueerd)
    wijken_vastgesteld: int
    #: gemiddelde over alle wijk × ambitie-scores op de peildatum
    gemiddelde_ambitiescore: float | None
    oormerk: float
    uitgaven: float
    budgetbenutting: float | None
    #: maatregelen van actieve plannen met status in_uitvoering of vertraagd
    maatregelen_lopend: int
    #: maatregelen van actieve plannen achter schema op de peildatum
    maatregelen_achter_schema: int
    #: meldingen open op de peildatum
    meldingen_open: int
    #: mediaan afhandeltijd (werkdagen) van de meldingen afgehandeld in ``jaar`` (tot de peildatum)
    afhandeltijd_mediaan: float | None
    #: aandeel 0..1 daarvan binnen de norm van hun categorie (meldingen zonder norm tellen niet mee)
    meldingen_binnen_norm: float | None
    #: toezeggingen met status open, gedaan uiterlijk op de peildatum
    toezeggingen_open: int
    #: daarvan met de termijn vóór de peildatum
    toezeggingen_te_laat: int


def _telling(*voorwaarden: Any, tabel: Any) -> ScalarSelect[int]:
    return select(func.count()).select_from(tabel).where(*voorwaarden).scalar_subquery()


@gecachet
def kpis(sessie: Session, jaar: int, vandaag: dt.date) -> Kpis:
    """De kerncijfers van het overzicht. Twee queries: één rij met alle tellingen en sommen
    (scalaire subqueries), en het histogram van afhandeltijden voor mediaan en norm."""
    return _kpis(sessie, jaar, vandaag, None)


def _kpis(sessie: Session, jaar: int, vandaag: dt.date, meldingen: list[MeldingRij] | None) -> Kpis:
    """:func:`kpis`; ``meldingen``: de al gelezen :func:`~datalaag.signalen.meldingen_afhandeling` (het overzicht
    leest die één keer voor de kerncijfers en het signaal over de afhandelnorm)."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    if meldingen is None:
        meldingen = meldingen_afhandeling(sessie, jaar, peildatum)
    scores = ambitiescores_select(jaar, peildatum).subquery("scores")
    actieve_plannen = select(Wijkplan.id).where(plan_actief_sql(jaar))
    nul = literal(0.0, Float)
    rij = sessie.execute(
        select(
            _telling(tabel=Wijk).label("wijken_totaal"),
            select(func.count(distinct(Wijkplan.wijk_id)))
            .where(plan_actief_sql(jaar))
            .scalar_subquery()
            .label("wijken_vastgesteld"),
            select(func.avg(scores.c.waardering)).scalar_subquery().label("gemiddelde_ambitiescore"),
            select(func.coalesce(func.sum(oormerk_voor_jaar_sql(jaar)), nul))
            .where(Oormerk.jaar_van <= jaar, Oormerk.jaar_tot >= jaar)
            .scalar_subquery()
            .label("oormerk"),
            select(func.coalesce(func.sum(cast(Uitgave.bedrag, Float)), nul))
            .where(uitgave_in_jaar_sql(jaar))
            .scalar_subquery()
            .label("uitgaven"),
            _telling(Maatregel.wijkplan_id.in_(actieve_plannen), maatregel_lopend_sql(), tabel=Maatregel).label(
                "maatregelen_lopend"
            ),
            _telling(Maatregel.wijkplan_id.in_(actieve_plannen), achter_schema_sql(peildatum), tabel=Maatregel).label(
                "maatregelen_achter_schema"
            ),
            _telling(Toezegging.status == "open", Toezegging.datum <= peildatum, tabel=Toezegging).label(
                "toezeggingen_open"
            ),
            _telling(te_laat_sql(peildatum), Toezegging.datum <= peildatum, tabel=Toezegging).label(
                "toezeggingen_te_laat"
            ),
        )
    ).one()

    # Afhandeltijden van de meldingen afgehandeld in het jaar (tot de peildatum), uit de gedeelde query van
    # open en afgehandelde meldingen (een bitmap-indexscan, geen volledige tabelscan).
    histogram: dict[int, int] = {}
    met_norm = binnen = 0
    for r in meldingen:
        if r.soort != "tijd" or not r.afgehandeld or r.afhandeltijd_werkdagen is None:
            continue
        tijd = r.afhandeltijd_werkdagen
        histogram[tijd] = histogram.get(tijd, 0) + r.afgehandeld
        if r.norm is not None:
            met_norm += r.afgehandeld
            if binnen_norm(tijd, r.norm):
                binnen += r.afgehandeld

    oormerk = float(rij.oormerk)
    uitgaven = float(rij.uitgaven)
    gemiddelde = rij.gemiddelde_ambitiescore
    return Kpis(
        jaar=jaar,
        peildatum=peildatum,
        wijken_totaal=int(rij.wijken_totaal),
        wijken_vastgesteld=int(rij.wijken_vastgesteld),
        gemiddelde_ambitiescore=None if gemiddelde is None else float(gemiddelde),
        oormerk=oormerk,
        uitgaven=uitgaven,
        budgetbenutting=budgetbenutting(uitgaven, oormerk),
        maatregelen_lopend=int(rij.maatregelen_lopend),
        maatregelen_achter_schema=int(rij.maatregelen_achter_schema),
        # Open meldingen: uit dezelfde query als de afhandeltijden (die leest alle open meldingen al).
        meldingen_open=sum(r.open for r in meldingen if r.soort == "wijk"),
        afhandeltijd_mediaan=mediaan_uit_histogram(histogram),
        meldingen_binnen_norm=(binnen / met_norm) if met_norm else None,
        toezeggingen_open=int(rij.toezeggingen_open),
        toezeggingen_te_laat=int(rij.toezeggingen_te_laat),
    )


# --------------------------------------------------------------------------- wijk × ambitie


@dataclass(frozen=True, slots=True)
class AmbitieMatrix:
    """Ambitiescores per wijk (rijen, op naam) en ambitie (kolommen, op nummer)."""

    ambities: list[tuple[int, str]]  # (nummer, korte_naam)
    wijken: list[tuple[str, str]]  # (slug, naam)
    scores: list[list[float | None]]  # [wijk][ambitie]
    bronnen: list[list[str | None]]  # bijv. 'evaluatie (vastgesteld) 2025'
    stadsgemiddelde: list[float | None]  # per ambitie: gemiddelde van de bestaande wijkscores


@gecachet
def ambitie_matrix(sessie: Session, jaar: int, vandaag: dt.date) -> AmbitieMatrix:
    """De heatmap van het overzicht: de *ambitiescore* van elke wijk per ambitie op de peildatum
    van ``jaar``, met de bron en het stadsgemiddelde per ambitie. Wijken staan op naam
    (hoofdletterongevoelig, in Python gesorteerd zodat SQLite en PostgreSQL dezelfde volgorde geven)."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    ambities = sessie.execute(select(Ambitie.id, Ambitie.nummer, Ambitie.korte_naam).order_by(Ambitie.nummer)).all()
    wijken = sorted(
        sessie.execute(select(Wijk.id, Wijk.slug, Wijk.naam)).all(), key=lambda w: (w.naam.casefold(), w.naam)
    )
    scores = {(r.wijk_id, r.ambitie_id): r for r in sessie.execute(ambitiescores_select(jaar, peildatum)).all()}
    # Het stadsgemiddelde per ambitie uit dezelfde rijen (niet nog eens de hele ambitiescore-query).
    per_ambitie: dict[int, list[float]] = {}
    for r in scores.values():
        per_ambitie.setdefault(r.ambitie_id, []).append(float(r.waardering))
    gemiddelden = {a: math.fsum(w) / len(w) for a, w in per_ambitie.items()}

    matrix: list[list[float | None]] = []
    bronnen: list[list[str | None]] = []
    for w in wijken:
        rij_scores: list[float | None] = []
        rij_bronnen: list[str | None] = []
        for a in ambities:
            r = scores.get((w.id, a.id))
            rij_scores.append(None if r is None else float(r.waardering))
            rij_bronnen.append(None if r is None else ambitiescore_bron(r.prioriteit, r.bron_jaar))
        matrix.append(rij_scores)
        bronnen.append(rij_bronnen)
    return AmbitieMatrix(
        ambities=[(a.nummer, a.korte_naam) for a in ambities],
        wijken=[(w.slug, w.naam) for w in wijken],
        scores=matrix,
        bronnen=bronnen,
        stadsgemiddelde=[None if gemiddelden.get(a.id) is None else float(gemiddelden[a.id]) for a in ambities],
    )


# --------------------------------------------------------------------------- alles voor de pagina


@dataclass(frozen=True, slots=True)
class Overzicht:
    """Alles van ``/`` behalve de kaart: kerncijfers, matrix en signalen."""

    kpis: Kpis
    matrix: AmbitieMatrix
    signalen: list[Signaal]


@gecachet
def overzicht(sessie: Session, jaar: int, vandaag: dt.date) -> Overzicht:
    """:func:`kpis`, :func:`ambitie_matrix` en :func:`signalen` met dezelfde uitkomsten, maar de meldingen (open en
    afgehandeld in het jaar) worden één keer gelezen voor de afhandeltijden én het signaal over de norm."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    normen = afhandelnormen(sessie)
    meldingen = meldingen_afhandeling(sessie, jaar, peildatum, normen)
    return Overzicht(
        kpis=_kpis(sessie, jaar, vandaag, meldingen),
        matrix=ambitie_matrix(sessie, jaar, vandaag),
        signalen=signalen_met(sessie, jaar, vandaag, (normen, meldingen)),
    )
