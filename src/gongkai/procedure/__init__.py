"""PURE CORE of the statutory procedure for disclosure on request (Order No. 711, ch. 4).

No Django, no database, no network, no globals: plain frozen dataclasses in and out, and the
calendar and the agency's policy passed in.

- :mod:`~gongkai.procedure.workdays`: the working-day calendar and deadline arithmetic with
  explanations; :mod:`~gongkai.procedure.holidays`: the statutory holidays of a year for a
  provisional (暂定) calendar, from lunar dates :mod:`~gongkai.procedure.lunar` supplies;
- :mod:`~gongkai.procedure.receipt`: the legal receipt date by channel (art. 31);
- :mod:`~gongkai.procedure.fees`: 信息处理费 (国办函〔2020〕109号);
- :mod:`~gongkai.procedure.law`, :mod:`~gongkai.procedure.outcomes`: periods, outcome codes,
  legal bases and remedies as data;
- :mod:`~gongkai.procedure.events`, :mod:`~gongkai.procedure.state`,
  :mod:`~gongkai.procedure.workflow`, :mod:`~gongkai.procedure.deadlines`: the procedure as a
  pure transition function over an event log, and everything derived from it; the step each
  event takes is in :mod:`~gongkai.procedure.steps`, one module for each stage of a case.
"""

from gongkai.procedure.deadlines import is_overdue, replied_late, reply_deadline
from gongkai.procedure.errors import (
    CalendarDataError,
    CalendarNotAvailable,
    FeeError,
    ProcedureError,
    ReceiptError,
    TransitionError,
)
from gongkai.procedure.history import CaseView, derive, replay
from gongkai.procedure.state import DEFAULT_POLICY, CaseState, Phase, Policy
from gongkai.procedure.workdays import (
    Calendar,
    Deadline,
    RestPeriod,
    YearArrangement,
    official_calendar,
)
from gongkai.procedure.workflow import EventRecord, Transition, transition

__all__ = [
    "DEFAULT_POLICY",
    "Calendar",
    "CalendarDataError",
    "CalendarNotAvailable",
    "CaseState",
    "CaseView",
    "Deadline",
    "EventRecord",
    "FeeError",
    "Phase",
    "Policy",
    "ProcedureError",
    "ReceiptError",
    "RestPeriod",
    "Transition",
    "TransitionError",
    "YearArrangement",
    "derive",
    "is_overdue",
    "official_calendar",
    "replay",
    "replied_late",
    "reply_deadline",
    "transition",
]
