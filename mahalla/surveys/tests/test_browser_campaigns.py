"""A campaign on a phone, in Persian and Thai: create it with dates in the reader's calendar,
type in a target, read the progress table and drill the map down one level."""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.surveys.models import Campaign
from mahalla.surveys.tests.campaign_helpers import submit
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

DATES = {
    "th": ("๑/๑/๒๕๖๙", "๓๑/๑๒/๒๕๖๙"),
    "fa": ("۱۴۰۴/۱۰/۱۱", "۱۴۰۵/۱۰/۱۰"),
}
TEN = {"th": "๑๐", "fa": "۱۰"}
THIRTY_PERCENT = {"th": "30", "fa": "۳۰"}


def _login(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_campaign_on_a_phone(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    staff = make_user("bkk_staff", first_name="Araya", language=language)
    grant(staff, Role.PROGRAMME_STAFF, area=world.bangkok)
    page.set_viewport_size({"width": 360, "height": 740})
    _login(page, staff)

    page.goto("/surveys/campaigns/new/")
    assert page.locator("html").get_attribute("lang") == language
    page.fill(f"input[name=name_{language}]", "สำรวจ ๒๕๖๙" if language == "th" else "پیمایش ۱۴۰۵")
    page.select_option("select[name=area]", str(world.bangkok.pk))
    start, end = DATES[language]
    page.fill("input[name=starts_on]", start)
    page.fill("input[name=ends_on]", end)
    page.select_option("select[name=status]", "open")
    with page.expect_navigation():
        page.click("form.campaign-form button[type=submit]")
    campaign = Campaign.objects.get()
    assert (campaign.starts_on.isoformat(), campaign.ends_on.isoformat()) == (
        "2026-01-01",
        "2026-12-31",
    )

    # The targets table opens on the community level.
    assert page.url.endswith(f"/surveys/campaigns/{campaign.pk}/targets/")
    page.fill(f"input[name=area_{world.lock_123.pk}]", TEN[language])
    with page.expect_navigation():
        page.click("form.target-table-form button[type=submit]")
    assert campaign.targets.get().expected == 10

    submit(campaign, world.lock_123, n=3)
    page.reload()
    row = page.locator(f".progress-table tr[data-area='{world.khlong_toei.pk}']")
    assert THIRTY_PERCENT[language] in row.inner_text()
    sort_heights = [
        page.locator(".progress-table .sort-link").nth(i).bounding_box()["height"]
        for i in range(page.locator(".progress-table .sort-link").count())
    ]
    assert min(sort_heights) >= 44

    # The map shows the city's districts; a click on Khlong Toei's name drills into it.
    page.locator(f"#campaign-map[data-map-ready='1'][data-level='{world.bangkok.pk}']").wait_for()
    page.locator(f".choropleth-label[data-area='{world.khlong_toei.pk}']").click()
    page.locator(f"#campaign-map[data-level='{world.khlong_toei.pk}']").wait_for()
    labels = page.locator(".choropleth-label")
    assert labels.count() >= 1
    assert page.locator(f".choropleth-label[data-area='{world.lock_123.pk}']").count() == 1
    # And back up with the keyboard's button.
    page.locator(".map-up").click()
    page.locator(f"#campaign-map[data-level='{world.bangkok.pk}']").wait_for()
    assert not page.blocked_requests
    errors = [m for m in page.console_messages if m.startswith("error")]
    assert not errors, errors
