"""Undoing a written boundary import from the areas' history, in one step.

Every history row an import writes carries the reason "boundary import #<pk>". Reverting
deletes the places it created and puts the places it updated back to the history record
before it, in one transaction, recorded in history as "revert of boundary import #<pk>".
It is refused as a whole, place by place saying why, when a place changed since (a later
history row), when a created place has places beneath it or is used elsewhere, or when
another import runs on the same part of the tree: undoing around someone's later work would
silently lose it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from mahalla.core.i18n.calendars import format_datetime
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.services import prepare_area
from mahalla.places.signals import send_boundaries_changed

Status = BoundaryImport.Status
Phase = BoundaryImport.Phase
CHUNK = 500
# What an import writes on an existing area, and so what a revert puts back.
RESTORED_FIELDS = [
    "name_en", "name_th", "name_fa", "geometry", "geometry_kind", "geometry_is_synthetic",
    "min_x", "min_y", "max_x", "max_y", "centroid_x", "centroid_y",
]  # fmt: skip


@dataclass
class Blocked:
    name: str
    area: Area | None
    why: str


@dataclass
class RevertPlan:
    created: list[Area] = field(default_factory=list)  # to delete
    restored: list[tuple[Area, Any]] = field(default_factory=list)  # area, record before
    blocked: list[Blocked] = field(default_factory=list)

    @property
    def possible(self) -> bool:
        return not self.blocked


def revert_reason(boundary_import: BoundaryImport) -> str:
    return f"revert of {boundary_import.change_reason}"


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _histories(ids: list[int]) -> dict[int, list]:
    """Every history record of the areas, oldest first."""
    found: dict[int, list] = defaultdict(list)
    for chunk in _chunks(sorted(ids)):
        records = Area.history.filter(id__in=chunk).select_related("history_user")
        for record in records.order_by("id", "history_date", "history_id"):
            found[record.id].append(record)
    return found


def _used_by(ids: list[int]) -> dict[int, list[str]]:
    """What else points at the areas (grants, settlements, imports…), by area id."""
    used: dict[int, list[str]] = defaultdict(list)
    for relation in Area._meta.related_objects:
        if relation.related_model is Area and relation.field.name == "parent":
            continue  # places beneath are reported on their own
        model, name = relation.related_model, relation.field.name
        for chunk in _chunks(ids):
            filtered = model._base_manager.filter(**{f"{name}__in": chunk})
            for area_id in filtered.values_list(name, flat=True).distinct():
                used[area_id].append(str(model._meta.verbose_name_plural))
    return used


def _edited_since(later: Any) -> str:
    person = later.history_user
    who = (person.get_full_name() or person.username) if person else ""
    when = format_datetime(later.history_date)
    if who:
        return _("changed since the import, on %(date)s by %(person)s") % {
            "date": when,
            "person": who,
        }
    return _("changed since the import, on %(date)s") % {"date": when}


def revert_check(boundary_import: BoundaryImport) -> RevertPlan:
    """What reverting would do, and what stands in its way."""
    reason = boundary_import.change_reason
    own = Area.history.filter(history_change_reason=reason).values_list("id", "history_type")
    created_ids = sorted({pk for pk, kind in own if kind == "+"})
    updated_ids = sorted({pk for pk, kind in own if kind == "~"})
    histories = _histories(created_ids + updated_ids)
    areas = {}
    for chunk in _chunks(created_ids + updated_ids):
        areas.update(Area.objects.select_related("parent").in_bulk(chunk))
    children = set()
    for chunk in _chunks(created_ids):
        beneath = Area.objects.filter(parent_id__in=chunk)
        children.update(beneath.values_list("parent_id", flat=True))
    used = _used_by([pk for pk in created_ids if pk in areas])
    plan = RevertPlan()
    for pk in created_ids + updated_ids:
        records = histories.get(pk, [])
        mine = [i for i, r in enumerate(records) if r.history_change_reason == reason]
        last = records[mine[-1]] if mine else None
        later = records[mine[-1] + 1 :] if mine else []
        area = areas.get(pk)
        name = area.name if area else (last.instance.name if last else str(pk))
        if area is None:
            if pk in updated_ids:
                plan.blocked.append(Blocked(name, None, _("deleted since the import")))
            continue  # a created place deleted since: nothing left to undo
        if later:
            plan.blocked.append(Blocked(name, area, _edited_since(later[0])))
        elif pk in created_ids:
            if pk in children:
                plan.blocked.append(Blocked(name, area, _("has places beneath it")))
            elif used.get(pk):
                uses = ", ".join(sorted(set(used[pk])))
                plan.blocked.append(Blocked(name, area, _("is used by: %(uses)s") % {"uses": uses}))
            else:
                plan.created.append(area)
        elif mine[0] == 0:
            plan.blocked.append(Blocked(name, area, _("has no earlier state in its history")))
        else:
            plan.restored.append((area, records[mine[0] - 1]))
    return plan


def _check(boundary_import: BoundaryImport, user: Any) -> None:
    if not has_perm(user, Perm.IMPORT_BOUNDARIES, boundary_import.parent):
        raise PermissionDenied
    if boundary_import.phase == Phase.REVERTED:
        raise ValidationError(_("This import has already been reverted."))
    if not boundary_import.is_written:
        raise ValidationError(_("Only an import that was written can be reverted."))


def boundary_import_revert_preview(*, boundary_import: BoundaryImport, user: Any) -> RevertPlan:
    _check(boundary_import, user)
    return revert_check(boundary_import)


def _another_import_runs(boundary_import: BoundaryImport) -> bool:
    path = boundary_import.parent.path
    running = BoundaryImport.objects.filter(
        status=Status.RUNNING, lease_expires_at__gte=timezone.now()
    ).exclude(pk=boundary_import.pk)
    paths = running.values_list("parent__path", flat=True)
    return any(path.startswith(other) or other.startswith(path) for other in paths)


def boundary_import_revert(*, boundary_import: BoundaryImport, user: Any) -> RevertPlan:
    """Revert a written import; a ValidationError says why it cannot be."""
    with transaction.atomic():
        # The parent's row lock is the one imports take to start: none starts meanwhile.
        list(Area.objects.select_for_update().filter(pk=boundary_import.parent_id).values("pk"))
        boundary_import = BoundaryImport.objects.select_for_update().get(pk=boundary_import.pk)
        _check(boundary_import, user)
        if _another_import_runs(boundary_import):
            raise ValidationError(
                _("Another import is running on this place; revert when it has finished.")
            )
        plan = revert_check(boundary_import)
        if not plan.possible:
            raise ValidationError(_("This import cannot be reverted: some places changed since."))
        reason = revert_reason(boundary_import)
        history_user = user if getattr(user, "pk", None) else None
        now = timezone.now()
        restored = []
        for area, before in plan.restored:
            for name in RESTORED_FIELDS:
                setattr(area, name, getattr(before, name))
            prepare_area(area)
            area.updated_at = now
            restored.append(area)
        for chunk in _chunks(restored):
            bulk_update_with_history(
                chunk, Area, [*RESTORED_FIELDS, "search_text", "updated_at"],
                default_change_reason=reason, default_user=history_user,
            )  # fmt: skip
        # After the commit: records placed in these areas (or their parents) are placed again.
        send_boundaries_changed(
            [a.pk for a in restored] + [a.parent_id for a in plan.created if a.parent_id]
        )
        for area in plan.created:
            # One by one, so each deletion leaves its history row with the reason and user.
            area._change_reason = reason
            area._history_user = history_user
            area.delete()
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(
            phase=Phase.REVERTED, reverted_at=now, reverted_by=history_user
        )
    return plan
