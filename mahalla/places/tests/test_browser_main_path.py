"""The main path through a real browser, in Thai and in Persian.

Log in, switch to Persian (right to left, Solar Hijri dates in Persian digits), switch to Thai,
open Bangkok then Khlong Toei (Buddhist Era dates), see the map draw, import a small GeoJSON
through the pages (preview, then write) and find the new community among Khlong Toei's children.
"""

from __future__ import annotations

import json
import re

import jdatetime
import pytest
from django.utils import timezone

from mahalla.people.roles import Role
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

NEW_COMMUNITY = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "code": "KT-77",
                "name_en": "Wat Khlong Toei Nai",
                "name_th": "ชุมชนวัดคลองเตยใน",
                "name_fa": "محله وات کلونگ‌توی",
            },
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [100.57, 13.715],
                        [100.58, 13.715],
                        [100.58, 13.725],
                        [100.57, 13.725],
                        [100.57, 13.715],
                    ]
                ],
            },
        }
    ],
}


def _switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)
    assert page.locator("html").get_attribute("lang") == code


def _created_year(page) -> str:
    return page.locator(".date-created").inner_text()


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_main_path_in_thai_and_persian(page, live_server, world, browser_locale, tmp_path):
    language = browser_locale[:2]
    staff = make_user("bkk_staff", first_name="Kanya")
    grant(staff, Role.PROGRAMME_STAFF, area=world.bangkok)
    today = timezone.localdate()
    buddhist_year = str(today.year + 543)
    hijri_year = str(jdatetime.date.fromgregorian(date=today).year).translate(PERSIAN_DIGITS)

    page.goto("/accounts/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#your-places-heading").is_visible()

    # Persian: the whole page turns right to left and dates are Solar Hijri in Persian digits.
    _switch_language(page, "fa")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click(f"a[href='/places/{world.bangkok.pk}/']")
    assert hijri_year in _created_year(page)
    assert not re.search(r"[0-9]", _created_year(page))

    # Thai: left to right again, and the same date in the Buddhist Era.
    _switch_language(page, "th")
    assert page.locator("html").get_attribute("dir") == "ltr"
    if language == "fa":
        _switch_language(page, "fa")

    page.goto("/")
    page.click(f".place-cards a[href='/places/{world.bangkok.pk}/']")
    page.click(f".children-table a[href='/places/{world.khlong_toei.pk}/']")
    heading = page.locator("h1").inner_text()
    assert ("คลองเตย" if language == "th" else "Khlong Toei") in heading
    created = _created_year(page)
    assert (buddhist_year if language == "th" else hijri_year) in created

    # The map draws on a real canvas with no tile server.
    page.wait_for_selector("#area-map[data-map-ready='1']", timeout=20_000)
    box = page.locator("#area-map canvas").bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    assert page.locator("#area-map").get_attribute("data-map-error") is None

    # Import one new community through the pages.
    page.click(f"a[href='/places/{world.khlong_toei.pk}/import/']")
    upload = tmp_path / "new-community.geojson"
    upload.write_text(json.dumps(NEW_COMMUNITY, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    with page.expect_navigation():
        page.click(".upload-form button[type=submit]")
    page.select_option("select[name=level]", str(world.community.pk))
    page.select_option("select[name=code_field]", "code")
    page.select_option("select[name=name_th_field]", "name_th")
    page.select_option("select[name=name_fa_field]", "name_fa")
    page.select_option("select[name=name_en_field]", "name_en")
    with page.expect_navigation():
        page.click(".mapping-form button[type=submit]")
    page.wait_for_selector("#import-preview", timeout=30_000)  # checked before it is written
    with page.expect_navigation():
        page.click("#write-changes")
    page.wait_for_selector("#import-progress[data-status='done']", timeout=30_000)
    created_count = "1" if language == "th" else "۱"
    assert page.locator(".tally-created").inner_text().strip() == created_count

    with page.expect_navigation():
        page.click("#import-progress a.button.primary")
    new_name = NEW_COMMUNITY["features"][0]["properties"][f"name_{language}"]
    assert page.locator(".children-table").get_by_text(new_name).is_visible()
    assert page.blocked_requests == []  # nothing tried to reach another server
