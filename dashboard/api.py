"""Open-data-API onder ``/api/v1/``, alleen lezen en zonder aanmelden. Wordt gebouwd (issue 9)."""

from __future__ import annotations

from flask import Flask


def init_api(server: Flask) -> None:
    """Registreer de routes van de open-data-API."""
