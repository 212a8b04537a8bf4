"""Onderdelen van de wijkpagina per ambitie: ambitiescore door de jaren tegen het stadsgemiddelde,
de doelstellingen met hun trendgrafiek en de gekozen maatregelen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.export import Kolom
from dashboard.thema import OKABE_ITO
from datalaag.opmaak import formatteer_datum, formatteer_getal
from datalaag.trends import DoelstellingTrend
from datalaag.wijkpagina import AmbitieKort, MaatregelRegel, ScorePunt
from pagina.componenten.grafiek import (
    bestandsnaam,
    kolom,
    maak_grafiek,
    maak_tabel,
    tabel_met_export,
)
from pagina.componenten.tabelexport import Tabelgegevens
from pagina.componenten.trendgrafiek import (
    lui_tabelalternatief,
    luie_tabel,
    maak_status_regel,
    maak_trendgrafiek,
    sjabloon,
)

SCORE_TYPE = "wijk-scoregrafiek"
#: Op de wijkpagina toont een trendgrafiek de metingen vanaf zoveel jaar vóór de nulmeting; de
#: volledige reeks staat in de detailweergave (``?doelstelling=<id>``).
VOORLOOP_JAREN = 1
TREND_TYPE = "wijk-trendgrafiek"


def _scoretabel_inhoud(wijknaam: str, punten: list[ScorePunt]) -> tuple[list, list[list[Any]]]:
    return ([kolom("Jaar", "jaar"), kolom(wijknaam, "getal1"), kolom("Stad (gemiddelde)", "getal1")],
            [[p.jaar, p.wijk, p.stad] for p in punten])


def maak_scoretabel(wijknaam: str, punten: list[ScorePunt]):
    """Het tabelalternatief van :func:`maak_scoregrafiek`: jaar, score van de wijk, stadsgemiddelde."""
    return maak_tabel(*_scoretabel_inhoud(wijknaam, punten))


def scoretabel_sleutel(ambitie_nummer: int) -> str:
    return f"score-{ambitie_nummer}"


def maak_scoregrafiek(ambitie: AmbitieKort, wijknaam: str, punten: list[ScorePunt], lui: bool = False) -> html.Section:
    """Lijngrafiek: ambitiescore van de wijk en het stadsgemiddelde per jaar. Klik op een jaar kiest dat jaar.
    ``lui``: de tabel pas laden bij "Toon als tabel" (sleutel :func:`scoretabel_sleutel`)."""
    id_ = f"wijk-score-{ambitie.nummer}"
    jaren = [p.jaar for p in punten]
    waarden = [v for p in punten for v in (p.wijk, p.stad) if v is not None]
    bereik = [max(1, min(waarden) - 0.5), min(10, max(waarden) + 0.5)] if waarden else [1, 10]
    # Een gewone dict (met het huisstijltemplate): geen validatie door go.Figure (zes grafieken per pagina).
    fig = {
        "data": [
            {"type": "scatter", "x": jaren, "y": [p.stad for p in punten], "name": "Stad (gemiddelde)",
             "mode": "lines", "line": {"color": "#505050", "dash": "dash", "width": 2},
             "hovertemplate": "Stad %{x}: %{y:.1f}<extra></extra>"},
            {"type": "scatter", "x": jaren, "y": [p.wijk for p in punten], "name": wijknaam, "mode": "lines+markers",
             "line": {"color": OKABE_ITO[0], "width": 3}, "marker": {"size": 6},
             "hovertemplate": wijknaam + " %{x}: %{y:.1f}<extra></extra>"},
        ],
        "layout": {
            "template": sjabloon(),
            "height": 260, "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
            "legend": {"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 12}},
            "yaxis": {"title": {"text": "rapportcijfer", "font": {"size": 12}}, "range": bereik, "tickformat": ",.1f"},
            "xaxis": {"tickformat": "d"},
        },
    }
    sleutel = scoretabel_sleutel(ambitie.nummer)
    tabel = luie_tabel(sleutel, *_scoretabel_inhoud(wijknaam, punten)) if lui else maak_scoretabel(wijknaam, punten)
    sectie = maak_grafiek(
        id_, f"Ambitiescore {wijknaam} en stadsgemiddelde", fig, tabel,
        bestandsnaam(f"ambitiescore {ambitie.nummer} {ambitie.korte_naam}", wijk=wijknaam),
        toelichting="Rapportcijfer 1–10 per jaar. Klik op een jaar om de pagina voor dat jaar te tonen.",
    )
    for kind in sectie.children:
        if isinstance(kind, dcc.Graph):
            kind.id = {"type": SCORE_TYPE, "ambitie": ambitie.nummer}
    return lui_tabelalternatief(sectie, sleutel) if lui else sectie


def _voortgang(m: MaatregelRegel) -> list:
    """Native voortgangsbalk (toegankelijk, klein in de paginadata) met het getal als tekst."""
    return [
        html.Progress(value=str(m.voortgang), max="100", className="me-2 align-middle",
                      style={"width": "4.5rem"}, **{"aria-label": f"Voortgang {m.naam}"}),
        f"{m.voortgang}%",
    ]


def _schema(m: MaatregelRegel) -> html.Span:
    if m.achter_schema:
        return html.Span([html.Span("✖", **{"aria-hidden": "true"}), " Achter schema"],
                         className="status-label status-ver-achter")
    return html.Span("Volgens schema" if m.status not in ("afgerond", "gestopt") else "–")


MAATREGEL_EXPORTKOLOMMEN = (
    Kolom("naam", "Maatregel"), Kolom("oplossingsrichting", "Oplossingsrichting"), Kolom("niveau", "Niveau"),
    Kolom("verantwoordelijke", "Verantwoordelijke"), Kolom("status", "Status"),
    Kolom("voortgang", "Voortgang", "procent"), Kolom("schema", "Schema"), Kolom("start", "Start", "datum"),
    Kolom("eind", "Eind", "datum"), Kolom("kosten", "Schatting kosten", "bedrag"),
)


def _schema_tekst(m: MaatregelRegel) -> str:
    if m.achter_schema:
        return "Achter schema"
    return "Volgens schema" if m.status not in ("afgerond", "gestopt") else ""


def maatregelen_gegevens(lijst: list[MaatregelRegel]) -> Tabelgegevens:
    """De maatregelen voor de export: voortgang als echt percentage, start en eind als datums."""
    return Tabelgegevens(MAATREGEL_EXPORTKOLOMMEN, tuple(
        {"naam": m.naam, "oplossingsrichting": m.oplossingsrichting, "niveau": m.niveau.capitalize(),
         "verantwoordelijke": m.verantwoordelijke, "status": m.status_label, "voortgang": m.voortgang / 100,
         "schema": _schema_tekst(m), "start": m.start, "eind": m.eind, "kosten": m.schatting_kosten}
        for m in lijst
    ))


def maak_maatregelen(lijst: list[MaatregelRegel], id_: str, export_naam: str | None = None,
                     titel: str = "Maatregelen") -> html.Div:
    """De maatregelen als tabel; met ``export_naam`` (uit ``bestandsnaam``) ook als CSV en Excel."""
    if not lijst:
        return html.P("Geen maatregelen voor deze ambitie in dit plan.", id=id_)
    kolommen = ["Maatregel", "Oplossingsrichting", "Niveau", "Verantwoordelijke", "Status", "Voortgang", "Schema",
                "Periode"]
    rijen = [
        html.Tr(
            [
                html.Td(m.naam),
                html.Td(m.oplossingsrichting or "–", className="small"),
                html.Td(m.niveau.capitalize()),
                html.Td(m.verantwoordelijke),
                html.Td(m.status_label),
                html.Td(_voortgang(m), className="text-nowrap"),
                html.Td(_schema(m)),
                html.Td(f"{formatteer_datum(m.start)} – {formatteer_datum(m.eind)}", className="small text-nowrap"),
            ],
            **({"data-achter-schema": "ja"} if m.achter_schema else {}),
        )
        for m in lijst
    ]
    tabel = dbc.Table([html.Thead(html.Tr([html.Th(k, scope="col") for k in kolommen])), html.Tbody(rijen)],
                      size="sm", striped=True, className="mb-0", id=id_)
    if export_naam is None:
        return html.Div(tabel, className="table-responsive")
    return tabel_met_export(tabel, id_, export_naam, titel, maatregelen_gegevens(lijst))


def maak_doelstelling_kaart(trend: DoelstellingTrend, href: str, wijknaam: str | None = None,
                            lui: bool = False) -> html.Div:
    return html.Div(
        [
            maak_status_regel(trend),
            html.P(trend.tekst, className="small mb-1"),
            html.P(html.A("Volledige geschiedenis van deze doelstelling", href=href,
                          id=f"wijk-doelstelling-link-{trend.id}"), className="small mb-2"),
            maak_trendgrafiek(trend, f"wijk-trend-{trend.id}", type_=TREND_TYPE, hoogte=260,
                              vanaf_jaar=trend.nulmeting_jaar - VOORLOOP_JAREN, wijk=wijknaam, lui=lui),
        ],
        className="border rounded p-2 h-100 bg-white",
        **{"data-doelstelling": str(trend.id), "data-status": trend.status},
    )


def maak_ambitie_sectie(
    ambitie: AmbitieKort,
    wijknaam: str,
    punten: list[ScorePunt],
    trends: list[DoelstellingTrend],
    maatregelen: list[MaatregelRegel],
    link: Callable[..., str],
    overzicht_href: str,
    gefocust: bool,
    lui: bool = False,
) -> html.Section:
    """Eén ambitie op de wijkpagina. ``lui``: tabelalternatieven pas laden bij openen (zie
    :func:`pagina.componenten.trendgrafiek.luie_tabel`)."""
    titel_id = f"wijk-ambitie-{ambitie.nummer}-titel"
    laatste = next((p for p in reversed(punten) if p.wijk is not None), None)
    score_tekst = (
        f"Ambitiescore nu {formatteer_getal(laatste.wijk, 1)} (stad {formatteer_getal(laatste.stad, 1)}; "
        f"bron: {laatste.bron})." if laatste else "Nog geen ambitiescore."
    )
    doelen: Any
    if trends:
        doelen = dbc.Row([dbc.Col(maak_doelstelling_kaart(t, link(doelstelling=t.id), wijknaam, lui), xs=12, xxl=6,
                                  className="mb-3") for t in trends])
    else:
        doelen = html.P("Het plan heeft voor deze ambitie geen SMART-doelstellingen.", className="small")
    koplinks = [html.A("Terug naar het overzicht", href=overzicht_href, className="small me-3")]
    if gefocust:
        koplinks.append(html.A("Toon alle ambities", href=link(ambitie=None), className="small"))
    else:
        koplinks.append(html.A("Alleen deze ambitie", href=link(ambitie=ambitie.nummer), className="small"))
    return html.Section(
        [
            html.Div(
                [html.H2(f"Ambitie {ambitie.nummer}. {ambitie.korte_naam}", id=titel_id, className="mb-0 me-3"),
                 html.Div(koplinks)],
                className="d-flex flex-wrap align-items-baseline justify-content-between gap-2",
            ),
            html.P(ambitie.tekst, className="small text-body-secondary mb-1"),
            html.P(score_tekst, className="mb-2", id=f"wijk-ambitie-{ambitie.nummer}-score"),
            dbc.Row(
                [
                    dbc.Col(maak_scoregrafiek(ambitie, wijknaam, punten, lui), xs=12, lg=5, xl=4, className="mb-3"),
                    dbc.Col(doelen, xs=12, lg=7, xl=8),
                ]
            ),
            html.H3(f"Maatregelen ({len(maatregelen)})", className="h5 mt-2"),
            maak_maatregelen(maatregelen, f"wijk-maatregelen-{ambitie.nummer}",
                             bestandsnaam(f"maatregelen ambitie {ambitie.nummer} {ambitie.korte_naam}", wijk=wijknaam),
                             f"Maatregelen {wijknaam}, ambitie {ambitie.nummer}. {ambitie.korte_naam}"),
        ],
        className="paneel mb-3",
        id=f"wijk-ambitie-{ambitie.nummer}",
        **{"aria-labelledby": titel_id, "data-ambitie": str(ambitie.nummer),
           "data-gefocust": "ja" if gefocust else "nee"},
    )
