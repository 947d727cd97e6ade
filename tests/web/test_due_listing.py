"""A deadline list read a page at a time: the order from ordered streams of keys (each read only
as far as the page needs), only the page's cases read, the derived cases (those the index cannot
answer for) in their place."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from gongkai.web.applications.due_rows import READ_AT_LEAST, DueKey, Listing, Row

RECEIVED = date(2025, 9, 1)


class Stream:
    """Ordered keys as a query gives them; it records how many were asked for."""

    def __init__(self, keys: list[DueKey]) -> None:
        self.keys = sorted(keys)
        self.asked: list[int] = []

    def first(self, count: int) -> tuple[list[DueKey], int]:
        self.asked.append(count)
        return self.keys[:count], len(self.keys)


def _row(pk: int, due: date) -> Any:
    return Row(
        SimpleNamespace(pk=pk, received_on=RECEIVED),  # type: ignore[arg-type]
        SimpleNamespace(reply=SimpleNamespace(due=due)),  # type: ignore[arg-type]
    )


def test_a_page_reads_its_own_cases_only_and_derived_rows_take_their_place() -> None:
    asked: list[dict[int, date]] = []

    def fetch(dues: dict[int, date]) -> list[Any]:
        asked.append(dues)
        return [_row(pk, due) for pk, due in dues.items()]

    keys = [(date(2025, 10, day), RECEIVED, pk) for pk, day in ((3, 9), (1, 7), (4, 10))]
    derived = [_row(2, date(2025, 10, 8))]
    listing = Listing([Stream(keys)], derived, fetch)

    assert len(listing) == 4
    assert [r.application.pk for r in listing[:2]] == [1, 2]
    assert asked == [{1: date(2025, 10, 7)}]  # the derived row is not read again
    assert listing[1] is derived[0] and len(asked) == 1  # nothing to read for it
    assert [r.application.pk for r in listing[2:]] == [3, 4]
    assert asked[-1] == {3: date(2025, 10, 9), 4: date(2025, 10, 10)}
    assert listing[10:] == []


def test_a_case_gone_since_its_key_was_read_is_left_out() -> None:
    listing = Listing([Stream([(date(2025, 10, 7), RECEIVED, 1)])], [], lambda dues: [])
    assert listing[:] == []


def test_streams_merge_in_order_and_each_is_read_only_to_the_end_of_the_page() -> None:
    def fetch(dues: dict[int, date]) -> list[Any]:
        return [_row(pk, due) for pk, due in dues.items()]

    on_due = Stream([(date(2025, 10, d), RECEIVED, d) for d in (6, 9, 13, 20, 21)])
    moved = Stream([(date(2025, 10, d), RECEIVED, 100 + d) for d in (7, 8, 14)])
    derived = [_row(50, date(2025, 10, 9))]
    listing = Listing([on_due, moved], derived, fetch)

    assert len(listing) == 9
    first = [r.application.pk for r in listing[:4]]
    # due 6, 7, 8, then 9 twice: the same due date ordered by receipt, then by number
    assert first == [6, 107, 108, 9]
    # the count came with the first keys, one query per stream
    assert on_due.asked == [READ_AT_LEAST] and moved.asked == [READ_AT_LEAST]
    assert [r.application.pk for r in listing[4:6]] == [50, 13]
    assert listing[-1].application.pk == 21
    assert [r.application.pk for r in listing[7:]] == [20, 21]
    with pytest.raises(IndexError):
        listing[9]
    assert listing[5:5] == [] and listing[20:] == []
    assert on_due.asked == [READ_AT_LEAST]  # nothing read again


def test_a_page_further_on_reads_the_keys_to_its_end() -> None:
    def fetch(dues: dict[int, date]) -> list[Any]:
        return [_row(pk, due) for pk, due in dues.items()]

    keys = [(date(2025, 10, 1) + timedelta(days=pk), RECEIVED, pk) for pk in range(120)]
    stream = Stream(keys)
    listing = Listing([stream], [], fetch)
    assert [r.application.pk for r in listing[100:103]] == [100, 101, 102]
    assert stream.asked == [READ_AT_LEAST, 103] and len(listing) == 120
