"""The overdue and due-soon lists, read from the next-due index in database order a page at a
time, list exactly the cases a replay of every running case lists, in the same order, with the
same due dates: cases due on their stored date, paused cases whose due date moves with the day,
ties on the due date, a consultation that reached its lawful end, an overdue case whose pause
cannot help it, and a case the index cannot answer for."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.web.applications import due_rows, selectors
from gongkai.web.applications.due_index import DueKind, NextDue
from gongkai.web.applications.services import steps

D = date


def _replayed(actor, today, which):  # type: ignore[no-untyped-def]
    rows = due_rows.derived_rows(selectors._running(actor), today)
    chosen = [r for r in rows if (r.clock.overdue if which == "overdue" else r.clock.due_soon)]
    return [(r.application.pk, r.clock.reply.due) for r in due_rows.merged(chosen)]


def _listed(rows):  # type: ignore[no-untyped-def]
    return [(r.application.pk, r.clock.reply.due) for r in rows]


def test_index_lists_equal_the_replay_in_order_and_by_page(people, make_case):
    clerk = people["clerk"]
    for day in (D(2025, 9, 1), D(2025, 9, 1), D(2025, 9, 3), D(2025, 10, 9), D(2025, 10, 9)):
        make_case(day)  # ties: the same receipt and due date, then ordered by number
    for received, consult_on in (
        (D(2025, 10, 9), D(2025, 10, 31)),  # paused with days left: the due date moves
        (D(2025, 10, 10), D(2025, 10, 20)),  # paused early
        (D(2025, 9, 2), D(2025, 9, 10)),  # the consultation ran out long ago
        (D(2025, 9, 1), D(2025, 9, 26)),  # overdue by the time the pause ends
    ):
        case = make_case(received)
        steps.start_consultation(
            clerk,
            case.pk,
            on=consult_on,
            consultation="third_party",
            party="某公司",
        )
    twice = make_case(D(2025, 10, 13))  # two consultations under way: derived when read
    for on in (D(2025, 10, 27), D(2025, 10, 29)):
        steps.start_consultation(clerk, twice.pk, on=on, consultation="third_party", party="甲")
    make_case(D(2025, 10, 20))
    for offset in range(0, 40, 3):
        today = D(2025, 10, 20) + timedelta(days=offset)
        for which, listing in (
            ("overdue", selectors.overdue_cases(clerk, today)),
            ("soon", selectors.due_soon_cases(clerk, today)),
        ):
            expected = _replayed(clerk, today, which)
            assert _listed(listing[:]) == expected, (today, which)
            assert len(listing) == len(expected)
            for start in range(len(expected)):  # every page of two rows, and every row
                assert _listed(listing[start : start + 2]) == expected[start : start + 2]
                assert _listed([listing[start]]) == [expected[start]]
        board = selectors.dashboard(clerk, today)  # both lists read together (due_keys.py)
        assert (board.overdue_count, board.due_soon_count) == (
            len(_replayed(clerk, today, "overdue")),
            len(_replayed(clerk, today, "soon")),
        )
        assert _listed(board.overdue) == _replayed(clerk, today, "overdue")[: selectors.SHOWN]
        assert _listed(board.due_soon) == _replayed(clerk, today, "soon")[: selectors.SHOWN]


def test_both_lists_keys_are_read_in_one_query_where_the_database_can(people, make_case):
    """PostgreSQL runs the four ordered, limited parts of the two lists in one statement (one
    round trip); SQLite cannot, and runs in the process: a query each."""
    clerk = people["clerk"]
    for day in (D(2025, 9, 1), D(2025, 10, 9), D(2025, 10, 20)):
        make_case(day)
    today = D(2025, 11, 3)
    calendar = selectors.calendar_and_key()
    agencies = [clerk.staff.agency_id]
    cases = selectors.cases_readable(clerk)
    overdue = due_rows.overdue_listing(cases, agencies, today, calendar[0], [])
    soon = due_rows.soon_listing(cases, agencies, today, calendar[0], 5, [])
    streams = len(overdue.streams) + len(soon.streams)
    with CaptureQueriesContext(connection) as queries:
        due_rows.read_together(overdue, soon)
        counted = (len(overdue), len(soon))
    together = connection.features.supports_slicing_ordering_in_compound
    assert len(queries) == (1 if together else streams) and streams == 4
    assert (
        counted
        == (
            len(_replayed(clerk, today, "overdue")),
            len(_replayed(clerk, today, "soon")),
        )
        and counted[0] > 0
    )


def test_a_case_the_index_cannot_answer_for_is_listed_once(people, make_case):
    """A row the lists cannot use (several pauses under way between their lawful ends) that
    also meets the overdue condition: the case is derived, and listed once."""
    case = make_case(D(2025, 9, 1))
    NextDue.objects.filter(application=case).update(
        kind=DueKind.PAUSED.value,
        overdue_from=D(2025, 9, 29),
        final_from=D(2026, 1, 1),
        moves_from=None,
        moves_until=None,
    )
    today = D(2025, 11, 3)
    assert due_rows.unindexed_ids(selectors.cases_readable(people["clerk"]), today) == [case.pk]
    listing = selectors.overdue_cases(people["clerk"], today)
    assert [r.application.pk for r in listing[:]] == [case.pk]
    assert len(listing) == 1
    assert selectors.dashboard(people["clerk"], today).overdue_count == 1
