"""Small files of the shapes real tools write, for the checks against the parent.

Tehran neighbourhood points exported with latitude and longitude swapped, a UTM Shapefile
whose .prj was lost, a QGIS GeoJSON with a `crs` member, an Overpass export keeping names in
`tags`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, box

from mahalla.places.tests.geo_files import write_layer, zip_folder

# Neighbourhoods of Tehran's District 12 area (inside the test world's Tehran box).
TEHRAN_NEIGHBOURHOODS = [
    ("12-01", "بازار", "Bazaar", 51.420, 35.675),
    ("12-02", "پامنار", "Pamenar", 51.425, 35.680),
    ("12-03", "سنگلج", "Sanglaj", 51.410, 35.685),
    ("12-04", "امامزاده یحیی", "Emamzadeh Yahya", 51.430, 35.690),
]


def tehran_points_swapped(path: Path) -> Path:
    """A point GeoJSON as a spreadsheet-to-GeoJSON tool writes it with the columns mixed up:
    latitude in x, longitude in y."""
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "نام": name_fa, "name_en": name_en},
            "geometry": {"type": "Point", "coordinates": [lat, lon]},
        }
        for code, name_fa, name_en, lon, lat in TEHRAN_NEIGHBOURHOODS
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def utm_shapefile_without_prj(folder: Path, rows: list[tuple[str, str, object]]) -> Path:
    """A zipped Shapefile in UTM zone 47N (Bangkok) whose .prj was not sent along."""
    folder.mkdir()
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32647", always_xy=True).transform
    geometries = [
        shapely.transform(geom, lambda xy: np.column_stack(to_utm(xy[:, 0], xy[:, 1])))
        for _code, _name, geom in rows
    ]
    write_layer(
        folder / "communities.shp",
        geometries,
        {"code": [r[0] for r in rows], "name_th": [r[1] for r in rows]},
        driver="ESRI Shapefile",
    )
    (folder / "communities.prj").unlink()
    return zip_folder(folder, folder.with_suffix(".zip"))


def qgis_geojson(path: Path, features: list[dict], *, crs_name: str) -> Path:
    """GeoJSON as QGIS exports it: a `name` and a `crs` member naming the CRS."""
    collection = {
        "type": "FeatureCollection",
        "name": path.stem,
        "crs": {"type": "name", "properties": {"name": crs_name}},
        "features": features,
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def overpass_export(path: Path, nodes: list[dict]) -> Path:
    """GeoJSON as osmtogeojson/Overpass Turbo exports nodes: OSM tags kept in `tags`."""
    features = [
        {
            "type": "Feature",
            "id": f"node/{node['id']}",
            "properties": {"type": "node", "id": node["id"], "tags": node["tags"], "meta": {}},
            "geometry": {"type": "Point", "coordinates": [node["lon"], node["lat"]]},
        }
        for node in nodes
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def square(lon: float, lat: float, size: float = 0.004) -> object:
    return box(lon, lat, lon + size, lat + size)


def point(lon: float, lat: float) -> Point:
    return Point(lon, lat)
