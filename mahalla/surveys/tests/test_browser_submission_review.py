"""A district officer reviews a household submission on a phone, in Thai and in Persian:
opens it from the list, comments, marks it as having issues, then approves it."""

from __future__ import annotations

import os

import pytest

from mahalla.surveys.models import Submission, SubmissionComment
from mahalla.surveys.testing import make_submission, make_version
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

TEXT = {
    "th": ("ตรวจแล้ว อายุไม่ตรง", "กรุณาตรวจอายุสมาชิก", "ผู้เช่า", "การถือครอง"),
    "fa": ("بررسی شد، سن درست نیست", "لطفاً سن اعضا را بررسی کنید", "مستأجر", "تصرف"),
}


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_officer_comments_marks_issues_and_approves(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    note, issue, tenure_label, tenure_question = TEXT[language]
    version = make_version(world.bangkok)
    submission = make_submission(version, instance_id="uuid:browser-review")

    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language
    if language == "fa":
        assert page.locator("html").get_attribute("dir") == "rtl"

    page.goto("/surveys/submissions/")
    with page.expect_navigation():
        page.click(f"a[href='/surveys/submissions/{submission.pk}/']")
    answers = page.locator(".submission-answers")
    assert tenure_question in answers.inner_text() and tenure_label in answers.inner_text()
    assert page.locator(".repeat-table tbody tr").count() == 2

    page.fill(".comment-form textarea[name=body]", note)
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")
    assert note in page.locator("#comments").inner_text()

    page.fill("#id_review_comment", issue)
    with page.expect_navigation():
        page.click("button[name=state][value=has_issues]")
    assert page.locator("#confirm-review").is_visible()
    with page.expect_navigation():
        page.click("#confirm-review")
    assert page.locator("h1 .review-state").get_attribute("data-state") == "has_issues"
    assert issue in page.locator("#comments").inner_text()

    with page.expect_navigation():
        page.click("button[name=state][value=approved]")
    with page.expect_navigation():
        page.click("#confirm-review")
    assert page.locator("h1 .review-state").get_attribute("data-state") == "approved"
    assert Submission.objects.get().review_state == "approved"
    assert SubmissionComment.objects.count() == 2
    # The confirm button is a comfortable tap target on a phone.
    box = page.locator("button[name=state]").first.bounding_box()
    assert box["height"] >= 44
    assert page.blocked_requests == []
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(
            path=f"{os.environ['SCREENSHOTS']}/submission-{language}.png", full_page=True
        )
