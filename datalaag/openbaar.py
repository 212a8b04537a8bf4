"""Wat openbaar is (notitie §3.10: bewoners informeren) — één definitie voor de openbare
wijkpagina's (``/openbaar/wijk/<slug>``) en de open-data-API (``/api/v1/``).

Regels:

- Openbaar zijn alleen wijken met een **lopend, door de raad vastgesteld wijkplan** (status
  ``vastgesteld`` of ``geevalueerd`` en het jaar valt in de planperiode; dezelfde definitie als
  :func:`datalaag.afgeleid.plan_actief`). Een plan in voorbereiding of een terugverwezen plan is
  nog geen besluit van de raad en wordt niet gepubliceerd.
- **Nooit persoonsgegevens**: geen namen (van bewoners, melders, verantwoordelijken of
  regiegroepleden), geen vrije tekst van meldingen of opmerkingen, geen adressen onder straatniveau.
  De openbare leesfuncties selecteren daarom alleen de kolommen in :data:`OPENBARE_VELDEN`; een test
  controleert elk openbaar antwoord tegen :data:`VERBODEN_VELDEN`.
- De beheerder kan beide kanalen apart uitzetten (:func:`zet_openbaar`); zonder instelling staan ze aan.

Geen Dash hier: de webkant (Flask-routes) leest via deze module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import plan_actief_sql
from datalaag.autorisatie import Actor, eis
from datalaag.models import Instelling, Wijk, Wijkplan
from datalaag.mutaties import leg_vast
from datalaag.validatie import Invoerfout

#: Kanaal → naam in meldingen en op het scherm.
ONDERDELEN: dict[str, str] = {
    "paginas": "de openbare wijkpagina's",
    "api": "de open-data-API",
}

#: Kolommen die nooit in een openbaar antwoord mogen staan (namen van kolommen in het model en de
#: sleutels van JSON/CSV). Persoonsgegevens en vrije tekst.
VERBODEN_VELDEN: frozenset[str] = frozenset({
    "naam_melder", "melder", "verantwoordelijke", "budgethouder", "gewijzigd_door", "gebruiker_naam",
    "gebruiker_id", "email", "omschrijving", "aanpak", "rol_bewoners", "opmerkingen", "toelichting",
    "afdoening", "huisnummer", "adres", "postcode", "telefoon", "knelpunten",
})


def _sleutel(onderdeel: str) -> str:
    if onderdeel not in ONDERDELEN:
        raise Invoerfout(f"Onbekend onderdeel {onderdeel!r}: kies uit {', '.join(ONDERDELEN)}.")
    return f"openbaar.{onderdeel}"


@dataclass(frozen=True, slots=True)
class Openbaarheid:
    onderdeel: str
    aan: bool
    versie: int | None        # None: nog nooit ingesteld (staat aan)
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime | None


def openbaarheid(sessie: Session, onderdeel: str) -> Openbaarheid:
    """De stand van één kanaal. Eén query op de primaire sleutel."""
    rij = sessie.get(Instelling, _sleutel(onderdeel))
    if rij is None:
        return Openbaarheid(onderdeel, True, None, None, None)
    return Openbaarheid(onderdeel, rij.waarde != "uit", rij.versie, rij.gewijzigd_door, rij.gewijzigd_op)


def openbaar_aan(sessie: Session, onderdeel: str) -> bool:
    return openbaarheid(sessie, onderdeel).aan


def zet_openbaar(sessie: Session, actor: Actor | None, onderdeel: str, aan: bool,
                 verwachte_versie: int | None = None) -> Openbaarheid:
    """Zet een kanaal aan of uit (alleen de beheerder). Schrijft de instelling plus één ``Mutatie``.

    ``verwachte_versie``: de versie waarop de gebruiker zijn keuze baseerde (``None`` bij een nog
    nooit ingestelde waarde). Wijkt die af, dan wordt niets opgeslagen.
    """
    sleutel = _sleutel(onderdeel)
    if not isinstance(aan, bool):
        raise Invoerfout("Kies 'aan' of 'uit'.")
    eis(actor, "openbaarheid_beheren")
    rij = sessie.get(Instelling, sleutel)
    huidige_versie = None if rij is None else rij.versie
    if verwachte_versie != huidige_versie:
        raise Invoerfout(
            f"De instelling voor {ONDERDELEN[onderdeel]} is intussen door iemand anders gewijzigd. "
            "Laad de pagina opnieuw en maak uw keuze dan nog eens."
        )
    waarde = "aan" if aan else "uit"
    oud = None if rij is None else {"Onderdeel": ONDERDELEN[onderdeel], "Stand": rij.waarde}
    if rij is None:
        rij = Instelling(sleutel=sleutel, waarde=waarde, gewijzigd_door=actor.naam)
        sessie.add(rij)
        actie = "aangemaakt"
    else:
        rij.waarde = waarde
        rij.gewijzigd_door = actor.naam
        actie = "gewijzigd"
    try:
        sessie.flush()
    except StaleDataError:
        raise Invoerfout(
            f"De instelling voor {ONDERDELEN[onderdeel]} is intussen door iemand anders gewijzigd. "
            "Laad de pagina opnieuw en maak uw keuze dan nog eens."
        ) from None
    # Instelling heeft een tekstsleutel: het onderdeel staat in ``nieuw``.
    leg_vast(sessie, actor, entiteit="instelling", entiteit_id=0, actie=actie, oud=oud,
             nieuw={"Onderdeel": ONDERDELEN[onderdeel], "Stand": waarde}, versie=rij.versie)
    sessie.flush()
    return openbaarheid(sessie, onderdeel)


def openbare_wijken_select(jaar: int | None = None) -> Select[tuple[int]]:
    """``SELECT wijk.id`` van de wijken die openbaar zijn in ``jaar`` (standaard: dit jaar).

    Te gebruiken als subquery (``Wijk.id.in_(openbare_wijken_select())``) in elke openbare leesfunctie.
    """
    jaar = dt.date.today().year if jaar is None else jaar
    return select(Wijk.id).where(
        exists().where(Wijkplan.wijk_id == Wijk.id, plan_actief_sql(jaar))
    )


def is_openbare_wijk(sessie: Session, wijk_id: int, jaar: int | None = None) -> bool:
    return sessie.scalar(select(exists(openbare_wijken_select(jaar).where(Wijk.id == wijk_id)))) is True
