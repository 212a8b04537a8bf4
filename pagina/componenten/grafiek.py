"""Grafiek met titel en tabelalternatief ("Toon als tabel"), voor elke grafiek in het dashboard.

De titel is tekst boven de grafiek (een kop, dus ook voor schermlezers), de grafiek krijgt de
Nederlandse Plotly-config met een PNG-export onder een Nederlandse bestandsnaam, en de tabel staat
in een uitklapbaar ``<details>``-blok: met toetsenbord te openen, zonder callback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.thema import grafiek_config
from datalaag.opmaak import formatteer_datum


def bestandsnaam(*delen: str | int | None, datum: dt.date | None = None) -> str:
    """Nederlandse bestandsnaam voor een export: ``ambitiescores_kerkelanden_27-11-2026``."""
    tekst = "_".join(str(d) for d in delen if d not in (None, ""))
    tekst = re.sub(r"[^0-9A-Za-z\-]+", "_", tekst.lower()).strip("_")
    return f"{tekst}_{formatteer_datum(datum or dt.date.today())}"


def maak_tabel(kolommen: Sequence[str], rijen: Sequence[Sequence[Any]], id_: str | None = None,
               opmaak: Sequence[Callable[[Any], str] | None] | None = None) -> dbc.Table:
    """Eenvoudige, toegankelijke tabel. ``opmaak`` geeft per kolom een formatter (of None: str)."""
    opmaak = opmaak or [None] * len(kolommen)

    def cel(waarde: Any, f: Callable[[Any], str] | None) -> str:
        if waarde is None:
            return "–"
        return f(waarde) if f else str(waarde)

    kop = html.Thead(html.Tr([html.Th(k, scope="col") for k in kolommen]))
    body = html.Tbody([html.Tr([html.Td(cel(w, f)) for w, f in zip(rij, opmaak, strict=True)]) for rij in rijen])
    kwargs = {"id": id_} if id_ else {}
    return dbc.Table([kop, body], bordered=False, striped=True, hover=True, size="sm", className="mb-0", **kwargs)


def maak_grafiek(id_: str, titel: str, figuur: go.Figure, tabel: dbc.Table, export_naam: str,
                 toelichting: str | None = None, hoogte: int | None = None) -> html.Section:
    """Een grafiek met kop, optionele toelichting, en de tabel als alternatief eronder."""
    titel_id = f"{id_}-titel"
    if hoogte:
        figuur.update_layout(height=hoogte)
    figuur.update_layout(title=None)
    onderdelen: list[Any] = [html.H3(titel, id=titel_id, className="h5")]
    if toelichting:
        onderdelen.append(html.P(toelichting, className="small text-body-secondary"))
    onderdelen += [
        dcc.Graph(id=id_, figure=figuur, config=grafiek_config(export_naam)),
        html.Details(
            [html.Summary("Toon als tabel", className="small"), html.Div(tabel, className="table-responsive mt-2")],
            className="grafiek-tabel mt-1",
        ),
    ]
    return html.Section(onderdelen, className="grafiek", **{"aria-labelledby": titel_id})
