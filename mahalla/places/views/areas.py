"""Area list, area detail and the map data of one area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from mahalla.core.history import history_rows
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.places import selectors
from mahalla.places.editing import may_add_top_level
from mahalla.places.forms import AreaFilterForm
from mahalla.places.models import Area, AreaLevel

PAGE_SIZE = 25


def _language() -> str:
    return (get_language() or "en")[:2]


@login_required
def area_list(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    areas = selectors.area_search(
        user=request.user,
        q=filters.get("q", ""),
        level=filters.get("level"),
        registration=filters.get("registration", ""),
    )
    page = Paginator(areas, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "places/area_list.html",
        {
            "form": form,
            "page": page,
            "areas": selectors.sort_by_name(list(page.object_list), _language()),
            "filtered": any(filters.values()),
            "can_add_top_level": may_add_top_level(request.user),
        },
    )


def _get_area(request: HttpRequest, pk: int) -> Area:
    area = selectors.area_get(user=request.user, pk=pk)
    if area is None:
        raise Http404
    return area


@login_required
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = _get_area(request, pk)
    user = request.user
    children = selectors.sort_by_name(
        list(selectors.area_children(user=user, area=area)), _language()
    )
    context = {
        "area": area,
        "crumbs": selectors.area_breadcrumb(user=user, area=area),
        "children": children,
        "unregistered_count": sum(
            1 for child in children if child.registration == Area.Registration.UNREGISTERED
        ),
        "can_export": has_perm(user, Perm.EXPORT_AREAS, area),
        "can_import": has_perm(user, Perm.IMPORT_BOUNDARIES, area),
        "can_change": has_perm(user, Perm.CHANGE_AREA, area),
        "can_view_history": has_perm(user, Perm.VIEW_HISTORY, area),
        "has_synthetic": area.geometry_is_synthetic
        or any(child.geometry_is_synthetic for child in children),
        "has_geometry": bool(area.geometry) or any(child.geometry_kind for child in children),
    }
    # Nothing can be added beneath the lowest level (a community, usually).
    context["can_add_child"] = (
        context["can_change"] and AreaLevel.objects.filter(rank__gt=area.level.rank).exists()
    )
    if context["can_view_history"]:
        context["history_rows"] = history_rows(area)
    if context["can_import"]:
        context["imports"] = selectors.boundary_import_list(user=user, area=area, limit=5)
    return render(request, "places/area_detail.html", context)


@login_required
def area_geojson(request: HttpRequest, pk: int) -> JsonResponse:
    area = _get_area(request, pk)
    collection = selectors.area_feature_collection(
        user=request.user,
        area=area,
        url_for=lambda a: reverse("places:area_detail", kwargs={"pk": a.pk}),
    )
    response = JsonResponse(collection, content_type="application/geo+json")
    response["Cache-Control"] = "private, no-cache"
    return response
