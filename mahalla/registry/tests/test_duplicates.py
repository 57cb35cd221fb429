"""Possible duplicates (Thai and Persian name variants, digits, ZWNJ), merging and undoing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mahalla.registry.duplicates import (
    duplicate_candidates,
    fold_name,
    household_merge,
    merge_undo,
)
from mahalla.registry.models import Household, HouseholdMerge, Member, Value

pytestmark = pytest.mark.django_db


def _household(world, name, number="", ages=(), area=None, **extra):
    household = Household.objects.create(
        area=area or world.lock_123, city=world.bangkok, head_name=name, house_number=number,
        **extra,
    )  # fmt: skip
    for position, age in enumerate(ages, start=1):
        Member.objects.create(household=household, position=position, age=age)
    return household


def test_folding_joins_the_usual_variants():
    assert fold_name("علي كريمي") == fold_name("علی کریمی")  # Arabic ي/ك, Persian ی/ک
    assert fold_name("مهرزاد") == fold_name("مهر\u200cزاد")  # ZWNJ
    assert fold_name("สมชาย ใจดี") == fold_name("สมชายใจดี")  # Thai spacing


def test_candidates_in_one_community(world):
    a = _household(world, "علي كريمي", "۱۲", ages=(40, 38, 9))
    b = _household(world, "علی کریمی", "12", ages=(41, 38, 10))
    c = _household(world, "สมชาย ใจดี", "45/1", ages=(60,))
    d = _household(world, "สมชาย ใจดีมาก", "45/1", ages=(61,))
    _household(world, "มานี มีนา", "7")
    _household(world, "علی کریمی", "12", area=world.rim_khlong)  # another community
    found = duplicate_candidates(Household.objects.all())
    pairs = {frozenset((x.first.pk, x.second.pk)): x for x in found}
    assert set(pairs) == {frozenset((a.pk, b.pk)), frozenset((c.pk, d.pk))}
    first = pairs[frozenset((a.pk, b.pk))]
    assert first.reasons == ["same_name", "same_house_number", "same_ages"]
    assert first.score > pairs[frozenset((c.pk, d.pk))].score


def test_merge_fills_empty_fields_and_undo_puts_them_back(world):
    low = Value.objects.create(list="income_band", code="low", name_en="Low")
    kept = _household(world, "สมชาย ใจดี", "")
    merged = _household(world, "สมชาย ใจดี", "45/1", income_band=low)
    record = household_merge(user=world.khlong_toei_officer, kept=kept, merged=merged)
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert kept.house_number == "45/1" and kept.income_band == low
    assert merged.merged_into == kept
    assert record.filled == {"house_number": "", "income_band_id": None}
    assert kept.history.filter(history_user=world.khlong_toei_officer).exists()
    merge_undo(user=world.khlong_toei_officer, merge=record)
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert kept.house_number == "" and kept.income_band is None
    assert merged.merged_into is None
    with pytest.raises(ValidationError):
        merge_undo(user=world.khlong_toei_officer, merge=record)


def test_a_merge_across_communities_or_districts_is_refused(world):
    from shapely.geometry import box

    from mahalla.places.services import area_create

    pw = area_create(
        level=world.community, parent=world.pathum_wan, name_th="ชุมชนปทุมวัน",
        geometry=box(100.52, 13.73, 100.53, 13.74),
    )  # fmt: skip
    kept = _household(world, "สมชาย ใจดี")
    other = _household(world, "สมชาย ใจดี", area=pw)
    with pytest.raises(PermissionDenied):  # the Khlong Toei officer cannot reach Pathum Wan
        household_merge(user=world.khlong_toei_officer, kept=kept, merged=other)
    with pytest.raises(ValidationError) as raised:
        household_merge(user=world.admin, kept=kept, merged=other)
    assert "same community" in str(raised.value)
    assert not HouseholdMerge.objects.exists()
    other.refresh_from_db()
    assert other.merged_into is None


def test_merge_pages(world, login):
    kept = _household(world, "มานี มีนา", "7", ages=(30,))
    merged = _household(world, "มานี  มีนา", "๗", ages=(30,))
    client = login(world.khlong_toei_officer)
    listing = client.get(reverse("registry:duplicate_list"), headers={"accept-language": "th"})
    assert reverse("registry:household_merge", kwargs={"pk": kept.pk, "other": merged.pk}) in (
        listing.text
    )
    url = reverse("registry:household_merge", kwargs={"pk": kept.pk, "other": merged.pk})
    assert client.get(url).status_code == 200
    merged.refresh_from_db()
    assert merged.merged_into is None  # looking changed nothing
    assert client.post(url).status_code == 302
    merged.refresh_from_db()
    assert merged.merged_into_id == kept.pk
    detail = client.get(reverse("registry:household_detail", kwargs={"pk": kept.pk})).text
    record = HouseholdMerge.objects.get()
    undo = reverse("registry:merge_undo", kwargs={"pk": record.pk})
    assert undo in detail
    assert login(world.pathum_wan_officer).post(undo).status_code == 404
    assert login(world.treasurer).post(undo).status_code == 403
    assert client.post(undo).status_code == 302
    merged.refresh_from_db()
    assert merged.merged_into is None


def test_merging_with_itself_is_refused(world):
    kept = _household(world, "มานี มีนา")
    with pytest.raises(ValidationError):
        household_merge(user=world.khlong_toei_officer, kept=kept, merged=kept)
