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
from tests.web.conftest import today_is

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


def test_dashboard_shows_the_first_paused_cases_by_receipt_then_number(people, make_case):
    """Of more paused cases than the dashboard shows, the earliest received, ties by number."""
    received = [D(2025, 9, d) for d in (12, 3, 3, 8, 1, 15, 3, 10, 2, 9, 11, 4)]
    cases = [make_case(day) for day in received]
    for case in cases:
        steps.start_consultation(
            people["clerk"], case.pk, on=D(2025, 9, 20), consultation="third_party", party="甲"
        )
    expected = sorted(cases, key=lambda c: (c.received_on, c.pk))[: selectors.SHOWN]
    board = selectors.dashboard(people["clerk"], D(2025, 9, 22))
    assert [a.pk for a in board.paused] == [c.pk for c in expected]
    assert len(cases) > selectors.SHOWN


def test_overdue_is_a_question_of_the_day_not_a_stored_flag(make_case):
    """The next-due index stores the due date (due_index.py); whether a case is overdue is
    asked of a day, so no stored flag can go stale overnight."""
    from gongkai.web.applications.due_index import NextDue
    from gongkai.web.applications.models import Application

    assert not any("overdue" in f.name or "due" in f.name for f in Application._meta.fields)
    assert not any(f.name == "overdue" for f in NextDue._meta.fields)
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
    today_is(monkeypatch, D(2026, 12, 11))
    app = make_case(D(2026, 12, 10))
    before = clock_of(app, D(2026, 12, 11))
    # provisional: 15 working days in December, 元旦 Fri 1 Jan, then Jan 4–8
    assert before.error == "" and before.reply.due == D(2027, 1, 8)
    assert "2027年的节假日安排（调休）尚未公布" in before.reply.calendar_note
    assert selectors.dashboard(people["clerk"], D(2026, 12, 11)).calendar_gap == 2027

    enter_arrangement(people["admin"], **ARRANGEMENT_2027)
    after = clock_of(app, D(2026, 12, 11))
    # final: 15 working days in December, then Jan 4–8 (Jan 1–3 rest)
    assert after.reply.due == D(2027, 1, 8) and after.reply.calendar_note == ""
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


# ---------------------------------------------------------------- provisional dates (暂定)


def test_a_provisional_due_date_is_shown_as_such(people, make_case, monkeypatch):
    """2027's 调休 is not published: the due date is computed from weekends and the statutory
    holidays, marked 暂定 with the reason on the case page, in the lists and in the API; it
    becomes final when the administrator enters the arrangement."""
    from tests.web.test_permissions import client_for

    today_is(monkeypatch, D(2027, 2, 1))
    app = make_case(D(2027, 1, 29))
    clock = clock_of(app, D(2027, 2, 1))
    # Feb 1–4 (4), 除夕 Fri 5, weekend, 初三 Mon 8, Feb 9–12 (8), 15–19 (13), 22–26 (18), Mar 1–2
    assert clock.reply.due == D(2027, 3, 2) and clock.reply.calendar_provisional
    assert any("春节放假2月5日至8日" in s for s in clock.reply.steps)

    clerk = client_for(people["clerk"])
    page = clerk.get(f"/cases/{app.pk}/").content.decode()
    assert "2027-03-02" in page and 'id="calendar-provisional"' in page
    assert "暂定：2027年的节假日安排（调休）尚未公布" in page
    detail = clerk.get(f"/api/cases/{app.pk}").json()["deadline"]
    assert detail["due"] == "2027-03-02" and detail["calendar_provisional"] is True
    assert "未计调休上班日和补假" in detail["calendar_note"]
    assert detail["provisional"] is False  # 暂计 is something else: a consultation, a fee

    rows = selectors.due_soon_cases(people["clerk"], D(2027, 2, 24))
    assert [r.application.pk for r in rows] == [app.pk]
    soon = clerk.get("/api/deadlines/soon").json()
    assert all("calendar_provisional" in row for row in soon)

    enter_arrangement(people["admin"], **ARRANGEMENT_2027)
    final = clock_of(app, D(2027, 2, 1))
    assert final.reply.due == D(2027, 3, 5) and not final.reply.calendar_provisional
    page = clerk.get(f"/cases/{app.pk}/").content.decode()
    assert "2027-03-05" in page and 'id="calendar-provisional"' not in page


def test_the_deadline_table_marks_provisional_rows(people, make_case, monkeypatch):
    from django.template.loader import render_to_string

    today_is(monkeypatch, D(2026, 12, 18))
    app = make_case(D(2026, 12, 18))
    rows = selectors.due_soon_cases(people["clerk"], D(2027, 1, 14))
    assert [r.application.pk for r in rows] == [app.pk]
    html = render_to_string("applications/deadline_table.jinja", {"rows": rows})
    assert "2027-01-18" in html and 'class="badge provisional"' in html and "暂定" in html


def test_beyond_the_provisional_years_nothing_is_guessed(people, make_case, monkeypatch):
    today_is(monkeypatch, D(2028, 12, 15))
    app = make_case(D(2028, 12, 15))  # 2027 and 2028 provisional, 2029 unknown
    clock = clock_of(app, D(2028, 12, 15))
    assert clock.reply is None and "2029年的节假日安排尚未录入" in clock.error


def test_the_calendar_page_lists_the_provisional_years(people):
    from tests.web.test_permissions import client_for

    page = client_for(people["admin"]).get("/calendar/").content.decode()
    assert 'id="provisional-years"' in page and "2027年" in page and "2028年" in page
    assert "2027-02-05 至 2027-02-08" in page and "2027-09-15" in page


def test_register_timeliness_is_never_estimated(people):
    """The annual report's timeliness figures use the final calendar only."""
    from gongkai.web.workdays.selectors import current_calendar, final_calendar

    assert 2027 in current_calendar().provisional
    assert 2027 not in final_calendar().provisional and 2027 not in final_calendar().years
