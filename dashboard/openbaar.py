"""Openbare wijkpagina's voor bewoners (notitie §3.10), zonder aanmelden.

- ``/openbaar`` (en ``/openbaar/``): de wijken met een lopend, door de raad vastgesteld wijkplan;
- ``/openbaar/wijk/<slug>``: waar de wijk staat, in eenvoudig Nederlands (taalniveau B1).

Gewone Flask-pagina's (Jinja2, automatisch ge-escaped), geen Dash: geen JavaScript nodig, snel op een
telefoon, en te cachen (``Cache-Control: public, max-age=300``, een sterke ``ETag`` van de inhoud,
``If-None-Match`` → 304). Alle gegevens komen uit :mod:`datalaag.openbaar`, dat alleen genoemde
kolommen leest: geen namen, geen vrije tekst, geen adressen.

De pagina's krijgen een eigen, strikt Content-Security-Policy (geen scripts, geen inline stijlen); het
beleid van de Dash-app blijft ongemoeid. Set-Cookie wordt van deze antwoorden verwijderd: een gedeelde
cache mag een openbaar antwoord nooit met iemands cookie bewaren.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from flask import Blueprint, Flask, Response, render_template, request

from datalaag.afgeleid import ACHTER, GEEN_DATA, OP_KOERS, OP_KOERS_WAARDEN, VER_ACHTER
from datalaag.meldingen import CATEGORIE_LABELS
from datalaag.models import MELDING_CATEGORIEEN
from datalaag.openbaar import (
    OpenbareEvaluatie,
    OpenbareWijkpagina,
    openbaar_aan,
    openbare_wijken,
    openbare_wijkpagina,
)
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    meervoud,
)

VOORVOEGSEL = "/openbaar"
STATISCH_PAD = "/openbaar/static"
CACHE_SECONDEN = 300
CACHE_CONTROL = f"public, max-age={CACHE_SECONDEN}"
#: Geen scripts, geen inline stijlen, niets van buiten.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")
STATISCH_MAP = Path(__file__).resolve().parent / "static_openbaar"

#: Op koers in gewone woorden (één betekenis, zoals in het dashboard: pictogram + woord + kleur).
STATUS = {
    OP_KOERS: ("✔", "Op koers", "status-op-koers",
               "Op koers: de wijk ligt op schema om het doel te halen."),
    ACHTER: ("▲", "Achter", "status-achter",
             "Achter: de wijk loopt wat achter op het schema. Hier is extra aandacht nodig."),
    VER_ACHTER: ("✖", "Ver achter", "status-ver-achter",
                 "Ver achter: de wijk loopt ver achter. Zo wordt het doel waarschijnlijk niet gehaald."),
    GEEN_DATA: ("?", "Geen gegevens", "status-geen-data",
                "Geen gegevens: er is nog geen nieuwe meting om het doel mee te vergelijken."),
}
assert set(STATUS) == set(OP_KOERS_WAARDEN)

MAATREGEL_STATUS = {
    "gepland": "Gepland: nog niet begonnen",
    "in_uitvoering": "Bezig",
    "vertraagd": "Vertraagd",
    "afgerond": "Klaar",
    "gestopt": "Gestopt",
}

WERKWIJZE_UITLEG = {
    "WOP": "een plan voor de lange termijn (10 tot 15 jaar)",
    "AWA": "een plan voor 2 jaar, met afspraken per buurt of straat",
    "SHR": "een extra aanpak om samen met bewoners de wijk weer prettig en veilig te maken",
}

RICHTING = {"hoger_is_beter": "Hoe hoger, hoe beter.", "lager_is_beter": "Hoe lager, hoe beter."}
BRON = ("Gemeente Almelo, wijkaanpak: het wijkplan, de metingen, de meldingen en de evaluaties van de regiegroep. "
        "Namen, adressen en wat mensen zelf schreven, staan hier nooit op.")
CONTACT = ("Heeft u een vraag over uw wijk of over deze pagina? Neem contact op met de gemeente Almelo. "
           "U kunt ook naar een bijeenkomst van de regiegroep van uw wijk gaan.")


# --------------------------------------------------------------------------- opmaak (voor de templates)


def getal(waarde: float | None, decimalen: int = 1) -> str:
    if waarde is None:
        return "–"
    if decimalen and float(waarde).is_integer() and abs(waarde) >= 100:
        decimalen = 0
    return formatteer_getal(waarde, decimalen)


def met_eenheid(waarde: float | None, eenheid: str) -> str:
    if waarde is None:
        return "–"
    if eenheid == "%":
        return f"{getal(waarde)}%"
    if eenheid.startswith("per "):
        return f"{getal(waarde)} {eenheid}"
    if eenheid == "rapportcijfer":
        return f"een {getal(waarde)}"
    if eenheid.startswith("schaalscore ") and "–" in eenheid:
        laag, hoog = eenheid.removeprefix("schaalscore ").split("–", 1)
        return f"{getal(waarde)} op een schaal van {laag} tot {hoog}"
    return f"{getal(waarde)} ({eenheid})"


def cijfer(waarde: float | None) -> str:
    return "–" if waarde is None else formatteer_getal(waarde, 1)


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


# --------------------------------------------------------------------------- teksten uit de cijfers


def samenvatting_doelen(pagina: OpenbareWijkpagina) -> dict[str, int]:
    tellingen = dict.fromkeys(OP_KOERS_WAARDEN, 0)
    for a in pagina.ambities:
        for d in a.doelen:
            tellingen[d.status] += 1
    return tellingen


def in_het_kort(pagina: OpenbareWijkpagina) -> list[str]:
    """Drie tot vijf korte zinnen: waar staat de wijk?"""
    zinnen = []
    plan = pagina.plan
    besloten = f" op {formatteer_datum(plan.vastgesteld_op)}" if plan.vastgesteld_op else ""
    zinnen.append(f"De gemeenteraad heeft het wijkplan{besloten} goedgekeurd. "
                  f"Het plan loopt van {plan.periode_van} tot en met {plan.periode_tot}.")
    t = samenvatting_doelen(pagina)
    totaal = sum(t.values())
    if totaal:
        delen = [f"{t[OP_KOERS]} op koers"]
        if t[ACHTER]:
            delen.append(f"{t[ACHTER]} achter")
        if t[VER_ACHTER]:
            delen.append(f"{t[VER_ACHTER]} ver achter")
        if t[GEEN_DATA]:
            delen.append(f"{t[GEEN_DATA]} zonder nieuwe meting")
        zinnen.append(f"De wijk heeft {meervoud(totaal, 'doel', 'doelen')}. Daarvan {'is' if totaal == 1 else 'zijn'}"
                      f" er {_opsomming(delen)}.")
    maatregelen = [m for a in pagina.ambities for m in a.maatregelen]
    if maatregelen:
        klaar = sum(1 for m in maatregelen if m.status == "afgerond")
        bezig = sum(1 for m in maatregelen if m.status in ("in_uitvoering", "vertraagd"))
        zinnen.append(f"Er {'is' if len(maatregelen) == 1 else 'zijn'} {meervoud(len(maatregelen), 'maatregel', 'maatregelen')}"
                      f" afgesproken: {klaar} klaar en {bezig} bezig.")
    meldingen = sum(m.totaal for m in pagina.meldingen)
    zinnen.append(f"In de laatste 12 maanden kwamen er {meervoud(meldingen, 'melding', 'meldingen')} binnen.")
    ev = pagina.evaluatie
    if ev is not None:
        gem = _gemiddelde([s.waardering for s in ev.scores])
        if gem is not None:
            zinnen.append(f"Bij de laatste evaluatie (over {ev.jaar}) kreeg de wijk gemiddeld een {cijfer(gem)}.")
    return zinnen


def _gemiddelde(waarden: Iterable[float | None]) -> float | None:
    bekend = [w for w in waarden if w is not None]
    return sum(bekend) / len(bekend) if bekend else None


def conclusies(ev: OpenbareEvaluatie) -> list[str]:
    """Conclusies in gewone taal, alleen uit de cijfers (nooit uit de vrije tekst van de evaluatie)."""
    zinnen: list[str] = []
    scores = [s for s in ev.scores if s.waardering is not None]
    if scores:
        gem = _gemiddelde(s.waardering for s in scores)
        hoog = max(scores, key=lambda s: (s.waardering, -s.ambitie_nummer))
        laag = min(scores, key=lambda s: (s.waardering, s.ambitie_nummer))
        zin = f"Gemiddeld kreeg de wijk een {cijfer(gem)}."
        met_vorige = [s for s in scores if s.vorige is not None]
        if ev.vorige_jaar is not None and met_vorige:
            verschil = _gemiddelde(s.waardering for s in met_vorige) - _gemiddelde(s.vorige for s in met_vorige)
            if abs(verschil) < 0.05:
                zin += f" Dat is ongeveer hetzelfde als in {ev.vorige_jaar}."
            else:
                zin += (f" Dat is {cijfer(abs(verschil))} punt {'hoger' if verschil > 0 else 'lager'} dan in "
                        f"{ev.vorige_jaar}.")
        zinnen.append(zin)
        if hoog.waardering != laag.waardering:
            zinnen.append(f"Het hoogste cijfer is voor {hoog.ambitie_naam}: een {cijfer(hoog.waardering)}. "
                          f"Het laagste cijfer is voor {laag.ambitie_naam}: een {cijfer(laag.waardering)}.")
        onvoldoende = [s.ambitie_naam for s in scores if s.waardering < 5.5]
        if onvoldoende:
            zinnen.append(f"Een onvoldoende (lager dan 5,5) kreeg: {_opsomming(onvoldoende)}.")
        if ev.vorige_jaar is not None:
            beter = [s.ambitie_naam for s in met_vorige if s.waardering - s.vorige >= 0.05]
            slechter = [s.ambitie_naam for s in met_vorige if s.vorige - s.waardering >= 0.05]
            if beter:
                zinnen.append(f"Beter dan in {ev.vorige_jaar}: {_opsomming(beter)}.")
            if slechter:
                zinnen.append(f"Minder goed dan in {ev.vorige_jaar}: {_opsomming(slechter)}.")
    if ev.klanttevredenheid is not None:
        zin = f"Bewoners gaven de aanpak in hun wijk een {cijfer(ev.klanttevredenheid)}."
        if ev.respons:
            zin += f" Aan dit onderzoek {'deed' if ev.respons == 1 else 'deden'} {meervoud(ev.respons, 'bewoner', 'bewoners')} mee."
        zinnen.append(zin)
    if ev.extra_budget_bedrag:
        zin = f"De regiegroep vroeg de gemeenteraad om {formatteer_bedrag(ev.extra_budget_bedrag)} extra geld."
        if ev.raadsbesluit_datum is not None:
            zin += f" De raad heeft daarover besloten op {formatteer_datum(ev.raadsbesluit_datum)}."
        else:
            zin += " De raad heeft daar nog niet over besloten."
        zinnen.append(zin)
    return zinnen


def wat_betekent_dit(pagina: OpenbareWijkpagina) -> list[str]:
    t = samenvatting_doelen(pagina)
    totaal = sum(t.values())
    zinnen = []
    if not totaal:
        zinnen.append("Voor dit plan zijn nog geen doelen met metingen vastgelegd.")
    elif t[OP_KOERS] == totaal:
        zinnen.append("Alle doelen liggen op koers. Het gaat goed met de aanpak in de wijk.")
    elif t[OP_KOERS] * 2 >= totaal:
        zinnen.append("Bij de meeste doelen gaat het goed. Bij een paar doelen loopt de wijk achter.")
    else:
        zinnen.append("Bij veel doelen loopt de wijk achter. Daar is extra aandacht nodig.")
    if t[VER_ACHTER]:
        zinnen.append("Loopt een doel ver achter? Dan bespreken de regiegroep en de gemeente wat er anders moet. "
                      "De gemeenteraad kijkt daarbij mee.")
    zinnen.append("Elk jaar kijkt de regiegroep terug: wat ging goed en wat kan beter? De gemeenteraad bespreekt "
                  "die evaluatie. Daarna kan het plan worden aangepast.")
    return zinnen


def plan_status_tekst(pagina: OpenbareWijkpagina) -> str:
    plan = pagina.plan
    besloten = f" op {formatteer_datum(plan.vastgesteld_op)}" if plan.vastgesteld_op else ""
    tekst = f"De gemeenteraad heeft dit plan{besloten} goedgekeurd (vastgesteld)."
    if plan.status == "geevalueerd" and plan.laatst_geevalueerd_jaar:
        tekst += f" Daarna is het plan geëvalueerd. De laatste evaluatie gaat over {plan.laatst_geevalueerd_jaar}."
    return tekst


def meldingen_tekst(pagina: OpenbareWijkpagina) -> str:
    totaal = sum(m.totaal for m in pagina.meldingen)
    if not totaal:
        return "In de laatste 12 maanden kwamen er geen meldingen binnen."
    per_cat = {c: sum(m.per_categorie[c] for m in pagina.meldingen) for c in MELDING_CATEGORIEEN}
    meeste = max(MELDING_CATEGORIEEN, key=lambda c: (per_cat[c], -MELDING_CATEGORIEEN.index(c)))
    drukst = max(pagina.meldingen, key=lambda m: (m.totaal, m.jaar, m.maand))
    return (f"In de laatste 12 maanden kwamen er {meervoud(totaal, 'melding', 'meldingen')} binnen. "
            f"De meeste gingen over {CATEGORIE_LABELS[meeste].lower()} ({per_cat[meeste]}). "
            f"De drukste maand was {drukst.naam} met {meervoud(drukst.totaal, 'melding', 'meldingen')}.")


def balkbreedte(waarde: float, maximum: float) -> str:
    """Breedte van een balk (SVG-attribuut, 0–100) met één decimaal; geen inline stijl nodig."""
    if maximum <= 0 or waarde <= 0:
        return "0"
    return f"{max(1.0, 100 * waarde / maximum):.1f}"


# --------------------------------------------------------------------------- Flask


def _sessie():
    from dashboard.database import sessiefabriek

    return sessiefabriek()()


def _antwoord(html: str, status: int = 200, cache: bool = True) -> Response:
    antwoord = Response(html, status=status, mimetype="text/html")
    antwoord.headers["Content-Security-Policy"] = CSP
    if cache:
        antwoord.headers["Cache-Control"] = CACHE_CONTROL
        antwoord.set_etag(hashlib.sha256(html.encode("utf-8")).hexdigest())
        antwoord.make_conditional(request)
    else:
        antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


def _niet_gevonden(titel: str, tekst: list[str], status: int = 404, cache: bool = True) -> Response:
    html = render_template("openbaar/melding.html", titel=titel, tekst=tekst, css=STATISCH_PAD + "/openbaar.css")
    return _antwoord(html, status=status, cache=cache)


UIT = ("De openbare wijkpagina's zijn tijdelijk niet beschikbaar",
       ["De gemeente heeft deze pagina's even uitgezet. Probeer het later nog eens.",
        "Heeft u een vraag over uw wijk? Neem contact op met de gemeente Almelo."])
GEEN_PAGINA = ("Geen openbare pagina voor deze wijk",
               [("Voor deze wijk is er (nog) geen openbare pagina. Dat kan zijn omdat de gemeenteraad het "
                 "wijkplan nog niet heeft vastgesteld, of omdat het plan is afgelopen."),
                "Kijk in de lijst van wijken met een openbare pagina."])


def _uit() -> Response:
    return _niet_gevonden(*UIT, status=503, cache=False)


def maak_blueprint() -> Blueprint:
    bp = Blueprint("openbaar", __name__, static_folder=str(STATISCH_MAP), static_url_path="/static",
                   url_prefix=VOORVOEGSEL)

    @bp.get("", strict_slashes=False)
    @bp.get("/")
    def lijst():
        vandaag = dt.date.today()
        with _sessie() as sessie:
            if not openbaar_aan(sessie, "paginas"):
                return _uit()
            wijken = openbare_wijken(sessie, vandaag.year)
        html = render_template("openbaar/lijst.html", wijken=wijken, css=STATISCH_PAD + "/openbaar.css",
                               bron=BRON, contact=CONTACT, vandaag=formatteer_datum(vandaag))
        return _antwoord(html)

    @bp.get("/wijk/<slug>")
    def wijk(slug: str):
        vandaag = dt.date.today()
        if len(slug) > 100:
            return _niet_gevonden(*GEEN_PAGINA)
        with _sessie() as sessie:
            if not openbaar_aan(sessie, "paginas"):
                return _uit()
            pagina = openbare_wijkpagina(sessie, slug, vandaag)
        if pagina is None:
            return _niet_gevonden(*GEEN_PAGINA)
        html = render_template(
            "openbaar/wijk.html", p=pagina, css=STATISCH_PAD + "/openbaar.css",
            kort=in_het_kort(pagina), plan_status=plan_status_tekst(pagina),
            werkwijze_uitleg=WERKWIJZE_UITLEG.get(pagina.plan.werkwijze_code),
            status=STATUS, maatregel_status=MAATREGEL_STATUS, richting=RICHTING,
            meldingen_tekst=meldingen_tekst(pagina), categorieen=[(c, CATEGORIE_LABELS[c]) for c in MELDING_CATEGORIEEN],
            max_meldingen=max((m.totaal for m in pagina.meldingen), default=0),
            conclusies=None if pagina.evaluatie is None else conclusies(pagina.evaluatie),
            betekenis=wat_betekent_dit(pagina), bron=BRON, contact=CONTACT,
            bijgewerkt=formatteer_datum(pagina.bijgewerkt_op),
            getal=getal, met_eenheid=met_eenheid, cijfer=cijfer, datum=formatteer_datum, balk=balkbreedte,
        )
        return _antwoord(html)

    @bp.get("/<path:rest>")
    def onbekend(rest: str):
        return _niet_gevonden("Deze pagina bestaat niet",
                              [("Deze openbare pagina bestaat niet. Kijk in de lijst van wijken met een "
                                "openbare pagina.")])

    @bp.after_request
    def _statisch(antwoord: Response) -> Response:
        if request.path.startswith(STATISCH_PAD):
            antwoord.headers["Cache-Control"] = "public, max-age=86400"
            antwoord.headers["Content-Security-Policy"] = CSP
        return antwoord

    return bp


def init_openbaar(server: Flask) -> None:
    """Registreer de routes van de openbare wijkpagina's."""
    server.register_blueprint(maak_blueprint())
    from dashboard.beveiliging import zonder_cookies

    server.wsgi_app = zonder_cookies(server.wsgi_app, VOORVOEGSEL)
