"""Engine, sessies en migraties.

``DATABASE_URL`` bepaalt de database; zonder die variabele is het een SQLite-bestand onder
``instance/``. PostgreSQL is de productiedatabase (``postgresql+psycopg://...``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

PROJECT_MAP = Path(__file__).resolve().parent.parent
MIGRATIES_MAP = Path(__file__).resolve().parent / "migrations"


class DatabaseFout(RuntimeError):
    """De database is niet bereikbaar of de URL klopt niet. De tekst is één Nederlandse regel."""


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
        try:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise DatabaseFout(
                f"Geen databasestuurprogramma voor {parsed.drivername}: installeer het extra 'postgres' "
                "(pip install '.[postgres]')."
            ) from exc
    return engine


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
