# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""The intake's hot path: a new submission is stored in few round trips, and on PostgreSQL
by one statement (`openrosa.one_statement`) whose rows are exactly the ORM path's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from mahalla.surveys.models import Attachment, Submission, SubmissionVersion
from mahalla.surveys.openrosa import one_statement
from mahalla.surveys.testing import household_xml
from mahalla.surveys.tests.openrosa_fixtures import (  # noqa: F401
    PHOTO,
    app_user,
    campaign,
    key_url,
    post,
    version,
)

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one-statement path is PostgreSQL's"
)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_a_new_submission_with_a_photo_takes_few_queries(app_user, version, login, settings):
    settings.TASKS = DB_TASKS
    url = key_url(app_user, "submission")
    photo = [("house.jpg", PHOTO, "image/jpeg")]
    client = login()
    # The first submission of a version also reads its file questions (once per process).
    first = household_xml(version, instance_id="uuid:q0", photo="house.jpg")
    assert post(client, url, first, photo).status_code == 201
    xml = household_xml(version, instance_id="uuid:q1", photo="house.jpg")
    with CaptureQueriesContext(connection) as queries:
        response = post(client, url, xml, photo)
    assert response.status_code == 201
    sql = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        # One statement checks the app user, campaign and version, stores the submission
        # and queues its parse (the first submission of a version took the general path).
        assert len(sql) == 1, sql
        assert sql[0].lstrip().startswith("WITH target AS")
        assert "django_tasks_database_dbtaskresult" in sql[0]
    else:
        assert len(sql) <= 12, sql
    stored = Submission.objects.get(instance_id="uuid:q1")
    assert stored.current.attachments.get().size == len(PHOTO)
    assert stored.history.get().history_type == "+"


def _rows(submission: Submission) -> dict:
    """Every stored value of a submission that does not differ by nature between two."""
    version = submission.current
    attachment = version.attachments.get()
    record = submission.history.get()
    skip = {"id", "instance_id", "current", "submission", "version", "xml", "xml_sha256"}
    skip |= {"created_at", "updated_at", "received_at", "parsed_at"}  # moments differ
    data = dict(version.data)
    data.pop("meta")  # holds the instanceID
    return {
        "submission": {k: v for k, v in model_to_dict(submission).items() if k not in skip},
        "version": {k: v for k, v in model_to_dict(version).items() if k not in skip | {"data"}},
        "data": data,
        "moments": [
            bool(version.received_at),
            bool(version.parsed_at),
            bool(attachment.received_at),
        ],
        "attachment": {
            k: v for k, v in model_to_dict(attachment).items() if k not in {*skip, "file"}
        },
        "file": attachment.file.read(),
        "history": {
            "type": record.history_type,
            "user": record.history_user_id,
            "reason": record.history_change_reason,
            "state": record.review_state,
            "campaign": record.campaign_id,
            "app_user": record.app_user_id,
        },
    }


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_one_statement_rows_are_the_orm_rows(app_user, version, login, monkeypatch):
    url = key_url(app_user, "submission")
    photo = [("house.jpg", PHOTO, "image/jpeg")]
    client = login()
    assert (
        post(
            client, url, household_xml(version, instance_id="uuid:a", photo="house.jpg"), photo
        ).status_code
        == 201
    )
    monkeypatch.setattr(one_statement, "available", lambda: False)
    assert (
        post(
            client, url, household_xml(version, instance_id="uuid:b", photo="house.jpg"), photo
        ).status_code
        == 201
    )
    fast, orm = (Submission.objects.get(instance_id=i) for i in ("uuid:a", "uuid:b"))
    assert _rows(fast) == _rows(orm)
    assert fast.current.xml_sha256 != orm.current.xml_sha256  # two different bodies
    assert SubmissionVersion.objects.count() == 2


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_resend_writes_nothing_and_leaves_no_file(app_user, version, login, settings):
    url = key_url(app_user, "submission")
    xml = household_xml(version, instance_id="uuid:again", photo="house.jpg")
    photo = [("house.jpg", PHOTO, "image/jpeg")]
    client = login()
    assert post(client, url, xml, photo).status_code == 201
    assert post(client, url, xml, photo).status_code == 202
    assert Submission.objects.count() == 1 and Attachment.objects.count() == 1
    media = [p for p in (settings.MEDIA_ROOT / "surveys").rglob("*") if p.is_file()]
    assert len(media) == 1, media


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_statement_is_planned_once_per_connection(app_user, version, login, settings):
    """The hot path's statement is prepared on the server and then only executed. psycopg
    disables every prepare while the connection's `prepare_threshold` is None (Django's
    default): it once was, and each submission re-planned the whole statement."""
    settings.TASKS = DB_TASKS
    url = key_url(app_user, "submission")
    client = login()
    for number in range(4):
        xml = household_xml(version, instance_id=f"uuid:plan{number}")
        assert post(client, url, xml).status_code == 201
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%WITH target AS%"],
        )
        executions = [row[0] for row in cursor.fetchall()]
    # Each statement is prepared once and then executed: the checked one at least three
    # times (the very first submission of a version in a process takes the general path,
    # whose own statement runs once; a process that met the version before skips it).
    assert sum(executions) == 4 and max(executions) >= 3, executions


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_insert_refuses_to_run_when_a_model_gained_a_column(monkeypatch):
    from mahalla.surveys.openrosa.one_statement import _check

    with pytest.raises(RuntimeError, match="missing"):
        _check(Submission, {"id": "1"})


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_queued_task_is_the_row_enqueue_writes(app_user, version, login, settings):
    from django_tasks_db.models import DBTaskResult

    from mahalla.surveys.submissions.tasks import process_submission_version

    settings.TASKS = DB_TASKS
    url = key_url(app_user, "submission")
    assert post(login(), url, household_xml(version, instance_id="uuid:t")).status_code == 201
    queued = DBTaskResult.objects.get()
    stored = Submission.objects.get()
    assert queued.args_kwargs == {"args": [stored.current_id], "kwargs": {}}
    process_submission_version.enqueue(stored.current_id)
    made = DBTaskResult.objects.exclude(pk=queued.pk).get()
    skip = {"id", "enqueued_at"}
    assert {k: v for k, v in model_to_dict(queued).items() if k not in skip} == {
        k: v for k, v in model_to_dict(made).items() if k not in skip
    }
    assert queued.task_result.status == made.task_result.status == "READY"
    assert abs((queued.enqueued_at - made.enqueued_at).total_seconds()) < 60


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_worker_parses_what_the_statement_queued(app_user, version, login, settings):
    from django.core.management import call_command

    settings.TASKS = DB_TASKS
    url = key_url(app_user, "submission")
    assert post(login(), url, household_xml(version, instance_id="uuid:w")).status_code == 201
    assert SubmissionVersion.objects.get().parsed_at is None
    call_command("worker", batch=True, interval=0)
    parsed = SubmissionVersion.objects.get()
    assert parsed.parsed_at is not None and parsed.data["hh_name"] == "บ้านสมชาย"


@on_postgres
def test_the_prepared_look_ups_answer_as_the_orm(app_user, version, campaign, world):
    from mahalla.surveys.models import Campaign
    from mahalla.surveys.openrosa import access, intake, prepared
    from mahalla.surveys.openrosa.instance import read_instance

    fast, orm = prepared.app_user(app_user.token), access._app_user_orm(app_user.token)
    assert model_to_dict(fast) == model_to_dict(orm)
    assert model_to_dict(fast.campaign) == model_to_dict(orm.campaign)
    assert fast.campaign.area.name_en == orm.campaign.area.name_en and fast.is_active
    assert prepared.app_user("no-such-token") is None

    instance = read_instance(household_xml(version))
    other = Campaign.objects.create(area=world.khlong_toei, name_en="Without the form")
    for target in (campaign, other):
        fast = prepared.version_in_campaign(instance.form_id, instance.version, target.pk)
        orm = intake._version_orm(instance, target)
        assert model_to_dict(fast, exclude=prepared.VERSION_SKIPPED) == model_to_dict(
            orm, exclude=prepared.VERSION_SKIPPED
        )
        assert model_to_dict(fast.form) == model_to_dict(orm.form)
        assert fast.in_campaign == orm.in_campaign == (target == campaign)
    assert prepared.version_in_campaign("no-such-form", "1", campaign.pk) is None

    # Both in one statement, as an app user's submission reads them.
    user, found = prepared.app_user_and_version(app_user.token, instance.form_id, "1")
    assert model_to_dict(user) == model_to_dict(access._app_user_orm(app_user.token))
    assert user.campaign.area.name_th == app_user.campaign.area.name_th
    orm = intake._version_orm(instance, campaign)
    assert model_to_dict(found, exclude=prepared.VERSION_SKIPPED) == model_to_dict(
        orm, exclude=prepared.VERSION_SKIPPED
    )
    assert model_to_dict(found.form) == model_to_dict(orm.form) and found.in_campaign
    assert prepared.app_user_and_version(app_user.token, "no-such-form", "1")[1] is None
    assert prepared.app_user_and_version("no-such-token", instance.form_id, "1") is None


RULES = [
    # (campaign status, starts in days, ends in days, revoked, version state, form in campaign)
    ("open", None, None, False, "published", True),
    ("open", -3, 3, False, "published", True),
    ("open", 0, 0, False, "published", True),
    ("open", 1, None, False, "published", True),
    ("open", None, -1, False, "published", True),
    ("planned", None, None, False, "published", True),
    ("planned", -3, 3, False, "published", True),
    ("closed", None, None, False, "published", True),
    ("open", None, None, True, "published", True),
    ("open", None, None, False, "retired", True),
    ("open", None, None, False, "draft", True),
    ("open", None, None, False, "published", False),
]


@on_postgres
@pytest.mark.parametrize(("status", "starts", "ends", "revoked", "state", "listed"), RULES)
def test_the_checked_statement_takes_exactly_what_the_general_path_takes(
    app_user, version, campaign, world, status, starts, ends, revoked, state, listed
):
    """The SQL checks of `one_statement.insert_checked` against the Python rules of the
    general path, case by case: it stores exactly when they accept."""
    import datetime

    from django.utils import timezone

    from mahalla.surveys.campaigns.services import accepts_submissions
    from mahalla.surveys.models import FormVersion

    today = timezone.localdate()
    campaign.status = status
    campaign.starts_on = today + datetime.timedelta(days=starts) if starts is not None else None
    campaign.ends_on = today + datetime.timedelta(days=ends) if ends is not None else None
    campaign.save()
    if not listed:
        campaign.form_versions.clear()
    FormVersion.objects.filter(pk=version.pk).update(state=state)
    if revoked:
        app_user.revoked_at = timezone.now()
        app_user.save()
    accepted = (
        accepts_submissions(campaign) is None
        and not revoked
        and state == FormVersion.State.PUBLISHED
        and listed
    )
    found = _insert_checked(app_user, version, "uuid:rule", today=today)
    assert (found is not None) == accepted
    assert Submission.objects.filter(instance_id="uuid:rule").exists() == accepted


@on_postgres
def test_the_checked_statement_refuses_another_xform_or_a_known_instance_id(
    app_user, version, campaign
):

    def insert(md5, instance_id):
        return _insert_checked(app_user, version, instance_id, xform_md5=md5)

    assert insert("another-xform", "uuid:a") is None
    assert insert(version.xform_md5, "uuid:a") is not None
    assert insert(version.xform_md5, "uuid:a") is None  # a resend: the general path answers
    assert Submission.objects.count() == 1


def _insert_checked(app_user, version, instance_id, *, today=None, xform_md5=None):
    """One bare submission through the checked statement, as an app user's phone sends it."""
    from django.utils import timezone

    from mahalla.surveys.openrosa import one_statement

    return one_statement.insert_checked(
        token=app_user.token,
        form_id=version.form.xml_form_id,
        version=version.version,
        xform_md5=xform_md5 if xform_md5 is not None else version.xform_md5,
        today=today or timezone.localdate(),
        instance_id=instance_id,
        xml=b"<data/>",
        sha="0" * 64,
        device_id="",
        user_agent="",
        now=timezone.now(),
        attachments=[],
    )
