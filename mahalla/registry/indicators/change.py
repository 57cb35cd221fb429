"""Change over time: the community indicators of each survey round side by side.

A round is a campaign; a community surveyed twice in one round counts once, by its latest
profile of that round. Every round counts the area's communities as the reader may see
them, whatever the dashboard's filters (a filter on a profile's values would pick different
communities in each round, and the difference would no longer be change).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext_lazy as _

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.registry.indicators.tables import Row, Table
from mahalla.registry.models import SettlementProfile
from mahalla.surveys.models import Campaign

MAX_ROUNDS = 6  # columns a phone can still read; the oldest rounds beyond it are left out

ROWS = (
    ("communities", _("communities surveyed")),
    ("households", _("households (profiles)")),
    ("population", _("people (profiles)")),
    ("no_tenure", _("communities without a documented right")),
    ("eviction", _("communities with an eviction notice")),
    ("no_water", _("communities without piped water")),
    ("no_toilets", _("communities without toilets")),
    ("flood", _("communities facing floods")),
)


def rounds_table(*, user: Any, area: Area) -> Table | None:
    profiles = for_user(
        user,
        Perm.VIEW_REGISTRY,
        SettlementProfile.objects.filter(
            is_deleted=False, campaign__isnull=False, area__path__startswith=area.path
        ),
    )
    latest: dict[tuple[int, int], dict] = {}
    columns = ("pk", "campaign_id", "area_id", "households", "population", "tenure_situation__code",
               "eviction_threat__code", "water__code", "toilets__code")  # fmt: skip
    for row in profiles.order_by("observed_on", "pk").values_list(*columns):
        record = dict(zip(columns, row, strict=True))
        latest[(record["campaign_id"], record["area_id"])] = record  # later ones win
    if not latest:
        return None
    flooded = set(
        SettlementProfile.hazards.through.objects.filter(
            settlementprofile_id__in=[r["pk"] for r in latest.values()], value__code="flood"
        ).values_list("settlementprofile_id", flat=True)
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(dict(ROWS), 0))
    for (campaign_id, _area_id), record in latest.items():
        count = counts[campaign_id]
        count["communities"] += 1
        count["households"] += record["households"] or 0
        count["population"] += record["population"] or 0
        count["no_tenure"] += record["tenure_situation__code"] == "none"
        count["eviction"] += record["eviction_threat__code"] == "notice"
        count["no_water"] += record["water__code"] == "none"
        count["no_toilets"] += record["toilets__code"] == "none"
        count["flood"] += record["pk"] in flooded
    rounds = list(Campaign.objects.filter(pk__in=counts).order_by("starts_on", "pk"))
    rounds = rounds[-MAX_ROUNDS:]
    change = len(rounds) > 1
    header = [c.name for c in rounds] + ([_("change")] if change else [])
    rows = []
    for key, label in ROWS:
        values = [counts[c.pk][key] for c in rounds]
        if change:
            values.append(values[-1] - values[0])
        rows.append(Row(label, values, key=key))
    return Table(
        "rounds",
        _("Change between survey rounds"),
        header,
        rows,
        note=_(
            "Each round counts the communities surveyed in it, by their latest profile of the "
            "round, whatever the filters above; the last column is the last round minus the "
            "first."
        ),
        chart=False,
    )
