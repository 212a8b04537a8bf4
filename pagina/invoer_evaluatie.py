"""``/invoer/evaluatie``: de jaarlijkse evaluatie van het wijkontwikkelingsplan (bijlage 9).

De coördinator kiest een wijk (alleen de eigen wijken) en een jaar, ziet per ambitie de
doelstellingen met hun laatste meting en status, en vult per ambitie in: gerealiseerde
doelstelling, waardering (rapportcijfer, komma mag), aanvullende maatregelen, schatting kosten en
opmerkingen; daarnaast de klanttevredenheid en eventueel een gemotiveerd verzoek om extra budget.
Opslaan als concept kan zo vaak als nodig; indienen maakt de waarderingen de ambitiescore. De
beheerder legt daarna het besluit van de raad vast (vastgesteld).

Alles wat hier gebeurt, gaat via ``datalaag.evaluaties``: die controleert de invoer, de rechten
(ook als iemand de callback rechtstreeks aanroept) en de versie, en schrijft het dossier.
URL: ``/invoer/evaluatie?wijk=de-riet&jaar=2025``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.afgeleid import absolute_streefwaarde
from datalaag.autorisatie import mag, schrijfbare_wijken
from datalaag.evaluaties import (
    KOPVELDEN,
    REGELVELDEN,
    STATUS_LABEL,
    TEKST_LENGTE,
    AmbitieBlok,
    EvaluatieInvoer,
    EvaluatieStand,
    beschrijf_wijzigingen,
    bewaar_evaluatie,
    evaluatie_stand,
    regelveld,
    stel_evaluatie_vast,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal
from datalaag.validatie import LANGE_TEKST
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    ingevulde_velden,
    korte_foutmelding,
    maak_veld,
    melding,
    veilige_ids,
    veld_id,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import geheel
from pagina.componenten.status import maak_status_label

PREFIX = "evaluatie"
BESLUIT = "evaluatiebesluit"  # eigen prefix: deze velden horen niet bij het opslaan van de evaluatie
AANTAL_JAREN = 6

dash.register_page(
    __name__,
    path="/invoer/evaluatie",
    name="Evaluatie invoeren",
    title="Evaluatie invoeren · Wijkaanpak Almelo",
    description="De jaarlijkse evaluatie van het wijkontwikkelingsplan per ambitie (bijlage 9).",
)


def _jaren(vandaag: dt.date) -> list[int]:
    return list(range(vandaag.year - AANTAL_JAREN + 1, vandaag.year + 1))


def _geen_rechten(actor) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u evaluaties lezen, niet invullen: "
              "dat doen de stadsdeelcoördinatoren voor hun eigen wijken. De evaluaties staan per wijk op de "
              "wijkpagina, onder \u201cEvaluaties\u201d.")
    return geen_rechten("Evaluatie invoeren", "evaluatie-geen-rechten", uitleg,
                        dcc.Link("Naar het overzicht", href="/"))


def _statusregel(stand: EvaluatieStand) -> html.P:
    if stand.status is None:
        return html.P(["Status: ", html.Strong("nog niet ingevuld"),
                       f" — de evaluatie {stand.jaar} van {stand.wijk_naam} bestaat nog niet."], id="evaluatie-status")
    delen: list = ["Status: ", html.Strong(STATUS_LABEL[stand.status], id="evaluatie-status-waarde"),
                   f" · versie {stand.versie}"]
    if stand.gewijzigd_door and stand.gewijzigd_op:
        delen.append(f" · laatst opgeslagen door {stand.gewijzigd_door} op "
                     f"{stand.gewijzigd_op:%d-%m-%Y} om {stand.gewijzigd_op:%H:%M}")
    if stand.ingediend_op:
        delen.append(f" · ingediend op {formatteer_datum(stand.ingediend_op)}")
    if stand.vastgesteld_op:
        delen.append(f" · vastgesteld op {formatteer_datum(stand.vastgesteld_op)}")
    return html.P(delen, id="evaluatie-status")


def _doelstellingen(blok: AmbitieBlok) -> html.Div:
    if not blok.doelstellingen:
        return html.P("Het plan van deze wijk heeft voor deze ambitie geen doelstellingen in dit jaar.",
                      className="text-body-secondary small")
    rijen = []
    for d in blok.doelstellingen:
        streef = absolute_streefwaarde(d.nulmeting_waarde, d.streef_type, d.streefwaarde)
        meting = ("geen meting" if d.meting_waarde is None
                  else f"{formatteer_getal(d.meting_waarde, 1)} ({formatteer_datum(d.meting_peildatum)})")
        rijen.append(html.Tr([
            html.Td(d.tekst),
            html.Td(f"{formatteer_getal(d.nulmeting_waarde, 1)} ({d.nulmeting_jaar})", className="text-nowrap"),
            html.Td(f"{formatteer_getal(streef, 1)} ({d.streefjaar})", className="text-nowrap"),
            html.Td(meting, className="text-nowrap"),
            html.Td(maak_status_label(d.status)),
        ]))
    return html.Div(
        dbc.Table(
            [
                html.Caption(f"Doelstellingen en laatste metingen bij ambitie {blok.nummer}", className="visually-hidden"),
                html.Thead(html.Tr([html.Th(k, scope="col") for k in
                                    ("Doelstelling", "Nulmeting", "Streefwaarde", "Laatste meting", "Status")])),
                html.Tbody(rijen),
            ],
            size="sm", bordered=False, striped=True, className="mb-2 small",
        ),
        className="table-responsive",
    )


def _ambitieblok(blok: AmbitieBlok, stand: EvaluatieStand, alleen_lezen: bool) -> html.Section:
    w = stand.waarden

    def veld(naam: str, **opties):
        sleutel = regelveld(blok.ambitie_id, naam)
        return maak_veld(PREFIX, sleutel, REGELVELDEN[naam], w.get(sleutel), alleen_lezen=alleen_lezen,
                         max_lengte=TEKST_LENGTE if opties.get("meerregelig") else 40, **opties)

    titel_id = f"evaluatie-ambitie-{blok.nummer}-titel"
    return html.Section(
        [
            html.H2(f"Ambitie {blok.nummer}. {blok.korte_naam}", id=titel_id, className="h4"),
            html.P(blok.tekst, className="text-body-secondary"),
            _doelstellingen(blok),
            dbc.Row(
                [
                    dbc.Col([veld("doelstelling", meerregelig=True, rijen=3),
                             veld("gerealiseerde_doelstelling", meerregelig=True, rijen=3,
                                  verplicht_bij_indienen=True)], lg=8),
                    dbc.Col([veld("waardering", invoermodus="decimal", verplicht_bij_indienen=True,
                                  hulptekst="Rapportcijfer 1 tot en met 10, bijv. 7,5"),
                             veld("schatting_kosten", invoermodus="decimal",
                                  hulptekst="In euro's, bijv. 12.500")], lg=4),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(veld("aanvullende_maatregelen", meerregelig=True, rijen=2), lg=6),
                    dbc.Col(veld("opmerkingen", meerregelig=True, rijen=2), lg=6),
                ]
            ),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": titel_id},
    )


def _kop_velden(stand: EvaluatieStand, alleen_lezen: bool) -> html.Section:
    w = stand.waarden

    def veld(sleutel: str, **opties):
        return maak_veld(PREFIX, sleutel, KOPVELDEN[sleutel], w.get(sleutel), alleen_lezen=alleen_lezen, **opties)

    return html.Section(
        [
            html.H2("Klanttevredenheid en extra budget", id="evaluatie-kop-titel", className="h4"),
            html.P("De mening van de wijkbewoners hoort bij elke evaluatie (notitie §3.9). Extra budget vraagt de "
                   "regiegroep alleen gemotiveerd aan; de raad beslist.", className="text-body-secondary"),
            dbc.Row(
                [
                    dbc.Col(veld("klanttevredenheid_cijfer", invoermodus="decimal", max_lengte=40,
                                 verplicht_bij_indienen=True, hulptekst="Rapportcijfer 1 tot en met 10, bijv. 6,8"),
                            md=6, lg=3),
                    dbc.Col(veld("klanttevredenheid_respons", invoermodus="numeric", max_lengte=40,
                                 verplicht_bij_indienen=True, hulptekst="Aantal bewoners dat reageerde"),
                            md=6, lg=3),
                    dbc.Col(veld("extra_budget_bedrag", invoermodus="decimal", max_lengte=40,
                                 hulptekst="Leeg laten als er geen extra budget nodig is"), md=6, lg=3),
                ]
            ),
            veld("extra_budget_motivering", meerregelig=True, rijen=3, max_lengte=LANGE_TEKST),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "evaluatie-kop-titel"},
    )


def _vaststellen(stand: EvaluatieStand, vandaag: dt.date) -> html.Section:
    return html.Section(
        [
            html.H2("Besluit van de raad vastleggen", id="evaluatie-besluit-titel", className="h4"),
            html.P("Alleen de beheerder legt het besluit van de raad vast; daarmee is de evaluatie vastgesteld.",
                   className="text-body-secondary"),
            maak_veld(BESLUIT, "raadsbesluit", "Besluit van de raad", "", meerregelig=True, rijen=3,
                      max_lengte=TEKST_LENGTE, hulptekst="Bijv. het nummer en de strekking van het raadsbesluit"),
            maak_veld(BESLUIT, "raadsbesluit_datum", "Datum raadsbesluit", formatteer_datum(vandaag), max_lengte=10,
                      hulptekst="dd-mm-jjjj"),
            dbc.Button("Vaststellen", id="evaluatie-vaststellen", color="primary", n_clicks=0),
            html.Div(id="evaluatie-besluit-melding", **{"aria-live": "polite"}),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "evaluatie-besluit-titel"},
    )


def layout(wijk: str | None = None, jaar: str | None = None, opgeslagen: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, "evaluatie_schrijven")
        if not wijken:
            return _geen_rechten(actor)
        gekozen = next((w for w in wijken if w.slug == wijk), wijken[0])
        jaren = _jaren(vandaag)
        gekozen_jaar = geheel(jaar)
        if gekozen_jaar not in jaren:
            gekozen_jaar = vandaag.year - 1
        stand = evaluatie_stand(sessie, gekozen.id, gekozen_jaar, vandaag)
    alleen_lezen = not stand.bewerkbaar
    bevestiging = None
    if opgeslagen in ("ingediend", "vastgesteld") and stand.status == opgeslagen:
        tekst = ("Ingediend. De waarderingen tellen nu mee voor de ambitiescore op het overzicht en de wijkpagina."
                 if opgeslagen == "ingediend" else "Vastgesteld. Het besluit van de raad is vastgelegd.")
        bevestiging = dbc.Alert([html.Strong(tekst + " "),
                                 dcc.Link("Bekijk het overzicht", href=f"/?jaar={vandaag.year}"), " · ",
                                 dcc.Link(f"Wijkpagina {stand.wijk_naam}", href=f"/wijk/{stand.wijk_slug}")],
                                color="success", id="evaluatie-bevestiging")
    elif alleen_lezen:
        bevestiging = dbc.Alert(
            f"Deze evaluatie is {STATUS_LABEL[stand.status].lower()} en kan niet meer worden gewijzigd. "
            "Is een correctie nodig, vraag het dan aan de beheerder.", color="secondary", id="evaluatie-alleen-lezen")
    # De knoppenbalk blijft onderin beeld; naast de knoppen staat kort de uitkomst van de laatste klik
    # (de volledige melding staat boven het formulier, met een link ernaartoe).
    knoppen = None if alleen_lezen else html.Div(
        [
            html.Div(
                [
                    dbc.Button("Opslaan als concept", id="evaluatie-opslaan", color="secondary", n_clicks=0),
                    dbc.Button("Indienen", id="evaluatie-indienen", color="primary", n_clicks=0),
                    html.Div(id="evaluatie-knoppen-uitkomst", className="formulier-knoppen-uitkomst"),
                ],
                className="d-flex flex-wrap align-items-center gap-2",
            ),
            html.P("Velden met * zijn verplicht bij indienen. Na indienen kunt u de evaluatie niet meer wijzigen.",
                   className="form-text mb-0 mt-1"),
        ],
        className="paneel formulier-knoppen sticky-bottom mb-3",
        id="evaluatie-knoppen",
    )
    return html.Div(
        [
            dcc.Location(id="evaluatie-url", refresh="callback-nav"),
            dcc.Location(id="evaluatie-herladen", refresh=True),
            dcc.Store(id="evaluatie-basis", data={"wijk_id": stand.wijk_id, "jaar": stand.jaar, "versie": stand.versie,
                                                  "evaluatie_id": stand.evaluatie_id}),
            html.H1("Evaluatie wijkontwikkelingsplan"),
            html.P("Formulier volgens bijlage 9 van de notitie \u201cDe ideale wijkaanpak\u201d: per ambitie wat "
                   "er is bereikt en hoe de regiegroep dat waardeert.", className="text-body-secondary"),
            dbc.Row(
                [
                    maak_keuze("evaluatie-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                               gekozen.slug, xs=12, sm=6, lg=3),
                    maak_keuze("evaluatie-jaar", "Jaar", [{"label": str(j), "value": str(j)} for j in reversed(jaren)],
                               str(stand.jaar), xs=12, sm=6, lg=2),
                ],
                className="mb-3 g-3",
            ),
            _statusregel(stand),
            bevestiging,
            html.Div(id="evaluatie-melding", **{"aria-live": "polite"}),
            *[_ambitieblok(b, stand, alleen_lezen) for b in stand.ambities],
            _kop_velden(stand, alleen_lezen),
            knoppen,
            _vaststellen(stand, vandaag)
            if stand.status == "ingediend" and mag(actor, "evaluatie_vaststellen") else None,
        ]
    )


@dash.callback(
    Output("evaluatie-url", "search"),
    Input("evaluatie-wijk", "value"),
    Input("evaluatie-jaar", "value"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, jaar: str | None) -> str:
    return "?" + urlencode({k: v for k, v in {"wijk": wijk, "jaar": jaar}.items() if v})


@dash.callback(
    Output("evaluatie-melding", "children"),
    Output("evaluatie-basis", "data"),
    *velden_uitvoer(PREFIX),
    Output("evaluatie-herladen", "href"),
    Output("evaluatie-status", "children"),
    Output("evaluatie-knoppen-uitkomst", "children"),
    Input("evaluatie-opslaan", "n_clicks"),
    Input("evaluatie-indienen", "n_clicks"),
    *velden_invoer(PREFIX),
    State("evaluatie-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_opslaan, _indienen, waarden, ids, basis):
    """Opslaan als concept of indienen: alles via ``datalaag.evaluaties.bewaar_evaluatie``."""
    indienen = ctx.triggered_id == "evaluatie-indienen"
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    invoer = EvaluatieInvoer(
        wijk_id=basis.get("wijk_id"),
        jaar=basis.get("jaar"),
        **{k: ingevuld.get(k) for k in KOPVELDEN},
        regels={k: v for k, v in ingevuld.items() if k.startswith("ambitie.")},
    )
    uit = voer_uit(lambda sessie: bewaar_evaluatie(sessie, huidige_actor(), invoer, basis.get("versie"),
                                                   indienen=indienen),
                   ids, conflict=lambda fout: conflict_melding(fout, "evaluatie-conflict", _url(basis),
                                                               nieuwste="versie"))
    if not uit.gelukt:
        return (uit.melding, dash.no_update, *uit.velden, dash.no_update, dash.no_update,
                _kort(korte_foutmelding(uit.fout)))
    uitkomst = uit.resultaat
    if indienen:
        return (melding("success", "Ingediend."), {**basis, "versie": uitkomst.versie,
                                                   "evaluatie_id": uitkomst.evaluatie_id}, *uit.velden,
                _url(basis, opgeslagen="ingediend"), dash.no_update, "Ingediend.")
    nu = dt.datetime.now()
    tekst = (f"Opgeslagen als concept (versie {uitkomst.versie}) om {nu:%H:%M}." if uitkomst.gewijzigd
             else "Er was niets gewijzigd; er is niets opgeslagen.")
    wijk_id, jaar = geheel(str(basis.get("wijk_id"))), geheel(str(basis.get("jaar")))
    stand = None
    if wijk_id is not None and jaar is not None:
        with lees_sessie() as sessie:
            stand = evaluatie_stand(sessie, wijk_id, jaar, dt.date.today())
    return (melding("success", tekst), {**basis, "versie": uitkomst.versie, "evaluatie_id": uitkomst.evaluatie_id},
            *uit.velden, dash.no_update,
            dash.no_update if stand is None else _statusregel(stand).children, tekst)


def _kort(tekst: str) -> list:
    """De korte uitkomst naast de knoppen, met een link naar de volledige melding boven het formulier."""
    return [html.Strong(tekst, className="me-1"), html.A("Bekijk de melding", href="#evaluatie-melding")]


@dash.callback(
    Output("evaluatie-besluit-melding", "children"),
    Output("evaluatie-herladen", "href", allow_duplicate=True),
    Output({"type": f"{BESLUIT}-fout", "veld": "raadsbesluit"}, "children"),
    Output({"type": f"{BESLUIT}-fout", "veld": "raadsbesluit_datum"}, "children"),
    Input("evaluatie-vaststellen", "n_clicks"),
    State({"type": f"{BESLUIT}-veld", "veld": "raadsbesluit"}, "value"),
    State({"type": f"{BESLUIT}-veld", "veld": "raadsbesluit_datum"}, "value"),
    State("evaluatie-basis", "data"),
    prevent_initial_call=True,
)
def _vaststellen_callback(_klik, besluit, datum, basis):
    """Het besluit van de raad vastleggen: ``datalaag.evaluaties.stel_evaluatie_vast`` (alleen beheerder)."""
    basis = basis if isinstance(basis, dict) else {}
    uit = voer_uit(lambda sessie: stel_evaluatie_vast(sessie, huidige_actor(), basis.get("evaluatie_id"), besluit,
                                                      datum, basis.get("versie")),
                   [veld_id(BESLUIT, "raadsbesluit"), veld_id(BESLUIT, "raadsbesluit_datum")],
                   conflict=lambda fout: melding("warning", str(fout), beschrijf_wijzigingen(fout.wijzigingen)))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.teksten
    return melding("success", "Vastgesteld."), _url(basis, opgeslagen="vastgesteld"), *uit.teksten


def _url(basis: dict, **extra: str) -> str:
    """De URL van dit formulier voor dezelfde wijk en hetzelfde jaar."""
    with lees_sessie() as sessie:
        from datalaag.wijken import wijk_slug

        slug = wijk_slug(sessie, geheel(str(basis.get("wijk_id"))) or 0)
    delen = {"wijk": slug, "jaar": basis.get("jaar"), **extra}
    return "/invoer/evaluatie?" + urlencode({k: v for k, v in delen.items() if v})
