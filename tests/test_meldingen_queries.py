"""Leesqueries van ``/meldingen`` (datalaag.meldingen) op SQLite én PostgreSQL.

Eén kleine, met de hand gemaakte dataset: twee wijken (Alfa 2.000 en Beta 4.000 inwoners in 2026),
normen schoon 5 en overlast 2 werkdagen (veilig zonder norm), tien meldingen. Peildatum is
vrijdag 27-11-2026. Alle verwachte waarden zijn met de hand uitgerekend; de berekening staat erbij.

Werkdagen (na de dag van ontvangst tot en met de dag van afhandeling, zonder weekend en feestdagen):
- M1 schoon: vr 24-04-2026 → di 28-04: za, zo, ma 27-04 = Koningsdag tellen niet; di = 1.
- M2 overlast: vr 24-04-2026 → wo 29-04: di 28, wo 29 = 2 (zonder Koningsdag zou het 3 zijn:
  dan buiten de norm van 2; mét de feestdag precies op de norm, dus binnen).
- M3 schoon: ma 02-03 → ma 16-03: 4 + 5 + 1 = 10 (> 5, buiten).
- M4 veilig: ma 01-06 → wo 03-06: 2 (geen norm: telt niet mee in het aandeel binnen de norm).
- M5 schoon: di 30-12-2025 → ma 05-01-2026: wo 31-12 (1), do 01-01 Nieuwjaarsdag niet, vr 02-01 (2),
  ma 05-01 (3) = 3, binnen. Ontvangen in 2025, afgehandeld in 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.meldingen import (
    MeldingFilter,
    MeldingKeuzes,
    OngeldigVerzoek,
    aantallen,
    afhandeling,
    ernstige_meldingen,
    filterkeuzes,
    kies_filter,
    meldingen_pagina,
    open_meldingen,
    paginacijfers,
    regiegroep_melding,
)
from datalaag.models import (
    Afhandelnorm,
    Melding,
    Stadsdeel,
    Werkwijze,
    Wijk,
    WijkInwoners,
)

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)  # vrijdag
F2026 = MeldingFilter(jaar=2026)


def _melding(sessie: Session, kenmerk: str, wijk: Wijk, categorie: str, ontvangen: dt.datetime,
             afgehandeld: dt.datetime | None = None, *, status: str | None = None, ernstig: bool = False,
             kerngroep: bool = False, gemeld: dt.date | None = None) -> Melding:
    m = Melding(
        kenmerk=kenmerk, wijk=wijk, categorie=categorie, kanaal="telefoon", ontvangen_op=ontvangen,
        afgehandeld_op=afgehandeld,
        afhandeltijd_werkdagen=None if afgehandeld is None else a.werkdagen_tussen(ontvangen, afgehandeld),
        status=status or ("afgehandeld" if afgehandeld else "open"), ernst="ernstig" if ernstig else "normaal",
        kerngroep_betrokken=kerngroep, gemeld_aan_regiegroep_op=gemeld, verantwoordelijke=f"Team {kenmerk}",
        omschrijving="<b>geen HTML</b>",
    )
    sessie.add(m)
    sessie.flush()  # oplopende id's in de volgorde van aanmaken
    return m


@pytest.fixture
def data(sessie: Session) -> Session:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    alfa = Wijk(naam="Alfa", slug="alfa", stadsdeel=stadsdeel, werkwijze="WOP")
    beta = Wijk(naam="Beta", slug="beta", stadsdeel=stadsdeel, werkwijze="WOP")
    sessie.add_all([stadsdeel, alfa, beta])
    sessie.add_all([
        WijkInwoners(wijk=alfa, jaar=2026, aantal=2000), WijkInwoners(wijk=beta, jaar=2026, aantal=4000),
        WijkInwoners(wijk=alfa, jaar=2025, aantal=1000),
        Afhandelnorm(categorie="schoon", werkdagen=5), Afhandelnorm(categorie="overlast", werkdagen=2),
    ])
    sessie.flush()
    _melding(sessie, "M1", alfa, "schoon", T(2026, 4, 24, 10), T(2026, 4, 28, 9), gemeld=D(2026, 5, 1))
    _melding(sessie, "M2", alfa, "overlast", T(2026, 4, 24, 9), T(2026, 4, 29, 16))
    _melding(sessie, "M3", beta, "schoon", T(2026, 3, 2, 8), T(2026, 3, 16, 8), ernstig=True, kerngroep=True,
             gemeld=D(2026, 3, 20))
    _melding(sessie, "M4", beta, "veilig", T(2026, 6, 1, 12), T(2026, 6, 3, 12), ernstig=True, kerngroep=True,
             gemeld=D(2026, 6, 10))
    _melding(sessie, "M5", beta, "schoon", T(2025, 12, 30, 12), T(2026, 1, 5, 12), gemeld=D(2026, 1, 10))
    # Open op de peildatum (vr 27-11-2026):
    # M6 vr 20-11: ma 23 t/m vr 27 = 5 werkdagen = de norm: niet over de norm.
    _melding(sessie, "M6", alfa, "schoon", T(2026, 11, 20, 15))
    # M7 do 19-11: vr 20 + ma 23 t/m vr 27 = 6 > 5: over de norm.
    _melding(sessie, "M7", alfa, "schoon", T(2026, 11, 19, 15), status="in_behandeling", ernstig=True)
    # M8 wo 25-11: do 26, vr 27 = 2 = de norm van overlast: niet over.
    _melding(sessie, "M8", beta, "overlast", T(2026, 11, 25, 15))
    # M9 veilig (geen norm): nooit over de norm. 31-01 23:59 valt in januari.
    _melding(sessie, "M9", beta, "veilig", T(2026, 1, 31, 23, 59))
    # M10 overlast uit 2025, nog steeds open: over de norm.
    _melding(sessie, "M10", beta, "overlast", T(2025, 6, 2, 10))
    sessie.flush()
    return sessie


def test_werkdagen_over_weekend_en_koningsdag():
    assert a.werkdagen_tussen(D(2026, 4, 24), D(2026, 4, 28)) == 1
    assert a.werkdagen_tussen(D(2026, 4, 24), D(2026, 4, 29)) == 2
    assert a.binnen_norm(2, 2)
    assert a.werkdagen_tussen(D(2025, 12, 30), D(2026, 1, 5)) == 3


def test_aantallen_per_wijk_maand_en_categorie(data):
    uit = aantallen(data, F2026, VANDAAG)
    # Ontvangen in 2026: M1, M2, M3, M4, M6, M7, M8, M9 (M5 en M10 in 2025).
    assert uit.totaal == 8
    assert uit.peildatum == VANDAAG
    assert uit.inwoners == 6000
    assert uit.per_1000 == pytest.approx(8 * 1000 / 6000)
    assert [(w.sleutel, w.aantal, w.inwoners) for w in uit.per_wijk] == [("alfa", 4, 2000), ("beta", 4, 4000)]
    assert [w.per_1000 for w in uit.per_wijk] == [pytest.approx(2.0), pytest.approx(1.0)]
    # jan M9, mrt M3, apr M1 M2, jun M4, nov M6 M7 M8
    assert [m.aantal for m in uit.per_maand] == [1, 0, 1, 2, 0, 1, 0, 0, 0, 0, 3, 0]
    assert uit.per_maand[10].label == "nov 2026"
    assert uit.per_maand[10].per_1000 == pytest.approx(0.5)
    assert {c.sleutel: c.aantal for c in uit.per_categorie} == {
        "schoon": 4, "heel": 0, "veilig": 2, "overlast": 2, "sociaal": 0, "overig": 0,
    }
    assert uit.per_categorie[0].per_1000 == pytest.approx(4 * 1000 / 6000)


def test_aantallen_met_filters(data):
    alfa = aantallen(data, MeldingFilter(jaar=2026, wijk="alfa"), VANDAAG)
    assert [w.sleutel for w in alfa.per_wijk] == ["alfa"]
    assert alfa.totaal == 4 and alfa.inwoners == 2000 and alfa.per_1000 == pytest.approx(2.0)
    schoon = aantallen(data, MeldingFilter(jaar=2026, categorie="schoon"), VANDAAG)
    assert schoon.totaal == 4 and [c.sleutel for c in schoon.per_categorie] == ["schoon"]
    assert aantallen(data, MeldingFilter(jaar=2026, status="afgehandeld"), VANDAAG).totaal == 4  # M1–M4
    assert aantallen(data, MeldingFilter(jaar=2026, status="in_behandeling"), VANDAAG).totaal == 1  # M7
    assert aantallen(data, MeldingFilter(jaar=2026, status="over_norm"), VANDAAG).totaal == 1  # M7
    # 2025: M5 en M10 (beide Beta); Beta heeft geen inwonertal voor 2025 → per 1.000 onbekend.
    vorig = aantallen(data, MeldingFilter(jaar=2025), VANDAAG)
    assert vorig.totaal == 2 and vorig.peildatum == D(2025, 12, 31)
    assert vorig.inwoners is None and vorig.per_1000 is None
    assert [(w.sleutel, w.aantal, w.per_1000) for w in vorig.per_wijk] == [("alfa", 0, 0.0), ("beta", 2, None)]


def test_afhandeltijd_mediaan_en_binnen_norm(data):
    uit = afhandeling(data, F2026, VANDAAG)
    # Afgehandeld in 2026: M1 1, M2 2, M3 10, M4 2, M5 3 → [1, 2, 2, 3, 10]: mediaan 2.
    assert uit.afgehandeld == 5
    assert uit.mediaan_werkdagen == 2.0
    # Met norm: schoon M1 (1 ≤ 5), M3 (10 > 5), M5 (3 ≤ 5); overlast M2 (2 ≤ 2). M4 (veilig) telt niet.
    assert (uit.binnen_norm, uit.met_norm) == (3, 4)
    assert uit.aandeel_binnen_norm == pytest.approx(0.75)
    per = {c.categorie: c for c in uit.per_categorie}
    assert (per["schoon"].norm_werkdagen, per["schoon"].afgehandeld, per["schoon"].mediaan_werkdagen) == (5, 3, 3.0)
    assert per["schoon"].aandeel_binnen_norm == pytest.approx(2 / 3)
    assert (per["overlast"].norm_werkdagen, per["overlast"].binnen_norm, per["overlast"].aandeel_binnen_norm) == (2, 1, 1.0)
    assert (per["veilig"].norm_werkdagen, per["veilig"].mediaan_werkdagen, per["veilig"].aandeel_binnen_norm) == (
        None, 2.0, None)
    assert per["heel"].afgehandeld == 0 and per["heel"].mediaan_werkdagen is None
    # Alleen Alfa: M1 1, M2 2 → mediaan 1,5; beide binnen.
    alfa = afhandeling(data, MeldingFilter(jaar=2026, wijk="alfa"), VANDAAG)
    assert alfa.mediaan_werkdagen == 1.5 and alfa.aandeel_binnen_norm == 1.0


def test_open_meldingen_over_de_norm(data):
    uit = open_meldingen(data, F2026, VANDAAG)
    # Open op 27-11-2026: M6, M7, M8, M9, M10. Over de norm: M10 (2025) en M7; oudste eerst.
    assert (uit.open, uit.over_norm) == (5, 2)
    assert [r.kenmerk for r in uit.rijen] == ["M10", "M7"]
    m7 = uit.rijen[1]
    assert (m7.wijk, m7.categorie, m7.ontvangen, m7.werkdagen_open, m7.norm_werkdagen, m7.verantwoordelijke) == (
        "Alfa", "schoon", D(2026, 11, 19), 6, 5, "Team M7")
    assert uit.rijen[0].werkdagen_open == a.werkdagen_tussen(D(2025, 6, 2), VANDAAG)
    alfa = open_meldingen(data, MeldingFilter(jaar=2026, wijk="alfa"), VANDAAG)
    assert (alfa.open, alfa.over_norm, [r.kenmerk for r in alfa.rijen]) == (2, 1, ["M7"])
    # Op 31-12-2025: open zijn M5 (ontvangen 30-12, afgehandeld 05-01-2026) en M10. M5 is op 31-12 pas
    # 1 werkdag open (≤ 5): alleen M10 is over de norm.
    vorig = open_meldingen(data, MeldingFilter(jaar=2025), VANDAAG)
    assert (vorig.open, vorig.over_norm, [r.kenmerk for r in vorig.rijen]) == (2, 1, ["M10"])


def test_ernstige_meldingen_en_kerngroep(data):
    uit = ernstige_meldingen(data, F2026, VANDAAG)
    # Ernstig in 2026: M3 (kerngroep), M4 (kerngroep), M7 (zonder kerngroep) → 2/3; zonder kerngroep eerst.
    assert (uit.aantal, uit.kerngroep_betrokken) == (3, 2)
    assert uit.aandeel_kerngroep == pytest.approx(2 / 3)
    assert [r.kenmerk for r in uit.rijen] == ["M7", "M4", "M3"]
    assert ernstige_meldingen(data, MeldingFilter(jaar=2025), VANDAAG).aandeel_kerngroep is None


def test_aandeel_gemeld_aan_regiegroep(data):
    uit = regiegroep_melding(data, F2026, VANDAAG)
    # Te melden: ontvangen in 2026 en uiterlijk 28-10-2026 (peildatum − 30 dagen): M1, M2, M3, M4, M9.
    # Niet gemeld: M2 en M9 → 3 van 5 gemeld.
    assert (uit.te_melden, uit.niet_gemeld) == (5, 2)
    assert uit.aandeel_gemeld == pytest.approx(0.6)
    assert [(w.slug, w.te_melden, w.niet_gemeld) for w in uit.per_wijk] == [("alfa", 2, 1), ("beta", 3, 1)]
    assert [w.aandeel_gemeld for w in uit.per_wijk] == [pytest.approx(0.5), pytest.approx(2 / 3)]
    # Zelfde definitie als het signaal: melding_niet_gemeld per melding.
    verwacht = sum(
        1 for m in data.query(Melding).all()
        if m.ontvangen_op.year == 2026 and a.melding_niet_gemeld(m.ontvangen_op, m.gemeld_aan_regiegroep_op, VANDAAG)
    )
    assert verwacht == uit.niet_gemeld


@pytest.mark.parametrize("filter_", [
    F2026, MeldingFilter(jaar=2025), MeldingFilter(jaar=2026, wijk="alfa"),
    MeldingFilter(jaar=2026, categorie="schoon"), MeldingFilter(jaar=2026, status="over_norm"),
    MeldingFilter(jaar=2026, status="afgehandeld", wijk="beta"),
], ids=["2026", "2025", "alfa", "schoon", "over_norm", "afgehandeld_beta"])
def test_paginacijfers_gelijk_aan_de_losse_functies(data, filter_):
    """De pagina haalt alles in één keer op (één GROUP BY over het jaar); de uitkomst is dezelfde als die van
    de losse functies die rapport en presentatie gebruiken."""
    uit = paginacijfers(data, filter_, VANDAAG, open_limiet=200, ernstig_limiet=500)
    assert uit.aantallen == aantallen(data, filter_, VANDAAG)
    assert uit.afhandeling == afhandeling(data, filter_, VANDAAG)
    assert uit.open == open_meldingen(data, filter_, VANDAAG, limiet=200)
    assert uit.ernstig == ernstige_meldingen(data, filter_, VANDAAG, limiet=500)
    assert uit.regiegroep == regiegroep_melding(data, filter_, VANDAAG)


def test_paginacijfers_van_de_dataset(data):
    uit = paginacijfers(data, F2026, VANDAAG, ernstig_limiet=2)
    assert uit.aantallen.totaal == 8 and (uit.ernstig.aantal, uit.ernstig.kerngroep_betrokken) == (3, 2)
    assert [r.kenmerk for r in uit.ernstig.rijen] == ["M7", "M4"]  # de limiet telt niet mee in de aantallen
    assert [(w.slug, w.te_melden, w.niet_gemeld) for w in uit.regiegroep.per_wijk] == [("alfa", 2, 1), ("beta", 3, 1)]
    assert [r.kenmerk for r in uit.open.rijen] == ["M10", "M7"]
    assert open_meldingen(data, F2026, VANDAAG, limiet=0).rijen == [] and uit.open.over_norm == 2


# --------------------------------------------------------------------------- paginering


def _kenmerken(rijen) -> list[str]:
    return [r.kenmerk for r in rijen]


def test_pagina_standaard_nieuwste_eerst_en_tweede_pagina(data):
    # 2026, nieuwste eerst: M8 25-11, M6 20-11, M7 19-11, M4 01-06, M1 24-04 10:00, M2 24-04 09:00, M3, M9.
    rijen, totaal = meldingen_pagina(data, F2026, VANDAAG, 0, 3)
    assert totaal == 8 and _kenmerken(rijen) == ["M8", "M6", "M7"]
    rijen, totaal = meldingen_pagina(data, F2026, VANDAAG, 3, 6)
    assert totaal == 8 and _kenmerken(rijen) == ["M4", "M1", "M2"]
    rijen, _ = meldingen_pagina(data, F2026, VANDAAG, 6, 50)
    assert _kenmerken(rijen) == ["M3", "M9"]
    assert rijen[0].omschrijving == "<b>geen HTML</b>"  # vrije tekst komt ongewijzigd terug (de UI toont tekst)


def test_pagina_sorteren(data):
    afgehandeld = MeldingFilter(jaar=2026, status="afgehandeld")
    # afhandeltijd oplopend: M1 1, dan M2 en M4 (beide 2; gelijke waarden op id aflopend: M4, M2), M3 10.
    rijen, _ = meldingen_pagina(data, afgehandeld, VANDAAG, 0, 10, [("afhandeltijd", "asc")])
    assert _kenmerken(rijen) == ["M1", "M4", "M2", "M3"]
    rijen, _ = meldingen_pagina(data, afgehandeld, VANDAAG, 0, 10, [("afhandeltijd", "desc")])
    assert _kenmerken(rijen) == ["M3", "M4", "M2", "M1"]
    # Lege waarden achteraan, op beide databases.
    rijen, _ = meldingen_pagina(data, F2026, VANDAAG, 0, 10, [("afgehandeld", "asc")])
    assert _kenmerken(rijen)[:4] == ["M3", "M1", "M2", "M4"] and all(r.afgehandeld is None for r in rijen[4:])
    rijen, _ = meldingen_pagina(data, F2026, VANDAAG, 0, 10, [("wijk", "desc"), ("kenmerk", "asc")])
    assert _kenmerken(rijen) == ["M3", "M4", "M8", "M9", "M1", "M2", "M6", "M7"]


def test_pagina_filteren(data):
    def kenmerken(filters, f=F2026):
        rijen, totaal = meldingen_pagina(data, f, VANDAAG, 0, 100, [("kenmerk", "asc")], filters)
        assert totaal == len(rijen)
        return _kenmerken(rijen)

    assert kenmerken({"wijk": {"filterType": "text", "type": "contains", "filter": "ALF"}}) == ["M1", "M2", "M6", "M7"]
    assert kenmerken({"afhandeltijd": {"filterType": "number", "type": "greaterThan", "filter": 1}}) == ["M2", "M3", "M4"]
    assert kenmerken({"afhandeltijd": {"filterType": "number", "operator": "OR", "conditions": [
        {"filterType": "number", "type": "equals", "filter": 1},
        {"filterType": "number", "type": "equals", "filter": 10}]}}) == ["M1", "M3"]
    assert kenmerken({"afhandeltijd": {"filterType": "number", "type": "blank"}}) == ["M6", "M7", "M8", "M9"]
    # Datum zoals getoond (dd-mm-jjjj) of zoals opgeslagen.
    assert kenmerken({"ontvangen": {"filterType": "text", "type": "contains", "filter": "24-04-2026"}}) == ["M1", "M2"]
    assert kenmerken({"ontvangen": {"filterType": "text", "type": "startsWith", "filter": "2026-11"}}) == ["M6", "M7", "M8"]
    # Wildcards van LIKE zijn gewone tekens.
    assert kenmerken({"kenmerk": {"filterType": "text", "type": "contains", "filter": "%"}}) == []
    assert kenmerken({"kenmerk": {"filterType": "text", "type": "equals", "filter": "m1"}}) == ["M1"]
    # Samen met de paginafilters (wijk uit de URL).
    assert kenmerken({"categorie": {"filterType": "text", "type": "equals", "filter": "schoon"}},
                     MeldingFilter(jaar=2026, wijk="beta")) == ["M3"]


@pytest.mark.parametrize("sortering, filters", [
    ([("wachtwoord_hash", "asc")], None),
    ([("kenmerk; DROP TABLE melding", "asc")], None),
    ([("kenmerk", "sideways")], None),
    (None, {"geheim": {"filterType": "text", "type": "contains", "filter": "x"}}),
    (None, {"kerngroep": {"filterType": "text", "type": "contains", "filter": "x"}}),  # niet filterbaar
    (None, {"kenmerk": {"filterType": "text", "type": "regex", "filter": ".*"}}),
    (None, {"afhandeltijd": {"filterType": "number", "type": "equals", "filter": "1 OR 1=1"}}),
])
def test_onbekende_sortering_of_filter_wordt_geweigerd(data, sortering, filters):
    with pytest.raises(OngeldigVerzoek):
        meldingen_pagina(data, F2026, VANDAAG, 0, 10, sortering, filters)


def test_filterkeuzes_en_kies_filter(data):
    keuzes = filterkeuzes(data)
    assert keuzes.jaren == [2025, 2026]
    assert keuzes.wijken == [("alfa", "Alfa"), ("beta", "Beta")]
    assert kies_filter({}, keuzes, VANDAAG) == MeldingFilter(jaar=2026)
    assert kies_filter({"jaar": "abc", "wijk": "onbekend", "categorie": "99", "status": "x"}, keuzes, VANDAAG) == F2026
    assert kies_filter({"jaar": "2025", "wijk": "beta", "categorie": "schoon", "status": "over_norm"}, keuzes,
                       VANDAAG) == MeldingFilter(jaar=2025, wijk="beta", categorie="schoon", status="over_norm")
    assert kies_filter({"jaar": "1999"}, keuzes, VANDAAG).jaar == 2026
    # Zonder database-keuzes: alleen de vorm.
    assert kies_filter({"jaar": "2024", "wijk": "x"}, None, VANDAAG) == MeldingFilter(jaar=2024, wijk="x")
    assert kies_filter({}, MeldingKeuzes(jaren=[2020, 2021], wijken=[]), VANDAAG).jaar == 2021
