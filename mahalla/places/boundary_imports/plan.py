"""Turning the features of a boundary file into areas to create and areas to update.

Nothing is written here: the plan is built (and progress reported) first, stored as rows
for the preview (`import_preview`), and written in one transaction once confirmed.
A feature with a code is the existing place with that code under its parent; one without
is matched by name and location (`import_matching`, docs/decisions/0005).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mahalla.core.jobs.messages import Message, message
from mahalla.core.jobs.messages import names as names_of
from mahalla.places.boundary_imports.checks import FLAGGED, OutsideParent
from mahalla.places.boundary_imports.compare import area_m2, clean_name, same_geometry
from mahalla.places.boundary_imports.matching import CodelessIndex, Match, SeenInFile
from mahalla.places.geofiles.reading import Features, iter_batches
from mahalla.places.geofiles.repair import REJECTED, REPAIRED, check_geometry, layer_kind
from mahalla.places.models import Area, BoundaryImport, PlanAction, PlanChoice
from mahalla.places.registration_values import registration_for
from mahalla.places.services import apply_geometry, prepare_area

BATCH = 200  # features between two progress updates
LOOKUP_CHUNK = 500  # values per IN (...) query, well under SQLite's variable limit
MAX_PROBLEMS = 1_000  # problems stored for the page; the counts stay exact
NAME_FIELDS = ("name_en", "name_th", "name_fa")
MAX_CODE = Area._meta.get_field("code").max_length
MAX_NAME = Area._meta.get_field("name_en").max_length


# A person's decision on an ambiguous feature: (choice, chosen area id, candidate ids).
Choices = dict[int, tuple[str, int | None, list[int]]]


@dataclass
class PlanRow:
    """What the preview shows and the write checks for one feature (see BoundaryImportRow)."""

    feature: int
    action: str
    area: Area | None  # the area created or updated; None for an undecided or skipped one
    parent: Area
    code: str
    names: dict[str, str]
    changes: dict[str, list[str]] = field(default_factory=dict)
    boundary_changed: bool = False
    area_before_m2: float | None = None
    area_after_m2: float | None = None
    area_updated_at: datetime | None = None  # of the existing area, as read
    candidates: list[int] = field(default_factory=list)
    choice: str = ""
    changed: bool = True  # False for a chosen place the file leaves as it is


@dataclass
class Plan:
    new: list[Area] = field(default_factory=list)
    changed: list[Area] = field(default_factory=list)
    rows: list[PlanRow] = field(default_factory=list)
    unchanged: int = 0
    repaired: int = 0
    rejected: int = 0
    flagged: int = 0
    ambiguous: int = 0  # undecided: the write waits for a choice
    skipped: int = 0
    problems: list[dict] = field(default_factory=list)

    def finished_fields(self, *, ambiguous: int | None = None) -> dict[str, Any]:
        """The import's counts and problems as this plan leaves them, and the end of its
        job: what the plan step and the write step both store on the BoundaryImport."""
        return {
            "status": BoundaryImport.Status.DONE,
            "created_count": len(self.new),
            "updated_count": len(self.changed),
            "unchanged_count": self.unchanged,
            "repaired_count": self.repaired,
            "rejected_count": self.rejected,
            "flagged_count": self.flagged,
            "ambiguous_count": self.ambiguous if ambiguous is None else ambiguous,
            "skipped_count": self.skipped,
            "problems": self.problems,
            "failure": {},
            "lease_expires_at": None,
            "finished_at": timezone.now(),
        }

    def note(self, index: int, code: str, name: str, outcome: str, reason: Message) -> None:
        """Count a repaired or rejected feature and keep its problem for the report.

        Stored as a message code and parameters: the page renders it in the reader's language.
        """
        if outcome == REJECTED:
            self.rejected += 1
        elif outcome == REPAIRED:
            self.repaired += 1
        elif outcome == FLAGGED:
            self.flagged += 1
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                {"feature": None, "outcome": "", "message": message("places.more_problems")}
            )
        if len(self.problems) > MAX_PROBLEMS:
            return
        self.problems.append(
            {"feature": index + 1, "code": code, "name": name, "outcome": outcome,
             "message": reason}
        )  # fmt: skip


def _chunks(values: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _column(features: Features, name: str) -> list[str]:
    if not name:
        return [""] * features.count
    return features.properties.get(name, [""] * features.count)


def _parents_by_code(parent: Area, codes: set[str]) -> dict[str, list[Area]]:
    """Areas of the parent's subtree (itself included) by code, for parent_code_field."""
    found: dict[str, list[Area]] = {}
    subtree = Area.objects.filter(Q(pk=parent.pk) | Q(path__startswith=parent.path))
    for chunk in _chunks(sorted(codes)):
        for area in subtree.filter(code__in=chunk).select_related("level"):
            found.setdefault(area.code, []).append(area)
    return found


def _existing(parent_ids: set[int], codes: set[str]) -> dict[tuple, Area]:
    """Areas that a feature with a code may update, keyed (parent id, code)."""
    existing: dict[tuple, Area] = {}
    ids = sorted(parent_ids)
    coded = sorted(c for c in codes if c)
    for id_chunk in _chunks(ids):
        children = Area.objects.filter(parent_id__in=id_chunk).select_related("level")
        for code_chunk in _chunks(coded):
            for area in children.filter(code__in=code_chunk):
                existing[(area.parent_id, area.code)] = area
    return existing


def _codeless(parent_ids: set[int], level_id: int) -> CodelessIndex:
    """Code-less places of the imported level under the parents, for name-and-place matching."""
    areas: list[Area] = []
    for id_chunk in _chunks(sorted(parent_ids)):
        children = Area.objects.filter(parent_id__in=id_chunk, level_id=level_id, code="")
        areas.extend(children.select_related("level"))
    return CodelessIndex(areas)


def _stored_geometry(area: Area) -> dict | None:
    # Compare stored JSON with stored JSON: mapping() gives tuples, the database lists.
    return json.loads(json.dumps(area.geometry)) if area.geometry is not None else None


def _new_area(
    plan: Plan, level, target: Area, code: str, values: dict, geometry, registration: str
) -> Area:
    area = Area(level=level, parent=target, code=code, path="/", registration=registration,
                **values)  # fmt: skip
    apply_geometry(area, geometry)
    area.geometry = _stored_geometry(area)
    prepare_area(area)
    plan.new.append(area)
    return area


def _update(
    area: Area, values: dict, mapped: set[str], geometry, target: Area, registration: str | None
) -> PlanRow:
    """Apply the feature to the area (unsaved); the row says what changed, old and new."""
    row = PlanRow(0, PlanAction.UPDATE, area, target, area.code, dict(values))
    row.area_updated_at = area.updated_at
    for name_field, value in values.items():
        # An unmapped language keeps the name it has; spacing and Unicode form are no change.
        old = getattr(area, name_field)
        if name_field in mapped and clean_name(old) != value:
            row.changes[name_field] = [old, value]
            setattr(area, name_field, value)
    if not same_geometry(area.geometry, geometry):
        row.boundary_changed = True
        row.area_before_m2 = area_m2(area.geometry)
        apply_geometry(area, geometry)
        area.geometry = _stored_geometry(area)
        row.area_after_m2 = area_m2(area.geometry)
    if registration is not None and area.registration != registration:
        row.changes["registration"] = [area.registration, registration]
        area.registration = registration
    area.parent = target
    row.changed = bool(row.changes) or row.boundary_changed
    if row.changed:
        prepare_area(area)
    return row


def build_plan(
    boundary_import: BoundaryImport,
    features: Features,
    progress: Callable[[int], None],
    choices: Choices | None = None,
) -> Plan:
    """The plan of an import; `choices` settle ambiguous features whose candidates are the
    same as when the person chose."""
    choices = choices or {}
    plan = Plan()
    parent = boundary_import.parent
    level = boundary_import.level
    codes = _column(features, boundary_import.code_field)
    names = {f: _column(features, getattr(boundary_import, f"{f}_field")) for f in NAME_FIELDS}
    parent_codes = _column(features, boundary_import.parent_code_field)
    kind = layer_kind(features.geometries)

    by_code = (
        _parents_by_code(parent, {c for c in parent_codes if c})
        if boundary_import.parent_code_field
        else {}
    )
    parent_ids = {parent.pk} | {a.pk for areas in by_code.values() for a in areas}
    existing = _existing(parent_ids, set(codes))
    codeless = _codeless(parent_ids, level.pk) if "" in codes else CodelessIndex([])
    seen: dict[tuple, int] = {}
    seen_codeless = SeenInFile()
    claimed: dict[int, int] = {}  # area id -> the feature that updates it
    mapped = {f for f in NAME_FIELDS if getattr(boundary_import, f"{f}_field")}
    outside = OutsideParent(keep=boundary_import.keep_outside)
    registrations = (
        _column(features, boundary_import.registration_field)
        if boundary_import.registration_field
        else None
    )

    for batch in iter_batches(features.count, BATCH):
        for index in batch:
            code = codes[index]
            values = {f: clean_name(names[f][index]) for f in NAME_FIELDS}
            name = values["name_en"] or values["name_th"] or values["name_fa"]

            def reject(reason: Message, *, index: int = index, code: str = code, name: str = name):
                plan.note(index, code, name, REJECTED, reason)

            if not name:
                reject(message("places.feature_no_name"))
                continue
            if len(code) > MAX_CODE:
                reject(message("places.code_too_long", max=MAX_CODE))
                continue
            if any(len(v) > MAX_NAME for v in values.values()):
                reject(message("places.name_too_long", max=MAX_NAME))
                continue

            target = parent
            if boundary_import.parent_code_field:
                wanted = parent_codes[index]
                candidates = by_code.get(wanted, []) if wanted else [parent]
                if not candidates:
                    reject(
                        message("places.parent_code_unknown", code=wanted, parent=names_of(parent))
                    )
                    continue
                if len(candidates) > 1:
                    reject(message("places.parent_code_ambiguous", code=wanted))
                    continue
                target = candidates[0]
                if target.level.rank >= level.rank:
                    reject(
                        message(
                            "places.parent_not_above",
                            parent=names_of(target),
                            level=names_of(level),
                        )
                    )
                    continue

            key = (target.pk, code)
            if code and key in seen:
                reject(message("places.duplicate_in_file", number=seen[key] + 1))
                continue

            if index in features.unreadable:
                reject(features.unreadable[index])
                continue
            checked = check_geometry(features.geometries[index], kind=kind)
            if checked.outcome == REJECTED:
                reject(checked.reason)
                continue
            geometry = checked.geometry
            away = outside.check(target, geometry)
            if away is not None and away.outcome == REJECTED:
                reject(away.reason)
                continue
            if code:
                match = Match(area=existing.get(key))
            else:
                earlier = seen_codeless.earlier(target.pk, values, geometry)
                if earlier is not None:
                    reject(message("places.duplicate_in_file", number=earlier + 1))
                    continue
                match = codeless.match(target.pk, values, geometry)
            registration, registration_flag = None, None
            if level.is_community:
                text = registrations[index] if registrations is not None else None
                current = match.area.registration if match.area is not None else None
                registration, registration_flag = registration_for(text, current=current)
            refused = _place(
                plan, index=index, match=match, choice=choices.get(index), level=level,
                target=target, code=code, values=values, mapped=mapped, geometry=geometry,
                claimed=claimed, registration=registration,
            )  # fmt: skip
            if refused:
                reject(refused)
                continue
            if code:
                seen[key] = index
            else:
                seen_codeless.add(index, target.pk, values, geometry)
            if checked.outcome == REPAIRED:
                plan.note(index, code, name, REPAIRED, checked.reason)
            if away is not None:
                plan.note(index, code, name, FLAGGED, away.reason)
            if registration_flag:
                plan.note(index, code, name, FLAGGED, message(registration_flag, value=text))
        progress(batch.stop)
    return plan


def _place(plan: Plan, *, index: int, match: Match, choice: tuple | None, level, target: Area,
           code: str, values: dict, mapped: set[str], geometry, claimed: dict[int, int],
           registration: str | None = None) -> Message | None:  # fmt: skip
    """Add the feature to the plan as a creation, an update, unchanged or ambiguous; or
    return why it is refused."""
    area = match.area
    candidate_ids = [a.pk for a in match.candidates]
    chosen = ""
    if candidate_ids:
        chosen, chosen_id, when_chosen = choice or ("", None, [])
        if sorted(when_chosen) != sorted(candidate_ids):
            chosen = ""  # the candidates changed since the person chose: ask again
        if chosen == PlanChoice.UPDATE:
            area = next((a for a in match.candidates if a.pk == chosen_id), None)
            chosen = chosen if area is not None else ""
    if area is not None and area.pk in claimed:
        return message("places.duplicate_in_file", number=claimed[area.pk] + 1)
    if area is not None and area.level_id != level.pk:
        return message("places.level_conflict", level=names_of(area.level))
    if candidate_ids and chosen in ("", PlanChoice.SKIP):
        if chosen:
            plan.skipped += 1
        else:
            plan.ambiguous += 1
        plan.rows.append(
            PlanRow(index, PlanAction.AMBIGUOUS, None, target, code, dict(values),
                    candidates=candidate_ids, choice=chosen)
        )  # fmt: skip
        return None
    if area is None:
        new = _new_area(plan, level, target, code, values, geometry, registration or "")
        row = PlanRow(index, PlanAction.CREATE, new, target, code, dict(values))
        row.area_after_m2 = area_m2(new.geometry)
    else:
        claimed[area.pk] = index
        row = _update(area, values, mapped, geometry, target, registration)
        row.feature = index
        if row.changed:
            plan.changed.append(area)
        else:
            plan.unchanged += 1
            if not candidate_ids:
                return None
    if candidate_ids:
        row.action, row.candidates, row.choice = PlanAction.AMBIGUOUS, candidate_ids, chosen
    plan.rows.append(row)
    return None
