"""Upload a file with latitude and longitude swapped, on a phone, in Persian and in Thai.

The mapping step shows the file's properties with examples and one notice about the swap,
with "swap latitude and longitude" ticked; the import then puts every point inside the parent.
With SCREENSHOTS_DIR set (docs/screenshots), the mapping step is saved as
boundary-import-mapping-<language>.png for the documentation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mahalla.people.roles import Role
from mahalla.places.models import Area
from mahalla.places.tests.check_files import TEHRAN_NEIGHBOURHOODS, tehran_points_swapped
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
KHLONG_TOEI_POINTS = [
    ("KT-601", "ชุมชนริมทางรถไฟ", 100.571, 13.721),
    ("KT-602", "ชุมชนพัฒนาใหม่", 100.581, 13.711),
    ("KT-603", "ชุมชนหลังตลาด", 100.561, 13.731),
]


def _thai_points_swapped(path: Path) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"รหัส": code, "ชื่อ": name, "note": ""},
            "geometry": {"type": "Point", "coordinates": [lat, lon]},
        }
        for code, name, lon, lat in KHLONG_TOEI_POINTS
    ]
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_a_swapped_file_is_noticed_and_imported_where_it_belongs(
    page, live_server, world, browser_locale, tmp_path
):
    language = browser_locale[:2]
    page.set_viewport_size(PHONE)
    if language == "fa":
        parent, count, digits = world.tehran, len(TEHRAN_NEIGHBOURHOODS), "۴"
        path = tehran_points_swapped(tmp_path / "محله‌ها.geojson")
        sample, name_field, guessed = "بازار", "name_fa_field", "نام"
        new_name = TEHRAN_NEIGHBOURHOODS[0][1]
    else:
        parent, count, digits = world.khlong_toei, len(KHLONG_TOEI_POINTS), "3"
        path = _thai_points_swapped(tmp_path / "ชุมชน.geojson")
        sample, name_field, guessed = "ชุมชนริมทางรถไฟ", "name_th_field", "ชื่อ"
        new_name = KHLONG_TOEI_POINTS[0][1]
    staff = make_user("import_staff", first_name="Nima")
    grant(staff, Role.PROGRAMME_STAFF, area=parent.parent or parent)

    page.goto("/accounts/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)

    page.goto(f"/places/{parent.pk}/import/")
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.click(".upload-form button[type=submit]")

    # The mapping step: one notice for the whole file, the samples, the swap ticked.
    notices = page.locator(".check-notice")
    assert notices.count() == 1
    assert notices.first.is_visible()
    samples = page.locator(".property-samples")
    assert samples.is_visible()
    assert samples.get_by_text(sample).first.is_visible()
    assert page.locator("input[name=swap_axes]").is_checked()
    assert page.locator(f"select[name={name_field}]").input_value() == guessed
    english = "name_en" if language == "fa" else ""  # the Thai file has only an empty note
    assert page.locator("select[name=name_en_field]").input_value() == english
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        page.screenshot(
            path=str(Path(folder) / f"boundary-import-mapping-{language}.png"), full_page=True
        )

    page.select_option("select[name=level]", str(world.neighbourhood.pk))
    with page.expect_navigation():
        page.click(".mapping-form button[type=submit]")
    # The plan becomes the preview; nothing is written until it is confirmed.
    page.wait_for_selector("#import-preview", timeout=30_000)
    page.click("#write-changes")
    page.wait_for_selector("#import-progress[data-status='done']", timeout=30_000)
    assert page.locator(".tally-created").inner_text().strip() == digits
    zero = "۰" if language == "fa" else "0"
    assert page.locator(".tally-rejected").inner_text().strip() == zero

    with page.expect_navigation():
        page.click("#import-progress a.button.primary")
    assert page.locator(".children-table").get_by_text(new_name).is_visible()
    created = Area.objects.filter(parent=parent, level=world.neighbourhood)
    assert created.count() == count
    assert all(parent.min_x <= a.centroid_x <= parent.max_x for a in created)
    assert page.blocked_requests == []
