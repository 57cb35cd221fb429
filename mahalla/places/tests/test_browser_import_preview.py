"""Upload, map, check the preview, write and revert a boundary import on a phone, th and fa.

With MAHALLA_SCREENSHOTS=1 the preview is saved as docs/screenshots/boundary-import-preview-
<language>.png for the documentation.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from mahalla.places.models import Area
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SQUARE = [[100.555, 13.70], [100.565, 13.70], [100.565, 13.71], [100.555, 13.71], [100.555, 13.70]]
NEW = [[100.57, 13.715], [100.58, 13.715], [100.58, 13.725], [100.57, 13.725], [100.57, 13.715]]
CORRECTED = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "code": "KT-01",
                "name_en": "Lock 1-2-3",
                "name_th": "ชุมชนล็อค 1-2-3 พัฒนา",
                "name_fa": "لاک ۱-۲-۳",
            },
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
        },
        {
            "type": "Feature",
            "properties": {
                "code": "KT-77",
                "name_en": "Wat Khlong Toei Nai",
                "name_th": "ชุมชนวัดคลองเตยใน",
                "name_fa": "محله وات کلونگ‌توی",
            },
            "geometry": {"type": "Polygon", "coordinates": [NEW]},
        },
    ],
}
DIGITS = {"th": "0123456789", "fa": "۰۱۲۳۴۵۶۷۸۹"}


def _number(value: int, language: str) -> str:
    return str(value).translate(str.maketrans("0123456789", DIGITS[language]))


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_preview_write_and_revert_on_a_phone(page, live_server, world, browser_locale, tmp_path):
    language = browser_locale[:2]
    page.set_viewport_size({"width": 360, "height": 780})
    officer = world.khlong_toei_officer
    page.goto("/accounts/login/")
    page.fill("input[name=username]", officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")

    page.goto(f"/places/{world.khlong_toei.pk}/import/")
    upload = tmp_path / "khlong-toei-corrected.geojson"
    upload.write_text(json.dumps(CORRECTED, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    with page.expect_navigation():
        page.click(".upload-form button[type=submit]")
    page.select_option("select[name=level]", str(world.community.pk))
    for field in ("code", "name_en", "name_th", "name_fa"):
        page.select_option(f"select[name={field}_field]" if field != "code" else
                           "select[name=code_field]", field)  # fmt: skip
    page.click(".mapping-form button[type=submit]")

    # The plan job finishes and the page becomes the preview; nothing is written yet.
    page.wait_for_selector("#import-preview", timeout=30_000)
    assert page.locator(".tally-created").inner_text().strip() == _number(1, language)
    assert page.locator(".tally-updated").inner_text().strip() == _number(1, language)
    change = page.locator(".plan-update .name-change").first
    assert change.locator("del").inner_text() == "ล็อค 1-2-3"
    assert change.locator("ins").inner_text() == "ชุมชนล็อค 1-2-3 พัฒนา"
    assert Area.objects.get(pk=world.lock_123.pk).name_th == "ล็อค 1-2-3"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the preview scrolls sideways on a phone ({width}px)"
    if os.environ.get("MAHALLA_SCREENSHOTS") == "1":
        page.screenshot(
            path=str(SCREENSHOTS / f"boundary-import-preview-{language}.png"), full_page=True
        )

    page.click("#write-changes")
    page.wait_for_selector("#import-progress[data-status='done']", timeout=30_000)
    assert page.locator(".tally-created").inner_text().strip() == _number(1, language)
    assert Area.objects.get(pk=world.lock_123.pk).name_th == "ชุมชนล็อค 1-2-3 พัฒนา"

    with page.expect_navigation():
        page.click("#import-progress a.button.danger")
    # The count in the reader's digits, wherever the language puts it in the sentence.
    assert re.search(
        rf"(^|\D){_number(1, language)}(\D|$)", page.locator("#revert-deleted").inner_text()
    )
    with page.expect_navigation():
        page.click("#revert-confirm")
    assert page.locator("#import-reverted").is_visible()
    assert Area.objects.get(pk=world.lock_123.pk).name_th == "ล็อค 1-2-3"
    assert not Area.objects.filter(code="KT-77").exists()
    assert page.blocked_requests == []
