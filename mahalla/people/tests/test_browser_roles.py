"""Role administration through a real browser, in Thai and in Persian.

A scoped administrator of Khlong Toei logs in, switches the interface to their language,
opens Roles from the header, grants the surveyor role on a community, finds it in the list,
revokes it through the confirmation page, and sees it leave the active list while the
person's page keeps the revoked row with its date in the administrator's calendar.
"""

from __future__ import annotations

import re

import jdatetime
import pytest
from django.utils import timezone, translation

from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)
    assert page.locator("html").get_attribute("lang") == code


def _year_in_calendar(language: str) -> str:
    today = timezone.localdate()
    if language == "th":
        return str(today.year + 543)
    return str(jdatetime.date.fromgregorian(date=today).year).translate(PERSIAN_DIGITS)


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_scoped_admin_grants_and_revokes_a_surveyor_role(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    admin = make_user("kt_admin", first_name="Niran")
    grant(admin, Role.ADMIN, area=world.khlong_toei)
    make_user("somsak", first_name="Somsak")
    with translation.override(language):
        surveyor = str(Role.SURVEYOR.label)
        community = world.lock_123.name

    _log_in(page, admin.username)
    # The other language first, then the one under test: the switcher really switches.
    _switch_language(page, "fa" if language == "th" else "th")
    _switch_language(page, language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")

    # Roles is offered in the header to an administrator.
    with page.expect_navigation():
        page.click(".main-nav a[href='/people/roles/']")
    with page.expect_navigation():
        page.click("a.button[href='/people/roles/new/']")

    page.fill("#id_username", "somsak")
    page.select_option("#id_role", Role.SURVEYOR.value)
    page.select_option("#id_area", str(world.lock_123.pk))
    page.fill("#id_reason", "สำรวจชุมชน" if language == "th" else "پیمایش محله")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert surveyor in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text() == "Somsak"

    # The new role is in the active list.
    with page.expect_navigation():
        page.click(".breadcrumb a[href='/people/roles/']")
    row = page.locator("table.grants tbody tr", has_text="somsak")
    assert row.count() == 1
    assert surveyor in row.inner_text()
    assert community in row.inner_text()

    # Revoking goes through a confirmation page; only its button revokes.
    with page.expect_navigation():
        row.locator("a[href*='/revoke/']").click()
    assert RoleGrant.objects.get(user__username="somsak").revoked_at is None
    assert community in page.locator("main").inner_text()
    page.fill("#id_reason", "ย้ายออกแล้ว" if language == "th" else "جابه‌جایی")
    with page.expect_navigation():
        page.click("main form button.danger")
    assert RoleGrant.objects.get(user__username="somsak").revoked_at is not None

    # The person's page keeps the revoked row, dated in the administrator's calendar.
    revoked = page.locator("table.grants tbody tr.revoked")
    assert revoked.count() == 1
    assert community in revoked.inner_text()
    revoked_when = revoked.locator("td").last.inner_text()
    assert _year_in_calendar(language) in revoked_when
    if language == "fa":
        assert not re.search(r"[0-9]", revoked_when)  # Persian digits only
    assert page.locator("a[href*='/revoke/']").count() == 0

    # And the active list no longer shows it.
    with page.expect_navigation():
        page.click(".main-nav a[href='/people/roles/']")
    assert page.locator("table.grants tbody tr", has_text="somsak").count() == 0
    assert page.locator("table.grants tbody tr", has_text="kt_officer").count() == 1
    assert page.blocked_requests == []


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_roles_link_is_not_offered_to_someone_who_cannot_manage_roles(
    page, live_server, world, browser_locale
):
    _log_in(page, world.tehran_secretary.username)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".main-nav a[href='/people/roles/']").count() == 0
    page.goto("/people/roles/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("main a[href='/accounts/']").is_visible()
