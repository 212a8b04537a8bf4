"""Trendgegevens van doelstellingen: metingen tegen de streeflijn, met de status *op koers*.

``doelstelling_trends(sessie, wijkplan_id, peildatum)`` haalt alle doelstellingen van één wijkplan
in een vast aantal queries (vier, ongeacht het aantal doelstellingen): de doelstellingen met hun
indicator en ambitie, alle metingen van die indicatoren in de wijk tot en met de peildatum, de
inwonertallen van de wijk en de bijstellingen door de raad. Andere pagina's (indicatoren,
vergelijk, rapport) gebruiken dezelfde functie.

Definities (uit :mod:`datalaag.afgeleid`, hier alleen toegepast):

- *op koers*: :func:`~datalaag.afgeleid.op_koers_doelstelling` op de laatste meting met peildatum
  ≤ de peildatum (bij tellingen op de cijfers per 1.000 inwoners, zoals overal in het dashboard);
- streefwaarde: :func:`~datalaag.afgeleid.absolute_streefwaarde` (relatief = procent t.o.v. de
  nulmeting); de streeflijn loopt recht van de nulmeting (31-12-nuljaar) naar de streefwaarde
  (31-12-streefjaar), zie :func:`~datalaag.afgeleid.verwachte_waarde`;
- tellingen (``Indicator.is_telling``) worden getoond per 1.000 inwoners
  (:func:`~datalaag.afgeleid.per_1000`) met het inwonertal van het jaar van de waarde (nulmeting:
  het nuljaar; streefwaarde: het streefjaar). Ontbreekt dat jaar (bijv. een streefjaar in de
  toekomst), dan het laatst bekende eerdere jaar; is er geen eerder jaar, dan het eerste bekende.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    GEEN_DATA,
    absolute_streefwaarde,
    inwoners_voor_jaar,
    nulmeting_datum,
    op_koers_doelstelling,
    per_1000,
    streefdatum,
    verwachte_waarde,
)
from datalaag.cache import gecachet
from datalaag.models import (
    Ambitie,
    Doelstelling,
    DoelstellingBijstelling,
    Indicator,
    Meting,
    WijkInwoners,
    Wijkplan,
)

__all__ = [
    "Bijstelling",
    "DoelstellingTrend",
    "TrendPunt",
    "doelstelling_trends",
    "streeflijn",
    "trend_van_doelstelling",
]


@dataclass(frozen=True, slots=True)
class TrendPunt:
    """Eén meting: peildatum, opgeslagen waarde en (bij een telling) de waarde per 1.000 inwoners."""

    peildatum: dt.date
    waarde: float
    per_1000: float | None = None
    periode: str = "jaar"

    @property
    def getoond(self) -> float | None:
        """De waarde zoals de UI hem toont: per 1.000 inwoners bij een telling, anders de waarde."""
        return self.per_1000 if self.per_1000 is not None else self.waarde


@dataclass(frozen=True, slots=True)
class Bijstelling:
    """Een bijstelling door de raad (§3.9): de oude waarden blijven zichtbaar."""

    raadsbesluit: str
    besluitdatum: dt.date
    oude_streefwaarde: float
    nieuwe_streefwaarde: float
    oud_streefjaar: int
    nieuw_streefjaar: int
    toelichting: str | None


@dataclass(frozen=True, slots=True)
class DoelstellingTrend:
    id: int
    wijkplan_id: int
    wijk_id: int
    ambitie_id: int
    ambitie_nummer: int
    ambitie_naam: str
    tekst: str
    soort: str  # 'huidig' | 'nieuw'
    indicator_id: int
    indicator_naam: str
    eenheid: str
    richting: str
    is_telling: bool
    indicator_bron: str
    nulmeting_waarde: float
    nulmeting_jaar: int
    streef_type: str  # 'absoluut' | 'relatief'
    #: zoals opgeslagen: absolute waarde, of procent t.o.v. de nulmeting
    streefwaarde: float
    streefjaar: int
    #: :func:`absolute_streefwaarde`
    streefwaarde_absoluut: float
    #: alle metingen van de indicator in de wijk met peildatum ≤ de peildatum, oplopend
    metingen: tuple[TrendPunt, ...]
    #: de laatste meting ≤ peildatum (de basis van ``status``), of None
    laatste: TrendPunt | None
    #: verwachte waarde (streeflijn) op de peildatum van de laatste meting, in getoonde eenheid
    #: (bij tellingen per 1.000 inwoners)
    verwacht: float | None
    #: :func:`op_koers_doelstelling`: 'op_koers' | 'achter' | 'ver_achter' | 'geen_data'
    status: str
    #: bij tellingen: nulmeting en streefwaarde per 1.000 inwoners
    nulmeting_per_1000: float | None
    streefwaarde_per_1000: float | None
    bijstellingen: tuple[Bijstelling, ...]

    @property
    def nulmeting_getoond(self) -> float:
        return self.nulmeting_per_1000 if self.nulmeting_per_1000 is not None else self.nulmeting_waarde

    @property
    def streefwaarde_getoond(self) -> float:
        return self.streefwaarde_per_1000 if self.streefwaarde_per_1000 is not None else self.streefwaarde_absoluut

    @property
    def eenheid_getoond(self) -> str:
        return "per 1.000 inwoners" if self.is_telling else self.eenheid


def _trends(sessie: Session, peildatum: dt.date, *voorwaarden) -> list[DoelstellingTrend]:
    doelen = sessie.execute(
        select(
            Doelstelling.id,
            Doelstelling.wijkplan_id,
            Wijkplan.wijk_id,
            Doelstelling.ambitie_id,
            Ambitie.nummer,
            Ambitie.korte_naam,
            Doelstelling.tekst,
            Doelstelling.soort,
            Indicator.id.label("indicator_id"),
            Indicator.naam.label("indicator_naam"),
            Indicator.eenheid,
            Indicator.richting,
            Indicator.is_telling,
            Indicator.bron,
            Doelstelling.nulmeting_waarde,
            Doelstelling.nulmeting_jaar,
            Doelstelling.streef_type,
            Doelstelling.streefwaarde,
            Doelstelling.streefjaar,
        )
        .join(Wijkplan, Wijkplan.id == Doelstelling.wijkplan_id)
        .join(Indicator, Indicator.id == Doelstelling.indicator_id)
        .join(Ambitie, Ambitie.id == Doelstelling.ambitie_id)
        .where(*voorwaarden)
        .order_by(Ambitie.nummer, Doelstelling.id)
    ).all()
    if not doelen:
        return []
    wijk_ids = {d.wijk_id for d in doelen}
    indicator_ids = {d.indicator_id for d in doelen}
    metingen: dict[tuple[int, int], list[tuple[dt.date, float, str]]] = defaultdict(list)
    for m in sessie.execute(
        select(Meting.wijk_id, Meting.indicator_id, Meting.peildatum, Meting.waarde, Meting.periode)
        .where(Meting.wijk_id.in_(wijk_ids), Meting.indicator_id.in_(indicator_ids), Meting.peildatum <= peildatum)
        .order_by(Meting.peildatum)
    ):
        metingen[(m.wijk_id, m.indicator_id)].append((m.peildatum, float(m.waarde), m.periode))
    inwoners: dict[int, dict[int, int]] = defaultdict(dict)
    if any(d.is_telling for d in doelen):
        for r in sessie.execute(
            select(WijkInwoners.wijk_id, WijkInwoners.jaar, WijkInwoners.aantal).where(
                WijkInwoners.wijk_id.in_(wijk_ids)
            )
        ):
            inwoners[r.wijk_id][r.jaar] = r.aantal
    bijstellingen: dict[int, list[Bijstelling]] = defaultdict(list)
    for b in sessie.execute(
        select(DoelstellingBijstelling)
        .where(DoelstellingBijstelling.doelstelling_id.in_([d.id for d in doelen]))
        .order_by(DoelstellingBijstelling.besluitdatum, DoelstellingBijstelling.id)
    ).scalars():
        bijstellingen[b.doelstelling_id].append(
            Bijstelling(
                raadsbesluit=b.raadsbesluit,
                besluitdatum=b.besluitdatum,
                oude_streefwaarde=float(b.oude_streefwaarde),
                nieuwe_streefwaarde=float(b.nieuwe_streefwaarde),
                oud_streefjaar=b.oud_streefjaar,
                nieuw_streefjaar=b.nieuw_streefjaar,
                toelichting=b.toelichting,
            )
        )

    uit: list[DoelstellingTrend] = []
    for d in doelen:
        inw = inwoners.get(d.wijk_id, {})

        def omgerekend(waarde: float, jaar: int, telling: bool = bool(d.is_telling), inw: dict[int, int] = inw):
            return per_1000(waarde, inwoners_voor_jaar(inw, jaar)) if telling else None

        punten = tuple(
            TrendPunt(p, w, omgerekend(w, p.year), periode) for p, w, periode in metingen.get((d.wijk_id, d.indicator_id), [])
        )
        laatste = punten[-1] if punten else None
        nulwaarde = float(d.nulmeting_waarde)
        streef_abs = absolute_streefwaarde(nulwaarde, d.streef_type, float(d.streefwaarde))
        status = op_koers_doelstelling(
            nulwaarde=nulwaarde,
            nuljaar=d.nulmeting_jaar,
            streef_type=d.streef_type,
            streefwaarde=float(d.streefwaarde),
            streefjaar=d.streefjaar,
            richting=d.richting,
            meting_waarde=None if laatste is None else laatste.waarde,
            meting_peildatum=None if laatste is None else laatste.peildatum,
            is_telling=bool(d.is_telling),
            inwoners=inw,
        )
        nul_getoond = omgerekend(nulwaarde, d.nulmeting_jaar) if d.is_telling else nulwaarde
        streef_getoond = omgerekend(streef_abs, d.streefjaar) if d.is_telling else streef_abs
        verwacht = (
            None
            if laatste is None or status == GEEN_DATA or nul_getoond is None or streef_getoond is None
            else verwachte_waarde(nul_getoond, d.nulmeting_jaar, streef_getoond, d.streefjaar, laatste.peildatum)
        )
        uit.append(
            DoelstellingTrend(
                id=d.id,
                wijkplan_id=d.wijkplan_id,
                wijk_id=d.wijk_id,
                ambitie_id=d.ambitie_id,
                ambitie_nummer=d.nummer,
                ambitie_naam=d.korte_naam,
                tekst=d.tekst,
                soort=d.soort,
                indicator_id=d.indicator_id,
                indicator_naam=d.indicator_naam,
                eenheid=d.eenheid,
                richting=d.richting,
                is_telling=bool(d.is_telling),
                indicator_bron=d.bron,
                nulmeting_waarde=nulwaarde,
                nulmeting_jaar=d.nulmeting_jaar,
                streef_type=d.streef_type,
                streefwaarde=float(d.streefwaarde),
                streefjaar=d.streefjaar,
                streefwaarde_absoluut=streef_abs,
                metingen=punten,
                laatste=laatste,
                verwacht=verwacht,
                status=status,
                nulmeting_per_1000=omgerekend(nulwaarde, d.nulmeting_jaar),
                streefwaarde_per_1000=omgerekend(streef_abs, d.streefjaar),
                bijstellingen=tuple(bijstellingen.get(d.id, [])),
            )
        )
    return uit


@gecachet
def doelstelling_trends(sessie: Session, wijkplan_id: int, peildatum: dt.date) -> list[DoelstellingTrend]:
    """Alle doelstellingen van een wijkplan met hun trend, op ambitienummer en id. Vier queries
    (drie zonder tellingen), hoeveel doelstellingen het plan ook heeft."""
    return _trends(sessie, peildatum, Doelstelling.wijkplan_id == wijkplan_id)


@gecachet
def trend_van_doelstelling(
    sessie: Session, doelstelling_id: int, peildatum: dt.date, wijk_id: int | None = None
) -> DoelstellingTrend | None:
    """Eén doelstelling met haar volledige trend; None als ze niet bestaat (of, met ``wijk_id``,
    niet bij een plan van die wijk hoort)."""
    voorwaarden = [Doelstelling.id == doelstelling_id]
    if wijk_id is not None:
        voorwaarden.append(Wijkplan.wijk_id == wijk_id)
    trends = _trends(sessie, peildatum, *voorwaarden)
    return trends[0] if trends else None


# Voor de grafiek: begin- en eindpunt van de streeflijn.
def streeflijn(trend: DoelstellingTrend) -> tuple[tuple[dt.date, float], tuple[dt.date, float]]:
    """De rechte streeflijn van de nulmeting (31-12-nuljaar) naar de streefwaarde (31-12-streefjaar),
    in de getoonde eenheid (per 1.000 inwoners bij een telling)."""
    return (
        (nulmeting_datum(trend.nulmeting_jaar), trend.nulmeting_getoond),
        (streefdatum(trend.streefjaar), trend.streefwaarde_getoond),
    )
