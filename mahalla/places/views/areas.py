"""Area list, area detail and the map data of one area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from mahalla.core.history import history_rows
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.places import map_data, selectors
from mahalla.places.editing import may_add_top_level
from mahalla.places.forms import AreaFilterForm
from mahalla.places.models import Area

PAGE_SIZE = 25
CHILDREN_PAGE_SIZE = 50
_MARKER = "2147483647"  # an id no area has, replaced in a reversed URL by each row's id


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
            "areas": page.object_list,
            "filtered": any(filters.values()),
            "can_add_top_level": may_add_top_level(request.user),
            "searched_words": bool(filters.get("q", "").strip()),
            "registration": filters.get("registration", ""),
        },
    )


def _get_area(request: HttpRequest, pk: int) -> Area:
    area = selectors.area_get(user=request.user, pk=pk)
    if area is None:
        raise Http404
    return area


def _children_form(request: HttpRequest, with_registration: bool) -> AreaFilterForm:
    """The search box over the children: a name or code, and the registration when some
    children are communities. Invalid fields are reported and left out of the filter."""
    form = AreaFilterForm(request.GET or None)
    del form.fields["level"]
    if not with_registration:
        del form.fields["registration"]
    return form


def _with_urls(areas: list[Area]) -> list[Area]:
    """Set `detail_url` on each area: one reverse() for the page's rows, not one per row."""
    template = reverse("places:area_detail", kwargs={"pk": int(_MARKER)})
    for area in areas:
        area.detail_url = template.replace(_MARKER, str(area.pk))
    return areas


@login_required
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = _get_area(request, pk)
    user = request.user
    summary = selectors.area_children_summary(user=user, area=area)
    form = _children_form(request, with_registration=summary.communities > 0)
    filters = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    children = selectors.area_children(
        user=user,
        area=area,
        q=filters.get("q", ""),
        registration=filters.get("registration", ""),
    )
    paginator = Paginator(children, CHILDREN_PAGE_SIZE)
    if not any(filters.values()):
        paginator.count = summary.total  # already counted: spare the paginator's COUNT
    page = paginator.get_page(request.GET.get("page"))
    accepts_children = area.accepts_children  # some level lies below this one
    can_change = has_perm(user, Perm.CHANGE_AREA, area)
    crumbs = selectors.area_breadcrumb(user=user, area=area)
    context = {
        "area": area,
        "crumbs": crumbs,
        "parent_linked": bool(crumbs) and crumbs[-1].linked,
        "children_page_size": CHILDREN_PAGE_SIZE,
        "page": page,
        "children": _with_urls(selectors.area_rows(page.object_list)),
        "summary": summary,
        "children_form": form,
        "filtered": any(filters.values()),
        "show_children": bool(summary.total) or accepts_children,
        "can_export": has_perm(user, Perm.EXPORT_AREAS, area),
        "can_import": accepts_children and has_perm(user, Perm.IMPORT_BOUNDARIES, area),
        "can_change": can_change,
        "can_add_child": can_change and accepts_children,
        "can_view_history": has_perm(user, Perm.VIEW_HISTORY, area),
        "has_synthetic": area.geometry_is_synthetic or bool(summary.synthetic),
        "has_geometry": bool(area.geometry_kind) or bool(summary.with_geometry),
    }
    if context["can_view_history"]:
        context["history_rows"] = history_rows(area)
    if context["can_import"]:
        context["imports"] = selectors.boundary_import_list(user=user, area=area, limit=5)
    return render(request, "places/area_detail.html", context)


@login_required
def area_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    area = _get_area(request, pk)
    # One reverse() for the whole map: thousands of them would cost more than the data.
    template = reverse("places:area_detail", kwargs={"pk": int(_MARKER)})
    collection = map_data.area_feature_collection(
        user=request.user,
        area=area,
        url_for=lambda pk: template.replace(_MARKER, str(pk)),
    )
    response = HttpResponse(collection, content_type="application/geo+json")
    response["Cache-Control"] = "private, no-cache"
    return response
