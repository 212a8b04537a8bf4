"""De levenscyclus van een wijkplan (DESIGN.md, Wijkplan; notitie §3.5–3.9 en §4.2–4.5).

concept → besproken_met_bewoners → definitief_voorstel → vastgesteld (of terugverwezen naar de
regiegroep, en dan opnieuw besproken_met_bewoners of definitief_voorstel) → jaarlijks geevalueerd.

Alle toegestane overgangen staan op één plek: ``OVERGANGEN`` (van → naar → benodigd recht).
Elke statuswijziging volgt het schrijfpatroon van ``datalaag.evaluaties``: valideren → autoriseren →
versie controleren → de nieuwe status, één ``WijkplanStatus``-rij in de historie en één ``Mutatie``
in de transactie van de aanroeper. Bij een fout wordt niets geschreven.

- Een nieuw plan begint als ``concept`` (:func:`maak_wijkplan`, recht ``wijkplan_voorbereiden``).
- Naar ``besproken_met_bewoners`` kan pas als er een bewonersbijeenkomst (``Bewonersinbreng`` met
  vorm ``bijeenkomst``) met schriftelijk vastgelegde opmerkingen is vastgelegd (§4.3), gehouden ná de
  vorige stap (het concept, of de terugverwijzing door de raad) en uiterlijk op de datum van de stap:
  een bijeenkomst van vóór het concept ging niet over dit concept, en "opnieuw besproken met
  bewoners" na een terugverwijzing vraagt een nieuwe bijeenkomst.
- Naar ``vastgesteld`` of ``terugverwezen`` legt de beheerder de toets van de raad op de drie kaders
  vast: per kader voldoet/voldoet niet plus een toelichting. Vastgesteld kan alleen als alle drie
  voldoen; terugverwijzen vraagt ten minste één kader dat niet voldoet en een toelichting. Zo staat
  het in §4.5: de raad toetst alleen aan de kaders ("beoordeelt de plannen dus niet inhoudelijk"), en
  "wanneer het plan volgens de raad niet aan de gestelde kaders voldoet zal de regiegroep gevraagd
  worden om het plan aan te passen". Een plan dat op een kader niet voldoet, wordt dus niet
  vastgesteld (ook niet "met een kanttekening"): de raad verwijst het terug.
- ``geevalueerd`` volgt uit een vastgestelde jaarevaluatie: ``datalaag.evaluaties.stel_evaluatie_vast``
  roept ``markeer_geevalueerd`` aan (eenmaal per jaar). Er is daarvoor geen knop.

Periodes (:func:`maak_wijkplan`). In elk jaar heeft een wijk hooguit één lopend (vastgesteld of
geëvalueerd) plan: daarop rekenen het overzicht, de signalen en de wijkpagina
(:func:`datalaag.afgeleid.plan_actief`). Daarom:

- een nieuw plan overlapt niet met een ander plan van de wijk dat nog in voorbereiding is (werk dat
  plan verder uit in plaats van een tweede concept voor dezelfde jaren te maken);
- een *opvolger* begint na het einde van het lopende plan en mag altijd;
- een plan dat het lopende plan *voortijdig vervangt* (``vervangt=True``, bijv. omdat het lopende
  WOP ver achter ligt) mag met het lopende plan overlappen, als het later begint dan dat plan en na
  het laatste jaar waarover dat plan al geëvalueerd is. Het lopende plan blijft lopen tot de raad het
  nieuwe plan vaststelt; bij die vaststelling eindigt het lopende plan in het jaar vóór het eerste
  jaar van het nieuwe plan (een eigen ``Mutatie`` op het lopende plan, in dezelfde transactie). Wijst
  de raad het nieuwe plan af, dan verandert er aan het lopende plan niets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import ACTIEVE_PLANSTATUSSEN
from datalaag.autorisatie import Actor, GeenToegang, eis, mag
from datalaag.models import (
    WERKWIJZEN,
    WIJKPLAN_STATUSSEN,
    Bewonersinbreng,
    Evaluatie,
    Wijk,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.mutaties import conflict, gelijktijdig, leg_vast, verschil
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import (
    LANGE_TEKST,
    VROEGSTE_DATUM,
    Controle,
    Invoerfout,
    Validatiefout,
)
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
TITEL_LENGTE = 200            # Wijkplan.titel is String(200)

#: Statussen van een plan dat nog niet door de raad is vastgesteld.
IN_VOORBEREIDING: tuple[str, ...] = ("concept", "besproken_met_bewoners", "definitief_voorstel", "terugverwezen")
#: Werkwijzen (code → naam), zoals in de referentietabel ``werkwijze``.
WERKWIJZE_LABELS: dict[str, str] = {
    "WOP": "Wijkontwikkelingsplan (WOP)",
    "AWA": "Almelose wijkaanpak (AWA)",
    "SHR": "Sociale herovering (SHR)",
}
assert set(WERKWIJZE_LABELS) == set(WERKWIJZEN)
#: Langste looptijd in jaren. WOP: "10 – 15 jaar"; AWA: "kortlopende plannen van maximaal 2 jaar" (bijlage 2 §4);
#: SHR: een meerjarig programma (De Riet: vier jaar per plan), hier net als een WOP ten hoogste 15 jaar.
MAX_LOOPTIJD: dict[str, int] = {"WOP": 15, "AWA": 2, "SHR": 15}
#: Voorgestelde looptijd van een eerste plan van een werkwijze (een opvolger krijgt die van zijn voorganger).
STANDAARD_LOOPTIJD: dict[str, int] = {"WOP": 12, "AWA": 2, "SHR": 4}
#: Zo ver vooruit (in jaren na het lopende jaar) kan het eerste jaar van een nieuw plan liggen.
MAX_JAREN_VOORUIT = 5


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


def _bijeenkomst_vastgelegd(sessie: Session, plan_id: int, datum: dt.date, vanaf: dt.date | None) -> bool:
    """Of er een bewonersbijeenkomst met schriftelijke opmerkingen is vastgelegd op een dag van ``vanaf``
    (de vorige stap) tot en met ``datum``."""
    voorwaarden = [Bewonersinbreng.wijkplan_id == plan_id, Bewonersinbreng.vorm == "bijeenkomst",
                   Bewonersinbreng.datum <= datum]
    if vanaf is not None:
        voorwaarden.append(Bewonersinbreng.datum >= vanaf)
    return any(o is not None and o.strip() for o in sessie.scalars(select(Bewonersinbreng.opmerkingen)
                                                                  .where(*voorwaarden)))


def _bijeenkomst_ontbreekt(vorige: WijkplanStatus | None, datum: dt.date) -> str:
    """De reden waarom 'Besproken met bewoners' nog niet kan (een zin voor de gebruiker)."""
    if vorige is not None and vorige.status == "terugverwezen":
        wanneer = (f"sinds de terugverwijzing door de raad op {formatteer_datum(vorige.datum)} (een nieuwe "
                   "bijeenkomst over het aangepaste plan)")
    elif vorige is not None and vorige.datum < datum:
        wanneer = (f"over dit {label(vorige.status).lower()} (gehouden tussen {formatteer_datum(vorige.datum)} en "
                   f"{formatteer_datum(datum)})")
    elif vorige is not None:
        wanneer = f"over dit {label(vorige.status).lower()} (gehouden op {formatteer_datum(datum)})"
    else:
        wanneer = f"(gehouden uiterlijk op {formatteer_datum(datum)})"
    return (f"Nog geen bewonersbijeenkomst met schriftelijk vastgelegde opmerkingen van de bewoners vastgelegd "
            f"{wanneer}. Leg die eerst vast bij de bewonersinbreng van dit plan.")


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
    ``raadsbesluit`` (het kenmerk van het besluit van de raad, verplicht). ``jaar``: alleen bij ``geevalueerd``.
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
            besluit = c.tekst("raadsbesluit", "Raadsbesluit (kenmerk)", toets.get("raadsbesluit"), verplicht=True,
                              max_lengte=RAADSBESLUIT_LENGTE)
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
    if status == "besproken_met_bewoners" and not _bijeenkomst_vastgelegd(
            sessie, plan.id, stapdatum, None if vorige is None else vorige.datum):
        raise Invoerfout("Het wijkplan kan pas 'Besproken met bewoners' worden als de regiegroep het met de "
                         "bewoners heeft besproken in een bijeenkomst (§4.3). "
                         + _bijeenkomst_ontbreekt(vorige, stapdatum))
    voorgangers: list[Wijkplan] = []
    if status == "vastgesteld":
        voorgangers = _te_vervangen(sessie, plan)
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
            plan.raadsbesluit = besluit
            plan.vastgesteld_op = stapdatum
        else:
            plan.raadsbesluit = besluit
    uitkomst = _schrijf(sessie, actor, plan, status, stapdatum, tekst, evaluatiejaar, oud)
    for voorganger in voorgangers:
        _beeindig(sessie, actor, voorganger, plan, stapdatum)
    return uitkomst


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


# --------------------------------------------------------------------------- periodes en opvolgers
def _overlappende_plannen(sessie: Session, wijk_id: int, van: int, tot: int, *, zonder_id: int | None = None,
                          statussen: tuple[str, ...] | None = None) -> list[Wijkplan]:
    """De plannen van de wijk waarvan de periode (deels) in ``van``–``tot`` valt, oudste eerst. Eén query."""
    query = select(Wijkplan).where(Wijkplan.wijk_id == wijk_id, Wijkplan.periode_van <= tot,
                                   Wijkplan.periode_tot >= van)
    if zonder_id is not None:
        query = query.where(Wijkplan.id != zonder_id)
    if statussen is not None:
        query = query.where(Wijkplan.status.in_(statussen))
    return list(sessie.scalars(query.order_by(Wijkplan.periode_van, Wijkplan.id)))


def _laatst_geevalueerd(sessie: Session, plan_id: int) -> int | None:
    return sessie.scalar(select(func.max(WijkplanStatus.jaar)).where(
        WijkplanStatus.wijkplan_id == plan_id, WijkplanStatus.status == "geevalueerd"))


def _periode(plan: Wijkplan) -> str:
    return f"{plan.periode_van}–{plan.periode_tot}"


def _niet_vervangbaar(sessie: Session, lopend: Wijkplan, van: int) -> str | None:
    """``None`` als een plan dat in ``van`` begint het lopende plan kan vervangen; anders de reden."""
    if lopend.periode_van >= van:
        return (f"het lopende plan '{lopend.titel}' ({_periode(lopend)}) begint niet eerder dan dit plan. Een plan "
                f"dat het voortijdig vervangt, begint later: in {lopend.periode_van + 1} of daarna.")
    geevalueerd = _laatst_geevalueerd(sessie, lopend.id)
    if geevalueerd is not None and van <= geevalueerd:
        return (f"het lopende plan '{lopend.titel}' ({_periode(lopend)}) is al geëvalueerd over {geevalueerd}. "
                f"Een plan dat het vervangt, begint op zijn vroegst in {geevalueerd + 1}.")
    return None


def _te_vervangen(sessie: Session, plan: Wijkplan) -> list[Wijkplan]:
    """De lopende plannen die eindigen als de raad ``plan`` vaststelt; weigert als dat niet kan."""
    lopend = _overlappende_plannen(sessie, plan.wijk_id, plan.periode_van, plan.periode_tot, zonder_id=plan.id,
                                   statussen=ACTIEVE_PLANSTATUSSEN)
    for voorganger in lopend:
        reden = _niet_vervangbaar(sessie, voorganger, plan.periode_van)
        if reden:
            raise Invoerfout(
                f"Dit plan ({_periode(plan)}) kan niet worden vastgesteld: in die jaren loopt al een vastgesteld plan, "
                f"en {reden} Een wijk heeft in elk jaar hooguit één vastgesteld plan."
            )
    return lopend


def _beeindig(sessie: Session, actor: Actor, voorganger: Wijkplan, opvolger: Wijkplan, datum: dt.date) -> None:
    """Het lopende plan eindigt in het jaar vóór het eerste jaar van de vastgestelde opvolger (eigen Mutatie)."""
    oud = {"Periode": _periode(voorganger)}
    voorganger.periode_tot = opvolger.periode_van - 1
    voorganger.gewijzigd_door = actor.naam
    try:
        sessie.flush()
    except StaleDataError:
        raise gelijktijdig("het lopende wijkplan") from None
    leg_vast(sessie, actor, entiteit="wijkplan", entiteit_id=voorganger.id, actie="gewijzigd", oud=oud,
             nieuw={"Periode": _periode(voorganger),
                    "Toelichting": (f"Eindigt in {voorganger.periode_tot}: vervangen door '{opvolger.titel}' "
                                    f"({_periode(opvolger)}), vastgesteld door de raad op {formatteer_datum(datum)}.")},
             wijk_id=voorganger.wijk_id, versie=voorganger.versie)
    sessie.flush()


# --------------------------------------------------------------------------- een nieuw plan
VELDEN_NIEUW: dict[str, str] = {
    "titel": "Titel",
    "werkwijze": "Werkwijze",
    "periode_van": "Eerste jaar",
    "periode_tot": "Laatste jaar",
    "datum": "Datum concept",
    "toelichting": "Toelichting",
    "vervangt": "Vervangt het lopende plan",
}
VERVANGT_OPTIES = {"nee": "Nee: het plan volgt het lopende plan op", "ja": "Ja: het vervangt het lopende plan voortijdig"}


@dataclass(frozen=True, slots=True)
class PlanAangemaakt:
    wijkplan_id: int
    versie: int
    wijk_id: int


def _lees_vervangt(c: Controle, waarde: Any) -> bool:
    if isinstance(waarde, bool):
        return waarde
    return c.keuze("vervangt", VELDEN_NIEUW["vervangt"], waarde, VERVANGT_OPTIES, verplicht=False) == "ja"


def maak_wijkplan(sessie: Session, actor: Actor | None, wijk_id: Any, *, titel: Any, werkwijze: Any,
                  periode_van: Any, periode_tot: Any, datum: Any = None, toelichting: Any = None,
                  vervangt: Any = False, vandaag: dt.date | None = None) -> PlanAangemaakt:
    """Een nieuw wijkplan in ``concept`` voor de wijk, met de eerste regel in de statushistorie en één Mutatie.

    ``periode_van``/``periode_tot``: het eerste en laatste jaar (eerste jaar: dit jaar tot
    ``MAX_JAREN_VOORUIT`` jaar vooruit; looptijd ten hoogste ``MAX_LOOPTIJD`` van de werkwijze).
    ``vervangt``: ``True`` (of ``"ja"``) als het plan het lopende vastgestelde plan voortijdig vervangt;
    zie de moduledocumentatie. ``datum``: de datum van het concept (standaard vandaag).
    Geeft ``Validatiefout``, ``GeenToegang`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    w_id = c.geheel_getal("wijk", "Wijk", wijk_id, minimum=1, maximum=2**31 - 1, verplicht=True)
    naam = c.tekst("titel", VELDEN_NIEUW["titel"], titel, verplicht=True, max_lengte=TITEL_LENGTE)
    ww = c.keuze("werkwijze", VELDEN_NIEUW["werkwijze"], werkwijze, WERKWIJZE_LABELS)
    van = c.geheel_getal("periode_van", VELDEN_NIEUW["periode_van"], periode_van, minimum=2000, maximum=2100,
                         verplicht=True)
    tot = c.geheel_getal("periode_tot", VELDEN_NIEUW["periode_tot"], periode_tot, minimum=2000, maximum=2100,
                         verplicht=True)
    laatste_begin = vandaag.year + MAX_JAREN_VOORUIT
    if van is not None and not vandaag.year <= van <= laatste_begin:
        c.fout("periode_van", f"{VELDEN_NIEUW['periode_van']}: een nieuw plan begint in {vandaag.year} of later "
               f"(niet in een jaar dat al voorbij is) en uiterlijk in {laatste_begin}. Vul een jaar in van "
               f"{vandaag.year} tot en met {laatste_begin}.")
    if van is not None and tot is not None and tot < van:
        c.fout("periode_tot", f"{VELDEN_NIEUW['periode_tot']}: {tot} ligt vóór het eerste jaar ({van}). Vul een jaar "
               f"in van {van} of later.")
    elif van is not None and tot is not None and ww is not None and tot - van + 1 > MAX_LOOPTIJD[ww]:
        c.fout("periode_tot", f"{VELDEN_NIEUW['periode_tot']}: een plan volgens de werkwijze "
               f"{WERKWIJZE_LABELS[ww]} loopt ten hoogste {MAX_LOOPTIJD[ww]} jaar ({van}–{van + MAX_LOOPTIJD[ww] - 1}); "
               f"{van}–{tot} is {tot - van + 1} jaar. Kies een eerder laatste jaar of een andere werkwijze.")
    conceptdatum = c.datum("datum", VELDEN_NIEUW["datum"], vandaag if datum is None else datum, verplicht=True,
                           vroegst=VROEGSTE_DATUM, laatst=vandaag)
    tekst = c.tekst("toelichting", VELDEN_NIEUW["toelichting"], toelichting, max_lengte=LANGE_TEKST)
    vervang = _lees_vervangt(c, vervangt)
    c.klaar()

    wijk = sessie.get(Wijk, w_id)
    if wijk is None:
        raise Invoerfout("Deze wijk bestaat niet (meer). Laad de pagina opnieuw.")
    eis(actor, VOORBEREIDEN, wijk_id=wijk.id, wijk_naam=wijk.naam)
    # Eén nieuw plan tegelijk per wijk: de overlapcontrole hieronder en het schrijven horen bij elkaar
    # (PostgreSQL: rijvergrendeling; SQLite staat maar één schrijvende transactie tegelijk toe).
    sessie.execute(select(Wijk.id).where(Wijk.id == wijk.id).with_for_update())

    overlap = _overlappende_plannen(sessie, wijk.id, van, tot)
    bezig = [p for p in overlap if p.status in IN_VOORBEREIDING]
    if bezig:
        p = bezig[0]
        raise Validatiefout({"periode_van": (
            f"{VELDEN_NIEUW['periode_van']}: voor {wijk.naam} is al een plan in voorbereiding dat (deels) in deze "
            f"jaren valt: '{p.titel}' ({_periode(p)}, {label(p.status).lower()}). Werk dat plan verder uit, of kies "
            "jaren die daar niet mee overlappen.")})
    lopend = [p for p in overlap if p.status in ACTIEVE_PLANSTATUSSEN]
    if lopend and not vervang:
        p = lopend[-1]
        raise Validatiefout({"periode_van": (
            f"{VELDEN_NIEUW['periode_van']}: in {van}–{tot} loopt al het vastgestelde plan '{p.titel}' "
            f"({_periode(p)}). Een opvolger begint in {p.periode_tot + 1} of later. Moet dit plan het lopende plan "
            f"voortijdig vervangen, kies dan bij '{VELDEN_NIEUW['vervangt']}' voor ja: stelt de raad dit plan vast, "
            f"dan eindigt het lopende plan in {van - 1}.")})
    for p in lopend:
        reden = _niet_vervangbaar(sessie, p, van)
        if reden:
            raise Validatiefout({"periode_van": f"{VELDEN_NIEUW['periode_van']}: {reden}"})
    if vervang and not lopend:
        raise Validatiefout({"vervangt": (
            f"{VELDEN_NIEUW['vervangt']}: in {van}–{tot} loopt geen vastgesteld plan van {wijk.naam}, dus er valt "
            "niets te vervangen. Kies 'nee'.")})

    plan = Wijkplan(wijk_id=wijk.id, titel=naam, werkwijze=ww, periode_van=van, periode_tot=tot, status="concept",
                    gewijzigd_door=actor.naam)
    sessie.add(plan)
    try:
        sessie.flush()
        sessie.add(WijkplanStatus(wijkplan_id=plan.id, status="concept", datum=conceptdatum, toelichting=tekst,
                                  gewijzigd_door=actor.naam))
        sessie.flush()
    except IntegrityError:
        raise gelijktijdig("een wijkplan voor deze wijk") from None
    nieuw: dict[str, Any] = {
        "Titel": naam,
        "Werkwijze": WERKWIJZE_LABELS[ww],
        "Periode": _periode(plan),
        "Status": label("concept"),
        "Datum": formatteer_datum(conceptdatum),
    }
    if tekst:
        nieuw["Toelichting"] = tekst
    if lopend:
        nieuw["Vervangt"] = "; ".join(f"{p.titel} ({_periode(p)}): eindigt in {van - 1} als de raad dit plan vaststelt"
                                      for p in lopend)
    leg_vast(sessie, actor, entiteit="wijkplan", entiteit_id=plan.id, actie="aangemaakt", oud=None, nieuw=nieuw,
             wijk_id=wijk.id, versie=plan.versie)
    sessie.flush()
    return PlanAangemaakt(plan.id, plan.versie, wijk.id)


# --------------------------------------------------------------------------- lezen voor het formulier
@dataclass(frozen=True, slots=True)
class PlanStand:
    """Eén plan zoals het formulier het toont: de huidige status en de versie die de gebruiker ziet."""

    id: int
    wijk_id: int
    wijk_slug: str
    wijk_naam: str
    titel: str
    werkwijze: str
    periode_van: int
    periode_tot: int
    status: str
    versie: int
    gewijzigd_door: str | None

    @property
    def status_label(self) -> str:
        return label(self.status)

    @property
    def periode(self) -> str:
        return f"{self.periode_van}–{self.periode_tot}"


def plan_stand(sessie: Session, wijkplan_id: int) -> PlanStand | None:
    """Het plan met zijn wijk, of ``None``. Eén query."""
    rij = sessie.execute(
        select(Wijkplan.id, Wijkplan.wijk_id, Wijk.slug, Wijk.naam, Wijkplan.titel, Wijkplan.werkwijze,
               Wijkplan.periode_van, Wijkplan.periode_tot, Wijkplan.status, Wijkplan.versie, Wijkplan.gewijzigd_door)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .where(Wijkplan.id == wijkplan_id)
    ).one_or_none()
    return None if rij is None else PlanStand(*rij)


@dataclass(frozen=True, slots=True)
class WijkMetPlan:
    """Een wijk in de keuzelijst, met de status van haar nieuwste plan in voorbereiding (of ``None``)."""

    id: int
    slug: str
    naam: str
    werkwijze: str
    in_voorbereiding: str | None


def wijken_met_plannen(sessie: Session) -> list[WijkMetPlan]:
    """Alle wijken op naam, met de status van hun nieuwste plan in voorbereiding. Twee queries."""
    bezig: dict[int, str] = {}
    for wijk_id, status in sessie.execute(
        select(Wijkplan.wijk_id, Wijkplan.status).where(Wijkplan.status.in_(IN_VOORBEREIDING))
        .order_by(Wijkplan.periode_van, Wijkplan.id)
    ):
        bezig[wijk_id] = status   # de nieuwste wint
    return [WijkMetPlan(r.id, r.slug, r.naam, r.werkwijze, bezig.get(r.id))
            for r in sessie.execute(select(Wijk.id, Wijk.slug, Wijk.naam, Wijk.werkwijze).order_by(Wijk.naam))]


@dataclass(frozen=True, slots=True)
class VolgendeStap:
    """Een overgang die vanuit de huidige status kan, en of deze gebruiker haar nu kan zetten."""

    naar: str
    label: str
    soort: str                  # "voorbereiden" | "raadsbesluit" | "evaluatie"
    uitleg: str                 # wat de stap betekent (met de paragraaf van de notitie)
    wie: str                    # wie de stap zet
    mag: bool                   # deze gebruiker heeft het recht (bij "evaluatie" altijd False: geen knop)
    weigering: str | None       # waarom deze gebruiker de stap niet mag zetten
    ontbreekt: str | None       # een voorwaarde die nog ontbreekt (de stap wordt dan geweigerd)
    ontbreekt_soort: str | None  # "bijeenkomst": link naar de bewonersinbreng


_UITLEG = {
    "besproken_met_bewoners": "De regiegroep bespreekt het concept in een bijeenkomst waarvoor alle wijkbewoners "
                              "worden uitgenodigd; de opmerkingen worden schriftelijk vastgelegd (§4.3).",
    "definitief_voorstel": "Op basis van de reacties van de bewoners past de regiegroep het plan zo nodig aan en legt "
                           "het als definitief voorstel aan de raad voor (§4.4).",
    "vastgesteld": "De raad toetst het plan aan de drie kaders: betrokkenheid van bewoners en organisaties, "
                   "doelstellingen en benodigde middelen. Voldoet het aan alle drie, dan stelt de raad het vast "
                   "(§4.5).",
    "terugverwezen": "Voldoet het plan op een of meer kaders niet, dan vraagt de raad de regiegroep het plan aan te "
                     "passen (§4.5).",
    "geevalueerd": "De regiegroep evalueert het plan elk jaar (§3.9). Zodra de raad de jaarevaluatie vaststelt, "
                   "staat het plan op 'Geëvalueerd' voor dat jaar. Daar is hier geen knop voor.",
}
_UITLEG_NA_TERUGVERWIJZING = {
    "besproken_met_bewoners": "De regiegroep bespreekt het aangepaste plan opnieuw met de bewoners, in een nieuwe "
                              "bijeenkomst met schriftelijk vastgelegde opmerkingen (§4.3).",
    "definitief_voorstel": "De regiegroep legt het aangepaste plan opnieuw als definitief voorstel aan de raad voor "
                           "(§4.4).",
}
_WIE = {
    VOORBEREIDEN: "De regiegroep; de stadsdeelcoördinator van de wijk (of de beheerder) legt de stap vast.",
    RAADSBESLUIT: "De gemeenteraad; de beheerder legt de toets en het besluit van de raad vast.",
    EVALUATIE: "Volgt vanzelf uit het besluit van de raad over de jaarevaluatie (de beheerder legt dat vast op het "
               "evaluatieformulier).",
}


def _weigering(actor: Actor | None, recht: str, plan: PlanStand) -> str | None:
    try:
        eis(actor, recht, wijk_id=plan.wijk_id, wijk_naam=plan.wijk_naam)
    except GeenToegang as fout:
        return str(fout)
    return None


def volgende_stappen(sessie: Session, actor: Actor | None, plan: PlanStand,
                     vandaag: dt.date | None = None) -> list[VolgendeStap]:
    """De overgangen vanuit de huidige status van ``plan`` (zie ``OVERGANGEN``), met per stap wie haar zet,
    of ``actor`` dat mag en welke voorwaarde nog ontbreekt. De service blijft de rechter: dit is uitleg."""
    vandaag = vandaag or dt.date.today()
    vorige = _laatste_stap(sessie, plan.id)
    uit = []
    for naar, recht in OVERGANGEN.get(plan.status, {}).items():
        uitleg = (_UITLEG_NA_TERUGVERWIJZING.get(naar) if plan.status == "terugverwezen" else None) or _UITLEG[naar]
        if naar == "geevalueerd":
            uit.append(VolgendeStap(naar, label(naar), "evaluatie", uitleg, _WIE[recht], False, None, None, None))
            continue
        weigering = _weigering(actor, recht, plan)
        ontbreekt = soort = None
        if naar == "besproken_met_bewoners" and not _bijeenkomst_vastgelegd(
                sessie, plan.id, vandaag, None if vorige is None else vorige.datum):
            ontbreekt, soort = _bijeenkomst_ontbreekt(vorige, vandaag), "bijeenkomst"
        uit.append(VolgendeStap(naar, label(naar), "raadsbesluit" if recht == RAADSBESLUIT else "voorbereiden",
                                uitleg, _WIE[recht], weigering is None and mag(actor, recht, plan.wijk_id),
                                weigering, ontbreekt, soort))
    return uit


@dataclass(frozen=True, slots=True)
class NieuwPlanVoorstel:
    """Wat het formulier voor een nieuw plan alvast invult, en welk lopend plan het zou kunnen vervangen."""

    werkwijze: str
    periode_van: int
    periode_tot: int
    titel: str
    #: het lopende (vastgestelde) plan dat nog niet is afgelopen: (id, titel, van, tot), of ``None``
    lopend: tuple[int, str, int, int] | None


def _titel(werkwijze: str, wijk: str, van: int, tot: int, vervolg: bool) -> str:
    periode = f"{van}" if van == tot else f"{van}–{tot}"
    if werkwijze == "WOP":
        return f"Wijkontwikkelingsplan {wijk} {periode}"
    if werkwijze == "SHR":
        return f"{'Vervolg sociale herovering' if vervolg else 'Sociale herovering'} {wijk} {periode}"
    return f"{'Wijkagenda' if van == tot else 'Wijkplan'} {wijk} {periode}"


def voorstel_nieuw_plan(sessie: Session, wijk_id: int, vandaag: dt.date | None = None) -> NieuwPlanVoorstel | None:
    """Een opvolger van het laatste plan van de wijk: het jaar na het einde daarvan (niet vóór volgend jaar), met
    dezelfde looptijd en de werkwijze van de wijk. ``None`` als de wijk niet bestaat. Twee queries."""
    vandaag = vandaag or dt.date.today()
    wijk = sessie.execute(select(Wijk.naam, Wijk.werkwijze).where(Wijk.id == wijk_id)).one_or_none()
    if wijk is None:
        return None
    plannen = sessie.execute(
        select(Wijkplan.id, Wijkplan.titel, Wijkplan.werkwijze, Wijkplan.periode_van, Wijkplan.periode_tot,
               Wijkplan.status)
        .where(Wijkplan.wijk_id == wijk_id).order_by(Wijkplan.periode_tot, Wijkplan.id)
    ).all()
    werkwijze = wijk.werkwijze
    looptijd = STANDAARD_LOOPTIJD[werkwijze]
    van = vandaag.year + 1
    if plannen:
        laatste = plannen[-1]
        van = max(van, laatste.periode_tot + 1)
        if laatste.werkwijze == werkwijze:
            looptijd = min(laatste.periode_tot - laatste.periode_van + 1, MAX_LOOPTIJD[werkwijze])
    lopend = [p for p in plannen if p.status in ACTIEVE_PLANSTATUSSEN and p.periode_tot >= vandaag.year]
    return NieuwPlanVoorstel(
        werkwijze, van, van + looptijd - 1,
        _titel(werkwijze, wijk.naam, van, van + looptijd - 1, vervolg=bool(plannen)),
        None if not lopend else (lopend[-1].id, lopend[-1].titel, lopend[-1].periode_van, lopend[-1].periode_tot),
    )
