"""Leesqueries voor de pagina ``/indicatoren``: de trend van één indicator in elke wijk, tegen de
doelstelling van het actieve wijkplan, met *doelbereik* en status.

Definities en keuzes
--------------------
- **Doelstelling van een wijk** op een indicator: een doelstelling op die indicator in een wijkplan
  dat in ``jaar`` actief is (:func:`datalaag.afgeleid.plan_actief_sql`). Heeft een wijk er meer
  dan één (overlappende plannen), dan telt die van het jongste plan (hoogste ``periode_van``), en
  daarbinnen de laatst ingevoerde (hoogste id).
- **Metingen**: alle metingen van de indicator in de wijk met peildatum ≤ de peildatum van ``jaar``
  (:func:`datalaag.afgeleid.peildatum_voor_jaar`); de *laatste meting* is de jongste daarvan die
  getoond kan worden (bij een telling: waarvoor het inwonertal van dat jaar bekend is).
- **Per 1.000 inwoners** (indicatoren met ``is_telling``): de meting is een aantal; getoond wordt
  :func:`datalaag.afgeleid.per_1000` met de inwoners (``wijk_inwoners``, op 1 januari) van
  - een meting: het jaar van haar peildatum;
  - de nulmeting: het nulmetingsjaar;
  - de streefwaarde: het streefjaar, of — ontbreekt dat jaar (meestal: het ligt in de toekomst) —
    het laatst bekende jaar vóór het streefjaar.
  Ontbreekt het inwonertal, dan is de omgerekende waarde ``None`` (het punt wordt niet getoond).
- **Status en doelbereik** worden berekend op de waarden die getoond worden: bij een telling op de
  cijfers per 1.000 inwoners (de indicator ís een cijfer per 1.000 inwoners; alleen de meting is een
  aantal), anders op de waarden zelf. De status is :func:`datalaag.afgeleid.op_koers`; bij een
  telling krijgt die de omgerekende nulmeting en de omgerekende absolute streefwaarde.
  Zo zeggen grafiek, tabel en status hetzelfde.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, extract, func, select
from sqlalchemy.orm import Session, aliased

from datalaag.afgeleid import (
    GEEN_DATA,
    absolute_streefwaarde,
    doelbereik,
    op_koers,
    peildatum_voor_jaar,
    per_1000,
    plan_actief_sql,
)
from datalaag.cache import gecachet
from datalaag.models import (
    Ambitie,
    Doelstelling,
    Indicator,
    Meting,
    Wijk,
    WijkInwoners,
    Wijkplan,
)

__all__ = [
    "AmbitieKeuze",
    "DoelstellingWaarden",
    "IndicatorKeuze",
    "IndicatorOverzicht",
    "Meetpunt",
    "WijkIndicator",
    "ambities_met_indicatoren",
    "indicator_overzicht",
]

PER_1000_EENHEID = "per 1.000 inwoners"


# --------------------------------------------------------------------------- definitie


# --------------------------------------------------------------------------- keuzelijsten


@dataclass(frozen=True, slots=True)
class IndicatorKeuze:
    id: int
    naam: str
    eenheid: str


@dataclass(frozen=True, slots=True)
class AmbitieKeuze:
    nummer: int
    korte_naam: str
    indicatoren: tuple[IndicatorKeuze, ...]


@gecachet
def ambities_met_indicatoren(sessie: Session) -> list[AmbitieKeuze]:
    """Alle ambities (op nummer) met hun indicatoren (op id: de volgorde van invoer). Eén query;
    een ambitie zonder indicatoren staat er ook in, met een lege tuple."""
    rijen = sessie.execute(
        select(Ambitie.nummer, Ambitie.korte_naam, Indicator.id, Indicator.naam, Indicator.eenheid)
        .outerjoin(Indicator, Indicator.ambitie_id == Ambitie.id)
        .order_by(Ambitie.nummer, Indicator.id)
    ).all()
    uit: list[AmbitieKeuze] = []
    huidige: tuple[int, str] | None = None
    lijst: list[IndicatorKeuze] = []
    for nummer, korte_naam, ind_id, naam, eenheid in rijen:
        if huidige is not None and huidige[0] != nummer:
            uit.append(AmbitieKeuze(huidige[0], huidige[1], tuple(lijst)))
            lijst = []
        huidige = (nummer, korte_naam)
        if ind_id is not None:
            lijst.append(IndicatorKeuze(ind_id, naam, eenheid))
    if huidige is not None:
        uit.append(AmbitieKeuze(huidige[0], huidige[1], tuple(lijst)))
    return uit


# --------------------------------------------------------------------------- overzicht


@dataclass(frozen=True, slots=True)
class Meetpunt:
    """Eén meting. ``getoond`` is de waarde zoals de pagina haar toont: per 1.000 inwoners bij een
    telling (``None`` als het inwonertal van dat jaar ontbreekt), anders de waarde zelf."""

    peildatum: dt.date
    waarde: float
    inwoners: int | None
    per_1000: float | None
    getoond: float | None


@dataclass(frozen=True, slots=True)
class DoelstellingWaarden:
    """De doelstelling van de wijk op deze indicator. ``streefwaarde`` is zoals ingevoerd (bij
    ``relatief`` een percentage), ``streefwaarde_absoluut`` via
    :func:`datalaag.afgeleid.absolute_streefwaarde`. De ``*_getoond``-velden zijn per 1.000
    inwoners bij een telling, anders gelijk aan de waarden zelf."""

    id: int
    tekst: str
    soort: str
    richting: str
    nulmeting_waarde: float
    nulmeting_jaar: int
    streef_type: str
    streefwaarde: float
    streefwaarde_absoluut: float
    streefjaar: int
    nulmeting_inwoners: int | None
    streef_inwoners: int | None
    #: het jaar waarvan ``streef_inwoners`` is (het streefjaar of het laatst bekende jaar ervoor)
    streef_inwoners_jaar: int | None
    nulmeting_getoond: float | None
    streefwaarde_getoond: float | None


@dataclass(frozen=True, slots=True)
class WijkIndicator:
    slug: str
    naam: str
    doelstelling: DoelstellingWaarden | None
    metingen: tuple[Meetpunt, ...]
    laatste: Meetpunt | None
    #: :func:`datalaag.afgeleid.op_koers` van de laatste meting; ``geen_data`` zonder doelstelling,
    #: zonder meting sinds de nulmeting of zonder inwonertal (telling)
    status: str
    #: :func:`doelbereik` van de laatste meting (fractie), of ``None``
    doelbereik: float | None


@dataclass(frozen=True, slots=True)
class IndicatorOverzicht:
    indicator_id: int
    naam: str
    eenheid: str
    bron: str
    richting: str
    is_telling: bool
    ambitie_nummer: int
    ambitie_naam: str
    jaar: int
    peildatum: dt.date
    #: alle wijken, op naam
    wijken: tuple[WijkIndicator, ...]

    @property
    def eenheid_getoond(self) -> str:
        return PER_1000_EENHEID if self.is_telling else self.eenheid

    @property
    def met_gegevens(self) -> tuple[WijkIndicator, ...]:
        """Wijken met een doelstelling of ten minste één meting (één paneel per wijk)."""
        return tuple(w for w in self.wijken if w.doelstelling is not None or w.metingen)

    @property
    def rangorde(self) -> tuple[WijkIndicator, ...]:
        """Wijken met een doelbereik, van hoog naar laag (gelijk: op naam)."""
        met = [w for w in self.wijken if w.doelbereik is not None]
        return tuple(sorted(met, key=lambda w: (-w.doelbereik, w.naam.casefold())))  # type: ignore[operator]


def _jaar_van(kolom):
    return cast(extract("year", kolom), Integer)


def _getoond(waarde: float | None, inwoners: int | None, is_telling: bool) -> float | None:
    if not is_telling:
        return waarde
    return per_1000(waarde, inwoners)


@gecachet
def indicator_overzicht(sessie: Session, indicator_id: int, jaar: int, vandaag: dt.date) -> IndicatorOverzicht | None:
    """De indicator met per wijk (alle wijken, op naam) haar doelstelling in het in ``jaar``
    actieve plan, de metingen tot en met de peildatum, de laatste meting, de status en het
    doelbereik. Drie queries, ongeacht het aantal wijken. ``None`` als de indicator niet bestaat."""
    peildatum = peildatum_voor_jaar(jaar, vandaag)

    # 1. De indicator en haar ambitie.
    meta = sessie.execute(
        select(
            Indicator.id,
            Indicator.naam,
            Indicator.eenheid,
            Indicator.bron,
            Indicator.richting,
            Indicator.is_telling,
            Ambitie.nummer,
            Ambitie.korte_naam,
        )
        .join(Ambitie, Ambitie.id == Indicator.ambitie_id)
        .where(Indicator.id == indicator_id)
    ).one_or_none()
    if meta is None:
        return None
    is_telling = bool(meta.is_telling)

    # 2. Alle wijken met (hooguit) één doelstelling uit een actief plan en de inwoners daarbij.
    volgnummer = (
        func.row_number()
        .over(
            partition_by=Wijkplan.wijk_id,
            order_by=(Wijkplan.periode_van.desc(), Doelstelling.id.desc()),
        )
        .label("volgnummer")
    )
    kandidaten = (
        select(
            Wijkplan.wijk_id.label("wijk_id"),
            Doelstelling.id.label("id"),
            Doelstelling.tekst,
            Doelstelling.soort,
            Doelstelling.nulmeting_waarde,
            Doelstelling.nulmeting_jaar,
            Doelstelling.streef_type,
            Doelstelling.streefwaarde,
            Doelstelling.streefjaar,
            volgnummer,
        )
        .join(Wijkplan, Wijkplan.id == Doelstelling.wijkplan_id)
        .where(Doelstelling.indicator_id == indicator_id, plan_actief_sql(jaar))
        .subquery("kandidaten")
    )
    doel = select(kandidaten).where(kandidaten.c.volgnummer == 1).subquery("doel")
    inw_nul = aliased(WijkInwoners, name="inw_nul")
    inw_streef = aliased(WijkInwoners, name="inw_streef")
    # Inwoners voor de streefwaarde: het streefjaar, anders het laatst bekende jaar daarvoor.
    streef_inwonersjaar = (
        select(func.max(inw_streef.jaar))
        .where(inw_streef.wijk_id == Wijk.id, inw_streef.jaar <= doel.c.streefjaar)
        .correlate(Wijk, doel)
        .scalar_subquery()
    )
    inw_streef2 = aliased(WijkInwoners, name="inw_streef2")
    wijkrijen = sessie.execute(
        select(
            Wijk.id.label("wijk_id"),
            Wijk.slug,
            Wijk.naam,
            doel.c.id,
            doel.c.tekst,
            doel.c.soort,
            doel.c.nulmeting_waarde,
            doel.c.nulmeting_jaar,
            doel.c.streef_type,
            doel.c.streefwaarde,
            doel.c.streefjaar,
            inw_nul.aantal.label("nul_inwoners"),
            inw_streef2.jaar.label("streef_inwoners_jaar"),
            inw_streef2.aantal.label("streef_inwoners"),
        )
        .outerjoin(doel, doel.c.wijk_id == Wijk.id)
        .outerjoin(inw_nul, and_(inw_nul.wijk_id == Wijk.id, inw_nul.jaar == doel.c.nulmeting_jaar))
        .outerjoin(inw_streef2, and_(inw_streef2.wijk_id == Wijk.id, inw_streef2.jaar == streef_inwonersjaar))
        .order_by(Wijk.id)
    ).all()
    # Op naam in Python: de sortering van tekst verschilt per database (collatie).
    wijkrijen = sorted(wijkrijen, key=lambda r: r.naam.casefold())

    # 3. De metingen tot en met de peildatum, met de inwoners van het jaar van de peildatum.
    metingrijen = sessie.execute(
        select(Meting.wijk_id, Meting.peildatum, Meting.waarde, WijkInwoners.aantal)
        .outerjoin(
            WijkInwoners,
            and_(WijkInwoners.wijk_id == Meting.wijk_id, WijkInwoners.jaar == _jaar_van(Meting.peildatum)),
        )
        .where(Meting.indicator_id == indicator_id, Meting.peildatum <= peildatum)
        .order_by(Meting.wijk_id, Meting.peildatum)
    ).all()
    per_wijk: dict[int, list[Meetpunt]] = {}
    for r in metingrijen:
        p1000 = per_1000(r.waarde, r.aantal) if is_telling else None
        per_wijk.setdefault(r.wijk_id, []).append(
            Meetpunt(
                peildatum=r.peildatum,
                waarde=float(r.waarde),
                inwoners=r.aantal,
                per_1000=p1000,
                getoond=p1000 if is_telling else float(r.waarde),
            )
        )

    wijken: list[WijkIndicator] = []
    for r in wijkrijen:
        metingen = tuple(per_wijk.get(r.wijk_id, ()))
        # De laatste meting die getoond kan worden (bij een telling: met een inwonertal voor dat jaar).
        laatste = next((m for m in reversed(metingen) if m.getoond is not None), None)
        doelstelling: DoelstellingWaarden | None = None
        status, bereik = GEEN_DATA, None
        if r.id is not None:
            streef_abs = absolute_streefwaarde(r.nulmeting_waarde, r.streef_type, r.streefwaarde)
            doelstelling = DoelstellingWaarden(
                id=r.id,
                tekst=r.tekst,
                soort=r.soort,
                richting=meta.richting,
                nulmeting_waarde=float(r.nulmeting_waarde),
                nulmeting_jaar=r.nulmeting_jaar,
                streef_type=r.streef_type,
                streefwaarde=float(r.streefwaarde),
                streefwaarde_absoluut=streef_abs,
                streefjaar=r.streefjaar,
                nulmeting_inwoners=r.nul_inwoners,
                streef_inwoners=r.streef_inwoners,
                streef_inwoners_jaar=r.streef_inwoners_jaar,
                nulmeting_getoond=_getoond(float(r.nulmeting_waarde), r.nul_inwoners, is_telling),
                streefwaarde_getoond=_getoond(streef_abs, r.streef_inwoners, is_telling),
            )
            nul, streef = doelstelling.nulmeting_getoond, doelstelling.streefwaarde_getoond
            gemeten = laatste.getoond if laatste else None
            if nul is not None and streef is not None:
                status = op_koers(
                    nulwaarde=nul,
                    nuljaar=doelstelling.nulmeting_jaar,
                    streef_type="absoluut",
                    streefwaarde=streef,
                    streefjaar=doelstelling.streefjaar,
                    richting=meta.richting,
                    meting_waarde=gemeten,
                    meting_peildatum=laatste.peildatum if laatste else None,
                )
                # Een meting vóór de nulmeting zegt niets over de voortgang (zoals bij op_koers).
                if status != GEEN_DATA:
                    bereik = doelbereik(nul, streef, gemeten, meta.richting)
        wijken.append(
            WijkIndicator(
                slug=r.slug,
                naam=r.naam,
                doelstelling=doelstelling,
                metingen=metingen,
                laatste=laatste,
                status=status,
                doelbereik=bereik,
            )
        )

    return IndicatorOverzicht(
        indicator_id=meta.id,
        naam=meta.naam,
        eenheid=meta.eenheid,
        bron=meta.bron,
        richting=meta.richting,
        is_telling=is_telling,
        ambitie_nummer=meta.nummer,
        ambitie_naam=meta.korte_naam,
        jaar=jaar,
        peildatum=peildatum,
        wijken=tuple(wijken),
    )
