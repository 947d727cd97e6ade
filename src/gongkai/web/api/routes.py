"""The case endpoints. They call the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.selectors import Actor, writable_agency_ids
from gongkai.web.api.schemas import CaseDetailOut, CaseIn, CaseOut, CreatedOut, DueOut, StepIn
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import Clock, clock_for
from gongkai.web.applications.forms import IntakeForm
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.services import intake
from gongkai.web.errors import InvalidInput, NotFound, as_web_error
from gongkai.web.letters.services import letters_of

router = Router(tags=["cases"])


def _actor(request: Any) -> Actor:
    return request.auth  # type: ignore[no-any-return]


def case_out(app: Application) -> dict[str, Any]:
    return {
        "id": app.pk, "tracking_number": app.tracking_number, "agency": app.agency.name,
        "agency_id": app.agency_id, "applicant_type": app.applicant_type,
        "applicant_name": app.applicant_name, "channel": app.channel,
        "submitted_at": app.submitted_at, "received_on": app.received_on, "phase": app.phase,
        "outcome": app.outcome, "closed_on": app.closed_on,
    }


def _detail(actor: Actor, app: Application) -> dict[str, Any]:
    rows: list[CaseEvent] = selectors.events_of(app)
    clock: Clock = clock_for(app.agency, rows, timezone.localdate())
    reply = clock.reply
    writable = app.agency_id in writable_agency_ids(actor)
    return {
        **case_out(app),
        "description": app.description,
        "status": clock.status, "status_label": clock.status_label, "overdue": clock.overdue,
        "deadline": {"due": reply.due, "provisional": reply.provisional,
                     "calendar_provisional": reply.calendar_provisional,
                     "calendar_note": reply.calendar_note, "steps": list(reply.steps)}
        if reply else None,
        "deadline_error": clock.error,
        "events": [{
            "seq": r.seq, "kind": r.kind, "label": r.get_kind_display(),
            "occurred_on": r.occurred_on, "recorded_at": r.recorded_at, "actor": r.actor_name,
            "reason": r.reason, "summary": r.summary, "warnings": r.warnings, "data": r.data,
        } for r in rows],
        "letters": [{"seq": ref.seq, "label": ref.label,
                     "url": reverse("cases:letter", args=[app.pk, ref.seq]),
                     "issued": ref.issued, "missing": ref.missing}
                    for ref in letters_of(app, rows)],
        "actions": [a.name for a in actions.offered(actor, clock.state, app.phase, writable)
                    if not actions.drafts(actor, a)],  # drafts for approval: on the pages
    }


class CaseFilter(Schema):
    phase: str = ""
    outcome: str = ""
    agency: str = ""
    q: str = Field("", max_length=200)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)


@router.get("/cases", response=list[CaseOut], summary="申请列表（本人可见的机关）")
def list_cases(request: Any, filters: Query[CaseFilter]) -> list[dict[str, Any]]:
    cases = selectors.case_list(_actor(request), phase=filters.phase, outcome=filters.outcome,
                                agency=filters.agency, query=filters.q)
    return [case_out(a) for a in cases[filters.offset: filters.offset + filters.limit]]


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="一件申请：状态、期限及其计算过程、办理记录、文书")
def read_case(request: Any, case_id: int) -> dict[str, Any]:
    actor = _actor(request)
    return _detail(actor, selectors.case_for_read(actor, case_id))


@router.post("/cases", response={201: CreatedOut}, summary="登记申请")
def create_case(request: Any, payload: CaseIn) -> Status:
    actor = _actor(request)
    form = IntakeForm(payload.dict())
    if not form.is_valid():
        raise InvalidInput("申请内容不完整或有误。", fields=form.errors.get_json_data())
    done = intake.register(actor, form.cleaned_data, registered_on=payload.registered_on)
    return Status(201, {"case": _detail(actor, done.application), "secret": done.secret})


@router.post("/cases/{case_id}/steps/{name}", response=CaseDetailOut,
             summary="办理一个事项（告知补正、批准延期、作出答复等）")
def take_step(request: Any, case_id: int, name: str, payload: StepIn) -> dict[str, Any]:
    actor = _actor(request)
    action = actions.BY_NAME.get(name)
    if action is None:
        raise NotFound(f"没有这个办理事项：{name}（可用：{'、'.join(actions.BY_NAME)}）")
    app = selectors.case_for_write(actor, case_id, approval=action.approval)
    clock = clock_for(app.agency, selectors.events_of(app), timezone.localdate())
    data = payload.model_dump()
    form = actions.form_for(action, clock.state, data)
    # a step dated in a year whose report is published needs a reason (reports.lock), as on
    # the step page
    form.fields["correction_reason"] = forms.CharField(
        label="更正理由", required=False, max_length=1000
    )
    for key, value in data.items():  # a JSON list for a multi-line text field: one per line
        if isinstance(value, list) and key in form.fields and \
                not isinstance(form.fields[key], forms.MultipleChoiceField):
            data[key] = "\n".join(str(v) for v in value)
    if not form.is_valid():
        raise InvalidInput("办理事项的内容不完整或有误。", fields=form.errors.get_json_data())
    try:
        action.run(actor, app.pk, form.cleaned_data, clock.state)
    except ProcedureError as error:
        raise as_web_error(error) from error  # type: ignore[misc]
    return _detail(actor, selectors.case_for_read(actor, case_id))


@router.get("/deadlines/{which}", response=list[DueOut], summary="已逾期（overdue）或即将到期（soon）的申请")
def deadlines(request: Any, which: str) -> list[dict[str, Any]]:
    actor = _actor(request)
    today = timezone.localdate()
    if which not in ("overdue", "soon"):
        raise NotFound("应为 overdue 或 soon")
    rows = selectors.overdue_cases(actor, today) if which == "overdue" else \
        selectors.due_soon_cases(actor, today)
    return [{"case": case_out(r.application), "due": r.clock.reply.due if r.clock.reply else None,
             "calendar_provisional": bool(r.clock.reply and r.clock.reply.calendar_note),
             "calendar_note": r.clock.reply.calendar_note if r.clock.reply else "",
             "status": r.clock.status, "status_label": r.clock.status_label} for r in rows]
