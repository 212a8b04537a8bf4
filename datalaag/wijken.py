"""Leesqueries over wijken."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.models import Stadsdeel, Werkwijze, Wijk, WijkInwoners


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


def inwoners_per_wijk(sessie: Session, wijk_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """Inwonertallen per wijk per jaar (één query), voor cijfers per 1.000 inwoners."""
    ids = set(wijk_ids)
    uit: dict[int, dict[int, int]] = defaultdict(dict)
    if not ids:
        return uit
    for r in sessie.execute(
        select(WijkInwoners.wijk_id, WijkInwoners.jaar, WijkInwoners.aantal).where(WijkInwoners.wijk_id.in_(ids))
    ):
        uit[r.wijk_id][r.jaar] = r.aantal
    return uit


def wijk_slug(sessie: Session, wijk_id: int) -> str | None:
    """De slug (voor URL's) van een wijk, of ``None``."""
    return sessie.scalar(select(Wijk.slug).where(Wijk.id == wijk_id))
