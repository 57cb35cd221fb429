"""Cells to answers: native digits, choices by label, locations against the area's box."""

from __future__ import annotations

from types import SimpleNamespace

from mahalla.surveys.imports import columns, readers, values

ROOMS = {"path": "/house/rooms", "name": "rooms", "type": "integer"}
SHARE = {"path": "/share", "name": "share", "type": "decimal"}
TENURE = {
    "path": "/house/tenure",
    "name": "tenure",
    "type": "select one",
    "choices": [
        {"name": "owner", "labels": {"en": "Owner", "th": "เจ้าของ", "fa": "مالک"}},
        {"name": "none", "labels": {"en": "No documented right"}},
    ],
}
NEEDS = {**TENURE, "path": "/m/needs", "type": "select all that apply"}
POINT = {"path": "/location", "name": "location", "type": "geopoint"}
BOX = values.AreaBox(
    SimpleNamespace(
        bbox=(100.54, 13.69, 100.60, 13.74), name_en="Khlong Toei", name_th="", name_fa=""
    )
)


def test_thai_persian_and_arabic_indic_digits_are_numbers():
    assert values.integer(ROOMS, "๑๒") == ("12", None)
    assert values.integer(ROOMS, "۱۲") == ("12", None)
    assert values.integer(ROOMS, "١٢") == ("12", None)
    assert values.integer(ROOMS, "12.0") == ("12", None)
    assert values.decimal(SHARE, "۲٫۵") == ("2.5", None)
    assert values.integer(ROOMS, "สอง")[1]["code"] == "surveys.import_not_integer"
    assert values.integer(ROOMS, "2.5")[1]["code"] == "surveys.import_not_integer"


def test_choices_by_name_or_any_label_and_multiple_by_spaces_or_commas():
    assert values.select_one(TENURE, "Owner") == ("owner", None)
    assert values.select_one(TENURE, "مالک") == ("owner", None)
    assert values.select_one(TENURE, "squat")[1]["params"]["choices"] == "owner, none"
    assert values.select_multiple(NEEDS, "none owner") == ("none owner", None)
    assert values.select_multiple(NEEDS, "No documented right, เจ้าของ") == ("none owner", None)


def test_locations_inside_swapped_outside_and_broken():
    assert values.geopoint(POINT, {"lat": "๑๓.๗๑", "lon": "๑๐๐.๕๖"}, BOX) == (
        "13.71 100.56 0 0",
        None,
    )
    assert values.geopoint(POINT, {"point": "13.71 100.56 2 5"}, BOX)[0] == "13.71 100.56 2 5"
    swapped = values.geopoint(POINT, {"lat": "100.56", "lon": "13.71"}, BOX)[1]
    assert swapped["code"] == "surveys.import_point_swapped"
    outside = values.geopoint(POINT, {"lat": "35.7", "lon": "51.4"}, BOX)[1]
    assert outside["code"] == "surveys.import_point_outside"
    assert outside["params"]["point"] == [51.4, 35.7]
    assert (
        values.geopoint(POINT, {"lat": "x", "lon": "y"}, BOX)[1]["code"]
        == "surveys.import_bad_point"
    )
    assert values.geopoint(POINT, {"lat": "", "lon": ""}, BOX) == ("", None)


def test_encodings_are_guessed():
    assert readers.guess_encoding("ชื่อ,บ้าน".encode("cp874")) == ("cp874", True)
    assert readers.guess_encoding("نام,خانه پژوهش".encode("cp1256")) == ("cp1256", True)
    assert readers.guess_encoding("نام".encode("cp1256")) == ("cp1256", True)
    assert readers.guess_encoding("ชื่อ".encode()) == ("utf-8-sig", False)


def test_columns_are_guessed_from_central_kobo_names_and_labels():
    fields = [
        {"path": "/hh_name", "name": "hh_name", "type": "text", "repeat": "",
         "labels": {"en": "Household name", "th": "ชื่อครัวเรือน"}},
        {**POINT, "repeat": "", "labels": {}},
        {**TENURE, "repeat": ""},
    ]  # fmt: skip
    assert columns.guess(["house-tenure", "location-Latitude", "KEY"], fields) == {
        "house-tenure": "/house/tenure",
        "location-Latitude": "/location#lat",
    }
    assert columns.guess(["house/tenure", "_location_longitude", "Household name"], fields) == {
        "house/tenure": "/house/tenure",
        "_location_longitude": "/location#lon",
        "Household name": "/hh_name",
    }
    assert columns.guess(["ชื่อครัวเรือน", "lat", "instanceID"], fields) == {
        "instanceID": "/meta/instanceID",
        "ชื่อครัวเรือน": "/hh_name",
        "lat": "/location#lat",
    }
