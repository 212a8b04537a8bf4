"""De voortgang van een maatregel bijwerken: datalaag.voortgang op SQLite én PostgreSQL.

Valideren → autoriseren → versie → historieregel + maatregel + één Mutatie; bij elke fout niets geschreven.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.models import (
    Ambitie,
    Maatregel,
    MaatregelVoortgang,
    Mutatie,
    Stadsdeel,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.voortgang import Conflictfout, bewaar_voortgang, maatregelen_voor
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    m_riet: Maatregel       # start 01-03-2026, 40%, in uitvoering
    m_kerk: Maatregel
    marieke: Actor          # coördinator van De Riet
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners voelen zich op elkaar betrokken.")
    sessie.add_all([stadsdeel, dr, kl, a1])
    sessie.flush()
    plannen = [Wijkplan(wijk_id=w.id, titel=f"Wijkplan {w.naam}", werkwijze="SHR", periode_van=2025,
                        periode_tot=2028, status="vastgesteld") for w in (dr, kl)]
    sessie.add_all(plannen)
    sessie.flush()
    m_riet = Maatregel(wijkplan_id=plannen[0].id, ambitie_id=a1.id, naam="Buurtkamer", verantwoordelijke="Welzijn",
                       start=D(2026, 3, 1), eind=D(2027, 3, 1), status="in_uitvoering", voortgang=40)
    m_kerk = Maatregel(wijkplan_id=plannen[1].id, ambitie_id=a1.id, naam="Speeltuin", verantwoordelijke="Openbare ruimte",
                       status="gepland", voortgang=0)
    sessie.add_all([m_riet, m_kerk])
    sessie.flush()
    return Opzet(dr, kl, m_riet, m_kerk,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator",
                               wijk_ids=frozenset({dr.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _bewaar(sessie, actor, m: Maatregel, versie=None, **velden):
    invoer = {"percentage": "60", "status": "in_uitvoering", "toelichting": "", "datum": "01-11-2026", **velden}
    return bewaar_voortgang(sessie, actor, m.id, verwachte_versie=m.versie if versie is None else versie,
                            vandaag=VANDAAG, **invoer)


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(MaatregelVoortgang)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def test_maatregelen_voor_per_rol_in_een_query(sessie, opzet):
    with tel_queries(sessie) as teller:
        eigen = maatregelen_voor(sessie, opzet.marieke)
    assert teller["n"] == 1
    assert [(m.label, m.voortgang, m.status_label, m.ambitie, m.plan) for m in eigen] == [
        ("De Riet · Buurtkamer", 40, "In uitvoering", "1. Betrokkenheid", "Wijkplan De Riet")]
    assert [m.label for m in maatregelen_voor(sessie, opzet.beheerder)] == [
        "De Riet · Buurtkamer", "Kerkelanden · Speeltuin"]
    for rol in ("raadslid", "wethouder", "griffie"):
        assert maatregelen_voor(sessie, Actor(gebruiker_id=None, naam="X", rol=rol)) == []
    assert maatregelen_voor(sessie, None) == []


def test_opslaan_schrijft_historie_maatregel_en_een_mutatie(sessie, opzet):
    versie = opzet.m_riet.versie
    uit = _bewaar(sessie, opzet.marieke, opzet.m_riet, percentage="60", status="vertraagd",
                  toelichting="Aannemer later begonnen.")
    assert (uit.voortgang, uit.status, uit.versie) == (60, "vertraagd", versie + 1)
    sessie.expire_all()
    m = sessie.get(Maatregel, opzet.m_riet.id)
    assert (m.voortgang, m.status, m.versie, m.gewijzigd_door) == (60, "vertraagd", versie + 1, "Marieke ter Horst")
    (regel,) = sessie.scalars(select(MaatregelVoortgang)).all()
    assert (regel.maatregel_id, regel.datum, regel.voortgang, regel.status, regel.toelichting, regel.gewijzigd_door) == (
        m.id, D(2026, 11, 1), 60, "vertraagd", "Aannemer later begonnen.", "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "maatregel", m.id, "statuswijziging", opzet.de_riet.id, versie + 1)
    assert mutatie.oud == {"Voortgang": "40%", "Status": "In uitvoering"}
    assert mutatie.nieuw == {"Voortgang": "60%", "Status": "Vertraagd", "Datum melding": "01-11-2026",
                             "Toelichting": "Aannemer later begonnen."}
    # De stand in de keuzelijst volgt.
    (stand,) = maatregelen_voor(sessie, opzet.marieke)
    assert (stand.voortgang, stand.status, stand.laatste_melding, stand.versie) == (60, "vertraagd", D(2026, 11, 1),
                                                                                    versie + 1)


def test_afronden_met_100_procent(sessie, opzet):
    uit = _bewaar(sessie, opzet.beheerder, opzet.m_kerk, percentage="100", status="afgerond", datum="27-11-2026")
    assert (uit.voortgang, uit.status) == (100, "afgerond")
    assert _aantallen(sessie) == (1, 1)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"percentage": "150"}, "percentage", "van 0 tot en met 100"),
    ({"percentage": "-1"}, "percentage", "van 0 tot en met 100"),
    ({"percentage": "40,5"}, "percentage", "geheel getal"),
    ({"percentage": "veel"}, "percentage", "vul een getal in"),
    ({"percentage": ""}, "percentage", "verplicht"),
    ({"status": "klaar"}, "status", "kies een van de mogelijkheden"),
    ({"status": ""}, "status", "maak een keuze"),
    ({"status": "afgerond", "percentage": "90"}, "percentage", "afgeronde maatregel staat op 100%"),
    ({"status": "in_uitvoering", "percentage": "100"}, "status", "Afgerond"),
    ({"status": "vertraagd", "toelichting": "  "}, "toelichting", "verplicht"),
    ({"status": "gestopt", "toelichting": ""}, "toelichting", "verplicht"),
    ({"toelichting": "x" * 2001}, "toelichting", "maximum is 2000"),
    ({"datum": "31-02-2026"}, "datum", "bestaat niet"),
    ({"datum": "28-11-2026"}, "datum", "moet tussen"),
    ({"datum": ""}, "datum", "vul een datum in"),
    ({"datum": "28-02-2026"}, "datum", "start op 01-03-2026"),
])
def test_ongeldige_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.m_riet, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (0, 0)
    sessie.expire_all()
    assert (sessie.get(Maatregel, opzet.m_riet.id).voortgang, sessie.get(Maatregel, opzet.m_riet.id).status) == (
        40, "in_uitvoering")


def test_melding_niet_van_voor_de_vorige(sessie, opzet):
    _bewaar(sessie, opzet.marieke, opzet.m_riet, datum="01-11-2026")
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.m_riet, datum="01-10-2026", percentage="70")
    assert "laatste voortgangsmelding is van 01-11-2026" in fout.value.fouten["datum"]
    assert _aantallen(sessie) == (1, 1)


def test_onbekende_maatregel(sessie, opzet):
    with pytest.raises(Invoerfout, match="bestaat niet"):
        bewaar_voortgang(sessie, opzet.beheerder, 999_999, percentage="10", status="gepland", toelichting="",
                         datum="01-11-2026", verwachte_versie=1, vandaag=VANDAAG)
    assert _aantallen(sessie) == (0, 0)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)
    with pytest.raises(GeenToegang):
        _bewaar(sessie, actor, opzet.m_riet)
    assert _aantallen(sessie) == (0, 0)


def test_coordinator_alleen_eigen_wijk_beheerder_overal(sessie, opzet):
    with pytest.raises(GeenToegang, match="mag"):
        _bewaar(sessie, opzet.marieke, opzet.m_kerk, percentage="10")
    assert _aantallen(sessie) == (0, 0)
    _bewaar(sessie, opzet.beheerder, opzet.m_kerk, percentage="10")
    _bewaar(sessie, opzet.beheerder, opzet.m_riet, percentage="50")
    assert _aantallen(sessie) == (2, 2)


def test_versieconflict_toont_wat_de_ander_deed(sessie, opzet):
    oude_versie = opzet.m_riet.versie
    _bewaar(sessie, opzet.beheerder, opzet.m_riet, percentage="60")
    with pytest.raises(Conflictfout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.m_riet, versie=oude_versie, percentage="70")
    assert "Bea Heerder" in str(fout.value)
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert "Bea Heerder: Voortgang: 40% → 60%" in regel
    assert _aantallen(sessie) == (1, 1)
    sessie.expire_all()
    assert sessie.get(Maatregel, opzet.m_riet.id).voortgang == 60
