"""A body's secretary on a phone, in Persian and in Thai, runs a meeting end to end: opens
the body from the header, schedules the meeting in the local calendar, records attendance
(quorum), passes two resolutions assigned to two organisations, then the clock moves past
the first deadline and the escalation job tells the chair and the secretary."""

from __future__ import annotations

import os
from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mahalla.core.i18n.calendars import format_date
from mahalla.governance import clock
from mahalla.governance.models import Meeting, Notice, Resolution
from mahalla.governance.services.escalation import escalate
from mahalla.governance.testing import make_council, make_working_group
from mahalla.people.models import Organisation
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SCREENSHOTS")
TEXT = {
    "fa": ("پیوست اجتماعی محله ظرف ده روز کاری تهیه شود.", "فهرست سراهای محله ارائه شود."),
    "th": ("สำนักงานเขตปรับปรุงฐานข้อมูลชุมชนภายใน 10 วันทำการ", "พอช. สำรวจชุมชนที่ยังไม่จดทะเบียน"),
}
ZONES = {"fa": "Asia/Tehran", "th": "Asia/Bangkok"}


def _sign_in(page, user, language):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language


def _fits(page) -> bool:
    """Nothing wider than the phone: no sideways scrolling of the whole page."""
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def _setup(world, language):
    if language == "fa":
        council = make_council(world)
        return council.body, world.tehran_secretary, council.social, council.municipality
    body = make_working_group(world)
    world.khlong_toei_officer.language = "th"
    world.khlong_toei_officer.save(update_fields=["language"])
    codi = Organisation.objects.create(
        kind=Organisation.Kind.GOVERNMENT_AGENCY, name_en="CODI", name_th="พอช."
    )
    return body, world.khlong_toei_officer, world.khlong_toei_office, codi


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_a_secretary_runs_a_meeting_and_sees_it_escalate(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    body, secretary, first_org, second_org = _setup(world, language)
    zone = ZoneInfo(ZONES[language])
    _sign_in(page, secretary, language)
    if language == "fa":
        assert page.locator("html").get_attribute("dir") == "rtl"

    with page.expect_navigation():
        page.click(".main-nav a[href='/governance/']")
    with page.expect_navigation():
        page.click(f"a[href='/governance/bodies/{body.pk}/']")
    assert page.locator(".composition-warnings").count() == 1  # missing agency seats
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/governance-body-{language}.png", full_page=True)

    # Schedule yesterday's meeting in the reader's calendar and digits.
    yesterday = timezone.now().astimezone(zone).date() - timedelta(days=1)
    with page.expect_navigation():
        page.click(f"a[href='/governance/bodies/{body.pk}/meetings/new/']")
    page.fill("input[name=day]", format_date(yesterday, language, style="short"))
    page.fill("input[name=at]", "۱۰:۰۰" if language == "fa" else "10:00")
    page.fill("input[name=location]", "فرمانداری" if language == "fa" else "สำนักงานเขต")
    page.fill("textarea[name=agenda]", "بند یک\nبند دو" if language == "fa" else "วาระที่ 1")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    meeting = Meeting.objects.get(body=body)
    assert meeting.starts_at == datetime.combine(yesterday, time(10), tzinfo=zone)

    # Attendance: two of five is no quorum; a resolution is refused until three are there.
    boxes = page.locator(".attendance-form input[type=checkbox]")
    assert boxes.count() == 5
    boxes.nth(0).check()
    boxes.nth(1).check()
    with page.expect_navigation():
        page.click(".attendance-form button[type=submit]")
    assert page.locator("#quorum-status.notice").count() == 1
    page.locator(".attendance-form input[type=checkbox]").nth(2).check()
    with page.expect_navigation():
        page.click(".attendance-form button[type=submit]")
    assert page.locator("#quorum-status.success").count() == 1

    # Two resolutions for two organisations: ten working days, and three months.
    for text, org, amount, unit in (
        (TEXT[language][0], first_org, "۱۰" if language == "fa" else "10", "working_days"),
        (TEXT[language][1], second_org, "3", "months"),
    ):
        page.click(".resolution-new summary")
        form = page.locator(".resolution-new form")
        form.locator("textarea[name=text]").fill(text)
        form.locator("select[name=responsible]").select_option(str(org.pk))
        form.locator("input[name=period_amount]").fill(amount)
        form.locator("select[name=period_unit]").select_option(unit)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    first, second = Resolution.objects.filter(body=body).order_by("number")
    assert list(first.responsible.all()) == [first_org]
    assert list(second.responsible.all()) == [second_org]
    assert page.locator(".resolution-cards .card").count() == 2
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/governance-meeting-{language}.png", full_page=True)

    # The clock moves two days past the first deadline; the daily job runs.
    later = first.deadline + timedelta(days=2)
    moved = datetime.combine(later, time(12), tzinfo=zone)
    with mock.patch.object(clock, "now", return_value=moved):
        totals = escalate(later, email=False)
        assert totals["overdue"] == 1
        page.goto(f"/governance/resolutions/{first.pk}/")
        assert page.locator("h1 .badge-overdue").count() == 1
        assert page.locator(".ladder li[data-step=overdue]").inner_text().strip()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/governance-resolution-{language}.png", full_page=True)
        page.goto(f"/governance/resolutions/{second.pk}/")
        assert page.locator("h1 .badge-overdue").count() == 0
        with page.expect_navigation():
            page.goto("/governance/attention/")
        overdue_rows = page.locator("section:nth-of-type(2) .resolution-cards .card")
        assert overdue_rows.count() == 1
        notice = page.locator(".notices .card").first.inner_text()
        digits = "۱" if language == "fa" else "1"
        assert digits in notice
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/governance-attention-{language}.png", full_page=True)
    assert Notice.objects.filter(user=secretary, code="governance.digest").count() == 1
    assert not page.blocked_requests
