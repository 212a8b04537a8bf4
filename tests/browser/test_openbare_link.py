"""Aangemelde pagina's linken naar de openbare pagina van dezelfde wijk (issue 9, punt 3): de wijkpagina en de
voortgangsrapportage tonen "Openbare pagina voor bewoners"; de link opent de openbare pagina zonder Dash."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(("pad", "link_id"), [
    ("/wijk/de-riet", "#wijk-openbare-link-a"),
    ("/rapport/de-riet", "#rapport-openbare-link-a"),
])
def test_link_naar_de_openbare_pagina_van_dezelfde_wijk(pagina, app_url, pad, link_id):
    pagina.goto(app_url + pad)
    link = pagina.locator(link_id)
    expect(link).to_have_text("Openbare pagina voor bewoners")
    assert link.get_attribute("href") == "/openbaar/wijk/de-riet"
    link.click()
    pagina.wait_for_url(f"{app_url}/openbaar/wijk/de-riet")
    expect(pagina.locator("h1")).to_have_text("De Riet")


def test_stadsrapport_heeft_geen_wijklink(pagina, app_url):
    pagina.goto(app_url + "/rapport/stad")
    expect(pagina.locator("#rapport-afdrukken")).to_be_visible()
    assert pagina.locator("#rapport-openbare-link").count() == 0
