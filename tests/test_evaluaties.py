"""De evaluatieservice (datalaag.evaluaties) op SQLite én PostgreSQL.

Eén kleine dataset (``_bouw``): stadsdeel Noord met Kerkelanden en De Riet, drie ambities en een
gebruiker per rol. Marieke ter Horst coördineert Kerkelanden; Jan Jansen Kerkelanden én De Riet.
Elke test telt Evaluatie-, EvaluatieAmbitie- en Mutatie-rijen vóór en na: een geweigerde
schrijfactie schrijft niets. De eigenschapstest (hypothesis) gooit vijandige waarden in elk veld
en draait elk voorbeeld in een savepoint dat daarna wordt teruggedraaid.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

import datalaag.evaluaties as evaluaties
from datalaag.autorisatie import Actor, GeenToegang, actor_voor_gebruiker
from datalaag.db import maak_sessiefabriek
from datalaag.evaluaties import (
    KOPVELDEN,
    REGELVELDEN,
    TEKST_LENGTE,
    Conflictfout,
    EvaluatieInvoer,
    Opgeslagen,
    beschrijf_wijzigingen,
    bewaar_evaluatie,
    evaluatie_stand,
    regelveld,
    stel_evaluatie_vast,
)
from datalaag.models import Ambitie, Evaluatie, EvaluatieAmbitie, Gebruiker, Mutatie, Stadsdeel, Werkwijze, Wijk
from datalaag.mutaties import DossierFout, Wijziging
from datalaag.overzicht import ambitie_matrix
from datalaag.validatie import LANGE_TEKST, Controle, Invoerfout, Validatiefout
from tests.test_validatie import GELDIGE_BEDRAGEN, GELDIGE_CIJFERS, VIJANDIG, is_nederlandse_fout

D = Decimal
VANDAAG = dt.date(2026, 11, 27)
JAAR = 2025
BESLUIT = "Raadsbesluit 2026-114: evaluatie vastgesteld."


# --------------------------------------------------------------------------- dataset


@dataclass
class Gegevens:
    kerkelanden: Wijk
    de_riet: Wijk
    ambities: list[Ambitie]
    actoren: dict[str, Actor]

    def veld(self, nummer: int, veld: str) -> str:
        return regelveld(self.ambities[nummer - 1].id, veld)


def _bouw(sessie: Session) -> Gegevens:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="Marieke ter Horst", stadsdeelwethouder="W. Ethouder")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="WOP")
    ambities = [Ambitie(nummer=n, korte_naam=k, tekst=f"{k}.") for n, k in
                [(1, "Sociale cohesie"), (2, "Veiligheid"), (3, "Wonen")]]

    def gebruiker(rol: str, naam: str, *wijken: Wijk) -> Gebruiker:
        g = Gebruiker(naam=naam, email=f"{naam.split()[0].lower()}@almelo.nl", wachtwoord_hash="!", rol=rol,
                      is_demo=False, actief=True, portefeuillehouder=naam if rol == "wethouder" else None)
        g.wijken.extend(wijken)
        return g

    gebruikers = {
        "raadslid": gebruiker("raadslid", "Rita Raad"),
        "wethouder": gebruiker("wethouder", "Wim Wethouder"),
        "griffie": gebruiker("griffie", "Gerrit Griffie"),
        "coordinator": gebruiker("coordinator", "Marieke ter Horst", kl),
        "jan": gebruiker("coordinator", "Jan Jansen", kl, dr),
        "beheerder": gebruiker("beheerder", "Bea Beheer"),
    }
    sessie.add_all([stadsdeel, kl, dr, *ambities, *gebruikers.values()])
    sessie.flush()
    return Gegevens(kl, dr, ambities, {k: actor_voor_gebruiker(sessie, g.id) for k, g in gebruikers.items()})


@pytest.fixture
def g(sessie) -> Gegevens:
    return _bouw(sessie)


def _tel(sessie: Session) -> tuple[int, int, int]:
    return tuple(sessie.scalar(select(func.count()).select_from(m)) for m in (Evaluatie, EvaluatieAmbitie, Mutatie))


def _mutaties(sessie: Session) -> list[Mutatie]:
    return list(sessie.scalars(select(Mutatie).order_by(Mutatie.id)))


def _volledig(g: Gegevens, wijk: Wijk | None = None, waardering: str = "7,5", **kop: Any) -> EvaluatieInvoer:
    """Alles ingevuld, zodat ook indienen lukt."""
    regels = {}
    for a in g.ambities:
        regels.update({
            regelveld(a.id, "doelstelling"): f"Doel {a.nummer}",
            regelveld(a.id, "gerealiseerde_doelstelling"): f"Gehaald {a.nummer}",
            regelveld(a.id, "waardering"): waardering,
            regelveld(a.id, "aanvullende_maatregelen"): "",
            regelveld(a.id, "schatting_kosten"): "€ 12.500",
            regelveld(a.id, "opmerkingen"): None,
        })
    velden = {"klanttevredenheid_cijfer": "7,2", "klanttevredenheid_respons": "312", **kop}
    return EvaluatieInvoer(wijk_id=(wijk or g.kerkelanden).id, jaar=JAAR, regels=regels, **velden)


def _bewaar(sessie, actor, invoer, versie, **kw) -> Opgeslagen:
    return bewaar_evaluatie(sessie, actor, invoer, versie, vandaag=VANDAAG, **kw)


# --------------------------------------------------------------------------- statusverloop en dossier


def test_concept_bijwerken_en_indienen(sessie, g):
    marieke = g.actoren["coordinator"]
    eerste = EvaluatieInvoer(
        wijk_id=str(g.kerkelanden.id), jaar="2025", klanttevredenheid_cijfer="7,2",
        regels={g.veld(1, "waardering"): "6,5", g.veld(1, "opmerkingen"): "  <b>Goed</b> bezig \n",
                g.veld(2, "schatting_kosten"): "€ 12.500"},
    )
    uit = _bewaar(sessie, marieke, eerste, 0)
    assert uit == Opgeslagen(uit.evaluatie_id, 1, "concept", True)
    ev = sessie.get(Evaluatie, uit.evaluatie_id)
    assert (ev.wijk_id, ev.jaar, ev.status, ev.klanttevredenheid_cijfer, ev.gewijzigd_door, ev.ingediend_op) == (
        g.kerkelanden.id, JAAR, "concept", D("7.2"), marieke.naam, None)
    regels = {r.ambitie_id: r for r in ev.regels}
    assert set(regels) == {g.ambities[0].id, g.ambities[1].id}  # een lege ambitie krijgt geen rij
    assert (regels[g.ambities[0].id].waardering, regels[g.ambities[0].id].opmerkingen) == (D("6.5"), "<b>Goed</b> bezig")
    assert regels[g.ambities[1].id].schatting_kosten == D("12500")
    (m,) = _mutaties(sessie)
    assert (m.entiteit, m.entiteit_id, m.actie, m.gebruiker_id, m.gebruiker_naam, m.wijk_id, m.versie, m.oud) == (
        "evaluatie", ev.id, "aangemaakt", marieke.gebruiker_id, "Marieke ter Horst", g.kerkelanden.id, 1, None)
    assert m.nieuw == {"Status": "Concept", "Klanttevredenheid (rapportcijfer)": "7,2",
                       "Ambitie 1 · Waardering": "6,5", "Ambitie 1 · Opmerkingen": "<b>Goed</b> bezig",
                       "Ambitie 2 · Schatting kosten": "€ 12.500"}

    # Bijwerken: het dossier bewaart alleen wat veranderde, oud → nieuw.
    tweede = EvaluatieInvoer(
        wijk_id=g.kerkelanden.id, jaar=JAAR, klanttevredenheid_cijfer="",
        regels={**eerste.regels, g.veld(1, "waardering"): "7", g.veld(3, "opmerkingen"): "Nieuw"},
    )
    assert _bewaar(sessie, marieke, tweede, 1) == Opgeslagen(ev.id, 2, "concept", True)
    m = _mutaties(sessie)[-1]
    assert (m.actie, m.versie, m.gebruiker_naam) == ("gewijzigd", 2, "Marieke ter Horst")
    assert m.oud == {"Klanttevredenheid (rapportcijfer)": "7,2", "Ambitie 1 · Waardering": "6,5",
                     "Ambitie 3 · Opmerkingen": None}
    assert m.nieuw == {"Klanttevredenheid (rapportcijfer)": None, "Ambitie 1 · Waardering": "7,0",
                       "Ambitie 3 · Opmerkingen": "Nieuw"}
    stand = evaluatie_stand(sessie, g.kerkelanden.id, JAAR, VANDAAG)
    assert (stand.versie, stand.status, stand.bewerkbaar, stand.gewijzigd_door) == (2, "concept", True, marieke.naam)
    assert stand.waarden[g.veld(1, "waardering")] == "7,0"
    assert stand.waarden[g.veld(2, "schatting_kosten")] == "12.500"
    assert stand.waarden["klanttevredenheid_cijfer"] == ""

    # Indienen: alles verplicht ingevuld, status en datum gezet.
    assert _bewaar(sessie, marieke, _volledig(g), 2, indienen=True) == Opgeslagen(ev.id, 3, "ingediend", True)
    sessie.refresh(ev)
    assert (ev.status, ev.ingediend_op, ev.versie, ev.klanttevredenheid_respons) == ("ingediend", VANDAAG, 3, 312)
    m = _mutaties(sessie)[-1]
    assert (m.actie, m.versie, m.oud["Status"], m.nieuw["Status"]) == ("statuswijziging", 3, "Concept", "Ingediend")
    assert not evaluatie_stand(sessie, g.kerkelanden.id, JAAR, VANDAAG).bewerkbaar

    # Ingediend: niet meer te wijzigen, door niemand.
    voor = _tel(sessie)
    for actor, indienen in ((marieke, False), (marieke, True), (g.actoren["beheerder"], False)):
        with pytest.raises(Invoerfout) as fout:
            _bewaar(sessie, actor, _volledig(g, waardering="9"), 3, indienen=indienen)
        assert str(fout.value) == ("De evaluatie 2025 van Kerkelanden is al ingediend en kan niet meer worden "
                                   "gewijzigd. Is een correctie nodig, vraag de beheerder dan om haar terug te "
                                   "zetten naar concept.")
    assert _tel(sessie) == voor
    assert sessie.get(Evaluatie, ev.id).regels[0].waardering == D("7.5")


def test_niets_gewijzigd_schrijft_niets(sessie, g):
    marieke = g.actoren["coordinator"]
    eerste = _bewaar(sessie, marieke, _volledig(g), 0)
    voor = _tel(sessie)
    # Dezelfde waarden in een andere schrijfwijze zijn niets nieuws.
    zelfde = _volledig(g, waardering=" 7.50 ", klanttevredenheid_cijfer=D("7.2"), klanttevredenheid_respons=312)
    zelfde.regels[g.veld(2, "schatting_kosten")] = "12500,00"
    uit = _bewaar(sessie, marieke, zelfde, eerste.versie)
    assert uit == Opgeslagen(eerste.evaluatie_id, 1, "concept", False)
    sessie.flush()
    assert _tel(sessie) == voor
    assert sessie.scalar(select(Evaluatie.versie)) == 1


def test_ambitiematrix_toont_een_ingediende_waardering_en_geen_concept(sessie, g):
    marieke = g.actoren["coordinator"]
    kolom = 1  # ambitie 2

    def cel() -> float | None:
        matrix = ambitie_matrix(sessie, JAAR, VANDAAG)
        return matrix.scores[[slug for slug, _ in matrix.wijken].index("kerkelanden")][kolom]

    assert cel() is None
    _bewaar(sessie, marieke, _volledig(g, waardering="6,5"), 0)
    assert cel() is None  # een concept telt niet
    _bewaar(sessie, marieke, _volledig(g, waardering="8,5"), 1, indienen=True)
    assert cel() == 8.5
    matrix = ambitie_matrix(sessie, JAAR, VANDAAG)
    assert matrix.bronnen[[s for s, _ in matrix.wijken].index("kerkelanden")][kolom] == "evaluatie (ingediend) 2025"
    assert matrix.scores[[s for s, _ in matrix.wijken].index("de-riet")] == [None, None, None]


def test_html_en_sql_worden_letterlijk_als_tekst_bewaard(sessie, g):
    teksten = ["<script>alert('x')</script>", "'; DROP TABLE evaluatie; --", "\u202eRTL\u200b 👩‍👩‍👧",
               "e\u0301e\u0301n", "%(naam)s {0} \\x00"]
    invoer = EvaluatieInvoer(g.kerkelanden.id, JAAR, extra_budget_motivering=teksten[1],
                             regels={g.veld(i + 1, "opmerkingen"): t for i, t in enumerate(teksten[:3])}
                             | {g.veld(1, "doelstelling"): teksten[3], g.veld(2, "doelstelling"): teksten[4]})
    uit = _bewaar(sessie, g.actoren["coordinator"], invoer, 0)
    sessie.expire_all()
    ev = sessie.get(Evaluatie, uit.evaluatie_id)
    per_nummer = {g.ambities.index(r.ambitie) + 1: r for r in ev.regels}
    assert [per_nummer[n].opmerkingen for n in (1, 2, 3)] == teksten[:3]
    assert (per_nummer[1].doelstelling, per_nummer[2].doelstelling) == ("één", teksten[4])
    assert ev.extra_budget_motivering == teksten[1]
    assert sessie.scalar(select(func.count()).select_from(Evaluatie)) == 1  # de tabel bestaat nog


# --------------------------------------------------------------------------- validatie


def test_fouten_per_veld_en_niets_geschreven(sessie, g):
    marieke = g.actoren["coordinator"]
    invoer = _volledig(g, klanttevredenheid_cijfer="11", klanttevredenheid_respons="veel",
                       extra_budget_bedrag="-5", extra_budget_motivering="x" * (LANGE_TEKST + 1))
    invoer.regels.update({
        g.veld(1, "waardering"): "7,55",
        g.veld(1, "doelstelling"): "a\x00b",
        g.veld(2, "schatting_kosten"): "€ 200.000.000",
        g.veld(3, "opmerkingen"): "x" * (TEKST_LENGTE + 1),
        g.veld(3, "gerealiseerde_doelstelling"): "half \ud800",
    })
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, marieke, invoer, 0, indienen=True)
    assert fout.value.fouten == {
        "klanttevredenheid_cijfer": "Klanttevredenheid (rapportcijfer): een rapportcijfer ligt tussen 1 en 10; "
                                    "11,0 kan niet.",
        "klanttevredenheid_respons": "Klanttevredenheid (respons, aantal bewoners): vul een getal in, bijvoorbeeld 0.",
        "extra_budget_bedrag": "Extra budget (bedrag): een bedrag kan niet negatief zijn. Vul 0 of meer in.",
        "extra_budget_motivering": "Extra budget (motivering): de tekst is 4001 tekens lang; het maximum is 4000. "
                                   "Maak hem korter.",
        g.veld(1, "waardering"): "Ambitie 1 · Waardering: geef het cijfer met ten hoogste één cijfer achter de "
                                 "komma, bijvoorbeeld 7,5.",
        g.veld(1, "doelstelling"): "Ambitie 1 · Doelstelling: de tekst bevat onzichtbare stuurtekens. Typ de tekst "
                                   "opnieuw in plaats van hem te plakken.",
        g.veld(2, "schatting_kosten"): "Ambitie 2 · Schatting kosten: het bedrag is hoger dan € 100.000.000. "
                                       "Controleer het aantal nullen.",
        g.veld(3, "opmerkingen"): "Ambitie 3 · Opmerkingen: de tekst is 2001 tekens lang; het maximum is 2000. "
                                  "Maak hem korter.",
        g.veld(3, "gerealiseerde_doelstelling"): "Ambitie 3 · Gerealiseerde doelstelling: de tekst bevat ongeldige "
                                                 "tekens. Typ de tekst opnieuw in plaats van hem te plakken.",
    }
    assert _tel(sessie) == (0, 0, 0)


def test_een_fout_bij_bijwerken_laat_het_concept_heel(sessie, g):
    marieke = g.actoren["coordinator"]
    _bewaar(sessie, marieke, _volledig(g), 0)
    voor = _tel(sessie)
    kapot = _volledig(g, waardering="8,0")
    kapot.regels[g.veld(3, "waardering")] = "acht"
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, marieke, kapot, 1)
    assert fout.value.fouten == {g.veld(3, "waardering"): "Ambitie 3 · Waardering: vul een getal in, bijvoorbeeld 7,5."}
    sessie.flush()
    assert _tel(sessie) == voor
    assert sessie.scalars(select(EvaluatieAmbitie.waardering)).all() == [D("7.5")] * 3
    assert sessie.scalar(select(Evaluatie.versie)) == 1


def test_indienen_vraagt_alle_verplichte_velden(sessie, g):
    invoer = EvaluatieInvoer(g.kerkelanden.id, JAAR, regels={g.veld(2, "waardering"): "6"})
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, g.actoren["coordinator"], invoer, 0, indienen=True)
    verwacht = {"klanttevredenheid_cijfer", "klanttevredenheid_respons"} | {
        g.veld(n, v) for n in (1, 2, 3) for v in ("gerealiseerde_doelstelling", "waardering")} - {g.veld(2, "waardering")}
    assert set(fout.value.fouten) == verwacht
    assert fout.value.fouten[g.veld(1, "waardering")] == (
        "Ambitie 1 · Waardering: vul een rapportcijfer in van 1 tot en met 10, bijvoorbeeld 7,5.")
    assert fout.value.fouten[g.veld(3, "gerealiseerde_doelstelling")] == (
        "Ambitie 3 · Gerealiseerde doelstelling: dit veld is verplicht. Vul het in.")
    assert _tel(sessie) == (0, 0, 0)
    # Als concept mag het wel half.
    assert _bewaar(sessie, g.actoren["coordinator"], invoer, 0).status == "concept"


@pytest.mark.parametrize(
    ("wijziging", "fouten"),
    [
        ({"extra_budget_bedrag": "25.000"}, {"extra_budget_motivering": (
            "Extra budget (motivering): wie extra budget vraagt, motiveert dat (notitie §3.9). Vul de motivering "
            "in, of maak het bedrag leeg.")}),
        ({"wijk_id": "Kerkelanden"}, {"wijk": "Wijk: vul een getal in, bijvoorbeeld 1."}),
        ({"wijk_id": None}, {"wijk": "Wijk: dit veld is verplicht. Vul een geheel getal in."}),
        ({"jaar": 2027}, {"jaar": "Jaar: vul een getal in van 2000 tot en met 2026."}),
        ({"jaar": "1999"}, {"jaar": "Jaar: vul een getal in van 2000 tot en met 2026."}),
        ({"regels": {"ambitie.999.waardering": "7"}}, {"regels": (
            "Het formulier bevat velden voor een onbekende ambitie. Laad de pagina opnieuw.")}),
        ({"regels": ["ambitie.1.waardering"]}, {"regels": (
            "Het formulier is niet compleet aangekomen. Laad de pagina opnieuw.")}),
    ],
)
def test_ongeldige_kop_wijk_jaar_of_regels(sessie, g, wijziging, fouten):
    invoer = _volledig(g)
    for k, v in wijziging.items():
        setattr(invoer, k, v)
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, g.actoren["beheerder"], invoer, 0)
    assert fout.value.fouten == fouten
    assert _tel(sessie) == (0, 0, 0)


def test_onbekende_wijk_of_versie(sessie, g):
    beheerder = g.actoren["beheerder"]
    with pytest.raises(Invoerfout, match=r"^Deze wijk bestaat niet \(meer\)\. Kies een wijk uit de lijst\.$"):
        _bewaar(sessie, beheerder, EvaluatieInvoer(wijk_id=g.de_riet.id + 100, jaar=JAAR), 0)
    for versie in (None, "", "een", -1, 1.5, True):
        with pytest.raises(Validatiefout) as fout:
            _bewaar(sessie, beheerder, _volledig(g), versie)
        assert list(fout.value.fouten) == ["versie"] and fout.value.fouten["versie"].startswith("Versie: ")
    with pytest.raises(Invoerfout, match="^Deze evaluatie bestaat niet meer. Laad de pagina opnieuw.$"):
        _bewaar(sessie, beheerder, _volledig(g), 3)
    assert _tel(sessie) == (0, 0, 0)


# --------------------------------------------------------------------------- vaststellen


def _ingediend(sessie, g) -> Opgeslagen:
    return _bewaar(sessie, g.actoren["coordinator"], _volledig(g), 0, indienen=True)


def _stel_vast(sessie, actor, uit: Opgeslagen | int, datum: Any = "10-12-2026", versie: Any = None,
               vandaag: dt.date = dt.date(2026, 12, 15)) -> Opgeslagen:
    ev_id = uit if isinstance(uit, int) else uit.evaluatie_id
    versie = versie if versie is not None else (uit if isinstance(uit, int) else uit.versie)
    return stel_evaluatie_vast(sessie, actor, ev_id, BESLUIT, datum, versie, vandaag=vandaag)


def test_vaststellen_door_de_beheerder(sessie, g):
    uit = _ingediend(sessie, g)
    bea = g.actoren["beheerder"]
    vast = _stel_vast(sessie, bea, uit, datum="27-11-2026")  # dezelfde dag als de indiening mag
    assert vast == Opgeslagen(uit.evaluatie_id, 2, "vastgesteld", True)
    ev = sessie.get(Evaluatie, uit.evaluatie_id)
    assert (ev.status, ev.raadsbesluit, ev.raadsbesluit_datum, ev.vastgesteld_op, ev.gewijzigd_door) == (
        "vastgesteld", BESLUIT, VANDAAG, VANDAAG, "Bea Beheer")
    m = _mutaties(sessie)[-1]
    assert (m.actie, m.versie, m.gebruiker_id, m.gebruiker_naam, m.wijk_id) == (
        "statuswijziging", 2, bea.gebruiker_id, "Bea Beheer", g.kerkelanden.id)
    assert m.oud == {"Status": "Ingediend", "Raadsbesluit": None, "Datum raadsbesluit": None}
    assert m.nieuw == {"Status": "Vastgesteld", "Raadsbesluit": BESLUIT, "Datum raadsbesluit": "27-11-2026"}
    # Vastgesteld: niet nog eens vast te stellen en niet meer te bewerken.
    voor = _tel(sessie)
    with pytest.raises(Invoerfout, match="^Alleen een ingediende evaluatie kan worden vastgesteld; deze is vastgesteld"):
        _stel_vast(sessie, bea, vast)
    with pytest.raises(Invoerfout, match="is al vastgesteld en kan niet meer worden gewijzigd"):
        _bewaar(sessie, bea, _volledig(g), 2)
    assert _tel(sessie) == voor


def test_vaststellen_alleen_vanuit_ingediend_en_met_een_mogelijke_datum(sessie, g):
    bea = g.actoren["beheerder"]
    concept = _bewaar(sessie, g.actoren["coordinator"], _volledig(g), 0)
    with pytest.raises(Invoerfout) as fout:
        _stel_vast(sessie, bea, concept)
    assert str(fout.value) == ("Alleen een ingediende evaluatie kan worden vastgesteld; deze is concept. "
                               "Laat de coördinator haar eerst indienen.")
    ingediend = _bewaar(sessie, g.actoren["coordinator"], _volledig(g), 1, indienen=True)
    voor = _tel(sessie)
    gevallen = {
        "26-11-2026": "Datum raadsbesluit: de raad kan niet besluiten vóór de indiening op 27-11-2026. Controleer de datum.",
        "16-12-2026": "Datum raadsbesluit: de datum moet tussen 01-01-2000 en 15-12-2026 liggen.",  # toekomst
        "31-11-2026": "Datum raadsbesluit: de datum 31-11-2026 bestaat niet. Controleer dag en maand.",
        "": "Datum raadsbesluit: vul een datum in als dd-mm-jjjj, bijvoorbeeld 27-11-2026.",
    }
    for datum, melding in gevallen.items():
        with pytest.raises(Validatiefout) as fout:
            _stel_vast(sessie, bea, ingediend, datum=datum)
        assert fout.value.fouten == {"raadsbesluit_datum": melding}
    with pytest.raises(Validatiefout) as fout:
        stel_evaluatie_vast(sessie, bea, ingediend.evaluatie_id, "  ", "10-12-2026", 2, vandaag=dt.date(2026, 12, 15))
    assert fout.value.fouten == {"raadsbesluit": "Besluit van de raad: dit veld is verplicht. Vul het in."}
    with pytest.raises(Invoerfout, match=r"^Deze evaluatie bestaat niet \(meer\)"):
        _stel_vast(sessie, bea, ingediend.evaluatie_id + 50, versie=2)
    with pytest.raises(Conflictfout) as conflict:
        _stel_vast(sessie, bea, ingediend, versie=1)
    assert conflict.value.huidige_versie == 2
    assert [(w.door, w.oud.get("Status"), w.nieuw.get("Status")) for w in conflict.value.wijzigingen] == [
        ("Marieke ter Horst", "Concept", "Ingediend")]
    assert _tel(sessie) == voor
    assert sessie.get(Evaluatie, ingediend.evaluatie_id).status == "ingediend"


# --------------------------------------------------------------------------- wie mag wat

ROLLEN = [
    # (naam, actor-sleutel, wijk, mag schrijven)
    ("raadslid", "raadslid", "kerkelanden", False),
    ("wethouder", "wethouder", "kerkelanden", False),
    ("griffie", "griffie", "kerkelanden", False),
    ("coordinator eigen wijk", "coordinator", "kerkelanden", True),
    ("coordinator andere wijk", "coordinator", "de_riet", False),
    ("beheerder", "beheerder", "kerkelanden", True),
    ("niet aangemeld", None, "kerkelanden", False),
]


@pytest.mark.parametrize(("naam", "sleutel", "wijk", "mag"), ROLLEN, ids=[r[0] for r in ROLLEN])
def test_rollen_bewaar_evaluatie(sessie, g, naam, sleutel, wijk, mag):
    actor = None if sleutel is None else g.actoren[sleutel]
    wijk = getattr(g, wijk)
    # Een bestaand concept van een andere wijk/jaar-combinatie, door Jan (coördinator van beide wijken).
    bestaand = _bewaar(sessie, g.actoren["jan"], _volledig(g, wijk=wijk, waardering="5"), 0)
    nieuw = _volledig(g, wijk=wijk)
    nieuw.jaar = JAAR - 1
    pogingen = [
        lambda: _bewaar(sessie, actor, nieuw, 0),                                         # aanmaken
        lambda: _bewaar(sessie, actor, _volledig(g, wijk=wijk, waardering="9"), 1),       # bijwerken
        lambda: _bewaar(sessie, actor, _volledig(g, wijk=wijk, waardering="9"), 1, indienen=True),
    ]
    if mag:
        assert [p().gewijzigd for p in pogingen[:2]] == [True, True]
        assert _bewaar(sessie, actor, _volledig(g, wijk=wijk, waardering="9"), 2, indienen=True).status == "ingediend"
        assert len(_mutaties(sessie)) == 4
        return
    voor = _tel(sessie)
    for poging in pogingen:
        with pytest.raises(GeenToegang) as fout:
            poging()
        if actor is None:
            assert str(fout.value) == "U bent niet aangemeld. Meld u aan om evaluaties invullen."
        elif actor.rol == "coordinator":
            assert str(fout.value).startswith("U mag evaluaties invullen alleen voor de wijken die aan u zijn "
                                              "toegewezen, niet voor wijk De Riet.")
        else:
            assert str(fout.value) == f"Met de rol {actor.rol} mag u niet evaluaties invullen."
    assert _tel(sessie) == voor
    ev = sessie.get(Evaluatie, bestaand.evaluatie_id)
    assert (ev.versie, ev.status, ev.regels[0].waardering) == (1, "concept", D("5.0"))


@pytest.mark.parametrize(("naam", "sleutel", "wijk", "_mag"), ROLLEN, ids=[r[0] for r in ROLLEN])
def test_rollen_stel_evaluatie_vast(sessie, g, naam, sleutel, wijk, _mag):
    actor = None if sleutel is None else g.actoren[sleutel]
    ingediend = _bewaar(sessie, g.actoren["jan"], _volledig(g, wijk=getattr(g, wijk)), 0, indienen=True)
    if sleutel == "beheerder":
        assert _stel_vast(sessie, actor, ingediend).status == "vastgesteld"
        return
    voor = _tel(sessie)
    with pytest.raises(GeenToegang) as fout:
        _stel_vast(sessie, actor, ingediend)
    assert str(fout.value) in (
        "U bent niet aangemeld. Meld u aan om het besluit van de raad over een evaluatie vastleggen.",
        f"Met de rol {getattr(actor, 'rol_naam', '')} mag u niet het besluit van de raad over een evaluatie vastleggen.",
    )
    assert _tel(sessie) == voor
    assert sessie.get(Evaluatie, ingediend.evaluatie_id).status == "ingediend"


# --------------------------------------------------------------------------- geen verloren wijzigingen


def test_conflict_tweede_opslag_met_oude_versie_verliest_niets(sessie, g):
    marieke, jan = g.actoren["coordinator"], g.actoren["jan"]
    basis = _volledig(g, waardering="6")
    _bewaar(sessie, marieke, basis, 0)
    stand_marieke = evaluatie_stand(sessie, g.kerkelanden.id, JAAR, VANDAAG)
    stand_jan = evaluatie_stand(sessie, g.kerkelanden.id, JAAR, VANDAAG)
    assert stand_marieke.versie == stand_jan.versie == 1

    van_marieke = _volledig(g, waardering="6")
    van_marieke.regels[g.veld(1, "waardering")] = "7"
    assert _bewaar(sessie, marieke, van_marieke, stand_marieke.versie).versie == 2
    voor = _tel(sessie)

    van_jan = _volledig(g, waardering="6")
    van_jan.regels[g.veld(1, "waardering")] = "5"
    van_jan.regels[g.veld(2, "opmerkingen")] = "van Jan"
    with pytest.raises(Conflictfout) as fout:
        _bewaar(sessie, jan, van_jan, stand_jan.versie)
    conflict = fout.value
    assert isinstance(conflict, Invoerfout) and conflict.huidige_versie == 2
    assert "opgeslagen door Marieke ter Horst (nu versie 2; u werkte met versie 1)" in str(conflict)
    assert "Uw wijzigingen zijn NIET opgeslagen" in str(conflict)
    (w,) = conflict.wijzigingen
    assert w == Wijziging(w.tijdstip, "Marieke ter Horst", 2, {"Ambitie 1 · Waardering": "6,0"},
                          {"Ambitie 1 · Waardering": "7,0"})
    assert beschrijf_wijzigingen(conflict.wijzigingen) == [
        f"{w.tijdstip:%d-%m-%Y %H:%M} — Marieke ter Horst: Ambitie 1 · Waardering: 6,0 → 7,0"]
    # Wat Marieke opsloeg staat er nog; van Jan is niets geschreven.
    sessie.flush()
    assert _tel(sessie) == voor
    stand = evaluatie_stand(sessie, g.kerkelanden.id, JAAR, VANDAAG)
    assert (stand.versie, stand.gewijzigd_door) == (2, "Marieke ter Horst")
    assert stand.waarden[g.veld(1, "waardering")] == "7,0" and stand.waarden[g.veld(2, "opmerkingen")] == ""
    # Met de nieuwste versie lukt het Jan wel.
    assert _bewaar(sessie, jan, van_jan, stand.versie).versie == 3


def _twee_sessies_met_een_concept(engine) -> tuple[Gegevens, Session, Session]:
    fabriek = maak_sessiefabriek(engine)
    with fabriek() as s, s.begin():
        data = _bouw(s)
        _bewaar(s, data.actoren["coordinator"], _volledig(data, waardering="6"), 0)
    return data, fabriek(), fabriek()


def test_gelijktijdig_opslaan_in_twee_sessies(engine):
    """Beide lezen versie 1, beide schrijven: de versiecontrole van SQLAlchemy vangt de tweede, en
    de gebruiker krijgt een Conflictfout (geen StaleDataError)."""
    data, sa, sb = _twee_sessies_met_een_concept(engine)
    marieke, jan = data.actoren["coordinator"], data.actoren["jan"]
    try:
        assert evaluatie_stand(sa, data.kerkelanden.id, JAAR, VANDAAG).versie == 1
        # B leest vlak vóór A's commit (bewaar_evaluatie leest de versie in dezelfde sessie waarin het
        # schrijft). De sterke verwijzing houdt dat gelezen object in B's identity map.
        gelezen_door_b = sb.scalars(select(Evaluatie)).one()
        assert (gelezen_door_b.versie, len(gelezen_door_b.regels)) == (1, 3)
        _bewaar(sa, marieke, _volledig(data, waardering="7"), 1)
        sa.commit()
        with pytest.raises(Conflictfout) as fout:
            _bewaar(sb, jan, _volledig(data, waardering="5"), 1)
        assert "precies hetzelfde moment" in str(fout.value) and "NIET opgeslagen" in str(fout.value)
        sb.rollback()
        # Opnieuw proberen met dezelfde oude versie geeft nu de uitleg wat Marieke veranderde.
        with pytest.raises(Conflictfout) as fout:
            _bewaar(sb, jan, _volledig(data, waardering="5"), 1)
        assert [(w.door, w.oud["Ambitie 1 · Waardering"], w.nieuw["Ambitie 1 · Waardering"])
                for w in fout.value.wijzigingen] == [("Marieke ter Horst", "6,0", "7,0")]
        sb.rollback()
        with maak_sessiefabriek(engine)() as s:
            assert s.scalar(select(Evaluatie.versie)) == 2
            assert s.scalars(select(EvaluatieAmbitie.waardering)).all() == [D("7.0")] * 3
            assert [m.gebruiker_naam for m in _mutaties(s)] == ["Marieke ter Horst"] * 2
    finally:
        sa.close()
        sb.close()


def test_gelijktijdig_aanmaken_in_twee_sessies(engine, monkeypatch):
    """Beide openen een lege evaluatie (versie 0). B zocht net vóór A's commit (dat bootsen we na door
    B's zoekvraag ``None`` te laten geven); B's INSERT botst op de unieke sleutel: Conflictfout."""
    fabriek = maak_sessiefabriek(engine)
    with fabriek() as s, s.begin():
        data = _bouw(s)
    with fabriek() as sa, sa.begin():
        _bewaar(sa, data.actoren["coordinator"], _volledig(data, waardering="7"), 0)
    monkeypatch.setattr(evaluaties, "_zoek", lambda *_a: None)
    with fabriek() as sb:
        with pytest.raises(Conflictfout, match="precies hetzelfde moment"):
            with sb.begin():
                _bewaar(sb, data.actoren["jan"], _volledig(data, waardering="5"), 0)
    monkeypatch.undo()
    with fabriek() as s:
        assert s.scalars(select(EvaluatieAmbitie.waardering)).all() == [D("7.0")] * 3
        assert [m.gebruiker_naam for m in _mutaties(s)] == ["Marieke ter Horst"]


def test_het_dossier_is_alleen_aan_te_vullen(sessie, g):
    _bewaar(sessie, g.actoren["coordinator"], _volledig(g), 0)
    (m,) = _mutaties(sessie)
    for wijzig in (lambda: setattr(m, "gebruiker_naam", "iemand anders"), lambda: sessie.delete(m)):
        savepoint = sessie.begin_nested()
        wijzig()
        with pytest.raises(DossierFout, match="alleen aangevuld"):
            sessie.flush()
        savepoint.rollback()
    for opdracht in (update(Mutatie).values(gebruiker_naam="iemand anders"), delete(Mutatie)):
        with pytest.raises(DossierFout, match="alleen aangevuld"):
            sessie.execute(opdracht)
    assert [x.gebruiker_naam for x in _mutaties(sessie)] == ["Marieke ter Horst"]


# --------------------------------------------------------------------------- eigenschappen: vijandige invoer

# Vijandig maar opslagbaar: HTML, SQL, opmaaktekens, emoji, NFD, willekeurige unicode zonder
# stuurtekens of surrogaten. Dit moet letterlijk (na strip en NFC) terugkomen.
OPSLAGBARE_TEKST = st.one_of(
    st.sampled_from([
        "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE evaluatie; --",
        "Robert'); DROP TABLE gebruiker;--", "1' OR '1'='1", "%s %(naam)s {0} {{7*7}}", "\u202egnirts\u202c \u200f",
        "zero\u200bwidth\u2060\ufeff", "👩‍👩‍👧‍👦🏳️‍🌈", "e\u0301e\u0301n", "NaN", "-inf", "regel 1\r\nregel 2\tb",
        "ﷺ" * 200, "x" * TEKST_LENGTE,
    ]),
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60),
).filter(lambda t: t.strip())


@st.composite
def _vijandige_invoer(draw, g: Gegevens) -> tuple[EvaluatieInvoer, Any, bool]:
    """Elk veld krijgt een geldige (voor tekst: vijandige maar opslagbare) waarde; nul tot drie
    willekeurig gekozen velden krijgen iets vijandigs van elk type."""
    regelsleutels = [regelveld(a.id, v) for a in g.ambities for v in REGELVELDEN]
    velden = ["wijk_id", "jaar", "versie", *KOPVELDEN, *regelsleutels]
    # De helft van de voorbeelden heeft alleen vijandige tekst (die opgeslagen moet worden).
    vijandig = draw(st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(velden), min_size=1, max_size=3)))

    def waarde(veld: str, geldig: st.SearchStrategy) -> Any:
        return draw(VIJANDIG if veld in vijandig else geldig)

    def soort(veld: str) -> st.SearchStrategy:
        if veld.endswith(("waardering", "cijfer")):
            return GELDIGE_CIJFERS
        if veld.endswith(("kosten", "bedrag")):
            return GELDIGE_BEDRAGEN
        return OPSLAGBARE_TEKST

    regels = {k: waarde(k, soort(k)) for k in regelsleutels}
    if draw(st.integers(0, 19)) == 0:
        regels[draw(st.sampled_from(["ambitie.x.opmerkingen", "__class__", "ambitie.1"]))] = draw(VIJANDIG)
    invoer = EvaluatieInvoer(
        wijk_id=waarde("wijk_id", st.sampled_from([g.kerkelanden.id, str(g.de_riet.id)])),
        jaar=waarde("jaar", st.integers(2000, 2026)),
        klanttevredenheid_cijfer=waarde("klanttevredenheid_cijfer", GELDIGE_CIJFERS),
        klanttevredenheid_respons=waarde("klanttevredenheid_respons", st.integers(0, 1_000_000)),
        extra_budget_bedrag=waarde("extra_budget_bedrag", GELDIGE_BEDRAGEN),
        extra_budget_motivering=waarde("extra_budget_motivering", OPSLAGBARE_TEKST),
        regels=regels,
    )
    return invoer, waarde("versie", st.just(0)), draw(st.booleans())


def _verwacht_tekst(waarde: Any) -> str | None:
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None
    return unicodedata.normalize("NFC", waarde).strip()


def _labels() -> dict[str, str]:
    return {"wijk": "Wijk", "jaar": "Jaar", "versie": "Versie", **KOPVELDEN}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_vijandige_invoer_slaat_letterlijk_op_of_weigert_zonder_iets_te_schrijven(sessie, g, data):
    invoer, versie, indienen = data.draw(_vijandige_invoer(g))
    actor = g.actoren["jan"]  # coördinator van beide wijken
    voor = _tel(sessie)
    savepoint = sessie.begin_nested()
    try:
        try:
            uit = _bewaar(sessie, actor, invoer, versie, indienen=indienen)
        except Validatiefout as fout:
            event("geweigerd: Validatiefout")
            assert fout.fouten
            for sleutel, melding in fout.fouten.items():
                if sleutel == "regels":
                    assert melding.endswith("Laad de pagina opnieuw.")
                    continue
                if sleutel.startswith("ambitie."):
                    _, ambitie_id, veld = sleutel.split(".")
                    nummer = next(a.nummer for a in g.ambities if a.id == int(ambitie_id))
                    label = f"Ambitie {nummer} · {REGELVELDEN[veld]}"
                else:
                    label = _labels()[sleutel]
                assert is_nederlandse_fout(melding, label), (sleutel, melding)
            assert _tel(sessie) == voor
            return
        except Invoerfout as fout:  # wijk of versie bestaat niet
            event("geweigerd: Invoerfout")
            assert str(fout).startswith(("Deze wijk bestaat niet", "Deze evaluatie bestaat niet")), str(fout)
            assert _tel(sessie) == voor
            return

        # Gelukt: wat er staat is precies de invoer (na strip en NFC), ook HTML en SQL.
        event("opgeslagen")
        assert uit.gewijzigd and uit.status == ("ingediend" if indienen else "concept")
        sessie.expire_all()
        ev = sessie.get(Evaluatie, uit.evaluatie_id)
        assert ev.extra_budget_motivering == _verwacht_tekst(invoer.extra_budget_motivering)
        c = Controle()
        assert ev.klanttevredenheid_cijfer == c.rapportcijfer("k", "K", invoer.klanttevredenheid_cijfer)
        assert ev.extra_budget_bedrag == c.bedrag("b", "B", invoer.extra_budget_bedrag)
        assert ev.klanttevredenheid_respons == c.geheel_getal("r", "R", invoer.klanttevredenheid_respons,
                                                              minimum=0, maximum=1_000_000)
        regels = {r.ambitie_id: r for r in ev.regels}
        for a in g.ambities:
            regel = regels.get(a.id)
            for veld in REGELVELDEN:
                ruw = invoer.regels[regelveld(a.id, veld)]
                opgeslagen = None if regel is None else getattr(regel, veld)
                if veld == "waardering":
                    assert opgeslagen == c.rapportcijfer("w", "W", ruw)
                    assert opgeslagen is None or D(1) <= opgeslagen <= D(10)
                elif veld == "schatting_kosten":
                    assert opgeslagen == c.bedrag("s", "S", ruw)
                else:
                    assert opgeslagen == _verwacht_tekst(ruw)
        assert not c.fouten
        assert _tel(sessie)[0] == voor[0] + 1 and _tel(sessie)[2] == voor[2] + 1
    finally:
        savepoint.rollback()
    assert _tel(sessie) == voor
