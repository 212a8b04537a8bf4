"""Bytes naar de browser voor de wijkpagina ``/wijk/<slug>``.

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.pagina_bytes [--runs 3] [slug ...]

Start de app (demo, SQLite in een tijdelijke map, vrije poort) zoals de browsertests, laadt
``/wijk/<slug>`` voor drie wijken in headless Chromium (Playwright) met een lege cache en telt per
laadbeurt:

- *paginadata*: de bytes van de antwoorden op de Dash-verzoeken die de pagina-inhoud dragen
  (``/_dash-layout`` en ``/_dash-update-component``);
- *totaal*: alle overgedragen bytes van de eerste laadbeurt, inclusief HTML, CSS en JS-bundels.

Bytes zijn de lengte van de antwoord-body zoals de server hem stuurt (de app comprimeert niet).
Elke meting gebeurt in een nieuwe browsercontext (lege cache); de uitvoer geeft de mediaan over
``--runs`` laadbeurten per wijk.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

from playwright.sync_api import sync_playwright

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_MAP,
    _vrije_poort,
    _wacht_op,
    meld_aan_via_http,
)

STANDAARD_WIJKEN = ["kerkelanden", "sluitersveld", "de-riet"]
PAGINADATA = ("/_dash-layout", "/_dash-update-component")


def meet(browser, url: str, cookies: list[dict]) -> tuple[int, int]:
    """(paginadata, totaal) in bytes voor één laadbeurt met lege cache (aangemeld als raadslid)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    context.add_cookies(cookies)
    pagina = context.new_page()
    antwoorden = []
    pagina.on("response", lambda antwoord: antwoorden.append(antwoord))
    pagina.goto(url)
    pagina.locator("#wijk-titel").wait_for(timeout=60_000)
    pagina.wait_for_load_state("networkidle")
    data = totaal = 0
    for antwoord in antwoorden:
        try:
            grootte = len(antwoord.body())
        except Exception:  # noqa: BLE001 - bijv. een redirect zonder body
            grootte = 0
        totaal += grootte
        if any(pad in antwoord.url for pad in PAGINADATA):
            data += grootte
    context.close()
    return data, totaal


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("wijken", nargs="*", default=STANDAARD_WIJKEN)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        poort = _vrije_poort()
        env = {**os.environ, "WIJK_MODE": "demo", "WIJK_INSTANCE_MAP": tmp,
               "DATABASE_URL": f"sqlite:///{tmp}/wijkaanpak.db"}
        log = open(f"{tmp}/server.log", "w")  # noqa: SIM115 - open zolang de server draait
        proces = subprocess.Popen([sys.executable, "-m", "dashboard", "run", "--port", str(poort)],
                                  cwd=PROJECT_MAP, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            basis = f"http://127.0.0.1:{poort}"
            _wacht_op(f"{basis}/gezond", proces)
            cookies = meld_aan_via_http(basis, "raadslid@demo.almelo.nl", "demo-raadslid")
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                meet(browser, f"{basis}/wijk/{args.wijken[0]}", cookies)  # opwarmen (server-caches, bundels)
                print("| pagina | paginadata (kB, mediaan) | totaal eerste laadbeurt (kB, mediaan) |")
                print("|---|---:|---:|")
                for slug in args.wijken:
                    metingen = [meet(browser, f"{basis}/wijk/{slug}", cookies) for _ in range(args.runs)]
                    data = statistics.median(m[0] for m in metingen)
                    totaal = statistics.median(m[1] for m in metingen)
                    print(f"| `/wijk/{slug}` | {_kb(data)} | {_kb(totaal)} |", flush=True)
                browser.close()
        finally:
            proces.terminate()
            try:
                proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proces.kill()
            log.close()


if __name__ == "__main__":
    main()
