"""Counting deadlines on a work calendar.

A period in working days skips the calendar's weekend and holidays. A period in days, weeks
or months is counted on the ordinary calendar and, when it ends on a day off, moves to the
next working day — as offices read "within two weeks" (a deadline never falls on Nowruz or
on a Songkran weekend).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from mahalla.governance.models import Holiday, WorkCalendar

# A deadline further than this is a typing mistake, not a plan.
MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class DaysOff:
    """A calendar's weekend and holidays, loaded once for many counts."""

    weekend: frozenset[int]
    holidays: frozenset[date]

    @classmethod
    def of(cls, work_calendar: WorkCalendar) -> DaysOff:
        holidays = Holiday.objects.filter(calendar=work_calendar).values_list("date", flat=True)
        return cls(weekend=work_calendar.weekend_days, holidays=frozenset(holidays))

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        for _ in range(MAX_PERIOD_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("the calendar has no working day")

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (`start` itself is not counted); a
        negative count goes back. Zero gives `start`."""
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        day = start
        for _ in range(MAX_PERIOD_DAYS * 2):
            if remaining == 0:
                return day
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        raise ValueError("the period is too long")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        low, high = (start, end) if end > start else (end, start)
        count = 0
        day = low + timedelta(days=1)
        while day <= high:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return sign * count


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def deadline_from_period(days_off: DaysOff, start: date, amount: int, unit: str) -> date:
    if unit == "working_days":
        return days_off.add_working_days(start, amount)
    if unit == "days":
        end = start + timedelta(days=amount)
    elif unit == "weeks":
        end = start + timedelta(weeks=amount)
    elif unit == "months":
        end = add_months(start, amount)
    else:
        raise ValueError(f"unknown period unit {unit!r}")
    return days_off.next_working_day(end)


def escalation_dates(days_off: DaysOff, deadline: date, *, remind: int, escalate: int):
    """(remind_on, escalate_on) for a deadline: `remind` working days before it, and
    `escalate` working days after it."""
    return days_off.add_working_days(deadline, -remind), days_off.add_working_days(
        deadline, escalate
    )
