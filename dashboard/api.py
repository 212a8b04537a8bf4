"""Open-data-API onder ``/api/v1/``: alleen lezen, zonder aanmelden (notitie §3.10: bewoners informeren).

- Bronnen: zie :data:`datalaag.opendata.BRONNEN` (wijken, ambities, indicatoren, metingen, doelstellingen,
  maatregelen, meldingen als aantallen, budget). Alleen openbare wijken; nooit persoonsgegevens.
- JSON (standaard) of CSV (``formaat=csv`` of ``Accept: text/csv``). CSV: RFC 4180, komma als
  scheidingsteken, punt als decimaalteken, UTF-8 zonder BOM, datums ISO 8601, altijd een kopregel; tekst
  die een spreadsheet als formule zou lezen krijgt een ``'`` ervoor.
- Paginering ``pagina`` (vanaf 1) en ``per_pagina`` (standaard 100 voor JSON en 1000 voor CSV, hooguit
  1000); het totaal staat in de JSON en in ``X-Total-Count``, de buurpagina's in ``Link``.
- Foute parameter: 400 met een Nederlandse melding; onbekende of niet-openbare wijk (of onbekende
  ambitie/indicator): 404; API uitgezet door de beheerder: 503; te veel verzoeken: 429.
- ``Cache-Control: public, max-age=300`` met ``ETag`` (304 bij ``If-None-Match``), CORS ``*``.
- Rate limiting per client (IP-adres; in productie zet ProxyFix dat goed): een vast venster van een minuut,
  ``Config.api_limiet`` verzoeken (``WIJK_API_LIMIET``). Met ``REDIS_URL`` telt Redis (INCR + EXPIRE), zodat
  alle gunicorn-workers één telling delen; zonder Redis (of als Redis even weg is) telt elk proces voor zich
  (dan mag een client per minuut hooguit limiet × aantal workers verzoeken).
- De API zet geen cookies (:func:`dashboard.beveiliging.zonder_cookies`): openbare antwoorden mogen in gedeelde caches.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, g, request

from dashboard.database import sessiefabriek
from datalaag import opendata
from datalaag.models import MAATREGEL_STATUSSEN, MELDING_CATEGORIEEN
from datalaag.openbaar import openbaar_aan
from datalaag.redisklant import redis_klant

log = logging.getLogger(__name__)

VOORVOEGSEL = "/api/v1"
LICENTIE = "CC0 1.0"
LICENTIE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
BRON = "Gemeente Almelo, wijkaanpak-dashboard"
PER_PAGINA_STANDAARD = {"json": 100, "csv": 1000}
PER_PAGINA_MAX = 1000
PAGINA_MAX = 1_000_000
JAAR_MIN, JAAR_MAX = 1900, 2200
ID_MAX = 2**31 - 1
VENSTER_SECONDEN = 60
ALGEMENE_PARAMETERS = ("pagina", "per_pagina", "formaat")
CACHE_CONTROL = "public, max-age=300"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_GEHEEL = re.compile(r"[0-9]{1,12}")

bp = Blueprint("api", __name__, url_prefix=VOORVOEGSEL)


class ApiFout(Exception):
    def __init__(self, status: int, melding: str, parameter: str | None = None) -> None:
        super().__init__(melding)
        self.status, self.melding, self.parameter = status, melding, parameter


def _fout_antwoord(status: int, melding: str, parameter: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    tekst = json.dumps({"fout": melding, "status": status, "parameter": parameter}, ensure_ascii=False)
    antwoord = Response(tekst, status=status, mimetype="application/json")
    antwoord.headers["Cache-Control"] = "no-store"
    for k, v in (headers or {}).items():
        antwoord.headers[k] = v
    return antwoord


# --------------------------------------------------------------------------- rate limiting


#: Na een Redis-fout telt dit proces zo lang zelf, zonder Redis opnieuw te proberen.
REDIS_PAUZE_S = 15


class Begrenzer:
    """Vast venster van ``VENSTER_SECONDEN`` per sleutel (IP-adres). Redis als die er is, anders in dit proces."""

    def __init__(self, limiet: int, redis_url: str | None) -> None:
        self.limiet = limiet
        self.redis_url = redis_url
        self._lokaal: dict[str, tuple[int, int]] = {}
        self._slot = threading.Lock()
        self._pauze_tot = 0.0

    def tel(self, sleutel: str, nu: float | None = None) -> tuple[int, int]:
        """Tel één verzoek; geeft (aantal in dit venster, seconden tot het volgende venster)."""
        nu = time.time() if nu is None else nu
        venster = int(nu // VENSTER_SECONDEN)
        rest = max(1, int((venster + 1) * VENSTER_SECONDEN - nu + 0.999))
        klant = redis_klant(self.redis_url) if time.monotonic() >= self._pauze_tot else None
        if klant is not None:
            try:
                pijp = klant.pipeline()
                naam = f"wijkaanpak:api:limiet:{venster}:{sleutel}"
                pijp.incr(naam)
                pijp.expire(naam, VENSTER_SECONDEN + 5)
                aantal, _ = pijp.execute()
                return int(aantal), rest
            except Exception as fout:  # noqa: BLE001 - Redis weg: dan telt dit proces zelf
                # Even niet opnieuw proberen: een hangende Redis zou anders elk verzoek de time-out kosten.
                self._pauze_tot = time.monotonic() + REDIS_PAUZE_S
                log.warning("Rate limiting zonder Redis (%s): dit proces telt %d s zelf.", type(fout).__name__,
                            REDIS_PAUZE_S)
        with self._slot:
            oud_venster, aantal = self._lokaal.get(sleutel, (venster, 0))
            aantal = aantal + 1 if oud_venster == venster else 1
            if len(self._lokaal) > 50_000:  # oude vensters opruimen
                self._lokaal = {k: w for k, w in self._lokaal.items() if w[0] == venster}
            self._lokaal[sleutel] = (venster, aantal)
        return aantal, rest


# --------------------------------------------------------------------------- parameters


def _enkel(naam: str) -> str | None:
    waarden = request.args.getlist(naam)
    if not waarden:
        return None
    if len(waarden) > 1:
        raise ApiFout(400, f"Geef '{naam}' hooguit één keer op.", naam)
    waarde = waarden[0]
    if waarde.strip() == "":
        raise ApiFout(400, f"'{naam}' is leeg: geef een waarde of laat de parameter weg.", naam)
    return waarde


def _geheel(naam: str, minimum: int, maximum: int, uitleg: str) -> int | None:
    waarde = _enkel(naam)
    if waarde is None:
        return None
    if not _GEHEEL.fullmatch(waarde) or not minimum <= int(waarde) <= maximum:
        raise ApiFout(400, f"'{naam}' moet {uitleg} zijn (gekregen: {waarde[:40]!r}).", naam)
    return int(waarde)


def _keuze(naam: str, toegestaan: Iterable[str]) -> str | None:
    waarde = _enkel(naam)
    toegestaan = tuple(toegestaan)
    if waarde is not None and waarde not in toegestaan:
        raise ApiFout(400, f"Onbekende waarde voor '{naam}' ({waarde[:40]!r}): kies uit {', '.join(toegestaan)}.",
                      naam)
    return waarde


def _controleer_namen(toegestaan: Iterable[str]) -> None:
    toegestaan = tuple(toegestaan)
    onbekend = sorted(set(request.args) - set(toegestaan))
    if onbekend:
        raise ApiFout(400, f"Onbekende parameter '{onbekend[0][:40]}'. Deze bron kent: {', '.join(toegestaan)}.",
                      onbekend[0][:40])


def _formaat() -> str:
    formaat = _keuze("formaat", ("json", "csv"))
    if formaat is not None:
        return formaat
    beste = request.accept_mimetypes.best_match(["application/json", "text/csv"], default="application/json")
    return "csv" if beste == "text/csv" else "json"


def _verzoek(bron: opendata.Bron, sessie, formaat: str) -> opendata.Verzoek:
    _controleer_namen((*bron.filters, *ALGEMENE_PARAMETERS))
    pagina = _geheel("pagina", 1, PAGINA_MAX, f"een geheel getal van 1 tot en met {PAGINA_MAX}") or 1
    per_pagina = _geheel("per_pagina", 1, PER_PAGINA_MAX, f"een geheel getal van 1 tot en met {PER_PAGINA_MAX}")
    per_pagina = per_pagina or PER_PAGINA_STANDAARD[formaat]
    filters: dict[str, Any] = {}
    vandaag = dt.date.today()
    if "jaar" in bron.filters:
        filters["jaar"] = _geheel("jaar", JAAR_MIN, JAAR_MAX, f"een jaartal van {JAAR_MIN} tot en met {JAAR_MAX}")
    if "categorie" in bron.filters:
        filters["categorie"] = _keuze("categorie", MELDING_CATEGORIEEN)
    if "status" in bron.filters:
        filters["status"] = _keuze("status", MAATREGEL_STATUSSEN)
    if "ambitie" in bron.filters:
        ambitie = _geheel("ambitie", 1, ID_MAX, "het nummer van een ambitie (een geheel getal, zie /api/v1/ambities)")
        if ambitie is not None and ambitie not in opendata.ambitienummers(sessie):
            raise ApiFout(404, f"Ambitie {ambitie} bestaat niet. Zie /api/v1/ambities voor de nummers.", "ambitie")
        filters["ambitie"] = ambitie
    if "indicator" in bron.filters:
        indicator = _geheel("indicator", 1, ID_MAX, "het id van een indicator (een geheel getal, zie /api/v1/indicatoren)")
        if indicator is not None and not opendata.bestaat_indicator(sessie, indicator):
            raise ApiFout(404, f"Indicator {indicator} bestaat niet. Zie /api/v1/indicatoren voor de ids.", "indicator")
        filters["indicator"] = indicator
    if "wijk" in bron.filters:
        wijk = _enkel("wijk")
        if wijk is not None:
            if len(wijk) > 100 or not _SLUG.fullmatch(wijk):
                raise ApiFout(400, "'wijk' moet de slug van een wijk zijn, zoals 'de-riet' (kleine letters, cijfers "
                                   "en streepjes). Zie /api/v1/wijken.", "wijk")
            wijk_id = opendata.openbare_wijk_id(sessie, wijk, vandaag)
            if wijk_id is None:
                raise ApiFout(404, f"Wijk '{wijk}' bestaat niet of is (nog) niet openbaar. Zie /api/v1/wijken voor "
                                   "de openbare wijken.", "wijk")
            filters.update(wijk=wijk, wijk_id=wijk_id)
    return opendata.Verzoek(vandaag=vandaag, limiet=per_pagina, vanaf=(pagina - 1) * per_pagina, **filters)


# --------------------------------------------------------------------------- antwoorden

_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")  # zoals dashboard/export.py


def _csv_waarde(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float):
        return repr(waarde)  # de kortste exacte vorm met een punt: 5.3, 45000.0
    if isinstance(waarde, int):
        return str(waarde)
    tekst = str(waarde)
    return "'" + tekst if tekst.startswith(_FORMULETEKENS) else tekst


def naar_csv(velden: Iterable[str], rijen: Iterable[dict[str, Any]]) -> str:
    velden = list(velden)
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    schrijver.writerow(velden)
    for rij in rijen:
        schrijver.writerow([_csv_waarde(rij.get(v)) for v in velden])
    return uit.getvalue()


def _url_met(**wijzig: Any) -> str:
    args = {k: request.args.get(k) for k in request.args}
    args.update({k: str(v) for k, v in wijzig.items()})
    # Relatief (pad + query), niet met de host van het verzoek: een publiek gecachet antwoord mag geen adres
    # bevatten dat uit een (vervalste) Host- of X-Forwarded-Host-kop komt.
    return f"{request.script_root}{request.path}?{urlencode(args)}"


def _bestandsnaam(bron: str, v: opendata.Verzoek, pagina: int) -> str:
    delen = [bron]
    if v.wijk:
        delen.append(v.wijk)
    if v.jaar is not None:
        delen.append(str(v.jaar))
    for naam in ("ambitie", "indicator"):
        if getattr(v, naam) is not None:
            delen.append(f"{naam}-{getattr(v, naam)}")
    for naam in ("categorie", "status"):
        if getattr(v, naam) is not None:
            delen.append(getattr(v, naam))
    if pagina > 1:
        delen.append(f"pagina-{pagina}")
    return "-".join(delen) + ".csv"


def _cachebaar(antwoord: Response) -> Response:
    antwoord.headers["Cache-Control"] = CACHE_CONTROL
    antwoord.add_etag()
    return antwoord.make_conditional(request)


def _json(gegevens: Any, status: int = 200) -> Response:
    return Response(json.dumps(gegevens, ensure_ascii=False, separators=(",", ":")), status=status,
                    mimetype="application/json")


def _lijst(bron_naam: str) -> Response:
    bron = opendata.BRONNEN[bron_naam]
    formaat = _formaat()
    with sessiefabriek()() as sessie:
        v = _verzoek(bron, sessie, formaat)
        uitkomst = opendata.LEESFUNCTIES[bron_naam](sessie, v)
    pagina = v.vanaf // v.limiet + 1
    paginas = max(1, -(-uitkomst.totaal // v.limiet))
    volgende = _url_met(pagina=pagina + 1) if pagina < paginas else None
    vorige = _url_met(pagina=min(pagina - 1, paginas)) if pagina > 1 else None
    velden = opendata.veldnamen(bron_naam)
    if formaat == "csv":
        antwoord = Response(naar_csv(velden, uitkomst.rijen), mimetype="text/csv")
        antwoord.headers["Content-Type"] = "text/csv; charset=utf-8; header=present"
        antwoord.headers["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(bron_naam, v, pagina)}"'
    else:
        antwoord = _json({
            "gegevens": [{k: rij[k] for k in velden} for rij in uitkomst.rijen],
            "paginering": {"pagina": pagina, "per_pagina": v.limiet, "totaal": uitkomst.totaal, "paginas": paginas,
                           "volgende": volgende, "vorige": vorige},
            "filters": {k: uitkomst.filters.get(k) for k in bron.filters},
            "bron": BRON,
            "licentie": LICENTIE,
            "licentie_url": LICENTIE_URL,
        })
    antwoord.headers["X-Total-Count"] = str(uitkomst.totaal)
    links = [f'<{u}>; rel="{rel}"' for rel, u in (("next", volgende), ("prev", vorige)) if u]
    if links:
        antwoord.headers["Link"] = ", ".join(links)
    antwoord.headers["Vary"] = "Accept"
    return _cachebaar(antwoord)


def _maak_view(bron_naam: str) -> Callable[[], Response]:
    def view() -> Response:
        return _lijst(bron_naam)

    view.__name__ = f"lijst_{bron_naam}"
    return view


for _naam in opendata.BRONNEN:
    bp.add_url_rule(f"/{_naam}", endpoint=_naam, view_func=_maak_view(_naam), methods=["GET"])


@bp.get("/")
def index() -> Response:
    _controleer_namen(())
    basis = request.script_root + VOORVOEGSEL   # relatief: zie _url_met
    return _cachebaar(_json({
        "naam": "Open data wijkaanpak Almelo",
        "versie": "1",
        "omschrijving": "Openbare gegevens over de wijkaanpak van de gemeente Almelo: alleen lezen, zonder "
                        "aanmelden. Alleen wijken met een lopend, door de raad vastgesteld wijkplan; nooit "
                        "persoonsgegevens.",
        "documentatie": f"{basis}/openapi.json",
        "bronnen": [{"naam": b.naam, "titel": b.titel, "omschrijving": b.omschrijving, "url": f"{basis}/{b.naam}",
                     "filters": list(b.filters)} for b in opendata.BRONNEN.values()],
        "bron": BRON,
        "licentie": LICENTIE,
        "licentie_url": LICENTIE_URL,
    }))


@bp.get("/openapi.json")
def openapi() -> Response:
    from dashboard.openapi import openapi_document

    _controleer_namen(())
    return _cachebaar(_json(openapi_document()))


@bp.get("/<path:rest>")
def onbekend(rest: str) -> Response:
    return _fout_antwoord(404, f"Onbekend adres {VOORVOEGSEL}/{rest[:80]}. Zie {VOORVOEGSEL}/ voor de bronnen.")


@bp.errorhandler(ApiFout)
def _api_fout(fout: ApiFout) -> Response:
    return _fout_antwoord(fout.status, fout.melding, fout.parameter)


# --------------------------------------------------------------------------- koppelen aan de app


def _is_api() -> bool:
    return request.path == VOORVOEGSEL or request.path.startswith(VOORVOEGSEL + "/")


def init_api(server: Flask) -> None:
    """Registreer de routes van de open-data-API, de rate limiting, de aan/uit-schakelaar en de headers."""
    config = server.extensions["wijkaanpak_config"]
    begrenzer = Begrenzer(config.api_limiet, config.redis_url)
    server.extensions["wijkaanpak_api_begrenzer"] = begrenzer
    server.register_blueprint(bp)
    from dashboard.beveiliging import zonder_cookies

    server.wsgi_app = zonder_cookies(server.wsgi_app, VOORVOEGSEL)

    @server.before_request
    def _api_poort():
        if not _is_api():
            return None
        aantal, rest = begrenzer.tel(request.remote_addr or "onbekend")
        g.api_limiet = (begrenzer.limiet, max(0, begrenzer.limiet - aantal), rest)
        if aantal > begrenzer.limiet:
            return _fout_antwoord(
                429, f"Te veel verzoeken: hooguit {begrenzer.limiet} per minuut per client. Probeer het over "
                     f"{rest} seconden opnieuw.", headers={"Retry-After": str(rest)})
        with sessiefabriek()() as sessie:
            aan = openbaar_aan(sessie, "api")
        if not aan:
            return _fout_antwoord(503, "De open-data-API staat op dit moment uit (door de functioneel beheerder). "
                                       "Probeer het later opnieuw.")
        return None

    @server.after_request
    def _api_headers(antwoord: Response) -> Response:
        if not _is_api():
            return antwoord
        h = antwoord.headers
        h["Access-Control-Allow-Origin"] = "*"
        h["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        h["Access-Control-Expose-Headers"] = ("ETag, Link, X-Total-Count, Content-Disposition, Retry-After, "
                                              "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset")
        limiet = g.get("api_limiet")
        if limiet is not None:
            h["X-RateLimit-Limit"], h["X-RateLimit-Remaining"], h["X-RateLimit-Reset"] = map(str, limiet)
        if antwoord.status_code >= 400:
            h["Cache-Control"] = "no-store"
        return antwoord

    @server.errorhandler(405)
    def _niet_toegestaan(fout):
        if not _is_api():
            return fout
        return _fout_antwoord(405, f"Methode {request.method} is hier niet toegestaan: de open-data-API is alleen "
                                   "te lezen (GET of HEAD).", headers={"Allow": "GET, HEAD, OPTIONS"})


__all__ = ["Begrenzer", "bp", "init_api", "naar_csv"]
