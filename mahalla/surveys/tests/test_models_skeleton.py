"""The survey models hold a converted form and a raw submission, scoped by area."""

from __future__ import annotations

import hashlib

import pytest

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.surveys.models import Submission, SubmissionVersion
from mahalla.surveys.testing import household_xml, make_version
from mahalla.testing import build_world

pytestmark = pytest.mark.django_db


def test_submission_is_scoped_by_its_area():
    world = build_world()
    version = make_version(world.bangkok)
    assert [f["path"] for f in version.fields if f["type"] == "repeat"] == ["/members"]
    assert version.languages == ["en", "th", "fa"]
    xml = household_xml(version)
    sub = Submission.objects.create(form=version.form, instance_id="uuid:1", area=world.rim_khlong)
    SubmissionVersion.objects.create(
        submission=sub,
        instance_id="uuid:1",
        form_version=version,
        xml=xml,
        xml_sha256=hashlib.sha256(xml).hexdigest(),
    )
    visible = for_user(world.khlong_toei_officer, Perm.VIEW_SUBMISSIONS, Submission.objects.all())
    assert list(visible) == [sub]
    hidden = for_user(world.pathum_wan_officer, Perm.VIEW_SUBMISSIONS, Submission.objects.all())
    assert not hidden.exists()
    assert bytes(SubmissionVersion.objects.get().xml) == xml
