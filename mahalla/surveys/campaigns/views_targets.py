"""Target areas of a campaign: a table to type counts in, and a CSV upload → check → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.people.roles import Perm
from mahalla.surveys.campaigns import selectors, services, target_csv
from mahalla.surveys.campaigns.forms import (
    MAX_TARGET_ROWS,
    TargetConfirmForm,
    TargetCsvForm,
    TargetLevelForm,
    TargetTableForm,
)
from mahalla.surveys.campaigns.views import get_campaign

PLAN_SALT = "surveys.campaign-targets"
PLAN_MAX_AGE = 3600  # seconds a checked file may wait for its confirmation


@login_required
def campaign_targets(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, Perm.MANAGE_SURVEYS)
    levels = list(selectors.target_levels(campaign))
    level_form = TargetLevelForm(request.GET or None, campaign=campaign)
    level = None
    if level_form.is_valid():
        level = level_form.cleaned_data["level"]
    elif levels and not request.GET.get("level"):
        level = next((lv for lv in levels if lv.is_community), levels[0])
        level_form = TargetLevelForm(initial={"level": level.pk}, campaign=campaign)
    areas, total = [], 0
    if level is not None:
        areas = selectors.level_areas(campaign=campaign, level=level, limit=MAX_TARGET_ROWS)
        total = selectors.level_area_count(campaign=campaign, level=level)
    current = selectors.current_targets(campaign)
    form = TargetTableForm(request.POST or None, areas=areas, current=current)
    if request.method == "POST" and level is not None and form.is_valid():
        counts = services.targets_set(
            campaign=campaign,
            expected=form.expected(),
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
        messages.success(
            request,
            _("Targets saved: %(created)s added, %(updated)s changed, %(removed)s removed.")
            % {k: _number(v) for k, v in counts.items()},
        )
        return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaigns/campaign_targets.html",
        {
            "campaign": campaign,
            "level_form": level_form,
            "level": level,
            "form": form,
            "total": total,
            "cut": total > len(areas),
            "upload_form": TargetCsvForm(),
        },
    )


def _number(value: int) -> str:
    from mahalla.core.i18n.digits import format_number

    return format_number(value)


@login_required
def campaign_targets_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a CSV and see what it would set: every bad row named, or a preview to confirm."""
    campaign = get_campaign(request, pk, Perm.MANAGE_SURVEYS)
    form = TargetCsvForm(request.POST or None, request.FILES or None)
    result = None
    plan = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read(target_csv.MAX_BYTES + 1)
        result = target_csv.read_targets(raw, root=campaign.area)
        if result.ok:
            rows = [[row.area.pk, row.expected] for row in result.rows]
            plan = signing.dumps({"campaign": campaign.pk, "rows": rows}, salt=PLAN_SALT)
    current = selectors.current_targets(campaign)
    for row in result.rows if result else []:
        row.current = current.get(row.area.pk)
    return render(
        request,
        "surveys/campaigns/campaign_targets_import.html",
        {
            "campaign": campaign,
            "form": form,
            "result": result,
            "confirm_form": TargetConfirmForm(initial={"plan": plan}) if plan else None,
        },
    )


@login_required
@require_POST
def campaign_targets_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the targets of a checked file, all at once (the file itself is not kept)."""
    campaign = get_campaign(request, pk, Perm.MANAGE_SURVEYS)
    form = TargetConfirmForm(request.POST)
    try:
        plan = signing.loads(form.data.get("plan", ""), salt=PLAN_SALT, max_age=PLAN_MAX_AGE)
    except signing.BadSignature:
        plan = None
    if not plan or plan.get("campaign") != campaign.pk:
        messages.error(request, _("This check has expired or is not valid: upload the file again."))
        return redirect("surveys:campaign_targets_import", pk=campaign.pk)
    expected = {int(area_id): int(value) or None for area_id, value in plan["rows"]}
    try:
        counts = services.targets_set(
            campaign=campaign, expected=expected, by=request.user, reason=_("CSV import")
        )
    except ValueError:
        messages.error(request, _("This check has expired or is not valid: upload the file again."))
        return redirect("surveys:campaign_targets_import", pk=campaign.pk)
    messages.success(
        request,
        _("Targets saved: %(created)s added, %(updated)s changed, %(removed)s removed.")
        % {k: _number(v) for k, v in counts.items()},
    )
    return redirect("surveys:campaign_detail", pk=campaign.pk)
