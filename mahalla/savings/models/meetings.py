"""The monthly meeting: the unit of a treasurer's work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mahalla.savings.models.groups import SavingsGroup, SavingsMember
from mahalla.savings.models.money import amount_field


class GroupMeeting(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    cash_expected = amount_field(_("cash the books expect"), null=True, blank=True)
    cash_counted = amount_field(_("cash counted"), null=True, blank=True)

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["group", "-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(status="open"),
                name="groupmeeting_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.held_on}"

    @property
    def difference(self):
        if self.cash_counted is None or self.cash_expected is None:
            return None
        return self.cash_counted - self.cash_expected


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(SavingsMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.member_id}"
