"""The bulk household list: every row checked against what it claims before anything is
written; a file with a problem writes nothing and names the row and column; a good file
lands in its communities with its provenance."""

from __future__ import annotations

import html
import io

import pytest
from django.core.management import CommandError, call_command

from mahalla.core.jobs.messages import render_text
from mahalla.registry.ingest.bulk import households_bulk_load
from mahalla.registry.models import Household

pytestmark = pytest.mark.django_db

HEADER = (
    "head_name,house_number,latitude,longitude,members,tenure,income_band,house_condition,"
    "savings_member\n"
)
# Lock 1-2-3 is the box 100.555–100.565 × 13.70–13.71.
GOOD = [
    "สมชาย ใจดี,12/3,13.705,100.56,4,occupant,low,needs_repair,yes",
    "علی کریمی,۱۴,۱۳٫۷۰۶,۱۰۰٫۵۶۱,۳,Tenant,,,no",
    "มานี มีนา,15,13.707,100.562,,ผู้เช่า,,,",
]


def _load(world, lines, user=None, header=HEADER, encoding="utf-8"):
    data = (header + "\n".join(lines) + "\n").encode(encoding)
    return households_bulk_load(
        io.BytesIO(data), user=user or world.khlong_toei_officer, within=world.khlong_toei,
        name="list.csv",
    )  # fmt: skip


def _texts(report) -> list[str]:
    return [html.unescape(render_text(p)) for p in report.problems]


def test_a_good_list_lands_in_its_community_with_its_provenance(world, versions):
    report = _load(world, GOOD)
    assert report.ok and report.created == 3 and report.rows == 3
    households = Household.objects.filter(provenance__bulk="list.csv").order_by("pk")
    assert [h.area_id for h in households] == [world.lock_123.pk] * 3
    first, second, third = households
    assert first.provenance == {"bulk": "list.csv", "row": 2}
    assert first.member_count == 4 and first.tenure.code == "occupant"
    assert first.savings_member is True and first.income_band.code == "low"
    assert second.latitude == pytest.approx(13.706)  # Persian digits and decimal sign
    assert second.tenure.code == "tenant" and second.savings_member is False
    assert third.tenure.code == "tenant"  # the Thai name of the value
    assert first.city_id == world.bangkok.pk
    assert "สมชาย" in first.search_text


def test_a_list_with_problems_writes_nothing_and_names_each_row(world, versions):
    bad = [
        *GOOD,
        ",1,13.705,100.56,2,,,,",  # row 5: no head
        "ก,1,100.56,13.705,2,,,,",  # row 6: swapped (latitude 100.56 is out of range)
        "ข,1,13.72,100.59,2,,,,",  # row 7: outside every community polygon
        "ค,1,13.705,100.56,two,,,,",  # row 8: members not a number
        "ง,1,13.705,100.56,2,landlord,,,",  # row 9: not in the tenure list
        "สมชาย ใจดี,12/3,13.7051,100.5601,4,,,,",  # row 10: repeats row 2
    ]
    report = _load(world, bad)
    assert not report.ok and report.created == 0
    assert not Household.objects.filter(provenance__bulk="list.csv").exists()
    texts = _texts(report)
    assert "Row 5: head_name is empty." in texts
    assert any(t.startswith("Row 6: latitude") for t in texts)
    assert "Row 7: the point lies in none of the area's communities." in texts
    assert any(t.startswith("Row 8: members") for t in texts)
    assert any(t.startswith("Row 9: tenure") for t in texts)
    assert "Row 10 repeats row 2 (same community, head of household and house number)." in texts


def test_swapped_coordinates_are_named(world, versions):
    # 13.705/100.56 swapped is out of range; a point whose swap falls inside needs a
    # community near the equator's diagonal, so the test area is checked directly.
    from mahalla.places.services import area_create

    square = area_create(
        level=world.lock_123.level, parent=world.khlong_toei, name_en="Diagonal",
        geometry=__import__("shapely.geometry", fromlist=["box"]).box(10.0, 20.0, 10.2, 20.2),
    )  # fmt: skip
    assert square.pk
    report = _load(world, ["ก,1,10.1,20.1,2,,,,"], user=world.admin)
    assert _texts(report) == [
        "Row 2: latitude and longitude look swapped (the point falls in a community only "
        "the other way round)."
    ]


def test_missing_columns_and_wrong_encoding_are_named(world, versions):
    report = _load(world, ["a,b"], header="name,lat\n")
    assert _texts(report) == ["The file lacks the column(s): head_name, latitude, longitude."]
    report = _load(world, ["สมชาย,1,13.705,100.56,2,,,,"], encoding="cp874")
    assert _texts(report) == [
        "Row 2 is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again."
    ]
    assert not Household.objects.exists()


def test_only_communities_one_may_change(world, versions):
    report = _load(world, GOOD, user=world.pathum_wan_officer)
    assert not report.ok and report.created == 0
    report = _load(world, GOOD, user=world.treasurer)  # reads the registry, changes nothing
    assert not report.ok


def test_the_row_limit(world, versions, settings):
    settings.REGISTRY_BULK_MAX_ROWS = 2
    report = _load(world, GOOD)
    assert "The file has more than 2 rows." in _texts(report) and report.created == 0


def test_the_command_reports_in_the_readers_language(world, versions, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "ก,1,13.72,100.59,2,,,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_households", str(path), area=world.khlong_toei.pk,
                     user=world.khlong_toei_officer.username, language="fa",
                     stderr=err)  # fmt: skip
    assert "ردیف ۲" in err.getvalue()
    path.write_text(HEADER + GOOD[0] + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("load_households", str(path), area=world.khlong_toei.pk,
                 user=world.khlong_toei_officer.username, language="en", stdout=out)  # fmt: skip
    assert "1 households written from 1 rows" in out.getvalue()


def test_files_saved_by_excel_other_ways(world, versions):
    """Semicolons (Excel where the decimal sign is a comma), tabs ("Text"), and UTF-16
    ("Unicode text"), which is named rather than read as garbage."""
    semicolons = [line.replace(",", ";") for line in (HEADER.strip(), GOOD[0])]
    report = households_bulk_load(
        io.BytesIO("\n".join(semicolons).encode()), user=world.khlong_toei_officer,
        within=world.khlong_toei, name="semi.csv",
    )  # fmt: skip
    assert report.ok and report.created == 1
    tabs = [line.replace(",", "\t") for line in (HEADER.strip(), GOOD[2])]
    report = households_bulk_load(
        io.BytesIO("\n".join(tabs).encode()), user=world.khlong_toei_officer,
        within=world.khlong_toei, name="tabs.txt",
    )  # fmt: skip
    assert report.ok and report.created == 1
    report = _load(world, GOOD, encoding="utf-16")
    assert _texts(report) == [
        "Row 1 is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again."
    ]
