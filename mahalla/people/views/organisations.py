from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mahalla.core.history import history_rows
from mahalla.people import selectors, services
from mahalla.people.forms import OrganisationFilterForm, OrganisationForm
from mahalla.people.models import Organisation
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.people.views.common import paginate, require_perm

_FIELDS = OrganisationForm.Meta.fields


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, Perm.VIEW_ORGANISATION)
    form = OrganisationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(
        user=request.user, q=filters.get("q", ""), kind=filters.get("kind", "")
    )
    return render(
        request,
        "people/organisation_list.html",
        {
            "form": form,
            "page": paginate(request, organisations),
            "filtered": any(filters.values()),
            "can_create": has_perm(request.user, Perm.CHANGE_ORGANISATION),
        },
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = for_user(request.user, Perm.VIEW_ORGANISATION, Organisation.objects.all())
    organisation = get_object_or_404(visible.select_related("area__level"), pk=pk)
    user = request.user
    context = {
        "organisation": organisation,
        "can_change": has_perm(user, Perm.CHANGE_ORGANISATION, organisation),
        "can_manage_roles": has_perm(user, Perm.MANAGE_ROLES, organisation),
        "can_view_history": has_perm(user, Perm.VIEW_HISTORY, organisation),
    }
    if context["can_manage_roles"]:
        context["grants"] = selectors.grant_list(user=user).filter(organisation=organisation)
    if context["can_view_history"]:
        context["history_rows"] = history_rows(organisation)
    return render(request, "people/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, Perm.CHANGE_ORGANISATION)
    form = OrganisationForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in _FIELDS}
        try:
            organisation = services.organisation_create(
                by=request.user, reason=form.cleaned_data["reason"], **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisation created."))
            return redirect("people:organisation_detail", pk=organisation.pk)
    return render(request, "people/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    visible = for_user(request.user, Perm.VIEW_ORGANISATION, Organisation.objects.all())
    organisation = get_object_or_404(visible, pk=pk)
    if not has_perm(request.user, Perm.CHANGE_ORGANISATION, organisation):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, instance=organisation, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in _FIELDS}
        try:
            services.organisation_update(
                organisation=Organisation.objects.get(pk=organisation.pk),
                by=request.user,
                reason=form.cleaned_data["reason"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:organisation_detail", pk=organisation.pk)
    return render(
        request, "people/organisation_form.html", {"form": form, "organisation": organisation}
    )
