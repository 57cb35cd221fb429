"""Reads of survey forms, always through the scoping function."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.surveys.models import Form, FormVersion

# Seeing forms: reviewers and managers (surveyors reach their forms through campaigns).
VIEW_PERMS = (Perm.VIEW_SUBMISSIONS, Perm.MANAGE_SURVEYS)


def may_see_forms(user) -> bool:
    return any(not user_scope(user, perm).is_empty for perm in VIEW_PERMS)


def scoped(user, qs: QuerySet) -> QuerySet:
    return for_user(user, VIEW_PERMS[0], qs) | for_user(user, VIEW_PERMS[1], qs)


def form_search(*, user, q: str = "") -> QuerySet[Form]:
    forms = scoped(user, Form.objects.select_related("area"))
    if q.strip():
        needle = q.strip()
        forms = forms.filter(
            Q(xml_form_id__icontains=needle)
            | Q(name_en__icontains=needle)
            | Q(name_th__icontains=needle)
            | Q(name_fa__icontains=needle)
        )
    return forms.annotate(
        version_count=Count("versions", distinct=True),
        published_count=Count(
            "versions", filter=Q(versions__state=FormVersion.State.PUBLISHED), distinct=True
        ),
        last_change=Max("versions__created_at"),
    ).order_by("xml_form_id")


def form_get(*, user, pk: int) -> Form | None:
    return scoped(user, Form.objects.select_related("area")).filter(pk=pk).first()


def version_get(*, user, pk: int) -> FormVersion | None:
    qs = FormVersion.objects.select_related("form", "form__area", "created_by", "published_by")
    return scoped(user, qs).filter(pk=pk).first()
