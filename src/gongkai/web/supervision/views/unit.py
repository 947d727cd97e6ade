"""The unit page: one unit of a region over the years (reports side by side, copy detection,
rates against same-type peers, findings with their review, the live case register when the unit
uses gongkai). Read by the region's supervisors and by the unit's own staff (only their unit)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.report.render import render as render_report
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound
from gongkai.web.supervision import analysis, selectors, unitcases, unitview
from gongkai.web.supervision import board as boards


@staff_view
def unit(request: HttpRequest, actor: Actor, region: int, unit_id: str) -> HttpResponse:
    agency, rows = selectors.unit_for_read(actor, region, unit_id)
    supervising = selectors.regions_readable(actor).filter(pk=agency.pk).exists()
    years = sorted({r.year for r in rows})
    # the year before the first is read too: the first year's cross-year checks need it
    loaded = [y for y in selectors.roster_years(agency) if years[0] - 1 <= y <= years[-1]]
    page = unitview.unit_page(boards.load(agency, loaded), unit_id, rows)
    linked = page.latest.agency
    ctx: dict[str, Any] = {
        "nav": "supervision" if supervising else "reports",
        "region": agency,
        "page": page,
        "supervising": supervising,
        "writable": supervising and selectors.can_write(actor, agency),
        "cases": unitcases.case_figures(actor, linked, timezone.localdate()) if linked else None,
    }
    if supervising:  # the supervision menu: the region's other pages
        ctx["years"] = selectors.roster_years(agency)
        ctx["report_year"] = timezone.localdate().year - 1
    return render(request, "supervision/unit.html", ctx)


@staff_view
def unit_report(
    request: HttpRequest, actor: Actor, region: int, year: int, unit_id: str
) -> HttpResponse:
    """The unit's report of ``year`` as read, rendered by gongkai.report.render, in a sandbox."""
    agency, rows = selectors.unit_for_read(actor, region, unit_id)
    if year not in {r.year for r in rows}:
        raise NotFound("没有这个单位这一年度的报告。")
    entry = analysis.region_view(agency, [year]).corpora[year].entry(unit_id, year)
    if entry is None:
        raise NotFound("没有这个单位这一年度的报告。")
    response = HttpResponse(
        render_report(entry.current.report, "html"), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response
