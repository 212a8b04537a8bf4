"""De rijen van de matrix rol × schrijfactie, per formulier een module in dit pakket.

Een module hier (niet ``basis``) definieert ``SCHRIJFACTIES`` (een tuple ``Schrijfactie``) en
``TABELLEN`` (de tabellen waarin die acties schrijven; daarvan vergelijkt de test de volledige inhoud
voor en na een geweigerde actie). ``tests/test_beveiliging.py`` draait ze allemaal.
"""

from __future__ import annotations

import importlib
import pkgutil


def _modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name != "basis":
            yield importlib.import_module(f"{__name__}.{info.name}")


def alle_schrijfacties() -> tuple:
    return tuple(actie for module in _modules() for actie in getattr(module, "SCHRIJFACTIES", ()))


def alle_tabellen() -> tuple[str, ...]:
    return tuple(t for module in _modules() for t in getattr(module, "TABELLEN", ()))
