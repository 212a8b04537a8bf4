"""De koppeling tussen de Flask-app en de datalaag: één engine per proces, een sessie per verzoek.

Valt de database weg (PostgreSQL herstart, netwerk weg), dan geeft :func:`init_storingsafhandeling` een
Nederlandse melding in plaats van een serverfout: een pagina krijgt een eigen foutpagina (503), een
Dash-callback een gewoon Dash-antwoord dat de melding toont. Zodra de database terug is, werkt alles weer
zonder herstart: de pool test elke verbinding voor gebruik (``pool_pre_ping``, zie ``datalaag.db``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, current_app, g, request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from datalaag.db import (
    DatabaseFout,
    controleer_verbinding,
    is_verbindingsfout,
    maak_engine,
    maak_sessiefabriek,
    upgrade_head,
)

EXTENSIE = "wijkaanpak_db"
#: Het id van de melding in de schil (``storingsmelding()``) die een mislukte callback zichtbaar maakt.
STORINGSMELDING_ID = "shell-storing"
STORING = {
    "titel": "De database is even niet bereikbaar",
    "kop": "Het dashboard kan op dit moment geen gegevens ophalen of opslaan.",
    "uitleg": "Meestal is dat binnen enkele minuten voorbij; u hoeft zelf niets te doen.",
    "opslaan": "Was u iets aan het opslaan? Kijk dan straks of het is bewaard. Een wijziging wordt altijd helemaal "
               "of helemaal niet opgeslagen, nooit half.",
    "beheer": "Duurt het langer dan een kwartier, meld het dan bij de functioneel beheerder.",
}


def init_database(server: Flask, database_url: str, migreer: bool = True) -> sessionmaker[Session]:
    """Maak de engine, controleer de verbinding en breng het schema naar ``head``.

    Met een Redis-URL in de config (``REDIS_URL``) gaat ook de gedeelde cache van de leesfuncties aan
    (:mod:`datalaag.cache`); zonder Redis wordt er niets gecachet.
    """
    from datalaag import cache

    config = server.extensions.get("wijkaanpak_config")
    cache.configureer(getattr(config, "redis_url", None))
    engine = maak_engine(database_url)
    controleer_verbinding(engine)
    if migreer:
        upgrade_head(engine)
    fabriek = maak_sessiefabriek(engine)
    server.extensions[EXTENSIE] = fabriek
    if os.environ.get("WIJK_CACHE_KOP") == "1":
        _cache_kop(server)
    return fabriek


def _cache_kop(server: Flask) -> None:
    """Diagnose (alleen met ``WIJK_CACHE_KOP=1``, voor tests en metingen): elk antwoord zegt in ``X-Wijk-Cache``
    hoeveel gecachete leesfuncties dit verzoek uit Redis kwamen (treffers) en hoeveel de database lazen
    (missers), en in ``X-Wijk-Worker`` welk proces antwoordde."""
    from datalaag import cache

    @server.before_request
    def _begin() -> None:
        g.wijk_cache_begin = cache.statistiek()

    @server.after_request
    def _kop(antwoord: Response) -> Response:
        begin = g.get("wijk_cache_begin")
        if begin is not None:
            nu = cache.statistiek()
            antwoord.headers["X-Wijk-Cache"] = (f"treffers={nu['treffers'] - begin['treffers']};"
                                                f"missers={nu['missers'] - begin['missers']}")
            antwoord.headers["X-Wijk-Worker"] = str(os.getpid())
        return antwoord


def sessiefabriek(server: Flask | None = None) -> sessionmaker[Session]:
    return (server or current_app).extensions[EXTENSIE]


@contextmanager
def lees_sessie() -> Iterator[Session]:
    """Een sessie om te lezen binnen een verzoek (callback of layout); altijd gesloten na afloop."""
    with sessiefabriek()() as sessie:
        yield sessie


def seed_demo_als_leeg(fabriek: sessionmaker[Session], schaal: int = 1) -> bool:
    """Vul een lege database met de demonstratiegegevens. Geeft True als er gevuld is."""
    import datetime as dt

    from datalaag.wijken import aantal_wijken
    from seed.demo import genereer_demo

    with fabriek() as sessie, sessie.begin():
        if aantal_wijken(sessie):
            return False
        genereer_demo(sessie, schaal=schaal, vandaag=dt.date.today())
    return True


# --------------------------------------------------------------------------- database onbereikbaar


def _veilig_pad(pad: object) -> str:
    """Een pad binnen deze site om opnieuw te proberen (geen open redirect)."""
    if not isinstance(pad, str) or len(pad) > 2000 or not pad.startswith("/") or pad.startswith("//"):
        return "/"
    if "\\" in pad or any(ord(teken) < 32 or ord(teken) == 127 for teken in pad):
        return "/"
    return pad


def storingsblok(opnieuw: str | None = "/"):
    """De melding als Dash-inhoud (in plaats van de pagina, of als hele layout)."""
    from dash import html

    return html.Div(
        [
            html.H1([html.Span("⚠ ", **{"aria-hidden": "true"}), STORING["titel"]], className="h3 mb-3"),
            html.Div([html.Strong(STORING["kop"] + " "), STORING["uitleg"]], className="alert alert-warning",
                     role="alert", id="storing-melding"),
            html.P(STORING["opslaan"]),
            html.P(html.A("Opnieuw proberen", href=opnieuw, className="btn btn-primary", id="storing-opnieuw"))
            if opnieuw else None,
            html.P(STORING["beheer"], className="form-text mb-0"),
        ],
        className="paneel",
        style={"maxWidth": "52rem"},
        id="storing",
    )


def storingsmelding():
    """Voor in de schil: een melding die verborgen is tot een callback mislukt doordat de database weg is.

    De gebruiker kan haar sluiten (×); ze blijft anders staan tot de volgende keer dat de pagina laadt. Wat er
    op de pagina is ingevuld, blijft staan.
    """
    import dash_bootstrap_components as dbc

    return dbc.Alert(id=STORINGSMELDING_ID, is_open=False, dismissable=True, fade=False, color="warning",
                     className="m-3 mb-0")


def _storingstekst() -> list:
    from dash import html

    return [html.Strong(STORING["titel"] + ". "), STORING["kop"], " ", STORING["uitleg"], " ", STORING["opslaan"]]


def _dash_antwoord(gegevens: dict) -> Response:
    """Een gewoon Dash-antwoord (200), zodat de renderer de melding toont in plaats van een fout in de console.

    Gaat het om het laden van een pagina (uitvoer ``_pages_content``), dan komt de melding op de plaats van de
    pagina, met een knop om die pagina opnieuw te laden. Anders verschijnt de melding bovenaan (de schil) en
    blijft de pagina met wat er is ingevuld staan.
    """
    from plotly.io.json import to_json_plotly

    uitvoer = gegevens.get("outputs")
    uitvoer = uitvoer if isinstance(uitvoer, list) else [uitvoer]
    invoer = {(i.get("id"), i.get("property")): i.get("value")
              for i in gegevens.get("inputs") or [] if isinstance(i, dict)}
    pagina = any(isinstance(o, dict) and o.get("id") == "_pages_content" and o.get("property") == "children"
                 for o in uitvoer)
    if pagina:
        pad = invoer.get(("_pages_location", "pathname")) or "/"
        zoek = invoer.get(("_pages_location", "search")) or ""
        opnieuw = _veilig_pad(f"{pad}{zoek}" if isinstance(pad, str) and isinstance(zoek, str) else "/")
        antwoord = {"multi": True, "response": {"_pages_content": {"children": storingsblok(opnieuw)}}}
    else:
        antwoord = {"multi": True, "response": {},
                    "sideUpdate": {STORINGSMELDING_ID: {"children": _storingstekst(), "is_open": True}}}
    return Response(to_json_plotly(antwoord), status=200, mimetype="application/json",
                    headers={"Retry-After": "30"})


def init_storingsafhandeling(server: Flask) -> None:
    """Een database die (even) niet bereikbaar is, geeft een Nederlandse melding in plaats van een 500.

    - Een pagina (of het aanmeldformulier): de foutpagina ``database_onbereikbaar.html`` met status 503 en
      ``Retry-After``; geen stacktrace, geen inline script (CSP).
    - Een Dash-callback: een Dash-antwoord met de melding (zie :func:`_dash_antwoord`); de layout van Dash: de
      melding als layout.
    - De open-data-API (``/api/v1/``): 503 met ``{"fout": …, "status": 503, "parameter": null}``, zoals haar andere fouten.
    - Andere verzoeken (JSON, bestanden): 503 met ``{"fout": …}``.
    Andere databasefouten (een fout in een query) blijven gewone fouten.
    """

    def _onbereikbaar(fout: Exception):
        if not is_verbindingsfout(fout):
            raise fout
        # Wie er is aangemeld, kon niet worden gelezen: voor de rest van dit verzoek niemand, zodat niets
        # (een contextprocessor van Flask-Login, een after_request) de database nog eens probeert.
        beheer = getattr(current_app, "login_manager", None)
        if beheer is not None and "_login_user" not in g:
            g._login_user = beheer.anonymous_user()
        oorzaak = str(getattr(fout, "orig", None) or fout).strip().splitlines()
        current_app.logger.warning("Database niet bereikbaar bij %s %s: %s", request.method, request.path,
                                   oorzaak[0] if oorzaak else type(fout).__name__)
        pad = request.path
        if pad == "/_dash-update-component" and request.method == "POST":
            gegevens = request.get_json(silent=True)
            if isinstance(gegevens, dict):
                return _dash_antwoord(gegevens)
        if pad == "/_dash-layout":
            from plotly.io.json import to_json_plotly

            return Response(to_json_plotly(storingsblok("/")), status=200, mimetype="application/json")
        kop = {"Retry-After": "30"}
        tekst = f"{STORING['titel']}. {STORING['kop']} {STORING['uitleg']}"
        if pad.startswith("/api/v1"):
            # De open-data-API antwoordt altijd in haar eigen foutvorm (JSON), ook zonder Accept-kop.
            return {"fout": tekst, "status": 503, "parameter": None}, 503, kop
        if pad.startswith("/_") or request.is_json or request.accept_mimetypes.best == "application/json":
            return {"fout": tekst}, 503, kop
        from dashboard import BOOTSTRAP_URL

        opnieuw = _veilig_pad(request.full_path.rstrip("?") if request.method == "GET" else pad)
        # Zonder de contextprocessors van Flask (die zouden de gebruiker weer uit de database willen lezen).
        sjabloon = current_app.jinja_env.get_template("database_onbereikbaar.html")
        html = sjabloon.render(bootstrap_url=BOOTSTRAP_URL, opnieuw=opnieuw, **STORING)
        return html, 503, kop

    for soort in (DBAPIError, PoolTimeout, DatabaseFout):
        server.register_error_handler(soort, _onbereikbaar)
