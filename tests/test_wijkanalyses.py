"""De wijkanalyse (bijlage 7) schrijven: datalaag.wijkanalyses op SQLite én PostgreSQL.

Valideren → autoriseren → versie → schrijven + één Mutatie; bij elke fout wordt niets geschreven.
Eén kleine dataset: drie wijken, twee ambities, een catalogus van oplossingsrichtingen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.db import maak_sessiefabriek
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.models import (
    Ambitie,
    Mutatie,
    Oplossingsrichting,
    Stadsdeel,
    Werkwijze,
    Wijk,
    Wijkanalyse,
    WijkanalyseAmbitie,
)
from datalaag.overzicht import ambitie_matrix
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.wijkanalyses import (
    Conflictfout,
    WijkanalyseInvoer,
    bewaar_wijkanalyse,
    regelveld,
    wijkanalyse_stand,
)
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    windmolenbroek: Wijk
    a1: Ambitie
    a2: Ambitie
    marieke: Actor      # coördinator van De Riet en Kerkelanden
    jan: Actor          # coördinator van De Riet
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    wijken = [Wijk(naam=n, slug=s, stadsdeel=stadsdeel, werkwijze="SHR")
              for n, s in (("De Riet", "de-riet"), ("Kerkelanden", "kerkelanden"), ("Windmolenbroek", "windmolenbroek"))]
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners voelen zich op elkaar betrokken.")
    a2 = Ambitie(nummer=2, korte_naam="Veiligheid", tekst="Bewoners voelen zich veilig.")
    sessie.add_all([stadsdeel, *wijken, a1, a2])
    sessie.add_all([Oplossingsrichting(ambitie=a1, letter=letter, tekst=tekst)
                    for letter, tekst in (("b", "Buurtfeesten"), ("a", "Straatcontactpersonen"))])
    sessie.flush()
    dr, kl, wb = wijken
    return Opzet(
        dr, kl, wb, a1, a2,
        marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator", wijk_ids=frozenset({dr.id, kl.id})),
        jan=Actor(gebruiker_id=None, naam="Jan Jansen", rol="coordinator", wijk_ids=frozenset({dr.id})),
        beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"),
    )


def _invoer(o: Opzet, wijk: Wijk | None = None, analyse_id: int | None = None, datum: str = "01-10-2026",
            **velden: str) -> WijkanalyseInvoer:
    """Velden als ``a1_waardering="6,5"``: ambitie 1 of 2, dan de veldnaam."""
    ambitie = {"a1": o.a1.id, "a2": o.a2.id}
    regels = {regelveld(ambitie[k[:2]], k[3:]): v for k, v in velden.items()}
    return WijkanalyseInvoer(wijk_id=(wijk or o.de_riet).id, wijkanalyse_id=analyse_id, datum=datum, regels=regels)


def _bewaar(sessie, o: Opzet, actor, invoer, versie, **kw):
    return bewaar_wijkanalyse(sessie, actor, invoer, versie, vandaag=VANDAAG, **kw)


def _mutaties(sessie) -> list[Mutatie]:
    return sessie.scalars(select(Mutatie).order_by(Mutatie.id)).all()


def _aantal(sessie, model) -> int:
    return sessie.scalar(select(func.count()).select_from(model))


# --------------------------------------------------------------------------- lezen


def test_stand_van_een_nieuwe_wijkanalyse(sessie, opzet):
    with tel_queries(sessie) as teller:
        stand = wijkanalyse_stand(sessie, opzet.de_riet.id, None, VANDAAG)
    assert teller["n"] <= 5
    assert (stand.wijk_naam, stand.wijkanalyse_id, stand.status, stand.versie, stand.bewerkbaar) == (
        "De Riet", None, None, 0, True)
    assert stand.waarden == {"datum": "27-11-2026"}
    assert [(b.nummer, b.korte_naam) for b in stand.ambities] == [(1, "Betrokkenheid"), (2, "Veiligheid")]
    # De catalogus (bijlage 6) als hulp, op letter.
    assert [(r.letter, r.tekst) for r in stand.ambities[0].oplossingsrichtingen] == [
        ("a", "Straatcontactpersonen"), ("b", "Buurtfeesten")]
    assert stand.ambities[1].oplossingsrichtingen == ()
    assert stand.analyses == ()
    assert wijkanalyse_stand(sessie, 999_999, None, VANDAAG) is None


def test_stand_kiest_alleen_een_wijkanalyse_van_de_eigen_wijk(sessie, opzet):
    uit = _bewaar(sessie, opzet, opzet.marieke, _invoer(opzet, wijk=opzet.kerkelanden, a1_waardering="6"), 0)
    _bewaar(sessie, opzet, opzet.marieke, _invoer(opzet, datum="01-03-2025", a1_knelpunten="Zwerfvuil"), 0,
            indienen=False)
    stand = wijkanalyse_stand(sessie, opzet.de_riet.id, uit.wijkanalyse_id, VANDAAG)
    assert stand.wijkanalyse_id is None and stand.versie == 0  # id van Kerkelanden: een nieuwe
    assert [(a.datum, a.status, a.omschrijving) for a in stand.analyses] == [
        (D(2025, 3, 1), "concept", "01-03-2025 · concept")]
    stand_kl = wijkanalyse_stand(sessie, opzet.kerkelanden.id, uit.wijkanalyse_id, VANDAAG)
    assert stand_kl.wijkanalyse_id == uit.wijkanalyse_id
    assert stand_kl.waarden[regelveld(opzet.a1.id, "waardering")] == "6,0"


# --------------------------------------------------------------------------- schrijven


def test_aanmaken_wijzigen_en_indienen_met_dossier(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6,5", a1_knelpunten="Weinig contact",
                                                a1_schatting_kosten="€ 12.500", a1_oplossingsrichtingen="a, b"), 0)
    assert (uit.versie, uit.status, uit.gewijzigd) == (1, "concept", True)
    analyse = sessie.get(Wijkanalyse, uit.wijkanalyse_id)
    assert (analyse.wijk_id, analyse.datum, analyse.status, analyse.ingediend_op, analyse.gewijzigd_door) == (
        o.de_riet.id, D(2026, 10, 1), "concept", None, "Marieke ter Horst")
    regel = analyse.regels[0]
    assert (regel.ambitie_id, regel.waardering, regel.schatting_kosten, regel.knelpunten) == (
        o.a1.id, Decimal("6.5"), Decimal("12500.00"), "Weinig contact")
    assert len(analyse.regels) == 1  # ambitie 2 was leeg: geen regel
    [m] = _mutaties(sessie)
    assert (m.entiteit, m.entiteit_id, m.actie, m.gebruiker_naam, m.wijk_id, m.versie, m.oud) == (
        "wijkanalyse", analyse.id, "aangemaakt", "Marieke ter Horst", o.de_riet.id, 1, None)
    assert m.nieuw == {"Status": "Concept", "Datum": "01-10-2026", "Ambitie 1 · Waardering": "6,5",
                       "Ambitie 1 · Knelpunten": "Weinig contact",
                       "Ambitie 1 · Mogelijke oplossingsrichtingen": "a, b",
                       "Ambitie 1 · Schatting kosten": "€ 12.500"}

    # Wijzigen: alleen wat verandert komt in het dossier, oud → nieuw, met wie het deed.
    uit = _bewaar(sessie, o, o.jan, _invoer(o, analyse_id=analyse.id, a1_waardering="7", a1_knelpunten="",
                                            a1_schatting_kosten="12500", a1_oplossingsrichtingen="a, b",
                                            a2_opmerkingen="Nog bespreken"), 1)
    assert (uit.versie, uit.gewijzigd) == (2, True)
    m = _mutaties(sessie)[-1]
    assert (m.actie, m.gebruiker_naam, m.versie) == ("gewijzigd", "Jan Jansen", 2)
    assert m.oud == {"Ambitie 1 · Waardering": "6,5", "Ambitie 1 · Knelpunten": "Weinig contact",
                     "Ambitie 2 · Opmerkingen": None}
    assert m.nieuw == {"Ambitie 1 · Waardering": "7,0", "Ambitie 1 · Knelpunten": None,
                       "Ambitie 2 · Opmerkingen": "Nog bespreken"}

    # Niets veranderd: geen nieuwe versie en geen dossierregel.
    zelfde = _bewaar(sessie, o, o.jan, _invoer(o, analyse_id=analyse.id, a1_waardering="7,0",
                                               a1_schatting_kosten="12.500,00", a1_oplossingsrichtingen="a, b",
                                               a2_opmerkingen="Nog bespreken"), 2)
    assert (zelfde.versie, zelfde.gewijzigd) == (2, False)
    assert len(_mutaties(sessie)) == 2

    # Indienen vraagt een waardering bij elke ambitie.
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o, o.marieke, _invoer(o, analyse_id=analyse.id, a1_waardering="7"), 2, indienen=True)
    assert fout.value.fouten == {regelveld(o.a2.id, "waardering"): "Ambitie 2 · Waardering: vul een rapportcijfer "
                                 "in van 1 tot en met 10, bijvoorbeeld 7,5."}
    assert sessie.get(Wijkanalyse, analyse.id).status == "concept"
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, analyse_id=analyse.id, a1_waardering="7",
                                                a1_schatting_kosten="12500", a1_oplossingsrichtingen="a, b",
                                                a2_opmerkingen="Nog bespreken", a2_waardering="8"), 2, indienen=True)
    assert (uit.versie, uit.status) == (3, "ingediend")
    analyse = sessie.get(Wijkanalyse, analyse.id)
    assert (analyse.status, analyse.ingediend_op) == ("ingediend", VANDAAG)
    m = _mutaties(sessie)[-1]
    assert (m.actie, m.oud, m.nieuw) == ("statuswijziging", {"Status": "Concept", "Ambitie 2 · Waardering": None},
                                         {"Status": "Ingediend", "Ambitie 2 · Waardering": "8,0"})
    stand = wijkanalyse_stand(sessie, o.de_riet.id, analyse.id, VANDAAG)
    assert (stand.status, stand.versie, stand.bewerkbaar) == ("ingediend", 3, False)
    assert stand.waarden[regelveld(o.a1.id, "schatting_kosten")] == "12.500"
    assert stand.waarden[regelveld(o.a2.id, "waardering")] == "8,0"


def test_een_ingediende_wijkanalyse_kan_niet_meer_worden_gewijzigd(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6", a2_waardering="7"), 0, indienen=True)
    assert (uit.versie, uit.status) == (1, "ingediend")
    for indienen in (False, True):
        with pytest.raises(Invoerfout, match=r"^De wijkanalyse van De Riet van 01-10-2026 is al ingediend en kan "
                                             r"niet meer worden gewijzigd\."):
            _bewaar(sessie, o, o.beheerder, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="9",
                                                    a2_waardering="9"), 1, indienen=indienen)
    assert [r.waardering for r in sessie.get(Wijkanalyse, uit.wijkanalyse_id).regels] == [Decimal("6.0"),
                                                                                          Decimal("7.0")]
    assert len(_mutaties(sessie)) == 1


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("datum", "", "Datum van de wijkanalyse: vul een datum in als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("datum", "31-02-2026", "Datum van de wijkanalyse: de datum 31-02-2026 bestaat niet. Controleer dag en maand."),
        ("datum", "28-11-2026", "Datum van de wijkanalyse: de datum moet tussen 01-01-2000 en 27-11-2026 liggen."),
        ("datum", "31-12-1999", "Datum van de wijkanalyse: de datum moet tussen 01-01-2000 en 27-11-2026 liggen."),
        ("datum", "volgende week", "Datum van de wijkanalyse: schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("a1_waardering", "11", "Ambitie 1 · Waardering: een rapportcijfer ligt tussen 1 en 10; 11,0 kan niet."),
        ("a2_waardering", "0,5", "Ambitie 2 · Waardering: een rapportcijfer ligt tussen 1 en 10; 0,5 kan niet."),
        ("a1_waardering", "7,55", ("Ambitie 1 · Waardering: geef het cijfer met ten hoogste één cijfer achter de komma, "
                                  "bijvoorbeeld 7,5.")),
        ("a1_waardering", "goed", "Ambitie 1 · Waardering: vul een getal in, bijvoorbeeld 7,5."),
        ("a1_waardering", "NaN", "Ambitie 1 · Waardering: vul een getal in, bijvoorbeeld 7,5."),
        ("a1_schatting_kosten", "-5", "Ambitie 1 · Schatting kosten: een bedrag kan niet negatief zijn. Vul 0 of meer in."),
        ("a2_schatting_kosten", "200.000.000", ("Ambitie 2 · Schatting kosten: het bedrag is hoger dan € 100.000.000. "
                                               "Controleer het aantal nullen.")),
        # (Duizendtallen in de melding: "2001" of "2.001", dat bepaalt datalaag.validatie.)
        ("a1_knelpunten", "x" * 2001, re.compile(r"Ambitie 1 · Knelpunten: de tekst is 2\.?001 tekens lang; het "
                                                 r"maximum is 2\.?000\. Maak hem korter\.")),
        ("a2_doelstellingen", "<script>alert(1)</script>\x00", ("Ambitie 2 · Doelstellingen: de tekst bevat onzichtbare "
                               "stuurtekens. Typ de tekst opnieuw in plaats van hem te plakken.")),
        ("a1_oplossingsrichtingen", "y" * 2001, re.compile(r"Ambitie 1 · Mogelijke oplossingsrichtingen: de tekst is "
                                                           r"2\.?001 tekens lang; het maximum is 2\.?000\. Maak hem "
                                                           r"korter\.")),
        ("a2_opmerkingen", "\ud800", ("Ambitie 2 · Opmerkingen: de tekst bevat ongeldige tekens. Typ de tekst opnieuw in "
                                     "plaats van hem te plakken.")),
    ],
)
def test_ongeldige_invoer_geeft_een_nederlandse_melding_per_veld_en_schrijft_niets(sessie, opzet, veld, waarde, melding):
    o = opzet
    goed = {"a1_waardering": "6,5", "a1_knelpunten": "Weinig contact", "a2_waardering": "7"}
    if veld == "datum":
        invoer = _invoer(o, datum=waarde, **goed)
        sleutel = "datum"
    else:
        invoer = _invoer(o, **{**goed, veld: waarde})
        sleutel = regelveld({"a1": o.a1.id, "a2": o.a2.id}[veld[:2]], veld[3:])
    # Nieuw, als concept en bij indienen: dezelfde melding bij hetzelfde veld, en verder geen.
    for indienen in (False, True):
        with pytest.raises(Validatiefout) as fout:
            _bewaar(sessie, o, o.marieke, invoer, 0, indienen=indienen)
        assert list(fout.value.fouten) == [sleutel]
        if isinstance(melding, re.Pattern):
            assert melding.fullmatch(fout.value.fouten[sleutel]), fout.value.fouten[sleutel]
        else:
            assert fout.value.fouten[sleutel] == melding
    assert (_aantal(sessie, Wijkanalyse), _aantal(sessie, WijkanalyseAmbitie), _aantal(sessie, Mutatie)) == (0, 0, 0)

    # Ook een bestaande wijkanalyse blijft zoals ze was.
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, **goed), 0)
    invoer.wijkanalyse_id = uit.wijkanalyse_id
    with pytest.raises(Validatiefout):
        _bewaar(sessie, o, o.marieke, invoer, 1)
    analyse = sessie.get(Wijkanalyse, uit.wijkanalyse_id)
    sessie.refresh(analyse)
    assert (analyse.versie, analyse.datum) == (1, D(2026, 10, 1))
    assert sorted((r.ambitie_id, r.waardering, r.knelpunten) for r in analyse.regels) == sorted([
        (o.a1.id, Decimal("6.5"), "Weinig contact"), (o.a2.id, Decimal("7.0"), None)])
    assert len(_mutaties(sessie)) == 1


def test_alle_fouten_tegelijk_en_onbekende_velden(sessie, opzet):
    o = opzet
    invoer = _invoer(o, datum="", a1_waardering="11", a2_schatting_kosten="veel")
    invoer.regels["ambitie.999999.waardering"] = "7"
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o, o.marieke, invoer, 0)
    assert set(fout.value.fouten) == {"datum", "regels", regelveld(o.a1.id, "waardering"),
                                      regelveld(o.a2.id, "schatting_kosten")}
    assert fout.value.fouten["regels"] == "Het formulier bevat velden voor een onbekende ambitie. Laad de pagina opnieuw."
    # Rommel in plaats van velden (bijv. een rechtstreeks geposte callback).
    for rommel in (["ambitie.1.waardering"], "7,5", 42):
        invoer = _invoer(opzet)
        invoer.regels = rommel
        with pytest.raises(Validatiefout) as fout:
            _bewaar(sessie, o, o.marieke, invoer, 0)
        assert fout.value.fouten == {"regels": "Het formulier is niet compleet aangekomen. Laad de pagina opnieuw."}
    for wijk, versie, veld in ((True, 0, "wijk"), ("De Riet", 0, "wijk"), (o.de_riet.id, "een", "versie"),
                               (o.de_riet.id, -1, "versie"), (o.de_riet.id, None, "versie")):
        with pytest.raises(Validatiefout) as fout:
            _bewaar(sessie, o, o.marieke, WijkanalyseInvoer(wijk_id=wijk, datum="01-10-2026"), versie)
        assert list(fout.value.fouten) == [veld]
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o, o.marieke, WijkanalyseInvoer(wijk_id=o.de_riet.id, wijkanalyse_id=[1], datum=["x"]), 0)
    assert set(fout.value.fouten) == {"wijkanalyse", "datum"}
    assert (_aantal(sessie, Wijkanalyse), _aantal(sessie, Mutatie)) == (0, 0)


def test_tweede_wijkanalyse_op_dezelfde_dag_wordt_geweigerd(sessie, opzet):
    o = opzet
    eerste = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6"), 0)
    with pytest.raises(Validatiefout) as fout:
        _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6"), 0)  # bijv. twee keer op "Opslaan"
    assert fout.value.fouten == {"datum": "Datum van de wijkanalyse: er is al een wijkanalyse van De Riet op "
                                 "01-10-2026 (concept). Kies die in de lijst \u201cWijkanalyse\u201d om haar aan "
                                 "te vullen, of vul een andere datum in."}
    # Een andere datum mag, en een andere wijk op dezelfde dag ook.
    tweede = _bewaar(sessie, o, o.marieke, _invoer(o, datum="02-10-2026"), 0)
    _bewaar(sessie, o, o.marieke, _invoer(o, wijk=o.kerkelanden), 0)
    # De tweede naar de datum van de eerste verzetten kan niet.
    with pytest.raises(Validatiefout, match="er is al een wijkanalyse van De Riet op 01-10-2026"):
        _bewaar(sessie, o, o.marieke, _invoer(o, analyse_id=tweede.wijkanalyse_id), 1)
    assert _aantal(sessie, Wijkanalyse) == 3
    assert eerste.wijkanalyse_id != tweede.wijkanalyse_id


# --------------------------------------------------------------------------- rechten


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie"])
def test_lezers_mogen_geen_wijkanalyse_schrijven(sessie, opzet, rol):
    actor = Actor(gebruiker_id=None, naam="Lezer", rol=rol, wijk_ids=frozenset({opzet.de_riet.id}),
                  portefeuillehouder="Lezer")
    with pytest.raises(GeenToegang, match=r"^Met de rol \w+ mag u niet wijkanalyses invullen\.$"):
        _bewaar(sessie, opzet, actor, _invoer(opzet, a1_waardering="6"), 0)
    with pytest.raises(GeenToegang, match=r"^U bent niet aangemeld\. Meld u aan om wijkanalyses invullen\.$"):
        _bewaar(sessie, opzet, None, _invoer(opzet, a1_waardering="6"), 0)
    assert (_aantal(sessie, Wijkanalyse), _aantal(sessie, Mutatie)) == (0, 0)


def test_bestaande_wijkanalyse_lezers_en_afgemelden_wijzigen_niets(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6"), 0)
    for actor in [None, *(Actor(gebruiker_id=None, naam="Lezer", rol=r) for r in ("raadslid", "wethouder", "griffie"))]:
        with pytest.raises(GeenToegang):
            _bewaar(sessie, o, actor, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="9",
                                              a2_waardering="9"), 1, indienen=True)
    analyse = sessie.get(Wijkanalyse, uit.wijkanalyse_id)
    assert (analyse.status, analyse.versie, analyse.regels[0].waardering) == ("concept", 1, Decimal("6.0"))
    assert len(_mutaties(sessie)) == 1


def test_coordinator_alleen_voor_de_eigen_wijken_beheerder_overal(sessie, opzet):
    o = opzet
    with pytest.raises(GeenToegang, match="alleen voor de wijken die aan u zijn toegewezen, niet voor wijk "
                                          "Windmolenbroek"):
        _bewaar(sessie, o, o.marieke, _invoer(o, wijk=o.windmolenbroek, a1_waardering="6"), 0)
    with pytest.raises(GeenToegang, match="niet voor wijk Kerkelanden"):
        _bewaar(sessie, o, o.jan, _invoer(o, wijk=o.kerkelanden, a1_waardering="6"), 0)
    assert _aantal(sessie, Wijkanalyse) == 0
    eigen = _bewaar(sessie, o, o.marieke, _invoer(o, wijk=o.kerkelanden, a1_waardering="6"), 0)
    _bewaar(sessie, o, o.jan, _invoer(o, a1_waardering="6"), 0)
    vreemd = _bewaar(sessie, o, o.beheerder, _invoer(o, wijk=o.windmolenbroek, a1_waardering="6"), 0)
    assert {(m.gebruiker_naam, m.wijk_id) for m in _mutaties(sessie)} == {
        ("Marieke ter Horst", o.kerkelanden.id), ("Jan Jansen", o.de_riet.id), ("Bea Heerder", o.windmolenbroek.id)}
    # Een wijkanalyse van een andere wijk via de eigen wijk wijzigen lukt niet.
    with pytest.raises(Invoerfout, match=r"^Deze wijkanalyse bestaat niet \(meer\) bij De Riet\."):
        _bewaar(sessie, o, o.jan, _invoer(o, analyse_id=eigen.wijkanalyse_id, a1_waardering="9"), 1)
    with pytest.raises(GeenToegang):
        _bewaar(sessie, o, o.marieke, _invoer(o, wijk=o.windmolenbroek, analyse_id=vreemd.wijkanalyse_id,
                                              a1_waardering="9"), 1)
    assert {r.waardering for r in sessie.scalars(select(WijkanalyseAmbitie))} == {Decimal("6.0")}
    assert len(_mutaties(sessie)) == 3


# --------------------------------------------------------------------------- geen verloren wijzigingen


def test_tweede_opslag_op_een_oude_versie_krijgt_een_conflict(sessie, opzet):
    o = opzet
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6,5", a1_knelpunten="Eenzaamheid"), 0)
    # Marieke en Jan openen allebei versie 1.
    assert wijkanalyse_stand(sessie, o.de_riet.id, uit.wijkanalyse_id, VANDAAG).versie == 1
    _bewaar(sessie, o, o.marieke, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="7",
                                          a1_knelpunten="Eenzaamheid"), 1)
    with pytest.raises(Conflictfout) as fout:
        _bewaar(sessie, o, o.jan, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="5",
                                          a1_knelpunten="Eenzaamheid onder ouderen"), 1)
    assert str(fout.value).startswith("Deze wijkanalyse is intussen opgeslagen door Marieke ter Horst (nu versie 2; "
                                      "u werkte met versie 1). Uw wijzigingen zijn NIET opgeslagen")
    assert fout.value.huidige_versie == 2
    [w] = fout.value.wijzigingen
    assert (w.door, w.versie, w.oud, w.nieuw) == ("Marieke ter Horst", 2, {"Ambitie 1 · Waardering": "6,5"},
                                                  {"Ambitie 1 · Waardering": "7,0"})
    [regel] = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert regel.endswith(" — Marieke ter Horst: Ambitie 1 · Waardering: 6,5 → 7,0")
    # Wat Marieke opsloeg, blijft.
    analyse = sessie.get(Wijkanalyse, uit.wijkanalyse_id)
    assert (analyse.versie, analyse.regels[0].waardering, analyse.regels[0].knelpunten) == (
        2, Decimal("7.0"), "Eenzaamheid")
    assert len(_mutaties(sessie)) == 2
    # Met de nieuwste versie lukt het Jan wel.
    assert _bewaar(sessie, o, o.jan, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="5"), 2).versie == 3


def test_gelijktijdig_opslaan_in_twee_sessies(sessie, opzet):
    """Twee verzoeken tegelijk: beide lazen versie 1 (en kwamen door de versiecontrole), de eerste schrijft;
    de UPDATE van de tweede raakt dan nul rijen (StaleDataError) en er verandert niets."""
    o = opzet
    uit = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="6"), 0)
    sessie.commit()
    fabriek = maak_sessiefabriek(sessie.get_bind())
    with fabriek() as s1, fabriek() as s2:
        gelezen = [s.get(Wijkanalyse, uit.wijkanalyse_id) for s in (s1, s2)]  # vastgehouden in elke sessie
        assert [a.versie for a in gelezen] == [1, 1]
        _bewaar(s1, o, o.marieke, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="7"), 1)
        s1.commit()
        with pytest.raises(Conflictfout, match="op precies hetzelfde moment"):
            _bewaar(s2, o, o.jan, _invoer(o, analyse_id=uit.wijkanalyse_id, a1_waardering="5"), 1)
        s2.rollback()
    sessie.expire_all()
    analyse = sessie.get(Wijkanalyse, uit.wijkanalyse_id)
    assert (analyse.versie, analyse.regels[0].waardering) == (2, Decimal("7.0"))
    assert [m.gebruiker_naam for m in _mutaties(sessie)] == ["Marieke ter Horst", "Marieke ter Horst"]


def test_nieuw_formulier_met_een_versie_is_verouderd(sessie, opzet):
    with pytest.raises(Invoerfout, match="Het formulier is niet meer actueel"):
        _bewaar(sessie, opzet, opzet.marieke, _invoer(opzet, a1_waardering="6"), 3)
    with pytest.raises(Invoerfout, match=r"Deze wijkanalyse bestaat niet \(meer\) bij De Riet"):
        _bewaar(sessie, opzet, opzet.marieke, _invoer(opzet, analyse_id=424242, a1_waardering="6"), 1)
    assert _aantal(sessie, Wijkanalyse) == 0


# --------------------------------------------------------------------------- ambitiescore


def test_alleen_een_ingediende_wijkanalyse_telt_voor_de_ambitiescore(sessie, opzet):
    o = opzet

    def de_riet():
        m = ambitie_matrix(sessie, 2026, VANDAAG)
        rij = [w for w, _ in m.wijken].index("de-riet")
        return m.scores[rij], m.bronnen[rij]

    assert de_riet() == ([None, None], [None, None])
    _bewaar(sessie, o, o.marieke, _invoer(o, datum="01-03-2025", a1_waardering="5", a2_waardering="4,5"), 0,
            indienen=True)
    assert de_riet() == ([5.0, 4.5], ["wijkanalyse 2025", "wijkanalyse 2025"])
    # Een nieuwere wijkanalyse als concept verandert niets.
    nieuw = _bewaar(sessie, o, o.marieke, _invoer(o, a1_waardering="8", a2_waardering="7,5"), 0)
    assert de_riet() == ([5.0, 4.5], ["wijkanalyse 2025", "wijkanalyse 2025"])
    # Ingediend: nu telt zij.
    _bewaar(sessie, o, o.marieke, _invoer(o, analyse_id=nieuw.wijkanalyse_id, a1_waardering="8",
                                          a2_waardering="7,5"), 1, indienen=True)
    assert de_riet() == ([8.0, 7.5], ["wijkanalyse 2026", "wijkanalyse 2026"])
