"""The whole survey path in one browser, on a phone, in Persian and in Thai: a district officer
uploads and publishes an XLSForm, fills it in the web form, cuts the network and fills a second
one, restores the network and sees both arrive, then reviews and approves one of them."""

from __future__ import annotations

import pytest

from mahalla.surveys.models import FormVersion, Submission
from mahalla.surveys.testing import HOUSEHOLD_MD
from mahalla.surveys.tests.test_browser_webform_offline import (
    _fill,
    _no_policy_violations,
    _send,
)
from mahalla.surveys.tests.xlsforms import workbook
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser


def _sheets(md: str) -> dict[str, list[list[str]]]:
    """The markdown XLSForm of the tests as the sheets of a workbook (what authors upload)."""
    sheets: dict[str, list[list[str]]] = {}
    current = None
    for line in md.format(form_id="households_e2e", version="1").strip().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0]:
            current = sheets.setdefault(cells[0], [])
        elif current is not None:
            current.append(cells[1:])
    return sheets


@pytest.mark.parametrize(("language", "browser_locale"), [("fa", "fa-IR"), ("th", "th-TH")])
def test_publish_fill_offline_and_approve(phone, world, language, browser_locale, tmp_path):  # noqa: F811
    officer = world.khlong_toei_officer
    xlsform = tmp_path / "households.xlsx"
    xlsform.write_bytes(workbook(_sheets(HOUSEHOLD_MD)))
    page = phone

    page.goto("/accounts/login/")
    page.fill("input[name=username]", officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    with page.expect_navigation():
        page.select_option("#language-select", language)

    # Publish: upload the XLSForm on the district, then confirm.
    page.goto("/surveys/forms/new/")
    page.select_option("select[name=area]", str(world.khlong_toei.pk))
    page.set_input_files("input[name=file]", str(xlsform))
    with page.expect_navigation():
        page.click(".upload-form button[type=submit]")
    with page.expect_navigation():
        page.click("#publish-link")
    with page.expect_navigation():
        page.click("#confirm-publish")
    version = FormVersion.objects.get(form__xml_form_id="households_e2e")
    assert version.state == FormVersion.State.PUBLISHED

    # Fill it online, then offline; both arrive once the network is back.
    page.goto(f"/surveys/webforms/{version.pk}/")
    page.locator("#webform[data-state=ready]").wait_for()
    page.locator("body[data-webforms-cached=true]").wait_for()
    _fill(page, language, "บ้านหนึ่ง")
    _send(page)
    page.locator(".webform-queue-item[data-status=sent]").wait_for()
    page.context.set_offline(True)
    page.locator("#webform-connection[data-online=false]").wait_for()
    _fill(page, language, "บ้านสอง")
    _send(page)
    page.locator(".webform-queue-item[data-status=queued]").wait_for()
    assert Submission.objects.count() == 1
    page.context.set_offline(False)
    page.locator(".webform-queue-item[data-status=sent]").nth(1).wait_for()
    assert Submission.objects.filter(form=version.form).count() == 2

    # Review: open the first from the list and approve it.
    first = Submission.objects.order_by("pk").first()
    page.goto("/surveys/submissions/")
    with page.expect_navigation():
        page.click(f"a[href='/surveys/submissions/{first.pk}/']")
    with page.expect_navigation():
        page.click("button[name=state][value=approved]")
    with page.expect_navigation():
        page.click("#confirm-review")
    assert page.locator("h1 .review-state").get_attribute("data-state") == "approved"
    first.refresh_from_db()
    assert first.review_state == "approved"
    assert Submission.objects.exclude(pk=first.pk).get().review_state == "received"
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    _no_policy_violations(page)
