"""Instellingen van de database-engine (datalaag/db.py)."""

from __future__ import annotations

from sqlalchemy import text

from datalaag.db import maak_engine


def test_postgresql_verbinding_zonder_jit_en_met_het_schema_uit_de_url(pg_schema_url):
    engine = maak_engine(pg_schema_url)
    try:
        for _ in range(2):  # ook een verbinding die uit de pool terugkomt
            with engine.connect() as verbinding:
                assert verbinding.execute(text("SHOW jit")).scalar() == "off"
                assert verbinding.execute(text("SHOW search_path")).scalar().startswith("test_")
                assert verbinding.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
