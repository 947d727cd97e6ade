"""The decision register's own pages: a decision or a yearly total on the list page, the CSV
import with its batches, the template file, and undoing a batch."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.attachments import attachment
from gongkai.web.errors import Forbidden, WebError
from gongkai.web.registers import csvimport, selectors
from gongkai.web.registers.forms import (
    DecisionEntryForm,
    DecisionTotalForm,
    DeleteForm,
    ImportForm,
)
from gongkai.web.registers.models import ImportBatch
from gongkai.web.registers.services import decisions, imports
from gongkai.web.registers.views.common import (
    list_page,
    payload,
    posted,
    reason_of,
    show_error,
)
from gongkai.web.registers.views.pages import DECISIONS

FORBIDDEN = "只有本机关的经办人或审批人可以登记；您可以查看，但无权登记。"


@staff_view
def decision_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The list, with two ways to add: one decision, or a kind's total for a year."""
    writable = selectors.can_write(actor)
    mode = request.POST.get("mode", "entry")
    posted = request.method == "POST"
    initial = {k: v for k, v in request.GET.items() if k in ("kind", "year")}
    entry = DecisionEntryForm(
        request.POST if posted and mode == "entry" else None, initial=initial, auto_id="entry_%s"
    )
    total = DecisionTotalForm(
        request.POST if posted and mode == "total" else None, initial=initial, auto_id="total_%s"
    )
    status = 200
    if posted:
        if not writable:
            raise Forbidden(FORBIDDEN)
        form, create = (
            (total, decisions.create_total) if mode == "total" else (entry, decisions.create_entry)
        )
        if form.is_valid():
            try:
                record = create(actor, payload(form), correction_reason=reason_of(form))
            except WebError as error:
                show_error(form, error)
            else:
                messages.success(request, f"已登记：{record}")
                return redirect("registers:decisions")
        status = 422
    return list_page(
        request,
        actor,
        DECISIONS,
        template="registers/decisions.html",
        context={
            "entry_form": entry if writable else None,
            "total_form": total if writable else None,
            "mode": mode,
        },
        status=status,
    )


@staff_view
def import_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Upload a CSV file; a refused file lists every bad row and writes nothing."""
    writable = selectors.can_write(actor)
    form = ImportForm(*posted(request)) if writable else None
    problems: list[csvimport.Problem] = []
    status = 200
    if request.method == "POST":
        if form is None:
            raise Forbidden(FORBIDDEN)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                done = imports.import_decisions(
                    actor,
                    upload.name,
                    imports.read_upload(upload),
                    correction_reason=reason_of(form),
                )
            except WebError as error:
                problems = getattr(error, "problems", [])
                show_error(form, error)
            else:
                (messages.success if done.added else messages.info)(request, done.message)
                return redirect("registers:decisions_import")
        status = 422
    return render(
        request,
        "registers/import.html",
        {
            "nav": "registers",
            "form": form,
            "problems": problems,
            "batches": selectors.batches(actor),
            "headers": csvimport.HEADERS,
            "labels": csvimport.LABELS,
        },
        status=status,
    )


@staff_view
def import_template(request: HttpRequest, actor: Actor) -> HttpResponse:
    return attachment(
        csvimport.template_csv(),
        "text/csv; charset=utf-8",
        "决定导入模板.csv",
        "decisions-template.csv",
    )


@staff_view
def undo_batch(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    batch = selectors.record_for_write(actor, ImportBatch, pk)
    form = DeleteForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            deleted = imports.undo_import(actor, pk, correction_reason=reason_of(form))
        except WebError as error:
            show_error(form, error)
        else:
            messages.success(request, f"已撤销导入“{batch.file_name}”，删除{deleted}条决定。")
            return redirect("registers:decisions_import")
    return render(
        request,
        "registers/undo.html",
        {
            "nav": "registers",
            "batch": batch,
            "form": form,
            "left": batch.decisions.count(),
        },
        status=422 if request.method == "POST" else 200,
    )
