from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

app_name = "places"


def _todo(request):  # placeholder until the area pages land
    return HttpResponse(status=501)


urlpatterns = [path("", _todo, name="area_list")]
