"""Where survey records sit, for the scoping function.

Forms and campaigns sit on their own area. A submission sits on the area it was assigned to;
until it has one, on its campaign's area, or else on its form's area.
"""

from __future__ import annotations

from django.db.models import Q

from mahalla.people.scopes import Scope, register_scope
from mahalla.surveys.models import (
    AppUser,
    Campaign,
    Form,
    FormVersion,
    Submission,
)


def _form(scope: Scope) -> Q:
    return scope.area_q("area__path")


def _version(scope: Scope) -> Q:
    return scope.area_q("form__area__path")


def _campaign(scope: Scope) -> Q:
    return scope.area_q("area__path")


def _app_user(scope: Scope) -> Q:
    return scope.area_q("campaign__area__path")


def _submission(scope: Scope) -> Q:
    return (
        scope.area_q("area__path")
        | (Q(area__isnull=True, campaign__isnull=False) & scope.area_q("campaign__area__path"))
        | (Q(area__isnull=True, campaign__isnull=True) & scope.area_q("form__area__path"))
    )


def register() -> None:
    register_scope(Form, _form)
    register_scope(FormVersion, _version)
    register_scope(Campaign, _campaign)
    register_scope(AppUser, _app_user)
    register_scope(Submission, _submission)
