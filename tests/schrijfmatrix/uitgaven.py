"""Matrixrijen voor ``/invoer/uitgaven`` (pagina/invoer_uitgaven.py): een uitgave boeken (``nieuw``) en een
geboekte uitgave corrigeren (``bestaand``), via dezelfde callback ``_opslaan``.

Elke voorbereiding kiest een budgetpost van een oormerk dat vandaag loopt in een eigen of andere wijk van de
demo-coördinator en gebruikt een eigen, uniek kenmerk; zo hinderen de rijen elkaar en andere rijen niet.
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

TABELLEN = ("uitgave",)
VELDEN = {"datum", "bedrag", "budgetpost", "maatregel", "omschrijving", "kenmerk"}
_volgnummer = itertools.count(1)


def _vrije_post(omgeving: Omgeving, soort: str) -> tuple[int, int]:
    """(wijk_id, budgetpost_id) van een oormerk dat dit jaar loopt, in de eerste wijk van ``soort`` met zo'n post."""
    from datalaag.models import Budgetpost, Oormerk

    with omgeving.fabriek() as sessie:
        rij = sessie.execute(
            select(Oormerk.wijk_id, Budgetpost.id)
            .join(Budgetpost, Budgetpost.oormerk_id == Oormerk.id)
            .where(Oormerk.wijk_id.in_(omgeving.wijken[soort]), Oormerk.jaar_van <= VANDAAG.year,
                   Oormerk.jaar_tot >= VANDAAG.year)
            .order_by(Oormerk.wijk_id, Budgetpost.volgorde, Budgetpost.id)
        ).first()
    assert rij is not None, f"geen budgetpost van dit jaar in een {soort} wijk"
    return rij[0], rij[1]


def _uitgave(omgeving: Omgeving, kenmerk: str):
    from datalaag.models import Uitgave

    with omgeving.fabriek() as sessie:
        return sessie.scalars(select(Uitgave).where(Uitgave.kenmerk == kenmerk)).first()


def _uitgave_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    from datalaag.autorisatie import Actor
    from datalaag.uitgaven import bewaar_uitgave

    velden, _ = omgeving.formulier("/invoer/uitgaven", "uitgaven")
    assert set(velden) == VELDEN, velden
    wijk_id, post_id = _vrije_post(omgeving, actor.wijk)
    kenmerk = f"MATRIX-{next(_volgnummer)}-{uuid.uuid4().hex[:8]}"
    uitgave_id, versie = None, 0
    if variant == "bestaand":
        with omgeving.fabriek() as sessie, sessie.begin():
            geboekt = bewaar_uitgave(sessie, Actor.opdrachtregel("testvoorbereiding"), wijk_id=wijk_id,
                                     datum=f"{VANDAAG:%d-%m-%Y}", bedrag="12,34", budgetpost=str(post_id),
                                     maatregel=None, omschrijving="Klaargezet door de beveiligingstest",
                                     kenmerk=kenmerk)
        uitgave_id, versie = geboekt.uitgave_id, geboekt.versie
    waarden = {
        "uitgaven-veld.value": {"datum": f"{VANDAAG:%d-%m-%Y}", "bedrag": "23,45", "budgetpost": str(post_id),
                                "maatregel": "geen", "omschrijving": "Ingevuld door de beveiligingstest",
                                "kenmerk": kenmerk},
        "uitgaven-basis.data": {"wijk_id": wijk_id, "jaar": VANDAAG.year, "uitgave_id": uitgave_id,
                                "versie": versie},
    }
    return waarden, {"wijk_id": wijk_id, "budgetpost_id": post_id, "kenmerk": kenmerk, "versie": versie}


def _uitgave_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    from decimal import Decimal

    u = _uitgave(omgeving, plek["kenmerk"])
    assert u is not None, "de uitgave is niet geboekt"
    assert (u.wijk_id, u.budgetpost_id, u.bedrag, u.omschrijving, u.datum) == (
        plek["wijk_id"], plek["budgetpost_id"], Decimal("23.45"), "Ingevuld door de beveiligingstest", VANDAAG)
    assert u.versie == plek["versie"] + 1
    return "uitgave"


SCHRIJFACTIES = (
    Schrijfactie("uitgaven-opslaan", "pagina.invoer_uitgaven", "_opslaan", "uitgaven-opslaan.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _uitgave_voorbereiden, _uitgave_opgeslagen),
)
