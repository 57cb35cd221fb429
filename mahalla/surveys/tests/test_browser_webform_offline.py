"""Filling a published form in the browser with ODK Web Forms, on a phone, in fa and th: sent
at once online, queued offline and sent when the connection returns; a draft survives a reload."""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.surveys.models import Submission
from mahalla.surveys.testing import make_version
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

# Labels of HOUSEHOLD_MD (mahalla/surveys/testing.py) in each language.
LABELS = {
    "fa": {"name": "نام خانوار", "tenant": "مستأجر", "rooms": "اتاق", "member": "نام", "age": "سن"},
    "th": {"name": "ชื่อครัวเรือน", "tenant": "ผู้เช่า", "rooms": "ห้อง", "member": "ชื่อ",
           "age": "อายุ"},
}  # fmt: skip
LOCALES = [("fa", "fa-IR"), ("th", "th-TH")]


@pytest.fixture
def surveyor(world):
    user = make_user("surveyor_kt", first_name="Malee")
    grant(user, Role.SURVEYOR, area=world.khlong_toei)
    return user


def _open(page, user, language, version, *, wait: bool = True) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    with page.expect_navigation():
        page.select_option("#language-select", language)
    page.goto(f"/surveys/webforms/{version.pk}/")
    if wait:
        page.locator("#webform[data-state=ready]").wait_for()


def _question(page, label: str):
    """The input of the question with this label. (Web Forms 0.22 ties the <label> of a number
    question to a wrapper, not to its input, so `get_by_label` finds only text questions.)"""
    container = "//div[contains(@class, 'question-container')]"
    return page.locator(f"xpath={container}[.//label[normalize-space()='{label}']]//input").first


def _fill(page, language: str, name: str) -> None:
    words = LABELS[language]
    _question(page, words["name"]).fill(name)
    page.get_by_text(words["tenant"], exact=True).click()
    _question(page, words["rooms"]).fill("3")
    _question(page, words["member"]).fill("สมชาย")
    _question(page, words["age"]).fill("54")


def _send(page) -> None:
    page.locator("#webform .footer .p-button").click()


def _no_policy_violations(page) -> None:
    refused = [m for m in page.console_messages if "Content Security Policy" in m]
    assert not refused, refused
    assert not page.outside, page.outside


@pytest.mark.parametrize(("language", "browser_locale"), LOCALES)
def test_a_form_sent_online_and_one_queued_offline_both_arrive(
    phone, world, surveyor, language, browser_locale
):
    version = make_version(world.khlong_toei)
    _open(phone, surveyor, language, version)
    assert phone.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    phone.locator("body[data-webforms-cached=true]").wait_for()
    if language == "fa":
        # Our RTL fix (frontend/webforms/webforms.css): a number's spin buttons sit at the end
        # of the field, which is the left in Persian, not over the digits on the right.
        field = phone.locator("#webform .p-inputnumber").first.bounding_box()
        spin = phone.locator("#webform .p-inputnumber-button-group").first.bounding_box()
        assert spin["x"] < field["x"] + field["width"] / 2

    _fill(phone, language, "บ้านหนึ่ง")
    _send(phone)
    phone.locator(".webform-queue-item[data-status=sent]").wait_for()
    assert Submission.objects.count() == 1

    phone.context.set_offline(True)
    phone.locator("#webform-connection[data-online=false]").wait_for()
    _fill(phone, language, "บ้านสอง")
    _send(phone)
    phone.locator(".webform-queue-item[data-status=queued]").wait_for()
    assert Submission.objects.count() == 1

    # Still offline: the page opens again from the service worker, the queue intact.
    phone.reload()
    phone.locator("#webform[data-state=ready]").wait_for()
    assert phone.locator(".webform-queue-item[data-status=queued]").count() == 1
    assert not phone.locator("#webform-draft").is_visible()  # a sent form leaves no draft

    phone.context.set_offline(False)
    phone.locator(".webform-queue-item[data-status=sent]").nth(1).wait_for()
    assert phone.locator(".webform-queue-item[data-status=queued]").count() == 0
    stored = [bytes(s.current.xml).decode() for s in Submission.objects.select_related("current")]
    assert len(stored) == 2
    assert any("บ้านหนึ่ง" in xml for xml in stored) and any("บ้านสอง" in xml for xml in stored)
    assert all(s.submitted_by == surveyor for s in Submission.objects.all())
    _no_policy_violations(phone)


@pytest.mark.parametrize(("language", "browser_locale"), [("th", "th-TH")])
def test_a_draft_survives_a_reload_and_can_be_discarded(
    phone, world, surveyor, language, browser_locale
):
    version = make_version(world.khlong_toei)
    _open(phone, surveyor, language, version)
    name = _question(phone, LABELS[language]["name"])
    name.fill("บ้านร่าง")
    phone.locator("#webform[data-draft=saved]").wait_for()

    phone.reload()
    phone.locator("#webform[data-state=ready]").wait_for()
    assert phone.locator("#webform-draft").is_visible()
    assert _question(phone, LABELS[language]["name"]).input_value() == "บ้านร่าง"
    # Restored as a draft, not as an edit of a sent submission: the location question keeps
    # its plain "get location" button (an edit would show a map needing tiles from the web).
    assert phone.locator("#webform .get-location-button").count() == 1

    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("#webform-discard")
    phone.locator("#webform-draft").wait_for(state="hidden")
    phone.locator("#webform[data-state=ready]").wait_for()
    assert _question(phone, LABELS[language]["name"]).input_value() == ""
    phone.reload()
    phone.locator("#webform[data-state=ready]").wait_for()
    assert not phone.locator("#webform-draft").is_visible()
    assert Submission.objects.count() == 0
    _no_policy_violations(phone)
