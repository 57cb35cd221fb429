from __future__ import annotations

import json

from django.urls import reverse


def _url(area, fmt: str = "geojson") -> str:
    return reverse("places:area_export", kwargs={"pk": area.pk, "fmt": fmt})


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


def test_geojson_export_is_an_attachment_of_the_subtree(world, login):
    response = login(world.khlong_toei_officer).get(_url(world.khlong_toei))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".geojson" in response["Content-Disposition"]
    data = json.loads(_download(response))
    text = json.dumps(data, ensure_ascii=False)
    assert "Lock 1-2-3" in text
    assert "ริมคลองพระโขนง" in text
    assert "Pathum Wan" not in text


def test_geopackage_export_is_an_attachment(world, login):
    response = login(world.khlong_toei_officer).get(_url(world.khlong_toei, "gpkg"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    assert ".gpkg" in response["Content-Disposition"]
    assert _download(response).startswith(b"SQLite format 3")


def test_export_outside_the_scope_is_404(world, login):
    assert login(world.khlong_toei_officer).get(_url(world.bangkok)).status_code == 404
    assert login(world.pathum_wan_officer).get(_url(world.khlong_toei)).status_code == 404


def test_export_needs_the_export_permission(world, login):
    # The treasurer may see Lock 1-2-3 but not export it.
    assert login(world.treasurer).get(_url(world.lock_123)).status_code == 404


def test_unknown_format_is_404(world, login):
    assert login(world.admin).get(_url(world.khlong_toei, "shp")).status_code == 404


def test_export_needs_login(world, login):
    assert login().get(_url(world.khlong_toei)).status_code == 302
