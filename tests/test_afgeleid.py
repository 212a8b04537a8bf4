"""Eenheidstests voor de afgeleide cijfers (datalaag.afgeleid) en de opmaak (datalaag.opmaak).

Alle verwachtingen zijn met de hand uitgerekend; de berekening staat erbij.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from datalaag import afgeleid as a
from datalaag.opmaak import formatteer_bedrag, formatteer_datum, formatteer_getal, formatteer_procent, meervoud

D = dt.date


# --------------------------------------------------------------------------- peildatum


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [
        (2025, D(2025, 12, 31)),  # verstreken jaar: 31-12
        (2019, D(2019, 12, 31)),
        (2026, D(2026, 11, 27)),  # lopend jaar: vandaag
        (2027, D(2026, 11, 27)),  # toekomst: terug naar vandaag
    ],
)
def test_peildatum_voor_jaar(jaar, verwacht):
    assert a.peildatum_voor_jaar(jaar, D(2026, 11, 27)) == verwacht


def test_plus_maanden():
    assert a.plus_maanden(D(2024, 12, 31), 15) == D(2026, 3, 31)
    assert a.plus_maanden(D(2026, 1, 31), 1) == D(2026, 2, 28)  # dag 31 bestaat niet in februari
    assert a.plus_maanden(D(2024, 1, 31), 1) == D(2024, 2, 29)  # schrikkeljaar
    assert a.plus_maanden(D(2026, 3, 15), -3) == D(2025, 12, 15)


# --------------------------------------------------------------------------- streefwaarde en verwachte waarde


def test_absolute_streefwaarde():
    assert a.absolute_streefwaarde(6.0, "absoluut", 8.0) == 8.0
    assert a.absolute_streefwaarde(50.0, "relatief", 10) == pytest.approx(55.0)  # 50 × 1,10
    assert a.absolute_streefwaarde(20.0, "relatief", -25) == pytest.approx(15.0)  # 20 × 0,75
    assert a.absolute_streefwaarde(20.0, "relatief", 0) == pytest.approx(20.0)
    with pytest.raises(ValueError):
        a.absolute_streefwaarde(1.0, "procent", 1.0)


def test_verwachte_waarde_lijn_en_klemmen():
    # nulmeting 6,0 op 31-12-2024, streef 8,0 op 31-12-2026: 730 dagen.
    args = (6.0, 2024, 8.0, 2026)
    assert a.verwachte_waarde(*args, D(2024, 6, 1)) == 6.0  # vóór de nulmeting: nulwaarde
    assert a.verwachte_waarde(*args, D(2024, 12, 31)) == 6.0  # op de nulmetingsdatum
    assert a.verwachte_waarde(*args, D(2025, 12, 31)) == pytest.approx(7.0)  # 365/730 = ½ → 6 + ½·2
    # 01-07-2025: 31+28+31+30+31+30 + 1 = 182 dagen na 31-12-2024 → 6 + 2·182/730 = 6,49863…
    assert a.verwachte_waarde(*args, D(2025, 7, 1)) == pytest.approx(6 + 2 * 182 / 730)
    assert a.verwachte_waarde(*args, D(2026, 12, 31)) == 8.0  # op de streefdatum
    assert a.verwachte_waarde(*args, D(2030, 1, 1)) == 8.0  # daarna: streefwaarde
    # dalende lijn: 20 → 15 over 730 dagen; halverwege 17,5
    assert a.verwachte_waarde(20.0, 2024, 15.0, 2026, D(2025, 12, 31)) == pytest.approx(17.5)
    # streefjaar = nuljaar: vóór/op de datum nul, daarna streef
    assert a.verwachte_waarde(6.0, 2025, 8.0, 2025, D(2025, 12, 31)) == 6.0
    assert a.verwachte_waarde(6.0, 2025, 8.0, 2025, D(2026, 1, 1)) == 8.0


# --------------------------------------------------------------------------- op koers


def _koers_hoger(waarde, peildatum=D(2025, 12, 31), **extra):
    """hoger_is_beter, nul 6,0 (2024) → streef 8,0 (2026); op 31-12-2025 verwacht 7,0; beoogd 2,0."""
    params = dict(
        nulwaarde=6.0,
        nuljaar=2024,
        streef_type="absoluut",
        streefwaarde=8.0,
        streefjaar=2026,
        richting="hoger_is_beter",
        meting_waarde=waarde,
        meting_peildatum=peildatum,
    )
    params.update(extra)
    return a.op_koers(**params)


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (7.0, "op_koers"),  # precies op de lijn
        (7.5, "op_koers"),  # voor op schema
        (6.8, "op_koers"),  # (7,0 − 6,8) / 2,0 = 10%: grens, nog op koers
        (6.79, "achter"),  # 0,21 / 2,0 = 10,5%
        (6.5, "achter"),  # 0,5 / 2,0 = 25%: grens, nog achter
        (6.49, "ver_achter"),  # 0,51 / 2,0 = 25,5%
        (5.0, "ver_achter"),  # zelfs onder de nulmeting
    ],
)
def test_op_koers_hoger_is_beter(waarde, verwacht):
    assert _koers_hoger(waarde) == verwacht


def _koers_lager_relatief(waarde, peildatum=D(2025, 12, 31)):
    """lager_is_beter, nul 20 (2024), streef −25% relatief = 15 (2026); verwacht 17,5; beoogd 5."""
    return a.op_koers(
        nulwaarde=20.0,
        nuljaar=2024,
        streef_type="relatief",
        streefwaarde=-25.0,
        streefjaar=2026,
        richting="lager_is_beter",
        meting_waarde=waarde,
        meting_peildatum=peildatum,
    )


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (17.5, "op_koers"),
        (16.0, "op_koers"),  # lager dan verwacht = voor
        (18.0, "op_koers"),  # (18 − 17,5) / 5 = 10%: grens
        (18.1, "achter"),  # 0,6 / 5 = 12%
        (18.75, "achter"),  # 1,25 / 5 = 25%: grens
        (19.0, "ver_achter"),  # 1,5 / 5 = 30%
    ],
)
def test_op_koers_lager_is_beter_relatief(waarde, verwacht):
    assert _koers_lager_relatief(waarde) == verwacht


def test_op_koers_relatief_hoger_is_beter():
    # nul 50 (2024), +10% = 55 (2026); op 31-12-2025 verwacht 52,5; beoogd 5.
    kwargs = dict(
        nulwaarde=50.0, nuljaar=2024, streef_type="relatief", streefwaarde=10.0, streefjaar=2026,
        richting="hoger_is_beter", meting_peildatum=D(2025, 12, 31),
    )  # fmt: skip
    assert a.op_koers(meting_waarde=52.0, **kwargs) == "op_koers"  # 0,5 / 5 = 10%
    assert a.op_koers(meting_waarde=51.5, **kwargs) == "achter"  # 1,0 / 5 = 20%
    assert a.op_koers(meting_waarde=51.0, **kwargs) == "ver_achter"  # 1,5 / 5 = 30%


def test_op_koers_na_streefjaar_vergelijkt_met_streefwaarde():
    # Na 31-12-2026 is de verwachting 8,0: 7,6 → 0,4 / 2 = 20% → achter; 8,1 → voor.
    assert _koers_hoger(7.6, D(2027, 12, 31)) == "achter"
    assert _koers_hoger(8.1, D(2027, 12, 31)) == "op_koers"
    assert _koers_hoger(7.4, D(2027, 12, 31)) == "ver_achter"  # 0,6 / 2 = 30%


def test_op_koers_geen_data():
    assert _koers_hoger(None, None) == "geen_data"
    assert _koers_hoger(None, D(2025, 12, 31)) == "geen_data"
    # meting vóór de nulmetingsdatum (31-12-2024): telt niet
    assert _koers_hoger(9.0, D(2024, 12, 30)) == "geen_data"
    # meting óp de nulmetingsdatum: verwacht = nul = 6,0
    assert _koers_hoger(6.0, D(2024, 12, 31)) == "op_koers"


def test_op_koers_handhaven():
    # streef = nul = 7,0: tolerantie 2% van 7,0 = 0,14
    hand = dict(
        nulwaarde=7.0, nuljaar=2024, streef_type="absoluut", streefwaarde=7.0, streefjaar=2026,
        richting="hoger_is_beter", meting_peildatum=D(2025, 12, 31),
    )  # fmt: skip
    assert a.op_koers(meting_waarde=7.5, **hand) == "op_koers"  # beter
    assert a.op_koers(meting_waarde=6.86, **hand) == "op_koers"  # 0,14 slechter = precies 2%
    assert a.op_koers(meting_waarde=6.8, **hand) == "ver_achter"  # 0,2 / 7 = 2,9%
    # lager_is_beter, relatief 0%: nul 10 → 2% = 0,2
    laag = dict(hand, nulwaarde=10.0, streef_type="relatief", streefwaarde=0.0, richting="lager_is_beter")
    assert a.op_koers(meting_waarde=10.2, **laag) == "op_koers"
    assert a.op_koers(meting_waarde=10.3, **laag) == "ver_achter"
    assert a.op_koers(meting_waarde=9.0, **laag) == "op_koers"


def test_op_koers_labels_en_constanten():
    assert a.OP_KOERS_LABELS == {
        "op_koers": "Op koers",
        "achter": "Achter",
        "ver_achter": "Ver achter",
        "geen_data": "Geen gegevens",
    }
    assert set(a.OP_KOERS_WAARDEN) == set(a.OP_KOERS_LABELS)
    assert (a.GRENS_OP_KOERS, a.GRENS_ACHTER) == (0.10, 0.25)
    with pytest.raises(ValueError):
        _koers_hoger(7.0, richting="omhoog")


# --------------------------------------------------------------------------- budget


def test_budgetbenutting():
    assert a.budgetbenutting(50_000, 100_000) == 0.5
    assert a.budgetbenutting(Decimal("60000.00"), Decimal("50000.00")) == pytest.approx(1.2)
    assert a.budgetbenutting(0, 100) == 0.0
    assert a.budgetbenutting(0, 0) is None
    assert a.budgetbenutting(10_000, 0) is None  # uitgaven zonder oormerk: geen benutting


def test_oormerk_voor_jaar():
    # De Riet: € 2.000.000 over 2024–2027 = 4 jaar → € 500.000 per jaar
    assert a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2025) == 500_000
    assert a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2024) == 500_000
    assert a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2027) == 500_000
    assert a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2023) == 0
    assert a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2028) == 0
    assert a.oormerk_voor_jaar(Decimal("1000.00"), 2026, 2026, 2026) == 1000
    assert a.oormerk_voor_jaar(100, 2024, 2026, 2025) == pytest.approx(100 / 3)  # 3 jaar


def test_budgetbenutting_meerjarig_oormerk():
    # oormerk 2.000.000 (2024–2027) + 100.000 (2025): 500.000 + 100.000 = 600.000 in 2025;
    # uitgaven 2025 300.000 → 300.000 / 600.000 = 0,5
    oormerk = a.oormerk_voor_jaar(2_000_000, 2024, 2027, 2025) + a.oormerk_voor_jaar(100_000, 2025, 2025, 2025)
    assert oormerk == 600_000
    assert a.budgetbenutting(300_000, oormerk) == 0.5


# --------------------------------------------------------------------------- afhandeltijd


def test_mediaan_uit_histogram():
    assert a.mediaan_uit_histogram({}) is None
    assert a.mediaan_uit_histogram({7: 0}) is None
    assert a.mediaan_uit_histogram({3: 1}) == 3.0
    assert a.mediaan_uit_histogram({1: 2, 5: 1}) == 1.0  # [1, 1, 5] → 1
    assert a.mediaan_uit_histogram({10: 2, 1: 1, 2: 1}) == 6.0  # [1, 2, 10, 10] → (2 + 10) / 2
    assert a.mediaan_uit_histogram({0: 2, 4: 2}) == 2.0  # [0, 0, 4, 4] → (0 + 4) / 2
    assert a.mediaan_uit_histogram({2: 3, 9: 3}) == 5.5  # [2, 2, 2, 9, 9, 9] → (2 + 9) / 2
    assert a.mediaan_uit_histogram({4: 5}) == 4.0


def test_werkdagen_tussen():
    assert a.werkdagen_tussen(D(2026, 11, 23), D(2026, 11, 23)) == 0  # zelfde dag
    assert a.werkdagen_tussen(D(2026, 11, 20), D(2026, 11, 23)) == 1  # vr → ma: alleen maandag
    assert a.werkdagen_tussen(D(2026, 11, 16), D(2026, 11, 27)) == 9  # di–vr (4) + ma–vr (5)
    # Koningsdag ma 27-04-2026: vr 24-04 → di 28-04 = alleen dinsdag
    assert a.werkdagen_tussen(D(2026, 4, 24), D(2026, 4, 28)) == 1
    assert a.werkdagen_tussen(D(2026, 4, 24), D(2026, 4, 27)) == 0
    # Tweede Paasdag ma 06-04-2026 (en Goede Vrijdag 03-04 in het pakket holidays):
    assert a.werkdagen_tussen(D(2026, 4, 3), D(2026, 4, 7)) == 1  # za, zo, ma (feest), di
    assert a.werkdagen_tussen(D(2026, 4, 2), D(2026, 4, 6)) == 0  # vr (feest), za, zo, ma (feest)
    # datetime mag; alleen de datum telt
    assert a.werkdagen_tussen(dt.datetime(2026, 11, 20, 23, 59), dt.datetime(2026, 11, 23, 0, 1)) == 1
    with pytest.raises(ValueError):
        a.werkdagen_tussen(D(2026, 1, 2), D(2026, 1, 1))


def test_binnen_norm():
    assert a.binnen_norm(5, 5) is True
    assert a.binnen_norm(0, 5) is True
    assert a.binnen_norm(6, 5) is False


def test_grensdatum_ontvangst():
    # peildatum wo 29-04-2026, norm 3: werkdagen in (23-04, 29-04] = wo, di, (ma Koningsdag), vr 24 = 3
    assert a.grensdatum_ontvangst(3, D(2026, 4, 29)) == D(2026, 4, 23)
    # norm 0: alleen vandaag ontvangen is niet over de norm (als vandaag een werkdag is)
    assert a.grensdatum_ontvangst(0, D(2026, 11, 27)) == D(2026, 11, 27)
    # peildatum zondag, norm 0: za en zo toevoegen kost niets → vrijdag
    assert a.grensdatum_ontvangst(0, D(2026, 11, 29)) == D(2026, 11, 27)
    for norm in range(0, 12):
        for peil in (D(2026, 4, 29), D(2026, 11, 29), D(2026, 1, 2)):
            grens = a.grensdatum_ontvangst(norm, peil)
            assert a.werkdagen_tussen(grens, peil) <= norm
            assert a.werkdagen_tussen(grens - dt.timedelta(days=1), peil) > norm


def test_melding_over_norm():
    peil = D(2026, 11, 27)  # vrijdag
    basis = dict(afgehandeld_op=None, afhandeltijd_werkdagen=None, norm_werkdagen=5, peildatum=peil)
    # open, ontvangen ma 16-11: 9 werkdagen > 5
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 11, 16, 9), **basis) is True
    # open, ontvangen vr 20-11: 5 werkdagen, niet > 5
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 11, 20, 9), **basis) is False
    # geen norm voor de categorie: nooit
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2020, 1, 1), **dict(basis, norm_werkdagen=None)) is False
    # afgehandeld: afhandeltijd telt, niet de tijd tot de peildatum
    afg = dict(basis, afgehandeld_op=dt.datetime(2026, 3, 11), afhandeltijd_werkdagen=7)
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 3, 2), **afg) is True
    afg = dict(basis, afgehandeld_op=dt.datetime(2026, 3, 4), afhandeltijd_werkdagen=2)
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 3, 2), **afg) is False
    # op de peildatum nog open (afgehandeld ná de peildatum): telt als open
    later = dict(basis, afgehandeld_op=dt.datetime(2026, 12, 10), afhandeltijd_werkdagen=1, peildatum=D(2026, 11, 27))
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 11, 16), **later) is True
    # nog niet ontvangen op de peildatum
    assert a.melding_over_norm(ontvangen_op=dt.datetime(2026, 12, 1), **basis) is False


def test_melding_open_en_niet_gemeld():
    peil = D(2026, 11, 27)
    assert a.melding_open_op(dt.datetime(2026, 11, 27, 23, 59), None, peil) is True
    assert a.melding_open_op(dt.datetime(2026, 11, 28, 0, 0), None, peil) is False
    assert a.melding_open_op(dt.datetime(2026, 11, 2), dt.datetime(2026, 11, 27, 8), peil) is False
    assert a.melding_open_op(dt.datetime(2026, 11, 2), dt.datetime(2026, 11, 28, 8), peil) is True
    # termijn 30 dagen: ontvangen uiterlijk 28-10-2026 en niet gemeld
    assert a.melding_niet_gemeld(dt.datetime(2026, 10, 28, 17), None, peil) is True
    assert a.melding_niet_gemeld(dt.datetime(2026, 10, 29, 8), None, peil) is False
    assert a.melding_niet_gemeld(dt.datetime(2026, 10, 1), D(2026, 10, 20), peil) is False
    assert a.melding_niet_gemeld(dt.datetime(2026, 10, 1), D(2026, 12, 1), peil) is True  # pas ná de peildatum


# --------------------------------------------------------------------------- per 1.000


def test_per_1000():
    assert a.per_1000(25, 5000) == 5.0  # 25 × 1000 / 5000
    assert a.per_1000(1, 3000) == pytest.approx(1 / 3)  # 1000 / 3000
    assert a.per_1000(0, 1000) == 0.0
    assert a.per_1000(3, 0) is None
    assert a.per_1000(3, None) is None
    assert a.per_1000(None, 1000) is None


# --------------------------------------------------------------------------- maatregelen


def test_verwachte_voortgang():
    # 01-01-2026 → 01-05-2026 = 120 dagen; 02-03-2026 is dag 60 → 50%
    assert a.verwachte_voortgang(D(2026, 1, 1), D(2026, 5, 1), D(2026, 3, 2)) == 50.0
    assert a.verwachte_voortgang(D(2026, 1, 1), D(2026, 5, 1), D(2025, 12, 1)) == 0.0
    assert a.verwachte_voortgang(D(2026, 1, 1), D(2026, 5, 1), D(2026, 6, 1)) == 100.0
    assert a.verwachte_voortgang(None, D(2026, 5, 1), D(2026, 3, 2)) is None


@pytest.mark.parametrize(
    ("status", "start", "eind", "voortgang", "peil", "verwacht"),
    [
        # verwacht op 02-03-2026: 50% (zie hierboven); 50 − 35 = 15 pp: niet méér dan 15
        ("in_uitvoering", D(2026, 1, 1), D(2026, 5, 1), 35, D(2026, 3, 2), False),
        # 50 − 34 = 16 pp > 15
        ("in_uitvoering", D(2026, 1, 1), D(2026, 5, 1), 34, D(2026, 3, 2), True),
        # op de einddatum verwacht 100%: 85 → 15 pp (niet), 84 → 16 pp (wel)
        ("in_uitvoering", D(2026, 1, 1), D(2026, 5, 1), 85, D(2026, 5, 1), False),
        ("in_uitvoering", D(2026, 1, 1), D(2026, 5, 1), 84, D(2026, 5, 1), True),
        # na de einddatum en niet afgerond: altijd achter (ook met 100% voortgang)
        ("in_uitvoering", D(2026, 1, 1), D(2026, 5, 1), 100, D(2026, 5, 2), True),
        ("gepland", D(2026, 1, 1), D(2026, 5, 1), 0, D(2026, 5, 2), True),
        # vóór de start: verwacht 0%
        ("gepland", D(2026, 1, 1), D(2026, 5, 1), 0, D(2026, 1, 1), False),
        # vertraagd: altijd achter, ook zonder datums
        ("vertraagd", None, None, 90, D(2026, 3, 2), True),
        # afgerond of gestopt: nooit
        ("afgerond", D(2026, 1, 1), D(2026, 5, 1), 40, D(2026, 12, 1), False),
        ("gestopt", D(2026, 1, 1), D(2026, 5, 1), 10, D(2026, 12, 1), False),
        # zonder datums en niet vertraagd: geen schema om achter op te lopen
        ("in_uitvoering", None, None, 0, D(2026, 3, 2), False),
        # alleen een einddatum, verstreken
        ("in_uitvoering", None, D(2026, 2, 1), 50, D(2026, 3, 2), True),
    ],
)
def test_achter_schema(status, start, eind, voortgang, peil, verwacht):
    assert a.achter_schema(status, start, eind, voortgang, peil) is verwacht


# --------------------------------------------------------------------------- toezeggingen, metingen, regiegroep


def test_te_laat():
    peil = D(2026, 3, 2)
    assert a.te_laat("open", D(2026, 3, 1), peil) is True
    assert a.te_laat("open", D(2026, 3, 2), peil) is False  # op de termijndag zelf nog op tijd
    assert a.te_laat("afgedaan", D(2026, 1, 1), peil) is False
    assert a.te_laat("vervallen", D(2026, 1, 1), peil) is False


def test_meting_achterstallig():
    # nulmeting 31-12-2024, frequentie 12 + 3 gratie = 15 maanden → uiterlijk 31-03-2026
    assert a.meting_achterstallig(D(2024, 12, 31), 2024, 12, D(2026, 3, 31)) is False
    assert a.meting_achterstallig(D(2024, 12, 31), 2024, 12, D(2026, 4, 1)) is True
    assert a.meting_achterstallig(None, 2024, 12, D(2026, 4, 1)) is True  # geen meting: vanaf nulmeting
    # laatste meting 30-06-2025 + 15 maanden = 30-09-2026
    assert a.meting_achterstallig(D(2025, 6, 30), 2024, 12, D(2026, 9, 30)) is False
    assert a.meting_achterstallig(D(2025, 6, 30), 2024, 12, D(2026, 10, 1)) is True
    # kwartaalindicator: 31-03-2026 + 3 + 3 = 30-09-2026
    assert a.meting_achterstallig(D(2026, 3, 31), 2024, 3, D(2026, 11, 27)) is True
    # meting ouder dan de nulmeting: de nulmeting is de referentie
    assert a.meting_achterstallig(D(2020, 1, 1), 2025, 12, D(2027, 3, 31)) is False


def test_termijn_verlopen():
    assert a.termijn_verlopen(D(2026, 11, 26), D(2026, 11, 27)) is True
    assert a.termijn_verlopen(D(2026, 11, 27), D(2026, 11, 27)) is False
    assert a.termijn_verlopen(None, D(2026, 11, 27)) is False


def test_plan_actief():
    assert a.plan_actief("vastgesteld", 2024, 2027, 2026) is True
    assert a.plan_actief("geevalueerd", 2024, 2027, 2024) is True
    assert a.plan_actief("concept", 2024, 2027, 2026) is False
    assert a.plan_actief("vastgesteld", 2024, 2027, 2028) is False


def test_ambitiescore_bron():
    assert a.ambitiescore_bron(1, 2025) == "evaluatie (vastgesteld) 2025"
    assert a.ambitiescore_bron(2, 2024) == "evaluatie (ingediend) 2024"
    assert a.ambitiescore_bron(3, 2023) == "wijkanalyse 2023"


# --------------------------------------------------------------------------- opmaak


def test_formatteer_getal():
    assert formatteer_getal(5.95, 1) == "6,0"  # half naar boven (float zou 5,9 geven)
    assert formatteer_getal(2.5) == "3"
    assert formatteer_getal(2.675, 2) == "2,68"
    assert formatteer_getal(1234567.891, 2) == "1.234.567,89"
    assert formatteer_getal(1234567) == "1.234.567"
    assert formatteer_getal(999) == "999"
    assert formatteer_getal(-1234.5, 1) == "-1.234,5"
    assert formatteer_getal(-2.5) == "-3"  # half van nul af
    assert formatteer_getal(-0.04, 1) == "0,0"  # geen "-0,0"
    assert formatteer_getal(0) == "0"
    assert formatteer_getal(Decimal("6.45"), 1) == "6,5"
    assert formatteer_getal(None) == "–"


def test_formatteer_bedrag():
    assert formatteer_bedrag(1234567) == "€ 1.234.567"
    assert formatteer_bedrag(Decimal("2000000.00")) == "€ 2.000.000"
    assert formatteer_bedrag(1234.5, 2) == "€ 1.234,50"
    assert formatteer_bedrag(-1234) == "€ -1.234"
    assert formatteer_bedrag(0) == "€ 0"
    assert formatteer_bedrag(None) == "–"


def test_formatteer_procent():
    assert formatteer_procent(0.125) == "12,5%"
    assert formatteer_procent(1) == "100,0%"
    assert formatteer_procent(0.575) == "57,5%"
    assert formatteer_procent(1 / 3) == "33,3%"
    assert formatteer_procent(0.0005) == "0,1%"  # 0,05% → half naar boven
    assert formatteer_procent(-0.1) == "-10,0%"
    assert formatteer_procent(0.5, 0) == "50%"
    assert formatteer_procent(None) == "–"


def test_formatteer_datum_en_meervoud():
    assert formatteer_datum(D(2026, 11, 27)) == "27-11-2026"
    assert formatteer_datum(D(2026, 1, 5)) == "05-01-2026"
    assert formatteer_datum(dt.datetime(2026, 4, 27, 13, 45)) == "27-04-2026"
    assert formatteer_datum(None) == "–"
    assert meervoud(1, "melding", "meldingen") == "1 melding"
    assert meervoud(3, "melding", "meldingen") == "3 meldingen"


# --------------------------------------------------------------------------- op koers bij tellingen


def test_op_koers_doelstelling_telling_per_1000():
    """Telling, lager is beter. Nul 100 meldingen in 2020 bij 5.000 inwoners → 20,0 per 1.000.
    Streef −10% = 90 in 2030; inwoners 2030 onbekend → laatst bekende jaar 2023 (4.000) → 22,5 per 1.000.
    Meting 88 op 31-12-2023 bij 4.000 inwoners → 22,0 per 1.000.
    Verwacht op 31-12-2023: 20 + 2,5 × 1095/3652 = 20,750; lager is beter, dus achterstand
    (22,0 − 20,75) / 2,5 = 0,50 > 25% → ver_achter. Op de aantallen (88 tegen verwacht 100 − 10 × 1095/3652
    = 97,0) zou het op koers zijn: de wijk kromp sneller dan het aantal meldingen."""
    inwoners = {2020: 5000, 2021: 4500, 2023: 4000}
    kwargs = dict(nulwaarde=100, nuljaar=2020, streef_type="relatief", streefwaarde=-10, streefjaar=2030,
                  richting="lager_is_beter", meting_waarde=88, meting_peildatum=dt.date(2023, 12, 31))
    assert a.op_koers_doelstelling(**kwargs) == "op_koers"  # geen telling: op de aantallen
    assert a.op_koers_doelstelling(**kwargs, is_telling=True, inwoners=inwoners) == "ver_achter"
    # Zonder inwonertallen is er geen cijfer per 1.000 te maken.
    assert a.op_koers_doelstelling(**kwargs, is_telling=True, inwoners={}) == "geen_data"
    # Gelijke inwoners: per 1.000 verandert de verhouding niet, dus dezelfde uitkomst als op aantallen.
    assert a.op_koers_doelstelling(**kwargs, is_telling=True, inwoners={2020: 1000}) == "op_koers"
