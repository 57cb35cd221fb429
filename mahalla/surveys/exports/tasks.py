"""Background jobs of survey exports."""

from __future__ import annotations

from django_tasks import task


@task()
def run_export(job_id: int) -> dict:
    """Build an export into a stored file; safe to run again."""
    from mahalla.surveys.exports.jobs import export_job_run

    job = export_job_run(job_id=job_id)
    return {"status": job.status, "size": job.size}
