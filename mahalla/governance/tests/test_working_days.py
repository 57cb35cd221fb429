"""Deadlines counted on Iran's and Thailand's work calendars, across Nowruz and Songkran."""

from __future__ import annotations

from datetime import date

import pytest

from mahalla.governance.demo import calendars_build
from mahalla.governance.services.working_days import DaysOff, deadline_from_period


@pytest.fixture
def iran(db):
    return DaysOff.of(calendars_build()["iran"])


@pytest.fixture
def thailand(db):
    return DaysOff.of(calendars_build()["thailand"])


def test_nowruz_and_fridays_are_skipped(iran):
    # Tue 17 March 2026; Friday 20th, Nowruz 21st–24th, Fridays, 12 and 13 Farvardin off.
    assert deadline_from_period(iran, date(2026, 3, 17), 10, "working_days") == date(2026, 4, 5)


def test_saturday_is_a_working_day_in_iran(iran):
    assert iran.is_working_day(date(2026, 3, 28))
    assert not iran.is_working_day(date(2026, 3, 27))  # Friday
    assert not iran.is_working_day(date(2026, 3, 21))  # Nowruz, a Saturday


def test_two_weeks_ending_on_songkran_move_to_the_next_working_day(thailand):
    # 30 March + 14 days = Monday 13 April 2026, Songkran (13–15 April): Thursday 16th.
    assert deadline_from_period(thailand, date(2026, 3, 30), 2, "weeks") == date(2026, 4, 16)


def test_working_days_over_a_thai_long_weekend(thailand):
    # Friday 10 April 2026; the weekend, then Songkran Monday to Wednesday.
    assert deadline_from_period(thailand, date(2026, 4, 10), 5, "working_days") == date(2026, 4, 22)
    # Chakri Day (Monday 6 April) makes a long weekend too.
    assert deadline_from_period(thailand, date(2026, 4, 3), 1, "working_days") == date(2026, 4, 7)


def test_a_holiday_on_a_weekend_gets_its_substitution_day(thailand):
    # Father's Day, Saturday 5 December 2026: Monday 7th is off instead.
    assert not thailand.is_working_day(date(2026, 12, 7))


def test_months_keep_the_day_or_the_month_end(iran):
    assert deadline_from_period(iran, date(2026, 1, 31), 1, "months") == date(2026, 2, 28)


def test_counting_back_and_between(iran):
    assert iran.add_working_days(date(2026, 4, 5), -10) == date(2026, 3, 17)
    assert iran.working_days_between(date(2026, 3, 17), date(2026, 4, 5)) == 10
    assert iran.working_days_between(date(2026, 4, 5), date(2026, 3, 17)) == -10


def test_an_unknown_unit_is_refused(iran):
    with pytest.raises(ValueError):
        deadline_from_period(iran, date(2026, 1, 1), 1, "fortnights")


def test_holidays_are_edited_by_an_administrator_of_everything(world, login):
    from django.urls import reverse

    from mahalla.governance.models import Holiday

    calendars = calendars_build()
    iran = calendars["iran"]
    page = login(world.tehran_secretary)
    page.cookies["mahalla_language"] = "fa"
    listing = page.get(reverse("governance:calendar_list"))
    assert listing.status_code == 200 and "جمعه" in listing.content.decode()
    url = reverse("governance:holiday_add", kwargs={"pk": iran.pk})
    data = {"date": "۱۴۰۵/۰۴/۰۴", "name_fa": "تاسوعا"}
    assert page.post(url, data).status_code == 403
    admin = login(world.admin)
    admin.cookies["mahalla_language"] = "fa"
    assert admin.post(url, data).status_code == 302
    tasua = Holiday.objects.get(calendar=iran, name_fa="تاسوعا")
    assert tasua.date == date(2026, 6, 25)
    admin.post(url, data)  # the same date again: refused, nothing doubled
    assert Holiday.objects.filter(calendar=iran, date=date(2026, 6, 25)).count() == 1
    assert DaysOff.of(iran).is_working_day(date(2026, 6, 25)) is False
    remove = reverse("governance:holiday_remove", kwargs={"pk": tasua.pk})
    assert page.post(remove).status_code == 403
    assert admin.post(remove).status_code == 302
    assert not Holiday.objects.filter(pk=tasua.pk).exists()
