"""The working-day calendar and deadline arithmetic: every worked example of docs/law.md#calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.procedure.errors import CalendarDataError, CalendarNotAvailable, ProcedureError
from gongkai.procedure.workdays import (
    Calendar,
    Extension,
    Pause,
    RestPeriod,
    YearArrangement,
    add_calendar_days,
    add_months,
    add_workdays,
    calendar_from_arrangements,
)

from .conftest import ARRANGEMENT_2027

D = date.fromisoformat

# docs/law.md#counting-days, worked examples: received_on → +7, +15, +20, +40 working days
SPEC_4_3 = [
    ("2025-01-24", "2025-02-10", "2025-02-20", "2025-02-27", "2025-03-27"),
    ("2025-04-30", "2025-05-14", "2025-05-26", "2025-06-03", "2025-07-01"),
    ("2025-09-26", "2025-10-13", "2025-10-23", "2025-10-30", "2025-11-27"),
    ("2025-09-30", "2025-10-16", "2025-10-28", "2025-11-04", "2025-12-02"),
    ("2025-12-31", "2026-01-12", "2026-01-22", "2026-01-29", "2026-03-04"),
    ("2026-01-30", "2026-02-10", "2026-02-27", "2026-03-05", "2026-04-02"),
    ("2026-09-18", "2026-09-29", "2026-10-15", "2026-10-22", "2026-11-19"),
]


@pytest.mark.parametrize("row", SPEC_4_3, ids=[r[0] for r in SPEC_4_3])
@pytest.mark.parametrize("column,days", [(1, 7), (2, 15), (3, 20), (4, 40)])
def test_spec_4_3_worked_examples(
    cal: Calendar, row: tuple[str, ...], column: int, days: int
) -> None:
    assert add_workdays(cal, D(row[0]), days).due == D(row[column])


@pytest.mark.parametrize("row", SPEC_4_3, ids=[r[0] for r in SPEC_4_3])
def test_spec_4_3_forty_is_twenty_plus_extension(cal: Calendar, row: tuple[str, ...]) -> None:
    extended = add_workdays(cal, D(row[0]), 20, extension=Extension(20, "经批准"))
    assert extended.due == D(row[4])
    assert extended.count == 40


def test_explanation_of_the_national_day_example(cal: Calendar) -> None:
    deadline = add_workdays(cal, D("2025-09-30"), 20)
    assert deadline.steps == (
        "2025年9月30日收到申请（星期二）",
        "自次日起计算，收到申请当日不计入",
        "国庆节、中秋节放假10月1日至8日，不计入",
        "10月11日（星期六）调休上班，计入",
        "第20个工作日为2025年11月4日（星期二）",
    )
    assert deadline.explanation.splitlines()[0] == "1. 2025年9月30日收到申请（星期二）"


def test_explanation_of_the_spring_festival_example(cal: Calendar) -> None:
    deadline = add_workdays(cal, D("2025-01-24"), 20)
    assert deadline.steps == (
        "2025年1月24日收到申请（星期五）",
        "自次日起计算，收到申请当日不计入",
        "1月26日（星期日）调休上班，计入",
        "春节放假1月28日至2月4日，不计入",
        "2月8日（星期六）调休上班，计入",
        "第20个工作日为2025年2月27日（星期四）",
    )


def test_year_boundary_is_written_in_full(cal: Calendar) -> None:
    steps = add_workdays(cal, D("2025-12-31"), 20).steps
    assert "元旦放假2026年1月1日至3日，不计入" in steps
    assert "2026年1月4日（星期日）调休上班，计入" in steps


# ---------------------------------------------------------------- receipt on a rest day


def test_receipt_on_a_holiday_counts_from_the_next_working_day(cal: Calendar) -> None:
    # docs/law.md#counting-days: received Sat 2025-10-04, inside the National Day break
    deadline = add_workdays(cal, D("2025-10-04"), 20)
    assert deadline.due == D("2025-11-04")
    assert deadline.steps[0] == "2025年10月4日收到申请（星期六，国庆节放假）"
    assert "国庆节、中秋节放假10月5日至8日，不计入" in deadline.steps


def test_receipt_on_a_holiday_with_the_next_workday_rule(cal: Calendar) -> None:
    deadline = add_workdays(cal, D("2025-10-04"), 20, rest_day_rule="next_workday")
    assert deadline.due == D("2025-11-05")
    assert "按本机关规则视为10月9日（星期四）收到申请" in deadline.steps[1]


def test_receipt_on_a_makeup_saturday_is_a_working_day(cal: Calendar) -> None:
    # docs/law.md#counting-days: 2026-02-14 is a make-up Saturday, so it is the receipt day as it is (not
    # counted, like any receipt day); 15–23 Feb are the Spring Festival break, day 1 is Tue 24 Feb
    assert cal.is_workday(D("2026-02-14"))
    deadline = add_workdays(cal, D("2026-02-14"), 20)
    assert deadline.steps[0] == "2026年2月14日收到申请（星期六，调休上班日）"
    assert deadline.steps[2] == "春节放假2月15日至23日，不计入"
    assert "2月28日（星期六）调休上班，计入" in deadline.steps
    # Feb 24–27 (4), Sat 28 (5), Mar 2–6 (10), 9–13 (15), 16–20 (20)
    assert deadline.due == D("2026-03-20")
    # the next_workday rule changes nothing for a receipt on a working day
    assert add_workdays(cal, D("2026-02-14"), 20, rest_day_rule="next_workday").due == deadline.due


def test_receipt_on_an_ordinary_sunday(cal: Calendar) -> None:
    deadline = add_workdays(cal, D("2025-03-02"), 1)
    assert deadline.steps[0] == "2025年3月2日收到申请（星期日，休息日）"
    assert deadline.due == D("2025-03-03")


# ---------------------------------------------------------------- the calendar itself


SPEC_4_1 = {
    2025: (
        [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
         ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")],
        ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    ),
    2026: (
        [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
         ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
         ("2026-10-01", "2026-10-07")],
        ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(SPEC_4_1))
def test_spec_4_1_official_schedules(cal: Calendar, year: int) -> None:
    periods, makeups = SPEC_4_1[year]
    rest = {D(a) + timedelta(days=i) for a, b in periods for i in range((D(b) - D(a)).days + 1)}
    day = date(year, 1, 1)
    while day.year == year:
        expected = day in {D(m) for m in makeups} or (day.weekday() < 5 and day not in rest)
        assert cal.is_workday(day) is expected, day
        day += timedelta(days=1)


def test_package_years_and_refusal_outside_them(cal: Calendar) -> None:
    assert min(cal.years) == 2004 and max(cal.years) == 2026
    with pytest.raises(CalendarNotAvailable) as info:
        cal.is_workday(D("2027-01-04"))
    assert info.value.year == 2027
    assert info.value.rule == "CALENDAR-YEAR-UNKNOWN"
    assert "2027年的节假日安排尚未录入" in str(info.value)
    assert "2004年至2026年" in str(info.value)
    with pytest.raises(CalendarNotAvailable):
        cal.is_workday(D("2003-12-31"))


def test_deadline_running_into_an_unknown_year_is_refused(cal: Calendar) -> None:
    with pytest.raises(CalendarNotAvailable):
        add_workdays(cal, D("2026-12-18"), 20)


def test_a_year_entered_by_hand(cal2027: Calendar) -> None:
    assert 2027 in cal2027.years
    assert cal2027.sources[2027] == ARRANGEMENT_2027.source
    assert not cal2027.is_workday(D("2027-02-08"))  # a Monday inside the break
    assert cal2027.is_workday(D("2027-02-20"))  # make-up Saturday
    assert cal2027.holiday_name(D("2027-02-06")) == "春节"
    # received Fri 2027-01-29: Feb 1–4 (4), break 5–12, Feb 15–19 (9), Sat 20 (10),
    # Feb 22–26 (15), Mar 1–5 (20)
    deadline = add_workdays(cal2027, D("2027-01-29"), 20)
    assert deadline.due == D("2027-03-05")
    assert "春节放假2月5日至12日，不计入" in deadline.steps
    assert "2月20日（星期六）调休上班，计入" in deadline.steps
    assert add_workdays(cal2027, D("2027-01-29"), 7).due == D("2027-02-17")


def test_a_deadline_across_into_a_year_entered_by_hand(cal2027: Calendar) -> None:
    # Dec 21–25 (5), 28–31 (9), 元旦 1–3 Jan, Jan 4–8 (14), 11–15 (19), Mon 18 (20)
    assert add_workdays(cal2027, D("2026-12-18"), 20).due == D("2027-01-18")


def test_the_base_calendar_is_not_changed_by_overrides(cal: Calendar, cal2027: Calendar) -> None:
    assert 2027 not in cal.years
    assert cal2027 is not cal


def test_an_amendment_adds_a_local_holiday(cal: Calendar) -> None:
    local = YearArrangement(
        2025,
        rest_periods=(RestPeriod("古尔邦节", D("2025-06-06"), D("2025-06-06")),),
        source="自治区规定",
        amends=True,
    )
    regional = cal.with_arrangements([local])
    assert cal.is_workday(D("2025-06-06"))
    assert not regional.is_workday(D("2025-06-06"))
    assert "古尔邦节放假6月6日，不计入" in add_workdays(regional, D("2025-06-05"), 1).steps


def test_a_complete_arrangement_replaces_the_package_year(cal: Calendar) -> None:
    bare = cal.with_arrangements([YearArrangement(2025, source="仅周末")])
    assert bare.is_workday(D("2025-10-01"))
    assert not bare.is_workday(D("2025-10-11"))  # no make-up day any more
    assert not cal.is_workday(D("2025-10-01"))


def test_a_calendar_from_arrangements_only() -> None:
    only = calendar_from_arrangements([ARRANGEMENT_2027])
    assert only.years == frozenset({2027})
    with pytest.raises(CalendarNotAvailable) as info:
        only.is_workday(D("2026-06-01"))
    assert "已知年份为2027年至2027年" in str(info.value)
    with pytest.raises(CalendarNotAvailable) as empty:
        calendar_from_arrangements([]).is_workday(D("2026-06-01"))
    assert "尚无任何年份的数据" in str(empty.value)


@pytest.mark.parametrize(
    "arrangements,rule",
    [
        ([YearArrangement(2027, makeup_workdays=(D("2027-02-22"),))], "CALENDAR-MAKEUP-WEEKDAY"),
        (
            [
                YearArrangement(
                    2027, rest_periods=(RestPeriod("春节", D("2027-02-12"), D("2027-02-05")),)
                )
            ],
            "CALENDAR-DATA",
        ),
        (
            [
                YearArrangement(
                    2027, rest_periods=(RestPeriod("春节", D("2029-02-05"), D("2029-02-06")),)
                )
            ],
            "CALENDAR-DATA",
        ),
        (
            [
                YearArrangement(
                    2027, rest_periods=(RestPeriod(" ", D("2027-02-05"), D("2027-02-06")),)
                )
            ],
            "CALENDAR-DATA",
        ),
        (
            [
                YearArrangement(
                    2027,
                    rest_periods=(RestPeriod("春节", D("2027-02-05"), D("2027-02-07")),),
                    makeup_workdays=(D("2027-02-06"),),
                )
            ],
            "CALENDAR-DATA",
        ),
        ([YearArrangement(2027), YearArrangement(2027)], "CALENDAR-DATA"),
        ([YearArrangement(2028, amends=True)], "CALENDAR-AMEND-UNKNOWN-YEAR"),
    ],
)
def test_bad_arrangements_are_refused(
    cal: Calendar, arrangements: list[YearArrangement], rule: str
) -> None:
    with pytest.raises(CalendarDataError) as info:
        cal.with_arrangements(arrangements)
    assert info.value.rule == rule


def test_overlapping_periods_join_their_names() -> None:
    only = calendar_from_arrangements(
        [
            YearArrangement(
                2027,
                rest_periods=(
                    RestPeriod("国庆节", D("2027-10-01"), D("2027-10-07")),
                    RestPeriod("中秋节", D("2027-10-05"), D("2027-10-05")),
                ),
            )
        ]
    )
    assert only.holiday_name(D("2027-10-05")) == "国庆节、中秋节"


def test_workdays_between_and_next_workday(cal: Calendar) -> None:
    assert cal.workdays_between(D("2025-09-29"), D("2025-10-12")) == 5  # 29, 30 Sep; 9–11 Oct
    assert cal.next_workday(D("2025-09-30")) == D("2025-10-09")


# ---------------------------------------------------------------- pauses and extension


def test_a_pause_moves_the_due_date_and_says_so(cal: Calendar) -> None:
    # received Mon 2025-03-03; plain: Mar 31. Paused Mar 10–14 (5 working days):
    # Mar 4–7 (4), 17–21 (9), 24–28 (14), 31 (15), Apr 1–3 (18), 清明 4–6, Apr 7–8 (20)
    plain = add_workdays(cal, D("2025-03-03"), 20)
    assert plain.due == D("2025-03-31")
    paused = add_workdays(
        cal,
        D("2025-03-03"),
        20,
        pauses=[
            Pause(D("2025-03-10"), D("2025-03-14"), "征求第三方意见（甲公司）", "第三十三条第三款")
        ],
    )
    assert paused.due == D("2025-04-08")
    assert (
        "3月10日至14日征求第三方意见（甲公司），其间5个工作日不计入（第三十三条第三款）"
        in paused.steps
    )
    assert "清明节放假4月4日至6日，不计入" in paused.steps


def test_overlapping_pauses_count_each_day_once(cal: Calendar) -> None:
    one = add_workdays(
        cal, D("2025-03-03"), 20, pauses=[Pause(D("2025-03-10"), D("2025-03-14"), "甲")]
    )
    two = add_workdays(
        cal,
        D("2025-03-03"),
        20,
        pauses=[
            Pause(D("2025-03-10"), D("2025-03-14"), "甲"),
            Pause(D("2025-03-12"), D("2025-03-13"), "乙"),
        ],
    )
    assert one.due == two.due


def test_a_pause_before_the_start_changes_nothing(cal: Calendar) -> None:
    plain = add_workdays(cal, D("2025-03-03"), 20)
    early = add_workdays(
        cal, D("2025-03-03"), 20, pauses=[Pause(D("2025-02-01"), D("2025-03-03"), "甲")]
    )
    assert early.due == plain.due
    assert not any("甲" in step for step in early.steps)


def test_extension_steps(cal: Calendar) -> None:
    deadline = add_workdays(
        cal,
        D("2025-09-30"),
        20,
        extension=Extension(20, "经负责人批准并告知申请人", "第三十三条第二款"),
    )
    assert deadline.due == D("2025-12-02")
    assert deadline.steps[-3:] == (
        "第20个工作日为2025年11月4日（星期二），原期限届满",
        "经负责人批准并告知申请人，延长20个工作日（第三十三条第二款）",
        "第40个工作日为2025年12月2日（星期二）",
    )


def test_period_length_must_be_positive(cal: Calendar) -> None:
    with pytest.raises(ProcedureError):
        add_workdays(cal, D("2025-03-03"), 0)
    with pytest.raises(ProcedureError):
        add_workdays(cal, D("2025-03-03"), 20, extension=Extension(0, ""))
    with pytest.raises(ProcedureError):
        add_calendar_days(cal, D("2025-03-03"), 0, event="x")
    with pytest.raises(ProcedureError):
        add_months(cal, D("2025-03-03"), 0, event="x")


# ---------------------------------------------------------------- calendar-day periods


def test_sixty_calendar_days_rolling_over_a_weekend(cal: Calendar) -> None:
    deadline = add_calendar_days(cal, D("2025-11-04"), 60, event="收到答复")
    # day 60 is Sat 2026-01-03 (元旦 break); Sun 4 Jan is a make-up working day
    assert deadline.due == D("2026-01-04")
    assert deadline.unit == "calendar_day"
    assert "第60日为2026年1月3日（星期六）" in deadline.steps
    assert "民法典》第二百零三条" in deadline.steps[-1]


def test_calendar_days_without_roll_forward(cal: Calendar) -> None:
    assert add_calendar_days(cal, D("2025-11-04"), 60, event="x", roll_forward=False).due == D(
        "2026-01-03"
    )


def test_sixty_days_landing_on_a_working_day(cal: Calendar) -> None:
    deadline = add_calendar_days(cal, D("2025-03-03"), 60, event="收到答复")
    assert deadline.due == D("2025-05-06")  # day 60 is Fri 2 May, inside 劳动节 1–5 May


def test_six_months(cal: Calendar) -> None:
    assert add_months(cal, D("2025-03-03"), 6, event="收到答复").due == D("2025-09-03")
    # no corresponding day: the month's last day (Feb 28 2026, a make-up Saturday: no roll)
    end_of_month = add_months(cal, D("2025-08-31"), 6, event="收到答复")
    assert end_of_month.due == D("2026-02-28")
    assert end_of_month.unit == "month"
    # lands in the National Day break 2025: rolls to Thu 9 Oct
    assert add_months(cal, D("2025-04-01"), 6, event="收到答复").due == D("2025-10-09")
    # Nov 30 + 3 months: no Feb 30, so Feb 28 2026, a make-up Saturday: a working day, no roll
    assert add_months(cal, D("2025-11-30"), 3, event="x").due == D("2026-02-28")
