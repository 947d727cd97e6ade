"""Reads of the case register. Every read and every write starts here, so the rules of
agencies/selectors.py (who sees which agency's cases) hold for the pages and the API alike."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.state import Phase
from gongkai.procedure.workdays import add_workdays
from gongkai.web.agencies.selectors import Actor, readable_agency_filter, writable_agency_ids
from gongkai.web.applications.casefile import Clock, clock_for, memo_get, memo_key, memo_put
from gongkai.web.applications.drafting import DraftStatus
from gongkai.web.applications.models import Application, CaseEvent, Draft, DraftEntry
from gongkai.web.bounds import int_param
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.workdays.selectors import calendar_and_key, current_calendar

OPEN_PHASES = [p.value for p in Phase if p not in (Phase.CLOSED,)]


def cases_readable(actor: Actor) -> QuerySet[Application]:
    return Application.objects.filter(readable_agency_filter(actor)).select_related("agency")


def case_for_read(actor: Actor, case_id: int) -> Application:
    """The case, or :class:`NotFound` when it does not exist or ``actor`` may not read it."""
    found = cases_readable(actor).filter(pk=case_id).first()
    if found is None:
        raise NotFound("没有这件申请，或者您无权查看。")
    return found


def case_for_write(
    actor: Actor, case_id: int, *, approval: bool = False, lock: bool = False
) -> Application:
    """The case for a change by ``actor``: :class:`NotFound` when it cannot be read,
    :class:`Forbidden` when it can be read but not changed (a supervisor, an administrator, a
    clerk where an approver is needed)."""
    application = case_for_read(actor, case_id)
    if application.agency_id not in writable_agency_ids(actor):
        raise Forbidden("您可以查看这件申请，但无权办理。")
    if approval and not actor.approves:
        raise Forbidden("此事项须由政府信息公开工作机构负责人（审批人）办理。")
    if lock:
        application = (
            Application.objects.select_for_update().select_related("agency").get(pk=case_id)
        )
    return application


def case_list(
    actor: Actor,
    *,
    phase: str = "",
    outcome: str = "",
    agency: str = "",
    query: str = "",
    applicant_type: str = "",
    channel: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
    due: str = "",
    due_days: int | None = None,
    today: date | None = None,
) -> QuerySet[Application]:
    """The cases ``actor`` may read, filtered. ``due`` is ``overdue`` (past the reply deadline
    on ``today``) or ``within`` (not overdue, reply due within ``due_days`` working days):
    derived from the events like the dashboard, never stored."""
    cases = cases_readable(actor)
    if applicant_type:
        cases = cases.filter(applicant_type=applicant_type)
    if channel:
        cases = cases.filter(channel=channel)
    if received_from is not None:
        cases = cases.filter(received_on__gte=received_from)
    if received_to is not None:
        cases = cases.filter(received_on__lte=received_to)
    if due and today is not None:
        cases = cases.filter(pk__in=_due_ids(actor, today, due, due_days or 0))
    if phase == "open":
        cases = cases.filter(phase__in=OPEN_PHASES)
    elif phase:
        cases = cases.filter(phase=phase)
    if outcome:
        cases = cases.filter(outcome=outcome)
    agency_id = int_param(agency, "agency")
    if agency_id is not None:
        cases = cases.filter(agency_id=agency_id)
    if query:
        cases = cases.filter(
            Q(tracking_number__icontains=query)
            | Q(applicant_name__icontains=query)
            | Q(description__icontains=query)
        )
    return cases.order_by("-received_on", "-pk")


def _due_ids(actor: Actor, today: date, due: str, days: int) -> list[int]:
    if due == "overdue":
        return [r.application.pk for r in overdue_cases(actor, today)]
    try:
        horizon = add_workdays(current_calendar(), today, days).due
    except CalendarNotAvailable as error:
        raise InvalidInput(str(error), fields={"due_days": str(error)}) from error
    rows = _derived(
        actor, today, received_by=horizon - timedelta(days=MIN_PERIOD_DAYS), phases=RUNNING
    )
    return [
        r.application.pk
        for r in rows
        if not r.clock.overdue and r.clock.reply is not None and r.clock.reply.due <= horizon
    ]


def events_of(application: Application) -> list[CaseEvent]:
    return list(application.events.select_related("actor").order_by("seq"))


@dataclass(frozen=True)
class Row:
    application: Application
    clock: Clock


# A reply period is 20 working days, so it ends at least 20 calendar days after the clock
# starts, and the clock never starts before receipt: a case received later than that cannot be
# due yet. Lists narrow by it in SQL, then derive each candidate from its events.
MIN_PERIOD_DAYS = 20
RUNNING = [
    Phase.REGISTERED.value,
    Phase.IN_PROGRESS.value,
    Phase.CONSULTING.value,
    Phase.AWAITING_FEE.value,
]


def _derived(
    actor: Actor, today: date, *, received_by: date | None = None, phases: list[str] | None = None
) -> list[Row]:
    """Open cases derived on ``today``. Derivation is a pure function of the events (an
    append-only log), the calendar, the agency's policy and the day, so its result is memoised
    under exactly those (see casefile.memo_key); only new or changed cases are derived."""
    calendar, calendar_key = calendar_and_key()
    soon = settings.GONGKAI_DUE_SOON_WORKDAYS
    cases = cases_readable(actor).filter(phase__in=phases or OPEN_PHASES)
    if received_by is not None:
        cases = cases.filter(received_on__lte=received_by)
    newest = CaseEvent.objects.filter(application=OuterRef("pk")).order_by("-seq")
    open_cases = list(
        cases.annotate(
            last_seq=Subquery(newest.values("seq")[:1]),
            last_at=Subquery(newest.values("recorded_at")[:1]),
        ).order_by("received_on", "pk")
    )
    keys = {app.pk: memo_key(app, calendar_key, today, soon) for app in open_cases}
    clocks = {pk: clock for pk, key in keys.items() if (clock := memo_get(key)) is not None}
    missing = [app.pk for app in open_cases if app.pk not in clocks]
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for row in CaseEvent.objects.filter(application_id__in=missing).order_by(
        "application_id", "seq"
    ):
        events[row.application_id].append(row)
    for app in open_cases:
        if app.pk not in clocks:
            clock = clock_for(
                app.agency, events[app.pk], today, calendar=calendar, soon_workdays=soon, light=True
            )
            memo_put(keys[app.pk], clock)
            clocks[app.pk] = clock
    return [Row(app, clocks[app.pk]) for app in open_cases]


def _soon_horizon(today: date) -> date:
    """The last day counted as "due soon"; without the calendar for it, three weeks."""
    try:
        return add_workdays(current_calendar(), today, settings.GONGKAI_DUE_SOON_WORKDAYS).due
    except CalendarNotAvailable:
        return today + timedelta(days=21)


def _due_key(row: Row) -> date:
    return row.clock.reply.due if row.clock.reply else date.max


def overdue_cases(actor: Actor, today: date) -> list[Row]:
    """Open cases past their reply deadline on ``today``. Derived at query time, never stored:
    lawfully paused or extended cases are not overdue."""
    rows = _derived(
        actor, today, received_by=today - timedelta(days=MIN_PERIOD_DAYS), phases=RUNNING
    )
    return sorted((r for r in rows if r.clock.overdue), key=_due_key)


def due_soon_cases(actor: Actor, today: date) -> list[Row]:
    horizon = _soon_horizon(today) - timedelta(days=MIN_PERIOD_DAYS)
    rows = _derived(actor, today, received_by=horizon, phases=RUNNING)
    return sorted((r for r in rows if r.clock.due_soon), key=_due_key)


@dataclass(frozen=True)
class Dashboard:
    overdue: list[Row]
    due_soon: list[Row]
    unregistered: list[Application]
    paused: list[Application]  # awaiting correction, consulting, awaiting a fee
    undecidable: list[Row]  # a deadline that cannot be computed (a year not in the calendar)
    open_count: int
    calendar_gap: int | None  # next year when its holiday arrangement is still missing
    waiting: list[Draft]  # drafts waiting for this approver (待审批)
    returned: list[Draft]  # drafts returned to the office with a comment


def dashboard(actor: Actor, today: date) -> Dashboard:
    horizon = max(
        _soon_horizon(today) - timedelta(days=MIN_PERIOD_DAYS),
        today - timedelta(days=MIN_PERIOD_DAYS),
    )
    rows = _derived(actor, today, received_by=horizon, phases=RUNNING)
    readable = cases_readable(actor)
    paused = [Phase.AWAITING_CORRECTION.value, Phase.CONSULTING.value, Phase.AWAITING_FEE.value]
    ahead = (today + timedelta(days=90)).year
    return Dashboard(
        overdue=sorted((r for r in rows if r.clock.overdue), key=_due_key),
        due_soon=sorted((r for r in rows if r.clock.due_soon), key=_due_key),
        unregistered=list(readable.filter(phase=Phase.NEW.value).order_by("submitted_at")),
        paused=list(readable.filter(phase__in=paused).order_by("received_on", "pk")),
        undecidable=[r for r in rows if r.clock.error],
        open_count=readable.filter(phase__in=OPEN_PHASES).count(),
        calendar_gap=ahead if ahead not in current_calendar().years else None,
        waiting=waiting_for_approval(actor),
        returned=returned_drafts(actor),
    )


def drafts_of(actor: Actor, status: str) -> QuerySet[Draft]:
    """Drafts in ``status`` of the cases ``actor`` handles: for an approver the 待审批 queue,
    for the office the drafts returned to it."""
    return (
        Draft.objects.filter(status=status, application__agency_id__in=writable_agency_ids(actor))
        .select_related("application", "application__agency")
        .order_by("submitted_at", "pk")
    )


def waiting_for_approval(actor: Actor) -> list[Draft]:
    return list(drafts_of(actor, DraftStatus.PENDING)) if actor.approves else []


def returned_drafts(actor: Actor) -> list[Draft]:
    return list(drafts_of(actor, DraftStatus.RETURNED))


@dataclass(frozen=True)
class RecordItem:
    """One line of a case's record: an event of the procedure or a step of an approval."""

    at: object  # when it was recorded
    event: CaseEvent | None = None
    entry: DraftEntry | None = None


def record_of(application: Application, events: list[CaseEvent]) -> list[RecordItem]:
    """The events and the approval trail of a case, in the order they were recorded."""
    entries = DraftEntry.objects.filter(draft__application=application).select_related("draft")
    items = [RecordItem(e.recorded_at, event=e) for e in events]
    items += [RecordItem(e.at, entry=e) for e in entries]
    return sorted(items, key=lambda i: i.at)  # type: ignore[arg-type,return-value]


def public_case(tracking_number: str) -> Application | None:
    return (
        Application.objects.select_related("agency")
        .filter(tracking_number=tracking_number.strip().upper())
        .first()
    )
