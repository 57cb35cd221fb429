"""Loans from application to close. What a borrower has paid, owes and is late with is
never stored: it is read from the ledger and the fixed schedule (`loan_position`), so a
corrected (reversed) repayment is corrected everywhere at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number
from mahalla.savings.models import Account, Entry, Instalment, Loan, Transaction
from mahalla.savings.models.money import PLACES, exact
from mahalla.savings.services import schedule as schedules
from mahalla.savings.services.ledger import KeyConflict, Leg, Posted, money, post, request_hash
from mahalla.savings.services.operations import savings_balance

K = Account.Kind
S = Loan.Status
ZERO = Decimal(0)


def planned_schedule(loan: Loan, start: date | None = None) -> list[schedules.Row]:
    """The schedule the loan would have if paid out on `start` (shown before approval)."""
    product = loan.product
    return schedules.schedule(
        principal=loan.principal,
        term_months=loan.term_months,
        start=start or loan.disbursed_on or loan.applied_on,
        method=product.interest_method,
        annual_rate=product.annual_interest_rate,
        instalments=product.instalments,
        grace_months=product.grace_months,
        fee_percent=product.fee_percent,
        places=PLACES.get(loan.group.currency, 2),
    )


def _limits(loan: Loan) -> None:
    product = loan.product
    errors: dict[str, list] = {}
    if loan.term_months > product.max_term_months:
        errors.setdefault("term_months", []).append(
            _("The longest term of %(product)s is %(months)s months.")
            % {"product": product.name, "months": format_number(product.max_term_months)}
        )
    if product.max_amount is not None and loan.principal > product.max_amount:
        errors.setdefault("principal", []).append(
            _("%(product)s lends at most %(amount)s.")
            % {"product": product.name, "amount": format_number(product.max_amount)}
        )
    if product.savings_multiple is not None and loan.member_id:
        places = Decimal(1).scaleb(-PLACES.get(loan.group.currency, 2))
        ceiling = (savings_balance(loan.member) * product.savings_multiple).quantize(places)
        if loan.principal > ceiling:
            errors.setdefault("principal", []).append(
                _("%(product)s lends at most %(multiple)s times the member's savings: %(ceiling)s.")
                % {
                    "product": product.name,
                    "multiple": format_number(product.savings_multiple.normalize()),
                    "ceiling": format_number(ceiling),
                }
            )
    if errors:
        raise ValidationError(errors, code="limit")


def apply(*, group, member, product, principal, term_months: int, applied_on: date,
          purpose: str = "", guarantors=(), lender=None, funded_by=None) -> Loan:  # fmt: skip
    if product.group_id != group.pk:
        raise ValidationError({"product": _("This product belongs to another group.")})
    if product.is_collective and lender is None:
        raise ValidationError({"lender": _("Name the lender of the collective loan.")})
    if funded_by is not None and (
        funded_by.group_id != group.pk or not funded_by.is_collective or product.is_collective
    ):
        raise ValidationError(
            {"funded_by": _("A member's loan is on-lent from a collective loan of its group.")}
        )
    guarantors = list(guarantors)
    if member is not None and any(g.pk == member.pk for g in guarantors):
        raise ValidationError({"guarantors": _("A borrower cannot guarantee their own loan.")})
    if len(guarantors) < product.guarantors_required:
        raise ValidationError(
            {
                "guarantors": _("%(product)s needs %(count)s guarantors.")
                % {"product": product.name, "count": format_number(product.guarantors_required)}
            }
        )
    loan = Loan(
        group=group,
        product=product,
        member=member,
        lender=lender,
        funded_by=funded_by,
        principal=money(principal, group.currency, field="principal"),
        term_months=term_months,
        applied_on=applied_on,
        purpose=purpose,
    )
    if loan.principal <= 0:
        raise ValidationError({"principal": _("The amount must be more than zero.")})
    _limits(loan)
    loan.save()
    loan.guarantors.set(guarantors)
    return loan


def queue(group) -> list[Loan]:
    """Applications waiting for the committee, in the order they came (the group lends in
    turn)."""
    return list(
        group.loans.filter(status=S.APPLIED)
        .select_related("member", "product")
        .order_by("applied_on", "pk")
    )


def decide(*, loan: Loan, approve: bool, by, meeting=None, approvers: str = "") -> Loan:
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status != S.APPLIED:
            raise ValidationError(_("This loan was already decided."), code="decided")
        if approve:
            _limits(loan)
            if not approvers.strip() and meeting is None:
                raise ValidationError(
                    {"approvers": _("Name the meeting or the committee members who approved.")}
                )
        loan.status = S.APPROVED if approve else S.REJECTED
        loan.decided_at = timezone.now()
        loan.decided_by = by
        loan.decision_meeting = meeting
        loan.approvers = approvers.strip()
        loan.save()
    return loan


def disburse(*, loan: Loan, day: date, key: str, by, **context) -> Posted:
    """Pay the loan out (or, for the collective loan, receive it from the lender) and fix
    its schedule."""
    loan.refresh_from_db(fields=["status"])
    if loan.status not in (S.APPROVED, S.DISBURSED):
        raise ValidationError(_("Only an approved loan can be paid out."), code="not_approved")
    group = loan.group
    if loan.is_collective:
        kind = Transaction.Kind.LENDER_DRAWDOWN
        legs = [Leg(K.CASH, loan.principal), Leg(K.LENDER_LOAN, -loan.principal, loan=loan)]
    else:
        kind = Transaction.Kind.DISBURSEMENT
        legs = [Leg(K.LOAN, loan.principal, loan=loan), Leg(K.CASH, -loan.principal)]

    def cash_holds(accounts):
        if loan.is_collective:
            return
        cash = accounts[K.CASH].balance
        if cash < loan.principal:
            raise ValidationError(
                _("The cash box holds %(cash)s, less than the loan of %(amount)s.")
                % {"cash": format_number(cash), "amount": format_number(loan.principal)},
                code="cash_short",
            )

    with transaction.atomic():
        # A resend of the payout (same key) answers with the first posting; another key for
        # a loan already out is refused under the lock.
        if Loan.objects.select_for_update().get(pk=loan.pk).status != S.APPROVED and not (
            Transaction.objects.filter(group=group, idempotency_key=key.strip()).exists()
        ):
            raise ValidationError(_("This loan was already paid out."), code="paid_out")
        posted = post(group=group, kind=kind, value_date=day, legs=legs, key=key, by=by,
                      member=loan.member, loan=loan, checks=cash_holds,
                      **context)  # fmt: skip
        if not posted.replayed:
            loan.status = S.DISBURSED
            loan.disbursed_on = day
            loan.save(update_fields=["status", "disbursed_on"])
            Instalment.objects.bulk_create(
                Instalment(loan=loan, number=r.number, due_on=r.due_on, principal=r.principal,
                           interest=r.interest, fee=r.fee)
                for r in planned_schedule(loan, day)
            )  # fmt: skip
    return posted


@dataclass
class Position:
    """Where a loan stands on a day: what was due by then, what was paid, what is late."""

    due: dict[str, Decimal] = field(default_factory=dict)
    paid: dict[str, Decimal] = field(default_factory=dict)
    outstanding_principal: Decimal = ZERO
    penalty_due: Decimal = ZERO
    days_late: int = 0
    oldest_unpaid: date | None = None

    def overdue(self, part: str) -> Decimal:
        return max(ZERO, self.due.get(part, ZERO) - self.paid.get(part, ZERO))

    @property
    def arrears(self) -> Decimal:
        return sum((self.overdue(p) for p in ("principal", "interest", "fee")), ZERO)


_INCOME = {"interest": (K.INTEREST_INCOME, K.INTEREST_EXPENSE), "fee": (K.FEE_INCOME,)}


def paid_parts(loan: Loan, *, until: date | None = None) -> dict[str, Decimal]:
    """What the borrower paid of each part, read from the loan's entries."""
    entries = Entry.objects.filter(transaction__loan=loan)
    if until is not None:
        entries = entries.filter(transaction__value_date__lte=until)
    rows = entries.values("account__kind").annotate(total=Sum("amount"))
    by_kind = {row["account__kind"]: exact(row["total"]) for row in rows}
    if loan.is_collective:
        # The lender's loan is a credit: repayments to the lender debit it back up to zero.
        principal_paid = loan.principal + by_kind.get(K.LENDER_LOAN, ZERO)
        interest = by_kind.get(K.INTEREST_EXPENSE, ZERO)
    else:
        # What left the member's loan account after the payout, less what was written off.
        principal_paid = loan.principal - by_kind.get(K.LOAN, ZERO) - by_kind.get(K.WRITE_OFF, ZERO)
        interest = -by_kind.get(K.INTEREST_INCOME, ZERO)
    return {
        "principal": principal_paid,
        "interest": interest,
        "fee": -by_kind.get(K.FEE_INCOME, ZERO),
        "penalty": -by_kind.get(K.FINE_INCOME, ZERO),
        "penalty_charged": by_kind.get(K.PENALTY_DUE, ZERO) + -by_kind.get(K.FINE_INCOME, ZERO),
    }


def loan_position(loan: Loan, day: date, instalments=None) -> Position:
    instalments = list(instalments if instalments is not None else loan.instalments.all())
    paid = paid_parts(loan, until=day)
    position = Position(paid=paid)
    for part in ("principal", "interest", "fee"):
        position.due[part] = sum((getattr(i, part) for i in instalments if i.due_on <= day), ZERO)
    position.outstanding_principal = loan.principal - paid["principal"]
    penalty_account = loan.accounts.filter(kind=K.PENALTY_DUE).first()
    position.penalty_due = penalty_account.balance if penalty_account else ZERO
    total_paid = paid["principal"] + paid["interest"] + paid["fee"]
    running = ZERO
    for instalment in instalments:
        running += instalment.total
        if instalment.due_on > day:
            break
        if running > total_paid:
            position.oldest_unpaid = instalment.due_on
            position.days_late = (day - instalment.due_on).days
            break
    return position


def allocate(loan: Loan, amount: Decimal, day: date) -> dict[str, Decimal]:
    """Split a repayment by the product's order (penalties, fees, interest, principal by
    default): first what is due, then the rest as an early repayment of principal."""
    position = loan_position(loan, day)
    owed = {
        "penalty": position.penalty_due,
        "fee": position.overdue("fee"),
        "interest": position.overdue("interest"),
        "principal": position.overdue("principal"),
    }
    parts = dict.fromkeys(owed, ZERO)
    left = amount
    for part in loan.product.order:
        take = min(left, owed.get(part, ZERO))
        parts[part] += take
        left -= take
    early = min(left, position.outstanding_principal - parts["principal"])
    parts["principal"] += early
    left -= early
    if left > 0:
        total = amount - left
        raise ValidationError(
            {
                "amount": ValidationError(
                    _("%(amount)s is more than the %(owed)s owed on this loan.")
                    % {"amount": format_number(amount), "owed": format_number(total)},
                    code="overpaid",
                )
            }
        )
    return parts


def _repay_request(loan: Loan, value: Decimal, day: date) -> dict:
    kind = Transaction.Kind.LENDER_REPAYMENT if loan.is_collective else Transaction.Kind.REPAYMENT
    return {"loan": loan.pk, "amount": str(value), "date": day.isoformat(), "kind": kind}


def repay(*, loan: Loan, amount: Any, day: date, key: str, by, **context) -> Posted:
    value = money(amount, loan.group.currency)
    if value <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    with transaction.atomic():
        # The loan's row is locked before its position is read: two tellers repaying the
        # same loan at once allocate one after the other, never both to the same interest.
        # (Loan, then group: every path takes the locks in this order.)
        loan.status = (
            Loan.objects.select_for_update().values_list("status", flat=True).get(pk=loan.pk)
        )
        # A resend answers with the first posting even when the loan has been repaid since
        # (its allocation would now be refused as an overpayment).
        existing = Transaction.objects.filter(group=loan.group_id, idempotency_key=key.strip())
        existing = existing.first()
        if existing is not None:
            if existing.request_hash != request_hash(_repay_request(loan, value, day)):
                raise KeyConflict(existing)
            return Posted(existing, replayed=True)
        if loan.status != S.DISBURSED:
            raise ValidationError(_("Only a loan that was paid out is repaid."), code="not_out")
        return _repay_locked(loan, value, day, key, by, context)


def _repay_locked(loan, value, day, key, by, context) -> Posted:
    parts = allocate(loan, value, day)
    if loan.is_collective:
        kind = Transaction.Kind.LENDER_REPAYMENT
        legs = [
            Leg(K.LENDER_LOAN, parts["principal"], loan=loan),
            Leg(K.INTEREST_EXPENSE, parts["interest"] + parts["fee"] + parts["penalty"]),
            Leg(K.CASH, -value),
        ]
    else:
        kind = Transaction.Kind.REPAYMENT
        legs = [
            Leg(K.CASH, value),
            Leg(K.LOAN, -parts["principal"], loan=loan),
            Leg(K.INTEREST_INCOME, -parts["interest"]),
            Leg(K.FEE_INCOME, -parts["fee"]),
            Leg(K.PENALTY_DUE, -parts["penalty"], loan=loan),
        ]
    request = _repay_request(loan, value, day)
    posted = post(group=loan.group, kind=kind, value_date=day, legs=legs, key=key, by=by,
                  member=loan.member, loan=loan, request=request, **context)  # fmt: skip
    if not posted.replayed:
        close_if_repaid(loan, day)
    return posted


def close_if_repaid(loan: Loan, day: date) -> None:
    position = loan_position(loan, day)
    if position.outstanding_principal <= 0 and position.arrears <= 0 and not position.penalty_due:
        Loan.objects.filter(pk=loan.pk, status=S.DISBURSED).update(status=S.CLOSED, closed_on=day)
        loan.status, loan.closed_on = S.CLOSED, day


def write_off(*, loan: Loan, day: date, key: str, by, memo: str) -> Posted:
    if loan.status != S.DISBURSED or loan.is_collective:
        raise ValidationError(_("Only a member's loan that was paid out can be written off."))
    if not memo.strip():
        raise ValidationError({"memo": _("Say why the loan is written off.")})
    left = loan_position(loan, day).outstanding_principal
    with transaction.atomic():
        posted = post(group=loan.group, kind=Transaction.Kind.WRITE_OFF, value_date=day,
                      key=key, by=by, memo=memo, member=loan.member, loan=loan,
                      legs=[Leg(K.WRITE_OFF, left), Leg(K.LOAN, -left, loan=loan)])  # fmt: skip
        if not posted.replayed:
            Loan.objects.filter(pk=loan.pk).update(status=S.WRITTEN_OFF, closed_on=day)
    return posted


def reschedule(*, loan: Loan, term_months: int, day: date, by, key: str) -> Loan:
    """Replace a late loan by a new one for what is left of its principal, over a new
    term: the old loan's balance moves to the new loan in one posting."""
    if loan.status != S.DISBURSED:
        raise ValidationError(_("Only a loan that was paid out can be rescheduled."))
    left = loan_position(loan, day).outstanding_principal
    if left <= 0:
        raise ValidationError(_("Nothing is left to reschedule."))
    with transaction.atomic():
        new = Loan.objects.create(
            group=loan.group, product=loan.product, member=loan.member, replaces=loan,
            funded_by=loan.funded_by, principal=left, term_months=term_months,
            applied_on=day, purpose=loan.purpose, status=S.DISBURSED, disbursed_on=day,
            decided_at=timezone.now(), decided_by=by,
        )  # fmt: skip
        post(group=loan.group, kind=Transaction.Kind.DISBURSEMENT, value_date=day, key=key,
             by=by, member=loan.member, loan=new, memo=f"rescheduled {loan.pk}",
             legs=[Leg(K.LOAN, left, loan=new), Leg(K.LOAN, -left, loan=loan)])  # fmt: skip
        Instalment.objects.bulk_create(
            Instalment(loan=new, number=r.number, due_on=r.due_on, principal=r.principal,
                       interest=r.interest, fee=r.fee)
            for r in planned_schedule(new, day)
        )  # fmt: skip
        Loan.objects.filter(pk=loan.pk).update(status=S.RESCHEDULED, closed_on=day)
    return new


def active_loan(member) -> Loan | None:
    return member.loans.filter(status=S.DISBURSED).order_by("disbursed_on", "pk").first()


def members_due(collective: Loan, month_end: date) -> Decimal:
    """What the members' loans on-lent from `collective` are scheduled to pay in the month
    ending `month_end`, for the lender repayment report."""
    start = month_end.replace(day=1)
    total = Instalment.objects.filter(
        Q(loan__funded_by=collective) & Q(due_on__gte=start, due_on__lte=month_end)
    ).aggregate(t=Sum("principal") + Sum("interest") + Sum("fee"))["t"]
    return exact(total)
