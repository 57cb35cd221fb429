from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mahalla.core.urls")),
    path("accounts/", include("mahalla.people.account_urls")),
    path("places/", include("mahalla.places.urls")),
    path("people/", include("mahalla.people.urls")),
    path("surveys/", include("mahalla.surveys.urls")),
    path("registry/", include("mahalla.registry.urls")),
    path("governance/", include("mahalla.governance.urls")),
    path("savings/", include("mahalla.savings.urls")),
    path("api/", include("mahalla.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
