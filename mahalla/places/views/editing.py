"""Adding a place beneath another and editing one, by hand, for places without a GIS file."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mahalla.core.flash import with_names
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places import editing
from mahalla.places.edit_forms import AreaCreateForm, AreaUpdateForm
from mahalla.places.models import Area


def _changeable_area(request: HttpRequest, pk: int) -> Area:
    """The area if the user may change it; 404 otherwise, as for anything out of scope."""
    areas = for_user(request.user, Perm.CHANGE_AREA, Area.objects.select_related("level", "parent"))
    return get_object_or_404(areas, pk=pk)


def _map_area(request: HttpRequest, area: Area | None) -> Area | None:
    """The area whose map helps to pick the point, if the user may see it."""
    if area is not None and has_perm(request.user, Perm.VIEW_AREA, area):
        return area
    return None


def _create_page(request: HttpRequest, parent: Area | None, create: Callable) -> HttpResponse:
    """The "add a place" form, beneath `parent` or at the top; `create` is the service."""
    form = AreaCreateForm(request.POST if request.method == "POST" else None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            area = create(by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, with_names(_("%(name)s was added."), name=area.name))
            return redirect("places:area_detail", pk=area.pk)
    context = {
        "form": form,
        "parent": parent,
        "area": None,
        "map_area": parent,
        "has_levels": bool(form.fields["level"].queryset),
    }
    return render(request, "places/area_form.html", context)


@login_required
def area_create(request: HttpRequest, parent_pk: int) -> HttpResponse:
    parent = _changeable_area(request, parent_pk)
    return _create_page(request, parent, partial(editing.area_child_create, parent=parent))


@login_required
def area_create_top_level(request: HttpRequest) -> HttpResponse:
    """A place with no parent (a country, a new province), for administrators of everything."""
    if not editing.may_add_top_level(request.user):
        raise PermissionDenied
    return _create_page(request, None, editing.area_top_level_create)


@login_required
def area_update(request: HttpRequest, pk: int) -> HttpResponse:
    area = _changeable_area(request, pk)
    location = editing.location_is_editable(area)
    form = AreaUpdateForm(
        request.POST if request.method == "POST" else None, area=area, location=location
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.area_details_update(by=request.user, area=area, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("places:area_detail", pk=area.pk)
    context = {
        "form": form,
        "parent": area.parent,
        "area": area,
        "map_area": _map_area(request, area.parent) if location else None,
        "has_levels": True,
    }
    return render(request, "places/area_form.html", context)
