"""``/projecten``: de maatregelen van de wijkplannen, hun voortgang, planning en kosten.

De filters staan in de URL (``/projecten?wijk=kerkelanden&ambitie=2&status=vertraagd&jaar=2026``);
``&maatregel=<id>`` toont de voortgangshistorie van één maatregel. Standaard: alle wijken, ambities
en statussen in het lopende jaar (``jaar=alle`` toont alle jaren). Ongeldige waarden vallen terug
op de standaard; een onbekende maatregel geeft een melding "niet gevonden".

Op G4-schaal (duizenden maatregelen) gaan er geen rijen mee met de pagina: de lijst haalt ze per blok
van de server (sorteren en filteren in SQL, export van alle gefilterde rijen op de server), de
samenvatting en de tijdlijn (top-N) komen uit SQL, en de keuzelijst voor de voortgangshistorie toont
hooguit :data:`~datalaag.projecten.MAX_OPTIES` maatregelen, met een zoekveld dat de server laat zoeken.

*Achter schema* en alle andere definities staan in :mod:`datalaag.projecten` en
:mod:`datalaag.afgeleid`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import STATUS_STIJL
from datalaag.afgeleid import verwachte_voortgang
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)
from datalaag.projecten import (
    ACHTER_SCHEMA_FILTER,
    STATUS_LABELS,
    AmbitieVoortgang,
    Filter,
    Projectkeuzes,
    Projectsamenvatting,
    Voortgangshistorie,
    maatregel_opties,
    maatregelen_pagina,
    projectkeuzes,
    samenvatting,
    tijdlijn,
    voortgang_per_ambitie,
    voortgangshistorie,
)
from pagina.componenten.filters import maak_keuze
from pagina.componenten.grafiek import (
    bestandsnaam,
    kolom,
    maak_grafiek,
    maak_tabel,
    tabel_met_export,
)
from pagina.componenten.grid import (
    brede_kolommen,
    maak_grid,
    maak_grid_serverzijdig,
    registreer_export,
    registreer_paginering,
)
from pagina.componenten.querystring import geheel

dash.register_page(
    __name__,
    path="/projecten",
    name="Projecten",
    title="Projecten · Wijkaanpak Almelo",
    description="De maatregelen van de wijkplannen: status, voortgang, planning tegen werkelijkheid en kosten.",
    order=4,
)

ALLE_JAREN = "alle"
#: "Alle …" en "geen maatregel" in de keuzelijsten (dbc.Select kan geen lege waarde tonen).
ALLE = "alle"
GEEN = "geen"


def _zonder(waarde: str | None) -> str:
    return "" if waarde in (None, ALLE, GEEN) else waarde
#: Maximaal aantal balken in de tijdlijn (leesbaar op 1280×720).
TIJDLIJN_MAX = 40
#: Kleur per status (Okabe-Ito), altijd met het woord in de legenda.
STATUS_KLEUR = {
    "gepland": "#56B4E9",
    "in_uitvoering": "#0072B2",
    "vertraagd": "#D55E00",
    "afgerond": "#009E73",
    "gestopt": "#767676",
}
WERKELIJK_KLEUR = "#1b1b1b"

MAATREGEL_KOLOMMEN = [
    Kolom("naam", "Maatregel", breedte=260),
    Kolom("wijk", "Wijk", breedte=150),
    Kolom("ambitie", "Ambitie", breedte=180),
    Kolom("oplossingsrichting", "Oplossingsrichting", breedte=220),
    Kolom("verantwoordelijke", "Verantwoordelijke", breedte=190),
    Kolom("status", "Status", breedte=140),
    Kolom("voortgang", "Voortgang", "procent", breedte=125),
    Kolom("achter_schema", "Achter schema", breedte=120),
    Kolom("start", "Gepland start", "datum", breedte=120),
    Kolom("eind", "Gepland eind", "datum", breedte=120),
    Kolom("werkelijk_start", "Werkelijk start", "datum", breedte=120),
    Kolom("werkelijk_eind", "Werkelijk afgerond", "datum", breedte=130),
    Kolom("schatting_kosten", "Geschatte kosten", "bedrag", breedte=130),
    Kolom("besteed", "Besteed", "bedrag", breedte=120),
]
AMBITIE_KOLOMMEN = [
    Kolom("wijk", "Wijk", breedte=170),
    Kolom("ambitie", "Ambitie", breedte=220),
    Kolom("aantal", "Maatregelen", "getal", breedte=120),
    Kolom("gemiddelde_voortgang", "Gemiddelde voortgang", "procent", breedte=130),
    Kolom("achter_schema", "Achter schema", "getal", breedte=120),
]


# --------------------------------------------------------------------------- keuzes uit de URL




def kies_filter(query: Mapping[str, str | None], keuzes: Projectkeuzes, vandaag: dt.date) -> Filter:
    """Het filter uit de querystring; onbekende waarden vallen terug op de standaard (alles, lopend jaar)."""
    wijk = query.get("wijk") if query.get("wijk") in {s for s, _ in keuzes.wijken} else None
    ambitie = geheel(query.get("ambitie"))
    ambitie = ambitie if ambitie in {n for n, _ in keuzes.ambities} else None
    status = query.get("status")
    status = status if status in STATUS_LABELS or status == ACHTER_SCHEMA_FILTER else None
    if query.get("jaar") == ALLE_JAREN:
        jaar = None
    else:
        jaar = geheel(query.get("jaar"))
        if jaar not in keuzes.jaren:
            jaar = vandaag.year
    return Filter(wijk=wijk, ambitie=ambitie, status=status, jaar=jaar)


def _query_van(f: Filter, maatregel: int | None = None) -> dict[str, str]:
    q = {
        "wijk": f.wijk or "",
        "ambitie": "" if f.ambitie is None else str(f.ambitie),
        "status": f.status or "",
        "jaar": ALLE_JAREN if f.jaar is None else str(f.jaar),
        "maatregel": "" if maatregel is None else str(maatregel),
    }
    return {k: v for k, v in q.items() if v}


def _href(query: Mapping[str, str]) -> str:
    volgorde = ["wijk", "ambitie", "status", "jaar", "maatregel"]
    geordend = {k: query[k] for k in volgorde if query.get(k)}
    return "/projecten" + ("?" + urlencode(geordend) if geordend else "")


def _lijst_rijen(query: Mapping[str, str], start: int, eind: int, sortering: Sequence[tuple[str, str]],
                 filters: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Eén blok van de maatregelenlijst, met de filters uit de URL (voor de grid en de export)."""
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        f = kies_filter(query, projectkeuzes(sessie), vandaag)
        return maatregelen_pagina(sessie, f, vandaag, start, eind, sortering, filters)


def _export_ambities(query: Mapping[str, str]) -> list[dict[str, Any]]:
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        f = kies_filter(query, projectkeuzes(sessie), vandaag)
        return [a.als_rij() for a in voortgang_per_ambitie(sessie, f, vandaag)]


registreer_paginering("projecten-maatregelen", _lijst_rijen, kolommen=MAATREGEL_KOLOMMEN, naam="maatregelen")
registreer_export("projecten-ambities", AMBITIE_KOLOMMEN, _export_ambities, "voortgang per ambitie")


# --------------------------------------------------------------------------- onderdelen


_BREEDTE = {"xs": 12, "sm": 6, "lg": 3, "xl": 2}


def _filters(keuzes: Projectkeuzes, f: Filter) -> dbc.Row:
    return dbc.Row(
        [
            maak_keuze("projecten-wijk", "Wijk", [{"label": "Alle wijken", "value": ALLE}]
                 + [{"label": n, "value": s} for s, n in keuzes.wijken], f.wijk or ALLE, **_BREEDTE),
            maak_keuze("projecten-ambitie", "Ambitie", [{"label": "Alle ambities", "value": ALLE}]
                 + [{"label": f"{n}. {naam}", "value": str(n)} for n, naam in keuzes.ambities],
                 ALLE if f.ambitie is None else str(f.ambitie), **_BREEDTE),
            maak_keuze("projecten-status", "Status", [{"label": "Alle statussen", "value": ALLE}]
                 + [{"label": label, "value": s} for s, label in STATUS_LABELS.items()]
                 + [{"label": "Achter schema", "value": ACHTER_SCHEMA_FILTER}], f.status or ALLE, **_BREEDTE),
            maak_keuze("projecten-jaar", "Jaar", [{"label": "Alle jaren", "value": ALLE_JAREN}]
                 + [{"label": str(j), "value": str(j)} for j in reversed(keuzes.jaren)],
                 ALLE_JAREN if f.jaar is None else str(f.jaar), **_BREEDTE),
        ],
        className="g-3 mb-3",
    )


def _kort(tekst: str, lengte: int = 42) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def _ms(van: str, tot: str) -> float:
    """Duur in milliseconden (Plotly-balken op een datumas), minstens één dag."""
    dagen = max(1, (dt.date.fromisoformat(tot) - dt.date.fromisoformat(van)).days)
    return dagen * 86_400_000


def maak_tijdlijn(rijen: list[dict[str, Any]], peildatum: dt.date, met_wijk: bool = True) -> dict[str, Any]:
    """Gantt: geplande periode als balk in de kleur van de status, de werkelijke periode als smalle
    zwarte balk erin. Eén spoor per status, zodat de legenda de statussen in woorden noemt. Zonder
    wijkfilter staat de wijk in het label. Een gewone dict (dcc.Graph neemt die; veel sneller dan
    ``go.Figure``)."""
    labels = [
        (f"{_kort(r['naam'], 30)} · {r['wijk']}" if met_wijk else _kort(r["naam"], 44))
        + (" ▲" if r["is_achter_schema"] else "")
        for r in rijen
    ]
    # Unieke y-labels (twee maatregelen met dezelfde naam in dezelfde wijk).
    gezien: dict[str, int] = {}
    for i, label in enumerate(labels):
        gezien[label] = gezien.get(label, 0) + 1
        if gezien[label] > 1:
            labels[i] = f"{label} ({gezien[label]})"
    sporen: list[dict[str, Any]] = []
    for code, label in STATUS_LABELS.items():
        idx = [i for i, r in enumerate(rijen) if r["status_code"] == code]
        if not idx:
            continue
        sporen.append({
            "type": "bar",
            "name": label,
            "y": [labels[i] for i in idx],
            "base": [rijen[i]["start"] for i in idx],
            "x": [_ms(rijen[i]["start"], rijen[i]["eind"]) for i in idx],
            "orientation": "h",
            "marker": {"color": STATUS_KLEUR[code]},
            "customdata": [[rijen[i]["id"]] for i in idx],
            "hovertext": [
                f"{rijen[i]['naam']} ({rijen[i]['wijk']})<br>{label}, voortgang "
                f"{formatteer_procent(rijen[i]['voortgang'], 0)}<br>gepland {_d(rijen[i]['start'])}"
                f" – {_d(rijen[i]['eind'])}"
                + ("<br>achter schema" if rijen[i]["is_achter_schema"] else "")
                for i in idx
            ],
            "hoverinfo": "text",
            "width": 0.7,
        })
    werkelijk = [i for i, r in enumerate(rijen) if r["werkelijk_start"]]
    if werkelijk:
        eind = [rijen[i]["werkelijk_eind"] or peildatum.isoformat() for i in werkelijk]
        sporen.append({
            "type": "bar",
            "name": "Werkelijk (tot afronding of peildatum)",
            "y": [labels[i] for i in werkelijk],
            "base": [rijen[i]["werkelijk_start"] for i in werkelijk],
            "x": [_ms(rijen[i]["werkelijk_start"], max(e, rijen[i]["werkelijk_start"]))
                  for i, e in zip(werkelijk, eind, strict=True)],
            "orientation": "h",
            "marker": {"color": WERKELIJK_KLEUR},
            "customdata": [[rijen[i]["id"]] for i in werkelijk],
            "hoverinfo": "skip",
            "width": 0.22,
        })
    return {
        "data": sporen,
        "layout": {
            "barmode": "overlay",
            "height": 130 + 24 * len(rijen),
            "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
            "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
            "xaxis": {"type": "date", "tickformat": "%b %Y", "side": "bottom"},
            "yaxis": {"autorange": "reversed", "automargin": True, "categoryorder": "array", "categoryarray": labels},
            # De peildatum als stippellijn over de hele hoogte (zoals ``add_vline``).
            "shapes": [{"type": "line", "xref": "x", "yref": "y domain", "x0": peildatum.isoformat(),
                        "x1": peildatum.isoformat(), "y0": 0, "y1": 1,
                        "line": {"color": "#1b1b1b", "dash": "dot", "width": 1}}],
        },
    }


def maak_historie_figuur(h: Voortgangshistorie) -> dict[str, Any]:
    """De gemelde voortgang (trap) tegen de lineaire planning, als gewone dict."""
    sporen: list[dict[str, Any]] = [{
        "type": "scatter",
        "x": [d.isoformat() for d, *_ in h.regels],
        "y": [v for _, v, *_ in h.regels],
        "mode": "lines+markers",
        "name": "Gemelde voortgang",
        "line": {"color": STATUS_KLEUR["in_uitvoering"], "width": 3, "shape": "hv"},
        "hovertext": [f"{formatteer_datum(d)}: {v}% ({s})" for d, v, s, _ in h.regels],
        "hoverinfo": "text",
    }]
    if h.start and h.eind:
        sporen.append({
            "type": "scatter",
            "x": [h.start.isoformat(), h.eind.isoformat()],
            "y": [verwachte_voortgang(h.start, h.eind, h.start), verwachte_voortgang(h.start, h.eind, h.eind)],
            "mode": "lines",
            "name": "Planning (lineair)",
            "line": {"color": "#595959", "dash": "dash", "width": 2},
            "hoverinfo": "skip",
        })
    return {
        "data": sporen,
        "layout": {
            "height": 320,
            "margin": {"l": 60, "r": 20, "t": 10, "b": 40},
            "legend": {"orientation": "h", "y": 1.08, "x": 0},
            "yaxis": {"title": {"text": "Voortgang (%)"}, "range": [0, 105], "ticksuffix": "%"},
            "xaxis": {"type": "date", "tickformat": "%b %Y"},
        },
    }


def _historietabel(h: Voortgangshistorie, id_: str | None = None):
    return maak_tabel([kolom("Datum", "datum"), kolom("Voortgang", "procent"), "Status", "Toelichting"],
                      [(d, v / 100, s, t) for d, v, s, t in h.regels], id_=id_,
                      opmaak=[None, lambda x: formatteer_procent(x, 0), None, None])


def _historiesectie(maatregel: str | None, h: Voortgangshistorie | None, f: Filter) -> html.Section | None:
    if maatregel in (None, ""):
        return None
    sluit = html.A("Sluit de voortgangshistorie", href=_href(_query_van(f)), id="projecten-historie-sluit")
    if h is None:
        return html.Section(
            [html.H2("Maatregel niet gevonden", id="projecten-historie-titel"),
             html.P(f"Er is geen maatregel met nummer \u201c{maatregel}\u201d."), sluit],
            className="paneel mb-3", **{"aria-labelledby": "projecten-historie-titel"},
        )
    planning = (f"gepland {formatteer_datum(h.start)} – {formatteer_datum(h.eind)}" if h.start and h.eind
                else "geen planning")
    return html.Section(
        [
            html.H2(f"Voortgangshistorie · {h.naam}", id="projecten-historie-titel"),
            html.P([html.A(h.wijk_naam, href=f"/wijk/{h.wijk_slug}"),
                    f" · {h.status} · voortgang {h.voortgang}% · {planning}"], id="projecten-historie-kop"),
            maak_grafiek(
                "projecten-historie-grafiek",
                f"Voortgang van {h.naam} per melding",
                maak_historie_figuur(h),
                _historietabel(h),
                bestandsnaam(f"voortgang {h.naam}", wijk=h.wijk_naam),
                toelichting="De gemelde voortgang tegen de lineaire planning van startdatum naar einddatum.",
            ),
            html.H3("Voortgangsmeldingen", className="h5 mt-3"),
            html.Div(
                tabel_met_export(_historietabel(h, "projecten-historie-tabel"), "projecten-historie-tabel",
                                 bestandsnaam(f"voortgangsmeldingen {h.naam}", wijk=h.wijk_naam),
                                 f"Voortgangsmeldingen {h.naam}"),
                className="mb-2",
            ),
            sluit,
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "projecten-historie-titel"},
    )


def _samenvatting(sv: Projectsamenvatting) -> html.P:
    per_status = ", ".join(f"{aantal} {STATUS_LABELS[s].lower()}" for s, aantal in sv.per_status.items())
    return html.P(
        [
            html.Strong(meervoud(sv.aantal, "maatregel", "maatregelen")),
            f" ({per_status})" if per_status else "",
            " · ",
            html.Span([html.Span(STATUS_STIJL["ver_achter"].icoon, **{"aria-hidden": "true"}),
                       f" {sv.achter_schema} achter schema"], className="status-label status-ver-achter")
            if sv.achter_schema else "geen achter schema",
            f" · geschatte kosten {formatteer_bedrag(sv.geschatte_kosten)}, besteed {formatteer_bedrag(sv.besteed)}",
        ],
        id="projecten-samenvatting",
    )


def _statuskolommen() -> dict[str, dict[str, Any]]:
    """Status en achter schema: pictogram bij het woord en de tekstkleur van "ver achter". Een rij die nog
    van de server komt, heeft nog geen waarde: die cel blijft leeg."""
    vertraagd = STATUS_LABELS["vertraagd"]
    return {
        "achter_schema": {
            "cellClassRules": {"status-ver-achter": "params.value == 'Ja'"},
            "valueFormatter": {"function": f"params.value == null ? '' : params.value == 'Ja' ? "
                                           f"'{STATUS_STIJL['ver_achter'].icoon} Ja' : 'Nee'"},
        },
        "status": {
            "cellClassRules": {"status-ver-achter": f"params.value == '{vertraagd}'"},
            "valueFormatter": {
                "function": f"params.value == '{vertraagd}' ? '{STATUS_STIJL['achter'].icoon} {vertraagd}' : "
                            "(params.value == null ? '' : params.value)"
            },
        },
    }


def _optie_label(naam: str, wijk: str) -> str:
    return f"{naam} ({wijk})"


def _opties(lijst: list[tuple[int, str, str]], gekozen: Voortgangshistorie | None = None) -> list[dict[str, str]]:
    """"Kies een maatregel" plus de gevonden maatregelen; de gekozen maatregel staat er altijd in."""
    opties = [{"label": "Kies een maatregel", "value": GEEN}]
    if gekozen is not None and gekozen.id not in {i for i, _, _ in lijst}:
        opties.append({"label": _optie_label(gekozen.naam, gekozen.wijk_naam), "value": str(gekozen.id)})
    return opties + [{"label": _optie_label(naam, wijk), "value": str(i)} for i, naam, wijk in lijst]


def _opties_tekst(getoond: int, totaal: int, zoek: str | None) -> str:
    if zoek and not totaal:
        return f"Geen maatregel binnen de filters met \u201c{zoek}\u201d in de naam of wijk."
    if totaal <= getoond:
        return f"{meervoud(totaal, 'maatregel', 'maatregelen')} in de lijst."
    wat = f"met \u201c{zoek}\u201d" if zoek else "binnen de filters"
    return (f"De eerste {formatteer_getal(getoond)} van {formatteer_getal(totaal)} maatregelen {wat}; "
            "typ een deel van de naam of wijk om te zoeken.")


def _maatregelkeuze(lijst: list[tuple[int, str, str]], totaal: int, historie: Voortgangshistorie | None) -> dbc.Row:
    """Keuzelijst voor de voortgangshistorie: hooguit ``MAX_OPTIES`` maatregelen, met een zoekveld dat
    op de server zoekt (binnen de filters van de pagina)."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label("Zoek een maatregel (naam of wijk)", html_for="projecten-maatregel-zoek",
                              className="fw-semibold mb-1"),
                    dbc.Input(id="projecten-maatregel-zoek", type="search", debounce=400, maxLength=100,
                              autoComplete="off", placeholder="bijv. buurtkamer"),
                ],
                xs=12, md=5, xl=4,
            ),
            dbc.Col(
                [
                    dbc.Label("Voortgangshistorie bekijken van", html_for="projecten-maatregel-keuze",
                              className="fw-semibold mb-1"),
                    dbc.Select(id="projecten-maatregel-keuze", options=_opties(lijst, historie),
                               value=str(historie.id) if historie is not None else GEEN),
                ],
                xs=12, md=7, xl=5,
            ),
            dbc.Col(html.P(_opties_tekst(len(lijst), totaal, None), id="projecten-maatregel-aantal",
                           className="small text-body-secondary mb-0", role="status", **{"aria-live": "polite"}),
                    xs=12),
        ],
        className="mt-2 g-2",
    )


def _ambitiesectie(per_ambitie: list[AmbitieVoortgang]) -> html.Section:
    return html.Section(
        [
            html.H2("Voortgang per ambitie per wijk", id="projecten-ambities-titel"),
            html.P("Per wijk en ambitie: het aantal maatregelen binnen de filters, hun gemiddelde voortgang en "
                   "hoeveel er achter schema liggen.", className="small"),
            maak_grid("projecten-ambities", AMBITIE_KOLOMMEN, [a.als_rij() for a in per_ambitie], hoogte=440,
                      kolomopties=brede_kolommen(AMBITIE_KOLOMMEN)),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "projecten-ambities-titel"},
    )


# --------------------------------------------------------------------------- pagina


def layout(wijk: str | None = None, ambitie: str | None = None, status: str | None = None,
           jaar: str | None = None, maatregel: str | None = None, **_query):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        keuzes = projectkeuzes(sessie)
        f = kies_filter({"wijk": wijk, "ambitie": ambitie, "status": status, "jaar": jaar}, keuzes, vandaag)
        sv = samenvatting(sessie, f, vandaag)
        tijdlijn_rijen = tijdlijn(sessie, f, vandaag, TIJDLIJN_MAX) if sv.aantal else []
        per_ambitie = voortgang_per_ambitie(sessie, f, vandaag)
        opties, _ = maatregel_opties(sessie, f, vandaag, tel=False)  # zonder zoektekst: alle sv.aantal
        maatregel_id = geheel(maatregel)
        historie = voortgangshistorie(sessie, maatregel_id) if maatregel_id is not None else None
    peildatum = f.peildatum(vandaag)
    wijk_naam = dict(keuzes.wijken).get(f.wijk or "", "alle wijken")
    jaar_tekst = "alle jaren" if f.jaar is None else str(f.jaar)

    met_periode = sv.met_periode
    noot = (
        f"De {len(tijdlijn_rijen)} meest relevante van {met_periode} maatregelen: eerst achter schema (▲), dan "
        "vertraagd, in uitvoering, gepland, afgerond en gestopt. Verfijn de filters om andere te zien; de tabel "
        "hieronder bevat ze allemaal."
        if met_periode > len(tijdlijn_rijen)
        else "Alle maatregelen met een planning; achter schema gemarkeerd met ▲."
    )
    onderdelen: list[Any] = [
        dcc.Location(id="projecten-url", refresh="callback-nav"),
        html.H1("Projecten: maatregelen en voortgang", className="mb-1"),
        html.P(f"{wijk_naam.capitalize() if f.wijk is None else wijk_naam} · {jaar_tekst} · "
               f"peildatum {formatteer_datum(peildatum)}", className="text-body-secondary", id="projecten-peildatum"),
        html.Section(_filters(keuzes, f), **{"aria-label": "Filters"}),
    ]
    historie_sectie = _historiesectie(maatregel, historie, f)
    if historie_sectie is not None:
        onderdelen.append(historie_sectie)
    if not sv.aantal:
        onderdelen.append(dbc.Alert("Geen maatregelen binnen deze filters.", color="secondary", id="projecten-leeg"))
    else:
        onderdelen.append(
            html.Section(
                [
                    html.H2("Tijdlijn", id="projecten-tijdlijn-sectie"),
                    maak_grafiek(
                        "projecten-tijdlijn",
                        f"Planning en werkelijke uitvoering van de maatregelen ({wijk_naam}, {jaar_tekst})",
                        maak_tijdlijn(tijdlijn_rijen, peildatum, met_wijk=f.wijk is None),
                        maak_tabel(
                            ["Maatregel", "Wijk", "Status", kolom("Voortgang", "procent"), "Gepland", "Werkelijk",
                             "Achter schema"],
                            [
                                (r["naam"], r["wijk"], r["status"], r["voortgang"],
                                 f"{_d(r['start'])} – {_d(r['eind'])}",
                                 f"{_d(r['werkelijk_start'])} – {_d(r['werkelijk_eind'])}", r["achter_schema"])
                                for r in tijdlijn_rijen
                            ],
                            opmaak=[None, None, None, lambda x: formatteer_procent(x, 0), None, None, None],
                        ),
                        bestandsnaam("tijdlijn maatregelen", wijk=f.wijk, jaar=f.jaar),
                        toelichting=noot + " Gekleurde balk: geplande periode (kleur = status); zwarte streep: "
                        "werkelijke uitvoering; stippellijn: peildatum. Klik op een balk voor de voortgangshistorie.",
                    ),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "projecten-tijdlijn-sectie"},
            )
        )
    onderdelen.append(
        html.Section(
            [
                html.H2("Alle maatregelen", id="projecten-lijst-titel"),
                _samenvatting(sv),
                maak_grid_serverzijdig("projecten-maatregelen", MAATREGEL_KOLOMMEN, hoogte=560, paginagrootte=25,
                                       kolomopties=brede_kolommen(MAATREGEL_KOLOMMEN, _statuskolommen())),
                _maatregelkeuze(opties, sv.aantal, historie),
            ],
            className="paneel mb-3",
            **{"aria-labelledby": "projecten-lijst-titel"},
        )
    )
    onderdelen.append(_ambitiesectie(per_ambitie))
    return html.Div(onderdelen)


def _d(iso: str | None) -> str:
    return formatteer_datum(dt.date.fromisoformat(iso)) if iso else "–"



# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("projecten-url", "search"),
    Input("projecten-wijk", "value"),
    Input("projecten-ambitie", "value"),
    Input("projecten-status", "value"),
    Input("projecten-jaar", "value"),
    prevent_initial_call=True,
)
def _filters_naar_url(wijk: str | None, ambitie: str | None, status: str | None, jaar: str | None) -> str:
    """De filters gaan de URL in; de pagina wordt dan opnieuw opgebouwd (een open historie sluit)."""
    return _href({"wijk": _zonder(wijk), "ambitie": _zonder(ambitie), "status": _zonder(status),
                  "jaar": jaar or ""})[
        len("/projecten"):
    ]


def _met_maatregel(zoek: str | None, maatregel: str) -> str:
    query = dict(parse_qsl((zoek or "").lstrip("?")))
    query["maatregel"] = maatregel
    return _href(query)[len("/projecten"):]


@dash.callback(
    Output("projecten-url", "search", allow_duplicate=True),
    Input("projecten-maatregel-keuze", "value"),
    State("projecten-url", "search"),
    prevent_initial_call=True,
)
def _keuze_naar_url(maatregel: str | None, zoek: str | None) -> str:
    if dict(parse_qsl((zoek or "").lstrip("?"))).get("maatregel", "") == _zonder(maatregel):
        return dash.no_update
    return _met_maatregel(zoek, _zonder(maatregel))


@dash.callback(
    Output("projecten-maatregel-keuze", "options"),
    Output("projecten-maatregel-aantal", "children"),
    Input("projecten-maatregel-zoek", "value"),
    State("projecten-maatregel-keuze", "value"),
    State("projecten-url", "search"),
    prevent_initial_call=True,
)
def _zoek_maatregelen(zoek: str | None, gekozen: str | None, search: str | None):
    """Zoek op de server (binnen de filters uit de URL) en vul de keuzelijst met hooguit ``MAX_OPTIES``
    maatregelen; een gekozen maatregel blijft erin staan."""
    zoek = (zoek or "").strip()[:100] or None
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        f = kies_filter(dict(parse_qsl((search or "").lstrip("?"))), projectkeuzes(sessie), vandaag)
        lijst, totaal = maatregel_opties(sessie, f, vandaag, zoek)
        totaal = totaal or 0
        gekozen_id = geheel(gekozen)
        historie = voortgangshistorie(sessie, gekozen_id) if gekozen_id is not None else None
    return _opties(lijst, historie), _opties_tekst(len(lijst), totaal, zoek)


@dash.callback(
    Output("projecten-url", "search", allow_duplicate=True),
    Input("projecten-tijdlijn", "clickData"),
    State("projecten-url", "search"),
    prevent_initial_call=True,
)
def _klik_op_balk(klik: dict | None, zoek: str | None) -> str:
    """Een klik op een balk toont de voortgangshistorie van die maatregel."""
    try:
        maatregel = str(int(klik["points"][0]["customdata"][0]))  # type: ignore[index]
    except (TypeError, KeyError, IndexError, ValueError):
        return dash.no_update
    return _met_maatregel(zoek, maatregel)
