"""``/invoer/meldingen``: meldingen (incidenten en klachten, §3.4.2.3) registreren, afhandelen en melden aan de
regiegroep.

De coördinator kiest een van zijn wijken (de beheerder een willekeurige wijk) en ziet de lopende meldingen,
oudste eerst, met ernst, ontvangst, werkdagen open en of de afhandelnorm is overschreden (de signaaldefinitie
van ``datalaag.afgeleid``, in woord en pictogram). Per melding opent een link het afhandelformulier met de
huidige stand. Daarnaast: een nieuwe melding registreren en een selectie in één keer melden aan de regiegroep.

Alle keuzes staan in de URL: ``/invoer/meldingen?wijk=kerkelanden&status=open&melding=123``. Elke
schrijfactie gaat via ``datalaag.meldingbeheer``: die controleert de invoer, de rechten (ook als iemand een
callback rechtstreeks aanroept) en de versie, en schrijft het dossier. Na een geslaagde actie bouwt de pagina
zich opnieuw op (bijgewerkte lijst) met een bevestiging die uit de database komt, niet uit de URL.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.autorisatie import schrijfbare_wijken
from datalaag.meldingbeheer import (
    CATEGORIE_LABELS,
    ERNST_LABELS,
    JA_NEE,
    KANAAL_LABELS,
    LIJST_FILTERS,
    MAX_SELECTIE,
    RECHT,
    STATUS_LABELS,
    TEKSTLENGTES,
    VELDEN,
    Conflictfout,
    LijstRegel,
    MeldingStand,
    RegiegroepSelectie,
    WijkMeldingen,
    aantal_gemeld_op,
    datumtijd_tekst,
    handel_af,
    meld_aan_regiegroep,
    melding_stand,
    regiegroep_selectie,
    registreer_melding,
    wijk_meldingen,
)
from datalaag.opmaak import formatteer_datum, formatteer_getal, meervoud
from datalaag.validatie import Controle
from pagina.componenten.filters import maak_keuze
from pagina.componenten.formulier import (
    conflict_melding,
    fouten_per_veld,
    geen_fouten,
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
from pagina.componenten.querystring import geheel

PAD = "/invoer/meldingen"
REG = "melding-registratie"      # registreren
AFH = "melding-afhandeling"      # afhandelen
GEMELD = "melding-gemeld"        # één melding: gemeld aan de regiegroep op
RG = "melding-regiegroep"        # een selectie in één keer melden
SEL = "melding-selectie"         # de selectie kiezen (alleen lezen: zet de URL)
TOON_IN_SELECTIE = 10

dash.register_page(
    __name__,
    path=PAD,
    name="Meldingen invoeren",
    title="Meldingen invoeren · Wijkaanpak Almelo",
    description="Meldingen registreren, de afhandeling vastleggen en melden aan de regiegroep.",
)


# --------------------------------------------------------------------------- URL's


def _zoek(wijk: str | None, status: str | None = None, **extra: Any) -> str:
    """De querystring van deze pagina; standaardwaarden vallen weg."""
    delen = {"wijk": wijk, "status": None if status in (None, "lopend") else status, **extra}
    tekst = urlencode({k: v for k, v in delen.items() if v not in (None, "")})
    return f"?{tekst}" if tekst else ""


def _meldingen_link(slug: str, jaar: int, status: str | None = None) -> str:
    """Naar ``/meldingen`` met de filters die bij deze actie passen."""
    return "/meldingen?" + urlencode({k: v for k, v in {"wijk": slug, "jaar": jaar, "status": status}.items() if v})


def _lees_datum(tekst: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(tekst) if tekst else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- onderdelen


def _geen_rechten(actor) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u meldingen lezen, niet registreren "
              "of afhandelen: dat doen de stadsdeelcoördinatoren voor hun eigen wijken. Alle meldingen, de "
              "afhandeltijden en wat aan de regiegroep is gemeld, ziet u op de pagina Meldingen.")
    return geen_rechten("Meldingen invoeren", "melding-geen-rechten", uitleg,
                        dcc.Link("Naar de meldingen", href="/meldingen"))


def _keuzeveld(prefix: str, sleutel: str, opties: dict[str, str], waarde: str | None, *,
               hulptekst: str | None = None, placeholder: str | None = None) -> html.Div:
    """Een keuzelijst met het label van de datalaag (geen keuze: leeg, met ``placeholder``)."""
    return maak_keuzeveld(prefix, sleutel, VELDEN[sleutel], opties, waarde or "", hulptekst=hulptekst,
                          placeholder=placeholder)


def _pictogram(teken: str) -> html.Span:
    return html.Span(teken, **{"aria-hidden": "true"})


def _normlabel(over_norm: bool, norm: int | None, afgehandeld: bool = False) -> html.Span:
    """Woord + pictogram + kleur: over de norm, binnen de norm, of geen norm voor de categorie."""
    if norm is None:
        return html.Span([_pictogram("–"), " Geen norm"], className="status-label status-geen-data")
    if over_norm:
        return html.Span([_pictogram("✖"), " Te laat afgehandeld" if afgehandeld else " Over de norm"],
                         className="status-label status-ver-achter")
    return html.Span([_pictogram("✔"), " Binnen de norm"], className="status-label status-op-koers")


def _ernst(ernst: str) -> Any:
    if ernst == "ernstig":
        return html.Span([_pictogram("⚠"), " Ernstig"], className="fw-semibold")
    return ERNST_LABELS.get(ernst, ernst)


def _werkdagen(aantal: int | None, norm: int | None) -> str:
    if aantal is None:
        return "–"
    return f"{formatteer_getal(aantal)}" + (f" (norm {norm})" if norm is not None else "")


def _lijst(w: WijkMeldingen, wijk_naam: str, slug: str, gekozen: int | None) -> html.Section:
    afgehandeld = w.filter == "afgehandeld"
    if w.filter == "lopend":
        samenvatting = (f"{meervoud(w.totaal, 'melding is', 'meldingen zijn')} open of in behandeling "
                        f"({formatteer_getal(w.open)} open, {formatteer_getal(w.in_behandeling)} in behandeling); "
                        f"{formatteer_getal(w.over_norm)} daarvan {'is' if w.over_norm == 1 else 'zijn'} langer open "
                        "dan de afhandelnorm. Oudste eerst.")
    elif afgehandeld:
        samenvatting = f"{meervoud(w.totaal, 'afgehandelde melding', 'afgehandelde meldingen')}; laatst afgehandeld eerst."
    else:
        samenvatting = f"{meervoud(w.totaal, 'melding', 'meldingen')} met dit filter. Oudste eerst."
    koppen = (["Melding", "Ontvangen", "Categorie", "Ernst", "Afgehandeld", "Afhandeltijd (werkdagen)", "Norm",
               "Gemeld aan regiegroep", "Actie"] if afgehandeld else
              ["Melding", "Ontvangen", "Categorie", "Ernst", "Status", "Werkdagen open", "Norm", "Actie"])

    def rij(r: LijstRegel) -> html.Tr:
        link = dcc.Link(["Afhandelen" if not afgehandeld else "Openen",
                         html.Span(f" melding {r.naam}", className="visually-hidden")],
                        href=PAD + _zoek(slug, w.filter, melding=r.id, pagina=w.pagina if w.pagina > 1 else None))
        cellen = [html.Td(r.naam, className="text-nowrap"), html.Td(formatteer_datum(r.ontvangen_op), className="text-nowrap"),
                  html.Td(CATEGORIE_LABELS.get(r.categorie, r.categorie)), html.Td(_ernst(r.ernst))]
        if afgehandeld:
            cellen += [html.Td(datumtijd_tekst(r.afgehandeld_op), className="text-nowrap"),
                       html.Td(_werkdagen(r.werkdagen, r.norm_werkdagen), className="text-nowrap"),
                       html.Td(_normlabel(r.over_norm, r.norm_werkdagen, afgehandeld=True)),
                       html.Td(formatteer_datum(r.gemeld_aan_regiegroep_op) if r.gemeld_aan_regiegroep_op else "nog niet")]
        else:
            cellen += [html.Td(STATUS_LABELS.get(r.status, r.status), className="text-nowrap"),
                       html.Td(_werkdagen(r.werkdagen, r.norm_werkdagen), className="text-nowrap"),
                       html.Td(_normlabel(r.over_norm, r.norm_werkdagen))]
        cellen.append(html.Td(link, className="text-nowrap"))
        return html.Tr(cellen, className="table-active" if r.id == gekozen else None,
                       **({"aria-current": "true"} if r.id == gekozen else {}))

    tabel = (html.Div(dbc.Table(
        [
            html.Caption(f"Meldingen in {wijk_naam}: {LIJST_FILTERS[w.filter].lower()}, pagina {w.pagina} van "
                         f"{w.paginas}", className="visually-hidden"),
            html.Thead(html.Tr([html.Th(k, scope="col") for k in koppen])),
            html.Tbody([rij(r) for r in w.regels]),
        ],
        size="sm", striped=True, hover=True, className="mb-2 small align-middle", id="melding-lijst",
    ), className="table-responsive") if w.regels else html.P("Geen meldingen met dit filter.", id="melding-lijst-leeg"))
    paginering = None
    if w.paginas > 1:
        def naar(p: int, tekst: str) -> html.Li:
            return html.Li(dcc.Link(tekst, href=PAD + _zoek(slug, w.filter, pagina=p if p > 1 else None),
                                    className="page-link"), className="page-item")
        paginering = html.Nav(
            html.Ul([
                naar(w.pagina - 1, "Vorige") if w.pagina > 1 else None,
                html.Li(html.Span(f"Pagina {w.pagina} van {w.paginas}", className="page-link"),
                        className="page-item active", **{"aria-current": "page"}),
                naar(w.pagina + 1, "Volgende") if w.pagina < w.paginas else None,
            ], className="pagination pagination-sm mb-0"),
            **{"aria-label": "Pagina's van de lijst"}, id="melding-paginering",
        )
    return html.Section(
        [
            html.H2(f"{LIJST_FILTERS[w.filter]} in {wijk_naam}", id="melding-lijst-titel"),
            html.P(samenvatting, id="melding-lijst-samenvatting", className="small",
                   **{"data-totaal": str(w.totaal), "data-over-norm": str(w.over_norm)}),
            tabel,
            paginering,
        ],
        className="paneel mb-3",
        **{"aria-labelledby": "melding-lijst-titel"},
    )


def _stand(s: MeldingStand) -> html.Dl:
    def regel(term: str, waarde: Any, id_: str | None = None) -> list:
        return [html.Dt(term, className="col-sm-5"),
                html.Dd(waarde if waarde not in (None, "") else "–", className="col-sm-7 mb-1",
                        **({"id": id_} if id_ else {}))]

    plaats = " · ".join(x for x in (s.wijk_naam, s.buurt, s.straat) if x)
    afhandeltijd = None
    if s.afhandeltijd_werkdagen is not None:
        afhandeltijd = [f"{meervoud(s.afhandeltijd_werkdagen, 'werkdag', 'werkdagen')} ",
                        _normlabel(s.over_norm, s.norm_werkdagen, afgehandeld=True)]
    open_ = None if s.status == "afgehandeld" else _normlabel(s.over_norm, s.norm_werkdagen)
    return html.Dl(
        [
            *regel("Plaats", plaats),
            *regel("Categorie", CATEGORIE_LABELS.get(s.categorie, s.categorie)),
            *regel("Ernst", _ernst(s.ernst)),
            *regel("Kanaal", KANAAL_LABELS.get(s.kanaal, s.kanaal)),
            *regel("Ontvangen op", datumtijd_tekst(s.ontvangen_op)),
            *regel("Omschrijving", s.omschrijving),  # gewone tekst, nooit HTML
            *regel("Status", [html.Strong(STATUS_LABELS.get(s.status, s.status), id="melding-huidig-status"),
                              " · " if open_ else None, open_]),
            *regel("Afgehandeld op", datumtijd_tekst(s.afgehandeld_op)),
            *regel("Afhandeltijd", afhandeltijd, id_="melding-huidig-afhandeltijd"),
            *regel("Gemeld aan regiegroep", formatteer_datum(s.gemeld_aan_regiegroep_op)
                   if s.gemeld_aan_regiegroep_op else "nog niet", id_="melding-huidig-gemeld"),
            *regel("Versie", f"{s.versie}" + (f" (laatst door {s.gewijzigd_door})" if s.gewijzigd_door else "")),
        ],
        className="row small mb-0",
        id="melding-huidig",
    )


def _afhandeling(s: MeldingStand, slug: str, filter_: str, vandaag: dt.date) -> html.Section:
    hint_kerngroep = ("Ernstige melding: de notitie vraagt snel overleg in de kerngroep van de regiegroep."
                      if s.ernst == "ernstig" else "Alleen bij ernstige incidenten is de kerngroep nodig.")
    heropenen = ("Deze melding is afgehandeld. Kiest u Open of In behandeling, dan heropent u haar: vul dan een "
                 "toelichting in. Afgehandeld op, de afhandeltijd en de datum van melding aan de regiegroep worden "
                 "leeg (de oude waarden blijven in het dossier); de afhandeltijd telt later weer vanaf de ontvangst."
                 if s.status == "afgehandeld" else None)
    return html.Section(
        [
            dcc.Store(id=f"{AFH}-basis", data={"melding_id": s.id, "versie": s.versie}),
            html.H2(f"Melding {s.naam} afhandelen", id="melding-afhandeling-titel"),
            dbc.Row(
                [
                    dbc.Col([html.H3("Huidige stand", className="h6"), _stand(s)], lg=4, className="mb-3"),
                    dbc.Col(
                        [
                            dbc.Row([
                                dbc.Col([
                                    _keuzeveld(AFH, "status", STATUS_LABELS, s.status),
                                    maak_veld(AFH, "verantwoordelijke", VELDEN["verantwoordelijke"],
                                              s.verantwoordelijke, max_lengte=TEKSTLENGTES["verantwoordelijke"],
                                              hulptekst="Wie de melding afhandelt; verplicht bij In behandeling en "
                                                        "Afgehandeld"),
                                    maak_veld(AFH, "afgehandeld_op", VELDEN["afgehandeld_op"],
                                              datumtijd_tekst(s.afgehandeld_op), max_lengte=16,
                                              hulptekst="dd-mm-jjjj uu:mm; verplicht bij Afgehandeld, anders leeg"),
                                    _keuzeveld(AFH, "kerngroep_betrokken", JA_NEE,
                                               "ja" if s.kerngroep_betrokken else "nee", hulptekst=hint_kerngroep),
                                ], md=5),
                                dbc.Col([
                                    maak_veld(AFH, "aanpak", VELDEN["aanpak"], s.aanpak, meerregelig=True, rijen=3,
                                              max_lengte=TEKSTLENGTES["aanpak"],
                                              hulptekst="Hoe de melding is aangepakt; verplicht bij Afgehandeld. "
                                                        "Gaat mee naar de regiegroep."),
                                    maak_veld(AFH, "rol_bewoners", VELDEN["rol_bewoners"], s.rol_bewoners,
                                              meerregelig=True, rijen=2, max_lengte=TEKSTLENGTES["rol_bewoners"],
                                              hulptekst="Wat bewoners zelf deden of doen (de notitie vraagt hun eigen "
                                                        "rol nadrukkelijk te betrekken)"),
                                    maak_veld(AFH, "toelichting", VELDEN["toelichting"], "", meerregelig=True, rijen=2,
                                              max_lengte=TEKSTLENGTES["toelichting"],
                                              hulptekst=heropenen or "Optioneel; komt in het dossier. Verplicht als "
                                                                     "u een afgehandelde melding heropent."),
                                ], md=7),
                            ]),
                            html.Div(
                                [
                                    dbc.Button("Afhandeling opslaan", id=f"{AFH}-opslaan", color="primary", n_clicks=0),
                                    dcc.Link("Sluiten", href=PAD + _zoek(slug, filter_), id=f"{AFH}-sluiten",
                                             className="btn btn-outline-secondary"),
                                ],
                                className="d-flex flex-wrap align-items-center gap-2",
                            ),
                            html.Div(id=f"{AFH}-melding", **{"aria-live": "polite"}),
                            html.Hr(),
                            *_gemeld_blok(s, vandaag),
                        ],
                        lg=8,
                    ),
                ]
            ),
        ],
        className="paneel mb-3",
        id="melding-afhandeling",
        **{"aria-labelledby": "melding-afhandeling-titel"},
    )


def _gemeld_blok(s: MeldingStand, vandaag: dt.date) -> list[Any]:
    """De datum *gemeld aan de regiegroep*: alleen voor een afgehandelde melding (de service eist dat ook)."""
    titel = html.H3("Gemeld aan de regiegroep", className="h6", id="melding-gemeld-titel")
    if s.status != "afgehandeld":
        return [titel, html.P("Een melding gaat met de gekozen aanpak naar de regiegroep zodra ze is afgehandeld "
                              "(§3.4.2.3). Handel deze melding eerst af; daarna vult u hier de datum van de "
                              "vergadering in.", className="small text-body-secondary mb-2",
                              id="melding-gemeld-nog-niet")]
    return [
        titel,
        html.P("Elke melding gaat met de gekozen aanpak naar de regiegroep (§3.4.2.3). Vul de "
               "datum van de vergadering in waarop deze melding is besproken.",
               className="small text-body-secondary mb-2"),
        dbc.Row([
            dbc.Col(maak_veld(GEMELD, "gemeld_aan_regiegroep_op", VELDEN["gemeld_aan_regiegroep_op"],
                              formatteer_datum(s.gemeld_aan_regiegroep_op or vandaag),
                              max_lengte=10, hulptekst="dd-mm-jjjj, niet in de toekomst"), md=5),
            dbc.Col(dbc.Button("Datum opslaan", id=f"{GEMELD}-opslaan", color="secondary", n_clicks=0), md=7,
                    className="d-flex align-items-end mb-3 pb-1"),
        ]),
        html.Div(id=f"{GEMELD}-melding", **{"aria-live": "polite"}),
    ]


def _registratie(wijk_id: int, wijk_naam: str, nu: dt.datetime) -> html.Section:
    return html.Section(
        [
            dcc.Store(id=f"{REG}-basis", data={"wijk_id": wijk_id}),
            html.H2("Nieuwe melding registreren", id="melding-registratie-titel"),
            html.P(["In ", html.Strong(wijk_naam), ". Een andere wijk kiest u bovenaan de pagina."],
                   className="small text-body-secondary"),
            _keuzeveld(REG, "categorie", CATEGORIE_LABELS, None, placeholder="Kies een categorie"),
            _keuzeveld(REG, "ernst", ERNST_LABELS, "normaal",
                       hulptekst="Ernstig: snel overleg in de kerngroep van de regiegroep"),
            _keuzeveld(REG, "kanaal", KANAAL_LABELS, None, placeholder="Kies hoe de melding binnenkwam"),
            maak_veld(REG, "ontvangen_op", VELDEN["ontvangen_op"], f"{formatteer_datum(nu)} {nu:%H:%M}", max_lengte=16,
                      hulptekst="dd-mm-jjjj uu:mm, niet in de toekomst"),
            dbc.Row([
                dbc.Col(maak_veld(REG, "buurt", VELDEN["buurt"], "", max_lengte=TEKSTLENGTES["buurt"],
                                  hulptekst="Optioneel"), sm=6, xl=12, xxl=6),
                dbc.Col(maak_veld(REG, "straat", VELDEN["straat"], "", max_lengte=TEKSTLENGTES["straat"],
                                  hulptekst="Optioneel"), sm=6, xl=12, xxl=6),
            ]),
            maak_veld(REG, "omschrijving", VELDEN["omschrijving"], "", meerregelig=True, rijen=3,
                      max_lengte=TEKSTLENGTES["omschrijving"], hulptekst="Wat is er gemeld?"),
            maak_veld(REG, "kenmerk", VELDEN["kenmerk"], "", max_lengte=TEKSTLENGTES["kenmerk"],
                      hulptekst="Optioneel: het nummer uit het meldingensysteem; moet uniek zijn"),
            dbc.Button("Melding registreren", id=f"{REG}-opslaan", color="primary", n_clicks=0),
            html.Div(id=f"{REG}-melding", **{"aria-live": "polite"}),
        ],
        className="paneel mb-3",
        id="melding-registratie",
        **{"aria-labelledby": "melding-registratie-titel"},
    )


def _regiegroep(sel: RegiegroepSelectie, wijk_naam: str, vandaag: dt.date) -> html.Section:
    vorige = (f"De vorige vergadering (de laatste datum waarop meldingen van {wijk_naam} zijn gemeld) was op "
              f"{formatteer_datum(sel.vorige_vergadering)}." if sel.vorige_vergadering else
              f"Er zijn nog geen meldingen van {wijk_naam} aan de regiegroep gemeld.")
    periode = f"afgehandeld vanaf {formatteer_datum(sel.vanaf)}" if sel.vanaf else "ongeacht de datum van afhandeling"
    samenvatting: list[Any] = [
        html.Strong(meervoud(sel.aantal, "afgehandelde melding", "afgehandelde meldingen")),
        f" ({periode}) {'is' if sel.aantal == 1 else 'zijn'} nog niet aan de regiegroep gemeld."]
    if not sel.volledig:
        samenvatting.append(f" In één keer kunnen er hooguit {MAX_SELECTIE}: de selectie bevat de eerste "
                            f"{MAX_SELECTIE}; meld daarna de rest.")
    opmerkingen = []
    if sel.zonder_aanpak:
        opmerkingen.append(html.Li(f"{meervoud(sel.zonder_aanpak, 'afgehandelde melding heeft', 'afgehandelde meldingen hebben')}"
                                   " geen aanpak en kan nog niet worden gemeld; leg eerst de aanpak vast."))
    if sel.eerder_niet_gemeld:
        opmerkingen.append(html.Li(f"{meervoud(sel.eerder_niet_gemeld, 'melding', 'meldingen')} van vóór "
                                   f"{formatteer_datum(sel.vanaf)} {'is' if sel.eerder_niet_gemeld == 1 else 'zijn'} "
                                   "nooit gemeld; maak het veld \u201cAfgehandeld vanaf\u201d leeg om ze mee te nemen."))
    getoond = sel.regels[:TOON_IN_SELECTIE]
    tabel = dbc.Table(
        [
            html.Caption("Meldingen in de selectie (de eerste " + str(len(getoond)) + ")", className="visually-hidden"),
            html.Thead(html.Tr([html.Th(k, scope="col") for k in ("Melding", "Categorie", "Afgehandeld op")])),
            html.Tbody([html.Tr([html.Td(r.naam), html.Td(CATEGORIE_LABELS.get(r.categorie, r.categorie)),
                                 html.Td(datumtijd_tekst(r.afgehandeld_op))]) for r in getoond]),
        ],
        size="sm", striped=True, className="small mb-3", id="melding-regiegroep-tabel",
    ) if getoond else None
    rest = len(sel.regels) - len(getoond)
    return html.Section(
        [
            dcc.Store(id=f"{RG}-basis", data={"wijk_id": sel.wijk_id,
                                              "selectie": [[r.id, r.versie] for r in sel.regels]}),
            html.H2("Melden aan de regiegroep", id="melding-regiegroep-titel"),
            html.P(["Elke melding wordt met de gekozen aanpak gerapporteerd aan de regiegroep (§3.4.2.3). ", vorige],
                   className="small text-body-secondary"),
            dbc.Row([
                dbc.Col(maak_veld(SEL, "vanaf", "Afgehandeld vanaf",
                                  formatteer_datum(sel.vanaf) if sel.vanaf else "", max_lengte=10,
                                  hulptekst="dd-mm-jjjj; standaard de vorige vergadering, leeg = alles"), md=5),
                dbc.Col(dbc.Button("Selectie tonen", id=f"{SEL}-tonen", color="secondary", outline=True, n_clicks=0),
                        md=7, className="d-flex align-items-end mb-3 pb-1"),
            ]),
            html.P(samenvatting, id="melding-regiegroep-samenvatting", **{"data-aantal": str(len(sel.regels))}),
            html.Ul(opmerkingen, className="small") if opmerkingen else None,
            tabel,
            html.P(f"En nog {meervoud(rest, 'melding', 'meldingen')}.", className="small") if rest > 0 else None,
            dbc.Row([
                dbc.Col(maak_veld(RG, "gemeld_aan_regiegroep_op", "Datum van de regiegroepvergadering",
                                  formatteer_datum(vandaag), max_lengte=10, hulptekst="dd-mm-jjjj, niet in de toekomst"),
                        md=5),
                dbc.Col(dbc.Button(f"Meld {meervoud(len(sel.regels), 'melding', 'meldingen')} aan de regiegroep",
                                   id=f"{RG}-opslaan", color="primary", n_clicks=0, disabled=not sel.regels),
                        md=7, className="d-flex align-items-end mb-3 pb-1"),
            ]),
            html.Div(id=f"{RG}-melding", **{"aria-live": "polite"}),
        ],
        className="paneel mb-3",
        id="melding-regiegroep",
        **{"aria-labelledby": "melding-regiegroep-titel"},
    )


def _bevestiging(opgeslagen: str | None, stand: MeldingStand | None, slug: str, wijk_id: int, wijk_naam: str,
                 gemeld: dt.date | None, vandaag: dt.date, sessie) -> dbc.Alert | None:
    """De bevestiging na een geslaagde actie, met wat er nu in de database staat."""
    tekst, link = None, None
    if opgeslagen == "registratie" and stand is not None:
        tekst = (f"Melding {stand.naam} is geregistreerd in {stand.wijk_naam} (status "
                 f"{STATUS_LABELS[stand.status].lower()}). Hieronder legt u de afhandeling vast zodra die bekend is.")
        link = _meldingen_link(slug, stand.ontvangen_op.year, stand.status)
    elif opgeslagen == "afhandeling" and stand is not None:
        tekst = f"De afhandeling van melding {stand.naam} is opgeslagen: status {STATUS_LABELS[stand.status].lower()}"
        if stand.afhandeltijd_werkdagen is not None:
            tekst += (f", afhandeltijd {meervoud(stand.afhandeltijd_werkdagen, 'werkdag', 'werkdagen')}"
                      + ("" if stand.norm_werkdagen is None else
                         f" ({'over' if stand.over_norm else 'binnen'} de norm van {stand.norm_werkdagen})"))
        tekst += "."
        link = _meldingen_link(slug, stand.ontvangen_op.year, stand.status)
    elif opgeslagen == "gemeld" and stand is not None and stand.gemeld_aan_regiegroep_op:
        tekst = (f"Melding {stand.naam} staat als gemeld aan de regiegroep op "
                 f"{formatteer_datum(stand.gemeld_aan_regiegroep_op)}.")
        link = _meldingen_link(slug, stand.ontvangen_op.year, stand.status)
    elif opgeslagen == "regiegroep" and gemeld is not None:
        aantal = aantal_gemeld_op(sessie, wijk_id, gemeld)
        tekst = (f"Gemeld aan de regiegroep op {formatteer_datum(gemeld)}: "
                 f"{meervoud(aantal, 'melding', 'meldingen')} van {wijk_naam} {'heeft' if aantal == 1 else 'hebben'} "
                 "nu deze datum.")
        link = _meldingen_link(slug, vandaag.year, "afgehandeld")
    if tekst is None:
        return None
    return dbc.Alert([html.Strong(tekst + " "), dcc.Link("Bekijk de meldingen van de wijk", href=link,
                                                          id="melding-bevestiging-link")],
                     color="success", id="melding-bevestiging")


# --------------------------------------------------------------------------- layout


def layout(wijk: str | None = None, status: str | None = None, melding: str | None = None,
           pagina: str | None = None, vanaf: str | None = None, opgeslagen: str | None = None,
           gemeld: str | None = None, **_overig):
    actor = huidige_actor()
    vandaag = dt.date.today()
    nu = dt.datetime.now()
    waarschuwingen = []
    with lees_sessie() as sessie:
        wijken = schrijfbare_wijken(sessie, actor, RECHT)
        if not wijken:
            return _geen_rechten(actor)
        eigen = {w.id: w for w in wijken}
        stand = melding_stand(sessie, geheel(melding), vandaag) if melding else None
        if melding and (stand is None or stand.wijk_id not in eigen):
            waarschuwingen.append(dbc.Alert(f"Melding \u201c{melding[:20]}\u201d staat niet in uw wijken of bestaat "
                                            "niet (meer).", color="warning", id="melding-niet-gevonden"))
            stand = None
        gekozen = (eigen[stand.wijk_id] if stand is not None
                   else next((w for w in wijken if w.slug == wijk), wijken[0]))
        if wijk and wijk != gekozen.slug and stand is None:
            waarschuwingen.append(dbc.Alert(f"Wijk \u201c{wijk[:40]}\u201d staat niet in uw lijst; u ziet "
                                            f"{gekozen.naam}.", color="warning", id="melding-wijk-niet-gevonden"))
        filter_ = status if status in LIJST_FILTERS else "lopend"
        lijst = wijk_meldingen(sessie, gekozen.id, filter_, geheel(pagina) or 1, vandaag)
        grens: Any = "vorige"
        if vanaf == "alle":
            grens = None
        elif vanaf:
            grens = _lees_datum(vanaf) or "vorige"
        selectie = regiegroep_selectie(sessie, gekozen.id, grens)
        bevestiging = _bevestiging(opgeslagen, stand, gekozen.slug, gekozen.id, gekozen.naam, _lees_datum(gemeld),
                                   vandaag, sessie)
    return html.Div(
        [
            dcc.Location(id="melding-url", refresh="callback-nav"),
            dcc.Store(id="melding-pagina", data={"wijk": gekozen.slug, "status": filter_,
                                                  "melding": stand.id if stand else None,
                                                  "vanaf": vanaf if vanaf and grens != "vorige" else None}),
            html.H1("Meldingen invoeren"),
            html.P("Registreer incidenten en klachten, leg vast hoe ze zijn afgehandeld (met de eigen rol van de "
                   "bewoners) en meld ze aan de regiegroep. Elke wijziging komt in het dossier.",
                   className="text-body-secondary"),
            html.Div(dbc.Row(
                [
                    maak_keuze("melding-wijk", "Wijk", [{"label": w.naam, "value": w.slug} for w in wijken],
                               gekozen.slug, xs=12, sm=6, lg=3),
                    maak_keuze("melding-status", "Toon", [{"label": t, "value": k} for k, t in LIJST_FILTERS.items()],
                               filter_, xs=12, sm=6, lg=3),
                    dbc.Col(dcc.Link(f"Alle meldingen van {gekozen.naam} op de pagina Meldingen",
                                     href=_meldingen_link(gekozen.slug, vandaag.year,
                                                          filter_ if filter_ not in ("lopend", "afgehandeld")
                                                          else None),
                                     id="melding-naar-meldingen"),
                            xs=12, lg=6, className="d-flex align-items-end"),
                ],
                className="g-3 mb-3",
            ), role="group", **{"aria-label": "Wijk en filter"}),
            *waarschuwingen,
            bevestiging,
            dcc.Store(id="melding-focus", data="melding-bevestiging") if bevestiging is not None else None,
            _afhandeling(stand, gekozen.slug, filter_, vandaag) if stand is not None else None,
            dbc.Row(
                [
                    dbc.Col([_lijst(lijst, gekozen.naam, gekozen.slug, stand.id if stand else None),
                             _regiegroep(selectie, gekozen.naam, vandaag)], xl=9),
                    dbc.Col(_registratie(gekozen.id, gekozen.naam, nu), xl=3),
                ]
            ),
        ]
    )


# --------------------------------------------------------------------------- callbacks: navigeren (alleen lezen)


@dash.callback(
    Output("melding-url", "search"),
    Input("melding-wijk", "value"),
    Input("melding-status", "value"),
    State("melding-pagina", "data"),
    prevent_initial_call=True,
)
def _keuze_naar_url(wijk: str | None, status: str | None, pagina):
    """Een andere wijk of een ander filter: naar dat adres (de pagina bouwt zich opnieuw op)."""
    pagina = pagina if isinstance(pagina, dict) else {}
    if wijk == pagina.get("wijk") and status == pagina.get("status"):
        return dash.no_update
    return _zoek(wijk, status)


@dash.callback(
    Output("melding-url", "search", allow_duplicate=True),
    *velden_uitvoer(SEL),
    Input(f"{SEL}-tonen", "n_clicks"),
    *velden_invoer(SEL),
    State("melding-pagina", "data"),
    prevent_initial_call=True,
)
def _selectie_naar_url(_klik, waarden, ids, pagina):
    """De selectie voor de regiegroep opnieuw tonen vanaf de ingevulde datum (leeg: alles)."""
    ids = veilige_ids(ids)
    pagina = pagina if isinstance(pagina, dict) else {}
    tekst = ingevulde_velden(ids, waarden).get("vanaf")
    c = Controle()
    datum = c.datum("vanaf", "Afgehandeld vanaf", tekst)
    if c.fouten:
        invalid, teksten = fouten_per_veld(ids, c.fouten)
        return dash.no_update, invalid, teksten
    return (_zoek(pagina.get("wijk"), pagina.get("status"), vanaf=datum.isoformat() if datum else "alle"),
            *geen_fouten(ids))


# Na een geslaagde actie bouwt de pagina zich opnieuw op, maar de browser blijft waar hij was (vaak bij de
# knop onderaan). Breng de bevestiging in beeld en geef haar de focus, zodat ook wie met het toetsenbord werkt
# verder kan vanaf de bevestiging.
dash.clientside_callback(
    """
    function(doel) {
        const zet = () => {
            const el = doel && document.getElementById(doel);
            if (el) {
                el.setAttribute('tabindex', '-1');
                el.scrollIntoView({block: 'start'});
                el.focus({preventScroll: true});
            }
        };
        setTimeout(zet, 0);
        return window.dash_clientside.no_update;
    }
    """,
    Output("melding-focus", "modified_timestamp"),
    Input("melding-focus", "data"),
)


# --------------------------------------------------------------------------- callbacks: schrijven


def _conflict(fout: Conflictfout, pagina: dict, id_: str) -> dbc.Alert:
    return conflict_melding(fout, id_, PAD + _zoek(pagina.get("wijk"), pagina.get("status"),
                                                   melding=pagina.get("melding")))


def _nonce() -> str:
    """Maakt het adres na elke geslaagde actie anders, zodat de pagina zich ook bij dezelfde keuze opnieuw opbouwt."""
    return str(time.time_ns() // 1_000_000)


@dash.callback(
    Output(f"{REG}-melding", "children"),
    *velden_uitvoer(REG),
    Output("melding-url", "search", allow_duplicate=True),
    Input(f"{REG}-opslaan", "n_clicks"),
    *velden_invoer(REG),
    State(f"{REG}-basis", "data"),
    State("melding-pagina", "data"),
    running=[(Output(f"{REG}-opslaan", "disabled"), True, False)],
    prevent_initial_call=True,
)
def _registreren(_klik, waarden, ids, basis, pagina):
    """Een nieuwe melding: ``datalaag.meldingbeheer.registreer_melding``; daarna opent haar afhandelformulier."""
    ids = veilige_ids(ids)
    basis = basis if isinstance(basis, dict) else {}
    pagina = pagina if isinstance(pagina, dict) else {}
    ingevuld = ingevulde_velden(ids, waarden)
    uitkomst = voer_uit(lambda sessie: registreer_melding(
        sessie, huidige_actor(), basis.get("wijk_id"),
        **{k: ingevuld.get(k) for k in ("categorie", "ernst", "kanaal", "ontvangen_op", "buurt", "straat",
                                         "omschrijving", "kenmerk")},
    ), ids)
    if not uitkomst.gelukt:
        return uitkomst.melding, *uitkomst.velden, dash.no_update
    uit = uitkomst.resultaat
    return (melding("success", "Geregistreerd."), *uitkomst.velden,
            _zoek(uit.wijk_slug, pagina.get("status"), melding=uit.melding_id, opgeslagen="registratie", t=_nonce()))


@dash.callback(
    Output(f"{AFH}-melding", "children"),
    *velden_uitvoer(AFH),
    Output("melding-url", "search", allow_duplicate=True),
    Input(f"{AFH}-opslaan", "n_clicks"),
    *velden_invoer(AFH),
    State(f"{AFH}-basis", "data"),
    State("melding-pagina", "data"),
    running=[(Output(f"{AFH}-opslaan", "disabled"), True, False)],
    prevent_initial_call=True,
)
def _afhandelen(_klik, waarden, ids, basis, pagina):
    """De afhandeling vastleggen (of heropenen): ``datalaag.meldingbeheer.handel_af``."""
    ids = veilige_ids(ids)
    basis = basis if isinstance(basis, dict) else {}
    pagina = pagina if isinstance(pagina, dict) else {}
    ingevuld = ingevulde_velden(ids, waarden)
    uitkomst = voer_uit(lambda sessie: handel_af(
        sessie, huidige_actor(), basis.get("melding_id"), verwachte_versie=basis.get("versie"),
        **{k: ingevuld.get(k) for k in ("status", "verantwoordelijke", "aanpak", "rol_bewoners",
                                         "kerngroep_betrokken", "afgehandeld_op", "toelichting")},
    ), ids, conflict=lambda fout: _conflict(fout, pagina, "melding-afhandeling-conflict"))
    if not uitkomst.gelukt:
        return uitkomst.melding, *uitkomst.velden, dash.no_update
    uit = uitkomst.resultaat
    if not uit.gewijzigd:
        return melding("info", "Er was niets gewijzigd; er is niets opgeslagen."), *uitkomst.velden, dash.no_update
    return (melding("success", "Opgeslagen."), *uitkomst.velden,
            _zoek(uit.wijk_slug, pagina.get("status"), melding=uit.melding_id, opgeslagen="afhandeling", t=_nonce()))


def _melden(basis_selectie: Any, waarden, ids, pagina: dict, id_: str):
    """Meldingen aan de regiegroep melden op de ingevulde datum (``datalaag.meldingbeheer.meld_aan_regiegroep``).
    Een fout in de selectie staat alleen in de melding (er is geen veld voor); die in de datum ook bij het veld."""
    datum = ingevulde_velden(ids, waarden).get("gemeld_aan_regiegroep_op")
    return voer_uit(lambda sessie: meld_aan_regiegroep(sessie, huidige_actor(), basis_selectie, datum=datum), ids,
                    conflict=lambda fout: _conflict(fout, pagina, id_))


@dash.callback(
    Output(f"{GEMELD}-melding", "children"),
    *velden_uitvoer(GEMELD),
    Output("melding-url", "search", allow_duplicate=True),
    Input(f"{GEMELD}-opslaan", "n_clicks"),
    *velden_invoer(GEMELD),
    State(f"{AFH}-basis", "data"),
    State("melding-pagina", "data"),
    running=[(Output(f"{GEMELD}-opslaan", "disabled"), True, False)],
    prevent_initial_call=True,
)
def _meld_een(_klik, waarden, ids, basis, pagina):
    """Eén melding: de datum *gemeld aan regiegroep* (``datalaag.meldingbeheer.meld_aan_regiegroep``)."""
    ids = veilige_ids(ids)
    basis = basis if isinstance(basis, dict) else {}
    pagina = pagina if isinstance(pagina, dict) else {}
    uitkomst = _melden([[basis.get("melding_id"), basis.get("versie")]], waarden, ids, pagina,
                       "melding-gemeld-conflict")
    if not uitkomst.gelukt:
        return uitkomst.melding, *uitkomst.velden, dash.no_update
    uit = uitkomst.resultaat
    if not uit.aantal:
        return melding("info", "De melding had deze datum al; er is niets opgeslagen."), *uitkomst.velden, \
            dash.no_update
    return (melding("success", "Opgeslagen."), *uitkomst.velden,
            _zoek(uit.wijk_slugs[0], pagina.get("status"), melding=basis.get("melding_id"), opgeslagen="gemeld",
                  t=_nonce()))


@dash.callback(
    Output(f"{RG}-melding", "children"),
    *velden_uitvoer(RG),
    Output("melding-url", "search", allow_duplicate=True),
    Input(f"{RG}-opslaan", "n_clicks"),
    *velden_invoer(RG),
    State(f"{RG}-basis", "data"),
    State("melding-pagina", "data"),
    running=[(Output(f"{RG}-opslaan", "disabled"), True, False)],
    prevent_initial_call=True,
)
def _meld_selectie(_klik, waarden, ids, basis, pagina):
    """De getoonde selectie in één keer melden aan de regiegroep (alles of niets)."""
    ids = veilige_ids(ids)
    basis = basis if isinstance(basis, dict) else {}
    pagina = pagina if isinstance(pagina, dict) else {}
    uitkomst = _melden(basis.get("selectie"), waarden, ids, pagina, "melding-regiegroep-conflict")
    if not uitkomst.gelukt:
        return uitkomst.melding, *uitkomst.velden, dash.no_update
    uit = uitkomst.resultaat
    return (melding("success", "Opgeslagen."), *uitkomst.velden,
            _zoek(uit.wijk_slugs[0] if len(uit.wijk_slugs) == 1 else pagina.get("wijk"), pagina.get("status"),
                  vanaf=pagina.get("vanaf"), opgeslagen="regiegroep", gemeld=uit.datum.isoformat(), t=_nonce()))
