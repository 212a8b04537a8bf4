"""``/invoer/wijkplan``: de levensloop van het wijkplan (notitie §4.2–4.5, bijlage 8).

De wijk en het plan staan in de URL: ``/invoer/wijkplan?wijk=de-riet&plan=12``. De pagina toont de
huidige status (woord en pictogram), de historie (zoals op de wijkpagina), en welke volgende stappen er
zijn en wie ze zet. Alleen de stappen die deze gebruiker mag zetten, zijn een knop met de velden die erbij
horen:

- de stadsdeelcoördinator van de wijk (en de beheerder) zet de stappen van de regiegroep: besproken met
  bewoners (vraagt een vastgelegde bewonersbijeenkomst met schriftelijke opmerkingen) en definitief
  voorstel, ook weer na een terugverwijzing; en maakt een nieuw plan in concept;
- de beheerder legt de toets van de raad op de drie kaders vast en het besluit: vastgesteld of
  terugverwezen naar de regiegroep;
- "geëvalueerd" volgt uit een vastgestelde jaarevaluatie: geen knop.

Stappen die de gebruiker niet mag zetten, of waarvoor een voorwaarde ontbreekt, staan er in woorden bij,
met de reden. Alles gaat via ``datalaag.wijkplannen`` (``maak_wijkplan``, ``wijzig_status``): die
controleert de invoer, de rechten (ook als iemand een callback rechtstreeks aanroept), de versie van het
plan en de overgang, en schrijft de historie en het dossier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import mag
from datalaag.mutaties import Conflictfout
from datalaag.opmaak import formatteer_datum
from datalaag.validatie import LANGE_TEKST
from datalaag.wijkpagina import kies_plan, plan_detail, wijk_basis
from datalaag.wijkplannen import (
    IN_VOORBEREIDING,
    KADERS,
    RAADSBESLUIT_LENGTE,
    TITEL_LENGTE,
    TOELICHTING_LENGTE,
    VELDEN_NIEUW,
    VERVANGT_OPTIES,
    VOORBEREIDEN,
    WERKWIJZE_LABELS,
    NieuwPlanVoorstel,
    PlanStand,
    VolgendeStap,
    label,
    maak_wijkplan,
    plan_stand,
    toelichting_veld,
    voldoet_veld,
    volgende_stappen,
    voorstel_nieuw_plan,
    wijken_met_plannen,
    wijzig_status,
)
from pagina.componenten.formulier import (
    conflict_melding,
    dom_id,
    fout_id,
    ingevulde_velden,
    maak_keuzeveld,
    maak_veld,
    veilige_ids,
    veld_id,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import geheel
from pagina.componenten.wijk_plan import maak_inbreng, maak_levenscyclus, maak_toets

PAD = "/invoer/wijkplan"
STAP = "wijkplan-stap"      # datum en toelichting van een voorbereidende stap
RAAD = "wijkplan-raad"      # de toets en het besluit van de raad
NIEUW = "wijkplan-nieuw"    # een nieuw plan in concept
KEUZE = f"{RAAD}-keuze"     # voldoet / voldoet niet per kader (keuzerondjes hebben geen 'invalid')
STAPKNOP = "wijkplan-stap-knop"

dash.register_page(
    __name__,
    path=PAD,
    name="Wijkplan: levensloop",
    title="Levensloop wijkplan · Wijkaanpak Almelo",
    description="De levensloop van het wijkplan: besproken met bewoners, definitief voorstel, de toets van de "
                "raad op de drie kaders, vastgesteld of terugverwezen; en een nieuw plan in concept.",
)

#: Pictogram en kleurklasse per status (kleur nooit alleen: altijd ook het woord).
STATUS_STIJL: dict[str, tuple[str, str]] = {
    "concept": ("✎", "status-geen-data"),
    "besproken_met_bewoners": ("◔", "status-geen-data"),
    "definitief_voorstel": ("◑", "status-achter"),
    "vastgesteld": ("✔", "status-op-koers"),
    "terugverwezen": ("↩", "status-ver-achter"),
    "geevalueerd": ("★", "status-op-koers"),
}
#: De gewone volgorde, voor de stappenbalk.
BALK = ("concept", "besproken_met_bewoners", "definitief_voorstel", "vastgesteld", "geevalueerd")
KNOPTEKST = {
    "besproken_met_bewoners": "Besproken met bewoners",
    "definitief_voorstel": "Definitief voorstel",
}


def _statuslabel(status: str, id_: str | None = None) -> html.Span:
    icoon, klasse = STATUS_STIJL.get(status, ("•", "status-geen-data"))
    extra = {"id": id_} if id_ else {}
    return html.Span([html.Span(icoon, **{"aria-hidden": "true"}), f" {label(status)}"],
                     className=f"status-label {klasse}", **{"data-status": status}, **extra)


def _url(slug: str | None, plan_id: int | None = None, **extra: Any) -> str:
    delen = {"wijk": slug, "plan": plan_id, **extra}
    return "?" + urlencode({k: v for k, v in delen.items() if v not in (None, "")})


# --------------------------------------------------------------------------- onderdelen


def _stappenbalk(status: str) -> html.Ol:
    """Concept → … → Geëvalueerd; afgeronde stappen met ✔, de huidige vet met ``aria-current``."""
    huidig = BALK.index("definitief_voorstel") if status == "terugverwezen" else BALK.index(status)
    items = []
    for i, s in enumerate(BALK):
        if status == "terugverwezen" and s == "definitief_voorstel":
            items.append(html.Li(["✔ ", label(s)], className="text-body-secondary"))
            items.append(html.Li(_statuslabel("terugverwezen"), className="fw-semibold", **{"aria-current": "step"}))
            continue
        if i < huidig:
            items.append(html.Li(["✔ ", label(s)], className="text-body-secondary"))
        elif i == huidig:
            items.append(html.Li(_statuslabel(s), className="fw-semibold", **{"aria-current": "step"}))
        else:
            items.append(html.Li(label(s), className="text-body-secondary"))
    return html.Ol(items, className="wijkplan-balk list-unstyled d-flex flex-wrap gap-2 gap-md-3 mb-0 small",
                   id="wijkplan-balk", **{"aria-label": "Stappen van de levensloop"})


def _stap_in_woorden(stap: VolgendeStap, stand: PlanStand) -> html.Li:
    regels: list[Any] = [
        html.P(_statuslabel(stap.naar), className="mb-1"),
        html.P(stap.uitleg, className="small mb-1"),
        html.P([html.Span("Wie: ", className="fw-semibold"), stap.wie], className="small mb-1"),
    ]
    if stap.soort == "evaluatie":
        regels.append(html.P(["Zie het ", dcc.Link("evaluatieformulier", href=f"/invoer/evaluatie?wijk={stand.wijk_slug}"),
                              " voor de jaarevaluaties van deze wijk."], className="small mb-0"))
    elif not stap.mag:
        regels.append(html.P([html.Span("✖ ", **{"aria-hidden": "true"}),
                              html.Span("U kunt deze stap niet zetten. ", className="fw-semibold"),
                              stap.weigering or ""],
                             className="small mb-0 status-geen-data", **{"data-uitkomst": "niet-toegestaan"}))
    elif stap.ontbreekt:
        inhoud: list[Any] = [html.Span("▲ ", **{"aria-hidden": "true"}),
                             html.Span("Voorwaarde ontbreekt. ", className="fw-semibold"), stap.ontbreekt]
        if stap.ontbreekt_soort == "bijeenkomst":
            inhoud += [" ", dcc.Link("Bewonersinbreng vastleggen",
                                     href=f"/invoer/bewonersinbreng?wijk={stand.wijk_slug}&plan={stand.id}",
                                     id=f"wijkplan-link-inbreng-{stap.naar}")]
        regels.append(html.P(inhoud, className="small mb-0 status-achter", **{"data-uitkomst": "voorwaarde"}))
    else:
        regels.append(html.P([html.Span("✔ ", **{"aria-hidden": "true"}),
                              "U kunt deze stap hieronder zetten."],
                             className="small mb-0 status-op-koers fw-semibold", **{"data-uitkomst": "toegestaan"}))
    return html.Li(regels, className="border-start border-3 ps-3 mb-3", **{"data-stap": stap.naar})


def _stapformulier(stappen: list[VolgendeStap], vandaag: dt.date) -> html.Section | None:
    knoppen = [s for s in stappen if s.soort == "voorbereiden" and s.mag]
    if not knoppen:
        return None
    return html.Section(
        [
            html.H3("Volgende stap vastleggen", id="wijkplan-stap-titel", className="h5"),
            dbc.Row([
                dbc.Col(maak_veld(STAP, "datum", "Datum van de stap", formatteer_datum(vandaag), max_lengte=10,
                                  hulptekst="dd-mm-jjjj; niet vóór de vorige stap"), md=4),
                dbc.Col(maak_veld(STAP, "toelichting", "Toelichting (komt in de historie)", "", meerregelig=True,
                                  rijen=3, max_lengte=LANGE_TEKST,
                                  hulptekst="Bijv. wat de bewoners vonden of wat de regiegroep aanpaste"), md=8),
            ]),
            html.Div(id="wijkplan-stap-melding", **{"aria-live": "polite"}),
            html.Div(
                [dbc.Button(f"Zet op \u201c{KNOPTEKST.get(s.naar, s.label)}\u201d", id={"type": STAPKNOP, "naar": s.naar},
                            color="primary", n_clicks=0) for s in knoppen],
                className="d-flex flex-wrap gap-2 mt-2",
            ),
        ],
        className="mt-3", id="wijkplan-stap", **{"aria-labelledby": "wijkplan-stap-titel"},
    )


def _kaderkeuze(kader: str, naam: str) -> html.Fieldset:
    sleutel = voldoet_veld(kader)
    return html.Fieldset(
        [
            html.Legend(naam, className="fs-6 fw-semibold mb-1"),
            dbc.RadioItems(
                id={"type": KEUZE, "veld": sleutel},
                options=[{"label": "Voldoet", "value": "voldoet", "input_id": f"{RAAD}-{kader}-voldoet"},
                         {"label": "Voldoet niet", "value": "voldoet_niet", "input_id": f"{RAAD}-{kader}-voldoet-niet"}],
                value=None, inline=True, name=f"{RAAD}-{kader}",
            ),
            html.Div(id=fout_id(RAAD, sleutel), className="invalid-feedback d-block mb-2"),
            maak_veld(RAAD, toelichting_veld(kader), f"Toelichting bij {naam.lower()}", "", meerregelig=True, rijen=2,
                      max_lengte=TOELICHTING_LENGTE, hulptekst="Waarom voldoet het plan wel of niet aan dit kader?"),
        ],
        className="border rounded p-2 mb-3", id=dom_id(RAAD, sleutel),
    )


def _raadformulier(vandaag: dt.date) -> html.Section:
    return html.Section(
        [
            html.H3("Toets en besluit van de raad vastleggen", id="wijkplan-raad-titel", className="h5"),
            html.P("De raad toetst het plan alleen aan de drie kaders (§4.5). Vaststellen kan als het plan aan alle drie "
                   "voldoet; voldoet het op een kader niet, dan verwijst de raad het terug naar de regiegroep met een "
                   "toelichting wat er moet veranderen.", className="small"),
            *[_kaderkeuze(k, n) for k, n in KADERS.items()],
            dbc.Row([
                dbc.Col(maak_veld(RAAD, "raadsbesluit", "Raadsbesluit (kenmerk)", "", max_lengte=RAADSBESLUIT_LENGTE,
                                  hulptekst="Het kenmerk waaronder het besluit terug te vinden is, bijv. Raadsbesluit 2026-042"), md=8),
                dbc.Col(maak_veld(RAAD, "datum", "Datum van het besluit", formatteer_datum(vandaag), max_lengte=10,
                                  hulptekst="dd-mm-jjjj"), md=4),
            ]),
            maak_veld(RAAD, "toelichting", "Toelichting", "", meerregelig=True, rijen=3, max_lengte=LANGE_TEKST,
                      hulptekst="Verplicht bij terugverwijzen: wat moet de regiegroep aanpassen?"),
            html.Div(id="wijkplan-raad-melding", **{"aria-live": "polite"}),
            html.Div(
                [dbc.Button("Vaststellen", id="wijkplan-vaststellen", color="primary", n_clicks=0),
                 dbc.Button("Terugverwijzen naar de regiegroep", id="wijkplan-terugverwijzen", color="secondary",
                            n_clicks=0)],
                className="d-flex flex-wrap gap-2 mt-2",
            ),
        ],
        className="mt-3", id="wijkplan-raad", **{"aria-labelledby": "wijkplan-raad-titel"},
    )


def _nieuw_formulier(wijk_naam: str, voorstel: NieuwPlanVoorstel, vandaag: dt.date, open_: bool) -> html.Details:
    velden: list[Any] = [
        html.P("Een nieuw plan begint als concept. Daarna bespreekt de regiegroep het met de bewoners (§4.3), maakt er "
               "een definitief voorstel van (§4.4) en toetst de raad het (§4.5). Het concept telt nergens mee in de "
               "cijfers tot de raad het vaststelt.", className="small"),
        maak_veld(NIEUW, "titel", VELDEN_NIEUW["titel"], voorstel.titel, max_lengte=TITEL_LENGTE),
        dbc.Row([
            dbc.Col(maak_keuzeveld(NIEUW, "werkwijze", VELDEN_NIEUW["werkwijze"], WERKWIJZE_LABELS, voorstel.werkwijze,
                                   hulptekst="WOP: 10–15 jaar; AWA: ten hoogste 2 jaar; SHR: meerjarig programma"),
                    lg=6),
            dbc.Col(maak_veld(NIEUW, "periode_van", VELDEN_NIEUW["periode_van"], str(voorstel.periode_van),
                              invoermodus="numeric", max_lengte=4, hulptekst=f"Vanaf {vandaag.year}"), xs=6, lg=3),
            dbc.Col(maak_veld(NIEUW, "periode_tot", VELDEN_NIEUW["periode_tot"], str(voorstel.periode_tot),
                              invoermodus="numeric", max_lengte=4, hulptekst="Tot en met"), xs=6, lg=3),
        ]),
    ]
    if voorstel.lopend is not None:
        _, titel, van, tot = voorstel.lopend
        velden.append(maak_keuzeveld(
            NIEUW, "vervangt", VELDEN_NIEUW["vervangt"], VERVANGT_OPTIES, "nee",
            hulptekst=f"Het laatste vastgestelde plan is \u201c{titel}\u201d ({van}–{tot}). Een opvolger begint in "
            f"{tot + 1} of later. Vervangt dit plan een vastgesteld plan voortijdig, dan eindigt dat plan in het jaar "
            "vóór het eerste jaar van dit plan, zodra de raad dit plan vaststelt."))
    velden += [
        dbc.Row([
            dbc.Col(maak_veld(NIEUW, "datum", VELDEN_NIEUW["datum"], formatteer_datum(vandaag), max_lengte=10,
                              hulptekst="dd-mm-jjjj; de dag waarop de regiegroep het concept opstelde"), lg=4),
            dbc.Col(maak_veld(NIEUW, "toelichting", VELDEN_NIEUW["toelichting"], "", meerregelig=True, rijen=2,
                              max_lengte=LANGE_TEKST, hulptekst="Bijv. op welke wijkanalyse het concept steunt"), lg=8),
        ]),
        html.Div(id="wijkplan-nieuw-melding", **{"aria-live": "polite"}),
        dbc.Button("Nieuw plan aanmaken (concept)", id="wijkplan-nieuw-opslaan", color="primary", n_clicks=0,
                   className="mt-2"),
    ]
    return html.Details(
        [html.Summary(html.H2(f"Nieuw wijkplan voor {wijk_naam}", className="h5 d-inline", id="wijkplan-nieuw-titel"),
                      className="py-1"),
         html.Div(velden, className="mt-2")],
        open=open_, className="paneel mb-3", id="wijkplan-nieuw",
    )


def _kop(stand: PlanStand) -> html.Section:
    gegevens = (f"{WERKWIJZE_LABELS.get(stand.werkwijze, stand.werkwijze)} · periode {stand.periode} · versie "
                f"{stand.versie}" + (f", laatst gewijzigd door {stand.gewijzigd_door}" if stand.gewijzigd_door else ""))
    return html.Section(
        [
            html.H2(stand.titel, id="wijkplan-plan-titel", className="h4 mb-2"),
            html.P([html.Span("Huidige status: ", className="fw-semibold"),
                    _statuslabel(stand.status, "wijkplan-status")], className="fs-5 mb-1"),
            html.P(gegevens, className="small text-body-secondary mb-2", id="wijkplan-gegevens"),
            _stappenbalk(stand.status),
            html.P(dcc.Link(f"Bekijk dit plan op de wijkpagina van {stand.wijk_naam}",
                            href=f"/wijk/{stand.wijk_slug}?plan={stand.id}", id="wijkplan-link-wijk"),
                   className="small mt-2 mb-0"),
        ],
        className="paneel mb-3", id="wijkplan-kop", **{"aria-labelledby": "wijkplan-plan-titel"},
    )


def _paneel(titel: str, id_: str, *inhoud: Any) -> html.Section:
    return html.Section([html.H2(titel, id=f"{id_}-titel", className="h5"), *inhoud], className="paneel",
                        id=id_, **{"aria-labelledby": f"{id_}-titel"})


def _kies_wijk(wijken, eigen: set[int], gevraagd: str | None):
    gekozen = next((w for w in wijken if w.slug == gevraagd), None)
    if gekozen is not None:
        return gekozen
    voorkeur = [w for w in wijken if w.id in eigen] or wijken
    return (next((w for w in voorkeur if w.in_voorbereiding == "definitief_voorstel"), None)
            or next((w for w in voorkeur if w.in_voorbereiding), None) or voorkeur[0])


def _kies_plan(plannen, gevraagd: int | None, jaar: int):
    if not plannen:
        return None
    gekozen = next((p for p in plannen if p.id == gevraagd), None)
    if gekozen is not None:
        return gekozen
    bezig = [p for p in plannen if p.status in IN_VOORBEREIDING]   # nieuwste eerst
    return bezig[0] if bezig else kies_plan(plannen, None, jaar)


def _bevestiging(gedaan: str | None, stand: PlanStand | None) -> dbc.Alert | None:
    if stand is None or not gedaan:
        return None
    if gedaan == "nieuw" and stand.status == "concept":
        tekst = f"Nieuw wijkplan \u201c{stand.titel}\u201d aangemaakt als concept."
    elif gedaan == stand.status:
        tekst = f"Opgeslagen: het wijkplan staat nu op \u201c{stand.status_label}\u201d."
    else:
        return None
    return dbc.Alert([html.Strong(tekst + " "), "De stap staat in de historie en in het dossier. ",
                      dcc.Link("Bekijk het plan op de wijkpagina", href=f"/wijk/{stand.wijk_slug}?plan={stand.id}")],
                     color="success", id="wijkplan-bevestiging")


# --------------------------------------------------------------------------- layout


def layout(wijk: str | None = None, plan: str | None = None, gedaan: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijken = wijken_met_plannen(sessie)
        if not wijken:
            return html.Div([html.H1("Levensloop van het wijkplan"),
                             dbc.Alert("Er zijn nog geen wijken.", color="info", id="wijkplan-geen-wijken")])
        eigen = {w.id for w in wijken if mag(actor, VOORBEREIDEN, w.id)} if actor and actor.rol != "beheerder" else set()
        gekozen_wijk = _kies_wijk(wijken, eigen, wijk)
        basis = wijk_basis(sessie, gekozen_wijk.slug)
        gekozen_plan = _kies_plan(basis.plannen, geheel(plan), vandaag.year)
        stand = plan_stand(sessie, gekozen_plan.id) if gekozen_plan else None
        detail = plan_detail(sessie, gekozen_plan.id) if gekozen_plan else None
        stappen = volgende_stappen(sessie, actor, stand, vandaag) if stand else []
        mag_voorbereiden = mag(actor, VOORBEREIDEN, gekozen_wijk.id)
        voorstel = voorstel_nieuw_plan(sessie, gekozen_wijk.id, vandaag) if mag_voorbereiden else None

    meldingen: list[Any] = []
    if wijk and wijk != gekozen_wijk.slug:
        meldingen.append(dbc.Alert(f"Wijk \u201c{wijk}\u201d bestaat niet; u ziet {gekozen_wijk.naam}.",
                                   color="warning", id="wijkplan-wijk-niet-gevonden"))
    if plan and (gekozen_plan is None or str(gekozen_plan.id) != plan):
        meldingen.append(dbc.Alert(f"Wijkplan \u201c{plan}\u201d hoort niet bij {gekozen_wijk.naam}; u ziet "
                                   + (f"\u201c{gekozen_plan.titel}\u201d." if gekozen_plan else "geen plan."),
                                   color="warning", id="wijkplan-plan-niet-gevonden"))
    bevestiging = _bevestiging(gedaan, stand)
    if bevestiging:
        meldingen.append(bevestiging)
    if actor is None or actor.rol not in ("coordinator", "beheerder"):
        meldingen.append(dbc.Alert(
            [html.Strong("U kunt hier niets wijzigen. "),
             f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de levensloop van de wijkplannen volgen. De "
             "stadsdeelcoördinator legt de stappen van de regiegroep vast voor de eigen wijken; de beheerder legt de "
             "toets en het besluit van de raad vast."], color="info", id="wijkplan-geen-rechten"))
    elif not mag_voorbereiden and actor.rol == "coordinator":
        meldingen.append(dbc.Alert(
            f"{gekozen_wijk.naam} is niet een van uw wijken: u kunt de levensloop volgen, maar niet wijzigen.",
            color="info", id="wijkplan-andere-wijk"))

    keuzes = dbc.Row(
        [
            dbc.Col([dbc.Label("Wijk", html_for="wijkplan-wijk", className="fw-semibold mb-1"),
                     dbc.Select(id="wijkplan-wijk", value=gekozen_wijk.slug, options=[
                         {"label": w.naam + (f" ({label(w.in_voorbereiding).lower()})" if w.in_voorbereiding else ""),
                          "value": w.slug} for w in wijken])],
                    xs=12, md=5, lg=4),
            dbc.Col([dbc.Label("Wijkplan", html_for="wijkplan-plan", className="fw-semibold mb-1"),
                     dbc.Select(id="wijkplan-plan", value=str(gekozen_plan.id) if gekozen_plan else None, options=[
                         {"label": f"{p.periode_van}–{p.periode_tot}: {p.status_label}", "value": str(p.id)}
                         for p in basis.plannen], disabled=not basis.plannen)],
                    xs=12, md=7, lg=5),
            dbc.Col(html.A("+ Nieuw wijkplan", href="#wijkplan-nieuw", title=f"Nieuw wijkplan voor {gekozen_wijk.naam}",
                           id="wijkplan-naar-nieuw", className="btn",
                           style={"color": "#0b4f8a", "borderColor": "#0b4f8a", "backgroundColor": "#fff"}),
                    xs=12, lg=3, className="d-flex align-items-end") if voorstel is not None else None,
        ],
        className="mb-3 g-3",
    )
    inhoud: list[Any] = []
    if stand is None or detail is None:
        inhoud.append(dbc.Alert(f"{gekozen_wijk.naam} heeft nog geen wijkplan.", color="secondary",
                                id="wijkplan-geen-plan"))
    else:
        stappen_inhoud: list[Any] = [
            html.Ol([_stap_in_woorden(s, stand) for s in stappen], className="list-unstyled mb-0",
                    id="wijkplan-stappen")
            if stappen else html.P("Er is geen volgende stap.", id="wijkplan-stappen"),
            _stapformulier(stappen, vandaag),
        ]
        if any(s.soort == "raadsbesluit" and s.mag for s in stappen):
            stappen_inhoud.append(_raadformulier(vandaag))
        inhoud += [
            _kop(stand),
            dbc.Row([
                dbc.Col(_paneel("Volgende stappen", "wijkplan-volgende", *stappen_inhoud), xs=12, xl=7, className="mb-3"),
                dbc.Col([
                    _paneel("Historie", "wijkplan-historie", maak_levenscyclus(detail, "wijkplan-historie-lijst")),
                    _paneel("Toets van de raad", "wijkplan-toets", maak_toets(detail, "wijkplan-toets-tabel")),
                    _paneel("Bewonersinbreng", "wijkplan-inbreng", maak_inbreng(detail, "wijkplan-inbreng-tabel")),
                ], xs=12, xl=5, className="mb-3 d-flex flex-column gap-3"),
            ]),
        ]
    if voorstel is not None:
        bezig = any(p.status in IN_VOORBEREIDING for p in basis.plannen)
        inhoud.append(_nieuw_formulier(gekozen_wijk.naam, voorstel, vandaag, open_=not bezig))

    return html.Div(
        [
            dcc.Location(id="wijkplan-url", refresh="callback-nav"),
            dcc.Store(id="wijkplan-basis", data={"wijk_id": gekozen_wijk.id, "wijk": gekozen_wijk.slug,
                                                 "wijkplan_id": stand.id if stand else None,
                                                 "versie": stand.versie if stand else None}),
            html.H1("Levensloop van het wijkplan"),
            html.P("Van concept via de bespreking met de bewoners en het definitieve voorstel naar de toets en het "
                   "besluit van de raad (notitie §4.2–4.5). Elke stap komt met datum en naam in de historie en in het "
                   "dossier.", className="text-body-secondary"),
            keuzes,
            *meldingen,
            *inhoud,
        ]
    )


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("wijkplan-url", "search"),
    Input("wijkplan-wijk", "value"),
    Input("wijkplan-plan", "value"),
    State("wijkplan-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, plan: str | None, basis):
    """Een andere wijk of een ander plan: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if ctx.triggered_id == "wijkplan-wijk":
        if not wijk or wijk == basis.get("wijk"):
            return dash.no_update
        return _url(wijk)
    if not plan or plan == str(basis.get("wijkplan_id")):
        return dash.no_update
    return _url(basis.get("wijk"), geheel(plan))


def _uitvoer_ids(uitvoer: Any) -> list:
    """De concrete ids van een ALL-uitvoer (``ctx.outputs_list``), in volgorde. Bij de toets van de raad zijn
    dat andere dan die van de velden: een kader heeft een foutmelding maar zelf geen veld van deze groep."""
    return [o.get("id") if isinstance(o, dict) else None for o in uitvoer] if isinstance(uitvoer, list) else []


def _conflictblok(fout: Conflictfout, basis: dict) -> dbc.Alert:
    return conflict_melding(fout, "wijkplan-conflict",
                            PAD + _url(str(basis.get("wijk") or ""), geheel(str(basis.get("wijkplan_id")))))


def _na_stap(plan_id: int, status: str) -> str:
    with lees_sessie() as sessie:
        stand = plan_stand(sessie, plan_id)
    return _url(stand.wijk_slug if stand else None, plan_id, gedaan=status)


@dash.callback(
    Output("wijkplan-stap-melding", "children"),
    Output("wijkplan-url", "search", allow_duplicate=True),
    Output({"type": f"{STAP}-veld", "veld": "datum"}, "invalid"),
    Output({"type": f"{STAP}-fout", "veld": "datum"}, "children"),
    Output({"type": f"{STAP}-veld", "veld": "toelichting"}, "invalid"),
    Output({"type": f"{STAP}-fout", "veld": "toelichting"}, "children"),
    Input({"type": STAPKNOP, "naar": ALL}, "n_clicks"),
    State({"type": f"{STAP}-veld", "veld": "datum"}, "value"),
    State({"type": f"{STAP}-veld", "veld": "toelichting"}, "value"),
    State("wijkplan-basis", "data"),
    prevent_initial_call=True,
)
def _stap(_kliks, datum, toelichting, basis):
    """Een stap van de regiegroep (besproken met bewoners, definitief voorstel): ``wijzig_status``."""
    knop = ctx.triggered_id
    if not isinstance(knop, dict) or not (ctx.triggered and ctx.triggered[0].get("value")):
        return (dash.no_update,) * 6
    basis = basis if isinstance(basis, dict) else {}
    uit = voer_uit(lambda sessie: wijzig_status(sessie, huidige_actor(), basis.get("wijkplan_id"), knop.get("naar"),
                                                verwachte_versie=basis.get("versie"), datum=datum,
                                                toelichting=toelichting),
                   [veld_id(STAP, "datum"), veld_id(STAP, "toelichting")],
                   conflict=lambda fout: _conflictblok(fout, basis))
    # Per veld (datum, toelichting): invalid en foutmelding, zoals de uitvoer hierboven.
    per_veld = [x for paar in zip(*uit.velden, strict=True) for x in paar]
    if not uit.gelukt:
        return uit.melding, dash.no_update, *per_veld
    return None, _na_stap(uit.resultaat.wijkplan_id, uit.resultaat.status), *per_veld


@dash.callback(
    Output("wijkplan-raad-melding", "children"),
    Output("wijkplan-url", "search", allow_duplicate=True),
    *velden_uitvoer(RAAD),
    Input("wijkplan-vaststellen", "n_clicks"),
    Input("wijkplan-terugverwijzen", "n_clicks"),
    *velden_invoer(RAAD),
    State({"type": KEUZE, "veld": ALL}, "value"),
    State({"type": KEUZE, "veld": ALL}, "id"),
    State("wijkplan-basis", "data"),
    prevent_initial_call=True,
)
def _raadsbesluit(_vaststellen, _terugverwijzen, waarden, ids, keuzes, keuze_ids, basis):
    """De toets van de raad op de drie kaders en het besluit (alleen de beheerder): ``wijzig_status``."""
    status = {"wijkplan-vaststellen": "vastgesteld", "wijkplan-terugverwijzen": "terugverwezen"}.get(ctx.triggered_id)
    if status is None:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    basis = basis if isinstance(basis, dict) else {}
    ingevuld = {**ingevulde_velden(veilige_ids(ids), waarden), **ingevulde_velden(veilige_ids(keuze_ids), keuzes)}
    toets = {k: ingevuld.get(k) for k in [*(voldoet_veld(k) for k in KADERS), *(toelichting_veld(k) for k in KADERS),
                                           "raadsbesluit"]}
    uit = voer_uit(lambda sessie: wijzig_status(sessie, huidige_actor(), basis.get("wijkplan_id"), status,
                                                verwachte_versie=basis.get("versie"), datum=ingevuld.get("datum"),
                                                toelichting=ingevuld.get("toelichting"), toets=toets),
                   _uitvoer_ids(ctx.outputs_list[2]), fout_ids=_uitvoer_ids(ctx.outputs_list[3]),
                   conflict=lambda fout: _conflictblok(fout, basis))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden
    return None, _na_stap(uit.resultaat.wijkplan_id, uit.resultaat.status), *uit.velden


@dash.callback(
    Output("wijkplan-nieuw-melding", "children"),
    Output("wijkplan-url", "search", allow_duplicate=True),
    *velden_uitvoer(NIEUW),
    Input("wijkplan-nieuw-opslaan", "n_clicks"),
    *velden_invoer(NIEUW),
    State("wijkplan-basis", "data"),
    prevent_initial_call=True,
)
def _nieuw_plan(_klik, waarden, ids, basis):
    """Een nieuw wijkplan in concept: ``maak_wijkplan`` (coördinator eigen wijk, beheerder)."""
    basis = basis if isinstance(basis, dict) else {}
    ingevuld = ingevulde_velden(veilige_ids(ids), waarden)
    uit = voer_uit(lambda sessie: maak_wijkplan(
        sessie, huidige_actor(), basis.get("wijk_id"), titel=ingevuld.get("titel"),
        werkwijze=ingevuld.get("werkwijze"), periode_van=ingevuld.get("periode_van"),
        periode_tot=ingevuld.get("periode_tot"), datum=ingevuld.get("datum"),
        toelichting=ingevuld.get("toelichting"), vervangt=ingevuld.get("vervangt") or "nee",
    ), _uitvoer_ids(ctx.outputs_list[2]), fout_ids=_uitvoer_ids(ctx.outputs_list[3]))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden
    return None, _na_stap(uit.resultaat.wijkplan_id, "nieuw"), *uit.velden

