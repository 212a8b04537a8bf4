"""Vervalste Store-waarden en veld-ids in de invoerformulieren: geen 500, en na opslaan telt wat de service zegt.

Een aanvaller (of een verouderde pagina) kan in ``/_dash-update-component`` elke Store-waarde en elk veld-id
meesturen. De services valideren hun invoer zelf; deze tests bewaken de pagina's: na een geslaagde schrijfactie
bouwen ze de stand op uit wat de service teruggaf (wijk en jaar van het record), niet uit de Store, en een
veld-id dat geen dict met een veldnaam is, laat een callback niet omvallen.

Dash registreert pagina's en callbacks globaal: er kan één app per proces zijn, en die van
tests/test_beveiliging.py kan deze module niet delen. Daarom draait de app hier in een eigen proces
(``_SCRIPT``), met een eigen database (SQLite, en PostgreSQL in een eigen schema als
``WIJK_TEST_POSTGRES_URL`` gezet is, zoals tests/conftest.py). Het proces gebruikt de voorbereiding van de
matrixrijen (tests/schrijfmatrix) voor geldige invoer, vervalst daarna Store of ids, post zoals de browser,
en geeft per geval de uitkomst als JSON terug; de tests hieronder beoordelen die.
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

#: De paginamodules waarvan deze tests de schrijvende callbacks met vervalste ids aanroepen.
MODULES = ("pagina.invoer_uitgaven", "pagina.invoer_metingen", "pagina.invoer_regiegroep",
           "pagina.invoer_bewonersinbreng", "pagina.invoer_toezeggingen", "pagina.invoer_meldingen")
GROOT = 2**70  # past niet in een INTEGER: SQLite gaf een OverflowError

_SCRIPT = textwrap.dedent(r"""
    import json, re, sys, traceback
    from pathlib import Path

    from dashboard import create_app
    from dashboard.config import Config

    database_url, map_ = sys.argv[1], Path(sys.argv[2])
    modules, groot = json.loads(sys.argv[3]), int(sys.argv[4])
    server = create_app(Config(database_url=database_url, instance_map=map_, testing=True))
    server.config["PROPAGATE_EXCEPTIONS"] = False  # een fout in een callback is een 500, zoals in productie
    assert server.test_client().get("/login").status_code == 200

    from dashboard.database import sessiefabriek
    from sqlalchemy import select
    from tests.schrijfmatrix import alle_schrijfacties
    from tests.schrijfmatrix.basis import (ACTOR_OP_NAAM, CSRF_COOKIE, CSRF_HEADER, ROLLEN, VANDAAG, Omgeving,
                                           callback_sleutel, componenten, cookie, dash_body, nieuwe_klant,
                                           toon_pagina)

    fabriek = sessiefabriek(server)

    def meld_aan(rol):
        klant = nieuwe_klant(server)
        html = klant.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]
        antwoord = klant.post("/login", data={"csrf_token": token, "email": f"{rol}@demo.almelo.nl",
                                               "wachtwoord": f"demo-{rol}"})
        assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:300]
        return klant

    klanten = {rol: meld_aan(rol) for rol in ROLLEN}
    omgeving = Omgeving(server, fabriek, klanten)
    beheerder = ACTOR_OP_NAAM["beheerder"]
    acties = {a.naam: a for a in alle_schrijfacties() if a.module in modules}
    uit = {}

    def vervals_ids(body):
        # Twee extra veld-ids per formulier: een tekst en een dict zonder veldnaam (plus hun waarden en uitvoer).
        soorten = set()
        for deel in body["state"]:
            if isinstance(deel, list) and deel and deel[0]["property"] == "id":
                soort = deel[0]["id"]["type"]
                soorten.add(soort.removesuffix("-veld"))
                deel += [{"id": {"type": soort, "veld": "vervalst-1"}, "property": "id", "value": "vervalst"},
                         {"id": {"type": soort, "veld": "vervalst-2"}, "property": "id", "value": {"type": soort}}]
        for deel in body["state"]:
            if isinstance(deel, list) and deel and deel[0]["property"] == "value":
                soort = deel[0]["id"]["type"]
                deel += [{"id": {"type": soort, "veld": f"vervalst-{n}"}, "property": "value", "value": "x"}
                         for n in (1, 2)]
        uitvoer = body["outputs"] if isinstance(body["outputs"], list) else [body["outputs"]]
        for deel in uitvoer:
            if isinstance(deel, list) and deel and deel[0]["id"]["type"].rsplit("-", 1)[0] in soorten:
                deel += [{"id": {**deel[0]["id"], "veld": f"vervalst-{n}"}, "property": deel[0]["property"]}
                         for n in (1, 2)]

    def post(actie, waarden, rol="beheerder", ids=False):
        body = dash_body(server, callback_sleutel(server, actie.module, actie.functie), waarden, actie.trigger)
        if ids:
            vervals_ids(body)
        klant = klanten[rol]
        return klant.post("/_dash-update-component", json=body, headers={CSRF_HEADER: cookie(klant, CSRF_COOKIE)})

    def geval(naam, actie, variant="nieuw", *, ids=False, basis=None, rol="beheerder", extra=None):
        try:
            waarden, plek = actie.voorbereiden(omgeving, beheerder, variant)
            sleutel = next((k for k in waarden if k.endswith("-basis.data")), None)
            if basis:
                waarden[sleutel] = {**waarden[sleutel], **basis(plek, waarden[sleutel])}
            antwoord = post(actie, waarden, rol, ids)
            tekst = antwoord.get_data(as_text=True)
            r = {"status": antwoord.status_code, "tekst": tekst[:3000], "plek": {k: v for k, v in plek.items()
                                                                                  if isinstance(v, (int, str))}}
            try:
                actie.controleer_opgeslagen(omgeving, plek)
                r["opgeslagen"] = True
            except AssertionError as fout:
                r["opgeslagen"] = f"niet opgeslagen: {fout}"
            if antwoord.status_code == 200:
                r["response"] = antwoord.get_json().get("response", {})
            if extra:
                r.update(extra(plek, r))
        except Exception:
            r = {"status": None, "fout": traceback.format_exc()[-3000:]}
        uit[naam] = r

    # 1. Vervalste ids bij elke schrijvende callback van de formulieren (geldige invoer, dus opgeslagen).
    for actie in acties.values():
        for variant in actie.varianten:
            rol = "beheerder" if "beheerder" in actie.toegestaan else sorted(actie.toegestaan)[0]
            geval(f"ids/{actie.naam}/{variant}", actie, variant, ids=True, rol=rol)

    # 2. Uitgaven: een vervalst jaar in de Store.
    for jaar in (99999, -5, "abc"):
        geval(f"uitgaven-jaar/{jaar}", acties["uitgaven-opslaan"], basis=lambda plek, b, j=jaar: {"jaar": j})

    # 3. Metingen: een wijk_id als tekst met decimalen (de service leest "3.0" als 3; int("3.0") niet).
    for vorm in ("{}.0", "{},0", " {} "):
        geval(f"metingen-wijk/{vorm}", acties["metingen-opslaan"],
              basis=lambda plek, b, v=vorm: {"wijk_id": v.format(b["wijk_id"])})

    # 4. Regiegroep: een wijk_id die niet past, of die van een andere wijk.
    def leden_tekst(plek, r):
        return {"leden": json.dumps(r.get("response", {}).get("regiegroep-leden", {}), ensure_ascii=False),
                "basis_na": r.get("response", {}).get("regiegroep-basis", {}).get("data")}

    andere_wijk = omgeving.wijken["eigen"][1]
    for naam, actie_naam, variant in (("toevoegen", "regiegroep-lid-toevoegen", "nieuw"),
                                      ("wijzigen", "regiegroep-lid-wijzigen", "bestaand"),
                                      ("vertrek", "regiegroep-vertrek", "bestaand")):
        geval(f"regiegroep-groot/{naam}", acties[actie_naam], variant,
              basis=lambda plek, b: {"wijk_id": groot}, extra=leden_tekst)
        geval(f"regiegroep-andere-wijk/{naam}", acties[actie_naam], variant,
              basis=lambda plek, b: {"wijk_id": andere_wijk, "wijk_slug": "vervalst"}, extra=leden_tekst)

    # 5. Meldingen: het blok "gemeld aan de regiegroep" alleen bij een afgehandelde melding.
    from tests.schrijfmatrix.meldingen import _klaarzetten
    for soort, afgehandeld in (("open", False), ("afgehandeld", True)):
        try:
            melding_id, _ = _klaarzetten(omgeving, omgeving.wijken["eigen"][0], afgehandeld=afgehandeld)
            ids = [c["props"].get("id") for c in toon_pagina(klanten["beheerder"], server, "/invoer/meldingen",
                                                               f"?melding={melding_id}")]
            uit[f"meldingen-gemeld-blok/{soort}"] = {"ids": [i for i in ids if isinstance(i, str)],
                                                     "veldids": [i for i in ids if isinstance(i, dict)]}
        except Exception:
            uit[f"meldingen-gemeld-blok/{soort}"] = {"fout": traceback.format_exc()[-3000:]}

    # 6. Te grote ids in de URL (de pagina's zoeken ze op in de database).
    for pad, zoek in (("/invoer/uitgaven", f"?uitgave={groot}"), ("/invoer/metingen", f"?meting={groot}"),
                      ("/invoer/toezeggingen", f"?toezegging={groot}"),
                      ("/invoer/meldingen", f"?melding={groot}&pagina={groot}"),
                      ("/invoer/regiegroep", f"?lid={groot}"), ("/invoer/bewonersinbreng", f"?inbreng={groot}")):
        try:
            onderdelen = toon_pagina(klanten["beheerder"], server, pad, zoek)
            uit[f"url/{pad}"] = {"status": 200, "aantal": len(onderdelen)}
        except Exception:
            uit[f"url/{pad}"] = {"status": None, "fout": traceback.format_exc()[-1000:]}

    print("RESULTAAT" + json.dumps(uit, default=str))
""")


def _draai(database_url: str, map_: Path) -> dict:
    uit = subprocess.run(
        [sys.executable, "-c", _SCRIPT, database_url, str(map_), json.dumps(MODULES), str(GROOT)],
        cwd=PROJECT_MAP, capture_output=True, text=True, timeout=900, check=False,
    )
    assert uit.returncode == 0, uit.stderr[-5000:]
    regel = next(r for r in uit.stdout.splitlines() if r.startswith("RESULTAAT"))
    return json.loads(regel.removeprefix("RESULTAAT"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def uitkomst(request, tmp_path_factory) -> dict:
    """Alle gevallen in één eigen proces met een eigen app en database (het vullen duurt even)."""
    map_ = tmp_path_factory.mktemp(f"vervalst-{request.param}")
    if request.param == "sqlite":
        return _draai(f"sqlite:///{map_ / 'wijkaanpak.db'}", map_)
    if not PG_URL:
        pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")
    from sqlalchemy import text

    from datalaag.db import maak_engine

    schema = f"test_vervalst_{uuid.uuid4().hex[:10]}"
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


def _geslaagd(r: dict) -> None:
    assert r.get("status") == 200, r.get("fout") or r.get("tekst", "")[:2000]
    assert r["opgeslagen"] is True, r["opgeslagen"]


def _gevallen(uitkomst: dict, voorvoegsel: str) -> dict:
    gevallen = {k: v for k, v in uitkomst.items() if k.startswith(voorvoegsel)}
    assert gevallen, f"geen gevallen {voorvoegsel}"
    return gevallen


# --------------------------------------------------------------------------- vervalste veld-ids
def test_vervalste_veld_ids_bij_elke_schrijvende_callback(uitkomst):
    """Een veld-id als tekst of als dict zonder veldnaam doet nergens mee: de actie slaagt gewoon (voorheen:
    KeyError in ``ingevulde_velden`` of ``i.get``/``i["veld"]`` op een tekst, een 500 ná het opslaan)."""
    gevallen = _gevallen(uitkomst, "ids/")
    modules = {naam.split("/")[1].split("-")[0] for naam in gevallen}
    assert {"uitgaven", "metingen", "regiegroep", "bewonersinbreng", "toezegging", "melding"} <= modules
    for naam, r in gevallen.items():
        assert r.get("status") == 200, (naam, r.get("fout") or r.get("tekst", "")[:2000])
        assert r["opgeslagen"] is True, (naam, r["opgeslagen"])


# --------------------------------------------------------------------------- uitgaven
@pytest.mark.parametrize("jaar", ["99999", "-5", "abc"])
def test_uitgave_met_vervalst_jaar_in_de_store(uitkomst, jaar):
    """Het jaar van de budgetstand na opslaan komt uit de uitgave (voorheen: ValueError in uitgaven_stand)."""
    import datetime as dt

    r = uitkomst[f"uitgaven-jaar/{jaar}"]
    _geslaagd(r)
    basis = r["response"]["uitgaven-basis"]["data"]
    assert basis["jaar"] == dt.date.today().year and basis["wijk_id"] == r["plek"]["wijk_id"]
    assert "uitgaven-budget" in r["response"] and "Geboekt om" in r["tekst"]


# --------------------------------------------------------------------------- metingen
@pytest.mark.parametrize("vorm", ["{}.0", "{},0", " {} "])
def test_meting_met_wijk_id_als_tekst(uitkomst, vorm):
    """De service leest "3.0" als wijk 3; de pagina gebruikt daarna de wijk van de meting (voorheen: int("3.0"))."""
    r = uitkomst[f"metingen-wijk/{vorm}"]
    _geslaagd(r)
    basis = r["response"]["metingen-basis"]["data"]
    assert (basis["wijk_id"], basis["indicator_id"]) == (r["plek"]["wijk_id"], r["plek"]["indicator_id"])
    assert "metingen-stand" in r["response"]


# --------------------------------------------------------------------------- regiegroep
@pytest.mark.parametrize("actie", ["toevoegen", "wijzigen", "vertrek"])
def test_regiegroep_met_te_grote_wijk_id_in_de_store(uitkomst, actie):
    """wijk_id = 2**70 in de Store: voorheen een OverflowError (SQLite) ná het opslaan."""
    r = uitkomst[f"regiegroep-groot/{actie}"]
    _geslaagd(r)
    assert r["basis_na"] is None or r["basis_na"]["wijk_id"] == r["plek"]["wijk_id"]
    assert r["leden"] != "{}", "de ledenlijst is niet bijgewerkt"


@pytest.mark.parametrize("actie", ["toevoegen", "wijzigen", "vertrek"])
def test_regiegroep_toont_de_wijk_van_het_record_niet_die_uit_de_store(uitkomst, actie):
    """Met de wijk van een andere regiegroep in de Store toonde de pagina na opslaan díe leden."""
    r = uitkomst[f"regiegroep-andere-wijk/{actie}"]
    _geslaagd(r)
    if actie == "toevoegen":
        assert r["plek"]["naam"] in r["leden"], "de ledenlijst is niet die van de wijk van het nieuwe lid"
    else:
        assert f'"data-lid": "{r["plek"]["lid_id"]}"' in r["leden"], "de ledenlijst is niet die van de wijk van het lid"
        assert r["basis_na"]["wijk_id"] == r["plek"]["wijk_id"]
        assert r["basis_na"]["wijk_slug"] != "vervalst"


# --------------------------------------------------------------------------- meldingen
def test_gemeld_aan_regiegroep_alleen_bij_een_afgehandelde_melding(uitkomst):
    open_, af = uitkomst["meldingen-gemeld-blok/open"], uitkomst["meldingen-gemeld-blok/afgehandeld"]
    assert "fout" not in open_ and "fout" not in af, open_.get("fout") or af.get("fout")
    assert "melding-gemeld-opslaan" not in open_["ids"] and "melding-gemeld-nog-niet" in open_["ids"]
    assert not [i for i in open_["veldids"] if i.get("type") == "melding-gemeld-veld"]
    assert "melding-gemeld-opslaan" in af["ids"] and "melding-gemeld-nog-niet" not in af["ids"]
    assert [i for i in af["veldids"] if i.get("type") == "melding-gemeld-veld"]


# --------------------------------------------------------------------------- ids in de URL
@pytest.mark.parametrize("pad", ["/invoer/uitgaven", "/invoer/metingen", "/invoer/toezeggingen", "/invoer/meldingen",
                                 "/invoer/regiegroep", "/invoer/bewonersinbreng"])
def test_te_groot_id_in_de_url(uitkomst, pad):
    r = uitkomst[f"url/{pad}"]
    assert r["status"] == 200, r.get("fout")
    assert r["aantal"] > 0
