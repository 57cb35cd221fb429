"""Forms read dates in the user's calendar and numbers in any digits."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from mahalla.core.forms import (
    AsciiDigitsCharField,
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
)


class SurveyForm(forms.Form):
    surveyed_on = LocalDateField(label="Surveyed on")
    households = LocalIntegerField(label="Households", min_value=0, required=False)
    savings = LocalDecimalField(label="Savings", max_digits=12, decimal_places=2, required=False)
    phone = AsciiDigitsCharField(label="Phone", required=False)


def submit(language: str, **data) -> SurveyForm:
    with translation.override(language):
        form = SurveyForm(data=data)
        form.is_valid()  # errors are built in the user's language
        return form


def test_a_persian_user_types_a_solar_hijri_date_in_persian_digits():
    form = submit("fa", surveyed_on="۱۴۰۳/۱۲/۳۰", households="۱٬۲۰۰", savings="۲۵۰٫۵")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["surveyed_on"] == date(2025, 3, 20)
    assert form.cleaned_data["households"] == 1200
    assert form.cleaned_data["savings"] == Decimal("250.5")


def test_a_thai_user_types_a_buddhist_era_date():
    form = submit("th", surveyed_on="๓๑/๑๒/๒๕๖๗", households="๔๕")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["surveyed_on"] == date(2024, 12, 31)
    assert form.cleaned_data["households"] == 45


def test_a_day_missing_from_the_calendar_is_refused_naming_the_form_to_use():
    form = submit("fa", surveyed_on="1404/12/30")
    # In Persian, with the wrong date and an example both in the user's own calendar.
    assert form.errors["surveyed_on"] == [
        "روز ۱۴۰۴/۱۲/۳۰ وجود ندارد. تاریخ را به شکل ۱۴۰۳/۱۲/۳۰ وارد کنید."
    ]


def test_garbage_in_the_date_box_names_the_expected_form():
    form = submit("th", surveyed_on="next week")
    assert form.errors["surveyed_on"] == ["กรอกวันที่ในรูปแบบ 20/3/2568"]


def test_a_required_date_left_empty_says_so():
    form = submit("en", surveyed_on="  ")
    assert form.errors["surveyed_on"] == ["This field is required."]


@pytest.mark.parametrize("households", ["1.5", "abc", "1,2,3"])
def test_a_whole_number_is_required_for_households(households):
    form = submit("en", surveyed_on="2025-03-20", households=households)
    assert form.errors["households"] == ["Enter a whole number."]


def test_integer_limits_still_apply():
    form = submit("fa", surveyed_on="1403/12/30", households="-۳")
    assert "households" in form.errors


def test_decimal_places_are_still_limited():
    form = submit("en", surveyed_on="2025-03-20", savings="1.234")
    assert "savings" in form.errors


def test_a_phone_number_typed_in_persian_digits_is_stored_in_ascii():
    form = submit("fa", surveyed_on="1403/12/30", phone="۰۹۱۲ ۳۴۵ ۶۷۸۹")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0912 345 6789"


def test_initial_values_are_shown_in_the_users_calendar_and_digits():
    form = SurveyForm(
        initial={"surveyed_on": date(2025, 3, 20), "households": 1200, "savings": Decimal("2.50")}
    )
    with translation.override("fa"):
        html = str(form["surveyed_on"]) + str(form["households"]) + str(form["savings"])
    assert 'value="۱۴۰۳/۱۲/۳۰"' in html
    assert 'value="۱۲۰۰"' in html
    assert 'value="۲٫۵۰"' in html
    assert 'placeholder="۱۴۰۳/۱۲/۳۰"' in html
    assert 'inputmode="numeric"' in html
    assert 'inputmode="decimal"' in html


def test_a_refused_date_is_shown_back_as_typed():
    form = submit("th", surveyed_on="31/02/2567")
    with translation.override("th"):
        assert 'value="31/02/2567"' in str(form["surveyed_on"])


def test_an_unchanged_date_is_not_reported_as_changed():
    with translation.override("th"):
        form = SurveyForm(
            initial={"surveyed_on": date(2024, 12, 31)}, data={"surveyed_on": "31/12/2567"}
        )
        assert "surveyed_on" not in form.changed_data


def test_date_and_datetime_values_pass_through():
    field = LocalDateField()
    assert field.clean(date(2025, 1, 1)) == date(2025, 1, 1)
    assert field.clean(datetime(2025, 1, 1, 8, 0)) == date(2025, 1, 1)
