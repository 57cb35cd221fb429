from __future__ import annotations

import json

from django.urls import reverse


def _url(area) -> str:
    return reverse("places:area_geojson", kwargs={"pk": area.pk})


def test_map_data_is_the_area_and_its_children(world, login):
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), headers={"accept-language": "th"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_id = {f["properties"]["id"]: f for f in data["features"]}
    assert set(by_id) == {world.khlong_toei.pk, world.lock_123.pk, world.rim_khlong.pk}
    assert by_id[world.khlong_toei.pk]["properties"]["role"] == "area"
    assert by_id[world.khlong_toei.pk]["properties"]["name"] == "คลองเตย"
    assert by_id[world.rim_khlong.pk]["properties"]["registration"] == "unregistered"
    assert by_id[world.rim_khlong.pk]["geometry"]["type"] == "Point"
    assert by_id[world.lock_123.pk]["properties"]["url"] == reverse(
        "places:area_detail", kwargs={"pk": world.lock_123.pk}
    )


def test_map_data_properties_stay_small(world, login):
    data = login(world.admin).get(_url(world.khlong_toei)).json()
    polygon, point = (
        next(f for f in data["features"] if f["geometry"]["type"] == kind)
        for kind in ("Polygon", "Point")
    )
    common = {"id", "name", "level", "registration", "synthetic", "role", "url"}
    assert set(polygon["properties"]) == common | {"label"}  # where its name is drawn
    assert set(point["properties"]) == common


def test_map_data_out_of_scope_is_404(world, login):
    assert login(world.pathum_wan_officer).get(_url(world.khlong_toei)).status_code == 404


def test_map_data_needs_login(world, login):
    assert login().get(_url(world.khlong_toei)).status_code == 302
