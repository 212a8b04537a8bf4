"""Filterkeuzes voor pagina's: een gelabelde keuzelijst met een optie "alle ..." voorop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

#: De waarde van de optie "alle ...": ``dbc.Select`` toont een lege waarde als placeholder.
ALLE = "alle"


def maak_keuze(id_: str, label: str, opties: Sequence[dict[str, Any]], waarde: str | None,
               **breedtes: int) -> dbc.Col:
    """Gelabelde keuzelijst (``opties`` als Dash-opties) in een kolom van een filterrij.
    ``breedtes``: de kolombreedtes per breekpunt (standaard xs=12, sm=6, lg=3)."""
    return dbc.Col(
        [dbc.Label(label, html_for=id_, className="fw-semibold mb-1"),
         dbc.Select(id=id_, options=list(opties), value=waarde)],
        **(breedtes or {"xs": 12, "sm": 6, "lg": 3}),
    )


def maak_keuzelijst(id_: str, label: str, opties: list[tuple[str, str]], waarde: str | None, alle: str
                    ) -> dbc.Col:
    """Keuzelijst met "alle ..." voorop; ``opties`` als (waarde, tekst)."""
    return maak_keuze(id_, label, [{"label": alle, "value": ALLE}] + [{"label": t, "value": v} for v, t in opties],
                      waarde or ALLE)


def maak_jaarkeuze(id_: str, jaren: Sequence[int], gekozen: int, className: str = "d-flex align-items-center"
                   ) -> html.Div:
    """Het jaar naast zijn label, nieuwste jaar bovenaan."""
    return html.Div(
        [
            dbc.Label("Jaar", html_for=id_, className="me-2 mb-0 fw-semibold"),
            dbc.Select(id=id_, options=[{"label": str(j), "value": str(j)} for j in reversed(jaren)],
                       value=str(gekozen), style={"width": "8rem"}),
        ],
        className=className,
    )
