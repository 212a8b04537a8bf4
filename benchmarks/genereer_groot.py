"""Genereer de G4-dataset (``seed.groot``) in bulk en meet hoe lang dat duurt, op SQLite en PostgreSQL.

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.genereer_groot [--runs 1] [--fractie 1.0] [--alleen sqlite|postgresql]
                                                  [--zonder-laadmodus]

Elke run begint met een verse, gemigreerde database: SQLite in een tijdelijke map, PostgreSQL in een
eigen database ``wijk_groot_<willekeurig>`` die na afloop weer wordt verwijderd (nooit de database van
de tests). De PostgreSQL-server komt uit ``WIJK_BENCH_POSTGRES_URL`` of anders ``WIJK_TEST_POSTGRES_URL``
(alleen server en gebruiker worden gebruikt); zonder beide alleen SQLite.

Gemeten: ``seed.groot.laad_groot`` (``genereer_groot`` + commit, op SQLite met ``journal_mode=DELETE``
tijdens het laden), van lege database tot alles vastgelegd, per stap en in totaal: kloktijd en de
processortijd van dit proces (zegt meer als de machine druk is; het werk van de PostgreSQL-server telt
daar niet in mee). Plus het aantal rijen per tabel, de omvang van de database en het piekgeheugen.
``--zonder-laadmodus``: ``genereer_groot`` in een gewone sessie (SQLite in WAL, zoals de tests).
Bij meer runs: de mediaan. Niet voor CI: de volle omvang duurt minuten en schrijft enkele gigabytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head
from seed.groot import genereer_groot, laad_groot, omvang_g4

#: Tabellen waarvan de aantallen in het verslag komen (de rest staat in de volledige lijst).
HOOFDTABELLEN = ("wijk", "indicator", "meting", "melding", "maatregel", "toezegging", "uitgave")


def _nl(getal: float, decimalen: int = 0) -> str:
    tekst = f"{getal:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def _run(naam: str, url: str, fractie: float, vandaag: dt.date, laadmodus: bool) -> dict:
    engine = maak_engine(url)
    upgrade_head(engine)
    stappen: dict[str, tuple[float, float]] = {}  # stap → (kloktijd, processortijd)
    begin = vorige = (time.perf_counter(), time.process_time())

    def voortgang(stap: str) -> None:
        nonlocal vorige
        nu = (time.perf_counter(), time.process_time())
        stappen[stap] = (nu[0] - vorige[0], nu[1] - vorige[1])
        vorige = nu
        print(f"  {naam}: {stap} {nu[0] - begin[0]:7.1f} s", flush=True)

    omvang = omvang_g4(fractie)
    if laadmodus:
        aantallen = laad_groot(engine, omvang, seed=2008, vandaag=vandaag, voortgang=voortgang)
    else:
        with maak_sessiefabriek(engine)() as sessie, sessie.begin():
            aantallen = genereer_groot(sessie, omvang, seed=2008, vandaag=vandaag, voortgang=voortgang)
    voortgang("commit")
    totaal = time.perf_counter() - begin[0]
    processor = time.process_time() - begin[1]
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            pad = Path(make_url(url).database or "")
            grootte = sum(p.stat().st_size for p in pad.parent.glob(pad.name + "*"))
        else:
            grootte = conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
    engine.dispose()
    print(f"  {naam}: totaal {totaal:.1f} s (processortijd {processor:.1f} s), database {grootte / 1e9:.2f} GB",
          flush=True)  # fmt: skip
    return {"totaal": totaal, "processor": processor, "stappen": stappen, "aantallen": aantallen, "grootte": grootte}


def _sqlite(map_: Path, fractie: float, vandaag: dt.date, laadmodus: bool) -> dict:
    pad = map_ / f"groot_{uuid.uuid4().hex[:8]}.db"
    try:
        return _run("sqlite", f"sqlite:///{pad}", fractie, vandaag, laadmodus)
    finally:
        for bestand in map_.glob(pad.name + "*"):
            bestand.unlink()


def _postgresql(server: str, fractie: float, vandaag: dt.date, laadmodus: bool) -> dict:
    naam = f"wijk_groot_{uuid.uuid4().hex[:8]}"
    beheer = maak_engine(make_url(server).set(database="postgres").render_as_string(hide_password=False))
    with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{naam}"'))
    try:
        return _run("postgresql", make_url(server).set(database=naam).render_as_string(hide_password=False),
                    fractie, vandaag, laadmodus)  # fmt: skip
    finally:
        with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE "{naam}" WITH (FORCE)'))
        beheer.dispose()


def _verslag(naam: str, runs: list[dict]) -> None:
    tijden = [r["totaal"] for r in runs]
    laatste = runs[-1]
    print(f"\n### {naam}: mediaan {_nl(statistics.median(tijden), 1)} s over {len(runs)} run(s): "
          + " · ".join(_nl(t, 1) for t in tijden)
          + f" (processortijd van dit proces, mediaan: {_nl(statistics.median(r['processor'] for r in runs), 1)} s)")
    print("\n| stap | kloktijd s (mediaan) | processortijd s (mediaan) |\n|---|---:|---:|")
    for stap in laatste["stappen"]:
        klok = statistics.median(r["stappen"][stap][0] for r in runs)
        cpu = statistics.median(r["stappen"][stap][1] for r in runs)
        print(f"| {stap} | {_nl(klok, 1)} | {_nl(cpu, 1)} |")
    print(f"\nDatabase {_nl(laatste['grootte'] / 1e9, 2)} GB. Rijen per tabel:\n\n| tabel | rijen |\n|---|---:|")
    aantallen = laatste["aantallen"]
    for tabel in (*HOOFDTABELLEN, *sorted(t for t in aantallen if t not in HOOFDTABELLEN)):
        if aantallen.get(tabel):
            print(f"| {tabel} | {_nl(aantallen[tabel])} |")
    print(f"| **totaal** | **{_nl(sum(aantallen.values()))}** |", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--fractie", type=float, default=1.0, help="deel van G4 (1.0 = de volle omvang)")
    p.add_argument("--alleen", choices=["sqlite", "postgresql"])
    p.add_argument("--zonder-laadmodus", action="store_true",
                   help="genereer_groot in een gewone sessie (SQLite blijft in WAL) in plaats van laad_groot")
    args = p.parse_args()
    vandaag = dt.date(2026, 11, 27)  # vaste peildatum: elke run doet hetzelfde werk
    server = os.environ.get("WIJK_BENCH_POSTGRES_URL") or os.environ.get("WIJK_TEST_POSTGRES_URL")
    print(f"G4 × {args.fractie}: {omvang_g4(args.fractie)}", flush=True)
    uitslagen: dict[str, list[dict]] = {}
    laadmodus = not args.zonder_laadmodus
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            if args.alleen in (None, "sqlite"):
                uitslagen.setdefault("SQLite", []).append(_sqlite(Path(tmp), args.fractie, vandaag, laadmodus))
            if args.alleen in (None, "postgresql") and server:
                uitslagen.setdefault("PostgreSQL", []).append(_postgresql(server, args.fractie, vandaag, laadmodus))
    for naam, runs in uitslagen.items():
        _verslag(naam, runs)
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPiekgeheugen van het proces (RSS): {_nl(piek)} MB", flush=True)


if __name__ == "__main__":
    main()
