"""``/invoer/uitgaven`` in Chromium: een coördinator boekt een uitgave, krijgt eerst Nederlandse fouten (en er
wordt niets geboekt), verbetert, ziet de uitgave in de tabel en het restant van de post dalen, vindt haar terug
op ``/budget`` en corrigeert haar; een raadslid ziet geen velden; geen ernstige toegankelijkheidsfouten.

Alle browsertests delen één app met één demodatabase. Deze test boekt een klein bedrag (€ 12,50, na correctie
€ 13,75) op de ruimste budgetpost van Kerkelanden in het lopende jaar, met een eigen kenmerk. Niet op De Riet:
tests/browser/test_budget.py controleert de bedragen van De Riet (bijlage 4), en Windmolenbroek in het lopende
jaar (de vlag "Overbesteed", die dit bedrag niet verandert). Kerkelanden komt daar niet voor.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000


def _euro(tekst: str) -> Decimal:
    """``"€ 7.400,00"`` → ``Decimal("7400.00")``."""
    return Decimal(tekst.replace("€", "").replace("\u00a0", "").strip().replace(".", "").replace(",", "."))


def _als_euro(bedrag: Decimal) -> str:
    geheel, _, centen = f"{bedrag:.2f}".partition(".")
    return f"€ {int(geheel):,}".replace(",", ".") + f",{centen}"


def _ruimste_post(pagina) -> tuple[str, str, Decimal]:
    """(id, naam, resteert) van de budgetpost met het grootste restant in de budgettabel."""
    rijen = pagina.locator("#uitgaven-budget tbody tr")
    kandidaten = []
    for i in range(rijen.count()):
        rij = rijen.nth(i)
        cellen = rij.locator("td")
        kandidaten.append((rij.get_attribute("id").removeprefix("uitgaven-post-"), rij.locator("th").inner_text(),
                           _euro(cellen.nth(2).inner_text())))
    assert kandidaten, "geen budgetposten voor Kerkelanden in het lopende jaar"
    post = max(kandidaten, key=lambda k: k[2])
    assert post[2] > 100, f"geen budgetpost met ruimte in Kerkelanden: {kandidaten}"
    return post


def _resteert(pagina, post_id: str):
    return pagina.locator(f"#uitgaven-post-{post_id} td").nth(2)


def test_coordinator_boekt_en_corrigeert_een_uitgave(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    pagina.goto(f"{app_url}/invoer/uitgaven")
    expect(pagina.locator("#uitgaven-formulier-titel")).to_have_text("Nieuwe uitgave", timeout=WACHT)
    # Alleen de eigen wijken; de keuze komt in de URL.
    wijken = [t for t in pagina.locator("#uitgaven-wijk option").all_inner_texts() if t]  # zonder lege plekhouder
    assert wijken == ["De Riet", "Kerkelanden", "Windmolenbroek"]
    jaar = pagina.locator("#uitgaven-jaar").input_value()
    pagina.select_option("#uitgaven-wijk", "kerkelanden")
    expect(pagina).to_have_url(re.compile(rf"/invoer/uitgaven\?wijk=kerkelanden&jaar={jaar}$"))
    expect(pagina.locator("#uitgaven-budget-titel")).to_have_text(f"Budget Kerkelanden {jaar}", timeout=WACHT)
    post_id, post_naam, rest_voor = _ruimste_post(pagina)
    assert axe_ernstige_schendingen(pagina) == []

    bedrag = pagina.get_by_role("textbox", name=re.compile(r"^Bedrag"))
    omschrijving = pagina.get_by_role("textbox", name=re.compile(r"^Omschrijving"))
    kenmerk_veld = pagina.get_by_role("textbox", name=re.compile(r"^Kenmerk"))
    budgetpost = pagina.get_by_role("combobox", name=re.compile(r"^Budgetpost"))
    laatste = pagina.locator("#uitgaven-laatste tbody tr").first
    eerste_rij_voor = laatste.inner_text()

    # Eerst fout: een dubbelzinnig bedrag, geen omschrijving, geen bestemming.
    bedrag.fill("12,500")
    pagina.get_by_role("button", name="Uitgave boeken").click()
    expect(pagina.locator("#uitgaven-melding .alert-danger")).to_contain_text("Niet opgeslagen: 3 velden kloppen "
                                                                              "niet", timeout=WACHT)
    expect(pagina.locator("#uitgaven-bedrag + .invalid-feedback")).to_contain_text(
        "is 12,500 bedoeld als duizendtallen of als decimalen?")
    expect(pagina.locator("#uitgaven-omschrijving + .invalid-feedback")).to_have_text(
        "Omschrijving: dit veld is verplicht. Vul het in.")
    expect(pagina.locator("#uitgaven-budgetpost + .invalid-feedback")).to_contain_text("kies een budgetpost of een "
                                                                                       "maatregel")
    expect(bedrag).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(bedrag).to_have_value("12,500")  # de invoer blijft staan
    assert laatste.inner_text() == eerste_rij_voor
    expect(_resteert(pagina, post_id)).to_have_text(_als_euro(rest_voor))

    # Verbeteren en boeken.
    uniek = uuid.uuid4().hex[:8]
    tekst = f"Browsertest: koffie bewonersavond {uniek}"
    kenmerk = f"BROWSER-{uniek}"
    bedrag.fill("12,50")
    budgetpost.select_option(post_id)
    omschrijving.fill(tekst)
    kenmerk_veld.fill(kenmerk)
    pagina.get_by_role("button", name="Uitgave boeken").click()
    bevestiging = pagina.locator("#uitgaven-bevestiging")
    expect(bevestiging).to_contain_text("€ 12,50", timeout=WACHT)
    expect(bevestiging).to_contain_text(f"budgetpost \u201c{post_naam}\u201d")
    expect(pagina.locator("#uitgaven-bedrag + .invalid-feedback")).to_have_text("")
    expect(bedrag).to_have_value("")          # klaar voor de volgende boeking
    expect(omschrijving).to_have_value("")
    # De uitgave staat bovenaan in de tabel, met door wie; het restant is € 12,50 lager.
    expect(laatste).to_contain_text(tekst)
    expect(laatste).to_contain_text("€ 12,50")
    expect(laatste).to_contain_text("Marieke ter Horst")
    expect(laatste).to_contain_text(kenmerk)
    expect(laatste.locator("td").first).to_have_text(re.compile(r"^\d{2}-\d{2}-\d{4}$"))
    expect(_resteert(pagina, post_id)).to_have_text(_als_euro(rest_voor - Decimal("12.50")))

    # Hetzelfde kenmerk nog eens: een melding bij het veld, niets geboekt.
    bedrag.fill("1")
    omschrijving.fill("Dubbel")
    kenmerk_veld.fill(kenmerk)
    pagina.get_by_role("button", name="Uitgave boeken").click()
    expect(pagina.locator("#uitgaven-kenmerk + .invalid-feedback")).to_contain_text(
        f"er is al een uitgave met kenmerk \u201c{kenmerk}\u201d", timeout=WACHT)
    expect(_resteert(pagina, post_id)).to_have_text(_als_euro(rest_voor - Decimal("12.50")))

    # Corrigeren via "corrigeer" in de tabel (na opnieuw laden: de uitgave staat er nog bovenaan).
    pagina.goto(f"{app_url}/invoer/uitgaven?wijk=kerkelanden")
    expect(pagina.locator("#uitgaven-laatste tbody tr").first).to_contain_text(tekst, timeout=WACHT)
    pagina.locator("#uitgaven-laatste tbody tr").first.get_by_role("link", name=re.compile("^corrigeer")).click()
    expect(pagina.locator("#uitgaven-formulier-titel")).to_have_text("Uitgave corrigeren", timeout=WACHT)
    expect(bedrag).to_have_value("12,50")
    expect(omschrijving).to_have_value(tekst)
    bedrag.fill("13,75")
    pagina.get_by_role("button", name="Correctie opslaan").click()
    expect(pagina.locator("#uitgaven-bevestiging")).to_contain_text("Correctie opgeslagen", timeout=WACHT)
    expect(pagina.locator("#uitgaven-laatste tbody tr").first).to_contain_text("€ 13,75")
    expect(_resteert(pagina, post_id)).to_have_text(_als_euro(rest_voor - Decimal("13.75")))
    assert axe_ernstige_schendingen(pagina) == []

    # Op /budget staat de uitgave bij de budgetpost.
    pagina.get_by_role("link", name="Bekijk de uitgaven op de budgetpagina").click()
    expect(pagina).to_have_url(re.compile(rf"/budget\?wijk=kerkelanden&jaar=\d{{4}}&budgetpost={post_id}$"))
    expect(pagina.locator("#budget-uitgaven-titel")).to_have_text(f"Uitgaven · {post_naam}", timeout=WACHT)
    expect(pagina.locator("#budget-uitgaven")).to_contain_text(tekst)
    expect(pagina.locator("#budget-uitgaven")).to_contain_text(kenmerk)


def test_raadslid_ziet_geen_velden(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/uitgaven?wijk=kerkelanden")
    expect(pagina.locator("#uitgaven-geen-rechten")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#uitgaven-geen-rechten")).to_contain_text("Met de rol raadslid")
    expect(pagina.locator("#uitgaven-opslaan")).to_have_count(0)
    expect(pagina.locator("#_pages_content input, #_pages_content select, #_pages_content textarea")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []
