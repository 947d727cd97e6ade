"""The state of a case, the agency's policy choices, and the transition table as data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from gongkai.procedure.events import ConsultationKind, EventKind
from gongkai.procedure.fees import FeeMethod
from gongkai.procedure.receipt import Channel
from gongkai.procedure.workdays import RestDayRule


class Phase(StrEnum):
    NEW = "new"
    REGISTERED = "registered"
    AWAITING_CORRECTION = "awaiting_correction"
    IN_PROGRESS = "in_progress"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    CLOSED = "closed"


PHASE_LABELS: Mapping[Phase, str] = MappingProxyType(
    {
        Phase.NEW: "未登记",
        Phase.REGISTERED: "已登记",
        Phase.AWAITING_CORRECTION: "待补正",
        Phase.IN_PROGRESS: "办理中",
        Phase.CONSULTING: "征求意见中",
        Phase.AWAITING_FEE: "待缴费",
        Phase.CLOSED: "已办结",
    }
)

_WORKING: frozenset[EventKind] = frozenset(
    {
        "send_correction_notice",
        "start_consultation",
        "approve_extension",
        "issue_fee_notice",
        "reply",
        "withdraw",
    }
)
# Which events each phase allows. Guards inside the transition function check the rest.
ALLOWED: Mapping[Phase, frozenset[EventKind]] = MappingProxyType(
    {
        Phase.NEW: frozenset({"register"}),
        Phase.REGISTERED: _WORKING,
        Phase.IN_PROGRESS: _WORKING,
        Phase.AWAITING_CORRECTION: frozenset(
            {"receive_correction", "correction_lapsed", "withdraw"}
        ),
        Phase.CONSULTING: frozenset(
            {"start_consultation", "end_consultation", "approve_extension", "withdraw"}
        ),
        Phase.AWAITING_FEE: frozenset(
            {"receive_payment", "fee_lapsed", "approve_extension", "withdraw"}
        ),
        Phase.CLOSED: frozenset(),
    }
)

# Why an event is refused in a phase, when there is more to say than "not allowed".
HINTS: Mapping[tuple[Phase, EventKind], str] = MappingProxyType(
    {
        (Phase.CONSULTING, "reply"): "尚有未结束的征求意见，请先记录征求意见结束",
        (Phase.CONSULTING, "issue_fee_notice"): "尚有未结束的征求意见，请先记录征求意见结束",
        (Phase.AWAITING_FEE, "reply"): "收费通知发出后，须收到费用或缴费期限届满后方可办结",
        (
            Phase.AWAITING_CORRECTION,
            "reply",
        ): "待申请人补正：收到补正后的申请或补正期限届满后方可办结",
        (Phase.AWAITING_CORRECTION, "approve_extension"): "待补正期间答复期限尚未起算，无需延长",
        (Phase.AWAITING_CORRECTION, "send_correction_notice"): "补正应一次性告知，不能再次告知",
        (Phase.CONSULTING, "send_correction_notice"): "征求意见期间不能再要求补正",
        (Phase.AWAITING_FEE, "send_correction_notice"): "已发出收费通知，不能再要求补正",
    }
)


@dataclass(frozen=True)
class Policy:
    """An agency's choices where the law leaves room (docs/law.md#policy). Passed in."""

    receipt_on_rest_day: RestDayRule = "as_is"
    # art. 30 sets 7 working days for the correction notice and allows no later notice
    late_correction_notice: Literal["forbid", "warn"] = "forbid"
    # whether the fee payment window is left out of the reply period (docs/law.md#reply-period: open)
    fee_window_excluded: bool = True


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Correction:
    noticed_on: date
    due: date  # end of the correction period set by the agency
    items: tuple[str, ...]
    received_on: date | None = None  # legal receipt date of the corrected application


@dataclass(frozen=True)
class Consultation:
    ref: str
    kind: ConsultationKind
    party: str
    sent_on: date
    delivered_on: date  # the day the party received the letter (the sending day if unknown)
    window_due: date  # the 15th working day after delivered_on
    ended_on: date | None = None
    answered: bool | None = None


@dataclass(frozen=True)
class ExtensionGrant:
    approved_on: date
    approver: str
    notified_on: date
    workdays: int


@dataclass(frozen=True)
class FeeNotice:
    issued_on: date
    delivered_on: date
    method: FeeMethod
    amount: Decimal
    pay_due: date
    paid_on: date | None = None


@dataclass(frozen=True)
class CaseState:
    phase: Phase = Phase.NEW
    received_on: date | None = None
    channel: Channel | None = None
    applicant_type: str | None = None
    correction: Correction | None = None
    consultations: tuple[Consultation, ...] = ()
    extension: ExtensionGrant | None = None
    fee: FeeNotice | None = None
    outcome: str | None = None
    legal_basis: str = ""
    closed_on: date | None = None
    closed_by: EventKind | None = None  # reply, correction_lapsed, fee_lapsed or withdraw
    last_event_on: date | None = None
    event_count: int = 0

    @property
    def clock_start(self) -> date | None:
        """The day the reply period runs from: receipt, or receipt of the corrected application
        (a restart, art. 30). None while it does not run (not registered, awaiting correction)."""
        if self.correction is not None:
            return self.correction.received_on
        return self.received_on

    @property
    def open_consultations(self) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.ended_on is None)

    @property
    def status(self) -> str:
        """The phase, or ``extended`` for a case in progress whose period was extended."""
        if self.phase == Phase.IN_PROGRESS and self.extension is not None:
            return "extended"
        return self.phase.value

    @property
    def status_label(self) -> str:
        if self.status == "extended":
            return "已延期办理中"
        return PHASE_LABELS[self.phase]


def spent(state: CaseState, kind: EventKind) -> bool:
    """Steps the law allows once, or not after another: the core refuses them again
    (CORRECTION-ONCE and CORRECTION-TOO-LATE-IN-PROCEDURE, art. 30; EXTENSION-ONCE, art. 33
    para. 2; FEE-ONCE), and ending a consultation needs one that is open."""
    if kind == "send_correction_notice":
        return state.correction is not None or state.extension is not None or state.fee is not None
    if kind == "approve_extension":
        return state.extension is not None
    if kind == "issue_fee_notice":
        return state.fee is not None
    if kind == "end_consultation":
        return not state.open_consultations
    return False


def available_events(state: CaseState) -> frozenset[EventKind]:
    """The events the core may accept next: allowed in the phase and not spent. Whether one is
    accepted still depends on its data (dates, grounds), which the core checks when applied."""
    return frozenset(kind for kind in ALLOWED[state.phase] if not spent(state, kind))
