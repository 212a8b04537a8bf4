"""CSRF-bescherming en beveiligingsheaders.

- CSRF: Flask-WTF's ``CSRFProtect`` controleert elke POST. Formulieren sturen het veld
  ``csrf_token``; Dash leest de cookie ``_csrf_token`` en stuurt haar waarde als header
  ``X-CSRFToken`` mee met elke callback. Zonder geldig token verandert er niets (400).
- Headers: een Content-Security-Policy met de hashes van Dash' eigen inline scripts
  (``app.csp_hashes()``), ``frame-ancestors 'none'`` plus ``X-Frame-Options: DENY``,
  ``Referrer-Policy: same-origin`` (Flask-WTF controleert bij HTTPS de Referer), ``nosniff``;
  ``Cache-Control: no-store`` op alles behalve vaste bestanden.
- Productie: cookies alleen over HTTPS (``Secure``) en HSTS.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, jsonify, request
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

CSRF_COOKIE = "_csrf_token"   # de naam die de Dash-renderer leest
CSRF_HEADER = "X-CSRFToken"   # de header die de Dash-renderer zet
# Vaste bestanden: geen CSRF-cookie nodig en wel te cachen.
STATISCH = ("/_dash-component-suites/", "/assets/", "/vendor/", "/_favicon")
# Openbaar zonder aanmelden (zie dashboard/auth.py): geen CSRF-cookie, zodat deze antwoorden cachebaar zijn.
OPENBAAR = ("/openbaar", "/api/v1")

csrf = CSRFProtect()


def init_csrf(server: Flask, productie: bool) -> None:
    server.config.update(
        WTF_CSRF_HEADERS=[CSRF_HEADER],
        # Het token geldt zolang de sessie (8 uur): een lang formulier mag niet verlopen.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=productie,
        REMEMBER_COOKIE_SECURE=productie,
        REMEMBER_COOKIE_HTTPONLY=True,
    )
    csrf.init_app(server)

    @server.errorhandler(CSRFError)
    def _csrf_fout(fout: CSRFError):
        melding = ("De beveiligingscontrole (CSRF) van dit verzoek klopt niet; er is niets opgeslagen. "
                   "Laad de pagina opnieuw en probeer het nog eens.")
        if request.path.startswith("/_dash-") or request.is_json:
            return jsonify(fout=melding), 400
        return melding, 400, {"Content-Type": "text/plain; charset=utf-8"}

    @server.after_request
    def _csrf_cookie(antwoord):
        # Dash (renderer) leest het token uit deze cookie; daarom niet HttpOnly.
        if request.path.startswith(STATISCH) or request.path.startswith(OPENBAAR):
            # Openbare antwoorden (wijkpagina's, open data) zijn voor iedereen gelijk en cachebaar:
            # geen token, dus ook geen sessiecookie.
            return antwoord
        if antwoord.status_code < 400 or request.path == "/login":
            antwoord.set_cookie(CSRF_COOKIE, generate_csrf(), secure=productie, httponly=False,
                                samesite="Lax", path="/")
        return antwoord


def content_security_policy(script_hashes: list[str]) -> str:
    richtlijnen = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        # Plotly en dash-ag-grid zetten stijlen inline.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{k} {' '.join(v)}" for k, v in richtlijnen.items())


def init_headers(server: Flask, app, productie: bool) -> None:
    """``app``: de Dash-app. Dash voegt bij het eerste verzoek nog inline scripts toe (bijv. de
    clientside callbacks van ``pages``); daarom wordt het beleid pas bij een antwoord berekend en
    opnieuw als er scripts bij kwamen."""
    cache: dict[str, object] = {"aantal": -1, "beleid": ""}

    def beleid() -> str:
        hashes = list(app.csp_hashes())
        if len(hashes) != cache["aantal"]:
            cache["aantal"] = len(hashes)
            cache["beleid"] = content_security_policy(hashes)
        return cache["beleid"]

    @server.after_request
    def _headers(antwoord):
        h = antwoord.headers
        h.setdefault("Content-Security-Policy", beleid())
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if productie:
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if not request.path.startswith(STATISCH):
            # Pagina's en Dash-antwoorden bevatten gegevens van de aangemelde gebruiker (en het
            # CSRF-token in de layout): niet bewaren, ook niet in de terug-knop-cache van een gedeelde
            # computer na uitloggen. Alleen vaste bestanden (JavaScript, CSS) mogen in de cache.
            h.setdefault("Cache-Control", "no-store")
        return antwoord


def zonder_cookies(app: Callable, voorvoegsel: str) -> Callable:
    """WSGI-laag: geen ``Set-Cookie`` (en geen ``Vary: Cookie``) op antwoorden onder ``voorvoegsel`` (openbare,
    cachebare antwoorden: de openbare wijkpagina's en de open-data-API). De app zet anders soms een sessiecookie;
    een gedeelde cache zou dat met het openbare antwoord bewaren en aan een volgende bezoeker geven."""

    def wsgi(environ, start_response):
        pad = environ.get("PATH_INFO", "")
        if not (pad == voorvoegsel or pad.startswith(voorvoegsel + "/")):
            return app(environ, start_response)

        def start(status, headers, exc_info=None):
            schoon = []
            for naam, waarde in headers:
                if naam.lower() == "set-cookie":
                    continue
                if naam.lower() == "vary":
                    waarde = ", ".join(d.strip() for d in waarde.split(",") if d.strip().lower() != "cookie")
                    if not waarde:
                        continue
                schoon.append((naam, waarde))
            return start_response(status, schoon, exc_info)

        return app(environ, start)

    return wsgi
