"""Table 三 written column by column (gongkai.report.colmajor): put back only where certain."""

from __future__ import annotations

from gongkai.report.model import Report
from gongkai.report.parse import parse_file, parse_text
from gongkai.report.spec import FORMAT_2021, Column

from ..golden import CASES, source_of

HEAD = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n"
LABELS = "（一）予以公开\n（二）部分公开\n（三）不予公开\n1.属于国家秘密\n"
TAIL = "四、政府信息公开行政复议、行政诉讼情况\n"


def _text(values: list[int]) -> str:
    return HEAD + LABELS + "\n".join(map(str, values)) + "\n" + TAIL


def test_column_major_numbers_are_put_back_with_a_note() -> None:
    # rows (一) 3 0 1 0 0 0 4, (二) 2 0 0 0 0 0 2, 1. 0 0 0 0 0 0 0, written column by column
    rows = [[3, 0, 1, 0, 0, 0, 4], [2, 0, 0, 0, 0, 0, 2], [0] * 7]
    values = [rows[r][c] for c in range(7) for r in range(3)]
    report = parse_text(_text(values))
    assert report.applications is not None
    keys = ("granted", "partially_granted", "withheld_state_secret")
    got = [[report.applications.value(k, col.key) for col in _columns(report)] for k in keys]
    assert got == rows
    placed = {n.row for n in report.notes if n.code == "TABLE-COLUMN-MAJOR"}
    assert placed == set(keys)


def test_both_readings_passing_leaves_the_cells_empty() -> None:
    # row-major: 1. = 1 0 0 0 0 0 1; column-major: 1. = 0 0 0 0 1 0 1 — both add up
    values = [0] * 14 + [1, 0, 0, 0, 0, 0, 1]
    report = parse_text(_text(values))
    data = report.applications
    assert data is None or all(
        data.value("withheld_state_secret", col.key) is None for col in _columns(report)
    )
    assert any(n.code == "CELL-AMBIGUOUS" and "按行读和按列读" in n.message for n in report.notes)


def test_sums_that_fail_leave_the_cells_empty() -> None:
    rows = [[3, 0, 1, 0, 0, 0, 5], [2, 0, 0, 0, 0, 0, 2], [0] * 7]  # 3 + 1 is not 5
    values = [rows[r][c] for c in range(7) for r in range(3)]
    data = parse_text(_text(values)).applications
    assert data is None or data.value("granted", "total") is None


def test_wps_pdf_through_pdfminer_notes_every_row_it_put_back() -> None:
    case = CASES / "convert-real-hongze-district-government-2023-wps-pdfminer"
    report = parse_file(source_of(case))
    placed = {n.row for n in report.notes if n.code == "TABLE-COLUMN-MAJOR"}
    assert len(placed) >= 20
    assert report.applications is not None
    assert report.applications.value("received", "total") == 21
    # the typo row held its place and got no cells
    assert "withheld_law_barred" not in placed


def _columns(report: Report) -> tuple[Column, ...]:
    return FORMAT_2021.table("applications").rows[0].columns
