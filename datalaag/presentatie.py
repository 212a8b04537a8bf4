"""Presentatiemodus (``/presentatie``): de agenda in de URL en de gegevens van elke dia op een
bevroren peildatum. Zonder Dash: de pagina's ``pagina/presentatie.py`` (de dia's) en
``pagina/presentatie_samenstellen.py`` (de samensteller) tonen wat hier wordt samengesteld.

Agenda
------
De griffie stelt de agenda samen; die staat leesbaar in de URL, zodat een presentatie vooraf is voor
te bereiden en te delen::

    /presentatie?agenda=overzicht,heatmap,wijk:de-riet,budget:de-riet,toezeggingen&peildatum=27-11-2026&dia=3

- ``agenda``: onderdelen gescheiden door komma's; elk onderdeel is een weergave (:data:`WEERGAVEN`),
  bij een weergave over één wijk gevolgd door ``:`` en de slug van de wijk (``budget:de-riet``).
  Hoofdletters en spaties rond een onderdeel tellen niet; lege onderdelen (``a,,b``) vallen weg.
  Een onderdeel dat niet klopt (onbekende weergave of wijk, ontbrekende wijk, rare tekens) wordt
  een dia met een Nederlandse uitleg op zijn plek, zodat de nummering klopt en de fout opvalt bij
  het voorbereiden. Een agenda van meer dan :data:`MAX_AGENDA_TEKENS` tekens wordt geweigerd; van
  meer dan :data:`MAX_ONDERDELEN` onderdelen worden alleen de eerste getoond (met een melding).
- ``peildatum``: ``dd-mm-jjjj`` (ook ``jjjj-mm-dd``). Zonder peildatum geldt vandaag; de pagina zet
  die dan vast in de URL, zodat herladen dezelfde cijfers geeft. Een datum na vandaag of vóór 2000
  wordt geweigerd.
- ``dia``: het nummer van de getoonde dia (1 = de eerste), zodat herladen op dezelfde dia blijft.

Bevroren peildatum
------------------
Alle dia's rekenen op één peildatum (:func:`presentatie`). De bestaande leesfuncties krijgen die
peildatum als ``vandaag``/``peildatum`` en het jaar van de peildatum als ``jaar``; daarbovenop
draaien ze in :func:`bevroren`: elke query in die sessie laat rijen met een datum ná de peildatum
weg (SQLAlchemy ``with_loader_criteria``, ook in subqueries en aliassen).

Wat dat garandeert — gegevens met een datum na de peildatum tellen niet mee, ook niet als ze later
(tijdens het debat) worden ingevoerd:

- metingen met een meetdatum na de peildatum;
- meldingen ontvangen na de peildatum; een melding die na de peildatum is afgehandeld, telt als open;
- uitgaven gedateerd na de peildatum (de gewone budgetpagina telt het hele jaar);
- toezeggingen gedaan na de peildatum; een toezegging die na de peildatum is afgedaan of vervallen,
  telt als open (en zo nodig als te laat) — via :func:`toezegging_open_sql`;
- voortgangsmeldingen van maatregelen na de peildatum: status en voortgang zijn die van de laatste
  melding uiterlijk op de peildatum (:func:`maatregelen_op_peildatum`, ook in de kerncijfers en de
  signalen);
- wijkanalyses gedateerd na de peildatum, evaluaties ingediend na de peildatum, bijstellingen van
  doelstellingen met een besluitdatum na de peildatum, bewonersinbreng en statusstappen van
  wijkplannen na de peildatum, regiegroepleden die pas na de peildatum begonnen.

Wat het níet garandeert:

- correcties: wie een meting, uitgave of melding met een datum uiterlijk op de peildatum later
  invoert of wijzigt, verandert de dia (de database bewaart alleen de huidige waarde; het dossier
  weet het wel, maar de dia's lezen het dossier niet);
- invoer op de peildatum zelf met die datum telt mee: wie de cijfers tijdens een debat van vandaag
  helemaal stil wil hebben, kiest de dag ervóór als peildatum;
- statussen zonder eigen datum zijn de huidige: de status van een wijkplan (bijv. vastgesteld
  tijdens het debat), of een ingediende evaluatie inmiddels is vastgesteld, oormerken en
  budgetposten (die hebben een jaar, geen datum), inwonertallen, normen, namen en teksten;
- een maatregel met voortgangsmeldingen die allemaal na de peildatum liggen, telt op de peildatum
  als gepland met 0%; een maatregel zonder enige voortgangsmelding houdt zijn huidige stand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, quote_plus

from sqlalchemy import and_, case, event, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, with_loader_criteria

from datalaag.afgeleid import (
    MAATREGEL_LOPEND,
    OP_KOERS_WAARDEN,
    achter_schema,
    plan_actief_sql,
    verwachte_voortgang,
)
from datalaag.budget import OormerkRegels, budget_vlag, budgetposten
from datalaag.meldingen import (
    Aantal,
    MeldingFilter,
    aantallen,
    afhandeling,
    open_meldingen,
)
from datalaag.models import (
    Ambitie,
    Bewonersinbreng,
    DoelstellingBijstelling,
    Evaluatie,
    Maatregel,
    MaatregelVoortgang,
    Melding,
    Meting,
    Regiegroeplid,
    Toezegging,
    Uitgave,
    Wijk,
    Wijkanalyse,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal, meervoud
from datalaag.overzicht import AmbitieMatrix, Kpis, ambitie_matrix, kpis
from datalaag.signalen import (
    HOOG,
    MIDDEL,
    TOEZEGGINGEN_GROEPEREN_BOVEN,
    Signaal,
    signalen,
)
from datalaag.trends import DoelstellingTrend, doelstelling_trends
from datalaag.wijkpagina import (
    MAATREGEL_STATUS_LABELS,
    BudgetSamenvatting,
    MeldingenSamenvatting,
    budget_samenvatting,
    kies_plan,
    meldingen_samenvatting,
    wijk_basis,
)

__all__ = [
    "MAX_AGENDA_TEKENS",
    "MAX_ONDERDELEN",
    "WEERGAVEN",
    "Agenda",
    "BudgetDia",
    "Dia",
    "DoelenDia",
    "Foutmelding",
    "MaatregelOpPeildatum",
    "MeldingenDia",
    "Onderdeel",
    "OngeldigOnderdeel",
    "ProjectenDia",
    "SignalenDia",
    "ToezeggingenDia",
    "Weergave",
    "WijkScoresDia",
    "bevroren",
    "dia_titel",
    "lees_agenda",
    "lees_peildatum",
    "maatregelen_op_peildatum",
    "presentatie",
    "presentatie_pad",
    "samensteller_pad",
    "schrijf_agenda",
    "schrijf_peildatum",
    "toezegging_open_sql",
    "wijknamen",
]

# --------------------------------------------------------------------------- weergaven

GEEN = "geen"
VERPLICHT = "verplicht"
OPTIONEEL = "optioneel"


@dataclass(frozen=True, slots=True)
class Weergave:
    """Een soort dia. ``wijk``: ``geen`` (hele stad), ``verplicht`` (één wijk) of ``optioneel``."""

    code: str
    naam: str
    wijk: str
    omschrijving: str
    bron: str


WEERGAVEN: dict[str, Weergave] = {
    w.code: w
    for w in (
        Weergave("overzicht", "Kerncijfers van de stad", GEEN,
                 "Zes kerncijfers: plannen, ambitiescore, budget, maatregelen, meldingen en toezeggingen.",
                 "wijkplannen, evaluaties, uitgaven, maatregelen, meldingen en toezeggingenlijst"),
        Weergave("heatmap", "Ambitiescores per wijk", GEEN,
                 "Rapportcijfer van elke wijk per ambitie, met het stadsgemiddelde.",
                 "evaluaties (bijlage 9) en wijkanalyses (bijlage 7)"),
        Weergave("wijk", "Ambitiescores tegen de stad", VERPLICHT,
                 "Het rapportcijfer van één wijk per ambitie naast het gemiddelde van de stad.",
                 "evaluaties (bijlage 9) en wijkanalyses (bijlage 7)"),
        Weergave("doelen", "Doelstellingen op koers?", VERPLICHT,
                 "De doelstellingen van het wijkplan met hun status: op koers, achter of ver achter.",
                 "doelstellingen van het wijkplan en metingen"),
        Weergave("budget", "Budget", VERPLICHT,
                 "Oormerk, uitgaven en benutting van één wijk, per oormerk.",
                 "oormerken, budgetposten en uitgaven"),
        Weergave("meldingen", "Meldingen", VERPLICHT,
                 "Ontvangen en open meldingen van één wijk, afhandeltijd en categorieën.",
                 "meldingenregistratie"),
        Weergave("projecten", "Maatregelen", VERPLICHT,
                 "De maatregelen van het wijkplan: lopend, achter schema en afgerond.",
                 "maatregelen van het wijkplan en hun voortgangsmeldingen"),
        Weergave("toezeggingen", "Toezeggingen aan de raad", OPTIONEEL,
                 "Open en te late toezeggingen, per portefeuillehouder (stad of één wijk).",
                 "toezeggingenlijst van de griffie"),
        Weergave("signalen", "Signalen", OPTIONEEL,
                 "De waarschuwingen van het dashboard (stad of één wijk).",
                 "signaalregels van het dashboard"),
    )
}

MAX_AGENDA_TEKENS = 2000
MAX_ONDERDELEN = 30
#: Zo lang mag een fout onderdeel in een melding worden herhaald.
_MAX_HERHAALD = 60
_ONDERDEEL = re.compile(r"[a-z]+(?::[a-z0-9]+(?:-[a-z0-9]+)*)?")


# --------------------------------------------------------------------------- agenda lezen en schrijven


@dataclass(frozen=True, slots=True)
class Onderdeel:
    """Een geldig onderdeel van de agenda: een weergave, eventueel voor één wijk (slug)."""

    weergave: str
    wijk: str | None = None

    @property
    def code(self) -> str:
        return self.weergave if self.wijk is None else f"{self.weergave}:{self.wijk}"


@dataclass(frozen=True, slots=True)
class OngeldigOnderdeel:
    """Een onderdeel uit de URL dat niet te tonen is: de tekst (ingekort, alleen afdrukbare tekens) en waarom."""

    tekst: str
    reden: str


@dataclass(frozen=True, slots=True)
class Agenda:
    onderdelen: tuple[Onderdeel | OngeldigOnderdeel, ...] = ()
    #: fouten over de agenda als geheel (te lang, te veel onderdelen)
    fouten: tuple[str, ...] = ()

    @property
    def geldige(self) -> tuple[Onderdeel, ...]:
        return tuple(o for o in self.onderdelen if isinstance(o, Onderdeel))

    @property
    def ongeldige(self) -> tuple[OngeldigOnderdeel, ...]:
        return tuple(o for o in self.onderdelen if isinstance(o, OngeldigOnderdeel))


def _herhaal(tekst: str) -> str:
    """Een stuk gebruikersinvoer om in een melding te herhalen: afdrukbare tekens, hooguit 60."""
    schoon = "".join(t if t.isprintable() else "?" for t in tekst)
    return schoon if len(schoon) <= _MAX_HERHAALD else schoon[: _MAX_HERHAALD - 1] + "…"


def _voorbeeld(weergave: str) -> str:
    return f"{weergave}:de-riet"


def _lees_onderdeel(ruw: str, wijken: Mapping[str, str]) -> Onderdeel | OngeldigOnderdeel:
    tekst = ruw.strip().lower()
    if not _ONDERDEEL.fullmatch(tekst):
        return OngeldigOnderdeel(
            _herhaal(ruw.strip()),
            "dit onderdeel bevat tekens die er niet in horen. Een onderdeel is een weergave (kleine letters), "
            f"eventueel met ':' en een wijk, bijvoorbeeld {_voorbeeld('budget')}.",
        )
    weergave, _, wijk = tekst.partition(":")
    soort = WEERGAVEN.get(weergave)
    if soort is None:
        return OngeldigOnderdeel(
            _herhaal(ruw.strip()),
            f"'{_herhaal(weergave)}' is geen weergave. Kies uit: {', '.join(WEERGAVEN)}.",
        )
    if not wijk:
        if soort.wijk == VERPLICHT:
            return OngeldigOnderdeel(
                _herhaal(ruw.strip()),
                f"'{weergave}' gaat over één wijk: schrijf {weergave}:<wijk>, bijvoorbeeld {_voorbeeld(weergave)}.",
            )
        return Onderdeel(weergave)
    if soort.wijk == GEEN:
        return OngeldigOnderdeel(
            _herhaal(ruw.strip()),
            f"'{weergave}' gaat over de hele stad en heeft geen wijk: schrijf alleen '{weergave}'.",
        )
    if wijk not in wijken:
        return OngeldigOnderdeel(_herhaal(ruw.strip()), f"'{_herhaal(wijk)}' is geen wijk van Almelo in dit dashboard.")
    return Onderdeel(weergave, wijk)


def lees_agenda(waarde: Any, wijken: Mapping[str, str]) -> Agenda:
    """De agenda uit de URL (``?agenda=...``). ``wijken``: slug → naam van de bestaande wijken
    (:func:`wijknamen`). Gooit nooit een fout: wat niet klopt, staat in de uitkomst."""
    if waarde is None or waarde == "":
        return Agenda()
    if isinstance(waarde, (list, tuple)):  # ?agenda=a&agenda=b
        waarde = ",".join(str(w) for w in waarde)
    if not isinstance(waarde, str):
        return Agenda(fouten=("De agenda in de link is geen tekst.",))
    if len(waarde) > MAX_AGENDA_TEKENS:
        return Agenda(fouten=(
            f"De agenda in de link is te lang ({formatteer_getal(len(waarde))} tekens; hooguit "
            f"{formatteer_getal(MAX_AGENDA_TEKENS)}). Stel de presentatie opnieuw samen.",
        ))
    delen = [d for d in waarde.split(",") if d.strip()]
    fouten: tuple[str, ...] = ()
    if len(delen) > MAX_ONDERDELEN:
        fouten = (f"De agenda heeft {len(delen)} onderdelen; alleen de eerste {MAX_ONDERDELEN} worden getoond.",)
        delen = delen[:MAX_ONDERDELEN]
    return Agenda(tuple(_lees_onderdeel(d, wijken) for d in delen), fouten)


def schrijf_agenda(onderdelen: Iterable[Onderdeel]) -> str:
    """De agenda zoals in de URL: ``overzicht,wijk:de-riet``."""
    return ",".join(o.code for o in onderdelen)


#: Vroegste peildatum die de presentatie accepteert.
EERSTE_PEILDATUM = dt.date(2000, 1, 1)


def schrijf_peildatum(datum: dt.date) -> str:
    return formatteer_datum(datum)


def lees_peildatum(waarde: Any, vandaag: dt.date) -> tuple[dt.date | None, str | None]:
    """(peildatum, fout). Leeg: vandaag. ``dd-mm-jjjj``, ``d-m-jjjj`` en ``jjjj-mm-dd`` worden gelezen;
    een datum na vandaag of vóór 2000 geeft een fout (en geen datum)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return vandaag, None
    voorbeeld = f"schrijf dd-mm-jjjj, bijvoorbeeld {formatteer_datum(vandaag)}"
    if not isinstance(waarde, str):
        return None, f"De peildatum in de link is geen datum; {voorbeeld}."
    tekst = waarde.strip()
    datum: dt.date | None = None
    if m := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", tekst):
        dag, maand, jaar = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tekst):
        jaar, maand, dag = (int(g) for g in m.groups())
    else:
        return None, f"De peildatum '{_herhaal(tekst)}' is geen datum; {voorbeeld}."
    try:
        datum = dt.date(jaar, maand, dag)
    except ValueError:
        return None, f"De peildatum '{_herhaal(tekst)}' bestaat niet; {voorbeeld}."
    if datum > vandaag:
        return None, (f"De peildatum {formatteer_datum(datum)} ligt na vandaag ({formatteer_datum(vandaag)}): "
                      "van de toekomst zijn er nog geen cijfers.")
    if datum < EERSTE_PEILDATUM:
        return None, f"De peildatum {formatteer_datum(datum)} ligt vóór {formatteer_datum(EERSTE_PEILDATUM)}."
    return datum, None


def _zoekdeel(onderdelen: Sequence[Onderdeel], peildatum: dt.date | None) -> list[str]:
    delen = [f"agenda={quote(schrijf_agenda(onderdelen), safe=':,-')}"]
    if peildatum is not None:
        delen.append(f"peildatum={schrijf_peildatum(peildatum)}")
    return delen


def presentatie_pad(onderdelen: Sequence[Onderdeel], peildatum: dt.date | None, *, dia: int | None = None,
                    terug: bool = False) -> str:
    """``/presentatie?agenda=...&peildatum=...`` (met ``terug=samenstellen``: Esc gaat terug naar de samensteller)."""
    delen = _zoekdeel(onderdelen, peildatum)
    if dia is not None:
        delen.append(f"dia={int(dia)}")
    if terug:
        delen.append("terug=samenstellen")
    return "/presentatie?" + "&".join(delen)


def samensteller_pad(onderdelen: Sequence[Onderdeel], peildatum: dt.date | None) -> str:
    if not onderdelen and peildatum is None:
        return "/presentatie/samenstellen"
    return "/presentatie/samenstellen?" + "&".join(_zoekdeel(onderdelen, peildatum))


def wijknamen(sessie: Session) -> dict[str, str]:
    """slug → naam van alle wijken, op naam. Eén query."""
    rijen = sessie.execute(select(Wijk.slug, Wijk.naam)).all()
    return dict(sorted(((r.slug, r.naam) for r in rijen), key=lambda w: (w[1].casefold(), w[1])))


def dia_titel(onderdeel: Onderdeel, wijken: Mapping[str, str]) -> str:
    """De titel van de dia, bijv. ``'De Riet: budget'`` of ``'Kerncijfers van de stad'``."""
    weergave = WEERGAVEN[onderdeel.weergave]
    if onderdeel.wijk is None:
        return weergave.naam
    naam = wijken.get(onderdeel.wijk, onderdeel.wijk)
    return f"{naam}: {weergave.naam[0].lower()}{weergave.naam[1:]}"


# --------------------------------------------------------------------------- bevroren sessie


def _criteria(peildatum: dt.date) -> tuple:
    grens = dt.datetime.combine(peildatum + dt.timedelta(days=1), dt.time.min)
    # Lambda's: dan geldt de voorwaarde ook voor aliassen (``aliased(Meting)``) van de tabel.
    return (
        with_loader_criteria(Meting, lambda c: c.peildatum <= peildatum, include_aliases=True),
        with_loader_criteria(Melding, lambda c: c.ontvangen_op < grens, include_aliases=True),
        with_loader_criteria(Uitgave, lambda c: c.datum <= peildatum, include_aliases=True),
        with_loader_criteria(Toezegging, lambda c: c.datum <= peildatum, include_aliases=True),
        with_loader_criteria(Wijkanalyse, lambda c: c.datum <= peildatum, include_aliases=True),
        with_loader_criteria(
            Evaluatie, lambda c: or_(c.ingediend_op.is_(None), c.ingediend_op <= peildatum), include_aliases=True
        ),
        with_loader_criteria(DoelstellingBijstelling, lambda c: c.besluitdatum <= peildatum, include_aliases=True),
        with_loader_criteria(Bewonersinbreng, lambda c: c.datum <= peildatum, include_aliases=True),
        with_loader_criteria(WijkplanStatus, lambda c: c.datum <= peildatum, include_aliases=True),
        with_loader_criteria(Regiegroeplid, lambda c: c.termijn_van <= peildatum, include_aliases=True),
    )


@contextmanager
def bevroren(sessie: Session, peildatum: dt.date) -> Iterator[Session]:
    """Binnen dit blok laat elke SELECT in ``sessie`` de rijen met een datum na ``peildatum`` weg
    (zie de moduledocumentatie voor welke tabellen en welke datum)."""
    opties = _criteria(peildatum)

    def _filter(toestand) -> None:
        if toestand.is_select:
            toestand.statement = toestand.statement.options(*opties)

    event.listen(sessie, "do_orm_execute", _filter)
    try:
        yield sessie
    finally:
        event.remove(sessie, "do_orm_execute", _filter)


# --------------------------------------------------------------------------- toezeggingen op de peildatum


def toezegging_open_sql(peildatum: dt.date):
    """Toezegging open op de peildatum: gedaan uiterlijk op de peildatum, en nu open of pas ná de
    peildatum afgedaan of vervallen (de database eist bij die statussen een datum)."""
    return and_(
        Toezegging.datum <= peildatum,
        or_(
            Toezegging.status == "open",
            and_(Toezegging.status == "afgedaan", Toezegging.afgedaan_op > peildatum),
            and_(Toezegging.status == "vervallen", Toezegging.vervallen_op > peildatum),
        ),
    )


def _te_laat_op_sql(peildatum: dt.date):
    """*Te laat* (:func:`datalaag.afgeleid.te_laat`) op de peildatum: open op de peildatum en de
    termijn ligt ervóór."""
    return and_(toezegging_open_sql(peildatum), Toezegging.termijn < peildatum)


@dataclass(frozen=True, slots=True)
class TeLateToezegging:
    nummer: str
    onderwerp: str
    portefeuillehouder: str
    termijn: dt.date
    wijk_slug: str | None
    wijk: str | None


@dataclass(frozen=True, slots=True)
class ToezeggingenDia:
    peildatum: dt.date
    wijk: str | None  # naam, of None voor de hele stad
    open: int
    te_laat: int
    #: (portefeuillehouder, open, te laat), meeste te laat eerst
    per_portefeuillehouder: tuple[tuple[str, int, int], ...]
    #: alle te late, oudste termijn eerst
    te_late: tuple[TeLateToezegging, ...]


def toezeggingen_op_peildatum(sessie: Session, peildatum: dt.date, wijk_id: int | None = None) -> ToezeggingenDia:
    """Open en te late toezeggingen op de peildatum (stad, of één wijk). Twee queries."""
    voorwaarden = [toezegging_open_sql(peildatum)]
    if wijk_id is not None:
        voorwaarden.append(Toezegging.wijk_id == wijk_id)
    te_laat = case((Toezegging.termijn < peildatum, 1), else_=0)
    per_houder = sessie.execute(
        select(Toezegging.portefeuillehouder, func.count(), func.coalesce(func.sum(te_laat), 0))
        .where(*voorwaarden)
        .group_by(Toezegging.portefeuillehouder)
    ).all()
    rijen = sessie.execute(
        select(Toezegging.nummer, Toezegging.onderwerp, Toezegging.portefeuillehouder, Toezegging.termijn,
               Wijk.slug, Wijk.naam)
        .outerjoin(Wijk, Wijk.id == Toezegging.wijk_id)
        .where(*voorwaarden, Toezegging.termijn < peildatum)
        .order_by(Toezegging.termijn, Toezegging.nummer)
    ).all()
    houders = tuple(sorted(((h, int(n), int(t)) for h, n, t in per_houder),
                           key=lambda r: (-r[2], -r[1], r[0].casefold())))
    return ToezeggingenDia(
        peildatum=peildatum,
        wijk=None,
        open=sum(h[1] for h in houders),
        te_laat=sum(h[2] for h in houders),
        per_portefeuillehouder=houders,
        te_late=tuple(TeLateToezegging(*r) for r in rijen),
    )


def _signalen_te_laat(dia: ToezeggingenDia) -> list[Signaal]:
    """Het signaal ``toezegging_te_laat`` (zelfde regel en tekst als :mod:`datalaag.signalen`) op de
    toezeggingen die op de peildatum open waren."""
    per_houder: dict[str, list[TeLateToezegging]] = defaultdict(list)
    for t in dia.te_late:
        per_houder[t.portefeuillehouder].append(t)
    uit: list[Signaal] = []
    for houder, lijst in per_houder.items():
        if len(lijst) > TOEZEGGINGEN_GROEPEREN_BOVEN:
            oudste = min(t.termijn for t in lijst)
            uit.append(Signaal(
                "toezegging_te_laat", HOOG, None, None,
                f"{houder}: {len(lijst)} toezeggingen zijn niet afgedaan binnen hun termijn "
                f"(oudste termijn {formatteer_datum(oudste)}).",
                f"/toezeggingen?status=te_laat&portefeuillehouder={quote_plus(houder)}",
            ))
            continue
        for t in lijst:
            voorvoegsel = f"{t.wijk}: " if t.wijk else ""
            uit.append(Signaal(
                "toezegging_te_laat", HOOG, t.wijk_slug, t.wijk,
                f"{voorvoegsel}toezegging {t.nummer} ({houder}) over '{t.onderwerp}' is niet afgedaan; "
                f"de termijn was {formatteer_datum(t.termijn)}.",
                "/toezeggingen?status=te_laat",
            ))
    return uit


# --------------------------------------------------------------------------- maatregelen op de peildatum


@dataclass(frozen=True, slots=True)
class MaatregelOpPeildatum:
    id: int
    wijk_slug: str
    wijk: str
    ambitie_nummer: int
    naam: str
    #: status en voortgang volgens de laatste voortgangsmelding uiterlijk op de peildatum
    status: str
    voortgang: int
    #: lineair verwachte voortgang op de peildatum (None zonder start of eind)
    verwacht: float | None
    achter_schema: bool
    start: dt.date | None
    eind: dt.date | None

    @property
    def status_label(self) -> str:
        return MAATREGEL_STATUS_LABELS.get(self.status, self.status)


def maatregelen_op_peildatum(sessie: Session, peildatum: dt.date, *, wijkplan_id: int | None = None,
                             actief_in: int | None = None) -> list[MaatregelOpPeildatum]:
    """Maatregelen van één plan (``wijkplan_id``) of van alle plannen die in ``actief_in`` actief zijn,
    met status en voortgang op de peildatum: die van de laatste voortgangsmelding uiterlijk op de
    peildatum. Heeft een maatregel alleen meldingen ná de peildatum, dan was hij toen gepland (0%);
    zonder enige melding geldt de huidige stand. *Achter schema*: :func:`datalaag.afgeleid.achter_schema`
    op die stand. Eén query; op ambitie, start en naam."""
    op_of_voor = aliased(MaatregelVoortgang)
    volgnummer = func.row_number().over(
        partition_by=op_of_voor.maatregel_id, order_by=(op_of_voor.datum.desc(), op_of_voor.id.desc())
    )
    laatste = (
        select(op_of_voor.maatregel_id, op_of_voor.status, op_of_voor.voortgang, volgnummer.label("nr"))
        .where(op_of_voor.datum <= peildatum)
        .subquery("laatste")
    )
    later = aliased(MaatregelVoortgang)
    alleen_later = exists().where(later.maatregel_id == Maatregel.id, later.datum > peildatum)
    status = func.coalesce(laatste.c.status, case((alleen_later, "gepland"), else_=Maatregel.status))
    voortgang = func.coalesce(laatste.c.voortgang, case((alleen_later, 0), else_=Maatregel.voortgang))
    q = (
        select(Maatregel.id, Wijk.slug, Wijk.naam, Ambitie.nummer, Maatregel.naam.label("maatregel"),
               status.label("status"), voortgang.label("voortgang"), Maatregel.start, Maatregel.eind)
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .outerjoin(laatste, and_(laatste.c.maatregel_id == Maatregel.id, laatste.c.nr == 1))
        .order_by(Ambitie.nummer, Maatregel.start, Maatregel.naam, Maatregel.id)
    )
    if wijkplan_id is not None:
        q = q.where(Maatregel.wijkplan_id == wijkplan_id)
    if actief_in is not None:
        q = q.where(plan_actief_sql(actief_in))
    uit = []
    for r in sessie.execute(q).all():
        stand = int(r.voortgang)
        uit.append(MaatregelOpPeildatum(
            id=r.id, wijk_slug=r.slug, wijk=r.naam, ambitie_nummer=r.nummer, naam=r.maatregel, status=r.status,
            voortgang=stand, verwacht=verwachte_voortgang(r.start, r.eind, peildatum),
            achter_schema=achter_schema(r.status, r.start, r.eind, stand, peildatum), start=r.start, eind=r.eind,
        ))
    return uit


def _signalen_achter_schema(lijst: Sequence[MaatregelOpPeildatum], jaar: int) -> list[Signaal]:
    """Het signaal ``maatregel_achter_schema`` (zelfde tekst als :mod:`datalaag.signalen`) op de stand
    van de maatregelen op de peildatum."""
    per_wijk: dict[tuple[str, str], int] = defaultdict(int)
    for m in lijst:
        if m.achter_schema:
            per_wijk[(m.wijk_slug, m.wijk)] += 1
    return [
        Signaal("maatregel_achter_schema", MIDDEL, slug, naam,
                f"{naam}: {meervoud(aantal, 'maatregel loopt', 'maatregelen lopen')} achter op schema.",
                f"/projecten?wijk={slug}&jaar={jaar}")
        for (slug, naam), aantal in per_wijk.items()
    ]


# --------------------------------------------------------------------------- dia-gegevens


@dataclass(frozen=True, slots=True)
class Foutmelding:
    """Een dia die uitlegt waarom een onderdeel niet te tonen is."""

    tekst: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WijkScore:
    nummer: int
    ambitie: str
    wijk: float | None
    stad: float | None
    bron: str | None


@dataclass(frozen=True, slots=True)
class WijkScoresDia:
    wijk: str
    scores: tuple[WijkScore, ...]


@dataclass(frozen=True, slots=True)
class DoelenDia:
    wijk: str
    #: titel en periode van het plan, of None als de wijk geen plan heeft
    plan: str | None
    #: status → aantal, voor alle vier de uitkomsten van *op koers*
    aantallen: dict[str, int]
    #: de doelstellingen, slechtste status eerst
    doelstellingen: tuple[DoelstellingTrend, ...]


@dataclass(frozen=True, slots=True)
class BudgetDia:
    wijk: str
    samenvatting: BudgetSamenvatting
    #: ``overbesteed``, ``onderbesteed`` of None (:func:`datalaag.budget.budget_vlag`)
    vlag: str | None
    #: de oormerken die in het jaar lopen, met hun posten en uitgaven t/m de peildatum
    oormerken: tuple[OormerkRegels, ...]


@dataclass(frozen=True, slots=True)
class MeldingenDia:
    wijk: str
    samenvatting: MeldingenSamenvatting
    open_over_norm: int
    #: aandeel (0..1) van de in het jaar afgehandelde meldingen binnen de norm
    binnen_norm: float | None
    per_categorie: tuple[Aantal, ...]


@dataclass(frozen=True, slots=True)
class ProjectenDia:
    wijk: str
    plan: str | None
    #: status → aantal (alle vijf statussen)
    per_status: dict[str, int]
    achter_schema: int
    #: lopende maatregelen, achter schema en grootste achterstand eerst
    lopend: tuple[MaatregelOpPeildatum, ...]


#: Leesbare namen van de signaalregels (:data:`datalaag.signalen.REGELS`), voor de telling per regel.
REGEL_NAMEN: dict[str, str] = {
    "doelstelling_ver_achter": "Doelstelling ver achter",
    "oormerk_overschreden": "Oormerk overschreden",
    "oormerk_onderbesteed": "Oormerk onderbesteed",
    "maatregel_achter_schema": "Maatregelen achter schema",
    "toezegging_te_laat": "Toezegging te laat",
    "meldingen_over_norm": "Meldingen over de norm",
    "meldingen_niet_gemeld": "Meldingen niet gemeld aan de regiegroep",
    "metingen_achterstallig": "Metingen achterstallig",
    "regiegroep_termijn_verlopen": "Zittingstermijn regiegroep verlopen",
    "evaluatie_ontbreekt": "Evaluatie ontbreekt",
}


@dataclass(frozen=True, slots=True)
class SignalenDia:
    wijk: str | None
    signalen: tuple[Signaal, ...]

    @property
    def hoog(self) -> int:
        return sum(1 for s in self.signalen if s.ernst == HOOG)

    def per_wijk(self) -> list[tuple[str, int, int]]:
        """(wijk, hoog, middel) per wijk met signalen; stadsbrede signalen als "Hele stad". Meeste hoog eerst."""
        tellingen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for s in self.signalen:
            tellingen[s.wijk_naam or "Hele stad"][0 if s.ernst == HOOG else 1] += 1
        return sorted(((w, h, m) for w, (h, m) in tellingen.items()), key=lambda r: (-r[1], -r[2], r[0].casefold()))

    def per_regel(self) -> list[tuple[str, int]]:
        """(naam van de regel, aantal signalen), meeste eerst."""
        tellingen: dict[str, int] = defaultdict(int)
        for s in self.signalen:
            tellingen[REGEL_NAMEN.get(s.regel, s.regel)] += 1
        return sorted(tellingen.items(), key=lambda r: (-r[1], r[0]))


@dataclass(frozen=True, slots=True)
class Dia:
    nummer: int
    #: de code uit de agenda (bijv. ``budget:de-riet``), of None voor een melding over de hele agenda
    code: str | None
    weergave: str | None
    titel: str
    bron: str
    gegevens: Any


def _plan_tekst(plan) -> str | None:
    if plan is None:
        return None
    periode = str(plan.periode_van) if plan.periode_van == plan.periode_tot else f"{plan.periode_van}–{plan.periode_tot}"
    if periode in plan.titel:
        return f"{plan.titel} ({plan.status_label.lower()})"
    return f"{plan.titel} ({periode}, {plan.status_label.lower()})"


def _kerncijfers(sessie: Session, peildatum: dt.date) -> Kpis:
    """:func:`datalaag.overzicht.kpis` op de peildatum, met toezeggingen en maatregelen op de peildatum."""
    basis = kpis(sessie, peildatum.year, peildatum)
    toezeggingen = toezeggingen_op_peildatum(sessie, peildatum)
    maatregelen = maatregelen_op_peildatum(sessie, peildatum, actief_in=peildatum.year)
    return replace(
        basis,
        toezeggingen_open=toezeggingen.open,
        toezeggingen_te_laat=toezeggingen.te_laat,
        maatregelen_lopend=sum(1 for m in maatregelen if m.status in MAATREGEL_LOPEND),
        maatregelen_achter_schema=sum(1 for m in maatregelen if m.achter_schema),
    )


def _wijkscores(matrix: AmbitieMatrix, slug: str, naam: str) -> WijkScoresDia:
    rij = next(i for i, (s, _n) in enumerate(matrix.wijken) if s == slug)
    return WijkScoresDia(
        wijk=naam,
        scores=tuple(
            WijkScore(nummer, ambitie, matrix.scores[rij][k], matrix.stadsgemiddelde[k], matrix.bronnen[rij][k])
            for k, (nummer, ambitie) in enumerate(matrix.ambities)
        ),
    )


_STATUS_VOLGORDE = {"ver_achter": 0, "achter": 1, "geen_data": 2, "op_koers": 3}


def _doelen(sessie: Session, basis, peildatum: dt.date) -> DoelenDia:
    plan = kies_plan(basis.plannen, None, peildatum.year)
    trends = doelstelling_trends(sessie, plan.id, peildatum) if plan is not None else []
    aantallen = {s: 0 for s in OP_KOERS_WAARDEN}
    for t in trends:
        aantallen[t.status] = aantallen.get(t.status, 0) + 1
    return DoelenDia(
        wijk=basis.naam,
        plan=_plan_tekst(plan),
        aantallen=aantallen,
        doelstellingen=tuple(sorted(trends, key=lambda t: (_STATUS_VOLGORDE.get(t.status, 9), t.ambitie_nummer, t.id))),
    )


def _projecten(sessie: Session, basis, peildatum: dt.date) -> ProjectenDia:
    plan = kies_plan(basis.plannen, None, peildatum.year)
    lijst = maatregelen_op_peildatum(sessie, peildatum, wijkplan_id=plan.id) if plan is not None else []
    per_status = {s: 0 for s in MAATREGEL_STATUS_LABELS}
    for m in lijst:
        per_status[m.status] = per_status.get(m.status, 0) + 1

    def achterstand(m: MaatregelOpPeildatum) -> float:
        return (m.verwacht or 0.0) - m.voortgang

    lopend = sorted((m for m in lijst if m.status in MAATREGEL_LOPEND),
                    key=lambda m: (not m.achter_schema, -achterstand(m), m.naam.casefold()))
    return ProjectenDia(
        wijk=basis.naam,
        plan=_plan_tekst(plan),
        per_status=per_status,
        achter_schema=sum(1 for m in lijst if m.achter_schema),
        lopend=tuple(lopend),
    )


def _signalen(sessie: Session, peildatum: dt.date, wijk: str | None) -> tuple[Signaal, ...]:
    """:func:`datalaag.signalen.signalen` op de peildatum; de regels over toezeggingen en maatregelen
    rekenen met de stand op de peildatum (de gewone regels gebruiken de huidige status)."""
    jaar = peildatum.year
    lijst = [s for s in signalen(sessie, jaar, peildatum)
             if s.regel not in ("toezegging_te_laat", "maatregel_achter_schema")]
    lijst += _signalen_te_laat(toezeggingen_op_peildatum(sessie, peildatum))
    lijst += _signalen_achter_schema(maatregelen_op_peildatum(sessie, peildatum, actief_in=jaar), jaar)
    if wijk is not None:
        lijst = [s for s in lijst if s.wijk_slug == wijk]
    volgorde = {HOOG: 0, MIDDEL: 1}
    return tuple(sorted(lijst, key=lambda s: (volgorde.get(s.ernst, 2), s.wijk_naam is not None,
                                              (s.wijk_naam or "").casefold(), s.regel, s.tekst)))


def _gegevens(sessie: Session, onderdeel: Onderdeel, peildatum: dt.date, cache: dict[str, Any]) -> Any:
    """De gegevens van één dia (binnen :func:`bevroren`)."""
    jaar = peildatum.year
    soort = onderdeel.weergave
    if soort == "overzicht":
        return _kerncijfers(sessie, peildatum)
    if soort == "heatmap":
        if "matrix" not in cache:
            cache["matrix"] = ambitie_matrix(sessie, jaar, peildatum)
        return cache["matrix"]
    if soort == "toezeggingen" and onderdeel.wijk is None:
        return toezeggingen_op_peildatum(sessie, peildatum)
    if soort == "signalen" and onderdeel.wijk is None:
        return SignalenDia(None, _signalen(sessie, peildatum, None))

    basis = wijk_basis(sessie, onderdeel.wijk or "")
    if basis is None:  # de wijk is sinds het lezen van de agenda verdwenen
        return Foutmelding(f"De wijk '{onderdeel.wijk}' bestaat niet (meer).")
    if soort == "wijk":
        if "matrix" not in cache:
            cache["matrix"] = ambitie_matrix(sessie, jaar, peildatum)
        return _wijkscores(cache["matrix"], basis.slug, basis.naam)
    if soort == "doelen":
        return _doelen(sessie, basis, peildatum)
    if soort == "budget":
        samenvatting = budget_samenvatting(sessie, basis.id, jaar)
        return BudgetDia(
            wijk=basis.naam,
            samenvatting=samenvatting,
            vlag=budget_vlag(samenvatting.oormerk, samenvatting.uitgaven, samenvatting.budgetbenutting, peildatum),
            oormerken=tuple(budgetposten(sessie, basis.slug, jaar, peildatum)),
        )
    if soort == "meldingen":
        filter_ = MeldingFilter(jaar=jaar, wijk=basis.slug)
        return MeldingenDia(
            wijk=basis.naam,
            samenvatting=meldingen_samenvatting(sessie, basis.id, jaar, peildatum),
            open_over_norm=open_meldingen(sessie, filter_, peildatum, limiet=0).over_norm,
            binnen_norm=afhandeling(sessie, filter_, peildatum).aandeel_binnen_norm,
            per_categorie=tuple(aantallen(sessie, filter_, peildatum).per_categorie),
        )
    if soort == "projecten":
        return _projecten(sessie, basis, peildatum)
    if soort == "toezeggingen":
        return replace(toezeggingen_op_peildatum(sessie, peildatum, basis.id), wijk=basis.naam)
    if soort == "signalen":
        return SignalenDia(basis.naam, _signalen(sessie, peildatum, basis.slug))
    raise ValueError(f"onbekende weergave {soort!r}")  # pragma: no cover - lees_agenda laat die niet door


def presentatie(sessie: Session, agenda: Agenda, peildatum: dt.date, wijken: Mapping[str, str] | None = None) -> list[Dia]:
    """Alle dia's van de agenda op de peildatum, in volgorde. Fouten in de agenda worden dia's met
    een :class:`Foutmelding`: een melding over de agenda als geheel vooraan, een fout onderdeel op
    zijn eigen plek. Alle gegevens komen uit één bevroren sessie (:func:`bevroren`)."""
    wijken = wijknamen(sessie) if wijken is None else wijken
    dias: list[Dia] = []

    def voeg_toe(code: str | None, weergave: str | None, titel: str, bron: str, gegevens: Any) -> None:
        dias.append(Dia(len(dias) + 1, code, weergave, titel, bron, gegevens))

    if agenda.fouten:
        voeg_toe(None, None, "De agenda is niet helemaal in orde", "de link van deze presentatie",
                 Foutmelding(agenda.fouten[0], agenda.fouten[1:]))
    cache: dict[str, Any] = {}
    with bevroren(sessie, peildatum):
        for onderdeel in agenda.onderdelen:
            if isinstance(onderdeel, OngeldigOnderdeel):
                voeg_toe(onderdeel.tekst, None, "Dit onderdeel kan niet getoond worden", "de link van deze presentatie",
                         Foutmelding(f"Onderdeel '{onderdeel.tekst}': {onderdeel.reden}"))
                continue
            weergave = WEERGAVEN[onderdeel.weergave]
            voeg_toe(onderdeel.code, weergave.code, dia_titel(onderdeel, wijken), weergave.bron,
                     _gegevens(sessie, onderdeel, peildatum, cache))
    return dias

