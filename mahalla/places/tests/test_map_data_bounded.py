"""map.geojson stays small and quick however many places an area holds: at most
MAP_MAX_FEATURES features, simplified and rounded, saying when it shows only part."""

from __future__ import annotations

import json
import math
import time

from django.urls import reverse
from shapely.geometry import Polygon

from mahalla.places.tests.many_children import add_children

SIDE = 71  # 71 × 71 > 5,000 cells over Khlong Toei's box


def _wiggly_cell(index: int) -> Polygon:
    """A cell of a grid over Khlong Toei with a 64-vertex boundary, as surveyed ones have."""
    size = 0.06 / SIDE
    x0, y0 = 100.54 + (index % SIDE) * size, 13.69 + (index // SIDE) * size
    ring = []
    for step in range(64):
        angle = 2 * math.pi * step / 64
        radius = size * (0.45 + 0.02 * math.sin(7 * angle))
        ring.append(
            (x0 + size / 2 + radius * math.cos(angle), y0 + size / 2 + radius * math.sin(angle))
        )
    return Polygon(ring)


def _communities(world, count: int):
    names = [{"name_en": f"Community {n}", "name_fa": f"سکونتگاه {n}"} for n in range(count)]
    return add_children(world.khlong_toei, world.community, names, geometry=_wiggly_cell)


def _url(area) -> str:
    return reverse("places:area_geojson", kwargs={"pk": area.pk})


def test_five_thousand_places_give_a_bounded_quick_answer(world, login):
    _communities(world, 5000)
    client = login(world.khlong_toei_officer)
    start = time.perf_counter()
    response = client.get(_url(world.khlong_toei), headers={"accept-language": "en"})
    elapsed = time.perf_counter() - start
    data = json.loads(response.content)

    assert len(response.content) < 2 * 1024 * 1024
    assert elapsed < 5  # seconds, on a shared test machine; about 1 s on a quiet one
    assert len(data["features"]) == 2000
    assert (data["total"], data["shown"], data["truncated"]) == (5002, 1999, True)
    assert data["notice"] == (
        "The map shows the 1,999 largest of 5,002 places; the table lists them all."
    )


def test_notice_is_in_the_readers_language_and_digits(world, login, settings):
    settings.MAP_MAX_FEATURES = 10
    _communities(world, 100)
    data = (
        login(world.khlong_toei_officer)
        .get(_url(world.khlong_toei), headers={"accept-language": "fa"})
        .json()
    )
    assert len(data["features"]) == 10
    assert "۱۰۲" in data["notice"] and "۹" in data["notice"]
    assert not any(ch.isascii() and ch.isdigit() for ch in data["notice"])


def test_polygons_are_simplified_and_coordinates_rounded(world, login):
    _communities(world, 50)
    data = login(world.admin).get(_url(world.khlong_toei)).json()
    child = next(f for f in data["features"] if f["properties"]["role"] == "child")
    ring = child["geometry"]["coordinates"][0]
    assert 4 <= len(ring) < 64
    assert all(len(f"{c:.10f}".rstrip("0").split(".")[1]) <= 6 for point in ring for c in point)
    label = child["properties"]["label"]
    assert Polygon(ring).contains(Polygon(ring).representative_point()) and len(label) == 2


def test_a_small_area_is_sent_whole(world, login):
    data = login(world.admin).get(_url(world.khlong_toei)).json()
    assert (data["total"], data["shown"], data["truncated"], data["notice"]) == (2, 2, False, "")
