"""Backup en herstel: ``python -m dashboard backup BESTAND`` en ``python -m dashboard restore BESTAND --ja``.

Eén bestandsformaat voor SQLite en PostgreSQL: een gzip-bestand met JSON-regels, eigen aan deze app.

- **Consistent terwijl er geschreven wordt.** Alle tabellen worden binnen één leestransactie gelezen, dus
  uit één momentopname: PostgreSQL ``REPEATABLE READ READ ONLY`` (elke query in de transactie ziet dezelfde
  snapshot; schrijvers worden niet opgehouden), SQLite één ``BEGIN`` … ``COMMIT`` (in WAL-modus een vaste
  leesmomentopname; schrijvers gaan door). Een wijziging met haar dossierregel staat er dus helemaal of
  helemaal niet in.
- **Waarom geen pg_dump.** pg_dump moet minstens de hoofdversie van de server hebben (een pg_dump 15 weigert
  een server 16) en staat lang niet altijd op de machine van de app; het herstel (psql/pg_restore) vraagt
  rechten en kennis van rollen en eigenaars, en het resultaat is niet terug te zetten in SQLite. Dit formaat
  hangt alleen af van de app zelf, werkt in beide richtingen (ook van de SQLite-demo naar PostgreSQL) en weet
  bij welke migratie het hoort. Voor heel grote databases of herstel tot op de minuut (WAL-archivering) blijft
  pg_dump/pg_basebackup van de DBA de aangewezen weg; dat sluit dit niet uit.
- **Herstel is alles of niets.** Het bestand wordt eerst helemaal gecontroleerd (compleet, aantallen kloppen).
  Daarna in één transactie: de tabellen van de app weg, het schema opbouwen tot de migratie van de backup,
  alle rijen terug, reeksen (ids) bijstellen, aantallen en verwijzingen controleren, en migreren naar de
  nieuwste versie. Gaat er iets mis, dan blijft de database zoals ze was (PostgreSQL en SQLite kennen beide
  transactionele DDL).

Bestandsopbouw (één JSON-waarde per regel, UTF-8, gzip)::

    {"formaat": "wijkaanpak-backup", "versie": 1, "revisie": "0002", "aangemaakt": "…", "bron": "postgresql",
     "tabellen": ["ambitie", …]}
    {"tabel": "ambitie", "kolommen": [["id", "geheel"], ["tekst", "tekst"], …]}
    [1, "…"]                      ← één rij
    {"einde": "ambitie", "rijen": 6}
    …
    {"klaar": true, "aantallen": {"ambitie": 6, …}}
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import (
    Engine,
    MetaData,
    Table,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from datalaag.db import (
    MIGRATIES_MAP,
    DatabaseFout,
    alembic_config,
    controleer_verbinding,
    maak_engine,
)

FORMAAT = "wijkaanpak-backup"
FORMAATVERSIE = 1
PER_KEER = 1000  # rijen per INSERT-opdracht bij herstel
# Zo lang wacht herstel op de tabellen als de app ze nog gebruikt (PostgreSQL), daarna een nette fout.
WACHT_OP_TABELLEN_S = 60


class BackupFout(RuntimeError):
    """Backup of herstel lukte niet. De tekst is één Nederlandse regel die zegt wat er mis is."""


@dataclass
class Kop:
    """Wat een backupbestand over zichzelf zegt (na volledige controle)."""

    bestand: Path
    revisie: str
    aangemaakt: str
    bron: str
    tabellen: list[str]
    aantallen: dict[str, int] = field(default_factory=dict)

    @property
    def rijen(self) -> int:
        return sum(self.aantallen.values())

    def omschrijving(self) -> str:
        try:
            moment = dt.datetime.fromisoformat(self.aangemaakt).strftime("%d-%m-%Y %H:%M")
        except ValueError:
            moment = self.aangemaakt
        return (f"backup van {moment} ({self.bron}, migratie {self.revisie}): {_getal(self.rijen)} rijen in "
                f"{len(self.tabellen)} tabellen")


@dataclass
class Verslag:
    bestand: Path
    revisie: str
    aantallen: dict[str, int]

    @property
    def rijen(self) -> int:
        return sum(self.aantallen.values())


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --------------------------------------------------------------------------- verbinding


def _is_sqlite(url: str) -> bool:
    try:
        return make_url(url).get_backend_name() == "sqlite"
    except ArgumentError as exc:
        raise DatabaseFout(f"DATABASE_URL is geen geldige database-URL: {url!r}.") from exc


def _sqlite_engine(url: str, *, schrijven: bool) -> Engine:
    """SQLite met echte transacties: de driver begint zelf geen transacties (``isolation_level=None``), wij
    sturen ``BEGIN`` (lezen: een vaste momentopname) of ``BEGIN IMMEDIATE`` (herstel: meteen het schrijfslot).
    Zo vallen ook DDL en het lezen van meerdere tabellen binnen één transactie; de standaard-driver begint
    een transactie pas bij de eerste INSERT/UPDATE/DELETE.

    Herstel zet de foreign keys tijdens de transactie uit (SQLite kan een tabel anders niet opnieuw opbouwen
    in een migratie) en controleert ze aan het eind met ``PRAGMA foreign_key_check``.
    """
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})
    except (NoSuchModuleError, ModuleNotFoundError) as exc:  # pragma: no cover - sqlite3 zit in Python
        raise DatabaseFout(f"Geen stuurprogramma voor {url!r}.") from exc

    @event.listens_for(engine, "connect")
    def _verbonden(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=OFF" if schrijven else "PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if schrijven else "BEGIN")

    return engine


def _engine(url: str, *, schrijven: bool) -> Engine:
    if _is_sqlite(url):
        database = make_url(url).database
        if not schrijven and (not database or database == ":memory:" or not Path(database).exists()):
            raise BackupFout(f"Het databasebestand {database} bestaat niet; er is niets om te bewaren.")
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = _sqlite_engine(url, schrijven=schrijven)
    else:
        engine = maak_engine(url)
    controleer_verbinding(engine)
    return engine


def _lees_verbinding(engine: Engine) -> Connection:
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return conn


# --------------------------------------------------------------------------- waarden


def _soort(kolomtype: sqltypes.TypeEngine) -> str:
    """Hoe een kolom in het bestand staat. De volgorde telt: Float is een soort Numeric."""
    if isinstance(kolomtype, sqltypes.JSON):
        return "json"
    if isinstance(kolomtype, sqltypes.DateTime):
        return "moment"
    if isinstance(kolomtype, sqltypes.Date):
        return "datum"
    if isinstance(kolomtype, sqltypes.Time):
        return "tijd"
    if isinstance(kolomtype, sqltypes.Float):
        return "getal"
    if isinstance(kolomtype, sqltypes.Numeric):
        return "decimaal"
    if isinstance(kolomtype, sqltypes.LargeBinary):
        return "bytes"
    if isinstance(kolomtype, sqltypes.Boolean):
        return "waarheid"
    if isinstance(kolomtype, sqltypes.Integer):
        return "geheel"
    return "tekst"


def _naar_bestand(soort: str, waarde):
    if waarde is None:
        return None
    if soort in ("moment", "datum", "tijd"):
        return waarde.isoformat()
    if soort == "decimaal":
        return str(waarde)
    if soort == "bytes":
        return base64.b64encode(bytes(waarde)).decode("ascii")
    if soort == "waarheid":
        return bool(waarde)
    return waarde  # tekst, geheel, getal; json staat er al als tekst (zie _kolom_lezen)


def _uit_bestand(soort: str, waarde):
    if waarde is None:
        return None
    if soort == "moment":
        return dt.datetime.fromisoformat(waarde)
    if soort == "datum":
        return dt.date.fromisoformat(waarde)
    if soort == "tijd":
        return dt.time.fromisoformat(waarde)
    if soort == "decimaal":
        return Decimal(waarde)
    if soort == "bytes":
        return base64.b64decode(waarde)
    if soort == "json":
        if not isinstance(waarde, str):
            raise ValueError("JSON-waarde is geen tekst")
        json.loads(waarde)  # moet geldige JSON zijn
        return waarde
    return waarde


SOORTEN = ("json", "moment", "datum", "tijd", "getal", "decimaal", "bytes", "waarheid", "geheel", "tekst")


def _kolom_lezen(kolom):
    """JSON letterlijk als tekst lezen: zo blijven SQL-NULL en JSON-``null`` verschillend en verandert er
    niets aan sleutelvolgorde of getalnotatie."""
    if _soort(kolom.type) == "json":
        return cast(kolom, Text).label(kolom.name)
    return kolom


def _kolom_schrijven(kolom, sleutel: str, dialect: str):
    if _soort(kolom.type) == "json":
        param = bindparam(sleutel, type_=Text)
        # PostgreSQL: tekst uitdrukkelijk als JSON; SQLite bewaart JSON als tekst.
        return cast(param, kolom.type) if dialect == "postgresql" else param
    return bindparam(sleutel, type_=kolom.type)


# --------------------------------------------------------------------------- schema


def _huidige_revisie(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIES_MAP))
    return ScriptDirectory.from_config(cfg)


def _app_tabellen() -> set[str]:
    from datalaag.models import Base

    return set(Base.metadata.tables)


def _gesorteerde_tabellen(conn: Connection, namen: set[str]) -> list[Table]:
    """De tabellen in volgorde van hun verwijzingen (eerst waarnaar verwezen wordt)."""
    meta = MetaData()
    meta.reflect(conn, only=sorted(namen))
    return [t for t in meta.sorted_tables if t.name in namen]


def _migreer(conn: Connection, engine: Engine, doel: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, doel)


# --------------------------------------------------------------------------- backup


def _schrijf_regel(uit, waarde) -> None:
    uit.write(json.dumps(waarde, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    uit.write("\n")


def maak_backup(url: str, bestand: str | os.PathLike, *, overschrijf: bool = False,
                na_tabel: Callable[[str], None] | None = None) -> Verslag:
    """Schrijf een consistente kopie van de database naar ``bestand`` (atomair: eerst een tijdelijk bestand).

    ``na_tabel(naam)`` wordt na elke tabel aangeroepen, binnen de leestransactie (voor tests).
    """
    doel = Path(bestand)
    if doel.is_dir():
        raise BackupFout(f"{doel} is een map; geef een bestandsnaam, bijv. {doel / 'wijkaanpak.backup.gz'}.")
    if not doel.parent.is_dir():
        raise BackupFout(f"De map {doel.parent} bestaat niet.")
    if doel.exists() and not overschrijf:
        raise BackupFout(f"Het bestand {doel} bestaat al. Kies een andere naam of gebruik --overschrijf.")
    engine = _engine(url, schrijven=False)
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.tmp")
    try:
        with _lees_verbinding(engine) as conn, conn.begin():
            # De eerste query legt de momentopname vast; alles hierna ziet dezelfde stand.
            revisie = _huidige_revisie(conn)
            if revisie is None:
                raise BackupFout("De database heeft nog geen schema (geen migratie); er is niets om te bewaren.")
            bestaand = set(inspect(conn).get_table_names())
            tabellen = _gesorteerde_tabellen(conn, bestaand & _app_tabellen())
            aantallen: dict[str, int] = {}
            # Alleen de eigenaar mag de backup lezen: er staan wachtwoordhashes en persoonsgegevens in.
            fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as ruw:
                with gzip.GzipFile(fileobj=ruw, mode="wb", compresslevel=6) as gz, \
                        io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as uit:
                    _schrijf_regel(uit, {
                        "formaat": FORMAAT, "versie": FORMAATVERSIE, "revisie": revisie,
                        "aangemaakt": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                        "bron": engine.dialect.name, "tabellen": [t.name for t in tabellen],
                    })
                    for tabel in tabellen:
                        aantallen[tabel.name] = _schrijf_tabel(conn, tabel, uit)
                        if na_tabel is not None:
                            na_tabel(tabel.name)
                    _schrijf_regel(uit, {"klaar": True, "aantallen": aantallen})
                ruw.flush()
                os.fsync(ruw.fileno())
        os.replace(tijdelijk, doel)
    except OSError as exc:
        raise BackupFout(f"Het bestand {doel} kon niet worden geschreven ({exc.strerror or exc}).") from exc
    except DBAPIError as exc:
        raise _databasefout(exc, "De backup is niet gemaakt.") from exc
    finally:
        tijdelijk.unlink(missing_ok=True)
        engine.dispose()
    return Verslag(doel, revisie, aantallen)


def _schrijf_tabel(conn: Connection, tabel: Table, uit) -> int:
    kolommen = list(tabel.columns)
    soorten = [_soort(k.type) for k in kolommen]
    _schrijf_regel(uit, {"tabel": tabel.name, "kolommen": [[k.name, s] for k, s in zip(kolommen, soorten, strict=True)]})
    volgorde = list(tabel.primary_key.columns) or kolommen
    query = select(*[_kolom_lezen(k) for k in kolommen]).order_by(*volgorde).execution_options(yield_per=2000)
    aantal = 0
    for rij in conn.execute(query):
        _schrijf_regel(uit, [_naar_bestand(s, w) for s, w in zip(soorten, rij, strict=True)])
        aantal += 1
    _schrijf_regel(uit, {"einde": tabel.name, "rijen": aantal})
    return aantal


def _databasefout(exc: DBAPIError, gevolg: str) -> Exception:
    from datalaag.db import is_verbindingsfout

    oorzaak = str(exc.orig or exc).strip().splitlines()[0]
    if is_verbindingsfout(exc):
        return DatabaseFout(f"De verbinding met de database viel weg ({oorzaak}). {gevolg}")
    if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_timeout: de tabellen bleven in gebruik
        return BackupFout(f"De tabellen bleven {WACHT_OP_TABELLEN_S} seconden in gebruik (draait de app nog een lange "
                          f"bewerking?). Stop gunicorn en probeer het opnieuw. {gevolg}")
    return BackupFout(f"De database gaf een fout: {oorzaak}. {gevolg}")


# --------------------------------------------------------------------------- lezen en controleren


def _regels(bestand: Path) -> Iterator[tuple[int, object]]:
    """(regelnummer, JSON-waarde) per regel; een onleesbaar of beschadigd bestand geeft een BackupFout."""
    try:
        with gzip.open(bestand, "rt", encoding="utf-8") as invoer:
            for nummer, regel in enumerate(invoer, start=1):
                try:
                    yield nummer, json.loads(regel)
                except json.JSONDecodeError as exc:
                    raise BackupFout(f"{bestand} is beschadigd: regel {nummer} is geen geldige JSON.") from exc
    except FileNotFoundError as exc:
        raise BackupFout(f"Het bestand {bestand} bestaat niet.") from exc
    except IsADirectoryError as exc:
        raise BackupFout(f"{bestand} is een map, geen backupbestand.") from exc
    except gzip.BadGzipFile as exc:
        raise BackupFout(f"{bestand} is geen backup van dit dashboard (geen gzip-bestand).") from exc
    except (EOFError, zlib.error) as exc:
        raise BackupFout(f"{bestand} is onvolledig of beschadigd (het bestand houdt te vroeg op).") from exc
    except UnicodeDecodeError as exc:
        raise BackupFout(f"{bestand} is beschadigd (geen geldige UTF-8-tekst).") from exc
    except OSError as exc:
        raise BackupFout(f"Het bestand {bestand} is niet te lezen ({exc.strerror or exc}).") from exc


def _blokken(bestand: Path) -> Iterator[tuple[str, list[tuple[str, str]], Iterator[list]]]:
    """Loop door het bestand: eerst de kop (als ``("", [], kop)``), dan per tabel (naam, kolommen, rijen).

    Controleert de opbouw: elke rij heeft evenveel waarden als er kolommen zijn, elk blok sluit met het juiste
    aantal rijen, het bestand eindigt met ``klaar`` en de aantallen daarin kloppen.
    """
    regels = _regels(bestand)
    kapot = f"{bestand} is beschadigd of onvolledig"
    try:
        _, kop = next(regels)
    except StopIteration:
        raise BackupFout(f"{bestand} is leeg.") from None
    if not isinstance(kop, dict) or kop.get("formaat") != FORMAAT:
        raise BackupFout(f"{bestand} is geen backup van dit dashboard.")
    if kop.get("versie") != FORMAATVERSIE:
        raise BackupFout(f"{bestand} heeft bestandsversie {kop.get('versie')!r}; deze versie van het dashboard leest "
                         f"versie {FORMAATVERSIE}.")
    if not isinstance(kop.get("revisie"), str) or not isinstance(kop.get("tabellen"), list):
        raise BackupFout(f"{kapot}: de kop mist de migratie of de tabellen.")
    yield "", [], kop  # type: ignore[misc]
    gezien: dict[str, int] = {}
    klaar = None
    for nummer, waarde in regels:
        if klaar is not None:
            raise BackupFout(f"{kapot}: regel {nummer} staat na het einde.")
        if isinstance(waarde, dict) and waarde.get("klaar") is True:
            klaar = waarde
            continue
        if not (isinstance(waarde, dict) and isinstance(waarde.get("tabel"), str)
                and isinstance(waarde.get("kolommen"), list)):
            raise BackupFout(f"{kapot}: regel {nummer} verwacht het begin van een tabel.")
        naam = waarde["tabel"]
        kolommen = waarde["kolommen"]
        if naam in gezien or naam not in kop["tabellen"]:
            raise BackupFout(f"{kapot}: tabel {naam!r} (regel {nummer}) staat niet of dubbel in de kop.")
        if not all(isinstance(k, list) and len(k) == 2 and isinstance(k[0], str) and k[1] in SOORTEN
                   for k in kolommen):
            raise BackupFout(f"{kapot}: de kolommen van tabel {naam} (regel {nummer}) zijn onleesbaar.")
        teller = [0]

        def rijen(naam=naam, breedte=len(kolommen), teller=teller):
            for regelnummer, rij in regels:
                if isinstance(rij, list):
                    if len(rij) != breedte:
                        raise BackupFout(f"{kapot}: regel {regelnummer} (tabel {naam}) heeft {len(rij)} waarden, "
                                         f"verwacht {breedte}.")
                    teller[0] += 1
                    yield rij
                    continue
                if isinstance(rij, dict) and rij.get("einde") == naam:
                    if rij.get("rijen") != teller[0]:
                        raise BackupFout(f"{kapot}: tabel {naam} heeft {teller[0]} rijen, verwacht {rij.get('rijen')}.")
                    return
                raise BackupFout(f"{kapot}: regel {regelnummer} hoort niet in tabel {naam}.")
            raise BackupFout(f"{kapot}: tabel {naam} houdt te vroeg op.")

        rij_iter = rijen()
        yield naam, [(k[0], k[1]) for k in kolommen], rij_iter
        for _ in rij_iter:  # wat de aanroeper niet las, toch controleren
            pass
        gezien[naam] = teller[0]
    if klaar is None:
        raise BackupFout(f"{kapot}: het einde ontbreekt (de backup is afgebroken?).")
    if set(gezien) != set(kop["tabellen"]) or klaar.get("aantallen") != gezien:
        raise BackupFout(f"{kapot}: de aantallen rijen aan het eind kloppen niet met de inhoud.")


def lees_kop(bestand: str | os.PathLike) -> Kop:
    """Controleer het hele bestand (zonder database) en geef wat het over zichzelf zegt."""
    pad = Path(bestand)
    kop: dict = {}
    aantallen: dict[str, int] = {}
    for naam, kolommen, rijen in _blokken(pad):
        if not naam:
            kop = rijen  # type: ignore[assignment]
            continue
        soorten = [s for _, s in kolommen]
        aantal = 0
        for rij in rijen:
            try:
                for s, w in zip(soorten, rij, strict=True):
                    _uit_bestand(s, w)
            except (ValueError, TypeError, InvalidOperation, json.JSONDecodeError) as exc:
                raise BackupFout(f"{pad} is beschadigd: een waarde in tabel {naam} is onleesbaar.") from exc
            aantal += 1
        aantallen[naam] = aantal
    return Kop(pad, kop["revisie"], str(kop.get("aangemaakt", "")), str(kop.get("bron", "")), list(kop["tabellen"]),
               aantallen)


# --------------------------------------------------------------------------- herstel


def _verwijder_tabellen(conn: Connection, extra: set[str]) -> None:
    """De tabellen van de app (en van de backup) en ``alembic_version`` weg; andere tabellen blijven."""
    bestaand = set(inspect(conn).get_table_names())
    weg = bestaand & (_app_tabellen() | extra | {"alembic_version"})
    quote = conn.dialect.identifier_preparer.quote
    if conn.dialect.name == "postgresql":
        for naam in sorted(weg):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(naam)} CASCADE")
    else:
        # SQLite: foreign keys staan tijdens herstel uit (zie _sqlite_engine); volgorde doet er niet toe.
        for naam in sorted(weg):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(naam)}")


def _zet_reeksen(conn: Connection, tabellen: list[Table]) -> None:
    """PostgreSQL: de reeks achter elke automatische id verder zetten dan het hoogste herstelde id."""
    if conn.dialect.name != "postgresql":
        return  # SQLite: een INTEGER PRIMARY KEY gaat vanzelf verder na het hoogste id
    quote = conn.dialect.identifier_preparer.quote
    for tabel in tabellen:
        pk = list(tabel.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, sqltypes.Integer):
            continue
        reeks = conn.execute(text("SELECT pg_get_serial_sequence(:t, :k)"),
                             {"t": quote(tabel.name), "k": pk[0].name}).scalar()
        if reeks:
            hoogste = conn.execute(select(func.max(pk[0]))).scalar()
            conn.execute(text("SELECT setval(:r, :w, :gebruikt)"),
                         {"r": reeks, "w": hoogste or 1, "gebruikt": hoogste is not None})


def _controleer_verwijzingen(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        fouten = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if fouten:
            tabel, rowid, ouder, _ = fouten[0]
            raise BackupFout(f"De backup klopt niet: rij {rowid} van tabel {tabel} verwijst naar een rij in {ouder} "
                             f"die niet bestaat ({len(fouten)} zulke verwijzingen). Er is niets veranderd.")


def herstel_backup(url: str, bestand: str | os.PathLike, kop: Kop | None = None) -> Verslag:
    """Vervang alle gegevens van de app in de database door die uit ``bestand``; alles of niets.

    ``kop``: de uitkomst van :func:`lees_kop` als die al bekend is (anders wordt het bestand eerst gecontroleerd).
    """
    pad = Path(bestand)
    kop = kop or lees_kop(pad)
    scripts = _scripts()
    try:
        scripts.get_revision(kop.revisie)
    except Exception as exc:  # noqa: BLE001 - alembic geeft verschillende fouten voor een onbekende revisie
        raise BackupFout(f"De backup hoort bij migratie {kop.revisie!r}, die deze versie van het dashboard niet "
                         "kent (een backup van een nieuwere versie?). Er is niets veranderd.") from exc
    head = scripts.get_current_head()
    engine = _engine(url, schrijven=True)
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{WACHT_OP_TABELLEN_S}s'")
            _verwijder_tabellen(conn, set(kop.tabellen))
            _migreer(conn, engine, kop.revisie)
            tabellen = {t.name: t for t in _gesorteerde_tabellen(conn, set(kop.tabellen))}
            aantallen: dict[str, int] = {}
            for naam, kolommen, rijen in _blokken(pad):
                if not naam:
                    continue
                tabel = tabellen.get(naam)
                ontbreekt = [k for k, _ in kolommen if tabel is None or k not in tabel.c]
                if ontbreekt:
                    raise BackupFout(f"De backup past niet bij migratie {kop.revisie}: {naam}.{ontbreekt[0]} bestaat "
                                     "daar niet. Er is niets veranderd.")
                sleutels = [f"w{i}" for i in range(len(kolommen))]
                opdracht = insert(tabel).values({
                    k: _kolom_schrijven(tabel.c[k], s, conn.dialect.name) for (k, _), s in zip(kolommen, sleutels, strict=True)
                })
                soorten = [s for _, s in kolommen]
                partij: list[dict] = []
                aantal = 0
                for rij in rijen:
                    partij.append({s: _uit_bestand(soort, w) for s, soort, w in zip(sleutels, soorten, rij, strict=True)})
                    if len(partij) >= PER_KEER:
                        conn.execute(opdracht, partij)
                        aantal += len(partij)
                        partij = []
                if partij:
                    conn.execute(opdracht, partij)
                    aantal += len(partij)
                aantallen[naam] = aantal
            _zet_reeksen(conn, list(tabellen.values()))
            for naam, verwacht in kop.aantallen.items():
                geteld = conn.execute(select(func.count()).select_from(tabellen[naam])).scalar()
                if geteld != verwacht:
                    raise BackupFout(f"Na het terugzetten telt {naam} {geteld} rijen in plaats van {verwacht}. "
                                     "Er is niets veranderd.")
            _controleer_verwijzingen(conn)
            _migreer(conn, engine, "head")
            _controleer_verwijzingen(conn)
    except DBAPIError as exc:
        raise _databasefout(exc, "Er is niets veranderd.") from exc
    finally:
        engine.dispose()
    # Na de commit: alles wat de pagina's (in Redis, over alle workers) gecachet hadden, is nu oud.
    from datalaag.cache import verhoog_generatie

    verhoog_generatie(url)
    return Verslag(pad, head, aantallen)


__all__ = ["BackupFout", "Kop", "Verslag", "herstel_backup", "lees_kop", "maak_backup"]
