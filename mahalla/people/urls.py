from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

app_name = "people"


def _todo(request):  # placeholder until the people pages land
    return HttpResponse(status=501)


urlpatterns = [
    path("organisations/", _todo, name="organisation_list"),
    path("roles/", _todo, name="grant_list"),
]
