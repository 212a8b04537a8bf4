"""Gedeelde hulp voor de benchmarks van issue 8 (paginacallbacks, tijd tot grafieken, belasting).

- de acht leespagina's en hun representatieve adres (de wijkpagina van de grootste wijk);
- een database klaarzetten: een bestaande hergebruiken (standaard alleen lezen: geen migratie), of een lege
  PostgreSQL-database aanmaken en vullen met ``seed --demo`` (schaal demo of G4);
- de app in dit proces maken (``create_app(Config(...))``) en in een thread serveren voor Chromium;
- aanmelden met een demo-account (Flask-testclient en Playwright-cookies);
- de ``/_dash-update-component``-verzoeken die een pagina bij het laden doet, één keer opnemen in headless
  Chromium (Playwright), om ze daarna zonder browser na te spelen;
- medianen, percentielen en Nederlandse getallen.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PROJECT_MAP = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
DASH_CALLBACK = "/_dash-update-component"
DASH_LAYOUT = "/_dash-layout"

# (naam, adres); {slug} wordt de grootste wijk (meeste doelstellingen in het nieuwste wijkplan).
PAGINAS: list[tuple[str, str]] = [
    ("overzicht", "/"),
    ("wijk", "/wijk/{slug}"),
    ("vergelijk", "/vergelijk"),
    ("indicatoren", "/indicatoren"),
    ("budget", "/budget"),
    ("projecten", "/projecten"),
    ("meldingen", "/meldingen"),
    ("toezeggingen", "/toezeggingen"),
]

# Doelen uit issue 8.
DOEL_P95_MS = {"demo": 150.0, "g4": 1000.0}
DOEL_VERHOUDING = 3.0
DOEL_BYTES = 300_000
DOEL_GRAFIEKEN_MS = 1500.0


# --------------------------------------------------------------------------- getallen
def percentiel(waarden: list[float], p: float) -> float:
    """Percentiel met lineaire interpolatie (zoals ``numpy.percentile``); p in 0..100."""
    if not waarden:
        return math.nan
    rij = sorted(waarden)
    k = (len(rij) - 1) * p / 100
    onder, boven = math.floor(k), math.ceil(k)
    return rij[onder] + (rij[boven] - rij[onder]) * (k - onder)


def getal(x: float, decimalen: int = 0) -> str:
    """Nederlands: 1.234,5."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    tekst = f"{x:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def kb(n: float) -> str:
    return getal(n / 1000, 1)


def ja_nee(b: bool | None) -> str:
    return "–" if b is None else ("ja" if b else "nee")


def vandaag_tekst() -> str:
    return f"{dt.date.today():%d-%m-%Y}"


def belasting_nu() -> str:
    try:
        een, vijf, _ = os.getloadavg()
        return f"{getal(een, 1)} / {getal(vijf, 1)}"
    except OSError:
        return "onbekend"


# --------------------------------------------------------------------------- database
def is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def zorg_voor_postgres_database(url: str) -> bool:
    """Maak de PostgreSQL-database van ``url`` aan als ze niet bestaat. Geeft True als ze nieuw is."""
    doel = make_url(url)
    beheer = create_engine(doel.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with beheer.connect() as conn:
            bestaat = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                   {"n": doel.database}).first()
            if bestaat:
                return False
            conn.execute(text(f'CREATE DATABASE "{doel.database}"'))
            return True
    finally:
        beheer.dispose()


def verwijder_postgres_database(url: str) -> None:
    doel = make_url(url)
    beheer = create_engine(doel.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with beheer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": doel.database})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{doel.database}"'))
    finally:
        beheer.dispose()


def aantal_wijken(url: str) -> int:
    """Aantal wijken, 0 als het schema er nog niet is."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            try:
                return conn.execute(text("SELECT COUNT(*) FROM wijk")).scalar_one()
            except Exception:  # noqa: BLE001 - geen tabel: lege database
                return 0
    finally:
        engine.dispose()


def seed_g4(url: str) -> None:
    """``python -m dashboard seed --demo --schaal g4`` op een lege database (enkele minuten)."""
    env = {**os.environ, "DATABASE_URL": url, "WIJK_MODE": "demo"}
    subprocess.run([sys.executable, "-m", "dashboard", "db", "upgrade"], cwd=PROJECT_MAP, env=env, check=True)
    subprocess.run([sys.executable, "-m", "dashboard", "seed", "--demo", "--schaal", "g4"],
                   cwd=PROJECT_MAP, env=env, check=True)


def schemastand(url: str) -> tuple[str | None, str]:
    """(revisie van de database, head van de code)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from datalaag.db import alembic_config

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            huidig = MigrationContext.configure(conn).get_current_revision()
            head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    finally:
        engine.dispose()
    return huidig, head


def bereid_database_voor(url: str | None, schaal: str, tmp: str, migreer: bool) -> tuple[str, bool]:
    """Geef (url, nieuw). Zonder url: een verse SQLite-database in ``tmp``. Een lege database (ook een nog
    niet bestaande PostgreSQL-database) wordt gevuld: demo via de app bij de start, G4 met ``seed --schaal g4``.
    Een bestaande, gevulde database wordt alleen gelezen; staat ze niet op de nieuwste migratie, dan meldt het
    script dat (of migreert met ``--migreer``)."""
    nieuw = False
    if url is None:
        url = f"sqlite:///{tmp}/wijkaanpak.db"
        nieuw = True
    elif is_postgres(url):
        nieuw = zorg_voor_postgres_database(url)
    if aantal_wijken(url) == 0:
        nieuw = True
        if schaal == "g4":
            print("Lege database: G4-dataset maken (seed --demo --schaal g4, enkele minuten) …", flush=True)
            seed_g4(url)
        # demo: create_app vult een lege database bij de start
    elif not migreer:
        huidig, head = schemastand(url)
        if huidig != head:
            print(f"LET OP: de database staat op migratie {huidig}, de code op {head}. Er wordt niet gemigreerd "
                  "(alleen lezen); geef --migreer of draai eerst `python -m dashboard db upgrade`.", flush=True)
    return url, nieuw


def maak_app(url: str, tmp: str, redis_url: str | None, migreer: bool):
    """De Flask-server met Dash, in dit proces (één per proces). Zonder ``migreer`` blijft het schema van een
    bestaande database ongemoeid (``upgrade_head`` wordt dan overgeslagen als de database al gevuld is)."""
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import dashboard.database as database
    from dashboard import create_app
    from dashboard.config import Config

    if not migreer and aantal_wijken(url) > 0:
        database.upgrade_head = lambda engine: None  # alleen lezen: het schema niet aanraken
    config = Config(database_url=url, modus="demo", instance_map=Path(tmp), seed_demo_bij_start=True,
                    redis_url=redis_url)
    return create_app(config)


def app_zonder_migratie():
    """Voor gunicorn op een bestaande database die niet gemigreerd mag worden: ``create_app()`` uit de omgeving,
    zonder ``upgrade_head``."""
    import dashboard.database as database
    from dashboard import create_app

    database.upgrade_head = lambda engine: None
    return create_app()


def grootste_wijk(url: str) -> str:
    """Slug van de wijk met de meeste doelstellingen in haar nieuwste wijkplan (bij gelijkspel: de eerste)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rij = conn.execute(text("""
                SELECT w.slug, COUNT(d.id) AS n
                FROM wijk w
                JOIN wijkplan p ON p.wijk_id = w.id
                JOIN doelstelling d ON d.wijkplan_id = p.id
                WHERE p.periode_van = (SELECT MAX(p2.periode_van) FROM wijkplan p2 WHERE p2.wijk_id = w.id)
                GROUP BY w.slug ORDER BY n DESC, w.slug LIMIT 1""")).first()
    finally:
        engine.dispose()
    return rij[0] if rij else "kerkelanden"


def paginalijst(url: str, alleen: list[str] | None = None) -> list[tuple[str, str]]:
    slug = grootste_wijk(url)
    uit = [(naam, pad.format(slug=slug)) for naam, pad in PAGINAS]
    if alleen:
        uit = [p for p in uit if p[0] in alleen]
    return uit


# --------------------------------------------------------------------------- gunicorn in een eigen proces
def start_gunicorn(url: str, tmp: str, poort: int, workers: int, redis_url: str | None, migreer: bool):
    env = {**os.environ, "DATABASE_URL": url, "WIJK_MODE": "demo", "WIJK_INSTANCE_MAP": tmp}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    app = "dashboard:create_app()"
    if not migreer:
        huidig, head = schemastand(url) if aantal_wijken(url) else (None, None)
        if huidig != head:
            print(f"LET OP: database op migratie {huidig}, code op {head}; er wordt niet gemigreerd.", flush=True)
            app = "benchmarks._gemeen:app_zonder_migratie()"
    log = open(f"{tmp}/gunicorn.log", "w")  # noqa: SIM115 - open zolang de server draait
    proces = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--preload", "--workers", str(workers), "--timeout", "120",
         "--bind", f"127.0.0.1:{poort}", app],
        cwd=PROJECT_MAP, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return proces, log


def stop(proces: subprocess.Popen) -> None:
    if proces.poll() is not None:
        return
    os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(timeout=10)


def wacht_op_server(poort: int, proces, seconden: float, log: str) -> None:
    from tests.hulp import wacht_op_gezond

    wacht_op_gezond(poort, proces, Path(log), seconden)


def vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



# --------------------------------------------------------------------------- server in een thread
class ServerThread:
    """Serveert de WSGI-app op een vrije poort op 127.0.0.1 (voor Chromium)."""

    def __init__(self, app):
        import logging

        from werkzeug.serving import make_server

        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


# --------------------------------------------------------------------------- aanmelden
def demo_email(rol: str) -> str:
    return f"{rol}@demo.almelo.nl"


def meld_aan_testclient(server, rol: str = "raadslid"):
    """Een Flask-testclient, aangemeld met het demo-account van ``rol``; geeft (client, csrf-token)."""
    klant = server.test_client()
    html = klant.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]
    antwoord = klant.post("/login", data={"csrf_token": token, "email": demo_email(rol),
                                          "wachtwoord": f"demo-{rol}"})
    if antwoord.status_code != 302:
        raise RuntimeError(f"aanmelden als {rol} mislukt (status {antwoord.status_code})")
    klant.get("/_dash-layout")  # zet de CSRF-cookie van de nieuwe sessie
    cookie = klant.get_cookie(CSRF_COOKIE)
    return klant, cookie.value


def playwright_cookies(basis_url: str, rol: str = "raadslid") -> list[dict]:
    from tests.browser.conftest import meld_aan_via_http

    return meld_aan_via_http(basis_url, demo_email(rol), f"demo-{rol}")


# --------------------------------------------------------------------------- opnemen in Chromium
@dataclass
class Opname:
    """De Dash-verzoeken van één pagina bij het laden, zoals Chromium ze stuurde."""

    naam: str
    pad: str
    callbacks: list[dict] = field(default_factory=list)  # de JSON-bodies, in volgorde van versturen
    browser_bytes: dict[str, int] = field(default_factory=dict)  # per soort: paginadata, bundels, overig


# JavaScript dat in elke pagina vóór Dash draait: telt lopende Dash-verzoeken (fetch).
TELLER_JS = """
(() => {
  window.__dash_open = 0; window.__dash_aanroepen = 0; window.__klaar_sinds = null;
  const origineel = window.fetch;
  window.fetch = function (...args) {
    const doel = args[0];
    const adres = String((doel && doel.url) || doel);
    const dash = adres.includes('/_dash-update-component');
    if (dash) { window.__dash_open++; window.__dash_aanroepen++; }
    const belofte = origineel.apply(this, args);
    if (!dash) return belofte;
    return belofte.then(
      (antwoord) => antwoord.clone().text().then(() => { window.__dash_open--; return antwoord; },
                                                 () => { window.__dash_open--; return antwoord; }),
      (fout) => { window.__dash_open--; throw fout; });
  };
})();
"""

# Waar op gewacht wordt: de pagina-inhoud staat er, er loopt geen Dash-verzoek meer, niets is "loading" en elke
# grafiek (dcc.Graph) heeft haar SVG getekend; dat moet 300 ms zo blijven (een volgende callback in een keten
# zet de teller terug). window.__klaar_sinds is dan het moment (ms sinds de navigatie) waarop het klaar was.
KLAAR_JS = """
() => {
  const inhoud = document.getElementById('_pages_content');
  const grafieken = [...document.querySelectorAll('.dash-graph, .js-plotly-plot')];
  const klaar = !!inhoud && inhoud.children.length > 0 && window.__dash_aanroepen > 0
    && window.__dash_open === 0
    && !document.querySelector('._dash-loading, [data-dash-is-loading="true"]')
    && grafieken.every((g) => g.querySelector('.main-svg'));
  if (!klaar) { window.__klaar_sinds = null; return false; }
  if (window.__klaar_sinds === null) window.__klaar_sinds = performance.now();
  return performance.now() - window.__klaar_sinds >= 300;
}
"""


# Wat er nog niet klaar is (voor de foutmelding bij een time-out).
STAND_JS = """
() => ({open: window.__dash_open, aanroepen: window.__dash_aanroepen,
  inhoud: (document.getElementById('_pages_content') || {children: []}).children.length,
  loading: [...document.querySelectorAll('._dash-loading, [data-dash-is-loading="true"]')]
    .map((e) => e.id || e.className).slice(0, 5),
  grafieken: document.querySelectorAll('.dash-graph, .js-plotly-plot').length,
  zonder_svg: [...document.querySelectorAll('.dash-graph, .js-plotly-plot')]
    .filter((g) => !g.querySelector('.main-svg')).map((g) => g.id || g.className).slice(0, 5)})
"""


def start_chromium(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def nieuwe_context(browser, cookies: list[dict]):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    context.add_cookies(cookies)
    context.add_init_script(TELLER_JS)
    return context


def wacht_tot_klaar(pagina, timeout_ms: float = 120_000) -> float:
    """Wacht tot de pagina klaar is (zie KLAAR_JS); geeft ms sinds de navigatie."""
    try:
        pagina.wait_for_function(KLAAR_JS, polling=50, timeout=timeout_ms)
    except Exception as exc:
        raise TimeoutError(f"niet klaar binnen {timeout_ms / 1000:.0f} s: {pagina.evaluate(STAND_JS)}") from exc
    return float(pagina.evaluate("window.__klaar_sinds"))


def neem_op(basis_url: str, paginas: list[tuple[str, str]], cookies: list[dict]) -> list[Opname]:
    """Laad elke pagina één keer in headless Chromium (nieuwe context: lege cache) en bewaar de
    ``/_dash-update-component``-verzoeken die ze bij het laden doet."""
    from playwright.sync_api import sync_playwright

    opnames = []
    with sync_playwright() as pw:
        browser = start_chromium(pw)
        try:
            for naam, pad in paginas:
                context = nieuwe_context(browser, cookies)
                pagina = context.new_page()
                opname = Opname(naam, pad)
                antwoorden = []

                def bij_verzoek(verzoek, opname=opname):
                    if DASH_CALLBACK in verzoek.url and verzoek.method == "POST":
                        opname.callbacks.append(json.loads(verzoek.post_data))

                pagina.on("request", bij_verzoek)
                pagina.on("response", lambda antwoord: antwoorden.append(antwoord))
                pagina.goto(basis_url + pad)
                wacht_tot_klaar(pagina)
                pagina.wait_for_load_state("networkidle")
                soorten = {"paginadata": 0, "bundels": 0, "overig": 0}
                for antwoord in antwoorden:
                    try:
                        grootte = len(antwoord.body())
                    except Exception:  # noqa: BLE001 - bijv. een redirect zonder body
                        grootte = 0
                    if DASH_CALLBACK in antwoord.url or DASH_LAYOUT in antwoord.url:
                        soorten["paginadata"] += grootte
                    elif antwoord.url.split("?")[0].endswith((".js", ".css")):
                        soorten["bundels"] += grootte
                    else:
                        soorten["overig"] += grootte
                opname.browser_bytes = soorten
                context.close()
                if not opname.callbacks:
                    raise RuntimeError(f"{pad}: geen enkele Dash-callback opgenomen")
                opnames.append(opname)
                print(f"  opgenomen {pad}: {len(opname.callbacks)} callbacks", flush=True)
        finally:
            browser.close()
    return opnames


def opnames_naar_json(opnames: list[Opname]) -> list[dict]:
    return [{"naam": o.naam, "pad": o.pad, "callbacks": o.callbacks, "browser_bytes": o.browser_bytes}
            for o in opnames]


def opnames_uit_json(data: list[dict]) -> list[Opname]:
    return [Opname(d["naam"], d["pad"], d["callbacks"], d.get("browser_bytes", {})) for d in data]


def dash_fout(status: int, body: bytes) -> str | None:
    """Een foutomschrijving als een Dash-antwoord een fout is (niet 200/204, of een foutmelding in de JSON)."""
    if status not in (200, 204):
        return f"status {status}: {body[:200].decode(errors='replace')}"
    if status == 200 and body[:1] == b"{" and b'"fout"' in body[:200]:
        return f"foutmelding: {body[:200].decode(errors='replace')}"
    return None


def klok() -> float:
    return time.perf_counter()


def commando(script: str) -> str:
    """Het commando zoals het in BENCHMARKS.md staat."""
    import shlex

    return shlex.join([".venv/bin/python", "-m", f"benchmarks.{script}", *sys.argv[1:]])
