"""Editing a form's registry mapping in the pages: choices by question type, every problem
named, nothing saved when one is found, and only for those who manage the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.registry.models import FieldMap, FormMapping

pytestmark = pytest.mark.django_db


def test_the_default_form_comes_mapped_and_can_be_changed(world, versions, login):
    _community, household = versions
    client = login(world.admin)
    url = reverse("registry:mapping_edit", kwargs={"pk": household.form.pk})
    page = client.get(url, headers={"accept-language": "th"}).text
    assert 'value="/head_name" selected' in page
    assert "ชื่อหัวหน้าครัวเรือน (head_name)" in page  # the question's Thai label
    mapping = FormMapping.objects.get(form=household.form)
    data = {"save": "1", "target": "household", "active": "on"}
    data |= {f"map__{m.target}": m.source for m in mapping.fields.all()}
    data["map__head_name"] = ""  # no longer filled
    assert client.post(url, data).status_code == 302
    assert not FieldMap.objects.filter(mapping=mapping, target="head_name").exists()


def test_a_question_of_the_wrong_kind_is_refused_and_nothing_changes(world, versions, login):
    _community, household = versions
    client = login(world.admin)
    url = reverse("registry:mapping_edit", kwargs={"pk": household.form.pk})
    client.get(url)
    before = sorted(FieldMap.objects.values_list("target", "source"))
    data = {"save": "1", "target": "household", "active": "on", "map__member.age": "/head_name"}
    response = client.post(url, data)
    assert response.status_code == 400  # /head_name is text: not offered for an age
    assert sorted(FieldMap.objects.values_list("target", "source")) == before


def test_mapping_pages_need_both_rights(world, versions, login):
    _community, household = versions
    url = reverse("registry:mapping_edit", kwargs={"pk": household.form.pk})
    assert login(world.pathum_wan_officer).get(url).status_code == 404  # a Bangkok form
    assert login(world.treasurer).get(url).status_code == 403
    assert login().get(url).status_code == 302
    assert login(world.treasurer).get(reverse("registry:mapping_list")).status_code == 403


def test_a_follow_up_whose_household_pick_is_not_mapped_is_warned(world, login):
    """Without “household to update”, each approval would add a duplicate household."""
    from mahalla.registry.default_forms import household_update

    version = household_update.load(area=world.bangkok, user=world.admin)
    client = login(world.admin)
    url = reverse("registry:mapping_edit", kwargs={"pk": version.form.pk})
    page = client.get(url, headers={"accept-language": "fa"}).text
    assert 'id="unused-household-ref"' not in page  # the default mapping uses it
    mapping = FormMapping.objects.get(form=version.form)
    data = {"save": "1", "target": "household", "active": "on"}
    data |= {f"map__{m.target}": m.source for m in mapping.fields.all()}
    data["map__household_ref"] = ""
    assert client.post(url, data).status_code == 302
    page = client.get(url, headers={"accept-language": "fa"}).text
    assert 'id="unused-household-ref"' in page
    assert "/household" in page.split('id="unused-household-ref"')[1][:400]
