"""Development documents: needs with their score, actions, submission and the approval
levels' decisions, in order."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.governance import selectors
from mahalla.governance.forms import ActionForm, DecisionForm, DocumentForm, NeedForm
from mahalla.governance.models import DevelopmentDocument, Need
from mahalla.governance.services import documents as services
from mahalla.governance.views.common import (
    PAGE_SIZE,
    add_errors,
    body_or_404,
    flash_errors,
    managed_body,
    today_of,
)
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm


def _documents(user):
    return for_user(user, Perm.VIEW_GOVERNANCE, DevelopmentDocument.objects.all())


def document_or_404(request: HttpRequest, pk: int) -> DevelopmentDocument:
    found = (
        _documents(request.user)
        .select_related("area", "body__calendar", "scheme")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        if not selectors.may_view(request.user):
            raise PermissionDenied
        raise Http404
    return found


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view(request.user):
        raise PermissionDenied
    rows = _documents(request.user).select_related("area", "body").order_by("-created_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "governance/document_list.html", {"page": page, "documents": page.object_list}
    )


@login_required
def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, body_or_404(request, pk))
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        document.body, document.area, document.created_by = body, body.area, request.user
        document._history_user = request.user
        document.save()
        messages.success(request, _("The document was started: add the residents' needs."))
        return redirect("governance:document_detail", pk=document.pk)
    return render(request, "governance/document_form.html", {"body": body, "form": form})


def _context(request: HttpRequest, document: DevelopmentDocument, **forms) -> dict:
    may_edit = (
        selectors.may_manage(request.user, document.body) and document.status in services.EDITABLE
    )
    level, approver = services.current_level(document)
    may_decide = approver is not None and selectors.may_manage(request.user, approver)
    chain = [(lvl, services.approving_body(document, lvl)) for lvl in services.levels(document)]
    context = {
        "document": document,
        "today": today_of(document.body),
        "scored": services.scored_needs(document),
        "actions": document.actions.select_related("owner", "need", "resolution"),
        "decisions": document.decisions.select_related("body", "by"),
        "chain": chain,
        "level": level,
        "approver": approver,
        "may_edit": may_edit,
        "may_vote": document.status in services.EDITABLE,
        "voted": set(
            document.needs.filter(app_votes__user=request.user).values_list("pk", flat=True)
        ),
        "may_decide": may_decide,
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, document.body),
    }
    if may_edit:
        context["need_form"] = forms.get("need_form") or NeedForm()
        context["action_form"] = forms.get("action_form") or ActionForm(document=document)
    if may_decide:
        context["decision_form"] = forms.get("decision_form") or DecisionForm(
            initial={"rank": document.current_rank}
        )
    if context["can_view_history"]:
        context["history_rows"] = history_rows(document)
    return context


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    return render(request, "governance/document_detail.html", _context(request, document))


def _edited(request: HttpRequest, document: DevelopmentDocument) -> None:
    if not selectors.may_manage(request.user, document.body):
        raise PermissionDenied


def _add(request: HttpRequest, pk: int, form_class, service, done: str, key: str) -> HttpResponse:
    """A need or an action added to a document; the page again with the errors otherwise."""
    document = document_or_404(request, pk)
    _edited(request, document)
    extra = {"document": document} if form_class is ActionForm else {}
    form = form_class(request.POST, **extra)
    if form.is_valid():
        try:
            service(document=document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("governance:document_detail", pk=document.pk)
    return render(
        request,
        "governance/document_detail.html",
        _context(request, document, **{key: form}),
        status=400,
    )


@require_POST
@login_required
def need_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(request, pk, NeedForm, services.need_add, _("The need was added."), "need_form")


@require_POST
@login_required
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request, pk, ActionForm, services.action_add, _("The action was added."), "action_form"
    )


@require_POST
@login_required
def need_vote(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need, pk=pk)
    document = document_or_404(request, need.document_id)
    try:
        counted = services.vote(need=need, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        if counted:
            messages.success(request, _("Your vote was counted."))
        else:
            messages.info(request, _("You had already voted for this need."))
    return redirect("governance:document_detail", pk=document.pk)


@require_POST
@login_required
def document_submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    _edited(request, document)
    try:
        services.submit(document=document, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The document was sent to its first approval level."))
    return redirect("governance:document_detail", pk=document.pk)


@require_POST
@login_required
def document_decide(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    _level, approver = services.current_level(document)
    if approver is None or not selectors.may_manage(request.user, approver):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("governance:document_detail", pk=document.pk)
    try:
        services.decide(
            document=document,
            rank=form.cleaned_data["rank"],
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            by=request.user,
        )
    except ValidationError as error:
        add_errors(form, error)
        return render(
            request,
            "governance/document_detail.html",
            _context(request, document, decision_form=form),
            status=409 if not hasattr(error, "error_dict") else 400,
        )
    messages.success(request, _("Your decision was recorded."))
    return redirect("governance:document_detail", pk=document.pk)
