"""``/invoer/openbaar``: de beheerder zet de openbare wijkpagina's en de open-data-API aan of uit.

Twee schakelaars, elk met de huidige stand, wie die het laatst wijzigde en wanneer, en een eigen knop.
Alles gaat via ``datalaag.openbaar.zet_openbaar``: die controleert de keuze, het recht
``openbaarheid_beheren`` (ook als iemand de callback rechtstreeks aanroept) en de versie, en schrijft één
``Mutatie``. Wie geen beheerder is, ziet alleen uitleg.
"""

from __future__ import annotations

import datetime as dt

import dash
from dash import Input, Output, State, ctx, dcc, html

from dashboard.auth import huidige_actor
from dashboard.database import lees_sessie
from datalaag.openbaar import ONDERDELEN, Openbaarheid, openbaarheid, zet_openbaar
from datalaag.opmaak import formatteer_datum
from pagina.componenten.formulier import (
    geen_rechten,
    ingevulde_velden,
    maak_keuzeveld,
    melding,
    veilige_ids,
    velden_invoer,
    voer_uit,
)

PREFIX = "openbaar"
TITEL = "Openbare pagina's en open data"
KEUZES = {"aan": "Aan: voor iedereen zichtbaar, zonder aanmelden", "uit": "Uit: tijdelijk niet beschikbaar"}
UITLEG = {
    "paginas": ("Openbare wijkpagina's", "/openbaar",
                ("Pagina's voor bewoners onder /openbaar/wijk/<wijk>: het wijkplan, de doelen, de maatregelen, de "
                 "meldingen per maand en de laatste evaluatie, in eenvoudig Nederlands. Alleen wijken met een door "
                 "de raad vastgesteld plan; nooit namen, adressen of vrije tekst.")),
    "api": ("Open-data-API", "/api/v1/",
            "Dezelfde openbare cijfers als JSON en CSV onder /api/v1/, voor wie er zelf mee wil rekenen."),
}

dash.register_page(
    __name__,
    path="/invoer/openbaar",
    name="Openbaarheid",
    title="Openbare pagina's en open data · Wijkaanpak Almelo",
    description="De openbare wijkpagina's en de open-data-API aan- of uitzetten (beheerder).",
)


def _geen_rechten(actor) -> html.Div:
    uitleg = (f"Met de rol {actor.rol_naam if actor else 'bezoeker'} kunt u de openbare pagina's bekijken, maar niet "
              "aan- of uitzetten: dat doet de functioneel beheerder.")
    return geen_rechten(TITEL, "openbaar-geen-rechten", uitleg,
                        html.A("Naar de openbare wijkpagina's", href="/openbaar", id="openbaar-naar-paginas"))


def _stand(o: Openbaarheid) -> list:
    delen: list = ["Nu: ", html.Strong("aan" if o.aan else "uit", id=f"openbaar-stand-{o.onderdeel}-waarde")]
    if o.versie is None:
        delen.append(" (standaard; nog nooit gewijzigd)")
    else:
        wanneer = f" op {formatteer_datum(o.gewijzigd_op)}" if o.gewijzigd_op else ""
        delen.append(f" · laatst gewijzigd door {o.gewijzigd_door or 'onbekend'}{wanneer}")
    return delen


def _blok(o: Openbaarheid) -> html.Section:
    titel, href, tekst = UITLEG[o.onderdeel]
    return html.Section(
        [
            html.H2(titel, id=f"openbaar-titel-{o.onderdeel}", className="h4"),
            html.P([tekst, " ", html.A("Bekijk", href=href, id=f"openbaar-link-{o.onderdeel}")],
                   className="text-body-secondary"),
            html.P(_stand(o), id=f"openbaar-stand-{o.onderdeel}"),
            maak_keuzeveld(PREFIX, o.onderdeel, f"{titel}: aan of uit", KEUZES, "aan" if o.aan else "uit"),
            dash.html.Button(f"{titel} opslaan", id=f"openbaar-{o.onderdeel}-opslaan", n_clicks=0,
                             className="btn btn-primary"),
        ],
        className="paneel mb-3",
        **{"aria-labelledby": f"openbaar-titel-{o.onderdeel}"},
    )


def layout(**_overig):
    actor = huidige_actor()
    if actor is None or actor.rol != "beheerder":
        return _geen_rechten(actor)
    with lees_sessie() as sessie:
        standen = [openbaarheid(sessie, o) for o in ONDERDELEN]
    return html.Div(
        [
            dcc.Store(id="openbaar-basis", data={o.onderdeel: o.versie for o in standen}),
            html.H1(TITEL),
            html.P("Zet de openbare wijkpagina's voor bewoners en de open-data-API aan of uit, bijvoorbeeld als er "
                   "een fout in de gegevens zit. Uit betekent: bezoekers zien een melding dat de pagina's tijdelijk "
                   "niet beschikbaar zijn. Een wijziging is binnen vijf minuten overal zichtbaar (zo lang mogen "
                   "browsers een openbare pagina bewaren). Elke wijziging komt in het dossier.",
                   className="text-body-secondary"),
            html.Div(id="openbaar-melding", **{"aria-live": "polite"}),
            *(_blok(o) for o in standen),
        ]
    )


@dash.callback(
    Output("openbaar-melding", "children"),
    Output("openbaar-basis", "data"),
    Output("openbaar-stand-paginas", "children"),
    Output("openbaar-stand-api", "children"),
    Input("openbaar-paginas-opslaan", "n_clicks"),
    Input("openbaar-api-opslaan", "n_clicks"),
    *velden_invoer(PREFIX),
    State("openbaar-basis", "data"),
    prevent_initial_call=True,
)
def _opslaan(_paginas, _api, waarden, ids, basis):
    """Eén onderdeel aan- of uitzetten (de knop bepaalt welk): alles via ``datalaag.openbaar.zet_openbaar``."""
    basis = basis if isinstance(basis, dict) else {}
    knop = ctx.triggered_id if isinstance(ctx.triggered_id, str) else ""
    onderdeel = knop.removeprefix("openbaar-").removesuffix("-opslaan")
    if onderdeel not in ONDERDELEN:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    ids = veilige_ids(ids)
    keuze = ingevulde_velden(ids, waarden).get(onderdeel)
    aan = {"aan": True, "uit": False}.get(keuze) if isinstance(keuze, str) else None
    versie = basis.get(onderdeel)
    versie = versie if isinstance(versie, int) and not isinstance(versie, bool) else None
    uit = voer_uit(lambda sessie: zet_openbaar(sessie, huidige_actor(), onderdeel, aan, versie), ids)
    if not uit.gelukt:
        return uit.melding, dash.no_update, dash.no_update, dash.no_update
    stand: Openbaarheid = uit.resultaat
    with lees_sessie() as sessie:
        standen = {o: openbaarheid(sessie, o) for o in ONDERDELEN}
    standen[onderdeel] = stand
    nu = dt.datetime.now()
    tekst = (f"Opgeslagen om {nu:%H:%M}: {ONDERDELEN[onderdeel]} {'staan' if onderdeel == 'paginas' else 'staat'} "
             f"nu {'aan' if stand.aan else 'uit'}.")
    nieuwe_basis = {**{k: v for k, v in basis.items() if k in ONDERDELEN}, onderdeel: stand.versie}
    return (melding("success", tekst, id_="openbaar-bevestiging"), nieuwe_basis,
            _stand(standen["paginas"]), _stand(standen["api"]))
