from __future__ import annotations

from mahalla.people.services import organisation_create

ORGS = "/api/organisations/"


def names(response) -> set[str]:
    return {row["name_en"] for row in response.json()["results"]}


def test_anonymous_request_gets_401(world, login):
    assert login().get(ORGS).status_code == 401


def test_officer_sees_organisations_in_scope_only(world, login):
    response = login(world.khlong_toei_officer).get(ORGS)
    assert names(response) == {"Khlong Toei District Office"}
    row = response.json()["results"][0]
    assert row["area"] == world.khlong_toei.pk
    assert row["kind"] == "district_office"


def test_focal_point_sees_their_organisation(world, login):
    assert names(login(world.focal_point).get(ORGS)) == {"Tehran Municipality"}


def test_out_of_scope_organisation_gets_404(world, login):
    url = f"{ORGS}{world.khlong_toei_office.pk}/"
    assert login(world.pathum_wan_officer).get(url).status_code == 404
    assert login(world.khlong_toei_officer).get(url).status_code == 200


def test_filters(world, login):
    client = login(world.admin)
    assert names(client.get(ORGS, {"kind": "municipality"})) == {"Tehran Municipality"}
    assert names(client.get(ORGS, {"area": world.khlong_toei.pk})) == {
        "Khlong Toei District Office"
    }
    assert names(client.get(ORGS, {"q": "شهرداري"})) == {"Tehran Municipality"}


def test_list_query_count_is_fixed(world, login, django_assert_max_num_queries):
    for number in range(40):
        organisation_create(
            by=None, kind="cooperative", name_en=f"Co-op {number}", area=world.lock_123
        )
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(6):
        response = client.get(ORGS)
    assert response.json()["count"] == 41
