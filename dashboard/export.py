"""Export van tabellen naar CSV en Excel (.xlsx) met Nederlandse kolomnamen en getalnotatie.

CSV: puntkomma als scheidingsteken, decimale komma, datums als dd-mm-jjjj, UTF-8 met BOM
(zo opent Nederlandstalige Excel het bestand direct goed). Excel: echte getallen en datums met
een getalnotatie, zodat rekenen en sorteren blijven werken.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from datalaag.opmaak import formatteer_getal

#: ``jaar``: een heel getal zonder duizendtallenpunt (2025, geen 2.025); ``getal2``: twee decimalen.
SOORTEN = ("tekst", "getal", "getal1", "getal2", "bedrag", "procent", "datum", "jaar")
_EXCEL_NOTATIE = {
    "getal": "#,##0",
    "getal1": "#,##0.0",
    "getal2": "#,##0.00",
    "jaar": "0",
    "bedrag": '"€" #,##0.00',
    "procent": "0.0%",
    "datum": "dd-mm-yyyy",
}


@dataclass(frozen=True, slots=True)
class Kolom:
    """Een kolom van een tabel: ``veld`` in de rijen, Nederlandse ``kop``, ``soort`` voor de opmaak."""

    veld: str
    kop: str
    soort: str = "tekst"
    breedte: int | None = None

    def __post_init__(self) -> None:
        if self.soort not in SOORTEN:
            raise ValueError(f"onbekende kolomsoort {self.soort!r}")


# Tekst die een spreadsheet als formule zou lezen (CSV/formula injection): voorafgegaan door een '.
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def _veilige_tekst(tekst: str) -> str:
    return "'" + tekst if tekst.startswith(_FORMULETEKENS) else tekst


def _csv_waarde(waarde: Any, soort: str) -> str:
    if waarde is None or waarde == "":
        return ""
    if soort == "datum":
        if isinstance(waarde, str):
            waarde = dt.date.fromisoformat(waarde[:10])
        return waarde.strftime("%d-%m-%Y")
    if soort == "procent":
        # "12,5%": Nederlandstalige spreadsheets lezen dit als het getal 0,125.
        return formatteer_getal(float(waarde) * 100, 1).replace(".", "") + "%"
    if soort == "jaar":
        return str(int(waarde))
    if soort in ("getal", "getal1", "getal2", "bedrag"):
        decimalen = {"getal": 0, "getal1": 1, "getal2": 2, "bedrag": 2}[soort]
        # Geen duizendtallenpunt in CSV: dan leest elk programma het getal zonder twijfel.
        return formatteer_getal(waarde, decimalen).replace(".", "")
    return _veilige_tekst(str(waarde))


def naar_csv(kolommen: Sequence[Kolom], rijen: Sequence[Mapping[str, Any]]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    schrijver.writerow([k.kop for k in kolommen])
    for rij in rijen:
        schrijver.writerow([_csv_waarde(rij.get(k.veld), k.soort) for k in kolommen])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def naar_excel(kolommen: Sequence[Kolom], rijen: Sequence[Mapping[str, Any]], titel: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    boek = Workbook()
    blad = boek.active
    blad.title = titel[:31] or "Gegevens"
    blad.append([k.kop for k in kolommen])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen:
        waarden = []
        for k in kolommen:
            w = rij.get(k.veld)
            if k.soort == "datum" and isinstance(w, str) and w:
                w = dt.date.fromisoformat(w[:10])
            elif isinstance(w, Decimal):
                w = float(w)
            waarden.append(w)
        blad.append(waarden)
        # openpyxl maakt van tekst die met "=" begint een formule: gebruikerstekst blijft tekst.
        for cel in blad[blad.max_row]:
            if isinstance(cel.value, str) and cel.value.startswith("="):
                cel.data_type = "s"
    for i, k in enumerate(kolommen, start=1):
        letter = get_column_letter(i)
        if k.soort in _EXCEL_NOTATIE:
            for cel in blad[letter][1:]:
                cel.number_format = _EXCEL_NOTATIE[k.soort]
        blad.column_dimensions[letter].width = max(10, min(60, len(k.kop) + 4))
    blad.freeze_panes = "A2"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
