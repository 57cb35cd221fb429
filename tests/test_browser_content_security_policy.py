"""The security policy refuses nothing our pages need: home, an area's map, the dashboard's
charts and map, the API docs.

Chromium reports every refusal on the console ("Refused to ...", "Content Security Policy");
a listener for `securitypolicyviolation` events (added before any page script runs) reports
those of workers and styles too.
"""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("Content Security Policy violation: " + event.violatedDirective + " "
    + event.blockedURI);
});
"""


def _refusals(page) -> list[str]:
    return [
        message
        for message in page.console_messages
        if "Content Security Policy" in message or "Refused to" in message
    ]


def _sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_home_map_and_api_docs_run_under_the_policy(page, live_server, world, browser_locale):
    page.add_init_script(REPORT_VIOLATIONS)
    staff = make_user("bkk_staff", first_name="Kanya")
    grant(staff, Role.PROGRAMME_STAFF, area=world.bangkok)
    _sign_in(page, staff)
    assert page.locator("#your-places-heading").is_visible()

    # The language menu works without its inline handler (now static/js/language-switcher.js).
    with page.expect_navigation():
        page.select_option("#language-select", "fa")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # The map starts its worker and draws on a canvas.
    page.goto(f"/places/{world.khlong_toei.pk}/")
    page.wait_for_selector("#area-map[data-map-ready='1']", timeout=20_000)
    assert page.locator("#area-map").get_attribute("data-map-error") is None

    # The dashboard's charts (ECharts) and choropleth (MapLibre) draw under the policy too.
    page.goto(f"/registry/dashboard/{world.bangkok.pk}/")
    page.wait_for_selector("#dashboard-map[data-ready='1']", timeout=20_000)
    assert page.locator(".dashboard-chart svg").count() >= 5

    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "mahalla API" in page.locator(".swagger-ui .info .title").inner_text()

    assert _refusals(page) == []
    assert page.blocked_requests == []


def test_redoc_runs_under_the_policy_without_redoclys_logo(page, live_server, db):
    """Redoc always shows Redocly's logo from cdn.redoc.ly: refused on purpose (a visitor's
    address is not sent to another server; Redoc hides the image when it fails)."""
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto("/api/redoc/")
    page.wait_for_selector("redoc h1", timeout=20_000)
    assert "mahalla API" in page.locator("redoc h1").first.inner_text()
    page.wait_for_timeout(500)  # the logo is requested once the menu has been drawn
    others = [m for m in _refusals(page) if "https://cdn.redoc.ly/redoc/logo-mini.svg" not in m]
    assert others == []
    assert page.locator("img[alt='redocly logo']").count() == 0
