"""The import page shows when a file was uploaded in the reader's zone, and names the zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mahalla.places.models import BoundaryImport, ImportPhase

INSTANT = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)


@pytest.fixture
def uploaded(world) -> BoundaryImport:
    boundary_import = BoundaryImport.objects.create(
        parent=world.khlong_toei,
        level=world.community,
        file="imports/boundaries/communities.geojson",
        original_name="communities.geojson",
        status=BoundaryImport.Status.DONE,
        phase=ImportPhase.WRITE,  # a written import: its page, not its preview
    )
    BoundaryImport.objects.filter(pk=boundary_import.pk).update(created_at=INSTANT)
    return boundary_import


@pytest.mark.parametrize(
    ("language", "zone", "shown"),
    [
        ("th", "", "21 มี.ค. 2569 04:00 (เวลากรุงเทพฯ)"),
        ("fa", "", "۱ فروردین ۱۴۰۵، ۰۰:۳۰ (به وقت تهران)"),
        ("th", "Asia/Tehran", "21 มี.ค. 2569 00:30 (เวลาเตหะราน)"),
        ("en", "UTC", "20 Mar 2026, 21:00 (UTC)"),
    ],
)
def test_upload_time_is_in_the_readers_zone(world, login, uploaded, language, zone, shown):
    officer = world.khlong_toei_officer
    officer.language, officer.time_zone = language, zone
    officer.save()
    client = login(officer)
    detail = client.get(reverse("places:boundary_import_detail", args=[uploaded.pk]))
    assert shown in detail.content.decode()
    listing = client.get(reverse("places:area_detail", args=[world.khlong_toei.pk]))
    assert shown in listing.content.decode()
