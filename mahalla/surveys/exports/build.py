"""One export: the form's tables, the scoped and filtered submissions, and their rows.

The writers (csv_zip, xlsx, geojson) read rows from here one table at a time; each table is
one streamed query, so any number of submissions costs the same few queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db.models import QuerySet

from mahalla.surveys.exports import query
from mahalla.surveys.exports.tables import GEO_TYPES, Options, Table, build_tables, walk
from mahalla.surveys.models import Form, FormVersion

Progress = Callable[[int], None]
PROGRESS_EVERY = 500


@dataclass
class Export:
    form: Form
    submissions: QuerySet
    options: Options
    main: Table
    attachments: bool = False
    geo_field: str = ""

    @property
    def tables(self) -> list[Table]:
        return list(walk(self.main))

    def geo_questions(self) -> list[dict]:
        """Top-level geopoint, geotrace and geoshape questions (the GeoJSON geometry)."""
        return [c.question for c in self.main.columns if c.question.get("type") in GEO_TYPES]


def make_export(
    user: Any,
    form: Form,
    filters: query.Filters,
    options: Options,
    *,
    attachments: bool = False,
    geo_field: str = "",
) -> Export:
    versions = FormVersion.objects.filter(form=form).order_by("-created_at", "-pk")
    fields = query_fields(versions)
    main = build_tables(fields, form.xml_form_id, options)
    submissions = query.submissions(user, form, filters)
    return Export(form, submissions, options, main, attachments, geo_field)


def query_fields(versions: QuerySet) -> list[dict]:
    from mahalla.surveys.exports.tables import merged_fields

    return merged_fields(list(versions.values_list("fields", flat=True)))


def _iso(value: Any) -> str:
    # As Central writes SubmissionDate: UTC with milliseconds and a Z.
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _localized(en: str | None, th: str | None, fa: str | None, language: str) -> str:
    names = {"en": en, "th": th, "fa": fa}
    return names.get(language) or en or th or fa or ""


def _ticker(progress: Progress | None) -> Callable[[], None]:
    count = 0

    def tick() -> None:
        nonlocal count
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)

    return tick


def main_rows(export: Export, progress: Progress | None = None) -> Iterator[list[str]]:
    """The main table's rows (without the header), one per submission."""
    for _data, row in main_records(export, progress):
        yield row


def main_records(export: Export, progress: Progress | None = None) -> Iterator[tuple[Any, list]]:
    """(parsed data, main table row) per submission, oldest first."""
    table = export.main
    empty = [""] * table.width()
    language = export.options.language
    tick = _ticker(progress)
    repeat_steps = [t.steps for t in table.children]
    for row in query.main_rows(export.submissions, repeat_steps):
        (instance_id, created_at, data, user_id, username, app_user_id, app_user_name,
         state, device, version, area_code, area_en, area_th, area_fa,
         campaign_en, campaign_th, campaign_fa, edits, present, expected) = row  # fmt: skip
        cells = table.cells(data) if isinstance(data, dict) else empty
        if user_id:
            submitter_id, submitter = str(user_id), username or ""
        elif app_user_id:
            submitter_id, submitter = f"app-{app_user_id}", app_user_name or ""
        else:
            submitter_id, submitter = "", ""
        yield (
            data,
            [
                _iso(created_at),
                *cells,
                instance_id,
                submitter_id,
                submitter,
                str(present),
                str(expected),
                state,
                device or "",
                str(max(0, edits - 1)),
                version or "",
                area_code or "",
                _localized(area_en, area_th, area_fa, language),
                _localized(campaign_en, campaign_th, campaign_fa, language),
            ],
        )
        tick()


def repeat_rows(
    export: Export, table: Table, progress: Progress | None = None
) -> Iterator[list[str]]:
    """One repeat table's rows: the item's cells, PARENT_KEY, KEY."""
    top = table
    while top.parent is not None and not top.parent.is_main:
        top = top.parent
    tick = _ticker(progress)
    for instance_id, data in query.data_rows(export.submissions, top.steps):
        for key, parent_key, item in table.instances(data, instance_id):
            yield [*table.cells(item), parent_key, key]
        tick()


def table_rows(export: Export, table: Table, progress: Progress | None = None):
    if table.is_main:
        return main_rows(export, progress)
    return repeat_rows(export, table, progress)
