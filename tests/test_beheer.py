"""De afhandelnorm per categorie is instelbaar: service (SQLite en PostgreSQL) en opdrachtregel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.beheer import Invoerfout, afhandelnormen, zet_afhandelnorm
from datalaag.models import Afhandelnorm, Mutatie

PROJECT_MAP = Path(__file__).resolve().parents[1]
BEHEER = Actor(gebruiker_id=None, naam="test", rol="beheerder")


def test_norm_instellen_schrijft_mutatie(sessie):
    zet_afhandelnorm(sessie, BEHEER, "schoon", 5)
    zet_afhandelnorm(sessie, BEHEER, " Schoon ", "3")
    assert afhandelnormen(sessie) == [type(afhandelnormen(sessie)[0])("schoon", 3)]
    assert sessie.get(Afhandelnorm, "schoon").versie == 2
    mutaties = sessie.scalars(select(Mutatie).order_by(Mutatie.id)).all()
    assert [(m.actie, m.oud, m.nieuw) for m in mutaties] == [
        ("aangemaakt", None, {"Categorie": "schoon", "Werkdagen": 5}),
        ("gewijzigd", {"Categorie": "schoon", "Werkdagen": 5}, {"Categorie": "schoon", "Werkdagen": 3})]
    assert [(m.gebruiker_naam, m.versie) for m in mutaties] == [("test", 1), ("test", 2)]


@pytest.mark.parametrize(
    ("categorie", "werkdagen", "melding"),
    [
        ("vuil", 5, "Onbekende categorie 'vuil': kies uit schoon, heel, veilig, overlast, sociaal, overig."),
        ("heel", "vijf", "Het aantal werkdagen moet een geheel getal zijn, niet 'vijf'."),
        ("heel", 0, "Het aantal werkdagen moet tussen 1 en 260 liggen; 0 kan niet."),
    ],
)
def test_ongeldige_norm_wordt_geweigerd(sessie, categorie, werkdagen, melding):
    with pytest.raises(Invoerfout) as fout:
        zet_afhandelnorm(sessie, BEHEER, categorie, werkdagen)
    assert str(fout.value) == melding
    assert sessie.scalars(select(Mutatie)).all() == []


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", "coordinator"])
def test_alleen_de_beheerder_stelt_normen_in(sessie, rol):
    with pytest.raises(GeenToegang, match="mag u niet referentiegegevens beheren"):
        zet_afhandelnorm(sessie, Actor(gebruiker_id=None, naam="x", rol=rol), "schoon", 5)
    with pytest.raises(GeenToegang, match="niet aangemeld"):
        zet_afhandelnorm(sessie, None, "schoon", 5)
    assert sessie.scalars(select(Mutatie)).all() == []
    assert sessie.get(Afhandelnorm, "schoon") is None


def test_verouderde_versie_wordt_geweigerd(sessie):
    zet_afhandelnorm(sessie, BEHEER, "veilig", 2)
    zet_afhandelnorm(sessie, BEHEER, "veilig", 3, verwachte_versie=1)
    with pytest.raises(Invoerfout, match="intussen door iemand anders gewijzigd"):
        zet_afhandelnorm(sessie, BEHEER, "veilig", 4, verwachte_versie=1)
    assert sessie.get(Afhandelnorm, "veilig").werkdagen == 3


def test_opdrachtregel(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/n.db", "WIJK_MODE": "demo"}
    uit = subprocess.run([sys.executable, "-m", "dashboard", "norm", "overlast", "4"], cwd=PROJECT_MAP, env=env,
                         capture_output=True, text=True, timeout=60)
    assert uit.returncode == 0, uit.stderr
    assert "Norm voor overlast: 4 werkdagen." in uit.stdout
    fout = subprocess.run([sys.executable, "-m", "dashboard", "norm", "overlast", "-1"], cwd=PROJECT_MAP, env=env,
                          capture_output=True, text=True, timeout=60)
    assert fout.returncode == 2
    assert fout.stderr.strip() == "Fout: Het aantal werkdagen moet tussen 1 en 260 liggen; -1 kan niet. Er is niets opgeslagen."
