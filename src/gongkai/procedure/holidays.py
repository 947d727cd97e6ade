"""The statutory holidays of a year, for a provisional calendar (docs/law.md#holidays).

《全国年节及纪念日放假办法》 as revised by State Council Order No. 795 (in force 2025-01-01),
art. 2: holidays for all citizens are 元旦 (1 January), 春节 (4 days: 除夕 and the first three
days of the first lunar month), 清明节 (the day of the solar term 清明), 劳动节 (1–2 May), 端午节
(the 5th of the 5th lunar month), 中秋节 (the 15th of the 8th lunar month) and 国庆节 (1–3
October): 13 days.

Before the State Council publishes a year's arrangement (调休), a deadline in that year can only
be estimated. :func:`statutory_arrangement` gives the rest days that are certain to be rest days
— weekends are rest days anyway — and nothing else: no 调休 make-up working day (unknowable), no
补假 for a holiday falling on a weekend (art. 6; where it is placed is decided by the notice).
The dates of the lunar festivals and of 清明 are passed in (:class:`FestivalDates`), so this module
is pure; :mod:`gongkai.procedure.lunar` computes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.procedure.errors import CalendarDataError
from gongkai.procedure.workdays import RestPeriod, YearArrangement

HOLIDAY_MEASURES = "《全国年节及纪念日放假办法》（国务院令第795号修订，2025年1月1日起施行）第二条"
FIRST_YEAR = 2025  # the 13-day rule (除夕 and 2 May added by the 2024 revision)


@dataclass(frozen=True)
class FestivalDates:
    """The Gregorian dates of one year's movable holidays."""

    year: int
    spring_festival: date  # 正月初一
    qingming: date  # the day the sun reaches 15° (清明), Beijing time
    dragon_boat: date  # 五月初五
    mid_autumn: date  # 八月十五
    source: str = ""  # where the dates come from (package and version)


# the ranges these dates can fall in; a date outside is bad data, never a holiday
_BOUNDS = {
    "spring_festival": ((1, 21), (2, 20)),
    "qingming": ((4, 3), (4, 6)),
    "dragon_boat": ((5, 27), (6, 25)),
    "mid_autumn": ((9, 7), (10, 8)),
}


def _check(festivals: FestivalDates) -> None:
    for name, (low, high) in _BOUNDS.items():
        day: date = getattr(festivals, name)
        first, last = date(festivals.year, *low), date(festivals.year, *high)
        if not first <= day <= last:
            raise CalendarDataError(
                f"{festivals.year}年的节日日期有误：{name} = {day.isoformat()}，"
                f"应在{first.isoformat()}至{last.isoformat()}之间",
                rule="CALENDAR-FESTIVAL-DATE",
            )


def statutory_arrangement(festivals: FestivalDates) -> YearArrangement:
    """The year's statutory rest days (art. 2 of the 放假办法, 2025 revision) as a provisional
    arrangement: rest periods only, no make-up working days."""
    year = festivals.year
    if year < FIRST_YEAR:
        raise CalendarDataError(
            f"{year}年适用修订前的放假办法，不能按现行规定推算", rule="CALENDAR-PROVISIONAL"
        )
    _check(festivals)
    eve = festivals.spring_festival - timedelta(days=1)
    periods = (
        RestPeriod("元旦", date(year, 1, 1), date(year, 1, 1)),
        RestPeriod("春节", eve, festivals.spring_festival + timedelta(days=2)),
        RestPeriod("清明节", festivals.qingming, festivals.qingming),
        RestPeriod("劳动节", date(year, 5, 1), date(year, 5, 2)),
        RestPeriod("端午节", festivals.dragon_boat, festivals.dragon_boat),
        RestPeriod("中秋节", festivals.mid_autumn, festivals.mid_autumn),
        RestPeriod("国庆节", date(year, 10, 1), date(year, 10, 3)),
    )
    source = f"暂定：{HOLIDAY_MEASURES}"
    if festivals.source:
        source += f"；农历及节气日期：{festivals.source}"
    return YearArrangement(year, periods, (), source)
