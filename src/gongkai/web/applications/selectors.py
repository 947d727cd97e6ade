"""Reads of the case register. Every read and every write starts here, so the rules of
agencies/selectors.py (who sees which agency's cases) hold for the pages and the API alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.state import Phase
from gongkai.procedure.workdays import Calendar, add_workdays
from gongkai.web.agencies.selectors import (
    Actor,
    readable_agency_filter,
    readable_agency_ids,
    writable_agency_ids,
)
from gongkai.web.applications import due_rows
from gongkai.web.applications.drafting import DraftStatus
from gongkai.web.applications.due_rows import Row
from gongkai.web.applications.models import Application, CaseEvent, Draft, DraftEntry
from gongkai.web.bounds import int_param
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.workdays.selectors import calendar_and_key

CalendarKey = tuple[Calendar, str]
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
    from the next-due index like the dashboard."""
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
        cases = cases.filter(_due_ids(actor, today, due, due_days or 0))
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
        # a query without letters that have a case (Chinese, digits) matches the same text
        # either way; PostgreSQL then need not upper-case every description it reads
        lookup = "icontains" if query.upper() != query.lower() else "contains"
        cases = cases.filter(
            Q(**{f"tracking_number__{lookup}": query})
            | Q(**{f"applicant_name__{lookup}": query})
            | Q(**{f"description__{lookup}": query})
        )
    return cases.order_by("-received_on", "-pk")


def _due_ids(actor: Actor, today: date, due: str, days: int) -> Q:
    """The ``due`` filter as a condition: the index answers for nearly every case, the few
    it cannot are derived and named by number."""
    calendar = calendar_and_key()
    if due == "overdue":
        live = _unindexed(actor, today, calendar)
        picked = [r.application.pk for r in live if r.clock.overdue]
        overdue = due_rows.overdue_q(today, via="")
        return due_rows.indexed_ids(overdue, readable_agency_ids(actor)) | Q(pk__in=picked)
    try:
        horizon = add_workdays(calendar[0], today, days).due
    except CalendarNotAvailable as error:
        raise InvalidInput(str(error), fields={"due_days": str(error)}) from error
    received_by = horizon - timedelta(days=MIN_PERIOD_DAYS)
    live = _unindexed(actor, today, calendar, received_by=received_by)
    picked = [
        r.application.pk
        for r in live
        if not r.clock.overdue and r.clock.reply is not None and r.clock.reply.due <= horizon
    ]
    within = due_rows.within_q(today, horizon, days, via="")
    return due_rows.indexed_ids(within, readable_agency_ids(actor)) | Q(pk__in=picked)


def events_of(application: Application) -> list[CaseEvent]:
    return list(application.events.select_related("actor").order_by("seq"))


# A reply period is 20 working days, so it ends at least 20 calendar days after the clock
# starts, and the clock never starts before receipt: a case received later than that cannot be
# due yet.
MIN_PERIOD_DAYS = 20
RUNNING = due_rows.RUNNING


def _running(actor: Actor) -> QuerySet[Application]:
    return cases_readable(actor).filter(phase__in=RUNNING)


def _unindexed(
    actor: Actor, today: date, calendar: CalendarKey, *, received_by: date | None = None
) -> list[Row]:
    """The running cases the next-due index cannot answer for on ``today``, derived."""
    ids = due_rows.unindexed_ids(cases_readable(actor), today)
    if not ids:
        return []
    cases = _running(actor).filter(pk__in=ids)
    return due_rows.derived_rows(cases, today, received_by=received_by, calendar_key=calendar)


def _soon_horizon(today: date, calendar: Calendar) -> date:
    """The last day counted as "due soon"; without the calendar for it, three weeks."""
    try:
        return add_workdays(calendar, today, settings.GONGKAI_DUE_SOON_WORKDAYS).due
    except CalendarNotAvailable:
        return today + timedelta(days=21)


def overdue_cases(actor: Actor, today: date) -> Sequence[Row]:
    """Open cases past their reply deadline on ``today``, from the next-due index, by due date
    (lawfully paused or extended cases are not overdue); a slice reads only its own cases."""
    calendar = calendar_and_key()
    received_by = today - timedelta(days=MIN_PERIOD_DAYS)
    live = _unindexed(actor, today, calendar, received_by=received_by)
    return due_rows.overdue_listing(
        cases_readable(actor), readable_agency_ids(actor), today, calendar[0], live
    )


def _soon_listing(
    actor: Actor, today: date, calendar: CalendarKey, live: list[Row], agencies: list[int]
) -> Sequence[Row]:
    """Due soon on ``today``: the index, and the cases it cannot answer for (``live``,
    derived) of ``agencies`` (those ``actor`` reads). Without the calendar for ``today`` every
    running case is derived, as the light clock then says why it cannot tell."""
    soon = settings.GONGKAI_DUE_SOON_WORKDAYS
    try:
        return due_rows.soon_listing(
            cases_readable(actor), agencies, today, calendar[0], soon, live
        )
    except CalendarNotAvailable:
        horizon = _soon_horizon(today, calendar[0]) - timedelta(days=MIN_PERIOD_DAYS)
        rows = due_rows.derived_rows(
            _running(actor), today, received_by=horizon, calendar_key=calendar
        )
        return due_rows.merged(r for r in rows if r.clock.due_soon)


def due_soon_cases(actor: Actor, today: date) -> Sequence[Row]:
    calendar = calendar_and_key()
    horizon = _soon_horizon(today, calendar[0]) - timedelta(days=MIN_PERIOD_DAYS)
    live = _unindexed(actor, today, calendar, received_by=horizon)
    return _soon_listing(actor, today, calendar, live, readable_agency_ids(actor))


SHOWN = 10  # rows of each list on the dashboard; the counts are of all


@dataclass(frozen=True)
class Dashboard:
    overdue: list[Row]  # the first SHOWN, most urgent first
    overdue_count: int
    due_soon: list[Row]  # the first SHOWN, most urgent first
    due_soon_count: int
    unregistered: list[Application]
    paused: list[Application]  # the first SHOWN awaiting correction, consulting, awaiting a fee
    undecidable: list[Row]  # a deadline that cannot be computed (a year not in the calendar)
    open_count: int
    calendar_gap: int | None  # next year when its holiday arrangement is still missing
    waiting: list[Draft]  # drafts waiting for this approver (待审批)
    returned: list[Draft]  # drafts returned to the office with a comment


def _first_received(cases: QuerySet[Application], count: int) -> list[Application]:
    """The first ``count`` of ``cases`` by receipt (none first), then number. The database
    orders their numbers alone, from its (agency, phase, received) index; the receipt date is
    ordered as an expression, so that no planner walks the receipt index past every other case
    instead (SQLite did)."""
    received = Coalesce("received_on", Value(date.min))
    shown = list(cases.order_by(received, "pk").values_list("pk", flat=True)[:count])
    return sorted(cases.filter(pk__in=shown), key=lambda app: shown.index(app.pk))


def dashboard(actor: Actor, today: date) -> Dashboard:
    calendar = calendar_and_key()
    horizon = max(
        _soon_horizon(today, calendar[0]) - timedelta(days=MIN_PERIOD_DAYS),
        today - timedelta(days=MIN_PERIOD_DAYS),
    )
    live = _unindexed(actor, today, calendar, received_by=horizon)
    readable = cases_readable(actor)
    paused = [Phase.AWAITING_CORRECTION.value, Phase.CONSULTING.value, Phase.AWAITING_FEE.value]
    ahead = (today + timedelta(days=90)).year
    agencies = readable_agency_ids(actor)
    overdue = due_rows.overdue_listing(readable, agencies, today, calendar[0], live)
    soon = _soon_listing(actor, today, calendar, live, agencies)
    due_rows.read_together(overdue, soon)
    return Dashboard(
        overdue=overdue[:SHOWN],
        overdue_count=len(overdue),
        due_soon=list(soon[:SHOWN]),
        due_soon_count=len(soon),
        unregistered=list(readable.filter(phase=Phase.NEW.value).order_by("submitted_at")),
        paused=_first_received(readable.filter(phase__in=paused), SHOWN),
        undecidable=[r for r in live if r.clock.error],
        open_count=readable.filter(phase__in=OPEN_PHASES).count(),
        calendar_gap=ahead if ahead not in calendar[0].years else None,
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
    if not actor.handles_cases:  # no office's drafts (and no query to find none)
        return []
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
