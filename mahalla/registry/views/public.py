"""The public dashboard: aggregates of a city or district, for anyone, without signing in.

Counts only, over every record (not a person's scope), with small cells suppressed
(`indicators.suppression`): no name, household or community record is reachable from it.
Community-level areas have no public page: their counts are too small to publish.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mahalla.places.models import Area
from mahalla.places.selectors import by_name
from mahalla.registry.indicators import suppression
from mahalla.registry.indicators.compute import compute
from mahalla.registry.indicators.tables import Row, Table


class _Everyone:
    """The reader the public counts are made for: every record, as a superuser's scope
    reaches them. Used by this module only, and only to count."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


def _additive(table: Table) -> Table:
    """A table whose rows add up to a published total: primary and complementary."""
    rows = [row.values[:1] for row in table.rows]
    published = suppression.suppress_table(rows)
    out = [Row(r.label, v, key=r.key) for r, v in zip(table.rows, published, strict=True)]
    out.append(Row(_("total"), [suppression.total([v[0] for v in rows])], key="total"))
    return Table(table.key, table.title, table.columns[:1], out)


def _separate(table: Table) -> Table:
    """Rows that are separate measures (no total): small cells hidden one by one."""
    out = [
        Row(r.label, [None if suppression.is_small(r.values[0]) else r.values[0]], key=r.key)
        for r in table.rows
    ]
    return Table(table.key, table.title, table.columns[:1], out)


def public_home(request: HttpRequest) -> HttpResponse:
    cities = Area.objects.filter(parent__isnull=True).select_related("level").order_by(*by_name())
    return render(request, "registry/public_home.html", {"areas": list(cities[:100])})


def public_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    area = Area.objects.select_related("level", "parent").filter(pk=pk).first()
    if area is None or area.level.is_community:
        raise Http404
    result = compute(user=_Everyone(), area=area)
    children = sorted(result.by_child.values(), key=lambda c: -c["households"])
    measures = ("communities", "households", "people", "slum")
    published = suppression.suppress_table([[c[m] for m in measures] for c in children])
    by_area = [
        {"area": c["area"], "values": values} for c, values in zip(children, published, strict=True)
    ]
    totals = [suppression.total([c[m] for c in children]) for m in measures]
    tables = [
        _additive(result.table("tenure")),
        _additive(result.table("eviction")),
        _separate(result.table("vulnerable")),
        _separate(
            Table(
                "deprivations",
                result.table("deprivations").title,
                result.table("deprivations").columns,
                [r for r in result.table("deprivations").rows if r.values[0] is not None],
            )
        ),
    ]
    return render(
        request,
        "registry/public_dashboard.html",
        {"area": area, "by_area": by_area, "totals": totals, "tables": tables,
         "threshold": suppression.THRESHOLD},
    )  # fmt: skip
