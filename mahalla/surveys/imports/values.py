"""Answers from a cell of text to the text of an XForm instance, checked against the form.

Each function returns (text, problem): the value as ODK Collect would write it, or a job
message saying why the cell cannot be that question's answer. Numbers in Thai, Persian or
Arabic-Indic digits are read; a choice may be given by its name or by a label in any
language; a location is checked against the box of the form's area.
"""

from __future__ import annotations

import math
from typing import Any

from mahalla.core.i18n.digits import to_ascii_digits
from mahalla.core.jobs.messages import Message, message

Result = tuple[str, Message | None]
_SEPARATORS = [",", "،", ";", "\n"]


def _question(field: dict) -> str:
    return field["path"].strip("/")


def _number(text: str) -> float | None:
    cleaned = to_ascii_digits(text.strip()).replace("\u066b", ".").replace(" ", "")
    cleaned = cleaned.replace(",", "") if cleaned.count(",") and "." in cleaned else cleaned
    cleaned = cleaned.replace(",", ".") if cleaned.count(",") == 1 else cleaned
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def integer(field: dict, text: str) -> Result:
    value = _number(text)
    if value is None or not value.is_integer():
        return "", message("surveys.import_not_integer", value=text, question=_question(field))
    return str(int(value)), None


def decimal(field: dict, text: str) -> Result:
    value = _number(text)
    if value is None:
        return "", message("surveys.import_not_number", value=text, question=_question(field))
    return repr(value) if not value.is_integer() else str(int(value)), None


def _choice_lookup(field: dict) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in field.get("choices") or []:
        lookup.setdefault(choice["name"].strip().lower(), choice["name"])
    for choice in field.get("choices") or []:
        for label in (choice.get("labels") or {}).values():
            lookup.setdefault(label.strip().lower(), choice["name"])
    return lookup


def _unknown(field: dict, value: str) -> Message:
    names = ", ".join(c["name"] for c in field.get("choices") or [])
    return message(
        "surveys.import_unknown_choice", value=value, question=_question(field), choices=names
    )


def select_one(field: dict, text: str) -> Result:
    if field.get("choices_file") or not field.get("choices"):
        return text.strip(), None
    name = _choice_lookup(field).get(text.strip().lower())
    return (name, None) if name else ("", _unknown(field, text))


def select_multiple(field: dict, text: str) -> Result:
    if field.get("choices_file") or not field.get("choices"):
        return " ".join(text.split()), None
    lookup = _choice_lookup(field)
    tokens = text.split()
    if not all(t.lower() in lookup for t in tokens):
        # Labels hold spaces: then the answers are separated by commas.
        parts = [text]
        for separator in _SEPARATORS:
            parts = [p for part in parts for p in part.split(separator)]
        tokens = [p.strip() for p in parts if p.strip()]
    names = []
    for token in tokens:
        name = lookup.get(token.lower())
        if name is None:
            return "", _unknown(field, token)
        if name not in names:
            names.append(name)
    return " ".join(names), None


class AreaBox:
    """The area's bounding box (longitude, latitude), with a margin for points on its edge."""

    def __init__(self, area: Any, margin: float = 0.01) -> None:
        self.area = area
        box = getattr(area, "bbox", None)
        self.box = None
        if box and None not in box:
            self.box = (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)

    def contains(self, lon: float, lat: float) -> bool:
        if self.box is None:
            return True
        return self.box[0] <= lon <= self.box[2] and self.box[1] <= lat <= self.box[3]

    def names(self) -> dict:
        area = self.area
        return {"names": {c: getattr(area, f"name_{c}", "") or "" for c in ("en", "th", "fa")}}


def geopoint(field: dict, parts: dict[str, str], box: AreaBox) -> Result:
    """`parts` holds "point" (the whole "lat lon alt acc") or "lat", "lon", "alt", "acc"."""
    if parts.get("point"):
        pieces = to_ascii_digits(parts["point"]).replace(",", " ").split()
        parts = dict(zip(("lat", "lon", "alt", "acc"), pieces, strict=False))
        shown = parts_text = " ".join(pieces)
    else:
        parts_text = " ".join(parts.get(p, "") for p in ("lat", "lon")).strip()
        shown = parts_text
    if not any(parts.get(p) for p in ("lat", "lon")):
        return "", None
    numbers = {p: _number(parts.get(p, "") or "0") for p in ("lat", "lon", "alt", "acc")}
    lat, lon = numbers["lat"], numbers["lon"]
    question = _question(field)
    if lat is None or lon is None or None in numbers.values() or not parts.get("lon"):
        return "", message("surveys.import_bad_point", value=shown, question=question)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and box.contains(lat, lon):
            return "", message(
                "surveys.import_point_swapped", value=shown, question=question, area=box.names()
            )
        return "", message("surveys.import_bad_point", value=shown, question=question)
    if not box.contains(lon, lat):
        if box.contains(lat, lon):
            return "", message(
                "surveys.import_point_swapped",
                value=shown,
                question=question,
                area=box.names(),
                point=[lat, lon],
            )
        return "", message(
            "surveys.import_point_outside",
            value=shown,
            question=question,
            area=box.names(),
            point=[lon, lat],
        )
    text = " ".join(_plain(numbers[p]) for p in ("lat", "lon", "alt", "acc"))
    del parts_text
    return text, None


def _plain(value: float | None) -> str:
    if value is None:
        return "0"
    return str(int(value)) if value.is_integer() else repr(value)


def date(field: dict, text: str) -> Result:
    cleaned = to_ascii_digits(text.strip())
    if field["type"] == "date" and len(cleaned) > 10 and cleaned[10] in "T ":
        cleaned = cleaned[:10]
    return cleaned, None


def convert(field: dict, text: str) -> Result:
    """One cell for a question that is not a geopoint."""
    kind = field["type"]
    if not text.strip():
        return "", None
    if kind == "integer":
        return integer(field, text)
    if kind == "decimal":
        return decimal(field, text)
    if kind == "select one":
        return select_one(field, text)
    if kind == "select all that apply":
        return select_multiple(field, text)
    if kind in ("date", "dateTime", "time"):
        return date(field, text)
    return text, None
