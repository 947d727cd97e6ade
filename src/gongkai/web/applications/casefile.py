"""The bridge between the case register and the procedure core.

Loads a case's events from the database as core events, derives the current state and every
deadline with the calendar in force, and builds the agency's policy. Nothing derived here is
stored, so a change of calendar (an administrator entering 2027) changes every open deadline.

Two depths: :func:`clock_for` derives everything the case page shows (``derive``: every
deadline with its explanation); ``light=True`` derives what a list needs (the state, the reply
deadline as of today, overdue, due soon) with fewer calendar walks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.procedure import deadlines as core_deadlines
from gongkai.procedure.errors import CalendarNotAvailable, ProcedureError
from gongkai.procedure.events import Event, event_from_data
from gongkai.procedure.history import CaseView, derive, replay
from gongkai.procedure.state import CaseState, Phase, Policy
from gongkai.procedure.workdays import Calendar, Deadline
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.workdays.selectors import current_calendar

STATUS_LABELS = {
    "overdue": "已逾期",
    "soon": "即将到期",
    "paused": "期限中止或未起算",
    "extended": "已延期",
    "running": "办理中",
    "closed": "已办结",
    "unregistered": "待确认收到",
    "unknown": "无法计算",
}


def policy_for(agency: Agency) -> Policy:
    return Policy(receipt_on_rest_day=agency.receipt_on_rest_day)  # type: ignore[arg-type]


def core_events(rows: Iterable[CaseEvent]) -> list[Event]:
    return [event_from_data(row.data) for row in rows]


@dataclass(frozen=True)
class Clock:
    """A case as derived on a day: state and reply deadline, or why they could not be derived.
    ``view`` (every deadline with its explanation) is there for the case page only."""

    state: CaseState | None
    reply: Deadline | None = None
    view: CaseView | None = None
    error: str = ""  # e.g. the holiday arrangement of a year is missing
    overdue: bool = False
    due_soon: bool = False

    @property
    def status(self) -> str:
        state = self.state
        if state is None:
            return "unknown"
        return status_of(state.phase, state.extension is not None, self.overdue, self.due_soon)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def status_of(phase: Phase, extended: bool, overdue: bool, due_soon: bool) -> str:
    """``overdue``, ``soon``, ``paused`` (consulting, awaiting correction or fee),
    ``extended``, ``running``, ``closed`` or ``unregistered``."""
    if phase == Phase.CLOSED:
        return "closed"
    if phase == Phase.NEW:
        return "unregistered"
    if overdue:
        return "overdue"
    if phase in (Phase.CONSULTING, Phase.AWAITING_CORRECTION, Phase.AWAITING_FEE):
        return "paused"
    if due_soon:
        return "soon"
    return "extended" if extended else "running"


def clock_for(
    agency: Agency,
    rows: Iterable[CaseEvent],
    today: date,
    *,
    calendar: Calendar | None = None,
    soon_workdays: int = 5,
    light: bool = False,
) -> Clock:
    """Derive a case: state, deadlines with explanations, overdue and due-soon on ``today``."""
    calendar = calendar or current_calendar()
    policy = policy_for(agency)
    try:
        events = core_events(rows)
        view = None
        if light:
            state, _ = replay(events, calendar, policy)
            reply = (
                core_deadlines.reply_deadline(state, calendar, policy, as_of=today)
                if state.phase not in (Phase.CLOSED, Phase.NEW)
                else None
            )
        else:
            view = derive(events, calendar, policy)
            state, reply = view.state, view.reply
        if light:  # is_overdue compares today with this same deadline (as of today): skip it
            # when the deadline has not passed, and let the core decide when it has
            overdue = (
                reply is not None
                and today > reply.due
                and core_deadlines.is_overdue(state, today, calendar, policy)
            )
        else:
            overdue = core_deadlines.is_overdue(state, today, calendar, policy)
        soon = False
        if not overdue and reply is not None and state.phase != Phase.CLOSED:
            soon = (
                reply.due >= today and calendar.workdays_between(today, reply.due) <= soon_workdays
            )
    except CalendarNotAvailable as error:
        return Clock(None, error=str(error))
    except ProcedureError as error:  # a history the core no longer accepts: say so, never hide
        return Clock(None, error=f"办理记录无法按现行规则重演：{error}")
    return Clock(state, reply, view, overdue=overdue, due_soon=soon)


def clock_of(application: Application, today: date, **kwargs: object) -> Clock:
    rows = application.events.all()
    return clock_for(application.agency, rows, today, **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- memo of light derivations

MEMO_SIZE = 200_000
_memo: OrderedDict[tuple[object, ...], Clock] = OrderedDict()
_lock = threading.Lock()


def memo_key(app: Application, calendar_key: str, today: date, soon: int) -> tuple[object, ...]:
    """Everything a light derivation depends on. ``app`` carries ``last_seq`` and ``last_at``
    (the newest event's number and timestamp): a new event makes a new key."""
    return (
        app.pk,
        getattr(app, "last_seq", None),
        getattr(app, "last_at", None),
        app.agency.receipt_on_rest_day,
        calendar_key,
        today,
        soon,
    )


def memo_get(key: tuple[object, ...]) -> Clock | None:
    with _lock:
        clock = _memo.get(key)
        if clock is not None:
            _memo.move_to_end(key)
        return clock


def memo_put(key: tuple[object, ...], clock: Clock) -> None:
    with _lock:
        _memo[key] = clock
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


def memo_clear() -> None:
    with _lock:
        _memo.clear()
