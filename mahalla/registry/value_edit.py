"""Editing the value lists (land owner types, tenure types, hazards…) from the pages.

A list is shared by every city and district, so only someone whose registry right covers
everything (an administrator at the top of the tree) changes it; everyone with the registry
right reads it. A value's code is what forms send, so it is set once and never changed; a
value no longer wanted is no longer offered rather than deleted (records keep pointing at it).
Every change goes into the value's history.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm, user_scope
from mahalla.registry.models import Value, ValueList

# An XLSForm choice name: what a form's answer sends.
CODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
EDITED = ("name_en", "name_th", "name_fa", "rank", "active")


def may_read(user: Any) -> bool:
    return has_perm(user, Perm.VIEW_REGISTRY)


def may_edit(user: Any) -> bool:
    return user_scope(user, Perm.CHANGE_REGISTRY).everything


def lists_with_counts() -> list[dict]:
    counts = {
        row["list"]: row
        for row in Value.objects.values("list").annotate(
            total=Count("pk"), offered=Count("pk", filter=Q(active=True))
        )
    }
    return [
        {
            "code": code,
            "label": label,
            "total": counts.get(code, {}).get("total", 0),
            "offered": counts.get(code, {}).get("offered", 0),
        }
        for code, label in ValueList.choices
    ]


def value_save(*, user: Any, list_name: str, data: dict, value: Value | None = None) -> Value:
    """Add a value to a list (`value` None) or change one's names, order and offer."""
    if not may_edit(user):
        raise PermissionDenied
    if list_name not in ValueList.values:
        raise ValidationError(_("There is no such list."), code="list")
    with transaction.atomic():
        if value is None:
            code = (data.get("code") or "").strip()
            if not CODE.match(code):
                raise ValidationError(
                    {
                        "code": _(
                            "Use letters, digits and _ only, starting with a letter, as a "
                            "form's choice name does."
                        )
                    }  # fmt: skip
                )
            if Value.objects.filter(list=list_name, code=code).exists():
                raise ValidationError({"code": _("The list already has this code.")})
            value = Value(list=list_name, code=code)
        else:
            value = Value.objects.select_for_update().get(pk=value.pk, list=list_name)
        for field in EDITED:
            if field in data:
                setattr(value, field, data[field])
        value._history_user = user
        value.full_clean()
        value.save()
    return value
