"""URLs of the registry pages (under /registry/)."""

from __future__ import annotations

from django.urls import path

from mahalla.registry.views import (
    dashboards,
    households,
    mappings,
    merges,
    public,
    reports,
    settlements,
    tenure,
    values,
)

app_name = "registry"

urlpatterns = [
    path("settlements/", settlements.settlement_list, name="settlement_list"),
    path("settlements/<int:pk>/", settlements.settlement_detail, name="settlement_detail"),
    path("households/", households.household_list, name="household_list"),
    path("households/duplicates/", merges.duplicate_list, name="duplicate_list"),
    path("households/<int:pk>/", households.household_detail, name="household_detail"),
    path("households/<int:pk>/delete/", households.household_delete, name="household_delete"),
    path("households/<int:pk>/restore/", households.household_restore, name="household_restore"),
    path("households/<int:pk>/tenure/<int:rel>/dates/", tenure.tenure_dates, name="tenure_dates"),
    path(
        "households/<int:pk>/tenure/<int:rel>/evidence/",
        tenure.evidence_upload,
        name="evidence_upload",
    ),
    path("evidence/<int:pk>/", tenure.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", tenure.evidence_remove, name="evidence_remove"),
    path("evidence/<int:pk>/restore/", tenure.evidence_restore, name="evidence_restore"),
    path("households/<int:pk>/merge/<int:other>/", merges.household_merge, name="household_merge"),
    path("merges/<int:pk>/undo/", merges.merge_undo, name="merge_undo"),
    path("values/", values.value_lists, name="value_lists"),
    path("values/<slug:list_name>/", values.value_list, name="value_list"),
    path("value/<int:pk>/", values.value_change, name="value_change"),
    path("mappings/", mappings.mapping_list, name="mapping_list"),
    path("mappings/<int:pk>/", mappings.mapping_edit, name="mapping_edit"),
    path("public/", public.public_home, name="public_home"),
    path("public/<int:pk>/", public.public_dashboard, name="public_dashboard"),
    path("dashboard/", dashboards.dashboard_home, name="dashboard_home"),
    path("dashboard/<int:pk>/", dashboards.dashboard, name="dashboard"),
    path("dashboard/<int:pk>/indicators.xlsx", dashboards.dashboard_xlsx, name="dashboard_xlsx"),
    path("dashboard/<int:pk>/map.geojson", dashboards.dashboard_geojson, name="dashboard_geojson"),
    path("dashboard/<int:pk>/report/", reports.report_new, name="report_new"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", reports.report_progress, name="report_progress"),
    path("reports/<int:pk>/file/", reports.report_file, name="report_file"),
    path("reports/<int:pk>/rerun/", reports.report_rerun, name="report_rerun"),
]
