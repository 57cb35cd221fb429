"""Reading campaigns: the scoped list with its figures, one campaign, the areas of a level."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mahalla.core.db import collated_name
from mahalla.core.history import _who_name
from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area, AreaLevel
from mahalla.surveys.models import Campaign, CampaignTarget, Submission


def _received() -> Subquery:
    counted = (
        Submission.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def campaign_list(*, user: Any, q: str = "", status: str = "") -> QuerySet[Campaign]:
    """Campaigns the user may see (view submissions), newest first, with their figures."""
    campaigns = for_user(user, Perm.VIEW_SUBMISSIONS, Campaign.objects.all())
    if status:
        campaigns = campaigns.filter(status=status)
    needle = q.strip()
    if needle:
        words = Q()
        for field in ("name_en", "name_th", "name_fa"):
            words |= Q(**{f"{field}__icontains": needle})
        folded = normalize_search(needle)
        if folded and folded != needle:
            for field in ("name_en", "name_th", "name_fa"):
                words |= Q(**{f"{field}__icontains": folded})
        campaigns = campaigns.filter(words)
    return (
        campaigns.select_related("area__level")
        .annotate(received=_received(), target_count=Count("targets", distinct=True))
        .order_by("-created_at", "-pk")
    )


def campaign_get(*, user: Any, pk: int, perm: str = Perm.VIEW_SUBMISSIONS) -> Campaign | None:
    qs = Campaign.objects.select_related("area__level", "created_by")
    return for_user(user, perm, qs).filter(pk=pk).first()


def area_in_campaign(*, campaign: Campaign, pk: int | None) -> Area | None:
    """The campaign's area or an area beneath it (None for anything else)."""
    if pk is None:
        return campaign.area
    return (
        Area.objects.select_related("level")
        .filter(pk=pk, path__startswith=campaign.area.path)
        .first()
    )


def area_trail(*, campaign: Campaign, area: Area) -> list[Area]:
    """The areas from the campaign's area down to `area`'s parent, for the breadcrumb."""
    ids = area.ancestor_ids()
    trail = Area.objects.filter(pk__in=ids, path__startswith=campaign.area.path)
    return list(trail.order_by("depth"))


def target_levels(campaign: Campaign) -> QuerySet[AreaLevel]:
    return AreaLevel.objects.filter(rank__gt=campaign.area.level.rank).order_by("rank")


def level_areas(*, campaign: Campaign, level: AreaLevel, limit: int) -> list[Area]:
    areas = Area.objects.filter(path__startswith=campaign.area.path, level=level)
    return list(areas.defer("geometry", "search_text").order_by(collated_name(), "pk")[:limit])


def level_area_count(*, campaign: Campaign, level: AreaLevel) -> int:
    return Area.objects.filter(path__startswith=campaign.area.path, level=level).count()


def current_targets(campaign: Campaign) -> dict[int, int]:
    return dict(CampaignTarget.objects.filter(campaign=campaign).values_list("area_id", "expected"))


def target_history(campaign: Campaign, limit: int = 50) -> list[Any]:
    """The newest changes of the campaign's targets (set, changed, removed), with the area."""
    records = (
        CampaignTarget.history.filter(campaign_id=campaign.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    records = list(records)
    areas = Area.objects.in_bulk({r.area_id for r in records})
    for record in records:
        area = areas.get(record.area_id)
        record.area_name = area.name if area else f"#{record.area_id}"
        record.who_name = _who_name(record.history_user)
    return records
