from __future__ import annotations

from rest_framework.authtoken.models import Token

from mahalla.people.services import api_token_rotate
from mahalla.places.models import Area
from mahalla.places.services import area_create

AREAS = "/api/areas/"


def codes_and_names(response) -> set[str]:
    return {row["code"] or row["name"] for row in response.json()["results"]}


def test_anonymous_request_gets_401(world, login):
    assert login().get(AREAS).status_code == 401


def test_token_authentication(world, login):
    token = api_token_rotate(user=world.khlong_toei_officer)
    response = login().get(AREAS, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert login().get(AREAS, HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_obtain_a_token_with_username_and_password(world, login):
    from mahalla.testing import PASSWORD

    response = login().post("/api/auth/token/", {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=world.khlong_toei_officer).key
    bad = login().post("/api/auth/token/", {"username": "kt_officer", "password": "nope"})
    assert bad.status_code == 400


def test_officer_lists_only_their_district(world, login):
    response = login(world.khlong_toei_officer).get(AREAS)
    assert codes_and_names(response) == {"1033", "KT-01", "ริมคลองพระโขนง"}
    row = response.json()["results"][0]
    assert row == {
        "id": world.khlong_toei.pk,
        "code": "1033",
        "name": "Khlong Toei",
        "name_en": "Khlong Toei",
        "name_th": "คลองเตย",
        "name_fa": "",
        "level": "district",
        "parent": world.bangkok.pk,
        "depth": 1,
        "registration": "",
        "bbox": [100.54, 13.69, 100.60, 13.74],
        "centroid": [row["centroid"][0], row["centroid"][1]],
        "has_geometry": True,
        "geometry_is_synthetic": False,
    }
    assert "geometry" not in row


def test_names_follow_the_request_language(world, login):
    response = login(world.khlong_toei_officer).get(AREAS, HTTP_ACCEPT_LANGUAGE="th")
    assert response.json()["results"][0]["name"] == "คลองเตย"


def test_detail_adds_geojson_geometry(world, login):
    response = login(world.khlong_toei_officer).get(f"{AREAS}{world.lock_123.pk}/")
    assert response.status_code == 200
    assert response.json()["geometry"]["type"] == "Polygon"


def test_out_of_scope_area_gets_404(world, login):
    response = login(world.pathum_wan_officer).get(f"{AREAS}{world.lock_123.pk}/")
    assert response.status_code == 404


def test_filters(world, login):
    client = login(world.admin)
    assert codes_and_names(client.get(AREAS, {"level": "province"})) == {"10", "TEH", "CHB"}
    assert codes_and_names(client.get(AREAS, {"parent": world.bangkok.pk})) == {"1033", "1007"}
    assert codes_and_names(client.get(AREAS, {"code": "MRD"})) == {"MRD"}
    assert codes_and_names(client.get(AREAS, {"registration": "unregistered"})) == {"ริมคลองพระโขนง"}
    assert codes_and_names(client.get(AREAS, {"within": world.khlong_toei.pk})) == {
        "1033",
        "KT-01",
        "ริมคลองพระโขนง",
    }
    # Search folds Arabic letters to Persian and ignores case.
    assert codes_and_names(client.get(AREAS, {"q": "تهران"})) == {"TEH"}
    assert codes_and_names(client.get(AREAS, {"q": "LOCK"})) == {"KT-01"}


def test_within_an_area_out_of_scope_gives_nothing(world, login):
    response = login(world.pathum_wan_officer).get(AREAS, {"within": world.khlong_toei.pk})
    assert response.json()["count"] == 0


def test_children(world, login):
    client = login(world.khlong_toei_officer)
    response = client.get(f"{AREAS}{world.khlong_toei.pk}/children/")
    assert codes_and_names(response) == {"KT-01", "ริมคลองพระโขนง"}
    assert client.get(f"{AREAS}{world.bangkok.pk}/children/").status_code == 404


def test_list_is_paginated_with_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    for number in range(70):
        area_create(
            level=world.community,
            parent=world.khlong_toei,
            code=f"KT-{number + 10}",
            name_en=f"Community {number}",
        )
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(6):  # session, user, grants, count, page
        response = client.get(AREAS, {"page_size": 60})
    body = response.json()
    assert body["count"] == 73
    assert len(body["results"]) == 60
    assert body["next"].endswith("page=2&page_size=60")
    second = client.get(AREAS, {"page_size": 60, "page": 2}).json()
    assert len(second["results"]) == 13
    assert Area.objects.count() == 79
