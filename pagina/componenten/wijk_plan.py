"""Onderdelen van de wijkpagina over het plan en de mensen: levenscyclus, toets van de raad,
regiegroep, bewonersinbreng, evaluaties (bijlage 9) en de kaarten met samenvattingen.

Alle tekst van gebruikers (toelichtingen, opmerkingen) wordt als platte tekst getoond.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.export import Kolom
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    meervoud,
)
from datalaag.wijkpagina import (
    BINNENKORT,
    ROTATIE_BINNENKORT_MAANDEN,
    VERLOPEN,
    EvaluatieFormulier,
    Kader,
    PlanDetail,
    RegiegroepOverzicht,
)
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_tabel, tabel_met_export
from pagina.componenten.tabelexport import Tabelgegevens, tekst_van

ROL_LABELS = {
    "voorzitter": "Voorzitter",
    "stadsdeelcoordinator": "Stadsdeelcoördinator",
    "meldingenverantwoordelijke": "Meldingenverantwoordelijke",
    "kerngroep": "Kerngroep",
    "lid": "Lid",
}
VORM_LABELS = {
    "enquete": "Enquête",
    "gesprek": "Gesprek",
    "bijeenkomst": "Bijeenkomst",
    "huisbezoek": "Huisbezoek",
    "internetpanel": "Internetpanel",
}
EVALUATIE_STATUS_LABELS = {"concept": "Concept", "ingediend": "Ingediend", "vastgesteld": "Vastgesteld"}


def organisatietype_label(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _label(icoon: str, woord: str, klasse: str) -> html.Span:
    """Pictogram + woord + kleur (de statusklassen uit het thema)."""
    return html.Span([html.Span(icoon, **{"aria-hidden": "true"}), f" {woord}"], className=f"status-label {klasse}")


def maak_oordeel(voldoet: bool | None) -> html.Span:
    if voldoet is None:
        return _label("?", "Nog niet getoetst", "status-geen-data")
    if voldoet:
        return _label("✔", "Voldoet", "status-op-koers")
    return _label("✖", "Voldoet niet", "status-ver-achter")


# --------------------------------------------------------------------------- plan


def maak_levenscyclus(plan: PlanDetail, id_: str) -> html.Div:
    if not plan.historie:
        return html.P("Voor dit plan is geen statushistorie vastgelegd.", id=id_)
    items = []
    for stap in plan.historie:
        klasse = "status-ver-achter" if stap.status == "terugverwezen" else ""
        kop = stap.label + (f" (jaar {stap.jaar})" if stap.status == "geevalueerd" and stap.jaar else "")
        items.append(
            html.Li(
                [
                    html.Span(formatteer_datum(stap.datum), className="fw-semibold me-2",
                              style={"fontVariantNumeric": "tabular-nums"}),
                    html.Span(("✖ " if stap.status == "terugverwezen" else "") + kop, className=klasse + " fw-semibold"),
                    html.Div(stap.toelichting, className="small text-body-secondary") if stap.toelichting else None,
                ],
                className="mb-2 ps-3",
                style={"borderLeft": "3px solid #0b4f8a"},
                **{"data-status": stap.status},
            )
        )
    return html.Ol(items, className="list-unstyled mb-0", id=id_)


def maak_toets(plan: PlanDetail, id_: str, wijk: str | None = None) -> html.Div:
    """De toets van de raad op drie kaders; met ``wijk`` ook als CSV en Excel (met de wijk in de naam)."""
    rijen = [
        html.Tr([html.Th(k.naam, scope="row", className="fw-normal"), html.Td(maak_oordeel(k.voldoet)),
                 html.Td(k.toelichting or "–", className="small")])
        for k in plan.kaders
    ]
    tabel = dbc.Table(
        [html.Thead(html.Tr([html.Th("Kader", scope="col"), html.Th("Oordeel", scope="col"),
                             html.Th("Toelichting", scope="col")])), html.Tbody(rijen)],
        size="sm", className="mb-2", id=id_,
    )
    besluit = []
    if plan.raadsbesluit or plan.vastgesteld_op:
        besluit.append(html.P(
            "Raadsbesluit: " + (plan.raadsbesluit or "–")
            + (f", vastgesteld op {formatteer_datum(plan.vastgesteld_op)}" if plan.vastgesteld_op else "") + ".",
            className="small mb-0",
        ))
    if wijk is None:
        return html.Div([html.Div(tabel, className="table-responsive"), *besluit])
    gegevens = Tabelgegevens(
        (Kolom("kader", "Kader"), Kolom("oordeel", "Oordeel"), Kolom("toelichting", "Toelichting")),
        tuple({"kader": k.naam, "oordeel": tekst_van(maak_oordeel(k.voldoet)), "toelichting": k.toelichting}
              for k in plan.kaders),
    )
    return html.Div([tabel_met_export(tabel, id_, bestandsnaam("toets van de raad", wijk=wijk),
                                      f"Toets van de raad, {plan.titel}", gegevens), *besluit])


def alle_kaders_getoetst(kaders: tuple[Kader, ...]) -> bool:
    return all(k.voldoet is not None for k in kaders)


# --------------------------------------------------------------------------- regiegroep


def _termijn(lid) -> Any:
    tekst = f"{formatteer_datum(lid.termijn_van)} – {formatteer_datum(lid.termijn_tot) if lid.termijn_tot else 'onbepaald'}"
    if lid.termijn_signaal == VERLOPEN:
        return [tekst, html.Br(), _label("✖", "Termijn verlopen: rotatie nodig", "status-ver-achter")]
    if lid.termijn_signaal == BINNENKORT:
        return [tekst, html.Br(), _label("▲", f"Rotatie binnen {ROTATIE_BINNENKORT_MAANDEN} maanden", "status-achter")]
    return tekst


REGIEGROEP_EXPORTKOLOMMEN = (
    Kolom("naam", "Naam"), Kolom("type", "Organisatietype"), Kolom("organisatie", "Organisatie"),
    Kolom("rol", "Rol"), Kolom("van", "Zittingstermijn van", "datum"), Kolom("tot", "Zittingstermijn tot", "datum"),
    Kolom("signaal", "Signaal"),
)
_TERMIJN_SIGNAAL = {VERLOPEN: "Termijn verlopen: rotatie nodig",
                    BINNENKORT: f"Rotatie binnen {ROTATIE_BINNENKORT_MAANDEN} maanden"}


def maak_regiegroep(groep: RegiegroepOverzicht | None, id_: str, wijk: str | None = None) -> html.Div:
    """De regiegroep met haar leden; met ``wijk`` ook de ledenlijst als CSV en Excel."""
    if groep is None:
        return html.P("Deze wijk heeft (nog) geen regiegroep.", id=id_)
    onderdelen: list[Any] = []
    if groep.voorzitter is None:
        onderdelen.append(dbc.Alert("De regiegroep heeft geen voorzitter.", color="warning", className="py-2"))
    elif groep.voorzitter_is_bewoner:
        onderdelen.append(html.P(["Voorzitter: ", html.Strong(groep.voorzitter), " (bewoner, zoals de notitie wil)."],
                                 id=f"{id_}-voorzitter"))
    else:
        onderdelen.append(
            html.P(
                [html.Span("▲ ", **{"aria-hidden": "true"}), "Voorzitter: ", html.Strong(groep.voorzitter),
                 " is geen bewoner. De notitie geeft de voorkeur aan een bewoner als voorzitter (§3.5.2.1)."],
                className="status-achter", id=f"{id_}-voorzitter",
            )
        )
    signalen = []
    if groep.aantal_verlopen:
        signalen.append(f"{meervoud(groep.aantal_verlopen, 'lid zit', 'leden zitten')} na het einde van de zittingstermijn")
    if groep.aantal_binnenkort:
        signalen.append(f"{meervoud(groep.aantal_binnenkort, 'lid moet', 'leden moeten')} binnen "
                        f"{ROTATIE_BINNENKORT_MAANDEN} maanden rouleren")
    if signalen:
        onderdelen.append(html.P("Let op: " + "; ".join(signalen) + ".", className="fw-semibold"))
    onderdelen.append(
        html.P(
            [html.Span(f"{len(groep.leden)} leden per organisatietype: ", className="fw-semibold")]
            + [html.Span(f"{organisatietype_label(t)} {n}", className="badge text-bg-light border me-1 mb-1",
                         style={"fontWeight": 500}) for t, n in groep.per_type],
            id=f"{id_}-per-type",
        )
    )
    rijen = [
        html.Tr(
            [
                html.Td(lid.naam),
                html.Td([organisatietype_label(lid.organisatietype)]
                        + ([html.Br(), html.Span(lid.organisatie, className="small")] if lid.organisatie else [])),
                html.Td(ROL_LABELS.get(lid.rol, lid.rol)),
                html.Td(_termijn(lid), className="small"),
            ],
            **({"data-termijn": lid.termijn_signaal} if lid.termijn_signaal else {}),
        )
        for lid in groep.leden
    ]
    tabel = dbc.Table(
        [html.Thead(html.Tr([html.Th(k, scope="col") for k in ("Naam", "Organisatie", "Rol", "Zittingstermijn")])),
         html.Tbody(rijen)],
        size="sm", striped=True, className="mb-0", id=id_,
    )
    if wijk is None:
        onderdelen.append(html.Div(tabel, className="table-responsive"))
        return html.Div(onderdelen)
    gegevens = Tabelgegevens(REGIEGROEP_EXPORTKOLOMMEN, tuple(
        {"naam": lid.naam, "type": organisatietype_label(lid.organisatietype), "organisatie": lid.organisatie,
         "rol": ROL_LABELS.get(lid.rol, lid.rol), "van": lid.termijn_van, "tot": lid.termijn_tot,
         "signaal": _TERMIJN_SIGNAAL.get(lid.termijn_signaal or "")}
        for lid in groep.leden
    ))
    onderdelen.append(tabel_met_export(tabel, id_, bestandsnaam("regiegroep", wijk=wijk),
                                       f"Regiegroep {wijk}", gegevens))
    return html.Div(onderdelen)


def maak_inbreng(plan: PlanDetail, id_: str, wijk: str | None = None) -> html.Div:
    """De bewonersinbreng bij het plan; met ``wijk`` ook als CSV en Excel."""
    if not plan.bewonersinbreng:
        return html.P("Voor dit plan is geen bewonersinbreng vastgelegd.", id=id_)
    totaal = sum(i.bereik for i in plan.bewonersinbreng)
    tabel = maak_tabel(
        [kolom("Datum", "datum"), "Vorm", kolom("Bereik", "getal"), "Opmerkingen"],
        [[i.datum, VORM_LABELS.get(i.vorm, i.vorm), i.bereik, i.opmerkingen] for i in plan.bewonersinbreng],
        id_=id_,
    )
    return html.Div(
        [
            html.P(f"{meervoud(len(plan.bewonersinbreng), 'moment', 'momenten')} met samen "
                   f"{formatteer_getal(totaal)} deelnemers.", className="small"),
            html.Div(tabel, className="table-responsive") if wijk is None else
            tabel_met_export(tabel, id_, bestandsnaam("bewonersinbreng", wijk=wijk),
                             f"Bewonersinbreng {plan.titel}"),
        ]
    )


# --------------------------------------------------------------------------- evaluaties

EVALUATIE_KOLOMMEN = ["Ambitie", "Doelstelling", "Gerealiseerde doelstelling", kolom("Waardering", "getal1"),
                      "Aanvullende maatregelen", kolom("Schatting kosten", "bedrag"), "Opmerkingen"]


def maak_evaluatie(ev: EvaluatieFormulier, open_: bool, wijk: str | None = None) -> html.Details:
    """Eén evaluatie (bijlage 9); met ``wijk`` ook de tabel per ambitie als CSV en Excel."""
    status = EVALUATIE_STATUS_LABELS.get(ev.status, ev.status)
    kop = [f"Evaluatie {ev.jaar} · {status}"]
    if ev.status == "concept":
        kop.append(dbc.Badge("CONCEPT", color="warning", text_color="dark", className="ms-2"))
    gegevens: list[Any] = [
        html.Dt("Klanttevredenheid", className="col-sm-4 col-xl-3"),
        html.Dd(
            (f"{formatteer_getal(ev.klanttevredenheid_cijfer, 1)}" if ev.klanttevredenheid_cijfer is not None else "–")
            + (f" (respons {formatteer_getal(ev.klanttevredenheid_respons)})"
               if ev.klanttevredenheid_respons is not None else ""),
            className="col-sm-8 col-xl-9",
        ),
        html.Dt("Ingediend / vastgesteld", className="col-sm-4 col-xl-3"),
        html.Dd(f"{formatteer_datum(ev.ingediend_op)} / {formatteer_datum(ev.vastgesteld_op)}",
                className="col-sm-8 col-xl-9"),
    ]
    if ev.extra_budget_bedrag is not None:
        gegevens += [
            html.Dt("Verzoek extra budget", className="col-sm-4 col-xl-3"),
            html.Dd([formatteer_bedrag(ev.extra_budget_bedrag),
                     html.Span(f" — {ev.extra_budget_motivering}" if ev.extra_budget_motivering else "")],
                    className="col-sm-8 col-xl-9"),
            html.Dt("Besluit van de raad", className="col-sm-4 col-xl-3"),
            html.Dd((ev.raadsbesluit or "Nog geen besluit")
                    + (f" ({formatteer_datum(ev.raadsbesluit_datum)})" if ev.raadsbesluit_datum else ""),
                    className="col-sm-8 col-xl-9"),
        ]
    inhoud: list[Any] = []
    if ev.status == "concept":
        inhoud.append(html.P("Concept: nog niet ingediend bij de raad; telt niet mee in de ambitiescores.",
                             className="status-achter fw-semibold mt-2 mb-1"))
    inhoud += [
        html.Dl(gegevens, className="row small mt-2 mb-2"),
    ]
    tabel = maak_tabel(
        EVALUATIE_KOLOMMEN,
        [[f"{r.ambitie_nummer}. {r.ambitie_naam}", r.doelstelling, r.gerealiseerde_doelstelling, r.waardering,
          r.aanvullende_maatregelen, r.schatting_kosten, r.opmerkingen] for r in ev.regels],
        id_=f"wijk-evaluatie-{ev.jaar}-tabel",
    )
    if wijk is None:
        inhoud.append(html.Div(tabel, className="table-responsive small"))
    else:
        inhoud.append(html.Div(
            tabel_met_export(tabel, f"wijk-evaluatie-{ev.jaar}-tabel",
                             bestandsnaam(f"evaluatie {ev.jaar}", wijk=wijk), f"Evaluatie {ev.jaar} {wijk}"),
            className="small",
        ))
    return html.Details(
        [html.Summary(html.H3(kop, className="h6 d-inline"), className="py-1"), *inhoud],
        open=open_, className="border-bottom py-2", id=f"wijk-evaluatie-{ev.jaar}",
        **{"data-status": ev.status},
    )


def maak_evaluaties(lijst: list[EvaluatieFormulier], id_: str, wijk: str | None = None) -> html.Div:
    if not lijst:
        return html.P("Er is nog geen evaluatie van deze wijk vastgelegd.", id=id_)
    return html.Div([maak_evaluatie(ev, i == 0, wijk) for i, ev in enumerate(lijst)], id=id_)


# --------------------------------------------------------------------------- samenvattingskaarten


def maak_kaart(id_: str, label: str, waarde: str, regels: list[Any], link: tuple[str, str] | None = None,
               let_op: bool = False) -> dbc.Card:
    """Samenvattingskaart; ``let_op`` = rand én het woord "Let op" (nooit kleur alleen)."""
    inhoud: list[Any] = []
    if let_op:
        inhoud.append(html.P("Let op", className="signaal-ernst status-ver-achter mb-1"))
    inhoud += [html.P(label, className="kpi-label"), html.P(waarde, className="kpi-waarde", id=id_)]
    inhoud += [html.P(r, className="kpi-toelichting") for r in regels if r]
    if link:
        inhoud.append(html.A(link[0], href=link[1], className="small d-inline-block mt-1", id=f"{id_}-link"))
    return dbc.Card(dbc.CardBody(inhoud), className="kpi-kaart" + (" kpi-let-op" if let_op else ""))
