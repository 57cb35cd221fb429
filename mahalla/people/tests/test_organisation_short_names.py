"""Short names per language: กทม. on Thai pages, BMA on English ones, found by any of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from mahalla.people.services import organisation_create

LIST = reverse("people:organisation_list")


@pytest.fixture
def bma(world):
    return organisation_create(
        by=None,
        kind="municipality",
        area=world.khlong_toei,
        name_en="Bangkok Metropolitan Administration",
        name_th="กรุงเทพมหานคร",
        short_name_en="BMA",
        short_name_th="กทม.",
    )


def _reader(world, language: str):
    officer = world.khlong_toei_officer
    officer.language = language
    officer.save()
    return officer


def test_a_thai_reader_sees_the_thai_short_name(world, login, bma):
    client = login(_reader(world, "th"))
    listing = client.get(LIST).content.decode()
    assert "(<bdi>กทม.</bdi>)" in listing and "BMA" not in listing
    detail = client.get(reverse("people:organisation_detail", args=[bma.pk])).content.decode()
    assert "<dd><bdi>กทม.</bdi></dd>" in detail and "BMA" not in detail


def test_an_english_reader_sees_the_english_short_name(world, login, bma):
    listing = login(_reader(world, "en")).get(LIST).content.decode()
    assert "(<bdi>BMA</bdi>)" in listing and "กทม." not in listing


def test_a_persian_reader_sees_no_short_name_in_another_script(world, login, bma):
    listing = login(_reader(world, "fa")).get(LIST).content.decode()
    assert "BMA" not in listing and "กทม." not in listing


def test_any_short_name_finds_the_organisation(world, login, bma):
    client = login(_reader(world, "en"))
    for query in ("กทม", "bma"):
        assert (
            "Bangkok Metropolitan Administration" in client.get(LIST, {"q": query}).content.decode()
        )


def test_the_api_gives_every_short_name_and_the_readers(world, login, bma):
    client = login(world.khlong_toei_officer)
    url = f"/api/organisations/{bma.pk}/"
    row = client.get(url, HTTP_ACCEPT_LANGUAGE="th").json()
    assert (row["short_name"], row["short_name_en"], row["short_name_th"]) == (
        "กทม.",
        "BMA",
        "กทม.",
    )
    assert row["short_name_fa"] == ""
    assert "short_name" in client.get(url).json()


def test_the_new_kinds_can_be_chosen(world, login):
    html = login(_reader(world, "fa")).get(LIST).content.decode()
    for kind, label in (
        ("community_network", "شبکهٔ محلی"),
        ("facilitation_office", "دفتر تسهیلگری"),
        ("neighbourhood_house", "سرای محله"),
    ):
        assert f'<option value="{kind}">{label}</option>' in html


@pytest.mark.django_db(transaction=True)
def test_the_old_short_name_becomes_the_english_one():
    before = [("people", "0003_user_time_zone")]
    after = [("people", "0004_organisation_short_names_per_language")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("people", "Organisation")
    old.objects.create(
        kind="municipality", name_en="Bangkok Metropolitan Administration", short_name="BMA"
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("people", "Organisation")
        moved = new.objects.get(name_en="Bangkok Metropolitan Administration")
        assert (moved.short_name_en, moved.short_name_th, moved.short_name_fa) == ("BMA", "", "")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
