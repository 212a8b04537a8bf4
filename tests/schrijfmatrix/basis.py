"""Gedeelde bouwstenen van de matrix rol × schrijfactie (tests/test_beveiliging.py).

Hier staan de HTTP-hulpjes (een Dash-callback posten zoals de browser dat doet), de actoren, de
``Omgeving`` met vrije plekken en het type ``Schrijfactie``. De rijen van de matrix staan per
formulier in een eigen module in dit pakket (``SCHRIJFACTIES``, en de tabellen waarin ze schrijven in
``TABELLEN``); ``tests.schrijfmatrix.alle_schrijfacties()`` verzamelt ze.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import select

ROLLEN = ("raadslid", "wethouder", "griffie", "coordinator", "beheerder")
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
VANDAAG = dt.date.today()

# Elke testklant krijgt een eigen IP-adres, zodat het afremmen per IP-adres tests niet beïnvloedt.
_ip_nummers = itertools.count(1)


def nieuwe_klant(server):
    klant = server.test_client()
    n = next(_ip_nummers)
    klant.environ_base["REMOTE_ADDR"] = f"10.77.{n // 250}.{n % 250 + 1}"
    return klant


def cookie(klant, naam: str) -> str | None:
    gevonden = klant.get_cookie(naam)
    return None if gevonden is None else gevonden.value


# --------------------------------------------------------------------------- Dash-verzoeken
def dash_app(server):
    return server.extensions["dash_app"]


def _veldnaam(patroon: dict) -> str:
    """De naam waaronder een id met een dict (zonder jokerteken) in ``waarden`` staat: ``type/waarde``."""
    return "/".join([str(patroon["type"]), *(str(patroon[k]) for k in sorted(patroon) if k != "type")])


def _jokers(patroon: dict) -> list[str]:
    jokers = [k for k, v in patroon.items() if isinstance(v, list)]
    for k in jokers:
        assert patroon[k] == ["ALL"], f"alleen ALL wordt ondersteund, niet {patroon[k]} in {patroon}"
    assert len(jokers) <= 1, f"meer dan één jokerteken in {patroon}"
    return jokers


def dash_body(server, uitvoer: str, waarden: dict, trigger: str) -> dict:
    """De body die de Dash-renderer post voor de callback ``uitvoer`` (een sleutel van ``callback_map``).

    ``waarden``: ``"<id>.<eigenschap>"`` → waarde. Voor een id met een dict zonder jokerteken is
    ``<id>`` ``type/waarde`` (bijv. ``evaluatiebesluit-veld/raadsbesluit``); voor een ALL-patroon is
    ``<id>`` het ``type`` en de waarde een dict ``jokerwaarde → waarde`` (de eigenschap ``id`` vult
    zich vanzelf). ``trigger``: ``"<id>.<eigenschap>"`` van de input die veranderde (krijgt 1 als er
    geen waarde voor is). Het formaat volgt ``Dash.dispatch`` (dash/dash.py, dash/types.py).
    """
    from dash._utils import split_callback_id

    callback = dash_app(server).callback_map[uitvoer]
    waarden = {trigger: 1, **waarden}
    jokerwaarden: list = []  # de concrete jokerwaarden van de eerste ALL-state, voor ALL-uitvoer

    def afhankelijkheid(dep: dict):
        idtekst, eigenschap = dep["id"], dep["property"]
        if not idtekst.startswith("{"):
            return {"id": idtekst, "property": eigenschap, "value": waarden.get(f"{idtekst}.{eigenschap}")}
        patroon = json.loads(idtekst)
        jokers = _jokers(patroon)
        if not jokers:
            return {"id": patroon, "property": eigenschap,
                    "value": waarden.get(f"{_veldnaam(patroon)}.{eigenschap}")}
        per_veld = waarden.get(f"{patroon['type']}.value", {}) if eigenschap == "id" else \
            waarden.get(f"{patroon['type']}.{eigenschap}", {})
        if not jokerwaarden:
            jokerwaarden.extend(per_veld)
        uit = []
        for sleutel, waarde in per_veld.items():
            concreet = {**patroon, jokers[0]: sleutel}
            uit.append({"id": concreet, "property": eigenschap, "value": concreet if eigenschap == "id" else waarde})
        return uit

    inputs = [afhankelijkheid(d) for d in callback["inputs"]]
    state = [afhankelijkheid(d) for d in callback["state"]]

    def doel(deel: dict):
        idtekst, eigenschap = deel["id"], deel["property"]
        if not idtekst.startswith("{"):
            return {"id": idtekst, "property": eigenschap}
        patroon = json.loads(idtekst)
        jokers = _jokers(patroon)
        if not jokers:
            return {"id": patroon, "property": eigenschap}
        return [{"id": {**patroon, jokers[0]: s}, "property": eigenschap} for s in jokerwaarden]

    gesplitst = split_callback_id(uitvoer)
    outputs = [doel(d) for d in gesplitst] if isinstance(gesplitst, list) else doel(gesplitst)
    return {"output": uitvoer, "outputs": outputs, "inputs": inputs, "state": state, "changedPropIds": [trigger]}


def dash_post(klant, server, uitvoer: str, waarden: dict, trigger: str, *, csrf: str | None = "cookie"):
    """Post een callback; ``csrf="cookie"``: de header met de waarde van de cookie (zoals de renderer),
    ``None``: geen header, anders die waarde als header."""
    kop = {}
    token = cookie(klant, CSRF_COOKIE) if csrf == "cookie" else csrf
    if token is not None:
        kop[CSRF_HEADER] = token
    return klant.post("/_dash-update-component", json=dash_body(server, uitvoer, waarden, trigger), headers=kop)


def callback_sleutel(server, module: str, functie: str) -> str | None:
    """De sleutel in ``callback_map`` van de callback ``module.functie`` (of ``None``)."""
    for sleutel, cb in dash_app(server).callback_map.items():
        f = cb.get("callback")
        if f is not None and f.__module__ == module and f.__name__ == functie:
            return sleutel
    return None


def componenten(boom) -> Iterator[dict]:
    """Alle componenten (als JSON van Dash) in een layout-boom."""
    if isinstance(boom, list):
        for deel in boom:
            yield from componenten(deel)
    elif isinstance(boom, dict) and "props" in boom and "type" in boom:
        yield boom
        for waarde in boom["props"].values():
            yield from componenten(waarde)


def toon_pagina(klant, server, pad: str, zoek: str = "") -> list[dict]:
    """Laat de paginarouter van Dash de pagina ``pad`` opbouwen (zoals bij navigeren) en geef haar componenten."""
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    antwoord = dash_post(klant, server, router, {"_pages_location.pathname": pad, "_pages_location.search": zoek},
                         "_pages_location.pathname")
    assert antwoord.status_code == 200, antwoord.get_data(as_text=True)[:500]
    return list(componenten(antwoord.get_json()["response"]["_pages_content"]["children"]))


@dataclass(frozen=True)


class Actorgeval:
    naam: str
    rol: str | None     # None: niet aangemeld
    wijk: str           # "eigen": een wijk van de coördinator; "andere": een wijk die niet van haar is


ACTOREN = (
    Actorgeval("anoniem", None, "andere"),
    Actorgeval("raadslid", "raadslid", "andere"),
    Actorgeval("wethouder", "wethouder", "andere"),
    Actorgeval("griffie", "griffie", "andere"),
    Actorgeval("coordinator-eigen-wijk", "coordinator", "eigen"),
    Actorgeval("coordinator-andere-wijk", "coordinator", "andere"),
    Actorgeval("beheerder", "beheerder", "andere"),
)


ACTOR_OP_NAAM = {a.naam: a for a in ACTOREN}


class Omgeving:
    """Wat een rij van de matrix nodig heeft: de app, de database, aangemelde klanten en vrije plekken."""

    def __init__(self, server, fabriek, klanten):
        from datalaag.models import Gebruiker, GebruikerWijk, Wijk

        self.server, self.fabriek, self.klanten = server, fabriek, klanten
        self._formulieren: dict[str, tuple[list[str], dict]] = {}
        self._bezet: set[tuple[int, int]] = set()
        self._bezette_data: set[tuple[int, dt.date]] = set()
        with fabriek() as sessie:
            coordinator = sessie.scalar(select(Gebruiker.id).where(Gebruiker.email == "coordinator@demo.almelo.nl"))
            eigen = set(sessie.scalars(select(GebruikerWijk.wijk_id).where(GebruikerWijk.gebruiker_id == coordinator)))
            alle = list(sessie.scalars(select(Wijk.id).order_by(Wijk.id)))
        assert len(eigen) >= 2, "de demo-coördinator hoort meerdere wijken te hebben"
        self.wijken = {"eigen": sorted(eigen), "andere": [w for w in alle if w not in eigen]}

    def klant(self, actor: Actorgeval):
        if actor.rol is None:
            klant = nieuwe_klant(self.server)
            klant.get("/login")  # een bezoeker mét geldig CSRF-token, maar zonder account
            return klant
        return self.klanten[actor.rol]

    def formulier(self, pad: str, prefix: str) -> tuple[list[str], dict]:
        """De veldsleutels (``{"type": "<prefix>-veld", "veld": …}``) en de ``<prefix>-basis``-store van
        het formulier op ``pad``, zoals de server het aan de beheerder toont."""
        if pad not in self._formulieren:
            onderdelen = toon_pagina(self.klanten["beheerder"], self.server, pad)
            velden = [c["props"]["id"]["veld"] for c in onderdelen
                      if isinstance(c["props"].get("id"), dict) and c["props"]["id"].get("type") == f"{prefix}-veld"]
            basis = [c["props"].get("data") for c in onderdelen if c["props"].get("id") == f"{prefix}-basis"]
            assert velden, f"het formulier {pad} heeft geen velden {prefix}-veld"
            assert len(basis) == 1, f"het formulier {pad} heeft geen store {prefix}-basis"
            self._formulieren[pad] = (velden, basis[0] or {})
        return self._formulieren[pad]

    def vrije_evaluatieplek(self, soort: str) -> tuple[int, int]:
        """Een (wijk, jaar) zonder evaluatie, in een eigen of andere wijk van de coördinator."""
        from datalaag.models import Evaluatie

        with self.fabriek() as sessie:
            bestaand = {(w, j) for w, j in sessie.execute(select(Evaluatie.wijk_id, Evaluatie.jaar))}
        for jaar in range(2000, VANDAAG.year + 1):
            for wijk in self.wijken[soort]:
                if (wijk, jaar) not in bestaand and (wijk, jaar) not in self._bezet:
                    self._bezet.add((wijk, jaar))
                    return wijk, jaar
        raise AssertionError(f"geen vrije evaluatieplek meer in een {soort} wijk")

    def vrije_wijkanalyseplek(self, soort: str) -> tuple[int, dt.date]:
        """Een (wijk, datum) zonder wijkanalyse (er mag er één per wijk per dag zijn)."""
        from datalaag.models import Wijkanalyse

        wijk_id = self.wijken[soort][0]
        with self.fabriek() as sessie:
            bestaand = set(sessie.scalars(select(Wijkanalyse.datum).where(Wijkanalyse.wijk_id == wijk_id)))
        for dagen in range(1, 400):
            datum = VANDAAG - dt.timedelta(days=dagen)
            if datum not in bestaand and (wijk_id, datum) not in self._bezette_data:
                self._bezette_data.add((wijk_id, datum))
                return wijk_id, datum
        raise AssertionError("geen vrije datum voor een wijkanalyse")


def vul_in(veld: str) -> str:
    """Een geldige invoer voor een formulierveld, afgeleid van zijn naam (zoals een gebruiker typt)."""
    naam = veld.rsplit(".", 1)[-1]
    if "waardering" in naam or naam.endswith("cijfer"):
        return "7,5"
    if "respons" in naam or naam.startswith("aantal"):
        return "120"
    if "kosten" in naam or "bedrag" in naam:
        return "1.250"
    if "datum" in naam:
        return f"{VANDAAG:%d-%m-%Y}"
    return f"Ingevuld door de beveiligingstest ({naam})"


@dataclass(frozen=True)


class Schrijfactie:
    """Eén rij van de matrix: een schrijvende callback en wie er iets mee mag veranderen."""

    naam: str
    module: str
    functie: str
    trigger: str                      # "<id>.<eigenschap>" van de knop
    varianten: tuple[str, ...]        # "nieuw": er bestaat nog niets; "bestaand": een concept wordt gewijzigd
    toegestaan: frozenset[str]        # namen uit ACTOREN
    voorbereiden: Callable[[Omgeving, Actorgeval, str], tuple[dict, dict]]
    controleer_opgeslagen: Callable[[Omgeving, dict], str]   # geeft de entiteit van de Mutatie


WIJKSCHRIJVERS = frozenset({"coordinator-eigen-wijk", "beheerder"})
