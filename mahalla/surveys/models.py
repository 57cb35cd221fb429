"""Survey forms, campaigns and submissions (capability C2).

A form has a stable form ID and versions converted from XLSForm by pyxform. Submissions are
stored raw first (XML bytes and attachments, with checksums), parsed to JSON by a separate,
re-runnable step, assigned to the smallest area that contains their location, and reviewed.
An edit sent with `deprecatedID` is a new version of the same submission.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.places.models import localized_name


class Form(models.Model):
    """A survey form: its `xml_form_id` never changes; what changes lives in versions."""

    xml_form_id = models.CharField(_("form ID"), max_length=100, unique=True)
    # The area that owns the form: who may see and manage it is decided by this area.
    area = models.ForeignKey(
        "places.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # Key of the registry mapping approved submissions go to ("" = none); see registry_hook.
    registry_mapping = models.CharField(_("registry mapping"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["xml_form_id"]

    def __str__(self) -> str:
        return self.name or self.xml_form_id

    @property
    def name(self) -> str:
        return localized_name(self)


class FormVersion(models.Model):
    """One version of a form. A published version is never changed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        RETIRED = "retired", _("retired")

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=100)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    # The uploaded XLSForm, kept as it came (raw input first).
    xlsform = models.FileField(_("XLSForm file"), upload_to="surveys/xlsforms/", blank=True)
    xlsform_name = models.CharField(max_length=255, blank=True)
    xlsform_sha256 = models.CharField(max_length=64, blank=True)
    xform = models.TextField(_("XForm"))
    xform_md5 = models.CharField(max_length=32)
    # Questions as pyxform describes them, flattened: [{"path", "name", "type", "labels",
    # "repeat" (path of the enclosing repeat or ""), "choices"}]. Drives parsing, exports,
    # the type-change check between versions and the registry mapping.
    fields = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    # Form titles per language code ({"en": ..., "th": ...}).
    titles = models.JSONField(default=dict)
    # pyxform warnings, stored as message dicts (code + params), shown in the reader's language.
    warnings = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        ordering = ["form", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["form", "version"], name="surveys_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form.xml_form_id} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class FormMedia(models.Model):
    """A media file a form version names; `file` stays empty (listed as missing) until uploaded."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="media")
    name = models.CharField(_("file name"), max_length=255)
    # "image", "audio", "video" or "file" (CSV for select_one_from_file, as pyxform names it).
    kind = models.CharField(_("kind"), max_length=12)
    file = models.FileField(_("file"), upload_to="surveys/media/", blank=True)
    md5 = models.CharField(max_length=32, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # Filled from live data at each request instead of a file (`forms.media_datasets`).
    dataset = models.CharField(max_length=60, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("form media file")
        verbose_name_plural = _("form media files")
        ordering = ["version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="surveys_media_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_missing(self) -> bool:
        return not self.file and not self.dataset


class Campaign(models.Model):
    """A survey round: which form versions, which target areas, which teams, when."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # The campaign's own area (a city or district): scope and the map's starting point.
    area = models.ForeignKey(
        "places.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    form_versions = models.ManyToManyField(
        FormVersion, verbose_name=_("form versions"), related_name="campaigns", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # Signed-in surveyors of the team (app users are AppUser rows).
    surveyors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("surveyors"), related_name="+", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[form_versions, surveyors])

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self)


class CampaignTarget(models.Model):
    """A target area of a campaign with the number of submissions expected there."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(
        "places.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    expected = models.PositiveIntegerField(_("expected submissions"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        ordering = ["campaign", "area"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "area"], name="surveys_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} / {self.area}"


class AppUser(models.Model):
    """A device login of a campaign, as ODK Central's app users: a token in the URL path.

    The token is kept so its QR code can be shown again; revoking sets `revoked_at`.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="app_users")
    display_name = models.CharField(_("name"), max_length=120)
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("app user")
        verbose_name_plural = _("app users")
        ordering = ["campaign", "display_name", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ReviewState(models.TextChoices):
    RECEIVED = "received", _("received")
    HAS_ISSUES = "has_issues", _("has issues")
    EDITED = "edited", _("edited")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Submission(models.Model):
    """One logical submission: its first instanceID, review state and place.

    Edits (a resend with `deprecatedID`) add versions; `current` points at the newest.
    """

    # No index of their own on `form` and `campaign`: the unique (form, instanceID) and the
    # (campaign, area, review state) indexes begin with them, and every index is written by
    # every submission a phone sends.
    form = models.ForeignKey(
        Form, on_delete=models.PROTECT, related_name="submissions", db_index=False
    )
    instance_id = models.CharField(_("instance ID"), max_length=100)
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        db_index=False,
    )
    # The smallest area containing the submission's location (null until assigned).
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    review_state = models.CharField(
        _("review state"),
        max_length=12,
        choices=ReviewState.choices,
        default=ReviewState.RECEIVED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    app_user = models.ForeignKey(
        AppUser, null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    current = models.ForeignKey(
        "SubmissionVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "current"])

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "instance_id"], name="surveys_submission_unique"
            )
        ]
        indexes = [models.Index(fields=["campaign", "area", "review_state"])]

    def __str__(self) -> str:
        return self.instance_id


class SubmissionVersion(models.Model):
    """The XML exactly as received (raw first), then its parsed JSON."""

    # Indexed by the unique (submission, instanceID) that begins with it.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="versions", db_index=False
    )
    # Unique per form across versions: ODK sends a new instanceID for each edit.
    instance_id = models.CharField(_("instance ID"), max_length=100)
    deprecated_id = models.CharField(max_length=100, blank=True)
    form_version = models.ForeignKey(
        FormVersion, null=True, on_delete=models.PROTECT, related_name="+"
    )
    xml = models.BinaryField()
    xml_sha256 = models.CharField(max_length=64)
    # Filled by the parse step (re-runnable): groups as nested objects, repeats as lists.
    data = models.JSONField(null=True, blank=True)
    parse_error = models.JSONField(null=True, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    device_id = models.CharField(max_length=200, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    app_user = models.ForeignKey(
        AppUser, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        ordering = ["submission", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "instance_id"], name="surveys_subversion_unique"
            )
        ]
        indexes = [models.Index(fields=["instance_id"])]

    def __str__(self) -> str:
        return self.instance_id


class Attachment(models.Model):
    """A file a submission version names; `file` is empty until the part arrives."""

    # Indexed by the unique (version, name) that begins with it.
    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="attachments", db_index=False
    )
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="surveys/attachments/%Y/%m/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="surveys_attachment_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_missing(self) -> bool:
        return not self.file


class SubmissionComment(models.Model):
    """A reviewer's (or surveyor's) comment, with the review state it was written in."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    review_state = models.CharField(max_length=12, choices=ReviewState.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["submission", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


# --- exports ---
from mahalla.core.jobs.leases import Job, JobStatus  # noqa: E402


class ExportFormat(models.TextChoices):
    CSV_ZIP = "csvzip", _("CSV files in a zip (one table per repeat)")
    XLSX = "xlsx", _("Excel workbook (one sheet per repeat)")
    GEOJSON = "geojson", _("GeoJSON (map layers)")


class ExportJob(Job):
    """An export built in the background into a file, then downloaded from its page.

    `options` holds the filters and choices as plain JSON (see exports.options), so the job
    can be run again exactly as asked; the file is written to storage, never held in memory.
    """

    Status = JobStatus
    Format = ExportFormat

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="export_jobs")
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    options = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    total = models.PositiveIntegerField(_("submissions"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    file = models.FileField(_("file"), upload_to="surveys/exports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.form.xml_form_id} {self.format} #{self.pk}"

    @classmethod
    def expire_stale(cls) -> int:
        """Delete the files of exports older than SURVEY_EXPORT_RETENTION_DAYS (default 7);
        the rows stay, so the list still says what was exported, and can run it again."""
        days = int(getattr(settings, "SURVEY_EXPORT_RETENTION_DAYS", 7))
        return cls.expire_files(
            days=days, failure={"code": "surveys.export_expired", "params": {"days": days}}
        )

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))


# --- submissions ---
from mahalla.core.jobs.leases import Job  # noqa: E402 - kept with the feature's models


class SubmissionJob(Job):
    """A bulk step over many submissions, with progress: parse them again, or place them
    again in areas after boundaries changed. Runs again from its page when it fails."""

    class Kind(models.TextChoices):
        REPARSE = "reparse", _("read submissions again")
        REASSIGN = "reassign", _("place submissions in areas again")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # What it works on: a form, a campaign (both empty: every submission), or areas.
    form = models.ForeignKey(
        Form, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Areas whose boundaries changed (REASSIGN); null = every located submission.
    area_ids = models.JSONField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    # The outcome, as a message dict (code + params).
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission job")
        verbose_name_plural = _("submission jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0


# --- imports ---
from mahalla.core.jobs.leases import JobStatus  # noqa: E402
from mahalla.core.uploads.models import UploadJob  # noqa: E402


class SurveyImport(UploadJob):
    """An export of existing survey data (ODK Central, KoboToolbox or a plain table), stored
    as received, checked against a form version, then written as submissions."""

    Status = JobStatus

    class Kind(models.TextChoices):
        CENTRAL = "central", _("ODK Central (csv.zip)")
        KOBO = "kobo", _("KoboToolbox (XLSX)")
        TABLE = "table", _("table (CSV or XLSX)")

    class Phase(models.TextChoices):
        CHECK = "check", _("check")
        WRITE = "write", _("write")

    upload_folder = "surveys"

    form_version = models.ForeignKey(
        FormVersion, verbose_name=_("form version"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind of file"), max_length=12, choices=Kind.choices)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.CHECK)
    # For plain CSV files: the text encoding chosen (empty: as guessed when inspected).
    encoding = models.CharField(_("text encoding"), max_length=20, blank=True)
    # For plain tables: {column: question path, or path + "#latitude" / "#longitude"}.
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    skip_bad_rows = models.BooleanField(_("skip the rows with problems"), default=False)
    # Approve what was written (a reviewer's choice): the registry takes the rows in then.
    approve = models.BooleanField(_("approve the written submissions"), default=False)
    approved_count = models.PositiveIntegerField(_("approved"), default=0)
    # Counted by the check, then by the write: new submissions, instance IDs already stored,
    # rows refused (or skipped), repeat rows joined to their submissions.
    new_count = models.PositiveIntegerField(_("new"), default=0)
    existing_count = models.PositiveIntegerField(_("already stored"), default=0)
    bad_count = models.PositiveIntegerField(_("with problems"), default=0)
    repeat_count = models.PositiveIntegerField(_("repeat rows"), default=0)
    attachment_count = models.PositiveIntegerField(_("attachments in the file"), default=0)
    missing_attachment_count = models.PositiveIntegerField(
        _("attachments named but not in the file"), default=0
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey data import")
        verbose_name_plural = _("survey data imports")
        ordering = ["-created_at", "-pk"]

    @property
    def awaiting_confirmation(self) -> bool:
        return self.phase == self.Phase.CHECK and self.status == JobStatus.DONE

    @property
    def is_written(self) -> bool:
        return self.phase == self.Phase.WRITE and self.status == JobStatus.DONE

    @property
    def state_label(self) -> str:
        if self.awaiting_confirmation:
            return str(_("checked, not written yet"))
        if self.is_written:
            return str(_("written"))
        if self.is_active:
            return str(_("checking") if self.phase == self.Phase.CHECK else _("writing"))
        return str(self.get_status_display())
