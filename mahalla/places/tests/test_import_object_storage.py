"""Imports work when uploads live on storage without local paths (S3-compatible storage)."""

from __future__ import annotations

import pytest
from django.db.models.fields.files import FieldFile

from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, import_file, write_layer

pytestmark = pytest.mark.django_db


def _no_local_path(self: FieldFile) -> str:
    raise NotImplementedError("This backend doesn't support absolute paths.")


def test_import_reads_a_temporary_copy_when_the_storage_has_no_local_path(
    world, tmp_path, monkeypatch
):
    # As with S3-compatible storage: stored files can be opened but have no local path.
    monkeypatch.setattr(FieldFile, "path", property(_no_local_path))
    geometries, properties = community_columns()
    geojson = write_layer(tmp_path / "remote.geojson", geometries, properties, driver="GeoJSON")

    boundary_import = import_file(world, geojson)

    with pytest.raises(NotImplementedError):
        boundary_import.file.path  # noqa: B018 - the file really has no local path
    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    assert boundary_import.created_count == 3
    assert Area.objects.filter(parent=world.khlong_toei, code="KT-101").exists()
