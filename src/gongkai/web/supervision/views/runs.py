"""Import runs: upload, live progress, assigning unmatched names, undo."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS, respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import selectors, services, tables
from gongkai.web.supervision.forms import (
    AssignForm,
    RunForm,
)
from gongkai.web.supervision.models import FileStatus
from gongkai.web.supervision.views.common import base_context


@staff_view
def runs(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
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
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        rows = tables.runs_table(selectors.runs(agency))
        return respond(fmt, f"{agency.name}报告导入批次", tables.RUN_HEADERS, rows)
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


def _run_context(actor: Actor, region: int, pk: int, status: str = "") -> dict[str, Any]:
    base = base_context(actor, region)
    region_agency = base["region"]
    run = selectors.run_for_read(actor, region_agency, pk)
    units = [
        (u.unit_id, f"{u.name}（{u.type}）")
        for u in selectors.roster_units(region_agency, run.year)
    ]
    files = list(run.files.all())
    shown = [f for f in files if f.status == status] if status in FileStatus.values else files
    return {
        **base,
        "run": run,
        "files": shown,
        "status": status,
        "statuses": FileStatus.choices,
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
    ctx = _run_context(actor, region, pk, request.GET.get("status", ""))
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        rows = tables.files_table(ctx["files"], ctx["unit_names"])
        name = f"{ctx['region'].name}{ctx['run'].year}年度导入文件"
        return respond(fmt, name, tables.FILE_HEADERS, rows)
    ctx["query"] = request.GET.urlencode()
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
