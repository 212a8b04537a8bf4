"""Aanmelden en afmelden in Chromium: elke pagina vraagt aanmelding, foute wachtwoorden krijgen een
Nederlandse melding, de demo-accounts staan op de loginpagina, de navigatie toont wie er is aangemeld
en uitloggen beëindigt de sessie.

Elke test begint afgemeld (``wissel_rol(..., None)``) en meldt zelf aan via het formulier. Uitloggen
beëindigt alle sessies van die gebruiker; de andere tests merken dat niet, want ``sessiecookies[rol]``
meldt telkens opnieuw aan. Er is per testsessie precies één mislukte poging (voor de griffie), ver
onder de drempel van het afremmen.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ROLLEN, axe_ernstige_schendingen, demo_email, wissel_rol


def _meld_aan(pagina, email: str, wachtwoord: str) -> None:
    pagina.fill("#login-email", email)
    pagina.fill("#login-wachtwoord", wachtwoord)
    pagina.click("#login-knop")


def test_niet_aangemeld_gaat_naar_login_en_daarna_terug_naar_de_pagina(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/budget")
    expect(pagina).to_have_url(re.compile(r"/login\?volgende=%2Fbudget$"))
    expect(pagina.locator("h1")).to_have_text("Inloggen")
    _meld_aan(pagina, demo_email("raadslid"), "demo-raadslid")
    expect(pagina).to_have_url(re.compile(r"/budget$"))
    expect(pagina.locator("#budget-peildatum")).to_be_visible(timeout=30_000)
    # Ook een diepe link met querystring komt na aanmelden precies terug.
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/wijk/kerkelanden?ambitie=2")
    expect(pagina).to_have_url(re.compile(r"/login\?volgende="))
    _meld_aan(pagina, demo_email("raadslid"), "demo-raadslid")
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=2$"))
    expect(pagina.locator("#wijk-titel")).to_have_text("Kerkelanden", timeout=30_000)


def test_fout_wachtwoord_geeft_een_nederlandse_melding(page, app_url):
    """Met de kale ``page``: het antwoord op een fout wachtwoord heeft bewust status 401, en Chromium
    meldt elke 4xx-status als consolefout. Die ene fout is verwacht; elke andere laat de test falen."""
    fouten: list[str] = []
    page.on("console", lambda b: fouten.append(b.text) if b.type == "error" else None)
    page.on("pageerror", lambda f: fouten.append(f"pageerror: {f}"))
    page.context.clear_cookies()
    page.goto(f"{app_url}/login")
    with page.expect_response(lambda r: r.url.endswith("/login") and r.request.method == "POST") as antwoord:
        _meld_aan(page, demo_email("griffie"), "dit-is-niet-het-wachtwoord")
    assert antwoord.value.status == 401
    fout = page.locator("#login-fout")
    expect(fout).to_contain_text("Aanmelden lukte niet.")
    expect(fout).to_contain_text("Het e-mailadres of het wachtwoord is onjuist.")
    expect(fout).to_have_attribute("role", "alert")
    # Het e-mailadres blijft staan, het wachtwoord niet; er is niemand aangemeld.
    expect(page.locator("#login-email")).to_have_value(demo_email("griffie"))
    expect(page.locator("#login-wachtwoord")).to_have_value("")
    assert axe_ernstige_schendingen(page) == []
    page.goto(f"{app_url}/")
    expect(page).to_have_url(re.compile(r"/login"))
    assert fouten == ["Failed to load resource: the server responded with a status of 401 (UNAUTHORIZED)"], fouten


def test_demo_accounts_staan_op_de_loginpagina(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/login")
    expect(pagina.locator("#login-demo-titel")).to_contain_text("Demo-accounts")
    rijen = pagina.locator("#login-demo-accounts tbody tr")
    expect(rijen).to_have_count(len(ROLLEN))
    emails = rijen.locator("td:nth-child(3)").all_inner_texts()
    wachtwoorden = rijen.locator("td:nth-child(4)").all_inner_texts()
    assert sorted(emails) == sorted(demo_email(rol) for rol in ROLLEN)
    assert sorted(wachtwoorden) == sorted(f"demo-{rol}" for rol in ROLLEN)
    expect(rijen.filter(has_text="coordinator@")).to_contain_text("De Riet, Kerkelanden, Windmolenbroek")
    expect(rijen.filter(has_text="coordinator@").locator("td").first).to_have_text("coördinator")


def test_navigatie_toont_naam_en_rol_en_uitloggen_beeindigt_de_sessie(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/login")
    _meld_aan(pagina, demo_email("coordinator"), "demo-coordinator")
    expect(pagina).to_have_url(re.compile(r"/$"))
    expect(pagina.locator("#shell-gebruiker-naam")).to_have_text("Marieke ter Horst", timeout=30_000)
    expect(pagina.locator("#shell-gebruiker-rol")).to_have_text("coördinator")
    # De coördinator mag invoeren: het menu-item Invoer staat er.
    expect(pagina.locator("#shell-menu a", has_text="Invoer")).to_have_count(1)

    # Eerst de callbacks van het overzicht laten eindigen: een later antwoord zou de sessiecookie terugzetten.
    pagina.wait_for_load_state("networkidle")
    pagina.get_by_role("button", name="Uitloggen").click()
    expect(pagina).to_have_url(re.compile(r"/login\?uitgelogd=1$"))
    expect(pagina.get_by_role("status")).to_have_text("U bent uitgelogd.")
    # De sessie is weg: elke pagina stuurt weer naar de loginpagina.
    pagina.goto(f"{app_url}/")
    expect(pagina).to_have_url(re.compile(r"/login\?volgende=%2F$"))
    expect(pagina.locator("#login-email")).to_be_visible()


def test_navigatie_toont_de_gebruiker_ook_bij_een_smal_scherm(pagina, app_url, sessiecookies):
    """Bij 1280 px klapt het menu in; naam en rol blijven naast de menuknop staan, Uitloggen staat in
    het uitgeklapte menu."""
    wissel_rol(pagina, sessiecookies, "raadslid")
    pagina.set_viewport_size({"width": 1280, "height": 720})
    pagina.goto(f"{app_url}/")
    expect(pagina.locator("#shell-menu-knop")).to_be_visible(timeout=30_000)
    expect(pagina.locator("#shell-gebruiker-kort")).to_have_text("Lotte Scholten · raadslid")
    expect(pagina.get_by_role("button", name="Uitloggen")).to_be_hidden()
    pagina.locator("#shell-menu-knop").click()
    expect(pagina.get_by_role("button", name="Uitloggen")).to_be_visible()
    # Naam en rol niet dubbel in beeld.
    expect(pagina.locator("#shell-gebruiker-naam")).to_be_hidden()
    # Een raadslid ziet geen menu-item Invoer.
    expect(pagina.locator("#shell-menu a", has_text="Invoer")).to_have_count(0)


def test_loginpagina_zonder_ernstige_toegankelijkheidsfouten(pagina, app_url, sessiecookies):
    wissel_rol(pagina, sessiecookies, None)
    pagina.goto(f"{app_url}/login")
    expect(pagina.locator("html")).to_have_attribute("lang", "nl")
    expect(pagina.locator("#login-email")).to_be_focused()
    assert axe_ernstige_schendingen(pagina) == []
