"""The registry's large tables carry the indexes chosen for them (models/common.py), in the
database itself: the constraint that finds a household again by its submission survives the
migration that dropped the plain indexes, and no per-foreign-key index creeps back."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _indexes(table: str) -> dict[str, dict]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    kept = ("index", "unique", "primary_key")
    return {name: info for name, info in found.items() if any(info[k] for k in kept)}


@pytest.mark.parametrize(
    ("table", "constraint"),
    [
        ("registry_household", "registry_household_one_per_submission"),
        ("registry_settlementprofile", "registry_profile_one_per_submission"),
    ],
)
def test_one_record_per_submission_is_enforced_by_the_database(table, constraint):
    indexes = _indexes(table)
    assert constraint in indexes
    assert indexes[constraint]["unique"]
    assert indexes[constraint]["columns"] == ["source_submission_id"]


def test_household_writes_pay_for_the_chosen_indexes_only():
    columns = sorted(tuple(info["columns"]) for info in _indexes("registry_household").values())
    # Partial indexes count too (their rows are those with a value): the three mostly
    # empty columns, the submission's unique one, the area's composite one, the key.
    assert columns == sorted(
        [
            ("id",),
            ("area_id", "is_deleted"),
            ("campaign_id",),
            ("merged_into_id",),
            ("source_submission_id",),
            ("source_version_id",),
        ]
    )
