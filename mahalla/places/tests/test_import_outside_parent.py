"""Each feature outside the parent's boundary is rejected (the default) or kept and flagged."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, box

from mahalla.core.jobs.messages import render
from mahalla.places.models import Area
from mahalla.places.tests.geo_files import import_file, write_layer

pytestmark = pytest.mark.django_db

# Khlong Toei is 100.54..100.60 x 13.69..13.74 in the test world.
FEATURES = {
    "IN-1": box(100.550, 13.700, 100.555, 13.705),  # inside
    "EDGE-70": box(100.593, 13.700, 100.603, 13.705),  # 70 % inside, across the east edge
    "EDGE-30": box(100.597, 13.710, 100.607, 13.715),  # 30 % inside
    "OUT-1": box(100.650, 13.700, 100.655, 13.705),  # wholly outside, in the next district
}


@pytest.fixture
def polygons(tmp_path):
    return write_layer(
        tmp_path / "edges.geojson",
        list(FEATURES.values()),
        {"code": list(FEATURES), "name": [f"Community {code}" for code in FEATURES]},
        driver="GeoJSON",
    )


def _by_code(result):
    return {p["code"]: p for p in result.problems}


def test_polygons_mostly_outside_are_rejected_with_the_place_and_the_spot(world, polygons):
    result = import_file(world, polygons, name_en_field="name")

    created = set(Area.objects.filter(parent=world.khlong_toei).values_list("code", flat=True))
    assert {"IN-1", "EDGE-70"} <= created
    assert not created & {"EDGE-30", "OUT-1"}
    assert (result.created_count, result.rejected_count, result.flagged_count) == (2, 2, 0)
    problem = _by_code(result)["OUT-1"]
    assert problem["outcome"] == "rejected"
    html = str(render(problem["message"], map_url="/places/2/"))
    assert html.startswith("The feature lies outside <bdi>Khlong Toei</bdi>, at <a href=")
    assert "spot=100.652500,13.702500#area-map" in html
    assert html.endswith("; it was not imported.")


def test_kept_when_chosen_and_each_flagged(world, polygons):
    result = import_file(world, polygons, name_en_field="name", keep_outside=True)

    assert (result.created_count, result.rejected_count, result.flagged_count) == (4, 0, 2)
    problems = _by_code(result)
    assert {code: p["outcome"] for code, p in problems.items()} == {
        "EDGE-30": "flagged",
        "OUT-1": "flagged",
    }
    assert "it was imported as you chose: check it." in str(render(problems["OUT-1"]["message"]))


def test_points_outside_are_rejected_and_inside_ones_kept(world, tmp_path):
    path = write_layer(
        tmp_path / "points.geojson",
        [Point(100.57, 13.72), Point(100.70, 13.72), Point(100.60, 13.72)],
        {"code": ["P-IN", "P-OUT", "P-EDGE"], "name": ["Inside", "Outside", "On the edge"]},
        driver="GeoJSON",
    )

    result = import_file(world, path, name_en_field="name")

    assert set(Area.objects.filter(code__startswith="P-").values_list("code", flat=True)) == {
        "P-IN",
        "P-EDGE",  # on the boundary line counts as inside
    }
    assert [p["code"] for p in result.problems] == ["P-OUT"]


def test_the_result_page_counts_the_flagged_features(world, polygons, login):
    result = import_file(world, polygons, name_en_field="name", keep_outside=True)

    page = login(world.admin).get(f"/places/imports/{result.pk}/").content.decode()

    assert '<dd class="tally-flagged">2</dd>' in page
    assert page.count("<td>flagged</td>") == 2
