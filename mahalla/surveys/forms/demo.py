"""Demo data of survey forms, for `make run` (wired in by the demo builder)."""

from __future__ import annotations

from mahalla.surveys.forms.default_forms.build import load


def build(*, area, user=None, publish: bool = True) -> list:
    """Load the two default forms (community profile, household survey) on `area`.

    area: the places.Area that owns the forms (e.g. Bangkok or a district; who may see and
        manage them follows from it).
    user: recorded as their uploader and publisher (None: "system").
    publish: publish them (default), so ODK Collect can download them at once.

    Idempotent: run again, it leaves the published versions as they are. Returns the
    FormVersion of each form, community profile first.
    """
    return load(area=area, user=user, publish=publish)
