"""Nederlandse opmaak van getallen, bedragen, percentages en datums.

Zuivere functies zonder Dash, voor signaalteksten in de datalaag en voor de UI:
``€ 1.234.567``, ``12,5%``, ``27-11-2026``. Afronden is "half naar boven" (van nul af) via
``Decimal``, zoals een lezer verwacht: 5,95 → 6,0 (een float zou 5,9 geven). Negatieve
getallen krijgen een gewoon minteken (``-``), bedragen als ``€ -1.234`` (CLDR-notatie voor nl).
Ontbrekende waarden (``None``) worden een kastlijn: ``–``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

ONTBREEKT = "–"


def _afgerond(waarde: float | int | Decimal, decimalen: int) -> Decimal:
    getal = waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))
    return getal.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def formatteer_getal(waarde: float | int | Decimal | None, decimalen: int = 0) -> str:
    """Getal met punt als duizendtal- en komma als decimaalteken: ``1234567.891, 2`` →
    ``'1.234.567,89'``; ``5.95, 1`` → ``'6,0'``; ``None`` → ``'–'``."""
    if waarde is None:
        return ONTBREEKT
    getal = _afgerond(waarde, decimalen)
    if getal == 0:
        getal = abs(getal)  # geen "-0,0"
    teken = "-" if getal < 0 else ""
    tekst = f"{abs(getal):,.{decimalen}f}"  # 1,234,567.89
    return teken + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def formatteer_bedrag(waarde: float | int | Decimal | None, decimalen: int = 0) -> str:
    """Bedrag in euro: ``1234567`` → ``'€ 1.234.567'``; ``-1234`` → ``'€ -1.234'``."""
    if waarde is None:
        return ONTBREEKT
    return f"€ {formatteer_getal(waarde, decimalen)}"


def formatteer_procent(fractie: float | int | Decimal | None, decimalen: int = 1) -> str:
    """Fractie als percentage: ``0.125`` → ``'12,5%'``."""
    if fractie is None:
        return ONTBREEKT
    getal = fractie if isinstance(fractie, Decimal) else Decimal(str(fractie))
    return f"{formatteer_getal(getal * 100, decimalen)}%"


def formatteer_datum(datum: dt.date | dt.datetime | None) -> str:
    """Datum als ``dd-mm-jjjj``: ``date(2026, 11, 27)`` → ``'27-11-2026'``."""
    if datum is None:
        return ONTBREEKT
    return f"{datum.day:02d}-{datum.month:02d}-{datum.year:04d}"


def meervoud(aantal: int, enkelvoud: str, meervoud_: str) -> str:
    """``'1 maatregel'``, ``'3 maatregelen'``."""
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud_}"
