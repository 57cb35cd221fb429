"""Settlement pages: communities with their latest profile, and one community's rounds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mahalla.core.history import history_rows
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.registry import selectors
from mahalla.registry.forms import SettlementFilterForm
from mahalla.registry.models import Household
from mahalla.registry.provenance import provenance_groups

PAGE_SIZE = 25


@login_required
def settlement_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view_registry(request.user):
        raise PermissionDenied
    communities = selectors.visible_communities(request.user)
    form = SettlementFilterForm(request.GET or None, communities=communities)
    filters = form.filters()
    rows = selectors.settlement_list(user=request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    profiles = selectors.profiles_for([a.profile_id for a in page.object_list if a.profile_id])
    for area in page.object_list:
        area.profile = profiles.get(area.profile_id)
    return render(
        request,
        "registry/settlement_list.html",
        {
            "form": form,
            "page": page,
            "settlements": page.object_list,
            "filtered": any(filters.values()),
            "can_see_households": selectors.may_view_households(request.user),
            "can_edit_mappings": has_perm(request.user, Perm.CHANGE_REGISTRY)
            and has_perm(request.user, Perm.MANAGE_SURVEYS),
        },
    )


@login_required
def settlement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = selectors.settlement_get(user=request.user, pk=pk)
    if area is None:
        if not selectors.may_view_registry(request.user):
            raise PermissionDenied
        raise Http404
    profiles = selectors.settlement_profiles(area)
    may_see_households = has_perm(request.user, Perm.VIEW_PERSONAL_DATA, area)
    context = {
        "area": area,
        "profiles": profiles,
        "latest": profiles[0] if profiles else None,
        "household_count": Household.objects.filter(
            area=area, is_deleted=False, merged_into__isnull=True
        ).count(),
        "can_see_households": may_see_households,
        "can_see_submissions": has_perm(request.user, Perm.VIEW_SUBMISSIONS, area),
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, area),
    }
    if profiles:
        context["latest_provenance"] = provenance_groups(profiles[0])
    if profiles and context["can_view_history"]:
        context["history_rows"] = history_rows(profiles[0])
    return render(request, "registry/settlement_detail.html", context)
