"""``/budget``: oormerk tegen uitgaven, per wijk en jaar, per budgetpost en over de jaren.

De filters staan in de URL (``/budget?wijk=de-riet&jaar=2009&bron=rijksgelden_wijkenaanpak``), zodat
een link precies dit beeld terugbrengt; ``&budgetpost=<id>`` toont de uitgaven van één budgetpost.
Ongeldige waarden vallen terug op de standaard: alle wijken, het lopende jaar, alle bronnen; een
onbekende budgetpost geeft een melding "niet gevonden".

Alle cijfers komen uit :mod:`datalaag.budget`; de definities (benutting, toerekening van een
oormerk over meerdere jaren, de vlaggen over- en onderbesteed) staan in de datalaag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, State, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import STATUS_STIJL
from datalaag.afgeleid import peildatum_voor_jaar
from datalaag.budget import (
    BRON_LABELS,
    ONDERBESTEED,
    OVERBESTEED,
    VLAG_LABELS,
    BudgetpostUitgaven,
    JaarBudget,
    OormerkRegels,
    WijkBudget,
    budget_jaren,
    budget_per_wijk,
    budget_trend,
    budgetpost_rijen,
    budgetposten,
    totaalrij,
    uitgaven_van_budgetpost,
    wijkkeuzes,
)
from datalaag.opmaak import formatteer_bedrag, formatteer_datum, formatteer_procent
from pagina.componenten.filters import maak_keuze
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_grafiek, maak_tabel
from pagina.componenten.grid import brede_kolommen, maak_grid, registreer_export
from pagina.componenten.kpi_kaart import maak_kpi_kaart
from pagina.componenten.querystring import geheel, kies_jaar

dash.register_page(
    __name__,
    path="/budget",
    name="Budget",
    title="Budget · Wijkaanpak Almelo",
    description="Geoormerkt budget tegen uitgaven per wijk en jaar, per budgetpost en over de jaren.",
    order=3,
)

#: Vlag → stijl (pictogram en tekstkleur) uit de ene statusbetekenis van het dashboard.
VLAG_STIJL = {OVERBESTEED: STATUS_STIJL["ver_achter"], ONDERBESTEED: STATUS_STIJL["achter"]}
VLAG_BALKKLEUR = {OVERBESTEED: STATUS_STIJL["ver_achter"].kleur, ONDERBESTEED: STATUS_STIJL["achter"].kleur,
                  None: STATUS_STIJL["op_koers"].kleur}
OORMERK_KLEUR = "#9ecae1"
#: Waarde van "alle wijken/bronnen" en "geen budgetpost" in de keuzelijsten (een lege waarde kan
#: dbc.Select niet tonen); in de URL staat dan niets.
ALLE = "alle"
GEEN = "geen"


def _zonder(waarde: str | None) -> str:
    return "" if waarde in (None, ALLE, GEEN) else waarde
UITGAVEN_KLEUR = "#08306b"

# --------------------------------------------------------------------------- tabellen en export

WIJK_KOLOMMEN = [
    Kolom("wijk", "Wijk", breedte=170),
    Kolom("budgethouder", "Budgethouder", breedte=230),
    *[Kolom(f"bron_{b}", f"Oormerk {label}", "bedrag", breedte=130) for b, label in BRON_LABELS.items()],
    Kolom("oormerk", "Oormerk totaal", "bedrag", breedte=130),
    Kolom("uitgaven", "Uitgaven", "bedrag", breedte=130),
    Kolom("benutting", "Benutting", "procent", breedte=110),
    Kolom("vlag", "Signaal", breedte=150),
]
POST_KOLOMMEN = [
    Kolom("post", "Budgetpost", breedte=300),
    Kolom("bedrag", "Bedrag", "bedrag", breedte=130),
    Kolom("uitgegeven_in_jaar", "Uitgegeven in jaar", "bedrag", breedte=130),
    Kolom("uitgegeven_tm_jaar", "Uitgegeven t/m jaar", "bedrag", breedte=130),
    Kolom("rest", "Rest", "bedrag", breedte=130),
    Kolom("oormerk", "Oormerk", breedte=260),
    Kolom("periode", "Periode", breedte=110),
    Kolom("bron", "Bron", breedte=200),
]
UITGAVE_KOLOMMEN = [
    Kolom("datum", "Datum", "datum", breedte=120),
    Kolom("bedrag", "Bedrag", "bedrag", breedte=130),
    Kolom("omschrijving", "Omschrijving", breedte=360),
    Kolom("maatregel", "Maatregel", breedte=300),
    Kolom("kenmerk", "Kenmerk", breedte=170),
]


# --------------------------------------------------------------------------- keuzes uit de URL






def kies_filters(query: Mapping[str, str | None], wijken: list[tuple[str, str]], jaren: list[int],
                 vandaag: dt.date) -> tuple[str | None, int, str | None]:
    """(wijk-slug of None, jaar, bron of None) uit de querystring; onbekend → standaard."""
    slugs = {s for s, _ in wijken}
    wijk = query.get("wijk") if query.get("wijk") in slugs else None
    bron = query.get("bron") if query.get("bron") in BRON_LABELS else None
    return wijk, kies_jaar(query.get("jaar"), jaren, vandaag), bron


def _export_wijken(query: Mapping[str, str]) -> list[dict[str, Any]]:
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijk, jaar, bron = kies_filters(query, wijkkeuzes(sessie), budget_jaren(sessie), vandaag)
        return [w.als_rij() for w in budget_per_wijk(sessie, jaar, vandaag, bron)]


def _export_posten(query: Mapping[str, str]) -> list[dict[str, Any]]:
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijk, jaar, bron = kies_filters(query, wijkkeuzes(sessie), budget_jaren(sessie), vandaag)
        if wijk is None:
            return []
        rijen = budgetpost_rijen(budgetposten(sessie, wijk, jaar, vandaag, bron))
    return [*rijen, totaalrij(rijen)] if rijen else []


def _export_uitgaven(query: Mapping[str, str]) -> list[dict[str, Any]]:
    post_id = geheel(query.get("budgetpost"))
    if post_id is None:
        return []
    with lees_sessie() as sessie:
        post = uitgaven_van_budgetpost(sessie, post_id)
    return list(post.rijen) if post else []


registreer_export("budget-wijken", WIJK_KOLOMMEN, _export_wijken, "budget per wijk")
registreer_export("budget-posten", POST_KOLOMMEN, _export_posten, "budgetposten")
registreer_export("budget-uitgaven", UITGAVE_KOLOMMEN, _export_uitgaven, "uitgaven budgetpost")



def _signaalkolom() -> dict[str, dict[str, Any]]:
    """De signaalkolom: pictogram bij het woord en de tekstkleur van de status."""
    over, onder = VLAG_LABELS[OVERBESTEED], VLAG_LABELS[ONDERBESTEED]
    return {
        "vlag": {
            "cellClassRules": {"status-ver-achter": f"params.value == '{over}'",
                               "status-achter": f"params.value == '{onder}'"},
            "valueFormatter": {"function": _vlag_formatter()},
        }
    }


#: De regel "Totaal" (vastgezet onderaan) vet.
TOTAAL_VET = {"getRowStyle": {"styleConditions": [{"condition": "params.node.rowPinned",
                                                    "style": {"fontWeight": "700"}}]}}


def _vlag_formatter() -> str:
    over, onder = VLAG_LABELS[OVERBESTEED], VLAG_LABELS[ONDERBESTEED]
    return (
        f"params.value == '{over}' ? '{VLAG_STIJL[OVERBESTEED].icoon} {over}' : "
        f"(params.value == '{onder}' ? '{VLAG_STIJL[ONDERBESTEED].icoon} {onder}' : '–')"
    )


# --------------------------------------------------------------------------- onderdelen


def maak_vlag_label(vlag: str | None) -> html.Span:
    """Pictogram + woord + kleur voor over- of onderbesteding; zonder vlag "Binnen oormerk"."""
    if vlag is None:
        stijl, tekst = STATUS_STIJL["op_koers"], "Binnen oormerk"
    else:
        stijl, tekst = VLAG_STIJL[vlag], VLAG_LABELS[vlag]
    return html.Span([html.Span(stijl.icoon, **{"aria-hidden": "true"}), f" {tekst}"],
                     className=f"status-label {stijl.klasse}")


def _href(query: Mapping[str, Any], **wijzig: Any) -> str:
    nieuw = {k: v for k, v in {**query, **wijzig}.items() if v not in (None, "")}
    volgorde = ["wijk", "jaar", "bron", "budgetpost"]
    geordend = {k: nieuw[k] for k in volgorde if k in nieuw}
    return "/budget" + ("?" + urlencode(geordend) if geordend else "")


_BREEDTE = {"xs": 12, "sm": 4, "lg": 3, "xl": 2}


def _filters(wijken, jaren, wijk, jaar, bron) -> dbc.Row:
    return dbc.Row(
        [
            maak_keuze("budget-wijk", "Wijk", [{"label": "Alle wijken", "value": ALLE}]
                 + [{"label": n, "value": s} for s, n in wijken], wijk or ALLE, **_BREEDTE),
            maak_keuze("budget-jaar", "Jaar", [{"label": str(j), "value": str(j)} for j in reversed(jaren)], str(jaar),
                       **_BREEDTE),
            maak_keuze("budget-bron", "Bron", [{"label": "Alle bronnen", "value": ALLE}]
                 + [{"label": label, "value": b} for b, label in BRON_LABELS.items()], bron or ALLE, **_BREEDTE),
        ],
        className="g-3 mb-3",
    )


def _wijk_kaarten(w: WijkBudget, jaar: int) -> dbc.Row:
    bronnen = "; ".join(f"{BRON_LABELS[b]} {formatteer_bedrag(v)}" for b, v in w.per_bron.items()) or "geen oormerk"
    kaarten = [
        maak_kpi_kaart("budget-kpi-oormerk", f"Oormerk {jaar}", formatteer_bedrag(w.oormerk), bronnen),
        maak_kpi_kaart("budget-kpi-uitgaven", f"Uitgaven {jaar}", formatteer_bedrag(w.uitgaven)),
        dbc.Card(
            dbc.CardBody(
                [
                    html.P("Benutting", className="kpi-label"),
                    html.P(formatteer_procent(w.budgetbenutting), className="kpi-waarde", id="budget-kpi-benutting"),
                    html.P(maak_vlag_label(w.vlag), className="kpi-toelichting", id="budget-kpi-vlag"),
                ]
            ),
            className="kpi-kaart" + (" kpi-let-op" if w.vlag else ""),
        ),
        dbc.Card(
            dbc.CardBody(
                [
                    html.P("Budgethouder", className="kpi-label"),
                    html.P(", ".join(w.budgethouders) or "niet benoemd", id="budget-kpi-budgethouder",
                           className="fw-bold fs-5 mb-1"),
                    html.P("Verantwoordelijk voor het oormerk (conclusie 13 van de Rekenkamercommissie).",
                           className="kpi-toelichting"),
                ]
            ),
            className="kpi-kaart",
        ),
    ]
    return dbc.Row([dbc.Col(k, xs=12, sm=6, xl=3, className="mb-3") for k in kaarten])


def _oormerkenlijst(oormerken: list[OormerkRegels]) -> html.Ul:
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(om.naam),
                    f" · {om.periode} · {om.bron_label} · {formatteer_bedrag(om.bedrag)} · budgethouder {om.budgethouder}",
                ]
            )
            for om in oormerken
        ],
        id="budget-oormerken",
        className="mb-2",
    )


def _postensectie(wijk_naam: str, jaar: int, oormerken: list[OormerkRegels], uitgaven_wijk: float,
                  gekozen_post: int | None) -> html.Section:
    inhoud: list[Any] = [html.H2(f"Begroting per budgetpost · {wijk_naam} {jaar}", id="budget-posten-titel")]
    if not oormerken:
        inhoud.append(html.P(f"{wijk_naam} heeft geen oormerk dat in {jaar} loopt.", id="budget-posten-leeg"))
    else:
        rijen = budgetpost_rijen(oormerken)
        inhoud += [
            html.P(
                "Oormerken die in dit jaar lopen, met hun volledige bedrag en periode. ‘Uitgegeven t/m jaar’ telt "
                "alle uitgaven op de post tot en met dit jaar; ‘rest’ is bedrag min dat.",
                className="small",
            ),
            _oormerkenlijst(oormerken),
            maak_grid(
                "budget-posten", POST_KOLOMMEN, rijen, hoogte=min(620, 75 + 42 * (len(rijen) + 1)),
                extra_opties={"pinnedBottomRowData": [totaalrij(rijen)], "pagination": False},
                kolomopties=brede_kolommen(POST_KOLOMMEN), grid_props=TOTAAL_VET,
            ),            _overige_uitgaven(uitgaven_wijk - sum(r["uitgegeven_in_jaar"] for r in rijen), jaar),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label("Uitgaven bekijken van budgetpost", html_for="budget-post-keuze",
                                  className="fw-semibold mb-1"),
                        dbc.Select(
                            id="budget-post-keuze",
                            options=[{"label": "Kies een budgetpost", "value": GEEN}]
                            + [{"label": f"{r['post']} ({r['oormerk']})", "value": str(r["budgetpost_id"])}
                               for r in rijen],
                            value=str(gekozen_post) if gekozen_post else GEEN,
                        ),
                    ],
                    xs=12, md=8, xl=5,
                ),
                className="mt-2",
            ),
        ]
    return html.Section(inhoud, className="paneel mb-3", **{"aria-labelledby": "budget-posten-titel"})


def _overige_uitgaven(bedrag: float, jaar: int) -> html.P | None:
    """Uitgaven van het jaar die niet op een budgetpost van deze oormerken staan (bijv. rechtstreeks op
    een maatregel): zo sluit de begroting aan op het totaal van de uitgaven."""
    if bedrag < 0.005:
        return None
    return html.P(
        f"Daarnaast is in {jaar} {formatteer_bedrag(bedrag)} uitgegeven buiten deze budgetposten (bijvoorbeeld "
        "rechtstreeks op een maatregel); dat telt wel mee in de uitgaven en de benutting hierboven.",
        className="small mt-2 mb-0",
        id="budget-overige-uitgaven",
    )


def _uitgavensectie(post_id: int | None, post: BudgetpostUitgaven | None,
                    query: Mapping[str, Any]) -> html.Section | None:
    if post_id is None:
        return None
    terug = html.A("Sluit de uitgaven", href=_href(query, budgetpost=None), id="budget-uitgaven-sluit")
    if post is None:
        return html.Section(
            [html.H2("Budgetpost niet gevonden", id="budget-uitgaven-titel"),
             html.P(f"Er is geen budgetpost met nummer {post_id}."), terug],
            className="paneel mb-3", **{"aria-labelledby": "budget-uitgaven-titel"},
        )
    return html.Section(
        [
            html.H2(f"Uitgaven · {post.naam}", id="budget-uitgaven-titel"),
            html.P(
                f"{post.wijk_naam} · oormerk {post.oormerk} ({post.periode}) · begroot "
                f"{formatteer_bedrag(post.bedrag)} · uitgegeven {formatteer_bedrag(post.uitgegeven)} in "
                f"{len(post.rijen)} uitgaven.",
                id="budget-uitgaven-kop",
            ),
            maak_grid("budget-uitgaven", UITGAVE_KOLOMMEN, list(post.rijen),
                      hoogte=min(480, 170 + 42 * max(len(post.rijen), 2)), kolomopties=brede_kolommen(UITGAVE_KOLOMMEN)),
            terug,
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "budget-uitgaven-titel"},
    )


def maak_benutting_figuur(wijken: list[WijkBudget], gekozen: str | None) -> go.Figure:
    met_budget = [w for w in wijken if w.oormerk > 0 or w.uitgaven > 0]
    volgorde = sorted(met_budget, key=lambda w: (w.budgetbenutting or 0))
    figuur = go.Figure(
        go.Bar(
            y=[w.naam for w in volgorde],
            x=[(w.budgetbenutting or 0) * 100 for w in volgorde],
            orientation="h",
            marker={
                "color": [VLAG_BALKKLEUR[w.vlag] for w in volgorde],
                "line": {"color": ["#1b1b1b" if w.slug == gekozen else "rgba(0,0,0,0)" for w in volgorde],
                         "width": 3},
            },
            text=[
                f"{formatteer_procent(w.budgetbenutting)}" + (f" · {VLAG_LABELS[w.vlag]}" if w.vlag else "")
                for w in volgorde
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=[[w.slug] for w in volgorde],
            hovertext=[
                f"{w.naam}: {formatteer_bedrag(w.uitgaven)} van {formatteer_bedrag(w.oormerk)}" for w in volgorde
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    grootste = max([(w.budgetbenutting or 0) * 100 for w in volgorde] + [100])
    figuur.add_vline(x=100, line={"color": "#1b1b1b", "dash": "dash", "width": 1})
    figuur.update_layout(
        height=max(260, 60 + 30 * len(volgorde)),
        margin={"l": 150, "r": 40, "t": 10, "b": 40},
        xaxis={"title": "Benutting (%)", "range": [0, grootste * 1.3], "ticksuffix": "%"},
        yaxis={"automargin": True},
    )
    return figuur


def maak_trend_figuur(trend: list[JaarBudget]) -> go.Figure:
    figuur = go.Figure(
        [
            go.Bar(x=[t.jaar for t in trend], y=[t.oormerk for t in trend], name="Oormerk", marker_color=OORMERK_KLEUR,
                   hovertext=[f"{t.jaar}: oormerk {formatteer_bedrag(t.oormerk)}" for t in trend], hoverinfo="text"),
            go.Scatter(x=[t.jaar for t in trend], y=[t.uitgaven for t in trend], name="Uitgaven", mode="lines+markers",
                       line={"color": UITGAVEN_KLEUR, "width": 3}, marker={"symbol": "diamond", "size": 8},
                       hovertext=[f"{t.jaar}: uitgaven {formatteer_bedrag(t.uitgaven)} "
                                  f"({formatteer_procent(t.budgetbenutting)})" for t in trend],
                       hoverinfo="text"),
        ]
    )
    figuur.update_layout(
        height=360,
        margin={"l": 90, "r": 20, "t": 10, "b": 40},
        legend={"orientation": "h", "y": 1.08, "x": 0},
        xaxis={"tickmode": "array", "tickvals": [t.jaar for t in trend], "tickangle": 0 if len(trend) <= 12 else -45,
               "range": [trend[0].jaar - 0.6, trend[-1].jaar + 0.6] if trend else None},
        yaxis={"title": "Bedrag", "tickprefix": "€ ", "tickformat": ",.0f", "rangemode": "tozero"},
    )
    return figuur


# --------------------------------------------------------------------------- pagina


def layout(wijk: str | None = None, jaar: str | None = None, bron: str | None = None,
           budgetpost: str | None = None, **_query):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijken = wijkkeuzes(sessie)
        jaren = budget_jaren(sessie)
        gekozen_wijk, gekozen_jaar, gekozen_bron = kies_filters(
            {"wijk": wijk, "jaar": jaar, "bron": bron}, wijken, jaren, vandaag
        )
        per_wijk = budget_per_wijk(sessie, gekozen_jaar, vandaag, gekozen_bron)
        oormerken = budgetposten(sessie, gekozen_wijk, gekozen_jaar, vandaag, gekozen_bron) if gekozen_wijk else []
        trend = budget_trend(sessie, jaren, gekozen_wijk, gekozen_bron)
        post_id = geheel(budgetpost)
        post = uitgaven_van_budgetpost(sessie, post_id) if post_id is not None else None
    peildatum = peildatum_voor_jaar(gekozen_jaar, vandaag)
    query = {"wijk": gekozen_wijk, "jaar": gekozen_jaar, "bron": gekozen_bron, "budgetpost": post_id}
    wijk_naam = dict(wijken).get(gekozen_wijk or "", "Alle wijken")
    bron_tekst = BRON_LABELS[gekozen_bron] if gekozen_bron else "alle bronnen"

    onderdelen: list[Any] = [
        dcc.Location(id="budget-url", refresh="callback-nav"),
        html.H1("Budget: oormerk en uitgaven", className="mb-1"),
        html.P(
            f"{wijk_naam} · {gekozen_jaar} · {bron_tekst} · peildatum {formatteer_datum(peildatum)}",
            className="text-body-secondary",
            id="budget-peildatum",
        ),
        html.Section(_filters(wijken, jaren, gekozen_wijk, gekozen_jaar, gekozen_bron), **{"aria-label": "Filters"}),
    ]
    if wijk not in (None, "") and gekozen_wijk is None:
        onderdelen.append(dbc.Alert(f"Wijk \u201c{wijk}\u201d niet gevonden; alle wijken worden getoond.",
                                    color="warning", id="budget-wijk-onbekend"))
    if budgetpost not in (None, "") and post_id is None:
        onderdelen.append(dbc.Alert(f"Budgetpost \u201c{budgetpost}\u201d niet gevonden.", color="warning"))

    if gekozen_wijk:
        w = next(x for x in per_wijk if x.slug == gekozen_wijk)
        onderdelen.append(
            html.Section(
                [html.H2(f"{wijk_naam} in {gekozen_jaar}", id="budget-wijk-titel"), _wijk_kaarten(w, gekozen_jaar),
                 html.P(html.A(f"Naar de wijkpagina van {wijk_naam}", href=f"/wijk/{gekozen_wijk}"))],
                className="mb-2",
                **{"aria-labelledby": "budget-wijk-titel"},
            )
        )
        onderdelen.append(_postensectie(wijk_naam, gekozen_jaar, oormerken, w.uitgaven, post_id))
    uitgaven = _uitgavensectie(post_id, post, query)
    if uitgaven is not None:
        onderdelen.append(uitgaven)

    benutting = maak_grafiek(
        "budget-benutting",
        f"Benutting van het oormerk per wijk in {gekozen_jaar} ({bron_tekst})",
        maak_benutting_figuur(per_wijk, gekozen_wijk),
        maak_tabel(
            ["Wijk", kolom("Oormerk", "bedrag"), kolom("Uitgaven", "bedrag"), kolom("Benutting", "procent"), "Signaal"],
            [(w.naam, w.oormerk, w.uitgaven, w.budgetbenutting, VLAG_LABELS.get(w.vlag or "", "–")) for w in per_wijk],
        ),
        bestandsnaam("benutting per wijk", jaar=gekozen_jaar),
        toelichting="Uitgaven als deel van het oormerk dat aan dit jaar is toegerekend. Boven 100% is overbesteed; "
        "onder 50% vanaf 1 oktober is onderbesteed. Klik op een balk voor de wijkpagina.",
    )
    onderdelen.append(
        html.Section(
            [
                html.H2(f"Alle wijken in {gekozen_jaar}", id="budget-wijken-titel"),
                dbc.Row(dbc.Col(benutting, xs=12, xl=9, xxl=7, className="mb-3")),
                html.H3("Oormerk per bron, uitgaven en budgethouder", className="h5"),
                maak_grid("budget-wijken", WIJK_KOLOMMEN, [w.als_rij() for w in per_wijk],
                          hoogte=min(700, 140 + 42 * len(per_wijk)),
                          kolomopties=brede_kolommen(WIJK_KOLOMMEN, _signaalkolom())),
            ],
            className="paneel mb-3",
            **{"aria-labelledby": "budget-wijken-titel"},
        )
    )
    trend_wie = wijk_naam if gekozen_wijk else "de stad"
    onderdelen.append(
        html.Section(
            [
                html.H2(f"Trend over de jaren · {trend_wie}", id="budget-trend-titel"),
                maak_grafiek(
                    "budget-trend-grafiek",
                    f"Oormerk en uitgaven per jaar, {trend_wie} ({bron_tekst})",
                    maak_trend_figuur(trend),
                    maak_tabel(
                        [kolom("Jaar", "jaar"), kolom("Oormerk", "bedrag"), kolom("Uitgaven", "bedrag"),
                         kolom("Benutting", "procent")],
                        [(t.jaar, t.oormerk, t.uitgaven, t.budgetbenutting) for t in trend],
                    ),
                    bestandsnaam("oormerk en uitgaven per jaar", wijk=gekozen_wijk),
                    toelichting="Een oormerk over meerdere jaren telt gelijk verdeeld over die jaren.",
                ),
            ],
            className="paneel mb-3",
            **{"aria-labelledby": "budget-trend-titel"},
        )
    )
    return html.Div(onderdelen)


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("budget-url", "search"),
    Input("budget-wijk", "value"),
    Input("budget-jaar", "value"),
    Input("budget-bron", "value"),
    State("budget-url", "search"),
    prevent_initial_call=True,
)
def _filters_naar_url(wijk: str | None, jaar: str | None, bron: str | None, zoek: str | None) -> str:
    """De filters gaan de URL in; de pagina wordt dan opnieuw opgebouwd. Een ander filter sluit de
    uitgaven van een budgetpost (die hoort bij de vorige keuze)."""
    query = dict(parse_qsl((zoek or "").lstrip("?")))
    query.update({"wijk": _zonder(wijk), "jaar": jaar or "", "bron": _zonder(bron)})
    query.pop("budgetpost", None)
    return _href(query)[len("/budget"):]


@dash.callback(
    Output("budget-url", "search", allow_duplicate=True),
    Input("budget-post-keuze", "value"),
    State("budget-url", "search"),
    prevent_initial_call=True,
)
def _post_naar_url(post: str | None, zoek: str | None) -> str:
    query = dict(parse_qsl((zoek or "").lstrip("?")))
    if (query.get("budgetpost") or "") == _zonder(post):
        return dash.no_update
    query["budgetpost"] = _zonder(post)
    return _href(query)[len("/budget"):]


@dash.callback(
    Output("budget-url", "href", allow_duplicate=True),
    Input("budget-benutting", "clickData"),
    prevent_initial_call=True,
)
def _klik_op_wijk(klik: dict | None) -> str:
    """Een klik op een balk opent de wijkpagina."""
    try:
        slug = klik["points"][0]["customdata"][0]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return dash.no_update
    return f"/wijk/{slug}"
