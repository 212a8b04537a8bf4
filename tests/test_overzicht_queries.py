"""Leesqueries van het overzicht (datalaag.overzicht, datalaag.signalen) op SQLite én PostgreSQL.

Eén kleine, met de hand gemaakte dataset (``_bouw_dataset``) met drie wijken en twee ambities;
alle verwachte waarden zijn met de hand uitgerekend (de berekening staat erbij). Daarnaast
tests die bewijzen dat de SQL-versies van de definities in ``datalaag.afgeleid`` hetzelfde
antwoord geven als de zuivere Python-functies.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.models import (
    Afhandelnorm,
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
    Regiegroep,
    Regiegroeplid,
    Stadsdeel,
    Toezegging,
    Uitgave,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkanalyse,
    WijkanalyseAmbitie,
    Wijkplan,
)
from datalaag.overzicht import AmbitieMatrix, Kpis, ambitie_matrix, beschikbare_jaren, kpis, signalen
from datalaag.signalen import (
    signaal_evaluatie_ontbreekt,
    signaal_oormerk,
    signaal_toezegging_te_laat,
)
from datalaag.sqlhulp import dagen_tussen
from tests.hulp import tel_queries as _tel_queries

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)  # vrijdag; peildatum voor 2026, in het laatste kwartaal


# --------------------------------------------------------------------------- dataset


@dataclass
class Dataset:
    wijken: dict[str, Wijk]
    ambities: dict[int, Ambitie]
    toezeggingen_de_vries: list[Toezegging]
    evaluatie_de_riet_2025: Evaluatie
    oormerk_kerkelanden_2026: Oormerk


def _referentie(sessie: Session) -> tuple[Stadsdeel, dict[int, Ambitie]]:
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=code, omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    ambities = {
        1: Ambitie(nummer=1, korte_naam="Sociale cohesie", tekst="Bewoners voelen zich betrokken."),
        2: Ambitie(nummer=2, korte_naam="Veiligheid", tekst="Een veilige wijk."),
    }
    sessie.add_all([stadsdeel, *ambities.values()])
    return stadsdeel, ambities


def _melding(wijk: Wijk, categorie: str, ontvangen: dt.datetime, afgehandeld: dt.datetime | None = None,
             gemeld: dt.date | None = None) -> Melding:  # fmt: skip
    return Melding(
        wijk=wijk,
        categorie=categorie,
        kanaal="telefoon",
        ontvangen_op=ontvangen,
        afgehandeld_op=afgehandeld,
        afhandeltijd_werkdagen=None if afgehandeld is None else a.werkdagen_tussen(ontvangen, afgehandeld),
        status="open" if afgehandeld is None else "afgehandeld",
        gemeld_aan_regiegroep_op=gemeld,
    )


def _bouw_dataset(sessie: Session) -> Dataset:
    """Drie wijken (De Riet, Kerkelanden, Windmolenbroek), twee ambities. Zie de tests voor de
    verwachte uitkomsten; de opbouw per onderwerp staat hieronder."""
    stadsdeel, amb = _referentie(sessie)
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    wb = Wijk(naam="Windmolenbroek", slug="windmolenbroek", stadsdeel=stadsdeel, werkwijze="AWA")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    sessie.add_all([kl, wb, dr])

    # Wijkplannen: KL 2024–2027 vastgesteld; WB 2025–2026 geëvalueerd; DR 2022–2025 vastgesteld
    # en een nieuw DR-plan 2026–2029 dat nog concept is (telt nergens mee).
    plan_kl = Wijkplan(wijk=kl, titel="WOP Kerkelanden", werkwijze="WOP", periode_van=2024, periode_tot=2027, status="vastgesteld")
    plan_wb = Wijkplan(wijk=wb, titel="Jaarplan Windmolenbroek", werkwijze="AWA", periode_van=2025, periode_tot=2026, status="geevalueerd")
    plan_dr_oud = Wijkplan(wijk=dr, titel="Sociale herovering", werkwijze="SHR", periode_van=2022, periode_tot=2025, status="vastgesteld")
    plan_dr = Wijkplan(wijk=dr, titel="De Riet verder", werkwijze="SHR", periode_van=2026, periode_tot=2029, status="concept")
    sessie.add_all([plan_kl, plan_wb, plan_dr_oud, plan_dr])

    # Ambitiescores. KL: vastgesteld 2023 (5,0 / 6,8), vastgesteld 2024 (6,0 / —), ingediend 2025
    # (8,0 / 8,0), concept 2026 (9,9 / 9,9), wijkanalyse 2023 (3,0 / 3,0).
    # WB: ingediend 2025 (5,5 / —), wijkanalyse 01-06-2024 (4,0 / 4,5), wijkanalyse 15-12-2026 (— / 9,0).
    # DR: alleen een concept-evaluatie 2025.
    def evaluatie(wijk, jaar, status, w1, w2):
        ev = Evaluatie(wijk=wijk, jaar=jaar, status=status)
        ev.regels = [
            EvaluatieAmbitie(ambitie=amb[1], waardering=None if w1 is None else Decimal(w1)),
            EvaluatieAmbitie(ambitie=amb[2], waardering=None if w2 is None else Decimal(w2)),
        ]
        sessie.add(ev)
        return ev

    def wijkanalyse(wijk, datum, w1, w2):
        wa = Wijkanalyse(wijk=wijk, datum=datum)
        wa.regels = [
            WijkanalyseAmbitie(ambitie=amb[nr], waardering=Decimal(w)) for nr, w in ((1, w1), (2, w2)) if w is not None
        ]
        sessie.add(wa)

    evaluatie(kl, 2023, "vastgesteld", "5.0", "6.8")
    evaluatie(kl, 2024, "vastgesteld", "6.0", None)
    evaluatie(kl, 2025, "ingediend", "8.0", "8.0")
    evaluatie(kl, 2026, "concept", "9.9", "9.9")
    wijkanalyse(kl, D(2023, 3, 1), "3.0", "3.0")
    evaluatie(wb, 2025, "ingediend", "5.5", None)
    wijkanalyse(wb, D(2024, 6, 1), "4.0", "4.5")
    wijkanalyse(wb, D(2026, 12, 15), None, "9.0")
    ev_dr = evaluatie(dr, 2025, "concept", "7.0", "7.0")

    # Indicatoren, doelstellingen en metingen.
    cohesie = Indicator(naam="Sociale cohesie", eenheid="cijfer", ambitie=amb[1], bron="enquête", richting="hoger_is_beter", meetfrequentie_maanden=12)
    overlast = Indicator(naam="Woonoverlast", eenheid="%", ambitie=amb[2], bron="enquête", richting="lager_is_beter", meetfrequentie_maanden=12)
    vernieling = Indicator(naam="Vernielingen", eenheid="aantal", ambitie=amb[2], bron="politie", richting="lager_is_beter", meetfrequentie_maanden=3, is_telling=True)
    sessie.add_all([cohesie, overlast, vernieling])
    # Vernielingen is een telling: de status geldt per 1.000 inwoners. Windmolenbroek heeft 1.000
    # inwoners in elk jaar, dus per 1.000 inwoners = het aantal zelf.
    sessie.add_all([WijkInwoners(wijk=wb, jaar=j, aantal=1000) for j in range(2018, 2027)])

    def doel(plan, ambitie, indicator, tekst, nul, nuljaar, streef, streefjaar, streef_type="absoluut"):
        sessie.add(Doelstelling(wijkplan=plan, ambitie=ambitie, indicator=indicator, tekst=tekst, nulmeting_waarde=nul,
                                nulmeting_jaar=nuljaar, streef_type=streef_type, streefwaarde=streef, streefjaar=streefjaar))  # fmt: skip

    def meting(indicator, wijk, datum, waarde):
        sessie.add(Meting(indicator=indicator, wijk=wijk, peildatum=datum, waarde=waarde, bron="test"))

    # KL-D1: 6,0 (2024) → 7,0 (2026); op 31-12-2025 verwacht 6,5; gemeten 6,1: (6,5−6,1)/1 = 40% → ver achter
    doel(plan_kl, amb[1], cohesie, "Sociale cohesie ≥ 7,0 in 2026", 6.0, 2024, 7.0, 2026)
    meting(cohesie, kl, D(2024, 12, 31), 6.0)
    meting(cohesie, kl, D(2025, 12, 31), 6.1)
    # KL-D2: 20 (2024), −25% → 15 (2026); verwacht 17,5; gemeten 18,0: 0,5/5 = 10% → op koers
    doel(plan_kl, amb[2], overlast, "Woonoverlast −25%", 20.0, 2024, -25.0, 2026, "relatief")
    meting(overlast, kl, D(2025, 12, 31), 18.0)
    # KL-D3: vernielingen, nulmeting 2025, geen metingen in KL → geen gegevens; achterstallig
    # zodra 31-12-2025 + 3 + 3 maanden = 30-06-2026 voorbij is.
    doel(plan_kl, amb[2], vernieling, "Vernielingen ≤ 10 in 2027", 12.0, 2025, 10.0, 2027)
    # WB-D1: 5,0 (2024) → 6,0 (2026); verwacht 5,5 op 31-12-2025; gemeten 5,3: 20% → achter (geen signaal)
    doel(plan_wb, amb[1], cohesie, "Sociale cohesie ≥ 6,0 in 2026", 5.0, 2024, 6.0, 2026)
    meting(cohesie, wb, D(2025, 12, 31), 5.3)
    # WB-D2: vernielingen 10 (2024) → 8 (2026); meting 31-03-2026 = 10,0. 31-12-2024 → 31-03-2026 =
    # 365 + 90 = 455 van 730 dagen; verwacht 10 − 2·455/730 = 8,7534…; achterstand 1,2466/2 = 62%
    # → ver achter. Kwartaalindicator: 31-03-2026 + 6 maanden = 30-09-2026 < peildatum → achterstallig.
    doel(plan_wb, amb[2], vernieling, "Vernielingen ≤ 8 in 2026", 10.0, 2024, 8.0, 2026)
    meting(vernieling, wb, D(2026, 3, 31), 10.0)
    # DR (concept-plan): ver achter, maar telt niet mee
    doel(plan_dr, amb[1], cohesie, "Sociale cohesie ≥ 8,0 in 2027", 6.0, 2025, 8.0, 2027)
    meting(cohesie, dr, D(2026, 6, 30), 1.0)

    # Maatregelen (peildatum 27-11-2026).
    def maatregel(plan, naam, status, start=None, eind=None, voortgang=0):
        sessie.add(Maatregel(wijkplan=plan, ambitie=amb[1], naam=naam, verantwoordelijke="x", status=status,
                             start=start, eind=eind, voortgang=voortgang))  # fmt: skip

    # M1: 01-01 → 31-12-2026 (364 d), dag 330: verwacht 90,7%; 80% → 10,7 pp: op schema
    maatregel(plan_kl, "M1", "in_uitvoering", D(2026, 1, 1), D(2026, 12, 31), 80)
    # M2: idem met 50% → 40,7 pp: achter
    maatregel(plan_kl, "M2", "in_uitvoering", D(2026, 1, 1), D(2026, 12, 31), 50)
    maatregel(plan_kl, "M3", "vertraagd")  # achter, lopend
    maatregel(plan_kl, "M4", "afgerond", D(2026, 1, 1), D(2026, 6, 30), 100)
    maatregel(plan_kl, "M5", "gepland", D(2026, 3, 1), D(2026, 10, 31), 0)  # einddatum verstreken: achter
    # M6: 01-02-2026 → 01-02-2027 (365 d), dag 299: verwacht 81,9%; 75% → 6,9 pp: op schema
    maatregel(plan_wb, "M6", "in_uitvoering", D(2026, 2, 1), D(2027, 2, 1), 75)
    maatregel(plan_wb, "M7", "gestopt", D(2025, 1, 1), D(2025, 6, 30), 20)
    maatregel(plan_dr, "M8", "vertraagd")  # concept-plan: telt niet

    # Budget. KL: € 400.000 over 2024–2027 (€ 100.000/jaar) + € 20.000 in 2026 = € 120.000 in 2026.
    def oormerk(wijk, naam, van, tot, bedrag):
        om = Oormerk(wijk=wijk, naam=naam, jaar_van=van, jaar_tot=tot, bron="stadsdeelbudget", bedrag=Decimal(bedrag), budgethouder="x")
        post = Budgetpost(oormerk=om, naam="Algemeen", bedrag=Decimal(bedrag))
        sessie.add_all([om, post])
        return om, post

    def uitgave(wijk, post, datum, bedrag):
        sessie.add(Uitgave(wijk=wijk, datum=datum, bedrag=Decimal(bedrag), budgetpost=post, omschrijving="x"))

    _, post_kl = oormerk(kl, "WOP", 2024, 2027, "400000")
    om_kl_2026, post_kl_2026 = oormerk(kl, "Extra 2026", 2026, 2026, "20000")
    uitgave(kl, post_kl, D(2025, 12, 31), "50000")  # 2025
    uitgave(kl, post_kl, D(2026, 1, 1), "30000")
    uitgave(kl, post_kl_2026, D(2026, 12, 31), "10000")  # KL 2026: 40.000 / 120.000 = 33,3% → onderbesteed
    _, post_wb = oormerk(wb, "Jaarplan", 2026, 2026, "50000")
    uitgave(wb, post_wb, D(2025, 6, 1), "1000")  # 2025: zonder oormerk → overschreden
    uitgave(wb, post_wb, D(2026, 5, 1), "60000")  # WB 2026: 60.000 / 50.000 = 120% → overschreden
    _, post_dr = oormerk(dr, "Herovering", 2026, 2026, "30000")
    uitgave(dr, post_dr, D(2026, 7, 1), "15000")  # DR 2026: precies 50% → geen signaal

    # Meldingen. Normen: schoon 5, veilig 3 werkdagen; 'overig' heeft geen norm.
    sessie.add_all([Afhandelnorm(categorie="schoon", werkdagen=5), Afhandelnorm(categorie="veilig", werkdagen=3)])
    ma = T(2026, 3, 2, 9)  # maandag
    sessie.add_all([
        _melding(kl, "schoon", ma, T(2026, 3, 4, 12), gemeld=D(2026, 3, 10)),  # A: 2 wd, binnen
        _melding(kl, "schoon", ma, T(2026, 3, 11, 12)),  # B: 7 wd, over; niet gemeld
        _melding(kl, "veilig", ma, T(2026, 3, 5, 12), gemeld=D(2026, 3, 20)),  # C: 3 wd, binnen
        _melding(wb, "veilig", ma, T(2026, 3, 6, 12)),  # D: 4 wd, over; niet gemeld
        _melding(wb, "overig", ma, T(2026, 3, 16, 12), gemeld=D(2026, 3, 20)),  # E: 10 wd, geen norm
        _melding(kl, "schoon", T(2025, 3, 3, 9), T(2025, 3, 31, 9), gemeld=D(2025, 4, 1)),  # F: 20 wd (2025)
        _melding(kl, "schoon", T(2026, 11, 16, 9)),  # G: open, 9 wd > 5
        _melding(kl, "schoon", T(2026, 11, 24, 9)),  # H: open, 3 wd
        _melding(wb, "veilig", T(2026, 11, 20, 9)),  # I: open, 5 wd > 3
        _melding(dr, "overig", T(2026, 1, 5, 9)),  # J: open, geen norm; niet gemeld
        _melding(wb, "schoon", T(2025, 12, 1, 9), T(2026, 1, 15, 9)),  # L: 30 wd, afgehandeld 2026
        _melding(dr, "overig", T(2026, 10, 28, 9), T(2026, 10, 28, 15)),  # M: 0 wd; 30 dagen oud, niet gemeld
        _melding(dr, "overig", T(2026, 10, 29, 9), T(2026, 10, 29, 15)),  # N: 0 wd; 29 dagen: nog op tijd
    ])  # fmt: skip

    # Toezeggingen. Jansen: T1 te laat (KL), T2 termijn vandaag, T3 afgedaan. De Vries: zes te laat.
    def toezegging(nummer, houder, datum, termijn, status="open", wijk=None):
        tz = Toezegging(nummer=nummer, datum=datum, vergadering="Raad", portefeuillehouder=houder, onderwerp=f"Onderwerp {nummer}",
                        wijk=wijk, termijn=termijn, status=status, afgedaan_op=D(2026, 1, 2) if status == "afgedaan" else None,
                        vervallen_op=D(2026, 1, 2) if status == "vervallen" else None)  # fmt: skip
        sessie.add(tz)
        return tz

    toezegging("T1", "Jansen", D(2025, 10, 1), D(2026, 11, 26), wijk=kl)
    toezegging("T2", "Jansen", D(2026, 2, 1), D(2026, 11, 27))
    toezegging("T3", "Jansen", D(2025, 5, 1), D(2026, 1, 1), status="afgedaan")
    toezegging("T4", "Jansen", D(2025, 5, 1), D(2025, 6, 1), status="vervallen")
    de_vries = [toezegging(f"V{i}", "De Vries", D(2026, 1, 15), D(2026, 6, i)) for i in range(1, 7)]

    # Regiegroepen: KL-lid Anna termijn tot gisteren (verlopen), Bert tot vandaag, Cor zonder einde.
    rg_kl = Regiegroep(wijk=kl, naam="Regiegroep Kerkelanden")
    rg_wb = Regiegroep(wijk=wb, naam="Regiegroep Windmolenbroek")
    sessie.add_all([
        rg_kl, rg_wb,
        Regiegroeplid(regiegroep=rg_kl, naam="Anna Bakker", organisatietype="bewoner", rol="voorzitter",
                      termijn_van=D(2022, 1, 1), termijn_tot=D(2026, 11, 26)),
        Regiegroeplid(regiegroep=rg_kl, naam="Bert Smit", organisatietype="politie", termijn_van=D(2022, 1, 1), termijn_tot=D(2026, 11, 27)),
        Regiegroeplid(regiegroep=rg_kl, naam="Cor de Wit", organisatietype="school", termijn_van=D(2022, 1, 1), termijn_tot=None),
        Regiegroeplid(regiegroep=rg_wb, naam="Dirk Mulder", organisatietype="gemeente", termijn_van=D(2024, 1, 1), termijn_tot=D(2030, 1, 1)),
    ])  # fmt: skip

    sessie.flush()
    return Dataset(
        wijken={"kl": kl, "wb": wb, "dr": dr},
        ambities=amb,
        toezeggingen_de_vries=de_vries,
        evaluatie_de_riet_2025=ev_dr,
        oormerk_kerkelanden_2026=om_kl_2026,
    )




# --------------------------------------------------------------------------- jaren en kerncijfers


def test_beschikbare_jaren(sessie):
    assert beschikbare_jaren(sessie) == []
    _bouw_dataset(sessie)
    # metingen 2024–2026, evaluaties 2023–2026, meldingen 2025–2026
    assert beschikbare_jaren(sessie) == [2023, 2024, 2025, 2026]


def test_kpis_lopend_jaar(sessie):
    _bouw_dataset(sessie)
    with _tel_queries(sessie) as teller:
        k = kpis(sessie, 2026, VANDAAG)
    assert teller["n"] == 2  # één rij met alle tellingen + het afhandeltijd-histogram
    assert isinstance(k, Kpis)
    assert (k.jaar, k.peildatum) == (2026, VANDAAG)
    assert k.wijken_totaal == 3
    assert k.wijken_vastgesteld == 2  # KL (2024–2027), WB (2025–2026); DR-plan 2026 is concept
    # scores: KL 8,0 en 8,0 (ingediend 2025, nieuwer dan vastgesteld 2024); WB 5,5 en 4,5 → 26 / 4
    assert k.gemiddelde_ambitiescore == pytest.approx(6.5)
    # oormerk: KL 100.000 + 20.000, WB 50.000, DR 30.000; uitgaven 40.000 + 60.000 + 15.000
    assert k.oormerk == pytest.approx(200_000)
    assert k.uitgaven == pytest.approx(115_000)
    assert k.budgetbenutting == pytest.approx(0.575)
    assert k.maatregelen_lopend == 4  # M1, M2, M3, M6 (M8: concept-plan)
    assert k.maatregelen_achter_schema == 3  # M2, M3, M5
    assert k.meldingen_open == 4  # G, H, I, J
    # afgehandeld in 2026: M 0, N 0, A 2, C 3, D 4, B 7, E 10, L 30 → (3 + 4) / 2
    assert k.afhandeltijd_mediaan == 3.5
    # met norm: A ✓, B ✗, C ✓, D ✗, L ✗ → 2 / 5
    assert k.meldingen_binnen_norm == pytest.approx(0.4)
    assert k.toezeggingen_open == 8  # T1, T2, V1–V6
    assert k.toezeggingen_te_laat == 7  # T1, V1–V6


def test_kpis_verstreken_jaar(sessie):
    _bouw_dataset(sessie)
    k = kpis(sessie, 2025, VANDAAG)
    assert k.peildatum == D(2025, 12, 31)
    assert k.wijken_vastgesteld == 3  # KL, WB en het oude DR-plan 2022–2025
    assert k.gemiddelde_ambitiescore == pytest.approx(6.5)  # zelfde bronnen als 2026
    assert k.oormerk == pytest.approx(100_000)  # alleen KL: 400.000 / 4
    assert k.uitgaven == pytest.approx(51_000)  # KL 50.000 (31-12-2025) + WB 1.000
    assert k.budgetbenutting == pytest.approx(0.51)
    assert k.maatregelen_lopend == 4
    assert k.maatregelen_achter_schema == 1  # alleen M3 (vertraagd); M1/M2/M5 starten in 2026
    assert k.meldingen_open == 1  # L: ontvangen 01-12-2025, afgehandeld 15-01-2026
    assert k.afhandeltijd_mediaan == 20.0  # alleen F
    assert k.meldingen_binnen_norm == 0.0  # F: 20 > 5
    assert k.toezeggingen_open == 1  # T1 (gedaan 01-10-2025); T2 en V* zijn van 2026
    assert k.toezeggingen_te_laat == 0  # termijn T1 is 26-11-2026


def test_kpis_lege_database(sessie):
    k = kpis(sessie, 2026, VANDAAG)
    assert k == Kpis(
        jaar=2026, peildatum=VANDAAG, wijken_totaal=0, wijken_vastgesteld=0, gemiddelde_ambitiescore=None,
        oormerk=0.0, uitgaven=0.0, budgetbenutting=None, maatregelen_lopend=0, maatregelen_achter_schema=0,
        meldingen_open=0, afhandeltijd_mediaan=None, meldingen_binnen_norm=None, toezeggingen_open=0,
        toezeggingen_te_laat=0,
    )  # fmt: skip


# --------------------------------------------------------------------------- ambitiematrix


def test_ambitie_matrix_voorrang_en_stadsgemiddelde(sessie):
    _bouw_dataset(sessie)
    with _tel_queries(sessie) as teller:
        m = ambitie_matrix(sessie, 2026, VANDAAG)
    assert teller["n"] <= 4
    assert isinstance(m, AmbitieMatrix)
    assert m.ambities == [(1, "Sociale cohesie"), (2, "Veiligheid")]
    assert m.wijken == [("de-riet", "De Riet"), ("kerkelanden", "Kerkelanden"), ("windmolenbroek", "Windmolenbroek")]
    assert m.scores == [
        [None, None],  # DR: alleen een concept-evaluatie
        # KL: de nieuwste evaluatie telt: ingediend 2025 (8,0) gaat vóór vastgesteld 2024 (6,0) en 2023;
        # het concept 2026 telt niet
        [pytest.approx(8.0), pytest.approx(8.0)],
        # WB ambitie 1: ingediend 2025 (5,5) gaat vóór de wijkanalyse; ambitie 2: wijkanalyse 2024
        # (de wijkanalyse van 15-12-2026 ligt na de peildatum)
        [pytest.approx(5.5), pytest.approx(4.5)],
    ]
    assert m.bronnen == [
        [None, None],
        ["evaluatie (ingediend) 2025", "evaluatie (ingediend) 2025"],
        ["evaluatie (ingediend) 2025", "wijkanalyse 2024"],
    ]
    # (8,0 + 5,5) / 2 en (8,0 + 4,5) / 2
    assert m.stadsgemiddelde == [pytest.approx(6.75), pytest.approx(6.25)]


def test_ambitie_matrix_vastgesteld_gaat_voor_in_hetzelfde_jaar_en_oud_blijft_als_nieuw_leeg_is(sessie):
    _bouw_dataset(sessie)
    # Jaar 2024: KL ambitie 1 uit vastgesteld 2024 (6,0); ambitie 2 heeft in 2024 geen waardering → 2023 (6,8).
    m = ambitie_matrix(sessie, 2024, VANDAAG)
    assert m.scores[1] == [pytest.approx(6.0), pytest.approx(6.8)]
    assert m.bronnen[1] == ["evaluatie (vastgesteld) 2024", "evaluatie (vastgesteld) 2023"]


def test_ambitie_matrix_peildatum_en_jaar(sessie):
    _bouw_dataset(sessie)
    # Op 20-12-2026 telt de WB-wijkanalyse van 15-12-2026 wel (9,0 voor ambitie 2).
    m = ambitie_matrix(sessie, 2026, D(2026, 12, 20))
    assert m.scores[2] == [pytest.approx(5.5), pytest.approx(9.0)]
    assert m.bronnen[2] == ["evaluatie (ingediend) 2025", "wijkanalyse 2026"]
    # Jaar 2024: de WB-evaluatie 2025 telt niet → wijkanalyse 2024 voor beide ambities.
    m = ambitie_matrix(sessie, 2024, VANDAAG)
    assert m.scores[1] == [pytest.approx(6.0), pytest.approx(6.8)]
    assert m.scores[2] == [pytest.approx(4.0), pytest.approx(4.5)]
    assert m.bronnen[2] == ["wijkanalyse 2024", "wijkanalyse 2024"]
    assert m.stadsgemiddelde == [pytest.approx(5.0), pytest.approx(5.65)]  # (6,0+4,0)/2, (6,8+4,5)/2
    # Jaar 2022: KL had nog niets (evaluaties vanaf 2023, wijkanalyse maart 2023) en WB ook niet.
    m = ambitie_matrix(sessie, 2022, VANDAAG)
    assert m.scores == [[None, None]] * 3
    assert m.stadsgemiddelde == [None, None]


def test_ambitie_matrix_ingediend_als_er_geen_vastgestelde_is(sessie):
    ds = _bouw_dataset(sessie)
    # De concept-evaluatie van De Riet wordt ingediend: die telt nu.
    ds.evaluatie_de_riet_2025.status = "ingediend"
    sessie.flush()
    m = ambitie_matrix(sessie, 2026, VANDAAG)
    assert m.scores[0] == [pytest.approx(7.0), pytest.approx(7.0)]
    assert m.bronnen[0] == ["evaluatie (ingediend) 2025", "evaluatie (ingediend) 2025"]


# --------------------------------------------------------------------------- signalen


def _samenvatting(lijst):
    return [(s.ernst, s.wijk_slug, s.regel) for s in lijst]


def test_signalen_lopend_jaar(sessie):
    _bouw_dataset(sessie)
    with _tel_queries(sessie) as teller:
        lijst = signalen(sessie, 2026, VANDAAG)
    assert teller["n"] <= 11  # één query per regel (+ de normen): geen N+1
    assert _samenvatting(lijst) == [
        ("hoog", None, "toezegging_te_laat"),  # De Vries, gegroepeerd (6 > 5)
        ("hoog", "de-riet", "evaluatie_ontbreekt"),  # plan 2022–2025 actief in 2025, geen evaluatie 2025
        ("hoog", "kerkelanden", "doelstelling_ver_achter"),
        ("hoog", "kerkelanden", "toezegging_te_laat"),  # T1
        ("hoog", "windmolenbroek", "doelstelling_ver_achter"),
        ("hoog", "windmolenbroek", "oormerk_overschreden"),
        ("middel", "de-riet", "meldingen_niet_gemeld"),
        ("middel", "kerkelanden", "maatregel_achter_schema"),
        ("middel", "kerkelanden", "meldingen_niet_gemeld"),
        ("middel", "kerkelanden", "meldingen_over_norm"),
        ("middel", "kerkelanden", "metingen_achterstallig"),
        ("middel", "kerkelanden", "oormerk_onderbesteed"),
        ("middel", "kerkelanden", "regiegroep_termijn_verlopen"),
        ("middel", "windmolenbroek", "meldingen_niet_gemeld"),
        ("middel", "windmolenbroek", "meldingen_over_norm"),
        ("middel", "windmolenbroek", "metingen_achterstallig"),
    ]
    teksten = {(s.wijk_slug, s.regel): (s.tekst, s.link) for s in lijst}
    assert teksten[("kerkelanden", "doelstelling_ver_achter")] == (
        "Kerkelanden: doelstelling 'Sociale cohesie ≥ 7,0 in 2026' ligt ver achter (6,1 gemeten op 31-12-2025, verwacht 6,5).",
        "/wijk/kerkelanden?ambitie=1",
    )
    assert teksten[("windmolenbroek", "doelstelling_ver_achter")] == (
        "Windmolenbroek: doelstelling 'Vernielingen ≤ 8 in 2026' ligt ver achter (10,0 per 1.000 inwoners gemeten op "
        "31-03-2026, verwacht 8,8).",
        "/wijk/windmolenbroek?ambitie=2",
    )
    assert teksten[("windmolenbroek", "oormerk_overschreden")] == (
        "Windmolenbroek: in 2026 is € 60.000 uitgegeven, 120,0% van het oormerk van € 50.000.",
        "/budget?wijk=windmolenbroek&jaar=2026",
    )
    assert teksten[("kerkelanden", "oormerk_onderbesteed")] == (
        "Kerkelanden: op 27-11-2026 is pas 33,3% van het oormerk voor 2026 besteed (€ 40.000 van € 120.000).",
        "/budget?wijk=kerkelanden&jaar=2026",
    )
    assert teksten[("kerkelanden", "maatregel_achter_schema")] == (
        "Kerkelanden: 3 maatregelen lopen achter op schema.",
        "/projecten?wijk=kerkelanden&jaar=2026",
    )
    assert teksten[(None, "toezegging_te_laat")] == (
        "De Vries: 6 toezeggingen zijn niet afgedaan binnen hun termijn (oudste termijn 01-06-2026).",
        "/toezeggingen?status=te_laat&portefeuillehouder=De+Vries",
    )
    assert teksten[("kerkelanden", "toezegging_te_laat")] == (
        "Kerkelanden: toezegging T1 (Jansen) over 'Onderwerp T1' is niet afgedaan; de termijn was 26-11-2026.",
        "/toezeggingen?status=te_laat",
    )
    assert teksten[("kerkelanden", "meldingen_over_norm")][0] == (
        "Kerkelanden: 2 meldingen over de afhandelnorm (1 nog open, 1 te laat afgehandeld in 2026)."  # G; B
    )
    assert teksten[("windmolenbroek", "meldingen_over_norm")][0] == (
        "Windmolenbroek: 3 meldingen over de afhandelnorm (1 nog open, 2 te laat afgehandeld in 2026)."  # I; D, L
    )
    assert teksten[("kerkelanden", "meldingen_niet_gemeld")][0] == (
        "Kerkelanden: 1 melding uit 2026 niet gemeld aan de regiegroep."  # B
    )
    assert teksten[("de-riet", "meldingen_niet_gemeld")][0] == (
        "De Riet: 2 meldingen uit 2026 niet gemeld aan de regiegroep."  # J en M (precies 30 dagen), niet N
    )
    assert teksten[("windmolenbroek", "meldingen_niet_gemeld")][0] == (
        "Windmolenbroek: 1 melding uit 2026 niet gemeld aan de regiegroep."  # D; L is van 2025
    )
    assert teksten[("kerkelanden", "metingen_achterstallig")] == (
        "Kerkelanden: meting achterstallig voor 1 indicator: Vernielingen.",
        "/indicatoren?wijk=kerkelanden",
    )
    assert teksten[("windmolenbroek", "metingen_achterstallig")][0] == (
        "Windmolenbroek: meting achterstallig voor 1 indicator: Vernielingen."
    )
    assert teksten[("kerkelanden", "regiegroep_termijn_verlopen")] == (
        "Kerkelanden: zittingstermijn verlopen van 1 regiegroeplid (Anna Bakker).",
        "/wijk/kerkelanden",
    )
    assert teksten[("de-riet", "evaluatie_ontbreekt")] == (
        "De Riet: geen ingediende of vastgestelde evaluatie over 2025.",
        "/wijk/de-riet?jaar=2025",
    )
    assert all(s.wijk_naam is None if s.wijk_slug is None else s.wijk_naam for s in lijst)


def test_signalen_verstreken_jaar(sessie):
    _bouw_dataset(sessie)
    lijst = signalen(sessie, 2025, VANDAAG)
    assert _samenvatting(lijst) == [
        ("hoog", "de-riet", "evaluatie_ontbreekt"),  # over 2024
        ("hoog", "kerkelanden", "doelstelling_ver_achter"),  # meting 31-12-2025; WB-meting 2026 telt niet
        ("hoog", "windmolenbroek", "oormerk_overschreden"),  # € 1.000 zonder oormerk
        ("middel", "kerkelanden", "maatregel_achter_schema"),  # alleen M3
        ("middel", "kerkelanden", "meldingen_over_norm"),  # F: 20 > 5
        ("middel", "windmolenbroek", "meldingen_niet_gemeld"),  # L: 01-12-2025 = precies 30 dagen
        ("middel", "windmolenbroek", "meldingen_over_norm"),  # L open op 31-12-2025: 20 wd > 5
        ("middel", "windmolenbroek", "metingen_achterstallig"),  # nulmeting 2024 + 6 mnd, geen meting
    ]
    teksten = {(s.wijk_slug, s.regel): s.tekst for s in lijst}
    assert teksten[("windmolenbroek", "oormerk_overschreden")] == (
        "Windmolenbroek: in 2025 is € 1.000 uitgegeven zonder oormerk voor dat jaar."
    )
    assert teksten[("kerkelanden", "maatregel_achter_schema")] == "Kerkelanden: 1 maatregel loopt achter op schema."
    assert teksten[("kerkelanden", "meldingen_over_norm")] == (
        "Kerkelanden: 1 melding over de afhandelnorm (0 nog open, 1 te laat afgehandeld in 2025)."
    )
    assert teksten[("de-riet", "evaluatie_ontbreekt")] == "De Riet: geen ingediende of vastgestelde evaluatie over 2024."


def test_signalen_lege_database(sessie):
    assert signalen(sessie, 2026, VANDAAG) == []


def test_signaal_toezeggingen_groeperen_boven_vijf(sessie):
    ds = _bouw_dataset(sessie)
    peil = VANDAAG
    assert [s.wijk_slug for s in signaal_toezegging_te_laat(sessie, 2026, peil)] == [None, "kerkelanden"]
    # Eén van De Vries afgedaan → 5 over: niet meer groeperen, één signaal per toezegging.
    ds.toezeggingen_de_vries[0].status = "afgedaan"
    ds.toezeggingen_de_vries[0].afgedaan_op = D(2026, 11, 1)
    sessie.flush()
    lijst = signaal_toezegging_te_laat(sessie, 2026, peil)
    assert len(lijst) == 6  # V2–V6 + T1
    assert sorted(s.tekst.split()[1] for s in lijst if s.wijk_slug is None) == ["V2", "V3", "V4", "V5", "V6"]
    assert lijst[0].tekst == "toezegging V2 (De Vries) over 'Onderwerp V2' is niet afgedaan; de termijn was 02-06-2026."
    # Op de termijndag van T1 zelf is die nog niet te laat.
    assert [s.tekst.split()[1] for s in signaal_toezegging_te_laat(sessie, 2026, D(2026, 6, 6))] == ["V2", "V3", "V4", "V5"]


def test_signaal_oormerk_grenzen(sessie):
    ds = _bouw_dataset(sessie)
    # Vóór het laatste kwartaal geen onderbesteding-signaal, wel overschrijding.
    assert [(s.regel, s.wijk_slug) for s in signaal_oormerk(sessie, 2026, D(2026, 9, 30))] == [
        ("oormerk_overschreden", "windmolenbroek")
    ]
    assert {(s.regel, s.wijk_slug) for s in signaal_oormerk(sessie, 2026, D(2026, 10, 1))} == {
        ("oormerk_overschreden", "windmolenbroek"),
        ("oormerk_onderbesteed", "kerkelanden"),
    }
    # KL-oormerk 2026 van € 20.000 naar € 0: 40.000 / 100.000 = 40%, nog steeds onder de helft;
    # WB precies op het oormerk → niet overschreden.
    ds.oormerk_kerkelanden_2026.bedrag = Decimal("0")
    sessie.add(Uitgave(wijk=ds.wijken["kl"], datum=D(2026, 2, 1), bedrag=Decimal("10000"),
                       budgetpost=ds.oormerk_kerkelanden_2026.budgetposten[0], omschrijving="x"))  # fmt: skip
    sessie.flush()
    # KL nu 50.000 / 100.000 = precies de helft → geen signaal meer.
    assert [(s.regel, s.wijk_slug) for s in signaal_oormerk(sessie, 2026, VANDAAG)] == [
        ("oormerk_overschreden", "windmolenbroek")
    ]


def test_signaal_evaluatie_ontbreekt_verdwijnt_na_indienen(sessie):
    ds = _bouw_dataset(sessie)
    assert [s.wijk_slug for s in signaal_evaluatie_ontbreekt(sessie, 2026, VANDAAG)] == ["de-riet"]
    ds.evaluatie_de_riet_2025.status = "ingediend"
    sessie.flush()
    assert signaal_evaluatie_ontbreekt(sessie, 2026, VANDAAG) == []
    # 2027 evalueert 2026: KL (actief 2026) heeft alleen een concept, WB niets, DR-plan 2026 is concept.
    assert sorted(s.wijk_slug for s in signaal_evaluatie_ontbreekt(sessie, 2027, D(2027, 3, 1))) == [
        "kerkelanden",
        "windmolenbroek",
    ]


# --------------------------------------------------------------------------- SQL = zuiver


def _basis_plan(sessie: Session) -> tuple[Wijk, Wijkplan, Ambitie]:
    stadsdeel, amb = _referentie(sessie)
    wijk = Wijk(naam="Proefwijk", slug="proefwijk", stadsdeel=stadsdeel, werkwijze="WOP")
    plan = Wijkplan(wijk=wijk, titel="Plan", werkwijze="WOP", periode_van=2020, periode_tot=2030, status="vastgesteld")
    sessie.add_all([wijk, plan])
    return wijk, plan, amb[1]


def test_dagen_tussen_sql(sessie):
    paren = [
        (D(2026, 1, 1), D(2026, 1, 1)),
        (D(2026, 1, 1), D(2026, 12, 31)),  # 364
        (D(2024, 2, 28), D(2024, 3, 1)),  # schrikkeljaar: 2
        (D(2026, 3, 1), D(2026, 2, 1)),  # negatief: −28
        (D(1999, 12, 31), D(2030, 6, 15)),
    ]
    for van, tot in paren:
        assert sessie.scalar(select(dagen_tussen(van, tot))) == (tot - van).days


def test_achter_schema_sql_gelijk_aan_zuiver(sessie):
    _, plan, ambitie = _basis_plan(sessie)
    perioden = [
        (None, None),
        (D(2026, 1, 1), D(2026, 5, 1)),
        (D(2026, 1, 1), D(2026, 1, 1)),
        (D(2025, 7, 1), D(2027, 6, 30)),
        (None, D(2026, 3, 1)),
        (D(2026, 3, 1), None),
    ]
    maatregelen = []
    for status, (start, eind), voortgang in itertools.product(
        ("gepland", "in_uitvoering", "vertraagd", "afgerond", "gestopt"), perioden, (0, 20, 34, 35, 50, 84, 85, 100)
    ):
        m = Maatregel(wijkplan=plan, ambitie=ambitie, naam="m", verantwoordelijke="x", status=status, start=start,
                      eind=eind, voortgang=voortgang)  # fmt: skip
        maatregelen.append(m)
    sessie.add_all(maatregelen)
    sessie.flush()
    peildata = [D(2025, 12, 31), D(2026, 1, 1), D(2026, 3, 2), D(2026, 3, 3), D(2026, 5, 1), D(2026, 5, 2), D(2026, 11, 27)]
    for peil in peildata:
        sql = set(sessie.scalars(select(Maatregel.id).where(a.achter_schema_sql(peil))))
        zuiver = {m.id for m in maatregelen if a.achter_schema(m.status, m.start, m.eind, m.voortgang, peil)}
        assert sql == zuiver, peil
    # en de grens doet ertoe: op 02-03-2026 is 35% (01-01 → 01-05) op schema, 34% niet
    assert any(a.achter_schema(m.status, m.start, m.eind, m.voortgang, D(2026, 3, 2)) for m in maatregelen)


def test_budget_sql_gelijk_aan_zuiver(sessie):
    stadsdeel, _ = _referentie(sessie)
    w1 = Wijk(naam="Een", slug="een", stadsdeel=stadsdeel, werkwijze="WOP")
    w2 = Wijk(naam="Twee", slug="twee", stadsdeel=stadsdeel, werkwijze="WOP")
    w3 = Wijk(naam="Drie", slug="drie", stadsdeel=stadsdeel, werkwijze="WOP")  # niets
    sessie.add_all([w1, w2, w3])
    oormerken = [
        (w1, 2024, 2027, Decimal("2000000.00")),
        (w1, 2025, 2025, Decimal("100000.00")),
        (w1, 2026, 2026, Decimal("0.00")),
        (w2, 2024, 2026, Decimal("90000.00")),
        (w2, 2028, 2028, Decimal("12345.67")),
    ]
    posten = {}
    for wijk, van, tot, bedrag in oormerken:
        om = Oormerk(wijk=wijk, naam=f"{van}-{tot}", jaar_van=van, jaar_tot=tot, bron="gsb", bedrag=bedrag, budgethouder="x")
        posten[wijk.slug] = Budgetpost(oormerk=om, naam=f"p{van}{tot}", bedrag=bedrag)
        sessie.add_all([om, posten[wijk.slug]])
    uitgaven = [
        (w1, D(2024, 12, 31), Decimal("300000.00")),
        (w1, D(2025, 1, 1), Decimal("250000.50")),
        (w1, D(2025, 12, 31), Decimal("350000.25")),
        (w2, D(2025, 6, 1), Decimal("31000.00")),
        (w2, D(2027, 1, 1), Decimal("5000.00")),  # zonder oormerk in 2027
        (w2, D(2028, 3, 3), Decimal("12345.67")),
    ]
    for wijk, datum, bedrag in uitgaven:
        sessie.add(Uitgave(wijk=wijk, datum=datum, bedrag=bedrag, budgetpost=posten[wijk.slug], omschrijving="x"))
    sessie.flush()
    for jaar in range(2023, 2030):
        sql = {r.wijk_id: r for r in sessie.execute(a.budget_per_wijk_select(jaar))}
        assert set(sql) == {w1.id, w2.id, w3.id}
        for wijk in (w1, w2, w3):
            oormerk = sum(a.oormerk_voor_jaar(b, v, t, jaar) for w, v, t, b in oormerken if w is wijk)
            uitgegeven = sum(float(b) for w, d, b in uitgaven if w is wijk and d.year == jaar)
            r = sql[wijk.id]
            assert r.oormerk == pytest.approx(oormerk), (jaar, wijk.slug)
            assert r.uitgaven == pytest.approx(uitgegeven), (jaar, wijk.slug)
            zuiver = a.budgetbenutting(uitgegeven, oormerk)
            assert (r.budgetbenutting is None) == (zuiver is None), (jaar, wijk.slug)
            if zuiver is not None:
                assert r.budgetbenutting == pytest.approx(zuiver)
    # steekproef met de hand: w1 in 2025 = (250.000,50 + 350.000,25) / (500.000 + 100.000)
    r = {r.wijk_id: r for r in sessie.execute(a.budget_per_wijk_select(2025))}[w1.id]
    assert r.budgetbenutting == pytest.approx(600_000.75 / 600_000)


def test_toezegging_te_laat_sql_gelijk_aan_zuiver(sessie):
    toezeggingen = []
    for i, (status, termijn) in enumerate(
        itertools.product(("open", "afgedaan", "vervallen"), (D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 28)))
    ):
        tz = Toezegging(nummer=f"T{i}", datum=D(2026, 1, 1), vergadering="Raad", portefeuillehouder="P", onderwerp="x",
                        termijn=termijn, status=status, afgedaan_op=D(2026, 2, 1) if status == "afgedaan" else None,
                        vervallen_op=D(2026, 2, 1) if status == "vervallen" else None)  # fmt: skip
        toezeggingen.append(tz)
    sessie.add_all(toezeggingen)
    sessie.flush()
    for peil in (D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 28), D(2026, 4, 29)):
        sql = set(sessie.scalars(select(Toezegging.id).where(a.te_laat_sql(peil))))
        assert sql == {t.id for t in toezeggingen if a.te_laat(t.status, t.termijn, peil)}


def test_meldingen_sql_gelijk_aan_zuiver(sessie):
    wijk, _, _ = _basis_plan(sessie)
    normen = {"schoon": 5, "veilig": 3, "heel": 1}
    sessie.add_all([Afhandelnorm(categorie=c, werkdagen=n) for c, n in normen.items()])
    meldingen = []
    # ontvangsten rond Pasen en Koningsdag 2026, afgehandeld na 0–9 dagen of nog open
    ontvangsten = [T(2026, 3, 30, 8) + dt.timedelta(days=d, hours=h) for d in range(0, 32, 3) for h in (0, 15)]
    for i, ontvangen in enumerate(ontvangsten):
        for j, categorie in enumerate(("schoon", "veilig", "heel", "overig")):
            dagen = (i + j) % 11
            afgehandeld = None if dagen == 10 else ontvangen + dt.timedelta(days=dagen)
            gemeld = None if (i + j) % 3 == 0 else ontvangen.date() + dt.timedelta(days=(i * j) % 40)
            meldingen.append(_melding(wijk, categorie, ontvangen, afgehandeld, gemeld))
    sessie.add_all(meldingen)
    sessie.flush()
    peildata = [D(2026, 4, 3), D(2026, 4, 6), D(2026, 4, 27), D(2026, 4, 29), D(2026, 5, 2), D(2026, 5, 14), D(2026, 6, 1)]
    for peil in peildata:
        over = set(sessie.scalars(select(Melding.id).where(a.melding_over_norm_sql(peil, normen))))
        zuiver = {
            m.id
            for m in meldingen
            if a.melding_over_norm(ontvangen_op=m.ontvangen_op, afgehandeld_op=m.afgehandeld_op,
                                   afhandeltijd_werkdagen=m.afhandeltijd_werkdagen,
                                   norm_werkdagen=normen.get(m.categorie), peildatum=peil)  # fmt: skip
        }
        assert over == zuiver, peil
        open_ = set(sessie.scalars(select(Melding.id).where(a.melding_open_sql(peil))))
        assert open_ == {m.id for m in meldingen if a.melding_open_op(m.ontvangen_op, m.afgehandeld_op, peil)}
        niet_gemeld = set(sessie.scalars(select(Melding.id).where(a.melding_niet_gemeld_sql(peil))))
        assert niet_gemeld == {
            m.id for m in meldingen if a.melding_niet_gemeld(m.ontvangen_op, m.gemeld_aan_regiegroep_op, peil)
        }
    # de steekproef is niet triviaal: op 29-04-2026 zijn er meldingen over de norm én eronder
    over = set(sessie.scalars(select(Melding.id).where(a.melding_over_norm_sql(D(2026, 4, 29), normen))))
    assert 0 < len(over) < len(meldingen)
    assert sessie.scalars(select(Melding.id).where(a.melding_over_norm_sql(D(2026, 4, 29), {}))).all() == []


# --------------------------------------------------------------------------- alles in één keer (de pagina)


@pytest.mark.parametrize("jaar", [2025, 2026])
def test_overzicht_geeft_hetzelfde_als_de_losse_functies(sessie, jaar):
    """De pagina leest kerncijfers, matrix en signalen samen (de meldingen één keer); de uitkomst is dezelfde."""
    from datalaag.overzicht import overzicht

    _bouw_dataset(sessie)
    alles = overzicht(sessie, jaar, VANDAAG)
    assert alles.kpis == kpis(sessie, jaar, VANDAAG)
    assert alles.matrix == ambitie_matrix(sessie, jaar, VANDAAG)
    assert alles.signalen == signalen(sessie, jaar, VANDAAG)
    regels = {s.regel for s in alles.signalen}
    assert {"meldingen_over_norm", "meldingen_niet_gemeld"} <= regels
    assert alles.kpis.meldingen_open > 0
