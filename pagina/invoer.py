"""``/invoer``: de invoerformulieren, met per formulier wie het mag gebruiken.

Wie niets mag invoeren (raadslid, wethouder, griffie voor deze formulieren) ziet dat hier in
woorden; de rechten zelf bewaakt de datalaag bij elke schrijfactie.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken

dash.register_page(
    __name__,
    path="/invoer",
    name="Invoer",
    title="Invoer · Wijkaanpak Almelo",
    description="Invoerformulieren voor evaluaties, wijkanalyses en (binnenkort) metingen, voortgang en uitgaven.",
)

# (pad, titel, omschrijving, recht)
FORMULIEREN = [
    ("/invoer/evaluatie", "Evaluatie (bijlage 9)",
     "De jaarlijkse evaluatie van het wijkontwikkelingsplan: per ambitie wat is bereikt, de waardering, "
     "aanvullende maatregelen, klanttevredenheid en eventueel extra budget.", "evaluatie_schrijven"),
    ("/invoer/wijkanalyse", "Wijkanalyse (bijlage 7)",
     "De analyse van de wijk met bewoners: per ambitie waardering, knelpunten, doelstellingen, mogelijke "
     "oplossingsrichtingen en een schatting van de kosten.", "wijkanalyse_schrijven"),
    ("/invoer/import", "Importeren (CSV of Excel)",
     "Metingen, meldingen of uitgaven uit een bestand: eerst een proef met fouten per rij en kolom, dan alles of "
     "niets; wat er al is, wordt overgeslagen.", "meting_schrijven"),
    ("/invoer/metingen", "Metingen", "Nieuwe metingen van de indicatoren (volgt).", "meting_schrijven"),
    ("/invoer/voortgang", "Projectvoortgang",
     "Voortgang van een maatregel: percentage, status en toelichting, met geschiedenis.", "voortgang_schrijven"),
    ("/invoer/uitgaven", "Uitgaven", "Uitgaven op budgetposten en maatregelen (volgt).", "uitgave_schrijven"),
    ("/invoer/meldingen", "Meldingen", "Meldingen en hun afhandeling (volgt).", "melding_schrijven"),
]


def layout(**_query):
    actor = huidige_actor()
    with lees_sessie() as sessie:
        wijken = {recht: schrijfbare_wijken(sessie, actor, recht) for *_rest, recht in FORMULIEREN}
    kaarten = []
    for pad, titel, omschrijving, recht in FORMULIEREN:
        mogelijk = wijken[recht]
        if mogelijk:
            voor = ("alle wijken" if actor and actor.rol == "beheerder"
                    else ", ".join(w.naam for w in mogelijk))
            onderschrift = f"U mag dit invullen voor: {voor}."
        else:
            onderschrift = "U heeft geen rechten om dit in te vullen."
        kaarten.append(dbc.Col(dbc.Card(dbc.CardBody([
            html.H2(dcc.Link(titel, href=pad) if mogelijk else titel, className="h5"),
            html.P(omschrijving, className="mb-1"),
            html.P(onderschrift, className="small text-body-secondary mb-0"),
        ]), className="h-100"), md=6, xl=4, className="mb-3"))
    uitleg = None
    if actor is None or actor.rol not in ("coordinator", "beheerder"):
        uitleg = dbc.Alert(
            f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u alles lezen en exporteren, maar niets "
            "invoeren. Stadsdeelcoördinatoren vullen de formulieren in voor hun eigen wijken.",
            color="info", id="invoer-geen-rechten")
    return html.Div([
        html.H1("Invoer"),
        html.P("Elke wijziging wordt gecontroleerd en komt met naam, tijdstip en oude en nieuwe waarde in het "
               "dossier.", className="text-body-secondary"),
        uitleg,
        dbc.Row(kaarten, id="invoer-formulieren"),
    ])
