"""Tabel met dash-ag-grid: sorteren, filteren, Nederlandse teksten en export naar CSV en Excel.

Gebruik in een pagina::

    KOLOMMEN = [Kolom("wijk", "Wijk"), Kolom("bedrag", "Bedrag", "bedrag")]
    registreer_export("budget-uitgaven", lambda query: (KOLOMMEN, rijen_voor(query)), "uitgaven")
    maak_grid("budget-uitgaven", KOLOMMEN, rijen)

De export draait op de server en haalt de rijen opnieuw op met de filters uit de URL
(``query`` = de querystring als dict), dus de download bevat alle gefilterde rijen — niet
alleen de zichtbare pagina — en staat los van wat de browser meestuurt.

Grote tabellen (duizenden tot miljoenen rijen) pagineren op de server::

    registreer_paginering("meldingen-lijst", rijen_functie, kolommen=KOLOMMEN, naam="meldingen")
    maak_grid_serverzijdig("meldingen-lijst", KOLOMMEN)

AG Grid vraagt met ``rowModelType="infinite"`` telkens één blok rijen op (``getRowsRequest``:
``startRow``, ``endRow``, ``sortModel``, ``filterModel``); de callback roept
``rijen_functie(query, start, eind, sortering, filters) -> (rijen, totaal)`` aan met
``sortering = [(veld, "asc"|"desc"), ...]`` en het filtermodel van AG Grid zoals het binnenkomt.
De datalaag vertaalt die naar SQL via een vaste lijst kolommen (nooit tekst in de SQL plakken) en
geeft bij een onbekende kolom een ``ValueError``: de grid toont dan geen rijen. De export van zo'n
grid volgt dezelfde filters en sortering (ook die in de kolomkoppen) en bevat hooguit
``max_export`` rijen (standaard 100.000); is er meer, dan zegt een melding naast de knoppen dat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import dash
import dash_ag_grid as dag
from dash import MATCH, Input, Output, State, dcc, html

from dashboard.export import Kolom, naar_csv, naar_excel
from datalaag.opmaak import formatteer_getal
from pagina.componenten.grafiek import bestandsnaam

# Nederlandse teksten van AG Grid (de meest zichtbare).
AG_GRID_NL = {
    "page": "Pagina", "of": "van", "to": "tot", "more": "meer", "next": "Volgende", "last": "Laatste",
    "first": "Eerste", "previous": "Vorige", "loadingOoo": "Laden...", "noRowsToShow": "Geen rijen",
    "pageSizeSelectorLabel": "Rijen per pagina:", "filterOoo": "Filter...", "equals": "Gelijk aan",
    "notEqual": "Niet gelijk aan", "blank": "Leeg", "notBlank": "Niet leeg", "empty": "Kies er een",
    "lessThan": "Kleiner dan", "greaterThan": "Groter dan", "lessThanOrEqual": "Kleiner dan of gelijk aan",
    "greaterThanOrEqual": "Groter dan of gelijk aan", "inRange": "Tussen", "inRangeStart": "van",
    "inRangeEnd": "tot", "contains": "Bevat", "notContains": "Bevat niet", "startsWith": "Begint met",
    "endsWith": "Eindigt op", "dateFormatOoo": "dd-mm-jjjj", "before": "Voor", "after": "Na",
    "andCondition": "EN", "orCondition": "OF", "applyFilter": "Toepassen", "resetFilter": "Herstellen",
    "clearFilter": "Wissen", "cancelFilter": "Annuleren", "selectAll": "(Alles selecteren)",
    "searchOoo": "Zoeken...", "noMatches": "Geen overeenkomsten", "sortAscending": "Oplopend sorteren",
    "sortDescending": "Aflopend sorteren", "ariaPageSizeSelectorLabel": "Rijen per pagina",
    "ariaFilterInput": "Filterinvoer", "ariaFilterValue": "Filterwaarde", "ariaSearch": "Zoeken",
    "ariaRowPageSize": "Rijen per pagina", "columns": "Kolommen", "filters": "Filters",
    "firstPage": "Eerste pagina", "previousPage": "Vorige pagina", "nextPage": "Volgende pagina",
    "lastPage": "Laatste pagina", "pageLastRowUnknown": "?",
}

_FORMATTER = {
    "getal": "nlGetal(params.value, 0)",
    "getal1": "nlGetal(params.value, 1)",
    "getal2": "nlGetal(params.value, 2)",
    "bedrag": "nlBedrag(params.value)",
    "procent": "nlProcent(params.value)",
    "datum": "nlDatum(params.value)",
}
_FILTER = {"tekst": "agTextColumnFilter", "datum": "agTextColumnFilter"}


@dataclass(frozen=True, slots=True)
class Export:
    rijen: Callable[[Mapping[str, str]], Sequence[Mapping[str, Any]]]
    kolommen: Sequence[Kolom]
    naam: str


_EXPORTS: dict[str, Export] = {}


def registreer_export(grid_id: str, kolommen: Sequence[Kolom],
                      rijen: Callable[[Mapping[str, str]], Sequence[Mapping[str, Any]]], naam: str) -> None:
    """Koppel een grid aan de functie die de (gefilterde) rijen voor de export ophaalt."""
    _EXPORTS[grid_id] = Export(rijen, kolommen, naam)


def kolomdefinities(kolommen: Sequence[Kolom],
                    kolomopties: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """AG Grid-kolommen; ``kolomopties`` vult per veld aan (bijv. ``cellClassRules``, ``filter: False``)."""
    defs = []
    for k in kolommen:
        d: dict[str, Any] = {"field": k.veld, "headerName": k.kop,
                             "filter": _FILTER.get(k.soort, "agNumberColumnFilter")}
        if k.soort in _FORMATTER:
            d["valueFormatter"] = {"function": _FORMATTER[k.soort]}
            if k.soort != "datum":
                d["type"] = "rightAligned"
        if k.breedte:
            d["width"] = k.breedte
        d.update((kolomopties or {}).get(k.veld, {}))
        defs.append(d)
    return defs


def maak_grid(grid_id: str, kolommen: Sequence[Kolom], rijen: Sequence[Mapping[str, Any]], *,
              hoogte: int = 460, paginagrootte: int = 25, export: bool = True,
              extra_opties: Mapping[str, Any] | None = None,
              kolomopties: Mapping[str, Mapping[str, Any]] | None = None,
              grid_props: Mapping[str, Any] | None = None) -> html.Div:
    """AG Grid met Nederlandse teksten en opmaak, plus knoppen voor CSV- en Excel-export.
    ``grid_props``: extra eigenschappen van ``dag.AgGrid`` (bijv. ``rowClassRules``)."""
    grid = dag.AgGrid(
        id=grid_id,
        columnDefs=kolomdefinities(kolommen, kolomopties),
        rowData=list(rijen),
        defaultColDef={"sortable": True, "resizable": True, "floatingFilter": False, "minWidth": 90},
        columnSize="responsiveSizeToFit",
        dashGridOptions={
            "localeText": AG_GRID_NL,
            "pagination": True,
            "paginationPageSize": paginagrootte,
            "paginationPageSizeSelector": [25, 50, 100],
            "animateRows": False,
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
            **(extra_opties or {}),
        },
        style={"height": f"{hoogte}px", "width": "100%"},
        className="ag-theme-quartz",
        **(grid_props or {}),
    )
    knoppen = []
    if export:
        # De toegankelijke naam zegt welke tabel het is (een pagina heeft soms meer grids).
        wat = _EXPORTS[grid_id].naam.replace("_", " ") if grid_id in _EXPORTS else "tabel"
        knoppen = [
            html.Div(
                [
                    html.Button("Download CSV", id={"type": "grid-export-csv", "grid": grid_id},
                                className="btn btn-outline-secondary btn-sm", type="button",
                                **{"aria-label": f"Download CSV: {wat}"}),
                    html.Button("Download Excel", id={"type": "grid-export-xlsx", "grid": grid_id},
                                className="btn btn-outline-secondary btn-sm", type="button",
                                **{"aria-label": f"Download Excel: {wat}"}),
                    dcc.Download(id={"type": "grid-download", "grid": grid_id}),
                ],
                className="d-flex gap-2 mb-2 justify-content-end",
            )
        ]
    return html.Div(knoppen + [grid], className="grid-blok")


def _query_uit_search(search: str | None) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}


@dash.callback(
    Output({"type": "grid-download", "grid": MATCH}, "data"),
    Input({"type": "grid-export-csv", "grid": MATCH}, "n_clicks"),
    Input({"type": "grid-export-xlsx", "grid": MATCH}, "n_clicks"),
    State("_pages_location", "search"),
    prevent_initial_call=True,
)
def _exporteer(_csv: int | None, _xlsx: int | None, search: str | None):
    bron = dash.ctx.triggered_id
    if not isinstance(bron, dict) or bron.get("grid") not in _EXPORTS:
        return dash.no_update
    export = _EXPORTS[bron["grid"]]
    query = _query_uit_search(search)
    rijen = export.rijen(query)
    naam = bestandsnaam(export.naam, wijk=query.get("wijk"), jaar=query.get("jaar"), datum=dt.date.today())
    if bron["type"] == "grid-export-csv":
        return dcc.send_bytes(naar_csv(export.kolommen, rijen), f"{naam}.csv")
    return dcc.send_bytes(naar_excel(export.kolommen, rijen, export.naam), f"{naam}.xlsx")


# --------------------------------------------------------------------------- paginering op de server

#: Hooguit zoveel rijen per verzoek van de grid (een blok); grotere verzoeken worden ingekort.
MAX_BLOK = 500
#: Standaard maximum aantal rijen in een export van een grid die op de server pagineert.
MAX_EXPORT = 100_000

RijenFunctie = Callable[
    [Mapping[str, str], int, int, Sequence[tuple[str, str]], Mapping[str, Any]],
    tuple[Sequence[Mapping[str, Any]], int],
]


@dataclass(frozen=True, slots=True)
class Paginering:
    functie: RijenFunctie
    kolommen: Sequence[Kolom] | None
    naam: str | None
    max_export: int
    export_rij: Callable[[dict[str, Any]], Mapping[str, Any]] | None = None


_PAGINERINGEN: dict[str, Paginering] = {}


def sortering_uit_model(sort_model: Any) -> list[tuple[str, str]]:
    """AG Grid's ``sortModel`` (``[{"colId": ..., "sort": "asc"}]``) als ``[(veld, richting)]``.
    De velden worden hier niet gecontroleerd; dat doet de datalaag tegen haar eigen lijst."""
    uit: list[tuple[str, str]] = []
    for deel in sort_model or []:
        if isinstance(deel, Mapping) and isinstance(deel.get("colId"), str):
            uit.append((deel["colId"], str(deel.get("sort"))))
    return uit


def _json_waarde(waarde: Any) -> Any:
    if isinstance(waarde, (dt.date, dt.datetime)):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return float(waarde)
    return waarde


def _als_dict(rij: Any) -> dict[str, Any]:
    if is_dataclass(rij) and not isinstance(rij, type):
        rij = {f.name: getattr(rij, f.name) for f in fields(rij)}
    return {k: _json_waarde(v) for k, v in dict(rij).items()}


def blok_rijen(grid_id: str, query: Mapping[str, str], verzoek: Mapping[str, Any] | None) -> dict[str, Any]:
    """Het antwoord op één ``getRowsRequest`` (los van Dash te testen)."""
    paginering = _PAGINERINGEN[grid_id]
    verzoek = verzoek or {}
    try:
        start = max(0, int(verzoek.get("startRow") or 0))
        eind = min(max(start, int(verzoek.get("endRow") or 0)), start + MAX_BLOK)
        filters = verzoek.get("filterModel") or {}
        if not isinstance(filters, Mapping):
            raise ValueError("filterModel is geen object")
        rijen, totaal = paginering.functie(query, start, eind, sortering_uit_model(verzoek.get("sortModel")), filters)
    except (TypeError, ValueError):
        return {"rowData": [], "rowCount": 0}
    return {"rowData": [_als_dict(r) for r in rijen], "rowCount": int(totaal)}


def registreer_paginering(grid_id: str, functie: RijenFunctie, *, kolommen: Sequence[Kolom] | None = None,
                          naam: str | None = None, max_export: int = MAX_EXPORT,
                          export_rij: Callable[[dict[str, Any]], Mapping[str, Any]] | None = None) -> None:
    """Koppel een grid van :func:`maak_grid_serverzijdig` aan zijn rijenfunctie. Met ``kolommen``
    en ``naam`` krijgt de grid ook een export (CSV en Excel) van alle gefilterde rijen;
    ``export_rij`` zet een rij desgewenst om voor de export (bijv. codes → Nederlandse labels)."""
    al_geregistreerd = grid_id in _PAGINERINGEN
    _PAGINERINGEN[grid_id] = Paginering(functie, kolommen, naam, max_export, export_rij)
    if al_geregistreerd:
        return

    @dash.callback(
        Output(grid_id, "getRowsResponse"),
        Input(grid_id, "getRowsRequest"),
        State("_pages_location", "search"),
        prevent_initial_call=True,
    )
    def _rijen(verzoek: dict | None, search: str | None):
        if not verzoek:
            return dash.no_update
        return blok_rijen(grid_id, _query_uit_search(search), verzoek)

    if kolommen is None or naam is None:
        return

    @dash.callback(
        Output(f"{grid_id}-download", "data"),
        Output(f"{grid_id}-exportmelding", "children"),
        Input(f"{grid_id}-csv", "n_clicks"),
        Input(f"{grid_id}-xlsx", "n_clicks"),
        State(grid_id, "getRowsRequest"),
        State("_pages_location", "search"),
        prevent_initial_call=True,
    )
    def _exporteer_serverzijdig(_csv: int | None, _xlsx: int | None, verzoek: dict | None, search: str | None):
        p = _PAGINERINGEN[grid_id]
        query = _query_uit_search(search)
        verzoek = verzoek or {}
        filters = verzoek.get("filterModel") or {}
        try:
            rijen, totaal = p.functie(query, 0, p.max_export, sortering_uit_model(verzoek.get("sortModel")),
                                      filters if isinstance(filters, Mapping) else {})
        except (TypeError, ValueError):
            return dash.no_update, "De export is mislukt: de filters in de tabel zijn ongeldig. Wis ze en probeer opnieuw."
        melding = ""
        if totaal > p.max_export:
            melding = (f"Let op: {formatteer_getal(totaal)} rijen voldoen aan de filters; de export bevat de eerste "
                       f"{formatteer_getal(p.max_export)}. Filter verder om de rest te krijgen.")
        rijen = [_als_dict(r) for r in rijen]
        if p.export_rij:
            rijen = [p.export_rij(r) for r in rijen]
        bestand = bestandsnaam(p.naam or "tabel", wijk=query.get("wijk"), jaar=query.get("jaar"),
                               datum=dt.date.today())
        kolommen_ = p.kolommen or []
        if dash.ctx.triggered_id == f"{grid_id}-csv":
            return dcc.send_bytes(naar_csv(kolommen_, rijen), f"{bestand}.csv"), melding
        return dcc.send_bytes(naar_excel(kolommen_, rijen, p.naam or "Gegevens"), f"{bestand}.xlsx"), melding


def maak_grid_serverzijdig(grid_id: str, kolommen: Sequence[Kolom], *, hoogte: int = 560, paginagrootte: int = 50,
                           export: bool = True, max_export: int = MAX_EXPORT,
                           kolomopties: Mapping[str, Mapping[str, Any]] | None = None,
                           extra_opties: Mapping[str, Any] | None = None,
                           grid_props: Mapping[str, Any] | None = None) -> html.Div:
    """AG Grid die zijn rijen per pagina van de server haalt (``rowModelType="infinite"``), met
    Nederlandse teksten, sorteren en filteren in SQL, en knoppen voor CSV- en Excel-export.
    Registreer de rijenfunctie met :func:`registreer_paginering`. ``grid_props``: extra eigenschappen van
    ``dag.AgGrid`` (bijv. ``rowClassRules``); let op: een rij die nog laadt heeft geen ``params.data``, en
    alle rijen zijn even hoog (het infinite-model kent geen ``autoHeight``: zet ``rowHeight`` in
    ``extra_opties``)."""
    kolomdefs = kolomdefinities(kolommen, kolomopties)
    for d, k in zip(kolomdefs, kolommen, strict=True):
        # Brede tabel: liever horizontaal scrollen dan afgekapte kolommen.
        if k.breedte:
            d.setdefault("minWidth", k.breedte)
    grid = dag.AgGrid(
        id=grid_id,
        columnDefs=kolomdefs,
        rowModelType="infinite",
        defaultColDef={"sortable": True, "resizable": True, "floatingFilter": False, "minWidth": 90,
                       "wrapHeaderText": True, "autoHeaderHeight": True,
                       "filterParams": {"maxNumConditions": 2, "buttons": ["apply", "reset"], "closeOnApply": True}},
        columnSize="responsiveSizeToFit",
        dashGridOptions={
            "localeText": AG_GRID_NL,
            "pagination": True,
            "paginationPageSize": paginagrootte,
            "paginationPageSizeSelector": False,
            "cacheBlockSize": paginagrootte,
            "maxBlocksInCache": 20,
            "infiniteInitialRowCount": paginagrootte,
            "animateRows": False,
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
            **(extra_opties or {}),
        },
        style={"height": f"{hoogte}px", "width": "100%"},
        className="ag-theme-quartz",
        **(grid_props or {}),
    )
    onderdelen: list[Any] = []
    if export:
        onderdelen.append(
            html.Div(
                [
                    html.P(
                        f"De export bevat alle rijen die aan de filters voldoen (ook die in de kolomkoppen), "
                        f"tot {formatteer_getal(max_export)} rijen.",
                        className="small text-body-secondary mb-0 me-auto",
                    ),
                    html.Button("Download CSV", id=f"{grid_id}-csv", className="btn btn-outline-secondary btn-sm",
                                type="button", **{"aria-label": f"Download CSV: {_wat(grid_id)}"}),
                    html.Button("Download Excel", id=f"{grid_id}-xlsx", className="btn btn-outline-secondary btn-sm",
                                type="button", **{"aria-label": f"Download Excel: {_wat(grid_id)}"}),
                    dcc.Download(id=f"{grid_id}-download"),
                ],
                className="d-flex flex-wrap align-items-center gap-2 mb-2",
            )
        )
        onderdelen.append(html.P(id=f"{grid_id}-exportmelding", className="small status-achter mb-1",
                                 role="status"))
    return html.Div(onderdelen + [grid], className="grid-blok")


def _wat(grid_id: str) -> str:
    p = _PAGINERINGEN.get(grid_id)
    return p.naam.replace("_", " ") if p and p.naam else "tabel"


def brede_kolommen(kolommen: Sequence[Kolom], extra: Mapping[str, Mapping[str, Any]] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """``kolomopties`` voor brede tabellen: kolommen niet smaller dan hun breedte (dan scrolt de tabel
    horizontaal) en koppen die afbreken in plaats van afgekapt te worden; ``extra`` vult per veld aan."""
    opties = {k.veld: {"minWidth": k.breedte or 110, "wrapHeaderText": True, "autoHeaderHeight": True}
              for k in kolommen}
    for veld, o in (extra or {}).items():
        opties[veld] = {**opties[veld], **o}
    return opties
