"""Names inside flash messages are escaped and isolated, so they cannot reorder the sentence."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.core.flash import with_names
from mahalla.places.models import Area

pytestmark = pytest.mark.django_db


def test_with_names_escapes_and_isolates():
    html = with_names("%(name)s was added.", name="<b>ชุมชน</b>\u202e")
    assert html == "<bdi>&lt;b&gt;ชุมชน&lt;/b&gt;\u202e</bdi> was added."


def test_added_place_name_is_isolated_in_the_persian_message(world, login):
    client = login(world.khlong_toei_officer)
    data = {
        "level": world.community.pk,
        "name_en": "",
        "name_th": "ชุมชนริมน้ำ <1>",
        "name_fa": "",
        "code": "",
        "registration": "unregistered",
        "latitude": "",
        "longitude": "",
        "reason": "walk",
    }
    url = reverse("places:area_create", kwargs={"parent_pk": world.khlong_toei.pk})
    response = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="fa")
    assert Area.objects.filter(name_th="ชุมชนริมน้ำ <1>").exists()
    assert "<bdi>ชุมชนริมน้ำ &lt;1&gt;</bdi>" in response.content.decode()
