"""Names people type are isolated (`<bdi>`) wherever pages show them, so one carrying a
right-to-left override (U+202E) cannot reorder the text around it."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from mahalla.people.models import Organisation
from mahalla.people.roles import Role
from mahalla.people.services import organisation_create
from mahalla.places.services import area_create
from mahalla.testing import grant, make_user

RLO = "\u202e"
AREA = f"Khlong {RLO}gnoT"
ORGANISATION = f"{RLO}Savings Network"
PERSON = f"Som{RLO}chai"


def _content_only(html: str) -> str:
    """Element content: the <title> and attribute values take plain text, not <bdi>."""
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    return re.sub(r'(?<!dir)="[^"]*"', '=""', html)


def assert_isolated(html: str, text: str) -> None:
    """Every copy of `text` in element content is a <bdi>, or fills an element with a `dir`
    attribute (which HTML isolates as well)."""
    content = _content_only(html)
    assert text in content, "the name is not on the page at all"
    isolated = re.findall(rf'(?:<bdi>|dir="(?:ltr|rtl|auto)">){re.escape(text)}<', content)
    assert content.count(text) == len(isolated), "an unisolated copy"


@pytest.fixture
def hostile(world):
    area = area_create(level=world.community, parent=world.khlong_toei, name_en=AREA, code="X1")
    child = area_create(level=world.community, parent=area, name_en="Inner lane")
    organisation = organisation_create(
        by=None, kind=Organisation.Kind.NGO, name_en=ORGANISATION, area=world.khlong_toei
    )
    person = make_user("somchai2", first_name=PERSON)
    grant(person, Role.SURVEYOR, area=area)
    grant(person, Role.FOCAL_POINT, org=organisation)
    return {"area": area, "child": child, "organisation": organisation, "person": person}


def test_the_area_page_isolates_its_name(world, login, hostile):
    client = login(world.khlong_toei_officer)
    assert_isolated(
        client.get(reverse("places:area_detail", args=[hostile["area"].pk])).content.decode(), AREA
    )


def test_the_breadcrumb_of_a_place_inside_isolates_the_name(world, login, hostile):
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("places:area_detail", args=[hostile["child"].pk])).content.decode()
    start = page.index('class="breadcrumb"')
    crumbs = page[start : page.index("</nav>", start)]
    assert f'<bdi>{AREA}</bdi> <span class="crumb-level">' in crumbs
    assert_isolated(page, AREA)


def test_the_place_list_and_the_parent_of_its_cards_isolate_the_name(world, login, hostile):
    page = login(world.khlong_toei_officer).get(reverse("places:area_list")).content.decode()
    assert_isolated(page, AREA)
    assert f"in <bdi>{AREA}</bdi>" in page  # the "in …" line of the inner lane's card


def test_the_organisation_pages_isolate_its_name(world, login, hostile):
    client = login(world.khlong_toei_officer)
    detail = reverse("people:organisation_detail", args=[hostile["organisation"].pk])
    assert_isolated(client.get(detail).content.decode(), ORGANISATION)
    assert_isolated(client.get(reverse("people:organisation_list")).content.decode(), ORGANISATION)


def test_the_grant_table_isolates_people_places_and_organisations(world, login, kt_admin, hostile):
    page = login(kt_admin).get(reverse("people:grant_list")).content.decode()
    for text in (PERSON, AREA, ORGANISATION):
        assert_isolated(page, text)


def test_the_header_isolates_the_signed_in_persons_name(world, login, hostile):
    page = login(hostile["person"]).get(reverse("account")).content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert f"<bdi>{PERSON}</bdi>" in header


def test_the_filter_escapes_and_leaves_empty_values_empty():
    template = Template("[{{ value|bidi }}]")
    assert template.render(Context({"value": "<b>x</b>"})) == "[<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>]"
    assert template.render(Context({"value": ""})) == "[]"
    assert template.render(Context({"value": None})) == "[]"


@pytest.fixture
def kt_admin(world):
    user = make_user("kt_admin")
    grant(user, Role.ADMIN, area=world.khlong_toei)
    return user
