"""District indicators, checked against counts made by hand from the test records."""

from __future__ import annotations

from datetime import date

import pytest

from mahalla.registry.indicators.compute import compute
from mahalla.registry.models import Household, Value
from mahalla.registry.testing import profile_answers, submit

pytestmark = pytest.mark.django_db


def _values(table):
    return {row.key: row.values for row in table.rows}


def test_district_indicators(world, registry):
    result = compute(user=world.khlong_toei_officer, area=world.khlong_toei)
    # Two communities: Lock 1-2-3 surveyed twice (the latest: 150 households), Rim Khlong not.
    assert result.communities == 2
    assert _values(result.table("tenure")) == {"none": [1, 150], "__none__": [1, None]}
    assert _values(result.table("registration")) == {"registered": [1, 150],
                                                      "unregistered": [1, 0]}  # fmt: skip
    assert _values(result.table("eviction"))["notice"] == [1, 150]
    assert _values(result.table("hazards")) == {"flood": [1], "fire": [1]}
    gaps = _values(result.table("gaps"))
    assert gaps["drainage_none"] == [0] and gaps["narrow_road"] == [0]  # 2.5 m, "some"
    # Three households: two members, one member, one member.
    assert (result.households, result.people) == (3, 4)
    vulnerable = _values(result.table("vulnerable"))
    assert vulnerable["elderly"] == [1]  # 67
    assert vulnerable["child"] == [1]  # 3
    assert vulnerable["disability"] == [1] and vulnerable["chronic_illness"] == [1]
    assert vulnerable["households"] == [2]
    assert _values(result.table("household_tenure")) == {"occupant": [3]}
    deprived = _values(result.table("deprivations"))
    # Occupants without documented rights: all three lack security of tenure; the houses
    # need repair (durable); the community has piped water and toilets for all.
    assert deprived["tenure"] == [3, 100.0] and deprived["durable"] == [0, 0.0]
    assert deprived["water"] == [0, 0.0] and deprived["living_area"] == [None, None]
    assert deprived["slum"] == [3, 100.0] and result.slum_share == 1.0
    # Broken down by the district's children (its communities).
    assert result.by_child[world.lock_123.pk]["households"] == 3


def test_filters_combine_and_narrow_the_households(world, registry):
    title = Value.objects.get(list="tenure_situation", code="none")
    flood = Value.objects.get(list="hazard", code="flood")
    kept = compute(
        user=world.khlong_toei_officer, area=world.khlong_toei,
        tenure_situation=title, hazard=flood, registration="registered",
    )  # fmt: skip
    assert kept.communities == 1 and kept.households == 3
    none = compute(
        user=world.khlong_toei_officer, area=world.khlong_toei, registration="unregistered"
    )
    assert none.communities == 1 and none.households == 0


def test_a_changed_household_changes_the_numbers(world, registry):
    before = compute(user=world.khlong_toei_officer, area=world.khlong_toei)
    household = Household.objects.get(head_name="มานี มีนา")
    household.is_deleted = True
    household.save()
    after = compute(user=world.khlong_toei_officer, area=world.khlong_toei)
    assert after.households == before.households - 1
    assert after.people == before.people - 1


def test_out_of_scope_households_are_not_counted(world, registry):
    result = compute(user=world.pathum_wan_officer, area=world.khlong_toei)
    assert result.communities == 0 and result.households == 0


def test_change_between_survey_rounds(world, versions, approve):
    """Two rounds of Lock 1-2-3: the round's latest profile counts, the change is last minus
    first, and the table reaches the dashboard's tables (so the XLSX and the PDF)."""
    from mahalla.registry.indicators.compute import compute
    from mahalla.surveys.models import Campaign

    community, _household = versions
    first = Campaign.objects.create(name_en="2025 survey", area=world.khlong_toei,
                                    starts_on=date(2025, 1, 1))  # fmt: skip
    second = Campaign.objects.create(name_en="2026 survey", area=world.khlong_toei,
                                     starts_on=date(2026, 1, 1))  # fmt: skip
    for campaign, households, tenure in (
        (first, 100, "none"), (first, 120, "none"), (second, 150, "lease"),
    ):  # fmt: skip
        submission = submit(community, profile_answers(households=households,
                                                       tenure_situation=tenure))  # fmt: skip
        submission.campaign = campaign
        submission.save(update_fields=["campaign"])
        approve(submission)
    result = compute(user=world.admin, area=world.khlong_toei)
    table = result.table("rounds")
    assert [str(c) for c in table.columns] == ["2025 survey", "2026 survey", "change"]
    rows = {row.key: row.values for row in table.rows}
    assert rows["communities"] == [1, 1, 0]
    assert rows["households"] == [120, 150, 30]  # the round's later profile counts
    assert rows["no_tenure"] == [1, 0, -1]
    assert rows["flood"] == [1, 1, 0]
    assert not table.chart


def test_no_rounds_no_change_table(world, registry):
    from mahalla.registry.indicators.compute import compute

    result = compute(user=world.admin, area=world.khlong_toei)
    assert "rounds" not in [t.key for t in result.tables]
