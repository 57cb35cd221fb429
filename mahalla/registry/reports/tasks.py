"""Background job of the district report."""

from __future__ import annotations

from django_tasks import task


@task()
def run_report(report_id: int) -> dict:
    """Make a district report's PDF; safe to run again."""
    from mahalla.registry.reports.jobs import report_run

    report = report_run(report_id=report_id)
    return {"status": report.status, "size": report.size}
