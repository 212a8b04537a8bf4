"""Metingen: één meting invoeren of corrigeren (issue 6), met dezelfde regels als de import.

De regels voor een meting staan hier één keer en worden gedeeld door het formulier
(:func:`bewaar_meting`) en de import (``datalaag.importeren``):

- :func:`controleer_meting`: peildatum (dd-mm-jjjj, niet na het lopende jaar), periode (``jaar`` of
  ``kwartaal``; leeg = volgens de meetfrequentie van de indicator), waarde (:func:`controleer_waarde`:
  decimale komma, ten hoogste vier decimalen, binnen het bereik van de eenheid: 0–100 voor %, 1–10
  voor een rapportcijfer, een geheel aantal ≥ 0 voor een telling) en bron (leeg = de bron van de
  indicator); een peildatum is het einde van de periode (:func:`is_periode_einde`).
- De natuurlijke sleutel is (indicator, wijk, peildatum), zoals de unieke sleutel in de database en
  de import; de periode hoort er niet bij.

:func:`bewaar_meting` volgt het schrijfpatroon: valideren → autoriseren (``meting_schrijven`` voor de
wijk) → bestaat de meting al, dan alleen als correctie van precies die meting met de versie die de
gebruiker zag (anders een melding dat het een correctie is) → schrijven + één ``Mutatie``
(entiteit ``meting``) in de transactie van de aanroeper. Bij een fout wordt niets geschreven.

Leesfuncties voor het formulier: :func:`indicatoren` (op ambitie) en :func:`meting_stand` (de laatste
metingen, de doelstelling van het lopende wijkplan en of de metingen achterstallig zijn volgens
:func:`datalaag.afgeleid.meting_achterstallig`, dezelfde regel als het signaal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import (
    METING_GRATIE_MAANDEN,
    meting_achterstallig,
    plan_actief_sql,
)
from datalaag.autorisatie import Actor, eis
from datalaag.models import (
    METING_PERIODEN,
    Ambitie,
    Doelstelling,
    Indicator,
    Meting,
    Wijk,
    Wijkplan,
)
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal, meervoud
from datalaag.trends import DoelstellingTrend, trend_van_doelstelling
from datalaag.validatie import Controle, Invoerfout, Validatiefout

#: De velden van een meting en hun labels (in het formulier en als kolomnaam in de import).
VELDEN = {"peildatum": "Peildatum", "periode": "Periode", "waarde": "Waarde", "bron": "Bron"}
PERIODE_LABELS = {"jaar": "Jaar", "kwartaal": "Kwartaal"}
BRON_LENGTE = 100                    # Meting.bron is String(100)
MAX_WAARDE = Decimal(10000000000)    # Meting.waarde is Numeric(14, 4)
#: Zoveel metingen toont het formulier (nieuwste eerst); de volledige reeks staat op de wijkpagina.
AANTAL_GETOOND = 8
_MAX_ID = 2**31 - 1

__all__ = [
    "AANTAL_GETOOND",
    "BRON_LENGTE",
    "MAX_WAARDE",
    "PERIODE_LABELS",
    "VELDEN",
    "Conflictfout",
    "IndicatorKeuze",
    "MetingInvoer",
    "MetingRegel",
    "MetingStand",
    "Opgeslagen",
    "bewaar_meting",
    "controleer_meting",
    "controleer_peildatum",
    "controleer_waarde",
    "formatteer_waarde",
    "frequentie_tekst",
    "indicatoren",
    "is_periode_einde",
    "laatste_peildatum",
    "meting_stand",
    "standaard_periode",
]


# =========================================================================== de regels (ook voor de import)


def standaard_periode(meetfrequentie_maanden: int) -> str:
    """De periode van een meting als er niets is opgegeven: kwartaal bij een meetfrequentie onder een jaar."""
    return "kwartaal" if meetfrequentie_maanden < 12 else "jaar"


def is_periode_einde(peildatum: dt.date, periode: str) -> bool:
    """Of ``peildatum`` de laatste dag van een jaar (``jaar``) of van een kwartaal (``kwartaal``) is."""
    volgende = peildatum + dt.timedelta(days=1)
    return volgende.day == 1 and (volgende.month == 1 if periode == "jaar" else volgende.month in (1, 4, 7, 10))


def laatste_peildatum(vandaag: dt.date) -> dt.date:
    """De laatste peildatum die al kan: het einde van het lopende jaar (een jaarmeting over dit jaar)."""
    return dt.date(vandaag.year, 12, 31)


def _getal_tekst(getal: Decimal | float) -> str:
    return formatteer_getal(float(getal), 4).rstrip("0").rstrip(",")


def controleer_waarde(c: Controle, veld: str, label: str, waarde: Any, indicator: Indicator | None) -> float | None:
    """Een meetwaarde: een getal (Nederlandse schrijfwijze, duizendtallen met een punt), ten hoogste vier
    decimalen, binnen het bereik van de eenheid van ``indicator`` (als die bekend is)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        c.fout(veld, f"{label}: dit veld is verplicht. Vul een getal in, bijvoorbeeld 12,5.")
        return None
    getal = c._decimaal(veld, label, waarde, "12,5", duizendtallen=True)
    if getal is None:
        return None
    if abs(getal) >= MAX_WAARDE:
        c.fout(veld, f"{label}: het getal is te groot. Controleer het aantal nullen.")
        return None
    if getal != getal.quantize(Decimal("0.0001")):
        c.fout(veld, f"{label}: geef ten hoogste vier cijfers achter de komma.")
        return None
    if indicator is not None:
        tekst = _getal_tekst(getal)
        if indicator.is_telling and (getal < 0 or getal != getal.to_integral_value()):
            c.fout(veld, f"{label}: deze indicator is een telling; vul een geheel getal van 0 of meer in, niet {tekst}.")
            return None
        if indicator.eenheid == "%" and not Decimal(0) <= getal <= Decimal(100):
            c.fout(veld, f"{label}: een percentage ligt tussen 0 en 100; {tekst} kan niet.")
            return None
        if indicator.eenheid == "rapportcijfer" and not Decimal(1) <= getal <= Decimal(10):
            c.fout(veld, f"{label}: een rapportcijfer ligt tussen 1 en 10; {tekst} kan niet.")
            return None
    return float(getal)


def controleer_peildatum(c: Controle, veld: str, label: str, waarde: Any, vandaag: dt.date) -> dt.date | None:
    """Een peildatum die bestaat en niet na het lopende jaar ligt (:func:`laatste_peildatum`)."""
    uiterlijk = laatste_peildatum(vandaag)
    return c.datum(veld, label, waarde, verplicht=True, laatst=uiterlijk)


def controleer_periode_einde(c: Controle, veld: str, label: str, peildatum: dt.date | None,
                             periode: str | None) -> None:
    if peildatum is not None and periode is not None and not is_periode_einde(peildatum, periode):
        c.fout(veld, f"{label}: " + (
            "een jaarmeting heeft als peildatum 31-12 van het jaar, bijvoorbeeld 31-12-2025."
            if periode == "jaar" else
            "een kwartaalmeting heeft als peildatum de laatste dag van het kwartaal: 31-03, 30-06, 30-09 of 31-12."))


@dataclass(frozen=True, slots=True)
class MetingInvoer:
    """Een gecontroleerde meting (zonder wijk en indicator)."""

    peildatum: dt.date
    periode: str
    waarde: float
    bron: str


def controleer_meting(c: Controle, indicator: Indicator | None, *, peildatum: Any, periode: Any, waarde: Any,
                      bron: Any, vandaag: dt.date, labels: Mapping[str, str] = VELDEN) -> MetingInvoer | None:
    """Controleer de velden van één meting en zet de fouten in ``c`` (veld → melding, de melding begint met
    het label). ``indicator``: ``None`` als die onbekend is (dan geen controle van eenheid en periode; de
    aanroeper meldt zelf dat de indicator ontbreekt). Geeft de invoer als alles klopt, anders ``None``.
    Gedeeld door het formulier en de import: dezelfde invoer geeft dezelfde melding."""
    datum = controleer_peildatum(c, "peildatum", labels["peildatum"], peildatum, vandaag)
    standaard = None if indicator is None else standaard_periode(indicator.meetfrequentie_maanden)
    gekozen = c.keuze("periode", labels["periode"], periode, {p: p for p in METING_PERIODEN}, verplicht=False)
    gekozen = gekozen or standaard
    getal = controleer_waarde(c, "waarde", labels["waarde"], waarde, indicator)
    tekst = c.tekst("bron", labels["bron"], bron, max_lengte=BRON_LENGTE)
    controleer_periode_einde(c, "peildatum", labels["peildatum"], datum, gekozen)
    if indicator is None or datum is None or gekozen is None or getal is None or \
            any(k in c.fouten for k in ("peildatum", "periode", "waarde", "bron")):
        return None
    return MetingInvoer(datum, gekozen, getal, tekst or indicator.bron)


# =========================================================================== weergave


def formatteer_waarde(waarde: float | Decimal | None, eenheid: str, is_telling: bool = False) -> str:
    """``48,25%``, ``6,5 (schaalscore 0–10)``, ``7,5 (rapportcijfer)``, ``12 (aantal)``."""
    if waarde is None:
        return "–"
    tekst = _getal_tekst(waarde)
    if is_telling:
        return f"{tekst} (aantal)"
    if eenheid == "%":
        return f"{tekst}%"
    return f"{tekst} ({eenheid})" if eenheid else tekst


def frequentie_tekst(maanden: int) -> str:
    """``elk kwartaal``, ``elk jaar``, ``elke 6 maanden``, ``elke 2 jaar``."""
    if maanden == 3:
        return "elk kwartaal"
    if maanden == 12:
        return "elk jaar"
    if maanden % 12 == 0:
        return f"elke {maanden // 12} jaar"
    return f"elke {maanden} maanden"


def frequentie_duur(maanden: int) -> str:
    """De meetfrequentie als duur: ``een kwartaal``, ``een jaar``, ``6 maanden``, ``2 jaar``."""
    if maanden == 3:
        return "een kwartaal"
    if maanden == 12:
        return "een jaar"
    if maanden % 12 == 0:
        return f"{maanden // 12} jaar"
    return meervoud(maanden, "maand", "maanden")


def achterstand_grens(maanden: int) -> str:
    """Wanneer een meting achterstallig is, in woorden: de meetfrequentie plus de gratie van
    :data:`datalaag.afgeleid.METING_GRATIE_MAANDEN` (de regel van :func:`~datalaag.afgeleid.meting_achterstallig`)."""
    return f"{frequentie_duur(maanden)} plus {meervoud(METING_GRATIE_MAANDEN, 'maand', 'maanden')}"


#: Het formulier zonder doelstelling in het lopende plan: geen oordeel, zoals het signaal ``metingen_achterstallig``.
GEEN_DOELSTELLING = ("Geen oordeel over achterstand: zonder doelstelling in het lopende plan telt deze indicator niet "
                     "mee in de signalen.")


# =========================================================================== lezen


@dataclass(frozen=True, slots=True)
class IndicatorKeuze:
    """Een indicator in de keuzelijst, met haar ambitie."""

    id: int
    naam: str
    eenheid: str
    bron: str
    is_telling: bool
    meetfrequentie_maanden: int
    ambitie_nummer: int
    ambitie_naam: str

    @property
    def label(self) -> str:
        return f"Ambitie {self.ambitie_nummer} ({self.ambitie_naam}) · {self.naam}"

    @property
    def standaard_periode(self) -> str:
        return standaard_periode(self.meetfrequentie_maanden)


def indicatoren(sessie: Session) -> list[IndicatorKeuze]:
    """Alle indicatoren op ambitienummer en dan in volgorde van invoer (id). Eén query."""
    rijen = sessie.execute(
        select(Indicator.id, Indicator.naam, Indicator.eenheid, Indicator.bron, Indicator.is_telling,
               Indicator.meetfrequentie_maanden, Ambitie.nummer, Ambitie.korte_naam)
        .join(Ambitie, Ambitie.id == Indicator.ambitie_id)
        .order_by(Ambitie.nummer, Indicator.id)
    ).all()
    return [IndicatorKeuze(r.id, r.naam, r.eenheid, r.bron, bool(r.is_telling), r.meetfrequentie_maanden, r.nummer,
                           r.korte_naam) for r in rijen]


@dataclass(frozen=True, slots=True)
class MetingRegel:
    id: int
    peildatum: dt.date
    periode: str
    waarde: float
    bron: str
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime | None
    versie: int


@dataclass(frozen=True, slots=True)
class MetingStand:
    """Wat het formulier toont over één indicator in één wijk."""

    wijk_id: int
    wijk_slug: str
    wijk_naam: str
    indicator: IndicatorKeuze
    #: de nieuwste metingen (ook met een peildatum later dit jaar), nieuwste eerst: ``aantal``, plus zo nodig
    #: de meting die gecorrigeerd wordt of die getoond moet worden
    metingen: tuple[MetingRegel, ...]
    aantal_metingen: int
    #: de laatste meting met peildatum ≤ vandaag (waar de achterstand op rekent)
    laatste_peildatum: dt.date | None
    #: de doelstelling van het lopende wijkplan voor deze indicator (met status *op koers*), of None
    doelstelling: DoelstellingTrend | None
    #: :func:`datalaag.afgeleid.meting_achterstallig`; None (geen oordeel) zonder doelstelling in het lopende plan,
    #: net als het signaal ``metingen_achterstallig``, dat alleen indicatoren van doelstellingen van actieve plannen telt
    achterstallig: bool | None
    #: de meting die gecorrigeerd wordt (``correctie_id``), of None
    correctie: MetingRegel | None = None


def _regel(m: Meting) -> MetingRegel:
    return MetingRegel(m.id, m.peildatum, m.periode, float(m.waarde), m.bron, m.gewijzigd_door, m.gewijzigd_op,
                       m.versie)


def meting_stand(sessie: Session, wijk_id: int, indicator_id: int, vandaag: dt.date, *,
                 aantal: int = AANTAL_GETOOND, correctie_id: int | None = None,
                 toon_id: int | None = None) -> MetingStand | None:
    """De stand van ``indicator_id`` in ``wijk_id`` op ``vandaag``; None als wijk of indicator niet bestaat.

    Achterstallig volgens :func:`~datalaag.afgeleid.meting_achterstallig` (de regel van het signaal
    ``metingen_achterstallig``), met de nulmeting van de doelstelling in het lopende plan. Zonder zo'n
    doelstelling geen oordeel (``achterstallig`` is None): het signaal telt die indicator ook niet mee.
    ``correctie_id``: een meting van deze wijk en indicator om te corrigeren (anders blijft ``correctie`` None)."""
    wijk = sessie.get(Wijk, wijk_id)
    keuze = next((i for i in indicatoren(sessie) if i.id == indicator_id), None)
    if wijk is None or keuze is None:
        return None
    waar = (Meting.wijk_id == wijk_id, Meting.indicator_id == indicator_id)
    metingen = list(sessie.scalars(select(Meting).where(*waar).order_by(Meting.peildatum.desc()).limit(aantal)))
    extra = {i for i in (correctie_id, toon_id) if i is not None} - {m.id for m in metingen}
    if extra:
        metingen += sessie.scalars(select(Meting).where(*waar, Meting.id.in_(sorted(extra)))).all()
        metingen.sort(key=lambda m: m.peildatum, reverse=True)
    totaal, laatste = sessie.execute(
        select(func.count(Meting.id), func.max(Meting.peildatum).filter(Meting.peildatum <= vandaag)).where(*waar)
    ).one()
    doel_id = sessie.scalar(
        select(Doelstelling.id)
        .join(Wijkplan, Wijkplan.id == Doelstelling.wijkplan_id)
        .where(Wijkplan.wijk_id == wijk_id, Doelstelling.indicator_id == indicator_id, plan_actief_sql(vandaag.year))
        .order_by(Wijkplan.periode_van.desc(), Doelstelling.id)
        .limit(1)
    )
    doel = trend_van_doelstelling(sessie, doel_id, vandaag, wijk_id) if doel_id is not None else None
    achterstallig = (None if doel is None else
                     meting_achterstallig(laatste, doel.nulmeting_jaar, keuze.meetfrequentie_maanden, vandaag))
    correctie = next((_regel(m) for m in metingen if m.id == correctie_id), None)
    return MetingStand(wijk.id, wijk.slug, wijk.naam, keuze, tuple(_regel(m) for m in metingen), int(totaal or 0),
                       laatste, doel, achterstallig, correctie)


# =========================================================================== schrijven


@dataclass(frozen=True, slots=True)
class Opgeslagen:
    meting_id: int
    versie: int
    correctie: bool
    peildatum: dt.date
    periode: str
    waarde: float
    bron: str
    #: bij een correctie: de waarde vóór de correctie
    vorige_waarde: float | None = None
    #: wijk en indicator van de meting (uit de database, niet uit wat de pagina meestuurde)
    wijk_id: int = 0
    indicator_id: int = 0


def _momentopname(indicator: Indicator, periode: str, waarde: float, bron: str) -> dict[str, Any]:
    return {"Periode": PERIODE_LABELS.get(periode, periode),
            "Waarde": formatteer_waarde(waarde, indicator.eenheid, indicator.is_telling), "Bron": bron}


def _kenmerk(indicator: Indicator, peildatum: dt.date) -> dict[str, Any]:
    return {"Indicator": indicator.naam, "Peildatum": formatteer_datum(peildatum)}


def bewaar_meting(sessie: Session, actor: Actor | None, *, wijk_id: Any, indicator_id: Any, peildatum: Any,
                  periode: Any, waarde: Any, bron: Any, meting_id: Any = None, verwachte_versie: Any = None,
                  vandaag: dt.date | None = None) -> Opgeslagen:
    """Leg een nieuwe meting vast, of corrigeer de meting ``meting_id`` (met de ``verwachte_versie`` die de
    gebruiker zag). Bestaat er al een meting voor deze indicator, wijk en peildatum en is ``meting_id`` niet
    gegeven, dan wordt niets opgeslagen: de melding zegt dat het een correctie van die meting zou zijn.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    w_id = c.geheel_getal("wijk", "Wijk", wijk_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    i_id = c.geheel_getal("indicator", "Indicator", indicator_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    m_id = c.geheel_getal("meting", "Meting", meting_id, minimum=1, maximum=_MAX_ID)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID,
                            verplicht=m_id is not None)
    wijk = sessie.get(Wijk, w_id) if w_id is not None else None
    if w_id is not None and wijk is None:
        c.fout("wijk", "Wijk: deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    indicator = sessie.get(Indicator, i_id) if i_id is not None else None
    if i_id is not None and indicator is None:
        c.fout("indicator", "Indicator: deze indicator bestaat niet (meer). Kies een indicator uit de lijst.")
    invoer = controleer_meting(c, indicator, peildatum=peildatum, periode=periode, waarde=waarde, bron=bron,
                               vandaag=vandaag)
    c.klaar()
    assert wijk is not None and indicator is not None and invoer is not None

    eis(actor, "meting_schrijven", wijk_id=wijk.id, wijk_naam=wijk.naam)

    bestaand = sessie.scalars(select(Meting).where(Meting.indicator_id == indicator.id, Meting.wijk_id == wijk.id,
                                                   Meting.peildatum == invoer.peildatum)).first()
    nieuw = _momentopname(indicator, invoer.periode, invoer.waarde, invoer.bron)
    if m_id is None:
        if bestaand is not None:
            raise Validatiefout({"peildatum": (
                f"{VELDEN['peildatum']}: er is al een meting van {wijk.naam} op {formatteer_datum(invoer.peildatum)} "
                f"(waarde {formatteer_waarde(bestaand.waarde, indicator.eenheid, indicator.is_telling)}). Wilt u "
                "die wijzigen? Kies \u201ccorrigeer\u201d bij die meting in de tabel; anders een andere peildatum.")})
        meting = Meting(indicator_id=indicator.id, wijk_id=wijk.id, peildatum=invoer.peildatum, periode=invoer.periode,
                        waarde=invoer.waarde, bron=invoer.bron, gewijzigd_door=actor.naam)
        sessie.add(meting)
        try:
            sessie.flush()
        except IntegrityError:
            raise gelijktijdig("een meting voor deze indicator, wijk en peildatum") from None
        leg_vast(sessie, actor, entiteit="meting", entiteit_id=meting.id, actie="aangemaakt", oud=None,
                 nieuw={**_kenmerk(indicator, invoer.peildatum), **nieuw}, wijk_id=wijk.id, versie=meting.versie)
        sessie.flush()
        return Opgeslagen(meting.id, meting.versie, False, invoer.peildatum, invoer.periode, invoer.waarde, invoer.bron,
                          None, wijk.id, indicator.id)

    # ---------------------------------------------------------------- correctie van een bestaande meting
    meting = sessie.get(Meting, m_id)
    if meting is None or meting.wijk_id != wijk.id or meting.indicator_id != indicator.id:
        raise Invoerfout(f"Deze meting bestaat niet (meer) voor {indicator.naam} in {wijk.naam}. Laad de pagina "
                         "opnieuw en kies de meting in de tabel.")
    if meting.versie != versie:
        raise conflict(sessie, "meting", "Deze meting", meting, versie)
    if meting.peildatum != invoer.peildatum:
        raise Validatiefout({"peildatum": (
            f"{VELDEN['peildatum']}: bij een correctie blijft de peildatum {formatteer_datum(meting.peildatum)}. "
            "Voor een meting op een andere datum kiest u \u201cnieuwe meting\u201d.")})
    vorige = float(meting.waarde)
    oud_diff, nieuw_diff = verschil(_momentopname(indicator, meting.periode, meting.waarde, meting.bron), nieuw)
    if not nieuw_diff:
        raise Invoerfout(f"Er is niets veranderd: de meting van {formatteer_datum(meting.peildatum)} heeft al deze "
                         "periode, waarde en bron. Er is niets opgeslagen.")
    meting.periode = invoer.periode
    meting.waarde = invoer.waarde
    meting.bron = invoer.bron
    meting.gewijzigd_door = actor.naam
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze meting") from None
    kenmerk = _kenmerk(indicator, meting.peildatum)
    leg_vast(sessie, actor, entiteit="meting", entiteit_id=meting.id, actie="gewijzigd",
             oud={**kenmerk, **oud_diff}, nieuw={**kenmerk, **nieuw_diff}, wijk_id=wijk.id, versie=meting.versie)
    sessie.flush()
    return Opgeslagen(meting.id, meting.versie, True, meting.peildatum, invoer.periode, invoer.waarde, invoer.bron,
                      vorige, wijk.id, indicator.id)
