"""Finding an organisation and reading its history through a real browser.

Persian: the query is typed with Arabic ي and ك, as many keyboards produce them, and still
finds a name written with Persian ی and ک; the history is dated in the Solar Hijri calendar in
Persian digits. Thai: the query is spaced differently from the stored name; the history is
dated in the Buddhist Era.
"""

from __future__ import annotations

import re

import jdatetime
import pytest
from django.utils import timezone

from mahalla.people.models import Organisation
from mahalla.people.roles import Role
from mahalla.people.services import organisation_create, organisation_update
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

CASES = {
    "fa": {
        "name": "سرای محله کوی یاسر",
        "decoy": "شورایاری محله نارمک",
        "query": "سراي محله كوي",  # Arabic yeh and kaf
        "short_name": "سرای یاسر",
        "reason": "نام کوتاه افزوده شد",
    },
    "th": {
        "name": "กลุ่มออมทรัพย์ชุมชนริมคลองพระโขนง",
        "decoy": "สหกรณ์เคหสถานบ้านมั่นคงล็อค 1-2-3",
        "query": "ออมทรัพย์ ชุมชน  ริมคลอง",  # spaced where the name is not
        "short_name": "ออมทรัพย์ริมคลอง",
        "reason": "เพิ่มชื่อย่อ",
    },
}


def _year_in_calendar(language: str) -> str:
    today = timezone.localdate()
    if language == "th":
        return str(today.year + 543)
    return str(jdatetime.date.fromgregorian(date=today).year).translate(PERSIAN_DIGITS)


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_search_finds_the_organisation_and_its_history_is_in_my_calendar(
    page, live_server, world, browser_locale
):
    language = browser_locale[:2]
    case = CASES[language]
    area = world.tehran_d12 if language == "fa" else world.khlong_toei
    # A secretary who reads history, with the interface language saved on their account.
    reader = make_user("secretary_" + language, first_name="Dana", language=language)
    grant(reader, Role.BODY_SECRETARY, area=area)
    name_field = f"name_{language}"
    found = organisation_create(
        by=None,
        kind=Organisation.Kind.COMMUNITY_ORGANISATION,
        area=area,
        **{name_field: case["name"]},
    )
    organisation_update(
        organisation=found,
        by=world.admin,
        reason=case["reason"],
        **{f"short_name_{language}": case["short_name"]},
    )
    organisation_create(
        by=None, kind=Organisation.Kind.COOPERATIVE, area=area, **{name_field: case["decoy"]}
    )

    page.goto("/accounts/login/")
    page.fill("input[name=username]", reader.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")

    with page.expect_navigation():
        page.click(".main-nav a[href='/people/organisations/']")
    assert page.get_by_text(case["decoy"]).is_visible()  # before the search, both are listed
    page.fill("form.filters input[name=q]", case["query"])
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    results = page.locator("ul.cards li.card")
    assert results.count() == 1
    assert page.get_by_text(case["decoy"]).count() == 0

    with page.expect_navigation():
        results.locator("a").first.click()
    assert page.locator("h1").inner_text() == case["name"]

    history = page.locator("section.history")
    assert history.locator(".history-entry").count() == 2
    assert case["reason"] in history.inner_text()
    assert case["short_name"] in history.inner_text()
    for when in history.locator("time").all_inner_texts():
        assert _year_in_calendar(language) in when
        assert str(timezone.localdate().year) not in when
        if language == "fa":
            assert not re.search(r"[0-9]", when)  # Persian digits only
    assert page.blocked_requests == []
