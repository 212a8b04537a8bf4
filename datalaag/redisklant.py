"""Eén Redis-client per proces en URL (optioneel: alleen als ``REDIS_URL`` gezet is).

Gedeeld door de cache (:mod:`datalaag.cache`), de importvoortgang en de rate limiting van de API:
alles wat over gunicorn-workers heen hetzelfde moet zijn. Zonder Redis draait de app gewoon, maar
dan zonder gedeelde cache (er wordt dan niets gecachet, zodat geen worker een verouderd cijfer toont).
"""

from __future__ import annotations

import os
import threading

import redis

_klanten: dict[tuple[int, str], redis.Redis] = {}
_slot = threading.Lock()


def redis_klant(url: str | None) -> redis.Redis | None:
    """De client voor ``url`` in dit proces (na een fork een nieuwe: sockets worden niet gedeeld)."""
    if not url:
        return None
    sleutel = (os.getpid(), url)
    with _slot:
        klant = _klanten.get(sleutel)
        if klant is None:
            klant = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1, health_check_interval=30)
            _klanten[sleutel] = klant
        return klant
