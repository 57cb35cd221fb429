"""Features can name their parent by code; unknown parent codes are reported per feature."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area
from mahalla.places.tests.geo_files import import_file, write_layer

pytestmark = pytest.mark.django_db


def test_features_go_under_the_area_their_parent_code_names(world, tmp_path):
    path = write_layer(
        tmp_path / "nested.geojson",
        [box(100.52, 13.73, 100.53, 13.74), box(100.55, 13.70, 100.56, 13.71),
         box(100.57, 13.70, 100.58, 13.71)],
        {"code": ["PW-1", "KT-9", "ZZ-1"], "name": ["Pathum One", "Toei Nine", "Lost"],
         "district": ["1007", "1033", "9999"]},
        driver="GeoJSON",
    )  # fmt: skip

    result = import_file(
        world, path, parent=world.bangkok, name_en_field="name", parent_code_field="district"
    )

    assert result.created_count == 2
    assert Area.objects.get(code="PW-1").parent == world.pathum_wan
    toei_nine = Area.objects.get(code="KT-9")
    assert toei_nine.parent == world.khlong_toei
    assert toei_nine.path.startswith(world.khlong_toei.path)
    assert toei_nine.depth == 2
    (problem,) = result.problems
    assert (problem["feature"], problem["code"], problem["name"]) == (3, "ZZ-1", "Lost")
    assert (
        render_text(problem["message"])
        == "No area with the parent code “9999” exists under Bangkok."
    )
