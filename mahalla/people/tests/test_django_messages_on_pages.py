"""Django's own messages on our pages read in our Thai and Persian wording."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from mahalla.testing import PASSWORD


def _visitor(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("th", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง โปรดลองอีกครั้ง"),
        ("fa", "نام کاربری یا گذرواژه درست نیست. دوباره وارد کنید"),
    ],
)
def test_a_wrong_password_on_the_login_page(world, language, wording):
    response = _visitor(language).post(
        reverse("login"), {"username": "kt_officer", "password": "not-the-password"}
    )
    html = response.content.decode()
    assert wording in html
    assert "Please enter a correct" not in html


@pytest.mark.parametrize(
    ("language", "wording"),
    [("th", "โปรดกรอกช่องนี้"), ("fa", "پر کردن این فیلد الزامی است.")],
)
def test_a_required_field_left_empty(world, language, wording):
    response = _visitor(language).post(reverse("login"), {"username": "kt_officer"})
    html = response.content.decode()
    assert wording in html
    assert "This field is required." not in html


@pytest.mark.parametrize(
    ("language", "too_short", "help_text"),
    [
        (
            "th",
            "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร",
            "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด",
        ),
        (
            "fa",
            "این گذرواژه بیش از حد کوتاه است؛ باید دست‌کم ۸ نویسه داشته باشد.",
            "گذرواژه باید دست‌کم ۸ نویسه داشته باشد.",  # the help text, in Persian digits
        ),
    ],
)
def test_a_too_short_new_password(world, login, language, too_short, help_text):
    person = world.treasurer
    person.language = language
    person.save()
    response = login(person).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "k7q", "new_password2": "k7q"},
    )
    html = response.content.decode()
    assert too_short in html
    assert help_text in html
    assert "too short" not in html


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("th", "รหัสผ่านปัจจุบันไม่ถูกต้อง โปรดกรอกอีกครั้ง"),
        ("fa", "گذرواژهٔ فعلی را نادرست وارد کردید. دوباره وارد کنید."),
    ],
)
def test_a_wrong_old_password(world, login, language, wording):
    person = world.treasurer
    person.language = language
    person.save()
    new = "a-new-long-password-9"
    response = login(person).post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert wording in response.content.decode()


@pytest.mark.parametrize(
    ("language", "wording"),
    [("th", "รหัสผ่านทั้งสองช่องไม่ตรงกัน"), ("fa", "گذرواژه‌های دو فیلد با هم یکسان نیستند.")],
)
def test_new_passwords_that_differ(world, login, language, wording):
    person = world.treasurer
    person.language = language
    person.save()
    response = login(person).post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-password-9",
            "new_password2": "a-new-long-password-8",
        },
    )
    assert wording in response.content.decode()
