"""A member's money at the group: savings in and out, welfare contributions and benefits,
fines. Each is one balanced posting (see `ledger.post`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number
from mahalla.savings.models import Account, FineRule, SavingsMember, SavingsProduct, Transaction
from mahalla.savings.services.ledger import Leg, Posted, money, post

K = Account.Kind


def _positive(amount: Any, currency: str) -> Decimal:
    value = money(amount, currency)
    if value <= 0:
        raise ValidationError(
            {"amount": ValidationError(_("The amount must be more than zero."), code="amount")}
        )
    return value


def default_product(member: SavingsMember) -> SavingsProduct:
    product = member.group.savings_products.order_by("kind", "pk").first()
    if product is None:
        raise ValidationError(_("The group has no savings product yet."), code="no_product")
    return product


def _member_open(member: SavingsMember, day: date) -> None:
    if member.left_on and day > member.left_on:
        raise ValidationError(
            _("%(name)s left the group; nothing more can be posted for them.")
            % {"name": member.name},
            code="member_left",
        )


def deposit(*, member, amount, day: date, key: str, by, product=None, **context) -> Posted:
    group = member.group
    value = _positive(amount, group.currency)
    product = product or default_product(member)
    _member_open(member, day)
    return post(
        group=group, kind=Transaction.Kind.DEPOSIT, value_date=day, key=key, by=by,
        member=member,
        legs=[Leg(K.CASH, value), Leg(K.MEMBER_SAVINGS, -value, member, product)],
        **context,
    )  # fmt: skip


def withdraw(*, member, amount, day: date, key: str, by, product=None, **context) -> Posted:
    group = member.group
    value = _positive(amount, group.currency)
    product = product or default_product(member)

    def keep_minimum(accounts):
        account = accounts[f"savings:{member.pk}:{product.pk}"]
        left = -account.balance - value
        if left < 0:
            return  # the ledger's own check says it better
        if left < product.minimum_balance:
            raise ValidationError(
                {
                    "amount": ValidationError(
                        _("%(product)s must keep at least %(minimum)s; %(left)s would be left.")
                        % {
                            "product": product.name,
                            "minimum": format_number(product.minimum_balance),
                            "left": format_number(left),
                        },
                        code="minimum_balance",
                    )
                }
            )

    return post(
        group=group, kind=Transaction.Kind.WITHDRAWAL, value_date=day, key=key, by=by,
        member=member, checks=keep_minimum,
        legs=[Leg(K.MEMBER_SAVINGS, value, member, product), Leg(K.CASH, -value)],
        **context,
    )  # fmt: skip


def welfare_contribute(*, member, amount, day: date, key: str, by, **context) -> Posted:
    group = member.group
    value = _positive(amount, group.currency)
    _member_open(member, day)
    return post(
        group=group, kind=Transaction.Kind.WELFARE_CONTRIBUTION, value_date=day, key=key,
        by=by, member=member, legs=[Leg(K.CASH, value), Leg(K.WELFARE_FUND, -value)],
        **context,
    )  # fmt: skip


def welfare_pay(*, member, benefit, day: date, key: str, by, **context) -> Posted:
    """Pay `benefit` (a WelfareBenefit of the group) to `member` from the welfare fund,
    never more than the fund holds."""
    group = member.group
    value = benefit.amount

    def fund_holds(accounts):
        fund = -accounts[K.WELFARE_FUND].balance
        if fund < value:
            raise ValidationError(
                _("The welfare fund holds %(fund)s, less than the benefit of %(amount)s.")
                % {"fund": format_number(fund), "amount": format_number(value)},
                code="fund_short",
            )

    return post(
        group=group, kind=Transaction.Kind.WELFARE_BENEFIT, value_date=day, key=key, by=by,
        member=member, checks=fund_holds, memo=context.pop("memo", "") or benefit.kind,
        legs=[Leg(K.WELFARE_FUND, value), Leg(K.CASH, -value)],
        **context,
    )  # fmt: skip


def fine(*, member, kind: str, day: date, key: str, by, amount=None, **context) -> Posted:
    """A fine paid in cash at the meeting (absence, late payment): the group's rule gives
    the amount unless the committee set another."""
    group = member.group
    if amount in (None, ""):
        rule = FineRule.objects.filter(group=group, kind=kind).first()
        if rule is None:
            raise ValidationError(_("The group has no such fine."), code="no_fine")
        amount = rule.amount
    value = _positive(amount, group.currency)
    return post(
        group=group, kind=Transaction.Kind.FINE, value_date=day, key=key, by=by,
        member=member, memo=kind, legs=[Leg(K.CASH, value), Leg(K.FINE_INCOME, -value)],
        **context,
    )  # fmt: skip


def savings_balance(member: SavingsMember) -> Decimal:
    total = Decimal(0)
    for account in member.accounts.filter(kind=K.MEMBER_SAVINGS):
        total -= account.balance
    return total
