"""Possible duplicates, the side-by-side comparison before a merge, and the merge's undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.audit import access_log_record
from mahalla.core.flash import with_names
from mahalla.core.models import AccessLog
from mahalla.registry import duplicates, selectors, services
from mahalla.registry.merge_view import merge_rows
from mahalla.registry.models import HouseholdMerge
from mahalla.registry.views.households import filtered_households, household_or_404

DUPLICATES_SHOWN = 50


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """Pairs of households that may be one household surveyed twice, best first."""
    form, filters, households = filtered_households(request)
    candidates = duplicates.duplicate_candidates(households, limit=DUPLICATES_SHOWN)
    access_log_record(
        user=request.user,
        action=AccessLog.Action.SEARCH,
        object_type="registry.household",
        area=filters.get("within") or filters.get("community"),
        detail=f"duplicates {request.GET.urlencode()}".strip(),
        rows=2 * len(candidates),
        request=request,
    )
    return render(
        request,
        "registry/duplicate_list.html",
        {"form": form, "candidates": candidates, "filtered": any(filters.values())},
    )


@login_required
def household_merge(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """GET compares the two households side by side; POST merges `other` into `pk`."""
    kept, merged = household_or_404(request, pk), household_or_404(request, other)
    if not (services.may_change(request.user, kept) and services.may_change(request.user, merged)):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            duplicates.household_merge(user=request.user, kept=kept, merged=merged)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                with_names(
                    _("%(merged)s was merged into %(kept)s. The merge can be undone below."),
                    merged=str(merged),
                    kept=str(kept),
                ),
            )
            return redirect("registry:household_detail", pk=kept.pk)
    for household in (kept, merged):
        access_log_record(
            user=request.user, action=AccessLog.Action.VIEW, obj=household, rows=1, request=request
        )
    context = {"kept": kept, "merged": merged, "error": error, "rows": merge_rows(kept, merged)}
    return render(request, "registry/household_merge.html", context, status=400 if error else 200)


@require_POST
@login_required
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = HouseholdMerge.objects.select_related("kept", "merged").filter(pk=pk).first()
    if merge is None or selectors.household_get(user=request.user, pk=merge.kept_id) is None:
        if not selectors.may_view_households(request.user):
            raise PermissionDenied
        raise Http404
    if not services.may_change(request.user, merge.kept):
        raise PermissionDenied
    try:
        duplicates.merge_undo(user=request.user, merge=merge)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(
            request, with_names(_("%(name)s is its own household again."), name=str(merge.merged))
        )
    return redirect("registry:household_detail", pk=merge.kept_id)
