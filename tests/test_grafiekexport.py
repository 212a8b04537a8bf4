"""Exports overal (issue 7, punt 3): bestandsnamen, de PNG-knop van elke grafiek en de CSV/Excel-export
van gewone tabellen ("Toon als tabel", samenvattingstabellen), zonder de browser te vertrouwen."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest
from dash import dcc, html
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from dashboard.export import Kolom
from pagina.componenten.grafiek import (
    MAX_ONDERWERP,
    MAX_WIJK,
    bestandsnaam,
    grafiek_config,
    kolom,
    maak_grafiek,
    maak_tabel,
    tabel_met_export,
)
from pagina.componenten.tabelexport import (
    ExportFout,
    Tabelgegevens,
    bestand,
    registreer_bron,
    tabelgegevens,
    tekst_van,
    verzamel,
    zoek_tabel,
)

DATUM = dt.date(2026, 11, 27)
VEILIG = re.compile(r"^[a-z0-9-]+_[a-z0-9-]+(_[a-z0-9-]+)?_\d\d-\d\d-\d{4}$")


# --------------------------------------------------------------------------- bestandsnamen


@pytest.mark.parametrize(
    ("onderwerp", "wijk", "jaar", "verwacht"),
    [
        ("Doelstelling sociale cohesie", "De Riet", None, "de-riet_doelstelling-sociale-cohesie_27-11-2026"),
        ("heatmap ambitiescores", None, 2025, "almelo_heatmap-ambitiescores_2025_27-11-2026"),
        # accenten en tekens buiten ASCII
        ("Evaluatie één café", "Ossenkoppelerhoek", None, "ossenkoppelerhoek_evaluatie-een-cafe_27-11-2026"),
        ("Straße Ærø", "Æbelø", None, "aebelo_strasse-aero_27-11-2026"),
        # slash, apostrof, haakjes, procent, euro en duizendtallen
        ("Schoon/heel & veilig (%)", "'t Veld", "", "t-veld_schoon-heel-veilig_27-11-2026"),
        ("Meldingen per 1.000 inwoners", "kerkelanden", "2025", "kerkelanden_meldingen-per-1000-inwoners_2025_27-11-2026"),
        ("Budget in €", None, None, "almelo_budget-in-euro_27-11-2026"),
        # wat na het opschonen leeg is
        ("???", "///", None, "almelo_export_27-11-2026"),
        # een slug blijft een slug
        ("trend", "de-riet", None, "de-riet_trend_27-11-2026"),
    ],
)
def test_bestandsnaam(onderwerp, wijk, jaar, verwacht):
    assert bestandsnaam(onderwerp, wijk=wijk, jaar=jaar, datum=DATUM) == verwacht


def test_lange_titel_wordt_na_een_heel_woord_ingekort():
    titel = ("% bewoners dat verwacht over twee jaar nog in de wijk te wonen en zich er thuis voelt, "
             "gemeten met de tweejaarlijkse wijkenquête")
    naam = bestandsnaam(titel, wijk="Nieuwstraatkwartier " * 5, datum=DATUM)
    wijk, onderwerp, datum = naam.split("_")
    assert datum == "27-11-2026"
    assert len(onderwerp) <= MAX_ONDERWERP and len(wijk) <= MAX_WIJK
    assert onderwerp == "bewoners-dat-verwacht-over-twee-jaar-nog-in-de-wijk-te-wonen"
    assert wijk == "nieuwstraatkwartier-nieuwstraatkwartier"  # geen half woord
    assert not onderwerp.endswith("-") and not wijk.endswith("-")


def test_een_woord_langer_dan_het_maximum_wordt_hard_afgekapt():
    naam = bestandsnaam("a" * 200, datum=DATUM)
    assert naam == f"almelo_{'a' * MAX_ONDERWERP}_27-11-2026"


def test_standaard_de_datum_van_vandaag():
    vandaag = dt.date.today()
    assert bestandsnaam("x").endswith(f"_{vandaag:%d-%m-%Y}")


@given(onderwerp=st.text(max_size=300), wijk=st.one_of(st.none(), st.text(max_size=120)),
       jaar=st.one_of(st.none(), st.integers(-10**6, 10**6), st.text(max_size=30)))
def test_bestandsnaam_bevat_alleen_veilige_tekens(onderwerp, wijk, jaar):
    naam = bestandsnaam(onderwerp, wijk=wijk, jaar=jaar, datum=DATUM)
    assert VEILIG.match(naam), naam
    assert len(naam) <= MAX_WIJK + MAX_ONDERWERP + 10 + 10 + 3


# --------------------------------------------------------------------------- PNG uit de werkbalk


def test_grafiek_config_png_met_naam_en_nederlandse_werkbalk():
    config = grafiek_config("de-riet_trend_27-11-2026")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "de-riet_trend_27-11-2026", "scale": 2}
    assert config["locale"] == "nl"
    woorden = config["locales"]["nl"]["dictionary"]
    assert woorden["Download plot as a PNG"] == "Download als PNG"
    assert config["locales"]["nl"]["format"]["decimal"] == ","
    # Geen knop die de gegevens naar Plotly Cloud stuurt.
    assert config["showSendToCloud"] is False
    # Geen Plotly-meldingen met te weinig contrast (wit op #8c97af).
    assert config["displayNotifier"] is False


def test_de_vertaalde_knopteksten_bestaan_in_het_meegeleverde_plotly_js():
    """De sleutels moeten letterlijk overeenkomen met plotly.js (3.x schrijft "PNG" met hoofdletters);
    anders blijft de tooltip Engels. Dash serveert plotly.min.js uit het plotly-pakket."""
    js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    woorden = grafiek_config("x")["locales"]["nl"]["dictionary"]
    for sleutel in ("Download plot as a PNG", "Zoom in", "Zoom out", "Autoscale", "Reset axes", "Pan", "Zoom"):
        assert f'"{sleutel}"' in js, sleutel
        assert woorden[sleutel] != sleutel


def _details(sectie: html.Section) -> html.Details:
    return next(k for k in sectie.children if isinstance(k, html.Details))


def test_maak_grafiek_geeft_png_naam_en_exportknoppen_onder_de_tabel():
    tabel = maak_tabel([kolom("Jaar", "jaar"), kolom("Score", "getal1")], [[2024, 7.25], [2025, None]])
    sectie = maak_grafiek("wijk-score-1", "Ambitiescore De Riet", go.Figure(), tabel, "de-riet_score_27-11-2026")
    graph = next(k for k in sectie.children if isinstance(k, dcc.Graph))
    assert graph.config["toImageButtonOptions"]["filename"] == "de-riet_score_27-11-2026"
    details = _details(sectie)
    knoppen = [c for c in details._traverse() if isinstance(c, html.Button)]
    assert [k.id for k in knoppen] == [{"type": "tabel-csv", "tabel": "wijk-score-1"},
                                       {"type": "tabel-xlsx", "tabel": "wijk-score-1"}]
    assert [k.children for k in knoppen] == ["CSV", "Excel"]
    # De toegankelijke naam zegt welke tabel en bevat de zichtbare tekst.
    assert [getattr(k, "aria-label") for k in knoppen] == ["Download CSV: Ambitiescore De Riet",
                                                         "Download Excel: Ambitiescore De Riet"]
    assert [type(c).__name__ for c in details._traverse()].count("Download") == 1
    # De knop "PNG" naast de titel (met het toetsenbord bereikbaar) vindt zijn grafiek en naam via de sectie.
    png = next(c for c in sectie.children[0].children if isinstance(c, html.Button))
    assert png.id == {"type": "grafiek-png", "grafiek": "wijk-score-1"} and png.children == "PNG"
    assert getattr(png, "aria-label") == "Download grafiek als PNG: Ambitiescore De Riet"
    assert getattr(sectie, "data-grafiek") == "wijk-score-1"
    assert getattr(sectie, "data-png") == "de-riet_score_27-11-2026"


def test_grafiek_meldt_zijn_tabel_alleen_tijdens_verzamelen():
    tabel = maak_tabel(["Wijk"], [["De Riet"]])
    maak_grafiek("g", "Titel", go.Figure(), tabel, "almelo_x_27-11-2026")  # buiten verzamel(): niets bewaard
    with verzamel() as gevonden:
        maak_grafiek("g", "Titel", go.Figure(), tabel, "almelo_x_27-11-2026")
    assert list(gevonden) == ["g"]
    assert gevonden["g"].naam == "almelo_x_27-11-2026" and gevonden["g"].titel == "Titel"


# --------------------------------------------------------------------------- tabellen en hun export


def _csv_regels(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


KOLOMMEN = [
    "Wijk",
    kolom("Peildatum", "datum"),
    kolom("Oormerk", "bedrag"),
    kolom("Benutting", "procent"),
    kolom("Meldingen", "getal"),
    kolom("Per 1.000 inwoners", "getal2"),
    kolom("Score", "getal1"),
    kolom("Jaar", "jaar"),
]
RIJEN = [
    ["De Riet", dt.date(2025, 12, 31), Decimal("1234567"), 0.125, 1234, 3.456, 7.25, 2025],
    ["Kerkelanden; Noord", "2026-01-02", 500000.0, None, 0, None, None, 2026],
]


def _tekst_in_cellen(tabel) -> list[list[str]]:
    body = tabel.children[1]
    return [[tekst_van(td.children) for td in tr.children] for tr in body.children]


def test_tabel_toont_nederlandse_notatie_en_getallen_rechts():
    tabel = maak_tabel(KOLOMMEN, RIJEN, id_="t")
    assert _tekst_in_cellen(tabel) == [
        ["De Riet", "31-12-2025", "€ 1.234.567", "12,5%", "1.234", "3,46", "7,3", "2025"],
        ["Kerkelanden; Noord", "02-01-2026", "€ 500.000", "–", "0", "–", "–", "2026"],
    ]
    koppen = tabel.children[0].children.children
    assert [getattr(k, "className", None) for k in koppen] == [None, None] + ["text-end"] * 6


def test_tabel_export_csv_kolommen_en_notatie():
    inhoud, naam = bestand(_export(maak_tabel(KOLOMMEN, RIJEN)), "csv")
    assert naam == "de-riet_test_27-11-2026.csv"
    regels = _csv_regels(inhoud)
    assert regels[0] == ["Wijk", "Peildatum", "Oormerk", "Benutting", "Meldingen", "Per 1.000 inwoners", "Score",
                         "Jaar"]
    # Decimale komma, geen duizendtallenpunt (elk programma leest het zo als getal), dd-mm-jjjj, jaar zonder punt.
    assert regels[1] == ["De Riet", "31-12-2025", "1234567,00", "12,5%", "1234", "3,46", "7,3", "2025"]
    assert regels[2] == ["Kerkelanden; Noord", "02-01-2026", "500000,00", "", "0", "", "", "2026"]
    assert inhoud.decode("utf-8-sig").count("\r\n") == 3


def test_tabel_export_excel_met_echte_getallen_en_datums():
    inhoud, naam = bestand(_export(maak_tabel(KOLOMMEN, RIJEN)), "xlsx")
    assert naam.endswith(".xlsx")
    blad = load_workbook(io.BytesIO(inhoud)).active
    assert blad.title == "Testtabel"
    assert [c.value for c in blad[1]] == ["Wijk", "Peildatum", "Oormerk", "Benutting", "Meldingen",
                                         "Per 1.000 inwoners", "Score", "Jaar"]
    rij = [c for c in blad[2]]
    assert rij[1].value.date() == dt.date(2025, 12, 31) and rij[1].number_format == "dd-mm-yyyy"
    assert rij[2].value == 1234567 and rij[2].number_format == '"€" #,##0.00'
    assert rij[3].value == 0.125 and rij[3].number_format == "0.0%"
    assert rij[4].value == 1234 and rij[4].number_format == "#,##0"
    assert rij[5].value == 3.456 and rij[5].number_format == "#,##0.00"
    assert rij[6].value == 7.25 and rij[6].number_format == "#,##0.0"
    assert rij[7].value == 2025 and rij[7].number_format == "0"  # niet "2.025"
    assert blad["B3"].value.date() == dt.date(2026, 1, 2) and blad["D3"].value is None


def _export(tabel, naam="de-riet_test_27-11-2026", titel="Testtabel"):
    with verzamel() as gevonden:
        tabel_met_export(tabel, "t", naam, titel)
    return gevonden["t"]


def test_tekstkolom_exporteert_de_zichtbare_tekst_van_links_en_labels():
    label = html.Span([html.Span("✖", **{"aria-hidden": "true"}), " Ver achter"], className="status-label")
    tabel = maak_tabel(
        ["Wijk", "Status", kolom("Plaats", "getal"), "Samengesteld"],
        [[("De Riet", "de-riet"), "ver_achter", 1, ["regel 1", html.Br(), "regel 2"]]],
        opmaak=[lambda v: dcc.Link(v[0], href=f"/wijk/{v[1]}"), lambda _v: label, str, None],
    )
    assert isinstance(tabel.children[1].children[0].children[0].children, dcc.Link)
    gegevens = tabelgegevens(tabel)
    assert gegevens.rijen[0] == {"k0": "De Riet", "k1": "Ver achter", "k2": 1, "k3": "regel 1 regel 2"}
    assert _csv_regels(bestand(_export(tabel), "csv")[0])[1] == ["De Riet", "Ver achter", "1", "regel 1 regel 2"]


def test_getalkolom_weigert_tekst():
    """Een getalkolom met een al opgemaakte tekst zou als tekst in Excel belanden: fout bij het bouwen."""
    with pytest.raises(TypeError, match="verwacht een getal"):
        maak_tabel([kolom("Bedrag", "bedrag")], [["€ 1.000"]])


@pytest.mark.parametrize("tekst", ['=HYPERLINK("http://x","klik")', "+31 6 1234", "-2+3", "@SOM(A1)",
                                   "\t=1+1", "=cmd|' /C calc'!A0"])
def test_formule_injectie_in_een_tabelcel_blijft_tekst(tekst):
    """Gebruikerstekst (opmerkingen, toelichtingen) die een spreadsheet als formule zou lezen, gaat er in
    CSV met een ' voor uit en blijft in Excel tekst — ook als hij via een link of label in de cel staat."""
    tabel = maak_tabel(["Opmerking", "Via link", kolom("Bedrag", "bedrag")],
                       [[tekst, tekst, -5]], opmaak=[None, lambda v: html.A(v, href="/x"), None])
    export = _export(tabel)
    regel = _csv_regels(bestand(export, "csv")[0])[1]
    assert regel[0] == regel[1] == "'" + tekst.strip()  # in de tabelcel staat de tekst zonder tab
    assert regel[2] == "-5,00"  # een negatief getal is geen formule en blijft een getal
    blad = load_workbook(io.BytesIO(bestand(export, "xlsx")[0])).active
    for cel in (blad["A2"], blad["B2"]):
        assert cel.data_type == "s" and cel.value == tekst.strip()
    assert blad["C2"].value == -5


def test_werkbladnaam_zonder_verboden_tekens():
    export = _export(maak_tabel(["a"], [["b"]]), titel="Doelbereik: 12/13 [wijk] * ? \\ en een hele lange titel")
    blad = load_workbook(io.BytesIO(bestand(export, "xlsx")[0])).active
    assert blad.title == "Doelbereik 12 13 wijk en een he"


# --------------------------------------------------------------------------- herberekenen uit de URL


class NepPaginas:
    """Een paginaregister zonder Dash-app: ``/wijk/<slug>`` met de querystring als filter."""

    def __init__(self):
        self.aanroepen: list[dict] = []

    def layout(self, slug=None, jaar=None, **_query):
        self.aanroepen.append({"slug": slug, "jaar": jaar, **_query})
        rijen = [[f"{slug}", int(jaar or 2020) + i] for i in range(3)]
        return html.Div(maak_grafiek("wijk-score", f"Score {slug}", go.Figure(),
                                     maak_tabel(["Wijk", kolom("Jaar", "jaar")], rijen),
                                     bestandsnaam("score", wijk=slug, datum=DATUM)))

    def __call__(self, pad):
        if pad and pad.startswith("/wijk/"):
            return {"path": "/wijk/<slug>", "layout": self.layout}, {"slug": pad.removeprefix("/wijk/")}
        if pad == "/invoer/metingen":
            return {"path": "/invoer/metingen", "layout": self.layout}, {}
        return {}, {}


def test_export_bouwt_de_tabel_opnieuw_uit_de_url():
    paginas = NepPaginas()
    export = zoek_tabel("wijk-score", "/wijk/de-riet", "?jaar=2024", pagina_voor=paginas)
    assert paginas.aanroepen == [{"slug": "de-riet", "jaar": "2024"}]
    regels = _csv_regels(bestand(export, "csv")[0])
    assert regels == [["Wijk", "Jaar"], ["de-riet", "2024"], ["de-riet", "2025"], ["de-riet", "2026"]]
    assert bestand(export, "csv")[1] == "de-riet_score_27-11-2026.csv"
    # Een andere URL geeft andere rijen: de filters komen uit het adres, niet uit de browser.
    anders = zoek_tabel("wijk-score", "/wijk/kerkelanden", "?jaar=2010", pagina_voor=paginas)
    assert _csv_regels(bestand(anders, "csv")[0])[1] == ["kerkelanden", "2010"]


def test_querystring_gaat_voor_padvariabelen_zoals_in_de_router_van_dash():
    paginas = NepPaginas()
    zoek_tabel("wijk-score", "/wijk/de-riet", "?slug=kerkelanden", pagina_voor=paginas)
    assert paginas.aanroepen[-1]["slug"] == "kerkelanden"


@pytest.mark.parametrize(("pad", "export_id", "melding"), [
    ("/wijk/de-riet", "bestaat-niet", "staat niet (meer) op de pagina"),
    ("/onbekend", "wijk-score", "geen tabellen"),
    ("/invoer/metingen", "wijk-score", "geen tabellen"),
])
def test_onbekende_tabel_of_pagina_geeft_een_nederlandse_melding(pad, export_id, melding):
    paginas = NepPaginas()
    with pytest.raises(ExportFout, match=re.escape(melding)):
        zoek_tabel(export_id, pad, "", pagina_voor=paginas)
    if pad.startswith("/invoer"):
        assert paginas.aanroepen == []  # een invoerpagina wordt voor een export niet eens opgebouwd


def test_een_fout_in_de_pagina_wordt_een_melding():
    def kapot(**_q):
        raise RuntimeError("database weg")

    with pytest.raises(ExportFout, match="kon niet worden opgebouwd"):
        zoek_tabel("x", "/", "", pagina_voor=lambda _p: ({"path": "/", "layout": kapot}, {}))


def test_tabel_uit_een_callback_via_een_geregistreerde_bron():
    """Zoals de kaart op het overzicht: niet in layout(), wel op te bouwen uit de URL."""
    def bouw(query):
        return maak_grafiek("test-bron", "Kaart", go.Figure(),
                            maak_tabel(["Maat"], [[query.get("kaartmaat")]]), "almelo_kaart_27-11-2026")

    registreer_bron("test-bron", bouw)
    export = zoek_tabel("test-bron", "/", "?kaartmaat=meldingen",
                        pagina_voor=lambda _p: ({"path": "/", "layout": lambda **_q: html.Div()}, {}))
    assert _csv_regels(bestand(export, "csv")[0]) == [["Maat"], ["meldingen"]]


def test_tabelgegevens_kunnen_expliciet_worden_meegegeven():
    """Een tabel met onderdelen in de cellen (voortgangsbalk, labels) geeft haar gegevens zelf mee."""
    gegevens = Tabelgegevens((Kolom("v", "Voortgang", "procent"),), ({"v": 0.42},))
    with verzamel() as gevonden:
        tabel_met_export(html.Table(), "m", "de-riet_maatregelen_27-11-2026", "Maatregelen", gegevens)
    assert _csv_regels(bestand(gevonden["m"], "csv")[0]) == [["Voortgang"], ["42,0%"]]
    with pytest.raises(ValueError, match="geen gegevens"):
        tabel_met_export(html.Table(), "m", "x", "y")


def test_adres_uit_een_location_die_de_pagina_niet_opnieuw_opbouwt():
    """/vergelijk werkt het adres bij met ``refresh=False``: ``_pages_location`` blijft dan op het oude adres
    staan. Heeft de pagina een :func:`adres_id`-Location, dan telt die."""
    from pagina.componenten.tabelexport import adres_id, huidig_adres

    assert adres_id("vergelijk") == {"type": "pagina-adres", "pagina": "vergelijk"}
    oud = ("/vergelijk", "?wijken=de-riet,kerkelanden")
    assert huidig_adres(*oud, [], []) == oud
    assert huidig_adres(*oud, ["/vergelijk"], ["?wijken=de-riet,kerkelanden,sluitersveld"]) == (
        "/vergelijk", "?wijken=de-riet,kerkelanden,sluitersveld")
