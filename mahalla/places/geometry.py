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


INSIDE = "inside"
SWAPPED = "swapped"
OUTSIDE = "outside"


def swap_xy(geom: BaseGeometry) -> BaseGeometry:
    """The geometry with x and y exchanged: latitude and longitude the other way round."""
    return shapely.transform(geom, lambda coords: coords[:, ::-1])


def boundary_of(area: object) -> BaseGeometry | None:
    """An area's polygon, or None when it has only a point or no geometry at all."""
    if getattr(area, "geometry_kind", "") != "polygon" or not getattr(area, "geometry", None):
        return None
    return shape(area.geometry)


def placement(boundary: BaseGeometry, geom: BaseGeometry, *, overlap: bool = False) -> str:
    """Where `geom` lies against `boundary`: INSIDE, SWAPPED or OUTSIDE.

    SWAPPED means it would be inside with latitude and longitude exchanged, the commonest
    slip when coordinates are typed or exported by hand. With `overlap`, touching the boundary
    anywhere counts as inside (a whole file's extent against a district); otherwise `geom`
    must be covered (a point typed into a form).
    """
    test = boundary.intersects if overlap else boundary.covers
    if test(geom):
        return INSIDE
    if test(swap_xy(geom)):
        return SWAPPED
    return OUTSIDE
