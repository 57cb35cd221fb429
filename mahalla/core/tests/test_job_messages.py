"""Messages stored by jobs are rendered in the reader's language and digits, at view time."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from mahalla.core.jobs.messages import message, names, render, render_text
from mahalla.places.models import AreaLevel


def test_a_stored_message_speaks_the_language_of_whoever_reads_it():
    stored = message("places.no_geometry")  # written once, by a worker running in English

    assert render_text(stored) == "The feature has no geometry."
    with translation.override("th"):
        thai = render_text(stored)
    with translation.override("fa"):
        persian = render_text(stored)

    # Whatever the wording the catalogues hold, it is in the reader's script.
    assert re.fullmatch(r"[\u0e00-\u0e7f ]+\.?", thai), thai
    assert re.fullmatch(r"[\u0600-\u06ff\u200c ]+\.?", persian), persian


def test_numbers_in_parameters_use_the_readers_digits():
    stored = message("places.code_too_long", max=64)

    with translation.override("fa"):
        assert "۶۴" in render_text(stored)
    with translation.override("en"):
        assert "64" in render_text(stored)


def test_a_spot_becomes_a_link_to_the_map_latitude_first():
    stored = message("places.why_self_intersection", point=[100.5, 13.76])

    html = render(stored, map_url="/places/7/")

    assert 'href="/places/7/?spot=100.500000,13.760000#area-map"' in html
    assert ">13.76000, 100.50000</a>" in html
    assert "Self-intersection" not in html


def test_a_spot_without_a_map_is_plain_text_kept_left_to_right():
    html = render(message("places.why_self_intersection", point=[100.5, 13.76]))

    assert '<span dir="ltr">13.76000, 100.50000</span>' in html


def test_a_reason_inside_a_sentence_is_rendered_in_the_same_language():
    reason = message("places.why_hole_outside", point=[51.4, 35.7])
    stored = message("places.polygon_repaired", reason=reason)

    text = render_text(stored)

    assert text.startswith("The polygon was invalid (a hole lies outside the outline, at 35.70000")
    assert text.endswith("and has been repaired.")


@pytest.mark.django_db
def test_a_named_thing_shows_its_name_in_the_readers_language():
    level = AreaLevel(code="district", name_en="District", name_th="เขต", name_fa="منطقه")
    stored = message("places.level_conflict", level=names(level))

    with translation.override("th"):
        assert "เขต" in render_text(stored)
    with translation.override("fa"):
        assert "منطقه" in render_text(stored)
    assert "District" in render_text(stored)


def test_text_from_a_file_is_escaped_and_isolated():
    stored = message("places.zip_not_shapefile", name="<script>x</script>\u202eevil")

    html = render(stored)

    assert "<script>" not in html
    assert "<bdi>&lt;script&gt;x&lt;/script&gt;\u202eevil</bdi>" in html


def test_text_stored_before_codes_existed_is_shown_as_it_was():
    assert render("The file could not be read.") == "The file could not be read."
    assert render(message("core.text", text="a < b")) == "<bdi>a &lt; b</bdi>"
    assert render({}) == ""


def test_an_unknown_code_cannot_be_stored():
    with pytest.raises(KeyError):
        message("places.no_such_code")


def test_an_unknown_code_read_back_is_named_not_blank():
    assert "places.gone" in render_text({"code": "places.gone", "params": {}})
