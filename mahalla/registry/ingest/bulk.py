"""Loading a large household list into the registry in one pass, for a district or a city
that already keeps one (tens or hundreds of thousands of rows).

The survey import turns each row into a submission approved through the survey services:
right for a few thousand rows, hours for two hundred thousand. This path reads the CSV in
batches (memory stays bounded whatever the file's size), checks every row against what it
claims — required names, numbers in any digits, codes of the value lists, a point inside one
of the area's communities, latitude and longitude not swapped, no row twice — assigns each
point to its community with an STR-tree, folds the names for search, and writes with
PostgreSQL's COPY (bulk_create on SQLite), all in one transaction: a file with any problem
writes nothing, and its report names every row and column at fault (the first
`MAX_PROBLEMS`).

Each household's provenance names the file and row (`{"bulk": name, "row": n}`); no
submission stands behind it, and no history row is written per household: the load itself is
the record (its report), as a paper list typed in at once would be.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
import shapely
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from shapely import STRtree

from mahalla.core.i18n.digits import to_ascii_digits
from mahalla.core.i18n.text import normalize_search
from mahalla.core.i18n.timezones import reader_time_zone
from mahalla.core.jobs.messages import Message, message, register
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.registry.models import Household, Value, ValueList
from mahalla.registry.values import ensure_values

register(
    {
        "registry.bulk_missing_columns": _("The file lacks the column(s): %(columns)s."),
        "registry.bulk_not_utf8": _(
            "Row %(row)s is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again."
        ),
        "registry.bulk_required": _("Row %(row)s: %(column)s is empty."),
        "registry.bulk_number": _("Row %(row)s: %(column)s “%(value)s” is not a number."),
        "registry.bulk_range": _("Row %(row)s: %(column)s %(value)s is out of range."),
        "registry.bulk_swapped": _(
            "Row %(row)s: latitude and longitude look swapped (the point falls in a community "
            "only the other way round)."
        ),
        "registry.bulk_outside": _(
            "Row %(row)s: the point lies in none of the area's communities."
        ),
        "registry.bulk_unknown_value": _(
            "Row %(row)s: %(column)s “%(value)s” is not in the value list."
        ),
        "registry.bulk_duplicate": _(
            "Row %(row)s repeats row %(first)s (same community, head of household and house "
            "number)."
        ),
        "registry.bulk_too_many_rows": _("The file has more than %(limit)s rows."),
        "registry.bulk_no_communities": _(
            "The area has no community with an outline you may change, so no point can be placed."
        ),
        "registry.bulk_more_problems": _("… and %(count)s more problems."),
    }
)

REQUIRED = ("head_name", "latitude", "longitude")
OPTIONAL = ("house_number", "members", "tenure", "income_band", "house_condition",
            "savings_member")  # fmt: skip
VALUE_COLUMNS = {
    "tenure": ValueList.TENURE_TYPE,
    "income_band": ValueList.INCOME_BAND,
    "house_condition": ValueList.HOUSE_CONDITION,
}
YES = {"yes", "y", "1", "true", "ใช่", "มี", "بله", "آری", "دارد"}
NO = {"no", "n", "0", "false", "ไม่ใช่", "ไม่", "ไม่มี", "خیر", "نه", "ندارد"}
BATCH = 5000
MAX_PROBLEMS = 200
WRITTEN = ("provenance", "is_deleted", "created_at", "updated_at", "area_id", "city_id",
           "observed_on", "house_number", "head_name", "search_text", "longitude", "latitude",
           "income_band_id", "house_condition_id", "tenure_id", "savings_member",
           "member_count")  # fmt: skip


def max_rows() -> int:
    return int(getattr(settings, "REGISTRY_BULK_MAX_ROWS", 500_000))


@dataclass
class BulkReport:
    rows: int = 0
    created: int = 0
    problems: list[Message] = field(default_factory=list)
    more_problems: int = 0
    by_community: dict[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, code: str, **params: Any) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(message(code, **params))
        else:
            self.more_problems += 1


class _Refused(Exception):
    """Rolls the transaction back: the file had problems, nothing of it may stay."""


# The default household survey's choice lists that fill these value lists: codes a list
# lacks (no household approved yet) are added from them, as a first approval would.
SEED_CHOICES = {"tenure": "tenure", "income_band": "income", "house_condition": "condition"}


def _seed(column: str, list_name: str) -> None:
    from mahalla.surveys.forms.default_forms import household_survey

    choices = [
        {"name": code, "labels": {"en": en, "th": th, "fa": fa}}
        for code, en, th, fa in household_survey.CHOICES[SEED_CHOICES[column]]
    ]
    ensure_values(list_name, choices)


def _codes(column: str, list_name: str) -> dict[str, int]:
    """A value list's ids by code and by each language's name, folded."""
    _seed(column, list_name)  # adds only the codes the list lacks
    found: dict[str, int] = {}
    for value in Value.objects.filter(list=list_name):
        for key in (value.code, value.name_en, value.name_th, value.name_fa):
            if key:
                found[normalize_search(key)] = value.pk
    return found


def _communities(user: Any, within: Area) -> tuple[STRtree | None, list[Area]]:
    areas = list(
        for_user(
            user,
            Perm.CHANGE_REGISTRY,
            Area.objects.filter(
                path__startswith=within.path, level__is_community=True, geometry_kind="polygon"
            ),
        ).only("pk", "path", "geometry")
    )
    if not areas:
        return None, []
    return STRtree([shapely.geometry.shape(a.geometry) for a in areas]), areas


def _rows(handle: IO[bytes], report: BulkReport) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) with the header's names folded; row 1 is the header."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    text = _DecodedLines(handle, decoder)
    first = next(text, "")
    if text.failed_at:  # e.g. Excel's "Unicode text", which is UTF-16
        report.problem("registry.bulk_not_utf8", row=1)
        return
    # Excel writes ";" where the decimal sign is a comma, and "Text" files use tabs: the
    # header line says which, by the separator it holds most of.
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    header = next(reader, None) or []
    names = [to_ascii_digits(h).strip().lower().replace(" ", "_") for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        report.problem("registry.bulk_missing_columns", columns=", ".join(missing))
        return
    index = {name: i for i, name in enumerate(names) if name in REQUIRED + OPTIONAL}
    for number, cells in enumerate(reader, start=2):
        if text.failed_at:
            report.problem("registry.bulk_not_utf8", row=number)
            return
        if not any(c.strip() for c in cells):
            continue
        yield number, {k: cells[i].strip() if i < len(cells) else "" for k, i in index.items()}


class _DecodedLines:
    """Lines of the upload decoded as UTF-8, noting where decoding first failed (the csv
    module then sees an empty tail, and the report names the row)."""

    def __init__(self, handle: IO[bytes], decoder) -> None:
        self.lines = iter(handle)
        self.decoder = decoder
        self.failed_at = False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.failed_at:
            raise StopIteration
        raw = next(self.lines)
        try:
            return self.decoder.decode(raw)
        except UnicodeDecodeError:
            self.failed_at = True
            return "\n"


def _number(text: str) -> float | None:
    cleaned = to_ascii_digits(text).replace("٫", ".").replace(",", ".").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


class _Batch:
    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.lon: list[float] = []
        self.lat: list[float] = []
        self.rows: list[dict] = []


def households_bulk_load(
    handle: IO[bytes],
    *,
    user: Any,
    within: Area,
    name: str = "",
    progress: Callable[[int], None] | None = None,
) -> BulkReport:
    """Check and load a household list (CSV bytes) into the communities of `within`."""
    report = BulkReport()
    tree, areas = _communities(user, within)
    if tree is None:
        report.problem("registry.bulk_no_communities")
        return report
    codes = {column: _codes(column, name) for column, name in VALUE_COLUMNS.items()}
    zone = reader_time_zone(getattr(user, "time_zone", ""), getattr(user, "language", None))
    today = timezone.localdate(timezone.now(), zone)
    seen: dict[int, int] = {}
    writer = _Writer(today, name)
    limit = max_rows()
    try:
        with transaction.atomic():
            batch = _Batch()
            for number, row in _rows(handle, report):
                report.rows += 1
                if report.rows > limit:
                    report.problem("registry.bulk_too_many_rows", limit=limit)
                    break
                checked = _check(number, row, codes, report)
                if checked is None:
                    continue
                batch.numbers.append(number)
                batch.lon.append(checked.pop("longitude"))
                batch.lat.append(checked.pop("latitude"))
                batch.rows.append(checked)
                if len(batch.rows) >= BATCH:
                    _place(batch, tree, areas, seen, report, writer)
                    batch = _Batch()
                    if progress:
                        progress(report.rows)
            if batch.rows:
                _place(batch, tree, areas, seen, report, writer)
            if not report.ok:
                raise _Refused
            writer.flush()
            report.created = writer.written
    except _Refused:
        report.created = 0
    return report


def _check(number: int, row: dict, codes: dict, report: BulkReport) -> dict | None:
    ok = True
    for column in REQUIRED:
        if not row.get(column):
            report.problem("registry.bulk_required", row=number, column=column)
            ok = False
    lat, lon = _number(row.get("latitude", "")), _number(row.get("longitude", ""))
    for column, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if row.get(column) and value is None:
            report.problem("registry.bulk_number", row=number, column=column, value=row[column])
            ok = False
        elif value is not None and not -limit <= value <= limit:
            report.problem("registry.bulk_range", row=number, column=column, value=row[column])
            ok = False
    members = 0
    if row.get("members"):
        count = _number(row["members"])
        if count is None or count != int(count):
            report.problem("registry.bulk_number", row=number, column="members",
                           value=row["members"])  # fmt: skip
            ok = False
        elif not 0 <= count <= 60:
            report.problem("registry.bulk_range", row=number, column="members",
                           value=row["members"])  # fmt: skip
            ok = False
        else:
            members = int(count)
    ids = {}
    for column, known in codes.items():
        text = row.get(column, "")
        if not text:
            ids[column] = None
            continue
        # A list holds a few codes, repeated on every row: each text is folded once.
        found = known.get(text)
        if found is None and text not in known:
            found = known[text] = known.get(normalize_search(text))
        if found is None:
            report.problem("registry.bulk_unknown_value", row=number, column=column, value=text)
            ok = False
        ids[column] = found
    savings = row.get("savings_member", "").casefold()
    if not ok:
        return None
    head, house = row["head_name"][:200], row.get("house_number", "")[:60]
    return {
        "latitude": lat,
        "longitude": lon,
        "head_name": head,
        "house_number": house,
        "search_text": normalize_search(f"{head} {house}")[:400],
        "member_count": members,
        "tenure_id": ids["tenure"],
        "income_band_id": ids["income_band"],
        "house_condition_id": ids["house_condition"],
        "savings_member": True if savings in YES else False if savings in NO else None,
    }


def _place(batch: _Batch, tree: STRtree, areas: list[Area], seen: dict, report, writer) -> None:
    """Each point's community (the first whose outline holds it), checked, then written."""
    points = shapely.points(np.array(batch.lon), np.array(batch.lat))
    inside, tree_index = tree.query(points, predicate="within")
    community = np.full(len(batch.rows), -1)
    community[inside[::-1]] = tree_index[::-1]  # reversed: the first match wins
    missing = np.flatnonzero(community < 0)
    if len(missing):
        swapped = shapely.points(np.array(batch.lat)[missing], np.array(batch.lon)[missing])
        hits, _tree = tree.query(swapped, predicate="within")
        swapped_rows = set(missing[hits].tolist())
        for i in missing.tolist():
            code = "registry.bulk_swapped" if i in swapped_rows else "registry.bulk_outside"
            report.problem(code, row=batch.numbers[i])
    for i, row in enumerate(batch.rows):
        if community[i] < 0:
            continue
        area = areas[community[i]]
        # A 64-bit hash stands for the key, so the rows seen cost a few bytes each, not their
        # text; two different households sharing one would be refused with both rows named.
        key = hash((area.pk, row["search_text"]))
        first = seen.setdefault(key, batch.numbers[i])
        if first != batch.numbers[i]:
            report.problem("registry.bulk_duplicate", row=batch.numbers[i], first=first)
            continue
        report.by_community[area.pk] = report.by_community.get(area.pk, 0) + 1
        if report.ok:
            writer.add(batch.numbers[i], area, batch.lon[i], batch.lat[i], row)
    if report.ok:
        writer.flush()


class _Writer:
    """Households written as they are checked, inside the load's transaction."""

    def __init__(self, today, name: str) -> None:
        self.today = today
        self.name = name
        self.now = timezone.now()
        self.pending: list[tuple] = []
        self.written = 0

    def add(self, number: int, area: Area, lon: float, lat: float, row: dict) -> None:
        city = int(area.path.strip("/").split("/")[0])
        provenance = json.dumps({"bulk": self.name, "row": number}, ensure_ascii=False)
        self.pending.append((
            provenance, False, self.now, self.now, area.pk, city, self.today,
            row["house_number"], row["head_name"], row["search_text"], lon, lat,
            row["income_band_id"], row["house_condition_id"], row["tenure_id"],
            row["savings_member"], row["member_count"],
        ))  # fmt: skip

    def flush(self) -> None:
        if not self.pending:
            return
        if connection.vendor == "postgresql":
            table = Household._meta.db_table
            columns = ", ".join(WRITTEN)
            sql = f"COPY {table} ({columns}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for values in self.pending:
                    copy.write_row(values)
        else:
            Household.objects.bulk_create(
                [
                    Household(**dict(zip(WRITTEN, values, strict=True)) | {
                        "provenance": json.loads(values[0])})
                    for values in self.pending
                ],
                batch_size=500,
            )  # fmt: skip
        self.written += len(self.pending)
        self.pending = []
