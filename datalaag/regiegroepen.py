"""De regiegroep van een wijk: instellen, leden toevoegen, rol/termijn/organisatie wijzigen en het
vertrek van een lid vastleggen (rotatie). Notitie §3.4.2.1–§3.4.2.4, §3.5.2.1 en §4.1.

Zelfde patroon als ``datalaag.voortgang``: valideren (``datalaag.validatie``) → autoriseren
(``eis(actor, "regiegroep_schrijven", wijk_id=...)``, op de wijk van het record zelf, nooit op wat de
pagina meestuurt) → versie van het lid controleren → schrijven plus één ``Mutatie`` (entiteit
``regiegroep`` of ``regiegroeplid``, met ``wijk_id``) in de transactie van de aanroeper. Bij een fout
wordt niets geschreven.

Harde regels (weigeren, met een Nederlandse melding per veld):

- precies één voorzitter tegelijk: de zittingsperioden (``termijn_van`` tot ``vertrokken_op``) van
  twee voorzitters mogen elkaar niet overlappen;
- einde zittingstermijn niet vóór het begin; vertrek niet vóór het begin van de termijn en niet in de
  toekomst; een termijn begint niet vóór de oprichting van de regiegroep;
- de stadsdeelcoördinator is iemand van de gemeente (organisatietype ``gemeente``);
- één persoon zit niet twee keer tegelijk in de regiegroep (zelfde naam);
- een oud-lid (vertrokken) wordt niet meer gewijzigd: een nieuwe periode is een nieuw lid.

Wat de notitie wenselijk noemt maar niet hard maakt, is een *waarschuwing* (de actie gaat door):
een bewoner als voorzitter (§3.4.2.1), bewoners in de regiegroep en een zo breed mogelijke
samenstelling (§3.4.2.1), een periodiek wisselende samenstelling van de bewonersvertegenwoordigers
(§3.5.2.1: een einde van de zittingstermijn, rotatie na afloop), een meldingenverantwoordelijke en
een kerngroep van voorzitter, stadsdeelcoördinator, politie, welzijnswerk, woningcorporatie en
winkeliers (§3.4.2.3), een stadsdeelcoördinator (§3.4.2.4).

Gelijktijdigheid: de database kan "één voorzitter" niet zelf bewaken. Elke schrijfactie op een lid
geeft daarom ook de regiegroep zelf een nieuwe versie (optimistic locking via ``versie``); twee
gelijktijdige acties in dezelfde regiegroep kunnen zo niet allebei slagen (de tweede krijgt
``gelijktijdig``), ook niet als ze verschillende leden raken.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import plus_maanden
from datalaag.autorisatie import Actor, eis
from datalaag.models import (
    ORGANISATIETYPEN,
    REGIEGROEP_ROLLEN,
    Regiegroep,
    Regiegroeplid,
    Wijk,
)
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
)
from datalaag.opmaak import formatteer_datum, meervoud
from datalaag.validatie import Controle, Invoerfout, Validatiefout
from datalaag.wijkpagina import (
    BINNENKORT,
    ROTATIE_BINNENKORT_MAANDEN,
    VERLOPEN,
    termijn_signaal,
)

RECHT = "regiegroep_schrijven"
NAAM_LENGTE = 200          # Regiegroep.naam, Regiegroeplid.naam en .organisatie zijn String(200)
_MAX_ID = 2**31 - 1
#: Een zittingstermijn mag hooguit zoveel maanden vooruit beginnen (een benoeming die al vaststaat).
VOORUIT_MAANDEN = 12
#: Een einde van de zittingstermijn verder weg dan dit is een tikfout.
MAX_TERMIJN_JAREN = 25
#: De eerste regiegroepen (bij de wijkontwikkelingsplannen van de eerste generatie) zijn uit de jaren negentig.
VROEGSTE_DATUM = dt.date(1990, 1, 1)

ROL_LABELS: dict[str, str] = {
    "voorzitter": "Voorzitter",
    "stadsdeelcoordinator": "Stadsdeelcoördinator",
    "meldingenverantwoordelijke": "Meldingenverantwoordelijke",
    "kerngroep": "Kerngroep",
    "lid": "Lid",
}
ROL_UITLEG: dict[str, str] = {
    "voorzitter": "leidt de regiegroep; bij voorkeur een bewoner (§3.4.2.1)",
    "stadsdeelcoordinator": "bewaakt voortgang, budget en afspraken (§3.4.2.4)",
    "meldingenverantwoordelijke": "eerste analyse en afhandeling van meldingen (§3.4.2.3)",
    "kerngroep": "snel overleg bij ernstige incidenten (§3.4.2.3)",
    "lid": "gewoon lid",
}
ORGANISATIETYPE_LABELS: dict[str, str] = {
    "bewoner": "Bewoner",
    "gemeente": "Gemeente",
    "winkeliers": "Winkeliers",
    "woningcorporatie": "Woningcorporatie",
    "welzijnswerk": "Welzijnswerk",
    "school": "School",
    "zorginstelling": "Zorginstelling",
    "religieus_genootschap": "Religieus genootschap",
    "politie": "Politie",
    "vrijwilligersorganisatie": "Vrijwilligersorganisatie",
    "belangenorganisatie": "Belangenorganisatie",
    "overig": "Overig",
}
assert tuple(ROL_LABELS) == REGIEGROEP_ROLLEN and tuple(ORGANISATIETYPE_LABELS) == ORGANISATIETYPEN

#: §3.4.2.3: de kerngroep "zou kunnen bestaan uit de voorzitter, de stadsdeelcoördinator, een
#: vertegenwoordiger van politie, welzijnswerk, woningcorporatie en winkeliers".
KERNGROEP_TYPEN = ("politie", "welzijnswerk", "woningcorporatie", "winkeliers")
#: §3.4.2.1: "Er moeten vertegenwoordigers inzitten van ..." (alles behalve "overig").
BREDE_SAMENSTELLING = tuple(t for t in ORGANISATIETYPEN if t != "overig")

VELDEN: dict[str, str] = {
    "naam": "Naam",
    "organisatietype": "Organisatietype",
    "organisatie": "Organisatie",
    "rol": "Rol",
    "termijn_van": "Begin zittingstermijn",
    "termijn_tot": "Einde zittingstermijn",
    "vertrokken_op": "Vertrokken op",
}
GROEPVELDEN: dict[str, str] = {"naam": "Naam van de regiegroep", "opgericht_op": "Opgericht op"}


def rol_label(rol: str) -> str:
    return ROL_LABELS.get(rol, rol)


def organisatietype_label(code: str) -> str:
    return ORGANISATIETYPE_LABELS.get(code, code.replace("_", " ").capitalize())


def _naamsleutel(naam: str) -> str:
    return " ".join(unicodedata.normalize("NFC", naam).casefold().split())


# --------------------------------------------------------------------------- lezen
@dataclass(frozen=True, slots=True)
class LidStand:
    id: int
    naam: str
    organisatietype: str
    organisatie: str | None
    rol: str
    termijn_van: dt.date
    termijn_tot: dt.date | None
    vertrokken_op: dt.date | None
    versie: int
    gewijzigd_door: str | None
    #: 'verlopen', 'binnenkort' (rotatie binnen ROTATIE_BINNENKORT_MAANDEN maanden) of None
    termijn_signaal: str | None

    @property
    def is_bewoner(self) -> bool:
        return self.organisatietype == "bewoner"

    @property
    def rol_label(self) -> str:
        return rol_label(self.rol)

    @property
    def organisatietype_label(self) -> str:
        return organisatietype_label(self.organisatietype)


@dataclass(frozen=True, slots=True)
class Waarschuwing:
    code: str
    tekst: str


@dataclass(frozen=True, slots=True)
class RegiegroepStand:
    wijk_id: int
    wijk_naam: str
    wijk_slug: str
    regiegroep_id: int | None       # None: de wijk heeft nog geen regiegroep
    naam: str | None
    opgericht_op: dt.date | None
    versie: int
    #: wie nu zitting heeft: voorzitter eerst, dan op rol en naam
    leden: tuple[LidStand, ...]
    #: vertrokken leden, laatst vertrokken eerst
    oud_leden: tuple[LidStand, ...]
    waarschuwingen: tuple[Waarschuwing, ...]

    @property
    def bewoners(self) -> tuple[LidStand, ...]:
        return tuple(lid for lid in self.leden if lid.is_bewoner)

    @property
    def organisaties(self) -> tuple[LidStand, ...]:
        """De leden die geen bewoner zijn, op organisatietype (in de volgorde van de notitie), rol en naam."""
        volgorde = {t: i for i, t in enumerate(ORGANISATIETYPEN)}
        return tuple(sorted((lid for lid in self.leden if not lid.is_bewoner),
                            key=lambda lid: (volgorde.get(lid.organisatietype, 99), _ROL_VOLGORDE.get(lid.rol, 9),
                                             lid.naam.casefold())))

    def lid(self, lid_id: int | None) -> LidStand | None:
        return next((lid for lid in self.leden if lid.id == lid_id), None)


_ROL_VOLGORDE = {r: i for i, r in enumerate(REGIEGROEP_ROLLEN)}


def _lid_stand(lid: Regiegroeplid, vandaag: dt.date) -> LidStand:
    signaal = termijn_signaal(lid.termijn_tot, vandaag) if lid.vertrokken_op is None else None
    return LidStand(lid.id, lid.naam, lid.organisatietype, lid.organisatie, lid.rol, lid.termijn_van,
                    lid.termijn_tot, lid.vertrokken_op, lid.versie, lid.gewijzigd_door, signaal)


def _zit_nog(lid: Regiegroeplid | LidStand, vandaag: dt.date) -> bool:
    return lid.vertrokken_op is None or lid.vertrokken_op > vandaag


def _namen(leden: list) -> str:
    namen = [lid.naam for lid in leden]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def waarschuwingen(leden: list | tuple, vandaag: dt.date) -> list[Waarschuwing]:
    """Wat de notitie wenselijk noemt en nu ontbreekt, voor de leden die nu zitting hebben (geen weigering)."""
    uit: list[Waarschuwing] = []
    if not leden:
        return [Waarschuwing("leeg", "De regiegroep heeft nog geen leden. Stel haar zo breed mogelijk samen, met "
                                     "bewoners en organisaties uit de wijk (§3.4.2.1).")]
    voorzitters = [lid for lid in leden if lid.rol == "voorzitter"]
    if not voorzitters:
        uit.append(Waarschuwing("geen_voorzitter", "De regiegroep heeft geen voorzitter. Wijs een voorzitter aan; "
                                "de notitie geeft de voorkeur aan een bewoner (§3.4.2.1)."))
    elif not any(lid.organisatietype == "bewoner" for lid in voorzitters):
        uit.append(Waarschuwing("voorzitter_geen_bewoner", f"De voorzitter ({_namen(voorzitters)}) is geen bewoner. "
                                "Om de verantwoordelijkheid van de bewoners te benadrukken, zou een bewoner "
                                "voorzitter kunnen zijn (§3.4.2.1)."))
    bewoners = [lid for lid in leden if lid.organisatietype == "bewoner"]
    if not bewoners:
        uit.append(Waarschuwing("geen_bewoners", "Er zitten geen bewoners in de regiegroep. De notitie vraagt "
                                "vertegenwoordigers van bewoners (§3.4.2.1 en §3.5.2.1)."))
    zonder_einde = [lid for lid in bewoners if lid.termijn_tot is None]
    if zonder_einde:
        uit.append(Waarschuwing("bewoners_zonder_einde", (
            f"Voor {meervoud(len(zonder_einde), 'bewonersvertegenwoordiger', 'bewonersvertegenwoordigers')} "
            f"({_namen(zonder_einde)}) is geen einde van de zittingstermijn vastgelegd. Een periodiek wisselende "
            "samenstelling is gewenst, zodat vertegenwoordigers niet los groeien van de wijkbewoners (§3.5.2.1).")))
    verlopen = [lid for lid in leden if termijn_signaal(lid.termijn_tot, vandaag) == VERLOPEN]
    if verlopen:
        uit.append(Waarschuwing("termijn_verlopen", (
            f"{meervoud(len(verlopen), 'lid zit', 'leden zitten')} na het einde van de zittingstermijn "
            f"({_namen(verlopen)}): tijd voor rotatie. Leg het vertrek vast, of verleng de termijn als de "
            "regiegroep dat zo heeft besloten.")))
    binnenkort = [lid for lid in leden if termijn_signaal(lid.termijn_tot, vandaag) == BINNENKORT]
    if binnenkort:
        uit.append(Waarschuwing("termijn_binnenkort", (
            f"De zittingstermijn van {_namen(binnenkort)} loopt binnen {ROTATIE_BINNENKORT_MAANDEN} maanden af: "
            "zoek tijdig een opvolger.")))
    if not any(lid.rol == "meldingenverantwoordelijke" for lid in leden):
        uit.append(Waarschuwing("geen_meldingenverantwoordelijke", (
            "Niemand is aangewezen als verantwoordelijke voor de eerste analyse en de afhandeling van meldingen "
            "(incidenten en klachten); de notitie vraagt daarom (§3.4.2.3).")))
    if not any(lid.rol == "stadsdeelcoordinator" for lid in leden):
        uit.append(Waarschuwing("geen_stadsdeelcoordinator", (
            "Er zit geen stadsdeelcoördinator in de regiegroep; die zou de voortgang, het budget en de opvolging "
            "van afspraken kunnen bewaken (§3.4.2.4).")))
    kern = [lid for lid in leden if lid.rol in ("kerngroep", "voorzitter")]
    if not any(lid.rol == "kerngroep" for lid in leden):
        uit.append(Waarschuwing("geen_kerngroep", (
            "Er is geen kerngroep voor snel overleg bij ernstige incidenten. De notitie noemt de voorzitter, de "
            "stadsdeelcoördinator en vertegenwoordigers van politie, welzijnswerk, woningcorporatie en winkeliers "
            "(§3.4.2.3).")))
    else:
        ontbreekt = [organisatietype_label(t).lower() for t in KERNGROEP_TYPEN
                     if not any(lid.organisatietype == t for lid in kern)]
        if ontbreekt:
            uit.append(Waarschuwing("kerngroep_onvolledig", (
                "In de kerngroep ontbreekt een vertegenwoordiger van " + _opsomming(ontbreekt) + " (§3.4.2.3).")))
    aanwezig = {lid.organisatietype for lid in leden}
    ontbreekt = [organisatietype_label(t).lower() for t in BREDE_SAMENSTELLING if t not in aanwezig]
    if ontbreekt:
        uit.append(Waarschuwing("niet_breed", (
            "Nog niet vertegenwoordigd: " + _opsomming(ontbreekt) + ". De regiegroep moet zo breed mogelijk "
            "worden samengesteld (§3.4.2.1).")))
    return uit


def _opsomming(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " en " + woorden[-1]


def regiegroep_stand(sessie: Session, wijk_id: int, vandaag: dt.date | None = None) -> RegiegroepStand | None:
    """De regiegroep van de wijk met haar huidige leden en oud-leden; ``None`` als de wijk niet bestaat.
    Drie queries (wijk, regiegroep, leden)."""
    vandaag = vandaag or dt.date.today()
    wijk = sessie.execute(select(Wijk.id, Wijk.naam, Wijk.slug).where(Wijk.id == wijk_id)).one_or_none()
    if wijk is None:
        return None
    groep = sessie.scalars(select(Regiegroep).where(Regiegroep.wijk_id == wijk_id)).one_or_none()
    if groep is None:
        return RegiegroepStand(wijk.id, wijk.naam, wijk.slug, None, None, None, 0, (), (), ())
    leden = sessie.scalars(select(Regiegroeplid).where(Regiegroeplid.regiegroep_id == groep.id)).all()
    huidig = sorted((_lid_stand(lid, vandaag) for lid in leden if _zit_nog(lid, vandaag)),
                    key=lambda lid: (_ROL_VOLGORDE.get(lid.rol, 9), lid.naam.casefold()))
    oud = sorted((_lid_stand(lid, vandaag) for lid in leden if not _zit_nog(lid, vandaag)),
                 key=lambda lid: (lid.vertrokken_op, lid.id), reverse=True)
    return RegiegroepStand(wijk.id, wijk.naam, wijk.slug, groep.id, groep.naam, groep.opgericht_op, groep.versie,
                           tuple(huidig), tuple(oud), tuple(waarschuwingen(huidig, vandaag)))


# --------------------------------------------------------------------------- schrijven: de regiegroep
@dataclass(frozen=True, slots=True)
class GroepIngesteld:
    regiegroep_id: int
    versie: int
    naam: str
    #: de wijk van de regiegroep (uit de database, niet uit wat de pagina meestuurde)
    wijk_id: int = 0
    wijk_slug: str = ""


def stel_regiegroep_in(sessie: Session, actor: Actor | None, wijk_id: Any, *, naam: Any, opgericht_op: Any,
                       vandaag: dt.date | None = None) -> GroepIngesteld:
    """Stel de regiegroep van een wijk in (§4.1: "als eerste moet er per wijk een breed samengestelde
    regiegroep geformeerd worden"). Eén per wijk.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    w_id = c.geheel_getal("wijk", "Wijk", wijk_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    groepnaam = c.tekst("naam", GROEPVELDEN["naam"], naam, verplicht=True, max_lengte=NAAM_LENGTE)
    opgericht = c.datum("opgericht_op", GROEPVELDEN["opgericht_op"], opgericht_op, verplicht=True,
                        vroegst=VROEGSTE_DATUM, laatst=vandaag)
    c.klaar()

    wijk = sessie.get(Wijk, w_id)
    if wijk is None:
        raise Invoerfout("Deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)
    bestaand = sessie.scalars(select(Regiegroep).where(Regiegroep.wijk_id == wijk.id)).one_or_none()
    if bestaand is not None:
        raise Invoerfout(f"{wijk.naam} heeft al een regiegroep ({bestaand.naam}); een wijk heeft er één. "
                         "Laad de pagina opnieuw om haar leden bij te werken.")
    groep = Regiegroep(wijk_id=wijk.id, naam=groepnaam, opgericht_op=opgericht, gewijzigd_door=actor.naam)
    sessie.add(groep)
    try:
        sessie.flush()
    except IntegrityError:
        raise gelijktijdig("een regiegroep voor deze wijk") from None
    leg_vast(sessie, actor, entiteit="regiegroep", entiteit_id=groep.id, actie="aangemaakt", oud=None,
             nieuw={"Naam": groepnaam, "Opgericht op": formatteer_datum(opgericht)}, wijk_id=wijk.id,
             versie=groep.versie)
    sessie.flush()
    return GroepIngesteld(groep.id, groep.versie, groep.naam, wijk.id, wijk.slug)


# --------------------------------------------------------------------------- schrijven: de leden
@dataclass(frozen=True, slots=True)
class LidOpgeslagen:
    lid_id: int
    versie: int
    naam: str
    gewijzigd: bool                     # False: er was niets te wijzigen (niets geschreven)
    #: waarschuwingen die deze actie oproept (de actie is wel uitgevoerd)
    waarschuwingen: tuple[str, ...] = ()
    #: de wijk van de regiegroep van het lid (uit de database, niet uit wat de pagina meestuurde)
    wijk_id: int = 0
    wijk_slug: str = ""


def _momentopname(lid: Regiegroeplid) -> dict[str, Any]:
    """Leesbare velden (label → Nederlandse waarde) voor het dossier."""
    return {
        "Naam": lid.naam,
        "Organisatietype": organisatietype_label(lid.organisatietype),
        "Organisatie": lid.organisatie,
        "Rol": rol_label(lid.rol),
        "Begin zittingstermijn": formatteer_datum(lid.termijn_van),
        "Einde zittingstermijn": None if lid.termijn_tot is None else formatteer_datum(lid.termijn_tot),
        "Vertrokken op": None if lid.vertrokken_op is None else formatteer_datum(lid.vertrokken_op),
    }


def _lees_lidvelden(c: Controle, *, organisatietype: Any, organisatie: Any, rol: Any, termijn_van: Any,
                    termijn_tot: Any, vandaag: dt.date) -> dict[str, Any]:
    """De velden die bij toevoegen en wijzigen gelden, met de regels binnen het lid zelf."""
    soort = c.keuze("organisatietype", VELDEN["organisatietype"], organisatietype, ORGANISATIETYPE_LABELS)
    org = c.tekst("organisatie", VELDEN["organisatie"], organisatie, max_lengte=NAAM_LENGTE)
    gekozen_rol = c.keuze("rol", VELDEN["rol"], rol, ROL_LABELS)
    van = c.datum("termijn_van", VELDEN["termijn_van"], termijn_van, verplicht=True, vroegst=VROEGSTE_DATUM,
                  laatst=plus_maanden(vandaag, VOORUIT_MAANDEN))
    tot = c.datum("termijn_tot", VELDEN["termijn_tot"], termijn_tot, vroegst=VROEGSTE_DATUM,
                  laatst=plus_maanden(vandaag, 12 * MAX_TERMIJN_JAREN))
    if van is not None and tot is not None and tot < van:
        c.fout("termijn_tot", f"{VELDEN['termijn_tot']}: de termijn kan niet eindigen ({formatteer_datum(tot)}) "
               f"vóór hij begint ({formatteer_datum(van)}). Controleer beide datums.")
    if gekozen_rol == "stadsdeelcoordinator" and soort is not None and soort != "gemeente":
        c.fout("rol", f"{VELDEN['rol']}: de stadsdeelcoördinator is iemand van de gemeente. Kies bij "
               "organisatietype \u201cGemeente\u201d, of kies een andere rol.")
    return {"organisatietype": soort, "organisatie": org, "rol": gekozen_rol, "termijn_van": van, "termijn_tot": tot}


def _laad_groep(sessie: Session, actor: Actor | None, regiegroep_id: int) -> tuple[Regiegroep, Wijk]:
    groep = sessie.get(Regiegroep, regiegroep_id)
    if groep is None:
        raise Invoerfout("Deze regiegroep bestaat niet (meer). Laad de pagina opnieuw.")
    wijk = groep.wijk
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)
    return groep, wijk


def _laad_lid(sessie: Session, actor: Actor | None, lid_id: int, regiegroep_id: int | None
              ) -> tuple[Regiegroeplid, Regiegroep, Wijk]:
    """Het lid, geautoriseerd op de wijk van zijn eigen regiegroep (niet op wat de pagina meestuurt)."""
    lid = sessie.get(Regiegroeplid, lid_id)
    if lid is None:
        raise Invoerfout("Dit regiegroeplid bestaat niet (meer). Laad de pagina opnieuw.")
    groep = lid.regiegroep
    wijk = groep.wijk
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)
    if regiegroep_id is not None and groep.id != regiegroep_id:
        raise Invoerfout(f"{lid.naam} is lid van de regiegroep van {wijk.naam}, niet van de regiegroep die u "
                         "bewerkt. Laad de pagina opnieuw.")
    return lid, groep, wijk


def _andere_leden(sessie: Session, groep_id: int, behalve: int | None) -> list[Regiegroeplid]:
    query = select(Regiegroeplid).where(Regiegroeplid.regiegroep_id == groep_id)
    if behalve is not None:
        query = query.where(Regiegroeplid.id != behalve)
    return list(sessie.scalars(query.order_by(Regiegroeplid.id)))


_ALTIJD = dt.date.max


def _overlapt(van: dt.date, ander: Regiegroeplid) -> bool:
    """Valt [van, altijd) samen met de zitting van ``ander`` (vanaf de termijn tot het vertrek; zonder vertrek:
    altijd)? Wie op ``van`` vertrekt, zit die dag niet meer."""
    return van < (ander.vertrokken_op or _ALTIJD)


def _controleer_groepsregels(groep: Regiegroep, andere: list[Regiegroeplid], *, naam: str | None,
                             velden: dict[str, Any], voorzitter_vanaf: dt.date, vandaag: dt.date) -> None:
    """De harde regels die van de andere leden en de regiegroep afhangen; ``Validatiefout`` per veld.

    Eén voorzitter tegelijk: wie voorzitter wordt, mag vanaf ``voorzitter_vanaf`` niet samenvallen met de
    zitting van een andere voorzitter (tot diens vertrek; zonder vertrek: altijd). Bij een nieuw lid is dat
    het begin van de zittingstermijn, bij een wijziging de dag van de wijziging (zie ``wijzig_lid``).
    """
    fouten: dict[str, str] = {}
    van = velden["termijn_van"]
    if groep.opgericht_op is not None and van < groep.opgericht_op:
        fouten["termijn_van"] = (f"{VELDEN['termijn_van']}: de regiegroep is opgericht op "
                                 f"{formatteer_datum(groep.opgericht_op)}; een zittingstermijn kan niet eerder "
                                 "beginnen.")
    if velden["rol"] == "voorzitter":
        botsend = [a for a in andere if a.rol == "voorzitter" and _overlapt(voorzitter_vanaf, a)]
        if botsend:
            a = botsend[0]
            if a.vertrokken_op is None:
                fouten["rol"] = (f"{VELDEN['rol']}: de regiegroep heeft al een voorzitter, {a.naam} (lid sinds "
                                 f"{formatteer_datum(a.termijn_van)}). Er is precies één voorzitter tegelijk. Leg "
                                 f"eerst het vertrek van {a.naam} vast of geef {a.naam} een andere rol, of kies "
                                 "hier een andere rol.")
            else:
                fouten["rol"] = (f"{VELDEN['rol']}: {a.naam} was voorzitter tot {formatteer_datum(a.vertrokken_op)}. "
                                 "Er is precies één voorzitter tegelijk: laat de zittingstermijn op of na "
                                 f"{formatteer_datum(a.vertrokken_op)} beginnen, of kies een andere rol.")
    if naam is not None:
        sleutel = _naamsleutel(naam)
        dubbel = [a for a in andere if _naamsleutel(a.naam) == sleutel and _zit_nog(a, vandaag)]
        if dubbel:
            fouten["naam"] = (f"{VELDEN['naam']}: {dubbel[0].naam} zit al in de regiegroep (als "
                              f"{rol_label(dubbel[0].rol).lower()}). Wijzig dat lid in plaats van het nog eens toe "
                              "te voegen; is het iemand anders met dezelfde naam, voeg dan bijvoorbeeld een "
                              "voorletter toe.")
    if fouten:
        raise Validatiefout(fouten)


def _lid_waarschuwingen(naam: str, velden: dict[str, Any], vandaag: dt.date) -> list[str]:
    uit = []
    if velden["rol"] == "voorzitter" and velden["organisatietype"] != "bewoner":
        uit.append(f"{naam} is geen bewoner. Om de verantwoordelijkheid van de bewoners te benadrukken, zou een "
                   "bewoner voorzitter kunnen zijn (§3.4.2.1).")
    if velden["organisatietype"] == "bewoner" and velden["termijn_tot"] is None:
        uit.append(f"Voor {naam} is geen einde van de zittingstermijn vastgelegd. Voor bewonersvertegenwoordigers "
                   "is een periodiek wisselende samenstelling gewenst (§3.5.2.1).")
    if velden["termijn_tot"] is not None and velden["termijn_tot"] < vandaag:
        uit.append(f"De zittingstermijn van {naam} is al verlopen ({formatteer_datum(velden['termijn_tot'])}): "
                   "tijd voor rotatie.")
    if velden["rol"] == "kerngroep" and velden["organisatietype"] not in (*KERNGROEP_TYPEN, "bewoner"):
        uit.append(f"De notitie noemt voor de kerngroep politie, welzijnswerk, woningcorporatie en winkeliers, "
                   f"aangevuld met een bewoner (§3.4.2.3); {organisatietype_label(velden['organisatietype']).lower()} "
                   "hoort daar niet bij. Is dat zo bedoeld?")
    return uit


#: Groepswaarschuwingen die een lid-waarschuwing al dekt (niet twee keer melden).
_AL_GEMELD = {"bewoners_zonder_einde", "termijn_verlopen", "voorzitter_geen_bewoner", "termijn_binnenkort"}


def _nieuwe_groepswaarschuwingen(voor: list[Regiegroeplid], na: list[Regiegroeplid], vandaag: dt.date) -> list[str]:
    """De waarschuwingen over de regiegroep die er door deze actie bij komen (bijv. "geen voorzitter meer")."""
    oud = {w.code for w in waarschuwingen([lid for lid in voor if _zit_nog(lid, vandaag)], vandaag)}
    if "leeg" in oud:
        return []  # het eerste lid: wat er nog ontbreekt, staat in het overzicht van de regiegroep
    return [w.tekst for w in waarschuwingen([lid for lid in na if _zit_nog(lid, vandaag)], vandaag)
            if w.code not in oud and w.code not in _AL_GEMELD]


def _raak_groep_aan(groep: Regiegroep, actor: Actor) -> None:
    """De regiegroep krijgt een nieuwe versie: zo kunnen twee gelijktijdige acties niet allebei slagen."""
    groep.gewijzigd_door = actor.naam
    flag_modified(groep, "gewijzigd_door")


def _flush(sessie: Session) -> None:
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze regiegroep") from None


def voeg_lid_toe(sessie: Session, actor: Actor | None, regiegroep_id: Any, *, naam: Any, organisatietype: Any,
                 organisatie: Any, rol: Any, termijn_van: Any, termijn_tot: Any,
                 vandaag: dt.date | None = None) -> LidOpgeslagen:
    """Voeg een lid toe aan de regiegroep.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    g_id = c.geheel_getal("regiegroep", "Regiegroep", regiegroep_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    lidnaam = c.tekst("naam", VELDEN["naam"], naam, verplicht=True, max_lengte=NAAM_LENGTE)
    velden = _lees_lidvelden(c, organisatietype=organisatietype, organisatie=organisatie, rol=rol,
                             termijn_van=termijn_van, termijn_tot=termijn_tot, vandaag=vandaag)
    c.klaar()

    groep, wijk = _laad_groep(sessie, actor, g_id)
    andere = _andere_leden(sessie, groep.id, None)
    _controleer_groepsregels(groep, andere, naam=lidnaam, velden=velden, voorzitter_vanaf=velden["termijn_van"],
                             vandaag=vandaag)

    lid = Regiegroeplid(regiegroep_id=groep.id, naam=lidnaam, gewijzigd_door=actor.naam, **velden)
    sessie.add(lid)
    _raak_groep_aan(groep, actor)
    _flush(sessie)
    leg_vast(sessie, actor, entiteit="regiegroeplid", entiteit_id=lid.id, actie="aangemaakt", oud=None,
             nieuw={k: v for k, v in _momentopname(lid).items() if v is not None}, wijk_id=wijk.id,
             versie=lid.versie)
    sessie.flush()
    meldingen = _lid_waarschuwingen(lidnaam, velden, vandaag) + _nieuwe_groepswaarschuwingen(andere, [*andere, lid],
                                                                                             vandaag)
    return LidOpgeslagen(lid.id, lid.versie, lid.naam, True, tuple(meldingen), wijk.id, wijk.slug)


def _controleer_versie(sessie: Session, lid: Regiegroeplid, versie: int) -> None:
    if lid.versie != versie:
        raise conflict(sessie, "regiegroeplid", f"Het regiegroeplid {lid.naam}", lid, versie)


def _oud_lid(lid: Regiegroeplid) -> Invoerfout:
    # Eén f-string: de naam is gebruikerstekst en mag accolades bevatten (geen ``str.format`` erop).
    return Invoerfout(f"{lid.naam} is op {formatteer_datum(lid.vertrokken_op)} uit de regiegroep vertrokken; de "
                      f"gegevens van een oud-lid worden niet meer gewijzigd. Komt {lid.naam} terug, voeg "
                      f"{lid.naam} dan opnieuw toe als lid met een nieuwe zittingstermijn.")


def wijzig_lid(sessie: Session, actor: Actor | None, lid_id: Any, *, organisatietype: Any, organisatie: Any,
               rol: Any, termijn_van: Any, termijn_tot: Any, verwachte_versie: Any, regiegroep_id: Any = None,
               vandaag: dt.date | None = None) -> LidOpgeslagen:
    """Wijzig organisatie(type), rol en zittingstermijn van een lid dat nog zitting heeft. De naam blijft:
    een ander persoon is een nieuw lid (leg dan het vertrek vast en voeg de opvolger toe).

    ``regiegroep_id`` (optioneel): de regiegroep die de gebruiker bewerkte; hoort het lid daar niet bij,
    dan wordt niets gewijzigd. Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``.

    Eén voorzitter tegelijk: het model bewaart niet sinds wanneer iemand een rol heeft (alleen de
    zittingstermijn als lid; wanneer de rol wijzigde, staat alleen in het dossier, de Mutatie-rij). Een lid
    dat al jaren zitting heeft, kan dus voorzitter worden nadat de vorige voorzitter vertrok. Deze regel
    bewaakt daarom alleen het heden en de toekomst: vanaf vandaag (of vanaf het begin van de termijn, als
    die later ligt) is er geen andere voorzitter met zitting. Eerdere perioden worden hier niet opnieuw
    getoetst; dat gebeurt bij ``voeg_lid_toe``, waar de termijn het begin van het voorzitterschap is.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    l_id = c.geheel_getal("lid", "Lid", lid_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    g_id = c.geheel_getal("regiegroep", "Regiegroep", regiegroep_id, minimum=1, maximum=_MAX_ID)
    velden = _lees_lidvelden(c, organisatietype=organisatietype, organisatie=organisatie, rol=rol,
                             termijn_van=termijn_van, termijn_tot=termijn_tot, vandaag=vandaag)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    c.klaar()

    lid, groep, wijk = _laad_lid(sessie, actor, l_id, g_id)
    _controleer_versie(sessie, lid, versie)
    if lid.vertrokken_op is not None:
        raise _oud_lid(lid)
    andere = _andere_leden(sessie, groep.id, lid.id)
    vanaf = max(velden["termijn_van"], vandaag)  # de dag van de wijziging, of later als de termijn later begint
    _controleer_groepsregels(groep, andere, naam=None, velden=velden, voorzitter_vanaf=vanaf, vandaag=vandaag)

    oud = _momentopname(lid)
    voor = [*andere, _kopie(lid)]
    for veld, waarde in velden.items():
        setattr(lid, veld, waarde)
    oud_diff, nieuw_diff = verschil(oud, _momentopname(lid))
    if not nieuw_diff:
        sessie.expire(lid)
        return LidOpgeslagen(lid.id, lid.versie, lid.naam, False, (), wijk.id, wijk.slug)
    lid.gewijzigd_door = actor.naam
    _raak_groep_aan(groep, actor)
    _flush(sessie)
    oud_diff, nieuw_diff = {"Lid": lid.naam, **oud_diff}, {"Lid": lid.naam, **nieuw_diff}
    leg_vast(sessie, actor, entiteit="regiegroeplid", entiteit_id=lid.id, actie="gewijzigd", oud=oud_diff,
             nieuw=nieuw_diff, wijk_id=wijk.id, versie=lid.versie)
    sessie.flush()
    meldingen = _lid_waarschuwingen(lid.naam, velden, vandaag) + _nieuwe_groepswaarschuwingen(voor, [*andere, lid],
                                                                                              vandaag)
    return LidOpgeslagen(lid.id, lid.versie, lid.naam, True, tuple(meldingen), wijk.id, wijk.slug)


def _kopie(lid: Regiegroeplid) -> LidStand:
    """De stand van een lid vóór de wijziging (voor de waarschuwingen die erbij komen)."""
    return LidStand(lid.id or 0, lid.naam, lid.organisatietype, lid.organisatie, lid.rol, lid.termijn_van,
                    lid.termijn_tot, lid.vertrokken_op, lid.versie or 0, lid.gewijzigd_door, None)


def leg_vertrek_vast(sessie: Session, actor: Actor | None, lid_id: Any, *, vertrokken_op: Any,
                     verwachte_versie: Any, regiegroep_id: Any = None, vandaag: dt.date | None = None
                     ) -> LidOpgeslagen:
    """Leg vast dat een lid de regiegroep verliet (rotatie, §3.5.2.1). Het lid blijft als oud-lid zichtbaar.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    l_id = c.geheel_getal("lid", "Lid", lid_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    g_id = c.geheel_getal("regiegroep", "Regiegroep", regiegroep_id, minimum=1, maximum=_MAX_ID)
    vertrek = c.datum("vertrokken_op", VELDEN["vertrokken_op"], vertrokken_op, verplicht=True,
                      vroegst=VROEGSTE_DATUM, laatst=vandaag)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    c.klaar()

    lid, groep, wijk = _laad_lid(sessie, actor, l_id, g_id)
    _controleer_versie(sessie, lid, versie)
    if lid.vertrokken_op is not None:
        raise _oud_lid(lid)
    if vertrek < lid.termijn_van:
        raise Validatiefout({"vertrokken_op": (
            f"{VELDEN['vertrokken_op']}: de zittingstermijn van {lid.naam} begon op "
            f"{formatteer_datum(lid.termijn_van)}; het vertrek kan niet eerder zijn. Controleer de datum.")})

    andere = _andere_leden(sessie, groep.id, lid.id)
    voor = [*andere, _kopie(lid)]
    oud = _momentopname(lid)
    lid.vertrokken_op = vertrek
    lid.gewijzigd_door = actor.naam
    _raak_groep_aan(groep, actor)
    _flush(sessie)
    oud_diff, nieuw_diff = verschil(oud, _momentopname(lid))
    leg_vast(sessie, actor, entiteit="regiegroeplid", entiteit_id=lid.id, actie="gewijzigd",
             oud={"Lid": lid.naam, **oud_diff}, nieuw={"Lid": lid.naam, **nieuw_diff}, wijk_id=wijk.id,
             versie=lid.versie)
    sessie.flush()
    meldingen = _nieuwe_groepswaarschuwingen(voor, andere, vandaag)
    return LidOpgeslagen(lid.id, lid.versie, lid.naam, True, tuple(meldingen), wijk.id, wijk.slug)
