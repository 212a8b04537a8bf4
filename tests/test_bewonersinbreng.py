"""Bewonersinbreng bij een wijkplan: datalaag.bewonersinbreng op SQLite én PostgreSQL.

Valideren → autoriseren → versie → schrijven + één Mutatie; bij elke fout niets geschreven. Een vastgelegde
bijeenkomst met opmerkingen is precies wat ``datalaag.wijkplannen`` vraagt voor "Besproken met bewoners".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.bewonersinbreng import (
    Conflictfout,
    bewaar_inbreng,
    inbreng_van_plan,
    kan_naar_besproken,
    plannen_van_wijk,
)
from datalaag.models import (
    Bewonersinbreng,
    Mutatie,
    Stadsdeel,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.wijkplannen import wijzig_status
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    concept: Wijkplan           # De Riet 2027–2028, concept
    lopend: Wijkplan            # De Riet 2024–2027, vastgesteld
    besproken: Wijkplan         # De Riet 2025–2026, besproken met bewoners op 10-03-2025 na een bijeenkomst
    bijeenkomst: Bewonersinbreng
    kerk: Wijkplan              # Kerkelanden, concept; geen inwonertal bekend
    marieke: Actor
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    sessie.add_all([stadsdeel, dr, kl])
    sessie.flush()
    sessie.add_all([WijkInwoners(wijk_id=dr.id, jaar=2024, aantal=4_900), WijkInwoners(wijk_id=dr.id, jaar=2025,
                                                                                       aantal=5_000)])

    def plan(wijk, titel, van, tot, status):
        p = Wijkplan(wijk_id=wijk.id, titel=titel, werkwijze="SHR", periode_van=van, periode_tot=tot, status=status)
        sessie.add(p)
        return p

    lopend = plan(dr, "Vervolg De Riet 2024–2027", 2024, 2027, "vastgesteld")
    besproken = plan(dr, "Tussenplan De Riet 2025–2026", 2025, 2026, "besproken_met_bewoners")
    concept = plan(dr, "Vervolg De Riet 2027–2028", 2027, 2028, "concept")
    kerk = plan(kl, "WOP Kerkelanden 2027–2032", 2027, 2032, "concept")
    sessie.flush()
    bijeenkomst = Bewonersinbreng(wijkplan_id=besproken.id, datum=D(2025, 3, 1), vorm="bijeenkomst", bereik=80,
                                  opmerkingen="Meer groen op het plein.")
    sessie.add_all([
        bijeenkomst,
        Bewonersinbreng(wijkplan_id=besproken.id, datum=D(2025, 2, 1), vorm="enquete", bereik=300,
                        opmerkingen="Veiligheid staat voorop."),
        WijkplanStatus(wijkplan_id=besproken.id, status="concept", datum=D(2025, 1, 10)),
        WijkplanStatus(wijkplan_id=besproken.id, status="besproken_met_bewoners", datum=D(2025, 3, 10)),
        WijkplanStatus(wijkplan_id=concept.id, status="concept", datum=D(2026, 10, 1)),
    ])
    sessie.flush()
    return Opzet(dr, kl, concept, lopend, besproken, bijeenkomst, kerk,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator",
                               wijk_ids=frozenset({dr.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(Bewonersinbreng)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def _bewaar(sessie, actor, plan: Wijkplan, **velden):
    invoer = {"datum": "20-11-2026", "vorm": "bijeenkomst", "bereik": "64",
              "opmerkingen": "Bewoners willen meer verlichting in het park.", **velden}
    return bewaar_inbreng(sessie, actor, plan.id, vandaag=VANDAAG, **invoer)


def _corrigeer(sessie, actor, inbreng: Bewonersinbreng, versie=None, **velden):
    invoer = {"datum": f"{inbreng.datum:%d-%m-%Y}", "vorm": inbreng.vorm, "bereik": str(inbreng.bereik),
              "opmerkingen": inbreng.opmerkingen, **velden}
    return bewaar_inbreng(sessie, actor, inbreng.wijkplan_id, inbreng_id=inbreng.id,
                          verwachte_versie=inbreng.versie if versie is None else versie, vandaag=VANDAAG, **invoer)


# --------------------------------------------------------------------------- lezen
def test_plannen_in_voorbereiding_eerst_in_een_query(sessie, opzet):
    with tel_queries(sessie) as teller:
        plannen = plannen_van_wijk(sessie, opzet.de_riet.id)
    assert teller["n"] == 1
    assert [(p.titel, p.status_label, p.in_voorbereiding) for p in plannen] == [
        ("Vervolg De Riet 2027–2028", "Concept", True),
        ("Tussenplan De Riet 2025–2026", "Besproken met bewoners", True),
        ("Vervolg De Riet 2024–2027", "Vastgesteld door de raad", False),
    ]
    assert plannen[0].label == "Vervolg De Riet 2027–2028 · Concept"


def test_eerdere_inbreng_nieuwste_eerst(sessie, opzet):
    regels = inbreng_van_plan(sessie, opzet.besproken.id)
    assert [(r.datum, r.vorm_label, r.bereik) for r in regels] == [(D(2025, 3, 1), "Bijeenkomst", 80),
                                                                   (D(2025, 2, 1), "Enquête", 300)]
    assert inbreng_van_plan(sessie, opzet.concept.id) == []


# --------------------------------------------------------------------------- vastleggen
def test_bijeenkomst_vastleggen_maakt_besproken_met_bewoners_mogelijk(sessie, opzet):
    # Zonder bijeenkomst weigert de levenscyclus (datalaag.wijkplannen) de stap.
    with pytest.raises(Invoerfout, match="bewonersbijeenkomst"):
        wijzig_status(sessie, opzet.marieke, opzet.concept.id, "besproken_met_bewoners",
                      verwachte_versie=opzet.concept.versie, vandaag=VANDAAG)
    assert kan_naar_besproken(sessie, opzet.concept.id, VANDAAG) is False
    uit = _bewaar(sessie, opzet.marieke, opzet.concept, opmerkingen="  Zorgen over  parkeren.\nMeer groen.  ")
    assert (uit.nieuw, uit.gewijzigd, uit.versie, uit.plan_status, uit.kan_naar_besproken) == (
        True, True, 1, "concept", True)
    inbreng = sessie.get(Bewonersinbreng, uit.inbreng_id)
    assert (inbreng.wijkplan_id, inbreng.datum, inbreng.vorm, inbreng.bereik, inbreng.opmerkingen,
            inbreng.gewijzigd_door) == (opzet.concept.id, D(2026, 11, 20), "bijeenkomst", 64,
                                        "Zorgen over  parkeren.\nMeer groen.", "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "bewonersinbreng", inbreng.id, "aangemaakt", opzet.de_riet.id, 1)
    assert mutatie.nieuw == {"Wijkplan": "Vervolg De Riet 2027–2028", "Datum": "20-11-2026", "Vorm": "Bijeenkomst",
                             "Bereik": "64", "Opmerkingen": "Zorgen over  parkeren.\nMeer groen."}
    # En nu kan het plan wél naar "Besproken met bewoners" (de regel van de andere helper, ongewijzigd).
    stap = wijzig_status(sessie, opzet.marieke, opzet.concept.id, "besproken_met_bewoners",
                         verwachte_versie=opzet.concept.versie, vandaag=VANDAAG)
    assert stap.status == "besproken_met_bewoners"


@pytest.mark.parametrize("vorm", ["enquete", "gesprek", "huisbezoek", "internetpanel"])
def test_andere_vormen_zijn_geen_bijeenkomst(sessie, opzet, vorm):
    uit = _bewaar(sessie, opzet.marieke, opzet.concept, vorm=vorm, bereik="0")
    assert (uit.nieuw, uit.kan_naar_besproken) == (True, False)
    assert sessie.get(Bewonersinbreng, uit.inbreng_id).bereik == 0
    assert _aantallen(sessie) == (3, 1)


def test_een_bijeenkomst_van_voor_het_concept_telt_niet(sessie, opzet):
    """De regel van datalaag.wijkplannen: de bijeenkomst ging over dit concept (na de stap 'Concept' van 01-10-2026)."""
    uit = _bewaar(sessie, opzet.marieke, opzet.concept, datum="15-09-2026")
    assert (uit.nieuw, uit.kan_naar_besproken) == (True, False)
    assert _bewaar(sessie, opzet.marieke, opzet.concept, datum="01-10-2026").kan_naar_besproken is True


def test_inbreng_bij_een_vastgesteld_plan(sessie, opzet):
    """Ook na vaststelling horen bewoners te worden betrokken (informeren, evaluatie); geen hint naar de levenscyclus."""
    uit = _bewaar(sessie, opzet.marieke, opzet.lopend)
    assert (uit.plan_status, uit.kan_naar_besproken) == ("vastgesteld", False)
    assert _aantallen(sessie) == (3, 1)


def test_bereik_niet_meer_dan_inwoners(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.concept, bereik="5.001")
    assert fout.value.fouten["bereik"] == ("Bereik (aantal bereikte bewoners): De Riet telt 5.000 inwoners; 5.001 "
                                           "bereikte bewoners kan dus niet. Controleer het aantal.")
    assert _bewaar(sessie, opzet.marieke, opzet.concept, bereik="5.000").gewijzigd
    # Inbreng van 2024: het inwonertal van 2024 geldt.
    with pytest.raises(Validatiefout, match="telt 4.900 inwoners"):
        _bewaar(sessie, opzet.marieke, opzet.concept, datum="01-06-2024", bereik="4950")
    # Geen inwonertal bekend (Kerkelanden): alleen de grens tegen tikfouten.
    assert _bewaar(sessie, opzet.beheerder, opzet.kerk, bereik="20000").gewijzigd
    assert _aantallen(sessie) == (4, 2)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"datum": "28-11-2026"}, "datum", "moet tussen"),
    ({"datum": ""}, "datum", "vul een datum in"),
    ({"datum": "31-06-2026"}, "datum", "bestaat niet"),
    ({"datum": "1989-12-31"}, "datum", "moet tussen 01-01-1990 en 27-11-2026"),
    ({"vorm": "flyer"}, "vorm", "kies een van de mogelijkheden"),
    ({"vorm": ""}, "vorm", "maak een keuze"),
    ({"bereik": "-1"}, "bereik", "van 0 tot en met 100.000"),
    ({"bereik": "12,5"}, "bereik", "geheel getal"),
    ({"bereik": "veel"}, "bereik", "vul een getal in"),
    ({"bereik": ""}, "bereik", "verplicht"),
    ({"bereik": "250000"}, "bereik", "van 0 tot en met 100.000"),
    ({"opmerkingen": ""}, "opmerkingen", "schriftelijk vast te leggen, §4.3"),
    ({"opmerkingen": " \n\t "}, "opmerkingen", "verplicht"),
    ({"opmerkingen": "x" * 8001}, "opmerkingen", "maximum is 8000"),
    ({"opmerkingen": "a\x07b"}, "opmerkingen", "stuurtekens"),
])
def test_ongeldige_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.concept, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (2, 0)


def test_alle_fouten_tegelijk(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, opzet.marieke, opzet.concept, datum="morgen", vorm="", bereik="-5", opmerkingen="")
    assert set(fout.value.fouten) == {"datum", "vorm", "bereik", "opmerkingen"}


# --------------------------------------------------------------------------- corrigeren
def test_corrigeren(sessie, opzet):
    versie = opzet.bijeenkomst.versie
    uit = _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst, bereik="85", opmerkingen="Meer groen en bankjes.")
    assert (uit.nieuw, uit.gewijzigd, uit.versie, uit.kan_naar_besproken) == (False, True, versie + 1, False)
    sessie.expire_all()
    inbreng = sessie.get(Bewonersinbreng, opzet.bijeenkomst.id)
    assert (inbreng.bereik, inbreng.opmerkingen, inbreng.gewijzigd_door) == (85, "Meer groen en bankjes.",
                                                                             "Marieke ter Horst")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "bewonersinbreng", inbreng.id, "gewijzigd", opzet.de_riet.id, versie + 1)
    assert mutatie.oud == {"Wijkplan": "Tussenplan De Riet 2025–2026", "Bereik": "80",
                           "Opmerkingen": "Meer groen op het plein."}
    assert mutatie.nieuw == {"Wijkplan": "Tussenplan De Riet 2025–2026", "Bereik": "85",
                             "Opmerkingen": "Meer groen en bankjes."}


def test_corrigeren_zonder_verschil_schrijft_niets(sessie, opzet):
    uit = _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst)
    assert (uit.gewijzigd, uit.versie) == (False, opzet.bijeenkomst.versie)
    assert _aantallen(sessie) == (2, 0)


@pytest.mark.parametrize(("velden", "veld"), [({"vorm": "gesprek"}, "vorm"), ({"datum": "11-03-2025"}, "datum")])
def test_correctie_haalt_de_grond_onder_besproken_met_bewoners_niet_weg(sessie, opzet, velden, veld):
    with pytest.raises(Validatiefout) as fout:
        _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst, **velden)
    assert "het plan werd op 10-03-2025 \u2018Besproken met bewoners\u2019" in fout.value.fouten[veld]
    assert _aantallen(sessie) == (2, 0)
    # Met een tweede, eerdere bijeenkomst mag het wel.
    _bewaar(sessie, opzet.marieke, opzet.besproken, datum="05-03-2025")
    assert _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst, **velden).gewijzigd


def test_correctie_van_oude_gegevens_die_de_regel_al_niet_haalden(sessie, opzet):
    """Alleen een correctie die de grond wegneemt, wordt geweigerd: lag de bijeenkomst al buiten de periode (oude
    gegevens), dan blijft corrigeren van de overige inbreng mogelijk."""
    sessie.add(WijkplanStatus(wijkplan_id=opzet.besproken.id, status="concept", datum=D(2025, 3, 5)))
    sessie.flush()  # nu ligt de bijeenkomst van 01-03-2025 vóór de laatste conceptstap
    enquete = next(r for r in opzet.besproken.bewonersinbreng if r.vorm == "enquete")
    assert _corrigeer(sessie, opzet.marieke, enquete, bereik="310").gewijzigd
    assert _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst, vorm="gesprek").gewijzigd


def test_inbreng_van_een_ander_plan(sessie, opzet):
    with pytest.raises(Invoerfout, match="hoort niet bij dit wijkplan"):
        bewaar_inbreng(sessie, opzet.marieke, opzet.concept.id, inbreng_id=opzet.bijeenkomst.id,
                       verwachte_versie=opzet.bijeenkomst.versie, datum="01-03-2025", vorm="bijeenkomst",
                       bereik="80", opmerkingen="x", vandaag=VANDAAG)
    with pytest.raises(Invoerfout, match="bestaat niet"):
        bewaar_inbreng(sessie, opzet.marieke, opzet.concept.id, inbreng_id=999_999, verwachte_versie=1,
                       datum="01-03-2025", vorm="bijeenkomst", bereik="80", opmerkingen="x", vandaag=VANDAAG)
    with pytest.raises(Invoerfout, match="Dit wijkplan bestaat niet"):
        bewaar_inbreng(sessie, opzet.beheerder, 999_999, datum="01-03-2025", vorm="bijeenkomst", bereik="80",
                       opmerkingen="x", vandaag=VANDAAG)
    with pytest.raises(Validatiefout) as fout:
        bewaar_inbreng(sessie, opzet.beheerder, opzet.concept.id, inbreng_id=opzet.bijeenkomst.id,
                       verwachte_versie=None, datum="01-03-2025", vorm="bijeenkomst", bereik="80", opmerkingen="x",
                       vandaag=VANDAAG)
    assert set(fout.value.fouten) == {"versie"}
    assert _aantallen(sessie) == (2, 0)


def test_versieconflict_toont_wat_de_ander_deed(sessie, opzet):
    oude_versie = opzet.bijeenkomst.versie
    _corrigeer(sessie, opzet.beheerder, opzet.bijeenkomst, bereik="90")
    with pytest.raises(Conflictfout) as fout:
        _corrigeer(sessie, opzet.marieke, opzet.bijeenkomst, versie=oude_versie, bereik="70")
    assert "Deze bewonersinbreng is intussen opgeslagen door Bea Heerder" in str(fout.value)
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert "Bea Heerder: Wijkplan: Tussenplan De Riet 2025–2026 → Tussenplan De Riet 2025–2026; Bereik: 80 → 90" in regel
    assert _aantallen(sessie) == (2, 1)
    sessie.expire_all()
    assert sessie.get(Bewonersinbreng, opzet.bijeenkomst.id).bereik == 90


# --------------------------------------------------------------------------- rechten
@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)
    for actie in (lambda: _bewaar(sessie, actor, opzet.concept),
                  lambda: _corrigeer(sessie, actor, opzet.bijeenkomst, bereik="81")):
        with pytest.raises(GeenToegang) as fout:
            actie()
        assert ("niet aangemeld" if rol is None else "mag u niet bewonersinbreng vastleggen") in str(fout.value)
    assert _aantallen(sessie) == (2, 0)


def test_coordinator_alleen_eigen_wijk_beheerder_overal(sessie, opzet):
    with pytest.raises(GeenToegang, match="niet voor wijk Kerkelanden"):
        _bewaar(sessie, opzet.marieke, opzet.kerk)
    assert _aantallen(sessie) == (2, 0)
    _bewaar(sessie, opzet.beheerder, opzet.kerk)
    _corrigeer(sessie, opzet.beheerder, opzet.bijeenkomst, bereik="81")
    assert _aantallen(sessie) == (3, 2)
