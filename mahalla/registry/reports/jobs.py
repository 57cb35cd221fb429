"""District reports made in the background, on the job core (mahalla/core/jobs): claimed
under a lease renewed with each step, reaped when a worker dies, and run again from the
stored area, language and filters."""

from __future__ import annotations

import logging
import tempfile
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import ACTIVE, JobStatus, job_claim, job_fail, job_heartbeat
from mahalla.core.jobs.messages import Message, message, register
from mahalla.core.uploads.jobs import enqueue as queue_job
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.places.models import Area
from mahalla.registry import selectors
from mahalla.registry.models import DistrictReport
from mahalla.registry.reports import build, fonts

logger = logging.getLogger(__name__)

register(
    {
        "registry.report_too_many_communities": _(
            "The area has %(count)s communities matching; a report takes at most %(limit)s. "
            "Choose a district, or narrow the filters."
        ),
        "registry.report_busy": _(
            "You already have %(count)s reports being made. Wait for one to finish."
        ),
        "registry.report_fonts_missing": _(
            "The report's fonts are missing on the server (%(name)s). Ask the administrator "
            "to run the set-up again."
        ),
        "registry.report_no_access": _(
            "You may no longer see this area's registry, so the report was not made."
        ),
        "registry.report_expired": _(
            "The report was deleted after %(days)s days, as the figures change. Make it again."
        ),
    }
)


class ReportRefused(Exception):
    def __init__(self, failure: Message) -> None:
        super().__init__(failure["code"])
        self.failure = failure


def max_communities() -> int:
    return int(getattr(settings, "REGISTRY_REPORT_MAX_COMMUNITIES", 2000))


def max_active() -> int:
    return int(getattr(settings, "REGISTRY_REPORT_MAX_ACTIVE", 3))


def check_busy(user: Any) -> None:
    """Each person may have a few reports waiting or running at once, not a queue of them."""
    active = DistrictReport.objects.filter(created_by=user, status__in=ACTIVE).count()
    if active >= max_active():
        raise ReportRefused(message("registry.report_busy", count=active))


def report_create(*, user: Any, area: Area, language: str, filters: dict) -> DistrictReport:
    check_busy(user)
    report = DistrictReport.objects.create(
        area=area, language=language, filters=filters, created_by=user
    )
    return enqueue(report)


def enqueue(report: DistrictReport) -> DistrictReport:
    from mahalla.registry.reports.tasks import run_report

    return queue_job(report, run_report)


def report_rerun(*, report: DistrictReport) -> DistrictReport:
    if report.status != JobStatus.FAILED:
        return report
    check_busy(report.created_by)
    return enqueue(report)


def _check(report: DistrictReport) -> int:
    user = report.created_by
    if user is None or not has_perm(user, Perm.VIEW_REGISTRY, report.area):
        raise ReportRefused(message("registry.report_no_access"))
    parsed, _shown = build.parse_filters(user, report.filters)
    count = selectors.settlement_list(user=user, within=report.area, **parsed).count()
    if count > max_communities():
        raise ReportRefused(
            message("registry.report_too_many_communities", count=count, limit=max_communities())
        )
    return count


def report_run(*, report_id: int) -> DistrictReport:
    report = DistrictReport.objects.select_related("area__level", "area__parent", "created_by")
    report = report.get(pk=report_id)
    if report.status == JobStatus.DONE:
        return report  # delivered twice
    job_claim(DistrictReport, report.pk)
    try:
        count = _check(report)
        total = build.COLLECT_STEPS + build.PDF_STEPS
        job_heartbeat(DistrictReport, report.pk, total=total, processed=0, communities=count)
        done = 0

        def progress(step: int) -> None:
            nonlocal done
            done = min(total, done + step)
            job_heartbeat(DistrictReport, report.pk, processed=done)

        data = build.collect(
            user=report.created_by,
            area=report.area,
            language=report.language,
            filters=report.filters,
            progress=progress,
        )
        html = build.report_html(data, report.created_by)
        with tempfile.TemporaryFile() as handle:
            pages = build.write_pdf(html, report.language, handle, progress)
            size = handle.tell()
            handle.seek(0)
            if report.file:
                report.file.delete(save=False)
            report.file.save(f"report-{report.area_id}-{report.language}.pdf", File(handle), False)
        DistrictReport.objects.filter(pk=report.pk).update(
            status=JobStatus.DONE,
            file=report.file.name,
            size=size,
            pages=pages,
            communities=len(data.communities),
            processed=total,
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    except ReportRefused as refused:
        job_fail(DistrictReport, report.pk, refused.failure)
    except fonts.FontMissing as missing:
        job_fail(
            DistrictReport, report.pk, message("registry.report_fonts_missing", name=str(missing))
        )
    except Exception:
        logger.exception("district report %s failed", report_id)
        job_fail(DistrictReport, report.pk, message("core.job_unexpected"))
    report.refresh_from_db()
    return report
