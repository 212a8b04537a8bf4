"""``/meldingen``: incidenten en klachten — aantallen (ook per 1.000 inwoners), afhandeltijd tegen
de norm, open meldingen over de norm, ernstige meldingen en de kerngroep, melding aan de
regiegroep, en de volledige lijst (gepagineerd op de server) met export.

De filters staan in de URL: ``/meldingen?wijk=kerkelanden&jaar=2026&categorie=overlast&status=open``.
Ongeldige waarden vallen terug op de standaard; een onbekende wijk geeft een melding.
Vrije tekst (omschrijving, aanpak) wordt altijd als gewone tekst getoond, nooit als HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import OKABE_ITO
from datalaag.meldingen import (
    CATEGORIE_LABELS,
    MAX_EXPORT_RIJEN,
    STATUS_LABELS,
    Afhandeling,
    ErnstigeMeldingen,
    MeldingAantallen,
    MeldingFilter,
    OpenMeldingen,
    RegiegroepMelding,
    ernstige_meldingen,
    filterkeuzes,
    kies_filter,
    meldingen_pagina,
    open_meldingen,
    paginacijfers,
)
from datalaag.opmaak import (
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)
from pagina.componenten.filters import ALLE, maak_keuzelijst
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_grafiek, maak_tabel
from pagina.componenten.grid import (
    maak_grid,
    maak_grid_serverzijdig,
    registreer_export,
    registreer_paginering,
)
from pagina.componenten.kpi_kaart import maak_kpi_kaart

#: Waarde van de keuze "alle …" in een select (een lege waarde is in dbc.Select de placeholder).

dash.register_page(
    __name__,
    path="/meldingen",
    name="Meldingen",
    title="Meldingen · Wijkaanpak Almelo",
    description="Meldingen per wijk, afhandeltijd tegen de norm, open en ernstige meldingen en melding aan de "
                "regiegroep.",
    order=6,
)

ERNST_LABELS = {"normaal": "Normaal", "ernstig": "Ernstig"}
KANAAL_LABELS = {"telefoon": "Telefoon", "website": "Website", "app": "App", "balie": "Balie", "email": "E-mail",
                 "wijkagent": "Wijkagent", "regiegroep": "Regiegroep"}


def _vandaag() -> dt.date:
    return dt.date.today()


def _label(labels: Mapping[str, str], waarde: str | None) -> str | None:
    return None if waarde is None else labels.get(waarde, waarde)


# --------------------------------------------------------------------------- lijsten en export

LIJST_KOLOMMEN = [
    Kolom("kenmerk", "Kenmerk", breedte=130),
    Kolom("ontvangen", "Ontvangen", "datum", breedte=120),
    Kolom("wijk", "Wijk", breedte=160),
    Kolom("buurt", "Buurt", breedte=150),
    Kolom("categorie", "Categorie", breedte=120),
    Kolom("ernst", "Ernst", breedte=100),
    Kolom("kanaal", "Kanaal", breedte=110),
    Kolom("status", "Status", breedte=130),
    Kolom("afgehandeld", "Afgehandeld", "datum", breedte=120),
    Kolom("afhandeltijd", "Afhandeltijd (werkdagen)", "getal", breedte=130),
    Kolom("verantwoordelijke", "Verantwoordelijke", breedte=220),
    Kolom("kerngroep", "Kerngroep betrokken", breedte=120),
    Kolom("gemeld_regiegroep", "Gemeld aan regiegroep", "datum", breedte=130),
    Kolom("omschrijving", "Omschrijving", breedte=340),
]
_LABELS_PER_VELD = {"categorie": CATEGORIE_LABELS, "ernst": ERNST_LABELS, "kanaal": KANAAL_LABELS,
                    "status": STATUS_LABELS}


def _lijstrij(r: Any) -> dict[str, Any]:
    return {
        "kenmerk": r.kenmerk, "ontvangen": r.ontvangen, "wijk": r.wijk, "buurt": r.buurt,
        "categorie": r.categorie, "ernst": r.ernst, "kanaal": r.kanaal, "status": r.status,
        "afgehandeld": r.afgehandeld, "afhandeltijd": r.afhandeltijd, "verantwoordelijke": r.verantwoordelijke,
        "kerngroep": "ja" if r.kerngroep else "nee", "gemeld_regiegroep": r.gemeld_regiegroep,
        "omschrijving": r.omschrijving,
    }


def _lijst_rijen(query: Mapping[str, str], start: int, eind: int, sortering: Sequence[tuple[str, str]],
                 filters: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Eén blok van de volledige lijst, met de filters uit de URL (voor grid en export)."""
    vandaag = _vandaag()
    with lees_sessie() as sessie:
        # Zelfde controle als de pagina, zodat een ongeldige wijk in de URL ook hier wegvalt.
        f = kies_filter(query, filterkeuzes(sessie), vandaag)
        rijen, totaal = meldingen_pagina(sessie, f, vandaag, start, eind, sortering, filters)
    return [_lijstrij(r) for r in rijen], totaal


def _exportrij(rij: dict[str, Any]) -> dict[str, Any]:
    """Voor de export: Nederlandse labels in plaats van codes."""
    return {**rij, **{veld: labels.get(rij.get(veld), rij.get(veld)) for veld, labels in _LABELS_PER_VELD.items()}}


registreer_paginering("meldingen-lijst", _lijst_rijen, kolommen=LIJST_KOLOMMEN, naam="meldingen",
                      max_export=MAX_EXPORT_RIJEN, export_rij=_exportrij)

OPEN_KOLOMMEN = [
    Kolom("kenmerk", "Kenmerk"),
    Kolom("wijk", "Wijk"),
    Kolom("categorie", "Categorie"),
    Kolom("ontvangen", "Ontvangen", "datum"),
    Kolom("werkdagen_open", "Werkdagen open", "getal"),
    Kolom("norm", "Norm (werkdagen)", "getal"),
    Kolom("verantwoordelijke", "Verantwoordelijke"),
    Kolom("status", "Status nu"),
]


_KOP_OMBREKEN = {"wrapHeaderText": True, "autoHeaderHeight": True}


def _open_rijen(o: OpenMeldingen) -> list[dict[str, Any]]:
    return [
        {"kenmerk": r.kenmerk, "wijk": r.wijk, "categorie": CATEGORIE_LABELS.get(r.categorie, r.categorie),
         "ontvangen": r.ontvangen.isoformat(), "werkdagen_open": r.werkdagen_open, "norm": r.norm_werkdagen,
         "verantwoordelijke": r.verantwoordelijke, "status": STATUS_LABELS.get(r.status, r.status)}
        for r in o.rijen
    ]


def _export_open(query: Mapping[str, str]) -> list[dict[str, Any]]:
    vandaag = _vandaag()
    with lees_sessie() as sessie:
        return _open_rijen(open_meldingen(sessie, kies_filter(query, filterkeuzes(sessie), vandaag), vandaag,
                                          limiet=MAX_EXPORT_RIJEN))


registreer_export("meldingen-open", OPEN_KOLOMMEN, _export_open, "meldingen_over_norm")

ERNSTIG_KOLOMMEN = [
    Kolom("kenmerk", "Kenmerk"),
    Kolom("wijk", "Wijk"),
    Kolom("categorie", "Categorie"),
    Kolom("ontvangen", "Ontvangen", "datum"),
    Kolom("status", "Status"),
    Kolom("kerngroep", "Kerngroep betrokken"),
    Kolom("verantwoordelijke", "Verantwoordelijke"),
]


def _ernstig_rijen(e: ErnstigeMeldingen) -> list[dict[str, Any]]:
    return [
        {"kenmerk": r.kenmerk, "wijk": r.wijk, "categorie": CATEGORIE_LABELS.get(r.categorie, r.categorie),
         "ontvangen": r.ontvangen.isoformat(), "status": STATUS_LABELS.get(r.status, r.status),
         "kerngroep": "✔ ja" if r.kerngroep_betrokken else "✖ nee", "verantwoordelijke": r.verantwoordelijke}
        for r in e.rijen
    ]


def _export_ernstig(query: Mapping[str, str]) -> list[dict[str, Any]]:
    vandaag = _vandaag()
    with lees_sessie() as sessie:
        f = kies_filter(query, filterkeuzes(sessie), vandaag)
        return _ernstig_rijen(ernstige_meldingen(sessie, f, vandaag, limiet=MAX_EXPORT_RIJEN))


registreer_export("meldingen-ernstig", ERNSTIG_KOLOMMEN, _export_ernstig, "ernstige_meldingen")

#: Zoveel rijen staan in de tabellen "open over de norm" en "ernstig" op de pagina (de download bevat ze
#: allemaal, tot MAX_EXPORT_RIJEN): op G4-schaal zijn het er duizenden, en elke rij kost de pagina ~200 bytes.
TABEL_RIJEN = 200


# --------------------------------------------------------------------------- onderdelen



def _filters(keuzes, f: MeldingFilter) -> html.Div:
    return html.Div(dbc.Form(
        dbc.Row(
            [
                maak_keuzelijst("meldingen-wijk", "Wijk", keuzes.wijken, f.wijk, "Alle wijken"),
                dbc.Col(
                    [
                        dbc.Label("Jaar van ontvangst", html_for="meldingen-jaar", className="fw-semibold mb-1"),
                        dbc.Select(id="meldingen-jaar",
                                   options=[{"label": str(j), "value": str(j)} for j in reversed(keuzes.jaren)]
                                   or [{"label": str(f.jaar), "value": str(f.jaar)}],
                                   value=str(f.jaar)),
                    ],
                    xs=12, sm=6, lg=3,
                ),
                maak_keuzelijst("meldingen-categorie", "Categorie", list(CATEGORIE_LABELS.items()), f.categorie,
                        "Alle categorieën"),
                maak_keuzelijst("meldingen-status", "Status", list(STATUS_LABELS.items()), f.status, "Alle statussen"),
            ],
            className="g-3",
        ),
        className="paneel mb-3",
    ), role="group", **{"aria-label": "Filters"})


def _kpis(a: MeldingAantallen, h: Afhandeling, o: OpenMeldingen, e: ErnstigeMeldingen,
          r: RegiegroepMelding) -> dbc.Row:
    kaarten = [
        maak_kpi_kaart("meldingen-kpi-aantal", f"Meldingen ontvangen in {a.jaar}", formatteer_getal(a.totaal),
                       f"{formatteer_getal(a.per_1000, 1)} per 1.000 inwoners."),
        maak_kpi_kaart("meldingen-kpi-mediaan", "Mediane afhandeltijd",
                       "–" if h.mediaan_werkdagen is None else f"{formatteer_getal(h.mediaan_werkdagen, 1)} werkdagen",
                       f"Van {meervoud(h.afgehandeld, 'melding', 'meldingen')} afgehandeld in {h.jaar}."),
        maak_kpi_kaart("meldingen-kpi-norm", "Binnen de norm afgehandeld", formatteer_procent(h.aandeel_binnen_norm),
                       f"{formatteer_getal(h.binnen_norm)} van {formatteer_getal(h.met_norm)} (norm per categorie).",
                       let_op=h.aandeel_binnen_norm is not None and h.aandeel_binnen_norm < 0.8),
        maak_kpi_kaart("meldingen-kpi-open", "Open en over de norm", formatteer_getal(o.over_norm),
                       f"Van {formatteer_getal(o.open)} open meldingen op {formatteer_datum(o.peildatum)}.",
                       let_op=o.over_norm > 0),
        maak_kpi_kaart("meldingen-kpi-kerngroep", "Ernstig: kerngroep betrokken",
                       formatteer_procent(e.aandeel_kerngroep),
                       f"{formatteer_getal(e.kerngroep_betrokken)} van {formatteer_getal(e.aantal)} ernstige meldingen.",
                       let_op=e.aandeel_kerngroep is not None and e.aandeel_kerngroep < 1),
        maak_kpi_kaart("meldingen-kpi-regiegroep", "Gemeld aan de regiegroep", formatteer_procent(r.aandeel_gemeld),
                       f"{formatteer_getal(r.niet_gemeld)} niet gemeld binnen {r.meldtermijn_dagen} dagen.",
                       let_op=r.niet_gemeld > 0),
    ]
    return dbc.Row([dbc.Col(k, xs=12, sm=6, lg=4, xxl=2, className="mb-3") for k in kaarten])


def _wijklink(waarde: tuple[str, str]) -> Any:
    naam, slug = waarde
    return dcc.Link(naam, href=f"/wijk/{slug}")


def _grafiek_per_wijk(a: MeldingAantallen, wijk: str | None = None) -> html.Section:
    rijen = list(reversed(a.per_wijk))  # bovenaan de eerste op naam
    figuur = go.Figure(
        go.Bar(
            x=[w.per_1000 for w in rijen], y=[w.label for w in rijen], orientation="h",
            customdata=[[w.sleutel, formatteer_getal(w.aantal), formatteer_getal(w.per_1000, 1)] for w in rijen],
            text=[formatteer_getal(w.per_1000, 1) for w in rijen], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{customdata[2]} per 1.000 inwoners (%{customdata[1]} meldingen)<extra></extra>",
            marker_color=OKABE_ITO[0],
        )
    )
    figuur.update_layout(height=max(180, 34 * len(rijen) + 80), margin={"l": 150, "r": 50, "t": 10, "b": 40},
                         xaxis_title="Meldingen per 1.000 inwoners", bargap=0.5 if len(rijen) < 3 else 0.2)
    tabel = maak_tabel(
        ["Wijk", kolom("Meldingen", "getal"), kolom("Inwoners", "getal"), kolom("Per 1.000 inwoners", "getal1")],
        [[(w.label, w.sleutel), w.aantal, w.inwoners, w.per_1000] for w in a.per_wijk],
        id_="meldingen-per-wijk-tabel",
        opmaak=[_wijklink, None, None, None],
    )
    return maak_grafiek("meldingen-per-wijk", f"Meldingen per 1.000 inwoners per wijk, {a.jaar}", figuur, tabel,
                        bestandsnaam("meldingen per wijk", wijk=wijk, jaar=a.jaar),
                        toelichting="Klik op een balk (of een wijk in de tabel) om naar die wijk te gaan.")


def _grafiek_per_maand(a: MeldingAantallen, wijk: str | None = None) -> html.Section:
    figuur = go.Figure(go.Bar(x=[m.label.split()[0] for m in a.per_maand], y=[m.aantal for m in a.per_maand],
                              marker_color=OKABE_ITO[4],
                              hovertemplate="%{x}: %{y} meldingen<extra></extra>"))
    figuur.update_layout(height=300, margin={"l": 60, "r": 20, "t": 10, "b": 40}, yaxis_title="Meldingen")
    tabel = maak_tabel(["Maand", kolom("Meldingen", "getal"), kolom("Per 1.000 inwoners", "getal2")],
                       [[m.label, m.aantal, m.per_1000] for m in a.per_maand], id_="meldingen-per-maand-tabel")
    return maak_grafiek("meldingen-per-maand", f"Meldingen per maand van ontvangst, {a.jaar}", figuur, tabel,
                        bestandsnaam("meldingen per maand", wijk=wijk, jaar=a.jaar))


def _grafiek_per_categorie(a: MeldingAantallen, wijk: str | None = None) -> html.Section:
    figuur = go.Figure(go.Bar(x=[c.label for c in a.per_categorie], y=[c.aantal for c in a.per_categorie],
                              marker_color=OKABE_ITO[2],
                              hovertemplate="%{x}: %{y} meldingen<extra></extra>"))
    figuur.update_layout(height=300, margin={"l": 60, "r": 20, "t": 10, "b": 40}, yaxis_title="Meldingen")
    tabel = maak_tabel(["Categorie", kolom("Meldingen", "getal"), kolom("Per 1.000 inwoners", "getal2")],
                       [[c.label, c.aantal, c.per_1000] for c in a.per_categorie], id_="meldingen-per-categorie-tabel")
    return maak_grafiek("meldingen-per-categorie", f"Meldingen per categorie, {a.jaar}", figuur, tabel,
                        bestandsnaam("meldingen per categorie", wijk=wijk, jaar=a.jaar))


def _grafiek_afhandeling(h: Afhandeling, wijk: str | None = None) -> html.Section:
    cats = h.per_categorie
    figuur = go.Figure(
        go.Bar(
            x=[c.label for c in cats],
            y=[None if c.aandeel_binnen_norm is None else c.aandeel_binnen_norm * 100 for c in cats],
            text=[formatteer_procent(c.aandeel_binnen_norm, 0) for c in cats], textposition="outside",
            cliponaxis=False, marker_color=OKABE_ITO[0],
            customdata=[["–" if c.norm_werkdagen is None else str(c.norm_werkdagen),
                         formatteer_getal(c.mediaan_werkdagen, 1)] for c in cats],
            hovertemplate="%{x}: %{text} binnen de norm van %{customdata[0]} werkdagen; mediaan %{customdata[1]}"
                          "<extra></extra>",
        )
    )
    figuur.update_layout(height=300, margin={"l": 60, "r": 20, "t": 20, "b": 40},
                         yaxis={"title": "% binnen de norm", "range": [0, 110], "ticksuffix": "%"})
    tabel = maak_tabel(
        ["Categorie", kolom("Norm (werkdagen)", "getal"), kolom("Afgehandeld", "getal"),
         kolom("Mediaan (werkdagen)", "getal1"), kolom("Binnen de norm", "getal"), kolom("% binnen de norm", "procent")],
        [[c.label, c.norm_werkdagen, c.afgehandeld, c.mediaan_werkdagen, c.binnen_norm, c.aandeel_binnen_norm]
         for c in cats]
        + [["Totaal", None, h.afgehandeld, h.mediaan_werkdagen, h.binnen_norm, h.aandeel_binnen_norm]],
        id_="meldingen-afhandeling-tabel",
    )
    return maak_grafiek(
        "meldingen-afhandeling", f"Afgehandeld binnen de norm per categorie, {h.jaar}", figuur, tabel,
        bestandsnaam("meldingen binnen de norm", wijk=wijk, jaar=h.jaar),
        toelichting="Meldingen afgehandeld in dit jaar (tot de peildatum). Afhandeltijd in werkdagen: weekenden en "
                    "Nederlandse feestdagen tellen niet mee.",
    )


def _normen(h: Afhandeling) -> html.Ul:
    return html.Ul(
        [html.Li(f"{c.label}: {'geen norm' if c.norm_werkdagen is None else meervoud(c.norm_werkdagen, 'werkdag', 'werkdagen')}",
                 className="list-inline-item me-3")
         for c in h.per_categorie],
        className="list-inline small mb-2", id="meldingen-normen",
    )


def _grafiek_regiegroep(r: RegiegroepMelding, jaar: int, wijk: str | None = None) -> html.Section:
    wijken = list(reversed(r.per_wijk))
    figuur = go.Figure(
        go.Bar(
            x=[None if w.aandeel_gemeld is None else w.aandeel_gemeld * 100 for w in wijken],
            y=[w.naam for w in wijken], orientation="h", marker_color=OKABE_ITO[5],
            text=[formatteer_procent(w.aandeel_gemeld, 0) for w in wijken], textposition="outside", cliponaxis=False,
            customdata=[[w.niet_gemeld, w.te_melden] for w in wijken],
            hovertemplate="%{y}: %{text} gemeld (%{customdata[0]} van %{customdata[1]} niet)<extra></extra>",
        )
    )
    figuur.update_layout(height=max(180, 34 * len(wijken) + 80), margin={"l": 150, "r": 50, "t": 10, "b": 40},
                         bargap=0.5 if len(wijken) < 3 else 0.2,
                         xaxis={"title": "% gemeld aan de regiegroep", "range": [0, 110], "ticksuffix": "%"})
    tabel = maak_tabel(
        ["Wijk", kolom("Te melden", "getal"), kolom("Niet gemeld", "getal"), kolom("% gemeld", "procent")],
        [[(w.naam, w.slug), w.te_melden, w.niet_gemeld, w.aandeel_gemeld] for w in r.per_wijk]
        + [[("Totaal", ""), r.te_melden, r.niet_gemeld, r.aandeel_gemeld]],
        id_="meldingen-regiegroep-tabel",
        opmaak=[lambda v: v[0] if not v[1] else _wijklink(v), None, None, None],
    )
    return maak_grafiek(
        "meldingen-regiegroep", f"Aandeel meldingen gemeld aan de regiegroep per wijk, {jaar}", figuur, tabel,
        bestandsnaam("meldingen gemeld aan de regiegroep", wijk=wijk, jaar=jaar),
        toelichting=f"Meldingen ontvangen in {jaar} die op de peildatum minstens {r.meldtermijn_dagen} dagen binnen "
                    "zijn. De notitie wil dat elke melding met de gekozen aanpak de regiegroep bereikt (§3.4.2.3).",
    )


def _sectie(id_: str, titel: str, inhoud: list[Any]) -> html.Section:
    return html.Section([html.H2(titel, id=f"{id_}-titel"), *inhoud], className="paneel mb-3",
                        **{"aria-labelledby": f"{id_}-titel"})


# --------------------------------------------------------------------------- layout


def layout(**query: str):
    vandaag = _vandaag()
    with lees_sessie() as sessie:
        keuzes = filterkeuzes(sessie)
        f = kies_filter(query, keuzes, vandaag)
        cijfers = paginacijfers(sessie, f, vandaag, open_limiet=TABEL_RIJEN, ernstig_limiet=TABEL_RIJEN)
    a, h, o, e, r = cijfers.aantallen, cijfers.afhandeling, cijfers.open, cijfers.ernstig, cijfers.regiegroep

    waarschuwingen = []
    if query.get("wijk") and f.wijk is None:
        waarschuwingen.append(dbc.Alert(
            f"Wijk niet gevonden: '{query['wijk']}'. Hieronder staan alle wijken.", color="warning",
            id="meldingen-niet-gevonden"))
    wijknaam = dict(keuzes.wijken).get(f.wijk) if f.wijk else None
    onderwerp = " · ".join(x for x in [wijknaam or "alle wijken", _label(CATEGORIE_LABELS, f.categorie),
                                        _label(STATUS_LABELS, f.status)] if x)

    return html.Div(
        [
            dcc.Location(id="meldingen-url", refresh="callback-nav"),
            html.H1("Meldingen", className="mb-0"),
            html.P(f"Peildatum {formatteer_datum(a.peildatum)} · {onderwerp}", className="text-body-secondary",
                   id="meldingen-peildatum"),
            *waarschuwingen,
            _filters(keuzes, f),
            html.Section(_kpis(a, h, o, e, r), **{"aria-label": "Kerncijfers meldingen"}),
            _sectie("meldingen-aantallen", "Aantallen", [
                dbc.Row([
                    dbc.Col(_grafiek_per_wijk(a, f.wijk), xs=12, xl=6, className="mb-3"),
                    dbc.Col([_grafiek_per_maand(a, f.wijk), _grafiek_per_categorie(a, f.wijk)], xs=12, xl=6,
                            className="mb-3"),
                ]),
            ]),
            _sectie("meldingen-afhandeltijd", "Afhandeltijd tegen de norm", [
                html.P("Norm per categorie (instelbaar door de beheerder):", className="small mb-1"),
                _normen(h),
                _grafiek_afhandeling(h, f.wijk),
            ]),
            _sectie("meldingen-open", "Open meldingen over de norm", [
                html.P(
                    f"{meervoud(o.over_norm, 'melding is', 'meldingen zijn')} op {formatteer_datum(o.peildatum)} "
                    f"langer open dan de norm van hun categorie (van {formatteer_getal(o.open)} open meldingen, "
                    "ongeacht het jaar van ontvangst). Oudste eerst"
                    + (f"; de tabel toont de oudste {len(o.rijen)}." if len(o.rijen) < o.over_norm else "."),
                    id="meldingen-open-samenvatting",
                ),
                maak_grid("meldingen-open", OPEN_KOLOMMEN, _open_rijen(o), hoogte=360, paginagrootte=25,
                          kolomopties={k.veld: _KOP_OMBREKEN for k in OPEN_KOLOMMEN}),
            ]),
            _sectie("meldingen-ernstig", "Ernstige meldingen en de kerngroep", [
                html.P(
                    f"{meervoud(e.aantal, 'ernstige melding', 'ernstige meldingen')} ontvangen in {f.jaar}; bij "
                    f"{formatteer_getal(e.kerngroep_betrokken)} ({formatteer_procent(e.aandeel_kerngroep)}) was de "
                    "kerngroep betrokken. Meldingen zonder kerngroep staan bovenaan"
                    + (f"; de tabel toont er {len(e.rijen)} (de download bevat ze allemaal)."
                       if len(e.rijen) < e.aantal else "."),
                    id="meldingen-ernstig-samenvatting",
                ),
                maak_grid("meldingen-ernstig", ERNSTIG_KOLOMMEN, _ernstig_rijen(e), hoogte=360, paginagrootte=25,
                          kolomopties={k.veld: _KOP_OMBREKEN for k in ERNSTIG_KOLOMMEN}),
            ]),
            _sectie("meldingen-regiegroep", "Gemeld aan de regiegroep", [_grafiek_regiegroep(r, f.jaar, f.wijk)]),
            _sectie("meldingen-alle", "Alle meldingen", [
                html.P(
                    f"{formatteer_getal(a.totaal)} meldingen met de filters hierboven. De tabel haalt de rijen per "
                    "pagina op; sorteer en filter via de kolomkoppen.",
                    className="small", id="meldingen-lijst-aantal", **{"data-aantal": str(a.totaal)},
                ),
                maak_grid_serverzijdig("meldingen-lijst", LIJST_KOLOMMEN, max_export=MAX_EXPORT_RIJEN,
                                       kolomopties={"kerngroep": {"filter": False},
                                                    **{v: {"valueFormatter": {"function":
                                                           f"({_js_labels(labels)})[params.value] || params.value"}}
                                                       for v, labels in _LABELS_PER_VELD.items()}}),
            ]),
        ]
    )


def _js_labels(labels: Mapping[str, str]) -> str:
    """Een JS-objectliteral voor een valueFormatter (alleen vaste labels, geen gebruikerstekst)."""
    import json

    return json.dumps(dict(labels), ensure_ascii=False)


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("meldingen-url", "search"),
    Input("meldingen-wijk", "value"),
    Input("meldingen-jaar", "value"),
    Input("meldingen-categorie", "value"),
    Input("meldingen-status", "value"),
    prevent_initial_call=True,
)
def _filters_naar_url(wijk: str | None, jaar: str | None, categorie: str | None, status: str | None) -> str:
    """Elke filterkeuze gaat de URL in; de pagina wordt dan opnieuw opgebouwd."""
    delen = {"wijk": wijk, "jaar": jaar, "categorie": categorie, "status": status}
    tekst = urlencode({k: v for k, v in delen.items() if v and v != ALLE})
    return f"?{tekst}" if tekst else ""


@dash.callback(
    Output("meldingen-url", "href"),
    Input("meldingen-per-wijk", "clickData"),
    prevent_initial_call=True,
)
def _naar_wijk(klik: dict | None) -> str:
    """Klik op een balk: naar de wijkpagina."""
    try:
        slug = klik["points"][0]["customdata"][0]
    except (TypeError, KeyError, IndexError):
        return dash.no_update
    return f"/wijk/{slug}" if isinstance(slug, str) and slug else dash.no_update
