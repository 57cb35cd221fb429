"""Registry demo data comes from the survey demo's approvals (the same services a reviewer
uses); this module removes it before the demo's places are removed."""

from __future__ import annotations

from django.db.models import Q

from mahalla.registry.models import Household, SettlementProfile, SpatialUnit


def reset(area_paths: list[str]) -> dict[str, int]:
    in_demo = Q(pk__in=[])
    for path in area_paths:
        in_demo |= Q(area__path__startswith=path)
    return {
        # Members and tenure relationships go with their households and spatial units.
        "households": Household.objects.filter(in_demo).delete()[0],
        "settlement profiles": SettlementProfile.objects.filter(in_demo).delete()[0],
        "spatial units": SpatialUnit.objects.filter(in_demo).delete()[0],
    }
