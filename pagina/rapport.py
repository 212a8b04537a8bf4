"""``/rapport/<slug>`` en ``/rapport/stad``: de schriftelijke voortgangsrapportage voor de raad.

De Rekenkamercommissie vond dat de raad nooit een schriftelijk verslag kreeg over de voortgang van
de plannen (conclusie 8, bijlage 2 van de notitie). Dit rapport is dat verslag: per wijk de
planstatus en levensloop, de doelstellingen met hun op-koersstatus en trend, de maatregelen, het
budget, de meldingen, de laatste evaluatie en de open toezeggingen; voor de stad een samenvatting
per wijk en de signalen, gerangschikt.

Op het scherm is het een gewone pagina in de schil; afgedrukt (of "opslaan als PDF") A4 met een
paginabreuk tussen de secties, geen grafiek doormidden, paginanummers en in de voettekst de datum en
de peildatum (``assets/rapport.css``; de voettekst zet ``assets/rapport.js`` in een ``@page``-regel).
De grafieken zijn statisch (SVG, scherp op papier), vast van breedte zodat ze op A4 passen, met de
cijfers erbij en de volledige meetreeksen in de bijlage.

``?peildatum=dd-mm-jjjj`` (standaard vandaag) bepaalt de stand; zie :mod:`datalaag.rapport`.
De bouwfuncties (:func:`bouw_wijkrapport`, :func:`bouw_stadsrapport`) maken alleen het rapport zelf,
zonder knoppen; ``dashboard.rapport_pdf`` gebruikt ze ook voor de PDF van de opdrachtregel.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, dcc, html
from flask import current_app, has_app_context

from dashboard.database import lees_sessie
from dashboard.thema import OKABE_ITO, STATUS_STIJL
from datalaag.afgeleid import GRENS_ACHTER, GRENS_OP_KOERS, OP_KOERS_WAARDEN
from datalaag.budget import BRON_LABELS, VLAG_LABELS, budget_vlag, periode_tekst
from datalaag.meldingen import STATUS_LABELS as MELDING_STATUS_LABELS
from datalaag.opmaak import (
    formatteer_bedrag,
    formatteer_datum,
    formatteer_getal,
    formatteer_procent,
    meervoud,
)
from datalaag.rapport import (
    STAD,
    Peildatumkeuze,
    Stadsrapport,
    Wijkrapport,
    kies_peildatum,
    stadsrapport,
    wijkrapport,
)
from datalaag.signalen import HOOG
from datalaag.trends import DoelstellingTrend
from datalaag.vergelijk import wijk_opties
from datalaag.wijkpagina import PLANSTATUS_LABELS, MaatregelRegel
from pagina.componenten.grafiek import bestandsnaam, grafiek_config, maak_tabel
from pagina.componenten.heatmap import maak_heatmap
from pagina.componenten.openbare_link import openbare_link_voor
from pagina.componenten.signalen import ERNST_WOORD, maak_signalenlijst
from pagina.componenten.trendgrafiek import (
    maak_status_regel,
    maak_trendfiguur,
    maak_trendtabel,
    streefwaarde_tekst,
)
from pagina.componenten.wijk_ambitie import VOORLOOP_JAREN
from pagina.componenten.wijk_plan import (
    EVALUATIE_STATUS_LABELS,
    maak_evaluatie,
    maak_inbreng,
    maak_levenscyclus,
    maak_toets,
)

dash.register_page(
    __name__,
    path_template="/rapport/<slug>",
    name="Voortgangsrapportage",
    title="Voortgangsrapportage · Wijkaanpak Almelo",
    description="Schriftelijke voortgangsrapportage voor de raad, per wijk en voor de stad, geschikt om af te drukken.",
)

#: Breedte van elke grafiek in px: past op A4 staand met marges van 15 mm (180 mm = 680 px).
GRAFIEK_BREEDTE = 640
TREND_HOOGTE = 250
#: Een ongeldige of toekomstige peildatum valt terug op vandaag; de melding zegt waarom.
_TERUG_NAAR_VANDAAG = " Het rapport toont daarom de stand van vandaag."


# --------------------------------------------------------------------------- kleine bouwstenen


class _Nummering:
    """Nummert figuren en tabellen door het hele rapport ("Figuur 3", "Tabel 2")."""

    def __init__(self) -> None:
        self.figuur = 0
        self.tabel = 0

    def volgende_figuur(self) -> int:
        self.figuur += 1
        return self.figuur

    def volgende_tabel(self) -> int:
        self.tabel += 1
        return self.tabel


def _sectie(nummer: int, titel: str, id_: str, *inhoud: Any) -> html.Section:
    titel_id = f"{id_}-titel"
    return html.Section([html.H2(f"{nummer}. {titel}", id=titel_id), *inhoud], className="rapport-sectie", id=id_,
                        **{"aria-labelledby": titel_id})


def _tabel(nummering: _Nummering, titel: str, kolommen: Sequence[str], rijen: Sequence[Sequence[Any]],
           id_: str | None = None, opmaak=None, rechts: Sequence[int] = (), klasse: str = "") -> html.Div:
    """Een genummerde tabel met bijschrift (``caption``) en kolomkoppen. ``rechts``: kolommen met getallen."""
    n = nummering.volgende_tabel()
    tabel = maak_tabel(kolommen, rijen, id_=id_, opmaak=opmaak)
    tabel.children.insert(0, html.Caption(f"Tabel {n}. {titel}", className="rapport-bijschrift"))
    klassen = " ".join([*(f"rapport-rechts-{i + 1}" for i in rechts), klasse])
    return html.Div(tabel, className=f"table-responsive rapport-tabel {klassen}".strip())


def _gegevens(paren: Sequence[tuple[str, Any]], id_: str | None = None) -> html.Table:
    """Kerncijfers als tabel met rijkoppen: onderwerp | waarde | toelichting."""
    rijen = [
        html.Tr([html.Th(k, scope="row"), html.Td(v, className="rapport-waarde"), html.Td(t or "", className="small")])
        for k, v, t in ((p[0], p[1], p[2] if len(p) > 2 else None) for p in paren)
    ]
    kop = html.Thead(html.Tr([html.Th("Onderwerp", scope="col"), html.Th("Stand", scope="col"),
                              html.Th("Toelichting", scope="col")]))
    return html.Table([kop, html.Tbody(rijen)], className="table table-sm rapport-kerncijfers",
                      **({"id": id_} if id_ else {}))


def _figuur(nummering: _Nummering, titel: str, figuur: go.Figure, cijfers: Any, export_naam: str,
            id_: str | None = None, kop: type = html.H3) -> html.Figure:
    """Een statische grafiek (SVG, vaste breedte, geen werkbalk) met genummerde titel en de cijfers
    eronder. De grafiek zelf is voor schermlezers één afbeelding met titel en cijfers als naam."""
    n = nummering.volgende_figuur()
    figuur.update_layout(width=GRAFIEK_BREEDTE, autosize=False, title=None)
    config = {**grafiek_config(export_naam), "staticPlot": True, "responsive": False}
    cijfertekst = cijfers if isinstance(cijfers, str) else None
    return html.Figure(
        [
            kop(f"Figuur {n}. {titel}", className="rapport-figuurtitel"),
            html.Div(
                dcc.Graph(figure=figuur, config=config, responsive=False, id=f"rapport-grafiek-{n}",
                          style={"width": f"{GRAFIEK_BREEDTE}px", "height": f"{figuur.layout.height}px"}),
                role="img",
                className="rapport-grafiek",
                **{"aria-label": f"Figuur {n}. {titel}." + (f" {cijfertekst}" if cijfertekst else "")},
            ),
            html.Figcaption([html.Span(f"Cijfers figuur {n}: ", className="fw-semibold"), cijfers],
                            className="rapport-cijfers"),
        ],
        className="rapport-figuur",
        id=id_ or f"rapport-figuur-{n}",
        **{"data-figuur": str(n)},
    )


def _css_tekst(tekst: str) -> str:
    """Tekst als CSS-tekenreeks: backslash en aanhalingsteken ontsnapt, stuurtekens weg."""
    schoon = "".join(" " if ord(t) < 32 or ord(t) == 127 else t for t in tekst)
    return '"' + schoon.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _kop(titel: str, ondertitel: list[Any], gemaakt_op: dt.date, peildatum: dt.date, demo: bool) -> html.Header:
    regels: list[Any] = [
        html.P("Gemeente Almelo · Wijkaanpak", className="rapport-afzender"),
        html.H1(titel, id="rapport-titel"),
        *ondertitel,
        html.P([html.Span("Peildatum ", className="fw-semibold"), formatteer_datum(peildatum),
                html.Span(" · gemaakt op ", className="fw-semibold"), formatteer_datum(gemaakt_op)],
               className="rapport-datums", id="rapport-datums"),
    ]
    if demo:
        regels.append(html.P("Demonstratiegegevens: alle cijfers, namen en meldingen zijn verzonnen.",
                             className="rapport-demo"))
    regels.append(html.P(
        "Deze voortgangsrapportage informeert de raad schriftelijk over de uitvoering van de wijkplannen. "
        "De Rekenkamercommissie constateerde dat de raad daarover niet werd geïnformeerd (conclusie 8 van "
        "\u201cDe wijk ontwikkeld?\u201d). Alle cijfers gelden op de peildatum.",
        className="rapport-inleiding",
    ))
    return html.Header(regels, className="rapport-kop")


def _rapport(kinderen: list[Any], voettekst: str, soort: str, slug: str) -> html.Article:
    return html.Article(
        kinderen,
        className="rapport",
        id="rapport",
        lang="nl",
        **{"aria-labelledby": "rapport-titel", "data-voettekst": voettekst, "data-soort": soort, "data-slug": slug},
    )


def voettekst(data: Wijkrapport | Stadsrapport) -> str:
    """De voettekst van elke afgedrukte pagina: titel, datum van maken en peildatum."""
    titel = f"Voortgangsrapportage {data.wijk.naam}" if isinstance(data, Wijkrapport) else "Voortgangsrapportage stad"
    return f"{titel} · gemaakt op {formatteer_datum(data.gemaakt_op)} · peildatum {formatteer_datum(data.peildatum)}"


def paginaregels(data: Wijkrapport | Stadsrapport, demo: bool = False) -> str:
    """De @page-regel met de voettekst (linksonder) en, bij demonstratiegegevens, die waarschuwing
    (rechtsboven) op elke afgedrukte pagina. De paginanummers staan vast in ``assets/rapport.css``."""
    regels = [f"@bottom-left {{ content: {_css_tekst(voettekst(data))}; }}"]
    if demo:
        regels.append('@top-right { content: "Demonstratiegegevens (verzonnen)"; }')
    return "@page rapport { " + " ".join(regels) + " }"


def _oordeel_doelen(telling: dict[str, int]) -> str:
    """``'4 van 6 op koers, 2 ver achter'``."""
    totaal = sum(telling.values())
    if not totaal:
        return "Geen SMART-doelstellingen"
    rest = [f"{telling[s]} {STATUS_STIJL[s].label.lower()}" for s in OP_KOERS_WAARDEN[1:] if telling.get(s)]
    return ", ".join([f"{telling.get('op_koers', 0)} van {totaal} op koers", *rest])


#: Korte woorden voor de status van een plan (in een smalle tabelkolom).
_PLANSTATUS_KORT = {
    "concept": "concept",
    "besproken_met_bewoners": "besproken met bewoners",
    "definitief_voorstel": "definitief voorstel",
    "vastgesteld": "vastgesteld",
    "terugverwezen": "terugverwezen",
    "geevalueerd": "geëvalueerd",
}


# --------------------------------------------------------------------------- wijkrapport


def _trend_cijfers(trend: DoelstellingTrend) -> str:
    per = " per 1.000 inwoners" if trend.is_telling else ""
    tekst = (f"nulmeting {formatteer_getal(trend.nulmeting_getoond, 1)}{per} ({trend.nulmeting_jaar}); "
             f"streefwaarde {streefwaarde_tekst(trend)}; ")
    if trend.laatste is None or trend.verwacht is None:
        tekst += "nog geen meting na de nulmeting"
    else:
        tekst += (f"laatste meting {formatteer_getal(trend.laatste.getoond, 1)}{per} op "
                  f"{formatteer_datum(trend.laatste.peildatum)}, volgens de streeflijn verwacht "
                  f"{formatteer_getal(trend.verwacht, 1)}")
    return tekst + f"; status: {STATUS_STIJL[trend.status].label.lower()}. Alle metingen: bijlage."


def _doelstelling(trend: DoelstellingTrend, nummering: _Nummering, wijknaam: str) -> html.Div:
    eenheid = " per 1.000 inwoners" if trend.is_telling else f" ({trend.eenheid})"
    if eenheid.strip(" ()").casefold() in trend.indicator_naam.casefold():
        eenheid = ""
    figuur = _figuur(
        nummering,
        f"{trend.indicator_naam}{eenheid}: metingen tegen de streeflijn",
        maak_trendfiguur(trend, TREND_HOOGTE, trend.nulmeting_jaar - VOORLOOP_JAREN),
        _trend_cijfers(trend),
        bestandsnaam(f"doelstelling {trend.indicator_naam}", wijk=wijknaam),
        kop=html.H4,
    )
    return html.Div(
        [html.P(trend.tekst, className="rapport-doeltekst mb-1"), maak_status_regel(trend), figuur],
        className="rapport-doelstelling",
        **{"data-doelstelling": str(trend.id), "data-status": trend.status},
    )


def _samenvatting_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    jaar = r.jaar
    telling = r.doelstellingen_per_status
    b = r.budget
    vlag = budget_vlag(b.oormerk, b.uitgaven, b.budgetbenutting, r.peildatum)
    m = r.meldingen
    t = r.toezeggingen_samenvatting
    ev = r.evaluatie
    paren = [
        ("Wijkplan", f"{r.plan.titel} ({PLANSTATUS_LABELS.get(r.plan.status, r.plan.status).lower()})"
         if r.plan else "Geen wijkplan", f"Periode {r.plan.periode_van}–{r.plan.periode_tot}." if r.plan else None),
        ("Doelstellingen", _oordeel_doelen(telling),
         "Laatste meting tegen de rechte streeflijn van nulmeting naar streefwaarde."),
        ("Maatregelen", f"{len(r.maatregelen)}, waarvan {r.maatregelen_achter_schema} achter schema", None),
        (f"Budget {jaar}", f"{formatteer_procent(b.budgetbenutting)} benut" + (
            f" ({VLAG_LABELS[vlag].lower()})" if vlag else ""),
         f"{formatteer_bedrag(b.uitgaven)} uitgegeven van {formatteer_bedrag(b.oormerk)} geoormerkt."),
        (f"Meldingen {jaar}", f"{formatteer_getal(m.ontvangen)} ontvangen, {m.open} open",
         f"{formatteer_getal(m.ontvangen_per_1000, 1)} per 1.000 inwoners; mediane afhandeltijd "
         + (f"{formatteer_getal(m.afhandeltijd_mediaan, 1)} werkdagen." if m.afhandeltijd_mediaan is not None
            else "–.")),
        ("Laatste evaluatie", f"{ev.jaar} ({EVALUATIE_STATUS_LABELS.get(ev.status, ev.status).lower()})" if ev
         else "Geen", "Een concept telt niet mee." if r.nieuwer_concept else None),
        ("Open toezeggingen", f"{t.open}, waarvan {t.te_laat} over de termijn" if t.open else "Geen", None),
    ]
    return [
        html.H3("Kerncijfers", className="h5"),
        _gegevens(paren, "rapport-kerncijfers"),
        html.H3(f"Signalen ({len(r.signalen)})", className="h5 mt-3"),
        html.P("Waarschuwingen volgens de vaste regels van het dashboard; ernst hoog eerst.", className="small"),
        maak_signalenlijst(list(r.signalen), "rapport-signalen", maximum=100),
    ]


def _plan_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    if r.plandetail is None:
        return [html.P(f"{r.wijk.naam} heeft nog geen wijkplan.", id="rapport-geen-plan")]
    p = r.plandetail
    andere = [q for q in r.wijk.plannen if q.id != p.id]
    return [
        html.P([html.Span(p.titel, className="fw-semibold"),
                f" · werkwijze {p.werkwijze} · periode {p.periode_van}–{p.periode_tot} · status: {p.status_label}"]),
        html.H3("Levensloop", className="h5"),
        maak_levenscyclus(p, "rapport-levenscyclus"),
        html.H3("Toets van de raad", className="h5 mt-3"),
        html.P("De raad toetst het plan aan drie kaders (§4.5 van de notitie).", className="small"),
        maak_toets(p, "rapport-toets"),
        html.H3("Bewonersinbreng", className="h5 mt-3"),
        maak_inbreng(p, "rapport-inbreng"),
        html.P("Eerdere plannen: " + "; ".join(f"{q.periode_van}–{q.periode_tot} ({q.status_label.lower()})"
                                               for q in andere) + ".", className="small mt-2") if andere else None,
    ]


def _doelstellingen_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    scores = {p.ambitie_id: p for p in r.ambitiescores}
    score_rijen = []
    for a in r.ambities:
        p = scores.get(a.id)
        score_rijen.append([f"{a.nummer}. {a.korte_naam}", formatteer_getal(p.wijk, 1) if p and p.wijk is not None
                            else "–", formatteer_getal(p.stad, 1) if p and p.stad is not None else "–",
                            (p.bron or "–") if p else "–"])
    inhoud: list[Any] = [
        html.P([
            f"Doelstellingen: {_oordeel_doelen(r.doelstellingen_per_status)}. ",
            f"Een doelstelling is op koers als de laatste meting hooguit {formatteer_procent(GRENS_OP_KOERS, 0)} "
            f"van de beoogde verandering achterloopt op de rechte streeflijn van nulmeting naar streefwaarde; "
            f"tot {formatteer_procent(GRENS_ACHTER, 0)} is dat achter, daarboven ver achter.",
        ]),
        html.H3("Ambitiescores", className="h5"),
        _tabel(n, f"Ambitiescore {r.wijk.naam} en stadsgemiddelde op {formatteer_datum(r.peildatum)} (rapportcijfer 1–10)",
               ["Ambitie", r.wijk.naam, "Stad (gemiddelde)", "Bron"], score_rijen, id_="rapport-ambitiescores",
               rechts=(1, 2)),
    ]
    if not r.doelstellingen:
        inhoud.append(html.P("Het plan heeft geen SMART-doelstellingen." if r.plan else "Er is geen wijkplan.",
                             id="rapport-geen-doelstellingen"))
        return inhoud
    per_ambitie: dict[int, list[DoelstellingTrend]] = defaultdict(list)
    for t in r.doelstellingen:
        per_ambitie[t.ambitie_id].append(t)
    zonder = []
    for a in r.ambities:
        trends = per_ambitie.get(a.id)
        if not trends:
            zonder.append(f"{a.nummer}. {a.korte_naam}")
            continue
        inhoud.append(html.Div(
            [html.H3(f"Ambitie {a.nummer}. {a.korte_naam}", className="h5 rapport-ambitie"),
             *[_doelstelling(t, n, r.wijk.naam) for t in trends]],
            className="rapport-ambitieblok", **{"data-ambitie": str(a.nummer)},
        ))
    if zonder:
        inhoud.append(html.P("Zonder doelstellingen in dit plan: " + "; ".join(zonder) + ".", className="small"))
    return inhoud


def _maatregelentabel(lijst: Sequence[MaatregelRegel], id_: str) -> html.Div:
    """De maatregelen van één ambitie, compact voor A4: dezelfde gegevens als op de wijkpagina
    (``maak_maatregelen``), in vijf kolommen zodat niets midden in een woord hoeft af te breken."""
    rijen = []
    for m in lijst:
        status: list[Any] = [m.status_label]
        if m.achter_schema:
            status += [html.Br(), html.Span([html.Span("✖", **{"aria-hidden": "true"}), " Achter schema"],
                                            className="status-label status-ver-achter")]
        rijen.append(html.Tr(
            [
                html.Td([html.Span(m.naam, className="fw-semibold"),
                         html.Div(("Oplossingsrichting " + m.oplossingsrichting if m.oplossingsrichting
                                   else "Geen oplossingsrichting") + f" · {m.niveau}niveau",
                                  className="small text-body-secondary")]),
                html.Td(m.verantwoordelijke),
                html.Td(status),
                html.Td([html.Progress(value=str(m.voortgang), max="100", className="rapport-voortgang",
                                       **{"aria-label": f"Voortgang {m.naam}"}), f" {m.voortgang}%"],
                        className="rapport-voortgangcel"),
                html.Td([formatteer_datum(m.start), html.Br(), "t/m ", formatteer_datum(m.eind)]
                        if m.start or m.eind else "–", className="rapport-periode"),
            ],
            **({"data-achter-schema": "ja"} if m.achter_schema else {}),
        ))
    kop = html.Thead(html.Tr([html.Th(k, scope="col") for k in
                              ("Maatregel", "Verantwoordelijke", "Status", "Voortgang", "Periode")]))
    return html.Div(html.Table([kop, html.Tbody(rijen)], className="table table-sm table-striped rapport-maatregelen",
                               id=id_), className="table-responsive rapport-tabel")


def _maatregelen_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    if not r.plan:
        return [html.P("Er is geen wijkplan en dus geen maatregel.")]
    per_ambitie: dict[int, list] = defaultdict(list)
    for m in r.maatregelen:
        per_ambitie[m.ambitie_id].append(m)
    inhoud: list[Any] = [html.P(
        f"{meervoud(len(r.maatregelen), 'maatregel', 'maatregelen')} in het plan, waarvan "
        f"{r.maatregelen_achter_schema} achter schema: de voortgang blijft achter bij de verstreken tijd tussen "
        f"start en eind, of de einddatum is verstreken zonder dat de maatregel is afgerond.",
    )]
    for a in r.ambities:
        lijst = per_ambitie.get(a.id)
        if lijst:
            inhoud += [html.H3(f"Ambitie {a.nummer}. {a.korte_naam} ({len(lijst)})", className="h5 mt-3"),
                       _maatregelentabel(lijst, f"rapport-maatregelen-{a.nummer}")]
    return inhoud


def _budgetfiguur(r: Wijkrapport, n: _Nummering) -> html.Figure | None:
    jaren = [j for j in r.budget_per_jaar if j.oormerk or j.uitgaven]
    if not jaren:
        return None
    x = [str(j.jaar) for j in jaren]
    fig = go.Figure({
        "data": [
            {"type": "bar", "x": x, "y": [j.oormerk for j in jaren], "name": "Oormerk (toegerekend)",
             "marker": {"color": "#9ec3e6", "line": {"color": OKABE_ITO[0], "width": 1}}},
            {"type": "bar", "x": x, "y": [j.uitgaven for j in jaren], "name": "Uitgaven",
             "marker": {"color": OKABE_ITO[0]}},
        ],
        "layout": {"height": 260, "barmode": "group", "margin": {"l": 75, "r": 10, "t": 10, "b": 30},
                   "legend": {"orientation": "h", "y": -0.15, "x": 0, "font": {"size": 12}},
                   "yaxis": {"title": {"text": "euro", "font": {"size": 12}}, "tickformat": ",.0f",
                             "tickprefix": "€ "}},
    })
    cijfers = "; ".join(f"{j.jaar}: {formatteer_bedrag(j.uitgaven)} van {formatteer_bedrag(j.oormerk)} "
                        f"({formatteer_procent(j.budgetbenutting)})" for j in jaren) + "."
    return _figuur(n, f"Oormerk en uitgaven {r.wijk.naam} per jaar", fig, cijfers,
                   bestandsnaam("oormerk en uitgaven per jaar", wijk=r.wijk.naam), id_="rapport-budgetfiguur")


def _budget_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    b = r.budget
    vlag = budget_vlag(b.oormerk, b.uitgaven, b.budgetbenutting, r.peildatum)
    inhoud: list[Any] = [html.P([
        f"In {r.jaar} is {formatteer_bedrag(b.uitgaven)} uitgegeven van {formatteer_bedrag(b.oormerk)} dat aan dit jaar "
        f"is toegerekend: een benutting van {formatteer_procent(b.budgetbenutting)}. ",
        html.Span([html.Span("✖ " if vlag == "overbesteed" else "▲ ", **{"aria-hidden": "true"}),
                   VLAG_LABELS[vlag] + "."], className="status-label " + (
            "status-ver-achter" if vlag == "overbesteed" else "status-achter")) if vlag else None,
    ], id="rapport-budget-samenvatting")]
    if b.oormerken:
        inhoud.append(_tabel(
            n, f"Oormerken van {r.wijk.naam} die in {r.jaar} lopen",
            ["Oormerk", "Periode", "Bron", "Bedrag", "Budgethouder"],
            [[o.naam, periode_tekst(o.jaar_van, o.jaar_tot), BRON_LABELS.get(o.bron, o.bron),
              formatteer_bedrag(o.bedrag), o.budgethouder] for o in b.oormerken],
            id_="rapport-oormerken", rechts=(3,),
        ))
    else:
        inhoud.append(html.P(f"Er is voor {r.jaar} geen oormerk voor {r.wijk.naam}.", id="rapport-oormerken"))
    posten = [(om, p) for om in r.budgetposten for p in om.posten]
    if posten:
        rijen = [[om.naam, p.naam, formatteer_bedrag(p.bedrag), formatteer_bedrag(p.uitgegeven_in_jaar),
                  formatteer_bedrag(p.uitgegeven_tm_jaar), formatteer_bedrag(p.rest)] for om, p in posten]
        rijen.append(["Totaal", "", *(formatteer_bedrag(sum(getattr(p, veld) for _om, p in posten))
                                      for veld in ("bedrag", "uitgegeven_in_jaar", "uitgegeven_tm_jaar", "rest"))])
        inhoud.append(_tabel(
            n, f"Budgetposten: bedrag, uitgegeven in {r.jaar}, uitgegeven tot en met {r.jaar} en rest",
            ["Oormerk", "Budgetpost", "Bedrag", f"Uitgegeven {r.jaar}", f"T/m {r.jaar}", "Rest"], rijen,
            id_="rapport-budgetposten", rechts=(2, 3, 4, 5), klasse="rapport-met-totaal",
        ))
    figuur = _budgetfiguur(r, n)
    if figuur is not None:
        inhoud.append(figuur)
    return inhoud


def _meldingen_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    m, a, o, g = r.meldingen, r.afhandeling, r.open_meldingen, r.regiegroep_melding
    paren = [
        (f"Ontvangen in {r.jaar}", formatteer_getal(m.ontvangen),
         f"Tot en met de peildatum; {formatteer_getal(m.ontvangen_per_1000, 1)} per 1.000 inwoners"
         + (f" ({formatteer_getal(m.inwoners)} inwoners)." if m.inwoners else ".")),
        ("Open op de peildatum", formatteer_getal(o.open), f"Waarvan {o.over_norm} over de afhandelnorm."),
        (f"Afgehandeld in {r.jaar}", formatteer_getal(a.afgehandeld),
         "Mediane afhandeltijd " + (f"{formatteer_getal(a.mediaan_werkdagen, 1)} werkdagen"
                                    if a.mediaan_werkdagen is not None else "–")
         + (f"; {formatteer_procent(a.aandeel_binnen_norm)} binnen de norm." if a.aandeel_binnen_norm is not None
            else ".")),
        ("Gemeld aan de regiegroep", formatteer_procent(g.aandeel_gemeld) if g else "–",
         (f"{g.niet_gemeld} van {g.te_melden} meldingen uit {r.jaar} niet binnen de meldtermijn gemeld."
          if g else "Nog geen melding die al gemeld had moeten zijn.")),
    ]
    inhoud: list[Any] = [
        _gegevens(paren, "rapport-meldingen-kerncijfers"),
        _tabel(n, f"Afhandeling per categorie in {r.jaar} (tot en met de peildatum)",
               ["Categorie", "Norm (werkdagen)", "Afgehandeld", "Mediaan (werkdagen)", "Binnen de norm"],
               [[c.label, c.norm_werkdagen, formatteer_getal(c.afgehandeld), formatteer_getal(c.mediaan_werkdagen, 1),
                 formatteer_procent(c.aandeel_binnen_norm)] for c in a.per_categorie],
               id_="rapport-afhandeling", rechts=(1, 2, 3, 4)),
    ]
    if o.rijen:
        inhoud.append(_tabel(
            n, f"Oudste open meldingen over de norm ({len(o.rijen)} van {o.over_norm})",
            ["Kenmerk", "Categorie", "Ontvangen", "Werkdagen open", "Norm", "Verantwoordelijke", "Status"],
            [[x.kenmerk, x.categorie.capitalize(), formatteer_datum(x.ontvangen), x.werkdagen_open, x.norm_werkdagen,
              x.verantwoordelijke, MELDING_STATUS_LABELS.get(x.status, x.status)] for x in o.rijen],
            id_="rapport-open-meldingen", rechts=(3, 4),
        ))
    else:
        inhoud.append(html.P("Er staat geen melding open die over de afhandelnorm is.", id="rapport-open-meldingen"))
    return inhoud


def _evaluatie_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    inhoud: list[Any] = []
    if r.evaluatie is None:
        inhoud.append(html.P(
            [html.Span("✖ ", **{"aria-hidden": "true"}),
             f"Er is nog geen ingediende of vastgestelde evaluatie van {r.wijk.naam}. De notitie vraagt een jaarlijkse "
             "evaluatie door de regiegroep (bijlage 9); de Rekenkamercommissie vond er destijds geen enkele."],
            className="status-ver-achter fw-semibold", id="rapport-geen-evaluatie",
        ))
    else:
        ev = r.evaluatie
        inhoud += [
            html.P(f"De nieuwste evaluatie die bij de raad is ingediend of door de raad is vastgesteld: het jaar {ev.jaar} "
                   "(formulier van bijlage 9)."),
            html.Div(maak_evaluatie(ev, True), className="rapport-evaluatie rapport-tabel", id="rapport-evaluatie"),
        ]
    if r.nieuwer_concept is not None:
        inhoud.append(html.P(
            f"Er is ook een concept-evaluatie over {r.nieuwer_concept.jaar}; die is nog niet ingediend en staat niet in "
            "dit rapport.", className="small mt-2", id="rapport-concept-evaluatie"))
    return inhoud


def _toezeggingen_wijk(r: Wijkrapport, n: _Nummering) -> list[Any]:
    if not r.toezeggingen:
        return [html.P(f"Er staan geen toezeggingen over {r.wijk.naam} open.", id="rapport-toezeggingen")]
    rijen = [
        html.Tr([
            html.Td(t.nummer), html.Td(formatteer_datum(t.datum)), html.Td(t.portefeuillehouder), html.Td(t.onderwerp),
            html.Td(formatteer_datum(t.termijn), className="text-nowrap"),
            html.Td(html.Span([html.Span("✖", **{"aria-hidden": "true"}), " Te laat"],
                              className="status-label status-ver-achter") if t.te_laat else "Open, op termijn"),
        ], **({"data-te-laat": "ja"} if t.te_laat else {}))
        for t in r.toezeggingen
    ]
    nummer = n.volgende_tabel()
    kop = html.Thead(html.Tr([html.Th(k, scope="col") for k in
                              ("Nummer", "Datum", "Portefeuillehouder", "Onderwerp", "Termijn", "Stand")]))
    tabel = html.Table(
        [html.Caption(f"Tabel {nummer}. Open toezeggingen over {r.wijk.naam} (te laat eerst)",
                      className="rapport-bijschrift"), kop, html.Tbody(rijen)],
        className="table table-sm table-striped", id="rapport-toezeggingen",
    )
    t = r.toezeggingen_samenvatting
    return [html.P(f"{meervoud(t.open, 'toezegging staat', 'toezeggingen staan')} open, waarvan {t.te_laat} over de "
                   "termijn. De griffie houdt de toezeggingenlijst bij."),
            html.Div(tabel, className="table-responsive rapport-tabel")]


def _bijlage_wijk(r: Wijkrapport, n: _Nummering, figuren: list[tuple[int, DoelstellingTrend]]) -> list[Any]:
    inhoud: list[Any] = [html.P("De metingen achter de trendfiguren, met de waarde op de streeflijn op dezelfde datum.",
                                className="small")]
    for nummer, trend in figuren:
        inhoud += [
            html.H3(f"Bij figuur {nummer}: {trend.indicator_naam}", className="h6 mt-3"),
            html.Div(maak_trendtabel(trend, id_=f"rapport-metingen-{trend.id}",
                                     vanaf_jaar=trend.nulmeting_jaar - VOORLOOP_JAREN),
                     className="table-responsive rapport-tabel rapport-bijlagetabel"),
        ]
    return inhoud


def bouw_wijkrapport(r: Wijkrapport, demo: bool = False) -> html.Article:
    """Het rapport van één wijk (zonder knoppen)."""
    n = _Nummering()
    w = r.wijk
    titel = f"Voortgangsrapportage {w.naam}"
    ondertitel = [html.P(f"Stadsdeel {w.stadsdeel} · werkwijze: {w.werkwijze} ({w.werkwijze_code}) · "
                         f"stadsdeelcoördinator {w.stadsdeelcoordinator} · wethouder {w.stadsdeelwethouder}",
                         className="rapport-ondertitel", id="rapport-wijk")]
    samenvatting = _samenvatting_wijk(r, n)
    plan = _plan_wijk(r, n)
    doelen = _doelstellingen_wijk(r, n)
    # De figuren van de doelstellingen zijn de eerste n.figuur figuren, in de volgorde van r.doelstellingen
    # (per ambitie); de bijlage volgt dezelfde volgorde.
    volgorde = [t for a in r.ambities for t in r.doelstellingen if t.ambitie_id == a.id]
    figuren = list(enumerate(volgorde, start=1))
    secties = [
        ("Samenvatting", "rapport-samenvatting", samenvatting),
        ("Plan en levensloop", "rapport-plan", plan),
        ("Doelstellingen", "rapport-doelstellingen", doelen),
        ("Maatregelen", "rapport-maatregelen", _maatregelen_wijk(r, n)),
        ("Budget", "rapport-budget", _budget_wijk(r, n)),
        ("Meldingen", "rapport-meldingen", _meldingen_wijk(r, n)),
        ("Laatste evaluatie", "rapport-evaluatie-sectie", _evaluatie_wijk(r, n)),
        ("Open toezeggingen", "rapport-toezeggingen-sectie", _toezeggingen_wijk(r, n)),
    ]
    if figuren:
        secties.append(("Bijlage: metingen bij de figuren", "rapport-bijlage", _bijlage_wijk(r, n, figuren)))
    return _rapport(
        [_kop(titel, ondertitel, r.gemaakt_op, r.peildatum, demo)]
        + [_sectie(i, t, id_, *inhoud) for i, (t, id_, inhoud) in enumerate(secties, start=1)],
        voettekst(r), "wijk", w.slug,
    )


# --------------------------------------------------------------------------- stadsrapport


def _samenvatting_stad(r: Stadsrapport, n: _Nummering) -> list[Any]:
    k = r.kpis
    hoog = sum(1 for s in r.signalen if s.ernst == HOOG)
    paren = [
        ("Wijken met een lopend, vastgesteld plan", f"{k.wijken_vastgesteld} van {k.wijken_totaal}",
         "Vastgesteld door de raad (of geëvalueerd) en lopend in het jaar van de peildatum."),
        ("Gemiddelde ambitiescore", formatteer_getal(k.gemiddelde_ambitiescore, 1),
         "Rapportcijfer 1–10 over alle wijken en ambities."),
        (f"Budgetbenutting {k.jaar}", formatteer_procent(k.budgetbenutting),
         f"{formatteer_bedrag(k.uitgaven)} uitgegeven van {formatteer_bedrag(k.oormerk)} geoormerkt."),
        ("Maatregelen achter schema", str(k.maatregelen_achter_schema),
         f"Van {k.maatregelen_lopend} lopende maatregelen."),
        ("Open meldingen", str(k.meldingen_open),
         "Mediane afhandeltijd " + (f"{formatteer_getal(k.afhandeltijd_mediaan, 1)} werkdagen" if
                                    k.afhandeltijd_mediaan is not None else "–")
         + (f"; {formatteer_procent(k.meldingen_binnen_norm)} binnen de norm." if k.meldingen_binnen_norm is not None
            else ".")),
        ("Open toezeggingen", str(k.toezeggingen_open), f"Waarvan {k.toezeggingen_te_laat} over de termijn."),
        ("Signalen", f"{len(r.signalen)}, waarvan {hoog} met ernst hoog", "Zie hoofdstuk 4."),
    ]
    return [_gegevens(paren, "rapport-kerncijfers")]


def _evaluatie_tekst(ev: tuple[int, str] | None) -> str:
    if ev is None:
        return "Geen"
    return f"{ev[0]} ({EVALUATIE_STATUS_LABELS.get(ev[1], ev[1]).lower()})"


def _wijken_stad(r: Stadsrapport, n: _Nummering, peil: str) -> list[Any]:
    rijen = []
    for w in r.wijken:
        d = w.doelstellingen
        rijen.append(html.Tr([
            html.Th(html.A(w.naam, href=f"/rapport/{w.slug}{peil}"), scope="row"),
            html.Td(w.werkwijze),
            html.Td(f"{w.plan.periode_van}–{w.plan.periode_tot}, {_PLANSTATUS_KORT.get(w.plan.status, w.plan.status)}"
                    if w.plan else "Geen"),
            html.Td(f"{d.op_koers} van {d.totaal}" if d.totaal else "–", className="text-end"),
            html.Td(str(d.ver_achter) if d.totaal else "–", className="text-end"),
            html.Td(formatteer_procent(w.budgetbenutting), className="text-end"),
            html.Td(formatteer_getal(w.meldingen_per_1000, 1), className="text-end"),
            html.Td(f"{w.toezeggingen.open} ({w.toezeggingen.te_laat})", className="text-end"),
            html.Td(_evaluatie_tekst(w.laatste_evaluatie)),
            html.Td(f"{w.signalen_hoog} / {w.signalen_middel}", className="text-end"),
        ], **{"data-wijk": w.slug}))
    nummer = n.volgende_tabel()
    kop = html.Thead(html.Tr([html.Th(k, scope="col") for k in (
        "Wijk", "Werk\u00adwijze", "Plan", "Doelen op koers", "Ver achter", "Budget benut", "Meldingen per 1.000",
        "Toezeggingen open (te laat)", "Laatste evaluatie", "Signalen hoog / aandacht")]))
    tabel = html.Table(
        [html.Caption(f"Tabel {nummer}. De wijken op {formatteer_datum(r.peildatum)}", className="rapport-bijschrift"),
         kop, html.Tbody(rijen)],
        className="table table-sm table-striped rapport-wijkentabel", id="rapport-wijken",
    )
    return [
        html.P("Per wijk het plan, de doelstellingen van lopende, vastgestelde plannen, het budget en de meldingen "
               f"van {r.jaar} tot en met de peildatum, de toezeggingen, de laatste ingediende of vastgestelde evaluatie "
               "en het aantal signalen. Werkwijze: WOP = wijkontwikkelingsplan, AWA = Almelose wijkaanpak, "
               "SHR = sociale herovering. De wijknaam leidt naar het rapport van die wijk."),
        html.Div(tabel, className="table-responsive rapport-tabel"),
        _doelen_figuur(r, n, nummer),
        _budget_figuur_stad(r, n, nummer),
    ]


def _doelen_figuur(r: Stadsrapport, n: _Nummering, tabelnummer: int) -> html.Figure:
    wijken = [w for w in reversed(r.wijken)]
    namen = [w.naam for w in wijken]
    data = [
        {"type": "bar", "orientation": "h", "y": namen, "x": [w.doelstellingen.aantal(s) for w in wijken],
         "name": STATUS_STIJL[s].icoon + " " + STATUS_STIJL[s].label, "marker": {"color": STATUS_STIJL[s].kleur},
         "text": [w.doelstellingen.aantal(s) or "" for w in wijken], "textposition": "inside", "textangle": 0,
         "insidetextanchor": "middle", "constraintext": "none",
         "textfont": {"color": "#ffffff" if s != "achter" else "#1b1b1b", "size": 10}}
        for s in OP_KOERS_WAARDEN
    ]
    fig = go.Figure({"data": data, "layout": {
        "height": 380, "barmode": "stack", "margin": {"l": 10, "r": 10, "t": 10, "b": 80},
        "legend": {"orientation": "h", "y": -0.2, "x": 0, "font": {"size": 12}, "traceorder": "normal"},
        "xaxis": {"title": {"text": "aantal doelstellingen", "font": {"size": 12}}, "dtick": 2},
        "yaxis": {"automargin": True, "tickfont": {"size": 12}},
    }})
    totaal = {s: sum(w.doelstellingen.aantal(s) for w in r.wijken) for s in OP_KOERS_WAARDEN}
    cijfers = (f"in de hele stad {totaal['op_koers']} op koers, {totaal['achter']} achter, {totaal['ver_achter']} ver "
               f"achter en {totaal['geen_data']} zonder gegevens; per wijk in tabel {tabelnummer}.")
    return _figuur(n, "Doelstellingen per wijk naar status", fig, cijfers, bestandsnaam("doelstellingen_per_wijk"),
                   id_="rapport-doelenfiguur")


def _budget_figuur_stad(r: Stadsrapport, n: _Nummering, tabelnummer: int) -> html.Figure:
    wijken = [w for w in reversed(r.wijken)]
    waarden = [None if w.budgetbenutting is None else round(w.budgetbenutting * 100, 1) for w in wijken]
    kleuren = [STATUS_STIJL["ver_achter"].kleur if (v or 0) > 100 else OKABE_ITO[0] for v in waarden]
    fig = go.Figure({"data": [{
        "type": "bar", "orientation": "h", "y": [w.naam for w in wijken], "x": waarden, "marker": {"color": kleuren},
        "text": [formatteer_procent(w.budgetbenutting) for w in wijken], "textposition": "outside",
        "cliponaxis": False, "showlegend": False, "textfont": {"size": 11},
    }], "layout": {
        "height": 340, "margin": {"l": 10, "r": 50, "t": 20, "b": 10},
        "yaxis": {"automargin": True, "tickfont": {"size": 12}},
        "xaxis": {"title": {"text": f"uitgaven als % van het oormerk {r.jaar}", "font": {"size": 12}},
                  "ticksuffix": "%", "rangemode": "tozero", "automargin": True},
        "shapes": [{"type": "line", "x0": 100, "x1": 100, "yref": "paper", "y0": 0, "y1": 1,
                    "line": {"color": "#1b1b1b", "dash": "dash", "width": 1.5}}],
        "annotations": [{"x": 100, "y": 1.0, "yref": "paper", "text": "100%", "showarrow": False,
                         "xanchor": "left", "yanchor": "bottom", "font": {"size": 11}}],
    }})
    over = [w.naam for w in r.wijken if w.budgetbenutting is not None and w.budgetbenutting > 1]
    cijfers = (f"boven 100% (overschreden, in vermiljoen): {', '.join(over) if over else 'geen'}; "
               f"de percentages staan bij de balken en in tabel {tabelnummer}.")
    return _figuur(n, f"Budgetbenutting per wijk in {r.jaar}", fig, cijfers, bestandsnaam("budgetbenutting_per_wijk"),
                   id_="rapport-budgetfiguur")


def _ambities_stad(r: Stadsrapport, n: _Nummering) -> list[Any]:
    return [
        html.P("De ambitiescore per wijk en ambitie op de peildatum: het rapportcijfer uit de nieuwste vastgestelde "
               "(anders ingediende) evaluatie, anders uit de nieuwste wijkanalyse. De onderste regel is het "
               "gemiddelde van de wijken."),
        html.Div(maak_heatmap(r.matrix, "rapport-heatmap"), className="rapport-tabel"),
    ]


def _signalen_stad(r: Stadsrapport, n: _Nummering) -> list[Any]:
    rang_rijen = []
    plaats = 0
    for g in r.ranglijst:
        if g.wijk_slug is None:
            continue
        plaats += 1
        rang_rijen.append([plaats, g.wijk_naam, g.hoog, g.middel])
    inhoud: list[Any] = [
        html.P("De signalen zijn waarschuwingen volgens vaste regels (bijvoorbeeld een doelstelling ver achter, een "
               "overschreden oormerk, een toezegging over de termijn of een ontbrekende evaluatie). De wijken staan "
               "gerangschikt: eerst de meeste signalen met ernst hoog, dan de meeste met ernst aandacht."),
        _tabel(n, "Wijken gerangschikt naar signalen", ["Plaats", "Wijk", "Hoog", "Aandacht"], rang_rijen,
               id_="rapport-ranglijst", rechts=(0, 2, 3)),
        _tabel(n, "Signalen per soort", ["Soort", "Ernst", "Aantal", "Wijken"],
               [[t.label, ERNST_WOORD.get(t.ernst, t.ernst), t.aantal, ", ".join(t.wijken) or "–"]
                for t in r.per_regel], id_="rapport-per-regel", rechts=(2,)),
        html.H3("Alle signalen", className="h5 mt-3"),
    ]
    for g in r.ranglijst:
        if not g.signalen:
            continue
        naam = g.wijk_naam or "Niet aan één wijk gebonden"
        inhoud.append(html.Div(
            [html.H4(f"{naam} ({g.hoog} hoog, {g.middel} aandacht)", className="h6 mt-2"),
             maak_signalenlijst(list(g.signalen), f"rapport-signalen-{g.wijk_slug or 'stad'}", maximum=100)],
            className="rapport-signaalgroep", **{"data-wijk": g.wijk_slug or ""},
        ))
    zonder = [g.wijk_naam for g in r.ranglijst if g.wijk_slug is not None and not g.signalen]
    if zonder:
        inhoud.append(html.P("Zonder signalen: " + ", ".join(zonder) + ".", className="small mt-2"))
    return inhoud


def bouw_stadsrapport(r: Stadsrapport, demo: bool = False, peil: str = "") -> html.Article:
    """Het rapport over de hele stad (zonder knoppen). ``peil``: de querystring voor de links naar de
    wijkrapporten (bijv. ``?peildatum=30-06-2026``)."""
    n = _Nummering()
    titel = "Voortgangsrapportage wijkaanpak Almelo"
    ondertitel = [html.P(f"Alle {len(r.wijken)} wijken: samenvatting per wijk, ambitiescores en signalen.",
                         className="rapport-ondertitel")]
    secties = [
        ("Samenvatting", "rapport-samenvatting", _samenvatting_stad(r, n)),
        ("De wijken", "rapport-wijken-sectie", _wijken_stad(r, n, peil)),
        ("Ambitiescores", "rapport-ambities", _ambities_stad(r, n)),
        ("Signalen, gerangschikt", "rapport-signalen-sectie", _signalen_stad(r, n)),
    ]
    return _rapport(
        [_kop(titel, ondertitel, r.gemaakt_op, r.peildatum, demo)]
        + [_sectie(i, t, id_, *inhoud) for i, (t, id_, inhoud) in enumerate(secties, start=1)],
        voettekst(r), "stad", STAD,
    )


# --------------------------------------------------------------------------- pagina


def _is_demo() -> bool:
    if not has_app_context():
        return False
    config = current_app.extensions.get("wijkaanpak_config")
    return bool(config and config.is_demo)


def niet_gevonden(slug: str | None, wijken: Sequence[tuple[str, str]]) -> html.Div:
    return html.Div(
        [
            html.H1("Rapport niet gevonden", id="rapport-titel"),
            html.P(f"Er is geen wijk met het adres \u201c{slug or ''}\u201d, dus ook geen rapport."),
            html.P([html.A("Naar het stadsrapport", href="/rapport/stad"), " · ",
                    html.A("Naar het overzicht", href="/")]),
            html.H2("Rapport van een wijk", className="h5 mt-3"),
            html.Ul([html.Li(html.A(naam, href=f"/rapport/{s}")) for s, naam in wijken], id="rapport-wijkkeuze"),
        ],
        id="rapport-niet-gevonden",
    )


def _balk(slug: str, keuze: Peildatumkeuze, peil_tekst: str, wijknaam: str | None,
          openbaar: html.Div | None = None) -> html.Div:
    """Links, peildatumkeuze en de afdrukknop; alleen op het scherm (niet afgedrukt)."""
    if slug == STAD:
        links: list[Any] = [html.A("← Overzicht", href="/")]
    else:
        links = [html.A(f"← Wijkpagina {wijknaam}", href=f"/wijk/{slug}"), " · ",
                 html.A("Stadsrapport", href="/rapport/stad" + (f"?peildatum={peil_tekst}" if peil_tekst else ""))]
    meldingen = []
    if keuze.fout:
        meldingen.append(html.Div(
            [html.Strong("Peildatum niet gebruikt. "), keuze.fout.removeprefix("Peildatum: ").capitalize()
             + _TERUG_NAAR_VANDAAG],
            className="alert alert-warning mt-2 mb-0", role="alert", id="rapport-peildatum-fout",
        ))
    formulier = html.Form(
        [
            html.Label(
                [html.Span("Peildatum", className="fw-semibold me-2"),
                 dbc.Input(id="rapport-peildatum", name="peildatum", type="text",
                           value=peil_tekst or formatteer_datum(keuze.peildatum), autoComplete="off",
                           inputMode="numeric", maxLength=10, style={"width": "8.5rem"},
                           className="d-inline-block")],
                className="d-inline-flex align-items-center mb-0",
            ),
            html.Button("Toon", type="submit", className="btn btn-outline-primary", id="rapport-toon"),
        ],
        action=f"/rapport/{slug}", method="get", id="rapport-peildatum-formulier",
        className="d-flex flex-wrap align-items-center gap-2",
    )
    return html.Div(
        [
            html.Div(
                [
                    html.P(links, className="small mb-0 me-auto"),
                    formulier,
                    html.Button("Afdrukken / opslaan als PDF", id="rapport-afdrukken", n_clicks=0, type="button",
                                className="btn btn-primary"),
                ],
                className="d-flex flex-wrap align-items-center gap-3",
            ),
            *([openbaar] if openbaar is not None else []),
            html.P("De cijfers gelden op de peildatum (dd-mm-jjjj; leeg is vandaag). Een PDF maakt u met de "
                   "afdrukknop: kies “Opslaan als PDF” (A4, met paginanummers).",
                   className="small text-body-secondary mb-0 mt-2", id="rapport-uitleg"),
            *meldingen,
        ],
        className="rapport-balk",
        role="region",
        **{"aria-label": "Peildatum en afdrukken"},
    )


def layout(slug: str | None = None, peildatum: str | None = None, **_query):
    vandaag = dt.date.today()
    keuze = kies_peildatum(peildatum, vandaag)
    peil_tekst = formatteer_datum(keuze.peildatum) if peildatum and not keuze.fout else ""
    peil = f"?peildatum={quote(peil_tekst)}" if peil_tekst else ""
    demo = _is_demo()
    slug = (slug or "").strip()
    with lees_sessie() as sessie:
        if slug == STAD:
            data: Wijkrapport | Stadsrapport | None = stadsrapport(sessie, keuze.peildatum, vandaag)
        else:
            data = wijkrapport(sessie, slug, keuze.peildatum, vandaag)
        openbaar = (openbare_link_voor(sessie, data.wijk.id, data.wijk.slug, id_="rapport-openbare-link")
                    if isinstance(data, Wijkrapport) else None)
        wijken = [(o.slug, o.naam) for o in wijk_opties(sessie)] if data is None else []
    if data is None:
        return niet_gevonden(slug, wijken)
    if isinstance(data, Stadsrapport):
        artikel = bouw_stadsrapport(data, demo, peil)
        naam = "stad"
        wijknaam = None
    else:
        artikel = bouw_wijkrapport(data, demo)
        naam = data.wijk.naam
        wijknaam = data.wijk.naam
    afdruk = {
        "paginaregels": paginaregels(data, demo),
        "titel": f"Voortgangsrapportage {naam} {formatteer_datum(keuze.peildatum)}",
    }
    return html.Div(
        [
            dcc.Store(id="rapport-afdruk-gegevens", data=afdruk),
            dcc.Store(id="rapport-voet-gezet"),
            dcc.Store(id="rapport-afgedrukt"),
            _balk(slug, keuze, peil_tekst, wijknaam, openbaar),
            artikel,
        ],
        className="rapport-pagina",
    )


# --------------------------------------------------------------------------- callbacks (in de browser)

# De voettekst (datum en peildatum) in de @page-regel van het rapport; zie assets/rapport.js.
dash.clientside_callback(
    ClientsideFunction(namespace="rapport", function_name="zetVoettekst"),
    Output("rapport-voet-gezet", "data"),
    Input("rapport-afdruk-gegevens", "data"),
)

# "Afdrukken / opslaan als PDF": window.print() in de browser (geen inline script, zie de CSP).
dash.clientside_callback(
    ClientsideFunction(namespace="rapport", function_name="afdrukken"),
    Output("rapport-afgedrukt", "data"),
    Input("rapport-afdrukken", "n_clicks"),
    State("rapport-afdruk-gegevens", "data"),
    prevent_initial_call=True,
)
