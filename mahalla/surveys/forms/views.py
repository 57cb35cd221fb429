"""Survey form pages: list, form, upload (new form or new version), version, media, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.core.jobs.messages import render as render_message
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area
from mahalla.surveys.forms import preview, selectors, services
from mahalla.surveys.forms.forms import FormSearchForm, MediaUploadForm, XLSFormUploadForm
from mahalla.surveys.models import FormVersion

PAGE_SIZE = 25


def _require_view(request: HttpRequest) -> None:
    if not selectors.may_see_forms(request.user):
        raise PermissionDenied


@login_required
def forms_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    search = FormSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    page = Paginator(selectors.form_search(user=request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/forms/form_list.html",
        {
            "form": search,
            "page": page,
            "forms": page.object_list,
            "searched": bool(q.strip()),
            "can_upload": not user_scope(request.user, Perm.MANAGE_SURVEYS).is_empty,
        },
    )


def _upload(request: HttpRequest, upload_form: XLSFormUploadForm, **kwargs):
    try:
        return services.create_version_from_upload(
            user=request.user, uploaded_file=upload_form.cleaned_data["file"], **kwargs
        )
    except services.FormError as error:
        return error.messages


@login_required
def forms_new(request: HttpRequest) -> HttpResponse:
    areas = for_user(
        request.user, Perm.MANAGE_SURVEYS, Area.objects.select_related("level").order_by("path")
    )
    if user_scope(request.user, Perm.MANAGE_SURVEYS).is_empty:
        raise PermissionDenied
    posted = request.method == "POST"
    upload_form = XLSFormUploadForm(
        request.POST if posted else None, request.FILES if posted else None, areas=areas
    )
    problems = []
    if posted and upload_form.is_valid():
        result = _upload(request, upload_form, area=upload_form.cleaned_data["area"])
        if isinstance(result, FormVersion):
            return redirect("surveys:forms_version", pk=result.pk)
        problems = result
    return render(
        request,
        "surveys/forms/upload.html",
        {"upload_form": upload_form, "problems": problems, "target": None},
    )


def _get_form(request: HttpRequest, pk: int):
    _require_view(request)
    form = selectors.form_get(user=request.user, pk=pk)
    if form is None:
        raise Http404
    return form


@login_required
def forms_detail(request: HttpRequest, pk: int) -> HttpResponse:
    form = _get_form(request, pk)
    versions = list(
        form.versions.select_related("created_by", "published_by").order_by("-created_at", "-pk")
    )
    history = sorted(
        [*history_rows(form, limit=20), *(r for v in versions[:10] for r in history_rows(v, 10))],
        key=lambda row: row.when,
        reverse=True,
    )
    current = services.current_version(form)
    return render(
        request,
        "surveys/forms/form_detail.html",
        {
            "survey_form": form,
            "versions": versions,
            "current": current,
            "title": preview.title(current or versions[0]) if versions else form.xml_form_id,
            "can_manage": services.may_manage(request.user, form),
            "history_rows": history[:30],
        },
    )


@login_required
def forms_version_new(request: HttpRequest, pk: int) -> HttpResponse:
    form = _get_form(request, pk)
    if not services.may_manage(request.user, form):
        raise PermissionDenied
    posted = request.method == "POST"
    upload_form = XLSFormUploadForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    problems = []
    if posted and upload_form.is_valid():
        result = _upload(request, upload_form, form=form)
        if isinstance(result, FormVersion):
            return redirect("surveys:forms_version", pk=result.pk)
        problems = result
    return render(
        request,
        "surveys/forms/upload.html",
        {"upload_form": upload_form, "problems": problems, "target": form},
    )


def _get_version(request: HttpRequest, pk: int) -> FormVersion:
    _require_view(request)
    version = selectors.version_get(user=request.user, pk=pk)
    if version is None:
        raise Http404
    return version


def _version_page(request, version: FormVersion, *, media_form=None, status=200):
    media = list(version.media.all())
    return render(
        request,
        "surveys/forms/version_detail.html",
        {
            "version": version,
            "survey_form": version.form,
            "title": preview.title(version),
            "questions": preview.questions(version),
            "media": media,
            "missing": [m for m in media if m.is_missing],
            "media_form": media_form or MediaUploadForm(),
            "can_manage": services.may_manage(request.user, version.form),
        },
        status=status,
    )


@login_required
def forms_version(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_page(request, _get_version(request, pk))


@login_required
@require_POST
def forms_version_media(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request, pk)
    if not services.may_manage(request.user, version.form):
        raise PermissionDenied
    media_form = MediaUploadForm(request.POST, request.FILES)
    if media_form.is_valid():
        try:
            media = services.upload_media(
                version=version, user=request.user, uploaded_file=media_form.cleaned_data["file"]
            )
        except services.FormError as error:
            for problem in error.messages:
                media_form.add_error("file", render_message(problem))
        else:
            messages.success(request, _("%(name)s was uploaded.") % {"name": media.name})
            return redirect("surveys:forms_version", pk=version.pk)
    return _version_page(request, version, media_form=media_form, status=400)


@login_required
def forms_version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request, pk)
    if not services.may_manage(request.user, version.form):
        raise PermissionDenied
    problems = []
    if request.method == "POST":
        try:
            services.publish(version, request.user)
        except services.FormError as error:
            problems = error.messages
        else:
            messages.success(
                request, _("Version %(version)s is published.") % {"version": version.version}
            )
            return redirect("surveys:forms_version", pk=version.pk)
    return render(
        request,
        "surveys/forms/version_publish.html",
        {
            "version": version,
            "survey_form": version.form,
            "title": preview.title(version),
            "problems": problems,
            "missing": list(version.media.filter(file="", dataset="")),
        },
        status=400 if problems else 200,
    )


@login_required
def forms_version_xlsform(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request, pk)
    if not version.xlsform:
        raise Http404
    return FileResponse(
        version.xlsform.open("rb"),
        as_attachment=True,
        filename=version.xlsform_name or f"{version.form.xml_form_id}.xlsx",
    )


@login_required
def forms_version_xform(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request, pk)
    response = HttpResponse(version.xform, content_type="text/xml; charset=utf-8")
    name = f"{version.form.xml_form_id}-{version.version}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
