"""Households that may be the same one surveyed twice, and merging them (reversibly).

Candidates are looked for within each community only. Names are compared after folding
(Persian/Arabic letter forms, ZWNJ, digits, case, marks; spaces dropped, since Thai is
written without them and typed with them at random): the same folded name, or one close
enough (difflib's ratio), and the same house number or the same members' ages add to the
score. Each community's households are sorted by folded name and each is compared with its
next few neighbours, plus every pair sharing a house number, so a community of thousands
costs thousands of comparisons, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mahalla.core.i18n.digits import to_ascii_digits
from mahalla.core.i18n.text import normalize_search
from mahalla.registry.models import Household, HouseholdMerge, Member
from mahalla.registry.services import may_change

WINDOW = 8  # neighbours in name order each household is compared with
SIMILAR = 0.85  # difflib ratio from which two folded names count as similar
# Fields of the kept household that take the merged one's value when they are empty.
FILLABLE = (
    "house_number", "head_name", "income_band_id", "house_condition_id", "tenure_id",
    "savings_member", "longitude", "latitude",
)  # fmt: skip


def fold_name(text: str) -> str:
    return normalize_search(text or "").replace(" ", "")


def fold_number(text: str) -> str:
    return "".join(ch for ch in to_ascii_digits(text or "").lower() if ch.isalnum())


@dataclass
class Candidate:
    first: Household
    second: Household
    score: float
    reasons: list[str] = field(default_factory=list)


def _ages(households: list[int]) -> dict[int, list[int]]:
    ages: dict[int, list[int]] = defaultdict(list)
    rows = Member.objects.filter(household_id__in=households, is_deleted=False, age__isnull=False)
    for household_id, age in rows.values_list("household_id", "age").iterator(chunk_size=2000):
        ages[household_id].append(age)
    return ages


def _same_ages(a: list[int], b: list[int]) -> bool:
    """Most members of the smaller household have an age within a year in the other."""
    if not a or not b:
        return False
    small, large = sorted((sorted(a), sorted(b)), key=len)
    left = list(large)
    matched = 0
    for age in small:
        near = next((x for x in left if abs(x - age) <= 1), None)
        if near is not None:
            left.remove(near)
            matched += 1
    return matched >= max(1, (len(small) * 2 + 2) // 3)


def _pair(a: dict, b: dict, ages: dict[int, list[int]]) -> tuple[float, list[str]] | None:
    reasons = []
    if a["name"] and a["name"] == b["name"]:
        similarity = 1.0
        reasons.append("same_name")
    elif a["name"] and b["name"]:
        similarity = SequenceMatcher(None, a["name"], b["name"]).ratio()
        if similarity >= SIMILAR:
            reasons.append("similar_name")
    else:
        similarity = 0.0
    same_number = bool(a["number"]) and a["number"] == b["number"]
    if same_number:
        reasons.append("same_house_number")
    same_ages = _same_ages(ages.get(a["pk"], []), ages.get(b["pk"], []))
    if same_ages:
        reasons.append("same_ages")
    if similarity < SIMILAR and not (same_number and similarity >= 0.5):
        return None
    return similarity * 0.6 + same_number * 0.25 + same_ages * 0.15, reasons


def duplicate_candidates(households: QuerySet, limit: int = 200) -> list[Candidate]:
    """Likely duplicate pairs among `households` (already scoped), best first."""
    rows = [
        {"pk": pk, "area": area, "name": fold_name(head), "number": fold_number(number)}
        for pk, area, head, number in households.values_list(
            "pk", "area_id", "head_name", "house_number"
        ).iterator(chunk_size=2000)
    ]
    ages = _ages([r["pk"] for r in rows])
    by_area: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_area[row["area"]].append(row)
    found: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for members in by_area.values():
        members.sort(key=lambda r: (r["name"], r["pk"]))
        pairs = set()
        for index, row in enumerate(members):
            for other in members[index + 1 : index + 1 + WINDOW]:
                pairs.add(
                    (row["pk"], other["pk"])
                    if row["pk"] < other["pk"]
                    else (other["pk"], row["pk"])
                )
        numbers: dict[str, list[int]] = defaultdict(list)
        for row in members:
            if row["number"]:
                numbers[row["number"]].append(row["pk"])
        for same in numbers.values():
            pairs.update((x, y) for i, x in enumerate(sorted(same)) for y in sorted(same)[i + 1 :])
        index = {r["pk"]: r for r in members}
        for x, y in pairs:
            scored = _pair(index[x], index[y], ages)
            if scored is not None:
                found[(x, y)] = scored
    best = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    loaded = Household.objects.select_related("area").in_bulk(
        {pk for pair, _ in best for pk in pair}
    )
    return [Candidate(loaded[x], loaded[y], score, reasons) for (x, y), (score, reasons) in best]


def _check(user: Any, *households: Household) -> None:
    for household in households:
        if not may_change(user, household):
            raise PermissionDenied


def household_merge(*, user: Any, kept: Household, merged: Household) -> HouseholdMerge:
    """Merge `merged` into `kept`: both must be live households of the same community."""
    _check(user, kept, merged)
    if kept.pk == merged.pk:
        raise ValidationError(_("A household cannot be merged with itself."))
    with transaction.atomic():
        locked = (
            Household.objects.select_for_update()
            .select_related("area")
            .in_bulk(sorted([kept.pk, merged.pk]))
        )
        kept, merged = locked[kept.pk], locked[merged.pk]
        for household in (kept, merged):
            if household.is_deleted or household.merged_into_id:
                raise ValidationError(
                    _("The household of %(name)s was deleted or merged meanwhile.")
                    % {"name": household}
                )
        if kept.area_id != merged.area_id:
            raise ValidationError(
                _(
                    "Only households of the same community can be merged: %(first)s is in "
                    "%(first_area)s, %(second)s in %(second_area)s."
                )
                % {
                    "first": kept,
                    "first_area": kept.area.name,
                    "second": merged,
                    "second_area": merged.area.name,
                }
            )
        filled = {}
        provenance = dict(kept.provenance or {})
        for name in FILLABLE:
            ours, theirs = getattr(kept, name), getattr(merged, name)
            if ours in (None, "") and theirs not in (None, ""):
                filled[name] = ours
                setattr(kept, name, theirs)
                source = (merged.provenance or {}).get(name.removesuffix("_id"))
                if source:
                    provenance[name.removesuffix("_id")] = source
        kept.provenance = provenance
        kept._history_user = merged._history_user = user
        kept.save()
        merged.merged_into = kept
        merged.save(update_fields=["merged_into", "updated_at"])
        return HouseholdMerge.objects.create(
            kept=kept, merged=merged, filled=filled, merged_by=user
        )


def merge_undo(*, user: Any, merge: HouseholdMerge) -> HouseholdMerge:
    """Put both households back as they were; a filled field someone changed since stays."""
    _check(user, merge.kept, merge.merged)
    with transaction.atomic():
        record = HouseholdMerge.objects.select_for_update().get(pk=merge.pk)
        if record.undone_at is not None:
            raise ValidationError(_("This merge was already undone."))
        locked = Household.objects.select_for_update().in_bulk(
            sorted([record.kept_id, record.merged_id])
        )
        kept, merged = locked[record.kept_id], locked[record.merged_id]
        for name, old in record.filled.items():
            if getattr(kept, name) == getattr(merged, name):
                setattr(kept, name, old)
        kept._history_user = merged._history_user = user
        kept.save()
        merged.merged_into = None
        merged.save(update_fields=["merged_into", "updated_at"])
        record.undone_at, record.undone_by = timezone.now(), user
        record.save(update_fields=["undone_at", "undone_by"])
    return record
