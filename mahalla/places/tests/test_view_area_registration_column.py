"""The children table has a registration column only where some child is a community."""

from __future__ import annotations

import re

from django.urls import reverse


def _headers(client, area) -> list[str]:
    content = client.get(
        reverse("places:area_detail", kwargs={"pk": area.pk}), headers={"accept-language": "en"}
    ).text
    head = re.search(r'<table class="data children-table">.*?</thead>', content, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th [^>]*>.*?</th>", head)]


def test_districts_of_a_province_have_no_registration_column(world, login):
    assert "Registration" not in _headers(login(world.admin), world.bangkok)


def test_communities_of_a_district_have_one(world, login):
    assert "Registration" in _headers(login(world.khlong_toei_officer), world.khlong_toei)
