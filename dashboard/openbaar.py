"""Openbare wijkpagina's (``/openbaar/wijk/<slug>``), zonder aanmelden. Wordt gebouwd (issue 9)."""

from __future__ import annotations

from flask import Flask


def init_openbaar(server: Flask) -> None:
    """Registreer de routes van de openbare wijkpagina's."""
