"""A treasurer on a phone, in Persian and in Thai, applies for the group's loan from a lender:
the schedule is shown first, then the application joins the queue."""

from __future__ import annotations

import os

import pytest

from mahalla.core.i18n.calendars import format_date
from mahalla.governance.clock import local_today
from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create
from mahalla.savings.models import Loan
from mahalla.savings.tests.test_browser_meeting import _fits, _setup, _sign_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SCREENSHOTS")
AMOUNT = {"fa": "۹۰۰٬۰۰۰٬۰۰۰", "th": "๓,๐๐๐,๐๐๐"}


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_the_group_applies_for_its_loan_from_a_lender(page, world, browser_locale):
    language = browser_locale[:2]
    group, treasurer = _setup(world, language)
    lender = organisation_create(by=None, kind=Organisation.Kind.GOVERNMENT_AGENCY,
                                 name_en="CODI", name_th="พอช.",
                                 name_fa="بنیاد مسکن")  # fmt: skip
    _sign_in(page, treasurer, language)
    page.goto(f"/savings/groups/{group.pk}/loans/")
    with page.expect_navigation():
        page.click(f"a[href='/savings/groups/{group.pk}/loans/collective/new/']")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    page.select_option("select[name=product]", index=1)
    page.select_option("select[name=lender]", label=lender.name_fa if language == "fa" else "พอช.")
    page.fill("input[name=principal]", AMOUNT[language])
    page.fill("input[name=term_months]", "۱۲۰" if language == "fa" else "๑๒๐")
    page.fill(
        "input[name=applied_on]", format_date(local_today(group.time_zone), language, "short")
    )
    with page.expect_navigation():
        page.click("button[name=preview]")
    assert page.locator("table tbody tr").count() == 120  # the schedule before applying
    assert not Loan.objects.filter(group=group, member=None).exists()
    assert _fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/savings-collective-loan-{language}.png", full_page=True)

    with page.expect_navigation():
        page.click("form button.primary")
    loan = Loan.objects.get(group=group, member=None)
    assert page.url.endswith(f"/savings/loans/{loan.pk}/")
    assert loan.lender == lender and loan.status == Loan.Status.APPLIED
    assert loan.term_months == 120
    assert _fits(page)
    assert page.blocked_requests == []
