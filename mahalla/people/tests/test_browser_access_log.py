"""An auditor on a phone, in Thai and in Persian, opens the access log from the home page,
filters it to exports and reads who exported what, in the reader's digits."""

from __future__ import annotations

import pytest

from mahalla.core.audit import access_log_record
from mahalla.people.roles import Role
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_an_auditor_reads_who_exported_personal_data(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    auditor = make_user("kt_auditor", first_name="Ratana", language=language)
    grant(auditor, Role.AUDITOR, area=world.khlong_toei)
    access_log_record(user=world.khlong_toei_officer, action="view",
                      object_type="registry.household", object_id=12, area=world.lock_123,
                      rows=1)  # fmt: skip
    access_log_record(user=world.admin, action="export", object_type="registry.household",
                      area=world.khlong_toei, rows=120, detail="households.csv")  # fmt: skip
    page.goto("/accounts/login/")
    page.fill("input[name=username]", auditor.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language
    with page.expect_navigation():
        page.click(".quick-links a[href='/people/access-log/']")
    assert page.locator("table.access-log tbody tr").count() == 2
    page.click(".filters-box summary")
    page.select_option("select[name=action]", "export")
    with page.expect_navigation():
        page.click(".filters button[type=submit]")
    rows = page.locator("table.access-log tbody tr")
    assert rows.count() == 1
    assert {"th": "120", "fa": "۱۲۰"}[language] in rows.first.inner_text()
    assert "households.csv" in rows.first.inner_text()
    box = page.locator(".filters button[type=submit]").bounding_box()
    assert box["height"] >= 44
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    assert page.blocked_requests == []
