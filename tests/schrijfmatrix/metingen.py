"""Rijen van de matrix rol × schrijfactie voor ``/invoer/metingen`` (pagina/invoer_metingen.py).

Eén callback (``_opslaan``) in twee varianten: een nieuwe meting, en een correctie van een bestaande
meting (met de versie). Elke rij krijgt een eigen vrije kwartaaldatum (vóór de demogegevens) voor de
indicator ``INDICATOR`` in de eerste eigen of andere wijk van de demo-coördinator; de import-rij van
tests/test_beveiliging.py gebruikt een andere indicator.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.schrijfmatrix.basis import (
    VANDAAG,
    WIJKSCHRIJVERS,
    Actorgeval,
    Omgeving,
    Schrijfactie,
)

INDICATOR = "% bewoners dat weet waar problemen te melden zijn"
WAARDE, WAARDE_TEKST = 42.5, "42,5"
BRON = "Beveiligingstest metingen"
_BEZET: set[tuple[int, dt.date]] = set()


def _meting(fabriek, wijk_id: int, indicator_id: int, peildatum: dt.date):
    from datalaag.models import Meting

    with fabriek() as sessie:
        return sessie.scalars(select(Meting).where(Meting.wijk_id == wijk_id, Meting.indicator_id == indicator_id,
                                                   Meting.peildatum == peildatum)).first()


def _voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    from datalaag.models import Indicator, Meting, Wijk

    wijk_id = omgeving.wijken[actor.wijk][0]
    with omgeving.fabriek() as sessie:
        indicator_id = sessie.scalar(select(Indicator.id).where(Indicator.naam == INDICATOR))
        slug = sessie.get(Wijk, wijk_id).slug
        bezet = set(sessie.scalars(select(Meting.peildatum).where(Meting.wijk_id == wijk_id,
                                                                  Meting.indicator_id == indicator_id)))
    assert indicator_id is not None, f"de demo heeft geen indicator {INDICATOR!r}"
    kwartaaleinden = [dt.date(j, m, d) for j in range(2000, VANDAAG.year)
                      for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    peildatum = next(p for p in kwartaaleinden if p not in bezet and (wijk_id, p) not in _BEZET)
    _BEZET.add((wijk_id, peildatum))
    basis = {"wijk_id": wijk_id, "wijk_slug": slug, "indicator_id": indicator_id, "meting_id": None, "versie": None}
    plek = {"wijk_id": wijk_id, "indicator_id": indicator_id, "peildatum": peildatum, "meting_id": None}
    if variant == "bestaand":
        with omgeving.fabriek() as sessie, sessie.begin():
            meting = Meting(indicator_id=indicator_id, wijk_id=wijk_id, peildatum=peildatum, periode="kwartaal",
                            waarde=30.0, bron="Voor de correctie", gewijzigd_door="beveiligingstest")
            sessie.add(meting)
            sessie.flush()
            basis.update(meting_id=meting.id, versie=meting.versie)
            plek["meting_id"] = meting.id
    waarden = {
        "metingen-veld.value": {"peildatum": f"{peildatum:%d-%m-%Y}", "periode": "kwartaal", "waarde": WAARDE_TEKST,
                                "bron": BRON},
        "metingen-basis.data": basis,
    }
    return waarden, plek


def _opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    meting = _meting(omgeving.fabriek, plek["wijk_id"], plek["indicator_id"], plek["peildatum"])
    assert meting is not None, "de meting is niet opgeslagen"
    assert (meting.waarde, meting.periode, meting.bron) == (WAARDE, "kwartaal", BRON)
    if plek["meting_id"] is None:
        assert meting.versie == 1
    else:
        assert (meting.id, meting.versie) == (plek["meting_id"], 2), "de correctie is geen nieuwe versie"
    return "meting"


SCHRIJFACTIES = (
    Schrijfactie("metingen-opslaan", "pagina.invoer_metingen", "_opslaan", "metingen-opslaan.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _voorbereiden, _opgeslagen),
)
TABELLEN = ("meting",)
