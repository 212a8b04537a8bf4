"""Leesqueries voor de wijkpagina ``/wijk/<slug>``: de wijk, haar plannen, de levenscyclus en de toets
van de raad, de regiegroep, de bewonersinbreng, ambitiescores door de jaren heen tegen het
stadsgemiddelde, maatregelen, samenvattingen van budget, meldingen en toezeggingen, en de
evaluaties (bijlage 9).

Elke functie krijgt een open ``Session`` en geeft bevroren dataclasses terug; tellen en sommeren
gebeurt in SQL. De definities van afgeleide cijfers komen uit :mod:`datalaag.afgeleid`; de trends
van doelstellingen staan in :mod:`datalaag.trends`. Het aantal queries per functie is vast (staat
in elke docstring), onafhankelijk van het aantal rijen.

Keuzes:

- *Het plan van de pagina* (:func:`kies_plan`): het gevraagde plan (``?plan=<id>``) als het bij de
  wijk hoort; anders het plan dat in het gekozen jaar actief is
  (:func:`~datalaag.afgeleid.plan_actief`); anders het meest recente plan dat uiterlijk in dat
  jaar begint; anders het meest recente plan.
- *Regiegroepleden*: wie op de peildatum zitting heeft (``termijn_van`` ≤ peildatum en niet
  vertrokken op of vóór de peildatum), zoals het signaal ``regiegroep_termijn_verlopen``.
  Termijn *verlopen*: :func:`~datalaag.afgeleid.termijn_verlopen`; *rotatie binnenkort*: de termijn
  loopt af binnen ``ROTATIE_BINNENKORT_MAANDEN`` (6) maanden na de peildatum.
- *Ambitiescore door de jaren*: per jaar de ambitiescore op de peildatum van dat jaar
  (:func:`~datalaag.afgeleid.ambitiescores_per_jaar_select`, dezelfde regel als
  :func:`~datalaag.afgeleid.ambitiescores_select`); het stadsgemiddelde is het gemiddelde van de
  bestaande wijkscores (zoals de heatmap van het overzicht). Alle jaren in één query (``GROUP BY``).
- *Meldingen van het jaar*: ontvangen in het jaar tot en met de peildatum; per 1.000 inwoners met
  het inwonertal van dat jaar (of het laatst bekende eerdere); open op de peildatum; mediane
  afhandeltijd van de in het jaar (tot de peildatum) afgehandelde meldingen — als de kerncijfers.
- *Toezeggingen*: open en gedaan uiterlijk op de peildatum; daarvan *te laat*
  (:func:`~datalaag.afgeleid.te_laat`).
- *Evaluaties*: de evaluaties van het plan van de pagina (en evaluaties zonder plan over een jaar
  in de planperiode) over jaren ≤ het gekozen jaar, nieuwste eerst; eerdere plannen via de
  plankeuze. Zo blijft de pagina klein, ook voor een wijk met twintig jaar evaluaties.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Float,
    and_,
    case,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    achter_schema_sql,
    ambitiescore_bron,
    ambitiescores_per_jaar_select,
    budget_per_wijk_select,
    mediaan_uit_histogram,
    melding_afgehandeld_sql,
    melding_open_sql,
    peildatum_voor_jaar,
    per_1000,
    plan_actief,
    plus_maanden,
    te_laat_sql,
    termijn_verlopen,
)
from datalaag.cache import gecachet
from datalaag.models import (
    Ambitie,
    Bewonersinbreng,
    Evaluatie,
    EvaluatieAmbitie,
    Maatregel,
    Melding,
    Oormerk,
    Oplossingsrichting,
    Regiegroep,
    Regiegroeplid,
    Stadsdeel,
    Toezegging,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.trends import inwoners_voor_jaar

__all__ = [
    "AmbitieKort",
    "BudgetSamenvatting",
    "EvaluatieFormulier",
    "EvaluatieRegel",
    "Inbreng",
    "Kader",
    "Lid",
    "MaatregelRegel",
    "MeldingenSamenvatting",
    "OormerkRegel",
    "PlanDetail",
    "PlanKort",
    "RegiegroepOverzicht",
    "ScorePunt",
    "StatusStap",
    "ToezeggingenSamenvatting",
    "WijkBasis",
    "alle_ambities",
    "ambitiescore_verloop",
    "budget_samenvatting",
    "evaluaties",
    "kies_plan",
    "maatregelen",
    "meldingen_samenvatting",
    "plan_detail",
    "regiegroep",
    "toezeggingen_samenvatting",
    "wijk_basis",
]

#: Woorden voor de statussen van een wijkplan (levenscyclus, §4 van de notitie).
PLANSTATUS_LABELS: dict[str, str] = {
    "concept": "Concept",
    "besproken_met_bewoners": "Besproken met bewoners",
    "definitief_voorstel": "Definitief voorstel",
    "vastgesteld": "Vastgesteld door de raad",
    "terugverwezen": "Terugverwezen naar de regiegroep",
    "geevalueerd": "Geëvalueerd",
}
#: De gewone volgorde van de levenscyclus (terugverwijzen kan na het definitieve voorstel).
LEVENSCYCLUS: tuple[str, ...] = ("concept", "besproken_met_bewoners", "definitief_voorstel", "vastgesteld")

#: Een zittingstermijn die binnen zoveel maanden na de peildatum afloopt: rotatie binnenkort.
ROTATIE_BINNENKORT_MAANDEN = 6

VERLOPEN = "verlopen"
BINNENKORT = "binnenkort"


# --------------------------------------------------------------------------- wijk en plannen


@dataclass(frozen=True, slots=True)
class PlanKort:
    id: int
    titel: str
    werkwijze: str
    periode_van: int
    periode_tot: int
    status: str

    @property
    def status_label(self) -> str:
        return PLANSTATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class WijkBasis:
    id: int
    slug: str
    naam: str
    stadsdeel: str
    stadsdeelcoordinator: str
    stadsdeelwethouder: str
    werkwijze_code: str
    werkwijze: str
    #: alle plannen van de wijk, nieuwste (hoogste periode_van) eerst
    plannen: tuple[PlanKort, ...]


@gecachet
def wijk_basis(sessie: Session, slug: str) -> WijkBasis | None:
    """De wijk met stadsdeel, werkwijze en al haar plannen; None als de slug niet bestaat. Twee queries."""
    rij = sessie.execute(
        select(
            Wijk.id,
            Wijk.slug,
            Wijk.naam,
            Stadsdeel.naam.label("stadsdeel"),
            Stadsdeel.stadsdeelcoordinator,
            Stadsdeel.stadsdeelwethouder,
            Wijk.werkwijze,
            Werkwijze.naam.label("werkwijze_naam"),
        )
        .join(Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id)
        .join(Werkwijze, Werkwijze.code == Wijk.werkwijze)
        .where(Wijk.slug == slug)
    ).one_or_none()
    if rij is None:
        return None
    plannen = sessie.execute(
        select(
            Wijkplan.id, Wijkplan.titel, Wijkplan.werkwijze, Wijkplan.periode_van, Wijkplan.periode_tot, Wijkplan.status
        )
        .where(Wijkplan.wijk_id == rij.id)
        .order_by(Wijkplan.periode_van.desc(), Wijkplan.id.desc())
    ).all()
    return WijkBasis(
        id=rij.id,
        slug=rij.slug,
        naam=rij.naam,
        stadsdeel=rij.stadsdeel,
        stadsdeelcoordinator=rij.stadsdeelcoordinator,
        stadsdeelwethouder=rij.stadsdeelwethouder,
        werkwijze_code=rij.werkwijze,
        werkwijze=rij.werkwijze_naam,
        plannen=tuple(PlanKort(*p) for p in plannen),
    )


def kies_plan(plannen: Sequence[PlanKort], plan_id: int | None, jaar: int) -> PlanKort | None:
    """Het plan van de pagina: het gevraagde (als het bij de wijk hoort), anders het in ``jaar``
    actieve plan, anders het meest recente dat uiterlijk in ``jaar`` begint, anders het meest recente.
    ``plannen`` staan nieuwste eerst (zoals :func:`wijk_basis` ze geeft)."""
    if not plannen:
        return None
    for p in plannen:
        if plan_id is not None and p.id == plan_id:
            return p
    for p in plannen:
        if plan_actief(p.status, p.periode_van, p.periode_tot, jaar):
            return p
    for p in plannen:
        if p.periode_van <= jaar:
            return p
    return plannen[0]


@dataclass(frozen=True, slots=True)
class StatusStap:
    status: str
    label: str
    datum: dt.date
    jaar: int | None  # bij 'geevalueerd': het geëvalueerde jaar
    toelichting: str | None


@dataclass(frozen=True, slots=True)
class Kader:
    """Eén kader van de toets van de raad: voldoet (True), voldoet niet (False), nog niet getoetst (None)."""

    naam: str
    voldoet: bool | None
    toelichting: str | None


@dataclass(frozen=True, slots=True)
class Inbreng:
    datum: dt.date
    vorm: str
    bereik: int
    opmerkingen: str


@dataclass(frozen=True, slots=True)
class PlanDetail:
    id: int
    titel: str
    werkwijze: str
    periode_van: int
    periode_tot: int
    status: str
    status_label: str
    raadsbesluit: str | None
    vastgesteld_op: dt.date | None
    kaders: tuple[Kader, Kader, Kader]
    #: de levenscyclus op datum (oud → nieuw)
    historie: tuple[StatusStap, ...]
    bewonersinbreng: tuple[Inbreng, ...]


KADER_NAMEN = ("Betrokkenheid bewoners en organisaties", "Doelstellingen", "Benodigde middelen")


@gecachet
def plan_detail(sessie: Session, wijkplan_id: int) -> PlanDetail | None:
    """Het plan met de toets van de raad, de statushistorie en de bewonersinbreng. Drie queries."""
    plan = sessie.get(Wijkplan, wijkplan_id)
    if plan is None:
        return None
    historie = sessie.execute(
        select(WijkplanStatus.status, WijkplanStatus.datum, WijkplanStatus.jaar, WijkplanStatus.toelichting)
        .where(WijkplanStatus.wijkplan_id == wijkplan_id)
        .order_by(WijkplanStatus.datum, WijkplanStatus.id)
    ).all()
    inbreng = sessie.execute(
        select(Bewonersinbreng.datum, Bewonersinbreng.vorm, Bewonersinbreng.bereik, Bewonersinbreng.opmerkingen)
        .where(Bewonersinbreng.wijkplan_id == wijkplan_id)
        .order_by(Bewonersinbreng.datum, Bewonersinbreng.id)
    ).all()
    return PlanDetail(
        id=plan.id,
        titel=plan.titel,
        werkwijze=plan.werkwijze,
        periode_van=plan.periode_van,
        periode_tot=plan.periode_tot,
        status=plan.status,
        status_label=PLANSTATUS_LABELS.get(plan.status, plan.status),
        raadsbesluit=plan.raadsbesluit,
        vastgesteld_op=plan.vastgesteld_op,
        kaders=(
            Kader(KADER_NAMEN[0], plan.kader_betrokkenheid_voldoet, plan.kader_betrokkenheid_toelichting),
            Kader(KADER_NAMEN[1], plan.kader_doelstellingen_voldoet, plan.kader_doelstellingen_toelichting),
            Kader(KADER_NAMEN[2], plan.kader_middelen_voldoet, plan.kader_middelen_toelichting),
        ),
        historie=tuple(
            StatusStap(h.status, PLANSTATUS_LABELS.get(h.status, h.status), h.datum, h.jaar, h.toelichting)
            for h in historie
        ),
        bewonersinbreng=tuple(Inbreng(*r) for r in inbreng),
    )


# --------------------------------------------------------------------------- regiegroep


@dataclass(frozen=True, slots=True)
class Lid:
    naam: str
    organisatietype: str
    organisatie: str | None
    rol: str
    termijn_van: dt.date
    termijn_tot: dt.date | None
    #: 'verlopen' (termijn vóór de peildatum afgelopen), 'binnenkort' (binnen 6 maanden) of None
    termijn_signaal: str | None


@dataclass(frozen=True, slots=True)
class RegiegroepOverzicht:
    naam: str
    opgericht_op: dt.date | None
    #: leden met zitting op de peildatum: voorzitter eerst, dan op rol en naam
    leden: tuple[Lid, ...]
    #: (organisatietype, aantal), meeste eerst (bij gelijk aantal op naam)
    per_type: tuple[tuple[str, int], ...]
    voorzitter: str | None
    #: None als er geen voorzitter is
    voorzitter_is_bewoner: bool | None
    aantal_verlopen: int
    aantal_binnenkort: int


_ROL_VOLGORDE = {"voorzitter": 0, "stadsdeelcoordinator": 1, "meldingenverantwoordelijke": 2, "kerngroep": 3, "lid": 4}


def termijn_signaal(termijn_tot: dt.date | None, peildatum: dt.date) -> str | None:
    """'verlopen', 'binnenkort' (loopt af binnen ``ROTATIE_BINNENKORT_MAANDEN`` maanden) of None."""
    if termijn_tot is None:
        return None
    if termijn_verlopen(termijn_tot, peildatum):
        return VERLOPEN
    if termijn_tot <= plus_maanden(peildatum, ROTATIE_BINNENKORT_MAANDEN):
        return BINNENKORT
    return None


@gecachet
def regiegroep(sessie: Session, wijk_id: int, peildatum: dt.date) -> RegiegroepOverzicht | None:
    """De regiegroep van de wijk op de peildatum; None als de wijk er geen heeft. Twee queries
    (leden; aantallen per organisatietype in SQL)."""
    zitting = and_(
        Regiegroeplid.termijn_van <= peildatum,
        or_(Regiegroeplid.vertrokken_op.is_(None), Regiegroeplid.vertrokken_op > peildatum),
    )
    rijen = sessie.execute(
        select(
            Regiegroep.naam.label("groep"),
            Regiegroep.opgericht_op,
            Regiegroeplid.naam,
            Regiegroeplid.organisatietype,
            Regiegroeplid.organisatie,
            Regiegroeplid.rol,
            Regiegroeplid.termijn_van,
            Regiegroeplid.termijn_tot,
        )
        .select_from(Regiegroep)
        .outerjoin(Regiegroeplid, and_(Regiegroeplid.regiegroep_id == Regiegroep.id, zitting))
        .where(Regiegroep.wijk_id == wijk_id)
    ).all()
    if not rijen:
        return None
    per_type = sessie.execute(
        select(Regiegroeplid.organisatietype, func.count().label("aantal"))
        .join(Regiegroep, Regiegroep.id == Regiegroeplid.regiegroep_id)
        .where(Regiegroep.wijk_id == wijk_id, zitting)
        .group_by(Regiegroeplid.organisatietype)
    ).all()
    leden = sorted(
        (
            Lid(r.naam, r.organisatietype, r.organisatie, r.rol, r.termijn_van, r.termijn_tot,
                termijn_signaal(r.termijn_tot, peildatum))
            for r in rijen
            if r.naam is not None
        ),
        key=lambda lid: (_ROL_VOLGORDE.get(lid.rol, 9), lid.naam.casefold()),
    )
    voorzitters = [lid for lid in leden if lid.rol == "voorzitter"]
    voorzitter = voorzitters[0] if voorzitters else None
    return RegiegroepOverzicht(
        naam=rijen[0].groep,
        opgericht_op=rijen[0].opgericht_op,
        leden=tuple(leden),
        per_type=tuple(sorted(((t, int(n)) for t, n in per_type), key=lambda p: (-p[1], p[0]))),
        voorzitter=None if voorzitter is None else voorzitter.naam,
        voorzitter_is_bewoner=None if voorzitter is None else voorzitter.organisatietype == "bewoner",
        aantal_verlopen=sum(1 for lid in leden if lid.termijn_signaal == VERLOPEN),
        aantal_binnenkort=sum(1 for lid in leden if lid.termijn_signaal == BINNENKORT),
    )


# --------------------------------------------------------------------------- ambitiescores


@dataclass(frozen=True, slots=True)
class AmbitieKort:
    id: int
    nummer: int
    korte_naam: str
    tekst: str


@gecachet
def alle_ambities(sessie: Session) -> list[AmbitieKort]:
    """Alle ambities op nummer. Eén query."""
    return [AmbitieKort(*r) for r in sessie.execute(
        select(Ambitie.id, Ambitie.nummer, Ambitie.korte_naam, Ambitie.tekst).order_by(Ambitie.nummer)
    )]


@dataclass(frozen=True, slots=True)
class ScorePunt:
    ambitie_id: int
    jaar: int
    #: de ambitiescore van de wijk op de peildatum van het jaar (None: geen score)
    wijk: float | None
    #: bron van de wijkscore, bijv. 'evaluatie (vastgesteld) 2025'
    bron: str | None
    #: gemiddelde van de bestaande wijkscores (None: geen enkele wijk heeft een score)
    stad: float | None


@gecachet
def ambitiescore_verloop(sessie: Session, wijk_id: int, jaren: Sequence[int], vandaag: dt.date) -> list[ScorePunt]:
    """Per jaar en ambitie de ambitiescore van de wijk en het stadsgemiddelde. Eén query voor alle
    jaren: :func:`ambitiescores_per_jaar_select` (de ambitiescore op de peildatum van elk jaar),
    per (jaar, ambitie) gegroepeerd. Alleen (jaar, ambitie) met minstens één
    wijkscore in de stad; op jaar, dan ambitie-id."""
    if not jaren:
        return []
    alle = ambitiescores_per_jaar_select({j: peildatum_voor_jaar(j, vandaag) for j in set(jaren)}).subquery("alle")
    van_wijk = alle.c.wijk_id == wijk_id
    rijen = sessie.execute(
        select(
            alle.c.jaar,
            alle.c.ambitie_id,
            func.avg(cast(alle.c.waardering, Float)).label("stad"),
            func.max(case((van_wijk, alle.c.waardering))).label("wijk"),
            func.max(case((van_wijk, alle.c.prioriteit))).label("prioriteit"),
            func.max(case((van_wijk, alle.c.bron_jaar))).label("bron_jaar"),
        )
        .group_by(alle.c.jaar, alle.c.ambitie_id)
        .order_by(alle.c.jaar, alle.c.ambitie_id)
    ).all()
    return [
        ScorePunt(
            ambitie_id=r.ambitie_id,
            jaar=int(r.jaar),
            wijk=None if r.wijk is None else float(r.wijk),
            bron=None if r.prioriteit is None else ambitiescore_bron(int(r.prioriteit), int(r.bron_jaar)),
            stad=None if r.stad is None else float(r.stad),
        )
        for r in rijen
    ]


# --------------------------------------------------------------------------- maatregelen


MAATREGEL_STATUS_LABELS: dict[str, str] = {
    "gepland": "Gepland",
    "in_uitvoering": "In uitvoering",
    "vertraagd": "Vertraagd",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
}


@dataclass(frozen=True, slots=True)
class MaatregelRegel:
    id: int
    ambitie_id: int
    naam: str
    #: bijv. 'c. Bewoners organiseren zelf activiteiten' (None: geen gekozen oplossingsrichting)
    oplossingsrichting: str | None
    niveau: str
    verantwoordelijke: str
    status: str
    status_label: str
    voortgang: int
    #: :func:`~datalaag.afgeleid.achter_schema` op de peildatum
    achter_schema: bool
    start: dt.date | None
    eind: dt.date | None
    schatting_kosten: float | None


@gecachet
def maatregelen(sessie: Session, wijkplan_id: int, peildatum: dt.date) -> list[MaatregelRegel]:
    """De maatregelen van een plan met *achter schema* (in SQL) op de peildatum; op ambitie, start en
    naam. Eén query."""
    rijen = sessie.execute(
        select(
            Maatregel.id,
            Maatregel.ambitie_id,
            Maatregel.naam,
            Oplossingsrichting.letter,
            Oplossingsrichting.tekst,
            Maatregel.niveau,
            Maatregel.verantwoordelijke,
            Maatregel.status,
            Maatregel.voortgang,
            case((achter_schema_sql(peildatum), True), else_=False).label("achter"),
            Maatregel.start,
            Maatregel.eind,
            Maatregel.schatting_kosten,
        )
        .outerjoin(Oplossingsrichting, Oplossingsrichting.id == Maatregel.oplossingsrichting_id)
        .where(Maatregel.wijkplan_id == wijkplan_id)
        .order_by(Maatregel.ambitie_id, Maatregel.start, Maatregel.naam, Maatregel.id)
    ).all()
    return [
        MaatregelRegel(
            id=r.id,
            ambitie_id=r.ambitie_id,
            naam=r.naam,
            oplossingsrichting=None if r.letter is None else f"{r.letter}. {r.tekst}",
            niveau=r.niveau,
            verantwoordelijke=r.verantwoordelijke,
            status=r.status,
            status_label=MAATREGEL_STATUS_LABELS.get(r.status, r.status),
            voortgang=int(r.voortgang),
            achter_schema=bool(r.achter),
            start=r.start,
            eind=r.eind,
            schatting_kosten=None if r.schatting_kosten is None else float(r.schatting_kosten),
        )
        for r in rijen
    ]


# --------------------------------------------------------------------------- samenvattingen


@dataclass(frozen=True, slots=True)
class OormerkRegel:
    naam: str
    bron: str
    jaar_van: int
    jaar_tot: int
    bedrag: float
    budgethouder: str


@dataclass(frozen=True, slots=True)
class BudgetSamenvatting:
    jaar: int
    #: oormerk toegerekend aan ``jaar`` (meerjarige oormerken gelijk verdeeld)
    oormerk: float
    uitgaven: float
    #: :func:`~datalaag.afgeleid.budgetbenutting` (None bij oormerk 0)
    budgetbenutting: float | None
    #: de oormerken die ``jaar`` omvatten, met hun budgethouder
    oormerken: tuple[OormerkRegel, ...]

    @property
    def budgethouders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.budgethouder for o in self.oormerken))


@gecachet
def budget_samenvatting(sessie: Session, wijk_id: int, jaar: int) -> BudgetSamenvatting:
    """Oormerk, uitgaven en benutting van de wijk in ``jaar`` (via
    :func:`~datalaag.afgeleid.budget_per_wijk_select`) en de oormerken met budgethouder. Twee queries."""
    budget = budget_per_wijk_select(jaar).subquery("budget")
    rij = sessie.execute(
        select(budget.c.oormerk, budget.c.uitgaven, budget.c.budgetbenutting).where(budget.c.wijk_id == wijk_id)
    ).one_or_none()
    oormerken = sessie.execute(
        select(Oormerk.naam, Oormerk.bron, Oormerk.jaar_van, Oormerk.jaar_tot, cast(Oormerk.bedrag, Float),
               Oormerk.budgethouder)
        .where(Oormerk.wijk_id == wijk_id, Oormerk.jaar_van <= jaar, Oormerk.jaar_tot >= jaar)
        .order_by(Oormerk.jaar_van, Oormerk.naam)
    ).all()
    return BudgetSamenvatting(
        jaar=jaar,
        oormerk=0.0 if rij is None else float(rij.oormerk),
        uitgaven=0.0 if rij is None else float(rij.uitgaven),
        budgetbenutting=None if rij is None or rij.budgetbenutting is None else float(rij.budgetbenutting),
        oormerken=tuple(OormerkRegel(*o) for o in oormerken),
    )


@dataclass(frozen=True, slots=True)
class MeldingenSamenvatting:
    jaar: int
    peildatum: dt.date
    #: ontvangen in ``jaar`` tot en met de peildatum
    ontvangen: int
    inwoners: int | None
    ontvangen_per_1000: float | None
    #: open op de peildatum (ongeacht het jaar van ontvangst)
    open: int
    #: mediane afhandeltijd (werkdagen) van de in ``jaar`` afgehandelde meldingen
    afhandeltijd_mediaan: float | None


@gecachet
def meldingen_samenvatting(sessie: Session, wijk_id: int, jaar: int, vandaag: dt.date) -> MeldingenSamenvatting:
    """Meldingen van de wijk in ``jaar`` op de peildatum. Drie queries (tellingen; inwoners; het
    histogram van afhandeltijden voor de mediaan)."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    grens = dt.datetime.combine(peildatum + dt.timedelta(days=1), dt.time.min)
    begin = dt.datetime(jaar, 1, 1)
    van_wijk = Melding.wijk_id == wijk_id
    rij = sessie.execute(
        select(
            select(func.count()).select_from(Melding)
            .where(van_wijk, Melding.ontvangen_op >= begin, Melding.ontvangen_op < grens)
            .scalar_subquery().label("ontvangen"),
            select(func.count()).select_from(Melding).where(van_wijk, melding_open_sql(peildatum))
            .scalar_subquery().label("open"),
        )
    ).one()
    inwoners = dict(
        sessie.execute(
            select(WijkInwoners.jaar, WijkInwoners.aantal).where(WijkInwoners.wijk_id == wijk_id,
                                                                 WijkInwoners.jaar <= jaar)
        ).all()
    )
    histogram = dict(
        sessie.execute(
            select(Melding.afhandeltijd_werkdagen, func.count())
            .where(
                van_wijk,
                melding_afgehandeld_sql(peildatum),
                Melding.afgehandeld_op >= begin,
                Melding.afhandeltijd_werkdagen.is_not(None),
            )
            .group_by(Melding.afhandeltijd_werkdagen)
        ).all()
    )
    aantal_inwoners = inwoners_voor_jaar(inwoners, jaar)
    return MeldingenSamenvatting(
        jaar=jaar,
        peildatum=peildatum,
        ontvangen=int(rij.ontvangen),
        inwoners=aantal_inwoners,
        ontvangen_per_1000=per_1000(int(rij.ontvangen), aantal_inwoners),
        open=int(rij.open),
        afhandeltijd_mediaan=mediaan_uit_histogram(histogram),
    )


@dataclass(frozen=True, slots=True)
class ToezeggingenSamenvatting:
    peildatum: dt.date
    #: status open en gedaan uiterlijk op de peildatum
    open: int
    #: daarvan met de termijn vóór de peildatum
    te_laat: int


@gecachet
def toezeggingen_samenvatting(sessie: Session, wijk_id: int, peildatum: dt.date) -> ToezeggingenSamenvatting:
    """Open en te late toezeggingen over de wijk. Eén query."""
    rij = sessie.execute(
        select(
            func.count().label("open"),
            func.coalesce(func.sum(case((te_laat_sql(peildatum), 1), else_=0)), 0).label("te_laat"),
        ).where(Toezegging.wijk_id == wijk_id, Toezegging.status == "open", Toezegging.datum <= peildatum)
    ).one()
    return ToezeggingenSamenvatting(peildatum=peildatum, open=int(rij.open), te_laat=int(rij.te_laat))


# --------------------------------------------------------------------------- evaluaties


@dataclass(frozen=True, slots=True)
class EvaluatieRegel:
    ambitie_nummer: int
    ambitie_naam: str
    doelstelling: str | None
    gerealiseerde_doelstelling: str | None
    waardering: float | None
    aanvullende_maatregelen: str | None
    schatting_kosten: float | None
    opmerkingen: str | None


@dataclass(frozen=True, slots=True)
class EvaluatieFormulier:
    """Een evaluatie zoals het formulier van bijlage 9."""

    id: int
    jaar: int
    status: str  # 'concept' | 'ingediend' | 'vastgesteld'
    klanttevredenheid_cijfer: float | None
    klanttevredenheid_respons: int | None
    extra_budget_bedrag: float | None
    extra_budget_motivering: str | None
    raadsbesluit: str | None
    raadsbesluit_datum: dt.date | None
    ingediend_op: dt.date | None
    vastgesteld_op: dt.date | None
    regels: tuple[EvaluatieRegel, ...]


@gecachet
def evaluaties(
    sessie: Session, wijk_id: int, tot_en_met_jaar: int, plan: PlanKort | None = None
) -> list[EvaluatieFormulier]:
    """De evaluaties van de wijk over jaren ≤ ``tot_en_met_jaar``, nieuwste eerst, met hun regels op
    ambitienummer. Met ``plan``: alleen de evaluaties van dat plan (``wijkplan_id``), plus evaluaties
    zonder plan over een jaar in de planperiode. Twee queries."""
    voorwaarden = [Evaluatie.wijk_id == wijk_id, Evaluatie.jaar <= tot_en_met_jaar]
    if plan is not None:
        voorwaarden.append(
            or_(
                Evaluatie.wijkplan_id == plan.id,
                and_(
                    Evaluatie.wijkplan_id.is_(None),
                    Evaluatie.jaar >= plan.periode_van,
                    Evaluatie.jaar <= plan.periode_tot,
                ),
            )
        )
    kop = sessie.execute(
        select(
            Evaluatie.id,
            Evaluatie.jaar,
            Evaluatie.status,
            Evaluatie.klanttevredenheid_cijfer,
            Evaluatie.klanttevredenheid_respons,
            Evaluatie.extra_budget_bedrag,
            Evaluatie.extra_budget_motivering,
            Evaluatie.raadsbesluit,
            Evaluatie.raadsbesluit_datum,
            Evaluatie.ingediend_op,
            Evaluatie.vastgesteld_op,
        )
        .where(*voorwaarden)
        .order_by(Evaluatie.jaar.desc())
    ).all()
    if not kop:
        return []
    regels: dict[int, list[EvaluatieRegel]] = defaultdict(list)
    for r in sessie.execute(
        select(
            EvaluatieAmbitie.evaluatie_id,
            Ambitie.nummer,
            Ambitie.korte_naam,
            EvaluatieAmbitie.doelstelling,
            EvaluatieAmbitie.gerealiseerde_doelstelling,
            EvaluatieAmbitie.waardering,
            EvaluatieAmbitie.aanvullende_maatregelen,
            EvaluatieAmbitie.schatting_kosten,
            EvaluatieAmbitie.opmerkingen,
        )
        .join(Ambitie, Ambitie.id == EvaluatieAmbitie.ambitie_id)
        .where(EvaluatieAmbitie.evaluatie_id.in_([e.id for e in kop]))
        .order_by(EvaluatieAmbitie.evaluatie_id, Ambitie.nummer)
    ):
        regels[r.evaluatie_id].append(
            EvaluatieRegel(
                ambitie_nummer=r.nummer,
                ambitie_naam=r.korte_naam,
                doelstelling=r.doelstelling,
                gerealiseerde_doelstelling=r.gerealiseerde_doelstelling,
                waardering=None if r.waardering is None else float(r.waardering),
                aanvullende_maatregelen=r.aanvullende_maatregelen,
                schatting_kosten=None if r.schatting_kosten is None else float(r.schatting_kosten),
                opmerkingen=r.opmerkingen,
            )
        )

    def _f(x):
        return None if x is None else float(x)

    return [
        EvaluatieFormulier(
            id=e.id,
            jaar=e.jaar,
            status=e.status,
            klanttevredenheid_cijfer=_f(e.klanttevredenheid_cijfer),
            klanttevredenheid_respons=e.klanttevredenheid_respons,
            extra_budget_bedrag=_f(e.extra_budget_bedrag),
            extra_budget_motivering=e.extra_budget_motivering,
            raadsbesluit=e.raadsbesluit,
            raadsbesluit_datum=e.raadsbesluit_datum,
            ingediend_op=e.ingediend_op,
            vastgesteld_op=e.vastgesteld_op,
            regels=tuple(regels.get(e.id, [])),
        )
        for e in kop
    ]
