"""De levenscyclus van een wijkplan (DESIGN.md, Wijkplan; notitie §3.5–3.9).

concept → besproken_met_bewoners → definitief_voorstel → vastgesteld (of terugverwezen naar de
regiegroep, en dan opnieuw besproken_met_bewoners of definitief_voorstel) → jaarlijks geevalueerd.

Alle toegestane overgangen staan op één plek: ``OVERGANGEN`` (van → naar → benodigd recht).
Elke statuswijziging volgt het schrijfpatroon van ``datalaag.evaluaties``: valideren → autoriseren →
versie controleren → de nieuwe status, één ``WijkplanStatus``-rij in de historie en één ``Mutatie``
in de transactie van de aanroeper. Bij een fout wordt niets geschreven.

- Naar ``besproken_met_bewoners`` kan pas als er een bewonersbijeenkomst (``Bewonersinbreng`` met
  vorm ``bijeenkomst``) met schriftelijk vastgelegde opmerkingen is vastgelegd (§3.5.2.2).
- Naar ``vastgesteld`` of ``terugverwezen`` legt de beheerder de toets van de raad op de drie kaders
  vast: per kader voldoet/voldoet niet plus een toelichting. Vastgesteld kan alleen als alle drie
  voldoen; terugverwijzen vraagt ten minste één kader dat niet voldoet en een toelichting.
- ``geevalueerd`` volgt uit een vastgestelde jaarevaluatie: ``datalaag.evaluaties.stel_evaluatie_vast``
  roept ``markeer_geevalueerd`` aan (eenmaal per jaar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.autorisatie import Actor, eis
from datalaag.models import (
    WIJKPLAN_STATUSSEN,
    Bewonersinbreng,
    Evaluatie,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.mutaties import conflict, gelijktijdig, leg_vast, verschil
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import LANGE_TEKST, Controle, Invoerfout, Validatiefout
from datalaag.wijkpagina import PLANSTATUS_LABELS

VOORBEREIDEN = "wijkplan_voorbereiden"    # coördinator (eigen wijk) en beheerder
RAADSBESLUIT = "raadsbesluit_wijkplan"    # alleen de beheerder legt het besluit van de raad vast
EVALUATIE = "evaluatie_vaststellen"       # geëvalueerd: volgt uit een vastgestelde jaarevaluatie

#: De levenscyclus: van → {naar: benodigd recht}. Alles wat hier niet staat, wordt geweigerd.
OVERGANGEN: dict[str, dict[str, str]] = {
    "concept": {"besproken_met_bewoners": VOORBEREIDEN},
    "besproken_met_bewoners": {"definitief_voorstel": VOORBEREIDEN},
    "definitief_voorstel": {"vastgesteld": RAADSBESLUIT, "terugverwezen": RAADSBESLUIT},
    "terugverwezen": {"besproken_met_bewoners": VOORBEREIDEN, "definitief_voorstel": VOORBEREIDEN},
    "vastgesteld": {"geevalueerd": EVALUATIE},
    "geevalueerd": {"geevalueerd": EVALUATIE},   # elk jaar opnieuw
}
assert set(OVERGANGEN) == set(WIJKPLAN_STATUSSEN)

#: De drie kaders van de toets van de raad (sleutel → naam); de velden heten als de kolommen.
KADERS: dict[str, str] = {
    "betrokkenheid": "Betrokkenheid bewoners en organisaties",
    "doelstellingen": "Doelstellingen",
    "middelen": "Benodigde middelen",
}
VOLDOET_OPTIES = {"voldoet": "Voldoet", "voldoet_niet": "Voldoet niet"}
RAADSBESLUIT_LENGTE = 200     # Wijkplan.raadsbesluit is String(200)
TOELICHTING_LENGTE = 2000


def label(status: str) -> str:
    return PLANSTATUS_LABELS.get(status, status)


def volgende_statussen(status: str) -> tuple[str, ...]:
    """De statussen die vanuit ``status`` bereikbaar zijn (voor keuzelijsten)."""
    return tuple(OVERGANGEN.get(status, {}))


def voldoet_veld(kader: str) -> str:
    return f"kader_{kader}_voldoet"


def toelichting_veld(kader: str) -> str:
    return f"kader_{kader}_toelichting"


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class HistorieStap:
    status: str
    status_label: str
    datum: dt.date
    jaar: int | None
    toelichting: str | None
    gewijzigd_door: str | None


def statushistorie(sessie: Session, wijkplan_id: int) -> list[HistorieStap]:
    """De levenscyclus van een plan, oud → nieuw (op datum, dan volgorde van vastleggen). Eén query."""
    rijen = sessie.execute(
        select(WijkplanStatus.status, WijkplanStatus.datum, WijkplanStatus.jaar, WijkplanStatus.toelichting,
               WijkplanStatus.gewijzigd_door)
        .where(WijkplanStatus.wijkplan_id == wijkplan_id)
        .order_by(WijkplanStatus.datum, WijkplanStatus.id)
    ).all()
    return [HistorieStap(r.status, label(r.status), r.datum, r.jaar, r.toelichting, r.gewijzigd_door) for r in rijen]


# --------------------------------------------------------------------------- schrijven
@dataclass(frozen=True, slots=True)
class StatusGewijzigd:
    wijkplan_id: int
    versie: int
    status: str
    gewijzigd: bool   # False: er was niets te doen (bijv. dit jaar al geëvalueerd)


def _momentopname(plan: Wijkplan) -> dict[str, Any]:
    """Leesbare velden (label → Nederlandse waarde) voor het dossier."""
    uit: dict[str, Any] = {"Status": label(plan.status)}
    for kader, naam in KADERS.items():
        voldoet = getattr(plan, voldoet_veld(kader))
        uit[f"Toets · {naam}"] = None if voldoet is None else ("Voldoet" if voldoet else "Voldoet niet")
        uit[f"Toets · {naam} · toelichting"] = getattr(plan, toelichting_veld(kader))
    uit["Raadsbesluit"] = plan.raadsbesluit
    uit["Vastgesteld op"] = None if plan.vastgesteld_op is None else formatteer_datum(plan.vastgesteld_op)
    return uit


def _laatste_stap(sessie: Session, plan_id: int) -> WijkplanStatus | None:
    return sessie.scalars(
        select(WijkplanStatus).where(WijkplanStatus.wijkplan_id == plan_id)
        .order_by(WijkplanStatus.datum.desc(), WijkplanStatus.id.desc())
    ).first()


def _weiger_overgang(plan: Wijkplan, nieuwe_status: str) -> Invoerfout:
    huidig = label(plan.status)
    if nieuwe_status == plan.status and nieuwe_status != "geevalueerd":
        begin = f"Het wijkplan is al '{huidig}'."
    else:
        begin = f"Het wijkplan kan niet van '{huidig}' naar '{label(nieuwe_status)}'."
    mogelijk = volgende_statussen(plan.status)
    if mogelijk == ("geevalueerd",):
        rest = (f"Vanuit '{huidig}' kan het alleen nog 'Geëvalueerd' worden; dat gebeurt vanzelf wanneer "
                "de raad de jaarevaluatie van de wijk vaststelt.")
    else:
        rest = f"Vanuit '{huidig}' kan het alleen naar " + " of ".join(f"'{label(s)}'" for s in mogelijk) + "."
    return Invoerfout(f"{begin} {rest}")


def _bijeenkomst_vastgelegd(sessie: Session, plan_id: int, datum: dt.date) -> bool:
    rijen = sessie.scalars(
        select(Bewonersinbreng.opmerkingen).where(
            Bewonersinbreng.wijkplan_id == plan_id, Bewonersinbreng.vorm == "bijeenkomst",
            Bewonersinbreng.datum <= datum,
        )
    )
    return any(o is not None and o.strip() for o in rijen)


def _lees_toets(c: Controle, toets: Any) -> dict[str, tuple[bool | None, str | None]]:
    """Per kader (voldoet, toelichting); ontbrekende of foute velden komen als fout in ``c``."""
    if not isinstance(toets, dict):
        c.fout("toets", "Toets van de raad: vul voor elk van de drie kaders in of het plan voldoet, met een toelichting.")
        return {}
    uit: dict[str, tuple[bool | None, str | None]] = {}
    for kader, naam in KADERS.items():
        ruw = toets.get(voldoet_veld(kader))
        if isinstance(ruw, bool):
            voldoet: bool | None = ruw
        else:
            keuze = c.keuze(voldoet_veld(kader), f"{naam} (voldoet of voldoet niet)", ruw, VOLDOET_OPTIES)
            voldoet = None if keuze is None else keuze == "voldoet"
        tekst = c.tekst(toelichting_veld(kader), f"{naam} (toelichting)", toets.get(toelichting_veld(kader)),
                        verplicht=True, max_lengte=TOELICHTING_LENGTE)
        uit[kader] = (voldoet, tekst)
    onbekend = set(toets) - {voldoet_veld(k) for k in KADERS} - {toelichting_veld(k) for k in KADERS} - {"raadsbesluit"}
    if onbekend:
        c.fout("toets", "Toets van de raad: het formulier bevat onbekende velden. Laad de pagina opnieuw.")
    return uit


def wijzig_status(sessie: Session, actor: Actor | None, wijkplan_id: Any, nieuwe_status: Any, *,
                  verwachte_versie: Any, datum: Any = None, toelichting: Any = None, toets: Any = None,
                  jaar: Any = None, vandaag: dt.date | None = None) -> StatusGewijzigd:
    """Zet het wijkplan een stap verder in de levenscyclus (zie ``OVERGANGEN``).

    ``datum``: de datum van de stap (standaard vandaag; niet in de toekomst, niet vóór de vorige stap).
    ``toets`` (alleen bij ``vastgesteld``/``terugverwezen``): ``kader_<kader>_voldoet`` (``"voldoet"``,
    ``"voldoet_niet"`` of een bool) en ``kader_<kader>_toelichting`` voor elk kader in ``KADERS``, en
    optioneel ``raadsbesluit`` (kenmerk van het besluit). ``jaar``: alleen bij ``geevalueerd``.
    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    plan_id = c.geheel_getal("wijkplan", "Wijkplan", wijkplan_id, minimum=1, maximum=2**31 - 1, verplicht=True)
    status = c.keuze("status", "Nieuwe status", nieuwe_status, {s: label(s) for s in WIJKPLAN_STATUSSEN})
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=0, maximum=2**31 - 1, verplicht=True)
    stapdatum = c.datum("datum", "Datum", vandaag if datum is None else datum, verplicht=True, laatst=vandaag)
    tekst = c.tekst("toelichting", "Toelichting", toelichting, max_lengte=LANGE_TEKST)
    if status == "terugverwezen" and tekst is None and "toelichting" not in c.fouten:
        c.fout("toelichting", "Toelichting: zeg waarom de raad het plan terugverwijst en wat de regiegroep "
               "moet aanpassen. Vul het in.")
    evaluatiejaar = None
    if status == "geevalueerd":
        evaluatiejaar = c.geheel_getal("jaar", "Geëvalueerd jaar", jaar, minimum=2000, maximum=vandaag.year,
                                       verplicht=True)
    elif jaar not in (None, ""):
        c.fout("jaar", "Jaar: een jaar hoort alleen bij de status 'Geëvalueerd'. Maak het veld leeg.")
    raad = status in ("vastgesteld", "terugverwezen")
    kaders: dict[str, tuple[bool | None, str | None]] = {}
    besluit = None
    if raad:
        kaders = _lees_toets(c, toets)
        if isinstance(toets, dict):
            besluit = c.tekst("raadsbesluit", "Raadsbesluit", toets.get("raadsbesluit"), max_lengte=RAADSBESLUIT_LENGTE)
        if kaders and all(v is not None for v, _ in kaders.values()):
            niet = [KADERS[k] for k, (v, _) in kaders.items() if v is False]
            if status == "vastgesteld" and niet:
                c.fout("toets", f"Toets van de raad: het plan voldoet niet aan {' en '.join(niet)}. Een plan wordt "
                       "alleen vastgesteld als het aan alle drie de kaders voldoet; verwijs het anders terug "
                       "naar de regiegroep.")
            if status == "terugverwezen" and not niet:
                c.fout("toets", "Toets van de raad: het plan voldoet aan alle drie de kaders. Terugverwijzen kan "
                       "alleen als ten minste één kader niet voldoet; stel het plan anders vast.")
    elif toets not in (None, {}):
        c.fout("toets", "Toets van de raad: die hoort alleen bij vaststellen of terugverwijzen. Laat haar leeg.")
    c.klaar()

    plan = sessie.get(Wijkplan, plan_id)
    if plan is None:
        raise Invoerfout("Dit wijkplan bestaat niet (meer). Laad de pagina opnieuw.")
    recht = RAADSBESLUIT if status == "geevalueerd" else (RAADSBESLUIT if raad else VOORBEREIDEN)
    eis(actor, recht, wijk_id=plan.wijk_id, wijk_naam=plan.wijk.naam)
    if plan.versie != versie:
        raise conflict(sessie, "wijkplan", "Dit wijkplan", plan, versie)
    if status not in OVERGANGEN[plan.status]:
        raise _weiger_overgang(plan, status)

    vorige = _laatste_stap(sessie, plan.id)
    if vorige is not None and stapdatum < vorige.datum:
        raise Validatiefout({"datum": (
            f"Datum: de stap kan niet vóór de vorige stap liggen ('{label(vorige.status)}' op "
            f"{formatteer_datum(vorige.datum)}). Controleer de datum.")})
    if status == "besproken_met_bewoners" and not _bijeenkomst_vastgelegd(sessie, plan.id, stapdatum):
        raise Invoerfout(
            "Het wijkplan kan pas 'Besproken met bewoners' worden als er een bewonersbijeenkomst is vastgelegd "
            f"(op of vóór {formatteer_datum(stapdatum)}) met de schriftelijk vastgelegde opmerkingen van de "
            "bewoners. Leg eerst de bijeenkomst vast bij de bewonersinbreng van dit plan."
        )
    if status == "geevalueerd":
        if not plan.periode_van <= evaluatiejaar <= plan.periode_tot:
            raise Validatiefout({"jaar": (
                f"Geëvalueerd jaar: het plan loopt van {plan.periode_van} tot en met {plan.periode_tot}; "
                f"{evaluatiejaar} valt daarbuiten.")})
        if not _evaluatie_vastgesteld(sessie, plan, evaluatiejaar):
            raise Invoerfout(
                f"Het wijkplan kan pas 'Geëvalueerd' worden voor {evaluatiejaar} als de raad de jaarevaluatie "
                f"{evaluatiejaar} van {plan.wijk.naam} heeft vastgesteld. Stel eerst die evaluatie vast."
            )
        if _al_geevalueerd(sessie, plan.id, evaluatiejaar):
            raise Invoerfout(f"Het wijkplan is al geëvalueerd over {evaluatiejaar}.")

    oud = _momentopname(plan)
    if raad:
        for kader, (voldoet, uitleg) in kaders.items():
            setattr(plan, voldoet_veld(kader), voldoet)
            setattr(plan, toelichting_veld(kader), uitleg)
        if status == "vastgesteld":
            plan.raadsbesluit = besluit or f"Vastgesteld door de raad op {formatteer_datum(stapdatum)}"
            plan.vastgesteld_op = stapdatum
        else:
            plan.raadsbesluit = besluit or f"Terugverwezen naar de regiegroep (raad {formatteer_datum(stapdatum)})"
    return _schrijf(sessie, actor, plan, status, stapdatum, tekst, evaluatiejaar, oud)


def _schrijf(sessie: Session, actor: Actor, plan: Wijkplan, status: str, datum: dt.date, toelichting: str | None,
             jaar: int | None, oud: dict[str, Any]) -> StatusGewijzigd:
    plan.status = status
    plan.gewijzigd_door = actor.naam
    flag_modified(plan, "gewijzigd_door")  # altijd een nieuwe versie, ook bij een volgend jaar geëvalueerd
    sessie.add(WijkplanStatus(wijkplan_id=plan.id, status=status, datum=datum, jaar=jaar,
                              toelichting=toelichting, gewijzigd_door=actor.naam))
    try:
        sessie.flush()
    except StaleDataError:
        raise gelijktijdig("dit wijkplan") from None
    oud_diff, nieuw_diff = verschil(oud, _momentopname(plan))
    oud_diff["Status"] = oud["Status"]          # de statuswijziging staat altijd in het dossier
    nieuw_diff["Status"] = label(status)
    nieuw_diff["Datum"] = formatteer_datum(datum)
    if jaar is not None:
        nieuw_diff["Geëvalueerd jaar"] = jaar
    if toelichting:
        nieuw_diff["Toelichting"] = toelichting
    leg_vast(sessie, actor, entiteit="wijkplan", entiteit_id=plan.id, actie="statuswijziging",
             oud=oud_diff, nieuw=nieuw_diff, wijk_id=plan.wijk_id, versie=plan.versie)
    sessie.flush()
    return StatusGewijzigd(plan.id, plan.versie, plan.status, gewijzigd=True)


def _evaluatie_vastgesteld(sessie: Session, plan: Wijkplan, jaar: int) -> bool:
    return sessie.scalar(
        select(Evaluatie.id).where(
            Evaluatie.wijk_id == plan.wijk_id, Evaluatie.jaar == jaar, Evaluatie.status == "vastgesteld",
            (Evaluatie.wijkplan_id == plan.id) | Evaluatie.wijkplan_id.is_(None),
        ).limit(1)
    ) is not None


def _al_geevalueerd(sessie: Session, plan_id: int, jaar: int) -> bool:
    return sessie.scalar(
        select(WijkplanStatus.id).where(
            WijkplanStatus.wijkplan_id == plan_id, WijkplanStatus.status == "geevalueerd", WijkplanStatus.jaar == jaar,
        ).limit(1)
    ) is not None


def markeer_geevalueerd(sessie: Session, actor: Actor | None, wijkplan_id: Any, jaar: Any, datum: Any, *,
                        vandaag: dt.date | None = None) -> StatusGewijzigd | None:
    """Een vastgestelde jaarevaluatie: het plan wordt ``geevalueerd`` voor ``jaar`` (één historierij per jaar).

    Aangeroepen door ``datalaag.evaluaties.stel_evaluatie_vast`` in dezelfde transactie, dus zonder
    versiecontrole door de gebruiker. Geeft ``None`` als het plan niet (meer) bestaat of niet vastgesteld
    of geëvalueerd is (dan blijft het plan zoals het is); ``gewijzigd=False`` als het jaar al geëvalueerd was.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    plan_id = c.geheel_getal("wijkplan", "Wijkplan", wijkplan_id, minimum=1, maximum=2**31 - 1, verplicht=True)
    evaluatiejaar = c.geheel_getal("jaar", "Geëvalueerd jaar", jaar, minimum=2000, maximum=vandaag.year,
                                   verplicht=True)
    stapdatum = c.datum("datum", "Datum", datum, verplicht=True, laatst=vandaag)
    c.klaar()
    plan = sessie.get(Wijkplan, plan_id)
    if plan is None:
        return None
    eis(actor, EVALUATIE, wijk_id=plan.wijk_id, wijk_naam=plan.wijk.naam)
    if "geevalueerd" not in OVERGANGEN[plan.status]:
        return None
    if _al_geevalueerd(sessie, plan.id, evaluatiejaar):
        return StatusGewijzigd(plan.id, plan.versie, plan.status, gewijzigd=False)
    oud = _momentopname(plan)
    return _schrijf(sessie, actor, plan, "geevalueerd", stapdatum,
                    f"Jaarevaluatie {evaluatiejaar} vastgesteld door de raad.", evaluatiejaar, oud)
