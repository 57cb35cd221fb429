from __future__ import annotations

import re

import jdatetime
from django.urls import reverse
from django.utils import timezone

from mahalla.places.models import Area
from mahalla.places.services import area_create


def _url(area: Area) -> str:
    return reverse("places:area_detail", kwargs={"pk": area.pk})


def test_anonymous_visitor_is_sent_to_log_in(world, login):
    response = login().get(_url(world.khlong_toei))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_out_of_scope_officer_gets_404(world, login):
    assert login(world.pathum_wan_officer).get(_url(world.khlong_toei)).status_code == 404
    assert login(world.pathum_wan_officer).get(_url(world.lock_123)).status_code == 404


def test_officer_sees_children_with_registration_badges(world, login):
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lock 1-2-3" in content
    assert "ริมคลองพระโขนง" in content  # shown in Thai: it has no English name
    assert "badge-unregistered" in content
    assert "badge-registered" in content
    assert "1 community here is not registered." in content


def test_breadcrumb_names_ancestors_but_links_only_those_in_scope(world, login):
    content = login(world.khlong_toei_officer).get(_url(world.lock_123)).content.decode()
    crumb = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', content, re.S).group(0)
    assert "Bangkok" in crumb
    assert _url(world.bangkok) not in crumb
    assert f'href="{_url(world.khlong_toei)}"' in crumb


def test_children_table_counts_children_and_everything_beneath(world, login):
    area_create(level=world.community, parent=world.lock_123, name_en="Lock 1 Block A")
    response = login(world.admin).get(_url(world.bangkok))
    counts = {c.pk: (c.child_count, c.descendant_count) for c in response.context["children"]}
    assert counts[world.khlong_toei.pk] == (2, 3)
    assert counts[world.pathum_wan.pk] == (0, 0)


def test_query_count_does_not_grow_with_children(world, login, django_assert_max_num_queries):
    for number in range(20):
        child = area_create(level=world.community, parent=world.khlong_toei, name_en=f"C{number}")
        area_create(level=world.community, parent=child, name_en=f"C{number} inner")
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(8):
        response = client.get(_url(world.khlong_toei))
    assert len(response.context["children"]) == 22


def test_officer_gets_import_and_export_buttons(world, login):
    content = login(world.khlong_toei_officer).get(_url(world.khlong_toei)).content.decode()
    assert reverse("places:boundary_import_new", kwargs={"pk": world.khlong_toei.pk}) in content
    assert (
        reverse("places:area_export", kwargs={"pk": world.khlong_toei.pk, "fmt": "geojson"})
        in content
    )


def test_treasurer_sees_the_community_without_import_or_export(world, login):
    response = login(world.treasurer).get(_url(world.lock_123))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Import boundaries" not in content
    assert "/export/" not in content


def test_unregistered_community_is_highlighted(world, login):
    content = login(world.khlong_toei_officer).get(_url(world.rim_khlong)).content.decode()
    assert "notice-unregistered" in content
    assert "This community is not registered" in content


def test_map_container_has_a_label_and_data_url(world, login):
    content = login(world.khlong_toei_officer).get(_url(world.khlong_toei)).content.decode()
    assert 'id="area-map"' in content
    assert 'aria-label="Map of Khlong Toei' in content
    assert reverse("places:area_geojson", kwargs={"pk": world.khlong_toei.pk}) in content


def test_dates_are_in_the_buddhist_era_in_thai(world, login):
    content = (
        login(world.khlong_toei_officer)
        .get(_url(world.khlong_toei), headers={"accept-language": "th"})
        .content.decode()
    )
    assert str(timezone.localdate().year + 543) in content


def test_dates_are_solar_hijri_with_persian_digits_in_persian(world, login):
    content = (
        login(world.tehran_secretary)
        .get(_url(world.tehran), headers={"accept-language": "fa"})
        .content.decode()
    )
    year = str(jdatetime.date.fromgregorian(date=timezone.localdate()).year)
    assert year.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in content
    assert 'dir="rtl"' in content


def test_history_is_shown_to_those_who_may_see_it(world, login):
    content = login(world.khlong_toei_officer).get(_url(world.khlong_toei)).content.decode()
    assert 'id="history"' in content
    content = login(world.treasurer).get(_url(world.lock_123)).content.decode()
    assert 'id="history"' not in content
