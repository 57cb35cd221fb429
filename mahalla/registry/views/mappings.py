"""Editing a form's registry mapping: which question fills which registry field.

For people who manage the form's surveys and may change the registry. Each field offers the
questions of the form's latest version whose type can fill it; the mapping is checked as a
whole before it is saved (`registry.mapping.mapping_save`), and every problem is named.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mahalla.core.flash import with_names
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.registry.ingest.targets import TARGETS, accepts
from mahalla.registry.mapping import (
    ensure_default_mapping,
    follow_up_without_ref,
    latest_version,
    mapping_save,
)
from mahalla.registry.models import FormMapping
from mahalla.surveys.models import Form


def _may_edit(user: Any, form: Form) -> bool:
    return has_perm(user, Perm.MANAGE_SURVEYS, form) and has_perm(
        user, Perm.CHANGE_REGISTRY, form.area
    )


def _question_label(question: dict, language: str) -> str:
    labels = question.get("labels") or {}
    text = labels.get(language) or labels.get("default") or labels.get("en") or question["name"]
    return f"{text} ({question['path'].strip('/')})"


class MappingForm(forms.Form):
    target = forms.ChoiceField(
        label=gettext_lazy("The form fills"), choices=FormMapping.Target.choices
    )
    active = forms.BooleanField(label=gettext_lazy("In use"), required=False)

    def __init__(
        self, *args: Any, questions: list[dict], target: str, language: str, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for spec in TARGETS[target].values():
            options = [
                (q["path"], _question_label(q, language))
                for q in questions
                if accepts(spec, q.get("type", ""))
            ]
            self.fields[f"map__{spec.key}"] = forms.ChoiceField(
                label=spec.label,
                required=False,
                choices=[("", gettext_lazy("— not filled —")), *options],
            )

    def mapped(self) -> dict[str, str]:
        return {
            name.removeprefix("map__"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("map__") and value
        }


@login_required
def mapping_list(request: HttpRequest) -> HttpResponse:
    forms_in_scope = for_user(request.user, Perm.MANAGE_SURVEYS, Form.objects.all())
    if not has_perm(request.user, Perm.CHANGE_REGISTRY):
        raise PermissionDenied
    rows = list(forms_in_scope.select_related("area", "mapping").order_by("xml_form_id")[:200])
    return render(request, "registry/mapping_list.html", {"forms": rows})


@login_required
def mapping_edit(request: HttpRequest, pk: int) -> HttpResponse:
    form = for_user(request.user, Perm.MANAGE_SURVEYS, Form.objects.select_related("area"))
    form = form.filter(pk=pk).first()
    if form is None:
        if not has_perm(request.user, Perm.MANAGE_SURVEYS):
            raise PermissionDenied
        raise Http404
    if not _may_edit(request.user, form):
        raise PermissionDenied
    mapping = ensure_default_mapping(form)
    version = latest_version(form)
    questions = [q for q in (version.fields if version else []) if q.get("type") not in ("group",)]
    target = request.POST.get("target") or (
        mapping.target if mapping else FormMapping.Target.HOUSEHOLD
    )
    if target not in TARGETS:
        target = FormMapping.Target.HOUSEHOLD
    language = (request.LANGUAGE_CODE or "en")[:2]
    initial = {"target": target, "active": mapping.active if mapping else True}
    if mapping is not None:
        initial |= {f"map__{m.target}": m.source for m in mapping.fields.all()}
    edit = MappingForm(
        request.POST if request.method == "POST" and "save" in request.POST else None,
        initial=initial, questions=questions, target=target, language=language,
    )  # fmt: skip
    if edit.is_bound and edit.is_valid():
        try:
            mapping_save(
                form=form, target=target, fields=edit.mapped(), user=request.user,
                active=edit.cleaned_data["active"],
            )  # fmt: skip
        except ValidationError as problems:
            for text in problems.messages:
                edit.add_error(None, text)
        else:
            messages.success(
                request,
                with_names(_("The registry mapping of %(form)s was saved."), form=form.name),
            )
            return redirect("registry:mapping_edit", pk=form.pk)
    return render(
        request,
        "registry/mapping_edit.html",
        {
            "survey_form": form,
            "mapping": mapping,
            "edit": edit,
            "version": version,
            "unused_ref": follow_up_without_ref(
                target,
                {m.target: m.source for m in mapping.fields.all()} if mapping else {},
                questions,
            ),
        },
        status=400 if edit.errors else 200,
    )
