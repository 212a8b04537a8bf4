"""Backup en herstel (``dashboard.backup``; ``python -m dashboard backup|restore``) op SQLite en PostgreSQL.

- Een teruggezette backup bevat elke rij: per tabel hetzelfde aantal en dezelfde inhoud, ook van SQLite naar
  PostgreSQL en terug; het schema staat daarna op de nieuwste migratie en nieuwe ids gaan verder na de oude.
- Een backup terwijl een andere thread (of proces) schrijft, is één momentopname: bij elke dossierregel van een
  nieuwe gebruiker hoort die gebruiker, en andersom.
- Herstel is alles of niets en vraagt om ``--ja``; fouten zijn één Nederlandse regel met exitcode 2.

PostgreSQL: elke database is een eigen schema (``bk_…``), na afloop verwijderd; de gedeelde database
zelf wordt niet aangeraakt.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import threading
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Text, cast, insert, inspect, null, select, text

from dashboard.backup import BackupFout, herstel_backup, lees_kop, maak_backup
from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head

PROJECT_MAP = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("WIJK_TEST_POSTGRES_URL", "")
VANDAAG = dt.date(2026, 11, 27)
SOORTEN = ("sqlite", "postgresql")


def _head() -> str:
    from alembic.script import ScriptDirectory

    from datalaag.db import alembic_config

    return ScriptDirectory.from_config(alembic_config(maak_engine("sqlite://"))).get_current_head()


class Databases:
    """Lege databases: een SQLite-bestand of een eigen PostgreSQL-schema. ``opruimen`` verwijdert de schema's."""

    def __init__(self, map_: Path):
        self.map = map_
        self.schemas: list[str] = []

    def nieuw(self, soort: str) -> str:
        naam = f"bk_{uuid.uuid4().hex[:10]}"
        if soort == "sqlite":
            return f"sqlite:///{self.map / naam}.db"
        if not PG_URL:
            pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")
        beheer = maak_engine(PG_URL)
        with beheer.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{naam}"'))
        beheer.dispose()
        self.schemas.append(naam)
        scheiding = "&" if "?" in PG_URL else "?"
        return f"{PG_URL}{scheiding}options=-csearch_path%3D{naam}"

    def opruimen(self) -> None:
        if not self.schemas:
            return
        beheer = maak_engine(PG_URL)
        with beheer.begin() as conn:
            for naam in self.schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{naam}" CASCADE'))
        beheer.dispose()


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    dbs = Databases(tmp_path_factory.mktemp("backup"))
    yield dbs
    dbs.opruimen()


def _vul_met_demo_en_randgevallen(url: str) -> None:
    """Demodata plus waarden die makkelijk stuk gaan: JSON-null naast SQL-NULL, geneste JSON, tekens buiten
    ASCII, lange tekst, microseconden, kleine bedragen."""
    from datalaag.models import Aanmeldpoging, Instelling, Mutatie, Wijk
    from seed.demo import genereer_demo

    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        genereer_demo(sessie, schaal=1, vandaag=VANDAAG)
        wijk = sessie.scalars(select(Wijk).order_by(Wijk.id)).first()
        wijk.geometrie = {"type": "Polygon", "coordinates": [[[6.6, 52.3], [6.7, 52.3], [6.7, 52.4], [6.6, 52.3]]]}
        sessie.add(Instelling(sleutel="lange tekst", waarde="Ünïcødé ✓ „aanhalingstekens” \"dubbel\" 'enkel'\n" * 500))
        sessie.add(Aanmeldpoging(tijdstip=dt.datetime(2026, 11, 27, 9, 30, 15, 123456), email="a@b.nl", ip="::1",
                                 gelukt=False))
        sessie.flush()
        sessie.add(Mutatie(entiteit="wijk", entiteit_id=wijk.id, actie="gewijzigd", oud=None,  # JSON-null
                           nieuw={"naam": "Één → twee", "lijst": [1, None, True, 2.5], "leeg": {}},
                           tijdstip=dt.datetime(2026, 1, 2, 3, 4, 5), wijk_id=wijk.id, versie=2))
    with engine.begin() as conn:  # SQL-NULL in een JSON-kolom (de ORM schrijft JSON-null)
        conn.execute(insert(Mutatie.__table__).values(entiteit="wijk", entiteit_id=wijk.id, actie="gewijzigd",
                                                      oud=null(), nieuw=null(), tijdstip=dt.datetime(2026, 1, 3)))
    engine.dispose()


def _inhoud(url: str) -> dict[str, list[tuple]]:
    """Per tabel van de app: alle rijen, op volgorde van de primaire sleutel; JSON letterlijk als tekst."""
    from dashboard.backup import _soort
    from datalaag.models import Base

    engine = maak_engine(url)
    meta = MetaData()
    uit: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        meta.reflect(conn, only=sorted(set(Base.metadata.tables) & set(inspect(conn).get_table_names())))
        for tabel in meta.sorted_tables:
            kolommen = [cast(k, Text) if _soort(k.type) == "json" else k for k in tabel.columns]
            uit[tabel.name] = [tuple(r) for r in conn.execute(select(*kolommen).order_by(*tabel.primary_key.columns))]
    engine.dispose()
    return uit


def _revisie(url: str) -> str | None:
    engine = maak_engine(url)
    with engine.connect() as conn:
        waarde = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return waarde


def _vergelijk(bron: dict[str, list[tuple]], doel: dict[str, list[tuple]]) -> None:
    assert sorted(doel) == sorted(bron)
    assert {t: len(r) for t, r in doel.items()} == {t: len(r) for t, r in bron.items()}
    for tabel, rijen in bron.items():
        verschil = [(a, b) for a, b in zip(rijen, doel[tabel], strict=True) if a != b]
        assert not verschil, f"{tabel}: {len(verschil)} rijen verschillen, bijv. {verschil[0]}"


@pytest.fixture(scope="module")
def bron(databases, tmp_path_factory):
    """Per soort (eenmalig): een gevulde database, haar backup en haar inhoud."""
    cache: dict[str, tuple[str, Path, dict]] = {}

    def geef(soort: str) -> tuple[str, Path, dict]:
        if soort not in cache:
            url = databases.nieuw(soort)
            _vul_met_demo_en_randgevallen(url)
            bestand = tmp_path_factory.mktemp("bestanden") / f"{soort}.backup.gz"
            verslag = maak_backup(url, bestand)
            inhoud = _inhoud(url)
            assert verslag.aantallen == {t: len(r) for t, r in inhoud.items()}
            cache[soort] = (url, bestand, inhoud)
        return cache[soort]

    return geef


# --------------------------------------------------------------------------- elke rij terug


@pytest.mark.parametrize(("van", "naar"), [(a, b) for a in SOORTEN for b in SOORTEN])
def test_herstel_vindt_elke_rij_terug(bron, databases, van, naar):
    """Aantal en inhoud per tabel gelijk; ook van SQLite naar PostgreSQL en terug. Wat er in de doeldatabase
    stond, is weg (behalve tabellen die niet van de app zijn); het schema staat op de nieuwste migratie."""
    from datalaag.models import Stadsdeel

    _, bestand, inhoud = bron(van)
    assert sum(len(r) for r in inhoud.values()) > 20_000
    assert all(inhoud[t] for t in ("melding", "meting", "mutatie", "uitgave", "aanmeldpoging", "instelling"))

    doel = databases.nieuw(naar)
    engine = maak_engine(doel)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        sessie.add(Stadsdeel(naam="Verdwijnt bij herstel", stadsdeelcoordinator="x", stadsdeelwethouder="y"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE eigen_notities (id INTEGER PRIMARY KEY, tekst VARCHAR(20))"))
        conn.execute(text("INSERT INTO eigen_notities VALUES (1, 'blijft')"))

    verslag = herstel_backup(doel, bestand)

    _vergelijk(inhoud, _inhoud(doel))
    assert verslag.revisie == _head() == _revisie(doel)
    assert verslag.aantallen == {t: len(r) for t, r in inhoud.items()}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT tekst FROM eigen_notities")).scalar() == "blijft"
        oud = conn.execute(text("SELECT CAST(oud AS TEXT) FROM mutatie WHERE entiteit = 'wijk' ORDER BY id")).scalars().all()
        assert oud == ["null", None]  # JSON-null bleef JSON-null, SQL-NULL bleef SQL-NULL
    # Nieuwe rijen krijgen een id na het hoogste herstelde id (de reeksen in PostgreSQL zijn bijgesteld).
    hoogste = max(r[0] for r in inhoud["stadsdeel"])
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        nieuw = Stadsdeel(naam="Nieuw na herstel", stadsdeelcoordinator="x", stadsdeelwethouder="y")
        sessie.add(nieuw)
        sessie.flush()
        assert nieuw.id == hoogste + 1
    engine.dispose()


@pytest.mark.parametrize("soort", SOORTEN)
def test_backup_van_een_oudere_migratie_komt_terug_op_de_nieuwste(bron, databases, tmp_path, soort):
    """Een backup van vóór een update (migratie 0001) wordt teruggezet op 0001 en daarna gemigreerd: de gegevens
    zijn er, nieuwe kolommen hebben hun standaardwaarde, het schema staat op de nieuwste migratie."""
    from alembic import command

    from dashboard.backup import _engine
    from datalaag.db import alembic_config

    _, bestand, inhoud = bron(soort)
    oud = databases.nieuw(soort)
    herstel_backup(oud, bestand)
    engine = _engine(oud, schrijven=True)  # SQLite: foreign keys uit, zoals bij herstel
    with engine.connect() as conn, conn.begin():
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    assert _revisie(oud) == "0001"
    oud_inhoud = _inhoud(oud)
    assert "aanmeldpoging" not in oud_inhoud

    verslag = maak_backup(oud, tmp_path / "oud.backup.gz")
    assert verslag.revisie == "0001" and lees_kop(tmp_path / "oud.backup.gz").revisie == "0001"
    doel = databases.nieuw("postgresql" if soort == "sqlite" else "sqlite")
    herstel_backup(doel, tmp_path / "oud.backup.gz")

    assert _revisie(doel) == _head()
    nieuw = _inhoud(doel)
    assert nieuw["aanmeldpoging"] == []
    for tabel, rijen in oud_inhoud.items():
        assert len(nieuw[tabel]) == len(rijen), tabel
        if tabel not in ("gebruiker", "mutatie", "wijkanalyse"):  # de tabellen die 0002 verandert
            assert nieuw[tabel] == rijen, tabel
    engine = maak_engine(doel)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM gebruiker WHERE sessie_generatie = 0")).scalar() == len(
            inhoud["gebruiker"])
        assert conn.execute(text("SELECT COUNT(*) FROM wijkanalyse WHERE status = 'ingediend'")).scalar() == len(
            inhoud["wijkanalyse"])
        assert conn.execute(text("SELECT COUNT(*) FROM wijkanalyse_ambitie")).scalar() == len(
            inhoud["wijkanalyse_ambitie"])
    engine.dispose()


# --------------------------------------------------------------------------- consistent tijdens schrijven


class Schrijver(threading.Thread):
    """Maakt steeds een gebruiker aan via de service (gebruiker + dossierregel in één transactie)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.engine = maak_engine(url)
        self.aantal = 0
        self.fout: BaseException | None = None
        self.stop = threading.Event()
        self.voortgang = threading.Condition()

    def run(self) -> None:
        from datalaag.autorisatie import Actor
        from datalaag.gebruikers import maak_gebruiker

        fabriek = maak_sessiefabriek(self.engine)
        try:
            while not self.stop.is_set():
                with fabriek() as sessie, sessie.begin():
                    maak_gebruiker(sessie, Actor.opdrachtregel(), naam=f"Schrijver {self.aantal}",
                                   email=f"schrijver{self.aantal}@almelo.nl", rol="raadslid", wachtwoord="x" * 16)
                with self.voortgang:
                    self.aantal += 1
                    self.voortgang.notify_all()
        except BaseException as exc:  # noqa: BLE001 - de test meldt hem
            self.fout = exc
            with self.voortgang:
                self.voortgang.notify_all()

    def wacht_op(self, aantal: int) -> None:
        with self.voortgang:
            assert self.voortgang.wait_for(lambda: self.aantal >= aantal or self.fout is not None, timeout=120)
        assert self.fout is None, self.fout

    def klaar(self) -> None:
        self.stop.set()
        self.join(timeout=120)
        self.engine.dispose()
        assert self.fout is None, self.fout


def _schrijvers_in_backup(bestand: Path) -> tuple[set[int], set[int]]:
    """(ids van schrijver-gebruikers, entiteit_ids van hun dossierregels) zoals ze in de backup staan."""
    from dashboard.backup import _blokken

    gebruikers: set[int] = set()
    dossier: set[int] = set()
    for naam, kolommen, rijen in _blokken(bestand):
        if naam == "gebruiker":
            i_id, i_email = [k for k, _ in kolommen].index("id"), [k for k, _ in kolommen].index("email")
            gebruikers = {r[i_id] for r in rijen if r[i_email].startswith("schrijver")}
        elif naam == "mutatie":
            namen = [k for k, _ in kolommen]
            i_ent, i_id = namen.index("entiteit"), namen.index("entiteit_id")
            dossier = {r[i_id] for r in rijen if r[i_ent] == "gebruiker"}
    return gebruikers, dossier


@pytest.mark.parametrize("soort", SOORTEN)
def test_backup_tijdens_schrijven_is_een_momentopname(databases, tmp_path, soort):
    """Na elke tabel wacht de backup tot de schrijver nog een gebruiker heeft opgeslagen. De tabel gebruiker wordt
    vóór mutatie gelezen: zonder momentopname zouden er dossierregels zijn van gebruikers die ontbreken."""
    url = databases.nieuw(soort)
    engine = maak_engine(url)
    upgrade_head(engine)
    engine.dispose()
    schrijver = Schrijver(url)
    schrijver.start()
    try:
        schrijver.wacht_op(1)
        gelezen: list[str] = []

        def na_tabel(naam: str) -> None:
            gelezen.append(naam)
            schrijver.wacht_op(schrijver.aantal + 1)

        verslag = maak_backup(url, tmp_path / "tijdens.backup.gz", na_tabel=na_tabel)
    finally:
        schrijver.klaar()
    assert gelezen.index("gebruiker") < gelezen.index("mutatie")
    gebruikers, dossier = _schrijvers_in_backup(tmp_path / "tijdens.backup.gz")
    assert gebruikers == dossier, "elke dossierregel hoort bij een gebruiker in de backup, en andersom"
    # Er werd tijdens de backup geschreven (na elke tabel minstens één keer): de backup ligt strikt tussen
    # begin en eind.
    assert 1 <= len(gebruikers) <= schrijver.aantal - len(gelezen)
    assert verslag.aantallen["gebruiker"] == len(gebruikers)
    # En de kopie is terug te zetten.
    doel = databases.nieuw(soort)
    herstel_backup(doel, tmp_path / "tijdens.backup.gz")
    assert len(_inhoud(doel)["gebruiker"]) == len(gebruikers)


@pytest.mark.parametrize("soort", SOORTEN)
def test_backup_via_opdrachtregel_terwijl_een_thread_schrijft(databases, tmp_path, soort):
    """Het echte commando in een eigen proces, terwijl de app-code in dit proces door blijft schrijven."""
    url = databases.nieuw(soort)
    engine = maak_engine(url)
    upgrade_head(engine)
    engine.dispose()
    schrijver = Schrijver(url)
    schrijver.start()
    try:
        schrijver.wacht_op(3)
        uit = _cli("backup", str(tmp_path / "cli.backup.gz"), DATABASE_URL=url)
        voor_einde = schrijver.aantal
    finally:
        schrijver.klaar()
    assert uit.returncode == 0, uit.stderr
    assert "Backup van" in uit.stdout and "rijen in 32 tabellen" in uit.stdout
    assert (tmp_path / "cli.backup.gz").stat().st_mode & 0o777 == 0o600, "alleen de eigenaar mag de backup lezen"
    gebruikers, dossier = _schrijvers_in_backup(tmp_path / "cli.backup.gz")
    assert gebruikers == dossier
    assert 3 <= len(gebruikers) <= voor_einde


# --------------------------------------------------------------------------- opdrachtregel en fouten


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "WIJK_MODE")}
    omgeving.update(env)
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=PROJECT_MAP, env=omgeving,
                          capture_output=True, text=True, timeout=300)


def _een_fout(uit: subprocess.CompletedProcess[str]) -> str:
    assert uit.returncode == 2, (uit.stdout, uit.stderr)
    assert "Traceback" not in uit.stderr
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("Fout: "), uit.stderr
    return regels[0]


@pytest.mark.parametrize("soort", SOORTEN)
def test_restore_via_opdrachtregel_vraagt_om_ja(bron, databases, soort):
    _, bestand, inhoud = bron(soort)
    doel = databases.nieuw(soort)
    herstel_backup(doel, bestand)
    engine = maak_engine(doel)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        from datalaag.models import Stadsdeel

        sessie.add(Stadsdeel(naam="Na de backup", stadsdeelcoordinator="x", stadsdeelwethouder="y"))
    engine.dispose()
    na = _inhoud(doel)

    zonder = _cli("restore", str(bestand), DATABASE_URL=doel)
    fout = _een_fout(zonder)
    assert "vervangt alle gegevens" in fout and "bevestig met --ja" in fout and "niets veranderd" in fout
    assert "rijen in 32 tabellen" in zonder.stdout
    assert _inhoud(doel) == na

    met = _cli("restore", str(bestand), "--ja", DATABASE_URL=doel)
    assert met.returncode == 0, met.stderr
    assert f"schema op migratie {_head()}" in met.stdout
    _vergelijk(inhoud, _inhoud(doel))


def _herschrijf(bron_bestand: Path, doel: Path, bewerk) -> Path:
    with gzip.open(bron_bestand, "rt", encoding="utf-8") as f:
        regels = [json.loads(r) for r in f]
    regels = bewerk(regels)
    with gzip.open(doel, "wt", encoding="utf-8") as f:
        for r in regels:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return doel


def _dubbele_wijk(regels: list) -> list:
    """Een wijk twee keer (zelfde id), met kloppende aantallen: pas de database merkt het."""
    start = next(i for i, r in enumerate(regels) if isinstance(r, dict) and r.get("tabel") == "wijk")
    regels.insert(start + 2, regels[start + 1])
    for r in regels:
        if isinstance(r, dict) and r.get("einde") == "wijk":
            r["rijen"] += 1
        if isinstance(r, dict) and r.get("klaar"):
            r["aantallen"]["wijk"] += 1
    return regels


def _verweesde_uitgave(regels: list) -> list:
    """Een uitgave die naar een wijk verwijst die niet bestaat."""
    start = next(i for i, r in enumerate(regels) if isinstance(r, dict) and r.get("tabel") == "uitgave")
    kolommen = [k for k, _ in regels[start]["kolommen"]]
    regels[start + 1][kolommen.index("wijk_id")] = 999_999
    return regels


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("bederf", [_dubbele_wijk, _verweesde_uitgave])
def test_mislukt_herstel_verandert_niets(bron, databases, tmp_path, soort, bederf):
    """Gaat het halverwege mis (de database weigert een rij), dan staat alles zoals het was, schema incluis."""
    _, bestand, inhoud = bron(soort)
    doel = databases.nieuw(soort)
    herstel_backup(doel, bestand)
    voor = _inhoud(doel)
    kapot = _herschrijf(bestand, tmp_path / "kapot.backup.gz", bederf)
    assert lees_kop(kapot).rijen >= sum(len(r) for r in inhoud.values())  # het bestand zelf lijkt in orde

    with pytest.raises(BackupFout, match="Er is niets veranderd"):
        herstel_backup(doel, kapot)

    _vergelijk(voor, _inhoud(doel))
    assert _revisie(doel) == _head()


def test_fouten_in_het_bestand_en_de_opdracht(bron, databases, tmp_path):
    """Elke fout: één Nederlandse regel, exitcode 2, en de database is niet aangeraakt."""
    _, bestand, _ = bron("sqlite")
    doel = databases.nieuw("sqlite")
    herstel_backup(doel, bestand)
    voor = _inhoud(doel)

    # Afgebroken (half geschreven) bestand.
    afgebroken = tmp_path / "afgebroken.backup.gz"
    afgebroken.write_bytes(bestand.read_bytes()[: bestand.stat().st_size // 2])
    assert "onvolledig of beschadigd" in _een_fout(_cli("restore", str(afgebroken), "--ja", DATABASE_URL=doel))
    # Compleet gzip-bestand, maar de laatste regels ontbreken.
    zonder_einde = _herschrijf(bestand, tmp_path / "zonder_einde.backup.gz", lambda r: r[:-5])
    assert "tabel uitgave houdt te vroeg op" in _een_fout(_cli("restore", str(zonder_einde), "--ja",
                                                               DATABASE_URL=doel))
    zonder_klaar = _herschrijf(bestand, tmp_path / "zonder_klaar.backup.gz", lambda r: r[:-1])
    assert "het einde ontbreekt" in _een_fout(_cli("restore", str(zonder_klaar), "--ja", DATABASE_URL=doel))
    # Geen backup.
    geen = tmp_path / "geen.csv"
    geen.write_text("wijk;waarde\n", encoding="utf-8")
    assert "geen backup van dit dashboard" in _een_fout(_cli("restore", str(geen), "--ja", DATABASE_URL=doel))
    assert "bestaat niet" in _een_fout(_cli("restore", str(tmp_path / "weg.gz"), "--ja", DATABASE_URL=doel))
    # Van een nieuwere versie van het dashboard.
    nieuwer = _herschrijf(bestand, tmp_path / "nieuwer.backup.gz",
                          lambda r: [{**r[0], "revisie": "9999_toekomst"}, *r[1:]])
    assert "nieuwere versie" in _een_fout(_cli("restore", str(nieuwer), "--ja", DATABASE_URL=doel))
    assert "nieuwere versie" in _een_fout(_cli("restore", str(nieuwer), "--ja",
                                               DATABASE_URL=f"sqlite:///{tmp_path}/nieuw.db"))
    assert not (tmp_path / "nieuw.db").exists()
    # Een waarde die niet te lezen is (datum).
    def slechte_datum(regels):
        start = next(i for i, r in enumerate(regels) if isinstance(r, dict) and r.get("tabel") == "uitgave")
        kolommen = [k for k, _ in regels[start]["kolommen"]]
        regels[start + 1][kolommen.index("datum")] = "31-02-2026"
        return regels
    slecht = _herschrijf(bestand, tmp_path / "slecht.backup.gz", slechte_datum)
    assert "onleesbaar" in _een_fout(_cli("restore", str(slecht), "--ja", DATABASE_URL=doel))

    assert _inhoud(doel) == voor

    # Backup: bestaand bestand, ontbrekende map, database die er niet is, lege database.
    assert "bestaat al" in _een_fout(_cli("backup", str(bestand), DATABASE_URL=doel))
    assert "bestaat niet" in _een_fout(_cli("backup", str(tmp_path / "nergens" / "b.gz"), DATABASE_URL=doel))
    assert "bestaat niet" in _een_fout(_cli("backup", str(tmp_path / "x.gz"),
                                            DATABASE_URL=f"sqlite:///{tmp_path}/bestaat-niet.db"))
    assert not (tmp_path / "bestaat-niet.db").exists()
    leeg = tmp_path / "leeg.db"
    maak_engine(f"sqlite:///{leeg}").connect().close()
    assert "nog geen schema" in _een_fout(_cli("backup", str(tmp_path / "y.gz"), DATABASE_URL=f"sqlite:///{leeg}"))
    assert not (tmp_path / "y.gz").exists()
    onbereikbaar = _een_fout(_cli("backup", str(tmp_path / "z.gz"),
                                  DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/bestaatniet"))
    assert "niet bereikbaar" in onbereikbaar
    assert not list(tmp_path.glob(".*.tmp")), "geen halve bestanden achtergelaten"

    # Overschrijven mag met --overschrijf; het resultaat is een geldige backup.
    uit = _cli("backup", str(bestand.parent / "opnieuw.backup.gz"), DATABASE_URL=doel)
    assert uit.returncode == 0, uit.stderr
    uit = _cli("backup", str(bestand.parent / "opnieuw.backup.gz"), "--overschrijf", DATABASE_URL=doel)
    assert uit.returncode == 0, uit.stderr
    assert lees_kop(bestand.parent / "opnieuw.backup.gz").aantallen == {t: len(r) for t, r in voor.items()}


def test_productie_waarschuwt_voor_herstelde_demo_accounts(bron, databases):
    _, bestand, _ = bron("sqlite")
    doel = databases.nieuw("sqlite")
    uit = _cli("restore", str(bestand), "--ja", DATABASE_URL=doel, WIJK_MODE="productie", SECRET_KEY="s" * 40)
    assert uit.returncode == 0, uit.stderr
    assert "actieve demo-accounts" in uit.stderr and "demo-uitschakelen" in uit.stderr


def test_waarden_blijven_exact(bron):
    """Steekproef op type en waarde na de omweg door het bestand (SQLite → bestand → inhoud)."""
    from dashboard.backup import _blokken

    _, bestand, inhoud = bron("sqlite")
    for naam, kolommen, rijen in _blokken(bestand):
        if naam == "uitgave":
            soorten = dict(kolommen)
            assert soorten["bedrag"] == "decimaal" and soorten["datum"] == "datum"
            assert soorten["aangemaakt_op"] == "moment"
            eerste = next(iter(rijen))
            i = [k for k, _ in kolommen].index("bedrag")
            assert isinstance(inhoud["uitgave"][0][i], Decimal)
            assert eerste[i] == str(inhoud["uitgave"][0][i]) and Decimal(eerste[i]) == inhoud["uitgave"][0][i]
        elif naam == "mutatie":
            assert dict(kolommen)["oud"] == "json"
            waarden = [r[[k for k, _ in kolommen].index("oud")] for r in rijen]
            assert "null" in waarden and None in waarden  # JSON-null en SQL-NULL blijven verschillend
