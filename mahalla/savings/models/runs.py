"""The nightly run that proves the books and charges the month's penalties."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import Job


class BooksCheckRun(Job):
    """One night's run: every group's cached balances against its entries, each
    transaction's balance, the hash chain, then the month-end ageing and penalties. What is
    wrong is kept as messages (codes and parameters) and shown on the group's page."""

    run_date = models.DateField(_("for the date"))
    findings = models.JSONField(_("findings"), default=list, blank=True)
    # Groups with a finding, for the banner on their pages.
    groups_wrong = models.JSONField(default=list, blank=True)
    penalties = models.PositiveIntegerField(_("loans charged a penalty"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("books check")
        verbose_name_plural = _("books checks")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.run_date} {self.status}"
