"""A full or read-only media folder gives a translated error and leaves no partial file."""

from __future__ import annotations

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from mahalla.places.boundary_imports.service import BoundaryFileError
from mahalla.places.models import BoundaryImport
from mahalla.places.tests.geo_files import community_columns, upload_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geojson(tmp_path):
    geometries, properties = community_columns()
    return write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")


@pytest.fixture
def full_disk(monkeypatch, settings):
    """Storage that writes half the file, then fails as a full disk does."""
    real_save = FileSystemStorage._save

    def failing_save(self, name, content):
        stored = real_save(self, name, content)
        with open(self.path(stored), "r+b") as handle:
            handle.truncate(10)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    return settings.MEDIA_ROOT


def test_a_full_disk_is_a_clear_error_and_leaves_no_record_nor_file(world, geojson, full_disk):
    with pytest.raises(BoundaryFileError) as error:
        upload_file(world, geojson)

    assert "storage is full or cannot be written" in error.value.message
    assert "No space left" not in error.value.message
    assert not BoundaryImport.objects.exists()
    assert not [p for p in full_disk.rglob("*") if p.is_file()]


def test_the_upload_page_shows_the_storage_error_in_persian(world, geojson, full_disk, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    url = reverse("places:boundary_import_new", kwargs={"pk": world.khlong_toei.pk})

    with geojson.open("rb") as handle:
        response = client.post(url, {"file": handle})

    assert response.status_code == 200
    assert "No space left" not in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not BoundaryImport.objects.exists()
