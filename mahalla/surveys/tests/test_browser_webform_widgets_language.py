"""ODK Web Forms' location widget and footer in the page's language (fa and th, phone width):
the words patched in frontend/webforms/patches.mjs come from our catalogue."""

from __future__ import annotations

import pytest

from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.test_browser_webform_offline import _open, surveyor  # noqa: F401

pytestmark = pytest.mark.browser

WORDS = {
    "fa": {
        "get": "دریافت موقعیت",
        "save": "ثبت موقعیت",
        "good": "دقت خوب",
        "footer": "ساخته‌شده با",
    },
    "th": {"get": "หาตำแหน่ง", "save": "บันทึกตำแหน่ง", "good": "ความแม่นยำดี", "footer": "สร้างด้วย"},
}
ENGLISH = ("Get location", "Save location", "Good accuracy", "Finding your location", "Powered by",
           "Accuracy:", "Latitude:", "Longitude:", " m - ", "Location will be saved")  # fmt: skip
# The saved location, in the page's words and digits.
SAVED = {
    "fa": ("دقت: ۵ متر", "عرض جغرافیایی: ۱۳٫۷۱", "طول جغرافیایی: ۱۰۰٫۵۶"),
    "th": ("ความแม่นยำ: 5 ม.", "ละติจูด: 13.71", "ลองจิจูด: 100.56"),
}


@pytest.fixture
def located(browser, live_server, browser_locale):
    """A phone that knows where it is (Khlong Toei, 5 m accuracy)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale=browser_locale,
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 13.71, "longitude": 100.56, "accuracy": 5},
        permissions=["geolocation"],
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("language", "browser_locale"), [("fa", "fa-IR"), ("th", "th-TH")])
def test_the_location_widget_speaks_the_page_language(located, surveyor, world, language):  # noqa: F811

    version = make_version(world.khlong_toei)
    _open(located, surveyor, language, version)
    words = WORDS[language]
    located.get_by_role("button", name=words["get"]).click()
    located.get_by_role("button", name=words["save"]).wait_for()
    located.get_by_text(words["good"]).first.wait_for()
    text = located.locator("body").inner_text()
    assert words["footer"] in text
    assert not [english for english in ENGLISH if english in text], text[-600:]

    located.get_by_role("button", name=words["save"]).click()
    saved = located.locator(".geolocation-formatted-value").first
    saved.wait_for()
    shown = saved.inner_text()
    assert all(part in shown for part in SAVED[language]), shown
    assert not [english for english in ENGLISH if english in shown], shown


# Well-formed XML the engine cannot open: a calculation that is not XPath.
BROKEN_XFORM = """<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
<h:head><h:title>Broken</h:title><model><instance><data id="household"><x/><meta><instanceID/>
</meta></data></instance><bind nodeset="/data/x" type="string" calculate="concat(((,"/></model>
</h:head><h:body><input ref="/data/x"><label>X</label></input></h:body></h:html>"""
FAILURE = {
    "fa": ("این فرم باز نمی‌شود", "جزئیات فنی"),
    "th": ("เปิดแบบฟอร์มนี้ไม่ได้", "รายละเอียดทางเทคนิค"),
}


@pytest.mark.parametrize(("language", "browser_locale"), [("fa", "fa-IR"), ("th", "th-TH")])
def test_a_form_that_cannot_open_says_so_in_the_page_language(located, surveyor, world, language):  # noqa: F811
    version = make_version(world.khlong_toei)
    located.route(
        "**/form.xml",
        lambda route: route.fulfill(status=200, content_type="text/xml", body=BROKEN_XFORM),
    )
    _open(located, surveyor, language, version, wait=False)
    title, details = FAILURE[language]
    dialog = located.locator(".form-load-failure-dialog")
    dialog.get_by_text(title).wait_for()
    assert details in dialog.inner_text()
    assert "An error occurred" not in dialog.inner_text()
