"""De gedeelde cache van de leesfuncties (datalaag.cache) op SQLite én PostgreSQL, met Redis.

Redis komt uit ``WIJK_TEST_REDIS_URL`` (de Makefile en CI geven die mee); elke test krijgt een eigen
voorvoegsel voor zijn sleutels en ruimt alleen die op. Het cijfer in deze tests is de ambitiescore van
Kerkelanden in de heatmap van het overzicht (``ambitie_matrix``): die komt uit de nieuwste ingediende
evaluatie, en wordt via de echte schrijfservice (``bewaar_evaluatie``) opgeslagen.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import Engine

from datalaag import cache
from datalaag.db import maak_sessiefabriek
from datalaag.evaluaties import EvaluatieInvoer, bewaar_evaluatie, regelveld
from datalaag.overzicht import ambitie_matrix
from datalaag.presentatie import bevroren
from tests.test_evaluaties import Gegevens, _bouw

REDIS_URL = os.environ.get("WIJK_TEST_REDIS_URL", "")
VANDAAG = dt.date(2026, 11, 27)
JAAR = 2026  # de heatmap van 2026 toont de evaluatie over 2025


@pytest.fixture
def redis_url() -> str:
    if not REDIS_URL:
        pytest.skip("WIJK_TEST_REDIS_URL niet gezet: cachetests overgeslagen")
    return REDIS_URL


@pytest.fixture
def voorvoegsel(redis_url) -> Iterator[str]:
    """De cache aan met een eigen voorvoegsel; na afloop alleen die sleutels weg en de oude instelling terug."""
    naam = f"wijktest:{uuid.uuid4().hex[:12]}"
    oud = cache._toestand
    cache.configureer(redis_url, voorvoegsel=naam)
    try:
        yield naam
    finally:
        cache.leeg_voorvoegsel(naam)
        cache._toestand = oud


@pytest.fixture
def fabriek(engine: Engine):
    return maak_sessiefabriek(engine)


@pytest.fixture
def g(fabriek) -> Gegevens:
    with fabriek() as s, s.begin():
        return _bouw(s)


def _sleutels(naam: str) -> list[str]:
    klant = redis.Redis.from_url(REDIS_URL)
    return sorted(k.decode() for k in klant.scan_iter(match=f"{naam}:w:*"))


def _score(fabriek) -> float | None:
    """Ambitie 1 van Kerkelanden in de heatmap, gelezen in een verse sessie (zoals een nieuw verzoek)."""
    with fabriek() as s:
        m = ambitie_matrix(s, JAAR, VANDAAG)
    return m.scores[[slug for slug, _ in m.wijken].index("kerkelanden")][0]


def _invoer(g: Gegevens, waardering: str) -> EvaluatieInvoer:
    regels = {}
    for a in g.ambities:
        regels.update({regelveld(a.id, "doelstelling"): "Doel", regelveld(a.id, "gerealiseerde_doelstelling"): "Ja",
                       regelveld(a.id, "waardering"): waardering})
    return EvaluatieInvoer(wijk_id=g.kerkelanden.id, jaar=2025, regels=regels, klanttevredenheid_cijfer="7",
                           klanttevredenheid_respons="100")


def _dien_in(fabriek, g: Gegevens, waardering: str) -> None:
    """De coördinator dient de evaluatie 2025 van Kerkelanden in (één transactie, commit)."""
    with fabriek() as s, s.begin():
        bewaar_evaluatie(s, g.actoren["coordinator"], _invoer(g, waardering), 0, indienen=True, vandaag=VANDAAG)


def _stat() -> tuple[int, int]:
    st = cache.statistiek()
    return st["treffers"], st["missers"]


def test_treffer_geeft_hetzelfde_resultaat(fabriek, g, voorvoegsel):
    _dien_in(fabriek, g, "7,5")
    t0, m0 = _stat()
    with fabriek() as s:
        eerste = ambitie_matrix(s, JAAR, VANDAAG)
    assert _stat() == (t0, m0 + 1)
    (sleutel,) = _sleutels(voorvoegsel)
    assert ":datalaag.overzicht.ambitie_matrix:" in sleutel and f":{dt.date.today().isoformat()}:" in sleutel
    with fabriek() as s:
        tweede = ambitie_matrix(s, JAAR, VANDAAG)
    assert _stat() == (t0 + 1, m0 + 1)
    assert tweede == eerste and tweede is not eerste
    assert eerste.scores[[w for w, _ in eerste.wijken].index("kerkelanden")][0] == 7.5
    # Andere argumenten: een eigen sleutel.
    with fabriek() as s:
        ambitie_matrix(s, JAAR - 1, VANDAAG)
    assert len(_sleutels(voorvoegsel)) == 2


def test_schrijven_via_service_en_daarna_lezen_geeft_het_nieuwe_cijfer(fabriek, g, voorvoegsel):
    assert _score(fabriek) is None  # nog geen evaluatie; nu in de cache
    assert _score(fabriek) is None
    treffers, _ = _stat()
    gen = cache.generatie(fabriek.kw["bind"])
    _dien_in(fabriek, g, "8,5")
    assert cache.generatie(fabriek.kw["bind"]) == gen + 1  # na de commit verhoogd
    assert _score(fabriek) == 8.5
    assert _stat()[0] == treffers  # een misser: uit de database, niet uit de cache


def test_rollback_verhoogt_de_generatie_niet(fabriek, g, voorvoegsel):
    assert _score(fabriek) is None
    gen = cache.generatie(fabriek.kw["bind"])
    regels = {regelveld(g.ambities[0].id, "waardering"): "6"}
    with fabriek() as s:
        s.begin()
        bewaar_evaluatie(s, g.actoren["coordinator"], EvaluatieInvoer(wijk_id=g.kerkelanden.id, jaar=2025,
                                                                     regels=regels), 0, vandaag=VANDAAG)
        s.flush()
        s.rollback()
    assert cache.generatie(fabriek.kw["bind"]) == gen
    treffers, _ = _stat()
    assert _score(fabriek) is None
    assert _stat()[0] == treffers + 1  # de cache bleef geldig


def test_lezen_in_een_schrijvende_transactie_gaat_langs_de_cache(fabriek, g, voorvoegsel):
    assert _score(fabriek) is None
    with fabriek() as s, s.begin():
        bewaar_evaluatie(s, g.actoren["coordinator"], _invoer(g, "6"), 0, indienen=True, vandaag=VANDAAG)
        # Nog niet gecommit: de cache kent de oude stand, deze sessie ziet haar eigen wijziging.
        m = ambitie_matrix(s, JAAR, VANDAAG)
        assert m.scores[[w for w, _ in m.wijken].index("kerkelanden")][0] == 6.0
    assert _score(fabriek) == 6.0


def test_bevroren_sessie_vervuilt_de_cache_niet_en_krijgt_geen_ontdooide_cijfers(fabriek, g, voorvoegsel):
    _dien_in(fabriek, g, "7,5")  # ingediend op 27-11-2026
    assert _score(fabriek) == 7.5
    sleutels = _sleutels(voorvoegsel)
    stat = _stat()
    with fabriek() as s, bevroren(s, dt.date(2026, 6, 1)):
        m = ambitie_matrix(s, JAAR, VANDAAG)
    assert m.scores[[w for w, _ in m.wijken].index("kerkelanden")][0] is None  # vóór het indienen
    assert _stat() == stat and _sleutels(voorvoegsel) == sleutels
    assert _score(fabriek) == 7.5  # en de gewone weergave blijft ontdooid


def test_redis_onbereikbaar_leest_uit_de_database(fabriek, g, caplog):
    oud = cache._toestand
    cache.configureer("redis://127.0.0.1:1/0", voorvoegsel=f"wijktest:{uuid.uuid4().hex[:12]}")
    try:
        assert _score(fabriek) is None
        _dien_in(fabriek, g, "9")  # de verhoging na de commit mislukt stil
        assert _score(fabriek) == 9.0
        assert _score(fabriek) == 9.0
        assert cache.statistiek()["treffers"] == 0
        assert sum("Redis niet bereikbaar" in r.getMessage() for r in caplog.records) == 1
    finally:
        cache._toestand = oud


def test_zonder_redis_url_wordt_niets_gecachet(fabriek, g, redis_url):
    naam = f"wijktest:{uuid.uuid4().hex[:12]}"
    oud = cache._toestand
    cache.configureer(None, voorvoegsel=naam)
    try:
        assert not cache.is_actief()
        assert _score(fabriek) is None
        _dien_in(fabriek, g, "8")
        assert _score(fabriek) == 8.0
        assert cache.statistiek() == {"treffers": 0, "missers": 0}
        assert _sleutels(naam) == []
    finally:
        cache._toestand = oud


def test_argumenten_zonder_eenduidige_sleutel_worden_niet_gecachet(voorvoegsel):
    from datalaag.autorisatie import Actor

    with pytest.raises(cache._NietCachebaar):
        cache._sleuteldeel(Actor.opdrachtregel())
    with pytest.raises(cache._NietCachebaar):
        cache._sleuteldeel(object())
    # Gelijke waarden, gelijke sleutel; dicts ongeacht volgorde.
    assert cache._sleuteldeel({"a": 1, "b": [dt.date(2025, 1, 1)]}) == cache._sleuteldeel({"b": [dt.date(2025, 1, 1)],
                                                                                            "a": 1})
    assert cache._sleuteldeel(1) != cache._sleuteldeel("1") != cache._sleuteldeel(1.0)


def test_database_identiteit_zonder_wachtwoord_en_met_schema():
    a = cache.database_id("postgresql+psycopg://u:geheim@h:5432/db?options=-csearch_path%3Dx")
    b = cache.database_id("postgresql://ander:ww@h:5432/db?options=-csearch_path%3Dx")
    c = cache.database_id("postgresql+psycopg://u:geheim@h:5432/db?options=-csearch_path%3Dy")
    assert a == b != c
