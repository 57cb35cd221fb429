"""Background jobs over many submissions."""

from __future__ import annotations

from django_tasks import task


@task()
def run_submission_job(job_id: int) -> dict:
    """Re-read or re-place submissions; safe to run again."""
    from mahalla.surveys.submissions.jobs import job_run

    job = job_run(job_id=job_id)
    return {"status": job.status, "processed": job.processed}


@task()
def process_submission_version(version_id: int) -> None:
    """Parse one stored submission version and place it (the intake queues this after its
    commit, so ODK Collect's answer does not wait for parsing); safe to run again."""
    from mahalla.surveys.submissions import processing

    processing.process_version(version_id)
