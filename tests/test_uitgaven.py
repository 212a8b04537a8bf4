"""Uitgaven boeken en corrigeren: datalaag.uitgaven op SQLite én PostgreSQL.

Valideren → autoriseren → versie → uitgave + één Mutatie; bij elke fout niets geschreven. Besteed en rest
komen uit datalaag.budget (de ene definitie); een overschrijding wordt gemeld, niet geweigerd.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.models import (
    Ambitie,
    Budgetpost,
    Maatregel,
    Mutatie,
    Oormerk,
    Stadsdeel,
    Uitgave,
    Werkwijze,
    Wijk,
    Wijkplan,
)
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.uitgaven import (
    Conflictfout,
    bewaar_uitgave,
    controleer_kernvelden,
    post_loopt_in,
    stand_van_budgetpost,
    uitgave_regel,
    uitgaven_stand,
)
from datalaag.validatie import (
    MAX_BEDRAG,
    Controle,
    Invoerfout,
    Validatiefout,
    formatteer_bedrag_invoer,
)
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)


@dataclass
class Opzet:
    kerk: Wijk                # eigen wijk van de coördinator
    molen: Wijk               # een andere wijk
    onvoorzien: Budgetpost    # Kerkelanden 2026, € 1.000
    projecten: Budgetpost     # Kerkelanden 2026, € 5.000
    post_2025: Budgetpost     # Kerkelanden 2025, € 2.000
    post_meerjarig: Budgetpost  # Kerkelanden 2024–2026, € 3.000
    post_molen: Budgetpost    # Windmolenbroek 2026
    m_kerk: Maatregel         # lopend plan 2025–2028
    m_oud: Maatregel          # plan 2020–2021 (loopt niet meer)
    m_later: Maatregel        # concept-plan 2027–2030
    m_molen: Maatregel
    marieke: Actor
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="WOP", naam="Wijkontwikkelingsplan", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    kerk = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="WOP")
    molen = Wijk(naam="Windmolenbroek", slug="windmolenbroek", stadsdeel=stadsdeel, werkwijze="WOP")
    a1 = Ambitie(nummer=1, korte_naam="Betrokkenheid", tekst="Bewoners voelen zich op elkaar betrokken.")
    sessie.add_all([stadsdeel, kerk, molen, a1])
    sessie.flush()

    def oormerk(wijk, naam, van, tot, posten):
        om = Oormerk(wijk_id=wijk.id, naam=naam, jaar_van=van, jaar_tot=tot, bron="stadsdeelbudget",
                     bedrag=Decimal(sum(b for _, b in posten)), budgethouder="B. Houder")
        om.budgetposten = [Budgetpost(naam=n, bedrag=Decimal(b), volgorde=i) for i, (n, b) in enumerate(posten, 1)]
        sessie.add(om)
        return om

    o26 = oormerk(kerk, "Budget Kerkelanden 2026", 2026, 2026, [("Onvoorzien", 1000), ("Projecten", 5000)])
    o25 = oormerk(kerk, "Budget Kerkelanden 2025", 2025, 2025, [("Onvoorzien", 2000)])
    om_m = oormerk(kerk, "Programma Kerkelanden 2024–2026", 2024, 2026, [("Programma", 3000)])
    o_molen = oormerk(molen, "Budget Windmolenbroek 2026", 2026, 2026, [("Onvoorzien", 1000)])

    def plan(wijk, van, tot, status):
        p = Wijkplan(wijk_id=wijk.id, titel=f"Wijkplan {wijk.naam} {van}–{tot}", werkwijze="WOP", periode_van=van,
                     periode_tot=tot, status=status)
        sessie.add(p)
        sessie.flush()
        return p

    p_kerk, p_oud, p_later = plan(kerk, 2025, 2028, "vastgesteld"), plan(kerk, 2020, 2021, "geevalueerd"), \
        plan(kerk, 2027, 2030, "concept")
    p_molen = plan(molen, 2025, 2028, "vastgesteld")

    def maatregel(p, naam):
        m = Maatregel(wijkplan_id=p.id, ambitie_id=a1.id, naam=naam, verantwoordelijke="Welzijn", status="in_uitvoering")
        sessie.add(m)
        return m

    m_kerk, m_oud, m_later, m_molen = (maatregel(p_kerk, "Buurtkamer"), maatregel(p_oud, "Aanpak portieken"),
                                       maatregel(p_later, "Nieuw speelveld"), maatregel(p_molen, "Molenfeest"))
    sessie.flush()
    return Opzet(kerk, molen, o26.budgetposten[0], o26.budgetposten[1], o25.budgetposten[0], om_m.budgetposten[0],
                 o_molen.budgetposten[0], m_kerk, m_oud, m_later, m_molen,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator",
                               wijk_ids=frozenset({kerk.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _boek(sessie, actor, wijk: Wijk, **velden):
    invoer = {"datum": "20-11-2026", "bedrag": "250", "budgetpost": None, "maatregel": None,
              "omschrijving": "Extra veegronde", "kenmerk": None, **velden}
    return bewaar_uitgave(sessie, actor, wijk_id=wijk.id, vandaag=VANDAAG, **invoer)


def _corrigeer(sessie, actor, uitgave_id: int, versie: int, **velden):
    u = uitgave_regel(sessie, uitgave_id)
    invoer = {**u.invoer(), **velden}
    return bewaar_uitgave(sessie, actor, wijk_id=None, uitgave_id=uitgave_id, verwachte_versie=versie,
                          vandaag=VANDAAG, **invoer)


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(Uitgave)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


# --------------------------------------------------------------------------- boeken


def test_boeken_schrijft_uitgave_en_een_mutatie(sessie, opzet):
    uit = _boek(sessie, opzet.marieke, opzet.kerk, bedrag="1.234,56", budgetpost=str(opzet.projecten.id),
                maatregel=str(opzet.m_kerk.id), omschrijving="  Factuur schilder buurtkamer ", kenmerk="F-2026-17")
    assert (uit.nieuw, uit.gewijzigd, uit.versie, uit.bedrag, uit.datum) == (True, True, 1, Decimal("1234.56"),
                                                                            D(2026, 11, 20))
    sessie.expire_all()
    (u,) = sessie.scalars(select(Uitgave)).all()
    assert (u.wijk_id, u.datum, u.bedrag, u.budgetpost_id, u.maatregel_id, u.omschrijving, u.kenmerk,
            u.gewijzigd_door, u.versie) == (opzet.kerk.id, D(2026, 11, 20), Decimal("1234.56"), opzet.projecten.id,
                                            opzet.m_kerk.id, "Factuur schilder buurtkamer", "F-2026-17",
                                            "Marieke ter Horst", 1)
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie,
            mutatie.gebruiker_naam) == ("uitgave", u.id, "aangemaakt", opzet.kerk.id, 1, "Marieke ter Horst")
    assert mutatie.oud is None
    assert mutatie.nieuw == {"Wijk": "Kerkelanden", "Datum": "20-11-2026", "Bedrag": "€ 1.234,56",
                             "Budgetpost": "Projecten (Budget Kerkelanden 2026)", "Maatregel": "Buurtkamer",
                             "Omschrijving": "Factuur schilder buurtkamer", "Kenmerk": "F-2026-17"}
    # De stand van de post na de boeking, uit datalaag.budget.
    assert (uit.budgetpost.naam, uit.budgetpost.bedrag, uit.budgetpost.besteed) == ("Projecten", 5000.0, 1234.56)
    assert uit.budgetpost.rest == pytest.approx(3765.44)
    assert uit.overschreden is None


def test_alleen_op_een_maatregel_mag_ook(sessie, opzet):
    uit = _boek(sessie, opzet.marieke, opzet.kerk, maatregel=str(opzet.m_kerk.id))
    assert uit.budgetpost is None and uit.overschreden is None
    u = sessie.get(Uitgave, uit.uitgave_id)
    assert (u.budgetpost_id, u.maatregel_id) == (None, opzet.m_kerk.id)
    assert _aantallen(sessie) == (1, 1)


def test_overschrijding_wordt_geboekt_en_gemeld(sessie, opzet):
    _boek(sessie, opzet.marieke, opzet.kerk, bedrag="900", budgetpost=str(opzet.onvoorzien.id))
    uit = _boek(sessie, opzet.marieke, opzet.kerk, bedrag="300,25", budgetpost=str(opzet.onvoorzien.id))
    assert uit.overschreden == pytest.approx(200.25)
    assert (uit.budgetpost.besteed, uit.budgetpost.bedrag) == (pytest.approx(1200.25), 1000.0)
    assert uit.budgetpost.benutting == pytest.approx(1.20025)
    assert _aantallen(sessie) == (2, 2)
    # Precies op het budget is niet overschreden.
    uit = _corrigeer(sessie, opzet.marieke, uit.uitgave_id, uit.versie, bedrag="100")
    assert uit.budgetpost.rest == pytest.approx(0) and uit.overschreden is None


def test_stand_van_een_meerjarige_post_telt_de_hele_looptijd(sessie, opzet):
    post = str(opzet.post_meerjarig.id)
    _boek(sessie, opzet.beheerder, opzet.kerk, datum="15-03-2024", bedrag="2.000", budgetpost=post)
    uit = _boek(sessie, opzet.beheerder, opzet.kerk, datum="15-03-2026", bedrag="1.500", budgetpost=post)
    assert uit.overschreden == pytest.approx(500)
    assert stand_van_budgetpost(sessie, opzet.post_meerjarig.id, VANDAAG).besteed == pytest.approx(3500)


def test_stand_voor_het_formulier(sessie, opzet):
    _boek(sessie, opzet.marieke, opzet.kerk, bedrag="400", budgetpost=str(opzet.onvoorzien.id), kenmerk="A")
    _boek(sessie, opzet.marieke, opzet.kerk, datum="01-06-2025", bedrag="50", budgetpost=str(opzet.post_2025.id))
    _boek(sessie, opzet.beheerder, opzet.molen, bedrag="75", budgetpost=str(opzet.post_molen.id))
    with tel_queries(sessie) as teller:
        stand = uitgaven_stand(sessie, opzet.kerk.id, 2026, VANDAAG)
    assert teller["n"] <= 5
    assert (stand.wijk_slug, stand.jaar, stand.peildatum) == ("kerkelanden", 2026, VANDAAG)
    assert stand.jaren == (2026, 2025, 2024)
    # De oormerken die in 2026 lopen, met budget, besteed en rest per post.
    assert [(om.naam, [(p.naam, p.bedrag, p.uitgegeven_tm_jaar, p.rest) for p in om.posten])
            for om in stand.oormerken] == [
        ("Programma Kerkelanden 2024–2026", [("Programma", 3000.0, 0.0, 3000.0)]),
        ("Budget Kerkelanden 2026", [("Onvoorzien", 1000.0, 400.0, 600.0), ("Projecten", 5000.0, 0.0, 5000.0)]),
    ]
    # Lopende plannen eerst.
    assert [(m.naam, m.lopend) for m in stand.maatregelen] == [
        ("Buurtkamer", True), ("Nieuw speelveld", False), ("Aanpak portieken", False)]
    assert stand.maatregelen[0].label == "Buurtkamer · 2025–2028"
    assert stand.maatregelen[2].label == "Aanpak portieken · 2020–2021 (plan loopt niet)"
    # Laatste uitgaven van DEZE wijk, nieuwste boeking eerst, met door wie.
    assert [(u.bedrag, u.budgetpost_label, u.door, u.kenmerk) for u in stand.laatste] == [
        (Decimal("50.00"), "Onvoorzien (Budget Kerkelanden 2025)", "Marieke ter Horst", None),
        (Decimal("400.00"), "Onvoorzien (Budget Kerkelanden 2026)", "Marieke ter Horst", "A"),
    ]
    assert uitgaven_stand(sessie, 999_999, 2026, VANDAAG) is None


# --------------------------------------------------------------------------- slechte invoer


def _ids(opzet: Opzet, velden: dict) -> dict:
    """Zet symbolische keuzes (``"@onvoorzien"``) om in ids."""
    return {k: (str(getattr(opzet, v[1:]).id) if isinstance(v, str) and v.startswith("@") else v)
            for k, v in velden.items()}


SLECHT = [
    ({"bedrag": "-5", "budgetpost": "@onvoorzien"}, "bedrag", "kan niet negatief zijn"),
    ({"bedrag": "0", "budgetpost": "@onvoorzien"}, "bedrag", "€ 0 wordt niet geboekt"),
    ({"bedrag": "0,00", "budgetpost": "@onvoorzien"}, "bedrag", "€ 0 wordt niet geboekt"),
    ({"bedrag": "100.000.000,01", "budgetpost": "@onvoorzien"}, "bedrag", "hoger dan € 100.000.000"),
    ({"bedrag": "12,500", "budgetpost": "@onvoorzien"}, "bedrag", "duizendtallen of als decimalen"),
    ({"bedrag": "12,345", "budgetpost": "@onvoorzien"}, "bedrag", "duizendtallen of als decimalen"),
    ({"bedrag": "12,3456", "budgetpost": "@onvoorzien"}, "bedrag", "ten hoogste twee cijfers"),
    ({"bedrag": "twaalf", "budgetpost": "@onvoorzien"}, "bedrag", "vul een getal in"),
    ({"bedrag": "NaN", "budgetpost": "@onvoorzien"}, "bedrag", "vul een getal in"),
    ({"bedrag": "", "budgetpost": "@onvoorzien"}, "bedrag", "vul een bedrag in"),
    ({"omschrijving": "   ", "budgetpost": "@onvoorzien"}, "omschrijving", "verplicht"),
    ({"omschrijving": "x" * 1001, "budgetpost": "@onvoorzien"}, "omschrijving", "maximum is 1000"),
    ({"omschrijving": "a\x00b", "budgetpost": "@onvoorzien"}, "omschrijving", "stuurtekens"),
    ({"kenmerk": "K" * 101, "budgetpost": "@onvoorzien"}, "kenmerk", "maximum is 100"),
    ({"datum": "28-11-2026", "budgetpost": "@onvoorzien"}, "datum", "ligt in de toekomst"),
    ({"datum": "31-02-2026", "budgetpost": "@onvoorzien"}, "datum", "bestaat niet"),
    ({"datum": "", "budgetpost": "@onvoorzien"}, "datum", "vul een datum in"),
    ({"datum": "2026/11/20", "budgetpost": "@onvoorzien"}, "datum", "dd-mm-jjjj"),
    # Niet vóór (en niet na) de looptijd van het oormerk, niet vóór het begin van het wijkplan.
    ({"datum": "31-12-2025", "budgetpost": "@onvoorzien"}, "datum", "vóór de looptijd van het oormerk"),
    ({"datum": "02-01-2026", "budgetpost": "@post_2025"}, "datum", "na de looptijd van het oormerk"),
    ({"datum": "20-11-2026", "maatregel": "@m_later"}, "datum", "begint in 2027"),
    # Bestemming: minstens één, en alleen van deze wijk.
    ({}, "budgetpost", "kies een budgetpost of een maatregel"),
    ({"budgetpost": "@post_molen"}, "budgetpost", "hoort bij een oormerk van Windmolenbroek, niet van Kerkelanden"),
    ({"maatregel": "@m_molen"}, "maatregel", "hoort bij een wijkplan van Windmolenbroek, niet van Kerkelanden"),
    ({"budgetpost": "@onvoorzien", "maatregel": "@m_molen"}, "maatregel", "Windmolenbroek"),
    ({"budgetpost": "999999"}, "budgetpost", "bestaat niet"),
    ({"maatregel": "999999"}, "maatregel", "bestaat niet"),
    ({"budgetpost": "1 OR 1=1"}, "budgetpost", "kies een budgetpost uit de lijst"),
    ({"maatregel": "-3"}, "maatregel", "kies een maatregel uit de lijst"),
]


@pytest.mark.parametrize(("velden", "veld", "tekst"), SLECHT, ids=[f"{v}-{t[:25]}" for _, v, t in SLECHT])
def test_ongeldige_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _boek(sessie, opzet.marieke, opzet.kerk, **_ids(opzet, velden))
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert fout.value.fouten[veld].startswith(
        {"bedrag": "Bedrag:", "omschrijving": "Omschrijving:", "kenmerk": "Kenmerk:", "datum": "Datum:",
         "budgetpost": "Budgetpost:", "maatregel": "Maatregel:"}[veld])
    assert _aantallen(sessie) == (0, 0)


def test_alle_fouten_tegelijk(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _boek(sessie, opzet.marieke, opzet.kerk, datum="01-01-2030", bedrag="12,500", omschrijving="",
              budgetpost=None, maatregel=str(opzet.m_molen.id))
    assert set(fout.value.fouten) == {"datum", "bedrag", "omschrijving", "maatregel"}
    assert _aantallen(sessie) == (0, 0)


def test_dubbel_kenmerk_geeft_een_nederlandse_melding(sessie, opzet):
    _boek(sessie, opzet.marieke, opzet.kerk, budgetpost=str(opzet.onvoorzien.id), kenmerk="F-2026-001")
    with pytest.raises(Validatiefout) as fout:
        _boek(sessie, opzet.beheerder, opzet.molen, budgetpost=str(opzet.post_molen.id), kenmerk=" F-2026-001 ")
    assert fout.value.fouten["kenmerk"].startswith("Kenmerk: er is al een uitgave met kenmerk \u201cF-2026-001\u201d "
                                                   "(Kerkelanden, 20-11-2026, € 250,00).")
    assert _aantallen(sessie) == (1, 1)


def test_dubbel_kenmerk_bij_gelijktijdig_boeken_geeft_ook_een_melding(sessie, opzet):
    """Twee boekingen met hetzelfde kenmerk op hetzelfde moment: de controle vooraf ziet de andere nog niet,
    de unieke sleutel in de database vangt haar; ook dan een melding bij het veld, geen serverfout."""
    sessie.add(Uitgave(wijk_id=opzet.molen.id, datum=D(2026, 11, 1), bedrag=Decimal(10),
                       budgetpost_id=opzet.post_molen.id, omschrijving="Tegelijk", kenmerk="F-RACE"))
    with sessie.no_autoflush, pytest.raises(Validatiefout) as fout:
        _boek(sessie, opzet.marieke, opzet.kerk, budgetpost=str(opzet.onvoorzien.id), kenmerk="F-RACE")
    assert "er is al een uitgave met kenmerk \u201cF-RACE\u201d" in fout.value.fouten["kenmerk"]
    sessie.rollback()
    assert _aantallen(sessie) == (0, 0)


# --------------------------------------------------------------------------- corrigeren


def test_correctie_legt_oud_en_nieuw_vast(sessie, opzet):
    eerst = _boek(sessie, opzet.marieke, opzet.kerk, bedrag="100", budgetpost=str(opzet.onvoorzien.id),
                  kenmerk="F-1")
    uit = _corrigeer(sessie, opzet.marieke, eerst.uitgave_id, eerst.versie, bedrag="1.100,5",
                     budgetpost=str(opzet.projecten.id), omschrijving="Schilderwerk buurtkamer")
    assert (uit.nieuw, uit.gewijzigd, uit.versie, uit.bedrag) == (False, True, 2, Decimal("1100.50"))
    assert uit.budgetpost.naam == "Projecten" and uit.budgetpost.besteed == pytest.approx(1100.5)
    sessie.expire_all()
    u = sessie.get(Uitgave, eerst.uitgave_id)
    assert (u.bedrag, u.budgetpost_id, u.omschrijving, u.kenmerk, u.versie) == (
        Decimal("1100.50"), opzet.projecten.id, "Schilderwerk buurtkamer", "F-1", 2)
    mutaties = sessie.scalars(select(Mutatie).order_by(Mutatie.id)).all()
    assert [(m.actie, m.versie) for m in mutaties] == [("aangemaakt", 1), ("gewijzigd", 2)]
    assert mutaties[1].oud == {"Bedrag": "€ 100,00", "Budgetpost": "Onvoorzien (Budget Kerkelanden 2026)",
                               "Omschrijving": "Extra veegronde"}
    assert mutaties[1].nieuw == {"Bedrag": "€ 1.100,50", "Budgetpost": "Projecten (Budget Kerkelanden 2026)",
                                 "Omschrijving": "Schilderwerk buurtkamer"}
    # Het eigen kenmerk houden is geen dubbel kenmerk; niets veranderen schrijft niets.
    zelfde = _corrigeer(sessie, opzet.marieke, eerst.uitgave_id, 2)
    assert (zelfde.gewijzigd, zelfde.versie) == (False, 2)
    assert _aantallen(sessie) == (1, 2)


def test_correctie_volgt_de_wijk_van_de_uitgave(sessie, opzet):
    """Een correctie kan de uitgave niet naar een andere wijk verhuizen (``wijk_id`` telt niet)."""
    eerst = _boek(sessie, opzet.marieke, opzet.kerk, budgetpost=str(opzet.onvoorzien.id))
    with pytest.raises(Validatiefout) as fout:
        bewaar_uitgave(sessie, opzet.beheerder, wijk_id=opzet.molen.id, uitgave_id=eerst.uitgave_id,
                       verwachte_versie=1, datum="20-11-2026", bedrag="250", budgetpost=str(opzet.post_molen.id),
                       maatregel=None, omschrijving="x", kenmerk=None, vandaag=VANDAAG)
    assert "niet van Kerkelanden" in fout.value.fouten["budgetpost"]
    assert _aantallen(sessie) == (1, 1)


def test_versieconflict_toont_wat_de_ander_deed(sessie, opzet):
    eerst = _boek(sessie, opzet.marieke, opzet.kerk, bedrag="100", budgetpost=str(opzet.onvoorzien.id))
    _corrigeer(sessie, opzet.beheerder, eerst.uitgave_id, 1, bedrag="150")
    with pytest.raises(Conflictfout) as fout:
        _corrigeer(sessie, opzet.marieke, eerst.uitgave_id, 1, bedrag="175", omschrijving="Anders")
    assert "Deze uitgave is intussen opgeslagen door Bea Heerder" in str(fout.value)
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert "Bea Heerder: Bedrag: € 100,00 → € 150,00" in regel
    assert _aantallen(sessie) == (1, 2)
    sessie.expire_all()
    u = sessie.get(Uitgave, eerst.uitgave_id)
    assert (u.bedrag, u.omschrijving, u.versie) == (Decimal("150.00"), "Extra veegronde", 2)


def test_onbekende_uitgave_of_wijk(sessie, opzet):
    with pytest.raises(Invoerfout, match="Deze uitgave bestaat niet"):
        bewaar_uitgave(sessie, opzet.beheerder, wijk_id=None, uitgave_id=999_999, verwachte_versie=1,
                       datum="20-11-2026", bedrag="5", budgetpost=None, maatregel=str(opzet.m_kerk.id),
                       omschrijving="x", kenmerk=None, vandaag=VANDAAG)
    with pytest.raises(Invoerfout, match="Deze wijk bestaat niet"):
        bewaar_uitgave(sessie, opzet.beheerder, wijk_id=999_999, datum="20-11-2026", bedrag="5", budgetpost=None,
                       maatregel=str(opzet.m_kerk.id), omschrijving="x", kenmerk=None, vandaag=VANDAAG)
    with pytest.raises(Validatiefout) as fout:
        bewaar_uitgave(sessie, opzet.beheerder, wijk_id="", datum="20-11-2026", bedrag="5", budgetpost=None,
                       maatregel=str(opzet.m_kerk.id), omschrijving="x", kenmerk=None, vandaag=VANDAAG)
    assert "wijk" in fout.value.fouten
    assert _aantallen(sessie) == (0, 0)


# --------------------------------------------------------------------------- rechten


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol, portefeuillehouder="X")
    with pytest.raises(GeenToegang):
        _boek(sessie, actor, opzet.kerk, budgetpost=str(opzet.onvoorzien.id))
    eerst = _boek(sessie, opzet.beheerder, opzet.kerk, budgetpost=str(opzet.onvoorzien.id))
    with pytest.raises(GeenToegang):
        _corrigeer(sessie, actor, eerst.uitgave_id, 1, bedrag="1")
    assert _aantallen(sessie) == (1, 1)


def test_rechten_gaan_voor_de_invoercontrole(sessie, opzet):
    """Wie niet mag, hoort niets over de gegevens (bijv. welke kenmerken al bestaan)."""
    _boek(sessie, opzet.beheerder, opzet.molen, budgetpost=str(opzet.post_molen.id), kenmerk="GEHEIM")
    with pytest.raises(GeenToegang):
        _boek(sessie, opzet.marieke, opzet.molen, budgetpost=str(opzet.post_molen.id), kenmerk="GEHEIM")


def test_coordinator_alleen_eigen_wijk_beheerder_overal(sessie, opzet):
    with pytest.raises(GeenToegang, match="alleen voor de wijken die aan u zijn toegewezen, niet voor wijk "
                                          "Windmolenbroek"):
        _boek(sessie, opzet.marieke, opzet.molen, budgetpost=str(opzet.post_molen.id))
    assert _aantallen(sessie) == (0, 0)
    molen = _boek(sessie, opzet.beheerder, opzet.molen, budgetpost=str(opzet.post_molen.id))
    _boek(sessie, opzet.marieke, opzet.kerk, budgetpost=str(opzet.onvoorzien.id))
    with pytest.raises(GeenToegang):
        _corrigeer(sessie, opzet.marieke, molen.uitgave_id, 1, bedrag="1")
    assert _aantallen(sessie) == (2, 2)


# --------------------------------------------------------------------------- regels (zonder database)


def test_post_loopt_in():
    assert post_loopt_in(2024, 2026, D(2024, 1, 1)) and post_loopt_in(2024, 2026, D(2026, 12, 31))
    assert not post_loopt_in(2024, 2026, D(2023, 12, 31)) and not post_loopt_in(2024, 2026, D(2027, 1, 1))


_CENTEN = st.integers(min_value=1, max_value=int(MAX_BEDRAG * 100))


@given(centen=_CENTEN, vorm=st.sampled_from(["nl", "kaal", "euro"]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_elk_geldig_bedrag_komt_precies_terug(centen, vorm):
    bedrag = Decimal(centen) / 100
    tekst = {"nl": formatteer_bedrag_invoer(bedrag),                 # 12.500,50
             "kaal": f"{bedrag:.2f}".replace(".", ","),              # 12500,50
             "euro": "€ " + formatteer_bedrag_invoer(bedrag)}[vorm]  # € 12.500,50
    c = Controle()
    kern = controleer_kernvelden(c, datum="20-11-2026", bedrag=tekst, omschrijving="x", kenmerk=None,
                                 vandaag=VANDAAG)
    assert c.fouten == {}, (tekst, c.fouten)
    assert kern.bedrag == bedrag


@given(st.decimals(allow_nan=True, allow_infinity=True, places=None) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_een_bedrag_is_geldig_of_krijgt_een_melding(waarde):
    """Wat er ook wordt ingevuld: een bedrag > 0 en ≤ het maximum in centen, of een melding bij het veld."""
    c = Controle()
    kern = controleer_kernvelden(c, datum="20-11-2026", bedrag=waarde, omschrijving="x", kenmerk=None,
                                 vandaag=VANDAAG)
    if kern.bedrag is None:
        assert c.fouten["bedrag"].startswith("Bedrag: ")
    else:
        assert "bedrag" not in c.fouten
        assert Decimal("0.01") <= kern.bedrag <= MAX_BEDRAG and kern.bedrag == kern.bedrag.quantize(Decimal("0.01"))


@given(st.text(max_size=1200))
@settings(max_examples=300, deadline=None)
def test_omschrijving_is_geldig_of_krijgt_een_melding(tekst):
    c = Controle()
    kern = controleer_kernvelden(c, datum="20-11-2026", bedrag="5", omschrijving=tekst, kenmerk=None,
                                 vandaag=VANDAAG)
    if kern.omschrijving is None:
        assert c.fouten["omschrijving"].startswith("Omschrijving: ")
    else:
        assert "omschrijving" not in c.fouten
        assert kern.omschrijving == kern.omschrijving.strip() and 0 < len(kern.omschrijving) <= 1000
        kern.omschrijving.encode("utf-8")  # opslaan kan altijd
