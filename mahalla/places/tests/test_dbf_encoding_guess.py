"""The encoding of an undeclared Shapefile's text is guessed from its bytes."""

from __future__ import annotations

import pytest

from mahalla.places.geofiles.dbf_encoding import (
    declares_encoding,
    decode_dbf_text,
    guess_dbf_encoding,
)

THAI_NAMES = ["คลองเตย", "ล็อค 4-5-6", "พัฒนา", "ชุมชนริมคลอง", "กรุงเทพฯ", "น้ำ"]
# Windows-1256 has no Persian yeh: Iranian files store ی as the Arabic ي.
PERSIAN_NAMES = ["مرادآباد", "تيس", "چابهار", "کوي\u200cپليس", "بلوچستان"]


@pytest.mark.parametrize("name", THAI_NAMES)
def test_each_thai_name_in_windows_874_is_recognised_as_thai(name):
    assert guess_dbf_encoding([name.encode("cp874")]) == "cp874"


@pytest.mark.parametrize("name", PERSIAN_NAMES)
def test_each_persian_name_in_windows_1256_is_recognised_as_persian(name):
    # مرادآباد and تيس decode without error as Windows-874 too (ใัวฯยศวฯ, สํำ): the Thai
    # reading has to look like Thai spelling to win.
    assert guess_dbf_encoding([name.encode("cp1256")]) == "cp1256"


def test_thai_bytes_are_not_taken_for_persian_although_they_decode_as_arabic_letters():
    samples = [name.encode("cp874") for name in THAI_NAMES] + [b"code", b"NAME_TH"]
    assert guess_dbf_encoding(samples) == "cp874"


@pytest.mark.parametrize("name", ["Café", "Zürich", "São Paulo", "naïve résumé"])
def test_western_names_stay_latin1(name):
    assert guess_dbf_encoding([name.encode("latin1")]) == "latin1"


def test_utf8_and_plain_ascii_are_utf8():
    assert guess_dbf_encoding(["คลองเตย".encode(), "مرادآباد".encode()]) == "utf-8"
    assert guess_dbf_encoding([b"KT-101", b"Lock 4-5-6", b""]) == "utf-8"


def test_utf8_cut_inside_its_last_character_is_still_utf8():
    cut_field_name = "ชื่อ".encode()[:10]  # DBF field names hold 10 bytes
    assert guess_dbf_encoding([cut_field_name, "คลองเตย".encode()]) == "utf-8"
    assert decode_dbf_text(cut_field_name, "utf-8") == "ชื่"


def test_windows_1256_text_gets_the_persian_yeh_and_kaf():
    raw = "كوي تيس".encode("cp1256")
    assert decode_dbf_text(raw, "cp1256") == "کوی تیس"
    assert decode_dbf_text("คลองเตย".encode("cp874"), "cp874") == "คลองเตย"


@pytest.mark.parametrize(
    ("cpg", "ldid", "declared"),
    [(None, 0, False), (None, 87, False), (b"  \n", 0, False), (b"CP874", 0, True),
     (None, 0x7C, True), (b"UTF-8", 87, True)],
)  # fmt: skip
def test_an_encoding_is_declared_by_a_cpg_or_a_real_language_driver(cpg, ldid, declared):
    header = bytes(29) + bytes([ldid]) + bytes(2)
    assert declares_encoding(cpg, header) is declared
