"""Who may fill a published form version in the browser, and for which campaign.

A person may fill a version when they hold SUBMIT on the form's area, or when the version is
part of a campaign whose team lists them as a surveyor (or whose area they hold SUBMIT on).
A version out of reach is a 404; SUBMIT held nowhere and no campaign team is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.models import Campaign, FormVersion
from mahalla.surveys.teams import campaigns_for


@dataclass(frozen=True)
class WebformAccess:
    version: FormVersion
    campaign: Campaign | None
    campaigns: list[Campaign]


def fillable_versions(user) -> QuerySet[FormVersion]:
    """Published versions the person may fill: in SUBMIT scope or in one of their campaigns."""
    published = FormVersion.objects.filter(state=FormVersion.State.PUBLISHED)
    scoped = for_user(user, Perm.SUBMIT, published).values("pk")
    via_campaign = published.filter(campaigns__in=campaigns_for(user)).values("pk")
    return (
        published.filter(Q(pk__in=scoped) | Q(pk__in=via_campaign))
        .select_related("form")
        .order_by("form__xml_form_id", "-published_at", "-pk")
    )


def webform_access(user, pk: int, campaign_pk: str | None = None) -> WebformAccess:
    """The version (and campaign) a person may fill, or the 403/404 the page answers."""
    campaigns = campaigns_for(user) if user.is_authenticated else Campaign.objects.none()
    if not has_perm(user, Perm.SUBMIT) and not campaigns.exists():
        raise PermissionDenied
    version = (
        FormVersion.objects.filter(pk=pk, state=FormVersion.State.PUBLISHED)
        .select_related("form")
        .first()
    )
    if version is None:
        raise Http404
    mine = list(campaigns_for(user, version))
    in_scope = for_user(user, Perm.SUBMIT, FormVersion.objects.filter(pk=pk)).exists()
    if not in_scope and not mine:
        raise Http404
    campaign = None
    if campaign_pk:
        campaign = next((c for c in mine if str(c.pk) == campaign_pk), None)
        if campaign is None:
            raise Http404
    else:
        open_ones = [c for c in mine if c.status == Campaign.Status.OPEN]
        # A surveyor who reaches the form only through a campaign sends for that campaign.
        if len(open_ones) == 1 or (not in_scope and open_ones):
            campaign = open_ones[0]
        elif not in_scope:
            campaign = mine[0]
    return WebformAccess(version=version, campaign=campaign, campaigns=mine)
