"""A unit's live case register, for the unit page of a unit that uses gongkai: read-only, through
the applications app's public selectors (the same reads as the case list and the dashboard),
narrowed to the unit's own agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from gongkai.procedure.errors import CalendarNotAvailable
from gongkai.procedure.state import Phase
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications import selectors as cases
from gongkai.web.workdays.selectors import current_calendar

REPLY_WINDOW_DAYS = 365  # the average reply time is over the cases closed in the last year


@dataclass(frozen=True)
class CaseFigures:
    agency: Agency
    today: date
    open: int
    overdue: int
    due_soon: int
    soon_workdays: int
    average_workdays: float | None  # None: no case closed in the window could be counted
    replied: int  # closed cases the average is over
    uncounted: int  # closed cases whose working days the calendar cannot count
    since: date

    @property
    def average_text(self) -> str:
        return "" if self.average_workdays is None else f"{self.average_workdays:.1f}"


def case_figures(actor: Actor, agency: Agency, today: date) -> CaseFigures:
    """Open, overdue and due-soon cases of ``agency`` on ``today``, and the average working days
    from receipt (the period runs from the next day) to the reply of the cases closed in the last
    year. Only what ``actor`` may read is counted (the selectors apply the same rules)."""
    mine = str(agency.pk)
    open_count = cases.case_list(actor, phase="open", agency=mine).count()
    overdue = [r for r in cases.overdue_cases(actor, today) if r.application.agency_id == agency.pk]
    soon = [r for r in cases.due_soon_cases(actor, today) if r.application.agency_id == agency.pk]
    since = today - timedelta(days=REPLY_WINDOW_DAYS)
    closed = (
        cases.case_list(actor, phase=Phase.CLOSED.value, agency=mine)
        .filter(closed_on__gte=since, closed_on__lte=today, received_on__isnull=False)
        .values_list("received_on", "closed_on")
    )
    calendar = current_calendar()
    days: list[int] = []
    uncounted = 0
    for received, closed_on in closed:
        if received is None or closed_on is None or closed_on < received:
            uncounted += 1
            continue
        try:
            days.append(calendar.workdays_between(received + timedelta(days=1), closed_on))
        except CalendarNotAvailable:
            uncounted += 1
    return CaseFigures(
        agency,
        today,
        open_count,
        len(overdue),
        len(soon),
        settings.GONGKAI_DUE_SOON_WORKDAYS,
        sum(days) / len(days) if days else None,
        len(days),
        uncounted,
        since,
    )
