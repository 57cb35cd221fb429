"""In a phone-sized browser, in Persian and in Thai: upload an XLSForm, read its questions in
the page's language, upload the media file it is missing, and publish it."""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.surveys.models import FormVersion
from mahalla.surveys.tests.test_forms_media import PNG
from mahalla.surveys.tests.xlsforms import CHOICES, SURVEY, settings_rows, workbook
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

WITH_PICTURE = [
    [*SURVEY[0], "media::image::English (en)"],
    *(r + [""] for r in SURVEY[1:]),
    ["note", "welcome", "Welcome", "ยินดีต้อนรับสู่การสำรวจ", "به پیمایش خوش آمدید", "logo.png"],
]


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_upload_read_add_media_and_publish(page, live_server, world, browser_locale, tmp_path):
    language = browser_locale[:2]
    officer = make_user("district_surveys", first_name="Malee")
    grant(officer, Role.DISTRICT_OFFICER, area=world.khlong_toei)
    xlsform = tmp_path / "houses.xlsx"
    xlsform.write_bytes(
        workbook({"survey": WITH_PICTURE, "choices": CHOICES, "settings": settings_rows()})
    )
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)

    page.goto("/accounts/login/")
    page.fill("input[name=username]", officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    with page.expect_navigation():
        page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("lang") == language

    # The Surveys entry of the main navigation leads to the forms; upload a new one.
    with page.expect_navigation():
        page.click(".main-nav a[href='/surveys/forms/']")
    with page.expect_navigation():
        page.click("a[href='/surveys/forms/new/']")
    page.select_option("select[name=area]", str(world.khlong_toei.pk))
    page.set_input_files("input[name=file]", str(xlsform))
    with page.expect_navigation():
        page.click(".upload-form button[type=submit]")

    # The version page: questions in the page's language, the picture listed as missing.
    welcome = {"fa": "به پیمایش خوش آمدید", "th": "ยินดีต้อนรับสู่การสำรวจ"}[language]
    rooms = {"fa": "تعداد اتاق", "th": "จำนวนห้อง"}[language]
    questions = page.locator(".question-list")
    assert questions.get_by_text(rooms).is_visible()
    assert page.locator(".media-missing").get_by_text("logo.png").is_visible()
    if language == "fa":
        assert page.locator("html").get_attribute("dir") == "rtl"
    # The note is not listed as a question (it collects nothing); its media file is.
    assert welcome not in questions.inner_text()

    # Upload the missing file, then publish after the confirmation page.
    page.set_input_files(".media-form input[type=file]", str(logo))
    with page.expect_navigation():
        page.click(".media-form button[type=submit]")
    assert page.locator(".media-uploaded").get_by_text("logo.png").is_visible()
    assert page.locator(".media-missing").count() == 0
    with page.expect_navigation():
        page.click("#publish-link")
    with page.expect_navigation():
        page.click("#confirm-publish")
    assert page.locator("#publish-link").count() == 0
    version = FormVersion.objects.get(form__xml_form_id="houses")
    assert version.state == FormVersion.State.PUBLISHED
    assert version.published_by == officer
    box = page.locator("h1").bounding_box()
    assert box is not None and box["width"] <= 390
    assert page.blocked_requests == []
