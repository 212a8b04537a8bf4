"""KPI-kaart: één kerncijfer met label en toelichting."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def maak_kpi_kaart(id_: str, label: str, waarde: str, toelichting: str | None = None, let_op: bool = False,
                   href: str | None = None) -> dbc.Card:
    """``let_op`` markeert een kaart die aandacht vraagt (rand én het woord "Let op", nooit kleur alleen)."""
    inhoud = [
        html.P(label, className="kpi-label"),
        html.P(waarde, className="kpi-waarde", id=id_),
    ]
    if toelichting:
        inhoud.append(html.P(toelichting, className="kpi-toelichting"))
    if let_op:
        inhoud.insert(0, html.P("Let op", className="signaal-ernst status-ver-achter mb-1"))
    if href:
        inhoud.append(html.A("Details", href=href, className="small"))
    return dbc.Card(dbc.CardBody(inhoud), className="kpi-kaart" + (" kpi-let-op" if let_op else ""))
