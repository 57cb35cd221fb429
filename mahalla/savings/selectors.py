"""Savings querysets for pages and the API, all through the one scoping function."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.savings.models import GroupMeeting, Loan, SavingsGroup, SavingsMember, Transaction


def may_view(user: Any, obj: Any = None) -> bool:
    return has_perm(user, Perm.VIEW_SAVINGS, obj)


def may_record(user: Any, group: SavingsGroup) -> bool:
    return has_perm(user, Perm.RECORD_SAVINGS, group)


def may_manage(user: Any, group: SavingsGroup) -> bool:
    return has_perm(user, Perm.MANAGE_SAVINGS, group)


def groups(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_SAVINGS, SavingsGroup.objects.all())


def group_list(user: Any, *, q: str = "") -> QuerySet:
    rows = (
        groups(user)
        .select_related("organisation__area")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True)
        )
    )
    if q:
        needle = normalize_search(q)
        ids = [
            pk
            for pk, *names in groups(user).values_list(
                "pk",
                "organisation__name_en",
                "organisation__name_th",
                "organisation__name_fa",
                "organisation__area__name_en",
                "organisation__area__name_th",
                "organisation__area__name_fa",
            )  # fmt: skip
            if any(needle in normalize_search(n) for n in names if n)
        ]
        rows = rows.filter(pk__in=ids)
    return rows.order_by("organisation__area__path", "organisation__name_en", "pk")


def group_get(user: Any, pk: int) -> SavingsGroup | None:
    return groups(user).select_related("organisation__area").filter(pk=pk).first()


def member_get(user: Any, pk: int) -> SavingsMember | None:
    return (
        for_user(user, Perm.VIEW_SAVINGS, SavingsMember.objects.all())
        .select_related("group__organisation__area")
        .filter(pk=pk)
        .first()
    )


def meeting_get(user: Any, pk: int) -> GroupMeeting | None:
    return (
        for_user(user, Perm.VIEW_SAVINGS, GroupMeeting.objects.all())
        .select_related("group__organisation__area")
        .filter(pk=pk)
        .first()
    )


def loan_get(user: Any, pk: int) -> Loan | None:
    return (
        for_user(user, Perm.VIEW_SAVINGS, Loan.objects.all())
        .select_related("group__organisation__area", "member", "product", "lender", "funded_by")
        .filter(pk=pk)
        .first()
    )


def transaction_get(user: Any, pk: int) -> Transaction | None:
    return (
        for_user(user, Perm.VIEW_SAVINGS, Transaction.objects.all())
        .select_related("group__organisation__area", "member")
        .filter(pk=pk)
        .first()
    )


def member_search(group: SavingsGroup, q: str) -> QuerySet:
    rows = group.members.order_by("number")
    if q:
        needle = normalize_search(q)
        ids = [
            pk
            for pk, number, name, phone in group.members.values_list(
                "pk", "number", "name", "phone"
            )  # fmt: skip
            if needle in normalize_search(f"{number} {name} {phone}")
        ]
        rows = rows.filter(pk__in=ids)
    return rows
