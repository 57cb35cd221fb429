"""Who may send submissions for a campaign: one rule for ODK Collect, the web form and the API.

A person may send for a campaign when its team lists them as a surveyor or when they hold
SUBMIT on the campaign's area. Forms are often owned by a city while surveyors hold their
role on one district: the campaign is what lets them send to the city's form.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.surveys.models import Campaign, FormVersion


def campaigns_for(user, version: FormVersion | None = None) -> QuerySet[Campaign]:
    """Campaigns the person may send submissions for (of `version`, if given)."""
    scoped = for_user(user, Perm.SUBMIT, Campaign.objects.all()).values("pk")
    campaigns = Campaign.objects.filter(Q(surveyors=user) | Q(pk__in=scoped))
    if version is not None:
        campaigns = campaigns.filter(form_versions=version)
    return campaigns.distinct().order_by("-created_at", "-pk")
