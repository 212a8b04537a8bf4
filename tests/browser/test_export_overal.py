"""Exports overal (issue 7, punt 3) in Chromium: de PNG-knop van een grafiek en CSV/Excel van een
"Toon als tabel"-tabel en van een losse tabel, op /wijk/de-riet, /vergelijk en het overzicht.

Alleen lezen: de tests veranderen geen gegevens van de gedeelde demo-database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen

WACHT = 30_000


def _vandaag() -> str:
    return dt.date.today().strftime("%d-%m-%Y")


def _lees(download) -> bytes:
    with open(download.path(), "rb") as bestand:
        return bestand.read()


def _csv(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(b"\xef\xbb\xbf"), "CSV zonder UTF-8-BOM"
    tekst = inhoud.decode("utf-8-sig")
    assert "\r\n" in tekst
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def _tabel_in_beeld(tabel) -> list[list[str]]:
    """De cellen van een tabel zoals de gebruiker ze ziet ("–" = leeg)."""
    rijen = tabel.locator("tbody tr")
    uit = []
    for i in range(rijen.count()):
        cellen = [t.strip() for t in rijen.nth(i).locator("td, th").all_inner_texts()]
        uit.append(["" if c == "–" else c for c in cellen])
    return uit


def _getal(tekst: str) -> float:
    return float(tekst.replace(".", "").replace(",", "."))


def _png_via_werkbalk(pagina, sectie) -> tuple[str, bytes, float]:
    """Klik in de werkbalk van de grafiek in ``sectie`` op "Download als PNG"; (naam, inhoud, breedte in px)."""
    grafiek = sectie.locator(".js-plotly-plot").first
    grafiek.scroll_into_view_if_needed()
    expect(grafiek.locator(".main-svg").first).to_be_visible(timeout=WACHT)
    grafiek.hover()
    knop = sectie.locator('.modebar-btn[data-title="Download als PNG"]')
    expect(knop).to_have_count(1)
    titels = sectie.locator(".modebar-btn").evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
    assert not [t for t in titels if re.search(r"Download plot|Share|Zoom in|Reset axes", t or "")], titels
    breedte = grafiek.bounding_box()["width"]
    with pagina.expect_download(timeout=WACHT) as download:
        knop.click()
    return download.value.suggested_filename, _lees(download.value), breedte


def _controleer_png(inhoud: bytes, breedte: float) -> None:
    assert inhoud[:8] == b"\x89PNG\r\n\x1a\n"
    png_breedte, png_hoogte = struct.unpack(">II", inhoud[16:24])
    # scale 2: twee keer zo scherp als op het scherm.
    assert abs(png_breedte - 2 * breedte) <= 4, (png_breedte, breedte)
    assert png_hoogte > 200


def _download(pagina, knop) -> tuple[str, bytes]:
    with pagina.expect_download(timeout=WACHT) as download:
        knop.click()
    return download.value.suggested_filename, _lees(download.value)


def test_wijkpagina_png_en_tabellen_als_csv_en_excel(pagina, app_url):
    pagina.goto(f"{app_url}/wijk/de-riet")
    expect(pagina.locator("#wijk-titel")).to_have_text("De Riet", timeout=WACHT)
    sectie = pagina.locator("#wijk-ambitie-1 section.grafiek").first
    expect(sectie.locator("h3")).to_have_text("Ambitiescore De Riet en stadsgemiddelde")
    stam = f"de-riet_ambitiescore-1-betrokkenheid_{_vandaag()}"

    # PNG uit de werkbalk: Nederlandse knop, naam met wijk en datum, 2× scherp.
    naam, inhoud, breedte = _png_via_werkbalk(pagina, sectie)
    assert naam == f"{stam}.png"
    _controleer_png(inhoud, breedte)
    # De werkbalk is met het toetsenbord niet te bereiken; de knop "PNG" naast de titel wel.
    knop = sectie.get_by_role("button", name="Download grafiek als PNG: Ambitiescore De Riet en stadsgemiddelde")
    knop.focus()
    with pagina.expect_download(timeout=WACHT) as download:
        pagina.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{stam}.png"
    _controleer_png(_lees(download.value), breedte)

    # "Toon als tabel" en dan de knoppen: dezelfde cijfers als in beeld, in Nederlandse notatie.
    sectie.locator("summary", has_text="Toon als tabel").click()
    tabel = sectie.locator("details table")
    expect(tabel).to_be_visible()
    in_beeld = _tabel_in_beeld(tabel)
    assert len(in_beeld) >= 10
    naam, inhoud = _download(pagina, sectie.get_by_role(
        "button", name="Download CSV: Ambitiescore De Riet en stadsgemiddelde", exact=True))
    assert naam == f"{stam}.csv"
    regels = _csv(inhoud)
    assert regels[0] == ["Jaar", "De Riet", "Stad (gemiddelde)"]
    assert regels[1:] == in_beeld
    assert all(re.fullmatch(r"20\d\d", r[0]) and re.fullmatch(r"\d+,\d", r[2]) for r in regels[1:])

    naam, inhoud = _download(pagina, sectie.get_by_role("button", name="Download Excel: Ambitiescore De Riet"))
    assert naam == f"{stam}.xlsx"
    blad = load_workbook(io.BytesIO(inhoud)).active
    assert [c.value for c in blad[1]] == ["Jaar", "De Riet", "Stad (gemiddelde)"]
    waarden = [[c.value for c in rij] for rij in blad.iter_rows(min_row=2)]
    assert len(waarden) == len(in_beeld)
    for excel, scherm in zip(waarden, in_beeld, strict=True):
        assert excel[0] == int(scherm[0])  # een echt getal, geen tekst
        # de volle waarde; in beeld afgerond op één decimaal (half naar boven)
        assert isinstance(excel[2], float) and abs(excel[2] - _getal(scherm[2])) <= 0.05 + 1e-9
    assert blad["A2"].number_format == "0" and blad["C2"].number_format == "#,##0.0"

    # Een losse tabel (de maatregelen van ambitie 1): knoppen boven de tabel, datums en percentages.
    maatregelen = pagina.locator("#wijk-maatregelen-1")
    expect(maatregelen).to_be_visible()
    blok = pagina.locator(".tabel-met-export", has=maatregelen)
    naam, inhoud = _download(pagina, blok.get_by_role("button", name=re.compile(r"^Download CSV: Maatregelen De Riet")))
    assert naam == f"de-riet_maatregelen-ambitie-1-betrokkenheid_{_vandaag()}.csv"
    regels = _csv(inhoud)
    assert regels[0] == ["Maatregel", "Oplossingsrichting", "Niveau", "Verantwoordelijke", "Status", "Voortgang",
                         "Schema", "Start", "Eind", "Schatting kosten"]
    assert [r[0] for r in regels[1:]] == maatregelen.locator("tbody tr td:first-child").all_inner_texts()
    for r in regels[1:]:
        assert re.fullmatch(r"\d{1,3},0%", r[5]) and re.fullmatch(r"\d\d-\d\d-\d{4}", r[7]), r

    assert axe_ernstige_schendingen(pagina) == []


def test_vergelijk_export_volgt_de_keuze_in_de_url(pagina, app_url):
    pagina.goto(f"{app_url}/vergelijk?wijken=de-riet,kerkelanden&jaar=2025")
    expect(pagina.locator("#vergelijk-peildatum")).to_contain_text("De Riet, Kerkelanden", timeout=WACHT)
    sectie = pagina.locator("section.grafiek", has=pagina.locator("#vergelijk-budget-titel"))
    naam, inhoud, breedte = _png_via_werkbalk(pagina, sectie)
    assert naam == f"almelo_vergelijking-budgetbenutting_2025_{_vandaag()}.png"
    _controleer_png(inhoud, breedte)

    # Een wijk erbij: de inhoud ververst zonder nieuwe pagina, het adres gaat mee. De export bouwt de
    # tabel op de server opnieuw op uit dat adres en heeft dus ook Sluitersveld.
    pagina.locator("#vergelijk-wijken label[for]", has_text="Sluitersveld").click()
    expect(pagina).to_have_url(re.compile(r"wijken=de-riet,kerkelanden,sluitersveld&jaar=2025$"), timeout=WACHT)
    expect(pagina.locator("#vergelijk-peildatum")).to_contain_text("Sluitersveld", timeout=WACHT)
    sectie = pagina.locator("section.grafiek", has=pagina.locator("#vergelijk-meldingen-titel"))
    sectie.locator("summary", has_text="Toon als tabel").click()
    in_beeld = _tabel_in_beeld(sectie.locator("details table"))
    naam, inhoud = _download(pagina, sectie.get_by_role("button", name=re.compile(r"^Download CSV: Meldingen per")))
    assert naam == f"almelo_vergelijking-meldingen_2025_{_vandaag()}.csv"
    regels = _csv(inhoud)
    assert regels[0] == ["Wijk", "Meldingen", "Inwoners", "Per 1.000 inwoners"]
    assert [r[0] for r in regels[1:]] == ["De Riet", "Kerkelanden", "Sluitersveld"]
    # In beeld met duizendtallenpunt, in de CSV zonder (dan leest elk programma het als getal).
    assert [[r[0], *[c.replace(".", "") for c in r[1:]]] for r in in_beeld] == regels[1:]

    naam, inhoud = _download(pagina, sectie.get_by_role("button", name=re.compile(r"^Download Excel: Meldingen per")))
    blad = load_workbook(io.BytesIO(inhoud)).active
    for rij, csv_rij in zip(blad.iter_rows(min_row=2, values_only=True), regels[1:], strict=True):
        assert rij[0] == csv_rij[0]
        assert isinstance(rij[1], int) and rij[1] == int(csv_rij[1])
        assert isinstance(rij[2], int)
        assert abs(rij[3] - _getal(csv_rij[3])) <= 0.05 + 1e-9
    assert axe_ernstige_schendingen(pagina) == []


def test_overzicht_heatmap_en_kaart_uit_een_eigen_callback(pagina, app_url):
    pagina.goto(f"{app_url}/?jaar=2025")
    heatmap = pagina.locator("#overzicht-heatmap")
    expect(heatmap).to_be_visible(timeout=WACHT)
    blok = pagina.locator(".tabel-met-export", has=heatmap)
    naam, inhoud = _download(pagina, blok.get_by_role("button", name="Download CSV: Ambitiescores per wijk 2025"))
    assert naam == f"almelo_heatmap-ambitiescores_2025_{_vandaag()}.csv"
    regels = _csv(inhoud)
    assert regels[0][0] == "Wijk" and regels[0][1].startswith("1. ") and len(regels[0]) == 7
    assert [r[0] for r in regels[1:-1]] == heatmap.locator("tbody th[scope=row] a").all_inner_texts()
    assert regels[-1][0] == "Stad (gemiddelde)"
    assert all(re.fullmatch(r"(\d+,\d)?", c) for r in regels[1:] for c in r[1:])

    # De kaart vult een eigen callback; haar tabel komt toch van de server, opgebouwd uit het adres.
    kaart = pagina.locator("section.grafiek", has=pagina.locator("#overzicht-kaart-titel"))
    expect(kaart).to_be_visible(timeout=WACHT)
    kaart.locator("summary", has_text="Toon als tabel").click()
    in_beeld = _tabel_in_beeld(kaart.locator("details table"))
    naam, inhoud = _download(pagina, kaart.get_by_role("button", name=re.compile(r"^Download CSV: Kaart")))
    assert naam == f"almelo_kaart-gemiddelde-ambitiescore_2025_{_vandaag()}.csv"
    assert _csv(inhoud)[1:] == in_beeld
    assert axe_ernstige_schendingen(pagina) == []
