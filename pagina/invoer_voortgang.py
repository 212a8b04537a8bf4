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
from dash import Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.opmaak import formatteer_datum
from datalaag.projecten import STATUS_LABELS
from datalaag.voortgang import (
    TEKST_LENGTE,
    VELDEN,
    MaatregelStand,
    bewaar_voortgang,
    maatregelen_voor,
)
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    ingevulde_velden,
    maak_keuzeveld,
    maak_veld,
    melding,
    veilige_ids,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
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
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de voortgang van maatregelen "
              "lezen, niet bijwerken: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. De voortgang "
              "ziet u op de pagina Projecten en op de wijkpagina's.")
    return geen_rechten("Voortgang invoeren", "voortgang-geen-rechten", uitleg,
                        dcc.Link("Naar de projecten", href="/projecten"))


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
                                maak_keuzeveld(PREFIX, "status", VELDEN["status"], STATUS_LABELS, gekozen.status,
                                               hulptekst="Bij Vertraagd of Gestopt is een toelichting verplicht; "
                                                         "Afgerond hoort bij 100%."),
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
    *velden_uitvoer(PREFIX),
    Output("voortgang-huidig", "children"),
    Input("voortgang-opslaan", "n_clicks"),
    *velden_invoer(PREFIX),
    State("voortgang-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_klik, waarden, ids, basis):
    """Een voortgangsmelding vastleggen: alles via ``datalaag.voortgang.bewaar_voortgang``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: bewaar_voortgang(
        sessie, huidige_actor(), basis.get("maatregel_id"),
        percentage=ingevuld.get("percentage"), status=ingevuld.get("status"),
        toelichting=ingevuld.get("toelichting"), datum=ingevuld.get("datum"),
        verwachte_versie=basis.get("versie"),
    ), ids, conflict=lambda fout: conflict_melding(
        fout, "voortgang-conflict", f"/invoer/voortgang?maatregel={geheel(str(basis.get('maatregel_id'))) or ''}"))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, dash.no_update
    uitkomst = uit.resultaat
    nieuwe_basis = {**basis, "maatregel_id": uitkomst.maatregel_id, "versie": uitkomst.versie}
    with lees_sessie() as sessie:
        stand = next((m for m in maatregelen_voor(sessie, huidige_actor()) if m.id == uitkomst.maatregel_id), None)
    nu = dt.datetime.now()
    tekst = (f"Opgeslagen om {nu:%H:%M}: voortgang {uitkomst.voortgang}%, "
             f"status {STATUS_LABELS[uitkomst.status].lower()}.")
    return (melding("success", tekst, id_="voortgang-bevestiging"), nieuwe_basis, *uit.velden,
            dash.no_update if stand is None else _huidig(stand))
