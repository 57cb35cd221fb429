"""On a phone, the home page's place cards are links as a whole, and header links are
thumb-sized (44 px)."""

from __future__ import annotations

import pytest

from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("browser_locale", ["th-TH"])
def test_a_tap_anywhere_on_a_card_opens_the_place(page, world, browser_locale):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    for selector in (".main-nav a", ".account a", ".brand", "#language-select", ".quick-links a"):
        links = page.locator(selector)
        for i in range(links.count()):
            assert links.nth(i).bounding_box()["height"] >= 44, selector
    card = page.locator(".place-cards .card").first
    assert card.bounding_box()["height"] >= 44
    meta = page.locator(".place-cards .card .meta").first.bounding_box()
    with page.expect_navigation():  # a tap on the counts, not on the title itself
        page.mouse.click(meta["x"] + 4, meta["y"] + meta["height"] / 2)
    assert page.url.endswith(f"/places/{world.khlong_toei.pk}/")
