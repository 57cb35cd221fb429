"""Elections of a board of trustees, its manager and its inspector.

Either the result of a paper count is recorded, or residents vote in the app with a one-time
voting code handed to each person on the electoral roll. A code can be used once; the ballot
it casts is stored without the code, the voter or a time, under a random id — so who voted
is known (turnout) and how nobody voted is."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.governance.models.bodies import Body, Membership


class Election(models.Model):
    class Method(models.TextChoices):
        PAPER = "paper", _("paper ballots, result recorded here")
        APP = "app", _("ballots cast in the app with voting codes")

    class Status(models.TextChoices):
        CALLED = "called", _("called: candidates and voters are registered")
        VOTING = "voting", _("voting")
        COUNTED = "counted", _("counted")
        CLOSED = "closed", _("closed: terms created")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="elections")
    position = models.CharField(
        _("to elect"),
        max_length=16,
        choices=[
            (Membership.Role.MEMBER, _("members of the board")),
            (Membership.Role.MANAGER, _("the manager")),
            (Membership.Role.INSPECTOR, _("the inspector")),
        ],
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    called_on = models.DateField(_("called on"))
    voting_on = models.DateField(_("voting day"))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CALLED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-voting_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(voting_on__gte=models.F("called_on")),
                name="governance_election_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.position} {self.voting_on}"


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    person_name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age = models.PositiveSmallIntegerField(_("age"))
    # Checked by the election officer against the registry or an ID card.
    is_resident = models.BooleanField(_("lives in the neighbourhood"), default=False)
    # A paper count's result; ballots cast in the app are counted from `Ballot`.
    paper_votes = models.PositiveIntegerField(_("votes (paper count)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["election", "person_name", "id"]

    def __str__(self) -> str:
        return self.person_name

    def is_eligible(self) -> bool:
        return self.is_resident and self.age >= self.election.min_age


class Voter(models.Model):
    """One person on the electoral roll, with the hash of their one-time voting code."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    person_name = models.CharField(_("name"), max_length=200)
    age = models.PositiveSmallIntegerField(_("age"))
    code_hash = models.CharField(max_length=64, unique=True)
    # Whether the code was used, never when: a time would let the ballots be matched.
    has_voted = models.BooleanField(_("has voted"), default=False)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ["election", "person_name", "id"]

    def __str__(self) -> str:
        return self.person_name


class Ballot(models.Model):
    """A cast ballot: its choices only (no voter, no code, no time; a random id)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    choices = models.ManyToManyField(Candidate, related_name="ballots", blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.id)
