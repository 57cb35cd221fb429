"""What a district report holds, and its HTML and PDF.

Collecting and writing are separate so that tests and the benchmark can look at each: the
HTML is a Django template rendered in the report's language and the requester's time zone
(the worker's own are neither), the PDF is WeasyPrint's rendering of it.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mahalla.core.i18n.digits import localize_digits
from mahalla.core.i18n.timezones import reader_time_zone
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.registry import selectors
from mahalla.registry.forms import DashboardFilterForm
from mahalla.registry.indicators.compute import Indicators, compute
from mahalla.registry.models import Household, Value, ValueList
from mahalla.registry.reports import fonts
from mahalla.registry.reports.map_svg import COLOURS, OTHER, Feature, district_map

Progress = Callable[[int], None]
BATCH = 200  # communities read per query for the list
# WeasyPrint's own steps (its "weasyprint.progress" log), reported as the job's last steps.
PDF_STEPS = 7
COLLECT_STEPS = 3


@dataclass
class ReportData:
    area: Area
    language: str
    indicators: Indicators
    communities: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    map_svg: str = ""
    filters: list[tuple[Any, Any]] = field(default_factory=list)
    children: list[dict] = field(default_factory=list)
    made_at: Any = None


def _filter_form(user: Any, data: dict) -> DashboardFilterForm:
    return DashboardFilterForm(data or None, communities=selectors.visible_communities(user))


def parse_filters(user: Any, data: dict) -> tuple[dict, list[tuple[Any, Any]]]:
    """The dashboard filters stored with a report, checked again as the requester may see
    them now; returns them for `compute` and as (label, value) pairs to print."""
    form = _filter_form(user, data)
    filters = form.filters()
    shown = [
        (form.fields[name].label, form.fields[name].label_from_instance(value))
        if hasattr(form.fields[name], "label_from_instance")
        else (form.fields[name].label, dict(form.fields[name].choices).get(value, value))
        for name, value in filters.items()
        if value not in (None, "")
    ]
    return filters, shown


def community_rows(
    user: Any, area: Area, filters: dict, progress: Progress | None = None
) -> list[dict]:
    """One row per community of the area that matches the filters, in name order: its
    registration, its latest profile's tenure, land owner and eviction threat, and how many
    households the registry holds for it."""
    communities = list(selectors.settlement_list(user=user, within=area, **filters))
    households = Counter(
        dict(
            for_user(
                user,
                Perm.VIEW_REGISTRY,
                Household.objects.filter(is_deleted=False, merged_into__isnull=True),
            )
            .filter(area__path__startswith=area.path)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    rows = []
    for start in range(0, len(communities), BATCH):
        batch = communities[start : start + BATCH]
        profiles = selectors.profiles_for([c.profile_id for c in batch if c.profile_id])
        for community in batch:
            profile = profiles.get(community.profile_id)
            rows.append(
                {
                    "number": len(rows) + 1,
                    "area": community,
                    "registration": community.get_registration_display()
                    if community.registration
                    else "",
                    "profile": profile,
                    "households": households.get(community.pk, 0),
                }
            )
        if progress:
            progress(0)
    return rows


def _legend() -> list[dict]:
    values = Value.objects.filter(list=ValueList.TENURE_SITUATION)
    return [{"name": v.name, "colour": COLOURS.get(v.code, OTHER)} for v in values]


def collect(
    *, user: Any, area: Area, language: str, filters: dict, progress: Progress | None = None
) -> ReportData:
    step = progress or (lambda _n: None)
    with translation.override(language):
        parsed, shown = parse_filters(user, filters)
        indicators = compute(user=user, area=area, **parsed)
        step(1)
        rows = community_rows(user, area, parsed, progress)
        step(1)
        features = [
            Feature(
                number=row["number"],
                geometry=row["area"].geometry,
                key=getattr(getattr(row["profile"], "tenure_situation", None), "code", ""),
            )
            for row in rows
        ]
        svg = district_map(area.geometry, features, digits=localize_digits)
        step(1)
        # A district's children are its communities, which the list at the end already
        # gives: the breakdown is for a city (its districts) and other areas above them.
        children = sorted(
            (c for c in indicators.by_child.values() if not c["area"].level.is_community),
            key=lambda c: (-c["households"], -c["communities"]),
        )
        return ReportData(
            area=area,
            language=language,
            indicators=indicators,
            communities=rows,
            legend=_legend() if svg else [],
            map_svg=svg,
            filters=shown,
            children=children,
            made_at=timezone.now(),
        )


def report_html(data: ReportData, user: Any = None) -> str:
    zone = reader_time_zone(getattr(user, "time_zone", ""), data.language)
    with translation.override(data.language), timezone.override(zone):
        slum = data.indicators.slum_share
        return render_to_string(
            "registry/report/district.html",
            {
                "data": data,
                "area": data.area,
                "result": data.indicators,
                "slum_percent": None if slum is None else round(100 * slum, 1),
                "rtl": translation.get_language_bidi(),
                "language": data.language,
            },
        )


class _StepCounter(logging.Handler):
    """Turns WeasyPrint's progress log lines ("Step 5 - Creating layout") into progress
    reports, for the thread that writes this PDF only."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.thread = threading.get_ident()
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        step = str(record.msg).split(" - ")[0]
        if step.startswith("Step") and step not in self.seen:
            self.seen.add(step)
            self.progress(1)


@contextmanager
def _pdf_progress(progress: Progress | None):
    if progress is None:
        yield None
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _StepCounter(progress)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # counted, not written to the worker's log
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def write_pdf(html: str, language: str, handle: Any, progress: Progress | None = None) -> int:
    """Write the PDF of `html` into `handle`; returns its number of pages."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = fonts.url_fetcher()
    with _pdf_progress(progress):
        css = CSS(string=fonts.font_css(language), font_config=font_config, url_fetcher=fetcher)
        document = HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=[css], font_config=font_config
        )
        document.write_pdf(handle)
    return len(document.pages)
