"""Readable change history for any model tracked by django-simple-history.

`history_rows(obj)` reads at most `limit + 1` history records in one query (with the user),
diffs neighbours in memory and resolves foreign keys with one query per related model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

_ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
_VALUE_MAX = 120


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: datetime
    who: Any  # the user, or None for imports, jobs and commands
    who_name: str
    action: str  # "+", "~" or "-"
    action_label: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _who_name(user: Any) -> str:
    if user is None:
        return str(_("system"))
    return user.get_full_name() or user.get_username()


def _shorten(text: str) -> str:
    return text if len(text) <= _VALUE_MAX else text[: _VALUE_MAX - 1] + "…"


def _display(model: type[models.Model], name: str, value: Any, related: dict) -> str:
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the record was written
        return _shorten(str(value))
    if isinstance(model_field, models.ForeignKey):
        obj = related.get(model_field.related_model, {}).get(value)
        return _shorten(str(obj)) if obj is not None else f"#{value}"
    if isinstance(model_field, models.ManyToManyField):
        # simple_history gives the through rows ({"profile": 5, "value": 57}): name the
        # related objects, in the reader's language, joined as a list.
        objects = related.get(model_field.related_model, {})
        ids = _m2m_ids(model_field, value)
        names = sorted(str(objects[i]) if i in objects else f"#{i}" for i in ids)
        return _shorten(", ".join(names)) if names else "—"
    if isinstance(model_field, models.JSONField):
        # Geometry and other documents are too long to show; say that they changed.
        return str(_("(data)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return _shorten(str(value))


def _m2m_ids(model_field: models.ManyToManyField, rows: Any) -> list:
    target = model_field.m2m_reverse_field_name()
    return [row.get(target) for row in rows or () if isinstance(row, dict)]


def _related_objects(model: type[models.Model], deltas: list) -> dict:
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for delta in deltas:
        for change in delta.changes if delta else ():
            try:
                model_field = model._meta.get_field(change.field)
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, models.ForeignKey):
                wanted[model_field.related_model].update(
                    v for v in (change.old, change.new) if v is not None
                )
            elif isinstance(model_field, models.ManyToManyField):
                for rows in (change.old, change.new):
                    wanted[model_field.related_model].update(_m2m_ids(model_field, rows))
    return {
        related: related._default_manager.in_bulk(list(ids))
        for related, ids in wanted.items()
        if ids
    }


def history_rows(obj: models.Model, limit: int = 50) -> list[HistoryRow]:
    """The newest `limit` changes of `obj`: who, when, what changed (field by field) and why."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    # Each record is compared with the one before it; the extra record only serves as a base.
    deltas = [
        record.diff_against(records[i + 1]) if i + 1 < len(records) else None
        for i, record in enumerate(records)
    ]
    related = _related_objects(model, deltas)
    rows = []
    for record, delta in list(zip(records, deltas, strict=True))[:limit]:
        changes = []
        if delta is not None and record.history_type == "~":
            for change in delta.changes:
                try:
                    label = str(model._meta.get_field(change.field).verbose_name)
                except FieldDoesNotExist:
                    label = change.field
                changes.append(
                    FieldChange(
                        field=change.field,
                        label=label,
                        old=_display(model, change.field, change.old, related),
                        new=_display(model, change.field, change.new, related),
                    )
                )
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=record.history_user,
                who_name=_who_name(record.history_user),
                action=record.history_type,
                action_label=str(_ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return rows
