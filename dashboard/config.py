"""Configuratie uit de omgeving (12-factor): DATABASE_URL, SECRET_KEY, WIJK_MODE, REDIS_URL."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from datalaag.db import standaard_url

PROJECT_MAP = Path(__file__).resolve().parent.parent
MODI = ("demo", "productie")
# Alleen voor demo en tests. Productie weigert te starten met deze sleutel.
STANDAARD_SLEUTEL = "demo-sleutel-niet-voor-productie"


class ConfigFout(RuntimeError):
    """Onjuiste configuratie. De tekst zegt in het Nederlands wat er mis is en hoe het op te lossen."""


def _api_limiet(waarde: str | None) -> int:
    tekst = (waarde or "300").strip()
    if not tekst.isdigit() or not 1 <= int(tekst) <= 1_000_000:
        raise ConfigFout(f"WIJK_API_LIMIET moet een geheel getal van 1 tot 1.000.000 zijn (verzoeken per minuut per "
                         f"client), niet {tekst!r}.")
    return int(tekst)


@dataclass(frozen=True)
class Config:
    database_url: str
    secret_key: str = STANDAARD_SLEUTEL
    modus: str = "demo"
    instance_map: Path = field(default_factory=lambda: PROJECT_MAP / "instance")
    # Demo: vul een lege database met demonstratiegegevens bij de start.
    seed_demo_bij_start: bool = True
    testing: bool = False
    # Redis (optioneel): gedeelde cache, importvoortgang en rate limiting over alle gunicorn-workers.
    redis_url: str | None = None
    # Open-data-API: hoeveel verzoeken één client (IP-adres) per minuut mag doen (WIJK_API_LIMIET).
    api_limiet: int = 300

    @classmethod
    def uit_omgeving(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        instance = Path(env.get("WIJK_INSTANCE_MAP") or PROJECT_MAP / "instance")
        modus = (env.get("WIJK_MODE") or "demo").strip().lower()
        return cls(
            database_url=env.get("DATABASE_URL") or standaard_url(instance),
            secret_key=env.get("SECRET_KEY") or STANDAARD_SLEUTEL,
            modus=modus,
            instance_map=instance,
            redis_url=(env.get("REDIS_URL") or "").strip() or None,
            api_limiet=_api_limiet(env.get("WIJK_API_LIMIET")),
        )

    @property
    def is_demo(self) -> bool:
        return self.modus == "demo"

    def controleer(self) -> None:
        """Weiger onveilige of onjuiste instellingen vóór de start."""
        if self.modus not in MODI:
            raise ConfigFout(f"WIJK_MODE moet 'demo' of 'productie' zijn, niet {self.modus!r}.")
        if self.modus == "productie":
            if self.secret_key == STANDAARD_SLEUTEL:
                raise ConfigFout(
                    "Productiemodus weigert te starten zonder eigen SECRET_KEY: zet SECRET_KEY op een lange "
                    "willekeurige waarde, bijv. met: python -c \"import secrets; print(secrets.token_hex(32))\"."
                )
            if len(self.secret_key) < 32:
                raise ConfigFout("SECRET_KEY is te kort voor productie: gebruik minstens 32 tekens.")
