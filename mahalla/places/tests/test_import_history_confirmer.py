"""The places an import writes are recorded in history as the work of who confirmed it."""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.models import Area
from mahalla.places.tests.geo_files import community_columns, plan_file, write_layer
from mahalla.testing import grant, make_user

pytestmark = pytest.mark.django_db


def test_history_names_the_confirmer_not_the_uploader(world, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    planned = plan_file(world, path)  # uploaded and planned by the admin
    assert planned.awaiting_confirmation
    officer = make_user("kt_confirmer")
    grant(officer, Role.DISTRICT_OFFICER, area=world.khlong_toei)

    written = boundary_import_confirm(boundary_import=planned, user=officer)

    written.refresh_from_db()
    assert written.is_written
    assert written.created_by == world.admin
    assert written.confirmed_by == officer
    assert written.confirmed_at is not None
    created = Area.objects.filter(code__in=properties["code"])
    assert created.count() == len(properties["code"])
    users = {h.history_user for area in created for h in area.history.all()}
    assert users == {officer}


def test_detail_page_says_who_confirmed(world, tmp_path, login):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    planned = plan_file(world, path)
    boundary_import_confirm(boundary_import=planned, user=world.khlong_toei_officer)
    client = login(world.khlong_toei_officer)
    from django.urls import reverse

    url = reverse("places:boundary_import_detail", kwargs={"pk": planned.pk})
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirmed" in html
    assert f"<bdi>{world.khlong_toei_officer.username}</bdi>" in html or (
        f"<bdi>{world.khlong_toei_officer.get_full_name()}</bdi>" in html
    )
