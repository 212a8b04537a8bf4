"""Rijen van de matrix rol × schrijfactie voor ``/invoer/toezeggingen`` (pagina/invoer_toezeggingen.py).

- registreren: griffie en beheerder;
- een afdoening voorstellen voor een toezegging van de demo-wethouder (zijn portefeuillehouder staat in de
  database): wethouder en beheerder; voor een toezegging van een andere portefeuillehouder: alleen de beheerder;
- afgedaan verklaren, vervallen verklaren en heropenen: griffie en beheerder (ook niet de wethouder van de
  eigen portefeuille).

Elke rij maakt haar eigen toezegging met een uniek nummer (``MATRIX-…``), rechtstreeks in de database als
opzet van de test, zodat rijen elkaar en de demodata niet hinderen.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from tests.schrijfmatrix.basis import VANDAAG, Actorgeval, Omgeving, Schrijfactie

MODULE = "pagina.invoer_toezeggingen"
PREFIX = "toezeggingbeheer"
GRIFFIESCHRIJVERS = frozenset({"griffie", "beheerder"})
TABELLEN = ("toezegging",)


def _uniek() -> str:
    return f"MATRIX-{uuid.uuid4().hex[:12]}"


def _portefeuille_demo_wethouder(omgeving: Omgeving) -> str:
    from datalaag.models import Gebruiker

    with omgeving.fabriek() as sessie:
        houder = sessie.scalar(select(Gebruiker.portefeuillehouder)
                               .where(Gebruiker.email == "wethouder@demo.almelo.nl"))
    assert houder, "de demo-wethouder heeft geen portefeuillehouder"
    return houder


def _andere_portefeuille(omgeving: Omgeving) -> str:
    from datalaag.models import Toezegging

    eigen = _portefeuille_demo_wethouder(omgeving)
    with omgeving.fabriek() as sessie:
        andere = sorted(h for h in sessie.scalars(select(Toezegging.portefeuillehouder).distinct()) if h != eigen)
    assert andere, "de demodata heeft geen toezeggingen van een andere portefeuillehouder"
    return andere[0]


def _nieuwe_toezegging(omgeving: Omgeving, houder: str, status: str = "open") -> dict:
    """Een eigen toezegging in een wijk (opzet van de test, geen schrijfactie van de app)."""
    from datalaag.models import Toezegging

    wijk_id = omgeving.wijken["andere"][0]
    with omgeving.fabriek() as sessie, sessie.begin():
        t = Toezegging(nummer=_uniek(), datum=VANDAAG - dt.timedelta(days=30), vergadering="Raad (beveiligingstest)",
                       portefeuillehouder=houder, onderwerp="Toezegging voor de beveiligingstest", wijk_id=wijk_id,
                       termijn=VANDAAG + dt.timedelta(days=60), status=status,
                       voorstel_afdoening="Voorstel uit de beveiligingstest.",
                       afdoening="Afgedaan in de beveiligingstest." if status == "afgedaan" else None,
                       afgedaan_op=VANDAAG - dt.timedelta(days=1) if status == "afgedaan" else None,
                       gewijzigd_door="beveiligingstest")
        sessie.add(t)
        sessie.flush()
        return {"toezegging_id": t.id, "versie": t.versie, "wijk_id": wijk_id, "nummer": t.nummer}


def _toezegging(omgeving: Omgeving, plek: dict):
    from datalaag.models import Toezegging

    with omgeving.fabriek() as sessie:
        t = sessie.get(Toezegging, plek["toezegging_id"])
        sessie.expunge(t)
        return t


def _basis(plek: dict) -> dict:
    return {f"{PREFIX}-basis.data": {"toezegging_id": plek["toezegging_id"], "versie": plek["versie"]}}


# --------------------------------------------------------------------------- registreren
def _registreren_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    nummer, wijk_id = _uniek(), omgeving.wijken["andere"][0]
    waarden = {f"{PREFIX}-registratie-veld.value": {
        "nummer": nummer, "datum": f"{VANDAAG:%d-%m-%Y}", "vergadering": "Raad (beveiligingstest)",
        "portefeuillehouder": _portefeuille_demo_wethouder(omgeving),
        "onderwerp": "Geregistreerd door de beveiligingstest", "wijk": str(wijk_id),
        "termijn": f"{VANDAAG + dt.timedelta(days=90):%d-%m-%Y}", "document": "RIB 2026-999",
    }}
    return waarden, {"nummer": nummer, "wijk_id": wijk_id}


def _geregistreerd(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import Toezegging

    with omgeving.fabriek() as sessie:
        t = sessie.scalars(select(Toezegging).where(Toezegging.nummer == plek["nummer"])).one_or_none()
        assert t is not None, "de toezegging is niet geregistreerd"
        assert (t.status, t.wijk_id, t.document, t.versie) == ("open", plek["wijk_id"], "RIB 2026-999", 1)
    return "toezegging"


# --------------------------------------------------------------------------- voorstellen
def _voorstellen_voorbereiden(eigen: bool):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        houder = _portefeuille_demo_wethouder(omgeving) if eigen else _andere_portefeuille(omgeving)
        plek = _nieuwe_toezegging(omgeving, houder)
        waarden = {f"{PREFIX}-voorstel-veld.value": {"voorstel_afdoening": "Afgedaan met RIB 2026-998 (test).",
                                                      "document": "RIB 2026-998"}, **_basis(plek)}
        return waarden, plek
    return voorbereiden


def _voorgesteld(omgeving: Omgeving, plek: dict) -> str:
    t = _toezegging(omgeving, plek)
    assert (t.status, t.voorstel_afdoening, t.document, t.versie) == (
        "open", "Afgedaan met RIB 2026-998 (test).", "RIB 2026-998", plek["versie"] + 1)
    return "toezegging"


# --------------------------------------------------------------------------- afgedaan, vervallen, heropenen
def _afhandelen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    # Een toezegging van de portefeuille van de demo-wethouder: ook die mag hij niet zelf afdoen.
    plek = _nieuwe_toezegging(omgeving, _portefeuille_demo_wethouder(omgeving))
    waarden = {f"{PREFIX}-afhandelen-veld.value": {
        "afdoening": "Afgedaan in de beveiligingstest.", "afgedaan_op": f"{VANDAAG:%d-%m-%Y}", "document": "",
        "toelichting": "", "reden": "Vervallen in de beveiligingstest.", "vervallen_op": f"{VANDAAG:%d-%m-%Y}",
    }, **_basis(plek)}
    return waarden, plek


def _afgedaan(omgeving: Omgeving, plek: dict) -> str:
    t = _toezegging(omgeving, plek)
    assert (t.status, t.afdoening, t.afgedaan_op, t.versie) == (
        "afgedaan", "Afgedaan in de beveiligingstest.", VANDAAG, plek["versie"] + 1)
    return "toezegging"


def _vervallen(omgeving: Omgeving, plek: dict) -> str:
    t = _toezegging(omgeving, plek)
    assert (t.status, t.afdoening, t.vervallen_op, t.versie) == (
        "vervallen", "Vervallen in de beveiligingstest.", VANDAAG, plek["versie"] + 1)
    return "toezegging"


def _heropenen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    plek = _nieuwe_toezegging(omgeving, _portefeuille_demo_wethouder(omgeving), status="afgedaan")
    return {f"{PREFIX}-heropenen-veld.value": {"reden": "Heropend in de beveiligingstest."}, **_basis(plek)}, plek


def _heropend(omgeving: Omgeving, plek: dict) -> str:
    t = _toezegging(omgeving, plek)
    assert (t.status, t.afdoening, t.afgedaan_op, t.versie) == ("open", None, None, plek["versie"] + 1)
    return "toezegging"


SCHRIJFACTIES = (
    Schrijfactie("toezegging-registreren", MODULE, "_registreren", f"{PREFIX}-registreren.n_clicks", ("nieuw",),
                 GRIFFIESCHRIJVERS, _registreren_voorbereiden, _geregistreerd),
    Schrijfactie("toezegging-voorstellen-eigen-portefeuille", MODULE, "_voorstellen", f"{PREFIX}-voorstellen.n_clicks",
                 ("bestaand",), frozenset({"wethouder", "beheerder"}), _voorstellen_voorbereiden(True), _voorgesteld),
    Schrijfactie("toezegging-voorstellen-andere-portefeuille", MODULE, "_voorstellen",
                 f"{PREFIX}-voorstellen.n_clicks", ("bestaand",), frozenset({"beheerder"}),
                 _voorstellen_voorbereiden(False), _voorgesteld),
    Schrijfactie("toezegging-afdoen", MODULE, "_afhandelen", f"{PREFIX}-afgedaan.n_clicks", ("bestaand",),
                 GRIFFIESCHRIJVERS, _afhandelen_voorbereiden, _afgedaan),
    Schrijfactie("toezegging-vervallen", MODULE, "_afhandelen", f"{PREFIX}-vervallen.n_clicks", ("bestaand",),
                 GRIFFIESCHRIJVERS, _afhandelen_voorbereiden, _vervallen),
    Schrijfactie("toezegging-heropenen", MODULE, "_heropenen", f"{PREFIX}-heropenen.n_clicks", ("bestaand",),
                 GRIFFIESCHRIJVERS, _heropenen_voorbereiden, _heropend),
)
