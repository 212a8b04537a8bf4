"""Controle van invoer, gedeeld door de formulieren, de opdrachtregel en (later) de import.

Een ``Controle`` verzamelt per veld één Nederlandse foutmelding die zegt wat er mis is en hoe het
goed moet; ``klaar()`` gooit ``Validatiefout`` met alle fouten tegelijk. Een service roept
``klaar()`` aan vóór ze iets schrijft, zodat nooit iets half wordt opgeslagen.

Getallen mogen in Nederlandse schrijfwijze: ``7,5``, ``€ 12.500``, ``1.234,56``. NaN, oneindig,
stuurtekens, losse surrogaten en te lange teksten worden geweigerd met een melding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from datalaag.opmaak import formatteer_getal

# Grenzen die ook de database aankan: Numeric(14, 2) voor bedragen.
MAX_BEDRAG = Decimal("100000000")  # € 100 mln: ruim boven elk wijkbudget
KORTE_TEKST = 300
LANGE_TEKST = 4000
VROEGSTE_DATUM = dt.date(2000, 1, 1)

# Alleen de cijfers 0-9 (re.ASCII): ``\d`` zou ook Arabische of Bengaalse cijfers doorlaten.
_GETAL = re.compile(r"[+-]?\d+(\.\d+)?", re.ASCII)
# Duizendtallen: 1.250 of 12.500.000; niet "0.500" (dat is een decimale punt: 0,5).
_DUIZENDTALLEN = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+", re.ASCII)
# "12,500" of "1,000": Engelse duizendtallen of drie decimalen? Niet te raden; de gebruiker kiest.
_KOMMA_DUIZENDTALLEN = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+", re.ASCII)
_DATUM_NL = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})", re.ASCII)
_DATUM_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DATUMTIJD_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T", re.ASCII)
_TOEGESTANE_STUURTEKENS = {"\n", "\r", "\t"}


class Invoerfout(ValueError):
    """Ongeldige invoer; de tekst zegt in het Nederlands wat er mis is en hoe het goed moet."""


class Validatiefout(Invoerfout):
    """Eén of meer velden zijn onjuist. ``fouten``: veld → melding (met de veldnaam erin)."""

    def __init__(self, fouten: dict[str, str]):
        self.fouten = dict(fouten)
        super().__init__("\n".join(self.fouten.values()))


def _duizendtal(getal: int) -> str:
    """``1000000`` → ``"1.000.000"`` (alleen het getal; de rest van een melding blijft onaangeroerd).
    Onder de 10.000 zonder punt, zodat een jaartal ``2026`` blijft en geen ``2.026`` wordt."""
    return str(getal) if abs(getal) < 10_000 else f"{getal:,}".replace(",", ".")


def _leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def formatteer_decimaal(waarde: Decimal | float | int | None, decimalen: int = 1) -> str:
    """``7.5`` → ``"7,5"`` (voor het terugzetten van opgeslagen waarden in een formulier)."""
    return "" if waarde is None else formatteer_getal(waarde, decimalen)


def formatteer_bedrag_invoer(waarde: Decimal | float | int | None) -> str:
    """``12500`` → ``"12.500"``, ``12500.5`` → ``"12.500,50"`` (leesbaar, en weer in te lezen)."""
    if waarde is None:
        return ""
    d = Decimal(str(waarde))
    return formatteer_getal(d, 0 if d == d.to_integral_value() else 2)


class Controle:
    """Verzamelt fouten per veld; elke methode geeft de gecontroleerde waarde of ``None``."""

    def __init__(self) -> None:
        self.fouten: dict[str, str] = {}

    # ------------------------------------------------------------------ algemeen
    def fout(self, veld: str, melding: str) -> None:
        self.fouten.setdefault(veld, melding)

    def klaar(self) -> None:
        if self.fouten:
            raise Validatiefout(self.fouten)

    # ------------------------------------------------------------------ tekst
    def tekst(self, veld: str, label: str, waarde: Any, *, verplicht: bool = False,
              max_lengte: int = LANGE_TEKST) -> str | None:
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: dit veld is verplicht. Vul het in.")
            return None
        if not isinstance(waarde, str):
            self.fout(veld, f"{label}: vul hier tekst in.")
            return None
        try:
            waarde.encode("utf-8")
        except UnicodeEncodeError:
            self.fout(veld, f"{label}: de tekst bevat ongeldige tekens. Typ de tekst opnieuw in plaats van hem te plakken.")
            return None
        tekst = unicodedata.normalize("NFC", waarde).strip()
        if any(unicodedata.category(t) == "Cc" and t not in _TOEGESTANE_STUURTEKENS for t in tekst):
            self.fout(veld, f"{label}: de tekst bevat onzichtbare stuurtekens. Typ de tekst opnieuw in plaats van hem te plakken.")
            return None
        if len(tekst) > max_lengte:
            self.fout(veld, f"{label}: de tekst is {_duizendtal(len(tekst))} tekens lang; het maximum is "
                      f"{_duizendtal(max_lengte)}. Maak hem korter.")
            return None
        return tekst

    # ------------------------------------------------------------------ getallen
    def _decimaal(self, veld: str, label: str, waarde: Any, voorbeeld: str, duizendtallen: bool) -> Decimal | None:
        """Lees een getal (Nederlands of met punt); ``None`` met een fout als dat niet lukt."""
        uitleg = f"{label}: vul een getal in, bijvoorbeeld {voorbeeld}."
        if isinstance(waarde, bool):
            self.fout(veld, uitleg)
            return None
        if isinstance(waarde, (int, Decimal)):
            getal = Decimal(waarde)
        elif isinstance(waarde, float):
            if not math.isfinite(waarde):
                self.fout(veld, uitleg)
                return None
            getal = Decimal(str(waarde))
        elif isinstance(waarde, str):
            tekst = waarde.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
            if duizendtallen and _KOMMA_DUIZENDTALLEN.fullmatch(tekst):
                self.fout(veld, f"{label}: is {tekst} bedoeld als duizendtallen of als decimalen? Schrijf "
                          "duizendtallen met een punt (12.500) en decimalen met een komma (12,50).")
                return None
            if "," in tekst:
                geheel, _, breuk = tekst.partition(",")
                # Punten vóór de komma zijn duizendtallen, maar dan wel in groepjes van drie:
                # "12.5,00" is een tikfout, geen 125.
                if tekst.count(",") != 1 or ("." in geheel and not (duizendtallen and _DUIZENDTALLEN.fullmatch(geheel))):
                    self.fout(veld, uitleg)
                    return None
                tekst = geheel.replace(".", "") + "." + breuk  # een punt ná de komma blijft fout
            elif duizendtallen and _DUIZENDTALLEN.fullmatch(tekst):
                tekst = tekst.replace(".", "")
            if len(tekst) > 30 or not _GETAL.fullmatch(tekst):
                self.fout(veld, uitleg)
                return None
            try:
                getal = Decimal(tekst)
            except InvalidOperation:  # pragma: no cover - de regex laat alleen getallen door
                self.fout(veld, uitleg)
                return None
        else:
            self.fout(veld, uitleg)
            return None
        if not getal.is_finite():
            self.fout(veld, uitleg)
            return None
        return getal

    def rapportcijfer(self, veld: str, label: str, waarde: Any, *, verplicht: bool = False) -> Decimal | None:
        """Een rapportcijfer van 1,0 tot en met 10,0 met ten hoogste één decimaal."""
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: vul een rapportcijfer in van 1 tot en met 10, bijvoorbeeld 7,5.")
            return None
        cijfer = self._decimaal(veld, label, waarde, "7,5", duizendtallen=False)
        if cijfer is None:
            return None
        if not Decimal(1) <= cijfer <= Decimal(10):
            # adjusted() in plaats van abs(): abs() van 1E+999999999 geeft decimal.Overflow.
            self.fout(veld, f"{label}: een rapportcijfer ligt tussen 1 en 10; {formatteer_decimaal(cijfer, 1) if cijfer.adjusted() < 9 else 'dit getal'} kan niet.")
            return None
        if cijfer != cijfer.quantize(Decimal("0.1")):
            self.fout(veld, f"{label}: geef het cijfer met ten hoogste één cijfer achter de komma, bijvoorbeeld 7,5.")
            return None
        return cijfer.quantize(Decimal("0.1"))

    def bedrag(self, veld: str, label: str, waarde: Any, *, verplicht: bool = False,
               maximum: Decimal = MAX_BEDRAG) -> Decimal | None:
        """Een bedrag in euro's ≥ 0 en onder ``maximum``, in centen nauwkeurig."""
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: vul een bedrag in euro's in, bijvoorbeeld 12.500.")
            return None
        bedrag = self._decimaal(veld, label, waarde, "12.500 of 12500,50", duizendtallen=True)
        if bedrag is None:
            return None
        if bedrag < 0:
            self.fout(veld, f"{label}: een bedrag kan niet negatief zijn. Vul 0 of meer in.")
            return None
        if bedrag > maximum:
            self.fout(veld, f"{label}: het bedrag is hoger dan € {formatteer_bedrag_invoer(maximum)}. "
                      "Controleer het aantal nullen.")
            return None
        if bedrag != bedrag.quantize(Decimal("0.01")):
            self.fout(veld, f"{label}: een bedrag heeft ten hoogste twee cijfers achter de komma.")
            return None
        return bedrag.quantize(Decimal("0.01"))

    def geheel_getal(self, veld: str, label: str, waarde: Any, *, minimum: int, maximum: int,
                     verplicht: bool = False) -> int | None:
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: dit veld is verplicht. Vul een geheel getal in.")
            return None
        getal = self._decimaal(veld, label, waarde, str(minimum), duizendtallen=True)
        if getal is None:
            return None
        if getal != getal.to_integral_value():
            self.fout(veld, f"{label}: vul een geheel getal in, zonder cijfers achter de komma.")
            return None
        if not minimum <= getal <= maximum:
            self.fout(veld, f"{label}: vul een getal in van {_duizendtal(minimum)} tot en met {_duizendtal(maximum)}.")
            return None
        return int(getal)

    # ------------------------------------------------------------------ datums
    def datum(self, veld: str, label: str, waarde: Any, *, verplicht: bool = False,
              vroegst: dt.date = VROEGSTE_DATUM, laatst: dt.date | None = None) -> dt.date | None:
        """Een datum als ``dd-mm-jjjj`` of ``jjjj-mm-dd`` (of een ``date``) die bestaat en in het bereik ligt."""
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: vul een datum in als dd-mm-jjjj, bijvoorbeeld 27-11-2026.")
            return None
        if isinstance(waarde, dt.datetime):
            datum = waarde.date()
        elif isinstance(waarde, dt.date):
            datum = waarde
        elif isinstance(waarde, str):
            tekst = waarde.strip()[:10] if _DATUMTIJD_ISO.match(waarde.strip()) else waarde.strip()
            m = _DATUM_NL.fullmatch(tekst) or _DATUM_ISO.fullmatch(tekst)
            if not m:
                self.fout(veld, f"{label}: schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026.")
                return None
            delen = [int(d) for d in m.groups()]
            jaar, maand, dag = (delen[2], delen[1], delen[0]) if len(m.group(1)) <= 2 else tuple(delen)
            try:
                datum = dt.date(jaar, maand, dag)
            except ValueError:
                self.fout(veld, f"{label}: de datum {tekst} bestaat niet. Controleer dag en maand.")
                return None
        else:
            self.fout(veld, f"{label}: schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026.")
            return None
        if datum < vroegst or (laatst is not None and datum > laatst):
            grens = f"tussen {vroegst:%d-%m-%Y} en {laatst:%d-%m-%Y}" if laatst else f"op of na {vroegst:%d-%m-%Y}"
            self.fout(veld, f"{label}: de datum moet {grens} liggen.")
            return None
        return datum

    def keuze(self, veld: str, label: str, waarde: Any, opties: dict[Any, str], *, verplicht: bool = True) -> Any:
        """Een waarde uit ``opties`` (waarde → omschrijving)."""
        if _leeg(waarde):
            if verplicht:
                self.fout(veld, f"{label}: maak een keuze.")
            return None
        for optie in opties:
            if str(optie) == str(waarde).strip():
                return optie
        self.fout(veld, f"{label}: kies een van de mogelijkheden in de lijst.")
        return None
