"""Bodies of configurable types, their composition rules and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from mahalla.governance.models.calendars import WorkCalendar
from mahalla.governance.models.names import Named
from mahalla.people.models import Organisation
from mahalla.places.models import Area


class BodyType(Named, models.Model):  # noqa: DJ008 - str() is Named's
    """A kind of body (county steering council, board of trustees…) and the rules its
    composition and its deadlines follow. Data, so a programme adds its own kinds."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    requires_chair = models.BooleanField(_("needs a chair"), default=True)
    requires_secretary = models.BooleanField(_("needs a secretary"), default=True)
    min_members = models.PositiveSmallIntegerField(_("fewest members"), default=3)
    max_members = models.PositiveSmallIntegerField(_("most members"), null=True, blank=True)
    civil_society_seats = models.PositiveSmallIntegerField(_("civil-society seats"), default=0)
    # More than this share of the members present makes a quorum (50: more than half).
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum: more than this % present"), default=50
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many working days before a deadline"), default=3
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("tell the parent body this many working days after a deadline"), default=5
    )
    is_elected = models.BooleanField(_("members are elected"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body type")
        verbose_name_plural = _("body types")
        ordering = ["code"]


class SeatRule(models.Model):
    """Seats a body type keeps for organisations of one kind (e.g. two government agencies)."""

    body_type = models.ForeignKey(
        BodyType, verbose_name=_("body type"), on_delete=models.CASCADE, related_name="seat_rules"
    )
    organisation_kind = models.CharField(
        _("organisation kind"), max_length=32, choices=Organisation.Kind.choices
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)

    class Meta:
        verbose_name = _("seat rule")
        verbose_name_plural = _("seat rules")
        constraints = [
            models.UniqueConstraint(
                fields=["body_type", "organisation_kind"], name="governance_seat_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_type} {self.organisation_kind} × {self.seats}"


class Body(Named, models.Model):  # noqa: DJ008 - str() is Named's
    body_type = models.ForeignKey(
        BodyType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="bodies"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="bodies"
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # Where overdue resolutions go after the body's own chair and secretary (county → province).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    calendar = models.ForeignKey(
        WorkCalendar, verbose_name=_("work calendar"), on_delete=models.PROTECT, related_name="+"
    )
    # An organisation the body is (a facilitation office is both a body and an organisation).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
    )
    # A facilitation office's target neighbourhoods (the places it works with residents).
    target_areas = models.ManyToManyField(
        Area, verbose_name=_("target neighbourhoods"), blank=True, related_name="facilitators"
    )
    # Public bodies show residents their resolutions and the minutes marked public.
    is_public = models.BooleanField(_("publishes its resolutions"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_en="", name_th="", name_fa=""),
                name="governance_body_has_a_name",
            )
        ]


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        SECRETARY = "secretary", _("secretary")
        MANAGER = "manager", _("manager")
        INSPECTOR = "inspector", _("inspector")
        MEMBER = "member", _("member")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    # Many members never sign in: the name is enough for minutes and attendance.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    person_name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        pgettext_lazy("member of a body", "position"),
        max_length=200,
        blank=True,
        help_text=_("E.g. governor, mayor."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    is_civil_society = models.BooleanField(_("civil-society representative"), default=False)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="governance_membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"

    def is_current(self, on) -> bool:
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)
