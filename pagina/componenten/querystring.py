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


def kies_jaar(jaar: str | None, jaren: list[int], vandaag: dt.date) -> int:
    """Het jaar uit de URL als er gegevens voor zijn, anders het lopende jaar (of het laatste met gegevens)."""
    standaard = vandaag.year if (not jaren or vandaag.year in jaren) else jaren[-1]
    gekozen = geheel(jaar)
    return gekozen if gekozen in jaren else standaard
