"""Bewonersinbreng bij een wijkplan: een bijeenkomst, enquête, gesprek, huisbezoek of internetpanel, met
datum, bereik (aantal bereikte bewoners) en de schriftelijk vastgelegde opmerkingen (notitie §3.5.2.2
en §4.3: "Vervolgens wordt dit concept wijkontwikkelingsplan met de wijkbewoners besproken in een
bijeenkomst waarvoor alle wijkbewoners worden uitgenodigd. De opmerkingen worden schriftelijk
vastgelegd.").

Zelfde patroon als ``datalaag.voortgang``: valideren → autoriseren (``eis(actor,
"bewonersinbreng_schrijven", wijk_id=...)`` op de wijk van het plan) → versie controleren (bij een
correctie) → schrijven plus één ``Mutatie`` (entiteit ``bewonersinbreng``) in de transactie van de
aanroeper. Bij een fout wordt niets geschreven.

Een bijeenkomst met opmerkingen is wat ``datalaag.wijkplannen`` vraagt voordat een plan in concept (of
terugverwezen) "Besproken met bewoners" kan worden: vorm ``bijeenkomst``, opmerkingen niet leeg, gehouden
na de vorige stap van het plan en uiterlijk op de dag van die stap. Omdat opmerkingen hier verplicht zijn,
voldoet elke hier vastgelegde bijeenkomst aan het eerste deel; of het plan nu verder kan, vraagt
:func:`kan_naar_besproken` aan ``datalaag.wijkplannen.volgende_stappen`` (één regel, één plek). Een
correctie mag die grond niet onder een plan vandaan halen dat al "Besproken met bewoners" werd.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import inwoners_voor_jaar
from datalaag.autorisatie import Actor, eis
from datalaag.models import (
    INBRENG_VORMEN,
    Bewonersinbreng,
    Wijk,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal
from datalaag.validatie import Controle, Invoerfout, Validatiefout
from datalaag.wijken import inwoners_per_wijk
from datalaag.wijkpagina import PLANSTATUS_LABELS
from datalaag.wijkplannen import IN_VOORBEREIDING, plan_stand, volgende_stappen

RECHT = "bewonersinbreng_schrijven"
OPMERKINGEN_LENGTE = 8000       # een verslag van een bijeenkomst mag wat langer zijn dan een toelichting
#: Bovengrens die alleen tikfouten tegenhoudt (heel Almelo heeft ca. 73.000 inwoners); is het inwonertal van de
#: wijk bekend, dan geldt dat als grens.
MAX_BEREIK_ONBEKEND = 100_000
_MAX_ID = 2**31 - 1
#: Ook inbreng bij de wijkontwikkelingsplannen van de eerste generatie (jaren negentig) is vast te leggen.
VROEGSTE_DATUM = dt.date(1990, 1, 1)

VORM_LABELS: dict[str, str] = {
    "enquete": "Enquête",
    "gesprek": "Gesprek",
    "bijeenkomst": "Bijeenkomst",
    "huisbezoek": "Huisbezoek",
    "internetpanel": "Internetpanel",
}
assert tuple(VORM_LABELS) == INBRENG_VORMEN
VELDEN: dict[str, str] = {
    "datum": "Datum",
    "vorm": "Vorm",
    "bereik": "Bereik (aantal bereikte bewoners)",
    "opmerkingen": "Opmerkingen van bewoners",
}


def vorm_label(vorm: str) -> str:
    return VORM_LABELS.get(vorm, vorm)


def status_label(status: str) -> str:
    return PLANSTATUS_LABELS.get(status, status)


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class PlanKeuze:
    id: int
    titel: str
    periode_van: int
    periode_tot: int
    status: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def in_voorbereiding(self) -> bool:
        return self.status in IN_VOORBEREIDING

    @property
    def label(self) -> str:
        periode = f"{self.periode_van}–{self.periode_tot}"
        titel = self.titel if periode in self.titel or str(self.periode_van) in self.titel else f"{self.titel} ({periode})"
        return f"{titel} · {self.status_label}"


@dataclass(frozen=True, slots=True)
class InbrengRegel:
    id: int
    datum: dt.date
    vorm: str
    bereik: int
    opmerkingen: str
    versie: int
    gewijzigd_door: str | None

    @property
    def vorm_label(self) -> str:
        return vorm_label(self.vorm)


def plannen_van_wijk(sessie: Session, wijk_id: int) -> list[PlanKeuze]:
    """De wijkplannen van de wijk: plannen in voorbereiding eerst, dan de nieuwste. Eén query."""
    voorbereiding = case((Wijkplan.status.in_(IN_VOORBEREIDING), 0), else_=1)
    rijen = sessie.execute(
        select(Wijkplan.id, Wijkplan.titel, Wijkplan.periode_van, Wijkplan.periode_tot, Wijkplan.status)
        .where(Wijkplan.wijk_id == wijk_id)
        .order_by(voorbereiding, Wijkplan.periode_van.desc(), Wijkplan.id.desc())
    ).all()
    return [PlanKeuze(*r) for r in rijen]


def plan_met_wijk(sessie: Session, wijkplan_id: int) -> tuple[PlanKeuze, str] | None:
    """Het plan en de slug van zijn wijk (voor links), of ``None``. Eén query."""
    rij = sessie.execute(
        select(Wijkplan.id, Wijkplan.titel, Wijkplan.periode_van, Wijkplan.periode_tot, Wijkplan.status, Wijk.slug)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .where(Wijkplan.id == wijkplan_id)
    ).one_or_none()
    return None if rij is None else (PlanKeuze(*rij[:5]), rij.slug)


def inbreng_van_plan(sessie: Session, wijkplan_id: int) -> list[InbrengRegel]:
    """De vastgelegde inbreng bij een plan, nieuwste eerst. Eén query."""
    rijen = sessie.execute(
        select(Bewonersinbreng.id, Bewonersinbreng.datum, Bewonersinbreng.vorm, Bewonersinbreng.bereik,
               Bewonersinbreng.opmerkingen, Bewonersinbreng.versie, Bewonersinbreng.gewijzigd_door)
        .where(Bewonersinbreng.wijkplan_id == wijkplan_id)
        .order_by(Bewonersinbreng.datum.desc(), Bewonersinbreng.id.desc())
    ).all()
    return [InbrengRegel(*r) for r in rijen]


def inwoners_van_wijk(sessie: Session, wijk_id: int, jaar: int) -> int | None:
    """Het inwonertal van de wijk in ``jaar`` (of het laatst bekende eerdere), ``None`` als onbekend."""
    return inwoners_voor_jaar(inwoners_per_wijk(sessie, [wijk_id]).get(wijk_id, {}), jaar)


def naar_besproken(sessie: Session, plan_id: int, vandaag: dt.date | None = None) -> tuple[bool, str | None]:
    """Voor een plan in concept of terugverwezen: (kan het nu naar "Besproken met bewoners", wat ontbreekt
    nog). Voor andere plannen (False, None). De regel zelf staat in ``datalaag.wijkplannen`` (de service daar
    blijft de rechter; wie de stap mag zetten, telt hier niet mee)."""
    plan = plan_stand(sessie, plan_id)
    if plan is None:
        return False, None
    for stap in volgende_stappen(sessie, None, plan, vandaag or dt.date.today()):
        if stap.naar == "besproken_met_bewoners":
            return stap.ontbreekt is None, stap.ontbreekt
    return False, None


def kan_naar_besproken(sessie: Session, plan_id: int, vandaag: dt.date | None = None) -> bool:
    """Of het plan nu naar "Besproken met bewoners" kan wat de bewonersinbreng betreft (zie :func:`naar_besproken`)."""
    return naar_besproken(sessie, plan_id, vandaag)[0]


# --------------------------------------------------------------------------- schrijven
@dataclass(frozen=True, slots=True)
class Opgeslagen:
    inbreng_id: int
    versie: int
    wijkplan_id: int
    plan_status: str
    nieuw: bool
    gewijzigd: bool            # False: er was niets te wijzigen (niets geschreven)
    #: het plan staat in concept of is terugverwezen en kan nu naar "Besproken met bewoners"
    kan_naar_besproken: bool


def _momentopname(inbreng: Bewonersinbreng) -> dict[str, Any]:
    return {
        "Datum": formatteer_datum(inbreng.datum),
        "Vorm": vorm_label(inbreng.vorm),
        "Bereik": formatteer_getal(inbreng.bereik),
        "Opmerkingen": inbreng.opmerkingen,
    }


def _besproken_zonder_bijeenkomst(sessie: Session, plan: Wijkplan, inbreng_id: int, datum: dt.date, vorm: str
                                  ) -> dt.date | None:
    """De datum van een stap "Besproken met bewoners" die vóór deze correctie een bijeenkomst had (gehouden na
    de vorige stap en uiterlijk op de dag van de stap, zoals ``datalaag.wijkplannen`` vraagt) en erna niet meer."""
    stappen = sessie.execute(
        select(WijkplanStatus.status, WijkplanStatus.datum).where(WijkplanStatus.wijkplan_id == plan.id)
        .order_by(WijkplanStatus.datum, WijkplanStatus.id)
    ).all()
    if not any(s.status == "besproken_met_bewoners" for s in stappen):
        return None
    rijen = sessie.execute(
        select(Bewonersinbreng.id, Bewonersinbreng.datum, Bewonersinbreng.opmerkingen).where(
            Bewonersinbreng.wijkplan_id == plan.id, Bewonersinbreng.vorm == "bijeenkomst")).all()
    voor = [(r.datum, r.opmerkingen) for r in rijen]
    na = [(r.datum, r.opmerkingen) for r in rijen if r.id != inbreng_id]
    if vorm == "bijeenkomst":
        na.append((datum, "opmerkingen verplicht"))

    def gedekt(bijeenkomsten, vanaf: dt.date | None, stap: dt.date) -> bool:
        return any((vanaf is None or vanaf <= d) and d <= stap and o is not None and o.strip()
                   for d, o in bijeenkomsten)

    for i, stap in enumerate(stappen):
        if stap.status != "besproken_met_bewoners":
            continue
        vanaf = stappen[i - 1].datum if i > 0 else None
        if gedekt(voor, vanaf, stap.datum) and not gedekt(na, vanaf, stap.datum):
            return stap.datum
    return None


def bewaar_inbreng(sessie: Session, actor: Actor | None, wijkplan_id: Any, *, datum: Any, vorm: Any, bereik: Any,
                   opmerkingen: Any, inbreng_id: Any = None, verwachte_versie: Any = None,
                   vandaag: dt.date | None = None) -> Opgeslagen:
    """Leg nieuwe bewonersinbreng vast bij een wijkplan (``inbreng_id`` leeg), of corrigeer bestaande
    inbreng (``inbreng_id`` en de ``verwachte_versie`` die de gebruiker zag).

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    plan_id = c.geheel_getal("wijkplan", "Wijkplan", wijkplan_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    i_id = c.geheel_getal("inbreng", "Inbreng", inbreng_id, minimum=1, maximum=_MAX_ID)
    versie = None
    if i_id is not None:
        versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    inbreng_datum = c.datum("datum", VELDEN["datum"], datum, verplicht=True, vroegst=VROEGSTE_DATUM,
                            laatst=vandaag)
    gekozen_vorm = c.keuze("vorm", VELDEN["vorm"], vorm, VORM_LABELS)
    aantal = c.geheel_getal("bereik", VELDEN["bereik"], bereik, minimum=0, maximum=MAX_BEREIK_ONBEKEND,
                            verplicht=True)
    tekst = c.tekst("opmerkingen", VELDEN["opmerkingen"], opmerkingen, max_lengte=OPMERKINGEN_LENGTE)
    if tekst is None and "opmerkingen" not in c.fouten:
        c.fout("opmerkingen", f"{VELDEN['opmerkingen']}: dit veld is verplicht. Leg vast wat de bewoners "
               "opmerkten (de notitie vraagt de opmerkingen schriftelijk vast te leggen, §4.3).")
    c.klaar()

    plan = sessie.get(Wijkplan, plan_id)
    if plan is None:
        raise Invoerfout("Dit wijkplan bestaat niet (meer). Kies een plan uit de lijst.")
    wijk = sessie.get(Wijk, plan.wijk_id)
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)

    inbreng = None
    if i_id is not None:
        inbreng = sessie.get(Bewonersinbreng, i_id)
        if inbreng is None or inbreng.wijkplan_id != plan.id:
            raise Invoerfout("Deze inbreng bestaat niet (meer) of hoort niet bij dit wijkplan. Laad de pagina "
                             "opnieuw.")
        if inbreng.versie != versie:
            raise conflict(sessie, "bewonersinbreng", "Deze bewonersinbreng", inbreng, versie)

    inwoners = inwoners_van_wijk(sessie, wijk.id, inbreng_datum.year)
    if inwoners is not None and aantal > inwoners:
        raise Validatiefout({"bereik": (
            f"{VELDEN['bereik']}: {wijk.naam} telt {formatteer_getal(inwoners)} inwoners; "
            f"{formatteer_getal(aantal)} bereikte bewoners kan dus niet. Controleer het aantal.")})
    if inbreng is not None:
        stap = _besproken_zonder_bijeenkomst(sessie, plan, inbreng.id, inbreng_datum, gekozen_vorm)
        if stap is not None:
            veld = "vorm" if gekozen_vorm != "bijeenkomst" else "datum"
            raise Validatiefout({veld: (
                f"{VELDEN[veld]}: het plan werd op {formatteer_datum(stap)} \u2018Besproken met bewoners\u2019 op "
                "grond van een bewonersbijeenkomst met opmerkingen, gehouden na de vorige stap van het plan en "
                "uiterlijk op die dag. Na deze correctie is er geen zo'n bijeenkomst meer. Leg eerst die andere "
                "bijeenkomst vast, of laat deze staan als bijeenkomst in die periode.")})

    nieuw = inbreng is None
    oud = None if nieuw else _momentopname(inbreng)
    if nieuw:
        inbreng = Bewonersinbreng(wijkplan_id=plan.id)
        sessie.add(inbreng)
    inbreng.datum, inbreng.vorm, inbreng.bereik, inbreng.opmerkingen = inbreng_datum, gekozen_vorm, aantal, tekst
    if not nieuw:
        oud_diff, nieuw_diff = verschil(oud, _momentopname(inbreng))
        if not nieuw_diff:
            sessie.expire(inbreng)
            return Opgeslagen(inbreng.id, inbreng.versie, plan.id, plan.status, False, False,
                              kan_naar_besproken(sessie, plan.id, vandaag))
    inbreng.gewijzigd_door = actor.naam
    flag_modified(inbreng, "gewijzigd_door")
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze bewonersinbreng") from None
    if nieuw:
        leg_vast(sessie, actor, entiteit="bewonersinbreng", entiteit_id=inbreng.id, actie="aangemaakt", oud=None,
                 nieuw={"Wijkplan": plan.titel, **_momentopname(inbreng)}, wijk_id=wijk.id, versie=inbreng.versie)
    else:
        leg_vast(sessie, actor, entiteit="bewonersinbreng", entiteit_id=inbreng.id, actie="gewijzigd",
                 oud={"Wijkplan": plan.titel, **oud_diff}, nieuw={"Wijkplan": plan.titel, **nieuw_diff},
                 wijk_id=wijk.id, versie=inbreng.versie)
    sessie.flush()
    return Opgeslagen(inbreng.id, inbreng.versie, plan.id, plan.status, nieuw, True,
                      kan_naar_besproken(sessie, plan.id, vandaag))
