"""Matrixrijen voor ``/invoer/meldingen`` (pagina/invoer_meldingen.py): registreren, afhandelen, één melding
melden aan de regiegroep en een selectie melden aan de regiegroep.

Elke rij zet (als beheerder op de opdrachtregel, via de datalaag) een eigen melding klaar met een uniek
kenmerk ``BT-…`` in een eigen of andere wijk van de demo-coördinator, zodat de rijen elkaar en andere rijen
niet raken. De selectie-rij meldt een selectie van precies één melding: de matrix verwacht per POST één
Mutatie (de service schrijft per gewijzigde melding één Mutatie).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from tests.schrijfmatrix.basis import (
    VANDAAG,
    WIJKSCHRIJVERS,
    Actorgeval,
    Omgeving,
    Schrijfactie,
)

GISTEREN = VANDAAG - dt.timedelta(days=1)
MODULE = "pagina.invoer_meldingen"
TABELLEN = ("melding",)


def _kenmerk(soort: str) -> str:
    return f"BT-{soort}-{uuid.uuid4().hex[:10]}"


def _melding(omgeving: Omgeving, melding_id: int):
    from datalaag.models import Melding

    with omgeving.fabriek() as sessie:
        return sessie.get(Melding, melding_id)


def _klaarzetten(omgeving: Omgeving, wijk_id: int, *, afgehandeld: bool) -> tuple[int, int]:
    """Een melding van gisteren 09:00 (open, of afgehandeld om 10:00 met een aanpak); geeft (id, versie)."""
    from datalaag.autorisatie import Actor
    from datalaag.meldingbeheer import handel_af, registreer_melding

    actor = Actor.opdrachtregel("testvoorbereiding")
    with omgeving.fabriek() as sessie, sessie.begin():
        uit = registreer_melding(sessie, actor, wijk_id, categorie="schoon", ernst="normaal", kanaal="telefoon",
                                 ontvangen_op=f"{GISTEREN:%d-%m-%Y} 09:00", omschrijving="Klaargezet door de "
                                 "beveiligingstest", kenmerk=_kenmerk("klaar"))
        if afgehandeld:
            uit = handel_af(sessie, actor, uit.melding_id, status="afgehandeld", verantwoordelijke="Wijkbeheer",
                            aanpak="Opgeruimd (beveiligingstest).", afgehandeld_op=f"{GISTEREN:%d-%m-%Y} 10:00",
                            verwachte_versie=uit.versie)
    return uit.melding_id, uit.versie


# --------------------------------------------------------------------------- registreren


def _registreren_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id = omgeving.wijken[actor.wijk][0]
    kenmerk = _kenmerk("reg")
    waarden = {
        "melding-registratie-veld.value": {
            "categorie": "overlast", "ernst": "ernstig", "kanaal": "app", "ontvangen_op": f"{VANDAAG:%d-%m-%Y} 00:00",
            "buurt": "", "straat": "Teststraat", "omschrijving": "Ingevuld door de beveiligingstest", "kenmerk": kenmerk},
        "melding-registratie-basis.data": {"wijk_id": wijk_id},
        "melding-pagina.data": {"wijk": None, "status": "lopend"},
    }
    return waarden, {"wijk_id": wijk_id, "kenmerk": kenmerk}


def _geregistreerd(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import Melding

    with omgeving.fabriek() as sessie:
        m = sessie.scalars(select(Melding).where(Melding.kenmerk == plek["kenmerk"])).first()
        assert m is not None, "de melding is niet geregistreerd"
        assert (m.wijk_id, m.categorie, m.ernst, m.kanaal, m.status, m.straat, m.versie) == (
            plek["wijk_id"], "overlast", "ernstig", "app", "open", "Teststraat", 1)
    return "melding"


# --------------------------------------------------------------------------- afhandelen


def _afhandelen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id = omgeving.wijken[actor.wijk][0]
    melding_id, versie = _klaarzetten(omgeving, wijk_id, afgehandeld=False)
    waarden = {
        "melding-afhandeling-veld.value": {
            "status": "afgehandeld", "verantwoordelijke": "Stadsbeheer", "afgehandeld_op": f"{GISTEREN:%d-%m-%Y} 15:30",
            "kerngroep_betrokken": "nee", "aanpak": "Afgehandeld door de beveiligingstest.", "rol_bewoners": "",
            "toelichting": ""},
        "melding-afhandeling-basis.data": {"melding_id": melding_id, "versie": versie},
        "melding-pagina.data": {"wijk": None, "status": "lopend", "melding": melding_id},
    }
    return waarden, {"wijk_id": wijk_id, "melding_id": melding_id, "versie": versie}


def _afgehandeld(omgeving: Omgeving, plek: dict) -> str:
    m = _melding(omgeving, plek["melding_id"])
    assert (m.status, m.aanpak, m.verantwoordelijke, m.versie) == (
        "afgehandeld", "Afgehandeld door de beveiligingstest.", "Stadsbeheer", plek["versie"] + 1)
    assert m.afgehandeld_op == dt.datetime.combine(GISTEREN, dt.time(15, 30)) and m.afhandeltijd_werkdagen == 0
    return "melding"


# --------------------------------------------------------------------------- melden aan de regiegroep


def _gemeld_voorbereiden(selectie: bool):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        wijk_id = omgeving.wijken[actor.wijk][0]
        melding_id, versie = _klaarzetten(omgeving, wijk_id, afgehandeld=True)
        datum = {"gemeld_aan_regiegroep_op": f"{VANDAAG:%d-%m-%Y}"}
        if selectie:
            waarden = {"melding-regiegroep-veld.value": datum,
                       "melding-regiegroep-basis.data": {"wijk_id": wijk_id, "selectie": [[melding_id, versie]]}}
        else:
            waarden = {"melding-gemeld-veld.value": datum,
                       "melding-afhandeling-basis.data": {"melding_id": melding_id, "versie": versie}}
        waarden["melding-pagina.data"] = {"wijk": None, "status": "lopend"}
        return waarden, {"wijk_id": wijk_id, "melding_id": melding_id, "versie": versie}
    return voorbereiden


def _gemeld(omgeving: Omgeving, plek: dict) -> str:
    m = _melding(omgeving, plek["melding_id"])
    assert (m.gemeld_aan_regiegroep_op, m.versie) == (VANDAAG, plek["versie"] + 1)
    return "melding"


SCHRIJFACTIES = (
    Schrijfactie("melding-registreren", MODULE, "_registreren", "melding-registratie-opslaan.n_clicks", ("nieuw",),
                 WIJKSCHRIJVERS, _registreren_voorbereiden, _geregistreerd),
    Schrijfactie("melding-afhandelen", MODULE, "_afhandelen", "melding-afhandeling-opslaan.n_clicks", ("bestaand",),
                 WIJKSCHRIJVERS, _afhandelen_voorbereiden, _afgehandeld),
    Schrijfactie("melding-gemeld", MODULE, "_meld_een", "melding-gemeld-opslaan.n_clicks", ("bestaand",),
                 WIJKSCHRIJVERS, _gemeld_voorbereiden(selectie=False), _gemeld),
    Schrijfactie("melding-regiegroep-selectie", MODULE, "_meld_selectie", "melding-regiegroep-opslaan.n_clicks",
                 ("bestaand",), WIJKSCHRIJVERS, _gemeld_voorbereiden(selectie=True), _gemeld),
)
