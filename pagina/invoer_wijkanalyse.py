"""``/invoer/wijkanalyse``: het formulier wijkanalyse (bijlage 7 van de notitie).

De coördinator kiest een wijk (alleen de eigen wijken) en een bestaande wijkanalyse van die wijk,
of begint een nieuwe. Bovenaan staat de datum; per ambitie vult hij in: waardering (rapportcijfer,
komma mag), knelpunten, doelstellingen, mogelijke oplossingsrichtingen (met de catalogus van
bijlage 6 als hulp), schatting kosten en opmerkingen. Opslaan als concept kan zo vaak als nodig;
pas een ingediende wijkanalyse telt mee voor de ambitiescore, en is daarna niet meer te wijzigen.

Alles wat hier gebeurt, gaat via ``datalaag.wijkanalyses``: die controleert de invoer, de rechten
(ook als iemand de callback rechtstreeks aanroept) en de versie, en schrijft het dossier.
URL: ``/invoer/wijkanalyse?wijk=de-riet&analyse=12`` (zonder ``analyse``: een nieuwe wijkanalyse).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.opmaak import formatteer_datum
from datalaag.wijkanalyses import (
    KOPVELDEN,
    REGELVELDEN,
    STATUS_LABEL,
    TEKST_LENGTE,
    AmbitieBlok,
    WijkanalyseInvoer,
    WijkanalyseStand,
    bewaar_wijkanalyse,
    regelveld,
    wijkanalyse_stand,
)
from datalaag.wijken import wijk_slug
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    ingevulde_velden,
    korte_foutmelding,
    maak_veld,
    melding,
    veilige_ids,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import geheel

PREFIX = "wijkanalyse"
NIEUW = "nieuw"  # de waarde van "Nieuwe wijkanalyse" in de keuzelijst

dash.register_page(
    __name__,
    path="/invoer/wijkanalyse",
    name="Wijkanalyse invoeren",
    title="Wijkanalyse invoeren · Wijkaanpak Almelo",
    description="De wijkanalyse per ambitie: waardering, knelpunten, doelstellingen, oplossingsrichtingen "
                "en kosten (bijlage 7).",
)


def _geen_rechten(actor) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u wijkanalyses lezen, niet "
              "invullen: dat doen de stadsdeelcoördinatoren voor hun eigen wijken, samen met de "
              "regiegroep. De waarderingen uit de wijkanalyses ziet u op het overzicht en op de "
              "wijkpagina's.")
    return geen_rechten("Wijkanalyse invoeren", "wijkanalyse-geen-rechten", uitleg,
                        dcc.Link("Naar het overzicht", href="/"))


def _statusregel(stand: WijkanalyseStand) -> list:
    if stand.status is None:
        return ["Status: ", html.Strong("nieuw"),
                f" — deze wijkanalyse van {stand.wijk_naam} is nog niet opgeslagen."]
    delen: list = ["Status: ", html.Strong(STATUS_LABEL[stand.status], id="wijkanalyse-status-waarde"),
                   f" · versie {stand.versie}"]
    if stand.gewijzigd_door and stand.gewijzigd_op:
        delen.append(f" · laatst opgeslagen door {stand.gewijzigd_door} op "
                     f"{stand.gewijzigd_op:%d-%m-%Y} om {stand.gewijzigd_op:%H:%M}")
    if stand.ingediend_op:
        delen.append(f" · ingediend op {formatteer_datum(stand.ingediend_op)}")
    return delen


def _catalogus(blok: AmbitieBlok) -> html.Details | None:
    """De mogelijke oplossingsrichtingen uit bijlage 6, als hulp (in- en uitklapbaar, ook met het toetsenbord)."""
    if not blok.oplossingsrichtingen:
        return None
    return html.Details(
        [
            html.Summary(f"Catalogus van oplossingsrichtingen bij ambitie {blok.nummer} "
                         f"({len(blok.oplossingsrichtingen)})", className="small fw-semibold"),
            html.Ul([html.Li(f"{r.letter}. {r.tekst}") for r in blok.oplossingsrichtingen],
                    className="small mb-0 mt-1 list-unstyled ps-2"),
        ],
        className="mb-3",
    )


def _ambitieblok(blok: AmbitieBlok, stand: WijkanalyseStand, alleen_lezen: bool) -> html.Section:
    w = stand.waarden

    def veld(naam: str, **opties):
        sleutel = regelveld(blok.ambitie_id, naam)
        return maak_veld(PREFIX, sleutel, REGELVELDEN[naam], w.get(sleutel), alleen_lezen=alleen_lezen,
                         max_lengte=TEKST_LENGTE if opties.get("meerregelig") else 40, **opties)

    titel_id = f"wijkanalyse-ambitie-{blok.nummer}-titel"
    return html.Section(
        [
            html.H2(f"Ambitie {blok.nummer}. {blok.korte_naam}", id=titel_id, className="h4"),
            html.P(blok.tekst, className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col([veld("knelpunten", meerregelig=True, rijen=3,
                                  hulptekst="Wat gaat er niet goed in de wijk, volgens bewoners en organisaties?"),
                             veld("doelstellingen", meerregelig=True, rijen=3,
                                  hulptekst="Wat wil de wijk bereiken? Zo concreet en meetbaar mogelijk.")], lg=8),
                    dbc.Col([veld("waardering", invoermodus="decimal", verplicht_bij_indienen=True,
                                  hulptekst="Rapportcijfer 1 tot en met 10, bijv. 6,5"),
                             veld("schatting_kosten", invoermodus="decimal",
                                  hulptekst="In euro's, bijv. 12.500")], lg=4),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col([veld("oplossingsrichtingen", meerregelig=True, rijen=2,
                                  hulptekst="Bijv. letters en namen uit de catalogus hieronder, of een eigen "
                                            "richting"),
                             _catalogus(blok)], lg=6),
                    dbc.Col(veld("opmerkingen", meerregelig=True, rijen=2), lg=6),
                ]
            ),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": titel_id},
    )


def _analyse_opties(stand: WijkanalyseStand) -> list[dict]:
    return [{"label": "Nieuwe wijkanalyse", "value": NIEUW}] + [
        {"label": a.omschrijving, "value": str(a.id)} for a in stand.analyses
    ]


def layout(wijk: str | None = None, analyse: str | None = None, opgeslagen: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, "wijkanalyse_schrijven")
        if not wijken:
            return _geen_rechten(actor)
        gekozen = next((w for w in wijken if w.slug == wijk), wijken[0])
        gevraagd = geheel(analyse)
        stand = wijkanalyse_stand(sessie, gekozen.id, gevraagd, vandaag)
    alleen_lezen = not stand.bewerkbaar
    meldingen: list = []
    if wijk and wijk != gekozen.slug:
        meldingen.append(dbc.Alert(f"U kunt geen wijkanalyse invullen voor de wijk \u201c{wijk}\u201d; u ziet "
                                   f"{gekozen.naam}.", color="warning", id="wijkanalyse-andere-wijk"))
    if gevraagd is not None and stand.wijkanalyse_id is None:
        meldingen.append(dbc.Alert(f"Wijkanalyse {gevraagd} bestaat niet bij {stand.wijk_naam}; u ziet een nieuwe "
                                   "wijkanalyse. Kies een bestaande in de lijst \u201cWijkanalyse\u201d.",
                                   color="warning", id="wijkanalyse-niet-gevonden"))
    if opgeslagen == "ingediend" and stand.status == "ingediend":
        meldingen.append(dbc.Alert(
            [html.Strong("Ingediend. "),
             ("De waarderingen tellen nu mee voor de ambitiescore op het overzicht en de wijkpagina, voor elke "
             "ambitie waarvoor de wijk nog geen ingediende evaluatie heeft (een evaluatie gaat voor). "),
             dcc.Link("Bekijk het overzicht", href="/"), " · ",
             dcc.Link(f"Wijkpagina {stand.wijk_naam}", href=f"/wijk/{stand.wijk_slug}")],
            color="success", id="wijkanalyse-bevestiging"))
    elif alleen_lezen:
        meldingen.append(dbc.Alert(
            f"Deze wijkanalyse is {STATUS_LABEL[stand.status].lower()} en kan niet meer worden gewijzigd. "
            "Begin zo nodig een nieuwe wijkanalyse (kies \u201cNieuwe wijkanalyse\u201d in de lijst).",
            color="secondary", id="wijkanalyse-alleen-lezen"))
    concepten = [a for a in stand.analyses if a.status == "concept"]
    if stand.wijkanalyse_id is None and concepten:
        meldingen.append(dbc.Alert(
            ["Er staat al een concept klaar voor deze wijk: ",
             *[x for a in concepten for x in (dcc.Link(f"wijkanalyse van {formatteer_datum(a.datum)}",
                                                        href=_pad(stand.wijk_slug, a.id)), " ")],
             "— ga daarmee verder, of vul hieronder een nieuwe in."],
            color="info", id="wijkanalyse-concept-klaar"))
    # De knoppenbalk blijft onderin beeld; naast de knoppen staat kort de uitkomst van de laatste klik
    # (de volledige melding staat boven het formulier, met een link ernaartoe).
    knoppen = None if alleen_lezen else html.Div(
        [
            html.Div(
                [
                    dbc.Button("Opslaan als concept", id="wijkanalyse-opslaan", color="secondary", n_clicks=0),
                    dbc.Button("Indienen", id="wijkanalyse-indienen", color="primary", n_clicks=0),
                    html.Div(id="wijkanalyse-knoppen-uitkomst", className="formulier-knoppen-uitkomst"),
                ],
                className="d-flex flex-wrap align-items-center gap-2",
            ),
            html.P("Velden met * zijn verplicht bij indienen. Na indienen telt de wijkanalyse mee voor de "
                   "ambitiescore en kunt u haar niet meer wijzigen.", className="form-text mb-0 mt-1"),
        ],
        className="paneel formulier-knoppen sticky-bottom mb-3",
        id="wijkanalyse-knoppen",
    )
    return html.Div(
        [
            dcc.Location(id="wijkanalyse-url", refresh="callback-nav"),
            # Na het eerste opslaan van een nieuwe wijkanalyse: het adres bijwerken zonder de pagina opnieuw op te
            # bouwen. (Het herladen na indienen doet een nieuwe dcc.Location in de melding: een Location met
            # refresh=True die hier al stond, zou bij het herladen het oude adres terugzetten.)
            dcc.Location(id="wijkanalyse-adres", refresh=False),
            dcc.Store(id="wijkanalyse-basis", data={"wijk_id": stand.wijk_id, "wijkanalyse_id": stand.wijkanalyse_id,
                                                    "versie": stand.versie}),
            html.H1("Wijkanalyse"),
            html.P("Formulier volgens bijlage 7 van de notitie \u201cDe ideale wijkaanpak\u201d: per ambitie hoe de "
                   "wijk ervoor staat, wat de knelpunten zijn, wat de wijk wil bereiken en hoe. De regiegroep "
                   "stelt de analyse op met de bewoners; zij is de basis voor het wijkontwikkelingsplan.",
                   className="text-body-secondary"),
            dbc.Row(
                [
                    maak_keuze("wijkanalyse-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                               gekozen.slug, xs=12, sm=6, lg=3),
                    maak_keuze("wijkanalyse-analyse", "Wijkanalyse", _analyse_opties(stand),
                               str(stand.wijkanalyse_id) if stand.wijkanalyse_id else NIEUW, xs=12, sm=6, lg=3),
                ],
                className="mb-3 g-3",
            ),
            *meldingen,
            html.Div(id="wijkanalyse-melding", **{"aria-live": "polite"}),
            html.Section(
                [
                    html.H2(f"Wijkanalyse {stand.wijk_naam}", id="wijkanalyse-kop-titel", className="h4"),
                    html.P(_statusregel(stand), id="wijkanalyse-status"),
                    dbc.Row(dbc.Col(maak_veld(PREFIX, "datum", KOPVELDEN["datum"], stand.waarden.get("datum"),
                                              alleen_lezen=alleen_lezen, max_lengte=10,
                                              hulptekst="dd-mm-jjjj, bijv. de dag van de bijeenkomst met bewoners"),
                                    md=8, lg=5, xl=4)),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "wijkanalyse-kop-titel"},
            ),
            *[_ambitieblok(b, stand, alleen_lezen) for b in stand.ambities],
            knoppen,
        ]
    )


@dash.callback(
    Output("wijkanalyse-url", "search"),
    Input("wijkanalyse-wijk", "value"),
    Input("wijkanalyse-analyse", "value"),
    State("wijkanalyse-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, analyse: str | None, basis):
    """Een andere wijk of wijkanalyse gekozen: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    if ctx.triggered_id == "wijkanalyse-wijk":
        return "?" + urlencode({"wijk": wijk} if wijk else {})
    basis = basis if isinstance(basis, dict) else {}
    if analyse and analyse == str(basis.get("wijkanalyse_id")):
        # Na het eerste opslaan zet de opslaan-callback de keuze zelf op de nieuwe wijkanalyse.
        return dash.no_update
    return "?" + urlencode({k: v for k, v in {"wijk": wijk, "analyse": None if analyse == NIEUW else analyse}.items()
                            if v})


@dash.callback(
    Output("wijkanalyse-melding", "children"),
    Output("wijkanalyse-basis", "data"),
    *velden_uitvoer(PREFIX),
    Output("wijkanalyse-status", "children"),
    Output("wijkanalyse-analyse", "options"),
    Output("wijkanalyse-analyse", "value"),
    Output("wijkanalyse-adres", "search"),
    Output("wijkanalyse-knoppen-uitkomst", "children"),
    Input("wijkanalyse-opslaan", "n_clicks"),
    Input("wijkanalyse-indienen", "n_clicks"),
    *velden_invoer(PREFIX),
    State("wijkanalyse-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_opslaan, _indienen, waarden, ids, basis):
    """Opslaan als concept of indienen: alles via ``datalaag.wijkanalyses.bewaar_wijkanalyse``."""
    indienen = ctx.triggered_id == "wijkanalyse-indienen"
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    invoer = WijkanalyseInvoer(
        wijk_id=basis.get("wijk_id"),
        wijkanalyse_id=basis.get("wijkanalyse_id"),
        datum=ingevuld.get("datum"),
        regels={k: v for k, v in ingevuld.items() if k.startswith("ambitie.")},
    )
    niets = (dash.no_update,) * 4  # status, opties, keuze, adres
    uit = voer_uit(lambda sessie: bewaar_wijkanalyse(sessie, huidige_actor(), invoer, basis.get("versie"),
                                                     indienen=indienen),
                   ids, conflict=lambda fout: conflict_melding(fout, "wijkanalyse-conflict", _url(basis),
                                                               nieuwste="versie"))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, *niets, _kort(korte_foutmelding(uit.fout))
    uitkomst = uit.resultaat
    geen = uit.velden
    nieuwe_basis = {**basis, "wijkanalyse_id": uitkomst.wijkanalyse_id, "versie": uitkomst.versie}
    if indienen:
        herladen = dcc.Location(id="wijkanalyse-naar-ingediend", href=_url(nieuwe_basis, opgeslagen="ingediend"),
                                refresh=True)
        return [melding("success", "Ingediend."), herladen], nieuwe_basis, *geen, *niets, "Ingediend."
    nu = dt.datetime.now()
    tekst = (f"Opgeslagen als concept (versie {uitkomst.versie}) om {nu:%H:%M}." if uitkomst.gewijzigd
             else "Er was niets gewijzigd; er is niets opgeslagen.")
    with lees_sessie() as sessie:
        stand = wijkanalyse_stand(sessie, _wijk_id(basis), uitkomst.wijkanalyse_id, dt.date.today())
    if stand is None:  # een vervalste basis: opgeslagen is er wel, alleen de statusregel blijft staan
        return (melding("success", tekst), nieuwe_basis, *geen, *niets, tekst)
    eerste_keer = basis.get("wijkanalyse_id") != uitkomst.wijkanalyse_id
    return (melding("success", tekst), nieuwe_basis, *geen, _statusregel(stand),
            _analyse_opties(stand), str(uitkomst.wijkanalyse_id),
            _zoekdeel(stand.wijk_slug, uitkomst.wijkanalyse_id) if eerste_keer else dash.no_update, tekst)


def _kort(tekst: str) -> list:
    """De korte uitkomst naast de knoppen, met een link naar de volledige melding boven het formulier."""
    return [html.Strong(tekst, className="me-1"), html.A("Bekijk de melding", href="#wijkanalyse-melding")]


def _wijk_id(basis: dict) -> int:
    return geheel(str(basis.get("wijk_id"))) or 0


def _zoekdeel(slug: str | None, analyse_id: int | None, **extra: str) -> str:
    delen = {"wijk": slug, "analyse": analyse_id, **extra}
    return "?" + urlencode({k: v for k, v in delen.items() if v})


def _pad(slug: str | None, analyse_id: int | None, **extra: str) -> str:
    return "/invoer/wijkanalyse" + _zoekdeel(slug, analyse_id, **extra)


def _url(basis: dict, **extra: str) -> str:
    """De URL van dit formulier voor dezelfde wijk en wijkanalyse."""
    with lees_sessie() as sessie:
        slug = wijk_slug(sessie, _wijk_id(basis))
    return _pad(slug, geheel(str(basis.get("wijkanalyse_id"))), **extra)
