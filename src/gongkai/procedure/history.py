"""A case's history replayed: the current state and every deadline derived from it.

Nothing here is stored. The web app keeps the events (see :mod:`gongkai.procedure.events` for
their JSON form) and asks for the view whenever it shows a case; "overdue" is
:func:`gongkai.procedure.deadlines.is_overdue` on the view's state for the day asked about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.procedure.deadlines import (
    consultation_deadline,
    correction_notice_deadline,
    fee_payment_deadline,
    replied_late,
    reply_deadline,
)
from gongkai.procedure.events import Event
from gongkai.procedure.state import DEFAULT_POLICY, CaseState, Consultation, Policy
from gongkai.procedure.workdays import Calendar, Deadline
from gongkai.procedure.workflow import EventRecord, transition


@dataclass(frozen=True)
class CaseView:
    """Everything derived from a case's event history. Nothing of it is stored."""

    state: CaseState
    records: tuple[EventRecord, ...]
    reply: Deadline | None  # None while the period does not run (not registered, correction)
    correction_notice: Deadline | None
    correction_due: date | None
    consultations: tuple[tuple[Consultation, Deadline], ...]
    fee_payment: Deadline | None
    replied_late: bool | None

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for r in self.records for w in r.warnings)


def replay(
    events: Iterable[Event], calendar: Calendar, policy: Policy = DEFAULT_POLICY
) -> tuple[CaseState, tuple[EventRecord, ...]]:
    """Fold ``events`` (a case's stored history) through :func:`transition` from an empty
    case; see ``transition(history=True)`` for what history is allowed to lack."""
    state = CaseState()
    records: list[EventRecord] = []
    for event in events:
        step = transition(state, event, calendar, policy, history=True)
        state = step.state
        records.append(step.record)
    return state, tuple(records)


def derive(
    events: Iterable[Event], calendar: Calendar, policy: Policy = DEFAULT_POLICY
) -> CaseView:
    """The current state and every deadline, with explanations, from the event history."""
    state, records = replay(events, calendar, policy)
    fee = state.fee
    correction = state.correction
    return CaseView(
        state=state,
        records=records,
        reply=reply_deadline(state, calendar, policy),
        correction_notice=correction_notice_deadline(state, calendar, policy),
        correction_due=correction.due if correction else None,
        consultations=tuple((c, consultation_deadline(c, calendar)) for c in state.consultations),
        fee_payment=fee_payment_deadline(fee, calendar) if fee else None,
        replied_late=replied_late(state, calendar, policy),
    )
