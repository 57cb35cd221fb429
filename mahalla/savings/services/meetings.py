"""The monthly meeting: open it, record every member's money on one screen (also from a
phone that was offline, in a batch of entries each carrying its own idempotency key), count
the cash box and close it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number
from mahalla.savings.models import (
    Account,
    GroupMeeting,
    Loan,
    MeetingAttendance,
    SavingsMember,
    Transaction,
    WelfareBenefit,
)
from mahalla.savings.services import loans, operations
from mahalla.savings.services.ledger import KeyConflict, Leg, money, post
from mahalla.savings.services.schedule import add_months

K = Account.Kind
MAX_BATCH = 500  # entries in one sync; a meeting of 40 members sends about 200

ENTRY_TYPES = ("attendance", "deposit", "withdrawal", "welfare", "repayment", "fine", "benefit")


def meeting_open(*, group, held_on: date, by) -> GroupMeeting:
    if group.closed_through and held_on <= group.closed_through:
        raise ValidationError(
            {
                "held_on": ValidationError(
                    _("The books are closed for that day; choose a later one."),
                    code="closed_period",
                )
            }
        )
    try:
        with transaction.atomic():
            return GroupMeeting.objects.create(group=group, held_on=held_on, opened_by=by)
    except IntegrityError:
        raise ValidationError(
            _("The group already has an open meeting: close it first."), code="open_meeting"
        ) from None


@dataclass
class Outcome:
    key: str
    status: str  # posted, replayed, conflict, error
    errors: list[str] = field(default_factory=list)
    seq: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "status": self.status, "errors": self.errors, "seq": self.seq}


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for errors in error.message_dict.values() for m in errors]
    return [str(m) for m in error.messages]


def _member(meeting: GroupMeeting, raw: Any) -> SavingsMember:
    try:
        return meeting.group.members.get(pk=int(raw))
    except (TypeError, ValueError, SavingsMember.DoesNotExist):
        raise ValidationError(_("No such member in this group."), code="member") from None


def record_one(meeting: GroupMeeting, entry: dict, *, by, device: str = "") -> Outcome:
    """Record one entry of the meeting screen. Never raises for the entry's own mistakes:
    the outcome says what happened, so one bad row does not stop a whole sync."""
    key = str(entry.get("key") or "").strip()
    kind = entry.get("type")
    try:
        if meeting.status != GroupMeeting.Status.OPEN:
            raise ValidationError(_("This meeting is closed."), code="closed")
        if kind not in ENTRY_TYPES:
            raise ValidationError(_("Unknown kind of entry."), code="type")
        member = _member(meeting, entry.get("member"))
        if kind == "attendance":
            MeetingAttendance.objects.update_or_create(
                meeting=meeting, member=member, defaults={"present": bool(entry.get("present"))}
            )
            return Outcome(key, "posted")
        context = {"day": meeting.held_on, "key": key, "by": by, "meeting": meeting,
                   "device": device}  # fmt: skip
        amount = entry.get("amount")
        if kind == "deposit":
            posted = operations.deposit(member=member, amount=amount, **context)
        elif kind == "withdrawal":
            posted = operations.withdraw(member=member, amount=amount, **context)
        elif kind == "welfare":
            posted = operations.welfare_contribute(member=member, amount=amount, **context)
        elif kind == "fine":
            posted = operations.fine(member=member, kind=entry.get("fine") or "late",
                                     amount=amount, **context)  # fmt: skip
        elif kind == "benefit":
            benefit = meeting.group.welfare_benefits.filter(kind=entry.get("benefit")).first()
            if benefit is None:
                raise ValidationError(_("The group has no such benefit."), code="benefit")
            posted = operations.welfare_pay(member=member, benefit=benefit, **context)
        else:  # repayment
            loan = loans.active_loan(member)
            if loan is None:
                raise ValidationError(
                    _("%(name)s has no loan to repay.") % {"name": member.name}, code="no_loan"
                )
            posted = loans.repay(loan=loan, amount=amount, **context)
        return Outcome(key, "replayed" if posted.replayed else "posted",
                       seq=posted.transaction.seq)  # fmt: skip
    except KeyConflict as conflict:
        return Outcome(
            key,
            "conflict",
            [str(_("This entry's key was already used for another entry (number %(seq)s)."))
             % {"seq": format_number(conflict.existing.seq)}],
        )  # fmt: skip
    except ValidationError as error:
        return Outcome(key, "error", _messages(error))


def record_batch(meeting: GroupMeeting, entries: list[dict], *, by, device: str = "") -> list:
    if len(entries) > MAX_BATCH:
        raise ValidationError(
            _("Send at most %(count)s entries at once.") % {"count": format_number(MAX_BATCH)},
            code="batch",
        )
    return [record_one(meeting, entry, by=by, device=device) for entry in entries]


def cash_in_box(group) -> Decimal:
    account = group.accounts.filter(kind=K.CASH).first()
    return account.balance if account else Decimal(0)


@dataclass
class Totals:
    by_kind: dict[str, Decimal]
    cash_in: Decimal
    cash_out: Decimal


def meeting_totals(meeting: GroupMeeting) -> Totals:
    """What the meeting moved through the cash box, by kind of entry."""
    by_kind: dict[str, Decimal] = {}
    cash_in = cash_out = Decimal(0)
    rows = meeting.transactions.filter(entries__account__kind=K.CASH).values_list(
        "kind", "entries__amount"
    )
    for kind, amount in rows:
        by_kind[kind] = by_kind.get(kind, Decimal(0)) + amount
        if amount > 0:
            cash_in += amount
        else:
            cash_out -= amount
    return Totals(by_kind, cash_in, cash_out)


def meeting_close(*, meeting: GroupMeeting, cash_counted: Any, by, key: str) -> GroupMeeting:
    """Close the meeting with the cash counted in the box. A difference from what the books
    expect is posted (cash over or short) and shown, never hidden."""
    group = meeting.group
    counted = money(cash_counted, group.currency, field="cash_counted")
    if counted < 0:
        raise ValidationError({"cash_counted": _("The cash counted cannot be below zero.")})
    with transaction.atomic():
        meeting = GroupMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != GroupMeeting.Status.OPEN:
            raise ValidationError(_("This meeting is closed."), code="closed")
        expected = cash_in_box(group)
        difference = counted - expected
        if difference:
            post(
                group=group, kind=Transaction.Kind.CASH_DIFFERENCE, value_date=meeting.held_on,
                key=key, by=by, meeting=meeting, memo="cash count",
                legs=[Leg(K.CASH, difference), Leg(K.CASH_DIFFERENCE, -difference)],
            )  # fmt: skip
        meeting.cash_expected = expected
        meeting.cash_counted = counted
        meeting.status = GroupMeeting.Status.CLOSED
        meeting.closed_by = by if getattr(by, "pk", None) else None
        meeting.closed_at = timezone.now()
        meeting.save()
    return meeting


def sheet(meeting: GroupMeeting) -> list[dict]:
    """One row per member for the meeting screen: what is expected of them this month and
    what was already recorded."""
    group = meeting.group
    members = list(group.members.filter(left_on__isnull=True).order_by("number"))
    present = dict(meeting.attendance.values_list("member_id", "present"))
    recorded: dict[tuple[int, str], Decimal] = {}
    for tx in meeting.transactions.filter(reverses__isnull=True, reversed_by__isnull=True).values(
        "member_id", "kind", "entries__amount", "entries__account__kind"
    ):
        if tx["entries__account__kind"] == K.CASH:
            pair = (tx["member_id"], tx["kind"])
            recorded[pair] = recorded.get(pair, Decimal(0)) + abs(tx["entries__amount"])
    product = group.savings_products.order_by("kind", "pk").first()
    active = {
        loan.member_id: loan
        for loan in Loan.objects.filter(group=group, status=Loan.Status.DISBURSED,
                                        member__in=members).prefetch_related("instalments")
    }  # fmt: skip
    month_end = add_months(meeting.held_on.replace(day=1), 1) - timedelta(days=1)
    rows = []
    for member in members:
        loan = active.get(member.pk)
        due = Decimal(0)
        if loan is not None:
            # What falls due by the end of the meeting's month, late or not.
            position = loans.loan_position(loan, month_end, loan.instalments.all())
            due = position.arrears + position.penalty_due
        rows.append(
            {
                "member": member,
                "present": present.get(member.pk),
                "savings_due": product.monthly_amount if product else Decimal(0),
                "welfare_due": group.welfare_contribution,
                "loan": loan,
                "repayment_due": due,
                "recorded": {
                    kind: recorded.get((member.pk, kind))
                    for kind in (
                        "deposit",
                        "welfare_contribution",
                        "repayment",
                        "fine",
                        "withdrawal",
                    )
                },  # fmt: skip
            }
        )
    return rows


def benefit_choices(group) -> list[WelfareBenefit]:
    return list(group.welfare_benefits.order_by("kind"))
