"""Geen persoonsgegevens in openbare antwoorden (notitie §3.10): nooit namen, vrije tekst of adressen.

De app draait in een eigen proces (één ``create_app`` per proces, zie tests/test_vervalste_invoer.py) met de
demogegevens. Daarna zet het script in elke kolom met persoonsgegevens of vrije tekst een herkenbare
kanariewaarde (``KANARIE…``): namen van melders, regiegroepleden, gebruikers en verantwoordelijken,
e-mailadressen, straat en buurt, omschrijving en aanpak van meldingen, toelichtingen, opmerkingen, de
motivering en het besluit bij een evaluatie, budgethouders, en ``gewijzigd_door`` in elke tabel. Dan vraagt
het elke openbare pagina op (``/openbaar``, ``/openbaar/wijk/<elke openbare wijk>``) en, als de open-data-API
er is, elk pad uit ``/api/v1/openapi.json`` (JSON en CSV). Geen enkel antwoord mag een kanarie bevatten.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

PROJECT_MAP = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("WIJK_TEST_POSTGRES_URL", "")

#: Kolommen met persoonsgegevens of vrije tekst (tabel → kolommen), plus ``gewijzigd_door`` overal.
KANARIE_KOLOMMEN = {
    "melding": ("omschrijving", "aanpak", "rol_bewoners", "straat", "buurt", "verantwoordelijke", "kenmerk"),
    "regiegroeplid": ("naam", "organisatie"),
    "regiegroep": ("naam",),
    "gebruiker": ("naam", "email"),
    "stadsdeel": ("stadsdeelcoordinator", "stadsdeelwethouder"),
    "maatregel": ("verantwoordelijke", "opmerkingen"),
    "maatregel_voortgang": ("toelichting",),
    "evaluatie": ("extra_budget_motivering", "raadsbesluit"),
    "evaluatie_ambitie": ("opmerkingen", "aanvullende_maatregelen", "gerealiseerde_doelstelling", "doelstelling"),
    "wijkplan": ("kader_betrokkenheid_toelichting", "kader_doelstellingen_toelichting", "kader_middelen_toelichting"),
    "wijkplan_status": ("toelichting",),
    "bewonersinbreng": ("opmerkingen",),
    "doelstelling_bijstelling": ("toelichting",),
    "wijkanalyse_ambitie": ("knelpunten", "opmerkingen", "doelstellingen", "oplossingsrichtingen"),
    "oormerk": ("budgethouder",),
    "uitgave": ("omschrijving",),
    "toezegging": ("afdoening", "portefeuillehouder", "onderwerp"),
    "mutatie": ("gebruiker_naam",),
}

_SCRIPT = textwrap.dedent(r"""
    import json, sys, urllib.parse
    from pathlib import Path

    from sqlalchemy import String, Text, cast, func, literal, select, update

    from dashboard import create_app
    from dashboard.config import Config
    from dashboard.database import sessiefabriek
    from datalaag.models import Base, Melding
    from datalaag.openbaar import openbare_wijken

    database_url, map_, kolommen = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    server = create_app(Config(database_url=database_url, instance_map=map_, testing=True))
    server.config["PROPAGATE_EXCEPTIONS"] = False
    fabriek = sessiefabriek(server)
    uit = {"gezet": {}, "antwoorden": {}, "fouten": []}

    with fabriek() as sessie, sessie.begin():
        for tabel in Base.metadata.sorted_tables:
            namen = list(kolommen.get(tabel.name, ()))
            if "gewijzigd_door" in tabel.c:
                namen.append("gewijzigd_door")
            waarden = {}
            for naam in namen:
                if naam not in tabel.c:
                    uit["fouten"].append(f"kolom {tabel.name}.{naam} bestaat niet")
                    continue
                kol = tabel.c[naam]
                voorvoegsel = literal(f"KANARIE-{tabel.name}-{naam}-")
                waarden[naam] = voorvoegsel + cast(tabel.c.id, String) if "id" in tabel.c else voorvoegsel
            if waarden:
                uit["gezet"][tabel.name] = sessie.execute(update(tabel).values(**waarden)).rowcount
    with fabriek() as sessie:
        slugs = [w.slug for w in openbare_wijken(sessie)]
        uit["slugs"] = slugs
        uit["kanarie_in_db"] = sessie.scalar(select(func.count()).select_from(Melding)
                                             .where(Melding.omschrijving.like("KANARIE%")))

    klant = server.test_client()

    def vraag(pad, **kop):
        a = klant.get(pad, headers=kop)
        tekst = a.get_data(as_text=True)
        uit["antwoorden"][pad + (" " + json.dumps(kop) if kop else "")] = {
            "status": a.status_code, "kanarie": "KANARIE" in tekst, "lengte": len(tekst)}
        return a, tekst

    vraag("/openbaar")
    vraag("/openbaar/")
    for slug in slugs:
        vraag(f"/openbaar/wijk/{slug}")
    a, tekst = vraag("/api/v1/openapi.json")
    uit["api"] = a.status_code == 200
    if uit["api"]:
        spec = json.loads(tekst)
        for pad, methoden in spec.get("paths", {}).items():
            if "get" not in methoden:
                continue
            invullingen = [pad]
            if "{" in pad:
                invullingen = [pad.replace(pad[pad.index("{"):pad.index("}") + 1], s) for s in slugs]
                invullingen = [p for p in invullingen if "{" not in p]
            for p in invullingen:
                vraag(p)
                vraag(p, Accept="text/csv")
                for sleutel in ("formaat", "format"):
                    vraag(p + ("&" if "?" in p else "?") + urllib.parse.urlencode({sleutel: "csv"}))
    print("RESULTAAT" + json.dumps(uit, default=str))
""")


def _draai(database_url: str, map_: Path) -> dict:
    uit = subprocess.run([sys.executable, "-c", _SCRIPT, database_url, str(map_), json.dumps(KANARIE_KOLOMMEN)],
                         check=False, cwd=PROJECT_MAP, capture_output=True, text=True, timeout=900,
                         env={**os.environ, "WIJK_MODE": "demo"})
    regel = next((r for r in uit.stdout.splitlines() if r.startswith("RESULTAAT")), None)
    assert regel is not None, f"het script gaf geen resultaat:\n{uit.stdout[-3000:]}\n{uit.stderr[-5000:]}"
    return json.loads(regel.removeprefix("RESULTAAT"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def uitkomst(request, tmp_path_factory) -> dict:
    from sqlalchemy import text

    from datalaag.db import maak_engine

    map_ = tmp_path_factory.mktemp(f"privacy-{request.param}")
    if request.param == "sqlite":
        return _draai(f"sqlite:///{map_ / 'privacy.db'}", map_)
    if not PG_URL:
        pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")
    schema = f"test_privacy_{uuid.uuid4().hex[:10]}"
    beheer = maak_engine(PG_URL)
    with beheer.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        scheiding = "&" if "?" in PG_URL else "?"
        return _draai(f"{PG_URL}{scheiding}options=-csearch_path%3D{schema}", map_)
    finally:
        with beheer.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


def test_de_kanaries_staan_in_de_database(uitkomst):
    """Anders test de volgende test niets."""
    assert uitkomst["fouten"] == []
    assert uitkomst["kanarie_in_db"] > 0
    for tabel in ("melding", "regiegroeplid", "gebruiker", "maatregel", "evaluatie", "evaluatie_ambitie", "oormerk"):
        assert uitkomst["gezet"].get(tabel, 0) > 0, f"geen kanaries in {tabel}"
    assert "de-riet" in uitkomst["slugs"], "De Riet hoort in de demo een openbare wijk te zijn"


def test_elke_openbare_pagina_antwoordt(uitkomst):
    antwoorden = uitkomst["antwoorden"]
    for pad in ["/openbaar", "/openbaar/", *(f"/openbaar/wijk/{s}" for s in uitkomst["slugs"])]:
        assert antwoorden[pad]["status"] == 200, pad
        assert antwoorden[pad]["lengte"] > 1000, pad


def test_geen_persoonsgegevens_in_enig_openbaar_antwoord(uitkomst):
    lekken = [pad for pad, a in uitkomst["antwoorden"].items() if a["kanarie"]]
    assert lekken == [], f"persoonsgegevens of vrije tekst in openbare antwoorden: {lekken}"
