"""Kleine SQL-bouwstenen die op SQLite én PostgreSQL werken.

Datumrekenen verschilt per dialect: SQLite kent geen datumtype (datums zijn tekst
``'YYYY-MM-DD'``) en rekent met ``julianday()``; PostgreSQL trekt twee ``date``-waarden af en
krijgt een geheel aantal dagen. ``dagen_tussen`` verbergt dat verschil.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, literal
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


def datum_sql(waarde: dt.date | ColumnElement[Any]) -> ColumnElement[Any]:
    """Een Python-datum als getypeerde bindparameter; een kolomexpressie blijft wat hij is."""
    if isinstance(waarde, dt.datetime):
        raise TypeError("datum_sql verwacht een date, geen datetime")
    if isinstance(waarde, dt.date):
        return literal(waarde, Date)
    return waarde


class dagen_tussen(FunctionElement[int]):  # noqa: N801 - gedraagt zich als een SQL-functie
    """``dagen_tussen(van, tot)``: het aantal kalenderdagen van ``van`` tot ``tot`` (tot − van),
    als geheel getal; negatief als ``tot`` vóór ``van`` ligt. NULL als een van beide NULL is.

    Argumenten zijn ``Date``-kolommen of Python-datums (die worden getypeerde parameters).
    """

    type = Integer()
    inherit_cache = True
    name = "dagen_tussen"

    def __init__(self, van: dt.date | ColumnElement[Any], tot: dt.date | ColumnElement[Any]) -> None:
        super().__init__(datum_sql(van), datum_sql(tot))


@compiles(dagen_tussen)
def _dagen_tussen_standaard(element: dagen_tussen, compiler: Any, **kw: Any) -> str:
    raise CompileError(
        f"dagen_tussen kent database {compiler.dialect.name!r} niet; ondersteund zijn SQLite en PostgreSQL."
    )


@compiles(dagen_tussen, "sqlite")
def _dagen_tussen_sqlite(element: dagen_tussen, compiler: Any, **kw: Any) -> str:
    van, tot = list(element.clauses)
    # julianday geeft een float met .5; het verschil van twee datums is exact een geheel getal.
    return f"CAST(julianday({compiler.process(tot, **kw)}) - julianday({compiler.process(van, **kw)}) AS INTEGER)"


@compiles(dagen_tussen, "postgresql")
def _dagen_tussen_postgresql(element: dagen_tussen, compiler: Any, **kw: Any) -> str:
    van, tot = list(element.clauses)
    return f"(CAST({compiler.process(tot, **kw)} AS DATE) - CAST({compiler.process(van, **kw)} AS DATE))"
