"""``/wijk/<slug>``: één wijk en haar plan in één oogopslag.

Kop (naam, stadsdeel, werkwijze, plan en periode, keuze van jaar en plan), samenvattingen van
doelstellingen, budget, meldingen en toezeggingen (met links naar hun pagina's), de levenscyclus
van het plan met de toets van de raad, per ambitie de ambitiescore tegen het stadsgemiddelde, de
doelstellingen met hun trend en de maatregelen, de regiegroep, de bewonersinbreng en de
evaluaties (bijlage 9).

De paginastatus staat in de URL: ``?jaar=J`` (peildatum), ``?plan=<id>`` (een ander plan van de
wijk), ``?ambitie=N`` (alleen die ambitie uitgeklapt) en ``?doelstelling=<id>`` (de volledige
geschiedenis van één doelstelling). Ongeldige waarden vallen terug op de standaard.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html

from dashboard.database import lees_sessie
from dashboard.thema import STATUS_STIJL
from datalaag.afgeleid import OP_KOERS_WAARDEN, peildatum_voor_jaar
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
)
from datalaag.overzicht import beschikbare_jaren
from datalaag.trends import (
    DoelstellingTrend,
    doelstelling_trends,
    trend_van_doelstelling,
)
from datalaag.wijkpagina import (
    WijkBasis,
    alle_ambities,
    ambitiescore_verloop,
    budget_samenvatting,
    evaluaties,
    kies_plan,
    maatregelen,
    meldingen_samenvatting,
    plan_detail,
    regiegroep,
    toezeggingen_samenvatting,
    wijk_basis,
)
from datalaag.wijkplannen import IN_VOORBEREIDING
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_tabel, tabel_met_export
from pagina.componenten.openbare_link import openbare_link_voor
from pagina.componenten.querystring import geheel, kies_jaar
from pagina.componenten.tabelexport import tabelgegevens
from pagina.componenten.trendgrafiek import (
    LUIE_TABEL,
    TABEL_KNOP,
    maak_status_regel,
    maak_trendgrafiek,
    maak_trendtabel,
    streefwaarde_tekst,
)
from pagina.componenten.wijk_ambitie import (
    SCORE_TYPE,
    TREND_TYPE,
    VOORLOOP_JAREN,
    maak_ambitie_sectie,
    maak_scoretabel,
)
from pagina.componenten.wijk_plan import (
    maak_evaluaties,
    maak_inbreng,
    maak_kaart,
    maak_levenscyclus,
    maak_regiegroep,
    maak_toets,
)

dash.register_page(
    __name__,
    path_template="/wijk/<slug>",
    title="Wijk · Wijkaanpak Almelo",
    description="Eén wijk en haar wijkplan: levenscyclus, regiegroep, ambities, doelstellingen, maatregelen en evaluaties.",
)

# Knoppen van de ambitiekeuze: contrast ruim boven 4,5:1 (huisblauw #0b4f8a).
_KNOP = {"color": "#0b4f8a", "borderColor": "#0b4f8a", "backgroundColor": "#fff"}
_KNOP_ACTIEF = {"color": "#fff", "borderColor": "#0b4f8a", "backgroundColor": "#0b4f8a"}

#: De parameters die samen de toestand van de pagina vormen, in deze volgorde in de URL.
PARAMS = ("jaar", "plan", "ambitie", "doelstelling")




def zoekstring(toestand: dict[str, Any], **wijziging: Any) -> str:
    """Querystring voor de toestand met wijzigingen (``None`` = weglaten)."""
    nieuw = {**toestand, **wijziging}
    paren = [(k, str(nieuw[k])) for k in PARAMS if nieuw.get(k) is not None]
    return ("?" + urlencode(paren)) if paren else ""




def niet_gevonden(slug: str | None) -> html.Div:
    return html.Div(
        [
            dcc.Location(id="wijk-url", refresh="callback-nav"),
            html.H1("Wijk niet gevonden", id="wijk-titel"),
            html.P(f"Er is geen wijk met het adres \u201c{slug or ''}\u201d."),
            html.P(html.A("Naar het overzicht", href="/")),
        ]
    )


# --------------------------------------------------------------------------- onderdelen


def _kop(wijk: WijkBasis, plan, jaren: list[int], jaar: int, peildatum: dt.date) -> html.Div:
    if plan:
        periode = f"{plan.periode_van}–{plan.periode_tot}"
        plantekst = f"Wijkplan: {plan.titel}" + ("" if periode in plan.titel else f" ({periode})") + \
            f" · {plan.status_label}"
    else:
        plantekst = "Deze wijk heeft nog geen wijkplan."
    keuzes = [
        html.Div(
            [
                dbc.Label("Jaar", html_for="wijk-jaar", className="mb-0 fw-semibold small"),
                dbc.Select(id="wijk-jaar", options=[{"label": str(j), "value": str(j)} for j in reversed(jaren)],
                           value=str(jaar), style={"width": "7rem"}),
            ]
        )
    ]
    if wijk.plannen:
        keuzes.append(
            html.Div(
                [
                    dbc.Label("Wijkplan", html_for="wijk-plan", className="mb-0 fw-semibold small"),
                    dbc.Select(
                        id="wijk-plan",
                        options=[{"label": f"{p.periode_van}–{p.periode_tot}: {p.status_label}", "value": str(p.id)}
                                 for p in wijk.plannen],
                        value=str(plan.id) if plan else None,
                        style={"width": "19rem", "maxWidth": "100%"},
                    ),
                ]
            )
        )
    return html.Div(
        [
            html.Div(
                [
                    html.P(html.A("← Overzicht", href=f"/?jaar={jaar}"), className="small mb-1"),
                    html.H1(wijk.naam, id="wijk-titel", className="mb-1"),
                    html.P(
                        f"Stadsdeel {wijk.stadsdeel} · werkwijze: {wijk.werkwijze} ({wijk.werkwijze_code}) · "
                        f"stadsdeelcoördinator {wijk.stadsdeelcoordinator} · wethouder {wijk.stadsdeelwethouder}",
                        className="mb-0", id="wijk-kop",
                    ),
                    html.P([plantekst, html.Span(f" · peildatum {formatteer_datum(peildatum)}")],
                           className="mb-0 text-body-secondary", id="wijk-plan-kop"),
                ],
                className="me-auto",
            ),
            html.Div(keuzes, className="d-flex flex-wrap gap-3 align-items-end"),
        ],
        className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-3",
    )


def _samenvatting(wijk: WijkBasis, trends: list[DoelstellingTrend], budget, meldingen, toezeggingen,
                  jaar: int) -> dbc.Row:
    telling = Counter(t.status for t in trends)
    doel_regels = " · ".join(f"{telling[s]} {STATUS_STIJL[s].label.lower()}" for s in OP_KOERS_WAARDEN if telling[s])
    kaarten = [
        maak_kaart(
            "wijk-kpi-doelstellingen", "Doelstellingen op koers",
            f"{telling['op_koers']} van {len(trends)}" if trends else "–",
            [doel_regels or "Geen SMART-doelstellingen in dit plan."],
            let_op=telling["ver_achter"] > 0,
        ),
        maak_kaart(
            "wijk-kpi-budget", f"Budgetbenutting {jaar}", formatteer_procent(budget.budgetbenutting),
            [f"{formatteer_bedrag(budget.uitgaven)} uitgegeven van {formatteer_bedrag(budget.oormerk)} geoormerkt.",
             ("Budgethouder: " + ", ".join(budget.budgethouders)) if budget.budgethouders else "Geen oormerk."],
            link=("Naar het budget van " + wijk.naam, f"/budget?wijk={wijk.slug}"),
            let_op=budget.budgetbenutting is not None and budget.budgetbenutting > 1,
        ),
        maak_kaart(
            "wijk-kpi-meldingen", f"Meldingen {jaar}", formatteer_getal(meldingen.ontvangen),
            [f"{formatteer_getal(meldingen.ontvangen_per_1000, 1)} per 1.000 inwoners; {meldingen.open} open.",
             "Mediane afhandeltijd: " + (f"{formatteer_getal(meldingen.afhandeltijd_mediaan, 1)} werkdagen."
                                         if meldingen.afhandeltijd_mediaan is not None else "–")],
            link=("Naar de meldingen van " + wijk.naam, f"/meldingen?wijk={wijk.slug}"),
        ),
        maak_kaart(
            "wijk-kpi-toezeggingen", "Open toezeggingen", str(toezeggingen.open),
            [f"Waarvan {toezeggingen.te_laat} over de termijn."],
            link=("Naar de toezeggingen over " + wijk.naam, f"/toezeggingen?wijk={wijk.slug}"),
            let_op=toezeggingen.te_laat > 0,
        ),
    ]
    return dbc.Row([dbc.Col(k, xs=12, sm=6, xl=3, className="mb-3") for k in kaarten], id="wijk-samenvatting")


def _paneel(titel: str, id_: str, *inhoud: Any) -> html.Section:
    return html.Section([html.H2(titel, id=f"{id_}-titel"), *inhoud], className="paneel h-100", id=id_,
                        **{"aria-labelledby": f"{id_}-titel"})


def _doelstelling_detail(trend: DoelstellingTrend, toestand: dict[str, Any], wijknaam: str) -> html.Section:
    d = 1
    eenheid = " per 1.000 inwoners" if trend.is_telling else f" ({trend.eenheid})"
    gegevens = [
        ("Ambitie", f"{trend.ambitie_nummer}. {trend.ambitie_naam}"),
        ("Indicator", f"{trend.indicator_naam} · bron: {trend.indicator_bron} · "
                      + ("hoger is beter" if trend.richting == "hoger_is_beter" else "lager is beter")),
        ("Nulmeting", f"{formatteer_getal(trend.nulmeting_waarde, d)} ({trend.nulmeting_jaar})"
                      + (f" = {formatteer_getal(trend.nulmeting_per_1000, d)} per 1.000 inwoners"
                         if trend.nulmeting_per_1000 is not None else "")),
        ("Streefwaarde", streefwaarde_tekst(trend) + (
            f" (bijgesteld door de raad op {formatteer_datum(trend.bijstellingen[-1].besluitdatum)}; oorspronkelijk "
            f"{formatteer_getal(trend.bijstellingen[0].oude_streefwaarde, d)} in {trend.bijstellingen[0].oud_streefjaar})"
            if trend.bijstellingen else "")),
        ("Soort", "Bestaande doelstelling (huidig)" if trend.soort == "huidig" else "Nieuwe doelstelling"),
    ]
    dl = []
    for k, v in gegevens:
        dl += [html.Dt(k, className="col-sm-3"), html.Dd(v, className="col-sm-9")]
    dl += [html.Dt("Status", className="col-sm-3"), html.Dd(maak_status_regel(trend), className="col-sm-9")]
    if trend.bijstellingen:
        bijstellingen = tabel_met_export(
            maak_tabel(
                [kolom("Besluitdatum", "datum"), "Raadsbesluit", kolom("Oude streefwaarde", "getal1"),
                 kolom("Nieuwe streefwaarde", "getal1"), "Streefjaar", "Toelichting"],
                [[b.besluitdatum, b.raadsbesluit, b.oude_streefwaarde, b.nieuwe_streefwaarde,
                  f"{b.oud_streefjaar} → {b.nieuw_streefjaar}" if b.oud_streefjaar != b.nieuw_streefjaar
                  else str(b.nieuw_streefjaar), b.toelichting] for b in trend.bijstellingen],
                id_="wijk-doelstelling-bijstellingen",
            ),
            "wijk-doelstelling-bijstellingen",
            bestandsnaam(f"bijstellingen doelstelling {trend.indicator_naam}", wijk=wijknaam),
            f"Bijstellingen door de raad, {trend.indicator_naam}",
        )
    else:
        bijstellingen = html.P("De raad heeft deze doelstelling niet bijgesteld.", id="wijk-doelstelling-bijstellingen")
    metingen = maak_trendtabel(trend, id_="wijk-doelstelling-metingen")
    return html.Section(
        [
            html.P(
                [html.A(f"← Terug naar ambitie {trend.ambitie_nummer}",
                        href=zoekstring(toestand, doelstelling=None, ambitie=trend.ambitie_nummer) or "?",
                        id="wijk-doelstelling-terug")],
                className="small mb-1",
            ),
            html.H2(f"Doelstelling: {trend.indicator_naam}", id="wijk-doelstelling-titel"),
            html.P(trend.tekst),
            html.Dl(dl, className="row"),
            maak_trendgrafiek(trend, "wijk-doelstelling-trend", type_="wijk-doelstelling-grafiek", hoogte=360,
                              titel=f"{trend.indicator_naam}{eenheid}: metingen tegen de streeflijn", wijk=wijknaam),
            html.H3("Bijstellingen door de raad", className="h5 mt-3"),
            bijstellingen,
            html.H3(f"Alle metingen ({len(trend.metingen)})", className="h5 mt-3"),
            tabel_met_export(
                html.Div(metingen, className="table-responsive",
                         style={"maxHeight": "28rem", "overflowY": "auto"}, tabIndex="0", role="region",
                         **{"aria-label": f"Alle metingen van {trend.indicator_naam}"}),
                "wijk-doelstelling-metingen",
                bestandsnaam(f"metingen doelstelling {trend.indicator_naam}", wijk=wijknaam),
                f"Alle metingen van {trend.indicator_naam}",
                gegevens=tabelgegevens(metingen), responsive=False,
            ),
        ],
        className="paneel mb-3",
        id="wijk-doelstelling",
        **{"aria-labelledby": "wijk-doelstelling-titel", "data-doelstelling": str(trend.id)},
    )


# --------------------------------------------------------------------------- layout


def _jaren(sessie, jaar: str | None, vandaag: dt.date) -> tuple[list[int], int, dt.date]:
    """De jaren van de jaarkeuze, het gekozen jaar (uit de URL) en zijn peildatum."""
    jaren = [j for j in beschikbare_jaren(sessie) if j <= vandaag.year] or [vandaag.year]
    gekozen_jaar = kies_jaar(jaar, jaren, vandaag)
    return jaren, gekozen_jaar, peildatum_voor_jaar(gekozen_jaar, vandaag)


def layout(slug: str | None = None, jaar: str | None = None, plan: str | None = None, ambitie: str | None = None,
           doelstelling: str | None = None, **_query):
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijk = wijk_basis(sessie, slug or "")
        if wijk is None:
            return niet_gevonden(slug)
        jaren, gekozen_jaar, peildatum = _jaren(sessie, jaar, vandaag)
        gekozen_plan = kies_plan(wijk.plannen, geheel(plan), gekozen_jaar)
        ambities = alle_ambities(sessie)
        nummers = {a.nummer for a in ambities}
        focus = geheel(ambitie)
        focus = focus if focus in nummers else None
        toestand = {
            "jaar": gekozen_jaar if geheel(jaar) == gekozen_jaar else None,
            "plan": gekozen_plan.id if gekozen_plan and geheel(plan) == gekozen_plan.id else None,
            "ambitie": focus,
        }
        doel_id = geheel(doelstelling)
        detail = trend_van_doelstelling(sessie, doel_id, peildatum, wijk.id) if doel_id is not None else None
        if detail is not None and (gekozen_plan is None or detail.wijkplan_id != gekozen_plan.id):
            gekozen_plan = next(p for p in wijk.plannen if p.id == detail.wijkplan_id)
            toestand["plan"] = gekozen_plan.id
        trends = doelstelling_trends(sessie, gekozen_plan.id, peildatum) if gekozen_plan else []
        budget = budget_samenvatting(sessie, wijk.id, gekozen_jaar)
        meld = meldingen_samenvatting(sessie, wijk.id, gekozen_jaar, vandaag)
        toez = toezeggingen_samenvatting(sessie, wijk.id, peildatum)
        openbaar = openbare_link_voor(sessie, wijk.id, wijk.slug, id_="wijk-openbare-link")
        if detail is None:
            plandetail = plan_detail(sessie, gekozen_plan.id) if gekozen_plan else None
            groep = regiegroep(sessie, wijk.id, peildatum)
            scores = ambitiescore_verloop(sessie, wijk.id, [j for j in jaren if j <= gekozen_jaar], vandaag)
            mrg = maatregelen(sessie, gekozen_plan.id, peildatum) if gekozen_plan else []
            evals = evaluaties(sessie, wijk.id, gekozen_jaar, gekozen_plan) if gekozen_plan else []

    kop = [dcc.Location(id="wijk-url", refresh="callback-nav"), _kop(wijk, gekozen_plan, jaren, gekozen_jaar,
                                                                        peildatum), openbaar]
    meldingen_boven = []
    if doel_id is not None and detail is None:
        meldingen_boven.append(dbc.Alert(
            [html.Strong("Doelstelling niet gevonden. "),
             f"Deze wijk heeft geen doelstelling met nummer \u201c{doelstelling}\u201d; hieronder de hele wijk."],
            color="warning", id="wijk-doelstelling-niet-gevonden",
        ))
    elif doelstelling is not None and doel_id is None:
        meldingen_boven.append(dbc.Alert("Doelstelling niet gevonden: het nummer in het adres is ongeldig.",
                                         color="warning", id="wijk-doelstelling-niet-gevonden"))
    samenvatting = html.Section(_samenvatting(wijk, trends, budget, meld, toez, gekozen_jaar),
                                **{"aria-label": "Samenvatting"})

    if detail is not None:
        toestand["doelstelling"] = detail.id
        return html.Div([*kop, samenvatting, _doelstelling_detail(detail, toestand, wijk.naam)])

    def link(**wijziging: Any) -> str:
        return zoekstring(toestand, **{"doelstelling": None, **wijziging}) or "?"

    # Plan: levenscyclus en toets
    if plandetail is not None:
        plan_rij = dbc.Row(
            [
                dbc.Col(_paneel("Levenscyclus van het plan", "wijk-levenscyclus",
                                html.P(f"{plandetail.titel} · werkwijze {plandetail.werkwijze} · "
                                       f"periode {plandetail.periode_van}–{plandetail.periode_tot}", className="small"),
                                *([html.P("In voorbereiding: dit plan telt pas mee in de cijfers en signalen als de "
                                          "raad het vaststelt.", className="small status-achter fw-semibold",
                                          id="wijk-plan-in-voorbereiding")]
                                  if plandetail.status in IN_VOORBEREIDING else []),
                                maak_levenscyclus(plandetail, "wijk-levenscyclus-lijst"),
                                html.P(dcc.Link("Levensloop en volgende stap van dit plan",
                                                href=f"/invoer/wijkplan?wijk={wijk.slug}&plan={plandetail.id}",
                                                id="wijk-levensloop-link"), className="small mt-2 mb-0")),
                        xs=12, lg=5, className="mb-3"),
                dbc.Col(_paneel("Toets van de raad", "wijk-toets",
                                html.P("De raad toetst het plan aan drie kaders (§4.5 van de notitie).",
                                       className="small"),
                                maak_toets(plandetail, "wijk-toets-tabel", wijk.naam)),
                        xs=12, lg=7, className="mb-3"),
            ]
        )
    else:
        plan_rij = dbc.Alert("Deze wijk heeft nog geen wijkplan.", color="secondary")

    # Ambities
    punten_per_ambitie: dict[int, list] = defaultdict(list)
    for p in scores:
        punten_per_ambitie[p.ambitie_id].append(p)
    trends_per_ambitie: dict[int, list[DoelstellingTrend]] = defaultdict(list)
    for t in trends:
        trends_per_ambitie[t.ambitie_id].append(t)
    maatregelen_per_ambitie: dict[int, list] = defaultdict(list)
    for m in mrg:
        maatregelen_per_ambitie[m.ambitie_id].append(m)
    overzicht_href = f"/?jaar={gekozen_jaar}" if toestand["jaar"] else "/"
    tonen = [a for a in ambities if focus is None or a.nummer == focus]
    ambitie_nav = html.Nav(
        [html.Span("Ambities: ", className="fw-semibold me-1")]
        + [
            html.A(f"{a.nummer}. {a.korte_naam}", href=link(ambitie=a.nummer), className="btn btn-sm me-1 mb-1",
                   style=_KNOP_ACTIEF if a.nummer == focus else _KNOP,
                   **({"aria-current": "page"} if a.nummer == focus else {}))
            for a in ambities
        ]
        + [html.A("Alle ambities", href=link(ambitie=None), className="btn btn-sm mb-1",
                  style=_KNOP_ACTIEF if focus is None else _KNOP,
                  **({"aria-current": "page"} if focus is None else {}))],
        className="mb-2", id="wijk-ambitie-nav", **{"aria-label": "Kies een ambitie"},
    )
    ambitie_secties = [
        maak_ambitie_sectie(a, wijk.naam, punten_per_ambitie.get(a.id, []), trends_per_ambitie.get(a.id, []),
                            maatregelen_per_ambitie.get(a.id, []), link, overzicht_href, focus is not None,
                            lui=True)
        for a in tonen
    ]
    if focus is not None:
        andere = [a for a in ambities if a.nummer != focus]
        ambitie_secties.append(html.P(
            ["Andere ambities: "] + [html.Span([html.A(f"{a.nummer}. {a.korte_naam}", href=link(ambitie=a.nummer)),
                                                " · " if i < len(andere) - 1 else ""]) for i, a in enumerate(andere)],
            className="small", id="wijk-andere-ambities",
        ))

    mensen = dbc.Row(
        [
            dbc.Col(_paneel("Regiegroep", "wijk-regiegroep", maak_regiegroep(groep, "wijk-regiegroep-leden", wijk.naam)),
                    xs=12, xxl=7, className="mb-3"),
            dbc.Col(_paneel("Bewonersinbreng", "wijk-inbreng",
                            maak_inbreng(plandetail, "wijk-inbreng-tabel", wijk.naam) if plandetail
                            else html.P("Geen plan, geen inbreng vastgelegd.")),
                    xs=12, xxl=5, className="mb-3"),
        ]
    )
    evaluatie_paneel = html.Section(
        [html.H2(f"Evaluaties ({len(evals)})", id="wijk-evaluaties-titel"),
         html.P("Jaarlijkse evaluatie door de regiegroep volgens het formulier van bijlage 9, bij het gekozen "
                "wijkplan; de nieuwste staat open. Evaluaties van eerdere plannen: kies het plan bovenaan de pagina.",
                className="small"),
         maak_evaluaties(evals, "wijk-evaluaties-lijst", wijk.naam)],
        className="paneel mb-3", id="wijk-evaluaties", **{"aria-labelledby": "wijk-evaluaties-titel"},
    )
    return html.Div(
        [
            *kop,
            *meldingen_boven,
            samenvatting,
            plan_rij,
            ambitie_nav,
            *ambitie_secties,
            mensen,
            evaluatie_paneel,
        ]
    )


# --------------------------------------------------------------------------- callbacks


def bouw_tabel(slug: str, jaar: str | None, sleutel: str) -> Any:
    """Het tabelalternatief ``sleutel`` (``score-<ambitie>`` of ``trend-<doelstelling>``) van de wijkpagina
    van ``slug`` in ``jaar`` (uit de URL, zoals :func:`layout` hem leest): dezelfde gegevens als de
    grafiek en als de export. Onbekend → een korte melding."""
    vandaag = dt.date.today()
    soort, _, rest = sleutel.partition("-")
    nummer = geheel(rest)
    with lees_sessie() as sessie:
        wijk = wijk_basis(sessie, slug)
        if wijk is not None and nummer is not None:
            jaren, gekozen_jaar, peildatum = _jaren(sessie, jaar, vandaag)
            if soort == "score":
                ambitie_id = next((a.id for a in alle_ambities(sessie) if a.nummer == nummer), None)
                if ambitie_id is not None:
                    punten = ambitiescore_verloop(sessie, wijk.id, [j for j in jaren if j <= gekozen_jaar], vandaag)
                    return maak_scoretabel(wijk.naam, [p for p in punten if p.ambitie_id == ambitie_id])
            elif soort == "trend":
                trend = trend_van_doelstelling(sessie, nummer, peildatum, wijk.id)
                if trend is not None:
                    return maak_trendtabel(trend, vanaf_jaar=trend.nulmeting_jaar - VOORLOOP_JAREN)
    return html.P("Deze tabel is niet (meer) te vinden; laad de pagina opnieuw.", className="small mb-0")


@dash.callback(
    Output({"type": LUIE_TABEL, "tabel": MATCH}, "children"),
    Input({"type": TABEL_KNOP, "tabel": MATCH}, "n_clicks"),
    State("wijk-url", "pathname"),
    State("wijk-url", "search"),
    prevent_initial_call=True,
)
def _laad_tabel(klikken: int | None, pad: str | None, zoek: str | None) -> Any:
    """"Toon als tabel" voor het eerst open: de tabel ophalen (daarna blijft ze staan)."""
    if klikken != 1 or not isinstance(ctx.triggered_id, dict):
        return dash.no_update
    delen = dash.get_app().strip_relative_path(pad or "").split("/")
    if len(delen) != 2 or delen[0] != "wijk":
        return dash.no_update
    jaar = dict(parse_qsl((zoek or "").lstrip("?"))).get("jaar")
    return bouw_tabel(delen[1], jaar, str(ctx.triggered_id.get("tabel", "")))



@dash.callback(
    Output("wijk-url", "search"),
    Input("wijk-jaar", "value"),
    Input("wijk-plan", "value"),
    Input({"type": TREND_TYPE, "doelstelling": ALL}, "clickData"),
    Input({"type": SCORE_TYPE, "ambitie": ALL}, "clickData"),
    State("wijk-url", "search"),
    prevent_initial_call=True,
)
def _naar_url(jaar: str | None, plan: str | None, _trendklik: list, _scoreklik: list, zoek: str | None) -> str:
    """Keuzes en klikken gaan de URL in; de pagina wordt dan opnieuw opgebouwd."""
    toestand: dict[str, Any] = {k: v for k, v in parse_qsl((zoek or "").lstrip("?")) if k in PARAMS}
    bron = ctx.triggered_id
    if bron == "wijk-jaar":
        if geheel(jaar) is None or str(geheel(jaar)) == toestand.get("jaar"):
            return dash.no_update
        return zoekstring(toestand, jaar=geheel(jaar))
    if bron == "wijk-plan":
        if geheel(plan) is None or str(geheel(plan)) == toestand.get("plan"):
            return dash.no_update
        return zoekstring(toestand, plan=geheel(plan), doelstelling=None)
    if isinstance(bron, dict) and bron.get("type") == TREND_TYPE:
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return dash.no_update
        return zoekstring(toestand, doelstelling=bron["doelstelling"])
    if isinstance(bron, dict) and bron.get("type") == SCORE_TYPE:
        klik = ctx.triggered[0].get("value") if ctx.triggered else None
        try:
            gekozen = int(klik["points"][0]["x"])
        except (TypeError, KeyError, IndexError, ValueError):
            return dash.no_update
        return zoekstring(toestand, jaar=gekozen)
    return dash.no_update
