"""Leesqueries van ``/toezeggingen`` (datalaag.toezeggingen) op SQLite én PostgreSQL.

Zes toezeggingen, vandaag = vrijdag 27-11-2026:

| nr    | houder | wijk | termijn    | status    | weergave  | waarom                              |
|-------|--------|------|------------|-----------|-----------|-------------------------------------|
| T-001 | Anne   | –    | 26-11-2026 | open      | te laat   | termijn gisteren verstreken         |
| T-002 | Anne   | –    | 27-11-2026 | open      | open      | termijn vandaag: nog op tijd        |
| T-003 | Bert   | alfa | 31-12-2026 | open      | open      | onderwerp "Evaluatie 2025 …"        |
| T-004 | Bert   | –    | 01-04-2026 | afgedaan  | afgedaan  | afdoening noemt "EVALUATIE"         |
| T-005 | Anne   | –    | 01-01-2025 | vervallen | vervallen | verlopen termijn telt niet: vervallen |
| T-006 | Bert   | alfa | 30-06-2025 | open      | te laat   | onderwerp met "100%" en "bereik_x"  |
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from datalaag import afgeleid as a
from datalaag.meldingen import OngeldigVerzoek
from datalaag.models import Stadsdeel, Toezegging, Werkwijze, Wijk
from datalaag.toezeggingen import (
    Telling,
    ToezeggingFilter,
    filterkeuzes,
    kies_filter,
    tellingen,
    toezeggingen,
    toezeggingen_pagina,
)

D = dt.date
VANDAAG = D(2026, 11, 27)


@pytest.fixture
def data(sessie: Session) -> Session:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    alfa = Wijk(naam="Alfa", slug="alfa", stadsdeel=stadsdeel, werkwijze="WOP")
    sessie.add_all([stadsdeel, alfa])

    def t(nummer, houder, termijn, status="open", wijk=None, onderwerp="Iets", afdoening=None, **extra):
        sessie.add(Toezegging(nummer=nummer, datum=D(2024, 1, 15), vergadering="Raad 15-01-2024",
                              portefeuillehouder=houder, onderwerp=onderwerp, wijk=wijk, termijn=termijn,
                              status=status, afdoening=afdoening, **extra))

    t("T-001", "Anne", D(2026, 11, 26))
    t("T-002", "Anne", D(2026, 11, 27))
    t("T-003", "Bert", D(2026, 12, 31), wijk=alfa, onderwerp="Evaluatie 2025 naar de raad")
    t("T-004", "Bert", D(2026, 4, 1), "afgedaan", afdoening="Raadsinformatiebrief over de EVALUATIE",
      afgedaan_op=D(2026, 5, 1), document="RIB 2026-12")
    t("T-005", "Anne", D(2025, 1, 1), "vervallen", vervallen_op=D(2025, 2, 1))
    t("T-006", "Bert", D(2025, 6, 30), wijk=alfa, onderwerp="100% bereik_x in de wijk")
    sessie.flush()
    return sessie


def _nummers(sessie, **filter_) -> list[str]:
    return [r.nummer for r in toezeggingen(sessie, ToezeggingFilter(**filter_), VANDAAG)]


def test_te_laat_op_de_termijngrens():
    assert a.te_laat("open", D(2026, 11, 26), VANDAAG)
    assert not a.te_laat("open", D(2026, 11, 27), VANDAAG)
    assert not a.te_laat("vervallen", D(2025, 1, 1), VANDAAG)


def test_lijst_te_laat_eerst_met_status_in_woorden(data):
    rijen = toezeggingen(data, ToezeggingFilter(), VANDAAG)
    # Te laat op termijn (T-006, T-001), open op termijn (T-002, T-003), dan de rest (zelfde datum: op nummer).
    assert [r.nummer for r in rijen] == ["T-006", "T-001", "T-002", "T-003", "T-004", "T-005"]
    assert [r.weergavestatus for r in rijen] == ["te_laat", "te_laat", "open", "open", "afgedaan", "vervallen"]
    t4 = rijen[4]
    assert (t4.afgedaan_op, t4.document, t4.afdoening) == (D(2026, 5, 1), "RIB 2026-12",
                                                          "Raadsinformatiebrief over de EVALUATIE")
    assert rijen[3].wijk == "Alfa" and rijen[3].wijk_slug == "alfa" and rijen[2].wijk is None


def test_statusfilters(data):
    assert _nummers(data, status="te_laat") == ["T-006", "T-001"]
    assert _nummers(data, status="open") == ["T-006", "T-001", "T-002", "T-003"]
    assert _nummers(data, status="afgedaan") == ["T-004"]
    assert _nummers(data, status="vervallen") == ["T-005"]
    assert _nummers(data, status="te_laat", portefeuillehouder="Anne") == ["T-001"]
    assert _nummers(data, wijk="alfa") == ["T-006", "T-003"]


def test_zoeken_hoofdletterongevoelig_in_nummer_onderwerp_en_afdoening(data):
    assert _nummers(data, zoek="evaluatie") == ["T-003", "T-004"]
    assert _nummers(data, zoek="t-00") == ["T-006", "T-001", "T-002", "T-003", "T-004", "T-005"]
    assert _nummers(data, zoek="T-002") == ["T-002"]
    # % en _ zijn gewone tekens, geen jokers.
    assert _nummers(data, zoek="100%") == ["T-006"]
    assert _nummers(data, zoek="%") == ["T-006"]
    assert _nummers(data, zoek="_") == ["T-006"]
    assert _nummers(data, zoek="'; DROP TABLE toezegging; --") == []
    assert _nummers(data, zoek="evaluatie", portefeuillehouder="Anne") == []


def test_tellingen_per_portefeuillehouder_en_status(data):
    uit = tellingen(data, ToezeggingFilter(), VANDAAG)
    assert uit.per_portefeuillehouder == [
        Telling("Anne", te_laat=1, open=1, afgedaan=0, vervallen=1),
        Telling("Bert", te_laat=1, open=1, afgedaan=1, vervallen=0),
    ]
    assert uit.totaal == Telling("Totaal", te_laat=2, open=2, afgedaan=1, vervallen=1)
    assert uit.totaal.totaal == 6
    # Dezelfde filters als de lijst.
    alleen_alfa = tellingen(data, ToezeggingFilter(wijk="alfa"), VANDAAG)
    assert alleen_alfa.per_portefeuillehouder == [Telling("Bert", te_laat=1, open=1, afgedaan=0, vervallen=0)]
    # Een dag later is T-002 ook te laat.
    morgen = tellingen(data, ToezeggingFilter(), VANDAAG + dt.timedelta(days=1))
    assert morgen.totaal == Telling("Totaal", te_laat=3, open=1, afgedaan=1, vervallen=1)


def test_filterkeuzes_en_kies_filter(data):
    keuzes = filterkeuzes(data)
    assert keuzes.portefeuillehouders == ["Anne", "Bert"]
    assert keuzes.wijken == [("alfa", "Alfa")]
    assert kies_filter({}, keuzes) == ToezeggingFilter()
    assert kies_filter({"status": "te_laat", "portefeuillehouder": "Anne", "wijk": "alfa", "zoek": "  x  "},
                       keuzes) == ToezeggingFilter("te_laat", "Anne", "alfa", "x")
    assert kies_filter({"status": "99", "portefeuillehouder": "Onbekend", "wijk": "nergens", "zoek": " "},
                       keuzes) == ToezeggingFilter()
    assert kies_filter({"zoek": "a" * 500}, keuzes).zoek == "a" * 100


# --------------------------------------------------------------------------- per blok (de grid op de pagina)


def _blok(sessie, start=0, eind=100, sortering=None, filters=None, **filter_):
    rijen, totaal = toezeggingen_pagina(sessie, ToezeggingFilter(**filter_), VANDAAG, start, eind, sortering, filters)
    return [r.nummer for r in rijen], totaal


def test_pagina_volgt_de_lijst_en_telt_alles(data):
    alles = [r.nummer for r in toezeggingen(data, ToezeggingFilter(), VANDAAG)]
    assert _blok(data) == (alles, 6)
    # Blokken sluiten op elkaar aan; het totaal blijft het totaal van de gefilterde lijst.
    assert _blok(data, 0, 2) == (alles[:2], 6) and _blok(data, 2, 4) == (alles[2:4], 6)
    assert _blok(data, 6, 10) == ([], 6)
    assert _blok(data, status="te_laat") == (["T-006", "T-001"], 2)
    assert _blok(data, zoek="evaluatie") == (["T-003", "T-004"], 2)
    # Het te-laatsignaal (overdue) zit in de rij: de pagina kleurt en benoemt het.
    rijen, _ = toezeggingen_pagina(data, ToezeggingFilter(), VANDAAG, 0, 6)
    assert [r.te_laat for r in rijen] == [True, True, False, False, False, False]


def test_pagina_sorteren_en_filteren_in_de_kolomkoppen(data):
    assert _blok(data, sortering=[("termijn", "asc")])[0] == ["T-005", "T-006", "T-004", "T-001", "T-002", "T-003"]
    assert _blok(data, sortering=[("nummer", "desc")])[0] == ["T-006", "T-005", "T-004", "T-003", "T-002", "T-001"]
    # Status in woorden sorteert op te laat → open → afgedaan → vervallen; binnen een status de standaardvolgorde.
    assert _blok(data, sortering=[("status_tekst", "desc")])[0] == ["T-005", "T-004", "T-002", "T-003", "T-006",
                                                                    "T-001"]
    # Lege wijk achteraan, ook aflopend.
    assert _blok(data, sortering=[("wijk", "desc")])[0][:2] == ["T-006", "T-003"]
    assert _blok(data, filters={"wijk": {"type": "contains", "filter": "alf"}}) == (["T-006", "T-003"], 2)
    assert _blok(data, filters={"termijn": {"type": "equals", "filter": "27-11-2026"}}) == (["T-002"], 1)
    assert _blok(data, filters={"onderwerp": {"type": "contains", "filter": "100%"}}) == (["T-006"], 1)
    assert _blok(data, filters={"afdoening": {"type": "blank"}}, status="afgedaan") == ([], 0)


@pytest.mark.parametrize("sortering, filters, bereik", [
    ([("bestaat_niet", "asc")], None, (0, 10)),
    ([("nummer", "omhoog")], None, (0, 10)),
    (None, {"status_tekst": {"type": "contains", "filter": "Te laat"}}, (0, 10)),
    (None, {"nummer": {"type": "regex", "filter": ".*"}}, (0, 10)),
    (None, None, (5, 2)),
])
def test_pagina_weigert_onbekende_kolommen_en_bereiken(data, sortering, filters, bereik):
    with pytest.raises(OngeldigVerzoek):
        toezeggingen_pagina(data, ToezeggingFilter(), VANDAAG, *bereik, sortering, filters)
