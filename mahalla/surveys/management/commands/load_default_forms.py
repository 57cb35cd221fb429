"""Load (or leave as they are) the default community profile and household survey forms."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mahalla.places.models import Area
from mahalla.surveys.forms.default_forms.build import load
from mahalla.surveys.forms.services import FormError


class Command(BaseCommand):
    help = "Load the default survey forms (published) on an area; running it again changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--area", help="Code of the owning area (default: the first top-level area)."
        )
        parser.add_argument("--draft", action="store_true", help="Leave new versions as drafts.")

    def handle(self, *args, area: str | None = None, draft: bool = False, **options) -> None:
        areas = Area.objects.order_by("path")
        owner = areas.filter(code=area).first() if area else areas.filter(parent=None).first()
        if owner is None:
            raise CommandError("No such area: create the places first (or give --area CODE).")
        try:
            versions = load(area=owner, publish=not draft)
        except FormError as error:
            from mahalla.core.jobs.messages import render_text

            raise CommandError("; ".join(render_text(m) for m in error.messages)) from error
        for version in versions:
            self.stdout.write(f"{version.form.xml_form_id} {version.version}: {version.state}")
