"""Import van 100.000 metingen uit CSV: hoe lang duurt het, van bestand tot commit?

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.import_metingen [--rijen 100000] [--runs 3]

Maakt een verse demodatabase (SQLite in een tijdelijke map; en PostgreSQL in een eigen schema als
``WIJK_TEST_POSTGRES_URL`` is gezet), voegt honderd extra indicatoren toe (kwartaalmetingen, zodat
er genoeg nieuwe sleutels zijn: 100 indicatoren × 12 wijken × 84 kwartalen 2000–2020) en schrijft
een CSV in Nederlandse notatie (``;``, ``12,5``, ``31-03-2005``). Elke run meet ``lees_bestand`` +
``importeer`` + commit als de beheerder (opdrachtregel); daarna worden de geïmporteerde rijen weer
verwijderd, zodat elke run hetzelfde werk doet. De uitvoer geeft de mediaan over ``--runs``.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select, text

from datalaag.autorisatie import Actor
from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head
from datalaag.importeren import importeer, lees_bestand
from datalaag.models import Ambitie, Indicator, Wijk
from seed.demo import genereer_demo

PREFIX = "Benchmarkindicator"


def _bereid_voor(url: str) -> list[str]:
    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as s, s.begin():
        genereer_demo(s, schaal=1, seed=2008, vandaag=dt.date.today())
        ambitie = s.scalars(select(Ambitie).order_by(Ambitie.nummer)).first()
        s.add_all([Indicator(naam=f"{PREFIX} {i:03d}", eenheid="aantal", ambitie_id=ambitie.id, bron="benchmark",
                             richting="lager_is_beter", is_telling=False, meetfrequentie_maanden=3)
                   for i in range(100)])
        wijken = list(s.scalars(select(Wijk.naam).order_by(Wijk.naam)))
    engine.dispose()
    return wijken


def _schrijf_csv(pad: Path, wijken: list[str], rijen: int) -> None:
    kwartalen = [dt.date(j, m, calendar.monthrange(j, m)[1]) for j in range(2000, 2021) for m in (3, 6, 9, 12)]
    regels = ["wijk;indicator;peildatum;waarde;periode;bron"]
    n = 0
    for i in range(100):
        for w, wijk in enumerate(wijken):
            for k, peildatum in enumerate(kwartalen):
                if n == rijen:
                    break
                waarde = f"{(i * 7 + w * 13 + k) % 1000},{k % 10}"
                regels.append(f"{wijk};{PREFIX} {i:03d};{peildatum:%d-%m-%Y};{waarde};kwartaal;benchmark")
                n += 1
    if n < rijen:
        raise SystemExit(f"maximaal {n} rijen mogelijk")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def _run(url: str, pad: Path) -> tuple[float, int]:
    engine = maak_engine(url)
    fabriek = maak_sessiefabriek(engine)
    begin = time.perf_counter()
    with fabriek() as s, s.begin():
        verslag = importeer(s, Actor.opdrachtregel(), "metingen", lees_bestand(pad), proef=False)
    duur = time.perf_counter() - begin
    if verslag.fouten:
        raise SystemExit("\n".join(str(f) for f in verslag.fouten[:10]))
    with engine.begin() as conn:  # opruimen voor de volgende run (buiten de app om)
        conn.execute(text("DELETE FROM meting WHERE indicator_id IN "
                          "(SELECT id FROM indicator WHERE naam LIKE :p)"), {"p": f"{PREFIX}%"})
        conn.execute(text("DELETE FROM mutatie WHERE entiteit = 'import'"))
    engine.dispose()
    return duur, verslag.toegevoegd


def _meet(naam: str, url: str, rijen: int, runs: int, map_: Path) -> None:
    wijken = _bereid_voor(url)
    pad = map_ / f"metingen_{naam}.csv"
    _schrijf_csv(pad, wijken, rijen)
    tijden = []
    for _ in range(runs):
        duur, toegevoegd = _run(url, pad)
        assert toegevoegd == rijen, toegevoegd
        tijden.append(duur)
        print(f"{naam}: {duur:.1f} s", flush=True)
    print(f"{naam}: mediaan {statistics.median(tijden):.1f} s voor {rijen:,} rijen "
          f"({pad.stat().st_size / 1e6:.1f} MB)".replace(",", "."), flush=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rijen", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        _meet("sqlite", f"sqlite:///{map_}/bench.db", args.rijen, args.runs, map_)
        pg = os.environ.get("WIJK_TEST_POSTGRES_URL")
        if pg:
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            beheer = maak_engine(pg)
            with beheer.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                scheiding = "&" if "?" in pg else "?"
                _meet("postgresql", f"{pg}{scheiding}options=-csearch_path%3D{schema}", args.rijen, args.runs, map_)
            finally:
                with beheer.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                beheer.dispose()


if __name__ == "__main__":
    main()
