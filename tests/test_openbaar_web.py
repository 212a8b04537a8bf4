"""De openbare wijkpagina's over HTTP: zonder aanmelden, 200/404/503, cache (ETag, 304), HEAD, de schakelaar
van de beheerder, eigen CSP, geen cookies, en ge-escapete tekst.

De app draait in een eigen proces (één ``create_app`` per proces) met de demogegevens (SQLite); het script
doet de verzoeken met de Flask-testclient en geeft per geval status, headers en stukjes tekst terug.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT_MAP = Path(__file__).resolve().parents[1]

_SCRIPT = textwrap.dedent(r"""
    import json, sys
    from pathlib import Path

    from sqlalchemy import select

    from dashboard import create_app
    from dashboard.config import Config
    from dashboard.database import sessiefabriek
    from datalaag.autorisatie import Actor
    from datalaag.models import Stadsdeel, Wijk, Wijkplan
    from datalaag.openbaar import openbaarheid, zet_openbaar

    database_url, map_ = sys.argv[1], Path(sys.argv[2])
    server = create_app(Config(database_url=database_url, instance_map=map_, testing=True))
    server.config["PROPAGATE_EXCEPTIONS"] = False
    fabriek = sessiefabriek(server)
    beheerder = Actor(gebruiker_id=None, naam="Beheer test", rol="beheerder")
    with fabriek() as sessie, sessie.begin():
        stadsdeel = sessie.scalars(select(Stadsdeel)).first()
        # Een wijk met alleen een concept-plan (niet openbaar) en een met een naam vol HTML.
        concept = Wijk(naam="Conceptwijk", slug="conceptwijk", stadsdeel_id=stadsdeel.id, werkwijze="AWA")
        html_wijk = Wijk(naam="<script>alert('x')</script> & Co", slug="html-wijk", stadsdeel_id=stadsdeel.id,
                         werkwijze="AWA")
        sessie.add_all([concept, html_wijk])
        sessie.flush()
        sessie.add_all([
            Wijkplan(wijk_id=concept.id, titel="Concept", werkwijze="AWA", periode_van=2000, periode_tot=2100,
                     status="concept"),
            Wijkplan(wijk_id=html_wijk.id, titel="<b>Plan</b>", werkwijze="AWA", periode_van=2000, periode_tot=2100,
                     status="vastgesteld"),
        ])
    klant = server.test_client()
    uit = {}

    def vraag(naam, pad, methode="GET", **kop):
        a = klant.open(pad, method=methode, headers=kop)
        uit[naam] = {"status": a.status_code, "headers": {k.lower(): v for k, v in a.headers.items()},
                     "set_cookie": a.headers.getlist("Set-Cookie"), "tekst": a.get_data(as_text=True)}
        return a

    vraag("lijst", "/openbaar")
    vraag("lijst_slash", "/openbaar/")
    eerste = vraag("riet", "/openbaar/wijk/de-riet")
    vraag("riet_304", "/openbaar/wijk/de-riet", **{"If-None-Match": eerste.headers["ETag"]})
    vraag("riet_andere_etag", "/openbaar/wijk/de-riet", **{"If-None-Match": '"iets-anders"'})
    vraag("riet_head", "/openbaar/wijk/de-riet", methode="HEAD")
    vraag("riet_nogmaals", "/openbaar/wijk/de-riet")
    vraag("onbekend", "/openbaar/wijk/bestaat-niet")
    vraag("concept", "/openbaar/wijk/conceptwijk")
    vraag("html", "/openbaar/wijk/html-wijk")
    vraag("ander_pad", "/openbaar/iets/anders")
    vraag("css", "/openbaar/static/openbaar.css")
    with fabriek() as sessie, sessie.begin():
        zet_openbaar(sessie, beheerder, "paginas", False, openbaarheid(sessie, "paginas").versie)
    vraag("uit_riet", "/openbaar/wijk/de-riet")
    vraag("uit_lijst", "/openbaar")
    with fabriek() as sessie, sessie.begin():
        zet_openbaar(sessie, beheerder, "paginas", True, openbaarheid(sessie, "paginas").versie)
    vraag("weer_aan", "/openbaar/wijk/de-riet")
    print("RESULTAAT" + json.dumps(uit))
""")


@pytest.fixture(scope="module")
def r(tmp_path_factory) -> dict:
    map_ = tmp_path_factory.mktemp("openbaar-web")
    uit = subprocess.run([sys.executable, "-c", _SCRIPT, f"sqlite:///{map_ / 'web.db'}", str(map_)],
                         check=False, cwd=PROJECT_MAP, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "WIJK_MODE": "demo"})
    regel = next((x for x in uit.stdout.splitlines() if x.startswith("RESULTAAT")), None)
    assert regel is not None, f"het script gaf geen resultaat:\n{uit.stdout[-3000:]}\n{uit.stderr[-5000:]}"
    return json.loads(regel.removeprefix("RESULTAAT"))


def test_lijst_zonder_aanmelden(r):
    for naam in ("lijst", "lijst_slash"):
        assert r[naam]["status"] == 200
        assert 'href="/openbaar/wijk/de-riet"' in r[naam]["tekst"]
        assert "conceptwijk" not in r[naam]["tekst"]


def test_wijkpagina_zonder_aanmelden_en_te_cachen(r):
    a = r["riet"]
    assert a["status"] == 200 and a["headers"]["content-type"].startswith("text/html")
    for tekst in ('<html lang="nl">', "<h1 class=\"h2 mb-1\">De Riet</h1>", "Hoe staat de wijk ervoor?",
                  "de wijk ligt op schema om het doel te halen.", "Bijgewerkt op ",
                  "Neem contact op met de gemeente Almelo", 'id="meldingen-tabel"', 'id="evaluatie-tabel"'):
        assert tekst in a["tekst"], tekst
    assert a["headers"]["cache-control"] == "public, max-age=300"
    assert a["headers"]["etag"].startswith('"') and len(a["headers"]["etag"]) == 66
    assert a["set_cookie"] == [] and "cookie" not in a["headers"].get("vary", "").lower()
    # Dezelfde inhoud, dezelfde sterke ETag.
    assert r["riet_nogmaals"]["headers"]["etag"] == a["headers"]["etag"]


def test_if_none_match_geeft_304(r):
    assert r["riet_304"]["status"] == 304 and r["riet_304"]["tekst"] == ""
    assert r["riet_304"]["headers"]["etag"] == r["riet"]["headers"]["etag"]
    assert r["riet_andere_etag"]["status"] == 200 and r["riet_andere_etag"]["tekst"] == r["riet"]["tekst"]


def test_head(r):
    assert r["riet_head"]["status"] == 200 and r["riet_head"]["tekst"] == ""
    assert r["riet_head"]["headers"]["etag"] == r["riet"]["headers"]["etag"]


def test_eigen_strikte_csp_zonder_scripts(r):
    csp = r["riet"]["headers"]["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
    assert "<script" not in r["riet"]["tekst"] and " style=" not in r["riet"]["tekst"]
    assert r["riet"]["headers"]["x-frame-options"] == "DENY"


@pytest.mark.parametrize("naam", ["onbekend", "concept"])
def test_niet_openbare_wijk_geeft_vriendelijke_404(r, naam):
    a = r[naam]
    assert a["status"] == 404
    assert "Geen openbare pagina voor deze wijk" in a["tekst"]
    assert "nog niet heeft vastgesteld" in a["tekst"] and '<html lang="nl">' in a["tekst"]
    assert "Conceptwijk" not in a["tekst"]


def test_onbekend_pad_onder_openbaar_is_404_en_geen_dash(r):
    assert r["ander_pad"]["status"] == 404 and "Deze pagina bestaat niet" in r["ander_pad"]["tekst"]


def test_tekst_uit_de_database_wordt_ge_escaped(r):
    a = r["html"]
    assert a["status"] == 200
    assert "<script>alert" not in a["tekst"] and "&lt;script&gt;alert(" in a["tekst"]
    assert "<b>Plan</b>" not in a["tekst"] and "&lt;b&gt;Plan&lt;/b&gt;" in a["tekst"]


def test_css_wordt_geserveerd_en_gecachet(r):
    assert r["css"]["status"] == 200 and r["css"]["headers"]["content-type"].startswith("text/css")
    assert "max-age=86400" in r["css"]["headers"]["cache-control"]


def test_beheerder_zet_de_paginas_uit_en_weer_aan(r):
    for naam in ("uit_riet", "uit_lijst"):
        a = r[naam]
        assert a["status"] == 503
        assert "De openbare wijkpagina&#39;s zijn tijdelijk niet beschikbaar" in a["tekst"]
        assert a["headers"]["cache-control"] == "no-store"
        assert "De Riet" not in a["tekst"]
    assert r["weer_aan"]["status"] == 200 and r["weer_aan"]["tekst"] == r["riet"]["tekst"]
