"""Read stored submissions again from their XML (all, one form, or one campaign), as a job."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.models import Campaign, Form, SubmissionJob
from mahalla.surveys.submissions.jobs import job_start


class Command(BaseCommand):
    help = "Parse stored submissions again and place them in areas (a tracked job)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--form", help="the form's form ID (xml_form_id)")
        parser.add_argument("--campaign", type=int, help="a campaign id")
        parser.add_argument(
            "--reassign", action="store_true", help="only place located submissions again"
        )

    def handle(self, *args, **options) -> None:
        form = campaign = None
        if options["form"]:
            form = Form.objects.filter(xml_form_id=options["form"]).first()
            if form is None:
                raise CommandError(f"no form with the form ID {options['form']!r}")
        if options["campaign"]:
            campaign = Campaign.objects.filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"no campaign {options['campaign']}")
        kind = SubmissionJob.Kind.REASSIGN if options["reassign"] else SubmissionJob.Kind.REPARSE
        job = job_start(kind=kind, form=form, campaign=campaign)
        # With the database task backend the worker runs it; say where it stands.
        self.stdout.write(f"job {job.pk}: {job.status}")
        if job.result:
            self.stdout.write(render_text(job.result))
        if job.failure:
            raise CommandError(render_text(job.failure))
