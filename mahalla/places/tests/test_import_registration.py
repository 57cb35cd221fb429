"""Imported communities are not registered unless a mapped column says they are."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area
from mahalla.places.tests.check_files import square
from mahalla.places.tests.geo_files import import_file, start_and_write, upload_file, write_layer

pytestmark = pytest.mark.django_db

Registration = Area.Registration
VALUES = {
    "RG-1": ("registered", Registration.REGISTERED),
    "RG-2": ("ไม่จดทะเบียน", Registration.UNREGISTERED),
    "RG-3": ("ثبت‌شده", Registration.REGISTERED),
    "RG-4": ("ثبت نشده", Registration.UNREGISTERED),
    "RG-5": ("1", Registration.REGISTERED),
    "RG-6": ("no", Registration.UNREGISTERED),
    "RG-7": ("", Registration.UNREGISTERED),
    "RG-8": ("pending", Registration.UNREGISTERED),
}


@pytest.fixture
def communities(tmp_path):
    return write_layer(
        tmp_path / "communities.geojson",
        [square(100.545 + i * 0.005, 13.70) for i in range(len(VALUES))],
        {
            "code": list(VALUES),
            "name": [f"Community {code}" for code in VALUES],
            "status": [value for value, _expected in VALUES.values()],
        },
        driver="GeoJSON",
    )


def _registrations():
    return dict(Area.objects.filter(code__startswith="RG-").values_list("code", "registration"))


def test_without_a_column_new_communities_are_not_registered(world, communities):
    import_file(world, communities, name_en_field="name")

    assert set(_registrations().values()) == {Registration.UNREGISTERED}


def test_the_mapped_column_is_read_in_three_languages(world, communities):
    result = import_file(world, communities, name_en_field="name", registration_field="status")

    assert _registrations() == {code: expected for code, (_v, expected) in VALUES.items()}
    assert result.created_count == len(VALUES)
    assert result.flagged_count == 1
    (problem,) = result.problems
    assert (problem["code"], problem["outcome"]) == ("RG-8", "flagged")
    assert render_text(problem["message"]) == (
        "The registration value “pending” is not understood; the community was recorded as "
        "not registered."
    )


def test_an_existing_community_keeps_its_status_when_no_column_is_mapped(world, tmp_path):
    path = write_layer(
        tmp_path / "lock.geojson",
        [square(100.555, 13.70, 0.01)],
        {"code": ["KT-01"], "name": ["Lock 1-2-3 (resurveyed)"]},
        driver="GeoJSON",
    )

    result = import_file(world, path, name_en_field="name")

    assert result.updated_count == 1
    world.lock_123.refresh_from_db()
    assert world.lock_123.name_en == "Lock 1-2-3 (resurveyed)"
    assert world.lock_123.registration == Registration.REGISTERED


def test_other_levels_have_no_registration_and_refuse_a_registration_column(world, tmp_path):
    path = write_layer(
        tmp_path / "sub.geojson",
        [square(100.55, 13.70)],
        {"code": ["SUB-1"], "name": ["Sub-district"], "status": ["yes"]},
        driver="GeoJSON",
    )
    uploaded = upload_file(world, path)

    with pytest.raises(ValidationError) as error:
        start_and_write(
            boundary_import=uploaded,
            user=world.admin,
            level=world.neighbourhood,
            name_en_field="name",
            registration_field="status",
        )
    assert error.value.message_dict["registration_field"] == [
        "Only communities are registered or not: choose a community level, or no "
        "registration property."
    ]

    start_and_write(
        boundary_import=uploaded, user=world.admin, level=world.neighbourhood, name_en_field="name"
    )
    assert Area.objects.get(name_en="Sub-district").registration == Registration.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ยังไม่ได้จดทะเบียน", "unregistered"),  # the wording our own Thai pages use
        ("ไม่จดทะเบียน", "unregistered"),
        ("จดทะเบียนแล้ว", "registered"),
        ("ثبت نشده", "unregistered"),
        ("ثبت‌شده", "registered"),
        ("maybe", None),
    ],
)
def test_registration_words_of_all_three_languages_are_understood(text, value):
    from mahalla.places.registration_values import registration_value

    assert registration_value(text) == value
