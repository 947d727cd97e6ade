"""The case endpoints. They call the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from gongkai.web.agencies.selectors import Actor, writable_agency_ids
from gongkai.web.api.auth import writer_auth
from gongkai.web.api.fields import TEXT, OutcomeFilter, PhaseFilter, Which
from gongkai.web.api.schemas import (
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CreatedOut,
    DueOut,
    ErrorOut,
)
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import Clock, clock_for
from gongkai.web.applications.forms import IntakeForm
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.services import intake
from gongkai.web.bounds import MAX_ID
from gongkai.web.errors import InvalidInput
from gongkai.web.letters.services import letters_of

router = Router(tags=["cases"])


def _actor(request: Any) -> Actor:
    return request.auth  # type: ignore[no-any-return]


def case_out(app: Application) -> dict[str, Any]:
    return {
        "id": app.pk,
        "tracking_number": app.tracking_number,
        "agency": app.agency.name,
        "agency_id": app.agency_id,
        "applicant_type": app.applicant_type,
        "applicant_name": app.applicant_name,
        "channel": app.channel,
        "submitted_at": app.submitted_at,
        "received_on": app.received_on,
        "phase": app.phase,
        "outcome": app.outcome,
        "closed_on": app.closed_on,
    }


def _detail(actor: Actor, app: Application) -> dict[str, Any]:
    rows: list[CaseEvent] = selectors.events_of(app)
    clock: Clock = clock_for(app.agency, rows, timezone.localdate())
    reply = clock.reply
    writable = app.agency_id in writable_agency_ids(actor)
    return {
        **case_out(app),
        "description": app.description,
        "status": clock.status,
        "status_label": clock.status_label,
        "overdue": clock.overdue,
        "deadline": {
            "due": reply.due,
            "provisional": reply.provisional,
            "calendar_provisional": reply.calendar_provisional,
            "calendar_note": reply.calendar_note,
            "steps": list(reply.steps),
        }
        if reply
        else None,
        "deadline_error": clock.error,
        "events": [
            {
                "seq": r.seq,
                "kind": r.kind,
                "label": r.get_kind_display(),
                "occurred_on": r.occurred_on,
                "recorded_at": r.recorded_at,
                "actor": r.actor_name,
                "reason": r.reason,
                "summary": r.summary,
                "warnings": r.warnings,
                "data": r.data,
            }
            for r in rows
        ],
        "letters": [
            {
                "seq": ref.seq,
                "label": ref.label,
                "url": reverse("cases:letter", args=[app.pk, ref.seq]),
                "issued": ref.issued,
                "missing": ref.missing,
            }
            for ref in letters_of(app, rows)
        ],
        "actions": [
            a.name
            for a in actions.offered(actor, clock.state, app.phase, writable)
            if not actions.drafts(actor, a)
        ],  # drafts for approval: on the pages
    }


class CaseFilter(Schema):
    model_config = ConfigDict(extra="forbid")

    phase: PhaseFilter = Field("", description="办理阶段；open 为所有在办阶段")
    outcome: OutcomeFilter = Field("", description="办理结果")
    agency: int | None = Field(None, ge=1, le=MAX_ID, description="机关编号")
    q: str = Field("", max_length=100, pattern=TEXT, description="编号、申请人或内容中的文字")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)


ERRORS = {status: ErrorOut for status in (400, 401, 403)}
CASE_LINKS = {
    "ReadCase": {
        "operationId": "read_case",
        "parameters": {"case_id": "$response.body#/case/id"},
        "description": "读取刚登记的申请",
    },
    **{
        f"Step_{a.name}": {
            "operationId": f"step_{a.name}",
            "parameters": {"case_id": "$response.body#/case/id"},
            "description": f"办理：{a.label}",
        }
        for a in actions.ACTIONS
    },
}


@router.get(
    "/cases",
    response={200: list[CaseOut], **ERRORS},
    operation_id="list_cases",
    summary="申请列表（本人可见的机关）",
    openapi_extra={
        "responses": {
            "200": {
                "links": {
                    "ReadFirstCase": {
                        "operationId": "read_case",
                        "parameters": {"case_id": "$response.body#/0/id"},
                        "description": "读取列表中的第一件申请",
                    }
                }
            }
        }
    },
)
def list_cases(request: Any, filters: Query[CaseFilter]) -> list[dict[str, Any]]:
    agency = "" if filters.agency is None else str(filters.agency)
    cases = selectors.case_list(
        _actor(request),
        phase=filters.phase,
        outcome=filters.outcome,
        agency=agency,
        query=filters.q,
    )
    return [case_out(a) for a in cases[filters.offset : filters.offset + filters.limit]]


def detail_of(actor: Actor, case_id: int) -> dict[str, Any]:
    return _detail(actor, selectors.case_for_read(actor, case_id))


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, 404: ErrorOut, **ERRORS},
    operation_id="read_case",
    summary="一件申请：状态、期限及其计算过程、办理记录、文书",
)
def read_case(request: Any, case_id: int) -> dict[str, Any]:
    return detail_of(_actor(request), case_id)


@router.post(
    "/cases",
    response={201: CreatedOut, 409: ErrorOut, **ERRORS},
    operation_id="create_case",
    summary="登记申请",
    auth=writer_auth(),
    description="返回申请及其查询密码（secret，只此一次）。提交方式决定须填的日期"
    "（第三十一条）：缺少时答复 409。",
    openapi_extra={"responses": {"201": {"links": CASE_LINKS}}},
)
def create_case(request: Any, payload: CaseIn) -> Status:
    actor = _actor(request)
    form = IntakeForm(payload.dict())
    if not form.is_valid():
        raise InvalidInput("申请内容不完整或有误。", fields=form.errors.get_json_data())
    done = intake.register(actor, form.cleaned_data, registered_on=payload.registered_on)
    return Status(201, {"case": _detail(actor, done.application), "secret": done.secret})


@router.get(
    "/deadlines/{which}",
    response={200: list[DueOut], **ERRORS},
    operation_id="deadlines",
    summary="已逾期（overdue）或即将到期（soon）的申请",
)
def deadlines(request: Any, which: Which) -> list[dict[str, Any]]:
    actor = _actor(request)
    today = timezone.localdate()
    rows = (
        selectors.overdue_cases(actor, today)
        if which == "overdue"
        else selectors.due_soon_cases(actor, today)
    )
    return [
        {
            "case": case_out(r.application),
            "due": r.clock.reply.due if r.clock.reply else None,
            "calendar_provisional": bool(r.clock.reply and r.clock.reply.calendar_note),
            "calendar_note": r.clock.reply.calendar_note if r.clock.reply else "",
            "status": r.clock.status,
            "status_label": r.clock.status_label,
        }
        for r in rows
    ]
