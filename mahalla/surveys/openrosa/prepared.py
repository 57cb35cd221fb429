"""The intake's hot path on PostgreSQL: statements prepared on the server, rows built by hand.

ODK Collect's submissions through an app user's token read the same two things every time
(the token's app user with its campaign, then the form version the XML names). Through the
ORM each costs more in building the query than PostgreSQL spends answering it, so on
PostgreSQL they are fixed statements, prepared once per connection, whose rows become model
instances with `Model.from_db` (the ORM's own way). SQLite keeps the ORM path; both are
tested to give the same answers.
"""

from __future__ import annotations

import re
import time
from functools import cache
from typing import Any

from django.db import connection

from mahalla.places.models import Area
from mahalla.surveys.models import AppUser, Campaign, Form, FormVersion

# Never read on this path: an area's geometry and search text, a version's large columns.
AREA_SKIPPED = ("geometry", "search_text")
VERSION_SKIPPED = ("xform", "fields", "languages", "titles", "warnings")


def available() -> bool:
    return connection.vendor == "postgresql"


def execute(sql: str, params: dict[str, Any]) -> list[tuple]:
    """Run `sql` as a server-side prepared statement; its rows. Logged as Django logs."""
    import psycopg

    connection.ensure_connection()
    start = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall() if cursor.description else []
    if connection.queries_logged:  # as Django's cursors log (query counts, debug toolbar)
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - start:.3f}"})
    return rows


def typed(sql: str, types: dict[str, str]) -> str:
    """Each `%(name)s` cast to its type: bound on the server, a parameter has one type."""
    return re.sub(r"%\((\w+)\)s", lambda m: f"{m.group(0)}::{types[m.group(1)]}", sql)


def _fields(model, skipped=()) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in skipped]


def _columns(fields: list, alias: str) -> str:
    return ", ".join(f'{alias}."{f.column}"' for f in fields)


def _build(model, fields: list, values: tuple):
    """A model instance from its columns, converted as the ORM converts them (JSON…)."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)


@cache
def _app_user_sql() -> tuple[str, list, list, list]:
    app, campaign, area = _fields(AppUser), _fields(Campaign), _fields(Area, AREA_SKIPPED)
    sql = f"""
        SELECT {_columns(app, "u")}, {_columns(campaign, "c")}, {_columns(area, "a")}
        FROM {AppUser._meta.db_table} u
        JOIN {Campaign._meta.db_table} c ON c.id = u.campaign_id
        JOIN {Area._meta.db_table} a ON a.id = c.area_id
        WHERE u.token = %(token)s
    """  # noqa: S608 - names from the models, the value a parameter
    return typed(sql, {"token": "varchar"}), app, campaign, area


def app_user(token: str) -> AppUser | None:
    """The token's app user, its campaign and the campaign's area (names, not geometry)."""
    sql, app, campaign, area = _app_user_sql()
    rows = execute(sql, {"token": token})
    if not rows:
        return None
    row = rows[0]
    user = _build(AppUser, app, row[: len(app)])
    found = _build(Campaign, campaign, row[len(app) : len(app) + len(campaign)])
    found.area = _build(Area, area, row[len(app) + len(campaign) :])
    user.campaign = found
    return user


@cache
def _version_sql() -> tuple[str, list, list]:
    version, form = _fields(FormVersion, VERSION_SKIPPED), _fields(Form)
    through = Campaign.form_versions.through._meta.db_table
    sql = f"""
        SELECT {_columns(version, "v")}, {_columns(form, "f")},
               EXISTS (SELECT 1 FROM {through} t
                       JOIN {FormVersion._meta.db_table} o ON o.id = t.formversion_id
                       WHERE t.campaign_id = %(campaign)s AND o.form_id = v.form_id)
        FROM {FormVersion._meta.db_table} v
        JOIN {Form._meta.db_table} f ON f.id = v.form_id
        WHERE f.xml_form_id = %(form_id)s AND v.version = %(version)s
        ORDER BY v.id
        LIMIT 1
    """  # noqa: S608 - names from the models, the values parameters
    types = {"campaign": "bigint", "form_id": "varchar", "version": "varchar"}
    return typed(sql, types), version, form


def version_in_campaign(form_id: str, version: str, campaign_id: int) -> FormVersion | None:
    """The version (large columns deferred) with its form, annotated `in_campaign`: whether
    the campaign has any version of that form."""
    sql, fields, form_fields = _version_sql()
    rows = execute(sql, {"form_id": form_id, "version": version, "campaign": campaign_id})
    if not rows:
        return None
    row = rows[0]
    found = _build(FormVersion, fields, row[: len(fields)])
    found.form = _build(Form, form_fields, row[len(fields) : len(fields) + len(form_fields)])
    found.in_campaign = row[-1]
    return found


@cache
def _app_user_and_version_sql() -> tuple[str, list, list, list, list, list]:
    app, campaign, area = _fields(AppUser), _fields(Campaign), _fields(Area, AREA_SKIPPED)
    version, form = _fields(FormVersion, VERSION_SKIPPED), _fields(Form)
    through = Campaign.form_versions.through._meta.db_table
    inner = ", ".join(
        [f'v."{f.column}" AS "v_{f.column}"' for f in version]
        + [f'f."{f.column}" AS "f_{f.column}"' for f in form]
    )
    outer = ", ".join([f'x."v_{f.column}"' for f in version] + [f'x."f_{f.column}"' for f in form])
    sql = f"""
        SELECT {_columns(app, "u")}, {_columns(campaign, "c")}, {_columns(area, "a")},
               {outer},
               EXISTS (SELECT 1 FROM {through} t
                       JOIN {FormVersion._meta.db_table} o ON o.id = t.formversion_id
                       WHERE t.campaign_id = c.id AND o.form_id = x."v_form_id")
        FROM {AppUser._meta.db_table} u
        JOIN {Campaign._meta.db_table} c ON c.id = u.campaign_id
        JOIN {Area._meta.db_table} a ON a.id = c.area_id
        LEFT JOIN LATERAL (
            SELECT {inner}
            FROM {FormVersion._meta.db_table} v
            JOIN {Form._meta.db_table} f ON f.id = v.form_id
            WHERE f.xml_form_id = %(form_id)s AND v.version = %(version)s
            ORDER BY v.id
            LIMIT 1
        ) x ON true
        WHERE u.token = %(token)s
    """  # noqa: S608 - names from the models, the values parameters
    types = {"token": "varchar", "form_id": "varchar", "version": "varchar"}
    return typed(sql, types), app, campaign, area, version, form


def app_user_and_version(
    token: str, form_id: str, version: str
) -> tuple[AppUser, FormVersion | None] | None:
    """`app_user(token)` and `version_in_campaign(form_id, version, its campaign)` in one
    statement: the two look-ups of every submission an app user sends. None when the token
    is unknown; the version is None when the form has no such version."""
    sql, app, campaign, area, version_fields, form_fields = _app_user_and_version_sql()
    rows = execute(sql, {"token": token, "form_id": form_id, "version": version})
    if not rows:
        return None
    row = rows[0]
    ends = [len(app), len(campaign), len(area), len(version_fields), len(form_fields)]
    cuts = [sum(ends[:i]) for i in range(len(ends) + 1)]
    user = _build(AppUser, app, row[cuts[0] : cuts[1]])
    found = _build(Campaign, campaign, row[cuts[1] : cuts[2]])
    found.area = _build(Area, area, row[cuts[2] : cuts[3]])
    user.campaign = found
    version_row = row[cuts[3] : cuts[4]]
    if version_row[0] is None:  # no such version: its columns are NULL
        return user, None
    form_version = _build(FormVersion, version_fields, version_row)
    form_version.form = _build(Form, form_fields, row[cuts[4] : cuts[5]])
    form_version.in_campaign = row[-1]
    return user, form_version
