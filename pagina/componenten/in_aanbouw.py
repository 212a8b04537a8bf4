"""Melding voor een pagina die nog niet gebouwd is: eerlijk zeggen wat er komt."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def maak_in_aanbouw(titel: str, wat_komt: str) -> html.Div:
    return html.Div(
        [
            html.H1(titel),
            dbc.Alert(
                [
                    html.Strong("Deze pagina is nog niet gebouwd. "),
                    f"Hier komt: {wat_komt}",
                ],
                color="secondary",
                className="mt-3",
            ),
            html.P(html.A("Terug naar het overzicht", href="/")),
        ]
    )
