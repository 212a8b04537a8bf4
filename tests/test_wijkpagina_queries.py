"""Leesqueries van de wijkpagina (datalaag.wijkpagina, datalaag.trends) op SQLite én PostgreSQL.

Eén kleine, met de hand gemaakte dataset (``_bouw``): twee wijken (Kerkelanden = de wijk van de
pagina, Sluitersveld = de rest van de stad), twee ambities. Alle verwachte waarden zijn met de hand
uitgerekend; de berekening staat erbij. Daarnaast het aantal queries per functie (vast, niet
afhankelijk van het aantal rijen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.afgeleid import inwoners_voor_jaar
from datalaag.models import (
    Ambitie,
    Bewonersinbreng,
    Doelstelling,
    DoelstellingBijstelling,
    Evaluatie,
    EvaluatieAmbitie,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Oormerk,
    Oplossingsrichting,
    Regiegroep,
    Regiegroeplid,
    Stadsdeel,
    Toezegging,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
    WijkInwoners,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.trends import doelstelling_trends, trend_van_doelstelling
from datalaag.wijkpagina import (
    PlanKort,
    ambitiescore_verloop,
    budget_samenvatting,
    evaluaties,
    kies_plan,
    maatregelen,
    meldingen_samenvatting,
    plan_detail,
    regiegroep,
    termijn_signaal,
    toezeggingen_samenvatting,
    wijk_basis,
)
from tests.hulp import tel_queries as _tel_queries

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)




@dataclass
class Dataset:
    kl: Wijk
    sv: Wijk
    amb: dict[int, Ambitie]
    plan_oud: Wijkplan
    plan: Wijkplan
    plan_sv: Wijkplan
    d_contact: Doelstelling
    d_telling: Doelstelling
    d_leeg: Doelstelling


def _melding(wijk: Wijk, ontvangen: dt.datetime, afgehandeld: dt.datetime | None = None) -> Melding:
    return Melding(
        wijk=wijk, categorie="schoon", kanaal="telefoon", ontvangen_op=ontvangen, afgehandeld_op=afgehandeld,
        afhandeltijd_werkdagen=None if afgehandeld is None else a.werkdagen_tussen(ontvangen, afgehandeld),
        status="open" if afgehandeld is None else "afgehandeld",
    )


def _bouw(sessie: Session) -> Dataset:
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=f"Werkwijze {code}", omschrijving="-", looptijd="-", afbakening="-"))
    sd = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    amb = {
        1: Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners voelen zich betrokken."),
        2: Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="Een leefbare wijk."),
    }
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=sd, werkwijze="WOP")
    sv = Wijk(naam="Sluitersveld", slug="sluitersveld", stadsdeel=sd, werkwijze="WOP")
    sessie.add_all([sd, *amb.values(), kl, sv])

    # Inwoners van Kerkelanden: 2020 5.000, 2021 4.000, 2024 5.000 (2022, 2023 en 2025+ ontbreken).
    for jaar, aantal in ((2020, 5000), (2021, 4000), (2024, 5000)):
        sessie.add(WijkInwoners(wijk=kl, jaar=jaar, aantal=aantal))

    # Plannen: KL 2009–2020 (oud) en 2021–2032 (lopend); SV 2022–2033.
    plan_oud = Wijkplan(wijk=kl, titel="WOP KL oud", werkwijze="WOP", periode_van=2009, periode_tot=2020,
                        status="geevalueerd")
    plan = Wijkplan(
        wijk=kl, titel="WOP KL", werkwijze="WOP", periode_van=2021, periode_tot=2032, status="vastgesteld",
        kader_betrokkenheid_voldoet=True, kader_betrokkenheid_toelichting="Breed samengesteld.",
        kader_doelstellingen_voldoet=False, kader_doelstellingen_toelichting="Niet meetbaar.",
        kader_middelen_voldoet=None, raadsbesluit="Raadsbesluit 2020-001", vastgesteld_op=D(2020, 10, 1),
    )
    plan_sv = Wijkplan(wijk=sv, titel="WOP SV", werkwijze="WOP", periode_van=2022, periode_tot=2033,
                       status="vastgesteld")
    sessie.add_all([plan_oud, plan, plan_sv])
    # Statushistorie bewust door elkaar toegevoegd: de query sorteert op datum.
    for status, datum, jaar in (
        ("vastgesteld", D(2020, 10, 1), None),
        ("concept", D(2020, 6, 1), None),
        ("geevalueerd", D(2022, 5, 1), 2021),
        ("besproken_met_bewoners", D(2020, 7, 1), None),
        ("terugverwezen", D(2020, 9, 1), None),
        ("definitief_voorstel", D(2020, 8, 1), None),
        ("definitief_voorstel", D(2020, 9, 15), None),
    ):
        sessie.add(WijkplanStatus(wijkplan=plan, status=status, datum=datum, jaar=jaar))
    sessie.add(WijkplanStatus(wijkplan=plan_sv, status="concept", datum=D(2021, 1, 1)))
    sessie.add_all([
        Bewonersinbreng(wijkplan=plan, datum=D(2020, 7, 10), vorm="bijeenkomst", bereik=80, opmerkingen="<b>Meer</b> groen."),
        Bewonersinbreng(wijkplan=plan, datum=D(2020, 6, 20), vorm="enquete", bereik=300, opmerkingen="Veiligheid."),
        Bewonersinbreng(wijkplan=plan_sv, datum=D(2021, 6, 20), vorm="gesprek", bereik=5, opmerkingen="x"),
    ])

    # Regiegroep KL op 27-11-2026 (rotatie binnenkort: termijn_tot ≤ 27-05-2027).
    rg = Regiegroep(wijk=kl, naam="Regiegroep Kerkelanden")
    rg_sv = Regiegroep(wijk=sv, naam="Regiegroep Sluitersveld")
    sessie.add_all([
        rg, rg_sv,
        Regiegroeplid(regiegroep=rg, naam="Piet Winkel", organisatietype="winkeliers", organisatie="Winkeliers KL",
                      rol="voorzitter", termijn_van=D(2022, 1, 1), termijn_tot=D(2027, 3, 1)),  # binnenkort
        Regiegroeplid(regiegroep=rg, naam="Anna Bewoner", organisatietype="bewoner", rol="lid",
                      termijn_van=D(2020, 1, 1), termijn_tot=D(2025, 12, 31)),  # verlopen
        Regiegroeplid(regiegroep=rg, naam="Bert Bewoner", organisatietype="bewoner", rol="lid",
                      termijn_van=D(2024, 1, 1), termijn_tot=D(2030, 1, 1)),
        Regiegroeplid(regiegroep=rg, naam="Carla Gemeente", organisatietype="gemeente", rol="stadsdeelcoordinator",
                      termijn_van=D(2016, 1, 1), termijn_tot=None),
        Regiegroeplid(regiegroep=rg, naam="Dirk Vertrokken", organisatietype="bewoner", rol="lid",
                      termijn_van=D(2018, 1, 1), termijn_tot=D(2028, 1, 1), vertrokken_op=D(2026, 1, 1)),
        Regiegroeplid(regiegroep=rg, naam="Eva Later", organisatietype="politie", rol="kerngroep",
                      termijn_van=D(2027, 1, 1), termijn_tot=D(2031, 1, 1)),
        Regiegroeplid(regiegroep=rg_sv, naam="Sanne SV", organisatietype="bewoner", rol="voorzitter",
                      termijn_van=D(2020, 1, 1), termijn_tot=D(2021, 1, 1)),
    ])

    # Ambitiescores. KL: evaluatie 2024 vastgesteld (a1 6,0), evaluatie 2025 ingediend (a1 5,0), concept 2026
    # (a1 9,9), wijkanalyse 01-06-2023 (a1 4,0; a2 7,0). SV: evaluatie 2025 vastgesteld (a1 8,0), wijkanalyse
    # 01-03-2024 (a1 7,0; a2 9,0).
    def evaluatie(wijk, jaar, status, regels, **extra):
        ev = Evaluatie(wijk=wijk, jaar=jaar, status=status, **extra)
        ev.regels = [EvaluatieAmbitie(ambitie=amb[n], waardering=Decimal(w), doelstelling=f"Doel {n}")
                     for n, w in regels]
        sessie.add(ev)
        return ev

    evaluatie(kl, 2024, "vastgesteld", [(2, "6.5"), (1, "6.0")], klanttevredenheid_cijfer=Decimal("6.1"),
              klanttevredenheid_respons=120, extra_budget_bedrag=Decimal("43000"),
              extra_budget_motivering="Meer inzet.", raadsbesluit="Afgewezen", raadsbesluit_datum=D(2025, 6, 20))
    evaluatie(kl, 2025, "ingediend", [(1, "5.0")])
    evaluatie(kl, 2026, "concept", [(1, "9.9")])
    evaluatie(sv, 2025, "vastgesteld", [(1, "8.0")])

    def analyse(wijk, datum, regels):
        wa = Wijkanalyse(wijk=wijk, datum=datum)
        wa.regels = [WijkanalyseAmbitie(ambitie=amb[n], waardering=Decimal(w)) for n, w in regels]
        sessie.add(wa)

    analyse(kl, D(2023, 6, 1), [(1, "4.0"), (2, "7.0")])
    analyse(sv, D(2024, 3, 1), [(1, "7.0"), (2, "9.0")])

    # Indicatoren en doelstellingen van het lopende KL-plan.
    i_contact = Indicator(naam="% contact", eenheid="%", ambitie=amb[1], bron="enquête", richting="hoger_is_beter")
    i_telling = Indicator(naam="Meldingen verloedering", eenheid="aantal", ambitie=amb[2], bron="meldingen",
                          richting="lager_is_beter", is_telling=True, meetfrequentie_maanden=3)
    i_leeg = Indicator(naam="% vrijwilligers", eenheid="%", ambitie=amb[1], bron="enquête", richting="hoger_is_beter")
    sessie.add_all([i_contact, i_telling, i_leeg])
    d_contact = Doelstelling(wijkplan=plan, ambitie=amb[1], indicator=i_contact, tekst="Meer contact",
                             nulmeting_waarde=50.0, nulmeting_jaar=2020, streef_type="absoluut", streefwaarde=60.0,
                             streefjaar=2030)
    d_telling = Doelstelling(wijkplan=plan, ambitie=amb[2], indicator=i_telling, tekst="10% minder meldingen",
                             nulmeting_waarde=100.0, nulmeting_jaar=2020, streef_type="relatief", streefwaarde=-10.0,
                             streefjaar=2030)
    d_leeg = Doelstelling(wijkplan=plan, ambitie=amb[1], indicator=i_leeg, tekst="Meer vrijwilligers",
                          nulmeting_waarde=20.0, nulmeting_jaar=2020, streef_type="relatief", streefwaarde=5.0,
                          streefjaar=2030)
    sessie.add_all([d_contact, d_telling, d_leeg])
    sessie.add_all([
        Doelstelling(wijkplan=plan_sv, ambitie=amb[1], indicator=i_contact, tekst="SV", nulmeting_waarde=1.0,
                     nulmeting_jaar=2020, streefwaarde=2.0, streefjaar=2030),
        DoelstellingBijstelling(doelstelling=d_contact, raadsbesluit="RB 2025-5", besluitdatum=D(2025, 6, 26),
                                oude_streefwaarde=62.0, nieuwe_streefwaarde=60.0, oud_streefjaar=2030,
                                nieuw_streefjaar=2030, toelichting="Verlaagd."),
        DoelstellingBijstelling(doelstelling=d_contact, raadsbesluit="RB 2023-1", besluitdatum=D(2023, 1, 10),
                                oude_streefwaarde=65.0, nieuwe_streefwaarde=62.0, oud_streefjaar=2029,
                                nieuw_streefjaar=2030),
    ])
    for indicator, wijk, peildatum, waarde in (
        (i_contact, kl, D(2020, 12, 31), 50.0),
        (i_contact, kl, D(2021, 12, 31), 51.0),
        (i_contact, kl, D(2023, 12, 31), 51.0),
        (i_contact, kl, D(2027, 12, 31), 70.0),  # na de peildatum: telt niet
        (i_contact, sv, D(2023, 12, 31), 99.0),  # andere wijk
        (i_telling, kl, D(2021, 12, 31), 80.0),
        (i_telling, kl, D(2023, 6, 30), 90.0),
    ):
        sessie.add(Meting(indicator=indicator, wijk=wijk, peildatum=peildatum, waarde=waarde, bron="x",
                          periode="kwartaal" if indicator is i_telling else "jaar"))

    # Maatregelen van het KL-plan op peildatum 27-11-2026.
    richting = Oplossingsrichting(ambitie=amb[1], letter="c", tekst="Buurtactiviteiten")
    sessie.add(richting)
    m_vertraagd = Maatregel(wijkplan=plan, ambitie=amb[1], naam="Buurtfeest", verantwoordelijke="Welzijn",
                            oplossingsrichting=richting, niveau="straat", status="vertraagd", voortgang=40,
                            start=D(2026, 1, 1), eind=D(2026, 12, 31))
    sessie.add_all([
        m_vertraagd,
        Maatregel(wijkplan=plan, ambitie=amb[1], naam="Speeltuin", verantwoordelijke="Gemeente", status="in_uitvoering",
                  voortgang=90, start=D(2026, 1, 1), eind=D(2026, 12, 31)),  # verwacht 90,4% − 15 → op schema
        Maatregel(wijkplan=plan, ambitie=amb[2], naam="Afgerond", verantwoordelijke="Gemeente", status="afgerond",
                  voortgang=100, start=D(2024, 1, 1), eind=D(2025, 1, 1)),
        Maatregel(wijkplan=plan, ambitie=amb[2], naam="Te laat", verantwoordelijke="Gemeente", status="in_uitvoering",
                  voortgang=95, start=D(2025, 1, 1), eind=D(2026, 6, 30)),  # einddatum verstreken → achter
        Maatregel(wijkplan=plan_sv, ambitie=amb[1], naam="SV", verantwoordelijke="x", status="vertraagd", voortgang=0),
    ])

    # Budget KL 2026: oormerk 2026 € 100.000 + 2025–2028 € 400.000 (¼ = € 100.000) = € 200.000;
    # uitgaven 2026 € 150.000 (€ 999 in 2025 en € 5.000 van SV tellen niet) → benutting 0,75.
    sessie.add_all([
        Oormerk(wijk=kl, naam="Budget 2026", jaar_van=2026, jaar_tot=2026, bron="stadsdeelbudget",
                bedrag=Decimal("100000"), budgethouder="B. Houder"),
        Oormerk(wijk=kl, naam="Programma", jaar_van=2025, jaar_tot=2028, bron="rijksgelden_wijkenaanpak",
                bedrag=Decimal("400000"), budgethouder="R. IJk"),
        Oormerk(wijk=kl, naam="Oud", jaar_van=2020, jaar_tot=2020, bron="gsb", bedrag=Decimal("1"), budgethouder="Oud"),
        Uitgave(wijk=kl, datum=D(2026, 3, 1), bedrag=Decimal("100000"), maatregel=m_vertraagd, omschrijving="a"),
        Uitgave(wijk=kl, datum=D(2026, 9, 1), bedrag=Decimal("50000"), maatregel=m_vertraagd, omschrijving="b"),
        Uitgave(wijk=kl, datum=D(2025, 12, 31), bedrag=Decimal("999"), maatregel=m_vertraagd, omschrijving="c"),
        Uitgave(wijk=sv, datum=D(2026, 3, 1), bedrag=Decimal("5000"), maatregel=m_vertraagd, omschrijving="d"),
    ])

    # Meldingen KL. Afgehandeld in 2026 (tot de peildatum): 2, 5 en 3 werkdagen → mediaan 3.
    sessie.add_all([
        _melding(kl, T(2026, 2, 2, 9), T(2026, 2, 4, 9)),  # ma → wo: 2 werkdagen
        _melding(kl, T(2026, 3, 2, 9), T(2026, 3, 9, 9)),  # ma → ma: 5 werkdagen
        _melding(kl, T(2026, 11, 20, 9)),  # open
        _melding(kl, T(2025, 12, 1, 9)),  # open, ontvangen vorig jaar
        _melding(kl, T(2025, 12, 29, 9), T(2026, 1, 2, 9)),  # di 30, wo 31, (1 jan feestdag), vr 2: 3 werkdagen
        _melding(kl, T(2026, 11, 28, 9)),  # na de peildatum
        _melding(sv, T(2026, 5, 1, 9)),  # andere wijk
    ])

    # Toezeggingen KL op 27-11-2026: open 2 (waarvan 1 te laat); afgedaan, later gedaan en SV tellen niet.
    def tz(nummer, wijk, datum, termijn, status="open", **extra):
        sessie.add(Toezegging(nummer=nummer, datum=datum, vergadering="Raad", portefeuillehouder="A. Brinkhuis",
                              onderwerp=nummer, wijk=wijk, termijn=termijn, status=status, **extra))

    tz("T1", kl, D(2025, 6, 1), D(2026, 1, 1))
    tz("T2", kl, D(2026, 6, 1), D(2027, 1, 1))
    tz("T3", kl, D(2025, 6, 1), D(2025, 9, 1), status="afgedaan", afgedaan_op=D(2025, 8, 1))
    tz("T4", kl, D(2026, 12, 1), D(2026, 12, 2))
    tz("T5", sv, D(2025, 6, 1), D(2026, 1, 1))
    sessie.flush()
    return Dataset(kl, sv, amb, plan_oud, plan, plan_sv, d_contact, d_telling, d_leeg)


# --------------------------------------------------------------------------- wijk, plan en levenscyclus


def test_wijk_basis_en_plannen(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        basis = wijk_basis(sessie, "kerkelanden")
    assert n["n"] == 2
    assert (basis.naam, basis.stadsdeel, basis.werkwijze_code, basis.werkwijze) == (
        "Kerkelanden", "Noord", "WOP", "Werkwijze WOP")
    assert [p.id for p in basis.plannen] == [ds.plan.id, ds.plan_oud.id]  # nieuwste eerst
    assert wijk_basis(sessie, "bestaat-niet") is None


def test_kies_plan():
    nieuw = PlanKort(2, "Nieuw", "WOP", 2021, 2032, "vastgesteld")
    oud = PlanKort(1, "Oud", "WOP", 2009, 2020, "geevalueerd")
    concept = PlanKort(3, "Volgend", "WOP", 2033, 2040, "concept")
    plannen = [concept, nieuw, oud]
    assert kies_plan(plannen, None, 2026) == nieuw  # actief in 2026
    assert kies_plan(plannen, None, 2015) == oud
    assert kies_plan(plannen, oud.id, 2026) == oud  # gevraagd
    assert kies_plan(plannen, 999, 2026) == nieuw  # onbekend id: standaard
    assert kies_plan(plannen, None, 2035) == concept  # niets actief: laatste dat al begonnen is
    assert kies_plan(plannen, None, 2000) == concept  # niets begonnen: het meest recente
    assert kies_plan([], None, 2026) is None


def test_plan_detail_levenscyclus_toets_en_inbreng(sessie):
    ds = _bouw(sessie)
    plan_id = ds.plan.id
    sessie.expunge_all()  # plan_detail leest het plan met Session.get: niet uit de identity map
    with _tel_queries(sessie) as n:
        plan = plan_detail(sessie, plan_id)
    assert n["n"] == 3
    assert [(s.status, s.datum) for s in plan.historie] == [
        ("concept", D(2020, 6, 1)),
        ("besproken_met_bewoners", D(2020, 7, 1)),
        ("definitief_voorstel", D(2020, 8, 1)),
        ("terugverwezen", D(2020, 9, 1)),
        ("definitief_voorstel", D(2020, 9, 15)),
        ("vastgesteld", D(2020, 10, 1)),
        ("geevalueerd", D(2022, 5, 1)),
    ]
    assert plan.historie[-1].jaar == 2021
    assert plan.historie[3].label == "Terugverwezen naar de regiegroep"
    assert [(k.naam, k.voldoet, k.toelichting) for k in plan.kaders] == [
        ("Betrokkenheid bewoners en organisaties", True, "Breed samengesteld."),
        ("Doelstellingen", False, "Niet meetbaar."),
        ("Benodigde middelen", None, None),
    ]
    assert [(i.datum, i.vorm, i.bereik) for i in plan.bewonersinbreng] == [
        (D(2020, 6, 20), "enquete", 300), (D(2020, 7, 10), "bijeenkomst", 80)]
    # Tekst van gebruikers komt ongewijzigd terug (de UI toont hem als platte tekst).
    assert plan.bewonersinbreng[1].opmerkingen == "<b>Meer</b> groen."
    assert plan_detail(sessie, 987654) is None


# --------------------------------------------------------------------------- regiegroep


def test_regiegroep_op_peildatum(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        groep = regiegroep(sessie, ds.kl.id, VANDAAG)
    assert n["n"] == 2
    # Dirk is vertrokken, Eva begint pas in 2027.
    assert [(lid.naam, lid.rol, lid.termijn_signaal) for lid in groep.leden] == [
        ("Piet Winkel", "voorzitter", "binnenkort"),  # 01-03-2027 ≤ 27-05-2027
        ("Carla Gemeente", "stadsdeelcoordinator", None),
        ("Anna Bewoner", "lid", "verlopen"),  # 31-12-2025 < 27-11-2026
        ("Bert Bewoner", "lid", None),
    ]
    assert groep.per_type == (("bewoner", 2), ("gemeente", 1), ("winkeliers", 1))
    assert (groep.voorzitter, groep.voorzitter_is_bewoner) == ("Piet Winkel", False)
    assert (groep.aantal_verlopen, groep.aantal_binnenkort) == (1, 1)
    # In 2021 zat Dirk er nog (bewoner), Bert nog niet; Anna's termijn liep nog.
    groep_2021 = regiegroep(sessie, ds.kl.id, D(2021, 12, 31))
    assert groep_2021.per_type == (("bewoner", 2), ("gemeente", 1))
    assert groep_2021.voorzitter is None and groep_2021.voorzitter_is_bewoner is None


def test_termijn_signaal_grenzen():
    assert termijn_signaal(None, VANDAAG) is None
    assert termijn_signaal(D(2026, 11, 26), VANDAAG) == "verlopen"
    assert termijn_signaal(VANDAAG, VANDAAG) == "binnenkort"  # vandaag afgelopen: nog niet verlopen
    assert termijn_signaal(D(2027, 5, 27), VANDAAG) == "binnenkort"  # precies 6 maanden
    assert termijn_signaal(D(2027, 5, 28), VANDAAG) is None


def test_regiegroep_ontbreekt(sessie):
    _bouw(sessie)
    wijk = Wijk(naam="Zonder", slug="zonder", stadsdeel_id=sessie.query(Stadsdeel).one().id, werkwijze="AWA")
    sessie.add(wijk)
    sessie.flush()
    assert regiegroep(sessie, wijk.id, VANDAAG) is None


# --------------------------------------------------------------------------- ambitiescores door de jaren


def test_ambitiescore_verloop_tegen_stadsgemiddelde(sessie):
    ds = _bouw(sessie)
    a1, a2 = ds.amb[1].id, ds.amb[2].id
    with _tel_queries(sessie) as n:
        punten = ambitiescore_verloop(sessie, ds.kl.id, [2023, 2024, 2025, 2026], VANDAAG)
    assert n["n"] == 1  # alle jaren in één query
    gevonden = {(p.jaar, p.ambitie_id): (p.wijk, p.stad, p.bron) for p in punten}
    assert gevonden == {
        # 2023: KL alleen de wijkanalyse van 2023; SV nog niets (wijkanalyse 01-03-2024).
        (2023, a1): (4.0, 4.0, "wijkanalyse 2023"),
        (2023, a2): (7.0, 7.0, "wijkanalyse 2023"),
        # 2024: KL vastgesteld 2024 (6,0); SV wijkanalyse 2024 (7,0) → (6 + 7) / 2 = 6,5.
        (2024, a1): (6.0, 6.5, "evaluatie (vastgesteld) 2024"),
        # a2: KL vastgesteld 2024 (6,5) gaat vóór de wijkanalyse; SV 9,0 → 7,75.
        (2024, a2): (6.5, 7.75, "evaluatie (vastgesteld) 2024"),
        # 2025: de nieuwste evaluatie telt: KL ingediend 2025 (5,0) gaat vóór vastgesteld 2024;
        # SV vastgesteld 2025 (8,0) → 6,5. Voor a2 heeft 2025 geen waardering → vastgesteld 2024.
        (2025, a1): (5.0, 6.5, "evaluatie (ingediend) 2025"),
        (2025, a2): (6.5, 7.75, "evaluatie (vastgesteld) 2024"),
        # 2026: het concept (9,9) telt niet.
        (2026, a1): (5.0, 6.5, "evaluatie (ingediend) 2025"),
        (2026, a2): (6.5, 7.75, "evaluatie (vastgesteld) 2024"),
    }
    assert [p.jaar for p in punten] == sorted(p.jaar for p in punten)
    # De andere wijk ziet hetzelfde stadsgemiddelde en haar eigen scores.
    sv = {(p.jaar, p.ambitie_id): (p.wijk, p.stad) for p in ambitiescore_verloop(sessie, ds.sv.id, [2023, 2025],
                                                                                  VANDAAG)}
    assert sv == {(2023, a1): (None, 4.0), (2023, a2): (None, 7.0), (2025, a1): (8.0, 6.5), (2025, a2): (9.0, 7.75)}
    assert ambitiescore_verloop(sessie, ds.kl.id, [], VANDAAG) == []


def _scores_per_jaar_los(sessie, jaren: dict[int, dt.date]) -> set[tuple]:
    return {(j, *r) for j, p in jaren.items() for r in sessie.execute(a.ambitiescores_select(j, p)).all()}


def test_ambitiescores_per_jaar_gelijk_aan_ambitiescores_select_per_jaar(sessie):
    """Dezelfde regel in één query voor alle jaren: per jaar precies de rijen van ambitiescores_select."""
    ds = _bouw(sessie)
    # Extra gevallen: twee wijkanalyses in één jaar (de nieuwste telt), een van ná vandaag in het lopende
    # jaar (telt niet), een concept-analyse (telt niet) en een evaluatie zonder waardering voor a2.
    for datum, w1, status in ((D(2022, 2, 1), "3.0", "ingediend"), (D(2022, 9, 1), "3.5", "ingediend"),
                              (D(2026, 12, 15), "9.0", "ingediend"), (D(2021, 5, 1), "8.8", "concept")):
        wa = Wijkanalyse(wijk=ds.kl, datum=datum, status=status)
        wa.regels = [WijkanalyseAmbitie(ambitie=ds.amb[1], waardering=Decimal(w1))]
        sessie.add(wa)
    ev = Evaluatie(wijk=ds.sv, jaar=2022, status="ingediend")
    ev.regels = [EvaluatieAmbitie(ambitie=ds.amb[2], waardering=None, doelstelling="Zonder cijfer"),
                 EvaluatieAmbitie(ambitie=ds.amb[1], waardering=Decimal("5.5"), doelstelling="Doel")]
    sessie.add(ev)
    sessie.flush()
    for jaren in (range(2020, 2029), (2021, 2023, 2026), (2022,), (2026, 2027)):
        per_jaar = {j: a.peildatum_voor_jaar(j, VANDAAG) for j in jaren}
        nieuw = {tuple(r) for r in sessie.execute(a.ambitiescores_per_jaar_select(per_jaar)).all()}
        assert nieuw == _scores_per_jaar_los(sessie, per_jaar), jaren
    # Met de hand: KL a1 in 2022 = de nieuwste analyse van 2022 (3,5); in 2026 de ingediende evaluatie 2025
    # (de analyse van 15-12-2026 ligt na de peildatum en een evaluatie gaat toch voor).
    kl_a1 = {r.jaar: (r.waardering, r.prioriteit, r.bron_jaar) for r in sessie.execute(
        a.ambitiescores_per_jaar_select({j: a.peildatum_voor_jaar(j, VANDAAG) for j in (2021, 2022, 2026)}))
        if r.wijk_id == ds.kl.id and r.ambitie_id == ds.amb[1].id}
    assert kl_a1 == {2022: (3.5, 3, 2022), 2026: (5.0, 2, 2025)}  # 2021: alleen een concept → geen score


def test_ambitiescores_per_jaar_weigert_dalende_peildatum_en_geen_jaren():
    with pytest.raises(ValueError):
        a.ambitiescores_per_jaar_select({2024: D(2024, 12, 31), 2025: D(2024, 6, 30)})
    with pytest.raises(ValueError):
        a.ambitiescores_per_jaar_select({})


def test_luie_tabel_heeft_dezelfde_exportgegevens_als_de_tabel(sessie):
    from dashboard.export import Kolom
    from pagina.componenten.tabelexport import tabelgegevens
    from pagina.componenten.trendgrafiek import (
        _trendtabel_inhoud,
        luie_tabel,
        maak_trendtabel,
    )

    ds = _bouw(sessie)
    for trend in doelstelling_trends(sessie, ds.plan.id, VANDAAG):
        for vanaf in (None, 2021):
            plaatshouder = luie_tabel(f"trend-{trend.id}", *_trendtabel_inhoud(trend, vanaf))
            assert plaatshouder.id == {"type": "luie-tabel", "tabel": f"trend-{trend.id}"}
            assert "table" not in str(plaatshouder).lower()  # de tabel zelf gaat niet mee naar de browser
            assert tabelgegevens(plaatshouder) == tabelgegevens(maak_trendtabel(trend, vanaf_jaar=vanaf))
    with pytest.raises(ValueError):  # een tekstkolom zou de tekst in beeld moeten exporteren
        luie_tabel("x", [Kolom("k", "Tekst")], [["a"]])


# --------------------------------------------------------------------------- trends


def test_doelstelling_trends(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        trends = doelstelling_trends(sessie, ds.plan.id, VANDAAG)
    assert n["n"] == 4  # doelstellingen, metingen, inwoners, bijstellingen
    assert [t.id for t in trends] == [ds.d_contact.id, ds.d_leeg.id, ds.d_telling.id]  # ambitie, dan id
    contact, leeg, telling = trends

    # Contact: metingen ≤ peildatum, alleen van KL. Laatste 51,0 op 31-12-2023; verwacht
    # 50 + 10 × 1095/3652 = 52,998 → achterstand (52,998 − 51) / 10 = 0,1998 → 'achter'.
    assert [(p.peildatum, p.waarde, p.per_1000) for p in contact.metingen] == [
        (D(2020, 12, 31), 50.0, None), (D(2021, 12, 31), 51.0, None), (D(2023, 12, 31), 51.0, None)]
    assert contact.laatste.peildatum == D(2023, 12, 31)
    assert contact.verwacht == pytest.approx(50 + 10 * 1095 / 3652)
    assert contact.status == "achter"
    assert contact.streefwaarde_absoluut == 60.0
    assert contact.eenheid_getoond == "%"
    assert [(b.besluitdatum, b.oude_streefwaarde, b.nieuwe_streefwaarde, b.oud_streefjaar) for b in
            contact.bijstellingen] == [(D(2023, 1, 10), 65.0, 62.0, 2029), (D(2025, 6, 26), 62.0, 60.0, 2030)]

    # Telling, relatief −10%: streefwaarde 100 × 0,9 = 90. Per 1.000 inwoners met het inwonertal van het
    # jaar (2021: 4.000 → 80 × 1000 / 4000 = 20,0; 2023 ontbreekt → 2021: 90 / 4 = 22,5); nulmeting 2020:
    # 100 / 5 = 20,0; streefjaar 2030 ontbreekt → 2024: 90 / 5 = 18,0.
    assert telling.is_telling and telling.eenheid_getoond == "per 1.000 inwoners"
    assert [(p.peildatum, p.waarde, p.per_1000) for p in telling.metingen] == [
        (D(2021, 12, 31), 80.0, 20.0), (D(2023, 6, 30), 90.0, 22.5)]
    assert telling.streefwaarde_absoluut == pytest.approx(90.0)
    assert telling.nulmeting_per_1000 == pytest.approx(20.0)
    assert telling.streefwaarde_per_1000 == pytest.approx(18.0)
    # Status per 1.000 inwoners (afgeleid.op_koers_doelstelling): verwacht 20 − 2 × 911/3652 = 19,501;
    # gemeten 22,5 (lager is beter): achterstand (22,5 − 19,501) / 2 = 1,50 → 'ver_achter'. Het aantal
    # daalde (100 → 90), maar de wijk kromp sneller: per 1.000 inwoners ging het de verkeerde kant op.
    assert telling.status == "ver_achter"
    assert telling.verwacht == pytest.approx(20 - 2 * 911 / 3652)

    # Zonder metingen: geen gegevens; relatief +5% van 20 = 21.
    assert (leeg.metingen, leeg.laatste, leeg.verwacht, leeg.status) == ((), None, None, "geen_data")
    assert leeg.streefwaarde_absoluut == pytest.approx(21.0)
    assert leeg.nulmeting_per_1000 is None


def test_trends_op_een_eerdere_peildatum(sessie):
    ds = _bouw(sessie)
    trends = {t.id: t for t in doelstelling_trends(sessie, ds.plan.id, D(2021, 12, 31))}
    contact = trends[ds.d_contact.id]
    # Laatste meting 51,0 op 31-12-2021; verwacht 50 + 10 × 365/3652 = 50,999 → voor → op koers.
    assert contact.laatste.peildatum == D(2021, 12, 31) and contact.status == "op_koers"
    assert [p.peildatum for p in trends[ds.d_telling.id].metingen] == [D(2021, 12, 31)]


def test_trend_van_doelstelling(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        trend = trend_van_doelstelling(sessie, ds.d_telling.id, VANDAAG, wijk_id=ds.kl.id)
    assert n["n"] == 4
    assert trend.id == ds.d_telling.id and trend.wijkplan_id == ds.plan.id
    assert trend_van_doelstelling(sessie, ds.d_telling.id, VANDAAG, wijk_id=ds.sv.id) is None  # andere wijk
    assert trend_van_doelstelling(sessie, 987654, VANDAAG) is None


def test_inwoners_voor_jaar():
    inwoners = {2020: 5000, 2021: 4000, 2024: 5000}
    assert inwoners_voor_jaar(inwoners, 2021) == 4000
    assert inwoners_voor_jaar(inwoners, 2023) == 4000
    assert inwoners_voor_jaar(inwoners, 2030) == 5000
    assert inwoners_voor_jaar(inwoners, 2010) == 5000  # vóór het eerste jaar: het eerste
    assert inwoners_voor_jaar({}, 2020) is None


def test_streefwaarde_tekst_relatief_en_per_1000(sessie):
    from pagina.componenten.trendgrafiek import streefwaarde_tekst

    ds = _bouw(sessie)
    trends = {t.id: t for t in doelstelling_trends(sessie, ds.plan.id, VANDAAG)}
    assert streefwaarde_tekst(trends[ds.d_leeg.id]) == "+5% t.o.v. nulmeting = 21,0 in 2030"
    assert streefwaarde_tekst(trends[ds.d_telling.id]) == (
        "-10% t.o.v. nulmeting = 90,0 in 2030 (18,0 per 1.000 inwoners)")
    assert streefwaarde_tekst(trends[ds.d_contact.id]) == "60,0 in 2030"


# --------------------------------------------------------------------------- maatregelen


def test_maatregelen_met_achter_schema(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        lijst = maatregelen(sessie, ds.plan.id, VANDAAG)
    assert n["n"] == 1
    gevonden = {m.naam: (m.achter_schema, m.status_label, m.oplossingsrichting) for m in lijst}
    assert gevonden == {
        "Buurtfeest": (True, "Vertraagd", "c. Buurtactiviteiten"),
        "Speeltuin": (False, "In uitvoering", None),
        "Afgerond": (False, "Afgerond", None),
        "Te laat": (True, "In uitvoering", None),
    }
    # Zelfde uitkomst als de Python-definitie.
    for m in lijst:
        assert m.achter_schema == a.achter_schema(m.status, m.start, m.eind, m.voortgang, VANDAAG)


# --------------------------------------------------------------------------- samenvattingen


def test_budget_samenvatting(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        b = budget_samenvatting(sessie, ds.kl.id, 2026)
    assert n["n"] == 2
    assert (b.oormerk, b.uitgaven) == (pytest.approx(200000.0), pytest.approx(150000.0))
    assert b.budgetbenutting == pytest.approx(0.75)
    assert b.budgethouders == ("R. IJk", "B. Houder")  # op begin van het oormerk
    leeg = budget_samenvatting(sessie, ds.sv.id, 2026)  # SV: geen oormerk, wel € 5.000 uitgegeven
    assert (leeg.oormerk, leeg.uitgaven, leeg.budgetbenutting, leeg.budgethouders) == (0.0, 5000.0, None, ())


def test_meldingen_samenvatting(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        m = meldingen_samenvatting(sessie, ds.kl.id, 2026, VANDAAG)
    assert n["n"] == 3
    # Ontvangen in 2026 t/m 27-11: 02-02, 02-03, 20-11 = 3; inwoners 2026 ontbreekt → 2024: 5.000 → 0,6.
    assert (m.ontvangen, m.inwoners, m.ontvangen_per_1000) == (3, 5000, pytest.approx(0.6))
    assert m.open == 2  # 20-11-2026 en 01-12-2025
    assert m.afhandeltijd_mediaan == 3.0  # mediaan van 2, 3, 5
    vorig = meldingen_samenvatting(sessie, ds.kl.id, 2025, VANDAAG)
    # 2025 (peildatum 31-12-2025): ontvangen 01-12 en 29-12; beide open op 31-12; niets afgehandeld.
    assert (vorig.ontvangen, vorig.open, vorig.afhandeltijd_mediaan) == (2, 2, None)


def test_toezeggingen_samenvatting(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        t = toezeggingen_samenvatting(sessie, ds.kl.id, VANDAAG)
    assert n["n"] == 1
    assert (t.open, t.te_laat) == (2, 1)
    assert toezeggingen_samenvatting(sessie, ds.kl.id, D(2025, 12, 31)) == type(t)(D(2025, 12, 31), 1, 0)


# --------------------------------------------------------------------------- evaluaties


def test_evaluaties_als_formulier(sessie):
    ds = _bouw(sessie)
    with _tel_queries(sessie) as n:
        lijst = evaluaties(sessie, ds.kl.id, 2026)
    assert n["n"] == 2
    assert [(e.jaar, e.status) for e in lijst] == [(2026, "concept"), (2025, "ingediend"), (2024, "vastgesteld")]
    e2024 = lijst[2]
    assert [(r.ambitie_nummer, r.waardering, r.doelstelling) for r in e2024.regels] == [
        (1, 6.0, "Doel 1"), (2, 6.5, "Doel 2")]
    assert (e2024.klanttevredenheid_cijfer, e2024.klanttevredenheid_respons) == (6.1, 120)
    assert (e2024.extra_budget_bedrag, e2024.raadsbesluit, e2024.raadsbesluit_datum) == (
        43000.0, "Afgewezen", D(2025, 6, 20))
    assert [e.jaar for e in evaluaties(sessie, ds.kl.id, 2025)] == [2025, 2024]
    assert evaluaties(sessie, ds.kl.id, 2020) == []
