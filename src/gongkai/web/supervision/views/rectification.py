"""整改 pages: the region's list (filters, export, an item by hand), an item from a confirmed
finding, an item's page where the supervisor passes or returns the answer; and the unit's own
list and item page where its staff answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from gongkai.report.render import render as render_report
from gongkai.web import bounds
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.exports import FORMATS, respond
from gongkai.web.refusals import bind_refusal
from gongkai.web.supervision import rectification, rectify_export, selectors
from gongkai.web.supervision.models import (
    RectificationItem,
    RectificationSource,
    RectificationStatus,
    RosterUnit,
)
from gongkai.web.supervision.rectify_forms import (
    AnswerForm,
    DecideForm,
    FindingItemForm,
    ManualItemForm,
)
from gongkai.web.supervision.views.common import base_context, query_string


def _unit_choices(region: Any) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for unit_id, name in (
        RosterUnit.objects.filter(region=region)
        .order_by("-year", "row")
        .values_list("unit_id", "name")
    ):
        names.setdefault(unit_id, name)
    return sorted(names.items(), key=lambda pair: pair[1])


@staff_view
def items(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    agency = ctx["region"]
    units = _unit_choices(agency)
    form = ManualItemForm(request.POST or None, years=ctx["years"], units=units)
    status = 200
    if request.method == "POST":
        selectors.region_for_write(actor, region)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = rectification.open_item(
                    agency,
                    data["year"],
                    data["unit"],
                    data["problem"],
                    data["deadline"],
                    RectificationSource.MANUAL,
                    actor,
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, f"已下达整改事项（第{item.pk}号）。")
                return redirect("supervision:rectify_item", region=region, pk=item.pk)
        status = 422
    filters = rectification.Filters.of(request.GET)
    rows = list(filters.apply(rectification.region_items(agency)))
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return respond(
            fmt, f"{agency.name}整改事项", rectify_export.HEADERS, rectify_export.table(rows)
        )
    return render(
        request,
        "supervision/rectify_list.html",
        {
            **ctx,
            "items": rows,
            "today": bounds.today(),
            "filters": filters,
            "statuses": RectificationStatus.choices,
            "units": units,
            "form": form,
            "query": query_string(request),
        },
        status=status,
    )


@staff_view
def new_from_finding(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    agency = selectors.region_for_write(actor, region)
    source = request.POST if request.method == "POST" else request.GET
    year = bounds.year_param(source.get("year"))
    unit_id, key = source.get("unit", ""), source.get("key", "")
    if year is None or not unit_id or not key:
        raise NotFound("没有这个问题。")
    status = 200
    row, form, refusal = None, None, ""
    try:
        row = rectification.confirmed_finding(agency, year, unit_id, key)
    except WebError as error:
        if error.status == 404:
            raise
        refusal, status = error.message, 422
    if row is not None:
        initial = {
            "year": year,
            "unit": unit_id,
            "key": key,
            "problem": rectification.finding_problem(row),
        }
        form = FindingItemForm(request.POST or None, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                try:
                    item = rectification.open_from_finding(
                        actor,
                        agency,
                        year,
                        unit_id,
                        key,
                        form.cleaned_data["deadline"],
                        form.cleaned_data["problem"],
                    )
                except WebError as error:
                    bind_refusal(form, error)
                else:
                    messages.success(request, f"已下达整改事项（第{item.pk}号）。")
                    return redirect("supervision:rectify_item", region=region, pk=item.pk)
            status = 422
    existing = (
        rectification.region_items(agency)
        .filter(year=year, unit_id=unit_id, finding_key=key)
        .first()
    )
    return render(
        request,
        "supervision/rectify_new.html",
        {
            **ctx,
            "year": year,
            "row": row,
            "form": form,
            "refusal": refusal,
            "existing": existing,
        },
        status=status,
    )


def _item_context(item: RectificationItem) -> dict[str, Any]:
    log = rectification.events(item)
    return {
        "item": item,
        "log": log,
        "checks": {e.pk: rectification.rechecked(item, e) for e in log},
        "late": rectification.days_late(item, log),
        "overdue": item.overdue_on(bounds.today()),
    }


@staff_view
def item(request: HttpRequest, actor: Actor, region: int, pk: int) -> HttpResponse:
    ctx = base_context(actor, region)
    found = rectification.region_item(ctx["region"], pk)
    form = DecideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        agency = selectors.region_for_write(actor, region)
        if form.is_valid():
            try:
                found = rectification.decide(
                    actor, agency, pk, form.cleaned_data["decision"], form.cleaned_data["note"]
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, f"整改事项第{pk}号：{found.get_status_display()}。")
                return redirect("supervision:rectify_item", region=region, pk=pk)
        status = 422
    return render(
        request,
        "supervision/rectify_item.html",
        {**ctx, **_item_context(found), "form": form},
        status=status,
    )


@staff_view
def unit_items(request: HttpRequest, actor: Actor) -> HttpResponse:
    mine = rectification.unit_items(actor)
    filters = rectification.Filters.of(request.GET)
    return render(
        request,
        "supervision/rectify_unit_list.html",
        {
            "nav": "rectify",
            "items": list(filters.apply(mine)),
            "filters": filters,
            "statuses": RectificationStatus.choices,
            "today": bounds.today(),
            "awaiting": mine.filter(status__in=rectification.AWAITING).count(),
            "overdue_count": rectification.overdue(mine).count(),
        },
    )


@staff_view
def unit_item(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    found = rectification.unit_item(actor, pk)
    form = AnswerForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                found = rectification.answer(
                    actor, pk, form.cleaned_data["note"], form.cleaned_data.get("report")
                )
            except WebError as error:
                bind_refusal(form, error)
            else:
                messages.success(request, "已提交整改答复，等待监督机关审核。")
                return redirect("supervision:unit_item", pk=pk)
        status = 422
    return render(
        request,
        "supervision/rectify_unit_item.html",
        {"nav": "rectify", **_item_context(found), "form": form},
        status=status,
    )


def _event(actor: Actor, pk: int, event: int) -> Any:
    found = rectification.visible_item(actor, pk)
    entry = found.events.filter(pk=event).first()
    if entry is None:
        raise NotFound("没有这份更正后的报告。")
    return entry


@staff_view
def corrected_file(request: HttpRequest, actor: Actor, pk: int, event: int) -> HttpResponse:
    path = rectification.stored_file(_event(actor, pk, event))
    if path is None:
        raise NotFound("没有这份更正后的报告。")
    response = HttpResponse(path.read_bytes(), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, path.name.split("-", 1)[1])
    return response


@staff_view
def corrected_report(request: HttpRequest, actor: Actor, pk: int, event: int) -> HttpResponse:
    """The corrected report as the report core read it, rendered in a sandbox."""
    report = rectification.corrected_report(_event(actor, pk, event))
    if report is None:
        raise NotFound("没有这份更正后的报告。")
    response = HttpResponse(render_report(report, "html"), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response
