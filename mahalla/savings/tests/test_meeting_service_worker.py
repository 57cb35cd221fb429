"""The meeting screens' service worker: served from their folder, so a treasurer who opened a
meeting online can open it again on the same phone offline; and never kept after sign-out."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from mahalla.core.offline import cache_version
from mahalla.savings.views.meetings import MEETING_CACHE_PREFIX


def test_it_is_javascript_scoped_to_the_meeting_screens_and_never_cached(db, client):
    response = client.get(reverse("savings:meeting_sw"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/savings/meetings/"
    assert "no-cache" in response["Cache-Control"]
    for name in ("savings:meeting_screen", "savings:meeting_close"):
        assert reverse(name, kwargs={"pk": 7}).startswith("/savings/meetings/"), name
    assert not reverse("savings:group_list").startswith("/savings/meetings/")


def test_its_cache_is_named_for_the_files_it_keeps(db, client, settings):
    body = client.get(reverse("savings:meeting_sw")).content.decode()
    version = cache_version("js/savings-meeting.js", "css/mahalla.css")
    assert f'const CACHE = "{MEETING_CACHE_PREFIX}{version}";' in body
    assert f'const PREFIX = "{MEETING_CACHE_PREFIX}";' in body
    assert 'const NEVER = "";' in body  # the entries endpoint is POST only: never answered
    assert "!response.redirected" in body  # a login page is never kept as the meeting
    assert "{%" not in body and "{{" not in body
    # A release that changes the screen's script names a new cache.
    settings.STATIC_URL = "/other-static/"
    assert cache_version("js/savings-meeting.js", "css/mahalla.css") != version
    assert static("js/savings-meeting.js").startswith("/other-static/")


def test_signed_out_pages_delete_the_kept_meetings(db, client, django_user_model):
    source = Path(finders.find("js/signed-out.js")).read_text()
    assert f'name.indexOf("{MEETING_CACHE_PREFIX}") === 0' in source
    script = static("js/signed-out.js")
    assert script in client.get(reverse("login")).content.decode()
    assert script in client.get(reverse("home")).content.decode()
    user = django_user_model.objects.create_user("someone", password="a-long-password-1")
    client.force_login(user)
    assert script not in client.get(reverse("home")).content.decode()
