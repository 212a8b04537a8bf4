"""Export van een gewone tabel (``maak_tabel``, "Toon als tabel", samenvattingstabellen) naar CSV en Excel.

Elke tabel met export krijgt twee kleine knoppen, "CSV" en "Excel", met een toegankelijke naam die
zegt welke tabel het is. De download komt van de server, in dezelfde notatie als de grids
(:mod:`dashboard.export`: ``;``, decimale komma, dd-mm-jjjj, UTF-8 met BOM; Excel met echte getallen
en datums) en onder de Nederlandse bestandsnaam van de tabel (met wijk en datum).

Hoe de server aan de rijen komt, zonder de browser te vertrouwen
-----------------------------------------------------------------
De browser stuurt alleen het adres van de pagina (pad en querystring, zoals bij elke navigatie) en
het id van de tabel. De server bouwt de pagina met die URL opnieuw op — dezelfde ``layout(...)`` die
de pagina toonde, dus dezelfde filters, dezelfde queries en dezelfde rechten — en vangt daarbij de
gegevens van de tabellen op (:func:`verzamel`). Zo is de export altijd gelijk aan de tabel op het
scherm en komt er geen rij uit de browser. Delen die een pagina in een eigen callback vult (zoals de
kaart op het overzicht), registreert die pagina met :func:`registreer_bron`. Een pagina die haar adres
bijwerkt zonder opnieuw op te bouwen (``dcc.Location(refresh=False)``), geeft die Location het id
:func:`adres_id`: anders ziet de export het oude adres.

Invoerpagina's (``/invoer/...``) doen niet mee: hun opbouw hoort niet vanuit een export te draaien.
"""

from __future__ import annotations

import contextvars
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import dash
from dash import ALL, MATCH, Input, Output, State, dcc, html
from dash.development.base_component import Component

from dashboard.export import Kolom, naar_csv, naar_excel

log = logging.getLogger(__name__)

FORMATEN = {"csv": "CSV", "xlsx": "Excel"}
#: Paden die nooit voor een export worden opgebouwd.
UITGESLOTEN_PADEN = ("/invoer",)


@dataclass(frozen=True, slots=True)
class Tabelgegevens:
    """De gegevens achter een tabel: kolommen met Nederlandse kop en soort, rijen als dicts op ``veld``."""

    kolommen: tuple[Kolom, ...]
    rijen: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Tabelexport:
    gegevens: Tabelgegevens
    naam: str  # bestandsnaam zonder extensie, met wijk en datum
    titel: str  # voor het werkblad en de toegankelijke naam


# --------------------------------------------------------------------------- tekst uit onderdelen


def tekst_van(waarde: Any) -> str:
    """De leesbare tekst van een cel: een string, een getal of een Dash-onderdeel (links, labels).
    Delen met ``aria-hidden="true"`` (pictogrammen naast een woord) tellen niet mee."""
    delen: list[str] = []

    def loop(x: Any) -> None:
        if x is None:
            return
        if isinstance(x, Component):
            if getattr(x, "aria-hidden", None) in ("true", True):
                return
            if isinstance(x, html.Br):
                delen.append(" ")
                return
            loop(getattr(x, "children", None))
            return
        if isinstance(x, (list, tuple)):
            for y in x:
                loop(y)
            return
        delen.append(str(x))

    loop(waarde)
    return re.sub(r"\s+", " ", "".join(delen)).strip()


# --------------------------------------------------------------------------- opvangen tijdens opbouwen

_VERZAMELING: contextvars.ContextVar[dict[str, Tabelexport] | None] = contextvars.ContextVar(
    "tabelexport_verzameling", default=None
)


@contextmanager
def verzamel() -> Iterator[dict[str, Tabelexport]]:
    """Binnen dit blok melden tabellen met export hun gegevens (op export-id) in de teruggegeven dict."""
    verzameling: dict[str, Tabelexport] = {}
    token = _VERZAMELING.set(verzameling)
    try:
        yield verzameling
    finally:
        _VERZAMELING.reset(token)


def _meld(export_id: str, export: Tabelexport) -> None:
    verzameling = _VERZAMELING.get()
    if verzameling is not None:
        verzameling[export_id] = export


_BRONNEN: dict[str, Callable[[Mapping[str, Any]], Any]] = {}


def registreer_bron(export_id: str, bouw: Callable[[Mapping[str, Any]], Any]) -> None:
    """Voor een tabel die niet in ``layout(...)`` staat maar door een callback wordt gevuld: ``bouw(query)``
    bouwt dat deel opnieuw op uit de URL (``query`` = padvariabelen en querystring)."""
    _BRONNEN[export_id] = bouw


# --------------------------------------------------------------------------- onderdelen


def exportknoppen(export_id: str, titel: str) -> html.Div:
    """"Download tabel: [CSV] [Excel]" — klein, rechts boven de tabel; de knoppen noemen de tabel."""
    knoppen: list[Any] = [html.Span("Download tabel:", className="small text-body-secondary me-1")]
    for formaat, label in FORMATEN.items():
        knoppen.append(
            html.Button(
                label,
                id={"type": f"tabel-{formaat}", "tabel": export_id},
                type="button",
                className="btn btn-outline-secondary btn-sm py-0 px-2",
                **{"aria-label": f"Download {label}: {titel}"},
            )
        )
    knoppen += [
        dcc.Download(id={"type": "tabel-download", "tabel": export_id}),
        html.Span(id={"type": "tabel-exportmelding", "tabel": export_id}, role="status",
                  className="small status-ver-achter ms-1"),
    ]
    return html.Div(knoppen, className="tabel-export d-flex flex-wrap align-items-center justify-content-end gap-1 mb-1")


def met_export(tabel: Any, export_id: str, naam: str, titel: str, gegevens: Tabelgegevens | None = None) -> html.Div:
    """Zet exportknoppen boven ``tabel``. ``gegevens``: de rijen voor de export; zonder die gegevens
    komen ze uit de tabel zelf (zoals :func:`pagina.componenten.grafiek.maak_tabel` ze bewaart)."""
    gegevens = gegevens or tabelgegevens(tabel)
    if gegevens is None:
        raise ValueError(f"tabel {export_id!r} heeft geen gegevens voor de export")
    _meld(export_id, Tabelexport(gegevens, naam, titel))
    return html.Div([exportknoppen(export_id, titel), tabel], className="tabel-met-export")


_ATTRIBUUT = "_tabelgegevens"


def bewaar_gegevens(tabel: Component, gegevens: Tabelgegevens) -> Component:
    """Hang de gegevens aan het onderdeel (geen prop: ze gaan niet naar de browser)."""
    setattr(tabel, _ATTRIBUUT, gegevens)
    return tabel


def tabelgegevens(tabel: Any) -> Tabelgegevens | None:
    return getattr(tabel, _ATTRIBUUT, None)


# --------------------------------------------------------------------------- export op de server


class ExportFout(Exception):
    """De export kan niet: de tekst zegt in het Nederlands wat de gebruiker kan doen."""


def _pagina_voor(pad: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    from dash._pages import _path_to_page

    app = dash.get_app()
    pagina, variabelen = _path_to_page(app.strip_relative_path(pad or "/") or "")
    return pagina, variabelen or {}


def zoek_tabel(export_id: str, pad: str | None, search: str | None,
               pagina_voor: Callable[[str | None], tuple[dict[str, Any], dict[str, str]]] = _pagina_voor
               ) -> Tabelexport:
    """Bouw de pagina op ``pad`` + ``search`` opnieuw op en geef de tabel ``export_id``."""
    from dash._pages import _parse_query_string

    pagina, variabelen = pagina_voor(pad)
    if not pagina or str(pagina.get("path", "")).startswith(UITGESLOTEN_PADEN):
        raise ExportFout("Deze pagina heeft geen tabellen om te downloaden.")
    # Zelfde volgorde als de router van Dash: de querystring na de padvariabelen.
    query = {**variabelen, **_parse_query_string(search or "")}
    with verzamel() as gevonden:
        try:
            layout = pagina.get("layout")
            if callable(layout):
                layout(**query)
            if export_id not in gevonden and export_id in _BRONNEN:
                _BRONNEN[export_id](query)
        except Exception as fout:  # de pagina zelf kon dan ook niet worden opgebouwd
            log.exception("export van tabel %s op %s mislukt", export_id, pad)
            raise ExportFout("De tabel kon niet worden opgebouwd. Herlaad de pagina en probeer het opnieuw.") from fout
    if export_id not in gevonden:
        raise ExportFout("Deze tabel staat niet (meer) op de pagina. Herlaad de pagina en probeer het opnieuw.")
    return gevonden[export_id]


def bestand(export: Tabelexport, formaat: str) -> tuple[bytes, str]:
    """(inhoud, bestandsnaam) van de export als ``csv`` of ``xlsx``."""
    kolommen, rijen = export.gegevens.kolommen, export.gegevens.rijen
    if formaat == "csv":
        return naar_csv(kolommen, rijen), f"{export.naam}.csv"
    if formaat == "xlsx":
        return naar_excel(kolommen, rijen, _werkblad(export.titel)), f"{export.naam}.xlsx"
    raise ValueError(f"onbekend formaat {formaat!r}")


def _werkblad(titel: str) -> str:
    """Excel verbiedt ``[]:*?/\\`` in de naam van een werkblad en staat hooguit 31 tekens toe."""
    return re.sub(r"\s+", " ", re.sub(r"[\[\]:*?/\\]", " ", titel)).strip()[:31].strip() or "Gegevens"


def adres_id(pagina: str) -> dict[str, str]:
    """Het id voor de ``dcc.Location(refresh=False)`` van een pagina die haar adres bijwerkt zonder opnieuw
    op te bouwen (zoals /vergelijk). Zo'n Location laat ``_pages_location`` ongemoeid (Dash stuurt dan
    geen gebeurtenis), dus de export leest het adres dan uit deze Location."""
    return {"type": "pagina-adres", "pagina": pagina}


def huidig_adres(pad: str | None, search: str | None, paden: Sequence[str | None],
                 searches: Sequence[str | None]) -> tuple[str | None, str | None]:
    """Het adres in de adresbalk: dat van een :func:`adres_id`-Location als de pagina er een heeft."""
    if paden:
        return paden[0] or pad, searches[0] if searches else search
    return pad, search


@dash.callback(
    Output({"type": "tabel-download", "tabel": MATCH}, "data"),
    Output({"type": "tabel-exportmelding", "tabel": MATCH}, "children"),
    Input({"type": "tabel-csv", "tabel": MATCH}, "n_clicks"),
    Input({"type": "tabel-xlsx", "tabel": MATCH}, "n_clicks"),
    State("_pages_location", "pathname"),
    State("_pages_location", "search"),
    State(adres_id(ALL), "pathname"),
    State(adres_id(ALL), "search"),
    prevent_initial_call=True,
)
def _download(_csv: int | None, _xlsx: int | None, pad: str | None, search: str | None,
              paden: list[str | None], searches: list[str | None]):
    bron = dash.ctx.triggered_id
    if not isinstance(bron, Mapping) or not isinstance(bron.get("tabel"), str):
        return dash.no_update, dash.no_update
    formaat = "csv" if bron.get("type") == "tabel-csv" else "xlsx"
    pad, search = huidig_adres(pad, search, paden, searches)
    try:
        export = zoek_tabel(bron["tabel"], pad, search)
    except ExportFout as fout:
        return dash.no_update, str(fout)
    inhoud, naam = bestand(export, formaat)
    return dcc.send_bytes(inhoud, naam), ""


def gegevens_uit(kolommen: Sequence[Kolom], rijen: Sequence[Mapping[str, Any]]) -> Tabelgegevens:
    return Tabelgegevens(tuple(kolommen), tuple(rijen))
