"""The indicators dashboard of an area (a city or a district), with its XLSX export.

Aggregates only: no name or household is shown, so every registry reader of the area may
open it. Rows of the breakdown link to the same dashboard one level down, and a community
links to its own page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places.models import Area
from mahalla.places.selectors import home_areas
from mahalla.registry import selectors
from mahalla.registry.forms import DashboardFilterForm
from mahalla.registry.indicators.choropleth import feature_collection
from mahalla.registry.indicators.compute import compute
from mahalla.registry.indicators.workbook import workbook


def _area(request: HttpRequest, pk: int) -> Area:
    area = (
        for_user(request.user, Perm.VIEW_REGISTRY, Area.objects.select_related("level", "parent"))
        .filter(pk=pk)
        .first()
    )
    if area is None:
        if not selectors.may_view_registry(request.user):
            raise PermissionDenied
        raise Http404
    return area


def _indicators(request: HttpRequest, area: Area):
    communities = selectors.visible_communities(request.user)
    form = DashboardFilterForm(request.GET or None, communities=communities)
    filters = form.filters()
    return form, filters, compute(user=request.user, area=area, **filters)


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """The dashboards of the areas where one's grants sit (one: opened at once)."""
    if not selectors.may_view_registry(request.user):
        raise PermissionDenied
    tops = list(home_areas(user=request.user)[:50])
    if len(tops) == 1:
        return dashboard(request, tops[0].pk)
    return render(request, "registry/dashboard_home.html", {"areas": tops})


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    area = _area(request, pk)
    form, filters, result = _indicators(request, area)
    children = sorted(result.by_child.values(), key=lambda c: (-c["households"], -c["communities"]))
    parent = (
        area.parent
        if area.parent and has_perm(request.user, Perm.VIEW_REGISTRY, area.parent)
        else None
    )
    return render(
        request,
        "registry/dashboard.html",
        {
            "area": area,
            "parent": parent,
            "form": form,
            "filtered": any(v not in (None, "") for v in filters.values()),
            "result": result,
            "children": children,
            "slum_percent": None
            if result.slum_share is None
            else round(100 * result.slum_share, 1),
            "query": request.GET.urlencode(),
            "report_filters": [
                (name, value)
                for name, value in request.GET.items()
                if name in form.fields and value
            ],
            "report_languages": settings.LANGUAGES,
            "has_map": any(c["area"].geometry for c in children),
        },
    )


@login_required
def dashboard_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    area = _area(request, pk)
    _form, _filters, result = _indicators(request, area)
    response = HttpResponse(
        workbook(result),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    # An ASCII name: a translated one needs RFC 5987 encoding that not every phone reads.
    response["Content-Disposition"] = f'attachment; filename="indicators-{area.pk}.xlsx"'
    return response


@login_required
def dashboard_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard's children with their figures, for the choropleth (same filters)."""
    area = _area(request, pk)
    _form, _filters, result = _indicators(request, area)
    query = f"?{request.GET.urlencode()}" if request.GET else ""

    def url_for(child: Area) -> str:
        if child.level.is_community:
            return reverse("registry:settlement_detail", kwargs={"pk": child.pk})
        return reverse("registry:dashboard", kwargs={"pk": child.pk}) + query

    response = HttpResponse(
        feature_collection(result, url_for), content_type="application/geo+json"
    )
    response["Cache-Control"] = "private, no-cache"
    return response
