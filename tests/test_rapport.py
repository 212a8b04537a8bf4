"""De voortgangsrapportage (datalaag.rapport) op SQLite én PostgreSQL.

Een kleine, met de hand gemaakte stad met drie wijken, peildatum 30-06-2026 (vandaag 27-11-2026):

- **Aaltje**: plan 2024–2027 (vastgesteld) met een doelstelling die op de peildatum *ver achter* ligt
  (een latere meting die op koers zou zijn, telt nog niet), een vertraagde maatregel, een oormerk
  met uitgaven, meldingen vóór en na de peildatum, een vastgestelde evaluatie over 2025 en een
  concept over 2026, en vier toezeggingen (te laat, op termijn, afgedaan, pas ná de peildatum gedaan);
- **Beek**: geen plan, geen evaluatie, geen toezeggingen;
- **Cranenburg**: plan 2024–2027 maar geen evaluatie over 2025 (signaal *evaluatie ontbreekt*);
- een toezegging zonder wijk (stadsbreed signaal).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
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
    Stadsdeel,
    Toezegging,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkplan,
    WijkplanStatus,
)
from datalaag.rapport import (
    REGEL_LABELS,
    kies_peildatum,
    rangschik_signalen,
    signalen_per_regel,
    stadsrapport,
    wijkrapport,
)
from datalaag.signalen import HOOG, MIDDEL, REGELS, Signaal, signalen

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)
PEIL = D(2026, 6, 30)


def _bouw(sessie: Session) -> dict[str, object]:
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=f"Werkwijze {code}", omschrijving="-", looptijd="-", afbakening="-"))
    sd = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    amb1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners voelen zich betrokken.")
    amb2 = Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="Een leefbare wijk.")
    aaltje = Wijk(naam="Aaltje", slug="aaltje", stadsdeel=sd, werkwijze="WOP")
    beek = Wijk(naam="Beek", slug="beek", stadsdeel=sd, werkwijze="AWA")
    cran = Wijk(naam="Cranenburg", slug="cranenburg", stadsdeel=sd, werkwijze="SHR")
    sessie.add_all([sd, amb1, amb2, aaltje, beek, cran, Afhandelnorm(categorie="schoon", werkdagen=5)])

    plan = Wijkplan(wijk=aaltje, titel="WOP Aaltje 2024–2027", werkwijze="WOP", periode_van=2024, periode_tot=2027,
                    status="vastgesteld", kader_betrokkenheid_voldoet=True, kader_doelstellingen_voldoet=True,
                    kader_middelen_voldoet=False, raadsbesluit="RB 2023-12", vastgesteld_op=D(2023, 12, 14))
    plan_c = Wijkplan(wijk=cran, titel="Plan Cranenburg", werkwijze="SHR", periode_van=2024, periode_tot=2027,
                      status="vastgesteld")
    sessie.add_all([plan, plan_c])
    for status, datum in (("concept", D(2023, 6, 1)), ("besproken_met_bewoners", D(2023, 8, 1)),
                          ("definitief_voorstel", D(2023, 10, 1)), ("vastgesteld", D(2023, 12, 14))):
        sessie.add(WijkplanStatus(wijkplan=plan, status=status, datum=datum))

    # Doelstelling: 50 (2023) → 60 in 2027, hoger is beter. Op 31-12-2025 (halverwege) verwacht 55,
    # gemeten 49: achterstand 6 van de beoogde 10 = 60% > 25% → ver achter. De meting van 30-09-2026
    # (70, ruim op koers) ligt ná de peildatum en telt niet.
    ind = Indicator(naam="% contact met buren", eenheid="%", ambitie=amb1, bron="enquête", richting="hoger_is_beter")
    sessie.add(ind)
    doel = Doelstelling(wijkplan=plan, ambitie=amb1, indicator=ind, tekst="Meer contact met buren",
                        nulmeting_waarde=50.0, nulmeting_jaar=2023, streef_type="absoluut", streefwaarde=60.0,
                        streefjaar=2027)
    sessie.add(doel)
    for peildatum, waarde in ((D(2023, 12, 31), 50.0), (D(2024, 12, 31), 49.5), (D(2025, 12, 31), 49.0),
                              (D(2026, 9, 30), 70.0)):
        sessie.add(Meting(indicator=ind, wijk=aaltje, peildatum=peildatum, waarde=waarde, bron="enquête"))

    mrg = Maatregel(wijkplan=plan, ambitie=amb2, naam="Buurtbeheer", verantwoordelijke="Gemeente", status="vertraagd",
                    voortgang=20, start=D(2025, 1, 1), eind=D(2027, 1, 1))
    sessie.add(mrg)

    oormerk = Oormerk(wijk=aaltje, naam="Stadsdeelbudget Aaltje 2026", jaar_van=2026, jaar_tot=2026,
                      bron="stadsdeelbudget", bedrag=Decimal("10000"), budgethouder="B. Houder")
    post = Budgetpost(oormerk=oormerk, naam="Bewonersinitiatieven", bedrag=Decimal("10000"), volgorde=1)
    sessie.add_all([oormerk, post,
                    Uitgave(wijk=aaltje, datum=D(2026, 3, 1), bedrag=Decimal("2500"), budgetpost=post,
                            omschrijving="Buurtfeest"),
                    Uitgave(wijk=aaltje, datum=D(2026, 9, 1), bedrag=Decimal("1000"), budgetpost=post,
                            omschrijving="Na de peildatum, wel in het jaar")])

    def melding(ontvangen: dt.datetime, afgehandeld: dt.datetime | None) -> Melding:
        return Melding(wijk=aaltje, categorie="schoon", kanaal="telefoon", ontvangen_op=ontvangen,
                       afgehandeld_op=afgehandeld, status="afgehandeld" if afgehandeld else "open",
                       afhandeltijd_werkdagen=a.werkdagen_tussen(ontvangen, afgehandeld) if afgehandeld else None)

    sessie.add_all([melding(T(2026, 3, 2, 9), T(2026, 3, 4, 9)),   # 2 werkdagen, binnen de norm
                    melding(T(2026, 5, 1, 9), None),                # open, en over de norm van 5 werkdagen
                    melding(T(2026, 7, 15, 9), None)])              # ná de peildatum

    def evaluatie(wijk: Wijk, jaar: int, status: str, **extra) -> None:
        ev = Evaluatie(wijk=wijk, jaar=jaar, status=status, **extra)
        ev.regels = [EvaluatieAmbitie(ambitie=amb1, waardering=Decimal("6.5"), doelstelling="Contact")]
        sessie.add(ev)

    evaluatie(aaltje, 2025, "vastgesteld", wijkplan_id=None, ingediend_op=D(2026, 2, 1), vastgesteld_op=D(2026, 3, 1))
    evaluatie(aaltje, 2026, "concept")

    def toezegging(nummer: str, datum: dt.date, termijn: dt.date, wijk: Wijk | None, **extra) -> None:
        sessie.add(Toezegging(nummer=nummer, datum=datum, vergadering="Raad", portefeuillehouder="W. Ethouder",
                              onderwerp=f"Onderwerp {nummer}", wijk=wijk, termijn=termijn, **extra))

    toezegging("T1", D(2026, 1, 10), D(2026, 3, 1), aaltje)                       # open, te laat op de peildatum
    toezegging("T2", D(2026, 2, 1), D(2026, 12, 1), aaltje)                       # open, op termijn
    toezegging("T3", D(2025, 5, 1), D(2025, 9, 1), aaltje, status="afgedaan", afgedaan_op=D(2025, 8, 1))
    toezegging("T4", D(2026, 8, 1), D(2026, 9, 1), aaltje)                        # pas ná de peildatum gedaan
    toezegging("T5", D(2026, 1, 5), D(2026, 2, 1), None)                          # stadsbreed, te laat
    sessie.flush()
    return {"plan": plan, "doel": doel, "mrg": mrg}


@pytest.fixture
def stad(sessie: Session) -> dict[str, object]:
    return _bouw(sessie)


# --------------------------------------------------------------------------- wijkrapport


def test_wijkrapport_met_plan_evaluatie_en_toezeggingen(sessie, stad):
    r = wijkrapport(sessie, "aaltje", PEIL, VANDAAG)
    assert r is not None
    assert (r.peildatum, r.gemaakt_op, r.jaar) == (PEIL, VANDAAG, 2026)
    assert r.wijk.naam == "Aaltje" and r.wijk.stadsdeelcoordinator == "C. Oördinator"
    assert r.plan.id == stad["plan"].id and r.plandetail.raadsbesluit == "RB 2023-12"
    assert [s.status for s in r.plandetail.historie] == ["concept", "besproken_met_bewoners", "definitief_voorstel",
                                                         "vastgesteld"]
    assert [k.voldoet for k in r.plandetail.kaders] == [True, True, False]

    # Doelstelling op de peildatum: laatste meting 49,0 op 31-12-2025, verwacht 55,0 → ver achter.
    (trend,) = r.doelstellingen
    assert trend.status == "ver_achter"
    assert trend.laatste.peildatum == D(2025, 12, 31) and trend.laatste.waarde == pytest.approx(49.0)
    assert trend.verwacht == pytest.approx(55.0, abs=0.05)
    assert [p.peildatum for p in trend.metingen] == [D(2023, 12, 31), D(2024, 12, 31), D(2025, 12, 31)]
    assert r.doelstellingen_per_status == {"op_koers": 0, "achter": 0, "ver_achter": 1, "geen_data": 0}

    (m,) = r.maatregelen
    assert m.naam == "Buurtbeheer" and m.achter_schema and r.maatregelen_achter_schema == 1

    # Budget: het hele kalenderjaar 2026 (zoals de wijkpagina), de posten met uitgaven in en tot en met het jaar.
    assert r.budget.oormerk == pytest.approx(10000) and r.budget.uitgaven == pytest.approx(3500)
    assert r.budget.budgethouders == ("B. Houder",)
    ((oormerk_regels),) = r.budgetposten
    assert [(p.naam, p.bedrag) for p in oormerk_regels.posten] == [("Bewonersinitiatieven", 10000.0)]
    assert [j.jaar for j in r.budget_per_jaar] == [2026]

    # Meldingen tot en met de peildatum: 2 ontvangen (de melding van 15-07 nog niet), 1 open en over de norm.
    assert r.meldingen.ontvangen == 2 and r.meldingen.open == 1
    assert r.open_meldingen.open == 1 and r.open_meldingen.over_norm == 1 and len(r.open_meldingen.rijen) == 1
    assert r.afhandeling.afgehandeld == 1 and r.afhandeling.mediaan_werkdagen == pytest.approx(2.0)
    assert r.regiegroep_melding is not None and r.regiegroep_melding.niet_gemeld == 2

    # Laatste evaluatie: de vastgestelde over 2025; het nieuwere concept apart.
    assert (r.evaluatie.jaar, r.evaluatie.status) == (2025, "vastgesteld")
    assert r.evaluatie.regels[0].waardering == pytest.approx(6.5)
    assert (r.nieuwer_concept.jaar, r.nieuwer_concept.status) == (2026, "concept")

    # Open toezeggingen op de peildatum: T1 (te laat) vóór T2; niet T3 (afgedaan) en niet T4 (later gedaan).
    assert [(t.nummer, t.te_laat) for t in r.toezeggingen] == [("T1", True), ("T2", False)]
    assert (r.toezeggingen_samenvatting.open, r.toezeggingen_samenvatting.te_laat) == (2, 1)

    # De signalen van deze wijk, niet die van andere wijken of de stad.
    assert r.signalen and {s.wijk_slug for s in r.signalen} == {"aaltje"}
    regels = {s.regel for s in r.signalen}
    assert {"doelstelling_ver_achter", "toezegging_te_laat", "maatregel_achter_schema"} <= regels
    assert "evaluatie_ontbreekt" not in regels
    assert [a_.nummer for a_ in r.ambities] == [1, 2]


def test_wijkrapport_zonder_plan_evaluatie_en_toezeggingen(sessie, stad):
    r = wijkrapport(sessie, "beek", PEIL, VANDAAG)
    assert r is not None and r.wijk.naam == "Beek"
    assert r.plan is None and r.plandetail is None
    assert r.doelstellingen == () and r.maatregelen == ()
    assert r.doelstellingen_per_status == {"op_koers": 0, "achter": 0, "ver_achter": 0, "geen_data": 0}
    assert r.evaluatie is None and r.nieuwer_concept is None
    assert r.toezeggingen == () and r.toezeggingen_samenvatting.open == 0
    assert r.budget.oormerk == 0 and r.budget.uitgaven == 0 and r.budget.budgetbenutting is None
    assert r.budgetposten == ()
    assert [(j.oormerk, j.uitgaven) for j in r.budget_per_jaar] == [(0.0, 0.0)]  # 2026: de stad heeft budget
    assert r.meldingen.ontvangen == 0 and r.open_meldingen.rijen == []
    assert r.regiegroep_melding is None
    assert r.signalen == ()


def test_wijkrapport_alleen_concept_geen_laatste_evaluatie(sessie, stad):
    # Cranenburg: geen evaluatie over 2025 → signaal; een concept over 2025 telt niet als laatste evaluatie.
    sessie.add(Evaluatie(wijk_id=sessie.query(Wijk.id).filter_by(slug="cranenburg").scalar(), jaar=2025,
                         status="concept"))
    sessie.flush()
    r = wijkrapport(sessie, "cranenburg", PEIL, VANDAAG)
    assert r.evaluatie is None
    assert (r.nieuwer_concept.jaar, r.nieuwer_concept.status) == (2025, "concept")
    assert [s.regel for s in r.signalen] == ["evaluatie_ontbreekt"]


def test_wijkrapport_onbekende_wijk(sessie, stad):
    assert wijkrapport(sessie, "bestaat-niet", PEIL, VANDAAG) is None
    assert wijkrapport(sessie, "", PEIL, VANDAAG) is None
    assert wijkrapport(sessie, "stad", PEIL, VANDAAG) is None


def test_wijkrapport_peildatum_later_verandert_de_stand(sessie, stad):
    # Op 31-10-2026 telt de meting van 30-09-2026 (70 > verwacht) wel: de doelstelling is op koers;
    # T4 is dan gedaan en te laat (termijn 01-09-2026).
    r = wijkrapport(sessie, "aaltje", D(2026, 10, 31), VANDAAG)
    assert r.doelstellingen[0].status == "op_koers"
    assert [(t.nummer, t.te_laat) for t in r.toezeggingen] == [("T1", True), ("T4", True), ("T2", False)]
    assert r.meldingen.ontvangen == 3


# --------------------------------------------------------------------------- stadsrapport


def test_stadsrapport_wijken_en_ranglijst(sessie, stad):
    r = stadsrapport(sessie, PEIL, VANDAAG)
    assert r.peildatum == PEIL and r.kpis.peildatum == PEIL and r.kpis.wijken_totaal == 3
    assert [w.naam for w in r.wijken] == ["Aaltje", "Beek", "Cranenburg"]
    per = {w.slug: w for w in r.wijken}

    a_ = per["aaltje"]
    assert a_.plan.id == stad["plan"].id and a_.laatste_evaluatie == (2025, "vastgesteld")
    assert (a_.doelstellingen.ver_achter, a_.doelstellingen.totaal) == (1, 1)
    assert (a_.toezeggingen.open, a_.toezeggingen.te_laat) == (2, 1)
    assert a_.budgetbenutting == pytest.approx(0.35) and a_.maatregelen_achter_schema == 1
    assert a_.meldingen == 2
    b = per["beek"]
    assert b.plan is None and b.laatste_evaluatie is None and b.doelstellingen.totaal == 0
    assert (b.toezeggingen.open, b.signalen_hoog, b.signalen_middel) == (0, 0, 0)
    assert per["cranenburg"].laatste_evaluatie is None

    # De signalen: dezelfde als die van het overzicht op de peildatum.
    alle = signalen(sessie, 2026, PEIL)
    assert list(r.signalen) == alle
    hoog_aaltje = sum(1 for s in alle if s.wijk_slug == "aaltje" and s.ernst == HOOG)
    assert a_.signalen_hoog == hoog_aaltje >= 2
    assert per["cranenburg"].signalen_hoog == 1

    # Ranglijst: eerst de stadsbrede toezegging (geen wijk), dan Aaltje (meeste hoog), Cranenburg, Beek (0).
    assert [g.wijk_slug for g in r.ranglijst] == [None, "aaltje", "cranenburg", "beek"]
    stadsbreed = r.ranglijst[0]
    assert [s.regel for s in stadsbreed.signalen] == ["toezegging_te_laat"] and stadsbreed.wijk_naam is None
    assert r.ranglijst[-1].signalen == () and (r.ranglijst[-1].hoog, r.ranglijst[-1].middel) == (0, 0)
    assert sum(len(g.signalen) for g in r.ranglijst) == len(alle)

    # Per regel: ernst hoog eerst, daarbinnen de meeste signalen; de wijken op naam.
    assert [t.ernst for t in r.per_regel] == sorted((t.ernst for t in r.per_regel), key=[HOOG, MIDDEL].index)
    toez = next(t for t in r.per_regel if t.regel == "toezegging_te_laat")
    assert toez.aantal == 2 and toez.wijken == ("Aaltje",) and toez.label == "Toezegging over de termijn"


def test_stadsrapport_zonder_wijken(sessie):
    r = stadsrapport(sessie, PEIL, VANDAAG)
    assert r.wijken == () and r.signalen == () and r.ranglijst == () and r.per_regel == ()
    assert r.kpis.wijken_totaal == 0


# --------------------------------------------------------------------------- rangschikken (zonder database)


def _s(regel: str, ernst: str, slug: str | None, tekst: str = "x") -> Signaal:
    return Signaal(regel, ernst, slug, None if slug is None else slug.capitalize(), tekst, "/")


def test_rangschik_signalen_volgorde():
    lijst = [
        _s("meldingen_over_norm", MIDDEL, "zuid"),
        _s("meldingen_niet_gemeld", MIDDEL, "zuid"),
        _s("meldingen_over_norm", MIDDEL, "west"),
        _s("evaluatie_ontbreekt", HOOG, "oost"),
        _s("doelstelling_ver_achter", HOOG, "noord"),
        _s("maatregel_achter_schema", MIDDEL, "noord"),
        _s("meldingen_over_norm", MIDDEL, "oost"),
        _s("toezegging_te_laat", HOOG, None),
        _s("doelstelling_ver_achter", HOOG, "noord"),
    ]
    groepen = rangschik_signalen(lijst, [("centrum", "Centrum"), ("noord", "Noord")])
    # Stadsbreed eerst; noord 2 hoog; oost 1 hoog (+1 middel); zuid 0 hoog 2 middel; west 1 middel; centrum 0.
    assert [g.wijk_slug for g in groepen] == [None, "noord", "oost", "zuid", "west", "centrum"]
    assert [(g.hoog, g.middel) for g in groepen] == [(1, 0), (2, 1), (1, 1), (0, 2), (0, 1), (0, 0)]
    # Binnen een groep: hoog vóór middel.
    assert [s.ernst for s in groepen[1].signalen] == [HOOG, HOOG, MIDDEL]
    # Bij gelijke stand: op naam.
    gelijk = rangschik_signalen([_s("meldingen_over_norm", MIDDEL, "b"), _s("meldingen_over_norm", MIDDEL, "a")])
    assert [g.wijk_slug for g in gelijk] == ["a", "b"]
    assert rangschik_signalen([]) == []


def test_signalen_per_regel():
    lijst = [
        _s("meldingen_over_norm", MIDDEL, "zuid"), _s("meldingen_over_norm", MIDDEL, "oost"),
        _s("meldingen_over_norm", MIDDEL, "oost"), _s("evaluatie_ontbreekt", HOOG, "oost"),
        _s("toezegging_te_laat", HOOG, None), _s("toezegging_te_laat", HOOG, "zuid"),
        _s("maatregel_achter_schema", MIDDEL, "noord"),
    ]
    tellingen = signalen_per_regel(lijst)
    assert [(t.regel, t.aantal) for t in tellingen] == [
        ("toezegging_te_laat", 2), ("evaluatie_ontbreekt", 1), ("meldingen_over_norm", 3),
        ("maatregel_achter_schema", 1),
    ]
    assert tellingen[2].wijken == ("Oost", "Zuid")
    assert tellingen[0].wijken == ("Zuid",)  # het stadsbrede signaal telt niet als wijk


def test_elke_signaalregel_heeft_een_naam():
    assert {r.__name__ for r in REGELS}  # de regels bestaan
    machinenamen = {"doelstelling_ver_achter", "oormerk_overschreden", "oormerk_onderbesteed",
                    "maatregel_achter_schema", "toezegging_te_laat", "meldingen_over_norm", "meldingen_niet_gemeld",
                    "metingen_achterstallig", "regiegroep_termijn_verlopen", "evaluatie_ontbreekt"}
    assert set(REGEL_LABELS) == machinenamen


# --------------------------------------------------------------------------- peildatum


@pytest.mark.parametrize(
    ("tekst", "datum", "fout"),
    [
        (None, VANDAAG, None),
        ("", VANDAAG, None),
        ("  ", VANDAAG, None),
        ("30-06-2026", D(2026, 6, 30), None),
        ("1-7-2025", D(2025, 7, 1), None),
        ("2025-12-31", D(2025, 12, 31), None),
        ("27-11-2026", VANDAAG, None),
        ("31-02-2026", VANDAAG, "bestaat niet"),
        ("28-11-2026", VANDAAG, "tussen 01-01-2000 en 27-11-2026"),
        ("01-01-1999", VANDAAG, "tussen 01-01-2000 en 27-11-2026"),
        ("gisteren", VANDAAG, "dd-mm-jjjj"),
        ("30/06/2026", VANDAAG, "dd-mm-jjjj"),
        ("30-06-2026" * 20, VANDAAG, "dd-mm-jjjj"),
    ],
)
def test_kies_peildatum(tekst, datum, fout):
    keuze = kies_peildatum(tekst, VANDAAG)
    assert keuze.peildatum == datum
    if fout is None:
        assert keuze.fout is None
    else:
        assert keuze.fout is not None and fout in keuze.fout and keuze.fout.startswith("Peildatum")


# --------------------------------------------------------------------------- het rapport als HTML (bouwfuncties)

_HTML = """
import datetime as dt, sys
from datalaag.db import maak_engine, maak_sessiefabriek
from dashboard.rapport_pdf import rapport_html
fabriek = maak_sessiefabriek(maak_engine(sys.argv[1]))
with fabriek() as sessie:
    html = rapport_html(sessie, sys.argv[2], dt.date(2026, 6, 30), dt.date(2026, 11, 27), demo=False)
sys.stdout.write(html)
"""


def test_bouwfuncties_met_en_zonder_plan_en_tekst_als_tekst(tmp_path):
    """De bouwfuncties van pagina.rapport (via de HTML van de opdrachtregel, in een eigen proces: de
    pagina registreert zich bij Dash): een wijk met alles, een wijk zonder plan/evaluatie/toezeggingen,
    de stad; tekst uit de database wordt nooit HTML."""
    import subprocess
    import sys

    from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head

    url = f"sqlite:///{tmp_path / 'rapport.db'}"
    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        _bouw(sessie)
        t1 = sessie.query(Toezegging).filter_by(nummer="T1").one()
        t1.onderwerp = '<script>alert("x")</script> & "aanhalingstekens"'
    engine.dispose()

    def html(onderwerp: str) -> str:
        uit = subprocess.run([sys.executable, "-c", _HTML, url, onderwerp], capture_output=True, text=True,
                             timeout=300, cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]))
        assert uit.returncode == 0, uit.stderr[-3000:]
        return uit.stdout

    aaltje = html("aaltje")
    for tekst in ("Voortgangsrapportage Aaltje", "1. Samenvatting", "2. Plan en levensloop", "3. Doelstellingen",
                  "4. Maatregelen", "5. Budget", "6. Meldingen", "7. Laatste evaluatie", "8. Open toezeggingen",
                  "9. Bijlage: metingen bij de figuren", "Figuur 1. % contact met buren: metingen tegen de streeflijn",
                  "Cijfers figuur 1:", "Ver achter", "Achter schema", "Evaluatie 2025 · Vastgesteld",
                  "Er is ook een concept-evaluatie over 2026", "0 van 1 op koers, 1 ver achter",
                  "peildatum 30-06-2026", "gemaakt op 27-11-2026"):
        assert tekst in aaltje, tekst
    assert "<script>alert" not in aaltje
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;aanhalingstekens&quot;" in aaltje
    assert aaltje.count('class="rapport-figuur"') == 2  # de doelstelling en het budget
    assert "Demonstratiegegevens" not in aaltje

    beek = html("beek")
    for tekst in ("Voortgangsrapportage Beek", "Beek heeft nog geen wijkplan.", "Er is geen wijkplan.",
                  "Er is geen wijkplan en dus geen maatregel.", "Er is voor 2026 geen oormerk voor Beek.",
                  "Er is nog geen ingediende of vastgestelde evaluatie van Beek",
                  "Er staan geen toezeggingen over Beek open.", "Geen signalen voor deze periode."):
        assert tekst in beek, tekst
    assert "9. Bijlage" not in beek and 'class="rapport-figuur"' not in beek

    stad = html("stad")
    for tekst in ("Voortgangsrapportage wijkaanpak Almelo", "2. De wijken", "3. Ambitiescores",
                  "4. Signalen, gerangschikt", "Wijken gerangschikt naar signalen", "Niet aan één wijk gebonden",
                  'href="/rapport/aaltje"', "Figuur 1. Doelstellingen per wijk naar status",
                  "Figuur 2. Budgetbenutting per wijk in 2026"):
        assert tekst in stad, tekst
    # De ranglijst in de tabel: Aaltje, Cranenburg, Beek.
    rang = stad[stad.index('id="rapport-ranglijst"'):]
    assert rang.index("Aaltje") < rang.index("Cranenburg") < rang.index("Beek")
