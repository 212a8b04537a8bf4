"""De schriftelijke voortgangsrapportage (``/rapport/<slug>`` en ``/rapport/stad``).

De Rekenkamercommissie vond dat de raad nooit schriftelijk over de voortgang van de plannen werd
geïnformeerd (conclusie 8 in bijlage 2 van de notitie). Deze module stelt het rapport samen uit de
leesfuncties die de andere pagina's ook gebruiken, zodat het rapport hetzelfde zegt als de
wijkpagina, het overzicht en de signalen. Er staan hier geen nieuwe definities van afgeleide cijfers.

Peildatum
    ``?peildatum=dd-mm-jjjj`` (standaard vandaag; niet in de toekomst). Alle cijfers gelden op die
    datum: de leesfuncties krijgen ``jaar`` = het jaar van de peildatum en ``vandaag`` = de
    peildatum, zodat :func:`~datalaag.afgeleid.peildatum_voor_jaar` precies de peildatum geeft.
    Statussen (van maatregelen, toezeggingen, evaluaties) zijn de huidige statussen, zoals overal
    in het dashboard. Budget gaat, zoals op de wijkpagina, over het hele kalenderjaar van de peildatum.

Wijkrapport (:func:`wijkrapport`)
    Het plan is het plan van de wijkpagina zonder keuze (:func:`~datalaag.wijkpagina.kies_plan`):
    het plan dat in het jaar van de peildatum loopt, anders het meest recente. De *laatste
    evaluatie* is de nieuwste ingediende of vastgestelde evaluatie (een concept telt niet, zoals in
    de ambitiescore) over een jaar tot en met het jaar van de peildatum; een nieuwer concept wordt
    apart genoemd. *Open toezeggingen*: status open en gedaan uiterlijk op de peildatum (zoals
    :func:`~datalaag.wijkpagina.toezeggingen_samenvatting`), te late eerst.

Stadsrapport (:func:`stadsrapport`)
    Kerncijfers, per wijk de maten van ``/vergelijk`` plus plan, laatste evaluatie, toezeggingen en
    het aantal signalen, de ambitiescores (heatmap) en de signalen, gerangschikt
    (:func:`rangschik_signalen`): eerst wat niet aan één wijk hangt, dan de wijken met de meeste
    signalen van ernst *hoog*, bij gelijke stand de meeste *aandacht*-signalen, dan op naam.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.afgeleid import EVALUATIE_TELT, OP_KOERS_WAARDEN
from datalaag.budget import (
    JaarBudget,
    OormerkRegels,
    budget_jaren,
    budget_trend,
    budgetposten,
)
from datalaag.meldingen import (
    Afhandeling,
    MeldingFilter,
    OpenMeldingen,
    RegiegroepWijk,
    afhandeling,
    open_meldingen,
    regiegroep_melding,
)
from datalaag.models import Evaluatie, Wijk, Wijkplan
from datalaag.overzicht import AmbitieMatrix, Kpis, ambitie_matrix, kpis
from datalaag.signalen import HOOG, MIDDEL, Signaal, signalen
from datalaag.toezeggingen import ToezeggingFilter, ToezeggingRij, toezeggingen
from datalaag.trends import DoelstellingTrend, doelstelling_trends
from datalaag.validatie import Controle
from datalaag.vergelijk import Doelstellingstatus, vergelijk_wijken, wijk_opties
from datalaag.wijkpagina import (
    AmbitieKort,
    BudgetSamenvatting,
    EvaluatieFormulier,
    MaatregelRegel,
    MeldingenSamenvatting,
    PlanDetail,
    PlanKort,
    ScorePunt,
    ToezeggingenSamenvatting,
    WijkBasis,
    alle_ambities,
    ambitiescore_verloop,
    budget_samenvatting,
    evaluaties,
    kies_plan,
    maatregelen,
    meldingen_samenvatting,
    plan_detail,
    toezeggingen_samenvatting,
    wijk_basis,
)

__all__ = [
    "REGEL_LABELS",
    "STAD",
    "Peildatumkeuze",
    "RegelTelling",
    "SignaalGroep",
    "Stadsrapport",
    "WijkRegel",
    "Wijkrapport",
    "kies_peildatum",
    "rangschik_signalen",
    "signalen_per_regel",
    "stadsrapport",
    "wijkrapport",
]

#: De slug van het stadsrapport (``/rapport/stad``); geen wijk heet zo.
STAD = "stad"
#: Het budget in het wijkrapport: de trend over zoveel jaren tot en met het jaar van de peildatum.
BUDGET_JAREN = 6
#: Zoveel open meldingen over de norm noemt het wijkrapport bij naam (de oudste eerst).
OPEN_MELDINGEN_GETOOND = 10

#: Leesbare namen van de signaalregels (:mod:`datalaag.signalen`), in de volgorde van ``REGELS``.
REGEL_LABELS: dict[str, str] = {
    "doelstelling_ver_achter": "Doelstelling ver achter",
    "oormerk_overschreden": "Oormerk overschreden",
    "oormerk_onderbesteed": "Oormerk onderbesteed in het laatste kwartaal",
    "maatregel_achter_schema": "Maatregelen achter schema",
    "toezegging_te_laat": "Toezegging over de termijn",
    "meldingen_over_norm": "Meldingen over de afhandelnorm",
    "meldingen_niet_gemeld": "Meldingen niet gemeld aan de regiegroep",
    "metingen_achterstallig": "Metingen achterstallig",
    "regiegroep_termijn_verlopen": "Zittingstermijn regiegroepleden verlopen",
    "evaluatie_ontbreekt": "Evaluatie over vorig jaar ontbreekt",
}
_ERNST_VOLGORDE = {HOOG: 0, MIDDEL: 1}


# --------------------------------------------------------------------------- peildatum


@dataclass(frozen=True, slots=True)
class Peildatumkeuze:
    """De peildatum van het rapport; ``fout`` zegt in het Nederlands wat er mis was met de gevraagde
    datum (dan is ``peildatum`` vandaag)."""

    peildatum: dt.date
    fout: str | None = None


def kies_peildatum(tekst: str | None, vandaag: dt.date) -> Peildatumkeuze:
    """``?peildatum=dd-mm-jjjj`` (ook jjjj-mm-dd); leeg = vandaag. Een ongeldige datum of een datum
    in de toekomst valt terug op vandaag, met een melding."""
    if tekst is None or not str(tekst).strip():
        return Peildatumkeuze(vandaag)
    controle = Controle()
    datum = controle.datum("peildatum", "Peildatum", str(tekst)[:40], laatst=vandaag)
    if datum is None:
        return Peildatumkeuze(vandaag, controle.fouten.get("peildatum"))
    return Peildatumkeuze(datum)


# --------------------------------------------------------------------------- signalen rangschikken


@dataclass(frozen=True, slots=True)
class SignaalGroep:
    """De signalen van één wijk (of, met ``wijk_slug`` None, die niet aan één wijk hangen)."""

    wijk_slug: str | None
    wijk_naam: str | None
    signalen: tuple[Signaal, ...]

    @property
    def hoog(self) -> int:
        return sum(1 for s in self.signalen if s.ernst == HOOG)

    @property
    def middel(self) -> int:
        return sum(1 for s in self.signalen if s.ernst == MIDDEL)


def rangschik_signalen(lijst: Iterable[Signaal], wijken: Sequence[tuple[str, str]] = ()) -> list[SignaalGroep]:
    """Groepeer per wijk en rangschik: eerst de signalen zonder wijk (stadsbreed), dan de wijken met
    de meeste signalen van ernst *hoog*, dan de meeste *middel*, dan op naam. ``wijken`` (slug, naam):
    wijken zonder signalen staan er dan onderaan bij, met nul. Binnen een groep blijft de volgorde
    van :func:`~datalaag.signalen.signalen` (hoog eerst)."""
    per_wijk: dict[str | None, list[Signaal]] = defaultdict(list)
    namen: dict[str | None, str | None] = {None: None}
    for s in lijst:
        per_wijk[s.wijk_slug].append(s)
        namen[s.wijk_slug] = s.wijk_naam
    for slug, naam in wijken:
        per_wijk.setdefault(slug, [])
        namen.setdefault(slug, naam)
    groepen = [SignaalGroep(slug, namen[slug], tuple(sorted(lijst_, key=lambda s: _ERNST_VOLGORDE[s.ernst])))
               for slug, lijst_ in per_wijk.items() if slug is not None]
    groepen.sort(key=lambda g: (-g.hoog, -g.middel, (g.wijk_naam or "").casefold(), g.wijk_naam or ""))
    if per_wijk.get(None):
        groepen.insert(0, SignaalGroep(None, None, tuple(per_wijk[None])))
    return groepen


@dataclass(frozen=True, slots=True)
class RegelTelling:
    regel: str
    label: str
    ernst: str
    aantal: int
    #: de wijken met dit signaal, op naam (stadsbrede signalen tellen niet als wijk)
    wijken: tuple[str, ...]


def signalen_per_regel(lijst: Iterable[Signaal]) -> list[RegelTelling]:
    """Aantal signalen per regel: ernst hoog eerst, dan de meeste signalen, dan op naam."""
    per_regel: dict[str, list[Signaal]] = defaultdict(list)
    for s in lijst:
        per_regel[s.regel].append(s)
    uit = [
        RegelTelling(
            regel=regel,
            label=REGEL_LABELS.get(regel, regel),
            ernst=min((s.ernst for s in sig), key=_ERNST_VOLGORDE.__getitem__),
            aantal=len(sig),
            wijken=tuple(sorted({s.wijk_naam for s in sig if s.wijk_naam}, key=lambda n: (n.casefold(), n))),
        )
        for regel, sig in per_regel.items()
    ]
    return sorted(uit, key=lambda r: (_ERNST_VOLGORDE[r.ernst], -r.aantal, r.label))


# --------------------------------------------------------------------------- wijkrapport


@dataclass(frozen=True, slots=True)
class Wijkrapport:
    peildatum: dt.date
    gemaakt_op: dt.date
    wijk: WijkBasis
    #: het plan van het rapport (None: de wijk heeft geen plan)
    plan: PlanKort | None
    plandetail: PlanDetail | None
    ambities: tuple[AmbitieKort, ...]
    #: per ambitie de ambitiescore van de wijk en het stadsgemiddelde op de peildatum
    ambitiescores: tuple[ScorePunt, ...]
    doelstellingen: tuple[DoelstellingTrend, ...]
    maatregelen: tuple[MaatregelRegel, ...]
    budget: BudgetSamenvatting
    budgetposten: tuple[OormerkRegels, ...]
    budget_per_jaar: tuple[JaarBudget, ...]
    meldingen: MeldingenSamenvatting
    afhandeling: Afhandeling
    open_meldingen: OpenMeldingen
    #: gemeld aan de regiegroep (None: geen melding die al gemeld had moeten zijn)
    regiegroep_melding: RegiegroepWijk | None
    #: de nieuwste ingediende of vastgestelde evaluatie
    evaluatie: EvaluatieFormulier | None
    #: een concept over een later jaar dan ``evaluatie``
    nieuwer_concept: EvaluatieFormulier | None
    toezeggingen_samenvatting: ToezeggingenSamenvatting
    #: open toezeggingen over de wijk (te late eerst, dan op termijn)
    toezeggingen: tuple[ToezeggingRij, ...]
    #: de signalen van deze wijk op de peildatum
    signalen: tuple[Signaal, ...]

    @property
    def jaar(self) -> int:
        return self.peildatum.year

    @property
    def doelstellingen_per_status(self) -> dict[str, int]:
        telling = Counter(t.status for t in self.doelstellingen)
        return {s: telling.get(s, 0) for s in OP_KOERS_WAARDEN}

    @property
    def maatregelen_achter_schema(self) -> int:
        return sum(1 for m in self.maatregelen if m.achter_schema)


def wijkrapport(sessie: Session, slug: str, peildatum: dt.date, gemaakt_op: dt.date) -> Wijkrapport | None:
    """Het rapport van één wijk op de peildatum; ``None`` als de slug geen wijk is."""
    wijk = wijk_basis(sessie, slug or "")
    if wijk is None:
        return None
    jaar = peildatum.year
    plan = kies_plan(wijk.plannen, None, jaar)
    alle_evaluaties = evaluaties(sessie, wijk.id, jaar)
    laatste = next((e for e in alle_evaluaties if e.status in EVALUATIE_TELT), None)
    concept = next((e for e in alle_evaluaties
                    if e.status == "concept" and (laatste is None or e.jaar > laatste.jaar)), None)
    toez = [t for t in toezeggingen(sessie, ToezeggingFilter(status="open", wijk=wijk.slug), peildatum)
            if t.datum <= peildatum]
    meldfilter = MeldingFilter(jaar=jaar, wijk=wijk.slug)
    gemeld = regiegroep_melding(sessie, meldfilter, peildatum).per_wijk
    jaren_budget = [j for j in budget_jaren(sessie) if jaar - BUDGET_JAREN < j <= jaar]
    return Wijkrapport(
        peildatum=peildatum,
        gemaakt_op=gemaakt_op,
        wijk=wijk,
        plan=plan,
        plandetail=plan_detail(sessie, plan.id) if plan else None,
        ambities=tuple(alle_ambities(sessie)),
        ambitiescores=tuple(p for p in ambitiescore_verloop(sessie, wijk.id, [jaar], peildatum) if p.jaar == jaar),
        doelstellingen=tuple(doelstelling_trends(sessie, plan.id, peildatum)) if plan else (),
        maatregelen=tuple(maatregelen(sessie, plan.id, peildatum)) if plan else (),
        budget=budget_samenvatting(sessie, wijk.id, jaar),
        budgetposten=tuple(budgetposten(sessie, wijk.slug, jaar, peildatum)),
        budget_per_jaar=tuple(budget_trend(sessie, jaren_budget, wijk=wijk.slug)),
        meldingen=meldingen_samenvatting(sessie, wijk.id, jaar, peildatum),
        afhandeling=afhandeling(sessie, meldfilter, peildatum),
        open_meldingen=open_meldingen(sessie, meldfilter, peildatum, limiet=OPEN_MELDINGEN_GETOOND),
        regiegroep_melding=gemeld[0] if gemeld else None,
        evaluatie=laatste,
        nieuwer_concept=concept,
        toezeggingen_samenvatting=toezeggingen_samenvatting(sessie, wijk.id, peildatum),
        toezeggingen=tuple(sorted(toez, key=lambda t: (not t.te_laat, t.termijn, t.nummer))),
        signalen=tuple(s for s in signalen(sessie, jaar, peildatum) if s.wijk_slug == wijk.slug),
    )


# --------------------------------------------------------------------------- stadsrapport


@dataclass(frozen=True, slots=True)
class WijkRegel:
    """Eén wijk in het stadsrapport."""

    slug: str
    naam: str
    stadsdeel: str
    werkwijze: str
    plan: PlanKort | None
    doelstellingen: Doelstellingstatus
    oormerk: float
    uitgaven: float
    budgetbenutting: float | None
    maatregelen: int
    maatregelen_achter_schema: int
    meldingen: int
    meldingen_per_1000: float | None
    toezeggingen: ToezeggingenSamenvatting
    #: jaar en status van de nieuwste ingediende of vastgestelde evaluatie (None: geen)
    laatste_evaluatie: tuple[int, str] | None
    signalen_hoog: int
    signalen_middel: int


@dataclass(frozen=True, slots=True)
class Stadsrapport:
    peildatum: dt.date
    gemaakt_op: dt.date
    kpis: Kpis
    #: alle wijken, op naam
    wijken: tuple[WijkRegel, ...]
    matrix: AmbitieMatrix
    #: alle signalen, zoals :func:`~datalaag.signalen.signalen` ze sorteert
    signalen: tuple[Signaal, ...]
    ranglijst: tuple[SignaalGroep, ...]
    per_regel: tuple[RegelTelling, ...]

    @property
    def jaar(self) -> int:
        return self.peildatum.year


def _plannen_per_wijk(sessie: Session) -> dict[int, tuple[PlanKort, ...]]:
    """Alle plannen, per wijk nieuwste eerst (zoals :func:`~datalaag.wijkpagina.wijk_basis`). Eén query."""
    per_wijk: dict[int, list[PlanKort]] = defaultdict(list)
    for r in sessie.execute(
        select(Wijkplan.wijk_id, Wijkplan.id, Wijkplan.titel, Wijkplan.werkwijze, Wijkplan.periode_van,
               Wijkplan.periode_tot, Wijkplan.status)
        .order_by(Wijkplan.wijk_id, Wijkplan.periode_van.desc(), Wijkplan.id.desc())
    ):
        per_wijk[r.wijk_id].append(PlanKort(r.id, r.titel, r.werkwijze, r.periode_van, r.periode_tot, r.status))
    return {k: tuple(v) for k, v in per_wijk.items()}


def _laatste_evaluaties(sessie: Session, jaar: int) -> dict[int, tuple[int, str]]:
    """Per wijk het jaar en de status van de nieuwste ingediende of vastgestelde evaluatie over een
    jaar ≤ ``jaar``. Eén query."""
    nieuwste = (
        select(Evaluatie.wijk_id, func.max(Evaluatie.jaar).label("jaar"))
        .where(Evaluatie.status.in_(EVALUATIE_TELT), Evaluatie.jaar <= jaar)
        .group_by(Evaluatie.wijk_id)
        .subquery("nieuwste")
    )
    rijen = sessie.execute(
        select(Evaluatie.wijk_id, Evaluatie.jaar, Evaluatie.status)
        .join(nieuwste, (nieuwste.c.wijk_id == Evaluatie.wijk_id) & (nieuwste.c.jaar == Evaluatie.jaar))
        .where(Evaluatie.status.in_(EVALUATIE_TELT))
    ).all()
    return {r.wijk_id: (int(r.jaar), r.status) for r in rijen}


def stadsrapport(sessie: Session, peildatum: dt.date, gemaakt_op: dt.date) -> Stadsrapport:
    """Het rapport over de hele stad op de peildatum."""
    jaar = peildatum.year
    opties = wijk_opties(sessie)
    ids = dict(sessie.execute(select(Wijk.slug, Wijk.id)).all())
    vergeleken = {w.slug: w for w in vergelijk_wijken(sessie, [o.slug for o in opties], jaar, peildatum)}
    plannen = _plannen_per_wijk(sessie)
    evaluaties_ = _laatste_evaluaties(sessie, jaar)
    alle_signalen = signalen(sessie, jaar, peildatum)
    ranglijst = rangschik_signalen(alle_signalen, [(o.slug, o.naam) for o in opties])
    per_slug = {g.wijk_slug: g for g in ranglijst}
    regels = []
    for o in opties:
        w = vergeleken[o.slug]
        m = w.maten
        groep = per_slug.get(o.slug)
        regels.append(
            WijkRegel(
                slug=o.slug,
                naam=o.naam,
                stadsdeel=w.stadsdeel,
                werkwijze=w.werkwijze,
                plan=kies_plan(plannen.get(ids[o.slug], ()), None, jaar),
                doelstellingen=m.doelstellingen,
                oormerk=m.oormerk,
                uitgaven=m.uitgaven,
                budgetbenutting=m.budgetbenutting,
                maatregelen=m.maatregelen,
                maatregelen_achter_schema=m.maatregelen_achter_schema,
                meldingen=m.meldingen,
                meldingen_per_1000=m.meldingen_per_1000,
                toezeggingen=toezeggingen_samenvatting(sessie, ids[o.slug], peildatum),
                laatste_evaluatie=evaluaties_.get(ids[o.slug]),
                signalen_hoog=groep.hoog if groep else 0,
                signalen_middel=groep.middel if groep else 0,
            )
        )
    return Stadsrapport(
        peildatum=peildatum,
        gemaakt_op=gemaakt_op,
        kpis=kpis(sessie, jaar, peildatum),
        wijken=tuple(regels),
        matrix=ambitie_matrix(sessie, jaar, peildatum),
        signalen=tuple(alle_signalen),
        ranglijst=tuple(ranglijst),
        per_regel=tuple(signalen_per_regel(alle_signalen)),
    )
