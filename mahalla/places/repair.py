"""Checking and repairing imported geometries, one feature at a time. Pure: no ORM.

A geometry comes out as kept (valid as it was), repaired (made valid with
`shapely.make_valid`, keeping only the polygonal parts) or rejected with a reason the
uploader can act on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

OK = "ok"
REPAIRED = "repaired"
REJECTED = "rejected"

POLYGONAL = ("Polygon", "MultiPolygon")
PUNCTUAL = ("Point", "MultiPoint")


@dataclass(frozen=True)
class Checked:
    outcome: str  # OK, REPAIRED or REJECTED
    geometry: BaseGeometry | None
    reason: str = ""


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


def unreadable_reason(message: str) -> str:
    """A GEOS decoding error, in words the uploader understands."""
    lowered = message.lower()
    if "closed" in lowered:
        return _("A ring of the polygon is not closed (its first and last points differ).")
    if "number of points" in lowered:
        return _("A ring of the polygon has fewer than 4 points.")
    return _("The geometry cannot be read.")


def check_geometry(geom: BaseGeometry | None, *, kind: str) -> Checked:
    """Check one geometry for a layer of `kind` ("polygon" or "point")."""
    if geom is None:
        return Checked(REJECTED, None, _("The feature has no geometry."))
    if geom.is_empty:
        return Checked(REJECTED, None, _("The geometry is empty."))
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        return Checked(REJECTED, None, _("The geometry has missing or infinite coordinates."))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return Checked(
            REJECTED,
            None,
            _(
                "The coordinates are not longitude/latitude; the file may lack its "
                "coordinate system."
            ),
        )
    wanted = POLYGONAL if kind == "polygon" else PUNCTUAL
    if geom.geom_type == "GeometryCollection" and kind == "polygon":
        polygons = _polygonal_part(geom)
        if polygons is None:
            return Checked(REJECTED, None, _("The collection holds no polygon."))
        geom = polygons
    elif geom.geom_type not in wanted:
        expected = _("polygon") if kind == "polygon" else _("point")
        return Checked(
            REJECTED,
            None,
            _("The geometry is a %(found)s where a %(expected)s is expected.")
            % {"found": geom.geom_type, "expected": expected},
        )
    if kind == "point" or shapely.is_valid(geom):
        return Checked(OK, geom)
    reason = shapely.is_valid_reason(geom)
    fixed = _polygonal_part(shapely.make_valid(geom))
    if fixed is None or fixed.area == 0:
        return Checked(
            REJECTED,
            None,
            _("The polygon is invalid (%(reason)s) and has no area left once repaired.")
            % {"reason": reason},
        )
    return Checked(
        REPAIRED,
        fixed,
        _("The polygon was invalid (%(reason)s) and has been repaired.") % {"reason": reason},
    )
