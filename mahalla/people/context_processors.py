"""What the site navigation may offer the signed-in person.

Values are computed lazily: a page that never shows the navigation (or an anonymous visitor)
costs no query, and the scope behind each answer is cached on the user for the request, so a
view that already checked the same permission costs nothing either.
"""

from __future__ import annotations

from functools import cached_property

from django.http import HttpRequest

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm


class Navigation:
    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def can_manage_roles(self) -> bool:
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.MANAGE_ROLES)

    @cached_property
    def can_see_surveys(self) -> bool:
        """The survey forms: for those who review or manage surveys."""
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.VIEW_SUBMISSIONS) or has_perm(user, Perm.MANAGE_SURVEYS)

    @cached_property
    def can_see_registry(self) -> bool:
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.VIEW_REGISTRY)

    @cached_property
    def can_see_governance(self) -> bool:
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.VIEW_GOVERNANCE)

    @cached_property
    def can_see_savings(self) -> bool:
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.VIEW_SAVINGS)

    @cached_property
    def can_see_households(self) -> bool:
        """The household registry: personal data, for those who may see it."""
        return self.can_see_registry and has_perm(self._request.user, Perm.VIEW_PERSONAL_DATA)

    @cached_property
    def can_read_access_log(self) -> bool:
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return has_perm(user, Perm.VIEW_ACCESS_LOG)

    @cached_property
    def can_fill_forms(self) -> bool:
        """The web forms: for those who send submissions (SUBMIT somewhere, or a place on a
        campaign's team), the surveyors above all."""
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if has_perm(user, Perm.SUBMIT):
            return True
        from mahalla.surveys.teams import campaigns_for  # people stays below surveys

        return campaigns_for(user).exists()


def navigation(request: HttpRequest) -> dict:
    return {"nav": Navigation(request)}
