"""The breadcrumb names each place's level: a province and its county often share a name."""

from __future__ import annotations

import re

from django.urls import reverse

from mahalla.places.services import area_create


def _crumb(content: str) -> str:
    crumb = re.search(r'<nav [^>]*class="breadcrumb".*?</nav>', content, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", crumb)).strip()


def test_province_and_county_of_the_same_name_are_told_apart(world, login):
    county_level = world.district
    county = area_create(level=county_level, parent=world.tehran, name_en="Tehran")
    content = (
        login(world.admin)
        .get(
            reverse("places:area_detail", kwargs={"pk": county.pk}),
            headers={"accept-language": "en"},
        )
        .text
    )
    assert _crumb(content) == "Places Tehran (Province) Tehran (District)"


def test_levels_are_in_the_readers_language(world, login):
    content = (
        login(world.tehran_secretary)
        .get(
            reverse("places:area_detail", kwargs={"pk": world.tehran_d12.pk}),
            headers={"accept-language": "fa"},
        )
        .text
    )
    assert "تهران (استان)" in _crumb(content)
    assert "منطقه ۱۲ (منطقه)" in _crumb(content)


def test_import_pages_show_the_level_too(world, login):
    content = (
        login(world.khlong_toei_officer)
        .get(
            reverse("places:boundary_import_new", kwargs={"pk": world.khlong_toei.pk}),
            headers={"accept-language": "en"},
        )
        .text
    )
    assert "Khlong Toei (District)" in _crumb(content)
