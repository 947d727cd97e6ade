"""The supervisor's pages: roster, import runs, coverage board, findings, and their exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.report.render import render as render_report
from gongkai.supervision.coverage import STATUS_LABEL, STATUSES
from gongkai.supervision.roster import UNIT_TYPES
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS, respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import analysis, selectors, services
from gongkai.web.supervision import board as boards
from gongkai.web.supervision.forms import (
    AssignForm,
    LinkForm,
    ReviewForm,
    RosterImportForm,
    RunForm,
)
from gongkai.web.supervision.models import FileStatus

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


def _base(actor: Actor, region_id: int) -> dict[str, Any]:
    region = selectors.region_for_read(actor, region_id)
    return {
        "nav": "supervision",
        "region": region,
        "writable": selectors.can_write(actor, region),
        "years": selectors.roster_years(region),
        # the year whose reports are due now (by 31 January / 31 March of this year)
        "report_year": timezone.localdate().year - 1,
    }


@staff_view
def home(request: HttpRequest, actor: Actor) -> HttpResponse:
    region = selectors.home_region(actor)
    if region is None:
        raise NotFound(selectors.NOT_FOUND)
    return redirect("supervision:board", region=region.pk)


# ------------------------------------------------------------------------------ roster


@staff_view
def roster(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = _base(actor, region)
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


# ------------------------------------------------------------------------------ runs


@staff_view
def runs(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = _base(actor, region)
    agency = ctx["region"]
    form = RunForm(request.POST or None, request.FILES or None, years=ctx["years"])
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        selectors.region_for_write(actor, region)
        if form.is_valid():
            try:
                run = services.start_run(
                    actor,
                    agency,
                    form.cleaned_data["year"],
                    form.cleaned_data["reports"],
                    form.cleaned_data.get("manifest"),
                )
            except WebError as error:
                problems = getattr(error, "problems", [])
                bind_refusal(form, error)
            else:
                return redirect("supervision:run", region=region, pk=run.pk)
        status = 422
    return render(
        request,
        "supervision/runs.html",
        {
            **ctx,
            "form": form,
            "problems": problems,
            "runs": selectors.runs(agency),
        },
        status=status,
    )


def _run_context(actor: Actor, region: int, pk: int) -> dict[str, Any]:
    base = _base(actor, region)
    region_agency = base["region"]
    run = selectors.run_for_read(actor, region_agency, pk)
    units = [
        (u.unit_id, f"{u.name}（{u.type}）")
        for u in selectors.roster_units(region_agency, run.year)
    ]
    files = list(run.files.all())
    return {
        **base,
        "run": run,
        "files": files,
        "unit_names": dict(units),
        "unassigned": [
            (f, AssignForm(units=units, prefix=f"f{f.pk}"))
            for f in files
            if f.status == FileStatus.UNASSIGNED
        ],
        "counts": {s.label: sum(1 for f in files if f.status == s) for s in FileStatus},
    }


@staff_view
def run(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    ctx = _run_context(actor, region, pk)
    return render(request, "supervision/run.html", ctx)


@staff_view
def run_progress(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    ctx = _run_context(actor, region, pk)
    response = render(request, "supervision/_progress.html", ctx)
    if not ctx["run"].active and is_htmx(request):
        response["HX-Refresh"] = "true"  # the results are in: show them
    return response


@staff_view
def assign(request: HttpRequest, actor: Actor, region: int, pk: int, file: int) -> HttpResponse:
    agency = selectors.region_for_write(actor, region)
    ctx = _run_context(actor, region, pk)
    item = next((f for f, _ in ctx["unassigned"] if f.pk == file), None)
    if item is None or request.method != "POST":
        raise NotFound("没有这个待指定的文件。")
    units = list(ctx["unit_names"].items())
    form = AssignForm(request.POST, units=units, prefix=f"f{file}")
    if form.is_valid():
        try:
            services.assign(actor, agency, file, form.cleaned_data["unit"])
        except WebError as error:
            bind_refusal(form, error)
        else:
            messages.success(
                request,
                f"已将“{item.source}”指定为{ctx['unit_names'][form.cleaned_data['unit']]}的报告。",
            )
            return redirect("supervision:run", region=region, pk=pk)
    ctx["unassigned"] = [(f, form if f.pk == file else fm) for f, fm in ctx["unassigned"]]
    return render(request, "supervision/run.html", ctx, status=422)


@staff_view
def undo(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    agency = selectors.region_for_write(actor, region)
    ctx = _run_context(actor, region, pk)
    if request.method == "POST":
        try:
            deleted = services.undo_run(actor, agency, pk)
        except WebError as error:
            if error.status != 400:
                raise
            ctx["undo_error"] = error.message
            return render(request, "supervision/run.html", ctx, status=422)
        messages.success(request, f"已撤销这一批导入，移除{deleted}个文件的结果。")
        return redirect("supervision:runs", region=region)
    return render(request, "supervision/undo.html", ctx)


# ------------------------------------------------------------------------------ board


def _query(request: HttpRequest) -> str:
    return request.GET.urlencode()


@staff_view
def board(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = _base(actor, region)
    filters = boards.Filters.of(request.GET)
    data = boards.load(ctx["region"])
    rows, counts = boards.board(data, filters)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return respond(
            fmt, f"{ctx['region'].name}发布情况", boards.BOARD_HEADERS, boards.board_table(rows)
        )
    parents = sorted({u.parent for u in data.units.values() if u.parent})
    return render(
        request,
        "supervision/board.html",
        {
            **ctx,
            "rows": rows,
            "counts": counts,
            "filters": filters,
            "statuses": [(s, STATUS_LABEL[s], boards.COLOUR[s]) for s in STATUSES],
            "types": UNIT_TYPES,
            "parents": [(p, data.units[p].name) for p in parents],
            "query": _query(request),
        },
    )


@staff_view
def cell(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = _base(actor, region)
    unit_id = request.GET.get("unit", "")
    data = boards.load(ctx["region"], [y for y in (year - 1, year) if y in ctx["years"]])
    found = data.view.coverage.cells.get((unit_id, year))
    if found is None:
        raise NotFound("名单中没有这个单位。")
    entry = data.view.corpora[year].entry(unit_id, year)
    rows = [r for r in data.findings.get(year, []) if r.item.unit_id == unit_id]
    return render(
        request,
        "supervision/cell.html",
        {
            **ctx,
            "year": year,
            "unit": data.units[unit_id],
            "cell": found,
            "entry": entry,
            "findings": rows,
            "colour": boards.COLOUR[found.status],
            "report_url": reverse(
                "supervision:cell_report", kwargs={"region": region, "year": year}
            )
            + "?"
            + request.GET.urlencode()
            if entry
            else "",
        },
    )


@staff_view
def cell_report(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    """The unit's current report, rendered by gongkai.report.render, in a sandbox."""
    ctx = _base(actor, region)
    unit_id = request.GET.get("unit", "")
    data = boards.load(ctx["region"], [y for y in (year - 1, year) if y in ctx["years"]])
    corpus = data.view.corpora.get(year)
    entry = corpus.entry(unit_id, year) if corpus else None
    if entry is None:
        raise NotFound("没有这个单位这一年度的报告。")
    response = HttpResponse(
        render_report(entry.current.report, "html"), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response


# ------------------------------------------------------------------------------ findings


@staff_view
def findings(request: HttpRequest, actor: Actor, region: int, year: int) -> HttpResponse:
    ctx = _base(actor, region)
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
            "query": _query(request),
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
