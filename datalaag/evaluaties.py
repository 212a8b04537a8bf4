"""De jaarlijkse evaluatie van een wijk (bijlage 9): formulier lezen, opslaan, indienen, vaststellen.

Elke schrijfactie volgt hetzelfde patroon: valideren (``datalaag.validatie``) → autoriseren
(``datalaag.autorisatie.eis``) → versie controleren → schrijven plus één ``Mutatie`` in de
transactie van de aanroeper. Bij een fout wordt niets geschreven.

Statusverloop: ``concept`` (opslaan, zo vaak als nodig) → ``ingediend`` (de coördinator dient in;
daarna niet meer te wijzigen) → ``vastgesteld`` (de beheerder legt het besluit van de raad vast).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import peildatum_voor_jaar, plan_actief_sql
from datalaag.autorisatie import Actor, eis
from datalaag.doelstellingen import DoelstellingStatus, doelstellingen_met_status
from datalaag.models import Ambitie, Evaluatie, EvaluatieAmbitie, Wijk, Wijkplan
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    ambitieregels_momentopname,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    regelveld,
    verschil,
)
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import (
    LANGE_TEKST,
    Controle,
    Invoerfout,
    Validatiefout,
    formatteer_bedrag_invoer,
    formatteer_decimaal,
)
from datalaag.wijkplannen import markeer_geevalueerd

EERSTE_JAAR = 2000
MAX_RESPONS = 1_000_000
TEKST_LENGTE = 2000

# Velden per ambitie, met hun label (zoals op bijlage 9).
REGELVELDEN: dict[str, str] = {
    "doelstelling": "Doelstelling",
    "gerealiseerde_doelstelling": "Gerealiseerde doelstelling",
    "waardering": "Waardering",
    "aanvullende_maatregelen": "Aanvullende maatregelen",
    "schatting_kosten": "Schatting kosten",
    "opmerkingen": "Opmerkingen",
}
KOPVELDEN: dict[str, str] = {
    "klanttevredenheid_cijfer": "Klanttevredenheid (rapportcijfer)",
    "klanttevredenheid_respons": "Klanttevredenheid (respons, aantal bewoners)",
    "extra_budget_bedrag": "Extra budget (bedrag)",
    "extra_budget_motivering": "Extra budget (motivering)",
}
STATUS_LABEL = {"concept": "Concept", "ingediend": "Ingediend", "vastgesteld": "Vastgesteld"}


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class AmbitieBlok:
    ambitie_id: int
    nummer: int
    korte_naam: str
    tekst: str
    doelstellingen: tuple[DoelstellingStatus, ...]


@dataclass(frozen=True, slots=True)
class EvaluatieStand:
    """Wat het formulier toont: de opgeslagen waarden (als invoertekst) en de context per ambitie."""

    wijk_id: int
    wijk_naam: str
    wijk_slug: str
    jaar: int
    evaluatie_id: int | None
    status: str | None          # None: nog niet aangemaakt
    versie: int                 # 0: nog niet aangemaakt
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime | None
    ingediend_op: dt.date | None
    vastgesteld_op: dt.date | None
    raadsbesluit: str | None
    raadsbesluit_datum: dt.date | None
    waarden: dict[str, str]     # veldsleutel → tekst voor het invoerveld
    ambities: tuple[AmbitieBlok, ...]

    @property
    def bewerkbaar(self) -> bool:
        return self.status in (None, "concept")


def _waarden_van(evaluatie: Evaluatie | None) -> dict[str, str]:
    if evaluatie is None:
        return {}
    waarden = {
        "klanttevredenheid_cijfer": formatteer_decimaal(evaluatie.klanttevredenheid_cijfer),
        "klanttevredenheid_respons": "" if evaluatie.klanttevredenheid_respons is None
        else str(evaluatie.klanttevredenheid_respons),
        "extra_budget_bedrag": formatteer_bedrag_invoer(evaluatie.extra_budget_bedrag),
        "extra_budget_motivering": evaluatie.extra_budget_motivering or "",
    }
    for regel in evaluatie.regels:
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


def _zoek(sessie: Session, wijk_id: int, jaar: int) -> Evaluatie | None:
    return sessie.scalars(select(Evaluatie).where(Evaluatie.wijk_id == wijk_id, Evaluatie.jaar == jaar)).first()


def evaluatie_stand(sessie: Session, wijk_id: int, jaar: int, vandaag: dt.date) -> EvaluatieStand | None:
    """Het formulier voor wijk × jaar (``None`` als de wijk niet bestaat). Vijf queries."""
    wijk = sessie.get(Wijk, wijk_id)
    if wijk is None:
        return None
    evaluatie = _zoek(sessie, wijk_id, jaar)
    peildatum = peildatum_voor_jaar(jaar, vandaag)
    per_ambitie: dict[int, list[DoelstellingStatus]] = {}
    for d in doelstellingen_met_status(sessie, jaar, peildatum, wijk_id=wijk_id):
        per_ambitie.setdefault(d.ambitie_nummer, []).append(d)
    ambities = tuple(
        AmbitieBlok(a.id, a.nummer, a.korte_naam, a.tekst, tuple(per_ambitie.get(a.nummer, ())))
        for a in sessie.scalars(select(Ambitie).order_by(Ambitie.nummer))
    )
    waarden = _waarden_van(evaluatie)
    # Een nieuw formulier begint met de doelstellingen uit het plan in de kolom "Doelstelling".
    for blok in ambities:
        sleutel = regelveld(blok.ambitie_id, "doelstelling")
        if not waarden.get(sleutel) and evaluatie is None and blok.doelstellingen:
            waarden[sleutel] = "\n".join(d.tekst for d in blok.doelstellingen)[:TEKST_LENGTE]
    return EvaluatieStand(
        wijk_id=wijk.id, wijk_naam=wijk.naam, wijk_slug=wijk.slug, jaar=jaar,
        evaluatie_id=None if evaluatie is None else evaluatie.id,
        status=None if evaluatie is None else evaluatie.status,
        versie=0 if evaluatie is None else evaluatie.versie,
        gewijzigd_door=None if evaluatie is None else evaluatie.gewijzigd_door,
        gewijzigd_op=None if evaluatie is None else evaluatie.gewijzigd_op,
        ingediend_op=None if evaluatie is None else evaluatie.ingediend_op,
        vastgesteld_op=None if evaluatie is None else evaluatie.vastgesteld_op,
        raadsbesluit=None if evaluatie is None else evaluatie.raadsbesluit,
        raadsbesluit_datum=None if evaluatie is None else evaluatie.raadsbesluit_datum,
        waarden=waarden,
        ambities=ambities,
    )


# --------------------------------------------------------------------------- schrijven
@dataclass
class EvaluatieInvoer:
    """De ruwe invoer van het formulier (teksten zoals getypt); ``regels``: veldsleutel → tekst."""

    wijk_id: Any
    jaar: Any
    klanttevredenheid_cijfer: Any = None
    klanttevredenheid_respons: Any = None
    extra_budget_bedrag: Any = None
    extra_budget_motivering: Any = None
    regels: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Opgeslagen:
    evaluatie_id: int
    versie: int
    status: str
    gewijzigd: bool   # False: er was niets veranderd, er is niets geschreven


def _momentopname(evaluatie: Evaluatie | None, nummers: dict[int, int]) -> dict[str, Any]:
    """Leesbare velden (label → Nederlandse waarde) voor het dossier."""
    if evaluatie is None:
        return {}
    uit: dict[str, Any] = {
        "Status": STATUS_LABEL.get(evaluatie.status, evaluatie.status),
        KOPVELDEN["klanttevredenheid_cijfer"]: formatteer_decimaal(evaluatie.klanttevredenheid_cijfer) or None,
        KOPVELDEN["klanttevredenheid_respons"]: evaluatie.klanttevredenheid_respons,
        KOPVELDEN["extra_budget_bedrag"]: None if evaluatie.extra_budget_bedrag is None
        else "€ " + formatteer_bedrag_invoer(evaluatie.extra_budget_bedrag),
        KOPVELDEN["extra_budget_motivering"]: evaluatie.extra_budget_motivering,
        "Raadsbesluit": evaluatie.raadsbesluit,
        "Datum raadsbesluit": None if evaluatie.raadsbesluit_datum is None
        else formatteer_datum(evaluatie.raadsbesluit_datum),
    }
    uit.update(ambitieregels_momentopname(evaluatie.regels, nummers, REGELVELDEN))
    return {k: v for k, v in uit.items() if v not in (None, "")}


def _actief_plan_id(sessie: Session, wijk_id: int, jaar: int) -> int | None:
    return sessie.scalars(
        select(Wijkplan.id).where(Wijkplan.wijk_id == wijk_id, plan_actief_sql(jaar)).order_by(Wijkplan.periode_van.desc())
    ).first()


def bewaar_evaluatie(sessie: Session, actor: Actor | None, invoer: EvaluatieInvoer, verwachte_versie: Any,
                     *, indienen: bool = False, vandaag: dt.date | None = None) -> Opgeslagen:
    """Sla de evaluatie op als concept, of dien haar in (``indienen=True``).

    ``verwachte_versie``: de versie die de gebruiker opende (0 als de evaluatie toen nog niet bestond).
    Valideren → autoriseren → versie → schrijven + Mutatie. Geeft ``Validatiefout``, ``GeenToegang``,
    ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    wijk_id = c.geheel_getal("wijk", "Wijk", invoer.wijk_id, minimum=1, maximum=2**31 - 1, verplicht=True)
    jaar = c.geheel_getal("jaar", "Jaar", invoer.jaar, minimum=EERSTE_JAAR, maximum=vandaag.year, verplicht=True)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=0, maximum=2**31 - 1, verplicht=True)
    cijfer = c.rapportcijfer("klanttevredenheid_cijfer", KOPVELDEN["klanttevredenheid_cijfer"],
                             invoer.klanttevredenheid_cijfer, verplicht=indienen)
    respons = c.geheel_getal("klanttevredenheid_respons", KOPVELDEN["klanttevredenheid_respons"],
                             invoer.klanttevredenheid_respons, minimum=0, maximum=MAX_RESPONS, verplicht=indienen)
    extra = c.bedrag("extra_budget_bedrag", KOPVELDEN["extra_budget_bedrag"], invoer.extra_budget_bedrag)
    motivering = c.tekst("extra_budget_motivering", KOPVELDEN["extra_budget_motivering"],
                         invoer.extra_budget_motivering, max_lengte=LANGE_TEKST)
    if extra is not None and extra > 0 and motivering is None and "extra_budget_motivering" not in c.fouten:
        c.fout("extra_budget_motivering", f"{KOPVELDEN['extra_budget_motivering']}: wie extra budget vraagt, "
               "motiveert dat (notitie §3.9). Vul de motivering in, of maak het bedrag leeg.")

    ambities = {a.id: a.nummer for a in sessie.scalars(select(Ambitie))}
    bekende_sleutels = {regelveld(a, v) for a in ambities for v in REGELVELDEN}
    ingevuld = invoer.regels or {}
    if not isinstance(ingevuld, dict):
        c.fout("regels", "Het formulier is niet compleet aangekomen. Laad de pagina opnieuw.")
        ingevuld = {}
    onbekend = [k for k in ingevuld if k not in bekende_sleutels]
    if onbekend:
        c.fout("regels", "Het formulier bevat velden voor een onbekende ambitie. Laad de pagina opnieuw.")
    regels: dict[int, dict[str, Any]] = {}
    for ambitie_id, nummer in sorted(ambities.items(), key=lambda x: x[1]):
        ruw = {v: ingevuld.get(regelveld(ambitie_id, v)) for v in REGELVELDEN}
        label = f"Ambitie {nummer} · "
        regels[ambitie_id] = {
            "doelstelling": c.tekst(regelveld(ambitie_id, "doelstelling"), label + "Doelstelling",
                                    ruw["doelstelling"], max_lengte=TEKST_LENGTE),
            "gerealiseerde_doelstelling": c.tekst(
                regelveld(ambitie_id, "gerealiseerde_doelstelling"), label + "Gerealiseerde doelstelling",
                ruw["gerealiseerde_doelstelling"], verplicht=indienen, max_lengte=TEKST_LENGTE),
            "waardering": c.rapportcijfer(regelveld(ambitie_id, "waardering"), label + "Waardering",
                                          ruw["waardering"], verplicht=indienen),
            "aanvullende_maatregelen": c.tekst(regelveld(ambitie_id, "aanvullende_maatregelen"),
                                               label + "Aanvullende maatregelen", ruw["aanvullende_maatregelen"],
                                               max_lengte=TEKST_LENGTE),
            "schatting_kosten": c.bedrag(regelveld(ambitie_id, "schatting_kosten"), label + "Schatting kosten",
                                         ruw["schatting_kosten"]),
            "opmerkingen": c.tekst(regelveld(ambitie_id, "opmerkingen"), label + "Opmerkingen",
                                   ruw["opmerkingen"], max_lengte=TEKST_LENGTE),
        }
    c.klaar()

    wijk = sessie.get(Wijk, wijk_id)
    if wijk is None:
        raise Invoerfout("Deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    eis(actor, "evaluatie_schrijven", wijk_id=wijk.id, wijk_naam=wijk.naam)

    evaluatie = _zoek(sessie, wijk.id, jaar)
    if (evaluatie is None and versie != 0) or (evaluatie is not None and evaluatie.versie != versie):
        if evaluatie is None:
            raise Invoerfout("Deze evaluatie bestaat niet meer. Laad de pagina opnieuw.")
        raise conflict(sessie, "evaluatie", "Deze evaluatie", evaluatie, versie)
    if evaluatie is not None and evaluatie.status != "concept":
        raise Invoerfout(
            f"De evaluatie {jaar} van {wijk.naam} is al {evaluatie.status} en kan niet meer worden gewijzigd. "
            "Is een correctie nodig, vraag de beheerder dan om haar terug te zetten naar concept."
        )

    oud = _momentopname(evaluatie, ambities)
    nieuw_record = evaluatie is None
    if evaluatie is None:
        evaluatie = Evaluatie(wijk_id=wijk.id, jaar=jaar, status="concept",
                              wijkplan_id=_actief_plan_id(sessie, wijk.id, jaar))
        sessie.add(evaluatie)
    evaluatie.klanttevredenheid_cijfer = cijfer
    evaluatie.klanttevredenheid_respons = respons
    evaluatie.extra_budget_bedrag = extra
    evaluatie.extra_budget_motivering = motivering
    if indienen:
        evaluatie.status = "ingediend"
        evaluatie.ingediend_op = vandaag
    bestaand = {r.ambitie_id: r for r in evaluatie.regels}
    for ambitie_id, waarden in regels.items():
        regel = bestaand.get(ambitie_id)
        if regel is None:
            if all(v is None for v in waarden.values()):
                continue
            regel = EvaluatieAmbitie(ambitie_id=ambitie_id, gewijzigd_door=actor.naam)
            evaluatie.regels.append(regel)
        for veld, waarde in waarden.items():
            setattr(regel, veld, waarde)
        if sessie.is_modified(regel) and regel.id is not None:
            regel.gewijzigd_door = actor.naam
    nieuw = _momentopname(evaluatie, ambities)
    oud_diff, nieuw_diff = verschil(oud, nieuw)
    if not nieuw_record and not nieuw_diff and not oud_diff:
        sessie.expire(evaluatie)
        return Opgeslagen(evaluatie.id, evaluatie.versie, evaluatie.status, gewijzigd=False)
    evaluatie.gewijzigd_door = actor.naam
    flag_modified(evaluatie, "gewijzigd_door")  # altijd een nieuwe versie van het geheel
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        # Twee opslagen op hetzelfde moment: de ander was net eerder. De aanroeper draait terug.
        raise gelijktijdig("deze evaluatie") from None
    actie = "aangemaakt" if nieuw_record else ("statuswijziging" if indienen else "gewijzigd")
    leg_vast(sessie, actor, entiteit="evaluatie", entiteit_id=evaluatie.id, actie=actie,
             oud=None if nieuw_record else oud_diff, nieuw=nieuw if nieuw_record else nieuw_diff,
             wijk_id=wijk.id, versie=evaluatie.versie)
    sessie.flush()
    return Opgeslagen(evaluatie.id, evaluatie.versie, evaluatie.status, gewijzigd=True)


def stel_evaluatie_vast(sessie: Session, actor: Actor | None, evaluatie_id: Any, besluit: Any, datum: Any,
                        verwachte_versie: Any, *, vandaag: dt.date | None = None) -> Opgeslagen:
    """Leg het besluit van de raad vast; de evaluatie wordt ``vastgesteld`` (alleen de beheerder)."""
    vandaag = vandaag or dt.date.today()
    c = Controle()
    ev_id = c.geheel_getal("evaluatie", "Evaluatie", evaluatie_id, minimum=1, maximum=2**31 - 1, verplicht=True)
    tekst = c.tekst("raadsbesluit", "Besluit van de raad", besluit, verplicht=True, max_lengte=TEKST_LENGTE)
    besluitdatum = c.datum("raadsbesluit_datum", "Datum raadsbesluit", datum, verplicht=True, laatst=vandaag)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=0, maximum=2**31 - 1, verplicht=True)
    c.klaar()
    evaluatie = sessie.get(Evaluatie, ev_id)
    if evaluatie is None:
        raise Invoerfout("Deze evaluatie bestaat niet (meer). Laad de pagina opnieuw.")
    eis(actor, "evaluatie_vaststellen")
    if evaluatie.versie != versie:
        raise conflict(sessie, "evaluatie", "Deze evaluatie", evaluatie, versie)
    if evaluatie.status != "ingediend":
        raise Invoerfout(
            f"Alleen een ingediende evaluatie kan worden vastgesteld; deze is {evaluatie.status}. "
            "Laat de coördinator haar eerst indienen."
        )
    if evaluatie.ingediend_op and besluitdatum < evaluatie.ingediend_op:
        # Een fout in één veld: als Validatiefout, zodat het formulier haar bij dat veld toont.
        raise Validatiefout({"raadsbesluit_datum": (
            f"Datum raadsbesluit: de raad kan niet besluiten vóór de indiening op "
            f"{formatteer_datum(evaluatie.ingediend_op)}. Controleer de datum."
        )})
    ambities = {a.id: a.nummer for a in sessie.scalars(select(Ambitie))}
    oud = _momentopname(evaluatie, ambities)
    evaluatie.status = "vastgesteld"
    evaluatie.raadsbesluit = tekst
    evaluatie.raadsbesluit_datum = besluitdatum
    evaluatie.vastgesteld_op = besluitdatum
    evaluatie.gewijzigd_door = actor.naam
    try:
        sessie.flush()
    except StaleDataError:
        raise gelijktijdig("deze evaluatie") from None
    oud_diff, nieuw_diff = verschil(oud, _momentopname(evaluatie, ambities))
    leg_vast(sessie, actor, entiteit="evaluatie", entiteit_id=evaluatie.id, actie="statuswijziging",
             oud=oud_diff, nieuw=nieuw_diff, wijk_id=evaluatie.wijk_id, versie=evaluatie.versie)
    if evaluatie.wijkplan_id is not None:  # het plan is daarmee geëvalueerd over dit jaar
        markeer_geevalueerd(sessie, actor, evaluatie.wijkplan_id, evaluatie.jaar, besluitdatum, vandaag=vandaag)
    sessie.flush()
    return Opgeslagen(evaluatie.id, evaluatie.versie, evaluatie.status, gewijzigd=True)
