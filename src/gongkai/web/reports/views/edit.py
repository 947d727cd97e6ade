"""The writes of the report page: save the prose (the tables are counted again and checked),
submit for approval, withdraw, return, publish (a confirmation first), reopen. A refusal comes
back beside the form: the card alone for htmx (422, or 409 for a conflict), else the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.report.canonical import from_canonical
from gongkai.web.agencies.access import Actor, is_htmx, staff_view
from gongkai.web.errors import WebError
from gongkai.web.refusals import bind_refusal
from gongkai.web.reports import downloads, selectors, services
from gongkai.web.reports.approval import Preview
from gongkai.web.reports.display import counts, report_blocks
from gongkai.web.reports.forms import (
    ConfirmForm,
    EditorForm,
    PublishForm,
    ReopenForm,
    ReturnForm,
    SubmitForm,
)
from gongkai.web.reports.views.staff import detail_context, refusal_status

SLOTS = {
    "editor": "editor",
    "publish": "publish_form",
    "reopen": "reopen_form",
    "submit": "submit_form",
    "return": "return_form",
}
CARDS = {
    "publish": "reports/_publish_card.html",
    "submit": "reports/_submit_card.html",
    "return": "reports/_return_card.html",
}


def _page_with(
    request: HttpRequest, actor: Actor, report_id: int, status: int, **forms: Any
) -> HttpResponse:
    """The report page again, with the refused form and its errors (htmx: the form's card
    alone); when the page no longer offers that form (the report was published or reopened
    meanwhile), the error as a message."""
    context = detail_context(actor, report_id, **forms)
    missing = [form for name, form in forms.items() if SLOTS[name] not in context]
    for form in missing:
        for message in form.non_field_errors() or ["操作未完成，请刷新页面后重试。"]:
            messages.error(request, message)
    if is_htmx(request) and not missing and len(forms) == 1:
        (name,) = forms
        if name in CARDS:
            return render(request, CARDS[name], context, status=status)
    return render(request, "reports/detail.html", context, status=status)


def _done(request: HttpRequest, url: str, message: str) -> HttpResponse:
    """After a write: htmx is told to go to ``url``, a plain form redirected."""
    if message:
        messages.success(request, message)
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _detail(report_id: int) -> str:
    return reverse("reports:detail", args=[report_id])


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
            bind_refusal(form, error)
            return _page_with(request, actor, report.pk, refusal_status(error), editor=form)
        n = counts(f.to_dict() for f in generated.findings)
        messages.success(
            request, f"已保存并重新统计、校验：{n['error']} 个错误，{n['warning']} 个提示。"
        )
        return redirect("reports:detail", report_id=report.pk)
    return _page_with(request, actor, report.pk, 422, editor=form)


@staff_view
def submit(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.submit(actor, report.pk, form.cleaned_data["note"])
        except WebError as error:
            bind_refusal(form, error)
            return _page_with(request, actor, report.pk, refusal_status(error), submit=form)
        return _done(
            request, _detail(report.pk), f"{report.year}年度报告已提交审批，审批人批准后发布。"
        )
    return _page_with(request, actor, report.pk, 422, submit=form)


@staff_view
def withdraw(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    try:
        services.withdraw(actor, report.pk)
    except WebError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
        return _done(request, _detail(report.pk), "")
    return _done(request, _detail(report.pk), "已撤回审批，报告回到草稿，可以修改。")


@staff_view
def return_report(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_report(actor, report.pk, form.cleaned_data["comment"])
        except WebError as error:
            bind_refusal(form, error)
            return _page_with(request, actor, report.pk, refusal_status(error), **{"return": form})
        return _done(request, _detail(report.pk), "已退回，退回意见记入修订记录。")
    return _page_with(request, actor, report.pk, 422, **{"return": form})


@staff_view
def publish(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    """Step one: the date is checked with everything publishing checks; then the confirmation."""
    if request.method != "POST":
        return redirect("reports:detail", report_id=report_id)
    report = selectors.report_for_read(actor, report_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        published_on = form.cleaned_data["published_on"]
        try:
            services.preview(actor, report.pk, published_on)
        except WebError as error:
            bind_refusal(form, error)
            return _page_with(request, actor, report.pk, refusal_status(error), publish=form)
        url = reverse("reports:confirm", args=[report.pk])
        return _done(request, f"{url}?published_on={published_on.isoformat()}", "")
    return _page_with(request, actor, report.pk, 422, publish=form)


def _confirm_page(
    request: HttpRequest, shown: Preview, status: int = 200, form: ConfirmForm | None = None
) -> HttpResponse:
    report = shown.report
    model = from_canonical(shown.document, source=str(report))
    apps, disputes = shown.document.get("applications") or {}, shown.document.get("disputes") or {}

    def total(table: dict[str, Any], row: str) -> Any:
        value = (table.get(row) or {}).get("total")
        return "—" if value is None else value

    context = {
        "nav": "reports",
        "report": report,
        "shown": shown,
        "blocks": report_blocks(model),
        "figures": [
            ("表三 本年新收申请", total(apps, "received"), "件"),
            ("表三 本年办结", total(apps, "concluded_total"), "件"),
            ("表三 结转下年度继续办理", total(apps, "carried_out"), "件"),
            ("表四 行政复议", total(disputes, "review"), "件"),
            ("表四 行政诉讼（未经复议直接起诉）", total(disputes, "lit_direct"), "件"),
            ("表四 行政诉讼（复议后起诉）", total(disputes, "lit_after_review"), "件"),
        ],
        "formats": downloads.links(downloads.PUBLIC_FORMATS),
        "last_step": report.revisions.defer("document", "findings").order_by("-seq").first(),
        "form": form
        or ConfirmForm(initial={"published_on": shown.published_on, "digest": shown.digest}),
    }
    return render(request, "reports/publish_confirm.html", context, status=status)


@staff_view
def confirm_publish(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    """Step two: GET shows what becomes public; POST publishes exactly that."""
    report = selectors.report_for_read(actor, report_id)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, "确认信息不完整，请重新填写发布日期。")
            return redirect("reports:detail", report_id=report.pk)
        data = form.cleaned_data
        try:
            services.publish(actor, report.pk, data["published_on"], digest=data["digest"])
        except WebError as error:
            if error.status in (403, 404):
                raise
            return _refused_confirmation(request, actor, report.pk, data["published_on"], error)
        return _done(
            request,
            _detail(report.pk),
            f"{report.year}年度报告已发布，公众可在年度报告公开页面查看和下载。",
        )
    dated = PublishForm(request.GET)
    if not dated.is_valid():
        messages.error(request, "请先填写发布日期。")
        return redirect("reports:detail", report_id=report.pk)
    published_on = dated.cleaned_data["published_on"]
    try:
        shown = services.preview(actor, report.pk, published_on)
    except WebError as error:
        if error.status in (403, 404):
            raise
        return _back_to_form(request, actor, report.pk, published_on, error)
    return _confirm_page(request, shown)


def _back_to_form(
    request: HttpRequest, actor: Actor, report_id: int, published_on: Any, error: WebError
) -> HttpResponse:
    form = PublishForm({"published_on": published_on.isoformat()})
    form.is_valid()
    bind_refusal(form, error)
    return _page_with(request, actor, report_id, refusal_status(error), publish=form)


def _refused_confirmation(
    request: HttpRequest, actor: Actor, report_id: int, published_on: Any, error: WebError
) -> HttpResponse:
    """Publishing refused at the confirmation: the confirmation of the report as it is now,
    with the reason above the button; when the report can no longer be published, the
    report page with the reason beside the publishing form."""
    try:
        shown = services.preview(actor, report_id, published_on)
    except WebError as again:
        if again.status in (403, 404):
            raise
        return _back_to_form(request, actor, report_id, published_on, again)
    form = ConfirmForm({"published_on": published_on.isoformat(), "digest": shown.digest})
    form.is_valid()
    form.add_error(None, error.message)
    return _confirm_page(request, shown, refusal_status(error), form)


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
            bind_refusal(form, error)
            return _page_with(request, actor, report.pk, refusal_status(error), reopen=form)
        messages.success(request, "报告已重新打开为草稿；修改后须重新校验、审批发布。")
        return redirect("reports:detail", report_id=report.pk)
    return _page_with(request, actor, report.pk, 422, reopen=form)
