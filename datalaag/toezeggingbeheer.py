"""De toezeggingenlijst bijhouden (aanbeveling 5 van de Rekenkamercommissie): registreren, een afdoening
voorstellen, afgedaan of vervallen verklaren en heropenen.

Wie wat mag (``datalaag.autorisatie``):

- de **griffie** registreert toezeggingen (``toezegging_registreren``) en verklaart ze afgedaan of vervallen,
  of heropent ze bij een vergissing (``toezegging_afdoen``);
- de **portefeuillehouder** (wethouder) stelt een afdoening voor, alleen voor de eigen portefeuille
  (``toezegging_voorstellen``);
- de **beheerder** mag alles.

Elke schrijfactie volgt het vaste patroon: valideren (``datalaag.validatie.Controle``, alle fouten tegelijk)
→ autoriseren (``eis``) → versie controleren (optimistische vergrendeling) → schrijven plus precies één
``Mutatie`` (entiteit ``toezegging``, de wijk van de toezegging of ``None``) in de transactie van de
aanroeper. Bij een fout is niets geschreven.

Statusverloop: ``open`` → ``afgedaan`` (met afdoening en datum) of ``vervallen`` (met reden en datum); de
griffie kan een afgedane of vervallen toezegging heropenen (met reden). Een voorstel kan alleen bij een open
toezegging en overschrijft een eerder voorstel (het oude staat in het dossier).

**Afgedaan zonder voorstel.** Normaal stelt de portefeuillehouder de afdoening voor en beoordeelt de griffie
die. Soms is een toezegging zichtbaar nagekomen zonder formeel voorstel (mondeling afgedaan in de raad, een
raadsinformatiebrief die al is verstuurd). De griffie mag haar dan toch afgedaan verklaren — de lijst moet
kloppen — maar moet toelichten waarom er geen voorstel is; die toelichting staat in het dossier, zodat de
raad kan zien dat de griffie zelf besloot.

**Document.** Alleen een https-link of een documentnummer (bijv. ``RIB 2026-014``). Een link wordt alleen
als link getoond als :func:`veilige_link` hem goedkeurt; al het andere is gewone tekst.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import plus_maanden, te_laat
from datalaag.autorisatie import Actor, eis
from datalaag.models import Gebruiker, Toezegging, Wijk
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    Wijziging,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
    wijzigingen_sinds,
)
from datalaag.opmaak import formatteer_datum
from datalaag.toezeggingen import ToezeggingFilter, ToezeggingRij, toezeggingen
from datalaag.validatie import LANGE_TEKST, Controle, Invoerfout, Validatiefout

ENTITEIT = "toezegging"
NUMMER_LENGTE = 30          # Toezegging.nummer is String(30)
VERGADERING_LENGTE = 200    # Toezegging.vergadering is String(200)
DOCUMENT_LENGTE = 500       # Toezegging.document is String(500)
TEKST_LENGTE = 2000         # voorstel, afdoening, reden, toelichting
MAX_TERMIJN_JAREN = 10      # een termijn verder weg is vrijwel zeker een tikfout
_MAX_ID = 2**31 - 1

STATUS_LABELS = {"open": "Open", "afgedaan": "Afgedaan", "vervallen": "Vervallen"}

#: Veldsleutel (ook de sleutel in ``Validatiefout.fouten``) → label in het formulier en in de meldingen.
VELDEN: dict[str, str] = {
    "nummer": "Nummer",
    "datum": "Datum vergadering",
    "vergadering": "Vergadering",
    "portefeuillehouder": "Portefeuillehouder",
    "onderwerp": "Onderwerp (de toezegging)",
    "wijk": "Wijk",
    "termijn": "Termijn",
    "document": "Document",
    "voorstel_afdoening": "Voorstel afdoening",
    "afdoening": "Afdoening",
    "afgedaan_op": "Afgedaan op",
    "toelichting": "Toelichting",
    "reden": "Reden",
    "vervallen_op": "Vervallen op",
}

# Nummers als T2026-009: letters, cijfers en - . / _ ; geen spaties (het nummer staat in links en zoekopdrachten).
_NUMMER = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_-]*", re.ASCII)
_NUMMER_VOLGORDE = re.compile(r"T(\d{4})-(\d+)", re.ASCII)
# Documentnummers als "RIB 2026-014", "Raadsbesluit 2025-003" of "Z/2026/001234".
_DOCUMENTNUMMER = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ][0-9A-Za-zÀ-ÖØ-öø-ÿ .,/_#()-]{0,99}")
_HOSTNAAM = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}", re.ASCII)
_SCHEMA = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:", re.ASCII)


# --------------------------------------------------------------------------- document
def veilige_link(waarde: Any) -> str | None:
    """``waarde`` als het een https-link is die veilig als link getoond kan worden, anders ``None``.

    Eisen: begint met ``https://``, een gewone hostnaam (geen gebruikersnaam/wachtwoord, geen IP-truc met
    ``@``), alleen zichtbare ASCII-tekens zonder aanhalingstekens of punthaken, hooguit 500 tekens."""
    if not isinstance(waarde, str) or not 0 < len(waarde) <= DOCUMENT_LENGTE:
        return None
    if not waarde.startswith("https://"):
        return None
    if any(not 33 <= ord(t) <= 126 or t in "<>\"'`\\{}|^" for t in waarde):
        return None
    try:
        delen = urlsplit(waarde)
        delen.port  # noqa: B018 - een ongeldige poort geeft ValueError
    except ValueError:
        return None
    if delen.scheme != "https" or "@" in delen.netloc or not delen.hostname:
        return None
    if not _HOSTNAAM.fullmatch(delen.hostname):
        return None
    return waarde


def controleer_document(c: Controle, veld: str, waarde: Any) -> str | None:
    """Een https-link of een documentnummer; leeg mag (``None``)."""
    label = VELDEN["document"]
    tekst = c.tekst(veld, label, waarde, max_lengte=DOCUMENT_LENGTE)
    if tekst is None:
        return None
    klein = tekst.lower()
    if klein.startswith("https://"):
        if veilige_link(tekst) is None:
            c.fout(veld, f"{label}: dit is geen geldige https-link (zonder spaties, aanhalingstekens of "
                         "gebruikersnaam). Controleer de link, of vul het documentnummer in.")
            return None
        return tekst
    if klein.startswith("http://"):
        c.fout(veld, f"{label}: gebruik een beveiligde link die begint met https://, of vul het documentnummer in "
                     "(bijv. RIB 2026-014).")
        return None
    if klein.startswith("www."):
        c.fout(veld, f"{label}: schrijf de link volledig, beginnend met https://.")
        return None
    if "://" in tekst or _SCHEMA.match(tekst):
        c.fout(veld, f"{label}: alleen een link die begint met https:// is toegestaan, of een documentnummer "
                     "(bijv. RIB 2026-014).")
        return None
    if not _DOCUMENTNUMMER.fullmatch(tekst):
        c.fout(veld, f"{label}: een documentnummer bestaat uit letters, cijfers, spaties en . , / _ # ( ) - "
                     "(bijv. RIB 2026-014, hooguit 100 tekens); een link begint met https://.")
        return None
    return tekst


# --------------------------------------------------------------------------- keuzes
def bekende_portefeuillehouders(sessie: Session) -> list[str]:
    """De portefeuillehouders waaruit de griffie kiest: de actieve gebruikers met de rol wethouder (hun
    naam als portefeuillehouder) en wie al op de toezeggingenlijst staat; op naam. Twee queries."""
    wethouders = sessie.scalars(
        select(func.coalesce(Gebruiker.portefeuillehouder, Gebruiker.naam))
        .where(Gebruiker.rol == "wethouder", Gebruiker.actief.is_(True))
    ).all()
    bestaand = sessie.scalars(select(Toezegging.portefeuillehouder).distinct()).all()
    namen = {n.strip() for n in [*wethouders, *bestaand] if n and n.strip()}
    return sorted(namen, key=lambda n: (n.casefold(), n))


def wijk_keuzes(sessie: Session) -> list[tuple[int, str]]:
    """(id, naam) van alle wijken, op naam."""
    rijen = sessie.execute(select(Wijk.id, Wijk.naam)).all()
    return sorted(((r.id, r.naam) for r in rijen), key=lambda r: (r[1].casefold(), r[1]))


def volgend_nummer(sessie: Session, jaar: int) -> str:
    """Het volgende nummer in het bestaande formaat ``T<jaar>-<volgnummer van drie cijfers>``."""
    nummers = sessie.scalars(select(Toezegging.nummer).where(Toezegging.nummer.like(f"T{jaar}-%"))).all()
    hoogste = 0
    for nummer in nummers:
        m = _NUMMER_VOLGORDE.fullmatch(nummer)
        if m and int(m[1]) == jaar:
            hoogste = max(hoogste, int(m[2]))
    return f"T{jaar}-{hoogste + 1:03d}"


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class LijstRegel:
    """Een open toezegging in de werklijst: de rij zoals op ``/toezeggingen`` plus id en of er een voorstel is."""

    id: int
    rij: ToezeggingRij
    heeft_voorstel: bool


def open_toezeggingen(sessie: Session, vandaag: dt.date, portefeuillehouder: str | None = None) -> list[LijstRegel]:
    """Alle open toezeggingen (ook te late), in de volgorde van ``/toezeggingen``: te laat eerst. Twee queries."""
    rijen = toezeggingen(sessie, ToezeggingFilter(status="open", portefeuillehouder=portefeuillehouder), vandaag)
    extra = {
        r.nummer: (r.id, r.voorstel_afdoening is not None)
        for r in sessie.execute(select(Toezegging.nummer, Toezegging.id, Toezegging.voorstel_afdoening)
                                .where(Toezegging.status == "open"))
    }
    return [LijstRegel(extra[r.nummer][0], r, extra[r.nummer][1]) for r in rijen if r.nummer in extra]


@dataclass(frozen=True, slots=True)
class Afgehandeld:
    id: int
    nummer: str
    portefeuillehouder: str
    onderwerp: str
    status: str            # afgedaan / vervallen
    op: dt.date | None     # afgedaan_op of vervallen_op


def onlangs_afgehandeld(sessie: Session, aantal: int = 10) -> list[Afgehandeld]:
    """De laatst afgedane of vervallen toezeggingen (voor heropenen bij een vergissing). Eén query."""
    op = func.coalesce(Toezegging.afgedaan_op, Toezegging.vervallen_op)
    rijen = sessie.execute(
        select(Toezegging.id, Toezegging.nummer, Toezegging.portefeuillehouder, Toezegging.onderwerp,
               Toezegging.status, op.label("op"))
        .where(Toezegging.status != "open")
        .order_by(op.desc(), Toezegging.id.desc())
        .limit(aantal)
    ).all()
    return [Afgehandeld(r.id, r.nummer, r.portefeuillehouder, r.onderwerp, r.status, r.op) for r in rijen]


@dataclass(frozen=True, slots=True)
class ToezeggingStand:
    """Eén toezegging zoals het formulier haar toont, met de geschiedenis uit het dossier."""

    id: int
    nummer: str
    datum: dt.date
    vergadering: str
    portefeuillehouder: str
    onderwerp: str
    wijk_id: int | None
    wijk_naam: str | None
    wijk_slug: str | None
    termijn: dt.date
    status: str
    te_laat: bool
    voorstel_afdoening: str | None
    afdoening: str | None
    afgedaan_op: dt.date | None
    vervallen_op: dt.date | None
    document: str | None
    versie: int
    gewijzigd_door: str | None
    geschiedenis: tuple[Wijziging, ...]

    @property
    def weergavestatus(self) -> str:
        return "te_laat" if self.te_laat else self.status

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def toezegging_stand(sessie: Session, toezegging_id: Any, vandaag: dt.date) -> ToezeggingStand | None:
    """De toezegging met ``toezegging_id`` (of ``None``). Drie queries (toezegging, wijk, dossier)."""
    if not isinstance(toezegging_id, int) or isinstance(toezegging_id, bool) or not 0 < toezegging_id <= _MAX_ID:
        return None
    t = sessie.get(Toezegging, toezegging_id)
    if t is None:
        return None
    wijk = t.wijk
    return ToezeggingStand(
        id=t.id, nummer=t.nummer, datum=t.datum, vergadering=t.vergadering, portefeuillehouder=t.portefeuillehouder,
        onderwerp=t.onderwerp, wijk_id=t.wijk_id, wijk_naam=wijk.naam if wijk else None,
        wijk_slug=wijk.slug if wijk else None, termijn=t.termijn, status=t.status,
        te_laat=te_laat(t.status, t.termijn, vandaag), voorstel_afdoening=t.voorstel_afdoening,
        afdoening=t.afdoening, afgedaan_op=t.afgedaan_op, vervallen_op=t.vervallen_op, document=t.document,
        versie=t.versie, gewijzigd_door=t.gewijzigd_door,
        geschiedenis=tuple(wijzigingen_sinds(sessie, ENTITEIT, t.id, 0)),
    )


# --------------------------------------------------------------------------- schrijven: gedeeld
@dataclass(frozen=True, slots=True)
class Uitkomst:
    toezegging_id: int
    nummer: str
    versie: int
    status: str
    gewijzigd: bool = True


def _datum(d: dt.date | None) -> str | None:
    return None if d is None else formatteer_datum(d)


def _momentopname(t: Toezegging, wijk_naam: str | None) -> dict[str, Any]:
    """Leesbare waarden voor het dossier."""
    return {
        "Nummer": t.nummer,
        "Datum vergadering": _datum(t.datum),
        "Vergadering": t.vergadering,
        "Portefeuillehouder": t.portefeuillehouder,
        "Onderwerp": t.onderwerp,
        "Wijk": wijk_naam,
        "Termijn": _datum(t.termijn),
        "Status": STATUS_LABELS.get(t.status, t.status),
        "Voorstel afdoening": t.voorstel_afdoening,
        "Afdoening": t.afdoening,
        "Afgedaan op": _datum(t.afgedaan_op),
        "Vervallen op": _datum(t.vervallen_op),
        "Document": t.document,
    }


def _id_en_versie(c: Controle, toezegging_id: Any, verwachte_versie: Any) -> tuple[int | None, int | None]:
    tid = c.geheel_getal("toezegging", "Toezegging", toezegging_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    return tid, versie


def _haal(sessie: Session, tid: int | None) -> Toezegging:
    t = sessie.get(Toezegging, tid) if tid is not None else None
    if t is None:
        raise Invoerfout("Deze toezegging bestaat niet (meer). Kies een toezegging uit de lijst.")
    return t


def _controleer_versie(sessie: Session, t: Toezegging, versie: int) -> None:
    if t.versie != versie:
        raise conflict(sessie, ENTITEIT, f"Toezegging {t.nummer}", t, versie)


def _niet_open(t: Toezegging, wat: str) -> Invoerfout:
    wanneer = t.afgedaan_op if t.status == "afgedaan" else t.vervallen_op
    op = f" op {formatteer_datum(wanneer)}" if wanneer else ""
    return Invoerfout(
        f"Toezegging {t.nummer} is al {STATUS_LABELS[t.status].lower()}{op}; {wat} kan alleen bij een open "
        "toezegging. Is dat een vergissing, dan kan de griffie haar eerst heropenen (met een reden)."
    )


def _schrijf(sessie: Session, t: Toezegging, actor: Actor) -> None:
    t.gewijzigd_door = actor.naam
    flag_modified(t, "gewijzigd_door")  # altijd een nieuwe versie
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig(f"toezegging {t.nummer}") from None


def _niet_later_dan_vandaag(c: Controle, veld: str, waarde: Any, vandaag: dt.date, waarom: str) -> dt.date | None:
    """Een verplichte datum die niet na vandaag ligt, met een melding die zegt waarom."""
    datum = c.datum(veld, VELDEN[veld], waarde, verplicht=True)
    if datum is not None and datum > vandaag:
        c.fout(veld, f"{VELDEN[veld]}: {waarom}. Vul een datum in tot en met vandaag ({formatteer_datum(vandaag)}).")
        return None
    return datum


def _wijknaam(sessie: Session, wijk_id: int | None) -> str | None:
    return None if wijk_id is None else sessie.scalar(select(Wijk.naam).where(Wijk.id == wijk_id))


# --------------------------------------------------------------------------- a. registreren (griffie)
def registreer_toezegging(sessie: Session, actor: Actor | None, *, nummer: Any, datum: Any, vergadering: Any,
                          portefeuillehouder: Any, onderwerp: Any, wijk: Any, termijn: Any, document: Any,
                          vandaag: dt.date | None = None) -> Uitkomst:
    """Een nieuwe, open toezegging op de lijst zetten. ``wijk``: een wijk-id of leeg (stadsbreed).

    Geeft ``Validatiefout``, ``GeenToegang`` of ``Conflictfout``; dan is er niets geschreven."""
    vandaag = vandaag or dt.date.today()
    c = Controle()
    nr = c.tekst("nummer", VELDEN["nummer"], nummer, verplicht=True, max_lengte=NUMMER_LENGTE)
    if nr is not None and not _NUMMER.fullmatch(nr):
        c.fout("nummer", f"{VELDEN['nummer']}: gebruik alleen letters, cijfers en - . / _ (geen spaties), "
                         f"bijvoorbeeld {volgend_nummer(sessie, vandaag.year)}.")
        nr = None
    if nr is not None:
        bestaand = sessie.scalar(select(Toezegging.nummer).where(func.upper(Toezegging.nummer) == nr.upper()))
        if bestaand is not None:
            c.fout("nummer", f"{VELDEN['nummer']}: {bestaand} staat al op de toezeggingenlijst. Kies een ander "
                             f"nummer, bijvoorbeeld {volgend_nummer(sessie, vandaag.year)}.")
    d = _niet_later_dan_vandaag(c, "datum", datum, vandaag,
                                "de vergadering waarin de toezegging is gedaan kan niet in de toekomst liggen")
    verg = c.tekst("vergadering", VELDEN["vergadering"], vergadering, verplicht=True, max_lengte=VERGADERING_LENGTE)
    houders = bekende_portefeuillehouders(sessie)
    pfh = c.keuze("portefeuillehouder", VELDEN["portefeuillehouder"], portefeuillehouder, {h: h for h in houders})
    ond = c.tekst("onderwerp", VELDEN["onderwerp"], onderwerp, verplicht=True, max_lengte=LANGE_TEKST)
    wijk_id = c.keuze("wijk", VELDEN["wijk"], wijk, dict(wijk_keuzes(sessie)), verplicht=False)
    term = c.datum("termijn", VELDEN["termijn"], termijn, verplicht=True,
                   laatst=plus_maanden(vandaag, 12 * MAX_TERMIJN_JAREN))
    if d is not None and term is not None and term < d:
        c.fout("termijn", f"{VELDEN['termijn']}: de termijn ({formatteer_datum(term)}) ligt vóór de vergadering "
                          f"({formatteer_datum(d)}). Kies een termijn op of na de datum van de vergadering.")
    doc = controleer_document(c, "document", document)
    c.klaar()

    eis(actor, "toezegging_registreren", portefeuillehouder=pfh)

    t = Toezegging(nummer=nr, datum=d, vergadering=verg, portefeuillehouder=pfh, onderwerp=ond, wijk_id=wijk_id,
                   termijn=term, status="open", document=doc, gewijzigd_door=actor.naam)
    sessie.add(t)
    try:
        sessie.flush()
    except IntegrityError:
        raise Validatiefout({"nummer": f"{VELDEN['nummer']}: {nr} is zojuist door iemand anders geregistreerd. "
                                       "Kies een ander nummer."}) from None
    nieuw = {k: v for k, v in _momentopname(t, _wijknaam(sessie, wijk_id)).items() if v is not None}
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=t.id, actie="aangemaakt", oud=None, nieuw=nieuw,
             wijk_id=wijk_id, versie=t.versie)
    sessie.flush()
    return Uitkomst(t.id, t.nummer, t.versie, t.status)


# --------------------------------------------------------------------------- b. voorstellen (portefeuillehouder)
def stel_afdoening_voor(sessie: Session, actor: Actor | None, toezegging_id: Any, *, voorstel: Any, document: Any,
                        verwachte_versie: Any) -> Uitkomst:
    """De portefeuillehouder stelt voor hoe de toezegging is afgedaan (overschrijft een eerder voorstel).
    Een leeg documentveld laat het document staan."""
    c = Controle()
    tid, versie = _id_en_versie(c, toezegging_id, verwachte_versie)
    tekst = c.tekst("voorstel_afdoening", VELDEN["voorstel_afdoening"], voorstel, verplicht=True,
                    max_lengte=TEKST_LENGTE)
    doc = controleer_document(c, "document", document)
    c.klaar()

    t = _haal(sessie, tid)
    eis(actor, "toezegging_voorstellen", portefeuillehouder=t.portefeuillehouder)
    _controleer_versie(sessie, t, versie)
    if t.status != "open":
        raise _niet_open(t, "een afdoening voorstellen")

    oud = {"Voorstel afdoening": t.voorstel_afdoening, "Document": t.document}
    nieuw = {"Voorstel afdoening": tekst, "Document": doc if doc is not None else t.document}
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    if not nieuw_diff:
        return Uitkomst(t.id, t.nummer, t.versie, t.status, gewijzigd=False)
    t.voorstel_afdoening = tekst
    t.document = nieuw["Document"]
    _schrijf(sessie, t, actor)
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=t.id, actie="gewijzigd", oud=oud_diff, nieuw=nieuw_diff,
             wijk_id=t.wijk_id, versie=t.versie)
    sessie.flush()
    return Uitkomst(t.id, t.nummer, t.versie, t.status)


# --------------------------------------------------------------------------- c. afdoen, vervallen, heropenen (griffie)
def _datum_na_vergadering(c: Controle, veld: str, t: Toezegging, datum: dt.date | None) -> None:
    if datum is not None and datum < t.datum:
        c.fout(veld, f"{VELDEN[veld]}: deze datum ligt vóór de vergadering waarin de toezegging is gedaan "
                     f"({formatteer_datum(t.datum)}). Controleer de datum.")


def verklaar_afgedaan(sessie: Session, actor: Actor | None, toezegging_id: Any, *, afdoening: Any, afgedaan_op: Any,
                      document: Any, toelichting: Any, verwachte_versie: Any,
                      vandaag: dt.date | None = None) -> Uitkomst:
    """De griffie verklaart een open toezegging afgedaan.

    ``afdoening`` leeg: het voorstel van de portefeuillehouder. Zonder voorstel is een ``toelichting``
    verplicht (waarom afgedaan zonder voorstel); ze komt in het dossier. Een leeg documentveld laat het
    document staan."""
    vandaag = vandaag or dt.date.today()
    c = Controle()
    tid, versie = _id_en_versie(c, toezegging_id, verwachte_versie)
    tekst = c.tekst("afdoening", VELDEN["afdoening"], afdoening, max_lengte=TEKST_LENGTE)
    op = _niet_later_dan_vandaag(c, "afgedaan_op", afgedaan_op, vandaag, "een toezegging kan niet in de toekomst "
                                 "afgedaan worden verklaard")
    doc = controleer_document(c, "document", document)
    uitleg = c.tekst("toelichting", VELDEN["toelichting"], toelichting, max_lengte=TEKST_LENGTE)
    t = sessie.get(Toezegging, tid) if tid is not None else None
    if t is not None and t.status == "open":
        if tekst is None and "afdoening" not in c.fouten:
            tekst = t.voorstel_afdoening
            if tekst is None:
                c.fout("afdoening", f"{VELDEN['afdoening']}: beschrijf waarmee de toezegging is nagekomen (de "
                                    "portefeuillehouder heeft geen afdoening voorgesteld).")
        if t.voorstel_afdoening is None and uitleg is None and "toelichting" not in c.fouten:
            c.fout("toelichting", f"{VELDEN['toelichting']}: de portefeuillehouder heeft (nog) geen afdoening "
                                  "voorgesteld. Licht toe waarom de griffie de toezegging toch afgedaan verklaart, "
                                  "bijvoorbeeld \u201cmondeling afgedaan in de raad van 12-11-2026\u201d.")
        _datum_na_vergadering(c, "afgedaan_op", t, op)
    c.klaar()

    t = _haal(sessie, tid)
    eis(actor, "toezegging_afdoen", portefeuillehouder=t.portefeuillehouder)
    _controleer_versie(sessie, t, versie)
    if t.status != "open":
        raise _niet_open(t, "afgedaan verklaren")

    zonder_voorstel = t.voorstel_afdoening is None
    oud = {"Status": STATUS_LABELS[t.status], "Afdoening": t.afdoening, "Afgedaan op": _datum(t.afgedaan_op),
           "Document": t.document}
    t.status = "afgedaan"
    t.afdoening = tekst
    t.afgedaan_op = op
    t.vervallen_op = None
    if doc is not None:
        t.document = doc
    nieuw = {"Status": STATUS_LABELS[t.status], "Afdoening": t.afdoening, "Afgedaan op": _datum(t.afgedaan_op),
             "Document": t.document}
    _schrijf(sessie, t, actor)
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    if uitleg:
        sleutel = "Toelichting (afgedaan zonder voorstel van de portefeuillehouder)" if zonder_voorstel else "Toelichting"
        nieuw_diff[sleutel] = uitleg
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=t.id, actie="statuswijziging", oud=oud_diff,
             nieuw=nieuw_diff, wijk_id=t.wijk_id, versie=t.versie)
    sessie.flush()
    return Uitkomst(t.id, t.nummer, t.versie, t.status)


def verklaar_vervallen(sessie: Session, actor: Actor | None, toezegging_id: Any, *, reden: Any, vervallen_op: Any,
                       verwachte_versie: Any, vandaag: dt.date | None = None) -> Uitkomst:
    """De griffie verklaart een open toezegging vervallen (de reden komt in de kolom afdoening, zoals op de lijst)."""
    vandaag = vandaag or dt.date.today()
    c = Controle()
    tid, versie = _id_en_versie(c, toezegging_id, verwachte_versie)
    tekst = c.tekst("reden", VELDEN["reden"], reden, verplicht=True, max_lengte=TEKST_LENGTE)
    if "reden" in c.fouten and "verplicht" in c.fouten["reden"]:
        c.fouten["reden"] = (f"{VELDEN['reden']}: leg uit waarom de toezegging vervalt, bijvoorbeeld "
                             "\u201cingehaald door het raadsbesluit van 12-11-2026\u201d.")
    op = _niet_later_dan_vandaag(c, "vervallen_op", vervallen_op, vandaag, "een toezegging kan niet in de "
                                 "toekomst vervallen worden verklaard")
    t = sessie.get(Toezegging, tid) if tid is not None else None
    if t is not None and t.status == "open":
        _datum_na_vergadering(c, "vervallen_op", t, op)
    c.klaar()

    t = _haal(sessie, tid)
    eis(actor, "toezegging_afdoen", portefeuillehouder=t.portefeuillehouder)
    _controleer_versie(sessie, t, versie)
    if t.status != "open":
        raise _niet_open(t, "vervallen verklaren")

    oud = {"Status": STATUS_LABELS[t.status], "Afdoening": t.afdoening, "Vervallen op": _datum(t.vervallen_op)}
    t.status = "vervallen"
    t.afdoening = tekst
    t.vervallen_op = op
    t.afgedaan_op = None
    nieuw = {"Status": STATUS_LABELS[t.status], "Afdoening": t.afdoening, "Vervallen op": _datum(t.vervallen_op)}
    _schrijf(sessie, t, actor)
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=t.id, actie="statuswijziging", oud=oud_diff,
             nieuw=nieuw_diff, wijk_id=t.wijk_id, versie=t.versie)
    sessie.flush()
    return Uitkomst(t.id, t.nummer, t.versie, t.status)


def heropen_toezegging(sessie: Session, actor: Actor | None, toezegging_id: Any, *, reden: Any,
                       verwachte_versie: Any) -> Uitkomst:
    """De griffie heropent een afgedane of vervallen toezegging (bij een vergissing), met reden. Afdoening en
    datum vervallen; het voorstel van de portefeuillehouder en het document blijven staan. De oude waarden en de
    reden staan in het dossier."""
    c = Controle()
    tid, versie = _id_en_versie(c, toezegging_id, verwachte_versie)
    tekst = c.tekst("reden", VELDEN["reden"], reden, verplicht=True, max_lengte=TEKST_LENGTE)
    if "reden" in c.fouten and "verplicht" in c.fouten["reden"]:
        c.fouten["reden"] = (f"{VELDEN['reden']}: leg uit waarom de toezegging weer open gaat, bijvoorbeeld "
                             "\u201cper vergissing afgedaan; de brief gaat pas in januari naar de raad\u201d.")
    c.klaar()

    t = _haal(sessie, tid)
    eis(actor, "toezegging_afdoen", portefeuillehouder=t.portefeuillehouder)
    _controleer_versie(sessie, t, versie)
    if t.status == "open":
        raise Invoerfout(f"Toezegging {t.nummer} is al open; heropenen is niet nodig.")

    oud = {"Status": STATUS_LABELS[t.status], "Afdoening": t.afdoening, "Afgedaan op": _datum(t.afgedaan_op),
           "Vervallen op": _datum(t.vervallen_op)}
    t.status = "open"
    t.afdoening = None
    t.afgedaan_op = None
    t.vervallen_op = None
    nieuw = {"Status": STATUS_LABELS[t.status], "Afdoening": None, "Afgedaan op": None, "Vervallen op": None}
    _schrijf(sessie, t, actor)
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    nieuw_diff["Reden heropenen"] = tekst
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=t.id, actie="statuswijziging", oud=oud_diff,
             nieuw=nieuw_diff, wijk_id=t.wijk_id, versie=t.versie)
    sessie.flush()
    return Uitkomst(t.id, t.nummer, t.versie, t.status)
