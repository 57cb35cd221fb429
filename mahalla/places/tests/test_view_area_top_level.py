"""Top-level places (a country, a new province): added by administrators of every place,
from the place list or the admin; and their edit page works."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.places.editing import area_top_level_create
from mahalla.places.models import Area
from mahalla.testing import grant, make_user

NEW = reverse("places:area_create_top_level")
LIST = reverse("places:area_list")


@pytest.fixture
def kt_admin(world):
    """Administrator of Khlong Toei: every right there, but not over the whole tree."""
    user = make_user("kt_admin")
    grant(user, Role.ADMIN, area=world.khlong_toei)
    return user


def _form(world, **overrides) -> dict:
    data = {
        "level": world.province.pk,
        "name_en": "Nonthaburi",
        "name_th": "นนทบุรี",
        "name_fa": "",
        "code": "۱۲",  # Persian digits are read as 12
        "registration": "",
        "latitude": "",
        "longitude": "",
        "reason": "pilot extends to Nonthaburi",
    }
    return {**data, **overrides}


def test_the_edit_page_of_a_top_level_place_opens(world, login):
    response = login(world.admin).get(
        reverse("places:area_update", kwargs={"pk": world.bangkok.pk})
    )
    assert response.status_code == 200
    detail = reverse("places:area_detail", kwargs={"pk": world.bangkok.pk})
    assert f'<a href="{detail}">Cancel</a>' in response.content.decode()


def test_an_administrator_of_everything_adds_a_top_level_place(world, login):
    response = login(world.admin).post(NEW, _form(world))
    area = Area.objects.get(name_en="Nonthaburi")
    assert response["Location"] == reverse("places:area_detail", kwargs={"pk": area.pk})
    assert area.parent is None
    assert area.depth == 0
    assert area.path == f"/{area.pk}/"
    assert area.code == "12"
    assert area.history.latest().history_change_reason == "pilot extends to Nonthaburi"


def test_the_form_offers_every_level_and_says_where_the_place_goes(world, login):
    response = login(world.admin).get(NEW)
    page = response.content.decode()
    assert "Add a top-level place" in page
    assert set(response.context["form"].fields["level"].queryset) == {
        world.province,
        world.district,
        world.neighbourhood,
        world.community,
    }
    assert response.context["form"].fields["level"].initial == world.province.pk
    assert f'<a href="{LIST}">Cancel</a>' in page


def test_a_taken_top_level_code_is_named_next_to_its_field(world, login):
    response = login(world.admin).post(NEW, _form(world, code="10"))
    assert response.status_code == 200
    assert "Another place in the top level already has the code 10." in response.content.decode()


def test_a_district_administrator_may_not_add_top_level_places(world, login, kt_admin):
    assert login(kt_admin).get(NEW).status_code == 403
    assert login(kt_admin).post(NEW, _form(world)).status_code == 403
    assert login(world.khlong_toei_officer).get(NEW).status_code == 403
    assert not Area.objects.filter(name_en="Nonthaburi").exists()
    with pytest.raises(PermissionDenied):
        area_top_level_create(by=kt_admin, level=world.province, name_en="Nonthaburi")


def test_the_place_list_offers_the_action_to_administrators_of_everything_only(
    world, login, kt_admin
):
    assert f'href="{NEW}"' in login(world.admin).get(LIST).content.decode()
    assert f'href="{NEW}"' not in login(kt_admin).get(LIST).content.decode()


def test_superusers_add_a_top_level_place_in_the_admin(world, login):
    response = login(world.admin).post(
        "/admin/places/area/add/",
        {"level": world.province.pk, "code": "NB", "name_en": "Nonthaburi", "registration": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area = Area.objects.get(code="NB")
    assert (area.parent, area.depth, area.path) == (None, 0, f"/{area.pk}/")
