"""Notices in the app: a message code and its parameters, rendered in the reader's language
when read (the job that writes them does not know who reads them, nor in which language)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="governance_notices"
    )
    # One digest per person and day: the job updates it when run again, never doubles it.
    key = models.CharField(max_length=80)
    code = models.CharField(max_length=80)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="governance_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.code}"


class FeedToken(models.Model):
    """The secret in a person's calendar-feed address: calendar apps cannot sign in, so the
    address itself is the key. A new link replaces the old one (the old stops working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="governance_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
