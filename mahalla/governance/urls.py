"""URLs of the governance pages (under /governance/)."""

from __future__ import annotations

from django.urls import path

from mahalla.governance.views import (
    bodies,
    calendars,
    documents,
    elections,
    feeds,
    meetings,
    neighbourhoods,
    public,
    public_resolution,
    resolutions,
    trackers,
)

app_name = "governance"

urlpatterns = [
    path("", bodies.body_list, name="body_list"),
    path("attention/", trackers.attention, name="attention"),
    path("calendars/", calendars.calendar_list, name="calendar_list"),
    path("calendars/<int:pk>/holidays/", calendars.holiday_add, name="holiday_add"),
    path("holidays/<int:pk>/remove/", calendars.holiday_remove, name="holiday_remove"),
    path("bodies/new/", bodies.body_new, name="body_new"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", bodies.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/new/", bodies.membership_add, name="membership_add"),
    path("members/<int:pk>/end/", bodies.membership_end, name="membership_end"),
    path("bodies/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("bodies/<int:pk>/resolutions/new/", resolutions.resolution_new, name="resolution_new"),
    path(
        "bodies/<int:pk>/resolutions/print/",
        trackers.body_resolutions_print,
        name="resolutions_print",
    ),
    path("bodies/<int:pk>/resolutions.csv", trackers.body_csv, name="body_csv"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/files/", meetings.attachment_upload, name="meeting_file_upload"),
    path("meeting-files/<int:pk>/", meetings.attachment_download, name="meeting_file"),
    path(
        "meetings/<int:pk>/resolutions/new/",
        resolutions.meeting_resolution_new,
        name="meeting_resolution_new",
    ),
    path("resolutions/<int:pk>/", resolutions.resolution_detail, name="resolution_detail"),
    path("resolutions/<int:pk>/edit/", resolutions.resolution_edit, name="resolution_edit"),
    path("resolutions/<int:pk>/report/", resolutions.progress_report_new, name="report_new"),
    path("reports/<int:pk>/attachment/", resolutions.report_attachment, name="report_attachment"),
    path("organisations/<int:pk>/", trackers.organisation_tracker, name="organisation_tracker"),
    path(
        "organisations/<int:pk>/resolutions.csv",
        trackers.organisation_csv,
        name="organisation_csv",
    ),
    path("public/bodies/<int:pk>/", public.public_body, name="public_body"),
    path(
        "public/resolutions/<int:pk>/",
        public_resolution.public_resolution,
        name="public_resolution",
    ),
    path("neighbourhoods/<int:pk>/", neighbourhoods.neighbourhood, name="neighbourhood"),
    path("bodies/<int:pk>/elections/new/", elections.election_new, name="election_new"),
    path("elections/<int:pk>/", elections.election_detail, name="election_detail"),
    path("elections/<int:pk>/act/", elections.election_act, name="election_act"),
    path("vote/", elections.vote, name="vote"),
    path("documents/", documents.document_list, name="document_list"),
    path("bodies/<int:pk>/documents/new/", documents.document_new, name="document_new"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/needs/", documents.need_add, name="need_add"),
    path("needs/<int:pk>/vote/", documents.need_vote, name="need_vote"),
    path("documents/<int:pk>/actions/", documents.action_add, name="action_add"),
    path("documents/<int:pk>/submit/", documents.document_submit, name="document_submit"),
    path("documents/<int:pk>/decide/", documents.document_decide, name="document_decide"),
    path("bodies/<int:pk>/calendar.ics", feeds.body_feed, name="body_feed"),
    path("calendar/<str:token>.ics", feeds.person_feed, name="person_feed"),
    path("calendar/new-link/", feeds.feed_renew, name="feed_renew"),
    path("meetings/<int:pk>/minutes.pdf", feeds.minutes_pdf, name="minutes_pdf"),
]
