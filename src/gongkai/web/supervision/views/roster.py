"""The region's roster by year: import, export, link a unit to its agency."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.supervision.roster import UNIT_TYPES
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS, respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import selectors, services
from gongkai.web.supervision.forms import (
    LinkForm,
    RosterImportForm,
)
from gongkai.web.supervision.views.common import base_context

ROSTER_HEADERS = (
    "单位名称",
    "单位类型",
    "上级单位",
    "别名",
    "报告范围",
    "统一社会信用代码",
    "内部截止日期",
    "本系统中的机关",
)


@staff_view
def home(request: HttpRequest, actor: Actor) -> HttpResponse:
    region = selectors.home_region(actor)
    if region is None:
        unit = selectors.own_unit(actor)  # a unit's own staff: their unit's page
        if unit is not None:
            return redirect("supervision:unit", region=unit.region_id, unit_id=unit.unit_id)
        raise NotFound(selectors.NOT_FOUND)
    return redirect("supervision:board", region=region.pk)


@staff_view
def roster(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = base_context(actor, region)
    agency = ctx["region"]
    form = RosterImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        selectors.region_for_write(actor, region)
        if form.is_valid():
            try:
                count = services.import_roster(actor, agency, year, form.cleaned_data["file"])
            except WebError as error:
                problems = getattr(error, "problems", [])
                bind_refusal(form, error)
            else:
                messages.success(request, f"已导入{year}年度名单，共{count}个单位。")
                return redirect("supervision:roster", region=region, year=year)
        status = 422
    units = list(selectors.roster_units(agency, year))
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        names = {u.unit_id: u.name for u in units}
        rows = [
            [
                u.name,
                u.type,
                names.get(u.parent_id, ""),
                "；".join(u.aliases),
                u.scope,
                u.code,
                u.internal_deadline,
                u.agency.name if u.agency else "",
            ]
            for u in units
        ]
        return respond(fmt, f"{agency.name}{year}年度名单", ROSTER_HEADERS, rows)
    names = {u.unit_id: u.name for u in units}
    agencies = [(a.pk, a.name) for a in selectors.linkable_agencies(agency)]
    by_type = {t: [u for u in units if u.type == t] for t in UNIT_TYPES}
    return render(
        request,
        "supervision/roster.html",
        {
            **ctx,
            "year": year,
            "form": form,
            "problems": problems,
            "groups": [(t, us) for t, us in by_type.items() if us],
            "count": len(units),
            "parents": names,
            "agencies": agencies,
            "link_forms": {
                u.unit_id: LinkForm(
                    agencies=agencies, prefix=f"link-{u.pk}", initial={"agency": u.agency_id}
                )
                for u in units
            },
            "next_year": (max(ctx["years"]) + 1) if ctx["years"] else year,
        },
        status=status,
    )


@staff_view
def link(request: HttpRequest, actor: Actor, region: int, year: int, pk: int) -> HttpResponse:
    agency = selectors.region_for_write(actor, region)
    unit = next((u for u in selectors.roster_units(agency, year) if u.pk == pk), None)
    if unit is None or request.method != "POST":
        raise NotFound("名单中没有这个单位。")
    agencies = [(a.pk, a.name) for a in selectors.linkable_agencies(agency)]
    form = LinkForm(request.POST, agencies=agencies, prefix=f"link-{pk}")
    if form.is_valid():
        try:
            services.link_agency(actor, agency, year, unit.unit_id, form.cleaned_data["agency"])
        except WebError as error:
            bind_refusal(form, error)
        else:
            messages.success(request, f"已更新“{unit.name}”的关联机关。")
            return redirect("supervision:roster", region=region, year=year)
    messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("supervision:roster", region=region, year=year)
