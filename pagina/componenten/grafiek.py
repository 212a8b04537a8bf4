"""Grafiek met titel en tabelalternatief ("Toon als tabel"), voor elke grafiek in het dashboard.

De titel is tekst boven de grafiek (een kop, dus ook voor schermlezers), de grafiek krijgt de
Nederlandse Plotly-config met de knop "Download als PNG" onder een Nederlandse bestandsnaam met wijk
en datum (:func:`bestandsnaam`), en de tabel staat in een uitklapbaar ``<details>``-blok: met
toetsenbord te openen, zonder callback. In dat blok staan ook de knoppen om de tabel als CSV of
Excel te downloaden (:mod:`pagina.componenten.tabelexport`).

Tabellen (:func:`maak_tabel`) krijgen hun kolommen als tekst of als :class:`Kolom` met een soort
(``getal``, ``bedrag``, ``procent``, ``datum``, …): de soort bepaalt de Nederlandse weergave in de
tabel én de notatie in de export (Excel met echte getallen en datums).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
import plotly.io as pio
from dash import MATCH, Input, Output, dcc, html
from dash.development.base_component import Component

from dashboard.export import Kolom
from dashboard.thema import PLOTLY_LOCALE_NL
from dashboard.thema import grafiek_config as _thema_config
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
)
from pagina.componenten.tabelexport import (
    Tabelgegevens,
    bewaar_gegevens,
    met_export,
    tabelgegevens,
    tekst_van,
)

# --------------------------------------------------------------------------- bestandsnamen

#: De naam in een bestandsnaam als er geen wijk is gekozen (cijfers van de hele stad).
STAD = "almelo"
MAX_ONDERWERP = 60
MAX_WIJK = 40
_VERVANG = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l",
                          "Ł": "L", "đ": "d", "Đ": "D", "€": " euro "})


def veilige_naam(tekst: Any) -> str:
    """Alleen ``a-z``, ``0-9`` en ``-``: ``"Schoon/Heel & Veilig"`` → ``"schoon-heel-veilig"``,
    ``"Café 't Één"`` → ``"cafe-t-een"``, ``"per 1.000"`` → ``"per-1000"``."""
    tekst = unicodedata.normalize("NFKD", str(tekst).translate(_VERVANG))
    tekst = tekst.encode("ascii", "ignore").decode("ascii").lower()
    tekst = re.sub(r"(?<=\d)[.,](?=\d)", "", tekst)
    return re.sub(r"[^a-z0-9]+", "-", tekst).strip("-")


def _kort(tekst: str, maximum: int) -> str:
    """Inkorten tot ``maximum`` tekens, liefst na een heel woord."""
    if len(tekst) <= maximum:
        return tekst
    knip = tekst.rfind("-", 0, maximum + 1)
    return (tekst[:knip] if knip >= maximum // 2 else tekst[:maximum]).strip("-")


def bestandsnaam(onderwerp: str, *, wijk: str | None = None, jaar: int | str | None = None,
                 datum: dt.date | None = None) -> str:
    """De Nederlandse naam (zonder extensie) van elke export, grafiek of tabel:
    ``<wijk of almelo>_<onderwerp>[_<jaar>]_<dd-mm-jjjj>``, alleen veilige tekens. Bijvoorbeeld
    ``de-riet_doelstelling-sociale-cohesie_27-11-2026`` of ``almelo_heatmap-ambitiescores_2025_27-11-2026``."""
    delen = [_kort(veilige_naam(wijk), MAX_WIJK) if wijk else "", _kort(veilige_naam(onderwerp), MAX_ONDERWERP)]
    delen[0] = delen[0] or STAD
    delen[1] = delen[1] or "export"
    if jaar not in (None, ""):
        jaar_ = veilige_naam(jaar)[:10]
        if jaar_:
            delen.append(jaar_)
    delen.append(formatteer_datum(datum or dt.date.today()))
    return "_".join(delen)


# --------------------------------------------------------------------------- Plotly-config

#: De teksten van de werkbalk van plotly.js 3 (zoals meegeleverd met Dash 4) in het Nederlands. De
#: officiële ``plotly-locale-nl`` zit niet in de geïnstalleerde pakketten en vertaalt maar een paar
#: knoppen; deze woordenlijst gaat via ``config.locales`` mee met elke grafiek (geen CDN).
PLOTLY_WOORDEN_NL = {
    **PLOTLY_LOCALE_NL["dictionary"],
    "Autoscale": "Automatisch schalen",
    "Box Select": "Rechthoek selecteren",
    "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
    "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks apart te tonen",
    "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
    "Download plot": "Grafiek downloaden",
    "Download plot as a PNG": "Download als PNG",
    "Download plot as a png": "Download als PNG",
    "Image download succeeded": "De afbeelding is gedownload",
    "Lasso Select": "Lasso selecteren",
    "Pan": "Verschuiven",
    "Preparing image - this may take a few seconds": "Afbeelding maken; een ogenblik geduld",
    "Produced with Plotly.js": "Gemaakt met Plotly.js",
    "Reset": "Herstellen",
    "Reset axes": "Assen herstellen",
    "Reset view": "Weergave herstellen",
    "Reset views": "Weergaven herstellen",
    "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
    "Sorry, there was a problem downloading your image!": "Het downloaden van de afbeelding is mislukt.",
    "Toggle Spike Lines": "Hulplijnen aan of uit",
    "Toggle show closest data on hover": "Dichtstbijzijnde gegevens aan of uit",
    "Zoom": "Zoomen",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    "trace": "reeks",
}
PLOTLY_LOCALE = {**PLOTLY_LOCALE_NL, "dictionary": PLOTLY_WOORDEN_NL}


def grafiek_config(naam: str) -> dict[str, Any]:
    """``config`` voor elke ``dcc.Graph``: Nederlandse locale en "Download als PNG" (2× scherp)
    onder de bestandsnaam ``naam`` (zie :func:`bestandsnaam`)."""
    config = _thema_config(naam)
    config["locales"] = {"nl": PLOTLY_LOCALE}
    config["toImageButtonOptions"] = {"format": "png", "filename": naam, "scale": 2}
    # plotly.js 3 toont anders een knop "Share chart..." die de grafiek naar Plotly Cloud stuurt:
    # gegevens van de gemeente horen niet bij een derde, en de app werkt zonder internet.
    config["showSendToCloud"] = False
    config["showEditInChartStudio"] = False
    # Geen meldingen van Plotly ("afbeelding maken…"): wit op lichtgrijsblauw haalt het contrast van WCAG
    # niet (2,9:1) en de download zelf is direct zichtbaar in de browser.
    config["displayNotifier"] = False
    return config


# --------------------------------------------------------------------------- tabellen


def kolom(kop: str, soort: str = "tekst") -> Kolom:
    """Een kolom voor :func:`maak_tabel`: ``kolom("Oormerk", "bedrag")``."""
    return Kolom(kop, kop, soort)


def _datum(waarde: Any) -> dt.date | Any:
    return dt.date.fromisoformat(waarde[:10]) if isinstance(waarde, str) else waarde


_WEERGAVE: dict[str, Callable[[Any], str]] = {
    "tekst": str,
    "getal": lambda v: formatteer_getal(v, 0),
    "getal1": lambda v: formatteer_getal(v, 1),
    "getal2": lambda v: formatteer_getal(v, 2),
    "bedrag": formatteer_bedrag,
    "procent": formatteer_procent,
    "datum": lambda v: formatteer_datum(_datum(v)),
    "jaar": lambda v: str(int(v)),
}
_GETALSOORTEN = ("getal", "getal1", "getal2", "bedrag", "procent", "jaar")


def maak_tabel(kolommen: Sequence[str | Kolom], rijen: Sequence[Sequence[Any]], id_: str | None = None,
               opmaak: Sequence[Callable[[Any], Any] | None] | None = None) -> dbc.Table:
    """Eenvoudige, toegankelijke tabel. Een kolom is een kop (tekst) of een :class:`Kolom` met soort
    (zie :func:`kolom`); ``opmaak`` geeft per kolom desgewenst een eigen weergave (tekst of onderdeel,
    bijv. een link). Leeg (``None``) wordt "–".

    De tabel bewaart haar gegevens voor de export: bij een getypte kolom de echte waarde (Excel rekent
    ermee), bij een tekstkolom de tekst zoals hij in de tabel staat."""
    koppen = [k if isinstance(k, Kolom) else Kolom(k, k) for k in kolommen]
    opmaak = list(opmaak or [None] * len(koppen))
    if len(opmaak) != len(koppen):
        raise ValueError("opmaak moet even lang zijn als kolommen")
    velden = [f"k{i}" for i in range(len(koppen))]
    export_kolommen = tuple(Kolom(v, k.kop, k.soort) for v, k in zip(velden, koppen, strict=True))
    rechts = ["text-end" if k.soort in _GETALSOORTEN else None for k in koppen]

    html_rijen = []
    export_rijen = []
    for rij in rijen:
        cellen = []
        export: dict[str, Any] = {}
        for veld, k, f, waarde, klasse in zip(velden, koppen, opmaak, rij, rechts, strict=True):
            if waarde is None:
                weergave: Any = "–"
            else:
                if k.soort in _GETALSOORTEN and not isinstance(waarde, (int, float, Decimal)):
                    raise TypeError(f"kolom {k.kop!r} ({k.soort}) verwacht een getal, geen {waarde!r}")
                if f is None and k.soort == "tekst" and isinstance(waarde, (Component, list)):
                    weergave = waarde  # al een onderdeel (of een lijst onderdelen en tekst)
                else:
                    weergave = (f or _WEERGAVE[k.soort])(waarde)
            cellen.append(html.Td(weergave, className=klasse) if klasse else html.Td(weergave))
            if waarde is None:
                export[veld] = None
            elif k.soort == "tekst":
                export[veld] = tekst_van(weergave)
            else:
                export[veld] = waarde
        html_rijen.append(html.Tr(cellen))
        export_rijen.append(export)

    kop = html.Thead(html.Tr([html.Th(k.kop, scope="col", **({"className": r} if r else {}))
                              for k, r in zip(koppen, rechts, strict=True)]))
    kwargs = {"id": id_} if id_ else {}
    tabel = dbc.Table([kop, html.Tbody(html_rijen)], bordered=False, striped=True, hover=True, size="sm",
                      className="mb-0", **kwargs)
    return bewaar_gegevens(tabel, Tabelgegevens(export_kolommen, tuple(export_rijen)))


def tabel_met_export(tabel: Any, export_id: str, naam: str, titel: str,
                     gegevens: Tabelgegevens | None = None, responsive: bool = True) -> html.Div:
    """Een losse tabel (niet onder een grafiek) met de knoppen "CSV" en "Excel" erboven."""
    inhoud = html.Div(tabel, className="table-responsive") if responsive else tabel
    return met_export(inhoud, export_id, naam, titel, gegevens or tabelgegevens(tabel))


# --------------------------------------------------------------------------- grafiek


def standaard_template() -> dict[str, Any]:
    """Het standaardtemplate van Plotly (de huisstijl, :func:`dashboard.thema.registreer_template`) als dict, voor
    figuren die als gewone dict worden gebouwd. Eén keer per templatenaam omgezet."""
    return _template_als_dict(pio.templates.default)


@functools.lru_cache(maxsize=4)
def _template_als_dict(naam: str) -> dict[str, Any]:
    return pio.templates[naam].to_plotly_json() if naam else {}


def maak_grafiek(id_: str, titel: str, figuur: go.Figure | dict[str, Any], tabel: Any, export_naam: str,
                 toelichting: str | None = None, hoogte: int | None = None) -> html.Section:
    """Een grafiek met kop, optionele toelichting, en de tabel als alternatief eronder.

    ``export_naam`` (uit :func:`bestandsnaam`) is de naam van de PNG en van de CSV/Excel van de tabel;
    de tabel (van :func:`maak_tabel`) krijgt haar exportknoppen onder het export-id ``id_``. De PNG komt
    uit de werkbalk van Plotly (bij aanwijzen) én uit de knop "PNG" naast de titel: de werkbalk is met
    het toetsenbord niet te bereiken, de knop wel."""
    titel_id = f"{id_}-titel"
    if isinstance(figuur, dict):
        # Een figuur als gewone dict (``{"data": [...], "layout": {...}}``): veel sneller dan ``go.Figure``,
        # die elke eigenschap valideert; dcc.Graph neemt beide.
        # Het huisstijltemplate (Nederlandse decimalen, lettertype, kleuren) zet ``go.Figure`` er zelf in; bij een
        # dict doen we dat hier, tenzij de dict al een template heeft.
        layout = figuur.get("layout", {})
        figuur = {**figuur, "layout": {**({} if "template" in layout else {"template": standaard_template()}),
                                       **layout, "title": None, **({"height": hoogte} if hoogte else {})}}
    else:
        if hoogte:
            figuur.update_layout(height=hoogte)
        figuur.update_layout(title=None)
    png = html.Button("PNG", id={"type": "grafiek-png", "grafiek": id_}, type="button",
                      className="btn btn-outline-secondary btn-sm py-0 px-2 flex-shrink-0",
                      **{"aria-label": f"Download grafiek als PNG: {titel}"})
    onderdelen: list[Any] = [
        html.Div([html.H3(titel, id=titel_id, className="h5"), png],
                 className="d-flex justify-content-between align-items-start gap-2"),
    ]
    if toelichting:
        onderdelen.append(html.P(toelichting, className="small text-body-secondary"))
    gegevens = tabelgegevens(tabel)
    tabeldeel: Any = html.Div(tabel, className="table-responsive")
    if gegevens is not None:
        tabeldeel = met_export(tabeldeel, id_, export_naam, titel, gegevens)
    onderdelen += [
        dcc.Graph(id=id_, figure=figuur, config=grafiek_config(export_naam)),
        html.Details(
            [html.Summary("Toon als tabel", className="small"), html.Div(tabeldeel, className="mt-2")],
            className="grafiek-tabel mt-1",
        ),
    ]
    return html.Section(onderdelen, className="grafiek",
                        **{"aria-labelledby": titel_id, "data-grafiek": id_, "data-png": export_naam})


# De knop "PNG": dezelfde download als de werkbalk (Plotly.downloadImage, 2× scherp, naam uit data-png),
# maar met het toetsenbord bereikbaar. In de browser: de afbeelding wordt daar gemaakt, niet op de server.
dash.clientside_callback(
    """
    function(n) {
        const bron = window.dash_clientside.callback_context.triggered_id;
        if (!n || !bron || !window.Plotly) { return window.dash_clientside.no_update; }
        const sectie = document.querySelector('section[data-grafiek="' + CSS.escape(String(bron.grafiek)) + '"]');
        const grafiek = sectie && sectie.querySelector('.js-plotly-plot');
        if (grafiek) {
            window.Plotly.downloadImage(grafiek, {format: 'png', filename: sectie.dataset.png, scale: 2});
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output({"type": "grafiek-png", "grafiek": MATCH}, "disabled"),
    Input({"type": "grafiek-png", "grafiek": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
