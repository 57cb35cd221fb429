"""Local development documents (سند توسعه محلی) and social annexes (پیوست اجتماعی):
residents' needs, prioritised by a weighted score whose weights are shown, turned into
actions with an owner organisation, a budget and a timeframe, then approved level by level
(e.g. county headquarters → provincial headquarters → provincial planning council)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from mahalla.governance.models.bodies import Body, BodyType
from mahalla.governance.models.names import Named
from mahalla.governance.models.resolutions import Resolution
from mahalla.people.models import Organisation
from mahalla.places.models import Area


class ApprovalScheme(Named, models.Model):  # noqa: DJ008 - str() is Named's
    """The levels a programme's documents go through, in order; data, per programme."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("approval scheme")
        verbose_name_plural = _("approval schemes")
        ordering = ["code"]


class ApprovalLevel(models.Model):
    """One level: the body of this type whose area holds the document's area approves."""

    scheme = models.ForeignKey(ApprovalScheme, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("order"))
    body_type = models.ForeignKey(
        BodyType, verbose_name=_("approving body type"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("approval level")
        verbose_name_plural = _("approval levels")
        ordering = ["scheme", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "rank"], name="governance_level_rank")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.rank}: {self.body_type}"


class DevelopmentDocument(models.Model):
    class Kind(models.TextChoices):
        LOCAL_DEVELOPMENT = "local_development", _("local development document")
        SOCIAL_ANNEX = "social_annex", _("social annex")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_APPROVAL = "in_approval", _("in approval")
        RETURNED = "returned", _("returned for revision")
        APPROVED = "approved", _("approved")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    project = models.CharField(
        _("project"), max_length=300, blank=True, help_text=_("For a social annex: its project.")
    )
    # The facilitation office (or other body) that prepares the document.
    body = models.ForeignKey(
        Body, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="documents"
    )
    scheme = models.ForeignKey(
        ApprovalScheme, verbose_name=_("approval scheme"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    current_rank = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The weights of the priority score, shown beside every score (they must add up to 100).
    weight_votes = models.PositiveSmallIntegerField(_("weight of residents' votes"), default=50)
    weight_severity = models.PositiveSmallIntegerField(_("weight of severity"), default=30)
    weight_reach = models.PositiveSmallIntegerField(_("weight of people affected"), default=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("development document")
        verbose_name_plural = _("development documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_votes__lte=100, weight_severity__lte=100, weight_reach__lte=100
                ),
                name="governance_document_weights",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Need(models.Model):
    class Source(models.TextChoices):
        OFFICE = "office", _("typed by the facilitation office")
        MEETING = "meeting", _("raised in a meeting")
        SURVEY = "survey", _("from a survey submission")
        SUGGESTION = "suggestion", _("a resident's suggestion")

    document = models.ForeignKey(
        DevelopmentDocument, on_delete=models.CASCADE, related_name="needs"
    )
    text = models.TextField(_("need"))
    group = models.CharField(_("group"), max_length=100, help_text=_("E.g. water, schools, jobs."))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_ref = models.CharField(
        _("reference"), max_length=200, blank=True, help_text=_("Meeting date, submission…")
    )
    # Votes counted on paper at a residents' meeting; votes in the app are added to these.
    paper_votes = models.PositiveIntegerField(_("votes counted on paper"), default=0)
    severity = models.PositiveSmallIntegerField(
        _("severity (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    people_affected = models.PositiveIntegerField(_("people affected"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["document", "group", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class NeedVote(models.Model):
    """A resident's vote in the app: one per person and need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="app_votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="governance_one_vote_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.need_id}"


class Action(models.Model):
    document = models.ForeignKey(
        DevelopmentDocument, on_delete=models.CASCADE, related_name="actions"
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), null=True, blank=True, on_delete=models.SET_NULL
    )
    text = models.TextField(pgettext_lazy("plan action", "action"))
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner organisation"), on_delete=models.PROTECT
    )
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(_("currency"), max_length=3, default="IRR")
    starts_on = models.DateField(pgettext_lazy("first day", "starts"))
    ends_on = models.DateField(_("ends"))
    # Once the document is approved, the action is monitored as a resolution.
    resolution = models.OneToOneField(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="action"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["document", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="governance_action_dates",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ApprovalDecision(models.Model):
    """A level's decision on a document: approved, or returned with a comment. Never edited."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for revision")

    document = models.ForeignKey(
        DevelopmentDocument, on_delete=models.CASCADE, related_name="decisions"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.rank} {self.decision}"
