"""What happens to a stored submission version after the raw XML is safely committed.

The intake (OpenRosa and web forms) calls `process_version` after its transaction commits;
the step is re-runnable on its own (bulk re-parse, re-assignment after boundary changes).
Running it twice gives the same rows: the XML is never changed, only `data`, `parse_error`,
`parsed_at` and the submission's point and area are (re)written.

Everything works in batches: one query reads a batch of versions, one UPDATE per column set
writes them back (`bulk_update`), and the area of every located submission of the batch is
found with one spatial-index query (`mahalla.places.assign`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from mahalla.core.jobs.messages import message
from mahalla.places.assign import NO_AREA, AreaIndex, area_index_build, assign_points_to_areas
from mahalla.places.models import Area
from mahalla.surveys.models import FormVersion, Submission, SubmissionVersion
from mahalla.surveys.submissions import parse

BATCH = 500


def _types_for(version: SubmissionVersion, cache: dict[int, tuple]) -> tuple | None:
    form_version = version.form_version
    if form_version is None:
        return None
    if form_version.pk not in cache:
        cache[form_version.pk] = (form_version.fields, parse.field_types(form_version.fields))
    return cache[form_version.pk]


def parse_version(version: SubmissionVersion, cache: dict[int, tuple] | None = None) -> None:
    """Fill `data`/`parse_error`/`parsed_at` on the object (not saved)."""
    cache = {} if cache is None else cache
    found = _types_for(version, cache)
    if found is None:
        version.data, version.parse_error = None, message("surveys.parse_no_form_version")
        version.parsed_at = None
        return
    fields, types = found
    try:
        version.data = parse.parse_submission(bytes(version.xml), fields, types=types)
    except parse.ParseError as error:
        version.data, version.parse_error = None, message(error.code, **error.params)
        version.parsed_at = None
    else:
        version.parse_error = None
        version.parsed_at = timezone.now()


def area_index_near(points: Sequence[tuple[float, float]]) -> AreaIndex:
    """An index of the polygon areas whose box meets the box of these points."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    candidates = Area.objects.filter(
        min_x__lte=max(xs), max_x__gte=min(xs), min_y__lte=max(ys), max_y__gte=min(ys)
    )
    return area_index_build(candidates)


def assign_areas(
    points: Sequence[tuple[float, float]], index: AreaIndex | None = None
) -> list[int | None]:
    """The smallest area id containing each (lon, lat), None where none does."""
    if not points:
        return []
    index = index if index is not None else area_index_near(points)
    xs = np.fromiter((p[0] for p in points), dtype=np.float64, count=len(points))
    ys = np.fromiter((p[1] for p in points), dtype=np.float64, count=len(points))
    found = assign_points_to_areas(xs=xs, ys=ys, areas=index)
    return [None if a == NO_AREA else int(a) for a in found]


def update_rows(model: Any, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """UPDATE many rows by primary key; `rows` are (value per column..., pk).

    Django's `bulk_update` builds one CASE WHEN per column over the batch, which costs more
    to compile than the parse itself. PostgreSQL gets one `UPDATE … FROM (VALUES …)` per
    batch; SQLite one prepared statement run with `executemany`. Values are prepared by
    the model's fields (JSON encoded, datetimes adapted); names come from the model's
    metadata, quoted.
    """
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in columns]
    table, key = quote(meta.db_table), quote(meta.pk.column)
    params = [
        [f.get_db_prep_save(v, connection) for f, v in zip(fields, row[:-1], strict=True)]
        + [row[-1]]
        for row in rows
    ]
    if connection.vendor == "postgresql":
        casts = [f.db_type(connection) for f in fields] + [meta.pk.db_type(connection)]
        casts = ["bigint" if c in ("serial", "bigserial") else c for c in casts]
        one = "(" + ", ".join(f"%s::{c}" for c in casts) + ")"
        names = [quote(f.column) for f in fields]
        assignments = ", ".join(f"{n} = v.{n}" for n in names)
        # Quoted names from the model; the values are parameters.
        values = ", ".join([one] * len(rows))
        targets = ", ".join(names)
        sql = f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS v({targets}, _pk) "  # noqa: S608
        sql += f"WHERE {table}.{key} = v._pk"
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in params for value in row])
        return
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _place(submissions: dict[int, tuple[float, float] | None], index: AreaIndex | None) -> int:
    """Write point and area of submissions (id → (lon, lat) or None); returns how many located."""
    located = {pk: p for pk, p in submissions.items() if p is not None}
    areas = dict(zip(located, assign_areas(list(located.values()), index), strict=True))
    rows = []
    for pk, point in submissions.items():
        lon, lat = point if point else (None, None)
        rows.append((lon, lat, areas.get(pk), pk))
    # Not save(): placing is not a review change, history stays for people.
    update_rows(Submission, ["longitude", "latitude", "area"], rows)
    return len(located)


def _mark_edited(versions: Iterable[SubmissionVersion]) -> None:
    """An edit (a version naming a deprecatedID) read for the first time sets "edited"."""
    from mahalla.surveys.submissions.review import submission_mark_edited

    for version in versions:
        if version.deprecated_id:
            submission_mark_edited(submission=version.submission, version=version)


def process_versions(
    version_ids: Sequence[int], *, index: AreaIndex | None = None
) -> dict[str, int]:
    """Parse a batch of versions and place the submissions whose current version they are."""
    # Only what the step needs: not the old `data`, and each form version's fields once.
    versions = list(
        SubmissionVersion.objects.filter(pk__in=version_ids)
        .select_related("submission")
        .only(
            "pk", "xml", "form_version_id", "parsed_at", "parse_error", "deprecated_id",
            "submitted_by_id", "submission__id", "submission__current_id",
        )
        .order_by("pk")
    )  # fmt: skip
    form_versions = FormVersion.objects.only("pk", "fields").in_bulk(
        {v.form_version_id for v in versions if v.form_version_id}
    )
    for version in versions:
        version.form_version = form_versions.get(version.form_version_id)
    first_time = [v for v in versions if v.parsed_at is None and v.parse_error is None]
    cache: dict[int, tuple] = {}
    for version in versions:
        parse_version(version, cache)
    update_rows(
        SubmissionVersion,
        ["data", "parse_error", "parsed_at"],
        [(v.data, v.parse_error, v.parsed_at, v.pk) for v in versions],
    )
    # A submission is placed by its current version (or its newest, before `current` is set).
    newest: dict[int, SubmissionVersion] = {}
    for version in versions:
        submission = version.submission
        is_current = submission.current_id in (None, version.pk)
        if is_current and (submission.pk not in newest or newest[submission.pk].pk < version.pk):
            newest[submission.pk] = version
    points = {
        pk: parse.location(v.data, v.form_version.fields if v.form_version else [])
        for pk, v in newest.items()
    }
    located = _place(points, index)
    _mark_edited(v for v in first_time if v.data is not None)
    parsed = sum(1 for v in versions if v.data is not None)
    return {
        "processed": len(versions),
        "parsed": parsed,
        "failed": len(versions) - parsed,
        "located": located,
    }


def process_version(version_id: int) -> None:
    """Parse the version's XML to JSON and assign the submission's area."""
    process_versions([version_id])


def enqueue_version(version_id: int) -> None:
    """Have the worker process a version that was just stored (the intake's answer to the
    phone does not wait for it). A version the worker never reaches stays unparsed and is
    caught by the bulk re-read (`reparse_submissions`)."""
    from mahalla.surveys.submissions.tasks import process_submission_version

    process_submission_version.enqueue(version_id)


# -- bulk: re-parse, re-assign


def reparse_queryset(*, form_id: int | None = None, campaign_id: int | None = None):
    versions = SubmissionVersion.objects.all()
    if form_id:
        versions = versions.filter(submission__form_id=form_id)
    if campaign_id:
        versions = versions.filter(submission__campaign_id=campaign_id)
    return versions.order_by("pk")


def reparse(
    *,
    form_id: int | None = None,
    campaign_id: int | None = None,
    batch_size: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Parse every version of a form / campaign (or all) again, in batches."""
    ids = list(
        reparse_queryset(form_id=form_id, campaign_id=campaign_id).values_list("pk", flat=True)
    )
    totals = {"processed": 0, "parsed": 0, "failed": 0, "located": 0}
    index = area_index_build(Area.objects.all()) if ids else None
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            counts = process_versions(ids[start : start + batch_size], index=index)
        for key in totals:
            totals[key] += counts[key]
        if progress:
            progress(totals["processed"], len(ids))
    return totals


def _affected(area_ids: Sequence[int] | None):
    located = Submission.objects.filter(longitude__isnull=False, latitude__isnull=False)
    if area_ids is None:
        return located
    areas = list(Area.objects.filter(pk__in=area_ids).values_list("pk", "path"))
    # Points in an ancestor may now fall in a changed (or new) child; points in a changed
    # area or beneath it may have left it; points in no area may now be in one.
    ancestors = {int(part) for _, path in areas for part in path.strip("/").split("/") if part}
    within = Q(area__isnull=True) | Q(area_id__in=ancestors | set(area_ids))
    for _, path in areas:
        within |= Q(area__path__startswith=path)
    return located.filter(within)


def reassign_submissions(
    area_ids: Sequence[int] | None = None,
    *,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Place located submissions again (those the changed areas may concern, or all)."""
    ids = list(_affected(area_ids).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return {"processed": 0, "changed": 0}
    index = area_index_build(Area.objects.all())
    changed = 0
    for start in range(0, len(ids), batch_size):
        rows = list(
            Submission.objects.filter(pk__in=ids[start : start + batch_size]).values_list(
                "pk", "longitude", "latitude", "area_id"
            )
        )
        found = assign_areas([(r[1], r[2]) for r in rows], index)
        moves: dict[int | None, list[int]] = defaultdict(list)
        for (pk, _lon, _lat, old), new in zip(rows, found, strict=True):
            if old != new:
                moves[new].append(pk)
        with transaction.atomic():
            for new, pks in moves.items():
                Submission.objects.filter(pk__in=pks).update(area_id=new)
                changed += len(pks)
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return {"processed": len(ids), "changed": changed}
