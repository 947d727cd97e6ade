"""Supervision signals on real seed reports with injected defects: each fires, and each stays
quiet on the case next to it."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Cell, Number, Report
from gongkai.report.spec import APPLICANT_COLUMN_KEYS, TableKey
from gongkai.supervision.signals import (
    cross_year,
    fee_slip,
    jumps,
    outdated_format,
    pair_signals,
    problems_repeat,
    problems_section,
    same_figures,
)
from gongkai.supervision.signals_base import SIGNALS, SignalSettings, UnitPair, UnitReport

CASES = Path(__file__).parents[1] / "report" / "cases"


def seed(prefix: str) -> Report:
    (path,) = CASES.glob(f"seed-{prefix}-*/expected.json")
    return from_canonical(json.loads(path.read_text(encoding="utf-8")))


def unit(report: Report, year: int | None = None, unit_id: str = "u1") -> UnitReport:
    year = year or report.year or 2024
    return UnitReport(unit_id, report.agency or "某单位", year, replace(report, year=year))


def with_cells(
    report: Report, table: TableKey, changes: dict[tuple[str, str | None], Number]
) -> Report:
    data = report.table(table)
    assert data is not None
    cells = dict(data.cells)
    for key, value in changes.items():
        cells[key] = Cell(value, "value", str(value))
    return report.with_tables(**{table: replace(data, cells=cells)})


def pair(current: Report, previous: Report) -> UnitPair:
    return UnitPair(unit(current, 2024), unit(previous, 2023))


def codes(findings: list) -> list[str]:
    return [getattr(f, "finding", f).code for f in findings]


GOV = seed("004")  # 临淄区人民政府办公室 2023: 27 applications received, 2 reviews, 3 lawsuits
SMALL = seed("001")  # 台儿庄区民政局 2023: no application, every table all zero


def test_every_code_is_catalogued_once() -> None:
    assert all(code.startswith("SUP-") for code in SIGNALS)


# ---------------------------------------------------------------- cross-year (catalogue rules)


def test_cross_year_runs_the_catalogue_carry_over_rule() -> None:
    last = with_cells(GOV, "applications", {("carried_out", "total"): 9})
    found = cross_year(pair(GOV, last))
    carry = [f for f in found if f.code == "XYEAR-CARRY" and f.column == "total"]
    assert carry and carry[0].expected == 9 and carry[0].actual == 6


def test_cross_year_quiet_when_last_year_carried_what_this_year_took_in() -> None:
    carried = {
        ("carried_out", column): GOV.value("applications", "carried_in", column) or 0
        for column in APPLICANT_COLUMN_KEYS
    }
    last = with_cells(GOV, "applications", carried)
    assert "XYEAR-CARRY" not in codes(cross_year(pair(GOV, last)))
    assert cross_year(UnitPair(unit(GOV))) == []


# ---------------------------------------------------------------- identical figures


def test_identical_figures_with_intake_are_a_copy_signal() -> None:
    (found,) = same_figures(pair(GOV, GOV))
    assert found.code == "SUP-SAME-FIGURES"
    assert found.actual == 27
    assert ["applications", "received", "total"] in found.detail["cells"]
    assert found.detail["evidence"]["tables"] == ["proactive", "applications", "disputes"]


def test_all_zero_small_unit_two_years_running_is_not_flagged() -> None:
    assert same_figures(pair(SMALL, SMALL)) == []
    assert "SUP-SAME-FIGURES" not in codes(pair_signals(pair(SMALL, SMALL)))


def test_one_changed_figure_is_not_identical() -> None:
    last = with_cells(GOV, "proactive", {("penalty", None): 1234})
    assert same_figures(pair(GOV, last)) == []


# ---------------------------------------------------------------- jumps


def test_jump_in_intake_fires() -> None:
    last = with_cells(GOV, "applications", {("received", "total"): 5})
    (found,) = jumps(pair(GOV, last))
    assert (found.code, found.row, found.expected, found.actual) == (
        "SUP-JUMP",
        "received",
        5,
        27,
    )
    assert "本年 27 件" in found.message and "+22" in found.message


def test_jump_threshold_is_max_of_floor_and_three_times_last_year() -> None:
    def jumped(before: int, now: int) -> bool:
        current = with_cells(GOV, "disputes", {("review", "total"): now})
        last = with_cells(GOV, "disputes", {("review", "total"): before})
        return any(f.row == "review" for f in jumps(pair(current, last)))

    assert jumped(0, 10) and not jumped(0, 9)  # the floor of 10
    assert jumped(20, 80) and not jumped(20, 79)  # three times last year
    assert not jumped(100, 0)  # a fall can never reach three times last year


def test_litigation_is_the_sum_of_both_rows() -> None:
    last = with_cells(
        GOV, "disputes", {("lit_direct", "total"): 0, ("lit_after_review", "total"): 0}
    )
    current = with_cells(GOV, "disputes", {("lit_after_review", "total"): 8})
    (found,) = jumps(pair(current, last))  # 3 + 8 = 11 against 0
    assert found.detail["evidence"]["metric"] == "litigation" and found.actual == 11


def test_steady_figures_do_not_jump() -> None:
    last = with_cells(GOV, "applications", {("received", "total"): 20})
    assert jumps(pair(GOV, last)) == []


# ---------------------------------------------------------------- 元 / 万元


def fees(report: Report, amount: str) -> Report:
    return with_cells(report, "proactive", {("admin_fees", None): Decimal(amount)})


def test_fee_ten_thousand_times_last_year_is_a_unit_slip() -> None:
    (found,) = fee_slip(pair(fees(GOV, "15000"), fees(GOV, "1.5")))
    assert found.code == "SUP-FEE-SLIP" and found.detail["evidence"]["suspect"] == "本年"
    (found,) = fee_slip(pair(fees(GOV, "2.1"), fees(GOV, "20000")))
    assert found.detail["evidence"]["suspect"] == "2023年"


def test_fee_that_merely_doubled_is_not_a_slip() -> None:
    assert fee_slip(pair(fees(GOV, "3"), fees(GOV, "1.5"))) == []
    assert fee_slip(pair(fees(GOV, "3"), fees(GOV, "0"))) == []  # nothing to compare with


# ---------------------------------------------------------------- format


def test_2019_tables_in_a_2024_report_are_outdated() -> None:
    (found,) = outdated_format(unit(replace(GOV, format="2019"), 2024))
    assert found.code == "SUP-FORMAT-OLD" and found.severity == "error"


def test_2019_tables_in_a_2020_report_are_right() -> None:
    assert outdated_format(unit(replace(GOV, format="2019"), 2020)) == []
    assert outdated_format(unit(GOV, 2024)) == []


# ---------------------------------------------------------------- section 五


def problems(report: Report, text: str | None) -> Report:
    return replace(report, sections={**report.sections, "problems_section": text})


def test_empty_or_missing_section_five() -> None:
    (found,) = problems_section(unit(problems(GOV, "")))
    assert found.code == "SUP-PROBLEMS-EMPTY"
    (found,) = problems_section(unit(problems(GOV, None)))
    assert found.detail["evidence"]["missing"] is True
    # only the format's own sub-headings: nothing of the unit's own
    (found,) = problems_section(unit(problems(GOV, "（一）存在的主要问题\n（二）改进情况")))
    assert found.code == "SUP-PROBLEMS-EMPTY"


def test_perfunctory_section_five() -> None:
    text = "（一）存在的主要问题\n无。\n（二）改进情况\n继续做好政务公开工作。"
    (found,) = problems_section(unit(problems(GOV, text)))
    assert found.code == "SUP-PROBLEMS-THIN" and found.actual < 80


def test_real_section_five_is_not_thin() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        assert problems_section(unit(seed(prefix))) == [], prefix


def test_section_five_copied_from_last_year() -> None:
    last = seed("000")  # 临淄区民政局 2024's section 五 used as last year's
    current = problems(GOV, last.sections["problems_section"])
    (found,) = problems_repeat(pair(current, last))
    assert found.code == "SUP-PROBLEMS-REPEAT" and found.actual == 1.0
    assert found.detail["evidence"]["passages"]


def test_section_five_rewritten_is_not_a_repeat() -> None:
    assert problems_repeat(pair(GOV, problems(GOV, seed("000").sections["problems_section"]))) == []


def test_short_identical_section_five_is_thin_not_repeated() -> None:
    both = problems(GOV, "无。")
    assert problems_repeat(pair(both, both)) == []
    assert "SUP-PROBLEMS-THIN" in codes(pair_signals(pair(both, both)))


# ---------------------------------------------------------------- whole report against last year


def test_verbatim_report_with_year_changed_is_copied() -> None:
    last_sections = {k: (v or "").replace("2023", "2022") for k, v in GOV.sections.items()}
    last = replace(GOV, sections=last_sections)
    found = [f for f in pair_signals(pair(GOV, last)) if f.finding.code == "SUP-COPY-YEAR"]
    assert len(found) == 1
    assert found[0].finding.actual == 1.0
    evidence = found[0].finding.detail["evidence"]["sections"]["overview"]
    first = evidence["passages"][0]
    assert first["current"].replace("2023", "2022") == first["previous"]


def test_clean_pair_raises_no_supervision_signal() -> None:
    """This year's 临淄区人民政府办公室 against a different, plausible previous report."""
    other = seed("000")
    last = replace(
        other,
        agency=GOV.agency,
        proactive=GOV.proactive,
        applications=with_cells(GOV, "applications", {("received", "total"): 25}).applications,
        disputes=GOV.disputes,
    )
    last = with_cells(last, "proactive", {("penalty", None): 1})
    found = [f.finding.code for f in pair_signals(pair(GOV, last))]
    assert [c for c in found if c.startswith("SUP-")] == []


def test_settings_are_honoured() -> None:
    last = with_cells(GOV, "applications", {("received", "total"): 20})
    strict = SignalSettings(jump_floor=5, jump_factor=0)
    assert jumps(pair(GOV, last), strict)  # 7 ≥ max(5, 0)


@pytest.mark.parametrize("code", sorted(SIGNALS))
def test_every_signal_has_a_chinese_title(code: str) -> None:
    assert any("\u4e00" <= ch <= "\u9fff" for ch in SIGNALS[code].title)


def test_unreadable_cells_are_never_compared() -> None:
    data = GOV.applications
    assert data is not None
    cells = dict(data.cells)
    cells[("received", "total")] = Cell(None, "ambiguous", "2?")
    unreadable = GOV.with_tables(applications=replace(data, cells=cells))
    last = with_cells(GOV, "applications", {("received", "total"): 1})
    assert [f for f in jumps(pair(unreadable, last)) if f.row == "received"] == []
    assert same_figures(pair(unreadable, GOV)) == []  # intake unknown: no copy signal


def test_fee_slip_needs_the_2021_format_both_years() -> None:
    assert fee_slip(pair(fees(GOV, "15000"), replace(fees(GOV, "1.5"), format="2019"))) == []


def test_unit_findings_carry_the_unit_and_serialise() -> None:
    last = with_cells(fees(GOV, "1.5"), "applications", {("received", "total"): 5})
    found = pair_signals(pair(fees(GOV, "15000"), last))
    assert {"SUP-JUMP", "SUP-FEE-SLIP"} <= set(codes(found))
    for item in found:
        assert (item.unit_id, item.year) == ("u1", 2024)
        plain = json.loads(json.dumps(item.to_dict(), ensure_ascii=False))
        assert plain["unit_id"] == "u1" and plain["code"] == item.finding.code
