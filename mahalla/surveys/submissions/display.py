"""Parsed answers for people: question labels and choice labels in the reader's language,
numbers and dates in their digits and calendar, repeats as tables, and a diff of versions.

Pure functions over `FormVersion.fields` and `SubmissionVersion.data` (no ORM).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mahalla.core.i18n.calendars import format_date, format_datetime
from mahalla.core.i18n.digits import format_number
from mahalla.surveys.submissions import parse

STRUCTURE = {"group", "repeat"}
HIDDEN_TYPES = {"note", "start", "end", "today", "deviceid", "username", "simserial"}


def _language() -> str:
    return (get_language() or "en")[:2]


def label_of(entry: dict | None, fallback: str = "") -> str:
    if not entry:
        return fallback
    labels = entry.get("labels") or {}
    for code in (_language(), "default", "en", "th", "fa"):
        if labels.get(code):
            return str(labels[code])
    for text in labels.values():
        if text:
            return str(text)
    return entry.get("name") or fallback


def _choice_label(entry: dict, name: str) -> str:
    for choice in entry.get("choices") or []:
        if choice.get("name") == name:
            return label_of({"labels": choice.get("labels"), "name": name}, name)
    return name


def _point_text(geometry: dict) -> str:
    lon, lat = geometry["coordinates"][:2]
    # Latitude first, as people read coordinates; 6 places (about 10 cm), no trailing zeros.
    return ", ".join(format_number(round(float(v), 6)) for v in (lat, lon))


def show(entry: dict | None, value: Any) -> str:
    """One answer as text for the reader ("" for none)."""
    if value is None or value == "" or value == []:
        return ""
    kind = (entry or {}).get("type", "")
    if isinstance(value, dict) and value.get("type") == "Point":
        text = _point_text(value)
        if value.get("accuracy") is not None:
            accuracy = format_number(round(float(value["accuracy"]), 1))
            text += " " + _("(within %(metres)s m)") % {"metres": accuracy}
        return text
    if isinstance(value, dict) and value.get("type") in ("LineString", "Polygon"):
        coordinates = value["coordinates"]
        count = len(coordinates if value["type"] == "LineString" else coordinates[0])
        return _("a line or shape of %(count)s points") % {"count": format_number(count)}
    if kind.startswith("select one") and isinstance(value, str):
        return _choice_label(entry, value)
    if kind in parse.MULTIPLE_TYPES and isinstance(value, list):
        return ", ".join(_choice_label(entry, str(v)) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value)
    if kind == "date" and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if kind in ("dateTime", "start", "end") and isinstance(value, str):
        try:
            return format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list | dict):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def point_of(value: Any) -> tuple[float, float] | None:
    if isinstance(value, dict) and value.get("type") == "Point":
        lon, lat = value["coordinates"][:2]
        return float(lon), float(lat)
    return None


@dataclass
class Node:
    kind: str  # "question", "group", "repeat"
    label: str
    path: str
    value: str = ""
    point: tuple[float, float] | None = None
    is_attachment: bool = False
    raw: Any = None
    attachment: Any = None  # the Attachment row, set by the page
    children: list[Node] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Node]] = field(default_factory=list)


ATTACHMENT_TYPES = {"image", "audio", "video", "file", "background-audio", "background-image"}


def _children_of(fields: list[dict], path: str) -> list[dict]:
    prefix = f"{path}/"
    return [
        f
        for f in fields
        if f["path"].startswith(prefix)
        and "/" not in f["path"][len(prefix) :]
        and f.get("type") not in HIDDEN_TYPES
        and f.get("name") != "meta"
    ]


def _question(entry: dict, value: Any) -> Node:
    return Node(
        kind="question",
        label=label_of(entry),
        path=entry["path"],
        value=show(entry, value),
        point=point_of(value),
        is_attachment=entry.get("type") in ATTACHMENT_TYPES and isinstance(value, str),
        raw=value,
    )


def _nodes(fields: list[dict], path: str, data: dict) -> list[Node]:
    nodes: list[Node] = []
    for entry in _children_of(fields, path):
        name = entry["name"]
        value = data.get(name) if isinstance(data, dict) else None
        if entry["type"] == "group":
            inner = _nodes(fields, entry["path"], value if isinstance(value, dict) else {})
            nodes.append(
                Node(kind="group", label=label_of(entry), path=entry["path"], children=inner)
            )
        elif entry["type"] == "repeat":
            rows_data = value if isinstance(value, list) else ([value] if value else [])
            columns = _children_of(fields, entry["path"])
            rows = [
                _nodes(fields, entry["path"], row if isinstance(row, dict) else {})
                for row in rows_data
            ]
            nodes.append(
                Node(
                    kind="repeat",
                    label=label_of(entry),
                    path=entry["path"],
                    columns=[label_of(c) for c in columns],
                    rows=rows,
                )
            )
        else:
            nodes.append(_question(entry, value))
    return nodes


def answers(fields: list[dict], data: dict | None) -> list[Node]:
    """The answers as a tree in form order, labelled in the reader's language."""
    return _nodes(fields, "", data or {})


def unknown_answers(fields: list[dict], data: dict | None) -> list[tuple[str, str]]:
    """Top-level elements the form does not know (kept by the parser), as (name, text)."""
    known = {f["name"] for f in fields if f["path"].count("/") == 1} | {"meta"}
    return [(k, show(None, v)) for k, v in (data or {}).items() if k not in known]


# -- diff between versions


def _flatten(data: Any, path: str, label: str, out: dict, by_path: dict, trail: tuple) -> None:
    if isinstance(data, dict) and data.get("type") not in ("Point", "LineString", "Polygon"):
        for name, value in data.items():
            child = f"{path}/{name}"
            entry = by_path.get(child)
            if entry is not None and entry.get("type") == "repeat":
                rows = value if isinstance(value, list) else [value]
                for index, row in enumerate(rows, start=1):
                    _flatten(row, child, label, out, by_path, (*trail, (child, index)))
            elif name == "meta" and path == "":
                continue
            else:
                _flatten(value, child, label, out, by_path, trail)
        return
    out[(path, trail)] = data


@dataclass
class Change:
    label: str
    where: str  # "Members 2" for a repeat row, "" at the top
    old: str
    new: str
    kind: str  # "changed", "added", "removed"


def _where(trail: tuple, by_path: dict) -> str:
    parts = []
    for repeat_path, index in trail:
        parts.append(f"{label_of(by_path.get(repeat_path), repeat_path)} {format_number(index)}")
    return " › ".join(parts)


def diff(fields: list[dict], old: dict | None, new: dict | None) -> list[Change]:
    """Field-by-field changes between two parsed versions, repeat rows by position."""
    by_path = {f["path"]: f for f in fields}
    before: dict = {}
    after: dict = {}
    _flatten(old or {}, "", "", before, by_path, ())
    _flatten(new or {}, "", "", after, by_path, ())
    order = {f["path"]: i for i, f in enumerate(fields)}
    keys = sorted(
        set(before) | set(after),
        key=lambda k: (tuple(i for _, i in k[1]), order.get(k[0], len(order)), k[0]),
    )
    changes = []
    for key in keys:
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        entry = by_path.get(key[0])
        kind = (
            "changed"
            if key in before and key in after
            else ("added" if key in after else "removed")
        )
        changes.append(
            Change(
                label=label_of(entry, key[0].rsplit("/", 1)[-1]),
                where=_where(key[1], by_path),
                old=show(entry, was),
                new=show(entry, now),
                kind=kind,
            )
        )
    return changes


def link_attachments(nodes: list[Node], attachments: dict) -> None:
    """Put each file question's Attachment (by file name) on its node."""
    for node in nodes:
        if node.is_attachment:
            node.attachment = attachments.get(node.raw)
        link_attachments(node.children, attachments)
        for row in node.rows:
            link_attachments(row, attachments)
