"""Roll-up nulls, aggregate checks, rates with the sample floor, coverage of dates."""

from __future__ import annotations

import copy
from datetime import date
from fractions import Fraction
from typing import Any

from gongkai.report.batch import Outcome
from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.supervision.corpus import build_corpus
from gongkai.supervision.coverage import build_coverage
from gongkai.supervision.rates import rank, region_rates
from gongkai.supervision.rollup import aggregate_findings, roll_up
from gongkai.supervision.roster import Roster, build_roster
from tests.report.factories import clean_document


def _roster(scope: str = "汇总") -> Roster:
    rows = [
        (2, {"name": "区政府", "type": "区县政府", "scope": scope}),
        (3, {"name": "甲局", "type": "政府部门", "parent": "区政府"}),
        (4, {"name": "乙局", "type": "政府部门", "parent": "区政府"}),
    ]
    return build_roster(rows, 2025)


def _report(agency: str, **cells: Any) -> Report:
    doc = clean_document(2025)
    doc["agency"] = agency
    for key, value in cells.items():
        table, row, *column = key.split("__")
        if column:
            doc[table][row][column[0]] = value
        else:
            doc[table][row] = value
    return from_canonical(doc)


def test_a_null_cell_makes_the_total_null_and_names_the_unit() -> None:
    reports = {"甲局": _report("甲局", proactive__penalty=None), "乙局": _report("乙局")}
    result = roll_up(_roster(), reports, 2025, "区")
    assert result.report.value("proactive", "penalty") is None
    assert result.report.value("proactive", "licensing") == 240
    note = next(n for n in result.report.notes if n.code == "ROLLUP-NULL")
    assert note.row == "penalty" and "甲局" in note.message and "乙局" not in note.message
    assert result.lacking == {("proactive", "penalty", None): ("甲局",)}
    assert result.excluded == {"区政府": "没有可用的报告"}


def test_aggregate_report_checked_cell_by_cell() -> None:
    units = {
        "甲局": _report("甲局"),
        "乙局": _report("乙局", disputes__review__upheld=3, disputes__review__total=5),
    }
    government = clean_document(2025)
    government["agency"] = "区政府"
    for table in ("proactive", "applications", "disputes"):
        for row, cells in government[table].items():
            if isinstance(cells, dict):
                government[table][row] = {c: 2 * v for c, v in cells.items()}
            else:
                government[table][row] = 2 * cells
    government["disputes"]["review"]["upheld"] += 1
    reports = {**units, "区政府": from_canonical(government)}
    findings = [f for f in aggregate_findings(_roster(), reports, 2025) if f.code == "AGG-SUM"]
    # 甲局 review: upheld 2, total 4; 乙局: upheld 3, total 5 → sums 5 and 9;
    # the government wrote 2×2 + 1 = 5 upheld (right) and 2×4 = 8 total (one short)
    assert [(f.table, f.row, f.column, f.expected, f.actual) for f in findings] == [
        ("disputes", "review", "total", 9, 8)
    ]


def test_government_of_its_own_scope_is_not_checked() -> None:
    reports = {"甲局": _report("甲局"), "乙局": _report("乙局"), "区政府": _report("区政府")}
    assert aggregate_findings(_roster("本级"), reports, 2025) == []
    result = roll_up(_roster("本级"), reports, 2025)
    assert set(result.included) == {"甲局", "乙局", "区政府"}


def test_aggregate_unchecked_when_a_unit_has_no_report() -> None:
    reports = {"甲局": _report("甲局"), "区政府": _report("区政府")}
    findings = aggregate_findings(_roster(), reports, 2025)
    assert [f.code for f in findings] == ["AGG-UNCHECKED"]
    assert "乙局" in findings[0].message


def test_rates_floor_and_region_sums() -> None:
    small = clean_document(2025)
    reports = {
        "甲局": _report("甲局"),  # 办结 42: 予以公开 19 + 部分公开 6 → 25/42
        "乙局": from_canonical(small | {"agency": "乙局"}),
    }
    rows = rank(reports, floor=43)
    substantive = {r.unit_id: r for r in rows if r.rate == "substantive"}
    assert substantive["甲局"].value == Fraction(25, 42)
    assert substantive["甲局"].rank is None  # 42 < 43
    assert "样本不足43件" in substantive["甲局"].note
    ranked = rank(reports, floor=30)
    assert {r.unit_id: r.rank for r in ranked if r.rate == "substantive"} == {"甲局": 1, "乙局": 1}
    region = {r.rate: r for r in region_rates(ranked)}
    assert (region["substantive"].numerator, region["substantive"].denominator) == (50, 84)
    # 争议转化率: (复议 4 + 直接起诉 2) / 新收 40, per unit
    assert region["dispute_conversion"].value == Fraction(12, 80)
    # 复议纠错率: corrected 1 over decided 4 − 1 pending
    assert region["review_corrected"].value == Fraction(2, 6)


def test_null_cell_leaves_unit_out_of_region_figure_and_names_it() -> None:
    reports = {"甲局": _report("甲局", applications__granted__total=None), "乙局": _report("乙局")}
    region = {r.rate: r for r in region_rates(rank(reports))}
    assert region["substantive"].lacking == ("甲局",)
    assert (region["substantive"].numerator, region["substantive"].denominator) == (25, 42)


def test_internal_deadline_and_unknown_dates() -> None:
    roster = _roster()
    base = clean_document(2025)
    outcomes = [
        Outcome(
            "a", report=from_canonical(base | {"agency": "甲局", "published_on": "2026-01-20"})
        ),
        Outcome("b", report=from_canonical(base | {"agency": "乙局", "published_on": None})),
        Outcome(
            "c",
            report=from_canonical(
                copy.deepcopy(base) | {"agency": "区政府", "published_on": "2026-03-31"}
            ),
        ),
    ]
    corpus = build_corpus(outcomes, roster)
    coverage = build_coverage({2025: roster}, {2025: corpus}, internal_deadline=(1, 15))
    first = coverage.cell("甲局", 2025)
    assert (first.status, first.days_late, first.internal_deadline, first.internal_days_late) == (
        "on_time",
        0,
        date(2026, 1, 15),
        5,
    )
    assert coverage.cell("乙局", 2025).status == "date_unknown"
    government = coverage.cell("区政府", 2025)
    assert government.status == "on_time" and government.internal_days_late is None
    assert coverage.bunching[2025] == {"政府": {3: 1, 7: 1}, "其他": {3: 0, 7: 0}}
