"""Campaign pages: list, create, edit, and one campaign with its progress table and map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from mahalla.core.api import parse_id
from mahalla.core.history import history_rows
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.surveys.campaigns import map_data, progress, selectors, services
from mahalla.surveys.campaigns.forms import CampaignFilterForm, CampaignForm
from mahalla.surveys.models import Campaign

PAGE_SIZE = 20


def _require(user, perm: str) -> None:
    """403 for a permission held nowhere (a record out of scope is a 404 later)."""
    if not has_perm(user, perm):
        raise PermissionDenied


def get_campaign(request: HttpRequest, pk: int, perm: str) -> Campaign:
    _require(request.user, perm)
    campaign = selectors.campaign_get(user=request.user, pk=pk, perm=perm)
    if campaign is None:
        raise Http404
    return campaign


def _app_users_url(campaign: Campaign) -> str:
    """The OpenRosa engineer's app-user page, when it exists."""
    try:
        return reverse("surveys:app_user_list", kwargs={"pk": campaign.pk})
    except NoReverseMatch:
        try:
            return reverse("surveys:app_user_list")
        except NoReverseMatch:
            return ""


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, Perm.VIEW_SUBMISSIONS)
    form = CampaignFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    campaigns = selectors.campaign_list(
        user=request.user, q=filters.get("q", ""), status=filters.get("status", "")
    )
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/campaigns/campaign_list.html",
        {
            "form": form,
            "page": page,
            "campaigns": page.object_list,
            "filtered": any(filters.values()),
            "can_create": has_perm(request.user, Perm.MANAGE_SURVEYS),
        },
    )


def _save(request: HttpRequest, form: CampaignForm) -> Campaign | None:
    campaign = form.save(commit=False)
    try:
        return services.campaign_save(
            campaign=campaign,
            by=request.user,
            form_versions=form.cleaned_data["form_versions"],
            surveyors=form.cleaned_data["surveyors"],
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, Perm.MANAGE_SURVEYS)
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = _save(request, form)
        if campaign is not None:
            messages.success(request, _("The campaign was created. Add its target areas next."))
            return redirect("surveys:campaign_targets", pk=campaign.pk)
    return render(request, "surveys/campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, Perm.MANAGE_SURVEYS)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        if saved is not None:
            messages.success(request, _("The campaign was saved."))
            return redirect("surveys:campaign_detail", pk=saved.pk)
    return render(
        request, "surveys/campaigns/campaign_form.html", {"form": form, "campaign": campaign}
    )


def _level(request: HttpRequest, campaign: Campaign):
    raw = request.GET.get("area")
    pk = None if raw in (None, "") else parse_id(raw)
    if raw not in (None, "") and pk is None:
        raise Http404
    area = selectors.area_in_campaign(campaign=campaign, pk=pk)
    if area is None:
        raise Http404
    return area


def _aria_sort(sort: str) -> dict[str, str]:
    """The sorted column's aria-sort: names read A→Z by default, figures largest first."""
    key = sort.lstrip("-")
    natural = "ascending" if key == "name" else "descending"
    other = "descending" if natural == "ascending" else "ascending"
    return {key: other if sort.startswith("-") else natural}


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, Perm.VIEW_SUBMISSIONS)
    area = _level(request, campaign)
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in progress.SORTS:
        sort = "name"
    level = progress.level_progress(campaign=campaign, parent=area, sort=sort)
    can_manage = has_perm(request.user, Perm.MANAGE_SURVEYS, campaign)
    context = {
        "campaign": campaign,
        "area": area,
        "trail": selectors.area_trail(campaign=campaign, area=area),
        "level": level,
        "sort": sort,
        "aria_sort": _aria_sort(sort),
        "closed_reason": services.accepts_submissions(campaign),
        "versions": campaign.form_versions.select_related("form"),
        "surveyors": campaign.surveyors.all(),
        "can_manage": can_manage,
        "app_users_url": _app_users_url(campaign) if can_manage else "",
        "has_map": any(row.area.geometry_kind for row in level.rows),
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, campaign.area),
    }
    if context["can_view_history"]:
        context["history_rows"] = history_rows(campaign)
        context["target_history"] = selectors.target_history(campaign)
    return render(request, "surveys/campaigns/campaign_detail.html", context)


@login_required
def campaign_progress_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, Perm.VIEW_SUBMISSIONS)
    area = _level(request, campaign)
    level = progress.level_progress(campaign=campaign, parent=area)
    data = reverse("surveys:campaign_progress_geojson", kwargs={"pk": campaign.pk})
    page = reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk})
    up = ""
    if area.pk != campaign.area_id and area.parent_id:
        up = f"{data}?area={area.parent_id}"
    collection = map_data.progress_feature_collection(
        progress=level,
        data_url=lambda area_pk: f"{data}?area={area_pk}",
        page_url=lambda area_pk: f"{page}?area={area_pk}#progress",
        up_url=up,
    )
    response = HttpResponse(collection, content_type="application/geo+json")
    response["Cache-Control"] = "private, no-cache"
    return response
