"""Servertijd en bytes van de acht leespagina's, tegen de kale SQL eronder (issue 8).

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.pagina_callbacks [--database-url URL] [--schaal demo|g4] [--runs 20]
        [--redis redis://127.0.0.1:6379/14] [--json uit.json] [--pagina overzicht --pagina wijk ...]

Werkwijze:

1. De app wordt in dit proces gemaakt (``dashboard.create_app(Config(...))``, demomodus) op de database van
   ``--database-url``; zonder die optie op een verse SQLite-database met de demo in een tijdelijke map. Een lege
   database (ook een nog niet bestaande PostgreSQL-database) wordt eerst gevuld: ``--schaal demo`` met de demo,
   ``--schaal g4`` met ``seed --demo --schaal g4``. Een gevulde database wordt alleen gelezen (geen migratie,
   tenzij ``--migreer``); alleen het aanmelden schrijft (aanmeldpoging, sessie).
2. Opnemen: elke pagina wordt één keer geladen in headless Chromium (aangemeld als raadslid, lege cache); de
   ``/_dash-update-component``-verzoeken die ze bij het laden doet, worden bewaard (body en volgorde).
3. Naspelen: per laadbeurt ``GET /_dash-layout`` en daarna elk opgenomen verzoek, in volgorde, via
   ``server.test_client()`` (aangemeld, met het CSRF-token in ``X-CSRFToken`` zoals de Dash-renderer). Eén
   opwarmronde (niet meegeteld, wel apart gerapporteerd als "eerste"), dan ``--runs`` laadbeurten per pagina
   (kost een pagina meer dan ``--max-seconden``, dan stopt ze eerder, na minstens drie; de tabel noemt het aantal).
   *Laadbeurt* = layout + alle callbacks na elkaar: de servertijd die één paginabezoek kost (de browser stuurt
   sommige tegelijk, dus de wachttijd van een gebruiker is korter; de serverbelasting niet).
4. Bytes naar de browser = de antwoord-bodies van layout + callbacks (de app comprimeert niet). De eenmalige
   JS- en CSS-bundels worden apart gemeld (uit de opname in Chromium).
5. SQL-vloer: per pagina de kale SQL-aggregaten (in dit script, ``text()``) die de hoofdcijfers van die pagina
   berekenen, na elkaar op één verbinding, even vaak gemeten. Verhouding = p50 laadbeurt / p50 vloer.

Met ``--redis`` draait de app met ``REDIS_URL`` (cache aan; de opwarmronde vult de cache, dus de gemeten runs
zijn *warm*); zonder is de cache uit (*koud*: elke laadbeurt rekent alles opnieuw). Doelen (issue 8): p95 van een
laadbeurt ≤ 150 ms (demo) of ≤ 1 s (G4), hoogstens 3× de SQL-vloer, ≤ 300 kB per pagina. Exitcode 1 als een
pagina een fout gaf (geen 200/204 of een foutmelding); de tijden zelf laten het script nooit falen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import _gemeen as g

# --------------------------------------------------------------------------- SQL-vloer per pagina


def _jaar_sql(kolom: str, postgres: bool) -> str:
    return f"CAST(EXTRACT(YEAR FROM {kolom}) AS INTEGER)" if postgres else f"CAST(strftime('%Y', {kolom}) AS INTEGER)"


def _maand_sql(kolom: str, postgres: bool) -> str:
    return f"to_char({kolom}, 'YYYY-MM')" if postgres else f"strftime('%Y-%m', {kolom})"


SCORES = """
SELECT wijk_id, ambitie_id, waardering FROM (
  SELECT e.wijk_id, ea.ambitie_id, ea.waardering,
         ROW_NUMBER() OVER (PARTITION BY e.wijk_id, ea.ambitie_id
                            ORDER BY CASE e.status WHEN 'vastgesteld' THEN 0 ELSE 1 END, e.jaar DESC) AS rn
  FROM evaluatie e JOIN evaluatie_ambitie ea ON ea.evaluatie_id = e.id
  WHERE e.status IN ('vastgesteld', 'ingediend') AND e.jaar <= :jaar AND ea.waardering IS NOT NULL) t
WHERE rn = 1"""


def vloer_queries(postgres: bool) -> dict[str, list[str]]:
    """De kale SQL per pagina: wat de pagina minstens moet uitrekenen (de hoofdcijfers, als aggregaten)."""
    jaar_u = _jaar_sql("u.datum", postgres)
    maand_m = _maand_sql("m.ontvangen_op", postgres)
    return {
        # KPI's (één rij tellingen en sommen) + heatmap wijk × ambitie (laatste score) + afhandeltijden.
        "overzicht": [
            """SELECT (SELECT COUNT(*) FROM wijk),
                      (SELECT COUNT(DISTINCT wijk_id) FROM wijkplan WHERE periode_van <= :jaar AND periode_tot >= :jaar
                         AND status IN ('vastgesteld', 'geevalueerd')),
                      (SELECT COALESCE(SUM(bedrag), 0) FROM oormerk WHERE jaar_van <= :jaar AND jaar_tot >= :jaar),
                      (SELECT COALESCE(SUM(bedrag), 0) FROM uitgave WHERE datum >= :start AND datum < :eind),
                      (SELECT COUNT(*) FROM maatregel WHERE status IN ('in_uitvoering', 'vertraagd')),
                      (SELECT COUNT(*) FROM melding WHERE ontvangen_op < :eind_ts
                         AND (afgehandeld_op IS NULL OR afgehandeld_op >= :eind_ts)),
                      (SELECT COUNT(*) FROM toezegging WHERE status = 'open'),
                      (SELECT COUNT(*) FROM toezegging WHERE status = 'open' AND termijn < :vandaag)""",
            SCORES,
            """SELECT categorie, afhandeltijd_werkdagen, COUNT(*) FROM melding
               WHERE ontvangen_op >= :start_ts AND ontvangen_op < :eind_ts AND afhandeltijd_werkdagen IS NOT NULL
               GROUP BY categorie, afhandeltijd_werkdagen""",
        ],
        # Eén wijk: doelstellingen van het nieuwste plan met hun metingen (de trendgrafieken), maatregelen per
        # status, oormerk tegen uitgaven, meldingen per categorie, ambitiescore per jaar.
        "wijk": [
            """SELECT d.id, d.nulmeting_waarde, d.streefwaarde, m.peildatum, m.waarde
               FROM doelstelling d JOIN meting m ON m.indicator_id = d.indicator_id AND m.wijk_id = :wijk
               WHERE d.wijkplan_id = :plan AND m.peildatum >= :trend_van""",
            """SELECT status, COUNT(*), AVG(voortgang), SUM(schatting_kosten) FROM maatregel
               WHERE wijkplan_id = :plan GROUP BY status""",
            """SELECT (SELECT COALESCE(SUM(bedrag), 0) FROM oormerk WHERE wijk_id = :wijk
                         AND jaar_van <= :jaar AND jaar_tot >= :jaar),
                      (SELECT COALESCE(SUM(bedrag), 0) FROM uitgave WHERE wijk_id = :wijk
                         AND datum >= :start AND datum < :eind)""",
            """SELECT categorie, COUNT(*), AVG(afhandeltijd_werkdagen) FROM melding
               WHERE wijk_id = :wijk AND ontvangen_op >= :start_ts AND ontvangen_op < :eind_ts GROUP BY categorie""",
            """SELECT e.jaar, ea.ambitie_id, ea.waardering FROM evaluatie e
               JOIN evaluatie_ambitie ea ON ea.evaluatie_id = e.id WHERE e.wijk_id = :wijk""",
        ],
        # Alle wijken naast elkaar: scores per ambitie, meldingen per 1.000 inwoners.
        "vergelijk": [
            SCORES,
            """SELECT m.wijk_id, COUNT(*) FROM melding m
               WHERE m.ontvangen_op >= :start_ts AND m.ontvangen_op < :eind_ts GROUP BY m.wijk_id""",
            """SELECT wijk_id, aantal FROM wijk_inwoners i
               WHERE jaar = (SELECT MAX(jaar) FROM wijk_inwoners i2 WHERE i2.wijk_id = i.wijk_id AND i2.jaar <= :jaar)""",
        ],
        # Eén indicator: de reeks per wijk en het stadsgemiddelde per peildatum, met de streefwaarden.
        "indicatoren": [
            """SELECT wijk_id, peildatum, waarde FROM meting WHERE indicator_id = :indicator""",
            """SELECT peildatum, AVG(waarde) FROM meting WHERE indicator_id = :indicator GROUP BY peildatum""",
            """SELECT d.wijkplan_id, d.nulmeting_waarde, d.nulmeting_jaar, d.streefwaarde, d.streefjaar
               FROM doelstelling d WHERE d.indicator_id = :indicator""",
        ],
        # Oormerk tegen uitgaven per wijk in het jaar, plus de uitgaven per jaar (trend).
        "budget": [
            """SELECT wijk_id, SUM(bedrag) FROM oormerk WHERE jaar_van <= :jaar AND jaar_tot >= :jaar GROUP BY wijk_id""",
            """SELECT wijk_id, SUM(bedrag) FROM uitgave WHERE datum >= :start AND datum < :eind GROUP BY wijk_id""",
            f"""SELECT {jaar_u} AS j, SUM(u.bedrag) FROM uitgave u GROUP BY j""",
        ],
        # Maatregelen per status en per ambitie (voortgang), en de eerste pagina van de lijst.
        "projecten": [
            """SELECT status, COUNT(*), AVG(voortgang) FROM maatregel GROUP BY status""",
            """SELECT ambitie_id, COUNT(*), AVG(voortgang) FROM maatregel GROUP BY ambitie_id""",
            """SELECT id, naam, status, voortgang, eind FROM maatregel ORDER BY eind DESC, id LIMIT 25""",
        ],
        # Meldingen in het jaar per maand × categorie, afhandeltijd per categorie, open, eerste gridpagina.
        "meldingen": [
            f"""SELECT {maand_m} AS maand, m.categorie, COUNT(*) FROM melding m
                WHERE m.ontvangen_op >= :start_ts AND m.ontvangen_op < :eind_ts GROUP BY maand, m.categorie""",
            """SELECT categorie, AVG(afhandeltijd_werkdagen), COUNT(*) FROM melding
               WHERE ontvangen_op >= :start_ts AND ontvangen_op < :eind_ts AND afgehandeld_op IS NOT NULL
               GROUP BY categorie""",
            """SELECT COUNT(*) FROM melding WHERE afgehandeld_op IS NULL""",
            """SELECT id, wijk_id, categorie, status, ontvangen_op FROM melding
               WHERE ontvangen_op >= :start_ts AND ontvangen_op < :eind_ts ORDER BY ontvangen_op DESC LIMIT 50""",
        ],
        # De toezeggingenlijst: tellingen per status (en te laat) en de open toezeggingen.
        "toezeggingen": [
            """SELECT status, COUNT(*), SUM(CASE WHEN status = 'open' AND termijn < :vandaag THEN 1 ELSE 0 END)
               FROM toezegging GROUP BY status""",
            """SELECT id, nummer, onderwerp, portefeuillehouder, termijn FROM toezegging
               WHERE status = 'open' ORDER BY termijn""",
        ],
    }


def vloer_parameters(conn, slug: str) -> dict:
    vandaag = dt.date.today()
    jaar = vandaag.year
    wijk = conn.execute(text("SELECT id FROM wijk WHERE slug = :s"), {"s": slug}).scalar_one()
    plan = conn.execute(text("SELECT id FROM wijkplan WHERE wijk_id = :w ORDER BY periode_van DESC LIMIT 1"),
                        {"w": wijk}).scalar()
    nul = conn.execute(text("SELECT MIN(nulmeting_jaar) FROM doelstelling WHERE wijkplan_id = :p"),
                       {"p": plan}).scalar() or jaar - 5
    indicator = conn.execute(text(
        "SELECT i.id FROM indicator i JOIN ambitie a ON a.id = i.ambitie_id ORDER BY a.nummer, i.id LIMIT 1")).scalar()
    return {
        "jaar": jaar, "vandaag": vandaag, "start": dt.date(jaar, 1, 1), "eind": dt.date(jaar + 1, 1, 1),
        "start_ts": dt.datetime(jaar, 1, 1), "eind_ts": dt.datetime(jaar + 1, 1, 1),
        "wijk": wijk, "plan": plan, "trend_van": dt.date(nul - 1, 1, 1), "indicator": indicator,
    }


def meet_vloer(url: str, slug: str, runs: dict[str, int]) -> dict[str, list[float]]:
    """ms per pagina per run (``runs``: pagina → aantal, zoals bij het naspelen): alle vloerqueries van die pagina
    na elkaar, rijen opgehaald."""
    engine = create_engine(url)
    queries = vloer_queries(g.is_postgres(url))
    uit: dict[str, list[float]] = {}
    try:
        with engine.connect() as conn:
            params = vloer_parameters(conn, slug)

            def een_keer(naam: str) -> float:
                begin = g.klok()
                for sql in queries[naam]:
                    stmt = text(sql)
                    nodig = {k: v for k, v in params.items() if f":{k}" in sql}
                    conn.execute(stmt, nodig).fetchall()
                conn.rollback()
                return (g.klok() - begin) * 1000

            for naam, n in runs.items():
                een_keer(naam)  # opwarmen
                uit[naam] = [een_keer(naam) for _ in range(n)]
    finally:
        engine.dispose()
    return uit


# --------------------------------------------------------------------------- naspelen


def speel_na(server, opnames: list[g.Opname], runs: int, max_seconden: float) -> tuple[dict, list[str]]:
    """Speel elke opname ``runs`` keer na (plus één opwarmronde); geeft metingen per pagina en fouten. Kost een
    pagina meer dan ``max_seconden``, dan stopt ze na minstens drie gemeten runs."""
    klant, token = g.meld_aan_testclient(server, "raadslid")
    kop = {g.CSRF_HEADER: token, "Content-Type": "application/json"}
    fouten: list[str] = []
    resultaten = {}
    for opname in opnames:
        bodies = [json.dumps(b).encode() for b in opname.callbacks]
        rondes = []
        start = g.klok()
        for ronde in range(runs + 1):
            if ronde > 3 and g.klok() - start > max_seconden:
                break
            begin = g.klok()
            antwoord = klant.get(g.DASH_LAYOUT)
            layout_ms = (g.klok() - begin) * 1000
            layout_bytes = len(antwoord.data)
            if (fout := g.dash_fout(antwoord.status_code, antwoord.data)) is not None:
                fouten.append(f"{opname.pad} layout: {fout}")
            per_callback = []
            for i, body in enumerate(bodies):
                begin = g.klok()
                antwoord = klant.post(g.DASH_CALLBACK, data=body, headers=kop)
                ms = (g.klok() - begin) * 1000
                data = antwoord.data
                if (fout := g.dash_fout(antwoord.status_code, data)) is not None and ronde == 0:
                    fouten.append(f"{opname.pad} callback {i} ({opname.callbacks[i].get('output', '')[:60]}): {fout}")
                per_callback.append((ms, len(data)))
            rondes.append({"layout_ms": layout_ms, "layout_bytes": layout_bytes, "callbacks": per_callback})
        resultaten[opname.naam] = rondes
        tijden = sorted(r["layout_ms"] + sum(ms for ms, _ in r["callbacks"]) for r in rondes[1:])
        print(f"  nagespeeld {opname.pad}: {len(rondes) - 1} runs, p50 {g.getal(g.percentiel(tijden, 50))} ms",
              flush=True)
    return resultaten, fouten


def vat_samen(opnames, resultaten, vloer, schaal: str, bundels: int) -> list[dict]:
    rijen = []
    for opname in opnames:
        rondes = resultaten[opname.naam]
        n = len(rondes) - 1
        eerste, gemeten = rondes[0], rondes[1:]
        laad = [r["layout_ms"] + sum(ms for ms, _ in r["callbacks"]) for r in gemeten]
        alleen_cb = [sum(ms for ms, _ in r["callbacks"]) for r in gemeten]
        layout = [r["layout_ms"] for r in gemeten]
        bytes_cb = sum(b for _, b in gemeten[-1]["callbacks"])
        bytes_layout = gemeten[-1]["layout_bytes"]
        callbacks = []
        for i, body in enumerate(opname.callbacks):
            tijden = [r["callbacks"][i][0] for r in gemeten]
            callbacks.append({"output": body.get("output", ""), "p50_ms": g.percentiel(tijden, 50),
                              "p95_ms": g.percentiel(tijden, 95), "bytes": gemeten[-1]["callbacks"][i][1]})
        v = vloer.get(opname.naam, [])
        p50, p95 = g.percentiel(laad, 50), g.percentiel(laad, 95)
        v50 = g.percentiel(v, 50)
        verhouding = p50 / v50 if v50 else None
        rijen.append({
            "naam": opname.naam, "pad": opname.pad, "aantal_callbacks": len(opname.callbacks), "runs": n,
            "laadbeurt_p50_ms": p50, "laadbeurt_p95_ms": p95,
            "laadbeurt_eerste_ms": eerste["layout_ms"] + sum(ms for ms, _ in eerste["callbacks"]),
            "callbacks_p50_ms": g.percentiel(alleen_cb, 50), "layout_p50_ms": g.percentiel(layout, 50),
            "vloer_p50_ms": v50, "vloer_p95_ms": g.percentiel(v, 95), "verhouding": verhouding,
            "bytes_layout": bytes_layout, "bytes_callbacks": bytes_cb, "bytes": bytes_layout + bytes_cb,
            "browser_bytes": opname.browser_bytes,
            "doel_p95": p95 <= g.DOEL_P95_MS[schaal],
            "doel_verhouding": None if verhouding is None else verhouding <= g.DOEL_VERHOUDING,
            "doel_bytes": bytes_layout + bytes_cb <= g.DOEL_BYTES,
            "callbacks": callbacks, "runs_ms": laad, "vloer_runs_ms": v,
        })
    return rijen


def druk_tabel(rijen: list[dict], kop: str, schaal: str) -> str:
    regels = [kop, "",
              f"| pagina | callbacks | runs | p50 (ms) | p95 (ms) | eerste (ms) | SQL-vloer p50 (ms) | p50/vloer | "
              f"kB | p95 ≤ {g.getal(g.DOEL_P95_MS[schaal])} ms | ≤ 3× vloer | ≤ 300 kB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|"]
    for r in rijen:
        regels.append(
            f"| `{r['pad']}` | {r['aantal_callbacks']} | {r['runs']} | {g.getal(r['laadbeurt_p50_ms'])} | "
            f"{g.getal(r['laadbeurt_p95_ms'])} | {g.getal(r['laadbeurt_eerste_ms'])} | "
            f"{g.getal(r['vloer_p50_ms'], 1)} | "
            f"{'–' if r['verhouding'] is None else g.getal(r['verhouding'], 1) + '×'} | {g.kb(r['bytes'])} | "
            f"{g.ja_nee(r['doel_p95'])} | {g.ja_nee(r['doel_verhouding'])} | {g.ja_nee(r['doel_bytes'])} |")
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="bestaande (of lege) database; standaard: verse SQLite met de demo")
    parser.add_argument("--schaal", choices=("demo", "g4"), default="demo",
                        help="label en doel (150 ms of 1 s); bij een lege database ook wat er geladen wordt")
    parser.add_argument("--runs", type=int, default=20, help="gemeten laadbeurten per pagina (standaard 20)")
    parser.add_argument("--max-seconden", type=float, default=90,
                        help="per pagina: na zoveel seconden naspelen stoppen (minstens 3 runs; standaard 90)")
    parser.add_argument("--redis", metavar="URL", help="REDIS_URL voor de app (cache aan); zonder: cache uit")
    parser.add_argument("--json", metavar="BESTAND", help="schrijf alle cijfers ook als JSON")
    parser.add_argument("--pagina", action="append", choices=[p for p, _ in g.PAGINAS],
                        help="alleen deze pagina('s); herhaalbaar")
    parser.add_argument("--opname", metavar="BESTAND",
                        help="gebruik (of maak, als het niet bestaat) dit bestand met de opgenomen verzoeken")
    parser.add_argument("--migreer", action="store_true", help="breng een bestaande database naar de nieuwste migratie")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_callbacks_") as tmp:
        url, _ = g.bereid_database_voor(args.database_url, args.schaal, tmp, args.migreer)
        server = g.maak_app(url, tmp, args.redis, args.migreer)
        paginas = g.paginalijst(url, args.pagina)
        slug = next((p.rsplit("/", 1)[1] for n, p in paginas if n == "wijk"), g.grootste_wijk(url))

        if args.opname and Path(args.opname).exists():
            opnames = g.opnames_uit_json(json.loads(Path(args.opname).read_text()))
            opnames = [o for o in opnames if o.naam in {n for n, _ in paginas}]
        else:
            print("Opnemen in Chromium …", flush=True)
            draad = g.ServerThread(server)
            try:
                opnames = g.neem_op(draad.url, paginas, g.playwright_cookies(draad.url))
            finally:
                draad.stop()
            if args.opname:
                Path(args.opname).write_text(json.dumps(g.opnames_naar_json(opnames)))
        bundels = max((o.browser_bytes.get("bundels", 0) for o in opnames), default=0)

        print(f"Naspelen ({args.runs} runs + 1 opwarmronde per pagina) …", flush=True)
        resultaten, fouten = speel_na(server, opnames, args.runs, args.max_seconden)
        print("SQL-vloer meten …", flush=True)
        vloer = meet_vloer(url, slug, {o.naam: len(resultaten[o.naam]) - 1 for o in opnames})
        rijen = vat_samen(opnames, resultaten, vloer, args.schaal, bundels)

    db = "PostgreSQL" if g.is_postgres(url) else "SQLite"
    cache = "cache aan (Redis, warm)" if args.redis else "cache uit (koud)"
    kop = (f"Paginacallbacks, schaal {args.schaal}, {db}, {cache}; {args.runs} runs per pagina; "
           f"{g.vandaag_tekst()}; belasting (1/5 min) {g.belasting_nu()}")
    tabel = druk_tabel(rijen, kop, args.schaal)
    print()
    print(tabel)
    print(f"\nEenmalige JS/CSS-bundels (eerste laadbeurt, lege cache): {g.kb(bundels)} kB.")
    print("Per callback (p50 ms, bytes):")
    for r in rijen:
        delen = ", ".join(f"{c['output'][:40]} {g.getal(c['p50_ms'])} ms/{g.kb(c['bytes'])} kB" for c in r["callbacks"])
        print(f"  {r['pad']}: layout {g.getal(r['layout_p50_ms'])} ms/{g.kb(r['bytes_layout'])} kB; {delen}")
    if fouten:
        print("\nFOUTEN:")
        for f in fouten:
            print("  " + f)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "script": "pagina_callbacks", "schaal": args.schaal, "database": db, "redis": bool(args.redis),
            "runs": args.runs, "datum": g.vandaag_tekst(), "belasting": g.belasting_nu(),
            "commando": g.commando("pagina_callbacks"), "bundels_bytes": bundels, "paginas": rijen, "fouten": fouten,
            "tabel": tabel,
        }, indent=1, default=str))
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
