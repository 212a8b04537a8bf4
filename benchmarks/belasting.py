"""Belastingtest: gunicorn met 2 workers op PostgreSQL, 50 gelijktijdige gebruikers, 60 s (issue 8).

Gebruik (vanuit de projectmap)::

    .venv/bin/python -m benchmarks.belasting [--database-url URL] [--schaal demo|g4] [--duur 60]
        [--gebruikers 50] [--redis redis://127.0.0.1:6379/14] [--opname opname.json] [--json uit.json]

Opzet:

- Database: zonder ``--database-url`` een verse PostgreSQL-database ``wijk_belasting_<pid>`` op de server van
  ``WIJK_TEST_POSTGRES_URL`` (standaard 127.0.0.1:5432), gevuld met de demo (of met G4 bij ``--schaal g4``), na
  afloop verwijderd (``--behoud`` houdt haar). Met ``--database-url`` een bestaande database: de test schrijft
  alleen evaluaties in (wijk, jaar)-plekken van de demo-coördinator waar nog geen evaluatie was, en haalt die na
  afloop weer weg (evaluaties, hun regels en dossierregels; ``--behoud`` laat ze staan). Een bestaande database
  wordt niet gemigreerd.
- Server: ``gunicorn --preload -w 2 --bind 127.0.0.1:<vrije poort> 'dashboard:create_app()'`` (zie README,
  Productie; hier in demomodus voor de demo-accounts), met ``REDIS_URL`` als ``--redis`` gegeven is.
- De verzoeken van elke leespagina (HTML, ``/_dash-layout`` en de ``/_dash-update-component``-verzoeken bij
  het laden) komen uit een opname in Chromium, zoals ``benchmarks.pagina_callbacks`` die maakt (``--opname``:
  hergebruik dat bestand, of maak het hier).
- Gebruikers: threads met elk een eigen HTTP-verbinding en sessie (aangemeld met een demo-account; elke vijfde
  als coördinator). Aanmelden gebeurt vóór het meetvenster. Daarna, ``--duur`` seconden lang: kies een
  leespagina, laad haar (alle verzoeken na elkaar), denk 0,5–2 s. Van alle laadbeurten is ongeveer
  ``--schrijfkans`` (5%) een coördinator die een evaluatie opslaat via de echte formuliercallback: het formulier
  laden (``/invoer/evaluatie?wijk=…&jaar=…``, de versie uit ``evaluatie-basis``), één waardering wijzigen en
  "Opslaan als concept" posten (met CSRF-token en versie). Elke coördinator heeft een eigen plek, zodat er geen
  versieconflicten zijn; een conflict telt als fout.
- Na afloop: in de database controleren dat elke bevestigde opslag er is (per plek: de laatste bevestigde waarde,
  de versie = aantal bevestigde opslagen, één dossierregel per opslag).

Uitvoer: p50/p95/p99 van alle verzoeken (en per soort), verzoeken per seconde, fouten (geen 2xx, een Dash-
foutmelding of een verbindingsfout), opslagen verstuurd/bevestigd/aanwezig. Exitcode 1 bij een fout of een
ontbrekende opslag. Harde tijdgrens: na ``--duur`` + 60 s wordt alles gestopt. Alleen verkeer naar 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks import _gemeen as g

LEES_ROLLEN = ("raadslid", "wethouder", "griffie", "beheerder")
STANDAARD_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
EVALUATIE_PAD = "/invoer/evaluatie"
TIMEOUT = 60


# --------------------------------------------------------------------------- een gesimuleerde gebruiker
class Klant:
    """Eén browser: een HTTP-verbinding naar 127.0.0.1 met cookies."""

    def __init__(self, poort: int):
        self.poort = poort
        self.conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=TIMEOUT)
        self.cookies: dict[str, str] = {}

    def verzoek(self, methode: str, pad: str, body: bytes | None = None,
                kop: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
        koppen = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(kop or {})}
        for poging in range(2):
            try:
                self.conn.request(methode, pad, body=body, headers=koppen)
                antwoord = self.conn.getresponse()
                data = antwoord.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn (sync) sluit de verbinding na elk antwoord; bij een race opnieuw verbinden.
                self.conn.close()
                if poging:
                    raise
        for waarde in antwoord.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(waarde)
            for naam, morsel in c.items():
                self.cookies[naam] = morsel.value
        if antwoord.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return antwoord.status, data, dict(antwoord.headers)

    def meld_aan(self, rol: str) -> None:
        _, html, _ = self.verzoek("GET", "/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', html)[1].decode()
        body = urllib.parse.urlencode({"csrf_token": token, "email": g.demo_email(rol),
                                       "wachtwoord": f"demo-{rol}"}).encode()
        status, _, _ = self.verzoek("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise RuntimeError(f"aanmelden als {rol} mislukt: status {status}")
        self.verzoek("GET", g.DASH_LAYOUT)  # CSRF-cookie van de nieuwe sessie

    def dash(self, body: bytes) -> tuple[int, bytes]:
        status, data, _ = self.verzoek("POST", g.DASH_CALLBACK, body, {
            "Content-Type": "application/json", g.CSRF_HEADER: self.cookies.get(g.CSRF_COOKIE, "")})
        return status, data


@dataclass
class Meting:
    soort: str  # html, layout, callback, formulier, opslaan
    pad: str
    ms: float
    status: int
    fout: str | None
    t: float


@dataclass
class Plek:
    """Een (wijk, jaar) waar één coördinator-thread evaluaties opslaat."""

    wijk_id: int
    slug: str
    jaar: int
    slot: threading.Lock = field(default_factory=threading.Lock)
    bevestigd: list[tuple[str, str, int]] = field(default_factory=list)  # (veld, waarde, versie)
    verstuurd: int = 0


# --------------------------------------------------------------------------- evaluatie opslaan
def _componenten(boom):
    """Alle componenten (dicts met props) in een Dash-antwoord."""
    if isinstance(boom, dict):
        if "props" in boom and "type" in boom:
            yield boom
        for waarde in boom.values():
            yield from _componenten(waarde)
    elif isinstance(boom, list):
        for waarde in boom:
            yield from _componenten(waarde)


def pagina_body(sjabloon: dict, pad: str) -> bytes:
    """De body van de paginacallback (``_pages_content``) voor ``pad`` (met querystring)."""
    pathname, _, query = pad.partition("?")
    body = json.loads(json.dumps(sjabloon))
    for invoer in body["inputs"]:
        if invoer["id"] == "_pages_location" and invoer["property"] == "pathname":
            invoer["value"] = pathname
        elif invoer["id"] == "_pages_location" and invoer["property"] == "search":
            invoer["value"] = f"?{query}" if query else ""
    return json.dumps(body).encode()


class _Nep:
    """Genoeg van een Flask-server voor ``tests.schrijfmatrix.basis.dash_body``: de callback uit
    ``/_dash-dependencies`` in plaats van ``callback_map``."""

    def __init__(self, callbacks: dict):
        self.extensions = {"dash_app": type("App", (), {"callback_map": callbacks})()}


def opslaan_callback(afhankelijkheden: list[dict]) -> dict:
    for cb in afhankelijkheden:
        if any(i["id"] == "evaluatie-opslaan" and i["property"] == "n_clicks" for i in cb["inputs"]):
            return cb
    raise RuntimeError("geen callback met Input evaluatie-opslaan.n_clicks in /_dash-dependencies")


def sla_evaluatie_op(klant: Klant, plek: Plek, sjabloon: dict, callback: dict, meet) -> str | None:
    """Laad het formulier, wijzig één waardering en sla op als concept. Geeft een fout of None."""
    from tests.schrijfmatrix.basis import dash_body

    pad = f"{EVALUATIE_PAD}?wijk={plek.slug}&jaar={plek.jaar}"
    status, data = meet("formulier", pad, lambda: klant.dash(pagina_body(sjabloon, pad)))
    if status != 200:
        return f"formulier laden: status {status}"
    onderdelen = list(_componenten(json.loads(data)))
    velden = {c["props"]["id"]["veld"]: c["props"].get("value") for c in onderdelen
              if isinstance(c["props"].get("id"), dict) and c["props"]["id"].get("type") == "evaluatie-veld"}
    basis = next((c["props"].get("data") for c in onderdelen if c["props"].get("id") == "evaluatie-basis"), None)
    if not velden or basis is None:
        return "formulier zonder velden of evaluatie-basis"
    doel = next((v for v in sorted(velden) if v.endswith("waardering")), None)
    if doel is None:
        return f"geen waarderingsveld in {sorted(velden)[:5]}"
    oud = velden[doel]
    nieuw = oud
    while nieuw == oud:
        nieuw = f"{random.randint(1, 9)},{random.randint(0, 9)}"
    velden[doel] = nieuw
    waarden = {"evaluatie-veld.value": velden, "evaluatie-basis.data": basis}
    body = dash_body(_Nep({callback["output"]: callback}), callback["output"], waarden, "evaluatie-opslaan.n_clicks")
    plek.verstuurd += 1
    status, data = meet("opslaan", EVALUATIE_PAD, lambda: klant.dash(json.dumps(body).encode()))
    if status != 200:
        return f"opslaan: status {status}: {data[:200]!r}"
    antwoord = json.loads(data).get("response", {})
    nieuwe_basis = antwoord.get("evaluatie-basis", {}).get("data")
    if not isinstance(nieuwe_basis, dict) or nieuwe_basis.get("versie") != (basis.get("versie") or 0) + 1:
        return f"opslaan niet bevestigd: {json.dumps(antwoord)[:300]}"
    plek.bevestigd.append((doel, nieuw, nieuwe_basis["versie"]))
    return None


# --------------------------------------------------------------------------- de test
class Belasting:
    def __init__(self, poort: int, opnames: list[g.Opname], plekken: list[Plek], afhankelijkheden: list[dict],
                 args):
        self.poort = poort
        self.opnames = opnames
        self.plekken = plekken
        self.args = args
        self.metingen: list[Meting] = []
        self.aanmeldtijden: list[float] = []
        self.slot = threading.Lock()
        self.sjabloon = next(b for o in opnames for b in o.callbacks if b["output"].startswith(".._pages_content"))
        self.callback = opslaan_callback(afhankelijkheden)
        self.bodies = {o.naam: [json.dumps(b).encode() for b in o.callbacks] for o in opnames}
        self.start = self.einde = 0.0

    def _meet(self, soort: str, pad: str, doe) -> tuple[int, bytes]:
        begin = g.klok()
        try:
            status, data = doe()
            fout = g.dash_fout(status, data) if soort != "html" else (None if status == 200 else f"status {status}")
        except Exception as exc:  # noqa: BLE001 - elke verbindingsfout telt als fout
            status, data, fout = 0, b"", f"{type(exc).__name__}: {exc}"
        eind = g.klok()
        if self.start <= begin < self.einde:
            with self.slot:
                self.metingen.append(Meting(soort, pad, (eind - begin) * 1000, status, fout, begin - self.start))
        return status, data

    def laad(self, klant: Klant, opname: g.Opname) -> None:
        self._meet("html", opname.pad, lambda: klant.verzoek("GET", opname.pad)[:2])
        self._meet("layout", opname.pad, lambda: klant.verzoek("GET", g.DASH_LAYOUT)[:2])
        for body in self.bodies[opname.naam]:
            self._meet("callback", opname.pad, lambda body=body: klant.dash(body))

    def gebruiker(self, nummer: int, klant: Klant, plek: Plek | None, kans: float, klaar: threading.Event) -> None:
        rnd = random.Random(nummer)
        klaar.wait()
        time.sleep(rnd.uniform(0, 2))  # niet allemaal tegelijk beginnen
        eerste = True
        while g.klok() < self.einde:
            if plek is not None and ((eerste and nummer == 4) or rnd.random() < kans):
                with plek.slot:
                    fout = sla_evaluatie_op(klant, plek, self.sjabloon, self.callback, self._meet)
                if fout is not None:
                    with self.slot:
                        self.metingen.append(Meting("opslaan", EVALUATIE_PAD, 0, 0, fout, g.klok() - self.start))
            else:
                self.laad(klant, rnd.choice(self.opnames))
            eerste = False
            time.sleep(rnd.uniform(self.args.denktijd_min, self.args.denktijd_max))

    def draai(self, proces: subprocess.Popen) -> None:
        n = self.args.gebruikers
        klanten, rollen = [], []
        print(f"{n} gebruikers melden zich aan …", flush=True)
        for i in range(n):
            rol = "coordinator" if i % 5 == 4 else LEES_ROLLEN[i % len(LEES_ROLLEN)]
            klant = Klant(self.poort)
            begin = g.klok()
            klant.meld_aan(rol)
            self.aanmeldtijden.append((g.klok() - begin) * 1000)
            klanten.append(klant)
            rollen.append(rol)
        coordinatoren = [i for i, r in enumerate(rollen) if r == "coordinator"]
        kans = min(1.0, self.args.schrijfkans * n / max(1, len(coordinatoren)))
        klaar = threading.Event()
        draden = []
        for i, klant in enumerate(klanten):
            plek = None
            if rollen[i] == "coordinator" and self.plekken:
                plek = self.plekken[coordinatoren.index(i) % len(self.plekken)]
            draad = threading.Thread(target=self.gebruiker, args=(i, klant, plek, kans, klaar), daemon=True)
            draad.start()
            draden.append(draad)
        # Harde grens: na duur + 60 s stopt alles (gunicorn en dit proces), wat er ook hangt.
        bewaker = threading.Timer(self.args.duur + 60, lambda: (print("Tijdgrens bereikt: gestopt.", flush=True),
                                                               g.stop(proces), os._exit(3)))
        bewaker.daemon = True
        bewaker.start()
        self.start = g.klok()
        self.einde = self.start + self.args.duur
        print(f"Meetvenster: {g.getal(self.args.duur)} s …", flush=True)
        klaar.set()
        for draad in draden:
            draad.join(timeout=max(0.0, self.einde + 55 - g.klok()))
        bewaker.cancel()


# --------------------------------------------------------------------------- voorbereiding en controle
def vrije_plekken(url: str) -> list[Plek]:
    """(wijk, jaar) van de demo-coördinator zonder evaluatie, in de jaren die het formulier aanbiedt."""
    jaar = dt.date.today().year
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            wijken = conn.execute(text("""
                SELECT w.id, w.slug FROM wijk w JOIN gebruiker_wijk gw ON gw.wijk_id = w.id
                JOIN gebruiker u ON u.id = gw.gebruiker_id WHERE u.email = :e ORDER BY w.id"""),
                {"e": g.demo_email("coordinator")}).all()
            bestaand = set(conn.execute(text("SELECT wijk_id, jaar FROM evaluatie")).all())
    finally:
        engine.dispose()
    return [Plek(w, s, j) for j in range(jaar, jaar - 6, -1) for w, s in wijken if (w, j) not in bestaand]


def controleer_opslagen(url: str, plekken: list[Plek], mutatie_start: int) -> tuple[int, list[str]]:
    """Tel de bevestigde opslagen die in de database staan; geef (aanwezig, problemen)."""
    aanwezig, problemen = 0, []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for plek in plekken:
                if not plek.bevestigd:
                    continue
                rij = conn.execute(text("SELECT id, versie FROM evaluatie WHERE wijk_id = :w AND jaar = :j"),
                                   {"w": plek.wijk_id, "j": plek.jaar}).first()
                if rij is None:
                    problemen.append(f"{plek.slug} {plek.jaar}: evaluatie ontbreekt")
                    continue
                mutaties = conn.execute(text(
                    "SELECT COUNT(*) FROM mutatie WHERE entiteit = 'evaluatie' AND entiteit_id = :e AND id > :m"),
                    {"e": rij.id, "m": mutatie_start}).scalar_one()
                veld, waarde, versie = plek.bevestigd[-1]
                nummer = int(veld.split(".")[1])
                in_db = conn.execute(text("""
                    SELECT ea.waardering FROM evaluatie_ambitie ea JOIN ambitie a ON a.id = ea.ambitie_id
                    WHERE ea.evaluatie_id = :e AND a.nummer = :n"""), {"e": rij.id, "n": nummer}).scalar()
                goed_waarde = in_db is not None and abs(float(in_db) - float(waarde.replace(",", "."))) < 1e-9
                if rij.versie == len(plek.bevestigd) and mutaties == len(plek.bevestigd) and goed_waarde:
                    aanwezig += len(plek.bevestigd)
                else:
                    problemen.append(f"{plek.slug} {plek.jaar}: {len(plek.bevestigd)} bevestigd, versie {rij.versie}, "
                                     f"{mutaties} dossierregels, laatste waarde {waarde} → in database {in_db}")
    finally:
        engine.dispose()
    return aanwezig, problemen


def ruim_op(url: str, plekken: list[Plek], mutatie_start: int) -> None:
    """Haal de evaluaties van deze test weg (ze stonden in plekken zonder evaluatie)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for plek in plekken:
                ids = [r[0] for r in conn.execute(text("SELECT id FROM evaluatie WHERE wijk_id = :w AND jaar = :j"),
                                                  {"w": plek.wijk_id, "j": plek.jaar})]
                for e in ids:
                    conn.execute(text("DELETE FROM mutatie WHERE entiteit = 'evaluatie' AND entiteit_id = :e "
                                      "AND id > :m"), {"e": e, "m": mutatie_start})
                    conn.execute(text("DELETE FROM evaluatie_ambitie WHERE evaluatie_id = :e"), {"e": e})
                    conn.execute(text("DELETE FROM evaluatie WHERE id = :e"), {"e": e})
    finally:
        engine.dispose()


def max_mutatie(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM mutatie")).scalar_one()
    finally:
        engine.dispose()


def samenvatting(metingen: list[Meting], duur: float) -> dict:
    alle = [m.ms for m in metingen if m.fout is None or m.status]
    uit = {"verzoeken": len(metingen), "per_seconde": len(metingen) / duur,
           "p50_ms": g.percentiel(alle, 50), "p95_ms": g.percentiel(alle, 95), "p99_ms": g.percentiel(alle, 99),
           "fouten": sum(1 for m in metingen if m.fout), "per_soort": {}}
    for soort in ("html", "layout", "callback", "formulier", "opslaan"):
        tijden = [m.ms for m in metingen if m.soort == soort and m.status]
        if tijden:
            uit["per_soort"][soort] = {"aantal": len(tijden), "p50_ms": g.percentiel(tijden, 50),
                                       "p95_ms": g.percentiel(tijden, 95), "p99_ms": g.percentiel(tijden, 99)}
    return uit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="PostgreSQL-database; standaard: een verse met de demo")
    parser.add_argument("--schaal", choices=("demo", "g4"), default="demo")
    parser.add_argument("--duur", type=float, default=60, help="meetvenster in seconden (standaard 60)")
    parser.add_argument("--gebruikers", type=int, default=50, help="gelijktijdige gebruikers (standaard 50)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers (standaard 2)")
    parser.add_argument("--schrijfkans", type=float, default=0.05, help="deel van de laadbeurten dat opslaat")
    parser.add_argument("--denktijd-min", type=float, default=0.5)
    parser.add_argument("--denktijd-max", type=float, default=2.0)
    parser.add_argument("--redis", metavar="URL", help="REDIS_URL voor de app (cache aan)")
    parser.add_argument("--opname", metavar="BESTAND", help="opgenomen verzoeken (benchmarks.pagina_callbacks "
                        "--opname); bestaat het niet, dan wordt het hier gemaakt")
    parser.add_argument("--json", metavar="BESTAND")
    parser.add_argument("--behoud", action="store_true", help="verse database en opgeslagen evaluaties laten staan")
    parser.add_argument("--migreer", action="store_true", help="een bestaande database wel migreren")
    args = parser.parse_args(argv)

    eigen_db = args.database_url is None
    if eigen_db:
        basis = os.environ.get("WIJK_TEST_POSTGRES_URL", STANDAARD_PG)
        url = make_url(basis).set(database=f"wijk_belasting_{os.getpid()}").render_as_string(hide_password=False)
    else:
        url = args.database_url
    if not g.is_postgres(url):
        print("De belastingtest draait op PostgreSQL (gunicorn met meerdere workers).", file=sys.stderr)
        return 2

    problemen: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench_belasting_") as tmp:
        g.zorg_voor_postgres_database(url)
        if g.aantal_wijken(url) == 0 and args.schaal == "g4":
            print("Lege database: G4-dataset maken …", flush=True)
            g.seed_g4(url)
        poort = g.vrije_poort()
        proces, log = g.start_gunicorn(url, tmp, poort, args.workers, args.redis, args.migreer or eigen_db)
        plekken: list[Plek] = []
        mutatie_start = 0
        try:
            g.wacht_op_server(poort, proces, 600, f"{tmp}/gunicorn.log")
            basis_url = f"http://127.0.0.1:{poort}"
            if args.opname and Path(args.opname).exists():
                opnames = g.opnames_uit_json(json.loads(Path(args.opname).read_text()))
            else:
                print("Opnemen in Chromium …", flush=True)
                opnames = g.neem_op(basis_url, g.paginalijst(url), g.playwright_cookies(basis_url))
                if args.opname:
                    Path(args.opname).write_text(json.dumps(g.opnames_naar_json(opnames)))
            klant = Klant(poort)
            klant.meld_aan("raadslid")
            _, data, _ = klant.verzoek("GET", "/_dash-dependencies")
            afhankelijkheden = json.loads(data)
            plekken = vrije_plekken(url)
            if not plekken:
                problemen.append("geen vrije (wijk, jaar) voor een evaluatie: er wordt niets opgeslagen")
            mutatie_start = max_mutatie(url)

            test = Belasting(poort, opnames, plekken, afhankelijkheden, args)
            test.draai(proces)
        finally:
            g.stop(proces)
            log.close()
        laat = [m for m in test.metingen if m.t > args.duur + 1]
        samen = samenvatting(test.metingen, args.duur)
        verstuurd = sum(p.verstuurd for p in plekken)
        bevestigd = sum(len(p.bevestigd) for p in plekken)
        aanwezig, ontbreekt = controleer_opslagen(url, plekken, mutatie_start)
        problemen += ontbreekt
        if eigen_db and not args.behoud:
            g.verwijder_postgres_database(url)
        elif not eigen_db and not args.behoud:
            ruim_op(url, plekken, mutatie_start)

    foutvoorbeelden = sorted({f"{m.soort} {m.pad}: {m.fout[:160]}" for m in test.metingen if m.fout})[:10]
    cache = "cache aan (Redis)" if args.redis else "cache uit"
    kop = (f"Belasting, schaal {args.schaal}, PostgreSQL, gunicorn -w {args.workers}, {cache}; {args.gebruikers} "
           f"gebruikers, {g.getal(args.duur)} s; {g.vandaag_tekst()}; belasting (1/5 min) {g.belasting_nu()}")
    regels = [kop, "",
              "| soort | aantal | p50 (ms) | p95 (ms) | p99 (ms) |", "|---|---:|---:|---:|---:|",
              f"| alle verzoeken | {samen['verzoeken']} | {g.getal(samen['p50_ms'])} | {g.getal(samen['p95_ms'])} | "
              f"{g.getal(samen['p99_ms'])} |"]
    for soort, s in samen["per_soort"].items():
        regels.append(f"| {soort} | {s['aantal']} | {g.getal(s['p50_ms'])} | {g.getal(s['p95_ms'])} | "
                      f"{g.getal(s['p99_ms'])} |")
    regels += ["",
               f"Verzoeken per seconde: {g.getal(samen['per_seconde'], 1)}; fouten: {samen['fouten']}; "
               f"aanmelden (vóór het venster) p50 {g.getal(g.percentiel(test.aanmeldtijden, 50))} ms.",
               f"Opslagen: verstuurd {verstuurd}, bevestigd {bevestigd}, aanwezig in de database {aanwezig}.",
               f"Doelen: p95 ≤ 500 ms: {g.ja_nee(samen['p95_ms'] <= 500)}; nul fouten: {g.ja_nee(samen['fouten'] == 0)}; "
               f"elke opslag aanwezig: {g.ja_nee(aanwezig == bevestigd and not ontbreekt)}."]
    if laat:
        regels.append(f"(Na het venster nog afgerond: {len(laat)} verzoeken.)")
    tabel = "\n".join(regels)
    print()
    print(tabel)
    if foutvoorbeelden or problemen:
        print("\nFOUTEN / PROBLEMEN:")
        for f in foutvoorbeelden + problemen:
            print("  " + f)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "script": "belasting", "schaal": args.schaal, "redis": bool(args.redis), "gebruikers": args.gebruikers,
            "duur": args.duur, "workers": args.workers, "datum": g.vandaag_tekst(), "belasting": g.belasting_nu(),
            "commando": g.commando("belasting"), "samenvatting": samen, "aanmelden_ms": test.aanmeldtijden,
            "opslagen": {"verstuurd": verstuurd, "bevestigd": bevestigd, "aanwezig": aanwezig},
            "fouten": foutvoorbeelden, "problemen": problemen, "tabel": tabel}, indent=1, default=str))
    slecht = samen["fouten"] > 0 or aanwezig != bevestigd or bool(problemen) or bevestigd == 0
    return 1 if slecht else 0


if __name__ == "__main__":
    sys.exit(main())
