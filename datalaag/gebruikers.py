"""Gebruikers: aanmelden (met afremmen na mislukte pogingen), demo-accounts en beheer.

Afremmen: na ``MAX_MISLUKT_PER_ADRES`` mislukte pogingen voor één e-mailadres (of
``MAX_MISLUKT_PER_IP`` vanaf één IP-adres) binnen ``VENSTER`` weigert aanmelden tot het venster
verstreken is. De pogingen staan in de database, zodat alle gunicorn-workers hetzelfde weten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from datalaag.autorisatie import ROL_NAMEN, Actor, actor_voor_gebruiker, eis
from datalaag.models import ROLLEN, Aanmeldpoging, Gebruiker, GebruikerWijk, Wijk
from datalaag.mutaties import leg_vast
from datalaag.validatie import Controle, Invoerfout

VENSTER = dt.timedelta(minutes=15)
MAX_MISLUKT_PER_ADRES = 5
MAX_MISLUKT_PER_IP = 30
MIN_WACHTWOORD = 12
# Langer wordt bij aanmelden niet gecontroleerd; maak_gebruiker weigert het daarom ook.
MAX_WACHTWOORD = 1000
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
# Een geldige hash om tegen te controleren als het adres niet bestaat: dan duurt een poging
# even lang en verraadt de responstijd niet welke adressen bestaan.
_LOKHASH = generate_password_hash("geen-gebruiker-met-dit-adres")


def aantal_demo_accounts(sessie: Session) -> int:
    """Het aantal bruikbare (actieve) demo-accounts; productie weigert te starten als het er één is."""
    return sessie.scalar(select(func.count()).select_from(Gebruiker).where(
        Gebruiker.is_demo.is_(True), Gebruiker.actief.is_(True))) or 0


@dataclass(frozen=True, slots=True)
class DemoAccount:
    rol: str
    rol_naam: str
    naam: str
    email: str
    wachtwoord: str
    wijken: str


def demo_accounts(sessie: Session) -> list[DemoAccount]:
    """De demo-accounts met hun (openbare) demowachtwoord ``demo-<rol>``, in de volgorde van de rollen."""
    rijen = sessie.execute(
        select(Gebruiker.id, Gebruiker.rol, Gebruiker.naam, Gebruiker.email)
        .where(Gebruiker.is_demo.is_(True), Gebruiker.actief.is_(True))
    ).all()
    wijken: dict[int, list[str]] = {}
    for gid, naam in sessie.execute(
        select(GebruikerWijk.gebruiker_id, Wijk.naam).join(Wijk, Wijk.id == GebruikerWijk.wijk_id).order_by(Wijk.naam)
    ):
        wijken.setdefault(gid, []).append(naam)
    volgorde = {r: i for i, r in enumerate(ROLLEN)}
    return [
        DemoAccount(r.rol, ROL_NAMEN.get(r.rol, r.rol), r.naam, r.email, f"demo-{r.rol}", ", ".join(wijken.get(r.id, [])))
        for r in sorted(rijen, key=lambda r: volgorde.get(r.rol, 99))
    ]


def sessiesleutel(gebruiker_id: int, wachtwoord_hash: str, generatie: int = 0) -> str:
    """Wat in de sessiecookie staat: id plus een vingerafdruk van de wachtwoordhash en de
    sessiegeneratie. Een nieuw wachtwoord of uitloggen (:func:`beeindig_sessies`) maakt zo alle
    bestaande sessies van die gebruiker ongeldig, ook een gekopieerde cookie."""
    vinger = hashlib.sha256(f"{wachtwoord_hash}|{generatie}".encode()).hexdigest()[:16]
    return f"{gebruiker_id}:{vinger}"


def beeindig_sessies(sessie: Session, gebruiker_id: int) -> None:
    """Laat alle sessies van de gebruiker vervallen (bij uitloggen). Geen domeinwijziging: geen
    dossierregel en geen nieuwe ``versie`` van de gebruiker."""
    sessie.execute(
        update(Gebruiker).where(Gebruiker.id == gebruiker_id)
        .values(sessie_generatie=Gebruiker.sessie_generatie + 1)
        .execution_options(synchronize_session=False)
    )


def _bruikbaar_wachtwoord(wachtwoord: object) -> bool:
    """Een tekst die te hashen is (geen losse surrogaten, die UTF-8 niet kent)."""
    if not isinstance(wachtwoord, str):
        return False
    try:
        wachtwoord.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def actor_voor_sessiesleutel(sessie: Session, sleutel: str) -> Actor | None:
    gid, _, vinger = (sleutel or "").partition(":") if isinstance(sleutel, str) else ("", "", "")
    # Alleen 0-9 en binnen het bereik van een INTEGER-kolom (PostgreSQL gooit anders een DataError).
    if not (gid.isascii() and gid.isdigit()) or len(gid) > 10 or int(gid) > 2**31 - 1:
        return None
    gebruiker = sessie.get(Gebruiker, int(gid))
    if gebruiker is None or sessiesleutel(gebruiker.id, gebruiker.wachtwoord_hash,
                                          gebruiker.sessie_generatie) != sleutel:
        return None
    return actor_voor_gebruiker(sessie, gebruiker.id)


@dataclass(frozen=True, slots=True)
class Aanmelding:
    actor: Actor | None
    sleutel: str | None      # voor de sessiecookie
    melding: str | None      # waarom het niet lukte (Nederlands)
    geblokkeerd: bool = False  # afgeremd na te veel mislukte pogingen


def geblokkeerd_tot(sessie: Session, email: str, ip: str, nu: dt.datetime) -> dt.datetime | None:
    """Tot wanneer aanmelden voor dit adres/IP geweigerd wordt, of ``None``."""
    begin = nu - VENSTER
    laatste_gelukt = sessie.scalar(
        select(func.max(Aanmeldpoging.tijdstip)).where(Aanmeldpoging.email == email, Aanmeldpoging.gelukt.is_(True))
    )
    vanaf = max(begin, laatste_gelukt) if laatste_gelukt else begin
    per_adres = sessie.execute(
        select(func.count(), func.min(Aanmeldpoging.tijdstip)).where(
            Aanmeldpoging.email == email, Aanmeldpoging.gelukt.is_(False), Aanmeldpoging.tijdstip > vanaf)
    ).one()
    per_ip = sessie.execute(
        select(func.count(), func.min(Aanmeldpoging.tijdstip)).where(
            Aanmeldpoging.ip == ip, Aanmeldpoging.gelukt.is_(False), Aanmeldpoging.tijdstip > begin)
    ).one()
    tot = None
    if per_adres[0] >= MAX_MISLUKT_PER_ADRES:
        tot = per_adres[1] + VENSTER
    if per_ip[0] >= MAX_MISLUKT_PER_IP:
        tot = max(tot or per_ip[1] + VENSTER, per_ip[1] + VENSTER)
    return tot


def meld_aan(sessie: Session, email: str, wachtwoord: str, ip: str, nu: dt.datetime | None = None) -> Aanmelding:
    """Controleer e-mailadres en wachtwoord; leg de poging vast (in de transactie van de aanroeper)."""
    nu = (nu or dt.datetime.now()).replace(microsecond=0)
    email = (email or "").strip().lower()[:254]
    ip = (ip or "onbekend")[:45]
    if not email or not wachtwoord:
        return Aanmelding(None, None, "Vul uw e-mailadres en uw wachtwoord in.")
    if not _bruikbaar_wachtwoord(wachtwoord) or len(wachtwoord) > MAX_WACHTWOORD:
        # Kan geen bestaand wachtwoord zijn (maak_gebruiker weigert het); telt als mislukte poging.
        wachtwoord = ""
    tot = geblokkeerd_tot(sessie, email, ip, nu)
    if tot is not None:
        minuten = max(1, int((tot - nu).total_seconds() + 59) // 60)
        return Aanmelding(None, None, f"Te veel mislukte pogingen. Probeer het over {minuten} "
                          f"{'minuut' if minuten == 1 else 'minuten'} opnieuw, of vraag de beheerder om hulp.", True)
    gebruiker = sessie.scalars(select(Gebruiker).where(func.lower(Gebruiker.email) == email)).first()
    klopt = bool(wachtwoord) and check_password_hash(gebruiker.wachtwoord_hash if gebruiker else _LOKHASH, wachtwoord)
    gelukt = bool(gebruiker and klopt and gebruiker.actief)
    sessie.add(Aanmeldpoging(tijdstip=nu, email=email, ip=ip, gelukt=gelukt))
    sessie.flush()
    if not gelukt:
        if gebruiker and klopt and not gebruiker.actief:
            return Aanmelding(None, None, "Dit account is uitgeschakeld. Vraag de beheerder om het weer aan te zetten.")
        return Aanmelding(None, None, "Het e-mailadres of het wachtwoord is onjuist. Controleer ze en probeer het opnieuw.")
    return Aanmelding(actor_voor_gebruiker(sessie, gebruiker.id),
                      sessiesleutel(gebruiker.id, gebruiker.wachtwoord_hash, gebruiker.sessie_generatie), None)


def maak_gebruiker(sessie: Session, actor: Actor | None, *, naam: str, email: str, rol: str, wachtwoord: str,
                   wijk_slugs: list[str] | None = None, portefeuillehouder: str | None = None) -> int:
    """Een nieuwe (echte, niet-demo) gebruiker; alleen de beheerder. Geeft het id."""
    c = Controle()
    naam_ok = c.tekst("naam", "Naam", naam, verplicht=True, max_lengte=200)
    email_ok = c.tekst("email", "E-mailadres", email, verplicht=True, max_lengte=254)
    if email_ok and not _EMAIL.fullmatch(email_ok):
        c.fout("email", "E-mailadres: dit is geen geldig e-mailadres. Schrijf het als naam@almelo.nl.")
    rol_ok = c.keuze("rol", "Rol", rol, {r: ROL_NAMEN[r] for r in ROLLEN})
    if not isinstance(wachtwoord, str) or len(wachtwoord) < MIN_WACHTWOORD:
        c.fout("wachtwoord", f"Wachtwoord: gebruik minstens {MIN_WACHTWOORD} tekens.")
    elif len(wachtwoord) > MAX_WACHTWOORD:
        c.fout("wachtwoord", f"Wachtwoord: gebruik hoogstens {MAX_WACHTWOORD} tekens.")
    elif not _bruikbaar_wachtwoord(wachtwoord):
        c.fout("wachtwoord", "Wachtwoord: het wachtwoord bevat ongeldige tekens. Typ het opnieuw in plaats van het te plakken.")
    ph = c.tekst("portefeuillehouder", "Portefeuillehouder", portefeuillehouder, max_lengte=200)
    c.klaar()
    eis(actor, "gebruikers_beheren")
    email_ok = email_ok.lower()
    if sessie.scalar(select(func.count()).select_from(Gebruiker).where(func.lower(Gebruiker.email) == email_ok)):
        raise Invoerfout(f"E-mailadres: er is al een gebruiker met {email_ok}. Kies een ander adres.")
    wijken = []
    for slug in dict.fromkeys(wijk_slugs or []):  # dubbel genoemd is één keer toegewezen
        wijk = sessie.scalars(select(Wijk).where(Wijk.slug == slug)).first()
        if wijk is None:
            raise Invoerfout(f"Wijk: {slug!r} bestaat niet. Gebruik de korte naam uit de adresbalk, bijv. de-riet.")
        wijken.append(wijk)
    if wijken and rol_ok != "coordinator":
        raise Invoerfout("Wijk: alleen coördinatoren krijgen wijken toegewezen.")
    gebruiker = Gebruiker(naam=naam_ok, email=email_ok, rol=rol_ok, wachtwoord_hash=generate_password_hash(wachtwoord),
                          portefeuillehouder=ph or (naam_ok if rol_ok == "wethouder" else None),
                          is_demo=False, actief=True, gewijzigd_door=actor.naam)
    gebruiker.wijken.extend(wijken)
    sessie.add(gebruiker)
    try:
        sessie.flush()
    except IntegrityError:
        # Tegelijk met een ander hetzelfde adres aangemaakt (de unieke index op e-mail). De aanroeper draait terug.
        raise Invoerfout(f"E-mailadres: er is al een gebruiker met {email_ok}. Kies een ander adres.") from None
    leg_vast(sessie, actor, entiteit="gebruiker", entiteit_id=gebruiker.id, actie="aangemaakt", oud=None,
             nieuw={"Naam": naam_ok, "E-mailadres": email_ok, "Rol": ROL_NAMEN[rol_ok],
                    "Wijken": ", ".join(w.naam for w in wijken) or None},
             versie=gebruiker.versie)
    sessie.flush()
    return gebruiker.id


def schakel_demo_accounts_uit(sessie: Session, actor: Actor | None) -> int:
    """Schakel de demo-accounts uit en maak hun wachtwoord onbruikbaar (voor de overstap naar productie).
    Ze blijven bestaan, want het dossier verwijst naar ze."""
    eis(actor, "gebruikers_beheren")
    aantal = 0
    for gebruiker in sessie.scalars(select(Gebruiker).where(Gebruiker.is_demo.is_(True), Gebruiker.actief.is_(True))):
        gebruiker.actief = False
        gebruiker.wachtwoord_hash = "!uitgeschakeld"
        gebruiker.gewijzigd_door = actor.naam
        leg_vast(sessie, actor, entiteit="gebruiker", entiteit_id=gebruiker.id, actie="gewijzigd",
                 oud={"Actief": "ja"}, nieuw={"Actief": "nee"},
                 versie=gebruiker.versie + 1)
        aantal += 1
    sessie.flush()
    return aantal
