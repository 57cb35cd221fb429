"""A person reads times in the zone saved on their account, else their language's usual zone."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from mahalla.core.middleware import UserTimeZoneMiddleware
from mahalla.people.services import organisation_update

INSTANT = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)


def _zone_seen_by(user, language: str) -> str:
    """The zone active while a page is made for `user` reading in `language`."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        UserTimeZoneMiddleware(view)(request)
    return seen["zone"]


def test_anonymous_visitors_read_their_languages_usual_zone(settings):
    from django.contrib.auth.models import AnonymousUser

    settings.TIME_ZONE = "UTC"
    assert _zone_seen_by(AnonymousUser(), "th") == "Asia/Bangkok"
    assert _zone_seen_by(AnonymousUser(), "fa") == "Asia/Tehran"
    assert _zone_seen_by(AnonymousUser(), "en") == "UTC"
    assert timezone.get_current_timezone_name() == "UTC"  # nothing leaks past the request


def test_a_saved_zone_wins_over_the_language(world):
    world.moradabad_facilitator.time_zone = "Asia/Bangkok"
    assert _zone_seen_by(world.moradabad_facilitator, "fa") == "Asia/Bangkok"


def test_the_zone_chosen_on_the_account_page_is_saved_and_used(world, login):
    client = login(world.moradabad_facilitator)
    page = client.get(reverse("account")).content.decode()
    assert 'name="time_zone"' in page
    assert "به وقت تهران" in page  # the usual zone of a Persian reader, named

    response = client.post(reverse("time_zone_set"), {"time_zone": "Asia/Bangkok"})
    assert response.status_code == 302 and response["Location"] == reverse("account")
    world.moradabad_facilitator.refresh_from_db()
    assert world.moradabad_facilitator.time_zone == "Asia/Bangkok"
    page = client.get(reverse("account")).content.decode()
    assert '<option value="Asia/Bangkok" selected>به وقت بانکوک</option>' in page


def test_choosing_the_usual_zone_again_clears_the_choice(world, login):
    world.treasurer.time_zone = "UTC"
    world.treasurer.save()
    login(world.treasurer).post(reverse("time_zone_set"), {"time_zone": ""})
    world.treasurer.refresh_from_db()
    assert world.treasurer.time_zone == ""


def test_an_unknown_zone_is_refused_next_to_the_field(world, login):
    world.treasurer.language = "th"
    world.treasurer.save()
    response = login(world.treasurer).post(reverse("time_zone_set"), {"time_zone": "Mars/Base"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="field-time_zone"' in html and "Mars/Base" in html
    assert "เขตเวลา" in html  # the field's label, in Thai
    world.treasurer.refresh_from_db()
    assert world.treasurer.time_zone == ""


def test_anonymous_visitors_cannot_save_a_zone(db, login):
    response = login().post(reverse("time_zone_set"), {"time_zone": "UTC"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def _history_at(organisation, when: datetime) -> None:
    organisation_update(organisation=organisation, by=None, name_fa="دفتر منطقه")
    organisation.history.filter(history_type="~").update(history_date=when)


def test_history_names_the_zone_for_a_thai_reader(world, login):
    world.khlong_toei_officer.language = "th"
    world.khlong_toei_officer.save()
    _history_at(world.khlong_toei_office, INSTANT)
    url = reverse("people:organisation_detail", args=[world.khlong_toei_office.pk])
    html = login(world.khlong_toei_officer).get(url).content.decode()
    assert "21 มี.ค. 2569 04:00 (เวลากรุงเทพฯ)" in html


def test_history_names_the_zone_for_a_persian_reader(world, login):
    world.khlong_toei_officer.language = "fa"
    world.khlong_toei_officer.save()
    _history_at(world.khlong_toei_office, INSTANT)
    url = reverse("people:organisation_detail", args=[world.khlong_toei_office.pk])
    html = login(world.khlong_toei_officer).get(url).content.decode()
    assert "۱ فروردین ۱۴۰۵، ۰۰:۳۰ (به وقت تهران)" in html
