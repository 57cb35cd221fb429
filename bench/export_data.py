"""The export benchmark's data: household submissions with members, parsed JSON already
stored, written with COPY straight into the tables the export reads (Submission and its
current SubmissionVersion), in the database made for the run."""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime, timedelta

NAMES = ["สมชาย", "มานี", "ประภา", "บุญมี", "رضا", "مریم", "علی", "زهرا", "Anan", "Niran"]
NEEDS = [[], ["elderly"], ["disability"], ["elderly", "disability"]]
TENURES = ["owner", "tenant", "none"]
STATES = ["received", "approved", "has_issues", "edited", "rejected"]


def household(rng: random.Random, instance_id: str, members: int) -> dict:
    return {
        "hh_name": f"บ้าน{rng.choice(NAMES)} {rng.randint(1, 999)}",
        "location": {
            "type": "Point",
            "coordinates": [100.55 + rng.random() / 50, 13.70 + rng.random() / 50, 2.0],
            "accuracy": round(rng.uniform(3, 20), 1),
        },
        "house": {"tenure": rng.choice(TENURES), "rooms": rng.randint(1, 6)},
        "members": [
            {
                "member_name": rng.choice(NAMES),
                "age": rng.randint(1, 90),
                "needs": rng.choice(NEEDS) or None,
            }
            for _ in range(members)
        ],
        "meta": {"instanceID": instance_id},
    }


def build(count: int, members: int = 4):
    """A household form on Khlong Toei, `count` submissions there; (form, officer)."""
    from django.db import connection, transaction

    from mahalla.surveys.testing import make_version
    from mahalla.testing import build_world

    world = build_world()
    version = make_version(world.khlong_toei)
    area = world.lock_123
    officer = world.khlong_toei_officer
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Submission.current and SubmissionVersion.submission point at each other; the
        # foreign keys are checked at commit (deferred), so both tables load in one go.
        raw = cursor.cursor
        with raw.copy(
            "COPY surveys_submission (id, form_id, instance_id, area_id, longitude, latitude,"
            " review_state, submitted_by_id, current_id, created_at, updated_at) FROM STDIN"
        ) as copy:
            for number in range(1, count + 1):
                when = start + timedelta(seconds=number * 20)
                copy.write_row(
                    (number, version.form_id, f"uuid:bench-{number:07d}", area.pk, 100.56,
                     13.71, STATES[number % len(STATES)], officer.pk, number, when, when)
                )  # fmt: skip
        with raw.copy(
            "COPY surveys_submissionversion (id, submission_id, instance_id, deprecated_id,"
            " form_version_id, xml, xml_sha256, data, parsed_at, device_id, user_agent,"
            " submitted_by_id, received_at) FROM STDIN"
        ) as copy:
            for number in range(1, count + 1):
                instance_id = f"uuid:bench-{number:07d}"
                when = start + timedelta(seconds=number * 20)
                data = json.dumps(household(rng, instance_id, members), ensure_ascii=False)
                copy.write_row(
                    (number, number, instance_id, "", version.pk, b"<data/>", "0" * 64, data,
                     when, f"collect:{number % 50}", "ODK Collect", officer.pk, when)
                )  # fmt: skip
        for table in ("surveys_submission", "surveys_submissionversion"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",  # noqa: S608
                [count],
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE surveys_submission")
        cursor.execute("VACUUM ANALYZE surveys_submissionversion")
    return version.form, officer, time.perf_counter() - started
