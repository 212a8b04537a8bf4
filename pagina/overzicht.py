"""``/``: het overzicht van de hele stad — kerncijfers, ambitiescores per wijk en signalen.

De paginastatus staat in de URL (``/?jaar=2025``), zodat een link precies dit beeld terugbrengt.
"""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard.database import lees_sessie
from datalaag.kaart import STANDAARD_KAARTMAAT, kaartgegevens, kies_kaartmaat
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
)
from datalaag.overzicht import Kpis, beschikbare_jaren, overzicht
from pagina.componenten.filters import maak_jaarkeuze
from pagina.componenten.grafiek import bestandsnaam, tabel_met_export
from pagina.componenten.heatmap import heatmap_gegevens, maak_heatmap
from pagina.componenten.kaart import maak_kaart, maak_kaartmaatkeuze, slug_uit_klik
from pagina.componenten.kpi_kaart import maak_kpi_kaart
from pagina.componenten.querystring import kies_jaar
from pagina.componenten.signalen import maak_signalenlijst
from pagina.componenten.tabelexport import registreer_bron

dash.register_page(
    __name__,
    path="/",
    name="Overzicht",
    title="Overzicht · Wijkaanpak Almelo",
    description="Kerncijfers, ambitiescores per wijk en signalen van de wijkaanpak in Almelo.",
    order=0,
)




def maak_kpis(k: Kpis) -> dbc.Row:
    kaarten = [
        maak_kpi_kaart(
            "overzicht-kpi-plannen", "Wijken met een vastgesteld plan",
            f"{k.wijken_vastgesteld} van {k.wijken_totaal}",
            "Plan vastgesteld door de raad (of geëvalueerd) en lopend in dit jaar.",
        ),
        maak_kpi_kaart(
            "overzicht-kpi-score", "Gemiddelde ambitiescore",
            formatteer_getal(k.gemiddelde_ambitiescore, 1),
            "Rapportcijfer 1–10 over alle wijken en ambities.",
        ),
        maak_kpi_kaart(
            "overzicht-kpi-budget", f"Budgetbenutting {k.jaar}",
            formatteer_procent(k.budgetbenutting),
            f"{formatteer_bedrag(k.uitgaven)} uitgegeven van {formatteer_bedrag(k.oormerk)} geoormerkt.",
            let_op=k.budgetbenutting is not None and k.budgetbenutting > 1,
        ),
        maak_kpi_kaart(
            "overzicht-kpi-maatregelen", "Maatregelen achter schema",
            str(k.maatregelen_achter_schema),
            f"Van {k.maatregelen_lopend} lopende maatregelen.",
            let_op=k.maatregelen_achter_schema > 0,
        ),
        maak_kpi_kaart(
            "overzicht-kpi-meldingen", "Open meldingen",
            str(k.meldingen_open),
            "Mediane afhandeltijd in " + str(k.jaar) + ": "
            + (f"{formatteer_getal(k.afhandeltijd_mediaan, 1)} werkdagen" if k.afhandeltijd_mediaan is not None
               else "–")
            + (f"; {formatteer_procent(k.meldingen_binnen_norm)} binnen de norm." if k.meldingen_binnen_norm
               is not None else "."),
        ),
        maak_kpi_kaart(
            "overzicht-kpi-toezeggingen", "Open toezeggingen",
            str(k.toezeggingen_open),
            f"Waarvan {k.toezeggingen_te_laat} over de termijn.",
            let_op=k.toezeggingen_te_laat > 0,
        ),
    ]
    return dbc.Row([dbc.Col(kaart, xs=12, sm=6, lg=4, xl=2, className="mb-3") for kaart in kaarten])


def layout(jaar: str | None = None, kaartmaat: str | None = None, **_query):
    vandaag = dt.date.today()
    maat = kies_kaartmaat(kaartmaat)
    with lees_sessie() as sessie:
        jaren = beschikbare_jaren(sessie)
        gekozen = kies_jaar(jaar, jaren, vandaag)
        # Kerncijfers, matrix en signalen in één keer: de meldingen worden dan maar één keer gelezen.
        alles = overzicht(sessie, gekozen, vandaag)
    cijfers, matrix, meldingen = alles.kpis, alles.matrix, alles.signalen

    jaarkeuze = maak_jaarkeuze("overzicht-jaar", jaren, gekozen)
    return html.Div(
        [
            dcc.Location(id="overzicht-url", refresh="callback-nav"),
            html.Div(
                [
                    html.Div(
                        [
                            html.H1("Overzicht wijkaanpak", className="mb-0"),
                            html.P(
                                f"Peildatum {formatteer_datum(cijfers.peildatum)} · alle wijken van Almelo",
                                className="text-body-secondary mb-0",
                                id="overzicht-peildatum",
                            ),
                        ]
                    ),
                    jaarkeuze,
                ],
                className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-3",
            ),
            html.Section(maak_kpis(cijfers), **{"aria-label": "Kerncijfers"}),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Section(
                                [
                                    html.H2("Ambitiescores per wijk", id="overzicht-heatmap-titel"),
                                    html.P(
                                        "Rapportcijfer per ambitie uit de nieuwste ingediende of door de raad "
                                        "vastgestelde evaluatie, anders de laatste ingediende wijkanalyse. Klik op een "
                                        "cijfer voor de wijk en die ambitie.",
                                        className="small",
                                    ),
                                    tabel_met_export(
                                        maak_heatmap(matrix, "overzicht-heatmap"), "overzicht-heatmap",
                                        bestandsnaam("heatmap ambitiescores", jaar=gekozen),
                                        f"Ambitiescores per wijk {gekozen}", heatmap_gegevens(matrix),
                                        responsive=False,
                                    ),
                                ],
                                className="paneel mb-3",
                                **{"aria-labelledby": "overzicht-heatmap-titel"},
                            ),
                            html.Section(
                                [
                                    html.H2("Kaart van de wijken", id="overzicht-kaart-kop"),
                                    maak_kaartmaatkeuze("overzicht-kaartmaat", maat.code),
                                    # Gevuld door een eigen callback, zodat de rest van het overzicht
                                    # niet op de kaart hoeft te wachten.
                                    html.Div(
                                        html.P("De kaart wordt geladen…", className="small text-body-secondary"),
                                        id="overzicht-kaart-inhoud",
                                    ),
                                ],
                                className="paneel",
                                **{"aria-labelledby": "overzicht-kaart-kop"},
                            ),
                        ],
                        xs=12, xxl=7, className="mb-3",
                    ),
                    dbc.Col(
                        html.Section(
                            [
                                html.H2(f"Signalen ({len(meldingen)})", id="overzicht-signalen-titel"),
                                maak_signalenlijst(meldingen, "overzicht-signalen"),
                            ],
                            className="paneel h-100",
                            **{"aria-labelledby": "overzicht-signalen-titel"},
                        ),
                        xs=12, xxl=5, className="mb-3",
                    ),
                ]
            ),
        ]
    )


def zoekdeel(jaar: str | None, kaartmaat: str | None) -> str:
    """De querystring voor jaar en kaartmaat; de standaardkaartmaat blijft eruit."""
    delen = []
    try:
        if jaar:
            delen.append(f"jaar={int(jaar)}")
    except ValueError:
        pass
    maat = kies_kaartmaat(kaartmaat).code
    if maat != STANDAARD_KAARTMAAT:
        delen.append(f"kaartmaat={maat}")
    return f"?{'&'.join(delen)}" if delen else ""


@dash.callback(
    Output("overzicht-url", "search"),
    Input("overzicht-jaar", "value"),
    Input("overzicht-kaartmaat", "value"),
    prevent_initial_call=True,
)
def _jaar_naar_url(jaar: str | None, kaartmaat: str | None = None) -> str:
    """Jaar en kaartmaat gaan de URL in; de pagina wordt dan opnieuw opgebouwd."""
    return zoekdeel(jaar, kaartmaat)


@dash.callback(
    Output("overzicht-kaart-inhoud", "children"),
    # Alleen bij het opbouwen van de pagina (een id verandert nooit): een nieuwe keuze van jaar of
    # kaartmaat gaat via de URL en bouwt de pagina, en dus ook de kaart, opnieuw op.
    Input("overzicht-kaart-inhoud", "id"),
    State("overzicht-kaartmaat", "value"),
    State("overzicht-jaar", "value"),
)
def _kaart(_id: str, kaartmaat: str | None, jaar: str | None):
    """De kaart voor de gekozen maat en het gekozen jaar."""
    return _kaartinhoud(jaar, kaartmaat)


def _kaartinhoud(jaar: str | None, kaartmaat: str | None):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        gekozen = kies_jaar(jaar, beschikbare_jaren(sessie), vandaag)
        gegevens = kaartgegevens(sessie, kies_kaartmaat(kaartmaat), gekozen, vandaag)
    return maak_kaart("overzicht-kaart", gegevens)


# De kaart vult een eigen callback; voor de export van haar tabel bouwt de server haar opnieuw op uit de URL.
registreer_bron("overzicht-kaart", lambda query: _kaartinhoud(query.get("jaar"), query.get("kaartmaat")))


@dash.callback(
    Output("overzicht-url", "href"),
    Input("overzicht-kaart", "clickData"),
    prevent_initial_call=True,
)
def _kaart_naar_wijk(klik) -> str:
    """Klik op een wijk op de kaart: naar de wijkpagina."""
    slug = slug_uit_klik(klik)
    return f"/wijk/{slug}" if slug else dash.no_update
