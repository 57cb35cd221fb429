"""`manage.py load_households FILE --area ID --user USERNAME [--language th|fa|en]`: load a
large household list (CSV) into an area's communities, or report why not (nothing written)."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from mahalla.core.jobs.messages import message, render_text
from mahalla.people.models import User
from mahalla.places.models import Area
from mahalla.registry.ingest.bulk import households_bulk_load


class Command(BaseCommand):
    help = "Load a household list (CSV: head_name, latitude, longitude, …) into an area."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--area", type=int, required=True, help="The area's id.")
        parser.add_argument("--user", required=True, help="Who loads it (their scope applies).")
        parser.add_argument("--language", default="", help="Language of the report.")

    def handle(self, *args: Any, file: Path, area: int, user: str, language: str, **options):
        person = User.objects.filter(username=user).first()
        place = Area.objects.filter(pk=area).first()
        if person is None or place is None:
            raise CommandError(_("No such user or area."))
        with translation.override(language or person.language or "en"):
            started = time.monotonic()
            with file.open("rb") as handle:
                report = households_bulk_load(handle, user=person, within=place, name=file.name)
            for problem in report.problems:
                self.stderr.write(html.unescape(render_text(problem)))
            if report.more_problems:
                text = render_text(
                    message("registry.bulk_more_problems", count=report.more_problems)
                )
                self.stderr.write(html.unescape(text))
            if not report.ok:
                raise CommandError(_("Nothing was written."))
            self.stdout.write(
                _("%(created)s households written from %(rows)s rows in %(seconds).1f s.")
                % {"created": report.created, "rows": report.rows,
                   "seconds": time.monotonic() - started}
            )  # fmt: skip
