"""The staff's report pages: the list of agency-years with the forms to open or import one, the
report page (the official layout, every figure a link to the records it counts, the findings,
the editor, publishing and the history), a cell's records, and the downloads."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.report.canonical import to_canonical
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.agencies.selectors import agencies_readable
from gongkai.web.bounds import int_param
from gongkai.web.errors import WebError
from gongkai.web.refusals import bind_refusal
from gongkai.web.reports import approval, clearance, downloads, pages, selectors, services
from gongkai.web.reports.display import cell_flags, cell_title, finding_views, report_blocks
from gongkai.web.reports.forms import (
    EditorForm,
    ImportForm,
    OpenForm,
    PublishForm,
    ReopenForm,
    ReturnForm,
    SubmitForm,
)
from gongkai.web.reports.models import Origin, Status
from gongkai.web.reports.records import record_table


def refusal_status(error: WebError) -> int:
    """A refused input comes back as the form with its errors (422); a conflict keeps 409."""
    return 422 if error.status == 400 else error.status


@staff_view
def report_list(
    request: HttpRequest,
    actor: Actor,
    *,
    open_form: OpenForm | None = None,
    import_form: ImportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    agency = request.GET.get("agency", "")
    agencies = agencies_readable(actor)
    rows = pages.report_rows(actor, int_param(agency, "agency"))
    default_year = today.year - 1 if today.month <= 3 else today.year
    return render(
        request,
        "reports/list.html",
        {
            "nav": "reports",
            "rows": rows,
            "agencies": agencies,
            "agency": agency,
            "writable": actor.handles_cases and actor.staff is not None,
            "open_form": open_form or OpenForm(today=today, initial={"year": default_year}),
            "import_form": import_form or ImportForm(approver=actor.approves),
        },
        status=status,
    )


@staff_view
def open_report(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:list")
    form = OpenForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            agency_id = actor.staff.agency_id if actor.staff else 0
            report = services.open_draft(actor, agency_id, form.cleaned_data["year"])
        except WebError as error:
            bind_refusal(form, error)
        else:
            return redirect("reports:detail", report_id=report.pk)
    return report_list(request, open_form=form, status=422)


@staff_view
def import_report(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:list")
    form = ImportForm(request.POST, request.FILES, approver=actor.approves)
    status = 422
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            agency_id = actor.staff.agency_id if actor.staff else 0
            report = services.import_published(
                actor,
                agency_id,
                upload.name,
                upload.read(),
                year=form.cleaned_data["year"],
                reason=form.cleaned_data.get("reason") or "",
            )
        except WebError as error:
            bind_refusal(form, error)
            status = refusal_status(error)
        else:
            n = sum(1 for f in report.findings if f.get("severity") == "error")
            messages.success(
                request,
                f"已导入{report.year}年度报告（{upload.name}）"
                + (f"，校验发现 {n} 个错误，报告按原文保存" if n else "")
                + "。审批人批准发布后公开。",
            )
            return redirect("reports:detail", report_id=report.pk)
    return report_list(request, import_form=form, status=status)


def detail_context(actor: Actor, report_id: int, **forms: Any) -> dict[str, Any]:
    """Everything the report page shows; ``forms`` are bound forms to show with their errors."""
    report = selectors.report_for_read(actor, report_id)
    state = pages.state_of(report)
    writable = pages.can_write(actor, report)
    generated = report.origin == Origin.GENERATED
    draft = report.status == Status.DRAFT
    pending = report.status == Status.PENDING
    cell_url = reverse("reports:cell", args=[report.pk]) if generated else ""
    errors = len(state.errors) if generated else 0  # an imported report is kept as it reads
    today = timezone.localdate()
    year_open = (
        ""
        if approval.year_over(report.year, today)
        else f"{report.year}年度尚未结束，{approval.first_day(report.year).isoformat()}起才能提交审批和发布。"
    )
    blocked = f"报告有 {errors} 个错误，改正后才能提交审批和发布。" if errors else ""
    cleared = _clearance_card(actor, state)
    context: dict[str, Any] = {
        "nav": "reports",
        "report": report,
        "state": state,
        "blocks": report_blocks(state.model, cell_url=cell_url, flags=cell_flags(state.findings)),
        "findings": finding_views(state.findings, state.model),
        "counts": state.counts,
        "writable": writable,
        "editable": writable and generated and draft,
        "can_submit": writable and not actor.approves and draft,
        "can_withdraw": writable and not actor.approves and pending,
        "can_publish": writable and actor.approves and (draft or pending),
        "can_return": writable and actor.approves and pending,
        "can_reopen": writable and actor.approves and generated and not (draft or pending),
        "publish_blocked": year_open or blocked or (cleared.refusal if cleared else ""),
        "submit_blocked": year_open or blocked,  # the office's approval need not wait for it
        "clearance": cleared,
        "returned": approval.returned_comment(report) if draft else "",
        "figures": list(state.figures.values()),
        "revisions": pages.revisions_of(report),
        "corrections": pages.corrections_of(report),
        "formats": downloads.links(downloads.STAFF_FORMATS),
        "public": report.status == Status.PUBLISHED,
        "draft_mark": "" if report.status == Status.PUBLISHED else downloads.DRAFT_MARK,
    }
    if context["editable"]:
        context["editor"] = forms.get("editor") or EditorForm(
            initial=state.editor_texts, carry=state.shows_carry_note
        )
    if context["can_submit"]:
        context["submit_form"] = forms.get("submit") or SubmitForm()
    if context["can_publish"]:
        suggested = report.published_on if not generated and report.published_on else today
        context["publish_form"] = forms.get("publish") or PublishForm(
            initial={"published_on": suggested}
        )
    if context["can_return"]:
        context["return_form"] = forms.get("return") or ReturnForm()
    if context["can_reopen"]:
        context["reopen_form"] = forms.get("reopen") or ReopenForm()
    return context


def _clearance_card(actor: Actor, state: pages.ReportState) -> clearance.Card | None:
    """The supervisor's clearance of the content the page shows (a region may ask for it)."""
    if state.report.status == Status.PUBLISHED:
        return None
    live = json.loads(json.dumps(to_canonical(state.model), default=str)) if state.live else None
    return clearance.card(actor, state.report, live or dict(state.report.document))


@staff_view
def report_detail(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    return render(request, "reports/detail.html", detail_context(actor, report_id))


@staff_view
def cell_records(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    table, row = request.GET.get("table", ""), request.GET.get("row", "")
    column = request.GET.get("column") or None
    report, qs = selectors.records_behind(actor, report_id, table, row, column)
    records = record_table(qs, request.GET.get("page"))
    context = {
        "nav": "reports",
        "report": report,
        "records": records,
        "title": cell_title(None, table, row, column),
        "table": table,
        "row": row,
        "column": column or "",
    }
    template = "reports/_records.html" if is_htmx(request) else "reports/records.html"
    return render(request, template, context)


@staff_view
def download(request: HttpRequest, actor: Actor, report_id: int, fmt: str) -> HttpResponse:
    report = selectors.report_for_read(actor, report_id)
    return downloads.download(report, fmt, downloads.STAFF_FORMATS)
