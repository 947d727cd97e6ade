"""The stored next-due index: for each case, what the lists of overdue and due-soon cases need,
computed from the case's state and the calendar whenever either changes, so those lists are one
indexed query instead of a replay of every open case.

What is stored is exactly what the core derives, never a guess:

* ``fixed``: the reply period runs and nothing under way moves it. ``due_on`` is the reply due
  date; the case is overdue from ``overdue_from`` (the day after).
* ``paused``: a consultation or a fee payment is under way (art. 33 para. 3; the agency's fee
  rule): the days it lasts are left out, so the due date moves with the day asked about.
  ``due_on`` is the date with the pause counted to its longest lawful end, final from
  ``final_from`` (when every pause under way has reached that end). From ``moves_from`` (the
  last event, or the first day the period counts from if later) until ``moves_until`` (the
  first such end) the due date on a day T is the ``remaining``-th working day after T.
  ``overdue_from`` is the first day the core finds the case overdue while nothing else happens
  (an overdue case stays overdue: the pause cannot help once the period has run out).
* ``none``: no reply period runs (not registered, awaiting correction, closed).
* ``unknown``: the core cannot compute the deadline (a calendar year is missing, or the history
  no longer replays): ``error`` says why; such cases are derived when read, never guessed.

Every write of an event recomputes its case in the same transaction (services/record.py);
entering or deleting a calendar year recomputes the open cases it can touch (receivers.py);
``gongkai-web recompute_due`` recomputes all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

from gongkai.procedure.deadlines import reply_deadline
from gongkai.procedure.errors import CalendarNotAvailable, ProcedureError
from gongkai.procedure.state import CaseState, Phase, Policy
from gongkai.procedure.workdays import Calendar

ONE_DAY = timedelta(days=1)
RUNNING_PHASES = frozenset(
    {Phase.REGISTERED, Phase.IN_PROGRESS, Phase.CONSULTING, Phase.AWAITING_FEE}
)


class DueKind(models.TextChoices):
    NONE = "none", "期限未起算或已办结"
    FIXED = "fixed", "期限确定"
    PAUSED = "paused", "期限中止中"
    UNKNOWN = "unknown", "无法计算"


PAUSED_FIELDS = [
    "kind",
    "agency",
    "final_from",
    "moves_until",
    "moves_from",
    "remaining",
    "overdue_from",
    "received_on",
    "application",
]


class NextDue(models.Model):
    application = models.OneToOneField(
        "applications.Application",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="next_due",
    )
    # the case's agency and receipt date, copied with every write (neither changes but by an
    # event, which rewrites the row): the lists find, count and order a scope's cases from this
    # table's indexes alone
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="受理机关",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the scope indexes below lead with it
    )
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    kind = models.CharField("期限状态", max_length=10, choices=DueKind.choices)
    start = models.DateField("期限起算日", null=True, blank=True)
    due_on = models.DateField("答复期限届满日", null=True, blank=True)
    overdue_from = models.DateField("逾期起始日", null=True, blank=True)
    remaining = models.PositiveIntegerField("中止结束后剩余工作日", null=True, blank=True)
    moves_from = models.DateField("届满日随日推移自", null=True, blank=True)
    moves_until = models.DateField("届满日随日推移至", null=True, blank=True)
    final_from = models.DateField("届满日确定于", null=True, blank=True)
    extended = models.BooleanField("已延期", default=False)
    rest_day_rule = models.CharField("休息日收到规则", max_length=20, blank=True)
    error = models.TextField("无法计算的原因", blank=True)

    class Meta:
        app_label = "applications"
        verbose_name = "答复期限索引"
        verbose_name_plural = "答复期限索引"
        indexes = (
            models.Index(fields=["kind", "overdue_from"], name="next_due_overdue"),
            models.Index(fields=["kind", "due_on"], name="next_due_due_on"),
            models.Index(fields=["kind", "moves_until"], name="next_due_moving"),
            # a scope's lists, in their order (deadline, then receipt)
            models.Index(
                fields=["agency", "kind", "overdue_from", "received_on", "application"],
                name="next_due_scope_late",
            ),
            models.Index(
                fields=["agency", "kind", "due_on", "received_on", "application"],
                name="next_due_scope_due_on",
            ),
            # the paused cases (a few in a hundred), with all a list asks of them
            models.Index(fields=PAUSED_FIELDS, name="next_due_paused"),
        )

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.due_on}"


@dataclass(frozen=True)
class DueValues:
    """One row of the index as computed (see the module docstring for the meaning)."""

    kind: str
    start: date | None = None
    due_on: date | None = None
    overdue_from: date | None = None
    remaining: int | None = None
    moves_from: date | None = None
    moves_until: date | None = None
    final_from: date | None = None
    extended: bool = False
    rest_day_rule: str = ""
    error: str = ""

    def as_fields(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start,
            "due_on": self.due_on,
            "overdue_from": self.overdue_from,
            "remaining": self.remaining,
            "moves_from": self.moves_from,
            "moves_until": self.moves_until,
            "final_from": self.final_from,
            "extended": self.extended,
            "rest_day_rule": self.rest_day_rule,
            "error": self.error,
        }


def pause_ends(state: CaseState, policy: Policy) -> list[date]:
    """The lawful last days of the pauses under way (an open consultation, an unpaid fee)."""
    ends = [c.window_due for c in state.consultations if c.ended_on is None]
    if state.fee is not None and policy.fee_window_excluded and state.fee.paid_on is None:
        ends.append(state.fee.pay_due)
    return ends


def _due_as_of(state: CaseState, calendar: Calendar, policy: Policy, day: date) -> date:
    deadline = reply_deadline(state, calendar, policy, as_of=day)
    assert deadline is not None  # the period runs: the caller checked the clock start
    return deadline.due


def first_overdue_day(state: CaseState, calendar: Calendar, policy: Policy, start: date) -> date:
    """The first day T on which the core's overdue check (T after the due date as of T) holds.

    The due date as of T never decreases with T (a pause under way only grows), and once T is
    past it, growing the pause beyond it changes nothing: so the days before the answer are
    exactly the days that are not overdue. Each step jumps to the day after the due date as of
    the current day; the due date as of any later day is at most the final one, so it ends.
    """
    day = start
    while True:
        due = _due_as_of(state, calendar, policy, day)
        if due < day:
            return day
        day = due + ONE_DAY


def due_values(state: CaseState, calendar: Calendar, policy: Policy) -> DueValues:
    """The index row of a case in ``state`` on ``calendar`` under the agency's ``policy``."""
    rule = policy.receipt_on_rest_day
    start = state.clock_start
    if state.phase not in RUNNING_PHASES or start is None:
        return DueValues(DueKind.NONE.value, rest_day_rule=rule)
    extended = state.extension is not None
    try:
        final = reply_deadline(state, calendar, policy)
        assert final is not None
        ends = pause_ends(state, policy)
        if not ends:
            return DueValues(
                DueKind.FIXED.value,
                start=start,
                due_on=final.due,
                overdue_from=final.due + ONE_DAY,
                extended=extended,
                rest_day_rule=rule,
            )
        overdue_from = first_overdue_day(state, calendar, policy, start)
        moves_until: date | None = min(ends)
        remaining = None
        # the reply period counts from the receipt day, or from the next working day under
        # the agency's rule for receipts on rest days: days before that are never counted
        origin = start
        if rule == "next_workday" and not calendar.is_workday(start):
            origin = calendar.next_workday(start)
        moves_from = max(state.last_event_on or start, origin)
        if moves_until is not None and moves_from <= moves_until and moves_from < overdue_from:
            # from then to the first lawful end every pause under way runs up to the day
            # asked about, so the working days still to count after that day stay the same
            at_first = _due_as_of(state, calendar, policy, moves_from)
            remaining = calendar.workdays_between(moves_from + ONE_DAY, at_first)
        if remaining is None:
            moves_until = None
        return DueValues(
            DueKind.PAUSED.value,
            start=start,
            due_on=final.due,
            overdue_from=overdue_from,
            remaining=remaining,
            moves_from=moves_from if remaining is not None else None,
            moves_until=moves_until,
            final_from=max(ends),
            extended=extended,
            rest_day_rule=rule,
        )
    except CalendarNotAvailable as error:
        return DueValues(DueKind.UNKNOWN.value, rest_day_rule=rule, error=str(error))
    except ProcedureError as error:
        return DueValues(
            DueKind.UNKNOWN.value, rest_day_rule=rule, error=f"办理记录无法按现行规则重演：{error}"
        )
