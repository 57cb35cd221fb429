"""The tenure section of a household: validity dates in the reader's calendar and evidence
documents, checked by their bytes, limited, attached only by those who may change the
household and downloaded (logged) only by those who may see it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mahalla.core.models import AccessLog
from mahalla.registry.models import EvidenceDocument, Household, TenureRelationship, Value

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _relationship() -> TenureRelationship:
    household = Household.objects.get(head_name="สมชาย ใจดี")
    return TenureRelationship.objects.get(household=household)


def _urls(relationship):
    args = {"pk": relationship.household_id, "rel": relationship.pk}
    return (
        reverse("registry:household_detail", kwargs={"pk": relationship.household_id}),
        reverse("registry:evidence_upload", kwargs=args),
        reverse("registry:tenure_dates", kwargs=args),
    )


def _post_file(client, url, relationship, name, content, **extra):
    prefix = f"evidence-{relationship.pk}"
    data = {f"{prefix}-file": SimpleUploadedFile(name, content), **extra}
    return client.post(url, data, headers={"accept-language": "th"}, follow=True)


def test_an_approved_household_shows_its_tenure_and_takes_a_document(world, registry, login):
    relationship = _relationship()
    detail, upload, _dates = _urls(relationship)
    client = login(world.khlong_toei_officer)
    page = client.get(detail, headers={"accept-language": "th"}).text
    assert "ความสัมพันธ์การครอบครอง" in page  # the section, in Thai
    assert relationship.tenure_type.name_th in page
    assert upload in page
    kind = Value.objects.get(list="evidence_type", code="lease_contract")
    response = _post_file(
        client, upload, relationship, "สัญญาเช่า.pdf", PDF,
        **{f"evidence-{relationship.pk}-kind": kind.pk},
    )  # fmt: skip
    assert response.status_code == 200
    document = EvidenceDocument.objects.get()
    assert document.name == "สัญญาเช่า.pdf" and document.kind == kind
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert document.uploaded_by == world.khlong_toei_officer
    assert "สัญญาเช่า.pdf" in response.text
    # Downloaded by someone who may see the household, and written to the access log.
    download = client.get(reverse("registry:evidence_download", kwargs={"pk": document.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    log = AccessLog.objects.filter(detail=f"evidence {document.pk}").get()
    assert log.user == world.khlong_toei_officer and log.rows == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deed.pdf", b"MZ\x90\x00 not a pdf at all", "ไม่ใช่ไฟล์ PDF"),  # renamed program
        ("empty.pdf", b"", "ว่าง"),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_in_the_readers_language(
    world, registry, login, name, content, expected
):
    relationship = _relationship()
    _detail, upload, _dates = _urls(relationship)
    response = _post_file(login(world.khlong_toei_officer), upload, relationship, name, content)
    assert expected in response.text
    assert not EvidenceDocument.objects.exists()


def test_the_same_file_twice_and_the_limits(world, registry, login, settings):
    relationship = _relationship()
    _detail, upload, _dates = _urls(relationship)
    client = login(world.khlong_toei_officer)
    _post_file(client, upload, relationship, "a.png", PNG)
    again = _post_file(client, upload, relationship, "copy.png", PNG)
    assert "a.png" in again.text and EvidenceDocument.objects.count() == 1
    settings.REGISTRY_EVIDENCE_MAX_PER_RELATIONSHIP = 1
    full = _post_file(client, upload, relationship, "b.pdf", PDF)
    assert EvidenceDocument.objects.count() == 1
    assert "มีเอกสารได้ไม่เกิน" in full.text
    settings.REGISTRY_EVIDENCE_MAX_PER_RELATIONSHIP = 20
    settings.REGISTRY_EVIDENCE_MAX_MB = 0
    big = _post_file(client, upload, relationship, "c.pdf", PDF)
    assert "ไฟล์มีขนาดเกิน" in big.text and EvidenceDocument.objects.count() == 1


def test_dates_are_typed_in_the_readers_calendar_and_checked(world, registry, login):
    relationship = _relationship()
    _detail, _upload, dates = _urls(relationship)
    client = login(world.khlong_toei_officer)
    prefix = f"dates-{relationship.pk}"
    # Buddhist Era, Thai digits: 1 June 2567 = 2024-06-01.
    client.post(
        dates,
        {f"{prefix}-valid_from": "๑/๖/๒๕๖๗", f"{prefix}-valid_to": ""},
        headers={"accept-language": "th"},
    )
    relationship.refresh_from_db()
    assert relationship.valid_from.isoformat() == "2024-06-01"
    assert relationship.valid_to is None
    assert relationship.history.filter(history_user=world.khlong_toei_officer).exists()
    wrong = client.post(
        dates,
        {f"{prefix}-valid_from": "1/6/2567", f"{prefix}-valid_to": "1/1/2567"},
        headers={"accept-language": "th"},
        follow=True,
    )
    relationship.refresh_from_db()
    assert relationship.valid_to is None  # nothing saved
    assert "ก่อนวันเริ่ม" in wrong.text


def test_only_those_who_may_change_the_household_attach(world, registry, login):
    relationship = _relationship()
    _detail, upload, dates = _urls(relationship)
    prefix = f"evidence-{relationship.pk}"
    for user, status in (
        (world.pathum_wan_officer, 404),  # another district
        (world.treasurer, 403),  # no personal-data right
    ):
        data = {f"{prefix}-file": SimpleUploadedFile("x.pdf", PDF)}
        assert login(user).post(upload, data).status_code == status
        assert login(user).post(dates, {}).status_code == status
    anonymous = login().post(upload, {f"{prefix}-file": SimpleUploadedFile("x.pdf", PDF)})
    assert anonymous.status_code == 302 and "/login" in anonymous.url
    assert login(world.khlong_toei_officer).get(upload).status_code == 405
    assert not EvidenceDocument.objects.exists()


def test_a_relationship_of_another_household_is_not_reached_through_this_one(
    world, registry, login
):
    mine, other = (
        TenureRelationship.objects.get(household__head_name=name)
        for name in ("สมชาย ใจดี", "มานี มีนา")
    )
    url = reverse("registry:evidence_upload", kwargs={"pk": mine.household_id, "rel": other.pk})
    data = {f"evidence-{other.pk}-file": SimpleUploadedFile("x.pdf", PDF)}
    assert login(world.khlong_toei_officer).post(url, data).status_code == 404


def test_downloads_are_scoped(world, registry, login):
    from mahalla.registry import evidence

    relationship = _relationship()
    document = evidence.evidence_add(
        user=world.khlong_toei_officer,
        relationship=relationship,
        uploaded_file=SimpleUploadedFile("deed.pdf", PDF),
    )
    url = reverse("registry:evidence_download", kwargs={"pk": document.pk})
    assert login(world.pathum_wan_officer).get(url).status_code == 404
    assert login(world.treasurer).get(url).status_code == 404
    assert login().get(url).status_code == 302
    assert not AccessLog.objects.filter(detail=f"evidence {document.pk}").exists()


def test_a_document_attached_by_mistake_is_removed_after_asking_and_can_come_back(
    world, registry, login
):
    from mahalla.registry import evidence

    relationship = _relationship()
    document = evidence.evidence_add(
        user=world.khlong_toei_officer,
        relationship=relationship,
        uploaded_file=SimpleUploadedFile("wrong person.pdf", PDF),
    )
    client = login(world.khlong_toei_officer)
    remove = reverse("registry:evidence_remove", kwargs={"pk": document.pk})
    asked = client.get(remove, headers={"accept-language": "fa"})
    assert asked.status_code == 200 and "wrong person.pdf" in asked.text
    document.refresh_from_db()
    assert document.removed_at is None  # asking changed nothing
    detail = client.post(remove, headers={"accept-language": "fa"}, follow=True)
    document.refresh_from_db()
    assert document.removed_at is not None and document.removed_by == world.khlong_toei_officer
    assert document.file.storage.exists(document.file.name)  # hidden, not lost
    download = reverse("registry:evidence_download", kwargs={"pk": document.pk})
    assert client.get(download).status_code == 404
    restore = reverse("registry:evidence_restore", kwargs={"pk": document.pk})
    assert restore in detail.text
    # Hidden from the API, and the same file may be attached again meanwhile: not a repeat.
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.khlong_toei_officer)
    rows = api.get("/api/tenure-relationships/", {"has_documents": "true"}).json()["results"]
    assert rows == []
    client.post(restore)
    document.refresh_from_db()
    assert document.removed_at is None
    assert client.get(download).status_code == 200


def test_others_cannot_remove_or_restore(world, registry, login):
    from mahalla.registry import evidence

    document = evidence.evidence_add(
        user=world.khlong_toei_officer,
        relationship=_relationship(),
        uploaded_file=SimpleUploadedFile("deed.pdf", PDF),
    )
    remove = reverse("registry:evidence_remove", kwargs={"pk": document.pk})
    for user, status in ((world.pathum_wan_officer, 404), (world.treasurer, 404)):
        assert login(user).post(remove).status_code == status
    assert login().post(remove).status_code == 302
    document.refresh_from_db()
    assert document.removed_at is None
    evidence.evidence_remove(user=world.khlong_toei_officer, document=document)
    restore = reverse("registry:evidence_restore", kwargs={"pk": document.pk})
    assert login(world.pathum_wan_officer).post(restore).status_code == 404
    assert login(world.khlong_toei_officer).get(restore).status_code == 405
    document.refresh_from_db()
    assert document.removed_at is not None
