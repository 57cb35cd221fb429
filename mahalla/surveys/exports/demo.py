"""Demo data for exports: a household form with parsed submissions and one finished export.

`build(area, *, user, submissions=30, form_id="household")` makes (or reuses) the form
`form_id` owned by `area` (the test helpers' three-language household form), adds
`submissions` parsed submissions with 1–4 members each spread over the areas beneath `area`
(points near each area's centre), and one finished CSV-zip export asked by `user`, so the
export page and the export list have something to show. Returns (form, export job).
Safe to call again: nothing is added twice.
"""

from __future__ import annotations

import random
from typing import Any

from mahalla.places.models import Area
from mahalla.surveys.models import ExportJob, Form, FormVersion, ReviewState

NAMES = ["สมชาย", "มานี", "ประภา", "บุญมี", "رضا", "مریم", "علی", "زهرا", "Anan", "Niran"]
NEEDS = [[], ["elderly"], ["disability"], ["elderly", "disability"]]
TENURES = ["owner", "tenant", "none"]
STATES = [ReviewState.RECEIVED, ReviewState.APPROVED, ReviewState.HAS_ISSUES]


def build(
    area: Area, *, user: Any, submissions: int = 30, form_id: str = "household"
) -> tuple[Form, ExportJob]:
    from mahalla.surveys.exports.jobs import export_job_run
    from mahalla.surveys.testing import household_data, make_parsed_submission, make_version

    version = FormVersion.objects.filter(form__xml_form_id=form_id).order_by("-created_at").first()
    if version is None:
        version = make_version(area, form_id=form_id, user=user)
    form = version.form
    places = list(Area.objects.filter(path__startswith=area.path).order_by("path")[:50]) or [area]
    rng = random.Random(form_id)
    for number in range(form.submissions.count(), submissions):
        place = places[number % len(places)]
        lon = (place.centroid_x or 100.56) + rng.uniform(-0.002, 0.002)
        lat = (place.centroid_y or 13.71) + rng.uniform(-0.002, 0.002)
        members = [
            (rng.choice(NAMES), rng.randint(1, 90), rng.choice(NEEDS))
            for _ in range(rng.randint(1, 4))
        ]
        instance_id = f"uuid:demo-{form_id}-{number:05d}"
        data = household_data(
            instance_id=instance_id,
            name=f"{rng.choice(NAMES)} {number + 1}",
            location=(lon, lat),
            members=members,
            tenure=rng.choice(TENURES),
        )
        make_parsed_submission(
            version,
            data,
            area=place,
            review_state=rng.choice(STATES),
            user=user,
            instance_id=instance_id,
        )
    job = ExportJob.objects.filter(form=form, created_by=user, status="done").first()
    if job is None:
        job = ExportJob.objects.create(form=form, format="csvzip", options={}, created_by=user)
        job = export_job_run(job_id=job.pk)
    return form, job


def smoke_objects(username: str = "admin") -> dict[str, int]:
    """The form and finished export the smoke test's pages point at (built if missing)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    job = ExportJob.objects.filter(created_by=user, status="done").order_by("pk").first()
    if job is None:
        form = Form.objects.order_by("pk").first()
        area = form.area if form else Area.objects.filter(depth=0).order_by("pk").first()
        _form, job = build(area, user=user, submissions=5)
    return {"form": job.form_id, "job": job.pk}
