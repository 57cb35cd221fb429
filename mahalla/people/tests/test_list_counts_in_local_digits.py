from __future__ import annotations

from django.urls import reverse


def test_persian_reader_sees_the_organisation_count_in_persian_digits(world, login):
    world.admin.language = "fa"
    world.admin.save(update_fields=["language"])
    content = login(world.admin).get(reverse("people:organisation_list")).content.decode()
    assert '<p class="count">۲ سازمان</p>' in content


def test_persian_reader_sees_the_active_role_count_in_persian_digits(world, login):
    world.admin.language = "fa"
    world.admin.save(update_fields=["language"])
    content = login(world.admin).get(reverse("people:grant_list")).content.decode()
    assert '<p class="count">۶ نقش فعال</p>' in content


def test_thai_reader_sees_ascii_digits(world, login):
    world.admin.language = "th"
    world.admin.save(update_fields=["language"])
    content = login(world.admin).get(reverse("people:organisation_list")).content.decode()
    assert '<p class="count">2 องค์กร</p>' in content
