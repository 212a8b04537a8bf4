"""``/presentatie/samenstellen``: de griffie stelt de presentatie voor het raadsdebat samen.

Onderdelen toevoegen (weergave en eventueel wijk), de volgorde wijzigen, verwijderen en de peildatum
kiezen; de pagina toont de dia's die de presentatie krijgt en bouwt de link
(``/presentatie?agenda=…&peildatum=…``, formaat in :mod:`datalaag.presentatie`) om te kopiëren of
te starten. Er wordt niets opgeslagen: de agenda staat in de link. Ook de URL van deze pagina
houdt de agenda bij (``/presentatie/samenstellen?agenda=…``), zodat Esc in de presentatie hier
terugkomt met dezelfde agenda. Alles is met het toetsenbord te bedienen; na verplaatsen blijft de
focus op het verplaatste onderdeel.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate
from flask import request

from dashboard.database import lees_sessie
from datalaag.opmaak import formatteer_datum, meervoud
from datalaag.presentatie import (
    GEEN,
    MAX_ONDERDELEN,
    VERPLICHT,
    WEERGAVEN,
    Onderdeel,
    dia_titel,
    lees_agenda,
    lees_peildatum,
    presentatie_pad,
    samensteller_pad,
    schrijf_peildatum,
    wijknamen,
)

PREFIX = "presentatie-samenstellen"
STAD = "stad"  # de keuze "hele stad" (een lege waarde toont dbc.Select als placeholder)
#: Waarmee "Standaardagenda" begint: het stadsbeeld dat in bijna elk debat past.
STANDAARDAGENDA = ("overzicht", "heatmap", "toezeggingen", "signalen")
DIAS = "dia's"

dash.register_page(
    __name__,
    path="/presentatie/samenstellen",
    name="Presentatie samenstellen",
    title="Presentatie samenstellen · Wijkaanpak Almelo",
    description="Stel de presentatie voor het raadsdebat samen: onderdelen, volgorde en peildatum.",
)


def _id(naam: str) -> str:
    return f"{PREFIX}-{naam}"


def _knop_id(soort: str, index: int) -> dict[str, Any]:
    return {"type": _id(soort), "index": index}


def _dom_id(soort: str, index: int) -> str:
    """Het id zoals Dash een id-woordenboek in de pagina zet (sleutels gesorteerd, geen spaties)."""
    return json.dumps(_knop_id(soort, index), sort_keys=True, separators=(",", ":"))


def _wijkopties(wijken: dict[str, str], verplicht: bool) -> list[dict[str, str]]:
    opties = [] if verplicht else [{"label": "Hele stad", "value": STAD}]
    return opties + [{"label": naam, "value": slug} for slug, naam in wijken.items()]


def _lijst(onderdelen: list[Onderdeel], wijken: dict[str, str]) -> list[html.Li]:
    laatste = len(onderdelen) - 1
    items = []
    for i, o in enumerate(onderdelen):
        titel = dia_titel(o, wijken)

        def knop(soort: str, tekst: str, icoon: str, uitgeschakeld: bool, kleur: str = "secondary",
                 i: int = i, titel: str = titel) -> html.Button:
            # html.Button (dbc.Button kent geen aria-label): de naam zegt ook wélk onderdeel.
            return html.Button([html.Span(icoon, **{"aria-hidden": "true"}), f" {tekst}"], id=_knop_id(soort, i),
                               n_clicks=0, type="button", disabled=uitgeschakeld,
                               className=f"btn btn-sm btn-outline-{kleur}", **{"aria-label": f"{tekst}: {titel}"})

        items.append(html.Li(
            [
                html.Span([titel, html.Span(f" ({o.code})", className="text-body-secondary small")],
                          className="presentatie-agenda-naam"),
                knop("omhoog", "Omhoog", "▲", i == 0),
                knop("omlaag", "Omlaag", "▼", i == laatste),
                knop("weg", "Verwijderen", "✕", False, "danger"),
            ],
            **{"data-code": o.code},
        ))
    return items


def layout(agenda: Any = None, peildatum: Any = None, **_query):
    vandaag = dt.date.today()
    datum, fout = lees_peildatum(peildatum, vandaag)
    with lees_sessie() as sessie:
        wijken = wijknamen(sessie)
    gelezen = lees_agenda(agenda, wijken)
    waarschuwingen = [*gelezen.fouten, *(f"'{o.tekst}': {o.reden}" for o in gelezen.ongeldige)]
    if fout:
        waarschuwingen.append(fout + " De peildatum is weer op vandaag gezet.")
    eerste = next(iter(WEERGAVEN.values()))
    return html.Div(
        [
            html.H1("Presentatie samenstellen"),
            html.P(
                "Kies de dia's voor het raadsdebat, hun volgorde en de peildatum. Alles staat in de link: bereid "
                "de presentatie vooraf voor en deel de link. Tijdens de presentatie: pijltjes, PageUp/PageDown of "
                "spatie voor de volgende en vorige dia, Home en End voor de eerste en laatste, Esc om te stoppen.",
                className="mb-3", style={"maxWidth": "60rem"},
            ),
            dbc.Alert(
                [html.Strong("Niet alles uit de link kon worden overgenomen:"),
                 html.Ul([html.Li(w) for w in waarschuwingen], className="mb-0 mt-2")],
                color="warning", id=_id("waarschuwing"),
            ) if waarschuwingen else None,
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Section(
                                [
                                    html.H2("Onderdeel toevoegen", id=_id("toevoegen-kop")),
                                    dbc.Row(
                                        [
                                            dbc.Col(html.Label(
                                                [html.Span("Weergave", className="d-block fw-semibold mb-1"),
                                                 dbc.Select(id=_id("weergave"), value=eerste.code,
                                                            options=[{"label": w.naam, "value": w.code}
                                                                     for w in WEERGAVEN.values()])],
                                                className="d-block w-100"), md=6, className="mb-2"),
                                            dbc.Col(html.Label(
                                                [html.Span("Wijk", className="d-block fw-semibold mb-1"),
                                                 dbc.Select(id=_id("wijk"), value=STAD,
                                                            options=_wijkopties(wijken, False),
                                                            disabled=eerste.wijk == GEEN)],
                                                className="d-block w-100"), md=6, className="mb-2"),
                                        ]
                                    ),
                                    html.P(eerste.omschrijving, id=_id("omschrijving"), className="form-text mt-0"),
                                    html.Div(
                                        [
                                            dbc.Button("Toevoegen aan de agenda", id=_id("toevoegen"), n_clicks=0,
                                                       color="primary"),
                                            dbc.Button("Standaardagenda", id=_id("standaard"), n_clicks=0,
                                                       color="secondary", outline=True,
                                                       title="Kerncijfers, ambitiescores per wijk, toezeggingen en "
                                                             "signalen"),
                                            dbc.Button("Alles verwijderen", id=_id("leeg"), n_clicks=0,
                                                       color="danger", outline=True),
                                        ],
                                        className="d-flex flex-wrap gap-2",
                                    ),
                                    html.P(id=_id("status"), className="mt-2 mb-0", role="status",
                                           **{"aria-live": "polite"}),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": _id("toevoegen-kop")},
                            ),
                            html.Section(
                                [
                                    html.H2("Agenda", id=_id("agenda-kop")),
                                    html.P("Nog geen onderdelen. Voeg hierboven een onderdeel toe of begin met de "
                                           "standaardagenda.", id=_id("leeg-tekst")),
                                    html.Ol(id=_id("lijst"), className="presentatie-agenda mb-0",
                                            **{"aria-labelledby": _id("agenda-kop")}),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": _id("agenda-kop")},
                            ),
                        ],
                        xs=12, xl=7,
                    ),
                    dbc.Col(
                        [
                            html.Section(
                                [
                                    html.H2("Peildatum", id=_id("peildatum-kop")),
                                    html.Label(
                                        [html.Span("Peildatum (dd-mm-jjjj)", className="d-block fw-semibold mb-1"),
                                         html.Span(
                                             "De cijfers op de dia's blijven staan op deze datum: wat daarna gebeurt, "
                                             "telt niet mee. Wat vandaag nog met de datum van vandaag wordt "
                                             "ingevoerd, telt wel mee; kies de dag ervóór als de cijfers helemaal "
                                             "stil moeten staan.",
                                             className="d-block form-text mt-0 mb-1"),
                                         dbc.Input(id=_id("peildatum"), type="text", autoComplete="off",
                                                   value=schrijf_peildatum(datum or vandaag), maxLength=10,
                                                   debounce=500)],
                                        className="d-block w-100",
                                    ),
                                    html.Div(id=_id("peildatum-fout"), className="invalid-feedback d-block"),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": _id("peildatum-kop")},
                            ),
                            html.Section(
                                [
                                    html.H2("Voorbeeld", id=_id("voorbeeld-kop")),
                                    html.P(id=_id("voorbeeld-samenvatting")),
                                    html.Ol(id=_id("voorbeeld"), className="mb-0"),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": _id("voorbeeld-kop")},
                            ),
                            html.Section(
                                [
                                    html.H2("Link en starten", id=_id("link-kop")),
                                    html.Label(
                                        [html.Span("Link naar deze presentatie", className="d-block fw-semibold mb-1"),
                                         dbc.Input(id=_id("link"), type="text", readonly=True,
                                                   className="presentatie-link")],
                                        className="d-block w-100 mb-2",
                                    ),
                                    html.Div(
                                        [
                                            dbc.Button("Kopieer link", id=_id("kopieer"), n_clicks=0,
                                                       color="secondary", outline=True),
                                            html.A("Start presentatie", id=_id("start"), href="#",
                                                   className="btn btn-primary"),
                                            html.A("Voorbeeld in nieuw tabblad", id=_id("nieuw-tabblad"), href="#",
                                                   target="_blank", rel="noopener", className="btn btn-link"),
                                        ],
                                        className="d-flex flex-wrap gap-2 align-items-center",
                                    ),
                                    html.P(id=_id("kopieer-status"), className="mt-2 mb-0", role="status",
                                           **{"aria-live": "polite"}),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": _id("link-kop")},
                            ),
                        ],
                        xs=12, xl=5,
                    ),
                ]
            ),
            dcc.Store(id=_id("agenda"), data={"onderdelen": [o.code for o in gelezen.geldige], "focus": None}),
            dcc.Store(id=_id("wijken"), data=wijken),
            dcc.Store(id=_id("url")),
            dcc.Store(id=_id("focus")),
            dcc.Store(id=_id("klaar-url")),
            dcc.Store(id=_id("klaar-focus")),
        ],
        className="presentatie-samensteller",
    )


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output(_id("wijk"), "options"),
    Output(_id("wijk"), "disabled"),
    Output(_id("wijk"), "value"),
    Output(_id("omschrijving"), "children"),
    Input(_id("weergave"), "value"),
    State(_id("wijk"), "value"),
    State(_id("wijken"), "data"),
)
def _weergave_gekozen(weergave: str | None, wijk: str | None, wijken: dict[str, str] | None):
    """De wijkkeuze past bij de weergave: uit (hele stad), verplicht (geen "hele stad") of optioneel."""
    soort = WEERGAVEN.get(weergave or "")
    if soort is None:
        raise PreventUpdate
    wijken = wijken or {}
    opties = _wijkopties(wijken, soort.wijk == VERPLICHT)
    waarden = [o["value"] for o in opties]
    if soort.wijk == GEEN:
        waarde = STAD
    elif wijk in waarden:
        waarde = wijk
    else:
        waarde = waarden[0] if waarden else None
    return opties, soort.wijk == GEEN, waarde, soort.omschrijving


def _onderdelen(codes: Any, wijken: dict[str, str]) -> list[Onderdeel]:
    """De agenda uit de Store opnieuw gelezen (wat de browser stuurt, wordt niet vertrouwd)."""
    if not isinstance(codes, list):
        return []
    return list(lees_agenda([c for c in codes if isinstance(c, str)], wijken).geldige)


@dash.callback(
    Output(_id("agenda"), "data"),
    Output(_id("status"), "children"),
    Input(_id("toevoegen"), "n_clicks"),
    Input(_id("standaard"), "n_clicks"),
    Input(_id("leeg"), "n_clicks"),
    Input({"type": _id("omhoog"), "index": ALL}, "n_clicks"),
    Input({"type": _id("omlaag"), "index": ALL}, "n_clicks"),
    Input({"type": _id("weg"), "index": ALL}, "n_clicks"),
    State(_id("weergave"), "value"),
    State(_id("wijk"), "value"),
    State(_id("agenda"), "data"),
    State(_id("wijken"), "data"),
    prevent_initial_call=True,
)
def _wijzig_agenda(_toevoegen, _standaard, _leeg, _omhoog, _omlaag, _weg, weergave, wijk, agenda, wijken):
    """Toevoegen, standaardagenda, leegmaken, verplaatsen of verwijderen. Zet ook waar de focus heen moet."""
    if not any(t.get("value") for t in ctx.triggered):
        raise PreventUpdate  # nieuwe knoppen in de lijst (n_clicks 0), geen klik
    wijken = wijken or {}
    lijst = _onderdelen((agenda or {}).get("onderdelen"), wijken)
    knop = ctx.triggered_id
    focus: str | None = None
    if knop == _id("toevoegen"):
        soort = WEERGAVEN.get(weergave or "")
        if soort is None:
            raise PreventUpdate
        gekozen = wijk if wijk in wijken else None
        if soort.wijk == VERPLICHT and gekozen is None:
            return dash.no_update, f"Kies een wijk: '{soort.naam}' gaat over één wijk."
        if len(lijst) >= MAX_ONDERDELEN:
            return dash.no_update, f"De agenda is vol: hooguit {MAX_ONDERDELEN} onderdelen."
        nieuw = Onderdeel(soort.code, None if soort.wijk == GEEN else gekozen)
        lijst.append(nieuw)
        status = f"Toegevoegd als onderdeel {len(lijst)}: {dia_titel(nieuw, wijken)}."
    elif knop == _id("standaard"):
        lijst = [Onderdeel(code) for code in STANDAARDAGENDA]
        status = f"De standaardagenda staat klaar ({meervoud(len(lijst), 'onderdeel', 'onderdelen')})."
    elif knop == _id("leeg"):
        lijst = []
        status = "De agenda is leeg."
        focus = _id("toevoegen")
    elif isinstance(knop, dict) and isinstance(knop.get("index"), int) and 0 <= knop["index"] < len(lijst):
        i = knop["index"]
        soort = knop.get("type")
        titel = dia_titel(lijst[i], wijken)
        if soort == _id("omhoog") and i > 0:
            lijst[i - 1], lijst[i] = lijst[i], lijst[i - 1]
            nieuw_i = i - 1
            focus = _dom_id("omhoog" if nieuw_i > 0 else "omlaag", nieuw_i)
            status = f"{titel} staat nu op plek {nieuw_i + 1}."
        elif soort == _id("omlaag") and i < len(lijst) - 1:
            lijst[i + 1], lijst[i] = lijst[i], lijst[i + 1]
            nieuw_i = i + 1
            focus = _dom_id("omlaag" if nieuw_i < len(lijst) - 1 else "omhoog", nieuw_i)
            status = f"{titel} staat nu op plek {nieuw_i + 1}."
        elif soort == _id("weg"):
            del lijst[i]
            focus = _dom_id("weg", min(i, len(lijst) - 1)) if lijst else _id("toevoegen")
            status = f"Verwijderd: {titel}."
        else:
            raise PreventUpdate
    else:
        raise PreventUpdate
    return {"onderdelen": [o.code for o in lijst], "focus": focus}, status


@dash.callback(
    Output(_id("lijst"), "children"),
    Output(_id("leeg-tekst"), "hidden"),
    Output(_id("voorbeeld-samenvatting"), "children"),
    Output(_id("voorbeeld"), "children"),
    Output(_id("link"), "value"),
    Output(_id("start"), "href"),
    Output(_id("start"), "className"),
    Output(_id("nieuw-tabblad"), "href"),
    Output(_id("peildatum"), "invalid"),
    Output(_id("peildatum-fout"), "children"),
    Output(_id("url"), "data"),
    Output(_id("focus"), "data"),
    Input(_id("agenda"), "data"),
    Input(_id("peildatum"), "value"),
    State(_id("wijken"), "data"),
)
def _toon(agenda, peildatum, wijken):
    """De lijst, het voorbeeld en de link bij de huidige agenda en peildatum."""
    wijken = wijken or {}
    lijst = _onderdelen((agenda or {}).get("onderdelen"), wijken)
    datum, fout = lees_peildatum(peildatum, dt.date.today())
    if datum is not None and not (peildatum or "").strip():
        fout, datum = "Vul een peildatum in als dd-mm-jjjj.", None

    voorbeeld = [
        html.Li([html.Strong(dia_titel(o, wijken)), html.Br(),
                 html.Span(WEERGAVEN[o.weergave].omschrijving, className="small text-body-secondary")])
        for o in lijst
    ]
    if not lijst:
        samenvatting = "Nog geen dia's."
    elif datum is None:
        samenvatting = f"{meervoud(len(lijst), 'dia', DIAS)}; vul eerst een geldige peildatum in."
    else:
        samenvatting = (f"{meervoud(len(lijst), 'dia', DIAS)}, elk met de peildatum "
                        f"{formatteer_datum(datum)}, de bron en een teller (1 / {len(lijst)}).")

    klaar = bool(lijst) and datum is not None
    pad = presentatie_pad(lijst, datum) if klaar else None
    basis = request.host_url.rstrip("/")
    link = basis + pad if pad else ("Voeg eerst een onderdeel toe." if not lijst else "Vul eerst een geldige peildatum in.")
    start_klasse = "btn btn-primary" + ("" if klaar else " disabled")
    return (
        _lijst(lijst, wijken),
        bool(lijst),
        samenvatting,
        voorbeeld,
        link,
        presentatie_pad(lijst, datum, terug=True) if klaar else None,
        start_klasse,
        pad,
        fout is not None,
        fout or "",
        samensteller_pad(lijst, datum),
        # Alleen na een wijziging van de agenda (niet bij het typen van een peildatum) de focus verzetten.
        {"doel": (agenda or {}).get("focus"), "tijd": dt.datetime.now().timestamp()}
        if ctx.triggered_id == _id("agenda") else dash.no_update,
    )


# De URL van deze pagina volgt de agenda; de focus gaat na verplaatsen naar het verplaatste onderdeel;
# kopiëren naar het klembord. Clientside (assets/presentatie.js): geen inline script, dus binnen de CSP.
dash.clientside_callback(
    ClientsideFunction(namespace="presentatie", function_name="zetUrl"),
    Output(_id("klaar-url"), "data"),
    Input(_id("url"), "data"),
)
dash.clientside_callback(
    ClientsideFunction(namespace="presentatie", function_name="focus"),
    Output(_id("klaar-focus"), "data"),
    Input(_id("focus"), "data"),
    prevent_initial_call=True,
)
dash.clientside_callback(
    ClientsideFunction(namespace="presentatie", function_name="kopieer"),
    Output(_id("kopieer-status"), "children"),
    Input(_id("kopieer"), "n_clicks"),
    State(_id("link"), "value"),
    State(_id("link"), "id"),
    prevent_initial_call=True,
)
