"""Waarden uit de querystring veilig lezen: een ongeldige waarde valt terug op de standaard.

Pagina's delen deze regels via dit module (een paginamodule importeert nooit een andere
paginamodule: Dash zou haar pagina en callbacks dan twee keer registreren).
"""

from __future__ import annotations

import datetime as dt


def geheel(waarde: str | None) -> int | None:
    """Een geheel getal uit de URL, of None bij een lege of ongeldige waarde."""
    try:
        return int(waarde) if waarde not in (None, "") else None
    except (TypeError, ValueError):
        return None


#: Ids in de database zijn INTEGER: groter kan een id niet zijn (SQLite geeft anders een OverflowError).
MAX_ID = 2**31 - 1


def id_uit(waarde: object) -> int | None:
    """Een id uit de URL of een Store: een geheel getal van 1 tot en met ``MAX_ID``, anders None (een vervalst
    of te groot id wordt zo nooit een databasefout)."""
    getal = geheel(None if waarde is None else str(waarde))
    return getal if getal is not None and 1 <= getal <= MAX_ID else None


def kies_jaar(jaar: str | None, jaren: list[int], vandaag: dt.date) -> int:
    """Het jaar uit de URL als er gegevens voor zijn, anders het lopende jaar (of het laatste met gegevens)."""
    standaard = vandaag.year if (not jaren or vandaag.year in jaren) else jaren[-1]
    gekozen = geheel(jaar)
    return gekozen if gekozen in jaren else standaard
