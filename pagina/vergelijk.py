"""``/vergelijk``: twee tot zes wijken naast elkaar, de drie werkwijzen naast elkaar, en de kaart.

De keuze staat in de URL (``/vergelijk?wijken=kerkelanden,sluitersveld&jaar=2026&kaartmaat=budgetbenutting``),
zodat een link precies deze vergelijking terugbrengt. Een wijziging van de keuze werkt alleen de
inhoud bij (de URL gaat mee zonder dat de pagina opnieuw opbouwt, zodat de toetsenbordfocus blijft
waar hij was). Klik op een wijk in een grafiek of op de kaart voor ``/wijk/<slug>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, ctx, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from dashboard.thema import OKABE_ITO, STATUS_STIJL
from datalaag.afgeleid import OP_KOERS_WAARDEN, peildatum_voor_jaar
from datalaag.kaart import STANDAARD_KAARTMAAT, kaartgegevens_uit_maten, kies_kaartmaat
from datalaag.opmaak import (
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)
from datalaag.overzicht import beschikbare_jaren
from datalaag.vergelijk import (
    MAX_WIJKEN,
    MIN_WIJKEN,
    WerkwijzeVergelijking,
    WijkOptie,
    WijkVergelijking,
    standaard_wijken,
    vergelijking,
    wijk_opties,
)
from pagina.componenten.filters import maak_jaarkeuze
from pagina.componenten.grafiek import (
    bestandsnaam,
    kolom,
    maak_grafiek,
    maak_tabel,
    tabel_met_export,
)
from pagina.componenten.kaart import maak_kaart, maak_kaartmaatkeuze, slug_uit_klik
from pagina.componenten.querystring import kies_jaar
from pagina.componenten.tabelexport import Tabelgegevens, adres_id, bewaar_gegevens

dash.register_page(
    __name__,
    path="/vergelijk",
    name="Vergelijk",
    title="Vergelijk · Wijkaanpak Almelo",
    description="Wijken en werkwijzen van de wijkaanpak in Almelo naast elkaar.",
    order=1,
)

#: Grafieken waarin een klik op een wijk doorklikt naar de wijkpagina.
KLIKBARE_GRAFIEKEN = (
    "vergelijk-ambities",
    "vergelijk-doelen",
    "vergelijk-budget",
    "vergelijk-maatregelen",
    "vergelijk-meldingen",
    "vergelijk-kaart",
)
OVERSCHREDEN = "overschreden"
#: De Location die het adres bijwerkt zonder de pagina opnieuw op te bouwen.
ADRES = adres_id("vergelijk")
#: Tekstkleur in de statusvlakken met contrast >= 4,5:1 (wit op blauw en grijs, zwart op oranje en vermiljoen).
STATUS_TEKSTKLEUR = {"op_koers": "#ffffff", "achter": "#000000", "ver_achter": "#000000", "geen_data": "#ffffff"}
#: Tekst in de staven van de werkwijzen: wit op blauw, zwart op oranje en groen (contrast >= 4,5:1).
_WERKWIJZE_TEKST = ("#ffffff", "#000000", "#000000")
_BALKKLEUR = "#0072B2"
_OVERSCHREDEN_KLEUR = "#D55E00"


# --------------------------------------------------------------------------- keuze uit de URL




def kies_wijken(wijken: str | None, opties: list[WijkOptie]) -> tuple[list[str], list[str]]:
    """(gekozen slugs, meldingen) uit de querystring ``wijken=a,b,c``. Onbekende slugs vallen weg,
    dubbele ook; meer dan ``MAX_WIJKEN``: de eerste zes; geen geldige: de standaardkeuze."""
    namen = {o.slug: o.naam for o in opties}
    meldingen: list[str] = []
    if not wijken:
        return standaard_wijken(opties), meldingen
    gevraagd = [s.strip().lower() for s in wijken.split(",") if s.strip()]
    onbekend = [s for s in gevraagd if s not in namen]
    gekozen = list(dict.fromkeys(s for s in gevraagd if s in namen))
    if onbekend:
        meldingen.append("Niet gevonden en weggelaten: " + ", ".join(f"\u201c{s}\u201d" for s in onbekend) + ".")
    if len(gekozen) > MAX_WIJKEN:
        weg = [namen[s] for s in gekozen[MAX_WIJKEN:]]
        gekozen = gekozen[:MAX_WIJKEN]
        meldingen.append(f"U kunt hooguit {MAX_WIJKEN} wijken tegelijk vergelijken; weggelaten: {', '.join(weg)}.")
    if not gekozen:
        gekozen = standaard_wijken(opties)
        meldingen.append("Geen bekende wijk gekozen; de standaardkeuze wordt getoond.")
    elif len(gekozen) < MIN_WIJKEN:
        meldingen.append(f"Kies minstens {MIN_WIJKEN} wijken om te vergelijken.")
    return gekozen, meldingen


def zoekdeel(slugs: list[str], jaar: int | str | None, kaartmaat: str | None) -> str:
    delen = [f"wijken={','.join(slugs)}"]
    try:
        if jaar:
            delen.append(f"jaar={int(jaar)}")
    except ValueError:
        pass
    maat = kies_kaartmaat(kaartmaat).code
    if maat != STANDAARD_KAARTMAAT:
        delen.append(f"kaartmaat={maat}")
    return "?" + "&".join(delen)


# --------------------------------------------------------------------------- grafieken


def _kleur(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def _horizontaal(wijken: list[WijkVergelijking], sporen: list[dict[str, Any]], **layout: Any) -> dict[str, Any]:
    """Een figuur (als dict, zonder de trage validatie van ``go.Figure``) met staven per wijk (wijk op de y-as,
    in de gekozen volgorde); ``layout`` vult de gemeenschappelijke opmaak aan (ook ``margin`` wordt samengevoegd)."""
    basis: dict[str, Any] = {
        "height": 90 + 48 * len(wijken),
        "margin": {"l": 10, "r": 30, "t": 10, "b": 40},
        "yaxis": {"autorange": "reversed", "automargin": True, "title": None},
        "showlegend": False,
        "bargap": 0.3,
    }
    marge = {**basis["margin"], **layout.pop("margin", {})}
    return {"data": sporen, "layout": {**basis, **layout, "margin": marge}}


def grafiek_ambities(wijken: list[WijkVergelijking], jaar: int) -> html.Section:
    ambities = [f"{a.nummer}. {a.korte_naam}" for a in wijken[0].ambitiescores] if wijken else []
    # Liggende staven: de ambitienamen passen leesbaar links van de groep.
    sporen = [
        {
            "type": "bar",
            "name": w.naam,
            "y": ambities,
            "x": [a.waardering for a in w.ambitiescores],
            "orientation": "h",
            "text": [formatteer_getal(a.waardering, 1) if a.waardering is not None else "–" for a in w.ambitiescores],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": _kleur(i)},
            "customdata": [[w.slug, a.nummer] for a in w.ambitiescores],
            "hovertemplate": f"{w.naam}<br>%{{y}}: %{{text}}<extra></extra>",
        }
        for i, w in enumerate(wijken)
    ]
    figuur = {"data": sporen, "layout": {
        "barmode": "group",
        "height": 140 + len(ambities) * (14 * max(1, len(wijken)) + 16),
        "xaxis": {"range": [0, 10.9], "title": {"text": "Rapportcijfer (1–10)"}, "dtick": 1},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "title": None, "traceorder": "normal"},
        "margin": {"t": 40, "b": 40, "r": 30},
        "bargap": 0.25,
        "bargroupgap": 0.05,
    }}
    tabel = maak_tabel(
        ["Ambitie"] + [kolom(w.naam, "getal1") for w in wijken],
        [[naam] + [w.ambitiescores[j].waardering for w in wijken] for j, naam in enumerate(ambities)],
    )
    return maak_grafiek(
        "vergelijk-ambities",
        f"Ambitiescores per ambitie, per wijk ({jaar})",
        figuur,
        tabel,
        bestandsnaam("vergelijking ambitiescores", jaar=jaar),
        toelichting="Rapportcijfer uit de nieuwste ingediende of vastgestelde evaluatie, anders de laatste "
        "ingediende wijkanalyse. Klik op een staaf voor die wijk en ambitie.",
    )


def grafiek_doelen(wijken: list[WijkVergelijking], jaar: int) -> html.Section:
    namen = [w.naam for w in wijken]
    sporen = []
    for status in OP_KOERS_WAARDEN:
        stijl = STATUS_STIJL[status]
        aandelen = [w.maten.doelstellingen.aandeel(status) for w in wijken]
        aantallen = [w.maten.doelstellingen.aantal(status) for w in wijken]
        sporen.append({
            "type": "bar",
            "name": f"{stijl.icoon} {stijl.label}",
            "y": namen,
            "x": [(a or 0) * 100 for a in aandelen],
            "orientation": "h",
            "marker": {"color": stijl.kleur},
            "insidetextfont": {"color": STATUS_TEKSTKLEUR[status]},
            "text": [f"{stijl.icoon} {formatteer_procent(a, 0)}" if n else "" for a, n in zip(aandelen, aantallen)],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "customdata": [[w.slug, n] for w, n in zip(wijken, aantallen)],
            "hovertemplate": f"%{{y}}: {stijl.label.lower()} %{{customdata[1]}} doelstelling(en)<extra></extra>",
        })
    figuur = _horizontaal(
        wijken, sporen,
        barmode="stack",
        showlegend=True,
        legend={"orientation": "h", "y": -0.25 if len(wijken) > 3 else -0.4, "x": 0, "title": None,
                "traceorder": "normal"},
        xaxis={"range": [0, 100], "title": {"text": "Deel van de doelstellingen (%)"}, "ticksuffix": "%"},
        margin={"b": 90},
        height=150 + 48 * len(wijken),
    )
    tabel = maak_tabel(
        ["Wijk", "Op koers", "Achter", "Ver achter", "Geen gegevens", kolom("Doelstellingen", "getal")],
        [
            [w.naam]
            + [
                f"{w.maten.doelstellingen.aantal(s)} ({formatteer_procent(w.maten.doelstellingen.aandeel(s), 0)})"
                for s in OP_KOERS_WAARDEN
            ]
            + [w.maten.doelstellingen.totaal]
            for w in wijken
        ],
    )
    # In de export aantal en aandeel in eigen kolommen: Excel rekent met echte getallen.
    bewaar_gegevens(tabel, Tabelgegevens(
        (Kolom("wijk", "Wijk"),)
        + tuple(Kolom(f"n_{s}", STATUS_STIJL[s].label, "getal") for s in OP_KOERS_WAARDEN)
        + (Kolom("totaal", "Doelstellingen", "getal"),)
        + tuple(Kolom(f"p_{s}", f"{STATUS_STIJL[s].label} (%)", "procent") for s in OP_KOERS_WAARDEN),
        tuple(
            {"wijk": w.naam, "totaal": w.maten.doelstellingen.totaal,
             **{f"n_{s}": w.maten.doelstellingen.aantal(s) for s in OP_KOERS_WAARDEN},
             **{f"p_{s}": w.maten.doelstellingen.aandeel(s) for s in OP_KOERS_WAARDEN}}
            for w in wijken
        ),
    ))
    zonder = [w.naam for w in wijken if not w.maten.doelstellingen.totaal]
    toelichting = (
        "Doelstellingen van het plan dat dit jaar loopt, beoordeeld op hun laatste meting: ligt die op de lijn van "
        "nulmeting naar streefwaarde?"
        + (f" Zonder lopend plan met doelstellingen: {', '.join(zonder)}." if zonder else "")
    )
    return maak_grafiek(
        "vergelijk-doelen",
        f"Doelstellingen op koers, per wijk ({jaar})",
        figuur,
        tabel,
        bestandsnaam("vergelijking doelstellingen op koers", jaar=jaar),
        toelichting=toelichting,
    )


def budget_tekst(benutting: float | None) -> str:
    """Label bij een staaf: het percentage, en boven 100% in woorden dat het oormerk overschreden is."""
    if benutting is None:
        return "geen oormerk"
    tekst = formatteer_procent(benutting)
    return f"{tekst} — {OVERSCHREDEN}" if benutting > 1 else tekst


def grafiek_budget(wijken: list[WijkVergelijking], jaar: int) -> html.Section:
    benutting = [w.maten.budgetbenutting for w in wijken]
    spoor = {
        "type": "bar",
        "y": [w.naam for w in wijken],
        "x": [(b or 0) * 100 for b in benutting],
        "orientation": "h",
        "marker": {"color": [_OVERSCHREDEN_KLEUR if (b or 0) > 1 else _BALKKLEUR for b in benutting],
                   "pattern": {"shape": ["/" if (b or 0) > 1 else "" for b in benutting]}},
        "text": [budget_tekst(b) for b in benutting],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [w.slug for w in wijken],
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    hoogste = max([100.0] + [(b or 0) * 100 for b in benutting])
    # De lijn op 100% (zoals ``add_vline`` met een annotatie erboven).
    figuur = _horizontaal(
        wijken, [spoor],
        shapes=[{"type": "line", "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                 "line": {"color": "#1b1b1b", "dash": "dash"}}],
        annotations=[{"showarrow": False, "text": "100% = oormerk", "x": 100, "xanchor": "center", "xref": "x",
                      "y": 1, "yanchor": "bottom", "yref": "y domain"}],
        xaxis={"range": [0, hoogste * 1.85], "title": {"text": "Uitgegeven deel van het oormerk (%)"},
               "ticksuffix": "%"},
        margin={"t": 30},
        height=120 + 48 * len(wijken),
    )
    tabel = maak_tabel(
        ["Wijk", kolom("Oormerk", "bedrag"), kolom("Uitgaven", "bedrag"), kolom("Budgetbenutting", "procent")],
        [[w.naam, w.maten.oormerk, w.maten.uitgaven, w.maten.budgetbenutting] for w in wijken],
        opmaak=[None, None, None, budget_tekst],
    )
    over = [w.naam for w in wijken if (w.maten.budgetbenutting or 0) > 1]
    toelichting = "Uitgaven in het jaar als deel van het oormerk voor dat jaar." + (
        f" Oormerk overschreden: {', '.join(over)}." if over else ""
    )
    return maak_grafiek("vergelijk-budget", f"Budgetbenutting per wijk ({jaar})", figuur, tabel,
                        bestandsnaam("vergelijking budgetbenutting", jaar=jaar), toelichting=toelichting)


def _fractie(procent: float | None) -> float | None:
    return None if procent is None else procent / 100


def _maatregelen_tekst(w: WijkVergelijking) -> str:
    m = w.maten
    if not m.maatregelen:
        return "geen maatregelen"
    return f"{formatteer_getal(m.voortgang_gemiddeld, 0)}% · {m.maatregelen_achter_schema} achter schema"


def grafiek_maatregelen(wijken: list[WijkVergelijking], jaar: int) -> html.Section:
    spoor = {
        "type": "bar",
        "y": [w.naam for w in wijken],
        "x": [w.maten.voortgang_gemiddeld or 0 for w in wijken],
        "orientation": "h",
        "marker": {"color": _BALKKLEUR},
        "text": [_maatregelen_tekst(w) for w in wijken],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [w.slug for w in wijken],
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    figuur = _horizontaal(wijken, [spoor], xaxis={"range": [0, 160], "title": {"text": "Gemiddelde voortgang (%)"},
                                                  "ticksuffix": "%", "tickvals": [0, 25, 50, 75, 100]})
    tabel = maak_tabel(
        ["Wijk", kolom("Maatregelen", "getal"), kolom("Gemiddelde voortgang", "procent"),
         kolom("Achter schema", "getal")],
        [[w.naam, w.maten.maatregelen, _fractie(w.maten.voortgang_gemiddeld), w.maten.maatregelen_achter_schema]
         for w in wijken],
        opmaak=[None, None, lambda x: formatteer_procent(x, 0), None],
    )
    return maak_grafiek(
        "vergelijk-maatregelen", f"Voortgang van de maatregelen per wijk ({jaar})", figuur, tabel,
        bestandsnaam("vergelijking maatregelen", jaar=jaar),
        toelichting="Gemiddelde voortgang van de maatregelen van het lopende plan (zonder gestopte) en het aantal "
        "achter schema.",
    )


def grafiek_meldingen(wijken: list[WijkVergelijking], jaar: int) -> html.Section:
    waarden = [w.maten.meldingen_per_1000 for w in wijken]
    spoor = {
        "type": "bar",
        "y": [w.naam for w in wijken],
        "x": [v or 0 for v in waarden],
        "orientation": "h",
        "marker": {"color": _BALKKLEUR},
        "text": [formatteer_getal(v, 1) if v is not None else "geen inwonertal" for v in waarden],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [w.slug for w in wijken],
        "hovertemplate": "%{y}: %{text} per 1.000 inwoners<extra></extra>",
    }
    figuur = _horizontaal(wijken, [spoor], xaxis={"range": [0, max([1.0] + [v or 0 for v in waarden]) * 1.25],
                                                  "title": {"text": "Meldingen per 1.000 inwoners"}})
    tabel = maak_tabel(
        ["Wijk", kolom("Meldingen", "getal"), kolom("Inwoners", "getal"), kolom("Per 1.000 inwoners", "getal1")],
        [[w.naam, w.maten.meldingen, w.maten.inwoners, w.maten.meldingen_per_1000] for w in wijken],
    )
    return maak_grafiek(
        "vergelijk-meldingen", f"Meldingen per 1.000 inwoners ({jaar})", figuur, tabel,
        bestandsnaam("vergelijking meldingen", jaar=jaar),
        toelichting="Meldingen ontvangen in het jaar (tot de peildatum) per 1.000 inwoners.",
    )


# --------------------------------------------------------------------------- werkwijzen

WERKWIJZE_MATEN: list[tuple[str, str]] = [
    ("ambitiescore", "Gem. ambitiescore"),
    ("op_koers", "Doelstellingen op koers"),
    ("budget", "Budgetbenutting"),
    ("voortgang", "Gem. voortgang maatregelen"),
    ("meldingen", "Meldingen per 1.000 inw."),
]


def _werkwijze_waarden(w: WerkwijzeVergelijking) -> dict[str, tuple[float | None, str]]:
    m = w.maten
    return {
        "ambitiescore": (m.ambitiescore, formatteer_getal(m.ambitiescore, 1)),
        "op_koers": (None if m.aandeel_op_koers is None else m.aandeel_op_koers * 100,
                     formatteer_procent(m.aandeel_op_koers, 0)),
        "budget": (None if m.budgetbenutting is None else m.budgetbenutting * 100, budget_tekst(m.budgetbenutting)),
        "voortgang": (m.voortgang_gemiddeld,
                      "–" if m.voortgang_gemiddeld is None else f"{formatteer_getal(m.voortgang_gemiddeld, 0)}%"),
        "meldingen": (m.meldingen_per_1000, formatteer_getal(m.meldingen_per_1000, 1)),
    }


_WERKWIJZE_SOORT = {"ambitiescore": "getal1", "op_koers": "procent", "budget": "procent", "voortgang": "procent",
                    "meldingen": "getal1"}
_WERKWIJZE_OPMAAK = {"op_koers": lambda x: formatteer_procent(x, 0), "budget": budget_tekst,
                     "voortgang": lambda x: formatteer_procent(x, 0)}


def werkwijze_tabel(werkwijzen: list[WerkwijzeVergelijking], id_: str | None = None) -> dbc.Table:
    """De werkwijzen op de vijf maten; de tabel toont de teksten van de grafiek, de export de getallen
    (aandelen als echte percentages)."""
    def waarde(w: WerkwijzeVergelijking, code: str) -> float | None:
        v = _werkwijze_waarden(w)[code][0]
        return v if v is None or _WERKWIJZE_SOORT[code] != "procent" else v / 100

    return maak_tabel(
        ["Werkwijze", kolom("Wijken", "getal")]
        + [kolom(label, _WERKWIJZE_SOORT[code]) for code, label in WERKWIJZE_MATEN],
        [[f"{w.naam} ({w.code})", w.wijken] + [waarde(w, code) for code, _l in WERKWIJZE_MATEN] for w in werkwijzen],
        id_=id_,
        opmaak=[None, None] + [_WERKWIJZE_OPMAAK.get(code) for code, _l in WERKWIJZE_MATEN],
    )


def grafiek_werkwijzen(werkwijzen: list[WerkwijzeVergelijking], jaar: int) -> html.Section:
    # Eén rij kleine staafdiagrammen met een gedeelde y-as (zoals ``make_subplots(rows=1, cols=5,
    # shared_yaxes=True, horizontal_spacing=0.03)``), als dict gebouwd.
    aantal = len(WERKWIJZE_MATEN)
    tussenruimte = 0.03
    breedte = (1 - tussenruimte * (aantal - 1)) / aantal
    labels = [f"{w.code} ({w.wijken})" for w in werkwijzen]
    waarden_per_werkwijze = [_werkwijze_waarden(w) for w in werkwijzen]
    sporen: list[dict[str, Any]] = []
    layout: dict[str, Any] = {"annotations": []}
    for plek, (code, label) in enumerate(WERKWIJZE_MATEN, start=1):
        achtervoegsel = "" if plek == 1 else str(plek)
        waarden = [w[code] for w in waarden_per_werkwijze]
        sporen.append({
            "type": "bar", "xaxis": f"x{achtervoegsel}", "yaxis": f"y{achtervoegsel}",
            "y": labels, "x": [v or 0 for v, _t in waarden], "orientation": "h",
            "marker": {"color": [_kleur(i) for i in range(len(werkwijzen))]},
            "text": [t for _v, t in waarden], "textposition": "inside", "insidetextanchor": "middle",
            "insidetextfont": {"color": [_WERKWIJZE_TEKST[i % 3] for i in range(len(werkwijzen))]},
            "hovertemplate": "%{y}: %{text}<extra></extra>", "showlegend": False,
        })
        begin = (plek - 1) * (breedte + tussenruimte)
        eind = min(1.0, begin + breedte)
        hoogste = max([1.0] + [v or 0 for v, _t in waarden])
        layout[f"xaxis{achtervoegsel}"] = {"anchor": f"y{achtervoegsel}", "domain": [begin, eind],
                                           "range": [0, hoogste * 1.15], "showticklabels": False}
        layout[f"yaxis{achtervoegsel}"] = {"anchor": f"x{achtervoegsel}", "domain": [0.0, 1.0],
                                           "autorange": "reversed", "automargin": True,
                                           **({} if plek == 1 else {"matches": "y", "showticklabels": False})}
        layout["annotations"].append({"font": {"size": 13}, "showarrow": False, "text": label,
                                      "x": (begin + eind) / 2, "xanchor": "center", "xref": "paper",
                                      "y": 1.0, "yanchor": "bottom", "yref": "paper"})
    layout.update(height=90 + 55 * len(werkwijzen), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    figuur = {"data": sporen, "layout": layout}
    return maak_grafiek(
        "vergelijk-werkwijzen-grafiek", f"Werkwijzen naast elkaar ({jaar})", figuur,
        werkwijze_tabel(werkwijzen), bestandsnaam("vergelijking werkwijzen", jaar=jaar),
        toelichting="Tussen haakjes het aantal wijken met die werkwijze.",
    )


def sectie_werkwijzen(werkwijzen: list[WerkwijzeVergelijking], jaar: int) -> html.Section:
    aantallen = ", ".join(f"{w.code} {w.wijken}" for w in werkwijzen)
    return html.Section(
        [
            html.H2("Welke werkwijze werkt?", id="vergelijk-werkwijzen-kop"),
            html.P(
                [
                    "WOP (wijkontwikkelingsplan), AWA (Almelose wijkaanpak) en SHR (Sociale herovering) op dezelfde "
                    "maten, over alle wijken van elke werkwijze. ",
                    html.Strong(f"Gemiddelden over {aantallen} wijken per werkwijze; kleine aantallen — lees als "
                                "indicatie, niet als oordeel."),
                ],
                className="small",
                id="vergelijk-werkwijzen-leeshulp",
            ),
            html.Div(tabel_met_export(werkwijze_tabel(werkwijzen, "vergelijk-werkwijzen"), "vergelijk-werkwijzen",
                                      bestandsnaam("werkwijzen naast elkaar", jaar=jaar),
                                      f"Werkwijzen naast elkaar {jaar}"), className="mb-3"),
            grafiek_werkwijzen(werkwijzen, jaar),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "vergelijk-werkwijzen-kop"},
    )


# --------------------------------------------------------------------------- pagina


def _inhoud(slugs: list[str], jaar: int, kaartmaat: str | None) -> list[Any]:
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        # Eén basis voor wijken, werkwijzen en kaart (in plaats van drie keer dezelfde cijfers per wijk).
        alles = vergelijking(sessie, slugs, jaar, vandaag)
        kaart = kaartgegevens_uit_maten(sessie, kies_kaartmaat(kaartmaat), jaar, vandaag, alles.maten)
    wijken, werkwijzen = alles.wijken, alles.werkwijzen
    peildatum = peildatum_voor_jaar(jaar, vandaag)

    def paneel(inhoud: Any) -> dbc.Col:
        return dbc.Col(html.Div(inhoud, className="paneel h-100"), xs=12, xl=6, className="mb-3")

    return [
        html.P(
            f"Peildatum {formatteer_datum(peildatum)} · "
            + meervoud(len(wijken), "wijk", "wijken") + ": " + ", ".join(w.naam for w in wijken),
            className="text-body-secondary",
            id="vergelijk-peildatum",
        ),
        html.Section(
            [
                html.H2("Wijken naast elkaar", id="vergelijk-wijken-kop"),
                dbc.Row([paneel(grafiek_ambities(wijken, jaar)), paneel(grafiek_doelen(wijken, jaar))]),
                dbc.Row([paneel(grafiek_budget(wijken, jaar)), paneel(grafiek_maatregelen(wijken, jaar))]),
                dbc.Row([paneel(grafiek_meldingen(wijken, jaar))]),
            ],
            **{"aria-labelledby": "vergelijk-wijken-kop"},
        ),
        sectie_werkwijzen(werkwijzen, jaar),
        html.Section(
            [html.H2("Kaart van de wijken", id="vergelijk-kaart-kop"), maak_kaart("vergelijk-kaart", kaart)],
            className="paneel mb-3",
            **{"aria-labelledby": "vergelijk-kaart-kop"},
        ),
    ]


def layout(wijken: str | None = None, jaar: str | None = None, kaartmaat: str | None = None,
           maat: str | None = None, **_query):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        opties = wijk_opties(sessie)
        jaren = beschikbare_jaren(sessie)
    gekozen_jaar = kies_jaar(jaar, jaren, vandaag)
    slugs, meldingen = kies_wijken(wijken, opties)
    kaartmaat_ = kies_kaartmaat(kaartmaat or maat).code

    keuze = html.Div(
        [
            html.Fieldset(
                [
                    html.Legend(f"Kies {MIN_WIJKEN} tot {MAX_WIJKEN} wijken", className="fs-6 fw-semibold mb-1"),
                    dbc.Checklist(
                        id="vergelijk-wijken",
                        options=[{"label": f"{o.naam} ({o.werkwijze})", "value": o.slug} for o in opties],
                        value=slugs,
                        inline=True,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                [
                    maak_jaarkeuze("vergelijk-jaar", jaren, gekozen_jaar, className="d-flex align-items-center mb-2"),
                    maak_kaartmaatkeuze("vergelijk-kaartmaat", kaartmaat_),
                ],
                className="d-flex flex-wrap gap-4",
            ),
            html.Div(
                [dbc.Alert(m, color="warning", className="mb-1 py-2") for m in meldingen],
                id="vergelijk-melding",
                role="status",
                **{"aria-live": "polite"},
            ),
        ],
        className="paneel mb-3",
    )
    return html.Div(
        [
            # Een id van tabelexport: de export van de tabellen leest het bijgewerkte adres hieruit.
            dcc.Location(id=ADRES, refresh=False),
            dcc.Location(id="vergelijk-naar-wijk", refresh="callback-nav"),
            html.H1("Wijken en werkwijzen vergelijken"),
            keuze,
            html.Div(_inhoud(slugs, gekozen_jaar, kaartmaat_), id="vergelijk-inhoud"),
        ]
    )


@dash.callback(
    Output("vergelijk-inhoud", "children"),
    Output(ADRES, "search"),
    Output("vergelijk-melding", "children"),
    Output("vergelijk-wijken", "value"),
    Input("vergelijk-wijken", "value"),
    Input("vergelijk-jaar", "value"),
    Input("vergelijk-kaartmaat", "value"),
    prevent_initial_call=True,
)
def _keuze_gewijzigd(slugs: list[str] | None, jaar: str | None, kaartmaat: str | None):
    """Nieuwe keuze: inhoud bijwerken en de URL mee laten gaan. Meer dan zes wijken wordt geweigerd
    (de zevende gaat weer uit), minder dan twee laat de vorige vergelijking staan."""
    slugs = list(dict.fromkeys(slugs or []))
    geen = dash.no_update
    if len(slugs) > MAX_WIJKEN:
        melding = dbc.Alert(
            f"U kunt hooguit {MAX_WIJKEN} wijken tegelijk vergelijken. Zet eerst een wijk uit voordat u een andere "
            "aanzet.",
            color="warning", className="mb-1 py-2", id="vergelijk-te-veel",
        )
        return geen, geen, melding, slugs[:MAX_WIJKEN]
    if len(slugs) < MIN_WIJKEN:
        melding = dbc.Alert(
            f"Kies minstens {MIN_WIJKEN} wijken om te vergelijken; hieronder staat nog de vorige keuze.",
            color="warning", className="mb-1 py-2", id="vergelijk-te-weinig",
        )
        return geen, geen, melding, geen
    try:
        gekozen_jaar = int(jaar or "")
    except ValueError:
        gekozen_jaar = dt.date.today().year
    return _inhoud(slugs, gekozen_jaar, kaartmaat), zoekdeel(slugs, gekozen_jaar, kaartmaat), [], geen


@dash.callback(
    Output("vergelijk-naar-wijk", "href"),
    *[Input(id_, "clickData") for id_ in KLIKBARE_GRAFIEKEN],
    prevent_initial_call=True,
)
def _naar_wijk(*kliks):
    """Klik op een wijk in een grafiek of op de kaart: naar ``/wijk/<slug>`` (bij de ambitiescores met
    de aangeklikte ambitie)."""
    if ctx.triggered_id not in KLIKBARE_GRAFIEKEN:
        return dash.no_update
    klik = kliks[KLIKBARE_GRAFIEKEN.index(ctx.triggered_id)]
    slug = slug_uit_klik(klik)
    if not slug:
        return dash.no_update
    if ctx.triggered_id == "vergelijk-ambities":
        try:
            return f"/wijk/{slug}?ambitie={int(klik['points'][0]['customdata'][1])}"
        except (KeyError, IndexError, TypeError, ValueError):
            pass
    return f"/wijk/{slug}"
