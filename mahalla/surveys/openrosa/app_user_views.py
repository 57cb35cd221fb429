"""Pages for a campaign's app users: the list with a create form, revoking, the QR codes.

MANAGE_SURVEYS on the campaign's area: a campaign out of scope is 404, the permission held
nowhere is 403.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.models import AppUser, Campaign
from mahalla.surveys.openrosa import app_users


class AppUserForm(forms.Form):
    display_name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        help_text=gettext_lazy(
            "Who uses the device, or the device's own name, e.g. “Team 2 phone”."
        ),
    )


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    if not has_perm(request.user, Perm.MANAGE_SURVEYS):
        raise PermissionDenied
    campaigns = for_user(request.user, Perm.MANAGE_SURVEYS, Campaign.objects.select_related("area"))
    return get_object_or_404(campaigns, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def app_user_list(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = AppUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        app_user = app_users.app_user_create(
            campaign=campaign, display_name=form.cleaned_data["display_name"], user=request.user
        )
        messages.success(
            request,
            _("The app user %(name)s was added. Scan its QR code with ODK Collect.")
            % {"name": f"\u2068{app_user.display_name}\u2069"},
        )
        return redirect("surveys:app_user_codes", pk=campaign.pk)
    rows = campaign.app_users.select_related("created_by", "revoked_by").order_by(
        "revoked_at", "display_name", "pk"
    )
    return render(
        request,
        "surveys/openrosa/app_user_list.html",
        {"campaign": campaign, "app_users": rows, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def app_user_codes(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    codes = []
    for app_user in campaign.app_users.filter(revoked_at__isnull=True).order_by("display_name"):
        settings = app_users.collect_settings(request, app_user)
        payload = app_users.settings_payload(settings)
        title = _("QR code for ODK Collect: %(name)s") % {"name": app_user.display_name}
        codes.append(
            {
                "app_user": app_user,
                "svg": app_users.qr_svg(payload, title=title),
                "server_url": settings["general"]["server_url"],
            }
        )
    response = render(
        request, "surveys/openrosa/app_user_codes.html", {"campaign": campaign, "codes": codes}
    )
    # The codes are credentials: no cache keeps them.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def app_user_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not has_perm(request.user, Perm.MANAGE_SURVEYS):
        raise PermissionDenied
    app_user = get_object_or_404(
        for_user(request.user, Perm.MANAGE_SURVEYS, AppUser.objects.select_related("campaign")),
        pk=pk,
    )
    if not app_user.is_active:
        if request.method == "POST":
            return redirect("surveys:app_user_list", pk=app_user.campaign_id)
        raise Http404
    if request.method == "POST":
        app_users.app_user_revoke(app_user=app_user, user=request.user)
        messages.success(
            request,
            _("The app user %(name)s was revoked: its devices can no longer get forms or send.")
            % {"name": f"\u2068{app_user.display_name}\u2069"},
        )
        return redirect("surveys:app_user_list", pk=app_user.campaign_id)
    return render(
        request,
        "surveys/openrosa/app_user_revoke.html",
        {"app_user": app_user, "campaign": app_user.campaign},
    )
