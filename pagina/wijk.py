"""``/wijk/<slug>``: de wijk en haar plan. De volledige drill-down volgt; nu de kop van de wijk."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.database import lees_sessie
from datalaag.wijken import wijk_kop

dash.register_page(__name__, path_template="/wijk/<slug>", title="Wijk · Wijkaanpak Almelo")


def layout(slug: str | None = None, ambitie: str | None = None, **_query):
    with lees_sessie() as sessie:
        kop = wijk_kop(sessie, slug or "")
    if kop is None:
        return html.Div(
            [
                html.H1("Wijk niet gevonden"),
                html.P(f"Er is geen wijk met het adres \u201c{slug}\u201d."),
                html.P(html.A("Naar het overzicht", href="/")),
            ]
        )
    return html.Div(
        [
            html.H1(kop.naam, id="wijk-titel"),
            html.P(f"Stadsdeel {kop.stadsdeel} · werkwijze: {kop.werkwijze} ({kop.werkwijze_code})", id="wijk-kop"),
            dbc.Alert(
                [
                    html.Strong("De uitgebreide wijkpagina is nog niet gebouwd. "),
                    "Hier komen het wijkplan en zijn levenscyclus, de regiegroep, de bewonersinbreng en per ambitie "
                    "de scores, doelstellingen met trends en de maatregelen"
                    + (f" (gekozen: ambitie {ambitie})." if ambitie else "."),
                ],
                color="secondary",
            ),
            html.P(html.A("Terug naar het overzicht", href="/")),
        ]
    )
