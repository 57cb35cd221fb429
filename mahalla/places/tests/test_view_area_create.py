"""Adding a place by hand beneath another: who may, what is checked, what is recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from shapely.geometry import box

from mahalla.places.editing import area_child_create
from mahalla.places.models import Area
from mahalla.places.services import area_update


def _url(parent: Area) -> str:
    return reverse("places:area_create", kwargs={"parent_pk": parent.pk})


def _detail(area: Area) -> str:
    return reverse("places:area_detail", kwargs={"pk": area.pk})


def _form(world, **overrides) -> dict:
    data = {
        "level": world.community.pk,
        "name_en": "Wat Saphan Riverside",
        "name_th": "ชุมชนริมน้ำวัดสะพาน",
        "name_fa": "",
        "code": "",
        "registration": "unregistered",
        "latitude": "",
        "longitude": "",
        "reason": "Found on the district walk, 3 May",
    }
    return {**data, **overrides}


def _errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


@pytest.fixture
def officer(world, login):
    return login(world.khlong_toei_officer)


def test_anonymous_visitor_is_sent_to_log_in(world, login):
    response = login().get(_url(world.khlong_toei))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_out_of_scope_officer_gets_404(world, login):
    client = login(world.pathum_wan_officer)
    assert client.get(_url(world.khlong_toei)).status_code == 404
    assert client.post(_url(world.khlong_toei), _form(world)).status_code == 404
    assert not Area.objects.filter(name_en="Wat Saphan Riverside").exists()


def test_treasurer_who_may_only_look_gets_404(world, login):
    client = login(world.treasurer)
    assert client.get(_detail(world.lock_123)).status_code == 200  # sees it, cannot add to it
    assert client.get(_url(world.lock_123)).status_code == 404
    assert client.post(_url(world.khlong_toei), _form(world)).status_code == 404


def test_area_page_links_to_the_form_only_for_people_who_may_change_it(world, login):
    link = _url(world.khlong_toei)
    assert link in login(world.khlong_toei_officer).get(_detail(world.khlong_toei)).content.decode()
    treasurer_page = login(world.treasurer).get(_detail(world.lock_123)).content.decode()
    assert _url(world.lock_123) not in treasurer_page
    assert "Add a place here" not in treasurer_page


def test_form_offers_only_levels_below_the_parent(world, officer):
    response = officer.get(_url(world.khlong_toei))
    assert response.status_code == 200
    levels = set(response.context["form"].fields["level"].queryset)
    assert levels == {world.neighbourhood, world.community}


def test_form_suggests_the_level_of_the_children_and_not_registered(world, officer):
    content = officer.get(_url(world.khlong_toei)).content.decode()
    assert f'<option value="{world.community.pk}" selected data-community="1">' in content
    assert '<option value="unregistered" selected>' in content


def test_officer_adds_an_unregistered_community_with_persian_digits(world, officer):
    data = _form(world, latitude="۱۳٫۷۲۵", longitude="۱۰۰٫۵۷۵")
    response = officer.post(_url(world.khlong_toei), data, headers={"accept-language": "fa"})
    area = Area.objects.get(name_en="Wat Saphan Riverside")
    assert response.status_code == 302
    assert response["Location"] == _detail(area)
    assert area.parent == world.khlong_toei
    assert area.path == f"{world.khlong_toei.path}{area.pk}/"
    assert area.registration == Area.Registration.UNREGISTERED
    assert area.geometry == {"type": "Point", "coordinates": [100.575, 13.725]}
    assert area.geometry_kind == Area.GeometryKind.POINT
    assert area.geometry_is_synthetic is False


def test_thai_digits_and_a_slash_decimal_separator_in_persian_are_read(world, officer):
    officer.post(_url(world.khlong_toei), _form(world, latitude="๑๓.๗๒", longitude="๑๐๐.๕๘"))
    thai = Area.objects.get(name_en="Wat Saphan Riverside")
    assert thai.centroid_y == pytest.approx(13.72)
    assert thai.centroid_x == pytest.approx(100.58)
    officer.post(
        _url(world.khlong_toei),
        _form(world, name_en="Second", latitude="۱۳/۷۱", longitude="۱۰۰/۵۹"),
        headers={"accept-language": "fa"},
    )
    assert Area.objects.get(name_en="Second").centroid_y == pytest.approx(13.71)


def test_a_community_left_not_applicable_is_recorded_as_not_registered(world, officer):
    officer.post(_url(world.khlong_toei), _form(world, registration=""))
    area = Area.objects.get(name_en="Wat Saphan Riverside")
    assert area.registration == Area.Registration.UNREGISTERED


def test_a_registered_community_can_be_added(world, officer):
    officer.post(_url(world.khlong_toei), _form(world, registration="registered"))
    area = Area.objects.get(name_en="Wat Saphan Riverside")
    assert area.registration == Area.Registration.REGISTERED


def test_registration_is_refused_for_a_level_that_is_not_a_community(world, officer):
    data = _form(world, level=world.neighbourhood.pk, registration="registered")
    response = officer.post(_url(world.khlong_toei), data)
    assert response.status_code == 200
    assert "Only communities are registered" in _errors(response, "registration")[0]
    officer.post(_url(world.khlong_toei), {**data, "registration": ""})
    assert Area.objects.get(name_en="Wat Saphan Riverside").registration == ""


def test_a_level_above_the_parent_is_refused(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, level=world.district.pk))
    assert response.status_code == 200
    assert _errors(response, "level")
    assert not Area.objects.filter(name_en="Wat Saphan Riverside").exists()


def test_no_level_below_a_community_means_nothing_to_add(world, officer):
    assert _url(world.lock_123) not in officer.get(_detail(world.lock_123)).content.decode()
    response = officer.get(_url(world.lock_123))
    assert response.status_code == 200
    assert "nothing can be added here" in response.content.decode()
    assert '<form method="post" class="stacked area-form"' not in response.content.decode()


def test_duplicate_code_is_refused_on_the_code_field(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, code="KT-01"))
    assert response.status_code == 200
    assert _errors(response, "code") == ["Another place in Khlong Toei already has the code KT-01."]
    assert not Area.objects.filter(name_en="Wat Saphan Riverside").exists()


def test_a_code_typed_in_persian_digits_is_the_same_code(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, code="KT-۰۱"))
    assert _errors(response, "code")


def test_duplicate_code_error_is_translated(world, officer):
    response = officer.post(
        _url(world.khlong_toei), _form(world, code="KT-01"), headers={"accept-language": "fa"}
    )
    with translation.override("fa"):
        expected = gettext("Another place in %(parent)s already has the code %(code)s.") % {
            "parent": "Khlong Toei",
            "code": "KT-01",
        }
    assert "KT-01" in expected and "Another place" not in expected
    assert _errors(response, "code") == [expected]


def test_the_same_code_beneath_another_parent_is_allowed(world, login):
    client = login(world.pathum_wan_officer)
    response = client.post(_url(world.pathum_wan), _form(world, code="KT-01"))
    assert response.status_code == 302
    assert Area.objects.filter(parent=world.pathum_wan, code="KT-01").exists()


def test_point_outside_the_parent_boundary_is_refused(world, officer):
    # Inside Bangkok but east of Khlong Toei.
    response = officer.post(
        _url(world.khlong_toei), _form(world, latitude="13.72", longitude="100.70")
    )
    assert response.status_code == 200
    assert _errors(response, "latitude") == [
        "This point lies outside the boundary of Khlong Toei. Check the latitude and the longitude."
    ]
    assert not Area.objects.filter(name_en="Wat Saphan Riverside").exists()


def test_swapped_latitude_and_longitude_are_pointed_out(world, login):
    # A parent straddling the diagonal, so the swapped point falls inside it.
    area_update(area=world.pathum_wan, geometry=box(10, 10, 30, 20), reason="test")
    client = login(world.pathum_wan_officer)
    response = client.post(_url(world.pathum_wan), _form(world, latitude="25", longitude="15"))
    assert "latitude and longitude swapped" in _errors(response, "latitude")[0]


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", "91"), ("longitude", "-180.5"), ("latitude", "13,7,2")]
)
def test_coordinates_out_of_range_or_unreadable_are_field_errors(world, officer, field, value):
    other = {"latitude": "13.72", "longitude": "100.58"}
    response = officer.post(_url(world.khlong_toei), _form(world, **{**other, field: value}))
    assert response.status_code == 200
    assert _errors(response, field)


def test_latitude_without_longitude_asks_for_both(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, latitude="13.72"))
    assert _errors(response, "longitude") == [
        "Give both the latitude and the longitude, or leave both empty."
    ]


def test_a_place_without_any_name_gets_an_error_naming_the_name_fields(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, name_en="  ", name_th=""))
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    for label in ("Name (English)", "Name (Thai)", "Name (Persian)"):
        assert label in message
    assert message in response.content.decode()


def test_a_very_long_name_is_a_field_error(world, officer):
    response = officer.post(_url(world.khlong_toei), _form(world, name_th="ก" * 5000))
    assert response.status_code == 200
    assert "at most 200 characters" in _errors(response, "name_th")[0]
    assert not Area.objects.filter(name_en="Wat Saphan Riverside").exists()


def test_markup_in_a_name_is_shown_as_text(world, officer):
    hostile = '<script>alert("x")</script><b>Riverside</b>'
    officer.post(_url(world.khlong_toei), _form(world, name_en=hostile))
    area = Area.objects.get(name_en=hostile)
    for page in (_detail(area), _detail(world.khlong_toei)):
        content = officer.get(page, headers={"accept-language": "en"}).content.decode()
        assert "<script>alert" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def test_history_records_who_added_it_and_why(world, officer):
    officer.post(_url(world.khlong_toei), _form(world))
    area = Area.objects.get(name_en="Wat Saphan Riverside")
    record = area.history.get()
    assert record.history_change_reason == "Found on the district walk, 3 May"
    assert record.history_user == world.khlong_toei_officer
    content = officer.get(_detail(area), headers={"accept-language": "en"}).content.decode()
    assert "Found on the district walk, 3 May" in content


def test_the_new_place_is_found_by_search_and_counted_as_not_registered(world, officer):
    officer.post(_url(world.khlong_toei), _form(world, latitude="13.72", longitude="100.58"))
    content = officer.get(
        reverse("places:area_list"), {"q": "ริมน้ำ"}, headers={"accept-language": "en"}
    ).content.decode()
    assert "Wat Saphan Riverside" in content
    page = officer.get(_detail(world.khlong_toei), headers={"accept-language": "en"})
    assert "2 communities here are not registered." in page.content.decode()
    new = Area.objects.get(name_en="Wat Saphan Riverside")
    assert (new.centroid_x, new.centroid_y) == (100.58, 13.72)
    assert Decimal(str(new.min_x)) == Decimal("100.58")


def test_every_problem_is_shown_at_once(world, officer):
    data = _form(world, code="KT-01", name_en="", name_th="", latitude="14.5", longitude="100.57")
    response = officer.post(_url(world.khlong_toei), data)
    form = response.context["form"]
    assert _errors(response, "code")
    assert _errors(response, "latitude")
    assert form.non_field_errors()


def test_the_service_itself_refuses_a_person_without_the_permission(world):
    with pytest.raises(PermissionDenied):
        area_child_create(
            by=world.treasurer, parent=world.khlong_toei, level=world.community, name_en="X"
        )
    assert not Area.objects.filter(name_en="X").exists()


def test_length_error_counts_in_persian_digits(world, officer, settings):
    """Django's 'at most 200 characters (it has 250)' shows its numbers in the page's digits."""
    response = officer.post(
        _url(world.khlong_toei), _form(world, name_en="x" * 250), HTTP_ACCEPT_LANGUAGE="fa"
    )
    with translation.override("fa"):
        html = response.content.decode()
    assert response.status_code == 200
    assert "۲۵۰" in html
    assert "250)" not in html
    assert not Area.objects.filter(name_en="x" * 250).exists()
