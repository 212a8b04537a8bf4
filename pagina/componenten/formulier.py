"""Bouwstenen voor invoerformulieren: velden met label en foutmelding, en de meldingen na opslaan.

Elk veld heeft een id ``{"type": f"{prefix}-veld", "veld": sleutel}`` en een foutmelding
``{"type": f"{prefix}-fout", "veld": sleutel}``, zodat één callback alle velden leest (``ALL``) en
bij een ``Validatiefout`` per veld de melding terugzet. De sleutels zijn die van de datalaag-service
(bijv. ``klanttevredenheid_cijfer`` of ``ambitie.3.waardering``). Alle tekst is gewone tekst:
invoer van gebruikers wordt nooit als HTML getoond.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from datalaag.autorisatie import GeenToegang
from datalaag.validatie import Invoerfout, Validatiefout


def veld_id(prefix: str, sleutel: str) -> dict[str, str]:
    return {"type": f"{prefix}-veld", "veld": sleutel}


def fout_id(prefix: str, sleutel: str) -> dict[str, str]:
    return {"type": f"{prefix}-fout", "veld": sleutel}


def dom_id(prefix: str, sleutel: str) -> str:
    """Een eenvoudig DOM-id voor het label (``html_for``) en voor tests."""
    return f"{prefix}-" + sleutel.replace(".", "-").replace("_", "-")


def maak_veld(prefix: str, sleutel: str, label: str, waarde: str | None, *, meerregelig: bool = False,
              hulptekst: str | None = None, alleen_lezen: bool = False, invoermodus: str | None = None,
              max_lengte: int | None = None, rijen: int = 3, verplicht_bij_indienen: bool = False) -> html.Div:
    """Label met daarin het invoerveld (impliciete koppeling: het veld heeft een dict-id), daaronder
    de foutmelding van dit veld en eventueel een hulptekst."""
    gemeen = {
        "id": veld_id(prefix, sleutel),
        "value": waarde or "",
        "disabled": alleen_lezen,
        "maxLength": max_lengte,
    }
    if meerregelig:
        invoer = dbc.Textarea(rows=rijen, **gemeen)
    else:
        invoer = dbc.Input(type="text", inputMode=invoermodus, autoComplete="off", **gemeen)
    return html.Div(
        [
            html.Label(
                [
                    html.Span([label, html.Span(" *", className="text-body-secondary", title="verplicht bij indienen")
                               if verplicht_bij_indienen else None], className="d-block fw-semibold mb-1"),
                    html.Span(hulptekst, className="d-block form-text mt-0 mb-1") if hulptekst else None,
                    invoer,
                ],
                className="d-block w-100 mb-0",
                id=dom_id(prefix, sleutel),
            ),
            html.Div(id=fout_id(prefix, sleutel), className="invalid-feedback d-block"),
        ],
        className="mb-3",
    )


def ingevulde_velden(ids: Sequence[Any] | None, waarden: Sequence[Any] | None) -> dict[str, Any]:
    """Veldsleutel → waarde uit de ALL-states ``id`` en ``value`` van een formulier (wat niet klopt, valt weg)."""
    return {i["veld"]: w for i, w in zip(ids or [], waarden or [], strict=False) if isinstance(i, dict)}


def geen_fouten(ids: Sequence[Any] | None) -> tuple[list[bool], list[str]]:
    """``invalid`` en foutmelding voor elk veld bij een formulier zonder fouten."""
    return [False] * len(ids or []), [""] * len(ids or [])


def fouten_per_veld(ids: Sequence[dict[str, str]], fouten: dict[str, str]) -> tuple[list[bool], list[str]]:
    """``invalid`` en foutmelding per veld in de volgorde van ``ids`` (een ALL-uitvoer van Dash)."""
    invalid = [i["veld"] in fouten for i in ids]
    teksten = [fouten.get(i["veld"], "") for i in ids]
    return invalid, teksten


def melding(kleur: str, titel: str, regels: Sequence[Any] = (), *, id_: str | None = None) -> dbc.Alert:
    """Een melding met een vetgedrukte eerste zin en eventueel een lijst; ``danger`` wordt voorgelezen."""
    inhoud: list[Any] = [html.Strong(titel)]
    if regels:
        inhoud.append(html.Ul([html.Li(r) for r in regels], className="mb-0 mt-2"))
    extra = {"id": id_} if id_ else {}
    # dbc.Alert heeft zelf role="alert": een schermlezer leest de melding meteen voor.
    return dbc.Alert(inhoud, color=kleur, className="mt-3", **extra)


def melding_voor_fout(fout: Exception) -> dbc.Alert:
    """De melding bij een fout uit een datalaag-service (nooit een technische foutmelding)."""
    if isinstance(fout, Validatiefout):
        een = len(fout.fouten) == 1
        return melding("danger", f"Niet opgeslagen: {len(fout.fouten)} "
                       f"{'veld klopt' if een else 'velden kloppen'} niet. "
                       f"Verbeter {'het' if een else 'ze'} en probeer het opnieuw.", list(fout.fouten.values()))
    if isinstance(fout, GeenToegang):
        return melding("danger", "Niet opgeslagen: u heeft hier geen rechten voor.", [str(fout)])
    if isinstance(fout, Invoerfout):
        return melding("danger", "Niet opgeslagen.", [str(fout)])
    raise fout
