"""The preview between the plan job and the write job: the stored plan, its drift, the steps.

The plan is stored compactly, one row per feature it creates, updates or cannot match alone
(`BoundaryImportRow`): the action, the area, the names old and new, not the geometry. The
write job reads the raw file again and rebuilds the plan with the person's choices, then
writes only if the rebuilt plan is the stored one, row for row, and every area it updates
has the `updated_at` it had when planned. So the raw file stays the source of truth (no
second copy of every geometry to keep in step), and whatever changed in between (a hand
edit, another import that wrote meanwhile, a deleted place) refuses the write as a whole
instead of overwriting what the person did not see.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mahalla.core.i18n.digits import format_number
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places.boundary_imports.plan import Choices, Plan
from mahalla.places.models import Area, BoundaryImport, BoundaryImportRow, PlanAction, PlanChoice

Status = BoundaryImport.Status
Phase = BoundaryImport.Phase
ROW_BATCH = 500
# Filters of the preview's list, by the name used in the address.
SHOW = {
    "changed": Q(action=PlanAction.UPDATE),
    "names": Q(names_changed=True),
    "boundary": Q(boundary_changed=True),
    "created": Q(action=PlanAction.CREATE),
    "ambiguous": Q(action=PlanAction.AMBIGUOUS),
}


def _row(boundary_import: BoundaryImport, row: Any) -> BoundaryImportRow:
    area_id = row.area.pk if row.area is not None else None
    return BoundaryImportRow(
        boundary_import_id=boundary_import.pk,
        feature=row.feature,
        action=row.action,
        area_id=area_id,
        area_updated_at=row.area_updated_at if area_id else None,
        parent_id=row.parent.pk,
        code=row.code,
        name_en=row.names.get("name_en", ""),
        name_th=row.names.get("name_th", ""),
        name_fa=row.names.get("name_fa", ""),
        changes=row.changes,
        names_changed=bool(row.changes),
        boundary_changed=row.boundary_changed,
        area_before_m2=row.area_before_m2,
        area_after_m2=row.area_after_m2,
        candidates=row.candidates,
        choice=row.choice,
    )


def plan_store(boundary_import: BoundaryImport, plan: Plan) -> None:
    """Store the plan job's result: its rows and counts; the import awaits confirmation."""
    rows = [_row(boundary_import, row) for row in plan.rows]
    finished = plan.finished_fields()
    with transaction.atomic():
        BoundaryImportRow.objects.filter(boundary_import_id=boundary_import.pk).delete()
        BoundaryImportRow.objects.bulk_create(rows, batch_size=ROW_BATCH)
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(
            phase=Phase.PLAN, planned_at=finished["finished_at"], **finished
        )


def stored_choices(boundary_import: BoundaryImport) -> Choices:
    rows = BoundaryImportRow.objects.filter(
        boundary_import_id=boundary_import.pk, action=PlanAction.AMBIGUOUS
    ).exclude(choice="")
    return {
        row.feature: (row.choice, row.area_id, list(row.candidates))
        for row in rows.only("feature", "choice", "area_id", "candidates")
    }


def _signature(action: str, area_id: int | None, candidates: list, choice: str) -> tuple:
    return (action, area_id, tuple(sorted(candidates)), choice)


def plan_drift(boundary_import: BoundaryImport, plan: Plan) -> list[int]:
    """Numbers of the features whose rebuilt plan is not the stored one (empty: none)."""
    stored = {row.feature: row for row in boundary_import.plan_rows.all()}
    fresh = {row.feature: row for row in plan.rows}
    drifted = []
    for feature in sorted(set(stored) | set(fresh)):
        old, new = stored.get(feature), fresh.get(feature)
        if old is None or new is None:
            drifted.append(feature + 1)
            continue
        new_area = new.area.pk if new.area is not None else None
        same = _signature(old.action, old.area_id, old.candidates, old.choice) == _signature(
            new.action, new_area, new.candidates, new.choice
        )
        if not same or (new_area and new.area_updated_at != old.area_updated_at):
            drifted.append(feature + 1)
    return drifted


# -- what the preview page reads


def plan_counts(*, boundary_import: BoundaryImport) -> dict[str, int]:
    """Counts the write would produce with the choices made so far (one query)."""
    ambiguous = Q(action=PlanAction.AMBIGUOUS)
    counts = boundary_import.plan_rows.aggregate(
        created=Count("pk", filter=Q(action=PlanAction.CREATE)),
        chosen_create=Count("pk", filter=ambiguous & Q(choice=PlanChoice.CREATE)),
        updated=Count("pk", filter=Q(action=PlanAction.UPDATE)),
        chosen_update=Count("pk", filter=ambiguous & Q(choice=PlanChoice.UPDATE)),
        undecided=Count("pk", filter=ambiguous & Q(choice="")),
        skipped=Count("pk", filter=ambiguous & Q(choice=PlanChoice.SKIP)),
        names=Count("pk", filter=Q(names_changed=True)),
        boundary=Count("pk", filter=Q(boundary_changed=True)),
    )
    flagged = sum(1 for p in boundary_import.problems or [] if p.get("outcome") == "flagged")
    return {
        "created": counts["created"] + counts["chosen_create"],
        "updated": counts["updated"] + counts["chosen_update"],
        "unchanged": boundary_import.unchanged_count,
        "rejected": boundary_import.rejected_count,
        "repaired": boundary_import.repaired_count,
        "flagged": flagged,
        "ambiguous": counts["undecided"],
        "skipped": counts["skipped"],
        "names": counts["names"],
        "boundary": counts["boundary"],
    }


def plan_rows(*, boundary_import: BoundaryImport, show: str = "") -> QuerySet:
    rows = boundary_import.plan_rows.select_related("area", "parent")
    if show in SHOW:
        rows = rows.filter(SHOW[show])
    return rows.order_by("feature")


def plan_candidates(*, user: Any, rows: list[BoundaryImportRow]) -> dict[int, Area]:
    """The existing places the ambiguous rows on one page may be, in the user's scope."""
    ids = {pk for row in rows for pk in row.candidates}
    if not ids:
        return {}
    areas = for_user(user, Perm.VIEW_AREA, Area.objects.select_related("parent"))
    return areas.in_bulk(sorted(ids))


# -- the person's steps


def _check(boundary_import: BoundaryImport, user: Any) -> None:
    if not has_perm(user, Perm.IMPORT_BOUNDARIES, boundary_import.parent):
        raise PermissionDenied


def _awaiting(boundary_import: BoundaryImport) -> None:
    if not boundary_import.awaiting_confirmation:
        raise ValidationError(_("This import has no plan waiting to be written."))


def plan_choose(*, boundary_import: BoundaryImport, user: Any, decisions: dict[int, str]) -> int:
    """Record choices for ambiguous rows: {row id: "create" | "skip" | "update:<area id>"}."""
    _check(boundary_import, user)
    _awaiting(boundary_import)
    rows = boundary_import.plan_rows.filter(action=PlanAction.AMBIGUOUS, pk__in=list(decisions))
    rows = {row.pk: row for row in rows}
    chosen_ids = {
        int(value.partition(":")[2])
        for value in decisions.values()
        if value.startswith("update:") and value.partition(":")[2].isdigit()
    }
    areas = Area.objects.in_bulk(sorted(chosen_ids))
    changed = []
    for pk, value in decisions.items():
        row = rows.get(pk)
        if row is None or not value:
            continue
        choice, _sep, area_id = value.partition(":")
        area = areas.get(int(area_id)) if area_id.isdigit() else None
        if choice == PlanChoice.UPDATE and (area is None or area.pk not in row.candidates):
            raise ValidationError(
                _("Feature %(number)s: choose one of the places listed.")
                % {"number": format_number(row.number)}
            )
        if choice not in (PlanChoice.UPDATE, PlanChoice.CREATE, PlanChoice.SKIP):
            raise ValidationError(
                _("Feature %(number)s: choose what to do.") % {"number": format_number(row.number)}
            )
        row.choice = choice
        row.area = area if choice == PlanChoice.UPDATE else None
        row.area_updated_at = area.updated_at if row.area else None
        changed.append(row)
    BoundaryImportRow.objects.bulk_update(changed, ["choice", "area", "area_updated_at"])
    return len(changed)


def boundary_import_confirm(*, boundary_import: BoundaryImport, user: Any) -> BoundaryImport:
    """ "Write these changes": queue the write job for exactly the stored plan."""
    from mahalla.places.boundary_imports.service import enqueue

    _check(boundary_import, user)
    _awaiting(boundary_import)
    undecided = boundary_import.plan_rows.filter(action=PlanAction.AMBIGUOUS, choice="").count()
    if undecided:
        raise ValidationError(
            ngettext(
                "Choose what to do with the place that could not be matched alone.",
                "Choose what to do with the %(count)s places that could not be matched alone.",
                undecided,
            )
            % {"count": format_number(undecided)}
        )
    boundary_import.confirmed_by = user
    boundary_import.confirmed_at = timezone.now()
    boundary_import.save(update_fields=["confirmed_by", "confirmed_at"])
    return enqueue(boundary_import, Phase.WRITE)


def boundary_import_replan(*, boundary_import: BoundaryImport, user: Any) -> BoundaryImport:
    """ "Make the plan again" from the stored file: after a refused write, or to refresh it."""
    from mahalla.places.boundary_imports.service import enqueue

    _check(boundary_import, user)
    ready = boundary_import.awaiting_confirmation or (
        boundary_import.phase == Phase.WRITE and boundary_import.status == Status.FAILED
    )
    if not ready or not boundary_import.file or boundary_import.level_id is None:
        raise ValidationError(_("The plan of this import cannot be made again."))
    return enqueue(boundary_import, Phase.PLAN)


def _discard_plan(boundary_import: BoundaryImport, **fields: Any) -> None:
    with transaction.atomic():
        BoundaryImportRow.objects.filter(boundary_import_id=boundary_import.pk).delete()
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(
            processed=0, created_count=0, updated_count=0, unchanged_count=0,
            repaired_count=0, rejected_count=0, ambiguous_count=0, skipped_count=0,
            problems=[], failure={}, planned_at=None, **fields,
        )  # fmt: skip
    boundary_import.refresh_from_db()


def boundary_import_back(*, boundary_import: BoundaryImport, user: Any) -> BoundaryImport:
    """ "Back to the mapping": drop the plan; the file waits for another mapping."""
    _check(boundary_import, user)
    _awaiting(boundary_import)
    _discard_plan(boundary_import, status=Status.UPLOADED, phase=Phase.PLAN, finished_at=None)
    return boundary_import


def boundary_import_cancel(*, boundary_import: BoundaryImport, user: Any) -> BoundaryImport:
    """ "Cancel": nothing is written, the plan and the stored file are deleted."""
    _check(boundary_import, user)
    _awaiting(boundary_import)
    if boundary_import.file:
        boundary_import.file.delete(save=False)
    _discard_plan(boundary_import, phase=Phase.CANCELLED, file="")
    return boundary_import
