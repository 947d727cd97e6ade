"""Problem-first review: the findings that matter first, confirmed or dismissed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.supervision.roster import UNIT_TYPES
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS, respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import analysis, selectors, services
from gongkai.web.supervision import board as boards
from gongkai.web.supervision.forms import (
    ReviewForm,
)
from gongkai.web.supervision.views.common import base_context, query_string


@staff_view
def findings(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = base_context(actor, region)
    if year not in ctx["years"]:
        raise NotFound("没有这一年度的名单。")
    filters = boards.Filters.of(request.GET)
    data = boards.load(ctx["region"], [y for y in (year - 1, year) if y in ctx["years"]])
    rows = boards.filtered_findings(data, year, filters)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return respond(
            fmt,
            f"{ctx['region'].name}{year}年度问题",
            boards.FINDING_HEADERS,
            boards.findings_table(rows),
        )
    rules = sorted({r.item.finding.code for r in data.findings.get(year, [])})
    units = sorted({(r.unit.id, r.unit.name) for r in data.findings.get(year, [])})
    return render(
        request,
        "supervision/findings.html",
        {
            **ctx,
            "year": year,
            "rows": rows,
            "filters": filters,
            "rules": rules,
            "types": UNIT_TYPES,
            "units": units,
            "query": query_string(request),
            "open": sum(1 for r in rows if r.counts),
        },
    )


@staff_view
def review(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    agency = selectors.region_for_write(actor, region)
    if request.method != "POST":
        raise NotFound("没有这个页面。")
    unit_id, key = request.POST.get("unit", ""), request.POST.get("key", "")
    form = ReviewForm(request.POST)
    saved = None
    if form.is_valid():
        try:
            saved = services.review(
                actor,
                agency,
                year,
                unit_id,
                key,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
            )
        except WebError as error:
            bind_refusal(form, error)
    if saved is None:
        return render(
            request,
            "supervision/_review.html",
            {
                "form": form,
                "region": agency,
                "year": year,
                "unit_id": unit_id,
                "key": key,
                "review": None,
                "writable": True,
                "dom": analysis.dom_id(unit_id, key),
            },
            status=422,
        )
    if not is_htmx(request):
        messages.success(request, "已保存审核结论。")
        return redirect(
            reverse("supervision:findings", kwargs={"region": region, "year": year})
            + "?"
            + request.GET.urlencode()
        )
    return render(
        request,
        "supervision/_review.html",
        {
            "form": ReviewForm(),
            "region": agency,
            "year": year,
            "unit_id": unit_id,
            "key": key,
            "review": saved,
            "writable": True,
            "dom": analysis.dom_id(unit_id, key),
        },
    )
