# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""Hostile and broken submissions: entity expansion, external entities, huge text, malformed
XML, size limits, truncated and chunked bodies, a missing XML part. Nothing is stored."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.test import RequestFactory
from django.test.client import ClientHandler

from mahalla.surveys.models import Attachment, Submission, SubmissionVersion
from mahalla.surveys.openrosa.testing import collect_body
from mahalla.surveys.testing import household_xml
from mahalla.surveys.tests.openrosa_fixtures import (  # noqa: F401
    PHOTO,
    app_user,
    campaign,
    key_url,
    post,
    version,
)

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<data id="household" version="1"><hh_name>&lol3;</hh_name>
<meta><instanceID>uuid:b</instanceID></meta></data>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<data id="household" version="1"><hh_name>&xxe;</hh_name>
<meta><instanceID>uuid:e</instanceID></meta></data>"""


def _nothing_stored():
    return (
        Submission.objects.count(),
        SubmissionVersion.objects.count(),
        Attachment.objects.count(),
    ) == (0, 0, 0)


@pytest.mark.parametrize(
    "xml", [BILLION_LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"]
)
def test_document_types_are_refused_before_any_entity_is_expanded(client, app_user, xml):
    response = post(client, key_url(app_user, "submission"), xml)
    assert response.status_code == 400
    assert b"DTD" in response.content
    assert b"root:" not in response.content
    assert _nothing_stored()


@pytest.mark.parametrize(
    ("xml", "word"),
    [
        (b"<data id='household'><unclosed></data>", b"line 1"),
        (b"not xml at all", b"line 1"),
        (b"", b"well-formed"),
        (b"<data version='1'><meta><instanceID>uuid:1</instanceID></meta></data>", b"which form"),
        (b"<data id='household' version='1'><hh_name>x</hh_name></data>", b"instance ID"),
    ],
)
def test_malformed_or_incomplete_xml_is_400_with_a_message(client, app_user, xml, word):
    # In English: the words checked are the English message's.
    response = post(client, key_url(app_user, "submission"), xml, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert word in response.content
    assert _nothing_stored()


def test_a_50_mb_text_node_is_refused_by_the_size_limit_before_parsing(client, app_user, version):
    xml = household_xml(version, name="x" * (50 * 1024 * 1024))
    with mock.patch("mahalla.surveys.openrosa.intake.read_instance") as parse:
        response = post(client, key_url(app_user, "submission"), xml)
    assert response.status_code == 413
    assert b"MB" in response.content
    parse.assert_not_called()
    assert _nothing_stored()


def test_a_body_over_the_limit_is_413_before_it_is_read(client, app_user, version, settings):
    settings.OPENROSA_MAX_SUBMISSION_BYTES = 100_000
    big = b"\xff" * 200_000
    response = post(
        client,
        key_url(app_user, "submission"),
        household_xml(version, photo="p.jpg"),
        [("p.jpg", big, "image/jpeg")],
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 413
    assert response["Content-Language"] == "th"
    assert response["X-OpenRosa-Version"] == "1.0"
    assert _nothing_stored()


def test_a_truncated_multipart_body_is_400_and_nothing_is_stored(client, app_user, version):
    body, content_type = collect_body(
        household_xml(version, photo="p.jpg"), [("p.jpg", PHOTO, "image/jpeg")]
    )
    for cut in (body[: len(body) // 2], body[:-10]):
        response = client.generic(
            "POST",
            key_url(app_user, "submission"),
            cut,
            content_type=content_type,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert b"incomplete" in response.content
    assert _nothing_stored()


def test_a_post_without_the_xml_part_is_400(client, app_user):
    """Attachments arriving without (or before) their XML are not kept."""
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="p.jpg"; filename="p.jpg"\r\n'
            f"Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + PHOTO
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.generic(
        "POST",
        key_url(app_user, "submission"),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    assert b"xml_submission_file" in response.content
    assert _nothing_stored()


def test_a_body_that_is_not_multipart_is_400(client, app_user, version):
    response = client.generic(
        "POST", key_url(app_user, "submission"), household_xml(version), content_type="text/xml"
    )
    assert response.status_code == 400
    assert _nothing_stored()


def _wsgi(environ):
    """Through Django's WSGI request handling (the test client's handler, which keeps the
    test's database connection open), with the environ exactly as given."""
    response = ClientHandler()(environ)
    return response.status_code, response.headers, response.content


def _chunked_environ(app_user, body, content_type, *, terminated=True):
    environ = (
        RequestFactory()
        .generic("POST", key_url(app_user, "submission"), body, content_type=content_type)
        .environ
    )
    environ.pop("CONTENT_LENGTH", None)
    environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    environ["wsgi.input"] = io.BytesIO(body)
    if terminated:
        environ["wsgi.input_terminated"] = True  # as gunicorn marks a de-chunked body
    return environ


def test_a_chunked_body_without_content_length_is_accepted(app_user, version):
    body, content_type = collect_body(
        household_xml(version, photo="p.jpg"), [("p.jpg", PHOTO, "image/jpeg")]
    )
    status, headers, answer = _wsgi(_chunked_environ(app_user, body, content_type))
    assert status == 201, answer
    assert headers["X-OpenRosa-Version"] == "1.0"
    assert Attachment.objects.get().size == len(PHOTO)


def test_a_chunked_body_over_the_limit_is_413(app_user, version, settings):
    settings.OPENROSA_MAX_SUBMISSION_BYTES = 50_000
    body, content_type = collect_body(
        household_xml(version, photo="p.jpg"), [("p.jpg", b"x" * 80_000, "image/jpeg")]
    )
    status, _headers, _answer = _wsgi(_chunked_environ(app_user, body, content_type))
    assert status == 413
    assert _nothing_stored()


def test_without_length_on_a_server_that_does_not_end_the_stream_nothing_is_read(app_user, version):
    body, content_type = collect_body(household_xml(version))
    status, _headers, _answer = _wsgi(
        _chunked_environ(app_user, body, content_type, terminated=False)
    )
    assert status == 400
    assert _nothing_stored()
