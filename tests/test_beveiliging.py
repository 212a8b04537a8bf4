"""Beveiliging over HTTP (issue 5): aanmelden, CSRF, beveiligingsheaders en de matrix rol × schrijfactie.

Alles gaat via ``server.test_client()`` tegen één echte app (demo-modus, eigen SQLite-database met de
demonstratiegegevens), precies zoals een browser of een aanvaller het zou doen: formulieren met hun
CSRF-token, en Dash-callbacks rechtstreeks gepost naar ``/_dash-update-component``. Of een
schrijfactie wel of niet mocht, lezen de tests af aan de database, niet aan wat de pagina toont.

Dash registreert pagina's en callbacks globaal: er is één app per proces (de fixture ``server``).
De productiemodus (Secure-cookies, HSTS, weigeren te starten) draait daarom in een subproces.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import json
import re
import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from sqlalchemy import func, select

PROJECT_MAP = Path(__file__).resolve().parents[1]
from tests.schrijfmatrix import alle_schrijfacties, alle_tabellen  # noqa: E402
from tests.schrijfmatrix.basis import (  # noqa: E402, F401
    ACTOR_OP_NAAM,
    ACTOREN,
    CSRF_COOKIE,
    CSRF_HEADER,
    ROLLEN,
    VANDAAG,
    WIJKSCHRIJVERS,
    Actorgeval,
    Omgeving,
    Schrijfactie,
    callback_sleutel,
    componenten,
    cookie,
    dash_app,
    dash_body,
    dash_post,
    nieuwe_klant,
    toon_pagina,
    vul_in,
)


# =========================================================================== fixtures en hulpjes
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """De app (demo-modus) met een eigen, verse SQLite-database; het vullen duurt een paar seconden."""
    from dashboard import create_app
    from dashboard.config import Config

    map_ = tmp_path_factory.mktemp("beveiliging")
    app = create_app(Config(database_url=f"sqlite:///{map_ / 'wijkaanpak.db'}", instance_map=map_, testing=True))
    app.extensions["test_database_pad"] = map_ / "wijkaanpak.db"
    # Dash zet zijn callbacks pas klaar bij het eerste verzoek dat de aanmeldcontrole passeert.
    assert app.test_client().get("/login").status_code == 200
    assert app.extensions["dash_app"].callback_map, "Dash heeft geen callbacks geregistreerd"
    return app


@pytest.fixture(scope="module")
def fabriek(server):
    from dashboard.database import sessiefabriek

    return sessiefabriek(server)


def csrf_uit_formulier(html: str) -> str:
    gevonden = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert gevonden, "het formulier heeft geen verborgen veld csrf_token"
    return gevonden[1]


def set_cookies(antwoord, naam: str) -> list[str]:
    return [c for c in antwoord.headers.getlist("Set-Cookie") if c.startswith(naam + "=")]


def probeer_aan_te_melden(klant, email: str, wachtwoord: str, **extra):
    formulier = klant.get("/login")
    assert formulier.status_code == 200
    data = {"csrf_token": csrf_uit_formulier(formulier.get_data(as_text=True)), "email": email,
            "wachtwoord": wachtwoord, **extra}
    return klant.post("/login", data=data)


def meld_aan(server, rol: str):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, f"{rol}@demo.almelo.nl", f"demo-{rol}")
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)[:500]
    assert urlsplit(antwoord.headers["Location"]).path != "/login"
    return klant


@pytest.fixture(scope="module")
def klanten(server) -> dict[str, object]:
    """Per demorol een aangemelde testklant (één keer aangemeld voor de hele module)."""
    return {rol: meld_aan(server, rol) for rol in ROLLEN}


def meld_aan_als_eigen_gebruiker(server, fabriek, rol: str):
    """Aangemeld als een nieuwe gebruiker met ``rol``: voor tests die uitloggen (uitloggen beëindigt
    alle sessies van die gebruiker, dus niet met de demo-accounts die andere tests delen)."""
    import uuid

    email = f"{rol}-{uuid.uuid4().hex[:8]}@almelo.nl"
    maak_testgebruiker(fabriek, email, "een-lang-testwachtwoord", rol)
    klant = nieuwe_klant(server)
    assert probeer_aan_te_melden(klant, email, "een-lang-testwachtwoord").status_code == 302
    return klant


def maak_testgebruiker(fabriek, email: str, wachtwoord: str, rol: str = "raadslid") -> int:
    """Een eigen (niet-demo) account, zodat afremtests de demo-accounts niet blokkeren."""
    from datalaag.autorisatie import Actor
    from datalaag.gebruikers import maak_gebruiker

    with fabriek() as sessie, sessie.begin():
        return maak_gebruiker(sessie, Actor.opdrachtregel(), naam=f"Test {email}", email=email, rol=rol,
                              wachtwoord=wachtwoord)


# --------------------------------------------------------------------------- de database
# Tabellen waarin de schrijfacties van de invoerformulieren schrijven: daarvan de volledige inhoud.
GEVOLGDE_TABELLEN = ("mutatie", "evaluatie", "evaluatie_ambitie", "wijkanalyse", "wijkanalyse_ambitie", "meting",
                     "maatregel", "maatregel_voortgang", *alle_tabellen())
NIET_GEVOLGD = ("aanmeldpoging",)  # aanmelden schrijft een poging; dat is geen schrijfactie van een formulier


def toestand(fabriek) -> dict[str, object]:
    """Een vingerafdruk van de database: het aantal rijen van elke tabel en de volledige inhoud van
    de tabellen van de invoerformulieren. Gelijke vingerafdruk: er is niets veranderd."""
    from datalaag.models import Base

    uit: dict[str, object] = {}
    with fabriek() as sessie:
        for tabel in Base.metadata.sorted_tables:
            if tabel.name in NIET_GEVOLGD:
                continue
            if tabel.name in GEVOLGDE_TABELLEN:
                rijen = sessie.execute(select(tabel).order_by(*tabel.primary_key.columns)).all()
                uit[tabel.name] = (len(rijen), hashlib.sha256(repr(rijen).encode()).hexdigest())
            else:
                uit[tabel.name] = sessie.scalar(select(func.count()).select_from(tabel))
    return uit


def verschil_in_toestand(voor: dict, na: dict) -> dict:
    return {k: (voor.get(k), na.get(k)) for k in set(voor) | set(na) if voor.get(k) != na.get(k)}


def nieuwe_mutaties(fabriek, na_id: int) -> list:
    from datalaag.models import Mutatie

    with fabriek() as sessie:
        return list(sessie.scalars(select(Mutatie).where(Mutatie.id > na_id).order_by(Mutatie.id)))


def laatste_mutatie_id(fabriek) -> int:
    from datalaag.models import Mutatie

    with fabriek() as sessie:
        return sessie.scalar(select(func.max(Mutatie.id))) or 0


def gebruiker_id(fabriek, rol: str) -> int:
    from datalaag.models import Gebruiker

    with fabriek() as sessie:
        return sessie.scalar(select(Gebruiker.id).where(Gebruiker.email == f"{rol}@demo.almelo.nl"))


# =========================================================================== 1. alles vraagt aanmelding
PAGINAS = ("/", "/wijk/kerkelanden", "/invoer/evaluatie", "/invoer/wijkanalyse", "/dossier", "/toezeggingen?status=open")


@pytest.mark.parametrize("pad", PAGINAS)
def test_pagina_zonder_aanmelding_stuurt_naar_login_met_terugweg(server, pad):
    antwoord = nieuwe_klant(server).get(pad)
    assert antwoord.status_code == 302
    doel = urlsplit(antwoord.headers["Location"])
    assert doel.path == "/login" and doel.netloc in ("", "localhost")
    assert parse_qs(doel.query)["volgende"] == [pad]


@pytest.mark.parametrize(("methode", "pad"), [
    ("get", "/_dash-layout"),
    ("get", "/_dash-dependencies"),
    ("post", "/_dash-update-component"),
    ("get", "/_reload-hash"),
])
def test_dash_zonder_aanmelding_geeft_401(server, fabriek, methode, pad):
    klant = nieuwe_klant(server)
    voor = toestand(fabriek)
    antwoord = getattr(klant, methode)(pad, json={} if methode == "post" else None)
    assert antwoord.status_code == 401
    assert "Niet aangemeld" in antwoord.get_json()["fout"]
    assert toestand(fabriek) == voor


def test_dash_post_zonder_aanmelding_geeft_401_ook_met_geldig_csrf_token(server, fabriek):
    """Een bezoeker zonder account die wel een CSRF-token heeft (van /login) komt er niet in."""
    klant = nieuwe_klant(server)
    klant.get("/login")
    assert cookie(klant, CSRF_COOKIE)
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    antwoord = dash_post(klant, server, router, {"_pages_location.pathname": "/invoer/evaluatie"},
                         "_pages_location.pathname")
    assert antwoord.status_code == 401
    assert "Niet aangemeld" in antwoord.get_data(as_text=True)


@pytest.mark.parametrize("pad", ["/favicon.ico", "/robots.txt", "/bestaat-niet", "/login/", "/_dash-layout/"])
def test_geen_enkel_pad_geeft_de_app_zonder_aanmelding(server, pad):
    """De vangroute van Dash (elk onbekend pad → de app) is niet open voor wie niet is aangemeld."""
    antwoord = nieuwe_klant(server).get(pad)
    assert antwoord.status_code in (302, 401, 404)
    assert "_dash-config" not in antwoord.get_data(as_text=True)


def test_pictogram_is_open(server):
    antwoord = nieuwe_klant(server).get("/_favicon.ico")
    assert antwoord.status_code == 200 and antwoord.headers["Content-Type"].startswith("image/")


def test_login_en_gezond_zijn_open(server):
    klant = nieuwe_klant(server)
    login = klant.get("/login")
    assert login.status_code == 200 and 'id="login-formulier"' in login.get_data(as_text=True)
    gezond = klant.get("/gezond")
    assert gezond.status_code == 200 and gezond.get_json() == {"status": "ok"}


def test_aangemeld_zijn_de_paginas_en_dash_bereikbaar(server, klanten):
    klant = klanten["raadslid"]
    assert klant.get("/").status_code == 200
    assert klant.get("/_dash-layout").status_code == 200
    assert klant.get("/_dash-dependencies").status_code == 200
    onderdelen = toon_pagina(klant, server, "/wijk/kerkelanden")
    assert any("Kerkelanden" in json.dumps(c["props"].get("children")) for c in onderdelen)


# --------------------------------------------------------------------------- open redirect
KWAADAARDIGE_DOELEN = (
    "//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/x\r\nSet-Cookie: kaping=1",
    "javascript:alert(1)",
    "evil.example",
    " //evil.example",
)


def _is_lokaal(locatie: str) -> bool:
    delen = urlsplit(locatie)
    return (delen.netloc in ("", "localhost") and delen.scheme in ("", "http")
            and locatie.startswith(("/", "http://localhost/")) and not locatie.startswith("//")
            and "\\" not in locatie and not any(ord(t) < 32 for t in locatie))


@pytest.mark.parametrize("doel", KWAADAARDIGE_DOELEN)
def test_volgende_na_aanmelden_blijft_binnen_de_site(server, doel):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "raadslid@demo.almelo.nl", "demo-raadslid", volgende=doel)
    assert antwoord.status_code == 302
    assert _is_lokaal(antwoord.headers["Location"]), antwoord.headers["Location"]
    assert "kaping" not in " ".join(antwoord.headers.getlist("Set-Cookie"))
    # Al aangemeld: GET /login?volgende=… stuurt ook alleen binnen de site door.
    nogmaals = klant.get("/login?volgende=" + quote(doel, safe=""))
    assert nogmaals.status_code == 302
    assert _is_lokaal(nogmaals.headers["Location"]), nogmaals.headers["Location"]
    # Het formulier zet geen kwaadaardig doel in het verborgen veld.
    formulier = nieuwe_klant(server).get("/login?volgende=" + quote(doel, safe=""))
    assert 'name="volgende" value="/"' in formulier.get_data(as_text=True)


def test_volgende_binnen_de_site_wordt_gevolgd(server):
    klant = nieuwe_klant(server)
    eerst = klant.get("/wijk/kerkelanden?jaar=2024")
    volgende = parse_qs(urlsplit(eerst.headers["Location"]).query)["volgende"][0]
    assert volgende == "/wijk/kerkelanden?jaar=2024"
    antwoord = probeer_aan_te_melden(klant, "raadslid@demo.almelo.nl", "demo-raadslid", volgende=volgende)
    assert antwoord.status_code == 302
    assert antwoord.headers["Location"] in ("/wijk/kerkelanden?jaar=2024", "http://localhost/wijk/kerkelanden?jaar=2024")


# =========================================================================== aanmelden en afmelden
def test_aanmelden_met_formulier_en_csrf_token(server):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "wethouder@demo.almelo.nl", "demo-wethouder")
    assert antwoord.status_code == 302
    layout = klant.get("/_dash-layout")
    assert layout.status_code == 200
    # De schil toont wie er is aangemeld.
    assert "wethouder" in layout.get_data(as_text=True)


def test_hoofdletters_en_spaties_in_het_adres_tellen_niet(server):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "  Griffie@Demo.Almelo.NL ", "demo-griffie")
    assert antwoord.status_code == 302
    assert klant.get("/_dash-layout").status_code == 200


def test_verkeerd_wachtwoord_geeft_nederlandse_melding_en_geen_sessie(server, fabriek):
    maak_testgebruiker(fabriek, "verkeerd-wachtwoord@almelo.nl", "een-goed-lang-wachtwoord")
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "verkeerd-wachtwoord@almelo.nl", "niet-het-wachtwoord")
    assert antwoord.status_code == 401
    tekst = antwoord.get_data(as_text=True)
    assert "Het e-mailadres of het wachtwoord is onjuist" in tekst
    assert 'value="verkeerd-wachtwoord@almelo.nl"' in tekst  # het adres blijft staan
    assert klant.get("/_dash-layout").status_code == 401
    # Een onbekend adres krijgt precies dezelfde melding (verraadt niet welke adressen bestaan).
    onbekend = probeer_aan_te_melden(nieuwe_klant(server), "bestaat-niet@almelo.nl", "niet-het-wachtwoord")
    assert onbekend.status_code == 401
    assert "Het e-mailadres of het wachtwoord is onjuist" in onbekend.get_data(as_text=True)


def test_ingevoerd_adres_wordt_niet_als_html_getoond(server):
    antwoord = probeer_aan_te_melden(nieuwe_klant(server), '"><script>alert(1)</script>@x.nl', "iets")
    tekst = antwoord.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in tekst
    assert "&lt;script&gt;" in tekst


def test_wachtwoorden_staan_gehasht_met_een_huidig_algoritme(fabriek):
    from datalaag.models import Gebruiker

    with fabriek() as sessie:
        hashes = list(sessie.scalars(select(Gebruiker.wachtwoord_hash).where(Gebruiker.is_demo.is_(True))))
    assert len(hashes) == len(ROLLEN)
    for h in hashes:
        assert h.startswith(("scrypt:", "pbkdf2:sha256:", "argon2")), h[:20]
        assert not any(f"demo-{rol}" in h for rol in ROLLEN)


def test_loginpagina_toont_de_demo_accounts_in_demomodus(server):
    tekst = nieuwe_klant(server).get("/login").get_data(as_text=True)
    assert 'id="login-demo-accounts"' in tekst
    for rol in ROLLEN:
        assert f"{rol}@demo.almelo.nl" in tekst
        assert f"demo-{rol}" in tekst


def test_sessiecookie_is_httponly_en_samesite_lax(server):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "raadslid@demo.almelo.nl", "demo-raadslid")
    (sessie,) = set_cookies(antwoord, "session")
    kenmerken = [d.strip().lower() for d in sessie.split(";")]
    assert "httponly" in kenmerken
    assert "samesite=lax" in kenmerken
    assert "secure" not in kenmerken  # demo draait over http; productie: zie de productietest
    assert not set_cookies(antwoord, "remember_token")  # geen "onthoud mij"-cookie die uitloggen overleeft
    # De CSRF-cookie moet de Dash-renderer wel kunnen lezen (niet HttpOnly), maar alleen van deze site.
    (csrf,) = set_cookies(antwoord, CSRF_COOKIE)
    assert "samesite=lax" in [d.strip().lower() for d in csrf.split(";")]
    assert "httponly" not in csrf.lower()


def test_aanmelden_geeft_een_nieuwe_sessie_sessiefixatie(server, fabriek):
    """Een sessie (en CSRF-token) van vóór het aanmelden, bijv. door een aanvaller klaargezet, geeft
    na het aanmelden geen toegang en het oude CSRF-token werkt niet meer."""
    klant = nieuwe_klant(server)
    formulier = klant.get("/login")
    sessie_voor = cookie(klant, "session")
    csrf_voor = cookie(klant, CSRF_COOKIE)
    assert sessie_voor and csrf_voor
    data = {"csrf_token": csrf_uit_formulier(formulier.get_data(as_text=True)),
            "email": "coordinator@demo.almelo.nl", "wachtwoord": "demo-coordinator"}
    assert klant.post("/login", data=data).status_code == 302
    sessie_na, csrf_na = cookie(klant, "session"), cookie(klant, CSRF_COOKIE)
    assert sessie_na != sessie_voor
    assert csrf_na != csrf_voor

    # Wie alleen de oude sessiecookie heeft (de aanvaller), is niet aangemeld.
    aanvaller = nieuwe_klant(server)
    aanvaller.set_cookie("session", sessie_voor)
    assert aanvaller.get("/_dash-layout").status_code == 401

    # Het oude CSRF-token wordt in de nieuwe sessie geweigerd; het nieuwe werkt.
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    waarden = {"_pages_location.pathname": "/"}
    assert dash_post(klant, server, router, waarden, "_pages_location.pathname", csrf=csrf_voor).status_code == 400
    assert dash_post(klant, server, router, waarden, "_pages_location.pathname").status_code == 200


def test_uitloggen_vraagt_post_met_csrf(server, fabriek):
    klant = meld_aan_als_eigen_gebruiker(server, fabriek, "griffie")
    # GET /logout logt niet uit (een link of <img> van elders kan dat dus niet): alleen een bevestigingsvraag.
    bevestig = klant.get("/logout")
    assert bevestig.status_code == 200 and 'id="logout-knop"' in bevestig.get_data(as_text=True)
    assert klant.get("/_dash-layout").status_code == 200
    # POST zonder token (zoals een formulier op een andere site): geweigerd, nog steeds aangemeld.
    assert klant.post("/logout").status_code == 400
    assert klant.post("/logout", data={"csrf_token": "vervalst"}).status_code == 400
    assert klant.get("/_dash-layout").status_code == 200
    # Met het token uit de bevestigingspagina: uitgelogd.
    token = csrf_uit_formulier(klant.get("/logout").get_data(as_text=True))
    uit = klant.post("/logout", data={"csrf_token": token})
    assert uit.status_code == 302 and uit.headers["Location"].endswith("/login?uitgelogd=1")
    assert "U bent uitgelogd" in klant.get("/login?uitgelogd=1").get_data(as_text=True)
    # Daarna: Dash-aanroepen 401, pagina's naar /login.
    assert klant.get("/_dash-layout").status_code == 401
    assert klant.get("/_dash-dependencies").status_code == 401
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    na = dash_post(klant, server, router, {"_pages_location.pathname": "/"}, "_pages_location.pathname")
    assert na.status_code == 401
    assert urlsplit(klant.get("/").headers["Location"]).path == "/login"


def test_sessie_duurt_een_werkdag_niet_een_maand(server):
    klant = nieuwe_klant(server)
    antwoord = probeer_aan_te_melden(klant, "raadslid@demo.almelo.nl", "demo-raadslid")
    (sessie,) = set_cookies(antwoord, "session")
    verloopt = re.search(r"Expires=([^;]+)", sessie)
    assert verloopt, sessie
    over = email.utils.parsedate_to_datetime(verloopt[1]) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(hours=7) < over <= dt.timedelta(hours=8, minutes=1)


@pytest.mark.parametrize(("uren_geleden", "toegang"), [(7.5, True), (8.5, False), (24 * 20, False)])
def test_sessie_van_langer_dan_acht_uur_geleden_wordt_geweigerd(server, uren_geleden, toegang):
    """Een sessiecookie, ondertekend op een tijdstip in het verleden (zoals een cookie die lang bewaard is)."""
    import time
    from unittest import mock

    klant = meld_aan(server, "raadslid")
    serializer = server.session_interface.get_signing_serializer(server)
    inhoud = serializer.loads(cookie(klant, "session"))
    assert inhoud.get("_user_id")
    with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - uren_geleden * 3600):
        oud = serializer.dumps(inhoud)
    bewaard = nieuwe_klant(server)
    bewaard.set_cookie("session", oud)
    assert bewaard.get("/_dash-layout").status_code == (200 if toegang else 401)


def test_antwoord_op_een_aanroep_van_voor_het_uitloggen_zet_de_sessie_niet_terug(server, fabriek):
    """Een Dash-aanroep die nog onderweg was toen de gebruiker uitlogde, krijgt een antwoord na het
    uitloggen. Zet dat antwoord de (oude) sessiecookie opnieuw, dan is de gebruiker in de browser
    gewoon weer aangemeld. Dus: een antwoord zet de sessiecookie alleen als de sessie veranderde."""
    klant = meld_aan_als_eigen_gebruiker(server, fabriek, "wethouder")
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    onderweg = nieuwe_klant(server)  # hetzelfde browsertabblad, met de cookies van vóór het uitloggen
    onderweg.environ_base["REMOTE_ADDR"] = klant.environ_base["REMOTE_ADDR"]
    onderweg.set_cookie("session", cookie(klant, "session"))
    onderweg.set_cookie(CSRF_COOKIE, cookie(klant, CSRF_COOKIE))
    token = csrf_uit_formulier(klant.get("/logout").get_data(as_text=True))
    assert klant.post("/logout", data={"csrf_token": token}).status_code == 302
    for antwoord in (
        onderweg.get("/_dash-layout"),
        dash_post(onderweg, server, router, {"_pages_location.pathname": "/"}, "_pages_location.pathname"),
    ):
        # De oude cookie zelf is na het uitloggen ongeldig (sessiegeneratie), en wordt niet teruggezet.
        assert antwoord.status_code == 401
        assert not set_cookies(antwoord, "session"), "het antwoord zette de aangemelde sessie terug"


def test_vervalste_sessiecookie_geeft_geen_toegang(server, klanten):
    echt = cookie(klanten["beheerder"], "session")
    for vervalst in (echt[:-2] + ("AA" if not echt.endswith("AA") else "BB"), "eyJfdXNlcl9pZCI6IjEifQ.abc.def", ""):
        klant = nieuwe_klant(server)
        klant.set_cookie("session", vervalst)
        assert klant.get("/_dash-layout").status_code == 401


def test_een_gekopieerde_sessiecookie_werkt_niet_meer_na_uitloggen(server, fabriek):
    """Uitloggen hoogt de sessiegeneratie van de gebruiker op: ook een vooraf gekopieerde cookie vervalt."""
    klant = meld_aan_als_eigen_gebruiker(server, fabriek, "raadslid")
    gekopieerd = cookie(klant, "session")
    token = csrf_uit_formulier(klant.get("/logout").get_data(as_text=True))
    assert klant.post("/logout", data={"csrf_token": token}).status_code == 302
    dief = nieuwe_klant(server)
    dief.set_cookie("session", gekopieerd)
    assert dief.get("/_dash-layout").status_code == 401


def test_uitloggen_via_de_knop_in_de_schil(server, fabriek):
    """De knop Uitloggen in de navigatie post een formulier met een geldig CSRF-token."""
    klant = meld_aan_als_eigen_gebruiker(server, fabriek, "wethouder")
    schil = klant.get("/_dash-layout").get_json()
    (formulier_token,) = [c["props"]["value"] for c in componenten(schil) if c["props"].get("id") == "shell-csrf"]
    assert klant.post("/logout", data={"csrf_token": formulier_token}).status_code == 302
    assert klant.get("/_dash-layout").status_code == 401


def test_afremmen_na_vijf_mislukte_pogingen(server, fabriek):
    email = "afremmen@almelo.nl"
    wachtwoord = "het-juiste-wachtwoord-123"
    maak_testgebruiker(fabriek, email, wachtwoord)
    klant = nieuwe_klant(server)
    for _ in range(5):
        antwoord = probeer_aan_te_melden(klant, email, "fout-wachtwoord")
        assert antwoord.status_code == 401
    zesde = probeer_aan_te_melden(klant, email, "fout-wachtwoord")
    assert zesde.status_code == 429
    assert "Te veel mislukte pogingen. Probeer het over" in zesde.get_data(as_text=True)
    # Ook het juiste wachtwoord wordt geweigerd zolang het afremmen duurt, ook vanaf een ander IP-adres.
    for poging in (klant, nieuwe_klant(server)):
        goed = probeer_aan_te_melden(poging, email, wachtwoord)
        assert goed.status_code == 429
        assert "Te veel mislukte pogingen" in goed.get_data(as_text=True)
        assert poging.get("/_dash-layout").status_code == 401
    # Andere accounts hebben er geen last van.
    assert probeer_aan_te_melden(nieuwe_klant(server), "raadslid@demo.almelo.nl", "demo-raadslid").status_code == 302


def test_login_post_zonder_csrf_token_wordt_geweigerd(server):
    klant = nieuwe_klant(server)
    klant.get("/login")
    zonder = klant.post("/login", data={"email": "raadslid@demo.almelo.nl", "wachtwoord": "demo-raadslid"})
    assert zonder.status_code == 400
    assert "CSRF" in zonder.get_data(as_text=True)
    vervalst = klant.post("/login", data={"csrf_token": "abc", "email": "raadslid@demo.almelo.nl",
                                          "wachtwoord": "demo-raadslid"})
    assert vervalst.status_code == 400
    assert klant.get("/_dash-layout").status_code == 401


# =========================================================================== 3. beveiligingsheaders
def csp(antwoord) -> dict[str, list[str]]:
    beleid = antwoord.headers.get("Content-Security-Policy")
    assert beleid, f"geen Content-Security-Policy op {antwoord.request.path}"
    uit = {}
    for richtlijn in beleid.split(";"):
        delen = richtlijn.split()
        if delen:
            uit[delen[0]] = delen[1:]
    return uit


def controleer_headers(antwoord) -> dict[str, list[str]]:
    beleid = csp(antwoord)
    assert beleid["frame-ancestors"] == ["'none'"]
    scripts = beleid.get("script-src", beleid.get("default-src"))
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "*" not in scripts and not any(s.startswith(("http:", "https:", "data:")) for s in scripts)
    assert beleid.get("object-src") == ["'none'"]
    assert antwoord.headers.get("X-Frame-Options") == "DENY"
    assert antwoord.headers.get("X-Content-Type-Options") == "nosniff"
    assert antwoord.headers.get("Referrer-Policy") in ("same-origin", "strict-origin", "no-referrer",
                                                       "strict-origin-when-cross-origin")
    return beleid


def test_headers_op_paginas_en_dash_antwoorden(server, klanten):
    klant = klanten["raadslid"]
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    antwoorden = [
        klant.get("/"),
        klant.get("/wijk/kerkelanden"),
        klant.get("/_dash-layout"),
        klant.get("/_dash-dependencies"),
        dash_post(klant, server, router, {"_pages_location.pathname": "/"}, "_pages_location.pathname"),
        nieuwe_klant(server).get("/login"),
        nieuwe_klant(server).get("/_dash-layout"),  # ook een weigering heeft de headers
        nieuwe_klant(server).get("/"),
    ]
    for antwoord in antwoorden:
        controleer_headers(antwoord)
        # Gegevens van een aangemelde gebruiker blijven niet in een (gedeelde) cache achter.
        assert "no-store" in antwoord.headers.get("Cache-Control", ""), antwoord.request.path
    assert antwoorden[4].status_code == 200


def test_vaste_bestanden_mogen_in_de_cache(server, klanten):
    """Het JavaScript van Dash is groot en verandert niet per gebruiker: dat krijgt geen no-store."""
    html = klanten["raadslid"].get("/").get_data(as_text=True)
    bundels = re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)
    assert bundels
    antwoord = klanten["raadslid"].get(bundels[0])
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.headers.get("Cache-Control", "")
    assert CSRF_COOKIE not in " ".join(antwoord.headers.getlist("Set-Cookie"))


def test_csp_bevat_de_hash_van_elk_inline_script_van_dash(server, klanten):
    """Elk inline script op de pagina staat met zijn sha256 in script-src; dus geen 'unsafe-inline' nodig."""
    antwoord = klanten["raadslid"].get("/")
    beleid = controleer_headers(antwoord)
    html = antwoord.get_data(as_text=True)
    inline = [
        inhoud for attributen, inhoud in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.DOTALL)
        if "src=" not in attributen and "application/json" not in attributen
    ]
    assert inline, "verwacht minstens het inline script van de Dash-renderer"
    for inhoud in inline:
        digest = base64.b64encode(hashlib.sha256(inhoud.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in beleid["script-src"], inhoud[:80]
    hashes = [s for s in beleid["script-src"] if s.startswith("'sha256-")]
    assert hashes and len(hashes) == len(set(hashes))
    # Geen inline event-handlers (die laat de CSP niet toe).
    assert not re.search(r"<[^>]+\son[a-z]+=", html)


def test_loginpagina_heeft_geen_inline_script(server):
    html = nieuwe_klant(server).get("/login").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert not re.search(r"<[^>]+\son[a-z]+=", html)


PRODUCTIE_SCRIPT = textwrap.dedent("""
    import json, re, sys
    from dashboard import create_app
    from dashboard.config import Config, ConfigFout

    demo_db, leeg_db, map_ = sys.argv[1:4]
    uit = {}
    for naam, config in {
        "standaardsleutel": Config(database_url=leeg_db, modus="productie", instance_map=map_),
        "demo_accounts": Config(database_url=demo_db, secret_key="d" * 48, modus="productie", instance_map=map_),
    }.items():
        try:
            create_app(config)
            uit[naam] = None
        except ConfigFout as fout:
            uit[naam] = str(fout)

    server = create_app(Config(database_url=leeg_db, secret_key="p" * 48, modus="productie", instance_map=map_))
    from dashboard.database import sessiefabriek
    from datalaag.autorisatie import Actor
    from datalaag.gebruikers import maak_gebruiker
    with sessiefabriek(server)() as sessie, sessie.begin():
        maak_gebruiker(sessie, Actor.opdrachtregel(), naam="Bea Heer", email="beheer@almelo.nl", rol="beheerder",
                       wachtwoord="een-lang-productiewachtwoord")

    def antwoord(r):
        return {"status": r.status_code, "cookies": r.headers.getlist("Set-Cookie"),
                "headers": {k: v for k, v in r.headers.items() if k != "Set-Cookie"},
                "tekst": r.get_data(as_text=True)[:20000]}

    basis = "https://wijkaanpak.almelo.nl"
    klant = server.test_client()
    login = klant.get("/login", base_url=basis)
    uit["login_get"] = antwoord(login)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.get_data(as_text=True))[1]
    data = {"csrf_token": token, "email": "beheer@almelo.nl", "wachtwoord": "een-lang-productiewachtwoord"}
    uit["login_zonder_referer"] = antwoord(klant.post("/login", data=data, base_url=basis))
    uit["login_andere_referer"] = antwoord(klant.post("/login", data=data, base_url=basis,
                                                      headers={"Referer": "https://evil.example/login"}))
    uit["login_post"] = antwoord(klant.post("/login", data=data, base_url=basis,
                                            headers={"Referer": basis + "/login"}))
    uit["pagina"] = antwoord(klant.get("/", base_url=basis))
    print("RESULTAAT" + json.dumps(uit))
""")


@pytest.fixture(scope="module")
def productie(server, tmp_path_factory) -> dict:
    """De productiemodus in een eigen proces (één create_app per proces)."""
    map_ = tmp_path_factory.mktemp("productie")
    demo_db = f"sqlite:///{server.extensions['test_database_pad']}"
    uit = subprocess.run(
        [sys.executable, "-c", PRODUCTIE_SCRIPT, demo_db, f"sqlite:///{map_ / 'leeg.db'}", str(map_)],
        cwd=PROJECT_MAP, capture_output=True, text=True, timeout=120, check=False,
    )
    assert uit.returncode == 0, uit.stderr[-3000:]
    regel = next(r for r in uit.stdout.splitlines() if r.startswith("RESULTAAT"))
    return json.loads(regel.removeprefix("RESULTAAT"))


def _kenmerken(set_cookie: str) -> list[str]:
    return [d.strip().lower() for d in set_cookie.split(";")]


def test_productie_weigert_te_starten_met_standaardsleutel_of_demo_accounts(productie):
    assert productie["standaardsleutel"] and "SECRET_KEY" in productie["standaardsleutel"]
    assert productie["demo_accounts"] and "demo-accounts" in productie["demo_accounts"]


def test_productie_cookies_zijn_secure_en_hsts_staat_aan(productie):
    get, post = productie["login_get"], productie["login_post"]
    assert get["status"] == 200
    assert "login-demo-accounts" not in get["tekst"] and "@demo.almelo.nl" not in get["tekst"]
    assert post["status"] == 302, post["tekst"][:300]
    for antwoord in (get, post):
        cookies = {c.split("=", 1)[0]: _kenmerken(c) for c in antwoord["cookies"]}
        assert {"session", CSRF_COOKIE} <= set(cookies), antwoord["cookies"]
        for naam, kenmerken in cookies.items():
            assert "secure" in kenmerken, f"cookie {naam} zonder Secure"
            assert "samesite=lax" in kenmerken
        assert "httponly" in cookies["session"]
    for antwoord in (get, post, productie["pagina"]):
        hsts = antwoord["headers"].get("Strict-Transport-Security", "")
        assert re.search(r"max-age=(\d+)", hsts) and int(re.search(r"max-age=(\d+)", hsts)[1]) >= 15552000
        assert antwoord["headers"].get("X-Frame-Options") == "DENY"
    assert productie["pagina"]["status"] == 200


def test_productie_weigert_formulierpost_van_een_andere_site(productie):
    """Over HTTPS controleert Flask-WTF ook de Referer (WTF_CSRF_SSL_STRICT): een post zonder of met
    een vreemde Referer wordt geweigerd, zelfs met een geldig token."""
    for naam in ("login_zonder_referer", "login_andere_referer"):
        assert productie[naam]["status"] == 400, naam
        assert "niets opgeslagen" in productie[naam]["tekst"]


# =========================================================================== 2. de matrix rol × schrijfactie
@pytest.fixture(scope="module")
def omgeving(server, fabriek, klanten) -> Omgeving:
    return Omgeving(server, fabriek, klanten)


def _evaluatie(fabriek, wijk_id: int, jaar: int):
    from datalaag.models import Evaluatie

    with fabriek() as sessie:
        return sessie.scalars(select(Evaluatie).where(Evaluatie.wijk_id == wijk_id, Evaluatie.jaar == jaar)).first()


def _maak_evaluatie(omgeving: Omgeving, wijk_id: int, jaar: int, *, indienen: bool) -> tuple[int, int]:
    """Zet via de datalaag (als beheerder op de opdrachtregel) een evaluatie klaar; geeft (id, versie)."""
    from datalaag.autorisatie import Actor
    from datalaag.evaluaties import KOPVELDEN, EvaluatieInvoer, bewaar_evaluatie

    velden, _ = omgeving.formulier("/invoer/evaluatie", "evaluatie")
    waarden = {k: ("5,0" if "cijfer" in k or "waardering" in k else vul_in(k)) for k in velden}
    invoer = EvaluatieInvoer(wijk_id=wijk_id, jaar=jaar, **{k: waarden.get(k) for k in KOPVELDEN},
                             regels={k: v for k, v in waarden.items() if k not in KOPVELDEN})
    with omgeving.fabriek() as sessie, sessie.begin():
        uitkomst = bewaar_evaluatie(sessie, Actor.opdrachtregel("testvoorbereiding"), invoer, 0, indienen=indienen)
    return uitkomst.evaluatie_id, uitkomst.versie


def _evaluatie_opslaan_voorbereiden(indienen: bool):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        wijk_id, jaar = omgeving.vrije_evaluatieplek(actor.wijk)
        evaluatie_id, versie = None, 0
        if variant == "bestaand":
            evaluatie_id, versie = _maak_evaluatie(omgeving, wijk_id, jaar, indienen=False)
        velden, _ = omgeving.formulier("/invoer/evaluatie", "evaluatie")
        waarden = {
            "evaluatie-veld.value": {k: vul_in(k) for k in velden},
            "evaluatie-basis.data": {"wijk_id": wijk_id, "jaar": jaar, "versie": versie,
                                     "evaluatie_id": evaluatie_id},
        }
        return waarden, {"wijk_id": wijk_id, "jaar": jaar, "versie": versie, "indienen": indienen}
    return voorbereiden


def _evaluatie_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    evaluatie = _evaluatie(omgeving.fabriek, plek["wijk_id"], plek["jaar"])
    assert evaluatie is not None, "de evaluatie is niet opgeslagen"
    assert evaluatie.klanttevredenheid_cijfer == Decimal("7.5")
    assert evaluatie.versie == plek["versie"] + 1
    assert evaluatie.status == ("ingediend" if plek["indienen"] else "concept")
    return "evaluatie"


def _vaststellen_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    wijk_id, jaar = omgeving.vrije_evaluatieplek(actor.wijk)
    evaluatie_id, versie = _maak_evaluatie(omgeving, wijk_id, jaar, indienen=True)
    waarden = {
        "evaluatiebesluit-veld/raadsbesluit.value": "Raadsbesluit 2026-17: de evaluatie is besproken en vastgesteld.",
        "evaluatiebesluit-veld/raadsbesluit_datum.value": f"{VANDAAG:%d-%m-%Y}",
        "evaluatie-basis.data": {"wijk_id": wijk_id, "jaar": jaar, "versie": versie, "evaluatie_id": evaluatie_id},
    }
    return waarden, {"wijk_id": wijk_id, "jaar": jaar, "versie": versie}


def _vastgesteld(omgeving: Omgeving, plek: dict) -> str:
    evaluatie = _evaluatie(omgeving.fabriek, plek["wijk_id"], plek["jaar"])
    assert evaluatie.status == "vastgesteld"
    assert evaluatie.raadsbesluit.startswith("Raadsbesluit 2026-17")
    assert evaluatie.raadsbesluit_datum == VANDAAG
    return "evaluatie"


def _wijkanalyse(fabriek, wijk_id: int, datum: dt.date):
    from datalaag.models import Wijkanalyse

    with fabriek() as sessie:
        analyse = sessie.scalars(select(Wijkanalyse).where(Wijkanalyse.wijk_id == wijk_id,
                                                           Wijkanalyse.datum == datum)).first()
        regels = [] if analyse is None else list(analyse.regels)
        return analyse, regels


def _wijkanalyse_opslaan_voorbereiden(indienen: bool):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        from datalaag.autorisatie import Actor
        from datalaag.wijkanalyses import WijkanalyseInvoer, bewaar_wijkanalyse

        wijk_id, datum = omgeving.vrije_wijkanalyseplek(actor.wijk)
        velden, basis = omgeving.formulier("/invoer/wijkanalyse", "wijkanalyse")
        invul = {k: vul_in(k) for k in velden}
        invul["datum"] = f"{datum:%d-%m-%Y}"  # één wijkanalyse per wijk per dag
        analyse_id, versie = None, 0
        if variant == "bestaand":
            invoer = WijkanalyseInvoer(wijk_id=wijk_id, datum=invul["datum"], regels={
                k: ("5,0" if k.endswith("waardering") else v) for k, v in invul.items() if k.startswith("ambitie.")})
            with omgeving.fabriek() as sessie, sessie.begin():
                uitkomst = bewaar_wijkanalyse(sessie, Actor.opdrachtregel("testvoorbereiding"), invoer, 0)
            analyse_id, versie = uitkomst.wijkanalyse_id, uitkomst.versie
        waarden = {
            "wijkanalyse-veld.value": invul,
            "wijkanalyse-basis.data": {**basis, "wijk_id": wijk_id, "wijkanalyse_id": analyse_id, "versie": versie},
        }
        return waarden, {"wijk_id": wijk_id, "datum": datum, "versie": versie, "indienen": indienen}
    return voorbereiden


def _wijkanalyse_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    analyse, regels = _wijkanalyse(omgeving.fabriek, plek["wijk_id"], plek["datum"])
    assert analyse is not None, "de wijkanalyse is niet opgeslagen"
    assert analyse.versie == plek["versie"] + 1
    assert analyse.status == ("ingediend" if plek["indienen"] else "concept")
    assert regels and all(r.waardering == Decimal("7.5") for r in regels)
    return "wijkanalyse"


_BEZETTE_PEILDATA: set[tuple[int, dt.date]] = set()
IMPORT_INDICATOR = "Sociale cohesie (schaalscore 0–10)"


def _meting(fabriek, wijk_id: int, peildatum: dt.date):
    from datalaag.models import Indicator, Meting

    with fabriek() as sessie:
        return sessie.scalars(select(Meting).join(Indicator, Meting.indicator_id == Indicator.id).where(
            Meting.wijk_id == wijk_id, Meting.peildatum == peildatum, Indicator.naam == IMPORT_INDICATOR)).first()


def _import_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    """Een CSV met één meting (één wijk, zodat de Mutatie die wijk heeft) op een vrije kwartaaldatum."""
    from datalaag.models import Wijk

    wijk_id = omgeving.wijken[actor.wijk][0]
    kwartaaleinden = [dt.date(j, m, d) for j in range(2000, VANDAAG.year)
                      for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    peildatum = next(p for p in kwartaaleinden if (wijk_id, p) not in _BEZETTE_PEILDATA
                     and _meting(omgeving.fabriek, wijk_id, p) is None)
    _BEZETTE_PEILDATA.add((wijk_id, peildatum))
    with omgeving.fabriek() as sessie:
        wijk = sessie.get(Wijk, wijk_id).naam
    csv = f"wijk;indicator;peildatum;waarde;periode;bron\n{wijk};{IMPORT_INDICATOR};{peildatum:%d-%m-%Y};6,5;kwartaal;Test\n"
    waarden = {
        "import-upload.contents": "data:text/csv;base64," + base64.b64encode(csv.encode()).decode(),
        "import-upload.filename": "beveiligingstest.csv",
        "import-soort.value": "metingen",
    }
    return waarden, {"wijk_id": wijk_id, "peildatum": peildatum}


def _geimporteerd(omgeving: Omgeving, plek: dict) -> str:
    meting = _meting(omgeving.fabriek, plek["wijk_id"], plek["peildatum"])
    assert meting is not None, "de meting is niet geïmporteerd"
    assert meting.waarde == Decimal("6.5") and meting.periode == "kwartaal"
    return "import"


def _voortgang_voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
    """Een maatregel in een eigen of andere wijk die vandaag een melding kan krijgen (gestart, geen latere melding)."""
    from sqlalchemy import or_

    from datalaag.models import Maatregel, MaatregelVoortgang, Wijkplan

    laatste = (select(func.max(MaatregelVoortgang.datum)).where(MaatregelVoortgang.maatregel_id == Maatregel.id)
               .correlate(Maatregel).scalar_subquery())
    with omgeving.fabriek() as sessie:
        m = sessie.execute(
            select(Maatregel.id, Maatregel.versie, Maatregel.voortgang, Wijkplan.wijk_id)
            .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
            .where(Wijkplan.wijk_id.in_(omgeving.wijken[actor.wijk]),
                   or_(Maatregel.start.is_(None), Maatregel.start <= VANDAAG),
                   or_(laatste.is_(None), laatste <= VANDAAG))
            .order_by(Maatregel.id)
        ).first()
    assert m is not None, f"geen maatregel in een {actor.wijk} wijk"
    percentage = 37 if m.voortgang != 37 else 38
    waarden = {
        "voortgang-veld.value": {"percentage": str(percentage), "status": "in_uitvoering",
                                 "toelichting": "Ingevuld door de beveiligingstest", "datum": f"{VANDAAG:%d-%m-%Y}"},
        "voortgang-basis.data": {"maatregel_id": m.id, "versie": m.versie},
    }
    return waarden, {"wijk_id": m.wijk_id, "maatregel_id": m.id, "versie": m.versie, "percentage": percentage}


def _voortgang_opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import Maatregel, MaatregelVoortgang

    with omgeving.fabriek() as sessie:
        m = sessie.get(Maatregel, plek["maatregel_id"])
        assert (m.voortgang, m.status, m.versie) == (plek["percentage"], "in_uitvoering", plek["versie"] + 1)
        laatste = sessie.scalars(select(MaatregelVoortgang).where(MaatregelVoortgang.maatregel_id == m.id)
                                 .order_by(MaatregelVoortgang.id.desc())).first()
        assert (laatste.datum, laatste.voortgang) == (VANDAAG, plek["percentage"])
    return "maatregel"


SCHRIJFACTIES = (
    Schrijfactie("evaluatie-opslaan", "pagina.invoer_evaluatie", "_opslaan", "evaluatie-opslaan.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _evaluatie_opslaan_voorbereiden(False), _evaluatie_opgeslagen),
    Schrijfactie("evaluatie-indienen", "pagina.invoer_evaluatie", "_opslaan", "evaluatie-indienen.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _evaluatie_opslaan_voorbereiden(True), _evaluatie_opgeslagen),
    Schrijfactie("evaluatie-vaststellen", "pagina.invoer_evaluatie", "_vaststellen_callback",
                 "evaluatie-vaststellen.n_clicks", ("ingediend",), frozenset({"beheerder"}),
                 _vaststellen_voorbereiden, _vastgesteld),
    # pagina/invoer_wijkanalyse.py: dezelfde opzet; de rijen slaan over zolang de pagina er niet is.
    Schrijfactie("wijkanalyse-opslaan", "pagina.invoer_wijkanalyse", "_opslaan", "wijkanalyse-opslaan.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _wijkanalyse_opslaan_voorbereiden(False),
                 _wijkanalyse_opgeslagen),
    Schrijfactie("wijkanalyse-indienen", "pagina.invoer_wijkanalyse", "_opslaan", "wijkanalyse-indienen.n_clicks",
                 ("nieuw", "bestaand"), WIJKSCHRIJVERS, _wijkanalyse_opslaan_voorbereiden(True),
                 _wijkanalyse_opgeslagen),
    # pagina/invoer_import.py: "Importeren" (de proef gaat door dezelfde callback en schrijft niets).
    Schrijfactie("import-importeren", "pagina.invoer_import", "_verwerk", "import-importeren.n_clicks",
                 ("nieuw",), WIJKSCHRIJVERS, _import_voorbereiden, _geimporteerd),
    # pagina/invoer_voortgang.py: een voortgangsmelding bij een bestaande maatregel.
    Schrijfactie("voortgang-opslaan", "pagina.invoer_voortgang", "_opslaan", "voortgang-opslaan.n_clicks",
                 ("bestaand",), WIJKSCHRIJVERS, _voortgang_voorbereiden, _voortgang_opgeslagen),
)
SCHRIJFACTIES = SCHRIJFACTIES + alle_schrijfacties()
MATRIX = [
    pytest.param(actie, variant, actor, id=f"{actie.naam}-{variant}-{actor.naam}")
    for actie in SCHRIJFACTIES for variant in actie.varianten for actor in ACTOREN
]


@pytest.mark.parametrize(("actie", "variant", "actor"), MATRIX)
def test_matrix_rol_x_schrijfactie(omgeving, server, fabriek, actie: Schrijfactie, variant: str, actor: Actorgeval):
    """POST rechtstreeks naar /_dash-update-component, zoals elke rol (en zonder sessie) dat kan; alleen
    de toegestane rollen veranderen iets, en dan precies met één Mutatie op hun naam."""
    uitvoer = callback_sleutel(server, actie.module, actie.functie)
    assert uitvoer is not None, f"callback {actie.module}.{actie.functie} ontbreekt"
    klant = omgeving.klant(actor)
    waarden, plek = actie.voorbereiden(omgeving, actor, variant)
    voor, vorige_mutatie = toestand(fabriek), laatste_mutatie_id(fabriek)

    antwoord = dash_post(klant, server, uitvoer, waarden, actie.trigger)

    if actor.rol is None:
        assert antwoord.status_code == 401
    else:
        assert antwoord.status_code == 200, antwoord.get_data(as_text=True)[:1000]
    if actor.naam in actie.toegestaan:
        entiteit = actie.controleer_opgeslagen(omgeving, plek)
        (mutatie,) = nieuwe_mutaties(fabriek, vorige_mutatie)
        assert mutatie.gebruiker_id == gebruiker_id(fabriek, actor.rol)
        assert mutatie.entiteit == entiteit and mutatie.wijk_id == plek["wijk_id"]
    else:
        assert verschil_in_toestand(voor, toestand(fabriek)) == {}, "een niet-toegestane rol veranderde iets"
        if actor.rol is not None:
            tekst = antwoord.get_data(as_text=True)
            assert "mag" in tekst, "de weigering zegt niet dat de gebruiker dit niet mag"


# --------------------------------------------------------------------------- dekking van de matrix
BEKENDE_SCHRIJFCALLBACKS = {
    ("pagina.invoer_evaluatie", "_opslaan"),
    ("pagina.invoer_evaluatie", "_vaststellen_callback"),
    ("pagina.invoer_import", "_verwerk"),
    ("pagina.invoer_voortgang", "_opslaan"),
    *((a.module, a.functie) for a in alle_schrijfacties()),
}


def _namen_in_code(code: types.CodeType) -> set[str]:
    namen = set(code.co_names)
    for constante in code.co_consts:
        if isinstance(constante, types.CodeType):
            namen |= _namen_in_code(constante)
    return namen


def _roept_aan(functie, doel: Callable[[object], bool], gezien: set | None = None) -> bool:
    """Of ``functie`` (of een functie uit ``pagina``/``datalaag`` die zij aanroept, enz.) iets gebruikt
    waarvoor ``doel`` waar is. Volgt namen uit de globals van elke functie."""
    gezien = set() if gezien is None else gezien
    if id(functie) in gezien or not isinstance(functie, types.FunctionType):
        return False
    gezien.add(id(functie))
    if doel(functie):
        return True
    for naam in _namen_in_code(functie.__code__):
        verwezen = functie.__globals__.get(naam)
        if (isinstance(verwezen, types.FunctionType) and verwezen.__module__.startswith(("pagina.", "datalaag."))
                and _roept_aan(verwezen, doel, gezien)):
            return True
    return False


def _is_schrijfservice(functie) -> bool:
    """Een functie in de datalaag die autoriseert (``datalaag.autorisatie.eis``) of het dossier schrijft
    (``datalaag.mutaties.leg_vast``): dat doet elke schrijfservice, en alleen een schrijfservice."""
    from datalaag import autorisatie, mutaties

    if not functie.__module__.startswith("datalaag."):
        return False
    namen = _namen_in_code(functie.__code__)
    waarden = [functie.__globals__.get(n) for n in namen]
    if any(w is autorisatie.eis or w is mutaties.leg_vast for w in waarden):
        return True
    # Ook via de module aangeroepen: ``autorisatie.eis(...)`` / ``mutaties.leg_vast(...)``.
    return (("eis" in namen and any(w is autorisatie for w in waarden))
            or ("leg_vast" in namen and any(w is mutaties for w in waarden)))


def _opent_transactie(functie) -> bool:
    """Een paginafunctie die een transactie opent (``sessie.begin()``): alleen nodig om te schrijven."""
    return functie.__module__.startswith("pagina.") and "begin" in _namen_in_code(functie.__code__)


def schrijvende_callbacks(server) -> set[tuple[str, str]]:
    """De callbacks uit een paginamodule die schrijven.

    Regel: een callback schrijft als zijn functie — of een functie uit ``pagina``/``datalaag`` die zij
    (indirect) aanroept — een schrijfservice van de datalaag aanroept, herkenbaar aan wat elke
    schrijfservice volgens de codebase moet doen: autoriseren met ``eis(...)`` of het dossier schrijven
    met ``leg_vast(...)``; of als een paginafunctie zelf een transactie opent met ``.begin()``. De
    regel kijkt naar de code (de namen die een functie gebruikt, gevolgd door de globals), niet naar
    namen van knoppen of meldingen: zo valt elke nieuwe schrijvende callback eronder, hoe hij ook
    heet; een callback die alleen leest (``lees_sessie``, queries) niet.
    """
    uit = set()
    for cb in dash_app(server).callback_map.values():
        functie = cb.get("callback")
        if functie is None or not functie.__module__.startswith("pagina."):
            continue
        functie = getattr(functie, "__wrapped__", functie)
        if _roept_aan(functie, lambda f: _is_schrijfservice(f) or _opent_transactie(f)):
            uit.add((functie.__module__, functie.__name__))
    return uit


def test_elke_schrijvende_callback_staat_in_de_matrix(server, klanten):
    gevonden = schrijvende_callbacks(server)
    # De regel herkent in elk geval de schrijvende callbacks die we kennen (anders test hij niets).
    assert BEKENDE_SCHRIJFCALLBACKS <= gevonden, BEKENDE_SCHRIJFCALLBACKS - gevonden
    gedekt = {(a.module, a.functie) for a in SCHRIJFACTIES if callback_sleutel(server, a.module, a.functie)}
    assert gevonden == gedekt, (
        f"schrijvende callbacks zonder rij in de matrix: {sorted(gevonden - gedekt)}; "
        f"rijen voor callbacks die niet (meer) schrijven: {sorted(gedekt - gevonden)}"
    )
    # Rijen die naar een ontbrekende callback verwijzen, mogen alleen de wijkanalyse betreffen.
    ontbrekend = {(a.module, a.functie) for a in SCHRIJFACTIES} - gedekt
    assert ontbrekend <= {("pagina.invoer_wijkanalyse", "_opslaan")}, ontbrekend


def test_de_regel_herkent_geen_leescallbacks_als_schrijvend(server, klanten):
    """Tegenproef van de regel: bekende leescallbacks tellen niet als schrijvend."""
    gevonden = schrijvende_callbacks(server)
    assert ("pagina.invoer_evaluatie", "_keuze_naar_url") not in gevonden
    assert not any(module in ("pagina.overzicht", "pagina.wijk", "pagina.vergelijk") for module, _ in gevonden)


# =========================================================================== CSRF op de Dash-callbacks
@pytest.fixture
def evaluatie_post(omgeving, server):
    """Een opslag-POST voor een nieuwe evaluatie in een eigen wijk van de coördinator."""
    uitvoer = callback_sleutel(server, "pagina.invoer_evaluatie", "_opslaan")
    assert uitvoer
    actor = ACTOR_OP_NAAM["coordinator-eigen-wijk"]
    waarden, plek = _evaluatie_opslaan_voorbereiden(False)(omgeving, actor, "nieuw")
    return uitvoer, waarden, plek


@pytest.mark.parametrize("token", [None, "", "vervalst", "van-een-andere-sessie", "formulierveld"])
def test_callback_zonder_geldig_csrf_token_verandert_niets(server, fabriek, klanten, evaluatie_post, token):
    uitvoer, waarden, plek = evaluatie_post
    klant = klanten["coordinator"]
    if token == "van-een-andere-sessie":
        token = cookie(klanten["beheerder"], CSRF_COOKIE)
    voor = toestand(fabriek)
    if token == "formulierveld":
        # Het token als veld in de JSON-body telt niet: Dash-aanroepen moeten de header hebben.
        body = {**dash_body(server, uitvoer, waarden, "evaluatie-opslaan.n_clicks"),
                "csrf_token": cookie(klant, CSRF_COOKIE)}
        antwoord = klant.post("/_dash-update-component", json=body)
    else:
        antwoord = dash_post(klant, server, uitvoer, waarden, "evaluatie-opslaan.n_clicks", csrf=token)
    assert antwoord.status_code == 400
    assert "CSRF" in antwoord.get_json()["fout"] and "niets opgeslagen" in antwoord.get_json()["fout"]
    assert verschil_in_toestand(voor, toestand(fabriek)) == {}
    assert _evaluatie(fabriek, plek["wijk_id"], plek["jaar"]) is None


def test_callback_met_csrf_header_uit_de_cookie_werkt(server, fabriek, klanten, evaluatie_post):
    uitvoer, waarden, plek = evaluatie_post
    klant = klanten["coordinator"]
    vorige = laatste_mutatie_id(fabriek)
    antwoord = dash_post(klant, server, uitvoer, waarden, "evaluatie-opslaan.n_clicks")
    assert antwoord.status_code == 200, antwoord.get_data(as_text=True)[:500]
    assert "Opgeslagen als concept" in antwoord.get_data(as_text=True)
    evaluatie = _evaluatie(fabriek, plek["wijk_id"], plek["jaar"])
    assert evaluatie is not None and evaluatie.status == "concept"
    assert len(nieuwe_mutaties(fabriek, vorige)) == 1


def test_csrf_cookie_wordt_gezet_en_blijft_bruikbaar(server, klanten):
    """De renderer leest de cookie bij elke aanroep; ze blijft geldig na opeenvolgende verzoeken."""
    klant = klanten["raadslid"]
    router = next(k for k in dash_app(server).callback_map if "_pages_content.children" in k)
    for pad in ("/", "/wijk/kerkelanden", "/budget"):
        antwoord = dash_post(klant, server, router, {"_pages_location.pathname": pad}, "_pages_location.pathname")
        assert antwoord.status_code == 200
        assert cookie(klant, CSRF_COOKIE)
