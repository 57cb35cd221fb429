"""Organisations are listed in the reader's dictionary order, numbers counted as numbers."""

from __future__ import annotations

from django.urls import reverse

from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create


def _names(client, language: str) -> list[str]:
    response = client.get(
        reverse("people:organisation_list"), {"q": "ชุมชน"}, headers={"accept-language": language}
    )
    assert response.status_code == 200
    return [organisation.name for organisation in response.context["page"].object_list]


def test_thai_organisations_follow_thai_order_not_code_points(world, login):
    # Code-point order: ชุมชน 10, ชุมชน 2, ชุมชนเกาะ, ชุมชนขวัญ (เ sorts after every consonant).
    for name in ["ชุมชน 10", "ชุมชนขวัญ", "ชุมชน 2", "ชุมชนเกาะ"]:
        organisation_create(by=None, kind=Organisation.Kind.COMMUNITY_ORGANISATION, name_th=name)
    assert _names(login(world.admin), "th") == ["ชุมชน 2", "ชุมชน 10", "ชุมชนเกาะ", "ชุมชนขวัญ"]
