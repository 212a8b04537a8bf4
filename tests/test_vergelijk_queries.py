"""Leesqueries van ``/vergelijk`` en de kaart (datalaag.vergelijk, datalaag.kaart) op SQLite én PostgreSQL.

Kleine, met de hand gemaakte dataset: drie wijken (Aa en Bb met WOP, Cc met SHR; AWA zonder wijken),
twee ambities. Alle verwachtingen zijn met de hand uitgerekend; de berekening staat erbij.
Peildatum voor 2026 is VANDAAG (27-11-2026).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from datalaag.afgeleid import werkdagen_tussen
from datalaag.kaart import kaartgegevens, kaartmaten, kies_kaartmaat, tegelposities
from datalaag.models import (
    Ambitie,
    Budgetpost,
    Doelstelling,
    Evaluatie,
    EvaluatieAmbitie,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Oormerk,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
    WijkInwoners,
    Wijkplan,
)
from datalaag.vergelijk import (
    standaard_wijken,
    vergelijk_werkwijzen,
    vergelijk_wijken,
    wijk_opties,
)

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)


def _melding(wijk: Wijk, ontvangen: dt.datetime) -> Melding:
    return Melding(wijk=wijk, categorie="schoon", kanaal="app", ontvangen_op=ontvangen, status="open")


def _bouw(sessie: Session) -> None:
    for code, naam in (("WOP", "Wijkontwikkelingsplan"), ("AWA", "Almelose wijkaanpak"), ("SHR", "Sociale herovering")):
        sessie.add(Werkwijze(code=code, naam=naam, omschrijving="-", looptijd="-", afbakening="-"))
    noord = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    oost = Stadsdeel(naam="Oost", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    amb1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    amb2 = Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="-")
    a = Wijk(naam="Aa", slug="aa", stadsdeel=noord, werkwijze="WOP", cbs_code="WK014101")
    b = Wijk(naam="Bb", slug="bb", stadsdeel=oost, werkwijze="WOP")
    c = Wijk(naam="Cc", slug="cc", stadsdeel=noord, werkwijze="SHR")
    sessie.add_all([noord, oost, amb1, amb2, a, b, c])

    # Ambitiescores. Aa: vastgestelde evaluatie 2025 (7,0 / 8,0). Bb: wijkanalyse 01-03-2026 (5,0 / —).
    # Cc: alleen een concept-evaluatie (telt niet).
    ev = Evaluatie(wijk=a, jaar=2025, status="vastgesteld")
    ev.regels = [EvaluatieAmbitie(ambitie=amb1, waardering=Decimal("7.0")),
                 EvaluatieAmbitie(ambitie=amb2, waardering=Decimal("8.0"))]
    concept = Evaluatie(wijk=c, jaar=2025, status="concept")
    concept.regels = [EvaluatieAmbitie(ambitie=amb1, waardering=Decimal("9.9"))]
    wa = Wijkanalyse(wijk=b, datum=D(2026, 3, 1))
    wa.regels = [WijkanalyseAmbitie(ambitie=amb1, waardering=Decimal("5.0"))]
    sessie.add_all([ev, concept, wa])

    # Plannen: Aa 2024–2027 vastgesteld; Bb 2026–2027 concept (telt nergens mee); Cc 2026–2029 vastgesteld.
    plan_a = Wijkplan(wijk=a, titel="WOP Aa", werkwijze="WOP", periode_van=2024, periode_tot=2027, status="vastgesteld")
    plan_b = Wijkplan(wijk=b, titel="WOP Bb", werkwijze="WOP", periode_van=2026, periode_tot=2027, status="concept")
    plan_c = Wijkplan(wijk=c, titel="SHR Cc", werkwijze="SHR", periode_van=2026, periode_tot=2029, status="vastgesteld")
    sessie.add_all([plan_a, plan_b, plan_c])

    hoger = [Indicator(naam=f"hoger {i}", eenheid="%", ambitie=amb1, bron="enquête", richting="hoger_is_beter")
             for i in range(4)]
    lager = Indicator(naam="lager", eenheid="%", ambitie=amb2, bron="enquête", richting="lager_is_beter")
    sessie.add_all([*hoger, lager])

    def doel(plan, indicator, nul, nuljaar, streef, streefjaar):
        d = Doelstelling(wijkplan=plan, ambitie=indicator.ambitie, indicator=indicator, tekst="-",
                         nulmeting_waarde=nul, nulmeting_jaar=nuljaar, streef_type="absoluut",
                         streefwaarde=streef, streefjaar=streefjaar)
        sessie.add(d)

    def meting(indicator, wijk, datum, waarde):
        sessie.add(Meting(indicator=indicator, wijk=wijk, peildatum=datum, waarde=waarde, bron="enquête"))

    # Aa, nulmeting 31-12-2023, streef 31-12-2027 (1461 dagen); meting 31-12-2025 (731 dagen):
    # verwacht 50 + 10·731/1461 = 55,003.
    doel(plan_a, hoger[0], 50, 2023, 60, 2027)  # gemeten 55,0 → achterstand 0,0003 → op koers
    meting(hoger[0], a, D(2025, 12, 31), 55.0)
    meting(hoger[0], a, D(2026, 12, 31), 0.0)  # ná de peildatum: telt niet
    doel(plan_a, hoger[1], 50, 2023, 60, 2027)  # gemeten 53,0 → achterstand 0,200 → achter
    meting(hoger[1], a, D(2025, 12, 31), 53.0)
    doel(plan_a, lager, 20, 2023, 10, 2027)  # verwacht 15,0; gemeten 19 → achterstand 0,4 → ver achter
    meting(lager, a, D(2025, 12, 31), 19.0)
    doel(plan_a, hoger[2], 50, 2023, 60, 2027)  # geen meting → geen gegevens
    doel(plan_b, hoger[0], 10, 2025, 20, 2027)  # conceptplan: telt niet
    # Cc: nul 10 (31-12-2025), streef 20 (31-12-2029); meting 30-06-2026 = 12, verwacht 11,24 → op koers.
    doel(plan_c, hoger[3], 10, 2025, 20, 2029)
    meting(hoger[3], c, D(2026, 6, 30), 12.0)

    # Budget. Aa: oormerk 2026 € 100.000, uitgaven 2026 € 30.000 + € 20.000 (en € 10.000 in 2025) → 50%.
    # Bb: oormerk 2025–2026 € 40.000 → € 20.000 voor 2026; uitgaven 2026 € 30.000 → 150%. Cc: geen.
    def oormerk(wijk, van, tot, bedrag, uitgaven):
        o = Oormerk(wijk=wijk, naam=f"Oormerk {wijk.naam}", jaar_van=van, jaar_tot=tot, bron="stadsdeelbudget",
                    bedrag=Decimal(bedrag), budgethouder="B")
        post = Budgetpost(oormerk=o, naam="Alles", bedrag=Decimal(bedrag))
        sessie.add_all([o, post])
        for datum, bedrag_uitgave in uitgaven:
            sessie.add(Uitgave(wijk=wijk, datum=datum, bedrag=Decimal(bedrag_uitgave), budgetpost=post,
                               omschrijving="-"))

    oormerk(a, 2026, 2026, "100000", [(D(2026, 2, 1), "30000"), (D(2026, 9, 1), "20000")])
    oormerk(a, 2025, 2025, "50000", [(D(2025, 5, 1), "10000")])
    oormerk(b, 2025, 2026, "40000", [(D(2026, 3, 1), "30000")])

    # Maatregelen. Aa: 40% lopend 01-01-2026 → 31-12-2026 (achter schema: 100·330 − 40·364 > 15·364),
    # 100% afgerond, en een gestopte (telt niet) → 2 maatregelen, gemiddeld 70%, 1 achter.
    # Bb: alleen in het conceptplan (telt niet). Cc: vertraagd 20% → 1, 20%, 1 achter.
    def maatregel(plan, voortgang, status, start=None, eind=None):
        sessie.add(Maatregel(wijkplan=plan, ambitie=amb1, naam="-", verantwoordelijke="-", voortgang=voortgang,
                             status=status, start=start, eind=eind))

    maatregel(plan_a, 40, "in_uitvoering", D(2026, 1, 1), D(2026, 12, 31))
    maatregel(plan_a, 100, "afgerond", D(2025, 1, 1), D(2025, 12, 31))
    maatregel(plan_a, 10, "gestopt")
    maatregel(plan_b, 0, "gepland")
    maatregel(plan_c, 20, "vertraagd", D(2026, 1, 1), D(2027, 12, 31))

    # Meldingen in 2026 tot en met de peildatum. Aa: 3 (plus één uit 2025 en één op 28-11-2026, ná de
    # peildatum); inwoners 2026: 2.000 → 1,5 per 1.000. Bb: 2, inwoners alleen 2024: 4.000 → 0,5.
    # Cc: 1, geen inwonertal → geen cijfer.
    for ontvangen in (T(2026, 1, 5, 9), T(2026, 6, 1, 9), T(2026, 11, 27, 16), T(2025, 12, 31, 9), T(2026, 11, 28, 9)):
        sessie.add(_melding(a, ontvangen))
    for ontvangen in (T(2026, 2, 1, 9), T(2026, 3, 1, 9)):
        sessie.add(_melding(b, ontvangen))
    sessie.add(_melding(c, T(2026, 4, 1, 9)))
    sessie.add_all([
        WijkInwoners(wijk=a, jaar=2025, aantal=1000),
        WijkInwoners(wijk=a, jaar=2026, aantal=2000),
        WijkInwoners(wijk=a, jaar=2027, aantal=9999),
        WijkInwoners(wijk=b, jaar=2024, aantal=4000),
    ])
    sessie.flush()
    assert werkdagen_tussen(D(2026, 1, 1), D(2026, 1, 2)) == 1  # holidays-pakket geladen


@pytest.fixture
def data(sessie: Session) -> Session:
    _bouw(sessie)
    return sessie


def _tel_queries(sessie: Session):
    teller = {"n": 0}

    def tel(*_args):
        teller["n"] += 1

    event.listen(sessie.get_bind(), "before_cursor_execute", tel)
    return teller, lambda: event.remove(sessie.get_bind(), "before_cursor_execute", tel)


def test_wijk_opties_en_standaardkeuze(data):
    opties = wijk_opties(data)
    assert [(o.slug, o.stadsdeel, o.werkwijze) for o in opties] == [("aa", "Noord", "WOP"), ("bb", "Oost", "WOP"),
                                                                    ("cc", "Noord", "SHR")]
    # Geen Kerkelanden/Sluitersveld/De Riet: de eerste drie op naam.
    assert standaard_wijken(opties) == ["aa", "bb", "cc"]


def test_vergelijk_wijken_per_maat(data):
    wijken = vergelijk_wijken(data, ["cc", "onbekend", "aa", "bb"], 2026, VANDAAG)
    assert [w.slug for w in wijken] == ["cc", "aa", "bb"]
    cc, aa, bb = (w.maten for w in wijken)

    assert [(s.nummer, s.waardering) for s in wijken[1].ambitiescores] == [(1, 7.0), (2, 8.0)]
    assert [(s.nummer, s.waardering) for s in wijken[2].ambitiescores] == [(1, 5.0), (2, None)]
    assert [s.waardering for s in wijken[0].ambitiescores] == [None, None]
    assert aa.ambitiescore == pytest.approx(7.5)
    assert bb.ambitiescore == pytest.approx(5.0)
    assert cc.ambitiescore is None

    assert (aa.doelstellingen.op_koers, aa.doelstellingen.achter, aa.doelstellingen.ver_achter,
            aa.doelstellingen.geen_data) == (1, 1, 1, 1)
    assert aa.aandeel_op_koers == pytest.approx(0.25)
    assert bb.doelstellingen.totaal == 0 and bb.aandeel_op_koers is None
    assert cc.doelstellingen.op_koers == 1 and cc.aandeel_op_koers == pytest.approx(1.0)

    assert (aa.oormerk, aa.uitgaven, aa.budgetbenutting) == (pytest.approx(100000), pytest.approx(50000),
                                                              pytest.approx(0.5))
    assert (bb.oormerk, bb.uitgaven, bb.budgetbenutting) == (pytest.approx(20000), pytest.approx(30000),
                                                              pytest.approx(1.5))
    assert (cc.oormerk, cc.uitgaven, cc.budgetbenutting) == (0, 0, None)

    assert (aa.maatregelen, aa.voortgang_gemiddeld, aa.maatregelen_achter_schema) == (2, pytest.approx(70.0), 1)
    assert (bb.maatregelen, bb.voortgang_gemiddeld, bb.maatregelen_achter_schema) == (0, None, 0)
    assert (cc.maatregelen, cc.voortgang_gemiddeld, cc.maatregelen_achter_schema) == (1, pytest.approx(20.0), 1)

    assert (aa.meldingen, aa.inwoners, aa.meldingen_per_1000) == (3, 2000, pytest.approx(1.5))
    assert (bb.meldingen, bb.inwoners, bb.meldingen_per_1000) == (2, 4000, pytest.approx(0.5))
    assert (cc.meldingen, cc.inwoners, cc.meldingen_per_1000) == (1, None, None)


def test_vergelijk_wijken_verleden_jaar(data):
    """2025: peildatum 31-12-2025. Aa's plan loopt; het oormerk 2025 is € 50.000 met € 10.000 uitgegeven;
    de lopende maatregel begon pas in 2026 (niet achter schema); 1 melding; inwoners 2025: 1.000."""
    (aa,) = vergelijk_wijken(data, ["aa"], 2025, VANDAAG)
    m = aa.maten
    assert m.budgetbenutting == pytest.approx(0.2)
    assert (m.maatregelen, m.maatregelen_achter_schema) == (2, 0)
    assert (m.meldingen, m.inwoners, m.meldingen_per_1000) == (1, 1000, pytest.approx(1.0))
    # Op 31-12-2025 had Aa alleen de wijkanalyse niet; de vastgestelde evaluatie 2025 telt.
    assert m.ambitiescore == pytest.approx(7.5)


def test_vergelijk_werkwijzen(data):
    werkwijzen = {w.code: w for w in vergelijk_werkwijzen(data, 2026, VANDAAG)}
    assert list(werkwijzen) == ["WOP", "AWA", "SHR"]
    wop, awa, shr = werkwijzen["WOP"], werkwijzen["AWA"], werkwijzen["SHR"]
    assert (wop.wijken, awa.wijken, shr.wijken) == (2, 0, 1)
    # WOP = Aa + Bb. Ambitiescore: gemiddelde van 7,0 / 8,0 / 5,0 = 6,667.
    assert wop.maten.ambitiescore == pytest.approx(20 / 3)
    assert [s.waardering for s in wop.ambitiescores] == [pytest.approx(6.0), pytest.approx(8.0)]
    assert wop.maten.aandeel_op_koers == pytest.approx(0.25)
    # Budget: (50.000 + 30.000) / (100.000 + 20.000).
    assert wop.maten.budgetbenutting == pytest.approx(80000 / 120000)
    assert (wop.maten.maatregelen, wop.maten.voortgang_gemiddeld, wop.maten.maatregelen_achter_schema) == (
        2, pytest.approx(70.0), 1)
    # Meldingen: (3 + 2) per (2.000 + 4.000) inwoners.
    assert wop.maten.meldingen_per_1000 == pytest.approx(5000 / 6000)
    assert shr.maten.ambitiescore is None
    assert shr.maten.aandeel_op_koers == pytest.approx(1.0)
    assert shr.maten.budgetbenutting is None
    assert (shr.maten.voortgang_gemiddeld, shr.maten.maatregelen_achter_schema) == (pytest.approx(20.0), 1)
    assert shr.maten.meldingen == 1 and shr.maten.meldingen_per_1000 is None
    assert awa.maten.ambitiescore is None and awa.maten.maatregelen == 0 and awa.naam == "Almelose wijkaanpak"


def test_aantal_queries_ligt_vast(data):
    """Geen query per wijk: het aantal queries hangt niet af van het aantal gekozen wijken."""
    teller, stop = _tel_queries(data)
    try:
        vergelijk_wijken(data, ["aa"], 2026, VANDAAG)
        een = teller["n"]
        teller["n"] = 0
        vergelijk_wijken(data, ["aa", "bb", "cc"], 2026, VANDAAG)
        drie = teller["n"]
        teller["n"] = 0
        kaartgegevens(data, "ambitiescore", 2026, VANDAAG)
        kaart = teller["n"]
    finally:
        stop()
    assert een == drie <= 5
    assert kaart <= 4


def test_kaartgegevens_per_maat(data):
    verwacht = {
        "ambitiescore": {"aa": 7.5, "bb": 5.0, "cc": None},
        "budgetbenutting": {"aa": 0.5, "bb": 1.5, "cc": None},
        "meldingen": {"aa": 1.5, "bb": 0.5, "cc": None},
        "op_koers": {"aa": 0.25, "bb": None, "cc": 1.0},
    }
    for maat in kaartmaten:
        gegevens = kaartgegevens(data, maat.code, 2026, VANDAAG)
        assert gegevens.maat is maat and not gegevens.met_grenzen
        waarden = {w.slug: w.waarde for w in gegevens.wijken}
        assert waarden == {k: (None if v is None else pytest.approx(v)) for k, v in verwacht[maat.code].items()}
    # Tegels: stadsdelen op naam (Noord, Oost), binnen een stadsdeel de wijken op naam.
    gegevens = kaartgegevens(data, "onzin", 2026, VANDAAG)
    assert gegevens.maat.code == "ambitiescore"
    assert {w.slug: (w.kolom, w.rij) for w in gegevens.wijken} == {"aa": (0, 0), "cc": (1, 0), "bb": (0, 1)}
    assert kies_kaartmaat("budgetbenutting").formatteer(1.08) == "108%"
    assert kies_kaartmaat("meldingen").formatteer(8.919) == "8,9"


def test_tegelposities_breken_af_na_vier_per_rij():
    wijken = [(f"w{i}", f"Wijk {i}", "Zuid") for i in range(6)] + [("x", "Xeno", "Centrum")]
    posities = tegelposities(wijken)
    assert posities["x"] == (0, 0)
    assert [posities[f"w{i}"] for i in range(6)] == [(0, 1), (1, 1), (2, 1), (3, 1), (0, 2), (1, 2)]


def test_vergelijking_in_een_keer_geeft_hetzelfde(data):
    """``/vergelijk`` haalt wijken, werkwijzen en de maten voor de kaart uit één basis; de uitkomst is dezelfde
    als die van de losse functies, en de kaart uit die maten is dezelfde kaart."""
    from datalaag.kaart import kaartgegevens_uit_maten
    from datalaag.vergelijk import maten_per_wijk, vergelijking

    alles = vergelijking(data, ["bb", "aa", "onbekend"], 2026, VANDAAG)
    assert [w.slug for w in alles.wijken] == ["bb", "aa"]
    assert alles.wijken == vergelijk_wijken(data, ["bb", "aa", "onbekend"], 2026, VANDAAG)
    assert alles.werkwijzen == vergelijk_werkwijzen(data, 2026, VANDAAG)
    assert alles.maten == maten_per_wijk(data, 2026, VANDAAG)
    for maat in kaartmaten:
        assert kaartgegevens_uit_maten(data, maat, 2026, VANDAAG, alles.maten) == kaartgegevens(
            data, maat.code, 2026, VANDAAG)
    assert vergelijking(data, [], 2026, VANDAAG).wijken == []
