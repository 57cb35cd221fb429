"""Progress of a campaign per area: received, approved and expected, counted through subtrees.

A submission assigned to a community counts for its district and city too. For one level
(the children of `parent`) everything is read in three queries whatever the number of areas:
the children, the submissions grouped by their area's path beneath `parent`, and the targets
beneath `parent`; each path is then credited to the child whose path it starts with.

Expected for an area is its own target when it has one, else the sum of the targets beneath
it (a district may be given a total, or its communities one by one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from mahalla.core.db import collated_name
from mahalla.places.models import Area
from mahalla.surveys.models import Campaign, CampaignTarget, ReviewState, Submission

SORTS = ("name", "received", "approved", "expected", "ratio")


@dataclass
class AreaProgress:
    area: Area
    received: int = 0
    approved: int = 0
    expected: int = 0
    has_children: bool = False

    @property
    def ratio(self) -> float | None:
        """Received over expected (may pass 1); None when nothing is expected."""
        return self.received / self.expected if self.expected else None

    @property
    def approved_ratio(self) -> float | None:
        return self.approved / self.expected if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)


@dataclass
class LevelProgress:
    parent: AreaProgress
    rows: list[AreaProgress]
    unplaced: int  # received submissions not yet assigned to an area (counted on the top)


def _child_id(path: str, depth: int) -> int | None:
    """The id of the ancestor at `depth` in a materialised path ("/1/7/42/", depth 1 → 7)."""
    parts = path.strip("/").split("/")
    return int(parts[depth]) if len(parts) > depth else None


def _children(parent: Area, areas: QuerySet | None) -> list[Area]:
    qs = areas if areas is not None else Area.objects.all()
    qs = qs.filter(parent=parent).select_related("level").defer("geometry", "search_text")
    return list(qs.order_by(collated_name(), "pk"))


def level_progress(
    *, campaign: Campaign, parent: Area, areas: QuerySet | None = None, sort: str = "name"
) -> LevelProgress:
    """Progress of `parent` and of each of its children (`areas` narrows the children)."""
    children = _children(parent, areas)
    by_id = {a.pk: AreaProgress(area=a) for a in children}
    total = AreaProgress(area=parent)
    submissions = (
        Submission.objects.filter(campaign=campaign, area__path__startswith=parent.path)
        .values("area__path")
        .annotate(
            received=Count("pk"),
            approved=Count("pk", filter=Q(review_state=ReviewState.APPROVED)),
        )
    )
    depth = parent.depth + 1
    for row in submissions:
        total.received += row["received"]
        total.approved += row["approved"]
        child = by_id.get(_child_id(row["area__path"], depth))
        if child is not None:
            child.received += row["received"]
            child.approved += row["approved"]
    own: dict[int, int] = {}
    beneath: dict[int, int] = defaultdict(int)
    targets = CampaignTarget.objects.filter(
        campaign=campaign, area__path__startswith=parent.path
    ).values_list("area_id", "area__path", "expected")
    parent_own, parent_beneath = None, 0
    for area_id, path, expected in targets:
        if area_id == parent.pk:
            parent_own = expected
            continue
        parent_beneath += expected
        child_id = _child_id(path, depth)
        if child_id == area_id:
            own[child_id] = expected
        elif child_id is not None:
            beneath[child_id] += expected
    for pk, child in by_id.items():
        child.expected = own.get(pk, beneath.get(pk, 0))
    total.expected = parent_own if parent_own is not None else parent_beneath
    parents_with_children = set(
        Area.objects.filter(parent__in=list(by_id)).values_list("parent_id", flat=True).distinct()
    )
    for pk in parents_with_children:
        by_id[pk].has_children = True
    unplaced = 0
    if parent.pk == campaign.area_id:
        unplaced = Submission.objects.filter(campaign=campaign, area__isnull=True).count()
        total.received += unplaced
    rows = sort_rows(list(by_id.values()), sort)
    return LevelProgress(parent=total, rows=rows, unplaced=unplaced)


def sort_rows(rows: list[AreaProgress], sort: str) -> list[AreaProgress]:
    """Rows in the collated name order they came in, or by a figure (largest first, ties
    kept in name order); "-name" etc. reverse."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS or key == "name":
        return list(reversed(rows)) if descending else rows

    def figure(row: AreaProgress) -> Any:
        value = getattr(row, key)
        return -1.0 if value is None else value

    # Figures read best largest first; "-received" gives the smallest first.
    return sorted(rows, key=figure, reverse=not descending)
