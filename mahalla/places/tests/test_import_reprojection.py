"""Files in Web Mercator or UTM are reprojected to longitude/latitude."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import box

from mahalla.places.models import Area
from mahalla.places.tests.geo_files import import_file, write_layer

pytestmark = pytest.mark.django_db

LONLAT = box(100.55, 13.70, 100.56, 13.71)


@pytest.mark.parametrize(
    ("crs", "driver", "suffix"),
    [("EPSG:3857", "GPKG", "gpkg"), ("EPSG:32647", "GeoJSON", "geojson")],  # UTM zone 47N
)
def test_projected_coordinates_are_stored_as_longitude_latitude(
    world, tmp_path, crs, driver, suffix
):
    to_projected = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform
    projected = shapely.transform(
        LONLAT, lambda xy: np.column_stack(to_projected(xy[:, 0], xy[:, 1]))
    )
    assert projected.bounds[0] > 1000  # metres, not degrees
    path = write_layer(
        tmp_path / f"projected.{suffix}",
        [projected],
        {"code": ["P-1"], "name": ["Projected"]},
        driver=driver,
        crs=crs,
    )

    result = import_file(world, path, name_en_field="name")

    assert result.created_count == 1, result.problems or result.failure_text
    assert result.inspection["layers"][0]["crs"] == crs
    area = Area.objects.get(code="P-1")
    assert area.bbox == pytest.approx(LONLAT.bounds, abs=1e-6)
