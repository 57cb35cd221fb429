# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""A district officer adds an app user and sees its QR code, on a phone, in Thai and Persian;
then revokes it. The page runs under the security policy with nothing refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from mahalla.surveys.models import AppUser
from mahalla.surveys.tests.openrosa_fixtures import campaign, version  # noqa: F401
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_officer_adds_an_app_user_and_scans_its_code(page, world, campaign, browser_locale):
    language = browser_locale[:2]
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    page.goto(f"/surveys/campaigns/{campaign.pk}/app-users/")
    assert page.locator("html").get_attribute("lang") == language
    page.fill("input[name=display_name]", "ทีม ๑" if language == "th" else "تیم ۱")
    with page.expect_navigation():
        page.click("#app-users button[type=submit]")

    code = page.locator("figure.collect-code svg")
    code.wait_for()
    box = code.bounding_box()
    assert box and 150 <= box["width"] <= page.viewport_size["width"]
    assert box["width"] == box["height"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"openrosa-codes-{language}.png"), full_page=True)
    refused = [m for m in page.console_messages if "Content Security Policy" in m]
    assert not refused, refused

    app_user = AppUser.objects.get()
    page.goto(f"/surveys/app-users/{app_user.pk}/revoke/")
    with page.expect_navigation():
        page.click("#revoke-confirm")
    app_user.refresh_from_db()
    assert not app_user.is_active
    assert page.locator(f"#app-user-{app_user.pk} .button").count() == 0
