"""``/invoer/voortgang``: de voortgang van een maatregel bijwerken (percentage, status, toelichting).

De coördinator kiest een maatregel uit zijn eigen wijken (de beheerder uit alle wijken), ziet de huidige
stand en legt een voortgangsmelding vast. Alles gaat via ``datalaag.voortgang.bewaar_voortgang``: die
controleert de invoer, de rechten (ook als iemand de callback rechtstreeks aanroept) en de versie, en
schrijft het dossier. URL: ``/invoer/voortgang?maatregel=12``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie, sessiefabriek
from datalaag.autorisatie import GeenToegang
from datalaag.mutaties import beschrijf_wijzigingen
from datalaag.opmaak import formatteer_datum
from datalaag.projecten import STATUS_LABELS
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.voortgang import (
    TEKST_LENGTE,
    VELDEN,
    Conflictfout,
    MaatregelStand,
    bewaar_voortgang,
    maatregelen_voor,
)
from pagina.componenten.formulier import (
    dom_id,
    fout_id,
    fouten_per_veld,
    geen_fouten,
    ingevulde_velden,
    maak_veld,
    melding,
    melding_voor_fout,
    veld_id,
)
from pagina.componenten.querystring import geheel

PREFIX = "voortgang"

dash.register_page(
    __name__,
    path="/invoer/voortgang",
    name="Voortgang invoeren",
    title="Voortgang invoeren · Wijkaanpak Almelo",
    description="De voortgang van een maatregel bijwerken: percentage, status en toelichting.",
)


def _geen_rechten(actor) -> html.Div:
    return html.Div(
        [
            html.H1("Voortgang invoeren"),
            dbc.Alert(
                [
                    html.Strong("U kunt hier niets invoeren. "),
                    (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de voortgang van maatregelen "
                     "lezen, niet bijwerken: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. De voortgang "
                     "ziet u op de pagina Projecten en op de wijkpagina's."),
                ],
                color="info",
                id="voortgang-geen-rechten",
            ),
            dcc.Link("Naar de projecten", href="/projecten"),
        ]
    )


def _huidig(m: MaatregelStand) -> list:
    delen: list = [
        "Nu: ", html.Strong(f"{m.voortgang}%", id="voortgang-huidig-percentage"), " · ",
        html.Strong(m.status_label, id="voortgang-huidig-status"),
        f" · ambitie {m.ambitie} · {m.plan}",
    ]
    if m.start or m.eind:
        delen.append(f" · gepland {formatteer_datum(m.start) if m.start else '?'} – "
                     f"{formatteer_datum(m.eind) if m.eind else '?'}")
    if m.laatste_melding:
        delen.append(f" · laatste melding {formatteer_datum(m.laatste_melding)}")
    if m.gewijzigd_door:
        delen.append(f" (door {m.gewijzigd_door})")
    delen += [" · ", dcc.Link("Bekijk de voortgangshistorie", href=f"/projecten?maatregel={m.id}",
                              id="voortgang-historie-link")]
    return delen


def _statuskeuze(waarde: str) -> html.Div:
    return html.Div(
        [
            html.Label(
                [
                    html.Span(VELDEN["status"], className="d-block fw-semibold mb-1"),
                    html.Span("Bij Vertraagd of Gestopt is een toelichting verplicht; Afgerond hoort bij 100%.",
                              className="d-block form-text mt-0 mb-1"),
                    dbc.Select(id=veld_id(PREFIX, "status"), value=waarde,
                               options=[{"label": t, "value": s} for s, t in STATUS_LABELS.items()]),
                ],
                className="d-block w-100 mb-0",
                id=dom_id(PREFIX, "status"),
            ),
            html.Div(id=fout_id(PREFIX, "status"), className="invalid-feedback d-block"),
        ],
        className="mb-3",
    )


def layout(maatregel: str | None = None, **_overig):
    actor = huidige_actor()
    if actor is None or actor.rol not in ("coordinator", "beheerder"):
        return _geen_rechten(actor)
    with lees_sessie() as sessie:
        lijst = maatregelen_voor(sessie, actor)
    if not lijst:
        return html.Div([html.H1("Voortgang invoeren"),
                         dbc.Alert("Er zijn (nog) geen maatregelen in uw wijken. Maatregelen komen uit de "
                                   "wijkplannen.", color="info", id="voortgang-geen-maatregelen")])
    gevraagd = geheel(maatregel)
    gekozen = next((m for m in lijst if m.id == gevraagd), lijst[0])
    meldingen = []
    if maatregel and gevraagd != gekozen.id:
        meldingen.append(dbc.Alert(f"Maatregel \u201c{maatregel}\u201d staat niet in uw lijst; u ziet "
                                   f"{gekozen.label}.", color="warning", id="voortgang-niet-gevonden"))
    return html.Div(
        [
            dcc.Location(id="voortgang-url", refresh="callback-nav"),
            dcc.Store(id="voortgang-basis", data={"maatregel_id": gekozen.id, "versie": gekozen.versie}),
            html.H1("Voortgang invoeren"),
            html.P("Leg vast hoe ver een maatregel uit het wijkplan is. Elke melding komt in de voortgangshistorie "
                   "en in het dossier; de raad ziet de nieuwe stand op de pagina Projecten.",
                   className="text-body-secondary"),
            dbc.Row(dbc.Col([
                dbc.Label("Maatregel (wijk · maatregel)", html_for="voortgang-maatregel", className="fw-semibold mb-1"),
                dbc.Select(id="voortgang-maatregel", value=str(gekozen.id),
                           options=[{"label": m.label, "value": str(m.id)} for m in lijst]),
            ], lg=8), className="mb-3"),
            *meldingen,
            html.Div(id="voortgang-melding", **{"aria-live": "polite"}),
            html.Section(
                [
                    html.H2(gekozen.label, id="voortgang-titel", className="h4"),
                    html.P(_huidig(gekozen), id="voortgang-huidig"),
                    dbc.Row(
                        [
                            dbc.Col([
                                maak_veld(PREFIX, "percentage", VELDEN["percentage"], str(gekozen.voortgang),
                                          invoermodus="numeric", max_lengte=5,
                                          hulptekst="Een geheel getal van 0 tot en met 100"),
                                _statuskeuze(gekozen.status),
                                maak_veld(PREFIX, "datum", VELDEN["datum"], f"{dt.date.today():%d-%m-%Y}",
                                          max_lengte=10, hulptekst="dd-mm-jjjj; de dag waarop deze stand gold"),
                            ], md=5, lg=4),
                            dbc.Col(maak_veld(PREFIX, "toelichting", VELDEN["toelichting"], "", meerregelig=True,
                                              rijen=6, max_lengte=TEKST_LENGTE,
                                              hulptekst="Wat is er gedaan, wat loopt achter en waarom?"),
                                    md=7, lg=8),
                        ]
                    ),
                    html.Div(
                        [
                            dbc.Button("Voortgang opslaan", id="voortgang-opslaan", color="primary", n_clicks=0),
                        ],
                        className="d-flex flex-wrap align-items-center gap-2",
                    ),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "voortgang-titel"},
            ),
        ]
    )


@dash.callback(
    Output("voortgang-url", "search"),
    Input("voortgang-maatregel", "value"),
    State("voortgang-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(maatregel: str | None, basis):
    """Een andere maatregel gekozen: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if not maatregel or maatregel == str(basis.get("maatregel_id")):
        return dash.no_update
    return "?" + urlencode({"maatregel": maatregel})


@dash.callback(
    Output("voortgang-melding", "children"),
    Output("voortgang-basis", "data"),
    Output({"type": f"{PREFIX}-veld", "veld": ALL}, "invalid"),
    Output({"type": f"{PREFIX}-fout", "veld": ALL}, "children"),
    Output("voortgang-huidig", "children"),
    Input("voortgang-opslaan", "n_clicks"),
    State({"type": f"{PREFIX}-veld", "veld": ALL}, "value"),
    State({"type": f"{PREFIX}-veld", "veld": ALL}, "id"),
    State("voortgang-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_klik, waarden, ids, basis):
    """Een voortgangsmelding vastleggen: alles via ``datalaag.voortgang.bewaar_voortgang``."""
    basis = basis if isinstance(basis, dict) else {}
    ingevuld = ingevulde_velden(ids, waarden)
    geen = geen_fouten(ids)
    try:
        with sessiefabriek()() as sessie, sessie.begin():
            uitkomst = bewaar_voortgang(
                sessie, huidige_actor(), basis.get("maatregel_id"),
                percentage=ingevuld.get("percentage"), status=ingevuld.get("status"),
                toelichting=ingevuld.get("toelichting"), datum=ingevuld.get("datum"),
                verwachte_versie=basis.get("versie"),
            )
    except Conflictfout as fout:
        regels = beschrijf_wijzigingen(fout.wijzigingen)
        blok = melding("warning", str(fout), regels or ["(geen details beschikbaar)"], id_="voortgang-conflict")
        blok.children.append(html.P(dcc.Link("Laad de nieuwste stand (uw invoer gaat dan verloren)",
                                             href=f"/invoer/voortgang?maatregel={geheel(str(basis.get('maatregel_id'))) or ''}",
                                             refresh=True), className="mb-0 mt-2"))
        return blok, dash.no_update, *geen, dash.no_update
    except Validatiefout as fout:
        invalid, teksten = fouten_per_veld(ids or [], fout.fouten)
        return melding_voor_fout(fout), dash.no_update, invalid, teksten, dash.no_update
    except (GeenToegang, Invoerfout) as fout:
        return melding_voor_fout(fout), dash.no_update, *geen, dash.no_update
    nieuwe_basis = {**basis, "maatregel_id": uitkomst.maatregel_id, "versie": uitkomst.versie}
    with lees_sessie() as sessie:
        stand = next((m for m in maatregelen_voor(sessie, huidige_actor()) if m.id == uitkomst.maatregel_id), None)
    nu = dt.datetime.now()
    tekst = (f"Opgeslagen om {nu:%H:%M}: voortgang {uitkomst.voortgang}%, "
             f"status {STATUS_LABELS[uitkomst.status].lower()}.")
    return (melding("success", tekst, id_="voortgang-bevestiging"), nieuwe_basis, *geen,
            dash.no_update if stand is None else _huidig(stand))
