"""Who is told what: focal points of the responsible organisations, a body's chair and
secretary, its parent body's; notices in the app and one e-mail digest a day."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from mahalla.core.jobs.messages import message, names, render_text
from mahalla.governance.models import Membership, Notice, ProgressReport
from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role

OFFICERS = (Membership.Role.CHAIR, Membership.Role.SECRETARY)


def current_terms(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}term_start__lte": on}) & (
        Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": on})
    )


def body_officers(body_ids, on: date) -> QuerySet:
    """User ids of the chairs and secretaries (with an account) of the bodies, today."""
    return (
        Membership.objects.filter(
            current_terms(on), body_id__in=body_ids, role__in=OFFICERS, user__isnull=False
        )
        .values_list("user_id", flat=True)
        .distinct()
    )


def focal_points(organisation_ids) -> QuerySet:
    return (
        RoleGrant.objects.filter(
            role=Role.FOCAL_POINT, revoked_at__isnull=True, organisation_id__in=organisation_ids
        )
        .values_list("user_id", flat=True)
        .distinct()
    )


def report_posted(report: ProgressReport) -> None:
    """An update reaches the body that decided: its chair and secretary are told at once."""
    resolution = report.resolution
    body = resolution.body
    url = reverse("governance:resolution_detail", kwargs={"pk": resolution.pk})
    if report.author:
        author = report.author.get_full_name() or report.author.username
    else:
        # Rendered in the reader's language, not the sender's.
        author = report.resident_name or message("governance.a_resident")
    recipients = set(body_officers([body.pk], report.created_at.date()))
    recipients.discard(getattr(report.author, "pk", None))
    Notice.objects.bulk_create(
        [
            Notice(
                user_id=user_id,
                key=f"report:{report.pk}",
                code="governance.report_posted",
                params=message(
                    "governance.report_posted",
                    author=author,
                    number=resolution.number,
                    body=names(body),
                )["params"],
                url=url,
            )
            for user_id in recipients
        ],
        ignore_conflicts=True,
    )


def notice_message(notice: Notice) -> dict[str, Any]:
    return {"code": notice.code, "params": notice.params}


def send_digests(notices: list[Notice]) -> int:
    """One e-mail per person, in the person's language, for notices not yet e-mailed."""
    sent = 0
    for notice in notices:
        user = notice.user
        if not user.email or notice.emailed_at is not None:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = render_text({"code": notice.code, "params": notice.params})
            lines = [render_text(part) for part in notice.params.get("parts", [])]
            body = "\n".join(f"- {line}" for line in lines)
            if notice.url:
                body += f"\n\n{settings.SITE_URL.rstrip('/')}{notice.url}"
        send_mail(subject, body, None, [user.email], fail_silently=True)
        Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
