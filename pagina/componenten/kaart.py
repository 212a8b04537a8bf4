"""De kaart van de wijken, gekleurd op een gekozen maat, met tabelalternatief.

- Met ingelezen grenzen (``python -m dashboard kaart laden``): een ``go.Choropleth`` met de grenzen
  als ``geojson``, ingezoomd op de wijken (``fitbounds``), zonder achtergrondkaart: er wordt niets
  van internet gehaald.
- Zonder grenzen: een schematische tegelkaart (``go.Heatmap`` met een tegel per wijk, plekken uit
  :func:`datalaag.kaart.tegelposities`).

Kleur is nooit de enige drager: op elke tegel (en bij elke grens) staan de naam en de waarde.
Elke tegel/grens heeft de slug als ``customdata``; :func:`slug_uit_klik` haalt die uit ``clickData``
zodat een pagina kan doorklikken naar ``/wijk/<slug>``.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from datalaag.kaart import Kaartgegevens, KaartWijk, kaartmaten
from pagina.componenten.grafiek import (
    bestandsnaam,
    kolom,
    maak_grafiek,
    maak_tabel,
    standaard_template,
)

#: Sequentieel, één tint (blauw): leesbaar bij de gangbare vormen van kleurenblindheid en in grijs.
KAART_KLEURENSCHAAL = [
    [0.0, "#eff3ff"],
    [0.25, "#c6dbef"],
    [0.5, "#6baed6"],
    [0.75, "#2171b5"],
    [1.0, "#08306b"],
]
GEEN_WAARDE_KLEUR = "#e9ecef"
#: Een lege topologie als data-URL: plotly.js plakt er "world_110m.json" achter (na de #), zodat een
#: eventuele aanvraag nooit het internet op gaat.
LEGE_TOPOJSON_URL = "data:application/json,%7B%22type%22%3A%22Topology%22%2C%22objects%22%3A%7B%7D%2C%22arcs%22%3A%5B%5D%7D#"
SCHEMATISCH = "Schematische kaart — echte grenzen laadt de beheerder met python -m dashboard kaart laden"
#: Achtervoegsels waarvoor een lange wijknaam op een tegel wordt afgebroken.
_ACHTERVOEGSELS = ("kwartier", "hoek", "broek", "veld", "horst", "landen", "kamp", "lust", "rees", "stad")
_MAX_REGEL = 12


def tegelnaam(naam: str) -> str:
    """Wijknaam voor op een tegel: lange namen afgebroken, bij een spatie of vóór een achtervoegsel."""
    if len(naam) <= _MAX_REGEL:
        return naam
    if " " in naam:
        return naam.replace(" ", "<br>", 1)
    for achtervoegsel in _ACHTERVOEGSELS:
        if naam.lower().endswith(achtervoegsel) and len(naam) - len(achtervoegsel) >= 4:
            knip = len(naam) - len(achtervoegsel)
            return f"{naam[:knip]}-<br>{naam[knip:]}"
    return naam


def _kanaal(waarde: int) -> float:
    c = waarde / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _luminantie(kleur: str) -> float:
    r, g, b = (int(kleur[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _kanaal(r) + 0.7152 * _kanaal(g) + 0.0722 * _kanaal(b)


def tekstkleur(vlak: str) -> str:
    """Zwart of wit, wat het meeste contrast (WCAG) geeft op de vlakkleur ``#rrggbb``."""
    l_vlak = _luminantie(vlak)
    return "#000000" if (l_vlak + 0.05) / 0.05 >= 1.05 / (l_vlak + 0.05) else "#ffffff"


def kleur_in_schaal(fractie: float, schaal: list[list[Any]] = KAART_KLEURENSCHAAL) -> str:
    """De kleur op ``fractie`` (0..1) van een Plotly-kleurenschaal, lineair tussen de stops."""
    fractie = min(1.0, max(0.0, fractie))
    for (p0, k0), (p1, k1) in zip(schaal, schaal[1:]):
        if fractie <= p1:
            t = 0.0 if p1 == p0 else (fractie - p0) / (p1 - p0)
            a = [int(k0[i:i + 2], 16) for i in (1, 3, 5)]
            b = [int(k1[i:i + 2], 16) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + t * (y - x)):02x}" for x, y in zip(a, b))
    return schaal[-1][1]


def _kleurbalk(gegevens: Kaartgegevens) -> dict[str, Any]:
    maat = gegevens.maat
    balk: dict[str, Any] = {"title": {"text": maat.label, "side": "top"}, "thickness": 14, "len": 0.6,
                            "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top"}
    if maat.formatter == "formatteer_procent":
        balk["tickformat"] = ".0%"
    return balk


def _waarden_bereik(wijken: tuple[KaartWijk, ...]) -> tuple[float, float] | None:
    waarden = [w.waarde for w in wijken if w.waarde is not None]
    if not waarden:
        return None
    laag, hoog = min(waarden), max(waarden)
    if hoog - laag < 1e-9:
        hoog = laag + 1
    return laag, hoog


def _zonder_leeg(**velden: Any) -> dict[str, Any]:
    """Een spoor als dict zonder de velden die ``None`` zijn (zoals ``go.Heatmap(zmin=None)``: niet gezet)."""
    return {k: v for k, v in velden.items() if v is not None}


def _tegelkaart(gegevens: Kaartgegevens) -> dict[str, Any]:
    maat = gegevens.maat
    kolommen = max((w.kolom for w in gegevens.wijken), default=0) + 1
    rijen = max((w.rij for w in gegevens.wijken), default=0) + 1

    def raster(vul: Any) -> list[list[Any]]:
        return [[vul for _ in range(kolommen)] for _ in range(rijen)]

    z, tekst, klant, zonder, tekst_zonder, klant_zonder = (raster(None) for _ in range(6))
    for w in gegevens.wijken:
        waarde = maat.formatteer(w.waarde)
        if w.waarde is None:
            zonder[w.rij][w.kolom] = 0
            tekst_zonder[w.rij][w.kolom] = f"<b>{tegelnaam(w.naam)}</b><br>geen gegevens"
            klant_zonder[w.rij][w.kolom] = w.slug
        else:
            z[w.rij][w.kolom] = w.waarde
            tekst[w.rij][w.kolom] = f"<b>{tegelnaam(w.naam)}</b><br>{waarde}"
            klant[w.rij][w.kolom] = w.slug
    bereik = _waarden_bereik(gegevens.wijken)
    gemeen = {"type": "heatmap", "xgap": 6, "ygap": 6, "hoverongaps": False,
              "hovertemplate": "%{text}<extra></extra>"}
    sporen = [
        {**gemeen, "z": zonder, "text": tekst_zonder, "customdata": klant_zonder,
         "colorscale": [[0, GEEN_WAARDE_KLEUR], [1, GEEN_WAARDE_KLEUR]], "showscale": False, "name": "geen gegevens"},
        {**gemeen, "z": z, "text": tekst, "customdata": klant, "colorscale": KAART_KLEURENSCHAAL,
         **_zonder_leeg(zmin=bereik[0] if bereik else None, zmax=bereik[1] if bereik else None),
         "colorbar": _kleurbalk(gegevens), "name": maat.label},
    ]
    # Naam en waarde als annotatie, met een tekstkleur die bij de tegelkleur genoeg contrast geeft.
    annotaties = []
    for w in gegevens.wijken:
        if w.waarde is None or bereik is None:
            vlak = GEEN_WAARDE_KLEUR
            regel = "geen gegevens"
        else:
            vlak = kleur_in_schaal((w.waarde - bereik[0]) / (bereik[1] - bereik[0]))
            regel = maat.formatteer(w.waarde)
        # ``showarrow`` en de lettergrootte staan één keer in ``annotationdefaults`` (zie onder); een klik gaat
        # door naar de tegel (``captureevents`` is standaard uit): bij honderd wijken scheelt dat kB's.
        annotaties.append({"x": w.kolom, "y": w.rij, "text": f"<b>{tegelnaam(w.naam)}</b><br>{regel}",
                           "font": {"color": tekstkleur(vlak)}})
    # Stadsdeel als label links van zijn eerste rij.
    eerste_rij: dict[int, str] = {}
    for w in sorted(gegevens.wijken, key=lambda w: (w.rij, w.kolom)):
        eerste_rij.setdefault(w.rij, w.stadsdeel)
    vorige = None
    labels = []
    for rij in range(rijen):
        stadsdeel = eerste_rij.get(rij)
        labels.append(stadsdeel if stadsdeel and stadsdeel != vorige else "")
        vorige = stadsdeel or vorige
    layout = {
        "height": max(300, 118 * rijen + 110),
        "margin": {"l": 110, "r": 10, "t": 10, "b": 90},
        "xaxis": {"visible": False, "range": [-0.5, kolommen - 0.5], "constrain": "domain", "fixedrange": True},
        "yaxis": {
            "autorange": "reversed", "scaleanchor": "x", "scaleratio": 1, "constrain": "domain",
            "tickmode": "array", "tickvals": list(range(rijen)), "ticktext": labels,
            "showgrid": False, "ticks": "", "fixedrange": True,
        },
        "plot_bgcolor": "white",
        "annotations": annotaties,
        "template": _met_annotatiestandaard({"showarrow": False, "font": {"size": 13}}),
    }
    return {"data": sporen, "layout": layout}


def _met_annotatiestandaard(standaard: dict[str, Any]) -> dict[str, Any]:
    """Het huisstijltemplate met ``annotationdefaults``: wat voor elke annotatie gelijk is, staat er één keer in."""
    template = standaard_template()
    return {**template, "layout": {**template.get("layout", {}), "annotationdefaults": standaard}}


def _zwaartepunt(geometrie: dict[str, Any]) -> tuple[float, float]:
    """Midden van de omhullende rechthoek van de grootste ring: goed genoeg voor een label."""
    if geometrie["type"] == "Polygon":
        ringen = [geometrie["coordinates"][0]]
    else:
        ringen = [polygoon[0] for polygoon in geometrie["coordinates"]]
    ring = max(ringen, key=len)
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def _grenzenkaart(gegevens: Kaartgegevens) -> dict[str, Any]:
    maat = gegevens.maat
    met = [w for w in gegevens.wijken if w.geometrie]
    features = [{"type": "Feature", "id": w.slug, "properties": {"naam": w.naam}, "geometry": w.geometrie} for w in met]
    geojson = {"type": "FeatureCollection", "features": features}
    bereik = _waarden_bereik(tuple(met))
    # De namen (Scattergeo met lon/lat, zonder ``locationmode``) als EERSTE spoor: plotly.js 3 kijkt
    # alleen naar het eerste spoor om te beslissen of het een wereldkaart (topojson) van het CDN
    # moet halen, en een Choropleth heeft altijd een locationmode. Zo wordt er niets opgehaald; voor
    # de zekerheid wijst ``topojsonURL`` in de config bovendien naar een lege, lokale topologie.
    midden = [_zwaartepunt(w.geometrie) for w in met]  # type: ignore[arg-type]
    sporen: list[dict[str, Any]] = [{
        "type": "scattergeo",
        "lon": [m[0] for m in midden], "lat": [m[1] for m in midden], "mode": "text",
        "text": [f"<b>{w.naam}</b><br>{maat.formatteer(w.waarde) if w.waarde is not None else 'geen gegevens'}"
                 for w in met],
        "customdata": [w.slug for w in met],
        "textfont": {"size": 12, "color": [
            tekstkleur(GEEN_WAARDE_KLEUR if w.waarde is None or bereik is None
                       else kleur_in_schaal((w.waarde - bereik[0]) / (bereik[1] - bereik[0])))
            for w in met
        ]},
        "hoverinfo": "skip", "showlegend": False, "name": "namen",
    }]
    lijn = {"line": {"color": "white", "width": 1.5}}
    zonder = [w for w in met if w.waarde is None]
    if zonder:
        sporen.append({
            "type": "choropleth", "geojson": geojson, "locations": [w.slug for w in zonder], "z": [0] * len(zonder),
            "customdata": [w.slug for w in zonder], "text": [f"{w.naam}: geen gegevens" for w in zonder],
            "colorscale": [[0, GEEN_WAARDE_KLEUR], [1, GEEN_WAARDE_KLEUR]], "showscale": False,
            "hovertemplate": "%{text}<extra></extra>", "marker": lijn, "name": "geen gegevens",
        })
    waarde = [w for w in met if w.waarde is not None]
    sporen.append({
        "type": "choropleth", "geojson": geojson, "locations": [w.slug for w in waarde],
        "z": [w.waarde for w in waarde], "customdata": [w.slug for w in waarde],
        "text": [f"{w.naam}: {maat.formatteer(w.waarde)}" for w in waarde],
        "colorscale": KAART_KLEURENSCHAAL,
        **_zonder_leeg(zmin=bereik[0] if bereik else None, zmax=bereik[1] if bereik else None),
        "colorbar": _kleurbalk(gegevens),
        "hovertemplate": "%{text}<extra></extra>", "marker": lijn, "name": maat.label,
    })
    layout = {
        "geo": {"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}},
        "height": 600, "margin": {"l": 0, "r": 0, "t": 0, "b": 80}, "showlegend": False,
    }
    return {"data": sporen, "layout": layout}


def kaart_figuur_dict(gegevens: Kaartgegevens) -> dict[str, Any]:
    """De figuur als gewone dict (``{"data": [...], "layout": {...}}``): grenzen (Choropleth) als die er zijn,
    anders de schematische tegelkaart. Zonder de validatie van ``go.Figure``, dus veel sneller."""
    return _grenzenkaart(gegevens) if gegevens.met_grenzen else _tegelkaart(gegevens)


def kaart_figuur(gegevens: Kaartgegevens) -> go.Figure:
    """:func:`kaart_figuur_dict` als ``go.Figure`` (gevalideerd; voor tests en export)."""
    return go.Figure(kaart_figuur_dict(gegevens))


def slug_uit_klik(klik: dict[str, Any] | None) -> str | None:
    """De wijk-slug uit ``clickData`` van de kaart (of van een staafgrafiek met slug als customdata)."""
    try:
        data = klik["points"][0]["customdata"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None
    if isinstance(data, list | tuple):
        data = data[0] if data else None
    return data if isinstance(data, str) and data else None


def maak_kaartmaatkeuze(id_: str, gekozen: str) -> html.Div:
    """Gelabelde keuzelijst van de maten waarop de kaart kleurt."""
    return html.Div(
        [
            dbc.Label("Kleur de kaart op", html_for=id_, className="me-2 mb-0 fw-semibold"),
            dbc.Select(
                id=id_,
                options=[{"label": m.label, "value": m.code} for m in kaartmaten],
                value=gekozen,
                style={"width": "20rem", "maxWidth": "100%"},
            ),
        ],
        className="d-flex flex-wrap align-items-center gap-1 mb-2",
    )


def maak_kaart(id_: str, gegevens: Kaartgegevens) -> html.Section:
    """De kaart met kop, toelichting (met de schematische-kaartnotitie) en tabelalternatief."""
    maat = gegevens.maat
    toelichting = f"{maat.toelichting} Klik op een wijk voor de wijkpagina."
    if gegevens.met_grenzen:
        zonder = [w.naam for w in gegevens.wijken if not w.geometrie]
        if zonder:
            toelichting += " Zonder ingelezen grens (niet op de kaart): " + ", ".join(zonder) + "."
    else:
        toelichting = f"{SCHEMATISCH}. {toelichting}"
    soort = "procent" if maat.formatter == "formatteer_procent" else ("getal1" if maat.decimalen else "getal")
    tabel = maak_tabel(
        ["Wijk", "Stadsdeel", kolom(maat.label, soort)],
        [[w.naam, w.stadsdeel, w.waarde] for w in gegevens.wijken],
        id_=f"{id_}-tabel",
        opmaak=[None, None, maat.formatteer],
    )
    grafiek = maak_grafiek(
        id_,
        f"Kaart: {maat.label.lower()} per wijk, {gegevens.jaar}",
        kaart_figuur_dict(gegevens),
        tabel,
        bestandsnaam(f"kaart {maat.label}", jaar=gegevens.jaar),
        toelichting=toelichting,
    )
    if gegevens.met_grenzen:
        for onderdeel in grafiek.children:
            if isinstance(onderdeel, dcc.Graph):
                onderdeel.config = {**onderdeel.config, "topojsonURL": LEGE_TOPOJSON_URL}
    return html.Div(grafiek, className="kaart")
