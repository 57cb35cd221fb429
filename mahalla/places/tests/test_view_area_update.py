"""Editing a place by hand: names, code, registration and a point, always with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.places.models import Area
from mahalla.places.services import area_create


def _url(area: Area) -> str:
    return reverse("places:area_update", kwargs={"pk": area.pk})


def _detail(area: Area) -> str:
    return reverse("places:area_detail", kwargs={"pk": area.pk})


def _form(area: Area, **overrides) -> dict:
    data = {
        "code": area.code,
        "name_en": area.name_en,
        "name_th": area.name_th,
        "name_fa": area.name_fa,
        "registration": area.registration,
        "reason": "Name checked with the community leader",
    }
    if not area.geometry or area.geometry["type"] == "Point":
        data["latitude"] = str(area.centroid_y) if area.geometry else ""
        data["longitude"] = str(area.centroid_x) if area.geometry else ""
    return {**data, **overrides}


def _errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


@pytest.fixture
def officer(world, login):
    return login(world.khlong_toei_officer)


def test_anonymous_visitor_is_sent_to_log_in(world, login):
    response = login().get(_url(world.lock_123))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_out_of_scope_officer_gets_404_and_nothing_changes(world, login):
    client = login(world.pathum_wan_officer)
    assert client.get(_url(world.lock_123)).status_code == 404
    response = client.post(_url(world.lock_123), _form(world.lock_123, name_en="Taken over"))
    assert response.status_code == 404
    world.lock_123.refresh_from_db()
    assert world.lock_123.name_en == "Lock 1-2-3"


def test_treasurer_who_may_only_look_gets_404(world, login):
    client = login(world.treasurer)
    assert client.get(_url(world.lock_123)).status_code == 404
    assert client.post(_url(world.lock_123), _form(world.lock_123, name_en="X")).status_code == 404
    page = client.get(_detail(world.lock_123)).content.decode()
    assert _url(world.lock_123) not in page


def test_area_page_links_to_the_edit_form_for_an_officer(world, officer):
    assert _url(world.lock_123) in officer.get(_detail(world.lock_123)).content.decode()


def test_form_shows_the_current_values(world, officer):
    response = officer.get(_url(world.rim_khlong))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["name_th"].value() == "ริมคลองพระโขนง"
    assert form["registration"].value() == "unregistered"
    assert str(form["latitude"].value()) == "13.72"
    assert str(form["longitude"].value()) == "100.59"


def test_form_shows_the_point_in_persian_digits_on_persian_pages(world, officer):
    content = officer.get(_url(world.rim_khlong), headers={"accept-language": "fa"}).content
    assert 'value="۱۳٫۷۲"' in content.decode()


def test_officer_renames_and_recodes_a_community_and_history_shows_why(world, officer):
    data = _form(world.lock_123, name_en="Lock 1-2-3 (Klong Toey)", code="KT-001")
    response = officer.post(_url(world.lock_123), data)
    assert response.status_code == 302
    assert response["Location"] == _detail(world.lock_123)
    world.lock_123.refresh_from_db()
    assert world.lock_123.name_en == "Lock 1-2-3 (Klong Toey)"
    assert world.lock_123.code == "KT-001"
    assert world.lock_123.parent == world.khlong_toei
    record = world.lock_123.history.latest()
    assert record.history_change_reason == "Name checked with the community leader"
    assert record.history_user == world.khlong_toei_officer
    page = officer.get(_detail(world.lock_123), headers={"accept-language": "en"})
    content = page.content.decode()
    assert "Name checked with the community leader" in content
    assert "Lock 1-2-3 (Klong Toey)" in content


def test_a_reason_is_required(world, officer):
    response = officer.post(_url(world.lock_123), _form(world.lock_123, name_en="New", reason=" "))
    assert response.status_code == 200
    assert _errors(response, "reason") == ["Say why you make this change."]
    world.lock_123.refresh_from_db()
    assert world.lock_123.name_en == "Lock 1-2-3"


def test_registration_can_change_and_is_shown_in_history(world, officer):
    data = _form(world.rim_khlong, registration="registered", reason="Registered in 2024")
    assert officer.post(_url(world.rim_khlong), data).status_code == 302
    world.rim_khlong.refresh_from_db()
    assert world.rim_khlong.registration == Area.Registration.REGISTERED
    content = officer.get(_detail(world.rim_khlong), headers={"accept-language": "en"})
    assert "Registered in 2024" in content.content.decode()


def test_a_point_moves_with_persian_digits(world, officer):
    data = _form(world.rim_khlong, latitude="۱۳٫۷۳", longitude="۱۰۰٫۵۸۵")
    response = officer.post(_url(world.rim_khlong), data, headers={"accept-language": "fa"})
    assert response.status_code == 302
    world.rim_khlong.refresh_from_db()
    assert world.rim_khlong.geometry == {"type": "Point", "coordinates": [100.585, 13.73]}
    assert (world.rim_khlong.centroid_x, world.rim_khlong.centroid_y) == (100.585, 13.73)


def test_a_point_outside_the_parent_is_refused(world, officer):
    data = _form(world.rim_khlong, latitude="35.7", longitude="51.4")
    response = officer.post(_url(world.rim_khlong), data)
    assert response.status_code == 200
    assert "outside the boundary of Khlong Toei" in _errors(response, "latitude")[0]
    world.rim_khlong.refresh_from_db()
    assert world.rim_khlong.centroid_y == 13.72


def test_a_place_without_geometry_gets_a_point(world, officer):
    bare = area_create(level=world.community, parent=world.khlong_toei, name_en="Bare")
    response = officer.post(_url(bare), _form(bare, latitude="13.7", longitude="100.56"))
    assert response.status_code == 302
    bare.refresh_from_db()
    assert bare.geometry_kind == Area.GeometryKind.POINT


def test_a_place_with_a_boundary_keeps_it_and_offers_no_coordinates(world, officer):
    response = officer.get(_url(world.lock_123))
    assert "latitude" not in response.context["form"].fields
    assert "change it with a boundary file" in response.content.decode()
    world.lock_123.refresh_from_db()
    before = world.lock_123.geometry
    data = _form(world.lock_123, latitude="13.72", longitude="100.58")
    assert officer.post(_url(world.lock_123), data).status_code == 302
    world.lock_123.refresh_from_db()
    assert world.lock_123.geometry == before


def test_the_parent_cannot_be_changed_here(world, officer):
    data = _form(world.lock_123, parent=world.pathum_wan.pk, level=world.district.pk)
    assert officer.post(_url(world.lock_123), data).status_code == 302
    world.lock_123.refresh_from_db()
    assert world.lock_123.parent == world.khlong_toei
    assert world.lock_123.level == world.community


def test_a_code_of_a_sibling_is_refused_but_its_own_code_is_kept(world, officer):
    area_create(level=world.community, parent=world.khlong_toei, code="KT-02", name_en="Two")
    response = officer.post(_url(world.lock_123), _form(world.lock_123, code="KT-02"))
    assert _errors(response, "code") == ["Another place in Khlong Toei already has the code KT-02."]
    assert officer.post(_url(world.lock_123), _form(world.lock_123)).status_code == 302


def test_registration_is_not_offered_for_a_district(world, officer):
    response = officer.get(_url(world.khlong_toei))
    assert response.status_code == 200
    assert "registration" not in response.context["form"].fields


def test_hostile_names_are_refused_when_too_long_and_escaped_when_shown(world, officer):
    response = officer.post(_url(world.lock_123), _form(world.lock_123, name_en="x" * 201))
    assert "at most 200 characters" in _errors(response, "name_en")[0]
    hostile = "<script>document.title='owned'</script>"
    officer.post(_url(world.lock_123), _form(world.lock_123, name_en=hostile))
    content = officer.get(_detail(world.lock_123), headers={"accept-language": "en"})
    assert "<script>document.title" not in content.content.decode()
    assert (
        "&lt;script&gt;document.title=&#x27;owned&#x27;&lt;/script&gt;" in content.content.decode()
    )


def test_removing_every_name_is_refused(world, officer):
    data = _form(world.lock_123, name_en="", name_th="", name_fa="")
    response = officer.post(_url(world.lock_123), data)
    assert "Name (Thai)" in response.context["form"].non_field_errors()[0]
