"""De openbare wijkpagina van De Riet in Chromium, niet aangemeld (een verse context zonder cookies): op een
telefoon (360×740) en op een laptop (1280×720) zonder horizontaal scrollen, de kernteksten zichtbaar, axe-core
zonder ernstige schendingen, de overslaan-link met zichtbare focus, en een 404-pagina voor een wijk zonder
openbare pagina."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_ernstige_schendingen

MATEN = {"telefoon": (360, 740), "laptop": (1280, 720)}
VERWACHTE_404 = "/openbaar/wijk/bestaat-niet"


@pytest.fixture
def bezoeker(page):
    """Niet aangemeld; faalt op fouten in de console."""
    page.context.clear_cookies()
    fouten: list[str] = []

    def console(bericht):
        # De 404 van het document zelf (de bedoelde foutpagina) meldt Chromium ook als consolefout.
        if bericht.type == "error" and not bericht.location.get("url", "").endswith(VERWACHTE_404):
            fouten.append(f"console.{bericht.type}: {bericht.text}")

    page.on("console", console)
    page.on("pageerror", lambda f: fouten.append(f"pageerror: {f}"))
    yield page
    assert not fouten, "Fouten in de browserconsole:\n" + "\n".join(fouten)


@pytest.mark.parametrize("maat", list(MATEN))
def test_de_riet_op_telefoon_en_laptop(bezoeker, app_url, maat):
    page = bezoeker
    breedte, hoogte = MATEN[maat]
    page.set_viewport_size({"width": breedte, "height": hoogte})
    antwoord = page.goto(f"{app_url}/openbaar/wijk/de-riet")
    assert antwoord.status == 200 and "/login" not in page.url
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontaal scrollen"
    assert page.locator("h1").inner_text() == "De Riet"
    for tekst in ("In het kort", "Het wijkplan", "Hoe staat de wijk ervoor?", "Wat gebeurt er? De maatregelen",
                  "Meldingen", "Wat betekent dit?", "Vragen?"):
        assert page.get_by_role("heading", name=tekst, exact=True).is_visible(), tekst
    assert page.locator("#in-het-kort li").count() >= 3
    assert page.locator(".status-label").first.is_visible()
    assert page.locator("#bijgewerkt").inner_text().startswith("Bijgewerkt op ")
    # De tabel achter "Toon als tabel" opent zonder JavaScript (details/summary).
    assert not page.locator("#meldingen-tabel").is_visible()
    page.get_by_text("Toon als tabel: meldingen per maand en per soort").click()
    assert page.locator("#meldingen-tabel").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    schendingen = axe_ernstige_schendingen(page)
    assert schendingen == [], "\n".join(schendingen)


def test_overslaan_link_met_zichtbare_focus(bezoeker, app_url):
    page = bezoeker
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{app_url}/openbaar/wijk/de-riet")
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name="Naar de inhoud")
    assert link.is_visible() and link.evaluate("e => e === document.activeElement")
    stijl = link.evaluate("e => getComputedStyle(e).outlineStyle")
    assert stijl != "none", "de focus van de overslaan-link is niet zichtbaar"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_lijst_en_niet_openbare_wijk(bezoeker, app_url):
    page = bezoeker
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{app_url}/openbaar")
    page.get_by_role("link", name="De Riet").click()
    page.wait_for_url("**/openbaar/wijk/de-riet")
    antwoord = page.goto(f"{app_url}{VERWACHTE_404}")
    assert antwoord.status == 404
    assert page.locator("h1").inner_text() == "Geen openbare pagina voor deze wijk"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_ernstige_schendingen(page) == []
