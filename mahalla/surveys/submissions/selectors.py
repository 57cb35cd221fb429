"""Reading submissions: who may see which, lists with filters, one submission with its parts.

A submission is visible to people holding VIEW_SUBMISSIONS on its place (see scope_rules) and
to the surveyor who sent it (`submitted_by`), who may hold SUBMIT only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.models import (
    Attachment,
    Campaign,
    Form,
    Submission,
    SubmissionComment,
    SubmissionVersion,
)

LIST_RELATED = ("form", "campaign", "area", "submitted_by", "app_user")


def visible_submissions(user: Any) -> QuerySet:
    scoped = for_user(user, Perm.VIEW_SUBMISSIONS, Submission.objects.all())
    if not user.is_authenticated:
        return scoped
    return scoped | Submission.objects.filter(submitted_by=user)


def may_view_somewhere(user: Any) -> bool:
    return has_perm(user, Perm.VIEW_SUBMISSIONS)


def visible_forms(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_SUBMISSIONS, Form.objects.all())


def visible_campaigns(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_SUBMISSIONS, Campaign.objects.all())


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def submission_filter(
    queryset: QuerySet,
    *,
    form: Form | None = None,
    campaign: Campaign | None = None,
    area: Any = None,
    state: str = "",
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    q: str = "",
) -> QuerySet:
    """Filters shared by the list page, the API (and exports): area means its whole subtree."""
    if form is not None:
        queryset = queryset.filter(form=form)
    if campaign is not None:
        queryset = queryset.filter(campaign=campaign)
    if area is not None:
        queryset = queryset.filter(Q(area=area) | Q(area__path__startswith=area.path))
    if state:
        queryset = queryset.filter(review_state=state)
    if received_from:
        queryset = queryset.filter(created_at__gte=_day_start(received_from))
    if received_to:
        queryset = queryset.filter(created_at__lt=_day_start(received_to + dt.timedelta(days=1)))
    if q:
        term = q.strip()
        queryset = queryset.filter(
            Q(instance_id__icontains=term) | Q(versions__instance_id__icontains=term)
        ).distinct()
    return queryset


def submission_list(*, user: Any, **filters: Any) -> QuerySet:
    queryset = visible_submissions(user).select_related(*LIST_RELATED, "area__level")
    return submission_filter(queryset, **filters).order_by("-created_at", "-pk")


def submission_get(*, user: Any, pk: int) -> Submission | None:
    versions = SubmissionVersion.objects.select_related(
        "form_version", "submitted_by", "app_user"
    ).prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("name")))
    comments = SubmissionComment.objects.select_related("author")
    return (
        visible_submissions(user)
        .select_related(*LIST_RELATED, "current__form_version", "area__level")
        .prefetch_related(Prefetch("versions", queryset=versions), Prefetch("comments", comments))
        .filter(pk=pk)
        .first()
    )


def my_submissions(*, user: Any) -> QuerySet:
    comments = SubmissionComment.objects.select_related("author")
    return (
        Submission.objects.filter(submitted_by=user)
        .select_related("form", "campaign", "area")
        .prefetch_related(Prefetch("comments", comments))
        .order_by("-created_at", "-pk")
    )


def attachment_get(*, user: Any, pk: int) -> Attachment | None:
    attachment = Attachment.objects.select_related("version__submission").filter(pk=pk).first()
    if attachment is None:
        return None
    if not visible_submissions(user).filter(pk=attachment.version.submission_id).exists():
        return None
    return attachment
