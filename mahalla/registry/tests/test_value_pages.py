"""The value lists' pages: read with the registry right, changed only by an administrator of
everything; codes never change, names in three languages, every change in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.registry.models import Value

pytestmark = pytest.mark.django_db


def test_a_reader_sees_the_lists_in_their_language_and_cannot_change_them(world, login):
    client = login(world.khlong_toei_officer)
    lists = client.get(reverse("registry:value_lists"), headers={"accept-language": "th"})
    assert lists.status_code == 200
    url = reverse("registry:value_list", kwargs={"list_name": "evidence_type"})
    assert url in lists.text
    page = client.get(url, headers={"accept-language": "th"}).text
    assert "โฉนดที่ดิน" in page and "سند مالکیت" in page  # the names in every language
    assert "Add a value" not in page and 'name="new-code"' not in page
    value = Value.objects.get(list="evidence_type", code="title_deed")
    change = reverse("registry:value_change", kwargs={"pk": value.pk})
    assert client.get(change).status_code == 403
    refused = client.post(url, {"new-code": "x", "new-name_en": "X", "new-rank": "1"})
    assert refused.status_code == 403
    assert not Value.objects.filter(code="x").exists()
    assert login(world.no_role).get(reverse("registry:value_lists")).status_code == 403
    assert login().get(reverse("registry:value_lists")).status_code == 302


def test_the_administrator_adds_a_value_with_any_digits_and_renames_one(world, login):
    client = login(world.admin)
    url = reverse("registry:value_list", kwargs={"list_name": "evidence_type"})
    response = client.post(
        url,
        {
            "new-code": "rent_receipt",
            "new-name_en": "Rent receipt",
            "new-name_th": "ใบเสร็จค่าเช่า",
            "new-name_fa": "رسید اجاره",
            "new-rank": "۸",  # Persian digits
            "new-active": "on",
        },
    )
    assert response.status_code == 302
    value = Value.objects.get(list="evidence_type", code="rent_receipt")
    assert value.rank == 8 and value.name_fa == "رسید اجاره" and value.active
    change = reverse("registry:value_change", kwargs={"pk": value.pk})
    client.post(change, {"name_en": "Receipt for rent", "name_th": "ใบเสร็จค่าเช่า",
                         "name_fa": "رسید اجاره", "rank": "๙", "code": "changed"})  # fmt: skip
    value.refresh_from_db()
    assert value.name_en == "Receipt for rent" and value.rank == 9
    assert value.code == "rent_receipt"  # the code never changes
    assert not value.active  # unticked: no longer offered, still there
    assert value.history.filter(history_user=world.admin).count() == 2
    page = client.get(change).text
    assert "Receipt for rent" in page


@pytest.mark.parametrize(
    ("code", "expected"),
    [("title_deed", "ในรายการมีรหัสนี้แล้ว"), ("ใบเสร็จ", "ใช้ตัวอักษรละติน"), ("", "required")],
)
def test_a_bad_code_is_refused_naming_the_field(world, login, code, expected):
    client = login(world.admin)
    url = reverse("registry:value_list", kwargs={"list_name": "evidence_type"})
    before = Value.objects.count()
    response = client.post(
        url,
        {"new-code": code, "new-name_en": "Again", "new-rank": "1"},
        headers={"accept-language": "th"},
    )
    assert response.status_code == 200
    if expected == "required":  # Django's own message, in Thai
        from django.utils import translation

        with translation.override("th"):
            expected = translation.gettext("This field is required.")
    assert expected in response.text
    assert Value.objects.count() == before


def test_an_unknown_list_is_not_found(world, login):
    url = reverse("registry:value_list", kwargs={"list_name": "nothing"})
    assert login(world.admin).get(url).status_code == 404
