"""De koppeling tussen de Flask-app en de datalaag: één engine per proces, een sessie per verzoek."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from sqlalchemy.orm import Session, sessionmaker

from datalaag.db import controleer_verbinding, maak_engine, maak_sessiefabriek, upgrade_head

EXTENSIE = "wijkaanpak_db"


def init_database(server: Flask, database_url: str, migreer: bool = True) -> sessionmaker[Session]:
    """Maak de engine, controleer de verbinding en breng het schema naar ``head``."""
    engine = maak_engine(database_url)
    controleer_verbinding(engine)
    if migreer:
        upgrade_head(engine)
    fabriek = maak_sessiefabriek(engine)
    server.extensions[EXTENSIE] = fabriek
    return fabriek


def sessiefabriek(server: Flask | None = None) -> sessionmaker[Session]:
    return (server or current_app).extensions[EXTENSIE]


@contextmanager
def lees_sessie() -> Iterator[Session]:
    """Een sessie om te lezen binnen een verzoek (callback of layout); altijd gesloten na afloop."""
    with sessiefabriek()() as sessie:
        yield sessie


def seed_demo_als_leeg(fabriek: sessionmaker[Session], schaal: int = 1) -> bool:
    """Vul een lege database met de demonstratiegegevens. Geeft True als er gevuld is."""
    import datetime as dt

    from datalaag.wijken import aantal_wijken
    from seed.demo import genereer_demo

    with fabriek() as sessie, sessie.begin():
        if aantal_wijken(sessie):
            return False
        genereer_demo(sessie, schaal=schaal, vandaag=dt.date.today())
    return True
