"""The 403, 404 and 500 pages people see with DEBUG off, in their own language."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from mahalla.people.roles import Role
from mahalla.testing import grant, make_user


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def _without_request_details(html: str) -> str:
    """The page without its CSRF tokens and the language switcher's return address."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'name="next" type="hidden" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_missing_place_gives_the_persian_404_page_right_to_left(world, login):
    response = login(world.moradabad_facilitator).get("/places/987654/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "صفحه پیدا نشد" in html
    assert "ممکن است به این محدوده دسترسی نداشته باشید" in html
    assert 'href="/"' in html


def test_a_place_out_of_reach_looks_exactly_like_a_missing_one(world, login):
    client = login(world.moradabad_facilitator)
    out_of_reach = client.get(f"/places/{world.khlong_toei.pk}/")
    missing = client.get("/places/987654/")
    assert out_of_reach.status_code == missing.status_code == 404
    assert _without_request_details(out_of_reach.content.decode()) == _without_request_details(
        missing.content.decode()
    )
    assert "Khlong Toei" not in out_of_reach.content.decode()
    assert "คลองเตย" not in out_of_reach.content.decode()


def test_unknown_address_gives_the_404_page_in_thai_for_a_visitor(db, login):
    client = login()
    response = client.get("/no-such-page/", headers={"accept-language": "th"})
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th" dir="ltr">' in html
    assert "ไม่พบหน้านี้" in html
    assert 'href="/accounts/login/?next=/no-such-page/"' in html


def test_role_pages_give_the_persian_403_page_to_someone_without_the_right(world, login):
    response = login(world.tehran_secretary).get("/people/roles/")
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "شما به این صفحه دسترسی ندارید" in html
    assert 'href="/accounts/"' in html  # where their roles are listed
    assert 'href="/people/roles/"' not in html  # and the navigation does not offer it again


def test_403_page_is_in_thai_for_a_thai_user(world, login):
    officer = make_user("th_officer", language="th")
    grant(officer, Role.DISTRICT_OFFICER, area=world.khlong_toei)
    response = login(officer).get("/people/roles/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="th" dir="ltr">' in html
    assert "คุณไม่มีสิทธิ์เข้าถึงหน้านี้" in html


def test_500_page_speaks_all_three_languages_without_the_database(db, django_assert_num_queries):
    request = RequestFactory().get("/broken/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "เกิดข้อผิดพลาด" in html
    assert "خطایی رخ داد" in html
    assert '<section lang="fa" dir="rtl">' in html
    assert 'href="/"' in html
