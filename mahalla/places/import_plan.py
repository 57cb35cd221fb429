"""Turning the features of a boundary file into areas to create and areas to update.

Nothing is written here: the plan is built (and progress reported) first, then
`mahalla.places.imports` writes it in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from mahalla.core.jobs.messages import Message, message
from mahalla.core.jobs.messages import names as names_of
from mahalla.places.geo_io import Features, iter_batches
from mahalla.places.import_checks import FLAGGED, OutsideParent
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.registration_values import registration_for
from mahalla.places.repair import REJECTED, REPAIRED, check_geometry, layer_kind
from mahalla.places.services import apply_geometry, prepare_area

BATCH = 200  # features between two progress updates
LOOKUP_CHUNK = 500  # values per IN (...) query, well under SQLite's variable limit
MAX_PROBLEMS = 1_000  # problems stored for the page; the counts stay exact
NAME_FIELDS = ("name_en", "name_th", "name_fa")
MAX_CODE = Area._meta.get_field("code").max_length
MAX_NAME = Area._meta.get_field("name_en").max_length


@dataclass
class Plan:
    new: list[Area] = field(default_factory=list)
    changed: list[Area] = field(default_factory=list)
    unchanged: int = 0
    repaired: int = 0
    rejected: int = 0
    flagged: int = 0
    problems: list[dict] = field(default_factory=list)

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
    """Areas that a feature may update: keyed (parent id, code), or by names without code."""
    existing: dict[tuple, Area] = {}
    ids = sorted(parent_ids)
    coded = sorted(c for c in codes if c)
    for id_chunk in _chunks(ids):
        children = Area.objects.filter(parent_id__in=id_chunk).select_related("level")
        for code_chunk in _chunks(coded):
            for area in children.filter(code__in=code_chunk):
                existing[(area.parent_id, area.code)] = area
        if "" in codes:
            for area in children.filter(code=""):
                existing[(area.parent_id, "", area.name_en, area.name_th, area.name_fa)] = area
    return existing


def _stored_geometry(area: Area) -> dict | None:
    # Compare stored JSON with stored JSON: mapping() gives tuples, the database lists.
    return json.loads(json.dumps(area.geometry)) if area.geometry is not None else None


def _snapshot(area: Area) -> tuple:
    return (area.parent_id, area.geometry, area.geometry_is_synthetic, area.name_en,
            area.name_th, area.name_fa, area.registration)  # fmt: skip


def build_plan(
    boundary_import: BoundaryImport,
    features: Features,
    progress: Callable[[int], None],
) -> Plan:
    plan = Plan()
    parent = boundary_import.parent
    level = boundary_import.level
    codes = _column(features, boundary_import.code_field)
    names = {f: _column(features, getattr(boundary_import, f"{f}_field")) for f in NAME_FIELDS}
    parent_codes = _column(features, boundary_import.parent_code_field)
    kind = layer_kind(features.geometries)
    outside = OutsideParent(keep=boundary_import.keep_outside)
    registrations = (
        _column(features, boundary_import.registration_field)
        if boundary_import.registration_field
        else None
    )

    by_code = (
        _parents_by_code(parent, {c for c in parent_codes if c})
        if boundary_import.parent_code_field
        else {}
    )
    parent_ids = {parent.pk} | {a.pk for areas in by_code.values() for a in areas}
    existing = _existing(parent_ids, set(codes))
    seen: dict[tuple, int] = {}

    for batch in iter_batches(features.count, BATCH):
        for index in batch:
            code = codes[index]
            values = {f: names[f][index] for f in NAME_FIELDS}
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

            key = (target.pk, code) if code else (target.pk, "", *values.values())
            if key in seen:
                reject(message("places.duplicate_in_file", number=seen[key] + 1))
                continue

            if index in features.unreadable:
                reject(features.unreadable[index])
                continue
            checked = check_geometry(features.geometries[index], kind=kind)
            if checked.outcome == REJECTED:
                reject(checked.reason)
                continue
            away = outside.check(target, checked.geometry)
            if away is not None and away.outcome == REJECTED:
                reject(away.reason)
                continue
            seen[key] = index
            area = existing.get(key)
            if area is not None and area.level_id != level.pk:
                reject(message("places.level_conflict", level=names_of(area.level)))
                continue
            if checked.outcome == REPAIRED:
                plan.note(index, code, name, REPAIRED, checked.reason)
            if away is not None:
                plan.note(index, code, name, FLAGGED, away.reason)
            registration = ""
            if level.is_community:
                text = registrations[index] if registrations is not None else None
                current = area.registration if area is not None else None
                registration, flag = registration_for(text, current=current)
                if flag:
                    plan.note(index, code, name, FLAGGED, message(flag, value=text))
            if area is None:
                area = Area(level=level, parent=target, code=code, path="/",
                            registration=registration, **values)  # fmt: skip
                apply_geometry(area, checked.geometry)
                area.geometry = _stored_geometry(area)
                prepare_area(area)
                plan.new.append(area)
                continue
            before = _snapshot(area)
            for name_field, value in values.items():
                # An unmapped language keeps the name it has.
                if getattr(boundary_import, f"{name_field}_field"):
                    setattr(area, name_field, value)
            apply_geometry(area, checked.geometry)
            area.geometry = _stored_geometry(area)
            area.parent = target
            if level.is_community:
                area.registration = registration
            prepare_area(area)
            if before == _snapshot(area):
                plan.unchanged += 1
            else:
                plan.changed.append(area)
        progress(batch.stop)
    return plan
