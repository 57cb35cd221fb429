"""The account page: the API token section, dates in the user's calendar, the language choice."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mahalla.people.services import api_token_rotate


def _made_on(user, when: datetime) -> Token:
    token = api_token_rotate(user=user)
    Token.objects.filter(pk=token.pk).update(created=when)
    return token


def test_account_without_a_token_offers_to_make_one(world, login):
    html = login(world.treasurer).get(reverse("account")).content.decode()
    assert '<h2 id="token-heading">API token</h2>' in html
    assert "Make a token" in html
    assert "You have a token made on" not in html
    assert f'action="{reverse("api_token_rotate")}"' in html
    assert f'href="{reverse("api:docs")}"' in html


def test_token_date_is_in_the_buddhist_era_and_the_key_stays_hidden(world, login):
    world.treasurer.language = "th"
    world.treasurer.save()
    when = timezone.make_aware(datetime(2025, 3, 20, 9, 30), timezone.get_fixed_timezone(0))
    token = _made_on(world.treasurer, when)
    html = login(world.treasurer).get(reverse("account")).content.decode()
    # 09:30 UTC is 16:30 in Bangkok, the usual time zone of Thai readers.
    assert "คุณมีโทเคนที่สร้างเมื่อ 20 มี.ค. 2568 16:30" in html
    assert "2025" not in html
    assert token.key not in html
    assert "สร้างโทเคนใหม่แทนโทเคนเดิม" in html  # "Replace my token"


def test_token_date_is_solar_hijri_in_persian_digits(world, login):
    when = timezone.make_aware(datetime(2025, 3, 20, 9, 30), timezone.get_fixed_timezone(0))
    _made_on(world.moradabad_facilitator, when)
    html = login(world.moradabad_facilitator).get(reverse("account")).content.decode()
    assert "۳۰ اسفند ۱۴۰۳" in html


def test_language_chosen_on_the_account_page_is_saved_and_shown(world, login):
    client = login(world.treasurer)
    page = client.get(reverse("account")).content.decode()
    assert 'id="account-language" name="language"' in page
    assert f'<input name="next" type="hidden" value="{reverse("account")}">' in page

    response = client.post(reverse("set_language"), {"language": "fa", "next": reverse("account")})
    assert response.status_code == 302
    assert response["Location"] == reverse("account")
    world.treasurer.refresh_from_db()
    assert world.treasurer.language == "fa"

    html = client.get(reverse("account")).content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert '<option value="fa" lang="fa" selected>' in html
