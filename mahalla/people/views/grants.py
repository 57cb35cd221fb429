from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mahalla.core.flash import with_names
from mahalla.people import selectors, services
from mahalla.people.forms import GrantFilterForm, GrantForm, ReasonForm
from mahalla.people.models import RoleGrant
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.people.views.common import paginate, require_perm


@login_required
def grant_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, Perm.MANAGE_ROLES)
    form = GrantFilterForm(request.GET, viewer=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    grants = selectors.grant_list(
        user=request.user,
        role=filters.get("role", ""),
        area=filters.get("area"),
        username=filters.get("user", ""),
        q=filters.get("q", ""),
    )
    return render(
        request,
        "people/grant_list.html",
        {"form": form, "page": paginate(request, grants), "filtered": any(filters.values())},
    )


@login_required
def grant_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, Perm.MANAGE_ROLES)
    initial = {"username": request.GET.get("user", "")}
    form = GrantForm(
        request.POST if request.method == "POST" else None, initial=initial, granter=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.role_grant(
                granted_by=request.user,
                user=data["username"],
                role=data["role"],
                area=data["area"],
                organisation=data["organisation"],
                reason=data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            # A refusal (to oneself, wider than one's own rights) is shown on the form.
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(
                request,
                with_names(
                    _("%(user)s is now %(role)s."),
                    user=grant.user.get_username(),
                    role=grant.get_role_display(),
                ),
            )
            return redirect("people:user_detail", pk=grant.user_id)
    return render(request, "people/grant_form.html", {"form": form})


@login_required
def grant_people_search(request: HttpRequest) -> HttpResponse:
    """The grant form's suggestions: <option>s for its <datalist>, people in scope only."""
    require_perm(request, Perm.MANAGE_ROLES)
    people = selectors.grant_people_search(
        user=request.user, q=request.GET.get("username", "")[:150]
    )
    return render(request, "people/_grant_people_options.html", {"people": people})


@login_required
@require_http_methods(["GET", "POST"])
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; only the POST revokes."""
    active = RoleGrant.objects.filter(revoked_at__isnull=True)
    grant = get_object_or_404(
        for_user(request.user, Perm.MANAGE_ROLES, active).select_related(
            "user", "area", "organisation"
        ),
        pk=pk,
    )
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_revoke(
                grant=grant, revoked_by=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return render(
                request, "people/grant_revoke_confirm.html", {"form": form, "grant": grant}
            )
        messages.success(
            request,
            with_names(
                _("%(user)s is no longer %(role)s."),
                user=grant.user.get_username(),
                role=grant.get_role_display(),
            ),
        )
        return redirect("people:user_detail", pk=grant.user_id)
    return render(request, "people/grant_revoke_confirm.html", {"form": form, "grant": grant})
