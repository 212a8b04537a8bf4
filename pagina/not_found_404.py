"""Pagina voor een onbekend adres."""

import dash
from dash import html

dash.register_page(__name__, title="Niet gevonden · Wijkaanpak Almelo")


def layout(**_kwargs):
    return html.Div(
        [
            html.H1("Pagina niet gevonden"),
            html.P("Dit adres bestaat niet in het wijkaanpak-dashboard."),
            html.P(html.A("Naar het overzicht", href="/")),
        ]
    )
