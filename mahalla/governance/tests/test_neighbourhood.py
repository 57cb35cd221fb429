"""The neighbourhood page of a facilitation office."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import Body
from mahalla.governance.services.bodies import membership_add
from mahalla.governance.services.resolutions import resolution_create


def test_the_office_page_gathers_the_neighbourhood(world, login):
    types = body_types_build()
    office = Body.objects.create(
        body_type=types["facilitation_office"],
        area=world.chabahar,
        name_fa="دفتر تسهیلگری چابهار",
        calendar=calendars_build()["iran"],
        organisation=None,
    )
    office.target_areas.add(world.moradabad)
    membership_add(
        body=office, by=None, person_name="زهرا بلوچ", position="تسهیلگر", role="member",
        term_start=date(2025, 1, 1),
    )  # fmt: skip
    resolution_create(
        body=office,
        by=None,
        text="پیوست اجتماعی تهیه شود",
        responsible=[world.tehran_municipality],
        deadline=date(2027, 1, 1),
    )
    url = reverse("governance:neighbourhood", kwargs={"pk": world.moradabad.pk})
    client = login(world.moradabad_facilitator)
    client.cookies["mahalla_language"] = "fa"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "دفتر تسهیلگری چابهار" not in text  # the office sits on the county: out of scope
    # The county's own officer sees it with its facilitator and its open resolution.
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    county = make_user("county_officer", language="fa")
    grant(county, Role.FACILITATOR, area=world.chabahar)
    client = login(county)
    client.cookies["mahalla_language"] = "fa"
    text = client.get(url).content.decode()
    assert "دفتر تسهیلگری چابهار" in text and "زهرا بلوچ" in text
    assert "پیوست اجتماعی تهیه شود" in text
    assert login(world.khlong_toei_officer).get(url).status_code == 404
    assert login(world.no_role).get(url).status_code == 403
