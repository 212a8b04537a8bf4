"""``/indicatoren``: de trend van één indicator in elke wijk, tegen de streefwaarde.

Kies een ambitie en een indicator; de keuze staat in de URL
(``/indicatoren?ambitie=2&indicator=5&jaar=2025``), zodat een link precies dit beeld terugbrengt.
``?wijk=<slug>`` (de signalen linken zo) markeert die wijk. Ongeldige waarden vallen terug op de
standaard: ambitie 1, haar eerste indicator, het lopende jaar.

Per wijk een klein paneel (small multiples): de metingen, de nulmeting en de rechte lijn naar de
streefwaarde, met de status in de paneeltitel. Daaronder de rangorde op *doelbereik*
(:func:`datalaag.afgeleid.doelbereik`) en een tabel van alle wijken. Een klik op een punt of
balk opent de wijk met deze ambitie; de tabellen hebben gewone links (toetsenbord).
"""

from __future__ import annotations

import datetime as dt
import html as html_tekst
import math
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import STATUS_STIJL
from datalaag.afgeleid import nulmeting_datum, streefdatum
from datalaag.indicatoren import (
    AmbitieKeuze,
    IndicatorOverzicht,
    WijkIndicator,
    ambities_met_indicatoren,
    indicator_overzicht,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal, formatteer_procent
from datalaag.overzicht import beschikbare_jaren
from pagina.componenten.grafiek import (
    bestandsnaam,
    kolom,
    maak_grafiek,
    maak_tabel,
    tabel_met_export,
)
from pagina.componenten.querystring import geheel, kies_jaar
from pagina.componenten.status import maak_status_label
from pagina.componenten.tabelexport import Tabelgegevens
from pagina.componenten.trendgrafiek import sjabloon

dash.register_page(
    __name__,
    path="/indicatoren",
    name="Indicatoren",
    title="Indicatoren · Wijkaanpak Almelo",
    description="De trend van elke indicator per wijk tegen de streefwaarde van het wijkplan, met doelbereik.",
    order=2,
)

#: Tekstkleur per status met contrast ≥ 4,5:1 op wit (gelijk aan de CSS-variabelen in assets/thema.css;
#: STATUS_STIJL.kleur is de vlak-/lijnkleur en is voor 'achter' te licht voor tekst).
STATUS_TEKSTKLEUR = {
    "op_koers": "#0072b2",
    "achter": "#8a5a00",
    "ver_achter": "#b23c00",
    "geen_data": "#595959",
}
METING_KLEUR = "#1b1b1b"
STREEF_KLEUR = "#595959"
MARKERING_VLAK = "#fff3cd"
KOLOMMEN = 4
PANEELHOOGTE = 210
#: Panelen per pagina (vijf rijen van vier): bij 100 wijken blijft de pagina klein en snel; de
#: paginanummer staat in de URL (``?pagina=2``).
PER_PAGINA = 20
RICHTING_TEKST = {"hoger_is_beter": "hoger is beter", "lager_is_beter": "lager is beter"}


# --------------------------------------------------------------------------- keuzes uit de URL




def kies_ambitie_en_indicator(
    ambities: list[AmbitieKeuze], ambitie: str | None, indicator: str | None
) -> tuple[AmbitieKeuze | None, int | None]:
    """Ambitie (op nummer) en indicator (op id) uit de URL; ongeldig → ambitie 1 (of de eerste met
    indicatoren) en haar eerste indicator. Hoort de indicator niet bij de ambitie, dan de eerste."""
    met = [a for a in ambities if a.indicatoren]
    if not met:
        return None, None
    per_nummer = {a.nummer: a for a in met}
    gekozen = per_nummer.get(geheel(ambitie) or -1) or per_nummer.get(1) or met[0]
    ids = [i.id for i in gekozen.indicatoren]
    ind = geheel(indicator)
    return gekozen, ind if ind in ids else ids[0]




# --------------------------------------------------------------------------- opmaak


def _decimalen(o: IndicatorOverzicht) -> int:
    return 2 if o.is_telling else 1


def _waarde(o: IndicatorOverzicht, waarde: float | None) -> str:
    return formatteer_getal(waarde, _decimalen(o))


def _status_tekst(status: str) -> str:
    stijl = STATUS_STIJL[status]
    return f"{stijl.icoon} {stijl.label}"


def _wijk_href(slug: str, ambitie_nummer: int) -> str:
    return f"/wijk/{slug}?ambitie={ambitie_nummer}"


def _wijklink(w: WijkIndicator, o: IndicatorOverzicht) -> html.A:
    return html.A(w.naam, href=_wijk_href(w.slug, o.ambitie_nummer))


# --------------------------------------------------------------------------- pagineren


def kies_pagina(pagina: str | None, panelen: list[WijkIndicator], markeer: str | None) -> tuple[int, int]:
    """(gekozen pagina, aantal pagina's) van de panelen. Zonder (geldige) ``pagina`` in de URL: de
    pagina met de gemarkeerde wijk, anders de eerste; een te groot nummer wordt de laatste pagina."""
    aantal = max(1, math.ceil(len(panelen) / PER_PAGINA))
    gevraagd = geheel(pagina)
    if gevraagd is None or gevraagd < 1:
        plek = next((i for i, w in enumerate(panelen) if w.slug == markeer), None) if markeer else None
        return (plek // PER_PAGINA + 1 if plek is not None else 1), aantal
    return min(gevraagd, aantal), aantal


def _pagina_href(query: dict[str, str], pagina: int) -> str:
    return "/indicatoren?" + urlencode({**{k: v for k, v in query.items() if k != "pagina"}, "pagina": str(pagina)})


def maak_paginering(query: dict[str, str], pagina: int, aantal: int, totaal: int) -> html.Nav:
    """Vorige · 1 2 3 … · Volgende (links in de URL, dus ook te delen en met het toetsenbord te bedienen)."""
    def item(tekst: str, doel: int | None, label: str, huidig: bool = False) -> html.Li:
        if huidig:
            return html.Li(html.Span(tekst, className="page-link", **{"aria-current": "page"}),
                           className="page-item active")
        if doel is None:
            return html.Li(html.Span(tekst, className="page-link", **{"aria-hidden": "true"}),
                           className="page-item disabled")
        return html.Li(dcc.Link(tekst, href=_pagina_href(query, doel), className="page-link", title=label),
                       className="page-item")

    items = [item("‹ Vorige", pagina - 1 if pagina > 1 else None, "Vorige pagina")]
    items += [item(str(n), n, f"Pagina {n}", n == pagina) for n in range(1, aantal + 1)]
    items.append(item("Volgende ›", pagina + 1 if pagina < aantal else None, "Volgende pagina"))
    eerste = (pagina - 1) * PER_PAGINA + 1
    laatste = min(totaal, pagina * PER_PAGINA)
    return html.Nav(
        [
            html.P(f"Wijken {eerste}–{laatste} van {totaal} (pagina {pagina} van {aantal}).",
                   className="small mb-1", id="indicatoren-pagina-tekst"),
            html.Ul(items, className="pagination pagination-sm mb-2 flex-wrap"),
        ],
        id="indicatoren-paginering",
        **{"aria-label": "Pagina's van de trend per wijk"},
    )


# --------------------------------------------------------------------------- small multiples


def _venster(o: IndicatorOverzicht) -> tuple[dt.date, dt.date]:
    """De getoonde periode: van twee jaar vóór de vroegste nulmeting tot het laatste streefjaar
    (of de peildatum); zonder doelstellingen de laatste acht jaar."""
    nuljaren = [w.doelstelling.nulmeting_jaar for w in o.wijken if w.doelstelling]
    streefjaren = [w.doelstelling.streefjaar for w in o.wijken if w.doelstelling]
    begin = (min(nuljaren) - 2) if nuljaren else o.peildatum.year - 8
    eind = max([*streefjaren, o.peildatum.year])
    # Ruimte na de streefdatum (31-12), zodat de ster van de streefwaarde niet wordt afgesneden.
    return dt.date(begin, 1, 1), dt.date(eind + 1, 9, 30)


def _y_bereik(o: IndicatorOverzicht, panelen: list[WijkIndicator], begin: dt.date) -> list[float] | None:
    waarden = [m.getoond for w in panelen for m in w.metingen if m.peildatum >= begin and m.getoond is not None]
    for w in panelen:
        if w.doelstelling:
            waarden += [v for v in (w.doelstelling.nulmeting_getoond, w.doelstelling.streefwaarde_getoond) if v is not None]
    if not waarden:
        return None
    laag, hoog = min(waarden), max(waarden)
    marge = (hoog - laag) * 0.08 or max(abs(hoog) * 0.05, 1)
    return [laag - marge, hoog + marge]


def _paneeltitel(w: WijkIndicator) -> str:
    if w.doelstelling is None:
        return f"<b>{html_tekst.escape(w.naam)}</b> — <span style='color:{STATUS_TEKSTKLEUR['geen_data']}'>geen doelstelling</span>"
    stijl = STATUS_STIJL[w.status]
    return (
        f"<b>{html_tekst.escape(w.naam)}</b> — "
        f"<span style='color:{STATUS_TEKSTKLEUR[w.status]}'><b>{stijl.icoon} {stijl.label}</b></span>"
    )


def _as(soort: str, nummer: int) -> str:
    """Asnaam van paneel ``nummer`` (vanaf 1): ``x``, ``x2``, … (in een spoor) of ``xaxis``, ``xaxis2``, …"""
    return soort if nummer == 1 else f"{soort}{nummer}"


def _getal(waarde: float) -> float:
    """Afgerond voor de browser: de grafiek toont hooguit twee decimalen (minder bytes)."""
    return round(float(waarde), 4)


def maak_small_multiples(o: IndicatorOverzicht, panelen: list[WijkIndicator], markeer: str | None) -> dict:
    """Eén paneel per wijk (vier per rij, gedeelde assen), als gewone dict: ``make_subplots`` en
    ``add_trace`` valideren elke eigenschap en kosten bij 100 wijken seconden. De indeling is die van
    ``make_subplots`` (zelfde tussenruimte); titels zijn annotaties boven elk paneel. Een punt heeft
    de slug van de wijk in ``customdata`` (klik → wijkpagina); de tekst bij aanwijzen komt uit het
    ``hovertemplate`` (datum en getal in Nederlandse notatie via de ``separators`` van het template)."""
    rijen = max(1, math.ceil(len(panelen) / KOLOMMEN))
    h_ruimte = 0.035
    v_ruimte = min(0.09, 0.36 / rijen)
    breedte = (1 - (KOLOMMEN - 1) * h_ruimte) / KOLOMMEN
    hoogte = (1 - (rijen - 1) * v_ruimte) / rijen
    begin, eind = _venster(o)
    x_bereik = [begin.isoformat(), eind.isoformat()]
    y_bereik = _y_bereik(o, panelen, begin)
    d = _decimalen(o)
    eenheid = o.eenheid_getoond
    eenheid_html = html_tekst.escape(eenheid)
    getal = f"%{{y:,.{d}f}} {eenheid_html}"
    eerste_doel = next((i for i, p in enumerate(panelen) if p.doelstelling is not None), None)
    layout: dict = {
        "template": sjabloon(),
        "height": PANEELHOOGTE * rijen + 90,
        "margin": {"l": 60, "r": 15, "t": 75, "b": 30},
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "top", "yref": "container", "font": {"size": 13}},
        "hovermode": "closest",
        "clickmode": "event",
    }
    sporen: list[dict] = []
    annotaties: list[dict] = []
    vormen: list[dict] = []
    for index, w in enumerate(panelen):
        rij, kolom_ = divmod(index, KOLOMMEN)
        nummer = index + 1
        xas, yas = _as("x", nummer), _as("y", nummer)
        x0 = kolom_ * (breedte + h_ruimte)
        y1 = 1 - rij * (hoogte + v_ruimte)
        xaxis = {"anchor": yas, "domain": [x0, x0 + breedte], "range": x_bereik, "tickformat": "%Y", "nticks": 6,
                 "showticklabels": True}
        yaxis = {"anchor": xas, "domain": [max(0.0, y1 - hoogte), y1], "range": y_bereik,
                 "tickformat": f",.{d}f", "nticks": 5}
        if nummer > 1:
            xaxis["matches"] = "x"
            yaxis["matches"] = "y"
        if kolom_ == 0:
            yaxis["title"] = {"text": eenheid, "font": {"size": 12}}
        else:
            yaxis["showticklabels"] = False
        layout[_as("xaxis", nummer)] = xaxis
        layout[_as("yaxis", nummer)] = yaxis
        annotaties.append({"text": _paneeltitel(w), "x": x0 + breedte / 2, "xanchor": "center", "xref": "paper",
                           "y": y1, "yanchor": "bottom", "yref": "paper", "showarrow": False, "font": {"size": 13}})
        naam = html_tekst.escape(w.naam)
        punten = [m for m in w.metingen if m.peildatum >= begin and m.getoond is not None]
        sporen.append({
            "type": "scatter", "xaxis": xas, "yaxis": yas,
            "x": [m.peildatum.isoformat() for m in punten],
            "y": [_getal(m.getoond) for m in punten],
            "mode": "lines+markers", "name": "Meting", "legendgroup": "meting", "showlegend": index == 0,
            "line": {"color": METING_KLEUR, "width": 2},
            "marker": {"size": 5 if len(punten) <= 20 else 3, "color": METING_KLEUR},
            "customdata": [w.slug] * len(punten),
            "hovertemplate": f"{naam}<br>Meting %{{x|%d-%m-%Y}}: {getal}<extra></extra>",
        })
        doel = w.doelstelling
        if doel and doel.nulmeting_getoond is not None:
            x_nul = nulmeting_datum(doel.nulmeting_jaar).isoformat()
            nul_tekst = f"{naam}<br>Nulmeting {doel.nulmeting_jaar}: {getal}<extra></extra>"
            if doel.streefwaarde_getoond is not None:
                sporen.append({
                    "type": "scatter", "xaxis": xas, "yaxis": yas,
                    "x": [x_nul, streefdatum(doel.streefjaar).isoformat()],
                    "y": [_getal(doel.nulmeting_getoond), _getal(doel.streefwaarde_getoond)],
                    "mode": "lines+markers", "name": "Lijn naar de streefwaarde", "legendgroup": "streef",
                    "showlegend": index == 0 or index == eerste_doel,
                    "line": {"color": STREEF_KLEUR, "width": 2, "dash": "dash"},
                    "marker": {"symbol": ["circle-open", "star"], "size": [1, 11], "color": STREEF_KLEUR},
                    "customdata": [w.slug, w.slug],
                    "text": ["Nulmeting " + str(doel.nulmeting_jaar), "Streefwaarde " + str(doel.streefjaar)],
                    "hovertemplate": f"{naam}<br>%{{text}}: {getal}<extra></extra>",
                })
            sporen.append({
                "type": "scatter", "xaxis": xas, "yaxis": yas,
                "x": [x_nul], "y": [_getal(doel.nulmeting_getoond)],
                "mode": "markers", "name": "Nulmeting", "legendgroup": "nulmeting", "showlegend": index == eerste_doel,
                "marker": {"symbol": "diamond", "size": 11, "color": "#0b4f8a", "line": {"color": "white", "width": 1}},
                "customdata": [w.slug],
                "hovertemplate": nul_tekst,
            })
        if markeer == w.slug:
            vormen.append({
                "type": "rect", "xref": f"{xas} domain", "yref": f"{yas} domain", "x0": 0, "x1": 1, "y0": 0, "y1": 1,
                "fillcolor": MARKERING_VLAK, "line": {"color": METING_KLEUR, "width": 3}, "layer": "below",
            })
    layout["annotations"] = annotaties
    if vormen:
        layout["shapes"] = vormen
    return {"data": sporen, "layout": layout}


def _trendtabel(o: IndicatorOverzicht, panelen: list[WijkIndicator]) -> dbc.Table:
    """Tabelalternatief van de panelen: per peildatum een rij, per wijk een kolom; bovenaan de
    nulmeting en de streefwaarde."""
    begin, _ = _venster(o)
    data = sorted({m.peildatum for w in panelen for m in w.metingen if m.peildatum >= begin}, reverse=True)
    per_wijk = [{m.peildatum: m.getoond for m in w.metingen} for w in panelen]

    def doelcel(w: WijkIndicator, soort: str) -> str:
        d = w.doelstelling
        if d is None:
            return "geen doelstelling"
        if soort == "nul":
            return f"{_waarde(o, d.nulmeting_getoond)} ({d.nulmeting_jaar})"
        return f"{_waarde(o, d.streefwaarde_getoond)} ({d.streefjaar})"

    rijen = [
        ["Nulmeting (jaar)", *[doelcel(w, "nul") for w in panelen]],
        ["Streefwaarde (streefjaar)", *[doelcel(w, "streef") for w in panelen]],
        ["Status", *[_status_tekst(w.status) for w in panelen]],
    ]
    rijen += [[formatteer_datum(p), *[_waarde(o, m.get(p)) for m in per_wijk]] for p in data]
    return maak_tabel(["Peildatum", *[w.naam for w in panelen]], rijen, id_="indicatoren-trend-tabel")


# --------------------------------------------------------------------------- rangorde


def maak_rangorde(o: IndicatorOverzicht, markeer: str | None) -> dict:
    """Liggende staven van het doelbereik (hoogste bovenaan), als gewone dict."""
    rangorde = list(o.rangorde)
    # Van boven naar beneden: hoogste doelbereik bovenaan.
    omgekeerd = list(reversed(rangorde))
    procenten = [100 * w.doelbereik for w in omgekeerd]  # type: ignore[operator]
    laag = min([0.0, *procenten])
    hoog = max([100.0, *procenten])
    breedte = hoog - laag
    staven = {
        "type": "bar",
        "x": [_getal(p) for p in procenten],
        "y": [f"{w.naam} · {_status_tekst(w.status)}" for w in omgekeerd],
        "orientation": "h",
        "marker": {
            "color": [STATUS_STIJL[w.status].kleur for w in omgekeerd],
            "line": {
                "color": [METING_KLEUR if w.slug == markeer else "rgba(0,0,0,0)" for w in omgekeerd],
                "width": 3,
            },
        },
        "text": [formatteer_procent(w.doelbereik, 0) for w in omgekeerd],
        "textposition": "outside",
        "cliponaxis": False,
        "textfont": {"color": [STATUS_TEKSTKLEUR[w.status] for w in omgekeerd], "size": 13},
        "customdata": [
            [w.slug, f"{w.naam}: doelbereik {formatteer_procent(w.doelbereik)} ({STATUS_STIJL[w.status].label})"]
            for w in omgekeerd
        ],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
    }
    return {
        "data": [staven],
        "layout": {
            "template": sjabloon(),
            "shapes": [
                {"type": "line", "xref": "x", "yref": "y domain", "x0": 0, "x1": 0, "y0": 0, "y1": 1,
                 "line": {"color": "#767676", "width": 1}},
                {"type": "line", "xref": "x", "yref": "y domain", "x0": 100, "x1": 100, "y0": 0, "y1": 1,
                 "line": {"color": METING_KLEUR, "width": 1, "dash": "dot"}},
            ],
            "annotations": [
                {"text": "streefwaarde", "font": {"size": 12}, "showarrow": False, "x": 100, "xanchor": "center",
                 "xref": "x", "y": 1, "yanchor": "bottom", "yref": "y domain"},
            ],
            "xaxis": {
                "range": [laag - (0.15 * breedte if laag < 0 else 0.02 * breedte), hoog + 0.15 * breedte],
                "ticksuffix": "%",
                "title": {"text": "Doelbereik (100% = streefwaarde bereikt)", "font": {"size": 12}},
            },
            "yaxis": {"automargin": True, "tickfont": {"size": 13}},
            "height": max(220, 42 * len(rangorde) + 110),
            "margin": {"l": 10, "r": 10, "t": 30, "b": 50},
            "showlegend": False,
            "clickmode": "event",
        },
    }


def _rangordetabel(o: IndicatorOverzicht) -> dbc.Table:
    rijen = [
        [plaats, w, w.doelbereik, w.status]
        for plaats, w in enumerate(o.rangorde, start=1)
    ]
    return maak_tabel(
        [kolom("Plaats", "getal"), "Wijk", kolom("Doelbereik", "procent"), "Status"],
        rijen,
        id_="indicatoren-rangorde-tabel",
        opmaak=[str, lambda w: _wijklink(w, o), None, maak_status_label],
    )


# --------------------------------------------------------------------------- wijkentabel


def wijkentabel_gegevens(o: IndicatorOverzicht) -> Tabelgegevens:
    """De tabel "Alle wijken" voor de export: waarde en jaar of datum in eigen kolommen (echte getallen)."""
    soort = f"getal{_decimalen(o)}"
    eenheid = o.eenheid_getoond
    kolommen = (
        Kolom("wijk", "Wijk"), Kolom("nul", f"Nulmeting ({eenheid})", soort), Kolom("nuljaar", "Jaar nulmeting", "jaar"),
        Kolom("laatste", f"Laatste meting ({eenheid})", soort), Kolom("peildatum", "Peildatum laatste meting", "datum"),
        Kolom("streef", f"Streefwaarde ({eenheid})", soort), Kolom("streefjaar", "Streefjaar", "jaar"),
        Kolom("doelbereik", "Doelbereik", "procent"), Kolom("status", "Status"),
    )
    rijen = []
    for w in o.wijken:
        d = w.doelstelling
        rijen.append({
            "wijk": w.naam,
            "nul": d.nulmeting_getoond if d else None, "nuljaar": d.nulmeting_jaar if d else None,
            "laatste": w.laatste.getoond if w.laatste else None,
            "peildatum": w.laatste.peildatum if w.laatste else None,
            "streef": d.streefwaarde_getoond if d else None, "streefjaar": d.streefjaar if d else None,
            "doelbereik": w.doelbereik,
            "status": STATUS_STIJL[w.status].label if d else "geen doelstelling",
        })
    return Tabelgegevens(kolommen, tuple(rijen))


def maak_wijkentabel(o: IndicatorOverzicht, markeer: str | None) -> dbc.Table:
    kop = html.Thead(
        html.Tr(
            [
                html.Th("Wijk", scope="col"),
                html.Th(["Nulmeting", html.Br(), html.Span("(jaar)", className="fw-normal")], scope="col"),
                html.Th(["Laatste meting", html.Br(), html.Span("(peildatum)", className="fw-normal")], scope="col"),
                html.Th(["Streefwaarde", html.Br(), html.Span("(streefjaar)", className="fw-normal")], scope="col"),
                html.Th("Doelbereik", scope="col"),
                html.Th("Status", scope="col"),
            ]
        )
    )
    rijen = []
    for w in o.wijken:
        d = w.doelstelling
        nul = f"{_waarde(o, d.nulmeting_getoond)} ({d.nulmeting_jaar})" if d else "geen doelstelling"
        laatste = f"{_waarde(o, w.laatste.getoond)} ({formatteer_datum(w.laatste.peildatum)})" if w.laatste else "–"
        streef = f"{_waarde(o, d.streefwaarde_getoond)} ({d.streefjaar})" if d else "–"
        rijen.append(
            html.Tr(
                [
                    html.Th(_wijklink(w, o), scope="row"),
                    html.Td(nul),
                    html.Td(laatste),
                    html.Td(streef),
                    html.Td(formatteer_procent(w.doelbereik), className="text-end"),
                    html.Td(maak_status_label(w.status) if d else html.Span("geen doelstelling", className="status-geen-data")),
                ],
                className="table-warning" if w.slug == markeer else None,
                **{"data-wijk": w.slug},
            )
        )
    return dbc.Table(
        [kop, html.Tbody(rijen)],
        id="indicatoren-wijken-tabel",
        bordered=False,
        striped=True,
        hover=True,
        size="sm",
        className="mb-0 indicatoren-wijken-tabel",
    ) if rijen else html.P("Er zijn nog geen wijken.")


# --------------------------------------------------------------------------- pagina


def _keuzes(ambities: list[AmbitieKeuze], ambitie: AmbitieKeuze, indicator_id: int, jaren: list[int], jaar: int):
    def veld(label: str, id_: str, opties, waarde, breedte: dict) -> dbc.Col:
        return dbc.Col(
            [
                dbc.Label(label, html_for=id_, className="fw-semibold mb-1"),
                dbc.Select(id=id_, options=opties, value=waarde),
            ],
            **breedte,
        )

    return dbc.Row(
        [
            veld(
                "Ambitie",
                "indicatoren-ambitie",
                [{"label": f"{a.nummer}. {a.korte_naam}", "value": str(a.nummer)} for a in ambities if a.indicatoren],
                str(ambitie.nummer),
                {"xs": 12, "md": 4, "xl": 3},
            ),
            veld(
                "Indicator",
                "indicatoren-indicator",
                [{"label": i.naam, "value": str(i.id)} for i in ambitie.indicatoren],
                str(indicator_id),
                {"xs": 12, "md": 6, "xl": 5},
            ),
            veld(
                "Jaar",
                "indicatoren-jaar",
                [{"label": str(j), "value": str(j)} for j in reversed(jaren)] or [{"label": str(jaar), "value": str(jaar)}],
                str(jaar),
                {"xs": 6, "md": 2, "xl": 2},
            ),
        ],
        className="g-3 mb-3 indicatoren-keuzes",
    )


def _leeg(tekst: str):
    return html.Div(
        [
            dcc.Location(id="indicatoren-url", refresh="callback-nav"),
            html.H1("Indicatoren"),
            dbc.Alert(tekst, color="secondary"),
            html.P(html.A("Naar het overzicht", href="/")),
        ]
    )


def layout(ambitie: str | None = None, indicator: str | None = None, jaar: str | None = None,
           wijk: str | None = None, pagina: str | None = None, **_query):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        ambities = ambities_met_indicatoren(sessie)
        gekozen, indicator_id = kies_ambitie_en_indicator(ambities, ambitie, indicator)
        if gekozen is None or indicator_id is None:
            return _leeg("Er zijn nog geen indicatoren ingevoerd.")
        jaren = beschikbare_jaren(sessie)
        gekozen_jaar = kies_jaar(jaar, jaren, vandaag)
        o = indicator_overzicht(sessie, indicator_id, gekozen_jaar, vandaag)
    if o is None:  # pragma: no cover - de indicator kwam net uit dezelfde database
        return _leeg("Deze indicator is niet gevonden.")

    markeer = wijk if any(w.slug == wijk for w in o.wijken) else None
    alle_panelen = list(o.met_gegevens)
    zonder = [w.naam for w in o.wijken if w not in alle_panelen]
    gekozen_pagina, aantal_paginas = kies_pagina(pagina, alle_panelen, markeer)
    panelen = alle_panelen[(gekozen_pagina - 1) * PER_PAGINA: gekozen_pagina * PER_PAGINA]
    query = {"ambitie": str(o.ambitie_nummer), "indicator": str(o.indicator_id), "jaar": str(gekozen_jaar),
             **({"wijk": markeer} if markeer else {})}
    paginering = (maak_paginering(query, gekozen_pagina, aantal_paginas, len(alle_panelen))
                  if aantal_paginas > 1 else None)
    per_1000 = " (per 1.000 inwoners)" if o.is_telling and "per 1.000" not in o.naam else ""
    eenheid = o.eenheid_getoond
    naam_export = bestandsnaam(f"indicator {o.naam}", jaar=gekozen_jaar)

    uitleg_telling = (
        [
            html.P(
                "Deze indicator is een telling. Metingen en nulmeting zijn omgerekend per 1.000 inwoners met het "
                "inwonertal (op 1 januari) van hun jaar; de streefwaarde met dat van het streefjaar, of het laatst "
                "bekende inwonertal als het streefjaar nog niet bekend is.",
                className="small text-body-secondary",
            )
        ]
        if o.is_telling
        else []
    )

    kop = html.Div(
        [
            html.H1("Indicatoren: trend tegen de streefwaarde", className="mb-1"),
            html.P(
                [
                    f"Ambitie {o.ambitie_nummer} ({o.ambitie_naam}) · ",
                    html.Strong(o.naam, id="indicatoren-indicatornaam"),
                    f" · {eenheid} · {RICHTING_TEKST.get(o.richting, o.richting)} · bron: {o.bron} · ",
                    html.Span(f"peildatum {formatteer_datum(o.peildatum)}", id="indicatoren-peildatum"),
                ],
                className="text-body-secondary mb-2",
            ),
        ]
    )

    if markeer:
        gemarkeerd = next(w for w in o.wijken if w.slug == markeer)
        markering = dbc.Alert(
            [
                "Gemarkeerd: ",
                html.Strong(gemarkeerd.naam),
                " (omlijnd in de grafieken, gemarkeerd in de tabel). ",
                html.A(f"Naar de wijkpagina van {gemarkeerd.naam}", href=_wijk_href(markeer, o.ambitie_nummer)),
            ],
            color="warning",
            className="py-2",
            id="indicatoren-markering",
        )
    else:
        markering = None

    if panelen:
        trend = maak_grafiek(
            "indicatoren-trend",
            f"{o.naam}{per_1000} per wijk: metingen tegen de lijn van nulmeting naar streefwaarde",
            maak_small_multiples(o, panelen, markeer),
            _trendtabel(o, panelen),
            naam_export,
            toelichting=(
                "Doorgetrokken lijn: de metingen. Ruit: de nulmeting. Gestippelde lijn: de rechte lijn van de "
                "nulmeting naar de streefwaarde (ster) in het streefjaar. De status in de titel vergelijkt de "
                "laatste meting met die lijn. Klik op een punt voor de wijk."
                + (f" {PER_PAGINA} wijken per pagina; de tabel eronder hoort bij deze pagina."
                   if paginering is not None else "")
                + (f" Zonder gegevens: {', '.join(zonder)}." if zonder else "")
            ),
        )
    else:
        trend = dbc.Alert("Voor deze indicator zijn nog geen metingen of doelstellingen.", color="secondary")

    if o.rangorde:
        zonder_bereik = [w.naam for w in o.wijken if w.doelstelling is not None and w.doelbereik is None]
        rangorde = maak_grafiek(
            "indicatoren-rangorde",
            f"Doelbereik per wijk: {o.naam}",
            maak_rangorde(o, markeer),
            _rangordetabel(o),
            bestandsnaam(f"doelbereik {o.naam}", jaar=gekozen_jaar),
            toelichting=(
                "Doelbereik = (laatste meting − nulmeting) / (streefwaarde − nulmeting), in de goede richting: "
                "100% is de streefwaarde gehaald, boven 100% verder dan de streefwaarde, onder 0% de verkeerde "
                "kant op. Klik op een balk voor de wijk."
                + (f" Zonder doelbereik (geen meting sinds de nulmeting, of geen beoogde verandering): "
                   f"{', '.join(zonder_bereik)}." if zonder_bereik else "")
            ),
        )
    else:
        rangorde = dbc.Alert(
            "Geen wijk heeft in dit jaar een doelstelling op deze indicator met een meting sinds de nulmeting.",
            color="secondary",
        )

    return html.Div(
        [
            dcc.Location(id="indicatoren-url", refresh="callback-nav"),
            kop,
            _keuzes(ambities, gekozen, indicator_id, jaren, gekozen_jaar),
            markering,
            html.Section(
                [html.H2("Trend per wijk", id="indicatoren-trend-kop"), *uitleg_telling, paginering, trend],
                className="paneel mb-3",
                **{"aria-labelledby": "indicatoren-trend-kop"},
            ),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [html.H2("Rangorde op doelbereik", id="indicatoren-rangorde-kop"), rangorde],
                            className="paneel h-100",
                            **{"aria-labelledby": "indicatoren-rangorde-kop"},
                        ),
                        xs=12, xxl=5, className="mb-3",
                    ),
                    dbc.Col(
                        html.Section(
                            [
                                html.H2("Alle wijken", id="indicatoren-wijken-kop"),
                                html.P(
                                    f"Waarden in {eenheid}. Doelstelling uit het wijkplan dat in {gekozen_jaar} "
                                    "actief is (vastgesteld of geëvalueerd).",
                                    className="small text-body-secondary",
                                    id="indicatoren-wijken-uitleg",
                                ),
                                tabel_met_export(maak_wijkentabel(o, markeer), "indicatoren-wijken",
                                                 bestandsnaam(f"alle wijken {o.naam}", jaar=gekozen_jaar),
                                                 f"Alle wijken: {o.naam}", wijkentabel_gegevens(o))
                                if o.wijken else maak_wijkentabel(o, markeer),
                            ],
                            className="paneel h-100",
                            **{"aria-labelledby": "indicatoren-wijken-kop"},
                        ),
                        xs=12, xxl=7, className="mb-3",
                    ),
                ]
            ),
        ]
    )


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("indicatoren-url", "search"),
    Input("indicatoren-ambitie", "value"),
    Input("indicatoren-indicator", "value"),
    Input("indicatoren-jaar", "value"),
    State("indicatoren-url", "search"),
    prevent_initial_call=True,
)
def _keuze_naar_url(ambitie: str | None, indicator: str | None, jaar: str | None, zoek: str | None) -> str:
    """De keuzes gaan de URL in (andere parameters, zoals ``wijk``, blijven staan); de pagina wordt
    dan opnieuw opgebouwd. Een andere ambitie laat de indicator los: de pagina kiest haar eerste."""
    query = dict(parse_qsl((zoek or "").lstrip("?")))
    query["ambitie"] = ambitie or ""
    if ctx.triggered_id == "indicatoren-ambitie":
        query.pop("indicator", None)
    else:
        query["indicator"] = indicator or ""
    query["jaar"] = jaar or ""
    # Een andere keuze begint weer op de eerste pagina (of die met de gemarkeerde wijk).
    query.pop("pagina", None)
    volgorde = ["ambitie", "indicator", "jaar", "wijk"]
    geordend = {k: query[k] for k in volgorde if query.get(k)} | {
        k: v for k, v in query.items() if k not in volgorde and v
    }
    return "?" + urlencode(geordend)


def _href_uit_klik(klik: dict | None, ambitie: str | None) -> str:
    """De wijkpagina met deze ambitie voor een klik op een punt of balk (de slug staat in customdata:
    als tekst bij een punt in de panelen, als eerste element bij een balk)."""
    try:
        gegevens = klik["points"][0]["customdata"]  # type: ignore[index]
        slug = gegevens if isinstance(gegevens, str) else gegevens[0]
        nummer = int(ambitie or "")
    except (TypeError, KeyError, IndexError, ValueError):
        return dash.no_update
    return _wijk_href(str(slug), nummer)


# Twee callbacks (niet één met twee inputs): zonder rangorde (geen doelstellingen) staat alleen de
# trendgrafiek op de pagina.
@dash.callback(
    Output("indicatoren-url", "href", allow_duplicate=True),
    Input("indicatoren-trend", "clickData"),
    State("indicatoren-ambitie", "value"),
    prevent_initial_call=True,
)
def _klik_op_trend(klik: dict | None, ambitie: str | None) -> str:
    return _href_uit_klik(klik, ambitie)


@dash.callback(
    Output("indicatoren-url", "href", allow_duplicate=True),
    Input("indicatoren-rangorde", "clickData"),
    State("indicatoren-ambitie", "value"),
    prevent_initial_call=True,
)
def _klik_op_rangorde(klik: dict | None, ambitie: str | None) -> str:
    return _href_uit_klik(klik, ambitie)
