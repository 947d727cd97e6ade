"""A deadline list read a page at a time: the order from the keys, only the page's cases read,
the derived cases (those the index cannot answer for) in their place."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from gongkai.web.applications.due_rows import Listing, Row

RECEIVED = date(2025, 9, 1)


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
    listing = Listing(keys, derived, fetch)

    assert len(listing) == 4
    assert [r.application.pk for r in listing[:2]] == [1, 2]
    assert asked == [{1: date(2025, 10, 7)}]  # the derived row is not read again
    assert listing[1] is derived[0] and len(asked) == 1  # nothing to read for it
    assert [r.application.pk for r in listing[2:]] == [3, 4]
    assert asked[-1] == {3: date(2025, 10, 9), 4: date(2025, 10, 10)}
    assert listing[10:] == []


def test_a_case_gone_since_its_key_was_read_is_left_out() -> None:
    listing = Listing([(date(2025, 10, 7), RECEIVED, 1)], [], lambda dues: [])
    assert listing[:] == []
