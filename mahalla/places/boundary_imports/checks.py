"""Checking a boundary file against the place it goes into.

At the inspect step the file's extent is compared, once for the whole file, with the parent's
boundary: a file in a projected coordinate system it does not declare, a file with latitude and
longitude swapped, or a file far from the parent each give one notice on the mapping step
instead of one rejection per feature. In the job, each feature outside its parent is flagged
or rejected, as the uploader chose.

The comparison is the one the "add a place" form makes (`geometry.placement`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely
from django.conf import settings
from django.utils.translation import gettext as _
from pyproj import CRS, Geod, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from mahalla.core.i18n.digits import to_ascii_digits
from mahalla.core.jobs.messages import Message, message, names
from mahalla.places.geofiles import reading as geo_io
from mahalla.places.geofiles.repair import REJECTED
from mahalla.places.geometry import INSIDE, SWAPPED, boundary_of, placement, swap_xy

NO_CRS = "no_crs"
SWAPPED_AXES = "swapped"
FAR = "far"
NO_BOUNDARY = "no_boundary"
FLAGGED = "flagged"
# A polygon counts as outside its parent when less than half of its area is inside. Not the
# centroid: the centroid of a crescent or L-shaped community can fall outside the community
# itself, and boundaries drawn by different offices disagree by some metres along shared
# edges, which a share of the area absorbs while a misplaced polygon still fails.
MIN_SHARE_INSIDE = 0.5
_GEOD = Geod(ellps="WGS84")


def _in_lonlat_range(bounds: list[float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def _implies_lonlat(crs: str) -> bool:
    """No CRS, or a geographic one: what GDAL reports for every GeoJSON without `crs`."""
    if not crs:
        return True
    try:
        return CRS.from_user_input(crs).is_geographic
    except CRSError:
        return False


def _lonlat_box(bounds: list[float], crs: str) -> BaseGeometry | None:
    if _implies_lonlat(crs):
        return box(*bounds) if _in_lonlat_range(bounds) else None
    try:
        transformer = Transformer.from_crs(CRS.from_user_input(crs), "EPSG:4326", always_xy=True)
        return box(*transformer.transform_bounds(*bounds))
    except (CRSError, ValueError):
        return None  # an unknown CRS fails the job with its own message


def _utm_zone(boundary: BaseGeometry) -> str:
    """The UTM zone of a place, where undeclared projected files from its offices most often
    are (Bangkok 47N, Tehran 39N)."""
    point = boundary.representative_point()
    zone = min(int((point.x + 180) // 6) + 1, 60)
    return f"EPSG:{(32600 if point.y >= 0 else 32700) + zone}"


def _km_between(boundary: BaseGeometry, extent: BaseGeometry) -> int:
    near, far = nearest_points(boundary, extent)
    _az, _back, metres = _GEOD.inv(near.x, near.y, far.x, far.y)
    return max(1, round(metres / 1000))


def _notice(check: str, code: str, **params: Any) -> dict:
    return {"check": check, "message": message(code, **params)}


def file_checks(layer: dict, parent: Any) -> list[dict]:
    """Notices for one inspected layer against `parent`: each {"check", "message"}, and "crs"
    when a coordinate system can be suggested."""
    bounds = layer.get("bounds")
    if not bounds:
        return []
    crs = layer.get("crs") or ""
    boundary = boundary_of(parent)
    extent = box(*bounds)
    if _implies_lonlat(crs):
        # Swapped first: Thai latitudes/longitudes swapped put "latitude" 100.5 out of range.
        swapped_range = _in_lonlat_range(list(swap_xy(extent).bounds))
        if (
            boundary is not None
            and swapped_range
            and placement(boundary, extent, overlap=True) == SWAPPED
        ):
            return [_notice(SWAPPED_AXES, "places.check_swapped", parent=names(parent))]
        if not _in_lonlat_range(bounds):
            corner = {"x": round(bounds[0]), "y": round(bounds[1])}
            if boundary is not None:
                zone = _utm_zone(boundary)
                fitted = _lonlat_box(bounds, zone)
                if fitted is not None and placement(boundary, fitted, overlap=True) == INSIDE:
                    notice = _notice(NO_CRS, "places.check_no_crs_zone", example=zone,
                                     parent=names(parent), **corner)  # fmt: skip
                    return [{**notice, "crs": zone}]
                return [_notice(NO_CRS, "places.check_no_crs", example=zone, **corner)]
            return [_notice(NO_CRS, "places.check_no_crs", example="EPSG:32647", **corner)]
    if boundary is None:
        return [_notice(NO_BOUNDARY, "places.check_no_boundary", parent=names(parent))]
    extent = _lonlat_box(bounds, crs)
    if extent is None:
        return []
    where = placement(boundary, extent, overlap=True)
    if where == INSIDE:
        return []
    if where == SWAPPED:
        return [_notice(SWAPPED_AXES, "places.check_swapped", parent=names(parent))]
    return [
        _notice(FAR, "places.check_far", parent=names(parent),
                distance=_km_between(boundary, extent))
    ]  # fmt: skip


def has_check(layer: dict, check: str) -> bool:
    return any(item.get("check") == check for item in layer.get("checks") or [])


def normalised_crs(text: str) -> str:
    """ "32647", "epsg:32647" or "EPSG:۳۲۶۴۷" -> "EPSG:32647"; other CRS text as typed."""
    text = to_ascii_digits(text.strip(), separators=False)
    if text.isdigit():
        return f"EPSG:{text}"
    if text.lower().startswith("epsg:"):
        return "EPSG:" + text[5:].strip()
    return text


def start_errors(
    *, layer: dict, parent: Any, crs: str, swap_axes: bool, confirm_outside: bool
) -> dict[str, str]:
    """What stops the mapping step from starting the job, keyed by the form field."""
    errors: dict[str, str] = {}
    boundary = boundary_of(parent)
    if crs:
        if not (has_check(layer, NO_CRS) or _implies_lonlat(layer.get("crs") or "")):
            errors["crs"] = _("The file declares its own coordinate system; it is used as it is.")
            return errors
        try:
            CRS.from_user_input(crs)
        except CRSError:
            errors["crs"] = _(
                "“%(crs)s” is not a known coordinate system. Give an EPSG code, for example "
                "EPSG:32647."
            ) % {"crs": crs}
            return errors
        extent = _lonlat_box(layer.get("bounds") or [0, 0, 0, 0], crs)
        if extent is not None and swap_axes:
            extent = swap_xy(extent)
        if boundary is not None and (
            extent is None or placement(boundary, extent, overlap=True) != INSIDE
        ):
            errors["crs"] = _(
                "Read as %(crs)s, the file lies outside %(parent)s. Check the coordinate system."
            ) % {"crs": crs, "parent": parent.name}
    elif has_check(layer, NO_CRS):
        errors["crs"] = _("The file has no coordinate system: give it, for example EPSG:32647.")
    if has_check(layer, FAR) and not confirm_outside:
        errors["confirm_outside"] = _(
            "The file lies outside %(parent)s. Tick the box to import it all the same."
        ) % {"parent": parent.name}
    return errors


@dataclass(frozen=True)
class Outside:
    outcome: str  # REJECTED or FLAGGED
    reason: Message


class OutsideParent:
    """Flags or rejects features outside the place they go into, one parent at a time."""

    def __init__(self, *, keep: bool) -> None:
        self.keep = keep
        self._boundaries: dict[int, BaseGeometry | None] = {}

    def _boundary(self, area: Any) -> BaseGeometry | None:
        if area.pk not in self._boundaries:
            boundary = boundary_of(area)
            if boundary is not None:
                shapely.prepare(boundary)
            self._boundaries[area.pk] = boundary
        return self._boundaries[area.pk]

    def check(self, parent: Any, geom: BaseGeometry) -> Outside | None:
        """None when `geom` lies in `parent` (or the parent has no boundary to check)."""
        boundary = self._boundary(parent)
        if boundary is None or boundary.covers(geom):
            return None
        if geom.geom_type in ("Polygon", "MultiPolygon") and geom.area > 0:
            share = shapely.intersection(geom, boundary).area / geom.area
            if share >= MIN_SHARE_INSIDE:
                return None
            spot = geom.representative_point()
        else:
            spot = geom.centroid if geom.geom_type == "MultiPoint" else geom
        point = [round(spot.x, 6), round(spot.y, 6)]
        if self.keep:
            code, outcome = "places.outside_parent_flagged", FLAGGED
        else:
            code, outcome = "places.outside_parent_rejected", REJECTED
        return Outside(outcome, message(code, parent=names(parent), point=point))


def mapping_errors(*, layer: dict, mapping: dict[str, str], is_community: bool) -> dict[str, str]:
    """Chosen properties that cannot hold what they are chosen for, keyed by field."""
    errors: dict[str, str] = {}
    info = layer.get("property_info") or {}
    for field_name, chosen in mapping.items():
        if chosen and (info.get(chosen) or {}).get("kind") == "object":
            parts = [name for name in layer.get("properties", []) if name.startswith(chosen + ".")]
            parts.sort(key=lambda name: "name" not in name)  # the likeliest to be wanted first
            errors[field_name] = _(
                "The property “%(property)s” holds a group of values, not one text; choose one "
                "of its parts, such as “%(part)s”."
            ) % {"property": chosen, "part": parts[0] if parts else chosen + ".name"}
    if mapping.get("registration_field") and not is_community:
        errors["registration_field"] = _(
            "Only communities are registered or not: choose a community level, or no "
            "registration property."
        )
    return errors


def check_feature_limit(path: Any, kind: str, layer: str) -> None:
    """Counted by GDAL before any feature is read: the stored file may not be the one that was
    inspected under today's limit (re-mapped, run again, or the limit lowered since)."""
    count = geo_io.count_features(geo_io.find_layer(path, kind, layer))
    limit = settings.IMPORT_MAX_FEATURES_PER_JOB
    if count > limit:
        raise geo_io.GeoFileError("places.too_many_features_job", count=count, limit=limit)
