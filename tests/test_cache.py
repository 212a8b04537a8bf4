"""De gedeelde cache van de leesfuncties (datalaag.cache) op SQLite én PostgreSQL, met Redis.

Redis komt uit ``WIJK_TEST_REDIS_URL`` (de Makefile en CI geven die mee); elke test krijgt een eigen
voorvoegsel voor zijn sleutels en ruimt alleen die op. Het cijfer in deze tests is de ambitiescore van
Kerkelanden in de heatmap van het overzicht (``ambitie_matrix``): die komt uit de nieuwste ingediende
evaluatie, en wordt via de echte schrijfservice (``bewaar_evaluatie``) opgeslagen. Die schrijft de tabellen
``evaluatie``, ``evaluatie_ambitie`` en ``mutatie``; de kleine gecachete functies hieronder lezen elk een
bekende set tabellen, om de invalidatie per tabel te toetsen.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import Engine, exists, func, select, text, update

from datalaag import cache
from datalaag.db import maak_sessiefabriek
from datalaag.evaluaties import EvaluatieInvoer, bewaar_evaluatie, regelveld
from datalaag.models import Ambitie, Evaluatie, Wijk
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
    bind = fabriek.kw["bind"]
    gen, gen_ev, gen_amb = (cache.generatie(bind), cache.generatie(bind, "evaluatie"),
                            cache.generatie(bind, "ambitie"))
    _dien_in(fabriek, g, "8,5")
    assert cache.generatie(bind) == gen + 1  # na de commit verhoogd: '*' (elke schrijfactie)
    assert cache.generatie(bind, "evaluatie") == gen_ev + 1  # en de geschreven tabel
    assert cache.generatie(bind, "ambitie") == gen_amb  # een alleen gelezen tabel niet
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
    assert cache.generatie(fabriek.kw["bind"], "evaluatie") == 0
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


# --------------------------------------------------------------------------- invalidatie per tabel

#: Wordt tijdens een berekening aangeroepen (test: een commit terwijl de functie rekent).
_tijdens_berekening: list = []


@cache.gecachet
def _ambitienamen(sessie) -> list[str]:
    """Leest alleen de tabel ambitie."""
    return list(sessie.scalars(select(Ambitie.korte_naam).order_by(Ambitie.nummer)))


@cache.gecachet
def _wijken_met_evaluatie_exists(sessie) -> list[str]:
    """Leest wijk, en evaluatie alleen in een EXISTS."""
    return list(sessie.scalars(select(Wijk.naam).where(exists().where(Evaluatie.wijk_id == Wijk.id))
                               .order_by(Wijk.naam)))


@cache.gecachet
def _wijken_met_evaluatie_subquery(sessie) -> list[str]:
    """Leest wijk, en evaluatie alleen in een subquery (IN) binnen een CTE."""
    cte = select(Wijk.id, Wijk.naam).where(Wijk.id.in_(select(Evaluatie.wijk_id))).cte("met_evaluatie")
    return list(sessie.scalars(select(cte.c.naam).order_by(cte.c.naam)))


@cache.gecachet
def _ruw_aantal_ambities(sessie) -> int:
    """Ruwe SQL: niet tot tabellen herleid, hangt dus van elke schrijfactie af."""
    return sessie.execute(text("SELECT count(*) FROM ambitie")).scalar_one()


@cache.gecachet
def _aantal_evaluaties_met_haak(sessie) -> int:
    aantal = sessie.scalar(select(func.count()).select_from(Evaluatie))
    while _tijdens_berekening:
        _tijdens_berekening.pop()()
    return aantal


@cache.gecachet
def _wijknaam(sessie, wijk_id: int) -> str:
    """Via Session.get(): het ORM-object kan uit de identity map van de aanroeper komen."""
    return sessie.get(Wijk, wijk_id).naam


@cache.gecachet
def _buitenste(sessie) -> tuple[list[str], list[str]]:
    """Een gecachete functie die een andere gecachete functie aanroept."""
    return _ambitienamen(sessie), _wijken_met_evaluatie_exists(sessie)


def _lees(fabriek, functie, *args):
    """(uitkomst, treffer?) in een verse sessie."""
    t0, _ = _stat()
    with fabriek() as s:
        uitkomst = functie(s, *args)
    return uitkomst, _stat()[0] == t0 + 1


def test_schrijven_in_een_tabel_laat_functies_op_andere_tabellen_in_de_cache(fabriek, g, voorvoegsel):
    functies = (_ambitienamen, _wijken_met_evaluatie_exists, _wijken_met_evaluatie_subquery)
    voor = {f: _lees(fabriek, f)[0] for f in functies}
    assert voor[_wijken_met_evaluatie_exists] == voor[_wijken_met_evaluatie_subquery] == []
    assert all(_lees(fabriek, f) == (voor[f], True) for f in functies)  # nu alle drie in de cache
    _dien_in(fabriek, g, "7")  # schrijft evaluatie (+ evaluatie_ambitie, mutatie), niet ambitie of wijk
    assert _lees(fabriek, _ambitienamen) == (voor[_ambitienamen], True)
    assert _lees(fabriek, _wijken_met_evaluatie_exists) == (["Kerkelanden"], False)  # EXISTS: opnieuw
    assert _lees(fabriek, _wijken_met_evaluatie_subquery) == (["Kerkelanden"], False)  # subquery in CTE
    assert _lees(fabriek, _wijken_met_evaluatie_exists) == (["Kerkelanden"], True)


def test_ruwe_sql_hangt_af_van_elke_schrijfactie(fabriek, g, voorvoegsel):
    assert _lees(fabriek, _ruw_aantal_ambities) == (3, False)
    assert _lees(fabriek, _ambitienamen)[1] is False
    assert _lees(fabriek, _ruw_aantal_ambities) == (3, True)
    _dien_in(fabriek, g, "7")  # raakt de tabel ambitie niet
    assert _lees(fabriek, _ruw_aantal_ambities) == (3, False)  # toch opnieuw: ruwe SQL
    assert _lees(fabriek, _ambitienamen)[1] is True  # de ORM-variant bleef geldig


def test_een_commit_tijdens_de_berekening_maakt_het_resultaat_meteen_oud(fabriek, g, voorvoegsel):
    _tijdens_berekening.append(lambda: _dien_in(fabriek, g, "6"))
    # De functie telde vóór de commit (0) en bewaart dat; de commit verhoogde daarna de teller van evaluatie.
    assert _lees(fabriek, _aantal_evaluaties_met_haak) == (0, False)
    assert not _tijdens_berekening
    assert _lees(fabriek, _aantal_evaluaties_met_haak) == (1, False)  # geen oude 0 uit de cache
    assert _lees(fabriek, _aantal_evaluaties_met_haak) == (1, True)


def test_bulkverhoging_maakt_alles_oud(fabriek, g, voorvoegsel):
    assert _lees(fabriek, _ambitienamen)[1] is False
    assert _lees(fabriek, _ambitienamen)[1] is True
    cache.verhoog_generatie(fabriek.kw["bind"])  # seed, backup terugzetten, COPY, opdrachtregel
    assert _lees(fabriek, _ambitienamen)[1] is False
    assert _lees(fabriek, _ambitienamen)[1] is True
    with fabriek() as s, s.begin():  # een schrijver langs de ORM heen die via de sessie commit
        cache.markeer_geschreven(s)
    assert _lees(fabriek, _ambitienamen)[1] is False


def test_savepoint_telt_pas_bij_de_commit_van_de_buitenste_transactie(fabriek, g, voorvoegsel):
    bind = fabriek.kw["bind"]
    gen = cache.generatie(bind, "evaluatie")
    with fabriek() as s, s.begin():
        bewaar_evaluatie(s, g.actoren["coordinator"], _invoer(g, "6"), 0, indienen=True, vandaag=VANDAAG)
        s.flush()
        with s.begin_nested():  # een savepoint dat teruggedraaid wordt: de schrijfactie ervóór telt nog
            s.get(Ambitie, g.ambities[0].id).korte_naam = "Tijdelijk"
            s.flush()
            s.get_nested_transaction().rollback()
        with s.begin_nested():  # een vrijgegeven savepoint is nog geen commit
            s.get(Ambitie, g.ambities[1].id).korte_naam = "Veiligheid en leefbaarheid"
        assert cache.generatie(bind, "evaluatie") == gen
        assert cache.generatie(bind, "ambitie") == 0
    assert cache.generatie(bind, "evaluatie") == gen + 1
    assert cache.generatie(bind, "ambitie") == 1
    assert _score(fabriek) == 6.0


def test_orm_object_uit_de_identity_map_van_voor_de_momentopname_komt_niet_in_de_cache(fabriek, g, voorvoegsel):
    with fabriek() as lezer:
        oud = lezer.get(Wijk, g.kerkelanden.id)  # de aanroeper heeft het object al (oude naam)
        assert oud.naam == "Kerkelanden"
        # (SQLite leest zonder open transactie, PostgreSQL in READ COMMITTED: de database toont de nieuwe naam)
        with fabriek() as schrijver, schrijver.begin():
            schrijver.get(Wijk, g.kerkelanden.id).naam = "Kerkelanden-Noord"
        assert cache.generatie(fabriek.kw["bind"], "wijk") == 1
        assert _wijknaam(lezer, g.kerkelanden.id) == "Kerkelanden-Noord"  # uit de database, niet de identity map
    assert _lees(fabriek, _wijknaam, g.kerkelanden.id) == ("Kerkelanden-Noord", True)
    with fabriek() as schrijver, schrijver.begin():
        schrijver.get(Wijk, g.kerkelanden.id).naam = "Kerkelanden"
    assert _lees(fabriek, _wijknaam, g.kerkelanden.id) == ("Kerkelanden", False)  # Session.get → tabel wijk


def test_geneste_functie_geeft_haar_tabellen_door_aan_de_buitenste(fabriek, g, voorvoegsel):
    assert _lees(fabriek, _wijken_met_evaluatie_exists)[1] is False  # de binnenste staat al in de cache
    t0, m0 = _stat()
    with fabriek() as s:
        assert _buitenste(s) == ([a.korte_naam for a in g.ambities], [])
    assert _stat() == (t0 + 1, m0 + 2)  # buitenste en _ambitienamen gemist, de binnenste een treffer
    assert _lees(fabriek, _buitenste)[1] is True
    _dien_in(fabriek, g, "7")
    # De buitenste las zelf geen evaluatie, maar via de (gecachete) binnenste wel: opnieuw berekend.
    t0, m0 = _stat()
    assert _lees(fabriek, _buitenste)[0] == ([a.korte_naam for a in g.ambities], ["Kerkelanden"])
    assert _stat() == (t0 + 1, m0 + 2)  # buitenste en binnenste opnieuw, _ambitienamen nog geldig


def test_core_en_ruwe_dml_via_de_sessie_maken_de_cache_oud(fabriek, g, voorvoegsel):
    bind = fabriek.kw["bind"]
    assert _lees(fabriek, _ambitienamen)[1] is False
    assert _lees(fabriek, _wijken_met_evaluatie_exists)[1] is False
    with fabriek() as s, s.begin():  # ORM-bulk-update (do_orm_execute), geen flush
        s.execute(update(Ambitie).where(Ambitie.nummer == 1).values(korte_naam="Samen leven"))
    assert cache.generatie(bind, "ambitie") == 1
    assert _lees(fabriek, _ambitienamen)[0][0] == "Samen leven"
    assert _lees(fabriek, _wijken_met_evaluatie_exists)[1] is True  # wijk/evaluatie niet geraakt
    with fabriek() as s, s.begin():  # ruwe SQL die schrijft: niet te herleiden → alles
        s.execute(text("UPDATE ambitie SET korte_naam = 'Sociale cohesie' WHERE nummer = 1"))
    assert _lees(fabriek, _ambitienamen)[0][0] == "Sociale cohesie"
    assert _lees(fabriek, _wijken_met_evaluatie_exists)[1] is False


def test_sleutel_bevat_de_codeversie(fabriek, g, voorvoegsel, monkeypatch):
    """Na een nieuwe versie van de code (andere velden, andere berekening) wordt niets uit de vorige gelezen."""
    _dien_in(fabriek, g, "7,5")
    assert _score(fabriek) == 7.5
    (sleutel,) = _sleutels(voorvoegsel)
    assert f":w:{cache.codeversie()}:" in sleutel
    monkeypatch.setattr(cache, "codeversie", lambda: "nieuweversie")
    t0, m0 = _stat()
    assert _score(fabriek) == 7.5
    assert _stat() == (t0, m0 + 1)   # geen treffer op het item van de vorige versie


def test_zelfde_database_met_andere_schrijfwijze_van_de_url_is_dezelfde():
    assert cache.database_id("postgresql+psycopg://u@DB.example:5432/wijk") == \
        cache.database_id("postgresql+psycopg://u@db.example/wijk")
    assert cache.database_id("postgresql+psycopg://u@db.example/wijk") != \
        cache.database_id("postgresql+psycopg://u@db.example/andere")


def test_verhoging_wordt_na_een_kortstondige_fout_opnieuw_geprobeerd(engine, voorvoegsel, monkeypatch):
    """Valt Redis even weg bij het verhogen na een commit, dan wordt het opnieuw geprobeerd: anders zouden andere
    processen tot de TTL een oud cijfer tonen."""
    echte = cache.redis_klant(REDIS_URL)
    fouten = {"nog": 2}

    class Haperend:
        def __getattr__(self, naam):
            return getattr(echte, naam)

        def pipeline(self, *a, **kw):
            if fouten["nog"]:
                fouten["nog"] -= 1
                raise redis.ConnectionError("even weg")
            return echte.pipeline(*a, **kw)

    monkeypatch.setattr(cache, "redis_klant", lambda url: Haperend())
    monkeypatch.setattr(cache.time, "sleep", lambda s: None)
    voor = cache.generatie(engine)
    cache.verhoog_generatie(engine)
    assert fouten["nog"] == 0 and cache.generatie(engine) > voor
