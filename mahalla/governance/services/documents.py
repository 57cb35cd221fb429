"""Development documents: a transparent priority score, and approval level by level with no
step skipped; once approved, every action becomes a resolution that is monitored (deadline,
reminders, escalation) like any other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number
from mahalla.governance.models import (
    Action,
    ApprovalDecision,
    ApprovalLevel,
    Body,
    DevelopmentDocument,
    Need,
    NeedVote,
)
from mahalla.governance.services.resolutions import resolution_create

EDITABLE = (DevelopmentDocument.Status.DRAFT, DevelopmentDocument.Status.RETURNED)


@dataclass(frozen=True)
class Scored:
    need: Need
    votes: int
    votes_part: float
    severity_part: float
    reach_part: float

    @property
    def score(self) -> float:
        return self.votes_part + self.severity_part + self.reach_part


def scored_needs(document: DevelopmentDocument) -> list[Scored]:
    """Needs by score, highest first. Each criterion is scaled to 0–1 (votes and people
    affected against the document's largest, severity against 5) and multiplied by its
    weight, so the score is out of 100 when the weights add up to 100."""
    needs = list(document.needs.annotate(app=Count("app_votes")))
    most_votes = max((n.paper_votes + n.app for n in needs), default=0) or 1
    most_people = max((n.people_affected for n in needs), default=0) or 1
    rows = [
        Scored(
            need=n,
            votes=n.paper_votes + n.app,
            votes_part=document.weight_votes * (n.paper_votes + n.app) / most_votes,
            severity_part=document.weight_severity * n.severity / 5,
            reach_part=document.weight_reach * n.people_affected / most_people,
        )
        for n in needs
    ]
    return sorted(rows, key=lambda r: (-r.score, r.need.pk))


def check_weights(votes: int, severity: int, reach: int) -> None:
    if votes + severity + reach != 100:
        raise ValidationError(
            _("The weights add up to %(total)s; they must add up to 100.")
            % {"total": format_number(votes + severity + reach)}
        )


def _editable(document: DevelopmentDocument) -> None:
    if document.status not in EDITABLE:
        raise ValidationError(
            _("The document is %(status)s: it can be changed only when it is a draft or returned.")
            % {"status": document.get_status_display()}
        )


@transaction.atomic
def need_add(*, document: DevelopmentDocument, by: Any, **fields: Any) -> Need:
    _editable(document)
    need = Need(document=document, **fields)
    need.full_clean()
    need._history_user = by
    need.save()
    return need


@transaction.atomic
def vote(*, need: Need, user: Any) -> bool:
    """One vote per person and need; False when the person had voted already."""
    if need.document.status not in EDITABLE:
        raise ValidationError(_("Voting is closed: the document is in approval."))
    _vote, created = NeedVote.objects.get_or_create(need=need, user=user)
    return created


@transaction.atomic
def action_add(*, document: DevelopmentDocument, by: Any, **fields: Any) -> Action:
    _editable(document)
    need = fields.get("need")
    if need is not None and need.document_id != document.pk:
        raise ValidationError({"need": _("The need is of another document.")})
    action = Action(document=document, **fields)
    action.full_clean()
    action._history_user = by
    action.save()
    return action


def levels(document: DevelopmentDocument) -> list[ApprovalLevel]:
    return list(document.scheme.levels.select_related("body_type").order_by("rank"))


def approving_body(document: DevelopmentDocument, level: ApprovalLevel) -> Body | None:
    """The body of the level's type whose area is the document's, or the nearest above it."""
    # The materialised path ("/1/7/42/") names the area and its ancestors: one indexed query.
    ancestors = [int(part) for part in document.area.path.strip("/").split("/") if part]
    return (
        Body.objects.filter(body_type=level.body_type, is_active=True, area_id__in=ancestors)
        .select_related("area")
        .order_by("-area__depth", "pk")
        .first()
    )


@transaction.atomic
def submit(*, document: DevelopmentDocument, by: Any) -> DevelopmentDocument:
    """To the first level, whatever level returned it: no step is skipped after a revision."""
    document = DevelopmentDocument.objects.select_for_update().get(pk=document.pk)
    _editable(document)
    if not document.actions.exists():
        raise ValidationError(_("Add at least one action before submitting the document."))
    check_weights(document.weight_votes, document.weight_severity, document.weight_reach)
    chain = levels(document)
    if not chain:
        raise ValidationError(_("The approval scheme has no level."))
    missing = [lvl for lvl in chain if approving_body(document, lvl) is None]
    if missing:
        raise ValidationError(
            _("No %(type)s covers this neighbourhood: add that body before submitting.")
            % {"type": missing[0].body_type.name}
        )
    document.status = DevelopmentDocument.Status.IN_APPROVAL
    document.current_rank = chain[0].rank
    document._history_user = by
    document.save(update_fields=["status", "current_rank"])
    ApprovalDecision.objects.create(
        document=document, decision=ApprovalDecision.Decision.SUBMITTED, by=by
    )
    return document


@transaction.atomic
def decide(
    *, document: DevelopmentDocument, rank: int, approve: bool, comment: str, by: Any
) -> DevelopmentDocument:
    """The decision of level `rank`. Refused when the document is not at that level (a later
    level cannot decide before an earlier one; a level cannot decide twice)."""
    document = DevelopmentDocument.objects.select_for_update().get(pk=document.pk)
    if document.status != DevelopmentDocument.Status.IN_APPROVAL or document.current_rank != rank:
        raise ValidationError(
            _("The document is not waiting for this level: the levels decide in their order.")
        )
    chain = levels(document)
    level = next(lvl for lvl in chain if lvl.rank == rank)
    body = approving_body(document, level)
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what must be revised.")})
    ApprovalDecision.objects.create(
        document=document,
        rank=rank,
        body=body,
        decision=ApprovalDecision.Decision.APPROVED
        if approve
        else ApprovalDecision.Decision.RETURNED,
        comment=comment.strip(),
        by=by,
    )
    document._history_user = by
    if not approve:
        document.status = DevelopmentDocument.Status.RETURNED
        document.current_rank = None
    else:
        later = [lvl for lvl in chain if lvl.rank > rank]
        if later:
            document.current_rank = later[0].rank
        else:
            document.status = DevelopmentDocument.Status.APPROVED
            document.current_rank = None
            _monitor(document, by)
    document.save(update_fields=["status", "current_rank"])
    return document


def _monitor(document: DevelopmentDocument, by: Any) -> None:
    """Each action becomes a resolution of the preparing body, owned by its organisation,
    due at its end date."""
    for action in document.actions.select_related("owner").filter(resolution__isnull=True):
        resolution = resolution_create(
            body=document.body,
            by=by,
            text=action.text,
            responsible=[action.owner],
            deadline=max(action.ends_on, _today(document)),
        )
        action.resolution = resolution
        action.save(update_fields=["resolution"])


def _today(document: DevelopmentDocument):
    from mahalla.governance.clock import local_today

    return local_today(document.body.calendar.time_zone)


def current_level(document: DevelopmentDocument) -> tuple[ApprovalLevel | None, Body | None]:
    if document.current_rank is None:
        return None, None
    level = document.scheme.levels.select_related("body_type").get(rank=document.current_rank)
    return level, approving_body(document, level)
