"""Progress per area counts submissions through the subtree in a bounded number of queries,
and the page shows it in the reader's digits, sortable."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mahalla.places.services import area_create
from mahalla.surveys.campaigns.progress import level_progress
from mahalla.surveys.models import ReviewState
from mahalla.surveys.tests.campaign_helpers import make_campaign, submit, target


def _by_name(level):
    return {row.area.name_en or row.area.name_th: row for row in level.rows}


def test_a_community_submission_counts_for_its_district_and_city(world):
    campaign = make_campaign(world, area=world.bangkok)
    submit(campaign, world.lock_123, n=3)
    submit(campaign, world.lock_123, n=2, state=ReviewState.APPROVED)
    submit(campaign, world.rim_khlong, n=1)
    submit(campaign, world.pathum_wan, n=4)
    submit(campaign, None, n=2)  # not placed yet
    target(campaign, world.lock_123, 10)
    target(campaign, world.rim_khlong, 5)
    target(campaign, world.pathum_wan, 8)
    city = level_progress(campaign=campaign, parent=world.bangkok)
    assert (city.parent.received, city.parent.approved, city.parent.expected) == (12, 2, 23)
    assert city.unplaced == 2
    rows = _by_name(city)
    assert (rows["Khlong Toei"].received, rows["Khlong Toei"].approved) == (6, 2)
    assert rows["Khlong Toei"].expected == 15  # the sum of its communities' targets
    assert rows["Khlong Toei"].has_children and not rows["Pathum Wan"].has_children
    assert (rows["Pathum Wan"].received, rows["Pathum Wan"].expected) == (4, 8)
    district = level_progress(campaign=campaign, parent=world.khlong_toei)
    rows = _by_name(district)
    assert (rows["Lock 1-2-3"].received, rows["Lock 1-2-3"].expected) == (5, 10)
    assert rows["Lock 1-2-3"].percent == 50
    assert district.unplaced == 0


def test_an_areas_own_target_wins_over_the_sum_beneath(world):
    campaign = make_campaign(world, area=world.bangkok)
    target(campaign, world.khlong_toei, 100)
    target(campaign, world.lock_123, 10)
    rows = _by_name(level_progress(campaign=campaign, parent=world.bangkok))
    assert rows["Khlong Toei"].expected == 100


def test_other_campaigns_do_not_count(world):
    campaign = make_campaign(world)
    other = make_campaign(world, name_en="Other")
    submit(other, world.lock_123, n=5)
    assert level_progress(campaign=campaign, parent=world.khlong_toei).parent.received == 0


def test_queries_do_not_grow_with_the_number_of_areas(world):
    campaign = make_campaign(world)
    submit(campaign, world.lock_123)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            level_progress(campaign=campaign, parent=world.khlong_toei)
        return len(queries)

    few = count()
    for number in range(40):
        community = area_create(
            level=world.community, parent=world.khlong_toei, name_th=f"ชุมชน {number}"
        )
        submit(campaign, community, n=2)
        target(campaign, community, 4)
    assert count() == few <= 6


def test_sorting_by_figures_keeps_name_order_for_ties(world):
    campaign = make_campaign(world)
    submit(campaign, world.rim_khlong, n=3)
    submit(campaign, world.lock_123, n=1)
    names = [
        r.area.pk
        for r in level_progress(campaign=campaign, parent=world.khlong_toei, sort="received").rows
    ]
    assert names == [world.rim_khlong.pk, world.lock_123.pk]
    names = [
        r.area.pk
        for r in level_progress(campaign=campaign, parent=world.khlong_toei, sort="-received").rows
    ]
    assert names == [world.lock_123.pk, world.rim_khlong.pk]


def test_the_page_shows_percentages_in_persian_digits(world, login):
    campaign = make_campaign(world)
    submit(campaign, world.lock_123, n=3)
    target(campaign, world.lock_123, 4)
    officer = world.khlong_toei_officer
    officer.language = "fa"
    officer.save()
    html = login(officer).get(reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk}))
    text = html.content.decode()
    assert "۷۵" in text  # 75 %
    assert 'class="data progress-table"' in text


def test_the_page_drills_down_and_refuses_areas_outside_the_campaign(world, login):
    campaign = make_campaign(world, area=world.bangkok)
    client = login(world.admin)
    url = reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk})
    page = client.get(url, {"area": world.khlong_toei.pk})
    assert page.status_code == 200
    assert page.context["area"] == world.khlong_toei
    assert client.get(url, {"area": world.tehran.pk}).status_code == 404
    assert client.get(url, {"area": "abc"}).status_code == 404
    assert client.get(url, {"area": "99999999999999999999"}).status_code == 404


def test_the_page_query_count_is_bounded(world, login, django_assert_max_num_queries):
    campaign = make_campaign(world, area=world.bangkok)
    for number in range(30):
        community = area_create(
            level=world.community, parent=world.khlong_toei, name_th=f"ชุมชน {number}"
        )
        submit(campaign, community)
    client = login(world.khlong_toei_officer)
    campaign.area = world.khlong_toei
    campaign.save()
    url = reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk})
    client.get(url)
    with django_assert_max_num_queries(22):
        response = client.get(url)
    assert len(response.context["level"].rows) == 32


def test_the_map_data_gives_each_child_its_ratio_and_the_next_level(world, login):
    campaign = make_campaign(world, area=world.bangkok)
    submit(campaign, world.lock_123, n=5)
    target(campaign, world.lock_123, 10)
    target(campaign, world.pathum_wan, 4)
    client = login(world.admin)
    url = reverse("surveys:campaign_progress_geojson", kwargs={"pk": campaign.pk})
    response = client.get(url)
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    features = {f["properties"]["name"]: f["properties"] for f in data["features"]}
    assert features["Bangkok"]["role"] == "parent"
    kt = features["Khlong Toei"]
    assert (kt["received"], kt["expected"], kt["ratio"]) == (5, 10, 0.5)
    assert kt["drill"].endswith(f"?area={world.khlong_toei.pk}")
    assert features["Pathum Wan"]["ratio"] == 0.0 and features["Pathum Wan"]["drill"] == ""
    assert data["up"] == ""
    inner = json.loads(client.get(kt["drill"]).content)
    names = {
        f["properties"]["name"] for f in inner["features"] if f["properties"]["role"] == "child"
    }
    assert names == {"Lock 1-2-3", "ริมคลองพระโขนง"}
    assert inner["up"].endswith(f"?area={world.bangkok.pk}")
    lock = next(f for f in inner["features"] if f["properties"]["name"] == "Lock 1-2-3")
    assert lock["properties"]["percent"] == "50%"
    nothing = next(f for f in inner["features"] if f["properties"]["name"] == "ริมคลองพระโขนง")
    assert nothing["properties"]["ratio"] == -1  # nothing expected: grey, not 0 %


def test_the_map_data_is_in_the_readers_digits_and_scoped(world, login):
    campaign = make_campaign(world)
    submit(campaign, world.lock_123, n=12)
    officer = world.khlong_toei_officer
    officer.language = "fa"
    officer.save()
    url = reverse("surveys:campaign_progress_geojson", kwargs={"pk": campaign.pk})
    data = json.loads(login(officer).get(url).content)
    lock = next(f for f in data["features"] if f["id"] == world.lock_123.pk)
    assert lock["properties"]["received_text"] == "۱۲"
    assert login(world.pathum_wan_officer).get(url).status_code == 404
    assert login(officer).get(url, {"area": world.pathum_wan.pk}).status_code == 404


def test_the_table_sorts_by_a_column_and_says_so(world, login):
    campaign = make_campaign(world)
    submit(campaign, world.rim_khlong, n=3)
    submit(campaign, world.lock_123, n=1)
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk})
    response = client.get(url, {"sort": "received"})
    assert [r.area for r in response.context["level"].rows] == [world.rim_khlong, world.lock_123]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert "sort=-received" in html  # a second click reverses
    fallback = client.get(url, {"sort": "evil"})
    assert fallback.context["sort"] == "name"
