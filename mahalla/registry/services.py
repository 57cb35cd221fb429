"""Changes people make to registry records: soft delete and its undo."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.registry.models import Household


def may_change(user: Any, household: Household) -> bool:
    return has_perm(user, Perm.CHANGE_REGISTRY, household) and has_perm(
        user, Perm.VIEW_PERSONAL_DATA, household
    )


def _set_deleted(*, user: Any, household: Household, deleted: bool) -> Household:
    if not may_change(user, household):
        raise PermissionDenied
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        if locked.is_deleted != deleted:
            locked.is_deleted = deleted
            locked._history_user = user
            locked.save(update_fields=["is_deleted", "updated_at"])
    return locked


def household_delete(*, user: Any, household: Household) -> Household:
    """Hide a household from every list and count; its rows and history stay (undo below)."""
    return _set_deleted(user=user, household=household, deleted=True)


def household_restore(*, user: Any, household: Household) -> Household:
    return _set_deleted(user=user, household=household, deleted=False)
