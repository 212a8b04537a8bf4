"""``/invoer/regiegroep``: de regiegroep van een wijk bijwerken (leden, rollen, termijnen en rotatie).

De coördinator kiest een wijk (alleen de eigen wijken; de beheerder alle) en ziet de huidige leden, bewoners
en organisaties apart, met rol en zittingstermijn, de oud-leden, en wat de notitie van de samenstelling vraagt
(aandachtspunten). Acties: een lid toevoegen; bij een lid ("Wijzig" in de tabel) organisatie, rol en termijn
wijzigen of het vertrek vastleggen (rotatie). Heeft de wijk nog geen regiegroep, dan kan die eerst worden
ingesteld.

Alles gaat via ``datalaag.regiegroepen``: die controleert de invoer en de regels (precies één voorzitter
tegelijk, termijnen), de rechten (ook als iemand de callback rechtstreeks aanroept) en de versie, en schrijft
het dossier. URL: ``/invoer/regiegroep?wijk=de-riet`` en ``&lid=12`` om een lid te wijzigen.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.opmaak import formatteer_datum, meervoud
from datalaag.regiegroepen import (
    GROEPVELDEN,
    NAAM_LENGTE,
    ORGANISATIETYPE_LABELS,
    RECHT,
    ROL_LABELS,
    VELDEN,
    Conflictfout,
    LidOpgeslagen,
    LidStand,
    RegiegroepStand,
    leg_vertrek_vast,
    regiegroep_stand,
    stel_regiegroep_in,
    voeg_lid_toe,
    wijzig_lid,
)
from datalaag.wijkpagina import BINNENKORT, ROTATIE_BINNENKORT_MAANDEN, VERLOPEN
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

GROEP = "regiegroep-groep"      # de velden om een regiegroep in te stellen
LID = "regiegroep-lid"          # een lid toevoegen
WIJZIG = "regiegroep-wijzig"    # een lid wijzigen
VERTREK = "regiegroep-vertrek"  # het vertrek van een lid vastleggen
#: De velden van een lid die de services ``voeg_lid_toe`` en ``wijzig_lid`` allebei krijgen.
_LIDVELDEN = ("organisatietype", "organisatie", "rol", "termijn_van", "termijn_tot")
#: Velden die na het toevoegen leeg worden (type, rol en termijn blijven staan voor het volgende lid).
LEEG_NA_TOEVOEGEN = ("naam", "organisatie")

dash.register_page(
    __name__,
    path="/invoer/regiegroep",
    name="Regiegroep bijwerken",
    title="Regiegroep bijwerken · Wijkaanpak Almelo",
    description="De leden van de regiegroep van een wijk: organisatie, rol, zittingstermijn en vertrek (rotatie).",
)


def _url(slug: str, lid: int | None = None, **extra: str) -> str:
    delen = {"wijk": slug, "lid": lid, **extra}
    return "/invoer/regiegroep?" + urlencode({k: v for k, v in delen.items() if v not in (None, "")})


def _geen_rechten(actor, wijk: str | None) -> html.Div:
    if actor is not None and actor.rol == "coordinator":
        uitleg = ("Er zijn (nog) geen wijken aan u toegewezen. Vraag de beheerder om u de wijken toe te wijzen "
                  "waarvan u de regiegroep bijhoudt.")
    else:
        uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de regiegroepen lezen, niet "
                  "bijwerken: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. De regiegroep van een wijk "
                  "staat op de wijkpagina, onder \u201cRegiegroep\u201d: wie er zitting heeft, namens welke "
                  "organisatie, met welke rol, en wanneer hun zittingstermijn afloopt.")
    return geen_rechten("Regiegroep bijwerken", "regiegroep-geen-rechten", uitleg,
                        leeslink("regiegroep", wijk))




# --------------------------------------------------------------------------- onderdelen: de stand
def _label(icoon: str, woord: str, klasse: str) -> html.Span:
    """Pictogram + woord + kleur (nooit kleur alleen)."""
    return html.Span([html.Span(icoon, **{"aria-hidden": "true"}), f" {woord}"], className=f"status-label {klasse}")


def _termijn(lid: LidStand) -> list:
    """Begin en einde onder elkaar (smalle kolom), met het signaal als woord en pictogram."""
    delen: list = [f"{formatteer_datum(lid.termijn_van)} –", html.Br(),
                   formatteer_datum(lid.termijn_tot) if lid.termijn_tot else "(geen einde)"]
    if lid.termijn_signaal == VERLOPEN:
        delen += [html.Br(), _label("✖", "Termijn verlopen", "status-ver-achter")]
    elif lid.termijn_signaal == BINNENKORT:
        delen += [html.Br(), _label("▲", f"Rotatie binnen {ROTATIE_BINNENKORT_MAANDEN} mnd", "status-achter")]
    return delen


def _wijzig_link(slug: str, lid: LidStand) -> dcc.Link:
    return dcc.Link(["Wijzig", html.Span(f" of leg vertrek vast: {lid.naam}", className="visually-hidden")],
                    href=_url(slug, lid.id))


#: In de smalle tabel mag het lange woord afbreken (zacht afbreekstreepje).
_ROL_KORT = {"meldingenverantwoordelijke": "Meldingen\u00adverantwoordelijke",
             "stadsdeelcoordinator": "Stadsdeel\u00adcoördinator"}


def _organisatie(lid: LidStand, met_type: bool) -> list:
    if not met_type:
        return [lid.organisatie or "–"]
    return [lid.organisatietype_label] + ([html.Br(), html.Span(lid.organisatie, className="text-body-secondary")]
                                          if lid.organisatie else [])


def _ledentabel(titel: str, id_: str, leden: tuple[LidStand, ...], slug: str, met_type: bool,
                gemarkeerd: int | None) -> html.Div:
    koppen = ["Naam", "Organisatie", "Rol", "Zittingstermijn"]
    rijen = [
        html.Tr(
            [
                html.Td(lid.naam),
                html.Td(_organisatie(lid, met_type)),
                html.Td(_ROL_KORT.get(lid.rol, lid.rol_label)),
                html.Td(_termijn(lid), className="text-nowrap"),
                html.Td(_wijzig_link(slug, lid), className="text-nowrap"),
            ],
            className="table-info" if lid.id == gemarkeerd else None,
            **{"data-lid": str(lid.id)},
            **({"aria-current": "true"} if lid.id == gemarkeerd else {}),
        )
        for lid in leden
    ]
    inhoud: list = [html.H3(f"{titel} ({len(leden)})", className="h6 mt-3")]
    if not leden:
        inhoud.append(html.P("Geen.", className="small text-body-secondary", id=id_))
        return html.Div(inhoud)
    inhoud.append(html.Div(dbc.Table(
        [html.Caption(titel, className="visually-hidden"),
         html.Thead(html.Tr([html.Th(k, scope="col") for k in koppen]
                            + [html.Th(html.Span("Actie", className="visually-hidden"), scope="col")])),
         html.Tbody(rijen)],
        size="sm", striped=True, className="mb-0 small", id=id_,
    ), className="table-responsive"))
    return html.Div(inhoud)


def _oud_leden(stand: RegiegroepStand) -> html.Details:
    rijen = [
        html.Tr([html.Td(lid.naam), html.Td(f"{lid.organisatietype_label}"
                                            + (f" · {lid.organisatie}" if lid.organisatie else "")),
                 html.Td(lid.rol_label), html.Td(f"{formatteer_datum(lid.termijn_van)} – "
                                                 f"{formatteer_datum(lid.termijn_tot) if lid.termijn_tot else '–'}"),
                 html.Td(formatteer_datum(lid.vertrokken_op), className="text-nowrap")],
                **{"data-lid": str(lid.id)})
        for lid in stand.oud_leden
    ]
    inhoud: list = [html.Summary(html.H3(f"Oud-leden ({len(stand.oud_leden)})", className="h6 d-inline"))]
    if rijen:
        inhoud.append(html.Div(dbc.Table(
            [html.Caption("Oud-leden van de regiegroep", className="visually-hidden"),
             html.Thead(html.Tr([html.Th(k, scope="col") for k in
                                 ("Naam", "Organisatie", "Rol", "Zittingstermijn", "Vertrokken op")])),
             html.Tbody(rijen)],
            size="sm", className="mb-0 small mt-2", id="regiegroep-oud-leden",
        ), className="table-responsive"))
    else:
        inhoud.append(html.P("Er is nog niemand vertrokken.", className="small mt-2 mb-0", id="regiegroep-oud-leden"))
    return html.Details(inhoud, className="mt-3", open=bool(rijen) and len(rijen) <= 5)


def _leden(stand: RegiegroepStand, gemarkeerd: int | None = None) -> list:
    bewoners, organisaties = stand.bewoners, stand.organisaties
    per_type: dict[str, int] = {}
    for lid in stand.leden:
        per_type[lid.organisatietype_label] = per_type.get(lid.organisatietype_label, 0) + 1
    return [
        html.P([f"{meervoud(len(stand.leden), 'lid', 'leden')} met zitting: "]
               + [html.Span(f"{t} {n}", className="badge text-bg-light border me-1 mb-1", style={"fontWeight": 500})
                  for t, n in sorted(per_type.items(), key=lambda p: (-p[1], p[0]))],
               className="mb-0", id="regiegroep-per-type"),
        _ledentabel("Bewoners", "regiegroep-bewoners", bewoners, stand.wijk_slug, False, gemarkeerd),
        _ledentabel("Organisaties", "regiegroep-organisaties", organisaties, stand.wijk_slug, True, gemarkeerd),
        _oud_leden(stand),
    ]


def _aandachtspunten(stand: RegiegroepStand) -> list:
    if not stand.waarschuwingen:
        return [html.P([html.Span("✔ ", **{"aria-hidden": "true"}),
                        "De samenstelling voldoet aan wat de notitie vraagt."], className="status-op-koers mb-0")]
    return [
        html.H2("Aandachtspunten", className="h5", id="regiegroep-aandachtspunten-titel"),
        html.P("Wat de notitie wenselijk noemt maar niet verplicht maakt; opslaan kan gewoon.",
               className="small text-body-secondary mb-2"),
        html.Ul([html.Li([html.Span("▲ ", className="status-achter", **{"aria-hidden": "true"}), w.tekst],
                         **{"data-code": w.code}) for w in stand.waarschuwingen],
                className="list-unstyled mb-0 small", id="regiegroep-aandachtspunten-lijst"),
    ]


# --------------------------------------------------------------------------- onderdelen: formulieren
_ROL_HULP = ("Precies één voorzitter tegelijk, bij voorkeur een bewoner (§3.4.2.1); de stadsdeelcoördinator is "
             "van de gemeente.")
_TERMIJN_HULP = ("Een einde van de zittingstermijn is voor bewoners gewenst, zodat de samenstelling periodiek "
                 "wisselt (§3.5.2.1).")


def _lidvelden(prefix: str, waarden: dict[str, str]) -> list:
    return [
        dbc.Row([
            dbc.Col(maak_keuzeveld(prefix, "organisatietype", VELDEN["organisatietype"], ORGANISATIETYPE_LABELS,
                                   waarden["organisatietype"]), sm=6),
            dbc.Col(maak_keuzeveld(prefix, "rol", VELDEN["rol"], ROL_LABELS, waarden["rol"]), sm=6),
        ]),
        html.P(_ROL_HULP, className="form-text mt-n2 mb-3"),
        maak_veld(prefix, "organisatie", VELDEN["organisatie"], waarden["organisatie"], max_lengte=NAAM_LENGTE,
                  hulptekst="Namens wie, bijv. \u201cWoningstichting Sint Joseph\u201d of de buurt van een bewoner"),
        dbc.Row([
            dbc.Col(maak_veld(prefix, "termijn_van", VELDEN["termijn_van"], waarden["termijn_van"], max_lengte=10,
                              hulptekst="dd-mm-jjjj"), sm=6),
            dbc.Col(maak_veld(prefix, "termijn_tot", VELDEN["termijn_tot"], waarden["termijn_tot"], max_lengte=10,
                              hulptekst="dd-mm-jjjj; optioneel"), sm=6),
        ]),
        html.P(_TERMIJN_HULP, className="form-text mt-n2 mb-3"),
    ]


def _toevoegen(vandaag: dt.date) -> html.Section:
    waarden = {"organisatietype": "bewoner", "rol": "lid", "organisatie": "", "termijn_van": formatteer_datum(vandaag),
               "termijn_tot": ""}
    return html.Section(
        [
            html.H2("Lid toevoegen", id="regiegroep-toevoegen-titel", className="h4"),
            html.P("Een nieuw lid, of de opvolger van een lid dat vertrok. Wijzigen of vertrek vastleggen: klik "
                   "\u201cWijzig\u201d bij het lid in de tabel.", className="text-body-secondary small"),
            maak_veld(LID, "naam", VELDEN["naam"], "", max_lengte=NAAM_LENGTE),
            *_lidvelden(LID, waarden),
            dbc.Button("Lid toevoegen", id="regiegroep-toevoegen", color="primary", n_clicks=0),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "regiegroep-toevoegen-titel"},
    )


def _bewerken(stand: RegiegroepStand, lid: LidStand, vandaag: dt.date) -> html.Div:
    waarden = {"organisatietype": lid.organisatietype, "rol": lid.rol, "organisatie": lid.organisatie or "",
               "termijn_van": formatteer_datum(lid.termijn_van),
               "termijn_tot": formatteer_datum(lid.termijn_tot) if lid.termijn_tot else ""}
    return html.Div(
        [
            html.Section(
                [
                    html.H2(f"Lid wijzigen: {lid.naam}", id="regiegroep-wijzig-titel", className="h4"),
                    html.P(f"Laatst opgeslagen door {lid.gewijzigd_door or 'onbekend'} (versie {lid.versie}). De naam "
                           "blijft: komt er iemand anders, leg dan hieronder het vertrek vast en voeg de opvolger toe.",
                           className="text-body-secondary small"),
                    *_lidvelden(WIJZIG, waarden),
                    html.Div([dbc.Button("Wijzigingen opslaan", id="regiegroep-wijzigen", color="primary", n_clicks=0),
                              dcc.Link("Annuleren en een lid toevoegen", href=_url(stand.wijk_slug),
                                       id="regiegroep-annuleren")],
                             className="d-flex flex-wrap align-items-center gap-3"),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "regiegroep-wijzig-titel"},
            ),
            html.Section(
                [
                    html.H2(f"Vertrek vastleggen: {lid.naam}", id="regiegroep-vertrek-titel", className="h4"),
                    html.P("Rotatie: een periodiek wisselende samenstelling houdt de vertegenwoordigers dicht bij de "
                           "wijkbewoners (§3.5.2.1). Het lid blijft zichtbaar bij de oud-leden.",
                           className="text-body-secondary small"),
                    maak_veld(VERTREK, "vertrokken_op", VELDEN["vertrokken_op"], formatteer_datum(vandaag),
                              max_lengte=10, hulptekst="dd-mm-jjjj; niet in de toekomst, niet vóór het begin van de "
                                                       "zittingstermijn"),
                    dbc.Button("Vertrek vastleggen", id="regiegroep-vertrek", color="secondary", n_clicks=0),
                ],
                className="paneel mb-3",
                **{"aria-labelledby": "regiegroep-vertrek-titel"},
            ),
        ],
        id="regiegroep-bewerken",
    )


def _instellen(wijk_naam: str, vandaag: dt.date) -> html.Section:
    return html.Section(
        [
            html.H2("Regiegroep instellen", id="regiegroep-instellen-titel", className="h4"),
            html.P(f"{wijk_naam} heeft nog geen regiegroep. \u201cAls eerste moet er per wijk een breed samengestelde "
                   "regiegroep geformeerd worden\u201d (§4.1). Stel haar in; daarna voegt u de leden toe.",
                   className="text-body-secondary"),
            maak_veld(GROEP, "naam", GROEPVELDEN["naam"], f"Regiegroep {wijk_naam}", max_lengte=NAAM_LENGTE),
            maak_veld(GROEP, "opgericht_op", GROEPVELDEN["opgericht_op"], formatteer_datum(vandaag), max_lengte=10,
                      hulptekst="dd-mm-jjjj; niet in de toekomst"),
            dbc.Button("Regiegroep instellen", id="regiegroep-instellen", color="primary", n_clicks=0),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "regiegroep-instellen-titel"},
    )


def layout(wijk: str | None = None, lid: str | None = None, ingesteld: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    meldingen: list = []
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, RECHT)
        if not wijken:
            return _geen_rechten(actor, wijk)
        gekozen, onbekend = gekozen_wijk(wijken, wijk, "regiegroep-wijk-onbekend")
        meldingen += [onbekend] if onbekend else []
        stand = regiegroep_stand(sessie, gekozen.id, vandaag)
    bewerkt = stand.lid(geheel(lid)) if lid not in (None, "") else None
    if lid not in (None, "") and bewerkt is None:
        meldingen.append(dbc.Alert(f"Lid \u201c{lid}\u201d zit niet (meer) in de regiegroep van {stand.wijk_naam}; u "
                                   "kunt hieronder een lid toevoegen.", color="warning", id="regiegroep-lid-onbekend"))
    if ingesteld and stand.regiegroep_id is not None:
        meldingen.append(dbc.Alert(f"De regiegroep is ingesteld: {stand.naam}. Voeg nu de leden toe.", color="success",
                                   id="regiegroep-ingesteld"))
    basis = {"wijk_id": stand.wijk_id, "wijk_slug": stand.wijk_slug, "regiegroep_id": stand.regiegroep_id,
             "lid_id": bewerkt.id if bewerkt else None, "versie": bewerkt.versie if bewerkt else None}
    kop = [
        dcc.Location(id="regiegroep-url", refresh="callback-nav"),
        dcc.Location(id="regiegroep-herladen", refresh=True),
        dcc.Store(id="regiegroep-basis", data=basis),
        html.H1("Regiegroep bijwerken"),
        html.P("De regiegroep coördineert de wijkaanpak: zo breed mogelijk samengesteld uit bewoners en organisaties "
               "(§3.4.2.1), met een voorzitter, bij voorkeur een bewoner, en een periodiek wisselende samenstelling "
               "(§3.5.2.1). Elke wijziging komt met naam en tijdstip in het dossier.", className="text-body-secondary"),
        dbc.Row([maak_keuze("regiegroep-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                            gekozen.slug, xs=12, sm=6, lg=3)], className="mb-3 g-3"),
        *meldingen,
    ]
    if stand.regiegroep_id is None:
        return html.Div([*kop, html.Div(id="regiegroep-melding", **{"aria-live": "polite"}),
                         dbc.Row(dbc.Col(_instellen(stand.wijk_naam, vandaag), lg=6, xxl=5))])
    formulier = _bewerken(stand, bewerkt, vandaag) if bewerkt else _toevoegen(vandaag)
    return html.Div(
        [
            *kop,
            html.P([html.Strong(stand.naam), f" · opgericht op {formatteer_datum(stand.opgericht_op)} · "
                    if stand.opgericht_op else " · ",
                    dcc.Link(f"Bekijk de regiegroep op de wijkpagina {stand.wijk_naam}", href=f"/wijk/{stand.wijk_slug}",
                             id="regiegroep-wijklink")], id="regiegroep-kop"),
            html.Div(_aandachtspunten(stand), id="regiegroep-aandachtspunten", className="paneel mb-3"),
            dbc.Row(
                [
                    dbc.Col(html.Section(
                        [html.H2("Leden", id="regiegroep-leden-titel", className="h4"),
                         html.Div(_leden(stand, bewerkt.id if bewerkt else None), id="regiegroep-leden")],
                        className="paneel mb-3", **{"aria-labelledby": "regiegroep-leden-titel"},
                    ), lg=7, xxl=8),
                    dbc.Col([html.Div(id="regiegroep-melding", **{"aria-live": "polite"}), formulier], lg=5, xxl=4),
                ]
            ),
        ]
    )


# --------------------------------------------------------------------------- callbacks
@dash.callback(
    Output("regiegroep-url", "search"),
    Input("regiegroep-wijk", "value"),
    State("regiegroep-basis", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, basis):
    """Een andere wijk: naar het adres daarvan (de pagina bouwt zich opnieuw op)."""
    basis = basis if isinstance(basis, dict) else {}
    if not wijk or wijk == basis.get("wijk_slug"):
        return dash.no_update
    return "?" + urlencode({"wijk": wijk})


def _conflict(fout: Conflictfout, basis: dict) -> dbc.Alert:
    slug = basis.get("wijk_slug")
    return conflict_melding(fout, "regiegroep-conflict",
                            _url(slug, geheel(str(basis.get("lid_id")))) if isinstance(slug, str) else None)


def _nieuwe_stand(wijk_id: int) -> RegiegroepStand | None:
    """De stand na een geslaagde actie, voor de wijk die de service teruggaf (niet die uit de Store)."""
    with lees_sessie() as sessie:
        return regiegroep_stand(sessie, wijk_id, dt.date.today())


def _bevestiging(tekst: str, uitkomst: LidOpgeslagen, extra: list | None = None) -> dbc.Alert:
    regels: list = list(extra or [])
    if uitkomst.waarschuwingen:
        regels += [[html.Span("▲ ", **{"aria-hidden": "true"}), "Let op: " + w] for w in uitkomst.waarschuwingen]
    return melding("success", f"{tekst} ({dt.datetime.now():%H:%M}).", regels, id_="regiegroep-bevestiging")


def _basis_na(basis: dict, uitkomst: LidOpgeslagen) -> dict:
    """De Store na een geslaagde wijziging: wijk, lid en versie zoals de service ze teruggaf."""
    return {**basis, "wijk_id": uitkomst.wijk_id, "wijk_slug": uitkomst.wijk_slug, "lid_id": uitkomst.lid_id,
            "versie": uitkomst.versie}


def _stand_uit(stand: RegiegroepStand | None, gemarkeerd: int | None = None) -> tuple:
    if stand is None:
        return dash.no_update, dash.no_update
    return _leden(stand, gemarkeerd), _aandachtspunten(stand)


@dash.callback(
    Output("regiegroep-melding", "children", allow_duplicate=True),
    Output("regiegroep-herladen", "href"),
    *velden_uitvoer(GROEP),
    Input("regiegroep-instellen", "n_clicks"),
    *velden_invoer(GROEP),
    State("regiegroep-basis", "data"),
    prevent_initial_call=True,
)
def _instellen_callback(_klik, waarden, ids, basis):
    """Een regiegroep instellen: ``datalaag.regiegroepen.stel_regiegroep_in``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: stel_regiegroep_in(sessie, huidige_actor(), basis.get("wijk_id"),
                                                     naam=ingevuld.get("naam"),
                                                     opgericht_op=ingevuld.get("opgericht_op")), ids)
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden
    return (melding("success", "De regiegroep is ingesteld."), _url(uit.resultaat.wijk_slug, ingesteld="1"),
            *uit.velden)


@dash.callback(
    Output("regiegroep-melding", "children", allow_duplicate=True),
    *velden_uitvoer(LID),
    Output({"type": f"{LID}-veld", "veld": ALL}, "value"),
    Output("regiegroep-leden", "children", allow_duplicate=True),
    Output("regiegroep-aandachtspunten", "children", allow_duplicate=True),
    Input("regiegroep-toevoegen", "n_clicks"),
    *velden_invoer(LID),
    State("regiegroep-basis", "data"),
    prevent_initial_call=True,
)
def _toevoegen_callback(_klik, waarden, ids, basis):
    """Een lid toevoegen: ``datalaag.regiegroepen.voeg_lid_toe``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: voeg_lid_toe(sessie, huidige_actor(), basis.get("regiegroep_id"),
                                               naam=ingevuld.get("naam"),
                                               **{k: ingevuld.get(k) for k in _LIDVELDEN}),
                   ids, conflict=lambda fout: _conflict(fout, basis))
    if not uit.gelukt:
        return uit.melding, *uit.velden, [dash.no_update] * len(ids), dash.no_update, dash.no_update
    uitkomst = uit.resultaat
    stand = _nieuwe_stand(uitkomst.wijk_id)
    nieuwe_waarden = ["" if i["veld"] in LEEG_NA_TOEVOEGEN else ingevuld.get(i["veld"]) for i in ids]
    return (_bevestiging(f"{uitkomst.naam} is toegevoegd aan de regiegroep", uitkomst), *uit.velden, nieuwe_waarden,
            *_stand_uit(stand, uitkomst.lid_id))


@dash.callback(
    Output("regiegroep-melding", "children", allow_duplicate=True),
    Output("regiegroep-basis", "data", allow_duplicate=True),
    *velden_uitvoer(WIJZIG),
    Output("regiegroep-leden", "children", allow_duplicate=True),
    Output("regiegroep-aandachtspunten", "children", allow_duplicate=True),
    Input("regiegroep-wijzigen", "n_clicks"),
    *velden_invoer(WIJZIG),
    State("regiegroep-basis", "data"),
    prevent_initial_call=True,
)
def _wijzigen_callback(_klik, waarden, ids, basis):
    """Organisatie, rol en termijn van een lid wijzigen: ``datalaag.regiegroepen.wijzig_lid``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: wijzig_lid(sessie, huidige_actor(), basis.get("lid_id"),
                                             **{k: ingevuld.get(k) for k in _LIDVELDEN},
                                             verwachte_versie=basis.get("versie"),
                                             regiegroep_id=basis.get("regiegroep_id")),
                   ids, conflict=lambda fout: _conflict(fout, basis))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, dash.no_update, dash.no_update
    uitkomst = uit.resultaat
    if not uitkomst.gewijzigd:
        return (melding("info", "Er was niets gewijzigd; er is niets opgeslagen.", id_="regiegroep-bevestiging"),
                dash.no_update, *uit.velden, dash.no_update, dash.no_update)
    stand = _nieuwe_stand(uitkomst.wijk_id)
    return (_bevestiging(f"De gegevens van {uitkomst.naam} zijn opgeslagen", uitkomst),
            _basis_na(basis, uitkomst), *uit.velden, *_stand_uit(stand, uitkomst.lid_id))


@dash.callback(
    Output("regiegroep-melding", "children", allow_duplicate=True),
    Output("regiegroep-basis", "data", allow_duplicate=True),
    *velden_uitvoer(VERTREK),
    Output("regiegroep-leden", "children", allow_duplicate=True),
    Output("regiegroep-aandachtspunten", "children", allow_duplicate=True),
    Output("regiegroep-bewerken", "hidden"),
    Input("regiegroep-vertrek", "n_clicks"),
    *velden_invoer(VERTREK),
    State("regiegroep-basis", "data"),
    prevent_initial_call=True,
)
def _vertrek_callback(_klik, waarden, ids, basis):
    """Het vertrek van een lid vastleggen (rotatie): ``datalaag.regiegroepen.leg_vertrek_vast``."""
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: leg_vertrek_vast(sessie, huidige_actor(), basis.get("lid_id"),
                                                   vertrokken_op=ingevuld.get("vertrokken_op"),
                                                   verwachte_versie=basis.get("versie"),
                                                   regiegroep_id=basis.get("regiegroep_id")),
                   ids, conflict=lambda fout: _conflict(fout, basis))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden, dash.no_update, dash.no_update, dash.no_update
    uitkomst = uit.resultaat
    stand = _nieuwe_stand(uitkomst.wijk_id)
    verder = [["Het lid staat nu bij de oud-leden. ",
               dcc.Link("Voeg een opvolger toe", href=_url(uitkomst.wijk_slug), id="regiegroep-opvolger"), "."]]
    return (_bevestiging(f"Het vertrek van {uitkomst.naam} is vastgelegd", uitkomst, verder),
            _basis_na(basis, uitkomst), *uit.velden, *_stand_uit(stand), True)
