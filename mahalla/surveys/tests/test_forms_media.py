"""Media files a form names are listed as missing until uploaded to a draft, with their md5."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.forms import services
from mahalla.surveys.tests.xlsforms import CHOICES, SURVEY, xlsx

HEAD = [*SURVEY[0], "media::image::English (en)", "appearance"]
WITH_MEDIA = [
    HEAD,
    *(r + ["", ""] for r in SURVEY[1:]),
    ["note", "intro", "Welcome", "ยินดีต้อนรับ", "خوش آمدید", "community.png", ""],
    ["select_one_from_file streets.csv", "street", "Street", "ถนน", "خیابان", "", ""],
    ["select_one road_list", "road", "Road", "ถนน", "جاده", "", "search('roads')"],
]
MEDIA_CHOICES = [*CHOICES, ["road_list", "name", "Name", "ชื่อ", "نام"]]
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def draft(world):
    return services.create_version_from_upload(
        user=world.khlong_toei_officer,
        area=world.khlong_toei,
        uploaded_file=xlsx(survey=WITH_MEDIA, choices=MEDIA_CHOICES),
    )


def test_named_files_are_listed_as_missing(world):
    version = draft(world)
    media = {m.name: (m.kind, m.is_missing) for m in version.media.all()}
    assert media == {
        "community.png": ("image", True),
        "streets.csv": ("file", True),
        "roads.csv": ("file", True),
    }


def test_uploading_a_named_file_stores_it_with_its_md5(world):
    version = draft(world)
    media = services.upload_media(
        version=version,
        user=world.khlong_toei_officer,
        uploaded_file=SimpleUploadedFile("community.png", PNG),
    )
    assert not media.is_missing
    assert media.md5 == hashlib.md5(PNG).hexdigest()  # noqa: S324
    assert media.size == len(PNG) and media.uploaded_by == world.khlong_toei_officer
    assert media.file.read() == PNG


def refusal(call) -> str:
    with pytest.raises(services.FormError) as caught:
        call()
    return render_text(caught.value.messages[0])


def test_a_file_the_form_does_not_name_is_refused(world):
    version = draft(world)
    text = refusal(
        lambda: services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile("other.png", PNG)
        )
    )
    assert "other.png" in text and "community.png" in text


def test_an_empty_or_too_large_file_is_refused(world, settings):
    version = draft(world)
    assert "empty" in refusal(
        lambda: services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile("community.png", b"")
        )
    )
    settings.SURVEYS_MEDIA_MAX_BYTES = 10
    assert "too large" in refusal(
        lambda: services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile("community.png", PNG)
        )
    )
    assert version.media.get(name="community.png").is_missing


def test_publishing_waits_for_the_missing_files(world):
    version = draft(world)
    text = refusal(lambda: services.publish(version, world.khlong_toei_officer))
    assert "community.png" in text and "streets.csv" in text
    for name in ("community.png", "streets.csv", "roads.csv"):
        services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile(name, PNG)
        )
    assert services.publish(version, world.khlong_toei_officer).is_published


def test_a_published_versions_files_never_change(world):
    version = draft(world)
    for name in ("community.png", "streets.csv", "roads.csv"):
        services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile(name, PNG)
        )
    services.publish(version, world.khlong_toei_officer)
    version.refresh_from_db()
    before = version.media.get(name="community.png").md5
    text = refusal(
        lambda: services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile("community.png", b"new")
        )
    )
    assert "published" in text
    assert version.media.get(name="community.png").md5 == before


def test_a_new_version_keeps_the_files_of_the_published_one(world):
    version = draft(world)
    for name in ("community.png", "streets.csv", "roads.csv"):
        services.upload_media(
            version=version, user=None, uploaded_file=SimpleUploadedFile(name, PNG)
        )
    services.publish(version, world.khlong_toei_officer)
    from mahalla.surveys.tests.xlsforms import settings_rows

    second = services.create_version_from_upload(
        user=world.khlong_toei_officer,
        form=version.form,
        uploaded_file=xlsx(
            survey=WITH_MEDIA, choices=MEDIA_CHOICES, settings=settings_rows(version="2")
        ),
    )
    assert all(not m.is_missing for m in second.media.all())
    assert second.media.get(name="community.png").md5 == hashlib.md5(PNG).hexdigest()  # noqa: S324


def test_external_choices_become_an_uploaded_itemsets_file(world):
    survey = [
        ["type", "name", "label", "choice_filter"],
        ["select_one province", "province", "Province", ""],
        ["select_one_external district", "district", "District", "province=${province}"],
    ]
    choices = [["list_name", "name", "label"], ["province", "bkk", "Bangkok"]]
    external = [
        ["list_name", "name", "label", "province"],
        ["district", "kt", "Khlong Toei", "bkk"],
    ]
    from mahalla.surveys.tests.xlsforms import settings_rows, upload, workbook

    data = workbook(
        {
            "survey": survey,
            "choices": choices,
            "external_choices": external,
            "settings": settings_rows(),
        }
    )
    version = services.create_version_from_upload(
        user=None, area=world.khlong_toei, uploaded_file=upload(data)
    )
    itemsets = version.media.get(name="itemsets.csv")
    assert not itemsets.is_missing
    assert b"Khlong Toei" in itemsets.file.read()
