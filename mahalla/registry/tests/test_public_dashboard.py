"""The public dashboard: anyone may read it; it shows counts only, small ones suppressed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.registry.models import Household, Member

pytestmark = pytest.mark.django_db


def test_anonymous_readers_get_counts_without_any_name(world, registry, login):
    client = login()
    url = reverse("registry:public_dashboard", kwargs={"pk": world.khlong_toei.pk})
    response = client.get(url, headers={"accept-language": "th"})
    assert response.status_code == 200
    text = response.text
    for name in Household.objects.values_list("head_name", flat=True):
        assert name not in text
    for name in Member.objects.values_list("name", flat=True):
        assert name not in text
    # Three households and four people: too few to publish, so they are hidden.
    table = text[text.index('id="public-by-area-table"') :]
    assert ">3<" not in table.split("</table>")[0] and "✱" in table
    assert "/registry/households/" not in text


def test_large_counts_are_published(world, versions, approve, login):
    from mahalla.registry.testing import household_answers, submit

    for index in range(6):
        approve(submit(versions[1], household_answers(head_name=f"บ้าน {index}")))
    text = (
        login().get(reverse("registry:public_dashboard", kwargs={"pk": world.khlong_toei.pk})).text
    )
    table = text[text.index('id="public-by-area-table"') :].split("</table>")[0]
    assert ">6<" in table  # households of Lock 1-2-3
    assert ">12<" in table  # its people


def test_communities_have_no_public_page(world, login):
    url = reverse("registry:public_dashboard", kwargs={"pk": world.lock_123.pk})
    assert login().get(url).status_code == 404


def test_the_public_list_is_linked_from_the_welcome_page(world, login):
    assert reverse("registry:public_home") in login().get("/").text
