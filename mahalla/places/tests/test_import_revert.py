"""A written import is undone in one step from history, unless later work would be lost."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.places.boundary_imports.revert import boundary_import_revert, revert_check
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.services import area_create, area_update
from mahalla.places.tests.geo_files import COMMUNITIES, community_columns, import_file, write_layer
from mahalla.testing import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_import(world, tmp_path):
    """KT-101 and KT-102 imported first; the second import renames KT-101 and adds KT-104."""
    geometries, properties = community_columns(COMMUNITIES[:2])
    import_file(
        world, write_layer(tmp_path / "a.geojson", geometries, properties, driver="GeoJSON")
    )
    rows = [("KT-101", "Lock 4-5-6", "ล็อก 456", "محله یک", COMMUNITIES[0][4]), COMMUNITIES[1],
            ("KT-104", "Bon Kai", "บ่อนไก่", "", COMMUNITIES[2][4])]  # fmt: skip
    geometries, properties = community_columns(rows)
    path = write_layer(tmp_path / "b.geojson", geometries, properties, driver="GeoJSON")
    written = import_file(world, path)
    assert (written.created_count, written.updated_count) == (1, 1)
    return written


def _url(boundary_import: BoundaryImport) -> str:
    return reverse("places:boundary_import_revert", kwargs={"pk": boundary_import.pk})


def test_the_confirmation_page_says_what_will_happen(world, second_import, login):
    client = login(world.khlong_toei_officer)

    content = client.get(_url(second_import), headers={"accept-language": "en"}).content.decode()

    assert "1 place created by it will be deleted." in content
    assert "1 place it updated will be restored to its state before it." in content
    assert 'id="revert-confirm"' in content
    detail = client.get(reverse("places:boundary_import_detail", kwargs={"pk": second_import.pk}))
    assert "Revert this import" in detail.content.decode()


def test_reverting_deletes_the_new_places_and_restores_the_updated_ones(
    world, second_import, login
):
    client = login(world.khlong_toei_officer)

    response = client.post(_url(second_import), follow=True)

    assert "The import was reverted. Places deleted: 1; places restored: 1." in (
        response.content.decode()
    )
    assert not Area.objects.filter(code="KT-104").exists()
    lock = Area.objects.get(code="KT-101")
    assert lock.name_th == "ล็อค 4-5-6"
    assert "ล็อค" in lock.search_text
    reason = f"revert of boundary import #{second_import.pk}"
    assert lock.history.first().history_change_reason == reason
    assert lock.history.first().history_user == world.khlong_toei_officer
    deleted = Area.history.get(code="KT-104", history_type="-")
    assert deleted.history_change_reason == reason
    second_import.refresh_from_db()
    assert second_import.phase == BoundaryImport.Phase.REVERTED
    assert second_import.reverted_by == world.khlong_toei_officer
    assert 'id="import-reverted"' in response.content.decode()


def test_an_import_cannot_be_reverted_twice(world, second_import):
    boundary_import_revert(boundary_import=second_import, user=world.admin)
    areas = sorted(Area.objects.values_list("pk", "name_th"))

    with pytest.raises(ValidationError, match="already been reverted"):
        boundary_import_revert(boundary_import=second_import, user=world.admin)

    assert sorted(Area.objects.values_list("pk", "name_th")) == areas


def test_a_place_edited_since_refuses_the_revert_and_says_which(world, second_import, login):
    lock = Area.objects.get(code="KT-101")
    area_update(area=lock, name_en="Lock 4-5-6 (checked)", reason="checked on site")
    client = login(world.khlong_toei_officer)

    page = client.get(_url(second_import), headers={"accept-language": "en"}).content.decode()
    response = client.post(_url(second_import), follow=True)

    assert "This import cannot be reverted" in page
    assert 'class="revert-blocked"' in page
    assert "Lock 4-5-6 (checked)</bdi></a>: changed since the import, on" in page
    assert 'id="revert-confirm"' not in page
    assert "some places changed since" in response.content.decode()
    assert Area.objects.filter(code="KT-104").exists()
    lock.refresh_from_db()
    assert lock.name_th == "ล็อก 456"
    assert BoundaryImport.objects.get(pk=second_import.pk).is_written


def test_a_new_place_with_places_beneath_is_not_deleted_grants_elsewhere_do_not_matter(
    world, second_import
):
    bon_kai = Area.objects.get(code="KT-104")
    area_create(level=world.community, parent=bon_kai, name_en="Soi 1")  # fine-grained child
    lock = Area.objects.get(code="KT-101")
    grant(world.no_role, Role.PROGRAMME_STAFF, area=lock)

    with pytest.raises(ValidationError):
        boundary_import_revert(boundary_import=second_import, user=world.admin)

    blocked = {b.name: b.why for b in revert_check(second_import).blocked}
    assert blocked == {"Bon Kai": "has places beneath it"}
    assert Area.objects.filter(code="KT-104").exists()


def test_a_new_place_used_elsewhere_is_not_deleted(world, second_import):
    grant(world.no_role, Role.PROGRAMME_STAFF, area=Area.objects.get(code="KT-104"))

    (blocked,) = revert_check(second_import).blocked
    assert blocked.why.startswith("is used by: ")
    with pytest.raises(ValidationError):
        boundary_import_revert(boundary_import=second_import, user=world.admin)


def test_only_people_who_may_import_into_the_place_may_revert(world, second_import, login):
    with pytest.raises(PermissionDenied):
        boundary_import_revert(boundary_import=second_import, user=world.pathum_wan_officer)
    with pytest.raises(PermissionDenied):
        boundary_import_revert(boundary_import=second_import, user=world.treasurer)
    assert login(world.pathum_wan_officer).post(_url(second_import)).status_code == 404
    assert login().post(_url(second_import)).status_code == 302  # to the login page
    assert Area.objects.filter(code="KT-104").exists()
