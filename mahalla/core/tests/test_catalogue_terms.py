"""The th and fa catalogues use the glossary's terms (docs: GLOSSARY) and the reader's digits.

Each rule comes from a native review; a translation that brings an old term back fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

_PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{\w*\}")
# Latin-script names keep their digits: encodings (UTF-8, TIS-620), "IPv4", "--force".
_LATIN_WORD = re.compile(r"[A-Za-z][\w.-]*")


def _msgstrs(language: str) -> list[tuple[str, str]]:
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        found += [(entry.msgid, text) for text in texts if text]
    return found


def _offending(language: str, pattern: str) -> list[str]:
    return [f"{msgid!r}: {text}" for msgid, text in _msgstrs(language) if re.search(pattern, text)]


@pytest.mark.parametrize(
    ("language", "pattern", "why"),
    [
        ("th", "ยังไม่จดทะเบียน", "not registered is ยังไม่ได้จดทะเบียน"),
        ("th", "ไม่เกี่ยวข้อง", "not applicable means not used at this level: ไม่ใช้กับระดับนี้"),
        ("th", "เทศบาล", "the municipality kind covers กทม., which is not a เทศบาล"),
        # One word for a sign-in account; บัญชี alone is also a savings account or the books.
        ("th", r"บัญชี(?!ผู้ใช้)(?<!ตรวจสอบบัญชี)", "an account is บัญชีผู้ใช้"),
        ("fa", "مکان", "one term for areas: محدوده"),
        ("fa", "والد", "the parent area is محدودهٔ بالادست"),
        ("fa", "پیمایشگر", "a surveyor is پرسشگر"),
        ("fa", r"حساب(?!(?:\u200cهای)? کاربری)(?!رس)", "an account is حساب کاربری"),
        ("fa", r"ثبت‌نشده است\. در اینجا ثبت شده", "unregistered yet registered: contradiction"),
    ],
)
def test_the_glossarys_terms_are_used(language, pattern, why):
    offending = _offending(language, pattern)
    assert not offending, f"{language} ({why}):\n" + "\n".join(offending)


def test_fixed_numbers_in_persian_texts_are_in_persian_digits():
    offending = []
    for msgid, text in _msgstrs("fa"):
        bare = _LATIN_WORD.sub("", _PLACEHOLDER.sub("", text))
        if re.search(r"[0-9]", bare):
            offending.append(f"{msgid!r}: {text}")
    assert not offending, "ASCII digits in Persian text:\n" + "\n".join(offending)
