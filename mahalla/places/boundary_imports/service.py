"""Boundary imports: upload and inspect a file, choose the mapping, plan, then write.

The raw file is stored before anything else, so a failed import can be looked at and run
again. Two jobs run on it, the phase saying which: the plan job reads and checks every
feature (reporting progress) and stores the plan for the preview (`import_preview`); once
the person confirms, the write job rebuilds that plan from the file, refuses it if anything
drifted, and writes all areas in one transaction: nothing of the import is half-written.
"""

from __future__ import annotations

import logging
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from mahalla.core.jobs.leases import job_claim, job_fail, job_heartbeat, job_refresh, lease_seconds
from mahalla.core.jobs.messages import Message, message
from mahalla.core.uploads import jobs as upload_jobs
from mahalla.core.uploads import storage as uploads
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.places.boundary_imports import checks as import_checks
from mahalla.places.boundary_imports.plan import Plan, build_plan
from mahalla.places.boundary_imports.preview import plan_drift, plan_store, stored_choices
from mahalla.places.geofiles import reading as geo_io
from mahalla.places.geofiles.dbf_encoding import ENCODINGS
from mahalla.places.models import Area, AreaLevel, BoundaryImport
from mahalla.places.signals import send_boundaries_changed

logger = logging.getLogger(__name__)

Status = BoundaryImport.Status
Phase = BoundaryImport.Phase
WRITE_BATCH = 500
MAPPING_FIELDS = (
    "code_field",
    "name_en_field",
    "name_th_field",
    "name_fa_field",
    "parent_code_field",
    "registration_field",
)
UPDATED_FIELDS = [
    "parent", "name_en", "name_th", "name_fa", "search_text", "depth", "geometry",
    "geometry_kind", "geometry_is_synthetic", "registration", "min_x", "min_y", "max_x", "max_y",
    "centroid_x", "centroid_y", "updated_at",
]  # fmt: skip


class BoundaryFileError(uploads.UploadError):
    """The uploaded file cannot be used; `failure` is the message code and parameters."""


def _local_path(stored: FieldFile, suffix: str) -> AbstractContextManager[Path]:
    """A path GDAL can open: the stored file itself, or a temporary copy of it."""
    return uploads.local_path(stored, suffix, missing=geo_io.GeoFileError("places.file_gone"))


def _kind(boundary_import: BoundaryImport) -> str:
    return boundary_import.inspection.get("kind") or geo_io.file_kind(boundary_import.original_name)


def _fail(boundary_import: BoundaryImport, failure: Message) -> BoundaryImport:
    job_fail(BoundaryImport, boundary_import.pk, failure)
    if boundary_import.phase == Phase.WRITE:
        # The counts of a write say what was written: nothing. The plan's rows stay.
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(
            created_count=0, updated_count=0
        )
    boundary_import.refresh_from_db()
    return boundary_import


def _store(boundary_import: BoundaryImport, uploaded_file: Any, name: str) -> None:
    """Save the raw file; a full or read-only disk leaves no partial file and no record."""
    try:
        uploads.store_file(boundary_import.file, uploaded_file, name, code="places.storage_failed")
    except uploads.UploadError as error:
        raise BoundaryFileError(error.failure) from None


def boundary_import_upload(*, user: Any, parent: Area, uploaded_file: Any) -> BoundaryImport:
    """Store an uploaded boundary file under `parent` and inspect what it holds."""
    if not has_perm(user, Perm.IMPORT_BOUNDARIES, parent):
        raise PermissionDenied
    original_name = Path(str(uploaded_file.name)).name[:255]
    try:
        kind = geo_io.file_kind(original_name)
    except geo_io.GeoFileError as error:
        raise BoundaryFileError(error.failure) from None
    limit = settings.MAX_UPLOAD_BYTES
    if uploaded_file.size > limit:
        raise BoundaryFileError(message("places.too_large", limit=round(limit / 1024 / 1024)))
    boundary_import = BoundaryImport(
        created_by=user if getattr(user, "pk", None) else None,
        parent=parent,
        original_name=original_name,
        status=Status.UPLOADED,
    )
    _store(boundary_import, uploaded_file, original_name)
    boundary_import.save()
    try:
        with _local_path(boundary_import.file, Path(original_name).suffix) as path:
            inspection = geo_io.inspect_file(path, kind, max_features=settings.IMPORT_MAX_FEATURES)
        if not inspection["feature_count"]:
            raise geo_io.GeoFileError("places.no_features")
    except geo_io.GeoFileError as error:
        # A refused file is of no use to anyone: delete it, keep the record of the refusal.
        boundary_import.file.delete(save=False)
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(file="")
        _fail(boundary_import, error.failure)
        raise BoundaryFileError(error.failure) from None
    # Checked once for the whole file, against the parent: shown on the mapping step.
    for layer in inspection["layers"]:
        layer["checks"] = import_checks.file_checks(layer, parent)
    boundary_import.inspection = inspection
    boundary_import.total = inspection["feature_count"]
    boundary_import.save(update_fields=["inspection", "total"])
    return boundary_import


def _layer_info(boundary_import: BoundaryImport, layer: str) -> dict:
    layers = boundary_import.inspection.get("layers") or []
    if not layer and len(layers) == 1:
        return layers[0]
    for info in layers:
        if info["name"] == layer:
            return info
    if not layer:
        raise ValidationError({"layer": _("Choose the layer to import.")})
    raise ValidationError({"layer": _("The file has no layer “%(name)s”.") % {"name": layer}})


def boundary_import_start(
    *,
    boundary_import: BoundaryImport,
    user: Any,
    level: AreaLevel,
    layer: str = "",
    code_field: str = "",
    name_en_field: str = "",
    name_th_field: str = "",
    name_fa_field: str = "",
    parent_code_field: str = "",
    encoding: str = "",
    registration_field: str = "",
    crs: str = "",
    swap_axes: bool = False,
    keep_outside: bool = False,
    confirm_outside: bool = False,
) -> BoundaryImport:
    """Check the mapping against the inspected file and queue the plan job.

    `encoding` overrides the guessed text encoding of a Shapefile that declares none; empty
    means as inspected. A declared encoding is GDAL's to apply and is never overridden.
    `crs`, `swap_axes`, `keep_outside` and `confirm_outside` answer the checks against the
    parent (places/boundary_imports/checks.py); `registration_field` is for community levels.
    """
    parent = boundary_import.parent
    if not has_perm(user, Perm.IMPORT_BOUNDARIES, parent):
        raise PermissionDenied
    if boundary_import.status in (Status.PENDING, Status.RUNNING):
        raise ValidationError(_("This import is already running."))
    if not boundary_import.inspection.get("layers"):
        raise ValidationError(_("The file of this import could not be read; upload it again."))
    if level.rank <= parent.level.rank:
        raise ValidationError(
            {
                "level": _("Areas of the level %(level)s cannot sit beneath %(parent)s.")
                % {"level": level.name, "parent": parent.name}
            }
        )
    info = _layer_info(boundary_import, layer)
    mapping = {
        "code_field": code_field,
        "name_en_field": name_en_field,
        "name_th_field": name_th_field,
        "name_fa_field": name_fa_field,
        "parent_code_field": parent_code_field,
        "registration_field": registration_field,
    }
    errors = {
        name: _("The file has no property “%(property)s”.") % {"property": value}
        for name, value in mapping.items()
        if value and value not in info["properties"]
    }
    if encoding and (encoding not in ENCODINGS or not info.get("encoding_guessed")):
        errors["encoding"] = _("The text encoding of this file cannot be chosen.")
    if not (name_en_field or name_th_field or name_fa_field) and "name_en_field" not in errors:
        errors["name_en_field"] = _("Choose the property that holds the name in one language.")
    crs = import_checks.normalised_crs(crs)
    errors = {
        **import_checks.mapping_errors(
            layer=info, mapping=mapping, is_community=level.is_community
        ),
        **import_checks.start_errors(
            layer=info, parent=parent, crs=crs, swap_axes=swap_axes, confirm_outside=confirm_outside
        ),
        **errors,
    }
    if errors:
        raise ValidationError(errors)

    for name, value in mapping.items():
        setattr(boundary_import, name, value)
    boundary_import.level = level
    boundary_import.layer = info["name"]
    boundary_import.encoding = encoding
    boundary_import.crs = crs
    boundary_import.swap_axes = swap_axes
    boundary_import.keep_outside = keep_outside
    boundary_import.total = info["feature_count"]
    boundary_import.save()
    return enqueue(boundary_import, Phase.PLAN)


def enqueue(boundary_import: BoundaryImport, phase: str) -> BoundaryImport:
    """Queue the plan or the write job of an import."""
    from mahalla.places.tasks import run_boundary_import

    return upload_jobs.enqueue(boundary_import, run_boundary_import, phase=phase)


def boundary_import_rerun(*, boundary_import: BoundaryImport, user: Any) -> BoundaryImport:
    """Run the failed job (plan or write) again with the file, mapping and choices it has."""
    if not has_perm(user, Perm.IMPORT_BOUNDARIES, boundary_import.parent):
        raise PermissionDenied
    job_refresh(boundary_import)
    if boundary_import.status != Status.FAILED:
        raise ValidationError(_("Only an import that failed can be run again."))
    if boundary_import.level_id is None or not boundary_import.file:
        raise ValidationError(_("This file was refused when it was uploaded; upload it again."))
    phase = Phase.WRITE if boundary_import.phase == Phase.WRITE else Phase.PLAN
    return enqueue(boundary_import, phase)


def _progress(boundary_import: BoundaryImport) -> Any:
    # Autocommitted, outside the write transaction, so the page sees it move; the same
    # UPDATE renews the job's lease (the heartbeat).
    return upload_jobs.progress_reporter(BoundaryImport, boundary_import.pk)


def _overlaps(path: str, other: str) -> bool:
    return path.startswith(other) or other.startswith(path)


def _claim(boundary_import: BoundaryImport) -> bool:
    """Start the job once no other import runs on the same part of the tree.

    Two imports of the same code-less file into one parent would both plan "create" and
    write every place twice; so an import waits while another one runs on its parent, an
    ancestor or a descendant. The check and the claim happen under a lock on the parent's row
    (PostgreSQL), or SQLite's write lock (transactions start IMMEDIATE), so two workers
    cannot both pass it. The plan is built after the claim, seeing what the other wrote.
    """
    parent = boundary_import.parent
    deadline = time.monotonic() + lease_seconds()
    while True:
        with transaction.atomic():
            list(Area.objects.select_for_update().filter(pk=parent.pk).values_list("pk"))
            running = BoundaryImport.objects.filter(
                status=Status.RUNNING, lease_expires_at__gte=timezone.now()
            ).exclude(pk=boundary_import.pk)
            paths = running.values_list("parent__path", flat=True)
            if not any(_overlaps(parent.path, other) for other in paths):
                job_claim(BoundaryImport, boundary_import.pk)
                return True
        if time.monotonic() > deadline:
            return False
        time.sleep(settings.IMPORT_WAIT_SECONDS)


def areas_write_batch(areas: list[Area], *, new: bool, reason: str, user: Any) -> None:
    """Write one batch of areas and their history rows (inside the import's transaction)."""
    if new:
        Area.objects.bulk_create(areas)
        # The path needs the id: one UPDATE per parent sets "<parent path><id>/". The
        # history rows are written after, so they hold the path too.
        by_parent: dict[int, list[Area]] = {}
        for area in areas:
            area.path = f"{area.parent.path}{area.pk}/"
            by_parent.setdefault(area.parent_id, []).append(area)
        for children in by_parent.values():
            Area.objects.filter(pk__in=[a.pk for a in children]).update(
                path=Concat(Value(children[0].parent.path), Cast("id", CharField()), Value("/"))
            )
        Area.history.bulk_history_create(areas, default_change_reason=reason, default_user=user)
    else:
        now = timezone.now()
        for area in areas:
            area.updated_at = now
        bulk_update_with_history(
            areas, Area, UPDATED_FIELDS, default_change_reason=reason, default_user=user
        )


def _write(boundary_import: BoundaryImport, plan: Plan) -> None:
    reason = f"boundary import #{boundary_import.pk}"
    user = boundary_import.confirmed_by or boundary_import.created_by
    # The write is one transaction without progress reports: its lease must cover it.
    job_heartbeat(BoundaryImport, boundary_import.pk)
    with transaction.atomic():
        for new, areas in ((True, plan.new), (False, plan.changed)):
            for start in range(0, len(areas), WRITE_BATCH):
                batch = areas[start : start + WRITE_BATCH]
                areas_write_batch(batch, new=new, reason=reason, user=user)
        # After the commit, apps that place records in areas (submissions) place them again.
        send_boundaries_changed(a.pk for a in (*plan.new, *plan.changed))
        # Marked done in the same transaction as the areas: done means written.
        # Every ambiguous place was decided before the write ran.
        BoundaryImport.objects.filter(pk=boundary_import.pk).update(
            **plan.finished_fields(ambiguous=0)
        )


def _write_planned(boundary_import: BoundaryImport, plan: Plan) -> None:
    """Write the rebuilt plan if it is the one the person saw; else refuse all of it."""
    drifted = plan_drift(boundary_import, plan)
    if drifted:
        failure = message("places.plan_drift", count=len(drifted), number=drifted[0])
        _fail(boundary_import, failure)
        return
    _write(boundary_import, plan)


def boundary_import_run(*, import_id: int) -> BoundaryImport:
    """The import job of the phase the import is in: plan (read, check, store the plan for
    the preview) or write (rebuild it, check it has not drifted, write)."""
    boundary_import = BoundaryImport.objects.select_related(
        "parent__level", "level", "created_by", "confirmed_by"
    ).get(pk=import_id)
    finished = boundary_import.status == Status.DONE
    if finished or boundary_import.phase not in (Phase.PLAN, Phase.WRITE):
        return boundary_import  # delivered twice, or reverted or cancelled: nothing to do
    if boundary_import.level is None:
        return _fail(boundary_import, message("places.mapping_missing"))
    if not _claim(boundary_import):
        return _fail(boundary_import, message("core.job_busy"))
    try:
        kind = _kind(boundary_import)
        columns = [getattr(boundary_import, f) for f in MAPPING_FIELDS]
        columns = list(dict.fromkeys(c for c in columns if c))
        layers = boundary_import.inspection.get("layers") or []
        inspected = next((i for i in layers if i.get("name") == boundary_import.layer), {})
        encoding = boundary_import.encoding or inspected.get("encoding", "")
        with _local_path(boundary_import.file, Path(boundary_import.original_name).suffix) as path:
            import_checks.check_feature_limit(path, kind, boundary_import.layer)
            features = geo_io.read_features(
                path,
                kind,
                boundary_import.layer,
                columns,
                encoding=encoding,
                crs=boundary_import.crs,
                swap_axes=boundary_import.swap_axes,
            )
        missing = [c for c in columns if c not in features.properties]
        if missing:
            raise geo_io.GeoFileError("places.no_such_property", property=missing[0])
        job_heartbeat(BoundaryImport, import_id, total=features.count)
        choices = stored_choices(boundary_import)
        plan = build_plan(boundary_import, features, _progress(boundary_import), choices)
        if boundary_import.phase == Phase.WRITE:
            _write_planned(boundary_import, plan)
        else:
            plan_store(boundary_import, plan)
    except geo_io.GeoFileError as error:
        _fail(boundary_import, error.failure)
    except Exception:
        logger.exception("boundary import %s failed", import_id)
        _fail(boundary_import, message("core.job_unexpected"))
    boundary_import.refresh_from_db()
    return boundary_import
