"""Import van metingen, meldingen en uitgaven (datalaag.importeren) op SQLite én PostgreSQL, plus de
opdrachtregel ``python -m dashboard importeer``.

Kleine dataset (``_bouw``): Kerkelanden en De Riet, drie indicatoren (schaalscore, percentage, een
telling per kwartaal) en voor Kerkelanden een oormerk 2026 met twee budgetposten. Marieke coördineert
alleen Kerkelanden. Elke weigering wordt gecontroleerd op "niets geschreven": geen nieuwe rijen en
geen Mutatie.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor
from datalaag.importeren import (
    Bestandsfout,
    Rijfout,
    Voortgang,
    Voortgangsbestand,
    importeer,
    lees_bestand,
    voortgang_stand,
)
from datalaag.models import (
    Ambitie,
    Budgetpost,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Mutatie,
    Oormerk,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from datalaag.validatie import Validatiefout

PROJECT_MAP = Path(__file__).resolve().parents[1]
VANDAAG = dt.date(2026, 11, 27)
NU = dt.datetime(2026, 11, 27, 12, 0)


@dataclass
class Gegevens:
    kerkelanden: Wijk
    de_riet: Wijk
    beheer: Actor
    marieke: Actor
    raadslid: Actor
    bewonersinitiatieven: Budgetpost


def _bouw(sessie: Session) -> Gegevens:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="Marieke ter Horst", stadsdeelwethouder="W. Ethouder")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="WOP")
    ambitie = Ambitie(nummer=1, korte_naam="Sociale cohesie", tekst="-")
    sessie.add_all([stadsdeel, kl, dr, ambitie])
    sessie.flush()
    sessie.add_all([
        Indicator(naam="Sociale cohesie", eenheid="schaalscore 0–10", ambitie_id=ambitie.id, bron="Wijkenquête",
                  richting="hoger_is_beter", is_telling=False, meetfrequentie_maanden=12),
        Indicator(naam="% contact met buren", eenheid="%", ambitie_id=ambitie.id, bron="Wijkenquête",
                  richting="hoger_is_beter", is_telling=False, meetfrequentie_maanden=12),
        Indicator(naam="Meldingen verloedering", eenheid="aantal", ambitie_id=ambitie.id, bron="Meldingen",
                  richting="lager_is_beter", is_telling=True, meetfrequentie_maanden=3),
    ])
    oormerk = Oormerk(wijk_id=kl.id, naam="Budget Kerkelanden 2026", jaar_van=2026, jaar_tot=2026,
                      bron="stadsdeelbudget", bedrag=Decimal(50000), budgethouder="Marieke ter Horst")
    sessie.add(oormerk)
    sessie.flush()
    post = Budgetpost(oormerk_id=oormerk.id, naam="Bewonersinitiatieven", bedrag=Decimal(20000))
    sessie.add_all([post, Budgetpost(oormerk_id=oormerk.id, naam="Onvoorzien", bedrag=Decimal(5000))])
    sessie.flush()
    return Gegevens(kl, dr, Actor(None, "Bea Beheer", "beheerder"),
                    Actor(None, "Marieke ter Horst", "coordinator", frozenset({kl.id})),
                    Actor(None, "Rita Raad", "raadslid"), post)


@pytest.fixture
def g(sessie) -> Gegevens:
    return _bouw(sessie)


def _csv(tekst: str, *, bom: bool = False, codering: str = "utf-8") -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode(codering)


def _tel(sessie: Session) -> tuple[int, int, int, int]:
    return tuple(sessie.scalar(select(func.count()).select_from(m)) for m in (Meting, Melding, Uitgave, Mutatie))


def _importeer(sessie, actor, soort, inhoud: bytes, naam: str = "bestand.csv", proef: bool = False, **kw):
    return importeer(sessie, actor, soort, lees_bestand(inhoud, naam), proef=proef, vandaag=VANDAAG, nu=NU, **kw)


METINGEN = (
    "wijk;indicator;peildatum;waarde;bron\n"
    "Kerkelanden;Sociale cohesie;31-12-2025;6,5;\n"
    "kerkelanden;% contact met buren;2025-12-31;48,25;Enquête 2025\n"
    "Kerkelanden;Meldingen verloedering;30-09-2026;1.234;\n"
)


# --------------------------------------------------------------------------- per soort het gewone geval


def test_metingen_importeren_en_het_dossier(sessie, g):
    stappen = []
    verslag = _importeer(sessie, g.marieke, "metingen", _csv(METINGEN, bom=True), "metingen.csv",
                         voortgang=lambda gedaan, totaal: stappen.append((gedaan, totaal)))
    assert (verslag.fouten, verslag.toegevoegd, verslag.overgeslagen) == ([], 3, 0)
    assert verslag.samenvatting() == "3 rijen toegevoegd, 0 overgeslagen (al aanwezig)."
    rijen = sessie.execute(select(Indicator.naam, Meting.peildatum, Meting.periode, Meting.waarde, Meting.bron,
                                  Meting.gewijzigd_door).join(Indicator).order_by(Indicator.naam)).all()
    assert [tuple(r) for r in rijen] == [
        ("% contact met buren", dt.date(2025, 12, 31), "jaar", 48.25, "Enquête 2025", "Marieke ter Horst"),
        ("Meldingen verloedering", dt.date(2026, 9, 30), "kwartaal", 1234.0, "Meldingen", "Marieke ter Horst"),
        ("Sociale cohesie", dt.date(2025, 12, 31), "jaar", 6.5, "Wijkenquête", "Marieke ter Horst"),
    ]
    mutatie = sessie.scalars(select(Mutatie)).one()
    assert (mutatie.entiteit, mutatie.actie, mutatie.gebruiker_naam, mutatie.wijk_id) == (
        "import", "import", "Marieke ter Horst", g.kerkelanden.id)
    assert mutatie.nieuw == {"Soort": "metingen", "Bestand": "metingen.csv", "Rijen toegevoegd": 3, "Overgeslagen": 0}
    assert stappen and stappen[-1] == (6, 6) and stappen == sorted(stappen)


def test_meldingen_importeren(sessie, g):
    inhoud = _csv(
        "kenmerk,wijk,categorie,kanaal,ontvangen_op,ernst,straat,afgehandeld_op,omschrijving\n"
        'M-1,De Riet,schoon,app,06-11-2026 08:15,,Rietstraat,10-11-2026 09:00,"Vuil, veel vuil"\n'
        "M-2,Kerkelanden,Veilig,Telefoon,2026-11-20T21:30,ernstig,,,\n")
    verslag = _importeer(sessie, g.beheer, "meldingen", inhoud)
    assert (verslag.fouten, verslag.toegevoegd) == ([], 2)
    m1, m2 = sessie.scalars(select(Melding).order_by(Melding.kenmerk)).all()
    assert (m1.wijk_id, m1.status, m1.ontvangen_op, m1.afgehandeld_op, m1.afhandeltijd_werkdagen, m1.omschrijving) == (
        g.de_riet.id, "afgehandeld", dt.datetime(2026, 11, 6, 8, 15), dt.datetime(2026, 11, 10, 9), 2, "Vuil, veel vuil")
    assert (m2.status, m2.ernst, m2.kerngroep_betrokken, m2.categorie, m2.kanaal, m2.afhandeltijd_werkdagen) == (
        "open", "ernstig", True, "veilig", "telefoon", None)
    assert sessie.scalars(select(Mutatie)).one().wijk_id is None  # twee wijken


def test_uitgaven_importeren(sessie, g):
    inhoud = _csv("wijk;datum;bedrag;budgetpost;omschrijving;kenmerk\n"
                  "Kerkelanden;15-03-2026;€ 1.250,50;bewonersinitiatieven;Straatfeest;B-001\n"
                  "Kerkelanden;16-03-2026;300;Onvoorzien;Bankje;\n")
    verslag = _importeer(sessie, g.marieke, "uitgaven", inhoud)
    assert (verslag.fouten, verslag.toegevoegd) == ([], 2)
    rijen = sessie.execute(select(Uitgave.bedrag, Uitgave.budgetpost_id, Uitgave.kenmerk).order_by(Uitgave.datum)).all()
    assert rijen[0] == (Decimal("1250.50"), g.bewonersinitiatieven.id, "B-001")
    assert (rijen[1].bedrag, rijen[1].kenmerk) == (Decimal("300.00"), None)
    # opnieuw: beide overgeslagen, ook de rij zonder kenmerk (sleutel op de inhoud)
    opnieuw = _importeer(sessie, g.marieke, "uitgaven", inhoud)
    assert (opnieuw.fouten, opnieuw.toegevoegd, opnieuw.overgeslagen) == ([], 0, 2)


@pytest.mark.parametrize(("kolom", "waarde"), [
    ("bedrag", "0"), ("bedrag", "-5"), ("bedrag", "12,500"), ("datum", "31-12-2099"), ("omschrijving", "x" * 1001),
])
def test_uitgave_formulier_en_import_geven_dezelfde_fout(sessie, g, kolom, waarde):
    """Eén definitie van de regels voor een uitgave: de import en /invoer/uitgaven zeggen hetzelfde."""
    from datalaag.uitgaven import bewaar_uitgave

    rij = {"datum": "15-03-2026", "bedrag": "300", "omschrijving": "Bankje", kolom: waarde}
    inhoud = _csv("wijk;datum;bedrag;budgetpost;omschrijving\n"
                  f"Kerkelanden;{rij['datum']};{rij['bedrag']};bewonersinitiatieven;{rij['omschrijving']}\n")
    verslag = _importeer(sessie, g.marieke, "uitgaven", inhoud, proef=True)
    (fout,) = verslag.fouten
    with pytest.raises(Validatiefout) as formulier:
        bewaar_uitgave(sessie, g.marieke, wijk_id=g.kerkelanden.id, datum=rij["datum"], bedrag=rij["bedrag"],
                       budgetpost=g.bewonersinitiatieven.id, maatregel=None, omschrijving=rij["omschrijving"],
                       kenmerk=None, vandaag=VANDAAG)
    # Het formulier zet het veldlabel voor de melding ("Bedrag: een …"); de import noemt de kolom apart.
    label, _, tekst = formulier.value.fouten[kolom].partition(": ")
    assert label == kolom.capitalize()
    assert (fout.kolom, fout.melding) == (kolom, tekst[:1].upper() + tekst[1:])
    assert sessie.scalar(select(func.count()).select_from(Uitgave)) == 0


def test_uitgave_op_maatregel_voor_het_wijkplan_geeft_in_import_en_formulier_dezelfde_fout(sessie, g):
    """Eén regel (datalaag.uitgaven.datumfout_maatregel): niet vóór het begin van het wijkplan van de maatregel."""
    from datalaag.uitgaven import bewaar_uitgave

    plan = Wijkplan(wijk_id=g.kerkelanden.id, titel="Wijkplan Kerkelanden 2026-2029", werkwijze="WOP",
                    periode_van=2026, periode_tot=2029, status="vastgesteld")
    sessie.add(plan)
    sessie.flush()
    maatregel = Maatregel(wijkplan_id=plan.id, ambitie_id=sessie.scalar(select(Ambitie.id)),
                          naam="Speeltuin Het Anker", verantwoordelijke="Gemeente")
    sessie.add(maatregel)
    sessie.flush()
    inhoud = _csv("wijk;datum;bedrag;maatregel;omschrijving\n"
                  "Kerkelanden;15-12-2025;300;Speeltuin Het Anker;Bankje\n")
    verslag = _importeer(sessie, g.marieke, "uitgaven", inhoud, proef=True)
    (fout,) = verslag.fouten
    with pytest.raises(Validatiefout) as formulier:
        bewaar_uitgave(sessie, g.marieke, wijk_id=g.kerkelanden.id, datum="15-12-2025", bedrag="300",
                       budgetpost=None, maatregel=maatregel.id, omschrijving="Bankje", kenmerk=None,
                       vandaag=VANDAAG)
    tekst = formulier.value.fouten["datum"]
    assert tekst == ("Datum: het wijkplan van deze maatregel (\u201cWijkplan Kerkelanden 2026-2029\u201d) begint in "
                     "2026; een uitgave van 15-12-2025 kan er niet op. Controleer de datum of kies een andere "
                     "maatregel.")
    assert (fout.kolom, fout.melding) == ("datum", "Het" + tekst.removeprefix("Datum: het"))
    assert _tel(sessie) == (0, 0, 0, 0)
    # Binnen de looptijd van het plan gaat dezelfde rij door.
    inhoud = _csv("wijk;datum;bedrag;maatregel;omschrijving\n"
                  "Kerkelanden;15-01-2026;300;Speeltuin Het Anker;Bankje\n")
    verslag = _importeer(sessie, g.marieke, "uitgaven", inhoud)
    assert not verslag.fouten
    assert sessie.scalar(select(Uitgave.maatregel_id)) == maatregel.id


# --------------------------------------------------------------------------- fouten


def test_proef_toont_fouten_per_rij_en_kolom_en_schrijft_niets(sessie, g):
    inhoud = _csv(
        "wijk;indicator;peildatum;waarde\n"
        "Kerkelanden;Sociale cohesie;31-12-2025;6,5\n"
        "Atlantis;Sociale cohesie;31-12-2025;6,5\n"
        "Kerkelanden;Onbekend;31-12-2025;6,5\n"
        "Kerkelanden;% contact met buren;30-06-2025;101\n"
        "Kerkelanden;Sociale cohesie;31-02-2024;zes\n"
        "Kerkelanden;Meldingen verloedering;31-12-2025;2,5\n")
    verslag = _importeer(sessie, g.beheer, "metingen", inhoud, proef=True)
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [
        (3, "wijk"), (4, "indicator"), (5, "peildatum"), (5, "waarde"), (6, "peildatum"), (6, "waarde"), (7, "waarde")]
    teksten = [str(f) for f in verslag.fouten]
    assert teksten[0].startswith("Rij 3, kolom wijk: Wijk 'Atlantis' bestaat niet. Kies uit: De Riet, Kerkelanden")
    assert "jaarmeting heeft als peildatum 31-12" in teksten[2]
    assert teksten[3] == "Rij 5, kolom waarde: Een percentage ligt tussen 0 en 100; 101 kan niet."
    assert teksten[4] == "Rij 6, kolom peildatum: De datum 31-02-2024 bestaat niet. Controleer dag en maand."
    assert teksten[5] == "Rij 6, kolom waarde: Vul een getal in, bijvoorbeeld 12,5."
    assert "telling" in teksten[6]
    assert verslag.samenvatting() == "7 fouten gevonden in 6 rijen. Er is niets opgeslagen."
    assert _tel(sessie) == (0, 0, 0, 0)


def test_proef_zonder_fouten_schrijft_niets(sessie, g):
    verslag = _importeer(sessie, g.beheer, "metingen", _csv(METINGEN), proef=True)
    assert verslag.samenvatting() == "Proef: 3 rijen zouden worden toegevoegd, 0 overgeslagen."
    assert _tel(sessie) == (0, 0, 0, 0)


def test_alles_of_niets_met_een_foute_rij_in_het_midden(sessie, g):
    regels = ["wijk;indicator;peildatum;waarde"]
    regels += [f"Kerkelanden;Meldingen verloedering;{dt.date(2000 + j, 12, 31):%d-%m-%Y};{j}" for j in range(10)]
    regels.insert(6, "Kerkelanden;Meldingen verloedering;31-12-2020;-")
    verslag = _importeer(sessie, g.beheer, "metingen", _csv("\n".join(regels)))
    assert verslag.fouten == [Rijfout(7, "waarde", "Vul een getal in, bijvoorbeeld 12,5.")]
    assert (verslag.toegevoegd, verslag.overgeslagen) == (0, 0)
    assert _tel(sessie) == (0, 0, 0, 0)


def test_opnieuw_importeren_voegt_niets_toe(sessie, g):
    _importeer(sessie, g.beheer, "metingen", _csv(METINGEN))
    verslag = _importeer(sessie, g.beheer, "metingen", _csv(METINGEN.replace(";", ",").replace("6,5", '"6,50"')
                                                              .replace("48,25", '"48,25"')
                                                              .replace("1.234", "1234")))
    assert (verslag.fouten, verslag.toegevoegd, verslag.overgeslagen) == ([], 0, 3)
    assert _tel(sessie) == (3, 0, 0, 2)
    assert sessie.scalars(select(Mutatie).order_by(Mutatie.id)).all()[-1].nieuw["Overgeslagen"] == 3


def test_bestaande_sleutel_met_andere_waarde_is_een_fout(sessie, g):
    _importeer(sessie, g.beheer, "metingen", _csv(METINGEN))
    verslag = _importeer(sessie, g.beheer, "metingen", _csv(METINGEN.replace("6,5", "6,6")
                                                              + "De Riet;Sociale cohesie;31-12-2025;7\n"))
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [(2, "waarde")]
    assert verslag.fouten[0].melding.startswith(
        "Er bestaat al een meting voor deze indicator, wijk en peildatum, met waarde 6,5; in het bestand staat 6,6.")
    assert _tel(sessie) == (3, 0, 0, 1)
    assert sessie.scalar(select(Meting.waarde).join(Indicator).where(Indicator.naam == "Sociale cohesie")) == 6.5


def test_melding_met_bestaand_kenmerk_en_andere_inhoud(sessie, g):
    kop = "kenmerk;wijk;categorie;kanaal;ontvangen_op\n"
    _importeer(sessie, g.beheer, "meldingen", _csv(kop + "M-9;De Riet;schoon;app;01-11-2026\n"))
    verslag = _importeer(sessie, g.beheer, "meldingen", _csv(kop + "M-9;Kerkelanden;schoon;app;01-11-2026\n"))
    assert str(verslag.fouten[0]).startswith("Rij 2, kolom wijk: Er bestaat al een melding met dit kenmerk, met wijk "
                                             "De Riet; in het bestand staat Kerkelanden.")


def test_dubbele_sleutel_in_het_bestand(sessie, g):
    verslag = _importeer(sessie, g.beheer, "metingen", _csv(METINGEN + "Kerkelanden;Sociale cohesie;31-12-2025;6,5\n"))
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [(5, "")]
    assert "dezelfde sleutel als rij 2" in verslag.fouten[0].melding


def test_coordinator_mag_geen_rijen_voor_een_andere_wijk(sessie, g):
    inhoud = _csv(METINGEN + "De Riet;Sociale cohesie;31-12-2025;7\n")
    verslag = _importeer(sessie, g.marieke, "metingen", inhoud)
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [(5, "wijk")]
    assert "alleen voor de wijken die aan u zijn toegewezen, niet voor wijk De Riet" in verslag.fouten[0].melding
    assert _tel(sessie) == (0, 0, 0, 0)
    raad = _importeer(sessie, g.raadslid, "metingen", _csv(METINGEN))
    assert {f.melding for f in raad.fouten} == {"Met de rol raadslid mag u niet metingen invoeren."}
    assert len(raad.fouten) == 3 and _tel(sessie) == (0, 0, 0, 0)
    niemand = _importeer(sessie, None, "metingen", _csv(METINGEN))
    assert len(niemand.fouten) == 3 and _tel(sessie) == (0, 0, 0, 0)


def test_kop_met_ontbrekende_en_onbekende_kolommen(sessie, g):
    verslag = _importeer(sessie, g.beheer, "metingen", _csv("wijk;indicatr;peildatum;waarde\nKerkelanden;x;y;z\n"))
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [(1, "indicator"), (1, "indicatr")]
    assert verslag.fouten[1].melding.startswith("Onbekende kolom indicatr voor metingen.")


def test_uitgave_zonder_bestemming_of_met_onbekende_budgetpost(sessie, g):
    inhoud = _csv("wijk;datum;bedrag;budgetpost;omschrijving\n"
                  "Kerkelanden;15-03-2026;100;;Zonder bestemming\n"
                  "Kerkelanden;15-03-2025;100;Onvoorzien;Verkeerd jaar\n"
                  "Kerkelanden;15-03-2026;-5;Onvoorzien;Negatief\n")
    verslag = _importeer(sessie, g.beheer, "uitgaven", inhoud)
    assert [(f.rij, f.kolom) for f in verslag.fouten] == [(2, "budgetpost"), (3, "budgetpost"), (4, "bedrag")]
    assert "bestaat niet in een oormerk van wijk Kerkelanden voor 2025" in verslag.fouten[1].melding
    assert _tel(sessie) == (0, 0, 0, 0)


# --------------------------------------------------------------------------- bestanden


def test_verkeerde_codering_geeft_een_duidelijke_melding():
    inhoud = _csv("wijk;indicator;peildatum;waarde;bron\nKerkelanden;Sociale cohesie;31-12-2025;6,5;Enquête\n",
                  codering="cp1252")
    with pytest.raises(Bestandsfout) as fout:
        lees_bestand(inhoud, "metingen.csv")
    assert str(fout.value).startswith("metingen.csv is niet in UTF-8 opgeslagen (rij 2 bevat een teken")
    assert "CSV UTF-8" in str(fout.value)


@pytest.mark.parametrize(("tekst", "melding"), [
    ("wijk\tindicator\tpeildatum\twaarde\nKerkelanden\tx\ty\tz\n",
     ("m.csv: geen scheidingsteken gevonden in de kop (rij 1); het bestand gebruikt tab. Gebruik een puntkomma (;) "
      "of komma (,) tussen de kolommen.")),
    ("wijk,indicator,peildatum,waarde\nKerkelanden,Sociale cohesie,31-12-2025,6,5\n",
     "m.csv: rij 2 heeft 5 velden, de kop maar 4."),
    ("", "m.csv is leeg"),
])
def test_verkeerd_scheidingsteken_geeft_een_duidelijke_melding(tekst, melding):
    with pytest.raises(Bestandsfout) as fout:
        lees_bestand(_csv(tekst), "m.csv")
    assert str(fout.value).startswith(melding)


def test_alleen_csv_en_xlsx(tmp_path):
    with pytest.raises(Bestandsfout, match=r"oude Excel-formaat \(\.xls\)"):
        lees_bestand(b"x", "oud.xls")
    with pytest.raises(Bestandsfout, match="geen geldig Excel-bestand"):
        lees_bestand(b"geen zip", "kapot.xlsx")
    with pytest.raises(Bestandsfout, match="bestaat niet"):
        lees_bestand(tmp_path / "weg.csv")


def test_excel_heen_en_terug(sessie, g):
    boek = Workbook()
    blad = boek.active
    blad.append(["Kenmerk", "Wijk", "Categorie", "Kanaal", "Ontvangen op", "Afgehandeld op"])
    blad.append([1001, "Kerkelanden", "heel", "app", dt.datetime(2026, 11, 2, 9, 30), dt.datetime(2026, 11, 3, 10)])
    blad.append([None, None, None, None, None, None])  # lege rij: overgeslagen
    blad.append(["1002", "Kerkelanden", "overig", "balie", "03-11-2026 10:00", None])
    buffer = io.BytesIO()
    boek.save(buffer)
    gelezen = lees_bestand(buffer.getvalue(), "meldingen.xlsx")
    assert [n for n, _ in gelezen.rijen] == [2, 4]
    verslag = importeer(sessie, g.marieke, "meldingen", gelezen, proef=False, vandaag=VANDAAG, nu=NU)
    assert (verslag.fouten, verslag.toegevoegd) == ([], 2)
    assert sessie.scalars(select(Melding.kenmerk).order_by(Melding.kenmerk)).all() == ["1001", "1002"]
    assert sessie.scalar(select(Melding.afhandeltijd_werkdagen).where(Melding.kenmerk == "1001")) == 1
    assert sessie.scalars(select(Mutatie.nieuw)).one()["Bestand"] == "meldingen.xlsx"
    opnieuw = importeer(sessie, g.marieke, "meldingen", gelezen, proef=True, vandaag=VANDAAG, nu=NU)
    assert (opnieuw.toegevoegd, opnieuw.overgeslagen) == (0, 2)


# --------------------------------------------------------------------------- opdrachtregel


def test_opdrachtregel_proef_fouten_en_import(tmp_path):
    from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head

    url = f"sqlite:///{tmp_path}/i.db"
    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as s, s.begin():
        _bouw(s)
    engine.dispose()
    goed = tmp_path / "metingen.csv"
    goed.write_text(METINGEN, encoding="utf-8")
    fout = tmp_path / "fout.csv"
    fout.write_text(METINGEN + "Kerkelanden;Sociale cohesie;31-12-2024;zes\n", encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": url, "WIJK_MODE": "demo"}

    def draai(*args):
        return subprocess.run([sys.executable, "-m", "dashboard", "importeer", *args], cwd=PROJECT_MAP, env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    uit = draai("metingen", str(fout), "--proef")
    assert uit.returncode == 2
    assert uit.stderr.splitlines() == ["Rij 5, kolom waarde: Vul een getal in, bijvoorbeeld 12,5.",
                                       "Fout: 1 fout gevonden in 4 rijen. Er is niets opgeslagen."]
    uit = draai("metingen", str(goed), "--proef")
    assert (uit.returncode, uit.stdout.strip()) == (0, "Proef: 3 rijen zouden worden toegevoegd, 0 overgeslagen.")
    uit = draai("metingen", str(goed), "--als", "niemand@almelo.nl")
    assert uit.returncode == 2 and "geen actieve gebruiker" in uit.stderr
    uit = draai("metingen", str(goed))
    assert (uit.returncode, uit.stdout.strip()) == (0, "3 rijen toegevoegd, 0 overgeslagen (al aanwezig).")
    uit = draai("metingen", str(goed))
    assert uit.stdout.strip() == "0 rijen toegevoegd, 3 overgeslagen (al aanwezig)."


def test_voorbeeldbestanden_passen_bij_de_demo(engine):
    """De voorbeelden in seed/voorbeelden importeren zonder fouten als de coördinator van de demo."""
    from datalaag.autorisatie import actor_voor_gebruiker
    from datalaag.db import maak_sessiefabriek
    from datalaag.models import Gebruiker
    from seed.demo import genereer_demo

    with maak_sessiefabriek(engine)() as s, s.begin():
        genereer_demo(s, schaal=1, seed=2008, vandaag=VANDAAG)
        coordinator = actor_voor_gebruiker(
            s, s.scalar(select(Gebruiker.id).where(Gebruiker.email == "coordinator@demo.almelo.nl")))
        for soort in ("metingen", "meldingen", "uitgaven"):
            verslag = importeer(s, coordinator, soort, lees_bestand(PROJECT_MAP / "seed" / "voorbeelden" / f"{soort}.csv"),
                                proef=True, vandaag=VANDAAG, nu=NU)
            assert (verslag.fouten, verslag.toegevoegd, verslag.overgeslagen) == ([], 12, 0), soort


# --------------------------------------------------------------------------- voortgang (de balk op /invoer/import)


def test_voortgang_stand_in_fasen_en_woorden():
    # 100.000 rijen: de eerste helft van de stappen is controleren, de tweede opslaan.
    assert voortgang_stand(40_000, 200_000, proef=False) == Voortgang("controleren", 40_000, 100_000, 20)
    assert voortgang_stand(140_000, 200_000, proef=False) == Voortgang("opslaan", 40_000, 100_000, 70)
    assert voortgang_stand(200_000, 200_000, proef=False).procent == 100
    # Bij een proef is het controleren het hele werk.
    assert voortgang_stand(40_000, 200_000, proef=True) == Voortgang("controleren", 40_000, 100_000, 40)
    assert voortgang_stand(200_000, 200_000, proef=True) == Voortgang("controleren", 100_000, 100_000, 100)
    assert voortgang_stand(0, 0, proef=True) == Voortgang("lezen", 0, 0, 0)
    assert voortgang_stand(-5, 10, proef=False).procent == 0 and voortgang_stand(99, 10, proef=False).procent == 100
    assert Voortgang("controleren", 40_000, 100_000, 20).tekst == "Controleren: rij 40.000 van 100.000"
    assert Voortgang("opslaan", 1, 3, 66).tekst == "Opslaan: rij 1 van 3"
    assert Voortgang("lezen", 0, 0, 0).tekst == "Bestand lezen\u2026"


SLEUTEL = "0123456789abcdef0123456789abcdef"


def test_voortgangsbestand_alleen_voor_de_eigenaar(tmp_path):
    melder = Voortgangsbestand(tmp_path / "voortgang", SLEUTEL, 7, proef=False, interval=0)
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, 7) is None  # nog niet begonnen
    melder.begin()
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, 7) == Voortgang("lezen", 0, 0, 0)
    melder(3, 10)
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, 7) == Voortgang("controleren", 3, 5, 30)
    # Een andere gebruiker (of niemand) ziet niets, en een vervalste sleutel leest geen ander bestand.
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, 8) is None
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, None) is None
    for vals in ("../" + SLEUTEL[3:], SLEUTEL.upper(), SLEUTEL + "0", None, 12, ""):
        assert Voortgangsbestand.lees(tmp_path / "voortgang", vals, 7) is None
        with pytest.raises(ValueError):
            Voortgangsbestand(tmp_path, vals, 7, proef=True)
    melder.wis()
    assert Voortgangsbestand.lees(tmp_path / "voortgang", SLEUTEL, 7) is None
    assert list((tmp_path / "voortgang").iterdir()) == []
    melder.wis()  # nogmaals: geen fout


def test_voortgangsbestand_slaat_tussenstanden_over_en_ruimt_op(tmp_path):
    melder = Voortgangsbestand(tmp_path, SLEUTEL, 1, proef=True, interval=3600)
    melder.begin()
    melder(1000, 10_000)                     # te snel na de vorige: niet geschreven
    assert Voortgangsbestand.lees(tmp_path, SLEUTEL, 1).fase == "lezen"
    melder(10_000, 10_000)                   # klaar: altijd geschreven
    assert Voortgangsbestand.lees(tmp_path, SLEUTEL, 1).procent == 100
    oud = tmp_path / ("f" * 32 + ".json")
    oud.write_text("{}", encoding="utf-8")
    os.utime(oud, (0, 0))
    Voortgangsbestand(tmp_path, "e" * 32, 1, proef=True).begin()  # ruimt bestanden van een afgebroken import op
    assert not oud.exists() and (tmp_path / f"{SLEUTEL}.json").exists()
    (tmp_path / f"{SLEUTEL}.json").write_text("geen json", encoding="utf-8")
    assert Voortgangsbestand.lees(tmp_path, SLEUTEL, 1) is None


def test_voortgangsbestand_stopt_de_import_niet_als_schrijven_mislukt(sessie, g, tmp_path):
    geen_map = tmp_path / "een-bestand"
    geen_map.write_text("x", encoding="utf-8")  # de "map" is een bestand: schrijven mislukt
    melder = Voortgangsbestand(geen_map, SLEUTEL, 1, proef=False, interval=0)
    melder.begin()
    verslag = _importeer(sessie, g.beheer, "metingen", _csv(METINGEN), voortgang=melder)
    assert (verslag.fouten, verslag.toegevoegd) == ([], 3)
    assert Voortgangsbestand.lees(geen_map, SLEUTEL, 1) is None


def test_import_meldt_de_voortgang_per_duizend_rijen_in_het_bestand(sessie, g, tmp_path):
    """Wat een ander verzoek (de balk) tijdens de import leest: controleren per 1.000 rijen, dan opslaan."""
    gelezen: list[Voortgang] = []
    melder = Voortgangsbestand(tmp_path, SLEUTEL, 5, proef=False, interval=0)

    def meld(gedaan: int, totaal: int) -> None:
        melder(gedaan, totaal)
        gelezen.append(Voortgangsbestand.lees(tmp_path, SLEUTEL, 5))

    regels = ["kenmerk;wijk;categorie;kanaal;ontvangen_op"]
    regels += [f"M-{i};Kerkelanden;schoon;app;01-11-2026" for i in range(2500)]
    melder.begin()
    verslag = _importeer(sessie, g.beheer, "meldingen", _csv("\n".join(regels)), voortgang=meld)
    assert (verslag.fouten, verslag.toegevoegd) == ([], 2500)
    assert [(v.fase, v.rij, v.procent) for v in gelezen] == [
        ("controleren", 1000, 20), ("controleren", 2000, 40), ("controleren", 2500, 50), ("opslaan", 2500, 100)]
    assert gelezen[1].tekst == "Controleren: rij 2.000 van 2.500"
    # Een proef van hetzelfde bestand: het controleren is het hele werk.
    gelezen.clear()
    melder.proef = True
    _importeer(sessie, g.beheer, "meldingen", _csv("\n".join(regels)), proef=True, voortgang=meld)
    assert [(v.fase, v.rij, v.procent) for v in gelezen][-1] == ("controleren", 2500, 100)


def test_voortgang_in_redis_voor_alle_workers_met_terugval_op_het_bestand(tmp_path):
    """Met ``REDIS_URL``: de stand staat in Redis (een worker op een andere server, met een andere map, leest
    haar ook), alleen voor de eigenaar, en verloopt vanzelf; is Redis weg, dan het bestand."""
    import uuid

    import redis as redislib

    url = os.environ.get("WIJK_TEST_REDIS_URL")
    if not url:
        pytest.skip("WIJK_TEST_REDIS_URL niet gezet: Redis-variant overgeslagen")
    sleutel = uuid.uuid4().hex
    klant = redislib.Redis.from_url(url)
    melder = Voortgangsbestand(tmp_path / "server1", sleutel, 7, proef=False, interval=0, redis_url=url)
    try:
        melder.begin()
        melder(3, 10)
        andere_server = tmp_path / "server2"
        assert Voortgangsbestand.lees(andere_server, sleutel, 7, redis_url=url) == Voortgang("controleren", 3, 5, 30)
        assert Voortgangsbestand.lees(andere_server, sleutel, 8, redis_url=url) is None
        assert Voortgangsbestand.lees(andere_server, sleutel, 7) is None  # zonder Redis: alleen het bestand
        assert not (tmp_path / "server1").exists() or not list((tmp_path / "server1").iterdir())
        assert 0 < klant.ttl(Voortgangsbestand.REDIS_VOORVOEGSEL + sleutel) <= Voortgangsbestand.MAX_LEEFTIJD_S
        melder.wis()
        assert Voortgangsbestand.lees(andere_server, sleutel, 7, redis_url=url) is None
    finally:
        klant.delete(Voortgangsbestand.REDIS_VOORVOEGSEL + sleutel)

    # Redis onbereikbaar: schrijven en lezen vallen terug op het bestand, zonder fout.
    weg = "redis://127.0.0.1:1/0"
    melder = Voortgangsbestand(tmp_path / "server1", sleutel, 7, proef=True, interval=0, redis_url=weg)
    melder.begin()
    melder(4, 4)
    assert Voortgangsbestand.lees(tmp_path / "server1", sleutel, 7, redis_url=weg).procent == 100
    melder.wis()
    assert Voortgangsbestand.lees(tmp_path / "server1", sleutel, 7, redis_url=weg) is None
