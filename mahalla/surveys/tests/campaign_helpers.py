"""Shared set-up of the campaign tests: a Khlong Toei campaign with targets and submissions."""

from __future__ import annotations

from datetime import date

from mahalla.surveys.models import Campaign, CampaignTarget, Form, ReviewState, Submission
from mahalla.surveys.testing import make_version


def make_campaign(world, **fields) -> Campaign:
    defaults = {
        "name_en": "Khlong Toei survey 2569",
        "name_th": "สำรวจคลองเตย ๒๕๖๙",
        "area": world.khlong_toei,
        "status": Campaign.Status.OPEN,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
    }
    return Campaign.objects.create(**{**defaults, **fields})


_counter = iter(range(1, 10**9))


def submit(campaign, area, *, state=ReviewState.RECEIVED, form=None, n: int = 1) -> None:
    """`n` submissions of `campaign` placed in `area` (None: not placed yet)."""
    if form is None:
        version = campaign.form_versions.first()
        form = version.form if version else Form.objects.filter(xml_form_id="household").first()
        form = form or make_version(campaign.area).form
    Submission.objects.bulk_create(
        [
            Submission(
                form=form,
                instance_id=f"uuid:test-{next(_counter)}",
                campaign=campaign,
                area=area,
                review_state=state,
            )
            for _ in range(n)
        ]
    )


def target(campaign, area, expected: int) -> CampaignTarget:
    return CampaignTarget.objects.create(campaign=campaign, area=area, expected=expected)
