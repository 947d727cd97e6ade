"""Shared fixtures: the official calendar (package data), and a hand-entered 2027."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.procedure.workdays import Calendar, RestPeriod, YearArrangement, official_calendar

# A made-up 2027 arrangement, shaped like the State Council notices, as an administrator would
# enter it before chinesecalendar has the real one. Test data only: not the official 2027 plan.
ARRANGEMENT_2027 = YearArrangement(
    year=2027,
    rest_periods=(
        RestPeriod("元旦", date(2027, 1, 1), date(2027, 1, 3)),
        RestPeriod("春节", date(2027, 2, 5), date(2027, 2, 12)),
        RestPeriod("清明节", date(2027, 4, 3), date(2027, 4, 5)),
        RestPeriod("劳动节", date(2027, 5, 1), date(2027, 5, 5)),
        RestPeriod("端午节", date(2027, 6, 9), date(2027, 6, 11)),
        RestPeriod("中秋节", date(2027, 9, 15), date(2027, 9, 17)),
        RestPeriod("国庆节", date(2027, 10, 1), date(2027, 10, 7)),
    ),
    makeup_workdays=(
        date(2027, 2, 20),  # Saturday
        date(2027, 4, 25),  # Sunday
        date(2027, 9, 26),  # Sunday
        date(2027, 10, 9),  # Saturday
    ),
    source="测试用假定安排（非国务院办公厅正式通知）",
)


@pytest.fixture(scope="session")
def cal() -> Calendar:
    return official_calendar()


@pytest.fixture(scope="session")
def cal2027() -> Calendar:
    return official_calendar([ARRANGEMENT_2027])
