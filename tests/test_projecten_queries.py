"""Leesqueries van ``/projecten`` (datalaag.projecten) op SQLite én PostgreSQL.

Zes maatregelen in twee wijken met de hand opgebouwd; de verwachte waarden zijn met de hand
uitgerekend. VANDAAG = 27-11-2026 (peildatum van 2026 en van "alle jaren").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.meldingen import OngeldigVerzoek
from datalaag.models import (
    Ambitie,
    Budgetpost,
    Maatregel,
    MaatregelVoortgang,
    Oormerk,
    Oplossingsrichting,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from datalaag.projecten import (
    ACHTER_SCHEMA_FILTER,
    STATUS_LABELS,
    Filter,
    Projectsamenvatting,
    maatregel_opties,
    maatregelen,
    maatregelen_pagina,
    meest_relevant,
    projectkeuzes,
    samenvatting,
    tijdlijn,
    voortgang_per_ambitie,
    voortgangshistorie,
)
from tests.hulp import tel_queries as _tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)




@pytest.fixture
def m(sessie: Session) -> dict[str, Maatregel]:
    """Kerkelanden (KL) en Sluitersveld (SV), ambities 1 en 2.

    - M1 KL a1 (oplossingsrichting a) in uitvoering 01-01 → 31-12-2026, 50%, geschat € 10.000;
      op 27-11: verwacht 100·330/364 = 90,7% → 40,7 pp achter → achter schema. Historie: gepland
      01-12-2025 (0%), gestart 05-01-2026 (0%), 01-06-2026 50%. Uitgaven € 2.500 (alleen maatregel)
      + € 1.500 (ook op een budgetpost) = € 4.000.
    - M2 KL a2 afgerond 01-03 → 31-12-2025, 100%, geschat € 20.000. Historie: 01-04-2025 in
      uitvoering 10%, 15-11-2025 afgerond, 01-12-2025 nogmaals afgerond.
    - M3 KL a1 vertraagd 01-02-2026 → 30-06-2027, 10% → achter schema (vertraagd).
    - M4 SV a1 in uitvoering 01-01 → 31-12-2026, 80% → 10,7 pp: op schema. Geen schatting.
    - M5 SV a2 gepland, zonder start en eind, jaar_realisatie 2027.
    - M6 SV a1 gestopt 01-01 → 30-06-2024, 20% → nooit achter schema.
    - M7 KL a2 in uitvoering 01-01-2024 → 30-06-2025, 70%: uitgelopen (einddatum verstreken, niet
      afgerond) → achter schema, en hoort daardoor ook bij 2026 en 2027.
    """
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=code, omschrijving="-", looptijd="-", afbakening="-"))
    sd = Stadsdeel(naam="Oost", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    a2 = Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="-")
    richting = Oplossingsrichting(ambitie=a1, letter="a", tekst="Buurtbemiddeling")
    # Sluitersveld eerst toegevoegd: de volgorde op wijknaam komt niet uit het id.
    sv = Wijk(naam="Sluitersveld", slug="sluitersveld", stadsdeel=sd, werkwijze="WOP")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=sd, werkwijze="WOP")
    plan_sv = Wijkplan(wijk=sv, titel="WOP SV", werkwijze="WOP", periode_van=2022, periode_tot=2033, status="vastgesteld")
    plan_kl = Wijkplan(wijk=kl, titel="WOP KL", werkwijze="WOP", periode_van=2021, periode_tot=2032, status="vastgesteld")
    sessie.add_all([sd, a1, a2, richting, sv, kl, plan_sv, plan_kl])

    def maatregel(plan, ambitie, naam, status, start=None, eind=None, voortgang=0, kosten=None, jaar=None, opl=None):
        mt = Maatregel(wijkplan=plan, ambitie=ambitie, naam=naam, verantwoordelijke=f"V. {naam}", status=status,
                       start=start, eind=eind, voortgang=voortgang, jaar_realisatie=jaar, oplossingsrichting=opl,
                       schatting_kosten=None if kosten is None else Decimal(kosten))
        sessie.add(mt)
        return mt

    uit = {
        "M4": maatregel(plan_sv, a1, "M4", "in_uitvoering", D(2026, 1, 1), D(2026, 12, 31), 80),
        "M5": maatregel(plan_sv, a2, "M5", "gepland", jaar=2027),
        "M6": maatregel(plan_sv, a1, "M6", "gestopt", D(2024, 1, 1), D(2024, 6, 30), 20),
        "M1": maatregel(plan_kl, a1, "M1", "in_uitvoering", D(2026, 1, 1), D(2026, 12, 31), 50, 10_000, opl=richting),
        "M2": maatregel(plan_kl, a2, "M2", "afgerond", D(2025, 3, 1), D(2025, 12, 31), 100, 20_000),
        "M3": maatregel(plan_kl, a1, "M3", "vertraagd", D(2026, 2, 1), D(2027, 6, 30), 10),
        "M7": maatregel(plan_kl, a2, "M7", "in_uitvoering", D(2024, 1, 1), D(2025, 6, 30), 70),
    }

    def melding(mt, datum, voortgang, status, tekst=None):
        sessie.add(MaatregelVoortgang(maatregel=mt, datum=datum, voortgang=voortgang, status=status, toelichting=tekst))

    melding(uit["M1"], D(2026, 6, 1), 50, "in_uitvoering", "Halverwege.")
    melding(uit["M1"], D(2025, 12, 1), 0, "gepland")
    melding(uit["M1"], D(2026, 1, 5), 0, "in_uitvoering", "Gestart.")
    melding(uit["M2"], D(2025, 4, 1), 10, "in_uitvoering")
    melding(uit["M2"], D(2025, 12, 1), 100, "afgerond")
    melding(uit["M2"], D(2025, 11, 15), 100, "afgerond", "Opgeleverd.")

    om = Oormerk(wijk=kl, naam="KL 2026", jaar_van=2026, jaar_tot=2026, bron="stadsdeelbudget",
                 bedrag=Decimal(50_000), budgethouder="x")
    post = Budgetpost(oormerk=om, naam="Projecten wijkplan", bedrag=Decimal(50_000))
    sessie.add_all([
        om, post,
        Uitgave(wijk=kl, datum=D(2026, 3, 1), bedrag=Decimal(2_500), maatregel=uit["M1"], omschrijving="f1"),
        Uitgave(wijk=kl, datum=D(2026, 5, 1), bedrag=Decimal(1_500), maatregel=uit["M1"], budgetpost=post,
                omschrijving="f2"),
        Uitgave(wijk=kl, datum=D(2026, 5, 2), bedrag=Decimal(9_999), budgetpost=post, omschrijving="geen maatregel"),
    ])  # fmt: skip
    sessie.flush()
    return uit


def _namen(rijen) -> list[str]:
    return [r["naam"] for r in rijen]


def test_projectkeuzes(sessie, m):
    k = projectkeuzes(sessie)
    assert k.wijken == [("kerkelanden", "Kerkelanden"), ("sluitersveld", "Sluitersveld")]
    assert k.ambities == [(1, "Betrokkenheid"), (2, "Leefbaarheid")]
    # vroegste start 2024 (M6) t/m laatste eind / jaar_realisatie 2027
    assert k.jaren == [2024, 2025, 2026, 2027]


def test_maatregelen_in_2026_met_planning_kosten_en_achter_schema(sessie, m):
    with _tel_queries(sessie) as teller:
        rijen = maatregelen(sessie, Filter(jaar=2026), VANDAAG)
    assert teller["n"] == 1
    # M2 eindigt in 2025, M5 hoort bij 2027, M6 bij 2024; M7 is uitgelopen en loopt nog.
    # Volgorde: wijk, ambitie, start.
    assert _namen(rijen) == ["M1", "M3", "M7", "M4"]
    m1, m3, m7, m4 = rijen
    assert m1 == {
        "id": m["M1"].id, "naam": "M1", "wijk": "Kerkelanden", "wijk_slug": "kerkelanden",
        "ambitie": "1. Betrokkenheid", "ambitie_nummer": 1, "oplossingsrichting": "a. Buurtbemiddeling",
        "verantwoordelijke": "V. M1", "status": "In uitvoering", "status_code": "in_uitvoering",
        "voortgang": 0.5, "start": "2026-01-01", "eind": "2026-12-31",
        # eerste melding 'in uitvoering' (de 'gepland'-melding van 01-12-2025 telt niet); nog niet afgerond
        "werkelijk_start": "2026-01-05", "werkelijk_eind": None,
        "schatting_kosten": 10_000, "besteed": 4_000,  # 2.500 + 1.500; de 9.999 zonder maatregel niet
        "achter_schema": "Ja", "is_achter_schema": True,
    }  # fmt: skip
    assert (m3["status"], m3["achter_schema"], m3["besteed"]) == ("Vertraagd", "Ja", 0)
    assert (m4["achter_schema"], m4["schatting_kosten"], m4["oplossingsrichting"]) == ("Nee", None, "")
    assert (m7["eind"], m7["achter_schema"]) == ("2025-06-30", "Ja")


def test_planning_tegen_werkelijk_van_een_afgeronde_maatregel(sessie, m):
    m7, m2 = maatregelen(sessie, Filter(jaar=2025), VANDAAG)
    assert m7["naam"] == "M7" and m7["werkelijk_start"] is None  # geen voortgangsmeldingen
    # start 01-04-2025 (10%), afgerond op de EERSTE melding 'afgerond' (15-11, niet 01-12)
    assert (m2["naam"], m2["start"], m2["eind"], m2["werkelijk_start"], m2["werkelijk_eind"]) == (
        "M2", "2025-03-01", "2025-12-31", "2025-04-01", "2025-11-15")
    assert m2["achter_schema"] == "Nee" and m2["voortgang"] == 1.0


def test_achter_schema_gelijk_aan_de_definitie(sessie, m):
    """De kolom achter schema is exact :func:`datalaag.afgeleid.achter_schema` op de peildatum."""
    for jaar, peildatum in ((None, VANDAAG), (2025, D(2025, 12, 31)), (2026, VANDAAG)):
        for r in maatregelen(sessie, Filter(jaar=jaar), VANDAAG):
            mt = m[r["naam"]]
            assert r["is_achter_schema"] == a.achter_schema(mt.status, mt.start, mt.eind, mt.voortgang, peildatum)


@pytest.mark.parametrize(
    ("filter_", "verwacht"),
    [
        (Filter(), ["M1", "M3", "M7", "M2", "M6", "M4", "M5"]),
        (Filter(wijk="sluitersveld"), ["M6", "M4", "M5"]),
        (Filter(ambitie=2), ["M7", "M2", "M5"]),
        (Filter(status="vertraagd"), ["M3"]),
        (Filter(status=ACHTER_SCHEMA_FILTER), ["M1", "M3", "M7"]),
        # op 31-12-2025 lag alleen M7 (einddatum 30-06-2025) achter; M1 en M3 waren nog niet begonnen
        (Filter(status=ACHTER_SCHEMA_FILTER, jaar=2025), ["M7"]),
        # 2027: M3 loopt door, M5 via jaar_realisatie; M1, M7 en M4 zijn (met hun huidige status) niet
        # af terwijl hun einddatum vóór 2027 ligt: uitgelopen.
        (Filter(jaar=2027), ["M1", "M3", "M7", "M4", "M5"]),
        (Filter(jaar=2024), ["M7", "M6"]),
        (Filter(wijk="kerkelanden", ambitie=1, jaar=2026), ["M1", "M3"]),
        (Filter(wijk="kerkelanden", ambitie=2, jaar=2026), ["M7"]),  # M2 is afgerond in 2025
        (Filter(wijk="onbekend"), []),
    ],
)
def test_filters(sessie, m, filter_, verwacht):
    assert _namen(maatregelen(sessie, filter_, VANDAAG)) == verwacht


def test_meest_relevant(sessie, m):
    rijen = maatregelen(sessie, Filter(), VANDAAG)
    # Eerst achter schema (M3 vertraagd; dan in uitvoering op einddatum: M7, M1), dan M4 (in
    # uitvoering), M2 (afgerond), M6 (gestopt); M5 heeft geen periode en dus geen balk.
    assert _namen(meest_relevant(rijen, 10)) == ["M3", "M7", "M1", "M4", "M2", "M6"]
    assert _namen(meest_relevant(rijen, 3)) == ["M3", "M7", "M1"]


def test_voortgangshistorie(sessie, m):
    with _tel_queries(sessie) as teller:
        h = voortgangshistorie(sessie, m["M2"].id)
    assert teller["n"] == 2
    assert (h.naam, h.wijk_slug, h.status, h.voortgang, h.start, h.eind) == (
        "M2", "kerkelanden", "Afgerond", 100, D(2025, 3, 1), D(2025, 12, 31))
    assert h.regels == (
        (D(2025, 4, 1), 10, "In uitvoering", ""),
        (D(2025, 11, 15), 100, "Afgerond", "Opgeleverd."),
        (D(2025, 12, 1), 100, "Afgerond", ""),
    )
    assert voortgangshistorie(sessie, m["M5"].id).regels == ()
    assert voortgangshistorie(sessie, 999_999) is None


def test_voortgang_per_ambitie_per_wijk(sessie, m):
    with _tel_queries(sessie) as teller:
        alles = voortgang_per_ambitie(sessie, Filter(), VANDAAG)
    assert teller["n"] == 1
    assert [(r.wijk, r.ambitie_nummer, r.aantal, r.gemiddelde_voortgang, r.achter_schema) for r in alles] == [
        ("Kerkelanden", 1, 2, pytest.approx(0.30), 2),  # M1 50% en M3 10%: (50 + 10) / 2 = 30%
        ("Kerkelanden", 2, 2, pytest.approx(0.85), 1),  # M2 100% en M7 70% (achter)
        ("Sluitersveld", 1, 2, pytest.approx(0.50), 0),  # M4 80% en M6 20%
        ("Sluitersveld", 2, 1, pytest.approx(0.00), 0),  # M5
    ]
    in_2026 = voortgang_per_ambitie(sessie, Filter(jaar=2026), VANDAAG)
    assert [(r.wijk, r.ambitie_nummer, r.aantal, r.achter_schema) for r in in_2026] == [
        ("Kerkelanden", 1, 2, 2), ("Kerkelanden", 2, 1, 1), ("Sluitersveld", 1, 1, 0)]
    assert in_2026[2].als_rij() == {"wijk": "Sluitersveld", "ambitie": "1. Betrokkenheid", "aantal": 1,
                                    "gemiddelde_voortgang": pytest.approx(0.8), "achter_schema": 0}


# --------------------------------------------------------------------------- de lijst per blok (issue 8)

ALLE_FILTERS = [
    Filter(), Filter(jaar=2026), Filter(jaar=2025), Filter(jaar=2027), Filter(wijk="sluitersveld"), Filter(ambitie=2),
    Filter(status="vertraagd"), Filter(status=ACHTER_SCHEMA_FILTER), Filter(status=ACHTER_SCHEMA_FILTER, jaar=2025),
    Filter(wijk="kerkelanden", ambitie=1, jaar=2026), Filter(wijk="onbekend"),
]


@pytest.mark.parametrize("filter_", ALLE_FILTERS)
def test_pagina_geeft_dezelfde_rijen_als_de_hele_lijst(sessie, m, filter_):
    """Per blok van 1, 2, 3 of 5 rijen aan elkaar gelegd: precies de rijen (en volgorde) van ``maatregelen``."""
    alles = maatregelen(sessie, filter_, VANDAAG)
    for grootte in (1, 2, 3, 5):
        stukken, totalen = [], set()
        for start in range(0, len(alles) + grootte, grootte):
            blok, totaal = maatregelen_pagina(sessie, filter_, VANDAAG, start, start + grootte)
            assert len(blok) <= grootte
            stukken += blok
            totalen.add(totaal)
        assert stukken == alles
        assert totalen == {len(alles)}


def test_pagina_grenzen(sessie, m):
    # Filter(): M1 M3 M7 M2 M6 M4 M5
    assert _namen(maatregelen_pagina(sessie, Filter(), VANDAAG, 5, 25)[0]) == ["M4", "M5"]
    assert maatregelen_pagina(sessie, Filter(), VANDAAG, 7, 32) == ([], 7)  # voorbij het einde: wel het totaal
    assert maatregelen_pagina(sessie, Filter(), VANDAAG, 3, 3) == ([], 7)
    with _tel_queries(sessie) as teller:
        maatregelen_pagina(sessie, Filter(jaar=2026), VANDAAG, 0, 25)
    assert teller["n"] == 2  # telling en blok
    for start, eind in ((-1, 5), (5, 4)):
        with pytest.raises(OngeldigVerzoek):
            maatregelen_pagina(sessie, Filter(), VANDAAG, start, eind)


@pytest.mark.parametrize(
    ("sortering", "verwacht"),
    [
        ([("naam", "desc")], ["M7", "M6", "M5", "M4", "M3", "M2", "M1"]),
        # gelijke voortgang? nee; 100 (M2) .. 0 (M5)
        ([("voortgang", "desc")], ["M2", "M4", "M7", "M1", "M6", "M3", "M5"]),
        # besteed: alleen M1 heeft uitgaven; bij gelijke waarde de standaardvolgorde (wijk, ambitie, start)
        ([("besteed", "desc")], ["M1", "M3", "M7", "M2", "M6", "M4", "M5"]),
        # lege geschatte kosten achteraan, ook aflopend
        ([("schatting_kosten", "desc")], ["M2", "M1", "M3", "M7", "M6", "M4", "M5"]),
        # werkelijk start: M1 05-01-2026, M2 01-04-2025; de rest leeg (achteraan)
        ([("werkelijk_start", "asc")], ["M2", "M1", "M3", "M7", "M6", "M4", "M5"]),
        # statuslabel alfabetisch: Afgerond, Gepland, Gestopt, In uitvoering ×3, Vertraagd
        ([("status", "asc")], ["M2", "M5", "M6", "M1", "M7", "M4", "M3"]),
        ([("achter_schema", "asc"), ("eind", "desc")], ["M3", "M1", "M7", "M4", "M2", "M6", "M5"]),
        ([("ambitie", "desc"), ("wijk", "desc")], ["M5", "M7", "M2", "M6", "M4", "M1", "M3"]),
        ([("oplossingsrichting", "asc")], ["M1", "M3", "M7", "M2", "M6", "M4", "M5"]),
    ],
)
def test_pagina_sorteert_in_sql(sessie, m, sortering, verwacht):
    rijen, totaal = maatregelen_pagina(sessie, Filter(), VANDAAG, 0, 25, sortering)
    assert (_namen(rijen), totaal) == (verwacht, 7)
    # Het tweede blok sluit aan op het eerste.
    assert _namen(maatregelen_pagina(sessie, Filter(), VANDAAG, 2, 5, sortering)[0]) == verwacht[2:5]


@pytest.mark.parametrize(
    ("kolomfilters", "verwacht"),
    [
        ({"status": {"filterType": "text", "type": "contains", "filter": "UITVOER"}}, ["M1", "M7", "M4"]),
        ({"achter_schema": {"filterType": "text", "type": "equals", "filter": "ja"}}, ["M1", "M3", "M7"]),
        ({"ambitie": {"filterType": "text", "type": "startsWith", "filter": "2. leef"}}, ["M7", "M2", "M5"]),
        ({"oplossingsrichting": {"filterType": "text", "type": "contains", "filter": "bemidd"}}, ["M1"]),
        ({"oplossingsrichting": {"filterType": "text", "type": "blank"}}, ["M3", "M7", "M2", "M6", "M4", "M5"]),
        ({"voortgang": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 0.7}}, ["M7", "M2", "M4"]),
        ({"besteed": {"filterType": "number", "type": "greaterThan", "filter": 0}}, ["M1"]),
        ({"werkelijk_eind": {"filterType": "text", "type": "contains", "filter": "15-11-2025"}}, ["M2"]),
        ({"start": {"filterType": "text", "type": "startsWith", "filter": "2024"}}, ["M7", "M6"]),
        ({"wijk": {"filterType": "text", "type": "equals", "filter": "kerkelanden"},
          "naam": {"filterType": "text", "operator": "OR", "conditions": [
              {"filterType": "text", "type": "equals", "filter": "m2"},
              {"filterType": "text", "type": "equals", "filter": "m3"}]}}, ["M3", "M2"]),
    ],
)
def test_pagina_filtert_op_kolommen(sessie, m, kolomfilters, verwacht):
    rijen, totaal = maatregelen_pagina(sessie, Filter(), VANDAAG, 0, 25, None, kolomfilters)
    assert (_namen(rijen), totaal) == (verwacht, len(verwacht))


def test_pagina_kolomfilter_binnen_de_urlfilters(sessie, m):
    kolomfilter = {"achter_schema": {"filterType": "text", "type": "equals", "filter": "Ja"}}
    # op 31-12-2025 lag alleen M7 achter
    assert _namen(maatregelen_pagina(sessie, Filter(jaar=2025), VANDAAG, 0, 25, None, kolomfilter)[0]) == ["M7"]
    assert maatregelen_pagina(sessie, Filter(wijk="sluitersveld"), VANDAAG, 0, 25, None, kolomfilter) == ([], 0)


@pytest.mark.parametrize(
    ("sortering", "kolomfilters"),
    [
        ([("onbekend", "asc")], None),
        ([("naam", "omhoog")], None),
        (None, {"onbekend": {"type": "contains", "filter": "x"}}),
        (None, {"naam": {"type": "lessThan", "filter": "x"}}),
        (None, {"voortgang": {"type": "equals", "filter": "veel"}}),
    ],
)
def test_pagina_weigert_onbekende_kolommen_en_soorten(sessie, m, sortering, kolomfilters):
    with pytest.raises(OngeldigVerzoek):
        maatregelen_pagina(sessie, Filter(), VANDAAG, 0, 25, sortering, kolomfilters)


@pytest.mark.parametrize("filter_", ALLE_FILTERS)
def test_samenvatting_gelijk_aan_de_lijst(sessie, m, filter_):
    alles = maatregelen(sessie, filter_, VANDAAG)
    with _tel_queries(sessie) as teller:
        sv = samenvatting(sessie, filter_, VANDAAG)
    assert teller["n"] == 1
    per_status = {s: sum(r["status_code"] == s for r in alles) for s in STATUS_LABELS}
    assert sv.per_status == {s: n for s, n in per_status.items() if n}
    assert list(sv.per_status) == [s for s in STATUS_LABELS if s in sv.per_status]  # volgorde van het model
    assert sv.aantal == len(alles)
    assert sv.achter_schema == sum(r["is_achter_schema"] for r in alles)
    assert sv.geschatte_kosten == pytest.approx(sum(r["schatting_kosten"] or 0 for r in alles))
    assert sv.besteed == pytest.approx(sum(r["besteed"] for r in alles))
    assert sv.met_periode == sum(1 for r in alles if r["start"] and r["eind"])


def test_samenvatting_met_de_hand(sessie, m):
    sv = samenvatting(sessie, Filter(jaar=2026), VANDAAG)  # M1, M3, M7 (KL), M4 (SV)
    assert sv == Projectsamenvatting(aantal=4, per_status={"in_uitvoering": 3, "vertraagd": 1}, achter_schema=3,
                                     geschatte_kosten=10_000, besteed=4_000, met_periode=4)
    assert samenvatting(sessie, Filter(wijk="onbekend"), VANDAAG) == Projectsamenvatting(0, {}, 0, 0, 0, 0)


@pytest.mark.parametrize("filter_", ALLE_FILTERS)
@pytest.mark.parametrize("aantal", [1, 2, 3, 40])
def test_tijdlijn_in_sql_gelijk_aan_meest_relevant(sessie, m, filter_, aantal):
    with _tel_queries(sessie) as teller:
        rijen = tijdlijn(sessie, filter_, VANDAAG, aantal)
    assert teller["n"] == 1
    assert rijen == meest_relevant(maatregelen(sessie, filter_, VANDAAG), aantal)


def test_maatregel_opties(sessie, m):
    ids = {n: mt.id for n, mt in m.items()}
    assert maatregel_opties(sessie, Filter(jaar=2026), VANDAAG) == (
        [(ids["M1"], "M1", "Kerkelanden"), (ids["M3"], "M3", "Kerkelanden"), (ids["M7"], "M7", "Kerkelanden"),
         (ids["M4"], "M4", "Sluitersveld")], 4)
    # hooguit ``aantal``, met het totaal dat aan de zoektekst voldoet; zoeken in naam en wijk
    assert maatregel_opties(sessie, Filter(), VANDAAG, aantal=2) == (
        [(ids["M1"], "M1", "Kerkelanden"), (ids["M3"], "M3", "Kerkelanden")], 7)
    assert maatregel_opties(sessie, Filter(), VANDAAG, "SLUITERS") == (
        [(ids["M6"], "M6", "Sluitersveld"), (ids["M4"], "M4", "Sluitersveld"), (ids["M5"], "M5", "Sluitersveld")], 3)
    assert maatregel_opties(sessie, Filter(ambitie=2), VANDAAG, " m5 ") == ([(ids["M5"], "M5", "Sluitersveld")], 1)
    # % en _ zijn gewone tekens
    assert maatregel_opties(sessie, Filter(), VANDAAG, "%") == ([], 0)
    assert maatregel_opties(sessie, Filter(), VANDAAG, "M_") == ([], 0)
    # zonder telling (de pagina kent het aantal al uit de samenvatting): één query
    with _tel_queries(sessie) as teller:
        assert maatregel_opties(sessie, Filter(jaar=2026), VANDAAG, aantal=1, tel=False) == (
            [(ids["M1"], "M1", "Kerkelanden")], None)
    assert teller["n"] == 1
