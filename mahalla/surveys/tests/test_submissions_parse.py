"""Submission XML becomes the JSON of the shared contract; bad and hostile XML is refused."""

from __future__ import annotations

import pytest

from mahalla.surveys.submissions import parse
from mahalla.surveys.testing import NESTED_MD, household_xml, make_version

pytestmark = pytest.mark.django_db


def test_household_parses_groups_repeats_selects_and_numbers(world):
    version = make_version(world.bangkok)
    xml = household_xml(
        version, instance_id="uuid:a", members=[("สมชาย", 54, "elderly disability")]
    )
    data = parse.parse_submission(xml, version.fields)
    assert data["hh_name"] == "บ้านสมชาย"
    assert data["location"] == {
        "type": "Point",
        "coordinates": [100.56, 13.71, 0.0],
        "accuracy": 5.0,
    }
    assert data["house"] == {"tenure": "tenant", "rooms": 2}
    # One member is still a list; select_multiple a list of strings; integer an int.
    assert data["members"] == [
        {"member_name": "สมชาย", "age": 54, "needs": ["elderly", "disability"]}
    ]
    assert data["meta"] == {"instanceID": "uuid:a"}


def test_empty_elements_are_null_and_unknown_elements_are_kept(world):
    version = make_version(world.bangkok)
    xml = household_xml(version, location=None, members=[("x", 1, "")]).replace(
        b"<meta>", b"<extra>kept</extra><meta>"
    )
    data = parse.parse_submission(xml, version.fields)
    assert data["location"] is None
    assert data["members"][0]["needs"] is None
    assert data["extra"] == "kept"


def test_unreadable_numbers_stay_text(world):
    version = make_version(world.bangkok)
    xml = household_xml(version).replace(b"<rooms>2</rooms>", b"<rooms>two</rooms>")
    assert parse.parse_submission(xml, version.fields)["house"]["rooms"] == "two"


def test_nested_repeats_and_geoshape(world):
    version = make_version(world.bangkok, form_id="buildings", md=NESTED_MD)
    xml = (
        b'<data id="buildings"><plot>13.70 100.55 0 3;13.70 100.56 0 3;13.71 100.56 0 3'
        b"</plot><buildings><use>home</use><floors><floor_area>20.5</floor_area></floors>"
        b"<floors><floor_area>18</floor_area></floors></buildings>"
        b"<buildings><use>shop</use></buildings><photo>a.jpg</photo>"
        b"<meta><instanceID>uuid:n</instanceID></meta></data>"
    )
    data = parse.parse_submission(xml, version.fields)
    assert data["buildings"][0]["floors"] == [{"floor_area": 20.5}, {"floor_area": 18.0}]
    assert data["buildings"][1] == {"use": "shop"}
    ring = data["plot"]["coordinates"][0]
    assert data["plot"]["type"] == "Polygon"
    assert ring[0] == ring[-1] == [100.55, 13.70, 0.0]
    lon, lat = parse.location(data, version.fields)
    assert 100.55 < lon < 100.56 and 13.70 < lat < 13.71


def test_geotrace_and_bad_geopoints():
    assert parse.value("13.7 100.5 0 1;13.8 100.6 0 1", "geotrace") == {
        "type": "LineString",
        "coordinates": [[100.5, 13.7, 0.0], [100.6, 13.8, 0.0]],
    }
    assert parse.value("not a point", "geopoint") == "not a point"
    assert parse.value("95 100 0 0", "geopoint") == "95 100 0 0"  # latitude out of range
    assert parse.value("13.7 100.5", "geopoint")["accuracy"] is None


def test_namespaced_meta_is_read():
    xml = (
        b'<data xmlns="http://www.w3.org/2002/xforms" xmlns:orx="http://openrosa.org/xforms">'
        b"<a>1</a><orx:meta><orx:instanceID>uuid:x</orx:instanceID></orx:meta></data>"
    )
    assert parse.parse_submission(xml, []) == {"a": "1", "meta": {"instanceID": "uuid:x"}}


@pytest.mark.parametrize(
    ("xml", "code"),
    [
        (b"", "surveys.parse_empty"),
        (b"   ", "surveys.parse_empty"),
        (b"<data><a>1</a>", "surveys.parse_malformed"),
        (b"not xml at all", "surveys.parse_malformed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><data><x>&b;</x></data>',
            "surveys.parse_doctype",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<data><x>&e;</x></data>",
            "surveys.parse_doctype",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://example.invalid/x.dtd"><data/>',
            "surveys.parse_doctype",
        ),
    ],
)
def test_bad_and_hostile_xml_is_refused_with_a_code(xml, code):
    with pytest.raises(parse.ParseError) as raised:
        parse.parse_submission(xml, [])
    assert raised.value.code == code


def test_a_huge_text_node_is_refused():
    xml = b"<data><x>" + b"a" * (parse.MAX_TEXT + 1) + b"</x></data>"
    with pytest.raises(parse.ParseError) as raised:
        parse.parse_submission(xml, [])
    assert raised.value.code == "surveys.parse_too_large"


def test_malformed_xml_names_line_and_column():
    with pytest.raises(parse.ParseError) as raised:
        parse.parse_submission(b"<data>\n<a>1</b></data>", [])
    assert raised.value.params == {"line": 2, "column": 7}
