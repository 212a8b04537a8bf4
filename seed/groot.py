"""Een demodataset op de schaal van een G4-gemeente, in bulk (voor belastingproeven).

``genereer_groot(sessie, omvang=G4, seed=2008, vandaag=...)`` vult een lege database met:

- **100 wijken** in tien stadsdelen: de twaalf Almelose demowijken met al hun verhalen (zie
  ``seed.demo``) plus 88 verzonnen wijken met eigen kenmerken (werkwijze, inwoners, verloop,
  meldingdruk, afhandeling);
- **20 jaar** gegevens (``vandaag.year - 19`` t/m ``vandaag.year``; met ``vandaag`` in 2026 vanaf 2007);
- **60 indicatoren die per kwartaal gemeten worden** (de twee kwartaalindicatoren van de referentie plus
  58 uit een grotestedenmonitor), naast de veertien jaarindicatoren van de referentie;
- **3.000.000 meldingen**, **5.000 maatregelen**, **2.000 toezeggingen** en **50.000 uitgaven** (precies);
- regiegroepen, wijkplannen met hun levenscyclus, doelstellingen, wijkanalyses, evaluaties, oormerken,
  en dezelfde vijf demo-accounts als de gewone demo (de coördinator heeft dezelfde drie wijken).

``omvang_g4(fractie)`` geeft een evenredig kleinere omvang met dezelfde codepaden (de tests gebruiken
1%: 16 wijken, 4 kwartaalindicatoren, 30.000 meldingen).

Hoe het snel en zuinig blijft
-----------------------------
- De structuur (wijken, plannen, maatregelen, evaluaties: samen enkele tienduizenden rijen) komt uit
  dezelfde generator als de demo (``seed.demo._Demo``); alleen de aantallen zijn vooraf verdeeld.
- Meldingen worden per jaar gevectoriseerd getrokken met numpy (``numpy.random.Generator``, geseed met
  ``(seed, jaar)``) en in blokken van ``BLOK`` rijen geschreven: nooit alle 3 miljoen tegelijk in het
  geheugen. De afhandeltijd is ``np.busday_count`` met de feestdagen van ``datalaag.afgeleid.is_werkdag``;
  :func:`werkdagen_tussen_vec` is aantoonbaar gelijk aan ``werkdagen_tussen`` (zie tests/test_seed.py).
- Metingen worden per wijk berekend en geschreven.
- Schrijven (:class:`Lader`), steeds in blokken: op PostgreSQL met ``COPY … FROM STDIN`` (psycopg 3);
  op SQLite de meldingen en metingen met ``executemany`` van de driver, de waarden kolomsgewijs al in het
  opslagformaat van SQLAlchemy (getest), de kleinere tabellen met Core ``insert()``. Met
  :func:`laad_groot` op SQLite tijdens het laden ``journal_mode=DELETE`` en ``synchronous=OFF``. De
  gewone indexen van ``melding`` worden na het laden opnieuw opgebouwd.
- Deterministisch: zelfde ``seed``, ``omvang`` en ``vandaag`` geven dezelfde rijen.

De functie flusht maar commit niet; dat doet de aanroeper.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import Engine, Table, func, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from datalaag.afgeleid import is_werkdag
from datalaag.models import (
    Base,
    Indicator,
    Melding,
    Meting,
    Oormerk,
    Uitgave,
    Wijk,
)
from seed import demo
from seed.demo import (
    CATEGORIE_GEWICHT,
    DALENDE_WIJK,
    DOOR,
    EERSTE_JAAR,
    ERNSTIG_KANS,
    MEETMODELLEN,
    MELDING_AANPAK,
    MELDING_TEKSTEN,
    MELDING_VERANTWOORDELIJKEN,
    RIET,
    RIET_PROGRAMMA,
    RIET_PROGRAMMA_JAREN,
    ROL_BEWONERS,
    RUIS_AUTOCORRELATIE,
    RUIS_PUNTEN,
    RUIS_TELLING,
    SEIZOEN,
    STIJGENDE_WIJK,
    WIJKEN,
    DemoFout,
    Meetmodel,
    StadsdeelProfiel,
    WijkProfiel,
    _aantallen,
    _Demo,
    _jaartijd,
    _Plan,
    _tweede_dinsdag,
    _verbetering,
    _Wijk,
)

#: Rijen per schrijfblok (Core ``executemany``) en per omzetting van numpy naar Python.
BLOK = 20_000

# --------------------------------------------------------------------------- omvang


@dataclass(frozen=True, slots=True)
class Omvang:
    """Hoeveel van alles. ``kwartaalindicatoren`` telt de twee kwartaalindicatoren van de referentie mee."""

    wijken: int = 100
    jaren: int = 20
    kwartaalindicatoren: int = 60
    meldingen: int = 3_000_000
    maatregelen: int = 5_000
    toezeggingen: int = 2_000
    uitgaven: int = 50_000


#: De omvang van een G4-gemeente (issue 8).
G4 = Omvang()


def omvang_g4(fractie: float = 1.0) -> Omvang:
    """G4 × ``fractie`` (0 < fractie ≤ 1): aantallen evenredig, met een ondergrens voor wijken (16: de
    twaalf demowijken plus vier verzonnen) en kwartaalindicatoren (4: twee uit de referentie, twee extra)."""
    if not 0 < fractie <= 1:
        raise DemoFout("De fractie van G4 moet groter dan 0 en hooguit 1 zijn.")
    return replace(
        G4,
        wijken=max(16, round(G4.wijken * fractie)),
        kwartaalindicatoren=max(4, round(G4.kwartaalindicatoren * fractie)),
        meldingen=round(G4.meldingen * fractie),
        maatregelen=round(G4.maatregelen * fractie),
        toezeggingen=round(G4.toezeggingen * fractie),
        uitgaven=round(G4.uitgaven * fractie),
    )


def _controleer(omvang: Omvang) -> None:
    fouten = []
    if not len(WIJKEN) < omvang.wijken <= 100:
        fouten.append(f"wijken moet tussen {len(WIJKEN) + 1} en 100 liggen (CBS-wijkcodes hebben twee cijfers)")
    if omvang.jaren < 2:
        fouten.append("jaren moet minstens 2 zijn")
    if not 2 <= omvang.kwartaalindicatoren <= 2 + len(EXTRA_INDICATOREN):
        fouten.append(f"kwartaalindicatoren moet tussen 2 en {2 + len(EXTRA_INDICATOREN)} liggen")
    if omvang.maatregelen < len(RIET_PROGRAMMA):
        fouten.append(f"maatregelen moet minstens {len(RIET_PROGRAMMA)} zijn (het programma van De Riet)")
    if omvang.toezeggingen < demo.TE_LATE_TOEZEGGINGEN:
        fouten.append(f"toezeggingen moet minstens {demo.TE_LATE_TOEZEGGINGEN} zijn")
    if omvang.meldingen < 0 or omvang.uitgaven < 0:
        fouten.append("aantallen kunnen niet negatief zijn")
    if fouten:
        raise DemoFout("Ongeldige omvang: " + "; ".join(fouten) + ".")


def verdeel_aantal(totaal: int, gewichten: Sequence[float], minimum: int = 0) -> list[int]:
    """Verdeel ``totaal`` in gehele aantallen naar verhouding van ``gewichten`` (grootste-restmethode);
    de som is precies ``totaal``. Eerst krijgt elk deel met een positief gewicht ``minimum``, als dat past."""
    gewicht = np.asarray(gewichten, dtype=float)
    positief = gewicht > 0
    if totaal <= 0 or not positief.any():
        return [0] * len(gewicht)
    basis = np.zeros(len(gewicht), dtype=np.int64)
    if minimum and minimum * positief.sum() <= totaal:
        basis[positief] = minimum
    rest = totaal - int(basis.sum())
    exact = rest * gewicht / gewicht.sum()
    delen = np.floor(exact).astype(np.int64)
    over = rest - int(delen.sum())
    # de grootste resten krijgen er één bij; bij gelijke rest de eerste (stabiel, dus deterministisch)
    volgorde = np.argsort(-(exact - delen), kind="stable")
    delen[volgorde[:over]] += 1
    return (basis + delen).tolist()


# --------------------------------------------------------------------------- de verzonnen stad

EXTRA_STADSDELEN: tuple[StadsdeelProfiel, ...] = (
    StadsdeelProfiel("Noordwest", "Judith Ottenhof", "Koen Hulshof"),
    StadsdeelProfiel("Noordoost", "Ruben Mensink", "Gerrit Nijhuis"),
    StadsdeelProfiel("Zuidwest", "Lieke Steggink", "Koen Hulshof"),
    StadsdeelProfiel("Zuidoost", "Omar Bakkali", "Anne Brinkhuis"),
    StadsdeelProfiel("Westerhaven", "Petra Hilderink", "Fatma Özdemir"),
    StadsdeelProfiel("Oosterpolder", "Daan Wolbers", "Gerrit Nijhuis"),
)

_VOORVOEGSELS = (
    "Beek", "Berg", "Bos", "Brink", "Dal", "Eiken", "Es", "Hage", "Heide", "Hof", "Hoog", "Kastanje", "Klooster",
    "Linde", "Meer", "Molen", "Noorder", "Ooster", "Peppel", "Rozen", "Schans", "Slot", "Sterre", "Vijver",
    "Water", "Wester", "Wilgen", "Zuider", "Zonne", "Veen",
)  # fmt: skip
_ACHTERVOEGSELS = ("veld", "hof", "kamp", "hoek", "horst", "park", "wijk", "dorp", "weide", "rade", "haven", "es")
_BOMEN = ("Eiken", "Beuken", "Linden", "Wilgen", "Berken", "Essen", "Populieren", "Kastanje", "Platanen", "Elzen")
_VOGELS = ("Merel", "Lijster", "Spreeuw", "Vink", "Zwaluw", "Reiger", "Kievit", "Mees", "Wielewaal", "Specht")
_SCHILDERS = ("Rembrandt", "Vermeer", "Mondriaan", "Breitner", "Israëls", "Mesdag", "Escher", "Appel")
_BUURTDELEN = ("Noord", "Zuid", "Oost", "West", "Centrum")


def _verzonnen_profielen(aantal: int) -> tuple[tuple[StadsdeelProfiel, ...], tuple[WijkProfiel, ...]]:
    """De stadsdelen en de ``aantal`` wijken naast de twaalf van de demo. Hangt niet van de seed af
    (zoals de demowijken vaststaan): een andere seed geeft andere gegevens in dezelfde stad."""
    rng = random.Random(4_000_141)
    bestaand = {p.naam for p in WIJKEN}
    namen = [v + a for v in _VOORVOEGSELS for a in _ACHTERVOEGSELS]
    rng.shuffle(namen)
    # geen 'Hofhof' of 'Eses'; alleen namen die nog niet bestaan
    namen = [n for n in namen if n not in bestaand and n[len(n) // 2 :].lower() not in n[: len(n) // 2].lower()]
    namen = namen[:aantal]
    profielen = []
    for index, naam in enumerate(namen):
        stadsdeel = EXTRA_STADSDELEN[index % len(EXTRA_STADSDELEN)].naam
        werkwijze = rng.choices(("AWA", "WOP", "SHR"), weights=(0.65, 0.27, 0.08))[0]
        helling = rng.uniform(-0.02, 0.08)
        verloop: tuple[tuple[int, float], ...] = ((2008, helling),)
        if rng.random() < 0.5:
            verloop += ((rng.randint(2012, 2021), rng.uniform(-0.10, 0.12)),)
        druk = ((2008, rng.uniform(0.7, 1.8)), (2026, rng.uniform(0.6, 2.0)))
        buurten = tuple(f"{naam}-{deel}" for deel in rng.sample(_BUURTDELEN, rng.randint(2, 4)))
        straten = (
            f"{naam}weg",
            f"{naam}plein",
            f"{rng.choice(_BOMEN)}laan",
            f"{rng.choice(_VOGELS)}straat",
            f"{rng.choice(_SCHILDERS)}straat",
        )
        if werkwijze == "WOP":
            planstart, eerste, looptijd = rng.randint(2008, 2010), rng.randint(10, 15), 12
            oud_wop = (rng.randint(1995, 2000), planstart - 1) if rng.random() < 0.4 else None
        elif werkwijze == "SHR":
            planstart, eerste, looptijd, oud_wop = 2008, 4, 4, None
        else:
            planstart, eerste, looptijd, oud_wop = 2008, rng.choice((1, 2)), 2, None
        profielen.append(
            WijkProfiel(
                naam=naam,
                stadsdeel=stadsdeel,
                werkwijze=werkwijze,
                inwoners=rng.randint(3000, 16000),
                groei=rng.gauss(0.003, 0.004),
                kwetsbaarheid=rng.uniform(-0.6, 0.9),
                verloop=verloop,
                meldingdruk=druk,
                planstart=planstart,
                eerste_looptijd=eerste,
                looptijd=looptijd,
                buurten=buurten,
                straten=straten,
                oud_wop=oud_wop,
                volgend_plan=rng.choice(("concept", "besproken_met_bewoners", "definitief_voorstel", "terugverwezen")),
            )
        )
    gebruikt = {p.stadsdeel for p in profielen}
    return tuple(s for s in EXTRA_STADSDELEN if s.naam in gebruikt), tuple(profielen)


# --------------------------------------------------------------------------- extra indicatoren


@dataclass(frozen=True, slots=True)
class ExtraIndicator:
    naam: str
    eenheid: str
    ambitie: int
    bron: str
    richting: str
    is_telling: bool
    model: Meetmodel


_MONITOR = "Grotestedenmonitor (enquête)"
_REGISTRATIE = "Gemeentelijke registratie"


def _procent(naam: str, ambitie: int, richting: str, basis: float, bron: str = _MONITOR) -> ExtraIndicator:
    model = Meetmodel(basis, max(2.0, 0.18 * basis), max(1.0, 0.08 * basis), 1, 0, 100)
    return ExtraIndicator(naam, "%", ambitie, bron, richting, False, model)


def _rapportcijfer(naam: str, ambitie: int, basis: float) -> ExtraIndicator:
    return ExtraIndicator(naam, "rapportcijfer", ambitie, _MONITOR, "hoger_is_beter", False,
                          Meetmodel(basis, 0.5, 0.8, 1, 1, 10))  # fmt: skip


def _telling(naam: str, ambitie: int, richting: str, per_1000: float, bron: str = _REGISTRATIE) -> ExtraIndicator:
    model = Meetmodel(per_1000, 0.3 * per_1000, 0.15 * per_1000, 0, 0.05 * per_1000, 1e9)
    return ExtraIndicator(naam, "per 1.000 inwoners", ambitie, bron, richting, True, model)


def _getal(naam: str, eenheid: str, ambitie: int, richting: str, basis: float, bron: str) -> ExtraIndicator:
    model = Meetmodel(basis, 0.15 * basis, 0.08 * basis, 1, 0, 1e9)
    return ExtraIndicator(naam, eenheid, ambitie, bron, richting, False, model)


_H, _L = "hoger_is_beter", "lager_is_beter"

#: Kwartaalindicatoren van een grotestedenmonitor, in de volgorde waarin ze bij een kleinere omvang
#: worden gebruikt (afwisselend over de ambities).
EXTRA_INDICATOREN: tuple[ExtraIndicator, ...] = (
    _procent("% bewoners dat zich betrokken voelt bij de buurt", 1, _H, 45),
    _rapportcijfer("Rapportcijfer schoonhouden van straten", 2, 6.3),
    _procent("% bewoners tevreden over de afhandeling van meldingen", 3, _H, 55),
    _procent("% werkloze beroepsbevolking", 4, _L, 6, "CBS / UWV"),
    _procent("% bewoners tevreden over de eigen woning", 5, _H, 78),
    _procent("% bewoners tevreden over speelvoorzieningen", 6, _H, 55),
    _procent("% bewoners dat buren helpt", 1, _H, 40),
    _procent("% bewoners dat zwerfvuil als probleem ervaart", 2, _L, 35),
    _procent("% meldingen met terugkoppeling aan de melder", 3, _H, 60, "Meldingen"),
    _procent("% bewoners met een laag inkomen", 4, _L, 15, "CBS"),
    _procent("% leegstaande woningen", 5, _L, 3, "BAG / WOZ-registratie"),
    _procent("% bewoners tevreden over het groen in de buurt", 6, _H, 65),
    _procent("% bewoners dat zich thuis voelt in de buurt", 1, _H, 70),
    _procent("% bewoners dat hondenpoep als probleem ervaart", 2, _L, 30),
    _getal("Gemiddelde afhandeltijd meldingen", "werkdagen", 3, _L, 6, "Meldingen"),
    _procent("% kinderen in een gezin met een bijstandsuitkering", 4, _L, 10, "CBS / Sociale Zaken"),
    _getal("Gemiddelde WOZ-waarde", "× € 1.000", 5, _H, 220, "WOZ-registratie"),
    _procent("% bewoners dat wekelijks sport", 6, _H, 50),
    _procent("% bewoners dat zich eenzaam voelt", 1, _L, 12),
    _telling("Meldingen openbare verlichting per 1.000 inwoners", 2, _L, 2, "Meldingen"),
    _telling("Aantal meldingen via de app per 1.000 inwoners", 3, _H, 3, "Meldingen"),
    _procent("% voortijdig schoolverlaters", 4, _L, 2.5, "DUO / RMC-regio"),
    _procent("% levensloopbestendige woningen", 5, _H, 18, "Woningcorporaties / BAG"),
    _procent("% jongeren tevreden over het aanbod voor jongeren", 6, _H, 35),
    _procent("% bewoners dat deelneemt aan buurtactiviteiten", 1, _H, 20),
    _telling("Meldingen zwerfvuil en illegaal dumpen per 1.000 inwoners", 2, _L, 5, "Meldingen"),
    _telling("Huisuitzettingen per 1.000 inwoners", 3, _L, 0.1, "Woningcorporaties"),
    _procent("% bewoners dat mantelzorg verleent", 4, _H, 14),
    _procent("% woningen met energielabel A of B", 5, _H, 25, "RVO / EP-online"),
    _rapportcijfer("Rapportcijfer aanbod van winkels en horeca", 6, 6.7),
    _telling("Aantal bewonersinitiatieven per 1.000 inwoners", 1, _H, 0.8),
    _telling("Woninginbraken per 1.000 inwoners", 2, _L, 1.2, "Politie"),
    _telling("Meldingen huiselijk geweld per 1.000 inwoners", 3, _L, 0.5, "Veilig Thuis"),
    _procent("% bewoners met betaald werk (15–74 jaar)", 4, _H, 64, "CBS"),
    _procent("% bewoners dat binnen een jaar is verhuisd", 5, _L, 9, "BRP"),
    _telling("Bezoekers buurthuis per 1.000 inwoners", 6, _H, 150, "Welzijnsorganisatie"),
    _procent("% bewoners met vertrouwen in buurtgenoten", 1, _H, 50),
    _telling("Fietsendiefstallen per 1.000 inwoners", 2, _L, 2, "Politie"),
    _procent("% bewoners dat het sociaal wijkteam kent", 3, _H, 40),
    _procent("% jongeren (15–27 jaar) zonder werk of opleiding", 4, _L, 7, "CBS"),
    _procent("% bewoners dat overlast van buren ervaart", 5, _L, 14),
    _procent("% kinderen (4–12 jaar) dat dagelijks buiten speelt", 6, _H, 60),
    _procent("% bewoners dat de wijkkrant leest", 1, _H, 35),
    _telling("Vernielingen per 1.000 inwoners", 2, _L, 1.5, "Politie"),
    _telling("Vroegsignalen schulden per 1.000 inwoners", 3, _L, 1.5, "Schuldhulpverlening"),
    _procent("% laaggeletterde volwassenen", 4, _L, 12, "Stichting Lezen & Schrijven"),
    _rapportcijfer("Rapportcijfer onderhoud van woningen", 5, 6.9),
    _telling("Meldingen jeugdoverlast per 1.000 inwoners", 6, _L, 1.5, "Politie"),
    _rapportcijfer("Rapportcijfer contact tussen bevolkingsgroepen", 1, 6.0),
    _telling("Geweldsdelicten per 1.000 inwoners", 2, _L, 1.0, "Politie"),
    _procent("% jeugdigen met jeugdhulp", 3, _L, 11, "CBS / Jeugdmonitor"),
    _procent("% bewoners met problematische schulden", 4, _L, 6, "CBS"),
    _procent("% bewoners dat verwacht te verhuizen vanwege de buurt", 5, _L, 8),
    _procent("% bewoners dat de bibliotheek bezoekt", 6, _H, 30, "Bibliotheek"),
    _procent("% bewoners dat zich gediscrimineerd voelt in de buurt", 1, _L, 8),
    _rapportcijfer("Rapportcijfer veiligheid in de buurt", 2, 6.8),
    _procent("% bewoners dat elkaar aanspreekt op gedrag", 2, _H, 30),
    _procent("% bewoners tevreden over culturele voorzieningen", 6, _H, 45),
)
assert len({i.naam for i in EXTRA_INDICATOREN}) == len(EXTRA_INDICATOREN) == 58
assert not {i.naam for i in EXTRA_INDICATOREN} & set(MEETMODELLEN)


# --------------------------------------------------------------------------- afhandeltijd, gevectoriseerd


def feestdagen(van: dt.date, tot: dt.date) -> np.ndarray:
    """De doordeweekse dagen in [van, tot] die volgens ``datalaag.afgeleid.is_werkdag`` geen werkdag
    zijn (de feestdagen), als ``datetime64[D]`` voor numpy's werkdagkalender."""
    dagen = (van + dt.timedelta(days=i) for i in range((tot - van).days + 1))
    return np.array([d for d in dagen if d.weekday() < 5 and not is_werkdag(d)], dtype="datetime64[D]")


def werkdagkalender(van: dt.date, tot: dt.date) -> np.busdaycalendar:
    """Werkdagen zoals ``is_werkdag``: maandag t/m vrijdag, behalve de feestdagen (geldig van ``van`` t/m ``tot``)."""
    return np.busdaycalendar(weekmask="1111100", holidays=feestdagen(van, tot))


def werkdagen_tussen_vec(ontvangen: np.ndarray, afgehandeld: np.ndarray, kalender: np.busdaycalendar) -> np.ndarray:
    """Gevectoriseerde ``datalaag.afgeleid.werkdagen_tussen``: het aantal werkdagen na de dag van
    ontvangst tot en met de dag van afhandeling. ``busday_count`` telt [begin, eind), dus beide een dag later."""
    begin = ontvangen.astype("datetime64[D]") + 1
    eind = afgehandeld.astype("datetime64[D]") + 1
    return np.busday_count(begin, eind, busdaycal=kalender)


def plus_werkdagen_vec(dagen: np.ndarray, werkdagen: np.ndarray, kalender: np.busdaycalendar) -> np.ndarray:
    """De ``werkdagen``-de werkdag ná ``dagen`` (zoals ``seed.demo._plus_werkdagen``; ``werkdagen`` ≥ 1).
    Valt een dag in het weekend of op een feestdag, dan telt numpy vanaf de werkdag ervóór: die ligt
    vóór de dag, dus de eerstvolgende werkdag is ook dan nummer 1."""
    return np.busday_offset(dagen.astype("datetime64[D]"), werkdagen, roll="backward", busdaycal=kalender)


# --------------------------------------------------------------------------- schrijven in bulk


#: Tekens die in het tekstformaat van PostgreSQL's COPY een betekenis hebben.
_COPY_ONTSNAP = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _als_python(waarden: np.ndarray) -> list[Any]:
    """numpy → Python-objecten (datetime64 → datetime/date, NaT → None)."""
    if waarden.dtype.kind == "M":
        eenheid = "D" if np.datetime_data(waarden.dtype)[0] in ("Y", "M", "W", "D") else "us"
        return waarden.astype(f"datetime64[{eenheid}]").tolist()
    return waarden.tolist()


def _datumtekst(waarden: np.ndarray) -> np.ndarray:
    """datetime64 → tekst zoals SQLAlchemy hem op SQLite opslaat: ``2026-11-27`` (datum) of
    ``2026-11-27 10:23:00.000000`` (tijdstip); NaT → None. Objectarray."""
    if np.datetime_data(waarden.dtype)[0] in ("Y", "M", "W", "D"):
        tekst = np.datetime_as_string(waarden.astype("datetime64[D]"), unit="D")
    else:
        tekst = np.datetime_as_string(waarden.astype("datetime64[us]"), unit="us").astype("U26")
        tekst.view("U1").reshape(len(tekst), 26)[:, 10] = " "  # 'T' → ' '
    uit = tekst.astype(object)
    uit[np.isnat(waarden)] = None
    return uit


def _sqlite_waarden(waarden: np.ndarray) -> list[Any]:
    """Een kolom als waarden die sqlite3 direct opslaat, in het formaat van SQLAlchemy."""
    if waarden.dtype.kind == "M":
        return _datumtekst(waarden).tolist()
    if waarden.dtype.kind == "b":
        return waarden.astype(np.int8).tolist()
    return waarden.tolist()


def _copy_tekst(waarden: np.ndarray) -> list[str]:
    """Een kolom in het tekstformaat van COPY (NULL = ``\\N``, tekst ontsnapt)."""
    soort = waarden.dtype.kind
    if soort == "M":
        return [r"\N" if w is None else w for w in _datumtekst(waarden).tolist()]
    if soort == "b":
        return np.where(waarden, "t", "f").tolist()
    if soort in "iuf":
        return waarden.astype(str).tolist()
    teksten = [None if w is None else str(w) for w in waarden.tolist()]
    samen = "".join(t for t in teksten if t is not None)
    if any(teken in samen for teken in "\\\t\n\r"):  # zelden: dan per waarde ontsnappen
        teksten = [None if t is None else t.translate(_COPY_ONTSNAP) for t in teksten]
    return [r"\N" if t is None else t for t in teksten]


class Lader:
    """Schrijft grote aantallen rijen in de transactie van de sessie.

    - ``schrijf_kolommen``: kolommen als numpy-arrays (de meldingen en metingen). PostgreSQL (psycopg 3):
      ``COPY … FROM STDIN`` in tekstformaat; SQLite: ``executemany`` van de driver met de waarden al in
      het opslagformaat van SQLAlchemy (kolomsgewijs omgezet: dat scheelt per rij het werk van de
      typeverwerking); andere databases: Core ``insert()``.
    - ``schrijf_dicts``: rijen als dicts (de kleinere tabellen van de demo): ``COPY`` op PostgreSQL,
      Core ``insert()`` met ``executemany`` elders.

    Altijd in blokken van ``BLOK`` rijen; kolommen die ontbreken krijgen hun standaardwaarde
    (``versie`` 1, tijdstempels van de server).
    """

    def __init__(self, sessie: Session) -> None:
        self.sessie = sessie
        dialect = sessie.get_bind().dialect
        self.postgres = dialect.name == "postgresql" and dialect.driver == "psycopg"
        self.sqlite = dialect.name == "sqlite"

    def schrijf_kolommen(self, tabel: Table, kolommen: dict[str, np.ndarray]) -> int:
        namen = list(kolommen)
        aantal = len(kolommen[namen[0]])
        if aantal == 0:
            return 0
        self.sessie.flush()
        blokken = (
            {naam: kolom[begin : begin + BLOK] for naam, kolom in kolommen.items()} for begin in range(0, aantal, BLOK)
        )
        if self.postgres:
            with self._copy(tabel, namen) as copy:
                for blok in blokken:
                    teksten = [_copy_tekst(blok[naam]) for naam in namen]
                    copy.write("".join(f"{regel}\n" for regel in map("\t".join, zip(*teksten, strict=True))))
        elif self.sqlite:
            opdracht = f"INSERT INTO {tabel.name} ({', '.join(namen)}) VALUES ({', '.join('?' * len(namen))})"
            verbinding = self.sessie.connection()
            for blok in blokken:
                verbinding.exec_driver_sql(opdracht, list(zip(*(_sqlite_waarden(blok[n]) for n in namen), strict=True)))
        else:
            for blok in blokken:
                rijen = zip(*(_als_python(blok[n]) for n in namen), strict=True)
                self.sessie.execute(insert(tabel), [dict(zip(namen, rij, strict=True)) for rij in rijen])
        return aantal

    def schrijf_dicts(self, tabel: Table, rijen: list[dict[str, Any]]) -> int:
        if not rijen:
            return 0
        self.sessie.flush()
        if self.postgres:
            namen = list(rijen[0])
            with self._copy(tabel, namen) as copy:
                for rij in rijen:
                    copy.write_row(tuple(rij[naam] for naam in namen))
        else:
            for begin in range(0, len(rijen), BLOK):
                self.sessie.execute(insert(tabel), rijen[begin : begin + BLOK])
        return len(rijen)

    @contextmanager
    def _copy(self, tabel: Table, namen: Sequence[str]) -> Iterator[Any]:
        from psycopg import sql

        opdracht = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(tabel.name), sql.SQL(", ").join(sql.Identifier(n) for n in namen)
        )
        verbinding = self.sessie.connection().connection.driver_connection
        with verbinding.cursor() as cursor, cursor.copy(opdracht) as copy:
            yield copy

    # ----------------------------------------------------------------- laadmodus

    @contextmanager
    def laadmodus(self) -> Iterator[None]:
        """Tijdens het laden op PostgreSQL meer werkgeheugen voor het opnieuw bouwen van de indexen
        (``SET LOCAL``: alleen deze transactie). Op SQLite niets: een grotere paginacache maakte het laden
        niet sneller (de indexen van ``melding`` worden toch na het laden gebouwd) maar kostte 390 MB."""
        if self.postgres:
            self.sessie.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        yield

    @contextmanager
    def indexen_later(self, tabel: Table) -> Iterator[None]:
        """Verwijder de gewone (niet-unieke, niet-sleutel) indexen van ``tabel`` en bouw ze na het laden
        opnieuw op, met precies de definitie die de database had (dus die van de migraties). Geen
        ``finally``: gaat er iets mis, dan draait de aanroeper de transactie terug, en DDL gaat op SQLite
        en PostgreSQL mee terug."""
        definities = self._indexdefinities(tabel)
        for naam, _ in definities:
            self.sessie.execute(text(f'DROP INDEX "{naam}"'))
        yield
        for _, definitie in definities:
            self.sessie.execute(text(definitie))

    def _indexdefinities(self, tabel: Table) -> list[tuple[str, str]]:
        if self.sqlite:
            rijen = self.sessie.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL "
                     "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"),
                {"t": tabel.name},
            )  # fmt: skip
            return [(naam, sql) for naam, sql in rijen]
        if self.sessie.get_bind().dialect.name == "postgresql":
            rijen = self.sessie.execute(
                text("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                     "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                     "WHERE t.relname = :t AND t.relnamespace = current_schema()::regnamespace "
                     "AND NOT x.indisunique AND NOT x.indisprimary ORDER BY i.relname"),
                {"t": tabel.name},
            )  # fmt: skip
            return [(naam, definitie) for naam, definitie in rijen]
        return []


# --------------------------------------------------------------------------- de generator


class _Groot(_Demo):
    """De demogenerator met 100 wijken, vooraf verdeelde aantallen en gevectoriseerde meldingen."""

    def __init__(self, sessie: Session, omvang: Omvang, seed: int, vandaag: dt.date) -> None:
        super().__init__(sessie, 1, seed, vandaag)
        self.omvang = omvang
        self.seed = seed
        self.lader = Lader(sessie)
        extra_stadsdelen, extra_wijken = _verzonnen_profielen(omvang.wijken - len(WIJKEN))
        self.stadsdeelprofielen = demo.STADSDELEN + extra_stadsdelen
        self.wijkprofielen = WIJKEN + extra_wijken
        self.eerste_jaar = min(EERSTE_JAAR, vandaag.year - omvang.jaren + 1)
        self.jaren = range(self.eerste_jaar, vandaag.year + 1)
        self.extra_indicatoren: list[tuple[Indicator, ExtraIndicator]] = []
        self.quota_maatregelen: dict[tuple[str, int], int] = {}
        self.quota_uitgaven: dict[int, int] = {}
        self.quota_toezeggingen: dict[int, int] = {}

    def _np(self, *sleutel: int) -> np.random.Generator:
        """Een eigen numpy-generator per onderdeel (bijv. meldingen van één jaar): onafhankelijk van de
        blokgrootte en van de volgorde waarin de rest getrokken wordt."""
        return np.random.default_rng([self.seed % 2**63, *sleutel])

    def _schrijf(self, model: type[Base], rijen: list[dict[str, Any]]) -> None:
        self.lader.schrijf_dicts(Base.metadata.tables[model.__tablename__], rijen)

    # ----------------------------------------------------------------- referentie

    def lees_referentie(self) -> None:
        super().lees_referentie()
        aantal_extra = self.omvang.kwartaalindicatoren - sum(i.meetfrequentie_maanden == 3 for i in self.indicatoren)
        bestaand = {i.naam: i for i in self.indicatoren}
        for definitie in EXTRA_INDICATOREN[: max(0, aantal_extra)]:
            orm = bestaand.get(definitie.naam)
            if orm is None:
                orm = Indicator(
                    naam=definitie.naam,
                    eenheid=definitie.eenheid,
                    ambitie=self.ambities[definitie.ambitie],
                    bron=definitie.bron,
                    richting=definitie.richting,
                    is_telling=definitie.is_telling,
                    meetfrequentie_maanden=3,
                    gewijzigd_door=DOOR,
                )
                self.sessie.add(orm)
            self.extra_indicatoren.append((orm, definitie))
        self.sessie.flush()

    # ----------------------------------------------------------------- metingen (per wijk geschreven)

    def bereken_metingen(self) -> None:
        kwartaaleinden = [
            dt.date(jaar, maand, calendar.monthrange(jaar, maand)[1]) for jaar in self.jaren for maand in (3, 6, 9, 12)
        ]
        kwartaaleinden = [d for d in kwartaaleinden if d < self.vandaag]
        jaareinden = [d for d in (dt.date(jaar, 12, 31) for jaar in self.jaren) if d < self.vandaag]
        tabel = Base.metadata.tables[Meting.__tablename__]
        for index, wijk in enumerate(self.wijken):
            rijen = self._referentiemetingen(wijk, kwartaaleinden, jaareinden)
            rijen += self._extra_metingen(wijk, index, kwartaaleinden)
            if not rijen:
                continue
            indicator, wijk_id, peildatum, periode, waarde, bron = zip(*rijen, strict=True)
            self.lader.schrijf_kolommen(
                tabel,
                {
                    "indicator_id": np.array(indicator),
                    "wijk_id": np.array(wijk_id),
                    "peildatum": np.array(peildatum, dtype="datetime64[D]"),
                    "periode": np.array(periode, dtype=object),
                    "waarde": np.array(waarde, dtype=float),
                    "bron": np.array(bron, dtype=object),
                    "gewijzigd_door": np.full(len(rijen), DOOR, dtype=object),
                },
            )

    def _referentiemetingen(
        self, wijk: _Wijk, kwartaaleinden: list[dt.date], jaareinden: list[dt.date]
    ) -> list[tuple[Any, ...]]:
        """Zoals ``_Demo.bereken_metingen`` (ook de achterstallige meting van Hofkamp), voor één wijk."""
        p = wijk.profiel
        rijen: list[tuple[Any, ...]] = []
        for indicator in self.indicatoren:
            model = MEETMODELLEN.get(indicator.naam)
            if model is None:
                continue
            goed = 1 if indicator.richting == "hoger_is_beter" else -1
            eigen = self.rng.gauss(0, 0.3) * model.per_punt
            kwartaal = indicator.meetfrequentie_maanden == 3
            peildata = kwartaaleinden if kwartaal else jaareinden
            stop = (
                dt.date(self.vandaag.year - 2, 12, 31) if (p.naam, indicator.naam) == demo.ACHTERSTALLIGE_METING
                else self.vandaag
            )  # fmt: skip
            rho = RUIS_AUTOCORRELATIE ** (1 / (4 if kwartaal else 1))
            ruis = self.rng.gauss(0, 1)
            waarden: dict[int, float] = {}
            for peildatum in peildata:
                if peildatum > stop:
                    break
                niveau = (
                    model.basis
                    + goed * (model.per_punt * _verbetering(p.verloop, _jaartijd(peildatum)) - p.kwetsbaarheid * model.spreiding)
                    + eigen
                )  # fmt: skip
                ruis = rho * ruis + math.sqrt(1 - rho**2) * self.rng.gauss(0, 1)
                if indicator.is_telling:
                    per_1000 = max(model.minimum, niveau)
                    waarde = float(round(per_1000 * wijk.inwoners[peildatum.year] / 1000 * (1 + RUIS_TELLING * ruis)))
                else:
                    waarde = niveau + RUIS_PUNTEN * model.per_punt * ruis
                    waarde = float(round(min(model.maximum, max(model.minimum, waarde)), model.decimalen))
                if peildatum.month == 12:
                    waarden[peildatum.year] = waarde
                periode = "kwartaal" if kwartaal else "jaar"
                rijen.append((indicator.id, wijk.orm.id, peildatum, periode, waarde, indicator.bron))
            self.jaarwaarde[(p.naam, indicator.naam)] = waarden
        return rijen

    def _extra_metingen(self, wijk: _Wijk, index: int, kwartaaleinden: list[dt.date]) -> list[tuple[Any, ...]]:
        """De extra kwartaalindicatoren van één wijk in één keer: niveau uit het verloop van de wijk,
        autocorrelerende ruis (AR(1)) per indicator."""
        if not self.extra_indicatoren or not kwartaaleinden:
            return []
        p = wijk.profiel
        rng = self._np(2, index)
        modellen = [d.model for _, d in self.extra_indicatoren]
        basis = np.array([m.basis for m in modellen])[:, None]
        spreiding = np.array([m.spreiding for m in modellen])[:, None]
        per_punt = np.array([m.per_punt for m in modellen])[:, None]
        minimum = np.array([m.minimum for m in modellen])[:, None]
        maximum = np.array([m.maximum for m in modellen])[:, None]
        goed = np.array([1.0 if d.richting == "hoger_is_beter" else -1.0 for _, d in self.extra_indicatoren])[:, None]
        telling = np.array([d.is_telling for _, d in self.extra_indicatoren])[:, None]
        decimalen = [0 if d.is_telling else d.model.decimalen for _, d in self.extra_indicatoren]
        verbetering = np.array([_verbetering(p.verloop, _jaartijd(d)) for d in kwartaaleinden])[None, :]
        inwoners = np.array([wijk.inwoners[d.year] for d in kwartaaleinden], dtype=float)[None, :]
        aantal_ind, aantal_kw = len(modellen), len(kwartaaleinden)
        eigen = rng.normal(0, 0.3, (aantal_ind, 1)) * per_punt
        rho = RUIS_AUTOCORRELATIE ** 0.25
        stappen = rng.normal(0, 1, (aantal_ind, aantal_kw))
        ruis = np.empty((aantal_ind, aantal_kw))
        vorige = rng.normal(0, 1, aantal_ind)
        for k in range(aantal_kw):
            vorige = rho * vorige + math.sqrt(1 - rho**2) * stappen[:, k]
            ruis[:, k] = vorige
        niveau = basis + goed * (per_punt * verbetering - p.kwetsbaarheid * spreiding) + eigen
        als_telling = np.round(np.maximum(minimum, niveau) * inwoners / 1000 * (1 + RUIS_TELLING * ruis))
        als_score = np.clip(niveau + RUIS_PUNTEN * per_punt * ruis, minimum, maximum)
        waarden = np.where(telling, als_telling, als_score)
        rijen: list[tuple[Any, ...]] = []
        for i, (indicator, _) in enumerate(self.extra_indicatoren):
            reeks = np.round(waarden[i], decimalen[i]).tolist()
            rijen += [
                (indicator.id, wijk.orm.id, peildatum, "kwartaal", float(w), indicator.bron)
                for peildatum, w in zip(kwartaaleinden, reeks, strict=True)
            ]
        return rijen

    # ----------------------------------------------------------------- aantallen vooraf verdeeld

    def maak_plannen(self) -> None:
        """Verdeel eerst de maatregelen over alle plannen (naar de gewichten van de demo: WOP 18, SHR 6,
        AWA 5 of 3 per plan), dan de plannen zoals in de demo."""
        sleutels: list[tuple[str, int]] = []
        gewichten: list[float] = []
        programma = 0
        for wijk in self.wijken:
            p = wijk.profiel
            for van, tot, _ in self._perioden(p):
                sleutels.append((p.naam, van))
                if p.naam == RIET and van == RIET_PROGRAMMA_JAREN[0]:
                    programma = len(RIET_PROGRAMMA)
                    gewichten.append(0)
                elif p.werkwijze == "WOP":
                    gewichten.append(18)
                elif p.werkwijze == "SHR":
                    gewichten.append(6)
                else:
                    gewichten.append(5 if tot > van else 3)
        aantallen = verdeel_aantal(self.omvang.maatregelen - programma, gewichten)
        self.quota_maatregelen = dict(zip(sleutels, aantallen, strict=True))
        super().maak_plannen()

    def _aantal_maatregelen(self, p: WijkProfiel, plan: _Plan, programma: bool) -> int:
        return self.quota_maatregelen.get((p.naam, plan.van), 0)

    def _schrijf_uitgaven(
        self, oormerken: list[tuple[_Wijk, Oormerk, float]], riet_oormerk: tuple[_Wijk, Oormerk] | None
    ) -> None:
        """Eerst de uitgaven van De Riet (hun aantal ligt vast), dan de rest verdeeld over de
        jaaroormerken naar bedrag × verstreken deel van het jaar (minstens één per oormerk)."""
        uitgaven: list[dict[str, Any]] = self._riet_uitgaven(*riet_oormerk) if riet_oormerk else []
        gewichten = [float(o.bedrag) * self._verstreken(o.jaar_van) for _, o, _ in oormerken]
        rest = max(0, self.omvang.uitgaven - len(uitgaven))
        self.quota_uitgaven = {
            o.id: n for (_, o, _), n in zip(oormerken, verdeel_aantal(rest, gewichten, minimum=1), strict=True)
        }
        for wijk, oormerk, benutting in oormerken:
            uitgaven += self._jaaruitgaven(wijk, oormerk, benutting)
        uitgaven = uitgaven[: self.omvang.uitgaven]  # alleen bij een omvang kleiner dan De Riet alleen
        uitgaven.sort(key=lambda u: (u["datum"], u["wijk_id"], u["kenmerk"]))
        for volgnummer, uitgave in enumerate(uitgaven, start=1):
            uitgave["kenmerk"] = f"DEMO-{uitgave['datum'].year}-{volgnummer:06d}"
        self._schrijf(Uitgave, uitgaven)

    def _aantal_uitgaven(self, oormerk: Oormerk) -> int:
        return self.quota_uitgaven.get(oormerk.id, 0)

    def maak_toezeggingen(self) -> None:
        jaren = list(range(EERSTE_JAAR + 1, self.vandaag.year + 1))
        gewone = self.omvang.toezeggingen - demo.TE_LATE_TOEZEGGINGEN
        self.quota_toezeggingen = dict(
            zip(jaren, verdeel_aantal(gewone, [self._verstreken(j) for j in jaren]), strict=True)
        )
        super().maak_toezeggingen()

    def _aantal_toezeggingen(self, jaar: int) -> int:
        return self.quota_toezeggingen.get(jaar, 0)

    # ----------------------------------------------------------------- meldingen (gevectoriseerd)

    def maak_meldingen(self) -> None:
        """Dezelfde verdelingen als ``_Demo._melding`` (categorie, seizoen, kanaal, tijdstip, ernst,
        afhandeling binnen of buiten de norm, blijven liggen, melden aan de regiegroep), per jaar
        voor alle wijken tegelijk getrokken en per jaar op ontvangstmoment gesorteerd geschreven."""
        self._bereid_meldingen_voor()
        jaren = list(self.jaren)
        gewichten = []
        for jaar in jaren:
            jaargewicht = (1 + 0.06 * (jaar - EERSTE_JAAR)) * self._verstreken(jaar)
            for wijk in self.wijken:
                druk = demo._interpoleer(wijk.profiel.meldingdruk, jaar)
                gewichten.append(jaargewicht * wijk.inwoners[jaar] * druk)
        per_cel = np.array(verdeel_aantal(self.omvang.meldingen, gewichten)).reshape(len(jaren), len(self.wijken))
        tabel = Base.metadata.tables[Melding.__tablename__]
        with self.lader.indexen_later(tabel):
            for j, jaar in enumerate(jaren):
                if per_cel[j].sum() == 0:
                    continue
                self.lader.schrijf_kolommen(tabel, self._meldingen_jaar(jaar, per_cel[j]))

    def _bereid_meldingen_voor(self) -> None:
        """Opzoektabellen per wijk en categorie (teksten, verantwoordelijken, kansen)."""
        self.categorieen = list(CATEGORIE_GEWICHT)
        rng = random.Random(self.seed * 7 + 1)  # kenmerken van de verzonnen wijken, los van de hoofdreeks
        self.categoriegewicht = np.zeros((len(self.wijken), len(self.categorieen)))
        self.binnen_basis = np.zeros(len(self.wijken))
        self.binnen_trend = np.zeros(len(self.wijken))
        self.liggen_kans = np.full(len(self.wijken), 0.03)
        self.niet_gemeld_kans = np.full(len(self.wijken), 0.06)
        almelo = {p.naam for p in WIJKEN}
        for w, wijk in enumerate(self.wijken):
            naam = wijk.profiel.naam
            for c, categorie in enumerate(self.categorieen):
                factor = 2.0 if categorie == "overlast" and naam == "Binnenstad" else 1.0
                if naam not in almelo:
                    factor = rng.uniform(0.8, 1.25)
                self.categoriegewicht[w, c] = CATEGORIE_GEWICHT[categorie] * factor
            if naam in almelo:
                self.binnen_basis[w] = 0.86
            else:
                self.binnen_basis[w] = rng.uniform(0.74, 0.92)
                self.binnen_trend[w] = rng.uniform(-0.01, 0.01)
                self.niet_gemeld_kans[w] = rng.uniform(0.03, 0.12)
            if naam == DALENDE_WIJK:
                self.liggen_kans[w] = 0.25
        self.categoriegewicht /= self.categoriegewicht.sum(axis=1, keepdims=True)
        # teksten: per wijk en categorie een reeks keuzes in één platte lijst met begin en lengte
        self.verantwoordelijken, self.verantw_begin, self.verantw_lengte = self._plat(
            [
                [
                    v.format(stadsdeel=wijk.stadsdeel.naam, wijk=wijk.profiel.naam,
                             meldingenverantwoordelijke=wijk.meldingenverantwoordelijke)  # fmt: skip
                    for v in MELDING_VERANTWOORDELIJKEN[c]
                ]
                for wijk in self.wijken
                for c in self.categorieen
            ]
        )
        self.buurten, self.buurt_begin, self.buurt_lengte = self._plat([list(w.profiel.buurten) for w in self.wijken])
        self.straten, self.straat_begin, self.straat_lengte = self._plat([list(w.profiel.straten) for w in self.wijken])
        self.straat_rang = np.argsort(np.argsort(self.straten.astype(str), kind="stable"), kind="stable")
        self.omschrijvingen, self.omschr_begin, self.omschr_lengte = self._plat(
            [list(MELDING_TEKSTEN[c]) for c in self.categorieen]
        )
        self.aanpakken, self.aanpak_begin, self.aanpak_lengte = self._plat(
            [list(MELDING_AANPAK[c]) for c in self.categorieen]
        )
        self.normen_vec = np.array([self.normen.get(c, 10) for c in self.categorieen])
        self.ernstig_kans = np.array([ERNSTIG_KANS[c] for c in self.categorieen])
        self.seizoen = np.array([SEIZOEN[c] for c in self.categorieen])
        self.categorie_rang = np.argsort(np.argsort(np.array(self.categorieen)))
        self.kalender = werkdagkalender(dt.date(self.eerste_jaar, 1, 1), dt.date(self.vandaag.year + 1, 12, 31))
        self.almelo_index = {w.profiel.naam: i for i, w in enumerate(self.wijken) if w.profiel.naam in almelo}

    @staticmethod
    def _plat(lijsten: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lengte = np.array([len(lijst) for lijst in lijsten])
        begin = np.concatenate(([0], np.cumsum(lengte)[:-1]))
        plat = np.empty(int(lengte.sum()), dtype=object)
        plat[:] = [tekst for lijst in lijsten for tekst in lijst]
        return plat, begin, lengte

    def _binnen_kans(self, jaar: int) -> np.ndarray:
        """Kans op afhandeling binnen de norm per wijk in ``jaar`` (de verhalen van de demo voor Almelo)."""
        kans = np.clip(self.binnen_basis + self.binnen_trend * (jaar - EERSTE_JAAR), 0.5, 0.97)
        index = self.almelo_index
        if DALENDE_WIJK in index and jaar >= 2020:
            kans[index[DALENDE_WIJK]] = 0.55
        if STIJGENDE_WIJK in index:
            kans[index[STIJGENDE_WIJK]] = min(0.97, 0.74 + 0.013 * (jaar - EERSTE_JAAR))
        if RIET in index and jaar <= RIET_PROGRAMMA_JAREN[1]:
            kans[index[RIET]] = 0.92
        return kans

    def _kanaalkansen(self, jaar: int) -> tuple[list[str], np.ndarray]:
        """Zoals ``_Demo._kanaal``: rij 0 voor gewone categorieën, rij 1 voor veilig en overlast."""
        kanalen = ["telefoon", "balie", "email", "wijkagent", "regiegroep"]
        gewichten = [max(0.15, 0.45 - 0.02 * (jaar - EERSTE_JAAR)), 0.08, 0.12, 0.05, 0.03]
        if jaar >= 2010:
            kanalen.append("website")
            gewichten.append(0.2)
        if jaar >= 2015:
            kanalen.append("app")
            gewichten.append(0.05 + 0.03 * (jaar - 2015))
        veilig = list(gewichten)
        veilig[3] = 0.15
        tabel = np.array([gewichten, veilig])
        return kanalen, np.cumsum(tabel / tabel.sum(axis=1, keepdims=True), axis=1)

    def _meldingen_jaar(self, jaar: int, per_wijk: np.ndarray) -> dict[str, np.ndarray]:
        rng = self._np(1, jaar)
        n = int(per_wijk.sum())
        wijk = np.repeat(np.arange(len(self.wijken)), per_wijk)

        def trek(kansen_cumulatief: np.ndarray) -> np.ndarray:
            """Per rij een keuze uit een rij cumulatieve kansen (n × k)."""
            u = rng.random(n)[:, None]
            return np.minimum((u >= kansen_cumulatief).sum(axis=1), kansen_cumulatief.shape[1] - 1)

        def kies(begin: np.ndarray, lengte: np.ndarray) -> np.ndarray:
            return begin + np.floor(rng.random(n) * lengte).astype(np.int64)

        categorie = trek(np.cumsum(self.categoriegewicht, axis=1)[wijk])
        kanalen, kanaalkansen = self._kanaalkansen(jaar)
        veilig_overlast = np.isin(categorie, [self.categorieen.index("veilig"), self.categorieen.index("overlast")])
        kanaal = trek(kanaalkansen[veilig_overlast.astype(int)])
        kanaalnaam = np.array(kanalen, dtype=object)[kanaal]

        # ontvangstmoment: maand naar seizoen (tot en met gisteren), dag uniform in de maand
        gisteren = self.vandaag - dt.timedelta(days=1)
        laatste_maand = 12 if jaar < gisteren.year else gisteren.month
        seizoen = self.seizoen[:, :laatste_maand]
        maand = trek(np.cumsum(seizoen / seizoen.sum(axis=1, keepdims=True), axis=1)[categorie])  # 0-gebaseerd
        dagen_in_maand = np.array([calendar.monthrange(jaar, m)[1] for m in range(1, laatste_maand + 1)])
        if jaar == gisteren.year:
            dagen_in_maand[gisteren.month - 1] = gisteren.day
        maandbegin = np.array([np.datetime64(dt.date(jaar, m, 1)) for m in range(1, laatste_maand + 1)])
        dag = maandbegin[maand] + np.floor(rng.random(n) * dagen_in_maand[maand]).astype(np.int64)
        telefoon_balie = np.isin(kanaalnaam, ["telefoon", "balie"])
        nieuwjaar = np.datetime64(dt.date(jaar, 1, 1))
        for _ in range(2):  # za → vr, zo → za → vr (niet vóór 1 januari), zoals _Demo._ontvangstmoment
            weekdag = (dag.astype(np.int64) + 3) % 7
            terug = telefoon_balie & (weekdag >= 5) & (dag - 2 >= nieuwjaar)
            dag = np.where(terug, dag - 1, dag)
        digitaal_uren = np.array((7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0))
        uur = np.where(
            telefoon_balie,
            8 + np.floor(rng.random(n) * 9),
            np.where(
                np.isin(kanaalnaam, ["app", "website", "email"]),
                digitaal_uren[np.floor(rng.random(n) * len(digitaal_uren)).astype(np.int64)],
                9 + np.floor(rng.random(n) * 12),
            ),
        ).astype(np.int64)
        minuut = np.floor(rng.random(n) * 60).astype(np.int64)
        ontvangen = dag.astype("datetime64[m]") + (uur * 60 + minuut).astype("timedelta64[m]")

        # ernst en afhandeling
        ernstig = rng.random(n) < self.ernstig_kans[categorie]
        norm = self.normen_vec[categorie]
        binnen = np.where(ernstig, np.maximum(self._binnen_kans(jaar)[wijk], 0.9), self._binnen_kans(jaar)[wijk])
        binnen_norm = rng.random(n) < binnen
        dalend = wijk == self.almelo_index.get(DALENDE_WIJK, -1)
        werkdagen = np.where(
            binnen_norm,
            np.floor(rng.random(n) * (norm + 1)),
            norm + 1 + np.floor(rng.random(n) * np.maximum(3, norm)) + np.where(dalend, np.floor(rng.random(n) * 11), 0),
        ).astype(np.int64)
        zelfde_dag = werkdagen == 0
        snel = ontvangen + (20 + np.floor(rng.random(n) * 281)).astype(np.int64).astype("timedelta64[m]")
        afhandeldag = plus_werkdagen_vec(dag, np.maximum(werkdagen, 1), self.kalender)
        afhandeluur = (8 + np.floor(rng.random(n) * 9)).astype(np.int64) * 60 + np.floor(rng.random(n) * 60).astype(
            np.int64
        )
        later = afhandeldag.astype("datetime64[m]") + afhandeluur.astype("timedelta64[m]")
        afgehandeld = np.where(zelfde_dag, snel, later)
        leeftijd = (np.datetime64(self.vandaag) - dag).astype(np.int64)
        blijft_liggen = (leeftijd >= 40) & (leeftijd <= 200) & (rng.random(n) < self.liggen_kans[wijk])
        niet_af = (afgehandeld >= np.datetime64(self.nu, "m")) | blijft_liggen
        open_ = niet_af & ((leeftijd <= 5) | (blijft_liggen & (rng.random(n) < 0.3)))
        status = np.where(niet_af, np.where(open_, "open", "in_behandeling"), "afgehandeld").astype(object)
        afgehandeld_op = np.where(niet_af, np.datetime64("NaT", "m"), afgehandeld)
        afhandeltijd = werkdagen_tussen_vec(ontvangen, np.where(niet_af, ontvangen, afgehandeld), self.kalender)
        afhandeltijd_obj = np.where(niet_af, None, afhandeltijd.astype(object))

        # rapportage aan de regiegroep: tweede dinsdag van de maand na ontvangst
        maand_ontvangen = ((dag.astype("datetime64[M]") - np.datetime64(f"{jaar}-01", "M")).astype(np.int64))
        vergaderingen = np.array(
            [np.datetime64(_tweede_dinsdag(*((jaar + 1, 1) if m == 12 else (jaar, m + 1)))) for m in range(1, 13)]
        )
        vergadering = vergaderingen[maand_ontvangen]
        niet_gemeld = self.niet_gemeld_kans[wijk]
        if DALENDE_WIJK in self.almelo_index and jaar >= 2020:
            niet_gemeld = np.where(dalend, 0.25, niet_gemeld)
        gemeld = np.where(
            (vergadering >= np.datetime64(self.vandaag)) | (rng.random(n) < niet_gemeld),
            np.datetime64("NaT", "D"),
            vergadering,
        )

        # teksten
        cel = wijk * len(self.categorieen) + categorie
        verantwoordelijke = self.verantwoordelijken[kies(self.verantw_begin[cel], self.verantw_lengte[cel])]
        aanpak = self.aanpakken[kies(self.aanpak_begin[categorie], self.aanpak_lengte[categorie])]
        in_behandeling = status == "in_behandeling"
        aanpak = np.where(status == "afgehandeld", aanpak, None)
        aanpak[in_behandeling] = [f"In behandeling bij {v}." for v in verantwoordelijke[in_behandeling]]
        rol = np.array(ROL_BEWONERS, dtype=object)[np.floor(rng.random(n) * len(ROL_BEWONERS)).astype(np.int64)]
        rol = np.where((status != "open") & (rng.random(n) < 0.3), rol, None)
        kerngroep = rng.random(n) < np.where(ernstig, 0.9, 0.01)
        buurt_index = kies(self.buurt_begin[wijk], self.buurt_lengte[wijk])
        straat_index = kies(self.straat_begin[wijk], self.straat_lengte[wijk])
        omschrijving = self.omschrijvingen[kies(self.omschr_begin[categorie], self.omschr_lengte[categorie])]

        # volgorde van ontvangst (zoals de demo: moment, wijk, categorie, straat), kenmerken per jaar
        wijk_ids = np.array([w.orm.id for w in self.wijken])[wijk]
        volgorde = np.lexsort(
            (self.straat_rang[straat_index], self.categorie_rang[categorie], wijk_ids, ontvangen.astype(np.int64))
        )
        kenmerk = np.array([f"M{jaar}-{i:06d}" for i in range(1, n + 1)], dtype=object)
        categorienaam = np.array(self.categorieen, dtype=object)[categorie]
        kolommen = {
            "kenmerk": kenmerk,
            "wijk_id": wijk_ids[volgorde],
            "buurt": self.buurten[buurt_index][volgorde],
            "straat": self.straten[straat_index][volgorde],
            "categorie": categorienaam[volgorde],
            "ernst": np.where(ernstig, "ernstig", "normaal").astype(object)[volgorde],
            "kanaal": kanaalnaam[volgorde],
            "omschrijving": omschrijving[volgorde],
            "ontvangen_op": ontvangen[volgorde],
            "afgehandeld_op": afgehandeld_op[volgorde],
            "afhandeltijd_werkdagen": afhandeltijd_obj[volgorde],
            "verantwoordelijke": verantwoordelijke[volgorde],
            "status": status[volgorde],
            "aanpak": aanpak[volgorde],
            "rol_bewoners": rol[volgorde],
            "kerngroep_betrokken": kerngroep[volgorde],
            "gemeld_aan_regiegroep_op": gemeld[volgorde],
            "gewijzigd_door": np.full(n, DOOR, dtype=object),
        }
        return kolommen



def genereer_groot(
    sessie: Session,
    omvang: Omvang = G4,
    seed: int = 2008,
    vandaag: dt.date | None = None,
    voortgang: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Vul een lege database met een dataset van ``omvang`` (standaard G4); geeft het aantal rijen per tabel.

    Deterministisch: zelfde ``seed``, ``omvang`` en ``vandaag`` geven dezelfde rijen (behalve
    wachtwoord-hashes en tijdstempels). ``voortgang(stap)`` wordt na elke stap aangeroepen (voor het
    benchmarkscript). Flusht, commit niet.

    Raises:
        DemoFout: als de database al wijken bevat of de omvang niet kan.
    """
    _controleer(omvang)
    if sessie.scalar(select(func.count()).select_from(Wijk)):
        raise DemoFout("De database bevat al wijken; demonstratiegegevens gaan alleen in een lege database.")
    groot = _Groot(sessie, omvang, seed, vandaag or dt.date.today())
    stappen: tuple[tuple[str, tuple[Callable[[], None], ...]], ...] = (
        ("referentie, wijken en regiegroepen", (groot.lees_referentie, groot.maak_wijken, groot.maak_regiegroepen)),
        ("metingen", (groot.bereken_metingen,)),
        ("wijkplannen en maatregelen", (groot.plan_evaluaties, groot.maak_plannen)),
        ("oormerken en uitgaven", (groot.maak_budget,)),
        ("meldingen", (groot.maak_meldingen,)),
        ("evaluaties", (groot.maak_evaluaties,)),
        ("toezeggingen en gebruikers", (groot.maak_toezeggingen, groot.maak_gebruikers)),
    )
    with groot.lader.laadmodus():
        for naam, functies in stappen:
            for functie in functies:
                functie()
            sessie.flush()
            if voortgang:
                voortgang(naam)
    return _aantallen(sessie)


def laad_groot(
    engine: Engine,
    omvang: Omvang = G4,
    seed: int = 2008,
    vandaag: dt.date | None = None,
    voortgang: Callable[[str], None] | None = None,
    leeg_eerst: bool = False,
) -> dict[str, int]:
    """``genereer_groot`` in één eigen transactie, met commit: voor de opdrachtregel en het benchmarkscript.

    Op SQLite tijdens het laden ``journal_mode=DELETE`` en ``synchronous=OFF``: in WAL-modus gaat elke
    nieuwe pagina eerst naar het WAL-bestand en bij het checkpoint nog eens naar de database (de helft van
    de schrijftijd). Daarna weer zoals het was (WAL, NORMAL). Kan SQLite niet wisselen, bijvoorbeeld omdat
    een ander proces de database open heeft, dan laadt het gewoon in WAL. ``leeg_eerst``: maak eerst alle
    tabellen leeg, in dezelfde transactie (``seed --opnieuw``).
    """
    sqlite = engine.dialect.name == "sqlite"
    engine.dispose()  # wachtende verbindingen dicht: SQLite wisselt alleen als enige van journal_mode
    with engine.connect() as verbinding:
        oud: dict[str, Any] = {}
        if sqlite:
            oud = {p: verbinding.exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("journal_mode", "synchronous")}
            try:
                verbinding.exec_driver_sql("PRAGMA journal_mode=DELETE")
            except OperationalError:
                oud.pop("journal_mode")
            verbinding.exec_driver_sql("PRAGMA synchronous=OFF")
            verbinding.commit()
        try:
            with Session(bind=verbinding) as sessie, sessie.begin():
                if leeg_eerst:
                    for tabel in reversed(Base.metadata.sorted_tables):
                        sessie.execute(tabel.delete())
                aantallen = genereer_groot(sessie, omvang, seed=seed, vandaag=vandaag, voortgang=voortgang)
        finally:
            if sqlite:
                for pragma, waarde in oud.items():
                    verbinding.exec_driver_sql(f"PRAGMA {pragma}={waarde}")
                verbinding.commit()
    # Statistieken en zichtbaarheidskaart voor de planner, meteen na het bulkladen: zonder VACUUM kan PostgreSQL
    # geen index-only scans doen (elke rij wordt dan toch in de tabel nagelezen) en zonder ANALYZE kiest hij
    # plannen voor lege tabellen. Autovacuum zou dit later ook doen, maar pas na minuten (of nooit, als het uit staat).
    if voortgang:
        voortgang("statistieken bijwerken (VACUUM/ANALYZE)")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as verbinding:
        verbinding.exec_driver_sql("ANALYZE" if sqlite else "VACUUM (ANALYZE)")
    # COPY schrijft langs de ORM heen: de gedeelde cache van de pagina's (Redis) expliciet ongeldig maken.
    from datalaag.cache import verhoog_generatie

    verhoog_generatie(engine)
    return aantallen
