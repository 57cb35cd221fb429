"""A spot named by an import problem opens the area's map on that spot, with a marker."""

from __future__ import annotations

import pytest

from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_the_problem_link_centres_the_map_on_its_spot(page, world, browser_locale):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    page.goto(f"/places/{world.khlong_toei.pk}/?spot=100.5612,13.7153#area-map")

    container = page.locator("#area-map")
    container.locator(".map-spot").wait_for(state="attached", timeout=20_000)
    assert container.get_attribute("data-spot") == "100.5612,13.7153"
    assert container.locator(".map-spot").get_attribute("aria-label")
