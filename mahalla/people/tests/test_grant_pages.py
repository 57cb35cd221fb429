from __future__ import annotations

from django.urls import reverse

from mahalla.people.models import RoleGrant

LIST = reverse("people:grant_list")
NEW = reverse("people:grant_create")


def listed(response) -> set[str]:
    return {grant.user.username for grant in response.context["page"].object_list}


def revoke_url(grant) -> str:
    return reverse("people:grant_revoke", kwargs={"pk": grant.pk})


def test_anonymous_visitor_is_sent_to_login(world, login):
    assert login().get(LIST)["Location"].startswith(reverse("login"))


def test_officer_without_manage_roles_gets_403(world, login):
    assert login(world.khlong_toei_officer).get(LIST).status_code == 403
    assert login(world.khlong_toei_officer).get(NEW).status_code == 403


def test_scoped_admin_lists_grants_in_their_district_only(world, login, kt_admin):
    response = login(kt_admin).get(LIST)
    assert listed(response) == {"kt_officer", "treasurer", "kt_admin"}
    content = response.content.decode()
    assert "Somchai" in content and "Boonmee" in content
    assert "Malee" not in content and "Reza" not in content


def test_grant_list_filters_by_role_user_and_search(world, login, kt_admin):
    client = login(kt_admin)
    assert listed(client.get(LIST, {"role": "treasurer"})) == {"treasurer"}
    assert listed(client.get(LIST, {"user": "kt_officer"})) == {"kt_officer"}
    assert listed(client.get(LIST, {"q": "lock 1-2-3"})) == {"treasurer"}
    assert listed(client.get(LIST, {"q": "somchai"})) == {"kt_officer"}


def test_grant_list_filters_by_area_subtree(world, login):
    client = login(world.admin)
    response = client.get(LIST, {"area": world.bangkok.pk})
    assert listed(response) == {"kt_officer", "pw_officer", "treasurer"}


def test_grant_list_query_count_does_not_grow(
    world, login, kt_admin, django_assert_max_num_queries
):
    from mahalla.testing import grant, make_user

    for number in range(30):
        grant(make_user(f"surveyor{number}"), "surveyor", area=world.lock_123)
    client = login(kt_admin)
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == 33


def test_admin_grants_a_role_through_the_form(world, login, kt_admin):
    response = login(kt_admin).post(
        NEW,
        {
            "username": "no_role",
            "role": "surveyor",
            "area": world.rim_khlong.pk,
            "reason": "survey of Rim Khlong",
        },
    )
    grant = RoleGrant.objects.get(user=world.no_role)
    assert response["Location"] == reverse("people:user_detail", kwargs={"pk": world.no_role.pk})
    assert grant.granted_by == kt_admin
    assert grant.history.latest().history_change_reason == "survey of Rim Khlong"


def test_grant_form_refuses_an_area_outside_the_granters_scope(world, login, kt_admin):
    response = login(kt_admin).post(
        NEW, {"username": "no_role", "role": "surveyor", "area": world.pathum_wan.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RoleGrant.objects.filter(user=world.no_role).exists()


def test_grant_form_offers_only_areas_in_scope(world, login, kt_admin):
    form = login(kt_admin).get(NEW).context["form"]
    assert set(form.fields["area"].queryset) == {
        world.khlong_toei,
        world.lock_123,
        world.rim_khlong,
    }
    assert list(form.fields["organisation"].queryset) == [world.khlong_toei_office]


def test_grant_form_answers_the_same_for_unknown_and_out_of_scope_people(world, login, kt_admin):
    client = login(kt_admin)
    message = "No one with this username can receive a role from you."
    for username in ("ghost", "pw_officer"):  # no such account; an account in Pathum Wan
        response = client.post(
            NEW, {"username": username, "role": "surveyor", "area": world.lock_123.pk}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not RoleGrant.objects.filter(user=world.pathum_wan_officer, area=world.lock_123)


def test_grant_form_refuses_a_duplicate_active_role(world, login, kt_admin):
    response = login(kt_admin).post(
        NEW, {"username": "treasurer", "role": "treasurer", "area": world.lock_123.pk}
    )
    assert response.status_code == 200
    assert RoleGrant.objects.filter(user=world.treasurer).count() == 1
    assert "errorlist" in response.content.decode()


def test_revoke_asks_for_confirmation_first(world, login, kt_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    response = login(kt_admin).get(revoke_url(grant))
    assert response.status_code == 200
    assert "The record of the role is kept." in response.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_revoke_keeps_the_row_and_the_reason(world, login, kt_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    response = login(kt_admin).post(revoke_url(grant), {"reason": "moved away"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_by == kt_admin
    assert grant.history.latest().history_change_reason == "moved away"
    person_page = login(kt_admin).get(reverse("people:user_detail", kwargs={"pk": grant.user_id}))
    assert "revoked" in person_page.content.decode()


def test_out_of_scope_admin_gets_404_on_revoke(world, login, pw_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    assert login(pw_admin).get(revoke_url(grant)).status_code == 404
    assert login(pw_admin).post(revoke_url(grant)).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None
