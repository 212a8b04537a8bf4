"""Opslaan in de ene worker, lezen in de andere: de gedeelde cache (Redis) toont nooit een oud cijfer.

Twee gunicorn-processen met elk één worker (A en B, elk een eigen poort: deterministisch, geen toeval over
welke worker een verzoek krijgt) op dezelfde PostgreSQL-database (eigen schema, demogegevens) en dezelfde
Redis. Als coördinator:

1. B toont het overzicht (de heatmap met de ambitiescores) twee keer: de eerste keer uit de database, de
   tweede keer uit de cache (``X-Wijk-Cache``: alleen treffers). Zonder invalidatie zou B dat cijfer dus
   blijven tonen.
2. A slaat via het echte evaluatieformulier (Dash-callback met CSRF-token) een ingediende evaluatie op.
3. B toont het overzicht opnieuw: de generatie van de tabel ``evaluatie`` is na de commit verhoogd, B leest
   wat van evaluaties afhangt uit de database (missers) en toont het nieuwe cijfer; wat niet van de geschreven
   tabellen afhangt, komt nog uit de cache: de budgetpagina (leest geen evaluaties) haalt B na het opslaan
   nog helemaal uit de cache.
"""

from __future__ import annotations

import datetime as dt
import http.client
import http.cookies
import json
import os
import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import select, text

from datalaag import cache
from datalaag.db import maak_engine, maak_sessiefabriek
from tests.hulp import wacht_op_gezond

PROJECT_MAP = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("WIJK_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("WIJK_TEST_REDIS_URL", "")
SLEUTEL = uuid.uuid4().hex * 2
WAARDERING = "1,3"  # geen waardering die de demodata gebruikt


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _omgeving(url: str, instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "WIJK_MODE", "REDIS_URL")}
    env.update(DATABASE_URL=url, WIJK_MODE="demo", SECRET_KEY=SLEUTEL, REDIS_URL=REDIS_URL, WIJK_CACHE_KOP="1",
               WIJK_INSTANCE_MAP=str(instance))
    return env


class Klant:
    """Cookies gedeeld over beide workers (zelfde SECRET_KEY, zelfde database): één gebruiker, twee adressen."""

    def __init__(self) -> None:
        self.koekjes: dict[str, str] = {}

    def verzoek(self, poort: int, methode: str, pad: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
        kop = dict(headers or {})
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
                self.koekjes[naam] = morsel.value
        return antwoord.status, antwoord.headers, data

    def meld_aan(self, poort: int, email: str, wachtwoord: str) -> None:
        status, _, html = self.verzoek(poort, "GET", "/login")
        assert status == 200
        token = re.search(rb'name="csrf_token" value="([^"]+)"', html)[1].decode()
        from urllib.parse import urlencode

        body = urlencode({"csrf_token": token, "email": email, "wachtwoord": wachtwoord, "volgende": "/"}).encode()
        status, kop, _ = self.verzoek(poort, "POST", "/login", body,
                                      {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302 and kop["Location"] == "/", status

    def callback(self, poort: int, afh: dict, waarden: dict, trigger: str):
        """Post een callback zoals de renderer: ALL-patronen krijgen hun concrete ids uit ``waarden``."""
        from dash._utils import split_callback_id

        velden = waarden.get("__velden__", [])

        def dep(d: dict):
            if d["id"].startswith("{"):
                patroon = json.loads(d["id"])
                if d["property"] in ("value", "id"):
                    return [{"id": {**patroon, "veld": v}, "property": d["property"],
                             "value": {**patroon, "veld": v} if d["property"] == "id" else waarden[f"veld:{v}"]}
                            for v in velden]
            return {"id": d["id"], "property": d["property"], "value": waarden.get(f"{d['id']}.{d['property']}")}

        def doel(d: dict):
            if d["id"].startswith("{"):
                patroon = json.loads(d["id"])
                return [{"id": {**patroon, "veld": v}, "property": d["property"]} for v in velden]
            return {"id": d["id"], "property": d["property"]}

        gesplitst = split_callback_id(afh["output"])
        body = {"output": afh["output"],
                "outputs": [doel(d) for d in gesplitst] if isinstance(gesplitst, list) else doel(gesplitst),
                "inputs": [dep(d) for d in afh["inputs"]], "state": [dep(d) for d in afh["state"]],
                "changedPropIds": [trigger]}
        return self.verzoek(poort, "POST", "/_dash-update-component", json.dumps(body).encode(),
                            {"Content-Type": "application/json", "X-CSRFToken": self.koekjes.get("_csrf_token", "")})


@pytest.fixture(scope="module")
def schema_url():
    if not PG_URL:
        pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")
    if not REDIS_URL:
        pytest.skip("WIJK_TEST_REDIS_URL niet gezet: cachetests overgeslagen")
    schema = f"test_cw_{uuid.uuid4().hex[:10]}"
    beheer = maak_engine(PG_URL)
    with beheer.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scheiding = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{scheiding}options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        # Alleen de eigen sleutels in Redis weg (generatie en resultaten van deze database).
        klant = redis.Redis.from_url(REDIS_URL)
        db = cache.database_id(url)
        for sleutel in [*klant.scan_iter(match=f"wijk:w:{db}:*"), *klant.scan_iter(match=f"wijk:gen:{db}:*")]:
            klant.delete(sleutel)
        with beheer.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


@pytest.fixture(scope="module")
def workers(schema_url, tmp_path_factory):
    """Demogegevens via de opdrachtregel, dan twee gunicorn-processen (elk één worker) op één database."""
    instance = tmp_path_factory.mktemp("workers")
    uit = subprocess.run([sys.executable, "-m", "dashboard", "seed", "--demo"], cwd=PROJECT_MAP,
                         env=_omgeving(schema_url, instance), capture_output=True, text=True, timeout=900)
    assert uit.returncode == 0, uit.stderr
    processen = []
    try:
        for naam in ("a", "b"):
            poort = _vrije_poort()
            log = instance / f"gunicorn-{naam}.log"
            with open(log, "w") as uitvoer:
                proces = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{poort}",
                     "--timeout", "180", "--graceful-timeout", "5", "dashboard:create_app()"],
                    cwd=PROJECT_MAP, env=_omgeving(schema_url, instance), stdout=uitvoer, stderr=subprocess.STDOUT)
            processen.append((proces, poort, log))
        for proces, poort, log in processen:
            wacht_op_gezond(poort, proces, log)
        yield [poort for _, poort, _ in processen]
    finally:
        for proces, _, _ in processen:
            proces.terminate()
        for proces, _, _ in processen:
            try:
                proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait(timeout=30)


def _vrije_plek(url: str) -> tuple[int, str, str, int]:
    """Een wijk van de demo-coördinator en een jaar zonder evaluatie: (wijk_id, slug, naam, jaar)."""
    from datalaag.models import Evaluatie, Gebruiker

    engine = maak_engine(url)
    try:
        with maak_sessiefabriek(engine)() as s:
            coordinator = s.scalar(select(Gebruiker).where(Gebruiker.email == "coordinator@demo.almelo.nl"))
            bestaand = set(s.execute(select(Evaluatie.wijk_id, Evaluatie.jaar)).all())
            vandaag = dt.date.today()
            for jaar in range(vandaag.year - 1, vandaag.year - 5, -1):
                for wijk in sorted(coordinator.wijken, key=lambda w: w.id):
                    if (wijk.id, jaar) not in bestaand:
                        return wijk.id, wijk.slug, wijk.naam, jaar
    finally:
        engine.dispose()
    raise AssertionError("de demo-coördinator heeft geen wijk zonder evaluatie in de laatste jaren")


def _heatmapcel(data: bytes, slug: str) -> str:
    """Cel ambitie 1 van de wijk in de heatmap als 'cijfer (bron)', bijv. '7,5 (evaluatie (ingediend) 2025)'."""
    inhoud = json.loads(data)["response"]["_pages_content"]["children"]
    rijen = [c for c in _componenten(inhoud) if c["type"] == "Tr" and c["props"].get("data-wijk") == slug]
    assert len(rijen) == 1, len(rijen)
    cel = rijen[0]["props"]["children"][1]["props"]["children"]  # Th (wijk), dan Td (ambitie 1) met een link
    return f"{cel['props']['children']} ({cel['props'].get('title')})"


def _componenten(boom):
    if isinstance(boom, list):
        for deel in boom:
            yield from _componenten(deel)
    elif isinstance(boom, dict) and "props" in boom and "type" in boom:
        yield boom
        for waarde in boom["props"].values():
            yield from _componenten(waarde)


def _teller(kop) -> tuple[int, int]:
    m = re.fullmatch(r"treffers=(\d+);missers=(\d+)", kop["X-Wijk-Cache"])
    assert m, kop.get("X-Wijk-Cache")
    return int(m[1]), int(m[2])


def test_opslaan_in_worker_a_lezen_in_worker_b(workers, schema_url):
    a, b = workers
    klant = Klant()
    klant.meld_aan(a, "coordinator@demo.almelo.nl", "demo-coordinator")
    status, _, afh = klant.verzoek(a, "GET", "/_dash-dependencies")
    assert status == 200
    afhankelijkheden = json.loads(afh)
    router = next(d for d in afhankelijkheden if "_pages_content.children" in d["output"])
    opslaan = next(d for d in afhankelijkheden if d["output"].startswith("..evaluatie-melding.children"))
    wijk_id, slug, _naam, jaar = _vrije_plek(schema_url)
    overzicht = {"_pages_location.pathname": "/", "_pages_location.search": f"?jaar={dt.date.today().year}"}
    redisklant = redis.Redis.from_url(REDIS_URL)
    generatiesleutel = f"wijk:gen:{cache.database_id(schema_url)}:evaluatie"
    ongemoeid = f"wijk:gen:{cache.database_id(schema_url)}:meting"  # een tabel die het opslaan niet raakt

    # 1. B leest twee keer: eerst uit de database, dan uit de cache.
    status, kop, eerste = klant.callback(b, router, overzicht, "_pages_location.pathname")
    assert status == 200, eerste[:500]
    pid_b = kop["X-Wijk-Worker"]
    assert _teller(kop)[1] > 0
    voor = _heatmapcel(eerste, slug)
    assert not voor.startswith(f"{WAARDERING} "), voor
    status, kop, tweede = klant.callback(b, router, overzicht, "_pages_location.pathname")
    assert status == 200 and kop["X-Wijk-Worker"] == pid_b
    treffers, missers = _teller(kop)
    assert treffers > 0 and missers == 0  # alles uit de cache: zonder invalidatie bleef B dit tonen
    assert _heatmapcel(tweede, slug) == voor
    # En een pagina die geen evaluaties leest (budget): ook die staat nu in de cache.
    budget = {"_pages_location.pathname": "/budget", "_pages_location.search": ""}
    status, kop, budget_voor = klant.callback(b, router, budget, "_pages_location.pathname")
    assert status == 200, budget_voor[:500]
    status, kop, _ = klant.callback(b, router, budget, "_pages_location.pathname")
    assert status == 200 and kop["X-Wijk-Worker"] == pid_b
    treffers, missers = _teller(kop)
    assert treffers > 0 and missers == 0
    generatie_voor = int(redisklant.get(generatiesleutel) or 0)
    ongemoeid_voor = int(redisklant.get(ongemoeid) or 0)

    # 2. A slaat de evaluatie op (indienen) via het echte formulier.
    status, _, _ = klant.verzoek(a, "GET", f"/invoer/evaluatie?wijk={slug}&jaar={jaar}")
    assert status == 200
    status, kop, formulier = klant.callback(a, router, {"_pages_location.pathname": "/invoer/evaluatie",
                                                        "_pages_location.search": f"?wijk={slug}&jaar={jaar}"},
                                            "_pages_location.pathname")
    assert status == 200 and kop["X-Wijk-Worker"] != pid_b
    onderdelen = list(_componenten(json.loads(formulier)["response"]["_pages_content"]["children"]))
    ids = [c["props"]["id"]["veld"] for c in onderdelen
           if isinstance(c["props"].get("id"), dict) and c["props"]["id"].get("type") == "evaluatie-veld"]
    (basis,) = [c["props"]["data"] for c in onderdelen if c["props"].get("id") == "evaluatie-basis"]
    assert ids, formulier[:500]
    assert (basis["wijk_id"], basis["jaar"], basis["versie"]) == (wijk_id, jaar, 0)

    def waarde(veld: str) -> str:
        if veld.endswith(".waardering"):
            return WAARDERING
        if veld.endswith(".doelstelling") or veld.endswith(".gerealiseerde_doelstelling"):
            return "Meer bewoners actief in de wijk."
        return {"klanttevredenheid_cijfer": "7", "klanttevredenheid_respons": "120"}.get(veld, "")

    waarden = {"__velden__": ids, **{f"veld:{v}": waarde(v) for v in ids}, "evaluatie-basis.data": basis,
               "evaluatie-indienen.n_clicks": 1}
    status, kop, data = klant.callback(a, opslaan, waarden, "evaluatie-indienen.n_clicks")
    assert status == 200, data[:500]
    assert "Ingediend." in data.decode(), data.decode()[:2000]
    assert int(redisklant.get(generatiesleutel)) == generatie_voor + 1  # verhoogd vóór het antwoord van A
    assert int(redisklant.get(ongemoeid) or 0) == ongemoeid_voor

    # 3. B leest opnieuw: het nieuwe cijfer, uit de database.
    status, kop, na = klant.callback(b, router, overzicht, "_pages_location.pathname")
    assert status == 200 and kop["X-Wijk-Worker"] == pid_b
    assert _teller(kop)[1] > 0
    cel = _heatmapcel(na, slug)
    assert cel.startswith(f"{WAARDERING} (evaluatie"), cel

    # 4. Invalidatie per tabel: de budgetpagina leest geen van de geschreven tabellen en blijft uit de cache.
    status, kop, budget_na = klant.callback(b, router, budget, "_pages_location.pathname")
    assert status == 200 and kop["X-Wijk-Worker"] == pid_b
    treffers, missers = _teller(kop)
    assert treffers > 0 and missers == 0, (treffers, missers)
    assert budget_na == budget_voor
