"""Checking and repairing imported geometries, one feature at a time. Pure: no ORM.

A geometry comes out as kept (valid as it was), repaired (made valid with
`shapely.make_valid`, keeping only the polygonal parts) or rejected with a reason the
uploader can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from mahalla.core.jobs.messages import Message, message

OK = "ok"
REPAIRED = "repaired"
REJECTED = "rejected"

POLYGONAL = ("Polygon", "MultiPolygon")
PUNCTUAL = ("Point", "MultiPoint")

# GEOS's reasons look like "Self-intersection[100.5 13.76]".
_GEOS_REASON = re.compile(r"^\s*([^\[]+?)\s*(?:\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)[^\]]*\])?\s*$")
_GEOS_CODES = {
    "self-intersection": "places.why_self_intersection",
    "ring self-intersection": "places.why_ring_self_intersection",
    "hole lies outside shell": "places.why_hole_outside",
    "holes are nested": "places.why_nested_holes",
    "nested holes": "places.why_nested_holes",
    "nested shells": "places.why_nested_shells",
    "interior is disconnected": "places.why_disconnected",
    "too few points in geometry component": "places.why_too_few_points",
    "duplicate rings": "places.why_duplicate_rings",
    "invalid coordinate": "places.why_invalid_coordinate",
}


@dataclass(frozen=True)
class Checked:
    outcome: str  # OK, REPAIRED or REJECTED
    geometry: BaseGeometry | None
    reason: Message | None = None  # a message code and parameters, rendered at view time


def layer_kind(geometries: np.ndarray) -> str:
    """ "polygon" when the layer holds any polygon, "point" when it only holds points."""
    types = set(shapely.get_type_id(geometries[~shapely.is_missing(geometries)]).tolist())
    polygon_ids = {3, 6}  # Polygon, MultiPolygon
    point_ids = {0, 4}  # Point, MultiPoint
    if types & polygon_ids or not types:
        return "polygon"
    if types <= point_ids:
        return "point"
    # Only lines or collections: treat as a polygon layer so each feature is explained.
    return "polygon"


def _polygonal_part(geom: BaseGeometry) -> BaseGeometry | None:
    """The polygons of a geometry (a collection after make_valid), or None."""
    if geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in POLYGONAL and not g.is_empty]
    if not parts:
        return None
    merged = shapely.union_all(parts)
    return merged if merged.geom_type in POLYGONAL and not merged.is_empty else None


def geos_reason(reason: str) -> Message:
    """Why GEOS finds a polygon invalid, in plain words, with the spot as a map point."""
    match = _GEOS_REASON.match(reason or "")
    if not match:
        return message("places.why_unknown")
    kind, x, y = match.group(1).strip().lower(), match.group(2), match.group(3)
    if x is None:
        return message("places.why_unknown")
    return message(_GEOS_CODES.get(kind, "places.why_other"), point=[float(x), float(y)])


def unreadable_reason(error: str, ring_sizes: list[int] | None = None) -> Message:
    """A GEOS decoding error, in words the uploader understands.

    GEOS says "not closed" for a ring of two points too; the ring sizes read from the WKB
    tell the two cases apart.
    """
    if ring_sizes and min(ring_sizes) < 4:
        return message("places.ring_too_few_points")
    lowered = error.lower()
    if "closed" in lowered:
        return message("places.ring_not_closed")
    if "number of points" in lowered:
        return message("places.ring_too_few_points")
    return message("places.geometry_unreadable")


def type_name(geom_type: str) -> Message:
    if geom_type in PUNCTUAL:
        return message("places.type_point")
    if geom_type in POLYGONAL:
        return message("places.type_polygon")
    if "LineString" in geom_type or geom_type == "LinearRing":
        return message("places.type_line")
    return message("places.type_collection")


def check_geometry(geom: BaseGeometry | None, *, kind: str) -> Checked:
    """Check one geometry for a layer of `kind` ("polygon" or "point")."""
    if geom is None:
        return Checked(REJECTED, None, message("places.no_geometry"))
    if geom.is_empty:
        return Checked(REJECTED, None, message("places.geometry_empty"))
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        return Checked(REJECTED, None, message("places.coordinates_missing"))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return Checked(REJECTED, None, message("places.not_lonlat"))
    wanted = POLYGONAL if kind == "polygon" else PUNCTUAL
    if geom.geom_type == "GeometryCollection" and kind == "polygon":
        polygons = _polygonal_part(geom)
        if polygons is None:
            return Checked(REJECTED, None, message("places.collection_without_polygon"))
        geom = polygons
    elif geom.geom_type not in wanted:
        return Checked(
            REJECTED,
            None,
            message(
                "places.wrong_geometry_type",
                found=type_name(geom.geom_type),
                expected=type_name(wanted[0]),
            ),
        )
    if kind == "point" or shapely.is_valid(geom):
        return Checked(OK, geom)
    reason = geos_reason(shapely.is_valid_reason(geom))
    fixed = _polygonal_part(shapely.make_valid(geom))
    if fixed is None or fixed.area == 0:
        return Checked(REJECTED, None, message("places.polygon_unrepairable", reason=reason))
    return Checked(REPAIRED, fixed, message("places.polygon_repaired", reason=reason))
