"""De voortgangsrapportage als PDF op de server, buiten de webworkers:
``python -m dashboard rapport <slug|stad> --pdf BESTAND [--peildatum dd-mm-jjjj]`` (bijv. voor de griffie).

Waarom niet vanuit de webapp ("Download PDF"): zie de README. Kort: een headless Chromium per verzoek
in een gunicorn-worker kost honderden MB's en seconden CPU, houdt die worker bezet (bij
gelijktijdige verzoeken staat het hele dashboard stil of breekt de time-out van gunicorn Chromium
halverwege af), moet als root zonder sandbox draaien, en de worker zou de rapportpagina bij
zichzelf moeten opvragen met de sessie van de gebruiker. In de browser werkt "Afdrukken / opslaan
als PDF" met dezelfde opmaak.

Deze opdracht doet het anders, en daarom veilig:

- Geen webserver, geen sessie, geen netwerk: het rapport wordt rechtstreeks uit de database
  samengesteld (:mod:`datalaag.rapport`) en met dezelfde bouwfuncties als de pagina
  (:mod:`pagina.rapport`) omgezet in één zelfstandig HTML-document: Bootstrap, het thema,
  ``assets/rapport.css`` en Plotly.js staan erin. Chromium laadt dat document via Playwright; elk
  netwerkverzoek wordt geweigerd.
- Alle tekst uit de database wordt ge-escaped (HTML) of als JSON in het script gezet (``</``
  ontsnapt): gebruikerstekst wordt nooit HTML.
- ``--no-sandbox`` alleen als de opdracht als root draait (Chromium weigert anders te starten);
  draai hem bij voorkeur als gewone gebruiker.

De grafieken zijn dezelfde Plotly-figuren als op de pagina (SVG, dus scherp op papier).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

__all__ = ["PdfVerslag", "RapportFout", "component_naar_html", "rapport_html", "schrijf_pdf"]

#: Chromium van Debian; een ander pad met de omgevingsvariabele ``WIJK_CHROMIUM``.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-extensions"]
#: Zo lang mag het tekenen van de grafieken duren (ms); daarna een Nederlandse fout.
TIJDSLIMIET_MS = 120_000

_LEEG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_ATTRIBUUTNAMEN = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan",
                   "rowSpan": "rowspan", "accessKey": "accesskey", "contentEditable": "contenteditable"}
# Dash-eigenschappen die geen HTML-attribuut zijn.
_GEEN_ATTRIBUUT = {"children", "style", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key",
                   "setProps", "id"}


class RapportFout(Exception):
    """Een fout die de opdrachtregel als één Nederlandse regel toont."""


@dataclass(frozen=True, slots=True)
class PdfVerslag:
    bestand: Path
    titel: str
    paginas: int
    peildatum: dt.date


# --------------------------------------------------------------------------- Dash-onderdelen → HTML


def _attribuut(naam: str, waarde: Any) -> str:
    if waarde is None or waarde is False:
        return ""
    naam = _ATTRIBUUTNAMEN.get(naam, naam)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_:\-]*", naam):
        raise ValueError(f"ongeldige attribuutnaam {naam!r}")
    if waarde is True:
        return f" {naam.lower()}"
    return f' {naam if naam.startswith(("aria-", "data-")) else naam.lower()}="{html_lib.escape(str(waarde))}"'


def _stijl(stijl: dict[str, Any] | None) -> str:
    if not stijl:
        return ""
    delen = []
    for k, v in stijl.items():
        eigenschap = re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), k)
        delen.append(f"{eigenschap}: {v}")
    return f' style="{html_lib.escape("; ".join(delen))}"'


def _kolomklassen(props: dict[str, Any]) -> str:
    klassen = []
    for maat in ("xs", "sm", "md", "lg", "xl", "xxl"):
        w = props.get(maat)
        if w is not None:
            klassen.append("col" if maat == "xs" and w is True else (f"col-{w}" if maat == "xs" else f"col-{maat}-{w}"))
    return " ".join(klassen) or "col"


def _dbc(soort: str, props: dict[str, Any]) -> tuple[str, list[str], dict[str, Any]]:
    """(tag, klassen, extra attributen) voor de dash-bootstrap-components die het rapport gebruikt."""
    if soort == "Table":
        klassen = ["table"]
        if props.get("size"):
            klassen.append(f"table-{props['size']}")
        for vlag in ("striped", "bordered", "hover", "borderless"):
            if props.get(vlag):
                klassen.append(f"table-{vlag}")
        return "table", klassen, {}
    if soort == "Badge":
        klassen = ["badge", f"bg-{props.get('color') or 'secondary'}"]
        if props.get("text_color"):
            klassen.append(f"text-{props['text_color']}")
        return "span", klassen, {}
    if soort == "Alert":
        return "div", ["alert", f"alert-{props.get('color') or 'primary'}"], {"role": "alert"}
    if soort == "Card":
        return "div", ["card"], {}
    if soort == "CardBody":
        return "div", ["card-body"], {}
    if soort == "Row":
        return "div", ["row"], {}
    if soort == "Col":
        return "div", [_kolomklassen(props)], {}
    raise ValueError(f"Het PDF-rapport kent het onderdeel dbc.{soort} niet; voeg het toe aan dashboard/rapport_pdf.py.")


def component_naar_html(onderdeel: Any, grafieken: list[dict[str, Any]]) -> str:
    """Zet een boom van Dash-onderdelen om in HTML. Tekst wordt ge-escaped; ``dcc.Graph`` wordt een leeg
    vlak met een nummer, de figuur komt in ``grafieken`` (voor Plotly.js in het document)."""
    from dash.development.base_component import Component

    if onderdeel is None or onderdeel is False:
        return ""
    if isinstance(onderdeel, (list, tuple)):
        return "".join(component_naar_html(k, grafieken) for k in onderdeel)
    if isinstance(onderdeel, (str, int, float)):
        return html_lib.escape(str(onderdeel))
    if not isinstance(onderdeel, Component):
        raise ValueError(f"onbekend onderdeel {type(onderdeel).__name__}")
    props = {k: getattr(onderdeel, k) for k in onderdeel._prop_names if getattr(onderdeel, k, None) is not None}
    props.update({k: v for k, v in vars(onderdeel).items() if k.startswith(("aria-", "data-"))})
    soort, naamruimte = onderdeel._type, onderdeel._namespace
    kinderen = props.get("children")
    if naamruimte == "dash_core_components":
        if soort in ("Store", "Location", "Interval"):
            return ""
        if soort != "Graph":
            raise ValueError(f"Het PDF-rapport kent het onderdeel dcc.{soort} niet.")
        nummer = len(grafieken) + 1
        figuur = props.get("figure")
        grafieken.append({"id": f"pdf-grafiek-{nummer}", "figuur": figuur, "config": props.get("config") or {}})
        return f'<div class="rapport-pdf-grafiek" id="pdf-grafiek-{nummer}"{_stijl(props.get("style"))}></div>'
    if naamruimte == "dash_html_components":
        tag, klassen, extra = soort.lower(), [], {}
    elif naamruimte == "dash_bootstrap_components":
        tag, klassen, extra = _dbc(soort, props)
    else:
        raise ValueError(f"Het PDF-rapport kent onderdelen uit {naamruimte} niet.")
    if props.get("className"):
        klassen.append(props["className"])
    attributen = ""
    if isinstance(props.get("id"), str):
        attributen += _attribuut("id", props["id"])
    if klassen:
        attributen += _attribuut("class", " ".join(klassen))
    for k, v in {**extra, **props}.items():
        if k in _GEEN_ATTRIBUUT or k == "className":
            continue
        if naamruimte == "dash_bootstrap_components" and k not in extra and not k.startswith(("aria-", "data-")):
            continue  # eigenschappen als size/striped/color zijn al klassen
        attributen += _attribuut(k, v)
    attributen += _stijl(props.get("style"))
    if tag in _LEEG:
        return f"<{tag}{attributen}>"
    return f"<{tag}{attributen}>{component_naar_html(kinderen, grafieken)}</{tag}>"


# --------------------------------------------------------------------------- het document


def _script_json(waarde: Any) -> str:
    """JSON die veilig in een <script> staat (geen ``</script>`` of regelscheiders in tekst)."""
    import plotly.io as pio

    tekst = pio.to_json(waarde, validate=False) if not isinstance(waarde, str) else waarde
    return tekst.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _bouwfuncties() -> Any:
    """``pagina.rapport`` registreert een Dash-pagina; buiten de webapp is daarvoor een (lege) Dash-app nodig."""
    if "pagina.rapport" not in sys.modules:
        import dash

        try:
            dash.get_app()
        except Exception:  # noqa: BLE001 - geen app in dit proces: maak er een, alleen voor de registratie
            dash.Dash(__name__, use_pages=True, pages_folder="", assets_folder=str(_assets_map()))
    from dashboard.thema import registreer_template

    registreer_template()
    import pagina.rapport as bouw

    return bouw


def _assets_map() -> Path:
    return Path(__file__).resolve().parent.parent / "assets"


def rapport_html(sessie: Session, onderwerp: str, peildatum: dt.date, vandaag: dt.date, demo: bool = False) -> str:
    """Het rapport (een wijk, of ``stad``) als één zelfstandig HTML-document."""
    return _document(sessie, onderwerp, peildatum, vandaag, demo)[0]


def _document(sessie: Session, onderwerp: str, peildatum: dt.date, vandaag: dt.date, demo: bool) -> tuple[str, str]:
    """(HTML-document, titel van het rapport)."""
    import plotly.offline

    from dashboard import _bootstrap_map
    from datalaag.rapport import STAD, stadsrapport, wijkrapport

    bouw = _bouwfuncties()
    if onderwerp == STAD:
        data = stadsrapport(sessie, peildatum, vandaag)
        artikel = bouw.bouw_stadsrapport(data, demo)
    else:
        data = wijkrapport(sessie, onderwerp, peildatum, vandaag)
        if data is None:
            raise RapportFout(f"Er is geen wijk met het adres \u201c{onderwerp}\u201d. Geef de slug van een wijk "
                              "(bijv. de-riet) of 'stad'.")
        artikel = bouw.bouw_wijkrapport(data, demo)
    grafieken: list[dict[str, Any]] = []
    inhoud = component_naar_html(artikel, grafieken)
    voet = bouw.voettekst(data)
    stijlen = [
        (_bootstrap_map() / "bootstrap.min.css").read_text(encoding="utf-8"),
        (_assets_map() / "thema.css").read_text(encoding="utf-8"),
        (_assets_map() / "rapport.css").read_text(encoding="utf-8"),
        bouw.paginaregels(data, demo),
        "body { background: #fff; } .rapport-pdf-grafiek { overflow: hidden; }",
    ]
    figuren = ",".join(
        '{"id": ' + json.dumps(g["id"]) + ', "figuur": ' + _script_json(g["figuur"]) + ', "config": '
        + _script_json(json.dumps(g["config"])) + "}"
        for g in grafieken
    )
    teken = (
        "(function () {\n"
        f"  var grafieken = [{figuren}];\n"
        "  Promise.all(grafieken.map(function (g) {\n"
        "    return Plotly.newPlot(g.id, g.figuur.data, g.figuur.layout, g.config);\n"
        "  })).then(function () { document.body.setAttribute('data-klaar', 'ja'); },\n"
        "           function (fout) { document.body.setAttribute('data-fout', String(fout)); });\n"
        "})();"
    )
    titel = html_lib.escape(voet)
    csp = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
           "font-src data:")
    document = (
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{titel}</title>"
        + "".join(f"<style>{s}</style>" for s in stijlen)
        + f"</head><body><main>{inhoud}</main>"
        + "<script>" + plotly.offline.get_plotlyjs() + "</script>"
        + f"<script>{teken}</script></body></html>"
    )
    naam = "stad" if onderwerp == STAD else data.wijk.naam
    return document, f"Voortgangsrapportage {naam}"


# --------------------------------------------------------------------------- PDF


def _tel_paginas(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _lanceer_args() -> list[str]:
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium start als root alleen zonder sandbox; het document is van ons
    return args


def html_naar_pdf(document: str, bestand: Path, chromium: str | None = None) -> int:
    """Laat Chromium het document als A4-PDF afdrukken; geeft het aantal pagina's."""
    try:
        from playwright.sync_api import Error as PlaywrightFout
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise RapportFout("Playwright ontbreekt: installeer het met pip install 'playwright>=1.45' (Chromium van "
                          "Debian: apt-get install chromium).") from exc
    pad = chromium or os.environ.get("WIJK_CHROMIUM") or CHROMIUM
    if not Path(pad).exists():
        raise RapportFout(f"Chromium niet gevonden op {pad}. Installeer het (apt-get install chromium) of zet "
                          "WIJK_CHROMIUM op het pad van Chromium.")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=pad, headless=True, args=_lanceer_args())
            try:
                pagina = browser.new_page(java_script_enabled=True)
                pagina.route("**/*", lambda route: route.abort())  # geen enkel netwerkverzoek
                pagina.set_content(document, wait_until="load", timeout=TIJDSLIMIET_MS)
                pagina.wait_for_function(
                    "document.body.hasAttribute('data-klaar') || document.body.hasAttribute('data-fout')",
                    timeout=TIJDSLIMIET_MS,
                )
                fout = pagina.evaluate("document.body.getAttribute('data-fout')")
                if fout:
                    raise RapportFout(f"De grafieken konden niet getekend worden: {fout}")
                pagina.emulate_media(media="print")
                pdf = pagina.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except PlaywrightFout as exc:
        raise RapportFout(f"Chromium kon het rapport niet afdrukken: {str(exc).splitlines()[0]}") from exc
    bestand.parent.mkdir(parents=True, exist_ok=True)
    bestand.write_bytes(pdf)
    return _tel_paginas(pdf)


def schrijf_pdf(fabriek: sessionmaker[Session] | Callable[[], Session], onderwerp: str, bestand: str | os.PathLike,
                peildatum: str | dt.date | None = None, vandaag: dt.date | None = None, demo: bool = False,
                chromium: str | None = None) -> PdfVerslag:
    """Schrijf het rapport van ``onderwerp`` (slug van een wijk, of ``stad``) als PDF naar ``bestand``.
    ``peildatum``: dd-mm-jjjj of een datum (standaard vandaag). Fouten: :class:`RapportFout`."""
    from datalaag.opmaak import formatteer_datum
    from datalaag.rapport import kies_peildatum

    vandaag = vandaag or dt.date.today()
    if isinstance(peildatum, dt.date):
        tekst: str | None = formatteer_datum(peildatum)
    else:
        tekst = peildatum
    keuze = kies_peildatum(tekst, vandaag)
    if keuze.fout:
        raise RapportFout(keuze.fout)
    doel = Path(bestand)
    if doel.suffix.lower() != ".pdf":
        raise RapportFout(f"Geef een bestandsnaam die eindigt op .pdf (niet {doel.name}).")
    with fabriek() as sessie:
        document, titel = _document(sessie, (onderwerp or "").strip(), keuze.peildatum, vandaag, demo)
    paginas = html_naar_pdf(document, doel, chromium)
    return PdfVerslag(bestand=doel, titel=titel, paginas=paginas, peildatum=keuze.peildatum)
