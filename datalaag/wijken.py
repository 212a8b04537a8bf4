"""Leesqueries over wijken."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.models import Stadsdeel, Werkwijze, Wijk


@dataclass(frozen=True, slots=True)
class WijkKop:
    slug: str
    naam: str
    stadsdeel: str
    werkwijze_code: str
    werkwijze: str


def aantal_wijken(sessie: Session) -> int:
    return sessie.scalar(select(func.count()).select_from(Wijk)) or 0


def wijk_kop(sessie: Session, slug: str) -> WijkKop | None:
    """Naam, stadsdeel en werkwijze van een wijk; None als de slug niet bestaat."""
    rij = sessie.execute(
        select(Wijk.slug, Wijk.naam, Stadsdeel.naam, Wijk.werkwijze, Werkwijze.naam)
        .join(Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id)
        .join(Werkwijze, Werkwijze.code == Wijk.werkwijze)
        .where(Wijk.slug == slug)
    ).one_or_none()
    return WijkKop(*rij) if rij else None
