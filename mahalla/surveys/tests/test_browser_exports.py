"""On a 360 px phone, in Persian and Thai: choose filters on the export page (a date in the
reader's calendar, an area, a review state, choice labels) and download the csv.zip."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from django.utils import timezone, translation

from mahalla.core.i18n.calendars import format_date
from mahalla.surveys.models import ReviewState
from mahalla.surveys.testing import household_data, make_parsed_submission, make_version
from mahalla.surveys.tests.export_helpers import as_dicts, read_zip
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

TENANT = {"fa": "مستأجر", "th": "ผู้เช่า"}


def _login(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR", "th-TH"])
def test_choose_filters_and_download_a_csv_zip(page, live_server, world, browser_locale, tmp_path):
    language = browser_locale[:2]
    version = make_version(world.khlong_toei)
    old = timezone.make_aware(datetime(2025, 6, 1, 12, 0))
    make_parsed_submission(
        version, area=world.lock_123, instance_id="uuid:wanted", review_state=ReviewState.APPROVED
    )
    make_parsed_submission(
        version, area=world.lock_123, instance_id="uuid:old", review_state="approved",
        created_at=old,
    )  # fmt: skip
    make_parsed_submission(version, area=world.rim_khlong, instance_id="uuid:elsewhere")
    make_parsed_submission(
        version, household_data(instance_id="uuid:received"), area=world.lock_123
    )
    with translation.override(language):
        since = format_date(date(2026, 1, 1), style="short")

    page.set_viewport_size({"width": 360, "height": 740})
    _login(page, world.khlong_toei_officer)
    page.goto(f"/surveys/forms/{version.form.pk}/export/")
    assert page.locator("html").get_attribute("lang") == language
    page.select_option("select[name=area]", str(world.lock_123.pk))
    page.check("input[name=states][value=approved]")
    page.fill("input[name=since]", since)
    page.select_option("select[name=label_language]", language)
    page.check("input[name=labels]")
    for selector in ("#export-download", "#export-background"):
        box = page.locator(selector).bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    with page.expect_download() as download_info:
        page.click("#export-download")
    download = download_info.value
    # The UTF-8 name (filename*) wins over the ASCII one in a browser that reads it.
    assert download.suggested_filename.startswith("Household survey-")
    assert download.suggested_filename.endswith(".csv.zip")
    target = tmp_path / "export.csv.zip"
    download.save_as(target)
    assert zipfile.is_zipfile(target)
    tables = read_zip(target.read_bytes())
    main = as_dicts(tables["household.csv"])
    assert [row["KEY"] for row in main] == ["uuid:wanted"]
    assert main[0]["house-tenure"] == TENANT[language]
    members = as_dicts(tables["household-members.csv"])
    assert {m["PARENT_KEY"] for m in members} == {"uuid:wanted"}
    assert page.blocked_requests == []
