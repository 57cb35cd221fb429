"""A district officer adds an unregistered community by hand, in Thai and in Persian.

No boundary file: the officer opens Khlong Toei, chooses "Add a place here", types the name
and the coordinates in Thai or Persian digits, and finds the community among Khlong Toei's
places marked "not registered".
"""

from __future__ import annotations

import re

import pytest

from mahalla.places.models import Area
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

CASES = {
    # language: (name field, name, latitude, longitude) - the digits people type there.
    "th": ("name_th", "ชุมชนริมทางรถไฟ", "๑๓.๗๒๕", "๑๐๐.๕๗๕"),
    "fa": ("name_fa", "سکونتگاه کنار راه‌آهن", "۱۳٫۷۲۵", "۱۰۰٫۵۷۵"),
}
PERSIAN_NUMBER = re.compile(r"^[۰-۹]+(٫[۰-۹]+)?$")
ASCII_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_officer_adds_an_unregistered_community_with_local_digits(
    page, live_server, world, browser_locale
):
    language = browser_locale[:2]
    name_field, name, latitude, longitude = CASES[language]
    khlong_toei = f"/places/{world.khlong_toei.pk}/"

    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language

    page.goto(khlong_toei)
    with page.expect_navigation():
        page.click(f".actions a[href='{khlong_toei}new/']")

    # Khlong Toei's places are communities, so the form starts there, as not registered.
    assert page.input_value("select[name=level]") == str(world.community.pk)
    assert page.input_value("select[name=registration]") == "unregistered"

    # A click on the map fills in the coordinates, in the page's digits.
    page.wait_for_selector("#location-map[data-map-ready='1']", timeout=20_000)
    page.locator("#location-map canvas").click()
    picked = page.input_value("input[name=latitude]")
    assert (PERSIAN_NUMBER if language == "fa" else ASCII_NUMBER).match(picked), picked

    page.fill(f"input[name={name_field}]", name)
    page.fill("input[name=latitude]", latitude)
    page.fill("input[name=longitude]", longitude)
    page.fill("input[name=reason]", "เดินสำรวจ" if language == "th" else "بازدید میدانی")
    with page.expect_navigation():
        page.click(".area-form button[type=submit]")

    assert name in page.locator("h1").inner_text()
    assert page.locator("h1 .badge-unregistered").is_visible()
    area = Area.objects.get(**{name_field: name})
    assert (area.centroid_y, area.centroid_x) == (13.725, 100.575)

    with page.expect_navigation():
        page.click(f".breadcrumb a[href='{khlong_toei}']")
    row = page.locator(".children-table tbody tr", has_text=name)
    assert row.locator(".badge-unregistered").is_visible()
    assert page.blocked_requests == []  # nothing tried to reach another server
