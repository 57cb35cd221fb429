"""iCalendar feeds (RFC 5545) of meetings: one per body, one per person (the meetings of the
bodies they sit on), read by calendar apps through a secret address."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from mahalla.governance.models import FeedToken, Meeting, Membership
from mahalla.governance.services.notify import current_terms

MEETING_LENGTH = timedelta(hours=2)
FEED_PAST_DAYS = 366  # a year back: calendar apps re-read the whole feed every time
MAX_EVENTS = 2000


def feed_token(user) -> FeedToken:
    token, _ = FeedToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


def feed_token_renew(user) -> FeedToken:
    token = feed_token(user)
    token.token = secrets.token_urlsafe(32)
    token.save(update_fields=["token", "created_at"])
    return token


def person_meetings(user) -> QuerySet:
    bodies = Membership.objects.filter(current_terms(timezone.localdate()), user=user).values(
        "body_id"
    )
    return Meeting.objects.filter(body__in=bodies)


def calendar_bytes(meetings: QuerySet, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//mahalla//governance//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    rows = meetings.filter(starts_at__gte=since).select_related("body").order_by("starts_at")
    base = settings.SITE_URL.rstrip("/")
    for meeting in rows[:MAX_EVENTS]:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{base.split('//')[-1]}")
        event.add("dtstamp", meeting.created_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", meeting.body.name)
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.agenda:
            event.add("description", meeting.agenda)
        event.add("url", base + reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}))
        event.add(
            "status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED"
        )
        cal.add_component(event)
    return cal.to_ical()
