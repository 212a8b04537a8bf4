"""Filterkeuzes voor pagina's: een gelabelde keuzelijst met een optie "alle ..." voorop."""

from __future__ import annotations

import dash_bootstrap_components as dbc

#: De waarde van de optie "alle ...": ``dbc.Select`` toont een lege waarde als placeholder.
ALLE = "alle"


def maak_keuzelijst(id_: str, label: str, opties: list[tuple[str, str]], waarde: str | None, alle: str
                    ) -> dbc.Col:
    """Gelabelde keuzelijst (``opties`` als (waarde, tekst)) in een kolom van een filterrij."""
    return dbc.Col(
        [
            dbc.Label(label, html_for=id_, className="fw-semibold mb-1"),
            dbc.Select(id=id_, options=[{"label": alle, "value": ALLE}] + [{"label": t, "value": v} for v, t in opties],
                       value=waarde or ALLE),
        ],
        xs=12, sm=6, lg=3,
    )
