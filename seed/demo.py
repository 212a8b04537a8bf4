"""Deterministische demonstratiegegevens voor het wijkaanpak-dashboard (alles verzonnen).

``genereer_demo(sessie, schaal=1, seed=2008, vandaag=...)`` vult een lege database met twaalf
Almelose wijken in vier stadsdelen, de jaren 2008 t/m ``vandaag.year``: regiegroepen, wijkplannen
met hun levenscyclus, wijkanalyses, doelstellingen en metingen, maatregelen met voortgang,
oormerken met uitgaven, meldingen, evaluaties, toezeggingen en één demo-account per rol. Eén
``random.Random(seed)`` bepaalt alles; de klok speelt alleen mee via ``vandaag``. Zelfde seed en
zelfde ``vandaag`` geven dezelfde rijen (behalve wachtwoord-hashes en tijdstempels).

De functie flusht maar commit niet: dat doet de aanroeper.

Verhalen (zichtbaar in de UI, met ``vandaag`` = 27-11-2026 en seed 2008)
-----------------------------------------------------------------------
- **Sluitersveld verbetert** (WOP, stadsdeel Oost). Vanaf 2010 stijgen de waarderingen in de
  evaluaties en wijkanalyses jaar op jaar (van ca. 6 naar ca. 8), de metingen bewegen de goede kant
  op, de doelstellingen van het lopende WOP 2022–2033 liggen op koers, het aantal meldingen daalt
  en ze worden steeds vaker binnen de norm afgehandeld. Maatregelen lopen volgens planning.
- **Kerkelanden raakt achter** (WOP, stadsdeel Noord). Tot 2016 licht stijgend, daarna dalen de
  waarderingen en verslechteren de metingen: de doelstellingen van het WOP 2021–2032 staan
  ``ver_achter``, ook nadat de raad in 2025 twee streefwaarden heeft verlaagd (DoelstellingBijstelling).
  Veel maatregelen zijn ``vertraagd`` of lopen nog na hun einddatum, de meldingen nemen toe en
  worden vaker te laat afgehandeld (er staan er een paar al maanden open), minder vaak aan de
  regiegroep gemeld, en over vorig jaar is géén evaluatie ingediend.
- **Windmolenbroek overschrijdt zijn oormerk** (AWA, stadsdeel Noord): vorig jaar ca. 114% en dit
  jaar al ca. 108% van het stadsdeelbudget uitgegeven.
- **Aalderinkshoek besteedt te weinig** (AWA, stadsdeel Zuid): in het laatste kwartaal van het jaar
  is nog geen 40% van het oormerk uitgegeven.
- **Ossenkoppelerhoek heeft openstaande toezeggingen** (WOP, stadsdeel Zuid, wethouder Anne
  Brinkhuis): vier toezeggingen uit de afgelopen veertien maanden staan nog open terwijl hun termijn
  verstreken is; elders is hooguit een enkele toezegging te laat.
  Het lopende WOP 2020–2031 is in 2019 eerst door de raad terugverwezen en daarna vastgesteld.
- **De Riet, Sociale herovering** (SHR, stadsdeel Noord): het oormerk "Sociale herovering De Riet"
  2008–2011 van € 2.000.000 (rijksgelden wijkenaanpak, de "Pechthold gelden") met de elf
  budgetposten van bijlage 4; de uitgaven (o.a. geluksbudgetten van € 750 per huishouden) lopen
  gelijkmatig over 2008–2011 en benutten het budget vrijwel volledig. In 2008–2011 stijgen de
  waarderingen sterk, daarna stabiel. Vervolgplannen van vier jaar; de raad verhoogde in 2025 een
  streefwaarde.
- **Geen evaluatie over vorig jaar** voor Kerkelanden en Beeklust; Schelfhorst en Nijrees hebben
  alleen een concept (de Rekenkamercommissie vond destijds geen enkele evaluatie).
- **Achterstallige meting**: in Hofkamp is "% bewoners dat vrijwilligerswerk doet" sinds
  31-12-2024 niet meer gemeten, terwijl het lopende wijkplan er een doelstelling op heeft.
- **Wijkplannen in elke fase**: de wijkplannen 2027–2028 van Schelfhorst (concept),
  Nieuwstraatkwartier (besproken met bewoners), Aalderinkshoek (definitief voorstel) en Hofkamp
  (door de raad terugverwezen: doelstellingen niet meetbaar); lopende plannen zijn vastgesteld of
  geëvalueerd; Kerkelanden, Sluitersveld en Ossenkoppelerhoek hebben nog hun WOP van vóór 2008
  zonder toets en zonder SMART-doelstellingen.
- **Regiegroepen**: de voorzitter van de regiegroep Binnenstad is geen bewoner maar de voorzitter
  van de ondernemersvereniging; in meerdere regiegroepen zitten leden van wie de zittingstermijn
  verstreken is.
- **Demo-accounts** ``<rol>@demo.almelo.nl`` met wachtwoord ``demo-<rol>``; de wethouder is Anne
  Brinkhuis (portefeuillehouder van o.a. Ossenkoppelerhoek), de coördinator is Marieke ter Horst
  (Kerkelanden, De Riet en Windmolenbroek).

``schaal`` vermenigvuldigt meldingen, uitgaven, maatregelen en toezeggingen (ongeveer lineair); het
aantal wijken blijft twaalf. Voor een dataset op de schaal van een G4-gemeente (100 wijken, 20 jaar,
3 miljoen meldingen, in bulk) zie ``seed.groot``: die gebruikt deze generator via de haakjes van ``_Demo``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from datalaag.afgeleid import is_werkdag, werkdagen_tussen
from datalaag.models import (
    ROLLEN,
    Afhandelnorm,
    Ambitie,
    Base,
    Bewonersinbreng,
    Budgetpost,
    Doelstelling,
    DoelstellingBijstelling,
    Evaluatie,
    EvaluatieAmbitie,
    Gebruiker,
    Indicator,
    Maatregel,
    MaatregelVoortgang,
    Melding,
    Meting,
    Oormerk,
    Oplossingsrichting,
    Regiegroep,
    Regiegroeplid,
    Stadsdeel,
    Toezegging,
    Uitgave,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
    WijkInwoners,
    Wijkplan,
    WijkplanStatus,
)
from seed.referentie import RIET_BEGROTING, RIET_TOTAAL, laad_referentie

#: Waarde van ``gewijzigd_door`` op alle demorijen.
DOOR = "demo-seed"
EERSTE_JAAR = 2008

# --------------------------------------------------------------------------- de verhalen (zie docstring)

STIJGENDE_WIJK = "Sluitersveld"
DALENDE_WIJK = "Kerkelanden"
OVERBESTEDENDE_WIJK = "Windmolenbroek"
ONDERBESTEDENDE_WIJK = "Aalderinkshoek"
TOEZEGGINGEN_WIJK = "Ossenkoppelerhoek"
RIET = "De Riet"
VOORZITTER_GEEN_BEWONER = "Binnenstad"
ZONDER_EVALUATIE_VORIG_JAAR: tuple[str, ...] = ("Kerkelanden", "Beeklust")
CONCEPT_EVALUATIE_VORIG_JAAR: tuple[str, ...] = ("Schelfhorst", "Nijrees")
ACHTERSTALLIGE_METING: tuple[str, str] = ("Hofkamp", "% bewoners dat vrijwilligerswerk doet")
#: Doelstellingen die de raad heeft bijgesteld: wijk → (aantal, factor op de beoogde verandering).
BIJSTELLINGEN: dict[str, tuple[int, float]] = {DALENDE_WIJK: (2, 0.5), RIET: (1, 1.4)}
#: Budgetbenutting die de verhalen afdwingen.
OVERBESTEDING_VORIG_JAAR = 1.14
OVERBESTEDING_DIT_JAAR = 1.08
ONDERBESTEDING_DIT_JAAR = 0.38
#: Aantal maatregelen in het lopende plan van de dalende wijk dat achter op schema ligt.
MAATREGELEN_ACHTER = 4
#: Aantal toezeggingen van de toezeggingen-wijk dat open is met verstreken termijn.
TE_LATE_TOEZEGGINGEN = 4

# --------------------------------------------------------------------------- stadsdelen en wijken


@dataclass(frozen=True, slots=True)
class StadsdeelProfiel:
    naam: str
    coordinator: str
    wethouder: str


@dataclass(frozen=True, slots=True)
class WijkProfiel:
    """Vaste kenmerken van een wijk waaruit de generator alle rijen afleidt.

    ``verloop``: (vanaf jaar, verandering van de waardering in rapportcijferpunten per jaar);
    ``meldingdruk``: (jaar, factor) op het aantal meldingen per inwoner, lineair geïnterpoleerd;
    plannen: het eerste plan begint in ``planstart`` en duurt ``eerste_looptijd`` jaar, daarna
    steeds ``looptijd`` jaar; ``volgend_plan``: de fase die een plan voor volgend jaar vandaag heeft.
    """

    naam: str
    stadsdeel: str
    werkwijze: str
    inwoners: int
    groei: float
    kwetsbaarheid: float
    verloop: tuple[tuple[int, float], ...]
    meldingdruk: tuple[tuple[int, float], ...]
    planstart: int
    eerste_looptijd: int
    looptijd: int
    buurten: tuple[str, ...]
    straten: tuple[str, ...]
    oud_wop: tuple[int, int] | None = None
    volgend_plan: str = "concept"


STADSDELEN: tuple[StadsdeelProfiel, ...] = (
    StadsdeelProfiel("Noord", "Marieke ter Horst", "Gerrit Nijhuis"),
    StadsdeelProfiel("Oost", "Jeroen Lammers", "Fatma Özdemir"),
    StadsdeelProfiel("Zuid", "Saskia Wolters", "Anne Brinkhuis"),
    StadsdeelProfiel("Centrum-West", "Hakan Demir", "Fatma Özdemir"),
)

WIJKEN: tuple[WijkProfiel, ...] = (
    WijkProfiel(
        "Kerkelanden", "Noord", "WOP", 8100, 0.000, 0.10,
        ((2008, 0.04), (2016, -0.13)), ((2008, 1.0), (2016, 1.05), (2026, 2.0)),
        2009, 12, 12,
        ("Kerkelanden-Noord", "Kerkelanden-Zuid", "Groenedaal"),
        ("Kerkelandenweg", "Bellinckhof", "Jan van Goyenstraat", "Vondellaan", "Hoge Esch"),
        oud_wop=(1997, 2008),
    ),
    WijkProfiel(
        "Sluitersveld", "Oost", "WOP", 5600, 0.002, 0.45,
        ((2008, 0.02), (2010, 0.13)), ((2008, 1.5), (2010, 1.5), (2026, 0.75)),
        2009, 13, 12,
        ("Sluitersveld-Noord", "Sluitersveld-Zuid", "Rembrandtbuurt"),
        ("Sluitersveldssingel", "Rembrandtlaan", "Frans Halsstraat", "Vermeerstraat", "Jan Steenstraat"),
        oud_wop=(1998, 2008),
    ),
    WijkProfiel(
        "Ossenkoppelerhoek", "Zuid", "WOP", 6300, 0.008, -0.10,
        ((2008, 0.06),), ((2008, 1.0),),
        2009, 11, 12,
        ("Ossenkoppelerhoek-Noord", "Ossenkoppelerhoek-Midden", "Ossenkoppelerhoek-Zuid"),
        ("Ossenkoppelerweg", "Eskerplein", "Sportlaan", "Hagenpad", "Schuilenburg"),
        oud_wop=(1999, 2008),
    ),
    WijkProfiel(
        "De Riet", "Noord", "SHR", 3600, -0.003, 0.90,
        ((2008, 0.26), (2012, 0.06)), ((2008, 2.0), (2012, 1.35)),
        2008, 4, 4,
        ("Riet-Noord", "Riet-Zuid", "Rietvogelbuurt"),
        ("Rietstraat", "Violierstraat", "Tulpstraat", "Hyacintstraat", "Krokusstraat"),
    ),
    WijkProfiel(
        "Windmolenbroek", "Noord", "AWA", 6900, 0.012, -0.60,
        ((2008, 0.05),), ((2008, 0.8),),
        2008, 2, 2,
        ("Windmolenbroek-West", "Windmolenbroek-Oost", "Molenerf"),
        ("Windmolenbroeksweg", "Korenmolen", "Standerdmolen", "Wiekenweg", "Molenerf"),
    ),
    WijkProfiel(
        "Binnenstad", "Centrum-West", "AWA", 3100, 0.006, 0.20,
        ((2008, 0.06),), ((2008, 2.0),),
        2008, 2, 2,
        ("Centrum", "Stationsbuurt", "Paradijs"),
        ("Grotestraat", "Marktstraat", "Koornmarkt", "Wierdensestraat", "Ootmarsumsestraat"),
    ),
    WijkProfiel(
        "Schelfhorst", "Zuid", "AWA", 8600, 0.002, -0.40,
        ((2008, 0.06),), ((2008, 0.8),),
        2008, 1, 2,
        ("Schelfhorst-Noord", "Schelfhorst-Zuid", "Het Bosrijk"),
        ("Schelfhorstweg", "Dollegoorweg", "Noorderhagen", "Tusveld", "Bosrijkpad"),
        volgend_plan="concept",
    ),
    WijkProfiel(
        "Nieuwstraatkwartier", "Oost", "AWA", 4400, 0.000, 0.55,
        ((2008, 0.065),), ((2008, 1.3),),
        2008, 1, 2,
        ("Nieuwstraatkwartier-Noord", "Nieuwstraatkwartier-Zuid"),
        ("Nieuwstraat", "Bornsestraat", "Schoolstraat", "Haaksbergerstraat", "Kreekstraat"),
        volgend_plan="besproken_met_bewoners",
    ),
    WijkProfiel(
        "Hofkamp", "Centrum-West", "AWA", 4000, 0.000, 0.35,
        ((2008, 0.06),), ((2008, 1.1),),
        2008, 1, 2,
        ("Hofkamp-Oost", "Hofkamp-West"),
        ("Hofkampstraat", "Sumatrastraat", "Javastraat", "Celebesstraat", "Borneostraat"),
        volgend_plan="terugverwezen",
    ),
    WijkProfiel(
        "Aalderinkshoek", "Zuid", "AWA", 3500, 0.000, 0.00,
        ((2008, 0.055),), ((2008, 1.0),),
        2008, 1, 2,
        ("Aalderinkshoek-Noord", "Aalderinkshoek-Zuid"),
        ("Aalderinkssingel", "Aalderinksweg", "Egelantierstraat", "Meidoornstraat", "Vlierstraat"),
        volgend_plan="definitief_voorstel",
    ),
    WijkProfiel(
        "Nijrees", "Oost", "AWA", 6100, 0.004, -0.20,
        ((2008, 0.06),), ((2008, 0.9),),
        2008, 2, 2,
        ("Nijrees-Noord", "Nijrees-Zuid", "Schuttersveld"),
        ("Nijreessingel", "Schuttersveldweg", "Bolkshoekweg", "Esweg", "Kolthofsingel"),
    ),
    WijkProfiel(
        "Beeklust", "Centrum-West", "AWA", 4500, 0.001, 0.15,
        ((2008, 0.05),), ((2008, 1.0),),
        2008, 2, 2,
        ("Beeklust-Noord", "Beeklust-Zuid"),
        ("Beeklustweg", "Aabeekpad", "Vennestraat", "Boekweitstraat", "Molenbeek"),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------- meetmodel per indicator


@dataclass(frozen=True, slots=True)
class Meetmodel:
    """Hoe een indicator zich in de demo gedraagt.

    waarde = basis − kwetsbaarheid × spreiding + per_punt × verbetering (in de goede richting),
    plus ruis. Bij een telling is dat een aantal per 1.000 inwoners per meetperiode.
    """

    basis: float
    spreiding: float
    per_punt: float
    decimalen: int
    minimum: float
    maximum: float


MEETMODELLEN: dict[str, Meetmodel] = {
    "Sociale cohesie (schaalscore 0–10)": Meetmodel(5.6, 0.8, 1.0, 1, 0, 10),
    "% bewoners met regelmatig contact met buren": Meetmodel(55, 8, 5, 1, 0, 100),
    "% bewoners dat zich verantwoordelijk voelt voor de buurt": Meetmodel(48, 7, 5, 1, 0, 100),
    "Meldingen verloedering per 1.000 inwoners": Meetmodel(9, 3, 1.5, 0, 0.5, 1e6),
    "% bewoners dat zich wel eens onveilig voelt in de buurt": Meetmodel(28, 8, 4, 1, 0, 100),
    "% meldingen binnen norm afgehandeld": Meetmodel(82, 4, 4, 1, 0, 100),
    "% bewoners dat weet waar problemen te melden zijn": Meetmodel(62, 5, 5, 1, 0, 100),
    "% bewoners dat vrijwilligerswerk doet": Meetmodel(24, 5, 2.5, 1, 0, 100),
    "% huishoudens met een bijstandsuitkering": Meetmodel(7.5, 4, 0.8, 1, 0, 100),
    "% jongeren (18–23 jaar) met startkwalificatie": Meetmodel(72, 8, 4, 1, 0, 100),
    "% 65-plussers dat zelfstandig woont": Meetmodel(88, 3, 1.5, 1, 0, 100),
    "% bewoners dat verwacht over 2 jaar nog in de wijk te wonen": Meetmodel(78, 6, 3, 1, 0, 100),
    "Tevredenheid woning en woonomgeving (rapportcijfer)": Meetmodel(7.1, 0.5, 0.8, 1, 1, 10),
    "Tevredenheid voorzieningen (rapportcijfer)": Meetmodel(6.7, 0.4, 0.8, 1, 1, 10),
    "% jeugd (4–17 jaar) lid van een sportvereniging": Meetmodel(52, 8, 4, 1, 0, 100),
    "% bewoners dat vaak overlast van jongeren ervaart": Meetmodel(18, 7, 3, 1, 0, 100),
}
#: Standaardafwijking van de meetruis, in rapportcijferpunten (tellingen: relatief). De ruis is
#: autocorrelerend (AR(1) met ``RUIS_AUTOCORRELATIE`` per jaar), zoals bij een panelonderzoek.
RUIS_PUNTEN = 0.10
RUIS_TELLING = 0.05
RUIS_AUTOCORRELATIE = 0.9
#: Gemiddelde waardering per ambitie t.o.v. het wijkgemiddelde.
AMBITIE_AFWIJKING: dict[int, float] = {1: 0.0, 2: -0.2, 3: -0.1, 4: -0.4, 5: 0.3, 6: 0.1}

# --------------------------------------------------------------------------- namen en teksten

VOORNAMEN: tuple[str, ...] = (
    "Anna", "Bart", "Carla", "Dennis", "Esther", "Frank", "Gerda", "Hans", "Ineke", "Jan", "Karin",
    "Lucas", "Monique", "Niels", "Olga", "Peter", "Ria", "Sander", "Tineke", "Wim", "Yvonne", "Ahmet",
    "Ayşe", "Mohamed", "Fatima", "Kevin", "Linda", "Marco", "Nadia", "Ricardo", "Sevda", "Thijs",
    "Wendy", "Gijs", "Henk", "Joke", "Bram", "Ilse", "Mehmet", "Priya",
)  # fmt: skip
ACHTERNAMEN: tuple[str, ...] = (
    "Oude Elferink", "Kamphuis", "Bosch", "ter Haar", "Lohuis", "Brinkman", "Kuipers", "Smit",
    "de Vries", "Hendriks", "Mulder", "Pinas", "El Amrani", "Oosterveld", "Bruggink", "Tijhuis",
    "Geerdink", "Kleinsman", "Schuttert", "Olthof", "Haverkate", "Morsink", "Dijkhuis", "Wesselink",
    "Kok", "Aydın", "Koçak", "Veldhuis", "Reimink", "Nijenhuis", "Lansink", "Stokkers", "Hofste",
    "Pluimers", "ten Brinke", "Huisman", "Jansen", "Roelofs", "Bakker", "Yılmaz",
)  # fmt: skip

WONINGCORPORATIES = ("Woningstichting Sint Joseph", "Beter Wonen Almelo", "Woonmaatschappij Almelo")
#: Regiegroepleden naast voorzitter, coördinator, meldingenverantwoordelijke en kerngroep.
OVERIGE_LEDEN: tuple[tuple[str, str], ...] = (
    ("bewoner", "Bewoner {buurt}"),
    ("bewoner", "Bewoner {buurt}"),
    ("school", "Basisschool {buurt}"),
    ("zorginstelling", "Zorgcentrum {wijk}"),
    ("religieus_genootschap", "Parochie en moskeevereniging {wijk}"),
    ("vrijwilligersorganisatie", "Buurtpreventieteam {wijk}"),
    ("belangenorganisatie", "Seniorenraad Almelo"),
    ("overig", "Rotaryclub Almelo"),
    ("bewoner", "Bewoner {buurt}"),
)

VERANTWOORDELIJKEN: dict[int, tuple[str, ...]] = {
    1: ("Scoop welzijnswerk", "Projectgroep bewoners {plek}", "Stadsdeelcoördinator {stadsdeel}"),
    2: ("Stadsbeheer, team {stadsdeel}", "Wijkagent {wijk}", "{corporatie}", "Projectgroep bewoners {plek}"),
    3: ("Sociaal wijkteam {stadsdeel}", "Scoop welzijnswerk", "Stadsdeelcoördinator {stadsdeel}"),
    4: ("Sociale Zaken Almelo", "Scoop welzijnswerk", "Buurtbeheerbedrijf {wijk}"),
    5: ("{corporatie}", "Zorgcentrum {wijk}", "Wmo-loket gemeente Almelo"),
    6: ("Sportbedrijf Almelo", "Scoop jongerenwerk", "Stadsbeheer, team {stadsdeel}"),
}

KNELPUNTEN: dict[int, tuple[str, str]] = {
    1: ("Weinig contact tussen oude en nieuwe bewoners; eenzaamheid onder ouderen.",
        "Contacten in de straat zijn goed; nieuwe bewoners haken nog niet altijd aan."),
    2: ("Zwerfvuil rond de containers, vernielingen en onveilige plekken zonder verlichting.",
        "Op enkele plekken zwerfvuil en hondenpoep; bewoners spreken elkaar nog weinig aan."),
    3: ("Problemen achter de voordeur worden laat gesignaleerd; meldingen blijven liggen.",
        "Meldingen worden meestal snel opgepakt; terugkoppeling aan melders kan beter."),
    4: ("Veel bewoners met een grote afstand tot de arbeidsmarkt; weinig vrijwilligers.",
        "Vrijwilligerswerk leunt op een kleine groep actieve bewoners."),
    5: ("Te weinig levensloopbestendige woningen; voorzieningen voor ouderen verdwijnen.",
        "Woningaanbod is redelijk gevarieerd; wachtlijst voor seniorenwoningen."),
    6: ("Weinig speel- en sportplekken; jongeren hangen rond bij het winkelcentrum.",
        "Voldoende groen; activiteiten voor tieners ontbreken."),
}  # fmt: skip

INBRENG_OPMERKINGEN: tuple[str, ...] = (
    "Bewoners vragen om betere straatverlichting op de looproutes naar school.",
    "Zorgen over parkeeroverlast in de avonduren; voorstel voor extra parkeervakken.",
    "Wens voor een ontmoetingsplek voor ouderen in de buurt.",
    "Jongeren willen een eigen plek om te sporten; voorstel voor een Cruyff Court.",
    "Bewoners willen zelf meedoen aan het onderhoud van het groen (adoptie).",
    "Kritiek op de snelheid waarmee meldingen over zwerfvuil worden afgehandeld.",
    "Vraag om vaker te laten weten wat er met de ideeën van bewoners gebeurt.",
    "Steun voor een straatfeest en een buurtontbijt; bewoners willen zelf organiseren.",
)

MELDING_TEKSTEN: dict[str, tuple[str, ...]] = {
    "schoon": ("Zwerfvuil bij de glasbak", "Volle ondergrondse container", "Hondenpoep op het speelveld",
               "Illegaal gedumpt grofvuil", "Bladafval verstopt de kolken"),
    "heel": ("Straatverlichting defect", "Losliggende stoeptegels", "Kapotte bank in het park",
             "Vernield bushokje", "Gat in het fietspad"),
    "veilig": ("Te hard rijden in de woonstraat", "Onveilige oversteekplaats bij de school",
               "Inbraak in schuur", "Verdachte situatie bij leegstaande woning", "Donkere brandgang"),
    "overlast": ("Hangjongeren bij het winkelcentrum", "Geluidsoverlast van buren", "Vuurwerkoverlast",
                 "Overlast van scooters op het plein", "Parkeeroverlast op de stoep"),
    "sociaal": ("Zorg om een eenzame oudere buurtbewoner", "Burenruzie over de erfgrens",
                "Signaal van vervuilde woning", "Zorg om gezin met schulden"),
    "overig": ("Vraag over de bewonersavond", "Idee voor een buurtactiviteit", "Klacht over de wijkkrant",
               "Vraag over subsidie bewonersinitiatief"),
}  # fmt: skip
MELDING_AANPAK: dict[str, tuple[str, ...]] = {
    "schoon": ("Opgeruimd door wijkbeheer.", "Container geleegd en schoongemaakt.",
               "Dumping verwijderd; handhaving ingelicht."),
    "heel": ("Gerepareerd door Stadsbeheer.", "Tegels opnieuw gelegd.", "Onderdeel vervangen."),
    "veilig": ("Wijkagent heeft de situatie bekeken en extra gesurveilleerd.",
               "Snelheidsmeting gedaan; bewoners geïnformeerd.", "Verlichting bijgeplaatst."),
    "overlast": ("Jongerenwerk en wijkagent hebben gesprek gevoerd.", "Buurtbemiddeling ingezet.",
                 "Handhaving heeft gewaarschuwd."),
    "sociaal": ("Sociaal wijkteam heeft huisbezoek afgelegd.", "Doorverwezen naar schuldhulpverlening.",
                "Buurtbemiddeling heeft gesprek begeleid."),
    "overig": ("Beantwoord door de stadsdeelcoördinator.", "Doorgestuurd naar de regiegroep."),
}  # fmt: skip
ROL_BEWONERS: tuple[str, ...] = (
    "Bewoners hebben zelf de omgeving schoongemaakt.",
    "Buurtpreventieteam heeft de situatie in de gaten gehouden.",
    "Bewoners uit de straat zijn betrokken bij de oplossing.",
    "Melder heeft de buren zelf aangesproken.",
    "Bewonersvertegenwoordiger zat in de kerngroep.",
)
MELDING_VERANTWOORDELIJKEN: dict[str, tuple[str, ...]] = {
    "schoon": ("Wijkbeheer, team {stadsdeel}",),
    "heel": ("Stadsbeheer, team {stadsdeel}",),
    "veilig": ("Wijkagent {wijk}", "Afdeling Openbare Orde en Veiligheid"),
    "overlast": ("Team Handhaving", "Wijkagent {wijk}"),
    "sociaal": ("Sociaal wijkteam {stadsdeel}",),
    "overig": ("{meldingenverantwoordelijke}",),
}
#: Relatief aantal meldingen per categorie.
CATEGORIE_GEWICHT: dict[str, float] = {
    "schoon": 0.32, "heel": 0.24, "veilig": 0.10, "overlast": 0.18, "sociaal": 0.08, "overig": 0.08,
}  # fmt: skip
#: Seizoen: relatief aantal meldingen per maand (jan … dec) per categorie.
SEIZOEN: dict[str, tuple[float, ...]] = {
    "schoon": (0.8, 0.8, 0.9, 1.0, 1.1, 1.1, 1.2, 1.1, 1.0, 1.3, 1.3, 0.9),
    "heel": (1.3, 1.3, 1.1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2),
    "veilig": (1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 0.9, 1.0, 1.1, 1.2, 1.4),
    "overlast": (0.9, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.4, 1.1, 0.9, 0.8, 1.5),
    "sociaal": (1.1, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.2),
    "overig": (1.0,) * 12,
}
ERNSTIG_KANS: dict[str, float] = {
    "schoon": 0.01, "heel": 0.02, "veilig": 0.15, "overlast": 0.06, "sociaal": 0.10, "overig": 0.0,
}  # fmt: skip

#: Budgetposten van een jaarlijks stadsdeelbudget met hun aandeel in procenten.
JAARPOSTEN: tuple[tuple[str, int], ...] = (
    ("Schoon, heel en veilig", 30),
    ("Projecten wijkplan", 40),
    ("Bewonersinitiatieven", 15),
    ("Communicatie en participatie", 7),
    ("Onvoorzien", 8),
)
UITGAVE_TEKSTEN: dict[str, tuple[str, ...]] = {
    "Schoon, heel en veilig": ("Extra veegronde {plek}", "Vervanging straatverlichting {plek}",
                               "Graffitiverwijdering {plek}", "Snoeiwerk en groenonderhoud {plek}",
                               "Extra afvalbakken {plek}"),
    "Projecten wijkplan": ("Projectkosten wijkplan: {plek}",),
    "Bewonersinitiatieven": ("Bijdrage straatfeest {plek}", "Buurtbarbecue {plek}",
                             "Materialen speeltuinvereniging", "Koningsdagactiviteiten {plek}",
                             "Buurtontbijt {plek}"),
    "Communicatie en participatie": ("Wijkkrant {wijk}", "Drukwerk en zaalhuur bewonersavond",
                                     "Wijkwebsite {wijk}"),
    "Onvoorzien": ("Herstel na vandalisme {plek}", "Extra inzet na calamiteit {plek}"),
}  # fmt: skip

#: Het programma Sociale herovering De Riet (bijlage 4 §3–6) als maatregelen:
#: (naam, ambitie, letter oplossingsrichting of None, budgetpost).
RIET_PROGRAMMA: tuple[tuple[str, int, str | None, str], ...] = (
    ("Geluksbudgetten met ontwikkelcoach (€ 750 per huishouden)", 3, "h", "Geluksbudgetten"),
    ("Buurtrestaurant: koken voor en met elkaar", 1, "i", "Buurtrestaurant"),
    ("Smaaklessen op de basisscholen", 1, "j", "Smaak- en kooklessen"),
    ("Hart voor Heracles: voetbalclinics en activiteitenaanbod", 6, "e", "Hart voor Heracles"),
    ("Hart voor Heracles: scoren op school en arbeidsmarkt", 4, "d", "Hart voor Heracles"),
    ("Hart voor Heracles: voetbalheld zonder geweld", 3, "e", "Hart voor Heracles"),
    ("Vrijetijdsbesteding jeugd en jongeren (10–18 jaar)", 6, "g", "Vrijetijdsbesteding jeugd en jongeren"),
    ("Buurt Beheerbedrijf", 4, "c", "Buurtbeheerbedrijf"),
    ("Snelle fysieke ingrepen: parkeren en verlichting", 2, "m", "Fysieke ingrepen"),
    ("Communicatie: wijkkrant, KinderPersBuro en beeldverslag", 1, "m", "Communicatie"),
    ("Wijkfonds voor bewonersvoorstellen", 2, None, "Wijkfonds"),
)
RIET_BUDGETHOUDER = "Erik Kamphuis (programmamanager Sociale herovering)"
RIET_PROGRAMMA_JAREN = (2008, 2011)

TOEZEGGING_ONDERWERPEN_WIJK: tuple[str, ...] = (
    "De raad ontvangt de evaluatie {jaar} van het wijkplan {wijk}.",
    "Raadsinformatiebrief over de voortgang van de maatregelen in {wijk}.",
    "Gesprek met de regiegroep {wijk} over de wisseling van bewonersvertegenwoordigers; terugkoppeling aan de raad.",
    "Terugkoppeling aan de raad van de bewonersavond in {wijk}.",
    "Onderzoek naar de afhandeltijd van meldingen in {wijk}; uitkomsten naar de raad.",
    "De raad wordt geïnformeerd over de verkeersmaatregelen in de {straat}.",
    "Overzicht van het oormerk en de uitgaven {jaar} van {wijk} naar de raad.",
)
TOEZEGGING_ONDERWERPEN_STAD: tuple[str, ...] = (
    "Voorstel voor de verdeling van de stadsdeelbudgetten {jaar} over de wijken.",
    "De raad ontvangt de uitkomsten van de leefbaarheidsmonitor {jaar} per wijk.",
    "De lijst van toezeggingen gaat elk kwartaal naar de raad.",
    "Notitie over de bevoegdheden van stadsdeelcoördinatoren naar de raad.",
    "Regels voor de dossiervorming in de wijkaanpak (checklist) naar de raad.",
)
TOEZEGGINGEN_WIJK_TE_LAAT: tuple[str, ...] = (
    "De raad wordt twee keer per jaar schriftelijk geïnformeerd over de voortgang van het WOP {wijk}.",
    "Plan van aanpak parkeeroverlast rond het winkelcentrum {wijk} naar de raad.",
    "De evaluatie {jaar} van het WOP {wijk} komt vóór de zomer in de raad.",
    "Overzicht van de budgethouders en bevoegdheden in de regiegroep {wijk}.",
)
VERGADERINGEN: tuple[str, ...] = ("Raad", "Commissie Samenleving", "Commissie Ruimte", "Informatiebijeenkomst")

DEMO_GEBRUIKERS: dict[str, str] = {
    "raadslid": "Lotte Scholten",
    "wethouder": "Anne Brinkhuis",
    "griffie": "Ruud Eshuis",
    "coordinator": "Marieke ter Horst",
    "beheerder": "Sanne Kuipers",
}

# --------------------------------------------------------------------------- hulpfuncties


class DemoFout(RuntimeError):
    """De demo kan niet worden gegenereerd (bijv. omdat de database al wijken bevat)."""


def slug(naam: str) -> str:
    """'De Riet' → 'de-riet'."""
    return "-".join(naam.lower().split())


def _nl(waarde: float, decimalen: int = 1) -> str:
    """Getal in Nederlandse notatie: 1.234,5."""
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def _euro(bedrag: float | Decimal) -> str:
    return f"€ {_nl(float(bedrag), 0)}"


def _datum_nl(datum: dt.date) -> str:
    return datum.strftime("%d-%m-%Y")


def _jaartijd(datum: dt.date) -> float:
    """Datum als fractioneel jaar (31-12-2015 ≈ 2016,0)."""
    return datum.year + datum.timetuple().tm_yday / (366 if calendar.isleap(datum.year) else 365)


def _verbetering(verloop: Sequence[tuple[int, float]], tijd: float) -> float:
    """Cumulatieve verandering van de waardering (rapportcijferpunten) sinds het begin van ``verloop``."""
    totaal = 0.0
    for index, (vanaf, helling) in enumerate(verloop):
        tot = verloop[index + 1][0] if index + 1 < len(verloop) else math.inf
        if tijd <= vanaf:
            break
        totaal += helling * (min(tijd, tot) - vanaf)
    return totaal


def _interpoleer(punten: Sequence[tuple[int, float]], jaar: float) -> float:
    if jaar <= punten[0][0]:
        return punten[0][1]
    for (j0, w0), (j1, w1) in itertools.pairwise(punten):
        if jaar <= j1:
            return w0 + (w1 - w0) * (jaar - j0) / (j1 - j0)
    return punten[-1][1]


def _plus_werkdagen(dag: dt.date, werkdagen: int) -> dt.date:
    geteld = 0
    while geteld < werkdagen:
        dag += dt.timedelta(days=1)
        if is_werkdag(dag):
            geteld += 1
    return dag


def _tweede_dinsdag(jaar: int, maand: int) -> dt.date:
    eerste = dt.date(jaar, maand, 1)
    return eerste + dt.timedelta(days=(1 - eerste.weekday()) % 7 + 7)


def _volgende_maand(datum: dt.date) -> tuple[int, int]:
    return (datum.year + 1, 1) if datum.month == 12 else (datum.year, datum.month + 1)


def _korte_titel(tekst: str) -> str:
    """Korte projecttitel uit een oplossingsrichting: 'Zorgvoorzieningen, zoals …' → 'Zorgvoorzieningen'."""
    for scheiding in (":", " (", ", ", "; ", ". "):
        tekst = tekst.split(scheiding)[0]
    return tekst.rstrip(" ,;.")


def _cijfer(waarde: float) -> Decimal:
    """Rapportcijfer 1–10 met één decimaal."""
    return Decimal(f"{min(10.0, max(1.0, waarde)):.1f}")


def _bedrag(centen: int) -> Decimal:
    return Decimal(centen) / 100


@lru_cache(maxsize=len(ROLLEN))
def _demo_wachtwoord_hash(rol: str) -> str:
    """Hash van het (openbare) demowachtwoord ``demo-<rol>``. Eén keer per proces berekend: scrypt
    kost merkbare tijd en het wachtwoord is toch algemeen bekend."""
    return generate_password_hash(f"demo-{rol}")


def _bulk(sessie: Session, model: type[Base], rijen: list[dict[str, Any]]) -> None:
    """Voeg veel rijen in één ``executemany`` in, via de Core-tabel (op PostgreSQL ruim twee keer zo
    snel als een ORM-bulkinsert). Kolomdefaults zoals ``versie`` vult SQLAlchemy zelf in."""
    if rijen:
        sessie.execute(insert(Base.metadata.tables[model.__tablename__]), rijen)


# --------------------------------------------------------------------------- interne toestand


@dataclass(slots=True)
class _Wijk:
    profiel: WijkProfiel
    stadsdeel: StadsdeelProfiel
    orm: Wijk
    inwoners: dict[int, int]
    ambitie_afwijking: dict[int, float]
    meldingenverantwoordelijke: str = ""
    corporatie: str = ""
    regiegroepleden: int = 0
    plannen: list[_Plan] = field(default_factory=list)
    maatregelen: list[_Maatregel] = field(default_factory=list)


@dataclass(slots=True)
class _Doel:
    orm: Doelstelling
    indicator: Indicator
    nulwaarde: float
    nuljaar: int
    streef_abs: float


@dataclass(slots=True)
class _Plan:
    orm: Wijkplan
    van: int
    tot: int
    soort: str  # 'oud', 'regulier' of 'volgend'
    historie: list[tuple[str, dt.date, int | None, str]] = field(default_factory=list)
    doelen: list[_Doel] = field(default_factory=list)


@dataclass(slots=True)
class _Maatregel:
    orm: Maatregel
    plan: _Plan
    start: dt.date
    eind: dt.date
    historie: list[tuple[dt.date, int, str, str]]
    budgetpost: str | None = None


@dataclass(slots=True)
class _Evaluatieplan:
    status: str
    ingediend_op: dt.date | None
    vastgesteld_op: dt.date | None


# --------------------------------------------------------------------------- de generator


class _Demo:
    """De generator: één toevalsgenerator, stap voor stap aangeroepen door ``genereer_demo``.

    De volgorde van de stappen en van de trekkingen ligt vast; daardoor is de uitkomst bij dezelfde
    seed en dezelfde ``vandaag`` gelijk. Itereer hier nooit over een ``set``.

    Haakjes voor een grotere variant (``seed.groot``): ``stadsdeelprofielen``/``wijkprofielen``, de
    methoden ``_aantal_*`` (hoeveel rijen), ``_schrijf`` (hoe bulkrijen de database in gaan) en
    ``_schrijf_uitgaven``. Hier doen ze precies wat de demo altijd deed.
    """

    stadsdeelprofielen: tuple[StadsdeelProfiel, ...] = STADSDELEN
    wijkprofielen: tuple[WijkProfiel, ...] = WIJKEN

    def __init__(self, sessie: Session, schaal: int, seed: int, vandaag: dt.date) -> None:
        self.sessie = sessie
        self.schaal = schaal
        self.rng = random.Random(seed)
        self.vandaag = vandaag
        # Alles wat "nu" gebeurt, ligt vóór het begin van vandaag.
        self.nu = dt.datetime.combine(vandaag, dt.time.min)
        self.jaren = range(EERSTE_JAAR, vandaag.year + 1)
        self.wijken: list[_Wijk] = []
        self.namen_in_gebruik: set[str] = set()
        self.metingen: list[dict[str, Any]] = []
        self.jaarwaarde: dict[tuple[str, str], dict[int, float]] = {}
        self.evaluatieplan: dict[tuple[str, int], _Evaluatieplan] = {}
        self.volgnummers: dict[tuple[str, int], int] = {}
        # referentiegegevens uit de database (zie lees_referentie)
        self.ambities: dict[int, Ambitie] = {}
        self.richtingen: dict[int, list[Oplossingsrichting]] = {}
        self.indicatoren: list[Indicator] = []
        self.indicatoren_per_ambitie: dict[int, list[Indicator]] = {}
        self.normen: dict[str, int] = {}

    # ----------------------------------------------------------------- algemeen

    def _schrijf(self, model: type[Base], rijen: list[dict[str, Any]]) -> None:
        """Schrijf bulkrijen (dicts met kolomnamen) in één ``executemany``."""
        _bulk(self.sessie, model, rijen)

    def _persoon(self) -> str:
        while True:
            naam = f"{self.rng.choice(VOORNAMEN)} {self.rng.choice(ACHTERNAMEN)}"
            if naam not in self.namen_in_gebruik:
                self.namen_in_gebruik.add(naam)
                return naam

    def _datum_tussen(self, begin: dt.date, eind: dt.date) -> dt.date:
        if eind <= begin:
            return begin
        return begin + dt.timedelta(days=self.rng.randint(0, (eind - begin).days))

    def _volgnummer(self, soort: str, jaar: int) -> int:
        self.volgnummers[(soort, jaar)] = self.volgnummers.get((soort, jaar), 0) + 1
        return self.volgnummers[(soort, jaar)]

    def _raadsbesluit(self, jaar: int) -> str:
        return f"Raadsbesluit {jaar}-{self._volgnummer('raadsbesluit', jaar):03d}"

    def _rib(self, jaar: int) -> str:
        """Kenmerk van een raadsinformatiebrief."""
        return f"RIB {jaar}-{self._volgnummer('rib', jaar):03d}"

    def _verstreken(self, jaar: int) -> float:
        """Deel van ``jaar`` dat vandaag verstreken is (1 voor voorbije jaren)."""
        if jaar < self.vandaag.year:
            return 1.0
        begin = dt.date(jaar, 1, 1)
        return (self.vandaag - begin).days / (dt.date(jaar, 12, 31) - begin).days

    def _waardering(self, wijk: _Wijk, ambitie: int, tijd: float) -> Decimal:
        p = wijk.profiel
        waarde = (
            6.4
            - 1.1 * p.kwetsbaarheid
            + AMBITIE_AFWIJKING[ambitie]
            + wijk.ambitie_afwijking[ambitie]
            + _verbetering(p.verloop, tijd)
            + self.rng.gauss(0, 0.2)
        )
        return _cijfer(waarde)

    # ----------------------------------------------------------------- referentie

    def lees_referentie(self) -> None:
        """Laad de referentiegegevens (idempotent) en lees ze terug, ook wat de beheerder toevoegde."""
        laad_referentie(self.sessie)
        self.ambities = {a.nummer: a for a in self.sessie.scalars(select(Ambitie).order_by(Ambitie.nummer))}
        self.richtingen = {n: [] for n in self.ambities}
        for richting in self.sessie.scalars(
            select(Oplossingsrichting).join(Ambitie).order_by(Ambitie.nummer, Oplossingsrichting.letter)
        ):
            self.richtingen[richting.ambitie.nummer].append(richting)
        self.indicatoren = list(self.sessie.scalars(select(Indicator).order_by(Indicator.id)))
        self.indicatoren_per_ambitie = {n: [] for n in self.ambities}
        for indicator in self.indicatoren:
            self.indicatoren_per_ambitie[indicator.ambitie.nummer].append(indicator)
        self.normen = {n.categorie: n.werkdagen for n in self.sessie.scalars(select(Afhandelnorm))}

    # ----------------------------------------------------------------- wijken en regiegroepen

    def maak_wijken(self) -> None:
        stadsdelen = {
            p.naam: Stadsdeel(
                naam=p.naam, stadsdeelcoordinator=p.coordinator, stadsdeelwethouder=p.wethouder, gewijzigd_door=DOOR
            )
            for p in self.stadsdeelprofielen
        }
        profielen = {p.naam: p for p in self.stadsdeelprofielen}
        self.sessie.add_all(stadsdelen.values())
        for volgnummer, profiel in enumerate(self.wijkprofielen):
            orm = Wijk(
                naam=profiel.naam,
                slug=slug(profiel.naam),
                cbs_code=f"WK0141{volgnummer:02d}",
                stadsdeel=stadsdelen[profiel.stadsdeel],
                werkwijze=profiel.werkwijze,
                gewijzigd_door=DOOR,
            )
            inwoners: dict[int, int] = {}
            aantal = float(profiel.inwoners)
            for jaar in self.jaren:
                inwoners[jaar] = round(aantal * (1 + self.rng.gauss(0, 0.003)))
                aantal *= 1 + profiel.groei
                orm.inwoners.append(WijkInwoners(jaar=jaar, aantal=inwoners[jaar], gewijzigd_door=DOOR))
            afwijking = {n: self.rng.uniform(-0.4, 0.4) for n in self.ambities}
            self.sessie.add(orm)
            self.wijken.append(_Wijk(profiel, profielen[profiel.stadsdeel], orm, inwoners, afwijking))

    def maak_regiegroepen(self) -> None:
        for wijk in self.wijken:
            p = wijk.profiel
            opgericht = dt.date(p.oud_wop[0] - 1, 9, 1) if p.oud_wop else dt.date(p.planstart - 1, 9, 1)
            groep = Regiegroep(wijk=wijk.orm, naam=f"Regiegroep {p.naam}", opgericht_op=opgericht, gewijzigd_door=DOOR)
            wijk.corporatie = self.rng.choice(WONINGCORPORATIES)
            leden: list[tuple[str, str, str, str, bool]] = []  # naam, type, organisatie, rol, functionaris
            if p.naam == VOORZITTER_GEEN_BEWONER:
                leden.append((self._persoon(), "winkeliers", f"Ondernemersvereniging {p.naam}", "voorzitter", False))
            else:
                leden.append((self._persoon(), "bewoner", f"Bewoner {self.rng.choice(p.buurten)}", "voorzitter", False))
            leden.append((wijk.stadsdeel.coordinator, "gemeente", "Gemeente Almelo", "stadsdeelcoordinator", True))
            wijk.meldingenverantwoordelijke = self._persoon()
            leden.append(
                (
                    wijk.meldingenverantwoordelijke,
                    "gemeente",
                    "Gemeente Almelo, wijkbeheer",
                    "meldingenverantwoordelijke",
                    True,
                )
            )
            leden.append((self._persoon(), "politie", "Politie, wijkagent", "kerngroep", True))
            leden.append((self._persoon(), "welzijnswerk", "Scoop welzijnswerk", "kerngroep", True))
            leden.append((self._persoon(), "woningcorporatie", wijk.corporatie, "kerngroep", True))
            if p.naam != VOORZITTER_GEEN_BEWONER:
                leden.append((self._persoon(), "winkeliers", f"Winkeliersvereniging {p.naam}", "kerngroep", False))
            extra = self.rng.randint(8, 14) - len(leden)
            for organisatietype, organisatie in self.rng.sample(OVERIGE_LEDEN, extra):
                tekst = organisatie.format(buurt=self.rng.choice(p.buurten), wijk=p.naam)
                leden.append((self._persoon(), organisatietype, tekst, "lid", False))
            wijk.regiegroepleden = len(leden)
            for naam, organisatietype, organisatie, rol, functionaris in leden:
                if functionaris:
                    van = self._datum_tussen(max(opgericht, dt.date(2010, 1, 1)), self.vandaag - dt.timedelta(days=200))
                    tot = None
                elif self.rng.random() < 0.18:  # zittingstermijn verstreken, nog niet gewisseld
                    van = self.vandaag - dt.timedelta(days=self.rng.randint(1500, 2400))
                    tot = van + dt.timedelta(days=4 * 365)
                else:
                    van = self.vandaag - dt.timedelta(days=self.rng.randint(60, 1400))
                    tot = van + dt.timedelta(days=4 * 365)
                groep.leden.append(
                    Regiegroeplid(
                        naam=naam,
                        organisatietype=organisatietype,
                        organisatie=organisatie,
                        rol=rol,
                        termijn_van=van,
                        termijn_tot=tot,
                        gewijzigd_door=DOOR,
                    )
                )
            self.sessie.add(groep)
        self.sessie.flush()

    # ----------------------------------------------------------------- metingen

    def bereken_metingen(self) -> None:
        """Metingen per wijk per indicator: jaarlijks op 31-12, of per kwartaal op de laatste dag."""
        kwartaaleinden = [
            dt.date(jaar, maand, calendar.monthrange(jaar, maand)[1]) for jaar in self.jaren for maand in (3, 6, 9, 12)
        ]
        jaareinden = [dt.date(jaar, 12, 31) for jaar in self.jaren]
        for wijk in self.wijken:
            p = wijk.profiel
            for indicator in self.indicatoren:
                model = MEETMODELLEN.get(indicator.naam)
                if model is None:  # een indicator die de beheerder heeft toegevoegd
                    continue
                goed = 1 if indicator.richting == "hoger_is_beter" else -1
                eigen = self.rng.gauss(0, 0.3) * model.per_punt
                peildata = kwartaaleinden if indicator.meetfrequentie_maanden == 3 else jaareinden
                stop = (
                    dt.date(self.vandaag.year - 2, 12, 31)
                    if (p.naam, indicator.naam) == ACHTERSTALLIGE_METING
                    else self.vandaag
                )
                waarden: dict[int, float] = {}
                stappen_per_jaar = 4 if indicator.meetfrequentie_maanden == 3 else 1
                rho = RUIS_AUTOCORRELATIE ** (1 / stappen_per_jaar)
                ruis = self.rng.gauss(0, 1)
                for peildatum in peildata:
                    if peildatum >= self.vandaag or peildatum > stop:
                        break
                    niveau = (
                        model.basis
                        + goed
                        * (
                            model.per_punt * _verbetering(p.verloop, _jaartijd(peildatum))
                            - p.kwetsbaarheid * model.spreiding
                        )
                        + eigen
                    )
                    ruis = rho * ruis + math.sqrt(1 - rho**2) * self.rng.gauss(0, 1)
                    if indicator.is_telling:
                        per_1000 = max(model.minimum, niveau)
                        waarde = round(per_1000 * wijk.inwoners[peildatum.year] / 1000 * (1 + RUIS_TELLING * ruis))
                    else:
                        waarde = niveau + RUIS_PUNTEN * model.per_punt * ruis
                        waarde = round(min(model.maximum, max(model.minimum, waarde)), model.decimalen)
                    if peildatum.month == 12:
                        waarden[peildatum.year] = float(waarde)
                    self.metingen.append(
                        {
                            "indicator_id": indicator.id,
                            "wijk_id": wijk.orm.id,
                            "peildatum": peildatum,
                            "periode": "kwartaal" if indicator.meetfrequentie_maanden == 3 else "jaar",
                            "waarde": float(waarde),
                            "bron": indicator.bron,
                            "gewijzigd_door": DOOR,
                        }
                    )
                self.jaarwaarde[(p.naam, indicator.naam)] = waarden

    # ----------------------------------------------------------------- evaluaties: welke wanneer

    def plan_evaluaties(self) -> None:
        vorig_jaar = self.vandaag.year - 1
        for wijk in self.wijken:
            naam = wijk.profiel.naam
            for jaar in range(EERSTE_JAAR + 1, vorig_jaar + 1):
                ingediend = self._datum_tussen(dt.date(jaar + 1, 2, 1), dt.date(jaar + 1, 3, 31))
                if jaar == vorig_jaar:
                    if naam in ZONDER_EVALUATIE_VORIG_JAAR:
                        continue
                    if naam in CONCEPT_EVALUATIE_VORIG_JAAR or ingediend >= self.vandaag:
                        self.evaluatieplan[(naam, jaar)] = _Evaluatieplan("concept", None, None)
                    else:
                        self.evaluatieplan[(naam, jaar)] = _Evaluatieplan("ingediend", ingediend, None)
                    continue
                if jaar <= 2014 and naam not in (STIJGENDE_WIJK, RIET) and self.rng.random() < 0.2:
                    continue  # in de eerste jaren evalueerde niet elke regiegroep
                vastgesteld = self._datum_tussen(dt.date(jaar + 1, 5, 1), dt.date(jaar + 1, 6, 30))
                self.evaluatieplan[(naam, jaar)] = _Evaluatieplan("vastgesteld", ingediend, vastgesteld)

    # ----------------------------------------------------------------- wijkplannen

    def _perioden(self, profiel: WijkProfiel) -> list[tuple[int, int, str]]:
        perioden: list[tuple[int, int, str]] = []
        van, looptijd = profiel.planstart, profiel.eerste_looptijd
        while van <= self.vandaag.year + 1:
            soort = "volgend" if van > self.vandaag.year else "regulier"
            perioden.append((van, van + looptijd - 1, soort))
            van, looptijd = van + looptijd, profiel.looptijd
        return perioden

    def _titel(self, profiel: WijkProfiel, van: int, tot: int, eerste: bool) -> str:
        periode = f"{van}" if van == tot else f"{van}–{tot}"
        if profiel.werkwijze == "WOP":
            return f"Wijkontwikkelingsplan {profiel.naam} {periode}"
        if profiel.werkwijze == "SHR":
            return f"{'Sociale herovering' if eerste else 'Vervolg sociale herovering'} {profiel.naam} {periode}"
        return f"{'Wijkagenda' if van == tot else 'Wijkplan'} {profiel.naam} {periode}"

    def maak_plannen(self) -> None:
        for wijk in self.wijken:
            p = wijk.profiel
            if p.oud_wop:
                self._oud_wop(wijk, *p.oud_wop)
            for index, (van, tot, soort) in enumerate(self._perioden(p)):
                self._plan(wijk, van, tot, soort, eerste=index == 0, plannummer=index)
        self.sessie.flush()
        self._schrijf_planrijen()

    def _oud_wop(self, wijk: _Wijk, van: int, tot: int) -> None:
        vastgesteld = dt.date(van - 1, 11, self.rng.randint(2, 28))
        orm = Wijkplan(
            wijk=wijk.orm,
            titel=f"Wijkontwikkelingsplan {wijk.profiel.naam} {van}–{tot} (eerste generatie)",
            werkwijze="WOP",
            periode_van=van,
            periode_tot=tot,
            status="vastgesteld",
            vastgesteld_op=vastgesteld,
            gewijzigd_door=DOOR,
        )
        plan = _Plan(orm, van, tot, "oud")
        plan.historie.append(
            (
                "vastgesteld",
                vastgesteld,
                None,
                "Vastgesteld vóór de vernieuwde wijkaanpak: geen toets op de drie kaders, geen SMART-doelstellingen "
                "en nooit geëvalueerd (Rekenkamercommissie, 'De wijk ontwikkeld?').",
            )
        )
        self.sessie.add(orm)
        wijk.plannen.append(plan)

    def _plan(self, wijk: _Wijk, van: int, tot: int, soort: str, eerste: bool, plannummer: int) -> None:
        p = wijk.profiel
        rng = self.rng
        orm = Wijkplan(
            wijk=wijk.orm,
            titel=self._titel(p, van, tot, eerste),
            werkwijze=p.werkwijze,
            periode_van=van,
            periode_tot=tot,
            gewijzigd_door=DOOR,
        )
        plan = _Plan(orm, van, tot, soort)
        vastgesteld: dt.date | None = None
        # -- levenscyclus
        if soort == "volgend":
            fasen = ["concept", "besproken_met_bewoners", "definitief_voorstel", "terugverwezen"]
            bereikt = fasen[: fasen.index(p.volgend_plan) + 1]
            dagen_geleden = {"concept": 80, "besproken_met_bewoners": 50, "definitief_voorstel": 28, "terugverwezen": 7}
            for status in bereikt:
                datum = self.vandaag - dt.timedelta(days=dagen_geleden[status] + rng.randint(0, 3))
                plan.historie.append((status, datum, None, self._statustoelichting(status)))
        else:
            if p.werkwijze == "WOP":
                vastgesteld = dt.date(van - 1, rng.choice((10, 11)), rng.randint(2, 28))
            else:
                vastgesteld = dt.date(van - 1, 12, rng.randint(8, 18))
            terugverwezen_eerst = (p.naam == TOEZEGGINGEN_WIJK and plannummer == 1) or (
                plannummer > 0 and p.naam not in (STIJGENDE_WIJK, DALENDE_WIJK) and rng.random() < 0.08
            )
            stappen: list[tuple[str, int]] = [("vastgesteld", 0), ("definitief_voorstel", rng.randint(21, 45))]
            if terugverwezen_eerst:
                stappen += [
                    ("besproken_met_bewoners", rng.randint(20, 35)),
                    ("terugverwezen", rng.randint(30, 50)),
                    ("definitief_voorstel", rng.randint(25, 40)),
                ]
            stappen += [("besproken_met_bewoners", rng.randint(14, 40)), ("concept", rng.randint(30, 70))]
            datum = vastgesteld
            omgekeerd: list[tuple[str, dt.date]] = []
            for status, dagen_eerder in stappen:
                datum -= dt.timedelta(days=dagen_eerder)
                omgekeerd.append((status, datum))
            for status, datum in reversed(omgekeerd):
                plan.historie.append((status, datum, None, self._statustoelichting(status)))
            for jaar in range(van, tot + 1):
                evaluatie = self.evaluatieplan.get((p.naam, jaar))
                # Zoals datalaag.wijkplannen.markeer_geevalueerd: pas een VASTGESTELDE jaarevaluatie
                # markeert het plan als geëvalueerd (een ingediende wacht nog op de raad).
                if evaluatie and evaluatie.status == "vastgesteld":
                    assert evaluatie.vastgesteld_op is not None
                    plan.historie.append(
                        ("geevalueerd", evaluatie.vastgesteld_op, jaar, f"Jaarevaluatie {jaar} vastgesteld.")
                    )
        orm.status = plan.historie[-1][0]
        # -- doelstellingen, maatregelen, analyse en inbreng
        self._doelstellingen(wijk, plan)
        self._maatregelen(wijk, plan, vastgesteld)
        self._toets(wijk, plan)
        self._wijkanalyse(wijk, plan)
        self.sessie.add(orm)
        wijk.plannen.append(plan)

    @staticmethod
    def _statustoelichting(status: str) -> str:
        return {
            "concept": "Concept opgesteld door de regiegroep op basis van de wijkanalyse.",
            "besproken_met_bewoners": "Besproken met de wijkbewoners; opmerkingen schriftelijk vastgelegd.",
            "definitief_voorstel": "Definitief voorstel van de regiegroep aan de raad.",
            "vastgesteld": "Door de raad vastgesteld: voldoet aan de drie kaders.",
            "terugverwezen": "Door de raad terugverwezen naar de regiegroep: voldoet niet aan alle kaders.",
        }[status]

    def _doelstellingen(self, wijk: _Wijk, plan: _Plan) -> None:
        p = wijk.profiel
        rng = self.rng
        # Het plan wordt in het najaar vóór de planperiode geschreven: de laatste meting is dan die van twee
        # jaar vóór het eerste planjaar.
        gewenst_nuljaar = min(max(EERSTE_JAAR, plan.van - 2), self.vandaag.year - 1)
        for nummer, indicatoren in self.indicatoren_per_ambitie.items():
            kandidaten = [i for i in indicatoren if i.naam in MEETMODELLEN]
            if not kandidaten:
                continue
            aantal = 2 if p.werkwijze == "WOP" else 1
            gekozen = rng.sample(kandidaten, min(aantal, len(kandidaten)))
            for indicator in kandidaten:
                if (p.naam, indicator.naam) == ACHTERSTALLIGE_METING and indicator not in gekozen:
                    gekozen[0] = indicator
            for indicator in gekozen:
                waarden = self.jaarwaarde[(p.naam, indicator.naam)]
                jaren = [j for j in waarden if j <= gewenst_nuljaar]
                if not jaren:
                    continue
                nuljaar = max(jaren)
                nulwaarde = waarden[nuljaar]
                model = MEETMODELLEN[indicator.naam]
                goed = 1 if indicator.richting == "hoger_is_beter" else -1
                ambitie_per_jaar = rng.uniform(0.02, 0.04)
                punten = ambitie_per_jaar * (plan.tot - nuljaar)
                soort = "huidig" if rng.random() < 0.25 else "nieuw"
                if indicator.is_telling or rng.random() < 0.3:
                    if indicator.is_telling:
                        per_1000 = nulwaarde * 1000 / wijk.inwoners[nuljaar]
                        procent = round(100 * goed * model.per_punt * punten / max(per_1000, 0.5))
                    else:
                        procent = round(100 * goed * model.per_punt * punten / max(abs(nulwaarde), 0.1))
                    procent = procent or goed
                    streef_abs = nulwaarde * (1 + procent / 100)
                    streef_type, streefwaarde = "relatief", float(procent)
                    richting = "stijging" if procent > 0 else "daling"
                    tekst = (
                        f"{indicator.naam}: een {richting} van {abs(procent)}% ten opzichte van {nuljaar} "
                        f"({_nl(nulwaarde, model.decimalen)}), uiterlijk in {plan.tot}."
                    )
                else:
                    streef_abs = round(
                        min(model.maximum, max(model.minimum, nulwaarde + goed * model.per_punt * punten)),
                        model.decimalen,
                    )
                    if streef_abs == nulwaarde:
                        streef_abs = round(nulwaarde + goed * 10**-model.decimalen, model.decimalen)
                    streef_type, streefwaarde = "absoluut", float(streef_abs)
                    tekst = (
                        f"{indicator.naam}: van {_nl(nulwaarde, model.decimalen)} ({nuljaar}) naar "
                        f"{_nl(streef_abs, model.decimalen)} in {plan.tot}."
                    )
                orm = Doelstelling(
                    ambitie=self.ambities[nummer],
                    indicator=indicator,
                    tekst=tekst,
                    nulmeting_waarde=nulwaarde,
                    nulmeting_jaar=nuljaar,
                    streef_type=streef_type,
                    streefwaarde=streefwaarde,
                    streefjaar=plan.tot,
                    soort=soort,
                    gewijzigd_door=DOOR,
                )
                plan.orm.doelstellingen.append(orm)
                plan.doelen.append(_Doel(orm, indicator, nulwaarde, nuljaar, streef_abs))

    def _maatregelen(self, wijk: _Wijk, plan: _Plan, vastgesteld: dt.date | None) -> None:
        p = wijk.profiel
        rng = self.rng
        programma = p.naam == RIET and plan.van == RIET_PROGRAMMA_JAREN[0]
        opzet: list[tuple[str, int, Oplossingsrichting | None, str | None]] = []
        if programma:
            for naam, nummer, letter_, programmapost in RIET_PROGRAMMA:
                programmarichting = next((r for r in self.richtingen[nummer] if r.letter == letter_), None)
                opzet.append((naam, nummer, programmarichting, programmapost))
        generiek = self._aantal_maatregelen(p, plan, programma)
        nummers = list(self.ambities)
        rng.shuffle(nummers)
        for k in range(generiek):
            nummer = nummers[k % len(nummers)]
            richting = rng.choice(self.richtingen[nummer]) if self.richtingen[nummer] else None
            titel = _korte_titel(richting.tekst) if richting else self.ambities[nummer].korte_naam
            opzet.append((titel, nummer, richting, None))

        duur = {"WOP": (120, 1400), "SHR": (180, 1100), "AWA": (60, 500)}[p.werkwijze]
        # Verhaal: het lopende plan van de dalende wijk heeft een aantal projecten die al een tijd lopen
        # en achter liggen (vertraagd, of over hun einddatum heen).
        verhaal_achter = (
            p.naam == DALENDE_WIJK and vastgesteld is not None and plan.van <= self.vandaag.year <= plan.tot
        )
        for index, (titel, nummer, richting, post) in enumerate(opzet):
            achter = verhaal_achter and index < MAATREGELEN_ACHTER
            if post is not None:  # programma De Riet: de hele programmaperiode
                niveau, plek = "wijk", p.naam
                start = self._datum_tussen(dt.date(plan.van, 1, 15), dt.date(plan.van, 6, 30))
                eind = self._datum_tussen(dt.date(plan.tot, 9, 1), dt.date(plan.tot, 12, 15))
                naam = titel
            else:
                niveau = "straat" if rng.random() < (0.7 if p.werkwijze == "AWA" else 0.3) else "wijk"
                plek = rng.choice(p.straten) if niveau == "straat" else rng.choice((p.naam, *p.buurten))
                naam = f"{titel} {plek}"
                eerste_start = dt.date(plan.van, 1, 15)
                laatste_start = dt.date(plan.tot, 6, 30) if plan.tot > plan.van else dt.date(plan.van, 9, 30)
                # in lange plannen beginnen de meeste projecten in de eerste jaren
                fractie = rng.random() ** (1.6 if p.werkwijze == "WOP" else 1.0)
                start = eerste_start + dt.timedelta(days=int(fractie * (laatste_start - eerste_start).days))
                eind = min(start + dt.timedelta(days=rng.randint(*duur)), dt.date(plan.tot, 12, 31))
                if achter:
                    start = max(eerste_start, self.vandaag - dt.timedelta(days=rng.randint(400, 900)))
                    eind = self.vandaag + dt.timedelta(days=rng.randint(-200, 300))
            if niveau == "straat":
                kosten = rng.randint(5, 120) * 500
            else:
                kosten = rng.randint(20, 400) * 1000 if p.werkwijze == "WOP" else rng.randint(10, 120) * 1000
            if post is not None:
                kosten = dict(RIET_BEGROTING)[post] // sum(1 for r in RIET_PROGRAMMA if r[3] == post)
            verantwoordelijke = rng.choice(VERANTWOORDELIJKEN[nummer]).format(
                plek=plek, stadsdeel=wijk.stadsdeel.naam, wijk=p.naam, corporatie=wijk.corporatie or "Woningcorporatie"
            )
            historie: list[tuple[dt.date, int, str, str]] = []
            if vastgesteld is None:
                status, voortgang, opmerkingen = "gepland", 0, None
            else:
                status, voortgang, historie, opmerkingen = self._voortgang(wijk, vastgesteld, start, eind, achter)
            orm = Maatregel(
                ambitie=self.ambities[nummer],
                oplossingsrichting=richting,
                naam=naam[:200],
                niveau=niveau,
                verantwoordelijke=verantwoordelijke,
                schatting_kosten=Decimal(kosten),
                jaar_realisatie=eind.year,
                start=start,
                eind=eind,
                status=status,
                voortgang=voortgang,
                opmerkingen=opmerkingen,
                gewijzigd_door=DOOR,
            )
            plan.orm.maatregelen.append(orm)
            wijk.maatregelen.append(_Maatregel(orm, plan, start, eind, historie, post))

    def _aantal_maatregelen(self, p: WijkProfiel, plan: _Plan, programma: bool) -> int:
        """Aantal maatregelen van een plan naast het programma van De Riet."""
        if programma:
            return 6 * (self.schaal - 1)
        if p.werkwijze == "WOP":
            return 18 * self.schaal
        if p.werkwijze == "SHR":
            return 6 * self.schaal
        return (5 if plan.tot > plan.van else 3) * self.schaal

    def _voortgang(
        self, wijk: _Wijk, vastgesteld: dt.date, start: dt.date, eind: dt.date, achter: bool = False
    ) -> tuple[str, int, list[tuple[dt.date, int, str, str]], str | None]:
        """Status en voortgang op ``vandaag``, met een historie die daar monotoon naartoe loopt.
        ``achter``: de maatregel ligt hoe dan ook achter op schema (een verhaal van de demo)."""
        rng = self.rng
        naam = wijk.profiel.naam
        dalend, stijgend = naam == DALENDE_WIJK, naam == STIJGENDE_WIJK
        historie: list[tuple[dt.date, int, str, str]] = [
            (min(vastgesteld, start - dt.timedelta(days=1)), 0, "gepland", "Opgenomen in het vastgestelde wijkplan.")
        ]
        opmerkingen: str | None = None
        if start >= self.vandaag:
            return "gepland", 0, historie, None
        if eind < self.vandaag:
            recent = eind >= self.vandaag - dt.timedelta(days=1000 if dalend else 365)
            if achter or (recent and ((dalend and rng.random() < 0.6) or (not stijgend and rng.random() < 0.06))):
                status = "vertraagd" if rng.random() < 0.6 else "in_uitvoering"
                voortgang = rng.randint(45, 85)
                laatste = self.vandaag - dt.timedelta(days=rng.randint(20, 120))
                opmerkingen = rng.choice(
                    (
                        "Einddatum verstreken: aanbesteding duurde langer dan gepland.",
                        "Einddatum verstreken: wachten op de woningcorporatie.",
                        "Einddatum verstreken: te weinig vrijwilligers gevonden.",
                    )
                )
            elif not stijgend and rng.random() < 0.05:
                status, voortgang = "gestopt", rng.randint(15, 70)
                laatste = self._datum_tussen(start + dt.timedelta(days=30), eind)
                opmerkingen = "Gestopt: onvoldoende animo bij bewoners; budget teruggegeven aan de regiegroep."
            else:
                status, voortgang, laatste = "afgerond", 100, eind
        else:
            verwacht = 100 * (self.vandaag - start).days / max(1, (eind - start).days)
            if achter or (dalend and rng.random() < 0.6) or (not stijgend and rng.random() < 0.07):
                status = "vertraagd"
                voortgang = max(0, int(verwacht - rng.uniform(25, 45)))
                opmerkingen = rng.choice(
                    ("Vertraagd door capaciteitsgebrek bij Stadsbeheer.", "Vertraagd: vergunning nog niet rond.")
                )
            else:
                status = "in_uitvoering"
                voortgang = min(99, max(0, int(verwacht + rng.uniform(-8, 10))))
            laatste = self.vandaag - dt.timedelta(days=rng.randint(5, 150 if dalend else 60))
        laatste = min(max(laatste, start), self.vandaag - dt.timedelta(days=1))
        # tussenstanden: bij de start en daarna elk kwartaal of zo
        data = [start]
        volgende = start + dt.timedelta(days=rng.randint(75, 120))
        while volgende < laatste:
            data.append(volgende)
            volgende += dt.timedelta(days=rng.randint(75, 120))
        if data[-1] >= laatste:
            data.pop()
        vorige = 0
        for index, datum in enumerate(data):
            fractie = (datum - start).days / max(1, (laatste - start).days)
            waarde = max(vorige, min(voortgang, int(voortgang * fractie)))
            laatste_tussenstand = index == len(data) - 1 and index > 0
            tussenstatus = "vertraagd" if status == "vertraagd" and laatste_tussenstand else "in_uitvoering"
            tekst = "Gestart." if index == 0 else "Uitvoering loopt."
            historie.append((datum, waarde, tussenstatus, tekst))
            vorige = waarde
        slottekst = {
            "afgerond": "Afgerond en opgeleverd.",
            "gestopt": "Gestopt.",
            "vertraagd": "Vertraagd ten opzichte van de planning.",
            "in_uitvoering": "Uitvoering volgens planning.",
        }[status]
        if historie[-1][0] >= laatste:
            laatste = historie[-1][0] + dt.timedelta(days=1)
        historie.append((laatste, max(vorige, voortgang), status, slottekst))
        return status, voortgang, historie, opmerkingen

    def _toets(self, wijk: _Wijk, plan: _Plan) -> None:
        """De toets van de raad op de drie kaders (§4.5), voor plannen die de raad bereikten."""
        statussen = [h[0] for h in plan.historie]
        orm = plan.orm
        if "vastgesteld" not in statussen and "terugverwezen" not in statussen:
            return
        kosten = sum(int(m.schatting_kosten or 0) for m in orm.maatregelen)
        orm.kader_betrokkenheid_voldoet = True
        orm.kader_betrokkenheid_toelichting = (
            f"Regiegroep breed samengesteld ({wijk.regiegroepleden} leden uit bewoners en organisaties); bewoners "
            "betrokken via huisbezoeken en een bijeenkomst voor alle bewoners."
        )
        orm.kader_middelen_voldoet = True
        orm.kader_middelen_toelichting = (
            f"Geraamde kosten {_euro(kosten)}; past binnen het geoormerkte budget, budgethouder benoemd."
        )
        if orm.status == "terugverwezen":
            orm.kader_doelstellingen_voldoet = False
            orm.kader_doelstellingen_toelichting = (
                "Doelstellingen voor ambitie 4 en 6 zijn niet meetbaar: nulmeting en streefjaar ontbreken."
            )
            datum = plan.historie[-1][1]
            orm.raadsbesluit = f"Terugverwezen naar de regiegroep (raad {_datum_nl(datum)})"
        else:
            orm.kader_doelstellingen_voldoet = True
            orm.kader_doelstellingen_toelichting = (
                "Per ambitie SMART geformuleerd, met nulmeting en streefwaarde "
                f"({len(orm.doelstellingen)} doelstellingen)."
            )
            vastgesteld = next(h[1] for h in plan.historie if h[0] == "vastgesteld")
            orm.raadsbesluit = self._raadsbesluit(vastgesteld.year)
            orm.vastgesteld_op = vastgesteld

    def _wijkanalyse(self, wijk: _Wijk, plan: _Plan) -> None:
        rng = self.rng
        datum = plan.historie[0][1] - dt.timedelta(days=rng.randint(20, 60))
        analyse = Wijkanalyse(wijk=wijk.orm, datum=datum, gewijzigd_door=DOOR)
        for nummer in self.ambities:
            waardering = self._waardering(wijk, nummer, _jaartijd(datum))
            doelen = [d for d in plan.doelen if d.orm.ambitie is self.ambities[nummer]]
            maatregelen = [m for m in plan.orm.maatregelen if m.ambitie is self.ambities[nummer]]
            richtingen: list[str] = []
            for m in maatregelen:
                if m.oplossingsrichting is not None:
                    tekst = f"{m.oplossingsrichting.letter}. {m.oplossingsrichting.tekst}"
                    if tekst not in richtingen:
                        richtingen.append(tekst)
            kosten = sum(int(m.schatting_kosten or 0) for m in maatregelen)
            analyse.regels.append(
                WijkanalyseAmbitie(
                    ambitie=self.ambities[nummer],
                    waardering=waardering,
                    knelpunten=KNELPUNTEN.get(nummer, ("", ""))[0 if waardering < Decimal("6.5") else 1] or None,
                    doelstellingen=" ".join(d.orm.tekst for d in doelen) or None,
                    oplossingsrichtingen="; ".join(richtingen) or None,
                    schatting_kosten=Decimal(kosten) if kosten else None,
                    opmerkingen="Prioriteit bij overschrijding van het budget." if rng.random() < 0.15 else None,
                    gewijzigd_door=DOOR,
                )
            )
        self.sessie.add(analyse)

    def _schrijf_planrijen(self) -> None:
        """Na de flush (ids bekend): statushistorie, bewonersinbreng, bijstellingen en voortgang in bulk."""
        rng = self.rng
        statusrijen: list[dict[str, Any]] = []
        inbreng: list[dict[str, Any]] = []
        bijstellingen: list[dict[str, Any]] = []
        voortgang: list[dict[str, Any]] = []
        for wijk in self.wijken:
            for plan in wijk.plannen:
                for status, datum, jaar, toelichting in plan.historie:
                    statusrijen.append(
                        {
                            "wijkplan_id": plan.orm.id,
                            "status": status,
                            "datum": datum,
                            "jaar": jaar,
                            "toelichting": toelichting,
                            "gewijzigd_door": DOOR,
                        }
                    )
                for status, datum, _, _ in plan.historie:
                    if status != "besproken_met_bewoners":
                        continue
                    vormen: list[tuple[str, dt.date, int]] = [
                        ("huisbezoek", datum - dt.timedelta(days=rng.randint(10, 30)), rng.randint(30, 140)),
                        ("bijeenkomst", datum, rng.randint(25, 160)),
                    ]
                    if wijk.profiel.werkwijze == "WOP":
                        vormen.append(
                            ("enquete", datum - dt.timedelta(days=rng.randint(35, 60)), rng.randint(250, 900))
                        )
                        vormen.append(("gesprek", datum - dt.timedelta(days=rng.randint(5, 15)), rng.randint(6, 20)))
                    if datum.year >= 2012 and rng.random() < 0.4:
                        panel = datum - dt.timedelta(days=rng.randint(20, 40))
                        vormen.append(("internetpanel", panel, rng.randint(80, 300)))
                    for vorm, vormdatum, bereik in sorted(vormen, key=lambda v: v[1]):
                        inbreng.append(
                            {
                                "wijkplan_id": plan.orm.id,
                                "datum": vormdatum,
                                "vorm": vorm,
                                "bereik": bereik,
                                "opmerkingen": " ".join(rng.sample(INBRENG_OPMERKINGEN, 2)),
                                "gewijzigd_door": DOOR,
                            }
                        )
            bijstellingen += self._bijstellingen(wijk)
            for maatregel in wijk.maatregelen:
                for datum, waarde, status, toelichting in maatregel.historie:
                    voortgang.append(
                        {
                            "maatregel_id": maatregel.orm.id,
                            "datum": datum,
                            "voortgang": waarde,
                            "status": status,
                            "toelichting": toelichting,
                            "gewijzigd_door": DOOR,
                        }
                    )
        for model, rijen in (
            (WijkplanStatus, statusrijen),
            (Bewonersinbreng, inbreng),
            (DoelstellingBijstelling, bijstellingen),
            (MaatregelVoortgang, voortgang),
            (Meting, self.metingen),
        ):
            self._schrijf(model, rijen)

    def _bijstellingen(self, wijk: _Wijk) -> list[dict[str, Any]]:
        """De raad stelt doelstellingen van het lopende plan bij (§3.9); de oude waarde blijft bewaard."""
        if wijk.profiel.naam not in BIJSTELLINGEN:
            return []
        aantal, factor = BIJSTELLINGEN[wijk.profiel.naam]
        lopend = [pl for pl in wijk.plannen if pl.soort == "regulier" and pl.van <= self.vandaag.year <= pl.tot]
        if not lopend:
            return []
        plan = lopend[0]
        vastgesteld = plan.orm.vastgesteld_op or plan.historie[0][1]
        besluitdatum = dt.date(self.vandaag.year - 1, 6, 26)
        if besluitdatum <= vastgesteld or besluitdatum >= self.vandaag:
            besluitdatum = self._datum_tussen(vastgesteld + dt.timedelta(days=1), self.vandaag - dt.timedelta(days=1))
        rijen: list[dict[str, Any]] = []
        for doel in [d for d in plan.doelen if d.orm.streef_type == "absoluut"]:
            if len(rijen) == aantal:
                break
            model = MEETMODELLEN[doel.indicator.naam]
            oud = doel.orm.streefwaarde
            nieuw = round(doel.nulwaarde + (oud - doel.nulwaarde) * factor, model.decimalen)
            nieuw = min(model.maximum, max(model.minimum, nieuw))
            if nieuw == oud:
                continue
            richting = "verlaagd" if abs(nieuw - doel.nulwaarde) < abs(oud - doel.nulwaarde) else "verhoogd"
            doel.orm.streefwaarde = nieuw
            doel.orm.tekst = (
                f"{doel.orm.tekst.replace(_nl(oud, model.decimalen), _nl(nieuw, model.decimalen))} "
                f"(Bijgesteld door de raad op {_datum_nl(besluitdatum)}; was {_nl(oud, model.decimalen)}.)"
            )
            doel.streef_abs = nieuw
            rijen.append(
                {
                    "doelstelling_id": doel.orm.id,
                    "raadsbesluit": self._raadsbesluit(besluitdatum.year),
                    "besluitdatum": besluitdatum,
                    "oude_streefwaarde": oud,
                    "nieuwe_streefwaarde": nieuw,
                    "oud_streefjaar": doel.orm.streefjaar,
                    "nieuw_streefjaar": doel.orm.streefjaar,
                    "toelichting": (
                        f"Ambitie {richting} na de jaarevaluatie: de raad acht de oorspronkelijke streefwaarde "
                        "Almelo-breed niet realistisch (§3.9)."
                        if richting == "verlaagd"
                        else f"Ambitie {richting} na goede resultaten in de eerste jaren van het plan."
                    ),
                }
            )
        return rijen

    # ----------------------------------------------------------------- budget

    def maak_budget(self) -> None:
        rng = self.rng
        oormerken: list[tuple[_Wijk, Oormerk, float]] = []  # wijk, oormerk, benutting
        riet_oormerk: tuple[_Wijk, Oormerk] | None = None
        for wijk in self.wijken:
            p = wijk.profiel
            per_inwoner = 9 + 5 * max(p.kwetsbaarheid, 0) + rng.uniform(-1, 1)
            if p.naam == RIET:
                van, tot = RIET_PROGRAMMA_JAREN
                oormerk = Oormerk(
                    wijk=wijk.orm,
                    naam=f"Sociale herovering {p.naam} {van}–{tot}",
                    jaar_van=van,
                    jaar_tot=tot,
                    bron="rijksgelden_wijkenaanpak",
                    bedrag=Decimal(RIET_TOTAAL),
                    budgethouder=RIET_BUDGETHOUDER,
                    gewijzigd_door=DOOR,
                )
                for volgorde, (naam, bedrag) in enumerate(RIET_BEGROTING, start=1):
                    oormerk.budgetposten.append(
                        Budgetpost(naam=naam, bedrag=Decimal(bedrag), volgorde=volgorde, gewijzigd_door=DOOR)
                    )
                self.sessie.add(oormerk)
                riet_oormerk = (wijk, oormerk)
            for jaar in self.jaren:
                if p.naam == RIET and RIET_PROGRAMMA_JAREN[0] <= jaar <= RIET_PROGRAMMA_JAREN[1]:
                    continue
                bedrag = round(per_inwoner * wijk.inwoners[jaar] * (1 + 0.015 * (jaar - EERSTE_JAAR)) / 1000) * 1000
                if p.werkwijze == "WOP":
                    naam = f"Budget wijkontwikkelingsplan {p.naam} {jaar}"
                    bron = "gsb" if jaar <= 2014 else "stadsdeelbudget"
                else:
                    naam, bron = f"Stadsdeelbudget {p.naam} {jaar}", "stadsdeelbudget"
                oormerk = Oormerk(
                    wijk=wijk.orm,
                    naam=naam,
                    jaar_van=jaar,
                    jaar_tot=jaar,
                    bron=bron,
                    bedrag=Decimal(bedrag),
                    budgethouder=wijk.stadsdeel.coordinator,
                    gewijzigd_door=DOOR,
                )
                rest = bedrag
                for volgorde, (postnaam, aandeel) in enumerate(JAARPOSTEN, start=1):
                    postbedrag = rest if volgorde == len(JAARPOSTEN) else round(bedrag * aandeel / 10_000) * 100
                    rest -= postbedrag
                    oormerk.budgetposten.append(
                        Budgetpost(naam=postnaam, bedrag=Decimal(postbedrag), volgorde=volgorde, gewijzigd_door=DOOR)
                    )
                self.sessie.add(oormerk)
                oormerken.append((wijk, oormerk, self._benutting(p.naam, jaar)))
        self.sessie.flush()
        self._schrijf_uitgaven(oormerken, riet_oormerk)

    def _schrijf_uitgaven(
        self, oormerken: list[tuple[_Wijk, Oormerk, float]], riet_oormerk: tuple[_Wijk, Oormerk] | None
    ) -> None:
        """De uitgaven bij de oormerken (na de flush: de id's van oormerken en posten zijn bekend)."""
        uitgaven: list[dict[str, Any]] = []
        for wijk, oormerk, benutting in oormerken:
            uitgaven += self._jaaruitgaven(wijk, oormerk, benutting)
        if riet_oormerk:
            uitgaven += self._riet_uitgaven(*riet_oormerk)
        uitgaven.sort(key=lambda u: (u["datum"], u["wijk_id"], u["kenmerk"]))
        for volgnummer, uitgave in enumerate(uitgaven, start=1):
            uitgave["kenmerk"] = f"DEMO-{uitgave['datum'].year}-{volgnummer:06d}"
        self._schrijf(Uitgave, uitgaven)

    def _benutting(self, wijknaam: str, jaar: int) -> float:
        rng = self.rng
        if jaar < self.vandaag.year:
            benutting = rng.uniform(0.80, 0.98)
            if wijknaam == OVERBESTEDENDE_WIJK and jaar == self.vandaag.year - 1:
                benutting = OVERBESTEDING_VORIG_JAAR
            return benutting
        benutting = self._verstreken(jaar) * rng.uniform(0.80, 0.97)
        if wijknaam == OVERBESTEDENDE_WIJK:
            benutting = OVERBESTEDING_DIT_JAAR
        elif wijknaam == ONDERBESTEDENDE_WIJK:
            benutting = min(benutting, ONDERBESTEDING_DIT_JAAR)
        return benutting

    def _verdeel(self, centen: int, aantal: int) -> list[int]:
        """Verdeel een bedrag in centen willekeurig over ``aantal`` delen; de som klopt precies."""
        gewichten = [self.rng.uniform(0.3, 1.7) for _ in range(aantal)]
        totaal = sum(gewichten)
        delen = [int(centen * g / totaal) for g in gewichten]
        delen[-1] += centen - sum(delen)
        return delen

    def _aantal_uitgaven(self, oormerk: Oormerk) -> int:
        """Aantal uitgaven ten laste van een jaaroormerk."""
        return max(1, round(self.rng.randint(4, 8) * self.schaal * self._verstreken(oormerk.jaar_van)))

    def _jaaruitgaven(self, wijk: _Wijk, oormerk: Oormerk, benutting: float) -> list[dict[str, Any]]:
        rng = self.rng
        jaar = oormerk.jaar_van
        laatste_dag = min(dt.date(jaar, 12, 31), self.vandaag - dt.timedelta(days=1))
        centen = round(float(oormerk.bedrag) * benutting * 100)
        aantal = self._aantal_uitgaven(oormerk)
        if aantal == 0:
            return []
        posten = list(oormerk.budgetposten)
        gewichten = [aandeel for _, aandeel in JAARPOSTEN]
        kandidaten = [m for m in wijk.maatregelen if m.orm.status != "gepland" and m.start.year <= jaar <= m.eind.year]
        rijen: list[dict[str, Any]] = []
        for deel in self._verdeel(centen, aantal):
            post = rng.choices(posten, weights=gewichten)[0]
            datum = self._datum_tussen(dt.date(jaar, 1, 2), laatste_dag)
            maatregel_id: int | None = None
            budgetpost_id: int | None = post.id
            plek = rng.choice((*wijk.profiel.straten, *wijk.profiel.buurten))
            sjabloon = rng.choice(UITGAVE_TEKSTEN.get(post.naam, ("{plek}",)))
            omschrijving = sjabloon.format(plek=plek, wijk=wijk.profiel.naam)
            if post.naam == "Projecten wijkplan" and kandidaten:
                maatregel = rng.choice(kandidaten)
                begin = max(dt.date(jaar, 1, 2), maatregel.start)
                datum = self._datum_tussen(begin, max(begin, min(laatste_dag, maatregel.eind)))
                maatregel_id = maatregel.orm.id
                omschrijving = f"{maatregel.orm.naam}: factuur"
                if rng.random() < 0.12:  # rechtstreeks ten laste van de maatregel
                    budgetpost_id = None
            rijen.append(
                {
                    "wijk_id": wijk.orm.id,
                    "datum": datum,
                    "bedrag": _bedrag(deel),
                    "budgetpost_id": budgetpost_id,
                    "maatregel_id": maatregel_id,
                    "omschrijving": omschrijving,
                    "kenmerk": f"{wijk.orm.id:03d}-{jaar}-{len(rijen):04d}",
                    "gewijzigd_door": DOOR,
                }
            )
        return rijen

    def _riet_uitgaven(self, wijk: _Wijk, oormerk: Oormerk) -> list[dict[str, Any]]:
        """De € 2 mln van De Riet: elke post voor 95–99,5% besteed, gelijk verdeeld over de programmajaren."""
        rng = self.rng
        van, tot = RIET_PROGRAMMA_JAREN
        programma: dict[str, list[_Maatregel]] = {}
        for m in wijk.maatregelen:
            if m.budgetpost:
                programma.setdefault(m.budgetpost, []).append(m)
        rijen: list[dict[str, Any]] = []
        jaren = [j for j in range(van, tot + 1) if j <= self.vandaag.year]
        gisteren = self.vandaag - dt.timedelta(days=1)
        for post in oormerk.budgetposten:
            besteed = float(post.bedrag) * rng.uniform(0.95, 0.995)
            for jaar in jaren:
                per_jaar = round(besteed / (tot - van + 1) * 100)
                aantal = rng.randint(2, 4) * self.schaal
                if post.naam == "Geluksbudgetten":
                    huishoudens = per_jaar // 75_000
                    delen = [h * 75_000 for h in self._verdeel(huishoudens, aantal)]
                else:
                    delen = self._verdeel(per_jaar, aantal)
                for deel in delen:
                    if deel <= 0:
                        continue
                    maatregelen = programma.get(post.naam, [])
                    maatregel = rng.choice(maatregelen) if maatregelen else None
                    if post.naam == "Geluksbudgetten":
                        omschrijving = f"Geluksbudget {deel // 75_000} huishoudens (€ 750 per huishouden)"
                    elif maatregel is not None:
                        omschrijving = f"{maatregel.orm.naam}: factuur"
                    else:
                        omschrijving = f"{post.naam}: programmakosten"
                    rijen.append(
                        {
                            "wijk_id": wijk.orm.id,
                            "datum": self._datum_tussen(dt.date(jaar, 1, 15), min(dt.date(jaar, 12, 20), gisteren)),
                            "bedrag": _bedrag(deel),
                            "budgetpost_id": post.id,
                            "maatregel_id": maatregel.orm.id if maatregel else None,
                            "omschrijving": omschrijving,
                            "kenmerk": f"{wijk.orm.id:03d}-R{jaar}-{len(rijen):04d}",
                            "gewijzigd_door": DOOR,
                        }
                    )
        return rijen

    # ----------------------------------------------------------------- meldingen

    def maak_meldingen(self) -> None:
        rng = self.rng
        totaal = 5000 * self.schaal
        gewichten: list[tuple[_Wijk, int, float]] = []
        for jaar in self.jaren:
            jaargewicht = (1 + 0.06 * (jaar - EERSTE_JAAR)) * self._verstreken(jaar)
            for wijk in self.wijken:
                druk = _interpoleer(wijk.profiel.meldingdruk, jaar)
                gewichten.append((wijk, jaar, jaargewicht * wijk.inwoners[jaar] * druk))
        som = sum(g for _, _, g in gewichten)
        rijen: list[dict[str, Any]] = []
        for wijk, jaar, gewicht in gewichten:
            verwacht = totaal * gewicht / som
            aantal = int(verwacht) + (1 if rng.random() < verwacht - int(verwacht) else 0)
            rijen += [self._melding(wijk, jaar) for _ in range(aantal)]
        # kenmerken (en id's) in de volgorde van ontvangst, doorgenummerd per jaar
        rijen.sort(key=lambda r: (r["ontvangen_op"], r["wijk_id"], r["categorie"], r["straat"]))
        volgnummers: dict[int, int] = {}
        for rij in rijen:
            jaar = rij["ontvangen_op"].year
            volgnummers[jaar] = volgnummers.get(jaar, 0) + 1
            rij["kenmerk"] = f"M{jaar}-{volgnummers[jaar]:05d}"
        self._schrijf(Melding, rijen)

    def _ontvangstmoment(self, jaar: int, categorie: str, kanaal: str) -> dt.datetime:
        rng = self.rng
        gisteren = self.vandaag - dt.timedelta(days=1)
        laatste_maand = 12 if jaar < gisteren.year else gisteren.month
        maanden = list(range(1, laatste_maand + 1))
        maand = rng.choices(maanden, weights=[SEIZOEN[categorie][m - 1] for m in maanden])[0]
        laatste_dag = calendar.monthrange(jaar, maand)[1]
        if jaar == gisteren.year and maand == gisteren.month:
            laatste_dag = gisteren.day
        dag = dt.date(jaar, maand, rng.randint(1, laatste_dag))
        if kanaal in ("telefoon", "balie"):
            while dag.weekday() >= 5 and dag - dt.timedelta(days=2) >= dt.date(jaar, 1, 1):
                dag -= dt.timedelta(days=1)
            uur = rng.randint(8, 16)
        elif kanaal in ("app", "website", "email"):
            uur = rng.choice((7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0))
        else:
            uur = rng.randint(9, 20)
        return dt.datetime.combine(dag, dt.time(uur, rng.randint(0, 59)))

    def _kanaal(self, jaar: int, categorie: str) -> str:
        kanalen = ["telefoon", "balie", "email", "wijkagent", "regiegroep"]
        gewichten = [max(0.15, 0.45 - 0.02 * (jaar - EERSTE_JAAR)), 0.08, 0.12, 0.05, 0.03]
        if categorie in ("veilig", "overlast"):
            gewichten[3] = 0.15
        if jaar >= 2010:
            kanalen.append("website")
            gewichten.append(0.2)
        if jaar >= 2015:
            kanalen.append("app")
            gewichten.append(0.05 + 0.03 * (jaar - 2015))
        return self.rng.choices(kanalen, weights=gewichten)[0]

    def _melding(self, wijk: _Wijk, jaar: int) -> dict[str, Any]:
        rng = self.rng
        p = wijk.profiel
        naam = p.naam
        categorieen = list(CATEGORIE_GEWICHT)
        gewichten = [CATEGORIE_GEWICHT[c] * (2 if c == "overlast" and naam == "Binnenstad" else 1) for c in categorieen]
        categorie = rng.choices(categorieen, weights=gewichten)[0]
        kanaal = self._kanaal(jaar, categorie)
        ontvangen = self._ontvangstmoment(jaar, categorie, kanaal)
        ernstig = rng.random() < ERNSTIG_KANS[categorie]
        norm = self.normen.get(categorie, 10)
        # afhandeling binnen of buiten de norm, naar het verhaal van de wijk
        binnen = 0.86
        if naam == DALENDE_WIJK and jaar >= 2020:
            binnen = 0.55
        elif naam == STIJGENDE_WIJK:
            binnen = min(0.97, 0.74 + 0.013 * (jaar - EERSTE_JAAR))
        elif naam == RIET and jaar <= RIET_PROGRAMMA_JAREN[1]:
            binnen = 0.92
        if ernstig:
            binnen = max(binnen, 0.9)
        if rng.random() < binnen:
            werkdagen = rng.randint(0, norm)
        else:
            werkdagen = norm + rng.randint(1, max(3, norm)) + (rng.randint(0, 10) if naam == DALENDE_WIJK else 0)
        if werkdagen == 0:
            afgehandeld = ontvangen + dt.timedelta(minutes=rng.randint(20, 300))
        else:
            dag = _plus_werkdagen(ontvangen.date(), werkdagen)
            afgehandeld = dt.datetime.combine(dag, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
        leeftijd = (self.vandaag - ontvangen.date()).days
        blijft_liggen = 40 <= leeftijd <= 200 and rng.random() < (0.25 if naam == DALENDE_WIJK else 0.03)
        afgehandeld_op: dt.datetime | None = afgehandeld
        if afgehandeld >= self.nu or blijft_liggen:
            afgehandeld_op = None
        if afgehandeld_op is None:
            status = "open" if leeftijd <= 5 or (blijft_liggen and rng.random() < 0.3) else "in_behandeling"
            afhandeltijd = None
        else:
            status = "afgehandeld"
            afhandeltijd = werkdagen_tussen(ontvangen, afgehandeld_op)
        # rapportage aan de regiegroep: op de vergadering (tweede dinsdag) van de maand erna
        vergadering = _tweede_dinsdag(*_volgende_maand(ontvangen.date()))
        niet_gemeld = 0.25 if naam == DALENDE_WIJK and jaar >= 2020 else 0.06
        gemeld = None if vergadering >= self.vandaag or rng.random() < niet_gemeld else vergadering
        verantwoordelijke = rng.choice(MELDING_VERANTWOORDELIJKEN[categorie]).format(
            stadsdeel=wijk.stadsdeel.naam, wijk=naam, meldingenverantwoordelijke=wijk.meldingenverantwoordelijke
        )
        if status == "afgehandeld":
            aanpak: str | None = rng.choice(MELDING_AANPAK[categorie])
        elif status == "in_behandeling":
            aanpak = f"In behandeling bij {verantwoordelijke}."
        else:
            aanpak = None
        return {
            "wijk_id": wijk.orm.id,
            "buurt": rng.choice(p.buurten),
            "straat": rng.choice(p.straten),
            "categorie": categorie,
            "ernst": "ernstig" if ernstig else "normaal",
            "kanaal": kanaal,
            "omschrijving": rng.choice(MELDING_TEKSTEN[categorie]),
            "ontvangen_op": ontvangen,
            "afgehandeld_op": afgehandeld_op,
            "afhandeltijd_werkdagen": afhandeltijd,
            "verantwoordelijke": verantwoordelijke,
            "status": status,
            "aanpak": aanpak,
            "rol_bewoners": rng.choice(ROL_BEWONERS) if status != "open" and rng.random() < 0.3 else None,
            "kerngroep_betrokken": rng.random() < (0.9 if ernstig else 0.01),
            "gemeld_aan_regiegroep_op": gemeld,
            "gewijzigd_door": DOOR,
        }

    # ----------------------------------------------------------------- evaluaties

    def maak_evaluaties(self) -> None:
        rng = self.rng
        evaluaties: list[tuple[Evaluatie, list[dict[str, Any]]]] = []
        for wijk in self.wijken:
            naam = wijk.profiel.naam
            for jaar in self.jaren:
                planning = self.evaluatieplan.get((naam, jaar))
                if planning is None:
                    continue
                plan = next((pl for pl in wijk.plannen if pl.soort == "regulier" and pl.van <= jaar <= pl.tot), None)
                regels: list[dict[str, Any]] = []
                for nummer in self.ambities:
                    waardering = self._waardering(wijk, nummer, jaar + 0.95)
                    doel = next(
                        (d for d in (plan.doelen if plan else []) if d.orm.ambitie is self.ambities[nummer]), None
                    )
                    gerealiseerd: str | None = None
                    if doel is not None:
                        model = MEETMODELLEN[doel.indicator.naam]
                        gemeten = self.jaarwaarde[(naam, doel.indicator.naam)].get(jaar)
                        if gemeten is not None:
                            gerealiseerd = (
                                f"Gemeten {jaar}: {_nl(gemeten, model.decimalen)} (nulmeting {doel.nuljaar}: "
                                f"{_nl(doel.nulwaarde, model.decimalen)}; streefwaarde {doel.orm.streefjaar}: "
                                f"{_nl(doel.streef_abs, model.decimalen)})."
                            )
                    zwak = waardering < Decimal("6.0")
                    regels.append(
                        {
                            "ambitie_id": self.ambities[nummer].id,
                            "doelstelling": doel.orm.tekst if doel else None,
                            "gerealiseerde_doelstelling": gerealiseerd,
                            "waardering": waardering,
                            "aanvullende_maatregelen": (
                                f"Extra inzet op: {_korte_titel(rng.choice(self.richtingen[nummer]).tekst).lower()}."
                                if zwak and self.richtingen[nummer]
                                else None
                            ),
                            "schatting_kosten": Decimal(rng.randint(5, 60) * 1000) if zwak else None,
                            "opmerkingen": KNELPUNTEN.get(nummer, ("", ""))[0] if zwak else None,
                            "gewijzigd_door": DOOR,
                        }
                    )
                cijfers = [float(r["waardering"]) for r in regels]
                evaluatie = Evaluatie(
                    wijk=wijk.orm,
                    wijkplan_id=plan.orm.id if plan else None,
                    jaar=jaar,
                    status=planning.status,
                    klanttevredenheid_cijfer=_cijfer(sum(cijfers) / len(cijfers) + rng.gauss(0, 0.2)),
                    klanttevredenheid_respons=rng.randint(60, 420),
                    ingediend_op=planning.ingediend_op,
                    vastgesteld_op=planning.vastgesteld_op,
                    gewijzigd_door=DOOR,
                )
                self._extra_budget(evaluatie, naam)
                self.sessie.add(evaluatie)
                evaluaties.append((evaluatie, regels))
        self.sessie.flush()
        rijen = [{**regel, "evaluatie_id": e.id} for e, regels in evaluaties for regel in regels]
        self._schrijf(EvaluatieAmbitie, rijen)

    def _extra_budget(self, evaluatie: Evaluatie, wijknaam: str) -> None:
        """Soms vraagt de regiegroep gemotiveerd extra budget; de raad beslist (§3.9)."""
        rng = self.rng
        jaar = evaluatie.jaar
        geforceerd = jaar == self.vandaag.year - 2 and wijknaam in (DALENDE_WIJK, OVERBESTEDENDE_WIJK)
        if evaluatie.status == "concept" or not (geforceerd or rng.random() < 0.12):
            return
        bedrag = rng.randint(10, 60) * 1000
        evaluatie.extra_budget_bedrag = Decimal(bedrag)
        evaluatie.extra_budget_motivering = rng.choice(
            (
                "De kosten van de maatregelen tegen verloedering vallen hoger uit dan geraamd.",
                "Extra inzet van jongerenwerk nodig na toename van de overlast.",
                "Aanvullende maatregelen uit de evaluatie passen niet binnen het beschikbare budget.",
            )
        )
        if evaluatie.status == "vastgesteld" and evaluatie.vastgesteld_op is not None:
            datum = evaluatie.vastgesteld_op + dt.timedelta(days=rng.randint(14, 60))
            if wijknaam == DALENDE_WIJK or rng.random() < 0.35:
                besluit = "Afgewezen: binnen het beschikbare budget oplossen (prioriteren)."
            else:
                besluit = f"Toegekend: {_euro(bedrag)} extra voor {jaar + 1}."
            evaluatie.raadsbesluit = f"{besluit} ({self._raadsbesluit(datum.year)})"
            evaluatie.raadsbesluit_datum = datum

    # ----------------------------------------------------------------- toezeggingen

    def maak_toezeggingen(self) -> None:
        rng = self.rng
        wethouders = sorted({s.wethouder for s in self.stadsdeelprofielen})
        toezeggingen: list[dict[str, Any]] = []
        laatste = self.vandaag - dt.timedelta(days=1)
        for jaar in range(EERSTE_JAAR + 1, self.vandaag.year + 1):
            aantal = self._aantal_toezeggingen(jaar)
            for _ in range(aantal):
                datum = self._datum_tussen(dt.date(jaar, 1, 10), min(dt.date(jaar, 12, 20), laatste))
                wijk = rng.choice(self.wijken) if rng.random() < 0.7 else None
                termijn = datum + dt.timedelta(days=rng.randint(30, 180))
                onderwerp = rng.choice(TOEZEGGING_ONDERWERPEN_WIJK if wijk else TOEZEGGING_ONDERWERPEN_STAD)
                toezeggingen.append(self._toezegging(datum, termijn, wijk, onderwerp, wethouders, te_laat=False))
        ossenkoppelerhoek = next((w for w in self.wijken if w.profiel.naam == TOEZEGGINGEN_WIJK), None)
        if ossenkoppelerhoek is not None:
            for index in range(TE_LATE_TOEZEGGINGEN):
                datum = self.vandaag - dt.timedelta(days=400 - 90 * index + rng.randint(0, 20))
                termijn = min(datum + dt.timedelta(days=rng.randint(45, 90)), self.vandaag - dt.timedelta(days=14))
                onderwerp = TOEZEGGINGEN_WIJK_TE_LAAT[index % len(TOEZEGGINGEN_WIJK_TE_LAAT)]
                toezeggingen.append(
                    self._toezegging(datum, termijn, ossenkoppelerhoek, onderwerp, wethouders, te_laat=True)
                )
        toezeggingen.sort(key=lambda t: (t["datum"], t["onderwerp"]))
        volgnummers: dict[int, int] = {}
        for toezegging in toezeggingen:
            jaar = toezegging["datum"].year
            volgnummers[jaar] = volgnummers.get(jaar, 0) + 1
            toezegging["nummer"] = f"T{jaar}-{volgnummers[jaar]:03d}"
        self._schrijf(Toezegging, toezeggingen)

    def _aantal_toezeggingen(self, jaar: int) -> int:
        """Aantal gewone toezeggingen in ``jaar`` (naast de te late van het toezeggingenverhaal)."""
        return round(6 * self.schaal * self._verstreken(jaar))

    def _toezegging(
        self,
        datum: dt.date,
        termijn: dt.date,
        wijk: _Wijk | None,
        onderwerp: str,
        wethouders: list[str],
        te_laat: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        vergadering = rng.choice(VERGADERINGEN)
        tekst = onderwerp.format(
            wijk=wijk.profiel.naam if wijk else "",
            jaar=datum.year - 1 if "evaluatie" in onderwerp else datum.year,
            straat=rng.choice(wijk.profiel.straten) if wijk else "",
        )
        rij: dict[str, Any] = {
            "datum": datum,
            "vergadering": f"{vergadering} {_datum_nl(datum)}",
            "portefeuillehouder": wijk.stadsdeel.wethouder if wijk else rng.choice(wethouders),
            "onderwerp": tekst,
            "wijk_id": wijk.orm.id if wijk else None,
            "termijn": termijn,
            "status": "open",
            "voorstel_afdoening": None,
            "afdoening": None,
            "afgedaan_op": None,
            "vervallen_op": None,
            "document": None,
            "gewijzigd_door": DOOR,
        }
        if te_laat:
            if rng.random() < 0.5:
                rij["voorstel_afdoening"] = "Voorstel: afdoen bij de behandeling van de evaluatie in de raad."
            return rij
        kans = rng.random()
        if termijn < self.vandaag:
            if kans < 0.88:
                afgedaan = termijn + dt.timedelta(days=rng.randint(-40, 45))
                afgedaan = min(max(afgedaan, datum + dt.timedelta(days=7)), self.vandaag - dt.timedelta(days=1))
                self._afdoen(rij, afgedaan)
            elif kans < 0.96:
                rij["status"] = "vervallen"
                rij["vervallen_op"] = min(termijn + dt.timedelta(days=30), self.vandaag - dt.timedelta(days=1))
                rij["afdoening"] = "Vervallen: ingehaald door een later raadsbesluit."
            # anders: blijft open, termijn verstreken
        elif kans < 0.1 and datum + dt.timedelta(days=14) < self.vandaag:
            self._afdoen(rij, self._datum_tussen(datum + dt.timedelta(days=14), self.vandaag - dt.timedelta(days=1)))
        return rij

    def _afdoen(self, rij: dict[str, Any], afgedaan: dt.date) -> None:
        document = self._rib(afgedaan.year)
        rij["status"] = "afgedaan"
        rij["afgedaan_op"] = afgedaan
        rij["document"] = document
        rij["afdoening"] = f"Afgedaan met raadsinformatiebrief {document}."

    # ----------------------------------------------------------------- gebruikers

    def maak_gebruikers(self) -> None:
        coordinator_wijken = [w.orm for w in self.wijken if w.stadsdeel.coordinator == DEMO_GEBRUIKERS["coordinator"]]
        for rol in ROLLEN:
            naam = DEMO_GEBRUIKERS[rol]
            gebruiker = Gebruiker(
                naam=naam,
                email=f"{rol}@demo.almelo.nl",
                wachtwoord_hash=_demo_wachtwoord_hash(rol),
                rol=rol,
                portefeuillehouder=naam if rol == "wethouder" else None,
                is_demo=True,
                actief=True,
                gewijzigd_door=DOOR,
            )
            if rol == "coordinator":
                gebruiker.wijken.extend(coordinator_wijken)
            self.sessie.add(gebruiker)
        self.sessie.flush()


def _aantallen(sessie: Session) -> dict[str, int]:
    return {
        tabel.name: sessie.scalar(select(func.count()).select_from(tabel)) or 0 for tabel in Base.metadata.sorted_tables
    }


def genereer_demo(sessie: Session, schaal: int = 1, seed: int = 2008, vandaag: dt.date | None = None) -> dict[str, int]:
    """Vul een lege database met demonstratiegegevens; geeft het aantal rijen per tabel.

    Laadt eerst de referentiegegevens (``laad_referentie``). Deterministisch: zelfde ``seed``,
    ``schaal`` en ``vandaag`` geven dezelfde rijen. ``vandaag`` is de enige klok; zonder waarde
    geldt de datum van vandaag (alleen voor gebruik vanaf de opdrachtregel). Flusht, commit niet.

    Raises:
        DemoFout: als de database al wijken bevat of ``schaal`` kleiner dan 1 is.
    """
    if schaal < 1:
        raise DemoFout("schaal moet 1 of groter zijn")
    if sessie.scalar(select(func.count()).select_from(Wijk)):
        raise DemoFout("De database bevat al wijken; demonstratiegegevens gaan alleen in een lege database.")
    demo = _Demo(sessie, schaal, seed, vandaag or dt.date.today())
    demo.lees_referentie()
    demo.maak_wijken()
    demo.maak_regiegroepen()
    demo.bereken_metingen()
    demo.plan_evaluaties()
    demo.maak_plannen()
    demo.maak_budget()
    demo.maak_meldingen()
    demo.maak_evaluaties()
    demo.maak_toezeggingen()
    demo.maak_gebruikers()
    return _aantallen(sessie)
