"""Wijkgrenzen inlezen (datalaag.kaart.laad_grenzen, ``python -m dashboard kaart laden``) en de kaartfiguur.

De test schrijft zelf een kleine GeoJSON in het formaat van de CBS wijk- en buurtkaart: twee
vierkanten in WGS84 die bij onze wijken horen (één op wijkcode, één op naam), één feature met een
naam die niet bestaat, en één van een andere gemeente.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head
from datalaag.kaart import (
    GrensFout,
    Kaartgegevens,
    kaartgegevens,
    laad_grenzen,
    normaliseer_naam,
    rd_naar_wgs84,
)
from datalaag.models import Mutatie, Stadsdeel, Werkwijze, Wijk
from pagina.componenten.kaart import kaart_figuur, kleur_in_schaal, slug_uit_klik, tegelnaam, tekstkleur

PROJECT_MAP = Path(__file__).resolve().parents[1]
VANDAAG = dt.date(2026, 11, 27)


def _vierkant(lon: float, lat: float, d: float = 0.01) -> list[list[list[float]]]:
    """Een vierkant in WGS84, met zes decimalen (zoals laad_grenzen ze bewaart)."""
    o, n = round(lon + d, 6), round(lat + d, 6)
    return [[[lon, lat], [o, lat], [o, n], [lon, n], [lon, lat]]]


def _feature(code: str, naam: str, geometrie: dict, gemeentecode: str = "GM0141", gemeente: str = "Almelo") -> dict:
    return {
        "type": "Feature",
        "properties": {"wijkcode": code, "wijknaam": naam, "gemeentecode": gemeentecode, "gemeentenaam": gemeente},
        "geometry": geometrie,
    }


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        # Op wijkcode (de naam in het bestand wijkt af).
        _feature("WK014100", "Kerkelanden e.o.", {"type": "Polygon", "coordinates": _vierkant(6.64, 52.37)}),
        # Op naam: andere code, accent en hoofdletters anders.
        _feature("WK014177", "  SLUITERSVÉLD ", {"type": "MultiPolygon", "coordinates": [_vierkant(6.67, 52.35)]}),
        # Geen wijk met deze naam.
        _feature("WK014178", "Riet, De", {"type": "Polygon", "coordinates": _vierkant(6.64, 52.35)}),
        # Andere gemeente: overgeslagen.
        _feature("WK015300", "Centrum", {"type": "Polygon", "coordinates": _vierkant(6.89, 52.22)}, "GM0153", "Enschede"),
    ],
}


def _wijken(sessie: Session) -> dict[str, Wijk]:
    sessie.add(Werkwijze(code="WOP", naam="Wijkontwikkelingsplan", omschrijving="-", looptijd="-", afbakening="-"))
    noord = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    wijken = {
        "kerkelanden": Wijk(naam="Kerkelanden", slug="kerkelanden", cbs_code="WK014100", stadsdeel=noord, werkwijze="WOP"),
        "sluitersveld": Wijk(naam="Sluitersveld", slug="sluitersveld", cbs_code="WK014101", stadsdeel=noord,
                             werkwijze="WOP"),
        "de-riet": Wijk(naam="De Riet", slug="de-riet", cbs_code="WK014103", stadsdeel=noord, werkwijze="WOP"),
    }
    sessie.add_all([noord, *wijken.values()])
    sessie.flush()
    return wijken


def test_laad_grenzen_koppelt_op_code_en_naam(sessie):
    wijken = _wijken(sessie)
    verslag = laad_grenzen(sessie, GEOJSON, door="beheerder")
    assert verslag.gekoppeld == ("Kerkelanden", "Sluitersveld")
    assert verslag.gewijzigd == ("Kerkelanden", "Sluitersveld")
    assert verslag.features_zonder_wijk == ("Riet, De",)
    assert verslag.wijken_zonder_feature == ("De Riet",)
    assert verslag.andere_gemeenten == 1
    assert not verslag.omgerekend_uit_rd

    sessie.expire_all()
    assert wijken["kerkelanden"].geometrie == {"type": "Polygon", "coordinates": _vierkant(6.64, 52.37)}
    assert wijken["sluitersveld"].geometrie["type"] == "MultiPolygon"
    assert wijken["de-riet"].geometrie is None
    assert wijken["kerkelanden"].gewijzigd_door == "beheerder"

    mutaties = sessie.scalars(select(Mutatie).order_by(Mutatie.entiteit_id)).all()
    assert [(m.entiteit, m.entiteit_id, m.actie, m.oud, m.nieuw) for m in mutaties] == [
        ("wijk", wijken["kerkelanden"].id, "gewijzigd", {"geometrie": "geen"}, {"geometrie": "aanwezig"}),
        ("wijk", wijken["sluitersveld"].id, "gewijzigd", {"geometrie": "geen"}, {"geometrie": "aanwezig"}),
    ]

    # Nog eens hetzelfde bestand: gekoppeld, maar niets gewijzigd en geen nieuwe mutaties.
    opnieuw = laad_grenzen(sessie, GEOJSON, door="beheerder")
    assert opnieuw.gekoppeld == ("Kerkelanden", "Sluitersveld") and opnieuw.gewijzigd == ()
    # Een andere grens voor Kerkelanden: één mutatie "aanwezig" → "aanwezig".
    ander = {"type": "FeatureCollection", "features": [
        _feature("WK014100", "Kerkelanden", {"type": "Polygon", "coordinates": _vierkant(6.60, 52.37)})]}
    assert laad_grenzen(sessie, ander, door="beheerder").gewijzigd == ("Kerkelanden",)
    laatste = sessie.scalars(select(Mutatie).order_by(Mutatie.id.desc())).first()
    assert (laatste.oud, laatste.nieuw) == ({"geometrie": "aanwezig"}, {"geometrie": "aanwezig"})
    assert len(sessie.scalars(select(Mutatie)).all()) == 3


@pytest.mark.parametrize(
    ("geojson", "melding"),
    [
        ([1, 2], "geen GeoJSON FeatureCollection"),
        ({"type": "Feature"}, "geen GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "geen features"),
        ({"type": "FeatureCollection", "features": [
            _feature("WK014100", "Kerkelanden", {"type": "Polygon", "coordinates": _vierkant(6.64, 52.37)}),
            _feature("WK014101", "Sluitersveld", {"type": "Point", "coordinates": [6.6, 52.3]}),
        ]}, "geen Polygon of MultiPolygon"),
    ],
)
def test_slecht_bestand_slaat_niets_op(sessie, geojson, melding):
    wijken = _wijken(sessie)
    with pytest.raises(GrensFout, match=melding):
        laad_grenzen(sessie, geojson, door="beheerder")
    sessie.expire_all()
    assert all(w.geometrie is None for w in wijken.values())
    assert sessie.scalars(select(Mutatie)).all() == []


def test_rd_new_wordt_omgerekend(sessie):
    wijken = _wijken(sessie)
    # Amersfoort (RD-oorsprong) en een vierkant van 1 km bij Almelo in RD New (meters).
    assert rd_naar_wgs84(155000, 463000) == pytest.approx((5.38720621, 52.15517440))
    x, y = 243000, 487000
    rd = {"type": "FeatureCollection", "features": [_feature("WK014100", "Kerkelanden", {
        "type": "Polygon", "coordinates": [[[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]]]})]}
    verslag = laad_grenzen(sessie, rd, door="beheerder")
    assert verslag.omgerekend_uit_rd and verslag.gekoppeld == ("Kerkelanden",)
    lon, lat = wijken["kerkelanden"].geometrie["coordinates"][0][0]
    assert 6.5 < lon < 6.8 and 52.3 < lat < 52.45  # Almelo


def test_normaliseer_naam():
    assert normaliseer_naam("  Sluitersvéld\tNoord ") == normaliseer_naam("sluitersveld noord")
    assert normaliseer_naam("De Riet") != normaliseer_naam("Riet, De")


def test_kaartfiguur_met_grenzen_is_een_choropleth(sessie):
    _wijken(sessie)
    laad_grenzen(sessie, GEOJSON, door="beheerder")
    gegevens = kaartgegevens(sessie, "ambitiescore", 2026, VANDAAG)
    assert gegevens.met_grenzen
    figuur = kaart_figuur(gegevens)
    choropleths = [t for t in figuur.data if isinstance(t, go.Choropleth)]
    # Zonder scores: alle wijken met een grens in het "geen gegevens"-spoor.
    assert sorted(loc for t in choropleths for loc in t.locations) == ["kerkelanden", "sluitersveld"]
    assert {f["id"] for f in choropleths[0].geojson["features"]} == {"kerkelanden", "sluitersveld"}
    assert figuur.layout.geo.fitbounds == "locations" and figuur.layout.geo.visible is False
    # Geen kaarttegels van internet, en de namen als eerste spoor (zie pagina.componenten.kaart).
    assert not any(isinstance(t, go.Choroplethmap | go.Scattermap) for t in figuur.data)
    assert isinstance(figuur.data[0], go.Scattergeo) and figuur.data[0].locationmode is None


def test_kaartfiguur_zuivere_functie_met_waarden():
    from datalaag.kaart import KaartWijk, kies_kaartmaat

    vierkant = {"type": "Polygon", "coordinates": _vierkant(6.64, 52.37)}
    gegevens = Kaartgegevens(
        maat=kies_kaartmaat("budgetbenutting"), jaar=2026, peildatum=VANDAAG,
        wijken=(KaartWijk("a", "Aa", "Noord", 1.08, 0, 0, vierkant), KaartWijk("b", "Bb", "Noord", None, 1, 0, None)),
    )
    figuur = kaart_figuur(gegevens)
    (waarden,) = [t for t in figuur.data if isinstance(t, go.Choropleth) and t.showscale is not False]
    assert list(waarden.locations) == ["a"] and list(waarden.z) == [1.08]
    assert list(waarden.customdata) == ["a"]
    assert "Aa: 108%" in waarden.text[0]

    # Zonder grenzen: tegelkaart met naam en waarde als tekst op elke tegel.
    tegels = Kaartgegevens(gegevens.maat, 2026, VANDAAG, tuple(
        KaartWijk(w.slug, w.naam, w.stadsdeel, w.waarde, w.kolom, w.rij, None) for w in gegevens.wijken))
    figuur = kaart_figuur(tegels)
    assert all(isinstance(t, go.Heatmap) for t in figuur.data)
    teksten = [a.text for a in figuur.layout.annotations]
    assert teksten == ["<b>Aa</b><br>108%", "<b>Bb</b><br>geen gegevens"]
    assert figuur.data[1].customdata[0][0] == "a" and figuur.data[0].customdata[0][1] == "b"


def test_kleine_helpers():
    assert tegelnaam("Ossenkoppelerhoek") == "Ossenkoppeler-<br>hoek"
    assert tegelnaam("De Riet") == "De Riet"
    assert tekstkleur("#08306b") == "#ffffff" and tekstkleur("#eff3ff") == "#000000"
    assert kleur_in_schaal(0) == "#eff3ff" and kleur_in_schaal(1) == "#08306b"
    assert slug_uit_klik({"points": [{"customdata": "kerkelanden"}]}) == "kerkelanden"
    assert slug_uit_klik({"points": [{"customdata": ["de-riet", 3]}]}) == "de-riet"
    assert slug_uit_klik(None) is None and slug_uit_klik({"points": []}) is None


# --------------------------------------------------------------------------- opdrachtregel


@pytest.fixture
def sqlite_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'kaart.db'}"
    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        _wijken(sessie)
    engine.dispose()
    return url


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "WIJK_MODE": "demo"}
    return subprocess.run([sys.executable, "-m", "dashboard", "kaart", "laden", *args], cwd=PROJECT_MAP, env=env,
                          capture_output=True, text=True, timeout=120)


def _geometrieen(url: str) -> dict[str, object]:
    engine = maak_engine(url)
    with maak_sessiefabriek(engine)() as sessie:
        uit = dict(sessie.execute(select(Wijk.slug, Wijk.geometrie)).all())
        uit["_mutaties"] = len(sessie.scalars(select(Mutatie)).all())
    engine.dispose()
    return uit


def test_cli_kaart_laden(sqlite_db, tmp_path):
    bestand = tmp_path / "wijken.geojson"
    bestand.write_text(json.dumps(GEOJSON), encoding="utf-8")
    uitkomst = _cli(sqlite_db, str(bestand))
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "2 wijken gekoppeld" in uitkomst.stdout
    assert "Riet, De" in uitkomst.stdout  # feature zonder wijk
    assert "Wijken zonder grens in het bestand: De Riet." in uitkomst.stdout
    assert "1 features van andere gemeenten overgeslagen" in uitkomst.stdout
    opgeslagen = _geometrieen(sqlite_db)
    assert opgeslagen["kerkelanden"] == {"type": "Polygon", "coordinates": _vierkant(6.64, 52.37)}
    assert opgeslagen["de-riet"] is None and opgeslagen["_mutaties"] == 2


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("dit is geen json", "geen geldig JSON-bestand"),
        ('{"type": "FeatureCollection", "features": []}', "geen features"),
        ('{"type": "Topology"}', "geen GeoJSON FeatureCollection"),
    ],
)
def test_cli_slecht_bestand(sqlite_db, tmp_path, inhoud, melding):
    bestand = tmp_path / "slecht.geojson"
    bestand.write_text(inhoud, encoding="utf-8")
    uitkomst = _cli(sqlite_db, str(bestand))
    assert uitkomst.returncode == 2
    regels = uitkomst.stderr.strip().splitlines()
    assert len(regels) == 1 and melding in regels[0] and regels[0].startswith("Fout:")
    assert "Traceback" not in uitkomst.stderr
    opgeslagen = _geometrieen(sqlite_db)
    assert opgeslagen["_mutaties"] == 0 and opgeslagen["kerkelanden"] is None


def test_cli_bestand_bestaat_niet(sqlite_db, tmp_path):
    uitkomst = _cli(sqlite_db, str(tmp_path / "weg.geojson"))
    assert uitkomst.returncode == 2 and "bestaat niet" in uitkomst.stderr
