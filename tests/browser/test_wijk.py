"""De wijkpagina in Chromium: doorklikken vanaf het overzicht, ambitiefocus in de URL, de
geschiedenis van een doelstelling, statussen van de demoverhalen, foute adressen, toegankelijkheid."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_ernstige_schendingen


def _open(pagina, app_url: str, pad: str) -> None:
    pagina.goto(f"{app_url}{pad}")
    expect(pagina.locator("#wijk-titel")).to_be_visible(timeout=30_000)


def test_heatmapcel_opent_de_wijk_met_die_ambitie_en_herladen_geeft_hetzelfde(pagina, app_url):
    pagina.goto(f"{app_url}/")
    cel = pagina.locator('#overzicht-heatmap tr[data-wijk="kerkelanden"] td a').nth(1)
    expect(cel).to_be_visible(timeout=30_000)
    cel.click()
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=2$"))
    for _ in range(2):  # eerst na de klik, dan na herladen
        expect(pagina.locator("#wijk-titel")).to_have_text("Kerkelanden", timeout=30_000)
        secties = pagina.locator("section[data-ambitie]")
        expect(secties).to_have_count(1)
        expect(secties.first).to_have_attribute("data-ambitie", "2")
        expect(pagina.locator("#wijk-ambitie-2-titel")).to_contain_text("Ambitie 2.")
        expect(pagina.locator("#wijk-ambitie-nav a[aria-current='page']")).to_contain_text("2.")
        # Links naar de andere ambities en terug naar het overzicht.
        expect(pagina.locator("#wijk-andere-ambities a")).to_have_count(5)
        expect(pagina.locator("#wijk-ambitie-2 a", has_text="Terug naar het overzicht")).to_have_attribute("href", "/")
        pagina.reload()
    # Naar een andere ambitie via de link.
    pagina.locator("#wijk-andere-ambities a").first.click()
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=1$"))
    expect(pagina.locator("section[data-ambitie]")).to_have_count(1)
    expect(pagina.locator("section[data-ambitie='1']")).to_be_visible()


def test_kerkelanden_ver_achter_met_volledige_geschiedenis(pagina, app_url):
    _open(pagina, app_url, "/wijk/kerkelanden?ambitie=2")
    doelen = pagina.locator("#wijk-ambitie-2 [data-doelstelling]")
    assert doelen.count() >= 1
    expect(doelen.first.locator(".status-label")).to_contain_text("Ver achter")
    # Elke doelstelling heeft een trendgrafiek met tabelalternatief.
    expect(doelen.first.locator(".js-plotly-plot")).to_be_visible()
    expect(doelen.first.locator("summary", has_text="Toon als tabel")).to_be_visible()
    # De doelstelling die de raad bijstelde: de geschiedenis toont oud → nieuw.
    bijgesteld = pagina.locator("#wijk-ambitie-2 [data-doelstelling]", has_text="Bijgesteld door de raad").first
    bijgesteld.get_by_role("link", name="Volledige geschiedenis van deze doelstelling").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=2&doelstelling=\d+$"))
    expect(pagina.locator("#wijk-doelstelling-titel")).to_contain_text("Doelstelling:")
    bijstellingen = pagina.locator("#wijk-doelstelling-bijstellingen")
    expect(bijstellingen).to_contain_text("Oude streefwaarde")
    expect(bijstellingen.locator("tbody tr")).to_have_count(1)
    expect(bijstellingen.locator("tbody tr td").nth(1)).to_contain_text("Raadsbesluit")
    metingen = pagina.locator("#wijk-doelstelling-metingen tbody tr")
    assert metingen.count() >= 10
    expect(pagina.locator("#wijk-doelstelling-metingen tbody tr").first.locator("td").first).to_have_text(
        re.compile(r"^\d\d-\d\d-\d{4}$"))
    assert axe_ernstige_schendingen(pagina) == []
    # Terug naar de ambitie.
    pagina.locator("#wijk-doelstelling-terug").click()
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?ambitie=2$"))
    expect(pagina.locator("section[data-ambitie='2']")).to_be_visible()


def test_sluitersveld_op_koers_volledige_pagina_toegankelijk(pagina, app_url):
    _open(pagina, app_url, "/wijk/sluitersveld")
    expect(pagina.locator("section[data-ambitie]")).to_have_count(6)
    assert pagina.locator("h1").count() == 1
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # niet horizontaal scrollen
    statussen = pagina.locator("[data-doelstelling] p[data-status] .status-label")
    assert statussen.count() >= 6
    assert set(statussen.all_inner_texts()) == {"✔ Op koers"}
    expect(pagina.locator("#wijk-kpi-budget-link")).to_have_attribute("href", "/budget?wijk=sluitersveld")
    expect(pagina.locator("#wijk-kpi-meldingen-link")).to_have_attribute("href", "/meldingen?wijk=sluitersveld")
    expect(pagina.locator("#wijk-kpi-toezeggingen-link")).to_have_attribute("href", "/toezeggingen?wijk=sluitersveld")
    # Levenscyclus, toets, regiegroep, inbreng en evaluaties staan er.
    expect(pagina.locator("#wijk-levenscyclus-lijst li[data-status='vastgesteld']")).to_have_count(1)
    expect(pagina.locator("#wijk-toets-tabel tbody tr")).to_have_count(3)
    expect(pagina.locator("#wijk-regiegroep-leden-voorzitter")).to_contain_text("bewoner")
    expect(pagina.locator("#wijk-inbreng-tabel tbody tr").first).to_be_visible()
    evaluaties = pagina.locator("#wijk-evaluaties-lijst > details")
    expect(evaluaties.first).to_have_attribute("open", "")
    assert evaluaties.nth(1).get_attribute("open") is None
    expect(evaluaties.first.locator("thead th")).to_have_count(7)
    assert axe_ernstige_schendingen(pagina) == []


def test_jaar_en_plan_in_de_url(pagina, app_url):
    _open(pagina, app_url, "/wijk/kerkelanden?ambitie=3")
    pagina.select_option("#wijk-jaar", "2015")
    expect(pagina).to_have_url(re.compile(r"/wijk/kerkelanden\?jaar=2015&ambitie=3$"))
    expect(pagina.locator("#wijk-plan-kop")).to_contain_text("31-12-2015", timeout=30_000)
    expect(pagina.locator("#wijk-plan-kop")).to_contain_text("2009–2020")  # het plan dat in 2015 liep
    lopend = pagina.locator("#wijk-plan option", has_text="2021–2032")
    pagina.select_option("#wijk-plan", lopend.get_attribute("value"))
    expect(pagina).to_have_url(re.compile(r"\?jaar=2015&plan=\d+&ambitie=3$"))
    expect(pagina.locator("#wijk-plan-kop")).to_contain_text("2021–2032", timeout=30_000)


def test_foute_adressen_vallen_terug_en_binnenstad(pagina, app_url):
    _open(pagina, app_url, "/wijk/bestaat-niet")
    expect(pagina.locator("h1")).to_have_text("Wijk niet gevonden")
    _open(pagina, app_url, "/wijk/kerkelanden?jaar=abc&ambitie=99&plan=x&doelstelling=zz")
    expect(pagina.locator("#wijk-titel")).to_have_text("Kerkelanden")
    expect(pagina.locator("section[data-ambitie]")).to_have_count(6)
    expect(pagina.locator("#wijk-doelstelling-niet-gevonden")).to_contain_text("Doelstelling niet gevonden")
    expect(pagina.locator("#wijk-jaar")).not_to_have_value("abc")
    # Binnenstad: de voorzitter van de regiegroep is geen bewoner, en de pagina zegt dat.
    pagina.goto(f"{app_url}/wijk/binnenstad?ambitie=1")
    expect(pagina.locator("#wijk-regiegroep-leden-voorzitter")).to_contain_text("is geen bewoner", timeout=30_000)


def test_tabelalternatief_wordt_bij_openen_geladen(pagina, app_url):
    """De tabellen onder de grafieken staan niet in de paginadata; ze komen bij "Toon als tabel" (ook
    met het toetsenbord) en tonen dezelfde jaren en metingen als de grafiek."""
    _open(pagina, app_url, "/wijk/kerkelanden?ambitie=2")
    score = pagina.locator("#wijk-ambitie-2 section.grafiek").first
    expect(score.locator("details table")).to_have_count(0)
    expect(score.locator("details")).to_contain_text("De tabel wordt geladen")
    samenvatting = score.locator("summary", has_text="Toon als tabel")
    samenvatting.focus()
    pagina.keyboard.press("Enter")
    rijen = score.locator("details table tbody tr")
    expect(rijen.first).to_be_visible(timeout=30_000)
    jaren = [r.split("\t")[0].strip() for r in rijen.all_inner_texts()]
    assert len(jaren) >= 10 and all(re.fullmatch(r"20\d\d", j) for j in jaren), jaren
    expect(score.locator("details")).not_to_contain_text("De tabel wordt geladen")
    # Een trendgrafiek van een doelstelling: peildatums met Nederlandse datum.
    trend = pagina.locator("#wijk-ambitie-2 [data-doelstelling] section.grafiek").first
    trend.locator("summary", has_text="Toon als tabel").click()
    eerste = trend.locator("details table tbody tr").first.locator("td").first
    expect(eerste).to_have_text(re.compile(r"^\d\d-\d\d-\d{4}$"), timeout=30_000)
    # Dicht en weer open: de tabel blijft staan.
    trend.locator("summary", has_text="Toon als tabel").click()
    trend.locator("summary", has_text="Toon als tabel").click()
    expect(trend.locator("details table")).to_have_count(1)
    assert axe_ernstige_schendingen(pagina) == []
