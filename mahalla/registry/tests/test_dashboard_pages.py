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


def test_the_choropleth_data_drills_down_with_the_tables_figures(world, registry, login):
    client = login(world.admin)
    url = reverse("registry:dashboard_geojson", kwargs={"pk": world.bangkok.pk})
    response = client.get(url + "?registration=registered", headers={"accept-language": "th"})
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    roles = [f["properties"]["role"] for f in data["features"]]
    assert roles.count("area") == 1
    district = next(f for f in data["features"] if f.get("id") == world.khlong_toei.pk)
    props = district["properties"]
    assert props["name"] == world.khlong_toei.name_th
    # The link keeps the filters, one level down; the figures are those of the table.
    assert props["url"] == (
        reverse("registry:dashboard", kwargs={"pk": world.khlong_toei.pk})
        + "?registration=registered"
    )
    assert (props["communities"], props["households"], props["people"]) == (1, 3, 4)
    assert props["slum_share"] == 100.0 and props["no_tenure_share"] == 100.0
    # A district's children are communities: they link to their own page.
    url = reverse("registry:dashboard_geojson", kwargs={"pk": world.khlong_toei.pk})
    children = [f for f in client.get(url).json()["features"] if f.get("id")]
    lock = next(f for f in children if f["id"] == world.lock_123.pk)
    assert lock["properties"]["url"] == reverse(
        "registry:settlement_detail", kwargs={"pk": world.lock_123.pk}
    )
    assert lock["geometry"]["type"] == "Polygon"


def test_the_choropleth_data_is_scoped(world, registry, login):
    url = reverse("registry:dashboard_geojson", kwargs={"pk": world.khlong_toei.pk})
    assert login(world.pathum_wan_officer).get(url).status_code == 404
    assert login(world.no_role).get(url).status_code == 403
    assert login().get(url).status_code == 302


def test_the_dashboard_draws_charts_and_a_map_from_its_own_figures(world, registry, login):
    url = reverse("registry:dashboard", kwargs={"pk": world.bangkok.pk})
    text = login(world.admin).get(url).text
    assert 'id="dashboard-map"' in text and "js/dashboard-map" in text
    assert 'data-chart="deprivations"' in text and "vendor/echarts/echarts.min" in text
    assert 'data-value="3"' in text  # raw numbers for the charts, not localised digits
