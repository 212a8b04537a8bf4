"""``/invoer/toezeggingen``: de toezeggingenlijst bijhouden (aanbeveling 5 van de Rekenkamercommissie).

- De **griffie** (en de beheerder) ziet de open toezeggingen, registreert nieuwe toezeggingen en opent een
  toezegging (``?toezegging=<id>``) om haar afgedaan of vervallen te verklaren, of — bij een vergissing —
  te heropenen (de laatst afgehandelde staan onderaan de lijst).
- De **wethouder** ziet de open toezeggingen van de eigen portefeuille bovenaan en stelt daarvoor een
  afdoening voor; toezeggingen van anderen kan hij alleen lezen (met uitleg).
- Raadsleden en coördinatoren krijgen uitleg en geen velden; de lijst zelf staat op ``/toezeggingen``.

Alle schrijfacties gaan via ``datalaag.toezeggingbeheer``: die controleert de invoer, de rechten (ook als
iemand een callback rechtstreeks aanroept), de versie en de statusovergang, en schrijft het dossier. Na een
actie bouwt ``_ververs`` de stand en de mogelijke acties opnieuw op (de bevestiging blijft staan).
Gebruikerstekst wordt altijd als gewone tekst getoond; een document alleen als link als het een goedgekeurde
https-link is (``veilige_link``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from dashboard.thema import STATUS_STIJL
from datalaag.autorisatie import GeenToegang, mag
from datalaag.opmaak import formatteer_datum, meervoud
from datalaag.toezeggingbeheer import (
    DOCUMENT_LENGTE,
    NUMMER_LENGTE,
    TEKST_LENGTE,
    VELDEN,
    VERGADERING_LENGTE,
    Afgehandeld,
    Conflictfout,
    LijstRegel,
    ToezeggingStand,
    bekende_portefeuillehouders,
    beschrijf_wijzigingen,
    heropen_toezegging,
    onlangs_afgehandeld,
    open_toezeggingen,
    registreer_toezegging,
    stel_afdoening_voor,
    toezegging_stand,
    veilige_link,
    verklaar_afgedaan,
    verklaar_vervallen,
    volgend_nummer,
    wijk_keuzes,
)
from datalaag.toezeggingen import WEERGAVE_LABELS
from datalaag.validatie import LANGE_TEKST
from pagina.componenten.formulier import (
    conflict_melding,
    geen_rechten,
    ingevulde_velden,
    maak_keuzeveld,
    maak_veld,
    melding,
    melding_voor_fout,
    veilige_ids,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import id_uit

PAD = "/invoer/toezeggingen"
PREFIX = "toezeggingbeheer"
REGISTRATIE = f"{PREFIX}-registratie"   # velden per formulier een eigen prefix (één ALL-groep per callback)
VOORSTEL = f"{PREFIX}-voorstel"
AFHANDELEN = f"{PREFIX}-afhandelen"
HEROPENEN = f"{PREFIX}-heropenen"
STADSBREED = "stadsbreed"  # de keuze "geen wijk" (een lege waarde toont dbc.Select als placeholder)
SCHRIJFROLLEN = ("griffie", "wethouder", "beheerder")  # raadslid en coördinator krijgen uitleg

dash.register_page(
    __name__,
    path=PAD,
    name="Toezeggingen bijhouden",
    title="Toezeggingen bijhouden · Wijkaanpak Almelo",
    description="Toezeggingen registreren, een afdoening voorstellen en toezeggingen afgedaan of vervallen verklaren.",
)

#: Weergavestatus → (pictogram, CSS-klasse): dezelfde betekenis als op /toezeggingen (te laat = ver achter,
#: afgedaan = op koers); kleur nooit alleen, altijd ook pictogram en woord.
STATUS_WEERGAVE: dict[str, tuple[str, str]] = {
    "te_laat": (STATUS_STIJL["ver_achter"].icoon, STATUS_STIJL["ver_achter"].klasse),
    "open": ("○", "status-geen-data"),
    "afgedaan": (STATUS_STIJL["op_koers"].icoon, STATUS_STIJL["op_koers"].klasse),
    "vervallen": ("–", "status-geen-data"),
}
# Bootstrap 5 kleurt de cellen via --bs-table-bg; zo krijgt de hele rij de tint van /toezeggingen.
_TE_LAAT_RIJ = {"--bs-table-bg": "#fdf0ea"}
_TE_LAAT_CEL = {"boxShadow": "inset 6px 0 0 #b23c00"}


# =========================================================================== kleine bouwstenen
def _statuslabel(weergave: str, termijn: dt.date | None = None, op: dt.date | None = None,
                 afbreken: bool = False) -> html.Span:
    """``✖ Te laat — termijn 20-11-2025 verstreken``, ``○ Open``, ``✔ Afgedaan op 12-11-2026``, ``– Vervallen``.
    ``afbreken``: de tekst mag over meer regels lopen (in een smalle kolom)."""
    icoon, klasse = STATUS_WEERGAVE[weergave]
    tekst = WEERGAVE_LABELS[weergave]
    if weergave == "te_laat" and termijn is not None:
        tekst = f"Te laat — termijn {formatteer_datum(termijn)} verstreken"
    elif weergave in ("afgedaan", "vervallen") and op is not None:
        tekst = f"{tekst} op {formatteer_datum(op)}"
    return html.Span([html.Span(icoon, **{"aria-hidden": "true"}), f" {tekst}"], className=f"status-label {klasse}",
                     style={"whiteSpace": "normal"} if afbreken else None)


def _lijst_url(nummer: str, weergave: str | None = None) -> str:
    """De toezegging op ``/toezeggingen`` (filters in de querystring: status en zoeken op nummer)."""
    delen = {"status": weergave, "zoek": nummer} if weergave else {"zoek": nummer}
    return "/toezeggingen?" + urlencode(delen)


def _toezegging_url(toezegging_id: int) -> str:
    return f"{PAD}?toezegging={toezegging_id}"


def _document(document: str | None) -> Any:
    """Een goedgekeurde https-link als link, al het andere als gewone tekst."""
    if not document:
        return "–"
    link = veilige_link(document)
    if link is None:
        return document
    return html.A(document, href=link, rel="noopener noreferrer nofollow", className="text-break")


def _fout_melding(fout: Exception) -> dbc.Alert:
    """De melding bij een fout; een weigering zegt in woorden dat de gebruiker dit niet mag."""
    if isinstance(fout, GeenToegang):
        return melding("danger", "Niet opgeslagen: dit mag u niet.", [str(fout)])
    return melding_voor_fout(fout)


def _conflict_melding(fout: Conflictfout, toezegging_id: Any) -> dbc.Alert:
    tid = id_uit(toezegging_id)
    return conflict_melding(fout, f"{PREFIX}-conflict", _toezegging_url(tid) if tid else PAD)


# =========================================================================== geen rechten
def _geen_rechten(actor) -> html.Div:
    rol = actor.rol_naam if actor else "bezoeker"
    uitleg = (f"Met de rol {rol} kunt u de toezeggingen lezen, niet bijhouden: de griffie registreert "
              "toezeggingen en verklaart ze afgedaan of vervallen, en de wethouder stelt voor de eigen "
              "portefeuille een afdoening voor. Welke toezeggingen open of te laat zijn, ziet u op de "
              "toezeggingenlijst.")
    return geen_rechten("Toezeggingen bijhouden", f"{PREFIX}-geen-rechten", uitleg,
                        dcc.Link("Naar de toezeggingenlijst", href="/toezeggingen?status=open"))


# =========================================================================== de werklijst
def _tabel(regels: list[LijstRegel], id_: str, bijschrift: str) -> Any:
    if not regels:
        return html.P("Geen open toezeggingen.", className="text-body-secondary mb-0", id=id_)
    rijen = []
    for r in regels:
        t = r.rij
        rijen.append(html.Tr(
            [
                html.Td(dcc.Link(t.nummer, href=_toezegging_url(r.id), className="fw-semibold"),
                        style=_TE_LAAT_CEL if t.te_laat else None, className="text-nowrap"),
                html.Td(t.onderwerp, style={"minWidth": "16rem"}),
                html.Td(t.portefeuillehouder),
                html.Td(t.wijk or "Stadsbreed"),
                html.Td(formatteer_datum(t.termijn), className="text-nowrap"),
                html.Td(_statuslabel(t.weergavestatus, t.termijn, afbreken=True), style={"minWidth": "11rem"}),
                html.Td("Ja" if r.heeft_voorstel else "Nog niet"),
            ],
            style=_TE_LAAT_RIJ if t.te_laat else None,
            className="toezegging-te-laat" if t.te_laat else None,
        ))
    kop = ["Nummer", "Onderwerp", "Portefeuillehouder", "Wijk", "Termijn", "Status", "Voorstel afdoening"]
    return html.Div(
        dbc.Table(
            [
                html.Caption(bijschrift, className="visually-hidden"),
                html.Thead(html.Tr([html.Th(k, scope="col") for k in kop])),
                html.Tbody(rijen),
            ],
            bordered=False, hover=True, size="sm", className="mb-0 align-middle", id=id_,
        ),
        className="table-responsive",
    )


def _werklijst(actor, lijst: list[LijstRegel]) -> list:
    """De open toezeggingen; voor de wethouder die van de eigen portefeuille apart bovenaan."""
    if actor.rol == "wethouder":
        eigen = [r for r in lijst if r.rij.portefeuillehouder == actor.portefeuillehouder]
        overig = [r for r in lijst if r.rij.portefeuillehouder != actor.portefeuillehouder]
        te_laat = sum(1 for r in eigen if r.rij.te_laat)
        return [
            html.H2(f"Uw portefeuille ({actor.portefeuillehouder or 'onbekend'}): "
                    f"{meervoud(len(eigen), 'open toezegging', 'open toezeggingen')}", id=f"{PREFIX}-eigen-titel"),
            html.P(f"Waarvan {te_laat} te laat. Open een toezegging om een afdoening voor te stellen."
                   if te_laat else "Open een toezegging om een afdoening voor te stellen.", className="small"),
            _tabel(eigen, f"{PREFIX}-eigen-tabel", "Open toezeggingen van uw portefeuille"),
            html.H2(f"Andere portefeuillehouders ({len(overig)} open)", id=f"{PREFIX}-overig-titel",
                    className="mt-4"),
            html.P("Deze kunt u lezen; een afdoening voorstellen doet de eigen portefeuillehouder.", className="small"),
            _tabel(overig, f"{PREFIX}-overig-tabel", "Open toezeggingen van andere portefeuillehouders"),
        ]
    te_laat = sum(1 for r in lijst if r.rij.te_laat)
    return [
        html.H2(f"Open toezeggingen ({len(lijst)}, waarvan {te_laat} te laat)", id=f"{PREFIX}-open-titel"),
        html.P("Te late toezeggingen staan bovenaan. Open een toezegging om haar afgedaan of vervallen te verklaren; "
               "\u201cVoorstel afdoening: Ja\u201d betekent dat de portefeuillehouder een voorstel deed dat op uw "
               "oordeel wacht.", className="small"),
        _tabel(lijst, f"{PREFIX}-open-tabel", "Open toezeggingen"),
    ]


def _afgehandeld(regels: list[Afgehandeld]) -> html.Section:
    rijen = [html.Tr([
        html.Td(dcc.Link(a.nummer, href=_toezegging_url(a.id)), className="text-nowrap"),
        html.Td(a.onderwerp),
        html.Td(a.portefeuillehouder, className="text-nowrap"),
        html.Td(_statuslabel(a.status, op=a.op)),
    ]) for a in regels]
    inhoud: Any = html.P("Nog geen afgedane of vervallen toezeggingen.", className="text-body-secondary mb-0")
    if rijen:
        inhoud = html.Div(dbc.Table([
            html.Caption("Onlangs afgedane of vervallen toezeggingen", className="visually-hidden"),
            html.Thead(html.Tr([html.Th(k, scope="col") for k in ("Nummer", "Onderwerp", "Portefeuillehouder",
                                                                  "Status")])),
            html.Tbody(rijen),
        ], bordered=False, hover=True, size="sm", className="mb-0 align-middle", id=f"{PREFIX}-afgehandeld-tabel"),
            className="table-responsive")
    return html.Section(
        [
            html.H2("Onlangs afgedaan of vervallen", id=f"{PREFIX}-afgehandeld-titel"),
            html.P("Per vergissing afgedaan of vervallen verklaard? Open de toezegging en heropen haar, met een reden.",
                   className="small"),
            inhoud,
        ],
        className="paneel mb-3",
        **{"aria-labelledby": f"{PREFIX}-afgehandeld-titel"},
    )


# =========================================================================== registreren
def _registratie(houders: list[str], wijken: list[tuple[int, str]], nummer: str) -> html.Section:
    def veld(sleutel: str, waarde: str = "", **opties):
        return maak_veld(REGISTRATIE, sleutel, VELDEN[sleutel], waarde, **opties)

    return html.Section(
        [
            html.H2("Nieuwe toezegging registreren", id=f"{REGISTRATIE}-titel"),
            html.P("Een toezegging van het college aan de raad, zoals in de vergadering gedaan. Alle velden behalve "
                   "wijk en document zijn verplicht.", className="small"),
            dbc.Row([
                dbc.Col(veld("nummer", nummer, max_lengte=NUMMER_LENGTE,
                             hulptekst="Voorstel: het volgende vrije nummer van dit jaar"), md=6, lg=3),
                dbc.Col(veld("datum", max_lengte=10, hulptekst="dd-mm-jjjj, niet in de toekomst"), md=6, lg=3),
                dbc.Col(veld("vergadering", max_lengte=VERGADERING_LENGTE,
                             hulptekst="Bijv. Raad of Commissie Samenleving"), lg=6),
            ]),
            dbc.Row([
                dbc.Col(maak_keuzeveld(REGISTRATIE, "portefeuillehouder", VELDEN["portefeuillehouder"],
                                       [{"label": h, "value": h} for h in houders], "",
                                       hulptekst="De wethouder die de toezegging deed",
                                       placeholder="Kies de portefeuillehouder"), md=6),
                dbc.Col(maak_keuzeveld(REGISTRATIE, "wijk", VELDEN["wijk"],
                                       [{"label": "Geen wijk (stadsbreed)", "value": STADSBREED}]
                                       + [{"label": naam, "value": str(i)} for i, naam in wijken], STADSBREED,
                                       hulptekst="Alleen als de toezegging over één wijk gaat"), md=6),
            ]),
            veld("onderwerp", meerregelig=True, rijen=3, max_lengte=LANGE_TEKST,
                 hulptekst="Wat het college heeft toegezegd, in één of twee zinnen"),
            dbc.Row([
                dbc.Col(veld("termijn", max_lengte=10,
                             hulptekst="dd-mm-jjjj; uiterlijk wanneer de raad het krijgt"), md=6, lg=3),
                dbc.Col(veld("document", max_lengte=DOCUMENT_LENGTE,
                             hulptekst="Optioneel: een link die begint met https:// of een documentnummer, "
                                       "bijv. RIB 2026-014"), md=6, lg=9),
            ]),
            html.Div(
                [
                    dbc.Button("Toezegging registreren", id=f"{PREFIX}-registreren", color="primary", n_clicks=0),
                    html.Span("Datum en vergadering blijven na registreren staan, voor de volgende toezegging uit "
                              "dezelfde vergadering.", className="form-text"),
                ],
                className="d-flex flex-wrap align-items-center gap-3",
            ),
            html.Div(id=f"{REGISTRATIE}-melding", **{"aria-live": "polite"}),
        ],
        className="paneel mb-3",
        id=f"{REGISTRATIE}-sectie",
        **{"aria-labelledby": f"{REGISTRATIE}-titel"},
    )


# =========================================================================== één toezegging
def _stand(stand: ToezeggingStand) -> html.Section:
    afgehandeld_op = stand.afgedaan_op if stand.status == "afgedaan" else stand.vervallen_op
    rijen: list[tuple[str, Any]] = [
        ("Status", html.Span(_statuslabel(stand.weergavestatus, stand.termijn, afgehandeld_op, afbreken=True),
                             id=f"{PREFIX}-status")),
        ("Onderwerp", stand.onderwerp),
        ("Vergadering", stand.vergadering),
        ("Datum vergadering", formatteer_datum(stand.datum)),
        ("Portefeuillehouder", stand.portefeuillehouder),
        ("Wijk", dcc.Link(stand.wijk_naam, href=f"/wijk/{stand.wijk_slug}") if stand.wijk_slug else "Stadsbreed"),
        ("Termijn", formatteer_datum(stand.termijn)),
        ("Voorstel afdoening", stand.voorstel_afdoening or "Nog geen voorstel van de portefeuillehouder."),
    ]
    if stand.status == "afgedaan":
        rijen.append(("Afdoening", stand.afdoening or "–"))
    elif stand.status == "vervallen":
        rijen.append(("Reden vervallen", stand.afdoening or "–"))
    rijen.append(("Document", _document(stand.document)))
    delen: list[Any] = [
        html.H2("Stand", id=f"{PREFIX}-stand-titel"),
        html.Dl([el for label, waarde in rijen for el in (
            # Naast elkaar waar er ruimte is; in de smalle kolom naast de acties (lg, xl) het label erboven.
            html.Dt(label, className="col-sm-4 col-lg-12 col-xxl-4"),
            html.Dd(waarde, className="col-sm-8 col-lg-12 col-xxl-8 text-break",
                    id=f"{PREFIX}-stand-" + label.lower().replace(" ", "-")),
        )], className="row mb-2"),
        html.P([f"Versie {stand.versie}", f" · laatst gewijzigd door {stand.gewijzigd_door}" if stand.gewijzigd_door
                else "", " · ", dcc.Link("Bekijk op de toezeggingenlijst",
                                         href=_lijst_url(stand.nummer, stand.weergavestatus),
                                         id=f"{PREFIX}-lijstlink")], className="small mb-2"),
    ]
    regels = beschrijf_wijzigingen(list(stand.geschiedenis))
    if regels:
        delen.append(html.Details([
            html.Summary(f"Geschiedenis uit het dossier ({len(regels)})"),
            html.Ul([html.Li(r) for r in reversed(regels)], className="small mt-2 mb-0", id=f"{PREFIX}-geschiedenis"),
        ], open=True))
    return html.Section(delen, className="paneel mb-3", **{"aria-labelledby": f"{PREFIX}-stand-titel"})


def _paneel(titel: str, id_: str, inhoud: list, klasse: str = "mb-3") -> html.Section:
    return html.Section([html.H2(titel, id=f"{id_}-titel"), *inhoud], className=f"paneel {klasse}", id=id_,
                        **{"aria-labelledby": f"{id_}-titel"})


def _voorstelpaneel(stand: ToezeggingStand) -> html.Section:
    huidig_doc = f" (nu: {stand.document})" if stand.document else ""
    return _paneel("Afdoening voorstellen", f"{PREFIX}-voorstel-paneel", [
        html.P("Als portefeuillehouder stelt u voor hoe de toezegging is nagekomen, bijvoorbeeld met welke "
               "raadsinformatiebrief. De griffie beoordeelt uw voorstel en verklaart de toezegging afgedaan. Een nieuw "
               "voorstel vervangt het vorige; het vorige blijft in het dossier.", className="small"),
        maak_veld(VOORSTEL, "voorstel_afdoening", VELDEN["voorstel_afdoening"], stand.voorstel_afdoening or "",
                  meerregelig=True, rijen=4, max_lengte=TEKST_LENGTE),
        maak_veld(VOORSTEL, "document", VELDEN["document"], "", max_lengte=DOCUMENT_LENGTE,
                  hulptekst="Optioneel: https://-link of documentnummer (bijv. RIB 2026-014). Leeg laten houdt het "
                            f"huidige document{huidig_doc}."),
        dbc.Button("Voorstel opslaan", id=f"{PREFIX}-voorstellen", color="primary", n_clicks=0),
    ])


def _afhandelpanelen(stand: ToezeggingStand, vandaag: dt.date) -> dbc.Row:
    zonder_voorstel = stand.voorstel_afdoening is None
    toelichting_label = (f"{VELDEN['toelichting']} (verplicht: er is geen voorstel van de portefeuillehouder)"
                         if zonder_voorstel else f"{VELDEN['toelichting']} (optioneel)")
    uitleg_afgedaan = (
        "De portefeuillehouder heeft nog geen afdoening voorgesteld. U kunt de toezegging toch afgedaan verklaren "
        "als ze zichtbaar is nagekomen (bijv. mondeling in de raad), maar licht dan toe waarom; die toelichting "
        "komt in het dossier." if zonder_voorstel else
        "De afdoening is ingevuld met het voorstel van de portefeuillehouder; pas haar zo nodig aan."
    )
    vandaag_tekst = formatteer_datum(vandaag)
    afgedaan = _paneel("Afgedaan verklaren", f"{PREFIX}-afgedaan-paneel", [
        html.P(uitleg_afgedaan, className="small", id=f"{PREFIX}-afgedaan-uitleg"),
        maak_veld(AFHANDELEN, "afdoening", VELDEN["afdoening"], stand.voorstel_afdoening or "", meerregelig=True,
                  rijen=3, max_lengte=TEKST_LENGTE, hulptekst="Waarmee is de toezegging nagekomen?"),
        dbc.Row([
            dbc.Col(maak_veld(AFHANDELEN, "afgedaan_op", VELDEN["afgedaan_op"], vandaag_tekst, max_lengte=10,
                              hulptekst="dd-mm-jjjj"), sm=5),
            dbc.Col(maak_veld(AFHANDELEN, "document", VELDEN["document"], "", max_lengte=DOCUMENT_LENGTE,
                              hulptekst="Optioneel; leeg houdt het huidige"), sm=7),
        ]),
        maak_veld(AFHANDELEN, "toelichting", toelichting_label, "", meerregelig=True, rijen=2,
                  max_lengte=TEKST_LENGTE),
        dbc.Button("Afgedaan verklaren", id=f"{PREFIX}-afgedaan", color="primary", n_clicks=0),
    ], klasse="h-100")
    vervallen = _paneel("Vervallen verklaren", f"{PREFIX}-vervallen-paneel", [
        html.P("Als de toezegging niet meer hoeft te worden nagekomen, bijvoorbeeld omdat een later raadsbesluit "
               "haar inhaalde.", className="small"),
        maak_veld(AFHANDELEN, "reden", VELDEN["reden"], "", meerregelig=True, rijen=3, max_lengte=TEKST_LENGTE,
                  hulptekst="Waarom vervalt de toezegging?"),
        maak_veld(AFHANDELEN, "vervallen_op", VELDEN["vervallen_op"], vandaag_tekst, max_lengte=10,
                  hulptekst="dd-mm-jjjj"),
        dbc.Button("Vervallen verklaren", id=f"{PREFIX}-vervallen", color="secondary", n_clicks=0),
    ], klasse="h-100")
    return dbc.Row([dbc.Col(afgedaan, xl=7, className="mb-3"), dbc.Col(vervallen, xl=5, className="mb-3")])


def _heropenpaneel(stand: ToezeggingStand) -> html.Section:
    return _paneel("Heropenen (bij een vergissing)", f"{PREFIX}-heropenen-paneel", [
        html.P(f"Deze toezegging is {stand.status_label.lower()}. Was dat een vergissing, heropen haar dan. De "
               "afdoening en de datum vervallen (ze blijven in het dossier); het voorstel van de portefeuillehouder "
               "blijft staan. Is de termijn verstreken, dan is de toezegging daarna meteen te laat.",
               className="small"),
        maak_veld(HEROPENEN, "reden", VELDEN["reden"], "", meerregelig=True, rijen=2, max_lengte=TEKST_LENGTE,
                  hulptekst="Waarom gaat de toezegging weer open?"),
        dbc.Button("Heropenen", id=f"{PREFIX}-heropenen", color="secondary", n_clicks=0),
    ])


def _acties(actor, stand: ToezeggingStand, vandaag: dt.date) -> list:
    """De acties die DEZE gebruiker bij deze toezegging mag; anders uitleg in woorden."""
    onderdelen: list = []
    mag_voorstellen = mag(actor, "toezegging_voorstellen", portefeuillehouder=stand.portefeuillehouder)
    mag_afdoen = mag(actor, "toezegging_afdoen", portefeuillehouder=stand.portefeuillehouder)
    if stand.status == "open":
        if mag_voorstellen:
            onderdelen.append(_voorstelpaneel(stand))
        if mag_afdoen:
            onderdelen.append(_afhandelpanelen(stand, vandaag))
        if not (mag_voorstellen or mag_afdoen):
            eigen = getattr(actor, "portefeuillehouder", None)
            onderdelen.append(dbc.Alert(
                [html.Strong("Alleen lezen. "),
                 f"Deze toezegging hoort bij de portefeuille van {stand.portefeuillehouder}. U kunt alleen voor "
                 f"toezeggingen van uw eigen portefeuille ({eigen or 'onbekend'}) een afdoening voorstellen; de "
                 "griffie verklaart toezeggingen afgedaan of vervallen."],
                color="info", id=f"{PREFIX}-alleen-lezen"))
    elif mag_afdoen:
        onderdelen.append(_heropenpaneel(stand))
    else:
        onderdelen.append(dbc.Alert(
            [html.Strong("Alleen lezen. "),
             f"Deze toezegging is {stand.status_label.lower()}; er valt niets meer voor te stellen. Is dat een "
             "vergissing, vraag de griffie dan haar te heropenen."],
            color="info", id=f"{PREFIX}-alleen-lezen"))
    return onderdelen


def _detail(actor, stand: ToezeggingStand, vandaag: dt.date) -> html.Div:
    return html.Div(
        [
            dcc.Store(id=f"{PREFIX}-basis", data={"toezegging_id": stand.id, "versie": stand.versie}),
            html.P(dcc.Link("← Alle open toezeggingen", href=PAD), className="mb-2"),
            html.H1(f"Toezegging {stand.nummer}", id=f"{PREFIX}-titel"),
            dbc.Row(
                [
                    # Op brede schermen staan de stand en de acties naast elkaar: alles in één oogopslag.
                    dbc.Col(html.Div(_stand(stand), id=f"{PREFIX}-stand"), lg=5, xl=4),
                    dbc.Col(
                        [
                            html.Div(id=f"{PREFIX}-melding", **{"aria-live": "polite"}),
                            html.Div(_acties(actor, stand, vandaag), id=f"{PREFIX}-acties"),
                        ],
                        lg=7, xl=8,
                    ),
                ]
            ),
        ]
    )


# =========================================================================== layout
def _intro(actor) -> html.P:
    if actor.rol == "wethouder":
        tekst = (f"Bij de toezeggingen van uw portefeuille ({actor.portefeuillehouder or 'onbekend'}) stelt u een "
                 "afdoening voor; de griffie beoordeelt het voorstel en verklaart de toezegging afgedaan. ")
    else:
        tekst = ("De griffie registreert de toezeggingen van het college aan de raad en verklaart ze afgedaan of "
                 "vervallen; de portefeuillehouder stelt een afdoening voor. ")
    return html.P([tekst, "Elke wijziging komt met naam en tijdstip in het dossier. De volledige lijst, ook afgedane "
                   "toezeggingen, staat op ", dcc.Link("Toezeggingen", href="/toezeggingen"), "."],
                  className="text-body-secondary")


def layout(toezegging: str | None = None, **_overig):
    actor = huidige_actor()
    if actor is None or actor.rol not in SCHRIJFROLLEN:
        return _geen_rechten(actor)
    vandaag = dt.date.today()
    waarschuwing = None
    with lees_sessie() as sessie:
        if toezegging not in (None, ""):
            stand = toezegging_stand(sessie, id_uit(toezegging), vandaag)
            if stand is not None:
                return _detail(actor, stand, vandaag)
            waarschuwing = dbc.Alert(f"Toezegging \u201c{str(toezegging)[:40]}\u201d bestaat niet (meer); u ziet de "
                                     "lijst met open toezeggingen.", color="warning", id=f"{PREFIX}-niet-gevonden")
        lijst = open_toezeggingen(sessie, vandaag)
        registratie = None
        if mag(actor, "toezegging_registreren"):
            registratie = _registratie(bekende_portefeuillehouders(sessie), wijk_keuzes(sessie),
                                       volgend_nummer(sessie, vandaag.year))
        afgehandeld = _afgehandeld(onlangs_afgehandeld(sessie)) if mag(actor, "toezegging_afdoen") else None
    return html.Div(
        [
            html.H1("Toezeggingen bijhouden"),
            _intro(actor),
            html.P(html.A("Naar het formulier: nieuwe toezegging registreren", href=f"#{REGISTRATIE}-titel"),
                   className="mb-3") if registratie else None,
            waarschuwing,
            html.Section(_werklijst(actor, lijst), id=f"{PREFIX}-open-lijst", className="paneel mb-3",
                         **{"aria-label": "Open toezeggingen"}),
            registratie,
            afgehandeld,
        ]
    )


# =========================================================================== callbacks
@dash.callback(
    Output(f"{REGISTRATIE}-melding", "children"),
    *velden_uitvoer(REGISTRATIE),
    Output({"type": f"{REGISTRATIE}-veld", "veld": ALL}, "value"),
    Output(f"{PREFIX}-open-lijst", "children"),
    Input(f"{PREFIX}-registreren", "n_clicks"),
    *velden_invoer(REGISTRATIE),
    prevent_initial_call=True,
)
def _registreren(_klik, waarden, ids):
    """Een nieuwe toezegging registreren: ``datalaag.toezeggingbeheer.registreer_toezegging`` (griffie)."""
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    uit = voer_uit(lambda sessie: registreer_toezegging(
        sessie, huidige_actor(), nummer=ingevuld.get("nummer"), datum=ingevuld.get("datum"),
        vergadering=ingevuld.get("vergadering"), portefeuillehouder=ingevuld.get("portefeuillehouder"),
        onderwerp=ingevuld.get("onderwerp"),
        wijk=None if ingevuld.get("wijk") == STADSBREED else ingevuld.get("wijk"), termijn=ingevuld.get("termijn"),
        document=ingevuld.get("document"),
    ), ids, foutmelding=_fout_melding)
    if not uit.gelukt:
        return uit.melding, *uit.velden, [dash.no_update] * len(ids), dash.no_update
    uitkomst = uit.resultaat
    vandaag = dt.date.today()
    actor = huidige_actor()
    with lees_sessie() as sessie:
        volgende = volgend_nummer(sessie, vandaag.year)
        lijst = _werklijst(actor, open_toezeggingen(sessie, vandaag)) if actor else dash.no_update
    # Datum en vergadering blijven staan (vaak meer toezeggingen uit één vergadering); de rest is leeg.
    standaard = {"nummer": volgende, "datum": ingevuld.get("datum") or "",
                 "vergadering": ingevuld.get("vergadering") or "", "wijk": STADSBREED}
    nieuwe_waarden = [standaard.get(i["veld"], "") for i in ids]
    bevestiging = dbc.Alert(
        [
            html.Strong(f"Toezegging {uitkomst.nummer} is geregistreerd. "),
            dcc.Link(f"Open toezegging {uitkomst.nummer}", href=_toezegging_url(uitkomst.toezegging_id),
                     id=f"{REGISTRATIE}-openlink"),
            " · ",
            dcc.Link("Bekijk op de toezeggingenlijst", href=_lijst_url(uitkomst.nummer)),
        ],
        color="success", className="mt-3", id=f"{REGISTRATIE}-bevestiging",
    )
    return bevestiging, *uit.velden, nieuwe_waarden, lijst


def _bevestiging(tekst: str, nummer: str, weergave: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong(tekst + " "),
            dcc.Link("Bekijk op de toezeggingenlijst", href=_lijst_url(nummer, weergave), id=f"{PREFIX}-bevestiging-lijst"),
            " · ",
            dcc.Link("Terug naar de open toezeggingen", href=PAD),
        ],
        color="success", className="mt-3", id=f"{PREFIX}-bevestiging",
    )


def _na_opslaan(uitkomst, basis: dict, tekst: str) -> tuple[dbc.Alert, Any]:
    """De bevestiging en de nieuwe basis (die ``_ververs`` de stand en de acties laat opbouwen)."""
    if not uitkomst.gewijzigd:
        return melding("info", "Er was niets gewijzigd; er is niets opgeslagen.", id_=f"{PREFIX}-ongewijzigd"), \
            dash.no_update
    # De statusfilter "open" van /toezeggingen toont ook te late toezeggingen.
    return (_bevestiging(tekst, uitkomst.nummer, uitkomst.status),
            {**basis, "toezegging_id": uitkomst.toezegging_id, "versie": uitkomst.versie})


def _actie(aanroep: Callable[[Any], Any], ids: list[dict], basis: dict, tekst: Callable[[Any], str]) -> tuple:
    """Een actie op de gekozen toezegging via ``aanroep(sessie)``; daarna de bevestiging met ``tekst(uitkomst)``
    en de nieuwe basis, of de fout (de velden met fouten gemarkeerd)."""
    uit = voer_uit(aanroep, ids, foutmelding=_fout_melding,
                   conflict=lambda fout: _conflict_melding(fout, basis.get("toezegging_id")))
    if not uit.gelukt:
        return uit.melding, dash.no_update, *uit.velden
    blok, nieuwe_basis = _na_opslaan(uit.resultaat, basis, tekst(uit.resultaat))
    return blok, nieuwe_basis, *uit.velden


@dash.callback(
    Output(f"{PREFIX}-melding", "children", allow_duplicate=True),
    Output(f"{PREFIX}-basis", "data", allow_duplicate=True),
    *velden_uitvoer(VOORSTEL),
    Input(f"{PREFIX}-voorstellen", "n_clicks"),
    *velden_invoer(VOORSTEL),
    State(f"{PREFIX}-basis", "data"),
    prevent_initial_call=True,
)
def _voorstellen(klik, waarden, ids, basis):
    """Een afdoening voorstellen: ``datalaag.toezeggingbeheer.stel_afdoening_voor`` (eigen portefeuille)."""
    if not klik:
        raise PreventUpdate
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    return _actie(lambda sessie: stel_afdoening_voor(sessie, huidige_actor(), basis.get("toezegging_id"),
                                                     voorstel=ingevuld.get("voorstel_afdoening"),
                                                     document=ingevuld.get("document"),
                                                     verwachte_versie=basis.get("versie")),
                  ids, basis, lambda uitkomst: f"Voorstel opgeslagen om {dt.datetime.now():%H:%M}. De griffie "
                                               f"beoordeelt het en verklaart toezegging {uitkomst.nummer} afgedaan.")


@dash.callback(
    Output(f"{PREFIX}-melding", "children", allow_duplicate=True),
    Output(f"{PREFIX}-basis", "data", allow_duplicate=True),
    *velden_uitvoer(AFHANDELEN),
    Input(f"{PREFIX}-afgedaan", "n_clicks"),
    Input(f"{PREFIX}-vervallen", "n_clicks"),
    *velden_invoer(AFHANDELEN),
    State(f"{PREFIX}-basis", "data"),
    prevent_initial_call=True,
)
def _afhandelen(_afgedaan, _vervallen, waarden, ids, basis):
    """Afgedaan of vervallen verklaren (griffie): ``verklaar_afgedaan`` / ``verklaar_vervallen``."""
    knop = ctx.triggered_id
    if knop not in (f"{PREFIX}-afgedaan", f"{PREFIX}-vervallen") or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)

    def aanroep(sessie):
        if knop == f"{PREFIX}-afgedaan":
            return verklaar_afgedaan(
                sessie, huidige_actor(), basis.get("toezegging_id"), afdoening=ingevuld.get("afdoening"),
                afgedaan_op=ingevuld.get("afgedaan_op"), document=ingevuld.get("document"),
                toelichting=ingevuld.get("toelichting"), verwachte_versie=basis.get("versie"))
        return verklaar_vervallen(
            sessie, huidige_actor(), basis.get("toezegging_id"), reden=ingevuld.get("reden"),
            vervallen_op=ingevuld.get("vervallen_op"), verwachte_versie=basis.get("versie"))

    def tekst(uitkomst) -> str:
        wat = "afgedaan" if uitkomst.status == "afgedaan" else "vervallen"
        return f"Toezegging {uitkomst.nummer} is {wat} verklaard."

    return _actie(aanroep, ids, basis, tekst)


@dash.callback(
    Output(f"{PREFIX}-melding", "children", allow_duplicate=True),
    Output(f"{PREFIX}-basis", "data", allow_duplicate=True),
    *velden_uitvoer(HEROPENEN),
    Input(f"{PREFIX}-heropenen", "n_clicks"),
    *velden_invoer(HEROPENEN),
    State(f"{PREFIX}-basis", "data"),
    prevent_initial_call=True,
)
def _heropenen(klik, waarden, ids, basis):
    """Een afgedane of vervallen toezegging heropenen (griffie): ``heropen_toezegging``."""
    if not klik:
        raise PreventUpdate
    basis = basis if isinstance(basis, dict) else {}
    ids = veilige_ids(ids)
    ingevuld = ingevulde_velden(ids, waarden)
    return _actie(lambda sessie: heropen_toezegging(sessie, huidige_actor(), basis.get("toezegging_id"),
                                                    reden=ingevuld.get("reden"), verwachte_versie=basis.get("versie")),
                  ids, basis, lambda uitkomst: f"Toezegging {uitkomst.nummer} is weer open.")


@dash.callback(
    Output(f"{PREFIX}-stand", "children"),
    Output(f"{PREFIX}-acties", "children"),
    Input(f"{PREFIX}-basis", "data"),
    prevent_initial_call=True,
)
def _ververs(basis):
    """Na een geslaagde actie (nieuwe versie in de basis): de bijgewerkte stand en de acties die nu kunnen."""
    basis = basis if isinstance(basis, dict) else {}
    actor = huidige_actor()
    if actor is None:
        raise PreventUpdate
    vandaag = dt.date.today()
    with lees_sessie() as sessie:
        stand = toezegging_stand(sessie, id_uit(basis.get("toezegging_id")), vandaag)
    if stand is None:
        raise PreventUpdate
    return _stand(stand), _acties(actor, stand, vandaag)
