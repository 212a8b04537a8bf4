"""Opdrachtregel en configuratie: duidelijke Nederlandse fouten, geen traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.config import STANDAARD_SLEUTEL, Config, ConfigFout

PROJECT_MAP = Path(__file__).resolve().parents[1]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "WIJK_MODE")}
    omgeving.update(env)
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=PROJECT_MAP, env=omgeving,
                          capture_output=True, text=True, timeout=60)


def test_onbereikbare_database_geeft_een_nederlandse_regel():
    uit = _cli("db", "upgrade", DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/bestaatniet")
    assert uit.returncode == 2
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1, uit.stderr
    assert regels[0].startswith("Fout: De database postgresql+psycopg://postgres@127.0.0.1:1/bestaatniet is niet "
                                "bereikbaar")
    assert "Traceback" not in uit.stderr


def test_ongeldige_database_url():
    uit = _cli("db", "upgrade", DATABASE_URL="dit is geen url")
    assert uit.returncode == 2
    assert uit.stderr.strip() == "Fout: DATABASE_URL is geen geldige database-URL: 'dit is geen url'."


def test_productie_zonder_secret_key_weigert_te_starten(tmp_path):
    uit = _cli("run", "--port", "1", WIJK_MODE="productie", DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    assert uit.returncode == 2
    assert "Productiemodus weigert te starten zonder eigen SECRET_KEY" in uit.stderr
    assert "Traceback" not in uit.stderr
    assert not (tmp_path / "x.db").exists(), "er mag niets aangemaakt zijn"


def test_productie_met_demo_accounts_weigert_te_starten(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert _cli("seed", "--demo", DATABASE_URL=url).returncode == 0
    uit = _cli("run", "--port", "1", WIJK_MODE="productie", SECRET_KEY="x" * 40, DATABASE_URL=url)
    assert uit.returncode == 2
    assert "demo-accounts" in uit.stderr


def test_onbekende_modus():
    with pytest.raises(ConfigFout, match="WIJK_MODE moet 'demo' of 'productie' zijn"):
        Config.uit_omgeving({"WIJK_MODE": "test"}).controleer()


def test_config_uit_omgeving_standaard_sqlite_onder_instance(tmp_path):
    config = Config.uit_omgeving({"WIJK_INSTANCE_MAP": str(tmp_path)})
    assert config.database_url == f"sqlite:///{tmp_path / 'wijkaanpak.db'}"
    assert config.modus == "demo"
    assert config.secret_key == STANDAARD_SLEUTEL


def test_redis_en_api_limiet_uit_de_omgeving():
    config = Config.uit_omgeving({"REDIS_URL": " redis://127.0.0.1:6379/2 ", "WIJK_API_LIMIET": "60"})
    assert (config.redis_url, config.api_limiet) == ("redis://127.0.0.1:6379/2", 60)
    standaard = Config.uit_omgeving({"REDIS_URL": ""})
    assert (standaard.redis_url, standaard.api_limiet) == (None, 300)


@pytest.mark.parametrize("waarde", ["veel", "0", "-5", "1,5", "2000000"])
def test_onjuiste_api_limiet_geeft_een_nederlandse_melding(waarde):
    with pytest.raises(ConfigFout, match="WIJK_API_LIMIET moet een geheel getal van 1 tot 1.000.000 zijn"):
        Config.uit_omgeving({"WIJK_API_LIMIET": waarde})


def test_korte_sleutel_in_productie_geweigerd():
    with pytest.raises(ConfigFout, match="minstens 32 tekens"):
        Config.uit_omgeving({"WIJK_MODE": "productie", "SECRET_KEY": "kort"}).controleer()


def test_van_demo_naar_productie_met_eigen_beheerder(tmp_path):
    """De overstap: demo-accounts uitschakelen, een echte beheerder toevoegen, dan start productie."""
    url = f"sqlite:///{tmp_path}/overstap.db"
    assert _cli("seed", "--demo", DATABASE_URL=url).returncode == 0
    te_kort = _cli("gebruiker", "toevoegen", "--naam", "Bea Heer", "--email", "bea@almelo.nl", "--rol", "beheerder",
                   DATABASE_URL=url, WIJK_WACHTWOORD="kort")
    assert te_kort.returncode == 2
    assert te_kort.stderr.strip() == "Fout: Wachtwoord: gebruik minstens 12 tekens. Er is niets opgeslagen."
    verkeerde_wijk = _cli("gebruiker", "toevoegen", "--naam", "C", "--email", "c@almelo.nl", "--rol", "coordinator",
                          "--wijk", "atlantis", DATABASE_URL=url, WIJK_WACHTWOORD="x" * 16)
    assert verkeerde_wijk.returncode == 2 and "'atlantis' bestaat niet" in verkeerde_wijk.stderr
    goed = _cli("gebruiker", "toevoegen", "--naam", "Bea Heer", "--email", "Bea@Almelo.nl", "--rol", "beheerder",
                DATABASE_URL=url, WIJK_WACHTWOORD="een-lang-wachtwoord")
    assert goed.returncode == 0, goed.stderr
    assert "Gebruiker bea@almelo.nl (beheerder) toegevoegd." in goed.stdout
    uit = _cli("gebruiker", "demo-uitschakelen", DATABASE_URL=url)
    assert uit.returncode == 0 and "5 demo-accounts uitgeschakeld." in uit.stdout
    start = subprocess.run(
        [sys.executable, "-c", "from dashboard import create_app; create_app(); print('gestart')"],
        cwd=PROJECT_MAP, capture_output=True, text=True, timeout=120,
        env={**os.environ, "WIJK_MODE": "productie", "SECRET_KEY": "s" * 40, "DATABASE_URL": url},
    )
    assert start.returncode == 0, start.stderr
    assert "gestart" in start.stdout
