"""An ODK Central csv.zip with its `media/` folder: attachments come along with the rows."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from mahalla.core.uploads.storage import UploadError
from mahalla.surveys.imports import service
from mahalla.surveys.models import Attachment, SubmissionVersion
from mahalla.surveys.openrosa.testing import PHOTO_MD
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db
FIRST, SECOND = (h[0] for h in files.HOUSEHOLDS)
JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 200


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei, md=PHOTO_MD)


def _checked(world, version, data):
    user = world.khlong_toei_officer
    job = service.import_upload(
        user=user, version=version, uploaded_file=files.upload("household.zip", data)
    )
    job = service.import_start(job=job, user=user, mapping=job.mapping)
    assert job.awaiting_confirmation, job.failure_text
    return job


def test_the_photos_in_the_zip_are_stored_and_a_missing_one_is_listed(world, version, settings):
    data = files.central_zip(
        photos={FIRST: "1700000000001.jpg", SECOND: "1700000000002.jpg"},
        media={"1700000000001.jpg": JPEG},
    )
    job = _checked(world, version, data)
    assert (job.attachment_count, job.missing_attachment_count) == (1, 1)

    job = service.import_confirm(job=job, user=world.khlong_toei_officer)

    assert job.is_written, job.failure_text
    first = Attachment.objects.get(version__instance_id=FIRST)
    assert first.name == "1700000000001.jpg" and first.size == len(JPEG)
    assert first.file.read() == JPEG and first.content_type == "image/jpeg"
    assert len(first.sha256) == 64
    second = Attachment.objects.get(version__instance_id=SECOND)
    assert second.is_missing and second.name == "1700000000002.jpg"


def test_a_failed_write_leaves_no_attachment_file(world, version, settings, monkeypatch):
    data = files.central_zip(photos={FIRST: "a.jpg"}, media={"a.jpg": JPEG})
    job = _checked(world, version, data)
    from mahalla.surveys.imports import storing

    real = storing.Attachment.objects.bulk_create

    def fail_after_files(rows, **kwargs):
        # The photo is on disk by now; the transaction then fails.
        real(rows, **kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(storing.Attachment.objects, "bulk_create", fail_after_files)
    job = service.import_confirm(job=job, user=world.khlong_toei_officer)

    assert not job.is_written
    assert Attachment.objects.count() == 0 and SubmissionVersion.objects.count() == 0
    assert list((settings.MEDIA_ROOT / "surveys").rglob("*.jpg")) == []


def test_too_many_media_files_are_refused_at_upload(world, version, settings):
    settings.SURVEY_IMPORT_MAX_MEDIA_FILES = 1
    data = files.central_zip(media={"a.jpg": JPEG, "b.jpg": JPEG})
    with pytest.raises(UploadError) as refused:
        service.import_upload(
            user=world.khlong_toei_officer,
            version=version,
            uploaded_file=files.upload("household.zip", data),
        )
    assert refused.value.failure["code"] == "core.upload_too_many"


def test_a_zip_bomb_in_media_is_refused_before_it_is_read(world, version, settings):
    settings.SURVEY_IMPORT_MAX_MEDIA_BYTES = 10_000
    buffer = io.BytesIO(files.central_zip())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("media/huge.jpg", b"\0" * 1_000_000)  # 1 MB unpacked, ~1 KB packed
    with pytest.raises(UploadError) as refused:
        service.import_upload(
            user=world.khlong_toei_officer,
            version=version,
            uploaded_file=files.upload("household.zip", buffer.getvalue()),
        )
    assert refused.value.failure["code"] == "core.upload_too_large"


def test_the_preview_counts_the_attachments_in_persian(world, version, login):
    data = files.central_zip(photos={FIRST: "a.jpg", SECOND: "b.jpg"}, media={"a.jpg": JPEG})
    job = _checked(world, version, data)
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    page = client.get(reverse("surveys:data_import_detail", kwargs={"pk": job.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="tally-attachments">۱<' in html and 'class="tally-missing">۱<' in html
    assert "attachments in the file" not in html  # translated
