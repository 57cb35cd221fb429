"""Overpass/OSM exports keep names in `tags`; its parts are offered as `tags.name` and so on."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mahalla.places.forms import BoundaryMappingForm
from mahalla.places.models import Area
from mahalla.places.tests.check_files import overpass_export
from mahalla.places.tests.geo_files import start_and_write, upload_file

pytestmark = pytest.mark.django_db

NODES = [
    {"id": 2457101, "lon": 51.421, "lat": 35.676,
     "tags": {"place": "neighbourhood", "name": "بازار", "name:en": "Bazaar", "name:fa": "بازار"}},
    {"id": 2457102, "lon": 51.426, "lat": 35.681,
     "tags": {"place": "neighbourhood", "name": "پامنار", "name:en": "Pamenar"}},
    {"id": 2457103, "lon": 51.411, "lat": 35.686,
     "tags": {"place": "neighbourhood", "name": "سنگلج"}},
]  # fmt: skip


@pytest.fixture
def uploaded(world, tmp_path):
    path = overpass_export(tmp_path / "export.geojson", NODES)
    return upload_file(world, path, parent=world.tehran)


def _start(world, uploaded, **mapping):
    return start_and_write(
        boundary_import=uploaded, user=world.admin, level=world.neighbourhood, **mapping
    )


def test_the_parts_of_tags_are_offered_with_their_examples(world, uploaded):
    layer = uploaded.inspection["layers"][0]

    assert {"tags.name", "tags.name:en", "tags.name:fa", "tags.place"} <= set(layer["properties"])
    assert layer["property_info"]["tags.name:en"]["samples"] == ["Bazaar", "Pamenar"]
    assert layer["property_info"]["tags"]["kind"] == "object"
    form = BoundaryMappingForm(inspection=uploaded.inspection, parent=world.tehran)
    assert ("tags.name:en", "tags.name:en") in form.fields["name_en_field"].choices
    assert form.initial["name_en_field"] == "tags.name:en"
    assert form.initial["name_fa_field"] == "tags.name:fa"
    assert form.initial["code_field"] == "id"


def test_a_neighbourhood_is_imported_from_the_nested_names(world, uploaded):
    result = _start(
        world, uploaded, code_field="id", name_fa_field="tags.name", name_en_field="tags.name:en"
    )

    assert result.created_count == 3, result.problems or result.failure_text
    bazaar = Area.objects.get(code="2457101")
    assert (bazaar.name_fa, bazaar.name_en) == ("بازار", "Bazaar")
    assert Area.objects.get(code="2457103").name_en == ""  # no name:en tag: left empty
    assert bazaar.geometry_kind == Area.GeometryKind.POINT


def test_choosing_the_whole_object_is_refused_and_nothing_stores_json(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, code_field="id", name_en_field="tags")

    assert error.value.message_dict["name_en_field"] == [
        "The property “tags” holds a group of values, not one text; choose one of its parts, "
        "such as “tags.name”."
    ]
    assert not Area.objects.filter(name_en__startswith="{").exists()
