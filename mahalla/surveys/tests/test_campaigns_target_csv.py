"""Targets from CSV: the three encodings, native digits, every bad row named, nothing written
while any row is bad, a preview before anything is written."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mahalla.places.services import area_create
from mahalla.surveys.campaigns.target_csv import read_targets
from mahalla.surveys.models import CampaignTarget
from mahalla.surveys.tests.campaign_helpers import make_campaign, target


def _post(client, campaign, raw: bytes, name: str = "targets.csv"):
    url = reverse("surveys:campaign_targets_import", kwargs={"pk": campaign.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, raw, content_type="text/csv")})


def _confirm(client, campaign, response):
    plan = re.search(r'name="plan" value="([^"]+)"', response.content.decode()).group(1)
    url = reverse("surveys:campaign_targets_confirm", kwargs={"pk": campaign.pk})
    return client.post(url, {"plan": plan})


def _targets(campaign) -> dict[str, int]:
    return {
        t.area.name_th or t.area.name_en: t.expected
        for t in CampaignTarget.objects.filter(campaign=campaign).select_related("area")
    }


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("\ufeffรหัส,จำนวน\nKT-01,๑๒๐\n".encode(), "utf-8-sig"),
        ("ชื่อ,จำนวน\nริมคลองพระโขนง,45\nล็อค 1-2-3,๑๒๐\n".encode("cp874"), "cp874"),
        (b"code;expected\nKT-01;120\n", "utf-8"),
    ],
)
def test_thai_files_in_each_encoding(world, raw, encoding):
    campaign = make_campaign(world)
    result = read_targets(raw, root=campaign.area)
    assert result.ok, result.errors
    assert result.encoding == encoding
    assert {r.area.code or r.area.name_th: r.expected for r in result.rows}["KT-01"] == 120


def test_a_persian_file_in_windows_1256(world):
    mahalleh = area_create(
        level=world.neighbourhood, parent=world.tehran_d12, name_fa="محله امامزاده یحیی"
    )
    campaign = make_campaign(world, area=world.tehran)
    # Windows-1256 has no Persian yeh (nor Persian digits): files carry the Arabic yeh,
    # matched all the same.
    raw = "نام,تعداد\nمحله امامزاده يحيي,350\nDistrict 12,1200\n".encode("cp1256")
    result = read_targets(raw, root=campaign.area)
    assert result.ok, result.errors
    assert result.encoding == "cp1256"
    assert {r.area.pk: r.expected for r in result.rows} == {
        mahalleh.pk: 350,
        world.tehran_d12.pk: 1200,
    }


def test_persian_digits_and_separators_in_a_utf8_file(world):
    campaign = make_campaign(world, area=world.tehran)
    raw = "کد,تعداد خانوار\n۱۲,۱٬۲۰۰\n".encode()
    result = read_targets(raw, root=campaign.area)
    assert result.ok, result.errors
    assert [(r.area.pk, r.expected) for r in result.rows] == [(world.tehran_d12.pk, 1200)]


def test_every_bad_row_is_named_and_nothing_is_written(world, login):
    campaign = make_campaign(world)
    target(campaign, world.lock_123, 7)
    raw = (
        "code,name,expected\n"
        "KT-01,,120\n"
        "XX-99,,10\n"  # unknown code
        "1007,,10\n"  # Pathum Wan: outside the campaign's area
        ",ล็อค 1-2-3,abc\n"  # not a number
        ",,5\n"  # no area
        "KT-01,,-3\n"  # negative, and repeated
        ",ล็อค 1-2-3,12.5\n"  # not a whole number
        "KT-01,,30\n"  # repeated
    ).encode()
    officer = world.khlong_toei_officer
    officer.language = "th"
    officer.save()
    client = login(officer)
    response = _post(client, campaign, raw)
    codes = [e["code"] for e in response.context["result"].errors]
    assert codes == [
        "surveys.target_row_unknown",
        "surveys.target_row_unknown",
        "surveys.target_row_bad_number",
        "surveys.target_row_no_area",
        "surveys.target_row_bad_number",
        "surveys.target_row_bad_number",
        "surveys.target_row_repeated",
    ]
    rows = [e["params"]["row"] for e in response.context["result"].errors]
    assert rows == [3, 4, 5, 6, 7, 8, 9]
    html = response.content.decode()
    assert "XX-99" in html
    assert 'name="plan"' not in html  # no way to confirm a file with problems
    assert _targets(campaign) == {"ล็อค 1-2-3": 7}


def test_an_ambiguous_name_asks_for_the_code(world):
    area_create(level=world.community, parent=world.khlong_toei, name_th="ล็อค 1-2-3", code="KT-02")
    campaign = make_campaign(world)
    result = read_targets("name,expected\nล็อค 1-2-3,5\n".encode(), root=campaign.area)
    assert [e["code"] for e in result.errors] == ["surveys.target_row_ambiguous"]
    assert result.errors[0]["params"]["count"] == 2


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "surveys.target_csv_empty"),
        (b"code,expected\n", "surveys.target_csv_empty"),
        (b"area,households_total_x\nKT-01,3\n", "surveys.target_csv_no_columns"),
    ],
)
def test_files_without_usable_columns_or_rows(world, raw, code):
    """Each refusal of the whole file has its own message."""
    campaign = make_campaign(world)
    assert [e["code"] for e in read_targets(raw, root=campaign.area).errors] == [code]


def test_upload_preview_then_confirm_writes_everything_at_once(world, login):
    campaign = make_campaign(world)
    target(campaign, world.lock_123, 7)
    client = login(world.khlong_toei_officer)
    raw = "\ufeffcode,name,expected\nKT-01,,120\n,ริมคลองพระโขนง,๔๕\n".encode()
    preview = _post(client, campaign, raw)
    html = preview.content.decode()
    assert "Check before saving" in html
    assert _targets(campaign) == {"ล็อค 1-2-3": 7}  # nothing yet
    response = _confirm(client, campaign, preview)
    assert response.status_code == 302
    assert _targets(campaign) == {"ล็อค 1-2-3": 120, "ริมคลองพระโขนง": 45}
    history = CampaignTarget.history.filter(campaign_id=campaign.pk)
    assert history.filter(history_user=world.khlong_toei_officer).count() == 2


def test_a_tampered_or_foreign_plan_is_refused(world, login):
    campaign = make_campaign(world)
    other = make_campaign(world, name_en="Another")
    client = login(world.khlong_toei_officer)
    preview = _post(client, other, b"code,expected\nKT-01,5\n")
    plan = re.search(r'name="plan" value="([^"]+)"', preview.content.decode()).group(1)
    url = reverse("surveys:campaign_targets_confirm", kwargs={"pk": campaign.pk})
    assert client.post(url, {"plan": plan}).status_code == 302
    assert client.post(url, {"plan": plan + "x"}).status_code == 302
    assert not CampaignTarget.objects.exists()


def test_a_file_too_big_or_too_long_is_refused_whole(world, settings):
    from mahalla.surveys.campaigns import target_csv

    campaign = make_campaign(world)
    big = b"code,expected\n" + b"KT-01,1\n" * (target_csv.MAX_BYTES // 8 + 1)
    assert [e["code"] for e in read_targets(big, root=campaign.area).errors] == [
        "surveys.target_csv_too_big"
    ]
    long = b"code,expected\n" + b"K,1\n" * (target_csv.MAX_ROWS + 1)
    assert [e["code"] for e in read_targets(long, root=campaign.area).errors] == [
        "surveys.target_csv_too_many"
    ]
