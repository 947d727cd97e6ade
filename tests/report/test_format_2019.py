"""The 2019 trial format (docs/law.md#formats, docs/report-json.md#proactive): every row and column of its table 二 reads,
in every plain-text layout, negative 本年增/减 values included; table 三's single （六）其他处理
row is closed_other with the two 2021 sub-rows null."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.parse import parse_text
from gongkai.report.spec import FORMAT_2019

from . import layouts
from .factories import PROACTIVE_2019, as_2019, clean_document
from .scoring import assert_no_wrong_number

LAYOUTS = ("word_cells", "pipe_stream", "markdown", "row_per_line_spaces", "row_per_line_tabs")
STYLES = {
    "plain": layouts.Style(),
    "varied": layouts.Style(seed=11, halfwidth=True, inline_groups=True, span="repeat"),
    "fullwidth": layouts.Style(seed=2, fullwidth_values=True, cents=True, noise=True),
}


def test_every_2019_cell_is_told_apart() -> None:
    """The fixture document names every row and column of the 2019 table 二 with a value of
    its own, so that a cell read into the wrong place cannot pass."""
    keys = {(r.key, c.key) for r in FORMAT_2019.proactive.rows for c in r.columns}
    assert keys == {(r, c) for r, cells in PROACTIVE_2019.items() for c in cells}
    values = [v for cells in PROACTIVE_2019.values() for v in cells.values() if v not in (0,)]
    assert len(values) == len(set(values)) and -18 in values


@pytest.mark.parametrize("style", STYLES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_2019_table_two_reads(layout: str, style: str) -> None:
    doc = as_2019(clean_document())
    got = to_canonical(parse_text(getattr(layouts, layout)(doc, STYLES[style])))
    assert got["format"] == "2019"
    result = assert_no_wrong_number(doc, got)
    assert not result.missing
    assert got["proactive"] == doc["proactive"]
    assert got["applications"] == doc["applications"]
    # the only notes: page chrome dropped and listed (CHROME-DROPPED, info)
    assert {n["code"] for n in got.get("parse_notes", [])} <= {"CHROME-DROPPED"}


# table 二 as 2019 reports write it (Word's text export: one row a line, tabs between cells)
TABLE_TWO_2019 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t2\t1\t17
规范性文件\t6\t5\t83
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t45\t{delta}\t1203
其他对外管理服务事项\t12\t+3\t56
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t31\t-2\t418
行政强制\t9\t0\t27
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t4\t-1
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t7\t{amount}
三、收到和处理政府信息公开申请情况
"""


@pytest.mark.parametrize("delta", ["-18", "－18", "−18", "-18（项）"])
def test_negative_change_as_written(delta: str) -> None:
    text = "某某局2020年政府信息公开工作年度报告\n" + TABLE_TWO_2019.format(
        delta=delta, amount="126.35"
    )
    got = to_canonical(parse_text(text))
    assert got["format"] == "2019"
    assert got["proactive"] == PROACTIVE_2019


@pytest.mark.parametrize(
    ("amount", "read", "code"),
    [
        ("126.35万元", 126.35, "CELL-NOTE"),  # the header states no unit: the figure, noted
        ("1263500元", 1263500, "CELL-NOTE"),
        ("7项", None, "CELL-UNIT"),  # a count unit under an amount
    ],
)
def test_procurement_amount_with_a_unit(amount: str, read: Any, code: str) -> None:
    text = "某某局2020年政府信息公开工作年度报告\n" + TABLE_TWO_2019.format(
        delta="-18", amount=amount
    )
    got = to_canonical(parse_text(text))
    assert got["proactive"]["central_procurement"] == {
        "procurement_items": 7,
        "procurement_amount": read,
    }
    (note,) = got["parse_notes"]
    assert (note["code"], note["row"], note["column"]) == (
        code,
        "central_procurement",
        "procurement_amount",
    )
