"""Submission pages: the list, one submission (answers, versions, review), my submissions,
attachments, and the bulk re-read job."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.core.jobs.leases import job_refresh
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.models import Form, SubmissionJob
from mahalla.surveys.submissions import display, jobs, review, selectors
from mahalla.surveys.submissions.files import attachment_response
from mahalla.surveys.submissions.forms import CommentForm, ReviewForm, SubmissionFilterForm

PAGE_SIZE = 25


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view_somewhere(request.user):
        raise PermissionDenied
    form = SubmissionFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    submissions = selectors.submission_list(user=request.user, **filters)
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen_form = filters.get("form")
    can_reparse = chosen_form is not None and has_perm(
        request.user, Perm.MANAGE_SURVEYS, chosen_form
    )
    return render(
        request,
        "surveys/submissions/submission_list.html",
        {
            "form": form,
            "page": page,
            "submissions": page.object_list,
            "filtered": any(filters.values()),
            "reparse_form": chosen_form if can_reparse else None,
        },
    )


def _get(request: HttpRequest, pk: int):
    submission = selectors.submission_get(user=request.user, pk=pk)
    if submission is None:
        if not selectors.may_view_somewhere(request.user) and not has_perm(
            request.user, Perm.SUBMIT
        ):
            raise PermissionDenied
        raise Http404
    return submission


def _versions(submission) -> list[dict]:
    versions = list(submission.versions.all())
    out = []
    previous = None
    for version in versions:
        fields = version.form_version.fields if version.form_version else []
        changes = None
        if previous is not None:
            changes = display.diff(fields, previous.data, version.data)
        out.append({"version": version, "changes": changes})
        previous = version
    return out


def _review_history(submission) -> list:
    """The submission's history, review changes only: placing in an area is the system's
    work and is written without history, so a later review row would otherwise carry it."""
    rows = []
    for row in history_rows(submission):
        row.changes = [c for c in row.changes if c.field == "review_state"]
        if row.changes or row.action != "~":
            rows.append(row)
    return rows


def _attachments(version) -> dict:
    return {a.name: a for a in version.attachments.all()} if version else {}


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    versions = list(submission.versions.all())
    current = next((v for v in versions if v.pk == submission.current_id), None)
    current = current or (versions[-1] if versions else None)
    fields = current.form_version.fields if current and current.form_version else []
    data = current.data if current else None
    may_review = review.may_review(request.user, submission)
    answers = display.answers(fields, data)
    attachments = _attachments(current)
    display.link_attachments(answers, attachments)
    return render(
        request,
        "surveys/submissions/submission_detail.html",
        {
            "submission": submission,
            "current": current,
            "answers": answers,
            "unknown_answers": display.unknown_answers(fields, data),
            "attachments": list(attachments.values()),
            "versions": _versions(submission) if len(versions) > 1 else [],
            "comments": list(submission.comments.all()),
            "may_review": may_review,
            "targets": review.review_targets(submission) if may_review else [],
            "may_comment": review.may_comment(request.user, submission),
            "comment_form": CommentForm(),
            "history_rows": _review_history(submission) if may_review else [],
            "map_area": submission.area,
        },
    )


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The chosen state and comment are shown again to confirm; the confirmed post applies."""
    submission = _get(request, pk)
    if not review.may_review(request.user, submission):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid() and form.cleaned_data["confirmed"]:
        try:
            review.submission_review(
                submission=submission,
                user=request.user,
                state=form.cleaned_data["state"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("The review state was changed."))
            return redirect("surveys:submission_detail", pk=submission.pk)
    state = form.cleaned_data.get("state") if form.is_valid() else request.POST.get("state")
    labels = dict(form.fields["state"].choices)
    return render(
        request,
        "surveys/submissions/submission_review.html",
        {"submission": submission, "form": form, "state": state, "state_label": labels.get(state)},
        status=200 if form.is_valid() else 400,
    )


@login_required
@require_POST
def submission_comment(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    if not review.may_comment(request.user, submission):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            review.submission_comment_add(
                submission=submission, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("surveys:submission_detail", pk=submission.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    if attachment is None or attachment.is_missing:
        raise Http404
    return attachment_response(attachment.file, attachment.name, attachment.content_type)


@login_required
def my_submissions(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.my_submissions(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/submissions/my_submissions.html",
        {"page": page, "submissions": page.object_list},
    )


# -- bulk re-read


@login_required
@require_POST
def reparse_start(request: HttpRequest, form_pk: int) -> HttpResponse:
    forms = for_user(request.user, Perm.MANAGE_SURVEYS, Form.objects.all())
    if not has_perm(request.user, Perm.MANAGE_SURVEYS):
        raise PermissionDenied
    form = get_object_or_404(forms, pk=form_pk)
    job = jobs.job_start(kind=SubmissionJob.Kind.REPARSE, form=form, user=request.user)
    return redirect("surveys:submission_job_detail", pk=job.pk)


def _get_job(request: HttpRequest, pk: int) -> SubmissionJob:
    if not has_perm(request.user, Perm.MANAGE_SURVEYS):
        raise PermissionDenied
    job = jobs.job_get(user=request.user, pk=pk)
    if job is None:
        raise Http404
    return job_refresh(job)


@login_required
def submission_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get_job(request, pk)
    template = "surveys/submissions/_job_progress.html" if request.htmx else None
    return render(
        request,
        template or "surveys/submissions/submission_job.html",
        {"job": job, "finished": not job.is_active},
    )


@login_required
@require_POST
def submission_job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get_job(request, pk)
    try:
        jobs.job_rerun(job=job)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("surveys:submission_job_detail", pk=job.pk)
