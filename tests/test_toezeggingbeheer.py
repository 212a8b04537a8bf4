"""De toezeggingenlijst bijhouden: datalaag.toezeggingbeheer op SQLite én PostgreSQL.

Registreren (griffie), afdoening voorstellen (portefeuillehouder, alleen eigen portefeuille), afgedaan of
vervallen verklaren en heropenen (griffie). Per actie: happy path, slechte invoer, verboden statusovergangen,
rechten per rol, versieconflict, precies één Mutatie en niets geschreven bij een fout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, GeenToegang
from datalaag.models import Gebruiker, Mutatie, Stadsdeel, Toezegging, Werkwijze, Wijk
from datalaag.toezeggingbeheer import (
    Conflictfout,
    bekende_portefeuillehouders,
    beschrijf_wijzigingen,
    heropen_toezegging,
    onlangs_afgehandeld,
    open_toezeggingen,
    registreer_toezegging,
    stel_afdoening_voor,
    toezegging_stand,
    veilige_link,
    verklaar_afgedaan,
    verklaar_vervallen,
    volgend_nummer,
    wijk_keuzes,
)
from datalaag.validatie import Invoerfout, Validatiefout
from tests.hulp import tel_queries

D = dt.date
VANDAAG = D(2026, 11, 27)
ANNE = "Anne Brinkhuis"
GERRIT = "Gerrit Nijhuis"


@dataclass
class Opzet:
    de_riet: Wijk
    kerkelanden: Wijk
    t_anne: Toezegging        # T2026-001: open, De Riet, geen voorstel, termijn verstreken (te laat)
    t_gerrit: Toezegging      # T2026-002: open, stadsbreed, mét voorstel
    t_afgedaan: Toezegging    # T2025-004: afgedaan (Anne)
    t_vervallen: Toezegging   # T2025-005: vervallen (Anne)
    griffie: Actor
    wethouder: Actor          # Anne Brinkhuis
    beheerder: Actor
    raadslid: Actor
    coordinator: Actor        # De Riet


def _toezegging(nummer, houder, datum, termijn, *, wijk=None, status="open", voorstel=None, **extra) -> Toezegging:
    return Toezegging(nummer=nummer, datum=datum, vergadering="Raad", portefeuillehouder=houder,
                      onderwerp=f"Onderwerp {nummer}", wijk_id=wijk.id if wijk else None, termijn=termijn,
                      status=status, voorstel_afdoening=voorstel, gewijzigd_door="seed", **extra)


@pytest.fixture
def opzet(sessie: Session) -> Opzet:
    sessie.add(Werkwijze(code="SHR", naam="Sociale herovering", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C. Oördinator", stadsdeelwethouder=ANNE)
    dr = Wijk(naam="De Riet", slug="de-riet", stadsdeel=stadsdeel, werkwijze="SHR")
    kl = Wijk(naam="Kerkelanden", slug="kerkelanden", stadsdeel=stadsdeel, werkwijze="SHR")
    sessie.add_all([stadsdeel, dr, kl])
    sessie.add_all([
        Gebruiker(naam=ANNE, email="anne@almelo.nl", wachtwoord_hash="x", rol="wethouder", portefeuillehouder=ANNE),
        Gebruiker(naam="Piet Oud", email="piet@almelo.nl", wachtwoord_hash="x", rol="wethouder",
                  portefeuillehouder="Piet Oud", actief=False),
        Gebruiker(naam="Nieuwe Wethouder", email="nieuw@almelo.nl", wachtwoord_hash="x", rol="wethouder"),
        Gebruiker(naam="Ruud Eshuis", email="ruud@almelo.nl", wachtwoord_hash="x", rol="griffie"),
    ])
    sessie.flush()
    t_anne = _toezegging("T2026-001", ANNE, D(2026, 2, 10), D(2026, 6, 1), wijk=dr)
    t_gerrit = _toezegging("T2026-002", GERRIT, D(2026, 3, 5), D(2027, 1, 15),
                           voorstel="Afgedaan met raadsinformatiebrief RIB 2026-011.")
    t_afgedaan = _toezegging("T2025-004", ANNE, D(2025, 4, 1), D(2025, 9, 1), wijk=kl, status="afgedaan",
                             afdoening="Afgedaan met RIB 2025-020.", afgedaan_op=D(2025, 8, 20))
    t_vervallen = _toezegging("T2025-005", ANNE, D(2025, 5, 1), D(2025, 10, 1), status="vervallen",
                              afdoening="Ingehaald door een later raadsbesluit.", vervallen_op=D(2025, 10, 31))
    sessie.add_all([t_anne, t_gerrit, t_afgedaan, t_vervallen, _toezegging("T2026-ABC", GERRIT, D(2026, 1, 5),
                                                                            D(2026, 2, 5), status="afgedaan",
                                                                            afgedaan_op=D(2026, 2, 1))])
    sessie.flush()
    return Opzet(
        dr, kl, t_anne, t_gerrit, t_afgedaan, t_vervallen,
        griffie=Actor(gebruiker_id=None, naam="Ruud Eshuis", rol="griffie"),
        wethouder=Actor(gebruiker_id=None, naam=ANNE, rol="wethouder", portefeuillehouder=ANNE),
        beheerder=Actor(gebruiker_id=None, naam="Bea Heerder", rol="beheerder"),
        raadslid=Actor(gebruiker_id=None, naam="Lotte Scholten", rol="raadslid"),
        coordinator=Actor(gebruiker_id=None, naam="Marieke ter Horst", rol="coordinator", wijk_ids=frozenset({dr.id})),
    )


def _aantallen(sessie) -> tuple[int, int]:
    return (sessie.scalar(select(func.count()).select_from(Toezegging)),
            sessie.scalar(select(func.count()).select_from(Mutatie)))


def _momentopname(sessie, t: Toezegging) -> tuple:
    sessie.expire_all()
    r = sessie.get(Toezegging, t.id)
    return (r.status, r.voorstel_afdoening, r.afdoening, r.afgedaan_op, r.vervallen_op, r.document, r.versie,
            r.gewijzigd_door)


def _actor(opzet: Opzet, rol: str | None) -> Actor | None:
    if rol is None:
        return None
    if rol == "wethouder-andere":
        return Actor(gebruiker_id=None, naam=GERRIT, rol="wethouder", portefeuillehouder=GERRIT)
    return getattr(opzet, rol)


# =========================================================================== keuzes en lezen
def test_keuzes_portefeuillehouders_wijken_en_volgend_nummer(sessie, opzet):
    # Actieve wethouders (naam als er geen portefeuillehouder is ingevuld) en wie al op de lijst staat.
    assert bekende_portefeuillehouders(sessie) == [ANNE, GERRIT, "Nieuwe Wethouder"]
    assert wijk_keuzes(sessie) == [(opzet.de_riet.id, "De Riet"), (opzet.kerkelanden.id, "Kerkelanden")]
    # "T2026-ABC" past niet in het formaat en telt niet mee.
    assert volgend_nummer(sessie, 2026) == "T2026-003"
    assert volgend_nummer(sessie, 2025) == "T2025-006"
    assert volgend_nummer(sessie, 2027) == "T2027-001"


def test_open_lijst_te_laat_eerst_met_id_en_voorstel(sessie, opzet):
    with tel_queries(sessie) as teller:
        lijst = open_toezeggingen(sessie, VANDAAG)
    assert teller["n"] == 2
    assert [(r.id, r.rij.nummer, r.rij.te_laat, r.heeft_voorstel) for r in lijst] == [
        (opzet.t_anne.id, "T2026-001", True, False),
        (opzet.t_gerrit.id, "T2026-002", False, True),
    ]
    assert lijst[0].rij.weergavestatus == "te_laat" and lijst[0].rij.wijk == "De Riet"
    assert [r.rij.nummer for r in open_toezeggingen(sessie, VANDAAG, portefeuillehouder=ANNE)] == ["T2026-001"]
    # Op de termijndag zelf is een toezegging nog op tijd (de definitie van datalaag.afgeleid).
    assert not open_toezeggingen(sessie, D(2026, 6, 1))[0].rij.te_laat


def test_onlangs_afgehandeld_nieuwste_eerst(sessie, opzet):
    assert [(a.nummer, a.status, a.op) for a in onlangs_afgehandeld(sessie)] == [
        ("T2026-ABC", "afgedaan", D(2026, 2, 1)),
        ("T2025-005", "vervallen", D(2025, 10, 31)),
        ("T2025-004", "afgedaan", D(2025, 8, 20)),
    ]
    assert len(onlangs_afgehandeld(sessie, aantal=1)) == 1


def test_stand_van_een_toezegging(sessie, opzet):
    stand = toezegging_stand(sessie, opzet.t_anne.id, VANDAAG)
    assert (stand.nummer, stand.wijk_naam, stand.wijk_slug, stand.weergavestatus, stand.status_label) == (
        "T2026-001", "De Riet", "de-riet", "te_laat", "Open")
    assert stand.geschiedenis == ()
    for ongeldig in (None, "1", True, 0, -1, 2**40, 999_999):
        assert toezegging_stand(sessie, ongeldig, VANDAAG) is None


@pytest.mark.parametrize(("waarde", "veilig"), [
    ("https://almelo.notubiz.nl/document/12345", True),
    ("https://www.almelo.nl/raad/rib-2026-014.pdf?versie=2#p3", True),
    ("http://almelo.nl/x", False),
    ("javascript:alert(1)", False),
    ("https://", False),
    ("https://almelo.nl/a b", False),
    ('https://almelo.nl/"onmouseover="x', False),
    ("https://gebruiker:geheim@almelo.nl/", False),
    ("https://almelo.nl@evil.example/", False),
    ("https://localhost/", False),
    ("https://almelo.nl:99999/", False),
    ("https://xn--lmelo-qua.nl/é", False),
    ("RIB 2026-014", False),
    (None, False),
    ("https://a.nl/" + "x" * 500, False),
])
def test_veilige_link(waarde, veilig):
    assert veilige_link(waarde) == (waarde if veilig else None)


# =========================================================================== a. registreren
def _registreer(sessie, actor, **velden):
    invoer = {"nummer": "T2026-003", "datum": "12-11-2026", "vergadering": "Raad 12 november 2026",
              "portefeuillehouder": ANNE, "onderwerp": "De raad ontvangt vóór 1 maart een plan voor de speeltuin.",
              "wijk": "", "termijn": "01-03-2027", "document": "", **velden}
    return registreer_toezegging(sessie, actor, vandaag=VANDAAG, **invoer)


def test_registreren_schrijft_toezegging_en_een_mutatie(sessie, opzet):
    uit = _registreer(sessie, opzet.griffie, wijk=str(opzet.de_riet.id), document=" RIB 2026-014 ")
    assert (uit.nummer, uit.versie, uit.status, uit.gewijzigd) == ("T2026-003", 1, "open", True)
    sessie.expire_all()
    t = sessie.get(Toezegging, uit.toezegging_id)
    assert (t.nummer, t.datum, t.vergadering, t.portefeuillehouder, t.wijk_id, t.termijn, t.status, t.document,
            t.gewijzigd_door, t.voorstel_afdoening, t.afdoening) == (
        "T2026-003", D(2026, 11, 12), "Raad 12 november 2026", ANNE, opzet.de_riet.id, D(2027, 3, 1), "open",
        "RIB 2026-014", "Ruud Eshuis", None, None)
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.entiteit, mutatie.entiteit_id, mutatie.actie, mutatie.wijk_id, mutatie.versie,
            mutatie.gebruiker_naam, mutatie.oud) == ("toezegging", t.id, "aangemaakt", opzet.de_riet.id, 1,
                                                     "Ruud Eshuis", None)
    assert mutatie.nieuw == {
        "Nummer": "T2026-003", "Datum vergadering": "12-11-2026", "Vergadering": "Raad 12 november 2026",
        "Portefeuillehouder": ANNE, "Onderwerp": "De raad ontvangt vóór 1 maart een plan voor de speeltuin.",
        "Wijk": "De Riet", "Termijn": "01-03-2027", "Status": "Open", "Document": "RIB 2026-014"}
    # De nieuwe toezegging staat in de werklijst en het volgende nummer schuift op.
    assert "T2026-003" in [r.rij.nummer for r in open_toezeggingen(sessie, VANDAAG)]
    assert volgend_nummer(sessie, 2026) == "T2026-004"


def test_registreren_stadsbreed_op_vandaag_met_link_door_beheerder(sessie, opzet):
    uit = _registreer(sessie, opzet.beheerder, datum="27-11-2026", termijn="27-11-2026",
                      portefeuillehouder="Nieuwe Wethouder", document="https://almelo.notubiz.nl/document/99")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert mutatie.wijk_id is None and "Wijk" not in mutatie.nieuw
    t = sessie.get(Toezegging, uit.toezegging_id)
    assert (t.portefeuillehouder, t.wijk_id, t.document) == ("Nieuwe Wethouder", None,
                                                             "https://almelo.notubiz.nl/document/99")


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"nummer": ""}, "nummer", "verplicht"),
    ({"nummer": "T2026 003"}, "nummer", "geen spaties"),
    ({"nummer": "T2026-001"}, "nummer", "T2026-001 staat al op de toezeggingenlijst"),
    ({"nummer": "t2026-001"}, "nummer", "T2026-001 staat al op de toezeggingenlijst"),
    ({"nummer": "T" * 31}, "nummer", "maximum is 30"),
    ({"datum": ""}, "datum", "vul een datum in"),
    ({"datum": "31-02-2026"}, "datum", "bestaat niet"),
    ({"datum": "28-11-2026"}, "datum", "niet in de toekomst"),
    ({"datum": "12 november"}, "datum", "dd-mm-jjjj"),
    ({"vergadering": "  "}, "vergadering", "verplicht"),
    ({"vergadering": "R" * 201}, "vergadering", "maximum is 200"),
    ({"portefeuillehouder": ""}, "portefeuillehouder", "maak een keuze"),
    ({"portefeuillehouder": "Piet Oud"}, "portefeuillehouder", "kies een van de mogelijkheden"),
    ({"onderwerp": ""}, "onderwerp", "verplicht"),
    ({"onderwerp": "x" * 4001}, "onderwerp", "maximum is 4000"),
    ({"onderwerp": "tekst\x00"}, "onderwerp", "stuurtekens"),
    ({"wijk": "999999"}, "wijk", "kies een van de mogelijkheden"),
    ({"termijn": ""}, "termijn", "vul een datum in"),
    ({"termijn": "11-11-2026"}, "termijn", "ligt vóór de vergadering (12-11-2026)"),
    ({"termijn": "01-01-2037"}, "termijn", "moet tussen"),
    ({"document": "http://almelo.nl/rib.pdf"}, "document", "https://"),
    ({"document": "www.almelo.nl/rib.pdf"}, "document", "volledig"),
    ({"document": "javascript:alert(1)"}, "document", "alleen een link die begint met https://"),
    ({"document": "<script>alert(1)</script>"}, "document", "documentnummer bestaat uit"),
    ({"document": "https://almelo.nl/a b"}, "document", "geen geldige https-link"),
    ({"document": "https://wie@evil.example/"}, "document", "geen geldige https-link"),
])
def test_registreren_met_slechte_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    voor = _aantallen(sessie)
    with pytest.raises(Validatiefout) as fout:
        _registreer(sessie, opzet.griffie, **velden)
    assert veld in fout.value.fouten and tekst in fout.value.fouten[veld], fout.value.fouten
    assert set(fout.value.fouten) == {veld}
    assert _aantallen(sessie) == voor


def test_registreren_geeft_alle_fouten_tegelijk(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        _registreer(sessie, opzet.griffie, nummer="", datum="", vergadering="", portefeuillehouder="",
                    onderwerp="", termijn="")
    assert set(fout.value.fouten) == {"nummer", "datum", "vergadering", "portefeuillehouder", "onderwerp", "termijn"}
    # Elke melding noemt het veld.
    assert fout.value.fouten["onderwerp"].startswith("Onderwerp (de toezegging):")
    assert _aantallen(sessie) == (5, 0)


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "coordinator", None])
def test_registreren_alleen_griffie_en_beheerder(sessie, opzet, rol):
    with pytest.raises(GeenToegang):
        _registreer(sessie, _actor(opzet, rol))
    assert _aantallen(sessie) == (5, 0)


# =========================================================================== b. afdoening voorstellen
def _voorstel(sessie, actor, t: Toezegging, versie=None, **velden):
    invoer = {"voorstel": "Afgedaan met raadsinformatiebrief RIB 2026-030.", "document": "", **velden}
    return stel_afdoening_voor(sessie, actor, t.id, verwachte_versie=t.versie if versie is None else versie,
                               **invoer)


def test_voorstellen_eigen_portefeuille_en_overschrijven(sessie, opzet):
    t = opzet.t_anne
    uit = _voorstel(sessie, opzet.wethouder, t, document="https://almelo.notubiz.nl/document/30")
    assert (uit.versie, uit.status, uit.gewijzigd) == (2, "open", True)
    (eerste,) = sessie.scalars(select(Mutatie)).all()
    assert (eerste.entiteit, eerste.entiteit_id, eerste.actie, eerste.wijk_id, eerste.versie,
            eerste.gebruiker_naam) == ("toezegging", t.id, "gewijzigd", opzet.de_riet.id, 2, ANNE)
    assert eerste.oud == {"Voorstel afdoening": None, "Document": None}
    assert eerste.nieuw == {"Voorstel afdoening": "Afgedaan met raadsinformatiebrief RIB 2026-030.",
                            "Document": "https://almelo.notubiz.nl/document/30"}
    # Een tweede voorstel overschrijft het eerste; een leeg documentveld laat het document staan.
    _voorstel(sessie, opzet.wethouder, t, voorstel="Afdoen bij de evaluatie in januari.")
    assert _momentopname(sessie, t)[:2] == ("open", "Afdoen bij de evaluatie in januari.")
    assert _momentopname(sessie, t)[5] == "https://almelo.notubiz.nl/document/30"
    tweede = sessie.scalars(select(Mutatie).order_by(Mutatie.id.desc())).first()
    assert tweede.oud == {"Voorstel afdoening": "Afgedaan met raadsinformatiebrief RIB 2026-030."}
    assert tweede.nieuw == {"Voorstel afdoening": "Afdoen bij de evaluatie in januari."}
    assert _aantallen(sessie) == (5, 2)


def test_voorstellen_zonder_wijziging_schrijft_niets(sessie, opzet):
    t = opzet.t_gerrit
    uit = _voorstel(sessie, opzet.beheerder, t, voorstel=" Afgedaan met raadsinformatiebrief RIB 2026-011. ")
    assert (uit.gewijzigd, uit.versie) == (False, 1)
    assert _aantallen(sessie) == (5, 0)


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"voorstel": ""}, "voorstel_afdoening", "verplicht"),
    ({"voorstel": "x" * 2001}, "voorstel_afdoening", "maximum is 2000"),
    ({"document": "ftp://almelo.nl/x"}, "document", "alleen een link die begint met https://"),
    ({"document": "data:text/html,<b>x</b>"}, "document", "alleen een link die begint met https://"),
])
def test_voorstellen_met_slechte_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    voor = _momentopname(sessie, opzet.t_anne)
    with pytest.raises(Validatiefout) as fout:
        _voorstel(sessie, opzet.wethouder, opzet.t_anne, **velden)
    assert tekst in fout.value.fouten[veld], fout.value.fouten
    assert _momentopname(sessie, opzet.t_anne) == voor
    assert _aantallen(sessie) == (5, 0)


@pytest.mark.parametrize(("rol", "melding"), [
    ("wethouder-andere", "alleen voor toezeggingen van uw eigen portefeuille"),
    ("griffie", "stelt de portefeuillehouder voor"),
    ("raadslid", "mag u niet"),
    ("coordinator", "mag u niet"),
    (None, "niet aangemeld"),
])
def test_voorstellen_alleen_eigen_portefeuille(sessie, opzet, rol, melding):
    voor = _momentopname(sessie, opzet.t_anne)
    with pytest.raises(GeenToegang, match=melding):
        _voorstel(sessie, _actor(opzet, rol), opzet.t_anne)
    assert _momentopname(sessie, opzet.t_anne) == voor
    assert _aantallen(sessie) == (5, 0)


def test_wethouder_niet_voor_andere_portefeuille_beheerder_wel(sessie, opzet):
    with pytest.raises(GeenToegang, match=GERRIT):
        _voorstel(sessie, opzet.wethouder, opzet.t_gerrit)
    assert _aantallen(sessie) == (5, 0)
    _voorstel(sessie, opzet.beheerder, opzet.t_gerrit, voorstel="Afgedaan in de commissie.")
    assert _aantallen(sessie) == (5, 1)


@pytest.mark.parametrize("welke", ["t_afgedaan", "t_vervallen"])
def test_geen_voorstel_op_afgedane_of_vervallen_toezegging(sessie, opzet, welke):
    t = getattr(opzet, welke)
    voor = _momentopname(sessie, t)
    with pytest.raises(Invoerfout, match="alleen bij een open toezegging") as fout:
        _voorstel(sessie, opzet.wethouder, t)
    assert not isinstance(fout.value, Validatiefout)
    assert "heropenen" in str(fout.value)
    assert _momentopname(sessie, t) == voor
    assert _aantallen(sessie) == (5, 0)


def test_voorstellen_versieconflict(sessie, opzet):
    t = opzet.t_anne
    _voorstel(sessie, opzet.beheerder, t, voorstel="Eerste voorstel (beheerder).")
    with pytest.raises(Conflictfout) as fout:
        _voorstel(sessie, opzet.wethouder, t, versie=1, voorstel="Tweede voorstel.")
    assert "Bea Heerder" in str(fout.value) and "T2026-001" in str(fout.value)
    (regel,) = beschrijf_wijzigingen(fout.value.wijzigingen)
    assert "Voorstel afdoening: (leeg) → Eerste voorstel (beheerder)." in regel
    assert _momentopname(sessie, t)[1] == "Eerste voorstel (beheerder)."
    assert _aantallen(sessie) == (5, 1)


@pytest.mark.parametrize("functie", ["voorstel", "afgedaan", "vervallen", "heropenen"])
def test_onbekende_toezegging_of_ontbrekende_versie(sessie, opzet, functie):
    aanroep = {
        "voorstel": lambda tid, v: stel_afdoening_voor(sessie, opzet.beheerder, tid, voorstel="x", document="",
                                                       verwachte_versie=v),
        "afgedaan": lambda tid, v: verklaar_afgedaan(sessie, opzet.beheerder, tid, afdoening="x",
                                                     afgedaan_op="01-11-2026", document="", toelichting="x",
                                                     verwachte_versie=v, vandaag=VANDAAG),
        "vervallen": lambda tid, v: verklaar_vervallen(sessie, opzet.beheerder, tid, reden="x",
                                                       vervallen_op="01-11-2026", verwachte_versie=v, vandaag=VANDAAG),
        "heropenen": lambda tid, v: heropen_toezegging(sessie, opzet.beheerder, tid, reden="x", verwachte_versie=v),
    }[functie]
    with pytest.raises(Invoerfout, match="bestaat niet"):
        aanroep(999_999, 1)
    with pytest.raises(Validatiefout) as fout:
        aanroep("abc", None)
    assert set(fout.value.fouten) == {"toezegging", "versie"}
    assert _aantallen(sessie) == (5, 0)


# =========================================================================== c. afgedaan, vervallen, heropenen
def _afgedaan(sessie, actor, t: Toezegging, versie=None, **velden):
    invoer = {"afdoening": "", "afgedaan_op": "20-11-2026", "document": "", "toelichting": "", **velden}
    return verklaar_afgedaan(sessie, actor, t.id, verwachte_versie=t.versie if versie is None else versie,
                             vandaag=VANDAAG, **invoer)


def _vervallen(sessie, actor, t: Toezegging, versie=None, **velden):
    invoer = {"reden": "Ingehaald door het raadsbesluit van 12-11-2026.", "vervallen_op": "20-11-2026", **velden}
    return verklaar_vervallen(sessie, actor, t.id, verwachte_versie=t.versie if versie is None else versie,
                              vandaag=VANDAAG, **invoer)


def test_afgedaan_met_het_voorstel_als_afdoening(sessie, opzet):
    t = opzet.t_gerrit
    uit = _afgedaan(sessie, opzet.griffie, t, document="RIB 2026-011")
    assert (uit.status, uit.versie) == ("afgedaan", 2)
    assert _momentopname(sessie, t) == ("afgedaan", "Afgedaan met raadsinformatiebrief RIB 2026-011.",
                                        "Afgedaan met raadsinformatiebrief RIB 2026-011.", D(2026, 11, 20), None,
                                        "RIB 2026-011", 2, "Ruud Eshuis")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.actie, mutatie.wijk_id, mutatie.versie) == ("statuswijziging", None, 2)
    assert mutatie.oud == {"Status": "Open", "Afdoening": None, "Afgedaan op": None, "Document": None}
    assert mutatie.nieuw == {"Status": "Afgedaan", "Afdoening": "Afgedaan met raadsinformatiebrief RIB 2026-011.",
                             "Afgedaan op": "20-11-2026", "Document": "RIB 2026-011"}
    # Niet meer in de werklijst; wel bij de onlangs afgehandelde.
    assert "T2026-002" not in [r.rij.nummer for r in open_toezeggingen(sessie, VANDAAG)]
    assert onlangs_afgehandeld(sessie)[0].nummer == "T2026-002"


def test_afgedaan_met_eigen_afdoening_en_toelichting(sessie, opzet):
    _afgedaan(sessie, opzet.beheerder, opzet.t_gerrit, afdoening="Besproken in de commissie; brief volgt niet.",
              toelichting="Afgestemd met de portefeuillehouder.")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert mutatie.nieuw["Afdoening"] == "Besproken in de commissie; brief volgt niet."
    assert mutatie.nieuw["Toelichting"] == "Afgestemd met de portefeuillehouder."


def test_afgedaan_zonder_voorstel_vraagt_afdoening_en_toelichting(sessie, opzet):
    t = opzet.t_anne
    voor = _momentopname(sessie, t)
    with pytest.raises(Validatiefout) as fout:
        _afgedaan(sessie, opzet.griffie, t)
    assert set(fout.value.fouten) == {"afdoening", "toelichting"}
    assert "geen afdoening voorgesteld" in fout.value.fouten["toelichting"]
    assert "beschrijf waarmee" in fout.value.fouten["afdoening"]
    assert _momentopname(sessie, t) == voor and _aantallen(sessie) == (5, 0)

    _afgedaan(sessie, opzet.griffie, t, afdoening="Mondeling afgedaan in de raad.",
              toelichting="Wethouder zegde het in de raad van 12-11-2026 toe en deed het daar af.")
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert mutatie.wijk_id == opzet.de_riet.id
    assert mutatie.nieuw["Toelichting (afgedaan zonder voorstel van de portefeuillehouder)"] == (
        "Wethouder zegde het in de raad van 12-11-2026 toe en deed het daar af.")


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"afgedaan_op": ""}, "afgedaan_op", "vul een datum in"),
    ({"afgedaan_op": "30-02-2026"}, "afgedaan_op", "bestaat niet"),
    ({"afgedaan_op": "28-11-2026"}, "afgedaan_op", "niet in de toekomst"),
    ({"afgedaan_op": "04-03-2026"}, "afgedaan_op", "vóór de vergadering waarin de toezegging is gedaan (05-03-2026)"),
    ({"afdoening": "x" * 2001}, "afdoening", "maximum is 2000"),
    ({"toelichting": "x" * 2001}, "toelichting", "maximum is 2000"),
    ({"document": "http://almelo.nl"}, "document", "https://"),
])
def test_afgedaan_met_slechte_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    voor = _momentopname(sessie, opzet.t_gerrit)
    with pytest.raises(Validatiefout) as fout:
        _afgedaan(sessie, opzet.griffie, opzet.t_gerrit, **velden)
    assert tekst in fout.value.fouten[veld], fout.value.fouten
    assert _momentopname(sessie, opzet.t_gerrit) == voor and _aantallen(sessie) == (5, 0)


def test_vervallen_verklaren(sessie, opzet):
    t = opzet.t_anne
    uit = _vervallen(sessie, opzet.griffie, t)
    assert uit.status == "vervallen"
    assert _momentopname(sessie, t)[:5] == ("vervallen", None, "Ingehaald door het raadsbesluit van 12-11-2026.",
                                            None, D(2026, 11, 20))
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.actie, mutatie.wijk_id) == ("statuswijziging", opzet.de_riet.id)
    assert mutatie.oud == {"Status": "Open", "Afdoening": None, "Vervallen op": None}
    assert mutatie.nieuw == {"Status": "Vervallen", "Afdoening": "Ingehaald door het raadsbesluit van 12-11-2026.",
                             "Vervallen op": "20-11-2026"}


@pytest.mark.parametrize(("velden", "veld", "tekst"), [
    ({"reden": " "}, "reden", "leg uit waarom de toezegging vervalt"),
    ({"reden": "x" * 2001}, "reden", "maximum is 2000"),
    ({"vervallen_op": ""}, "vervallen_op", "vul een datum in"),
    ({"vervallen_op": "01-12-2026"}, "vervallen_op", "niet in de toekomst"),
    ({"vervallen_op": "01-01-2026"}, "vervallen_op", "vóór de vergadering"),
])
def test_vervallen_met_slechte_invoer_schrijft_niets(sessie, opzet, velden, veld, tekst):
    voor = _momentopname(sessie, opzet.t_anne)
    with pytest.raises(Validatiefout) as fout:
        _vervallen(sessie, opzet.griffie, opzet.t_anne, **velden)
    assert tekst in fout.value.fouten[veld], fout.value.fouten
    assert _momentopname(sessie, opzet.t_anne) == voor and _aantallen(sessie) == (5, 0)


@pytest.mark.parametrize(("actie", "welke", "fout"), [
    ("afgedaan", "t_vervallen", "al vervallen op 31-10-2025"),
    ("afgedaan", "t_afgedaan", "al afgedaan op 20-08-2025"),
    ("vervallen", "t_afgedaan", "al afgedaan op 20-08-2025"),
    ("vervallen", "t_vervallen", "al vervallen"),
])
def test_alleen_een_open_toezegging_kan_worden_afgehandeld(sessie, opzet, actie, welke, fout):
    t = getattr(opzet, welke)
    voor = _momentopname(sessie, t)
    doe = _afgedaan if actie == "afgedaan" else _vervallen
    extra = {"afdoening": "x", "toelichting": "x"} if actie == "afgedaan" else {}
    with pytest.raises(Invoerfout, match=fout):
        doe(sessie, opzet.griffie, t, **extra)
    assert _momentopname(sessie, t) == voor and _aantallen(sessie) == (5, 0)


@pytest.mark.parametrize("rol", ["wethouder", "wethouder-andere", "raadslid", "coordinator", None])
@pytest.mark.parametrize("actie", ["afgedaan", "vervallen", "heropenen"])
def test_afhandelen_alleen_griffie_en_beheerder(sessie, opzet, rol, actie):
    t = opzet.t_afgedaan if actie == "heropenen" else opzet.t_gerrit
    voor = _momentopname(sessie, t)
    with pytest.raises(GeenToegang):
        if actie == "afgedaan":
            _afgedaan(sessie, _actor(opzet, rol), t)
        elif actie == "vervallen":
            _vervallen(sessie, _actor(opzet, rol), t)
        else:
            heropen_toezegging(sessie, _actor(opzet, rol), t.id, reden="Vergissing.", verwachte_versie=t.versie)
    assert _momentopname(sessie, t) == voor and _aantallen(sessie) == (5, 0)


def test_wethouder_mag_eigen_toezegging_niet_afdoen(sessie, opzet):
    with pytest.raises(GeenToegang, match="dat doet de griffie"):
        _vervallen(sessie, opzet.wethouder, opzet.t_anne)
    assert _aantallen(sessie) == (5, 0)


def test_afdoen_na_nieuw_voorstel_geeft_versieconflict(sessie, opzet):
    """De griffie keek naar versie 1; intussen deed de portefeuillehouder een voorstel. De griffie moet dat zien."""
    t = opzet.t_anne
    _voorstel(sessie, opzet.wethouder, t, voorstel="Afgedaan met RIB 2026-040.")
    with pytest.raises(Conflictfout) as fout:
        _afgedaan(sessie, opzet.griffie, t, versie=1, afdoening="Mondeling afgedaan.", toelichting="Geen voorstel.")
    assert ANNE in str(fout.value)
    assert "Voorstel afdoening: (leeg) → Afgedaan met RIB 2026-040." in beschrijf_wijzigingen(fout.value.wijzigingen)[0]
    assert _momentopname(sessie, t)[0] == "open" and _aantallen(sessie) == (5, 1)


def test_vervallen_versieconflict(sessie, opzet):
    t = opzet.t_gerrit
    _afgedaan(sessie, opzet.beheerder, t)
    with pytest.raises(Conflictfout):
        _vervallen(sessie, opzet.griffie, t, versie=1)
    assert _momentopname(sessie, t)[0] == "afgedaan" and _aantallen(sessie) == (5, 1)


def test_heropenen_na_vergissing(sessie, opzet):
    t = opzet.t_afgedaan
    uit = heropen_toezegging(sessie, opzet.griffie, t.id, reden="Per vergissing afgedaan; de brief volgt in januari.",
                             verwachte_versie=t.versie)
    assert (uit.status, uit.versie) == ("open", 2)
    assert _momentopname(sessie, t)[:5] == ("open", None, None, None, None)
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert (mutatie.actie, mutatie.wijk_id) == ("statuswijziging", opzet.kerkelanden.id)
    assert mutatie.oud == {"Status": "Afgedaan", "Afdoening": "Afgedaan met RIB 2025-020.", "Afgedaan op": "20-08-2025"}
    assert mutatie.nieuw == {"Status": "Open", "Afdoening": None, "Afgedaan op": None,
                             "Reden heropenen": "Per vergissing afgedaan; de brief volgt in januari."}
    # Heropend en te laat (termijn 01-09-2025): weer in de werklijst, bovenaan.
    assert open_toezeggingen(sessie, VANDAAG)[0].rij.nummer == "T2025-004"
    # En daarna kan hij opnieuw worden afgehandeld, met het dossier als geschiedenis.
    _vervallen(sessie, opzet.griffie, t, vervallen_op="27-11-2026")
    stand = toezegging_stand(sessie, t.id, VANDAAG)
    assert [w.versie for w in stand.geschiedenis] == [2, 3]


def test_heropenen_vervallen_toezegging(sessie, opzet):
    t = opzet.t_vervallen
    heropen_toezegging(sessie, opzet.beheerder, t.id, reden="Vergissing.", verwachte_versie=t.versie)
    assert _momentopname(sessie, t)[:5] == ("open", None, None, None, None)
    (mutatie,) = sessie.scalars(select(Mutatie)).all()
    assert mutatie.oud == {"Status": "Vervallen", "Afdoening": "Ingehaald door een later raadsbesluit.",
                           "Vervallen op": "31-10-2025"}


def test_heropenen_vraagt_reden_en_een_afgehandelde_toezegging(sessie, opzet):
    with pytest.raises(Validatiefout) as fout:
        heropen_toezegging(sessie, opzet.griffie, opzet.t_afgedaan.id, reden="", verwachte_versie=1)
    assert "leg uit waarom" in fout.value.fouten["reden"]
    with pytest.raises(Invoerfout, match="al open"):
        heropen_toezegging(sessie, opzet.griffie, opzet.t_anne.id, reden="Vergissing.", verwachte_versie=1)
    with pytest.raises(Conflictfout):
        heropen_toezegging(sessie, opzet.griffie, opzet.t_afgedaan.id, reden="Vergissing.", verwachte_versie=7)
    assert _momentopname(sessie, opzet.t_afgedaan)[0] == "afgedaan" and _aantallen(sessie) == (5, 0)
