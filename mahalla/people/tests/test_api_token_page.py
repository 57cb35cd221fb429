from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token


def test_user_makes_a_token_and_sees_it_once(world, login):
    client = login(world.khlong_toei_officer)
    response = client.post(reverse("api_token_rotate"), follow=True)
    token = Token.objects.get(user=world.khlong_toei_officer)
    assert token.key in response.content.decode()
    assert token.key not in client.get(reverse("account")).content.decode()


def test_rotating_the_token_stops_the_old_one(world, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("api_token_rotate"))
    old = Token.objects.get(user=world.khlong_toei_officer).key
    client.post(reverse("api_token_rotate"))
    new = Token.objects.get(user=world.khlong_toei_officer).key
    assert old != new
    api = login()
    assert api.get("/api/areas/", HTTP_AUTHORIZATION=f"Token {old}").status_code == 401
    assert api.get("/api/areas/", HTTP_AUTHORIZATION=f"Token {new}").status_code == 200


def test_token_rotation_needs_a_post(world, login):
    assert login(world.khlong_toei_officer).get(reverse("api_token_rotate")).status_code == 405
