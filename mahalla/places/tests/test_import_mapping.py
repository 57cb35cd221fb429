"""The mapping step: every chosen property must exist in the file, and a name is required."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.boundary_imports.service import boundary_import_start
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, upload_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(world, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    return upload_file(world, path)


def _start(world, uploaded, **mapping):
    mapping.setdefault("level", world.community)
    return boundary_import_start(boundary_import=uploaded, user=world.admin, **mapping)


def test_a_property_missing_from_the_file_is_named_on_its_field(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, code_field="pcode", name_en_field="name", name_th_field="ชื่อ")

    messages = error.value.message_dict
    assert messages["code_field"] == ["The file has no property “pcode”."]
    assert messages["name_th_field"] == ["The file has no property “ชื่อ”."]
    assert "name_en_field" not in messages
    uploaded.refresh_from_db()
    assert uploaded.status == BoundaryImport.Status.UPLOADED


def test_at_least_one_name_property_is_required(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, code_field="code")

    assert error.value.message_dict == {
        "name_en_field": ["Choose the property that holds the name in one language."]
    }


def test_a_level_above_the_parent_is_refused(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, level=world.province, name_en_field="name")

    assert "level" in error.value.message_dict
    assert not Area.objects.filter(code__startswith="KT-1").exists()


def test_a_valid_mapping_is_saved_and_the_plan_is_made(world, uploaded):
    result = _start(world, uploaded, code_field="code", name_th_field="name_th")

    assert result.awaiting_confirmation
    assert (result.code_field, result.name_th_field, result.name_en_field) == (
        "code", "name_th", "",
    )  # fmt: skip
    assert result.level == world.community
    assert result.created_count == 3
    assert not Area.objects.filter(code="KT-102").exists()  # nothing written before confirming
    boundary_import_confirm(boundary_import=result, user=world.admin)
    assert Area.objects.get(code="KT-102").name_th == "พัฒนา"
