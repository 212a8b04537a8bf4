"""Referentiegegevens uit de notitie "De ideale wijkaanpak" (versie 1, 6-12-2007).

Alles in dit bestand is overgenomen uit de notitie (``shared/seed/000_c6404e26d137c930.txt``):

- de zes ambities van §3.1 (ambitie "7. ?" laat de notitie open: die wordt niet geladen);
- de catalogus van mogelijke oplossingsrichtingen per ambitie uit bijlage 6 (de "?"-regels niet);
- de drie werkwijzen uit het voorwoord en de tabel in bijlage 2 §4 (WOP en Almelose wijkaanpak)
  en bijlage 4 (Sociale herovering De Riet);
- de begroting van de Sociale herovering De Riet uit bijlage 4, §7 (samen € 2.000.000).

Daarnaast, niet uit de notitie maar nodig om de methode te kunnen gebruiken: de afhandelnormen
per meldingcategorie en een standaardset indicatoren (twee à drie per ambitie), zoals die in
Nederlandse leefbaarheidsmonitors gangbaar zijn.

``laad_referentie(sessie)`` voegt toe wat nog ontbreekt (op natuurlijke sleutel) en wijzigt niets
dat er al staat: twee keer draaien voegt niets toe, en wat de beheerder heeft aangepast blijft staan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.models import Afhandelnorm, Ambitie, Indicator, Oplossingsrichting, Werkwijze

#: Waarde van ``gewijzigd_door`` voor rijen die ``laad_referentie`` aanmaakt.
DOOR_REFERENTIE = "seed-referentie"


# --------------------------------------------------------------------------- ambities (§3.1)


@dataclass(frozen=True, slots=True)
class AmbitieDef:
    nummer: int
    korte_naam: str
    tekst: str


#: De ambities van §3.1, tekst letterlijk (regels samengevoegd tot één regel).
AMBITIES: tuple[AmbitieDef, ...] = (
    AmbitieDef(
        1,
        "Betrokkenheid",
        "Bewoners voelen zich op elkaar betrokken, hebben aandacht voor elkaar en ondersteunen/helpen elkaar",
    ),
    AmbitieDef(
        2,
        "Leefbaarheid",
        "Bewoners voelen zich verantwoordelijk voor de leefbaarheid van de wijk (schoon, heel en veilig) "
        "en durven elkaar daarop aan te spreken c.q. kunnen elkaar daarop aanspreken",
    ),
    AmbitieDef(3, "Signalering", "Problemen worden zo snel mogelijk gesignaleerd en aangepakt"),
    AmbitieDef(4, "Maatschappelijk actief", "Iedereen is maatschappelijk actief"),
    AmbitieDef(5, "Wonen naar wens", "Iedereen kan net zo lang in de wijk wonen als men wil"),
    AmbitieDef(6, "Ontspanning", "Iedereen kan zich in de wijk ontspannen/vermaken"),
)


# --------------------------------------------------------------------------- oplossingsrichtingen (bijlage 6)

#: Bijlage 6, per ambitienummer de items a, b, c, … in volgorde (de "?"-regel aan het eind niet).
OPLOSSINGSRICHTINGEN: dict[int, tuple[str, ...]] = {
    1: (
        "Straatversiering",
        "Spelactiviteiten, etc.",
        "Buurtkamers/buurtgesprekken",
        "Winkels als ontmoetingspunt",
        "Vakantieweken",
        "Wijkfeesten, als Rembrandt Fiësta",
        "Klussenbedrijf",
        "Straatontbijt",
        "Buurtrestaurant/gezamenlijke maaltijden",
        "Smaak en kooklessen",
        "Spelvoorzieningen (bv. jeu de boules veld)",
        "Wijkwebsite",
        "Nieuwsbrief",
        "Een gedragsverandering",
    ),
    2: (
        "Buurtbeheer",
        "Wijkpolitie",
        "Groenploegen",
        "Cleanteam",
        "Stadsetiquette",
        "Veiligheidsanalyse",
        "Goed bereikbaar meldpunt voor problemen/klachten",
        "Snelle afhandeling van klachten en aanpak van problemen/knelpunten",
        "Controle op naleving van regels/afspraken en sanctiemogelijkheden, milieucontrole",
        "Infobulletin",
        "Oversteekvoorzieningen",
        "(Verlichte) fietsroutes",
        "Parkeervoorzieningen",
        "Een gedragsverandering",
    ),
    3: (
        "Goed bereikbaar meldpunt voor incidenten/klachten",
        "Signalering via kindgerichte voorzieningen, (als: centrum voor jeugd en gezin, kinderopvang, "
        "scholen, voor- en naschoolse opvang, ouderkamer)",
        "Kans/jeugdhulpteam",
        "Ondersteuning bij en snelle aanpak van problemen en klachten. Burgers zelf leren problemen aan te pakken.",
        "Buurtbemiddeling.",
        "Stimuleren ouderbetrokkenheid",
        "Vindplaatsen",
        "Geluksbudget",
        "Sanctiemogelijkheden",
    ),
    4: (
        "Actieve bemiddeling naar werk of maatschappelijke activering",
        "Gerichte ondersteuning",
        "Mogelijkheden in de wijk om actief te zijn: buurtbeheer, wijkeconomie, eigen bedrijfjes",
        "Scoren op school en arbeidsmarkt",
        "Revitalisering bedrijventerreinen",
    ),
    5: (
        "Levensloopbestendige woningen",
        "Gevarieerd woningbestand",
        "Zorgvoorzieningen, zoals apotheek, huisarts, fysiotherapeut, woonzorgzones, bank/postagentschap",
        "Aan huis bezorging",
        "Bestellen via email/website",
        "Voldoende winkels voor eerste levensonderhoud",
        "Basisscholen (Brede Buurtschool)",
        "Klussendienst",
        "Servicepunt gemeente",
        "Mantelzorg",
    ),
    6: (
        "Voldoende groen",
        "Speelmogelijkheden voor kleine kinderen",
        "Kinderboerderij",
        "Multifunctionele sportveldjes",
        "Sportmogelijkheden; bv. voetbalclinics",
        "Sportbuurtwerk",
        "Activiteiten voor alle leeftijden",
        "Wijk/buurtcentrum",
        "Ruimtes in kerken/scholen",
        "Buurtkamer",
        "Jeu de boules veld",
    ),
}


def letter(index: int) -> str:
    """De letter van het ``index``-de item (0 → 'a')."""
    return chr(ord("a") + index)


# --------------------------------------------------------------------------- werkwijzen


@dataclass(frozen=True, slots=True)
class WerkwijzeDef:
    code: str
    naam: str
    omschrijving: str
    looptijd: str
    afbakening: str


#: Voorwoord en bijlage 2 §4 ("Tabel verschillen WOP en Almelose wijkaanpak"); SHR: bijlage 4.
WERKWIJZEN: tuple[WerkwijzeDef, ...] = (
    WerkwijzeDef(
        "WOP",
        "Wijkontwikkelingsplan",
        "In 1996 is gestart met het opstellen van wijkontwikkelingsplannen; voor Kerkelanden, "
        "Ossenkoppelerhoek en Sluitersveld zijn deze gerealiseerd. Beleidsniveau: integraal strategisch, "
        "tactisch niveau. Meerjarige plannen. Visie: ruimtelijk-fysiek, economisch en sociaal-maatschappelijk. "
        "Regie/aansturing: regiegroep, intern en extern. Bewoners worden ingezet via bewonersorganisaties. "
        "Middelen: geen, uit regulier beleid.",
        "10 – 15 jaar",
        "Wijkniveau",
    ),
    WerkwijzeDef(
        "AWA",
        "Almelose wijkaanpak",
        "In juni 2006 heeft de raad besloten tot invoering van de Almelose Wijkaanpak. Beleidsniveau: "
        "operationeel. Jaarplannen; kortlopende plannen van maximaal 2 jaar. Visie: leefbaarheid met nadruk op "
        "bewonersparticipatie. Regie/aansturing: gemeente; de stadsdeelcoördinator heeft bevoegdheden, o.a. als "
        "projectleider. Bewonersorganisaties doen alleen in de voorbereidingsfase mee; wijk- en buurtbewoners "
        "individueel, met inzet van bewoners. Middelen: stadsdeelbudgetten.",
        "2 jaar",
        "Buurt-straatniveau",
    ),
    WerkwijzeDef(
        "SHR",
        "Sociale herovering",
        "In 2007 is in De Riet een andere aanpak gestart onder de naam “Sociale Herovering De Riet”, met € 2 mln. "
        "aan Pechthold gelden. Ambities: Grip op je leven!, Verbeter je buurt! en Samen werken!. Activiteiten o.a. "
        "geluksbudgetten met een ontwikkelcoach, een buurtrestaurant, smaak- en kooklessen, Hart voor Heracles, "
        "een Buurt Beheerbedrijf, snelle fysieke ingrepen en een wijkfonds (bijlage 4).",
        "Meerjarig programma, gestart in 2007",
        "Wijk (De Riet), ook achter de voordeur",
    ),
)


# --------------------------------------------------------------------------- begroting De Riet (bijlage 4 §7)

#: Bijlage 4, §7 "Budget": (aspect, bedrag in euro's), in de volgorde van de tabel.
RIET_BEGROTING: tuple[tuple[str, int], ...] = (
    ("Geluksbudgetten", 225_000),
    ("Buurtrestaurant", 100_000),
    ("Smaak- en kooklessen", 10_000),
    ("Hart voor Heracles", 250_000),
    ("Vrijetijdsbesteding jeugd en jongeren", 100_000),
    ("Buurtbeheerbedrijf", 250_000),
    ("Fysieke ingrepen", 300_000),
    ("Communicatie", 100_000),
    ("Wijkfonds", 200_000),
    ("Uitvoering / begeleiding", 165_000),
    ("Kosten specifieke begeleiding / onvoorzien", 300_000),
)
#: De regel "Totaal" van dezelfde tabel.
RIET_TOTAAL = 2_000_000

assert sum(bedrag for _, bedrag in RIET_BEGROTING) == RIET_TOTAAL, "begroting De Riet telt niet op tot het totaal"


# --------------------------------------------------------------------------- afhandelnormen

#: Norm voor de afhandeltijd per meldingcategorie, in werkdagen.
AFHANDELNORMEN: dict[str, int] = {
    "schoon": 5,
    "heel": 10,
    "veilig": 2,
    "overlast": 5,
    "sociaal": 10,
    "overig": 10,
}


# --------------------------------------------------------------------------- indicatoren


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    naam: str
    eenheid: str
    ambitie: int
    bron: str
    richting: str
    is_telling: bool = False
    meetfrequentie_maanden: int = 12


BRON_MONITOR = "Leefbaarheidsmonitor (enquête)"
BRON_MELDINGEN = "Meldingen"

#: Standaardset indicatoren, twee à drie per ambitie. ``is_telling``: de meting is een aantal in
#: de meetperiode, dat het dashboard per 1.000 inwoners toont.
INDICATOREN: tuple[IndicatorDef, ...] = (
    IndicatorDef("Sociale cohesie (schaalscore 0–10)", "schaalscore 0–10", 1, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef("% bewoners met regelmatig contact met buren", "%", 1, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef("% bewoners dat zich verantwoordelijk voelt voor de buurt", "%", 2, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef(
        "Meldingen verloedering per 1.000 inwoners",
        "per 1.000 inwoners",
        2,
        BRON_MELDINGEN,
        "lager_is_beter",
        is_telling=True,
        meetfrequentie_maanden=3,
    ),
    IndicatorDef("% bewoners dat zich wel eens onveilig voelt in de buurt", "%", 2, BRON_MONITOR, "lager_is_beter"),
    IndicatorDef(
        "% meldingen binnen norm afgehandeld", "%", 3, BRON_MELDINGEN, "hoger_is_beter", meetfrequentie_maanden=3
    ),
    IndicatorDef("% bewoners dat weet waar problemen te melden zijn", "%", 3, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef("% bewoners dat vrijwilligerswerk doet", "%", 4, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef("% huishoudens met een bijstandsuitkering", "%", 4, "CBS / Sociale Zaken", "lager_is_beter"),
    IndicatorDef("% jongeren (18–23 jaar) met startkwalificatie", "%", 4, "DUO / RMC-regio Twente", "hoger_is_beter"),
    IndicatorDef("% 65-plussers dat zelfstandig woont", "%", 5, "CBS / Wmo-registratie", "hoger_is_beter"),
    IndicatorDef("% bewoners dat verwacht over 2 jaar nog in de wijk te wonen", "%", 5, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef(
        "Tevredenheid woning en woonomgeving (rapportcijfer)", "rapportcijfer", 5, BRON_MONITOR, "hoger_is_beter"
    ),
    IndicatorDef("Tevredenheid voorzieningen (rapportcijfer)", "rapportcijfer", 6, BRON_MONITOR, "hoger_is_beter"),
    IndicatorDef("% jeugd (4–17 jaar) lid van een sportvereniging", "%", 6, "Sportbedrijf Almelo", "hoger_is_beter"),
    IndicatorDef("% bewoners dat vaak overlast van jongeren ervaart", "%", 6, BRON_MONITOR, "lager_is_beter"),
)


# --------------------------------------------------------------------------- laden


def laad_referentie(sessie: Session) -> None:
    """Voeg de referentiegegevens toe die nog ontbreken; bestaande rijen blijven ongemoeid.

    Sleutels: ambitie op nummer, oplossingsrichting op (ambitie, letter), werkwijze op code,
    afhandelnorm op categorie, indicator op naam. Flusht, maar commit niet: dat doet de aanroeper.
    """
    bestaande_werkwijzen = set(sessie.scalars(select(Werkwijze.code)))
    for werkwijze in WERKWIJZEN:
        if werkwijze.code not in bestaande_werkwijzen:
            sessie.add(
                Werkwijze(
                    code=werkwijze.code,
                    naam=werkwijze.naam,
                    omschrijving=werkwijze.omschrijving,
                    looptijd=werkwijze.looptijd,
                    afbakening=werkwijze.afbakening,
                )
            )

    ambities = {a.nummer: a for a in sessie.scalars(select(Ambitie))}
    for definitie in AMBITIES:
        if definitie.nummer not in ambities:
            ambitie = Ambitie(
                nummer=definitie.nummer,
                korte_naam=definitie.korte_naam,
                tekst=definitie.tekst,
                gewijzigd_door=DOOR_REFERENTIE,
            )
            sessie.add(ambitie)
            ambities[definitie.nummer] = ambitie
    sessie.flush()

    bestaande_richtingen = {
        (ambitie_id, letter_)
        for ambitie_id, letter_ in sessie.execute(select(Oplossingsrichting.ambitie_id, Oplossingsrichting.letter))
    }
    for nummer, teksten in OPLOSSINGSRICHTINGEN.items():
        ambitie_id = ambities[nummer].id
        for index, tekst in enumerate(teksten):
            if (ambitie_id, letter(index)) not in bestaande_richtingen:
                sessie.add(
                    Oplossingsrichting(
                        ambitie_id=ambitie_id, letter=letter(index), tekst=tekst, gewijzigd_door=DOOR_REFERENTIE
                    )
                )

    bestaande_normen = set(sessie.scalars(select(Afhandelnorm.categorie)))
    for categorie, werkdagen in AFHANDELNORMEN.items():
        if categorie not in bestaande_normen:
            sessie.add(Afhandelnorm(categorie=categorie, werkdagen=werkdagen, gewijzigd_door=DOOR_REFERENTIE))

    bestaande_indicatoren = set(sessie.scalars(select(Indicator.naam)))
    for indicator in INDICATOREN:
        if indicator.naam not in bestaande_indicatoren:
            sessie.add(
                Indicator(
                    naam=indicator.naam,
                    eenheid=indicator.eenheid,
                    ambitie_id=ambities[indicator.ambitie].id,
                    bron=indicator.bron,
                    richting=indicator.richting,
                    is_telling=indicator.is_telling,
                    meetfrequentie_maanden=indicator.meetfrequentie_maanden,
                    gewijzigd_door=DOOR_REFERENTIE,
                )
            )
    sessie.flush()
