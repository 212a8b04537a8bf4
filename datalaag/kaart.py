"""De kaart van de wijken: maten om op te kleuren, gegevens per wijk, tegelposities, en het
inlezen van wijkgrenzen (GeoJSON van de CBS wijk- en buurtkaart) door de beheerder.

- :data:`kaartmaten`: de maten waarop de kaart kleurt, met Nederlandse naam en opmaak.
- :func:`kaartgegevens`: per wijk de waarde van een maat, de grens (als die is ingelezen) en een
  vaste plek op de schematische tegelkaart.
- :func:`laad_grenzen`: schrijft grenzen in ``Wijk.geometrie`` met een ``Mutatie`` per gewijzigde
  wijk; alles of niets.

Tegelkaart (zonder ingelezen grenzen): elke wijk een vierkante tegel. Stadsdelen op naam, elk
stadsdeel begint een nieuwe rij; binnen een stadsdeel de wijken op naam, hooguit
``TEGELS_PER_RIJ`` naast elkaar. Zo staat elke wijk altijd op dezelfde plek.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.afgeleid import peildatum_voor_jaar
from datalaag.cache import gecachet
from datalaag.models import Mutatie, Stadsdeel, Wijk
from datalaag.opmaak import formatteer_getal, formatteer_procent
from datalaag.vergelijk import DELEN, Maten, _maten_per_wijk

# --------------------------------------------------------------------------- maten


@dataclass(frozen=True, slots=True)
class Kaartmaat:
    code: str
    label: str
    #: naam van de formatter in :mod:`datalaag.opmaak` en het aantal decimalen
    formatter: str
    decimalen: int
    toelichting: str
    #: haalt de waarde uit de maten van een wijk
    waarde: Callable[[Maten], float | None] = field(repr=False, compare=False)
    #: welke delen van de maten daarvoor nodig zijn (:data:`datalaag.vergelijk.DELEN`)
    delen: frozenset[str] = field(default=DELEN, repr=False, compare=False)

    def formatteer(self, waarde: float | None) -> str:
        if self.formatter == "formatteer_procent":
            return formatteer_procent(waarde, self.decimalen)
        return formatteer_getal(waarde, self.decimalen)


kaartmaten: tuple[Kaartmaat, ...] = (
    Kaartmaat(
        "ambitiescore", "Gemiddelde ambitiescore", "formatteer_getal", 1,
        "Gemiddeld rapportcijfer (1–10) over de ambities.",
        lambda m: m.ambitiescore, frozenset({"scores"}),
    ),
    Kaartmaat(
        "budgetbenutting", "Budgetbenutting", "formatteer_procent", 0,
        "Uitgaven in het jaar als deel van het oormerk; boven 100% is overschreden.",
        lambda m: m.budgetbenutting, frozenset({"budget"}),
    ),
    Kaartmaat(
        "meldingen", "Meldingen per 1.000 inwoners", "formatteer_getal", 1,
        "Meldingen ontvangen in het jaar per 1.000 inwoners.",
        lambda m: m.meldingen_per_1000, frozenset({"meldingen"}),
    ),
    Kaartmaat(
        "op_koers", "Doelstellingen op koers", "formatteer_procent", 0,
        "Deel van de doelstellingen van het lopende plan dat op koers ligt.",
        lambda m: m.aandeel_op_koers, frozenset({"doelen"}),
    ),
)
KAARTMATEN: dict[str, Kaartmaat] = {m.code: m for m in kaartmaten}
STANDAARD_KAARTMAAT = "ambitiescore"


def kies_kaartmaat(code: str | None) -> Kaartmaat:
    """De maat uit de URL als die bestaat, anders de standaard (gemiddelde ambitiescore)."""
    return KAARTMATEN.get(code or "", KAARTMATEN[STANDAARD_KAARTMAAT])


# --------------------------------------------------------------------------- tegels

TEGELS_PER_RIJ = 4


def tegelposities(wijken: Sequence[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """(slug, naam, stadsdeel) → {slug: (kolom, rij)}, rij 0 bovenaan. Zie de moduledocumentatie."""
    per_stadsdeel: dict[str, list[tuple[str, str]]] = {}
    for slug, naam, stadsdeel in wijken:
        per_stadsdeel.setdefault(stadsdeel, []).append((naam, slug))
    posities: dict[str, tuple[int, int]] = {}
    rij = 0
    for stadsdeel in sorted(per_stadsdeel, key=lambda s: (s.casefold(), s)):
        leden = sorted(per_stadsdeel[stadsdeel], key=lambda w: (w[0].casefold(), w[0]))
        for i, (_naam, slug) in enumerate(leden):
            posities[slug] = (i % TEGELS_PER_RIJ, rij + i // TEGELS_PER_RIJ)
        rij += math.ceil(len(leden) / TEGELS_PER_RIJ)
    return posities


# --------------------------------------------------------------------------- gegevens


@dataclass(frozen=True, slots=True)
class KaartWijk:
    slug: str
    naam: str
    stadsdeel: str
    waarde: float | None
    kolom: int
    rij: int
    geometrie: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Kaartgegevens:
    maat: Kaartmaat
    jaar: int
    peildatum: dt.date
    wijken: tuple[KaartWijk, ...]

    @property
    def met_grenzen(self) -> bool:
        """Zodra één wijk een ingelezen grens heeft, wordt het een echte kaart."""
        return any(w.geometrie for w in self.wijken)


@gecachet
def kaartgegevens(sessie: Session, maat: str | Kaartmaat, jaar: int, vandaag: dt.date) -> Kaartgegevens:
    """Per wijk (op naam) de waarde van ``maat`` op de peildatum van ``jaar``, met grens en tegelplek. Alleen het
    deel van de maten dat ``maat`` nodig heeft wordt uitgerekend (de ambitiescore vraagt geen meldingen)."""
    kaartmaat = maat if isinstance(maat, Kaartmaat) else kies_kaartmaat(maat)
    maten = _maten_per_wijk(sessie, jaar, peildatum_voor_jaar(jaar, vandaag), kaartmaat.delen)
    return kaartgegevens_uit_maten(sessie, kaartmaat, jaar, vandaag, maten)


def kaartgegevens_uit_maten(sessie: Session, maat: str | Kaartmaat, jaar: int, vandaag: dt.date,
                            maten: dict[int, Maten]) -> Kaartgegevens:
    """:func:`kaartgegevens` met de maten per wijk al uitgerekend (:func:`datalaag.vergelijk.vergelijking`)."""
    kaartmaat = maat if isinstance(maat, Kaartmaat) else kies_kaartmaat(maat)
    rijen = sorted(
        sessie.execute(
            select(Wijk.id, Wijk.slug, Wijk.naam, Stadsdeel.naam.label("stadsdeel"), Wijk.geometrie).join(
                Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id
            )
        ).all(),
        key=lambda r: (r.naam.casefold(), r.naam),
    )
    posities = tegelposities([(r.slug, r.naam, r.stadsdeel) for r in rijen])
    return Kaartgegevens(
        maat=kaartmaat,
        jaar=jaar,
        peildatum=peildatum_voor_jaar(jaar, vandaag),
        wijken=tuple(
            KaartWijk(
                slug=r.slug,
                naam=r.naam,
                stadsdeel=r.stadsdeel,
                waarde=kaartmaat.waarde(maten[r.id]) if r.id in maten else None,
                kolom=posities[r.slug][0],
                rij=posities[r.slug][1],
                geometrie=r.geometrie or None,
            )
            for r in rijen
        ),
    )


# --------------------------------------------------------------------------- grenzen inlezen


class GrensFout(ValueError):
    """Het bestand is geen bruikbare GeoJSON; de tekst zegt in het Nederlands wat er mis is."""


@dataclass(frozen=True, slots=True)
class LaadVerslag:
    #: namen van de wijken die een grens kregen of hielden (gekoppeld)
    gekoppeld: tuple[str, ...]
    #: daarvan de wijken waarvan de grens echt veranderde (met een Mutatie)
    gewijzigd: tuple[str, ...]
    #: namen (of codes) van features in het bestand zonder bijpassende wijk
    features_zonder_wijk: tuple[str, ...]
    #: onze wijken zonder feature in het bestand
    wijken_zonder_feature: tuple[str, ...]
    #: features van andere gemeenten, overgeslagen
    andere_gemeenten: int = 0
    #: True als de coördinaten uit RD New (EPSG:28992) zijn omgerekend naar WGS84
    omgerekend_uit_rd: bool = False


def normaliseer_naam(naam: str) -> str:
    """Naam om te vergelijken: zonder accenten, kleine letters, witruimte samengevoegd."""
    zonder = "".join(c for c in unicodedata.normalize("NFKD", naam) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", zonder).strip().casefold()


def _eigenschap(properties: dict[str, Any], *namen: str) -> str | None:
    """Eigenschap hoofdletterongevoelig (CBS gebruikte vroeger ``WK_CODE``/``WK_NAAM``)."""
    klein = {str(k).casefold(): v for k, v in properties.items()}
    for naam in namen:
        waarde = klein.get(naam.casefold())
        if waarde not in (None, ""):
            return str(waarde).strip()
    return None


# RD New → WGS84: de benaderingsformules van Schreutelkamp en Strang van Hees (nauwkeurig tot
# ongeveer een meter), zodat er geen zware afhankelijkheid (pyproj) nodig is.
_RD_X0, _RD_Y0 = 155000.0, 463000.0
_WGS_PHI0, _WGS_LAM0 = 52.15517440, 5.38720621
_RD_K = ((0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978), (0, 3, -0.06550),
         (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012))
_RD_L = ((1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885), (1, 3, 0.05594),
         (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128), (0, 2, 0.00022),
         (2, 0, -0.00022), (5, 0, 0.00026))


def rd_naar_wgs84(x: float, y: float) -> tuple[float, float]:
    """RD New (EPSG:28992, meters) → (lengtegraad, breedtegraad) in WGS84."""
    dx, dy = (x - _RD_X0) * 1e-5, (y - _RD_Y0) * 1e-5
    phi = _WGS_PHI0 + sum(k * dx**p * dy**q for p, q, k in _RD_K) / 3600
    lam = _WGS_LAM0 + sum(c * dx**p * dy**q for p, q, c in _RD_L) / 3600
    return lam, phi


def _ringen(geometrie: dict[str, Any]) -> list[list[Any]]:
    """Alle ringen (lijsten van punten) van een Polygon of MultiPolygon."""
    if geometrie["type"] == "Polygon":
        return list(geometrie["coordinates"])
    return [ring for polygoon in geometrie["coordinates"] for ring in polygoon]


def _controleer_geometrie(geometrie: Any, naam: str) -> dict[str, Any]:
    if not isinstance(geometrie, dict) or geometrie.get("type") not in ("Polygon", "MultiPolygon"):
        raise GrensFout(f"De grens van '{naam}' is geen Polygon of MultiPolygon.")
    try:
        for ring in _ringen(geometrie):
            for punt in ring:
                if len(punt) < 2 or not all(isinstance(c, int | float) for c in punt[:2]):
                    raise TypeError
    except (TypeError, KeyError, IndexError):
        raise GrensFout(f"De coördinaten van '{naam}' zijn onleesbaar.") from None
    return geometrie


def _in_rd(geometrieen: Sequence[dict[str, Any]]) -> bool:
    """RD New herken je aan de grootte: x en y in meters (tienduizenden), ver buiten ±180°."""
    for geometrie in geometrieen:
        for ring in _ringen(geometrie):
            for x, y, *_ in ring:
                if abs(x) > 180 or abs(y) > 90:
                    return True
    return False


def _omgerekend(geometrie: dict[str, Any], rd: bool) -> dict[str, Any]:
    """Geometrie in WGS84 met zes decimalen (±10 cm), zonder hoogte."""

    def punt(p: Sequence[float]) -> list[float]:
        lon, lat = rd_naar_wgs84(p[0], p[1]) if rd else (p[0], p[1])
        return [round(float(lon), 6), round(float(lat), 6)]

    if geometrie["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [[punt(p) for p in ring] for ring in geometrie["coordinates"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[[punt(p) for p in ring] for ring in polygoon] for polygoon in geometrie["coordinates"]],
    }


def lees_features(geojson: Any) -> list[dict[str, Any]]:
    """Controleer de structuur; geef de features of een :class:`GrensFout`."""
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        raise GrensFout("Het bestand is geen GeoJSON FeatureCollection (verwacht \"type\": \"FeatureCollection\").")
    features = geojson.get("features")
    if not isinstance(features, list) or not features:
        raise GrensFout("De FeatureCollection bevat geen features.")
    if not all(isinstance(f, dict) for f in features):
        raise GrensFout("Niet elke feature in het bestand is een GeoJSON-object.")
    return features


def laad_grenzen(sessie: Session, geojson: Any, door: str, gebruiker_id: int | None = None) -> LaadVerslag:
    """Koppel de features van een GeoJSON FeatureCollection (CBS wijk- en buurtkaart: eigenschappen
    ``wijkcode``, ``wijknaam``, ``gemeentecode``) aan onze wijken en bewaar hun grens.

    Koppelen: eerst op ``wijkcode`` = ``Wijk.cbs_code``, anders op genormaliseerde naam
    (:func:`normaliseer_naam`). Features van een andere gemeente (``gemeentecode`` past niet bij de
    CBS-codes van onze wijken) worden overgeslagen. Coördinaten in RD New worden omgerekend.

    Eerst wordt alles gecontroleerd (bij een fout: :class:`GrensFout`, er is niets geschreven); dan
    worden in de sessie de grenzen gezet met per gewijzigde wijk een ``Mutatie`` (``oud``/``nieuw`` =
    ``{"geometrie": "aanwezig" | "geen"}``) en geflusht. De aanroeper commit: één transactie.
    """
    features = lees_features(geojson)
    kandidaten: list[tuple[str | None, str | None, dict[str, Any]]] = []
    gemeenten_bestand: list[str | None] = []
    for nummer, feature in enumerate(features, start=1):
        eigenschappen = feature.get("properties") or {}
        if not isinstance(eigenschappen, dict):
            raise GrensFout(f"Feature {nummer} heeft geen geldige properties.")
        code = _eigenschap(eigenschappen, "wijkcode", "wk_code", "statcode")
        naam = _eigenschap(eigenschappen, "wijknaam", "wk_naam", "statnaam")
        if code is None and naam is None:
            raise GrensFout(f"Feature {nummer} heeft geen wijkcode en geen wijknaam.")
        geometrie = _controleer_geometrie(feature.get("geometry"), naam or code or f"feature {nummer}")
        kandidaten.append((code, naam, geometrie))
        gemeenten_bestand.append(_eigenschap(eigenschappen, "gemeentecode", "gm_code"))

    rd = _in_rd([g for _c, _n, g in kandidaten])
    wijken = sorted(sessie.scalars(select(Wijk)), key=lambda w: (w.naam.casefold(), w.naam))
    op_code = {w.cbs_code.upper(): w for w in wijken if w.cbs_code}
    op_naam = {normaliseer_naam(w.naam): w for w in wijken}
    # CBS: wijkcode WK0141xx hoort bij gemeentecode GM0141.
    onze_gemeenten = {"GM" + c[2:6] for c in op_code if len(c) >= 6}

    nieuw: dict[int, dict[str, Any]] = {}
    zonder_wijk: list[str] = []
    andere = 0
    for (code, naam, geometrie), gemeente in zip(kandidaten, gemeenten_bestand, strict=True):
        wijk = op_code.get(code.upper()) if code else None
        if wijk is None and naam:
            wijk = op_naam.get(normaliseer_naam(naam))
        if wijk is None:
            if gemeente and onze_gemeenten and gemeente.upper() not in onze_gemeenten:
                andere += 1
            else:
                zonder_wijk.append(naam or code or "?")
            continue
        if wijk.id in nieuw:
            raise GrensFout(f"Het bestand bevat meer dan één grens voor de wijk '{wijk.naam}'.")
        nieuw[wijk.id] = _omgerekend(geometrie, rd)

    gekoppeld: list[str] = []
    gewijzigd: list[str] = []
    for wijk in wijken:
        if wijk.id not in nieuw:
            continue
        gekoppeld.append(wijk.naam)
        if wijk.geometrie == nieuw[wijk.id]:
            continue
        oud = "aanwezig" if wijk.geometrie else "geen"
        wijk.geometrie = nieuw[wijk.id]
        wijk.gewijzigd_door = door
        sessie.add(
            Mutatie(
                gebruiker_id=gebruiker_id,
                gebruiker_naam=door,
                wijk_id=wijk.id,
                versie=wijk.versie + 1,
                entiteit="wijk",
                entiteit_id=wijk.id,
                actie="gewijzigd",
                oud={"geometrie": oud},
                nieuw={"geometrie": "aanwezig"},
            )
        )
        gewijzigd.append(wijk.naam)
    sessie.flush()
    return LaadVerslag(
        gekoppeld=tuple(gekoppeld),
        gewijzigd=tuple(gewijzigd),
        features_zonder_wijk=tuple(zonder_wijk),
        wijken_zonder_feature=tuple(w.naam for w in wijken if w.id not in nieuw),
        andere_gemeenten=andere,
        omgerekend_uit_rd=rd,
    )
