"""Matrixrijen voor ``/invoer/regiegroep`` (pagina/invoer_regiegroep.py): een regiegroep instellen, een lid
toevoegen, een lid wijzigen en het vertrek van een lid vastleggen (vier callbacks).

Zo hinderen de rijen elkaar en andere rijen niet:

- instellen: elke rij maakt eerst een eigen, lege wijk ("Zzz matrixwijk …", achteraan op naam en id); voor de
  coördinator-eigen-wijk wordt die wijk aan de demo-coördinator toegewezen, anders niet. Alle demowijken
  hebben al een regiegroep.
- toevoegen, wijzigen, vertrek: in de eerste eigen of andere wijk van de demo-coördinator, met een eigen lid met
  een unieke naam (rol "lid", type "overig"), dat voor wijzigen en vertrek eerst via de datalaag wordt
  klaargezet. Zo verandert er aan de voorzitter, de bewoners en de signalen van de demo niets.
"""

from __future__ import annotations

import itertools
import uuid

from sqlalchemy import select

from tests.schrijfmatrix.basis import (
    VANDAAG,
    WIJKSCHRIJVERS,
    Actorgeval,
    Omgeving,
    Schrijfactie,
    toon_pagina,
)

TABELLEN = ("regiegroep", "regiegroeplid")
LIDVELDEN = {"organisatietype", "organisatie", "rol", "termijn_van", "termijn_tot"}
_volgnummer = itertools.count(1)
_gecontroleerd: set[str] = set()


def _veldsleutels(omgeving: Omgeving, zoek: str, prefix: str) -> set[str]:
    onderdelen = toon_pagina(omgeving.klanten["beheerder"], omgeving.server, "/invoer/regiegroep", zoek)
    return {c["props"]["id"]["veld"] for c in onderdelen
            if isinstance(c["props"].get("id"), dict) and c["props"]["id"].get("type") == f"{prefix}-veld"}


def _controleer_formulier(omgeving: Omgeving, zoek: str, prefix: str, verwacht: set[str]) -> None:
    """De velden die deze rijen posten, zijn die van het formulier zoals de server het toont (één keer per soort)."""
    if prefix in _gecontroleerd:
        return
    assert _veldsleutels(omgeving, zoek, prefix) == verwacht, prefix
    _gecontroleerd.add(prefix)


def _basis(omgeving: Omgeving, wijk_id: int, lid: tuple[int, int] | None = None) -> dict:
    from datalaag.models import Regiegroep, Wijk

    with omgeving.fabriek() as sessie:
        slug = sessie.scalar(select(Wijk.slug).where(Wijk.id == wijk_id))
        groep_id = sessie.scalar(select(Regiegroep.id).where(Regiegroep.wijk_id == wijk_id))
    return {"wijk_id": wijk_id, "wijk_slug": slug, "regiegroep_id": groep_id,
            "lid_id": lid[0] if lid else None, "versie": lid[1] if lid else None}


def _lid(omgeving: Omgeving, lid_id: int):
    from datalaag.models import Regiegroeplid

    with omgeving.fabriek() as sessie:
        return sessie.get(Regiegroeplid, lid_id)


def _lid_op_naam(omgeving: Omgeving, naam: str):
    from datalaag.models import Regiegroeplid

    with omgeving.fabriek() as sessie:
        return sessie.scalars(select(Regiegroeplid).where(Regiegroeplid.naam == naam)).first()


def _unieke_naam() -> str:
    return f"Matrixlid {next(_volgnummer)} {uuid.uuid4().hex[:6]}"


def _klaargezet_lid(omgeving: Omgeving, wijk_id: int) -> tuple[int, int, str]:
    """Een lid dat de beheerder op de opdrachtregel toevoegt: (id, versie, naam)."""
    from datalaag.autorisatie import Actor
    from datalaag.regiegroepen import voeg_lid_toe

    naam = _unieke_naam()
    with omgeving.fabriek() as sessie, sessie.begin():
        uit = voeg_lid_toe(sessie, Actor.opdrachtregel("testvoorbereiding"), _basis(omgeving, wijk_id)["regiegroep_id"],
                           naam=naam, organisatietype="overig", organisatie="Klaargezet door de beveiligingstest",
                           rol="lid", termijn_van=f"{VANDAAG:%d-%m-%Y}", termijn_tot="")
    return uit.lid_id, uit.versie, naam


# --------------------------------------------------------------------------- instellen
def _instellen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    from datalaag.models import Gebruiker, GebruikerWijk, Stadsdeel, Wijk

    sleutel = uuid.uuid4().hex[:8]
    with omgeving.fabriek() as sessie, sessie.begin():
        stadsdeel = sessie.scalar(select(Stadsdeel.id).order_by(Stadsdeel.id))
        wijk = Wijk(naam=f"Zzz matrixwijk {sleutel}", slug=f"zzz-matrixwijk-{sleutel}", stadsdeel_id=stadsdeel,
                    werkwijze="WOP", gewijzigd_door="testvoorbereiding")
        sessie.add(wijk)
        sessie.flush()
        if actor.wijk == "eigen":
            coordinator = sessie.scalar(select(Gebruiker.id).where(Gebruiker.email == "coordinator@demo.almelo.nl"))
            sessie.add(GebruikerWijk(gebruiker_id=coordinator, wijk_id=wijk.id))
        wijk_id = wijk.id
    _controleer_formulier(omgeving, f"?wijk=zzz-matrixwijk-{sleutel}", "regiegroep-groep", {"naam", "opgericht_op"})
    naam = f"Regiegroep matrixwijk {sleutel}"
    waarden = {
        "regiegroep-groep-veld.value": {"naam": naam, "opgericht_op": f"{VANDAAG:%d-%m-%Y}"},
        "regiegroep-basis.data": _basis(omgeving, wijk_id),
    }
    return waarden, {"wijk_id": wijk_id, "naam": naam}


def _ingesteld(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import Regiegroep

    with omgeving.fabriek() as sessie:
        groep = sessie.scalars(select(Regiegroep).where(Regiegroep.wijk_id == plek["wijk_id"])).first()
    assert groep is not None, "de regiegroep is niet ingesteld"
    assert (groep.naam, groep.opgericht_op, groep.versie) == (plek["naam"], VANDAAG, 1)
    return "regiegroep"


# --------------------------------------------------------------------------- toevoegen
def _toevoegen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id = omgeving.wijken[actor.wijk][0]
    _controleer_formulier(omgeving, "", "regiegroep-lid", {"naam", *LIDVELDEN})
    naam = _unieke_naam()
    waarden = {
        "regiegroep-lid-veld.value": {"naam": naam, "organisatietype": "overig",
                                      "organisatie": "Ingevuld door de beveiligingstest", "rol": "lid",
                                      "termijn_van": f"{VANDAAG:%d-%m-%Y}", "termijn_tot": ""},
        "regiegroep-basis.data": _basis(omgeving, wijk_id),
    }
    return waarden, {"wijk_id": wijk_id, "naam": naam}


def _toegevoegd(omgeving: Omgeving, plek: dict) -> str:
    lid = _lid_op_naam(omgeving, plek["naam"])
    assert lid is not None, "het lid is niet toegevoegd"
    assert (lid.rol, lid.organisatietype, lid.termijn_van, lid.versie) == ("lid", "overig", VANDAAG, 1)
    return "regiegroeplid"


# --------------------------------------------------------------------------- wijzigen
def _wijzigen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id = omgeving.wijken[actor.wijk][0]
    lid_id, versie, _ = _klaargezet_lid(omgeving, wijk_id)
    basis = _basis(omgeving, wijk_id, (lid_id, versie))
    _controleer_formulier(omgeving, f"?wijk={basis['wijk_slug']}&lid={lid_id}", "regiegroep-wijzig", LIDVELDEN)
    waarden = {
        "regiegroep-wijzig-veld.value": {"organisatietype": "overig", "organisatie": "Gewijzigd door de matrix",
                                         "rol": "kerngroep", "termijn_van": f"{VANDAAG:%d-%m-%Y}",
                                         "termijn_tot": f"01-01-{VANDAAG.year + 4}"},
        "regiegroep-basis.data": basis,
    }
    return waarden, {"wijk_id": wijk_id, "lid_id": lid_id, "versie": versie}


def _gewijzigd(omgeving: Omgeving, plek: dict) -> str:
    lid = _lid(omgeving, plek["lid_id"])
    assert (lid.organisatie, lid.rol, lid.versie) == ("Gewijzigd door de matrix", "kerngroep", plek["versie"] + 1)
    assert lid.termijn_tot is not None and lid.termijn_tot.year == VANDAAG.year + 4
    return "regiegroeplid"


# --------------------------------------------------------------------------- vertrek
def _vertrek_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id = omgeving.wijken[actor.wijk][0]
    lid_id, versie, _ = _klaargezet_lid(omgeving, wijk_id)
    basis = _basis(omgeving, wijk_id, (lid_id, versie))
    _controleer_formulier(omgeving, f"?wijk={basis['wijk_slug']}&lid={lid_id}", "regiegroep-vertrek",
                          {"vertrokken_op"})
    waarden = {
        "regiegroep-vertrek-veld.value": {"vertrokken_op": f"{VANDAAG:%d-%m-%Y}"},
        "regiegroep-basis.data": basis,
    }
    return waarden, {"wijk_id": wijk_id, "lid_id": lid_id, "versie": versie}


def _vertrokken(omgeving: Omgeving, plek: dict) -> str:
    lid = _lid(omgeving, plek["lid_id"])
    assert (lid.vertrokken_op, lid.versie) == (VANDAAG, plek["versie"] + 1)
    return "regiegroeplid"


MODULE = "pagina.invoer_regiegroep"
SCHRIJFACTIES = (
    Schrijfactie("regiegroep-instellen", MODULE, "_instellen_callback", "regiegroep-instellen.n_clicks", ("nieuw",),
                 WIJKSCHRIJVERS, _instellen_voorbereiden, _ingesteld),
    Schrijfactie("regiegroep-lid-toevoegen", MODULE, "_toevoegen_callback", "regiegroep-toevoegen.n_clicks",
                 ("nieuw",), WIJKSCHRIJVERS, _toevoegen_voorbereiden, _toegevoegd),
    Schrijfactie("regiegroep-lid-wijzigen", MODULE, "_wijzigen_callback", "regiegroep-wijzigen.n_clicks",
                 ("bestaand",), WIJKSCHRIJVERS, _wijzigen_voorbereiden, _gewijzigd),
    Schrijfactie("regiegroep-vertrek", MODULE, "_vertrek_callback", "regiegroep-vertrek.n_clicks", ("bestaand",),
                 WIJKSCHRIJVERS, _vertrek_voorbereiden, _vertrokken),
)
