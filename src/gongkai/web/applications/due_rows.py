"""The lists of overdue and due-soon cases, read from the next-due index (due_index.py).

The day-dependent parts are computed once per list from the calendar (the last day still "due
soon", the horizon of the case list's filter); then one indexed query finds the cases. The few
cases the index cannot answer for the day are derived from their events as before: a case not
indexed yet, one whose deadline the core could not compute (listed as such), and one with
several pauses under way between their lawful ends.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any, overload

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from gongkai.procedure.state import Phase
from gongkai.procedure.workdays import Calendar, add_workdays
from gongkai.web.applications.casefile import (
    Clock,
    clock_for,
    memo_get,
    memo_key,
    memo_put,
    status_of,
)
from gongkai.web.applications.due_index import DueKind, NextDue
from gongkai.web.applications.due_keys import DueKey, Keys, SqlKeys, first_of_each, same_day
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.workdays.selectors import calendar_and_key

ONE_DAY = timedelta(days=1)
RUNNING = [
    Phase.REGISTERED.value,
    Phase.IN_PROGRESS.value,
    Phase.CONSULTING.value,
    Phase.AWAITING_FEE.value,
]
INDEXED = [DueKind.FIXED.value, DueKind.PAUSED.value]


@dataclass(frozen=True)
class DueDate:
    """The reply due date as a list shows it (the case page derives it with its steps)."""

    due: date
    calendar_note: str = ""  # 暂定: the period touches a year whose 调休 is not published
    provisional: bool = False  # as of a day, nothing is provisional (as in the light clock)


@dataclass(frozen=True)
class StoredClock:
    """A case on a day as read from the index: what the light :class:`Clock` says of it."""

    phase: str
    extended: bool
    reply: DueDate | None
    overdue: bool = False
    due_soon: bool = False
    error: str = ""

    @property
    def status(self) -> str:
        return status_of(Phase(self.phase), self.extended, self.overdue, self.due_soon)

    @property
    def status_label(self) -> str:
        from gongkai.web.applications.casefile import STATUS_LABELS

        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Row:
    application: Application
    clock: Clock | StoredClock


def row_key(row: Row) -> tuple[date, date, int]:
    """Sorted by due date, then as the register is (received, number)."""
    due = row.clock.reply.due if row.clock.reply else date.max
    return (due, row.application.received_on or date.min, row.application.pk)


def soon_limit(calendar: Calendar, today: date, workdays: int) -> date:
    """The last day D with at most ``workdays`` working days in today..D (today included),
    which is what the light clock calls due soon. Raises CalendarNotAvailable like it."""
    left = workdays - int(calendar.is_workday(today))
    if left < 0:
        return today - ONE_DAY
    return add_workdays(calendar, today, left + 1).due - ONE_DAY


# ----------------------------------------------------------------- the index, as SQL


def overdue_q(today: date, via: str = "next_due__") -> Q:
    """Overdue on ``today``. A case is ``fixed`` or ``paused`` only while its reply period runs
    (the index is written with the phase, from the same state), so no phase test is needed.
    ``via``: the path from the model queried to the index (``""`` on :class:`NextDue` itself)."""
    return Q(**{f"{via}kind__in": INDEXED, f"{via}overdue_from__lte": today})


def _moving(today: date, remaining: int, via: str) -> Q:
    """Paused cases whose due date on ``today`` is the ``remaining``-th working day after it,
    with at most ``remaining`` left, not overdue."""
    return Q(
        **{
            f"{via}kind": DueKind.PAUSED.value,
            f"{via}moves_from__lte": today,
            f"{via}moves_until__gte": today,
            f"{via}remaining__lte": remaining,
            f"{via}overdue_from__gt": today,
        }
    )


def _still_moving(today: date, via: str) -> Q:
    """Paused cases whose pauses have not all reached their lawful ends on ``today``."""
    return Q(**{f"{via}final_from__isnull": True}) | Q(**{f"{via}final_from__gt": today})


def within_q(today: date, last: date, remaining: int, via: str = "next_due__") -> Q:
    """Not overdue on ``today`` and due by ``last``, which is ``remaining`` working days on."""
    return (
        within_fixed_q(today, last, via)
        | within_paused_on_due_q(today, last, remaining, via)
        | within_moved_q(today, remaining, via)
    )


def _due_between(today: date, last: date, via: str) -> Q:
    return Q(**{f"{via}due_on__gte": today, f"{via}due_on__lte": last})


def within_fixed_q(today: date, last: date, via: str = "next_due__") -> Q:
    """Cases with no pause under way, due today..``last`` (most of the list)."""
    return Q(**{f"{via}kind": DueKind.FIXED.value}) & _due_between(today, last, via)


def within_paused_on_due_q(today: date, last: date, remaining: int, via: str = "next_due__") -> Q:
    """Paused cases due on their stored date: their pauses have all reached their lawful ends."""
    settled = Q(**{f"{via}kind": DueKind.PAUSED.value, f"{via}final_from__lte": today})
    # every pause under way at its lawful end: as the first end (moves_until) is never after
    # the last (final_from), a case still moving has both on today, which lets the index of
    # moves_until find it at once
    ended = Q(**{f"{via}final_from__lte": today, f"{via}moves_until__lte": today})
    return (settled & _due_between(today, last, via)) | (_moving(today, remaining, via) & ended)


def within_moved_q(today: date, remaining: int, via: str = "next_due__") -> Q:
    """The rest of :func:`within_q`: due on the ``remaining``-th working day after ``today``."""
    return _moving(today, remaining, via) & _still_moving(today, via)


def indexed_ids(condition: Q, agencies: list[int]) -> Q:
    """The cases of ``agencies`` whose index row meets ``condition`` (written with ``via=""``),
    as a condition on cases: the index's own indexes find the few, instead of a join tested on
    every case."""
    found = _indexed_in(agencies, []).filter(condition)
    return Q(pk__in=found.values("application_id"))


def unindexed_ids(cases: QuerySet[Application], today: date) -> list[int]:
    """Running cases among ``cases`` the index cannot answer for on ``today`` (derived from
    their events instead): not computable, several pauses under way between their lawful
    ends, or a pause whose due date does not yet move (a receipt on a rest day not counted).
    Every case has its row (intake, the write path, the data migration; after a bulk load
    around the write path, ``gongkai-web recompute_due``)."""
    several_pauses = Q(kind=DueKind.PAUSED.value, final_from__gt=today) & (
        Q(moves_until__isnull=True) | Q(moves_until__lt=today) | Q(moves_from__gt=today)
    )
    # two parts, each on an index led by the kind (their OR made SQLite read every row), in
    # one query
    unknown = NextDue.objects.filter(kind=DueKind.UNKNOWN.value).values_list("application_id")
    paused = NextDue.objects.filter(several_pauses).values_list("application_id")
    ids = [pk for (pk,) in unknown.union(paused, all=True)]
    if not ids:
        return []
    return list(cases.filter(phase__in=RUNNING, pk__in=ids).values_list("pk", flat=True))


# ----------------------------------------------------------------- rows


INDEX_FIELDS = {
    f"due_{name}": F(f"next_due__{name}")
    for name in ("kind", "start", "due_on", "overdue_from", "remaining", "final_from", "extended")
}


def _listed(cases: QuerySet[Application]) -> list[Application]:
    """``cases`` (a page: at most FETCHED_AT_ONCE) with their agencies and the index's fields,
    in one query."""
    return list(cases.select_related("agency").annotate(**INDEX_FIELDS).order_by())


class _Notes:
    """Calendar notes (暂定) by the years a period spans: a list asks for few distinct ones."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.known: dict[tuple[int, int], str] = {}

    def __call__(self, start: date | None, due: date) -> str:
        first = start or due
        key = (first.year, due.year)
        if key not in self.known:
            self.known[key] = self.calendar.provisional_note(first, due)
        return self.known[key]


def _indexed_in(agencies: list[int], unindexed: Iterable[Row]) -> QuerySet[NextDue]:
    """The index rows of the cases of ``agencies``, less those the index cannot answer for
    (derived instead, so never listed twice)."""
    # the agencies' numbers, not a subquery: the database then sees which and how many, and
    # walks its scope indexes for them
    rows = NextDue.objects.filter(agency_id__in=agencies)
    pks = [row.application.pk for row in unindexed]
    return rows.exclude(application_id__in=pks) if pks else rows


def overdue_listing(
    cases: QuerySet[Application],
    agencies: list[int],
    today: date,
    calendar: Calendar,
    unindexed: list[Row],
) -> Listing:
    """Every overdue case of ``agencies`` by due date (with those of ``unindexed``, the cases
    the index cannot answer for, derived), read a page at a time from ``cases``."""
    derived = [row for row in unindexed if row.clock.overdue]
    overdue = _indexed_in(agencies, unindexed).filter(overdue_q(today, via=""))
    # the due date as of any day it is overdue is the day before the first overdue day
    streams = [SqlKeys(overdue, "overdue_from", lambda first: first - ONE_DAY)]
    return Listing(streams, derived, _fetcher(cases, calendar, overdue=True))


def soon_listing(
    cases: QuerySet[Application],
    agencies: list[int],
    today: date,
    calendar: Calendar,
    workdays: int,
    unindexed: list[Row],
) -> Listing:
    """Cases of ``agencies`` the light clock calls due soon (not overdue, due
    today..``soon_limit``) by due date (with those of ``unindexed``, derived), read a page at a
    time from ``cases``. Ordered queries find them: the cases due on their stored date (those
    with no pause under way, and the paused ones whose pauses have ended), and the paused cases
    whose due date on ``today`` is the ``remaining``-th working day after it (ordered by
    ``remaining``: at most ``workdays`` values, each a later date)."""
    last = soon_limit(calendar, today, workdays)
    remaining = workdays - int(calendar.is_workday(today))
    moved = {steps: add_workdays(calendar, today, steps).due for steps in range(1, remaining + 1)}
    derived = [row for row in unindexed if row.clock.due_soon]
    listed = _indexed_in(agencies, unindexed)
    streams = [
        # cases with no pause apart: their query reads the scope index alone
        SqlKeys(listed.filter(within_fixed_q(today, last, via="")), "due_on", same_day),
        SqlKeys(
            listed.filter(within_paused_on_due_q(today, last, remaining, via="")),
            "due_on",
            same_day,
        ),
        SqlKeys(listed.filter(within_moved_q(today, remaining, via="")), "remaining", moved.get),
    ]
    return Listing(streams, derived, _fetcher(cases, calendar, overdue=False))


FETCHED_AT_ONCE = 500  # cases read in one query (SQLite limits a query's parameters)


READ_AT_LEAST = 50  # keys read at once: a page of the deadline list, or the dashboard's rows


class Listing(Sequence[Row]):
    """A deadline list: ordered ``streams`` of keys merged with the ``derived`` rows (the
    cases the index cannot answer for). Its length is counted with its first keys, and a slice
    reads the keys up to its end and then the cases in it (each with its agency and index
    fields)."""

    def __init__(
        self,
        streams: Sequence[Keys],
        derived: list[Row],
        fetch: Callable[[dict[int, date]], list[Row]],
    ) -> None:
        self.derived = {row.application.pk: row for row in derived}
        self.derived_keys = sorted(map(row_key, derived))
        self.streams = streams
        self.fetch = fetch
        self._keys: list[DueKey] = []
        self._read_to = 0  # the keys before this position are known
        self._count = 0

    def keys(self, stop: int) -> list[DueKey]:
        """The first ``stop`` keys of the list."""
        if stop > self._read_to:
            stop = max(stop, READ_AT_LEAST)
            self._take(first_of_each(self.streams, stop), stop)
        return self._keys[:stop]

    def _take(self, parts: list[tuple[list[DueKey], int]], stop: int) -> None:
        """The first keys of each stream, read: the first ``stop`` of the list are known."""
        merged = heapq.merge(*(keys for keys, _ in parts), self.derived_keys)
        self._keys = list(islice(merged, stop))
        self._count = sum(count for _, count in parts) + len(self.derived_keys)
        self._read_to = stop

    def __len__(self) -> int:
        if not self._read_to:
            self.keys(READ_AT_LEAST)
        return self._count

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if start >= stop:
                return []
            return self._rows(self.keys(stop)[start:stop:step])
        position = index + len(self) if index < 0 else index
        chosen = self.keys(position + 1)[position:] if position >= 0 else []
        found = self._rows(chosen)
        if not found:
            raise IndexError(index)
        return found[0]

    def _rows(self, chosen: list[DueKey]) -> list[Row]:
        wanted = {pk: due for due, _, pk in chosen if pk not in self.derived}
        pks = list(wanted)
        fetched: dict[int, Row] = {}
        for start in range(0, len(pks), FETCHED_AT_ONCE):
            part = {pk: wanted[pk] for pk in pks[start : start + FETCHED_AT_ONCE]}
            fetched.update((row.application.pk, row) for row in self.fetch(part))
        rows = [self.derived.get(pk) or fetched.get(pk) for _, _, pk in chosen]
        return [row for row in rows if row is not None]  # a case deleted meanwhile is left out


def read_together(*lists: Sequence[Row]) -> None:
    """The first keys of each of ``lists`` that is a :class:`Listing` not read yet (as much as
    its length reads), all in one query where the database can (due_keys.py)."""
    unread = [one for one in lists if isinstance(one, Listing) and not one._read_to]
    streams = [stream for one in unread for stream in one.streams]
    parts = first_of_each(streams, READ_AT_LEAST)
    for one in unread:
        one._take(parts[: len(one.streams)], READ_AT_LEAST)
        parts = parts[len(one.streams) :]


def _fetcher(
    cases: QuerySet[Application], calendar: Calendar, *, overdue: bool
) -> Callable[[dict[int, date]], list[Row]]:
    notes = _Notes(calendar)

    def fetch(dues: dict[int, date]) -> list[Row]:
        rows = []
        for app in _listed(cases.filter(pk__in=list(dues))):
            index: Any = app  # the index's fields, annotated (INDEX_FIELDS)
            due = dues[app.pk]
            reply = DueDate(due, notes(index.due_start, due))
            clock = StoredClock(
                app.phase, index.due_extended, reply, overdue=overdue, due_soon=not overdue
            )
            rows.append(Row(app, clock))
        return rows

    return fetch


def derived_rows(
    cases: QuerySet[Application],
    today: date,
    *,
    received_by: date | None = None,
    calendar_key: tuple[Calendar, str] | None = None,
) -> list[Row]:
    """``cases`` derived from their events on ``today``. Derivation is a pure function of the
    events (an append-only log), the calendar, the agency's policy and the day, so its result
    is memoised under exactly those (see casefile.memo_key); only new or changed cases are
    derived."""
    calendar, key = calendar_key or calendar_and_key()
    soon = settings.GONGKAI_DUE_SOON_WORKDAYS
    if received_by is not None:
        cases = cases.filter(received_on__lte=received_by)
    newest = CaseEvent.objects.filter(application=OuterRef("pk")).order_by("-seq")
    open_cases = list(
        cases.annotate(
            last_seq=Subquery(newest.values("seq")[:1]),
            last_at=Subquery(newest.values("recorded_at")[:1]),
        ).order_by("received_on", "pk")
    )
    keys = {app.pk: memo_key(app, key, today, soon) for app in open_cases}
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


def merged(*parts: Iterable[Row]) -> list[Row]:
    return sorted((row for part in parts for row in part), key=row_key)
