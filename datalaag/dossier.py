"""Leesqueries voor ``/dossier``: de ``Mutatie``-rijen (wie, wanneer, wat, oud → nieuw), gefilterd,
gesorteerd en per pagina, plus de keuzes voor de filters.

Het dossier wordt alleen aangevuld (:func:`datalaag.mutaties.leg_vast`); dit module leest alleen.

- Filters (in SQL): wijk (slug of id), gebruiker (``gebruiker_id``, of de naam van een actor zonder
  account, zoals de opdrachtregel), entiteit, en een periode ``van``–``tot`` (beide inclusief, op de
  datum van ``tijdstip``).
- Sorteren alleen op de velden in :data:`SORTEERKOLOMMEN`; een onbekend veld of een onbekende richting
  wordt genegeerd (er komt nooit tekst van buiten in de SQL). Standaard: nieuwste eerst.
- Per pagina twee queries (COUNT en één SELECT met de wijk, de gebruiker en het jaar van een
  evaluatie erbij gejoind): geen query per rij.
- ``oud → nieuw`` wordt één leesbare regel: ``Ambitie 2 · Waardering: 6,5 → 7,0; Status: Concept →
  Ingediend``; een ontbrekende waarde is ``(leeg)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from datalaag.models import Evaluatie, Gebruiker, Mutatie, Wijk
from datalaag.validatie import Controle

#: Leesbare namen van de entiteiten in het dossier; een onbekende krijgt een hoofdletter.
ENTITEIT_LABELS: dict[str, str] = {
    "evaluatie": "Evaluatie",
    "wijkanalyse": "Wijkanalyse",
    "afhandelnorm": "Afhandelnorm",
    "wijk": "Wijk",
    "gebruiker": "Gebruiker",
    "meting": "Meting",
    "maatregel": "Maatregel",
    "uitgave": "Uitgave",
    "melding": "Melding",
    "toezegging": "Toezegging",
}
ACTIE_LABELS: dict[str, str] = {
    "aangemaakt": "Aangemaakt",
    "gewijzigd": "Gewijzigd",
    "verwijderd": "Verwijderd",
    "statuswijziging": "Statuswijziging",
    "import": "Import",
}
LEEG = "(leeg)"
#: Gebruikersfilter voor een actor zonder account (bijv. de opdrachtregel): ``naam:<naam>``.
NAAM_PREFIX = "naam:"
#: Hooguit zoveel rijen per opvraging (de export van het hele dossier).
MAX_PAGINAGROOTTE = 100_000
#: Vroegste datum die de periodefilter aanneemt.
VROEGSTE_DATUM = dt.date(2000, 1, 1)

_ENTITEIT_VORM = re.compile(r"^[a-z_]{1,50}$")
_SLUG_VORM = re.compile(r"^[a-z0-9-]{1,100}$")
_TECHNISCHE_SLEUTEL = re.compile(r"^[a-z][a-z_]*$")


class OngeldigVerzoek(ValueError):
    """Een ongeldig rijbereik of een ongeldige paginagrootte."""


def entiteit_label(entiteit: str) -> str:
    return ENTITEIT_LABELS.get(entiteit) or entiteit.replace("_", " ").capitalize()


def actie_label(actie: str) -> str:
    return ACTIE_LABELS.get(actie, actie)


def formatteer_tijdstip(tijdstip: dt.datetime | None) -> str:
    """``dd-mm-jjjj uu:mm``."""
    return "" if tijdstip is None else f"{tijdstip:%d-%m-%Y %H:%M}"


# --------------------------------------------------------------------------- oud → nieuw


def _sleutel(sleutel: str) -> str:
    """Labels zijn meestal al leesbaar ("Ambitie 2 · Waardering"); een technische sleutel
    ("werkdagen", "extra_budget") krijgt een hoofdletter en spaties."""
    return sleutel.replace("_", " ").capitalize() if _TECHNISCHE_SLEUTEL.match(sleutel) else sleutel


def _waarde(waarde: Any) -> str:
    if waarde is None or (isinstance(waarde, (str, list, dict)) and not waarde):
        return LEEG
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        return str(waarde).replace(".", ",")
    if isinstance(waarde, list):
        return ", ".join(_waarde(w) for w in waarde)
    if isinstance(waarde, dict):
        return ", ".join(f"{_sleutel(str(k))}: {_waarde(v)}" for k, v in waarde.items())
    tekst = " ".join(str(waarde).split())  # één regel: regeleinden en tabs worden spaties
    return tekst or LEEG


def beschrijf_wijziging(oud: Mapping[str, Any] | None, nieuw: Mapping[str, Any] | None) -> str:
    """Eén regel: ``Ambitie 2 · Waardering: 6,5 → 7,0; Status: Concept → Ingediend``. Velden in de
    volgorde van ``oud`` en dan ``nieuw``; een ontbrekende waarde is ``(leeg)``. Gewone tekst."""
    oud = oud if isinstance(oud, Mapping) else {}
    nieuw = nieuw if isinstance(nieuw, Mapping) else {}
    delen = [f"{_sleutel(str(k))}: {_waarde(oud.get(k))} → {_waarde(nieuw.get(k))}"
             for k in dict.fromkeys([*oud, *nieuw])]
    return "; ".join(delen) or "(geen velden)"


# --------------------------------------------------------------------------- filter en keuzes


@dataclass(frozen=True, slots=True)
class DossierFilter:
    """De filters, al gecontroleerd. ``wijk``: slug (str) of id (int). ``gebruiker_id`` of
    ``gebruiker_naam`` (alleen rijen zonder ``gebruiker_id``). ``van``/``tot``: inclusief."""

    wijk: str | int | None = None
    gebruiker_id: int | None = None
    gebruiker_naam: str | None = None
    entiteit: str | None = None
    van: dt.date | None = None
    tot: dt.date | None = None

    @property
    def gebruiker(self) -> str | None:
        """De gebruikersfilter zoals in de URL: ``12`` of ``naam:opdrachtregel (beheer)``."""
        if self.gebruiker_id is not None:
            return str(self.gebruiker_id)
        return None if self.gebruiker_naam is None else NAAM_PREFIX + self.gebruiker_naam


@dataclass(frozen=True, slots=True)
class DossierKeuzes:
    wijken: list[tuple[str, str]]       # (slug, naam), op naam; alle wijken
    gebruikers: list[tuple[str, str]]   # (waarde voor de URL, naam), op naam; wie in het dossier staat
    entiteiten: list[tuple[str, str]]   # (code, label), op label; wat in het dossier staat


def _op_naam(paren: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(paren, key=lambda p: (p[1].casefold(), p[1], p[0]))


def filterkeuzes(sessie: Session) -> DossierKeuzes:
    """Alle wijken, de gebruikers die in het dossier voorkomen (met account: de huidige naam; zonder
    account: de naam in het dossier) en de entiteiten die erin voorkomen. Drie queries."""
    wijken = _op_naam([(r.slug, r.naam) for r in sessie.execute(select(Wijk.slug, Wijk.naam))])
    gebruikers_rijen = sessie.execute(
        select(Mutatie.gebruiker_id, func.coalesce(Gebruiker.naam, Mutatie.gebruiker_naam).label("naam"))
        .outerjoin(Gebruiker, Gebruiker.id == Mutatie.gebruiker_id)
        .distinct()
    ).all()
    gebruikers = _op_naam([
        (str(r.gebruiker_id) if r.gebruiker_id is not None else NAAM_PREFIX + r.naam, r.naam or "onbekend")
        for r in gebruikers_rijen if r.gebruiker_id is not None or r.naam
    ])
    entiteiten = _op_naam([(e, entiteit_label(e)) for e in sessie.scalars(select(Mutatie.entiteit).distinct())])
    return DossierKeuzes(wijken=wijken, gebruikers=gebruikers, entiteiten=entiteiten)


@dataclass(frozen=True, slots=True)
class GekozenFilter:
    filter: DossierFilter
    #: veld ("wijk", "gebruiker", "entiteit", "van", "tot") → Nederlandse melding over een genegeerde waarde
    fouten: dict[str, str] = field(default_factory=dict)


def lees_datum(veld: str, label: str, waarde: Any) -> tuple[dt.date | None, str | None]:
    """Een datum als ``dd-mm-jjjj`` of ``jjjj-mm-dd``: (datum, None), of (None, Nederlandse melding)."""
    c = Controle()
    datum = c.datum(veld, label, waarde, vroegst=VROEGSTE_DATUM)
    return datum, c.fouten.get(veld)


def kies_filter(query: Mapping[str, Any], keuzes: DossierKeuzes | None = None) -> GekozenFilter:
    """Zet de querystring (``wijk``, ``gebruiker``, ``entiteit``, ``van``, ``tot``) om in een
    :class:`DossierFilter`. Een ongeldige waarde wordt genegeerd, met een melding in ``fouten``. Met
    ``keuzes`` moeten wijk, gebruiker en entiteit ook bestaan; zonder alleen de vorm."""
    fouten: dict[str, str] = {}

    def tekst(sleutel: str) -> str | None:
        waarde = query.get(sleutel)
        return waarde.strip() if isinstance(waarde, str) and waarde.strip() else None

    wijk = tekst("wijk")
    if wijk is not None and (not _SLUG_VORM.match(wijk)
                             or (keuzes is not None and wijk not in {s for s, _ in keuzes.wijken})):
        fouten["wijk"] = f"Wijk niet gevonden: '{wijk[:100]}'. Het dossier toont alle wijken."
        wijk = None

    gebruiker_id: int | None = None
    gebruiker_naam: str | None = None
    gebruiker = tekst("gebruiker")
    if gebruiker is not None:
        bekend = keuzes is None or gebruiker in {w for w, _ in keuzes.gebruikers}
        if re.fullmatch(r"[0-9]{1,9}", gebruiker) and bekend:
            gebruiker_id = int(gebruiker)
        elif gebruiker.startswith(NAAM_PREFIX) and 0 < len(gebruiker) - len(NAAM_PREFIX) <= 200 and bekend:
            gebruiker_naam = gebruiker[len(NAAM_PREFIX):]
        else:
            fouten["gebruiker"] = "Deze gebruiker komt niet voor in het dossier. Het dossier toont alle gebruikers."

    entiteit = tekst("entiteit")
    if entiteit is not None and (not _ENTITEIT_VORM.match(entiteit)
                                 or (keuzes is not None and entiteit not in {e for e, _ in keuzes.entiteiten})):
        fouten["entiteit"] = (f"Entiteit '{entiteit[:50]}' komt niet voor in het dossier. Het dossier toont alle "
                              "entiteiten.")
        entiteit = None

    van, fout = lees_datum("van", "Van", tekst("van"))
    if fout:
        fouten["van"] = f"{fout} Deze datum is genegeerd."
    tot, fout = lees_datum("tot", "Tot en met", tekst("tot"))
    if fout:
        fouten["tot"] = f"{fout} Deze datum is genegeerd."
    if van and tot and tot < van:
        fouten["tot"] = (f"Tot en met: {tot:%d-%m-%Y} ligt vóór de datum bij Van ({van:%d-%m-%Y}). Deze datum is "
                         "genegeerd; kies een latere.")
        tot = None
    return GekozenFilter(DossierFilter(wijk=wijk, gebruiker_id=gebruiker_id, gebruiker_naam=gebruiker_naam,
                                       entiteit=entiteit, van=van, tot=tot), fouten)


def _voorwaarden(f: DossierFilter) -> list[ColumnElement[bool]]:
    uit: list[ColumnElement[bool]] = []
    if isinstance(f.wijk, int) and not isinstance(f.wijk, bool):
        uit.append(Mutatie.wijk_id == f.wijk)
    elif isinstance(f.wijk, str):
        uit.append(Mutatie.wijk_id == select(Wijk.id).where(Wijk.slug == f.wijk).scalar_subquery())
    if f.gebruiker_id is not None:
        uit.append(Mutatie.gebruiker_id == f.gebruiker_id)
    elif f.gebruiker_naam is not None:
        uit += [Mutatie.gebruiker_id.is_(None), Mutatie.gebruiker_naam == f.gebruiker_naam]
    if f.entiteit:
        uit.append(Mutatie.entiteit == f.entiteit)
    if f.van:
        uit.append(Mutatie.tijdstip >= dt.datetime.combine(f.van, dt.time.min))
    if f.tot:
        uit.append(Mutatie.tijdstip < dt.datetime.combine(f.tot + dt.timedelta(days=1), dt.time.min))
    return uit


# --------------------------------------------------------------------------- rijen

_GEBRUIKER_SQL = func.coalesce(Mutatie.gebruiker_naam, Gebruiker.naam)

#: Sorteren kan alleen op deze velden; andere worden genegeerd.
SORTEERKOLOMMEN: dict[str, ColumnElement[Any]] = {
    "tijdstip": Mutatie.tijdstip,
    "gebruiker": _GEBRUIKER_SQL,
    "wijk": Wijk.naam,
    "entiteit": Mutatie.entiteit,
    "actie": Mutatie.actie,
}


def _volgorde(sortering: Sequence[tuple[str, str]] | None) -> list[ColumnElement[Any]]:
    uit: list[ColumnElement[Any]] = []
    for deel in sortering or []:
        try:
            veld, richting = deel
        except (TypeError, ValueError):
            continue
        kolom = SORTEERKOLOMMEN.get(veld) if isinstance(veld, str) else None
        if kolom is None or richting not in ("asc", "desc"):
            continue  # onbekend: negeren
        uit.append((kolom.asc() if richting == "asc" else kolom.desc()).nulls_last())
    return uit or [Mutatie.tijdstip.desc()]


@dataclass(frozen=True, slots=True)
class DossierRij:
    """Eén regel van het dossier. Alle tekst is gewone tekst, nooit HTML."""

    id: int
    tijdstip: dt.datetime
    gebruiker: str
    gebruiker_id: int | None
    wijk: str | None
    wijk_slug: str | None
    entiteit: str
    entiteit_id: int
    actie: str
    versie: int | None
    oud: dict[str, Any]
    nieuw: dict[str, Any]
    jaar: int | None  # het jaar van een evaluatie, als die er nog is

    @property
    def entiteit_label(self) -> str:
        return entiteit_label(self.entiteit)

    @property
    def onderwerp(self) -> str:
        """``Evaluatie 2025``, of alleen het label."""
        return f"{self.entiteit_label} {self.jaar}" if self.jaar else self.entiteit_label

    @property
    def actie_label(self) -> str:
        return actie_label(self.actie)

    @property
    def wijziging(self) -> str:
        return beschrijf_wijziging(self.oud, self.nieuw)

    @property
    def link(self) -> str | None:
        """Waar de lezer verder kan kijken: de wijkpagina, als de wijziging bij een wijk hoort."""
        return f"/wijk/{self.wijk_slug}" if self.wijk_slug else None


def aantal_mutaties(sessie: Session, f: DossierFilter) -> int:
    """Het aantal regels dat aan de filters voldoet (één COUNT)."""
    return int(sessie.scalar(select(func.count()).select_from(Mutatie).where(*_voorwaarden(f))) or 0)


def mutaties(sessie: Session, f: DossierFilter, pagina: int = 1, paginagrootte: int = 50,
             sortering: Sequence[tuple[str, str]] | None = None) -> tuple[list[DossierRij], int]:
    """Pagina ``pagina`` (vanaf 1) van het gefilterde dossier, plus het totaal aantal regels. Twee
    queries. ``sortering``: ``[(veld, "asc"|"desc"), ...]`` met velden uit :data:`SORTEERKOLOMMEN`;
    onbekende worden genegeerd. Zonder sortering: nieuwste eerst; ``id`` maakt de volgorde eenduidig."""
    if isinstance(pagina, bool) or not isinstance(pagina, int) or pagina < 1:
        raise OngeldigVerzoek("pagina moet 1 of hoger zijn")
    if isinstance(paginagrootte, bool) or not isinstance(paginagrootte, int) \
            or not 1 <= paginagrootte <= MAX_PAGINAGROOTTE:
        raise OngeldigVerzoek(f"paginagrootte moet tussen 1 en {MAX_PAGINAGROOTTE} liggen")
    voorwaarden = _voorwaarden(f)
    totaal = int(sessie.scalar(select(func.count()).select_from(Mutatie).where(*voorwaarden)) or 0)
    rijen = sessie.execute(
        select(Mutatie.id, Mutatie.tijdstip, _GEBRUIKER_SQL.label("gebruiker"), Mutatie.gebruiker_id,
               Wijk.naam.label("wijk"), Wijk.slug.label("wijk_slug"), Mutatie.entiteit, Mutatie.entiteit_id,
               Mutatie.actie, Mutatie.versie, Mutatie.oud, Mutatie.nieuw, Evaluatie.jaar)
        .outerjoin(Gebruiker, Gebruiker.id == Mutatie.gebruiker_id)
        .outerjoin(Wijk, Wijk.id == Mutatie.wijk_id)
        .outerjoin(Evaluatie, and_(Mutatie.entiteit == "evaluatie", Evaluatie.id == Mutatie.entiteit_id))
        .where(*voorwaarden)
        .order_by(*_volgorde(sortering), Mutatie.id.desc())
        .offset((pagina - 1) * paginagrootte)
        .limit(paginagrootte)
    ).all()
    return [
        DossierRij(
            id=r.id, tijdstip=r.tijdstip, gebruiker=r.gebruiker or "onbekend", gebruiker_id=r.gebruiker_id,
            wijk=r.wijk, wijk_slug=r.wijk_slug, entiteit=r.entiteit, entiteit_id=r.entiteit_id, actie=r.actie,
            versie=r.versie, oud=r.oud if isinstance(r.oud, dict) else {},
            nieuw=r.nieuw if isinstance(r.nieuw, dict) else {}, jaar=r.jaar,
        )
        for r in rijen
    ], totaal
