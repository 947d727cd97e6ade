"""Table 二 in a document written column by column (gongkai.report.colrows): a row's numbers are
read only where nothing else can own them; otherwise the row is empty with a CELL-AMBIGUOUS
finding. The shapes are those pdftotext's default mode and pdfminer wrote for generated reports
with blank cells, where the reader used to give a wrong number."""

from __future__ import annotations

from gongkai.report.model import Report
from gongkai.report.parse import parse_text

HEAD = "某某区民政局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
# table 三 written column by column: its labels, then one run of numbers longer than two rows
COLUMN_MAJOR_THREE = (
    "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n"
    "二、上年结转政府信息公开申请数量\n" + "\n".join(["0"] * 20) + "\n"
)
ROW_MAJOR_THREE = (
    "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0\n"
)


def read(cells: str, three: str = COLUMN_MAJOR_THREE) -> Report:
    """A report whose table 二 is ``cells``, one cell a line as pdftotext writes them."""
    body = "\n\n".join(cells.split("|"))
    return parse_text(f"{HEAD}二、主动公开政府信息情况\n{body}\n\n{three}")


def values(report: Report) -> dict[str, list[object]]:
    """Each row's cells; a row not read at all is absent."""
    rows: dict[str, list[object]] = {}
    if report.proactive is not None:
        for (row, _column), cell in report.proactive.cells.items():
            rows.setdefault(row, []).append(cell.value)
    return rows


def doubts(report: Report) -> dict[str | None, str]:
    return {
        n.row: n.message
        for n in report.notes
        if n.table == "proactive" and n.code == "CELL-AMBIGUOUS"
    }


GROUP_ONE = "第二十条第（一）项|信息内容|本年制发件数|本年废止件数|现行有效件数"


def test_a_number_after_the_page_footer_is_not_the_label_before_it() -> None:
    # pdftotext: 行政事业性收费, the footer of page 2, then a number at the top of page 3
    report = read(
        f"{GROUP_ONE}|规章|1|2|3|行政规范性文件|4|5|6|第二十条第（五）项|信息内容|本年处理决定数量"
        "|行政许可|7|第二十条第（六）项|信息内容|本年处理决定数量|行政处罚|8|行政强制|9"
        "|第二十条第（八）项|信息内容|本年收费金额（单位：万元）|行政事业性收费|— 2 —|10.5"
    )
    rows = values(report)
    assert rows["gov_rules"] == [1, 2, 3]
    assert rows["normative_docs"] == [4, 5, 6]
    assert rows["licensing"] == [7]
    assert rows["penalty"] == [8]
    assert rows["coercion"] == [9]
    assert rows.get("admin_fees", [None]) == [None]
    assert "分页" in doubts(report)["admin_fees"]


def test_stacked_labels_do_not_own_the_number_after_them() -> None:
    # pdfminer: the labels of a group in a block, then the group's numbers
    cells = (
        f"{GROUP_ONE}|规章|1|2|3|行政规范性文件|4|5|6|第二十条第（五）项|信息内容|本年处理决定数量"
        "|行政许可|7|第二十条第（六）项|信息内容|本年处理决定数量|行政处罚|行政强制|8"
        "|第二十条第（八）项|信息内容|本年收费金额（单位：万元）|9|行政事业性收费|10.5"
    )
    report = read(cells)
    rows = values(report)
    assert rows.get("penalty", [None]) == [None]
    assert rows.get("coercion", [None]) == [None]
    assert rows["admin_fees"] == [10.5]
    assert "连续排列" in doubts(report)["coercion"]
    # in a document written row by row, a label with no numbers is a row of blank cells:
    # the next label owns the numbers after it, as before
    assert values(read(cells, ROW_MAJOR_THREE))["coercion"] == [8]


def test_a_blank_cell_anywhere_leaves_the_table_unread() -> None:
    # pdftotext over 规章 0, –, 983 and 行政规范性文件 2849, 16, 704: 983 comes after the next
    # label, 704 after the page footer; each row's count alone would fit
    report = read(
        "第二十条第（一）项|信息内容|规章|本年制发件数|本年废止件数|现行有效件数|0"
        "|行政规范性文件|983|2849|16|第二十条第（五）项|信息内容|本年处理决定数量|行政许可|5"
        "|第二十条第（六）项|信息内容|本年处理决定数量|行政处罚|0|行政强制|116"
        "|第二十条第（八）项|信息内容|本年收费金额（单位：万元）|行政事业性收费|405.8|— 2 —|704"
    )
    rows = values(report)
    assert all(value is None for row in rows.values() for value in row), rows
    found = doubts(report)
    assert "共有9个数字" in found["normative_docs"]
    assert "应有10个单元格" in found["licensing"]
    assert set(found) >= {"normative_docs", "licensing", "penalty", "coercion", "admin_fees"}


def test_a_label_parted_from_its_numbers_by_a_heading() -> None:
    # pdfminer: 行政事业性收费 then the group heading, then a number: any row's
    report = read(
        f"{GROUP_ONE}|规章|1|2|3|行政规范性文件|4|5|6|第二十条第（五）项|信息内容|本年处理决定数量"
        "|行政许可|7|第二十条第（六）项|信息内容|本年处理决定数量|行政处罚|8|行政强制|9"
        "|信息内容|本年收费金额（单位：万元）|行政事业性收费|第二十条第（八）项|10.5"
    )
    assert values(report).get("admin_fees", [None]) == [None]
    assert "隔有" in doubts(report)["admin_fees"]
