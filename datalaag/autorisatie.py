"""Wie mag wat: de rechten van shared/DESIGN.md, afgedwongen in elke schrijfservice.

Een schrijfservice krijgt altijd een ``Actor`` (of ``None`` als niemand is aangemeld) en roept
``eis(actor, recht, wijk_id)`` aan vóór ze iets schrijft. Wat een pagina wel of niet toont, doet
er voor de rechten niet toe: elke callback kan rechtstreeks gepost worden.

| rol          | mag schrijven                                                             |
|--------------|---------------------------------------------------------------------------|
| raadslid     | niets                                                                     |
| wethouder    | een afdoening voorstellen voor toezeggingen van de eigen portefeuille    |
| griffie      | de toezeggingenlijst: registreren, afgedaan of vervallen verklaren        |
| coordinator  | evaluaties, wijkanalyses, metingen, voortgang, uitgaven, meldingen — alleen voor de eigen wijken |
| beheerder    | alles, ook gebruikers en referentiegegevens                               |
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.models import Gebruiker, GebruikerWijk

ROL_NAMEN = {
    "raadslid": "raadslid",
    "wethouder": "wethouder",
    "griffie": "griffie",
    "coordinator": "coördinator",
    "beheerder": "beheerder",
}

# Rechten die per wijk gelden: coördinatoren alleen voor hun eigen wijken.
WIJKRECHTEN = frozenset({
    "evaluatie_schrijven",
    "wijkanalyse_schrijven",
    "meting_schrijven",
    "voortgang_schrijven",
    "uitgave_schrijven",
    "melding_schrijven",
    "regiegroep_schrijven",
    "bewonersinbreng_schrijven",
    "wijkplan_voorbereiden",   # concept → besproken met bewoners → definitief voorstel
})
# Rechten die alleen de beheerder heeft.
BEHEERRECHTEN = frozenset({
    "evaluatie_vaststellen",   # het besluit van de raad vastleggen
    "raadsbesluit_wijkplan",   # de toets van de raad, vastgesteld of terugverwezen
    "referentie_beheren",
    "gebruikers_beheren",
    "openbaarheid_beheren",    # de openbare wijkpagina's en de open-data-API aan of uit
})
# De toezeggingenlijst (aanbeveling 5 van de Rekenkamercommissie): de griffie registreert en verklaart
# afgedaan; de portefeuillehouder stelt een afdoening voor, alleen voor de eigen portefeuille.
GRIFFIERECHTEN = frozenset({"toezegging_registreren", "toezegging_afdoen"})
PORTEFEUILLERECHTEN = frozenset({"toezegging_voorstellen"})
TOEZEGGINGRECHTEN = GRIFFIERECHTEN | PORTEFEUILLERECHTEN
ALLE_RECHTEN = WIJKRECHTEN | BEHEERRECHTEN | TOEZEGGINGRECHTEN

# Wat een recht in een foutmelding heet.
RECHT_OMSCHRIJVING = {
    "evaluatie_schrijven": "evaluaties invullen",
    "wijkanalyse_schrijven": "wijkanalyses invullen",
    "meting_schrijven": "metingen invoeren",
    "voortgang_schrijven": "projectvoortgang bijwerken",
    "uitgave_schrijven": "uitgaven boeken",
    "melding_schrijven": "meldingen registreren",
    "regiegroep_schrijven": "de regiegroep bijwerken",
    "bewonersinbreng_schrijven": "bewonersinbreng vastleggen",
    "wijkplan_voorbereiden": "de status van een wijkplan in voorbereiding wijzigen",
    "raadsbesluit_wijkplan": "de toets en het besluit van de raad over een wijkplan vastleggen",
    "evaluatie_vaststellen": "het besluit van de raad over een evaluatie vastleggen",
    "referentie_beheren": "referentiegegevens beheren",
    "gebruikers_beheren": "gebruikers beheren",
    "openbaarheid_beheren": "de openbare wijkpagina's en de open data aan- of uitzetten",
    "toezegging_registreren": "toezeggingen registreren",
    "toezegging_voorstellen": "een afdoening van een toezegging voorstellen",
    "toezegging_afdoen": "een toezegging afgedaan of vervallen verklaren",
}


class GeenToegang(PermissionError):
    """De actor mag deze schrijfactie niet doen. De tekst zegt het in het Nederlands."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Wie een schrijfactie doet, zoals de server het weet (nooit uit de browser overgenomen)."""

    gebruiker_id: int | None
    naam: str
    rol: str
    wijk_ids: frozenset[int] = field(default_factory=frozenset)
    portefeuillehouder: str | None = None

    @classmethod
    def opdrachtregel(cls, naam: str = "opdrachtregel (beheer)") -> Actor:
        """De beheerder die op de server zelf een opdracht geeft (``python -m dashboard …``)."""
        return cls(gebruiker_id=None, naam=naam, rol="beheerder")

    @property
    def rol_naam(self) -> str:
        return ROL_NAMEN.get(self.rol, self.rol)


def mag(actor: Actor | None, recht: str, wijk_id: int | None = None, portefeuillehouder: str | None = None) -> bool:
    """Of ``actor`` het ``recht`` heeft (voor wijkrechten: voor ``wijk_id``)."""
    if recht not in ALLE_RECHTEN:
        raise ValueError(f"onbekend recht {recht!r}")
    if actor is None:
        return False
    if actor.rol == "beheerder":
        return True
    if recht in WIJKRECHTEN:
        # ``True in {1}`` is waar in Python: een bool is nooit een wijk-id.
        return (actor.rol == "coordinator" and isinstance(wijk_id, int) and not isinstance(wijk_id, bool)
                and wijk_id in actor.wijk_ids)
    if recht in GRIFFIERECHTEN:
        return actor.rol == "griffie"
    if recht in PORTEFEUILLERECHTEN:
        return (actor.rol == "wethouder" and portefeuillehouder is not None
                and actor.portefeuillehouder == portefeuillehouder)
    return False


def eis(actor: Actor | None, recht: str, wijk_id: int | None = None, wijk_naam: str | None = None,
        portefeuillehouder: str | None = None) -> None:
    """Weiger met ``GeenToegang`` als ``actor`` het recht niet heeft."""
    if mag(actor, recht, wijk_id, portefeuillehouder):
        return
    wat = RECHT_OMSCHRIJVING[recht]
    if actor is None:
        raise GeenToegang(f"U bent niet aangemeld. Meld u aan om {wat}.")
    if recht in WIJKRECHTEN and actor.rol == "coordinator":
        waar = f"wijk {wijk_naam}" if wijk_naam else "deze wijk"
        raise GeenToegang(
            f"U mag {wat} alleen voor de wijken die aan u zijn toegewezen, niet voor {waar}. "
            "Vraag de beheerder om u de wijk toe te wijzen als dat nodig is."
        )
    if recht in PORTEFEUILLERECHTEN and actor.rol == "wethouder":
        van = f"portefeuillehouder {portefeuillehouder}" if portefeuillehouder else "een andere portefeuillehouder"
        raise GeenToegang(
            f"U mag alleen voor toezeggingen van uw eigen portefeuille een afdoening voorstellen, niet voor die "
            f"van {van}. Vraag die portefeuillehouder of de griffie."
        )
    if recht in PORTEFEUILLERECHTEN and actor.rol == "griffie":
        raise GeenToegang("Een afdoening stelt de portefeuillehouder voor, niet de griffie. De griffie beoordeelt "
                          "het voorstel en verklaart de toezegging afgedaan.")
    if recht in GRIFFIERECHTEN and actor.rol == "wethouder":
        raise GeenToegang(f"Met de rol wethouder mag u niet {wat}: dat doet de griffie. U kunt wel een afdoening "
                          "voorstellen voor toezeggingen van uw eigen portefeuille.")
    raise GeenToegang(f"Met de rol {actor.rol_naam} mag u niet {wat}.")


def actor_voor_gebruiker(sessie: Session, gebruiker_id: int) -> Actor | None:
    """De actor van een actieve gebruiker, of ``None`` als die niet (meer) bestaat of niet actief is."""
    gebruiker = sessie.get(Gebruiker, gebruiker_id)
    if gebruiker is None or not gebruiker.actief:
        return None
    wijk_ids = frozenset(sessie.scalars(
        select(GebruikerWijk.wijk_id).where(GebruikerWijk.gebruiker_id == gebruiker_id)
    ))
    return Actor(
        gebruiker_id=gebruiker.id,
        naam=gebruiker.naam,
        rol=gebruiker.rol,
        wijk_ids=wijk_ids,
        portefeuillehouder=gebruiker.portefeuillehouder,
    )


@dataclass(frozen=True, slots=True)
class WijkKeuze:
    id: int
    slug: str
    naam: str


def schrijfbare_wijken(sessie: Session, actor: Actor | None, recht: str) -> list[WijkKeuze]:
    """De wijken waarvoor ``actor`` het wijkrecht ``recht`` heeft, op naam (voor keuzelijsten)."""
    from datalaag.models import Wijk

    if recht not in WIJKRECHTEN:
        raise ValueError(f"{recht!r} is geen wijkrecht")
    if actor is None or actor.rol not in ("coordinator", "beheerder"):
        return []
    query = select(Wijk.id, Wijk.slug, Wijk.naam).order_by(Wijk.naam)
    if actor.rol != "beheerder":
        if not actor.wijk_ids:
            return []
        query = query.where(Wijk.id.in_(sorted(actor.wijk_ids)))
    return [WijkKeuze(r.id, r.slug, r.naam) for r in sessie.execute(query)]
