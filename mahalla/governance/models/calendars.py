"""Work calendars: which weekdays are the weekend and which dates are holidays.

Deadlines given as "10 working days" are counted on the body's calendar: Iran rests on
Friday and on its official holidays (Nowruz, Tasua and Ashura…), Thailand on Saturday and
Sunday and on its own (Songkran, the King's birthday…). Holidays are data because many move
each year (lunar dates, substitution days announced by the cabinet).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.core.i18n.timezones import is_time_zone
from mahalla.governance.models.names import Named


def validate_weekend(value: str) -> None:
    from mahalla.core.i18n.digits import to_ascii_digits

    days = [d for d in to_ascii_digits(value, separators=False).split(",") if d.strip()]
    if not days or any(d.strip() not in {"1", "2", "3", "4", "5", "6", "7"} for d in days):
        raise ValidationError(
            _("Give the weekend as ISO weekday numbers separated by commas (Friday is 5)."),
            code="invalid_weekend",
        )


def validate_zone(value: str) -> None:
    if not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone. Choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )


class WorkCalendar(Named, models.Model):  # noqa: DJ008 - str() is Named's
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # ISO weekday numbers (Monday 1 … Sunday 7): "5" in Iran, "6,7" in Thailand.
    weekend = models.CharField(
        _("weekend days"), max_length=20, default="6,7", validators=[validate_weekend]
    )
    # "Today" for deadlines is the date where the body sits, not on the server.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Bangkok", validators=[validate_zone]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work calendar")
        verbose_name_plural = _("work calendars")
        ordering = ["code"]

    @property
    def weekday_names(self) -> list[str]:
        """The weekend's days in the reader's language."""
        from datetime import date, timedelta

        from mahalla.core.i18n.calendars import format_weekday

        monday = date(2024, 1, 1)
        return [format_weekday(monday + timedelta(days=d - 1)) for d in sorted(self.weekend_days)]

    @property
    def weekend_days(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.weekend.split(",") if d.strip())


class Holiday(Named, models.Model):
    calendar = models.ForeignKey(
        WorkCalendar, verbose_name=_("calendar"), on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(_("date"))
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="governance_holiday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
