"""``/invoer/bewonersinbreng``: bewonersinbreng bij een wijkplan vastleggen of corrigeren.

De coördinator kiest een wijk (alleen de eigen wijken; de beheerder alle) en een wijkplan (plannen in
voorbereiding eerst, met hun status), ziet de eerdere inbreng en legt nieuwe inbreng vast: datum, vorm
(bijeenkomst, enquête, gesprek, huisbezoek, internetpanel), bereik en de schriftelijke opmerkingen van de
bewoners (§4.3 van de notitie). "Corrigeer" in de tabel opent bestaande inbreng (met versiecontrole). Staat
het plan in concept of is het terugverwezen en is de bijeenkomst er nu, dan zegt de pagina dat het plan naar
"Besproken met bewoners" kan, met een link naar ``/invoer/wijkplan``.

Alles gaat via ``datalaag.bewonersinbreng.bewaar_inbreng``: die controleert de invoer, de rechten (ook als
iemand de callback rechtstreeks aanroept) en de versie, en schrijft het dossier.
URL: ``/invoer/bewonersinbreng?wijk=de-riet&plan=14`` en ``&inbreng=123`` om inbreng te corrigeren.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.bewonersinbreng import (
    OPMERKINGEN_LENGTE,
    RECHT,
    VELDEN,
    VORM_LABELS,
    Conflictfout,
    InbrengRegel,
    Opgeslagen,
    PlanKeuze,
    bewaar_inbreng,
    inbreng_van_plan,
    inwoners_van_wijk,
    naar_besproken,
    plan_met_wijk,
    plannen_van_wijk,
    vorm_label,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal, meervoud
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    gekozen_wijk,
    ingevulde_velden,
    leeslink,
    maak_keuzeveld,
    maak_veld,
    melding,
    veilige_ids,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import geheel

PREFIX = "bewonersinbreng"
#: Velden die na nieuwe inbreng leeg worden (datum en vorm blijven staan voor de volgende).
LEEG_NA_VASTLEGGEN = ("bereik", "opmerkingen")

dash.register_page(
    __name__,
    path="/invoer/bewonersinbreng",
    name="Bewonersinbreng vastleggen",
    title="Bewonersinbreng vastleggen · Wijkaanpak Almelo",
    description="Een bijeenkomst, enquête of gesprek met bewoners bij een wijkplan: datum, vorm, bereik en de "
                "schriftelijke opmerkingen.",
)


def _url(slug: str, plan: int | None = None, inbreng: int | None = None) -> str:
    delen = {"wijk": slug, "plan": plan, "inbreng": inbreng}
    return "/invoer/bewonersinbreng?" + urlencode({k: v for k, v in delen.items() if v not in (None, "")})


def _wijk_url(slug: str, plan: int) -> str:
    return f"/wijk/{slug}?plan={plan}"


def _geen_rechten(actor, wijk: str | None) -> html.Div:
    if actor is not None and actor.rol == "coordinator":
        uitleg = ("Er zijn (nog) geen wijken aan u toegewezen. Vraag de beheerder om u de wijken toe te wijzen "
                  "waarvoor u bewonersinbreng vastlegt.")
    else:
        uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de bewonersinbreng lezen, niet "
                  "vastleggen: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. De inbreng bij een wijkplan "
                  "staat op de wijkpagina, onder \u201cBewonersinbreng\u201d: wanneer bewoners zijn geraadpleegd, hoe, "
                  "hoeveel bewoners er zijn bereikt en wat ze opmerkten.")
    return geen_rechten("Bewonersinbreng vastleggen", "bewonersinbreng-geen-rechten", uitleg,
                        leeslink("bewonersinbreng", wijk))




# --------------------------------------------------------------------------- onderdelen
def _status(plan: PlanKeuze, slug: str, kan: bool, ontbreekt: str | None) -> list:
    """De status van het plan en wat de bewonersinbreng daarvoor betekent."""
    delen: list = [html.P(["Status van het plan: ", html.Strong(plan.status_label, id="bewonersinbreng-planstatus"),
                           f" · periode {plan.periode_van}–{plan.periode_tot} · ",
                           dcc.Link("Bekijk het plan op de wijkpagina", href=_wijk_url(slug, plan.id),
                                    id="bewonersinbreng-wijklink")], className="mb-1")]
    if kan:
        delen.append(html.P(
            [html.Span("✔ ", **{"aria-hidden": "true"}),
             "Er is een bewonersbijeenkomst met schriftelijke opmerkingen vastgelegd: het plan kan nu naar "
             "\u2018Besproken met bewoners\u2019. ",
             dcc.Link("Zet de status van het wijkplan", href=f"/invoer/wijkplan?plan={plan.id}",
                      id="bewonersinbreng-naar-wijkplan")],
            className="status-op-koers fw-semibold mb-0", id="bewonersinbreng-kan-verder"))
    elif ontbreekt:
        delen.append(html.P(
            [html.Span("▲ ", **{"aria-hidden": "true"}),
             "Voor de stap naar \u2018Besproken met bewoners\u2019 bespreekt de regiegroep het plan in een "
             "bijeenkomst waarvoor alle wijkbewoners worden uitgenodigd, en legt de opmerkingen schriftelijk vast "
             f"(§4.3). {ontbreekt}"],
            className="status-achter mb-0", id="bewonersinbreng-ontbreekt"))
    elif plan.in_voorbereiding:
        delen.append(html.P("Het plan is al met de bewoners besproken. Reageren bewoners nog, bijv. op het "
                            "definitieve voorstel, leg dat dan hier ook vast: de raad toetst de betrokkenheid van "
                            "bewoners (§4.5).", className="small text-body-secondary mb-0"))
    else:
        delen.append(html.P("Ook na de vaststelling blijft het van belang bewoners te raadplegen en te informeren "
                            "(§3.5.2.2); die inbreng legt u hier ook vast.", className="small text-body-secondary mb-0"))
    return delen


def _tabel(regels: list[InbrengRegel], slug: str, plan_id: int, gemarkeerd: int | None = None) -> list:
    if not regels:
        return [html.P("Voor dit plan is nog geen bewonersinbreng vastgelegd.", id="bewonersinbreng-geen-inbreng")]
    totaal = sum(r.bereik for r in regels)
    rijen = []
    for r in regels:
        verborgen = html.Span(f" inbreng: {r.vorm_label.lower()} van {formatteer_datum(r.datum)}",
                              className="visually-hidden")
        corrigeer = dcc.Link(["Corrigeer", verborgen], href=_url(slug, plan_id, r.id))
        rijen.append(html.Tr(
            [html.Td(formatteer_datum(r.datum), className="text-nowrap"), html.Td(r.vorm_label),
             html.Td(formatteer_getal(r.bereik), className="text-end"),
             html.Td(r.opmerkingen, style={"whiteSpace": "pre-line"}),
             html.Td(corrigeer, className="text-nowrap")],
            className="table-info" if r.id == gemarkeerd else None,
            **({"aria-current": "true"} if r.id == gemarkeerd else {}),
            **{"data-inbreng": str(r.id)},
        ))
    return [
        html.P(f"{meervoud(len(regels), 'moment', 'momenten')} met samen {formatteer_getal(totaal)} bereikte bewoners; "
               "nieuwste eerst.", className="small"),
        html.Div(dbc.Table(
            [html.Caption("Eerdere bewonersinbreng bij dit plan", className="visually-hidden"),
             html.Thead(html.Tr([html.Th("Datum", scope="col"), html.Th("Vorm", scope="col"),
                                 html.Th("Bereik", scope="col", className="text-end"),
                                 html.Th("Opmerkingen", scope="col"),
                                 html.Th(html.Span("Actie", className="visually-hidden"), scope="col")])),
             html.Tbody(rijen)],
            size="sm", striped=True, className="mb-0 small", id="bewonersinbreng-tabel",
        ), className="table-responsive"),
    ]


def _formulier(slug: str, plan: PlanKeuze, correctie: InbrengRegel | None, inwoners: int | None,
               vandaag: dt.date) -> html.Section:
    if correctie is not None:
        waarden = {"datum": formatteer_datum(correctie.datum), "vorm": correctie.vorm,
                   "bereik": str(correctie.bereik), "opmerkingen": correctie.opmerkingen}
    else:
        waarden = {"datum": formatteer_datum(vandaag), "vorm": "bijeenkomst", "bereik": "", "opmerkingen": ""}
    bereik_hulp = "Het aantal bewoners dat meedeed of reageerde, een geheel getal"
    if inwoners is not None:
        bereik_hulp += f" (de wijk telt {formatteer_getal(inwoners)} inwoners)"
    knoppen: list = [dbc.Button("Correctie opslaan" if correctie else "Inbreng vastleggen", id="bewonersinbreng-opslaan",
                                color="primary", n_clicks=0)]
    if correctie:
        knoppen.append(dcc.Link("Annuleren en nieuwe inbreng vastleggen", href=_url(slug, plan.id),
                                id="bewonersinbreng-annuleren"))
    uitleg = (f"U corrigeert de inbreng ({correctie.vorm_label.lower()}) van {formatteer_datum(correctie.datum)}, laatst "
              f"opgeslagen door {correctie.gewijzigd_door or 'onbekend'} (versie {correctie.versie}). De oude en "
              "nieuwe waarden komen in het dossier." if correctie else
              "Leg vast wanneer en hoe de bewoners zijn geraadpleegd en wat ze opmerkten. Alle velden zijn verplicht.")
    return html.Section(
        [
            html.H2("Inbreng corrigeren" if correctie else "Nieuwe inbreng", id="bewonersinbreng-formulier-titel",
                    className="h4"),
            html.P(uitleg, className="text-body-secondary small", id="bewonersinbreng-uitleg"),
            maak_veld(PREFIX, "datum", VELDEN["datum"], waarden["datum"], max_lengte=10,
                      hulptekst="dd-mm-jjjj; niet in de toekomst"),
            maak_keuzeveld(PREFIX, "vorm", VELDEN["vorm"], VORM_LABELS, waarden["vorm"],
                           hulptekst="Voor \u2018Besproken met bewoners\u2019 is een bijeenkomst nodig waarvoor alle "
                                     "wijkbewoners zijn uitgenodigd"),
            maak_veld(PREFIX, "bereik", VELDEN["bereik"], waarden["bereik"], invoermodus="numeric", max_lengte=10,
                      hulptekst=bereik_hulp),
            maak_veld(PREFIX, "opmerkingen", VELDEN["opmerkingen"], waarden["opmerkingen"], meerregelig=True, rijen=7,
                      max_lengte=OPMERKINGEN_LENGTE,
                      hulptekst="De schriftelijk vastgelegde opmerkingen van de bewoners (§4.3), bijv. per onderwerp"),
            html.Div(knoppen, className="d-flex flex-wrap align-items-center gap-3"),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "bewonersinbreng-formulier-titel"},
    )


def layout(wijk: str | None = None, plan: str | None = None, inbreng: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    meldingen: list = []
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, RECHT)
        if not wijken:
            return _geen_rechten(actor, wijk)
        gekozen, onbekend = gekozen_wijk(wijken, wijk, "bewonersinbreng-wijk-onbekend")
        meldingen += [onbekend] if onbekend else []
        plannen = plannen_van_wijk(sessie, gekozen.id)
        gekozen_plan = next((p for p in plannen if p.id == geheel(plan)), plannen[0] if plannen else None)
        if plan not in (None, "") and gekozen_plan is not None and gekozen_plan.id != geheel(plan):
            meldingen.append(dbc.Alert(f"Wijkplan \u201c{plan}\u201d hoort niet bij {gekozen.naam}; u ziet "
                                       f"{gekozen_plan.titel}.", color="warning", id="bewonersinbreng-plan-onbekend"))
        regels: list[InbrengRegel] = []
        correctie = None
        kan, ontbreekt, inwoners = False, None, None
        if gekozen_plan is not None:
            regels = inbreng_van_plan(sessie, gekozen_plan.id)
            if inbreng not in (None, ""):
                correctie = next((r for r in regels if r.id == geheel(inbreng)), None)
                if correctie is None:
                    meldingen.append(dbc.Alert(f"Inbreng \u201c{inbreng}\u201d staat niet bij dit plan; u kunt "
                                               "hieronder nieuwe inbreng vastleggen.", color="warning",
                                               id="bewonersinbreng-inbreng-onbekend"))
            kan, ontbreekt = naar_besproken(sessie, gekozen_plan.id, vandaag)
            inwoners = inwoners_van_wijk(sessie, gekozen.id, vandaag.year)
    keuzes = [maak_keuze("bewonersinbreng-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                         gekozen.slug, xs=12, sm=5, lg=3)]
    if plannen:
        keuzes.append(maak_keuze("bewonersinbreng-plan", "Wijkplan (in voorbereiding eerst)",
                                 [{"label": p.label, "value": str(p.id)} for p in plannen], str(gekozen_plan.id),
                                 xs=12, sm=7, lg=6))
    else:  # de keuzelijst blijft er (de callback die de keuzes naar de URL zet, heeft haar nodig)
        keuzes.append(dbc.Col([dbc.Label("Wijkplan", html_for="bewonersinbreng-plan", className="fw-semibold mb-1"),
                               dbc.Select(id="bewonersinbreng-plan", disabled=True, value="geen",
                                          options=[{"label": "(nog geen wijkplan)", "value": "geen"}])],
                              xs=12, sm=7, lg=6))
    kop = [
        dcc.Location(id="bewonersinbreng-url", refresh="callback-nav"),
        dcc.Store(id="bewonersinbreng-basis", data={
            "wijk_id": gekozen.id, "wijk_slug": gekozen.slug,
            "plan_id": gekozen_plan.id if gekozen_plan else None,
            "inbreng_id": correctie.id if correctie else None, "versie": correctie.versie if correctie else None}),
        html.H1("Bewonersinbreng vastleggen"),
        html.P("Een wijkplan komt tot stand in een interactief proces met de wijkbewoners (§3.5 en §4.3 van de notitie): "
               "enquêtes, gesprekken, huisbezoeken en een bijeenkomst waarvoor alle bewoners worden uitgenodigd. Leg "
               "hier vast wat er gebeurde en wat de bewoners opmerkten; de raad ziet het op de wijkpagina en toetst er "
               "de betrokkenheid van bewoners aan.", className="text-body-secondary"),
        dbc.Row(keuzes, className="mb-3 g-3"),
        *meldingen,
    ]
    if gekozen_plan is None:
        return html.Div([*kop, dbc.Alert(
            [f"{gekozen.naam} heeft nog geen wijkplan. Bewonersinbreng hoort bij een plan: ",
             dcc.Link("maak eerst een concept wijkplan", href=f"/invoer/wijkplan?wijk={gekozen.slug}"), "."],
            color="info", id="bewonersinbreng-geen-plan")])
    return html.Div(
        [
            *kop,
            html.Div(_status(gekozen_plan, gekozen.slug, kan, ontbreekt), id="bewonersinbreng-status",
                     className="paneel mb-3"),
            html.Div(id="bewonersinbreng-melding", **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col(_formulier(gekozen.slug, gekozen_plan, correctie, inwoners, vandaag), lg=5, xxl=4),
                    dbc.Col(html.Section(
                        [html.H2(f"Eerdere inbreng · {gekozen_plan.titel}", id="bewonersinbreng-eerder-titel",
                                 className="h4"),
                         html.Div(_tabel(regels, gekozen.slug, gekozen_plan.id, correctie.id if correctie else None),
                                  id="bewonersinbreng-eerder")],
                        className="paneel mb-3", **{"aria-labelledby": "bewonersinbreng-eerder-titel"},
                    ), lg=7, xxl=8),
                ]
            ),
        ]
    )


# --------------------------------------------------------------------------- callbacks
@dash.callback(
    Output("bewonersinbreng-url", "search"),
    Input("bewonersinbreng-wijk", "value"),
    Input("bewonersinbreng-plan", "value"),
    State("bewonersinbreng-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, plan: str | None, basis):
    """Een andere wijk of een ander plan: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if ctx.triggered_id == "bewonersinbreng-wijk":
        if not wijk or wijk == basis.get("wijk_slug"):
            return dash.no_update
        return "?" + urlencode({"wijk": wijk})
    if not plan or plan == "geen" or plan == str(basis.get("plan_id")):
        return dash.no_update
    return "?" + urlencode({"wijk": basis.get("wijk_slug") or wijk or "", "plan": plan})


def _bevestiging(uitkomst: Opgeslagen, vorm: str, datum: str, bereik: str, slug: str) -> dbc.Alert:
    if not uitkomst.gewijzigd:
        return melding("info", "Er was niets gewijzigd; er is niets opgeslagen.", id_="bewonersinbreng-bevestiging")
    nu = dt.datetime.now()
    wat = "Vastgelegd" if uitkomst.nieuw else "Correctie opgeslagen"
    regels: list = [["De inbreng staat op de wijkpagina onder \u2018Bewonersinbreng\u2019: ",
                     dcc.Link("bekijk de wijkpagina", href=_wijk_url(slug, uitkomst.wijkplan_id),
                              id="bewonersinbreng-bevestiging-wijklink"), "."]]
    if uitkomst.kan_naar_besproken:
        regels.append(["Het plan staat op \u2018" + ("Concept" if uitkomst.plan_status == "concept"
                                                      else "Terugverwezen naar de regiegroep")
                       + "\u2019 en er is nu een bewonersbijeenkomst met opmerkingen: het kan naar "
                       "\u2018Besproken met bewoners\u2019. ",
                       dcc.Link("Zet de status van het wijkplan", href=f"/invoer/wijkplan?plan={uitkomst.wijkplan_id}",
                                id="bewonersinbreng-bevestiging-wijkplan"), "."])
    return melding("success", f"{wat} om {nu:%H:%M}: {vorm_label(vorm).lower()} van {datum} met {bereik} bereikte "
                   "bewoners.", regels, id_="bewonersinbreng-bevestiging")


def _conflict(fout: Conflictfout, basis: dict) -> dbc.Alert:
    slug, plan_id, inbreng_id = (basis.get("wijk_slug"), geheel(str(basis.get("plan_id"))),
                                 geheel(str(basis.get("inbreng_id"))))
    return conflict_melding(fout, "bewonersinbreng-conflict",
                            _url(slug, plan_id, inbreng_id) if isinstance(slug, str) and plan_id is not None else None,
                            nieuwste="versie")


@dash.callback(
    Output("bewonersinbreng-melding", "children"),
    Output("bewonersinbreng-basis", "data"),
    *velden_uitvoer(PREFIX),
    Output({"type": f"{PREFIX}-veld", "veld": ALL}, "value"),
    Output("bewonersinbreng-eerder", "children"),
    Output("bewonersinbreng-status", "children"),
    Input("bewonersinbreng-opslaan", "n_clicks"),
    *velden_invoer(PREFIX),
    State("bewonersinbreng-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_klik, waarden, ids, basis):
    """Inbreng vastleggen of corrigeren: alles via ``datalaag.bewonersinbreng.bewaar_inbreng``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: bewaar_inbreng(
        sessie, huidige_actor(), basis.get("plan_id"), datum=ingevuld.get("datum"), vorm=ingevuld.get("vorm"),
        bereik=ingevuld.get("bereik"), opmerkingen=ingevuld.get("opmerkingen"),
        inbreng_id=basis.get("inbreng_id"), verwachte_versie=basis.get("versie"),
    ), ids, conflict=lambda fout: _conflict(fout, basis))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, [dash.no_update] * len(ids), dash.no_update, dash.no_update
    uitkomst = uit.resultaat
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        plan, slug = plan_met_wijk(sessie, uitkomst.wijkplan_id)
        regels_na = inbreng_van_plan(sessie, uitkomst.wijkplan_id)
        kan, ontbreekt = naar_besproken(sessie, uitkomst.wijkplan_id, vandaag)
    # Na opslaan alleen wat de service en de database zeggen: plan en wijk van het record, niet uit de Store.
    nieuwe_basis = {**basis, "wijk_slug": slug, "plan_id": uitkomst.wijkplan_id}
    if uitkomst.nieuw:
        nieuwe_basis.update(inbreng_id=None, versie=None)
        nieuwe_waarden = ["" if i["veld"] in LEEG_NA_VASTLEGGEN else ingevuld.get(i["veld"]) for i in ids]
    else:
        nieuwe_basis.update(inbreng_id=uitkomst.inbreng_id, versie=uitkomst.versie)
        nieuwe_waarden = [dash.no_update] * len(ids)
    regel = next((r for r in regels_na if r.id == uitkomst.inbreng_id), None)
    if regel is not None:
        vorm, datum, bereik = regel.vorm, formatteer_datum(regel.datum), formatteer_getal(regel.bereik)
    else:
        vorm, datum, bereik = str(ingevuld.get("vorm") or ""), str(ingevuld.get("datum") or ""), \
            str(ingevuld.get("bereik") or "")
    return (_bevestiging(uitkomst, vorm, datum, bereik, slug), nieuwe_basis, *uit.velden,
            nieuwe_waarden, _tabel(regels_na, slug, uitkomst.wijkplan_id, uitkomst.inbreng_id),
            _status(plan, slug, kan, ontbreekt))
