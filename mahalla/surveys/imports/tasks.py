"""The background job of survey data imports."""

from __future__ import annotations

from django_tasks import task


@task()
def run_survey_import(import_id: int) -> dict:
    """Check or write a survey data import; safe to run again."""
    from mahalla.surveys.imports.service import import_run

    job = import_run(import_id=import_id)
    return {"status": job.status, "phase": job.phase, "new": job.new_count}
