"""Geometry helpers with no ORM: GeoJSON in, shapely out, bbox and centroid for storage."""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class StoredGeometry:
    geojson: dict
    kind: str  # "point" or "polygon"
    bbox: tuple[float, float, float, float]
    centroid: tuple[float, float]


def to_stored(geom: BaseGeometry) -> StoredGeometry:
    """Prepare a valid shapely geometry for the Area columns."""
    if geom.geom_type in ("Point", "MultiPoint"):
        kind = "point"
    elif geom.geom_type in ("Polygon", "MultiPolygon"):
        kind = "polygon"
    else:
        raise ValueError(f"unsupported geometry type {geom.geom_type}")
    point = geom.centroid if kind == "point" else geom.representative_point()
    if kind == "polygon" and geom.centroid.within(geom):
        point = geom.centroid
    return StoredGeometry(
        geojson=mapping(geom),
        kind=kind,
        bbox=tuple(float(v) for v in geom.bounds),
        centroid=(float(point.x), float(point.y)),
    )


def from_geojson(data: dict) -> BaseGeometry:
    return shape(data)


def is_valid(geom: BaseGeometry) -> bool:
    return bool(shapely.is_valid(geom))
