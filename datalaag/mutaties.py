"""Het dossier: elke schrijfactie legt in dezelfde transactie vast wie, wanneer, wat, oud → nieuw.

``leg_vast`` is de enige manier waarop de app ``Mutatie``-rijen maakt. Bestaande rijen wijzigen
of verwijderen via de ORM wordt geweigerd (``before_flush``, en voor bulk-UPDATE/DELETE
``do_orm_execute``): het dossier is alleen aan te vullen.
Bij een versieconflict zegt ``wijzigingen_sinds`` wat anderen sinds een versie hebben veranderd.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor
from datalaag.models import Mutatie


class DossierFout(RuntimeError):
    """Een poging om het dossier te wijzigen of te wissen."""


@event.listens_for(Session, "before_flush")
def _dossier_alleen_aanvullen(sessie: Session, _context, _instances) -> None:
    for obj in list(sessie.dirty) + list(sessie.deleted):
        if isinstance(obj, Mutatie) and (obj in sessie.deleted or sessie.is_modified(obj)):
            raise DossierFout("Het dossier kan niet worden gewijzigd of gewist; alleen aangevuld.")


@event.listens_for(Session, "do_orm_execute")
def _dossier_niet_in_bulk(state) -> None:
    """Ook ``sessie.execute(update(Mutatie))`` / ``delete(Mutatie)`` (zonder flush) wordt geweigerd."""
    if (state.is_update or state.is_delete) and any(m.class_ is Mutatie for m in state.all_mappers):
        raise DossierFout("Het dossier kan niet worden gewijzigd of gewist; alleen aangevuld.")


def _json(waarde: Any) -> Any:
    """Maak een waarde geschikt voor de JSON-kolom (Decimal → str, datum → ISO)."""
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, (dt.date, dt.datetime)):
        return waarde.isoformat()
    return waarde


def verschil(oud: dict[str, Any], nieuw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alleen de velden die veranderen: (oud, nieuw), beide JSON-klaar."""
    sleutels = [k for k in dict.fromkeys([*oud, *nieuw]) if _json(oud.get(k)) != _json(nieuw.get(k))]
    return ({k: _json(oud.get(k)) for k in sleutels}, {k: _json(nieuw.get(k)) for k in sleutels})


def leg_vast(sessie: Session, actor: Actor, *, entiteit: str, entiteit_id: int, actie: str,
             oud: dict[str, Any] | None, nieuw: dict[str, Any] | None, wijk_id: int | None = None,
             versie: int | None = None) -> Mutatie:
    """Voeg een ``Mutatie`` toe aan de lopende transactie van ``sessie``."""
    mutatie = Mutatie(
        tijdstip=dt.datetime.now().replace(microsecond=0),
        gebruiker_id=actor.gebruiker_id,
        gebruiker_naam=actor.naam,
        entiteit=entiteit,
        entiteit_id=entiteit_id,
        actie=actie,
        oud=None if oud is None else {k: _json(v) for k, v in oud.items()},
        nieuw=None if nieuw is None else {k: _json(v) for k, v in nieuw.items()},
        wijk_id=wijk_id,
        versie=versie,
    )
    sessie.add(mutatie)
    return mutatie


@dataclass(frozen=True, slots=True)
class Wijziging:
    """Eén eerdere schrijfactie, voor de melding bij een versieconflict."""

    tijdstip: dt.datetime
    door: str
    versie: int | None
    oud: dict[str, Any]
    nieuw: dict[str, Any]


def wijzigingen_sinds(sessie: Session, entiteit: str, entiteit_id: int, versie: int) -> list[Wijziging]:
    """De dossierregels van een entiteit ná ``versie`` (oudste eerst)."""
    rijen = sessie.scalars(
        select(Mutatie)
        .where(Mutatie.entiteit == entiteit, Mutatie.entiteit_id == entiteit_id, Mutatie.versie > versie)
        .order_by(Mutatie.id)
    ).all()
    return [Wijziging(r.tijdstip, r.gebruiker_naam or "onbekend", r.versie, r.oud or {}, r.nieuw or {}) for r in rijen]
