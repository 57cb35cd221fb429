"""Children come in the reader's dictionary order, numbers inside names counted as numbers,
in SQL, so that page 2 continues where page 1 stopped (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import re

from django.urls import reverse

from mahalla.places.tests.many_children import add_children

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# ICU's Thai order (checked with PyICU 77): a leading vowel sorts under its consonant,
# so เกาะ comes right after กล้วย and แสง between วัดไทร and ใหม่; code-point order would
# put all the words starting with เ แ โ ใ ไ last, and "ชุมชน 10" before "ชุมชน 2".
THAI_ORDER = [
    "กล้วย",
    "เกาะ",
    "ขวัญ",
    "ชุมชน 2",
    "ชุมชน 10",
    "ไผ่",
    "โพธิ์",
    "วัดไทร",
    "แสง",
    "ใหม่",
    "อ่อนนุช",
]


def _names_on(client, url: str, page: int, language: str) -> list[str]:
    response = client.get(url, {"page": page}, headers={"accept-language": language})
    assert response.status_code == 200
    table = re.search(r'<table class="data children-table">.*?</table>', response.text, re.S)
    return re.findall(
        r'<th scope="row" class="name-col"><a [^>]*>(?:<bdi>)?([^<]*)(?:</bdi>)?</a>',
        table.group(0),
    )


def test_tehran_districts_are_in_numeric_order_across_two_pages(world, login):
    districts = [{"name_fa": f"منطقه {n}".translate(PERSIAN)} for n in range(60, 0, -1)]
    add_children(world.tehran, world.district, districts)
    client = login(world.tehran_secretary)
    url = reverse("places:area_detail", kwargs={"pk": world.tehran.pk})

    first, second = (_names_on(client, url, page, "fa") for page in (1, 2))

    # "منطقه ۱۲" is the world's own district 12; the sixty added ones include another.
    expected = sorted([f"منطقه {n}" for n in range(1, 61)] + ["منطقه 12"], key=lambda s: int(s[6:]))
    assert first + second == [name.translate(PERSIAN) for name in expected]
    assert len(first) == 50
    named = [f"منطقه {n}".translate(PERSIAN) for n in (1, 6, 12, 15, 22)]
    assert list(dict.fromkeys(name for name in first if name in named)) == named


def test_thai_communities_are_in_thai_dictionary_order_across_pages(world, login):
    fillers = [{"name_th": f"ชุมชนที่ {n}"} for n in range(1, 45)]
    add_children(world.khlong_toei, world.community, fillers)
    add_children(world.khlong_toei, world.community, [{"name_th": n} for n in THAI_ORDER[::-1]])
    client = login(world.khlong_toei_officer)
    url = reverse("places:area_detail", kwargs={"pk": world.khlong_toei.pk})

    names = _names_on(client, url, 1, "th") + _names_on(client, url, 2, "th")

    assert [name for name in names if name in THAI_ORDER] == THAI_ORDER
    numbered = [name for name in names if name.startswith("ชุมชนที่ ")]
    assert numbered == [f"ชุมชนที่ {n}" for n in range(1, 45)]
    assert sorted(THAI_ORDER) != THAI_ORDER  # code-point order would differ
