"""Export naar CSV en Excel: Nederlandse kolomnamen en notatie."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from dashboard.export import Kolom, naar_csv, naar_excel

KOLOMMEN = [
    Kolom("wijk", "Wijk"),
    Kolom("bedrag", "Bedrag (€)", "bedrag"),
    Kolom("benutting", "Benutting", "procent"),
    Kolom("datum", "Datum", "datum"),
    Kolom("aantal", "Aantal", "getal"),
]
RIJEN = [
    {"wijk": "De Riet", "bedrag": Decimal("1234567.5"), "benutting": 0.125, "datum": dt.date(2026, 11, 27),
     "aantal": 3},
    {"wijk": "Kerkelanden; Noord", "bedrag": -250, "benutting": None, "datum": "2026-01-02", "aantal": None},
]


def test_csv_nederlands():
    tekst = naar_csv(KOLOMMEN, RIJEN).decode("utf-8")
    assert tekst.startswith("\ufeff")
    regels = tekst.lstrip("\ufeff").split("\r\n")
    assert regels[0] == "Wijk;Bedrag (€);Benutting;Datum;Aantal"
    assert regels[1] == "De Riet;1234567,50;12,5%;27-11-2026;3"
    # Een puntkomma in de tekst wordt tussen aanhalingstekens gezet; leeg blijft leeg.
    assert regels[2] == '"Kerkelanden; Noord";-250,00;;02-01-2026;'


def test_excel_met_getallen_en_notatie():
    blad = load_workbook(io.BytesIO(naar_excel(KOLOMMEN, RIJEN, "Uitgaven"))).active
    assert blad.title == "Uitgaven"
    assert [c.value for c in blad[1]] == ["Wijk", "Bedrag (€)", "Benutting", "Datum", "Aantal"]
    assert blad["B2"].value == 1234567.5 and blad["B2"].number_format == '"€" #,##0.00'
    assert blad["C2"].value == 0.125 and blad["C2"].number_format == "0.0%"
    assert blad["D3"].value.date() == dt.date(2026, 1, 2) and blad["D3"].number_format == "dd-mm-yyyy"
    assert blad["E3"].value is None


def test_tekst_die_op_een_formule_lijkt_blijft_tekst():
    """CSV- en formule-injectie: gebruikerstekst als ``=HYPERLINK(...)`` wordt nooit een formule."""
    import io as _io

    from openpyxl import load_workbook

    from dashboard.export import Kolom, naar_csv, naar_excel

    kolommen = [Kolom("t", "Tekst"), Kolom("n", "Getal", "getal")]
    rijen = [{"t": '=HYPERLINK("http://x","klik")', "n": -5}, {"t": "+31 6", "n": 1}, {"t": "@som", "n": 2},
             {"t": "gewoon", "n": 3}]
    regels = naar_csv(kolommen, rijen).decode("utf-8-sig").splitlines()
    assert regels[1].startswith("\"'=HYPERLINK(") and regels[1].endswith(";-5")
    assert regels[2] == "'+31 6;1" and regels[3] == "'@som;2" and regels[4] == "gewoon;3"
    blad = load_workbook(_io.BytesIO(naar_excel(kolommen, rijen, "t"))).active
    assert blad["A2"].data_type == "s" and blad["A2"].value == '=HYPERLINK("http://x","klik")'
    assert blad["B2"].value == -5


def test_jaar_en_twee_decimalen():
    """``jaar``: geen duizendtallenpunt (2025, niet 2.025), ook niet in Excel; ``getal2``: twee decimalen."""
    kolommen = [Kolom("j", "Jaar", "jaar"), Kolom("p", "Per 1.000 inwoners", "getal2")]
    rijen = [{"j": 2025, "p": 3.456}, {"j": None, "p": Decimal("-0.004")}]
    regels = naar_csv(kolommen, rijen).decode("utf-8-sig").split("\r\n")
    assert regels[1:3] == ["2025;3,46", ";0,00"]
    blad = load_workbook(io.BytesIO(naar_excel(kolommen, rijen, "t"))).active
    assert blad["A2"].value == 2025 and blad["A2"].number_format == "0"
    assert blad["B2"].value == 3.456 and blad["B2"].number_format == "#,##0.00"


def test_onbekende_soort_wordt_geweigerd():
    import pytest

    with pytest.raises(ValueError, match="onbekende kolomsoort"):
        Kolom("x", "X", "valuta")
