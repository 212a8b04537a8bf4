"""``/invoer/uitgaven``: een uitgave boeken op een budgetpost en/of een maatregel, of een uitgave corrigeren.

De coördinator kiest een wijk (alleen de eigen wijken; de beheerder alle) en een jaar, ziet per oormerk en
budgetpost het budget, wat al besteed is en wat resteert, en de laatst geboekte uitgaven van de wijk. Een
boeking die een budgetpost overschrijdt, wordt opgeslagen met een duidelijke waarschuwing. "Corrigeer" in de
tabel opent dezelfde uitgave in het formulier (met versiecontrole).

Alles gaat via ``datalaag.uitgaven.bewaar_uitgave``: die controleert de invoer, de rechten (ook als iemand de
callback rechtstreeks aanroept) en de versie, en schrijft het dossier.
URL: ``/invoer/uitgaven?wijk=kerkelanden&jaar=2026`` en ``&uitgave=123`` om een uitgave te corrigeren.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from dashboard.thema import STATUS_STIJL
from datalaag.afgeleid import budgetbenutting
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.budget import OormerkRegels, budgetpost_rijen, totaalrij
from datalaag.opmaak import formatteer_bedrag, formatteer_datum, formatteer_procent
from datalaag.uitgaven import (
    KENMERK_LENGTE,
    OMSCHRIJVING_LENGTE,
    VELDEN,
    Geboekt,
    UitgavenStand,
    UitgaveRegel,
    bewaar_uitgave,
    uitgave_regel,
    uitgaven_stand,
    uitgavenjaren,
)
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    gekozen_wijk,
    ingevulde_velden,
    maak_keuzeveld,
    maak_veld,
    melding,
    veilige_ids,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import geheel, id_uit

PREFIX = "uitgaven"
#: De waarde van "geen budgetpost/maatregel" in een keuzelijst (een lege waarde toont dbc.Select niet).
GEEN = "geen"
#: Velden die na een geslaagde nieuwe boeking leeg worden (datum, budgetpost en maatregel blijven staan).
LEEG_NA_BOEKEN = ("bedrag", "omschrijving", "kenmerk")
OVERSCHREDEN = STATUS_STIJL["ver_achter"]

dash.register_page(
    __name__,
    path="/invoer/uitgaven",
    name="Uitgaven invoeren",
    title="Uitgaven invoeren · Wijkaanpak Almelo",
    description="Een uitgave boeken op een budgetpost en/of een maatregel van de wijk, of een uitgave corrigeren.",
)


def _geen_rechten(actor) -> html.Div:
    if actor is not None and actor.rol == "coordinator":
        uitleg = ("Er zijn (nog) geen wijken aan u toegewezen. Vraag de beheerder om u de wijken toe te wijzen "
                  "waarvoor u uitgaven boekt.")
    else:
        uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u het budget en de uitgaven lezen, "
                  "niet boeken: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. Oormerken, uitgaven en "
                  "wat er nog resteert staan op de pagina Budget.")
    return geen_rechten("Uitgaven invoeren", "uitgaven-geen-rechten", uitleg,
                        dcc.Link("Naar het budget", href="/budget"))


def _url(slug: str, jaar: int | None = None, uitgave: int | None = None) -> str:
    delen = {"wijk": slug, "jaar": jaar, "uitgave": uitgave}
    return "/invoer/uitgaven?" + urlencode({k: v for k, v in delen.items() if v not in (None, "")})


def _budget_url(slug: str, jaar: int, budgetpost: int | None = None) -> str:
    delen = {"wijk": slug, "jaar": jaar, "budgetpost": budgetpost}
    return "/budget?" + urlencode({k: v for k, v in delen.items() if v is not None})


def _euro(waarde: Any) -> str:
    return formatteer_bedrag(waarde, 2)


def _overschreden_label(tekst: str = "Overschreden") -> html.Span:
    return html.Span([html.Span(OVERSCHREDEN.icoon, **{"aria-hidden": "true"}), f" {tekst}"],
                     className=f"status-label {OVERSCHREDEN.klasse}")


# --------------------------------------------------------------------------- budget per oormerk


def _oormerktabel(om: OormerkRegels, peildatum: dt.date, gemarkeerd: int | None = None) -> html.Div:
    rijen = []
    for p in om.posten:
        benutting = budgetbenutting(p.uitgegeven_tm_jaar, p.bedrag)
        over = round(p.rest, 2) < 0
        rijen.append(html.Tr([
            html.Th(p.naam, scope="row", className="fw-normal"),
            html.Td(_euro(p.bedrag), className="text-end text-nowrap"),
            html.Td(_euro(p.uitgegeven_tm_jaar), className="text-end text-nowrap"),
            html.Td(_euro(p.rest), className="text-end text-nowrap" + (" fw-semibold" if over else "")),
            html.Td([formatteer_procent(benutting), " ", _overschreden_label() if over else None],
                    className="text-nowrap"),
        ], **({"data-overschreden": "ja"} if over else {}), id=f"uitgaven-post-{p.id}",
            className="table-primary" if p.id == gemarkeerd else None))
    totaal = totaalrij(budgetpost_rijen([om])) if om.posten else None
    voet = None if totaal is None else html.Tfoot(html.Tr([
        html.Th("Totaal", scope="row"),
        html.Td(_euro(totaal["bedrag"]), className="text-end text-nowrap fw-semibold"),
        html.Td(_euro(totaal["uitgegeven_tm_jaar"]), className="text-end text-nowrap fw-semibold"),
        html.Td(_euro(totaal["rest"]), className="text-end text-nowrap fw-semibold"),
        html.Td([formatteer_procent(budgetbenutting(totaal["uitgegeven_tm_jaar"], totaal["bedrag"])), " ",
                 _overschreden_label() if round(totaal["rest"], 2) < 0 else None],
                className="text-nowrap fw-semibold"),
    ]))
    kop = (f"{om.naam} · {om.periode} · {om.bron_label} · budgethouder {om.budgethouder} · "
           f"oormerk {formatteer_bedrag(om.bedrag)}")
    if not om.posten:
        return html.Div([html.P(html.Strong(kop), className="mb-1"),
                         html.P("Dit oormerk heeft (nog) geen budgetposten.", className="text-body-secondary small")])
    return html.Div(
        dbc.Table(
            [
                html.Caption(kop, className="caption-top text-body fw-semibold"),
                html.Thead(html.Tr([
                    html.Th("Budgetpost", scope="col"),
                    html.Th("Budget", scope="col", className="text-end"),
                    html.Th(f"Besteed t/m {formatteer_datum(peildatum)}", scope="col", className="text-end"),
                    html.Th("Resteert", scope="col", className="text-end"),
                    html.Th("Benutting", scope="col"),
                ])),
                html.Tbody(rijen),
                voet,
            ],
            size="sm", striped=True, className="mb-3 small",
        ),
        className="table-responsive",
    )


def _budget(stand: UitgavenStand, gemarkeerd: int | None = None) -> list:
    if not stand.oormerken:
        inhoud: list = [html.P(f"Voor {stand.wijk_naam} loopt in {stand.jaar} geen oormerk. U kunt een uitgave wel "
                               "op een maatregel boeken.", className="text-body-secondary")]
    else:
        inhoud = [_oormerktabel(om, stand.peildatum, gemarkeerd) for om in stand.oormerken]
    inhoud.append(html.P(dcc.Link(f"Bekijk {stand.wijk_naam} {stand.jaar} op de budgetpagina",
                                  href=_budget_url(stand.wijk_slug, stand.jaar), id="uitgaven-budget-link"),
                         className="mb-0 small"))
    return inhoud


# --------------------------------------------------------------------------- laatste uitgaven


def _laatste(stand: UitgavenStand, gecorrigeerd: int | None = None, nieuw: int | None = None) -> list:
    """De tabel met de laatst geboekte uitgaven; de uitgave die wordt gecorrigeerd of net is geboekt, valt op."""
    if not stand.laatste:
        return [html.P(f"Er zijn nog geen uitgaven geboekt voor {stand.wijk_naam}.", className="text-body-secondary")]
    rijen = []
    for u in stand.laatste:
        omschrijving_kort = f"{formatteer_datum(u.datum)}, {_euro(u.bedrag)}"
        actie = (html.Span("wordt gecorrigeerd", className="fst-italic") if u.id == gecorrigeerd else
                 dcc.Link(["corrigeer", html.Span(f" de uitgave van {omschrijving_kort}", className="visually-hidden")],
                          href=_url(stand.wijk_slug, u.datum.year, u.id), id=f"uitgaven-corrigeer-{u.id}"))
        rijen.append(html.Tr([
            html.Td(formatteer_datum(u.datum), className="text-nowrap"),
            html.Td(_euro(u.bedrag), className="text-end text-nowrap"),
            html.Td("–" if u.budgetpost is None else
                    [u.budgetpost, " ", html.Span(f"(oormerk {u.oormerk_periode})", className="text-body-secondary",
                                                  title=u.oormerk)]),
            html.Td(u.maatregel or "–"),
            html.Td(u.omschrijving),
            html.Td(u.kenmerk or "–", className="text-nowrap"),
            html.Td(u.door or "–"),
            html.Td(actie, className="text-nowrap"),
        ], id=f"uitgaven-rij-{u.id}", className="table-primary" if u.id in (gecorrigeerd, nieuw) else None))
    return [html.Div(
        dbc.Table(
            [
                html.Caption(f"De {len(stand.laatste)} laatst geboekte uitgaven van {stand.wijk_naam}, nieuwste "
                             "boeking eerst", className="caption-top"),
                html.Thead(html.Tr([html.Th(k, scope="col", className="text-end" if k == "Bedrag" else None)
                                    for k in ("Datum", "Bedrag", "Budgetpost", "Maatregel", "Omschrijving",
                                              "Kenmerk", "Door", "Actie")])),
                html.Tbody(rijen),
            ],
            size="sm", striped=True, hover=True, className="mb-0 small",
        ),
        className="table-responsive",
    )]


# --------------------------------------------------------------------------- formulier


def _formulier(stand: UitgavenStand, correctie: UitgaveRegel | None, vandaag: dt.date) -> html.Section:
    if correctie is not None:
        waarden = correctie.invoer()
    else:
        waarden = {"datum": formatteer_datum(vandaag) if stand.jaar == vandaag.year else "", "bedrag": "",
                   "budgetpost": "", "maatregel": "", "omschrijving": "", "kenmerk": ""}
    # Loopt er één oormerk, dan volstaat de naam van de post; anders staat het oormerk erbij.
    meer = len(stand.oormerken) > 1
    posten = [{"label": f"{p.naam} · {om.naam}" if meer else p.naam, "value": str(p.id)}
              for om in stand.oormerken for p in om.posten]
    maatregelen = [{"label": m.label, "value": str(m.id)} for m in stand.maatregelen]
    titel = "Uitgave corrigeren" if correctie else "Nieuwe uitgave"
    knoppen: list = [dbc.Button("Correctie opslaan" if correctie else "Uitgave boeken", id="uitgaven-opslaan",
                                color="primary", n_clicks=0)]
    if correctie:
        knoppen.append(dcc.Link("Annuleren en een nieuwe uitgave boeken", href=_url(stand.wijk_slug, stand.jaar),
                                id="uitgaven-annuleren"))
    return html.Section(
        [
            html.H2(titel, id="uitgaven-formulier-titel", className="h4"),
            html.P(f"U corrigeert de uitgave van {formatteer_datum(correctie.datum)} ({_euro(correctie.bedrag)}"
                   + (f", kenmerk {correctie.kenmerk}" if correctie.kenmerk else "")
                   + f"), laatst opgeslagen door {correctie.door or 'onbekend'} (versie {correctie.versie}). "
                   "De oude en nieuwe waarden komen in het dossier." if correctie else
                   f"Boek de uitgave op een budgetpost van een oormerk van {stand.wijk_naam} in {stand.jaar} en/of op "
                   "een maatregel uit het wijkplan.", className="text-body-secondary small", id="uitgaven-uitleg"),
            dbc.Row([
                dbc.Col(maak_veld(PREFIX, "datum", VELDEN["datum"], waarden["datum"], max_lengte=10,
                                  hulptekst="dd-mm-jjjj; niet in de toekomst"), sm=6),
                dbc.Col(maak_veld(PREFIX, "bedrag", VELDEN["bedrag"], waarden["bedrag"], invoermodus="decimal",
                                  max_lengte=30, hulptekst="In euro's, bijv. 1.250,50"), sm=6),
            ]),
            maak_keuzeveld(PREFIX, "budgetpost", VELDEN["budgetpost"],
                           [{"label": "— geen budgetpost —", "value": GEEN}, *posten], waarden["budgetpost"] or GEEN,
                           hulptekst=f"Oormerken van {stand.wijk_naam} die in {stand.jaar} lopen"),
            maak_keuzeveld(PREFIX, "maatregel", VELDEN["maatregel"],
                           [{"label": "— geen maatregel —", "value": GEEN}, *maatregelen], waarden["maatregel"] or GEEN,
                           hulptekst="Lopende wijkplannen eerst; leeg laten mag als er een budgetpost is"),
            maak_veld(PREFIX, "omschrijving", VELDEN["omschrijving"], waarden["omschrijving"], meerregelig=True, rijen=2,
                      max_lengte=OMSCHRIJVING_LENGTE, hulptekst="Waarvoor is het geld uitgegeven?"),
            maak_veld(PREFIX, "kenmerk", VELDEN["kenmerk"], waarden["kenmerk"], max_lengte=KENMERK_LENGTE,
                      hulptekst="Optioneel, bijv. het factuurnummer; elk kenmerk hoort bij één uitgave"),
            html.Div(knoppen, className="d-flex flex-wrap align-items-center gap-3"),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "uitgaven-formulier-titel"},
    )


def layout(wijk: str | None = None, jaar: str | None = None, uitgave: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    meldingen: list = []
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, "uitgave_schrijven")
        if not wijken:
            return _geen_rechten(actor)
        correctie = None
        if uitgave not in (None, ""):
            regel = uitgave_regel(sessie, id_uit(uitgave) or 0)
            if regel is not None and regel.wijk_id in {w.id for w in wijken}:
                correctie = regel
            else:
                meldingen.append(dbc.Alert(f"Uitgave \u201c{uitgave}\u201d staat niet bij de uitgaven van uw wijken; u "
                                           "kunt hieronder een nieuwe uitgave boeken.", color="warning",
                                           id="uitgaven-niet-gevonden"))
        if correctie is not None:
            gekozen = next(w for w in wijken if w.id == correctie.wijk_id)
            gekozen_jaar = correctie.datum.year
        else:
            gekozen, onbekend = gekozen_wijk(wijken, wijk, "uitgaven-wijk-onbekend")
            meldingen += [onbekend] if onbekend else []
            jaren = uitgavenjaren(sessie, gekozen.id, vandaag)
            gekozen_jaar = geheel(jaar) if geheel(jaar) in jaren else vandaag.year
        stand = uitgaven_stand(sessie, gekozen.id, gekozen_jaar, vandaag)
    basis = {"wijk_id": stand.wijk_id, "wijk_slug": stand.wijk_slug, "jaar": stand.jaar,
             "uitgave_id": correctie.id if correctie else None, "versie": correctie.versie if correctie else 0}
    return html.Div(
        [
            dcc.Location(id="uitgaven-url", refresh="callback-nav"),
            dcc.Store(id="uitgaven-basis", data=basis),
            html.H1("Uitgaven invoeren"),
            html.P("Boek uitgaven op het geoormerkte budget van de wijk, zodat de raad ziet wat er is besteed en wat er "
                   "resteert. Elke boeking en correctie komt met naam en tijdstip in het dossier.",
                   className="text-body-secondary"),
            dbc.Row(
                [
                    maak_keuze("uitgaven-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                               stand.wijk_slug, xs=12, sm=6, lg=3),
                    maak_keuze("uitgaven-jaar", "Jaar (oormerken)", [{"label": str(j), "value": str(j)}
                                                                    for j in stand.jaren],
                               str(stand.jaar), xs=12, sm=6, lg=2),
                ],
                className="mb-3 g-3",
            ),
            *meldingen,
            html.Div(id="uitgaven-melding", **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col(_formulier(stand, correctie, vandaag), lg=5, xxl=4),
                    dbc.Col(html.Section(
                        [html.H2(f"Budget {stand.wijk_naam} {stand.jaar}", id="uitgaven-budget-titel", className="h4"),
                         html.Div(_budget(stand), id="uitgaven-budget")],
                        className="paneel mb-3", **{"aria-labelledby": "uitgaven-budget-titel"},
                    ), lg=7, xxl=8),
                ]
            ),
            html.Section(
                [html.H2(f"Laatste uitgaven {stand.wijk_naam}", id="uitgaven-laatste-titel", className="h4"),
                 html.Div(_laatste(stand, correctie.id if correctie else None), id="uitgaven-laatste")],
                className="paneel mb-3", **{"aria-labelledby": "uitgaven-laatste-titel"},
            ),
        ]
    )


@dash.callback(
    Output("uitgaven-url", "search"),
    Input("uitgaven-wijk", "value"),
    Input("uitgaven-jaar", "value"),
    State("uitgaven-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, jaar: str | None, basis):
    """Een andere wijk of een ander jaar: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if not wijk or (wijk == basis.get("wijk_slug") and str(jaar) == str(basis.get("jaar"))):
        return dash.no_update
    return "?" + urlencode({k: v for k, v in {"wijk": wijk, "jaar": jaar}.items() if v})


def _bevestiging(uitkomst: Geboekt, stand: UitgavenStand | None) -> list:
    slug = stand.wijk_slug if stand else ""
    post = uitkomst.budgetpost
    nu = dt.datetime.now()
    if not uitkomst.gewijzigd:
        tekst = "Er was niets gewijzigd; er is niets opgeslagen."
    elif uitkomst.nieuw:
        tekst = (f"Geboekt om {nu:%H:%M}: {_euro(uitkomst.bedrag)} op {formatteer_datum(uitkomst.datum)}"
                 + (f", budgetpost \u201c{post.naam}\u201d" if post else "") + ".")
    else:
        tekst = f"Correctie opgeslagen om {nu:%H:%M} (versie {uitkomst.versie})."
    blok = melding("success", tekst, id_="uitgaven-bevestiging")
    if post is not None and uitkomst.overschreden is None:
        blok.children.append(html.P(f"Resteert op deze post: {_euro(post.rest)} van {_euro(post.bedrag)}.",
                                    className="mb-0 mt-2"))
    blok.children.append(html.P(
        dcc.Link("Bekijk de uitgaven op de budgetpagina",
                 href=_budget_url(slug, uitkomst.datum.year, post.id if post else None), id="uitgaven-naar-budget"),
        className="mb-0 mt-2"))
    uit = [blok]
    if post is not None and uitkomst.overschreden is not None:
        uit.append(dbc.Alert(
            [
                html.Strong([_overschreden_label("Let op: budgetpost overschreden."), " "]),
                f"De budgetpost \u201c{post.naam}\u201d ({post.oormerk}) is nu overschreden met "
                f"{_euro(uitkomst.overschreden)}: besteed {_euro(post.besteed)} van {_euro(post.bedrag)}. De uitgave is "
                "wel geboekt. Overleg met de budgethouder, of corrigeer de boeking als ze op een andere post hoort.",
            ],
            color="warning", className="mt-2", id="uitgaven-overschreden",
        ))
    return uit


def _jaar_na_opslaan(sessie, basis: dict, uitkomst: Geboekt, vandaag: dt.date) -> int:
    """Het jaar van de budgetstand na opslaan: het jaar dat de gebruiker bekeek als dat een jaar met oormerken
    van de wijk van de uitgave is (zoals ``layout`` het kiest), anders het jaar van de uitgave zelf. Zo kan
    een vervalst jaar in de Store (99999, -5) de stand niet laten ontsporen."""
    jaar = geheel(str(basis.get("jaar")))
    return jaar if jaar in uitgavenjaren(sessie, uitkomst.wijk_id, vandaag) else uitkomst.datum.year


@dash.callback(
    Output("uitgaven-melding", "children"),
    Output("uitgaven-basis", "data"),
    *velden_uitvoer(PREFIX),
    Output({"type": f"{PREFIX}-veld", "veld": ALL}, "value"),
    Output("uitgaven-budget", "children"),
    Output("uitgaven-laatste", "children"),
    Input("uitgaven-opslaan", "n_clicks"),
    *velden_invoer(PREFIX),
    State("uitgaven-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_klik, waarden, ids, basis):
    """Een uitgave boeken of corrigeren: alles via ``datalaag.uitgaven.bewaar_uitgave``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)

    def keuze(sleutel: str):
        waarde = ingevuld.get(sleutel)
        return None if waarde in (None, "", GEEN) else waarde

    def conflict(fout):
        uitgave_id = id_uit(basis.get("uitgave_id"))
        return conflict_melding(fout, "uitgaven-conflict", None if uitgave_id is None
                                else f"/invoer/uitgaven?uitgave={uitgave_id}", nieuwste="versie")

    uit = voer_uit(lambda sessie: bewaar_uitgave(
        sessie, huidige_actor(), wijk_id=basis.get("wijk_id"), datum=ingevuld.get("datum"),
        bedrag=ingevuld.get("bedrag"), budgetpost=keuze("budgetpost"), maatregel=keuze("maatregel"),
        omschrijving=ingevuld.get("omschrijving"), kenmerk=ingevuld.get("kenmerk"),
        uitgave_id=basis.get("uitgave_id"), verwachte_versie=basis.get("versie"),
    ), ids, conflict=conflict)
    if not uit.gelukt:
        # Een ALL-uitvoer wil een lijst: per veld "niet veranderen".
        return uit.melding, dash.no_update, *uit.velden, [dash.no_update] * len(ids), dash.no_update, dash.no_update
    uitkomst = uit.resultaat
    # Na opslaan alleen wat de service teruggeeft (wijk van de uitgave, jaar uit haar datum), niet de Store.
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        stand = uitgaven_stand(sessie, uitkomst.wijk_id, _jaar_na_opslaan(sessie, basis, uitkomst, vandaag), vandaag)
    nieuwe_basis = {**basis, "wijk_id": uitkomst.wijk_id, "versie": uitkomst.versie,
                    "uitgave_id": None if uitkomst.nieuw else uitkomst.uitgave_id}
    if stand is not None:
        nieuwe_basis.update(wijk_slug=stand.wijk_slug, jaar=stand.jaar)
    if uitkomst.nieuw:
        nieuwe_waarden = ["" if i["veld"] in LEEG_NA_BOEKEN else ingevuld.get(i["veld"]) for i in ids]
    else:
        nieuwe_waarden = [dash.no_update] * len(ids)
    gecorrigeerd = None if uitkomst.nieuw else uitkomst.uitgave_id
    post_id = uitkomst.budgetpost.id if uitkomst.budgetpost else None
    return (_bevestiging(uitkomst, stand), nieuwe_basis, *uit.velden, nieuwe_waarden,
            dash.no_update if stand is None else _budget(stand, post_id),
            dash.no_update if stand is None else _laatste(stand, gecorrigeerd, uitkomst.uitgave_id))
