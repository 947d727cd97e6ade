"""The one description of the official layout (docs/law.md#formats) that every format draws."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Contact, Period, Report
from gongkai.report.render import layout
from gongkai.report.render.layout import Grid, GridCell
from gongkai.report.spec import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    FORMAT_2019,
    FORMAT_2021,
    GROUP_DECLINED,
    GROUP_OTHER,
    GROUP_OUTCOMES,
    GROUP_UNAVAILABLE,
    GROUP_WITHHELD,
    SECTIONS,
)

from ..factories import clean_document


def spans(grid: Grid) -> dict[str, tuple[int, int, int, int]]:
    """text → (row, col, rowspan, colspan) of every cell that is not a value."""
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.kind != "value"}


def test_grid_covers_every_position_once() -> None:
    for fmt in (FORMAT_2021, FORMAT_2019):
        for table in fmt.tables:
            grid = layout.grid(fmt, table.key, None)
            seen: dict[tuple[int, int], GridCell] = {}
            for cell in grid.cells:
                for r in range(cell.row, cell.last_row + 1):
                    for c in range(cell.col, cell.last_col + 1):
                        assert (r, c) not in seen, (table.key, r, c)
                        seen[(r, c)] = cell
            assert len(seen) == grid.n_rows * grid.n_cols, table.key


def test_applications_header_is_the_national_template() -> None:
    grid = layout.grid(FORMAT_2021, "applications", None)
    cells = spans(grid)
    assert grid.n_cols == 10 and grid.header_rows == 3
    assert cells["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (
        0,
        0,
        3,
        3,
    )
    assert cells["申请人情况"] == (0, 3, 1, 7)
    assert cells["自然人"] == (1, 3, 2, 1)
    assert cells["法人或其他组织"] == (1, 4, 1, 5)
    assert cells["总计"] == (1, 9, 2, 1)  # the header; （七）总计 is a row label
    organisations = [c.label for c in APPLICANT_COLUMNS[1:-1]]
    assert [c.text for c in grid.row_cells(2)] == organisations
    assert [c.col for c in grid.row_cells(2)] == [4, 5, 6, 7, 8]


def test_applications_label_columns_2021() -> None:
    grid = layout.grid(FORMAT_2021, "applications", None)
    cells = spans(grid)
    assert grid.n_rows == 3 + 25
    assert cells["一、本年新收政府信息公开申请数量"] == (3, 0, 1, 3)
    assert cells["二、上年结转政府信息公开申请数量"] == (4, 0, 1, 3)
    assert cells[GROUP_OUTCOMES] == (5, 0, 22, 1)
    assert cells["（一）予以公开"] == (5, 1, 1, 2)
    assert cells["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == (6, 1, 1, 2)
    assert cells[GROUP_WITHHELD] == (7, 1, 8, 1)
    assert cells["1.属于国家秘密"] == (7, 2, 1, 1)
    assert cells[GROUP_UNAVAILABLE] == (15, 1, 3, 1)
    assert cells[GROUP_DECLINED] == (18, 1, 5, 1)
    assert cells[GROUP_OTHER] == (23, 1, 3, 1)
    assert cells["3.其他"] == (25, 2, 1, 1)
    assert cells["（七）总计"] == (26, 1, 1, 2)
    assert cells["四、结转下年度继续办理"] == (27, 0, 1, 3)


def test_applications_2019_has_one_other_row() -> None:
    grid = layout.grid(FORMAT_2019, "applications", None)
    cells = spans(grid)
    assert grid.n_rows == 3 + 23
    assert cells[GROUP_OUTCOMES] == (5, 0, 20, 1)
    assert cells["（六）其他处理"] == (23, 1, 1, 2)  # a data row, not a group
    assert cells["（七）总计"] == (24, 1, 1, 2)
    values = [c for c in grid.values() if c.row == 23]
    assert {c.key[0] for c in values if c.key} == {"closed_other"}


def test_disputes_two_level_header() -> None:
    grid = layout.grid(FORMAT_2021, "disputes", None)
    cells = {(c.row, c.col): c for c in grid.cells}
    assert (grid.n_rows, grid.n_cols, grid.header_rows) == (4, 15, 3)
    assert (cells[0, 0].text, cells[0, 0].colspan) == ("行政复议", 5)
    assert (cells[0, 5].text, cells[0, 5].colspan) == ("行政诉讼", 10)
    assert (cells[1, 5].text, cells[1, 5].colspan) == ("未经复议直接起诉", 5)
    assert (cells[1, 10].text, cells[1, 10].colspan) == ("复议后起诉", 5)
    labels = [c.label for c in DISPUTE_COLUMNS]
    assert [cells[1, i].text for i in range(5)] == labels
    assert all(cells[1, i].rowspan == 2 for i in range(5))
    assert [cells[2, i].text for i in range(5, 15)] == labels * 2
    keys = [cells[3, i].key for i in range(15)]
    assert keys[0] == ("review", "upheld") and keys[9] == ("lit_direct", "total")
    assert keys[14] == ("lit_after_review", "total")


@pytest.mark.parametrize(
    ("fmt", "captions"),
    [
        (
            FORMAT_2021,
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项",
            ],
        ),
        (
            FORMAT_2019,
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项",
                "第二十条第（九）项",
            ],
        ),
    ],
)
def test_proactive_blocks(fmt: object, captions: list[str]) -> None:
    grid = layout.grid(fmt, "proactive", None)  # type: ignore[arg-type]
    found = [c for c in grid.cells if c.kind == "caption"]
    assert [c.text for c in found] == captions
    assert all(c.colspan == grid.n_cols == 4 for c in found)
    assert len(grid.keep) == len(captions)


def test_proactive_2021_headers() -> None:
    grid = layout.grid(FORMAT_2021, "proactive", None)
    rows = [[c.text for c in grid.row_cells(r)] for r in range(grid.n_rows)]
    assert rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert rows[5] == ["信息内容", "本年处理决定数量"]
    assert rows[12] == ["信息内容", "本年收费金额（单位：万元）"]
    assert grid.row_cells(13)[1].colspan == 3  # the fee amount spans the three number columns


def test_null_is_blank_and_decimals_are_exact() -> None:
    document = clean_document()
    document["proactive"]["admin_fees"] = "3.50"
    document["applications"]["received"]["research"] = None
    report = from_canonical(document)
    proactive = layout.grid(FORMAT_2021, "proactive", report.proactive)
    fee = next(c for c in proactive.values() if c.key == ("admin_fees", None))
    assert fee.text == "3.50" and fee.value == Decimal("3.50")
    applications = layout.grid(FORMAT_2021, "applications", report.applications)
    blank = next(c for c in applications.values() if c.key == ("received", "research"))
    assert blank.text == "" and blank.value is None


def test_format_value() -> None:
    assert layout.format_value(None) == ""
    assert layout.format_value(0) == "0"
    assert layout.format_value(-3) == "-3"
    assert layout.format_value(Decimal("0.35")) == "0.35"
    assert layout.format_value(Decimal("1E+2")) == "100"


def test_document_order_title_preamble_signature() -> None:
    report = Report(
        format="2021",
        agency="临淄区民政局",
        year=2023,
        published_on=date(2024, 1, 16),
        contact=Contact("临淄区齐兴路101号", "255400", "0533-7220364", None),
        period=Period(date(2023, 1, 1), date(2023, 12, 31)),
        sections={"overview": "第一段\n\n第二段"},
    )
    blocks = layout.document(report)
    assert blocks[0] == layout.Title(("临淄区民政局", "2023年政府信息公开工作年度报告"))
    assert blocks[0].text == "临淄区民政局2023年政府信息公开工作年度报告"  # type: ignore[union-attr]
    assert blocks[1] == layout.Paragraph(
        "本年度报告中所列数据的统计期限自2023年1月1日起，至2023年12月31日止。"
        "如对报告内容有疑问，请与临淄区民政局联系（地址：临淄区齐兴路101号；邮编：255400；"
        "电话：0533-7220364）。",
        "preamble",
    )
    headings = [b for b in blocks if isinstance(b, layout.Heading)]
    assert [h.text for h in headings] == [s.title for s in SECTIONS]
    assert blocks[3:5] == (layout.Paragraph("第一段"), layout.Paragraph("第二段"))
    assert blocks[-1] == layout.Signature(("临淄区民政局", "2024年1月16日"))
    assert not any(isinstance(b, layout.TableBlock) for b in blocks)  # no table data: no table


def test_no_signature_without_a_date() -> None:
    blocks = layout.document(Report(format="2021", agency="某某县财政局", year=2024))
    assert not any(isinstance(b, layout.Signature) for b in blocks)
    assert not any(b.role == "preamble" for b in blocks if isinstance(b, layout.Paragraph))
