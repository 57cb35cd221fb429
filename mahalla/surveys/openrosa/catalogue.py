"""Which form versions a caller's form list shows (and so may download).

- an app user: the published versions of its campaign, unless the campaign is closed (status
  closed, or its end date passed); a planned campaign's forms are listed so devices can be
  set up before it opens (its submissions are refused until then);
- a signed-in person: published versions of forms in their SUBMIT scope.
One version per form ID (Collect keys its forms by form ID): the newest published.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.surveys.models import Campaign, FormMedia, FormVersion
from mahalla.surveys.teams import campaigns_for


def _campaign_closed(campaign: Campaign) -> bool:
    return campaign.status == Campaign.Status.CLOSED or (
        campaign.ends_on is not None and campaign.ends_on < timezone.localdate()
    )


def listed_versions(user, app_user) -> list[FormVersion]:
    published = FormVersion.objects.filter(state=FormVersion.State.PUBLISHED)
    if app_user is not None:
        if _campaign_closed(app_user.campaign):
            return []
        versions = published.filter(campaigns=app_user.campaign)
    else:
        # In their own SUBMIT scope, or in a campaign they may send for (mahalla.surveys.teams).
        scoped = for_user(user, Perm.SUBMIT, published).values("pk")
        teams = published.filter(campaigns__in=campaigns_for(user)).values("pk")
        versions = published.filter(Q(pk__in=scoped) | Q(pk__in=teams))
    newest: dict[int, FormVersion] = {}
    for version in versions.select_related("form").order_by(
        "form__xml_form_id", "-published_at", "-pk"
    ):
        newest.setdefault(version.form_id, version)
    return list(newest.values())


def versions_with_media(versions: list[FormVersion]) -> set[int]:
    return set(FormMedia.objects.filter(version__in=versions).values_list("version_id", flat=True))


def form_name(version: FormVersion) -> str:
    """The form's name in the active language, else the version's title."""
    return version.form.name or next(iter(version.titles.values()), version.form.xml_form_id)
