"""Submission XML to JSON: pure functions that know nothing of HTTP or the ORM.

The instance root's children become a dict: groups nested objects, repeats lists of objects
(even with one row), select_multiple lists of strings, integer → int, decimal → float,
geopoint/geotrace/geoshape → GeoJSON (lon, lat order), empty elements → None, everything
else a string. Elements the form does not know are kept as strings (or objects).

The parser is defusedxml over the standard library's expat (lxml is not among our
packages): a document type declaration is refused outright (`forbid_dtd`), and with it
entity expansion and external entities, since ODK never sends one. No network is ever
reached. As lxml without `huge_tree`, a text node over 10 MB is refused.
"""

from __future__ import annotations

import math
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

REPEAT = "repeat"
INTEGER_TYPES = {"integer"}
DECIMAL_TYPES = {"decimal", "range"}
MULTIPLE_TYPES = {"select all that apply", "select all that apply from file", "rank"}
POINT_TYPES = {"geopoint", "start-geopoint"}
TRACE_TYPES = {"geotrace"}
SHAPE_TYPES = {"geoshape"}


class ParseError(Exception):
    """Why a stored XML could not be read: a message code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# lxml's limit on one text node without `huge_tree`.
MAX_TEXT = 10_000_000


def field_types(fields: list[dict]) -> tuple[dict[str, str], frozenset[str]]:
    """(type per path, repeat paths) from `FormVersion.fields`."""
    types = {f["path"]: f.get("type", "") for f in fields}
    repeats = frozenset(path for path, kind in types.items() if kind == REPEAT)
    return types, repeats


def _local(tag: Any) -> str | None:
    if not isinstance(tag, str):
        return None  # comments, processing instructions, entity references
    return tag.rsplit("}", 1)[-1]


def _numbers(text: str) -> list[float] | None:
    try:
        values = [float(part) for part in text.split()]
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in values):
        return None
    return values


def _position(text: str) -> list[float] | None:
    """'lat lon [alt [accuracy]]' → [lon, lat, alt] (alt 0 when missing)."""
    values = _numbers(text)
    if not values or len(values) < 2 or not (-90 <= values[0] <= 90 and -180 <= values[1] <= 180):
        return None
    return [values[1], values[0], values[2] if len(values) > 2 else 0.0]


def geopoint(text: str) -> dict | None:
    values = _numbers(text)
    position = _position(text)
    if position is None or values is None:
        return None
    accuracy = values[3] if len(values) > 3 else None
    return {"type": "Point", "coordinates": position, "accuracy": accuracy}


def _positions(text: str) -> list[list[float]] | None:
    parts = [p for p in text.split(";") if p.strip()]
    positions = [_position(p) for p in parts]
    if not positions or any(p is None for p in positions):
        return None
    return positions  # type: ignore[return-value]


def geotrace(text: str) -> dict | None:
    positions = _positions(text)
    if positions is None or len(positions) < 2:
        return None
    return {"type": "LineString", "coordinates": positions}


def geoshape(text: str) -> dict | None:
    positions = _positions(text)
    if positions is None or len(positions) < 3:
        return None
    if positions[0][:2] != positions[-1][:2]:
        positions.append(list(positions[0]))
    if len(positions) < 4:
        return None
    return {"type": "Polygon", "coordinates": [positions]}


def value(text: str | None, kind: str) -> Any:
    """One answer's text as JSON by the question's type; unreadable values stay text."""
    if text is None:
        return None
    text = text.strip()
    if text == "":
        return None
    converted: Any = None
    if kind in INTEGER_TYPES:
        try:
            converted = int(text)
        except ValueError:
            converted = None
    elif kind in DECIMAL_TYPES:
        try:
            number = float(text)
            converted = number if math.isfinite(number) else None
        except ValueError:
            converted = None
    elif kind in MULTIPLE_TYPES:
        return text.split()
    elif kind in POINT_TYPES:
        converted = geopoint(text)
    elif kind in TRACE_TYPES:
        converted = geotrace(text)
    elif kind in SHAPE_TYPES:
        converted = geoshape(text)
    else:
        return text
    return text if converted is None else converted


def _element(element: Element, path: str, types: dict[str, str], repeats: frozenset[str]) -> Any:
    children = [c for c in element if _local(c.tag) is not None]
    kind = types.get(path, "")
    if not children:
        if element.text is not None and len(element.text) > MAX_TEXT:
            raise ParseError("surveys.parse_too_large")
        if kind in ("group", REPEAT) or (kind == "" and path in repeats):
            return {}
        return value(element.text, kind)
    out: dict[str, Any] = {}
    for child in children:
        name = _local(child.tag)
        child_path = f"{path}/{name}"
        parsed = _element(child, child_path, types, repeats)
        if child_path in repeats:
            out.setdefault(name, []).append(parsed)
        elif name in out:
            # The same element twice where the form expects one: keep every copy.
            previous = out[name]
            out[name] = [*previous, parsed] if isinstance(previous, list) else [previous, parsed]
        else:
            out[name] = parsed
    return out


def parse_root(xml: bytes) -> Element:
    if not xml or not bytes(xml).strip():
        raise ParseError("surveys.parse_empty")
    try:
        return fromstring(bytes(xml), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ParseError("surveys.parse_doctype") from None
    except XMLSyntaxError as error:
        line, column = (getattr(error, "position", None) or (0, 0))[:2]
        raise ParseError("surveys.parse_malformed", line=line, column=column + 1) from None


def parse_submission(
    xml: bytes, fields: list[dict], *, types: tuple[dict, frozenset] | None = None
) -> dict:
    """The instance's answers as JSON. Raises ParseError with a message code."""
    root = parse_root(xml)
    type_map, repeats = types or field_types(fields)
    parsed = _element(root, "", type_map, repeats)
    return parsed if isinstance(parsed, dict) else {}


def _at(data: Any, path: str) -> Any:
    node = data
    for name in path.strip("/").split("/"):
        if isinstance(node, list):
            node = node[0] if node else None
        if not isinstance(node, dict):
            return None
        node = node.get(name)
    if isinstance(node, list) and node and isinstance(node[0], dict) and "type" in node[0]:
        node = node[0]
    return node


def location(data: dict | None, fields: list[dict]) -> tuple[float, float] | None:
    """(lon, lat) of the first geopoint answered, else the centroid of the first geoshape."""
    if not data:
        return None
    for kinds in (POINT_TYPES, SHAPE_TYPES):
        for field in fields:
            if field.get("type") not in kinds:
                continue
            geometry = _at(data, field["path"])
            if not isinstance(geometry, dict):
                continue
            if geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                return float(lon), float(lat)
            if geometry.get("type") == "Polygon":
                from shapely.geometry import Polygon

                ring = [c[:2] for c in geometry["coordinates"][0]]
                polygon = Polygon(ring)
                if polygon.is_empty or not polygon.is_valid:
                    polygon = polygon.buffer(0)
                if polygon.is_empty:
                    continue
                centroid = polygon.centroid
                return float(centroid.x), float(centroid.y)
    return None


def instance_meta(data: dict | None) -> dict:
    meta = (data or {}).get("meta")
    return meta if isinstance(meta, dict) else {}
