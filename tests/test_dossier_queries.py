"""Het dossier (datalaag.dossier) op SQLite én PostgreSQL: filters, periodegrenzen, paginering,
sorteren, de leesbare regel oud → nieuw, het aantal queries, en dat niemand het dossier via de ORM
kan wijzigen of wissen.

De rijen komen, zoals in de app, uit ``datalaag.mutaties.leg_vast``; alleen het tijdstip wordt
daarna (vóór de eerste flush) op een vaste waarde gezet, om de grenzen van de periode te toetsen:

| # | tijdstip            | wie                        | entiteit     | wijk | actie           |
|---|---------------------|----------------------------|--------------|------|-----------------|
| 1 | 01-03-2026 00:00:00 | Anna (coördinator)         | evaluatie    | Alfa | gewijzigd       |
| 2 | 31-03-2026 23:59:59 | Anna                       | wijkanalyse  | Beta | aangemaakt      |
| 3 | 01-04-2026 00:00:00 | opdrachtregel (geen id)    | afhandelnorm | –    | gewijzigd       |
| 4 | 28-02-2026 23:59:59 | Bert (beheerder)           | gebruiker    | –    | aangemaakt      |
| 5 | 15-04-2026 12:00:00 | Bert                       | evaluatie    | Alfa | statuswijziging |
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor
from datalaag.dossier import (
    DossierFilter,
    OngeldigVerzoek,
    aantal_mutaties,
    beschrijf_wijziging,
    filterkeuzes,
    kies_filter,
    mutaties,
)
from datalaag.models import Evaluatie, Gebruiker, Mutatie, Stadsdeel, Werkwijze, Wijk
from datalaag.mutaties import DossierFout, leg_vast
from tests.hulp import tel_queries

T = dt.datetime
OPDRACHTREGEL = Actor.opdrachtregel()
VOORBEELD_OUD = {"Ambitie 2 · Waardering": "6,5", "Status": "Concept"}
VOORBEELD_NIEUW = {"Ambitie 2 · Waardering": "7,0", "Status": "Ingediend"}


class Data:
    def __init__(self, sessie: Session):
        self.sessie = sessie
        sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
        stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
        self.alfa = Wijk(naam="Alfa", slug="alfa", stadsdeel=stadsdeel, werkwijze="WOP")
        self.beta = Wijk(naam="Beta", slug="beta", stadsdeel=stadsdeel, werkwijze="WOP")
        self.anna_g = Gebruiker(naam="Anna de Vries", email="anna@x.nl", wachtwoord_hash="-", rol="coordinator")
        self.bert_g = Gebruiker(naam="Bert Bakker", email="bert@x.nl", wachtwoord_hash="-", rol="beheerder")
        sessie.add_all([stadsdeel, self.alfa, self.beta, self.anna_g, self.bert_g])
        sessie.flush()
        self.evaluatie = Evaluatie(wijk_id=self.alfa.id, jaar=2025, status="ingediend")
        sessie.add(self.evaluatie)
        sessie.flush()
        self.anna = Actor(gebruiker_id=self.anna_g.id, naam="Anna de Vries", rol="coordinator",
                          wijk_ids=frozenset({self.alfa.id, self.beta.id}))
        self.bert = Actor(gebruiker_id=self.bert_g.id, naam="Bert Bakker", rol="beheerder")
        self.ids: list[int] = []
        self.schrijf(T(2026, 3, 1, 0, 0, 0), self.anna, "evaluatie", self.evaluatie.id, "gewijzigd",
                     VOORBEELD_OUD, VOORBEELD_NIEUW, self.alfa.id)
        self.schrijf(T(2026, 3, 31, 23, 59, 59), self.anna, "wijkanalyse", 7, "aangemaakt",
                     None, {"Knelpunten": "Te veel\nzwerfvuil", "Ambitie 1 · Waardering": "5,5"}, self.beta.id)
        self.schrijf(T(2026, 4, 1, 0, 0, 0), OPDRACHTREGEL, "afhandelnorm", 0, "gewijzigd",
                     {"werkdagen": 5}, {"categorie": "overlast", "werkdagen": 3}, None)
        self.schrijf(T(2026, 2, 28, 23, 59, 59), self.bert, "gebruiker", self.anna_g.id, "aangemaakt",
                     None, {"Naam": "Anna de Vries", "Wijken": None, "Actief": True}, None)
        self.schrijf(T(2026, 4, 15, 12, 0, 0), self.bert, "evaluatie", self.evaluatie.id, "statuswijziging",
                     {"Status": "Ingediend"}, {"Status": "Vastgesteld"}, self.alfa.id)

    def schrijf(self, tijdstip, actor, entiteit, entiteit_id, actie, oud, nieuw, wijk_id) -> Mutatie:
        m = leg_vast(self.sessie, actor, entiteit=entiteit, entiteit_id=entiteit_id, actie=actie, oud=oud,
                     nieuw=nieuw, wijk_id=wijk_id, versie=1)
        m.tijdstip = tijdstip  # nog niet geflusht: een nieuwe rij, geen wijziging van het dossier
        self.sessie.flush()
        self.ids.append(m.id)
        return m

    def nummers(self, f: DossierFilter = DossierFilter(), pagina: int = 1, grootte: int = 50,
                sortering=None) -> list[int]:
        """De regelnummers (1–5 uit de tabel hierboven) van een pagina, in volgorde."""
        rijen, _ = mutaties(self.sessie, f, pagina, grootte, sortering)
        return [self.ids.index(r.id) + 1 for r in rijen]


@pytest.fixture
def data(sessie: Session) -> Data:
    return Data(sessie)


def test_standaard_nieuwste_eerst_met_totaal(data):
    rijen, totaal = mutaties(data.sessie, DossierFilter())
    assert totaal == 5
    assert data.nummers() == [5, 3, 2, 1, 4]
    eerste = rijen[0]
    assert (eerste.tijdstip, eerste.gebruiker, eerste.gebruiker_id, eerste.wijk, eerste.wijk_slug) == (
        T(2026, 4, 15, 12), "Bert Bakker", data.bert_g.id, "Alfa", "alfa")
    assert (eerste.entiteit, eerste.entiteit_label, eerste.onderwerp, eerste.actie, eerste.actie_label) == (
        "evaluatie", "Evaluatie", "Evaluatie 2025", "statuswijziging", "Statuswijziging")
    assert eerste.link == "/wijk/alfa"
    norm = rijen[1]
    assert (norm.gebruiker, norm.gebruiker_id, norm.wijk, norm.link, norm.onderwerp) == (
        "opdrachtregel (beheer)", None, None, None, "Afhandelnorm")
    # Een wijkanalyse met een id zonder rij: gewoon het label, geen jaar.
    assert rijen[2].onderwerp == "Wijkanalyse"
    assert {r.entiteit_label for r in rijen} == {"Evaluatie", "Wijkanalyse", "Afhandelnorm", "Gebruiker"}


@pytest.mark.parametrize(("filter_", "verwacht"), [
    (DossierFilter(wijk="alfa"), [5, 1]),
    (DossierFilter(wijk="beta"), [2]),
    (DossierFilter(wijk="bestaat-niet"), []),
    (DossierFilter(entiteit="evaluatie"), [5, 1]),
    (DossierFilter(entiteit="gebruiker"), [4]),
    (DossierFilter(entiteit="melding"), []),
    (DossierFilter(gebruiker_naam="opdrachtregel (beheer)"), [3]),
    # Een naam telt alleen voor een actor zonder account: Anna heeft een id.
    (DossierFilter(gebruiker_naam="Anna de Vries"), []),
    (DossierFilter(van=dt.date(2026, 4, 1)), [5, 3]),
    (DossierFilter(tot=dt.date(2026, 2, 28)), [4]),
    # Hostiele waarden gaan als gebonden parameter de query in: geen rijen, geen fout.
    (DossierFilter(wijk="alfa' OR '1'='1"), []),
    (DossierFilter(entiteit="evaluatie' OR 1=1 --"), []),
    (DossierFilter(gebruiker_naam="x' OR gebruiker_naam IS NOT NULL --"), []),
])
def test_elke_filter_alleen(data, filter_, verwacht):
    assert data.nummers(filter_) == verwacht
    assert aantal_mutaties(data.sessie, filter_) == len(verwacht)


def test_filter_op_wijk_id_en_gebruiker_id(data):
    assert data.nummers(DossierFilter(wijk=data.beta.id)) == [2]
    assert data.nummers(DossierFilter(wijk=data.alfa.id)) == [5, 1]
    assert data.nummers(DossierFilter(gebruiker_id=data.anna_g.id)) == [2, 1]
    assert data.nummers(DossierFilter(gebruiker_id=data.bert_g.id)) == [5, 4]


def test_periode_is_inclusief_op_beide_grenzen(data):
    maart = DossierFilter(van=dt.date(2026, 3, 1), tot=dt.date(2026, 3, 31))
    # 01-03 00:00:00 en 31-03 23:59:59 vallen erin; 28-02 23:59:59 en 01-04 00:00:00 niet.
    assert data.nummers(maart) == [2, 1]
    assert data.nummers(DossierFilter(van=dt.date(2026, 3, 2), tot=dt.date(2026, 3, 30))) == []
    assert data.nummers(DossierFilter(van=dt.date(2026, 4, 1), tot=dt.date(2026, 4, 1))) == [3]
    assert data.nummers(DossierFilter(van=dt.date(2026, 2, 28), tot=dt.date(2026, 2, 28))) == [4]


def test_filters_gecombineerd(data):
    maart = {"van": dt.date(2026, 3, 1), "tot": dt.date(2026, 3, 31)}
    assert data.nummers(DossierFilter(wijk="alfa", gebruiker_id=data.anna_g.id, entiteit="evaluatie",
                                      **maart)) == [1]
    assert data.nummers(DossierFilter(wijk="alfa", entiteit="evaluatie", van=dt.date(2026, 4, 1))) == [5]
    assert data.nummers(DossierFilter(wijk="alfa", entiteit="wijkanalyse")) == []
    assert data.nummers(DossierFilter(gebruiker_id=data.anna_g.id, **maart)) == [2, 1]
    assert data.nummers(DossierFilter(gebruiker_id=data.bert_g.id, **maart)) == []


def test_paginering_en_totaal(data):
    assert data.nummers(grootte=2, pagina=1) == [5, 3]
    assert data.nummers(grootte=2, pagina=2) == [2, 1]
    assert data.nummers(grootte=2, pagina=3) == [4]
    rijen, totaal = mutaties(data.sessie, DossierFilter(), 4, 2)
    assert (rijen, totaal) == ([], 5)
    rijen, totaal = mutaties(data.sessie, DossierFilter(wijk="alfa"), 2, 1)
    assert ([data.ids.index(r.id) + 1 for r in rijen], totaal) == ([1], 2)


@pytest.mark.parametrize(("pagina", "grootte"), [(0, 10), (-1, 10), (1, 0), (1, 100_001), ("1", 10), (1, 2.5)])
def test_ongeldig_rijbereik(data, pagina, grootte):
    with pytest.raises(OngeldigVerzoek):
        mutaties(data.sessie, DossierFilter(), pagina, grootte)


def test_sorteren_op_toegestane_velden(data):
    assert data.nummers(sortering=[("tijdstip", "asc")]) == [4, 1, 2, 3, 5]
    # Zelfde gebruiker: nieuwste (hoogste id) eerst.
    assert data.nummers(sortering=[("gebruiker", "asc")]) == [2, 1, 5, 4, 3]
    # Zonder wijk achteraan, ook bij aflopend.
    assert data.nummers(sortering=[("wijk", "asc")]) == [5, 1, 2, 4, 3]
    assert data.nummers(sortering=[("wijk", "desc")]) == [2, 5, 1, 4, 3]
    assert data.nummers(sortering=[("entiteit", "asc"), ("tijdstip", "asc")]) == [3, 1, 5, 4, 2]
    assert data.nummers(sortering=[("actie", "desc")]) == [5, 3, 1, 4, 2]


@pytest.mark.parametrize("sortering", [
    [("wachtwoord_hash", "asc")],
    [("tijdstip; DROP TABLE mutatie; --", "asc")],
    [("tijdstip", "sideways")],
    [("tijdstip", "asc; DELETE FROM mutatie")],
    [("oud", "asc")],
    [("x",)],
    ["tijdstip"],
    [(None, None)],
])
def test_onbekende_sortering_wordt_genegeerd(data, sortering):
    assert data.nummers(sortering=sortering) == [5, 3, 2, 1, 4]
    assert data.sessie.scalar(select(func.count()).select_from(Mutatie)) == 5


def test_onbekend_veld_naast_een_bekend(data):
    assert data.nummers(sortering=[("geheim", "asc"), ("tijdstip", "asc")]) == [4, 1, 2, 3, 5]


def test_leesbare_regel_oud_nieuw(data):
    rijen = {data.ids.index(r.id) + 1: r for r in mutaties(data.sessie, DossierFilter())[0]}
    # Uit de database terug, in de volgorde waarin de velden zijn vastgelegd.
    assert rijen[1].wijziging == "Ambitie 2 · Waardering: 6,5 → 7,0; Status: Concept → Ingediend"
    assert rijen[2].wijziging == "Knelpunten: (leeg) → Te veel zwerfvuil; Ambitie 1 · Waardering: (leeg) → 5,5"
    assert rijen[3].wijziging == "Werkdagen: 5 → 3; Categorie: (leeg) → overlast"
    assert rijen[4].wijziging == "Naam: (leeg) → Anna de Vries; Wijken: (leeg) → (leeg); Actief: (leeg) → ja"
    assert rijen[5].wijziging == "Status: Ingediend → Vastgesteld"


@pytest.mark.parametrize(("oud", "nieuw", "regel"), [
    (VOORBEELD_OUD, VOORBEELD_NIEUW, "Ambitie 2 · Waardering: 6,5 → 7,0; Status: Concept → Ingediend"),
    ({"Opmerkingen": "weg"}, None, "Opmerkingen: weg → (leeg)"),
    ({"Opmerkingen": ""}, {"Opmerkingen": "  "}, "Opmerkingen: (leeg) → (leeg)"),
    ({"Actief": True}, {"Actief": False}, "Actief: ja → nee"),
    ({"extra_budget": 2.5}, {"extra_budget": 10}, "Extra budget: 2,5 → 10"),
    ({"Wijken": ["Alfa", "Beta"]}, {"Wijken": []}, "Wijken: Alfa, Beta → (leeg)"),
    (None, {"Tekst": "<script>alert(1)</script>"}, "Tekst: (leeg) → <script>alert(1)</script>"),
    (None, None, "(geen velden)"),
    ({}, {}, "(geen velden)"),
])
def test_beschrijf_wijziging(oud, nieuw, regel):
    assert beschrijf_wijziging(oud, nieuw) == regel


def test_filterkeuzes(data):
    keuzes = filterkeuzes(data.sessie)
    assert keuzes.wijken == [("alfa", "Alfa"), ("beta", "Beta")]
    assert keuzes.gebruikers == [(str(data.anna_g.id), "Anna de Vries"), (str(data.bert_g.id), "Bert Bakker"),
                                 ("naam:opdrachtregel (beheer)", "opdrachtregel (beheer)")]
    assert keuzes.entiteiten == [("afhandelnorm", "Afhandelnorm"), ("evaluatie", "Evaluatie"),
                                 ("gebruiker", "Gebruiker"), ("wijkanalyse", "Wijkanalyse")]
    # Hernoemd: de keuzelijst toont de naam van nu, het dossier de naam van toen.
    data.anna_g.naam = "Anna Jansen"
    data.sessie.flush()
    assert (str(data.anna_g.id), "Anna Jansen") in filterkeuzes(data.sessie).gebruikers
    rijen, _ = mutaties(data.sessie, DossierFilter(gebruiker_id=data.anna_g.id))
    assert {r.gebruiker for r in rijen} == {"Anna de Vries"}


def test_filterkeuzes_van_een_leeg_dossier(sessie):
    keuzes = filterkeuzes(sessie)
    assert (keuzes.gebruikers, keuzes.entiteiten) == ([], [])
    assert mutaties(sessie, DossierFilter()) == ([], 0)


def test_kies_filter_uit_de_url(data):
    keuzes = filterkeuzes(data.sessie)
    gekozen = kies_filter({"wijk": "alfa", "gebruiker": str(data.anna_g.id), "entiteit": "evaluatie",
                           "van": "2026-03-01", "tot": "31-03-2026"}, keuzes)
    assert gekozen.fouten == {}
    assert gekozen.filter == DossierFilter(wijk="alfa", gebruiker_id=data.anna_g.id, entiteit="evaluatie",
                                           van=dt.date(2026, 3, 1), tot=dt.date(2026, 3, 31))
    assert gekozen.filter.gebruiker == str(data.anna_g.id)
    cli = kies_filter({"gebruiker": "naam:opdrachtregel (beheer)"}, keuzes).filter
    assert (cli.gebruiker_id, cli.gebruiker_naam, cli.gebruiker) == (
        None, "opdrachtregel (beheer)", "naam:opdrachtregel (beheer)")
    assert kies_filter({}, keuzes) == kies_filter({"wijk": "", "van": "  "}, keuzes)
    assert kies_filter({}, keuzes).filter == DossierFilter()


def test_kies_filter_negeert_ongeldige_waarden_met_een_melding(data):
    keuzes = filterkeuzes(data.sessie)
    gekozen = kies_filter({"wijk": "bestaat-niet", "gebruiker": "99999", "entiteit": "wachtwoord",
                           "van": "31-02-2026", "tot": "gisteren"}, keuzes)
    assert gekozen.filter == DossierFilter()
    assert set(gekozen.fouten) == {"wijk", "gebruiker", "entiteit", "van", "tot"}
    assert gekozen.fouten["wijk"] == "Wijk niet gevonden: 'bestaat-niet'. Het dossier toont alle wijken."
    assert gekozen.fouten["van"] == ("Van: de datum 31-02-2026 bestaat niet. Controleer dag en maand. "
                                     "Deze datum is genegeerd.")
    assert gekozen.fouten["tot"].startswith("Tot en met: schrijf de datum als dd-mm-jjjj")
    # Tot en met vóór van: alleen "tot" vervalt.
    omgekeerd = kies_filter({"van": "2026-04-01", "tot": "2026-03-01"}, keuzes)
    assert omgekeerd.filter == DossierFilter(van=dt.date(2026, 4, 1))
    assert "ligt vóór de datum bij Van" in omgekeerd.fouten["tot"]
    # Vreemde vormen, ook zonder keuzes uit de database.
    for query in ({"wijk": "alfa'; DROP TABLE wijk; --"}, {"gebruiker": "²"}, {"gebruiker": "naam:"},
                  {"entiteit": "Evaluatie OR 1=1"}, {"van": "2026-13-01"}):
        gekozen = kies_filter(query)
        assert gekozen.filter == DossierFilter() and len(gekozen.fouten) == 1, query


def test_aantal_queries_blijft_gelijk(data):
    for i in range(40):
        data.schrijf(T(2026, 5, 1, 8, i), data.anna if i % 2 else OPDRACHTREGEL, "evaluatie", data.evaluatie.id,
                     "gewijzigd", {"Status": "Concept"}, {"Status": "Ingediend"}, data.alfa.id if i % 3 else None)
    with tel_queries(data.sessie) as teller:
        rijen, totaal = mutaties(data.sessie, DossierFilter(), 1, 45, [("wijk", "asc")])
        _ = [(r.wijziging, r.onderwerp, r.link, r.gebruiker) for r in rijen]
    assert (len(rijen), totaal) == (45, 45)
    assert teller["n"] == 2  # COUNT en één SELECT, los van het aantal rijen
    with tel_queries(data.sessie) as teller:
        filterkeuzes(data.sessie)
    assert teller["n"] == 3
    with tel_queries(data.sessie) as teller:
        aantal_mutaties(data.sessie, DossierFilter(wijk="alfa", van=dt.date(2026, 1, 1)))
    assert teller["n"] == 1


@pytest.mark.parametrize("wijziging", [
    lambda m: setattr(m, "nieuw", {"Status": "Vervalst"}),
    lambda m: setattr(m, "gebruiker_naam", "iemand anders"),
    lambda m: setattr(m, "tijdstip", T(2020, 1, 1)),
])
def test_dossier_wijzigen_via_de_orm_wordt_geweigerd(data, wijziging):
    mutatie = data.sessie.get(Mutatie, data.ids[0])
    wijziging(mutatie)
    with pytest.raises(DossierFout, match="alleen aangevuld"):
        data.sessie.flush()


def test_dossier_wissen_via_de_orm_wordt_geweigerd(data):
    mutatie = data.sessie.get(Mutatie, data.ids[0])
    data.sessie.delete(mutatie)
    with pytest.raises(DossierFout, match="kan niet worden gewijzigd of gewist"):
        data.sessie.flush()


def test_dossier_wijzigen_na_commit_wordt_geweigerd(data):
    """Ook een vastgelegde (gecommitte) regel blijft zoals hij is."""
    data.sessie.commit()
    mutatie = data.sessie.get(Mutatie, data.ids[0])
    mutatie.oud = {}
    with pytest.raises(DossierFout):
        data.sessie.commit()
    data.sessie.rollback()
    opnieuw = data.sessie.get(Mutatie, data.ids[0])
    data.sessie.refresh(opnieuw)
    assert opnieuw.oud == VOORBEELD_OUD
