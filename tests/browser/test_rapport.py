"""De voortgangsrapportage in Chromium: afgedrukt naar A4-PDF (``page.pdf`` in de test zelf) en met
pypdf gelezen; de knoppen op het scherm; toegankelijkheid; en de PDF van de opdrachtregel
(``dashboard.rapport_pdf.schrijf_pdf``, in een eigen proces).

Wat de PDF-controles echt nagaan:

- elke sectie begint bovenaan een eigen pagina (alleen voettekst en paginanummer staan ervoor);
- geen grafiek over een paginagrens: de titel ("Figuur N.") staat boven de grafiek en de cijfers
  ("Cijfers figuur N:") eronder, in één blok; staan ze op dezelfde pagina, dan ook alles ertussen.
  Zonder ``break-inside: avoid`` in ``assets/rapport.css`` valt er wel een figuur over de grens;
- elke pagina heeft "Pagina i van n" met het juiste aantal, en de voettekst met de datum van
  vandaag en de peildatum.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from datalaag.opmaak import formatteer_datum
from tests.browser.conftest import PROJECT_MAP, axe_ernstige_schendingen

WIJK_SECTIES = ["1. Samenvatting", "2. Plan en levensloop", "3. Doelstellingen", "4. Maatregelen", "5. Budget",
                "6. Meldingen", "7. Laatste evaluatie", "8. Open toezeggingen", "9. Bijlage: metingen bij de figuren"]
STAD_SECTIES = ["1. Samenvatting", "2. De wijken", "3. Ambitiescores", "4. Signalen, gerangschikt"]
DEMO_KOP = "Demonstratiegegevens (verzonnen)"
#: De breedte van de inhoud van een A4-pagina met marges van 15 mm, in CSS-pixels (180 mm).
A4_INHOUD_PX = 680


def _open(pagina, app_url: str, pad: str) -> int:
    """Open het rapport en wacht tot elke grafiek getekend is en de voettekst (@page) gezet is.
    Geeft het aantal figuren."""
    pagina.goto(f"{app_url}{pad}")
    expect(pagina.locator("#rapport")).to_be_visible(timeout=60_000)
    pagina.wait_for_function(
        "() => { const f = [...document.querySelectorAll('.rapport-figuur')];"
        " return f.length > 0 && f.every(x => x.querySelector('.main-svg'))"
        " && !!document.getElementById('rapport-voet-stijl'); }",
        timeout=60_000,
    )
    return pagina.locator(".rapport-figuur").count()


def _pdf_teksten(pdf: bytes) -> list[str]:
    """De tekst per pagina, genormaliseerd (ligaturen als "ﬁ" → "fi", witruimte → één spatie)."""
    lezer = PdfReader(io.BytesIO(pdf))
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in lezer.pages]


def _controleer_pdf(teksten: list[str], secties: list[str], figuren: int, titel: str, peildatum: dt.date,
                    demo: bool = True) -> None:
    n = len(teksten)
    alles = " ".join(teksten)
    assert titel in alles
    # Aantal pagina's: elke sectie een eigen pagina, en niet absurd veel.
    assert len(secties) <= n <= 40, n
    voettekst = f"{titel} · gemaakt op {formatteer_datum(dt.date.today())} · peildatum {formatteer_datum(peildatum)}"
    for i, tekst in enumerate(teksten, start=1):
        assert re.search(rf"Pagina {i} van {n}(?!\d)", tekst), f"pagina {i}: geen 'Pagina {i} van {n}' in {tekst[:200]!r}"
        assert voettekst in tekst, f"pagina {i}: geen voettekst {voettekst!r} in {tekst[:200]!r}"
        assert (DEMO_KOP in tekst) is demo
    # Elke sectie begint bovenaan een eigen pagina, in volgorde.
    vorige = -1
    for sectie in secties:
        paginas = [i for i, t in enumerate(teksten) if sectie in t]
        assert len(paginas) == 1, f"{sectie!r} op pagina's {paginas}"
        (p,) = paginas
        assert p > vorige, f"{sectie!r} staat vóór de vorige sectie"
        vorige = p
        if sectie.startswith("1. "):
            continue  # de eerste sectie staat onder de titel van het rapport
        voor = teksten[p][: teksten[p].index(sectie)]
        for vast in (voettekst, DEMO_KOP, f"Pagina {p + 1} van {n}"):
            voor = voor.replace(vast, "")
        assert voor.strip() == "", f"{sectie!r} begint niet bovenaan pagina {p + 1}: {voor[:200]!r}"
    # Geen grafiek over een paginagrens.
    assert figuren >= 1
    for k in range(1, figuren + 1):
        boven = [i for i, t in enumerate(teksten) if f"Figuur {k}. " in t]
        onder = [i for i, t in enumerate(teksten) if f"Cijfers figuur {k}:" in t]
        assert len(boven) == 1 and len(onder) == 1, (k, boven, onder)
        assert boven == onder, f"figuur {k} loopt over een paginagrens: titel op pagina {boven[0] + 1}, cijfers op {onder[0] + 1}"
    assert f"Figuur {figuren + 1}. " not in alles


def _breedte_grafieken(pagina) -> list[float]:
    return pagina.evaluate("[...document.querySelectorAll('.rapport-grafiek .main-svg')]"
                           ".map(s => s.getBoundingClientRect().width)")


# --------------------------------------------------------------------------- PDF via de browser


def test_wijkrapport_als_pdf(pagina, app_url):
    peildatum = dt.date(dt.date.today().year - 1, 12, 31)
    figuren = _open(pagina, app_url, f"/rapport/de-riet?peildatum={formatteer_datum(peildatum)}")
    expect(pagina.locator("#rapport-titel")).to_have_text("Voortgangsrapportage De Riet")
    expect(pagina.locator("#rapport-datums")).to_contain_text(f"Peildatum {formatteer_datum(peildatum)}")
    # Vaste breedte: past op A4, ook in een breed venster (1920 px).
    breedtes = _breedte_grafieken(pagina)
    assert len(breedtes) >= figuren and all(0 < b <= A4_INHOUD_PX for b in breedtes), breedtes
    pdf = pagina.pdf(format="A4", print_background=True)
    teksten = _pdf_teksten(pdf)
    _controleer_pdf(teksten, WIJK_SECTIES, figuren, "Voortgangsrapportage De Riet", peildatum)
    alles = " ".join(teksten)
    assert "Stadsdeel Noord" in alles and "Sociale herovering" in alles
    # De knoppen en de peildatumkeuze staan niet in de afdruk; de schil (menu, demobalk) ook niet.
    assert "Afdrukken / opslaan als PDF" not in alles and "Toon" not in alles.split()
    assert "Uitloggen" not in alles and "Alle cijfers, namen en meldingen in deze omgeving" not in alles


def test_stadsrapport_als_pdf(pagina, app_url):
    figuren = _open(pagina, app_url, "/rapport/stad")
    assert figuren == 2
    pdf = pagina.pdf(format="A4", print_background=True)
    teksten = _pdf_teksten(pdf)
    _controleer_pdf(teksten, STAD_SECTIES, figuren, "Voortgangsrapportage stad", dt.date.today())
    alles = " ".join(teksten)
    assert "Voortgangsrapportage wijkaanpak Almelo" in alles
    for wijk in ("Kerkelanden", "Sluitersveld", "De Riet", "Windmolenbroek"):
        assert wijk in alles
    # De ranglijst: Kerkelanden (het demoverhaal met de meeste doelstellingen ver achter) staat bovenaan.
    eerste = pagina.locator("#rapport-ranglijst tbody tr").first.locator("td")
    expect(eerste.nth(1)).to_have_text("Kerkelanden")
    assert "Wijken gerangschikt naar signalen" in alles


def _gesplitste_figuren(teksten: list[str], figuren: int) -> list[int]:
    return [k for k in range(1, figuren + 1)
            if [i for i, t in enumerate(teksten) if f"Figuur {k}. " in t]
            != [i for i, t in enumerate(teksten) if f"Cijfers figuur {k}:" in t]]


def test_de_controle_op_gesplitste_grafieken_kan_falen(pagina, app_url):
    """Tegenproef: zonder ``break-inside: avoid`` valt in deze twee wijken met elk dertien figuren wel een
    figuur over een paginagrens, en dat ziet de controle."""
    gesplitst = []
    for pad in ("/rapport/kerkelanden", "/rapport/sluitersveld"):
        figuren = _open(pagina, app_url, pad)
        assert _gesplitste_figuren(_pdf_teksten(pagina.pdf(format="A4", print_background=True)), figuren) == []
        pagina.add_style_tag(content=".rapport-figuur, .rapport-doelstelling, .rapport-grafiek "
                                     "{ break-inside: auto !important; }")
        gesplitst += _gesplitste_figuren(_pdf_teksten(pagina.pdf(format="A4", print_background=True)), figuren)
    assert gesplitst, "zonder de printregels viel geen enkele figuur over een paginagrens"


# --------------------------------------------------------------------------- op het scherm


def test_afdrukknop_opent_het_afdrukvenster_met_de_rapportnaam(pagina, app_url):
    _open(pagina, app_url, "/rapport/de-riet")
    pagina.evaluate("() => { window.print = () => { window.__afgedrukt = (window.__afgedrukt || []).concat(document.title); }; }")
    knop = pagina.get_by_role("button", name="Afdrukken / opslaan als PDF")
    knop.focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_function("() => (window.__afgedrukt || []).length === 1")
    assert pagina.evaluate("window.__afgedrukt") == [f"Voortgangsrapportage De Riet {formatteer_datum(dt.date.today())}"]
    # De voettekst staat als @page-regel in de pagina: alleen voor de benoemde pagina 'rapport'.
    regel = pagina.evaluate("document.getElementById('rapport-voet-stijl').textContent")
    assert regel.startswith("@page rapport {") and f"peildatum {formatteer_datum(dt.date.today())}" in regel


def test_peildatum_kiezen_en_een_foute_peildatum(pagina, app_url):
    _open(pagina, app_url, "/rapport/stad")
    veld = pagina.get_by_role("textbox", name="Peildatum")
    veld.fill("30-06-2025")
    veld.press("Enter")
    expect(pagina).to_have_url(re.compile(r"/rapport/stad\?peildatum=30-06-2025$"))
    expect(pagina.locator("#rapport-datums")).to_contain_text("Peildatum 30-06-2025", timeout=60_000)
    expect(pagina.locator("#rapport-peildatum-fout")).to_have_count(0)
    # Vanuit het stadsrapport naar een wijk: de peildatum gaat mee.
    pagina.locator("#rapport-wijken a", has_text="Kerkelanden").click()
    expect(pagina).to_have_url(re.compile(r"/rapport/kerkelanden\?peildatum=30-06-2025$"))
    expect(pagina.locator("#rapport-titel")).to_have_text("Voortgangsrapportage Kerkelanden", timeout=60_000)
    expect(pagina.locator("#rapport-datums")).to_contain_text("Peildatum 30-06-2025")
    # Een datum die niet bestaat: een melding in woorden, en de stand van vandaag.
    veld = pagina.get_by_role("textbox", name="Peildatum")
    veld.fill("31-02-2025")
    pagina.get_by_role("button", name="Toon").click()
    expect(pagina.locator("#rapport-peildatum-fout")).to_contain_text("bestaat niet", timeout=60_000)
    expect(pagina.locator("#rapport-peildatum-fout")).to_contain_text("de stand van vandaag")
    expect(pagina.locator("#rapport-datums")).to_contain_text(f"Peildatum {formatteer_datum(dt.date.today())}")


def test_onbekende_wijk_geeft_een_nette_melding(pagina, app_url):
    pagina.goto(f"{app_url}/rapport/bestaat-niet")
    expect(pagina.locator("#rapport-titel")).to_have_text("Rapport niet gevonden", timeout=60_000)
    expect(pagina.get_by_text("Er is geen wijk met het adres \u201cbestaat-niet\u201d")).to_be_visible()
    expect(pagina.locator("#rapport-wijkkeuze a")).to_have_count(12)
    expect(pagina.get_by_role("link", name="Naar het stadsrapport")).to_have_attribute("href", "/rapport/stad")


@pytest.mark.parametrize("pad", ["/rapport/de-riet", "/rapport/stad"])
def test_rapport_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url, pad):
    _open(pagina, app_url, pad)
    assert pagina.locator("h1").count() == 1
    # Elke grafiek is één afbeelding met een naam (titel en cijfers) voor schermlezers.
    for naam in pagina.locator(".rapport-grafiek").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"):
        assert naam and naam.startswith("Figuur ")
    assert axe_ernstige_schendingen(pagina) == []


# --------------------------------------------------------------------------- PDF van de opdrachtregel

_OPDRACHT = """
import sys
from datalaag.db import maak_engine, maak_sessiefabriek
from dashboard.rapport_pdf import RapportFout, schrijf_pdf
fabriek = maak_sessiefabriek(maak_engine(sys.argv[1]))
try:
    verslag = schrijf_pdf(fabriek, sys.argv[2], sys.argv[3], peildatum=sys.argv[4] or None, demo=True)
except RapportFout as fout:
    print(f"Fout: {fout}", file=sys.stderr)
    sys.exit(2)
print(verslag.titel, verslag.paginas, sep="|")
"""


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> str:
    """Een eigen demodatabase (SQLite) voor de opdrachtregel: de app van de browsertests blijft onaangeroerd."""
    from datalaag.db import maak_engine, maak_sessiefabriek, upgrade_head
    from seed.demo import genereer_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('rapport_pdf') / 'demo.db'}"
    engine = maak_engine(url)
    upgrade_head(engine)
    with maak_sessiefabriek(engine)() as sessie, sessie.begin():
        genereer_demo(sessie, vandaag=dt.date.today())
    engine.dispose()
    return url


def _schrijf(database: str, onderwerp: str, bestand: Path, peildatum: str = "") -> subprocess.CompletedProcess:
    # Een eigen proces: de functie maakt (buiten de webapp) een Dash-app voor de paginaregistratie.
    return subprocess.run([sys.executable, "-c", _OPDRACHT, database, onderwerp, str(bestand), peildatum],
                          cwd=PROJECT_MAP, capture_output=True, text=True, timeout=600)


def test_pdf_van_de_opdrachtregel(demo_database, tmp_path):
    peildatum = dt.date(dt.date.today().year, 1, 31)
    bestand = tmp_path / "uit" / "de-riet.pdf"
    uitkomst = _schrijf(demo_database, "de-riet", bestand, formatteer_datum(peildatum))
    assert uitkomst.returncode == 0, uitkomst.stderr[-2000:]
    titel, paginas = uitkomst.stdout.strip().splitlines()[-1].split("|")
    assert titel == "Voortgangsrapportage De Riet"
    teksten = _pdf_teksten(bestand.read_bytes())
    assert int(paginas) == len(teksten)
    # Dezelfde figuren als op de pagina: de doelstellingen van het plan plus het budget.
    figuren = len({m for t in teksten for m in re.findall(r"Cijfers figuur (\d+):", t)})
    _controleer_pdf(teksten, WIJK_SECTIES, figuren, "Voortgangsrapportage De Riet", peildatum)
    assert figuren >= 2

    stad = tmp_path / "stad.pdf"
    uitkomst = _schrijf(demo_database, "stad", stad)
    assert uitkomst.returncode == 0, uitkomst.stderr[-2000:]
    _controleer_pdf(_pdf_teksten(stad.read_bytes()), STAD_SECTIES, 2, "Voortgangsrapportage stad", dt.date.today())


@pytest.mark.parametrize(
    ("onderwerp", "bestand", "peildatum", "melding"),
    [
        ("bestaat-niet", "x.pdf", "", "Er is geen wijk met het adres \u201cbestaat-niet\u201d"),
        ("de-riet", "x.pdf", "31-02-2025", "bestaat niet"),
        ("de-riet", "x.pdf", "01-01-2999", "tussen 01-01-2000 en"),
        ("de-riet", "x.txt", "", "eindigt op .pdf"),
    ],
)
def test_pdf_van_de_opdrachtregel_fouten(demo_database, tmp_path, onderwerp, bestand, peildatum, melding):
    doel = tmp_path / bestand
    uitkomst = _schrijf(demo_database, onderwerp, doel, peildatum)
    assert uitkomst.returncode == 2, uitkomst.stderr[-2000:]
    assert melding in uitkomst.stderr and "Traceback" not in uitkomst.stderr
    assert not doel.exists()
