"""Adding a place on a phone: the coordinates have visible labels, and "Use my location"
fills them from the device, or says in the reader's language why it cannot."""

from __future__ import annotations

import pytest
from django.utils import translation

from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser


def _open_form(page, world) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(f"/places/{world.khlong_toei.pk}/new/")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_my_location_fills_latitude_and_longitude_in_persian_digits(page, world, browser_locale):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 13.7225, "longitude": 100.5756})
    _open_form(page, world)
    assert page.locator("label[for=id_latitude]").is_visible()
    assert page.locator("label[for=id_longitude]").is_visible()
    page.click(".locate-button")
    page.wait_for_function("document.querySelector('#id_latitude').value !== ''")
    assert page.input_value("#id_latitude") == "۱۳٫۷۲۲۵"
    assert page.input_value("#id_longitude") == "۱۰۰٫۵۷۵۶"


@pytest.mark.parametrize("browser_locale", ["th-TH"])
def test_refused_location_is_explained(page, world, browser_locale):
    page.context.clear_permissions()
    page.add_init_script(
        "navigator.geolocation.getCurrentPosition = function (ok, fail) {"
        " fail({ code: 1, message: 'User denied Geolocation' }); };"
    )
    _open_form(page, world)
    page.click(".locate-button")
    with translation.override("th"):
        expected = translation.gettext(
            "Your location could not be used: this browser was not allowed to share it. "
            "Allow it in the browser settings, or type the latitude and longitude."
        )
    assert page.locator(".locate-status").inner_text() == expected
    assert page.input_value("#id_latitude") == ""
