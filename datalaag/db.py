"""Engine, sessies en migraties.

``DATABASE_URL`` bepaalt de database; zonder die variabele is het een SQLite-bestand onder
``instance/``. PostgreSQL is de productiedatabase (``postgresql+psycopg://...``).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

PROJECT_MAP = Path(__file__).resolve().parent.parent
MIGRATIES_MAP = Path(__file__).resolve().parent / "migrations"


#: Hoe lang een nieuwe PostgreSQL-verbinding mag duren voordat het verzoek opgeeft (seconden). Zonder
#: grens wacht een worker bij een onbereikbare server (pakketten verdwijnen) minutenlang.
VERBINDEN_TIMEOUT_S = 10


class DatabaseFout(RuntimeError):
    """De database is niet bereikbaar of de URL klopt niet. De tekst is één Nederlandse regel."""


# PostgreSQL-foutcodes (SQLSTATE) die "even niet beschikbaar" betekenen: klasse 08 (verbinding), de server
# stopt of start (57P01–57P03) en te veel verbindingen (53300).
_PG_NIET_BESCHIKBAAR = ("57P01", "57P02", "57P03", "53300")
# SQLite: het bestand is bezet of (tijdelijk) niet te openen. "no such table" e.d. zijn fouten in de app.
_SQLITE_NIET_BESCHIKBAAR = ("database is locked", "database table is locked", "unable to open database",
                            "disk i/o error")


def is_verbindingsfout(fout: BaseException) -> bool:
    """Komt ``fout`` door een database die (even) niet bereikbaar is, in plaats van door een fout in een query?

    Verbinding geweigerd of verbroken, server herstart, verbinding halverwege weggevallen, of geen vrije
    verbinding in de pool binnen de wachttijd. Een volgende poging kan dan wel lukken (de pool maakt met
    ``pool_pre_ping`` zelf nieuwe verbindingen). Query-, integriteits- en schemafouten, een deadlock of een
    time-out van een query horen hier niet bij: die blijven gewone fouten.
    """
    if isinstance(fout, DatabaseFout | PoolTimeout):
        return True
    if not isinstance(fout, DBAPIError):
        return False
    if fout.connection_invalidated:
        return True
    if not isinstance(fout, OperationalError | InterfaceError):
        return False
    origineel = fout.orig
    if type(origineel).__module__.startswith("sqlite3"):
        tekst = str(origineel).lower()
        return any(deel in tekst for deel in _SQLITE_NIET_BESCHIKBAAR)
    sqlstate = getattr(origineel, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith("08") or sqlstate in _PG_NIET_BESCHIKBAAR
    # Geen SQLSTATE: de fout ontstond aan de kant van de client (verbinden mislukt, verbinding verbroken).
    return True


def standaard_url(instance_map: Path | None = None) -> str:
    map_ = instance_map or PROJECT_MAP / "instance"
    return f"sqlite:///{map_ / 'wijkaanpak.db'}"


def database_url(instance_map: Path | None = None) -> str:
    return os.environ.get("DATABASE_URL") or standaard_url(instance_map)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - triviaal
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def maak_engine(url: str) -> Engine:
    """Maak een engine. SQLite krijgt foreign keys aan en WAL (lezers blokkeren schrijvers niet)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseFout(f"DATABASE_URL is geen geldige database-URL: {url!r}.") from exc
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # pool_pre_ping: elke verbinding uit de pool wordt eerst getest; een verbinding die weg is (server
        # herstart, netwerk weg) wordt stil vervangen. Zo herstelt de app zich zonder herstart zodra de
        # database terug is. connect_timeout: een verzoek wacht niet eindeloos op een onbereikbare server.
        connect_args = {}
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = VERBINDEN_TIMEOUT_S
        try:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=30,
                                   connect_args=connect_args)
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise DatabaseFout(
                f"Geen databasestuurprogramma voor {parsed.drivername}: installeer het extra 'postgres' "
                "(pip install '.[postgres]')."
            ) from exc
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "connect", _postgresql_sessie)
    _pool_leeg_na_fork(engine)
    return engine


def _postgresql_sessie(dbapi_verbinding, _record) -> None:
    """Per verbinding: geen JIT-compilatie. De paginaqueries zijn aggregaties van tientallen tot honderden
    milliseconden; JIT kost daar bij elke query eerst 100–500 ms compileren (gemeten op de G4-data, 3 miljoen
    meldingen) en levert niets op. Per verbinding, zodat een ``options`` in de URL (zoals het schema van de
    tests) blijft gelden."""
    vorige = dbapi_verbinding.autocommit
    dbapi_verbinding.autocommit = True
    try:
        dbapi_verbinding.execute("SET jit = off")
    finally:
        dbapi_verbinding.autocommit = vorige


def _pool_leeg_na_fork(engine: Engine) -> None:
    """Een kindproces (gunicorn-worker na ``--preload``) begint met een lege pool.

    Anders zouden ouder en kinderen dezelfde open databaseverbindingen (sockets) delen, en lopen hun
    gesprekken met de server door elkaar. ``dispose(close=False)`` vergeet de geërfde verbindingen zonder ze
    te sluiten (dat zou ook de verbinding van de ouder sluiten). Een zwakke verwijzing: een engine die weg
    mag, blijft niet bestaan voor deze haak.
    """
    ref = weakref.ref(engine)

    def na_fork() -> None:
        eng = ref()
        if eng is not None:
            eng.dispose(close=False)

    os.register_at_fork(after_in_child=na_fork)


def controleer_verbinding(engine: Engine) -> None:
    """Maak één keer verbinding; geef bij een fout één duidelijke Nederlandse regel."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        url = engine.url.render_as_string(hide_password=True)
        oorzaak = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseFout(f"De database {url} is niet bereikbaar: {oorzaak}") from exc


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIES_MAP))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade_head(engine: Engine) -> None:
    """Breng het schema naar de nieuwste migratie (Alembic ``upgrade head``)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def schema_is_leeg(engine: Engine) -> bool:
    return "wijk" not in inspect(engine).get_table_names()


def maak_sessiefabriek(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transactie(fabriek: sessionmaker[Session]) -> Iterator[Session]:
    """Eén sessie in één transactie: commit bij succes, rollback bij een fout."""
    with fabriek() as sessie, sessie.begin():
        yield sessie
