from __future__ import annotations

from django.urls import reverse

from mahalla.testing import grant


def url(user) -> str:
    return reverse("people:user_detail", kwargs={"pk": user.pk})


def test_scoped_admin_sees_a_person_with_a_role_in_their_district(world, login, kt_admin):
    response = login(kt_admin).get(url(world.treasurer))
    assert response.status_code == 200
    assert "Lock 1-2-3" in response.content.decode()


def test_only_grants_in_scope_are_listed(world, login, kt_admin):
    grant(world.treasurer, "surveyor", area=world.pathum_wan)
    content = login(kt_admin).get(url(world.treasurer)).content.decode()
    assert "Lock 1-2-3" in content
    assert "Pathum Wan" not in content


def test_person_outside_scope_gets_404(world, login, kt_admin):
    assert login(kt_admin).get(url(world.pathum_wan_officer)).status_code == 404
    assert login(kt_admin).get(url(world.no_role)).status_code == 404


def test_officer_without_manage_roles_gets_404(world, login):
    assert login(world.khlong_toei_officer).get(url(world.treasurer)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(world, login):
    assert login().get(url(world.treasurer))["Location"].startswith(reverse("login"))
