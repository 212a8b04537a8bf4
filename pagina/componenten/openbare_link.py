"""Link van een aangemelde pagina (wijk, rapport) naar de openbare pagina van dezelfde wijk voor bewoners.

Gebruik: ``maak_openbare_link(slug, is_openbaar)``; ``is_openbaar`` komt uit de datalaag
(``datalaag.openbaar.is_openbare_wijk(sessie, wijk_id)`` en ``openbaar_aan(sessie, "paginas")``), of in één
keer met :func:`openbare_link_voor` binnen een open sessie.
"""

from __future__ import annotations

from dash import html


def openbaar_pad(slug: str) -> str:
    return f"/openbaar/wijk/{slug}"


def maak_openbare_link(slug: str, is_openbaar: bool, *, pagina_aan: bool = True, id_: str = "openbare-link") -> html.Div:
    """"Openbare pagina voor bewoners" (een gewone link: de openbare pagina is geen Dash-pagina), of in woorden
    waarom er (nog) geen openbare pagina is."""
    if not pagina_aan:
        inhoud = [html.Span("ⓘ ", **{"aria-hidden": "true"}),
                  "De openbare wijkpagina's staan uit (de beheerder kan ze aanzetten onder Invoer)."]
    elif is_openbaar:
        inhoud = [html.Span("↗ ", **{"aria-hidden": "true"}),
                  html.A("Openbare pagina voor bewoners", href=openbaar_pad(slug), id=f"{id_}-a"),
                  " — wat bewoners over deze wijk zien, zonder aanmelden."]
    else:
        inhoud = [html.Span("ⓘ ", **{"aria-hidden": "true"}),
                  "Nog geen openbare pagina: het wijkplan is nog niet vastgesteld door de raad."]
    return html.Div(inhoud, id=id_, className="small mb-2")


def openbare_link_voor(sessie, wijk_id: int, slug: str, *, id_: str = "openbare-link") -> html.Div:
    """Hetzelfde, met de stand uit de datalaag (twee kleine queries)."""
    from datalaag.openbaar import is_openbare_wijk, openbaar_aan

    return maak_openbare_link(slug, is_openbare_wijk(sessie, wijk_id), pagina_aan=openbaar_aan(sessie, "paginas"),
                              id_=id_)
