"""``/invoer/import``: metingen, meldingen of uitgaven importeren uit een CSV- of Excelbestand.

Twee stappen: "Controleren (proef)" laat ``datalaag.importeren.importeer(..., proef=True)`` elke rij
controleren en toont de fouten per rij en kolom (of hoeveel rijen worden toegevoegd); pas na een
geslaagde controle kan "Importeren" worden aangeklikt. Die klik stuurt het bestand opnieuw mee en
de server controleert alles opnieuw (de eerdere proef telt niet): alles of niets, in één transactie,
met één regel in het dossier. Wie voor de gekozen soort in geen enkele wijk mag schrijven, ziet
een uitleg en geen upload; de rechten per rij bewaakt de datalaag.

Voortgang: terwijl de proef of de import loopt, toont een balk het percentage en "Controleren: rij
40.000 van 100.000". Het verzoek dat importeert schrijft de stand in Redis als ``REDIS_URL`` gezet is
(alle workers van alle servers), anders in een klein bestand in de instance-map
(``datalaag.importeren.Voortgangsbestand``, met een willekeurige sleutel per weergave van
de pagina en de gebruiker als eigenaar); een ``dcc.Interval`` vraagt hem elke seconde op met een
gewone callback. Zo blijft het importeren één gewoon verzoek (aanmelding, CSRF en rechten zoals bij
elke callback; alles of niets in één transactie), werkt het met meerdere gunicorn-workers op dezelfde
server en blijft er niets in het geheugen van een proces.

URL: ``/invoer/import?soort=metingen`` (of ``meldingen``, ``uitgaven``).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import unicodedata
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from flask import current_app

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie, sessiefabriek
from datalaag.autorisatie import GeenToegang, schrijfbare_wijken
from datalaag.importeren import (
    KOLOMMEN,
    RECHTEN,
    SOORTEN,
    Bestandsfout,
    Voortgang,
    Voortgangsbestand,
    importeer,
    lees_bestand,
)
from datalaag.opmaak import formatteer_getal
from datalaag.validatie import Invoerfout
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import geen_rechten, melding

MAX_MB = 20
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_FOUTEN = 200
PEIL_MS = 1000  # zo vaak vraagt de pagina de voortgang op
BEGIN_TEKST = "Bestand versturen en lezen\u2026"

SOORT_LABEL = {"metingen": "Metingen", "meldingen": "Meldingen", "uitgaven": "Uitgaven"}
SOORT_UITLEG = {
    "metingen": "Eén rij per meting van een indicator in een wijk. Een meting met dezelfde indicator, wijk en "
                "peildatum die al bestaat, wordt overgeslagen. Peildatum: 31-12 voor een jaarmeting, de laatste "
                "dag van het kwartaal voor een kwartaalmeting.",
    "meldingen": "Eén rij per melding; het kenmerk (meldingnummer) is de sleutel. Datums als dd-mm-jjjj, "
                 "eventueel met tijd (dd-mm-jjjj uu:mm).",
    "uitgaven": "Eén rij per uitgave, tegen een budgetpost en/of maatregel van de wijk. Bedragen als 1.250,00. "
                "Met een kenmerk (boekingsnummer) is dat de sleutel.",
}

dash.register_page(
    __name__,
    path="/invoer/import",
    name="Importeren",
    title="Importeren · Wijkaanpak Almelo",
    description="Metingen, meldingen en uitgaven importeren uit CSV of Excel: eerst controleren, dan alles of niets.",
)


def _aantal(n: int) -> str:
    return formatteer_getal(n, 0)


def _geen_rechten(actor, soort: str) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u {soort} lezen en exporteren, niet "
              "importeren: dat doen de stadsdeelcoördinatoren voor hun eigen wijken en de beheerder.")
    return geen_rechten("Importeren", "import-geen-rechten", uitleg,
                        dcc.Link("Naar de invoerformulieren", href="/invoer"), kop="U kunt hier niets importeren. ")


def _kolomtabel(soort: str) -> html.Div:
    rijen = [html.Tr([html.Td(html.Code(k)), html.Td("ja" if verplicht else "nee")])
             for k, verplicht in KOLOMMEN[soort].items()]
    return html.Div(
        dbc.Table(
            [
                html.Caption(f"Kolommen voor {soort}", className="visually-hidden"),
                html.Thead(html.Tr([html.Th("Kolom", scope="col"), html.Th("Verplicht", scope="col")])),
                html.Tbody(rijen),
            ],
            size="sm", striped=True, className="small mb-0", id="import-kolommen",
        ),
        style={"maxWidth": "28rem"},
    )


def layout(soort: str | None = None, **_overig):
    actor = huidige_actor()
    soort = soort if soort in SOORTEN else "metingen"
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, RECHTEN[soort])
    if not wijken:
        return _geen_rechten(actor, soort)
    voor = "alle wijken" if actor is not None and actor.rol == "beheerder" else ", ".join(w.naam for w in wijken)
    return html.Div(
        [
            dcc.Location(id="import-url", refresh="callback-nav"),
            # Per weergave een eigen sleutel voor de voortgang (het bestand heeft ook de gebruiker als eigenaar).
            dcc.Store(id="import-sleutel", data=secrets.token_hex(16)),
            dcc.Interval(id="import-peiler", interval=PEIL_MS, disabled=True),
            html.H1("Importeren uit CSV of Excel"),
            html.P("Kies wat u importeert en een bestand. Controleer het eerst: u ziet dan per rij en kolom wat er "
                   "niet klopt. Pas als alles klopt, kunt u importeren; dan wordt alles opgeslagen of niets. Wat er "
                   "al is, wordt overgeslagen.", className="text-body-secondary"),
            dbc.Row(
                maak_keuze("import-soort", "Wat importeert u?",
                           [{"label": SOORT_LABEL[s], "value": s} for s in SOORTEN], soort, xs=12, sm=6, lg=3),
                className="mb-3 g-3",
            ),
            html.P(f"U mag {soort} importeren voor: {voor}.", className="small", id="import-wijken"),
            html.Section(
                [
                    html.H2(f"Kolommen van een bestand met {soort}", id="import-kolommen-titel", className="h5"),
                    html.P([SOORT_UITLEG[soort], " De eerste rij bevat de kolomnamen; CSV in UTF-8 met ; of , als "
                            "scheidingsteken, of een Excel-werkmap (.xlsx, eerste werkblad). Een voorbeeld staat "
                            f"in de repository: seed/voorbeelden/{soort}.csv."], className="small"),
                    _kolomtabel(soort),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "import-kolommen-titel"},
            ),
            html.Section(
                [
                    html.H2("Bestand", id="import-bestand-titel", className="h5"),
                    dcc.Upload(
                        id="import-upload",
                        children=html.Div([
                            html.Button("Kies een bestand (.csv of .xlsx)", type="button",
                                        className="btn btn-outline-primary", id="import-kies"),
                            html.Span(f" of sleep het hierheen (ten hoogste {MAX_MB} MB).", className="ms-2"),
                        ]),
                        accept=".csv,.xlsx",
                        max_size=MAX_BYTES,
                        multiple=False,
                        className="import-upload p-3 border rounded mb-2",
                        style={"borderStyle": "dashed"},
                    ),
                    html.P("Nog geen bestand gekozen.", id="import-bestand", className="small", **{"aria-live": "polite"}),
                    html.Div(
                        [
                            dbc.Button("Controleren (proef)", id="import-controleren", color="secondary",
                                       n_clicks=0, disabled=True),
                            dbc.Button("Importeren", id="import-importeren", color="primary", n_clicks=0,
                                       disabled=True),
                            html.Span([dbc.Spinner(size="sm", spinner_class_name="me-2"), "Bezig…"],
                                      id="import-bezig", hidden=True, role="status"),
                        ],
                        className="d-flex flex-wrap align-items-center gap-2",
                    ),
                    html.P("Importeren kan pas na een geslaagde controle van hetzelfde bestand.",
                           className="form-text mb-0 mt-1"),
                    html.Div(
                        html.Div(_balk(None), id="import-voortgang-inhoud",
                                 **{"aria-live": "polite", "aria-atomic": "true"}),
                        id="import-voortgang", hidden=True, className="mt-3",
                    ),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "import-bestand-titel"},
            ),
            html.Div(id="import-uitkomst", **{"aria-live": "polite"}),
        ]
    )


def _balk(stand: Voortgang | None) -> list:
    """De voortgangsbalk met percentage, en daaronder in woorden waar de import is."""
    procent = stand.procent if stand is not None else 0
    tekst = stand.tekst if stand is not None else BEGIN_TEKST
    return [
        html.Div(
            html.Div(f"{procent}%", className="progress-bar", style={"width": f"{procent}%"},
                     id="import-voortgang-staaf"),
            className="progress", role="progressbar", style={"height": "1.5rem", "maxWidth": "40rem"},
            id="import-voortgang-balk",
            **{"aria-label": "Voortgang", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": procent,
               "aria-valuetext": f"{procent}%: {tekst}"},
        ),
        html.P(tekst, className="small mb-0 mt-1", id="import-voortgang-tekst"),
    ]


def _voortgang_map() -> Path:
    """Zonder Redis: gedeeld door alle workers van deze server (de instance-map), niet in het geheugen van een
    proces. Met Redis (:func:`_redis_url`) staat de voortgang daar, voor alle workers van alle servers."""
    return Path(current_app.instance_path) / "importvoortgang"


def _redis_url() -> str | None:
    config = current_app.extensions.get("wijkaanpak_config")
    return getattr(config, "redis_url", None)


# Het verborgen bestandsveld van dcc.Upload heeft geen label en is een extra tabstop: de knop
# "Kies een bestand" erin opent hetzelfde venster. Het onderdeel laadt asynchroon, dus even proberen.
dash.clientside_callback(
    """
    function(id) {
        let pogingen = 0;
        const zet = () => {
            const veld = document.querySelector('#import-upload input[type=file]');
            if (veld) {
                veld.setAttribute('aria-label', 'Bestand om te importeren (.csv of .xlsx)');
                veld.setAttribute('tabindex', '-1');
            } else if (pogingen++ < 100) {
                setTimeout(zet, 100);
            }
        };
        zet();
        return window.dash_clientside.no_update;
    }
    """,
    Output("import-kies", "title"),
    Input("import-upload", "id"),
)


@dash.callback(
    Output("import-url", "search"),
    Input("import-soort", "value"),
    prevent_initial_call=True,
)
def _soort_naar_url(soort: str | None) -> str:
    return f"?soort={soort if soort in SOORTEN else 'metingen'}"


@dash.callback(
    Output("import-bestand", "children"),
    Output("import-controleren", "disabled"),
    Output("import-importeren", "disabled", allow_duplicate=True),
    Output("import-uitkomst", "children", allow_duplicate=True),
    Input("import-upload", "contents"),
    State("import-upload", "filename"),
    prevent_initial_call=True,
)
def _bestand_gekozen(inhoud, naam):
    """Een nieuw bestand: de vorige controle geldt niet meer."""
    if not inhoud:
        return "Nog geen bestand gekozen.", True, True, None
    return ["Gekozen bestand: ", html.Strong(str(naam or "bestand")), ". Klik op \u201cControleren (proef)\u201d."], \
        False, True, None


def _bytes(inhoud: str) -> bytes:
    """De inhoud van een ``dcc.Upload`` (``data:…;base64,…``) als bytes; gooit ``Invoerfout``."""
    if not isinstance(inhoud, str) or "," not in inhoud:
        raise Invoerfout("Kies eerst een bestand.")
    try:
        data = base64.b64decode(inhoud.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        raise Invoerfout("Het bestand is niet goed aangekomen. Kies het opnieuw.") from None
    if len(data) > MAX_BYTES:
        raise Invoerfout(f"Het bestand is groter dan {MAX_MB} MB. Splits het in kleinere bestanden.")
    return data


def _foutentabel(fouten) -> html.Div:
    rijen = [html.Tr([html.Td(str(f.rij)), html.Td(f.kolom or "(hele rij)"), html.Td(f.melding)])
             for f in fouten[:MAX_FOUTEN]]
    meer = len(fouten) - MAX_FOUTEN
    return html.Div(
        [
            html.Div(
                dbc.Table(
                    [
                        html.Caption("Fouten per rij en kolom", className="visually-hidden"),
                        html.Thead(html.Tr([html.Th("Rij", scope="col"), html.Th("Kolom", scope="col"),
                                            html.Th("Wat is er mis", scope="col")])),
                        html.Tbody(rijen),
                    ],
                    size="sm", striped=True, bordered=True, className="small mb-1", id="import-fouten",
                ),
                # Scrollt op een smal scherm: dan ook met het toetsenbord te bereiken.
                className="table-responsive", tabIndex=0, role="region", **{"aria-label": "Fouten per rij en kolom"},
            ),
            html.P(f"… en nog {_aantal(meer)} fouten. Verbeter eerst deze en controleer opnieuw.",
                   id="import-meer-fouten", className="small") if meer > 0 else None,
        ]
    )


def _eerste_wijk(gelezen, soort: str):
    """De wijk van de eerste rij (voor de link naar de wijkpagina), als de gebruiker er een mag zien."""
    if not gelezen.rijen:
        return None
    waarde = gelezen.rijen[0][1].get("wijk")
    if waarde is None:
        return None
    sleutel = unicodedata.normalize("NFC", str(waarde)).strip().casefold()
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, huidige_actor(), RECHTEN[soort])
    return next((w for w in wijken if sleutel in (w.naam.casefold(), w.slug.casefold())), None)


@dash.callback(
    Output("import-uitkomst", "children"),
    Output("import-importeren", "disabled"),
    Input("import-controleren", "n_clicks"),
    Input("import-importeren", "n_clicks"),
    State("import-upload", "contents"),
    State("import-upload", "filename"),
    State("import-soort", "value"),
    State("import-sleutel", "data"),
    # Tijdens het werk: spinner, balk zichtbaar en op nul, de peiler aan, de vorige uitkomst weg en de knoppen uit
    # (geen tweede import terwijl de eerste loopt); daarna omgekeerd. "Importeren" zet de callback zelf weer aan.
    running=[(Output("import-bezig", "hidden"), False, True),
             (Output("import-uitkomst", "hidden"), True, False),
             (Output("import-controleren", "disabled"), True, False),
             (Output("import-importeren", "disabled"), True, True),
             (Output("import-voortgang", "hidden"), False, True),
             (Output("import-peiler", "disabled"), False, True),
             (Output("import-voortgang-staaf", "style"), {"width": "0%"}, {"width": "0%"}),
             (Output("import-voortgang-staaf", "children"), "0%", "0%"),
             (Output("import-voortgang-balk", "aria-valuenow"), 0, 0),
             (Output("import-voortgang-balk", "aria-valuetext"), f"0%: {BEGIN_TEKST}", f"0%: {BEGIN_TEKST}"),
             (Output("import-voortgang-tekst", "children"), BEGIN_TEKST, BEGIN_TEKST)],
    prevent_initial_call=True,
)
def _verwerk(_controleren, _importeren, inhoud, naam, soort, sleutel=None):
    """Controleren (proef) of importeren; beide via ``datalaag.importeren.importeer``, dat alles opnieuw
    controleert en per rij de rechten van de aangemelde gebruiker toetst. De voortgang gaat naar het
    voortgangsbestand van ``sleutel`` (zonder geldige sleutel: geen voortgang)."""
    proef = ctx.triggered_id != "import-importeren"
    niet = "Niet gecontroleerd." if proef else "Niet geïmporteerd: er is niets opgeslagen."
    actor = huidige_actor()
    melder = None
    if Voortgangsbestand.geldige_sleutel(sleutel):
        melder = Voortgangsbestand(_voortgang_map(), sleutel, actor.gebruiker_id if actor else None, proef=proef,
                                   redis_url=_redis_url())
        melder.begin()
    try:
        if soort not in SOORTEN:
            raise Invoerfout(f"Kies wat u importeert: {', '.join(SOORTEN)}.")
        gelezen = lees_bestand(_bytes(inhoud), str(naam or "bestand"))
        with sessiefabriek()() as sessie, sessie.begin():
            verslag = importeer(sessie, actor, soort, gelezen, proef=proef, voortgang=melder)
    except Bestandsfout as fout:
        return melding("danger", niet, [str(fout)], id_="import-bestandsfout"), True
    except (Invoerfout, GeenToegang) as fout:
        return melding("danger", niet, [str(fout)], id_="import-bestandsfout"), True
    finally:
        if melder is not None:
            melder.wis()
    if verslag.fouten:
        n = len(verslag.fouten)
        titel = (f"{_aantal(n)} fout{'en' if n != 1 else ''} gevonden in {_aantal(verslag.rijen)} rijen. "
                 + ("Verbeter het bestand en controleer opnieuw." if proef else "Er is niets opgeslagen."))
        return dbc.Alert([html.Strong(titel), _foutentabel(verslag.fouten)], color="danger", className="mt-3",
                         id="import-resultaat-fouten"), True
    if proef:
        tekst = (f"{_aantal(verslag.toegevoegd)} {'rij wordt' if verslag.toegevoegd == 1 else 'rijen worden'} "
                 f"toegevoegd, {_aantal(verslag.overgeslagen)} overgeslagen (al aanwezig).")
        return dbc.Alert([html.Strong("Controle geslaagd: "), html.Span(tekst, id="import-samenvatting"),
                          html.Div("Klik op \u201cImporteren\u201d om ze op te slaan.", className="mt-1")],
                         color="success", className="mt-3", id="import-resultaat-proef"), False
    links: list = [dcc.Link("Bekijk de import in het dossier", href="/dossier?entiteit=import",
                            id="import-link-dossier")]
    wijk = _eerste_wijk(gelezen, soort) if soort == "metingen" else None
    if wijk is not None:
        links += [" · ", dcc.Link(f"Wijkpagina {wijk.naam}", href=f"/wijk/{wijk.slug}", id="import-link-wijk")]
    tekst = (f"{_aantal(verslag.toegevoegd)} {'rij' if verslag.toegevoegd == 1 else 'rijen'} toegevoegd, "
             f"{_aantal(verslag.overgeslagen)} overgeslagen (al aanwezig) uit {verslag.bestand}.")
    return dbc.Alert([html.Strong("Geïmporteerd: "), html.Span(tekst, id="import-samenvatting"),
                      html.Div(links, className="mt-1")], color="success", className="mt-3",
                     id="import-resultaat-import"), True


@dash.callback(
    Output("import-voortgang-inhoud", "children"),
    Input("import-peiler", "n_intervals"),
    State("import-sleutel", "data"),
    prevent_initial_call=True,
)
def _toon_voortgang(_n, sleutel):
    """De stand van de lopende proef of import van deze pagina (alleen lezen; alleen de eigen stand)."""
    actor = huidige_actor()
    stand = Voortgangsbestand.lees(_voortgang_map(), sleutel, actor.gebruiker_id if actor else None,
                                   redis_url=_redis_url())
    return dash.no_update if stand is None else _balk(stand)
