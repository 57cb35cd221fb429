"""Downloads of an area's subtree as GeoJSON (RFC 7946) or GeoPackage.

`areas_qs` is the queryset already scoped to the user (`for_user(...)`): only areas in it
are written, so an export never holds areas the user may not see.

GeoPackage layout: a GeoPackage layer has one geometry type, so polygons and points go to
two layers, `areas_polygons` (MultiPolygon; single polygons are promoted, and areas without
geometry are kept here with an empty geometry) and `areas_points` (Point, or MultiPoint if
the subtree holds a multipoint). Both layers have the same columns.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from django.db.models import QuerySet
from shapely.geometry import mapping, shape

from mahalla.places.models import Area

CHUNK = 1_000
COLUMNS = (
    "id", "code", "level", "name_en", "name_th", "name_fa", "registration",
    "parent_id", "parent_code", "synthetic",
)  # fmt: skip


def _rows(area: Area, areas_qs: QuerySet, chunk_size: int) -> Iterator[dict]:
    subtree = areas_qs.filter(path__startswith=area.path).order_by("path")
    yield from subtree.values(
        "id", "code", "level__code", "name_en", "name_th", "name_fa", "registration",
        "parent_id", "parent__code", "geometry_is_synthetic", "geometry",
    ).iterator(chunk_size=chunk_size)  # fmt: skip


def _properties(row: dict) -> dict:
    return {
        "id": row["id"],
        "code": row["code"],
        "level": row["level__code"],
        "name_en": row["name_en"],
        "name_th": row["name_th"],
        "name_fa": row["name_fa"],
        "registration": row["registration"],
        "parent_id": row["parent_id"],
        "parent_code": row["parent__code"],
        "synthetic": row["geometry_is_synthetic"],
    }


def area_subtree_features(
    area: Area, areas_qs: QuerySet | None = None, *, chunk_size: int = CHUNK
) -> Iterator[dict]:
    """The area and its descendants (within `areas_qs`) as GeoJSON feature dicts."""
    queryset = areas_qs if areas_qs is not None else Area.objects.all()
    for row in _rows(area, queryset, chunk_size):
        geometry = row["geometry"]
        if geometry:
            # RFC 7946: exterior rings counter-clockwise, holes clockwise.
            geometry = mapping(shapely.orient_polygons(shape(geometry)))
        yield {
            "type": "Feature",
            "id": row["id"],
            "geometry": geometry,
            "properties": _properties(row),
        }


def area_subtree_geojson(*, area: Area, areas_qs: QuerySet) -> bytes:
    """A FeatureCollection in longitude/latitude (RFC 7946, no `crs` member), UTF-8."""
    parts = [b'{"type":"FeatureCollection","features":[\n']
    for number, feature in enumerate(area_subtree_features(area, areas_qs)):
        text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        parts.append(((",\n" if number else "") + text).encode())
    parts.append(b"\n]}\n")
    return b"".join(parts)


def _write_layer(
    path: Path, layer: str, batch: list[dict], geometry_type: str, created: set[str]
) -> None:
    """Append one batch to a GeoPackage layer, creating the layer the first time."""
    geoms = np.array([feature["geometry"] for feature in batch], dtype=object)
    props = [feature["properties"] for feature in batch]
    fields, data, masks = [], [], []
    for column in COLUMNS:
        values = [p[column] for p in props]
        if column in ("id", "parent_id"):
            masks.append(np.array([v is None for v in values], dtype=bool))
            data.append(np.array([v or 0 for v in values], dtype=np.int64))
        elif column == "synthetic":
            masks.append(None)
            data.append(np.array(values, dtype=bool))
        else:
            masks.append(None)
            data.append(np.array([v or "" for v in values], dtype=object))
        fields.append(column)
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(geoms),
        data,
        fields,
        field_mask=masks,
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        crs="EPSG:4326",
        encoding="UTF-8",
        append=layer in created,
    )
    created.add(layer)


def area_subtree_geopackage(*, area: Area, areas_qs: QuerySet) -> bytes:
    """The subtree as a GeoPackage with the layers `areas_polygons` and `areas_points`."""
    multipoint = areas_qs.filter(path__startswith=area.path, geometry__type="MultiPoint").exists()
    point_type = "MultiPoint" if multipoint else "Point"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        polygons: list[dict] = []
        points: list[dict] = []
        created: set[str] = set()

        def flush(force: bool = False) -> None:
            # Batches keep memory flat however large the subtree is.
            if polygons and (force or len(polygons) >= CHUNK):
                _write_layer(path, "areas_polygons", polygons, "MultiPolygon", created)
                polygons.clear()
            if points and (force or len(points) >= CHUNK):
                _write_layer(path, "areas_points", points, point_type, created)
                points.clear()

        for feature in area_subtree_features(area, areas_qs):
            data = feature["geometry"]
            geom = shape(data) if data else None
            if geom is not None and geom.geom_type in ("Point", "MultiPoint"):
                points.append({**feature, "geometry": geom})
            else:
                if geom is not None and geom.geom_type == "Polygon":
                    geom = shapely.MultiPolygon([geom])
                polygons.append({**feature, "geometry": geom})
            flush()
        flush(force=True)
        if not created:
            _write_layer(path, "areas_polygons", [], "MultiPolygon", created)
        return path.read_bytes()
