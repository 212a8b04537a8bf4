"""``/dossier``: elke wijziging in de app — wie, wanneer, wat, oud → nieuw — om te lezen en te
exporteren. Het dossier is alleen aan te vullen; deze pagina heeft dus geen knop om iets te
bewerken of te wissen (en de datalaag weigert dat ook).

De filters staan in de URL: ``/dossier?wijk=kerkelanden&gebruiker=4&entiteit=evaluatie&van=2026-01-01&tot=2026-11-30``
(datums als jjjj-mm-dd; in het formulier typt u dd-mm-jjjj). Een ongeldige waarde wordt genegeerd,
met een melding. Elke aangemelde rol mag het dossier lezen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from dashboard.database import lees_sessie
from dashboard.export import Kolom
from datalaag.dossier import (
    MAX_PAGINAGROOTTE,
    DossierFilter,
    DossierKeuzes,
    DossierRij,
    aantal_mutaties,
    filterkeuzes,
    formatteer_tijdstip,
    kies_filter,
    lees_datum,
    mutaties,
)
from datalaag.opmaak import formatteer_getal
from pagina.componenten.filters import ALLE, maak_keuze
from pagina.componenten.grid import AG_GRID_NL, maak_grid_serverzijdig, registreer_paginering

dash.register_page(
    __name__,
    path="/dossier",
    name="Dossier",
    title="Dossier · Wijkaanpak Almelo",
    description="Elke wijziging in het dashboard: wie, wanneer, wat, van oud naar nieuw. Alleen aan te vullen.",
    order=20,
)

GRID = "dossier-lijst"
PAGINAGROOTTE = 50

KOLOMMEN = [
    Kolom("tijdstip", "Tijdstip", breedte=150),
    Kolom("gebruiker", "Gebruiker", breedte=170),
    Kolom("wijk", "Wijk", breedte=140),
    Kolom("entiteit", "Entiteit", breedte=140),
    Kolom("actie", "Actie", breedte=140),
    Kolom("wijziging", "Wijziging", breedte=420),
]


#: Zoveel tekens van een wijziging staan in de tabel (drie regels); de rest in de tooltip en de export.
KORT = 200


def _kort(tekst: str) -> str:
    if len(tekst) <= KORT:
        return tekst
    kort = tekst[:KORT]
    return (kort.rsplit(" ", 1)[0] if " " in kort[KORT // 2:] else kort) + " …"


def _rij(r: DossierRij) -> dict[str, Any]:
    volledig = r.wijziging
    return {
        "tijdstip": formatteer_tijdstip(r.tijdstip), "gebruiker": r.gebruiker, "wijk": r.wijk or "",
        "entiteit": r.onderwerp, "actie": r.actie_label, "wijziging": _kort(volledig),
        "wijziging_volledig": volledig,
    }


def _exportrij(rij: dict[str, Any]) -> dict[str, Any]:
    """De export krijgt de volledige tekst van elke wijziging."""
    return {**rij, "wijziging": rij.get("wijziging_volledig", rij.get("wijziging"))}


def _grid_rijen(query: Mapping[str, str], start: int, eind: int, sortering: Sequence[tuple[str, str]],
                filters: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Eén blok van het dossier met de filters uit de URL (voor de tabel en de export). AG Grid vraagt
    blokken ter grootte van een pagina op; de export vraagt alles vanaf 0 op."""
    if filters:
        raise ValueError("de tabel van het dossier heeft geen kolomfilters")
    grootte = eind - start
    if grootte <= 0 or start % grootte:
        raise ValueError("ongeldig rijbereik")
    with lees_sessie() as sessie:
        rijen, totaal = mutaties(sessie, kies_filter(query).filter, start // grootte + 1, grootte, sortering)
    return [_rij(r) for r in rijen], totaal


registreer_paginering(GRID, _grid_rijen, kolommen=KOLOMMEN, naam="dossier", max_export=MAX_PAGINAGROOTTE,
                      export_rij=_exportrij)


# --------------------------------------------------------------------------- onderdelen


def _datumveld(id_: str, label: str, waarde: dt.date | None, fout: str | None) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label, html_for=id_, className="fw-semibold mb-1"),
            dbc.Input(id=id_, type="text", value=f"{waarde:%d-%m-%Y}" if waarde else "", placeholder="dd-mm-jjjj",
                      autoComplete="off", debounce=True, invalid=bool(fout), maxLength=10),
            html.Div(fout or "", id=f"{id_}-fout", className="invalid-feedback d-block", **{"aria-live": "polite"}),
        ],
        xs=6, sm=3, lg=2,
    )


def _keuze(id_: str, label: str, opties: list[tuple[str, str]], waarde: str | None, alle: str, lg: int) -> dbc.Col:
    """Keuzelijst met "alle ..." voorop; ``opties`` als (waarde, tekst)."""
    return maak_keuze(id_, label, [{"label": alle, "value": ALLE}] + [{"label": t, "value": v} for v, t in opties],
                      waarde or ALLE, xs=12, sm=6, lg=lg)


def _filters(keuzes: DossierKeuzes, f: DossierFilter, fouten: Mapping[str, str]) -> html.Div:
    return html.Div(dbc.Form(
        [
            dbc.Row(
                [
                    _keuze("dossier-wijk", "Wijk", keuzes.wijken, f.wijk if isinstance(f.wijk, str) else None,
                           "Alle wijken", lg=3),
                    _keuze("dossier-gebruiker", "Gebruiker", keuzes.gebruikers, f.gebruiker, "Alle gebruikers", lg=3),
                    _keuze("dossier-entiteit", "Entiteit", keuzes.entiteiten, f.entiteit, "Alle entiteiten", lg=2),
                    _datumveld("dossier-van", "Van", f.van, fouten.get("van")),
                    _datumveld("dossier-tot", "Tot en met", f.tot, fouten.get("tot")),
                ],
                className="g-3",
            ),
            html.P(["Datums als dd-mm-jjjj; druk op Enter of ga naar het volgende veld om te filteren. ",
                    dcc.Link("Alle filters wissen", href="/dossier", id="dossier-wis")],
                   className="small text-body-secondary mt-2 mb-0"),
        ],
        # Enter in een datumveld mag het formulier niet versturen (dat zou de pagina herladen).
        prevent_default_on_submit=True,
        className="paneel mb-3",
    ), role="group", **{"aria-label": "Filters"})


def _uitleg() -> html.Section:
    return html.Section(
        [
            html.P(
                "Elke wijziging in het dashboard komt hier te staan, in dezelfde transactie als de wijziging zelf: "
                "wie, wanneer, wat, en van welke oude naar welke nieuwe waarde. Het dossier kan alleen worden "
                "aangevuld. Niemand kan een regel bewerken of wissen, ook de beheerder niet. Daarom staat hier "
                "geen knop om te bewerken of te verwijderen.",
                className="mb-1",
            ),
            html.P(
                "Zo is het dossier op orde. De Rekenkamercommissie stelde in \u201cDe wijk ontwikkeld?\u201d "
                "vast dat de dossiers dat niet waren (conclusie 19).",
                className="mb-0",
            ),
        ],
        className="paneel mb-3", id="dossier-uitleg", **{"aria-label": "Over het dossier"},
    )


def _onderwerp(keuzes: DossierKeuzes, f: DossierFilter) -> str:
    delen = [dict(keuzes.wijken).get(f.wijk, "") if isinstance(f.wijk, str) else "alle wijken",
             dict(keuzes.gebruikers).get(f.gebruiker or "", ""),
             dict(keuzes.entiteiten).get(f.entiteit or "", "")]
    if f.van or f.tot:
        delen.append(f"{f'{f.van:%d-%m-%Y}' if f.van else '…'} t/m {f'{f.tot:%d-%m-%Y}' if f.tot else '…'}")
    return " · ".join(d for d in delen if d)


# --------------------------------------------------------------------------- layout


def layout(wijk: str | None = None, gebruiker: str | None = None, entiteit: str | None = None,
           van: str | None = None, tot: str | None = None, **_: Any) -> html.Div:
    query = {"wijk": wijk, "gebruiker": gebruiker, "entiteit": entiteit, "van": van, "tot": tot}
    with lees_sessie() as sessie:
        keuzes = filterkeuzes(sessie)
        gekozen = kies_filter(query, keuzes)
        totaal = aantal_mutaties(sessie, gekozen.filter)
    f = gekozen.filter
    meldingen = [dbc.Alert(tekst, color="warning", id=f"dossier-ongeldig-{veld}", className="mb-2")
                 for veld, tekst in gekozen.fouten.items() if veld not in ("van", "tot")]
    wijknaam = dict(keuzes.wijken).get(f.wijk) if isinstance(f.wijk, str) else None
    return html.Div(
        [
            dcc.Location(id="dossier-url", refresh="callback-nav"),
            html.H1("Dossier", className="mb-0"),
            html.P(_onderwerp(keuzes, f), className="text-body-secondary", id="dossier-onderwerp"),
            _uitleg(),
            *meldingen,
            _filters(keuzes, f, gekozen.fouten),
            html.Section(
                [
                    html.H2("Wijzigingen", id="dossier-lijst-titel"),
                    html.P(
                        [
                            f"{formatteer_getal(totaal)} {'wijziging' if totaal == 1 else 'wijzigingen'} met deze "
                            "filters, nieuwste eerst. Sorteer via de kolomkoppen. Een lange wijziging is in de tabel "
                            "ingekort (…); de volledige tekst staat in de export en verschijnt als u de muis op de "
                            "cel houdt.",
                            *([" ", dcc.Link(f"Naar de wijkpagina van {wijknaam}", href=f"/wijk/{f.wijk}",
                                             id="dossier-wijklink")] if wijknaam else []),
                        ],
                        className="small", id="dossier-aantal", **{"data-aantal": str(totaal)},
                    ),
                    maak_grid_serverzijdig(
                        GRID, KOLOMMEN, paginagrootte=PAGINAGROOTTE, max_export=MAX_PAGINAGROOTTE, hoogte=620,
                        kolomopties={
                            **{k.veld: {"filter": False} for k in KOLOMMEN},
                            "wijziging": {"filter": False, "sortable": False, "wrapText": True, "flex": 3,
                                          "tooltipField": "wijziging_volledig",
                                          "cellStyle": {"lineHeight": "1.35", "paddingTop": "6px",
                                                        "overflow": "hidden"}},
                        },
                        extra_opties={"rowHeight": 68, "tooltipShowDelay": 400,
                                      "localeText": {**AG_GRID_NL, "noRowsToShow": "Geen wijzigingen met deze filters"}},
                    ),
                ],
                className="paneel mb-3", **{"aria-labelledby": "dossier-lijst-titel"},
            ),
        ]
    )


# --------------------------------------------------------------------------- callbacks


@dash.callback(
    Output("dossier-url", "search"),
    Output("dossier-van", "invalid"),
    Output("dossier-van-fout", "children"),
    Output("dossier-tot", "invalid"),
    Output("dossier-tot-fout", "children"),
    Input("dossier-wijk", "value"),
    Input("dossier-gebruiker", "value"),
    Input("dossier-entiteit", "value"),
    Input("dossier-van", "value"),
    Input("dossier-tot", "value"),
    prevent_initial_call=True,
)
def _filters_naar_url(wijk: str | None, gebruiker: str | None, entiteit: str | None, van: str | None,
                      tot: str | None):
    """Elke filterkeuze gaat de URL in (datums als jjjj-mm-dd); de pagina wordt dan opnieuw
    opgebouwd. Een onleesbare datum geeft een melding bij het veld en verandert de URL niet."""
    van_datum, van_fout = lees_datum("van", "Van", van)
    tot_datum, tot_fout = lees_datum("tot", "Tot en met", tot)
    if not (van_fout or tot_fout) and van_datum and tot_datum and tot_datum < van_datum:
        tot_fout = "Tot en met: deze datum ligt vóór de datum bij Van. Kies een latere datum."
    if van_fout or tot_fout:
        return dash.no_update, bool(van_fout), van_fout or "", bool(tot_fout), tot_fout or ""
    delen = {"wijk": wijk, "gebruiker": gebruiker, "entiteit": entiteit,
             "van": van_datum.isoformat() if van_datum else None, "tot": tot_datum.isoformat() if tot_datum else None}
    tekst = urlencode({k: v for k, v in delen.items() if v and v != ALLE})
    return (f"?{tekst}" if tekst else ""), False, "", False, ""
