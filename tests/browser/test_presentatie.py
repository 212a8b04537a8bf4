"""De presentatiemodus in Chromium: toetsen en URL, één scherm zonder schuifbalken met grote letters op
1920×1080 en 1280×720, toegankelijkheid, en de samensteller die de link bouwt.

Deze tests lezen alleen; ze veranderen geen gegevens van de gedeelde demo-app.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen, wissel_rol

#: Gisteren: de demo is op "vandaag" gezaaid, en een peildatum mag niet na vandaag liggen.
PEILDATUM = (dt.date.today() - dt.timedelta(days=1)).strftime("%d-%m-%Y")
VIJF = "overzicht,heatmap,wijk:de-riet,toezeggingen,signalen"
#: Elke weergave, stad en wijk, plus een fout onderdeel.
ALLE = ("overzicht,heatmap,wijk:de-riet,doelen:kerkelanden,budget:de-riet,meldingen:kerkelanden,"
        "projecten:kerkelanden,toezeggingen,toezeggingen:ossenkoppelerhoek,signalen,signalen:de-riet,budjet:x")


def _open(pagina, app_url: str, agenda: str, extra: str = "") -> None:
    pagina.goto(f"{app_url}/presentatie?agenda={agenda}&peildatum={PEILDATUM}{extra}")
    expect(pagina.locator("#presentatie-dia .presentatie-dia.is-actief")).to_be_visible(timeout=30_000)


def _actief(pagina) -> str:
    return pagina.locator("#presentatie-dia").get_attribute("data-actief")


def _verwacht_dia(pagina, n: int, aantal: int, url: bool = True) -> None:
    expect(pagina.locator("#presentatie-dia")).to_have_attribute("data-actief", str(n))
    actief = pagina.locator("#presentatie-dia .presentatie-dia.is-actief")
    expect(actief).to_have_count(1)
    expect(actief).to_have_attribute("data-dia", str(n))
    expect(actief.locator(".presentatie-teller")).to_have_text(f"{n} / {aantal}")
    if url:
        expect(pagina).to_have_url(re.compile(rf"[?&]dia={n}(&|$)"))


def test_toetsenbord_door_vijf_dias(pagina, app_url):
    _open(pagina, app_url, VIJF, "&terug=samenstellen")
    expect(pagina.locator("#presentatie-dia")).to_have_attribute("data-actief", "1")
    # De schil (menu, demobanner, voettekst) is weg; de presentatie heeft de focus.
    expect(pagina.locator(".shell-nav")).to_be_hidden()
    expect(pagina.locator(".shell-voet")).to_be_hidden()
    expect(pagina.locator("#presentatie-dia")).to_be_focused()
    for toets, n in [("ArrowRight", 2), ("Space", 3), ("PageDown", 4), ("ArrowLeft", 3), ("PageUp", 2),
                     ("End", 5), ("ArrowRight", 5), ("Home", 1), ("ArrowLeft", 1), ("ArrowDown", 2)]:
        pagina.keyboard.press(toets)
        _verwacht_dia(pagina, n, 5)
    # De URL blijft leesbaar en houdt agenda en peildatum vast.
    query = parse_qs(urlsplit(pagina.url).query)
    assert query["agenda"] == [VIJF] and query["peildatum"] == [PEILDATUM]
    assert "agenda=overzicht,heatmap,wijk:de-riet" in pagina.url
    # Terug en vooruit in de browser bladeren door de dia's (Home → 1 → ArrowDown → 2).
    pagina.go_back()
    _verwacht_dia(pagina, 1, 5)
    pagina.go_back()
    _verwacht_dia(pagina, 5, 5)
    pagina.go_forward()
    _verwacht_dia(pagina, 1, 5)
    # Herladen blijft op dezelfde dia.
    pagina.keyboard.press("End")
    _verwacht_dia(pagina, 5, 5)
    pagina.reload()
    expect(pagina.locator("#presentatie-dia .presentatie-dia.is-actief")).to_have_attribute("data-dia", "5")
    # De knoppen (muis) doen hetzelfde; daarna werkt spatie weer als "volgende".
    pagina.locator(".presentatie-dia.is-actief [data-presentatie-actie='vorige']").click()
    _verwacht_dia(pagina, 4, 5)
    pagina.keyboard.press("Space")
    _verwacht_dia(pagina, 5, 5)
    # Esc: terug naar de samensteller, met dezelfde agenda en peildatum.
    pagina.keyboard.press("Escape")
    expect(pagina).to_have_url(re.compile(r"/presentatie/samenstellen\?agenda=overzicht,heatmap,wijk:de-riet,"
                                          rf"toezeggingen,signalen&peildatum={PEILDATUM}$"))
    expect(pagina.locator("#presentatie-samenstellen-lijst li")).to_have_count(5)
    expect(pagina.locator(".shell-nav")).to_be_visible()


def test_esc_zonder_samensteller_gaat_naar_het_overzicht(pagina, app_url):
    _open(pagina, app_url, "heatmap")
    pagina.keyboard.press("Escape")
    expect(pagina).to_have_url(f"{app_url}/")
    expect(pagina.locator(".shell-nav")).to_be_visible()
    expect(pagina.locator("#overzicht-heatmap")).to_be_visible(timeout=30_000)


def test_zonder_peildatum_wordt_vandaag_vastgezet_in_de_url(pagina, app_url):
    pagina.goto(f"{app_url}/presentatie?agenda=overzicht")
    expect(pagina.locator("#presentatie-dia .presentatie-dia.is-actief")).to_be_visible(timeout=30_000)
    vandaag = dt.date.today().strftime("%d-%m-%Y")
    expect(pagina).to_have_url(re.compile(rf"peildatum={vandaag}$"))
    expect(pagina.locator(".presentatie-dia.is-actief .presentatie-peildatum")).to_have_text(f"Peildatum {vandaag}")


# Alle tekst op de actieve dia die de lezer ziet: elementen met eigen tekst, niet in een visueel verborgen
# blok (tabellen voor schermlezers) en niet in de SVG van een grafiek (die wordt apart gemeten).
METING = """() => {
  const dia = document.querySelector('#presentatie-dia .presentatie-dia.is-actief');
  const html = [], svg = [], overloop = [];
  for (const el of dia.querySelectorAll('*')) {
    if (el.closest('.visually-hidden')) continue;
    const eigen = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!eigen) continue;
    const grootte = parseFloat(getComputedStyle(el).fontSize);
    const regel = (el.textContent.trim().slice(0, 40)) + ' = ' + grootte + 'px';
    if (el.closest('svg')) svg.push([grootte, regel]); else html.push([grootte, regel]);
  }
  for (const vak of dia.querySelectorAll('.presentatie-inhoud, .presentatie-rest, .presentatie-kolom')) {
    if (vak.scrollHeight > vak.clientHeight + 2) overloop.push(vak.className + ': ' + vak.scrollHeight + ' > ' + vak.clientHeight);
  }
  const d = document.documentElement;
  return {html, svg, overloop, dia: dia.getAttribute('data-dia'), weergave: dia.getAttribute('data-weergave'),
          scroll: [d.scrollWidth, d.scrollHeight, document.scrollingElement.scrollWidth,
                   document.scrollingElement.scrollHeight],
          body: [document.body.scrollWidth, document.body.scrollHeight],
          venster: [window.innerWidth, window.innerHeight]};
}"""


@pytest.mark.parametrize(("breedte", "hoogte"), [(1920, 1080), (1280, 720)])
def test_elke_dia_past_op_het_scherm_met_grote_letters(pagina, app_url, breedte, hoogte):
    pagina.set_viewport_size({"width": breedte, "height": hoogte})
    _open(pagina, app_url, ALLE)
    aantal = int(pagina.locator("#presentatie-dia").get_attribute("data-aantal"))
    assert aantal == 12
    fouten: list[str] = []
    gezien_svg = 0
    for n in range(1, aantal + 1):
        if n > 1:
            pagina.keyboard.press("ArrowRight")
        _verwacht_dia(pagina, n, aantal, url=n > 1)
        actief = pagina.locator("#presentatie-dia .presentatie-dia.is-actief")
        if actief.locator(".presentatie-grafiek").count():
            # Wacht tot Plotly de grafiek heeft getekend.
            expect(actief.locator(".presentatie-grafiek svg.main-svg text").first).to_be_attached(timeout=30_000)
        meting = pagina.evaluate(METING)
        waar = f"dia {n} ({meting['weergave']}, {breedte}×{hoogte})"
        if meting["scroll"] != [breedte, hoogte, breedte, hoogte] or meting["venster"] != [breedte, hoogte]:
            fouten.append(f"{waar}: scroll-grootte {meting['scroll']} ≠ venster {meting['venster']}")
        if meting["body"][0] > breedte or meting["body"][1] > hoogte:
            fouten.append(f"{waar}: body {meting['body']} groter dan het venster")
        fouten += [f"{waar}: tekst {regel}" for grootte, regel in meting["html"] if grootte < 24]
        fouten += [f"{waar}: grafiektekst {regel}" for grootte, regel in meting["svg"] if grootte < 18]
        fouten += [f"{waar}: loopt over: {o}" for o in meting["overloop"]]
        assert meting["html"], waar
        gezien_svg += len(meting["svg"])
    assert gezien_svg > 50, "geen grafiektekst gemeten"
    assert fouten == [], "\n".join(fouten)


def test_presentatie_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url):
    _open(pagina, app_url, "overzicht,heatmap,budget:de-riet,toezeggingen,projecten:kerkelanden,budjet:x")
    for n in range(1, 7):
        if n > 1:
            pagina.keyboard.press("ArrowRight")
        _verwacht_dia(pagina, n, 6, url=n > 1)
        assert axe_ernstige_schendingen(pagina) == [], f"dia {n}"


def test_onbekende_onderdelen_en_peildatum_geven_een_nette_melding(pagina, app_url):
    _open(pagina, app_url, "overzicht,budjet:de-riet,wijk:nergens,<script>alert(1)</script>")
    assert pagina.locator("#presentatie-dia .presentatie-dia").count() == 4
    pagina.keyboard.press("ArrowRight")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("'budjet' is geen weergave")
    pagina.keyboard.press("ArrowRight")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("'nergens' is geen wijk")
    pagina.keyboard.press("ArrowRight")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("<script>alert(1)</script>")
    # De link naar de samensteller neemt de geldige onderdelen mee.
    expect(pagina.locator(".presentatie-dia.is-actief a", has_text="samensteller")).to_have_attribute(
        "href", f"/presentatie/samenstellen?agenda=overzicht&peildatum={PEILDATUM}")

    pagina.goto(f"{app_url}/presentatie?agenda=overzicht&peildatum=31-02-2026")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("De peildatum '31-02-2026' bestaat niet")
    pagina.goto(f"{app_url}/presentatie?agenda={','.join(['overzicht'] * 300)}&peildatum={PEILDATUM}")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("te lang")
    pagina.goto(f"{app_url}/presentatie")
    expect(pagina.locator(".presentatie-dia.is-actief")).to_contain_text("nog geen agenda")


def test_samensteller_bouwt_de_link_die_de_presentatie_opent(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, "griffie")
    pagina.context.grant_permissions(["clipboard-read", "clipboard-write"])
    pagina.goto(f"{app_url}/presentatie/samenstellen")
    weergave = pagina.locator("#presentatie-samenstellen-weergave")
    wijk = pagina.locator("#presentatie-samenstellen-wijk")
    toevoegen = pagina.locator("#presentatie-samenstellen-toevoegen")
    lijst = pagina.locator("#presentatie-samenstellen-lijst li")
    expect(weergave).to_be_visible(timeout=30_000)
    expect(pagina.locator("#presentatie-samenstellen-leeg-tekst")).to_be_visible()

    # Met het toetsenbord: keuze maken, de knop met Enter.
    def voeg_toe(waarde: str, wijk_waarde: str | None = None, aantal: int = 0) -> None:
        weergave.select_option(waarde)
        if wijk_waarde:
            # Eerst de wijkkeuze bij deze weergave afwachten (alleen bij stad of wijk: "Hele stad"), dan kiezen.
            expect(wijk).to_be_enabled()
            expect(wijk.locator("option[value='stad']")).to_have_count(1 if wijk_waarde == "stad" else 0)
            wijk.select_option(wijk_waarde)
            expect(wijk).to_have_value(wijk_waarde)
        toevoegen.focus()
        pagina.keyboard.press("Enter")
        expect(lijst).to_have_count(aantal)

    # Een weergave over één wijk zonder wijk kan niet: de wijkkeuze vraagt dan een wijk.
    voeg_toe("budget", "de-riet", 1)
    voeg_toe("overzicht", None, 2)
    expect(wijk).to_be_disabled()
    voeg_toe("meldingen", "kerkelanden", 3)
    # Toezeggingen kan over één wijk of de hele stad gaan; de gekozen wijk blijft staan tot je "Hele stad" kiest.
    weergave.select_option("toezeggingen")
    expect(wijk).to_have_value("kerkelanden")
    voeg_toe("toezeggingen", "stad", 4)
    expect(pagina.locator("#presentatie-samenstellen-status")).to_contain_text("onderdeel 4: Toezeggingen aan de raad")
    assert [li.get_attribute("data-code") for li in lijst.all()] == [
        "budget:de-riet", "overzicht", "meldingen:kerkelanden", "toezeggingen"]

    # Kerncijfers naar boven: de focus blijft bij het verplaatste onderdeel.
    pagina.get_by_role("button", name="Omhoog: Kerncijfers van de stad").focus()
    pagina.keyboard.press("Enter")
    expect(lijst.first).to_have_attribute("data-code", "overzicht")
    expect(pagina.get_by_role("button", name="Omlaag: Kerncijfers van de stad")).to_be_focused()
    # Meldingen eruit; de focus gaat naar het volgende onderdeel.
    pagina.get_by_role("button", name="Verwijderen: Kerkelanden: meldingen").focus()
    pagina.keyboard.press("Enter")
    expect(lijst).to_have_count(3)
    expect(pagina.get_by_role("button", name="Verwijderen: Toezeggingen aan de raad")).to_be_focused()
    assert [li.get_attribute("data-code") for li in lijst.all()] == ["overzicht", "budget:de-riet", "toezeggingen"]

    # Peildatum: een ongeldige datum geeft een melding en geen link; een goede datum zet hem in de link.
    peildatum = pagina.locator("#presentatie-samenstellen-peildatum")
    peildatum.fill("31-13-2026")
    peildatum.press("Tab")
    expect(pagina.locator("#presentatie-samenstellen-peildatum-fout")).to_contain_text("bestaat niet")
    expect(pagina.locator("#presentatie-samenstellen-start")).to_have_class(re.compile("disabled"))
    peildatum.fill(PEILDATUM)
    peildatum.press("Tab")
    pad = f"/presentatie?agenda=overzicht,budget:de-riet,toezeggingen&peildatum={PEILDATUM}"
    expect(pagina.locator("#presentatie-samenstellen-link")).to_have_value(app_url + pad)
    expect(pagina.locator("#presentatie-samenstellen-voorbeeld li")).to_have_count(3)
    expect(pagina.locator("#presentatie-samenstellen-voorbeeld")).to_contain_text("De Riet: budget")
    # De URL van de samensteller zelf houdt de agenda bij (herladen verliest niets).
    expect(pagina).to_have_url(re.compile(r"/presentatie/samenstellen\?agenda=overzicht,budget:de-riet,toezeggingen"
                                          rf"&peildatum={PEILDATUM}$"))

    # Kopiëren naar het klembord.
    pagina.locator("#presentatie-samenstellen-kopieer").click()
    expect(pagina.locator("#presentatie-samenstellen-kopieer-status")).to_contain_text("gekopieerd")
    assert pagina.evaluate("navigator.clipboard.readText()") == app_url + pad

    # Start: de presentatie opent met deze agenda; Esc komt hier terug.
    pagina.locator("#presentatie-samenstellen-start").click()
    expect(pagina).to_have_url(re.compile(re.escape(pad) + "&terug=samenstellen"))
    expect(pagina.locator(".presentatie-dia.is-actief h1")).to_have_text("Kerncijfers van de stad")
    expect(pagina.locator(".presentatie-dia.is-actief .presentatie-teller")).to_have_text("1 / 3")
    pagina.keyboard.press("ArrowRight")
    expect(pagina.locator(".presentatie-dia.is-actief h1")).to_have_text("De Riet: budget")
    pagina.keyboard.press("Escape")
    expect(pagina).to_have_url(re.compile(r"/presentatie/samenstellen\?agenda=overzicht,budget:de-riet,toezeggingen"))
    expect(lijst).to_have_count(3)


def test_samensteller_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url):
    pagina.goto(f"{app_url}/presentatie/samenstellen?agenda=overzicht,budget:de-riet,onzin&peildatum={PEILDATUM}")
    expect(pagina.locator("#presentatie-samenstellen-lijst li")).to_have_count(2, timeout=30_000)
    expect(pagina.locator("#presentatie-samenstellen-waarschuwing")).to_contain_text("'onzin' is geen weergave")
    assert axe_ernstige_schendingen(pagina) == []
