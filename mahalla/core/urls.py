from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from django.views.i18n import set_language


def home(request):  # placeholder until the home page lands
    return HttpResponse("mahalla")


urlpatterns = [
    path("", home, name="home"),
    path("lang/", set_language, name="set_language"),
]
