"""Where savings records sit, for the scoping function: a group with its organisation (a
role held in the group) and the organisation's area (a role on the district or city)."""

from __future__ import annotations

from django.db.models import Q

from mahalla.people.scopes import Scope, register_scope
from mahalla.savings.models import GroupMeeting, Loan, SavingsGroup, SavingsMember, Transaction


def _group(scope: Scope, prefix: str = "") -> Q:
    return Q(**{f"{prefix}organisation_id__in": scope.organisation_ids}) | scope.area_q(
        f"{prefix}organisation__area__path"
    )


def register() -> None:
    register_scope(SavingsGroup, _group)
    for model in (SavingsMember, Loan, GroupMeeting, Transaction):
        register_scope(model, lambda scope: _group(scope, "group__"))
