"""The area page on a 360 px phone, in Persian and Thai: 120 places in numeric order over
three pages, thumb-sized targets, readable name column, and a map whose controls speak
the reader's language and whose labels never overlap."""

from __future__ import annotations

import pytest
from django.utils import translation
from shapely.geometry import Point, box

from mahalla.people.roles import Role
from mahalla.places.tests.many_children import add_children
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"), "th": {}}
WORD = {"fa": "محله", "th": "ชุมชน"}


def _place(index: int):
    """Half polygons on a grid, half points between them: both kinds of dense data."""
    x, y = 51.40 + (index % 12) * 0.004, 35.66 + (index // 12) * 0.004
    return box(x, y, x + 0.0035, y + 0.0035) if index % 2 else Point(x + 0.002, y + 0.002)


def _login(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _boxes(page, selector: str) -> list[dict]:
    return [
        page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())
    ]


def _assert_apart(boxes: list[dict]) -> None:
    boxes = [b for b in boxes if b]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            )  # fmt: skip
            assert apart, (a, b)


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_area_page_on_a_phone(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    word = WORD[language]
    area = world.tehran_d12
    names = [
        {f"name_{language}": f"{word} {n}".translate(DIGITS[language])} for n in range(120, 0, -1)
    ]
    add_children(area, world.neighbourhood, names, geometry=lambda i: _place(i))
    staff = make_user("d12_staff")
    grant(staff, Role.PROGRAMME_STAFF, area=area)
    page.set_viewport_size({"width": 360, "height": 740})
    _login(page, staff)
    page.goto(f"/places/{area.pk}/")
    assert page.locator("html").get_attribute("lang") == language

    def shown_names() -> list[str]:
        return page.locator(".children-table tbody th a").all_inner_texts()

    expected = [f"{word} {n}".translate(DIGITS[language]) for n in range(1, 121)]
    assert shown_names() == expected[:50]
    with page.expect_navigation():
        page.click(".pagination a[rel=next]")
    assert shown_names() == expected[50:100]

    # Thumb-sized targets and a name column that is not squeezed.
    for selector in (".main-nav a", ".breadcrumb a", ".children-table tbody th a", ".pagination a"):
        heights = [b["height"] for b in _boxes(page, selector)]
        assert heights and min(heights) >= 44, (selector, heights)
    name_cell = page.locator(".children-table tbody th").first.bounding_box()
    assert name_cell["width"] >= 170

    # The map: translated control labels, clusters for the points, labels without overlap.
    page.locator("#area-map").scroll_into_view_if_needed()
    page.wait_for_selector("#area-map[data-map-ready='1']", timeout=30_000)
    with translation.override(language):
        zoom_in = translation.gettext("Zoom in")
    assert page.locator(".maplibregl-ctrl-zoom-in").get_attribute("aria-label") == zoom_in
    assert page.locator("#area-map").get_attribute("data-locale-zoom-in") == zoom_in
    # Zoomed out, the names would overlap the cluster discs and each other: hidden.
    page.wait_for_function("document.querySelector('#area-map').dataset.labelsShown !== undefined")
    assert page.locator(".map-label.map-label-hidden").count() > 0
    assert int(page.locator("#area-map").get_attribute("data-clusters")) > 0
    _assert_apart(_boxes(page, ".map-label:not(.map-label-hidden)"))
    # Zoomed in, clusters open up and names find room; placement is redone after each move.
    for _ in range(2):
        page.click(".maplibregl-ctrl-zoom-in")
        page.wait_for_timeout(600)
    page.wait_for_function("Number(document.querySelector('#area-map').dataset.labelsShown) > 0")
    _assert_apart(_boxes(page, ".map-label:not(.map-label-hidden)"))
    assert page.blocked_requests == []
