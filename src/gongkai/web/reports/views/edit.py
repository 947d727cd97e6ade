"""The writes of the report page: save the prose (the tables are counted again and checked),
publish, reopen. A refusal comes back as the page with the form and its error."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import WebError
from gongkai.web.reports import selectors, services
from gongkai.web.reports.display import counts
from gongkai.web.reports.forms import EditorForm, PublishForm, ReopenForm
from gongkai.web.reports.views.staff import bind_errors, detail_context

SLOTS = {"editor": "editor", "publish": "publish_form", "reopen": "reopen_form"}


def _page_with(request: HttpRequest, actor: Actor, report_id: int, status: int,
               **forms: Any) -> HttpResponse:
    """The report page again, with the refused form and its errors; when the page no longer
    offers that form (the report was published or reopened meanwhile), the error as a message."""
    context = detail_context(actor, report_id, **forms)
    for name, form in forms.items():
        if SLOTS[name] not in context:
            for message in form.non_field_errors() or ["操作未完成，请刷新页面后重试。"]:
                messages.error(request, message)
    return render(request, "reports/detail.html", context, status=status)


def _refused(form: Any, error: WebError) -> int:
    """Bind a service's refusal to the form; a permission refusal goes to the error page."""
    bind_errors(form, error)
    return error.status


@staff_view
def save(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = EditorForm(request.POST, carry="carry_note" in request.POST)
    if form.is_valid():
        try:
            generated = services.save(actor, report.pk, form.texts())
        except WebError as error:
            status = _refused(form, error)
        else:
            n = counts(f.to_dict() for f in generated.findings)
            messages.success(request, f"已保存并重新统计、校验：{n['error']} 个错误，"
                             f"{n['warning']} 个提示。")
            return redirect("reports:detail", report_id=report.pk)
        return _page_with(request, actor, report.pk, status, editor=form)
    return _page_with(request, actor, report.pk, 400, editor=form)


@staff_view
def publish(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish(actor, report.pk, form.cleaned_data["published_on"])
        except WebError as error:
            status = _refused(form, error)
        else:
            messages.success(request, f"{report.year}年度报告已发布，公众可在年度报告公开页面查看和下载。")
            return redirect("reports:detail", report_id=report.pk)
        return _page_with(request, actor, report.pk, status, publish=form)
    return _page_with(request, actor, report.pk, 400, publish=form)


@staff_view
def reopen(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen(actor, report.pk, form.cleaned_data["reason"])
        except WebError as error:
            status = _refused(form, error)
        else:
            messages.success(request, "报告已重新打开为草稿；修改后须重新校验、发布。")
            return redirect("reports:detail", report_id=report.pk)
        return _page_with(request, actor, report.pk, status, reopen=form)
    return _page_with(request, actor, report.pk, 400, reopen=form)
