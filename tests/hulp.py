"""Hulpmiddelen voor tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session


@contextmanager
def tel_queries(sessie: Session) -> Iterator[dict[str, int]]:
    """Telt de SQL-statements die binnen het blok naar de database gaan (``teller["n"]``)."""
    teller = {"n": 0}
    engine = sessie.get_bind()

    def _voor(*_args, **_kw):
        teller["n"] += 1

    event.listen(engine, "before_cursor_execute", _voor)
    try:
        yield teller
    finally:
        event.remove(engine, "before_cursor_execute", _voor)
