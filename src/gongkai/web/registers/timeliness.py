"""Whether a catalogue entry met the 20-working-day limit of art. 26, on the official calendar.

Pure: the calendar and the day are passed in. The period runs like every period of the
Regulation (docs/law.md#counting-days): the day of creation or change is not counted, day 1 is the first
working day after it. An entry published on the 20th working day or earlier is on time; one
published on the 21st working day or later is late; one not published by its 21st working day
is overdue ("逾期未公开"), which is exactly "would be late if published today". An entry the
保密审查 withheld (不予公开) is not to be published, so it is never overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.procedure.errors import ProcedureError
from gongkai.procedure.workdays import Calendar, add_workdays

LIMIT_WORKDAYS = 20  # art. 26


@dataclass(frozen=True)
class Timeliness:
    """How one entry stands against its limit. ``error`` says why it could not be decided."""

    limit: date | None  # the 20th working day after creation: the last day to publish
    workdays: int | None  # working days used: after created_on, up to published_on (or today)
    published: bool
    error: str = ""
    withheld: bool = False  # the review concluded 不予公开

    @property
    def late(self) -> bool:
        """Published after its 20th working day."""
        return self.published and self.workdays is not None and self.workdays > LIMIT_WORKDAYS

    @property
    def overdue(self) -> bool:
        """Not published, and its 20 working days are over."""
        return (
            not self.published
            and not self.withheld
            and self.workdays is not None
            and self.workdays > LIMIT_WORKDAYS
        )

    @property
    def flagged(self) -> bool:
        return self.late or self.overdue


def workdays_used(calendar: Calendar, created_on: date, until: date) -> int:
    """Working days after ``created_on`` up to and including ``until`` (0 if not after it)."""
    if until <= created_on:
        return 0
    return calendar.workdays_between(created_on + timedelta(days=1), until)


def timeliness(
    calendar: Calendar,
    created_on: date,
    published_on: date | None,
    today: date,
    *,
    withheld: bool = False,
) -> Timeliness:
    published = published_on is not None
    if withheld and not published:
        return Timeliness(None, None, False, withheld=True)
    until = published_on if published_on is not None else today
    try:
        limit = add_workdays(calendar, created_on, LIMIT_WORKDAYS, event="生成或变更").due
    except ProcedureError as error:
        limit = None
        message = error.message
    else:
        message = ""
    try:
        used = workdays_used(calendar, created_on, until)
    except ProcedureError as error:
        return Timeliness(limit, None, published, message or error.message)
    if message and not published and used <= LIMIT_WORKDAYS:
        # the limit lies in a year the calendar does not know yet: undecided
        return Timeliness(None, None, published, message)
    return Timeliness(limit, used, published)
