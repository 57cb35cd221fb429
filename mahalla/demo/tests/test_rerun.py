from __future__ import annotations

from mahalla.demo.tests.conftest import run_demo
from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.places.models import Area, AreaLevel
from mahalla.places.services import area_create, area_update


def _counts() -> dict[str, int]:
    return {
        "levels": AreaLevel.objects.count(),
        "areas": Area.objects.count(),
        "area history": Area.history.count(),
        "organisations": Organisation.objects.count(),
        "organisation history": Organisation.history.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
    }


def test_running_twice_creates_no_duplicates_and_no_history(demo):
    before = _counts()
    output = run_demo(force=True)
    assert _counts() == before
    assert "nothing to change" in output


def test_a_second_run_puts_back_an_edited_demo_district(demo):
    prawet = Area.objects.get(parent__code="10", code="1032")
    area_update(area=prawet, name_en="Prawet (edited)", reason="trying the demo")
    run_demo(force=True)
    prawet.refresh_from_db()
    assert prawet.name_en == "Prawet"
    assert prawet.history.latest().history_change_reason == "demo data"


def test_reset_rebuilds_the_same_demo(demo):
    before = _counts()
    output = run_demo(force=True, reset=True)
    after = _counts()
    for name in ("levels", "areas", "organisations", "users", "grants"):
        assert after[name] == before[name], name
    assert "Removed:" in output


def test_reset_leaves_places_outside_the_demo_alone(demo):
    province = AreaLevel.objects.get(code="province")
    chiang_mai = area_create(level=province, code="50", name_en="Chiang Mai", name_th="เชียงใหม่")
    run_demo(force=True, reset=True)
    assert Area.objects.filter(pk=chiang_mai.pk).exists()
    assert Area.objects.filter(parent=None).count() == 4
