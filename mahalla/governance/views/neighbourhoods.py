"""One neighbourhood as its facilitation office sees it: the offices and their facilitators,
the development documents, the bodies and their meetings, the open resolutions, and how far
the surveys have come."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mahalla.governance import selectors
from mahalla.governance.clock import reader_today
from mahalla.governance.models import DevelopmentDocument, Meeting, Membership
from mahalla.governance.models.resolutions import OPEN_STATUSES
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places.models import Area

SHOWN = 20


def _survey_progress(user, area: Area) -> list:
    """Received, approved and expected submissions under the neighbourhood, per campaign
    that covers it (for those who may see submissions)."""
    if not has_perm(user, Perm.VIEW_SUBMISSIONS, area):
        return []
    from mahalla.surveys.campaigns.progress import level_progress
    from mahalla.surveys.campaigns.selectors import campaign_list

    ancestors = [p for p in area.path.strip("/").split("/") if p]
    campaigns = campaign_list(user=user).filter(area_id__in=[int(p) for p in ancestors])[:5]
    rows = []
    for campaign in campaigns:
        progress = level_progress(campaign=campaign, parent=area).parent
        rows.append((campaign, progress))
    return rows


@login_required
def neighbourhood(request: HttpRequest, pk: int) -> HttpResponse:
    area = (
        for_user(request.user, Perm.VIEW_GOVERNANCE, Area.objects.all())
        .select_related("level")
        .filter(pk=pk)
        .first()
    )
    if area is None:
        if not selectors.may_view(request.user):
            raise PermissionDenied
        raise Http404
    today = reader_today()
    visible = selectors.bodies(request.user)
    offices = list(
        visible.filter(Q(target_areas=area) | Q(area=area, body_type__code="facilitation_office"))
        .distinct()
        .select_related("body_type", "organisation")
    )
    local = list(visible.filter(area=area).select_related("body_type"))
    # The area's tracker counts every body in it and beneath it (a district's communities).
    beneath = set(visible.filter(area__path__startswith=area.path).values_list("pk", flat=True))
    body_ids = {b.pk for b in offices} | beneath
    staff = (
        Membership.objects.filter(body__in=[o.pk for o in offices])
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("body", "organisation")
        .order_by("body_id", "role", "person_name")
    )
    open_rows = selectors.tracker_rows(
        selectors.resolutions(request.user).filter(body__in=body_ids, status__in=OPEN_STATUSES)
    ).order_by("deadline", "pk")
    return render(
        request,
        "governance/neighbourhood.html",
        {
            "area": area,
            "today": today,
            "offices": offices,
            "bodies": local,
            "staff": staff,
            "documents": for_user(
                request.user, Perm.VIEW_GOVERNANCE, DevelopmentDocument.objects.filter(area=area)
            ).order_by("-created_at"),
            "meetings": Meeting.objects.filter(body__in=body_ids)
            .select_related("body")
            .order_by("-starts_at")[:10],
            "resolutions": open_rows[:SHOWN],
            "open_count": open_rows.count(),
            "overdue_count": open_rows.filter(deadline__lt=today).count(),
            "surveys": _survey_progress(request.user, area),
        },
    )
