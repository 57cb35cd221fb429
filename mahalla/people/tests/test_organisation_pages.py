from __future__ import annotations

from django.urls import reverse

from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create, organisation_update

LIST = reverse("people:organisation_list")


def detail(organisation) -> str:
    return reverse("people:organisation_detail", kwargs={"pk": organisation.pk})


def test_anonymous_visitor_is_sent_to_login(world, login):
    response = login().get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_sees_organisations_of_their_district_only(world, login):
    content = login(world.khlong_toei_officer).get(LIST).content.decode()
    assert "Khlong Toei District Office" in content
    assert "Tehran Municipality" not in content


def test_focal_point_sees_their_own_organisation(world, login):
    content = login(world.focal_point).get(LIST).content.decode()
    assert "Tehran Municipality" in content
    assert "Khlong Toei District Office" not in content


def test_user_without_any_role_gets_403(world, login):
    assert login(world.no_role).get(LIST).status_code == 403


def test_search_finds_a_name_in_another_language(world, login):
    client = login(world.admin)
    content = client.get(LIST, {"q": "คลองเตย"}).content.decode()
    assert "Khlong Toei District Office" in content
    assert "Tehran Municipality" not in content
    # Arabic yeh and kaf match their Persian forms.
    content = client.get(LIST, {"q": "شهرداري"}).content.decode()
    assert "Tehran Municipality" in content


def test_filter_by_kind(world, login):
    content = login(world.admin).get(LIST, {"kind": "municipality"}).content.decode()
    assert "Tehran Municipality" in content
    assert "Khlong Toei District Office" not in content


def test_empty_search_says_nothing_matches(world, login):
    content = login(world.admin).get(LIST, {"q": "no such thing"}).content.decode()
    assert "No organisation matches this search." in content


def test_list_is_sorted_by_the_name_in_the_active_language(world, login):
    organisation_create(by=None, kind="ngo", name_en="Aardvark Trust", name_fa="ی‌آخر")
    organisation_create(by=None, kind="ngo", name_en="Zebra Fund", name_fa="الف‌اول")
    client = login(world.admin)
    english = client.get(LIST).content.decode()
    assert english.index("Aardvark Trust") < english.index("Zebra Fund")
    persian = client.get(LIST, HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert persian.index("الف‌اول") < persian.index("ی‌آخر")


def test_list_is_paginated_without_extra_queries(world, login, django_assert_max_num_queries):
    for number in range(60):
        organisation_create(
            by=None, kind="cooperative", name_en=f"Co-op {number:02}", area=world.lock_123
        )
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(8):
        first = client.get(LIST)
    assert first.context["page"].paginator.num_pages == 3
    assert "Page 1 of 3" in first.content.decode()
    second = client.get(LIST, {"page": 2, "kind": "cooperative"}).content.decode()
    assert "Co-op 30" in second and "Co-op 24" not in second
    assert 'href="?page=3&amp;kind=cooperative"' in second  # filters survive paging


def test_officer_opens_an_organisation_in_scope(world, login):
    response = login(world.khlong_toei_officer).get(detail(world.khlong_toei_office))
    assert response.status_code == 200
    assert "สำนักงานเขตคลองเตย" in response.content.decode()


def test_out_of_scope_officer_gets_404(world, login):
    response = login(world.pathum_wan_officer).get(detail(world.khlong_toei_office))
    assert response.status_code == 404


def test_detail_shows_history_with_who_and_why(world, login, kt_admin):
    organisation_update(
        organisation=world.khlong_toei_office,
        by=kt_admin,
        short_name_en="KTO",
        reason="agreed at the district meeting",
    )
    content = login(world.khlong_toei_officer).get(detail(world.khlong_toei_office)).content
    content = content.decode()
    assert "agreed at the district meeting" in content
    assert "Niran" in content  # kt_admin's first name
    assert "KTO" in content


def test_treasurer_sees_no_history(world, login):
    organisation = organisation_create(
        by=None, kind="cooperative", name_en="Lock Savings", area=world.lock_123
    )
    content = login(world.treasurer).get(detail(organisation)).content.decode()
    assert "Lock Savings" in content
    assert 'id="history"' not in content


def test_admin_sees_the_roles_on_an_organisation(world, login, kt_admin):
    from mahalla.testing import grant

    grant(world.no_role, "focal_point", org=world.khlong_toei_office)
    content = login(kt_admin).get(detail(world.khlong_toei_office)).content.decode()
    assert "Roles on this organisation" in content
    assert "no_role" in content
    officer_view = login(world.khlong_toei_officer).get(detail(world.khlong_toei_office))
    assert "Roles on this organisation" not in officer_view.content.decode()


def test_scoped_admin_creates_an_organisation_with_a_reason(world, login, kt_admin):
    response = login(kt_admin).post(
        reverse("people:organisation_create"),
        {
            "kind": "community_organisation",
            "name_th": "ชุมชนริมคลอง",
            "area": world.rim_khlong.pk,
            "is_active": "on",
            "reason": "registered with the district",
        },
    )
    organisation = Organisation.objects.get(name_th="ชุมชนริมคลอง")
    assert response["Location"] == detail(organisation)
    assert organisation.history.latest().history_change_reason == "registered with the district"


def test_create_form_offers_only_areas_in_scope(world, login, kt_admin):
    response = login(kt_admin).post(
        reverse("people:organisation_create"),
        {"kind": "ngo", "name_en": "Sneaky", "area": world.pathum_wan.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Organisation.objects.filter(name_en="Sneaky").exists()


def test_create_form_asks_for_a_name(world, login, kt_admin):
    response = login(kt_admin).post(
        reverse("people:organisation_create"), {"kind": "ngo", "area": world.lock_123.pk}
    )
    assert "Give the organisation a name in at least one language." in response.content.decode()


def test_officer_without_change_permission_gets_403_on_create_and_edit(world, login):
    client = login(world.khlong_toei_officer)
    assert client.get(reverse("people:organisation_create")).status_code == 403
    edit = reverse("people:organisation_update", kwargs={"pk": world.khlong_toei_office.pk})
    assert client.get(edit).status_code == 403


def test_admin_edits_an_organisation(world, login, kt_admin):
    edit = reverse("people:organisation_update", kwargs={"pk": world.khlong_toei_office.pk})
    response = login(kt_admin).post(
        edit,
        {
            "kind": "district_office",
            "name_en": "Khlong Toei District Office",
            "name_th": "สำนักงานเขตคลองเตย",
            "short_name_en": "KTDO",
            "short_name_th": "สนข.คลองเตย",
            "area": world.khlong_toei.pk,
            "is_active": "on",
            "reason": "short name for reports",
        },
    )
    assert response.status_code == 302
    world.khlong_toei_office.refresh_from_db()
    assert world.khlong_toei_office.short_name_en == "KTDO"
    assert world.khlong_toei_office.short_name_th == "สนข.คลองเตย"


def test_out_of_scope_admin_gets_404_on_edit(world, login, pw_admin):
    edit = reverse("people:organisation_update", kwargs={"pk": world.khlong_toei_office.pk})
    assert login(pw_admin).get(edit).status_code == 404
