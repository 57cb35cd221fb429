"""Exports read back with pyogrio: same areas, names intact, nothing outside the user's scope."""

from __future__ import annotations

import json

import pyogrio
import pytest
import shapely
from shapely.geometry import MultiPoint, Polygon

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.exports import area_subtree_geojson, area_subtree_geopackage
from mahalla.places.models import Area
from mahalla.places.services import area_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def persian_community(world):
    return area_create(
        level=world.community,
        parent=world.khlong_toei,
        code="FA-1",
        name_fa="محله نمونه",
        name_th="ชุมชนตัวอย่าง",
        # A clockwise ring: RFC 7946 wants it turned counter-clockwise.
        geometry=Polygon([(100.57, 13.70), (100.57, 13.71), (100.58, 13.71), (100.58, 13.70)]),
    )


def _scoped(user):
    return for_user(user, Perm.EXPORT_AREAS, Area.objects.all())


def test_geojson_holds_the_subtree_with_names_and_parents(world, persian_community, tmp_path):
    data = area_subtree_geojson(area=world.khlong_toei, areas_qs=_scoped(world.admin))

    path = tmp_path / "export.geojson"
    path.write_bytes(data)
    _meta, _fids, wkb, fields = pyogrio.raw.read(path)
    assert len(wkb) == 4  # Khlong Toei, Lock 1-2-3, Rim Khlong and the new community
    collection = json.loads(data)
    assert "crs" not in collection
    by_code = {f["properties"]["code"]: f for f in collection["features"]}
    props = by_code["FA-1"]["properties"]
    assert (props["name_fa"], props["name_th"]) == ("محله نمونه", "ชุมชนตัวอย่าง")
    assert props["parent_id"] == world.khlong_toei.pk
    assert props["parent_code"] == "1033"
    assert props["level"] == "community"
    assert props["synthetic"] is False
    assert "محله نمونه".encode() in data  # UTF-8, not \\u escapes
    assert by_code["1033"]["properties"]["parent_code"] == "10"
    ring = shapely.geometry.shape(by_code["FA-1"]["geometry"]).exterior
    assert ring.is_ccw


def test_geojson_leaves_out_what_the_user_may_not_see(world):
    # The Khlong Toei officer exporting Bangkok gets only the Khlong Toei branch.
    scoped = _scoped(world.khlong_toei_officer)

    data = area_subtree_geojson(area=world.bangkok, areas_qs=scoped)

    codes = {f["properties"]["code"] for f in json.loads(data)["features"]}
    assert "1007" not in codes  # Pathum Wan
    assert "10" not in codes  # Bangkok itself is above the officer's scope
    assert "1033" in codes and "KT-01" in codes


def test_geopackage_has_a_polygon_and_a_point_layer(world, persian_community, tmp_path):
    path = tmp_path / "export.gpkg"
    path.write_bytes(area_subtree_geopackage(area=world.khlong_toei, areas_qs=_scoped(world.admin)))

    layers = dict(pyogrio.list_layers(path))
    assert layers == {"areas_polygons": "MultiPolygon", "areas_points": "Point"}
    _meta, _fids, wkb, fields = pyogrio.raw.read(path, layer="areas_polygons")
    info = pyogrio.read_info(path, layer="areas_polygons")
    columns = dict(zip(info["fields"], fields, strict=True))
    assert sorted(columns["code"]) == ["1033", "FA-1", "KT-01"]
    index = list(columns["code"]).index("FA-1")
    assert columns["name_fa"][index] == "محله نمونه"
    assert columns["name_th"][index] == "ชุมชนตัวอย่าง"
    assert columns["parent_id"][index] == world.khlong_toei.pk
    _meta, _fids, points, fields = pyogrio.raw.read(path, layer="areas_points")
    assert len(points) == 1  # Rim Khlong is a point
    assert shapely.from_wkb(points[0]).geom_type == "Point"


def test_geopackage_promotes_the_point_layer_when_a_multipoint_is_present(world, tmp_path):
    area_create(
        level=world.community, parent=world.khlong_toei, name_en="Scattered",
        geometry=MultiPoint([(100.58, 13.72), (100.585, 13.725)]),
    )  # fmt: skip
    path = tmp_path / "export.gpkg"
    path.write_bytes(area_subtree_geopackage(area=world.khlong_toei, areas_qs=_scoped(world.admin)))

    assert dict(pyogrio.list_layers(path))["areas_points"] == "MultiPoint"
    assert pyogrio.read_info(path, layer="areas_points")["features"] == 2


def test_geopackage_of_an_out_of_scope_subtree_is_empty_but_valid(world, tmp_path):
    path = tmp_path / "export.gpkg"
    path.write_bytes(
        area_subtree_geopackage(area=world.pathum_wan, areas_qs=_scoped(world.khlong_toei_officer))
    )

    assert pyogrio.read_info(path, layer="areas_polygons")["features"] == 0
