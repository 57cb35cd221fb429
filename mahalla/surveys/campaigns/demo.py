"""Demo campaigns with targets, for `make run`'s demo data (wired in by mahalla/demo).

`build(area, versions, user)` makes one realistic campaign on `area`:
- a Thai area (it has a Thai name; e.g. Bangkok, or the Khlong Toei district): "Khlong Toei
  city-wide survey 2569" style, open for the Buddhist year 2569 (2026), with the expected
  households of every community beneath it;
- any other area (e.g. Tehran or its District 12): a neighbourhood survey for the Solar Hijri
  year 1405 (21 March 2026 – 20 March 2027) with the expected households of every
  neighbourhood (or, when it has none, community) beneath it.
Expected counts are stable demonstration figures (derived from each area's id), not data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from mahalla.places.models import Area
from mahalla.surveys.campaigns.services import campaign_save, targets_set
from mahalla.surveys.models import Campaign, FormVersion

MAX_TARGETS = 500


def _households(area: Area) -> int:
    """A plausible household count for a community or neighbourhood (40–400)."""
    digest = hashlib.sha256(f"{area.pk}:{area.code}".encode()).digest()
    return 40 + int.from_bytes(digest[:2], "big") % 361


def _target_areas(area: Area, level_code: str | None) -> list[Area]:
    beneath = Area.objects.filter(path__startswith=area.path).exclude(pk=area.pk)
    if level_code is not None:
        chosen = beneath.filter(level__code=level_code)
        if chosen.exists():
            return list(chosen.order_by("path")[:MAX_TARGETS])
    return list(beneath.filter(level__is_community=True).order_by("path")[:MAX_TARGETS])


def build(area: Area, versions: Iterable[FormVersion], user=None) -> Campaign:
    """One open campaign on `area` using `versions` (published form versions), created by
    `user` (None: the system), with a target for each community or neighbourhood beneath.

    Run again on the same area, it finds the campaign it made (by its English name) and
    brings its targets up to date instead of making a second one.
    """
    thai = bool(area.name_th)
    if thai:
        names = {
            "name_en": f"{area.name_en or area.name_th} city-wide survey 2569",
            "name_th": f"สำรวจข้อมูลชุมชนทั้งเมือง{area.name_th} ปี 2569",
            "name_fa": "",
        }
        period = (date(2026, 1, 1), date(2026, 12, 31))
        level_code = None
    else:
        names = {
            "name_en": f"{area.name_en or area.name_fa} neighbourhood survey 1405",
            "name_th": "",
            "name_fa": f"پیمایش محله‌های {area.name_fa or area.name_en} در سال ۱۴۰۵",
        }
        period = (date(2026, 3, 21), date(2027, 3, 20))
        level_code = "neighbourhood"
    campaign = Campaign.objects.filter(area=area, name_en=names["name_en"]).first()
    if campaign is None:
        campaign = Campaign(area=area, **names)
    campaign.status = Campaign.Status.OPEN
    campaign.starts_on, campaign.ends_on = period
    published = [v for v in versions if v.state == FormVersion.State.PUBLISHED]
    campaign_save(campaign=campaign, by=user, form_versions=published, reason="demo")
    expected = {a.pk: _households(a) for a in _target_areas(area, level_code)}
    targets_set(campaign=campaign, expected=expected, by=user, reason="demo")
    return campaign
