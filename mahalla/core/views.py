"""The home page: where a signed-in person's work is, or a welcome for visitors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm


def home(request: HttpRequest) -> HttpResponse:
    context: dict = {}
    user = request.user
    if user.is_authenticated:
        from mahalla.places import selectors  # core stays importable without the places app

        context = {
            # Ordered by name in the reader's collation in SQL (mahalla.core.db).
            "areas": list(selectors.home_areas(user=user)),
            "unregistered_count": selectors.unregistered_count(user=user),
            "can_see_organisations": has_perm(user, Perm.VIEW_ORGANISATION),
            "can_manage_roles": has_perm(user, Perm.MANAGE_ROLES),
        }
    return render(request, "core/home.html", context)
