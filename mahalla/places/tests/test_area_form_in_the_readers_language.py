"""The area form puts the reader's language first, sets each input's direction and shows
coordinate examples from the reader's own country."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse


def _page(world, login, language: str, url: str) -> str:
    officer = world.khlong_toei_officer
    officer.language = language
    officer.save()
    return login(officer).get(url).content.decode()


def _create(world) -> str:
    return reverse("places:area_create", kwargs={"parent_pk": world.khlong_toei.pk})


def _update(world) -> str:
    return reverse("places:area_update", kwargs={"pk": world.rim_khlong.pk})


def _order(html: str) -> list[str]:
    return re.findall(r'<input type="text" name="(name_\w\w)"', html)


def _input(html: str, name: str) -> str:
    return re.search(rf'<input type="text" name="{name}"[^>]*>', html).group(0)


@pytest.mark.parametrize("url", [_create, _update])
@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("th", ["name_th", "name_en", "name_fa"]),
        ("fa", ["name_fa", "name_en", "name_th"]),
        ("en", ["name_en", "name_th", "name_fa"]),
    ],
)
def test_the_readers_language_comes_first(world, login, url, language, order):
    assert _order(_page(world, login, language, url(world))) == order


def test_each_input_runs_in_its_scripts_direction_on_a_persian_page(world, login):
    html = _page(world, login, "fa", _create(world))
    assert 'lang="fa" dir="rtl"' in _input(html, "name_fa")
    assert 'lang="en" dir="ltr"' in _input(html, "name_en")
    assert 'lang="th" dir="ltr"' in _input(html, "name_th")
    assert 'dir="ltr"' in _input(html, "code")


def test_a_thai_officer_is_shown_khlong_toei_not_tehran(world, login):
    html = _page(world, login, "th", _create(world))
    assert "เป็นองศาทศนิยม เช่น 13.7225 ที่เขตคลองเตย กรุงเทพฯ" in html
    assert "เป็นองศาทศนิยม เช่น 100.5756 ที่เขตคลองเตย กรุงเทพฯ" in html
    assert "เตหะราน" not in html


def test_a_persian_officer_is_shown_tehran_in_persian_digits(world, login):
    html = _page(world, login, "fa", _create(world))
    assert "به درجهٔ اعشاری؛ برای نمونه ۳۵٫۶۸۹۲ در تهران." in html
    assert "به درجهٔ اعشاری؛ برای نمونه ۵۱٫۳۸۹ در تهران." in html
    assert "بانکوک" not in html


def test_an_english_reader_is_shown_both_cities(world, login):
    html = _page(world, login, "en", _create(world))
    assert "for example 13.7225 in Bangkok or 35.6892 in Tehran" in html
