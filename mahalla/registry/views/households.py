"""Household pages: personal data, so every list, search and page is written to the access
log with how many records it showed; soft delete with confirmation, and its undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.audit import access_log_record
from mahalla.core.flash import with_names
from mahalla.core.history import history_rows
from mahalla.core.models import AccessLog
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.registry import evidence, selectors, services
from mahalla.registry.forms import EvidenceForm, HouseholdFilterForm, RelationshipDatesForm
from mahalla.registry.models import Household, HouseholdMerge
from mahalla.registry.provenance import provenance_groups

PAGE_SIZE = 25


def filtered_households(request: HttpRequest):
    """(filter form, filters, households) of a household page, for those who may see them."""
    if not selectors.may_view_households(request.user):
        raise PermissionDenied
    communities = selectors.visible_communities(request.user)
    form = HouseholdFilterForm(request.GET or None, communities=communities)
    filters = form.filters()
    return form, filters, selectors.household_list(user=request.user, **filters)


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    form, filters, households = filtered_households(request)
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    searched = any(filters.values())
    access_log_record(
        user=request.user,
        action=AccessLog.Action.SEARCH if searched else AccessLog.Action.VIEW,
        object_type="registry.household",
        area=filters.get("within"),
        detail=request.GET.urlencode(),
        rows=len(page.object_list),
        request=request,
    )
    return render(
        request,
        "registry/household_list.html",
        {
            "form": form,
            "page": page,
            "households": page.object_list,
            "filtered": searched,
        },
    )


def household_or_404(request: HttpRequest, pk: int, deleted: bool = False) -> Household:
    household = selectors.household_get(user=request.user, pk=pk, deleted=deleted)
    if household is None:
        if not selectors.may_view_households(request.user):
            raise PermissionDenied
        raise Http404
    return household


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_or_404(request, pk, deleted=True)
    access_log_record(
        user=request.user, action=AccessLog.Action.VIEW, obj=household, rows=1, request=request
    )
    can_view_history = has_perm(request.user, Perm.VIEW_HISTORY, household)
    can_change = services.may_change(request.user, household)
    relationships = evidence.relationships_of(household)
    for relationship in relationships:  # each form names its own fields (several per page)
        relationship.dates_form = RelationshipDatesForm(
            prefix=f"dates-{relationship.pk}",
            initial={"valid_from": relationship.valid_from, "valid_to": relationship.valid_to},
        )
        relationship.evidence_form = EvidenceForm(prefix=f"evidence-{relationship.pk}")
    return render(
        request,
        "registry/household_detail.html",
        {
            "household": household,
            "members": list(household.members.all()),
            "can_change": can_change,
            "relationships": relationships,
            "evidence_limit_mb": evidence.max_bytes() // (1024 * 1024),
            "can_see_submissions": has_perm(request.user, Perm.VIEW_SUBMISSIONS, household.area),
            "can_view_history": can_view_history,
            "history_rows": history_rows(household) if can_view_history else [],
            "provenance": provenance_groups(household),
            "merges": list(
                HouseholdMerge.objects.filter(kept=household, undone_at__isnull=True)
                .select_related("merged", "merged_by")
                .order_by("-merged_at")
            ),
        },
    )


@login_required
def household_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes (softly: the page offers the undo)."""
    household = household_or_404(request, pk)
    if not services.may_change(request.user, household):
        raise PermissionDenied
    if request.method == "POST":
        services.household_delete(user=request.user, household=household)
        messages.success(
            request,
            with_names(_("The household of %(name)s was deleted."), name=str(household)),
        )
        return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_delete.html", {"household": household})


@require_POST
@login_required
def household_restore(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_or_404(request, pk, deleted=True)
    if not services.may_change(request.user, household):
        raise PermissionDenied
    services.household_restore(user=request.user, household=household)
    messages.success(
        request, with_names(_("The household of %(name)s is back."), name=str(household))
    )
    return redirect("registry:household_detail", pk=household.pk)
