"""Leesfuncties van de open-data-API (``/api/v1/``): alleen openbare gegevens, in SQL gepagineerd.

Regels (zie :mod:`datalaag.openbaar`):

- Alleen wijken die **nu** openbaar zijn (:func:`datalaag.openbaar.openbare_wijken_select` met het
  jaar van ``vandaag``) komen voor in een antwoord; dat geldt voor elke bron. Een wijk die niet
  openbaar is, bestaat voor de API niet (:func:`openbare_wijk_id` geeft ``None``).
- Alleen de kolommen in :data:`BRONNEN` worden geselecteerd: geen namen, geen vrije tekst van
  meldingen of uitgaven, geen budgethouders of verantwoordelijken. Meldingen alleen als aantallen.
- Afgeleide cijfers komen uit hun ene definitie: *op koers* uit
  :func:`datalaag.doelstellingen.doelstellingen_met_status`, *budgetbenutting* uit
  :func:`datalaag.afgeleid.budget_per_wijk_select` (en de vlag uit :func:`datalaag.budget.budget_vlag`),
  *achter schema* uit :func:`datalaag.afgeleid.achter_schema_sql`, *afgehandeld* / *open* / *over de
  norm* van meldingen uit :mod:`datalaag.afgeleid`, *bij een jaar horen* van maatregelen uit
  :func:`datalaag.projecten.in_jaar_sql`.
- Elke functie geeft één pagina (``LIMIT``/``OFFSET`` met een vaste, unieke sortering) plus het totaal.
  Uitzondering: doelstellingen worden per jaar in hun geheel berekend (één query, begrensd door
  plannen × doelstellingen: in een stad met 100 wijken ± 800) en daarna gepagineerd, omdat de
  op-koersstatus uit de gedeelde definitie komt.
- Jaar zonder opgave: meldingen, budget en doelstellingen gaan over het lopende jaar (een
  groepering over alle jaren van miljoenen meldingen is te zwaar voor een open API);
  metingen en maatregelen over alle jaren.

Geen Flask of Dash hier; de webkant staat in ``dashboard/api.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    extract,
    false,
    func,
    null,
    select,
)
from sqlalchemy.orm import Session

from datalaag.afgeleid import (
    ACTIEVE_PLANSTATUSSEN,
    OP_KOERS_LABELS,
    OP_KOERS_WAARDEN,
    absolute_streefwaarde,
    achter_schema_sql,
    budget_per_wijk_select,
    melding_afgehandeld_sql,
    melding_open_sql,
    peildatum_voor_jaar,
)
from datalaag.budget import VLAG_LABELS, budget_vlag
from datalaag.doelstellingen import doelstellingen_met_status
from datalaag.models import (
    MAATREGEL_STATUSSEN,
    MELDING_CATEGORIEEN,
    METING_PERIODEN,
    NIVEAUS,
    RICHTINGEN,
    STREEF_TYPEN,
    WERKWIJZEN,
    Afhandelnorm,
    Ambitie,
    Doelstelling,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Oplossingsrichting,
    Stadsdeel,
    Wijk,
    WijkInwoners,
    Wijkplan,
)
from datalaag.openbaar import VERBODEN_VELDEN, openbare_wijken_select
from datalaag.projecten import in_jaar_sql

# --------------------------------------------------------------------------- beschrijving van de velden


@dataclass(frozen=True, slots=True)
class Veld:
    """Een veld van een bron: naam (sleutel in JSON, kop in CSV), soort, omschrijving.

    ``soort``: ``tekst``, ``geheel`` (integer), ``getal`` (number), ``datum`` (ISO 8601) of ``janee`` (boolean).
    """

    naam: str
    soort: str
    omschrijving: str
    leeg: bool = False
    waarden: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Bron:
    naam: str
    titel: str
    omschrijving: str
    velden: tuple[Veld, ...]
    #: de filters die deze bron kent (``wijk``, ``jaar``, ``ambitie``, ``indicator``, ``categorie``, ``status``)
    filters: tuple[str, ...]
    #: jaar zonder opgave = het lopende jaar
    jaar_standaard_nu: bool = False


_WIJK = (Veld("wijk", "tekst", "Slug van de wijk (zoals in /wijk/<slug>)."),
         Veld("wijk_naam", "tekst", "Naam van de wijk."))

BRONNEN: dict[str, Bron] = {
    "wijken": Bron(
        "wijken", "Wijken",
        "De wijken die openbaar zijn: wijken met een lopend, door de raad vastgesteld wijkplan.",
        (
            Veld("wijk", "tekst", "Slug van de wijk."),
            Veld("naam", "tekst", "Naam van de wijk."),
            Veld("cbs_code", "tekst", "Wijkcode van het CBS.", leeg=True),
            Veld("stadsdeel", "tekst", "Stadsdeel."),
            Veld("werkwijze", "tekst", "Werkwijze: WOP (wijkontwikkelingsplan), AWA (Almelose wijkaanpak) of "
                 "SHR (sociale herovering).", waarden=WERKWIJZEN),
            Veld("inwoners", "geheel", "Aantal inwoners op 1 januari van inwoners_jaar.", leeg=True),
            Veld("inwoners_jaar", "geheel", "Jaar van het inwonertal (het lopende jaar of het laatst bekende).",
                 leeg=True),
            Veld("plan_van", "geheel", "Eerste jaar van het lopende wijkplan."),
            Veld("plan_tot", "geheel", "Laatste jaar van het lopende wijkplan."),
            Veld("plan_status", "tekst", "Status van het lopende wijkplan.", waarden=ACTIEVE_PLANSTATUSSEN),
        ),
        ("wijk",),
    ),
    "ambities": Bron(
        "ambities", "Ambities",
        "De ambities van de wijkaanpak (notitie 'De ideale wijkaanpak', §3.1).",
        (
            Veld("nummer", "geheel", "Nummer van de ambitie (filter 'ambitie' in de andere bronnen)."),
            Veld("korte_naam", "tekst", "Korte naam."),
            Veld("tekst", "tekst", "Volledige tekst van de ambitie."),
        ),
        (),
    ),
    "indicatoren": Bron(
        "indicatoren", "Indicatoren",
        "De indicatoren waarmee de doelstellingen gemeten worden.",
        (
            Veld("id", "geheel", "Id van de indicator (filter 'indicator' bij metingen)."),
            Veld("naam", "tekst", "Naam."),
            Veld("eenheid", "tekst", "Eenheid van de meetwaarde."),
            Veld("ambitie", "geheel", "Nummer van de ambitie."),
            Veld("bron", "tekst", "Bron van de metingen (enquête, CBS, politie, meldingen, …)."),
            Veld("richting", "tekst", "Welke kant beter is.", waarden=RICHTINGEN),
            Veld("is_telling", "janee", "Een telling: op het dashboard per 1.000 inwoners getoond."),
            Veld("meetfrequentie_maanden", "geheel", "Om de hoeveel maanden er gemeten wordt."),
        ),
        ("ambitie",),
    ),
    "metingen": Bron(
        "metingen", "Metingen",
        "Metingen van de indicatoren per wijk. Filter 'jaar' = het jaar van de peildatum.",
        (
            Veld("id", "geheel", "Id van de meting."),
            *_WIJK,
            Veld("indicator_id", "geheel", "Id van de indicator."),
            Veld("indicator", "tekst", "Naam van de indicator."),
            Veld("eenheid", "tekst", "Eenheid van de waarde."),
            Veld("ambitie", "geheel", "Nummer van de ambitie van de indicator."),
            Veld("peildatum", "datum", "Peildatum (einde van het jaar of kwartaal), ISO 8601."),
            Veld("jaar", "geheel", "Jaar van de peildatum."),
            Veld("periode", "tekst", "Meetperiode.", waarden=METING_PERIODEN),
            Veld("waarde", "getal", "Gemeten waarde (bij een telling: het absolute aantal)."),
            Veld("bron", "tekst", "Bron van de meting."),
        ),
        ("wijk", "jaar", "ambitie", "indicator"),
    ),
    "doelstellingen": Bron(
        "doelstellingen", "Doelstellingen",
        "De doelstellingen van de wijkplannen die in het jaar lopen, met de op-koersstatus op de peildatum "
        "van dat jaar (31-12, of vandaag voor het lopende jaar). Zonder 'jaar': het lopende jaar.",
        (
            Veld("id", "geheel", "Id van de doelstelling."),
            *_WIJK,
            Veld("ambitie", "geheel", "Nummer van de ambitie."),
            Veld("indicator_id", "geheel", "Id van de indicator."),
            Veld("indicator", "tekst", "Naam van de indicator."),
            Veld("tekst", "tekst", "De doelstelling zoals de raad haar vaststelde."),
            Veld("nulmeting_waarde", "getal", "Waarde van de nulmeting."),
            Veld("nulmeting_jaar", "geheel", "Jaar van de nulmeting."),
            Veld("streef_type", "tekst", "absoluut: streefwaarde is een waarde; relatief: een verandering in % "
                 "ten opzichte van de nulmeting.", waarden=STREEF_TYPEN),
            Veld("streefwaarde", "getal", "Streefwaarde zoals vastgesteld (zie streef_type)."),
            Veld("streefwaarde_absoluut", "getal", "Streefwaarde als absolute waarde."),
            Veld("streefjaar", "geheel", "Jaar waarin de streefwaarde gehaald moet zijn."),
            Veld("richting", "tekst", "Welke kant beter is.", waarden=RICHTINGEN),
            Veld("laatste_meting_waarde", "getal", "Laatste meting uiterlijk op de peildatum.", leeg=True),
            Veld("laatste_meting_peildatum", "datum", "Peildatum van die meting.", leeg=True),
            Veld("op_koers", "tekst", "Op koers (rechte lijn van nulmeting naar streefwaarde, in de goede "
                 "richting): op_koers, achter, ver_achter of geen_data.", waarden=OP_KOERS_WAARDEN),
            Veld("op_koers_label", "tekst", "De status in woorden.",
                 waarden=tuple(OP_KOERS_LABELS[w] for w in OP_KOERS_WAARDEN)),
            Veld("jaar", "geheel", "Het jaar waarvoor de status geldt."),
            Veld("peildatum", "datum", "De peildatum van de status."),
        ),
        ("wijk", "jaar", "ambitie"),
        jaar_standaard_nu=True,
    ),
    "maatregelen": Bron(
        "maatregelen", "Maatregelen",
        "De maatregelen (projecten) uit de vastgestelde wijkplannen. Filter 'jaar': maatregelen die in dat "
        "jaar lopen (of uitgelopen zijn); 'achter_schema' geldt op de peildatum van dat jaar (zonder 'jaar': "
        "vandaag).",
        (
            Veld("id", "geheel", "Id van de maatregel."),
            *_WIJK,
            Veld("ambitie", "geheel", "Nummer van de ambitie."),
            Veld("naam", "tekst", "Naam van de maatregel."),
            Veld("niveau", "tekst", "Straat- of wijkniveau.", waarden=NIVEAUS),
            Veld("oplossingsrichting", "tekst", "Gekozen oplossingsrichting (bijlage 6), met letter.", leeg=True),
            Veld("status", "tekst", "Status.", waarden=MAATREGEL_STATUSSEN),
            Veld("voortgang", "geheel", "Voortgang in procenten (0–100)."),
            Veld("start", "datum", "Geplande start.", leeg=True),
            Veld("eind", "datum", "Gepland einde.", leeg=True),
            Veld("jaar_realisatie", "geheel", "Jaar van realisatie.", leeg=True),
            Veld("schatting_kosten", "getal", "Geschatte kosten in euro.", leeg=True),
            Veld("achter_schema", "janee", "Achter schema op de peildatum."),
            Veld("plan_van", "geheel", "Eerste jaar van het wijkplan."),
            Veld("plan_tot", "geheel", "Laatste jaar van het wijkplan."),
        ),
        ("wijk", "jaar", "ambitie", "status"),
    ),
    "meldingen": Bron(
        "meldingen", "Meldingen (aantallen)",
        "Aantallen meldingen (incidenten en klachten) per wijk, per maand van ontvangst en per categorie, "
        "nooit losse meldingen. Afgehandeld, binnen de norm en open gelden op de peildatum van het jaar "
        "(31-12, of vandaag voor het lopende jaar). Zonder 'jaar': het lopende jaar.",
        (
            *_WIJK,
            Veld("jaar", "geheel", "Jaar van ontvangst."),
            Veld("maand", "geheel", "Maand van ontvangst (1–12)."),
            Veld("categorie", "tekst", "Categorie.", waarden=MELDING_CATEGORIEEN),
            Veld("ontvangen", "geheel", "Aantal ontvangen meldingen."),
            Veld("ernstig", "geheel", "Waarvan ernstig."),
            Veld("afgehandeld", "geheel", "Waarvan uiterlijk op de peildatum afgehandeld."),
            Veld("binnen_norm", "geheel", "Waarvan afgehandeld binnen de afhandelnorm (leeg: categorie zonder "
                 "norm).", leeg=True),
            Veld("open", "geheel", "Waarvan nog open op de peildatum."),
            Veld("norm_werkdagen", "geheel", "Afhandelnorm van de categorie in werkdagen.", leeg=True),
            Veld("peildatum", "datum", "De peildatum."),
        ),
        ("wijk", "jaar", "categorie"),
        jaar_standaard_nu=True,
    ),
    "budget": Bron(
        "budget", "Budget",
        "Geoormerkt budget en uitgaven per wijk in een jaar (een oormerk over meerdere jaren telt gelijk "
        "verdeeld). Zonder 'jaar': het lopende jaar.",
        (
            *_WIJK,
            Veld("jaar", "geheel", "Het jaar."),
            Veld("oormerk", "getal", "Aan het jaar toegerekend oormerk in euro."),
            Veld("uitgaven", "getal", "Uitgaven gedateerd in het jaar, in euro."),
            Veld("budgetbenutting", "getal", "Uitgaven / oormerk (0,5 = de helft besteed); leeg bij oormerk 0.",
                 leeg=True),
            Veld("vlag", "tekst", "overbesteed, onderbesteed of leeg.", leeg=True, waarden=tuple(VLAG_LABELS)),
            Veld("peildatum", "datum", "De peildatum van het jaar."),
        ),
        ("wijk", "jaar"),
        jaar_standaard_nu=True,
    ),
}


# --------------------------------------------------------------------------- uitkomst


@dataclass(frozen=True, slots=True)
class Pagina:
    rijen: list[dict[str, Any]]
    totaal: int
    #: de filters zoals toegepast (jaar ingevuld als de bron een standaardjaar heeft)
    filters: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Verzoek:
    """Gecontroleerde filters en paginering. ``wijk_id`` is al opgezocht (openbare wijk)."""

    vandaag: dt.date
    limiet: int = 100
    vanaf: int = 0
    wijk: str | None = None
    wijk_id: int | None = None
    jaar: int | None = None
    ambitie: int | None = None
    indicator: int | None = None
    categorie: str | None = None
    status: str | None = None


def _getal(waarde: Any) -> float | None:
    if waarde is None:
        return None
    return float(waarde) if isinstance(waarde, (Decimal, float, int)) else float(str(waarde))


def _datum(waarde: Any) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return dt.date.fromisoformat(str(waarde)[:10]).isoformat()


def _openbaar(vandaag: dt.date):
    return openbare_wijken_select(vandaag.year)


def _openbare_ids(sessie: Session, v: Verzoek) -> list[int]:
    """De ids van de openbare wijken (met ``wijk``: alleen die). Eerst apart opgehaald (hooguit een paar
    honderd): als letterlijke lijst schat de planner de grote tabellen beter in dan met een subquery."""
    ids = list(sessie.scalars(_openbaar(v.vandaag).order_by(Wijk.id)))
    if v.wijk_id is not None:
        return [v.wijk_id] if v.wijk_id in ids else []
    return ids


def _pagineer(sessie: Session, q: Select, v: Verzoek, telling: Select | None = None) -> tuple[list[Any], int]:
    """Eén pagina van ``q`` (dat al een unieke ORDER BY heeft) plus het totaal: ``telling`` (een
    ``SELECT count(*)`` zonder overbodige joins), anders ``COUNT(*)`` over ``q``."""
    if telling is None:
        telling = select(func.count()).select_from(q.order_by(None).subquery())
    totaal = sessie.scalar(telling) or 0
    rijen = sessie.execute(q.limit(v.limiet).offset(v.vanaf)).all() if v.vanaf < totaal else []
    return rijen, int(totaal)


# --------------------------------------------------------------------------- opzoeken


def openbare_wijk_id(sessie: Session, slug: str, vandaag: dt.date) -> int | None:
    """Het id van de wijk met deze slug als die openbaar is; anders ``None`` (ook als ze niet bestaat)."""
    return sessie.scalar(select(Wijk.id).where(Wijk.slug == slug, Wijk.id.in_(_openbaar(vandaag))))


def ambitienummers(sessie: Session) -> list[int]:
    return list(sessie.scalars(select(Ambitie.nummer).order_by(Ambitie.nummer)))


def bestaat_indicator(sessie: Session, indicator_id: int) -> bool:
    return sessie.scalar(select(Indicator.id).where(Indicator.id == indicator_id)) is not None


# --------------------------------------------------------------------------- bronnen


def wijken(sessie: Session, v: Verzoek) -> Pagina:
    jaar = v.vandaag.year
    inwoners_jaar = (
        select(func.max(WijkInwoners.jaar)).where(WijkInwoners.wijk_id == Wijk.id, WijkInwoners.jaar <= jaar)
        .correlate(Wijk).scalar_subquery()
    )
    # Het lopende plan (bij overlap het jongste): periode_van hoogst, dan id.
    plan_id = (
        select(Wijkplan.id)
        .where(Wijkplan.wijk_id == Wijk.id, Wijkplan.status.in_(ACTIEVE_PLANSTATUSSEN),
               Wijkplan.periode_van <= jaar, Wijkplan.periode_tot >= jaar)
        .order_by(Wijkplan.periode_van.desc(), Wijkplan.id.desc())
        .limit(1).correlate(Wijk).scalar_subquery()
    )
    q = (
        select(Wijk.slug, Wijk.naam, Wijk.cbs_code, Stadsdeel.naam.label("stadsdeel"), Wijk.werkwijze,
               WijkInwoners.aantal.label("inwoners"), WijkInwoners.jaar.label("inwoners_jaar"),
               Wijkplan.periode_van, Wijkplan.periode_tot, Wijkplan.status)
        .join(Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id)
        .join(Wijkplan, Wijkplan.id == plan_id)
        .outerjoin(WijkInwoners, and_(WijkInwoners.wijk_id == Wijk.id, WijkInwoners.jaar == inwoners_jaar))
        .where(Wijk.id.in_(_openbaar(v.vandaag)), *([Wijk.id == v.wijk_id] if v.wijk_id is not None else []))
        .order_by(Wijk.slug)
    )
    rijen, totaal = _pagineer(sessie, q, v)
    return Pagina([
        {"wijk": r.slug, "naam": r.naam, "cbs_code": r.cbs_code, "stadsdeel": r.stadsdeel, "werkwijze": r.werkwijze,
         "inwoners": r.inwoners, "inwoners_jaar": r.inwoners_jaar, "plan_van": r.periode_van,
         "plan_tot": r.periode_tot, "plan_status": r.status}
        for r in rijen
    ], totaal, {"wijk": v.wijk})


def ambities(sessie: Session, v: Verzoek) -> Pagina:
    q = select(Ambitie.nummer, Ambitie.korte_naam, Ambitie.tekst).order_by(Ambitie.nummer)
    rijen, totaal = _pagineer(sessie, q, v)
    return Pagina([{"nummer": r.nummer, "korte_naam": r.korte_naam, "tekst": r.tekst} for r in rijen], totaal, {})


def indicatoren(sessie: Session, v: Verzoek) -> Pagina:
    q = (
        select(Indicator.id, Indicator.naam, Indicator.eenheid, Ambitie.nummer, Indicator.bron, Indicator.richting,
               Indicator.is_telling, Indicator.meetfrequentie_maanden)
        .join(Ambitie, Ambitie.id == Indicator.ambitie_id)
        .where(*([Ambitie.nummer == v.ambitie] if v.ambitie is not None else []))
        .order_by(Indicator.id)
    )
    rijen, totaal = _pagineer(sessie, q, v)
    return Pagina([
        {"id": r.id, "naam": r.naam, "eenheid": r.eenheid, "ambitie": r.nummer, "bron": r.bron,
         "richting": r.richting, "is_telling": bool(r.is_telling), "meetfrequentie_maanden": r.meetfrequentie_maanden}
        for r in rijen
    ], totaal, {"ambitie": v.ambitie})


def metingen(sessie: Session, v: Verzoek) -> Pagina:
    voorwaarden = [Meting.wijk_id.in_(_openbare_ids(sessie, v))]
    if v.jaar is not None:
        voorwaarden += [Meting.peildatum >= dt.date(v.jaar, 1, 1), Meting.peildatum <= dt.date(v.jaar, 12, 31)]
    if v.ambitie is not None:
        voorwaarden.append(Meting.indicator_id.in_(
            select(Indicator.id).join(Ambitie, Ambitie.id == Indicator.ambitie_id).where(Ambitie.nummer == v.ambitie)))
    if v.indicator is not None:
        voorwaarden.append(Meting.indicator_id == v.indicator)
    q = (
        select(Meting.id, Wijk.slug, Wijk.naam, Meting.indicator_id, Indicator.naam.label("indicator"),
               Indicator.eenheid, Ambitie.nummer, Meting.peildatum, Meting.periode, Meting.waarde, Meting.bron)
        .join(Wijk, Wijk.id == Meting.wijk_id)
        .join(Indicator, Indicator.id == Meting.indicator_id)
        .join(Ambitie, Ambitie.id == Indicator.ambitie_id)
        .where(*voorwaarden)
        # (indicator, wijk, peildatum) is uniek: een vaste volgorde, via de unieke index.
        .order_by(Meting.indicator_id, Meting.wijk_id, Meting.peildatum)
    )
    # De joins in q zijn verplichte verwijzingen: tellen kan op meting alleen.
    rijen, totaal = _pagineer(sessie, q, v, select(func.count()).select_from(Meting).where(*voorwaarden))
    uit = []
    for r in rijen:
        peildatum = _datum(r.peildatum)
        uit.append({
            "id": r.id, "wijk": r.slug, "wijk_naam": r.naam, "indicator_id": r.indicator_id, "indicator": r.indicator,
            "eenheid": r.eenheid, "ambitie": r.nummer, "peildatum": peildatum, "jaar": int(peildatum[:4]),
            "periode": r.periode, "waarde": _getal(r.waarde), "bron": r.bron,
        })
    return Pagina(uit, totaal, {"wijk": v.wijk, "jaar": v.jaar, "ambitie": v.ambitie, "indicator": v.indicator})


def _standaardjaar(v: Verzoek) -> int:
    return v.vandaag.year if v.jaar is None else v.jaar


def doelstellingen(sessie: Session, v: Verzoek) -> Pagina:
    jaar = _standaardjaar(v)
    peildatum = peildatum_voor_jaar(jaar, v.vandaag)
    openbaar = set(sessie.scalars(_openbaar(v.vandaag)))
    alle = [d for d in doelstellingen_met_status(sessie, jaar, peildatum, wijk_id=v.wijk_id)
            if d.wijk_id in openbaar and (v.ambitie is None or d.ambitie_nummer == v.ambitie)]
    pagina = alle[v.vanaf:v.vanaf + v.limiet]
    indicatoren_: dict[int, tuple[int, str]] = {}
    if pagina:
        indicatoren_ = {r.id: (r.indicator_id, r.naam) for r in sessie.execute(
            select(Doelstelling.id, Indicator.id.label("indicator_id"), Indicator.naam)
            .join(Indicator, Indicator.id == Doelstelling.indicator_id)
            .where(Doelstelling.id.in_([d.doelstelling_id for d in pagina])))}
    uit = []
    for d in pagina:
        indicator_id, indicator = indicatoren_[d.doelstelling_id]
        uit.append({
            "id": d.doelstelling_id, "wijk": d.wijk_slug, "wijk_naam": d.wijk_naam, "ambitie": d.ambitie_nummer,
            "indicator_id": indicator_id, "indicator": indicator, "tekst": d.tekst,
            "nulmeting_waarde": _getal(d.nulmeting_waarde), "nulmeting_jaar": d.nulmeting_jaar,
            "streef_type": d.streef_type, "streefwaarde": _getal(d.streefwaarde),
            "streefwaarde_absoluut": absolute_streefwaarde(d.nulmeting_waarde, d.streef_type, d.streefwaarde),
            "streefjaar": d.streefjaar, "richting": d.richting,
            "laatste_meting_waarde": _getal(d.meting_waarde), "laatste_meting_peildatum": _datum(d.meting_peildatum),
            "op_koers": d.status, "op_koers_label": OP_KOERS_LABELS[d.status], "jaar": jaar,
            "peildatum": peildatum.isoformat(),
        })
    return Pagina(uit, len(alle), {"wijk": v.wijk, "jaar": jaar, "ambitie": v.ambitie})


def maatregelen(sessie: Session, v: Verzoek) -> Pagina:
    peildatum = v.vandaag if v.jaar is None else peildatum_voor_jaar(v.jaar, v.vandaag)
    voorwaarden = [Wijkplan.wijk_id.in_(_openbare_ids(sessie, v)), Wijkplan.status.in_(ACTIEVE_PLANSTATUSSEN)]
    if v.ambitie is not None:
        voorwaarden.append(Ambitie.nummer == v.ambitie)
    if v.jaar is not None:
        voorwaarden.append(in_jaar_sql(v.jaar))
    if v.status is not None:
        voorwaarden.append(Maatregel.status == v.status)
    q = (
        select(Maatregel.id, Wijk.slug, Wijk.naam, Ambitie.nummer, Maatregel.naam.label("maatregel"),
               Maatregel.niveau, Oplossingsrichting.letter, Oplossingsrichting.tekst.label("richting"),
               Maatregel.status, Maatregel.voortgang, Maatregel.start, Maatregel.eind, Maatregel.jaar_realisatie,
               cast(Maatregel.schatting_kosten, Float).label("kosten"),
               case((achter_schema_sql(peildatum), 1), else_=0).label("achter"),
               Wijkplan.periode_van, Wijkplan.periode_tot)
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .outerjoin(Oplossingsrichting, Oplossingsrichting.id == Maatregel.oplossingsrichting_id)
        .where(*voorwaarden)
        .order_by(Wijk.slug, Ambitie.nummer, Maatregel.id)
    )
    rijen, totaal = _pagineer(sessie, q, v)
    return Pagina([
        {"id": r.id, "wijk": r.slug, "wijk_naam": r.naam, "ambitie": r.nummer, "naam": r.maatregel,
         "niveau": r.niveau, "oplossingsrichting": None if r.letter is None else f"{r.letter}. {r.richting}",
         "status": r.status, "voortgang": int(r.voortgang), "start": _datum(r.start), "eind": _datum(r.eind),
         "jaar_realisatie": r.jaar_realisatie, "schatting_kosten": _getal(r.kosten), "achter_schema": bool(r.achter),
         "plan_van": r.periode_van, "plan_tot": r.periode_tot}
        for r in rijen
    ], totaal, {"wijk": v.wijk, "jaar": v.jaar, "ambitie": v.ambitie, "status": v.status})


def meldingen(sessie: Session, v: Verzoek) -> Pagina:
    jaar = _standaardjaar(v)
    peildatum = peildatum_voor_jaar(jaar, v.vandaag)
    normen: dict[str, int] = dict(sessie.execute(select(Afhandelnorm.categorie, Afhandelnorm.werkdagen)).all())
    voorwaarden = [
        Melding.wijk_id.in_(_openbare_ids(sessie, v)),
        Melding.ontvangen_op >= dt.datetime(jaar, 1, 1),
        Melding.ontvangen_op < dt.datetime(jaar + 1, 1, 1),
    ]
    if v.categorie is not None:
        voorwaarden.append(Melding.categorie == v.categorie)
    afgehandeld = melding_afgehandeld_sql(peildatum)
    # Binnen de norm (:func:`afgeleid.binnen_norm`: afhandeltijd ≤ norm van de categorie) voor de meldingen
    # die uiterlijk op de peildatum zijn afgehandeld; als één CASE op de categorie (goedkoper dan de
    # OR per categorie van ``melding_over_norm_sql``, die ook de open meldingen dekt).
    norm_sql = case(*((Melding.categorie == c, n) for c, n in sorted(normen.items())), else_=null())
    binnen = and_(afgehandeld, Melding.afhandeltijd_werkdagen <= norm_sql) if normen else false()

    def tel(voorwaarde) -> Any:
        return func.coalesce(func.sum(case((voorwaarde, 1), else_=0)), 0)

    maand = cast(extract("month", Melding.ontvangen_op), Integer)
    groep = (
        select(Melding.wijk_id.label("wijk_id"), maand.label("maand"), Melding.categorie.label("categorie"),
               func.count().label("ontvangen"), tel(Melding.ernst == "ernstig").label("ernstig"),
               tel(afgehandeld).label("afgehandeld"), tel(binnen).label("binnen"),
               tel(melding_open_sql(peildatum)).label("open"))
        .where(*voorwaarden)
        .group_by(Melding.wijk_id, maand, Melding.categorie)
        .subquery("groep")
    )
    q = (
        select(Wijk.slug, Wijk.naam, groep.c.maand, groep.c.categorie, groep.c.ontvangen, groep.c.ernstig,
               groep.c.afgehandeld, groep.c.binnen, groep.c.open,
               func.count().over().label("totaal"))
        .join(Wijk, Wijk.id == groep.c.wijk_id)
        .order_by(Wijk.slug, groep.c.maand, groep.c.categorie)
        .limit(v.limiet).offset(v.vanaf)
    )
    rijen = sessie.execute(q).all()
    if rijen:
        totaal = int(rijen[0].totaal)
    else:
        totaal = int(sessie.scalar(select(func.count()).select_from(groep)) or 0)
    uit = []
    for r in rijen:
        norm = normen.get(r.categorie)
        uit.append({
            "wijk": r.slug, "wijk_naam": r.naam, "jaar": jaar, "maand": int(r.maand), "categorie": r.categorie,
            "ontvangen": int(r.ontvangen), "ernstig": int(r.ernstig), "afgehandeld": int(r.afgehandeld),
            "binnen_norm": None if norm is None else int(r.binnen), "open": int(r.open), "norm_werkdagen": norm,
            "peildatum": peildatum.isoformat(),
        })
    return Pagina(uit, totaal, {"wijk": v.wijk, "jaar": jaar, "categorie": v.categorie})


def budget(sessie: Session, v: Verzoek) -> Pagina:
    jaar = _standaardjaar(v)
    peildatum = peildatum_voor_jaar(jaar, v.vandaag)
    totalen = budget_per_wijk_select(jaar).order_by(None).subquery("budget")
    q = (
        select(Wijk.slug, Wijk.naam, totalen.c.oormerk, totalen.c.uitgaven, totalen.c.budgetbenutting)
        .join(totalen, totalen.c.wijk_id == Wijk.id)
        .where(Wijk.id.in_(_openbaar(v.vandaag)), *([Wijk.id == v.wijk_id] if v.wijk_id is not None else []))
        .order_by(Wijk.slug)
    )
    rijen, totaal = _pagineer(sessie, q, v)
    uit = []
    for r in rijen:
        # Bedragen op centen (een SUM in float geeft anders 50551.70999999999); de vlag op de exacte waarden.
        oormerk, uitgaven, benutting = float(r.oormerk), float(r.uitgaven), _getal(r.budgetbenutting)
        vlag = budget_vlag(oormerk, uitgaven, benutting, peildatum)
        uit.append({
            "wijk": r.slug, "wijk_naam": r.naam, "jaar": jaar, "oormerk": round(oormerk, 2),
            "uitgaven": round(uitgaven, 2), "budgetbenutting": benutting, "vlag": vlag,
            "peildatum": peildatum.isoformat(),
        })
    return Pagina(uit, totaal, {"wijk": v.wijk, "jaar": jaar})


LEESFUNCTIES = {
    "wijken": wijken,
    "ambities": ambities,
    "indicatoren": indicatoren,
    "metingen": metingen,
    "doelstellingen": doelstellingen,
    "maatregelen": maatregelen,
    "meldingen": meldingen,
    "budget": budget,
}
assert tuple(LEESFUNCTIES) == tuple(BRONNEN)


def veldnamen(bron: str) -> Sequence[str]:
    return [v.naam for v in BRONNEN[bron].velden]


# Geen persoonsgegevens of vrije tekst als veld (de tests controleren ook de antwoorden zelf).
assert not {v.naam for b in BRONNEN.values() for v in b.velden} & VERBODEN_VELDEN
