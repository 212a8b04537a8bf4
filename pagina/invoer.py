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
from dashboard.layout import INVOER_ROLLEN
from datalaag.autorisatie import (
    GRIFFIERECHTEN,
    PORTEFEUILLERECHTEN,
    WIJKRECHTEN,
    schrijfbare_wijken,
)

dash.register_page(
    __name__,
    path="/invoer",
    name="Invoer",
    title="Invoer · Wijkaanpak Almelo",
    description="Invoerformulieren voor evaluaties, wijkanalyses, metingen, voortgang, uitgaven, meldingen, "
                "toezeggingen, de regiegroep, bewonersinbreng en de status van het wijkplan.",
)

# (pad, titel, omschrijving, recht of rechten): een kaart is een link voor wie één van de rechten heeft.
FORMULIEREN: list[tuple[str, str, str, str | tuple[str, ...]]] = [
    ("/invoer/evaluatie", "Evaluatie (bijlage 9)",
     "De jaarlijkse evaluatie van het wijkontwikkelingsplan: per ambitie wat is bereikt, de waardering, "
     "aanvullende maatregelen, klanttevredenheid en eventueel extra budget.", "evaluatie_schrijven"),
    ("/invoer/wijkanalyse", "Wijkanalyse (bijlage 7)",
     "De analyse van de wijk met bewoners: per ambitie waardering, knelpunten, doelstellingen, mogelijke "
     "oplossingsrichtingen en een schatting van de kosten.", "wijkanalyse_schrijven"),
    ("/invoer/metingen", "Metingen",
     "Een nieuwe meting van een indicator in een wijk, of een correctie van een bestaande meting.",
     "meting_schrijven"),
    ("/invoer/import", "Importeren (CSV of Excel)",
     "Metingen, meldingen of uitgaven uit een bestand: eerst een proef met fouten per rij en kolom, dan alles of "
     "niets; wat er al is, wordt overgeslagen.", "meting_schrijven"),
    ("/invoer/voortgang", "Projectvoortgang",
     "Voortgang van een maatregel: percentage, status en toelichting, met geschiedenis.", "voortgang_schrijven"),
    ("/invoer/uitgaven", "Uitgaven",
     "Een uitgave boeken op een budgetpost en/of een maatregel van de wijk.", "uitgave_schrijven"),
    ("/invoer/meldingen", "Meldingen",
     "Een melding registreren, de afhandeling vastleggen (aanpak, rol van bewoners) en melden aan de regiegroep.",
     "melding_schrijven"),
    ("/invoer/toezeggingen", "Toezeggingen",
     "De griffie registreert toezeggingen en verklaart ze afgedaan; de portefeuillehouder stelt een afdoening voor.",
     ("toezegging_registreren", "toezegging_voorstellen", "toezegging_afdoen")),
    ("/invoer/regiegroep", "Regiegroep",
     "Leden van de regiegroep: organisatie, rol, termijn en vertrek (rotatie).", "regiegroep_schrijven"),
    ("/invoer/bewonersinbreng", "Bewonersinbreng",
     "Een bijeenkomst, enquête of gesprek met bewoners: datum, vorm, bereik en de schriftelijke opmerkingen.",
     "bewonersinbreng_schrijven"),
    ("/invoer/wijkplan", "Wijkplan: status",
     "De levensloop van het wijkplan: besproken met bewoners, definitief voorstel, de toets van de raad op de drie "
     "kaders, vastgesteld of terugverwezen.", ("wijkplan_voorbereiden", "raadsbesluit_wijkplan")),
    ("/invoer/openbaar", "Openbare pagina's en open data",
     "De openbare wijkpagina's voor bewoners en de open-data-API aan- of uitzetten.", "openbaarheid_beheren"),
]


def _onderschrift(sessie, actor, rechten: tuple[str, ...]) -> str | None:
    """Wat ``actor`` met dit formulier mag, in woorden; ``None`` als niets."""
    if actor is not None and actor.rol == "beheerder":
        return "U mag dit invullen voor alle wijken."
    wijkrechten = [r for r in rechten if r in WIJKRECHTEN]
    if wijkrechten:
        wijken = schrijfbare_wijken(sessie, actor, wijkrechten[0])
        if wijken:
            return "U mag dit invullen voor: " + ", ".join(w.naam for w in wijken) + "."
    if actor is not None and actor.rol == "griffie" and any(r in GRIFFIERECHTEN for r in rechten):
        return "U mag toezeggingen registreren en afgedaan of vervallen verklaren."
    if actor is not None and actor.rol == "wethouder" and any(r in PORTEFEUILLERECHTEN for r in rechten):
        return (f"U mag een afdoening voorstellen voor de toezeggingen van uw portefeuille "
                f"({actor.portefeuillehouder or 'onbekend'}).")
    return None


def layout(**_query):
    actor = huidige_actor()
    kaarten = []
    with lees_sessie() as sessie:
        for pad, titel, omschrijving, recht in FORMULIEREN:
            rechten = (recht,) if isinstance(recht, str) else recht
            onderschrift = _onderschrift(sessie, actor, rechten)
            kaarten.append(dbc.Col(dbc.Card(dbc.CardBody([
                html.H2(dcc.Link(titel, href=pad) if onderschrift else titel, className="h5"),
                html.P(omschrijving, className="mb-1"),
                html.P(onderschrift or "U heeft geen rechten om dit in te vullen.",
                       className="small text-body-secondary mb-0"),
            ]), className="h-100"), md=6, xl=4, className="mb-3"))
    uitleg = None
    if actor is None or actor.rol not in INVOER_ROLLEN:
        uitleg = dbc.Alert(
            f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u alles lezen en exporteren, maar niets "
            "invoeren. Stadsdeelcoördinatoren vullen de formulieren in voor hun eigen wijken, de griffie houdt de "
            "toezeggingenlijst bij.",
            color="info", id="invoer-geen-rechten")
    return html.Div([
        html.H1("Invoer"),
        html.P("Elke wijziging wordt gecontroleerd en komt met naam, tijdstip en oude en nieuwe waarde in het "
               "dossier.", className="text-body-secondary"),
        uitleg,
        dbc.Row(kaarten, id="invoer-formulieren"),
    ])
