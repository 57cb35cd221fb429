"""Meetings: scheduling with invitations, attendance and quorum, minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import message, names, render_text
from mahalla.governance.models import (
    Attendance,
    Body,
    Meeting,
    MeetingAttachment,
    Membership,
    Notice,
)
from mahalla.governance.services.bodies import current_members

MAX_AGENDA_CHARS = 20_000
MAX_MINUTES_CHARS = 200_000


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.needed


def quorum_needed(members: int, percent: int) -> int:
    """More than `percent` % of the members: 50 % of 9 members needs 5, of 10 needs 6."""
    return members * percent // 100 + 1


def meeting_members(meeting: Meeting) -> list[Membership]:
    local = meeting.starts_at.astimezone(_zone(meeting.body)).date()
    return current_members(meeting.body, local)


def _zone(body: Body):
    from zoneinfo import ZoneInfo

    return ZoneInfo(body.calendar.time_zone)


def quorum(meeting: Meeting, members: list[Membership] | None = None) -> Quorum:
    members = meeting_members(meeting) if members is None else members
    ids = {m.pk for m in members}
    present = sum(1 for a in meeting.attendance.all() if a.present and a.membership_id in ids)
    return Quorum(
        members=len(members),
        present=present,
        needed=quorum_needed(len(members), meeting.body.body_type.quorum_percent),
    )


@transaction.atomic
def meeting_schedule(
    *,
    body: Body,
    by: Any,
    starts_at: datetime,
    location: str = "",
    agenda: str = "",
    invite: bool = True,
) -> Meeting:
    if len(agenda) > MAX_AGENDA_CHARS:
        raise ValidationError({"agenda": _("The agenda is too long.")})
    meeting = Meeting(
        body=body,
        starts_at=starts_at,
        location=location.strip(),
        agenda=agenda.strip(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    meeting._history_user = by
    meeting.save()
    if invite:
        transaction.on_commit(lambda: invitations_send(meeting))
    return meeting


def invitations_send(meeting: Meeting) -> int:
    """A notice in the app and an e-mail, in each member's language, to members with an
    account."""
    url = reverse("governance:meeting_detail", kwargs={"pk": meeting.pk})
    members = [m for m in meeting_members(meeting) if m.user_id]
    sent = 0
    for membership in members:
        user = membership.user
        msg = message(
            "governance.invitation",
            body=names(meeting.body),
            starts_at=meeting.starts_at.isoformat(),
        )
        Notice.objects.get_or_create(
            user=user,
            key=f"invitation:{meeting.pk}",
            defaults={"code": msg["code"], "params": msg["params"], "url": url},
        )
        if user.email:
            from django.conf import settings

            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject = render_text(msg)
                text = "\n\n".join(part for part in (meeting.location, meeting.agenda) if part)
                text += f"\n\n{settings.SITE_URL.rstrip('/')}{url}"
            send_mail(subject, text, None, [user.email], fail_silently=True)
            sent += 1
    return sent


@transaction.atomic
def attendance_record(*, meeting: Meeting, by: Any, present_ids: set[int]) -> Quorum:
    """Who was present (membership ids); everyone else of the meeting's members was not."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    members = meeting_members(meeting)
    known = {m.pk for m in members}
    stray = present_ids - known
    if stray:
        raise ValidationError(_("Someone marked present is not a member on the meeting's date."))
    for membership in members:
        Attendance.objects.update_or_create(
            meeting=meeting,
            membership=membership,
            defaults={"present": membership.pk in present_ids},
        )
    if meeting.starts_at <= timezone.now() and meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.HELD
        meeting._history_user = by
        meeting.save(update_fields=["status"])
    meeting = Meeting.objects.prefetch_related("attendance").get(pk=meeting.pk)
    return quorum(meeting, members)


@transaction.atomic
def minutes_save(*, meeting: Meeting, by: Any, minutes: str, public: bool) -> Meeting:
    if len(minutes) > MAX_MINUTES_CHARS:
        raise ValidationError({"minutes": _("The minutes are too long.")})
    if not minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes.")})
    if meeting.starts_at > timezone.now():
        raise ValidationError({"minutes": _("A meeting that has not started has no minutes.")})
    meeting.minutes = minutes.strip()
    meeting.minutes_public = public
    meeting.minutes_recorded_at = timezone.now()
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.HELD
    meeting._history_user = by
    meeting.save()
    return meeting


def resolutions_allowed(meeting: Meeting) -> None:
    """A meeting decides only with a quorum present."""
    q = quorum(meeting)
    if not q.reached:
        raise ValidationError(
            _(
                "No quorum: %(present)s of %(members)s members present, %(needed)s needed. "
                "Record the attendance first."
            )
            % {"present": _num(q.present), "members": _num(q.members), "needed": _num(q.needed)}
        )


def _num(value: int) -> str:
    from mahalla.core.i18n.digits import format_number

    return format_number(value)


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 30


@transaction.atomic
def attachment_add(*, meeting: Meeting, by: Any, upload) -> MeetingAttachment:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    if meeting.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": _("A meeting holds at most 30 attachments.")})
    return MeetingAttachment.objects.create(
        meeting=meeting,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
