"""`manage.py demo_data [--reset] [--force] [--households N]`: build the demo and print its
logins."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils.translation import gettext as _

from mahalla.demo.personas import PASSWORD
from mahalla.demo.services import DemoResetBlocked, demo_data_build, demo_data_reset
from mahalla.places.models import Area


class Command(BaseCommand):
    help = "Build demo places, organisations and one login per role (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo's users, organisations and places first, then rebuild.",
        )
        parser.add_argument(
            "--households",
            type=int,
            default=int(os.environ.get("DEMO_HOUSEHOLDS", "2000")),
            help="Household surveys to generate and approve (default 2000, or $DEMO_HOUSEHOLDS; "
            "a larger number adds the difference, for benchmark sizes).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo logins share a published password.",
        )

    def handle(
        self,
        *args: Any,
        reset: bool = False,
        force: bool = False,
        households: int = 2000,
        **options: Any,
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off, so this looks like a production database. The demo creates "
                    "logins with a published password; use --force if you really mean it."
                )
            )
        started = time.monotonic()
        if reset:
            try:
                removed = demo_data_reset()
            except DemoResetBlocked as exc:
                raise CommandError(
                    _("Cannot remove the demo: other records still refer to it (%(detail)s).")
                    % {"detail": exc}
                ) from exc
            self.stdout.write(
                _("Removed: %(counts)s")
                % {"counts": ", ".join(f"{k} {v}" for k, v in removed.items())}
            )
        if households < 0:
            raise CommandError(_("--households must be 0 or more."))
        result = demo_data_build(households=households)
        stats = result.builder.stats
        self.stdout.write(
            _("Demo data ready in %(seconds).1f s (%(changes)s).")
            % {
                "seconds": time.monotonic() - started,
                "changes": ", ".join(f"{k} {v}" for k, v in sorted(stats.items()))
                or _("nothing to change"),
            }
        )
        self._levels()
        self._logins(result.logins)

    def _levels(self) -> None:
        rows = (
            Area.objects.values("level__rank", "level__name_en")
            .annotate(n=Count("id"))
            .order_by("level__rank")
        )
        self.stdout.write(_("Areas by level:"))
        for row in rows:
            self.stdout.write(f"  {row['level__name_en']:<15} {row['n']:>4}")

    def _logins(self, logins: list) -> None:
        table = [(_("login"), _("role"), _("scope"), _("language"))]
        for persona, grants in logins:
            scope = "; ".join(_scope_label(grant) for grant in grants)
            role = str(grants[0].get_role_display()) if grants else persona.role
            if persona.superuser:
                role += " + " + _("superuser")
            table.append((persona.username, role, scope, persona.language))
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password for all: %(password)s)") % {"password": PASSWORD}
        )
        for n, row in enumerate(table):
            cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
            self.stdout.write("  " + "  ".join(cells))
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in [*widths, 8]))


def _scope_label(grant: Any) -> str:
    target = grant.area or grant.organisation
    if grant.area is not None:
        return f"{target.name_en or target.name} ({grant.area.level.name_en.lower()})"
    kind = _("organisation")  # outside the f-string: xgettext does not look inside
    return f"{target.name_en or target.name} ({kind})"
