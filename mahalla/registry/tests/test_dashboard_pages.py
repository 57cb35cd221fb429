"""The dashboard page and its XLSX export: numbers in the reader's digits, scoped, and a
query count that does not grow with the households."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mahalla.registry.testing import household_answers, submit

pytestmark = pytest.mark.django_db


def test_the_district_dashboard_in_persian(world, registry, login):
    url = reverse("registry:dashboard", kwargs={"pk": world.khlong_toei.pk})
    text = login(world.khlong_toei_officer).get(url, headers={"accept-language": "fa"}).text
    assert 'id="dashboard-deprivations"' in text
    assert "۱۰۰٫۰٪" in text  # every test household lacks secure tenure
    assert reverse("registry:settlement_detail", kwargs={"pk": world.lock_123.pk}) in text


def test_the_city_dashboard_drills_down_to_districts(world, registry, login):
    url = reverse("registry:dashboard", kwargs={"pk": world.bangkok.pk})
    response = login(world.admin).get(url)
    assert reverse("registry:dashboard", kwargs={"pk": world.khlong_toei.pk}) in response.text


def test_the_tables_download_as_xlsx(world, registry, login):
    url = reverse("registry:dashboard_xlsx", kwargs={"pk": world.khlong_toei.pk})
    response = login(world.khlong_toei_officer).get(url, headers={"accept-language": "th"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 10
    people = next(book[name] for name in book.sheetnames if name.startswith("ครัวเรือนและ"))
    households, persons = (row[1].value for row in people.iter_rows(min_row=2, max_row=3))
    assert (households, persons) == (3, 4)


def test_dashboards_are_scoped(world, registry, login):
    url = reverse("registry:dashboard", kwargs={"pk": world.khlong_toei.pk})
    assert login(world.pathum_wan_officer).get(url).status_code == 404
    assert login(world.no_role).get(url).status_code == 403
    assert login().get(url).status_code == 302


def test_the_query_count_does_not_grow_with_households(world, registry, versions, approve, login):
    client = login(world.khlong_toei_officer)
    url = reverse("registry:dashboard", kwargs={"pk": world.khlong_toei.pk})

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    before = count()
    for index in range(4):
        approve(submit(versions[1], household_answers(head_name=f"บ้าน {index}")))
    assert count() == before <= 30
