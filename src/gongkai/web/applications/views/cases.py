"""The case list, the case page and registration."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.state import PHASE_LABELS
from gongkai.web.agencies.selectors import agencies_readable, writable_agency_ids
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import STATUS_LABELS, clock_for
from gongkai.web.applications.drafting import OPEN_DRAFT, DraftStatus
from gongkai.web.applications.forms import ApproveForm, IntakeForm, ReturnForm
from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.applications.services import intake
from gongkai.web.applications.views.common import Actor, bind_refusal, staff_view
from gongkai.web.errors import WebError
from gongkai.web.letters.services import letters_of
from gongkai.web.portal import services as portal
from gongkai.web.registers import selectors as register_selectors


@staff_view
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("phase", "outcome", "agency", "q")}
    cases = selectors.case_list(actor, phase=params["phase"], outcome=params["outcome"],
                                agency=params["agency"], query=params["q"])
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    template = "applications/_case_rows.html" if request.headers.get("HX-Request") else \
        "applications/case_list.html"
    return render(request, template, {
        "nav": "list", "page": page, "params": params,
        "phases": [(p.value, label) for p, label in PHASE_LABELS.items()],
        "outcomes": list(OUTCOME_LABELS.items()), "agencies": agencies_readable(actor),
    })


@staff_view
def case_detail(request: HttpRequest, actor: Actor, case_id: int) -> HttpResponse:
    application = selectors.case_for_read(actor, case_id)
    rows = selectors.events_of(application)
    today = timezone.localdate()
    clock = clock_for(application.agency, rows, today)
    writable = application.agency_id in writable_agency_ids(actor)
    open_drafts = list(application.drafts.filter(status__in=OPEN_DRAFT)
                       .prefetch_related("files", "entries"))
    waiting = frozenset(d.action for d in open_drafts if d.status == DraftStatus.PENDING)
    offered = actions.offered(actor, clock.state, application.phase, writable, waiting)
    return render(request, "applications/case_detail.html", {
        "nav": "list", "case": application, "events": rows, "clock": clock, "today": today,
        "record": selectors.record_of(application, rows), "drafts": open_drafts,
        "approve_form": ApproveForm(initial={"on": today}), "return_form": ReturnForm(),
        "case_files": list(application.files.filter(event__isnull=False)
                           .select_related("event")),
        "status_label": STATUS_LABELS[clock.status], "offered": offered,
        "letters": letters_of(application, rows), "writable": writable,
        "outcome_label": OUTCOME_LABELS.get(application.outcome, ""),
        "disputes": register_selectors.disputes_of_application(actor, application),
        "portal_corrections": portal.corrections_of(application, rows),
        "waiting_correction": portal.awaiting_correction(application),
    })


@staff_view
def register(request: HttpRequest, actor: Actor) -> HttpResponse:
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = IntakeForm(request.POST or None, initial={
        "channel": "in_person", "submitted_at": now, "applicant_type": "natural_person"})
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
    return render(request, "applications/register.html", {"nav": "register", "form": form},
                  status=422 if request.method == "POST" else 200)
