"""De schil om elke pagina: overslaglink, navigatie met elke route, demo-banner en voettekst."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from dashboard.auth import huidige_actor
from dashboard.config import Config
from dashboard.database import storingsmelding
from datalaag.autorisatie import Actor

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
    ("Presentatie", "/presentatie/samenstellen"),
    ("Dossier", "/dossier"),
]
# Alleen wie iets mag invoeren ziet het menu-item Invoer (de rechten zelf bewaakt de datalaag).
# Wie minstens één invoerformulier heeft (de griffie en de wethouder: de toezeggingen).
INVOER_ROLLEN = ("coordinator", "beheerder", "griffie", "wethouder")


def _gebruikersmenu(actor: Actor | None) -> list:
    if actor is None:
        return [dbc.NavItem(dbc.NavLink("Inloggen", href="/login"))]
    return [
        html.Span(
            [html.Span(actor.naam, id="shell-gebruiker-naam"), " · ",
             html.Span(actor.rol_naam, id="shell-gebruiker-rol")],
            # Bij een ingeklapt menu staat dit al als shell-gebruiker-kort naast de menuknop.
            className="navbar-text text-light me-3 d-none d-xxl-inline",
        ),
        html.Form(
            [
                dcc.Input(type="hidden", name="csrf_token", value=generate_csrf(), id="shell-csrf"),
                html.Button("Uitloggen", type="submit", id="shell-uitloggen", className="btn btn-outline-light btn-sm"),
            ],
            action="/logout",
            method="POST",
            className="d-flex",
        ),
    ]


def maak_navigatie(actor: Actor | None = None) -> dbc.Navbar:
    links = [
        dbc.NavItem(dbc.NavLink(label, href=pad, active="exact" if pad == "/" else "partial"))
        for label, pad in MENU
        if pad != "/invoer" or (actor is not None and actor.rol in INVOER_ROLLEN)
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Wijkaanpak Almelo", href="/", className="fw-semibold"),
                # Bij een ingeklapt menu (smaller dan xxl) blijft zichtbaar wie er is aangemeld.
                html.Span(
                    f"{actor.naam} · {actor.rol_naam}", id="shell-gebruiker-kort",
                    className="navbar-text text-light d-xxl-none ms-auto me-3 text-truncate shell-gebruiker-kort",
                ) if actor is not None else None,
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
                        html.Div(_gebruikersmenu(actor), className="d-flex align-items-center"),
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
    """De schil, per verzoek opgebouwd (de navigatie toont wie er is aangemeld)."""
    actor = huidige_actor() if has_request_context() else None
    return html.Div(
        [
            html.A("Naar de inhoud", href="#inhoud", className="visually-hidden-focusable skip-link"),
            html.Header([maak_navigatie(actor), maak_demo_banner() if config.is_demo else None]),
            storingsmelding(),
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
