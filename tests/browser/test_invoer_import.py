"""``/invoer/import`` in Chromium: de coördinator importeert het voorbeeldbestand met metingen
(controleren, dan importeren), ziet een nieuw punt in de trend op de wijkpagina, en het raadslid ziet
de import in het dossier; een bestand met een foute rij schrijft niets; een raadslid kan niet importeren;
bij een groot bestand (100.000 rijen, alleen een proef) toont een voortgangsbalk waar de controle is.

Alle browsertests delen één app met één demodatabase. Het voorbeeldbestand (kwartaalmetingen op
30-09-2026 voor de wijken van de demo-coördinator) raakt geen bestaande metingen.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

WACHT = 30_000
VOORBEELD = Path(__file__).resolve().parents[2] / "seed" / "voorbeelden" / "metingen.csv"
INDICATOR = "Sociale cohesie (schaalscore 0–10)"
GOEDE_RIJ = f"Kerkelanden;{INDICATOR};30-09-2024;5,1;kwartaal;Test"


def _open(pagina, app_url: str, soort: str = "metingen") -> None:
    pagina.goto(f"{app_url}/invoer/import?soort={soort}")
    expect(pagina.locator("#import-kolommen")).to_be_visible(timeout=WACHT)
    expect(pagina.locator("#import-upload input[type=file]")).to_have_attribute(
        "aria-label", "Bestand om te importeren (.csv of .xlsx)", timeout=WACHT)


def _upload(pagina, pad: Path) -> None:
    pagina.locator("#import-upload input[type=file]").set_input_files(str(pad))
    expect(pagina.locator("#import-bestand")).to_contain_text(pad.name, timeout=WACHT)
    expect(pagina.locator("#import-controleren")).to_be_enabled()
    expect(pagina.locator("#import-importeren")).to_be_disabled()


def _importeer(pagina, pad: Path, aantal: int) -> None:
    _upload(pagina, pad)
    pagina.get_by_role("button", name="Controleren (proef)").click()
    wat = "rij wordt" if aantal == 1 else "rijen worden"
    expect(pagina.locator("#import-samenvatting")).to_have_text(
        f"{aantal} {wat} toegevoegd, 0 overgeslagen (al aanwezig).", timeout=WACHT)
    expect(pagina.locator("#import-importeren")).to_be_enabled()
    pagina.get_by_role("button", name="Importeren", exact=True).click()
    expect(pagina.locator("#import-resultaat-import")).to_contain_text(
        f"{aantal} {'rij' if aantal == 1 else 'rijen'} toegevoegd, 0 overgeslagen", timeout=WACHT)
    expect(pagina.locator("#import-importeren")).to_be_disabled()


def test_coordinator_importeert_voorbeeld_en_ziet_het_terug(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "coordinator")
    _open(pagina, app_url)
    expect(pagina.locator("#import-kolommen tbody tr")).to_have_count(6)
    assert axe_ernstige_schendingen(pagina) == []
    _importeer(pagina, VOORBEELD, 12)
    expect(pagina.locator("#import-link-dossier")).to_have_attribute("href", "/dossier?entiteit=import")
    expect(pagina.locator("#import-link-wijk")).to_have_attribute("href", "/wijk/de-riet")
    assert axe_ernstige_schendingen(pagina) == []

    # Nogmaals hetzelfde bestand: niets nieuws, alles overgeslagen.
    _upload(pagina, VOORBEELD)
    pagina.get_by_role("button", name="Controleren (proef)").click()
    expect(pagina.locator("#import-samenvatting")).to_have_text(
        "0 rijen worden toegevoegd, 12 overgeslagen (al aanwezig).", timeout=WACHT)

    # Het nieuwe punt (30-09-2026, 6,5) in de geschiedenis en trend van de doelstelling op de wijkpagina.
    _open(pagina, app_url)
    pagina.goto(f"{app_url}/wijk/de-riet")
    doel = pagina.locator("[data-doelstelling]", has_text=INDICATOR).first
    expect(doel).to_be_visible(timeout=WACHT)
    doel_id = doel.get_attribute("data-doelstelling")
    pagina.goto(f"{app_url}/wijk/de-riet?doelstelling={doel_id}")
    metingen = pagina.locator("#wijk-doelstelling-metingen tbody tr")
    expect(metingen.filter(has_text="30-09-2026").first).to_contain_text("6,5", timeout=WACHT)

    # Het raadslid ziet de import in het dossier, op naam van de coördinator.
    wissel_rol(pagina, sessiecookies, "raadslid")
    pagina.goto(f"{app_url}/dossier?entiteit=import")
    regel = pagina.locator("#dossier-lijst .ag-center-cols-container .ag-row").filter(has_text="Import").first
    expect(regel).to_contain_text("Marieke ter Horst", timeout=WACHT)


def test_foute_rij_toont_de_fout_en_importeert_niets(pagina, app_url, sessiecookies, tmp_path):
    wissel_rol(pagina, sessiecookies, "coordinator")
    bestand = tmp_path / "fout.csv"
    bestand.write_text(
        "wijk;indicator;peildatum;waarde;periode;bron\n"
        f"{GOEDE_RIJ}\n"
        f"Kerkelanden;{INDICATOR};30-06-2023;veel;kwartaal;Test\n", encoding="utf-8")
    _open(pagina, app_url)
    _upload(pagina, bestand)
    pagina.get_by_role("button", name="Controleren (proef)").click()
    fouten = pagina.locator("#import-fouten tbody tr")
    expect(fouten).to_have_count(1, timeout=WACHT)
    expect(fouten.locator("td").nth(0)).to_have_text("3")
    expect(fouten.locator("td").nth(1)).to_have_text("waarde")
    expect(fouten.locator("td").nth(2)).not_to_be_empty()
    expect(pagina.locator("#import-importeren")).to_be_disabled()
    assert axe_ernstige_schendingen(pagina) == []

    # Niets geschreven: alleen de goede rij is nog steeds nieuw.
    goed = tmp_path / "goed.csv"
    goed.write_text(f"wijk;indicator;peildatum;waarde;periode;bron\n{GOEDE_RIJ}\n", encoding="utf-8")
    _upload(pagina, goed)
    pagina.get_by_role("button", name="Controleren (proef)").click()
    expect(pagina.locator("#import-samenvatting")).to_have_text(
        "1 rij wordt toegevoegd, 0 overgeslagen (al aanwezig).", timeout=WACHT)

    # Een bestand met tabs als scheidingsteken: de melding van de datalaag over het bestand.
    tabs = tmp_path / "tabs.csv"
    tabs.write_text("wijk\tindicator\tpeildatum\twaarde\nDe Riet\tx\t31-12-2024\t1\n", encoding="utf-8")
    _upload(pagina, tabs)
    pagina.get_by_role("button", name="Controleren (proef)").click()
    expect(pagina.locator("#import-bestandsfout")).to_contain_text("geen scheidingsteken gevonden", timeout=WACHT)
    expect(pagina.locator("#import-importeren")).to_be_disabled()


def test_raadslid_kan_niet_importeren(pagina, app_url):
    pagina.goto(f"{app_url}/invoer/import?soort=meldingen")
    expect(pagina.locator("#import-geen-rechten")).to_contain_text("U kunt hier niets importeren", timeout=WACHT)
    expect(pagina.locator("#import-upload")).to_have_count(0)
    assert axe_ernstige_schendingen(pagina) == []


# Legt elke stand van de voortgang vast (percentage uit aria-valuenow | tekst), zodat de test na afloop kan
# nagaan wat de gebruiker tijdens het controleren zag.
VOLG_DE_BALK = """() => {
    window.gezien = [];
    const doel = document.querySelector('#import-voortgang-inhoud');
    new MutationObserver(() => {
        const balk = doel.querySelector('[role=progressbar]');
        window.gezien.push(`${balk ? balk.getAttribute('aria-valuenow') : '?'}|${doel.innerText.trim()}`);
    }).observe(doel, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def test_voortgangsbalk_tijdens_de_proef_van_een_groot_bestand(pagina, app_url, sessiecookies, tmp_path):
    """100.000 rijen met dezelfde sleutel: de controle loopt alle rijen langs (de balk loopt op, in procenten en
    in woorden), daarna 99.999 fouten; een proef schrijft niets."""
    wissel_rol(pagina, sessiecookies, "coordinator")
    bestand = tmp_path / "groot.csv"
    rij = f"Kerkelanden;{INDICATOR};31-03-2001;5,1;kwartaal;Test"
    bestand.write_text("wijk;indicator;peildatum;waarde;periode;bron\n" + "\n".join([rij] * 100_000) + "\n",
                       encoding="utf-8")
    _open(pagina, app_url)
    expect(pagina.locator("#import-voortgang")).to_be_hidden()
    _upload(pagina, bestand)
    pagina.evaluate(VOLG_DE_BALK)
    pagina.get_by_role("button", name="Controleren (proef)").click()

    balk = pagina.get_by_role("progressbar", name="Voortgang")
    expect(pagina.locator("#import-voortgang-tekst")).to_have_text(
        re.compile(r"^Controleren: rij [1-9][\d.]* van 100\.000$"), timeout=60_000)
    expect(pagina.locator("#import-controleren")).to_be_disabled()  # geen tweede klik terwijl het loopt
    assert axe_ernstige_schendingen(pagina) == []

    expect(pagina.locator("#import-resultaat-fouten")).to_contain_text("99.999 fouten gevonden in 100.000 rijen",
                                                                      timeout=120_000)
    expect(pagina.locator("#import-voortgang")).to_be_hidden()
    expect(balk).to_have_count(0)  # verborgen: niet meer in de toegankelijkheidsboom
    expect(pagina.locator("#import-controleren")).to_be_enabled()
    gezien = pagina.evaluate("window.gezien")
    standen = [re.fullmatch(r"(\d+)\|(\d+)%\s*Controleren: rij ([\d.]+) van 100\.000", g) for g in gezien]
    standen = [(int(m[1]), int(m[2]), int(m[3].replace(".", ""))) for m in standen if m]
    assert standen, gezien
    # aria-valuenow, het getoonde percentage en de rij horen bij elkaar, en de balk loopt alleen op.
    assert all(nu == procent == rij // 1000 for nu, procent, rij in standen), standen
    assert [s[2] for s in standen] == sorted(s[2] for s in standen)
