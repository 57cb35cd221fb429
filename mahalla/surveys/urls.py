"""Survey pages (forms, campaigns, submissions, review, exports)."""

from __future__ import annotations

app_name = "surveys"

urlpatterns: list = []
