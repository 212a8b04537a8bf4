"""Meldingen registreren, afhandelen en melden aan de regiegroep: datalaag.meldingbeheer op SQLite én PostgreSQL.

Valideren → autoriseren → versie → schrijven + Mutatie; bij elke fout niets geschreven.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from datalaag import afgeleid, meldingbeheer
from datalaag.autorisatie import Actor, GeenToegang
from datalaag.meldingbeheer import (
    MAX_SELECTIE,
    Conflictfout,
    beschrijf_wijzigingen,
    handel_af,
    meld_aan_regiegroep,
    melding_stand,
    regiegroep_selectie,
    registreer_melding,
    wijk_meldingen,
)
from datalaag.models import Afhandelnorm, Melding, Mutatie, Stadsdeel, Werkwijze, Wijk
from datalaag.validatie import Invoerfout, Validatiefout
from tests.hulp import tel_queries

D = dt.date
T = dt.datetime
VANDAAG = D(2026, 11, 27)          # een vrijdag
NU = T(2026, 11, 27, 12, 0)


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    marieke: Actor          # coördinator van De Riet
    beheerder: Actor


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder="W. Ethouder")
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    sessie.add_all([stadsdeel, dr, kl])
    sessie.add_all([Afhandelnorm(categorie=c, werkdagen=n) for c, n in
                    {"schoon": 5, "heel": 10, "veilig": 2, "overlast": 5, "sociaal": 10}.items()])  # overig: geen norm
    sessie.flush()
    return Opzet(dr, kl,
                 marieke=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator", wijk_ids=frozenset({dr.id})),
                 beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"))


def _registreer(sessie, actor, wijk: Wijk, **velden):
    invoer = {"categorie": "schoon", "ernst": "normaal", "kanaal": "telefoon", "ontvangen_op": "20-11-2026 09:15",
              "omschrijving": "Zwerfvuil bij de speeltuin.", "buurt": "", "straat": "", "kenmerk": "", **velden}
    return registreer_melding(sessie, actor, wijk.id, nu=NU, **invoer)


def _handel_af(sessie, actor, melding_id: int, versie: int, **velden):
    invoer = {"status": "afgehandeld", "verantwoordelijke": "Wijkbeheer", "aanpak": "Opgeruimd en een extra bak geplaatst.",
              "rol_bewoners": "", "kerngroep_betrokken": "nee", "afgehandeld_op": "24-11-2026 10:00", "toelichting": "",
              **velden}
    return handel_af(sessie, actor, melding_id, verwachte_versie=versie, nu=NU, **invoer)


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(Melding)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def _melding(sessie, melding_id: int) -> Melding:
    sessie.expire_all()
    return sessie.get(Melding, melding_id)


def _mutaties(sessie) -> list[Mutatie]:
    return list(sessie.scalars(select(Mutatie).order_by(Mutatie.id)))


# =========================================================================== registreren


def test_registreren_schrijft_melding_en_een_mutatie(sessie, opzet):
    uit = _registreer(sessie, opzet.marieke, opzet.de_riet, kenmerk=" M2026-90001 ", buurt="Riet-Noord",
                      straat="Rietstraat", ernst="ernstig", kanaal="app")
    m = _melding(sessie, uit.melding_id)
    assert (m.kenmerk, m.wijk_id, m.categorie, m.ernst, m.kanaal, m.ontvangen_op, m.buurt, m.straat) == (
        "M2026-90001", opzet.de_riet.id, "schoon", "ernstig", "app", T(2026, 11, 20, 9, 15), "Riet-Noord", "Rietstraat")
    assert (m.status, m.afgehandeld_op, m.afhandeltijd_werkdagen, m.kerngroep_betrokken, m.versie, m.gewijzigd_door) == (
        "open", None, None, False, 1, "Marieke ter Horst")
    assert (uit.versie, uit.status, uit.wijk_slug) == (1, "open", "de-riet")
    (mutatie,) = _mutaties(sessie)
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie, mutatie.oud) == (
        "melding", m.id, "aangemaakt", opzet.de_riet.id, 1, None)
    assert mutatie.nieuw == {"Kenmerk": "M2026-90001", "Wijk": "De Riet", "Buurt": "Riet-Noord", "Straat": "Rietstraat",
                             "Categorie": "Schoon", "Ernst": "Ernstig", "Kanaal": "App",
                             "Ontvangen op": "20-11-2026 09:15", "Omschrijving": "Zwerfvuil bij de speeltuin.",
                             "Status": "Open"}


def test_registreren_zonder_kenmerk_en_nu_is_niet_in_de_toekomst(sessie, opzet):
    """Leeg kenmerk wordt NULL (meerdere meldingen zonder kenmerk mogen); de lopende minuut is geen toekomst."""
    a = _registreer(sessie, opzet.beheerder, opzet.kerkelanden, ontvangen_op="27-11-2026 12:00")
    b = _registreer(sessie, opzet.beheerder, opzet.kerkelanden, ontvangen_op="27-11-2026")
    assert (_melding(sessie, a.melding_id).kenmerk, _melding(sessie, b.melding_id).kenmerk) == (None, None)
    assert _melding(sessie, b.melding_id).ontvangen_op == T(2026, 11, 27, 0, 0)
    assert _aantallen(sessie) == (2, 2)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"ontvangen_op": "28-11-2026 09:00"}, "ontvangen_op", "moet tussen"),
    ({"ontvangen_op": "27-11-2026 12:01"}, "ontvangen_op", "toekomst"),
    ({"ontvangen_op": "31-02-2026 09:00"}, "ontvangen_op", "bestaat niet"),
    ({"ontvangen_op": "20-11-2026 25:00"}, "ontvangen_op", "uu:mm"),
    ({"ontvangen_op": "gisteren"}, "ontvangen_op", "dd-mm-jjjj"),
    ({"ontvangen_op": ""}, "ontvangen_op", "vul een datum in"),
    ({"categorie": "graffiti"}, "categorie", "kies een van de mogelijkheden"),
    ({"categorie": ""}, "categorie", "maak een keuze"),
    ({"ernst": "heel erg"}, "ernst", "kies een van de mogelijkheden"),
    ({"kanaal": "duif"}, "kanaal", "kies een van de mogelijkheden"),
    ({"kanaal": None}, "kanaal", "maak een keuze"),
    ({"omschrijving": "   "}, "omschrijving", "verplicht"),
    ({"omschrijving": "x" * 4001}, "omschrijving", "het maximum is 4000"),
    ({"buurt": "b" * 101}, "buurt", "het maximum is 100"),
    ({"straat": "s" * 101}, "straat", "het maximum is 100"),
    ({"kenmerk": "k" * 51}, "kenmerk", "het maximum is 50"),
    ({"omschrijving": "Vuil\x00"}, "omschrijving", "stuurtekens"),
])
def test_registreren_met_slechte_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _registreer(sessie, opzet.marieke, opzet.de_riet, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (0, 0)


def test_registreren_geeft_alle_fouten_tegelijk(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _registreer(sessie, opzet.marieke, opzet.de_riet, categorie="x", kanaal="", ontvangen_op="01-01-2030 10:00",
                    omschrijving="")
    assert set(fout.value.fouten) == {"categorie", "kanaal", "ontvangen_op", "omschrijving"}
    assert all(m.startswith(("Categorie:", "Kanaal:", "Ontvangen op:", "Omschrijving:")) for m in fout.value.fouten.values())


def test_dubbel_kenmerk_geeft_een_nederlandse_melding_en_schrijft_niets(sessie, opzet):
    _registreer(sessie, opzet.marieke, opzet.de_riet, kenmerk="M2026-77777")
    with pytest.raises(Validatiefout) as fout:
        _registreer(sessie, opzet.beheerder, opzet.kerkelanden, kenmerk="M2026-77777", omschrijving="Andere melding")
    assert "er bestaat al een melding met kenmerk \u201cM2026-77777\u201d" in fout.value.fouten["kenmerk"]
    assert _aantallen(sessie) == (1, 1)


def test_onbekende_wijk(sessie, opzet):
    with pytest.raises(Invoerfout, match="bestaat niet"):
        registreer_melding(sessie, opzet.beheerder, 999_999, categorie="schoon", ernst="normaal", kanaal="app",
                           ontvangen_op="20-11-2026 09:00", omschrijving="x", nu=NU)
    with pytest.raises(Validatiefout):
        registreer_melding(sessie, opzet.beheerder, "de-riet", categorie="schoon", ernst="normaal", kanaal="app",
                           ontvangen_op="20-11-2026 09:00", omschrijving="x", nu=NU)
    assert _aantallen(sessie) == (0, 0)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_registreren_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)
    with pytest.raises(GeenToegang) as fout:
        _registreer(sessie, actor, opzet.de_riet)
    assert "meldingen registreren" in str(fout.value)
    assert _aantallen(sessie) == (0, 0)


def test_registreren_coordinator_alleen_eigen_wijk_beheerder_overal(sessie, opzet):
    with pytest.raises(GeenToegang, match="alleen voor de wijken die aan u zijn toegewezen, niet voor wijk Kerkelanden"):
        _registreer(sessie, opzet.marieke, opzet.kerkelanden, kenmerk="M1")
    assert _aantallen(sessie) == (0, 0)
    _registreer(sessie, opzet.beheerder, opzet.kerkelanden, kenmerk="M1")
    _registreer(sessie, opzet.marieke, opzet.de_riet, kenmerk="M2")
    assert _aantallen(sessie) == (2, 2)


def test_geweigerd_kenmerk_verraadt_niet_of_het_bestaat(sessie, opzet):
    """Wie niet mag schrijven, krijgt de weigering, niet de melding 'kenmerk bestaat al'."""
    _registreer(sessie, opzet.beheerder, opzet.kerkelanden, kenmerk="GEHEIM-1")
    with pytest.raises(GeenToegang):
        _registreer(sessie, opzet.marieke, opzet.kerkelanden, kenmerk="GEHEIM-1")


# =========================================================================== afhandelen


@pytest.fixture
def open_melding(sessie, opzet) -> Melding:
    """Schoon (norm 5), ontvangen vrijdag 20-11-2026 09:15 in De Riet."""
    uit = _registreer(sessie, opzet.beheerder, opzet.de_riet, kenmerk="M2026-00042")
    return _melding(sessie, uit.melding_id)


def test_in_behandeling_nemen_en_afhandelen(sessie, opzet, open_melding):
    m = open_melding
    uit = _handel_af(sessie, opzet.marieke, m.id, m.versie, status="in_behandeling", aanpak="Ploeg ingepland.",
                     afgehandeld_op="")
    assert (uit.status, uit.versie) == ("in_behandeling", 2)
    uit = _handel_af(sessie, opzet.marieke, m.id, uit.versie, kerngroep_betrokken="ja",
                     rol_bewoners="Bewoners van de Rietstraat ruimen maandelijks mee op.")
    m = _melding(sessie, m.id)
    assert (m.status, m.verantwoordelijke, m.aanpak, m.rol_bewoners, m.kerngroep_betrokken, m.afgehandeld_op) == (
        "afgehandeld", "Wijkbeheer", "Opgeruimd en een extra bak geplaatst.",
        "Bewoners van de Rietstraat ruimen maandelijks mee op.", True, T(2026, 11, 24, 10, 0))
    # vrijdag 20-11 → dinsdag 24-11: maandag en dinsdag = 2 werkdagen
    assert m.afhandeltijd_werkdagen == 2 == afgeleid.werkdagen_tussen(m.ontvangen_op, m.afgehandeld_op)
    assert (m.versie, uit.versie) == (3, 3)
    _, eerste, tweede = _mutaties(sessie)
    assert (eerste.actie, eerste.versie, eerste.wijk_id) == ("statuswijziging", 2, opzet.de_riet.id)
    assert eerste.oud == {"Status": "Open", "Verantwoordelijke": None, "Aanpak": None}
    assert eerste.nieuw == {"Status": "In behandeling", "Verantwoordelijke": "Wijkbeheer", "Aanpak": "Ploeg ingepland."}
    assert (tweede.actie, tweede.versie) == ("statuswijziging", 3)
    assert tweede.nieuw == {"Status": "Afgehandeld", "Aanpak": "Opgeruimd en een extra bak geplaatst.",
                            "Rol van bewoners": "Bewoners van de Rietstraat ruimen maandelijks mee op.",
                            "Kerngroep betrokken": "ja", "Afgehandeld op": "24-11-2026 10:00",
                            "Afhandeltijd (werkdagen)": 2}


@pytest.mark.parametrize(("ontvangen", "afgehandeld", "werkdagen"), [
    ("24-04-2026 16:00", "28-04-2026 09:00", 1),    # vrijdag → dinsdag; maandag 27-04 is Koningsdag
    ("24-12-2025 10:00", "29-12-2025 11:00", 1),    # kerstdagen en weekend tellen niet
    ("21-11-2026 11:00", "23-11-2026 08:00", 1),    # zaterdag → maandag
    ("20-11-2026 09:00", "20-11-2026 17:00", 0),    # dezelfde dag
    ("13-11-2026 09:00", "27-11-2026 11:00", 10),   # twee weken
])
def test_afhandeltijd_komt_uit_de_ene_definitie(sessie, opzet, ontvangen, afgehandeld, werkdagen):
    uit = _registreer(sessie, opzet.beheerder, opzet.de_riet, ontvangen_op=ontvangen)
    _handel_af(sessie, opzet.beheerder, uit.melding_id, uit.versie, afgehandeld_op=afgehandeld)
    m = _melding(sessie, uit.melding_id)
    assert m.afhandeltijd_werkdagen == werkdagen == afgeleid.werkdagen_tussen(m.ontvangen_op, m.afgehandeld_op)


def test_afhandeltijd_wordt_niet_zelf_uitgerekend(sessie, opzet, open_melding, monkeypatch):
    """De service roept de definitie in datalaag.afgeleid aan (hier vervangen), en rekent niet zelf."""
    aanroepen = []
    monkeypatch.setattr(meldingbeheer, "werkdagen_tussen", lambda a, b: aanroepen.append((a, b)) or 42)
    _handel_af(sessie, opzet.beheerder, open_melding.id, open_melding.versie)
    assert aanroepen == [(T(2026, 11, 20, 9, 15), T(2026, 11, 24, 10, 0))]
    assert _melding(sessie, open_melding.id).afhandeltijd_werkdagen == 42


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"afgehandeld_op": "19-11-2026 10:00"}, "afgehandeld_op", "ontvangen op 20-11-2026 09:15"),
    ({"afgehandeld_op": "20-11-2026 09:14"}, "afgehandeld_op", "niet eerder zijn"),
    ({"afgehandeld_op": "28-11-2026 10:00"}, "afgehandeld_op", "moet tussen"),
    ({"afgehandeld_op": "27-11-2026 13:00"}, "afgehandeld_op", "toekomst"),
    ({"afgehandeld_op": ""}, "afgehandeld_op", "verplicht bij de status \u201cAfgehandeld\u201d"),
    ({"aanpak": " "}, "aanpak", "verplicht bij de status \u201cAfgehandeld\u201d"),
    ({"aanpak": "a" * 4001}, "aanpak", "het maximum is 4000"),
    ({"rol_bewoners": "r" * 4001}, "rol_bewoners", "het maximum is 4000"),
    ({"verantwoordelijke": ""}, "verantwoordelijke", "verplicht bij de status"),
    ({"verantwoordelijke": "v" * 201}, "verantwoordelijke", "het maximum is 200"),
    ({"status": "in_behandeling"}, "afgehandeld_op", "alleen in als de melding is afgehandeld"),
    ({"status": "in_behandeling", "afgehandeld_op": "", "verantwoordelijke": ""}, "verantwoordelijke", "verplicht"),
    ({"status": "gesloten"}, "status", "kies een van de mogelijkheden"),
    ({"status": ""}, "status", "maak een keuze"),
    ({"kerngroep_betrokken": "misschien"}, "kerngroep_betrokken", "kies Ja of Nee"),
    ({"toelichting": "t" * 2001}, "toelichting", "het maximum is 2000"),
])
def test_afhandelen_met_slechte_invoer_schrijft_niets(sessie, opzet, open_melding, velden, veld, tekst):
    with pytest.raises(Validatiefout) as fout:
        _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert _aantallen(sessie) == (1, 1)
    m = _melding(sessie, open_melding.id)
    assert (m.status, m.versie, m.aanpak, m.afgehandeld_op) == ("open", 1, None, None)


def test_afhandelen_zonder_aanpak_en_datum_geeft_beide_fouten(sessie, opzet, open_melding):
    with pytest.raises(Validatiefout) as fout:
        _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie, aanpak="", afgehandeld_op="")
    assert set(fout.value.fouten) == {"aanpak", "afgehandeld_op"}


def test_heropenen_vraagt_een_toelichting_en_maakt_de_afhandeling_leeg(sessie, opzet, open_melding):
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    meld_aan_regiegroep(sessie, opzet.marieke, [[uit.melding_id, uit.versie]], datum="25-11-2026", vandaag=VANDAAG)
    versie = _melding(sessie, open_melding.id).versie
    with pytest.raises(Validatiefout) as fout:
        _handel_af(sessie, opzet.marieke, open_melding.id, versie, status="in_behandeling", afgehandeld_op="")
    assert "was afgehandeld" in fout.value.fouten["toelichting"]
    assert _melding(sessie, open_melding.id).status == "afgehandeld"

    uit = _handel_af(sessie, opzet.marieke, open_melding.id, versie, status="in_behandeling", afgehandeld_op="",
                     toelichting="Bewoners melden dat het vuil terug is.")
    m = _melding(sessie, open_melding.id)
    assert (m.status, m.afgehandeld_op, m.afhandeltijd_werkdagen, m.gemeld_aan_regiegroep_op) == (
        "in_behandeling", None, None, None)
    assert (m.aanpak, m.verantwoordelijke) == ("Opgeruimd en een extra bak geplaatst.", "Wijkbeheer")  # blijft staan
    laatste = _mutaties(sessie)[-1]
    assert laatste.actie == "statuswijziging"
    assert laatste.oud == {"Status": "Afgehandeld", "Afgehandeld op": "24-11-2026 10:00",
                           "Afhandeltijd (werkdagen)": 2, "Gemeld aan regiegroep op": "25-11-2026"}
    assert laatste.nieuw == {"Status": "In behandeling", "Afgehandeld op": None, "Afhandeltijd (werkdagen)": None,
                             "Gemeld aan regiegroep op": None, "Toelichting": "Bewoners melden dat het vuil terug is."}

    # Opnieuw afgehandeld: de klok loopt vanaf de oorspronkelijke ontvangst (vrijdag 20-11).
    _handel_af(sessie, opzet.marieke, open_melding.id, uit.versie, afgehandeld_op="27-11-2026 11:00")
    assert _melding(sessie, open_melding.id).afhandeltijd_werkdagen == 5


def test_heropenen_met_het_oude_moment_nog_in_het_formulier(sessie, opzet, open_melding):
    """Het formulier toont bij een afgehandelde melding het moment van afhandeling; wie heropent, hoeft dat niet
    eerst leeg te maken. Een ánder moment bij een niet-afgehandelde status blijft een fout."""
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    with pytest.raises(Validatiefout) as fout:
        _handel_af(sessie, opzet.marieke, open_melding.id, uit.versie, status="open", afgehandeld_op="25-11-2026 10:00",
                   toelichting="Toch niet opgelost.")
    assert "alleen in als de melding is afgehandeld" in fout.value.fouten["afgehandeld_op"]
    _handel_af(sessie, opzet.marieke, open_melding.id, uit.versie, status="open", afgehandeld_op="24-11-2026 10:00",
               toelichting="Toch niet opgelost.")
    m = _melding(sessie, open_melding.id)
    assert (m.status, m.afgehandeld_op, m.afhandeltijd_werkdagen) == ("open", None, None)


def test_niets_gewijzigd_schrijft_niets(sessie, opzet, open_melding):
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    aantallen = _aantallen(sessie)
    nogmaals = _handel_af(sessie, opzet.marieke, open_melding.id, uit.versie)
    assert (nogmaals.gewijzigd, nogmaals.versie) == (False, uit.versie)
    assert _aantallen(sessie) == aantallen
    assert _melding(sessie, open_melding.id).versie == uit.versie


def test_afhandelen_versieconflict_toont_wat_de_ander_deed(sessie, opzet, open_melding):
    oud = open_melding.versie
    _handel_af(sessie, opzet.beheerder, open_melding.id, oud, status="in_behandeling", afgehandeld_op="",
               verantwoordelijke="Stadsbeheer")
    aantallen = _aantallen(sessie)
    with pytest.raises(Conflictfout) as fout:
        _handel_af(sessie, opzet.marieke, open_melding.id, oud)
    assert "Bea Heerder" in str(fout.value) and "NIET opgeslagen" in str(fout.value)
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert "Bea Heerder: Status: Open → In behandeling" in regel
    assert _aantallen(sessie) == aantallen
    assert _melding(sessie, open_melding.id).status == "in_behandeling"


def test_onbekende_melding_en_ongeldige_versie(sessie, opzet):
    with pytest.raises(Invoerfout, match="bestaat niet"):
        _handel_af(sessie, opzet.beheerder, 999_999, 1)
    with pytest.raises(Validatiefout) as fout:
        _handel_af(sessie, opzet.beheerder, "abc", 1)
    assert "melding" in fout.value.fouten
    assert _aantallen(sessie) == (0, 0)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_afhandelen_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, open_melding, rol):
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)
    with pytest.raises(GeenToegang):
        _handel_af(sessie, actor, open_melding.id, open_melding.versie)
    assert _aantallen(sessie) == (1, 1)
    assert _melding(sessie, open_melding.id).status == "open"


def test_afhandelen_coordinator_andere_wijk_geweigerd(sessie, opzet):
    uit = _registreer(sessie, opzet.beheerder, opzet.kerkelanden)
    with pytest.raises(GeenToegang, match="niet voor wijk Kerkelanden"):
        _handel_af(sessie, opzet.marieke, uit.melding_id, uit.versie)
    assert _melding(sessie, uit.melding_id).status == "open"
    _handel_af(sessie, opzet.beheerder, uit.melding_id, uit.versie)
    assert _melding(sessie, uit.melding_id).status == "afgehandeld"


# =========================================================================== melden aan de regiegroep


def _afgehandelde_meldingen(sessie, actor, wijk, aantal: int, afgehandeld_op: str = "24-11-2026 10:00") -> list:
    uit = []
    for i in range(aantal):
        r = _registreer(sessie, actor, wijk, kenmerk=f"{wijk.slug}-{i}-{afgehandeld_op[:2]}",
                        ontvangen_op="02-11-2026 09:00")
        uit.append(_handel_af(sessie, actor, r.melding_id, r.versie, afgehandeld_op=afgehandeld_op))
    return uit


def test_een_melding_melden_aan_de_regiegroep(sessie, opzet, open_melding):
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    voor = _aantallen(sessie)
    gemeld = meld_aan_regiegroep(sessie, opzet.marieke, [[uit.melding_id, uit.versie]], datum="26-11-2026",
                                 vandaag=VANDAAG)
    assert (gemeld.datum, gemeld.aantal, gemeld.ongewijzigd, gemeld.wijk_slugs) == (D(2026, 11, 26), 1, 0, ("de-riet",))
    m = _melding(sessie, open_melding.id)
    assert (m.gemeld_aan_regiegroep_op, m.versie) == (D(2026, 11, 26), uit.versie + 1)
    assert _aantallen(sessie) == (voor[0], voor[1] + 1)
    mutatie = _mutaties(sessie)[-1]
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie) == (
        "melding", m.id, "gewijzigd", opzet.de_riet.id, m.versie)
    assert (mutatie.oud, mutatie.nieuw) == ({"Gemeld aan regiegroep op": None}, {"Gemeld aan regiegroep op": "26-11-2026"})

    # Dezelfde datum nog eens: niets te doen; een andere datum is een correctie, met de oude in het dossier.
    assert meld_aan_regiegroep(sessie, opzet.marieke, [[m.id, m.versie]], datum="26-11-2026", vandaag=VANDAAG).aantal == 0
    assert _aantallen(sessie) == (voor[0], voor[1] + 1)
    meld_aan_regiegroep(sessie, opzet.marieke, [[m.id, m.versie]], datum="27-11-2026", vandaag=VANDAAG)
    assert _mutaties(sessie)[-1].oud == {"Gemeld aan regiegroep op": "26-11-2026"}


def test_selectie_in_een_keer_met_een_mutatie_per_melding(sessie, opzet):
    gedaan = _afgehandelde_meldingen(sessie, opzet.marieke, opzet.de_riet, 3)
    voor = _aantallen(sessie)
    gemeld = meld_aan_regiegroep(sessie, opzet.marieke, [{"id": u.melding_id, "versie": u.versie} for u in gedaan],
                                 datum="27-11-2026", vandaag=VANDAAG)
    assert gemeld.aantal == 3
    assert _aantallen(sessie) == (voor[0], voor[1] + 3)
    nieuw = _mutaties(sessie)[-3:]
    assert sorted(m.entiteit_id for m in nieuw) == sorted(u.melding_id for u in gedaan)
    assert all(m.nieuw == {"Gemeld aan regiegroep op": "27-11-2026",
                           "Selectie": "3 meldingen van De Riet in één keer gemeld"} for m in nieuw)
    for u in gedaan:
        m = _melding(sessie, u.melding_id)
        assert (m.gemeld_aan_regiegroep_op, m.versie) == (D(2026, 11, 27), u.versie + 1)


def test_selectie_met_een_verouderde_melding_schrijft_niets(sessie, opzet):
    gedaan = _afgehandelde_meldingen(sessie, opzet.marieke, opzet.de_riet, 3)
    # Intussen wijzigt de beheerder de tweede.
    _handel_af(sessie, opzet.beheerder, gedaan[1].melding_id, gedaan[1].versie, aanpak="Anders aangepakt.")
    voor = _aantallen(sessie)
    with pytest.raises(Conflictfout) as fout:
        meld_aan_regiegroep(sessie, opzet.marieke, [[u.melding_id, u.versie] for u in gedaan], datum="27-11-2026",
                            vandaag=VANDAAG)
    assert "1 melding uit de selectie (de-riet-1-24) is intussen gewijzigd door Bea Heerder" in str(fout.value)
    assert "NIETS opgeslagen" in str(fout.value)
    assert _aantallen(sessie) == voor
    assert all(_melding(sessie, u.melding_id).gemeld_aan_regiegroep_op is None for u in gedaan)


def test_een_verouderde_melding_geeft_de_gewone_conflictmelding(sessie, opzet, open_melding):
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    _handel_af(sessie, opzet.beheerder, uit.melding_id, uit.versie, aanpak="Anders.")
    with pytest.raises(Conflictfout, match="Deze melding is intussen opgeslagen door Bea Heerder"):
        meld_aan_regiegroep(sessie, opzet.marieke, [[uit.melding_id, uit.versie]], datum="27-11-2026", vandaag=VANDAAG)


@pytest.mark.parametrize(("datum", "tekst"), [
    ("28-11-2026", "moet tussen"),
    ("19-11-2026", "pas op 20-11-2026 ontvangen"),
    ("", "vul een datum in"),
    ("31-11-2026", "bestaat niet"),
])
def test_regiegroep_slechte_datum_schrijft_niets(sessie, opzet, open_melding, datum, tekst):
    uit = _handel_af(sessie, opzet.marieke, open_melding.id, open_melding.versie)
    voor = _aantallen(sessie)
    with pytest.raises(Validatiefout) as fout:
        meld_aan_regiegroep(sessie, opzet.marieke, [[uit.melding_id, uit.versie]], datum=datum, vandaag=VANDAAG)
    assert tekst in fout.value.fouten["gemeld_aan_regiegroep_op"], fout.value.fouten
    assert _aantallen(sessie) == voor
    assert _melding(sessie, open_melding.id).gemeld_aan_regiegroep_op is None


def test_regiegroep_zonder_aanpak_schrijft_niets(sessie, opzet, open_melding):
    # Afgehandeld zonder aanpak kan alleen uit oude gegevens komen (het formulier eist een aanpak).
    sessie.execute(update(Melding).where(Melding.id == open_melding.id).values(
        status="afgehandeld", afgehandeld_op=dt.datetime(2026, 11, 24, 10, 0), afhandeltijd_werkdagen=2))
    sessie.expire_all()
    with pytest.raises(Validatiefout) as fout:
        meld_aan_regiegroep(sessie, opzet.marieke, [[open_melding.id, open_melding.versie]], datum="27-11-2026",
                            vandaag=VANDAAG)
    assert "nog geen aanpak" in fout.value.fouten["selectie"]
    assert _aantallen(sessie) == (1, 1)


@pytest.mark.parametrize("status", ["open", "in_behandeling"])
def test_regiegroep_alleen_afgehandelde_meldingen(sessie, opzet, open_melding, status):
    m = open_melding
    if status == "in_behandeling":  # met een aanpak, maar nog niet afgehandeld
        uit = _handel_af(sessie, opzet.marieke, m.id, m.versie, status="in_behandeling", aanpak="Ploeg ingepland.",
                         afgehandeld_op="")
        m = _melding(sessie, uit.melding_id)
    voor = _aantallen(sessie)
    with pytest.raises(Validatiefout) as fout:
        meld_aan_regiegroep(sessie, opzet.marieke, [[m.id, m.versie]], datum="27-11-2026", vandaag=VANDAAG)
    label = {"open": "open", "in_behandeling": "in behandeling"}[status]
    assert fout.value.fouten == {"selectie": (
        f"Selectie: deze melding is nog niet afgehandeld (status {label}). Alleen een afgehandelde melding gaat "
        "met de gekozen aanpak naar de regiegroep (§3.4.2.3): handel de melding eerst af.")}
    assert _aantallen(sessie) == voor
    assert _melding(sessie, m.id).gemeld_aan_regiegroep_op is None


def test_regiegroep_selectie_met_een_open_melding_schrijft_niets(sessie, opzet, open_melding):
    gedaan = _afgehandelde_meldingen(sessie, opzet.marieke, opzet.de_riet, 2)
    voor = _aantallen(sessie)
    with pytest.raises(Validatiefout) as fout:
        meld_aan_regiegroep(sessie, opzet.marieke, [*([u.melding_id, u.versie] for u in gedaan),
                                                    [open_melding.id, open_melding.versie]],
                            datum="27-11-2026", vandaag=VANDAAG)
    assert fout.value.fouten["selectie"].startswith("Selectie: M2026-00042 is nog niet afgehandeld (status open).")
    assert _aantallen(sessie) == voor
    assert all(_melding(sessie, u.melding_id).gemeld_aan_regiegroep_op is None for u in gedaan)


@pytest.mark.parametrize("selectie", [[], None, "1,2", [[1]], [[1, "2"]], [[True, 1]], [[1, 1], [1, 1]],
                                      [[i, 1] for i in range(1, MAX_SELECTIE + 2)]])
def test_regiegroep_ongeldige_selectie(sessie, opzet, selectie):
    with pytest.raises(Validatiefout) as fout:
        meld_aan_regiegroep(sessie, opzet.beheerder, selectie, datum="27-11-2026", vandaag=VANDAAG)
    assert "selectie" in fout.value.fouten
    assert _aantallen(sessie) == (0, 0)


def test_regiegroep_onbekende_melding(sessie, opzet):
    with pytest.raises(Invoerfout, match="bestaat niet"):
        meld_aan_regiegroep(sessie, opzet.beheerder, [[999_999, 1]], datum="27-11-2026", vandaag=VANDAAG)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", None])
def test_regiegroep_lezers_en_bezoekers_worden_geweigerd(sessie, opzet, rol):
    (uit,) = _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.de_riet, 1)
    voor = _aantallen(sessie)
    actor = None if rol is None else Actor(gebruiker_id=None, naam="Lezer", rol=rol)
    with pytest.raises(GeenToegang):
        meld_aan_regiegroep(sessie, actor, [[uit.melding_id, uit.versie]], datum="27-11-2026", vandaag=VANDAAG)
    assert _aantallen(sessie) == voor


def test_regiegroep_selectie_met_een_melding_uit_een_andere_wijk_schrijft_niets(sessie, opzet):
    eigen = _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.de_riet, 2)
    (andere,) = _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.kerkelanden, 1)
    voor = _aantallen(sessie)
    with pytest.raises(GeenToegang, match="niet voor wijk Kerkelanden"):
        meld_aan_regiegroep(sessie, opzet.marieke, [[u.melding_id, u.versie] for u in (*eigen, andere)],
                            datum="27-11-2026", vandaag=VANDAAG)
    assert _aantallen(sessie) == voor
    gemeld = meld_aan_regiegroep(sessie, opzet.beheerder, [[u.melding_id, u.versie] for u in (*eigen, andere)],
                                 datum="27-11-2026", vandaag=VANDAAG)
    assert (gemeld.aantal, gemeld.wijk_slugs) == (3, ("de-riet", "kerkelanden"))


# =========================================================================== lezen


def test_regiegroep_selectie_vanaf_de_vorige_vergadering(sessie, opzet):
    oud = _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.de_riet, 2, afgehandeld_op="10-11-2026 10:00")
    nieuw = _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.de_riet, 3, afgehandeld_op="24-11-2026 10:00")
    zonder = _registreer(sessie, opzet.beheerder, opzet.de_riet, ontvangen_op="23-11-2026 09:00")
    sessie.execute(Melding.__table__.update().where(Melding.id == zonder.melding_id).values(  # import zonder aanpak
        status="afgehandeld", afgehandeld_op=T(2026, 11, 25, 9, 0), afhandeltijd_werkdagen=2))
    _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.kerkelanden, 1)  # andere wijk telt niet
    # Vergadering op 12-11: één van de oude is toen gemeld; de andere bleef liggen.
    meld_aan_regiegroep(sessie, opzet.beheerder, [[oud[0].melding_id, oud[0].versie]], datum="12-11-2026",
                        vandaag=VANDAAG)

    with tel_queries(sessie) as teller:
        s = regiegroep_selectie(sessie, opzet.de_riet.id)
    assert teller["n"] == 3
    assert (s.vorige_vergadering, s.vanaf, s.aantal, s.zonder_aanpak, s.eerder_niet_gemeld, s.volledig) == (
        D(2026, 11, 12), D(2026, 11, 12), 3, 1, 1, True)
    assert [r.id for r in s.regels] == [u.melding_id for u in nieuw]
    assert [r.versie for r in s.regels] == [u.versie for u in nieuw]

    alles = regiegroep_selectie(sessie, opzet.de_riet.id, None)
    assert (alles.vanaf, alles.aantal, alles.eerder_niet_gemeld) == (None, 4, 0)
    assert regiegroep_selectie(sessie, opzet.de_riet.id, limiet=2).volledig is False

    meld_aan_regiegroep(sessie, opzet.beheerder, [[r.id, r.versie] for r in s.regels], datum="27-11-2026",
                        vandaag=VANDAAG)
    na = regiegroep_selectie(sessie, opzet.de_riet.id)
    assert (na.vorige_vergadering, na.aantal, na.regels) == (D(2026, 11, 27), 0, [])


def test_wijk_meldingen_telt_in_sql_en_pagineert(sessie, opzet):
    # 30 open meldingen in De Riet: schoon (norm 5), ontvangen 1..30 november; één overig (geen norm).
    for dag in range(1, 31):
        _registreer(sessie, opzet.beheerder, opzet.de_riet, ontvangen_op=f"{dag:02d}-11-2026 08:00"
                    if dag <= 27 else f"{dag - 20:02d}-10-2026 08:00")
    overig = _registreer(sessie, opzet.beheerder, opzet.de_riet, categorie="overig", ontvangen_op="01-06-2026 08:00")
    behandeling = _registreer(sessie, opzet.beheerder, opzet.de_riet, ontvangen_op="26-11-2026 08:00")
    _handel_af(sessie, opzet.beheerder, behandeling.melding_id, behandeling.versie, status="in_behandeling",
               afgehandeld_op="")
    _afgehandelde_meldingen(sessie, opzet.beheerder, opzet.de_riet, 2)
    _registreer(sessie, opzet.beheerder, opzet.kerkelanden)  # andere wijk

    with tel_queries(sessie) as teller:
        lijst = wijk_meldingen(sessie, opzet.de_riet.id, "lopend", 1, VANDAAG)
    assert teller["n"] == 3
    assert (lijst.open, lijst.in_behandeling, lijst.afgehandeld, lijst.totaal, lijst.paginas) == (31, 1, 2, 32, 2)
    assert len(lijst.regels) == 25 and lijst.regels[0].id == overig.melding_id  # oudste eerst
    # Over de norm: de signaaldefinitie van datalaag.afgeleid, per rij.
    for r in lijst.regels:
        assert r.over_norm == afgeleid.melding_over_norm(
            ontvangen_op=r.ontvangen_op, afgehandeld_op=None, afhandeltijd_werkdagen=None,
            norm_werkdagen=r.norm_werkdagen, peildatum=VANDAAG)
        assert r.werkdagen == afgeleid.werkdagen_tussen(r.ontvangen_op, VANDAAG)
    assert lijst.regels[0].over_norm is False and lijst.regels[0].norm_werkdagen is None  # overig: geen norm
    over = sum(1 for r in wijk_meldingen(sessie, opzet.de_riet.id, "over_norm", 1, VANDAAG, paginagrootte=100).regels)
    assert over == lijst.over_norm > 0

    tweede = wijk_meldingen(sessie, opzet.de_riet.id, "lopend", 2, VANDAAG)
    assert (tweede.pagina, len(tweede.regels)) == (2, 7)
    assert not {r.id for r in tweede.regels} & {r.id for r in lijst.regels}
    assert wijk_meldingen(sessie, opzet.de_riet.id, "lopend", 99, VANDAAG).pagina == 2
    assert [r.status for r in wijk_meldingen(sessie, opzet.de_riet.id, "in_behandeling", 1, VANDAAG).regels] == [
        "in_behandeling"]
    afgehandeld = wijk_meldingen(sessie, opzet.de_riet.id, "afgehandeld", 1, VANDAAG)
    assert [r.werkdagen for r in afgehandeld.regels] == [16, 16]  # de afhandeltijd: 02-11 → 24-11
    assert wijk_meldingen(sessie, opzet.de_riet.id, "onzin", 1, VANDAAG).filter == "lopend"


def test_melding_stand(sessie, opzet, open_melding):
    stand = melding_stand(sessie, open_melding.id, VANDAAG)
    # Ontvangen vrijdag 20-11, peildatum vrijdag 27-11: 5 werkdagen open, norm 5: nog net binnen de norm.
    assert (stand.naam, stand.wijk_slug, stand.status, stand.versie, stand.norm_werkdagen, stand.over_norm) == (
        "M2026-00042", "de-riet", "open", 1, 5, False)
    assert melding_stand(sessie, open_melding.id, VANDAAG + dt.timedelta(days=3)).over_norm is True  # maandag
    assert melding_stand(sessie, 999_999, VANDAAG) is None and melding_stand(sessie, None, VANDAAG) is None
