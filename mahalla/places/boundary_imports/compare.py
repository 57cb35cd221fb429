"""Comparing a feature of a boundary file with a stored area. Pure: no ORM.

The same boundary exported by QGIS as GeoJSON, GeoPackage or Shapefile comes back with its
rings turned the other way, starting at another vertex, a single polygon as a one-part
multipolygon, and coordinates rounded differently. None of that is a change, so geometries
are normalised before they are compared, and names are compared as people read them.
"""

from __future__ import annotations

import math
import unicodedata

import shapely
from pyproj import Geod
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from mahalla.core.i18n.text import normalize_search

# 1e-7 degrees is about 1 cm: what a 7-decimal GeoJSON export rounds away, far below
# anything a survey resolves.
TOLERANCE_DEGREES = 1e-7
# Locations agree when polygons overlap by at least half of the smaller one (a corrected
# boundary keeps most of its ground; a neighbour sharing an edge overlaps by nothing), a
# point lies in the polygon, or two points are this close.
MIN_OVERLAP = 0.5
POINT_DISTANCE_M = 100.0
_GEOD = Geod(ellps="WGS84")


def clean_name(value: str) -> str:
    """A name as stored: Unicode NFC, trimmed, inner whitespace collapsed to one space.

    ZWNJ (used inside Persian words) is not whitespace and is kept.
    """
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def name_key(value: str) -> str:
    """The key two names match on (letter variants, marks and spacing folded)."""
    return normalize_search(clean_name(value))


def _simple(geom: BaseGeometry) -> BaseGeometry:
    geom = shapely.force_2d(geom)
    if geom.geom_type.startswith("Multi") and shapely.get_num_geometries(geom) == 1:
        geom = shapely.get_geometry(geom, 0)
    return shapely.normalize(geom)


def as_geometry(value: dict | BaseGeometry | None) -> BaseGeometry | None:
    if value is None or isinstance(value, BaseGeometry):
        return value
    try:
        return shape(value)
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException):
        return None


def same_geometry(a: dict | BaseGeometry | None, b: dict | BaseGeometry | None) -> bool:
    """True when two geometries describe the same shape, up to ~1 cm and vertex order."""
    first, second = as_geometry(a), as_geometry(b)
    if first is None or second is None:
        return first is None and second is None
    first, second = _simple(first), _simple(second)
    if first.geom_type != second.geom_type:
        return False
    if first.equals_exact(second, tolerance=TOLERANCE_DEGREES):
        return True
    # Extra collinear or repeated vertices: every vertex of each lies on the other, and the
    # areas agree.
    if abs(first.area - second.area) > TOLERANCE_DEGREES * max(first.length, second.length):
        return False
    return first.hausdorff_distance(second) <= TOLERANCE_DEGREES


def area_m2(value: dict | BaseGeometry | None) -> float | None:
    """The geodesic area of a polygon on the WGS84 ellipsoid; None for points and nothing."""
    geom = as_geometry(value)
    if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    area, _perimeter = _GEOD.geometry_area_perimeter(geom)
    return abs(area)


def _distance_m(a: BaseGeometry, b: BaseGeometry) -> float:
    _fwd, _back, distance = _GEOD.inv(a.x, a.y, b.x, b.y)
    return distance


def locations_agree(a: dict | BaseGeometry | None, b: dict | BaseGeometry | None) -> bool | None:
    """Whether two places are on the same ground; None when one has no geometry to tell."""
    first, second = as_geometry(a), as_geometry(b)
    if first is None or second is None or first.is_empty or second.is_empty:
        return None
    first_area, second_area = first.area, second.area
    if first_area > 0 and second_area > 0:
        try:
            shared = first.intersection(second).area
        except shapely.errors.GEOSException:
            shared = 0.0
        return shared >= MIN_OVERLAP * min(first_area, second_area)
    if first_area > 0:
        return bool(first.covers(second.centroid))
    if second_area > 0:
        return bool(second.covers(first.centroid))
    distance = _distance_m(first.centroid, second.centroid)
    return not math.isnan(distance) and distance < POINT_DISTANCE_M
