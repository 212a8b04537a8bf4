"""Trendgrafiek van één doelstelling: metingen (lijn + punten), de nulmeting (ruit), de rechte
streeflijn van nulmeting naar streefwaarde (gestreept) en de status *op koers* (pictogram + woord +
kleur). Met titel en "Toon als tabel" via :func:`maak_grafiek`.

Bij een telling (``is_telling``) toont de grafiek de waarden per 1.000 inwoners en zegt de as dat.
De grafiek heeft een patroon-id ``{"type": <type_>, "doelstelling": <id>}`` zodat een pagina een
klik op een punt kan opvangen (bijv. om de volledige geschiedenis te openen).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from dash import dcc, html

from dashboard.export import Kolom
from dashboard.thema import OKABE_ITO
from datalaag.afgeleid import nulmeting_datum, verwachte_waarde
from datalaag.opmaak import formatteer_datum, formatteer_getal
from datalaag.trends import DoelstellingTrend, streeflijn
from pagina.componenten.grafiek import bestandsnaam, kolom, maak_grafiek, maak_tabel
from pagina.componenten.status import maak_status_label
from pagina.componenten.tabelexport import Tabelgegevens, bewaar_gegevens

#: Patroon-ids van een tabelalternatief dat pas bij openen van "Toon als tabel" wordt geladen
#: (:func:`lui_tabelalternatief`): de knop (``<summary>``) en de plaatshouder voor de tabel.
TABEL_KNOP = "luie-tabel-knop"
LUIE_TABEL = "luie-tabel"

STREEFLIJN_KLEUR = "#505050"
NULMETING_KLEUR = "#1b1b1b"


def decimalen(trend: DoelstellingTrend) -> int:
    """Eén decimaal, ook per 1.000 inwoners."""
    return 1


def streefwaarde_tekst(trend: DoelstellingTrend) -> str:
    """De streefwaarde zoals de raad hem vastlegde: absoluut ("54,5 in 2032") of relatief
    ("+5% t.o.v. nulmeting = 66,2 in 2032"), in de opgeslagen eenheid."""
    d = decimalen(trend)
    absoluut = formatteer_getal(trend.streefwaarde_absoluut, d)
    if trend.streef_type == "relatief":
        teken = "+" if trend.streefwaarde >= 0 else ""
        procent = formatteer_getal(trend.streefwaarde, 0 if float(trend.streefwaarde).is_integer() else 1)
        tekst = f"{teken}{procent}% t.o.v. nulmeting = {absoluut}"
    else:
        tekst = absoluut
    tekst += f" in {trend.streefjaar}"
    if trend.is_telling and trend.streefwaarde_per_1000 is not None:
        tekst += f" ({formatteer_getal(trend.streefwaarde_per_1000, d)} per 1.000 inwoners)"
    return tekst


def _punten(trend: DoelstellingTrend, vanaf_jaar: int | None) -> tuple:
    return tuple(p for p in trend.metingen if vanaf_jaar is None or p.peildatum.year >= vanaf_jaar)


@lru_cache(maxsize=4)
def _sjabloon_json(naam: str) -> dict[str, Any]:
    return pio.templates[naam].to_plotly_json()


def sjabloon() -> dict[str, Any]:
    """Het standaard Plotly-template (de huisstijl, :func:`dashboard.thema.registreer_template`) als
    dict, voor figuren die als gewone dict worden gebouwd: ``go.Figure`` voegt het zelf toe, een dict
    niet. Niet wijzigen (gedeeld)."""
    naam = pio.templates.default
    return _sjabloon_json(naam) if isinstance(naam, str) and naam in pio.templates else {}


def trendfiguur_dict(trend: DoelstellingTrend, hoogte: int = 300, vanaf_jaar: int | None = None) -> dict[str, Any]:
    """De trendgrafiek als gewone dict (``{"data": [...], "layout": {...}}``, met het huisstijltemplate):
    zonder de validatie van ``go.Figure``. ``vanaf_jaar``: alleen metingen vanaf dat jaar (None: alle)."""
    d = decimalen(trend)
    metingen = _punten(trend, vanaf_jaar)
    yformaat = f":.{d}f"
    (x0, y0), (x1, y1) = streeflijn(trend)
    # Figuur als dicts in één keer opgebouwd: add_trace/update_layout valideren per aanroep en zijn
    # bij achttien grafieken per pagina merkbaar traag.
    sporen: list[dict[str, Any]] = [
        {
            "type": "scatter", "x": [x0.isoformat(), x1.isoformat()], "y": [y0, y1], "mode": "lines+markers",
            "name": f"Streeflijn naar {trend.streefjaar}",
            "line": {"color": STREEFLIJN_KLEUR, "dash": "dash", "width": 2},
            "marker": {"symbol": ["circle-open", "star"], "size": [1, 12], "color": STREEFLIJN_KLEUR},
            "hovertemplate": "Streeflijn %{x|%d-%m-%Y}: %{y" + yformaat + "}<extra></extra>",
        }
    ]
    if metingen:
        sporen.append({
            "type": "scatter",
            "x": [p.peildatum.isoformat() for p in metingen],
            "y": [round(p.getoond, 3) for p in metingen],
            "mode": "lines+markers", "name": "Meting",
            "line": {"color": OKABE_ITO[0], "width": 2}, "marker": {"size": 5, "color": OKABE_ITO[0]},
            "hovertemplate": "Meting %{x|%d-%m-%Y}: %{y" + yformaat + "}<extra></extra>",
        })
    sporen.append({
        "type": "scatter", "x": [x0.isoformat()], "y": [y0], "mode": "markers", "name": f"Nulmeting {trend.nulmeting_jaar}",
        "marker": {"symbol": "diamond", "size": 12, "color": NULMETING_KLEUR},
        "hovertemplate": "Nulmeting %{x|%Y}: %{y" + yformaat + "}<extra></extra>",
    })
    return {
        "data": sporen,
        "layout": {
            "template": sjabloon(),
            "height": hoogte,
            "margin": {"l": 55, "r": 15, "t": 10, "b": 30},
            "legend": {"orientation": "h", "y": -0.15, "x": 0, "font": {"size": 12}},
            "yaxis": {"title": {"text": trend.eenheid_getoond, "font": {"size": 12}}, "tickformat": f",.{d}f"},
            "xaxis": {"tickformat": "%Y"},
            "hovermode": "closest",
        },
    }


def maak_trendfiguur(trend: DoelstellingTrend, hoogte: int = 300, vanaf_jaar: int | None = None) -> go.Figure:
    """:func:`trendfiguur_dict` als ``go.Figure`` (voor wie de figuur nog aanpast, zoals de rapportage).
    ``vanaf_jaar``: alleen metingen vanaf dat jaar (None: alle)."""
    return go.Figure(trendfiguur_dict(trend, hoogte, vanaf_jaar))


def _trendtabel_inhoud(trend: DoelstellingTrend, vanaf_jaar: int | None) -> tuple[list[Kolom], list[list[Any]]]:
    soort = f"getal{decimalen(trend)}" if decimalen(trend) else "getal"
    kolommen = [kolom("Peildatum", "datum"), kolom(f"Meting ({trend.eenheid})", soort)]
    if trend.is_telling:
        kolommen.append(kolom("Per 1.000 inwoners", soort))
    kolommen.append(kolom("Streeflijn" + (" (per 1.000 inwoners)" if trend.is_telling else ""), soort))
    rijen: list[list[Any]] = []
    for p in _punten(trend, vanaf_jaar):
        verwacht = (
            verwachte_waarde(trend.nulmeting_waarde, trend.nulmeting_jaar, trend.streefwaarde_absoluut,
                             trend.streefjaar, p.peildatum)
            if p.peildatum >= nulmeting_datum(trend.nulmeting_jaar) else None
        )
        if verwacht is not None and trend.is_telling and p.waarde:
            verwacht = verwacht * (p.per_1000 or 0) / p.waarde
        rij: list[Any] = [p.peildatum, p.waarde]
        if trend.is_telling:
            rij.append(p.per_1000)
        rij.append(verwacht)
        rijen.append(rij)
    return kolommen, rijen


def maak_trendtabel(trend: DoelstellingTrend, id_: str | None = None, vanaf_jaar: int | None = None):
    """De metingen (vanaf ``vanaf_jaar``; None: alle) met de verwachte waarde op de streeflijn op die datum."""
    kolommen, rijen = _trendtabel_inhoud(trend, vanaf_jaar)
    return maak_tabel(kolommen, rijen, id_=id_)


# --------------------------------------------------------------------------- tabel bij openen laden


def luie_tabel(sleutel: str, kolommen: list[Kolom], rijen: list[list[Any]]) -> html.Div:
    """Plaatshouder voor een tabelalternatief dat de pagina pas laadt als "Toon als tabel" opengaat (de
    tabel staat dan niet in de paginadata: bij achttien grafieken scheelt dat ruim 90 kB). De gegevens
    voor CSV/Excel hangen er wel aan (zoals bij :func:`maak_tabel`): de export is gelijk aan de tabel.
    Alleen getypte kolommen (getal, datum, …): hun exportwaarde is de waarde zelf."""
    if any(k.soort == "tekst" for k in kolommen):
        raise ValueError("een luie tabel heeft alleen getypte kolommen")
    export_kolommen = tuple(Kolom(f"k{i}", k.kop, k.soort) for i, k in enumerate(kolommen))
    export_rijen = tuple({f"k{i}": w for i, w in enumerate(rij)} for rij in rijen)
    plaatshouder = html.Div(html.P("De tabel wordt geladen…", className="small text-body-secondary mb-0"),
                            id={"type": LUIE_TABEL, "tabel": sleutel}, **{"aria-live": "polite"})
    return bewaar_gegevens(plaatshouder, Tabelgegevens(export_kolommen, export_rijen))


def lui_tabelalternatief(sectie: html.Section, sleutel: str) -> html.Section:
    """Geef de knop "Toon als tabel" van een :func:`maak_grafiek`-sectie met een :func:`luie_tabel` het
    patroon-id ``{"type": TABEL_KNOP, "tabel": sleutel}``; een callback van de pagina vult bij de eerste
    klik (muis of toetsenbord) de plaatshouder met ``{"type": LUIE_TABEL, "tabel": sleutel}``."""
    for kind in sectie.children:
        if isinstance(kind, html.Details):
            kind.children[0].id = {"type": TABEL_KNOP, "tabel": sleutel}
    return sectie


def trendtabel_sleutel(trend: DoelstellingTrend) -> str:
    return f"trend-{trend.id}"


def maak_trendgrafiek(trend: DoelstellingTrend, id_: str, type_: str = "trendgrafiek", hoogte: int = 300,
                      titel: str | None = None, vanaf_jaar: int | None = None, wijk: str | None = None,
                      lui: bool = False) -> html.Section:
    """De trendgrafiek met titel, status en tabelalternatief. ``id_`` is het tekst-id voor de titel;
    de ``dcc.Graph`` krijgt het patroon-id ``{"type": type_, "doelstelling": trend.id}``.
    ``vanaf_jaar``: alleen metingen vanaf dat jaar, in grafiek én tabel (None: alle).
    ``wijk``: de naam van de wijk, voor de bestandsnaam van PNG en tabel.
    ``lui``: de tabel pas laden bij openen (:func:`luie_tabel`, sleutel :func:`trendtabel_sleutel`)."""
    titel = titel or f"{trend.indicator_naam}: metingen tegen de streeflijn"
    eenheid = " per 1.000 inwoners" if trend.is_telling else ""
    toelichting = (
        f"Nulmeting {formatteer_getal(trend.nulmeting_getoond, decimalen(trend))}{eenheid} ({trend.nulmeting_jaar}); "
        f"streefwaarde {streefwaarde_tekst(trend)}."
        + (f" Metingen vanaf {vanaf_jaar}." if vanaf_jaar is not None and trend.metingen
           and trend.metingen[0].peildatum.year < vanaf_jaar else "")
    )
    tabel = (luie_tabel(trendtabel_sleutel(trend), *_trendtabel_inhoud(trend, vanaf_jaar)) if lui
             else maak_trendtabel(trend, vanaf_jaar=vanaf_jaar))
    sectie = maak_grafiek(
        id_, titel, trendfiguur_dict(trend, hoogte, vanaf_jaar), tabel,
        bestandsnaam(f"doelstelling {trend.indicator_naam}", wijk=wijk), toelichting=toelichting,
    )
    if lui:
        lui_tabelalternatief(sectie, trendtabel_sleutel(trend))
    # Patroon-id voor klikken; de titel houdt zijn tekst-id (aria-labelledby).
    for kind in sectie.children:
        if isinstance(kind, dcc.Graph):
            kind.id = {"type": type_, "doelstelling": trend.id}
    return sectie


def maak_status_regel(trend: DoelstellingTrend) -> html.P:
    """Status in pictogram + woord + kleur, met de laatste meting en de verwachte waarde."""
    d = decimalen(trend)
    if trend.laatste is None or trend.verwacht is None:
        uitleg = " · nog geen meting na de nulmeting"
    else:
        laatste = trend.laatste.getoond
        verwacht = trend.verwacht
        uitleg = (
            f" · laatste meting {formatteer_getal(laatste, d)} op {formatteer_datum(trend.laatste.peildatum)}, "
            f"verwacht {formatteer_getal(verwacht, d)}"
        )
    return html.P([maak_status_label(trend.status), html.Span(uitleg, className="small")], className="mb-1",
                  **{"data-status": trend.status})


__all__ = ["LUIE_TABEL", "TABEL_KNOP", "lui_tabelalternatief", "luie_tabel", "maak_status_regel",
           "maak_trendfiguur", "maak_trendgrafiek", "maak_trendtabel", "sjabloon", "streefwaarde_tekst",
           "trendfiguur_dict", "trendtabel_sleutel"]
