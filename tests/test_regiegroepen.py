"""De regiegroep bijwerken: datalaag.regiegroepen op SQLite én PostgreSQL.

Valideren → autoriseren → versie → schrijven + één Mutatie; bij elke fout niets geschreven. De regels uit de
notitie: precies één voorzitter tegelijk, termijnen en vertrek (rotatie), en de waarschuwingen voor wat de
notitie wenselijk noemt (bewoner als voorzitter, bewoners in de regiegroep, kerngroep, …).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.models import (
    Mutatie,
    Regiegroep,
    Regiegroeplid,
    Stadsdeel,
    Werkwijze,
    Wijk,
)
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.regiegroepen import (
    Conflictfout,
    leg_vertrek_vast,
    regiegroep_stand,
    stel_regiegroep_in,
    voeg_lid_toe,
    waarschuwingen,
    wijzig_lid,
)
from datalaag.validatie import Invoerfout, Validatiefout
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    windmolenbroek: Wijk          # heeft nog geen regiegroep
    rg_riet: Regiegroep
    rg_kerk: Regiegroep
    anna: Regiegroeplid           # voorzitter De Riet, bewoner
    carla: Regiegroeplid          # stadsdeelcoördinator De Riet
    bert: Regiegroeplid           # bewoner De Riet, termijn verlopen
    karel: Regiegroeplid          # voorzitter Kerkelanden
    marieke: Actor                # coördinator van De Riet en Windmolenbroek
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    wb = Wijk(naam="Windmolenbroek", slug="windmolenbroek", stadsdeel=stadsdeel, werkwijze="SHR")
    sessie.add_all([stadsdeel, dr, kl, wb])
    sessie.flush()
    rg_riet = Regiegroep(wijk_id=dr.id, naam="Regiegroep De Riet", opgericht_op=D(2010, 9, 1))
    rg_kerk = Regiegroep(wijk_id=kl.id, naam="Regiegroep Kerkelanden", opgericht_op=D(2010, 9, 1))
    sessie.add_all([rg_riet, rg_kerk])
    sessie.flush()
    anna = Regiegroeplid(regiegroep_id=rg_riet.id, naam="Anna de Vries", organisatietype="bewoner",
                         organisatie="Bewoner De Riet-Noord", rol="voorzitter", termijn_van=D(2023, 1, 1),
                         termijn_tot=D(2027, 1, 1))  # rotatie binnenkort
    carla = Regiegroeplid(regiegroep_id=rg_riet.id, naam="Carla Smit", organisatietype="gemeente",
                          organisatie="Gemeente Almelo", rol="stadsdeelcoordinator", termijn_van=D(2015, 3, 1))
    bert = Regiegroeplid(regiegroep_id=rg_riet.id, naam="Bert Jansen", organisatietype="bewoner", rol="lid",
                         termijn_van=D(2020, 1, 1), termijn_tot=D(2024, 1, 1))  # verlopen
    karel = Regiegroeplid(regiegroep_id=rg_kerk.id, naam="Karel Kok", organisatietype="bewoner", rol="voorzitter",
                          termijn_van=D(2022, 5, 1), termijn_tot=D(2026, 5, 1))
    sessie.add_all([anna, carla, bert, karel])
    sessie.flush()
    return Opzet(dr, kl, wb, rg_riet, rg_kerk, anna, carla, bert, karel,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator",
                               wijk_ids=frozenset({dr.id, wb.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _aantallen(sessie) -> tuple[int, int, int]:
    """(regiegroepen, leden, mutaties)"""
    return (sessie.scalar(select(func.count()).select_from(Regiegroep)),
            sessie.scalar(select(func.count()).select_from(Regiegroeplid)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def _toevoegen(sessie, actor, groep: Regiegroep, **velden):
    invoer = {"naam": "Fatma Yilmaz", "organisatietype": "welzijnswerk", "organisatie": "Scoop welzijnswerk",
              "rol": "kerngroep", "termijn_van": "01-11-2026", "termijn_tot": "01-11-2030", **velden}
    return voeg_lid_toe(sessie, actor, groep.id, vandaag=VANDAAG, **invoer)


def _wijzigen(sessie, actor, lid: Regiegroeplid, versie=None, **velden):
    invoer = {"organisatietype": lid.organisatietype, "organisatie": lid.organisatie, "rol": lid.rol,
              "termijn_van": f"{lid.termijn_van:%d-%m-%Y}",
              "termijn_tot": "" if lid.termijn_tot is None else f"{lid.termijn_tot:%d-%m-%Y}", **velden}
    return wijzig_lid(sessie, actor, lid.id, verwachte_versie=lid.versie if versie is None else versie,
                      regiegroep_id=lid.regiegroep_id, vandaag=VANDAAG, **invoer)


def _vertrek(sessie, actor, lid: Regiegroeplid, datum="27-11-2026", versie=None, **extra):
    return leg_vertrek_vast(sessie, actor, lid.id, vertrokken_op=datum,
                            verwachte_versie=lid.versie if versie is None else versie,
                            regiegroep_id=extra.get("regiegroep_id", lid.regiegroep_id), vandaag=VANDAAG)


# --------------------------------------------------------------------------- lezen
def test_stand_leden_oud_leden_en_waarschuwingen_in_drie_queries(sessie, opzet):
    opzet.bert.vertrokken_op = D(2024, 2, 1)
    sessie.flush()
    with tel_queries(sessie) as teller:
        stand = regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG)
    assert teller["n"] == 3
    assert (stand.naam, stand.opgericht_op, stand.wijk_slug) == ("Regiegroep De Riet", D(2010, 9, 1), "de-riet")
    assert [(lid.naam, lid.rol_label, lid.termijn_signaal) for lid in stand.leden] == [
        ("Anna de Vries", "Voorzitter", "binnenkort"), ("Carla Smit", "Stadsdeelcoördinator", None)]
    assert [lid.naam for lid in stand.bewoners] == ["Anna de Vries"]
    assert [lid.naam for lid in stand.organisaties] == ["Carla Smit"]
    assert [(lid.naam, lid.vertrokken_op) for lid in stand.oud_leden] == [("Bert Jansen", D(2024, 2, 1))]
    codes = {w.code for w in stand.waarschuwingen}
    assert codes == {"termijn_binnenkort", "geen_meldingenverantwoordelijke", "geen_kerngroep", "niet_breed"}
    breed = next(w.tekst for w in stand.waarschuwingen if w.code == "niet_breed")
    assert breed.startswith("Nog niet vertegenwoordigd: winkeliers, woningcorporatie, welzijnswerk, school")
    assert "§3.4.2.1" in breed


def test_stand_zonder_regiegroep_en_onbekende_wijk(sessie, opzet):
    stand = regiegroep_stand(sessie, opzet.windmolenbroek.id, VANDAAG)
    assert (stand.regiegroep_id, stand.leden, stand.waarschuwingen) == (None, (), ())
    assert regiegroep_stand(sessie, 999_999, VANDAAG) is None


def test_waarschuwingen_volgen_de_notitie(sessie, opzet):
    stand = regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG)
    teksten = {w.code: w.tekst for w in stand.waarschuwingen}
    assert "Bert Jansen" in teksten["termijn_verlopen"] and "rotatie" in teksten["termijn_verlopen"]
    # Voorzitter geen bewoner, geen bewoners, bewoner zonder einde termijn, onvolledige kerngroep.
    leden = [*stand.leden]
    carla = next(lid for lid in leden if lid.naam == "Carla Smit")
    codes = {w.code for w in waarschuwingen([carla], VANDAAG)}
    assert {"geen_voorzitter", "geen_bewoners", "geen_kerngroep"} <= codes
    _toevoegen(sessie, opzet.beheerder, opzet.rg_riet, naam="Piet Winkel", organisatietype="winkeliers",
               rol="kerngroep")
    _wijzigen(sessie, opzet.beheerder, opzet.anna, organisatietype="gemeente", termijn_tot="")
    teksten = {w.code: w.tekst for w in regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG).waarschuwingen}
    assert "Anna de Vries" in teksten["voorzitter_geen_bewoner"] and "§3.4.2.1" in teksten["voorzitter_geen_bewoner"]
    assert teksten["kerngroep_onvolledig"] == ("In de kerngroep ontbreekt een vertegenwoordiger van politie, "
                                               "welzijnswerk en woningcorporatie (§3.4.2.3).")
    assert "bewoners_zonder_einde" not in teksten  # Bert heeft een einde
    _wijzigen(sessie, opzet.beheerder, opzet.bert, termijn_tot="")
    teksten = {w.code: w.tekst for w in regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG).waarschuwingen}
    assert "(Bert Jansen)" in teksten["bewoners_zonder_einde"] and "§3.5.2.1" in teksten["bewoners_zonder_einde"]


# --------------------------------------------------------------------------- de regiegroep instellen
def test_regiegroep_instellen(sessie, opzet):
    uit = stel_regiegroep_in(sessie, opzet.marieke, opzet.windmolenbroek.id, naam=" Regiegroep Windmolenbroek ",
                             opgericht_op="01-09-2026", vandaag=VANDAAG)
    assert (uit.naam, uit.versie) == ("Regiegroep Windmolenbroek", 1)
    groep = sessie.get(Regiegroep, uit.regiegroep_id)
    assert (groep.wijk_id, groep.opgericht_op, groep.gewijzigd_door) == (opzet.windmolenbroek.id, D(2026, 9, 1),
                                                                         "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "regiegroep", groep.id, "aangemaakt", opzet.windmolenbroek.id, 1)
    assert mutatie.nieuw == {"Naam": "Regiegroep Windmolenbroek", "Opgericht op": "01-09-2026"}
    stand = regiegroep_stand(sessie, opzet.windmolenbroek.id, VANDAAG)
    assert stand.regiegroep_id == groep.id and [w.code for w in stand.waarschuwingen] == ["leeg"]


def test_een_wijk_heeft_een_regiegroep(sessie, opzet):
    voor = _aantallen(sessie)
    with pytest.raises(Invoerfout, match="De Riet heeft al een regiegroep"):
        stel_regiegroep_in(sessie, opzet.marieke, opzet.de_riet.id, naam="Nog een", opgericht_op="01-01-2020",
                           vandaag=VANDAAG)
    assert _aantallen(sessie) == voor


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"naam": "  "}, "naam", "verplicht"),
    ({"naam": "x" * 201}, "naam", "maximum is 200"),
    ({"opgericht_op": ""}, "opgericht_op", "vul een datum in"),
    ({"opgericht_op": "28-11-2026"}, "opgericht_op", "moet tussen"),
    ({"opgericht_op": "2026-13-01"}, "opgericht_op", "bestaat niet"),
    ({"opgericht_op": "gisteren"}, "opgericht_op", "dd-mm-jjjj"),
    ({"opgericht_op": "31-12-1989"}, "opgericht_op", "moet tussen 01-01-1990 en 27-11-2026"),
])
def test_regiegroep_instellen_ongeldig(sessie, opzet, velden, veld, tekst):
    invoer = {"naam": "Regiegroep Windmolenbroek", "opgericht_op": "01-09-2026", **velden}
    with pytest.raises(Validatiefout) as fout:
        stel_regiegroep_in(sessie, opzet.marieke, opzet.windmolenbroek.id, vandaag=VANDAAG, **invoer)
    assert tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (2, 4, 0)


# --------------------------------------------------------------------------- leden toevoegen
def test_lid_toevoegen(sessie, opzet):
    groepversie = opzet.rg_riet.versie
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet)
    assert (uit.naam, uit.versie, uit.gewijzigd) == ("Fatma Yilmaz", 1, True)
    lid = sessie.get(Regiegroeplid, uit.lid_id)
    assert (lid.regiegroep_id, lid.organisatietype, lid.rol, lid.termijn_van, lid.termijn_tot, lid.vertrokken_op,
            lid.gewijzigd_door) == (opzet.rg_riet.id, "welzijnswerk", "kerngroep", D(2026, 11, 1), D(2030, 11, 1),
                                    None, "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "regiegroeplid", lid.id, "aangemaakt", opzet.de_riet.id, 1)
    assert mutatie.oud is None
    assert mutatie.nieuw == {"Naam": "Fatma Yilmaz", "Organisatietype": "Welzijnswerk",
                             "Organisatie": "Scoop welzijnswerk", "Rol": "Kerngroep",
                             "Begin zittingstermijn": "01-11-2026", "Einde zittingstermijn": "01-11-2030"}
    # De regiegroep zelf krijgt een nieuwe versie (vergrendeling tegen gelijktijdige acties).
    assert sessie.get(Regiegroep, opzet.rg_riet.id).versie == groepversie + 1
    assert "Fatma Yilmaz" in [lid.naam for lid in regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG).leden]


def test_toevoegen_geeft_waarschuwingen_maar_slaat_op(sessie, opzet):
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Henk Bos", organisatietype="bewoner",
                     organisatie="", rol="lid", termijn_tot="")
    assert uit.waarschuwingen == ("Voor Henk Bos is geen einde van de zittingstermijn vastgelegd. Voor "
                                  "bewonersvertegenwoordigers is een periodiek wisselende samenstelling gewenst "
                                  "(§3.5.2.1).",)
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Sanne Schoolmeester", organisatietype="school",
                     rol="kerngroep", termijn_van="01-01-2022", termijn_tot="01-01-2026")
    assert any("kerngroep" in w and "school" in w for w in uit.waarschuwingen)
    assert any("al verlopen (01-01-2026)" in w for w in uit.waarschuwingen)
    assert _aantallen(sessie)[1:] == (6, 2)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"naam": ""}, "naam", "verplicht"),
    ({"naam": "x" * 201}, "naam", "maximum is 200"),
    ({"naam": "Jan\x00"}, "naam", "stuurtekens"),
    ({"organisatietype": ""}, "organisatietype", "maak een keuze"),
    ({"organisatietype": "rotary"}, "organisatietype", "kies een van de mogelijkheden"),
    ({"organisatie": "o" * 201}, "organisatie", "maximum is 200"),
    ({"rol": "penningmeester"}, "rol", "kies een van de mogelijkheden"),
    ({"rol": ""}, "rol", "maak een keuze"),
    ({"termijn_van": ""}, "termijn_van", "vul een datum in"),
    ({"termijn_van": "31-04-2026"}, "termijn_van", "bestaat niet"),
    ({"termijn_van": "28-11-2027"}, "termijn_van", "moet tussen"),      # meer dan een jaar vooruit
    ({"termijn_van": "01-01-2009"}, "termijn_van", "opgericht op 01-09-2010"),
    ({"termijn_tot": "31-10-2026"}, "termijn_tot", "niet eindigen (31-10-2026) vóór hij begint (01-11-2026)"),
    ({"termijn_tot": "01-01-2099"}, "termijn_tot", "moet tussen"),
    ({"rol": "stadsdeelcoordinator", "organisatietype": "bewoner"}, "rol", "iemand van de gemeente"),
    ({"rol": "voorzitter"}, "rol", "al een voorzitter, Anna de Vries (lid sinds 01-01-2023)"),
    ({"naam": "  anna DE vries "}, "naam", "Anna de Vries zit al in de regiegroep (als voorzitter)"),
])
def test_toevoegen_ongeldig_schrijft_niets(sessie, opzet, velden, veld, tekst):
    versie = opzet.rg_riet.versie
    with pytest.raises(Validatiefout) as fout:
        _toevoegen(sessie, opzet.marieke, opzet.rg_riet, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (2, 4, 0)
    sessie.expire_all()
    assert sessie.get(Regiegroep, opzet.rg_riet.id).versie == versie


def test_alle_fouten_tegelijk(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="", organisatietype="x", termijn_van="")
    assert set(fout.value.fouten) == {"naam", "organisatietype", "termijn_van"}


def test_precies_een_voorzitter_tegelijk_rotatie(sessie, opzet):
    # Tweede voorzitter: geweigerd (de database kan dat niet zelf bewaken).
    with pytest.raises(Validatiefout, match="al een voorzitter"):
        _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Olga Nieuw", organisatietype="bewoner",
                   rol="voorzitter")
    # Rotatie: Anna vertrekt op 01-11-2026; een opvolger die eerder begint, overlapt nog.
    uit = _vertrek(sessie, opzet.marieke, opzet.anna, datum="01-11-2026")
    assert uit.waarschuwingen == ("De regiegroep heeft geen voorzitter. Wijs een voorzitter aan; de notitie geeft "
                                  "de voorkeur aan een bewoner (§3.4.2.1).",)
    with pytest.raises(Validatiefout) as fout:
        _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Olga Nieuw", organisatietype="bewoner",
                   rol="voorzitter", termijn_van="15-10-2026")
    assert "Anna de Vries was voorzitter tot 01-11-2026" in fout.value.fouten["rol"]
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Olga Nieuw", organisatietype="bewoner",
                     rol="voorzitter", termijn_van="01-11-2026")
    assert uit.waarschuwingen == ()
    stand = regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG)
    assert [lid.naam for lid in stand.leden if lid.rol == "voorzitter"] == ["Olga Nieuw"]
    assert [lid.naam for lid in stand.oud_leden] == ["Anna de Vries"]
    # Een andere regiegroep telt niet mee: Kerkelanden heeft haar eigen voorzitter.
    assert sessie.get(Regiegroeplid, opzet.karel.id).rol == "voorzitter"


def test_bestaand_lid_wordt_voorzitter_na_vertrek_van_de_vorige(sessie, opzet):
    """Het model weet niet sinds wanneer iemand een rol heeft: de regel kijkt bij een wijziging vanaf vandaag,
    niet naar het begin van de zittingstermijn (Bert zit sinds 2020, Anna was voorzitter tot vandaag)."""
    _vertrek(sessie, opzet.marieke, opzet.anna, datum="27-11-2026")
    bert = sessie.get(Regiegroeplid, opzet.bert.id)
    uit = _wijzigen(sessie, opzet.marieke, bert, rol="voorzitter", termijn_tot="01-01-2028")
    assert uit.gewijzigd
    sessie.expire_all()
    bert = sessie.get(Regiegroeplid, opzet.bert.id)
    assert (bert.rol, bert.termijn_van) == ("voorzitter", D(2020, 1, 1))  # de termijn blijft wat hij was
    # Een latere wijziging van de voorzitter (andere organisatie) toetst niet opnieuw het verleden.
    assert _wijzigen(sessie, opzet.marieke, bert, organisatie="Bewonersvereniging De Riet").gewijzigd
    # Wel: geen tweede voorzitter naast Bert, ook niet via een rolwijziging.
    with pytest.raises(Validatiefout) as fout:
        _wijzigen(sessie, opzet.marieke, sessie.get(Regiegroeplid, opzet.carla.id), rol="voorzitter")
    assert "al een voorzitter, Bert Jansen (lid sinds 01-01-2020)" in fout.value.fouten["rol"]
    # Een nieuw lid als voorzitter wordt wél getoetst vanaf het begin van zijn termijn.
    _vertrek(sessie, opzet.marieke, sessie.get(Regiegroeplid, opzet.bert.id), datum="27-11-2026")
    with pytest.raises(Validatiefout) as fout:
        _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Olga Nieuw", organisatietype="bewoner",
                   rol="voorzitter", termijn_van="01-11-2026")
    assert "was voorzitter tot 27-11-2026" in fout.value.fouten["rol"]


def test_rolwijziging_naar_voorzitter_met_termijn_in_de_toekomst(sessie, opzet):
    """Begint de termijn later dan vandaag, dan telt de regel vanaf dat begin: Anna zit er dan nog."""
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Olga Nieuw", organisatietype="bewoner",
                     rol="lid", termijn_van="01-02-2027", termijn_tot="01-02-2031")
    olga = sessie.get(Regiegroeplid, uit.lid_id)
    with pytest.raises(Validatiefout, match="al een voorzitter, Anna de Vries"):
        _wijzigen(sessie, opzet.marieke, olga, rol="voorzitter")


# --------------------------------------------------------------------------- leden wijzigen
def test_lid_wijzigen(sessie, opzet):
    versie = opzet.carla.versie
    uit = _wijzigen(sessie, opzet.marieke, opzet.carla, rol="meldingenverantwoordelijke",
                    organisatie="Gemeente Almelo, wijkbeheer", termijn_tot="01-03-2028")
    assert (uit.versie, uit.gewijzigd) == (versie + 1, True)
    sessie.expire_all()
    lid = sessie.get(Regiegroeplid, opzet.carla.id)
    assert (lid.rol, lid.organisatie, lid.termijn_tot, lid.gewijzigd_door) == (
        "meldingenverantwoordelijke", "Gemeente Almelo, wijkbeheer", D(2028, 3, 1), "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "regiegroeplid", lid.id, "gewijzigd", opzet.de_riet.id, versie + 1)
    assert mutatie.oud == {"Lid": "Carla Smit", "Organisatie": "Gemeente Almelo", "Rol": "Stadsdeelcoördinator",
                           "Einde zittingstermijn": None}
    assert mutatie.nieuw == {"Lid": "Carla Smit", "Organisatie": "Gemeente Almelo, wijkbeheer",
                             "Rol": "Meldingenverantwoordelijke", "Einde zittingstermijn": "01-03-2028"}
    # Geen stadsdeelcoördinator meer: dat zegt de uitkomst erbij (de wijziging gaat wel door).
    assert any("geen stadsdeelcoördinator" in w for w in uit.waarschuwingen)


def test_wijzigen_zonder_verschil_schrijft_niets(sessie, opzet):
    uit = _wijzigen(sessie, opzet.marieke, opzet.carla)
    assert (uit.gewijzigd, uit.versie) == (False, opzet.carla.versie)
    assert _aantallen(sessie) == (2, 4, 0)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"rol": "voorzitter"}, "rol", "al een voorzitter, Anna de Vries"),
    ({"termijn_tot": "01-01-2015"}, "termijn_tot", "niet eindigen (01-01-2015) vóór hij begint (01-03-2015)"),
    ({"organisatietype": "politie"}, "rol", "iemand van de gemeente"),
    ({"termijn_van": "15-13-2020"}, "termijn_van", "bestaat niet"),
    ({"termijn_van": "01-01-2001"}, "termijn_van", "opgericht op 01-09-2010"),
])
def test_wijzigen_ongeldig_schrijft_niets(sessie, opzet, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _wijzigen(sessie, opzet.marieke, opzet.carla, **velden)
    assert tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (2, 4, 0)
    sessie.expire_all()
    assert sessie.get(Regiegroeplid, opzet.carla.id).rol == "stadsdeelcoordinator"


def test_lid_van_een_andere_wijk_wijzigen(sessie, opzet):
    # De coördinator van De Riet mag Kerkelanden niet wijzigen, ook niet met de regiegroep van De Riet erbij.
    for actie in (lambda: _wijzigen(sessie, opzet.marieke, opzet.karel, rol="lid"),
                  lambda: wijzig_lid(sessie, opzet.marieke, opzet.karel.id, organisatietype="bewoner",
                                     organisatie="", rol="lid", termijn_van="01-05-2022", termijn_tot="",
                                     verwachte_versie=opzet.karel.versie, regiegroep_id=opzet.rg_riet.id,
                                     vandaag=VANDAAG),
                  lambda: _vertrek(sessie, opzet.marieke, opzet.karel, regiegroep_id=opzet.rg_riet.id)):
        with pytest.raises(GeenToegang, match="alleen voor de wijken die aan u zijn toegewezen, niet voor wijk "
                                              "Kerkelanden"):
            actie()
    # De beheerder mag overal, maar een lid dat niet bij de bewerkte regiegroep hoort, wordt niet gewijzigd.
    with pytest.raises(Invoerfout, match="Karel Kok is lid van de regiegroep van Kerkelanden"):
        wijzig_lid(sessie, opzet.beheerder, opzet.karel.id, organisatietype="bewoner", organisatie="", rol="lid",
                   termijn_van="01-05-2022", termijn_tot="", verwachte_versie=opzet.karel.versie,
                   regiegroep_id=opzet.rg_riet.id, vandaag=VANDAAG)
    assert _aantallen(sessie) == (2, 4, 0)
    sessie.expire_all()
    assert sessie.get(Regiegroeplid, opzet.karel.id).rol == "voorzitter"


def test_oud_lid_met_accolades_in_de_naam(sessie, opzet):
    """De naam is gebruikerstekst: accolades erin gaven een KeyError (500) in de melding over een oud-lid."""
    uit = _toevoegen(sessie, opzet.marieke, opzet.rg_riet, naam="Jan {de Vries} {0}", organisatietype="bewoner",
                     rol="lid", termijn_van="01-01-2026")
    _vertrek(sessie, opzet.marieke, sessie.get(Regiegroeplid, uit.lid_id), datum="01-06-2026")
    jan = sessie.get(Regiegroeplid, uit.lid_id)
    with pytest.raises(Invoerfout) as fout:
        _wijzigen(sessie, opzet.marieke, jan, rol="kerngroep")
    assert str(fout.value) == ("Jan {de Vries} {0} is op 01-06-2026 uit de regiegroep vertrokken; de gegevens van "
                               "een oud-lid worden niet meer gewijzigd. Komt Jan {de Vries} {0} terug, voeg "
                               "Jan {de Vries} {0} dan opnieuw toe als lid met een nieuwe zittingstermijn.")


def test_oud_lid_wordt_niet_gewijzigd(sessie, opzet):
    _vertrek(sessie, opzet.marieke, opzet.bert, datum="01-06-2026")
    bert = sessie.get(Regiegroeplid, opzet.bert.id)
    for actie in (lambda: _wijzigen(sessie, opzet.marieke, bert, rol="kerngroep"),
                  lambda: _vertrek(sessie, opzet.marieke, bert)):
        with pytest.raises(Invoerfout, match="Bert Jansen is op 01-06-2026 uit de regiegroep vertrokken"):
            actie()
    assert _aantallen(sessie) == (2, 4, 1)


# --------------------------------------------------------------------------- vertrek (rotatie)
def test_vertrek_vastleggen(sessie, opzet):
    versie = opzet.bert.versie
    uit = _vertrek(sessie, opzet.marieke, opzet.bert, datum="01-10-2026")
    assert (uit.versie, uit.gewijzigd) == (versie + 1, True)
    sessie.expire_all()
    assert sessie.get(Regiegroeplid, opzet.bert.id).vertrokken_op == D(2026, 10, 1)
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "regiegroeplid", "gewijzigd", opzet.de_riet.id, versie + 1)
    assert (mutatie.oud, mutatie.nieuw) == ({"Lid": "Bert Jansen", "Vertrokken op": None},
                                            {"Lid": "Bert Jansen", "Vertrokken op": "01-10-2026"})
    # Bert was de laatste bewoner naast de voorzitter: geen nieuwe groepswaarschuwing (Anna is bewoner).
    assert uit.waarschuwingen == ()
    stand = regiegroep_stand(sessie, opzet.de_riet.id, VANDAAG)
    assert [lid.naam for lid in stand.oud_leden] == ["Bert Jansen"]
    assert "termijn_verlopen" not in {w.code for w in stand.waarschuwingen}


def test_vertrek_van_de_laatste_bewoners(sessie, opzet):
    _vertrek(sessie, opzet.marieke, opzet.bert)
    uit = _vertrek(sessie, opzet.marieke, opzet.anna)
    assert any(w.startswith("Er zitten geen bewoners in de regiegroep") for w in uit.waarschuwingen)
    assert any(w.startswith("De regiegroep heeft geen voorzitter") for w in uit.waarschuwingen)


@pytest.mark.parametrize(("datum", "tekst"), [
    ("31-12-2019", "begon op 01-01-2020; het vertrek kan niet eerder zijn"),
    ("28-11-2026", "moet tussen"),
    ("", "vul een datum in"),
    ("30-02-2026", "bestaat niet"),
])
def test_vertrek_ongeldig_schrijft_niets(sessie, opzet, datum, tekst):
    with pytest.raises(Validatiefout) as fout:
        _vertrek(sessie, opzet.marieke, opzet.bert, datum=datum)
    assert tekst in fout.value.fouten["vertrokken_op"]
    assert _aantallen(sessie) == (2, 4, 0)
    sessie.expire_all()
    assert sessie.get(Regiegroeplid, opzet.bert.id).vertrokken_op is None


# --------------------------------------------------------------------------- rechten
LEZERS = ["raadslid", "wethouder", "griffie", None]


def _lezer(rol):
    return None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    actor = _lezer(rol)
    acties = [
        lambda: stel_regiegroep_in(sessie, actor, opzet.windmolenbroek.id, naam="Regiegroep W",
                                   opgericht_op="01-01-2026", vandaag=VANDAAG),
        lambda: _toevoegen(sessie, actor, opzet.rg_riet),
        lambda: _wijzigen(sessie, actor, opzet.carla, rol="lid"),
        lambda: _vertrek(sessie, actor, opzet.bert),
    ]
    for actie in acties:
        with pytest.raises(GeenToegang) as fout:
            actie()
        assert ("niet aangemeld" if rol is None else "mag u niet de regiegroep bijwerken") in str(fout.value)
    assert _aantallen(sessie) == (2, 4, 0)


def test_coordinator_andere_wijk_beheerder_overal(sessie, opzet):
    with pytest.raises(GeenToegang, match="Kerkelanden"):
        _toevoegen(sessie, opzet.marieke, opzet.rg_kerk)
    kerk_zonder_groep = Wijk(naam="Nieuwe wijk", slug="nieuwe-wijk", stadsdeel_id=opzet.de_riet.stadsdeel_id,
                             werkwijze="SHR")
    sessie.add(kerk_zonder_groep)
    sessie.flush()
    with pytest.raises(GeenToegang, match="Nieuwe wijk"):
        stel_regiegroep_in(sessie, opzet.marieke, kerk_zonder_groep.id, naam="Regiegroep", opgericht_op="01-01-2026",
                           vandaag=VANDAAG)
    assert _aantallen(sessie) == (2, 4, 0)
    stel_regiegroep_in(sessie, opzet.beheerder, kerk_zonder_groep.id, naam="Regiegroep Nieuwe wijk",
                       opgericht_op="01-01-2026", vandaag=VANDAAG)
    _toevoegen(sessie, opzet.beheerder, opzet.rg_kerk)
    _wijzigen(sessie, opzet.beheerder, opzet.karel, termijn_tot="01-05-2028")
    _vertrek(sessie, opzet.beheerder, opzet.karel)
    assert _aantallen(sessie) == (3, 5, 4)


def test_onbekend_lid_of_regiegroep(sessie, opzet):
    with pytest.raises(Invoerfout, match="bestaat niet"):
        voeg_lid_toe(sessie, opzet.beheerder, 999_999, naam="X", organisatietype="bewoner", organisatie="",
                     rol="lid", termijn_van="01-01-2026", termijn_tot="", vandaag=VANDAAG)
    with pytest.raises(Invoerfout, match="bestaat niet"):
        leg_vertrek_vast(sessie, opzet.beheerder, 999_999, vertrokken_op="01-01-2026", verwachte_versie=1,
                         vandaag=VANDAAG)
    with pytest.raises(Validatiefout):
        leg_vertrek_vast(sessie, opzet.beheerder, "abc", vertrokken_op="01-01-2026", verwachte_versie="x",
                         vandaag=VANDAAG)
    assert _aantallen(sessie) == (2, 4, 0)


# --------------------------------------------------------------------------- versies en gelijktijdigheid
def test_versieconflict_toont_wat_de_ander_deed(sessie, opzet):
    oude_versie = opzet.carla.versie
    _wijzigen(sessie, opzet.beheerder, opzet.carla, termijn_tot="01-01-2029")
    for actie in (lambda: _wijzigen(sessie, opzet.marieke, opzet.carla, versie=oude_versie, rol="lid"),
                  lambda: _vertrek(sessie, opzet.marieke, opzet.carla, versie=oude_versie)):
        with pytest.raises(Conflictfout) as fout:
            actie()
        assert "Het regiegroeplid Carla Smit is intussen opgeslagen door Bea Heerder" in str(fout.value)
        (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
        assert "Bea Heerder: Lid: Carla Smit → Carla Smit; Einde zittingstermijn: (leeg) → 01-01-2029" in regel
    assert _aantallen(sessie) == (2, 4, 1)
    sessie.expire_all()
    lid = sessie.get(Regiegroeplid, opzet.carla.id)
    assert (lid.rol, lid.vertrokken_op, lid.termijn_tot) == ("stadsdeelcoordinator", None, D(2029, 1, 1))


def test_gelijktijdige_actie_in_dezelfde_regiegroep_wordt_geweigerd(sessie, opzet):
    """Een andere transactie veranderde de regiegroep tussen lezen en schrijven (bijv. net een voorzitter
    aangewezen): de actie gaat niet door, ook al raakt ze een ander lid."""
    groep_id = opzet.rg_riet.id
    sessie.commit()
    groep = sessie.get(Regiegroep, groep_id)
    assert groep.versie == 1
    # Zoals een andere gebruiker die intussen opsloeg: de database loopt voor op wat deze sessie las.
    sessie.execute(text("UPDATE regiegroep SET versie = versie + 1 WHERE id = :id"), {"id": groep_id})
    with pytest.raises(Conflictfout, match="op precies hetzelfde moment"):
        _toevoegen(sessie, opzet.marieke, groep)
    sessie.rollback()
    assert _aantallen(sessie) == (2, 4, 0)
    assert sessie.get(Regiegroep, groep_id).versie == 1
