"""The two default forms load through the upload service, in three languages, idempotently."""

from __future__ import annotations

from django.core.management import call_command

from mahalla.surveys import registry_hook
from mahalla.surveys.forms import demo
from mahalla.surveys.models import Form, FormVersion


def test_both_forms_load_published_with_their_registry_mapping(world):
    community, household = demo.build(area=world.bangkok, user=world.admin)
    assert community.is_published and household.is_published
    assert community.form.registry_mapping == registry_hook.COMMUNITY_PROFILE
    assert household.form.registry_mapping == registry_hook.HOUSEHOLD_SURVEY
    assert community.form.xml_form_id == "community_profile"
    assert household.form.xml_form_id == "household_survey"
    assert community.form.area == world.bangkok


def test_labels_and_titles_are_in_thai_persian_and_english(world):
    community, household = demo.build(area=world.bangkok)
    for version in (community, household):
        assert version.languages == ["en", "th", "fa"]
        assert set(version.titles) >= {"en", "th", "fa"}
        for field in version.fields:
            if field["path"].startswith("/meta"):
                continue
            assert set(field["labels"]) == {"en", "th", "fa"}, field["path"]
            for choice in field.get("choices", []):
                assert set(choice["labels"]) == {"en", "th", "fa"}, choice
    assert household.form.name_th == "แบบสำรวจครัวเรือน"
    assert household.form.name_fa == "پرسش‌نامه خانوار"


def test_household_members_are_a_repeat_with_the_registry_fields(world):
    _community, household = demo.build(area=world.bangkok)
    by_path = {f["path"]: f for f in household.fields}
    assert by_path["/members"]["type"] == "repeat"
    for name in (
        "member_name",
        "age",
        "sex",
        "disability",
        "chronic_illness",
        "elderly_alone",
        "occupation",
    ):
        assert by_path[f"/members/{name}"]["repeat"] == "/members"
    for name in (
        "head_name",
        "income_band",
        "house_condition",
        "tenure",
        "savings_member",
        "location",
    ):
        assert by_path[f"/{name}"]["repeat"] == ""


def test_community_profile_has_the_settlement_fields(world):
    community, _household = demo.build(area=world.bangkok)
    names = {f["name"]: f["type"] for f in community.fields}
    assert names["location"] == "geopoint" and names["boundary"] == "geoshape"
    for name in (
        "land_owner_type",
        "tenure_situation",
        "eviction_threat",
        "houses",
        "households",
        "population",
        "water",
        "electricity",
        "drainage",
        "access_road_width",
        "toilets",
        "solid_waste",
        "hazards",
        "services",
        "community_organisation",
        "savings_group",
    ):
        assert name in names, name
    hazards = {
        c["name"] for c in next(f for f in community.fields if f["name"] == "hazards")["choices"]
    }
    assert hazards == {"flood", "fire"}


def test_the_command_is_idempotent(world):
    call_command("load_default_forms", "--area", world.bangkok.code)
    call_command("load_default_forms", "--area", world.bangkok.code)
    assert Form.objects.count() == 2
    assert FormVersion.objects.count() == 2
    assert FormVersion.objects.filter(state=FormVersion.State.PUBLISHED).count() == 2
