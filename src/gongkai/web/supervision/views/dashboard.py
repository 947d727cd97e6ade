"""The region's dashboard: charts of the kept figures, each figure leading to its units."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound
from gongkai.web.supervision import dashboards, snapshots
from gongkai.web.supervision.views.common import base_context


def _year(raw: str | None, years: list[int]) -> int:
    if not raw:
        return max(years)
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if year not in years:
        raise NotFound("没有这一年度的名单。")
    return year


@staff_view
def dashboard(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    years: list[int] = ctx["years"]
    if not years:
        return render(request, "supervision/dashboard.html", {**ctx, "charts": []})
    year = _year(request.GET.get("year"), years)
    kept = snapshots.current(ctx["region"], years, "figures")
    charts = dashboards.charts(region, kept, year)
    return render(
        request,
        "supervision/dashboard.html",
        {
            **ctx,
            "year": year,
            "charts": [(c, c.data(), f"data-{c.key}") for c in charts],
            "rates": dashboards.rate_rows(kept),
            "computed_at": max(s.computed_at for s in kept.values() if s.computed_at),
        },
    )


@staff_view
def figure_units(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = base_context(actor, region)
    if year not in ctx["years"]:
        raise NotFound("没有这一年度的名单。")
    kept = snapshots.current(ctx["region"], [year])
    figure = request.GET.get("figure", "")
    found = snapshots.memo(
        ("behind", figure, *snapshots.key(kept)),
        lambda: dashboards.behind(kept[year].units, year, figure),
    )
    if found is None:
        raise NotFound("没有这项数据。")
    return render(
        request,
        "supervision/figure_units.html",
        {**ctx, "year": year, "behind": found},
    )
