"""Gedeelde fixtures.

Data-laagtests draaien op SQLite én PostgreSQL: gebruik de fixture ``engine`` (geparametriseerd)
of ``sessie``. PostgreSQL-URL komt uit ``WIJK_TEST_POSTGRES_URL`` (de Makefile en CI geven die
altijd mee); zonder die variabele worden alleen de PostgreSQL-varianten overgeslagen. Elke testrun
krijgt een eigen schema, zodat runs elkaar niet raken.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head

PG_URL = os.environ.get("WIJK_TEST_POSTGRES_URL", "")


def _pg_url_met_schema(schema: str) -> str:
    scheiding = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{scheiding}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    """Een vers PostgreSQL-schema voor deze testrun; na afloop verwijderd."""
    if not PG_URL:
        pytest.skip("WIJK_TEST_POSTGRES_URL niet gezet: PostgreSQL-variant overgeslagen")
    schema = f"test_{uuid.uuid4().hex[:10]}"
    beheer = maak_engine(PG_URL)
    with beheer.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_url_met_schema(schema)
    finally:
        with beheer.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


def _leeg_alle_tabellen(engine: Engine) -> None:
    from datalaag.models import Base

    with engine.begin() as conn:
        for tabel in reversed(Base.metadata.sorted_tables):
            conn.execute(tabel.delete())


@pytest.fixture(scope="session")
def _sqlite_engine(tmp_path_factory) -> Iterator[Engine]:
    pad = tmp_path_factory.mktemp("db") / "test.db"
    engine = maak_engine(f"sqlite:///{pad}")
    upgrade_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _pg_engine(pg_schema_url) -> Iterator[Engine]:
    engine = maak_engine(pg_schema_url)
    upgrade_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> Iterator[Engine]:
    """Een gemigreerde, lege database; na de test weer leeggemaakt."""
    eng = request.getfixturevalue("_sqlite_engine" if request.param == "sqlite" else "_pg_engine")
    _leeg_alle_tabellen(eng)
    yield eng
    _leeg_alle_tabellen(eng)


@pytest.fixture
def sessie(engine) -> Iterator[Session]:
    fabriek = maak_sessiefabriek(engine)
    with fabriek() as s:
        yield s
        s.rollback()
