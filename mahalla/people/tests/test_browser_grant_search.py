"""In a real browser: typing in the grant form's username field suggests people in the
administrator's scope (htmx fills the field's <datalist>), never anyone else; and the login
page pauses after repeated wrong passwords, in Persian with Persian digits."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser


def _log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _options(page) -> list[str]:
    return page.locator("#grant-people option").evaluate_all("els => els.map(e => e.value)")


def test_the_username_field_suggests_people_in_scope_only(page, live_server, world):
    admin = make_user("kt_admin", first_name="Niran")
    grant(admin, Role.ADMIN, area=world.khlong_toei)
    _log_in(page, "kt_admin")
    page.goto("/people/roles/new/")

    page.locator("#id_username").press_sequentially("boon", delay=30)
    # Locators, not wait_for_function: its string is eval'd, which the security policy refuses.
    expect(page.locator("#grant-people option")).not_to_have_count(0)
    assert _options(page) == ["treasurer"]

    # Malee works in Pathum Wan: searching for her shows nobody.
    page.fill("#id_username", "")
    page.locator("#id_username").press_sequentially("mal", delay=30)
    expect(page.locator("#grant-people option")).to_have_count(0)
    assert _options(page) == []

    # Picking a suggestion and a role grants it.
    page.fill("#id_username", "treasurer")
    page.select_option("#id_role", Role.SURVEYOR.value)
    page.select_option("#id_area", str(world.lock_123.pk))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert RoleGrant.objects.filter(user=world.treasurer, role=Role.SURVEYOR).exists()
    assert page.blocked_requests == []


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_the_login_page_pauses_after_ten_wrong_passwords(page, live_server, world, browser_locale):
    for attempt in range(10):
        _log_in(page, "facilitator", f"wrong-{attempt}")
    _log_in(page, "facilitator")
    assert page.locator("html").get_attribute("dir") == "rtl"
    message = page.locator("main [role=alert]").inner_text()
    assert "۱۵" in message
    assert page.locator("header a[href='/accounts/login/']").is_visible()  # still logged out
