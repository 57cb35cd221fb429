"""Form fields that read the user's calendar and digits.

Users type dates in their own calendar (Buddhist Era, Solar Hijri) and numbers in their
own digits (Persian ۱۲۳, Thai ๑๒๓, Arabic-Indic ١٢٣); these fields turn them into Python
`date`, `int` and `Decimal`, and show initial values back in the user's calendar/digits.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms

from mahalla.core.i18n.calendars import DateParseError, date_input_example, format_date, parse_date
from mahalla.core.i18n.digits import format_number, parse_number, to_ascii_digits


class LocalDateInput(forms.TextInput):
    """A text box showing the date in the user's short numeric form (e.g. ۱۴۰۳/۱۲/۳۰).

    Not type="date": browsers' date pickers are Gregorian-only and ignore the user's
    calendar. The example date is the placeholder unless the form gives one.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return format_date(value, style="short")
        return super().format_value(value)  # what the user typed, shown back unchanged

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", date_input_example())
        return context


class LocalDateField(forms.DateField):
    """A date typed in the active language's calendar (see `parse_date`)."""

    widget = LocalDateInput

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateParseError as exc:
            # The message names the expected form, e.g. "Enter a date like ۱۴۰۳/۱۲/۳۰."
            raise forms.ValidationError(exc.message, code=exc.code) from None


class LocalNumberInput(forms.TextInput):
    """A text box for numbers in the user's digits (type="number" refuses Persian digits)."""

    input_mode = "numeric"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": self.input_mode, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
            return format_number(value, grouping=False)
        return super().format_value(value)


class LocalDecimalInput(LocalNumberInput):
    input_mode = "decimal"


class LocalIntegerField(forms.IntegerField):
    """A whole number typed in any digits, with or without thousands separators."""

    widget = LocalNumberInput

    def to_python(self, value: Any) -> int | None:
        if not isinstance(value, str):
            return super().to_python(value)
        if not value.strip():
            return None
        try:
            number = parse_number(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


class LocalDecimalField(forms.DecimalField):
    """A decimal number typed in any digits (`۱۲٬۳۴۵٫۵`, `12,345.5`; in fa also `۲/۵`)."""

    widget = LocalDecimalInput

    def to_python(self, value: Any) -> Decimal | None:
        if not isinstance(value, str):
            return super().to_python(value)
        if not value.strip():
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class AsciiDigitsMixin:
    """For text fields holding codes or phone numbers: store digits as ASCII whatever the
    keyboard typed, so "۰۸۱۲" and "0812" are the same value."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)  # type: ignore[misc]
        return to_ascii_digits(value, separators=False) if isinstance(value, str) else value


class AsciiDigitsCharField(AsciiDigitsMixin, forms.CharField):
    """A CharField whose digits are stored as ASCII."""


class NamedChoiceField(forms.ModelChoiceField):
    """A choice of records shown by their name in the reader's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name if getattr(obj, "name", "") else obj)
