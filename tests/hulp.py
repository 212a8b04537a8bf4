"""Hulpmiddelen voor tests."""

from __future__ import annotations

import http.client
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def wacht_op_gezond(poort: int, proces: subprocess.Popen, log: Path, seconden: float = 240) -> None:
    """Wacht tot de server (gunicorn) op ``/gezond`` 200 geeft; faalt met de staart van het log als hij stopt."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"gunicorn stopte (exitcode {proces.returncode}):\n{Path(log).read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
            conn.request("GET", "/gezond")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"gunicorn antwoordde niet binnen {seconden} s:\n{Path(log).read_text()[-3000:]}")
