"""On a phone, in Persian and in Thai: a facilitation office prepares a development document
(needs, an action) and sends it for approval; a board runs an election in the app and a
resident votes with the code from their slip."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mahalla.core.i18n.calendars import format_date
from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import (
    ApprovalLevel,
    ApprovalScheme,
    Ballot,
    Body,
    DevelopmentDocument,
    Membership,
)
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

CALENDAR = {"fa": "iran", "th": "thailand"}


def _sign_in(page, user, language):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def _officer(world, language):
    """Who prepares and runs things: the Moradabad facilitator (fa), the Khlong Toei district
    officer (th); and the area their bodies sit on."""
    if language == "fa":
        return world.moradabad_facilitator, world.moradabad
    officer = world.khlong_toei_officer
    officer.language = "th"
    officer.save(update_fields=["language"])
    return officer, world.khlong_toei


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_an_office_prepares_a_document_and_sends_it(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    user, area = _officer(world, language)
    types = body_types_build()
    office = Body.objects.create(
        body_type=types["facilitation_office"], area=area, name_en="Office",
        name_fa="دفتر تسهیلگری", name_th="สำนักงานผู้อำนวยความสะดวก",
        calendar=calendars_build()[CALENDAR[language]],
    )  # fmt: skip
    scheme = ApprovalScheme.objects.create(code="one_level", name_en="One level")
    ApprovalLevel.objects.create(scheme=scheme, rank=1, body_type=types["facilitation_office"])
    _sign_in(page, user, language)
    page.goto(f"/governance/bodies/{office.pk}/")
    with page.expect_navigation():
        page.click(f"a[href='/governance/bodies/{office.pk}/documents/new/']")
    page.select_option("select[name=kind]", "local_development")
    page.fill("input[name=title]", "سند توسعه" if language == "fa" else "แผนพัฒนาชุมชน")
    page.select_option("select[name=scheme]", str(scheme.pk))
    # Weights typed in the reader's digits; 50 + 30 + 30 is refused by name.
    for name, value in (("weight_votes", "۵۰"), ("weight_severity", "۳۰"), ("weight_reach", "۳۰")):
        page.fill(
            f"input[name={name}]",
            value
            if language == "fa"
            else value.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")),
        )
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    page.fill("input[name=weight_reach]", "۲۰" if language == "fa" else "20")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    document = DevelopmentDocument.objects.get()
    page.click(".need-new summary")
    page.fill(".need-new textarea[name=text]", "آب سالم" if language == "fa" else "น้ำประปา")
    page.fill(".need-new input[name=group]", "آب" if language == "fa" else "น้ำ")
    page.select_option(".need-new select[name=source]", "meeting")
    page.fill(".need-new input[name=paper_votes]", "۱۲۰" if language == "fa" else "120")
    with page.expect_navigation():
        page.click(".need-new button[type=submit]")
    assert page.locator("table.needs tbody tr").count() == 1
    page.click(".action-new summary")
    page.fill(".action-new textarea[name=text]", "لوله‌کشی" if language == "fa" else "วางท่อ")
    page.select_option(".action-new select[name=owner]", str(world.khlong_toei_office.pk))
    page.fill(".action-new input[name=budget]", "۱٬۰۰۰٬۰۰۰" if language == "fa" else "1,000,000")
    page.fill(".action-new input[name=starts_on]", format_date(date(2027, 1, 1), language, "short"))
    page.fill(".action-new input[name=ends_on]", format_date(date(2027, 6, 1), language, "short"))
    with page.expect_navigation():
        page.click(".action-new button[type=submit]")
    assert document.actions.get().budget == 1_000_000
    assert _fits(page)
    with page.expect_navigation():
        page.click("#approval form button[type=submit]")
    document.refresh_from_db()
    assert (document.status, document.current_rank) == ("in_approval", 1)
    assert page.locator(".approval-chain li[aria-current=step]").count() == 1


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_a_board_elects_and_a_resident_votes(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    user, area = _officer(world, language)
    board = Body.objects.create(
        body_type=body_types_build()["community_committee"], area=area, name_en="Board",
        name_fa="هیئت امنا", name_th="คณะกรรมการชุมชน",
        calendar=calendars_build()[CALENDAR[language]],
    )  # fmt: skip
    _sign_in(page, user, language)
    page.goto(f"/governance/bodies/{board.pk}/#elections")
    with page.expect_navigation():
        page.click(f"a[href='/governance/bodies/{board.pk}/elections/new/']")
    page.select_option("select[name=position]", "inspector")
    page.select_option("select[name=method]", "app")
    page.fill("input[name=called_on]", format_date(date(2026, 11, 1), language, "short"))
    page.fill("input[name=voting_on]", format_date(date(2026, 11, 20), language, "short"))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    for name in ("مریم", "حسن") if language == "fa" else ("มาลี", "สมศรี"):
        page.click(".candidate-new summary")
        page.fill(".candidate-new input[name=person_name]", name)
        page.fill(".candidate-new input[name=age]", "۴۰" if language == "fa" else "40")
        page.check(".candidate-new input[name=is_resident]")
        with page.expect_navigation():
            page.click(".candidate-new button[type=submit]")
    roll = "زهرا، ۴۵\nرضا، ۳۰" if language == "fa" else "บุญมี, 45\nสมชาย, 30"
    page.fill(".roll-form textarea[name=lines]", roll)
    with page.expect_navigation():
        page.click(".roll-form button[type=submit]")
    codes = [re.sub(r"\s", "", c) for c in page.locator(".slips code").all_inner_texts()]
    assert len(codes) == 2
    with page.expect_navigation():
        page.click("#steps form:has(input[value=open]) button")
    # A resident, signed out, on a phone.
    page.context.clear_cookies()
    page.goto("/governance/vote/")
    page.fill("input[name=code]", codes[0].lower())
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.locator(".ballot input[name=choice]").first.check()
    with page.expect_navigation():
        page.click(".ballot button[type=submit]")
    assert page.locator(".message.success").count() == 1
    assert _fits(page)
    assert Ballot.objects.count() == 1
    # The same code again is refused.
    page.goto("/governance/vote/")
    page.fill("input[name=code]", codes[0])
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".errorlist").count() == 1
    assert not Membership.objects.filter(body=board).exists()
