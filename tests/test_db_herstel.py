"""Productie onder gunicorn, en een database die wegvalt en terugkomt.

- ``gunicorn --preload --workers 2 'dashboard:create_app()'`` start in productiemodus op PostgreSQL, ``/gezond``
  antwoordt en een aangemelde gebruiker krijgt zijn pagina's (verzoeken zoals een browser achter de HTTPS-proxy).
- De database is bereikbaar via een kleine TCP-proxy in deze test. Zetten we die dicht, dan valt de
  verbinding weg zoals bij een herstart van PostgreSQL, zonder de echte server (die ook door anderen wordt
  gebruikt) aan te raken. Intussen: een Nederlandse foutpagina (503, geen stacktrace, geen inline script),
  en Dash-callbacks geven een gewoon Dash-antwoord met de melding. Zetten we hem weer open, dan werkt alles
  meteen weer, met dezelfde workers (geen herstart).
- Dezelfde proef in Chromium: navigeren terwijl de database weg is, toont de melding in de pagina.

Alle PostgreSQL-gegevens staan in een eigen schema (``hr_…``), na afloop verwijderd.
"""

from __future__ import annotations

import http.client
import http.cookies
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from datalaag.db import DatabaseFout, is_verbindingsfout, maak_engine
from tests.hulp import wacht_op_gezond

PROJECT_MAP = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("WIJK_TEST_POSTGRES_URL", "")
WACHTWOORD = "een-lang-beheerderswachtwoord"
MELDING = "De database is even niet bereikbaar"


def _eis_pg() -> None:
    if not PG_URL:
        pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")


def _met_schema(url: str, schema: str) -> str:
    scheiding = "&" if "?" in url else "?"
    return f"{url}{scheiding}options=-csearch_path%3D{schema}"


# --------------------------------------------------------------------------- TCP-proxy


class TcpProxy:
    """Stuurt verbindingen op 127.0.0.1:<poort> door naar de echte PostgreSQL.

    ``dicht()``: alle lopende verbindingen worden verbroken en nieuwe meteen weer gesloten, zoals bij een server
    die herstart. ``open()``: weer doorsturen. De luisterpoort blijft van ons (geen race om de poort).
    """

    def __init__(self, doel: tuple[str, int]):
        self.doel = doel
        self.luister = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.luister.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.luister.bind(("127.0.0.1", 0))
        self.luister.listen(128)
        self.poort = self.luister.getsockname()[1]
        self.is_open = True
        self.gestopt = False
        self.paren: set[tuple[socket.socket, socket.socket]] = set()
        self.slot = threading.Lock()
        threading.Thread(target=self._aannemen, daemon=True).start()

    def _aannemen(self) -> None:
        while not self.gestopt:
            try:
                klant, _ = self.luister.accept()
            except OSError:
                return
            if not self.is_open:
                klant.close()
                continue
            try:
                server = socket.create_connection(self.doel, timeout=10)
                server.settimeout(None)
            except OSError:
                klant.close()
                continue
            paar = (klant, server)
            with self.slot:
                self.paren.add(paar)
            threading.Thread(target=self._pomp, args=(klant, server, paar), daemon=True).start()
            threading.Thread(target=self._pomp, args=(server, klant, paar), daemon=True).start()

    def _pomp(self, van: socket.socket, naar: socket.socket, paar) -> None:
        try:
            while data := van.recv(65536):
                naar.sendall(data)
        except OSError:
            pass
        finally:
            self._verbreek(paar)

    def _verbreek(self, paar) -> None:
        with self.slot:
            self.paren.discard(paar)
        for s in paar:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def dicht(self) -> None:
        self.is_open = False
        with self.slot:
            paren = list(self.paren)
        for paar in paren:
            self._verbreek(paar)

    def open(self) -> None:
        self.is_open = True

    def stop(self) -> None:
        self.gestopt = True
        self.dicht()
        self.luister.close()


@pytest.fixture(scope="module")
def pg_schema():
    """Een eigen, leeg PostgreSQL-schema: (directe URL, naam)."""
    _eis_pg()
    naam = f"hr_{uuid.uuid4().hex[:10]}"
    beheer = maak_engine(PG_URL)
    with beheer.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{naam}"'))
    try:
        yield _met_schema(PG_URL, naam), naam
    finally:
        with beheer.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{naam}" CASCADE'))
        beheer.dispose()


@pytest.fixture(scope="module")
def proxy():
    _eis_pg()
    from sqlalchemy.engine import make_url

    echt = make_url(PG_URL)
    p = TcpProxy((echt.host or "127.0.0.1", echt.port or 5432))
    yield p
    p.stop()


def _via_proxy(url: str, poort: int) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(host="127.0.0.1", port=poort).render_as_string(hide_password=False)


# --------------------------------------------------------------------------- welke fouten zijn "even weg"


def test_verbindingsfouten_worden_herkend_en_queryfouten_niet(tmp_path):
    sqlite = maak_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(OperationalError) as geen_tabel, sqlite.connect() as conn:
        conn.execute(text("SELECT * FROM bestaat_niet"))
    assert not is_verbindingsfout(geen_tabel.value), "een schemafout is geen storing"
    bezet = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert is_verbindingsfout(bezet)
    assert is_verbindingsfout(DatabaseFout("weg"))
    assert not is_verbindingsfout(ValueError("iets anders"))
    sqlite.dispose()

    weg = maak_engine("postgresql+psycopg://postgres@127.0.0.1:1/bestaatniet")
    with pytest.raises(OperationalError) as geweigerd, weg.connect():
        pass
    assert is_verbindingsfout(geweigerd.value)
    weg.dispose()


def test_queryfout_op_postgresql_is_geen_storing(pg_schema):
    url, _ = pg_schema
    engine = maak_engine(url)
    with pytest.raises(ProgrammingError) as fout, engine.connect() as conn:
        conn.execute(text("SELECT * FROM bestaat_niet"))
    assert not is_verbindingsfout(fout.value)
    engine.dispose()


def test_pool_is_leeg_in_een_kindproces(tmp_path):
    """``gunicorn --preload``: een worker (kindproces) erft de pool van de master, maar gebruikt die verbindingen
    niet; anders zouden processen dezelfde socket naar de database delen."""
    engine = maak_engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert engine.pool.checkedin() == 1
    pid = os.fork()
    if pid == 0:  # pragma: no cover - kindproces
        os._exit(0 if engine.pool.checkedin() == 0 else 3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert engine.pool.checkedin() == 1, "de ouder houdt zijn verbinding"
    engine.dispose()


def test_engine_herstelt_zich_na_wegvallen_van_postgresql(pg_schema, proxy):
    """Eén engine (zoals in een worker): verbindingen weg → nette fout; server terug → de volgende query lukt,
    zonder nieuwe engine (pool_pre_ping vervangt de dode verbindingen)."""
    url, _ = pg_schema
    engine = maak_engine(_via_proxy(url, proxy.poort))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        proxy.dicht()
        with pytest.raises(OperationalError) as fout, engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert is_verbindingsfout(fout.value)
        proxy.open()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        proxy.open()
        engine.dispose()


# --------------------------------------------------------------------------- gunicorn


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str, **env: str) -> None:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "WIJK_MODE")}
    omgeving.update(env)
    uit = subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=PROJECT_MAP, env=omgeving,
                         capture_output=True, text=True, timeout=600)
    assert uit.returncode == 0, uit.stderr


class Klant:
    """Een browser achter de HTTPS-proxy: ``X-Forwarded-Proto: https`` (productie zet Secure-cookies en controleert
    de Referer), cookies zelf bijgehouden, geen automatische doorverwijzing."""

    def __init__(self, poort: int):
        self.poort = poort
        self.basis = f"https://127.0.0.1:{poort}"
        self.koekjes: dict[str, str] = {}

    def verzoek(self, methode: str, pad: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=120)
        kop = {"X-Forwarded-Proto": "https", "Referer": f"{self.basis}/", **(headers or {})}
        if self.koekjes:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.koekjes.items())
        try:
            conn.request(methode, pad, body=body, headers=kop)
            antwoord = conn.getresponse()
            data = antwoord.read()
        finally:
            conn.close()
        for regel in antwoord.headers.get_all("Set-Cookie") or []:
            koekje = http.cookies.SimpleCookie()
            koekje.load(regel)
            for naam, morsel in koekje.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.koekjes.pop(naam, None)
                else:
                    self.koekjes[naam] = morsel.value
        return antwoord.status, antwoord.headers, data

    def get(self, pad: str):
        return self.verzoek("GET", pad)

    def meld_aan(self, email: str, wachtwoord: str):
        status, _, html = self.get("/login")
        assert status == 200
        token = re.search(rb'name="csrf_token" value="([^"]+)"', html)[1].decode()
        body = urlencode({"csrf_token": token, "email": email, "wachtwoord": wachtwoord, "volgende": "/"}).encode()
        return self.verzoek("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Referer": f"{self.basis}/login"})

    def callback(self, afhankelijkheid: dict, waarden: dict, trigger: str):
        from dash._utils import split_callback_id

        gesplitst = split_callback_id(afhankelijkheid["output"])
        uitvoer = gesplitst if isinstance(gesplitst, list) else [gesplitst]

        def dep(d):
            return {"id": d["id"], "property": d["property"], "value": waarden.get(f"{d['id']}.{d['property']}")}

        body = {"output": afhankelijkheid["output"],
                "outputs": uitvoer if isinstance(gesplitst, list) else gesplitst,
                "inputs": [dep(d) for d in afhankelijkheid["inputs"]],
                "state": [dep(d) for d in afhankelijkheid["state"]], "changedPropIds": [trigger]}
        status, kop, data = self.verzoek("POST", "/_dash-update-component", json.dumps(body).encode(), {
            "Content-Type": "application/json", "X-CSRFToken": self.koekjes.get("_csrf_token", "")})
        return status, kop, data


class Gunicorn:
    def __init__(self, proces: subprocess.Popen, poort: int, log: Path, proxy: TcpProxy):
        self.proces = proces
        self.poort = poort
        self.log = log
        self.proxy = proxy
        self.afhankelijkheden: list[dict] = []

    def workers(self) -> list[int]:
        pad = Path(f"/proc/{self.proces.pid}/task/{self.proces.pid}/children")
        return sorted(int(p) for p in pad.read_text().split())

    def klant(self) -> Klant:
        klant = Klant(self.poort)
        status, kop, _ = klant.meld_aan("bea@almelo.nl", WACHTWOORD)
        assert status == 302 and kop["Location"] == "/", status
        return klant

    def afhankelijkheid(self, uitvoer_deel: str) -> dict:
        return next(d for d in self.afhankelijkheden if uitvoer_deel in d["output"])


@pytest.fixture(scope="module")
def gunicorn(pg_schema, proxy, tmp_path_factory):
    """De productie-opstelling van de README: schema migreren, eigen beheerder, demo-accounts uit, dan gunicorn
    met 2 workers (``--preload``) in productiemodus; de database via de proxy."""
    url, _ = pg_schema
    _cli("seed", "--demo", DATABASE_URL=url, WIJK_MODE="demo")
    _cli("gebruiker", "toevoegen", "--naam", "Bea Heer", "--email", "bea@almelo.nl", "--rol", "beheerder",
         DATABASE_URL=url, WIJK_WACHTWOORD=WACHTWOORD)
    _cli("gebruiker", "demo-uitschakelen", DATABASE_URL=url)
    instance = tmp_path_factory.mktemp("gunicorn")
    poort = _vrije_poort()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "WIJK_MODE")}
    env.update(DATABASE_URL=_via_proxy(url, proxy.poort), WIJK_MODE="productie", SECRET_KEY=uuid.uuid4().hex * 2,
               WIJK_INSTANCE_MAP=str(instance))
    _cli("db", "upgrade", **{k: env[k] for k in ("DATABASE_URL", "WIJK_MODE", "SECRET_KEY")})
    log = instance / "gunicorn.log"
    with open(log, "w") as uitvoer:
        proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--preload", "--workers", "2", "--bind", f"127.0.0.1:{poort}",
             "--timeout", "180", "--graceful-timeout", "5", "dashboard:create_app()"],
            cwd=PROJECT_MAP, env=env, stdout=uitvoer, stderr=subprocess.STDOUT,
        )
    server = Gunicorn(proces, poort, log, proxy)
    try:
        wacht_op_gezond(poort, proces, log)
        yield server
    finally:
        proxy.open()
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=30)


def _gelijktijdig(functie, aantal: int) -> list:
    with ThreadPoolExecutor(max_workers=aantal) as pool:
        return list(pool.map(lambda _: functie(), range(aantal)))


def test_gunicorn_met_twee_workers_op_postgresql(gunicorn):
    """Start, /gezond, aanmelden en een pagina (HTML, layout met de naam van de gebruiker, inhoud via de
    paginarouter); tegelijke verzoeken worden door beide workers beantwoord."""
    assert len(gunicorn.workers()) == 2
    klant = Klant(gunicorn.poort)
    status, kop, _ = klant.get("/wijk/de-riet")
    assert status == 302 and kop["Location"].startswith("/login")
    status, kop, _ = klant.meld_aan("bea@almelo.nl", WACHTWOORD)
    assert status == 302 and kop["Location"] == "/"
    sessiecookie = next(c for c in kop.get_all("Set-Cookie") if c.startswith("session="))
    assert "Secure" in sessiecookie and "HttpOnly" in sessiecookie

    status, kop, html = klant.get("/wijk/de-riet")
    assert status == 200 and b'id="react-entry-point"' in html
    assert "Strict-Transport-Security" in kop and "script-src 'self'" in kop["Content-Security-Policy"]
    status, _, layout = klant.get("/_dash-layout")
    assert status == 200 and b"Bea Heer" in layout
    status, _, afh = klant.get("/_dash-dependencies")
    assert status == 200
    gunicorn.afhankelijkheden = json.loads(afh)
    router = gunicorn.afhankelijkheid("_pages_content.children")
    status, _, data = klant.callback(router, {"_pages_location.pathname": "/wijk/de-riet",
                                              "_pages_location.search": ""}, "_pages_location.pathname")
    assert status == 200, data[:500]
    inhoud = json.dumps(json.loads(data)["response"]["_pages_content"])
    assert "De Riet" in inhoud and MELDING not in inhoud

    uitkomsten = _gelijktijdig(lambda: klant.get("/_dash-layout")[0], 6)
    assert uitkomsten == [200] * 6


def test_database_weg_geeft_nederlandse_melding_en_herstelt_zonder_herstart(gunicorn):
    klant = gunicorn.klant()
    if not gunicorn.afhankelijkheden:
        gunicorn.afhankelijkheden = json.loads(klant.get("/_dash-dependencies")[2])
    router = gunicorn.afhankelijkheid("_pages_content.children")
    menu = gunicorn.afhankelijkheid("shell-menu.is_open")
    workers = gunicorn.workers()
    nieuwe = Klant(gunicorn.poort)
    assert nieuwe.get("/login")[0] == 200
    log_begin = gunicorn.log.stat().st_size

    gunicorn.proxy.dicht()
    try:
        # Een pagina: de eigen foutpagina, 503, zonder stacktrace of inline script, met de CSP.
        for pad in ("/", "/wijk/de-riet?jaar=2025"):
            status, kop, html = klant.get(pad)
            tekst = html.decode()
            assert status == 503, tekst[:500]
            assert kop["Retry-After"] == "30" and kop["Content-Type"].startswith("text/html")
            assert "script-src 'self'" in kop["Content-Security-Policy"]
            assert MELDING in tekst and "Opnieuw proberen" in tekst and 'lang="nl"' in tekst
            assert "<script" not in tekst and "Traceback" not in tekst and "psycopg" not in tekst
        assert 'href="/wijk/de-riet?jaar=2025"' in tekst
        assert klant.get("/gezond")[0] == 503
        # De open-data-API: haar eigen JSON-foutvorm, ook zonder Accept-kop.
        status, kop, data = nieuwe.get("/api/v1/metingen?wijk=de-riet&formaat=csv")
        assert status == 503 and kop["Retry-After"] == "30" and kop["Content-Type"].startswith("application/json")
        assert json.loads(data) == {"fout": json.loads(data)["fout"], "status": 503, "parameter": None}
        assert MELDING in json.loads(data)["fout"]

        # De paginarouter van Dash: een gewoon antwoord (200) met de melding op de plaats van de pagina.
        status, kop, data = klant.callback(router, {"_pages_location.pathname": "/budget",
                                                    "_pages_location.search": "?jaar=2025"},
                                           "_pages_location.pathname")
        assert status == 200, data[:500]
        antwoord = json.loads(data)
        blok = antwoord["response"]["_pages_content"]["children"]
        assert blok["props"]["id"] == "storing" and MELDING in json.dumps(blok, ensure_ascii=False)
        assert '"href": "/budget?jaar=2025"' in json.dumps(blok)
        assert "_pages_store" not in antwoord["response"]
        # Elke andere callback: de melding bovenaan (de schil); wat op de pagina staat, blijft staan.
        status, _, data = klant.callback(menu, {"shell-menu-knop.n_clicks": 1, "shell-menu.is_open": False},
                                         "shell-menu-knop.n_clicks")
        assert status == 200, data[:500]
        antwoord = json.loads(data)
        assert antwoord["response"] == {}
        assert antwoord["sideUpdate"]["shell-storing"]["is_open"] is True
        assert MELDING in json.dumps(antwoord["sideUpdate"], ensure_ascii=False)
        # Aanmelden terwijl de database weg is: de foutpagina, niet "wachtwoord onjuist".
        status, _, html = nieuwe.meld_aan("bea@almelo.nl", WACHTWOORD)
        assert status == 503 and MELDING in html.decode()
    finally:
        gunicorn.proxy.open()

    # Terug: meteen weer goed, met dezelfde workers (geen herstart), in beide workers.
    assert _gelijktijdig(lambda: klant.get("/wijk/de-riet")[0], 6) == [200] * 6
    status, _, data = klant.callback(router, {"_pages_location.pathname": "/budget", "_pages_location.search": ""},
                                     "_pages_location.pathname")
    assert status == 200 and MELDING not in data.decode()
    assert klant.get("/gezond")[0] == 200
    assert nieuwe.get("/api/v1/metingen?wijk=de-riet&formaat=csv")[0] == 200
    status, kop, _ = nieuwe.meld_aan("bea@almelo.nl", WACHTWOORD)
    assert status == 302
    assert gunicorn.workers() == workers, "de workers zijn niet herstart"
    log = gunicorn.log.read_text(errors="replace")[log_begin:]
    assert "Database niet bereikbaar bij GET /wijk/de-riet" in log
    assert "Traceback" not in log, log[-3000:]


def test_in_de_browser_toont_dash_de_melding_en_herstelt(gunicorn, tmp_path):
    """Chromium: navigeren terwijl de database weg is toont de melding in de pagina (geen fout in de console);
    "Opnieuw proberen" laadt de pagina zodra de database terug is. Een volledige paginalading geeft de foutpagina,
    zonder ernstige toegankelijkheidsproblemen.

    In een eigen thread: na de browsertests (pytest-playwright) loopt in de hoofdthread een asyncio-lus, en daarin
    weigert de synchrone API van Playwright te starten."""
    uitkomst: list[BaseException] = []

    def draai() -> None:
        try:
            _browser_storing(gunicorn, tmp_path)
        except BaseException as fout:  # noqa: BLE001 - doorgeven aan de testthread
            uitkomst.append(fout)

    draad = threading.Thread(target=draai, name="browser-storing")
    draad.start()
    draad.join(timeout=600)
    assert not draad.is_alive(), "de browsertest liep niet binnen 10 minuten af"
    if uitkomst:
        raise uitkomst[0]


def _browser_storing(gunicorn, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_ernstige_schendingen

    klant = gunicorn.klant()
    basis = f"http://127.0.0.1:{gunicorn.poort}"
    fouten: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
            # Over http in de test; de server zet Secure-cookies, dus hier zonder Secure (zoals achter de proxy).
            context.add_cookies([{"name": k, "value": v, "domain": "127.0.0.1", "path": "/", "secure": False,
                                  "httpOnly": k == "session", "sameSite": "Lax"} for k, v in klant.koekjes.items()])
            page = context.new_page()
            page.on("console", lambda b: fouten.append(f"{b.type}: {b.text}") if b.type == "error" else None)
            page.on("pageerror", lambda f: fouten.append(f"pageerror: {f}"))
            page.goto(basis + "/wijk/de-riet")
            expect(page.get_by_role("heading", level=1)).to_contain_text("De Riet", timeout=60_000)

            gunicorn.proxy.dicht()
            try:
                page.get_by_role("link", name="Budget", exact=True).first.click()
                melding = page.locator("#storing")
                expect(melding).to_contain_text(MELDING, timeout=60_000)
                expect(page.locator("#storing-melding")).to_have_attribute("role", "alert")
                page.screenshot(path=str(tmp_path / "storing-in-dash.png"), full_page=True)
                assert not fouten, fouten

                # Volledig laden: de foutpagina van de server (503).
                antwoord = page.goto(basis + "/meldingen")
                assert antwoord is not None and antwoord.status == 503
                expect(page.get_by_role("heading", level=1)).to_contain_text(MELDING)
                assert axe_ernstige_schendingen(page) == []
                page.screenshot(path=str(tmp_path / "storing-pagina.png"), full_page=True)
            finally:
                gunicorn.proxy.open()
            # De browser meldt de 503 van het document zelf; verder niets.
            fouten[:] = [f for f in fouten if "status of 503" not in f]
            page.get_by_role("link", name="Opnieuw proberen").click()
            expect(page).to_have_url(re.compile(r"/meldingen$"))
            expect(page.get_by_role("heading", level=1)).to_contain_text("Meldingen", timeout=60_000)
            expect(page.locator("#storing")).to_have_count(0)
        finally:
            browser.close()
    assert not fouten, fouten
    for naam in ("storing-in-dash.png", "storing-pagina.png"):
        afdruk = os.environ.get("WIJK_AFDRUKKEN_MAP")
        if afdruk:  # om zelf te bekijken
            Path(afdruk, naam).write_bytes((tmp_path / naam).read_bytes())
