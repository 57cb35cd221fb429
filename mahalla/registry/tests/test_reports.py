"""The district report: made as a job from the dashboard, in the reader's language, with
the shipped fonts embedded; scoped to its maker; limited; and safe to run again."""

from __future__ import annotations

import os
import re
import zlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus
from mahalla.registry.models import DistrictReport, Value
from mahalla.registry.reports import build, fonts
from mahalla.registry.reports.map_svg import Feature, district_map

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> bytes:
    """The PDF's bytes with its compressed streams inflated (fonts' names sit in them)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def _make(client, area, language="th", **filters):
    url = reverse("registry:report_new", kwargs={"pk": area.pk})
    response = client.post(url, {"language": language, **filters})
    assert response.status_code == 302, response
    return DistrictReport.objects.latest("pk"), response


@pytest.mark.parametrize(
    ("language", "font", "title"),
    [
        ("th", b"Sarabun-Thai", "รายงาน"),
        ("fa", b"Vazirmatn-Arabic", "گزارش"),
        ("en", b"Sarabun-Latin", "report"),
    ],
)
def test_a_report_is_made_from_the_dashboard(world, registry, login, language, font, title):
    client = login(world.khlong_toei_officer)
    report, response = _make(client, world.khlong_toei, language)
    assert response["Location"] == reverse("registry:report_detail", kwargs={"pk": report.pk})
    assert report.status == JobStatus.DONE and report.percent == 100
    assert report.communities >= 1 and report.pages >= 2
    page = client.get(response["Location"], headers={"accept-language": language}).text
    assert 'id="report-file"' in page
    download = client.get(reverse("registry:report_file", kwargs={"pk": report.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF-") and len(body) == report.size
    assert font in _pdf_text(body)  # the shipped font is embedded, not the server's
    # The report's title is in its language (also in the PDF's metadata).
    html = build.report_html(
        build.collect(user=world.khlong_toei_officer, area=world.khlong_toei, language=language,
                      filters={}),
        world.khlong_toei_officer,
    )  # fmt: skip
    assert title in html.split("<title>")[1].split("</title>")[0]


def test_the_persian_report_reads_right_to_left_with_persian_digits(world, registry):
    data = build.collect(
        user=world.khlong_toei_officer, area=world.khlong_toei, language="fa", filters={}
    )
    html = build.report_html(data, world.khlong_toei_officer)
    assert '<html lang="fa" dir="rtl">' in html
    assert "counter(page, persian)" in html
    households = re.search(r"خانوارها</dt><dd>([^<]+)<", html).group(1)
    assert households == "۳"  # the three households of the fixture, in Persian digits
    assert "به وقت تهران" in html  # the time, in the Persian reader's zone
    assert world.lock_123.name_fa in html or world.lock_123.name_en in html
    assert "<svg" in html and "<path" in html  # the map, drawn without a base map


def test_filters_narrow_the_report_and_are_printed(world, registry, login):
    unfiltered = build.collect(user=world.admin, area=world.bangkok, language="en", filters={})
    assert {row["area"].pk for row in unfiltered.communities} >= {
        world.lock_123.pk,
        world.rim_khlong.pk,
    }
    none = Value.objects.get(list="tenure_situation", code="none")
    client = login(world.admin)
    report, _response = _make(client, world.bangkok, "en", tenure_situation=str(none.pk))
    assert report.filters == {"tenure_situation": str(none.pk)}
    assert report.status == JobStatus.DONE
    data = build.collect(
        user=world.admin, area=world.bangkok, language="en", filters=report.filters
    )
    names = [row["area"].pk for row in data.communities]
    assert names == [world.lock_123.pk]
    html = build.report_html(data, world.admin)
    assert "Tenure situation: No documented right" in html


def test_reports_are_scoped_and_private(world, registry, login):
    officer = login(world.khlong_toei_officer)
    report, _response = _make(officer, world.khlong_toei)
    detail = reverse("registry:report_detail", kwargs={"pk": report.pk})
    file = reverse("registry:report_file", kwargs={"pk": report.pk})
    new = reverse("registry:report_new", kwargs={"pk": world.khlong_toei.pk})
    # Someone else, even an admin, does not see another person's report.
    assert login(world.admin).get(detail).status_code == 404
    assert login(world.admin).get(file).status_code == 404
    # Out of scope: no report of an area one may not see, no widening by posting its id.
    assert login(world.pathum_wan_officer).post(new, {"language": "th"}).status_code == 404
    assert login(world.no_role).post(new, {"language": "th"}).status_code == 403
    assert login(world.no_role).get(reverse("registry:report_list")).status_code == 403
    # Anonymous: to the sign-in page.
    for url in (detail, file, reverse("registry:report_list")):
        assert login().get(url).status_code == 302
    assert login().post(new, {"language": "th"}).status_code == 302
    assert DistrictReport.objects.count() == 1
    # A GET does not make a report.
    assert officer.get(new).status_code == 405


def test_a_language_not_offered_is_refused(world, registry, login):
    client = login(world.khlong_toei_officer)
    url = reverse("registry:report_new", kwargs={"pk": world.khlong_toei.pk})
    response = client.post(url, {"language": "de"}, follow=True, headers={"accept-language": "th"})
    assert DistrictReport.objects.count() == 0
    assert "เลือกภาษา" in response.text


def test_too_many_communities_fails_with_a_message_in_the_readers_language(
    world, registry, login, settings
):
    settings.REGISTRY_REPORT_MAX_COMMUNITIES = 0
    client = login(world.khlong_toei_officer)
    report, response = _make(client, world.khlong_toei)
    assert report.status == JobStatus.FAILED and not report.file
    page = client.get(response["Location"], headers={"accept-language": "fa"}).text
    assert "حداکثر" in page and "۰" in page
    assert (
        "report_rerun" not in page
        and reverse("registry:report_rerun", kwargs={"pk": report.pk}) in page
    )


def test_a_person_has_few_reports_at_once(world, registry, login, settings):
    settings.REGISTRY_REPORT_MAX_ACTIVE = 1
    DistrictReport.objects.create(
        area=world.khlong_toei, language="th", created_by=world.khlong_toei_officer,
        status=JobStatus.PENDING,
    )  # fmt: skip
    client = login(world.khlong_toei_officer)
    url = reverse("registry:report_new", kwargs={"pk": world.khlong_toei.pk})
    response = client.post(url, {"language": "th"}, follow=True, headers={"accept-language": "en"})
    assert DistrictReport.objects.count() == 1
    assert "You already have 1 reports being made" in response.text


def test_a_report_whose_worker_died_is_failed_then_made_again(world, registry, login):
    report = DistrictReport.objects.create(
        area=world.khlong_toei, language="th", created_by=world.khlong_toei_officer,
        status=JobStatus.RUNNING, lease_expires_at=timezone.now() - timedelta(seconds=1),
        total=10, processed=4,
    )  # fmt: skip
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("registry:report_detail", kwargs={"pk": report.pk})).text
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED
    assert reverse("registry:report_rerun", kwargs={"pk": report.pk}) in page
    client.post(reverse("registry:report_rerun", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    assert report.status == JobStatus.DONE and report.file and report.attempts == 1
    # Delivered twice: the finished report is not made again.
    from mahalla.registry.reports.jobs import report_run

    name = report.file.name
    assert report_run(report_id=report.pk).file.name == name


def test_a_report_of_someone_who_lost_the_area_is_not_made(world, registry):
    from mahalla.registry.reports.jobs import report_run

    report = DistrictReport.objects.create(
        area=world.khlong_toei, language="en", created_by=world.pathum_wan_officer
    )
    report = report_run(report_id=report.pk)
    assert report.status == JobStatus.FAILED
    assert "no longer see" in report.failure_text


def test_the_pdf_opens_only_the_report_fonts():
    fetcher = fonts.url_fetcher()
    for url in ("file:///etc/hostname", "http://127.0.0.1:9/", "https://example.org/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    allowed = sorted(fonts.allowed_urls())[0]
    assert fetcher.fetch(allowed).status in (None, 200)


def test_an_image_in_a_name_does_not_reach_the_server(world, registry, tmp_path):
    """A community named with markup is escaped; the fetcher would refuse it anyway."""
    world.lock_123.name_en = '<img src="file:///etc/passwd">'
    world.lock_123.save()
    data = build.collect(user=world.admin, area=world.khlong_toei, language="en", filters={})
    html = build.report_html(data, world.admin)
    assert '<img src="file:///etc/passwd">' not in html
    with (tmp_path / "r.pdf").open("wb") as handle:
        assert build.write_pdf(html, "en", handle) >= 1


def test_the_map_draws_outlines_and_points():
    square = {
        "type": "Polygon",
        "coordinates": [[[100, 13], [101, 13], [101, 14], [100, 14], [100, 13]]],
    }
    point = {"type": "Point", "coordinates": [100.5, 13.5]}
    svg = district_map(square, [Feature(1, square, "none"), Feature(2, point, ""),
                                Feature(3, {"type": "Point", "coordinates": ["x"]}, "")],
                       digits=lambda n: f"<{n}>")  # fmt: skip
    assert svg.count("<path") == 2 and svg.count("<circle") == 1
    assert "#d55e00" in svg and "<1>" in svg and "<3>" not in svg
    assert district_map(None, []) == ""


def test_the_report_lists_a_community_without_a_profile(world, registry):
    data = build.collect(user=world.admin, area=world.khlong_toei, language="th", filters={})
    rows = {row["area"].pk: row for row in data.communities}
    assert rows[world.lock_123.pk]["profile"] is not None
    assert rows[world.lock_123.pk]["households"] == 3
    assert rows[world.rim_khlong.pk]["profile"] is None
    assert rows[world.rim_khlong.pk]["households"] == 0
    html = build.report_html(data, world.admin)
    assert world.rim_khlong.name_th in html


def test_the_map_leaves_out_numbers_that_would_cover_others():
    square = {"type": "Polygon", "coordinates": [[[100, 13], [100.001, 13], [100.001, 13.001],
                                                  [100, 13.001], [100, 13]]]}  # fmt: skip
    far = {"type": "Point", "coordinates": [101, 14]}
    svg = district_map(None, [Feature(1, square, ""), Feature(2, square, ""), Feature(3, far, "")])
    assert svg.count("<text") == 2 and ">1</text>" in svg and ">3</text>" in svg


def test_the_breakdown_is_by_district_for_a_city_and_left_to_the_list_for_a_district(
    world, registry
):
    city = build.collect(user=world.admin, area=world.bangkok, language="en", filters={})
    assert [c["area"].pk for c in city.children] == [world.khlong_toei.pk]
    district = build.collect(user=world.admin, area=world.khlong_toei, language="en", filters={})
    assert district.children == [] and district.communities


def test_old_pdfs_are_deleted_and_the_report_can_be_made_again(world, registry, login):
    from mahalla.core.jobs.leases import reap_abandoned

    client = login(world.khlong_toei_officer)
    report, _response = _make(client, world.khlong_toei)
    path = report.file.path
    DistrictReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    reap_abandoned()  # what the worker does when it starts
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED and not report.file
    assert not os.path.exists(path)
    page = client.get(
        reverse("registry:report_detail", kwargs={"pk": report.pk}),
        headers={"accept-language": "en"},
    ).text
    assert "deleted after 30 days" in page
    assert reverse("registry:report_rerun", kwargs={"pk": report.pk}) in page


def test_the_report_list_costs_the_same_queries_for_three_or_thirty(world, registry, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.khlong_toei_officer)
    url = reverse("registry:report_list")

    def add(n):
        for _ in range(n):
            DistrictReport.objects.create(
                area=world.khlong_toei, language="th", created_by=world.khlong_toei_officer,
                status=JobStatus.DONE,
            )  # fmt: skip

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    add(3)
    few = count()
    add(27)
    assert count() == few
    assert client.get(url).text.count("/file/") == 25  # a page of 25, each downloadable
