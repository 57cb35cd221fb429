"""Forms and their versions: upload (XLSForm → XForm with pyxform), media files, publishing.

`create_version_from_upload` converts first and stores only when the form converts and passes
our rules (nothing is stored from a form that fails). A published version is never changed:
every function that writes to a version checks that it is a draft.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from mahalla.core.jobs.messages import Message, message
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys import xform_fields
from mahalla.surveys.forms import problems, workbook
from mahalla.surveys.forms.media_datasets import dataset_for
from mahalla.surveys.forms.media_names import media_names
from mahalla.surveys.models import Form, FormMedia, FormVersion

_FORM_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,99}$")


class FormError(Exception):
    """The upload or action is refused; `messages` (message dicts) say why."""

    def __init__(self, *messages: Message) -> None:
        super().__init__(messages)
        self.messages = list(messages)


@dataclass
class Converted:
    """A workbook pyxform converted, with what we store from it."""

    book: workbook.Workbook
    form_id: str
    version: str
    xform: str
    survey: dict
    warnings: list[Message]
    itemsets: str | None


def media_max_bytes() -> int:
    from django.conf import settings

    return getattr(settings, "SURVEYS_MEDIA_MAX_BYTES", 50 * 1024 * 1024)


def _slug(name: str) -> str:
    stem = re.sub(r"\.[A-Za-z]+$", "", name.rsplit("/", 1)[-1])
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", stem).strip("_")
    if not slug or not re.match(r"[A-Za-z_]", slug):
        slug = f"form_{slug}" if slug else "form"
    return slug[:100]


def convert_workbook(data: bytes, file_name: str, *, form_id: str = "") -> Converted:
    """Read, normalise and convert an XLSForm; FormError with every problem found."""
    try:
        book = workbook.read(data, file_name)
    except workbook.WorkbookError as error:
        raise FormError(*error.messages) from error
    settings_row = book.settings_row
    if settings_row.get("public_key") or settings_row.get("submission_url"):
        raise FormError(message("surveys.xlsform.encrypted"))
    notices = list(book.notices)
    declared = settings_row.get("form_id") or settings_row.get("id_string") or ""
    chosen = declared or form_id or _slug(file_name)
    if not _FORM_ID.match(chosen):
        raise FormError(message("surveys.xlsform.bad_form_id", form_id=chosen))
    if not settings_row.get("version"):
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        book.rows.setdefault("settings", [{}])
        book.headers.setdefault("settings", [])
        if not book.rows["settings"]:
            book.rows["settings"].append({})
        book.rows["settings"][0]["version"] = stamp
        if not any(n["code"] == "surveys.xlsform.version_formula" for n in notices):
            notices.append(message("surveys.xlsform.version_missing", version=stamp))
    row = book.rows["settings"][0] if book.rows.get("settings") else None
    if row is not None:
        row["form_id"] = chosen
        row.pop("id_string", None)
        for key in ("form_id", "version"):
            if key not in book.headers["settings"]:
                book.headers["settings"].append(key)
    else:
        book.rows["settings"] = [{"form_id": chosen}]
        book.headers["settings"] = ["form_id"]
    pyxform_warnings: list[str] = []
    try:
        result = convert(book.to_pyxform(), warnings=pyxform_warnings, form_name="data")
    except PyXFormError as error:
        raise FormError(problems.from_error(error, book)) from error
    except Exception as error:  # noqa: BLE001 - pyxform fails on odd input in many ways
        raise FormError(problems.from_error(error, book)) from error
    survey = result._pyxform
    return Converted(
        book=book,
        form_id=survey.get("id_string") or chosen,
        version=str(survey.get("version") or ""),
        xform=result.xform,
        survey=survey,
        warnings=notices + problems.from_warnings(result.warnings or [], book),
        itemsets=result.itemsets,
    )


# Storage kinds, as ODK Central compares fields between versions (its checkFieldDowncast):
# a question may become text (a string), but not the other way, and groups/repeats stay so.
_STRING = "string"
_KINDS = {
    "integer": "int",
    "int": "int",
    "decimal": "decimal",
    "range": "decimal",
    "date": "date",
    "time": "time",
    "dateTime": "dateTime",
    "start": "dateTime",
    "end": "dateTime",
    "today": "date",
    "geopoint": "geopoint",
    "geotrace": "geotrace",
    "geoshape": "geoshape",
    "photo": "binary",
    "image": "binary",
    "audio": "binary",
    "video": "binary",
    "file": "binary",
    "background-audio": "binary",
    "group": "structure",
    "repeat": "repeat",
}


def storage_kind(field_type: str) -> str:
    return _KINDS.get(field_type, _STRING)


def type_conflicts(form: Form, fields: list[dict]) -> list[Message]:
    """Questions whose type changed against a published version of the form (by path)."""
    seen: dict[str, tuple[dict, str]] = {}
    published = form.versions.filter(state=FormVersion.State.PUBLISHED).order_by("published_at")
    for version in published.only("version", "fields"):
        for field in version.fields:
            seen[field["path"]] = (field, version.version)
    conflicts = []
    for field in fields:
        if field["path"] not in seen:
            continue
        old, version = seen[field["path"]]
        old_kind, new_kind = storage_kind(old["type"]), storage_kind(field["type"])
        changed = (new_kind != _STRING and new_kind != old_kind) or (
            new_kind == _STRING and old_kind in ("structure", "repeat")
        )
        if changed:
            conflicts.append(
                message(
                    "surveys.xlsform.type_changed",
                    name=field["name"],
                    path=field["path"],
                    old=old["type"],
                    new=field["type"],
                    version=version,
                )
            )
    return conflicts


def _titles(converted: Converted) -> dict[str, str]:
    titles = dict(converted.book.titles)
    titles.setdefault("default", converted.survey.get("title") or converted.form_id)
    return titles


def _names(titles: dict[str, str]) -> dict[str, str]:
    return {
        "name_en": (titles.get("en") or titles.get("default") or "")[:200],
        "name_th": titles.get("th", "")[:200],
        "name_fa": titles.get("fa", "")[:200],
    }


def create_version_from_upload(
    *,
    user,
    uploaded_file,
    area=None,
    form: Form | None = None,
    registry_mapping: str = "",
) -> FormVersion:
    """A new draft version from an uploaded XLSForm (a new form when `form` is None).

    `area` (required for a new form) must be in the user's MANAGE_SURVEYS scope; a new
    version goes to `form`'s own area. An upload whose form ID names an existing form that
    the user may manage becomes a new version of it. Re-uploading the version string of an
    existing draft replaces that draft; a version string already published is refused.
    """
    data = uploaded_file.read()
    file_name = getattr(uploaded_file, "name", "") or "form.xlsx"
    converted = convert_workbook(data, file_name, form_id=form.xml_form_id if form else "")
    if form is not None and converted.form_id != form.xml_form_id:
        raise FormError(
            message(
                "surveys.xlsform.form_id_differs",
                form_id=converted.form_id,
                expected=form.xml_form_id,
            )
        )
    fields = xform_fields.flatten(converted.survey)
    titles = _titles(converted)
    with transaction.atomic():
        if form is None:
            form = Form.objects.select_for_update().filter(xml_form_id=converted.form_id).first()
            if form is not None:
                manageable = for_user(user, Perm.MANAGE_SURVEYS, Form.objects.filter(pk=form.pk))
                if not manageable.exists():
                    raise FormError(
                        message("surveys.xlsform.form_id_taken", form_id=converted.form_id)
                    )
        else:
            form = Form.objects.select_for_update().get(pk=form.pk)
        if form is None:
            if area is None:
                raise ValueError("a new form needs its area")
            if user is not None and not has_perm(user, Perm.MANAGE_SURVEYS, area):
                raise FormError(message("surveys.xlsform.area_out_of_scope"))
            try:
                with transaction.atomic():
                    form = Form.objects.create(
                        xml_form_id=converted.form_id,
                        area=area,
                        registry_mapping=registry_mapping,
                        created_by=user,
                        **_names(titles),
                    )
            except IntegrityError as error:  # the same new form ID uploaded twice at once
                raise FormError(
                    message("surveys.xlsform.form_id_taken", form_id=converted.form_id)
                ) from error
        elif user is not None and not may_manage(user, form):
            raise FormError(message("surveys.xlsform.area_out_of_scope"))
        existing = form.versions.filter(version=converted.version).first()
        previous = None
        if existing is not None:
            if existing.state != FormVersion.State.DRAFT:
                raise FormError(message("surveys.xlsform.version_used", version=converted.version))
            previous = existing
        conflicts = type_conflicts(form, fields)
        if conflicts:
            raise FormError(*conflicts)
        if previous is None:
            previous = (
                form.versions.filter(state=FormVersion.State.PUBLISHED)
                .order_by("-published_at", "-pk")
                .first()
            )
        carried = (
            {
                m.name: (m.file.name, m.md5, m.size, m.uploaded_at, m.uploaded_by_id)
                for m in previous.media.all()
                if m.file
            }
            if previous is not None
            else {}
        )
        if existing is not None:
            try:
                with transaction.atomic():
                    existing.delete()
            except ProtectedError as error:  # the draft already holds test submissions
                raise FormError(
                    message("surveys.xlsform.version_used", version=converted.version)
                ) from error
        xform = converted.xform
        version = FormVersion(
            form=form,
            version=converted.version,
            state=FormVersion.State.DRAFT,
            xlsform_name=file_name[:255],
            xlsform_sha256=hashlib.sha256(data).hexdigest(),
            xform=xform,
            xform_md5=hashlib.md5(xform.encode()).hexdigest(),  # noqa: S324 - OpenRosa's hash
            fields=fields,
            languages=xform_fields.languages(converted.survey),
            titles=titles,
            warnings=converted.warnings,
            created_by=user,
        )
        version.xlsform.save(
            file_name.rsplit("/", 1)[-1][:100] or "form.xlsx", ContentFile(data), save=False
        )
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError as error:  # the same version uploaded twice at once
            raise FormError(
                message("surveys.xlsform.version_used", version=converted.version)
            ) from error
        for name_key, value in _names(titles).items():
            if (
                value
                and getattr(form, name_key) != value
                and not form.versions.filter(state=FormVersion.State.PUBLISHED).exists()
            ):
                setattr(form, name_key, value)
        form.save()
        named = media_names(xform)
        if converted.itemsets:
            # select_one_external: ODK Collect reads the choices from itemsets.csv, which
            # pyxform writes from the external_choices sheet.
            named.setdefault("itemsets.csv", "file")
        for name, kind in named.items():
            media = FormMedia(version=version, name=name[:255], kind=kind)
            media.dataset = dataset_for(name) if kind == "file" else ""
            if media.dataset:
                pass  # made from live data at each request: nothing to upload
            elif name == "itemsets.csv" and converted.itemsets:
                content = converted.itemsets.encode()
                media.md5 = hashlib.md5(content).hexdigest()  # noqa: S324 - the manifest's hash
                media.size = len(content)
                media.uploaded_at = timezone.now()
                media.uploaded_by = user
                media.file.save(name, ContentFile(content), save=False)
            elif name in carried:
                path, md5, size, uploaded_at, uploaded_by_id = carried[name]
                media.file.name = path
                media.md5, media.size = md5, size
                media.uploaded_at, media.uploaded_by_id = uploaded_at, uploaded_by_id
            media.save()
    return version


def _check_draft(version: FormVersion) -> None:
    if version.state != FormVersion.State.DRAFT:
        raise FormError(message("surveys.media.version_locked", version=version.version))


def upload_media(*, version: FormVersion, user, uploaded_file) -> FormMedia:
    """Store a file the draft `version` names (matched by file name), with its md5."""
    _check_draft(version)
    name = (getattr(uploaded_file, "name", "") or "").rsplit("/", 1)[-1]
    media = version.media.filter(name=name).first()
    if media is None:
        expected = ", ".join(version.media.values_list("name", flat=True)) or "—"
        raise FormError(message("surveys.media.unknown_name", name=name, expected=expected))
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > media_max_bytes():
        raise FormError(message("surveys.media.too_large", limit=media_max_bytes()))
    digest = hashlib.md5()  # noqa: S324 - the OpenRosa manifest's hash
    total = 0
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
        total += len(chunk)
    if total == 0:
        raise FormError(message("surveys.media.empty"))
    if total > media_max_bytes():
        raise FormError(message("surveys.media.too_large", limit=media_max_bytes()))
    uploaded_file.seek(0)
    with transaction.atomic():
        locked = FormVersion.objects.select_for_update().get(pk=version.pk)
        _check_draft(locked)
        media.file.save(name, uploaded_file, save=False)
        media.md5 = digest.hexdigest()
        media.size = total
        media.uploaded_at = timezone.now()
        media.uploaded_by = user
        media.save()
    return media


def publish(version: FormVersion, user) -> FormVersion:
    """Publish a draft: it can then be downloaded and answered, and never changes again."""
    with transaction.atomic():
        locked = FormVersion.objects.select_for_update().select_related("form").get(pk=version.pk)
        if locked.state != FormVersion.State.DRAFT:
            raise FormError(message("surveys.publish.not_draft", version=locked.version))
        missing = list(locked.media.filter(file="", dataset="").values_list("name", flat=True))
        if missing:
            raise FormError(message("surveys.publish.missing_media", names=", ".join(missing)))
        conflicts = type_conflicts(locked.form, locked.fields)
        if conflicts:
            raise FormError(*conflicts)
        locked.state = FormVersion.State.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = user
        locked.save(update_fields=["state", "published_at", "published_by"])
    return locked


def may_manage(user, form: Form) -> bool:
    return has_perm(user, Perm.MANAGE_SURVEYS, form)


def current_version(form: Form) -> FormVersion | None:
    """The newest published version (the one ODK Collect downloads)."""
    return (
        form.versions.filter(state=FormVersion.State.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )
