"""What the web form's map widget is given: no tiles unless the settings name a server, the
campaign's area and its places (bounded), and the form's title in each language."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from shapely.geometry import box

from mahalla.places.services import area_create
from mahalla.surveys.testing import make_version, open_campaign
from mahalla.surveys.tests.webform_helpers import surveyor_of

SHAPE_MD = """
| survey |
| | type | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | text | name | Community name | ชื่อชุมชน | نام محله |
| | geoshape | boundary | Boundary | ขอบเขต | محدوده |
| settings |
| | form_id | version | form_title | default_language |
| | {form_id} | {version} | Community profile | English (en) |
"""


def _config(response) -> dict:
    html = response.content.decode()
    match = re.search(r'<script id="webform-config" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


def make_shape_version(area):
    """The community boundary form, with its title in three languages."""
    version = make_version(area, form_id="community", md=SHAPE_MD)
    version.titles = {"default": "Community profile", "th": "ข้อมูลชุมชน", "fa": "شناسنامه محله"}
    version.save(update_fields=["titles"])
    return version


@pytest.fixture
def shape_version(world):
    return make_shape_version(world.khlong_toei)


@pytest.fixture
def campaign(world, shape_version):
    return open_campaign(world.khlong_toei, shape_version)


@pytest.fixture
def client(world, login):
    return login(surveyor_of(world.khlong_toei))


def _page(client, version, campaign=None, language="th"):
    query = f"?campaign={campaign.pk}" if campaign else ""
    client.cookies["mahalla_language"] = language
    return client.get(reverse("surveys:webform", kwargs={"pk": version.pk}) + query)


def test_the_map_gets_the_campaigns_area_and_places_and_no_tiles(client, world, shape_version,
                                                                  campaign):  # fmt: skip
    config = _config(_page(client, shape_version, campaign))
    assert config["map"]["tiles"] == ""
    features = config["map"]["areas"]["features"]
    roles = {f["properties"]["id"]: f["properties"]["role"] for f in features}
    assert roles[world.khlong_toei.pk] == "area"
    assert roles[world.lock_123.pk] == "child"
    assert world.bangkok.pk not in roles and world.tehran.pk not in roles
    # Every place of Khlong Toei has a geometry in the demo world; they are all drawn.
    assert len(features) == world.khlong_toei.children.count() + 1
    lock = next(f for f in features if f["properties"]["id"] == world.lock_123.pk)
    assert lock["geometry"]["type"] == "Polygon"


def test_the_places_drawn_are_bounded(client, world, shape_version, campaign, settings):
    settings.WEBFORM_MAP_MAX_FEATURES = 2
    features = _config(_page(client, shape_version, campaign))["map"]["areas"]["features"]
    assert [f["properties"]["role"] for f in features] == ["area", "child"]


def test_a_form_without_a_map_question_gets_no_map_data(client, world):
    version = make_version(world.khlong_toei, form_id="household_plain", md=PLAIN_MD)
    config = _config(_page(client, version))
    assert config["map"] == {}


PLAIN_MD = """
| survey |
| | type | name | label::English (en) |
| | text | name | Name |
| settings |
| | form_id | version | form_title |
| | {form_id} | {version} | Plain |
"""


def test_without_a_campaign_the_map_has_no_places(client, world, shape_version):
    config = _config(_page(client, shape_version))
    assert config["map"]["areas"] is None


def test_a_tile_server_from_the_settings_is_passed_on(client, shape_version, campaign, settings):
    settings.BASEMAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.BASEMAP_TILE_ATTRIBUTION = "© Example"
    config = _config(_page(client, shape_version, campaign))
    assert config["map"]["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["map"]["attribution"] == "© Example"


def test_the_form_title_is_given_in_every_language(client, shape_version, campaign):
    config = _config(_page(client, shape_version, campaign, language="fa"))
    assert config["titles"]["th"] == "ข้อมูลชุมชน"
    assert config["titles"]["default"] == "Community profile"
    # The page's own language, for a form menu language the version has no title for.
    assert config["titles"]["page"] == "شناسنامه محله"


def test_the_map_data_costs_a_bounded_number_of_queries(client, world, shape_version, campaign):
    _page(client, shape_version, campaign)  # session and caches warm
    with CaptureQueriesContext(connection) as few:
        _page(client, shape_version, campaign)
    for n in range(30):
        area_create(
            level=world.community,
            parent=world.khlong_toei,
            name_en=f"Extra {n}",
            geometry=box(100.56, 13.72, 100.561 + n / 1000, 13.721),
        )
    with CaptureQueriesContext(connection) as many:
        features = _config(_page(client, shape_version, campaign))["map"]["areas"]["features"]
    assert len(features) == world.khlong_toei.children.count() + 1
    assert len(many.captured_queries) == len(few.captured_queries)
