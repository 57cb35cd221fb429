from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mahalla.core.i18n.text import normalize_search
from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create, organisation_update


def test_search_text_covers_every_language(world):
    organisation = world.khlong_toei_office
    assert "khlong toei district office" in organisation.search_text
    assert normalize_search("คลองเตย") in organisation.search_text


def test_admin_creates_an_organisation_in_their_district_with_a_reason(world, kt_admin):
    organisation = organisation_create(
        by=kt_admin,
        kind=Organisation.Kind.COMMUNITY_ORGANISATION,
        name_th="กลุ่มออมทรัพย์ล็อค 1-2-3",
        area=world.lock_123,
        reason="new savings group",
    )
    record = organisation.history.latest()
    assert record.history_change_reason == "new savings group"
    assert record.history_user == kt_admin
    assert normalize_search("กลุ่มออมทรัพย์") in organisation.search_text


def test_admin_cannot_place_an_organisation_outside_their_district(world, kt_admin):
    with pytest.raises(PermissionDenied):
        organisation_create(
            by=kt_admin, kind=Organisation.Kind.NGO, name_en="Elsewhere", area=world.pathum_wan
        )
    with pytest.raises(PermissionDenied):
        organisation_create(by=kt_admin, kind=Organisation.Kind.NGO, name_en="Nowhere")


def test_an_organisation_needs_a_name(world):
    with pytest.raises(ValidationError):
        organisation_create(by=None, kind=Organisation.Kind.NGO)


def test_update_refreshes_search_text_and_records_the_reason(world, kt_admin):
    organisation = organisation_update(
        organisation=world.khlong_toei_office,
        by=kt_admin,
        short_name_en="KT Office",
        reason="official abbreviation",
    )
    assert "kt office" in organisation.search_text
    assert organisation.history.latest().history_change_reason == "official abbreviation"


def test_an_officer_without_the_permission_cannot_update(world):
    with pytest.raises(PermissionDenied):
        organisation_update(
            organisation=world.khlong_toei_office, by=world.khlong_toei_officer, short_name_en="x"
        )


def test_update_refuses_unknown_fields(world):
    with pytest.raises(TypeError):
        organisation_update(organisation=world.khlong_toei_office, by=None, colour="red")
