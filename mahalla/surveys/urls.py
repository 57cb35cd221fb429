"""Survey pages and the OpenRosa server, one URL module per feature, in one namespace."""

from __future__ import annotations

from mahalla.surveys.campaigns import urls as campaigns
from mahalla.surveys.exports import urls as exports
from mahalla.surveys.forms import urls as forms
from mahalla.surveys.imports import urls as imports
from mahalla.surveys.openrosa import urls as openrosa
from mahalla.surveys.submissions import urls as submissions
from mahalla.surveys.webforms import urls as webforms

app_name = "surveys"

urlpatterns = [
    *forms.urlpatterns,
    *campaigns.urlpatterns,
    *submissions.urlpatterns,
    *exports.urlpatterns,
    *webforms.urlpatterns,
    *imports.urlpatterns,
    *openrosa.urlpatterns,
]
