"""ODK Web Forms' map widget on a phone, in fa and th: no tile server is asked (none is set),
the campaign's area is drawn for reference, its words and digits are the page's, and a
boundary is drawn by tapping. The form's own header shows the title in the page's language."""

from __future__ import annotations

import pytest

from mahalla.surveys.testing import open_campaign
from mahalla.surveys.tests.test_browser_webform_offline import _open, surveyor  # noqa: F401
from mahalla.surveys.tests.test_webforms_reference_map import make_shape_version

pytestmark = pytest.mark.browser

WORDS = {
    "fa": {"title": "شناسنامه محله", "hint": "برای گذاشتن نقطه روی نقشه بزنید",
           "empty": "هنوز شکلی ذخیره نشده", "three": "۳ نقطه ذخیره شد"},
    "th": {"title": "ข้อมูลชุมชน", "hint": "แตะแผนที่เพื่อวางจุด", "empty": "ยังไม่ได้บันทึกรูปแปลง",
           "three": "บันทึกแล้ว 3 จุด"},
}  # fmt: skip
ENGLISH = ("Tap to place a point", "No shape saved", "points saved", "Community profile",
           "OpenStreetMap", "Press and drag")  # fmt: skip

# The reference outline's colour (MAHALLA_REFERENCE_STYLE in frontend/webforms/patches.mjs).
OUTLINE_PIXELS = """() => {
  let count = 0;
  for (const canvas of document.querySelectorAll(".map-block-component canvas")) {
    const context = canvas.getContext("2d");
    if (!context || !canvas.width) continue;
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 200 && Math.abs(r - 29) < 12 && Math.abs(g - 94) < 12 && Math.abs(b - 79) < 12) {
        count += 1;
      }
    }
  }
  return count;
}"""


@pytest.fixture
def shape_version(world):
    version = make_shape_version(world.khlong_toei)
    open_campaign(world.khlong_toei, version)
    return version


def _tap(page, dx: float, dy: float) -> None:
    box = page.locator(".map-block").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    page.wait_for_timeout(300)


@pytest.mark.parametrize(("language", "browser_locale"), [("fa", "fa-IR"), ("th", "th-TH")])
def test_a_boundary_is_drawn_on_the_campaigns_area_offline_in_the_page_language(
    phone,  # noqa: F811
    surveyor,  # noqa: F811
    shape_version,
    language,
):
    words = WORDS[language]
    _open(phone, surveyor, language, shape_version)
    host = phone.locator("#webform")
    host.locator("h1:visible", has_text=words["title"]).wait_for()
    phone.evaluate("document.querySelector('.map-block-component').scrollIntoView()")
    phone.get_by_text(words["hint"]).wait_for()
    phone.get_by_text(words["empty"]).wait_for()
    phone.wait_for_function(f"({OUTLINE_PIXELS})() > 50")

    # On a phone the first tap opens the map full screen; the next ones place points.
    _tap(phone, 0.5, 0.5)
    phone.wait_for_function("document.querySelector('.map-block').offsetHeight > 700")
    for dx, dy in ((0.45, 0.35), (0.6, 0.45), (0.45, 0.55)):
        _tap(phone, dx, dy)
    phone.get_by_text(words["three"]).wait_for()

    text = host.inner_text()
    assert not [english for english in ENGLISH if english in text], text[:800]
    assert phone.outside == [], phone.outside  # type: ignore[attr-defined]
