"""Statuslabel voor op koers / achter / ver achter: pictogram + woord + kleur."""

from __future__ import annotations

from dash import html

from dashboard.thema import STATUS_STIJL


def maak_status_label(status: str) -> html.Span:
    stijl = STATUS_STIJL[status]
    return html.Span([html.Span(stijl.icoon, **{"aria-hidden": "true"}), f" {stijl.label}"],
                     className=f"status-label {stijl.klasse}")
