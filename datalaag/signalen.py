"""Signalen: de waarschuwingen op het overzicht en de wijkpagina's (shared/DESIGN.md, "Signalen").

Elke regel is een eigen functie ``signaal_<regel>(sessie, jaar, peildatum) -> list[Signaal]``
met één (soms twee) SQL-queries; :func:`signalen` voegt ze samen en sorteert: ernst ``hoog``
eerst, dan stadsbrede signalen (zonder wijk), dan op wijknaam. De definities (wanneer is iets
ver achter, te laat, over de norm, …) staan in :mod:`datalaag.afgeleid`.

Keuzes per regel (ernst · één signaal per …):

- ``doelstelling_ver_achter`` (hoog · doelstelling): laatste meting ≤ peildatum is ``ver_achter``;
  alleen doelstellingen van plannen die in ``jaar`` actief zijn (vastgesteld/geëvalueerd).
- ``oormerk_overschreden`` (hoog · wijk): uitgaven in ``jaar`` > oormerk toegerekend aan ``jaar``
  (ook: uitgaven zonder oormerk).
- ``oormerk_onderbesteed`` (middel · wijk): peildatum in het laatste kwartaal en minder dan de
  helft van het oormerk besteed.
- ``maatregel_achter_schema`` (middel · wijk, met aantal): maatregelen van actieve plannen.
- ``toezegging_te_laat`` (hoog · toezegging): open en termijn verstreken. Heeft één
  portefeuillehouder er meer dan ``TOEZEGGINGEN_GROEPEREN_BOVEN`` (5), dan één signaal voor die
  portefeuillehouder met het aantal, zodat de lijst leesbaar blijft.
- ``meldingen_over_norm`` (middel · wijk, met aantal): open op de peildatum en over de norm, of in
  ``jaar`` (tot de peildatum) afgehandeld met afhandeltijd boven de norm.
- ``meldingen_niet_gemeld`` (middel · wijk, met aantal): in ``jaar`` ontvangen, niet binnen 30
  dagen gemeld aan de regiegroep.
- ``metingen_achterstallig`` (middel · wijk, met de indicatoren): indicatoren van doelstellingen
  van actieve plannen waarvan de laatste meting ouder is dan meetfrequentie + 3 maanden.
- ``regiegroep_termijn_verlopen`` (middel · wijk, met de namen): zittingstermijn (``termijn_tot``)
  vóór de peildatum, voor leden die op de peildatum nog zitting hebben (niet ``vertrokken_op``).
- ``evaluatie_ontbreekt`` (hoog · wijk): plan actief in ``jaar − 1`` maar geen ingediende of
  vastgestelde evaluatie over ``jaar − 1`` (de kern van de kritiek van de Rekenkamercommissie).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from datalaag.afgeleid import (
    EVALUATIE_TELT,
    VER_ACHTER,
    absolute_streefwaarde,
    achter_schema_sql,
    budget_per_wijk_select,
    inwoners_voor_jaar,
    melding_afgehandeld_sql,
    melding_niet_gemeld_sql,
    melding_open_sql,
    melding_over_norm_sql,
    meting_achterstallig,
    peildatum_voor_jaar,
    per_1000,
    plan_actief_sql,
    te_laat_sql,
    verwachte_waarde,
)
from datalaag.cache import gecachet
from datalaag.doelstellingen import doelstellingen_met_status
from datalaag.models import (
    Afhandelnorm,
    Doelstelling,
    Evaluatie,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Regiegroep,
    Regiegroeplid,
    Toezegging,
    Wijk,
    Wijkplan,
)
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)

HOOG = "hoog"
MIDDEL = "middel"
_ERNST_VOLGORDE = {HOOG: 0, MIDDEL: 1}

#: Meer dan zoveel te late toezeggingen van één portefeuillehouder → één gegroepeerd signaal.
TOEZEGGINGEN_GROEPEREN_BOVEN = 5
#: Budget: "laatste kwartaal" begint op 1 oktober.
LAATSTE_KWARTAAL_VANAF_MAAND = 10
#: Onder deze benutting in het laatste kwartaal: onderbesteed.
ONDERBESTEDING_GRENS = 0.5
# Centen-marge bij het vergelijken van float-sommen van bedragen.
_CENT = 0.005


@dataclass(frozen=True, slots=True)
class Signaal:
    """Eén waarschuwing. ``regel`` is de machinenaam van de regel, ``link`` de route om in te zoomen."""

    regel: str
    ernst: str  # 'hoog' | 'middel'
    wijk_slug: str | None
    wijk_naam: str | None
    tekst: str
    link: str


def _sorteersleutel(s: Signaal) -> tuple[int, bool, str, str, str]:
    return (_ERNST_VOLGORDE[s.ernst], s.wijk_naam is not None, (s.wijk_naam or "").casefold(), s.regel, s.tekst)


def _waarde(x: float) -> str:
    return formatteer_getal(x, 1)


# --------------------------------------------------------------------------- regels


def signaal_doelstelling_ver_achter(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Doelstellingen van actieve plannen waarvan de laatste meting ``ver_achter`` is."""
    uit: list[Signaal] = []
    for r in doelstellingen_met_status(sessie, jaar, peildatum):
        if r.status != VER_ACHTER:
            continue
        inw = r.inwoners
        streef_abs = absolute_streefwaarde(r.nulmeting_waarde, r.streef_type, r.streefwaarde)
        gemeten: float | None = r.meting_waarde
        nul: float | None = r.nulmeting_waarde
        if r.is_telling:
            gemeten = per_1000(r.meting_waarde, inwoners_voor_jaar(inw, r.meting_peildatum.year))
            nul = per_1000(r.nulmeting_waarde, inwoners_voor_jaar(inw, r.nulmeting_jaar))
            streef_abs = per_1000(streef_abs, inwoners_voor_jaar(inw, r.streefjaar))
        verwacht = verwachte_waarde(nul, r.nulmeting_jaar, streef_abs, r.streefjaar, r.meting_peildatum)
        per = " per 1.000 inwoners" if r.is_telling else ""
        uit.append(
            Signaal(
                regel="doelstelling_ver_achter",
                ernst=HOOG,
                wijk_slug=r.wijk_slug,
                wijk_naam=r.wijk_naam,
                tekst=(
                    f"{r.wijk_naam}: doelstelling '{r.tekst}' ligt ver achter ({_waarde(gemeten)}{per} gemeten op "
                    f"{formatteer_datum(r.meting_peildatum)}, verwacht {_waarde(verwacht)})."
                ),
                link=f"/wijk/{r.wijk_slug}?ambitie={r.ambitie_nummer}",
            )
        )
    return uit


def signaal_oormerk(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """``oormerk_overschreden`` en ``oormerk_onderbesteed`` (laatste kwartaal, < 50% besteed)."""
    budget = budget_per_wijk_select(jaar).subquery("budget")
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam, budget.c.oormerk, budget.c.uitgaven, budget.c.budgetbenutting)
        .join(budget, budget.c.wijk_id == Wijk.id)
        .where((budget.c.oormerk > 0) | (budget.c.uitgaven > 0))
    ).all()
    laatste_kwartaal = peildatum.month >= LAATSTE_KWARTAAL_VANAF_MAAND
    uit: list[Signaal] = []
    for r in rijen:
        link = f"/budget?wijk={r.slug}&jaar={jaar}"
        if r.uitgaven > r.oormerk + _CENT:
            if r.oormerk > 0:
                tekst = (
                    f"{r.naam}: in {jaar} is {formatteer_bedrag(r.uitgaven)} uitgegeven, "
                    f"{formatteer_procent(r.budgetbenutting)} van het oormerk van {formatteer_bedrag(r.oormerk)}."
                )
            else:
                tekst = f"{r.naam}: in {jaar} is {formatteer_bedrag(r.uitgaven)} uitgegeven zonder oormerk voor dat jaar."
            uit.append(Signaal("oormerk_overschreden", HOOG, r.slug, r.naam, tekst, link))
        elif laatste_kwartaal and r.budgetbenutting is not None and r.budgetbenutting < ONDERBESTEDING_GRENS:
            tekst = (
                f"{r.naam}: op {formatteer_datum(peildatum)} is pas {formatteer_procent(r.budgetbenutting)} van het "
                f"oormerk voor {jaar} besteed ({formatteer_bedrag(r.uitgaven)} van {formatteer_bedrag(r.oormerk)})."
            )
            uit.append(Signaal("oormerk_onderbesteed", MIDDEL, r.slug, r.naam, tekst, link))
    return uit


def signaal_maatregel_achter_schema(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Per wijk het aantal maatregelen (van actieve plannen) achter schema."""
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam, func.count(Maatregel.id).label("aantal"))
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .where(plan_actief_sql(jaar), achter_schema_sql(peildatum))
        .group_by(Wijk.id, Wijk.slug, Wijk.naam)
    ).all()
    return [
        Signaal(
            "maatregel_achter_schema",
            MIDDEL,
            r.slug,
            r.naam,
            f"{r.naam}: {meervoud(r.aantal, 'maatregel loopt', 'maatregelen lopen')} achter op schema.",
            f"/projecten?wijk={r.slug}&jaar={jaar}",
        )
        for r in rijen
    ]


def signaal_toezegging_te_laat(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Open toezeggingen over hun termijn; gegroepeerd per portefeuillehouder boven 5."""
    rijen = sessie.execute(
        select(
            Toezegging.nummer,
            Toezegging.portefeuillehouder,
            Toezegging.onderwerp,
            Toezegging.termijn,
            Wijk.slug,
            Wijk.naam,
        )
        .outerjoin(Wijk, Wijk.id == Toezegging.wijk_id)
        .where(te_laat_sql(peildatum), Toezegging.datum <= peildatum)
        .order_by(Toezegging.termijn, Toezegging.nummer)
    ).all()
    per_houder: dict[str, list] = defaultdict(list)
    for r in rijen:
        per_houder[r.portefeuillehouder].append(r)
    uit: list[Signaal] = []
    for houder, lijst in per_houder.items():
        if len(lijst) > TOEZEGGINGEN_GROEPEREN_BOVEN:
            oudste = min(r.termijn for r in lijst)
            uit.append(
                Signaal(
                    "toezegging_te_laat",
                    HOOG,
                    None,
                    None,
                    f"{houder}: {len(lijst)} toezeggingen zijn niet afgedaan binnen hun termijn "
                    f"(oudste termijn {formatteer_datum(oudste)}).",
                    f"/toezeggingen?status=te_laat&portefeuillehouder={quote_plus(houder)}",
                )
            )
            continue
        for r in lijst:
            voorvoegsel = f"{r.naam}: " if r.naam else ""
            uit.append(
                Signaal(
                    "toezegging_te_laat",
                    HOOG,
                    r.slug,
                    r.naam,
                    f"{voorvoegsel}toezegging {r.nummer} ({houder}) over '{r.onderwerp}' is niet afgedaan; "
                    f"de termijn was {formatteer_datum(r.termijn)}.",
                    "/toezeggingen?status=te_laat",
                )
            )
    return uit


@dataclass(frozen=True, slots=True)
class MeldingRij:
    """Een rij uit :func:`meldingen_afhandeling`: ``soort`` ``"tijd"`` (stad, per categorie en afhandeltijd: de
    meldingen afgehandeld in het jaar) of ``"wijk"`` (per wijk: te laat afgehandeld, open, open over de norm, niet
    gemeld)."""

    soort: str
    wijk_id: int | None
    wijk_slug: str | None
    wijk_naam: str | None
    categorie: str | None
    afhandeltijd_werkdagen: int | None
    #: de afhandelnorm (werkdagen) van de categorie; None zonder norm (of bij een wijkrij)
    norm: int | None
    #: afgehandeld in ``jaar`` tot en met de peildatum (tijdrij)
    afgehandeld: int = 0
    #: in ``jaar`` afgehandeld met een afhandeltijd boven de norm van de categorie (wijkrij)
    te_laat: int = 0
    #: open op de peildatum (wijkrij)
    open: int = 0
    #: daarvan over de norm van hun categorie (alleen geteld als er ``normen`` zijn meegegeven; wijkrij)
    open_over_norm: int = 0
    #: ontvangen in ``jaar`` en niet (op tijd) gemeld aan de regiegroep (wijkrij)
    niet_gemeld: int = 0


def meldingen_afhandeling(sessie: Session, jaar: int, peildatum: dt.date, normen: dict[str, int] | None = None
                          ) -> list[MeldingRij]:
    """Eén query over de meldingen die op de peildatum open zijn of in ``jaar`` (tot de peildatum) zijn afgehandeld.
    Daaruit volgen de afhandeltijden en het aantal open meldingen van de kerncijfers (:func:`datalaag.overzicht.kpis`)
    én de signalen over de afhandelnorm en het melden aan de regiegroep. Elke melding die in het jaar (tot de
    peildatum) is ontvangen, is open of in het jaar afgehandeld, en zit er dus in.

    De meldingen worden eerst per wijk × categorie × afhandeltijd geteld (met ``SUM(CASE ...)`` per soort), daarna
    in SQL verder samengevat tot een histogram van de stad (categorie × afhandeltijd) en één rij per wijk: er komen
    een paar honderd rijen naar Python in plaats van duizenden. Bovenaan de voorwaarde staat een ``OR`` van twee
    indexbereiken op ``afgehandeld_op``: PostgreSQL leest dan alleen die meldingen (bitmap-indexscan) in plaats van
    de hele tabel. Vóór deze query las het overzicht de meldingen drie keer, de eerste keer helemaal (3 miljoen
    rijen bij G4)."""
    begin_jaar = dt.datetime(jaar, 1, 1)
    open_ = melding_open_sql(peildatum)
    afgehandeld_in_jaar = and_(melding_afgehandeld_sql(peildatum), Melding.afgehandeld_op >= begin_jaar)
    over_norm = and_(open_, melding_over_norm_sql(peildatum, normen)) if normen else false()
    niet_gemeld = and_(Melding.ontvangen_op >= begin_jaar, melding_niet_gemeld_sql(peildatum))
    groepen = (
        select(
            Melding.wijk_id,
            Melding.categorie,
            Melding.afhandeltijd_werkdagen,
            func.sum(case((afgehandeld_in_jaar, 1), else_=0)).label("afgehandeld"),
            func.sum(case((open_, 1), else_=0)).label("open"),
            func.sum(case((over_norm, 1), else_=0)).label("open_over_norm"),
            func.sum(case((niet_gemeld, 1), else_=0)).label("niet_gemeld"),
        )
        .where(
            # Volgt uit de voorwaarde eronder (open: nog niet of na de peildatum afgehandeld; afgehandeld in het
            # jaar: na 1-1), maar zo staat er een OR van twee indexbereiken bovenaan.
            or_(Melding.afgehandeld_op.is_(None), Melding.afgehandeld_op >= begin_jaar),
            open_ | afgehandeld_in_jaar,
        )
        .group_by(Melding.wijk_id, Melding.categorie, Melding.afhandeltijd_werkdagen)
        .cte("groepen")
    )
    geen_int = cast(null(), Integer)
    nul = literal(0, Integer)
    tijden = (
        select(
            literal("tijd").label("soort"), geen_int.label("wijk_id"), groepen.c.categorie,
            groepen.c.afhandeltijd_werkdagen, func.sum(groepen.c.afgehandeld).label("afgehandeld"),
            nul.label("te_laat"), nul.label("open"), nul.label("open_over_norm"), nul.label("niet_gemeld"),
        )
        .where(groepen.c.afgehandeld > 0, groepen.c.afhandeltijd_werkdagen.is_not(None))
        .group_by(groepen.c.categorie, groepen.c.afhandeltijd_werkdagen)
    )
    norm_g = aliased(Afhandelnorm, name="norm_g")
    per_wijk = (
        select(
            literal("wijk"), groepen.c.wijk_id, cast(null(), String), geen_int, nul,
            func.sum(case((groepen.c.afhandeltijd_werkdagen > norm_g.werkdagen, groepen.c.afgehandeld), else_=0)),
            func.sum(groepen.c.open), func.sum(groepen.c.open_over_norm), func.sum(groepen.c.niet_gemeld),
        )
        .outerjoin(norm_g, norm_g.categorie == groepen.c.categorie)
        .group_by(groepen.c.wijk_id)
    )
    samen = union_all(tijden, per_wijk).subquery("samen")
    rijen = sessie.execute(
        select(samen, Wijk.slug, Wijk.naam, Afhandelnorm.werkdagen.label("norm"))
        .outerjoin(Wijk, Wijk.id == samen.c.wijk_id)
        .outerjoin(Afhandelnorm, Afhandelnorm.categorie == samen.c.categorie)
    ).all()
    return [
        MeldingRij(
            soort=r.soort, wijk_id=None if r.wijk_id is None else int(r.wijk_id), wijk_slug=r.slug, wijk_naam=r.naam,
            categorie=r.categorie, afhandeltijd_werkdagen=r.afhandeltijd_werkdagen,
            norm=None if r.norm is None else int(r.norm), afgehandeld=int(r.afgehandeld or 0),
            te_laat=int(r.te_laat or 0), open=int(r.open or 0), open_over_norm=int(r.open_over_norm or 0),
            niet_gemeld=int(r.niet_gemeld or 0),
        )
        for r in rijen
    ]


def afhandelnormen(sessie: Session) -> dict[str, int]:
    """Categorie → afhandelnorm in werkdagen (de tabel ``afhandelnorm``: hooguit zes rijen)."""
    return {c: int(w) for c, w in sessie.execute(select(Afhandelnorm.categorie, Afhandelnorm.werkdagen))}


def signaal_meldingen_over_norm(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Per wijk: open meldingen over de norm plus in ``jaar`` te laat afgehandelde meldingen."""
    normen = afhandelnormen(sessie)
    if not normen:
        return []
    return _meldingen_over_norm(meldingen_afhandeling(sessie, jaar, peildatum, normen), normen, jaar)


def _meldingen_over_norm(rijen: list[MeldingRij], normen: dict[str, int], jaar: int) -> list[Signaal]:
    if not normen:
        return []
    per_wijk: dict[int, list] = {}
    for r in rijen:
        if r.soort != "wijk" or not (r.te_laat or r.open_over_norm):
            continue
        telling = per_wijk.setdefault(r.wijk_id, [r.wijk_slug, r.wijk_naam, 0, 0])
        telling[2] += r.te_laat + r.open_over_norm
        telling[3] += r.open_over_norm
    uit: list[Signaal] = []
    for slug, naam, aantal, open_aantal in per_wijk.values():
        te_laat = aantal - open_aantal
        uit.append(
            Signaal(
                "meldingen_over_norm",
                MIDDEL,
                slug,
                naam,
                f"{naam}: {meervoud(aantal, 'melding', 'meldingen')} over de afhandelnorm "
                f"({open_aantal} nog open, {te_laat} te laat afgehandeld in {jaar}).",
                f"/meldingen?wijk={slug}&jaar={jaar}",
            )
        )
    return uit


def signaal_meldingen_niet_gemeld(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Per wijk: meldingen uit ``jaar`` die niet (op tijd) aan de regiegroep zijn gemeld."""
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam, func.count(Melding.id).label("aantal"))
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .where(Melding.ontvangen_op >= dt.datetime(jaar, 1, 1), melding_niet_gemeld_sql(peildatum))
        .group_by(Wijk.id, Wijk.slug, Wijk.naam)
    ).all()
    return _niet_gemeld(rijen, jaar)


def _niet_gemeld_uit(meldingen: list[MeldingRij], jaar: int) -> list[Signaal]:
    """:func:`signaal_meldingen_niet_gemeld` uit de rijen van :func:`meldingen_afhandeling`."""
    per_wijk: dict[int, list] = {}
    for r in meldingen:
        if r.soort == "wijk" and r.niet_gemeld:
            per_wijk.setdefault(r.wijk_id, [r.wijk_slug, r.wijk_naam, 0])[2] += r.niet_gemeld
    return _niet_gemeld([_Telling(slug, naam, aantal) for slug, naam, aantal in per_wijk.values()], jaar)


@dataclass(frozen=True, slots=True)
class _Telling:
    slug: str
    naam: str
    aantal: int


def _niet_gemeld(rijen: list[Any], jaar: int) -> list[Signaal]:
    return [
        Signaal(
            "meldingen_niet_gemeld",
            MIDDEL,
            r.slug,
            r.naam,
            f"{r.naam}: {meervoud(r.aantal, 'melding', 'meldingen')} uit {jaar} niet gemeld aan de regiegroep.",
            f"/meldingen?wijk={r.slug}&jaar={jaar}",
        )
        for r in rijen
    ]


def signaal_metingen_achterstallig(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Per wijk de indicatoren (van doelstellingen van actieve plannen) zonder actuele meting."""
    # Eerst de paren (wijk, indicator) van de actieve doelstellingen, dan per paar de laatste meting via de
    # index (indicator_id, wijk_id, peildatum): niet alle metingen van de stad groeperen.
    paren = (
        select(
            Wijk.id.label("wijk_id"),
            Wijk.slug,
            Wijk.naam.label("wijk_naam"),
            Indicator.id.label("indicator_id"),
            Indicator.naam.label("indicator_naam"),
            Indicator.meetfrequentie_maanden,
            func.max(Doelstelling.nulmeting_jaar).label("nuljaar"),
        )
        .select_from(Doelstelling)
        .join(Wijkplan, Wijkplan.id == Doelstelling.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Indicator, Indicator.id == Doelstelling.indicator_id)
        .where(plan_actief_sql(jaar))
        .group_by(Wijk.id, Wijk.slug, Wijk.naam, Indicator.id, Indicator.naam, Indicator.meetfrequentie_maanden)
        .subquery("paren")
    )
    laatste = (
        select(func.max(Meting.peildatum))
        .where(Meting.indicator_id == paren.c.indicator_id, Meting.wijk_id == paren.c.wijk_id,
               Meting.peildatum <= peildatum)
        .scalar_subquery()
    )
    rijen = sessie.execute(
        select(paren.c.slug, paren.c.wijk_naam, paren.c.indicator_naam, paren.c.meetfrequentie_maanden,
               paren.c.nuljaar, laatste.label("peildatum"))
    ).all()
    per_wijk: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rijen:
        if meting_achterstallig(r.peildatum, r.nuljaar, r.meetfrequentie_maanden, peildatum):
            per_wijk[(r.slug, r.wijk_naam)].append(r.indicator_naam)
    return [
        Signaal(
            "metingen_achterstallig",
            MIDDEL,
            slug,
            naam,
            f"{naam}: meting achterstallig voor {meervoud(len(namen), 'indicator', 'indicatoren')}: "
            f"{', '.join(sorted(namen, key=str.casefold))}.",
            f"/indicatoren?wijk={slug}",
        )
        for (slug, naam), namen in per_wijk.items()
    ]


def signaal_regiegroep_termijn_verlopen(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Per wijk de regiegroepleden van wie de zittingstermijn vóór de peildatum afliep."""
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam.label("wijk_naam"), Regiegroeplid.naam.label("lid_naam"))
        .join(Regiegroep, Regiegroep.id == Regiegroeplid.regiegroep_id)
        .join(Wijk, Wijk.id == Regiegroep.wijk_id)
        .where(
            Regiegroeplid.termijn_tot.is_not(None),
            Regiegroeplid.termijn_tot < peildatum,
            Regiegroeplid.termijn_van <= peildatum,
            or_(Regiegroeplid.vertrokken_op.is_(None), Regiegroeplid.vertrokken_op > peildatum),
        )
        .order_by(Regiegroeplid.naam)
    ).all()
    per_wijk: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rijen:
        per_wijk[(r.slug, r.wijk_naam)].append(r.lid_naam)
    return [
        Signaal(
            "regiegroep_termijn_verlopen",
            MIDDEL,
            slug,
            naam,
            f"{naam}: zittingstermijn verlopen van {meervoud(len(leden), 'regiegroeplid', 'regiegroepleden')} "
            f"({', '.join(leden)}).",
            f"/wijk/{slug}",
        )
        for (slug, naam), leden in per_wijk.items()
    ]


def signaal_evaluatie_ontbreekt(sessie: Session, jaar: int, peildatum: dt.date) -> list[Signaal]:
    """Wijken met een plan dat in ``jaar − 1`` actief was, zonder ingediende of vastgestelde
    evaluatie over ``jaar − 1``."""
    vorig = jaar - 1
    actief = exists().where(Wijkplan.wijk_id == Wijk.id, plan_actief_sql(vorig))
    geevalueerd = exists().where(
        Evaluatie.wijk_id == Wijk.id, Evaluatie.jaar == vorig, Evaluatie.status.in_(EVALUATIE_TELT)
    )
    rijen = sessie.execute(select(Wijk.slug, Wijk.naam).where(actief, ~geevalueerd)).all()
    return [
        Signaal(
            "evaluatie_ontbreekt",
            HOOG,
            r.slug,
            r.naam,
            f"{r.naam}: geen ingediende of vastgestelde evaluatie over {vorig}.",
            f"/wijk/{r.slug}?jaar={vorig}",
        )
        for r in rijen
    ]


#: Alle regels, in de volgorde waarin ze worden uitgevoerd.
REGELS: tuple[Callable[[Session, int, dt.date], list[Signaal]], ...] = (
    signaal_doelstelling_ver_achter,
    signaal_oormerk,
    signaal_maatregel_achter_schema,
    signaal_toezegging_te_laat,
    signaal_meldingen_over_norm,
    signaal_meldingen_niet_gemeld,
    signaal_metingen_achterstallig,
    signaal_regiegroep_termijn_verlopen,
    signaal_evaluatie_ontbreekt,
)


@gecachet
def signalen(sessie: Session, jaar: int, vandaag: dt.date) -> list[Signaal]:
    """Alle signalen voor ``jaar`` op de peildatum van dat jaar (31-12 of vandaag), gesorteerd:
    ernst ``hoog`` eerst; daarbinnen eerst stadsbrede signalen (zonder wijk), dan op wijknaam."""
    return signalen_met(sessie, jaar, vandaag)


def signalen_met(sessie: Session, jaar: int, vandaag: dt.date,
                 meldingen: tuple[dict[str, int], list[MeldingRij]] | None = None) -> list[Signaal]:
    """:func:`signalen`, met desgewenst de al gelezen ``(normen, meldingen_afhandeling(...))``: het overzicht
    leest die één keer voor de kerncijfers én dit signaal."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    uit: list[Signaal] = []
    for regel in REGELS:
        if regel is signaal_meldingen_over_norm and meldingen is not None:
            uit.extend(_meldingen_over_norm(meldingen[1], meldingen[0], jaar))
        elif regel is signaal_meldingen_niet_gemeld and meldingen is not None:
            uit.extend(_niet_gemeld_uit(meldingen[1], jaar))
        else:
            uit.extend(regel(sessie, jaar, peildatum))
    return sorted(uit, key=_sorteersleutel)


__all__ = ["HOOG", "MIDDEL", "REGELS", "MeldingRij", "Signaal", "afhandelnormen", "meldingen_afhandeling",
           "signalen", "signalen_met"] + [r.__name__ for r in REGELS]
