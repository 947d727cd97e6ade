"""The events of the procedure: what happened, on which legal date, who did it and why.

Every event is a frozen dataclass with ``on`` (the date of the act), ``actor`` (who) and
``reason`` (why), plus its own data. :func:`event_to_data` and :func:`event_from_data` turn an
event into a JSON-ready dict and back, for the web app's event log.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal

from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.fees import FeeMethod
from gongkai.procedure.receipt import Channel

EventKind = Literal[
    "register",
    "send_correction_notice",
    "receive_correction",
    "correction_lapsed",
    "start_consultation",
    "end_consultation",
    "approve_extension",
    "issue_fee_notice",
    "receive_payment",
    "fee_lapsed",
    "reply",
    "withdraw",
]
ConsultationKind = Literal["third_party", "agency"]


@dataclass(frozen=True, kw_only=True)
class BaseEvent:
    kind: ClassVar[EventKind]
    label: ClassVar[str]
    on: date  # the date of the act (for receipts: the legal receipt date is a field of its own)
    actor: str = ""  # who recorded or did it
    reason: str = ""  # why, in the recorder's words


@dataclass(frozen=True, kw_only=True)
class Register(BaseEvent):
    kind: ClassVar[EventKind] = "register"
    label: ClassVar[str] = "登记申请"
    received_on: date  # the legal receipt date (receipt.receipt_date)
    channel: Channel
    applicant_type: str  # one of spec.APPLICANT_TYPES
    submitted_on: date | None = None
    summary: str = ""  # the information requested


@dataclass(frozen=True, kw_only=True)
class SendCorrectionNotice(BaseEvent):
    kind: ClassVar[EventKind] = "send_correction_notice"
    label: ClassVar[str] = "发出补正告知书"
    correction_due: date  # the end of the reasonable correction period the agency sets
    items: tuple[str, ...]  # every item to correct, in one notice


@dataclass(frozen=True, kw_only=True)
class ReceiveCorrection(BaseEvent):
    kind: ClassVar[EventKind] = "receive_correction"
    label: ClassVar[str] = "收到补正后的申请"
    received_on: date  # legal receipt date of the corrected application (art. 31)


@dataclass(frozen=True, kw_only=True)
class CorrectionLapsed(BaseEvent):
    kind: ClassVar[EventKind] = "correction_lapsed"
    label: ClassVar[str] = "逾期未补正"


@dataclass(frozen=True, kw_only=True)
class StartConsultation(BaseEvent):
    kind: ClassVar[EventKind] = "start_consultation"
    label: ClassVar[str] = "发出征求意见书"
    consultation: ConsultationKind
    party: str  # the third party or the agency consulted
    delivered_on: date | None = None  # when the party received the letter, if known
    ref: str = ""  # a key to name it when it ends; numbered 1, 2, … when left empty


@dataclass(frozen=True, kw_only=True)
class EndConsultation(BaseEvent):
    kind: ClassVar[EventKind] = "end_consultation"
    label: ClassVar[str] = "征求意见结束"
    ref: str = ""  # may stay empty when only one consultation is open
    answered: bool = True  # False: no answer within the period


@dataclass(frozen=True, kw_only=True)
class ApproveExtension(BaseEvent):
    kind: ClassVar[EventKind] = "approve_extension"
    label: ClassVar[str] = "批准延长答复期限"
    approver: str  # the head of the GI office who approved
    notified_on: date  # the day the applicant was told
    workdays: int = 20


@dataclass(frozen=True, kw_only=True)
class IssueFeeNotice(BaseEvent):
    kind: ClassVar[EventKind] = "issue_fee_notice"
    label: ClassVar[str] = "发出收费通知"
    method: FeeMethod
    amount: Decimal
    delivered_on: date | None = None  # when the applicant received it; the issue date if None


@dataclass(frozen=True, kw_only=True)
class ReceivePayment(BaseEvent):
    kind: ClassVar[EventKind] = "receive_payment"
    label: ClassVar[str] = "收到信息处理费"
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class FeeLapsed(BaseEvent):
    kind: ClassVar[EventKind] = "fee_lapsed"
    label: ClassVar[str] = "逾期未缴费"


@dataclass(frozen=True, kw_only=True)
class Reply(BaseEvent):
    kind: ClassVar[EventKind] = "reply"
    label: ClassVar[str] = "作出答复"
    outcome: str  # exactly one of spec.OUTCOME_KEYS
    legal_basis: str
    # for partially_granted only: the withheld_* grounds of the part withheld (not outcomes)
    withheld_grounds: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Withdraw(BaseEvent):
    kind: ClassVar[EventKind] = "withdraw"
    label: ClassVar[str] = "申请人撤回申请"


Event = (
    Register
    | SendCorrectionNotice
    | ReceiveCorrection
    | CorrectionLapsed
    | StartConsultation
    | EndConsultation
    | ApproveExtension
    | IssueFeeNotice
    | ReceivePayment
    | FeeLapsed
    | Reply
    | Withdraw
)
EVENT_TYPES: tuple[type[BaseEvent], ...] = typing.get_args(Event)
EVENT_CLASSES: dict[str, type[BaseEvent]] = {cls.kind: cls for cls in EVENT_TYPES}
EVENT_KINDS: tuple[EventKind, ...] = typing.get_args(EventKind)
EVENT_LABELS: dict[str, str] = {cls.kind: cls.label for cls in EVENT_TYPES}


def event_to_data(event: BaseEvent) -> dict[str, Any]:
    """A JSON-ready dict: ``kind`` plus every field; dates ISO, amounts as strings."""
    data: dict[str, Any] = {"kind": event.kind}
    for f in fields(event):
        value = getattr(event, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return data


_HINTS: dict[str, dict[str, str]] = {}


def _field_hints(cls: type[BaseEvent]) -> dict[str, str]:
    """Each field's type as text, resolved once per event class (a case page reads dozens)."""
    found = _HINTS.get(cls.kind)
    if found is None:
        found = _HINTS[cls.kind] = {k: str(h) for k, h in typing.get_type_hints(cls).items()}
    return found


def event_from_data(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_data`."""
    kind = data.get("kind")
    cls = EVENT_CLASSES.get(str(kind))
    if cls is None:
        raise ProcedureError(f"未知的事件类型：{kind}", rule="EVENT-KIND")
    hints = _field_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        raw, hint = data[f.name], hints[f.name]
        if raw is None:
            values[f.name] = None
        elif "datetime.date" in hint:
            values[f.name] = date.fromisoformat(raw)
        elif "Decimal" in hint:
            values[f.name] = Decimal(raw)
        elif hint.startswith("tuple"):
            values[f.name] = tuple(raw)
        else:
            values[f.name] = raw
    try:
        event: Event = cls(**values)  # type: ignore[assignment]
    except TypeError as error:
        raise ProcedureError(f"事件数据不完整：{error}", rule="EVENT-DATA") from error
    return event
