"""The keys of a deadline list read from the next-due index: the database orders the index rows
of each part of a list and counts them in the same query, and only the first ones a page needs
are read (due_rows.Listing merges the parts).

Where the database can run ordered, limited queries side by side in one statement (PostgreSQL),
the parts of several lists are read in one query: each query is a round trip to the database
server, which waits for a free core when the machine is busy. SQLite runs in the process, where
a query costs no round trip, and cannot: there each part is its own query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    F,
    IntegerField,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Cast

from gongkai.web.applications.due_index import NextDue

DueKey = tuple[date, date, int]  # (due date, received, number): the order of a deadline list


class Keys(Protocol):
    """The keys of some of a list's cases, in order."""

    def first(self, count: int) -> tuple[list[DueKey], int]:
        """The first ``count`` keys, and how many there are in all."""
        ...


def same_day(due: date) -> date:
    return due


class SqlKeys:
    """The keys of index ``rows``, ordered by the column ``by``, of which ``due`` makes the due
    date (it keeps the order), then by receipt (none first, as in due_rows.row_key) and
    number."""

    def __init__(self, rows: QuerySet[NextDue], by: str, due: Callable[[Any], date | None]) -> None:
        order = (by, F("received_on").asc(nulls_first=True), "application_id")
        self.rows = rows.annotate(listed_in_all=Window(Count("pk"))).order_by(*order)
        self.by = by
        self.due = due

    def first(self, count: int) -> tuple[list[DueKey], int]:
        found = self.rows.values_list(self.by, "received_on", "application_id", "listed_in_all")
        return self._keys(list(found[:count]))

    def _keys(self, found: list[tuple[Any, date | None, int, int]]) -> tuple[list[DueKey], int]:
        keys = []
        for value, received, pk, _ in found:
            due = self.due(value)
            assert due is not None  # a row found by its list's condition has its due date
            keys.append((due, received or date.min, pk))
        return keys, (found[0][-1] if found else 0)

    def _part(self, number: int, count: int) -> QuerySet[NextDue, tuple[Any, ...]]:
        """The first ``count`` rows as a part of a union: numbered, and with the order's column
        in the place of its type (date or number), so that every part has the same columns."""
        is_day = isinstance(NextDue._meta.get_field(self.by), DateField)
        # typed, as PostgreSQL takes an untyped NULL or parameter for text
        none_day, none_number = Cast(Value(None), DateField()), Cast(Value(None), IntegerField())
        part = self.rows.annotate(
            part=Cast(Value(number), IntegerField()),
            by_day=F(self.by) if is_day else none_day,
            by_number=none_number if is_day else F(self.by),
        )
        columns = ("part", "by_day", "by_number", "received_on", "application_id")
        return part.values_list(*columns, "listed_in_all")[:count]


def first_of_each(streams: Sequence[Keys], count: int) -> list[tuple[list[DueKey], int]]:
    """``stream.first(count)`` of each of ``streams``: those of the index in one query where
    the database can (see the module's text)."""
    indexed = {n: s for n, s in enumerate(streams) if isinstance(s, SqlKeys)}
    if len(indexed) < 2 or not connection.features.supports_slicing_ordering_in_compound:
        return [stream.first(count) for stream in streams]
    parts = [stream._part(n, count) for n, stream in indexed.items()]
    found: dict[int, list[tuple[Any, date | None, int, int]]] = defaultdict(list)
    for n, day, steps, received, pk, listed in parts[0].union(*parts[1:], all=True):
        found[n].append((day if steps is None else steps, received, pk, listed))
    # a union keeps no order: each part's own, as its query orders it
    return [
        indexed[n]._keys(sorted(found[n], key=lambda r: (r[0], r[1] or date.min, r[2])))
        if n in indexed
        else stream.first(count)
        for n, stream in enumerate(streams)
    ]
