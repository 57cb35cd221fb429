"""A Persian officer, in a real browser: times in Tehran time until they choose Bangkok on the
account page; on the area form the Persian name comes first and Latin inputs run left to right."""

from __future__ import annotations

import pytest

from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    assert page.eval_on_selector("input[name=username]", "e => getComputedStyle(e).direction") == (
        "ltr"
    )
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_a_persian_officer_chooses_bangkok_time(page, live_server, world, browser_locale):
    _log_in(page, world.khlong_toei_officer.username)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/accounts/")
    section = page.locator("section[aria-labelledby=time-zone-heading]")
    assert "به وقت تهران" in section.inner_text()  # the usual zone of a Persian reader
    page.select_option("select[name=time_zone]", "Asia/Bangkok")
    with page.expect_navigation():
        section.locator("button[type=submit]").click()
    assert "منطقهٔ زمانی ذخیره شد." in page.locator(".messages").inner_text()
    assert page.locator("select[name=time_zone]").input_value() == "Asia/Bangkok"
    assert "به وقت بانکوک" in section.inner_text()
    assert page.blocked_requests == []


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_the_persian_name_comes_first_and_latin_inputs_run_left_to_right(
    page, live_server, world, browser_locale
):
    _log_in(page, world.khlong_toei_officer.username)
    page.goto(f"/places/{world.khlong_toei.pk}/new/")
    names = page.locator("fieldset.group input[name^=name_]")
    assert [names.nth(i).get_attribute("name") for i in range(3)] == [
        "name_fa",
        "name_en",
        "name_th",
    ]
    direction = "e => getComputedStyle(e).direction"
    assert page.eval_on_selector("input[name=name_fa]", direction) == "rtl"
    assert page.eval_on_selector("input[name=name_en]", direction) == "ltr"
    assert page.eval_on_selector("input[name=code]", direction) == "ltr"
    help_text = page.locator("#field-latitude .helptext").inner_text()
    assert "تهران" in help_text and "بانکوک" not in help_text
