"""The parse step stores JSON (or a coded error) and places the submission in its area."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mahalla.places.services import area_create
from mahalla.places.signals import boundaries_changed
from mahalla.surveys.models import Submission, SubmissionJob, SubmissionVersion
from mahalla.surveys.submissions import processing
from mahalla.surveys.submissions.jobs import job_start
from mahalla.surveys.testing import NESTED_MD, make_submission, make_version

pytestmark = pytest.mark.django_db


def test_processing_parses_and_assigns_the_smallest_area(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(100.56, 13.705))
    current = submission.current
    assert current.data["house"]["rooms"] == 2
    assert current.parsed_at is not None and current.parse_error is None
    assert (submission.longitude, submission.latitude) == (100.56, 13.705)
    assert submission.area == world.lock_123


def test_processing_twice_gives_the_same_rows(world):
    version = make_version(world.bangkok)
    submission = make_submission(version)
    first = SubmissionVersion.objects.get(submission=submission)
    processing.process_version(first.pk)
    again = SubmissionVersion.objects.get(submission=submission)
    assert again.data == first.data
    assert Submission.objects.get().area == world.lock_123
    assert Submission.objects.get().history.count() == 1  # placing is not a review change


def test_malformed_xml_is_kept_raw_with_a_parse_error(world):
    version = make_version(world.bangkok)
    broken = b"<data><hh_name>half"
    submission = make_submission(version, xml=broken)
    current = submission.current
    assert bytes(current.xml) == broken
    assert current.data is None and current.parsed_at is None
    assert current.parse_error["code"] == "surveys.parse_malformed"
    assert submission.area is None


def test_a_point_outside_every_area_gets_no_area(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(2.35, 48.85))
    assert submission.area is None
    assert submission.longitude == 2.35  # the point is kept, so boundaries added later find it


def test_a_point_in_a_district_outside_its_communities(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(100.58, 13.73))
    assert submission.area == world.khlong_toei


def test_a_geoshape_is_placed_by_its_centroid(world):
    version = make_version(world.bangkok, form_id="buildings", md=NESTED_MD)
    xml = (
        b'<data id="buildings"><plot>13.701 100.556 0 3;13.701 100.558 0 3;13.703 100.558 0 3'
        b"</plot><meta><instanceID>uuid:shape</instanceID></meta></data>"
    )
    submission = make_submission(version, xml=xml)
    assert submission.area == world.lock_123


def test_an_unknown_form_version_is_a_parse_error(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, process=False)
    SubmissionVersion.objects.update(form_version=None)
    processing.process_version(submission.current_id)
    assert SubmissionVersion.objects.get().parse_error["code"] == "surveys.parse_no_form_version"


def test_reparse_job_reads_every_version_of_a_form_again(world):
    version = make_version(world.bangkok)
    subs = [make_submission(version, process=False) for _ in range(3)]
    other = make_version(world.bangkok, form_id="other")
    untouched = make_submission(other, process=False)
    job = job_start(kind=SubmissionJob.Kind.REPARSE, form=version.form)
    assert job.status == "done"
    assert (job.processed, job.total) == (3, 3)
    assert job.result == {
        "code": "surveys.reparse_done",
        "params": {"processed": 3, "parsed": 3, "failed": 0, "located": 3},
    }
    assert all(Submission.objects.get(pk=s.pk).area == world.lock_123 for s in subs)
    assert SubmissionVersion.objects.get(submission=untouched).data is None


def test_reparse_in_small_batches_reports_progress(world):
    version = make_version(world.bangkok)
    for _ in range(5):
        make_submission(version, process=False)
    seen = []
    totals = processing.reparse(
        form_id=version.form_id, batch_size=2, progress=lambda p, t: seen.append((p, t))
    )
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert totals["parsed"] == 5


def test_reassign_after_a_new_community_boundary(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(100.585, 13.725))
    assert submission.area == world.khlong_toei
    outside = make_submission(version, location=(100.70, 13.60))
    assert outside.area == world.bangkok
    new = area_create(
        level=world.community,
        parent=world.khlong_toei,
        name_en="New community",
        geometry=box(100.58, 13.72, 100.59, 13.73),
    )
    counts = processing.reassign_submissions([new.pk])
    assert Submission.objects.get(pk=submission.pk).area == new
    assert Submission.objects.get(pk=outside.pk).area == world.bangkok
    assert counts["changed"] == 1


def test_reassign_everything_picks_up_points_that_had_no_area(world):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(2.35, 48.85))
    paris = area_create(level=world.province, name_en="Paris", geometry=box(2.2, 48.8, 2.5, 48.9))
    processing.reassign_submissions(None)
    assert Submission.objects.get(pk=submission.pk).area == paris


def test_the_boundaries_changed_signal_runs_a_reassign_job(
    world, django_capture_on_commit_callbacks
):
    version = make_version(world.bangkok)
    submission = make_submission(version, location=(100.585, 13.725))
    new = area_create(
        level=world.community,
        parent=world.khlong_toei,
        name_en="Signalled",
        geometry=box(100.58, 13.72, 100.59, 13.73),
    )
    boundaries_changed.send(sender=None, area_ids=[new.pk])
    job = SubmissionJob.objects.get()
    assert job.kind == SubmissionJob.Kind.REASSIGN and job.status == "done"
    assert job.area_ids == [new.pk]
    assert Submission.objects.get(pk=submission.pk).area == new


def test_the_signal_is_sent_after_the_commit_with_each_area_once(
    world, django_capture_on_commit_callbacks
):
    from mahalla.places.signals import send_boundaries_changed

    received = []

    def listener(sender, area_ids, **kwargs):
        received.append(area_ids)

    boundaries_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            send_boundaries_changed([world.lock_123.pk, world.lock_123.pk, None])
    finally:
        boundaries_changed.disconnect(listener)
    assert received == [[world.lock_123.pk]]


def test_a_boundary_import_and_its_revert_place_submissions_again(
    world, tmp_path, django_capture_on_commit_callbacks
):
    from mahalla.places.boundary_imports.revert import boundary_import_revert
    from mahalla.places.tests.geo_files import (
        COMMUNITIES,
        community_columns,
        import_file,
        write_layer,
    )

    version = make_version(world.bangkok)
    submission = make_submission(version, location=(100.547, 13.707))
    assert submission.area == world.khlong_toei
    geometries, properties = community_columns(COMMUNITIES[:1])
    path = write_layer(tmp_path / "a.geojson", geometries, properties, driver="GeoJSON")
    with django_capture_on_commit_callbacks(execute=True):
        written = import_file(world, path)
    assert written.created_count == 1
    assert Submission.objects.get(pk=submission.pk).area.code == "KT-101"
    written.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        boundary_import_revert(boundary_import=written, user=world.admin)
    assert Submission.objects.get(pk=submission.pk).area == world.khlong_toei
    assert SubmissionJob.objects.filter(kind="reassign", status="done").count() == 2


def test_the_reparse_command_runs_the_job(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    version = make_version(world.bangkok)
    make_submission(version, process=False)
    out = StringIO()
    call_command("reparse_submissions", "--form", "household", stdout=out)
    assert "done" in out.getvalue() and "1 read" in out.getvalue()
    assert Submission.objects.get().area == world.lock_123
    with pytest.raises(CommandError):
        call_command("reparse_submissions", "--form", "nope")


def test_moving_a_places_point_queues_a_reassign(world, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from mahalla.places.editing import area_details_update

    area = world.rim_khlong
    with django_capture_on_commit_callbacks(execute=True):
        area_details_update(
            by=world.khlong_toei_officer,
            area=area,
            reason="surveyed again",
            code=area.code,
            name_en=area.name_en,
            name_th=area.name_th,
            name_fa=area.name_fa,
            registration=area.registration,
            latitude=Decimal("13.721"),
            longitude=Decimal("100.591"),
            location=True,
        )
    job = SubmissionJob.objects.get()
    assert (job.kind, job.area_ids, job.status) == ("reassign", [area.pk], "done")
