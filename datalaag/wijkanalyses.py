"""De wijkanalyse (bijlage 7): formulier lezen, opslaan als concept, indienen.

Hetzelfde patroon als ``datalaag.evaluaties``: valideren (``datalaag.validatie``) → autoriseren
(``datalaag.autorisatie.eis`` met ``wijkanalyse_schrijven``) → versie controleren → schrijven plus
één ``Mutatie`` in de transactie van de aanroeper. Bij een fout wordt niets geschreven.

Een wijk kan meer wijkanalyses hebben (bijv. één per planperiode); het formulier kiest er een op
id, of begint een nieuwe. Statusverloop: ``concept`` (opslaan, zo vaak als nodig) → ``ingediend``
(daarna niet meer te wijzigen). Alleen een ingediende wijkanalyse telt mee voor de ambitiescore
(``datalaag.afgeleid.ambitiescores_select``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.autorisatie import Actor, eis
from datalaag.models import (
    Ambitie,
    Oplossingsrichting,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
)
from datalaag.mutaties import (
    Conflictfout,
    ambitieregels_momentopname,
    conflict,
    gelijktijdig,
    leg_vast,
    regelveld,
    verschil,
)
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import (
    Controle,
    Invoerfout,
    Validatiefout,
    formatteer_bedrag_invoer,
    formatteer_decimaal,
)

__all__ = [
    "KOPVELDEN", "REGELVELDEN", "STATUS_LABEL", "TEKST_LENGTE", "AmbitieBlok", "Conflictfout", "Opgeslagen",
    "WijkanalyseInvoer", "WijkanalyseKeuze", "WijkanalyseStand", "bewaar_wijkanalyse", "regelveld",
    "wijkanalyse_stand",
]

TEKST_LENGTE = 2000
MAX_ID = 2**31 - 1

# Velden per ambitie, met hun label (de kolommen van bijlage 7).
REGELVELDEN: dict[str, str] = {
    "waardering": "Waardering",
    "knelpunten": "Knelpunten",
    "doelstellingen": "Doelstellingen",
    "oplossingsrichtingen": "Mogelijke oplossingsrichtingen",
    "schatting_kosten": "Schatting kosten",
    "opmerkingen": "Opmerkingen",
}
TEKSTVELDEN = ("knelpunten", "doelstellingen", "oplossingsrichtingen", "opmerkingen")
KOPVELDEN: dict[str, str] = {"datum": "Datum van de wijkanalyse"}
STATUS_LABEL = {"concept": "Concept", "ingediend": "Ingediend"}


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class Richting:
    """Eén mogelijke oplossingsrichting uit de catalogus (bijlage 6), bijv. ``c`` · ``Buurtpreventie``."""

    letter: str
    tekst: str


@dataclass(frozen=True, slots=True)
class AmbitieBlok:
    ambitie_id: int
    nummer: int
    korte_naam: str
    tekst: str
    oplossingsrichtingen: tuple[Richting, ...]


@dataclass(frozen=True, slots=True)
class WijkanalyseKeuze:
    """Een bestaande wijkanalyse van de wijk, voor de keuzelijst."""

    id: int
    datum: dt.date
    status: str

    @property
    def omschrijving(self) -> str:
        return f"{formatteer_datum(self.datum)} · {STATUS_LABEL.get(self.status, self.status).lower()}"


@dataclass(frozen=True, slots=True)
class WijkanalyseStand:
    """Wat het formulier toont: de opgeslagen waarden (als invoertekst) en de context per ambitie."""

    wijk_id: int
    wijk_naam: str
    wijk_slug: str
    wijkanalyse_id: int | None  # None: een nieuwe wijkanalyse
    status: str | None          # None: nog niet aangemaakt
    versie: int                 # 0: nog niet aangemaakt
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime | None
    ingediend_op: dt.date | None
    waarden: dict[str, str]     # veldsleutel → tekst voor het invoerveld
    ambities: tuple[AmbitieBlok, ...]
    analyses: tuple[WijkanalyseKeuze, ...]  # alle wijkanalyses van de wijk, nieuwste eerst

    @property
    def bewerkbaar(self) -> bool:
        return self.status in (None, "concept")


def _waarden_van(analyse: Wijkanalyse | None, vandaag: dt.date) -> dict[str, str]:
    if analyse is None:
        return {"datum": formatteer_datum(vandaag)}
    waarden = {"datum": formatteer_datum(analyse.datum)}
    for regel in analyse.regels:
        for veld in REGELVELDEN:
            waarde = getattr(regel, veld)
            if veld == "waardering":
                tekst = formatteer_decimaal(waarde)
            elif veld == "schatting_kosten":
                tekst = formatteer_bedrag_invoer(waarde)
            else:
                tekst = waarde or ""
            waarden[regelveld(regel.ambitie_id, veld)] = tekst
    return waarden


def wijkanalyse_stand(sessie: Session, wijk_id: int, wijkanalyse_id: int | None,
                      vandaag: dt.date) -> WijkanalyseStand | None:
    """Het formulier voor een wijk: de wijkanalyse ``wijkanalyse_id``, of een nieuwe (``None``, of een
    id dat niet bij deze wijk hoort). ``None`` als de wijk niet bestaat. Vijf queries."""
    wijk = sessie.get(Wijk, wijk_id)
    if wijk is None:
        return None
    analyse = None
    if wijkanalyse_id is not None:
        analyse = sessie.scalars(
            select(Wijkanalyse).options(selectinload(Wijkanalyse.regels))
            .where(Wijkanalyse.id == wijkanalyse_id, Wijkanalyse.wijk_id == wijk.id)
        ).first()
    richtingen: dict[int, list[Richting]] = {}
    for r in sessie.execute(select(Oplossingsrichting.ambitie_id, Oplossingsrichting.letter, Oplossingsrichting.tekst)
                            .order_by(Oplossingsrichting.ambitie_id, Oplossingsrichting.letter)):
        richtingen.setdefault(r.ambitie_id, []).append(Richting(r.letter, r.tekst))
    ambities = tuple(
        AmbitieBlok(a.id, a.nummer, a.korte_naam, a.tekst, tuple(richtingen.get(a.id, ())))
        for a in sessie.scalars(select(Ambitie).order_by(Ambitie.nummer))
    )
    analyses = tuple(
        WijkanalyseKeuze(r.id, r.datum, r.status)
        for r in sessie.execute(select(Wijkanalyse.id, Wijkanalyse.datum, Wijkanalyse.status)
                                .where(Wijkanalyse.wijk_id == wijk.id)
                                .order_by(Wijkanalyse.datum.desc(), Wijkanalyse.id.desc()))
    )
    return WijkanalyseStand(
        wijk_id=wijk.id, wijk_naam=wijk.naam, wijk_slug=wijk.slug,
        wijkanalyse_id=None if analyse is None else analyse.id,
        status=None if analyse is None else analyse.status,
        versie=0 if analyse is None else analyse.versie,
        gewijzigd_door=None if analyse is None else analyse.gewijzigd_door,
        gewijzigd_op=None if analyse is None else analyse.gewijzigd_op,
        ingediend_op=None if analyse is None else analyse.ingediend_op,
        waarden=_waarden_van(analyse, vandaag),
        ambities=ambities,
        analyses=analyses,
    )


# --------------------------------------------------------------------------- schrijven
@dataclass
class WijkanalyseInvoer:
    """De ruwe invoer van het formulier (teksten zoals getypt); ``regels``: veldsleutel → tekst.

    ``wijkanalyse_id``: de wijkanalyse die de gebruiker opende, of ``None`` voor een nieuwe."""

    wijk_id: Any
    wijkanalyse_id: Any = None
    datum: Any = None
    regels: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Opgeslagen:
    wijkanalyse_id: int
    versie: int
    status: str
    gewijzigd: bool   # False: er was niets veranderd, er is niets geschreven


def _momentopname(analyse: Wijkanalyse | None, nummers: dict[int, int]) -> dict[str, Any]:
    """Leesbare velden (label → Nederlandse waarde) voor het dossier."""
    if analyse is None:
        return {}
    uit: dict[str, Any] = {
        "Status": STATUS_LABEL.get(analyse.status, analyse.status),
        "Datum": None if analyse.datum is None else formatteer_datum(analyse.datum),
    }
    uit.update(ambitieregels_momentopname(analyse.regels, nummers, REGELVELDEN))
    return {k: v for k, v in uit.items() if v not in (None, "")}


def bewaar_wijkanalyse(sessie: Session, actor: Actor | None, invoer: WijkanalyseInvoer, verwachte_versie: Any,
                       *, indienen: bool = False, vandaag: dt.date | None = None) -> Opgeslagen:
    """Sla een wijkanalyse op als concept, of dien haar in (``indienen=True``).

    ``invoer.wijkanalyse_id``: ``None`` voor een nieuwe wijkanalyse, anders de bestaande (van deze wijk).
    ``verwachte_versie``: de versie die de gebruiker opende (0 voor een nieuwe).
    Valideren → autoriseren → versie → schrijven + Mutatie. Geeft ``Validatiefout``, ``GeenToegang``,
    ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    wijk_id = c.geheel_getal("wijk", "Wijk", invoer.wijk_id, minimum=1, maximum=MAX_ID, verplicht=True)
    analyse_id = c.geheel_getal("wijkanalyse", "Wijkanalyse", invoer.wijkanalyse_id, minimum=1, maximum=MAX_ID)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=0, maximum=MAX_ID, verplicht=True)
    datum = c.datum("datum", KOPVELDEN["datum"], invoer.datum, verplicht=True, laatst=vandaag)

    ambities = {a.id: a.nummer for a in sessie.scalars(select(Ambitie))}
    bekende_sleutels = {regelveld(a, v) for a in ambities for v in REGELVELDEN}
    regels_in = invoer.regels or {}
    if not isinstance(regels_in, dict):
        c.fout("regels", "Het formulier is niet compleet aangekomen. Laad de pagina opnieuw.")
        regels_in = {}
    if any(k not in bekende_sleutels for k in regels_in):
        c.fout("regels", "Het formulier bevat velden voor een onbekende ambitie. Laad de pagina opnieuw.")
    regels: dict[int, dict[str, Any]] = {}
    for ambitie_id, nummer in sorted(ambities.items(), key=lambda x: x[1]):
        label = f"Ambitie {nummer} · "

        def ruw(veld: str, _a: int = ambitie_id) -> Any:
            return regels_in.get(regelveld(_a, veld))

        waarden: dict[str, Any] = {
            "waardering": c.rapportcijfer(regelveld(ambitie_id, "waardering"), label + REGELVELDEN["waardering"],
                                          ruw("waardering"), verplicht=indienen),
            "schatting_kosten": c.bedrag(regelveld(ambitie_id, "schatting_kosten"),
                                         label + REGELVELDEN["schatting_kosten"], ruw("schatting_kosten")),
        }
        for veld in TEKSTVELDEN:
            waarden[veld] = c.tekst(regelveld(ambitie_id, veld), label + REGELVELDEN[veld], ruw(veld),
                                    max_lengte=TEKST_LENGTE)
        regels[ambitie_id] = waarden
    c.klaar()

    wijk = sessie.get(Wijk, wijk_id)
    if wijk is None:
        raise Invoerfout("Deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    eis(actor, "wijkanalyse_schrijven", wijk_id=wijk.id, wijk_naam=wijk.naam)

    analyse: Wijkanalyse | None = None
    if analyse_id is None:
        if versie != 0:
            raise Invoerfout("Het formulier is niet meer actueel. Laad de pagina opnieuw.")
    else:
        analyse = sessie.get(Wijkanalyse, analyse_id)
        if analyse is None or analyse.wijk_id != wijk.id:
            raise Invoerfout(f"Deze wijkanalyse bestaat niet (meer) bij {wijk.naam}. Laad de pagina opnieuw.")
        if analyse.versie != versie:
            raise conflict(sessie, "wijkanalyse", "Deze wijkanalyse", analyse, versie)
        if analyse.status != "concept":
            raise Invoerfout(
                f"De wijkanalyse van {wijk.naam} van {formatteer_datum(analyse.datum)} is al "
                f"{STATUS_LABEL.get(analyse.status, analyse.status).lower()} en kan niet meer worden gewijzigd. "
                "Begin zo nodig een nieuwe wijkanalyse."
            )
    # Twee wijkanalyses van één wijk op dezelfde dag zijn vrijwel zeker een dubbele (bijv. twee keer
    # op "Opslaan" voor een nieuwe): wijs op de bestaande.
    dubbel = sessie.scalars(
        select(Wijkanalyse).where(Wijkanalyse.wijk_id == wijk.id, Wijkanalyse.datum == datum,
                                  Wijkanalyse.id != (analyse.id if analyse is not None else 0))
    ).first()
    if dubbel is not None:
        raise Validatiefout({"datum": (
            f"{KOPVELDEN['datum']}: er is al een wijkanalyse van {wijk.naam} op {formatteer_datum(datum)} "
            f"({STATUS_LABEL.get(dubbel.status, dubbel.status).lower()}). Kies die in de lijst "
            "\u201cWijkanalyse\u201d om haar aan te vullen, of vul een andere datum in.")})

    oud = _momentopname(analyse, ambities)
    nieuw_record = analyse is None
    if analyse is None:
        analyse = Wijkanalyse(wijk_id=wijk.id, datum=datum, status="concept")
        sessie.add(analyse)
    analyse.datum = datum
    if indienen:
        analyse.status = "ingediend"
        analyse.ingediend_op = vandaag
    bestaand = {r.ambitie_id: r for r in analyse.regels}
    for ambitie_id, waarden in regels.items():
        regel = bestaand.get(ambitie_id)
        if regel is None:
            if all(v is None for v in waarden.values()):
                continue
            regel = WijkanalyseAmbitie(ambitie_id=ambitie_id, gewijzigd_door=actor.naam)
            analyse.regels.append(regel)
        for veld, waarde in waarden.items():
            setattr(regel, veld, waarde)
        if regel.id is not None and sessie.is_modified(regel):
            regel.gewijzigd_door = actor.naam
    nieuw = _momentopname(analyse, ambities)
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    if not nieuw_record and not nieuw_diff and not oud_diff:
        sessie.expire(analyse)
        return Opgeslagen(analyse.id, analyse.versie, analyse.status, gewijzigd=False)
    analyse.gewijzigd_door = actor.naam
    flag_modified(analyse, "gewijzigd_door")  # altijd een nieuwe versie van het geheel
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        # Twee opslagen op hetzelfde moment: de ander was net eerder. De aanroeper draait terug.
        raise gelijktijdig("deze wijkanalyse") from None
    actie = "aangemaakt" if nieuw_record else ("statuswijziging" if indienen else "gewijzigd")
    leg_vast(sessie, actor, entiteit="wijkanalyse", entiteit_id=analyse.id, actie=actie,
             oud=None if nieuw_record else oud_diff, nieuw=nieuw if nieuw_record else nieuw_diff,
             wijk_id=wijk.id, versie=analyse.versie)
    sessie.flush()
    return Opgeslagen(analyse.id, analyse.versie, analyse.status, gewijzigd=True)
