"""What one can do to a campaign: save it, set its targets and team, and whether it is open.

Plain functions with keyword-only arguments; views and the API call them, the OpenRosa intake
calls `accepts_submissions` before it stores anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mahalla.core.i18n.calendars import format_date
from mahalla.core.i18n.languages import SUPPORTED
from mahalla.core.jobs.messages import Message, message
from mahalla.people.models import RoleGrant, User
from mahalla.people.roles import ROLE_PERMISSIONS, Perm
from mahalla.places.models import Area
from mahalla.surveys.models import Campaign, CampaignTarget


def date_names(value: date) -> dict:
    """A date as a message parameter: written in every language's calendar and digits, so the
    reader sees theirs (the `names` parameter of mahalla.core.jobs.messages)."""
    return {"names": {code: format_date(value, language=code) for code in SUPPORTED}}


def _today(at: datetime | date | None) -> date:
    if at is None:
        return timezone.localdate()
    if isinstance(at, datetime):
        return timezone.localdate(at) if timezone.is_aware(at) else at.date()
    return at


def accepts_submissions(campaign: Campaign, at: datetime | date | None = None) -> Message | None:
    """None when `campaign` takes submissions at `at` (now by default); else why not.

    Closed wins over the dates; a planned campaign whose period has begun is still "not
    started": the manager opens it. The period's days are whole days in the site's time zone.
    """
    today = _today(at)
    if campaign.status == Campaign.Status.CLOSED:
        return message("surveys.campaign_closed", campaign=_campaign_names(campaign))
    if campaign.ends_on and today > campaign.ends_on:
        return message(
            "surveys.campaign_ended",
            campaign=_campaign_names(campaign),
            date=date_names(campaign.ends_on),
        )
    if campaign.starts_on and today < campaign.starts_on:
        return message(
            "surveys.campaign_not_started",
            campaign=_campaign_names(campaign),
            date=date_names(campaign.starts_on),
        )
    if campaign.status == Campaign.Status.PLANNED:
        return message("surveys.campaign_not_open", campaign=_campaign_names(campaign))
    return None


def _campaign_names(campaign: Campaign) -> dict:
    names = {code: getattr(campaign, f"name_{code}", "") or "" for code in SUPPORTED}
    fallback = next((n for n in names.values() if n), f"#{campaign.pk}")
    return {"names": {code: name or fallback for code, name in names.items()}}


def surveyor_candidates(area: Area) -> QuerySet[User]:
    """Active people holding SUBMIT on `area`: a grant on it, above it or inside it (a
    community's volunteer surveys for the district's campaign). Adding one to a team grants
    nothing: the grant is what lets them submit."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.SUBMIT in perms]
    parts = area.path.strip("/").split("/")
    ancestors = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    on_area = Q(area__path__in=ancestors) | Q(area__path__startswith=area.path)
    grants = RoleGrant.objects.filter(revoked_at__isnull=True, role__in=roles).filter(on_area)
    return User.objects.filter(is_active=True, pk__in=grants.values("user_id")).order_by(
        "first_name", "username"
    )


def _reason(text: str) -> str:
    return text[:100]


@transaction.atomic
def campaign_save(
    *,
    campaign: Campaign,
    by: User | None,
    form_versions: Iterable[Any] | None = None,
    surveyors: Iterable[User] | None = None,
    reason: str = "",
) -> Campaign:
    """Validate and save `campaign` (new or changed) with its versions and team."""
    if campaign.pk is None:
        campaign.created_by = by
    campaign.full_clean(exclude=["created_by"])
    campaign._history_user = by
    campaign._change_reason = _reason(reason)
    campaign.save()
    if form_versions is not None:
        campaign.form_versions.set(list(form_versions))
    if surveyors is not None:
        allowed = set(surveyor_candidates(campaign.area).values_list("pk", flat=True))
        chosen = [user for user in surveyors if user.pk in allowed]
        campaign.surveyors.set(chosen)
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, by: User | None) -> Campaign:
    campaign.status = Campaign.Status.CLOSED
    campaign._history_user = by
    campaign.save(update_fields=["status"])
    return campaign


@transaction.atomic
def targets_set(
    *, campaign: Campaign, expected: Mapping[int, int | None], by: User | None, reason: str = ""
) -> dict[str, int]:
    """Set the expected count of each area id in `expected`; None (or 0 from a table's empty
    cell) removes the target. Areas must lie in the campaign's area. Returns counts of
    created, updated and removed targets.

    The campaign's row is locked first (PostgreSQL), so two managers saving at once write
    one after the other instead of both creating the same target."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    area_ids = set(expected)
    inside = set(
        Area.objects.filter(pk__in=area_ids, path__startswith=campaign.area.path).values_list(
            "pk", flat=True
        )
    )
    if outside := area_ids - inside:
        raise ValueError(f"areas outside the campaign's area: {sorted(outside)}")
    existing = {t.area_id: t for t in CampaignTarget.objects.filter(campaign=campaign)}
    counts = {"created": 0, "updated": 0, "removed": 0}
    for area_id, value in expected.items():
        target = existing.get(area_id)
        if not value:
            if target is not None:
                target._history_user = by
                target._change_reason = _reason(reason)
                target.delete()
                counts["removed"] += 1
            continue
        if target is None:
            target = CampaignTarget(campaign=campaign, area_id=area_id, expected=value)
            counts["created"] += 1
        elif target.expected != value:
            target.expected = value
            counts["updated"] += 1
        else:
            continue
        target._history_user = by
        target._change_reason = _reason(reason)
        target.save()
    return counts
