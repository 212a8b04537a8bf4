"""Tijd van navigatie tot alle grafieken getekend zijn, in headless Chromium (issue 8).

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.tijd_tot_grafieken [--database-url URL] [--schaal demo|g4] [--runs 5]
        [--redis redis://127.0.0.1:6379/14] [--json uit.json] [--pagina overzicht ...]

De app draait zoals in productie onder gunicorn (``--preload``, 2 workers, vrije poort op 127.0.0.1) op de
database van ``--database-url`` (standaard: een verse SQLite-database met de demo; een bestaande database wordt
niet gemigreerd). Per pagina en per run:

- *koud*: een nieuwe browsercontext (lege cache, aangemeld als raadslid), ``page.goto``;
- *warm*: in dezelfde context nog een keer naar hetzelfde adres (JS en CSS uit de cache, de Dash-verzoeken
  opnieuw).

Gemeten wordt de tijd vanaf de navigatie (``performance.now()``, 0 = start van de navigatie) tot het moment
waarop de pagina klaar is: de inhoud staat er, er loopt geen ``/_dash-update-component`` meer, niets is meer
"loading" en elke grafiek (``dcc.Graph``) heeft haar ``.main-svg``; dat moet 300 ms zo blijven (die wachttijd
telt niet mee; na 120 s is het een time-out: die run wordt één keer overgedaan, een tweede time-out is een
fout). De uitvoer geeft de mediaan (en het maximum) over ``--runs``. Doel (issue 8): ≤ 1,5 s op
demoschaal. Ter vergelijking de vloer van Dash op deze machine (TOOLCHAIN.md): een Dash-app met één grafiek
ongeveer 3,5 s koud en 0,65 s warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import _gemeen as g


def meet_pagina(browser, basis: str, pad: str, cookies: list[dict]) -> tuple[float, float, int]:
    """(koud ms, warm ms, aantal grafieken) voor één run."""
    context = g.nieuwe_context(browser, cookies)
    fouten: list[str] = []
    try:
        pagina = context.new_page()
        pagina.on("pageerror", lambda fout: fouten.append(str(fout)))
        pagina.goto(basis + pad, wait_until="commit")
        koud = g.wacht_tot_klaar(pagina)
        grafieken = pagina.locator(".dash-graph").count()
        pagina.goto(basis + pad, wait_until="commit")
        warm = g.wacht_tot_klaar(pagina)
    finally:
        context.close()
    if fouten:
        raise RuntimeError(f"{pad}: JavaScript-fout: {fouten[0][:300]}")
    return koud, warm, grafieken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="bestaande (of lege) database; standaard: verse SQLite met de demo")
    parser.add_argument("--schaal", choices=("demo", "g4"), default="demo")
    parser.add_argument("--runs", type=int, default=5, help="runs per pagina (standaard 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers (standaard 2)")
    parser.add_argument("--redis", metavar="URL", help="REDIS_URL voor de app (cache aan)")
    parser.add_argument("--json", metavar="BESTAND")
    parser.add_argument("--pagina", action="append", choices=[p for p, _ in g.PAGINAS])
    parser.add_argument("--migreer", action="store_true", help="een bestaande database wel migreren")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    rijen, fouten, herhaald = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench_grafieken_") as tmp:
        url, nieuw = g.bereid_database_voor(args.database_url, args.schaal, tmp, args.migreer)
        poort = g.vrije_poort()
        proces, log = g.start_gunicorn(url, tmp, poort, args.workers, args.redis, args.migreer or nieuw)
        try:
            g.wacht_op_server(poort, proces, 600, f"{tmp}/gunicorn.log")
            basis = f"http://127.0.0.1:{poort}"
            paginas = g.paginalijst(url, args.pagina)
            cookies = g.playwright_cookies(basis)
            with sync_playwright() as pw:
                browser = g.start_chromium(pw)
                try:
                    meet_pagina(browser, basis, paginas[0][1], cookies)  # opwarmen (server, bundels op schijf)
                    for naam, pad in paginas:
                        koud, warm, n = [], [], 0
                        try:
                            for _ in range(args.runs):
                                try:
                                    k, w, n = meet_pagina(browser, basis, pad, cookies)
                                except TimeoutError as exc:
                                    # Eén keer opnieuw (nieuwe context); de eerste time-out staat in de uitvoer.
                                    print(f"  {pad}: {str(exc)[:300]}; opnieuw", flush=True)
                                    herhaald.append(f"{pad}: {str(exc)[:300]}")
                                    k, w, n = meet_pagina(browser, basis, pad, cookies)
                                koud.append(k)
                                warm.append(w)
                        except Exception as exc:  # noqa: BLE001 - meld per pagina, ga door
                            fouten.append(f"{pad}: {type(exc).__name__}: {str(exc)[:300]}")
                            continue
                        rij = {"naam": naam, "pad": pad, "grafieken": n,
                               "koud_p50_ms": statistics.median(koud), "koud_max_ms": max(koud),
                               "warm_p50_ms": statistics.median(warm), "warm_max_ms": max(warm),
                               "koud_ms": koud, "warm_ms": warm}
                        rij["doel_koud"] = rij["koud_p50_ms"] <= g.DOEL_GRAFIEKEN_MS
                        rij["doel_warm"] = rij["warm_p50_ms"] <= g.DOEL_GRAFIEKEN_MS
                        rijen.append(rij)
                        print(f"  {pad}: koud {g.getal(rij['koud_p50_ms'])} ms, warm {g.getal(rij['warm_p50_ms'])} ms",
                              flush=True)
                finally:
                    browser.close()
        finally:
            g.stop(proces)
            log.close()

    db = "PostgreSQL" if g.is_postgres(url) else "SQLite"
    cache = "cache aan (Redis)" if args.redis else "cache uit"
    kop = (f"Tijd tot grafieken, schaal {args.schaal}, {db}, gunicorn -w {args.workers}, {cache}; mediaan van "
           f"{args.runs}; {g.vandaag_tekst()}; belasting (1/5 min) {g.belasting_nu()}")
    regels = [kop, "", "| pagina | grafieken | koud p50 (ms) | koud max (ms) | warm p50 (ms) | warm max (ms) | "
              "koud ≤ 1,5 s | warm ≤ 1,5 s |", "|---|---:|---:|---:|---:|---:|:-:|:-:|"]
    for r in rijen:
        regels.append(f"| `{r['pad']}` | {r['grafieken']} | {g.getal(r['koud_p50_ms'])} | {g.getal(r['koud_max_ms'])} | "
                      f"{g.getal(r['warm_p50_ms'])} | {g.getal(r['warm_max_ms'])} | {g.ja_nee(r['doel_koud'])} | "
                      f"{g.ja_nee(r['doel_warm'])} |")
    tabel = "\n".join(regels)
    print()
    print(tabel)
    if fouten:
        print("\nFOUTEN:")
        for f in fouten:
            print("  " + f)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "script": "tijd_tot_grafieken", "schaal": args.schaal, "database": db, "redis": bool(args.redis),
            "runs": args.runs, "datum": g.vandaag_tekst(), "belasting": g.belasting_nu(),
            "commando": g.commando("tijd_tot_grafieken"), "paginas": rijen, "fouten": fouten,
            "herhaald_na_timeout": herhaald, "tabel": tabel}, indent=1))
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
