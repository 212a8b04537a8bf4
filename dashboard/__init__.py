"""Het wijkaanpak-dashboard: app factory.

``create_app(config)`` maakt eerst de Flask-server (config, database, migraties), daarna de
Dash-app daarop. Gunicorn: ``gunicorn --preload 'dashboard:create_app()'``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import partial
from pathlib import Path

import dash
from flask import Flask, send_from_directory

from dashboard.config import Config
from dashboard.database import (
    init_database,
    init_storingsafhandeling,
    seed_demo_als_leeg,
    sessiefabriek,
)

PROJECT_MAP = Path(__file__).resolve().parent.parent
PAGINA_MAP = PROJECT_MAP / "pagina"
ASSETS_MAP = PROJECT_MAP / "assets"
BOOTSTRAP_URL = "/vendor/bootstrap/bootstrap.min.css"

INDEX_HTML = """<!DOCTYPE html>
<html lang="nl">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def _bootstrap_map() -> Path:
    """Bootstrap 5 uit het geïnstalleerde pakket bootstrap-flask (geen CDN)."""
    import flask_bootstrap

    return Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5" / "css"


def _importeer_paginas() -> None:
    """Importeer elke paginamodule (``pagina/*.py``); hun ``dash.register_page`` registreert de route.

    Eén app per proces: modules registreren hun pagina en callbacks bij hun eerste import.
    """
    for info in sorted(pkgutil.iter_modules([str(PAGINA_MAP)]), key=lambda m: m.name):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"pagina.{info.name}")
        # Zoals Dash zelf doet na een automatische import: de functie ``layout`` van de module is
        # pas na het uitvoeren van de module bekend.
        pagina = dash.page_registry.get(module.__name__)
        if pagina is not None and not pagina["supplied_layout"]:
            pagina["layout"] = module.layout


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.uit_omgeving()
    config.controleer()

    server = Flask(__name__, instance_path=str(config.instance_map), static_folder=None)
    server.config.update(
        SECRET_KEY=config.secret_key,
        WIJK_MODE=config.modus,
        TESTING=config.testing,
    )
    server.extensions["wijkaanpak_config"] = config
    if not config.is_demo:
        # Achter de reverse proxy (HTTPS): het echte schema en IP-adres van de bezoeker.
        from werkzeug.middleware.proxy_fix import ProxyFix

        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)

    init_database(server, config.database_url)
    # Database even weg: een Nederlandse melding (pagina 503, Dash-callback een nette melding), geen 500.
    init_storingsafhandeling(server)
    if config.is_demo and config.seed_demo_bij_start:
        seed_demo_als_leeg(sessiefabriek(server))
    if not config.is_demo:
        from datalaag.gebruikers import aantal_demo_accounts

        with sessiefabriek(server)() as sessie:
            if aantal_demo_accounts(sessie):
                from dashboard.config import ConfigFout

                raise ConfigFout(
                    "Productiemodus weigert te starten: de database bevat actieve demo-accounts. Schakel ze uit "
                    "met 'python -m dashboard gebruiker demo-uitschakelen' of gebruik een database zonder "
                    "demonstratiegegevens."
                )

    from dashboard.auth import init_auth
    from dashboard.beveiliging import init_csrf, init_headers

    init_csrf(server, productie=not config.is_demo)
    init_auth(server, is_demo=config.is_demo)

    # Openbaar, zonder aanmelden (notitie §3.10): wijkpagina's voor bewoners en de open-data-API.
    from dashboard.api import init_api
    from dashboard.openbaar import init_openbaar

    init_openbaar(server)
    init_api(server)

    bootstrap_map = _bootstrap_map()

    @server.get(BOOTSTRAP_URL)
    def _bootstrap_css():
        return send_from_directory(bootstrap_map, "bootstrap.min.css", max_age=86400)

    from dashboard.thema import registreer_template

    registreer_template()

    app = dash.Dash(
        __name__,
        server=server,
        use_pages=True,
        # Geen automatische import uit een map (die geeft modules padafhankelijke namen en laadt
        # een pagina dubbel als een andere module haar importeert): de pagina's worden hieronder
        # als gewone modules van het pakket ``pagina`` geïmporteerd.
        pages_folder="",
        assets_folder=str(ASSETS_MAP),
        external_stylesheets=[BOOTSTRAP_URL],
        index_string=INDEX_HTML,
        title="Wijkaanpak Almelo",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    _importeer_paginas()
    from dashboard.layout import maak_shell

    # Een functie: de schil toont per verzoek wie er is aangemeld (en wat die mag).
    app.layout = partial(maak_shell, config)
    init_headers(server, app, productie=not config.is_demo)
    server.extensions["dash_app"] = app
    return server
