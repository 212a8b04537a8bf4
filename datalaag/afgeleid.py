"""Afgeleide cijfers: elk één keer gedefinieerd, hier. Pagina's en services gebruiken deze definities.

Zie shared/DESIGN.md, "Derived figures".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

# --------------------------------------------------------------------------- afhandeltijd


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    """Nederlandse feestdagen volgens het onderhouden pakket ``holidays``."""
    return frozenset(holidays.country_holidays("NL", years=jaar).keys())


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def werkdagen_tussen(ontvangen: dt.date | dt.datetime, afgehandeld: dt.date | dt.datetime) -> int:
    """Afhandeltijd in werkdagen: het aantal werkdagen na de dag van ontvangst tot en met de dag
    van afhandeling. Zelfde dag afgehandeld = 0; ontvangen vrijdag, afgehandeld maandag = 1.
    Weekenden en Nederlandse feestdagen tellen niet mee.
    """
    begin = ontvangen.date() if isinstance(ontvangen, dt.datetime) else ontvangen
    eind = afgehandeld.date() if isinstance(afgehandeld, dt.datetime) else afgehandeld
    if eind < begin:
        raise ValueError("afgehandeld ligt vóór ontvangen")
    dagen = 0
    dag = begin + dt.timedelta(days=1)
    while dag <= eind:
        if is_werkdag(dag):
            dagen += 1
        dag += dt.timedelta(days=1)
    return dagen
