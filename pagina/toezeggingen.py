"""``/toezeggingen``: de toezeggingenlijst zoals de griffie die bijhoudt (aanbeveling 5 van de
Rekenkamercommissie), met tellingen per portefeuillehouder en per status.

De filters staan in de URL: ``/toezeggingen?status=te_laat&portefeuillehouder=Anne+Brinkhuis&wijk=
ossenkoppelerhoek&zoek=evaluatie``. De signalen op het overzicht en de wijkpagina linken hierheen.
Een te late toezegging valt op in woorden ("Te laat — termijn 20-11-2025 verstreken") én kleur.
Onderwerp en afdoening zijn vrije tekst en worden als gewone tekst getoond, nooit als HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, State, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import STATUS_STIJL
from datalaag.opmaak import formatteer_datum, formatteer_getal, meervoud
from datalaag.toezeggingen import (
    STATUS_FILTER_LABELS,
    WEERGAVE_LABELS,
    Tellingen,
    ToezeggingRij,
    filterkeuzes,
    kies_filter,
    tellingen,
    toezeggingen_pagina,
)
from pagina.componenten.filters import ALLE, maak_keuzelijst
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_grafiek, maak_tabel
from pagina.componenten.grid import maak_grid_serverzijdig, registreer_paginering

#: Waarde van de keuze "alle …" in een select (een lege waarde is in dbc.Select de placeholder).

dash.register_page(
    __name__,
    path="/toezeggingen",
    name="Toezeggingen",
    title="Toezeggingen · Wijkaanpak Almelo",
    description="De toezeggingenlijst van het college aan de raad: open, te laat, afgedaan en vervallen.",
    order=7,
)

#: Weergavestatus → (pictogram, kleur van de balk, CSS-klasse voor tekst). Te laat gebruikt de
#: stijl van "ver achter", afgedaan die van "op koers": één kleurbetekenis in het hele dashboard.
STATUS_WEERGAVE: dict[str, tuple[str, str, str]] = {
    "te_laat": (STATUS_STIJL["ver_achter"].icoon, STATUS_STIJL["ver_achter"].kleur, STATUS_STIJL["ver_achter"].klasse),
    "open": ("○", "#56B4E9", "status-geen-data"),
    "afgedaan": (STATUS_STIJL["op_koers"].icoon, STATUS_STIJL["op_koers"].kleur, STATUS_STIJL["op_koers"].klasse),
    "vervallen": ("–", "#999999", "status-geen-data"),
}


def status_tekst(rij: ToezeggingRij) -> str:
    """De status in woorden, met pictogram: ``✖ Te laat — termijn 20-11-2025 verstreken``."""
    icoon = STATUS_WEERGAVE[rij.weergavestatus][0]
    if rij.te_laat:
        return f"{icoon} Te laat — termijn {formatteer_datum(rij.termijn)} verstreken"
    if rij.status == "afgedaan":
        return f"{icoon} Afgedaan op {formatteer_datum(rij.afgedaan_op)}"
    return f"{icoon} {WEERGAVE_LABELS[rij.weergavestatus]}"


KOLOMMEN = [
    Kolom("nummer", "Nummer", breedte=110),
    Kolom("datum", "Datum", "datum", breedte=115),
    Kolom("vergadering", "Vergadering", breedte=170),
    Kolom("portefeuillehouder", "Portefeuillehouder", breedte=170),
    Kolom("onderwerp", "Onderwerp", breedte=320),
    Kolom("wijk", "Wijk", breedte=140),
    Kolom("termijn", "Termijn", "datum", breedte=115),
    Kolom("status_tekst", "Status", breedte=290),
    Kolom("afdoening", "Afdoening", breedte=260),
    Kolom("afgedaan_op", "Afgedaan op", "datum", breedte=120),
    Kolom("document", "Document", breedte=150),
]


def _rijen(lijst: list[ToezeggingRij]) -> list[dict[str, Any]]:
    return [
        {
            "nummer": r.nummer, "datum": r.datum.isoformat(), "vergadering": r.vergadering,
            "portefeuillehouder": r.portefeuillehouder, "onderwerp": r.onderwerp, "wijk": r.wijk,
            "termijn": r.termijn.isoformat(), "status_tekst": status_tekst(r), "status": r.weergavestatus,
            "te_laat": r.te_laat, "afdoening": r.afdoening,
            "afgedaan_op": r.afgedaan_op.isoformat() if r.afgedaan_op else None, "document": r.document,
        }
        for r in lijst
    ]


def _lijst_rijen(query: Mapping[str, str], start: int, eind: int, sortering: Sequence[tuple[str, str]],
                 filters: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Eén blok van de lijst, met de filters uit de URL (voor de grid en de export)."""
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        f = kies_filter(query, filterkeuzes(sessie))
        rijen, totaal = toezeggingen_pagina(sessie, f, vandaag, start, eind, sortering, filters)
    return _rijen(rijen), totaal


registreer_paginering("toezeggingen-lijst", _lijst_rijen, kolommen=KOLOMMEN, naam="toezeggingen")

# Alle rijen zijn even hoog (de grid haalt ze per blok van de server en kent dan geen automatische hoogte):
# lange tekst loopt door over hooguit vier regels; de volledige tekst staat in de tooltip en in de export.
_RIJHOOGTE = 96
_TEKSTCEL = {"lineHeight": "1.4", "paddingTop": "0.45rem", "paddingBottom": "0.45rem", "wordBreak": "normal"}


def _tekstkolom(veld: str, minimum: int) -> dict[str, Any]:
    return {"wrapText": True, "minWidth": minimum, "cellStyle": _TEKSTCEL, "tooltipField": veld}


# Een rij die nog van de server komt, heeft nog geen ``params.data``.
_KOLOMOPTIES = {
    "status_tekst": {
        "cellClassRules": {
            "status-ver-achter": "params.data && params.data.status === 'te_laat'",
            "status-op-koers": "params.data && params.data.status === 'afgedaan'",
            "status-geen-data": "params.data && (params.data.status === 'open' || params.data.status === 'vervallen')",
        },
        "wrapText": True, "minWidth": 230, "cellStyle": {**_TEKSTCEL, "fontWeight": 600},
        # Filteren op status gaat met de statusfilter boven de tabel; sorteren volgt te laat → vervallen.
        "filter": False,
    },
    "onderwerp": _tekstkolom("onderwerp", 260),
    "afdoening": _tekstkolom("afdoening", 200),
    "vergadering": _tekstkolom("vergadering", 150),
    "portefeuillehouder": {"minWidth": 150},
    "nummer": {"minWidth": 105},
    "datum": {"minWidth": 115},
    "termijn": {"minWidth": 115},
    "wijk": {"minWidth": 130},
    "afgedaan_op": {"minWidth": 125},
}
_GRID_PROPS = {
    "rowClassRules": {"toezegging-te-laat": "params.data && params.data.te_laat"},
    "getRowStyle": {
        "styleConditions": [
            {"condition": "params.data && params.data.te_laat",
             "style": {"backgroundColor": "#fdf0ea", "boxShadow": "inset 6px 0 0 #b23c00"}},
        ]
    },
}


def _filters(keuzes, f) -> html.Div:
    return html.Div(dbc.Form(
        dbc.Row(
            [
                maak_keuzelijst("toezeggingen-status", "Status", list(STATUS_FILTER_LABELS.items()), f.status,
                        "Alle statussen"),
                maak_keuzelijst("toezeggingen-portefeuillehouder", "Portefeuillehouder",
                        [(h, h) for h in keuzes.portefeuillehouders], f.portefeuillehouder, "Alle portefeuillehouders"),
                maak_keuzelijst("toezeggingen-wijk", "Wijk", keuzes.wijken, f.wijk, "Alle wijken"),
                dbc.Col(
                    [
                        dbc.Label("Zoeken in nummer, onderwerp en afdoening", html_for="toezeggingen-zoek",
                                  className="fw-semibold mb-1"),
                        dbc.InputGroup([
                            dbc.Input(id="toezeggingen-zoek", type="search", value=f.zoek or "", debounce=True,
                                      maxLength=100, placeholder="bijv. evaluatie", autoComplete="off"),
                            dbc.Button("Zoek", id="toezeggingen-zoekknop", color="primary", n_clicks=0),
                        ]),
                    ],
                    xs=12, sm=6, lg=3,
                ),
            ],
            className="g-3",
        ),
        id="toezeggingen-filters",
        className="paneel mb-3",
    ), role="group", **{"aria-label": "Filters"})


def _statuslabel(status: str, tekst: str | None = None) -> html.Span:
    icoon, _kleur, klasse = STATUS_WEERGAVE[status]
    return html.Span([html.Span(icoon, **{"aria-hidden": "true"}), f" {tekst or WEERGAVE_LABELS[status]}"],
                     className=f"status-label {klasse}")


def _grafiek_tellingen(t: Tellingen, wijk: str | None = None) -> html.Section:
    houders = list(reversed(t.per_portefeuillehouder))
    figuur = go.Figure()
    for status, label in WEERGAVE_LABELS.items():
        icoon, kleur, _ = STATUS_WEERGAVE[status]
        figuur.add_bar(
            name=f"{icoon} {label}", y=[h.portefeuillehouder for h in houders],
            x=[getattr(h, status) for h in houders], orientation="h", marker_color=kleur,
            hovertemplate=f"%{{y}}: %{{x}} {label.lower()}<extra></extra>",
        )
    figuur.update_layout(barmode="stack", height=max(240, 40 * len(houders) + 120),
                         margin={"l": 170, "r": 20, "t": 40, "b": 50}, xaxis_title="Toezeggingen",
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"})
    kop = ["Portefeuillehouder", *[kolom(label, "getal") for label in WEERGAVE_LABELS.values()],
           kolom("Totaal", "getal")]
    tabel = maak_tabel(
        kop,
        [[h.portefeuillehouder, h.te_laat, h.open, h.afgedaan, h.vervallen, h.totaal]
         for h in [*t.per_portefeuillehouder, t.totaal]],
        id_="toezeggingen-tellingen-tabel",
    )
    return maak_grafiek("toezeggingen-per-portefeuillehouder",
                        "Toezeggingen per portefeuillehouder en status", figuur, tabel,
                        bestandsnaam("toezeggingen per portefeuillehouder", wijk=wijk))


def layout(**query: str):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        keuzes = filterkeuzes(sessie)
        f = kies_filter(query, keuzes)
        t = tellingen(sessie, f, vandaag)  # het totaal daarvan = het aantal rijen van de lijst

    waarschuwingen = []
    for veld, naam in (("portefeuillehouder", "Portefeuillehouder"), ("wijk", "Wijk"), ("status", "Status")):
        if query.get(veld) and getattr(f, veld) is None:
            waarschuwingen.append(dbc.Alert(f"{naam} niet gevonden: '{query[veld]}'. Dit filter is weggelaten.",
                                            color="warning", className="toezeggingen-niet-gevonden"))
    totaal = t.totaal
    samenvatting = html.Ul(
        [html.Li(_statuslabel(s, f"{label}: {formatteer_getal(getattr(totaal, s))}"), className="list-inline-item me-3")
         for s, label in WEERGAVE_LABELS.items()],
        className="list-inline mb-2", id="toezeggingen-samenvatting", **{"aria-label": "Aantallen per status"},
    )
    return html.Div(
        [
            dcc.Location(id="toezeggingen-url", refresh="callback-nav"),
            html.H1("Toezeggingen", className="mb-0"),
            html.P(f"Stand op {formatteer_datum(vandaag)} · toezeggingen van het college aan de raad",
                   className="text-body-secondary"),
            *waarschuwingen,
            _filters(keuzes, f),
            html.Section(
                [
                    html.H2(f"Toezeggingenlijst ({meervoud(totaal.totaal, 'toezegging', 'toezeggingen')})",
                            id="toezeggingen-lijst-titel"),
                    samenvatting,
                    html.P("Te late toezeggingen (open, termijn verstreken) staan bovenaan, met een rode rand en "
                           "de tekst \u201cTe laat\u201d. Een toezegging is op de termijndag zelf nog op tijd.",
                           className="small"),
                    maak_grid_serverzijdig("toezeggingen-lijst", KOLOMMEN, hoogte=560, paginagrootte=25,
                                           kolomopties=_KOLOMOPTIES, grid_props=_GRID_PROPS,
                                           extra_opties={"tooltipShowDelay": 300, "rowHeight": _RIJHOOGTE}),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "toezeggingen-lijst-titel"},
            ),
            html.Section(
                [
                    html.H2("Aantallen", id="toezeggingen-aantallen-titel"),
                    _grafiek_tellingen(t, f.wijk),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "toezeggingen-aantallen-titel"},
            ),
        ]
    )


@dash.callback(
    Output("toezeggingen-url", "search"),
    Input("toezeggingen-status", "value"),
    Input("toezeggingen-portefeuillehouder", "value"),
    Input("toezeggingen-wijk", "value"),
    Input("toezeggingen-zoek", "value"),
    Input("toezeggingen-zoekknop", "n_clicks"),
    State("toezeggingen-zoek", "value"),
    prevent_initial_call=True,
)
def _filters_naar_url(status, houder, wijk, _zoek, _klik, zoek) -> str:
    """Elke filterkeuze (en de zoektekst, na Enter of de knop) gaat de URL in."""
    delen = {k: v for k, v in {"status": status, "portefeuillehouder": houder, "wijk": wijk}.items()
             if v and v != ALLE}
    if (zoek or "").strip():
        delen["zoek"] = zoek.strip()[:100]
    tekst = urlencode(delen)
    return f"?{tekst}" if tekst else ""
