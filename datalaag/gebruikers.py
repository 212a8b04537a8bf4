"""Leesqueries over gebruikers."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.models import Gebruiker


def aantal_demo_accounts(sessie: Session) -> int:
    return sessie.scalar(select(func.count()).select_from(Gebruiker).where(Gebruiker.is_demo.is_(True))) or 0
