"""Leesqueries van ``/budget`` (datalaag.budget) op SQLite én PostgreSQL.

Een kleine, met de hand gemaakte dataset; de verwachte waarden zijn met de hand uitgerekend (de
berekening staat erbij). VANDAAG = 27-11-2026: de peildatum van 2026 valt in het laatste kwartaal,
die van 2009 is 31-12-2009.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from datalaag.budget import (
    ONDERBESTEED,
    OVERBESTEED,
    budget_jaren,
    budget_per_wijk,
    budget_trend,
    budget_vlag,
    budgetpost_rijen,
    budgetposten,
    totaalrij,
    uitgaven_van_budgetpost,
    wijkkeuzes,
)
from datalaag.models import (
    Ambitie,
    Budgetpost,
    Maatregel,
    Oormerk,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from seed.referentie import RIET_BEGROTING, RIET_TOTAAL
from tests.hulp import tel_queries as _tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)




def _uitgave(wijk: Wijk, datum: dt.date, bedrag: int, post: Budgetpost | None = None,
             maatregel: Maatregel | None = None, tekst: str = "factuur") -> Uitgave:  # fmt: skip
    return Uitgave(wijk=wijk, datum=datum, bedrag=Decimal(bedrag), budgetpost=post, maatregel=maatregel,
                   omschrijving=tekst)


@pytest.fixture
def data(sessie: Session) -> dict:
    """Vier wijken.

    - De Riet: programma 2008–2011 (rijksgelden, € 2.000.000, de elf posten van bijlage 4,
      budgethouder E. Kamphuis) en stadsdeelbudget 2009 € 40.000 (budgethouder B. Houder, post
      Algemeen). Uitgaven: Geluksbudgetten 01-05-2008 € 100.000, 01-03-2009 € 150.000,
      10-01-2010 € 50.000; Wijkfonds 30-06-2009 € 200.000; Algemeen 31-12-2009 € 10.000; alleen aan
      een maatregel 01-07-2009 € 5.000.
    - Windmolenbroek: 2026 € 100.000; uitgaven 2026 € 60.000 + € 48.000 = € 108.000.
    - Aalderinkshoek: 2026 € 50.000; uitgave 2026 € 19.000.
    - Kerkelanden: geen oormerk; € 1.000 uitgegeven in 2026 aan een maatregel.
    """
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=code, omschrijving="-", looptijd="-", afbakening="-"))
    sd = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    amb = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=sd, werkwijze="SHR")
    wb = Wijk(naam="Windmolenbroek", slug="windmolenbroek", stadsdeel=sd, werkwijze="AWA")
    ah = Wijk(naam="Aalderinkshoek", slug="aalderinkshoek", stadsdeel=sd, werkwijze="AWA")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=sd, werkwijze="WOP")
    sessie.add_all([sd, amb, dr, wb, ah, kl])

    programma = Oormerk(wijk=dr, naam="Sociale herovering De Riet 2008–2011", jaar_van=2008, jaar_tot=2011,
                        bron="rijksgelden_wijkenaanpak", bedrag=Decimal(RIET_TOTAAL), budgethouder="E. Kamphuis")
    # Bewust in omgekeerde volgorde toegevoegd: de volgorde komt uit ``volgorde``, niet uit het id.
    posten = {
        naam: Budgetpost(oormerk=programma, naam=naam, bedrag=Decimal(bedrag), volgorde=nr)
        for nr, (naam, bedrag) in reversed(list(enumerate(RIET_BEGROTING, start=1)))
    }
    sd_2009 = Oormerk(wijk=dr, naam="Stadsdeelbudget De Riet 2009", jaar_van=2009, jaar_tot=2009,
                      bron="stadsdeelbudget", bedrag=Decimal(40_000), budgethouder="B. Houder")
    algemeen = Budgetpost(oormerk=sd_2009, naam="Algemeen", bedrag=Decimal(40_000), volgorde=1)
    sessie.add_all([programma, *posten.values(), sd_2009, algemeen])

    plan_dr = Wijkplan(wijk=dr, titel="SHR", werkwijze="SHR", periode_van=2008, periode_tot=2011, status="vastgesteld")
    plan_kl = Wijkplan(wijk=kl, titel="WOP", werkwijze="WOP", periode_van=2024, periode_tot=2027, status="vastgesteld")
    m_dr = Maatregel(wijkplan=plan_dr, ambitie=amb, naam="Buurtrestaurant", verantwoordelijke="x")
    m_kl = Maatregel(wijkplan=plan_kl, ambitie=amb, naam="Wijkwebsite", verantwoordelijke="x")
    sessie.add_all([plan_dr, plan_kl, m_dr, m_kl])

    geluk = posten["Geluksbudgetten"]
    sessie.add_all([
        _uitgave(dr, D(2009, 3, 1), 150_000, geluk, tekst="Geluksbudget 200 huishoudens"),
        _uitgave(dr, D(2008, 5, 1), 100_000, geluk),
        _uitgave(dr, D(2010, 1, 10), 50_000, geluk, m_dr),
        _uitgave(dr, D(2009, 6, 30), 200_000, posten["Wijkfonds"]),
        _uitgave(dr, D(2009, 12, 31), 10_000, algemeen),
        _uitgave(dr, D(2009, 7, 1), 5_000, maatregel=m_dr),
    ])  # fmt: skip

    for wijk, bedrag, uitgaven in ((wb, 100_000, [(D(2026, 3, 1), 60_000), (D(2026, 9, 1), 48_000)]),
                                   (ah, 50_000, [(D(2026, 2, 1), 19_000)])):  # fmt: skip
        om = Oormerk(wijk=wijk, naam=f"Stadsdeelbudget {wijk.naam} 2026", jaar_van=2026, jaar_tot=2026,
                     bron="stadsdeelbudget", bedrag=Decimal(bedrag), budgethouder="S. Wolters")
        post = Budgetpost(oormerk=om, naam="Algemeen", bedrag=Decimal(bedrag), volgorde=1)
        sessie.add_all([om, post])
        sessie.add_all([_uitgave(wijk, d, b, post) for d, b in uitgaven])
    sessie.add(_uitgave(kl, D(2026, 4, 1), 1_000, maatregel=m_kl))
    sessie.flush()
    return {"geluk": geluk, "wijkfonds": posten["Wijkfonds"]}


# --------------------------------------------------------------------------- vlaggen


@pytest.mark.parametrize(
    ("oormerk", "uitgaven", "benutting", "peildatum", "verwacht"),
    [
        (100.0, 108.0, 1.08, D(2026, 5, 1), OVERBESTEED),
        (100.0, 100.0, 1.0, D(2026, 5, 1), None),  # precies 100% is niet over
        (0.0, 10.0, None, D(2026, 5, 1), OVERBESTEED),  # uitgaven zonder oormerk
        (0.0, 0.0, None, D(2026, 11, 1), None),
        (100.0, 49.0, 0.49, D(2026, 9, 30), None),  # vóór 1 oktober
        (100.0, 49.0, 0.49, D(2026, 10, 1), ONDERBESTEED),  # vanaf 1 oktober
        (100.0, 50.0, 0.50, D(2026, 12, 31), None),  # precies de helft is niet onder
    ],
)
def test_budget_vlag(oormerk, uitgaven, benutting, peildatum, verwacht):
    assert budget_vlag(oormerk, uitgaven, benutting, peildatum) == verwacht


# --------------------------------------------------------------------------- per wijk


def test_keuzes_en_jaren(sessie, data):
    assert [s for s, _ in wijkkeuzes(sessie)] == ["aalderinkshoek", "de-riet", "kerkelanden", "windmolenbroek"]
    # Eerste jaar van een oormerk (2008) t/m het laatste jaar met een oormerk of uitgave (2026).
    assert budget_jaren(sessie) == list(range(2008, 2027))


def test_budget_per_wijk_2026_vlaggen(sessie, data):
    with _tel_queries(sessie) as teller:
        wijken = {w.slug: w for w in budget_per_wijk(sessie, 2026, VANDAAG)}
    assert teller["n"] == 2
    wb, ah, kl, dr = wijken["windmolenbroek"], wijken["aalderinkshoek"], wijken["kerkelanden"], wijken["de-riet"]
    # WB: 108.000 / 100.000 = 108% → overbesteed
    assert (wb.oormerk, wb.uitgaven) == (100_000, 108_000)
    assert wb.budgetbenutting == pytest.approx(1.08)
    assert wb.vlag == OVERBESTEED
    assert wb.per_bron == {"stadsdeelbudget": 100_000}
    assert wb.budgethouders == ("S. Wolters",)
    # AH: 19.000 / 50.000 = 38% op 27-11 (laatste kwartaal) → onderbesteed
    assert ah.budgetbenutting == pytest.approx(0.38)
    assert ah.vlag == ONDERBESTEED
    # KL: € 1.000 zonder oormerk → overbesteed, benutting onbekend
    assert (kl.oormerk, kl.uitgaven, kl.budgetbenutting, kl.vlag) == (0, 1_000, None, OVERBESTEED)
    assert kl.budgethouders == ()
    # DR heeft in 2026 niets
    assert (dr.oormerk, dr.uitgaven, dr.vlag) == (0, 0, None)
    # Vóór 1 oktober is AH (nog) niet onderbesteed.
    vroeg = {w.slug: w for w in budget_per_wijk(sessie, 2026, D(2026, 9, 30))}
    assert vroeg["aalderinkshoek"].vlag is None


def test_budget_per_wijk_meerjarig_oormerk(sessie, data):
    (dr,) = budget_per_wijk(sessie, 2009, VANDAAG, wijk="de-riet")
    # Oormerk 2009: 2.000.000 / 4 jaar = 500.000 (rijksgelden) + 40.000 (stadsdeel) = 540.000.
    assert dr.oormerk == pytest.approx(540_000)
    assert dr.per_bron == {"rijksgelden_wijkenaanpak": pytest.approx(500_000), "stadsdeelbudget": pytest.approx(40_000)}
    # Uitgaven 2009: 150.000 + 200.000 + 10.000 + 5.000 (alleen maatregel) = 365.000
    assert dr.uitgaven == pytest.approx(365_000)
    # Benutting 365.000 / 540.000 = 0,67592…; peildatum 31-12-2009 in het laatste kwartaal, ≥ 50%
    assert dr.budgetbenutting == pytest.approx(365_000 / 540_000)
    assert dr.vlag is None
    assert dr.budgethouders == ("B. Houder", "E. Kamphuis")
    rij = dr.als_rij()
    assert rij["bron_rijksgelden_wijkenaanpak"] == pytest.approx(500_000) and rij["bron_gsb"] is None
    assert rij["budgethouder"] == "B. Houder, E. Kamphuis" and rij["vlag"] == ""


def test_budget_per_wijk_met_bron(sessie, data):
    (dr,) = budget_per_wijk(sessie, 2009, VANDAAG, bron="rijksgelden_wijkenaanpak", wijk="de-riet")
    # Alleen het programma: oormerk 500.000; uitgaven op zijn posten in 2009: 150.000 + 200.000
    assert (dr.oormerk, dr.uitgaven) == (pytest.approx(500_000), pytest.approx(350_000))
    assert dr.budgetbenutting == pytest.approx(0.7)
    assert dr.budgethouders == ("E. Kamphuis",)
    # 2008 met bron stadsdeelbudget: geen oormerk en geen uitgaven
    (dr_2008,) = budget_per_wijk(sessie, 2008, VANDAAG, bron="stadsdeelbudget", wijk="de-riet")
    assert (dr_2008.oormerk, dr_2008.uitgaven, dr_2008.vlag) == (0, 0, None)


# --------------------------------------------------------------------------- per budgetpost


def test_budgetposten_de_riet_zoals_bijlage_4(sessie, data):
    with _tel_queries(sessie) as teller:
        oormerken = budgetposten(sessie, "de-riet", 2009, VANDAAG)
    assert teller["n"] == 1
    programma, stadsdeel = oormerken
    assert (programma.naam, programma.periode, programma.bedrag) == (
        "Sociale herovering De Riet 2008–2011", "2008–2011", 2_000_000)
    assert programma.bron_label == "Rijksgelden wijkenaanpak" and programma.budgethouder == "E. Kamphuis"
    # De elf regels in de volgorde van de tabel, met hun bedragen; samen € 2.000.000.
    assert [(p.naam, p.bedrag) for p in programma.posten] == [(n, float(b)) for n, b in RIET_BEGROTING]
    assert sum(p.bedrag for p in programma.posten) == 2_000_000
    posten = {p.naam: p for p in programma.posten}
    # Geluksbudgetten: in 2009 150.000; t/m 2009 100.000 + 150.000 = 250.000 (de 50.000 van 2010 niet);
    # rest 225.000 − 250.000 = −25.000.
    geluk = posten["Geluksbudgetten"]
    assert (geluk.uitgegeven_in_jaar, geluk.uitgegeven_tm_jaar, geluk.rest) == (150_000, 250_000, -25_000)
    assert (posten["Wijkfonds"].uitgegeven_tm_jaar, posten["Wijkfonds"].rest) == (200_000, 0)
    assert posten["Communicatie"].uitgegeven_tm_jaar == 0 and posten["Communicatie"].rest == 100_000
    assert stadsdeel.periode == "2009" and [p.naam for p in stadsdeel.posten] == ["Algemeen"]

    rijen = budgetpost_rijen(oormerken)
    assert len(rijen) == 12
    totaal = totaalrij(rijen[:11])
    # Totaal van het programma: 2.000.000; uitgegeven t/m 2009 250.000 + 200.000 = 450.000; rest 1.550.000
    assert (totaal["post"], totaal["bedrag"], totaal["uitgegeven_tm_jaar"], totaal["rest"]) == (
        "Totaal", 2_000_000, 450_000, 1_550_000)


def test_budgetposten_buiten_de_periode_en_per_bron(sessie, data):
    assert budgetposten(sessie, "de-riet", 2012, VANDAAG) == []
    # In 2010: alleen het programma; uitgegeven t/m 2010 bij Geluksbudgetten 300.000
    (programma,) = budgetposten(sessie, "de-riet", 2010, VANDAAG)
    assert programma.posten[0].uitgegeven_tm_jaar == 300_000 and programma.posten[0].uitgegeven_in_jaar == 50_000
    (alleen,) = budgetposten(sessie, "de-riet", 2009, VANDAAG, bron="stadsdeelbudget")
    assert alleen.posten[0].uitgegeven_in_jaar == 10_000


# --------------------------------------------------------------------------- trend


def test_trend_stad_en_wijk(sessie, data):
    jaren = budget_jaren(sessie)
    with _tel_queries(sessie) as teller:
        riet = {t.jaar: t for t in budget_trend(sessie, jaren, wijk="de-riet")}
    assert teller["n"] == 2
    # Oormerk per jaar: 500.000 in 2008, 2010, 2011; 540.000 in 2009; daarna 0.
    assert [riet[j].oormerk for j in (2008, 2009, 2010, 2011, 2012)] == [500_000, 540_000, 500_000, 500_000, 0]
    assert [riet[j].uitgaven for j in (2008, 2009, 2010, 2011)] == [100_000, 365_000, 50_000, 0]
    assert riet[2009].budgetbenutting == pytest.approx(365_000 / 540_000)
    assert riet[2012].budgetbenutting is None
    stad = {t.jaar: t for t in budget_trend(sessie, jaren)}
    # 2026: oormerk 100.000 + 50.000; uitgaven 108.000 + 19.000 + 1.000 (KL, zonder oormerk)
    assert (stad[2026].oormerk, stad[2026].uitgaven) == (150_000, 128_000)
    rijks = {t.jaar: t for t in budget_trend(sessie, jaren, bron="rijksgelden_wijkenaanpak")}
    assert (rijks[2009].oormerk, rijks[2009].uitgaven) == (500_000, 350_000)
    assert budget_trend(sessie, []) == []


# --------------------------------------------------------------------------- uitgaven van een budgetpost


def test_uitgaven_van_budgetpost(sessie, data):
    post = uitgaven_van_budgetpost(sessie, data["geluk"].id)
    assert post is not None
    assert (post.naam, post.bedrag, post.wijk_slug, post.periode) == ("Geluksbudgetten", 225_000, "de-riet", "2008–2011")
    assert [(r["datum"], r["bedrag"]) for r in post.rijen] == [
        ("2008-05-01", 100_000), ("2009-03-01", 150_000), ("2010-01-10", 50_000)]
    assert post.rijen[1]["omschrijving"] == "Geluksbudget 200 huishoudens"
    assert post.rijen[2]["maatregel"] == "Buurtrestaurant" and post.rijen[0]["maatregel"] == ""
    assert post.uitgegeven == 300_000
    assert uitgaven_van_budgetpost(sessie, 999_999) is None
