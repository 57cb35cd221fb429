"""ODK Web Forms' date picker speaks the page's language: its buttons from our catalogue, its
day and month names from the browser's ICU data (Gregorian months, as the picker counts
them), Saturday first in Persian, days and years in the page's digits."""

from __future__ import annotations

import pytest

from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.test_browser_webform_offline import _open, surveyor  # noqa: F401

pytestmark = pytest.mark.browser

DATE_MD = """
| survey |
| | type | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | date | visit | Visit date | วันที่เยี่ยม | تاریخ بازدید |
"""
MONTHS = {
    "th": "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม",
    "fa": "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
}
DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "th": "0123456789"}
EXPECTED = {
    # (the picker's two buttons, the first weekday of its grid)
    "th": (("วันนี้", "ล้าง"), "อา"),
    "fa": (("امروز", "پاک کردن"), "ش"),
}


@pytest.mark.parametrize(("language", "browser_locale"), [("fa", "fa-IR"), ("th", "th-TH")])
def test_the_date_picker_is_in_the_page_language(phone, surveyor, world, language):  # noqa: F811
    version = make_version(world.khlong_toei, form_id="visit", md=DATE_MD)
    _open(phone, surveyor, language, version)
    buttons, first_weekday = EXPECTED[language]

    phone.locator(".question-container input").first.click()

    for name in buttons:
        phone.get_by_role("button", name=name, exact=True).wait_for()
    month = phone.locator(".p-datepicker-select-month").first.inner_text().strip()
    assert month in MONTHS[language].split(), month
    weekdays = phone.locator(".p-datepicker-weekday").all_inner_texts()
    assert len(weekdays) == 7 and weekdays[0].strip() == first_weekday, weekdays
    panel = phone.locator(".p-datepicker-panel").first.inner_text()
    assert not any(word in panel for word in ("Today", "Clear", "January", "December", "Su"))
    # Days and the year in the page's digits: Persian in fa, ASCII in th (as our pages write).
    days = phone.locator(".p-datepicker-day").all_inner_texts()
    year = phone.locator(".p-datepicker-select-year").first.inner_text().strip()
    digits = DIGITS[language]
    assert days[:3] and all(set(d.strip()) <= set(digits) for d in days), days
    assert year and set(year) <= set(digits), year
