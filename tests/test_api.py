"""De open-data-API over HTTP (``/api/v1/``): JSON en CSV van elke bron tegen het eigen OpenAPI-document,
filters, paginering, foutmeldingen, 404/405/503, caching, CORS, rate limiting en geen persoonsgegevens.

Er kan één Dash-app per proces zijn (zie tests/test_vervalste_invoer.py); daarom draait de app hier als echte
HTTP-server in een eigen proces (:func:`start_app`), met de demodatabase (SQLite). Voor de test maakt het
script één wijk niet-openbaar (zijn plannen terug naar concept) en zet het kanariewaarden in alle
persoonsvelden (namen, omschrijvingen, straten); die mogen in geen enkel antwoord terugkomen. De
datalaagregels zelf staan in tests/test_opendata.py (SQLite en PostgreSQL).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema_rs
import pytest
import requests

from datalaag.openbaar import VERBODEN_VELDEN

PROJECT_MAP = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("WIJK_TEST_REDIS_URL", "")
KANARIE = "Kanarie7f3a"
VERBORGEN = "hofkamp"  # deze wijk wordt niet-openbaar gemaakt
GEHEIM = "GEHEIM-maatregel-9c1"
BRONNEN = ("wijken", "ambities", "indicatoren", "metingen", "doelstellingen", "maatregelen", "meldingen", "budget")

_SCRIPT = textwrap.dedent(r"""
    import sys
    from pathlib import Path

    from werkzeug.serving import make_server

    from dashboard import create_app
    from dashboard.config import Config

    database_url, map_, limiet, redis_url, voorbereiden = sys.argv[1:6]
    server = create_app(Config(database_url=database_url, instance_map=Path(map_), testing=True,
                               api_limiet=int(limiet), redis_url=redis_url or None))
    server.config["PROPAGATE_EXCEPTIONS"] = False  # een fout is een 500, zoals in productie

    if voorbereiden == "1":
        from sqlalchemy import select, update

        from dashboard.database import sessiefabriek
        from datalaag.models import (Gebruiker, Maatregel, Melding, Oormerk, Regiegroeplid, Stadsdeel, Uitgave, Wijk,
                                     Wijkplan)

        k = sys.argv[6]
        with sessiefabriek(server)() as s, s.begin():
            verborgen = s.scalar(select(Wijk.id).where(Wijk.slug == sys.argv[7]))
            s.execute(update(Wijkplan).where(Wijkplan.wijk_id == verborgen).values(status="concept"))
            plan = s.scalar(select(Wijkplan.id).where(Wijkplan.wijk_id == verborgen))
            s.execute(update(Maatregel).where(Maatregel.wijkplan_id == plan).values(naam=sys.argv[8]))
            s.execute(update(Melding).values(verantwoordelijke=f"{k} Jansen", omschrijving=f"{k} omschrijving",
                                             straat=f"{k}straat", aanpak=f"{k} aanpak", rol_bewoners=f"{k} rol"))
            s.execute(update(Maatregel).values(verantwoordelijke=f"{k} Pietersen", opmerkingen=f"{k} opmerking"))
            s.execute(update(Oormerk).values(budgethouder=f"{k} Houder"))
            s.execute(update(Uitgave).values(omschrijving=f"{k} factuur"))
            s.execute(update(Regiegroeplid).values(naam=f"{k} Lid"))
            s.execute(update(Gebruiker).values(naam=f"{k} Gebruiker"))
            s.execute(update(Stadsdeel).values(stadsdeelcoordinator=f"{k} C", stadsdeelwethouder=f"{k} W"))
            # Eén maatregel van een openbare wijk met een formule als naam (CSV-injectie).
            riet_plan = s.scalar(select(Wijkplan.id).join(Wijk, Wijk.id == Wijkplan.wijk_id)
                                 .where(Wijk.slug == "de-riet", Wijkplan.status.in_(("vastgesteld", "geevalueerd")))
                                 .order_by(Wijkplan.periode_van.desc()).limit(1))
            eerste = s.scalar(select(Maatregel.id).where(Maatregel.wijkplan_id == riet_plan).order_by(Maatregel.id)
                              .limit(1))
            s.execute(update(Maatregel).where(Maatregel.id == eerste).values(naam='=HYPERLINK("http://x","klik")'))

    http = make_server("127.0.0.1", 0, server, threaded=True)
    print("POORT", http.server_port, flush=True)
    http.serve_forever()
""")


@contextmanager
def start_app(database_url: str, map_: Path, *, limiet: int = 100_000, redis_url: str = "",
              voorbereiden: bool = False) -> Iterator[str]:
    """Start de app als HTTP-server in een eigen proces; geeft de basis-URL van de API."""
    # Het verzoekenlog (stderr) naar een bestand: een volle pipe zou de server laten vastlopen.
    log = tempfile.NamedTemporaryFile(prefix="api-app-", suffix=".log", dir=map_, delete=False)  # noqa: SIM115
    proces = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, database_url, str(map_), str(limiet), redis_url, "1" if voorbereiden else "0",
         KANARIE, VERBORGEN, GEHEIM],
        cwd=PROJECT_MAP, stdout=subprocess.PIPE, stderr=log, text=True,
    )
    try:
        regel = proces.stdout.readline()
        if not regel.startswith("POORT"):
            proces.kill()
            proces.wait()
            raise AssertionError(f"app startte niet: {regel}{Path(log.name).read_text()[-5000:]}")
        yield f"http://127.0.0.1:{int(regel.split()[1])}/api/v1"
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
        log.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> tuple[str, Path]:
    map_ = tmp_path_factory.mktemp("api")
    return f"sqlite:///{map_ / 'wijkaanpak.db'}", map_


@pytest.fixture(scope="module")
def api(db) -> Iterator[str]:
    """De app met demodata (gevuld bij de start), een verborgen wijk en kanariewaarden."""
    with start_app(*db, voorbereiden=True) as url:
        yield url


@pytest.fixture(scope="module")
def document(api) -> dict:
    antwoord = requests.get(f"{api}/openapi.json", timeout=30)
    assert antwoord.status_code == 200
    return antwoord.json()


def _valideer(document: dict, pad: str, status: int, gegevens: Any) -> None:
    """Valideer een JSON-antwoord tegen het schema van ``pad``/``status`` in het OpenAPI-document."""
    antwoord = document["paths"][pad]["get"]["responses"][str(status)]
    if "$ref" in antwoord:
        antwoord = document["components"]["responses"][antwoord["$ref"].rsplit("/", 1)[1]]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": document["components"],
              **antwoord["content"]["application/json"]["schema"]}
    fouten = [str(f) for f in jsonschema_rs.validator_for(schema).iter_errors(gegevens)]
    assert not fouten, fouten[:5]


def _get(url: str, **kw) -> requests.Response:
    return requests.get(url, timeout=30, **kw)


def _csv_cel(waarde: Any) -> str:
    """Hoe een JSON-waarde in de CSV hoort te staan (zie de beschrijving in het OpenAPI-document)."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, (int, float)):
        return repr(waarde)
    return "'" + waarde if waarde.startswith(("=", "+", "-", "@", "\t", "\r")) else waarde


def _csv(antwoord: requests.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8"), newline="")))


# --------------------------------------------------------------------------- elke bron, JSON en CSV


def test_index_en_document(api, document):
    index = _get(f"{api}/")
    assert index.status_code == 200
    _valideer(document, "/", 200, index.json())
    assert [b["naam"] for b in index.json()["bronnen"]] == list(BRONNEN)
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/", "/openapi.json", *(f"/{b}" for b in BRONNEN)}
    assert "komma" in document["info"]["description"] and "CC0" in document["info"]["description"]


@pytest.mark.parametrize("bron", BRONNEN)
def test_json_en_csv_van_elke_bron(api, document, bron):
    antwoord = _get(f"{api}/{bron}")
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.headers["Content-Type"].startswith("application/json")
    gegevens = antwoord.json()
    _valideer(document, f"/{bron}", 200, gegevens)
    assert gegevens["gegevens"], f"{bron} is leeg in de demodata"
    assert gegevens["licentie"] == "CC0 1.0"
    assert int(antwoord.headers["X-Total-Count"]) == gegevens["paginering"]["totaal"]
    velden = list(document["components"]["schemas"][bron.capitalize()]["properties"])

    als_csv = _get(f"{api}/{bron}", params={"formaat": "csv"})
    assert als_csv.status_code == 200
    assert als_csv.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert als_csv.headers["Content-Disposition"] == f'attachment; filename="{bron}.csv"'
    assert not als_csv.content.startswith(b"\xef\xbb\xbf")  # geen BOM
    rijen = _csv(als_csv)
    assert rijen[0] == velden
    assert len(rijen) - 1 == min(gegevens["paginering"]["totaal"], 1000)
    # Zelfde rijen als in JSON: getallen met een punt, leeg voor null, true/false, formules geneutraliseerd.
    json_rijen = _get(f"{api}/{bron}", params={"per_pagina": 1000}).json()["gegevens"]
    assert rijen[1:] == [[_csv_cel(r[v]) for v in velden] for r in json_rijen]

    # Accept: text/csv kiest ook CSV; formaat=json wint van Accept.
    assert _get(f"{api}/{bron}", headers={"Accept": "text/csv"}).headers["Content-Type"].startswith("text/csv")
    assert _get(f"{api}/{bron}", params={"formaat": "json"},
                headers={"Accept": "text/csv"}).headers["Content-Type"].startswith("application/json")


def test_metingen_als_csv_voor_een_wijk(api):
    """Klaar-als: een ontwikkelaar haalt de metingen van De Riet op als CSV en leest ze in."""
    antwoord = _get(f"{api}/metingen", params={"wijk": "de-riet", "formaat": "csv"})
    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Disposition"] == 'attachment; filename="metingen-de-riet.csv"'
    rijen = list(csv.DictReader(io.StringIO(antwoord.text, newline="")))
    totaal = int(antwoord.headers["X-Total-Count"])
    assert 0 < len(rijen) == totaal <= 1000
    assert {r["wijk"] for r in rijen} == {"de-riet"}
    for r in rijen:
        float(r["waarde"])  # punt als decimaalteken
        assert r["peildatum"][:4] == r["jaar"] and len(r["peildatum"]) == 10
    json_rijen = _get(f"{api}/metingen", params={"wijk": "de-riet", "per_pagina": 1000}).json()["gegevens"]
    assert [int(r["id"]) for r in rijen] == [r["id"] for r in json_rijen]
    assert [float(r["waarde"]) for r in rijen] == [r["waarde"] for r in json_rijen]


def test_csv_neutraliseert_formules(api):
    rijen = _csv(_get(f"{api}/maatregelen", params={"wijk": "de-riet", "formaat": "csv"}))
    namen = [r[rijen[0].index("naam")] for r in rijen[1:]]
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in namen
    assert not [n for n in namen if n.startswith(("=", "+", "-", "@"))]
    # In JSON blijft de tekst zoals hij is (het zijn gegevens, geen spreadsheet).
    json_namen = [r["naam"] for r in _get(f"{api}/maatregelen", params={"wijk": "de-riet"}).json()["gegevens"]]
    assert '=HYPERLINK("http://x","klik")' in json_namen


# --------------------------------------------------------------------------- filters en paginering


def test_filters(api, document):
    m = _get(f"{api}/metingen", params={"wijk": "de-riet", "jaar": 2020, "ambitie": 3}).json()
    _valideer(document, "/metingen", 200, m)
    assert m["gegevens"] and {(r["wijk"], r["jaar"], r["ambitie"]) for r in m["gegevens"]} == {("de-riet", 2020, 3)}
    assert m["filters"] == {"wijk": "de-riet", "jaar": 2020, "ambitie": 3, "indicator": None}
    d = _get(f"{api}/doelstellingen").json()
    assert d["filters"]["jaar"] == time.localtime().tm_year
    assert {r["op_koers"] for r in d["gegevens"]} <= {"op_koers", "achter", "ver_achter", "geen_data"}
    me = _get(f"{api}/meldingen", params={"categorie": "schoon", "wijk": "de-riet"}).json()
    assert {(r["categorie"], r["wijk"]) for r in me["gegevens"]} == {("schoon", "de-riet")}
    ma = _get(f"{api}/maatregelen", params={"status": "afgerond"}).json()
    assert ma["gegevens"] and {r["status"] for r in ma["gegevens"]} == {"afgerond"}
    csv_naam = _get(f"{api}/metingen", params={"wijk": "de-riet", "jaar": 2020, "ambitie": 3, "pagina": 2,
                                               "per_pagina": 1, "formaat": "csv"}).headers["Content-Disposition"]
    assert csv_naam == 'attachment; filename="metingen-de-riet-2020-ambitie-3-pagina-2.csv"'


def test_paginering(api):
    eerste = _get(f"{api}/metingen", params={"per_pagina": 50})
    tweede = _get(f"{api}/metingen", params={"per_pagina": 50, "pagina": 2})
    p1, p2 = eerste.json()["paginering"], tweede.json()["paginering"]
    assert (p1["pagina"], p1["per_pagina"], p1["vorige"]) == (1, 50, None)
    assert p1["totaal"] == p2["totaal"] > 100 and p1["paginas"] == -(-p1["totaal"] // 50)
    ids1 = [r["id"] for r in eerste.json()["gegevens"]]
    ids2 = [r["id"] for r in tweede.json()["gegevens"]]
    assert len(ids1) == len(ids2) == 50 and not set(ids1) & set(ids2)
    # Relatieve links (pad + query), niet met de host uit het verzoek (een gedeelde cache mag die niet bewaren).
    assert p1["volgende"].startswith("/api/v1/metingen?")
    assert _get(urljoin(api, p1["volgende"])).json()["gegevens"] == tweede.json()["gegevens"]
    vervalst = _get(f"{api}/metingen", params={"per_pagina": 50}, headers={"Host": "aanvaller.example",
                                                                           "X-Forwarded-Host": "aanvaller.example"})
    assert "aanvaller" not in vervalst.text and "aanvaller" not in vervalst.headers.get("Link", "")
    assert 'rel="next"' in eerste.headers["Link"] and 'rel="prev"' in tweede.headers["Link"]
    laatste = _get(f"{api}/metingen", params={"per_pagina": 50, "pagina": p1["paginas"]}).json()
    assert laatste["paginering"]["volgende"] is None and 0 < len(laatste["gegevens"]) <= 50
    voorbij = _get(f"{api}/metingen", params={"per_pagina": 50, "pagina": p1["paginas"] + 5}).json()
    assert voorbij["gegevens"] == [] and voorbij["paginering"]["totaal"] == p1["totaal"]
    assert len(_get(f"{api}/metingen").json()["gegevens"]) == 100  # standaard JSON
    assert len(_csv(_get(f"{api}/metingen", params={"formaat": "csv"}))) == 1001  # standaard CSV: 1000 + kop


# --------------------------------------------------------------------------- fouten


@pytest.mark.parametrize(("pad", "params", "status", "parameter", "tekst"), [
    ("metingen", {"jaar": "abc"}, 400, "jaar", "'jaar' moet een jaartal van 1900 tot en met 2200 zijn"),
    ("metingen", {"jaar": "２０２５"}, 400, "jaar", "jaartal"),
    ("metingen", {"jaar": "1800"}, 400, "jaar", "jaartal"),
    ("metingen", {"per_pagina": "5000"}, 400, "per_pagina", "tot en met 1000"),
    ("metingen", {"per_pagina": "0"}, 400, "per_pagina", "tot en met 1000"),
    ("metingen", {"pagina": "-1"}, 400, "pagina", "geheel getal"),
    ("metingen", {"jaar": ""}, 400, "jaar", "is leeg"),
    ("metingen", {"wijk": "De Riet"}, 400, "wijk", "slug"),
    ("metingen", {"wjik": "de-riet"}, 400, "wjik", "Onbekende parameter 'wjik'"),
    ("ambities", {"jaar": "2025"}, 400, "jaar", "Onbekende parameter 'jaar'"),
    ("budget", {"formaat": "xml"}, 400, "formaat", "kies uit json, csv"),
    ("meldingen", {"categorie": "brand"}, 400, "categorie", "kies uit schoon"),
    ("metingen", {"wijk": "bestaat-niet"}, 404, "wijk", "bestaat niet of is (nog) niet openbaar"),
    ("metingen", {"ambitie": "99"}, 404, "ambitie", "Ambitie 99 bestaat niet"),
    ("metingen", {"indicator": "999999"}, 404, "indicator", "Indicator 999999 bestaat niet"),
])
def test_foute_parameters(api, document, pad, params, status, parameter, tekst):
    antwoord = _get(f"{api}/{pad}", params=params)
    assert antwoord.status_code == status
    assert antwoord.headers["Content-Type"].startswith("application/json")
    _valideer(document, f"/{pad}", status, antwoord.json())
    assert antwoord.json()["parameter"] == parameter and tekst in antwoord.json()["fout"]


def test_dubbele_parameter(api):
    antwoord = _get(f"{api}/metingen?jaar=2024&jaar=2025")
    assert antwoord.status_code == 400 and "hooguit één keer" in antwoord.json()["fout"]


def test_niet_openbare_wijk_is_404_zoals_een_onbekende(api):
    verborgen = _get(f"{api}/metingen", params={"wijk": VERBORGEN})
    onbekend = _get(f"{api}/metingen", params={"wijk": "xyz-onbekend"})
    assert verborgen.status_code == onbekend.status_code == 404
    assert verborgen.json()["fout"].replace(VERBORGEN, "X") == onbekend.json()["fout"].replace("xyz-onbekend", "X")
    assert VERBORGEN not in {w["wijk"] for w in _get(f"{api}/wijken").json()["gegevens"]}


def test_onbekend_adres_en_andere_methoden(api):
    antwoord = _get(f"{api}/bestaat-niet")
    assert antwoord.status_code == 404 and "Zie /api/v1/" in antwoord.json()["fout"]
    for methode in ("POST", "PUT", "PATCH", "DELETE"):
        antwoord = requests.request(methode, f"{api}/metingen", json={}, timeout=30)
        assert antwoord.status_code == 405, methode
        assert "alleen te lezen" in antwoord.json()["fout"]
        assert "GET" in antwoord.headers["Allow"] and "POST" not in antwoord.headers["Allow"]
    head = requests.head(f"{api}/metingen", timeout=30)
    assert head.status_code == 200 and head.content == b"" and "X-Total-Count" in head.headers


# --------------------------------------------------------------------------- headers


def test_cache_etag_cors_en_geen_cookies(api):
    antwoord = _get(f"{api}/wijken")
    h = antwoord.headers
    assert h["Cache-Control"] == "public, max-age=300"
    assert h["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in h
    assert h["ETag"]
    nogmaals = _get(f"{api}/wijken", headers={"If-None-Match": h["ETag"]})
    assert nogmaals.status_code == 304 and nogmaals.content == b""
    assert _get(f"{api}/wijken", headers={"If-None-Match": '"anders"'}).status_code == 200
    fout = _get(f"{api}/metingen", params={"jaar": "x"})
    assert fout.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in fout.headers
    # Met een (oud) sessiecookie krijgt de client ook geen nieuw cookie terug.
    assert "Set-Cookie" not in _get(f"{api}/wijken", cookies={"session": "x"}).headers
    opties = requests.options(f"{api}/metingen", headers={"Origin": "https://voorbeeld.nl"}, timeout=30)
    assert opties.headers["Access-Control-Allow-Origin"] == "*" and "GET" in opties.headers["Access-Control-Allow-Methods"]


# --------------------------------------------------------------------------- persoonsgegevens


def _sleutels(waarde: Any) -> set[str]:
    if isinstance(waarde, dict):
        return set(waarde) | {s for v in waarde.values() for s in _sleutels(v)}
    if isinstance(waarde, list):
        return {s for v in waarde for s in _sleutels(v)}
    return set()


def test_geen_persoonsgegevens_in_enig_antwoord(api):
    """Elke pagina van elke bron, JSON en CSV, plus index en document: geen verboden veldnaam, geen kanariewaarde,
    niets van de niet-openbare wijk."""
    teksten = [_get(f"{api}/").text, _get(f"{api}/openapi.json").text]
    for bron in BRONNEN:
        for jaar in (None, 2009, 2025):
            params: dict[str, Any] = {"per_pagina": 1000}
            if jaar is not None and bron in ("metingen", "doelstellingen", "maatregelen", "meldingen", "budget"):
                params["jaar"] = jaar
            pagina = 1
            while True:
                antwoord = _get(f"{api}/{bron}", params={**params, "pagina": pagina})
                assert antwoord.status_code == 200
                gegevens = antwoord.json()
                assert not _sleutels(gegevens) & VERBODEN_VELDEN, bron
                teksten.append(antwoord.text)
                teksten.append(_get(f"{api}/{bron}", params={**params, "pagina": pagina, "formaat": "csv"}).text)
                if gegevens["paginering"]["volgende"] is None:
                    break
                pagina += 1
    alles = "\n".join(teksten)
    assert KANARIE not in alles
    assert GEHEIM not in alles
    assert f'"{VERBORGEN}"' not in alles and f",{VERBORGEN}," not in alles
    # CSV-koppen: ook geen verboden namen.
    for bron in BRONNEN:
        kop = _csv(_get(f"{api}/{bron}", params={"formaat": "csv", "per_pagina": 1}))[0]
        assert not set(kop) & VERBODEN_VELDEN


# --------------------------------------------------------------------------- uitzetten


def test_api_uit_geeft_503(api, db):
    from datalaag.autorisatie import Actor
    from datalaag.db import maak_engine, maak_sessiefabriek
    from datalaag.openbaar import openbaarheid, zet_openbaar

    engine = maak_engine(db[0])
    fabriek = maak_sessiefabriek(engine)
    beheerder = Actor.opdrachtregel()
    try:
        with fabriek() as s, s.begin():
            zet_openbaar(s, beheerder, "api", False, openbaarheid(s, "api").versie)
        for pad in ("/", "/metingen", "/openapi.json"):
            antwoord = _get(f"{api}{pad}")
            assert antwoord.status_code == 503
            assert "staat op dit moment uit" in antwoord.json()["fout"]
        assert _get(f"{api}/metingen", params={"formaat": "csv"}).status_code == 503
    finally:
        with fabriek() as s, s.begin():
            zet_openbaar(s, beheerder, "api", True, openbaarheid(s, "api").versie)
        engine.dispose()
    assert _get(f"{api}/metingen").status_code == 200


# --------------------------------------------------------------------------- rate limiting


def test_rate_limiting_per_proces(api, db):
    """Een tweede app op dezelfde database met limiet 5 per minuut (zonder Redis: telling per proces)."""
    with start_app(*db, limiet=5) as klein:
        _wacht_op_vers_venster()
        standen = []
        for _ in range(5):
            antwoord = _get(f"{klein}/ambities")
            assert antwoord.status_code == 200
            standen.append(int(antwoord.headers["X-RateLimit-Remaining"]))
        assert standen == [4, 3, 2, 1, 0]
        # X-Forwarded-For helpt niet (alleen achter ProxyFix in productie telt dat mee).
        te_veel = _get(f"{klein}/ambities", headers={"X-Forwarded-For": "203.0.113.9"})
        assert te_veel.status_code == 429
        assert 1 <= int(te_veel.headers["Retry-After"]) <= 60
        assert te_veel.headers["X-RateLimit-Limit"] == "5" and te_veel.headers["X-RateLimit-Remaining"] == "0"
        assert "Te veel verzoeken: hooguit 5 per minuut" in te_veel.json()["fout"]
        assert _get(f"{klein}/metingen", params={"formaat": "csv"}).status_code == 429


def _wacht_op_vers_venster() -> None:
    """Het venster is een kalenderminuut: begin niet vlak voor de wisseling (anders telt de test half over)."""
    seconde = time.time() % 60
    if seconde > 45:
        time.sleep(60 - seconde + 0.5)


@pytest.mark.skipif(not REDIS_URL, reason="WIJK_TEST_REDIS_URL niet gezet: Redis-variant overgeslagen")
def test_rate_limiting_gedeeld_via_redis(api, db):
    """Twee app-processen met dezelfde Redis delen één telling per client."""
    import redis

    klant = redis.Redis.from_url(REDIS_URL)
    for sleutel in klant.scan_iter("wijkaanpak:api:limiet:*"):
        klant.delete(sleutel)
    with start_app(*db, limiet=6, redis_url=REDIS_URL) as een, start_app(*db, limiet=6, redis_url=REDIS_URL) as twee:
        _wacht_op_vers_venster()
        standen = []
        for basis in (een, twee, een, twee, een, twee):
            antwoord = _get(f"{basis}/ambities")
            assert antwoord.status_code == 200
            standen.append(int(antwoord.headers["X-RateLimit-Remaining"]))
        assert standen == [5, 4, 3, 2, 1, 0]
        assert _get(f"{een}/ambities").status_code == 429
        assert _get(f"{twee}/ambities").status_code == 429
    for sleutel in klant.scan_iter("wijkaanpak:api:limiet:*"):
        klant.delete(sleutel)


def test_begrenzer_probeert_een_onbereikbare_redis_niet_bij_elk_verzoek(monkeypatch):
    """Een hangende of weggevallen Redis kost hooguit één time-out per pauze, niet één per verzoek; het proces telt
    intussen zelf (en blijft begrenzen)."""
    from dashboard import api

    pogingen = []

    class KapotteRedis:
        def pipeline(self):
            pogingen.append(1)
            raise ConnectionError("Redis weg")

    monkeypatch.setattr(api, "redis_klant", lambda url: KapotteRedis())
    begrenzer = api.Begrenzer(3, "redis://127.0.0.1:1/0")
    nu = 1_000_000.0
    tellingen = [begrenzer.tel("1.2.3.4", nu + i * 0.01)[0] for i in range(5)]
    assert tellingen == [1, 2, 3, 4, 5] and len(pogingen) == 1
    begrenzer._pauze_tot = 0.0   # de pauze voorbij: Redis wordt weer geprobeerd
    begrenzer.tel("1.2.3.4", nu + 0.1)
    assert len(pogingen) == 2
