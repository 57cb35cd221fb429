"""Closing the books of a month or fiscal year: after it, nothing dated in it is posted
(refused here and, on PostgreSQL, by the database)."""

from __future__ import annotations

from datetime import date, timedelta

import jdatetime
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.calendars import format_date
from mahalla.savings.models import ClosedPeriod, GroupMeeting, SavingsGroup
from mahalla.savings.services.ledger import balance_mismatches, unbalanced_transactions
from mahalla.savings.services.schedule import add_months


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


def month_bounds(group: SavingsGroup, day: date) -> tuple[date, date]:
    """The first and last day of the month of `day` in the group's calendar (a Solar Hijri
    month for an Iranian fund, a Gregorian month otherwise: the Buddhist Era only renames
    the years)."""
    if group.fiscal_calendar == SavingsGroup.FiscalCalendar.SOLAR_HIJRI:
        local = jdatetime.date.fromgregorian(date=day)
        start = jdatetime.date(local.year, local.month, 1)
        following = (
            jdatetime.date(local.year + 1, 1, 1)
            if local.month == 12
            else jdatetime.date(local.year, local.month + 1, 1)
        )
        return start.togregorian(), following.togregorian() - timedelta(days=1)
    start = day.replace(day=1)
    return start, add_months(start, 1) - timedelta(days=1)


def recent_months(group: SavingsGroup, today: date, count: int = 24) -> list[tuple[date, date]]:
    months = []
    day = today
    for _n in range(count):
        start, end = month_bounds(group, day)
        months.append((start, end))
        day = start - timedelta(days=1)
    return months


def fiscal_year_bounds(group: SavingsGroup, day: date) -> tuple[date, date]:
    """The fiscal year holding `day`: it starts on the first day of the group's first month
    (October for many Thai cooperatives, Farvardin for Iranian funds)."""
    first = group.fiscal_year_start_month
    if group.fiscal_calendar == SavingsGroup.FiscalCalendar.SOLAR_HIJRI:
        local = jdatetime.date.fromgregorian(date=day)
        year = local.year if local.month >= first else local.year - 1
        start = jdatetime.date(year, first, 1).togregorian()
        end = jdatetime.date(year + 1, first, 1).togregorian() - timedelta(days=1)
        return start, end
    year = day.year if day.month >= first else day.year - 1
    start = date(year, first, 1)
    return start, add_months(start, 12) - timedelta(days=1)
