"""The editable 通报's parts: which sheet item a finding falls under, the categories and the
figures of the injected region (a null total shown as 空, never 0), the draft filled."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gongkai.report.model import Cell
from gongkai.supervision.corpus import read_manifest
from gongkai.supervision.notice_draft import (
    NO_REPORT,
    OTHER,
    Figure,
    Paragraph,
    Problem,
    categorise,
    category_of,
    default_draft,
    fill,
    notice_figures,
    to_notice,
)
from gongkai.supervision.pipeline import Supervision, supervise
from gongkai.supervision.rollup import RollUp
from gongkai.supervision.roster import read_roster_file
from gongkai.supervision.scorecard import default_sheet

from .region import build_region


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Supervision:
    region = build_region(tmp_path_factory.mktemp("draft"))
    return supervise(
        read_roster_file(region.roster),
        [region.reports],
        2025,
        read_manifest(region.manifest),
        [region.previous],
    )


@pytest.mark.parametrize(
    ("code", "severity", "title"),
    [
        ("PUB-LATE", "warning", "发布不及时"),
        ("TABLE-MISSING", "error", "内容不准确不完整"),
        ("AGG-SUM", "error", "内容不准确不完整"),
        ("X1-ANY-ERROR", "error", "内容不准确不完整"),  # the sheet takes every error there
        ("SUP-COPY-YEAR", "warning", "内容雷同"),
        ("SUP-COPY-PEER", "warning", "内容雷同"),
        ("SUP-PROBLEMS-EMPTY", "warning", "敷衍塞责"),
        ("PROBLEMS-THIN", "warning", None),
    ],
)
def test_a_finding_falls_under_the_sheet_item_that_takes_it(code, severity, title):
    item = category_of(default_sheet(), code, severity)
    assert (item.title if item else None) == title


def _confirmed(result: Supervision) -> list[Problem]:
    names = {u.id: u.name for u in result.roster}
    return [
        Problem(u.unit_id, names[u.unit_id], f.code, f.severity, f.message, f.code)
        for u in result.findings
        for f in u.findings
        if f.severity in ("error", "warning")
    ]


def test_the_region_s_categories_and_figures(result: Supervision):
    sheet = default_sheet()
    categories = categorise(sheet, result.roster, result.coverage, 2025, _confirmed(result))
    titles = [c.title for c in categories]
    assert titles[0] == NO_REPORT and titles[-1] == OTHER
    missing = dict(categories[0].units)
    assert set(missing) == {"张店区自然资源局", "张店区人民政府"}  # missing; wrong year
    copied = next(c for c in categories if c.title == "内容雷同")
    assert {u for u, _ in copied.units} >= {
        "张店区卫生健康局",
        "张店区交通运输局",
        "张店区住房和城乡建设局",
    }
    figures = notice_figures(
        "淄博市", 2025, result.roster, result.coverage, result.rollup, sheet, categories, "", ""
    )
    assert figures["应发布单位数"].text == str(len(result.roster))
    assert figures["未发布年度报告单位"].text == "张店区人民政府、张店区自然资源局"  # roster order
    assert figures["内容雷同单位数"].text == str(len(copied.units))
    received = result.rollup.report.value("applications", "received", "total")
    assert figures["本年新收申请"].text == str(received)
    assert figures["整改期限"].text == "（未填写）" and figures["发文机关"].text == "淄博市"
    filled = [fill(p.text, figures) for p in default_draft(categories)]
    assert not any("{" in t for t in filled)
    assert any("（一）未发布年度报告。共2个单位" in t for t in filled)


def test_a_null_total_is_shown_as_empty_never_zero(result: Supervision):
    report = result.rollup.report
    table = report.table("applications")
    assert table is not None
    cells = dict(table.cells)
    cells[("received", "total")] = Cell(None, "missing")
    blank = replace(report, applications=replace(table, cells=cells))
    rollup = RollUp(blank, result.rollup.included, result.rollup.excluded)
    figures = notice_figures(
        "淄博市", 2025, result.roster, result.coverage, rollup, default_sheet(), (), "", ""
    )
    assert figures["本年新收申请"].text == "空"
    assert Figure("x", Decimal("1.50"), "", "").text == "1.5"


def test_the_filled_draft_drops_empty_paragraphs_and_refuses_unknown_fields():
    known = {"n": Figure("n", 3, "个", ""), "list": Figure("list", "甲：一。\n乙：二。", "", "")}
    text = to_notice(
        "通报{n}",
        [
            Paragraph("heading", "一、{n}", 1),
            Paragraph("paragraph", "  "),
            Paragraph("paragraph", "{list}"),
        ],
        known,
        "草稿",
    )
    assert text.title == "通报3"
    assert [(b.kind, b.text) for b in text.blocks] == [
        ("paragraph", "草稿"),
        ("heading", "一、3"),
        ("paragraph", "甲：一。"),
        ("paragraph", "乙：二。"),
    ]
    with pytest.raises(KeyError):
        fill("{没有}", known)
