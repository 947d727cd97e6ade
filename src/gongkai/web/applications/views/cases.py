"""The case list, the case page and registration."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.procedure.errors import ProcedureError
from gongkai.web import exports
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.agencies.selectors import (
    agencies_readable,
    readable_agency_filter,
    writable_agency_ids,
)
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import STATUS_LABELS, clock_for
from gongkai.web.applications.drafting import OPEN_DRAFT, DraftStatus
from gongkai.web.applications.filters import FILTER_NAMES, CaseFilterForm
from gongkai.web.applications.forms import ApproveForm, IntakeForm, ReturnForm
from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.applications.models import Application
from gongkai.web.applications.saved import SavedFilter
from gongkai.web.applications.services import intake
from gongkai.web.errors import InvalidInput, NotFound, WebError
from gongkai.web.letters.services import letters_of
from gongkai.web.paging import CappedPaginator
from gongkai.web.portal import services as portal
from gongkai.web.refusals import bind_refusal


def _filtered(request: HttpRequest, actor: Actor) -> tuple[CaseFilterForm, Any]:
    """The filter form bound to the query string and the cases it selects (none while a
    filter is refused: a list that silently ignored one would mislead)."""
    agencies = agencies_readable(actor)
    form = CaseFilterForm(request.GET, agencies)
    if not form.is_valid():
        return form, Application.objects.none()
    p = form.params()
    try:
        cases = selectors.case_list(
            actor,
            phase=p["phase"] or "",
            outcome=p["outcome"] or "",
            agency=p["agency"] or "",
            query=p["q"] or "",
            applicant_type=p["applicant_type"] or "",
            channel=p["channel"] or "",
            received_from=p["received_from"],
            received_to=p["received_to"],
            due=p["due"] or "",
            due_days=p["due_days"],
            today=timezone.localdate(),
        )
    except InvalidInput as error:
        for name, message in error.fields.items():
            form.add_error(name if name in form.fields else None, message)
        return form, Application.objects.none()
    return form, cases


@staff_view
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form, cases = _filtered(request, actor)
    # a text search reads every case's text, the due filters list the cases by number: neither
    # counts faster in the list's order
    searched = any(request.GET.get(name, "").strip() for name in ("q", "due"))
    paginator = CappedPaginator(cases, 50, count_in_order=not searched)
    page = paginator.get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k in FILTER_NAMES and v})
    template = (
        "applications/case_rows.jinja"
        if request.headers.get("HX-Request")
        else "applications/case_list.html"
    )
    return render(
        request,
        template,
        {
            "nav": "list",
            "page": page,
            "form": form,
            "query": query,
            "params": {k: v for k, v in request.GET.items() if k in FILTER_NAMES},
            "saved": SavedFilter.objects.filter(user_id=actor.user_id),
        },
        status=400 if form.errors else 200,
    )


EXPORT_HEADERS = (
    "申请编号",
    "申请人",
    "申请人类型",
    "提交方式",
    "受理机关",
    "提交时间",
    "收到申请之日",
    "办理阶段",
    "办理结果",
    "办结日期",
    "所需政府信息",
)


@staff_view
def case_export(request: HttpRequest, actor: Actor, fmt: str) -> HttpResponse:
    """The filtered list, every page, as CSV or XLSX."""
    if fmt not in exports.FORMATS:
        raise NotFound("没有这种导出格式。")
    form, cases = _filtered(request, actor)
    if form.errors:
        raise InvalidInput("筛选条件有误，请在案件列表页修改后再导出。")
    rows = (
        (
            c.tracking_number,
            c.applicant_name,
            c.get_applicant_type_display(),
            c.get_channel_display(),
            c.agency.name,
            c.submitted_at,
            c.received_on,
            c.get_phase_display(),
            c.get_outcome_display(),
            c.closed_on,
            c.description,
        )
        for c in cases.iterator(chunk_size=500)
    )
    return exports.respond(fmt, "政府信息公开申请", EXPORT_HEADERS, rows)


@staff_view
def save_filter(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method != "POST":
        return redirect("cases:list")
    name = " ".join(request.POST.get("name", "").split())[:50]
    query = request.POST.get("query", "")[:1000]
    if not name:
        messages.error(request, "请为筛选条件起一个名称。")
    else:
        SavedFilter.objects.update_or_create(
            user_id=actor.user_id, name=name, defaults={"query": query}
        )
        messages.success(request, f"已保存筛选条件“{name}”。")
    return redirect(f"{reverse('cases:list')}?{query}" if query else reverse("cases:list"))


@staff_view
def delete_filter(request: HttpRequest, actor: Actor, filter_id: int) -> HttpResponse:
    if request.method == "POST":
        found = SavedFilter.objects.filter(user_id=actor.user_id, pk=filter_id).first()
        if found is None:
            raise NotFound("没有这个筛选条件。")
        found.delete()
        messages.success(request, f"已删除筛选条件“{found.name}”。")
    return redirect("cases:list")


@staff_view
def case_detail(request: HttpRequest, actor: Actor, case_id: int) -> HttpResponse:
    application = selectors.case_for_read(actor, case_id)
    rows = selectors.events_of(application)
    today = timezone.localdate()
    clock = clock_for(application.agency, rows, today)
    writable = application.agency_id in writable_agency_ids(actor)
    open_drafts = list(
        application.drafts.filter(status__in=OPEN_DRAFT).prefetch_related("files", "entries")
    )
    waiting = frozenset(d.action for d in open_drafts if d.status == DraftStatus.PENDING)
    offered = actions.offered(actor, clock.state, application.phase, writable, waiting)
    return render(
        request,
        "applications/case_detail.html",
        {
            "nav": "list",
            "case": application,
            "events": rows,
            "clock": clock,
            "today": today,
            "record": selectors.record_of(application, rows),
            "drafts": open_drafts,
            "approve_form": ApproveForm(initial={"on": today}),
            "return_form": ReturnForm(),
            "case_files": list(
                application.files.filter(event__isnull=False).select_related("event")
            ),
            "status_label": STATUS_LABELS[clock.status],
            "offered": offered,
            "letters": letters_of(application, rows),
            "writable": writable,
            "outcome_label": OUTCOME_LABELS.get(application.outcome, ""),
            "disputes": list(
                application.disputes.filter(readable_agency_filter(actor)).order_by(
                    "filed_on", "pk"
                )
            ),
            "portal_corrections": portal.corrections_of(application, rows),
            "waiting_correction": portal.awaiting_correction(application),
        },
    )


@staff_view
def register(request: HttpRequest, actor: Actor) -> HttpResponse:
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = IntakeForm(
        request.POST or None,
        initial={"channel": "in_person", "submitted_at": now, "applicant_type": "natural_person"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = intake.register(actor, form.cleaned_data)
        except (WebError, ProcedureError) as error:
            bind_refusal(form, error, {"submitted_on": "submitted_at"})
        else:
            messages.success(
                request,
                f"已登记，申请编号 {done.application.tracking_number}，"
                f"查询密码 {done.secret}（请告知申请人，系统只保存其散列值）。",
            )
            return redirect("cases:detail", case_id=done.application.pk)
    return render(
        request,
        "applications/register.html",
        {"nav": "register", "form": form},
        status=422 if request.method == "POST" else 200,
    )
