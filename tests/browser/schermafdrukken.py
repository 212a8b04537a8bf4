"""Schermafdrukken van pagina's op 1920×1080 en 1280×720, om zelf naar te kijken.

Gebruik: ``.venv/bin/python -m tests.browser.schermafdrukken [--rol ROL] [URL] [pad ...]``
Zonder URL start het script de app zelf (demo, SQLite in een tijdelijke map). Het meldt aan met
het demo-account van ``ROL`` (standaard raadslid); ``/login`` toont de aanmeldpagina zelf.
De PNG-bestanden komen in ``screenshots/`` (niet in git).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_MAP,
    _vrije_poort,
    _wacht_op,
    demo_email,
    meld_aan_via_http,
)

MATEN = [(1920, 1080), (1280, 720)]
STANDAARD_PADEN = ["/", "/wijk/kerkelanden?ambitie=3", "/presentatie"]


def maak(url: str, paden: list[str], map_: Path, rol: str = "raadslid") -> list[Path]:
    map_.mkdir(exist_ok=True)
    bestanden = []
    cookies = meld_aan_via_http(url, demo_email(rol), f"demo-{rol}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for breedte, hoogte in MATEN:
            pagina = browser.new_page(viewport={"width": breedte, "height": hoogte}, locale="nl-NL")
            for pad in paden:
                pagina.context.clear_cookies()
                if not pad.startswith(("/login", "/logout")):
                    pagina.context.add_cookies(cookies)
                pagina.goto(url + pad)
                if not pad.startswith(("/login", "/logout")):
                    pagina.wait_for_selector("#_pages_content *", timeout=60_000)
                pagina.wait_for_load_state("networkidle")
                pagina.wait_for_timeout(800)  # grafieken tekenen na de laatste respons
                naam = (("" if rol == "raadslid" else rol + "_") + pad.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "overzicht")
                bestand = map_ / f"{naam}_{breedte}x{hoogte}.png"
                pagina.screenshot(path=str(bestand))
                bestanden.append(bestand)
            pagina.close()
        browser.close()
    return bestanden


def main() -> None:
    args = sys.argv[1:]
    rol = "raadslid"
    if args and args[0] == "--rol":
        rol = args[1]
        args = args[2:]
    url = args.pop(0) if args and args[0].startswith("http") else None
    paden = args or STANDAARD_PADEN
    doel = PROJECT_MAP / "screenshots"
    if url:
        print("\n".join(map(str, maak(url, paden, doel, rol))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        poort = _vrije_poort()
        env = {**os.environ, "WIJK_MODE": "demo", "WIJK_INSTANCE_MAP": tmp,
               "DATABASE_URL": f"sqlite:///{tmp}/wijkaanpak.db"}
        proces = subprocess.Popen([sys.executable, "-m", "dashboard", "run", "--port", str(poort)],
                                  cwd=PROJECT_MAP, env=env)
        try:
            _wacht_op(f"http://127.0.0.1:{poort}/gezond", proces)
            print("\n".join(map(str, maak(f"http://127.0.0.1:{poort}", paden, doel, rol))))
        finally:
            proces.terminate()
            proces.wait(timeout=10)


if __name__ == "__main__":
    main()
