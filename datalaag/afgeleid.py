"""Afgeleide cijfers: elk één keer gedefinieerd, hier. Pagina's en services gebruiken deze definities.

Zie shared/DESIGN.md, "Derived figures".
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

import holidays
from sqlalchemy import (
    Date,
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    extract,
    false,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from datalaag.models import (
    Evaluatie,
    EvaluatieAmbitie,
    Maatregel,
    Melding,
    Oormerk,
    Toezegging,
    Uitgave,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
    Wijkplan,
)
from datalaag.sqlhulp import dagen_tussen

# --------------------------------------------------------------------------- afhandeltijd


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    """Nederlandse feestdagen volgens het onderhouden pakket ``holidays``."""
    return frozenset(holidays.country_holidays("NL", years=jaar).keys())


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def werkdagen_tussen(ontvangen: dt.date | dt.datetime, afgehandeld: dt.date | dt.datetime) -> int:
    """Afhandeltijd in werkdagen: het aantal werkdagen na de dag van ontvangst tot en met de dag
    van afhandeling. Zelfde dag afgehandeld = 0; ontvangen vrijdag, afgehandeld maandag = 1.
    Weekenden en Nederlandse feestdagen tellen niet mee.
    """
    begin = ontvangen.date() if isinstance(ontvangen, dt.datetime) else ontvangen
    eind = afgehandeld.date() if isinstance(afgehandeld, dt.datetime) else afgehandeld
    if eind < begin:
        raise ValueError("afgehandeld ligt vóór ontvangen")
    dagen = 0
    dag = begin + dt.timedelta(days=1)
    while dag <= eind:
        if is_werkdag(dag):
            dagen += 1
        dag += dt.timedelta(days=1)
    return dagen


def binnen_norm(afhandeltijd_werkdagen: int, norm_werkdagen: int) -> bool:
    """Afgehandeld binnen de norm: afhandeltijd (werkdagen) ≤ norm (werkdagen) van de categorie."""
    return afhandeltijd_werkdagen <= norm_werkdagen


def mediaan_uit_histogram(histogram: Mapping[int, int]) -> float | None:
    """Mediaan uit waarde→aantal-paren (zoals een SQL ``GROUP BY waarde`` ze oplevert).

    Oneven totaal: de middelste waarde; even totaal: het gemiddelde van de twee middelste.
    Leeg (of alleen aantallen 0): ``None``.
    """
    paren = sorted((waarde, aantal) for waarde, aantal in histogram.items() if aantal > 0)
    totaal = sum(aantal for _, aantal in paren)
    if totaal == 0:
        return None
    # 0-gebaseerde posities van de middelste element(en)
    posities = ((totaal - 1) // 2, totaal // 2)
    gevonden: list[float] = []
    gezien = 0
    for waarde, aantal in paren:
        volgende = gezien + aantal
        for pos in posities:
            if gezien <= pos < volgende:
                gevonden.append(float(waarde))
        gezien = volgende
        if len(gevonden) == 2:
            break
    return (gevonden[0] + gevonden[1]) / 2


def melding_open_op(ontvangen_op: dt.datetime, afgehandeld_op: dt.datetime | None, peildatum: dt.date) -> bool:
    """Een melding is open op de peildatum als ze uiterlijk die dag ontvangen is en niet uiterlijk
    die dag afgehandeld. Bron van waarheid is ``afgehandeld_op`` (niet het statusveld), zodat een
    peildatum in het verleden het beeld van toen geeft."""
    return ontvangen_op.date() <= peildatum and (afgehandeld_op is None or afgehandeld_op.date() > peildatum)


def melding_afgehandeld_op(afgehandeld_op: dt.datetime | None, peildatum: dt.date) -> bool:
    """Uiterlijk op de peildatum afgehandeld."""
    return afgehandeld_op is not None and afgehandeld_op.date() <= peildatum


def grensdatum_ontvangst(norm_werkdagen: int, peildatum: dt.date) -> dt.date:
    """De vroegste ontvangstdatum waarvoor een nog open melding op de peildatum níet over de norm
    is, d.w.z. de vroegste ``d`` met ``werkdagen_tussen(d, peildatum) <= norm``.

    Omdat ``werkdagen_tussen(d, peildatum)`` afneemt naarmate ``d`` later ligt, geldt:
    open melding over de norm ⇔ ontvangen (datum) < grensdatum. Zo kan SQL de open meldingen
    over de norm tellen met een gewone vergelijking, met dezelfde feestdagen als hier.
    """
    dag = peildatum
    geteld = 0
    while True:
        # Een dag eerder beginnen voegt ``dag`` toe aan het interval (begin, peildatum].
        extra = 1 if is_werkdag(dag) else 0
        if geteld + extra > norm_werkdagen:
            return dag
        geteld += extra
        dag -= dt.timedelta(days=1)


def melding_over_norm(
    *,
    ontvangen_op: dt.datetime,
    afgehandeld_op: dt.datetime | None,
    afhandeltijd_werkdagen: int | None,
    norm_werkdagen: int | None,
    peildatum: dt.date,
) -> bool:
    """Melding over de afhandelnorm op de peildatum.

    - open op de peildatum: het aantal werkdagen sinds ontvangst (``werkdagen_tussen(ontvangen,
      peildatum)``) is groter dan de norm;
    - uiterlijk op de peildatum afgehandeld: ``afhandeltijd_werkdagen`` is groter dan de norm.
    Zonder norm voor de categorie, of nog niet ontvangen op de peildatum: nooit over de norm.
    """
    if norm_werkdagen is None:
        return False
    if melding_open_op(ontvangen_op, afgehandeld_op, peildatum):
        return werkdagen_tussen(ontvangen_op, peildatum) > norm_werkdagen
    if melding_afgehandeld_op(afgehandeld_op, peildatum) and afhandeltijd_werkdagen is not None:
        return not binnen_norm(afhandeltijd_werkdagen, norm_werkdagen)
    return False


def _begin_volgende_dag(peildatum: dt.date) -> dt.datetime:
    return dt.datetime.combine(peildatum + dt.timedelta(days=1), dt.time.min)


def melding_open_sql(peildatum: dt.date) -> ColumnElement[bool]:
    """SQL-versie van :func:`melding_open_op`."""
    grens = _begin_volgende_dag(peildatum)
    return and_(
        Melding.ontvangen_op < grens,
        or_(Melding.afgehandeld_op.is_(None), Melding.afgehandeld_op >= grens),
    )


def melding_afgehandeld_sql(peildatum: dt.date) -> ColumnElement[bool]:
    """SQL-versie van :func:`melding_afgehandeld_op`."""
    return and_(Melding.afgehandeld_op.is_not(None), Melding.afgehandeld_op < _begin_volgende_dag(peildatum))


def melding_over_norm_sql(peildatum: dt.date, normen: Mapping[str, int]) -> ColumnElement[bool]:
    """SQL-versie van :func:`melding_over_norm`. ``normen``: categorie → norm in werkdagen (de
    tabel ``afhandelnorm``, vooraf gelezen: het zijn hooguit zes rijen). Voor open meldingen
    rekent Python per categorie de grensdatum uit (:func:`grensdatum_ontvangst`), zodat de
    feestdagen dezelfde zijn als bij ``werkdagen_tussen``."""
    if not normen:
        return false()
    open_ = melding_open_sql(peildatum)
    afgehandeld = melding_afgehandeld_sql(peildatum)
    per_categorie = [
        and_(
            Melding.categorie == categorie,
            or_(
                and_(open_, Melding.ontvangen_op < dt.datetime.combine(grensdatum_ontvangst(norm, peildatum), dt.time.min)),
                and_(afgehandeld, Melding.afhandeltijd_werkdagen > norm),
            ),
        )
        for categorie, norm in sorted(normen.items())
    ]
    return or_(*per_categorie)


#: Elke melding wordt met de gekozen aanpak gerapporteerd aan de regiegroep (§3.4.2.3). De
#: regiegroep vergadert periodiek; een melding die 30 dagen na ontvangst nog niet gemeld is,
#: is *niet gemeld aan de regiegroep*.
REGIEGROEP_MELDTERMIJN_DAGEN = 30


def melding_niet_gemeld(ontvangen_op: dt.datetime, gemeld_aan_regiegroep_op: dt.date | None, peildatum: dt.date) -> bool:
    """Melding op de peildatum *niet gemeld aan de regiegroep*: ontvangen uiterlijk
    ``REGIEGROEP_MELDTERMIJN_DAGEN`` dagen vóór de peildatum en (op de peildatum) nog niet gemeld."""
    uiterlijk = peildatum - dt.timedelta(days=REGIEGROEP_MELDTERMIJN_DAGEN)
    gemeld = gemeld_aan_regiegroep_op is not None and gemeld_aan_regiegroep_op <= peildatum
    return ontvangen_op.date() <= uiterlijk and not gemeld


def melding_niet_gemeld_sql(peildatum: dt.date) -> ColumnElement[bool]:
    """SQL-versie van :func:`melding_niet_gemeld`."""
    uiterlijk = peildatum - dt.timedelta(days=REGIEGROEP_MELDTERMIJN_DAGEN)
    return and_(
        Melding.ontvangen_op < _begin_volgende_dag(uiterlijk),
        or_(Melding.gemeld_aan_regiegroep_op.is_(None), Melding.gemeld_aan_regiegroep_op > peildatum),
    )


# --------------------------------------------------------------------------- peildatum


def peildatum_voor_jaar(jaar: int, vandaag: dt.date) -> dt.date:
    """De datum waarop de cijfers van ``jaar`` gelden: 31-12-jaar voor een verstreken jaar,
    ``vandaag`` voor het lopende jaar. Een toekomstig jaar valt terug op ``vandaag``."""
    if jaar < vandaag.year:
        return dt.date(jaar, 12, 31)
    return vandaag


def jaar_begin_eind(jaar: int) -> tuple[dt.date, dt.date]:
    """1-1-jaar en 31-12-jaar."""
    return dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` plus een aantal kalendermaanden; valt de dag weg (31-01 + 1), dan de laatste dag
    van die maand."""
    index = datum.year * 12 + (datum.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    laatste = calendar.monthrange(jaar, maand)[1]
    return dt.date(jaar, maand, min(datum.day, laatste))


# --------------------------------------------------------------------------- doelstellingen: op koers

OP_KOERS = "op_koers"
ACHTER = "achter"
VER_ACHTER = "ver_achter"
GEEN_DATA = "geen_data"
#: De vier uitkomsten van *op koers*, van goed naar slecht, plus ``geen_data``.
OP_KOERS_WAARDEN: tuple[str, ...] = (OP_KOERS, ACHTER, VER_ACHTER, GEEN_DATA)
#: Tekst voor de UI (die zelf icoon en kleur toevoegt).
OP_KOERS_LABELS: dict[str, str] = {
    OP_KOERS: "Op koers",
    ACHTER: "Achter",
    VER_ACHTER: "Ver achter",
    GEEN_DATA: "Geen gegevens",
}

#: Achterstand (verwacht − gemeten, in de goede richting) als fractie van de totale beoogde
#: verandering |streefwaarde − nulmeting|: tot en met 10% is nog ``op_koers``.
GRENS_OP_KOERS = 0.10
#: Tot en met 25% achterstand is ``achter``; daarboven ``ver_achter``.
GRENS_ACHTER = 0.25
#: Bij een doelstelling "handhaven" (streefwaarde = nulmeting, geen beoogde verandering) is de
#: meting ``op_koers`` zolang ze niet meer dan 2% van |nulmeting| slechter is dan de nulmeting;
#: anders ``ver_achter`` (er is geen verandering om een fractie van te nemen). Bij nulmeting 0
#: telt elke verslechtering.
TOLERANTIE_HANDHAVEN = 0.02
# Drijvende-kommamarge zodat "precies 10%" ook als 10% telt (7,0 − 6,8 = 0,2000000000000002).
_EPSILON = 1e-9


def absolute_streefwaarde(nulwaarde: float, streef_type: str, streefwaarde: float) -> float:
    """De streefwaarde als absolute waarde. ``absoluut``: de streefwaarde zelf; ``relatief``: een
    verandering in procenten t.o.v. de nulmeting, dus ``nulwaarde × (1 + streefwaarde / 100)``."""
    if streef_type == "absoluut":
        return float(streefwaarde)
    if streef_type == "relatief":
        return float(nulwaarde) * (1 + float(streefwaarde) / 100)
    raise ValueError(f"onbekend streef_type {streef_type!r}")


def nulmeting_datum(nuljaar: int) -> dt.date:
    """De nulmeting geldt op 31-12 van het nulmetingsjaar."""
    return dt.date(nuljaar, 12, 31)


def streefdatum(streefjaar: int) -> dt.date:
    """De streefwaarde moet op 31-12 van het streefjaar gehaald zijn."""
    return dt.date(streefjaar, 12, 31)


def verwachte_waarde(
    nulwaarde: float, nuljaar: int, streef_abs: float, streefjaar: int, peildatum: dt.date
) -> float:
    """De waarde die op ``peildatum`` verwacht wordt: de rechte lijn (in dagen) van de nulmeting
    (31-12-nuljaar) naar de absolute streefwaarde (31-12-streefjaar). Vóór de nulmeting: de
    nulwaarde; na de streefdatum: de streefwaarde."""
    begin, eind = nulmeting_datum(nuljaar), streefdatum(streefjaar)
    if peildatum <= begin:
        return float(nulwaarde)
    if peildatum >= eind:
        return float(streef_abs)
    fractie = (peildatum - begin).days / (eind - begin).days
    return float(nulwaarde) + fractie * (float(streef_abs) - float(nulwaarde))


def _richtingsteken(richting: str) -> int:
    if richting == "hoger_is_beter":
        return 1
    if richting == "lager_is_beter":
        return -1
    raise ValueError(f"onbekende richting {richting!r}")


def op_koers(
    *,
    nulwaarde: float,
    nuljaar: int,
    streef_type: str,
    streefwaarde: float,
    streefjaar: int,
    richting: str,
    meting_waarde: float | None,
    meting_peildatum: dt.date | None,
) -> str:
    """*Op koers* van een doelstelling: vergelijk de laatste meting met de verwachte waarde
    (:func:`verwachte_waarde`) op de peildatum van die meting, in de richting van de indicator.

    achterstand = (verwacht − gemeten) bij ``hoger_is_beter``, (gemeten − verwacht) bij
    ``lager_is_beter``; als fractie van |streef − nul|: ≤ 10% ``op_koers`` (voorlopen ook),
    ≤ 25% ``achter``, anders ``ver_achter``. Geen beoogde verandering: zie
    ``TOLERANTIE_HANDHAVEN``. Geen meting, of een meting vóór de nulmetingsdatum: ``geen_data``.
    """
    if meting_waarde is None or meting_peildatum is None or meting_peildatum < nulmeting_datum(nuljaar):
        return GEEN_DATA
    teken = _richtingsteken(richting)
    streef_abs = absolute_streefwaarde(nulwaarde, streef_type, streefwaarde)
    beoogd = abs(streef_abs - float(nulwaarde))
    if beoogd <= _EPSILON:
        slechter = teken * (float(nulwaarde) - float(meting_waarde))
        toegestaan = TOLERANTIE_HANDHAVEN * abs(float(nulwaarde))
        return OP_KOERS if slechter <= toegestaan + _EPSILON else VER_ACHTER
    verwacht = verwachte_waarde(nulwaarde, nuljaar, streef_abs, streefjaar, meting_peildatum)
    achterstand = teken * (verwacht - float(meting_waarde)) / beoogd
    if achterstand <= GRENS_OP_KOERS + _EPSILON:
        return OP_KOERS
    if achterstand <= GRENS_ACHTER + _EPSILON:
        return ACHTER
    return VER_ACHTER


def inwoners_voor_jaar(inwoners: Mapping[int, int], jaar: int) -> int | None:
    """Inwonertal voor ``jaar``: dat jaar, anders het laatst bekende eerdere jaar, anders het
    eerste bekende jaar; None zonder inwonertallen."""
    if not inwoners:
        return None
    if jaar in inwoners:
        return inwoners[jaar]
    jaren = sorted(inwoners)
    i = bisect.bisect_right(jaren, jaar)
    return inwoners[jaren[i - 1]] if i > 0 else inwoners[jaren[0]]


def op_koers_doelstelling(
    *,
    nulwaarde: float,
    nuljaar: int,
    streef_type: str,
    streefwaarde: float,
    streefjaar: int,
    richting: str,
    meting_waarde: float | None,
    meting_peildatum: dt.date | None,
    is_telling: bool = False,
    inwoners: Mapping[int, int] | None = None,
) -> str:
    """*Op koers* zoals elke pagina en elk signaal het toont: :func:`op_koers`, maar bij een telling
    (``Indicator.is_telling``) op de cijfers per 1.000 inwoners (:func:`per_1000`, inwonertal per
    jaar via :func:`inwoners_voor_jaar`): nulmeting met het inwonertal van het nuljaar, de
    streefwaarde met dat van het streefjaar, de meting met dat van het jaar van haar peildatum.
    Zo volgt de status wat de raad ziet, ook als de wijk groeit of krimpt.
    """
    if not is_telling:
        return op_koers(
            nulwaarde=nulwaarde, nuljaar=nuljaar, streef_type=streef_type, streefwaarde=streefwaarde,
            streefjaar=streefjaar, richting=richting, meting_waarde=meting_waarde, meting_peildatum=meting_peildatum,
        )
    inw = inwoners or {}
    nul = per_1000(nulwaarde, inwoners_voor_jaar(inw, nuljaar))
    streef = per_1000(absolute_streefwaarde(nulwaarde, streef_type, streefwaarde), inwoners_voor_jaar(inw, streefjaar))
    meting = (
        per_1000(meting_waarde, inwoners_voor_jaar(inw, meting_peildatum.year))
        if meting_waarde is not None and meting_peildatum is not None
        else None
    )
    if nul is None or streef is None:
        return GEEN_DATA
    return op_koers(
        nulwaarde=nul, nuljaar=nuljaar, streef_type="absoluut", streefwaarde=streef, streefjaar=streefjaar,
        richting=richting, meting_waarde=meting, meting_peildatum=meting_peildatum,
    )


# --------------------------------------------------------------------------- budget


def budgetbenutting(uitgaven: float | Decimal, oormerk: float | Decimal) -> float | None:
    """*Budgetbenutting*: uitgaven / oormerk (0,5 = de helft besteed). ``None`` bij oormerk 0."""
    if oormerk == 0:
        return None
    return float(uitgaven) / float(oormerk)


def oormerk_voor_jaar(bedrag: float | Decimal, jaar_van: int, jaar_tot: int, jaar: int) -> float:
    """Het deel van een oormerk dat aan ``jaar`` wordt toegerekend: een oormerk over meerdere
    jaren telt gelijk verdeeld (bedrag / aantal jaren); buiten de periode 0."""
    if jaar_van <= jaar <= jaar_tot:
        return float(bedrag) / (jaar_tot - jaar_van + 1)
    return 0.0


def oormerk_voor_jaar_sql(jaar: int) -> ColumnElement[float]:
    """SQL-versie van :func:`oormerk_voor_jaar` op de kolommen van ``oormerk``."""
    return case(
        (
            and_(Oormerk.jaar_van <= jaar, Oormerk.jaar_tot >= jaar),
            cast(Oormerk.bedrag, Float) / cast(Oormerk.jaar_tot - Oormerk.jaar_van + 1, Float),
        ),
        else_=literal(0.0, Float),
    )


def uitgave_in_jaar_sql(jaar: int) -> ColumnElement[bool]:
    """Uitgaven gedateerd in ``jaar``."""
    begin, eind = jaar_begin_eind(jaar)
    return and_(Uitgave.datum >= begin, Uitgave.datum <= eind)


def budget_per_wijk_select(jaar: int) -> Select[tuple[int, float, float, float | None]]:
    """Per wijk (alle wijken): ``wijk_id``, ``oormerk`` (toegerekend aan ``jaar``), ``uitgaven``
    (gedateerd in ``jaar``) en ``budgetbenutting`` (uitgaven / oormerk; NULL bij oormerk 0).
    De SQL-tegenhanger van :func:`oormerk_voor_jaar` en :func:`budgetbenutting`."""
    oormerken = (
        select(Oormerk.wijk_id.label("wijk_id"), func.sum(oormerk_voor_jaar_sql(jaar)).label("bedrag"))
        .where(Oormerk.jaar_van <= jaar, Oormerk.jaar_tot >= jaar)
        .group_by(Oormerk.wijk_id)
        .subquery("oormerken")
    )
    uitgaven = (
        select(Uitgave.wijk_id.label("wijk_id"), func.sum(cast(Uitgave.bedrag, Float)).label("bedrag"))
        .where(uitgave_in_jaar_sql(jaar))
        .group_by(Uitgave.wijk_id)
        .subquery("uitgaven")
    )
    oormerk = func.coalesce(oormerken.c.bedrag, literal(0.0, Float))
    uitgegeven = func.coalesce(uitgaven.c.bedrag, literal(0.0, Float))
    return (
        select(
            Wijk.id.label("wijk_id"),
            oormerk.label("oormerk"),
            uitgegeven.label("uitgaven"),
            case((oormerk > 0, uitgegeven / oormerk), else_=null()).label("budgetbenutting"),
        )
        .outerjoin(oormerken, oormerken.c.wijk_id == Wijk.id)
        .outerjoin(uitgaven, uitgaven.c.wijk_id == Wijk.id)
        .order_by(Wijk.id)
    )


# --------------------------------------------------------------------------- per 1.000 inwoners


def per_1000(aantal: float | int | None, inwoners: int | None) -> float | None:
    """Aantal per 1.000 inwoners. ``None`` als het aantal of het inwonertal ontbreekt of 0 is."""
    if aantal is None or not inwoners:
        return None
    return float(aantal) * 1000 / inwoners


# --------------------------------------------------------------------------- wijkplannen

#: Een wijkplan is *actief* in een jaar als het is vastgesteld (of al geëvalueerd) en zijn
#: periode dat jaar omvat.
ACTIEVE_PLANSTATUSSEN: tuple[str, ...] = ("vastgesteld", "geevalueerd")


def plan_actief(status: str, periode_van: int, periode_tot: int, jaar: int) -> bool:
    return status in ACTIEVE_PLANSTATUSSEN and periode_van <= jaar <= periode_tot


def plan_actief_sql(jaar: int) -> ColumnElement[bool]:
    """SQL-versie van :func:`plan_actief` op de kolommen van ``wijkplan``."""
    return and_(
        Wijkplan.status.in_(ACTIEVE_PLANSTATUSSEN),
        Wijkplan.periode_van <= jaar,
        Wijkplan.periode_tot >= jaar,
    )


# --------------------------------------------------------------------------- maatregelen

#: Een maatregel ligt achter op schema als de voortgang meer dan 15 procentpunten onder de
#: lineair verwachte voortgang (0% op de startdatum → 100% op de einddatum) ligt.
ACHTER_SCHEMA_MARGE_PP = 15
#: Statussen waarin een maatregel niet meer loopt (en dus nooit achter schema is).
MAATREGEL_BEEINDIGD: tuple[str, ...] = ("afgerond", "gestopt")
#: *Lopend*: in uitvoering (ook als die vertraagd is).
MAATREGEL_LOPEND: tuple[str, ...] = ("in_uitvoering", "vertraagd")


def verwachte_voortgang(start: dt.date | None, eind: dt.date | None, peildatum: dt.date) -> float | None:
    """Lineair verwachte voortgang in %: 0 tot en met de startdatum, 100 vanaf de einddatum.
    ``None`` zonder start- of einddatum."""
    if start is None or eind is None:
        return None
    if peildatum <= start:
        return 0.0
    if peildatum >= eind:
        return 100.0
    return 100 * (peildatum - start).days / (eind - start).days


def achter_schema(
    status: str, start: dt.date | None, eind: dt.date | None, voortgang: int, peildatum: dt.date
) -> bool:
    """Maatregel *achter schema* op de peildatum: niet afgerond/gestopt, en (a) status
    ``vertraagd``, of (b) de einddatum ligt vóór de peildatum, of (c) de voortgang ligt meer dan
    ``ACHTER_SCHEMA_MARGE_PP`` procentpunten onder :func:`verwachte_voortgang`.

    (c) wordt in gehele getallen vergeleken, net als in SQL: met d1 = peildatum − start en
    d2 = eind − start (start < peildatum ≤ eind): 100·d1 − voortgang·d2 > 15·d2.
    """
    if status in MAATREGEL_BEEINDIGD:
        return False
    if status == "vertraagd":
        return True
    if eind is not None and eind < peildatum:
        return True
    if start is not None and eind is not None and start < peildatum <= eind:
        d1 = (peildatum - start).days
        d2 = (eind - start).days
        return 100 * d1 - voortgang * d2 > ACHTER_SCHEMA_MARGE_PP * d2
    return False


def maatregel_lopend_sql() -> ColumnElement[bool]:
    return Maatregel.status.in_(MAATREGEL_LOPEND)


def achter_schema_sql(peildatum: dt.date) -> ColumnElement[bool]:
    """SQL-versie van :func:`achter_schema` op de kolommen van ``maatregel`` (SQLite en PostgreSQL)."""
    d1 = dagen_tussen(Maatregel.start, peildatum)
    d2 = dagen_tussen(Maatregel.start, Maatregel.eind)
    schema = and_(
        Maatregel.start.is_not(None),
        Maatregel.eind.is_not(None),
        Maatregel.start < peildatum,
        Maatregel.eind >= peildatum,
        100 * d1 - Maatregel.voortgang * d2 > ACHTER_SCHEMA_MARGE_PP * d2,
    )
    return and_(
        Maatregel.status.not_in(MAATREGEL_BEEINDIGD),
        or_(
            Maatregel.status == "vertraagd",
            and_(Maatregel.eind.is_not(None), Maatregel.eind < peildatum),
            schema,
        ),
    )


# --------------------------------------------------------------------------- toezeggingen


def te_laat(status: str, termijn: dt.date, peildatum: dt.date) -> bool:
    """Toezegging *te laat*: nog open en de termijn ligt vóór de peildatum (op de termijndag
    zelf is ze nog op tijd)."""
    return status == "open" and termijn < peildatum


def te_laat_sql(peildatum: dt.date) -> ColumnElement[bool]:
    """SQL-versie van :func:`te_laat` op de kolommen van ``toezegging``."""
    return and_(Toezegging.status == "open", Toezegging.termijn < peildatum)


# --------------------------------------------------------------------------- metingen

#: Een indicator is *achterstallig* als de laatste meting (of de nulmeting) ouder is dan de
#: meetfrequentie plus 3 maanden gratie.
METING_GRATIE_MAANDEN = 3


def meting_achterstallig(
    laatste_meting: dt.date | None, nuljaar: int, meetfrequentie_maanden: int, peildatum: dt.date
) -> bool:
    """Achterstallige meting op de peildatum. Referentie: de laatste meting uiterlijk op de
    peildatum, of de nulmeting (31-12-nuljaar) als die later ligt of er geen meting is. Te laat
    als de peildatum ná referentie + meetfrequentie + ``METING_GRATIE_MAANDEN`` ligt."""
    referentie = nulmeting_datum(nuljaar)
    if laatste_meting is not None and laatste_meting > referentie:
        referentie = laatste_meting
    return peildatum > plus_maanden(referentie, meetfrequentie_maanden + METING_GRATIE_MAANDEN)


# --------------------------------------------------------------------------- regiegroep


def termijn_verlopen(termijn_tot: dt.date | None, peildatum: dt.date) -> bool:
    """Zittingstermijn van een regiegroeplid verlopen: ``termijn_tot`` ligt vóór de peildatum."""
    return termijn_tot is not None and termijn_tot < peildatum


# --------------------------------------------------------------------------- evaluaties

#: Evaluaties met deze status tellen (een concept nooit).
EVALUATIE_TELT: tuple[str, ...] = ("ingediend", "vastgesteld")


# --------------------------------------------------------------------------- ambitiescore

#: Bronnen van de *ambitiescore*, in volgorde van voorrang.
AMBITIESCORE_BRONNEN: dict[int, str] = {
    1: "evaluatie (vastgesteld)",
    2: "evaluatie (ingediend)",
    3: "wijkanalyse",
}


def ambitiescores_select(jaar: int, peildatum: dt.date) -> Select[tuple[int, int, float, int, int]]:
    """*Ambitiescore* per wijk per ambitie: kolommen ``wijk_id``, ``ambitie_id``, ``waardering``
    (float), ``prioriteit`` (sleutel in ``AMBITIESCORE_BRONNEN``) en ``bron_jaar``.

    Regel: de waardering uit de NIEUWSTE evaluatie (hoogste jaar ≤ ``jaar``) die ingediend of
    vastgesteld is — in hetzelfde jaar gaat een vastgestelde voor; de bron zegt of de raad haar al
    vaststelde ("evaluatie (ingediend) 2025"). Zo toont het overzicht een nieuw ingediende evaluatie
    meteen, en niet de oudere vastgestelde. Heeft de wijk voor die ambitie geen evaluatie met een
    waardering, dan de laatste ingediende wijkanalyse met datum ≤ ``peildatum``. Concepten
    (evaluatie of wijkanalyse) tellen nooit. De status is de huidige status van de evaluatie. Eén rij
    per wijk × ambitie met een score; combinaties zonder enige bron ontbreken.
    """
    evaluaties = (
        select(
            Evaluatie.wijk_id.label("wijk_id"),
            EvaluatieAmbitie.ambitie_id.label("ambitie_id"),
            cast(EvaluatieAmbitie.waardering, Float).label("waardering"),
            case((Evaluatie.status == "vastgesteld", 1), else_=2).label("prioriteit"),
            Evaluatie.jaar.label("bron_jaar"),
            literal(dt.date(1900, 1, 1), Date).label("bron_datum"),
            EvaluatieAmbitie.id.label("bron_id"),
        )
        .join(Evaluatie, Evaluatie.id == EvaluatieAmbitie.evaluatie_id)
        .where(
            Evaluatie.status.in_(EVALUATIE_TELT),
            Evaluatie.jaar <= jaar,
            EvaluatieAmbitie.waardering.is_not(None),
        )
    )
    analyses = (
        select(
            Wijkanalyse.wijk_id,
            WijkanalyseAmbitie.ambitie_id,
            cast(WijkanalyseAmbitie.waardering, Float),
            literal(3, Integer),
            cast(extract("year", Wijkanalyse.datum), Integer),
            Wijkanalyse.datum,
            WijkanalyseAmbitie.id,
        )
        .join(Wijkanalyse, Wijkanalyse.id == WijkanalyseAmbitie.wijkanalyse_id)
        .where(
            Wijkanalyse.status == "ingediend",
            Wijkanalyse.datum <= peildatum,
            WijkanalyseAmbitie.waardering.is_not(None),
        )
    )
    kandidaten = union_all(evaluaties, analyses).subquery("kandidaten")
    volgnummer = (
        func.row_number()
        .over(
            partition_by=(kandidaten.c.wijk_id, kandidaten.c.ambitie_id),
            order_by=(
                # Evaluaties (1, 2) gaan vóór wijkanalyses (3); daarbinnen telt het nieuwste jaar, en
                # in hetzelfde jaar een vastgestelde vóór een ingediende.
                (kandidaten.c.prioriteit == 3).asc(),
                kandidaten.c.bron_jaar.desc(),
                kandidaten.c.prioriteit.asc(),
                kandidaten.c.bron_datum.desc(),
                kandidaten.c.bron_id.desc(),
            ),
        )
        .label("volgnummer")
    )
    gerangschikt = select(
        kandidaten.c.wijk_id,
        kandidaten.c.ambitie_id,
        kandidaten.c.waardering,
        kandidaten.c.prioriteit,
        kandidaten.c.bron_jaar,
        volgnummer,
    ).subquery("gerangschikt")
    return select(
        gerangschikt.c.wijk_id,
        gerangschikt.c.ambitie_id,
        gerangschikt.c.waardering,
        gerangschikt.c.prioriteit,
        gerangschikt.c.bron_jaar,
    ).where(gerangschikt.c.volgnummer == 1)


def ambitiescores_per_jaar_select(
    jaren: Mapping[int, dt.date],
) -> Select[tuple[int, int, int, float, int, int]]:
    """:func:`ambitiescores_select` voor meer jaren in één query: kolommen ``jaar``, ``wijk_id``,
    ``ambitie_id``, ``waardering``, ``prioriteit`` en ``bron_jaar``; ``jaren`` geeft per jaar zijn
    peildatum (:func:`peildatum_voor_jaar`; de peildatum mag met het jaar niet dalen).

    Dezelfde regel, zonder per jaar opnieuw alle kandidaten te rangschikken: per wijk × ambitie geldt
    de beste evaluatie van een jaar (vastgesteld vóór ingediend, dan de laatst ingevoerde) vanaf dat
    jaar tot het volgende jaar met een evaluatie; een wijkanalyse geldt vanaf het eerste gevraagde
    jaar waarvan de peildatum op of na haar datum ligt, tot de volgende (nieuwere) wijkanalyse. Een
    evaluatie gaat vóór een wijkanalyse. Zo is het werk evenredig met het aantal evaluaties en
    analyses, niet met dat maal het aantal jaren. Gelijk aan :func:`ambitiescores_select` per jaar
    (getest in ``tests/test_wijkpagina_queries.py``).
    """
    if not jaren:
        raise ValueError("geen jaren")
    paren = sorted(jaren.items())
    if any(b[1] < a[1] for a, b in zip(paren, paren[1:])):
        raise ValueError("de peildatum mag met het jaar niet dalen")
    delen = [select(literal(j, Integer).label("jaar"), literal(p, Date).label("peildatum")) for j, p in paren]
    tabel = (union_all(*delen) if len(delen) > 1 else delen[0]).cte("jaren")

    # Evaluaties: per wijk × ambitie × jaar de beste, geldig tot het volgende jaar met een evaluatie.
    prioriteit = case((Evaluatie.status == "vastgesteld", 1), else_=2)
    ev = (
        select(
            Evaluatie.wijk_id.label("wijk_id"),
            EvaluatieAmbitie.ambitie_id.label("ambitie_id"),
            cast(EvaluatieAmbitie.waardering, Float).label("waardering"),
            prioriteit.label("prioriteit"),
            Evaluatie.jaar.label("bron_jaar"),
            Evaluatie.jaar.label("vanaf"),
            func.row_number().over(
                partition_by=(Evaluatie.wijk_id, EvaluatieAmbitie.ambitie_id, Evaluatie.jaar),
                order_by=(prioriteit.asc(), EvaluatieAmbitie.id.desc()),
            ).label("volgnummer"),
        )
        .join(Evaluatie, Evaluatie.id == EvaluatieAmbitie.evaluatie_id)
        .where(
            Evaluatie.status.in_(EVALUATIE_TELT),
            Evaluatie.jaar <= paren[-1][0],
            EvaluatieAmbitie.waardering.is_not(None),
        )
        .subquery("ev")
    )
    # Wijkanalyses: het eerste gevraagde jaar waarin ze meetelt (peildatum ≥ datum); per wijk ×
    # ambitie × dat jaar de nieuwste (datum, dan id).
    vanaf = case(*[(Wijkanalyse.datum <= p, j) for j, p in paren])
    wa = (
        select(
            Wijkanalyse.wijk_id.label("wijk_id"),
            WijkanalyseAmbitie.ambitie_id.label("ambitie_id"),
            cast(WijkanalyseAmbitie.waardering, Float).label("waardering"),
            literal(3, Integer).label("prioriteit"),
            cast(extract("year", Wijkanalyse.datum), Integer).label("bron_jaar"),
            vanaf.label("vanaf"),
            func.row_number().over(
                partition_by=(Wijkanalyse.wijk_id, WijkanalyseAmbitie.ambitie_id, vanaf),
                order_by=(Wijkanalyse.datum.desc(), WijkanalyseAmbitie.id.desc()),
            ).label("volgnummer"),
        )
        .join(Wijkanalyse, Wijkanalyse.id == WijkanalyseAmbitie.wijkanalyse_id)
        .where(
            Wijkanalyse.status == "ingediend",
            Wijkanalyse.datum <= paren[-1][1],
            WijkanalyseAmbitie.waardering.is_not(None),
        )
        .subquery("wa")
    )

    # Per wijk × ambitie: elke beste kandidaat geldt tot de volgende van dezelfde soort; een
    # wijkanalyse alleen vóór het eerste jaar met een evaluatie.
    beste = union_all(
        *[select(bron.c.wijk_id, bron.c.ambitie_id, bron.c.waardering, bron.c.prioriteit, bron.c.bron_jaar,
                 bron.c.vanaf, literal(soort, Integer).label("soort")).where(bron.c.volgnummer == 1)
          for soort, bron in ((0, ev), (1, wa))]
    ).subquery("beste")
    geldig = select(
        beste,
        func.lead(beste.c.vanaf).over(partition_by=(beste.c.wijk_id, beste.c.ambitie_id, beste.c.soort),
                                      order_by=beste.c.vanaf).label("tot"),
        func.min(case((beste.c.soort == 0, beste.c.vanaf))).over(
            partition_by=(beste.c.wijk_id, beste.c.ambitie_id)).label("eerste_evaluatie"),
    ).subquery("geldig")
    return select(
        tabel.c.jaar, geldig.c.wijk_id, geldig.c.ambitie_id, geldig.c.waardering, geldig.c.prioriteit,
        geldig.c.bron_jaar,
    ).join(tabel, and_(
        tabel.c.jaar >= geldig.c.vanaf,
        or_(geldig.c.tot.is_(None), tabel.c.jaar < geldig.c.tot),
        or_(geldig.c.soort == 0, geldig.c.eerste_evaluatie.is_(None), tabel.c.jaar < geldig.c.eerste_evaluatie),
    ))


def ambitiescore_bron(prioriteit: int, bron_jaar: int) -> str:
    """Leesbare bron, bijv. ``'evaluatie (vastgesteld) 2025'``."""
    return f"{AMBITIESCORE_BRONNEN[prioriteit]} {bron_jaar}"


# --------------------------------------------------------------------------- doelbereik


def doelbereik(nulwaarde: float | None, streefwaarde_abs: float | None, meting: float | None, richting: str) -> float | None:
    """*Doelbereik*: welk deel van de beoogde verandering de laatste meting al gehaald heeft, als
    fractie (1,0 = 100% = de streefwaarde is bereikt).

        doelbereik = teken × (meting − nulmeting) / |streefwaarde − nulmeting|

    met teken = +1 bij ``hoger_is_beter`` en −1 bij ``lager_is_beter`` (zoals bij
    :func:`op_koers`). Positief: de goede kant op; boven 1: verder dan de
    streefwaarde; negatief: de verkeerde kant op. Bij een gewone doelstelling (streefwaarde in de
    goede richting) is dit precies (meting − nul) / (streef − nul).

    ``None`` als een van de drie waarden ontbreekt, of als er geen verandering beoogd is
    (streefwaarde = nulmeting, "handhaven"): dan is er geen fractie te nemen; de status
    (:func:`datalaag.afgeleid.op_koers`) zegt dan of de waarde gehandhaafd is.
    """
    if nulwaarde is None or streefwaarde_abs is None or meting is None:
        return None
    teken = _richtingsteken(richting)
    beoogd = abs(float(streefwaarde_abs) - float(nulwaarde))
    if beoogd <= _EPSILON:
        return None
    return teken * (float(meting) - float(nulwaarde)) / beoogd
