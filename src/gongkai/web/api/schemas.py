"""Shapes of the API: what goes in and what comes out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

from gongkai.web.api.fields import (
    EMAIL,
    FILLED,
    WINDOW,
    ApplicantType,
    Channel,
    Day,
    Delivery,
    FormWanted,
    Moment,
    text,
)


class EventOut(Schema):
    seq: int
    kind: str
    label: str
    occurred_on: date
    recorded_at: datetime
    actor: str
    reason: str
    summary: str
    warnings: list[str]
    data: dict[str, Any]


class DeadlineOut(Schema):
    due: date
    provisional: bool  # 暂计: a consultation or a fee payment is not over yet
    calendar_provisional: bool  # 暂定: rests on a year whose 调休 is not published yet
    calendar_note: str  # why it is 暂定 ("" when final)
    steps: list[str]


class LetterOut(Schema):
    seq: int
    label: str
    url: str
    issued: bool  # frozen: the same text (and bytes) forever
    missing: str  # why it cannot be issued yet ("" when it can)


class CaseOut(Schema):
    id: int
    tracking_number: str
    agency: str
    agency_id: int
    applicant_type: str
    applicant_name: str
    channel: str
    submitted_at: datetime
    received_on: date | None
    phase: str
    outcome: str
    closed_on: date | None


class CaseDetailOut(CaseOut):
    description: str
    status: str
    status_label: str
    overdue: bool
    deadline: DeadlineOut | None
    deadline_error: str
    events: list[EventOut]
    letters: list[LetterOut]
    actions: list[str]


class CaseIn(Schema):
    """A request registered by staff (条例第二十九条): who asks, for what, in which form, and
    how and when it came in (第三十一条). At least one of phone, email and address."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {"required": [name], "properties": {name: {"pattern": FILLED}}}
                for name in ("phone", "email", "address")
            ],
            "examples": [
                {
                    "channel": "in_person",
                    "submitted_at": "2025-09-30T10:00:00+08:00",
                    "applicant_type": "natural_person",
                    "applicant_name": "林国娟",
                    "phone": "13900000000",
                    "description": "2024年度城乡居民最低生活保障资金发放情况",
                    "registered_on": "2025-09-30",
                }
            ],
        },
    )

    channel: Channel = Field(description="提交方式")
    submitted_at: Moment = Field(description=f"提交时间（{WINDOW}）")
    signed_on: Day | None = Field(None, description="需签收的邮寄：本机关签收之日")
    arrived_on: Day | None = Field(None, description="平常信函：信件到达之日")
    confirmed_on: Day | None = Field(
        None, description="平常信函、传真、电子邮件、网上提交：与申请人确认之日"
    )
    applicant_type: ApplicantType = Field(description="申请人类型")
    applicant_name: str = text(200, required=True, description="申请人姓名或名称")
    id_type: str = text(40)
    id_number: str = text(60)
    contact_person: str = text(100)
    phone: str = text(40)
    email: str = Field("", max_length=254, pattern=EMAIL)
    address: str = text(300)
    postcode: str = text(10)
    description: str = text(10000, required=True, description="所需政府信息的描述")
    form_wanted: FormWanted = "electronic"
    delivery: Delivery = "email"
    registered_on: Day | None = Field(
        None, description=f"登记之日，默认今天（补录时填写；{WINDOW}）"
    )

    @model_validator(mode="after")
    def _a_contact(self) -> CaseIn:
        if not any(v.strip() for v in (self.phone, self.email, self.address)):
            raise ValueError("请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        return self


class ErrorOut(Schema):
    """Every refusal: a stable code, a message in Chinese, and the fields at fault."""

    code: str = Field(description="INVALID、UNAUTHORIZED、FORBIDDEN、NOT_FOUND、PROCEDURE、BUSY 等")
    message: str
    fields: dict[str, Any] = Field(description="出错的字段及原因（字段名 → 说明）")
    rule: str | None = Field(None, description="办理程序拒绝时：规则代码（409）")


class CreatedOut(Schema):
    case: CaseDetailOut
    secret: str


class DueOut(Schema):
    case: CaseOut
    due: date | None
    calendar_provisional: bool = False  # 暂定 (see DeadlineOut)
    calendar_note: str = ""
    status: str
    status_label: str
