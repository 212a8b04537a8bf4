"""Matrixrijen voor ``/invoer/bewonersinbreng`` (pagina/invoer_bewonersinbreng.py): nieuwe inbreng vastleggen
(``nieuw``) en bestaande inbreng corrigeren (``bestaand``), via dezelfde callback ``_opslaan``.

Elke voorbereiding kiest het nieuwste vastgestelde of geëvalueerde plan in een eigen of andere wijk van de
demo-coördinator (geen plan in voorbereiding, zodat de levenscyclus van andere rijen niet verandert) en legt een
enquête vast met een unieke opmerking; een enquête telt niet als bewonersbijeenkomst.
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
)

TABELLEN = ("bewonersinbreng",)
VELDEN = {"datum", "vorm", "bereik", "opmerkingen"}
_volgnummer = itertools.count(1)


def _plan(omgeving: Omgeving, soort: str) -> tuple[int, int, str]:
    """(wijk_id, plan_id, slug): het nieuwste vastgestelde of geëvalueerde plan in de eerste wijk van ``soort``."""
    from datalaag.models import Wijk, Wijkplan

    wijk_id = omgeving.wijken[soort][0]
    with omgeving.fabriek() as sessie:
        rij = sessie.execute(
            select(Wijkplan.id, Wijk.slug).join(Wijk, Wijk.id == Wijkplan.wijk_id)
            .where(Wijkplan.wijk_id == wijk_id, Wijkplan.status.in_(("vastgesteld", "geevalueerd")))
            .order_by(Wijkplan.periode_van.desc(), Wijkplan.id.desc())
        ).first()
    assert rij is not None, f"geen vastgesteld plan in een {soort} wijk"
    return wijk_id, rij[0], rij[1]


def _inbreng(omgeving: Omgeving, opmerkingen: str):
    from datalaag.models import Bewonersinbreng

    with omgeving.fabriek() as sessie:
        return sessie.scalars(select(Bewonersinbreng).where(Bewonersinbreng.opmerkingen == opmerkingen)).first()


def _voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    from datalaag.autorisatie import Actor
    from datalaag.bewonersinbreng import bewaar_inbreng

    velden, _ = omgeving.formulier("/invoer/bewonersinbreng", "bewonersinbreng")
    assert set(velden) == VELDEN, velden
    wijk_id, plan_id, slug = _plan(omgeving, actor.wijk)
    opmerkingen = f"Ingevuld door de beveiligingstest {next(_volgnummer)}-{uuid.uuid4().hex[:8]}"
    inbreng_id, versie = None, None
    if variant == "bestaand":
        with omgeving.fabriek() as sessie, sessie.begin():
            uit = bewaar_inbreng(sessie, Actor.opdrachtregel("testvoorbereiding"), plan_id,
                                 datum=f"{VANDAAG:%d-%m-%Y}", vorm="enquete", bereik="5",
                                 opmerkingen=opmerkingen)
        inbreng_id, versie = uit.inbreng_id, uit.versie
    waarden = {
        "bewonersinbreng-veld.value": {"datum": f"{VANDAAG:%d-%m-%Y}", "vorm": "enquete", "bereik": "17",
                                       "opmerkingen": opmerkingen},
        "bewonersinbreng-basis.data": {"wijk_id": wijk_id, "wijk_slug": slug, "plan_id": plan_id,
                                       "inbreng_id": inbreng_id, "versie": versie},
    }
    return waarden, {"wijk_id": wijk_id, "plan_id": plan_id, "opmerkingen": opmerkingen,
                     "versie": 0 if versie is None else versie}


def _opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    inbreng = _inbreng(omgeving, plek["opmerkingen"])
    assert inbreng is not None, "de inbreng is niet opgeslagen"
    assert (inbreng.wijkplan_id, inbreng.vorm, inbreng.bereik, inbreng.datum, inbreng.versie) == (
        plek["plan_id"], "enquete", 17, VANDAAG, plek["versie"] + 1)
    return "bewonersinbreng"


SCHRIJFACTIES = (
    Schrijfactie("bewonersinbreng-opslaan", "pagina.invoer_bewonersinbreng", "_opslaan",
                 "bewonersinbreng-opslaan.n_clicks", ("nieuw", "bestaand"), WIJKSCHRIJVERS, _voorbereiden,
                 _opgeslagen),
)
