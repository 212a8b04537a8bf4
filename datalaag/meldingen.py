"""Leesqueries voor ``/meldingen``: aantallen (ook per 1.000 inwoners), afhandeltijd tegen de
norm, open meldingen over de norm, ernstige meldingen en de kerngroep, melding aan de
regiegroep, en de volledige lijst met paginering op de server.

Definities (allemaal uit :mod:`datalaag.afgeleid`, hier alleen toegepast):

- *Aantallen* gaan over meldingen **ontvangen** in ``jaar`` (met de filters wijk, categorie,
  status). Per 1.000 inwoners: :func:`afgeleid.per_1000` met ``WijkInwoners`` van dat jaar (per
  maand en per categorie: het inwonertal van de gekozen wijk, of van de hele stad).
- *Afhandeltijd* (mediaan, aandeel binnen de norm) gaat, net als op het overzicht, over meldingen
  **afgehandeld** in ``jaar`` tot en met de peildatum (filters wijk en categorie). Mediaan uit een
  histogram in SQL (:func:`afgeleid.mediaan_uit_histogram`); binnen de norm: :func:`afgeleid.binnen_norm`.
  Meldingen van een categorie zonder norm tellen niet mee in het aandeel binnen de norm.
- *Open en over de norm*: open op de peildatum (:func:`afgeleid.melding_open_sql`) en over de norm
  (:func:`afgeleid.melding_over_norm_sql`), ongeacht het jaar van ontvangst (filters wijk, categorie).
- *Gemeld aan de regiegroep*: van de meldingen ontvangen in ``jaar`` die op de peildatum al
  ``REGIEGROEP_MELDTERMIJN_DAGEN`` dagen binnen zijn, het deel dat niet *niet gemeld* is
  (:func:`afgeleid.melding_niet_gemeld_sql`).
- De statusfilter gebruikt de huidige status van de melding; ``over_norm`` = open op de peildatum
  en over de norm.

De lijst (:func:`meldingen_pagina`) sorteert en filtert in SQL. Sorteer- en filterkolommen komen
uit een vaste lijst (:data:`LIJST_KOLOMMEN`); een onbekende kolom of filtersoort geeft
:class:`OngeldigVerzoek`. Gebruikerswaarden gaan alleen als gebonden parameters de query in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    extract,
    func,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from datalaag.afgeleid import (
    REGIEGROEP_MELDTERMIJN_DAGEN,
    binnen_norm,
    mediaan_uit_histogram,
    melding_afgehandeld_sql,
    melding_niet_gemeld_sql,
    melding_open_sql,
    melding_over_norm_sql,
    peildatum_voor_jaar,
    per_1000,
    werkdagen_tussen,
)
from datalaag.cache import gecachet
from datalaag.models import (
    MELDING_CATEGORIEEN,
    MELDING_STATUSSEN,
    Afhandelnorm,
    Melding,
    Wijk,
    WijkInwoners,
)

#: Leesbare namen van de categorieën (volgorde van het model).
CATEGORIE_LABELS: dict[str, str] = {
    "schoon": "Schoon",
    "heel": "Heel",
    "veilig": "Veilig",
    "overlast": "Overlast",
    "sociaal": "Sociaal",
    "overig": "Overig",
}
#: Keuzes van de statusfilter: de statussen van het model plus ``over_norm``.
STATUS_LABELS: dict[str, str] = {
    "open": "Open",
    "in_behandeling": "In behandeling",
    "afgehandeld": "Afgehandeld",
    "over_norm": "Open en over de norm",
}
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
#: Een export bevat hooguit zoveel rijen (bij miljoenen meldingen: eerst filteren).
MAX_EXPORT_RIJEN = 100_000


class OngeldigVerzoek(ValueError):
    """Sorteer- of filterverzoek met een onbekende kolom, richting of filtersoort."""


# --------------------------------------------------------------------------- filter


@dataclass(frozen=True, slots=True)
class MeldingFilter:
    """De filters uit de URL, al gecontroleerd: ``wijk`` is een slug (of None = alle wijken)."""

    jaar: int
    wijk: str | None = None
    categorie: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class MeldingKeuzes:
    jaren: list[int]
    wijken: list[tuple[str, str]]  # (slug, naam), op naam


@gecachet
def filterkeuzes(sessie: Session) -> MeldingKeuzes:
    """De jaren met meldingen (van het eerste tot het laatste ontvangstjaar; min/max via de index)
    en alle wijken op naam."""
    eerste, laatste = sessie.execute(select(func.min(Melding.ontvangen_op), func.max(Melding.ontvangen_op))).one()
    jaren = list(range(_als_datum(eerste).year, _als_datum(laatste).year + 1)) if eerste and laatste else []
    wijken = sorted(sessie.execute(select(Wijk.slug, Wijk.naam)).all(), key=lambda w: (w.naam.casefold(), w.naam))
    return MeldingKeuzes(jaren=jaren, wijken=[(w.slug, w.naam) for w in wijken])


def kies_filter(query: Mapping[str, Any], keuzes: MeldingKeuzes | None, vandaag: dt.date) -> MeldingFilter:
    """Zet de querystring om in een geldig :class:`MeldingFilter`. Ongeldige waarden vallen terug
    op de standaard (alle wijken/categorieën/statussen; het lopende jaar, of het laatste jaar met
    meldingen). Zonder ``keuzes`` wordt alleen de vorm gecontroleerd (een onbekende wijk geeft dan
    gewoon geen rijen)."""
    jaren = keuzes.jaren if keuzes else []
    standaard = vandaag.year if (not jaren or vandaag.year in jaren) else jaren[-1]
    try:
        jaar = int(str(query.get("jaar")))
    except (TypeError, ValueError):
        jaar = standaard
    if (jaren and jaar not in jaren) or not 1900 <= jaar <= 2200:
        jaar = standaard
    wijk = query.get("wijk") or None
    if wijk is not None and (not isinstance(wijk, str) or (keuzes and wijk not in {s for s, _ in keuzes.wijken})):
        wijk = None
    categorie = query.get("categorie") if query.get("categorie") in MELDING_CATEGORIEEN else None
    status = query.get("status") if query.get("status") in STATUS_LABELS else None
    return MeldingFilter(jaar=jaar, wijk=wijk, categorie=categorie, status=status)


def _als_datum(waarde: Any) -> dt.date:
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    return dt.date.fromisoformat(str(waarde)[:10])


def _normen(sessie: Session) -> dict[str, int]:
    return dict(sessie.execute(select(Afhandelnorm.categorie, Afhandelnorm.werkdagen)).all())


def _jaar_sql(jaar: int) -> ColumnElement[bool]:
    return and_(Melding.ontvangen_op >= dt.datetime(jaar, 1, 1), Melding.ontvangen_op < dt.datetime(jaar + 1, 1, 1))


def _wijk_sql(slug: str) -> ColumnElement[bool]:
    return Melding.wijk_id == select(Wijk.id).where(Wijk.slug == slug).scalar_subquery()


def _voorwaarden(f: MeldingFilter, peildatum: dt.date, normen: Mapping[str, int], *, jaar: bool = True,
                 status: bool = True) -> list[ColumnElement[bool]]:
    uit: list[ColumnElement[bool]] = []
    if jaar:
        uit.append(_jaar_sql(f.jaar))
    if f.wijk:
        uit.append(_wijk_sql(f.wijk))
    if f.categorie:
        uit.append(Melding.categorie == f.categorie)
    if status and f.status:
        if f.status == "over_norm":
            uit += [melding_open_sql(peildatum), melding_over_norm_sql(peildatum, normen)]
        elif f.status in MELDING_STATUSSEN:
            uit.append(Melding.status == f.status)
    return uit


# --------------------------------------------------------------------------- aantallen


@dataclass(frozen=True, slots=True)
class Aantal:
    """Een aantal meldingen met het inwonertal waartegen het per 1.000 is uitgerekend."""

    sleutel: str  # slug, maandnummer ('1'..'12') of categorie
    label: str
    aantal: int
    inwoners: int | None
    per_1000: float | None


@dataclass(frozen=True, slots=True)
class MeldingAantallen:
    jaar: int
    peildatum: dt.date
    totaal: int
    inwoners: int | None
    per_1000: float | None
    per_wijk: list[Aantal]
    per_maand: list[Aantal]
    per_categorie: list[Aantal]


@dataclass(frozen=True, slots=True)
class _Kubuscel:
    """Meldingen ontvangen in het jaar (met de filters), per wijk × maand × categorie: het aantal, de
    ernstige (en daarvan met de kerngroep), en die al te melden zijn aan de regiegroep (en niet gemeld)."""

    wijk_id: int
    maand: int
    categorie: str
    aantal: int
    ernstig: int
    kerngroep: int
    te_melden: int
    niet_gemeld: int


def _regiegroep_grens(peildatum: dt.date) -> dt.datetime:
    """Ontvangen vóór dit moment = op de peildatum al de meldtermijn binnen (te melden aan de regiegroep)."""
    uiterlijk = peildatum - dt.timedelta(days=REGIEGROEP_MELDTERMIJN_DAGEN)
    return dt.datetime.combine(uiterlijk + dt.timedelta(days=1), dt.time.min)


def _kubus(sessie: Session, f: MeldingFilter, peildatum: dt.date, normen: Mapping[str, int]) -> list[_Kubuscel]:
    """Eén GROUP BY over de meldingen ontvangen in ``f.jaar`` (één keer door de jaarindex) waaruit de
    aantallen, de ernstige meldingen en de melding aan de regiegroep worden opgeteld."""
    maand = cast(extract("month", Melding.ontvangen_op), Integer).label("maand")
    te_melden = Melding.ontvangen_op < _regiegroep_grens(peildatum)
    ernstig = Melding.ernst == "ernstig"

    def som(voorwaarde: ColumnElement[bool]):
        return func.coalesce(func.sum(case((voorwaarde, 1), else_=0)), 0)

    rijen = sessie.execute(
        select(Melding.wijk_id, maand, Melding.categorie, func.count(), som(ernstig),
               som(and_(ernstig, Melding.kerngroep_betrokken)), som(te_melden),
               som(and_(te_melden, melding_niet_gemeld_sql(peildatum))))
        .where(*_voorwaarden(f, peildatum, normen))
        .group_by(Melding.wijk_id, maand, Melding.categorie)
    ).all()
    return [_Kubuscel(int(w), int(m), c, int(n), int(e), int(k), int(t), int(g)) for w, m, c, n, e, k, t, g in rijen]


def _wijken(sessie: Session, f: MeldingFilter) -> list[Any]:
    """id, slug, naam en inwoners (van ``f.jaar``) van alle wijken (of alleen de gekozen), op naam."""
    query = (
        select(Wijk.id, Wijk.slug, Wijk.naam, WijkInwoners.aantal.label("inwoners"))
        .outerjoin(WijkInwoners, and_(WijkInwoners.wijk_id == Wijk.id, WijkInwoners.jaar == f.jaar))
    )
    if f.wijk:
        query = query.where(Wijk.slug == f.wijk)
    return sorted(sessie.execute(query).all(), key=lambda r: (r.naam.casefold(), r.naam))


def _aantallen_uit(kubus: Sequence[_Kubuscel], wijken: Sequence[Any], f: MeldingFilter,
                   peildatum: dt.date) -> MeldingAantallen:
    per_wijk_id: dict[int, int] = {}
    maanden: dict[int, int] = {}
    categorieen: dict[str, int] = {}
    for c in kubus:
        per_wijk_id[c.wijk_id] = per_wijk_id.get(c.wijk_id, 0) + c.aantal
        maanden[c.maand] = maanden.get(c.maand, 0) + c.aantal
        categorieen[c.categorie] = categorieen.get(c.categorie, 0) + c.aantal
    per_wijk = [Aantal(r.slug, r.naam, per_wijk_id.get(r.id, 0), r.inwoners, per_1000(per_wijk_id.get(r.id, 0),
                                                                                      r.inwoners))
                for r in wijken]
    totaal = sum(a.aantal for a in per_wijk)
    # Inwoners van de stad (of de wijk): alleen als elke wijk een inwonertal heeft voor dit jaar.
    inwoners = sum(a.inwoners for a in per_wijk) if per_wijk and all(a.inwoners for a in per_wijk) else None
    per_maand = [
        Aantal(str(m), f"{MAANDEN[m - 1]} {f.jaar}", maanden.get(m, 0), inwoners, per_1000(maanden.get(m, 0), inwoners))
        for m in range(1, 13)
    ]
    gekozen = [f.categorie] if f.categorie else list(MELDING_CATEGORIEEN)
    per_categorie = [
        Aantal(c, CATEGORIE_LABELS[c], categorieen.get(c, 0), inwoners, per_1000(categorieen.get(c, 0), inwoners))
        for c in gekozen
    ]
    return MeldingAantallen(
        jaar=f.jaar, peildatum=peildatum, totaal=totaal, inwoners=inwoners, per_1000=per_1000(totaal, inwoners),
        per_wijk=per_wijk, per_maand=per_maand, per_categorie=per_categorie,
    )


@gecachet
def aantallen(sessie: Session, f: MeldingFilter, vandaag: dt.date) -> MeldingAantallen:
    """Meldingen ontvangen in ``f.jaar``: per wijk (alle wijken, of alleen de gekozen), per maand
    (1–12) en per categorie (alle zes), ook per 1.000 inwoners. Eén GROUP BY-query over het jaar en
    één over de wijken."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie) if f.status == "over_norm" else {}
    return _aantallen_uit(_kubus(sessie, f, peildatum, normen), _wijken(sessie, f), f, peildatum)


@contextmanager
def _zonder_parallel_en_jit(sessie: Session) -> Iterator[None]:
    """PostgreSQL: één query over een heel jaar meldingen zonder parallelle workers en zonder JIT.

    De meldingen van een jaar liggen in de tabel bij elkaar (``ontvangen_op`` en ``afgehandeld_op`` hebben
    een correlatie ≈ 1 met de fysieke volgorde), maar het kostenmodel van een bitmap-scan ziet dat niet:
    met workers kiest PostgreSQL dan een parallelle seq scan over alle miljoenen rijen (G4: 1,0–1,4 s
    tegen 0,25 s via de index), en de JIT-compilatie kost bij zo'n plan nog eens 0,1 s. Alleen voor de
    duur van het blok (``set_config(..., true)`` = tot het eind van de transactie, daarna teruggezet)."""
    if sessie.get_bind().dialect.name != "postgresql":
        yield
        return
    oud = sessie.execute(text(
        "SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather'), "
        "set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")).one()
    yield
    sessie.execute(text("SELECT set_config('jit', :jit, true), set_config('max_parallel_workers_per_gather', :w, true)"),
                   {"jit": oud[0], "w": oud[1]})


# --------------------------------------------------------------------------- afhandeltijd


@dataclass(frozen=True, slots=True)
class AfhandelingCategorie:
    categorie: str
    label: str
    norm_werkdagen: int | None
    afgehandeld: int
    mediaan_werkdagen: float | None
    binnen_norm: int
    aandeel_binnen_norm: float | None


@dataclass(frozen=True, slots=True)
class Afhandeling:
    """Afhandeltijd van de meldingen afgehandeld in ``jaar`` tot en met ``peildatum``."""

    jaar: int
    peildatum: dt.date
    afgehandeld: int
    mediaan_werkdagen: float | None
    binnen_norm: int
    met_norm: int
    aandeel_binnen_norm: float | None
    per_categorie: list[AfhandelingCategorie]


@gecachet
def afhandeling(sessie: Session, f: MeldingFilter, vandaag: dt.date) -> Afhandeling:
    """Mediaan en aandeel binnen de norm, totaal en per categorie, uit één histogram-query
    (categorie × afhandeltijd → aantal)."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie)
    with _zonder_parallel_en_jit(sessie):
        rijen = sessie.execute(
            select(Melding.categorie, Melding.afhandeltijd_werkdagen, func.count().label("aantal"))
            .where(
                melding_afgehandeld_sql(peildatum),
                Melding.afgehandeld_op >= dt.datetime(f.jaar, 1, 1),
                Melding.afhandeltijd_werkdagen.is_not(None),
                *_voorwaarden(f, peildatum, normen, jaar=False, status=False),
            )
            .group_by(Melding.categorie, Melding.afhandeltijd_werkdagen)
        ).all()
    histogrammen: dict[str, dict[int, int]] = {}
    for categorie, tijd, aantal in rijen:
        histogrammen.setdefault(categorie, {})[int(tijd)] = int(aantal)

    per_categorie: list[AfhandelingCategorie] = []
    totaal_histogram: dict[int, int] = {}
    binnen_totaal = met_norm = 0
    for c in [f.categorie] if f.categorie else MELDING_CATEGORIEEN:
        histogram = histogrammen.get(c, {})
        norm = normen.get(c)
        aantal = sum(histogram.values())
        binnen = sum(n for t, n in histogram.items() if norm is not None and binnen_norm(t, norm))
        for t, n in histogram.items():
            totaal_histogram[t] = totaal_histogram.get(t, 0) + n
        if norm is not None:
            met_norm += aantal
            binnen_totaal += binnen
        per_categorie.append(AfhandelingCategorie(
            categorie=c, label=CATEGORIE_LABELS[c], norm_werkdagen=norm, afgehandeld=aantal,
            mediaan_werkdagen=mediaan_uit_histogram(histogram), binnen_norm=binnen,
            aandeel_binnen_norm=(binnen / aantal) if (aantal and norm is not None) else None,
        ))
    return Afhandeling(
        jaar=f.jaar, peildatum=peildatum, afgehandeld=sum(totaal_histogram.values()),
        mediaan_werkdagen=mediaan_uit_histogram(totaal_histogram), binnen_norm=binnen_totaal, met_norm=met_norm,
        aandeel_binnen_norm=(binnen_totaal / met_norm) if met_norm else None, per_categorie=per_categorie,
    )


# --------------------------------------------------------------------------- open en over de norm


@dataclass(frozen=True, slots=True)
class OpenMelding:
    kenmerk: str | None
    wijk_slug: str
    wijk: str
    categorie: str
    ontvangen: dt.date
    werkdagen_open: int
    norm_werkdagen: int | None
    verantwoordelijke: str | None
    status: str


@dataclass(frozen=True, slots=True)
class OpenMeldingen:
    peildatum: dt.date
    open: int
    over_norm: int
    #: de oudste meldingen over de norm (hooguit ``limiet``)
    rijen: list[OpenMelding]


@gecachet
def open_meldingen(sessie: Session, f: MeldingFilter, vandaag: dt.date, limiet: int = 200) -> OpenMeldingen:
    """Meldingen open op de peildatum en, daarvan, over de norm (oudste eerst). Werkdagen open =
    :func:`afgeleid.werkdagen_tussen` (ontvangst, peildatum), uitgerekend voor de getoonde rijen."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie)
    voorwaarden = [melding_open_sql(peildatum), *_voorwaarden(f, peildatum, normen, jaar=False, status=False)]
    over = melding_over_norm_sql(peildatum, normen)
    tellingen = sessie.execute(
        select(func.count(), func.coalesce(func.sum(case((over, 1), else_=0)), 0)).where(*voorwaarden)
    ).one()
    rijen = []
    if limiet > 0:
        # Eerst de open meldingen over de norm verzamelen (klein; via de index op afgehandeld_op), dan
        # sorteren. Zonder die tussenstap loopt PostgreSQL de index op ontvangen_op vanaf de eerste
        # melding af (ORDER BY … LIMIT) en filtert miljoenen afgehandelde rijen weg (G4: 1,7 s).
        kandidaten = (
            select(Melding.id, Melding.kenmerk, Melding.wijk_id, Melding.categorie, Melding.ontvangen_op,
                   Melding.verantwoordelijke, Melding.status)
            .where(*voorwaarden, over)
            .cte("open_over_norm")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        rijen = sessie.execute(
            select(kandidaten.c.kenmerk, Wijk.slug, Wijk.naam, kandidaten.c.categorie, kandidaten.c.ontvangen_op,
                   kandidaten.c.verantwoordelijke, kandidaten.c.status)
            .join(Wijk, Wijk.id == kandidaten.c.wijk_id)
            .order_by(kandidaten.c.ontvangen_op, kandidaten.c.id)
            .limit(limiet)
        ).all()
    return OpenMeldingen(
        peildatum=peildatum,
        open=int(tellingen[0]),
        over_norm=int(tellingen[1]),
        rijen=[
            OpenMelding(
                kenmerk=r.kenmerk, wijk_slug=r.slug, wijk=r.naam, categorie=r.categorie,
                ontvangen=_als_datum(r.ontvangen_op),
                werkdagen_open=werkdagen_tussen(_als_datum(r.ontvangen_op), peildatum),
                norm_werkdagen=normen.get(r.categorie), verantwoordelijke=r.verantwoordelijke, status=r.status,
            )
            for r in rijen
        ],
    )


# --------------------------------------------------------------------------- ernstig en kerngroep


@dataclass(frozen=True, slots=True)
class ErnstigeMelding:
    kenmerk: str | None
    wijk_slug: str
    wijk: str
    categorie: str
    ontvangen: dt.date
    status: str
    kerngroep_betrokken: bool
    verantwoordelijke: str | None


@dataclass(frozen=True, slots=True)
class ErnstigeMeldingen:
    aantal: int
    kerngroep_betrokken: int
    aandeel_kerngroep: float | None
    #: de meest recente (hooguit ``limiet``), zonder kerngroep eerst
    rijen: list[ErnstigeMelding]


@gecachet
def ernstige_meldingen(sessie: Session, f: MeldingFilter, vandaag: dt.date, limiet: int = 500) -> ErnstigeMeldingen:
    """Ernstige meldingen ontvangen in ``f.jaar`` en het aandeel waarbij de kerngroep betrokken was."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie) if f.status == "over_norm" else {}
    voorwaarden = [Melding.ernst == "ernstig", *_voorwaarden(f, peildatum, normen)]
    aantal, betrokken = sessie.execute(
        select(func.count(), func.coalesce(func.sum(case((Melding.kerngroep_betrokken, 1), else_=0)), 0))
        .where(*voorwaarden)
    ).one()
    return _ernstige(int(aantal), int(betrokken), _ernstige_rijen(sessie, voorwaarden, limiet))


def _ernstige_rijen(sessie: Session, voorwaarden: Sequence[ColumnElement[bool]], limiet: int) -> list[ErnstigeMelding]:
    """De meest recente ernstige meldingen (hooguit ``limiet``), zonder kerngroep eerst."""
    rijen = sessie.execute(
        select(Melding.kenmerk, Wijk.slug, Wijk.naam, Melding.categorie, Melding.ontvangen_op, Melding.status,
               Melding.kerngroep_betrokken, Melding.verantwoordelijke)
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .where(*voorwaarden)
        .order_by(Melding.kerngroep_betrokken, Melding.ontvangen_op.desc(), Melding.id.desc())
        .limit(limiet)
    ).all() if limiet > 0 else []
    return [
        ErnstigeMelding(r.kenmerk, r.slug, r.naam, r.categorie, _als_datum(r.ontvangen_op), r.status,
                        bool(r.kerngroep_betrokken), r.verantwoordelijke)
        for r in rijen
    ]


def _ernstige(aantal: int, betrokken: int, rijen: list[ErnstigeMelding]) -> ErnstigeMeldingen:
    return ErnstigeMeldingen(aantal=aantal, kerngroep_betrokken=betrokken,
                             aandeel_kerngroep=(betrokken / aantal) if aantal else None, rijen=rijen)


# --------------------------------------------------------------------------- regiegroep


@dataclass(frozen=True, slots=True)
class RegiegroepWijk:
    slug: str
    naam: str
    te_melden: int
    niet_gemeld: int
    aandeel_gemeld: float | None


@dataclass(frozen=True, slots=True)
class RegiegroepMelding:
    """Van de meldingen ontvangen in ``jaar`` die op de peildatum al de meldtermijn
    (``REGIEGROEP_MELDTERMIJN_DAGEN``) binnen zijn: hoeveel er (niet) aan de regiegroep gemeld zijn."""

    peildatum: dt.date
    meldtermijn_dagen: int
    te_melden: int
    niet_gemeld: int
    aandeel_gemeld: float | None
    per_wijk: list[RegiegroepWijk]


@gecachet
def regiegroep_melding(sessie: Session, f: MeldingFilter, vandaag: dt.date) -> RegiegroepMelding:
    """Aandeel gemeld aan de regiegroep (§3.4.2.3: elke melding hoort er te komen), per wijk."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie) if f.status == "over_norm" else {}
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam, func.count().label("te_melden"),
               func.sum(case((melding_niet_gemeld_sql(peildatum), 1), else_=0)).label("niet_gemeld"))
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .where(Melding.ontvangen_op < _regiegroep_grens(peildatum), *_voorwaarden(f, peildatum, normen))
        .group_by(Wijk.id, Wijk.slug, Wijk.naam)
    ).all()
    per_wijk = [RegiegroepWijk(r.slug, r.naam, int(r.te_melden), int(r.niet_gemeld),
                               1 - int(r.niet_gemeld) / int(r.te_melden)) for r in rijen]
    return _regiegroep(per_wijk, peildatum)


def _regiegroep(per_wijk: list[RegiegroepWijk], peildatum: dt.date) -> RegiegroepMelding:
    per_wijk = sorted(per_wijk, key=lambda w: (w.naam.casefold(), w.naam))
    te_melden = sum(w.te_melden for w in per_wijk)
    niet = sum(w.niet_gemeld for w in per_wijk)
    return RegiegroepMelding(
        peildatum=peildatum, meldtermijn_dagen=REGIEGROEP_MELDTERMIJN_DAGEN, te_melden=te_melden, niet_gemeld=niet,
        aandeel_gemeld=(1 - niet / te_melden) if te_melden else None, per_wijk=per_wijk,
    )


def _regiegroep_uit(kubus: Sequence[_Kubuscel], wijken: Sequence[Any], peildatum: dt.date) -> RegiegroepMelding:
    te_melden: dict[int, int] = {}
    niet: dict[int, int] = {}
    for c in kubus:
        te_melden[c.wijk_id] = te_melden.get(c.wijk_id, 0) + c.te_melden
        niet[c.wijk_id] = niet.get(c.wijk_id, 0) + c.niet_gemeld
    # Zoals de losse query: alleen wijken met minstens één melding die al gemeld had moeten zijn.
    per_wijk = [RegiegroepWijk(w.slug, w.naam, te_melden[w.id], niet[w.id], 1 - niet[w.id] / te_melden[w.id])
                for w in wijken if te_melden.get(w.id)]
    return _regiegroep(per_wijk, peildatum)


# --------------------------------------------------------------------------- alles voor de pagina


@dataclass(frozen=True, slots=True)
class MeldingCijfers:
    """Alles wat ``/meldingen`` bij het laden toont (dezelfde uitkomsten als de losse functies)."""

    aantallen: MeldingAantallen
    afhandeling: Afhandeling
    open: OpenMeldingen
    ernstig: ErnstigeMeldingen
    regiegroep: RegiegroepMelding


@gecachet
def paginacijfers(sessie: Session, f: MeldingFilter, vandaag: dt.date, open_limiet: int = 200,
                  ernstig_limiet: int = 500) -> MeldingCijfers:
    """:func:`aantallen`, :func:`afhandeling`, :func:`open_meldingen`, :func:`ernstige_meldingen` en
    :func:`regiegroep_melding` samen, met één GROUP BY over de meldingen van het jaar in plaats van zes
    losse doorlopen (op G4-schaal ~200.000 rijen per jaar)."""
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie)
    filter_normen = normen if f.status == "over_norm" else {}
    kubus = _kubus(sessie, f, peildatum, filter_normen)
    wijken = _wijken(sessie, f)
    ernstig_rijen = _ernstige_rijen(sessie, [Melding.ernst == "ernstig", *_voorwaarden(f, peildatum, filter_normen)],
                                    ernstig_limiet)
    return MeldingCijfers(
        aantallen=_aantallen_uit(kubus, wijken, f, peildatum),
        afhandeling=afhandeling(sessie, f, vandaag),
        open=open_meldingen(sessie, f, vandaag, limiet=open_limiet),
        ernstig=_ernstige(sum(c.ernstig for c in kubus), sum(c.kerngroep for c in kubus), ernstig_rijen),
        regiegroep=_regiegroep_uit(kubus, wijken, peildatum),
    )


# --------------------------------------------------------------------------- sorteren en filteren (generiek)


@dataclass(frozen=True, slots=True)
class LijstKolom:
    """Een kolom die gesorteerd en gefilterd mag worden: de SQL-expressie en het filtertype
    (``tekst``, ``getal`` of ``datum``; datums worden als tekst gefilterd, dd-mm-jjjj mag)."""

    expressie: ColumnElement[Any]
    soort: str = "tekst"
    filterbaar: bool = True


_TEKST_OPERATOREN = ("contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank", "notBlank")
_GETAL_OPERATOREN = ("equals", "notEqual", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
                     "inRange", "blank", "notBlank")
_DATUM_NL = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _like_patroon(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _tekstwaarde(waarde: Any, soort: str) -> str:
    tekst = str(waarde if waarde is not None else "").strip()
    if soort == "datum":
        # dd-mm-jjjj (zoals getoond) → jjjj-mm-dd (zoals opgeslagen)
        tekst = _DATUM_NL.sub(lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", tekst)
    if len(tekst) > 200:
        raise OngeldigVerzoek("filtertekst te lang")
    return tekst


def _getal(waarde: Any) -> float:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float, str)):
        raise OngeldigVerzoek("filterwaarde is geen getal")
    try:
        return float(waarde)
    except ValueError as fout:
        raise OngeldigVerzoek("filterwaarde is geen getal") from fout


def _conditie_sql(kolom: LijstKolom, model: Mapping[str, Any]) -> ColumnElement[bool]:
    soort = model.get("type")
    expr = kolom.expressie
    if soort == "blank":
        return expr.is_(None) if kolom.soort == "getal" else or_(expr.is_(None), cast(expr, String) == "")
    if soort == "notBlank":
        return expr.is_not(None) if kolom.soort == "getal" else and_(expr.is_not(None), cast(expr, String) != "")
    if kolom.soort == "getal":
        if soort not in _GETAL_OPERATOREN:
            raise OngeldigVerzoek(f"onbekende getalfilter {soort!r}")
        waarde = _getal(model.get("filter"))
        if soort == "inRange":
            return and_(expr >= waarde, expr <= _getal(model.get("filterTo")))
        return {
            "equals": expr == waarde, "notEqual": expr != waarde, "lessThan": expr < waarde,
            "lessThanOrEqual": expr <= waarde, "greaterThan": expr > waarde, "greaterThanOrEqual": expr >= waarde,
        }[soort]
    if soort not in _TEKST_OPERATOREN:
        raise OngeldigVerzoek(f"onbekende tekstfilter {soort!r}")
    tekst = _tekstwaarde(model.get("filter"), kolom.soort)
    als_tekst = func.lower(cast(expr, String))
    patroon = _like_patroon(tekst.lower())
    return {
        "contains": als_tekst.like(f"%{patroon}%", escape="\\"),
        "notContains": or_(expr.is_(None), not_(als_tekst.like(f"%{patroon}%", escape="\\"))),
        "equals": als_tekst == tekst.lower(),
        "notEqual": or_(expr.is_(None), als_tekst != tekst.lower()),
        "startsWith": als_tekst.like(f"{patroon}%", escape="\\"),
        "endsWith": als_tekst.like(f"%{patroon}", escape="\\"),
    }[soort]


def filters_sql(kolommen: Mapping[str, LijstKolom], filters: Mapping[str, Any] | None) -> list[ColumnElement[bool]]:
    """Het filtermodel van AG Grid (``{veld: {"type": ..., "filter": ...}}``, of met ``operator`` en
    ``conditions``) als SQL-voorwaarden. Alleen velden uit ``kolommen``; anders :class:`OngeldigVerzoek`."""
    uit: list[ColumnElement[bool]] = []
    for veld, model in (filters or {}).items():
        kolom = kolommen.get(veld)
        if kolom is None or not kolom.filterbaar or not isinstance(model, Mapping):
            raise OngeldigVerzoek(f"onbekende filterkolom {veld!r}")
        if "conditions" in model:
            condities = model.get("conditions") or []
            if not isinstance(condities, list) or not condities or len(condities) > 5:
                raise OngeldigVerzoek("ongeldige filtercondities")
            delen = [_conditie_sql(kolom, c) for c in condities if isinstance(c, Mapping)]
            operator = model.get("operator", "AND")
            if operator not in ("AND", "OR"):
                raise OngeldigVerzoek(f"onbekende operator {operator!r}")
            uit.append(and_(*delen) if operator == "AND" else or_(*delen))
        else:
            uit.append(_conditie_sql(kolom, model))
    return uit


def sortering_sql(kolommen: Mapping[str, LijstKolom], sortering: Sequence[tuple[str, str]] | None,
                  ) -> list[ColumnElement[Any]]:
    """``[(veld, 'asc'|'desc'), ...]`` als ORDER BY (lege waarden achteraan); alleen velden uit
    ``kolommen``, anders :class:`OngeldigVerzoek`."""
    uit: list[ColumnElement[Any]] = []
    for veld, richting in sortering or []:
        kolom = kolommen.get(veld)
        if kolom is None:
            raise OngeldigVerzoek(f"onbekende sorteerkolom {veld!r}")
        if richting not in ("asc", "desc"):
            raise OngeldigVerzoek(f"onbekende sorteerrichting {richting!r}")
        # Lege waarden altijd achteraan, op SQLite en PostgreSQL gelijk.
        uit.append((kolom.expressie.asc() if richting == "asc" else kolom.expressie.desc()).nulls_last())
    return uit


# --------------------------------------------------------------------------- de volledige lijst

#: Velden van de lijst → SQL. Sorteren en filteren kan alleen op deze velden.
LIJST_KOLOMMEN: dict[str, LijstKolom] = {
    "kenmerk": LijstKolom(Melding.kenmerk),
    "ontvangen": LijstKolom(Melding.ontvangen_op, "datum"),
    "wijk": LijstKolom(Wijk.naam),
    "buurt": LijstKolom(Melding.buurt),
    "straat": LijstKolom(Melding.straat),
    "categorie": LijstKolom(Melding.categorie),
    "ernst": LijstKolom(Melding.ernst),
    "kanaal": LijstKolom(Melding.kanaal),
    "status": LijstKolom(Melding.status),
    "afgehandeld": LijstKolom(Melding.afgehandeld_op, "datum"),
    "afhandeltijd": LijstKolom(Melding.afhandeltijd_werkdagen, "getal"),
    "verantwoordelijke": LijstKolom(Melding.verantwoordelijke),
    "kerngroep": LijstKolom(Melding.kerngroep_betrokken, "tekst", filterbaar=False),
    "gemeld_regiegroep": LijstKolom(Melding.gemeld_aan_regiegroep_op, "datum"),
    "omschrijving": LijstKolom(Melding.omschrijving),
}


@dataclass(frozen=True, slots=True)
class MeldingRij:
    """Een rij van de lijst. Vrije tekst (omschrijving, aanpak) is gewone tekst, nooit HTML."""

    id: int
    kenmerk: str | None
    ontvangen: dt.date
    wijk: str
    wijk_slug: str
    buurt: str | None
    straat: str | None
    categorie: str
    ernst: str
    kanaal: str
    status: str
    afgehandeld: dt.date | None
    afhandeltijd: int | None
    verantwoordelijke: str | None
    kerngroep: bool
    gemeld_regiegroep: dt.date | None
    omschrijving: str | None
    aanpak: str | None


@gecachet
def meldingen_pagina(sessie: Session, f: MeldingFilter, vandaag: dt.date, start: int, eind: int,
                     sortering: Sequence[tuple[str, str]] | None = None,
                     filters: Mapping[str, Any] | None = None) -> tuple[list[MeldingRij], int]:
    """Rijen ``start`` tot ``eind`` (exclusief) van de gefilterde lijst, plus het totaal aantal
    rijen. Twee queries: COUNT en een SELECT met ORDER BY … LIMIT/OFFSET. Zonder sortering: nieuwste
    eerst; ``id`` maakt de volgorde altijd eenduidig, zodat pagina's elkaar niet overlappen."""
    if start < 0 or eind < start:
        raise OngeldigVerzoek("ongeldig rijbereik")
    peildatum = peildatum_voor_jaar(f.jaar, vandaag)
    normen = _normen(sessie) if f.status == "over_norm" else {}
    voorwaarden = [*_voorwaarden(f, peildatum, normen), *filters_sql(LIJST_KOLOMMEN, filters)]
    volgorde = sortering_sql(LIJST_KOLOMMEN, sortering) or [Melding.ontvangen_op.desc()]
    telling = select(func.count()).select_from(Melding)
    if "wijk" in (filters or {}):  # alleen dan is de wijk nodig (elke melding heeft er een: wijk_id is verplicht)
        telling = telling.join(Wijk, Wijk.id == Melding.wijk_id)
    totaal = sessie.scalar(telling.where(*voorwaarden)) or 0
    rijen = sessie.execute(
        select(Melding.id, Melding.kenmerk, Melding.ontvangen_op, Wijk.naam, Wijk.slug, Melding.buurt, Melding.straat,
               Melding.categorie, Melding.ernst, Melding.kanaal, Melding.status, Melding.afgehandeld_op,
               Melding.afhandeltijd_werkdagen, Melding.verantwoordelijke, Melding.kerngroep_betrokken,
               Melding.gemeld_aan_regiegroep_op, Melding.omschrijving, Melding.aanpak)
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .where(*voorwaarden)
        .order_by(*volgorde, Melding.id.desc())
        .offset(start)
        .limit(eind - start)
    ).all()
    return [
        MeldingRij(
            id=r.id, kenmerk=r.kenmerk, ontvangen=_als_datum(r.ontvangen_op), wijk=r.naam, wijk_slug=r.slug,
            buurt=r.buurt, straat=r.straat, categorie=r.categorie, ernst=r.ernst, kanaal=r.kanaal, status=r.status,
            afgehandeld=None if r.afgehandeld_op is None else _als_datum(r.afgehandeld_op),
            afhandeltijd=r.afhandeltijd_werkdagen, verantwoordelijke=r.verantwoordelijke,
            kerngroep=bool(r.kerngroep_betrokken),
            gemeld_regiegroep=None if r.gemeld_aan_regiegroep_op is None else _als_datum(r.gemeld_aan_regiegroep_op),
            omschrijving=r.omschrijving, aanpak=r.aanpak,
        )
        for r in rijen
    ], int(totaal)
