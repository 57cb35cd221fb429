"""The survey form pages: list (search, paging, bounded queries), upload with per-row errors,
the version page in the reader's language, media upload, publishing, downloads, history."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mahalla.surveys.forms import demo, services
from mahalla.surveys.models import Form, FormVersion
from mahalla.surveys.tests.test_forms_media import MEDIA_CHOICES, PNG, WITH_MEDIA
from mahalla.surveys.tests.xlsforms import SURVEY, settings_rows, xlsx

LIST = reverse("surveys:forms_list")


def test_the_list_shows_forms_in_scope_with_a_bounded_number_of_queries(
    world, login, django_assert_max_num_queries
):
    demo.build(area=world.khlong_toei)
    for i in range(12):
        services.create_version_from_upload(
            user=None,
            area=world.khlong_toei,
            uploaded_file=xlsx(settings=settings_rows(form_id=f"extra_{i}", title=f"Extra {i}")),
        )
    services.create_version_from_upload(
        user=None,
        area=world.pathum_wan,
        uploaded_file=xlsx(settings=settings_rows(form_id="pathum_wan_only")),
    )
    client = login(world.khlong_toei_officer)
    client.get(LIST)
    with django_assert_max_num_queries(12):
        page = client.get(LIST, headers={"accept-language": "en"}).content.decode()
    assert "household_survey" in page and "extra_11" in page
    assert "pathum_wan_only" not in page
    assert "14 forms" in page


def test_search_and_paging(world, login, settings):
    demo.build(area=world.khlong_toei)
    client = login(world.khlong_toei_officer)
    response = client.get(LIST, {"q": "ครัวเรือน"})
    assert [f.xml_form_id for f in response.context["forms"]] == ["household_survey"]
    response = client.get(LIST, {"q": "community_pro"})
    assert [f.xml_form_id for f in response.context["forms"]] == ["community_profile"]
    response = client.get(LIST, {"q": "nothing like it"}, headers={"accept-language": "en"})
    assert "No form matches this search." in response.content.decode()
    from mahalla.surveys.forms import views

    views.PAGE_SIZE, before = 1, views.PAGE_SIZE
    try:
        response = client.get(LIST, {"page": 2})
        assert [f.xml_form_id for f in response.context["forms"]] == ["household_survey"]
    finally:
        views.PAGE_SIZE = before


def test_surveys_is_in_the_navigation_of_reviewers_and_managers_only(world, login):
    assert 'href="/surveys/forms/"' in login(world.khlong_toei_officer).get("/").content.decode()
    assert 'href="/surveys/forms/"' not in login(world.treasurer).get("/").content.decode()
    assert login(world.treasurer).get(LIST).status_code == 403


def test_upload_asks_for_an_area_in_scope_only(world, login):
    response = login(world.khlong_toei_officer).get(reverse("surveys:forms_new"))
    areas = list(response.context["upload_form"].fields["area"].queryset)
    assert world.khlong_toei in areas and world.pathum_wan not in areas
    response = login(world.khlong_toei_officer).post(
        reverse("surveys:forms_new"), {"area": world.pathum_wan.pk, "file": xlsx()}
    )
    assert response.status_code == 200
    assert Form.objects.count() == 0


def test_a_broken_upload_shows_each_problem_with_sheet_row_and_pyxforms_text(world, login):
    response = login(world.khlong_toei_officer).post(
        reverse("surveys:forms_new"),
        {"area": world.khlong_toei.pk, "file": xlsx(survey=[*SURVEY, ["txet", "x", "X"]])},
        headers={"accept-language": "en"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sheet <bdi>survey</bdi>, row 5:" in page
    assert "Unknown question type &#x27;txet&#x27;." in page
    assert Form.objects.count() == 0


def test_the_version_page_shows_questions_in_the_readers_language(world, login):
    _community, household = demo.build(area=world.khlong_toei)
    url = reverse("surveys:forms_version", kwargs={"pk": household.pk})
    client = login(world.khlong_toei_officer)
    thai = client.get(url, headers={"accept-language": "th"}).content.decode()
    assert "สมาชิกในครัวเรือน" in thai and "แบบสำรวจครัวเรือน" in thai
    persian = client.get(url, headers={"accept-language": "fa"}).content.decode()
    assert "اعضای خانوار" in persian and "پرسش‌نامه خانوار" in persian
    assert 'dir="rtl"' in persian
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Household members" in english


def test_media_upload_and_publish_through_the_pages(world, login):
    version = services.create_version_from_upload(
        user=None,
        area=world.khlong_toei,
        uploaded_file=xlsx(survey=WITH_MEDIA, choices=MEDIA_CHOICES),
    )
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:forms_version", kwargs={"pk": version.pk})
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert page.count("missing</span>") == 3
    publish = reverse("surveys:forms_version_publish", kwargs={"pk": version.pk})
    refused = client.post(publish, headers={"accept-language": "en"})
    assert refused.status_code == 400 and "community.png" in refused.content.decode()
    media_url = reverse("surveys:forms_version_media", kwargs={"pk": version.pk})
    wrong = client.post(media_url, {"file": SimpleUploadedFile("nope.png", PNG)})
    assert wrong.status_code == 400
    for name in ("community.png", "streets.csv", "roads.csv"):
        assert client.post(media_url, {"file": SimpleUploadedFile(name, PNG)}).status_code == 302
    assert client.post(publish).status_code == 302
    version.refresh_from_db()
    assert version.state == FormVersion.State.PUBLISHED
    locked = client.post(media_url, {"file": SimpleUploadedFile("community.png", b"x")})
    assert locked.status_code == 400


def test_a_reviewer_sees_forms_but_may_not_upload_or_publish(world, login):
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    reviewer = make_user("reviewer")
    grant(reviewer, Role.NEIGHBOURHOOD_MANAGER, area=world.khlong_toei)
    version = services.create_version_from_upload(
        user=None, area=world.khlong_toei, uploaded_file=xlsx()
    )
    client = login(reviewer)
    assert (
        client.get(reverse("surveys:forms_version", kwargs={"pk": version.pk})).status_code == 200
    )
    assert client.get(reverse("surveys:forms_new")).status_code == 403
    publish = reverse("surveys:forms_version_publish", kwargs={"pk": version.pk})
    assert client.post(publish).status_code == 403
    version.refresh_from_db()
    assert version.state == FormVersion.State.DRAFT


def test_downloads_are_the_uploaded_xlsform_and_the_xform(world, login):
    uploaded = xlsx()
    data = uploaded.read()
    uploaded.seek(0)
    version = services.create_version_from_upload(
        user=None, area=world.khlong_toei, uploaded_file=uploaded
    )
    client = login(world.khlong_toei_officer)
    xls = client.get(reverse("surveys:forms_version_xlsform", kwargs={"pk": version.pk}))
    assert b"".join(xls.streaming_content) == data
    xform = client.get(reverse("surveys:forms_version_xform", kwargs={"pk": version.pk}))
    assert xform.content.decode() == version.xform
    assert "attachment" in xform["Content-Disposition"]


def test_the_form_page_lists_versions_and_their_history(world, login):
    first = services.create_version_from_upload(
        user=world.khlong_toei_officer, area=world.khlong_toei, uploaded_file=xlsx()
    )
    services.publish(first, world.khlong_toei_officer)
    services.create_version_from_upload(
        user=world.khlong_toei_officer,
        form=first.form,
        uploaded_file=xlsx(settings=settings_rows(version="2")),
    )
    url = reverse("surveys:forms_detail", kwargs={"pk": first.form_id})
    response = login(world.khlong_toei_officer).get(url, headers={"accept-language": "en"})
    page = response.content.decode()
    assert [v.version for v in response.context["versions"]] == ["2", "1"]
    assert response.context["current"] == first
    assert "History" in page and "Somchai" in page
    assert len(response.context["history_rows"]) >= 3
