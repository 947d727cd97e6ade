"""One operation per step of a case (POST /api/cases/{case_id}/steps/<step>), each with the
request schema of its form. The same forms validate it after the schema, and the same services
write it; the procedure core refuses a step the case's state does not allow (409)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django import forms
from django.utils import timezone
from ninja import Router, Schema
from pydantic import ConfigDict, Field, StringConstraints

from gongkai.procedure.errors import ProcedureError
from gongkai.web.agencies.selectors import Actor
from gongkai.web.api.auth import writer_auth
from gongkai.web.api.fields import (
    FILLED,
    TEXT,
    WINDOW,
    Day,
    FeeMethod,
    ReplyOutcome,
    WithheldGround,
    text,
)
from gongkai.web.api.schemas import CaseDetailOut, ErrorOut
from gongkai.web.applications import actions, selectors
from gongkai.web.applications.casefile import clock_for
from gongkai.web.errors import InvalidInput, as_web_error

router = Router(tags=["steps"])

# one item of a correction notice: enforced as the schema says (1–500 characters, not blank)
Item = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=FILLED)]


class _Step(Schema):
    model_config = ConfigDict(extra="forbid")

    on: Day = Field(description=f"日期（{WINDOW}）")
    reason: str = text(2000, description="说明")
    correction_reason: str = text(
        1000, description="日期落在年度报告已发布的年份时，须写明更正理由"
    )


class DatedIn(_Step):
    pass


class CorrectionNoticeIn(_Step):
    items: list[Item] = Field(
        min_length=1, max_length=50, description="需要补正的事项，一次性列明，每项一条"
    )
    correction_due: Day = Field(description="补正期限（截止日期，可在今天之后一年内）")


class ConsultIn(_Step):
    consultation: Literal["third_party", "agency"] = Field(
        description="征求对象：第三方（第三十二条）或其他机关（第三十四条）",
    )
    party: str = text(200, required=True, description="第三方或机关的名称")
    delivered_on: Day | None = Field(None, description="对方收到之日（已知时填写）")


class EndConsultIn(_Step):
    ref: str = Field(max_length=40, pattern=TEXT, description="征求意见的编号（办理记录中）")
    answered: bool = Field(description="对方是否在期限内提出意见")


class ExtendIn(_Step):
    notified_on: Day = Field(description="告知申请人之日")
    workdays: int = Field(20, ge=1, le=20, description="延长的工作日数（不超过20个）")
    reason: str = text(2000, required=True, description="延期理由")


class FeeIn(_Step):
    method: FeeMethod = Field(description="计收方式：按件或按量")
    quantity: int = Field(ge=1, le=100000, description="页数（按量）或件数（按件）")
    place_in_month: int | None = Field(
        None, ge=1, le=100000, description="本月第几件申请（仅按件计收）"
    )
    delivered_on: Day | None = Field(None, description="申请人收到之日（已知时填写）")


class ReplyIn(_Step):
    outcome: ReplyOutcome = Field(description="办理结果（只能一项）")
    withheld_grounds: list[WithheldGround] = Field(
        default_factory=list, max_length=20, description="部分公开时，不予公开部分的理由"
    )


SCHEMAS: dict[str, type[_Step]] = {
    "confirm": DatedIn,
    "correction_notice": CorrectionNoticeIn,
    "receive_correction": DatedIn,
    "correction_lapsed": DatedIn,
    "consult": ConsultIn,
    "end_consult": EndConsultIn,
    "extend": ExtendIn,
    "fee": FeeIn,
    "payment": DatedIn,
    "fee_lapsed": DatedIn,
    "reply": ReplyIn,
    "withdraw": DatedIn,
}

EXAMPLES: dict[str, dict[str, Any]] = {
    "confirm": {"on": "2025-10-09"},
    "correction_notice": {
        "on": "2025-10-09",
        "items": ["请写明文件名称"],
        "correction_due": "2025-10-24",
    },
    "receive_correction": {"on": "2025-10-13", "reason": "补充了文件名称"},
    "correction_lapsed": {"on": "2025-10-27"},
    "consult": {"on": "2025-10-10", "consultation": "third_party", "party": "某某有限公司"},
    "end_consult": {"on": "2025-10-24", "ref": "1", "answered": True},
    "extend": {
        "on": "2025-10-28",
        "notified_on": "2025-10-28",
        "workdays": 20,
        "reason": "需要调取的档案较多",
    },
    "fee": {"on": "2025-10-10", "method": "per_page", "quantity": 120},
    "payment": {"on": "2025-10-15"},
    "fee_lapsed": {"on": "2025-10-31"},
    "reply": {
        "on": "2025-10-20",
        "outcome": "partially_granted",
        "withheld_grounds": ["withheld_third_party"],
        "reason": "涉及个人隐私的部分不予公开",
    },
    "withdraw": {"on": "2025-10-02", "reason": "申请人书面撤回"},
}
ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 409)}


def _actor(request: Any) -> Actor:
    return request.auth  # type: ignore[no-any-return]


def take(actor: Actor, case_id: int, action: actions.Action, body: dict[str, Any]) -> int:
    """Validate ``body`` with the step's form, as the step page does, and record the step."""
    app = selectors.case_for_write(actor, case_id, approval=action.approval)
    clock = clock_for(app.agency, selectors.events_of(app), timezone.localdate())
    data = dict(body)
    if action.name == "end_consult":
        open_refs = {c.ref for c in (clock.state.open_consultations if clock.state else ())}
        if data["ref"] not in open_refs:  # the case's state, not the request's shape: 409
            raise as_web_error(  # type: ignore[misc]
                ProcedureError(
                    f"这件申请没有正在进行的征求意见 {data['ref']}"
                    f"（正在进行的：{'、'.join(sorted(open_refs)) or '无'}）。",
                    rule="CONSULTATION-NOT-OPEN",
                    field="ref",
                )
            )
    if "items" in data:  # the form's text field: one item per line
        data["items"] = "\n".join(data["items"])
    if "answered" in data:
        data["answered"] = "1" if data["answered"] else "0"
    form = actions.form_for(action, clock.state, data)
    # a step dated in a year whose report is published needs a reason (reports.lock), as on
    # the step page
    form.fields["correction_reason"] = forms.CharField(
        label="更正理由", required=False, max_length=1000
    )
    if not form.is_valid():
        raise InvalidInput("办理事项的内容不完整或有误。", fields=form.errors.get_json_data())
    try:
        actions.take(actor, app.pk, form, clock.state)
    except ProcedureError as error:
        raise as_web_error(error) from error  # type: ignore[misc]
    return app.pk


def _add(action: actions.Action, schema: type[_Step]) -> None:
    from gongkai.web.api.routes import detail_of  # the case as read_case answers it

    def view(request: Any, case_id: int, payload: Any) -> dict[str, Any]:
        actor = _actor(request)
        take(actor, case_id, action, payload.model_dump(exclude_unset=False))
        return detail_of(actor, case_id)

    view.__annotations__ = {
        "request": Any,
        "case_id": int,
        "payload": schema,
        "return": dict[str, Any],
    }
    view.__name__ = f"step_{action.name}"
    approval = "（限审批人）" if action.approval else ""
    router.post(
        f"/cases/{{case_id}}/steps/{action.name}",
        response={200: CaseDetailOut, **ERRORS},
        operation_id=f"step_{action.name}",
        summary=f"{action.label}{approval}",
        description=action.help or None,
        auth=writer_auth(approval=action.approval),
        openapi_extra={
            "requestBody": {"content": {"application/json": {"example": EXAMPLES[action.name]}}}
        },
    )(view)


for _action in actions.ACTIONS:
    _add(_action, SCHEMAS[_action.name])
