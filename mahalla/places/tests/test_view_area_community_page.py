"""A community at the lowest level has nothing beneath it: its page offers no boundary
import and no empty table, but points to the other places around it."""

from __future__ import annotations

from django.urls import reverse

from mahalla.places.services import area_create


def _get(client, area):
    return client.get(
        reverse("places:area_detail", kwargs={"pk": area.pk}), headers={"accept-language": "en"}
    ).text


def test_lowest_level_page_has_no_import_and_no_children_table(world, login):
    content = _get(login(world.khlong_toei_officer), world.lock_123)
    assert "Import boundaries" not in content
    assert "Places in it" not in content
    assert "No places are recorded beneath this one yet." not in content
    assert "This Community is one of the places in <bdi>Khlong Toei</bdi>." in content
    assert f'href="/places/{world.khlong_toei.pk}/#children"' in content


def test_no_link_to_a_parent_out_of_scope(world, login):
    content = _get(login(world.treasurer), world.lock_123)
    assert "This Community is one of the places in <bdi>Khlong Toei</bdi>." in content
    assert f"/places/{world.khlong_toei.pk}/" not in content


def test_a_community_that_has_places_beneath_still_lists_them(world, login):
    area_create(level=world.community, parent=world.lock_123, name_en="Lock 1 Block A")
    content = _get(login(world.khlong_toei_officer), world.lock_123)
    assert "Lock 1 Block A" in content
    assert "Import boundaries" not in content


def test_a_district_with_no_places_yet_offers_the_import(world, login):
    content = _get(login(world.pathum_wan_officer), world.pathum_wan)
    assert "Import boundaries" in content
    assert "No places are recorded beneath this one yet." in content
