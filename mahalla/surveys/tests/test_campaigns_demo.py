"""The demo builder makes a Bangkok and a Tehran campaign with targets, once."""

from __future__ import annotations

from mahalla.places.services import area_create
from mahalla.surveys.campaigns.demo import build
from mahalla.surveys.models import Campaign
from mahalla.surveys.testing import make_version


def test_a_bangkok_campaign_with_a_target_per_community(world):
    version = make_version(world.bangkok)
    campaign = build(world.khlong_toei, [version], world.admin)
    assert campaign.status == Campaign.Status.OPEN
    assert "2569" in campaign.name_th
    assert list(campaign.form_versions.all()) == [version]
    targets = dict(campaign.targets.values_list("area_id", "expected"))
    assert set(targets) == {world.lock_123.pk, world.rim_khlong.pk}
    assert all(40 <= n <= 400 for n in targets.values())
    assert build(world.khlong_toei, [version], world.admin) == campaign  # run again: the same
    assert Campaign.objects.count() == 1


def test_a_tehran_neighbourhood_survey(world):
    hood = area_create(level=world.neighbourhood, parent=world.tehran_d12, name_fa="سنگلج")
    campaign = build(world.tehran, [], None)
    assert "۱۴۰۵" in campaign.name_fa
    assert list(campaign.targets.values_list("area_id", flat=True)) == [hood.pk]
