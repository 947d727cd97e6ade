"""A provisional calendar for a year whose 调休 is not published yet (2027 on 2026-12-06).

The statutory holidays of the 2025 放假办法 (docs/law.md#holidays) on weekends, nothing else; every
deadline touching such a year is marked 暂定 with the reason, and becomes final when the year's
arrangement is entered.

How the 2027 dates were checked (2026-12-06): ``lunar_python`` 1.4.8 (the package we use) gives
春节 2027-02-06 (除夕 02-05), 清明 04-05 (08:17 Beijing time), 端午 06-09, 中秋 09-15. The same
dates came from ``lunardate`` 0.3.0 (an independent table-based converter), 清明 also from
``chinesecalendar``'s solar-term formula (equal to lunar_python's for every year 1950–2099) and
from an astronomical computation with ``ephem`` 4.2.1 (sun at 15°: 2027-04-05 08:13). For
2008–2026 the lunar dates are checked below against the official arrangements that
``chinesecalendar`` carries.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.procedure.errors import CalendarDataError, CalendarNotAvailable
from gongkai.procedure.holidays import FestivalDates, statutory_arrangement
from gongkai.procedure.lunar import festival_dates, provisional_arrangements
from gongkai.procedure.workdays import (
    Calendar,
    add_calendar_days,
    add_months,
    add_workdays,
    official_calendar,
)

from .conftest import ARRANGEMENT_2027

D = date.fromisoformat


@pytest.fixture(scope="module")
def prov() -> Calendar:
    """The package's years, and 2027–2028 provisionally."""
    return official_calendar(provisional=provisional_arrangements([2027, 2028]))


def test_2027_festival_dates() -> None:
    f = festival_dates(2027)
    assert f.spring_festival == D("2027-02-06")
    assert f.qingming == D("2027-04-05")
    assert f.dragon_boat == D("2027-06-09")
    assert f.mid_autumn == D("2027-09-15")
    assert f.source.startswith("lunar_python ")


def test_the_13_statutory_days_of_2027() -> None:
    arrangement = statutory_arrangement(festival_dates(2027))
    days = {(p.name, d) for p in arrangement.rest_periods for d in p.days()}
    assert len(days) == 13
    assert {d for name, d in days if name == "春节"} == {
        D("2027-02-05"),  # 除夕
        D("2027-02-06"),
        D("2027-02-07"),
        D("2027-02-08"),
    }
    assert ("清明节", D("2027-04-05")) in days
    assert {d for name, d in days if name == "劳动节"} == {D("2027-05-01"), D("2027-05-02")}
    assert {d for name, d in days if name == "国庆节"} == {
        D("2027-10-01"),
        D("2027-10-02"),
        D("2027-10-03"),
    }
    assert arrangement.makeup_workdays == ()
    assert "全国年节及纪念日放假办法" in arrangement.source


@pytest.mark.parametrize("year", range(2008, 2027))
def test_lunar_dates_agree_with_the_official_arrangements(year: int) -> None:
    """Each festival day computed from the lunar calendar was a rest day of that year's State
    Council arrangement, under that holiday's name. Two known quirks of the data: in 2012 端午
    (Sat 23 June) is a plain weekend day in the package's table; in 2020 中秋 fell on 1 October
    and is listed as 国庆节."""
    cal = official_calendar()
    f = festival_dates(year)
    for day, name in (
        (f.spring_festival, "春节"),
        (f.qingming, "清明节"),
        (f.dragon_boat, "端午节"),
        (f.mid_autumn, "中秋节"),
    ):
        assert not cal.is_workday(day), (year, name, day)
        listed = cal.holiday_name(day)
        if (year, name) == (2012, "端午节"):
            assert listed is None and day.weekday() == 5
        elif (year, name) == (2020, "中秋节"):
            assert listed == "国庆节" and day == D("2020-10-01")
        else:
            assert listed is not None and name in listed, (year, name, day, listed)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rule_gives_a_subset_of_the_real_rest_days(year: int) -> None:
    """Under the 2025 rule, every statutory day was a rest day of the published arrangement."""
    cal = official_calendar()
    for period in statutory_arrangement(festival_dates(year)).rest_periods:
        for day in period.days():
            assert not cal.is_workday(day), (period.name, day)


def test_bad_festival_dates_are_refused() -> None:
    good = festival_dates(2027)
    with pytest.raises(CalendarDataError):
        statutory_arrangement(
            FestivalDates(2027, D("2027-03-06"), good.qingming, good.dragon_boat, good.mid_autumn)
        )
    with pytest.raises(CalendarDataError):  # the 13-day rule applies from 2025 only
        statutory_arrangement(festival_dates(2024))


# ---------------------------------------------------------------- worked examples, 2027


def test_new_year_across_the_year_boundary(prov: Calendar) -> None:
    # Dec 21–25 (5), 28–31 (9), 元旦 Fri 1 Jan, Jan 4–8 (14), 11–15 (19), Mon 18 (20)
    deadline = add_workdays(prov, D("2026-12-18"), 20)
    assert deadline.due == D("2027-01-18")
    assert deadline.calendar_provisional
    assert "2027年的节假日安排（调休）尚未公布" in deadline.calendar_note
    assert "元旦放假2027年1月1日，不计入" in deadline.steps
    assert deadline.steps[-1].startswith("暂定：")


def test_spring_festival(prov: Calendar) -> None:
    # Feb 1–4 (4), 除夕 Fri 5, weekend, 初三 Mon 8, Feb 9–12 (8), 15–19 (13), 22–26 (18),
    # Mar 1 (19), Mar 2 (20)
    deadline = add_workdays(prov, D("2027-01-29"), 20)
    assert deadline.due == D("2027-03-02")
    assert "春节放假2月5日至8日，不计入" in deadline.steps
    assert add_workdays(prov, D("2027-01-29"), 7).due == D("2027-02-11")
    # the hand-entered arrangement (an 8-day break and a make-up Saturday) makes it final:
    final = official_calendar([ARRANGEMENT_2027], provisional_arrangements([2027]))
    deadline = add_workdays(final, D("2027-01-29"), 20)
    assert deadline.due == D("2027-03-05") and not deadline.calendar_provisional
    assert not any(s.startswith("暂定") for s in deadline.steps)


def test_qingming(prov: Calendar) -> None:
    # Mar 29–Apr 2 (5), 清明 Mon 5 Apr, Apr 6 (6), Apr 7 (7)
    deadline = add_workdays(prov, D("2027-03-26"), 7)
    assert deadline.due == D("2027-04-07")
    assert "清明节放假4月5日，不计入" in deadline.steps


def test_labour_day_on_a_weekend_moves_nothing_provisionally(prov: Calendar) -> None:
    """1–2 May 2027 are a Saturday and a Sunday: without the notice (补假, 调休) the provisional
    date does not move, and says so."""
    deadline = add_workdays(prov, D("2027-04-23"), 7)
    assert deadline.due == D("2027-05-04")
    assert "劳动节放假5月1日至2日，不计入" in deadline.steps
    assert "未计调休上班日和补假" in deadline.calendar_note


def test_dragon_boat(prov: Calendar) -> None:
    # Jun 7–8 (2), 端午 Wed 9, Jun 10–11 (4), 14–16 (7)
    deadline = add_workdays(prov, D("2027-06-04"), 7)
    assert deadline.due == D("2027-06-16")
    assert "端午节放假6月9日，不计入" in deadline.steps


def test_mid_autumn_and_national_day(prov: Calendar) -> None:
    # Sep 13–14 (2), 中秋 Wed 15, 16–17 (4), 20–24 (9), 27–30 (13), 国庆 1–3 Oct,
    # Oct 4–8 (18), 11–12 (20)
    deadline = add_workdays(prov, D("2027-09-10"), 20)
    assert deadline.due == D("2027-10-12")
    assert "中秋节放假9月15日，不计入" in deadline.steps
    assert "国庆节放假10月1日至3日，不计入" in deadline.steps


def test_into_2028_names_both_years(prov: Calendar) -> None:
    # Dec 27–31 (5), 元旦 Sat 1 Jan 2028, Jan 3–7 (10), 10–14 (15), 17–21 (20)
    deadline = add_workdays(prov, D("2027-12-24"), 20)
    assert deadline.due == D("2028-01-21")
    assert deadline.calendar_note.startswith("2027年、2028年的节假日安排")


def test_calendar_day_periods_say_when_they_rest_on_a_provisional_year(prov: Calendar) -> None:
    # the 60th day is 除夕, Fri 5 Feb 2027: the period ends on the next working day (民法典
    # art. 203), provisionally Tue 9 Feb; with the entered 8-day break, Mon 15 Feb
    sixty = add_calendar_days(prov, D("2026-12-07"), 60, event="收到答复")
    assert sixty.due == D("2027-02-09") and sixty.calendar_provisional
    assert sixty.steps[-1].startswith("暂定：")
    final = prov.with_arrangements([ARRANGEMENT_2027])
    assert add_calendar_days(final, D("2026-12-07"), 60, event="收到答复").due == D("2027-02-15")


def test_final_years_carry_no_note(prov: Calendar) -> None:
    deadline = add_workdays(prov, D("2025-09-30"), 20)
    assert deadline.due == D("2025-11-04") and deadline.calendar_note == ""
    assert not add_months(prov, D("2025-03-03"), 6, event="收到答复").calendar_provisional


def test_a_known_year_is_never_overridden_by_a_provisional_one() -> None:
    cal = official_calendar(provisional=provisional_arrangements([2026, 2027]))
    assert 2026 not in cal.provisional and 2027 in cal.provisional
    assert cal.is_workday(D("2026-02-14"))  # the published make-up Saturday stays
    assert not cal.is_workday(D("2026-02-23"))  # and the 9-day break
    assert add_workdays(cal, D("2026-09-18"), 20).calendar_note == ""


def test_years_beyond_the_provisional_ones_are_still_refused(prov: Calendar) -> None:
    assert prov.years == official_calendar().years  # provisional years are not "known"
    with pytest.raises(CalendarNotAvailable):
        prov.is_workday(D("2029-01-02"))


def test_entering_the_arrangement_replaces_the_provisional_year(prov: Calendar) -> None:
    final = prov.with_arrangements([ARRANGEMENT_2027])
    assert 2027 in final.years and 2027 not in final.provisional and 2028 in final.provisional
    assert not final.is_workday(D("2027-02-10"))  # inside the entered 8-day break
    assert final.is_workday(D("2027-02-20"))  # the entered make-up Saturday
    assert prov.is_workday(D("2027-02-10")) and not prov.is_workday(D("2027-02-20"))


def test_one_rest_day_of_each_provisional_holiday(prov: Calendar) -> None:
    day, names = D("2027-01-01"), set()
    while day.year == 2027:
        if name := prov.holiday_name(day):
            names.add(name)
        day += timedelta(days=1)
    assert names == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
