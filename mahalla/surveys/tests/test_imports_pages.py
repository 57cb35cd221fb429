"""Survey data import pages: upload → mapping → check → write → report, in th and fa."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.surveys.models import Submission, SurveyImport
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db

HEADER = ["ชื่อครัวเรือน", "ละติจูด", "ลองจิจูด", "การถือครอง", "ห้อง"]
ROWS = [["บ้านสมชาย", "๑๓.๗๑", "๑๐๐.๕๖", "ผู้เช่า", "๒"], ["บ้านมานี", "13.72", "100.57", "owner", "3"]]


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


def _posted(job):
    """The mapping form as posted: each column (by position) with its guessed question."""
    columns = job.inspection["tables"][0]["columns"]
    return {f"column_{i}": job.mapping.get(c, "") for i, c in enumerate(columns)}


def _thai(client):
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    return client


def test_a_thai_table_goes_through_upload_mapping_check_and_write(world, version, login):
    client = _thai(login(world.khlong_toei_officer))
    new = reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id})
    assert client.get(new).status_code == 200
    data = files.plain_csv(ROWS, HEADER, encoding="cp874")

    response = client.post(
        new, {"file": files.upload("บ้าน.csv", data), "version": version.pk}, follow=True
    )

    job = SurveyImport.objects.get()
    assert job.kind == "table" and job.encoding == "cp874"
    html = response.content.decode()
    assert "บ้านสมชาย" in html  # examples decoded from Windows-874
    assert job.mapping == {
        "ชื่อครัวเรือน": "/hh_name",
        "ละติจูด": "/location#lat",
        "ลองจิจูด": "/location#lon",
        "การถือครอง": "/house/tenure",
        "ห้อง": "/house/rooms",
    }
    detail = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
    posted = _posted(job)
    response = client.post(detail, {**posted, "encoding": "cp874"}, follow=True)

    job.refresh_from_db()
    assert job.awaiting_confirmation, job.failure_text
    assert job.new_count == 2 and job.bad_count == 0, job.problems
    assert reverse("surveys:data_import_write", kwargs={"pk": job.pk}) in response.content.decode()

    client.post(reverse("surveys:data_import_write", kwargs={"pk": job.pk}))

    job.refresh_from_db()
    assert job.is_written
    page = client.get(detail).content.decode()
    assert 'data-status="done"' in page and "hx-trigger" not in page
    xml = bytes(
        Submission.objects.get(
            instance_id__startswith="uuid:",
            current__xml__isnull=False,
            pk=Submission.objects.order_by("pk").first().pk,
        ).current.xml
    )
    assert b"<tenure>tenant</tenure>" in xml  # the Thai label became the choice's name
    assert b"<location>13.71 100.56 0 0</location>" in xml  # Thai digits read
    assert b"<rooms>2</rooms>" in xml


def test_a_persian_csv_in_windows_1256_is_guessed_and_can_be_overridden(world, version, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    header = ["نام خانوار", "تصرف", "اتاق"]
    data = files.plain_csv([["خانه پژوهش", "مستأجر", "3"]], header, encoding="cp1256")
    new = reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id})

    client.post(new, {"file": files.upload("khane.csv", data), "version": version.pk})

    job = SurveyImport.objects.get()
    assert job.encoding == "cp1256"
    assert job.inspection["tables"][0]["samples"]["نام خانوار"] == ["خانه پژوهش"]
    assert job.mapping == {
        "نام خانوار": "/hh_name",
        "تصرف": "/house/tenure",
        "اتاق": "/house/rooms",
    }
    detail = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
    posted = _posted(job)
    client.post(detail, {**posted, "encoding": "cp1256"})
    job.refresh_from_db()
    assert job.new_count == 1 and job.bad_count == 0, job.problems

    # Read as Thai instead, the names are garbled and the choice is unknown.
    client.post(detail, {**posted, "encoding": "cp874"})
    job.refresh_from_db()
    assert job.encoding == "cp874"
    assert job.bad_count == 1


def test_utf8_with_bom_and_a_derived_instance_id_import_once(world, version, login):
    client = login(world.khlong_toei_officer)
    data = files.plain_csv([["A", "owner"], ["B", "tenant"]], ["hh_name", "house/tenure"])
    assert data.startswith(b"\xef\xbb\xbf")
    new = reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id})
    for _attempt in range(2):
        client.post(new, {"file": files.upload("t.csv", data), "version": version.pk})
        job = SurveyImport.objects.order_by("-pk").first()
        assert job.mapping == {"hh_name": "/hh_name", "house/tenure": "/house/tenure"}
        detail = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
        client.post(detail, {"column_0": "/hh_name", "column_1": "/house/tenure"})
        client.post(reverse("surveys:data_import_write", kwargs={"pk": job.pk}))
    first, second = SurveyImport.objects.order_by("pk")
    assert (first.new_count, second.new_count, second.existing_count) == (2, 0, 2)
    assert Submission.objects.count() == 2


def test_two_columns_for_one_question_are_refused(world, version, login):
    client = login(world.khlong_toei_officer)
    data = files.plain_csv([["A", "B"]], ["hh_name", "name"])
    new = reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id})
    client.post(new, {"file": files.upload("t.csv", data), "version": version.pk})
    job = SurveyImport.objects.get()

    response = client.post(
        reverse("surveys:data_import_detail", kwargs={"pk": job.pk}),
        {"column_0": "/hh_name", "column_1": "/hh_name"},
    )

    assert response.status_code == 200
    assert "Two columns are mapped to the same question." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "uploaded"


def test_an_out_of_scope_or_roleless_person_reaches_no_import(world, version, login):
    job = SurveyImport.objects.create(
        form_version=version, original_name="x.csv", kind="table", status="uploaded"
    )
    detail = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
    new = reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id})

    assert login(world.pathum_wan_officer).get(detail).status_code == 404
    assert login(world.pathum_wan_officer).post(new, {}).status_code == 404
    assert login(world.treasurer).get(detail).status_code == 403
    assert login().get(detail).status_code == 302
