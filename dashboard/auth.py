"""Aanmelden met Flask-Login: ``/login``, ``/logout`` en de eis dat elke pagina een aangemelde gebruiker heeft.

- De sessie staat in Flasks ondertekende cookie (geen serverstatus), zodat elke gunicorn-worker
  hem kan lezen. In de cookie staat alleen ``<id>:<vingerafdruk van de wachtwoordhash>``.
- Een sessie geldt ten hoogste ``SESSIEDUUR`` (8 uur) na het aanmelden; de cookie wordt alleen
  opnieuw gezet als de sessie verandert.
- Bij elk verzoek wordt de gebruiker opnieuw uit de database gelezen: een uitgeschakeld account of
  een nieuw wachtwoord werkt meteen.
- Niet aangemeld: pagina's sturen door naar ``/login?volgende=…``; Dash-verzoeken krijgen 401.
- Callbacks vragen ``huidige_actor()`` en geven die aan de schrijfservice in de datalaag, die zelf
  beslist of het mag.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from flask import Flask, abort, jsonify, redirect, render_template, request, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from dashboard.database import sessiefabriek
from datalaag.autorisatie import Actor

SESSIEDUUR = dt.timedelta(hours=8)
# Zonder aanmelding bereikbaar: de aanmeldpagina zelf, haar opmaak, het pictogram en de
# gezondheidscontrole. Niet "/favicon.ico": die route bestaat niet, dus de vangroute van Dash gaf daar
# de app zelf (index-HTML) aan wie niet was aangemeld.
OPEN_PADEN = ("/login", "/logout", "/gezond", "/_favicon.ico", "/openbaar", "/api/v1")
# Openbaar (notitie §3.10): de openbare wijkpagina's en de open-data-API, zonder aanmelden.
OPEN_VOORVOEGSELS = ("/vendor/", "/assets/", "/openbaar/", "/api/v1/")
MAX_VOLGENDE = 2000  # langer is geen echte link binnen de app
RECHTEN_TEKST = {
    "raadslid": "niets (alles lezen, exporteren, presenteren)",
    "wethouder": "toezeggingen van de eigen portefeuille",
    "griffie": "de toezeggingenlijst",
    "coordinator": "evaluaties, wijkanalyses, metingen, voortgang, uitgaven en meldingen van de eigen wijken",
    "beheerder": "alles, ook gebruikers en referentiegegevens",
}


class Aangemeld(UserMixin):
    """De aangemelde gebruiker voor Flask-Login; ``actor`` gaat mee naar de datalaag."""

    def __init__(self, sleutel: str, actor: Actor):
        self.sleutel = sleutel
        self.actor = actor

    def get_id(self) -> str:
        return self.sleutel


def huidige_actor() -> Actor | None:
    """De actor van dit verzoek, of ``None`` als niemand is aangemeld."""
    gebruiker = current_user
    if gebruiker is None or not getattr(gebruiker, "is_authenticated", False):
        return None
    return gebruiker.actor


def _veilige_volgende(doel: str | None) -> str:
    """Alleen een pad binnen deze site (geen open redirect naar elders)."""
    if not doel or not isinstance(doel, str) or len(doel) > MAX_VOLGENDE:
        return "/"
    # Stuurtekens (CR/LF, tab, NUL …): browsers negeren sommige ervan ("/\t/elders.nl" wordt
    # "//elders.nl") en CR/LF in de Location-header gaf een serverfout.
    if any(ord(teken) < 32 or ord(teken) == 127 for teken in doel):
        return "/"
    delen = urlsplit(doel)
    if delen.scheme or delen.netloc or not doel.startswith("/") or doel.startswith("//") or "\\" in doel:
        return "/"
    return doel


def _klant_ip() -> str:
    # Achter een reverse proxy zet ProxyFix (productie) remote_addr goed; hier nooit X-Forwarded-For vertrouwen.
    return request.remote_addr or "onbekend"


def init_auth(server: Flask, is_demo: bool) -> None:
    beheer = LoginManager()
    beheer.session_protection = "basic"
    beheer.init_app(server)
    # Niet ``setdefault``: Flask heeft zelf al 31 dagen als standaard, en dan bleef een sessie een maand geldig.
    server.config["PERMANENT_SESSION_LIFETIME"] = SESSIEDUUR
    # De sessiecookie alleen opnieuw sturen als de sessie verandert (aanmelden, uitloggen), niet bij elk
    # antwoord. Anders zette het antwoord op een Dash-aanroep die nog onderweg was tijdens het uitloggen
    # de oude, aangemelde sessiecookie terug: dan was de gebruiker na "Uitloggen" toch weer aangemeld.
    # Gevolg: een sessie duurt vanaf het aanmelden ten hoogste SESSIEDUUR (een werkdag).
    server.config["SESSION_REFRESH_EACH_REQUEST"] = False

    @beheer.user_loader
    def _laad(sleutel: str) -> Aangemeld | None:
        from datalaag.gebruikers import actor_voor_sessiesleutel

        with sessiefabriek()() as sessie:
            actor = actor_voor_sessiesleutel(sessie, sleutel)
        return None if actor is None else Aangemeld(sleutel, actor)

    def _eis_aanmelding():
        pad = request.path
        if pad in OPEN_PADEN or pad.startswith(OPEN_VOORVOEGSELS):
            return None
        if current_user.is_authenticated:
            return None
        if pad.startswith(("/_dash-", "/_reload-hash", "/_favicon")) or request.method != "GET":
            return jsonify(fout="Niet aangemeld. Meld u aan via /login."), 401
        volgende = request.full_path if request.query_string else pad
        return redirect("/login?" + _query(volgende=volgende))

    # Als eerste controle, dus vóór de CSRF-controle van Flask-WTF (die eerder geregistreerd is):
    # een niet-aangemelde aanroep krijgt altijd 401 "Niet aangemeld" (of de doorverwijzing naar
    # /login), ook als zijn sessie verlopen is en er dus geen CSRF-token meer bij hoort. Anders zag
    # een gebruiker met een verlopen sessie een CSRF-fout in plaats van de vraag om aan te melden.
    server.before_request_funcs.setdefault(None, []).insert(0, _eis_aanmelding)

    def _toon(melding: str | None = None, email: str = "", status: int = 200, **extra):
        demo = []
        if is_demo:
            from datalaag.gebruikers import demo_accounts

            with sessiefabriek()() as sessie:
                demo = demo_accounts(sessie)
        from dashboard import BOOTSTRAP_URL

        return render_template(
            "login.html", titel=extra.pop("titel", "Inloggen"), melding=melding, email=email,
            volgende=_veilige_volgende(request.values.get("volgende")), csrf_token=generate_csrf(),
            demo=is_demo, demo_accounts=demo, rechten=RECHTEN_TEKST, bootstrap_url=BOOTSTRAP_URL,
            uitgelogd=request.args.get("uitgelogd") == "1", **extra,
        ), status

    @server.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            if current_user.is_authenticated:
                return redirect(_veilige_volgende(request.args.get("volgende")))
            return _toon()
        from datalaag.gebruikers import meld_aan

        email = request.form.get("email", "")
        with sessiefabriek()() as sessie, sessie.begin():
            uitkomst = meld_aan(sessie, email, request.form.get("wachtwoord", ""), _klant_ip())
        if uitkomst.actor is None:
            return _toon(uitkomst.melding, email=email[:254], status=429 if uitkomst.geblokkeerd else 401)
        # Nieuwe sessie bij aanmelden (geen sessiefixatie); het CSRF-token wordt daarmee ook nieuw.
        session.clear()
        session.permanent = True
        login_user(Aangemeld(uitkomst.sleutel, uitkomst.actor))
        return redirect(_veilige_volgende(request.form.get("volgende")))

    @server.route("/logout", methods=["GET", "POST"])
    def logout():
        if request.method == "GET":
            if not current_user.is_authenticated:
                return redirect("/login")
            return _toon(titel="Uitloggen", bevestig_uitloggen=True)
        actor = huidige_actor()
        if actor is not None and actor.gebruiker_id is not None:
            from datalaag.gebruikers import beeindig_sessies

            with sessiefabriek()() as sessie, sessie.begin():
                beeindig_sessies(sessie, actor.gebruiker_id)
        logout_user()
        session.clear()
        return redirect("/login?uitgelogd=1")

    @server.get("/gezond")
    def gezond():
        from sqlalchemy import text

        try:
            with sessiefabriek()() as sessie:
                sessie.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - elke databasefout betekent: niet gezond
            abort(503)
        return jsonify(status="ok")


def _query(**waarden: str) -> str:
    from urllib.parse import urlencode

    return urlencode(waarden)
