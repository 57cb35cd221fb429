"""The campaign list: scoped, searchable, filtered by status, paged in a bounded number of
queries."""

from __future__ import annotations

from django.urls import reverse

from mahalla.surveys.models import Campaign
from mahalla.surveys.tests.campaign_helpers import make_campaign, submit, target


def test_the_list_shows_campaigns_in_scope_only(world, login):
    make_campaign(world, name_en="Khlong Toei round")
    make_campaign(world, name_en="Pathum Wan round", area=world.pathum_wan)
    html = login(world.khlong_toei_officer).get(reverse("surveys:campaign_list")).content.decode()
    assert "Khlong Toei round" in html
    assert "Pathum Wan round" not in html


def test_search_and_status_filter(world, login):
    make_campaign(world, name_en="Households 2569", status=Campaign.Status.OPEN)
    make_campaign(world, name_en="Community profile", status=Campaign.Status.CLOSED)
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:campaign_list")
    html = client.get(url, {"q": "households"}).content.decode()
    assert "Households 2569" in html and "Community profile" not in html
    html = client.get(url, {"status": "closed"}).content.decode()
    assert "Community profile" in html and "Households 2569" not in html
    html = client.get(url, {"q": "คลองเตย"}).content.decode()  # the Thai names of both
    assert "Households 2569" in html and "Community profile" in html


def test_the_list_shows_figures_in_the_readers_digits(world, login):
    campaign = make_campaign(world, name_fa="پیمایش")
    submit(campaign, world.lock_123, n=12)
    target(campaign, world.lock_123, 40)
    officer = world.khlong_toei_officer
    officer.language = "fa"
    officer.save()
    html = login(officer).get(reverse("surveys:campaign_list")).content.decode()
    assert "۱۲" in html


def test_query_count_does_not_grow_with_the_page(world, login, django_assert_max_num_queries):
    for number in range(25):
        campaign = make_campaign(world, name_en=f"Round {number}")
        submit(campaign, world.lock_123, n=2)
        target(campaign, world.lock_123, 5)
    client = login(world.khlong_toei_officer)
    client.get(reverse("surveys:campaign_list"))  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get(reverse("surveys:campaign_list"))
    assert len(response.context["campaigns"]) == 20
    assert client.get(reverse("surveys:campaign_list"), {"page": 2}).context["page"].number == 2


def test_a_surveyor_without_view_rights_is_refused(world, login):
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    volunteer = make_user("volunteer")
    grant(volunteer, Role.SURVEYOR, area=world.lock_123)
    assert login(volunteer).get(reverse("surveys:campaign_list")).status_code == 403
