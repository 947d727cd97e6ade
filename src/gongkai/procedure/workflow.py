"""The statutory procedure as a pure transition function over an event log.

``transition(state, event, calendar)`` either returns the new state and the record to append to
the case's event log, or raises :class:`TransitionError` naming the rule broken (a stable code,
the article, a message in Chinese). It reads no clock, no settings and no database: the web
app's services load the events, call it, and store the record.

Which events a phase allows is data (:data:`gongkai.procedure.state.ALLOWED`); which step an
event takes is data too (:data:`STEPS`, by the event's type): the steps in
:mod:`gongkai.procedure.steps` check what depends on dates and on the case's history.
:func:`gongkai.procedure.history.derive` replays an event history into the current state and
every deadline derived from it; "overdue" is :func:`gongkai.procedure.deadlines.is_overdue`,
computed on demand, never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from gongkai.procedure.errors import TransitionError
from gongkai.procedure.events import (
    ApproveExtension,
    CorrectionLapsed,
    EndConsultation,
    Event,
    FeeLapsed,
    IssueFeeNotice,
    ReceiveCorrection,
    ReceivePayment,
    Register,
    Reply,
    SendCorrectionNotice,
    StartConsultation,
    Withdraw,
)
from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.state import (
    ALLOWED,
    DEFAULT_POLICY,
    HINTS,
    PHASE_LABELS,
    CaseState,
    Phase,
    Policy,
)
from gongkai.procedure.steps.common import Applied, error
from gongkai.procedure.steps.consultation import end_consultation, start_consultation
from gongkai.procedure.steps.extension import approve_extension
from gongkai.procedure.steps.fee import fee_lapsed, issue_fee_notice, receive_payment
from gongkai.procedure.steps.registration import (
    correction_lapsed,
    receive_correction,
    register,
    send_correction_notice,
)
from gongkai.procedure.steps.reply import missing_content, reply, withdraw
from gongkai.procedure.text import cn_date
from gongkai.procedure.workdays import Calendar


@dataclass(frozen=True)
class EventRecord:
    """One entry of the case's event log: the event (who, when, why, data) and what it did."""

    seq: int
    event: Event
    summary: str  # one line in Chinese
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transition:
    state: CaseState
    record: EventRecord


# a step takes the state, the event of its own type, the calendar and the policy
Step = Callable[[CaseState, Any, Calendar, Policy], Applied]

# the step each kind of event takes, by the event's type
STEPS: dict[type[Event], Step] = {
    Register: register,
    SendCorrectionNotice: send_correction_notice,
    ReceiveCorrection: receive_correction,
    CorrectionLapsed: correction_lapsed,
    StartConsultation: start_consultation,
    EndConsultation: end_consultation,
    ApproveExtension: approve_extension,
    IssueFeeNotice: issue_fee_notice,
    ReceivePayment: receive_payment,
    FeeLapsed: fee_lapsed,
    Reply: reply,
    Withdraw: withdraw,
}


def transition(
    state: CaseState,
    event: Event,
    calendar: Calendar,
    policy: Policy = DEFAULT_POLICY,
    *,
    history: bool = False,
) -> Transition:
    """Apply ``event`` to ``state``. Pure: same arguments, same answer; nothing is mutated.

    ``history=True`` replays an event already on record: a rule about what an event must say
    (a reply's grounds and reasons) that it was recorded without becomes a warning on its
    record, so a case closed before the rule stays readable; rules about dates and the order
    of the procedure hold for history too."""
    kind = event.kind
    if kind not in ALLOWED[state.phase]:
        raise _not_allowed(state, event)
    if state.last_event_on is not None and event.on < state.last_event_on:
        raise error(
            state,
            event,
            "EVENT-DATE-ORDER",
            f"{event.label}的日期{cn_date(event.on)}早于上一事件的日期{cn_date(state.last_event_on)}",
        )
    new, summary, warnings = STEPS[type(event)](state, event, calendar, policy)
    for rule, message, article, field in missing_content(event):
        if not history:
            raise error(state, event, rule, message, article, field)
        warnings.append(f"{message}（{article}；此记录早于该项要求）")
    new = replace(new, last_event_on=event.on, event_count=state.event_count + 1)
    record = EventRecord(state.event_count + 1, event, summary, tuple(warnings))
    return Transition(new, record)


def _not_allowed(state: CaseState, event: Event) -> TransitionError:
    phase = PHASE_LABELS[state.phase]
    if state.phase == Phase.CLOSED:
        outcome = OUTCOMES[state.outcome].label if state.outcome else ""
        message = f"案件已办结（{outcome}），不能再{event.label}"
    else:
        message = f"案件处于“{phase}”状态，不能{event.label}"
        hint = HINTS.get((state.phase, event.kind))
        if hint:
            message += f"：{hint}"
    return error(state, event, "EVENT-NOT-ALLOWED", message)
