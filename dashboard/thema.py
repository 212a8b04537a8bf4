"""Huisstijl voor grafieken: een kleurenblind-veilig Plotly-template en de ene betekenis van
de statuskleuren (op koers / achter / ver achter), altijd samen met een woord en een pictogram.

Kleuren: het Okabe-Ito-palet (veilig bij de gangbare vormen van kleurenblindheid).
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from datalaag.afgeleid import OP_KOERS_LABELS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
TEKSTKLEUR = "#1b1b1b"
LETTERTYPE = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Rapportcijfers 1–10: sequentieel, licht → donker blauw (kleurenblind-veilig, goed af te drukken).
CIJFER_KLEURENSCHAAL = [
    [0.0, "#fff7ec"],
    [0.3, "#fdd49e"],
    [0.5, "#c6dbef"],
    [0.7, "#6baed6"],
    [0.85, "#2171b5"],
    [1.0, "#08306b"],
]


@dataclass(frozen=True, slots=True)
class StatusStijl:
    label: str
    icoon: str
    kleur: str  # voor vlakken en lijnen
    klasse: str  # CSS-klasse met voldoende contrast voor tekst


STATUS_STIJL: dict[str, StatusStijl] = {
    "op_koers": StatusStijl(OP_KOERS_LABELS["op_koers"], "✔", "#0072B2", "status-op-koers"),
    "achter": StatusStijl(OP_KOERS_LABELS["achter"], "▲", "#E69F00", "status-achter"),
    "ver_achter": StatusStijl(OP_KOERS_LABELS["ver_achter"], "✖", "#D55E00", "status-ver-achter"),
    "geen_data": StatusStijl(OP_KOERS_LABELS["geen_data"], "?", "#767676", "status-geen-data"),
}

# Plotly-locale 'nl': decimale komma, punt voor duizendtallen, Nederlandse maanden.
PLOTLY_LOCALE_NL = {
    "moduleType": "locale",
    "name": "nl",
    "dictionary": {
        "Download plot as a PNG": "Download als PNG",  # sleutel van plotly.js 3 (Dash 4)
        "Zoom": "Zoomen",
        "Pan": "Verschuiven",
        "Reset axes": "Assen herstellen",
        "Autoscale": "Automatisch schalen",
        "Zoom in": "Inzoomen",
        "Zoom out": "Uitzoomen",
    },
    "format": {
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december"],
        "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        "date": "%d-%m-%Y",
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["€ ", ""],
    },
}


def grafiek_config(bestandsnaam: str) -> dict:
    """``config`` voor elke dcc.Graph: Nederlandse locale, PNG-export met een Nederlandse naam."""
    return {
        "locale": "nl",
        "locales": {"nl": PLOTLY_LOCALE_NL},
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": bestandsnaam, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "showSendToCloud": False,
        "displayNotifier": False,
    }


def registreer_template() -> None:
    """Zet het template 'wijkaanpak' als standaard voor alle figuren."""
    template = go.layout.Template(
        layout=go.Layout(
            font={"family": LETTERTYPE, "size": 14, "color": TEKSTKLEUR},
            colorway=OKABE_ITO,
            paper_bgcolor="white",
            plot_bgcolor="white",
            separators=",.",
            title={"x": 0, "xanchor": "left", "font": {"size": 18}},
            xaxis={"gridcolor": "#e5e5e5", "linecolor": "#767676", "zeroline": False},
            yaxis={"gridcolor": "#e5e5e5", "linecolor": "#767676", "zeroline": False},
            hoverlabel={"font": {"family": LETTERTYPE}},
            margin={"l": 60, "r": 20, "t": 50, "b": 50},
        )
    )
    pio.templates["wijkaanpak"] = template
    pio.templates.default = "wijkaanpak"
