"""Parsing 100,000 stored household submissions (4 members each) with the re-runnable step.

Builds, in a throwaway database (a temporary SQLite file by default; PostgreSQL with
`--postgres`, or when `BENCH_DATABASE_URL`/`DATABASE_URL` names one), a household form
(pyxform, with a group, a repeat of members and selects), 100 community polygons in a
district, and `BENCH_SUBMISSIONS` (default 100,000) submissions stored raw with
`bulk_create`, each with 4 members and a point in one of the communities. It then measures:

- the re-runnable step over all of them (`processing.reparse`: batches of 500 read from
  the database, parsed to the JSON contract, written back with `bulk_update`, every point
  placed in its smallest area through one spatial index, each batch in its transaction),
  in submissions per second;
- the baseline: the bare XML library (the standard library's expat-based ElementTree,
  which defusedxml wraps; lxml is not among our packages) parsing the same bytes, already
  in memory, to plain dicts — the least the step could cost. The ratio is printed.

Runs in a child process, so that its Django set-up never meets another benchmark's.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from child import child_main, run_child  # noqa: E402
from common import Result  # noqa: E402

COUNT = int(os.environ.get("BENCH_SUBMISSIONS", "100000"))
BUILD_BATCH = 2000


def _django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "mahalla.test_settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _build() -> tuple[list[bytes], float]:
    import hashlib
    import random

    from shapely.geometry import box

    from mahalla.places.services import area_create, area_level_get_or_create
    from mahalla.surveys.models import Submission, SubmissionVersion
    from mahalla.surveys.testing import household_xml, make_version

    start = time.perf_counter()
    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    district = area_level_get_or_create(code="district", rank=30, name_en="District")
    community = area_level_get_or_create(
        code="community", rank=50, name_en="Community", is_community=True
    )
    city = area_create(level=province, name_en="City", geometry=box(100.0, 13.0, 101.0, 14.0))
    parent = area_create(
        level=district, parent=city, name_en="District", geometry=box(100.5, 13.5, 100.6, 13.6)
    )
    cells = []
    for i in range(10):
        for j in range(10):
            x, y = 100.5 + i * 0.01, 13.5 + j * 0.01
            cells.append((x, y))
            area_create(
                level=community,
                parent=parent,
                name_en=f"Community {i}-{j}",
                geometry=box(x, y, x + 0.01, y + 0.01),
            )
    version = make_version(city)
    rng = random.Random(7)
    names = ["สมชาย", "มานี", "ปิติ", "ชูใจ", "زهرا", "علی", "مریم", "رضا"]
    needs = ["", "elderly", "disability", "elderly disability"]
    xmls: list[bytes] = []
    for start_at in range(0, COUNT, BUILD_BATCH):
        size = min(BUILD_BATCH, COUNT - start_at)
        subs, rows = [], []
        for k in range(size):
            x, y = rng.choice(cells)
            instance = f"uuid:bench-{start_at + k}"
            members = [(rng.choice(names), rng.randint(1, 90), rng.choice(needs)) for _ in range(4)]
            xml = household_xml(
                version,
                instance_id=instance,
                location=(x + rng.random() * 0.01, y + rng.random() * 0.01),
                members=members,
                tenure=rng.choice(["owner", "tenant", "none"]),
            )
            xmls.append(xml)
            subs.append(Submission(form=version.form, instance_id=instance))
            rows.append((instance, xml))
        Submission.objects.bulk_create(subs)
        SubmissionVersion.objects.bulk_create(
            SubmissionVersion(
                submission=sub,
                instance_id=instance,
                form_version=version,
                xml=xml,
                xml_sha256=hashlib.sha256(xml).hexdigest(),
            )
            for sub, (instance, xml) in zip(subs, rows, strict=True)
        )
    return xmls, time.perf_counter() - start


def _bare(xmls: list[bytes]) -> float:
    from xml.etree.ElementTree import fromstring

    def to_dict(element):
        children = list(element)
        if not children:
            return element.text
        out: dict = {}
        for child in children:
            value = to_dict(child)
            if child.tag in out:
                previous = out[child.tag]
                out[child.tag] = (
                    [*previous, value] if isinstance(previous, list) else [previous, value]
                )
            else:
                out[child.tag] = value
        return out

    start = time.perf_counter()
    for xml in xmls:
        to_dict(fromstring(xml))  # noqa: S314 - the baseline: our own trusted bytes
    return time.perf_counter() - start


def _measure(label: str) -> dict:
    from mahalla.surveys.models import Submission, SubmissionVersion
    from mahalla.surveys.submissions import processing

    xmls, built = _build()
    print(f"   built {COUNT:,} stored submissions in {built:.1f} s", flush=True)
    bare = _bare(xmls)
    start = time.perf_counter()
    counts = processing.reparse()
    step = time.perf_counter() - start
    placed = Submission.objects.filter(area__isnull=False).count()
    assert counts["parsed"] == COUNT, counts
    assert placed == COUNT, placed
    sample = SubmissionVersion.objects.order_by("pk").first().data
    assert len(sample["members"]) == 4 and isinstance(sample["members"][0]["age"], int)
    return {"database": label, "count": COUNT, "step": step, "bare": bare, "built": built}


def run(argv: list[str] | None = None) -> list[Result]:
    argv = sys.argv[1:] if argv is None else argv
    figures = run_child(__file__, argv)
    if "skipped" in figures:
        print(f"!!! SKIPPING the parse benchmark: {figures['skipped']}")
        return []
    count = figures["count"]
    print(
        f"   {figures['database']}: the step read {count / figures['step']:,.0f} submissions/s; "
        f"the bare library parsed {count / figures['bare']:,.0f} submissions/s"
    )
    return [
        Result(
            f"parse {count:,} stored household submissions (4 members each) on "
            f"{figures['database']}: re-runnable step, read + parse + write + place",
            figures["step"],
            figures["bare"],
            target=None,
            note=f"{count / figures['step']:,.0f} submissions/s; baseline: stdlib ElementTree "
            "(expat) parsing the same bytes in memory to plain dicts, "
            f"{count / figures['bare']:,.0f} submissions/s",
        )
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(sys.argv[2:], _django, _measure)
    else:
        for item in run():
            print(item.line())
