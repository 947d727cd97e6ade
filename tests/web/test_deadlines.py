"""Deadlines on the official calendar, derived at query time; lists of overdue and due-soon
cases; an administrator entering a year's arrangement recomputes every open deadline."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.procedure.workdays import RestPeriod
from gongkai.web.applications import selectors
from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.services import steps
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.workdays.services import enter_arrangement

D = date


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2025, 1, 24), D(2025, 2, 27)),  # across the Spring Festival, with make-up Saturday
        (D(2025, 4, 30), D(2025, 6, 3)),
        (D(2025, 9, 26), D(2025, 10, 30)),  # National Day and Mid-autumn, make-up days counted
        (D(2025, 12, 31), D(2026, 1, 29)),
        (D(2025, 10, 4), D(2025, 11, 4)),  # received on a rest day: counted as it is
    ],
)
def test_reply_due_dates_of_legal_spec(make_case, received, due):
    clock = clock_of(make_case(received), received)
    assert clock.reply.due == due
    assert clock.reply.steps[0].startswith(
        f"{received.year}年{received.month}月{received.day}日收到申请"
    )


def test_due_date_explains_holidays(make_case):
    steps_text = "\n".join(clock_of(make_case(D(2025, 9, 26)), D(2025, 9, 26)).reply.steps)
    assert "国庆节" in steps_text and "调休上班" in steps_text and "第三十三条" in steps_text


def test_overdue_and_due_soon_lists(people, make_case):
    late = make_case(D(2025, 9, 1))  # due 2025-09-29
    soon = make_case(D(2025, 10, 9))  # due 2025-11-06
    paused = make_case(D(2025, 10, 10))
    steps.start_consultation(
        people["clerk"], paused.pk, on=D(2025, 10, 20), consultation="third_party", party="某公司"
    )
    waited_too_long = make_case(D(2025, 9, 2))  # the 15 working days of consultation ran out
    steps.start_consultation(
        people["clerk"],
        waited_too_long.pk,
        on=D(2025, 9, 10),
        consultation="third_party",
        party="某公司",
    )
    extended = make_case(D(2025, 9, 8))  # due 2025-10-13 before extension
    steps.approve_extension(
        people["approver"],
        extended.pk,
        on=D(2025, 10, 10),
        notified_on=D(2025, 10, 10),
        workdays=20,
        reason="数量多",
    )
    closed = make_case(D(2025, 8, 1))
    steps.reply(people["approver"], closed.pk, on=D(2025, 10, 30), outcome="granted")  # late reply

    today = D(2025, 11, 3)
    overdue = [r.application.pk for r in selectors.overdue_cases(people["clerk"], today)]
    # paused (within the consultation period), extended and closed cases are not overdue
    assert sorted(overdue) == sorted([late.pk, waited_too_long.pk])
    due_soon = [r.application.pk for r in selectors.due_soon_cases(people["clerk"], today)]
    assert due_soon == [soon.pk, extended.pk]  # sorted by due date; none overdue
    assert [r.clock.status for r in selectors.due_soon_cases(people["clerk"], today)] == [
        "soon",
        "soon",
    ]
    board = selectors.dashboard(people["clerk"], today)
    assert [a.pk for a in board.paused] == [waited_too_long.pk, paused.pk]  # by phase
    assert board.open_count == 5


def test_overdue_is_never_stored(make_case):
    from gongkai.web.applications.models import Application

    assert not any("overdue" in f.name or "due" in f.name for f in Application._meta.fields)
    app = make_case(D(2025, 9, 1))
    due = clock_of(app, D(2025, 9, 1)).reply.due
    assert due == D(2025, 9, 28)  # the 20th working day is the make-up Sunday
    assert clock_of(app, D(2025, 9, 28)).overdue is False
    assert clock_of(app, D(2025, 9, 29)).overdue is True


ARRANGEMENT_2027 = dict(
    year=2027,
    rest_periods=[
        RestPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),
        RestPeriod("春节", D(2027, 2, 5), D(2027, 2, 12)),
    ],
    makeup_workdays=[D(2027, 2, 13)],
    source="测试用的2027年安排（非官方）",
)


def test_entering_2027_recomputes_open_deadlines(people, make_case, monkeypatch):
    from gongkai.web import bounds

    monkeypatch.setattr(bounds, "today", lambda: D(2026, 12, 11))  # a case received on the 10th
    app = make_case(D(2026, 12, 10))
    before = clock_of(app, D(2026, 12, 11))
    assert before.reply is None and "2027年的节假日安排尚未录入" in before.error
    assert selectors.dashboard(people["clerk"], D(2026, 12, 11)).calendar_gap == 2027

    enter_arrangement(people["admin"], **ARRANGEMENT_2027)
    after = clock_of(app, D(2026, 12, 11))
    # from 2026-12-11: 15 working days in December, then Jan 4–8 (Jan 1–3 rest)
    assert after.reply.due == D(2027, 1, 8)
    assert any("元旦放假" in s for s in after.reply.steps)
    assert selectors.dashboard(people["clerk"], D(2026, 12, 11)).calendar_gap is None
    assert [r.application.pk for r in selectors.due_soon_cases(people["clerk"], D(2027, 1, 4))] == [
        app.pk
    ]

    # a corrected arrangement changes the same open deadline at once: nothing was stored
    enter_arrangement(
        people["admin"],
        year=2027,
        source="更正",
        rest_periods=[RestPeriod("元旦", D(2027, 1, 1), D(2027, 1, 5))],
        makeup_workdays=[],
    )
    assert clock_of(app, D(2026, 12, 11)).reply.due == D(2027, 1, 12)


def test_only_administrators_enter_arrangements(people):
    with pytest.raises(Forbidden):
        enter_arrangement(people["clerk"], **ARRANGEMENT_2027)


def test_contradictory_arrangement_is_refused(people):
    with pytest.raises(InvalidInput):
        enter_arrangement(
            people["admin"], year=2027, rest_periods=[], makeup_workdays=[D(2027, 3, 3)]
        )  # a Wednesday cannot be a make-up day
