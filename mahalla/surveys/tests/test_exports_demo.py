"""The export demo builder makes a form, parsed submissions and a finished export, once."""

import pytest

pytestmark = pytest.mark.django_db


def test_demo(world):
    from mahalla.surveys.exports.demo import build

    form, job = build(world.khlong_toei, user=world.khlong_toei_officer, submissions=8)
    assert job.status == "done" and form.submissions.count() == 8
    form2, job2 = build(world.khlong_toei, user=world.khlong_toei_officer, submissions=8)
    assert job2.pk == job.pk and form.submissions.count() == 8
