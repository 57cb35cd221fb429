from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.people import services, tokens
from mahalla.people.forms import AccountTimeZoneForm
from mahalla.people.roles import Perm
from mahalla.people.scopes import user_scope

_NEW_TOKEN_KEY = "people_new_api_token"  # noqa: S105 - a session key name, not a secret


@login_required
def account(
    request: HttpRequest, time_zone_form: AccountTimeZoneForm | None = None
) -> HttpResponse:
    token = services.api_token_current(user=request.user)
    if time_zone_form is None:
        time_zone_form = AccountTimeZoneForm(
            initial={"time_zone": request.user.time_zone}, language=translation.get_language()
        )
    return render(
        request,
        "people/account.html",
        {
            "time_zone_form": time_zone_form,
            "now": timezone.now(),
            "token": token,
            "token_expires": tokens.expires_at(token.created) if token else None,
            "token_expired": bool(token and tokens.has_expired(token.created)),
            # Shown once, right after it was made; afterwards only its date is shown.
            "new_token": request.session.pop(_NEW_TOKEN_KEY, None),
            "grants": request.user.role_grants.filter(revoked_at__isnull=True).select_related(
                "area__level", "organisation"
            ),
            "may_manage_roles": not user_scope(request.user, Perm.MANAGE_ROLES).is_empty,
        },
    )


@login_required
@require_POST
def api_token_rotate(request: HttpRequest) -> HttpResponse:
    token = services.api_token_rotate(user=request.user)
    request.session[_NEW_TOKEN_KEY] = token.key
    messages.success(request, _("A new API token was made; the old one no longer works."))
    return redirect("account")


@login_required
@require_POST
def time_zone_set(request: HttpRequest) -> HttpResponse:
    form = AccountTimeZoneForm(request.POST, language=translation.get_language())
    if not form.is_valid():
        response = account(request, time_zone_form=form)
        response.status_code = 400
        return response
    services.user_time_zone_set(user=request.user, time_zone=form.cleaned_data["time_zone"])
    messages.success(request, _("Time zone saved."))
    return redirect("account")
