"""A treasurer on a phone, in Persian and in Thai, holds the monthly meeting of five members
with the network cut: the entries are kept on the phone, nothing reaches the books; the
network comes back, the entries are sent once each, and the passbooks show the savings."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from mahalla.core.i18n.calendars import format_date
from mahalla.governance.clock import local_today
from mahalla.people.roles import Role
from mahalla.savings.models import SavingsGroup, Transaction
from mahalla.savings.services import operations
from mahalla.savings.testing import make_group
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SCREENSHOTS")
PERSIAN = ["زهرا بلوچ", "محمد ریگی", "فاطمه شهبخش", "عبدالله نوتی", "مریم دهواری"]


def _setup(world, language):
    if language == "fa":
        group = make_group(world.moradabad, name_th="", name_fa="صندوق محله مرادآباد",
                           currency="IRR", members=PERSIAN,
                           calendar=SavingsGroup.FiscalCalendar.SOLAR_HIJRI, start_month=1,
                           time_zone="Asia/Tehran")  # fmt: skip
        user = make_user("treasurer_fa", language="fa")
        grant(user, Role.TREASURER, area=world.moradabad)
        return group, user
    world.treasurer.language = "th"
    world.treasurer.save(update_fields=["language"])
    return make_group(world.lock_123), world.treasurer


def _sign_in(page, user, language):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_an_offline_meeting_is_synced_once_and_shows_in_passbooks(page, world, browser_locale):
    language = browser_locale[:2]
    group, treasurer = _setup(world, language)
    _sign_in(page, treasurer, language)
    if language == "fa":
        assert page.locator("html").get_attribute("dir") == "rtl"
    with page.expect_navigation():
        page.click(".main-nav a[href='/savings/']")
    with page.expect_navigation():
        page.click(f"a[href='/savings/groups/{group.pk}/']")
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/savings-group-{language}.png", full_page=True)

    today = local_today(group.time_zone)
    page.fill("input[name=held_on]", format_date(today, language, "short"))
    with page.expect_navigation():
        page.click("form[action$='/meetings/open/'] button[type=submit]")
    assert page.locator(".meeting-row").count() == 5
    # The amounts due are filled in, in the reader's digits.
    first = page.locator(".meeting-row").first.locator("input[data-type=deposit]")
    if language == "fa":
        assert first.input_value() == "۵۰۰٬۰۰۰"
    else:
        assert first.input_value() == "100.00"

    page.context.set_offline(True)
    page.click("#meeting-form button[type=submit]")
    status = page.locator("#sync-status")
    status.wait_for(state="visible")
    assert page.locator(".meeting-row .queued:visible").count() == 5
    assert not Transaction.objects.filter(group=group).exists()  # nothing reached the books
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/savings-meeting-offline-{language}.png", full_page=True)

    with page.expect_navigation(timeout=30_000):
        page.context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
    # Five deposits and five welfare contributions, each posted once.
    assert Transaction.objects.filter(group=group).count() == 10
    meeting = group.meetings.get()
    assert page.evaluate(f"localStorage.getItem('mahalla:meeting:{meeting.pk}')") is None
    member = group.members.order_by("number").first()
    expected = Decimal(500000) if language == "fa" else Decimal(100)
    assert operations.savings_balance(member) == expected

    page.goto(f"/savings/members/{member.pk}/")
    balance = page.locator("#savings-balance").inner_text()
    assert ("۵۰۰٬۰۰۰" if language == "fa" else "100.00") in balance
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/savings-passbook-{language}.png", full_page=True)
    assert page.blocked_requests == []


def _open_meeting(page, group, treasurer, language) -> None:
    _sign_in(page, treasurer, language)
    page.goto(f"/savings/groups/{group.pk}/")
    page.fill("input[name=held_on]", format_date(local_today(group.time_zone), language, "short"))
    with page.expect_navigation():
        page.click("form[action$='/meetings/open/'] button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_a_meeting_opened_online_opens_again_offline_and_is_forgotten_at_sign_out(
    phone, world, browser_locale
):
    """The phone is cut off and the meeting screen reloaded (or the browser reopened): the
    service worker answers with the page it kept; what is typed there gets keys of its own,
    is kept on the phone and sent once when the network is back. Signed out, the kept pages
    are deleted."""
    language = browser_locale[:2]
    group, treasurer = _setup(world, language)
    _open_meeting(phone, group, treasurer, language)
    phone.locator("body[data-meeting-cached=true]").wait_for()
    rendered = phone.locator("[data-key-for=deposit]").first.input_value()

    phone.context.set_offline(True)
    phone.reload()
    assert phone.locator(".meeting-row").count() == 5
    assert phone.locator("html").get_attribute("dir") == "rtl"
    status = phone.locator("#sync-status")
    status.wait_for(state="visible")
    assert "اتصال" in status.inner_text()  # "No connection: the entries are kept…"
    assert phone.locator("[data-key-for=deposit]").first.input_value() != rendered
    phone.click("#meeting-form button[type=submit]")
    assert phone.locator(".meeting-row .queued:visible").count() == 5
    assert not Transaction.objects.filter(group=group).exists()
    assert _fits(phone)

    with phone.expect_navigation(timeout=30_000):
        phone.context.set_offline(False)
        phone.evaluate("window.dispatchEvent(new Event('online'))")
    assert Transaction.objects.filter(group=group).count() == 10  # each entry posted once
    member = group.members.order_by("number").first()
    assert operations.savings_balance(member) == Decimal(500000)

    kept = "caches.keys().then(names => names.filter(n => n.startsWith('mahalla-meetings-')))"
    assert phone.evaluate(kept)
    phone.context.clear_cookies()  # signed out (the session is gone)
    phone.goto("/")
    phone.wait_for_function(f"{kept}.then(names => names.length === 0)")
    assert phone.outside == []  # nothing tried to reach another server
