"""The 20-working-day limit of art. 26 on the official calendar: 国庆节、中秋节 2025 (rest from
1 to 8 October, make-up working days Sunday 28 September and Saturday 11 October)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.procedure.workdays import calendar_from_arrangements, official_calendar
from gongkai.web.registers import selectors
from gongkai.web.registers.services import catalogue
from gongkai.web.registers.timeliness import timeliness, workdays_used

CAL = official_calendar()
REVIEW = {"reviewer": "王建国", "review_conclusion": "release"}


def test_working_days_used_skip_the_holiday_and_count_the_make_up_days():
    # created Fri 26 Sep: Sun 28 Sep (make-up) is day 1, 29 and 30 Sep days 2 and 3, the
    # break 1–8 Oct is not counted, Thu 9 Oct is day 4, Sat 11 Oct (make-up) day 6
    assert workdays_used(CAL, date(2025, 9, 26), date(2025, 9, 28)) == 1
    assert workdays_used(CAL, date(2025, 9, 26), date(2025, 10, 8)) == 3
    assert workdays_used(CAL, date(2025, 9, 26), date(2025, 10, 11)) == 6
    assert workdays_used(CAL, date(2025, 9, 26), date(2025, 10, 30)) == 20
    assert workdays_used(CAL, date(2025, 9, 26), date(2025, 9, 26)) == 0


@pytest.mark.parametrize(
    "created, limit",
    [
        (date(2025, 9, 26), date(2025, 10, 30)),  # docs/law.md#counting-days worked examples
        (date(2025, 9, 30), date(2025, 11, 4)),
        (date(2025, 10, 4), date(2025, 11, 4)),  # created on a rest day inside the break
        (date(2025, 1, 24), date(2025, 2, 27)),  # before the Spring Festival
    ],
)
def test_the_limit_is_the_twentieth_working_day_after_creation(created, limit):
    t = timeliness(CAL, created, None, created)
    assert t.limit == limit and not t.overdue


def test_published_on_the_twentieth_working_day_is_on_time_the_next_is_late():
    created = date(2025, 9, 26)
    on_time = timeliness(CAL, created, date(2025, 10, 30), date(2025, 12, 1))
    late = timeliness(CAL, created, date(2025, 10, 31), date(2025, 12, 1))
    assert (on_time.workdays, on_time.late) == (20, False)
    assert (late.workdays, late.late) == (21, True)
    # 35 calendar days, yet on time: a count of calendar days or of weekdays would be wrong
    assert (date(2025, 10, 31) - created).days == 35


def test_unpublished_entry_is_overdue_from_its_twenty_first_working_day():
    created = date(2025, 9, 26)
    assert not timeliness(CAL, created, None, date(2025, 10, 30)).overdue
    assert not timeliness(CAL, created, None, date(2025, 10, 30)).late
    assert timeliness(CAL, created, None, date(2025, 10, 31)).overdue


def test_a_withheld_entry_is_never_overdue():
    t = timeliness(CAL, date(2025, 1, 6), None, date(2025, 12, 1), withheld=True)
    assert t.withheld and not t.overdue and not t.flagged


def test_a_year_missing_from_the_calendar_is_not_guessed():
    no_years = calendar_from_arrangements([])
    t = timeliness(no_years, date(2025, 9, 26), None, date(2025, 10, 31))
    assert t.error and t.workdays is None and not t.overdue


@pytest.fixture
def entries(people):
    clerk = people["clerk"]

    def add(index, created, published=None, **extra):
        data = {"index_no": index, "title": f"条目{index}", "created_on": created, **extra}
        if published:
            data.update(published_on=published, reviewed_on=published, **REVIEW)
        return catalogue.create_entry(clerk, data)

    add("A-1", date(2025, 9, 26), date(2025, 10, 30))  # on time, the 20th working day
    add("A-2", date(2025, 9, 26), date(2025, 10, 31))  # late, the 21st
    add("A-3", date(2025, 9, 30))  # unpublished; limit 2025-11-04
    add("A-4", date(2024, 12, 20), date(2025, 1, 3))  # created 2024, published 2025
    add(
        "A-5",
        date(2025, 3, 3),
        reviewer="王建国",
        reviewed_on=date(2025, 3, 4),
        review_conclusion="withhold",
    )
    return add


def test_the_list_filters_late_entries(people, entries):
    clerk = people["clerk"]
    today = date(2025, 11, 4)
    rows = selectors.catalogue(clerk, today=today, status="late")
    assert [r.entry.index_no for r in rows] == ["A-2"]
    later = selectors.catalogue(clerk, today=date(2025, 11, 5), status="late")
    assert sorted(r.entry.index_no for r in later) == ["A-2", "A-3"]
    awaiting = selectors.catalogue(clerk, today=today, status="awaiting")
    assert sorted(r.entry.index_no for r in awaiting) == ["A-3", "A-5"]
    assert [r.entry.index_no for r in selectors.catalogue(clerk, today=today, year=2024)] == ["A-4"]


def test_catalogue_summary_counts_a_year(tree, entries):
    summary = selectors.catalogue_summary(tree["civil"].pk, 2025)
    assert (summary.created, summary.published, summary.late, summary.on_time) == (4, 3, 1, 2)
    assert selectors.catalogue_summary(tree["civil"].pk, 2024).published == 0
    assert [s.year for s in selectors.catalogue_summaries(tree["civil"].pk)] == [2025, 2024]
    assert selectors.catalogue_summary(tree["tez"].pk, 2025).published == 0
