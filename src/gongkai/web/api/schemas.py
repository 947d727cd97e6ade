"""Shapes of the API: what goes in and what comes out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import BaseModel, ConfigDict


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
    channel: str
    submitted_at: datetime
    signed_on: date | None = None
    arrived_on: date | None = None
    confirmed_on: date | None = None
    applicant_type: str
    applicant_name: str
    id_type: str = ""
    id_number: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str
    form_wanted: str = "electronic"
    delivery: str = "email"
    registered_on: date | None = None  # the day of registration, default today (backlog entry)


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


class StepIn(BaseModel):
    """The fields of the step's form (e.g. ``on``, ``items``, ``correction_due``, ``outcome``)."""

    model_config = ConfigDict(extra="allow")
