"""``/invoer/metingen``: een meting van een indicator in een wijk invoeren, of een bestaande corrigeren.

De coördinator kiest een van zijn wijken (de beheerder: elke wijk) en een indicator (gelabeld per
ambitie), ziet de laatste metingen, de doelstelling van het lopende wijkplan en of de metingen
achterstallig zijn, en legt een meting vast: peildatum, periode, waarde (decimale komma) en bron.
"Corrigeer" in de tabel zet het formulier op die meting (``?meting=<id>``): dan is het een correctie
met versiecontrole, en blijft de oude waarde in het dossier. Alles gaat via
``datalaag.metingen.bewaar_meting`` (dezelfde regels als de import).

URL: ``/invoer/metingen?wijk=<slug>&indicator=<id>[&meting=<id>]``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.metingen import (
    AANTAL_GETOOND,
    BRON_LENGTE,
    GEEN_DOELSTELLING,
    PERIODE_LABELS,
    VELDEN,
    IndicatorKeuze,
    MetingStand,
    Opgeslagen,
    achterstand_grens,
    bewaar_meting,
    formatteer_waarde,
    frequentie_tekst,
    indicatoren,
    laatste_peildatum,
    meting_stand,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
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
from pagina.componenten.trendgrafiek import maak_status_regel, streefwaarde_tekst

PREFIX = "metingen"

dash.register_page(
    __name__,
    path="/invoer/metingen",
    name="Metingen invoeren",
    title="Metingen invoeren · Wijkaanpak Almelo",
    description="Een meting van een indicator in een wijk invoeren of corrigeren.",
)


def _adres(wijk_slug: str, indicator_id: int, meting_id: int | None = None) -> str:
    query = {"wijk": wijk_slug, "indicator": str(indicator_id)}
    if meting_id is not None:
        query["meting"] = str(meting_id)
    return "/invoer/metingen?" + urlencode(query)


def _wijkpagina(stand: MetingStand) -> str:
    if stand.doelstelling is not None:
        return f"/wijk/{stand.wijk_slug}?" + urlencode({"doelstelling": stand.doelstelling.id})
    return f"/wijk/{stand.wijk_slug}"


def _waarde_invoer(waarde: float) -> str:
    """Een opgeslagen waarde zoals de gebruiker hem typt: ``6,5``, ``1234``."""
    return formatteer_getal(waarde, 4).rstrip("0").rstrip(",").replace(".", "")


def _waardekop(ind: IndicatorKeuze) -> str:
    if ind.is_telling:
        return "Waarde (aantal)"
    return "Waarde" if ind.eenheid == "%" else f"Waarde ({ind.eenheid})"


def _getal(waarde: float, ind: IndicatorKeuze) -> str:
    """Een waarde in een tabel waarvan de kop de eenheid noemt: ``6,5``, ``4,0%``, ``48,25%``; een telling als
    geheel getal. Minstens één decimaal, zoals op de wijkpagina; meer als de meting die heeft."""
    if ind.is_telling:
        return formatteer_getal(waarde, 0)
    tekst = formatteer_getal(waarde, 4).rstrip("0")
    tekst = tekst + "0" if tekst.endswith(",") else tekst
    return f"{tekst}%" if ind.eenheid == "%" else tekst


def _geen_rechten(actor) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u metingen lezen en exporteren, "
              "niet invoeren: dat doen de stadsdeelcoördinatoren voor hun eigen wijken en de beheerder. "
              "De metingen en hun trend staan op de pagina Indicatoren en op de wijkpagina's.")
    return geen_rechten("Metingen invoeren", "metingen-geen-rechten", uitleg,
                        dcc.Link("Naar de indicatoren", href="/indicatoren"))


# --------------------------------------------------------------------------- de stand (rechterkolom)


def _achterstand(stand: MetingStand) -> html.Span:
    freq = stand.indicator.meetfrequentie_maanden
    laatste = formatteer_datum(stand.laatste_peildatum) if stand.laatste_peildatum else None
    if stand.achterstallig is None:  # geen doelstelling in het lopende plan: geen oordeel (zoals de signalen)
        stand_tekst = f"Laatste meting {laatste}." if laatste else "Nog geen metingen in deze wijk."
        return html.Span(f"{stand_tekst} {GEEN_DOELSTELLING}", id="metingen-achterstand",
                         **{"data-achterstallig": "geen"})
    if stand.achterstallig:
        oud = f"de laatste meting ({laatste})" if laatste else "er is nog geen meting en de nulmeting"
        return html.Span(
            [html.Span([html.Span("✖", **{"aria-hidden": "true"}), " Achterstallig"],
                       className="status-label status-ver-achter"),
             f": {oud} is ouder dan {achterstand_grens(freq)}."],
            id="metingen-achterstand", **{"data-achterstallig": "ja"})
    tekst = (f": laatste meting {laatste}." if laatste else
             f": nog geen meting, maar de nulmeting is niet ouder dan {achterstand_grens(freq)}.")
    return html.Span(
        [html.Span([html.Span("✔", **{"aria-hidden": "true"}), " Op tijd"], className="status-label status-op-koers"),
         tekst],
        id="metingen-achterstand", **{"data-achterstallig": "nee"})


def _doelstelling(stand: MetingStand) -> html.Div:
    doel = stand.doelstelling
    if doel is None:
        return html.P(f"Het lopende wijkplan van {stand.wijk_naam} heeft geen doelstelling met deze indicator.",
                      id="metingen-doelstelling", className="small")
    ind = stand.indicator
    return html.Div(
        [
            html.P([html.Strong("Doelstelling in het lopende wijkplan: "), doel.tekst], className="mb-1"),
            html.P([f"Nulmeting {_getal(doel.nulmeting_waarde, ind)} ({doel.nulmeting_jaar}) · streefwaarde "
                    f"{streefwaarde_tekst(doel)}"], className="mb-1 small"),
            maak_status_regel(doel),
        ],
        id="metingen-doelstelling",
    )


def _tabel(stand: MetingStand, opgeslagen_id: int | None = None) -> html.Div:
    ind = stand.indicator
    if not stand.metingen:
        return html.P(f"Er zijn nog geen metingen van deze indicator in {stand.wijk_naam}.", id="metingen-tabel")
    correctie_id = stand.correctie.id if stand.correctie else None
    rijen = []
    for m in stand.metingen:
        datum = formatteer_datum(m.peildatum)
        actie: list = []
        if m.id == opgeslagen_id:
            actie.append(html.Strong([html.Span("✔", **{"aria-hidden": "true"}), " opgeslagen"], className="me-2"))
        if m.id == correctie_id:
            if m.id != opgeslagen_id:
                actie.append(html.Strong("wordt gecorrigeerd"))
        else:
            actie.append(dcc.Link(["Corrigeer", html.Span(f" de meting van {datum}", className="visually-hidden")],
                                  href=_adres(stand.wijk_slug, ind.id, m.id), className="metingen-corrigeer"))
        rijen.append(html.Tr(
            [html.Td(datum, className="text-nowrap"), html.Td(PERIODE_LABELS.get(m.periode, m.periode)),
             html.Td(_getal(m.waarde, ind), className="text-nowrap"),
             html.Td(m.bron), html.Td(m.gewijzigd_door or "–"), html.Td(actie, className="text-nowrap")],
            className="table-active" if m.id in (correctie_id, opgeslagen_id) else None,
            **{"data-peildatum": datum, "data-meting": str(m.id)},
        ))
    getoond = f"De laatste {min(len(stand.metingen), AANTAL_GETOOND)} van {stand.aantal_metingen} metingen"
    if len(stand.metingen) > AANTAL_GETOOND:
        getoond += " en de " + ("zojuist opgeslagen" if opgeslagen_id is not None else "gekozen") + " meting"
    return html.Div(
        dbc.Table(
            [
                html.Caption(f"{getoond}, nieuwste eerst", className="caption-top small"),
                html.Thead(html.Tr([html.Th(k, scope="col") for k in
                                    ("Peildatum", "Periode", _waardekop(ind), "Bron", "Gewijzigd door",
                                     "Actie")])),
                html.Tbody(rijen),
            ],
            size="sm", striped=True, className="small mb-1", id="metingen-tabel",
        ),
        className="table-responsive",
    )


def _stand(stand: MetingStand, opgeslagen_id: int | None = None) -> list:
    ind = stand.indicator
    return [
        html.H2(f"{ind.naam} in {stand.wijk_naam}", id="metingen-stand-titel", className="h4"),
        html.P(f"Ambitie {ind.ambitie_nummer} ({ind.ambitie_naam}) · eenheid: "
               f"{'aantal (telling; getoond per 1.000 inwoners)' if ind.is_telling else ind.eenheid} · bron: {ind.bron}",
               className="small text-body-secondary mb-2"),
        html.P([f"Verwachte meetfrequentie: {frequentie_tekst(ind.meetfrequentie_maanden)}. ", _achterstand(stand)],
               id="metingen-frequentie"),
        _doelstelling(stand),
        html.H3("Laatste metingen", className="h5 mt-3"),
        _tabel(stand, opgeslagen_id),
        html.P(dcc.Link(f"Alle metingen en de trend op de wijkpagina {stand.wijk_naam}", href=_wijkpagina(stand),
                        id="metingen-wijklink"), className="small mb-0"),
    ]


# --------------------------------------------------------------------------- het formulier (linkerkolom)


def _waarde_hulp(ind: IndicatorKeuze) -> str:
    if ind.is_telling:
        return "Een geheel aantal (telling), bijv. 42; het dashboard rekent het om naar per 1.000 inwoners."
    if ind.eenheid == "%":
        return "Een percentage van 0 tot en met 100, met decimale komma, bijv. 48,5."
    if ind.eenheid == "rapportcijfer":
        return "Een rapportcijfer van 1 tot en met 10, bijv. 7,2."
    return f"Een getal met decimale komma, bijv. 6,5 (eenheid: {ind.eenheid})."


def _formulier(stand: MetingStand, vandaag: dt.date) -> html.Section:
    ind = stand.indicator
    c = stand.correctie
    uiterlijk = formatteer_datum(laatste_peildatum(vandaag))
    if c is not None:
        titel = f"Correctie van de meting van {formatteer_datum(c.peildatum)}"
        uitleg = dbc.Alert(
            [html.Strong("U corrigeert een bestaande meting. "),
             f"Nu: {formatteer_waarde(c.waarde, ind.eenheid, ind.is_telling)} ({c.periode}, "
             f"bron {c.bron}{', door ' + c.gewijzigd_door if c.gewijzigd_door else ''}). De oude waarde blijft in het "
             "dossier. ",
             dcc.Link("Toch een nieuwe meting invoeren", href=_adres(stand.wijk_slug, ind.id),
                      id="metingen-nieuw-link")],
            color="warning", className="py-2 small", id="metingen-correctie")
        peildatum_hulp = "Bij een correctie blijft de peildatum gelijk."
    else:
        titel = "Nieuwe meting"
        uitleg = html.P("Bestaat er al een meting op deze peildatum, kies dan \u201ccorrigeer\u201d in de tabel.",
                        className="small text-body-secondary")
        peildatum_hulp = (f"dd-mm-jjjj: 31-03, 30-06, 30-09 of 31-12 voor een kwartaal, 31-12 voor een jaar; "
                          f"uiterlijk {uiterlijk}.")
    return html.Section(
        [
            html.H2(titel, id="metingen-formulier-titel", className="h4"),
            uitleg,
            maak_veld(PREFIX, "peildatum", VELDEN["peildatum"], formatteer_datum(c.peildatum) if c else "",
                      max_lengte=10, alleen_lezen=c is not None, hulptekst=peildatum_hulp),
            maak_keuzeveld(PREFIX, "periode", VELDEN["periode"], PERIODE_LABELS,
                           c.periode if c else ind.standaard_periode),
            maak_veld(PREFIX, "waarde", VELDEN["waarde"], _waarde_invoer(c.waarde) if c else "", invoermodus="decimal",
                      max_lengte=30, hulptekst=_waarde_hulp(ind)),
            maak_veld(PREFIX, "bron", VELDEN["bron"], c.bron if c else "", max_lengte=BRON_LENGTE,
                      hulptekst=f"Leeg laten: {ind.bron}."),
            dbc.Button("Correctie opslaan" if c else "Meting opslaan", id="metingen-opslaan", color="primary",
                       n_clicks=0),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "metingen-formulier-titel"},
    )


def layout(wijk: str | None = None, indicator: str | None = None, meting: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, "meting_schrijven")
        if not wijken:
            return _geen_rechten(actor)
        lijst = indicatoren(sessie)
        if not lijst:
            return html.Div([html.H1("Metingen invoeren"),
                             dbc.Alert("Er zijn nog geen indicatoren; de beheerder legt ze vast.", color="info",
                                       id="metingen-geen-indicatoren")])
        gekozen_wijk = next((w for w in wijken if w.slug == wijk), wijken[0])
        gevraagd = geheel(indicator)
        gekozen_ind = next((i for i in lijst if i.id == gevraagd), lijst[0])
        meting_id = id_uit(meting)
        stand = meting_stand(sessie, gekozen_wijk.id, gekozen_ind.id, vandaag, correctie_id=meting_id)
    assert stand is not None
    meldingen = []
    if wijk and gekozen_wijk.slug != wijk:
        meldingen.append(dbc.Alert(f"Voor wijk \u201c{wijk}\u201d kunt u geen metingen invoeren; u ziet "
                                   f"{gekozen_wijk.naam}.", color="warning", id="metingen-wijk-niet-gevonden"))
    if indicator and gekozen_ind.id != gevraagd:
        meldingen.append(dbc.Alert(f"Indicator \u201c{indicator}\u201d bestaat niet; u ziet {gekozen_ind.naam}.",
                                   color="warning", id="metingen-indicator-niet-gevonden"))
    if meting and stand.correctie is None:
        meldingen.append(dbc.Alert(f"Meting \u201c{meting}\u201d hoort niet bij {gekozen_ind.naam} in "
                                   f"{gekozen_wijk.naam}; u voert een nieuwe meting in.", color="warning",
                                   id="metingen-meting-niet-gevonden"))
    basis = {"wijk_id": stand.wijk_id, "wijk_slug": stand.wijk_slug, "indicator_id": gekozen_ind.id,
             "meting_id": stand.correctie.id if stand.correctie else None,
             "versie": stand.correctie.versie if stand.correctie else None}
    return html.Div(
        [
            dcc.Location(id="metingen-url", refresh="callback-nav"),
            dcc.Store(id="metingen-basis", data=basis),
            html.H1("Metingen invoeren"),
            html.P("Leg een nieuwe meting vast of corrigeer een bestaande. Een meting geldt op een peildatum aan het "
                   "einde van een jaar of kwartaal; dezelfde regels gelden bij het importeren. Elke opslag komt met de "
                   "oude en nieuwe waarde in het dossier.", className="text-body-secondary"),
            dbc.Row(
                [
                    maak_keuze("metingen-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                               gekozen_wijk.slug, xs=12, md=4, lg=3),
                    maak_keuze("metingen-indicator", "Indicator (per ambitie)",
                               [{"label": i.label, "value": str(i.id)} for i in lijst], str(gekozen_ind.id),
                               xs=12, md=8, lg=9),
                ],
                className="mb-3 g-3",
            ),
            *meldingen,
            html.Div(id="metingen-melding", **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col(_formulier(stand, vandaag), lg=5, xl=4),
                    dbc.Col(html.Section(_stand(stand), id="metingen-stand", className="paneel mb-3",
                                         **{"aria-labelledby": "metingen-stand-titel"}), lg=7, xl=8),
                ]
            ),
        ]
    )


@dash.callback(
    Output("metingen-url", "search"),
    Input("metingen-wijk", "value"),
    Input("metingen-indicator", "value"),
    State("metingen-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, indicator: str | None, basis):
    """Een andere wijk of indicator gekozen: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if not wijk or not indicator or (wijk == basis.get("wijk_slug") and indicator == str(basis.get("indicator_id"))):
        return dash.no_update
    return "?" + urlencode({"wijk": wijk, "indicator": indicator})


def _bevestiging(stand: MetingStand | None, uitkomst: Opgeslagen) -> dbc.Alert:
    nu = dt.datetime.now()
    datum = formatteer_datum(uitkomst.peildatum)
    if stand is None:
        return melding("success", f"Opgeslagen om {nu:%H:%M}: de meting van {datum}.", id_="metingen-bevestiging")
    ind = stand.indicator
    waarde = formatteer_waarde(uitkomst.waarde, ind.eenheid, ind.is_telling)
    if uitkomst.correctie:
        was = (f" (was {formatteer_waarde(uitkomst.vorige_waarde, ind.eenheid, ind.is_telling)})"
               if uitkomst.vorige_waarde is not None else "")
        tekst = f"Correctie opgeslagen om {nu:%H:%M}: {ind.naam} op {datum} is nu {waarde}{was}."
    else:
        tekst = f"Opgeslagen om {nu:%H:%M}: {ind.naam} op {datum}: {waarde}."
    blok = melding("success", tekst, id_="metingen-bevestiging")
    blok.children.append(html.P(dcc.Link(f"Bekijk de trend op de wijkpagina {stand.wijk_naam}",
                                         href=_wijkpagina(stand), id="metingen-link-wijk"), className="mb-0 mt-2"))
    return blok


@dash.callback(
    Output("metingen-melding", "children"),
    Output("metingen-basis", "data"),
    *velden_uitvoer(PREFIX),
    Output("metingen-stand", "children"),
    Input("metingen-opslaan", "n_clicks"),
    *velden_invoer(PREFIX),
    State("metingen-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_klik, waarden, ids, basis):
    """Een meting vastleggen of corrigeren: alles via ``datalaag.metingen.bewaar_meting``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    vandaag = dt.date.today()
    uit = voer_uit(lambda sessie: bewaar_meting(
        sessie, huidige_actor(), wijk_id=basis.get("wijk_id"), indicator_id=basis.get("indicator_id"),
        peildatum=ingevuld.get("peildatum"), periode=ingevuld.get("periode"), waarde=ingevuld.get("waarde"),
        bron=ingevuld.get("bron"), meting_id=basis.get("meting_id"), verwachte_versie=basis.get("versie"),
        vandaag=vandaag,
    ), ids, conflict=lambda fout: conflict_melding(
        fout, "metingen-conflict", _adres(str(basis.get("wijk_slug") or ""), id_uit(basis.get("indicator_id")) or 0,
                                          id_uit(basis.get("meting_id")))))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, dash.no_update
    uitkomst = uit.resultaat
    # Na opslaan alleen wat de service teruggeeft (wijk en indicator van de meting), niet wat de Store meestuurde.
    with lees_sessie() as sessie:
        stand = meting_stand(sessie, uitkomst.wijk_id, uitkomst.indicator_id, vandaag,
                             correctie_id=uitkomst.meting_id if uitkomst.correctie else None,
                             toon_id=uitkomst.meting_id)
    nieuwe_basis = {**basis, "wijk_id": uitkomst.wijk_id, "indicator_id": uitkomst.indicator_id,
                    "meting_id": uitkomst.meting_id if uitkomst.correctie else None,
                    "versie": uitkomst.versie if uitkomst.correctie else None}
    if stand is not None:
        nieuwe_basis["wijk_slug"] = stand.wijk_slug
    return (_bevestiging(stand, uitkomst), nieuwe_basis, *uit.velden,
            dash.no_update if stand is None else _stand(stand, uitkomst.meting_id))
