"""Households served to a follow-up survey: `households.csv`, the media file a form's
`select_one_from_file households.csv` reads, so a surveyor picks the household to update
instead of making a duplicate.

The list holds the households of the caller's campaign areas (the campaigns of this form
version the person, or the phone's app user, works on), within the form's own area. It is
personal data: each download is written to the access log with its row count.
"""

from __future__ import annotations

import csv
import io
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.db.models import Q

from mahalla.core.audit import access_log_record
from mahalla.core.db import Bytewise
from mahalla.core.models import AccessLog
from mahalla.registry.models import Household
from mahalla.surveys.forms import media_datasets

FILE_NAME = "households.csv"
KEY = "registry.households"
COLUMNS = ["name", "label", "community", "house_number", "members"]
PREFIX = "hh"  # a choice name must not start with a digit in every ODK client


def choice_name(household_id: int) -> str:
    return f"{PREFIX}{household_id}"


def household_id(choice: str) -> int | None:
    text = str(choice or "").strip()
    if not text.startswith(PREFIX) or not text[len(PREFIX) :].isdigit():
        return None
    return int(text[len(PREFIX) :])


def _campaign_paths(version: Any, user: Any, app_user: Any) -> list[str]:
    if app_user is not None:
        campaign = app_user.campaign
        listed = campaign.form_versions.filter(pk=version.pk).exists()
        return [campaign.area.path] if listed and campaign.area_id else []
    if user is None or not user.is_authenticated:
        return []
    from mahalla.surveys.teams import campaigns_for

    campaigns = campaigns_for(user, version).select_related("area")
    return [c.area.path for c in campaigns if c.area_id]


def households_csv(version: Any, user: Any, app_user: Any, download: bool) -> bytes:
    paths = _campaign_paths(version, user, app_user)
    households = Household.objects.none()
    if paths:
        households = Household.objects.filter(
            reduce(or_, (Q(area__path__startswith=p) for p in paths)),
            is_deleted=False,
            merged_into__isnull=True,
        )
        if version.form.area_id:
            households = households.filter(area__path__startswith=version.form.area.path)
    limit = getattr(settings, "REGISTRY_MEDIA_MAX_ROWS", 20_000)
    rows = households.order_by(Bytewise("area__path"), "head_name", "pk").values_list(
        "pk", "head_name", "house_number", "area__name_en", "area__name_th", "area__name_fa",
        "member_count",
    )[:limit]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for pk, head, number, name_en, name_th, name_fa, members in rows.iterator(chunk_size=2000):
        community = name_th or name_fa or name_en
        label = f"{head} · {number}" if number else (head or choice_name(pk))
        writer.writerow([choice_name(pk), label, community, number, members])
        count += 1
    if download:
        access_log_record(
            user=user if app_user is None else None,
            action=AccessLog.Action.EXPORT,
            object_type="registry.household",
            detail=f"{FILE_NAME} · {version.form.xml_form_id}"
            + (f" · {app_user.display_name}" if app_user is not None else ""),
            rows=count,
        )
    return out.getvalue().encode("utf-8")


def register() -> None:
    media_datasets.register_dataset(KEY, FILE_NAME, households_csv)
