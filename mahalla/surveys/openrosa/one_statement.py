"""A new submission stored by one SQL statement on PostgreSQL (the intake's hot path).

At the end of a field day every phone of a campaign sends at once. Stored through the ORM a
new submission costs nine round trips (look-up, four inserts, the history record, setting
`current`, begin and commit), and the server's time goes to planning and sending them
rather than to storing. This builds the same rows in one statement, which is its own
transaction:

- the ids of the submission and its first version come from their sequences first, so the
  submission can name its `current` version while both are inserted (the foreign keys are
  checked at the end of the statement: Django makes them deferrable);
- nothing is inserted when the form already has a version with this instanceID (a resend,
  or an edit's own instanceID) or when a concurrent request inserts it first (ON CONFLICT on
  the unique form + instanceID): the caller then takes the ORM path, which answers as to a
  resend;
- the history record is the one django-simple-history writes for a created submission;
- with the worker's queue in the database (django-tasks-db), the task that parses the new
  version is a row of the same statement: no task without its submission, nor the reverse.

The column lists are read from the models, and every column must be accounted for: a field
added to one of these models without a value here fails loudly (and the test comparing this
path with the ORM's), instead of being silently left to its database default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

from mahalla.surveys.models import Attachment, ReviewState, Submission, SubmissionVersion
from mahalla.surveys.openrosa import prepared


@dataclass
class NewAttachment:
    name: str
    file: str = ""
    sha256: str = ""
    size: int = 0
    content_type: str = ""
    received_at: datetime | None = None


def available() -> bool:
    return connection.vendor == "postgresql"


def _columns(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def _check(model, expressions: dict[str, str | None]) -> None:
    columns = set(_columns(model))
    if columns != set(expressions):
        raise RuntimeError(
            f"{model._meta.db_table}: the one-statement insert does not match the model "
            f"(missing {sorted(columns - set(expressions))}, "
            f"unknown {sorted(set(expressions) - columns)})"
        )


def _insert(model, expressions: dict[str, str | None], source: str, tail: str = "") -> str:
    """INSERT … SELECT of every column of `model`; a column given None takes its default."""
    _check(model, expressions)
    columns = [c for c, expression in expressions.items() if expression is not None]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    types = {f.column: f.db_type(connection) for f in model._meta.concrete_fields}
    # Bound on the server, a parameter has one type everywhere: each is cast to its column's.
    values = ", ".join(
        f"{expressions[c]}::{types[c]}"
        if re.fullmatch(r"%\(\w+\)s", expressions[c])
        else expressions[c]
        for c in columns
    )
    table = connection.ops.quote_name(model._meta.db_table)
    return f"INSERT INTO {table} ({names}) SELECT {values} FROM {source} {tail}"  # noqa: S608


def _given_target() -> str:
    """The target of a submission whose sender, form and campaign were checked in Python."""
    return """SELECT %(form)s::bigint AS form_id, %(campaign)s::bigint AS campaign_id,
                     %(form_version)s::bigint AS form_version_id,
                     %(app_user)s::bigint AS app_user_id,
                     NULL::varchar AS name_th, NULL::varchar AS name_fa"""


def _checked_target() -> str:
    """The target of an app user's submission found and checked in SQL, by the rules of the
    Python path (`intake._target`, `campaigns.services.accepts_submissions`): an active
    token; its campaign open, today within its dates; the version the XML names published;
    a version of that form in the campaign; the version's XForm the one whose file questions
    the caller knows. No row: nothing is written, and the caller takes the general path."""
    from mahalla.places.models import Area
    from mahalla.surveys.models import AppUser, Campaign, Form, FormVersion

    through = Campaign.form_versions.through._meta.db_table
    return f"""
        SELECT f.id AS form_id, c.id AS campaign_id, v.id AS form_version_id,
               u.id AS app_user_id, a.name_th, a.name_fa
        FROM {AppUser._meta.db_table} u
        JOIN {Campaign._meta.db_table} c ON c.id = u.campaign_id
        JOIN {Area._meta.db_table} a ON a.id = c.area_id
        JOIN {Form._meta.db_table} f ON f.xml_form_id = %(form_id)s::varchar
        JOIN {FormVersion._meta.db_table} v
          ON v.form_id = f.id AND v.version = %(version)s::varchar
        WHERE u.token = %(token)s::varchar AND u.revoked_at IS NULL
          AND c.status = %(open)s::varchar
          AND (c.starts_on IS NULL OR c.starts_on <= %(today)s::date)
          AND (c.ends_on IS NULL OR c.ends_on >= %(today)s::date)
          AND v.state = %(published)s::varchar AND v.xform_md5 = %(xform_md5)s::varchar
          AND EXISTS (SELECT 1 FROM {through} t
                      JOIN {FormVersion._meta.db_table} o ON o.id = t.formversion_id
                      WHERE t.campaign_id = c.id AND o.form_id = f.id)
        ORDER BY v.id
        LIMIT 1
    """  # noqa: S608 - names from the models, the values parameters


@cache
def _statement(queued_in_database: bool, checked: bool) -> str:
    history = Submission.history.model
    submission_table = Submission._meta.db_table
    version_table = SubmissionVersion._meta.db_table
    submission = _insert(
        Submission,
        {
            "id": "ids.submission_id",
            "form_id": "ids.form_id",
            "instance_id": "%(instance_id)s",
            "campaign_id": "ids.campaign_id",
            "area_id": "NULL",
            "longitude": "NULL",
            "latitude": "NULL",
            "review_state": "%(review_state)s",
            "submitted_by_id": "%(user)s",
            "app_user_id": "ids.app_user_id",
            "current_id": "ids.version_id",
            "created_at": "%(now)s",
            "updated_at": "%(now)s",
        },
        "ids",
        # The form's versions already know this instanceID: a resend (or an edit's own ID).
        f"""WHERE NOT EXISTS (
              SELECT 1 FROM known JOIN {submission_table} s ON s.id = known.submission_id
              WHERE s.form_id = ids.form_id)
            ON CONFLICT (form_id, instance_id) DO NOTHING
            RETURNING id, current_id""",  # noqa: S608 - table names from the models
    )
    # The versions with this instanceID in any form, by its index, before any join: left to
    # itself the planner may walk every submission of the form instead (seen: a prepared
    # plan made while the tables were small grew slower with each submission).
    known = f"""SELECT submission_id FROM {version_table}
                WHERE instance_id = %(instance_id)s::varchar"""  # noqa: S608
    version = _insert(
        SubmissionVersion,
        {
            "id": "new.current_id",
            "submission_id": "new.id",
            "instance_id": "%(instance_id)s",
            "deprecated_id": "''",
            "form_version_id": "ids.form_version_id",
            "xml": "%(xml)s",
            "xml_sha256": "%(sha)s",
            "data": "NULL",
            "parse_error": "NULL",
            "parsed_at": "NULL",
            "device_id": "%(device_id)s",
            "user_agent": "%(user_agent)s",
            "submitted_by_id": "%(user)s",
            "app_user_id": "ids.app_user_id",
            "received_at": "%(now)s",
        },
        "new JOIN ids ON ids.submission_id = new.id",
    )
    attachments = _insert(
        Attachment,
        {
            "id": None,
            "version_id": "new.current_id",
            "name": "a.name",
            "file": "a.file",
            "sha256": "a.sha256",
            "size": "a.size",
            "content_type": "a.content_type",
            "received_at": "a.received_at",
        },
        """new, unnest(%(a_name)s::text[], %(a_file)s::text[], %(a_sha)s::text[],
                       %(a_size)s::bigint[], %(a_type)s::text[], %(a_at)s::timestamptz[])
               AS a(name, file, sha256, size, content_type, received_at)""",
    )
    record = _insert(
        history,
        {
            "id": "new.id",
            "instance_id": "%(instance_id)s",
            "longitude": "NULL",
            "latitude": "NULL",
            "review_state": "%(review_state)s",
            "created_at": "%(now)s",
            "form_id": "ids.form_id",
            "campaign_id": "ids.campaign_id",
            "area_id": "NULL",
            "submitted_by_id": "%(user)s",
            "app_user_id": "ids.app_user_id",
            "history_id": None,
            "history_date": "%(now)s",
            "history_change_reason": "NULL",
            "history_type": "'+'",
            "history_user_id": "%(history_user)s",
        },
        "new JOIN ids ON ids.submission_id = new.id",
    )
    sequences = (
        f"pg_get_serial_sequence('{submission_table}', 'id')",
        f"pg_get_serial_sequence('{version_table}', 'id')",
    )
    queued = ""
    if queued_in_database:
        from django_tasks_db.models import DBTaskResult

        expressions = {
            field.column: f"%(task_{field.column})s" for field in DBTaskResult._meta.concrete_fields
        }
        # The parse task of the new version, as `enqueue` would write it.
        expressions["args_kwargs"] = (
            "jsonb_build_object('args', jsonb_build_array(new.current_id), 'kwargs', '{}'::jsonb)"
        )
        queued = f", queued AS ({_insert(DBTaskResult, expressions, 'new')})"
    target = _checked_target() if checked else _given_target()
    return f"""
        WITH target AS ({target}),
        known AS MATERIALIZED ({known}),
        ids AS (
            SELECT target.*,
                   nextval({sequences[0]}) AS submission_id,
                   nextval({sequences[1]}) AS version_id
            FROM target
        ),
        new AS ({submission}),
        version AS ({version}),
        files AS ({attachments}),
        record AS ({record}){queued}
        SELECT new.id, new.current_id, ids.name_th, ids.name_fa
        FROM new JOIN ids ON ids.submission_id = new.id
    """  # noqa: S608 - every name comes from the models, every value is a parameter


def queues_in_database() -> bool:
    """Whether the parse task is a row of django-tasks-db's table (the worker's queue), which
    the statement can then write too: the task exists exactly when the submission does."""
    from django_tasks import task_backends

    from mahalla.surveys.submissions.tasks import process_submission_version

    backend = task_backends[process_submission_version.backend]
    return type(backend).__module__.startswith("django_tasks_db")


def _task_values(now: datetime) -> dict:
    """The parse task's row but for its arguments, made as django-tasks-db's `enqueue` makes
    it (its defaults, its `pre_save` handlers), as parameters of the statement. Only the id
    and the moment differ between two: the rest is made once per process."""
    from django_tasks import task_backends

    from mahalla.surveys.submissions.tasks import process_submission_version as task

    backend = task_backends[task.backend]
    return {**_task_constants(backend.alias), "task_id": backend._get_id(), "task_enqueued_at": now}


@cache
def _task_constants(alias: str) -> dict:
    from django.db.models.signals import pre_save
    from django_tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    from mahalla.surveys.submissions.tasks import process_submission_version as task

    backend = task_backends[alias]
    backend.validate_task(task)
    row = DBTaskResult(
        id=backend._get_id(),
        args_kwargs={"args": [], "kwargs": {}},
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    pre_save.send(sender=DBTaskResult, instance=row, raw=False, using="default", update_fields=None)
    values = {}
    for field in DBTaskResult._meta.concrete_fields:
        if field.column not in ("id", "enqueued_at", "args_kwargs"):
            value = field.pre_save(row, add=True)
            values[f"task_{field.column}"] = field.get_db_prep_save(value, connection)
    return values


def insert_new(
    *,
    form_id: int,
    campaign_id: int | None,
    form_version_id: int,
    app_user_id: int | None,
    **values,
) -> tuple[int, int] | None:
    """(submission id, version id) of the stored submission, or None when the instanceID
    is already known to the form (nothing was written). The sender, form and campaign were
    checked by the caller."""
    target = {
        "form": form_id,
        "campaign": campaign_id,
        "form_version": form_version_id,
        "app_user": app_user_id,
    }
    found = _run(False, target, **values)
    return found[:2] if found else None


def insert_checked(
    *, token: str, form_id: str, version: str, xform_md5: str, today, **values
) -> tuple[int, int, str, str] | None:
    """An app user's new submission with every check of the general path made in SQL
    (`_checked_target`): (submission id, version id, and the Thai and Persian names of the
    campaign's area, for the answer's language), or None when anything is not as the fast
    path needs it (nothing was written; the caller takes the general path, which says why)."""
    from mahalla.surveys.models import Campaign, FormVersion

    target = {
        "token": token,
        "form_id": form_id,
        "version": version,
        "xform_md5": xform_md5,
        "today": today,
        "open": Campaign.Status.OPEN.value,
        "published": FormVersion.State.PUBLISHED.value,
    }
    return _run(True, target, user_id=None, history_user_id=None, **values)


def _run(
    checked: bool,
    target: dict,
    *,
    instance_id: str,
    xml: bytes,
    sha: str,
    user_id: int | None,
    history_user_id: int | None,
    device_id: str,
    user_agent: str,
    now: datetime,
    attachments: list[NewAttachment],
) -> tuple[int, int] | None:
    params = {
        **target,
        "instance_id": instance_id,
        "xml": xml,
        "sha": sha,
        "user": user_id,
        "history_user": history_user_id,
        "device_id": device_id,
        "user_agent": user_agent,
        "review_state": ReviewState.RECEIVED.value,
        "now": now,
        "a_name": [a.name for a in attachments],
        "a_file": [a.file for a in attachments],
        "a_sha": [a.sha256 for a in attachments],
        "a_size": [a.size for a in attachments],
        "a_type": [a.content_type for a in attachments],
        "a_at": [a.received_at for a in attachments],
    }
    queued = queues_in_database()
    if queued:
        params.update(_task_values(now))
    # A server-side prepared statement: PostgreSQL plans this long statement once per
    # connection instead of on every submission (Django's own cursors bind on the client).
    rows = prepared.execute(_statement(queued, checked), params)
    return tuple(rows[0]) if rows else None
