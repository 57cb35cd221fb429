"""Taking in one submission: raw first, then processing after the commit.

`receive_submission` is the one way a submission enters mahalla, from ODK Collect (the
OpenRosa views) and from the web form alike. In one transaction it stores the XML exactly as
received (with its SHA-256) and every attachment the XML names (a row with an empty file for
one that has not arrived yet), and only after the commit queues `processing.process_version`
for the worker, which parses and places it. Before storing it reads just the root's attributes
and `meta` (see `instance.py`).

As ODK Central does:
- the same instanceID with the identical XML adds the attachments that were missing (201);
  when there is nothing new it is a duplicate (202, as KoboToolbox answers) and nothing is
  stored twice; with different XML it is a conflict (409);
- an edit (`meta/deprecatedID` naming the current version) is a new version of the same
  submission, whose review state becomes "edited"; an edit of an older version is a 409;
- the form version in the XML must be a published version of a form the sender may submit
  to; a closed campaign, or one not started, refuses (403).
Two senders of the same instanceID at once: the unique constraint lets one insert win; the
other finds it and is answered as a resend (202 or 409).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from mahalla.core.jobs.messages import Message, message
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.campaigns.services import accepts_submissions
from mahalla.surveys.models import (
    AppUser,
    Attachment,
    Campaign,
    Form,
    FormVersion,
    ReviewState,
    Submission,
    SubmissionVersion,
)
from mahalla.surveys.openrosa import one_statement, prepared
from mahalla.surveys.openrosa.instance import (
    Instance,
    InstanceError,
    binary_paths,
    read_instance,
)
from mahalla.surveys.submissions import processing
from mahalla.surveys.teams import campaigns_for

CREATED, DUPLICATE, BAD, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE = (
    201,
    202,
    400,
    403,
    404,
    409,
    413,
)


@dataclass
class IntakeResult:
    status: int
    message: Message
    submission: Submission | None = None
    version: SubmissionVersion | None = None

    @property
    def ok(self) -> bool:
        return self.status in (CREATED, DUPLICATE)


class Refusal(Exception):
    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.result = IntakeResult(status, message(code, **params))


def megabytes(size: int) -> int | float:
    value = size / (1024 * 1024)
    return int(value) if value == int(value) else round(value, 1)


def receive_submission(
    *,
    xml: bytes,
    files: list[UploadedFile],
    user=None,
    app_user: AppUser | None = None,
    campaign: Campaign | None = None,
    device_id: str = "",
    user_agent: str = "",
    preloaded: tuple[Instance, FormVersion | None] | None = None,
) -> IntakeResult:
    """Store one submission (or add its missing files, or an edit); see the module doc.

    `preloaded` is the XML's already-read instance and the version it names (None: no such
    version), found with the app user in one statement (`prepared.app_user_and_version`)."""
    try:
        limit = settings.OPENROSA_MAX_XML_BYTES
        if len(xml) > limit:
            raise Refusal(TOO_LARGE, "surveys.openrosa.xml_too_large", limit=megabytes(limit))
        if preloaded is not None:
            instance = preloaded[0]
        else:
            try:
                instance = read_instance(xml)
            except InstanceError as error:
                raise Refusal(BAD, error.code, **error.params) from error
        found = preloaded[1] if preloaded is not None else _LOOK_UP
        form, version, campaign = _target(instance, user, app_user, campaign, found)
        return _store(
            xml=xml,
            files=files,
            instance=instance,
            form=form,
            version=version,
            campaign=campaign,
            user=user if user is not None and user.is_authenticated else None,
            app_user=app_user,
            device_id=device_id[:200],
            user_agent=user_agent[:300],
        )
    except Refusal as refusal:
        return refusal.result


# -- who may send what where


_LOOK_UP = object()  # _target's version not given: look it up


def _target(instance: Instance, user, app_user, campaign, version=_LOOK_UP):
    """The form, its published version and the campaign the submission belongs to.

    One query finds the version (with its form and, for an app user, whether its campaign
    has the form); the refusals' details are looked up only when refusing."""
    if app_user is not None:
        if not app_user.is_active:
            raise Refusal(FORBIDDEN, "surveys.openrosa.token_revoked")
        campaign = app_user.campaign
    if version is not _LOOK_UP:
        pass  # found with the app user
    elif campaign is not None and prepared.available():
        version = prepared.version_in_campaign(instance.form_id, instance.version, campaign.pk)
    else:
        version = _version_orm(instance, campaign)
    form = version.form if version is not None else _form(instance.form_id)
    unknown = Refusal(NOT_FOUND, "surveys.openrosa.unknown_form", form_id=instance.form_id)
    if form is None:
        raise unknown
    in_campaign = (
        version.in_campaign
        if version is not None and campaign is not None
        else campaign is not None and campaign.form_versions.filter(form=form).exists()
    )
    if app_user is not None:
        if not in_campaign:
            raise unknown
    elif user is not None and user.is_authenticated:
        if not has_perm(user, Perm.SUBMIT):
            raise Refusal(FORBIDDEN, "surveys.openrosa.no_permission")
        if not for_user(user, Perm.SUBMIT, Form.objects.filter(pk=form.pk)).exists():
            # Not in their own scope: allowed through a campaign they may send for.
            teams = campaigns_for(user, version) if version is not None else None
            if teams is None or not teams.exists():
                raise unknown
            if campaign is None:
                campaign = _campaign_for(user, version, among=teams)
            elif not teams.filter(pk=campaign.pk).exists():
                raise unknown
            in_campaign = True
    elif campaign is None:
        raise Refusal(FORBIDDEN, "surveys.openrosa.no_permission")

    if version is None or version.state == FormVersion.State.DRAFT:
        raise Refusal(
            NOT_FOUND,
            "surveys.openrosa.version_not_published",
            version=instance.version,
            form_id=form.xml_form_id,
        )
    if version.state != FormVersion.State.PUBLISHED:
        raise Refusal(FORBIDDEN, "surveys.openrosa.not_accepting", form_id=form.xml_form_id)

    if campaign is None:
        campaign = _campaign_for(user, version)
    elif app_user is None and not in_campaign:
        raise Refusal(
            FORBIDDEN,
            "surveys.openrosa.not_in_campaign",
            form_id=form.xml_form_id,
            campaign=_names(campaign),
        )
    if campaign is not None:
        _check_open(campaign)
    return form, version, campaign


def _version_orm(instance: Instance, campaign: Campaign | None) -> FormVersion | None:
    versions = (
        FormVersion.objects.select_related("form")
        .defer(*_LARGE)
        .filter(form__xml_form_id=instance.form_id, version=instance.version)
    )
    if campaign is not None:
        versions = versions.annotate(
            in_campaign=Exists(
                Campaign.form_versions.through.objects.filter(
                    campaign_id=campaign.pk, formversion__form_id=OuterRef("form_id")
                )
            )
        )
    return versions.order_by().first()


# A version's large columns, not read on the intake's path (its file questions are cached).
_LARGE = prepared.VERSION_SKIPPED
_BINARY_PATHS: dict[tuple[int, str], frozenset[str]] = {}


def _binary_paths(version: FormVersion) -> frozenset[str]:
    """The version's file questions. Only published versions take submissions, and a
    published version never changes: each process reads them once per version (keyed by
    its XForm's checksum too, so a reused id never finds another form's questions)."""
    key = (version.pk, version.xform_md5)
    paths = _BINARY_PATHS.get(key)
    if paths is None:
        fields = FormVersion.objects.filter(pk=version.pk).values_list("fields", flat=True)[0]
        paths = frozenset(binary_paths(fields))
        if len(_BINARY_PATHS) > 1000:
            _BINARY_PATHS.clear()
        _BINARY_PATHS[key] = paths
    return paths


def _form(xml_form_id: str) -> Form | None:
    return Form.objects.filter(xml_form_id=xml_form_id).order_by().first()


def _campaign_for(user, version: FormVersion, among=None) -> Campaign | None:
    """A signed-in surveyor's submission goes to an open campaign of this version (theirs
    first); a version that only closed campaigns use is refused; none at all is fine."""
    campaigns = list(among if among is not None else version.campaigns.all())
    if not campaigns:
        return None
    open_ones = [c for c in campaigns if is_open(c)]
    if not open_ones:
        return campaigns[0]  # refused by _check_open with its name
    mine = set(
        Campaign.objects.filter(pk__in=[c.pk for c in open_ones], surveyors=user).values_list(
            "pk", flat=True
        )
    )
    return next((c for c in open_ones if c.pk in mine), open_ones[0])


def is_open(campaign: Campaign) -> bool:
    return accepts_submissions(campaign) is None


def _check_open(campaign: Campaign) -> None:
    """The campaign's own rule (closed, ended, not started, not opened), with its message."""
    why = accepts_submissions(campaign)
    if why is not None:
        raise Refusal(FORBIDDEN, why["code"], **why["params"])


def _names(campaign: Campaign) -> dict:
    from mahalla.core.jobs.messages import names

    return names(campaign)


# -- storing


def _store(*, xml, files, instance, form, version, campaign, user, app_user, device_id, user_agent):
    sha = hashlib.sha256(xml).hexdigest()
    by_name = {_file_name(f): f for f in files}
    if not instance.deprecated_id and one_statement.available():
        stored = _store_new(
            xml=xml,
            sha=sha,
            by_name=by_name,
            instance=instance,
            form=form,
            version=version,
            campaign=campaign,
            user=user,
            app_user=app_user,
            device_id=device_id,
            user_agent=user_agent,
        )
        if stored is not None:
            return stored
        # The form knows this instanceID already: a resend, answered by the path below.
    for _attempt in range(2):
        saved: list[str] = []
        try:
            with transaction.atomic():
                existing = (
                    SubmissionVersion.objects.select_for_update()
                    .filter(submission__form=form, instance_id=instance.instance_id)
                    .select_related("submission")
                    .order_by("pk")
                    .first()
                )
                if existing is not None:
                    return _resend(existing, sha, by_name, saved)
                if instance.deprecated_id:
                    submission = _edited(form, instance)
                else:
                    submission = Submission.objects.create(
                        form=form,
                        instance_id=instance.instance_id,
                        campaign=campaign,
                        submitted_by=user,
                        app_user=app_user,
                    )
                new = SubmissionVersion.objects.create(
                    submission=submission,
                    instance_id=instance.instance_id,
                    deprecated_id=instance.deprecated_id,
                    form_version=version,
                    xml=xml,
                    xml_sha256=sha,
                    device_id=device_id,
                    user_agent=user_agent,
                    submitted_by=user,
                    app_user=app_user,
                )
                names = instance.attachment_names(_binary_paths(version), set(by_name))
                _attach(new, names, by_name, saved)
                submission.current = new
                if instance.deprecated_id:
                    # A change of review state is history; `current` alone is not (the
                    # history leaves it out), so a new submission saves no second record.
                    submission.review_state = ReviewState.EDITED
                    submission.save(update_fields=["current", "review_state", "updated_at"])
                else:
                    Submission.objects.filter(pk=submission.pk).update(current=new)
                transaction.on_commit(lambda pk=new.pk: processing.enqueue_version(pk))
                code = (
                    "surveys.openrosa.edit_received"
                    if instance.deprecated_id
                    else "surveys.openrosa.received"
                )
                return IntakeResult(CREATED, message(code), submission, new)
        except IntegrityError:
            # Another request stored this instanceID between our look-up and our insert:
            # look again, and answer as to a resend.
            _delete_files(saved)
            continue
        except BaseException:
            # Rolled back: the files saved for it would belong to no row.
            _delete_files(saved)
            raise
    raise Refusal(CONFLICT, "surveys.openrosa.conflict", instance_id=instance.instance_id)


def _edited(form: Form, instance: Instance) -> Submission:
    replaced = (
        SubmissionVersion.objects.select_related("submission")
        .filter(submission__form=form, instance_id=instance.deprecated_id)
        .order_by("pk")
        .first()
    )
    if replaced is None:
        raise Refusal(
            NOT_FOUND, "surveys.openrosa.edit_unknown", instance_id=instance.deprecated_id
        )
    submission = Submission.objects.select_for_update().get(pk=replaced.submission_id)
    if submission.current_id != replaced.pk:
        raise Refusal(
            CONFLICT, "surveys.openrosa.edit_not_current", instance_id=instance.deprecated_id
        )
    return submission


def _resend(
    existing: SubmissionVersion, sha: str, by_name: dict[str, UploadedFile], saved: list[str]
):
    submission = existing.submission
    if existing.xml_sha256 != sha:
        raise Refusal(CONFLICT, "surveys.openrosa.conflict", instance_id=existing.instance_id)
    missing = [
        a for a in existing.attachments.select_for_update().filter(file="") if a.name in by_name
    ]
    for attachment in missing:
        _fill(attachment, by_name[attachment.name])
        saved.append(attachment.file.name)
        attachment.save()
    if not missing:
        return IntakeResult(DUPLICATE, message("surveys.openrosa.duplicate"), submission, existing)
    transaction.on_commit(lambda pk=existing.pk: processing.enqueue_version(pk))
    return IntakeResult(
        CREATED, message("surveys.openrosa.attachments_merged"), submission, existing
    )


def _attach(
    version: SubmissionVersion | None,
    names: list[str],
    by_name: dict[str, UploadedFile],
    saved: list[str],
) -> list[Attachment]:
    rows = []
    for name in names:
        attachment = Attachment(version=version, name=name)
        if name in by_name:
            _fill(attachment, by_name[name])
            saved.append(attachment.file.name)
        rows.append(attachment)
    if version is not None:
        Attachment.objects.bulk_create(rows)
    return rows


def _delete_files(names: list[str]) -> None:
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
    names.clear()


def _store_new(
    *, xml, sha, by_name, instance, form, version, campaign, user, app_user, device_id, user_agent
) -> IntakeResult | None:
    """A new submission in one statement (PostgreSQL, see `one_statement`); None when the
    form already knows the instanceID, with nothing written."""
    saved: list[str] = []
    try:
        names = instance.attachment_names(_binary_paths(version), set(by_name))
        files = _attach(None, names, by_name, saved)
        now = timezone.now()
        ids = one_statement.insert_new(
            form_id=form.pk,
            campaign_id=campaign.pk if campaign is not None else None,
            form_version_id=version.pk,
            instance_id=instance.instance_id,
            xml=xml,
            sha=sha,
            user_id=user.pk if user is not None else None,
            app_user_id=app_user.pk if app_user is not None else None,
            history_user_id=_history_user_id(),
            device_id=device_id,
            user_agent=user_agent,
            now=now,
            attachments=_new_attachments(files),
        )
    except BaseException:
        _delete_files(saved)
        raise
    if ids is None:
        _delete_files(saved)
        return None
    submission_id, version_id = ids
    if app_user is not None:
        _remember(form, version)
    if not one_statement.queues_in_database():
        transaction.on_commit(lambda pk=version_id: processing.enqueue_version(pk))
    # The rows as stored, built without reading them back.
    submission = Submission(
        pk=submission_id,
        form=form,
        instance_id=instance.instance_id,
        campaign=campaign,
        submitted_by=user,
        app_user=app_user,
        current_id=version_id,
        created_at=now,
        updated_at=now,
    )
    new = SubmissionVersion(
        pk=version_id,
        submission=submission,
        instance_id=instance.instance_id,
        form_version=version,
        xml=xml,
        xml_sha256=sha,
        device_id=device_id,
        user_agent=user_agent,
        submitted_by=user,
        app_user=app_user,
        received_at=now,
    )
    for row in (submission, new):
        row._state.adding = False
        row._state.db = "default"
    return IntakeResult(CREATED, message("surveys.openrosa.received"), submission, new)


# (form ID, version) → (XForm checksum, file questions) of versions this process stored a
# submission for: what an app user's next submission needs to be checked and stored in one
# statement (`store_checked`). The statement re-checks the checksum, so a version deleted
# and made again differently is never taken for the one remembered.
_KNOWN: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}


def _remember(form: Form, version: FormVersion) -> None:
    if len(_KNOWN) > 1000:
        _KNOWN.clear()
    _KNOWN[(form.xml_form_id, version.version)] = (version.xform_md5, _binary_paths(version))


def store_checked(
    *,
    token: str,
    instance: Instance,
    xml: bytes,
    files: list[UploadedFile],
    device_id: str,
    user_agent: str,
) -> tuple[IntakeResult, dict[str, str]] | None:
    """An app user's new submission stored by one statement that also makes every check of
    the general path (PostgreSQL; `one_statement.insert_checked`): the result and the names
    of the campaign's area (for the answer's language). None, with nothing written, when the
    general path must answer: a version not yet seen by this process, an edit, a resend,
    or any refusal."""
    known = _KNOWN.get((instance.form_id, instance.version))
    if known is None or instance.deprecated_id or len(xml) > settings.OPENROSA_MAX_XML_BYTES:
        return None
    xform_md5, paths = known
    by_name = {_file_name(f): f for f in files}
    saved: list[str] = []
    try:
        rows = _attach(None, instance.attachment_names(paths, set(by_name)), by_name, saved)
        now = timezone.now()
        found = one_statement.insert_checked(
            token=token,
            form_id=instance.form_id,
            version=instance.version,
            xform_md5=xform_md5,
            today=timezone.localdate(),  # the day `accepts_submissions` judges by
            instance_id=instance.instance_id,
            xml=xml,
            sha=hashlib.sha256(xml).hexdigest(),
            device_id=device_id[:200],
            user_agent=user_agent[:300],
            now=now,
            attachments=_new_attachments(rows),
        )
    except BaseException:
        _delete_files(saved)
        raise
    if found is None:
        _delete_files(saved)
        return None
    _submission_id, version_id, name_th, name_fa = found
    if not one_statement.queues_in_database():
        transaction.on_commit(lambda pk=version_id: processing.enqueue_version(pk))
    result = IntakeResult(CREATED, message("surveys.openrosa.received"))
    return result, {"name_th": name_th, "name_fa": name_fa}


def _new_attachments(rows: list[Attachment]) -> list[one_statement.NewAttachment]:
    return [
        one_statement.NewAttachment(
            name=f.name,
            file=f.file.name or "",
            sha256=f.sha256,
            size=f.size,
            content_type=f.content_type,
            received_at=f.received_at,
        )
        for f in rows
    ]


def _history_user_id() -> int | None:
    """The user django-simple-history would record: the signed-in user of the request."""
    from simple_history.models import HistoricalRecords

    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _fill(attachment: Attachment, upload: UploadedFile) -> None:
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    attachment.file.save(attachment.name, upload, save=False)
    attachment.sha256 = digest.hexdigest()
    attachment.size = size
    attachment.content_type = (getattr(upload, "content_type", "") or "")[:100]
    attachment.received_at = timezone.now()


def _file_name(upload: UploadedFile) -> str:
    return (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
