"""The area page's rows, read by hand-written SQL (`page_rows`), are what the ORM queryset they
replace returns: the same areas in the same order, with the same counts, level and fields,
in every language, on every page, filtered or not, for a scope that covers the area or not."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from shapely.geometry import box

from mahalla.people.roles import Role
from mahalla.places import selectors
from mahalla.places.models import Area
from mahalla.places.tests.many_children import add_children
from mahalla.testing import grant, make_user

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "parent_id", "level_id", "path", "code", "registration",
          "geometry_is_synthetic", "name_en", "name_th", "name_fa", "child_count",
          "descendant_count")  # fmt: skip
LEVEL_FIELDS = ("pk", "rank", "is_community", "name_en", "name_th", "name_fa")


def _shown(rows: list[Area]) -> list[tuple]:
    return [
        (*(getattr(a, f) for f in FIELDS), *(getattr(a.level, f) for f in LEVEL_FIELDS))
        for a in rows
    ]


@pytest.fixture
def district(world):
    """Khlong Toei with 70 more communities: numbers in Thai, Persian and ASCII digits,
    names in one language only, registered or not, and some with places beneath."""
    names = []
    for n in range(70):
        fields = {"registration": "unregistered" if n % 3 else "registered"}
        if n % 4 == 0:
            fields["name_th"] = f"ชุมชน {n}"
        elif n % 4 == 1:
            fields["name_fa"] = "محله " + str(n).translate(
                str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
            )
        elif n % 4 == 2:
            fields["name_en"] = f"Community {n}"
        else:
            fields["name_th"], fields["name_en"] = f"ซอย {n}", f"Soi {n}"
        names.append(fields)
    children = add_children(
        world.khlong_toei, world.community, names, lambda i: box(100.55, 13.7, 100.56, 13.71)
    )
    add_children(children[5], world.community, [{"name_en": "Beneath"}] * 3)
    return world.khlong_toei


@pytest.mark.parametrize("language", ["th", "fa", "en"])
def test_every_page_equals_the_orm_rows(world, district, language):
    officer = world.khlong_toei_officer
    with translation.override(language):
        ids = selectors.area_children(user=officer, area=district)
        for start in (0, 50):
            page = ids[start : start + 50]
            assert _shown(selectors.area_rows(page)) == _shown(selectors.area_rows_orm(page))
        searched = selectors.area_children(user=officer, area=district, q="ชุมชน")[:50]
        assert _shown(selectors.area_rows(searched)) == _shown(selectors.area_rows_orm(searched))


def test_rows_of_a_scope_that_does_not_cover_the_area_equal_the_orm_rows(world, district):
    one = district.children.order_by("pk")[3]
    leader = make_user("leader_here")
    grant(leader, Role.COMMUNITY_LEADER, area=one)
    ids = selectors.area_children(user=leader, area=district)[:50]
    rows = selectors.area_rows(ids)
    assert [a.pk for a in rows] == [one.pk]
    assert _shown(rows) == _shown(selectors.area_rows_orm(ids))


def test_the_rows_are_one_query_and_carry_their_counts(world, district):
    ids = selectors.area_children(user=world.khlong_toei_officer, area=district)[:200]
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.area_rows(ids)
    assert len(queries) == 1
    assert len(rows) == district.children.count()
    counted = {a.pk: (a.child_count, a.descendant_count) for a in rows}
    with_three = Area.objects.filter(name_en="Beneath").first().parent
    assert counted[with_three.pk] == (3, 3)
    assert counted[world.lock_123.pk] == (0, 0)
    assert all(isinstance(a.geometry_is_synthetic, bool) for a in rows)


def test_no_ids_are_no_rows(world):
    assert selectors.area_rows(Area.objects.none().values_list("pk", flat=True)) == []
    assert selectors.area_children(user=world.no_role, area=world.khlong_toei)[:50].count() == 0
    assert (
        selectors.area_rows(selectors.area_children(user=world.no_role, area=world.lock_123)) == []
    )
