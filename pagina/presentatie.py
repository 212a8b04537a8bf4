"""``/presentatie``: de presentatiemodus voor de beamer tijdens het raadsdebat.

De agenda en de peildatum staan in de URL (``?agenda=overzicht,budget:de-riet&peildatum=27-11-2026``;
het formaat staat in :mod:`datalaag.presentatie`), de getoonde dia ook (``&dia=2``). De pagina bouwt
alle dia's in één keer op; ``assets/presentatie.js`` wisselt van dia zonder de server (pijltjes,
PageUp/PageDown, spatie, Home/End; Esc verlaat de presentatie) en zet het nummer in de URL, zodat
herladen en terug/vooruit in de browser werken. ``assets/presentatie.css`` verbergt de schil (navigatie,
banner, voettekst) en maakt elke dia precies één scherm groot, met tekst van minstens 24 px.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import dash
import plotly.graph_objects as go
from dash import dcc, html
from flask import current_app, has_app_context

from dashboard.database import lees_sessie
from dashboard.thema import (
    LETTERTYPE,
    OKABE_ITO,
    PLOTLY_LOCALE_NL,
    STATUS_STIJL,
    TEKSTKLEUR,
)
from datalaag.budget import VLAG_LABELS
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)
from datalaag.overzicht import AmbitieMatrix, Kpis
from datalaag.presentatie import (
    BudgetDia,
    Dia,
    DoelenDia,
    Foutmelding,
    MeldingenDia,
    ProjectenDia,
    SignalenDia,
    ToezeggingenDia,
    WijkScoresDia,
    lees_agenda,
    lees_peildatum,
    presentatie,
    samensteller_pad,
    schrijf_peildatum,
    wijknamen,
)
from datalaag.wijkpagina import MAATREGEL_STATUS_LABELS
from pagina.componenten.heatmap import CIJFERKLASSEN, GEEN_SCORE, cijferklasse
from pagina.componenten.querystring import geheel

dash.register_page(
    __name__,
    path="/presentatie",
    name="Presentatie",
    title="Presentatie · Wijkaanpak Almelo",
    description="Presentatiemodus voor de beamer tijdens het raadsdebat.",
)

#: Lettergrootte van alle tekst in de grafieken (px); de pagina-tekst is minstens 24 px (CSS).
GRAFIEK_LETTER = 24
#: Hoeveel regels een lijst op een dia hooguit toont (de rest: "en nog …").
MAX_DOELEN = 6
MAX_MAATREGELEN = 6
MAX_TE_LAAT = 3
MAX_HOUDERS = 3
MAX_SIGNALEN = 7
MAX_POSTEN = 8

_ACHTER_ICOON = STATUS_STIJL["ver_achter"].icoon
DIAS = "dia's"


# --------------------------------------------------------------------------- bouwstenen


def _grafiek(id_: str, figuur: go.Figure, beschrijving: str, tabel: html.Table) -> html.Div:
    """Een grafiek die de ruimte vult, zonder knoppen, met letters van ``GRAFIEK_LETTER`` px en de
    gegevens als (onzichtbare) tabel voor schermlezers."""
    figuur.update_layout(
        font={"family": LETTERTYPE, "size": GRAFIEK_LETTER, "color": TEKSTKLEUR},
        autosize=True, paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel={"font": {"size": GRAFIEK_LETTER}},
    )
    figuur.layout.height = None
    # Zonder automargin knipt Plotly aslabels af die buiten de (kleine) marges vallen.
    figuur.update_xaxes(automargin=True)
    figuur.update_yaxes(automargin=True)
    # Tekst bij staven niet verkleinen om in de staaf te passen: altijd GRAFIEK_LETTER of groter.
    figuur.update_traces(constraintext="none", selector={"type": "bar"})
    return html.Div(
        [
            # De tekst in de SVG is voor schermlezers een losse stapel woorden: zij krijgen de tabel.
            html.Div(
                dcc.Graph(
                    id=id_, figure=figuur, className="presentatie-plot",
                    config={"staticPlot": True, "responsive": True, "displayModeBar": False, "locale": "nl",
                            "locales": {"nl": PLOTLY_LOCALE_NL}},
                    style={"height": "100%", "width": "100%"},
                ),
                className="presentatie-grafiek-vlak", **{"aria-hidden": "true"},
            ),
            html.Div([html.P(beschrijving), tabel], className="visually-hidden"),
        ],
        className="presentatie-grafiek",
    )


def _tabel(kolommen: Sequence[str], rijen: Sequence[Sequence[str]]) -> html.Table:
    return html.Table([
        html.Thead(html.Tr([html.Th(k, scope="col") for k in kolommen])),
        html.Tbody([html.Tr([html.Td(w) for w in rij]) for rij in rijen]),
    ])


def _cijfer(label: Any, waarde: str, toelichting: str | None = None, *, let_op: bool = False,
            id_: str | None = None) -> html.Div:
    """Een groot kerncijfer. ``let_op``: dikke rand én het woord "Let op" met pictogram (nooit kleur alleen)."""
    inhoud: list[Any] = []
    if let_op:
        inhoud.append(html.P([html.Span(_ACHTER_ICOON, **{"aria-hidden": "true"}), " Let op"],
                             className="presentatie-let-op"))
    inhoud += [html.P(label, className="presentatie-cijfer-label"),
               html.P(waarde, className="presentatie-cijfer-waarde", **({"id": id_} if id_ else {}))]
    if toelichting:
        inhoud.append(html.P(toelichting, className="presentatie-cijfer-toelichting"))
    return html.Div(inhoud, className="presentatie-cijfer" + (" is-let-op" if let_op else ""))


def _status(status: str) -> html.Span:
    stijl = STATUS_STIJL[status]
    return html.Span([html.Span(stijl.icoon, **{"aria-hidden": "true"}), f" {stijl.label}"],
                     className=f"presentatie-status {stijl.klasse}")


def _nog(aantal: int, enkelvoud: str, meervoud_: str) -> html.P | None:
    if aantal <= 0:
        return None
    return html.P(f"En nog {meervoud(aantal, enkelvoud, meervoud_)}.", className="presentatie-nog")


def _getal1(x: float | None) -> str:
    return formatteer_getal(x, 1)


# --------------------------------------------------------------------------- de weergaven


def _kerncijfers(k: Kpis) -> html.Div:
    afhandeltijd = (f"{_getal1(k.afhandeltijd_mediaan)} werkdagen" if k.afhandeltijd_mediaan is not None else "–")
    norm = (f"; {formatteer_procent(k.meldingen_binnen_norm)} binnen de norm"
            if k.meldingen_binnen_norm is not None else "")
    return html.Div(
        [
            _cijfer("Wijken met een vastgesteld plan", f"{k.wijken_vastgesteld} van {k.wijken_totaal}",
                    f"Plan lopend in {k.jaar}.", id_="presentatie-kpi-plannen"),
            _cijfer("Gemiddelde ambitiescore", _getal1(k.gemiddelde_ambitiescore),
                    "Rapportcijfer 1–10, alle wijken en ambities.", id_="presentatie-kpi-score"),
            _cijfer(f"Budget {k.jaar} besteed", formatteer_procent(k.budgetbenutting),
                    f"{formatteer_bedrag(k.uitgaven)} van {formatteer_bedrag(k.oormerk)}.",
                    let_op=k.budgetbenutting is not None and k.budgetbenutting > 1, id_="presentatie-kpi-budget"),
            _cijfer("Maatregelen achter schema", str(k.maatregelen_achter_schema),
                    f"Van {k.maatregelen_lopend} lopende maatregelen.", let_op=k.maatregelen_achter_schema > 0,
                    id_="presentatie-kpi-maatregelen"),
            _cijfer("Open meldingen", str(k.meldingen_open), f"Afhandeltijd {afhandeltijd}{norm}.",
                    id_="presentatie-kpi-meldingen"),
            _cijfer("Toezeggingen te laat", str(k.toezeggingen_te_laat),
                    f"Van {k.toezeggingen_open} open toezeggingen.", let_op=k.toezeggingen_te_laat > 0,
                    id_="presentatie-kpi-toezeggingen"),
        ],
        className="presentatie-cijfers presentatie-cijfers-6",
    )


def _afgebroken(tekst: str, breedte: int = 14) -> str:
    """Een ambitienaam in regels van ongeveer ``breedte`` tekens (alleen op spaties)."""
    regels: list[str] = []
    woorden = tekst.split()
    if len(woorden) > 1 and woorden[0].rstrip(".").isdigit():  # "4." niet alleen op een regel
        woorden[:2] = [f"{woorden[0]} {woorden[1]}"]
    for woord in woorden:
        if regels and len(regels[-1]) + 1 + len(woord) <= breedte:
            regels[-1] += " " + woord
        else:
            regels.append(woord)
    return "<br>".join(regels)


def _traptreden() -> list[list[Any]]:
    """Een getrapte kleurenschaal 1–10 met de klassen van de heatmap van het overzicht."""
    grenzen = [k[0] for k in CIJFERKLASSEN[1:]]
    kleuren = [k[1] for k in CIJFERKLASSEN]
    schaal: list[list[Any]] = []
    vanaf = 0.0
    for grens, kleur in zip(grenzen + [10.0], kleuren, strict=True):
        tot = (grens - 1) / 9
        schaal += [[vanaf, kleur], [tot, kleur]]
        vanaf = tot
    return schaal


def _heatmap(m: AmbitieMatrix, nummer: int) -> html.Div:
    rijen = [naam for _slug, naam in m.wijken] + ["Stad (gemiddelde)"]
    scores = [list(r) for r in m.scores] + [list(m.stadsgemiddelde)]
    kolommen = [_afgebroken(f"{n}. {naam}") for n, naam in m.ambities]
    annotaties = []
    for i, rij in enumerate(scores):
        for j, score in enumerate(rij):
            _achtergrond, tekst = cijferklasse(score)
            annotaties.append({
                "x": kolommen[j], "y": rijen[i], "text": "–" if score is None else _getal1(score),
                "showarrow": False, "font": {"size": GRAFIEK_LETTER, "color": tekst if score is not None else GEEN_SCORE[1],
                                             "weight": 700 if i == len(scores) - 1 else 600},
            })
    figuur = go.Figure(
        go.Heatmap(z=scores, x=kolommen, y=rijen, zmin=1, zmax=10, colorscale=_traptreden(), showscale=False,
                   xgap=3, ygap=3, hoverongaps=False),
        layout={
            "annotations": annotaties,
            "xaxis": {"side": "top", "showgrid": False, "tickfont": {"size": 20}, "fixedrange": True, "ticks": ""},
            "yaxis": {"autorange": "reversed", "showgrid": False, "tickfont": {"size": GRAFIEK_LETTER},
                      "ticksuffix": "  ", "fixedrange": True, "ticks": ""},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10, "autoexpand": True},
            # Een dikke lijn boven de rij van het stadsgemiddelde.
            "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                        "y0": len(rijen) - 1.5, "y1": len(rijen) - 1.5, "line": {"color": TEKSTKLEUR, "width": 4}}],
        },
    )
    tabel = _tabel(["Wijk"] + [f"{n}. {naam}" for n, naam in m.ambities],
                   [[rij] + ["–" if s is None else _getal1(s) for s in score_rij]
                    for rij, score_rij in zip(rijen, scores, strict=True)])
    legenda = html.Div(
        [html.Span("Rapportcijfer:", className="me-2")]
        + [html.Span(tekst, className="presentatie-blokje", style={"backgroundColor": bg, "color": fg})
           for _ondergrens, bg, fg, tekst in CIJFERKLASSEN]
        + [html.Span("– = nog geen score", className="ms-2")],
        className="presentatie-legenda",
    )
    return html.Div(
        [
            _grafiek(f"presentatie-heatmap-{nummer}", figuur,
                     "Ambitiescore (rapportcijfer 1–10) van elke wijk per ambitie, met het stadsgemiddelde.", tabel),
            legenda,
        ],
        className="presentatie-kolom",
    )


def _wijkscores(w: WijkScoresDia, nummer: int) -> html.Div:
    labels = [_afgebroken(f"{s.nummer}. {s.ambitie}", 18) for s in w.scores]
    wijk = [s.wijk for s in w.scores]
    stad = [s.stad for s in w.scores]
    figuur = go.Figure(
        [
            go.Bar(y=labels, x=wijk, name=w.wijk, orientation="h", marker={"color": OKABE_ITO[0]},
                   text=[_getal1(v) if v is not None else "geen score" for v in wijk], textposition="outside",
                   textfont={"size": GRAFIEK_LETTER + 2}, cliponaxis=False),
            go.Bar(y=labels, x=stad, name="Stad (gemiddelde)", orientation="h",
                   marker={"color": "#bdbdbd", "line": {"color": "#505050", "width": 1},
                           "pattern": {"shape": "/", "fgcolor": "#505050", "size": 10}},
                   text=[_getal1(v) if v is not None else "" for v in stad], textposition="outside",
                   textfont={"size": GRAFIEK_LETTER}, cliponaxis=False),
        ],
        layout={
            "barmode": "group", "bargap": 0.25, "bargroupgap": 0.05,
            "xaxis": {"range": [0, 10.9], "dtick": 1, "title": {"text": "rapportcijfer (1–10)"}, "fixedrange": True},
            "yaxis": {"autorange": "reversed", "ticksuffix": "  ", "fixedrange": True},
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
            "margin": {"l": 10, "r": 30, "t": 50, "b": 10, "autoexpand": True},
        },
    )
    tabel = _tabel(["Ambitie", w.wijk, "Stad (gemiddelde)", "Bron"],
                   [[f"{s.nummer}. {s.ambitie}", _getal1(s.wijk), _getal1(s.stad), s.bron or "–"] for s in w.scores])
    bronnen = sorted({s.bron for s in w.scores if s.bron})
    bron = ("Cijfers van " + w.wijk + " uit: " + "; ".join(bronnen[:2]) + (" e.a." if len(bronnen) > 2 else "") + "."
            if bronnen else f"{w.wijk} heeft nog geen ambitiescore.")
    verschil = [s for s in w.scores if s.wijk is not None and s.stad is not None]
    onder = [s for s in verschil if s.wijk < s.stad - 0.05]
    samenvatting = (f"{w.wijk} scoort op {meervoud(len(onder), 'ambitie', 'ambities')} onder het stadsgemiddelde."
                    if verschil else "")
    return html.Div(
        [
            html.P([samenvatting, " ", bron], className="presentatie-onderschrift"),
            _grafiek(f"presentatie-wijkscores-{nummer}", figuur,
                     f"Ambitiescore van {w.wijk} per ambitie naast het stadsgemiddelde.", tabel),
        ],
        className="presentatie-kolom",
    )


def _doelregel(t) -> html.Li:
    procent = "%" if t.eenheid_getoond == "%" else ""
    eenheid = "" if procent else f" {t.eenheid_getoond}"
    if t.laatste is not None:
        stand = (f"gemeten {_getal1(t.laatste.getoond)}{procent} ({formatteer_datum(t.laatste.peildatum)})"
                 + (f", verwacht {_getal1(t.verwacht)}{procent}" if t.verwacht is not None else ""))
    else:
        stand = "nog geen meting"
    return html.Li(
        [
            html.Span([_status(t.status), f" {t.indicator_naam}"], className="presentatie-regel-naam"),
            html.Span(f"{stand}; doel {_getal1(t.streefwaarde_getoond)}{procent}{eenheid} in {t.streefjaar}.",
                      className="presentatie-regel-detail"),
        ],
        className="presentatie-regel",
        **{"data-status": t.status},
    )


def _doelen(d: DoelenDia) -> html.Div:
    if d.plan is None:
        return _melding(f"{d.wijk} heeft geen wijkplan met doelstellingen.")
    tellers = html.Div(
        [
            html.Div([_status(status), html.Span(str(aantal), className="presentatie-teltal")],
                     className="presentatie-telling", **{"data-status": status})
            for status, aantal in d.aantallen.items()
        ],
        className="presentatie-tellingen",
    )
    getoond = d.doelstellingen[:MAX_DOELEN]
    lijst: Any
    if getoond:
        lijst = html.Div([
            html.H2("Ver achter en achter eerst", className="presentatie-tussenkop"),
            html.Ul([_doelregel(t) for t in getoond], className="presentatie-lijst"),
            _nog(len(d.doelstellingen) - len(getoond), "doelstelling", "doelstellingen"),
        ])
    else:
        lijst = html.P("Het plan heeft geen SMART-doelstellingen.", className="presentatie-groot")
    return html.Div(
        [html.P(f"Plan: {d.plan}", className="presentatie-onderschrift"),
         html.Div([tellers, html.Div(lijst, className="presentatie-rest")], className="presentatie-rij")],
        className="presentatie-kolom",
    )


def _budget(b: BudgetDia, peildatum: dt.date, nummer: int) -> html.Div:
    s = b.samenvatting
    vlag = VLAG_LABELS.get(b.vlag or "")
    cijfers = html.Div(
        [
            _cijfer(f"Oormerk {s.jaar}", formatteer_bedrag(s.oormerk)),
            _cijfer(["Uitgegeven t/m ", html.Span(formatteer_datum(peildatum), className="text-nowrap")],
                    formatteer_bedrag(s.uitgaven),
                    f"{formatteer_procent(s.budgetbenutting)} besteed" + (f": {vlag.lower()}." if vlag else "."),
                    let_op=vlag is not None),
            html.P("Budgethouder: " + (", ".join(s.budgethouders) or "–") + ".", className="presentatie-onderschrift"),
        ],
        className="presentatie-zijkant",
    )
    posten = [(p, om) for om in b.oormerken for p in om.posten]
    if not posten:
        return html.Div([cijfers, html.Div(_melding(f"Geen oormerk met budgetposten in {s.jaar}."),
                                           className="presentatie-rest")], className="presentatie-rij")
    te_veel = len(posten) > MAX_POSTEN
    if te_veel:
        posten = sorted(posten, key=lambda po: -po[0].bedrag)[:MAX_POSTEN]
    meerdere = len(b.oormerken) > 1
    labels = [_afgebroken(p.naam + (f" ({om.periode})" if meerdere else ""), 22) for p, om in posten]
    begroot = [p.bedrag for p, _om in posten]
    besteed = [p.uitgegeven_tm_jaar for p, _om in posten]
    figuur = go.Figure(
        [
            go.Bar(y=labels, x=begroot, name="Begroot", orientation="h",
                   marker={"color": "#d9d9d9", "line": {"color": "#505050", "width": 1}},
                   text=[formatteer_bedrag(v) for v in begroot], textposition="outside", cliponaxis=False),
            go.Bar(y=labels, x=besteed, name=f"Besteed t/m {formatteer_datum(peildatum)}", orientation="h",
                   marker={"color": OKABE_ITO[0]},
                   text=[formatteer_bedrag(v) + (" ✖ meer dan begroot" if v > b + 0.005 else "")
                         for v, b in zip(besteed, begroot, strict=True)],
                   textposition="outside", cliponaxis=False),
        ],
        layout={
            "barmode": "group", "bargap": 0.25,
            "xaxis": {"showticklabels": False, "showgrid": False, "fixedrange": True,
                      "range": [0, max(begroot + besteed + [1]) * 1.6]},
            "yaxis": {"autorange": "reversed", "ticksuffix": "  ", "fixedrange": True},
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10, "autoexpand": True},
        },
    )
    tabel = _tabel(["Budgetpost", "Oormerk", "Begroot", "Besteed t/m peildatum"],
                   [[p.naam, f"{om.naam} ({om.periode})", formatteer_bedrag(p.bedrag),
                     formatteer_bedrag(p.uitgegeven_tm_jaar)] for p, om in posten])
    titel = "Budgetposten: begroot en besteed" + (f" (de {MAX_POSTEN} grootste)" if te_veel else "")
    return html.Div(
        [
            cijfers,
            html.Div([html.H2(titel, className="presentatie-tussenkop"),
                      _grafiek(f"presentatie-budget-{nummer}", figuur,
                               f"Per budgetpost het begrote bedrag en wat er tot en met {formatteer_datum(peildatum)} "
                               "is besteed.", tabel)],
                     className="presentatie-rest presentatie-kolom"),
        ],
        className="presentatie-rij",
    )


def _meldingen(m: MeldingenDia, nummer: int) -> html.Div:
    s = m.samenvatting
    per_1000 = f"{_getal1(s.ontvangen_per_1000)} per 1.000 inwoners." if s.ontvangen_per_1000 is not None else None
    cijfers = html.Div(
        [
            _cijfer(f"Ontvangen in {s.jaar}", str(s.ontvangen), per_1000),
            _cijfer("Open op de peildatum", str(s.open),
                    f"Waarvan {m.open_over_norm} over de afhandelnorm.", let_op=m.open_over_norm > 0),
            _cijfer("Binnen de norm afgehandeld", formatteer_procent(m.binnen_norm),
                    f"Mediane afhandeltijd {_getal1(s.afhandeltijd_mediaan)} werkdagen."
                    if s.afhandeltijd_mediaan is not None else None),
        ],
        className="presentatie-zijkant",
    )
    labels = [a.label for a in m.per_categorie]
    waarden = [a.aantal for a in m.per_categorie]
    figuur = go.Figure(
        go.Bar(x=labels, y=waarden, marker={"color": OKABE_ITO[0]}, text=[str(v) for v in waarden],
               textposition="outside", cliponaxis=False, textfont={"size": GRAFIEK_LETTER + 2}),
        layout={
            "yaxis": {"title": {"text": "aantal meldingen"}, "rangemode": "tozero", "fixedrange": True,
                      "range": [0, max(waarden + [1]) * 1.2]},
            "xaxis": {"fixedrange": True},
            "margin": {"l": 10, "r": 10, "t": 20, "b": 10, "autoexpand": True},
            "showlegend": False,
        },
    )
    tabel = _tabel(["Categorie", "Ontvangen"], [[a.label, str(a.aantal)] for a in m.per_categorie])
    return html.Div(
        [
            cijfers,
            html.Div([html.H2(f"Ontvangen in {s.jaar} per categorie", className="presentatie-tussenkop"),
                      _grafiek(f"presentatie-meldingen-{nummer}", figuur,
                               f"Aantal meldingen per categorie, ontvangen in {s.jaar} tot en met de peildatum.", tabel)],
                     className="presentatie-rest presentatie-kolom"),
        ],
        className="presentatie-rij",
    )


def _maatregelregel(mr) -> html.Li:
    verwacht = f" (verwacht {formatteer_getal(mr.verwacht)}%)" if mr.verwacht is not None else ""
    return html.Li(
        [
            html.Span(mr.naam, className="presentatie-regel-naam"),
            html.Span(
                [
                    html.Progress(value=str(mr.voortgang), max="100", className="presentatie-voortgang",
                                  **{"aria-label": f"Voortgang {mr.naam}"}),
                    f" {mr.voortgang}%{verwacht} · {mr.status_label}",
                    html.Span([" · ", html.Span(_ACHTER_ICOON, **{"aria-hidden": "true"}), " achter schema"],
                              className="status-ver-achter fw-bold") if mr.achter_schema else None,
                ],
                className="presentatie-regel-detail",
            ),
        ],
        className="presentatie-regel",
        **({"data-achter-schema": "ja"} if mr.achter_schema else {}),
    )


def _projecten(p: ProjectenDia) -> html.Div:
    if p.plan is None:
        return _melding(f"{p.wijk} heeft geen wijkplan met maatregelen.")
    tellers = html.Div(
        [html.Div([html.Span(MAATREGEL_STATUS_LABELS[s], className="presentatie-telling-label"),
                   html.Span(str(n), className="presentatie-teltal")], className="presentatie-telling")
         for s, n in p.per_status.items()]
        + [html.Div([html.Span([html.Span(_ACHTER_ICOON, **{"aria-hidden": "true"}), " Achter schema"],
                               className="presentatie-telling-label status-ver-achter"),
                     html.Span(str(p.achter_schema), className="presentatie-teltal")],
                    className="presentatie-telling is-let-op" if p.achter_schema else "presentatie-telling")],
        className="presentatie-tellingen",
    )
    getoond = p.lopend[:MAX_MAATREGELEN]
    lijst: Any = (
        html.Div([html.H2("Lopende maatregelen, achter schema eerst", className="presentatie-tussenkop"),
                  html.Ul([_maatregelregel(m) for m in getoond], className="presentatie-lijst"),
                  _nog(len(p.lopend) - len(getoond), "lopende maatregel", "lopende maatregelen")])
        if getoond else html.P("Er lopen op de peildatum geen maatregelen.", className="presentatie-groot")
    )
    return html.Div(
        [html.P(f"Plan: {p.plan}", className="presentatie-onderschrift"),
         html.Div([tellers, html.Div(lijst, className="presentatie-rest")], className="presentatie-rij")],
        className="presentatie-kolom",
    )


def _toezeggingen(t: ToezeggingenDia) -> html.Div:
    cijfers = html.Div(
        [
            _cijfer("Open toezeggingen", str(t.open), None, id_=None),
            _cijfer("Waarvan te laat", str(t.te_laat), "Termijn verstreken, niet afgedaan.", let_op=t.te_laat > 0),
        ],
        className="presentatie-zijkant",
    )
    if not t.open:
        rest: Any = html.P("Er staan op de peildatum geen toezeggingen open" + (f" over {t.wijk}." if t.wijk else "."),
                           className="presentatie-groot")
    else:
        houders = t.per_portefeuillehouder[:MAX_HOUDERS]
        tabel = html.Table(
            [html.Thead(html.Tr([html.Th("Portefeuillehouder", scope="col"), html.Th("Open", scope="col"),
                                 html.Th("Te laat", scope="col")])),
             html.Tbody([html.Tr([html.Th(h, scope="row"), html.Td(str(n)), html.Td(str(laat))])
                         for h, n, laat in houders])],
            className="presentatie-tabel",
        )
        te_late = t.te_late[:MAX_TE_LAAT]
        rest = html.Div([
            tabel,
            _nog(len(t.per_portefeuillehouder) - len(houders), "portefeuillehouder", "portefeuillehouders"),
            html.H2("Te laat, oudste termijn eerst", className="presentatie-tussenkop") if te_late else None,
            html.Ul([html.Li([html.Span(f"{z.nummer} · {z.portefeuillehouder} · termijn {formatteer_datum(z.termijn)}",
                                        className="presentatie-regel-naam"),
                              html.Span(z.onderwerp, className="presentatie-regel-detail presentatie-twee-regels")],
                             className="presentatie-regel") for z in te_late],
                    className="presentatie-lijst") if te_late else None,
            _nog(len(t.te_late) - len(te_late), "te late toezegging", "te late toezeggingen"),
        ])
    return html.Div([cijfers, html.Div(rest, className="presentatie-rest")], className="presentatie-rij")


_ERNST = {"hoog": "Hoog", "middel": "Aandacht"}


def _signalen_stad(s: SignalenDia, nummer: int) -> html.Div:
    """De hele stad: per wijk hoeveel signalen (hoog en aandacht) en welke regels het vaakst afgaan."""
    per_wijk = s.per_wijk()
    wijken = [w for w, _h, _m in per_wijk]
    hoog = [h for _w, h, _m in per_wijk]
    middel = [m for _w, _h, m in per_wijk]
    figuur = go.Figure(
        [
            go.Bar(y=wijken, x=hoog, name="Hoog", orientation="h", marker={"color": "#b23c00"},
                   text=[str(v) if v else "" for v in hoog], textposition="inside", insidetextanchor="middle",
                   textangle=0, textfont={"color": "white", "size": 20}),
            go.Bar(y=wijken, x=middel, name="Aandacht", orientation="h",
                   marker={"color": "#f3c466", "line": {"color": "#5c3f00", "width": 1},
                           "pattern": {"shape": "/", "fgcolor": "#8a5a00", "size": 12}},
                   # Het totaal achter de staaf: "13 + 4" (hoog + aandacht).
                   text=[f"{h} + {m}" if h and m else str(h or m) for h, m in zip(hoog, middel, strict=True)],
                   textposition="outside", textangle=0, cliponaxis=False, textfont={"size": 20}),
        ],
        layout={
            "barmode": "stack", "bargap": 0.2,
            "xaxis": {"title": {"text": "aantal signalen"}, "fixedrange": True,
                      "range": [0, max([h + m for h, m in zip(hoog, middel, strict=True)] + [1]) * 1.3]},
            "yaxis": {"autorange": "reversed", "ticksuffix": "  ", "fixedrange": True, "tickfont": {"size": 20}},
            "legend": {"orientation": "h", "x": 0, "y": 1.01, "yanchor": "bottom", "traceorder": "normal"},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10, "autoexpand": True},
        },
    )
    tabel = _tabel(["Wijk", "Hoog", "Aandacht"], [[w, str(h), str(m)] for w, h, m in per_wijk])
    regels = s.per_regel()
    return html.Div(
        [
            html.Div([html.H2("Per wijk", className="presentatie-tussenkop"),
                      _grafiek(f"presentatie-signalen-{nummer}", figuur,
                               "Aantal signalen per wijk, met ernst hoog en aandacht.", tabel)],
                     className="presentatie-rest presentatie-kolom"),
            html.Div(
                [
                    html.P(f"{meervoud(len(s.signalen), 'signaal', 'signalen')}, waarvan {s.hoog} met ernst hoog.",
                           className="presentatie-groot"),
                    html.H2("Per regel", className="presentatie-tussenkop"),
                    html.Table(html.Tbody([html.Tr([html.Th(naam, scope="row"), html.Td(str(aantal))])
                                           for naam, aantal in regels[:8]]),
                               className="presentatie-tabel"),
                    _nog(len(regels) - 8, "regel", "regels"),
                ],
                className="presentatie-zijkant presentatie-zijkant-breed",
            ),
        ],
        className="presentatie-rij",
    )


def _signalen(s: SignalenDia, nummer: int) -> html.Div:
    if not s.signalen:
        return _melding("Geen signalen op de peildatum" + (f" voor {s.wijk}." if s.wijk else "."), soort="goed")
    if s.wijk is None:
        return _signalen_stad(s, nummer)
    getoond = s.signalen[:MAX_SIGNALEN]

    def tekst(x) -> str:  # "De Riet: …" herhaalt de titel van de dia
        voorvoegsel = f"{x.wijk_naam}: "
        if not (x.wijk_naam and x.tekst.startswith(voorvoegsel)):
            return x.tekst
        rest = x.tekst[len(voorvoegsel):]
        return rest[:1].upper() + rest[1:]

    return html.Div(
        [
            html.P(f"{meervoud(len(s.signalen), 'signaal', 'signalen')}, waarvan {s.hoog} met ernst hoog.",
                   className="presentatie-onderschrift"),
            html.Ul([html.Li([html.Span(_ERNST.get(x.ernst, x.ernst), className="presentatie-ernst"),
                              html.Span(tekst(x), className="presentatie-signaal-tekst")],
                             className=f"presentatie-signaal signaal-{x.ernst}") for x in getoond],
                    className="presentatie-lijst"),
            _nog(len(s.signalen) - len(getoond), "signaal", "signalen"),
        ],
        className="presentatie-kolom",
    )


def _melding(tekst: str, details: Sequence[str] = (), *, soort: str = "fout", link: str | None = None) -> html.Div:
    icoon = "✔" if soort == "goed" else "⚠"
    return html.Div(
        [html.P([html.Span(icoon, className="presentatie-melding-icoon", **{"aria-hidden": "true"}), " ", tekst],
                className="presentatie-groot")]
        + [html.P(d) for d in details]
        + ([html.P(["Pas de agenda aan in de ", html.A("samensteller", href=link), "."])] if link else []),
        className=f"presentatie-melding presentatie-melding-{soort}",
    )


def _inhoud(dia: Dia, peildatum: dt.date | None, samensteller: str) -> Any:
    g = dia.gegevens
    if isinstance(g, Foutmelding):
        return _melding(g.tekst, g.details, link=samensteller)
    if isinstance(g, Kpis):
        return _kerncijfers(g)
    if isinstance(g, AmbitieMatrix):
        return _heatmap(g, dia.nummer)
    if isinstance(g, WijkScoresDia):
        return _wijkscores(g, dia.nummer)
    if isinstance(g, DoelenDia):
        return _doelen(g)
    if isinstance(g, BudgetDia):
        return _budget(g, peildatum, dia.nummer)
    if isinstance(g, MeldingenDia):
        return _meldingen(g, dia.nummer)
    if isinstance(g, ProjectenDia):
        return _projecten(g)
    if isinstance(g, ToezeggingenDia):
        return _toezeggingen(g)
    if isinstance(g, SignalenDia):
        return _signalen(g, dia.nummer)
    return _melding("Deze weergave kan niet getoond worden.")  # pragma: no cover


# --------------------------------------------------------------------------- de pagina


def _is_demo() -> bool:
    if not has_app_context():
        return False
    config = current_app.extensions.get("wijkaanpak_config")
    return bool(config is not None and config.is_demo)


def _knoppen() -> html.Div:
    def knop(actie: str, teken: str, uitleg: str) -> html.Button:
        return html.Button(teken, type="button", className="presentatie-knop", title=uitleg,
                           **{"data-presentatie-actie": actie, "aria-label": uitleg})

    return html.Div([knop("vorige", "◀", "Vorige dia"), knop("volgende", "▶", "Volgende dia"),
                     knop("sluiten", "✕", "Presentatie sluiten (Esc)")], className="presentatie-knoppen")


def _dia_sectie(dia: Dia, aantal: int, actief: int, peildatum: dt.date | None, demo: bool,
                samensteller: str) -> html.Section:
    titel_id = f"presentatie-titel-{dia.nummer}"
    voet = [
        html.Span(
            [html.Span(f"Peildatum {formatteer_datum(peildatum)}" if peildatum else "Geen peildatum",
                       className="presentatie-peildatum"),
             html.Span("Demonstratiegegevens", className="presentatie-demo") if demo else None],
            className="presentatie-voet-regel",
        ),
        html.Span(f"Bron: {dia.bron}", className="presentatie-bron"),
    ]
    return html.Section(
        [
            html.Header(html.H1(dia.titel, id=titel_id), className="presentatie-kop"),
            html.Div(_inhoud(dia, peildatum, samensteller), className="presentatie-inhoud"),
            html.Footer(
                [html.Div(voet, className="presentatie-voet-tekst"),
                 html.Div([html.Span(f"{dia.nummer} / {aantal}", className="presentatie-teller",
                                     title=f"Dia {dia.nummer} van {aantal}"), _knoppen()],
                          className="presentatie-voet-rechts")],
                className="presentatie-voet",
            ),
        ],
        id=f"presentatie-dia-{dia.nummer}",
        className="presentatie-dia" + (" is-actief" if dia.nummer == actief else ""),
        **{"data-dia": str(dia.nummer), "data-weergave": dia.weergave or "melding", "data-titel": dia.titel,
           "aria-labelledby": titel_id, "aria-roledescription": "dia"},
    )


def layout(agenda: Any = None, peildatum: Any = None, dia: Any = None, terug: Any = None, **_query):
    vandaag = dt.date.today()
    datum, fout = lees_peildatum(peildatum, vandaag)
    with lees_sessie() as sessie:
        wijken = wijknamen(sessie)
        gelezen = lees_agenda(agenda, wijken)
        if fout is not None:
            dias = [Dia(1, None, None, "De peildatum klopt niet", "de link van deze presentatie", Foutmelding(fout))]
        elif not gelezen.onderdelen and not gelezen.fouten:
            dias = [Dia(1, None, None, "Presentatie", "–", Foutmelding(
                "Deze presentatie heeft nog geen agenda.",
                ("Kies de onderdelen, de volgorde en de peildatum in de samensteller; die maakt de link.",)))]
        else:
            dias = presentatie(sessie, gelezen, datum, wijken)
    aantal = len(dias)
    actief = min(max(geheel(dia if isinstance(dia, str) else None) or 1, 1), aantal)
    samensteller = samensteller_pad(gelezen.geldige, datum)
    terug_pad = samensteller if terug == "samenstellen" else "/"
    demo = _is_demo()
    return html.Div(
        [
            html.Div(
                f"Dia {actief} van {aantal}: {dias[actief - 1].titel}",
                id="presentatie-aankondiging", className="visually-hidden", role="status",
                **{"aria-live": "polite"},
            ),
            *(_dia_sectie(d, aantal, actief, datum, demo, samensteller) for d in dias),
        ],
        id="presentatie-dia",
        className="presentatie",
        tabIndex="-1",
        role="region",
        **{
            "aria-roledescription": "presentatie",
            "aria-label": f"Presentatie, {meervoud(aantal, 'dia', DIAS)}. Pijltjestoetsen: volgende en vorige "
                          "dia; Esc: sluiten.",
            "data-actief": str(actief),
            "data-aantal": str(aantal),
            "data-terug": terug_pad,
            "data-peildatum": schrijf_peildatum(datum) if datum else "",
        },
    )
