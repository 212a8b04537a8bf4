"""Tabel met dash-ag-grid: sorteren, filteren, Nederlandse teksten en export naar CSV en Excel.

Gebruik in een pagina::

    KOLOMMEN = [Kolom("wijk", "Wijk"), Kolom("bedrag", "Bedrag", "bedrag")]
    registreer_export("budget-uitgaven", lambda query: (KOLOMMEN, rijen_voor(query)), "uitgaven")
    maak_grid("budget-uitgaven", KOLOMMEN, rijen)

De export draait op de server en haalt de rijen opnieuw op met de filters uit de URL
(``query`` = de querystring als dict), dus de download bevat alle gefilterde rijen — niet
alleen de zichtbare pagina — en staat los van wat de browser meestuurt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import dash
import dash_ag_grid as dag
from dash import MATCH, Input, Output, State, dcc, html

from dashboard.export import Kolom, naar_csv, naar_excel
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
}

_FORMATTER = {
    "getal": "nlGetal(params.value, 0)",
    "getal1": "nlGetal(params.value, 1)",
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


def kolomdefinities(kolommen: Sequence[Kolom]) -> list[dict[str, Any]]:
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
        defs.append(d)
    return defs


def maak_grid(grid_id: str, kolommen: Sequence[Kolom], rijen: Sequence[Mapping[str, Any]], *,
              hoogte: int = 460, paginagrootte: int = 25, export: bool = True,
              extra_opties: Mapping[str, Any] | None = None) -> html.Div:
    """AG Grid met Nederlandse teksten en opmaak, plus knoppen voor CSV- en Excel-export."""
    grid = dag.AgGrid(
        id=grid_id,
        columnDefs=kolomdefinities(kolommen),
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
    )
    knoppen = []
    if export:
        knoppen = [
            html.Div(
                [
                    html.Button("Download CSV", id={"type": "grid-export-csv", "grid": grid_id},
                                className="btn btn-outline-secondary btn-sm", type="button"),
                    html.Button("Download Excel", id={"type": "grid-export-xlsx", "grid": grid_id},
                                className="btn btn-outline-secondary btn-sm", type="button"),
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
    naam = bestandsnaam(export.naam, *(query.get(k) for k in ("wijk", "jaar")), datum=dt.date.today())
    if bron["type"] == "grid-export-csv":
        return dcc.send_bytes(naar_csv(export.kolommen, rijen), f"{naam}.csv")
    return dcc.send_bytes(naar_excel(export.kolommen, rijen, export.naam), f"{naam}.xlsx")
