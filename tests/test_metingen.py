"""Een meting invoeren of corrigeren: datalaag.metingen op SQLite én PostgreSQL.

Valideren → autoriseren → nieuwe meting of correctie met versie → één Mutatie; bij elke fout niets
geschreven. Het formulier en de import delen de regels: dezelfde invoer geeft dezelfde melding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.db import maak_sessiefabriek
from datalaag.importeren import importeer
from datalaag.metingen import (
    Conflictfout,
    achterstand_grens,
    bewaar_meting,
    formatteer_waarde,
    frequentie_duur,
    frequentie_tekst,
    indicatoren,
    is_periode_einde,
    meting_stand,
)
from datalaag.models import (
    Ambitie,
    Doelstelling,
    Indicator,
    Meting,
    Mutatie,
    Stadsdeel,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.validatie import Invoerfout, Validatiefout
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    cohesie: Indicator      # schaalscore, elk jaar, doelstelling in het lopende plan van De Riet
    contact: Indicator      # %, elk jaar
    tevredenheid: Indicator  # rapportcijfer
    meldingen: Indicator    # telling, elk kwartaal
    doelstelling: Doelstelling
    marieke: Actor          # coördinator van De Riet
    jan: Actor              # coördinator van De Riet (een tweede)
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="-")
    a2 = Ambitie(nummer=2, korte_naam="Veiligheid", tekst="-")
    sessie.add_all([stadsdeel, dr, kl, a1, a2])
    sessie.flush()
    cohesie = Indicator(naam="Sociale cohesie", eenheid="schaalscore 0–10", ambitie_id=a1.id, bron="Wijkenquête",
                        richting="hoger_is_beter", meetfrequentie_maanden=12)
    contact = Indicator(naam="% contact met buren", eenheid="%", ambitie_id=a1.id, bron="Wijkenquête",
                        richting="hoger_is_beter", meetfrequentie_maanden=12)
    meldingen = Indicator(naam="Meldingen verloedering", eenheid="per 1.000 inwoners", ambitie_id=a2.id,
                          bron="Meldingen", richting="lager_is_beter", is_telling=True, meetfrequentie_maanden=3)
    tevredenheid = Indicator(naam="Tevredenheid woning", eenheid="rapportcijfer", ambitie_id=a2.id,
                             bron="Wijkenquête", richting="hoger_is_beter", meetfrequentie_maanden=24)
    sessie.add_all([cohesie, contact, meldingen, tevredenheid])
    sessie.flush()
    plan = Wijkplan(wijk_id=dr.id, titel="Wijkplan De Riet", werkwijze="SHR", periode_van=2025, periode_tot=2028,
                    status="vastgesteld")
    oud_plan = Wijkplan(wijk_id=dr.id, titel="Oud plan", werkwijze="SHR", periode_van=2015, periode_tot=2018,
                        status="geevalueerd")
    sessie.add_all([plan, oud_plan])
    sessie.flush()
    doel = Doelstelling(wijkplan_id=plan.id, ambitie_id=a1.id, indicator_id=cohesie.id, tekst="Meer cohesie",
                        nulmeting_waarde=6.0, nulmeting_jaar=2024, streef_type="absoluut", streefwaarde=7.0,
                        streefjaar=2028)
    sessie.add_all([doel, Doelstelling(wijkplan_id=oud_plan.id, ambitie_id=a1.id, indicator_id=contact.id,
                                       tekst="Oud", nulmeting_waarde=40, nulmeting_jaar=2014, streefwaarde=50,
                                       streefjaar=2018)])
    sessie.flush()
    return Opzet(dr, kl, cohesie, contact, tevredenheid, meldingen, doel,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator",
                               wijk_ids=frozenset({dr.id})),
                 jan=Actor(gebruiker_id=None, naam="Jan Jansen", rol="coordinator", wijk_ids=frozenset({dr.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _bewaar(sessie, actor, o: Opzet, *, wijk=None, indicator=None, meting_id=None, versie=None, **velden):
    invoer = {"peildatum": "31-12-2025", "periode": "jaar", "waarde": "6,5", "bron": "", **velden}
    return bewaar_meting(sessie, actor, wijk_id=(wijk or o.de_riet).id, indicator_id=(indicator or o.cohesie).id,
                         meting_id=meting_id, verwachte_versie=versie, vandaag=VANDAAG, **invoer)


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(Meting)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def _mutaties(sessie) -> list[Mutatie]:
    return list(sessie.scalars(select(Mutatie).order_by(Mutatie.id)))


# --------------------------------------------------------------------------- nieuw en correctie


def test_nieuwe_meting_met_een_mutatie(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o.marieke, o, waarde="6,55", periode="")
    assert (uit.correctie, uit.versie, uit.peildatum, uit.periode, uit.waarde, uit.bron, uit.vorige_waarde) == (
        False, 1, D(2025, 12, 31), "jaar", 6.55, "Wijkenquête", None)
    sessie.expire_all()
    m = sessie.get(Meting, uit.meting_id)
    assert (m.wijk_id, m.indicator_id, m.peildatum, m.periode, m.waarde, m.bron, m.gewijzigd_door, m.versie) == (
        o.de_riet.id, o.cohesie.id, D(2025, 12, 31), "jaar", 6.55, "Wijkenquête", "Marieke ter Horst", 1)
    (mutatie,) = _mutaties(sessie)
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie,
            mutatie.gebruiker_naam) == ("meting", m.id, "aangemaakt", o.de_riet.id, 1, "Marieke ter Horst")
    assert mutatie.oud is None
    assert mutatie.nieuw == {"Indicator": "Sociale cohesie", "Peildatum": "31-12-2025", "Periode": "Jaar",
                             "Waarde": "6,55 (schaalscore 0–10)", "Bron": "Wijkenquête"}


def test_kwartaalindicator_krijgt_standaard_kwartaal_en_een_eigen_bron(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o.beheerder, o, wijk=o.kerkelanden, indicator=o.meldingen, peildatum="2026-09-30",
                  periode=None, waarde="1.234", bron="  Meldingensysteem  ")
    assert (uit.periode, uit.waarde, uit.bron) == ("kwartaal", 1234.0, "Meldingensysteem")
    assert _mutaties(sessie)[0].nieuw["Waarde"] == "1.234 (aantal)"


def test_correctie_met_versie_en_oud_naar_nieuw(sessie, opzet):
    o = opzet
    eerst = _bewaar(sessie, o.marieke, o, waarde="6,5")
    uit = _bewaar(sessie, o.jan, o, meting_id=eerst.meting_id, versie=1, waarde="6,8", bron="Herberekening")
    assert (uit.correctie, uit.meting_id, uit.versie, uit.waarde, uit.vorige_waarde) == (
        True, eerst.meting_id, 2, 6.8, 6.5)
    sessie.expire_all()
    m = sessie.get(Meting, eerst.meting_id)
    assert (m.waarde, m.bron, m.versie, m.gewijzigd_door) == (6.8, "Herberekening", 2, "Jan Jansen")
    assert _aantallen(sessie) == (1, 2)
    correctie = _mutaties(sessie)[-1]
    assert (correctie.actie, correctie.entiteit_id, correctie.versie, correctie.gebruiker_naam) == (
        "gewijzigd", m.id, 2, "Jan Jansen")
    assert correctie.oud == {"Indicator": "Sociale cohesie", "Peildatum": "31-12-2025",
                             "Waarde": "6,5 (schaalscore 0–10)", "Bron": "Wijkenquête"}
    assert correctie.nieuw == {"Indicator": "Sociale cohesie", "Peildatum": "31-12-2025",
                               "Waarde": "6,8 (schaalscore 0–10)", "Bron": "Herberekening"}
    # Nog een correctie op de nieuwe versie kan, ook van alleen de periode.
    assert _bewaar(sessie, o.marieke, o, meting_id=m.id, versie=2, waarde="6,8", bron="Herberekening",
                   periode="kwartaal").versie == 3


def test_correctie_op_een_oude_versie_is_een_conflict_en_schrijft_niets(sessie, opzet):
    o = opzet
    eerst = _bewaar(sessie, o.marieke, o)
    _bewaar(sessie, o.jan, o, meting_id=eerst.meting_id, versie=1, waarde="7")
    with pytest.raises(Conflictfout) as fout:
        _bewaar(sessie, o.marieke, o, meting_id=eerst.meting_id, versie=1, waarde="5")
    assert str(fout.value).startswith("Deze meting is intussen opgeslagen door Jan Jansen (nu versie 2; u werkte "
                                      "met versie 1).")
    assert fout.value.huidige_versie == 2
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert regel.endswith("Jan Jansen: Indicator: Sociale cohesie → Sociale cohesie; Peildatum: 31-12-2025 → "
                          "31-12-2025; Waarde: 6,5 (schaalscore 0–10) → 7 (schaalscore 0–10)")
    sessie.expire_all()
    assert sessie.get(Meting, eerst.meting_id).waarde == 7.0
    assert _aantallen(sessie) == (1, 2)


def test_gelijktijdige_correctie_geeft_een_nederlandse_melding(sessie, opzet):
    """Twee verzoeken lazen versie 1; de eerste schrijft, de UPDATE van de tweede raakt nul rijen."""
    o = opzet
    eerst = _bewaar(sessie, o.marieke, o)
    sessie.commit()
    fabriek = maak_sessiefabriek(sessie.get_bind())
    with fabriek() as s1, fabriek() as s2:
        gelezen = [s.get(Meting, eerst.meting_id) for s in (s1, s2)]
        assert [m.versie for m in gelezen] == [1, 1]
        _bewaar(s1, o.marieke, o, meting_id=eerst.meting_id, versie=1, waarde="7")
        s1.commit()
        with pytest.raises(Conflictfout, match="op precies hetzelfde moment"):
            _bewaar(s2, o.jan, o, meting_id=eerst.meting_id, versie=1, waarde="5")
        s2.rollback()
    sessie.expire_all()
    assert sessie.get(Meting, eerst.meting_id).waarde == 7.0
    assert [m.gebruiker_naam for m in _mutaties(sessie)] == ["Marieke ter Horst", "Marieke ter Horst"]


def test_bestaande_meting_zonder_corrigeer_wordt_niet_overschreven(sessie, opzet):
    """De natuurlijke sleutel is (indicator, wijk, peildatum): ook met een andere periode bestaat hij al."""
    o = opzet
    _bewaar(sessie, o.marieke, o, waarde="6,5")
    for periode in ("jaar", "kwartaal"):
        with pytest.raises(Validatiefout) as fout:
            _bewaar(sessie, o.marieke, o, waarde="9", periode=periode)
        assert fout.value.fouten == {"peildatum": (
            "Peildatum: er is al een meting van De Riet op 31-12-2025 (waarde 6,5 (schaalscore 0–10)). Wilt u die "
            "wijzigen? Kies \u201ccorrigeer\u201d bij die meting in de tabel; anders een andere peildatum.")}
    # Dezelfde peildatum in een andere wijk of voor een andere indicator is een andere meting.
    _bewaar(sessie, o.beheerder, o, wijk=o.kerkelanden)
    _bewaar(sessie, o.marieke, o, indicator=o.contact, waarde="48")
    assert _aantallen(sessie) == (3, 3)


def test_correctie_houdt_de_peildatum_en_de_meting_moet_erbij_horen(sessie, opzet):
    o = opzet
    eerst = _bewaar(sessie, o.marieke, o)
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o.marieke, o, meting_id=eerst.meting_id, versie=1, peildatum="31-12-2024", waarde="7")
    assert fout.value.fouten["peildatum"].startswith("Peildatum: bij een correctie blijft de peildatum 31-12-2025.")
    with pytest.raises(Invoerfout, match=r"Deze meting bestaat niet \(meer\) voor % contact met buren in De Riet"):
        _bewaar(sessie, o.marieke, o, indicator=o.contact, meting_id=eerst.meting_id, versie=1, waarde="7")
    with pytest.raises(Invoerfout, match=r"bestaat niet \(meer\)"):
        _bewaar(sessie, o.marieke, o, meting_id=424242, versie=1, waarde="7")
    with pytest.raises(Validatiefout) as zonder_versie:
        _bewaar(sessie, o.marieke, o, meting_id=eerst.meting_id, waarde="7")
    assert list(zonder_versie.value.fouten) == ["versie"]
    with pytest.raises(Invoerfout, match="^Er is niets veranderd: de meting van 31-12-2025"):
        _bewaar(sessie, o.marieke, o, meting_id=eerst.meting_id, versie=1, waarde="6,50", bron="Wijkenquête")
    sessie.expire_all()
    assert sessie.get(Meting, eerst.meting_id).versie == 1
    assert _aantallen(sessie) == (1, 1)


# --------------------------------------------------------------------------- rechten


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie"])
def test_lezers_mogen_geen_metingen_invoeren(sessie, opzet, rol):
    o = opzet
    actor = Actor(gebruiker_id=None, naam="Lezer", rol=rol, wijk_ids=frozenset({o.de_riet.id}),
                  portefeuillehouder="Lezer")
    with pytest.raises(GeenToegang, match=rf"^Met de rol {rol} mag u niet metingen invoeren\.$"):
        _bewaar(sessie, actor, o)
    assert _aantallen(sessie) == (0, 0)


def test_niet_aangemeld_en_coordinator_van_een_andere_wijk(sessie, opzet):
    o = opzet
    with pytest.raises(GeenToegang, match=r"^U bent niet aangemeld\. Meld u aan om metingen invoeren\.$"):
        _bewaar(sessie, None, o)
    with pytest.raises(GeenToegang, match="^U mag metingen invoeren alleen voor de wijken die aan u zijn "
                                          "toegewezen, niet voor wijk Kerkelanden"):
        _bewaar(sessie, o.marieke, o, wijk=o.kerkelanden)
    assert _aantallen(sessie) == (0, 0)
    # Een correctie van een meting in een andere wijk mag evenmin.
    meting = _bewaar(sessie, o.beheerder, o, wijk=o.kerkelanden)
    with pytest.raises(GeenToegang):
        _bewaar(sessie, o.marieke, o, wijk=o.kerkelanden, meting_id=meting.meting_id, versie=1, waarde="9")
    sessie.expire_all()
    assert sessie.get(Meting, meting.meting_id).waarde == 6.5
    # De beheerder mag in elke wijk, en de coördinator in de eigen wijk.
    assert _bewaar(sessie, o.beheerder, o, wijk=o.kerkelanden, meting_id=meting.meting_id, versie=1,
                   waarde="9").versie == 2
    _bewaar(sessie, o.marieke, o)
    assert _aantallen(sessie) == (2, 3)


# --------------------------------------------------------------------------- slechte invoer


@pytest.mark.parametrize(("indicator", "velden", "veld", "melding"), [
    ("cohesie", {"peildatum": "31-12-2027"}, "peildatum",
     "Peildatum: de datum moet tussen 01-01-2000 en 31-12-2026 liggen."),             # in de toekomst
    ("cohesie", {"peildatum": "31-03-2027", "periode": "kwartaal"}, "peildatum",
     "Peildatum: de datum moet tussen 01-01-2000 en 31-12-2026 liggen."),
    ("meldingen", {"peildatum": "15-08-2026", "periode": "kwartaal", "waarde": "3"}, "peildatum",
     "Peildatum: een kwartaalmeting heeft als peildatum de laatste dag van het kwartaal: 31-03, 30-06, 30-09 of "
     "31-12."),
    ("cohesie", {"peildatum": "30-06-2025"}, "peildatum",
     "Peildatum: een jaarmeting heeft als peildatum 31-12 van het jaar, bijvoorbeeld 31-12-2025."),
    ("cohesie", {"peildatum": ""}, "peildatum", "Peildatum: vul een datum in als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
    ("cohesie", {"peildatum": "31-02-2025"}, "peildatum",
     "Peildatum: de datum 31-02-2025 bestaat niet. Controleer dag en maand."),
    ("cohesie", {"peildatum": "eind 2025"}, "peildatum",
     "Peildatum: schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
    ("cohesie", {"waarde": ""}, "waarde", "Waarde: dit veld is verplicht. Vul een getal in, bijvoorbeeld 12,5."),
    ("cohesie", {"waarde": "   "}, "waarde", "Waarde: dit veld is verplicht. Vul een getal in, bijvoorbeeld 12,5."),
    ("cohesie", {"waarde": "veel"}, "waarde", "Waarde: vul een getal in, bijvoorbeeld 12,5."),
    ("cohesie", {"waarde": "12,5,3"}, "waarde", "Waarde: vul een getal in, bijvoorbeeld 12,5."),
    ("cohesie", {"waarde": "NaN"}, "waarde", "Waarde: vul een getal in, bijvoorbeeld 12,5."),
    ("cohesie", {"waarde": "6,12345"}, "waarde", "Waarde: geef ten hoogste vier cijfers achter de komma."),
    ("cohesie", {"waarde": "99999999999"}, "waarde", "Waarde: het getal is te groot. Controleer het aantal nullen."),
    ("contact", {"waarde": "101"}, "waarde", "Waarde: een percentage ligt tussen 0 en 100; 101 kan niet."),
    ("contact", {"waarde": "-0,5"}, "waarde", "Waarde: een percentage ligt tussen 0 en 100; -0,5 kan niet."),
    ("tevredenheid", {"waarde": "0,5"}, "waarde", "Waarde: een rapportcijfer ligt tussen 1 en 10; 0,5 kan niet."),
    ("meldingen", {"peildatum": "30-09-2026", "periode": "kwartaal", "waarde": "2,5"}, "waarde",
     "Waarde: deze indicator is een telling; vul een geheel getal van 0 of meer in, niet 2,5."),
    ("cohesie", {"periode": "maand"}, "periode", "Periode: kies een van de mogelijkheden in de lijst."),
    ("cohesie", {"bron": "x" * 101}, "bron", "Bron: de tekst is 101 tekens lang; het maximum is 100. Maak hem korter."),
])
def test_slechte_invoer_schrijft_niets(sessie, opzet, indicator, velden, veld, melding):
    o = opzet
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o.marieke, o, indicator=getattr(o, indicator), **velden)
    assert fout.value.fouten == {veld: melding}
    assert _aantallen(sessie) == (0, 0)


def test_alle_fouten_tegelijk_en_onbekende_wijk_of_indicator(sessie, opzet):
    o = opzet
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o.marieke, o, peildatum="", waarde="x", periode="dag", bron=["geen tekst"])
    assert set(fout.value.fouten) == {"peildatum", "waarde", "periode", "bron"}
    with pytest.raises(Validatiefout) as fout:
        bewaar_meting(sessie, o.beheerder, wijk_id=424242, indicator_id="abc", peildatum="31-12-2025", periode="jaar",
                      waarde="6", bron="", vandaag=VANDAAG)
    assert fout.value.fouten == {"wijk": "Wijk: deze wijk bestaat niet (meer). Kies een wijk uit de lijst.",
                                 "indicator": "Indicator: vul een getal in, bijvoorbeeld 1."}
    with pytest.raises(Validatiefout) as fout:
        bewaar_meting(sessie, o.beheerder, wijk_id=o.de_riet.id, indicator_id=424242, peildatum="31-12-2025",
                      periode="jaar", waarde="6", bron="", vandaag=VANDAAG)
    assert fout.value.fouten == {"indicator": "Indicator: deze indicator bestaat niet (meer). Kies een indicator uit "
                                              "de lijst."}
    assert _aantallen(sessie) == (0, 0)


# --------------------------------------------------------------------------- formulier en import: één definitie


@pytest.mark.parametrize(("indicator", "peildatum", "periode", "waarde"), [
    ("contact", "31-12-2025", "jaar", "101"),
    ("cohesie", "31-12-2025", "jaar", "12,5,3"),
    ("cohesie", "31-12-2025", "jaar", "zes"),
    ("cohesie", "30-06-2025", "jaar", "6"),
    ("meldingen", "15-08-2026", "kwartaal", "3"),
    ("meldingen", "30-09-2026", "kwartaal", "2,5"),
    ("cohesie", "31-12-2027", "jaar", "6"),
    ("cohesie", "31-02-2024", "jaar", "6"),
    ("tevredenheid", "31-12-2025", "jaar", "11"),
])
def test_formulier_en_import_geven_dezelfde_fout(sessie, opzet, indicator, peildatum, periode, waarde):
    o = opzet
    ind = getattr(o, indicator)
    with pytest.raises(Validatiefout) as formulier:
        _bewaar(sessie, o.marieke, o, indicator=ind, peildatum=peildatum, periode=periode, waarde=waarde)
    verslag = importeer(sessie, o.marieke, "metingen", [{"wijk": "De Riet", "indicator": ind.naam,
                                                         "peildatum": peildatum, "periode": periode,
                                                         "waarde": waarde}], proef=True, vandaag=VANDAAG)
    assert len(verslag.fouten) == len(formulier.value.fouten) == 1
    (veld, melding), = formulier.value.fouten.items()
    (rijfout,) = verslag.fouten
    # De import zet de kolomnaam vóór de melding (``Rij 2, kolom waarde: Een percentage …``); de tekst is gelijk.
    assert rijfout.kolom == veld
    assert melding == f"{veld.capitalize()}: {rijfout.melding[0].lower()}{rijfout.melding[1:]}"
    assert _aantallen(sessie) == (0, 0)


def test_formulier_en_import_slaan_hetzelfde_op(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o.marieke, o, indicator=o.meldingen, peildatum="30-06-2026", periode="", waarde="1.250",
                  bron="")
    verslag = importeer(sessie, o.marieke, "metingen", [{"wijk": "De Riet", "indicator": o.meldingen.naam,
                                                         "peildatum": "30-06-2026", "waarde": "1.250"}],
                        proef=True, vandaag=VANDAAG)
    # Dezelfde meting (sleutel, periode, waarde en bron) staat er al: de import slaat haar over.
    assert (verslag.fouten, verslag.toegevoegd, verslag.overgeslagen) == ([], 0, 1)
    assert (uit.periode, uit.waarde, uit.bron) == ("kwartaal", 1250.0, "Meldingen")


def test_periode_einde():
    assert is_periode_einde(D(2025, 12, 31), "jaar") and is_periode_einde(D(2025, 12, 31), "kwartaal")
    assert all(is_periode_einde(D(2024, m, d), "kwartaal") for m, d in ((3, 31), (6, 30), (9, 30)))
    assert not is_periode_einde(D(2025, 9, 30), "jaar")
    assert not is_periode_einde(D(2025, 6, 29), "kwartaal")
    assert is_periode_einde(D(2024, 12, 31), "kwartaal")


# --------------------------------------------------------------------------- lezen voor het formulier


def test_indicatoren_op_ambitie_in_een_query(sessie, opzet):
    with tel_queries(sessie) as teller:
        lijst = indicatoren(sessie)
    assert teller["n"] == 1
    assert [(i.label, i.standaard_periode) for i in lijst] == [
        ("Ambitie 1 (Betrokkenheid) · Sociale cohesie", "jaar"),
        ("Ambitie 1 (Betrokkenheid) · % contact met buren", "jaar"),
        ("Ambitie 2 (Veiligheid) · Meldingen verloedering", "kwartaal"),
        ("Ambitie 2 (Veiligheid) · Tevredenheid woning", "jaar"),
    ]


def test_meting_stand_met_doelstelling_en_achterstand(sessie, opzet):
    o = opzet
    for jaar, waarde in ((2023, "5,9"), (2024, "6,1")):
        _bewaar(sessie, o.marieke, o, peildatum=f"31-12-{jaar}", waarde=waarde)
    # Een jaarmeting over het lopende jaar (peildatum later dit jaar) staat in de tabel, maar telt niet voor de
    # achterstand op vandaag.
    _bewaar(sessie, o.marieke, o, peildatum="31-12-2026", waarde="6,4")
    stand = meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG, aantal=2)
    assert [(m.peildatum, m.waarde) for m in stand.metingen] == [(D(2026, 12, 31), 6.4), (D(2024, 12, 31), 6.1)]
    assert (stand.aantal_metingen, stand.laatste_peildatum, stand.wijk_slug) == (3, D(2024, 12, 31), "de-riet")
    assert stand.doelstelling is not None and stand.doelstelling.id == o.doelstelling.id
    assert stand.doelstelling.status == "op_koers"
    # Laatste meting 31-12-2024 + 12 + 3 maanden = 31-03-2026: op 27-11-2026 achterstallig.
    assert stand.achterstallig is True
    assert meting_stand(sessie, o.de_riet.id, o.cohesie.id, D(2026, 3, 31)).achterstallig is False
    assert stand.correctie is None
    # Met een correctie-id van deze wijk en indicator.
    eerste = stand.metingen[-1]
    assert meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG, correctie_id=eerste.id).correctie == eerste
    assert meting_stand(sessie, o.kerkelanden.id, o.cohesie.id, VANDAAG, correctie_id=eerste.id).correctie is None
    # Een oudere meting (bijv. zojuist opgeslagen, of de gekozen correctie) staat er ook bij, op zijn plaats.
    oud = _bewaar(sessie, o.marieke, o, peildatum="31-12-2005", waarde="5")
    for extra in ({"toon_id": oud.meting_id}, {"correctie_id": oud.meting_id}):
        stand = meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG, aantal=2, **extra)
        assert [m.peildatum.year for m in stand.metingen] == [2026, 2024, 2005]
    assert stand.correctie.id == oud.meting_id and stand.aantal_metingen == 4
    assert len(meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG, aantal=2, toon_id=eerste.id).metingen) == 2


def test_meting_stand_zonder_doelstelling_of_metingen(sessie, opzet):
    o = opzet
    # % contact: alleen een doelstelling in een afgelopen plan; nog geen metingen.
    stand = meting_stand(sessie, o.de_riet.id, o.contact.id, VANDAAG)
    assert (stand.doelstelling, stand.metingen, stand.achterstallig, stand.laatste_peildatum) == (None, (), None, None)
    # Zonder doelstelling in het lopende plan: geen oordeel, ook niet met een (oude) meting; het signaal
    # metingen_achterstallig telt deze indicator ook niet mee.
    _bewaar(sessie, o.marieke, o, indicator=o.contact, peildatum="31-12-2025", waarde="48")
    for peildatum in (VANDAAG, D(2027, 3, 31), D(2027, 4, 1), D(2030, 1, 1)):
        assert meting_stand(sessie, o.de_riet.id, o.contact.id, peildatum).achterstallig is None
    # Met een doelstelling maar zonder metingen: achterstallig volgens de nulmeting (2024 + 15 maanden).
    assert meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG).achterstallig is True
    assert meting_stand(sessie, 424242, o.cohesie.id, VANDAAG) is None
    assert meting_stand(sessie, o.de_riet.id, 424242, VANDAAG) is None


def test_weergave():
    assert formatteer_waarde(48.25, "%") == "48,25%"
    assert formatteer_waarde(6.5, "schaalscore 0–10") == "6,5 (schaalscore 0–10)"
    assert formatteer_waarde(1234.0, "per 1.000 inwoners", is_telling=True) == "1.234 (aantal)"
    assert formatteer_waarde(None, "%") == "–"
    assert [frequentie_tekst(m) for m in (3, 6, 12, 24)] == ["elk kwartaal", "elke 6 maanden", "elk jaar",
                                                              "elke 2 jaar"]


def test_achterstand_in_woorden():
    """De grens van "achterstallig" in woorden: de meetfrequentie als duur plus de gratie uit datalaag.afgeleid
    (vroeger: "eene 6 maanden" en een vaste "3 maanden" in de pagina)."""
    assert [frequentie_duur(m) for m in (1, 3, 6, 12, 24, 18)] == [
        "1 maand", "een kwartaal", "6 maanden", "een jaar", "2 jaar", "18 maanden"]
    assert [achterstand_grens(m) for m in (3, 6, 12, 24)] == [
        "een kwartaal plus 3 maanden", "6 maanden plus 3 maanden", "een jaar plus 3 maanden", "2 jaar plus 3 maanden"]


def test_achterstand_in_woorden_volgt_de_gratie_uit_afgeleid(monkeypatch):
    from datalaag import afgeleid, metingen

    assert metingen.METING_GRATIE_MAANDEN == afgeleid.METING_GRATIE_MAANDEN == 3
    monkeypatch.setattr(metingen, "METING_GRATIE_MAANDEN", 1)
    assert achterstand_grens(6) == "6 maanden plus 1 maand"


# --------------------------------------------------------------------------- achterstand op het overzicht


def test_signaal_achterstallig_verdwijnt_na_een_meting_via_het_formulier(sessie, opzet):
    """Issue 6, punt 4: het overzicht signaleert een achterstallige meting; een nieuwe meting via het
    formulier (dezelfde service als de pagina) maakt het signaal weg."""
    from datalaag.signalen import signaal_metingen_achterstallig

    o = opzet
    # Nulmeting 2024, jaarlijks te meten: op 27-11-2026 is de meting van 31-12-2025 over tijd (12 + 3 maanden).
    voor = signaal_metingen_achterstallig(sessie, 2026, VANDAAG)
    assert [(s.wijk_slug, "Sociale cohesie" in s.tekst) for s in voor] == [("de-riet", True)]
    _bewaar(sessie, o.marieke, o, peildatum="31-12-2025", waarde="6,4")
    assert signaal_metingen_achterstallig(sessie, 2026, VANDAAG) == []


def test_formulier_en_signaal_oordelen_hetzelfde(sessie, opzet):
    """Het formulier zegt "achterstallig" precies als het signaal metingen_achterstallig de indicator noemt;
    zonder doelstelling in het lopende plan geeft geen van beide een oordeel."""
    from datalaag.signalen import signaal_metingen_achterstallig

    o = opzet
    # % contact (alleen een doelstelling in een afgelopen plan) met een meting van lang geleden.
    _bewaar(sessie, o.marieke, o, indicator=o.contact, peildatum="31-12-2019", waarde="40")
    for peildatum, jaar in ((VANDAAG, 2026), (D(2027, 6, 30), 2027)):
        genoemd = {s.tekst for s in signaal_metingen_achterstallig(sessie, jaar, peildatum)}
        for indicator in (o.cohesie, o.contact):
            stand = meting_stand(sessie, o.de_riet.id, indicator.id, peildatum)
            in_signaal = any(indicator.naam in t for t in genoemd)
            assert bool(stand.achterstallig) == in_signaal, (indicator.naam, peildatum)
            assert (stand.achterstallig is None) == (stand.doelstelling is None)
    assert meting_stand(sessie, o.de_riet.id, o.contact.id, VANDAAG).achterstallig is None
    assert meting_stand(sessie, o.de_riet.id, o.cohesie.id, VANDAAG).achterstallig is True
