"""An auditor reads the access log of their area: who viewed, searched or exported personal
data, filtered, paged and downloadable; no one else reads it, and no one widens to it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mahalla.core.audit import access_log_record
from mahalla.core.models import AccessLog
from mahalla.people.roles import Role
from mahalla.people.services import role_grant
from mahalla.testing import grant, make_user

pytestmark = pytest.mark.django_db
URL = reverse("people:access_log")


@pytest.fixture
def auditor(world):
    user = make_user("kt_auditor", first_name="Ratana", language="th")
    grant(user, Role.AUDITOR, area=world.khlong_toei)
    return user


@pytest.fixture
def entries(world):
    """Two views in Khlong Toei (one by the officer), a search in Pathum Wan, one in Tehran."""
    made = [
        access_log_record(user=world.khlong_toei_officer, action="view",
                          object_type="registry.household", object_id=7, area=world.lock_123,
                          rows=1),
        access_log_record(user=world.admin, action="export", object_type="registry.household",
                          area=world.khlong_toei, rows=120, detail="households.csv"),
        access_log_record(user=world.pathum_wan_officer, action="search",
                          object_type="registry.household", area=world.pathum_wan, rows=3),
        access_log_record(user=world.admin, action="view", object_type="registry.household",
                          area=world.tehran_d12, rows=1),
    ]  # fmt: skip
    return made


def test_an_auditor_reads_the_log_of_their_area_only(world, auditor, entries, login):
    response = login(auditor).get(URL)
    assert response.status_code == 200
    text = response.text
    assert world.khlong_toei_officer.username in text and "households.csv" in text
    assert world.pathum_wan_officer.username not in text
    assert text.count("<tr>") - 1 == 2  # the header row, then the two Khlong Toei entries
    assert "ครัวเรือน" in text  # the record type in the reader's language
    assert world.lock_123.name_th in text


def test_filters_by_person_action_and_days_typed_in_persian_digits(world, auditor, entries, login):
    client = login(auditor)
    assert client.get(URL, {"who": "kt_off"}).text.count("#7") == 1
    assert "households.csv" not in client.get(URL, {"action": "view"}).text
    AccessLog.objects.filter(pk=entries[0].pk).update(at=timezone.now() - timedelta(days=40))
    today = timezone.localdate()
    persian = str(today.year).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    since = f"{persian}/{today.month}/{today.day}"
    response = client.get(URL, {"since": since}, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "households.csv" in response.text and "#7" not in response.text
    bad = client.get(URL, {"since": "2026-12-01", "until": "2026-11-01"})
    assert "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น" in bad.text  # the auditor reads Thai


def test_the_log_downloads_as_csv_in_scope(world, auditor, entries, login):
    response = login(auditor).get(reverse("people:access_log_csv"), {"action": "export"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["at_utc", "username", "action"]
    assert [r[1] for r in rows[1:]] == [world.admin.username]
    assert rows[1][6] == world.khlong_toei.name_th  # the auditor reads Thai


def test_only_auditors_and_administrators_read_it(world, auditor, entries, login):
    assert login(world.khlong_toei_officer).get(URL).status_code == 403
    assert login(world.no_role).get(URL).status_code == 403
    assert login().get(URL).status_code == 302
    assert login().get(reverse("people:access_log_csv")).status_code == 302
    everything = login(world.admin).get(URL).text
    assert world.pathum_wan_officer.username in everything


def test_nobody_grants_the_auditor_role_without_reading_the_log(world):
    """Only someone who holds every right of a role may grant it (people.services): a
    district officer, who cannot read the log, cannot make anyone an auditor."""
    with pytest.raises(PermissionDenied):
        role_grant(
            granted_by=world.khlong_toei_officer, user=world.no_role, role=Role.AUDITOR,
            area=world.khlong_toei,
        )  # fmt: skip
    assert not world.no_role.role_grants.exists()


def test_the_page_costs_the_same_queries_for_ten_or_a_hundred_entries(world, auditor, login):
    client = login(auditor)

    def count() -> int:
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        return len(queries)

    for n in range(10):
        access_log_record(user=world.admin, action="view", object_type="registry.household",
                          object_id=n, area=world.lock_123, rows=1)  # fmt: skip
    few = count()
    for n in range(90):
        access_log_record(user=world.khlong_toei_officer, action="view",
                          object_type="registry.household", object_id=n, area=world.khlong_toei,
                          rows=1)  # fmt: skip
    assert count() == few
