"""Closing the books of a month or fiscal year: after it, nothing dated in it is posted
(refused here and, on PostgreSQL, by the database)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.calendars import format_date
from mahalla.savings.models import ClosedPeriod, GroupMeeting, SavingsGroup
from mahalla.savings.services.ledger import balance_mismatches, unbalanced_transactions


def period_close(*, group: SavingsGroup, through: date, by) -> ClosedPeriod:
    with transaction.atomic():
        locked = SavingsGroup.objects.select_for_update().get(pk=group.pk)
        if locked.closed_through and through <= locked.closed_through:
            raise ValidationError(
                {
                    "through": ValidationError(
                        _("The books are already closed through %(day)s.")
                        % {"day": format_date(locked.closed_through)},
                        code="already_closed",
                    )
                }
            )
        if GroupMeeting.objects.filter(
            group=locked, status=GroupMeeting.Status.OPEN, held_on__lte=through
        ).exists():
            raise ValidationError(
                _("A meeting in that period is still open: close it first."), code="open_meeting"
            )
        if balance_mismatches(locked) or unbalanced_transactions(locked):
            raise ValidationError(
                _("The books do not prove: rebuild the balances before closing."),
                code="mismatch",
            )
        locked.closed_through = through
        locked.save(update_fields=["closed_through"])
        group.closed_through = through
        return ClosedPeriod.objects.create(group=locked, through=through, closed_by=by)
