"""The area tree: admin-defined levels, areas with names in three languages and geometry.

Geometry is GeoJSON in a JSON column plus an indexed bounding box and centroid, so the same
schema works on SQLite and PostgreSQL without GeoDjango's system libraries.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.core.jobs.leases import JobStatus
from mahalla.core.uploads.models import UploadJob


def localized_name(obj: models.Model, language: str | None = None) -> str:
    """The name in the active language, falling back to English, Thai, then Persian."""
    language = (language or get_language() or "en")[:2]
    for code in (language, "en", "th", "fa"):
        value = getattr(obj, f"name_{code}", "")
        if value:
            return value
    return ""


class AreaLevel(models.Model):
    """A level of the tree (province, khet, neighbourhood, community…), defined by admins."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_th = models.CharField(_("name (Thai)"), max_length=100, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("Smaller ranks are larger areas: province 10, community 50.")
    )
    is_community = models.BooleanField(
        _("community level"),
        default=False,
        help_text=_(
            "Areas of this level are communities or settlements with a registration status."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area level")
        verbose_name_plural = _("area levels")
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self)


class Area(models.Model):
    """A place: a province, district, neighbourhood or community.

    `path` is a materialised path of ids ("/1/7/42/") so a whole subtree is one indexed
    prefix query; services keep it in step with `parent`.
    """

    class Registration(models.TextChoices):
        REGISTERED = "registered", _("registered")
        UNREGISTERED = "unregistered", _("not registered")
        NOT_APPLICABLE = "", _("not applicable")

    class GeometryKind(models.TextChoices):
        NONE = "", _("none")
        POINT = "point", _("point")
        POLYGON = "polygon", _("polygon")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.ForeignKey(
        AreaLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="areas"
    )
    code = models.CharField(_("code"), max_length=64, blank=True, help_text=_("Official code."))
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    registration = models.CharField(
        _("registration"), max_length=16, choices=Registration.choices, blank=True, default=""
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    geometry = models.JSONField(_("geometry"), null=True, blank=True)
    geometry_kind = models.CharField(
        _("geometry kind"), max_length=8, choices=GeometryKind.choices, blank=True, default=""
    )
    geometry_is_synthetic = models.BooleanField(
        _("synthetic geometry"),
        default=False,
        help_text=_("Drawn for demonstration, not surveyed or official."),
    )
    min_x = models.FloatField(null=True, blank=True, editable=False)
    min_y = models.FloatField(null=True, blank=True, editable=False)
    max_x = models.FloatField(null=True, blank=True, editable=False)
    max_y = models.FloatField(null=True, blank=True, editable=False)
    centroid_x = models.FloatField(null=True, blank=True, editable=False)
    centroid_y = models.FloatField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "code"],
                condition=~models.Q(code=""),
                name="area_code_unique_within_parent",
            ),
            models.CheckConstraint(
                condition=~models.Q(name_en="", name_th="", name_fa=""),
                name="area_has_a_name",
            ),
        ]
        indexes = [
            models.Index(fields=["min_x", "min_y", "max_x", "max_y"]),
            # Covers the area page's children: its summary counts and its name order are
            # read from the index alone, never from the wide rows (geometry) of thousands.
            models.Index(
                fields=[
                    "parent",
                    "level",
                    "registration",
                    "geometry_kind",
                    "geometry_is_synthetic",
                    "name_th",
                    "name_en",
                    "name_fa",
                    "path",
                ],
                name="area_children_listing",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self)

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.min_x is None:
            return None
        return (self.min_x, self.min_y, self.max_x, self.max_y)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


def boundary_upload_path(instance: BoundaryImport, filename: str) -> str:
    return f"imports/boundaries/{timezone.now():%Y/%m}/{filename}"


class ImportPhase(models.TextChoices):
    """Which job of the two an import is in; `status` says how that job is doing.

    A plan job done is a plan awaiting confirmation; a write job done is a written import.
    """

    PLAN = "plan", _("plan")
    WRITE = "write", _("write")
    REVERTED = "reverted", _("reverted")
    CANCELLED = "cancelled", _("cancelled")


class BoundaryImport(UploadJob):
    """One upload of a boundary file, stored as received before it is processed."""

    Status = JobStatus
    Phase = ImportPhase
    expired_code = "places.upload_expired"

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=boundary_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    parent = models.ForeignKey(
        Area,
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        related_name="boundary_imports",
    )
    # Chosen in the mapping step, after the file has been inspected.
    level = models.ForeignKey(
        AreaLevel, verbose_name=_("level"), null=True, blank=True, on_delete=models.PROTECT
    )
    inspection = models.JSONField(
        _("inspection"),
        default=dict,
        blank=True,
        help_text=_("What the uploaded file holds: layers, properties, feature counts, CRS."),
    )
    layer = models.CharField(_("layer"), max_length=200, blank=True)
    code_field = models.CharField(_("code property"), max_length=100, blank=True)
    name_en_field = models.CharField(_("English name property"), max_length=100, blank=True)
    name_th_field = models.CharField(_("Thai name property"), max_length=100, blank=True)
    name_fa_field = models.CharField(_("Persian name property"), max_length=100, blank=True)
    parent_code_field = models.CharField(
        _("parent code property"),
        max_length=100,
        blank=True,
        help_text=_("Property holding the code of each feature's parent, beneath the parent area."),
    )
    encoding = models.CharField(
        _("text encoding"),
        max_length=20,
        blank=True,
        help_text=_("For a Shapefile that does not declare it; empty means as detected."),
    )
    # The checks against the parent (places/boundary_imports/checks.py), chosen on the mapping step.
    registration_field = models.CharField(
        _("registration property"),
        max_length=100,
        blank=True,
        help_text=_("For communities: the property saying whether each one is registered."),
    )
    crs = models.CharField(
        _("coordinate system"),
        max_length=100,
        blank=True,
        help_text=_("For a file that declares none; empty means as declared in the file."),
    )
    swap_axes = models.BooleanField(_("swap latitude and longitude"), default=False)
    keep_outside = models.BooleanField(
        _("keep features outside the parent"),
        default=False,
        help_text=_("Kept and flagged when set; rejected otherwise."),
    )
    flagged_count = models.PositiveIntegerField(_("flagged"), default=0)
    phase = models.CharField(
        _("phase"), max_length=16, choices=ImportPhase.choices, default=ImportPhase.PLAN
    )
    planned_at = models.DateTimeField(_("planned"), null=True, blank=True)
    # Who said "write these changes": the write is theirs in the places' history, not the
    # uploader's (often a colleague prepares the file and an officer confirms it).
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reverted_at = models.DateTimeField(_("reverted"), null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reverted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.PositiveIntegerField(_("features"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    repaired_count = models.PositiveIntegerField(_("repaired"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    ambiguous_count = models.PositiveIntegerField(_("ambiguous"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    # Each problem holds a message code and parameters, rendered in the reader's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("boundary import")
        verbose_name_plural = _("boundary imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def awaiting_confirmation(self) -> bool:
        return self.phase == ImportPhase.PLAN and self.status == JobStatus.DONE

    @property
    def is_written(self) -> bool:
        return self.phase == ImportPhase.WRITE and self.status == JobStatus.DONE

    @property
    def change_reason(self) -> str:
        """The reason written on every history row of the areas this import changed."""
        return f"boundary import #{self.pk}"

    @property
    def state_label(self) -> str:
        """The status as people read it: a finished plan is not a finished import."""
        if self.phase == ImportPhase.REVERTED:
            return str(_("reverted"))
        if self.phase == ImportPhase.CANCELLED:
            return str(_("cancelled"))
        if self.awaiting_confirmation:
            return str(_("plan ready, not written yet"))
        if self.phase == ImportPhase.PLAN and self.is_active:
            return str(_("making the plan"))
        if self.phase == ImportPhase.WRITE and self.is_active:
            return str(_("writing"))
        return str(self.get_status_display())


class PlanAction(models.TextChoices):
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    AMBIGUOUS = "ambiguous", _("ambiguous")


class PlanChoice(models.TextChoices):
    UNDECIDED = "", _("not chosen yet")
    UPDATE = "update", _("update the existing place")
    CREATE = "create", _("create a new place")
    SKIP = "skip", _("skip")


PLAN_NAME_LABELS = {
    "name_en": _("Name in English"),
    "name_th": _("Name in Thai"),
    "name_fa": _("Name in Persian"),
}


class BoundaryImportRow(models.Model):
    """One feature the plan creates, updates or cannot match alone; unchanged ones have none.

    Compact on purpose: the feature's number, what to do and to which area, what the page
    shows (old and new names, the boundary's area). The geometry stays in the stored file.
    """

    Action = PlanAction
    Choice = PlanChoice

    boundary_import = models.ForeignKey(
        BoundaryImport, on_delete=models.CASCADE, related_name="plan_rows"
    )
    feature = models.PositiveIntegerField(_("feature"))  # 0-based index in the layer
    action = models.CharField(_("action"), max_length=16, choices=PlanAction.choices)
    # The area updated (or chosen for an ambiguous row); its updated_at when planned, so the
    # write refuses a plan that no longer describes the area.
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area_updated_at = models.DateTimeField(null=True, blank=True)
    parent = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(_("code"), max_length=64, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # {"name_th": ["old", "new"], ...}: the names this row changes.
    changes = models.JSONField(default=dict, blank=True)
    names_changed = models.BooleanField(default=False)
    boundary_changed = models.BooleanField(default=False)
    area_before_m2 = models.FloatField(null=True, blank=True)
    area_after_m2 = models.FloatField(null=True, blank=True)
    # Ids of the existing places an ambiguous feature may be, and the user's choice.
    candidates = models.JSONField(default=list, blank=True)
    choice = models.CharField(
        _("choice"), max_length=16, choices=PlanChoice.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("planned change")
        verbose_name_plural = _("planned changes")
        ordering = ["boundary_import", "feature"]
        constraints = [
            models.UniqueConstraint(
                fields=["boundary_import", "feature"], name="plan_row_one_per_feature"
            )
        ]
        indexes = [models.Index(fields=["boundary_import", "action", "feature"])]

    def __str__(self) -> str:
        return f"{self.boundary_import_id}:{self.number} {self.action}"

    @property
    def name(self) -> str:
        return localized_name(self)

    @property
    def number(self) -> int:
        return self.feature + 1

    @property
    def name_changes(self) -> list[tuple[str, str, str]]:
        """(what, old, new) for each name the row changes, and for the registration."""
        rows = [
            (str(label), *self.changes[field][:2])
            for field, label in PLAN_NAME_LABELS.items()
            if field in self.changes
        ]
        if "registration" in self.changes:
            labels = dict(Area.Registration.choices)
            old, new = self.changes["registration"][:2]
            rows.append(
                (str(_("Registration")), str(labels.get(old, old)), str(labels.get(new, new)))
            )
        return rows

    @property
    def area_change_m2(self) -> float | None:
        if self.area_before_m2 is None or self.area_after_m2 is None:
            return None
        return self.area_after_m2 - self.area_before_m2

    @property
    def area_change_percent(self) -> float | None:
        if not self.area_before_m2 or self.area_after_m2 is None:
            return None
        return 100 * (self.area_after_m2 - self.area_before_m2) / self.area_before_m2
