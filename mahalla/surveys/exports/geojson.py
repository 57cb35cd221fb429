"""GeoJSON: a FeatureCollection of the submissions, streamed feature by feature.

The geometry is the chosen top-level geopoint, geotrace or geoshape question (the first one
by default); the properties are the main table's columns, as in the CSV.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mahalla.surveys.exports.build import Export, Progress, main_records

FLUSH_AT = 256 * 1024


def _geometry(data: Any, steps: tuple[str, ...]) -> dict | None:
    value = data
    for step in steps:
        value = value.get(step) if isinstance(value, dict) else None
    if isinstance(value, dict) and value.get("type") and value.get("coordinates") is not None:
        return {"type": value["type"], "coordinates": value["coordinates"]}
    return None


def geojson_bytes(export: Export, progress: Progress | None = None) -> Iterator[bytes]:
    geo = export.geo_questions()
    chosen = next((q for q in geo if q["path"] == export.geo_field), geo[0] if geo else None)
    column = next((c for c in export.main.columns if c.question is chosen), None)
    steps = column.steps if column else ()
    header = export.main.header()
    key_index = header.index("KEY")
    yield b'{"type":"FeatureCollection","features":['
    pieces: list[bytes] = []
    size = 0
    first = True
    for data, row in main_records(export, progress):
        feature = {
            "type": "Feature",
            "id": row[key_index],
            "geometry": _geometry(data, steps) if column else None,
            "properties": dict(zip(header, row, strict=True)),
        }
        piece = (b"" if first else b",") + json.dumps(feature, ensure_ascii=False).encode()
        pieces.append(piece)
        size += len(piece)
        first = False
        if size >= FLUSH_AT:
            yield b"".join(pieces)
            pieces, size = [], 0
    yield b"".join(pieces) + b"]}"
