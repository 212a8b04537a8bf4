"""De schil om elke pagina: overslaglink, navigatie met elke route, demo-banner en voettekst."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.config import Config

# (label, pad) — de routes van shared/DESIGN.md die in het menu staan.
MENU: list[tuple[str, str]] = [
    ("Overzicht", "/"),
    ("Vergelijk", "/vergelijk"),
    ("Indicatoren", "/indicatoren"),
    ("Budget", "/budget"),
    ("Projecten", "/projecten"),
    ("Meldingen", "/meldingen"),
    ("Toezeggingen", "/toezeggingen"),
    ("Invoer", "/invoer"),
    ("Rapportage", "/rapport/stad"),
    ("Presentatie", "/presentatie"),
    ("Dossier", "/dossier"),
]


def maak_navigatie() -> dbc.Navbar:
    links = [
        dbc.NavItem(dbc.NavLink(label, href=pad, active="exact" if pad == "/" else "partial"))
        for label, pad in MENU
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Wijkaanpak Almelo", href="/", className="fw-semibold"),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="shell-menu-knop",
                    n_clicks=0,
                    className="navbar-toggler",
                    type="button",
                    **{"aria-label": "Menu openen of sluiten", "aria-controls": "shell-menu"},
                ),
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-auto"),
                        dbc.Nav([dbc.NavItem(dbc.NavLink("Inloggen", href="/login"))], navbar=True),
                    ],
                    id="shell-menu",
                    navbar=True,
                    is_open=False,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="xxl",
        className="shell-nav",
    )


def maak_demo_banner() -> html.Div:
    return html.Div(
        [
            html.Strong("Demonstratiegegevens. "),
            "Alle cijfers, namen en meldingen in deze omgeving zijn verzonnen en dienen alleen als voorbeeld.",
        ],
        className="demo-banner",
        role="note",
        id="shell-demo-banner",
    )


def maak_shell(config: Config) -> html.Div:
    return html.Div(
        [
            html.A("Naar de inhoud", href="#inhoud", className="visually-hidden-focusable skip-link"),
            html.Header([maak_navigatie(), maak_demo_banner() if config.is_demo else None]),
            html.Main(dbc.Container(dash.page_container, fluid=True, className="py-3"), id="inhoud", tabIndex="-1"),
            html.Footer(
                dbc.Container(
                    "Gemeente Almelo · Wijkaanpak volgens de notitie \u201cDe ideale wijkaanpak\u201d (6-12-2007)",
                    fluid=True,
                ),
                className="shell-voet",
            ),
        ]
    )


@dash.callback(
    dash.Output("shell-menu", "is_open"),
    dash.Input("shell-menu-knop", "n_clicks"),
    dash.State("shell-menu", "is_open"),
    prevent_initial_call=True,
)
def _wissel_menu(n_clicks: int, is_open: bool) -> bool:
    return not is_open
