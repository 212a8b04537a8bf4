"""Property-based tests van de open-data-API tegen haar eigen OpenAPI-document (schemathesis).

Schemathesis leest ``/api/v1/openapi.json`` van de draaiende app (een eigen proces, zie
:func:`tests.test_api.start_app`) en stuurt per operatie geldige en ongeldige verzoeken (voorbeelden, randgevallen
van elke parameter, willekeurige invoer). Controles: nooit een 5xx, statuscode, content-type, headers en body
volgens het document, ongeldige invoer geweigerd (4xx), geldige invoer geaccepteerd, andere methoden 405.

Via de opdrachtregel ``st run`` (de pytest-integratie van schemathesis botst niet met die van het project, maar
de CLI geeft ook de uitleg per fout); begrensd met ``--max-examples`` en een vaste seed, zodat de run
herhaalbaar is en binnen ongeveer een minuut klaar is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_api import start_app

CONTROLES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "unsupported_method",
)


def _st() -> str:
    naast_python = Path(sys.executable).with_name("st")
    return str(naast_python) if naast_python.exists() else (shutil.which("st") or "st")


def test_api_voldoet_aan_eigen_openapi_document(tmp_path):
    map_ = tmp_path / "app"
    map_.mkdir()
    with start_app(f"sqlite:///{map_ / 'wijkaanpak.db'}", map_) as api:
        uit = subprocess.run(
            [_st(), "run", f"{api}/openapi.json", "--url", api, "--checks", ",".join(CONTROLES),
             "--phases", "examples,coverage,fuzzing", "--max-examples", "8", "--seed", "20081206",
             "--generation-database", "none", "--workers", "1", "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
    uitvoer = uit.stdout + uit.stderr
    assert uit.returncode == 0, uitvoer[-8000:]
    assert "No issues found" in uitvoer, uitvoer[-8000:]
    # Alle negen operaties zijn getest (zes bronnen plus index, document …), niet overgeslagen.
    assert "9 selected / 9 total" in uitvoer and "Tested: 9" in uitvoer, uitvoer[-4000:]
