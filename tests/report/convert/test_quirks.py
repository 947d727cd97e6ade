"""One example of each converter quirk the reader takes, and of each it refuses to guess."""

from __future__ import annotations

from gongkai.report.parse import parse_text
from gongkai.report.read.text import unflatten

HEAD = "某某区民政局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"


def applications(table: str) -> dict[str, list[int | None]]:
    """Table 三 of a report whose section 三 is ``table`` and a last row, row by row."""
    text = (
        f"{HEAD}三、收到和处理政府信息公开申请情况\n{table}\n四、结转下年度继续办理 0 0 0 0 0 0 0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    data = parse_text(text).applications
    assert data is not None
    rows: dict[str, list[int | None]] = {}
    for (row, _column), cell in data.cells.items():
        rows.setdefault(row, []).append(cell.value)  # type: ignore[arg-type]
    return rows


def proactive(table: str) -> dict[str, list[int | None]]:
    text = f"{HEAD}二、主动公开政府信息情况\n{table}\n三、收到和处理政府信息公开申请情况\n"
    data = parse_text(text).proactive
    assert data is not None
    rows: dict[str, list[int | None]] = {}
    for (row, _column), cell in data.cells.items():
        rows.setdefault(row, []).append(cell.value)  # type: ignore[arg-type]
    return rows


SEVEN = "0 0 0 0 0 0 0"


def test_numbers_on_the_first_line_of_a_wrapped_label() -> None:
    # markitdown over a PDF with narrow label cells: the label's rest is below its numbers
    rows = applications(
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n"
        "| 7．属 | 2 0 | 0 0 | 0 0 | 2 |\n|---|---|---|---|---|\n于行政\n执法案\n卷\n"
        "| 8．属 | 1 0 | 0 0 | 0 0 | 1 |\n|---|---|---|---|---|\n于行政\n查询事\n项\n"
    )
    assert rows["withheld_enforcement_file"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["withheld_query_matter"] == [1, 0, 0, 0, 0, 0, 1]


def test_numbers_between_the_lines_of_a_label() -> None:
    # pdftotext -raw: the numbers sit between a label's second and third lines
    rows = applications(
        f"一、本年新收政府信息公开申请数量 {SEVEN}\n6.属于\n四类过\n4 0 0 0 0 0 4\n程性信\n息\n"
        f"7.属于\n行政执\n法案卷\n{SEVEN}\n"
    )
    assert rows["withheld_deliberative"] == [4, 0, 0, 0, 0, 0, 4]


def test_a_group_label_interleaved_with_the_row_label() -> None:
    # pdftotext -layout: two label columns side by side, the numbers on the first line
    rows = applications(
        f"一、本年新收政府信息公开申请数量   {SEVEN}\n"
        "（四）   1.本机   2   1   0   0   0   0   3\n无法提   关不掌\n 供    握相关\n      政府信\n        息\n"
        "      2.没有   0   0   0   0   0   0   0\n      现成信\n      息需要\n      另行制\n        作\n"
    )
    assert rows["unavailable_not_held"] == [2, 1, 0, 0, 0, 0, 3]
    assert rows["unavailable_needs_creation"] == [0] * 7


def test_a_numbered_head_is_its_own_row_not_a_generic_one() -> None:
    # "2.其他" is the head of "2.其他法律行政法规禁止公开" wrapped, never row "3.其他"
    rows = applications(
        f"一、本年新收政府信息公开申请数量 {SEVEN}\n2.其他 5 0 0 0 0 0 5\n法律行\n政法规\n禁止公\n开\n"
    )
    assert rows["withheld_law_barred"] == [5, 0, 0, 0, 0, 0, 5]
    assert rows.get("closed_other", [None])[0] is None


def test_labels_below_their_rows() -> None:
    # markitdown over the WPS PDF: rows of numbers, each label on the line after its row
    rows = applications(
        "| 一、本年新收政府信息公开申请数量 | 21 0 | 0 0 | 0 0 | 21 |\n"
        "|---|---|---|---|---|\n"
        "| | 1 0 | 0 0 | 0 0 | 1 |\n二、上年结转政府信息公开申请数量\n"
        "| （一）予以公开 | 9 0 | 0 0 | 0 0 | 9 |\n|---|---|---|---|---|\n"
        "| | 2 0 | 0 0 | 0 0 | 2 |\n|---|---|---|---|---|\n1.属于国家秘密\n"
        "| | 3 0 | 0 0 | 0 0 | 3 |\n|---|---|---|---|---|\n2.其他法律行政法规禁止公开\n"
    )
    assert rows["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["withheld_state_secret"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["withheld_law_barred"] == [3, 0, 0, 0, 0, 0, 3]


def test_labels_stacked_above_rows_of_numbers_a_footer_and_a_generic_header() -> None:
    # marker / MinerU: a table cut at the page's end, its footer inside, the next piece under a
    # header of generic names, its first rows' labels above it as free text
    rows = applications(
        "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| - 3 - | | | | | | | |\n\n"
        "三、本年度办理结果 （一）予以公开\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\n"
        "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 | 数据8 |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n| | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "| （三）不予公开 1.属于国家秘密<br>（涉密） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    assert rows["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [4, 0, 0, 0, 0, 0, 4]
    assert rows["partially_granted"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["withheld_state_secret"] == [0] * 7


def test_header_and_value_columns_out_of_line() -> None:
    # markitdown (pdfplumber): a value one column right of its header, an empty column beside
    rows = proactive(
        "第二十条第（一）项\n"
        "|  | 信息内容 |  | 本年制发件数 |  |  | 本年废止件数 |  |  | 现行有效件数 |  |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
        "|  | 规章 |  |  | 1 |  |  | 0 |  |  | 5 |\n"
        "|  | 行政规范性文件 |  |  | 2 |  |  |  |  |  | 16 |\n"
    )
    assert rows["gov_rules"] == [1, 0, 5]
    assert rows["normative_docs"] == [2, None, 16]


def test_html2text_rows_without_outer_pipes() -> None:
    rows = proactive(
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n---|---|---|---\n"
        "规章 |   |   | 7  \n行政规范性文件 |   | 400 |    \n"
    )
    assert rows["gov_rules"] == [None, None, 7]
    assert rows["normative_docs"] == [None, 400, None]


def test_one_number_for_a_row_without_a_total_is_not_cut() -> None:
    # "33" for two cells may be 33 and a blank as well as 3 and 3: left empty, not guessed
    text = f"{HEAD}二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n行政规范性文件 33\n三、收到和处理\n"
    data = parse_text(text).proactive
    assert data is not None
    assert {data.cell("normative_docs", c).value for c in ("issued", "repealed", "in_force")} == {
        None
    }


def test_text_written_column_by_column_is_not_guessed() -> None:
    # pdftotext's default mode: the labels in a block, then each column's numbers
    rows = applications(
        "自然人\n商业企业\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n"
        "（七）总计\n" + "\n".join(["1", "2", "3", "0", "0", "0", "0", "0", "0"] * 2)
    )
    # only the last row, its label on the line of its numbers, is read
    assert {row for row, values in rows.items() if values != [None] * 7} == {"carried_out"}


def test_a_table_flattened_into_one_line_by_markdownify() -> None:
    line = (
        "| 文章。  二、主动公开政府信息情况   | 信息内容 | 本年处理决定数量 | | --- | --- | "
        "| 行政许可 | 5 | | 行政处罚 |  |   三、收到和处理政府信息公开申请情况  下一段。 |"
    )
    lines = unflatten(line)
    assert "| 行政许可 | 5 |" in lines
    assert "| 行政处罚 |  |" in lines
    assert "二、主动公开政府信息情况" in lines
    assert "三、收到和处理政府信息公开申请情况" in lines
