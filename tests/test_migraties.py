"""Migraties zetten een lege database (SQLite en PostgreSQL) op het volledige schema."""

from __future__ import annotations

from sqlalchemy import inspect, text

from datalaag.db import maak_engine, upgrade_head
from datalaag.models import Base


def _controleer_schema(engine) -> None:
    tabellen = set(inspect(engine).get_table_names())
    verwacht = set(Base.metadata.tables)
    assert verwacht <= tabellen, f"ontbreekt: {verwacht - tabellen}"
    with engine.connect() as conn:
        versie = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    from alembic.script import ScriptDirectory

    from datalaag.db import alembic_config

    assert versie == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def test_upgrade_op_lege_sqlite(tmp_path):
    engine = maak_engine(f"sqlite:///{tmp_path / 'leeg.db'}")
    upgrade_head(engine)
    _controleer_schema(engine)
    upgrade_head(engine)  # tweede keer: niets te doen, geen fout
    _controleer_schema(engine)


def test_upgrade_op_leeg_postgresql_schema(pg_schema_url):
    # pg_schema_url is een vers, leeg schema voor deze run; hier een eigen sub-schema zodat
    # de gedeelde engine-fixture er niet bij komt.
    import uuid

    from tests.conftest import PG_URL

    schema = f"mig_{uuid.uuid4().hex[:8]}"
    beheer = maak_engine(PG_URL)
    with beheer.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = maak_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
        assert inspect(engine).get_table_names() == []
        upgrade_head(engine)
        _controleer_schema(engine)
        engine.dispose()
    finally:
        with beheer.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        beheer.dispose()


def test_migratie_komt_overeen_met_de_modellen(tmp_path):
    """Geen verschil tussen modellen en migraties (anders is er een migratie vergeten)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = maak_engine(f"sqlite:///{tmp_path / 'vergelijk.db'}")
    upgrade_head(engine)
    with engine.connect() as conn:
        verschillen = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert verschillen == []


def test_database_bewaakt_constraints(sessie):
    """CHECK-constraints gelden in de database zelf, ook buiten de app om."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from datalaag.models import Ambitie, Evaluatie, EvaluatieAmbitie, Stadsdeel, Werkwijze, Wijk

    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="10-15 jaar", afbakening="wijk"))
    sd = Stadsdeel(naam="Noord", stadsdeelcoordinator="A", stadsdeelwethouder="B")
    wijk = Wijk(naam="Testwijk", slug="testwijk", stadsdeel=sd, werkwijze="WOP")
    amb = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="...")
    ev = Evaluatie(wijk=wijk, jaar=2025, status="concept")
    sessie.add_all([sd, wijk, amb, ev])
    sessie.flush()
    sessie.add(EvaluatieAmbitie(evaluatie=ev, ambitie=amb, waardering=11))
    with pytest.raises(IntegrityError):
        sessie.flush()
    sessie.rollback()
    with pytest.raises(IntegrityError):
        sessie.add(Werkwijze(code="XYZ", naam="?", omschrijving="-", looptijd="-", afbakening="-"))
        sessie.flush()
