"""De presentatiemodus (``datalaag.presentatie``): de agenda in de URL lezen en schrijven, de peildatum,
en de bevroren peildatum (gegevens met een datum na de peildatum tellen niet mee).

De agenda- en peildatumtests zijn zuivere functies; de tests met een database draaien via de fixture
``sessie`` op SQLite én PostgreSQL. De bevriezingstest gebruikt de demodata (alle weergaven hebben
dan iets te tonen) en voegt daar gegevens na de peildatum aan toe.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from datalaag.models import (
    Ambitie,
    Doelstelling,
    Evaluatie,
    EvaluatieAmbitie,
    Maatregel,
    MaatregelVoortgang,
    Melding,
    Meting,
    Stadsdeel,
    Toezegging,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
    Wijkplan,
)
from datalaag.overzicht import kpis
from datalaag.presentatie import (
    MAX_AGENDA_TEKENS,
    MAX_ONDERDELEN,
    WEERGAVEN,
    Agenda,
    Foutmelding,
    Onderdeel,
    OngeldigOnderdeel,
    ToezeggingenDia,
    bevroren,
    dia_titel,
    lees_agenda,
    lees_peildatum,
    maatregelen_op_peildatum,
    presentatie,
    presentatie_pad,
    samensteller_pad,
    schrijf_agenda,
    toezeggingen_op_peildatum,
    wijknamen,
)

D = dt.date
VANDAAG = D(2026, 11, 27)
WIJKEN = {"de-riet": "De Riet", "kerkelanden": "Kerkelanden", "windmolenbroek": "Windmolenbroek"}


def codes(agenda: Agenda) -> list[str]:
    return [o.code if isinstance(o, Onderdeel) else f"FOUT:{o.tekst}" for o in agenda.onderdelen]


# =========================================================================== agenda lezen en schrijven


def test_geldige_agenda_zoals_in_de_opdracht():
    agenda = lees_agenda("overzicht,wijk:de-riet,budget:de-riet,meldingen:kerkelanden,toezeggingen", WIJKEN)
    assert agenda.fouten == ()
    assert agenda.onderdelen == (
        Onderdeel("overzicht"), Onderdeel("wijk", "de-riet"), Onderdeel("budget", "de-riet"),
        Onderdeel("meldingen", "kerkelanden"), Onderdeel("toezeggingen"),
    )


def test_elke_weergave_is_geldig_met_de_juiste_wijkkeuze():
    for code, weergave in WEERGAVEN.items():
        tekst = code if weergave.wijk == "geen" else f"{code}:de-riet"
        assert codes(lees_agenda(tekst, WIJKEN)) == [tekst], code
    # Toezeggingen en signalen kunnen over de hele stad én over één wijk gaan.
    assert codes(lees_agenda("toezeggingen,toezeggingen:kerkelanden,signalen,signalen:de-riet", WIJKEN)) == [
        "toezeggingen", "toezeggingen:kerkelanden", "signalen", "signalen:de-riet"]


@pytest.mark.parametrize("waarde", [None, "", ",", ",,,", "  ", " , "])
def test_lege_agenda(waarde):
    agenda = lees_agenda(waarde, WIJKEN)
    assert agenda == Agenda() and agenda.geldige == () and agenda.fouten == ()


def test_hoofdletters_spaties_en_lege_onderdelen_tellen_niet():
    assert codes(lees_agenda(" Overzicht ,, WIJK:De-Riet ,", WIJKEN)) == ["overzicht", "wijk:de-riet"]


def test_dubbele_onderdelen_mogen():
    assert codes(lees_agenda("overzicht,budget:de-riet,overzicht", WIJKEN)) == ["overzicht", "budget:de-riet", "overzicht"]


def test_herhaalde_parameter_wordt_een_agenda():
    """``?agenda=a&agenda=b`` geeft Dash als lijst door."""
    assert codes(lees_agenda(["overzicht", "heatmap"], WIJKEN)) == ["overzicht", "heatmap"]


def test_onbekende_weergave_geeft_een_melding_op_zijn_plek():
    agenda = lees_agenda("overzicht,budjet:de-riet,heatmap", WIJKEN)
    assert codes(agenda) == ["overzicht", "FOUT:budjet:de-riet", "heatmap"]
    fout = agenda.onderdelen[1]
    assert isinstance(fout, OngeldigOnderdeel)
    assert "'budjet' is geen weergave" in fout.reden and "budget" in fout.reden
    assert agenda.geldige == (Onderdeel("overzicht"), Onderdeel("heatmap"))


def test_onbekende_wijk():
    fout = lees_agenda("wijk:nergenshuizen", WIJKEN).onderdelen[0]
    assert isinstance(fout, OngeldigOnderdeel)
    assert fout.tekst == "wijk:nergenshuizen" and "'nergenshuizen' is geen wijk" in fout.reden


def test_wijk_ontbreekt_of_hoort_er_niet_bij():
    ontbreekt, teveel = lees_agenda("budget,overzicht:de-riet", WIJKEN).onderdelen
    assert isinstance(ontbreekt, OngeldigOnderdeel) and "budget:de-riet" in ontbreekt.reden
    assert isinstance(teveel, OngeldigOnderdeel) and "hele stad" in teveel.reden


@pytest.mark.parametrize("rare_tekst", [
    "<script>alert(1)</script>",
    "wijk:de riet",
    "wijk:de-riet:extra",
    "wijk:../../etc",
    "budget:de-riet%00",
    "wijk:de-riet\x00",
    "budget:-de-riet",
    "overzicht;drop table wijk",
    "👍",
    "wijk:",
    ":de-riet",
])
def test_rare_tekens_geven_een_melding_en_geen_fout(rare_tekst):
    agenda = lees_agenda(f"overzicht,{rare_tekst},heatmap", WIJKEN)
    assert codes(agenda)[0] == "overzicht" and codes(agenda)[-1] == "heatmap"
    fout = agenda.onderdelen[1]
    assert isinstance(fout, OngeldigOnderdeel), rare_tekst
    assert fout.tekst.isprintable() and len(fout.tekst) <= 60
    assert fout.reden


def test_een_lang_fout_onderdeel_wordt_ingekort_herhaald():
    fout = lees_agenda("x" * 500, WIJKEN).onderdelen[0]
    assert isinstance(fout, OngeldigOnderdeel)
    assert len(fout.tekst) == 60 and fout.tekst.endswith("…")


def test_te_lange_agenda_wordt_geweigerd():
    tekst = ",".join(["budget:de-riet"] * 200)
    assert len(tekst) > MAX_AGENDA_TEKENS
    agenda = lees_agenda(tekst, WIJKEN)
    assert agenda.onderdelen == ()
    assert len(agenda.fouten) == 1 and "te lang" in agenda.fouten[0] and "2.000" in agenda.fouten[0]


def test_te_veel_onderdelen_alleen_de_eerste_worden_getoond():
    agenda = lees_agenda(",".join(["overzicht"] * (MAX_ONDERDELEN + 5)), WIJKEN)
    assert len(agenda.onderdelen) == MAX_ONDERDELEN
    assert agenda.fouten == (f"De agenda heeft {MAX_ONDERDELEN + 5} onderdelen; alleen de eerste "
                             f"{MAX_ONDERDELEN} worden getoond.",)


def test_geen_tekst_is_een_fout_geen_uitzondering():
    assert lees_agenda(12, WIJKEN).fouten == ("De agenda in de link is geen tekst.",)


def test_schrijven_en_weer_lezen_geeft_dezelfde_agenda():
    onderdelen = [Onderdeel("overzicht"), Onderdeel("wijk", "de-riet"), Onderdeel("toezeggingen", "kerkelanden")]
    tekst = schrijf_agenda(onderdelen)
    assert tekst == "overzicht,wijk:de-riet,toezeggingen:kerkelanden"
    assert lees_agenda(tekst, WIJKEN).onderdelen == tuple(onderdelen)


def test_de_link_is_leesbaar():
    onderdelen = [Onderdeel("overzicht"), Onderdeel("budget", "de-riet")]
    assert presentatie_pad(onderdelen, VANDAAG) == "/presentatie?agenda=overzicht,budget:de-riet&peildatum=27-11-2026"
    assert presentatie_pad(onderdelen, VANDAAG, dia=2, terug=True) == (
        "/presentatie?agenda=overzicht,budget:de-riet&peildatum=27-11-2026&dia=2&terug=samenstellen")
    assert samensteller_pad(onderdelen, VANDAAG) == (
        "/presentatie/samenstellen?agenda=overzicht,budget:de-riet&peildatum=27-11-2026")
    assert samensteller_pad([], None) == "/presentatie/samenstellen"


def test_titels_van_de_dias():
    assert dia_titel(Onderdeel("overzicht"), WIJKEN) == "Kerncijfers van de stad"
    assert dia_titel(Onderdeel("budget", "de-riet"), WIJKEN) == "De Riet: budget"
    assert dia_titel(Onderdeel("wijk", "kerkelanden"), WIJKEN) == "Kerkelanden: ambitiescores tegen de stad"


# =========================================================================== peildatum


@pytest.mark.parametrize(("waarde", "verwacht"), [
    ("27-11-2026", D(2026, 11, 27)),
    ("2026-11-27", D(2026, 11, 27)),
    ("7-1-2026", D(2026, 1, 7)),
    (" 01-10-2026 ", D(2026, 10, 1)),
    (None, VANDAAG),
    ("", VANDAAG),
])
def test_peildatum_lezen(waarde, verwacht):
    assert lees_peildatum(waarde, VANDAAG) == (verwacht, None)


@pytest.mark.parametrize(("waarde", "melding"), [
    ("31-02-2026", "bestaat niet"),
    ("morgen", "geen datum"),
    ("27/11/2026", "geen datum"),
    ("28-11-2026", "ligt na vandaag"),
    ("31-12-1999", "ligt vóór 01-01-2000"),
    (["27-11-2026", "26-11-2026"], "geen datum"),
    ("<b>27-11-2026</b>", "geen datum"),
])
def test_ongeldige_peildatum_geeft_een_melding(waarde, melding):
    datum, fout = lees_peildatum(waarde, VANDAAG)
    assert datum is None and melding in fout


# =========================================================================== met een database


def _basis(sessie):
    """Een kleine stad: twee wijken (De Riet met een plan, Kerkelanden zonder iets), twee ambities."""
    for code in ("WOP", "AWA", "SHR"):
        sessie.add(Werkwijze(code=code, naam=code, omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    amb1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    amb2 = Ambitie(nummer=2, korte_naam="Leefbaarheid", tekst="-")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    plan = Wijkplan(wijk=dr, titel="Sociale herovering", werkwijze="SHR", periode_van=2025, periode_tot=2027,
                    status="vastgesteld")
    sessie.add_all([stadsdeel, amb1, amb2, dr, kl, plan])
    sessie.flush()
    return dr, kl, plan, amb1


def _toezegging(nummer, datum, termijn, status="open", afgedaan_op=None, vervallen_op=None, wijk=None):
    return Toezegging(nummer=nummer, datum=datum, vergadering="Raad", portefeuillehouder="A. Wethouder",
                      onderwerp=f"Onderwerp {nummer}", termijn=termijn, status=status, afgedaan_op=afgedaan_op,
                      vervallen_op=vervallen_op, wijk=wijk)


def test_toezeggingen_op_de_peildatum(sessie):
    """Open op de peildatum: gedaan uiterlijk op de peildatum en nu open, of pas daarna afgedaan of vervallen."""
    dr, _kl, _plan, _amb = _basis(sessie)
    p = D(2026, 10, 1)
    sessie.add_all([
        _toezegging("T1", D(2026, 1, 1), D(2026, 6, 1)),                                   # open, te laat
        _toezegging("T2", D(2026, 1, 1), D(2026, 12, 1), wijk=dr),                         # open, op tijd
        _toezegging("T3", D(2026, 1, 1), D(2026, 6, 1), "afgedaan", D(2026, 10, 15)),      # toen open, te laat
        _toezegging("T4", D(2026, 1, 1), D(2026, 6, 1), "afgedaan", D(2026, 9, 1)),        # al afgedaan
        _toezegging("T5", D(2026, 1, 1), D(2026, 10, 1), "vervallen", None, D(2026, 11, 1)),  # toen open, termijn vandaag
        _toezegging("T6", D(2026, 10, 2), D(2026, 10, 5)),                                  # nog niet gedaan
    ])
    sessie.flush()
    dia = toezeggingen_op_peildatum(sessie, p)
    assert (dia.open, dia.te_laat) == (4, 2)
    assert [t.nummer for t in dia.te_late] == ["T1", "T3"]
    assert dia.per_portefeuillehouder == (("A. Wethouder", 4, 2),)
    per_wijk = toezeggingen_op_peildatum(sessie, p, dr.id)
    assert (per_wijk.open, per_wijk.te_laat) == (1, 0)
    # Tegenproef: de gewone kerncijfers (huidige status) tellen T3 en T5 niet als open.
    assert kpis(sessie, 2026, p).toezeggingen_open == 2


def test_maatregelen_op_de_peildatum_volgen_de_voortgangsmeldingen(sessie):
    _dr, _kl, plan, amb = _basis(sessie)
    p = D(2026, 7, 1)

    def maatregel(naam, status, voortgang, meldingen=()):
        m = Maatregel(wijkplan=plan, ambitie=amb, naam=naam, verantwoordelijke="x", status=status,
                      voortgang=voortgang, start=D(2026, 1, 1), eind=D(2026, 12, 31))
        m.voortgangshistorie = [MaatregelVoortgang(datum=d, voortgang=v, status=s) for d, v, s in meldingen]
        sessie.add(m)

    # Laatste melding vóór de peildatum telt (40%, in uitvoering), niet die van erna (100%, afgerond).
    maatregel("A", "afgerond", 100, [(D(2026, 3, 1), 10, "in_uitvoering"), (D(2026, 6, 1), 40, "in_uitvoering"),
                                     (D(2026, 9, 1), 100, "afgerond")])
    # Alleen meldingen na de peildatum: toen nog gepland met 0%.
    maatregel("B", "vertraagd", 30, [(D(2026, 8, 1), 30, "vertraagd")])
    # Geen enkele melding: de huidige stand.
    maatregel("C", "in_uitvoering", 60)
    sessie.flush()
    stand = {m.naam: m for m in maatregelen_op_peildatum(sessie, p, wijkplan_id=plan.id)}
    assert (stand["A"].status, stand["A"].voortgang) == ("in_uitvoering", 40)
    assert (stand["B"].status, stand["B"].voortgang) == ("gepland", 0)
    assert (stand["C"].status, stand["C"].voortgang) == ("in_uitvoering", 60)
    # 1 juli: verwacht 181/364 = 49,7%; A (40%) ligt 9,7 pp achter (≤ 15): op schema; C (60%) ook.
    assert not stand["A"].achter_schema and not stand["C"].achter_schema
    assert round(stand["A"].verwacht, 1) == 49.7
    # Binnen de bevroren sessie precies hetzelfde (de voortgangshistorie wordt daar niet gefilterd).
    with bevroren(sessie, p):
        assert {m.naam: (m.status, m.voortgang) for m in maatregelen_op_peildatum(sessie, p, actief_in=2026)} == {
            "A": ("in_uitvoering", 40), "B": ("gepland", 0), "C": ("in_uitvoering", 60)}


def test_elke_weergave_werkt_ook_zonder_gegevens(sessie):
    """Een wijk zonder plan, budget, meldingen of toezeggingen: elke dia heeft iets te zeggen, geen fout."""
    _basis(sessie)
    wijken = wijknamen(sessie)
    tekst = ",".join(c if w.wijk == "geen" else f"{c}:kerkelanden" for c, w in WEERGAVEN.items())
    dias = presentatie(sessie, lees_agenda(tekst, wijken), VANDAAG, wijken)
    assert [d.nummer for d in dias] == list(range(1, len(WEERGAVEN) + 1))
    assert not any(isinstance(d.gegevens, Foutmelding) for d in dias)
    per_weergave = {d.weergave: d.gegevens for d in dias}
    assert per_weergave["doelen"].plan is None and per_weergave["projecten"].plan is None
    assert per_weergave["toezeggingen"] == ToezeggingenDia(VANDAAG, "Kerkelanden", 0, 0, (), ())
    assert per_weergave["budget"].samenvatting.oormerk == 0


def test_fouten_in_de_agenda_worden_dias_op_hun_plek(sessie):
    _basis(sessie)
    wijken = wijknamen(sessie)
    agenda = lees_agenda(",".join(["overzicht", "budjet:de-riet"] + ["heatmap"] * MAX_ONDERDELEN), wijken)
    dias = presentatie(sessie, agenda, VANDAAG, wijken)
    assert len(dias) == 1 + MAX_ONDERDELEN
    assert isinstance(dias[0].gegevens, Foutmelding) and "alleen de eerste 30" in dias[0].gegevens.tekst
    assert dias[1].weergave == "overzicht"
    assert isinstance(dias[2].gegevens, Foutmelding) and "budjet" in dias[2].gegevens.tekst
    assert [d.nummer for d in dias] == list(range(1, len(dias) + 1))


# =========================================================================== bevroren peildatum

#: Een agenda met elke weergave, stad en wijk.
ALLES = ("overzicht,heatmap,wijk:de-riet,doelen:de-riet,budget:de-riet,meldingen:de-riet,projecten:de-riet,"
         "toezeggingen,toezeggingen:ossenkoppelerhoek,signalen,signalen:de-riet")


def _voeg_gegevens_na_de_peildatum_toe(sessie, p: dt.date) -> None:
    """Van alles wat er tijdens of na het debat kan gebeuren, gedateerd ná de peildatum."""
    na = p + dt.timedelta(days=1)
    dr = sessie.scalar(select(Wijk).where(Wijk.slug == "de-riet"))
    plan_id = sessie.scalar(select(Wijkplan.id).where(Wijkplan.wijk_id == dr.id, Wijkplan.periode_van <= p.year,
                                                      Wijkplan.periode_tot >= p.year))
    # Een meting na de peildatum voor elke doelstelling van De Riet, ver van de streeflijn.
    for indicator_id in set(sessie.scalars(select(Doelstelling.indicator_id).where(Doelstelling.wijkplan_id == plan_id))):
        sessie.add(Meting(indicator_id=indicator_id, wijk_id=dr.id, peildatum=na, waarde=0.0, bron="na"))
    # Meldingen: nieuwe na de peildatum, en de open meldingen van toen nu afgehandeld.
    for i in range(5):
        sessie.add(Melding(wijk_id=dr.id, categorie="schoon", kanaal="telefoon", ontvangen_op=dt.datetime.combine(
            na, dt.time(9, i)), status="open", kenmerk=f"NA-{i}"))
    for m in sessie.scalars(select(Melding).where(Melding.afgehandeld_op.is_(None),
                                                  Melding.ontvangen_op < dt.datetime.combine(na, dt.time.min))):
        m.afgehandeld_op = dt.datetime.combine(na, dt.time(12))
        m.afhandeltijd_werkdagen = 1
        m.status = "afgehandeld"
        m.gemeld_aan_regiegroep_op = m.gemeld_aan_regiegroep_op or na
    # Uitgaven na de peildatum (ook op een budgetpost).
    maatregel = sessie.scalar(select(Maatregel.id).where(Maatregel.wijkplan_id == plan_id).limit(1))
    post = sessie.scalar(select(Uitgave.budgetpost_id).where(Uitgave.wijk_id == dr.id,
                                                              Uitgave.budgetpost_id.is_not(None)).limit(1))
    sessie.add_all([
        Uitgave(wijk_id=dr.id, datum=na, bedrag=Decimal("123456.00"), maatregel_id=maatregel, omschrijving="na"),
        Uitgave(wijk_id=dr.id, datum=na, bedrag=Decimal("5000.00"), budgetpost_id=post, omschrijving="na"),
    ])
    # Toezeggingen: alle open toezeggingen afgedaan, en een nieuwe toezegging met een verstreken termijn.
    for t in sessie.scalars(select(Toezegging).where(Toezegging.status == "open")):
        t.status, t.afgedaan_op, t.afdoening = "afgedaan", na, "Afgedaan na de peildatum."
    sessie.add(_toezegging("T-NA", na, na, wijk=dr))
    # Maatregelen: elke lopende maatregel van De Riet afgerond, met een melding na de peildatum.
    for m in sessie.scalars(select(Maatregel).where(Maatregel.wijkplan_id == plan_id)):
        sessie.add(MaatregelVoortgang(maatregel_id=m.id, datum=na, voortgang=100, status="afgerond"))
        m.status, m.voortgang = "afgerond", 100
    # Een evaluatie en een wijkanalyse die na de peildatum zijn ingediend, met andere cijfers.
    ambities = sessie.scalars(select(Ambitie)).all()
    assert sessie.scalar(select(Evaluatie.id).where(Evaluatie.wijk_id == dr.id, Evaluatie.jaar == p.year)) is None
    nieuwe = Evaluatie(wijk_id=dr.id, jaar=p.year, status="ingediend", ingediend_op=na)
    nieuwe.regels = [EvaluatieAmbitie(ambitie_id=a.id, waardering=Decimal("1.0")) for a in ambities]
    analyse = Wijkanalyse(wijk_id=dr.id, datum=na, status="ingediend", ingediend_op=na)
    analyse.regels = [WijkanalyseAmbitie(ambitie_id=a.id, waardering=Decimal("1.0")) for a in ambities]
    sessie.add_all([nieuwe, analyse])
    sessie.flush()


def test_gegevens_na_de_peildatum_veranderen_geen_enkele_dia(sessie):
    from seed.demo import genereer_demo

    genereer_demo(sessie, seed=2008, vandaag=VANDAAG)
    sessie.flush()
    p = D(2026, 10, 15)
    wijken = wijknamen(sessie)
    agenda = lees_agenda(ALLES, wijken)
    assert agenda.ongeldige == ()
    voor = presentatie(sessie, agenda, p, wijken)
    kerncijfers_gewoon = kpis(sessie, 2026, p)
    per_weergave = {d.code: d.gegevens for d in voor}
    # De dia's hebben echt iets te tonen (anders bewijst de test niets).
    assert per_weergave["toezeggingen"].open > 0 and per_weergave["doelen:de-riet"].doelstellingen
    assert per_weergave["meldingen:de-riet"].samenvatting.ontvangen > 0
    assert per_weergave["projecten:de-riet"].per_status and per_weergave["budget:de-riet"].samenvatting.uitgaven > 0

    _voeg_gegevens_na_de_peildatum_toe(sessie, p)

    na = presentatie(sessie, agenda, p, wijken)
    for oud, nieuw in zip(voor, na, strict=True):
        assert oud == nieuw, f"dia {oud.nummer} ({oud.code}) veranderde door gegevens na de peildatum"
    # Tegenproef: zonder bevriezing zien de gewone kerncijfers de nieuwe gegevens wel (uitgaven van het hele
    # jaar, de huidige status van toezeggingen), en op een latere peildatum verandert de presentatie.
    gewoon = kpis(sessie, 2026, p)
    assert gewoon.uitgaven > kerncijfers_gewoon.uitgaven
    assert gewoon.toezeggingen_open < kerncijfers_gewoon.toezeggingen_open
    later = presentatie(sessie, agenda, p + dt.timedelta(days=2), wijken)
    veranderd = {o.code for o, n in zip(voor, later, strict=True) if o.gegevens != n.gegevens}
    assert {"overzicht", "heatmap", "wijk:de-riet", "doelen:de-riet", "budget:de-riet", "meldingen:de-riet",
            "projecten:de-riet", "toezeggingen", "signalen:de-riet"} <= veranderd


def test_bevroren_sessie_ruimt_zich_op(sessie):
    """Na het blok telt alles weer mee (de filter hangt niet aan de sessie vast)."""
    dr, _kl, _plan, _amb = _basis(sessie)
    sessie.add(Melding(wijk_id=dr.id, categorie="schoon", kanaal="telefoon", ontvangen_op=dt.datetime(2026, 11, 1, 9)))
    sessie.flush()
    telling = select(Melding.id)
    with bevroren(sessie, D(2026, 10, 1)):
        assert sessie.scalars(telling).all() == []
    assert len(sessie.scalars(telling).all()) == 1
