"""Lijst van signalen (waarschuwingen) met ernst in woord én kleur, elk met een link om door te klikken."""

from __future__ import annotations

from dash import html

from datalaag.overzicht import Signaal

ERNST_WOORD = {"hoog": "Hoog", "middel": "Aandacht"}


def maak_signalenlijst(signalen: list[Signaal], id_: str, maximum: int = 25) -> html.Div:
    if not signalen:
        return html.P("Geen signalen voor deze periode.", id=id_)
    items = [
        html.Li(
            [
                html.Span(ERNST_WOORD.get(s.ernst, s.ernst), className="signaal-ernst me-2"),
                html.A(s.tekst, href=s.link),
            ],
            className=f"list-group-item signaal-{s.ernst}",
            **{"data-regel": s.regel},
        )
        for s in signalen[:maximum]
    ]
    rest = len(signalen) - maximum
    onder = [html.P(f"En nog {rest} signalen.", className="small mt-2")] if rest > 0 else []
    return html.Div([html.Ul(items, className="list-group", id=id_)] + onder)
