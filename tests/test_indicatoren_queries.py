"""Leesqueries van ``/indicatoren`` (datalaag.indicatoren) op SQLite én PostgreSQL, en de definitie
*doelbereik*.

Eén kleine, met de hand gemaakte dataset (``_bouw_dataset``): drie wijken, drie indicatoren
(``hoger_is_beter``, ``lager_is_beter`` en een telling met inwoners), absolute en relatieve
streefwaarden. De verwachte waarden zijn met de hand uitgerekend; de berekening staat erbij.

Rechte lijn nulmeting → streefwaarde: nulmeting 31-12-2023, streefdatum 31-12-2027 = 1461 dagen.
Peildatum 31-12-2025 ligt 731 dagen na de nulmeting (fractie 731/1461 = 0,500342); 30-06-2025 ligt
er 547 dagen na (fractie 547/1461 = 0,374401).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.afgeleid import doelbereik
from datalaag.indicatoren import (
    AmbitieKeuze,
    IndicatorKeuze,
    ambities_met_indicatoren,
    indicator_overzicht,
)
from datalaag.models import (
    Ambitie,
    Doelstelling,
    Indicator,
    Meting,
    Stadsdeel,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
)
from tests.hulp import tel_queries as _tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)
F1 = 731 / 1461  # 31-12-2023 → 31-12-2025
F2 = 547 / 1461  # 31-12-2023 → 30-06-2025


# --------------------------------------------------------------------------- doelbereik (zuiver)


def test_doelbereik_hoger_is_beter():
    # (6,5 − 6,0) / (7,0 − 6,0) = 0,5
    assert doelbereik(6.0, 7.0, 6.5, "hoger_is_beter") == pytest.approx(0.5)
    # de verkeerde kant op: (5,8 − 6,0) / 1,0 = −0,2
    assert doelbereik(6.0, 7.0, 5.8, "hoger_is_beter") == pytest.approx(-0.2)


def test_doelbereik_lager_is_beter():
    # −1 × (25 − 30) / |20 − 30| = 0,5
    assert doelbereik(30.0, 20.0, 25.0, "lager_is_beter") == pytest.approx(0.5)
    # gestegen in plaats van gedaald: −1 × (32 − 30) / 10 = −0,2
    assert doelbereik(30.0, 20.0, 32.0, "lager_is_beter") == pytest.approx(-0.2)


def test_doelbereik_voorbij_de_streefwaarde_is_meer_dan_100_procent():
    assert doelbereik(6.0, 7.0, 7.5, "hoger_is_beter") == pytest.approx(1.5)
    assert doelbereik(30.0, 20.0, 15.0, "lager_is_beter") == pytest.approx(1.5)
    assert doelbereik(6.0, 7.0, 7.0, "hoger_is_beter") == pytest.approx(1.0)
    assert doelbereik(6.0, 7.0, 6.0, "hoger_is_beter") == 0


def test_doelbereik_zonder_beoogde_verandering_of_zonder_gegevens():
    # Handhaven (streef = nul): geen fractie te nemen.
    assert doelbereik(5.0, 5.0, 5.2, "hoger_is_beter") is None
    assert doelbereik(0.0, 0.0, 0.0, "lager_is_beter") is None
    assert doelbereik(6.0, 7.0, None, "hoger_is_beter") is None
    assert doelbereik(None, 7.0, 6.5, "hoger_is_beter") is None
    assert doelbereik(6.0, None, 6.5, "hoger_is_beter") is None


def test_doelbereik_onbekende_richting():
    with pytest.raises(ValueError):
        doelbereik(6.0, 7.0, 6.5, "omhoog")


# --------------------------------------------------------------------------- dataset


@dataclass
class Dataset:
    cohesie: Indicator  # hoger_is_beter, ambitie 1
    onveilig: Indicator  # lager_is_beter, ambitie 2
    meldingen: Indicator  # telling, lager_is_beter, ambitie 2


def _bouw_dataset(sessie: Session) -> Dataset:
    """Sluitersveld: plan 2024–2027 vastgesteld, doelstellingen op alle drie de indicatoren.
    Kerkelanden: plan 2020–2023 (vastgesteld) en plan 2024–2027 (geëvalueerd), elk met een
    doelstelling op cohesie; 2024–2027 ook op onveilig (handhaven). De Riet: alleen een
    concept-plan (telt niet) en metingen."""
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    amb1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    amb2 = Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="-")
    amb3 = Ambitie(nummer=3, korte_naam="Zonder indicatoren", tekst="-")
    sessie.add_all([stadsdeel, amb1, amb2, amb3])
    sessie.flush()
    cohesie = Indicator(naam="Sociale cohesie", eenheid="schaalscore", ambitie=amb1, bron="enquête",
                        richting="hoger_is_beter")
    onveilig = Indicator(naam="% onveilig", eenheid="%", ambitie=amb2, bron="enquête", richting="lager_is_beter")
    meldingen = Indicator(naam="Meldingen verloedering", eenheid="aantal", ambitie=amb2, bron="meldingen",
                          richting="lager_is_beter", is_telling=True, meetfrequentie_maanden=6)
    sessie.add_all([cohesie, onveilig, meldingen])
    sessie.flush()  # ids in deze volgorde: cohesie < onveilig < meldingen

    sv = Wijk(naam="Sluitersveld", slug="sluitersveld", stadsdeel=stadsdeel, werkwijze="WOP")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="WOP")
    sessie.add_all([sv, kl, dr])

    def plan(wijk, van, tot, status):
        p = Wijkplan(wijk=wijk, titel=f"Plan {wijk.naam} {van}", werkwijze="WOP", periode_van=van,
                     periode_tot=tot, status=status)
        sessie.add(p)
        return p

    def doel(p, indicator, nul, nuljaar, streef_type, streef, streefjaar):
        sessie.add(Doelstelling(wijkplan=p, ambitie_id=indicator.ambitie_id, indicator=indicator,
                                tekst=f"{indicator.naam} {p.wijk.naam}", nulmeting_waarde=nul, nulmeting_jaar=nuljaar,
                                streef_type=streef_type, streefwaarde=streef, streefjaar=streefjaar))

    def meting(indicator, wijk, peildatum, waarde):
        sessie.add(Meting(indicator=indicator, wijk=wijk, peildatum=peildatum, waarde=waarde, bron="test"))

    plan_sv = plan(sv, 2024, 2027, "vastgesteld")
    plan_kl_oud = plan(kl, 2020, 2023, "vastgesteld")
    plan_kl = plan(kl, 2024, 2027, "geevalueerd")
    plan_dr = plan(dr, 2026, 2029, "concept")

    doel(plan_sv, cohesie, 6.0, 2023, "absoluut", 7.0, 2027)
    doel(plan_kl_oud, cohesie, 5.0, 2019, "absoluut", 6.0, 2023)
    doel(plan_kl, cohesie, 5.5, 2023, "relatief", 20.0, 2027)  # streef 5,5 × 1,2 = 6,6
    doel(plan_dr, cohesie, 7.0, 2025, "absoluut", 9.0, 2029)  # concept: telt niet
    doel(plan_sv, onveilig, 30.0, 2023, "absoluut", 20.0, 2027)
    doel(plan_kl, onveilig, 30.0, 2023, "absoluut", 30.0, 2027)  # handhaven
    doel(plan_sv, meldingen, 40.0, 2023, "relatief", -20.0, 2027)  # streef 40 × 0,8 = 32

    for peildatum, waarde in [(D(2023, 12, 31), 6.0), (D(2024, 12, 31), 6.5), (D(2025, 12, 31), 6.8),
                              (D(2026, 12, 31), 7.5)]:  # de laatste ligt na de peildatum 27-11-2026
        meting(cohesie, sv, peildatum, waarde)
    for peildatum, waarde in [(D(2023, 12, 31), 5.5), (D(2024, 12, 31), 6.0), (D(2025, 12, 31), 5.9)]:
        meting(cohesie, kl, peildatum, waarde)
    meting(cohesie, dr, D(2025, 12, 31), 7.0)
    meting(onveilig, sv, D(2025, 12, 31), 27.0)
    meting(onveilig, kl, D(2025, 12, 31), 30.3)
    for peildatum, waarde in [(D(2024, 6, 30), 45), (D(2025, 6, 30), 40), (D(2026, 6, 30), 38)]:
        meting(meldingen, sv, peildatum, waarde)
    meting(meldingen, kl, D(2025, 12, 31), 10)

    # Inwoners: Sluitersveld 2023–2025 (2026 en 2027 nog onbekend), Kerkelanden alleen 2025.
    for jaar, aantal in [(2023, 4000), (2024, 5000), (2025, 5000)]:
        sessie.add(WijkInwoners(wijk=sv, jaar=jaar, aantal=aantal))
    sessie.add(WijkInwoners(wijk=kl, jaar=2025, aantal=2000))
    sessie.flush()
    return Dataset(cohesie, onveilig, meldingen)




# --------------------------------------------------------------------------- keuzelijsten


def test_ambities_met_indicatoren(sessie):
    ds = _bouw_dataset(sessie)
    assert ambities_met_indicatoren(sessie) == [
        AmbitieKeuze(1, "Betrokkenheid", (IndicatorKeuze(ds.cohesie.id, "Sociale cohesie", "schaalscore"),)),
        AmbitieKeuze(
            2,
            "Leefbaarheid",
            (
                IndicatorKeuze(ds.onveilig.id, "% onveilig", "%"),
                IndicatorKeuze(ds.meldingen.id, "Meldingen verloedering", "aantal"),
            ),
        ),
        AmbitieKeuze(3, "Zonder indicatoren", ()),
    ]


def test_ambities_met_indicatoren_lege_database(sessie):
    assert ambities_met_indicatoren(sessie) == []


# --------------------------------------------------------------------------- overzicht


def test_hoger_is_beter_reeksen_status_en_rangorde(sessie):
    ds = _bouw_dataset(sessie)
    with _tel_queries(sessie) as teller:
        o = indicator_overzicht(sessie, ds.cohesie.id, 2026, VANDAAG)
    assert teller["n"] <= 4
    assert o is not None
    assert (o.naam, o.eenheid_getoond, o.richting, o.is_telling) == ("Sociale cohesie", "schaalscore", "hoger_is_beter", False)
    assert (o.ambitie_nummer, o.ambitie_naam, o.jaar, o.peildatum) == (1, "Betrokkenheid", 2026, VANDAAG)
    # Alle wijken, op naam.
    assert [w.slug for w in o.wijken] == ["de-riet", "kerkelanden", "sluitersveld"]
    dr, kl, sv = o.wijken

    # Sluitersveld: de meting van 31-12-2026 ligt na de peildatum en telt niet mee.
    assert [(m.peildatum, m.waarde, m.getoond) for m in sv.metingen] == [
        (D(2023, 12, 31), 6.0, 6.0), (D(2024, 12, 31), 6.5, 6.5), (D(2025, 12, 31), 6.8, 6.8)
    ]
    assert all(m.per_1000 is None for m in sv.metingen)
    assert sv.laatste.peildatum == D(2025, 12, 31)
    d = sv.doelstelling
    assert (d.nulmeting_waarde, d.nulmeting_jaar, d.streefwaarde_absoluut, d.streefjaar) == (6.0, 2023, 7.0, 2027)
    assert (d.nulmeting_getoond, d.streefwaarde_getoond, d.richting) == (6.0, 7.0, "hoger_is_beter")
    # verwacht 6,0 + F1 × 1,0 = 6,5003; gemeten 6,8 ligt voor → op koers; (6,8 − 6,0) / 1,0 = 0,8
    assert sv.status == a.OP_KOERS
    assert sv.doelbereik == pytest.approx(0.8)

    # Kerkelanden: de doelstelling van het in 2026 actieve (geëvalueerde) plan, relatief +20%.
    d = kl.doelstelling
    assert (d.nulmeting_waarde, d.nulmeting_jaar, d.streef_type, d.streefwaarde) == (5.5, 2023, "relatief", 20.0)
    assert d.streefwaarde_absoluut == pytest.approx(6.6)
    # verwacht 5,5 + F1 × 1,1 = 6,0504; achterstand (6,0504 − 5,9) / 1,1 = 0,137 → achter
    assert 5.5 + F1 * 1.1 == pytest.approx(6.05038, abs=1e-5)
    assert kl.status == a.ACHTER
    assert kl.doelbereik == pytest.approx(0.4 / 1.1)  # (5,9 − 5,5) / 1,1 = 0,3636

    # De Riet: alleen een concept-plan → geen doelstelling; wel de meting.
    assert dr.doelstelling is None
    assert [(m.peildatum, m.waarde) for m in dr.metingen] == [(D(2025, 12, 31), 7.0)]
    assert (dr.status, dr.doelbereik) == (a.GEEN_DATA, None)

    assert [w.slug for w in o.rangorde] == ["sluitersveld", "kerkelanden"]
    assert [w.slug for w in o.met_gegevens] == ["de-riet", "kerkelanden", "sluitersveld"]


def test_verstreken_jaar_gebruikt_het_plan_van_toen(sessie):
    ds = _bouw_dataset(sessie)
    o = indicator_overzicht(sessie, ds.cohesie.id, 2023, VANDAAG)
    assert o.peildatum == D(2023, 12, 31)
    dr, kl, sv = o.wijken
    # Kerkelanden 2023: plan 2020–2023, nul 5,0 (2019) → 6,0 (2023); meting 31-12-2023 = 5,5.
    # Op de streefdatum is de verwachte waarde 6,0: achterstand 0,5 / 1,0 → ver achter.
    assert kl.doelstelling.nulmeting_jaar == 2019
    assert [m.peildatum for m in kl.metingen] == [D(2023, 12, 31)]
    assert kl.status == a.VER_ACHTER
    assert kl.doelbereik == pytest.approx(0.5)
    # Sluitersveld: plan 2024–2027 is in 2023 niet actief.
    assert sv.doelstelling is None and sv.status == a.GEEN_DATA
    assert [m.peildatum for m in sv.metingen] == [D(2023, 12, 31)]
    assert [w.slug for w in o.rangorde] == ["kerkelanden"]


def test_lager_is_beter_en_handhaven(sessie):
    ds = _bouw_dataset(sessie)
    o = indicator_overzicht(sessie, ds.onveilig.id, 2026, VANDAAG)
    dr, kl, sv = o.wijken
    # Sluitersveld 30 → 20: verwacht 30 − F1 × 10 = 24,997; gemeten 27,0;
    # achterstand −1 × (24,997 − 27,0) / 10 = 0,2003 → achter; doelbereik −1 × (27 − 30) / 10 = 0,3
    assert sv.status == a.ACHTER
    assert sv.doelbereik == pytest.approx(0.3)
    # Kerkelanden handhaven op 30: 30,3 is 0,3 slechter, binnen 2% van 30 (0,6) → op koers; geen doelbereik.
    assert kl.status == a.OP_KOERS
    assert kl.doelbereik is None
    # De Riet: geen doelstelling en geen metingen op deze indicator.
    assert dr.doelstelling is None and dr.metingen == () and dr.laatste is None
    assert [w.slug for w in o.rangorde] == ["sluitersveld"]
    assert [w.slug for w in o.met_gegevens] == ["kerkelanden", "sluitersveld"]


def test_telling_per_1000_inwoners(sessie):
    ds = _bouw_dataset(sessie)
    with _tel_queries(sessie) as teller:
        o = indicator_overzicht(sessie, ds.meldingen.id, 2026, VANDAAG)
    assert teller["n"] <= 4
    assert o.is_telling and o.eenheid_getoond == "per 1.000 inwoners"
    dr, kl, sv = o.wijken
    # Metingen met de inwoners van hun jaar: 45 / 5.000 × 1.000 = 9,0; 40 / 5.000 × 1.000 = 8,0;
    # 2026 heeft geen inwonertal → niet om te rekenen.
    assert [(m.peildatum, m.waarde, m.inwoners, m.per_1000) for m in sv.metingen] == [
        (D(2024, 6, 30), 45.0, 5000, pytest.approx(9.0)),
        (D(2025, 6, 30), 40.0, 5000, pytest.approx(8.0)),
        (D(2026, 6, 30), 38.0, None, None),
    ]
    assert [m.getoond for m in sv.metingen] == [pytest.approx(9.0), pytest.approx(8.0), None]
    # De laatste meting die getoond kan worden.
    assert sv.laatste.peildatum == D(2025, 6, 30)
    d = sv.doelstelling
    # Nulmeting 40 met de inwoners van 2023: 40 / 4.000 × 1.000 = 10,0.
    assert (d.nulmeting_inwoners, d.nulmeting_getoond) == (4000, pytest.approx(10.0))
    # Streefwaarde 40 × 0,8 = 32 met de inwoners van 2027, onbekend → laatst bekende jaar 2025:
    # 32 / 5.000 × 1.000 = 6,4.
    assert d.streefwaarde_absoluut == pytest.approx(32.0)
    assert (d.streef_inwoners_jaar, d.streef_inwoners, d.streefwaarde_getoond) == (2025, 5000, pytest.approx(6.4))
    # Status op de cijfers per 1.000: verwacht 10 − F2 × 3,6 = 8,652 op 30-06-2025, gemeten 8,0
    # (voor) → op koers. (Op de aantallen zelf zou het ver achter zijn: 40 tegen verwacht 37,0.)
    assert sv.status == a.OP_KOERS
    assert a.op_koers(nulwaarde=40, nuljaar=2023, streef_type="relatief", streefwaarde=-20, streefjaar=2027,
                      richting="lager_is_beter", meting_waarde=40, meting_peildatum=D(2025, 6, 30)) == a.VER_ACHTER
    # Doelbereik −1 × (8,0 − 10,0) / |6,4 − 10,0| = 2 / 3,6 = 0,5556
    assert sv.doelbereik == pytest.approx(2 / 3.6)
    # Kerkelanden: 10 / 2.000 × 1.000 = 5,0, geen doelstelling.
    assert [(m.getoond, m.inwoners) for m in kl.metingen] == [(pytest.approx(5.0), 2000)]
    assert kl.doelstelling is None and kl.status == a.GEEN_DATA
    assert dr.metingen == ()
    assert [w.slug for w in o.rangorde] == ["sluitersveld"]


def test_onbekende_indicator(sessie):
    _bouw_dataset(sessie)
    assert indicator_overzicht(sessie, 999_999, 2026, VANDAAG) is None


def test_aantal_queries_hangt_niet_af_van_het_aantal_wijken(sessie):
    ds = _bouw_dataset(sessie)
    stadsdeel = sessie.query(Stadsdeel).one()
    for n in range(20):
        wijk = Wijk(naam=f"Extra {n:02d}", slug=f"extra-{n:02d}", stadsdeel=stadsdeel, werkwijze="WOP")
        sessie.add(wijk)
        sessie.add(Meting(indicator=ds.cohesie, wijk=wijk, peildatum=D(2025, 12, 31), waarde=6.0, bron="test"))
        sessie.add(WijkInwoners(wijk=wijk, jaar=2025, aantal=1000))
    sessie.flush()
    with _tel_queries(sessie) as teller:
        o = indicator_overzicht(sessie, ds.cohesie.id, 2026, VANDAAG)
    assert teller["n"] == 3
    assert len(o.wijken) == 23


# --------------------------------------------------------------------------- pagina: panelen en pagineren


@pytest.fixture
def indicatorpagina(monkeypatch):
    """``pagina/indicatoren.py`` als losse module, zonder Dash-app: ``register_page`` en ``callback`` doen
    niets (de module komt niet in ``sys.modules``, dus een latere ``create_app`` merkt er niets van)."""
    import importlib.util
    from pathlib import Path

    import dash

    from dashboard.thema import registreer_template

    registreer_template()  # zoals create_app: de huisstijl als standaardtemplate
    monkeypatch.setattr(dash, "register_page", lambda *args, **kwargs: None)
    monkeypatch.setattr(dash, "callback", lambda *args, **kwargs: (lambda f: f))
    pad = Path(__file__).resolve().parents[1] / "pagina" / "indicatoren.py"
    spec = importlib.util.spec_from_file_location("indicatoren_onder_test", pad)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _overzicht_met(n: int):
    from datalaag.indicatoren import (
        DoelstellingWaarden,
        IndicatorOverzicht,
        Meetpunt,
        WijkIndicator,
    )

    def wijk(i: int) -> WijkIndicator:
        doel = DoelstellingWaarden(
            id=i, tekst="t", soort="nieuw", richting="hoger_is_beter", nulmeting_waarde=50.0, nulmeting_jaar=2020,
            streef_type="absoluut", streefwaarde=60.0, streefwaarde_absoluut=60.0, streefjaar=2030,
            nulmeting_inwoners=None, streef_inwoners=None, streef_inwoners_jaar=None,
            nulmeting_getoond=50.0, streefwaarde_getoond=60.0,
        ) if i % 3 else None  # elke derde wijk zonder doelstelling
        metingen = tuple(Meetpunt(D(j, 12, 31), 50.0 + i / 7, None, None, 50.0 + i / 7) for j in (2021, 2022))
        return WijkIndicator(slug=f"wijk-{i:03d}", naam=f"Wijk <{i:03d}>", doelstelling=doel, metingen=metingen,
                             laatste=metingen[-1], status="op_koers" if doel else "geen_data", doelbereik=None)

    return IndicatorOverzicht(indicator_id=7, naam="% contact", eenheid="%", bron="enquête",
                              richting="hoger_is_beter", is_telling=False, ambitie_nummer=1, ambitie_naam="A",
                              jaar=2025, peildatum=D(2025, 12, 31), wijken=tuple(wijk(i) for i in range(n)))


def test_kies_pagina(indicatorpagina):
    m = indicatorpagina
    panelen = list(_overzicht_met(45).met_gegevens)
    assert m.PER_PAGINA == 20
    assert m.kies_pagina(None, panelen, None) == (1, 3)
    assert m.kies_pagina("2", panelen, None) == (2, 3)
    assert m.kies_pagina("99", panelen, None) == (3, 3)  # te groot: de laatste
    assert m.kies_pagina("0", panelen, None) == (1, 3)
    assert m.kies_pagina("abc", panelen, None) == (1, 3)
    # Zonder pagina in de URL: de pagina met de gemarkeerde wijk; een pagina in de URL gaat voor.
    assert m.kies_pagina(None, panelen, "wijk-041") == (3, 3)
    assert m.kies_pagina("1", panelen, "wijk-041") == (1, 3)
    assert m.kies_pagina(None, panelen[:12], "bestaat-niet") == (1, 1)


def test_small_multiples_als_dict_een_paneel_per_wijk(indicatorpagina):
    m = indicatorpagina
    o = _overzicht_met(7)
    panelen = list(o.met_gegevens)
    fig = m.maak_small_multiples(o, panelen, "wijk-005")
    layout = fig["layout"]
    # Eén as-paar per paneel, vier per rij; gedeelde assen; de eenheid alleen links.
    assert [k for k in layout if k.startswith("xaxis")] == ["xaxis", *[f"xaxis{i}" for i in range(2, 8)]]
    assert all(layout[f"xaxis{i}"]["matches"] == "x" and layout[f"yaxis{i}"]["matches"] == "y" for i in range(2, 8))
    assert "title" in layout["yaxis"] and "title" in layout["yaxis5"] and "title" not in layout["yaxis2"]
    assert layout["yaxis2"]["showticklabels"] is False
    assert layout["xaxis"]["domain"][0] == 0 and layout["xaxis4"]["domain"][1] == pytest.approx(1)
    assert layout["yaxis"]["domain"][1] == 1 and layout["yaxis5"]["domain"][0] == pytest.approx(0)
    # Titels: naam (ontsnapt) en status, boven het midden van het paneel.
    titels = [t["text"] for t in layout["annotations"]]
    assert len(titels) == 7 and titels[0].startswith("<b>Wijk &lt;000&gt;</b>")
    assert "geen doelstelling" in titels[0] and "Op koers" in titels[1]
    # Sporen op de as van hun paneel, met de slug voor een klik; de markering omlijnt paneel 6.
    meting = [s for s in fig["data"] if s["name"] == "Meting"]
    assert [(s["xaxis"], s["customdata"][0]) for s in meting][:2] == [("x", "wijk-000"), ("x2", "wijk-001")]
    assert meting[1]["x"] == ["2021-12-31", "2022-12-31"] and meting[1]["y"] == [round(50 + 1 / 7, 4)] * 2
    assert "Wijk &lt;001&gt;" in meting[1]["hovertemplate"]
    assert sum(s["showlegend"] for s in fig["data"]) == 3  # meting, streeflijn, nulmeting één keer
    assert [(v["xref"], v["yref"]) for v in layout["shapes"]] == [("x6 domain", "y6 domain")]
    assert layout["template"]["layout"]["separators"] == ",."  # het huisstijltemplate reist mee
    assert layout["height"] == m.PANEELHOOGTE * 2 + 90


def test_paginering_links_houden_de_keuzes(indicatorpagina):
    m = indicatorpagina
    nav = m.maak_paginering({"ambitie": "2", "indicator": "7", "jaar": "2025", "wijk": "x"}, 2, 3, 45)
    tekst = str(nav)
    assert "Wijken 21–40 van 45 (pagina 2 van 3)." in tekst
    hrefs = [li.children.href for li in nav.children[1].children if hasattr(li.children, "href")]
    assert hrefs == [f"/indicatoren?ambitie=2&indicator=7&jaar=2025&wijk=x&pagina={n}" for n in (1, 1, 3, 3)]
    huidig = [li for li in nav.children[1].children if "active" in li.className]
    assert len(huidig) == 1 and getattr(huidig[0].children, "aria-current") == "page"


def test_klik_geeft_de_wijkpagina(indicatorpagina):
    m = indicatorpagina
    assert m._href_uit_klik({"points": [{"customdata": "wijk-003"}]}, "2") == "/wijk/wijk-003?ambitie=2"
    assert m._href_uit_klik({"points": [{"customdata": ["wijk-004", "tekst"]}]}, "1") == "/wijk/wijk-004?ambitie=1"
    import dash

    assert m._href_uit_klik(None, "1") is dash.no_update
