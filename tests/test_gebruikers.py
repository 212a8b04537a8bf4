"""Gebruikers (datalaag.gebruikers): aanmelden met afremmen, sessiesleutels, demo-accounts en beheer.

Op SQLite én PostgreSQL. De klok is altijd ``nu=``; er wordt nergens gewacht. Testgebruikers
krijgen een goedkope hash (pbkdf2 met 1.000 rondes) zodat de tests snel blijven; de demo-accounts
de echte hash uit seed/demo.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from datalaag.autorisatie import Actor, GeenToegang, actor_voor_gebruiker
from datalaag.gebruikers import (
    MAX_MISLUKT_PER_ADRES,
    MAX_MISLUKT_PER_IP,
    MAX_WACHTWOORD,
    VENSTER,
    DemoAccount,
    aantal_demo_accounts,
    actor_voor_sessiesleutel,
    demo_accounts,
    maak_gebruiker,
    meld_aan,
    schakel_demo_accounts_uit,
    sessiesleutel,
)
from datalaag.models import ROLLEN, Aanmeldpoging, Gebruiker, GebruikerWijk, Mutatie, Stadsdeel, Werkwijze, Wijk
from datalaag.validatie import Invoerfout, Validatiefout
from seed.demo import _demo_wachtwoord_hash

T0 = dt.datetime(2026, 11, 27, 9, 0, 0)
IP = "10.0.0.7"
WACHTWOORD = "correct paard batterij nietje"
ONJUIST = "Het e-mailadres of het wachtwoord is onjuist. Controleer ze en probeer het opnieuw."


def _hash(wachtwoord: str) -> str:
    return generate_password_hash(wachtwoord, method="pbkdf2:sha256:1000")


def _gebruiker(sessie: Session, email: str = "marieke@almelo.nl", rol: str = "coordinator", *,
               actief: bool = True, is_demo: bool = False, wachtwoord_hash: str | None = None,
               naam: str = "Marieke ter Horst") -> Gebruiker:
    g = Gebruiker(naam=naam, email=email, rol=rol, wachtwoord_hash=wachtwoord_hash or _hash(WACHTWOORD),
                  actief=actief, is_demo=is_demo, portefeuillehouder=naam if rol == "wethouder" else None)
    sessie.add(g)
    sessie.flush()
    return g


def _pogingen(sessie: Session) -> list[tuple[str, str, bool]]:
    return [(p.email, p.ip, p.gelukt) for p in sessie.scalars(select(Aanmeldpoging).order_by(Aanmeldpoging.id))]


def _wijken(sessie: Session) -> dict[str, Wijk]:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    wijken = {slug: Wijk(naam=naam, slug=slug, stadsdeel=stadsdeel, werkwijze="WOP")
              for slug, naam in [("kerkelanden", "Kerkelanden"), ("de-riet", "De Riet"), ("sluitersveld", "Sluitersveld")]}
    sessie.add_all([stadsdeel, *wijken.values()])
    sessie.flush()
    return wijken


# --------------------------------------------------------------------------- aanmelden


def test_aanmelden_met_het_juiste_wachtwoord(sessie):
    g = _gebruiker(sessie)
    uit = meld_aan(sessie, "  Marieke@Almelo.NL ", WACHTWOORD, IP, nu=T0)
    assert uit.melding is None and not uit.geblokkeerd
    assert uit.actor == actor_voor_gebruiker(sessie, g.id)
    assert uit.sleutel == sessiesleutel(g.id, g.wachtwoord_hash)
    assert _pogingen(sessie) == [("marieke@almelo.nl", IP, True)]


def test_onjuist_wachtwoord_en_onbekend_adres_geven_dezelfde_melding(sessie):
    _gebruiker(sessie)
    fout_wachtwoord = meld_aan(sessie, "marieke@almelo.nl", "raden", IP, nu=T0)
    onbekend = meld_aan(sessie, "niemand@almelo.nl", WACHTWOORD, IP, nu=T0)
    for uit in (fout_wachtwoord, onbekend):
        assert (uit.actor, uit.sleutel, uit.melding, uit.geblokkeerd) == (None, None, ONJUIST, False)
    assert _pogingen(sessie) == [("marieke@almelo.nl", IP, False), ("niemand@almelo.nl", IP, False)]


@pytest.mark.parametrize(("email", "wachtwoord"), [("", WACHTWOORD), ("marieke@almelo.nl", ""), ("  ", "")])
def test_leeg_formulier(sessie, email, wachtwoord):
    _gebruiker(sessie)
    uit = meld_aan(sessie, email, wachtwoord, IP, nu=T0)
    assert uit.actor is None and uit.melding == "Vul uw e-mailadres en uw wachtwoord in."
    assert _pogingen(sessie) == []


@pytest.mark.parametrize("wachtwoord", ["\ud800kapot", WACHTWOORD + "x" * MAX_WACHTWOORD])
def test_onbruikbaar_wachtwoord_is_gewoon_onjuist(sessie, wachtwoord):
    """Een los surrogaat gaf eerst UnicodeEncodeError (een 500 op /login)."""
    _gebruiker(sessie)
    uit = meld_aan(sessie, "marieke@almelo.nl", wachtwoord, IP, nu=T0)
    assert (uit.actor, uit.melding) == (None, ONJUIST)
    assert _pogingen(sessie) == [("marieke@almelo.nl", IP, False)]


def test_uitgeschakeld_account(sessie):
    _gebruiker(sessie, actief=False)
    uit = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0)
    assert uit.actor is None and uit.sleutel is None
    assert uit.melding == "Dit account is uitgeschakeld. Vraag de beheerder om het weer aan te zetten."
    # Met een onjuist wachtwoord verraadt de melding niet dat het account bestaat.
    assert meld_aan(sessie, "marieke@almelo.nl", "raden", IP, nu=T0).melding == ONJUIST
    assert [p[2] for p in _pogingen(sessie)] == [False, False]


def _mislukt(sessie: Session, aantal: int, start: dt.datetime, email: str = "marieke@almelo.nl", ip: str = IP) -> None:
    for i in range(aantal):
        uit = meld_aan(sessie, email, "fout", ip, nu=start + dt.timedelta(minutes=i))
        assert uit.melding == ONJUIST, i


def test_afremmen_na_te_veel_mislukte_pogingen_en_vrijgeven_na_het_venster(sessie):
    _gebruiker(sessie)
    _mislukt(sessie, MAX_MISLUKT_PER_ADRES, T0)  # T0 … T0+4 min
    # Nu weigert aanmelden, ook met het juiste wachtwoord, tot het venster na de eerste poging om is.
    uit = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + dt.timedelta(minutes=5))
    assert uit.actor is None and uit.geblokkeerd
    assert uit.melding == ("Te veel mislukte pogingen. Probeer het over 10 minuten opnieuw, "
                           "of vraag de beheerder om hulp.")
    bijna = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + VENSTER - dt.timedelta(seconds=30))
    assert bijna.geblokkeerd and "over 1 minuut opnieuw" in bijna.melding
    assert len(_pogingen(sessie)) == MAX_MISLUKT_PER_ADRES  # geweigerde pogingen tellen niet mee
    # Een ander adres vanaf hetzelfde IP merkt er niets van.
    _gebruiker(sessie, "kees@almelo.nl", naam="Kees")
    assert meld_aan(sessie, "kees@almelo.nl", WACHTWOORD, IP, nu=T0 + dt.timedelta(minutes=6)).actor is not None
    # Na het venster valt de eerste mislukte poging eruit: weer welkom.
    uit = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + VENSTER + dt.timedelta(seconds=1))
    assert uit.actor is not None and uit.melding is None


def test_een_geslaagde_aanmelding_zet_de_teller_van_het_adres_terug(sessie):
    _gebruiker(sessie)
    _mislukt(sessie, MAX_MISLUKT_PER_ADRES - 1, T0)
    assert meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + dt.timedelta(minutes=4)).actor is not None
    _mislukt(sessie, MAX_MISLUKT_PER_ADRES - 1, T0 + dt.timedelta(minutes=5))  # zonder terugzetten: 8 in het venster
    assert meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + dt.timedelta(minutes=9)).actor is not None
    _mislukt(sessie, MAX_MISLUKT_PER_ADRES, T0 + dt.timedelta(minutes=10))
    assert meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0 + dt.timedelta(minutes=15)).geblokkeerd


def test_afremmen_per_ip_adres(sessie):
    _gebruiker(sessie)
    # Eerdere mislukte pogingen vanaf één IP op telkens een ander adres (zoals een aanvaller die adressen probeert).
    sessie.add_all(Aanmeldpoging(tijdstip=T0 + dt.timedelta(seconds=i), email=f"gok{i}@almelo.nl", ip=IP, gelukt=False)
                   for i in range(MAX_MISLUKT_PER_IP - 1))
    sessie.add(Aanmeldpoging(tijdstip=T0 - VENSTER, email="oud@almelo.nl", ip=IP, gelukt=False))  # buiten het venster
    nu = T0 + dt.timedelta(minutes=1)
    assert meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=nu).actor is not None  # 29: nog welkom
    assert meld_aan(sessie, "nog-een-gok@almelo.nl", "fout", IP, nu=nu).melding == ONJUIST  # de 30e
    geblokkeerd = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=nu)
    assert geblokkeerd.geblokkeerd and geblokkeerd.actor is None
    assert "Probeer het over 14 minuten opnieuw" in geblokkeerd.melding  # de oudste telt: T0 + 15 min
    assert meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, "10.0.0.8", nu=nu).actor is not None  # ander IP


# --------------------------------------------------------------------------- sessiesleutels


def test_sessiesleutel_en_wachtwoordwissel(sessie):
    g = _gebruiker(sessie)
    sleutel = meld_aan(sessie, "marieke@almelo.nl", WACHTWOORD, IP, nu=T0).sleutel
    assert sleutel.startswith(f"{g.id}:") and WACHTWOORD not in sleutel and g.wachtwoord_hash not in sleutel
    assert actor_voor_sessiesleutel(sessie, sleutel) == actor_voor_gebruiker(sessie, g.id)
    # Een nieuw wachtwoord maakt bestaande sessies ongeldig.
    g.wachtwoord_hash = _hash("een heel ander wachtwoord")
    sessie.flush()
    assert actor_voor_sessiesleutel(sessie, sleutel) is None
    nieuwe = sessiesleutel(g.id, g.wachtwoord_hash)
    assert actor_voor_sessiesleutel(sessie, nieuwe) is not None
    g.actief = False  # uitgeschakeld: ook een geldige sleutel geeft niemand
    sessie.flush()
    assert actor_voor_sessiesleutel(sessie, nieuwe) is None


def test_ongeldige_sessiesleutel(sessie):
    g = _gebruiker(sessie)
    for sleutel in ["", ":", "abc", "1", "1:", f"{g.id}:", f"{g.id}:0000", "x:1", "-1:abc", "\u0661:abc",
                    "99999999999999999999:abc", "2147483648:abc", None]:
        assert actor_voor_sessiesleutel(sessie, sleutel) is None, sleutel


# --------------------------------------------------------------------------- demo-accounts


def _demo(sessie: Session) -> dict[str, Gebruiker]:
    wijken = _wijken(sessie)
    gebruikers = {}
    for rol in ROLLEN:
        g = Gebruiker(naam=f"Demo {rol}", email=f"{rol}@demo.almelo.nl", wachtwoord_hash=_demo_wachtwoord_hash(rol),
                      rol=rol, is_demo=True, actief=True)
        if rol == "coordinator":
            g.wijken.extend([wijken["kerkelanden"], wijken["de-riet"]])
        gebruikers[rol] = g
    sessie.add_all(gebruikers.values())
    sessie.flush()
    return gebruikers


def test_demo_accounts_staan_op_volgorde_met_hun_wachtwoord(sessie):
    _demo(sessie)
    _gebruiker(sessie)                                            # geen demo-account
    _gebruiker(sessie, "oud@demo.almelo.nl", is_demo=True, actief=False, naam="Oud")  # uitgeschakeld
    accounts = demo_accounts(sessie)
    assert [a.rol for a in accounts] == list(ROLLEN)
    assert accounts[3] == DemoAccount("coordinator", "coördinator", "Demo coordinator", "coordinator@demo.almelo.nl",
                                      "demo-coordinator", "De Riet, Kerkelanden")
    assert {a.wijken for a in accounts if a.rol != "coordinator"} == {""}
    assert aantal_demo_accounts(sessie) == len(ROLLEN)
    # Het getoonde wachtwoord werkt echt.
    for a in accounts:
        uit = meld_aan(sessie, a.email, a.wachtwoord, IP, nu=T0)
        assert uit.actor is not None and uit.actor.rol == a.rol


def test_demo_accounts_uitschakelen(sessie):
    demo = _demo(sessie)
    beheerder = _gebruiker(sessie, "bea@almelo.nl", "beheerder", naam="Bea Beheer")
    actor = actor_voor_gebruiker(sessie, beheerder.id)
    for rol in ("raadslid", "wethouder", "griffie", "coordinator"):
        with pytest.raises(GeenToegang, match="mag u niet gebruikers beheren"):
            schakel_demo_accounts_uit(sessie, actor_voor_gebruiker(sessie, demo[rol].id))
    with pytest.raises(GeenToegang, match="niet aangemeld"):
        schakel_demo_accounts_uit(sessie, None)
    assert aantal_demo_accounts(sessie) == len(ROLLEN) and sessie.scalar(select(func.count(Mutatie.id))) == 0

    assert schakel_demo_accounts_uit(sessie, actor) == len(ROLLEN)
    assert aantal_demo_accounts(sessie) == 0 and demo_accounts(sessie) == []
    assert meld_aan(sessie, "beheerder@demo.almelo.nl", "demo-beheerder", IP, nu=T0).melding == ONJUIST
    assert actor_voor_gebruiker(sessie, beheerder.id) is not None  # echte accounts blijven
    mutaties = sessie.scalars(select(Mutatie).order_by(Mutatie.id)).all()
    assert [(m.entiteit, m.entiteit_id, m.actie, m.oud, m.nieuw, m.gebruiker_id, m.gebruiker_naam) for m in mutaties] == [
        ("gebruiker", g.id, "gewijzigd", {"Actief": "ja"}, {"Actief": "nee"}, beheerder.id, "Bea Beheer")
        for g in sorted(demo.values(), key=lambda g: g.id)]
    assert all(m.versie == sessie.get(Gebruiker, m.entiteit_id).versie == 2 for m in mutaties)
    assert schakel_demo_accounts_uit(sessie, actor) == 0  # niets meer te doen, niets geschreven
    assert sessie.scalar(select(func.count(Mutatie.id))) == len(ROLLEN)


# --------------------------------------------------------------------------- gebruiker aanmaken

BEHEERDER = Actor.opdrachtregel()
GOED = {"naam": "Jan Jansen", "email": "J.Jansen@Almelo.nl", "rol": "coordinator", "wachtwoord": WACHTWOORD}


def _tel(sessie: Session) -> tuple[int, int, int]:
    return tuple(sessie.scalar(select(func.count()).select_from(m)) for m in (Gebruiker, GebruikerWijk, Mutatie))


def test_gebruiker_aanmaken(sessie):
    wijken = _wijken(sessie)
    gid = maak_gebruiker(sessie, BEHEERDER, **GOED, wijk_slugs=["de-riet", "kerkelanden", "de-riet"])
    g = sessie.get(Gebruiker, gid)
    assert (g.naam, g.email, g.rol, g.is_demo, g.actief, g.gewijzigd_door) == (
        "Jan Jansen", "j.jansen@almelo.nl", "coordinator", False, True, BEHEERDER.naam)
    assert WACHTWOORD not in g.wachtwoord_hash
    assert sorted(w.slug for w in g.wijken) == ["de-riet", "kerkelanden"]  # dubbel genoemd: één keer
    (m,) = sessie.scalars(select(Mutatie)).all()
    assert (m.entiteit, m.entiteit_id, m.actie, m.oud, m.gebruiker_id, m.gebruiker_naam, m.versie) == (
        "gebruiker", gid, "aangemaakt", None, None, BEHEERDER.naam, 1)
    assert m.nieuw == {"Naam": "Jan Jansen", "E-mailadres": "j.jansen@almelo.nl", "Rol": "coördinator",
                       "Wijken": "De Riet, Kerkelanden"}
    uit = meld_aan(sessie, "j.jansen@almelo.nl", WACHTWOORD, IP, nu=T0)
    assert uit.actor.wijk_ids == {wijken["de-riet"].id, wijken["kerkelanden"].id}
    # Een wethouder is portefeuillehouder onder zijn eigen naam, tenzij anders opgegeven.
    wid = maak_gebruiker(sessie, BEHEERDER, naam="Wil Wethouder", email="wil@almelo.nl", rol="wethouder",
                         wachtwoord=WACHTWOORD)
    assert sessie.get(Gebruiker, wid).portefeuillehouder == "Wil Wethouder"


@pytest.mark.parametrize(
    ("wijziging", "fouten"),
    [
        ({"naam": "  "}, {"naam": "Naam: dit veld is verplicht. Vul het in."}),
        ({"email": "jan.almelo.nl"}, {"email": "E-mailadres: dit is geen geldig e-mailadres. Schrijf het als naam@almelo.nl."}),
        ({"email": "jan@almelo.nl\nbcc@kwaad.nl"}, {"email": "E-mailadres: dit is geen geldig e-mailadres. Schrijf het als naam@almelo.nl."}),
        ({"email": "jan@@almelo.nl"}, {"email": "E-mailadres: dit is geen geldig e-mailadres. Schrijf het als naam@almelo.nl."}),
        ({"rol": "koning"}, {"rol": "Rol: kies een van de mogelijkheden in de lijst."}),
        ({"wachtwoord": "kort"}, {"wachtwoord": "Wachtwoord: gebruik minstens 12 tekens."}),
        # Langer dan meld_aan controleert: zo iemand zou nooit kunnen aanmelden.
        ({"wachtwoord": "x" * (MAX_WACHTWOORD + 1)}, {"wachtwoord": "Wachtwoord: gebruik hoogstens 1000 tekens."}),
        ({"wachtwoord": "twaalf tekens \ud800"}, {"wachtwoord": "Wachtwoord: het wachtwoord bevat ongeldige tekens. "
                                                 "Typ het opnieuw in plaats van het te plakken."}),
        ({"naam": "x" * 201, "rol": ""}, {"naam": "Naam: de tekst is 201 tekens lang; het maximum is 200. Maak hem korter.",
                                          "rol": "Rol: maak een keuze."}),
    ],
)
def test_gebruiker_aanmaken_controleert_de_invoer(wijziging, fouten):
    # Validatie komt vóór elke databasevraag: een sessie die niets mag doen bewijst het.
    with pytest.raises(Validatiefout) as fout:
        maak_gebruiker(None, BEHEERDER, **{**GOED, **wijziging})  # type: ignore[arg-type]
    assert fout.value.fouten == fouten


def test_gebruiker_aanmaken_weigert_dubbel_adres_en_onbekende_of_onnodige_wijken(sessie):
    _wijken(sessie)
    maak_gebruiker(sessie, BEHEERDER, **GOED)
    voor = _tel(sessie)
    with pytest.raises(Invoerfout, match=r"^E-mailadres: er is al een gebruiker met j.jansen@almelo.nl\. Kies een ander adres\.$"):
        maak_gebruiker(sessie, BEHEERDER, **{**GOED, "email": " J.JANSEN@almelo.nl"})
    with pytest.raises(Invoerfout, match="^Wijk: 'atlantis' bestaat niet"):
        maak_gebruiker(sessie, BEHEERDER, **{**GOED, "email": "b@almelo.nl"}, wijk_slugs=["de-riet", "atlantis"])
    with pytest.raises(Invoerfout, match="^Wijk: alleen coördinatoren krijgen wijken toegewezen."):
        maak_gebruiker(sessie, BEHEERDER, **{**GOED, "email": "c@almelo.nl", "rol": "raadslid"}, wijk_slugs=["de-riet"])
    assert _tel(sessie) == voor


@pytest.mark.parametrize("rol", ["raadslid", "wethouder", "griffie", "coordinator", None])
def test_alleen_de_beheerder_maakt_gebruikers(sessie, rol):
    actor = None if rol is None else actor_voor_gebruiker(sessie, _gebruiker(sessie, "ik@almelo.nl", rol).id)
    voor = _tel(sessie)
    with pytest.raises(GeenToegang):
        maak_gebruiker(sessie, actor, **GOED)
    assert _tel(sessie) == voor
