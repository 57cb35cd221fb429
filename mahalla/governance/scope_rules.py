"""Where governance records sit, for the scoping function: a body on its area (and, for a
role held in an organisation, the bodies that organisation is); a resolution with its body,
and also with each organisation responsible for it — an agency's focal point sees what is
assigned to the agency, wherever the body sits."""

from __future__ import annotations

from django.db.models import Q

from mahalla.governance.models import (
    Body,
    DevelopmentDocument,
    Meeting,
    ProgressReport,
    Resolution,
)
from mahalla.people.scopes import Scope, register_scope


def _body(scope: Scope, prefix: str = "") -> Q:
    return scope.area_q(f"{prefix}area__path") | Q(
        **{f"{prefix}organisation_id__in": scope.organisation_ids}
    )


def _meeting(scope: Scope) -> Q:
    return _body(scope, "body__")


def _resolution(scope: Scope) -> Q:
    assigned = Resolution.responsible.through.objects.filter(
        organisation_id__in=scope.organisation_ids
    ).values("resolution_id")
    return _body(scope, "body__") | Q(pk__in=assigned)


def _report(scope: Scope) -> Q:
    return Q(resolution__in=Resolution.objects.filter(_resolution(scope)))


def register() -> None:
    register_scope(Body, _body)
    register_scope(Meeting, _meeting)
    register_scope(Resolution, _resolution)
    register_scope(ProgressReport, _report)
    register_scope(DevelopmentDocument, _document)


def _document(scope: Scope) -> Q:
    return scope.area_q("area__path") | _body(scope, "body__")
