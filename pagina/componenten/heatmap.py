"""De wijk × ambitie-heatmap van ambitiescores als tabel met gekleurde cellen.

Een tabel in plaats van een plaatje: elke cel is een echte link naar ``/wijk/<slug>?ambitie=N``
(met toetsenbord bereikbaar), het cijfer staat in de cel (kleur is nooit de enige drager) en
schermlezers lezen rij- en kolomkoppen voor. Zo is de heatmap tegelijk haar eigen tabelalternatief.
"""

from __future__ import annotations

from dash import html

from dashboard.export import Kolom
from datalaag.opmaak import formatteer_getal
from datalaag.overzicht import AmbitieMatrix
from pagina.componenten.tabelexport import Tabelgegevens

# Klassen van rapportcijfers: (ondergrens, achtergrond, tekst, legenda). Contrast tekst/vlak >= 4,5.
CIJFERKLASSEN: list[tuple[float, str, str, str]] = [
    (0.0, "#fbe3d6", "#1b1b1b", "< 5,5 onvoldoende"),
    (5.5, "#eef3f9", "#1b1b1b", "5,5 – 6,4"),
    (6.5, "#c3d8ee", "#1b1b1b", "6,5 – 7,4"),
    (7.5, "#6b9fd3", "#0d0d0d", "7,5 – 8,4"),
    (8.5, "#0b4f8a", "#ffffff", "≥ 8,5"),
]
GEEN_SCORE = ("#ffffff", "#595959")


def cijferklasse(score: float | None) -> tuple[str, str]:
    """(achtergrond, tekstkleur) voor een rapportcijfer."""
    if score is None:
        return GEEN_SCORE
    kleur = CIJFERKLASSEN[0]
    for klasse in CIJFERKLASSEN:
        if score >= klasse[0]:
            kleur = klasse
    return kleur[1], kleur[2]


def _cel(score: float | None, bron: str | None, href: str | None, wijk: str, ambitie: str) -> html.Td:
    achtergrond, tekst = cijferklasse(score)
    stijl = {"backgroundColor": achtergrond, "color": tekst}
    waarde = formatteer_getal(score, 1) if score is not None else "–"
    if href is None:
        uitleg = f"{wijk}, {ambitie}: " + (f"{waarde} ({bron})" if score is not None else "geen score")
        return html.Td(html.Span(waarde, style=stijl, title=uitleg))
    # Een link per cel: de naam is het cijfer, rij- en kolomkop (``th`` met ``scope``) geven wijk en ambitie, en de
    # ``title`` (bij aanwijzen; voor schermlezers de beschrijving) noemt de bron, bijv. "evaluatie (ingediend) 2025". Wijk en ambitie nog eens in
    # ``title`` én ``aria-label`` kostte bij honderd wijken (600 cellen) ruim 80 kB per pagina.
    return html.Td(html.A(waarde, href=href, style=stijl,
                          title=bron if score is not None else "nog geen score"))


def maak_heatmap(matrix: AmbitieMatrix, id_: str) -> html.Div:
    kop = html.Thead(
        html.Tr(
            [html.Th("Wijk", scope="col")]
            + [html.Th(f"{nummer}. {naam}", scope="col") for nummer, naam in matrix.ambities]
        )
    )
    rijen = []
    for (slug, naam), scores, bronnen in zip(matrix.wijken, matrix.scores, matrix.bronnen, strict=True):
        cellen = [
            _cel(score, bron, f"/wijk/{slug}?ambitie={nummer}", naam, f"ambitie {nummer} {kort}")
            for (nummer, kort), score, bron in zip(matrix.ambities, scores, bronnen, strict=True)
        ]
        rijen.append(html.Tr([html.Th(html.A(naam, href=f"/wijk/{slug}"), scope="row")] + cellen,
                             **{"data-wijk": slug}))
    gemiddelde = [
        _cel(score, "gemiddelde van de wijken", None, "Stad", f"ambitie {nummer} {kort}")
        for (nummer, kort), score in zip(matrix.ambities, matrix.stadsgemiddelde, strict=True)
    ]
    rijen.append(html.Tr([html.Th("Stad (gemiddelde)", scope="row")] + gemiddelde, className="heatmap-gemiddelde"))
    legenda = html.Div(
        [html.Span("Legenda:", className="me-1")]
        + [
            html.Span(tekst, className="blokje me-1", style={"backgroundColor": bg, "color": fg})
            for _ondergrens, bg, fg, tekst in CIJFERKLASSEN
        ]
        + [html.Span("– = nog geen score", className="me-2")],
        className="heatmap-legenda mt-2",
    )
    return html.Div(
        [
            html.Div(
                html.Table([kop, html.Tbody(rijen)], className="heatmap-tabel", id=id_),
                className="table-responsive",
            ),
            legenda,
        ]
    )


def heatmap_gegevens(matrix: AmbitieMatrix) -> Tabelgegevens:
    """De heatmap voor de export: per wijk (en het stadsgemiddelde) een rij, per ambitie een cijfer."""
    kolommen = (Kolom("wijk", "Wijk"),) + tuple(
        Kolom(f"a{nummer}", f"{nummer}. {naam}", "getal1") for nummer, naam in matrix.ambities
    )
    rijen = [
        {"wijk": naam, **{f"a{nummer}": score for (nummer, _k), score in zip(matrix.ambities, scores, strict=True)}}
        for (_slug, naam), scores in zip(matrix.wijken, matrix.scores, strict=True)
    ]
    rijen.append({"wijk": "Stad (gemiddelde)", **{
        f"a{nummer}": score for (nummer, _k), score in zip(matrix.ambities, matrix.stadsgemiddelde, strict=True)
    }})
    return Tabelgegevens(kolommen, tuple(rijen))
