"""Shared set-up of the web-form view tests: a Khlong Toei surveyor and a published form."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.people.roles import Role
from mahalla.testing import grant, make_user


def surveyor_of(area, username: str = "surveyor_kt"):
    user = make_user(username, first_name="Malee")
    grant(user, Role.SURVEYOR, area=area)
    return user


def xml_file(xml: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("submission.xml", xml, content_type="text/xml")
