"""Browsertests: de echte app in een eigen proces op een vrije poort, Debian's Chromium via Playwright.

- Elke test faalt bij een consolefout of een onafgevangen JavaScript-fout in de browser.
- Bij een mislukte test wordt een schermafdruk bewaard in ``test-results/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Dash-pagina's bouwen na elke URL-wijziging opnieuw op; op een drukke machine (CI met twee kernen)
# duurt dat soms langer dan Playwrights standaard van 5 s.
expect.set_options(timeout=20_000)

PROJECT_MAP = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTATEN = PROJECT_MAP / "test-results"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1920, "height": 1080}, "locale": "nl-NL"}


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wacht_op(url: str, proces: subprocess.Popen, seconden: float = 120, log: Path | None = None) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            staart = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"De app stopte bij het starten (exitcode {proces.returncode}).\n{staart}")
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"De app antwoordde niet binnen {seconden} s op {url}.")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """Start ``python -m dashboard run`` met een eigen demo-database (SQLite) op een vrije poort."""
    instance = tmp_path_factory.mktemp("instance")
    poort = _vrije_poort()
    env = {
        **os.environ,
        "WIJK_MODE": "demo",
        "WIJK_INSTANCE_MAP": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'wijkaanpak.db'}",
    }
    log = open(instance / "server.log", "w")  # noqa: SIM115 - open zolang de server draait
    proces = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "run", "--port", str(poort)],
        cwd=PROJECT_MAP, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{poort}"
    try:
        _wacht_op(f"{url}/gezond", proces, log=instance / "server.log")
        yield url
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
        log.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    uitkomst = yield
    rapport = uitkomst.get_result()
    setattr(item, f"rapport_{rapport.when}", rapport)


ROLLEN = ("raadslid", "wethouder", "griffie", "coordinator", "beheerder")


def demo_email(rol: str) -> str:
    return f"{rol}@demo.almelo.nl"


def meld_aan_via_http(app_url: str, email: str, wachtwoord: str) -> list[dict]:
    """Meld aan zoals het formulier doet (GET /login voor het CSRF-token, dan POST) en geef de
    cookies in Playwright-vorm."""
    import http.cookiejar
    import re
    import urllib.parse

    pot = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(pot))
    with opener.open(app_url + "/login", timeout=30) as antwoord:
        html = antwoord.read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]
    data = urllib.parse.urlencode({"csrf_token": token, "email": email, "wachtwoord": wachtwoord}).encode()
    with opener.open(app_url + "/login", data=data, timeout=30) as antwoord:
        assert antwoord.status == 200 and not antwoord.url.endswith("/login"), "aanmelden mislukt"
    return [
        {"name": c.name, "value": c.value, "domain": c.domain, "path": c.path, "httpOnly": c.name == "session",
         "secure": False, "sameSite": "Lax"}
        for c in pot
    ]


class VerseSessies:
    """``sessiecookies[rol]`` meldt telkens opnieuw aan en geeft de cookies van die nieuwe sessie.
    Uitloggen beëindigt alle sessies van een gebruiker; zo raakt een test die uitlogt de andere niet."""

    def __init__(self, app_url: str):
        self.app_url = app_url

    def __getitem__(self, rol: str) -> list[dict]:
        return meld_aan_via_http(self.app_url, demo_email(rol), f"demo-{rol}")


@pytest.fixture(scope="session")
def sessiecookies(app_url) -> VerseSessies:
    return VerseSessies(app_url)


def wissel_rol(page, sessiecookies, rol: str | None) -> None:
    """Meld de browsercontext aan als ``rol`` (of af met ``None``). Eerst weg van de pagina: een
    Dash-antwoord dat nog onderweg is, zou anders de cookie van de vorige rol terugzetten."""
    if page.url not in ("", "about:blank"):
        page.goto("about:blank")
    page.context.clear_cookies()
    if rol is not None:
        page.context.add_cookies(sessiecookies[rol])


@pytest.fixture
def pagina(page, request, sessiecookies):
    """Playwright-``page`` die consolefouten verzamelt; de test faalt als er een is.

    Aangemeld als raadslid (alleen lezen); ``wissel_rol`` meldt aan als een andere rol.
    """
    wissel_rol(page, sessiecookies, "raadslid")
    fouten: list[str] = []
    page.on("console", lambda bericht: fouten.append(f"console.{bericht.type}: {bericht.text}")
            if bericht.type == "error" else None)
    page.on("pageerror", lambda fout: fouten.append(f"pageerror: {fout}"))
    yield page
    rapport = getattr(request.node, "rapport_call", None)
    if rapport is not None and rapport.failed:
        RESULTATEN.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTATEN / f"{request.node.name}.png"), full_page=True)
    assert not fouten, "Fouten in de browserconsole:\n" + "\n".join(fouten)


def axe_ernstige_schendingen(page) -> list[str]:
    """Voer axe-core uit; geef de schendingen met impact 'serious' of 'critical'."""
    from axe_playwright_python.sync_playwright import Axe

    resultaat = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in resultaat.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
