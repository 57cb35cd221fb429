# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""OpenRosa form list, form download, manifest and media, as ODK Collect reads them."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.core.files.base import ContentFile
from django.utils import timezone

from mahalla.surveys.models import Campaign, FormMedia
from mahalla.surveys.openrosa.app_users import app_user_revoke
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.openrosa_fixtures import app_user, campaign, key_url, version  # noqa: F401

pytestmark = pytest.mark.django_db
NS = {
    "x": "http://openrosa.org/xforms/xformsList",
    "m": "http://openrosa.org/xforms/xformsManifest",
}


def _forms(response):
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://openrosa.org/xforms/xformsList}xforms"
    return {
        x.findtext("x:formID", namespaces=NS): {child.tag.split("}")[1]: child.text for child in x}
        for x in root.findall("x:xform", NS)
    }


def _assert_openrosa_headers(response):
    assert response["X-OpenRosa-Version"] == "1.0"
    assert response["Date"]
    assert int(response["X-OpenRosa-Accept-Content-Length"]) > 0


def test_form_list_shows_the_campaigns_published_version_with_its_hash(client, app_user, version):
    response = client.get(key_url(app_user, "form_list"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    _assert_openrosa_headers(response)
    forms = _forms(response)
    assert set(forms) == {"household"}
    entry = forms["household"]
    assert entry["version"] == "1"
    assert "manifestUrl" not in entry  # no media: no manifest
    download = client.get(entry["downloadUrl"].removeprefix("http://testserver"))
    assert download.status_code == 200
    _assert_openrosa_headers(download)
    assert entry["hash"] == "md5:" + hashlib.md5(download.content).hexdigest()  # noqa: S324
    assert b"<h:html" in download.content


def test_form_name_is_in_the_devices_language(client, app_user):
    for language, name in (
        ("th", "สำรวจครัวเรือน"),
        ("fa", "پیمایش خانوار"),
        ("en", "Household survey"),
    ):
        response = client.get(key_url(app_user, "form_list"), HTTP_ACCEPT_LANGUAGE=language)
        assert _forms(response)["household"]["name"] == name


def test_without_accept_language_the_campaign_areas_language_is_used(client, app_user):
    response = client.get(key_url(app_user, "form_list"))
    assert response["Content-Language"] == "th"  # Khlong Toei is named in Thai
    assert _forms(response)["household"]["name"] == "สำรวจครัวเรือน"


def test_drafts_other_campaigns_and_closed_campaigns_are_not_listed(
    client, world, app_user, campaign
):
    draft = make_version(world.khlong_toei, form_id="draft_form", publish=False)
    other = make_version(world.khlong_toei, form_id="other_form")
    campaign.form_versions.add(draft)
    Campaign.objects.create(area=world.khlong_toei, status="open").form_versions.add(other)
    assert set(_forms(client.get(key_url(app_user, "form_list")))) == {"household"}
    # the draft cannot be downloaded either
    assert client.get(key_url(app_user, "form_xml", pk=draft.pk)).status_code == 404
    assert client.get(key_url(app_user, "form_xml", pk=other.pk)).status_code == 404
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    assert _forms(client.get(key_url(app_user, "form_list"))) == {}
    campaign.status = Campaign.Status.OPEN
    campaign.ends_on = timezone.localdate() - timedelta(days=1)
    campaign.save()
    assert _forms(client.get(key_url(app_user, "form_list"))) == {}


def test_only_the_newest_published_version_of_a_form_is_listed(client, world, app_user, campaign):
    newer = make_version(world.khlong_toei, version="2")
    campaign.form_versions.add(newer)
    assert _forms(client.get(key_url(app_user, "form_list")))["household"]["version"] == "2"


def test_form_id_filter_and_verbose(client, world, app_user, campaign):
    campaign.form_versions.add(make_version(world.khlong_toei, form_id="second"))
    url = key_url(app_user, "form_list")
    assert set(_forms(client.get(url))) == {"household", "second"}
    assert set(_forms(client.get(url, {"formID": "second"}))) == {"second"}
    assert _forms(client.get(url, {"formID": "nope"})) == {}
    verbose = _forms(client.get(url, {"verbose": "true"}))
    assert verbose["second"]["descriptionText"]


def test_manifest_lists_uploaded_media_with_md5_and_downloads(client, app_user, version):
    data = b"name,label\nbkk,Bangkok\n"
    md5 = hashlib.md5(data).hexdigest()  # noqa: S324 - OpenRosa's hash
    media = FormMedia(version=version, name="places.csv", kind="file", md5=md5)
    media.file.save("places.csv", ContentFile(data), save=True)
    FormMedia.objects.create(version=version, name="missing.png", kind="image")
    entry = _forms(client.get(key_url(app_user, "form_list")))["household"]
    manifest = client.get(entry["manifestUrl"].removeprefix("http://testserver"))
    assert manifest.status_code == 200
    _assert_openrosa_headers(manifest)
    root = ElementTree.fromstring(manifest.content)
    assert root.tag == "{http://openrosa.org/xforms/xformsManifest}manifest"
    files = root.findall("m:mediaFile", NS)
    assert [f.findtext("m:filename", namespaces=NS) for f in files] == ["places.csv"]
    assert files[0].findtext("m:hash", namespaces=NS) == f"md5:{media.md5}"
    url = files[0].findtext("m:downloadUrl", namespaces=NS).removeprefix("http://testserver")
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data
    assert (
        client.get(key_url(app_user, "media", pk=version.pk, name="missing.png")).status_code == 404
    )


def test_revoked_and_unknown_tokens_get_nothing(client, app_user, version):
    app_user_revoke(app_user=app_user)
    for name, kwargs in (("form_list", {}), ("form_xml", {"pk": version.pk}), ("submission", {})):
        response = client.get(key_url(app_user, name, **kwargs), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 403, name
        _assert_openrosa_headers(response)
        assert b"revoked" in response.content
    response = client.get("/surveys/openrosa/key/not-a-token/formList")
    assert response.status_code == 404
    _assert_openrosa_headers(response)


def test_head_and_get_on_submission_answer_204_with_the_size_limit(client, app_user, settings):
    settings.OPENROSA_MAX_SUBMISSION_BYTES = 12345678
    for method in (client.head, client.get):
        response = method(key_url(app_user, "submission"))
        assert response.status_code == 204
        assert response["X-OpenRosa-Accept-Content-Length"] == "12345678"
        _assert_openrosa_headers(response)
        assert response.content == b""


def test_other_methods_are_refused_with_openrosa_headers(client, app_user):
    response = client.delete(key_url(app_user, "submission"))
    assert response.status_code == 405
    _assert_openrosa_headers(response)
