"""Import van metingen, meldingen en uitgaven uit CSV (UTF-8, ``;`` of ``,``) en Excel (.xlsx).

``lees_bestand`` leest een bestand in rijen (rijnummers zoals in het bestand: de kop is rij 1);
``importeer`` controleert elke rij (``datalaag.validatie.Controle``), autoriseert elke rij
(``datalaag.autorisatie.eis`` met de wijk van de rij), zoekt de rij op zijn natuurlijke sleutel en
schrijft dan alles of niets:

- een fout in één rij (ook een rij voor een wijk waarvoor de actor niet mag schrijven) → niets
  geschreven, het verslag bevat alle fouten als (rij, kolom, melding);
- een rij die al precies zo bestaat → overgeslagen ("al aanwezig"); opnieuw importeren voegt niets toe;
- een rij waarvan de sleutel bestaat met een andere waarde → fout; een import overschrijft nooit.

Natuurlijke sleutels: meting = (indicator, wijk, peildatum); melding = kenmerk (het meldingnummer);
uitgave = kenmerk (boekingsnummer) als dat is ingevuld, anders (wijk, budgetpost, maatregel, datum,
bedrag, omschrijving).

Een meting volgt dezelfde regels (en meldingen) als het invoerformulier: die staan één keer in
``datalaag.metingen`` (``controleer_meting``).

Schrijven gebeurt met bulk-inserts in blokken in de transactie van de aanroeper, plus één
``Mutatie`` (entiteit ``import``) voor de hele import. ``proef=True`` controleert alles en schrijft niets.

Voortgang: ``importeer(..., voortgang=f)`` roept ``f(gedaan, totaal)`` aan (elke ``VOORTGANG_ELKE``
rijen); ``voortgang_stand`` maakt daar fase, rij en percentage van. ``Voortgangsbestand`` schrijft die
stand in een klein bestand, zodat een ander verzoek (ook in een andere gunicorn-worker op dezelfde
server) hem kan lezen terwijl de import loopt; er blijft niets in het geheugen van een proces.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from datalaag.afgeleid import werkdagen_tussen
from datalaag.autorisatie import Actor, GeenToegang, eis
from datalaag.metingen import (  # noqa: F401
    MAX_WAARDE,
    controleer_meting,
    controleer_waarde,
    is_periode_einde,
)
from datalaag.metingen import VELDEN as METING_VELDEN
from datalaag.models import (
    MELDING_CATEGORIEEN,
    MELDING_ERNST,
    MELDING_KANALEN,
    MELDING_STATUSSEN,
    Budgetpost,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Mutatie,
    Oormerk,
    Uitgave,
    Wijk,
    Wijkplan,
)
from datalaag.mutaties import leg_vast
from datalaag.opmaak import formatteer_getal
from datalaag.uitgaven import (
    GEEN_BESTEMMING,
    controleer_kernvelden,
    datumfout_maatregel,
    post_loopt_in,
)
from datalaag.validatie import (
    KORTE_TEKST,
    LANGE_TEKST,
    Controle,
    Invoerfout,
    formatteer_bedrag_invoer,
)

SOORTEN = ("metingen", "meldingen", "uitgaven")
RECHTEN = {"metingen": "meting_schrijven", "meldingen": "melding_schrijven", "uitgaven": "uitgave_schrijven"}
BLOK = 5000            # rijen per bulk-insert
VOORTGANG_ELKE = 1000  # rijen per voortgangsmelding bij het controleren

#: Kolommen per soort: naam → verplicht. De volgorde is die van de voorbeeldbestanden.
KOLOMMEN: dict[str, dict[str, bool]] = {
    "metingen": {"wijk": True, "indicator": True, "peildatum": True, "waarde": True, "periode": False,
                 "bron": False},
    "meldingen": {"kenmerk": True, "wijk": True, "categorie": True, "kanaal": True, "ontvangen_op": True,
                  "ernst": False, "buurt": False, "straat": False, "omschrijving": False, "status": False,
                  "afgehandeld_op": False, "verantwoordelijke": False, "aanpak": False, "rol_bewoners": False,
                  "gemeld_aan_regiegroep_op": False},
    "uitgaven": {"wijk": True, "datum": True, "bedrag": True, "omschrijving": True, "budgetpost": False,
                 "oormerk": False, "maatregel": False, "kenmerk": False},
}

_TIJD = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)


class Bestandsfout(Invoerfout):
    """Het bestand als geheel is niet te lezen (formaat, codering, scheidingsteken, kop)."""


@dataclass(frozen=True, slots=True)
class Rijfout:
    rij: int          # zoals in het bestand: de kop is rij 1
    kolom: str        # kolomnaam uit de kop, of "" voor de hele rij
    melding: str

    def __str__(self) -> str:
        waar = f"Rij {self.rij}, kolom {self.kolom}" if self.kolom else f"Rij {self.rij}"
        return f"{waar}: {self.melding}"


@dataclass(slots=True)
class GelezenBestand:
    naam: str
    kolommen: list[str]                          # genormaliseerde kolomnamen uit de kop
    rijen: list[tuple[int, dict[str, Any]]]      # (rijnummer, kolom → waarde); lege rijen weggelaten


@dataclass(slots=True)
class Importverslag:
    soort: str
    bestand: str
    proef: bool
    rijen: int = 0
    toegevoegd: int = 0
    overgeslagen: int = 0
    fouten: list[Rijfout] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        return not self.fouten

    def samenvatting(self) -> str:
        if self.fouten:
            n = len(self.fouten)
            return (f"{_aantal(n)} fout{'en' if n != 1 else ''} gevonden in {_aantal(self.rijen)} rijen. "
                    "Er is niets opgeslagen.")
        if self.proef:
            return (f"Proef: {_aantal(self.toegevoegd)} rijen zouden worden toegevoegd, "
                    f"{_aantal(self.overgeslagen)} overgeslagen.")
        return (f"{_aantal(self.toegevoegd)} rijen toegevoegd, {_aantal(self.overgeslagen)} overgeslagen "
                "(al aanwezig).")


def _aantal(n: int) -> str:
    return formatteer_getal(n, 0)


# =========================================================================== lezen

def _kolomnaam(kop: Any) -> str:
    tekst = unicodedata.normalize("NFC", "" if kop is None else str(kop)).replace("\ufeff", "").strip().casefold()
    return re.sub(r"[\s\-]+", "_", tekst)


def _maak_rijen(naam: str, kop: Sequence[Any], data: Iterable[tuple[int, Sequence[Any]]]) -> GelezenBestand:
    kolommen = [_kolomnaam(k) for k in kop]
    while kolommen and not kolommen[-1]:
        kolommen.pop()
    if not kolommen:
        raise Bestandsfout(f"{naam} is leeg: de eerste rij moet de kolomnamen bevatten.")
    if "" in kolommen:
        raise Bestandsfout(f"{naam}: kolom {kolommen.index('') + 1} in de kop (rij 1) heeft geen naam. "
                           "Geef elke kolom een naam of verwijder de lege kolom.")
    dubbel = sorted({k for k in kolommen if kolommen.count(k) > 1})
    if dubbel:
        raise Bestandsfout(f"{naam}: de kolom {', '.join(dubbel)} staat meer dan eens in de kop (rij 1).")
    rijen: list[tuple[int, dict[str, Any]]] = []
    for nummer, cellen in data:
        waarden = list(cellen)
        extra = waarden[len(kolommen):]
        if any(not _leeg(w) for w in extra):
            raise Bestandsfout(
                f"{naam}: rij {nummer} heeft {len(waarden)} velden, de kop maar {len(kolommen)}. Controleer het "
                "scheidingsteken en de aanhalingstekens (een getal als 12,5 moet tussen aanhalingstekens staan "
                "als de komma het scheidingsteken is).")
        if all(_leeg(w) for w in waarden):
            continue
        waarden += [None] * (len(kolommen) - len(waarden))
        rijen.append((nummer, dict(zip(kolommen, waarden))))
    return GelezenBestand(naam=naam, kolommen=kolommen, rijen=rijen)


def _leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _lees_csv(inhoud: bytes, naam: str) -> GelezenBestand:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        regel = inhoud[:exc.start].count(b"\n") + 1
        raise Bestandsfout(
            f"{naam} is niet in UTF-8 opgeslagen (rij {regel} bevat een teken dat in UTF-8 niet bestaat, "
            "bijvoorbeeld een é uit Windows-1252). Sla het bestand in Excel op als \"CSV UTF-8 (door "
            "lijstscheidingstekens gescheiden)\" en probeer het opnieuw.") from None
    if "\x00" in tekst:
        raise Bestandsfout(f"{naam} bevat nul-tekens: dit is geen tekstbestand in UTF-8. "
                           "Sla het op als \"CSV UTF-8\".")
    eerste = tekst.lstrip("\r\n").split("\n", 1)[0]
    if not eerste.strip():
        raise Bestandsfout(f"{naam} is leeg: de eerste rij moet de kolomnamen bevatten.")
    puntkomma, komma = eerste.count(";"), eerste.count(",")
    if not puntkomma and not komma:
        ander = next((naam_teken for teken, naam_teken in (("\t", "tab"), ("|", "|")) if teken in eerste), None)
        raise Bestandsfout(
            f"{naam}: geen scheidingsteken gevonden in de kop (rij 1)"
            + (f"; het bestand gebruikt {ander}" if ander else "")
            + ". Gebruik een puntkomma (;) of komma (,) tussen de kolommen.")
    scheiding = ";" if puntkomma >= komma else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, quotechar='"', strict=True)
    try:
        alle = list(lezer)
    except csv.Error as exc:
        raise Bestandsfout(f"{naam}: rij {lezer.line_num} is niet te lezen ({exc}). Controleer de "
                           "aanhalingstekens.") from None
    if not alle:
        raise Bestandsfout(f"{naam} is leeg: de eerste rij moet de kolomnamen bevatten.")
    # csv.reader telt regels; een rij met een regelovergang in een veld beslaat er meer. Rijnummers zijn
    # de volgnummers van de records, zoals een spreadsheetprogramma ze toont.
    return _maak_rijen(naam, alle[0], ((i, r) for i, r in enumerate(alle[1:], start=2)))


def _lees_xlsx(inhoud: bytes, naam: str) -> GelezenBestand:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise Bestandsfout(f"{naam} is geen geldig Excel-bestand (.xlsx). Open het in Excel en sla het "
                           "opnieuw op als Excel-werkmap (.xlsx).") from None
    try:
        blad = boek.worksheets[0]
        rijen = blad.iter_rows(values_only=True)
        kop = next(rijen, None)
        if kop is None:
            raise Bestandsfout(f"{naam} is leeg: de eerste rij van het eerste werkblad moet de kolomnamen bevatten.")
        return _maak_rijen(naam, kop, ((i, r) for i, r in enumerate(rijen, start=2)))
    finally:
        boek.close()


def lees_bestand(pad_of_bytes: str | Path | bytes, bestandsnaam: str | None = None) -> GelezenBestand:
    """Lees een .csv- of .xlsx-bestand (pad of inhoud). ``bestandsnaam`` bepaalt het formaat en staat in
    de meldingen en het dossier; zonder naam geldt de naam van het pad. Gooit ``Bestandsfout``."""
    if isinstance(pad_of_bytes, (str, Path)):
        pad = Path(pad_of_bytes)
        naam = bestandsnaam or pad.name
        try:
            inhoud = pad.read_bytes()
        except FileNotFoundError:
            raise Bestandsfout(f"Het bestand {pad} bestaat niet.") from None
        except OSError as exc:
            raise Bestandsfout(f"Het bestand {pad} is niet te lezen ({exc.strerror}).") from None
    else:
        inhoud = bytes(pad_of_bytes)
        naam = bestandsnaam or "bestand"
    extensie = Path(naam).suffix.casefold()
    if extensie == ".csv":
        return _lees_csv(inhoud, naam)
    if extensie == ".xlsx":
        return _lees_xlsx(inhoud, naam)
    if extensie == ".xls":
        raise Bestandsfout(f"{naam} is in het oude Excel-formaat (.xls). Sla het in Excel op als "
                           "Excel-werkmap (.xlsx) of als CSV UTF-8.")
    raise Bestandsfout(f"{naam}: alleen .csv- en .xlsx-bestanden kunnen worden geïmporteerd.")


# =========================================================================== controleren

class _Rijcontrole:
    """Eén rij: Controle-meldingen worden Rijfouten met de kolomnaam uit het bestand."""

    def __init__(self, rij: int) -> None:
        self.rij = rij
        self.c = Controle()

    def fouten(self, labels: Mapping[str, str]) -> list[Rijfout]:
        uit = []
        for kolom, melding in self.c.fouten.items():
            label = labels.get(kolom, "")
            if label and melding.startswith(f"{label}: "):
                melding = melding[len(label) + 2:]
                melding = melding[:1].upper() + melding[1:]
            uit.append(Rijfout(self.rij, kolom, melding))
        return uit


def _label(kolom: str) -> str:
    return kolom.replace("_", " ").capitalize()


def _sleutel(tekst: Any) -> str:
    return unicodedata.normalize("NFC", str(tekst)).strip().casefold()


def _opzoeken(c: Controle, kolom: str, waarde: Any, tabel: Mapping[str, Any], wat: str,
              voorbeelden: Sequence[str]) -> Any:
    tekst = c.tekst(kolom, _label(kolom), waarde, verplicht=True, max_lengte=KORTE_TEKST)
    if tekst is None:
        return None
    gevonden = tabel.get(_sleutel(tekst))
    if gevonden is None:
        lijst = ", ".join(voorbeelden[:20]) + (" …" if len(voorbeelden) > 20 else "")
        c.fout(kolom, f"{_label(kolom)}: {wat} '{tekst[:80]}' bestaat niet. Kies uit: {lijst}.")
    return gevonden


def _waarde(c: Controle, kolom: str, waarde: Any, indicator: Indicator | None) -> float | None:
    """De waarde van een meting: de regel van het formulier (:func:`datalaag.metingen.controleer_waarde`)."""
    return controleer_waarde(c, kolom, _label(kolom), waarde, indicator)


def lees_datumtijd(c: Controle, kolom: str, waarde: Any, *, verplicht: bool, laatst: dt.datetime) -> dt.datetime | None:
    """``dd-mm-jjjj``, ``dd-mm-jjjj uu:mm``, ISO (``jjjj-mm-ddTuu:mm``) of een Excel-datum/-tijd."""
    label = _label(kolom)
    if isinstance(waarde, dt.datetime):
        moment = waarde.replace(tzinfo=None, microsecond=0)
    else:
        tijd = dt.time(0, 0)
        if isinstance(waarde, str) and not _leeg(waarde):
            tekst = waarde.strip().replace("T", " ", 1) if re.match(r"\d{4}-\d{2}-\d{2}T", waarde.strip()) else waarde.strip()
            datumdeel, _, tijddeel = tekst.partition(" ")
            tijddeel = tijddeel.strip()
            if tijddeel:
                m = _TIJD.fullmatch(tijddeel)
                if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or int(m.group(3) or 0) > 59:
                    c.fout(kolom, f"{label}: schrijf de tijd als uu:mm, bijvoorbeeld 27-11-2026 14:05.")
                    return None
                tijd = dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
            waarde = datumdeel
        datum = c.datum(kolom, label, waarde, verplicht=verplicht, laatst=laatst.date())
        if datum is None:
            return None
        moment = dt.datetime.combine(datum, tijd)
    if moment > laatst:
        c.fout(kolom, f"{label}: het moment ligt in de toekomst.")
        return None
    return moment


def _periode_einde(peildatum: dt.date, periode: str) -> bool:
    """:func:`datalaag.metingen.is_periode_einde` (één definitie voor formulier en import)."""
    return is_periode_einde(peildatum, periode)


@dataclass(slots=True)
class _Rij:
    nummer: int
    wijk_id: int
    sleutel: tuple
    waarden: dict[str, Any]        # kolommen voor de insert
    vergelijk: dict[str, Any]      # kolom in bestand → (databasekolom, waarde) om met bestaand te vergelijken


class _Context:
    def __init__(self, sessie: Session, actor: Actor | None, recht: str, vandaag: dt.date) -> None:
        self.sessie = sessie
        self.actor = actor
        self.recht = recht
        self.vandaag = vandaag
        wijken = sessie.execute(select(Wijk.id, Wijk.naam, Wijk.slug)).all()
        self.wijknamen = {w.id: w.naam for w in wijken}
        self.wijken = {_sleutel(w.naam): w.id for w in wijken} | {_sleutel(w.slug): w.id for w in wijken}
        self.wijkvoorbeelden = sorted(w.naam for w in wijken)
        self._toegang: dict[int, str | None] = {}

    def toegang(self, wijk_id: int) -> str | None:
        """``None`` als de actor voor deze wijk mag schrijven, anders de melding."""
        if wijk_id not in self._toegang:
            try:
                eis(self.actor, self.recht, wijk_id=wijk_id, wijk_naam=self.wijknamen.get(wijk_id))
                self._toegang[wijk_id] = None
            except GeenToegang as exc:
                self._toegang[wijk_id] = str(exc)
        return self._toegang[wijk_id]


# --------------------------------------------------------------------------- metingen

_METING_LABELS = {k: _label(k) for k in METING_VELDEN}  # "Peildatum", "Waarde", … (zoals in het formulier)


def _controleer_meting(ctx: _Context, nummer: int, rij: Mapping[str, Any], indicatoren: Mapping[str, Indicator],
                       indicatornamen: Sequence[str]) -> tuple[_Rij | None, list[Rijfout]]:
    r = _Rijcontrole(nummer)
    c = r.c
    wijk_id = _opzoeken(c, "wijk", rij.get("wijk"), ctx.wijken, "wijk", ctx.wijkvoorbeelden)
    indicator = _opzoeken(c, "indicator", rij.get("indicator"), indicatoren, "indicator", indicatornamen)
    # Dezelfde regels en meldingen als het invoerformulier (datalaag.metingen).
    invoer = controleer_meting(c, indicator, peildatum=rij.get("peildatum"), periode=rij.get("periode"),
                               waarde=rij.get("waarde"), bron=rij.get("bron"), vandaag=ctx.vandaag,
                               labels=_METING_LABELS)
    fouten = r.fouten({k: _label(k) for k in KOLOMMEN["metingen"]})
    if fouten or invoer is None:
        return None, fouten
    return _Rij(nummer, wijk_id, (indicator.id, wijk_id, invoer.peildatum),
                {"indicator_id": indicator.id, "wijk_id": wijk_id, "peildatum": invoer.peildatum,
                 "periode": invoer.periode, "waarde": invoer.waarde, "bron": invoer.bron},
                {"waarde": invoer.waarde, "periode": invoer.periode, "bron": invoer.bron}), []


def _bestaande_metingen(sessie: Session, rijen: Sequence[_Rij]) -> dict[tuple, dict[str, Any]]:
    if not rijen:
        return {}
    wijken = sorted({r.waarden["wijk_id"] for r in rijen})
    indicatoren = sorted({r.waarden["indicator_id"] for r in rijen})
    data = [r.waarden["peildatum"] for r in rijen]
    query = select(Meting.indicator_id, Meting.wijk_id, Meting.peildatum, Meting.waarde, Meting.periode,
                   Meting.bron).where(Meting.wijk_id.in_(wijken), Meting.indicator_id.in_(indicatoren),
                                      Meting.peildatum.between(min(data), max(data)))
    return {(m.indicator_id, m.wijk_id, m.peildatum): {"waarde": m.waarde, "periode": m.periode, "bron": m.bron}
            for m in sessie.execute(query)}


# --------------------------------------------------------------------------- meldingen

MELDING_TEKSTLENGTES = {"buurt": 100, "straat": 100, "omschrijving": LANGE_TEKST, "verantwoordelijke": 200,
                        "aanpak": LANGE_TEKST, "rol_bewoners": LANGE_TEKST}


def _controleer_melding(ctx: _Context, nummer: int, rij: Mapping[str, Any], nu: dt.datetime
                        ) -> tuple[_Rij | None, list[Rijfout]]:
    r = _Rijcontrole(nummer)
    c = r.c
    kenmerk = c.tekst("kenmerk", "Kenmerk", _als_tekst(rij.get("kenmerk")), verplicht=True, max_lengte=50)
    wijk_id = _opzoeken(c, "wijk", rij.get("wijk"), ctx.wijken, "wijk", ctx.wijkvoorbeelden)
    categorie = c.keuze("categorie", "Categorie", _klein(rij.get("categorie")), {k: k for k in MELDING_CATEGORIEEN})
    kanaal = c.keuze("kanaal", "Kanaal", _klein(rij.get("kanaal")), {k: k for k in MELDING_KANALEN})
    ernst = c.keuze("ernst", "Ernst", _klein(rij.get("ernst")), {k: k for k in MELDING_ERNST}, verplicht=False)
    status = c.keuze("status", "Status", _klein(rij.get("status")), {k: k for k in MELDING_STATUSSEN}, verplicht=False)
    ontvangen = lees_datumtijd(c, "ontvangen_op", rij.get("ontvangen_op"), verplicht=True, laatst=nu)
    afgehandeld = lees_datumtijd(c, "afgehandeld_op", rij.get("afgehandeld_op"), verplicht=False, laatst=nu)
    gemeld = c.datum("gemeld_aan_regiegroep_op", "Gemeld aan regiegroep op", rij.get("gemeld_aan_regiegroep_op"),
                     laatst=nu.date())
    teksten = {k: c.tekst(k, _label(k), rij.get(k), max_lengte=n) for k, n in MELDING_TEKSTLENGTES.items()}
    if ontvangen is not None and afgehandeld is not None and afgehandeld < ontvangen:
        c.fout("afgehandeld_op", "Afgehandeld op: de afhandeling ligt vóór de ontvangst. Controleer beide datums.")
    if ontvangen is not None and gemeld is not None and gemeld < ontvangen.date():
        c.fout("gemeld_aan_regiegroep_op", "Gemeld aan regiegroep op: deze datum ligt vóór de ontvangst.")
    if afgehandeld is not None and status not in (None, "afgehandeld"):
        c.fout("status", f"Status: een melding met een datum in 'afgehandeld op' heeft status afgehandeld, niet {status}.")
    if status == "afgehandeld" and afgehandeld is None and "afgehandeld_op" not in c.fouten:
        c.fout("afgehandeld_op", "Afgehandeld op: vul de datum van afhandeling in bij status afgehandeld.")
    fouten = r.fouten({k: _label(k) for k in KOLOMMEN["meldingen"]}
                      | {"gemeld_aan_regiegroep_op": "Gemeld aan regiegroep op"})
    if fouten:
        return None, fouten
    status = "afgehandeld" if afgehandeld is not None else (status or "open")
    ernst = ernst or "normaal"
    vergelijk = {"wijk": ("wijk_id", wijk_id), "categorie": ("categorie", categorie), "kanaal": ("kanaal", kanaal),
                 "ontvangen_op": ("ontvangen_op", ontvangen)}
    # Lege cellen zeggen niets: alleen ingevulde kolommen worden met een bestaande melding vergeleken.
    for kolom, waarde in (("ernst", rij.get("ernst")), ("status", rij.get("status"))):
        if not _leeg(waarde):
            vergelijk[kolom] = (kolom, ernst if kolom == "ernst" else status)
    for kolom, (db, w) in {"afgehandeld_op": ("afgehandeld_op", afgehandeld),
                           "gemeld_aan_regiegroep_op": ("gemeld_aan_regiegroep_op", gemeld),
                           **{k: (k, v) for k, v in teksten.items()}}.items():
        if w is not None:
            vergelijk[kolom] = (db, w)
    waarden = {"kenmerk": kenmerk, "wijk_id": wijk_id, "categorie": categorie, "kanaal": kanaal, "ernst": ernst,
               "status": status, "ontvangen_op": ontvangen, "afgehandeld_op": afgehandeld,
               "afhandeltijd_werkdagen": None if afgehandeld is None else werkdagen_tussen(ontvangen, afgehandeld),
               "kerngroep_betrokken": ernst == "ernstig", "gemeld_aan_regiegroep_op": gemeld, **teksten}
    return _Rij(nummer, wijk_id, (kenmerk,), waarden, vergelijk), []


def _als_tekst(waarde: Any) -> Any:
    """Een kenmerk dat Excel als getal opslaat (``12345``) als tekst, zonder ``.0``."""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return str(waarde)
    return waarde


def _klein(waarde: Any) -> Any:
    return waarde.strip().casefold() if isinstance(waarde, str) else waarde


_MELDING_DB = ("kenmerk", "wijk_id", "categorie", "kanaal", "ernst", "status", "ontvangen_op", "afgehandeld_op",
               "gemeld_aan_regiegroep_op", *MELDING_TEKSTLENGTES)


def _in_blokken(waarden: Sequence[Any], grootte: int = 900) -> Iterable[Sequence[Any]]:
    for i in range(0, len(waarden), grootte):
        yield waarden[i:i + grootte]


def _bestaande_meldingen(sessie: Session, rijen: Sequence[_Rij]) -> dict[tuple, dict[str, Any]]:
    kenmerken = sorted({r.waarden["kenmerk"] for r in rijen})
    kolommen = [getattr(Melding, k) for k in _MELDING_DB]
    uit: dict[tuple, dict[str, Any]] = {}
    for blok in _in_blokken(kenmerken):
        for m in sessie.execute(select(*kolommen).where(Melding.kenmerk.in_(blok))):
            uit[(m.kenmerk,)] = m._asdict()
    return uit


# --------------------------------------------------------------------------- uitgaven

@dataclass(slots=True)
class _Bestemmingen:
    #: (wijk_id, budgetpostnaam) → [(budgetpost_id, oormerknaam, jaar_van, jaar_tot)]
    posten: dict[tuple[int, str], list[tuple[int, str, int, int]]]
    #: (wijk_id, maatregelnaam) → [(maatregel_id, wijkplantitel, periode_van)]
    maatregelen: dict[tuple[int, str], list[tuple[int, str, int]]]


def _bestemmingen(sessie: Session) -> _Bestemmingen:
    posten: dict[tuple[int, str], list[tuple[int, str, int, int]]] = {}
    for b in sessie.execute(select(Budgetpost.id, Budgetpost.naam, Oormerk.wijk_id, Oormerk.naam.label("oormerk"),
                                   Oormerk.jaar_van, Oormerk.jaar_tot).join(Oormerk)):
        posten.setdefault((b.wijk_id, _sleutel(b.naam)), []).append((b.id, b.oormerk, b.jaar_van, b.jaar_tot))
    maatregelen: dict[tuple[int, str], list[tuple[int, str, int]]] = {}
    for m in sessie.execute(select(Maatregel.id, Maatregel.naam, Wijkplan.wijk_id, Wijkplan.titel,
                                   Wijkplan.periode_van).join(Wijkplan)):
        maatregelen.setdefault((m.wijk_id, _sleutel(m.naam)), []).append((m.id, m.titel, m.periode_van))
    return _Bestemmingen(posten, maatregelen)


def _controleer_uitgave(ctx: _Context, nummer: int, rij: Mapping[str, Any], b: _Bestemmingen
                        ) -> tuple[_Rij | None, list[Rijfout]]:
    r = _Rijcontrole(nummer)
    c = r.c
    wijk_id = _opzoeken(c, "wijk", rij.get("wijk"), ctx.wijken, "wijk", ctx.wijkvoorbeelden)
    # Dezelfde regels als het formulier /invoer/uitgaven (één definitie in datalaag.uitgaven).
    kern = controleer_kernvelden(
        c, datum=rij.get("datum"), bedrag=rij.get("bedrag"), omschrijving=rij.get("omschrijving"),
        kenmerk=_als_tekst(rij.get("kenmerk")), vandaag=ctx.vandaag)
    datum, bedrag, omschrijving, kenmerk = kern.datum, kern.bedrag, kern.omschrijving, kern.kenmerk
    postnaam = c.tekst("budgetpost", "Budgetpost", rij.get("budgetpost"), max_lengte=200)
    oormerknaam = c.tekst("oormerk", "Oormerk", rij.get("oormerk"), max_lengte=200)
    maatregelnaam = c.tekst("maatregel", "Maatregel", rij.get("maatregel"), max_lengte=200)
    budgetpost_id = maatregel_id = None
    if postnaam is None and maatregelnaam is None and not {"budgetpost", "maatregel"} & c.fouten.keys():
        c.fout("budgetpost", GEEN_BESTEMMING)
    if wijk_id is not None and datum is not None and postnaam is not None:
        kandidaten = [p for p in b.posten.get((wijk_id, _sleutel(postnaam)), []) if post_loopt_in(p[2], p[3], datum)]
        if oormerknaam is not None:
            kandidaten = [p for p in kandidaten if _sleutel(p[1]) == _sleutel(oormerknaam)]
        if not kandidaten:
            c.fout("budgetpost", f"Budgetpost: '{postnaam[:80]}' bestaat niet in een oormerk van wijk "
                   f"{ctx.wijknamen[wijk_id]} voor {datum.year}" + (f" met de naam '{oormerknaam[:80]}'" if oormerknaam else "")
                   + ". Controleer de naam op de budgetpagina.")
        elif len(kandidaten) > 1:
            c.fout("budgetpost", f"Budgetpost: '{postnaam[:80]}' staat in meer dan één oormerk van "
                   f"{datum.year}; vul in de kolom oormerk in welk: " + ", ".join(sorted(p[1] for p in kandidaten)) + ".")
        else:
            budgetpost_id = kandidaten[0][0]
    if wijk_id is not None and maatregelnaam is not None:
        kandidaten_m = b.maatregelen.get((wijk_id, _sleutel(maatregelnaam)), [])
        if not kandidaten_m:
            c.fout("maatregel", f"Maatregel: '{maatregelnaam[:80]}' bestaat niet in de wijkplannen van "
                   f"{ctx.wijknamen[wijk_id]}. Controleer de naam op de projectenpagina.")
        elif len(kandidaten_m) > 1:
            c.fout("maatregel", f"Maatregel: er zijn {len(kandidaten_m)} maatregelen '{maatregelnaam[:80]}' in "
                   f"{ctx.wijknamen[wijk_id]}; boek deze uitgave via het invoerformulier.")
        else:
            maatregel_id, titel, periode_van = kandidaten_m[0]
            # Dezelfde regel als het formulier: niet vóór het begin van het wijkplan.
            fout = datum and datumfout_maatregel(datum, titel, periode_van)
            if fout:
                c.fout("datum", fout)
    fouten = r.fouten({k: _label(k) for k in KOLOMMEN["uitgaven"]})
    if fouten:
        return None, fouten
    waarden = {"wijk_id": wijk_id, "datum": datum, "bedrag": bedrag, "omschrijving": omschrijving,
               "budgetpost_id": budgetpost_id, "maatregel_id": maatregel_id, "kenmerk": kenmerk}
    if kenmerk is not None:
        sleutel: tuple = ("kenmerk", kenmerk)
        vergelijk = {"wijk": ("wijk_id", wijk_id), "datum": ("datum", datum), "bedrag": ("bedrag", bedrag),
                     "omschrijving": ("omschrijving", omschrijving), "budgetpost": ("budgetpost_id", budgetpost_id),
                     "maatregel": ("maatregel_id", maatregel_id)}
    else:
        sleutel = ("inhoud", wijk_id, budgetpost_id, maatregel_id, datum, bedrag, omschrijving)
        vergelijk = {}
    return _Rij(nummer, wijk_id, sleutel, waarden, vergelijk), []


def _bestaande_uitgaven(sessie: Session, rijen: Sequence[_Rij]) -> dict[tuple, dict[str, Any]]:
    uit: dict[tuple, dict[str, Any]] = {}
    kolommen = [Uitgave.kenmerk, Uitgave.wijk_id, Uitgave.datum, Uitgave.bedrag, Uitgave.omschrijving,
                Uitgave.budgetpost_id, Uitgave.maatregel_id]
    kenmerken = sorted({r.waarden["kenmerk"] for r in rijen if r.waarden["kenmerk"] is not None})
    for blok in _in_blokken(kenmerken):
        for u in sessie.execute(select(*kolommen).where(Uitgave.kenmerk.in_(blok))):
            uit[("kenmerk", u.kenmerk)] = u._asdict()
    zonder = [r for r in rijen if r.waarden["kenmerk"] is None]
    if zonder:
        data = [r.waarden["datum"] for r in zonder]
        query = select(*kolommen).where(Uitgave.wijk_id.in_(sorted({r.wijk_id for r in zonder})),
                                        Uitgave.datum.between(min(data), max(data)))
        for u in sessie.execute(query):
            uit[("inhoud", u.wijk_id, u.budgetpost_id, u.maatregel_id, u.datum, Decimal(u.bedrag).quantize(Decimal("0.01")),
                 u.omschrijving)] = u._asdict()
    return uit


# =========================================================================== vergelijken

def _gelijk(oud: Any, nieuw: Any) -> bool:
    if isinstance(oud, (int, float, Decimal)) and isinstance(nieuw, (int, float, Decimal)) \
            and not isinstance(oud, bool) and not isinstance(nieuw, bool):
        return round(Decimal(str(oud)), 4) == round(Decimal(str(nieuw)), 4)
    if isinstance(oud, dt.datetime) and isinstance(nieuw, dt.datetime):
        return oud.replace(microsecond=0) == nieuw.replace(microsecond=0)
    return oud == nieuw


def _toon(waarde: Any, ctx: _Context, db: str) -> str:
    if waarde is None or waarde == "":
        return "(leeg)"
    if db == "wijk_id":
        return ctx.wijknamen.get(waarde, str(waarde))
    if isinstance(waarde, dt.datetime):
        return f"{waarde:%d-%m-%Y %H:%M}"
    if isinstance(waarde, dt.date):
        return f"{waarde:%d-%m-%Y}"
    if db == "bedrag":
        return "€ " + formatteer_bedrag_invoer(waarde)
    if isinstance(waarde, (float, Decimal)) and not isinstance(waarde, bool):
        return formatteer_getal(float(waarde), 4).rstrip("0").rstrip(",")
    return str(waarde)[:80]


_WAT = {"metingen": ("Er bestaat al een meting voor deze indicator, wijk en peildatum",),
        "meldingen": ("Er bestaat al een melding met dit kenmerk",),
        "uitgaven": ("Er bestaat al een uitgave met dit kenmerk",)}


def _conflict(soort: str, ctx: _Context, rij: _Rij, bestaand: Mapping[str, Any]) -> Rijfout | None:
    for kolom, (db, nieuw) in ((k, v if isinstance(v, tuple) else (k, v)) for k, v in rij.vergelijk.items()):
        oud = bestaand.get(db)
        if not _gelijk(oud, nieuw):
            return Rijfout(rij.nummer, kolom,
                           f"{_WAT[soort][0]}, met {_label(kolom).lower()} {_toon(oud, ctx, db)}; in het bestand staat "
                           f"{_toon(nieuw, ctx, db)}. Een import overschrijft niets: wijzig de bestaande gegevens via het "
                           "invoerformulier of haal de rij uit het bestand.")
    return None


# =========================================================================== importeren

def importeer(sessie: Session, actor: Actor | None, soort: str, rijen: GelezenBestand | Sequence[Mapping[str, Any]],
              *, proef: bool, voortgang: Callable[[int, int], None] | None = None,
              bestandsnaam: str | None = None, vandaag: dt.date | None = None,
              nu: dt.datetime | None = None) -> Importverslag:
    """Controleer en (zonder ``proef``) schrijf de rijen in de transactie van ``sessie``; alles of niets.

    ``rijen``: het resultaat van ``lees_bestand``, of een lijst dicts (kolom → waarde; rijnummers
    vanaf 2). Het verslag bevat de fouten; zijn er fouten, dan is niets geschreven. ``voortgang(gedaan,
    totaal)`` wordt elke ``VOORTGANG_ELKE`` gecontroleerde rijen en na elk geschreven blok van ``BLOK`` rijen
    aangeroepen: eerst het controleren, dan het schrijven (``totaal`` = twee stappen per rij; zie
    ``voortgang_stand``)."""
    if soort not in SOORTEN:
        raise Invoerfout(f"Onbekende soort '{soort}': kies uit {', '.join(SOORTEN)}.")
    if isinstance(rijen, GelezenBestand):
        naam = bestandsnaam or rijen.naam
        kolommen = rijen.kolommen
        genummerd = rijen.rijen
    else:
        naam = bestandsnaam or "(geen bestand)"
        genummerd = [(i, {_kolomnaam(k): v for k, v in r.items()}) for i, r in enumerate(rijen, start=2)]
        kolommen = list(dict.fromkeys(k for _, r in genummerd for k in r))
    nu = (nu or dt.datetime.now()).replace(microsecond=0)
    vandaag = vandaag or nu.date()
    verslag = Importverslag(soort=soort, bestand=naam, proef=proef, rijen=len(genummerd))

    # ---------------------------------------------------------------- de kop
    bekend = KOLOMMEN[soort]
    onbekend = [k for k in kolommen if k not in bekend]
    ontbrekend = [k for k, verplicht in bekend.items() if verplicht and k not in kolommen]
    for k in ontbrekend:
        verslag.fouten.append(Rijfout(1, k, f"De verplichte kolom {k} ontbreekt in de kop. Verplicht voor {soort}: "
                                            + ", ".join(k2 for k2, v in bekend.items() if v) + "."))
    for k in onbekend:
        verslag.fouten.append(Rijfout(1, k, f"Onbekende kolom {k} voor {soort}. Mogelijke kolommen: "
                                            + ", ".join(bekend) + "."))
    if verslag.fouten:
        return verslag
    if not genummerd:
        verslag.fouten.append(Rijfout(2, "", "Het bestand bevat alleen een kop en geen rijen."))
        return verslag

    # ---------------------------------------------------------------- elke rij
    ctx = _Context(sessie, actor, RECHTEN[soort], vandaag)
    stappen = 2 * len(genummerd)
    if soort == "metingen":
        alle_indicatoren = sessie.scalars(select(Indicator)).all()
        indicatoren = {_sleutel(i.naam): i for i in alle_indicatoren}
        indicatornamen = sorted(i.naam for i in alle_indicatoren)

        def controleer(nummer, rij):
            return _controleer_meting(ctx, nummer, rij, indicatoren, indicatornamen)
    elif soort == "meldingen":
        def controleer(nummer, rij):
            return _controleer_melding(ctx, nummer, rij, nu)
    else:
        bestemmingen = _bestemmingen(sessie)

        def controleer(nummer, rij):
            return _controleer_uitgave(ctx, nummer, rij, bestemmingen)

    goed: list[_Rij] = []
    gezien: dict[tuple, int] = {}
    for i, (nummer, rij) in enumerate(genummerd, start=1):
        gecontroleerd, fouten = controleer(nummer, rij)
        if gecontroleerd is not None:
            weigering = ctx.toegang(gecontroleerd.wijk_id)
            eerder = gezien.get(gecontroleerd.sleutel)
            if weigering is not None:
                fouten = [Rijfout(nummer, "wijk", weigering)]
            elif eerder is not None:
                fouten = [Rijfout(nummer, "", f"Deze rij heeft dezelfde sleutel als rij {eerder} "
                                              f"({_sleutelomschrijving(soort, gecontroleerd)}). Haal een van beide weg.")]
            else:
                gezien[gecontroleerd.sleutel] = nummer
                goed.append(gecontroleerd)
        verslag.fouten.extend(fouten)
        if voortgang is not None and i % VOORTGANG_ELKE == 0:
            voortgang(i, stappen)

    # ---------------------------------------------------------------- bestaande rijen (ook bij fouten elders,
    # zodat een proef alle problemen in één keer laat zien)
    bestaand = {"metingen": _bestaande_metingen, "meldingen": _bestaande_meldingen,
                "uitgaven": _bestaande_uitgaven}[soort](sessie, goed)
    nieuw: list[_Rij] = []
    for rij in goed:
        oud = bestaand.get(rij.sleutel)
        if oud is None:
            nieuw.append(rij)
            continue
        fout = _conflict(soort, ctx, rij, oud)
        if fout is not None:
            verslag.fouten.append(fout)
        else:
            verslag.overgeslagen += 1
    verslag.toegevoegd = len(nieuw)
    if verslag.fouten:
        volgorde = {k: i for i, k in enumerate(kolommen)}
        verslag.fouten.sort(key=lambda f: (f.rij, volgorde.get(f.kolom, -1)))
        verslag.toegevoegd = 0
        verslag.overgeslagen = 0
        return verslag
    if voortgang is not None:
        voortgang(len(genummerd), stappen)
    if proef:
        if voortgang is not None:
            voortgang(stappen, stappen)
        return verslag

    # ---------------------------------------------------------------- schrijven
    if nieuw:
        tabel = {"metingen": Meting, "meldingen": Melding, "uitgaven": Uitgave}[soort].__table__
        door = actor.naam if actor is not None else None
        for start in range(0, len(nieuw), BLOK):
            blok = nieuw[start:start + BLOK]
            try:
                sessie.execute(insert(tabel), [{**r.waarden, "gewijzigd_door": door, "versie": 1} for r in blok])
            except IntegrityError:
                # Iemand importeerde tegelijk (of dubbelklik): de aanroeper draait alles terug.
                raise Invoerfout("Iemand anders importeerde tegelijk dezelfde rijen; er is niets opgeslagen. "
                                 "Controleer het bestand opnieuw: wat er nu al is, wordt overgeslagen.") from None
            if voortgang is not None:
                klaar = start + len(blok)
                voortgang(len(genummerd) + round(klaar * len(genummerd) / len(nieuw)), stappen)
    elif voortgang is not None:
        voortgang(stappen, stappen)
    wijken = {r.wijk_id for r in goed}
    volgnummer = (sessie.scalar(select(func.max(Mutatie.entiteit_id)).where(Mutatie.entiteit == "import")) or 0) + 1
    leg_vast(sessie, actor, entiteit="import", entiteit_id=volgnummer, actie="import", oud=None,
             nieuw={"Soort": soort, "Bestand": naam, "Rijen toegevoegd": verslag.toegevoegd,
                    "Overgeslagen": verslag.overgeslagen},
             wijk_id=next(iter(wijken)) if len(wijken) == 1 else None)
    sessie.flush()
    return verslag


def _sleutelomschrijving(soort: str, rij: _Rij) -> str:
    if soort == "metingen":
        return f"indicator, wijk en peildatum {rij.waarden['peildatum']:%d-%m-%Y}"
    if rij.waarden.get("kenmerk"):
        return f"kenmerk {rij.waarden['kenmerk']}"
    return "wijk, budgetpost, maatregel, datum, bedrag en omschrijving"


# =========================================================================== voortgang

FASE_LABELS = {"lezen": "Bestand lezen", "controleren": "Controleren", "opslaan": "Opslaan"}


@dataclass(frozen=True, slots=True)
class Voortgang:
    """De stand van een lopende proef of import, om te tonen."""

    fase: str          # "lezen", "controleren" of "opslaan"
    rij: int           # rijen klaar in deze fase
    rijen: int         # rijen in het bestand (0 zolang het bestand gelezen wordt)
    procent: int       # 0–100 van het hele werk

    @property
    def tekst(self) -> str:
        """``Controleren: rij 40.000 van 100.000`` (of ``Bestand lezen…``)."""
        if self.fase == "lezen" or not self.rijen:
            return f"{FASE_LABELS['lezen']}…"
        return f"{FASE_LABELS.get(self.fase, self.fase)}: rij {_aantal(self.rij)} van {_aantal(self.rijen)}"


def voortgang_stand(gedaan: int, totaal: int, *, proef: bool) -> Voortgang:
    """De stand bij ``voortgang(gedaan, totaal)`` van :func:`importeer`: de eerste helft van ``totaal`` is het
    controleren van de rijen, de tweede het opslaan. Bij een proef is het controleren het hele werk."""
    rijen = max(totaal, 0) // 2
    gedaan = min(max(gedaan, 0), 2 * rijen)
    if rijen == 0:
        return Voortgang("lezen", 0, 0, 0)
    if gedaan <= rijen or proef:
        rij = min(gedaan, rijen)
        procent = rij * 100 // rijen if proef else rij * 100 // (2 * rijen)
        return Voortgang("controleren", rij, rijen, procent)
    return Voortgang("opslaan", gedaan - rijen, rijen, gedaan * 100 // (2 * rijen))


class Voortgangsbestand:
    """De voortgang van één proef of import als klein JSON-bestand ``<map>/<sleutel>.json``.

    De pagina geeft elke weergave een willekeurige ``sleutel`` (32 hexadecimale tekens); het verzoek dat
    importeert schrijft (``begin``, dan als ``voortgang``-functie van :func:`importeer`, ten hoogste elke
    ``interval`` seconden), een ander verzoek leest (:meth:`lees`) — alleen voor dezelfde ``eigenaar``
    (gebruikers-id). Schrijven is atomair (tijdelijk bestand + ``os.replace``). Een fout bij het schrijven
    (bijv. een volle schijf) stopt de import nooit: dan beweegt alleen de balk niet.
    """

    SLEUTEL = re.compile(r"[0-9a-f]{32}", re.ASCII)
    #: Ouder dan dit (een afgebroken import): weg bij de volgende start (in Redis: verloopt vanzelf).
    MAX_LEEFTIJD_S = 3600
    #: Voorvoegsel van de sleutels in Redis.
    REDIS_VOORVOEGSEL = "wijk:importvoortgang:"

    def __init__(self, map_: Path, sleutel: str, eigenaar: int | None, *, proef: bool, interval: float = 0.2,
                 redis_url: str | None = None) -> None:
        if not self.geldige_sleutel(sleutel):
            raise ValueError("ongeldige voortgangssleutel")
        self.map = Path(map_)
        self.pad = self.map / f"{sleutel}.json"
        self.sleutel = sleutel
        self.eigenaar = eigenaar
        self.proef = proef
        self.interval = interval
        self.redis_url = redis_url
        self._vorige = 0.0

    def _redis(self, url: str | None = None):
        from datalaag.redisklant import redis_klant

        return redis_klant(url if url is not None else self.redis_url)

    @classmethod
    def geldige_sleutel(cls, sleutel: Any) -> bool:
        return isinstance(sleutel, str) and cls.SLEUTEL.fullmatch(sleutel) is not None

    def _schrijf(self, gedaan: int, totaal: int) -> None:
        """Met Redis (``REDIS_URL``) daar, zodat elke worker van elke server de stand ziet; anders (of als Redis
        niet bereikbaar is) als bestand in de instance-map (alle workers van deze server)."""
        data = json.dumps({"eigenaar": self.eigenaar, "proef": self.proef, "gedaan": gedaan, "totaal": totaal})
        klant = self._redis()
        if klant is not None:
            try:
                klant.set(self.REDIS_VOORVOEGSEL + self.sleutel, data, ex=self.MAX_LEEFTIJD_S)
                return
            except Exception:  # noqa: BLE001 - Redis weg: dan het bestand
                pass
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            tijdelijk = self.pad.with_name(f"{self.pad.stem}.{os.getpid()}.tmp")
            tijdelijk.write_text(data, encoding="utf-8")
            os.replace(tijdelijk, self.pad)
        except OSError:
            pass

    def begin(self) -> None:
        """Start: ruim oude bestanden op en zet de stand op "bestand lezen"."""
        if self.map.exists():
            self.opruimen(self.map, self.MAX_LEEFTIJD_S)
        self._schrijf(0, 0)
        self._vorige = time.monotonic()

    def __call__(self, gedaan: int, totaal: int) -> None:
        nu = time.monotonic()
        if gedaan < totaal and nu - self._vorige < self.interval:
            return
        self._vorige = nu
        self._schrijf(gedaan, totaal)

    def wis(self) -> None:
        klant = self._redis()
        if klant is not None:
            try:
                klant.delete(self.REDIS_VOORVOEGSEL + self.sleutel)
            except Exception:  # noqa: BLE001
                pass
        try:
            self.pad.unlink(missing_ok=True)
        except OSError:
            pass

    @classmethod
    def lees(cls, map_: Path, sleutel: Any, eigenaar: int | None, redis_url: str | None = None) -> Voortgang | None:
        """De stand voor ``sleutel``, of ``None`` als er (nog) geen is of als hij van een ander is.

        Met ``redis_url`` eerst uit Redis; staat de stand daar niet (de schrijver viel terug op het bestand),
        dan uit het bestand."""
        if not cls.geldige_sleutel(sleutel):
            return None
        tekst = None
        if redis_url:
            from datalaag.redisklant import redis_klant

            try:
                tekst = redis_klant(redis_url).get(cls.REDIS_VOORVOEGSEL + sleutel)
            except Exception:  # noqa: BLE001 - Redis weg: het bestand
                tekst = None
        try:
            if tekst is None:
                tekst = (Path(map_) / f"{sleutel}.json").read_text(encoding="utf-8")
            data = json.loads(tekst)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("eigenaar") != eigenaar:
            return None
        gedaan, totaal = data.get("gedaan"), data.get("totaal")
        if not isinstance(gedaan, int) or not isinstance(totaal, int):
            return None
        return voortgang_stand(gedaan, totaal, proef=bool(data.get("proef")))

    @staticmethod
    def opruimen(map_: Path, ouder_dan_s: float) -> None:
        grens = time.time() - ouder_dan_s
        try:
            for pad in Path(map_).iterdir():
                if pad.suffix in (".json", ".tmp") and pad.stat().st_mtime < grens:
                    pad.unlink(missing_ok=True)
        except OSError:
            pass
