"""Background jobs over many submissions."""

from __future__ import annotations

from django_tasks import task


@task()
def run_submission_job(job_id: int) -> dict:
    """Re-read or re-place submissions; safe to run again."""
    from mahalla.surveys.submissions.jobs import job_run

    job = job_run(job_id=job_id)
    return {"status": job.status, "processed": job.processed}
