"""Submission before publication: the region's rule, the supervisor's queue and review of a
submitted draft, and the unit's submission (from its report page, where a refusal comes back
beside the submit button)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.report.canonical import from_canonical
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.errors import NotFound, WebError
from gongkai.web.refusals import bind_refusal
from gongkai.web.reports import downloads
from gongkai.web.reports import selectors as report_selectors
from gongkai.web.reports.display import counts, finding_views, report_blocks
from gongkai.web.reports.views.staff import detail_context, refusal_status
from gongkai.web.supervision import clearance
from gongkai.web.supervision.forms import ClearanceDecisionForm, ClearanceSubmitForm, PolicyForm
from gongkai.web.supervision.views.common import base_context


def _queue_url(region: int) -> str:
    return reverse("supervision:clearance", kwargs={"region": region})


@staff_view
def queue(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    ctx = base_context(actor, region)
    waiting, decided = clearance.queue(ctx["region"])
    policy = clearance.policy_of(ctx["region"])
    return render(
        request,
        "supervision/clearance_queue.html",
        {
            **ctx,
            "waiting": waiting,
            "decided": decided[:50],
            "policy": policy,
            "history": clearance.policy_history(ctx["region"]),
            "policy_form": PolicyForm(
                initial={"requires_clearance": bool(policy and policy.requires_clearance)}
            ),
        },
    )


@staff_view
def policy(request: HttpRequest, actor: Actor, region: int) -> HttpResponse:
    if request.method != "POST":
        raise NotFound("没有这个页面。")
    form = PolicyForm(request.POST)
    form.is_valid()  # a checkbox: absent is off
    requires = bool(form.cleaned_data.get("requires_clearance"))
    changed = clearance.set_policy(actor, region, requires)
    if changed is None:
        messages.info(request, "设置没有变化。")
    elif requires:
        messages.success(
            request, "已设置：本监督范围内使用本系统的单位，年度报告发布前须提交本机关审核。"
        )
    else:
        messages.success(request, "已取消发布前审核：单位可直接发布年度报告。")
    return redirect(_queue_url(region))


def _review_context(
    actor: Actor, region: int, report_id: int, form: ClearanceDecisionForm | None = None
) -> dict[str, Any]:
    ctx = base_context(actor, region)
    state = clearance.submitted_report(ctx["region"], report_id)
    submission = state.submission
    assert submission is not None, "a report is in the queue by its submission"
    shown = clearance.submitted_version(submission)
    model = from_canonical(shown.document, source=f"{state.report}（提交审核的版本）")
    context: dict[str, Any] = {
        **ctx,
        "state": state,
        "report": state.report,
        "submission": shown,
        "blocks": report_blocks(model),
        "findings": finding_views(shown.findings, model),
        "counts": counts(shown.findings),
        "draft_mark": downloads.DRAFT_MARK,
        "steps": list(reversed(state.steps)),
        "decidable": ctx["writable"]
        and state.waiting
        and state.last is not None
        and state.last.pk == submission.pk,
    }
    if context["decidable"]:
        context["form"], context["stale"] = _for_version(form, submission.pk)
    return context


def _for_version(
    form: ClearanceDecisionForm | None, step: int
) -> tuple[ClearanceDecisionForm, list[str]]:
    """The form of the version waiting now, and the reasons to show above it: a decision on an
    older version comes back as a fresh form (its choices would now apply to another text)."""
    if form is None:
        return ClearanceDecisionForm(initial={"step": step}), []
    if form.is_bound and form.data.get("step") != str(step):
        reasons = [str(m) for m in form.non_field_errors()]
        return ClearanceDecisionForm(initial={"step": step}), reasons
    return form, []


@staff_view
def review(request: HttpRequest, actor: Actor, region: int, report_id: int) -> HttpResponse:
    return render(
        request, "supervision/clearance_review.html", _review_context(actor, region, report_id)
    )


@staff_view
def decide(request: HttpRequest, actor: Actor, region: int, report_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("supervision:clearance_review", region=region, report_id=report_id)
    form = ClearanceDecisionForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            step = clearance.decide(
                actor, region, report_id, data["step"], data["action"], data["comment"]
            )
        except WebError as error:
            if error.status in (403, 404):
                raise
            bind_refusal(form, error)
            status = refusal_status(error)
        else:
            report = step.report
            done = "审核通过" if step.action == "cleared" else "退回修改"
            messages.success(request, f"{report.agency.name}{report.year}年度报告：已{done}。")
            return redirect(_queue_url(region))
    context = _review_context(actor, region, report_id, form)
    if "form" not in context:  # no longer waiting: the reason as a message
        for message in form.non_field_errors():
            messages.error(request, str(message))
    return render(request, "supervision/clearance_review.html", context, status=status)


@staff_view
def submit(request: HttpRequest, actor: Actor, report_id: int) -> HttpResponse:
    """The unit submits its report; a refusal: the report page, the reason beside the button."""
    report = report_selectors.report_for_read(actor, report_id)
    if request.method != "POST":
        return redirect("reports:detail", report_id=report.pk)
    form = ClearanceSubmitForm(request.POST)
    if form.is_valid():
        try:
            step = clearance.submit(actor, report.pk, form.cleaned_data["note"])
        except WebError as error:
            if error.status in (403, 404):
                raise
            bind_refusal(form, error)
            return _report_page(request, actor, report.pk, form, refusal_status(error))
        messages.success(
            request,
            f"已提交{step.region.name}审核；审核通过后才能发布，退回的意见将显示在本页。",
        )
        return redirect("reports:detail", report_id=report.pk)
    return _report_page(request, actor, report.pk, form, 422)


def _report_page(
    request: HttpRequest, actor: Actor, report_id: int, form: ClearanceSubmitForm, status: int
) -> HttpResponse:
    context = detail_context(actor, report_id)
    card = context.get("clearance")
    if card is None or not card.context.get("submittable"):
        for message in form.non_field_errors() or ["操作未完成，请刷新页面后重试。"]:
            messages.error(request, str(message))
    else:
        card.context["submit_form"] = form
    return render(request, "reports/detail.html", context, status=status)
