"""A system check: the web-form island must have been built (it is not in the repository)."""

from __future__ import annotations

from django.core import checks

from mahalla.surveys.webforms import island


@checks.register(checks.Tags.staticfiles)
def island_built(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    missing = island.missing_files()
    if not missing:
        return []
    return [
        checks.Warning(
            f"The web-form island is not built: {', '.join(missing)} missing from static/.",
            hint=island.BUILD_HINT.capitalize() + "; the web-form pages fail until then.",
            id="surveys.W001",
        )
    ]
