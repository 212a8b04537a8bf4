"""Leesfuncties van de open-data-API (datalaag.opendata) op SQLite én PostgreSQL.

Een kleine, met de hand gemaakte dataset. VANDAAG = 27-11-2026.

- Wijk A (``a-wijk``) en B (``b-wijk``): openbaar (vastgesteld plan 2025–2027).
- Wijk C (``c-wijk``): niet openbaar (plan 2025–2027 nog concept). Alles van C heet "GEHEIM".
- Persoonsgegevens met het woord KANARIE (verantwoordelijke, budgethouder, omschrijving …) mogen nergens
  in een uitkomst staan.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from datalaag import opendata
from datalaag.afgeleid import binnen_norm, op_koers_doelstelling, peildatum_voor_jaar
from datalaag.budget import budget_per_wijk
from datalaag.doelstellingen import doelstellingen_met_status
from datalaag.models import (
    Afhandelnorm,
    Ambitie,
    Budgetpost,
    Doelstelling,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Oormerk,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
)
from datalaag.openbaar import VERBODEN_VELDEN

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)
KANARIE = "KANARIE"


def _v(**kw) -> opendata.Verzoek:
    return opendata.Verzoek(vandaag=VANDAAG, **kw)


@pytest.fixture
def data(sessie: Session) -> dict:
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=code, omschrijving="-", looptijd="-", afbakening="-"))
    sd = Stadsdeel(naam="Noord", stadsdeelcoordinator=f"{KANARIE} coördinator", stadsdeelwethouder=f"{KANARIE} W")
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners zijn betrokken")
    a2 = Ambitie(nummer=2, korte_naam="Schoon", tekst="De wijk is schoon")
    wa = Wijk(naam="A-wijk", slug="a-wijk", stadsdeel=sd, werkwijze="AWA", cbs_code="WK1")
    wb = Wijk(naam="B-wijk", slug="b-wijk", stadsdeel=sd, werkwijze="WOP")
    wc = Wijk(naam="GEHEIM-wijk", slug="c-wijk", stadsdeel=sd, werkwijze="SHR")
    sessie.add_all([sd, a1, a2, wa, wb, wc])
    sessie.add_all([WijkInwoners(wijk=wa, jaar=2025, aantal=4000), WijkInwoners(wijk=wa, jaar=2026, aantal=4100)])
    i1 = Indicator(naam="Cohesie", eenheid="schaal", ambitie=a1, bron="enquête", richting="hoger_is_beter")
    i2 = Indicator(naam="Zwerfvuil", eenheid="%", ambitie=a2, bron="schouw", richting="lager_is_beter")
    sessie.add_all([i1, i2])
    plannen = {
        w.slug: Wijkplan(wijk=w, titel=f"Plan {w.naam}", werkwijze=w.werkwijze, periode_van=2025, periode_tot=2027,
                         status="concept" if w is wc else "vastgesteld")
        for w in (wa, wb, wc)
    }
    sessie.add_all(plannen.values())
    # Metingen: A 2024–2026 voor i1 en 2026 voor i2; B 2026 voor i1; C 2026 voor i1.
    for w, i, jaar, waarde in ((wa, i1, 2024, 6.0), (wa, i1, 2025, 6.2), (wa, i1, 2026, 6.55), (wa, i2, 2026, 12.0),
                               (wb, i1, 2026, 5.0), (wc, i1, 2026, 9.9)):
        sessie.add(Meting(indicator=i, wijk=w, peildatum=D(jaar, 12, 31) if jaar < 2026 else D(2026, 9, 30),
                          periode="jaar" if jaar < 2026 else "kwartaal", waarde=waarde, bron="enquête"))
    for w, i, ambitie, tekst in ((wa, i1, a1, "Cohesie omhoog"), (wa, i2, a2, "Minder zwerfvuil"),
                                 (wb, i1, a1, "Cohesie B"), (wc, i1, a1, "GEHEIM doel")):
        sessie.add(Doelstelling(wijkplan=plannen[w.slug], ambitie=ambitie, indicator=i, tekst=tekst,
                                nulmeting_waarde=6.0 if i is i1 else 20.0, nulmeting_jaar=2024,
                                streefwaarde=7.0 if i is i1 else 10.0, streefjaar=2027))
    sessie.add_all([
        Maatregel(wijkplan=plannen["a-wijk"], ambitie=a1, naam="=HYPERLINK(\"x\")", verantwoordelijke=f"{KANARIE} Jansen",
                  status="in_uitvoering", voortgang=10, start=D(2026, 1, 1), eind=D(2026, 12, 31),
                  schatting_kosten=Decimal("1500.50"), opmerkingen=f"{KANARIE} opmerking"),
        Maatregel(wijkplan=plannen["a-wijk"], ambitie=a2, naam="Schoonmaakactie", verantwoordelijke=f"{KANARIE} Piet",
                  status="afgerond", voortgang=100, start=D(2025, 3, 1), eind=D(2025, 6, 1)),
        Maatregel(wijkplan=plannen["c-wijk"], ambitie=a1, naam="GEHEIM project", verantwoordelijke=KANARIE),
    ])
    sessie.add_all([Afhandelnorm(categorie="schoon", werkdagen=5), Afhandelnorm(categorie="veilig", werkdagen=2)])

    def melding(w, categorie, ontvangen, afgehandeld=None, werkdagen=None, ernst="normaal"):
        return Melding(wijk=w, categorie=categorie, kanaal="telefoon", ontvangen_op=ontvangen, ernst=ernst,
                       afgehandeld_op=afgehandeld, afhandeltijd_werkdagen=werkdagen,
                       status="afgehandeld" if afgehandeld else "open", straat=f"{KANARIE}straat",
                       omschrijving=f"{KANARIE} omschrijving", verantwoordelijke=f"{KANARIE} V", aanpak=KANARIE)

    sessie.add_all([
        # A, maart 2026, schoon: 3 ontvangen, 2 afgehandeld (3 en 7 werkdagen; norm 5), 1 open; 1 ernstig.
        melding(wa, "schoon", T(2026, 3, 2, 9), T(2026, 3, 5, 9), 3),
        melding(wa, "schoon", T(2026, 3, 3, 9), T(2026, 3, 12, 9), 7, ernst="ernstig"),
        melding(wa, "schoon", T(2026, 3, 20, 9)),
        # A, april 2026, overig (geen norm): 1 afgehandeld.
        melding(wa, "overig", T(2026, 4, 1, 9), T(2026, 4, 2, 9), 1),
        # A, 2025: hoort niet bij 2026.
        melding(wa, "veilig", T(2025, 5, 1, 9), T(2025, 5, 2, 9), 1),
        melding(wc, "schoon", T(2026, 3, 2, 9)),
    ])
    for w, bedrag, uitgaven in ((wa, 10_000, [3_000, 1_000]), (wc, 99_999, [5])):
        om = Oormerk(wijk=w, naam=f"Budget {w.naam}", jaar_van=2026, jaar_tot=2026, bron="stadsdeelbudget",
                     bedrag=Decimal(bedrag), budgethouder=f"{KANARIE} Houder")
        post = Budgetpost(oormerk=om, naam="Algemeen", bedrag=Decimal(bedrag))
        sessie.add_all([om, post, *(Uitgave(wijk=w, datum=D(2026, 2, 1), bedrag=Decimal(b), budgetpost=post,
                                            omschrijving=f"{KANARIE} factuur") for b in uitgaven)])
    sessie.flush()
    return {"a": wa, "b": wb, "c": wc, "i1": i1, "i2": i2}


def _alles(sessie, bron: str, **kw) -> list[dict]:
    """Alle pagina's van een bron met 2 rijen per pagina."""
    rijen: list[dict] = []
    vanaf = 0
    while True:
        pagina = opendata.LEESFUNCTIES[bron](sessie, _v(limiet=2, vanaf=vanaf, **kw))
        rijen += pagina.rijen
        vanaf += 2
        if vanaf >= pagina.totaal:
            assert len(rijen) == pagina.totaal
            return rijen


def test_openbare_wijk_id(sessie, data):
    assert opendata.openbare_wijk_id(sessie, "a-wijk", VANDAAG) == data["a"].id
    assert opendata.openbare_wijk_id(sessie, "c-wijk", VANDAAG) is None  # concept-plan: niet openbaar
    assert opendata.openbare_wijk_id(sessie, "bestaat-niet", VANDAAG) is None
    # Na de planperiode is ook A niet meer openbaar.
    assert opendata.openbare_wijk_id(sessie, "a-wijk", D(2028, 1, 1)) is None


@pytest.mark.parametrize("bron", list(opendata.BRONNEN))
def test_elke_bron_alleen_openbaar_en_zonder_persoonsgegevens(sessie, data, bron):
    rijen = _alles(sessie, bron)
    tekst = json.dumps(rijen, ensure_ascii=False)
    assert "GEHEIM" not in tekst and "c-wijk" not in tekst
    assert KANARIE not in tekst
    for rij in rijen:
        assert list(rij) == list(opendata.veldnamen(bron))
        assert not set(rij) & VERBODEN_VELDEN
    # Een niet-openbare wijk_id doorgeven helpt niet.
    if "wijk" in opendata.BRONNEN[bron].filters:
        assert opendata.LEESFUNCTIES[bron](sessie, _v(wijk="c-wijk", wijk_id=data["c"].id)).rijen == []


def test_wijken(sessie, data):
    rijen = _alles(sessie, "wijken")
    assert [r["wijk"] for r in rijen] == ["a-wijk", "b-wijk"]
    a = rijen[0]
    assert (a["naam"], a["cbs_code"], a["stadsdeel"], a["werkwijze"]) == ("A-wijk", "WK1", "Noord", "AWA")
    assert (a["inwoners"], a["inwoners_jaar"], a["plan_van"], a["plan_tot"], a["plan_status"]) == (
        4100, 2026, 2025, 2027, "vastgesteld")
    assert rijen[1]["inwoners"] is None


def test_metingen_filters_en_paginering(sessie, data):
    alle = _alles(sessie, "metingen")
    assert len(alle) == 5 and len({r["id"] for r in alle}) == 5  # C telt niet mee
    # Vaste volgorde: indicator, wijk, peildatum.
    assert [(r["indicator_id"], r["wijk"], r["peildatum"]) for r in alle] == sorted(
        (r["indicator_id"], r["wijk"], r["peildatum"]) for r in alle)
    p = opendata.metingen(sessie, _v(limiet=2, vanaf=4))
    assert (p.totaal, len(p.rijen)) == (5, 1)
    assert opendata.metingen(sessie, _v(limiet=2, vanaf=10)).rijen == []
    a = opendata.metingen(sessie, _v(wijk="a-wijk", wijk_id=data["a"].id, jaar=2026))
    assert a.totaal == 2 and {r["jaar"] for r in a.rijen} == {2026}
    assert {r["peildatum"] for r in a.rijen} == {"2026-09-30"}
    amb = opendata.metingen(sessie, _v(ambitie=2))
    assert [(r["wijk"], r["waarde"], r["ambitie"], r["indicator"]) for r in amb.rijen] == [("a-wijk", 12.0, 2, "Zwerfvuil")]
    ind = opendata.metingen(sessie, _v(indicator=data["i1"].id, jaar=2025))
    assert [(r["wijk"], r["waarde"], r["periode"]) for r in ind.rijen] == [("a-wijk", 6.2, "jaar")]


def test_doelstellingen_op_koers_is_die_van_het_dashboard(sessie, data):
    rijen = _alles(sessie, "doelstellingen")
    assert {r["wijk"] for r in rijen} == {"a-wijk", "b-wijk"} and len(rijen) == 3
    intern = {d.doelstelling_id: d for d in doelstellingen_met_status(sessie, 2026, VANDAAG)}
    statussen = set()
    for r in rijen:
        d = intern[r["id"]]
        assert r["op_koers"] == d.status
        assert (r["laatste_meting_waarde"], r["laatste_meting_peildatum"]) == (
            d.meting_waarde, d.meting_peildatum.isoformat())
        assert r["op_koers"] == op_koers_doelstelling(
            nulwaarde=r["nulmeting_waarde"], nuljaar=r["nulmeting_jaar"], streef_type=r["streef_type"],
            streefwaarde=r["streefwaarde"], streefjaar=r["streefjaar"], richting=r["richting"],
            meting_waarde=r["laatste_meting_waarde"], meting_peildatum=D.fromisoformat(r["laatste_meting_peildatum"]))
        assert (r["jaar"], r["peildatum"]) == (2026, VANDAAG.isoformat())
        statussen.add(r["op_koers"])
    # A cohesie: 6,55 op 30-09-2026, verwacht 6 + 638/1095 ≈ 6,58 → op koers; B: 5,0 → ver achter; A zwerfvuil 12
    # (verwacht ≈ 14,2, lager is beter) → op koers (voor).
    per_tekst = {r["tekst"]: r for r in rijen}
    assert per_tekst["Cohesie omhoog"]["op_koers"] == "op_koers"
    assert per_tekst["Cohesie B"]["op_koers"] == "ver_achter" and per_tekst["Cohesie B"]["op_koers_label"] == "Ver achter"
    assert per_tekst["Minder zwerfvuil"]["indicator_id"] == data["i2"].id
    # Filters; een jaar buiten de planperiode heeft geen doelstellingen.
    assert [r["tekst"] for r in opendata.doelstellingen(sessie, _v(ambitie=2)).rijen] == ["Minder zwerfvuil"]
    assert opendata.doelstellingen(sessie, _v(wijk="b-wijk", wijk_id=data["b"].id)).totaal == 1
    verleden = opendata.doelstellingen(sessie, _v(jaar=2025))
    assert verleden.totaal == 3 and {r["peildatum"] for r in verleden.rijen} == {"2025-12-31"}
    assert opendata.doelstellingen(sessie, _v(jaar=2024)).totaal == 0
    assert opendata.doelstellingen(sessie, _v()).filters["jaar"] == 2026


def test_maatregelen(sessie, data):
    rijen = _alles(sessie, "maatregelen")
    assert [r["naam"] for r in rijen] == ['=HYPERLINK("x")', "Schoonmaakactie"]  # wijk, ambitie, id
    m = rijen[0]
    assert (m["status"], m["voortgang"], m["start"], m["eind"], m["schatting_kosten"]) == (
        "in_uitvoering", 10, "2026-01-01", "2026-12-31", 1500.5)
    # 27-11-2026: verwacht ± 90%, gemeten 10% → achter schema (de definitie van het dashboard).
    assert m["achter_schema"] is True and rijen[1]["achter_schema"] is False
    assert [r["naam"] for r in opendata.maatregelen(sessie, _v(jaar=2025)).rijen] == ["Schoonmaakactie"]
    assert [r["naam"] for r in opendata.maatregelen(sessie, _v(status="afgerond")).rijen] == ["Schoonmaakactie"]
    assert opendata.maatregelen(sessie, _v(ambitie=1)).totaal == 1


def test_meldingen_aantallen(sessie, data):
    rijen = _alles(sessie, "meldingen")
    assert [(r["wijk"], r["maand"], r["categorie"]) for r in rijen] == [("a-wijk", 3, "schoon"), ("a-wijk", 4, "overig")]
    schoon, overig = rijen
    assert (schoon["ontvangen"], schoon["ernstig"], schoon["afgehandeld"], schoon["open"]) == (3, 1, 2, 1)
    # Binnen de norm: de definitie binnen_norm(afhandeltijd, norm) op de afgehandelde meldingen (3 en 7, norm 5).
    assert schoon["binnen_norm"] == sum(binnen_norm(t, 5) for t in (3, 7)) == 1
    assert schoon["norm_werkdagen"] == 5 and (schoon["jaar"], schoon["peildatum"]) == (2026, VANDAAG.isoformat())
    assert (overig["binnen_norm"], overig["norm_werkdagen"], overig["afgehandeld"]) == (None, None, 1)
    # Ander jaar, categorie, peildatum 31-12-2025.
    vorig = opendata.meldingen(sessie, _v(jaar=2025, categorie="veilig"))
    assert [(r["maand"], r["ontvangen"], r["binnen_norm"], r["peildatum"]) for r in vorig.rijen] == [
        (5, 1, 1, "2025-12-31")]
    # Paginering voorbij het einde: geen rijen, wel het totaal.
    voorbij = opendata.meldingen(sessie, _v(limiet=1, vanaf=5))
    assert (voorbij.rijen, voorbij.totaal) == ([], 2)


def test_budget_is_dat_van_de_budgetpagina(sessie, data):
    rijen = _alles(sessie, "budget")
    assert [r["wijk"] for r in rijen] == ["a-wijk", "b-wijk"]
    intern = {w.slug: w for w in budget_per_wijk(sessie, 2026, VANDAAG)}
    for r in rijen:
        w = intern[r["wijk"]]
        assert (r["oormerk"], r["uitgaven"], r["budgetbenutting"]) == (w.oormerk, w.uitgaven, w.budgetbenutting)
        assert r["vlag"] == w.vlag
        assert r["peildatum"] == peildatum_voor_jaar(2026, VANDAAG).isoformat()
    a = rijen[0]
    assert (a["oormerk"], a["uitgaven"], a["budgetbenutting"], a["vlag"]) == (10_000, 4_000, 0.4, "onderbesteed")
    assert (rijen[1]["oormerk"], rijen[1]["budgetbenutting"], rijen[1]["vlag"]) == (0, None, None)


def test_ambities_en_indicatoren(sessie, data):
    assert [r["nummer"] for r in _alles(sessie, "ambities")] == [1, 2]
    ind = opendata.indicatoren(sessie, _v(ambitie=2))
    assert [(r["naam"], r["richting"], r["is_telling"]) for r in ind.rijen] == [("Zwerfvuil", "lager_is_beter", False)]
    assert opendata.ambitienummers(sessie) == [1, 2]
    assert opendata.bestaat_indicator(sessie, data["i1"].id) and not opendata.bestaat_indicator(sessie, 10**6)
