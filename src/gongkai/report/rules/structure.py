"""Format, sections, tables and rows: H9, S2, S8 and E07; what the reader noticed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Finding
from ..normalize import label_key, strip_numbering
from ..spec import SECTIONS, TABLE_KEYS, format_for_year, table_title
from .base import Context, finding, present_rows, rule, where


@rule("FORMAT-YEAR", "error", "报告年度与所用格式不符（2021年及以后须用2021年格式）", ("H9", "E07"))
def format_year(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if report.year is None or report.format is None:
        return
    required = format_for_year(report.year)
    if required == "2021" and report.format == "2019":
        yield finding(
            "FORMAT-YEAR",
            f"{report.year}年度报告使用了已停用的2019年试行格式，应使用国办公开办函〔2021〕30号格式",
            expected="2021",
            actual="2019",
        )
    elif required == "2019" and report.format == "2021":
        yield Finding(
            "FORMAT-YEAR",
            "warning",
            f"{report.year}年度报告使用了2021年格式，而该格式自2021年度报告起适用，请核实报告年度",
            expected="2019",
            actual="2021",
        )


@rule("FORMAT-UNKNOWN", "warning", "无法判断报告所用的表格格式", ("E07",))
def format_unknown(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if report.format is None and any(report.table(t) for t in TABLE_KEYS):
        yield finding(
            "FORMAT-UNKNOWN",
            "表格中没有能区分2019年试行格式与2021年格式的栏目，已按2021年格式读取",
        )


@rule("SECTION-MISSING", "error", "缺少规定的六个部分之一", ("E07",))
def section_missing(ctx: Context) -> Iterator[Finding]:
    for section in SECTIONS:
        if ctx.report.sections.get(section.key) is None:
            yield finding(
                "SECTION-MISSING",
                f"缺少第{section.number}部分“{section.title}”",
                section=section.key,
                expected=section.title,
            )


@rule("SECTION-TITLE", "warning", "部分标题与国家格式的标题不一致", ("E07",))
def section_title(ctx: Context) -> Iterator[Finding]:
    for section in SECTIONS:
        written = ctx.report.section_titles.get(section.key)
        if written is None:
            continue
        official = strip_numbering(label_key(section.title))
        if label_key(written) != official:
            yield finding(
                "SECTION-TITLE",
                f"第{section.number}部分标题为“{written}”，国家格式为“{section.title}”",
                section=section.key,
                expected=section.title,
                actual=written,
            )


@rule("TABLE-MISSING", "error", "缺少规定的统计表", ("E07",))
def table_missing(ctx: Context) -> Iterator[Finding]:
    for table in TABLE_KEYS:
        if ctx.report.table(table) is None:
            yield finding(
                "TABLE-MISSING",
                f"未找到{table_title(table)}（或表格为图片、无法识别）",
                table=table,
            )


@rule("CELL-MISSING", "error", "统计表缺少规定的行", ("E07", "E05"))
def cell_missing(ctx: Context) -> Iterator[Finding]:
    for table, data, row in present_rows(ctx):
        first = data.cells.get((row.key, row.columns[0].key)) if row.columns else None
        if first is not None and first.status != "missing":
            continue  # the usual case, settled by the first column
        if all(data.cell(row.key, c.key).status == "missing" for c in row.columns):
            yield finding(
                "CELL-MISSING",
                f"{where(ctx.spec, table, row.key)}：报告中没有这一行",
                table=table,
                row=row.key,
            )


@rule("ROW-LABEL", "warning", "表格行名与所用格式的规定行名不一致", ("E07", "S8"))
def row_label(ctx: Context) -> Iterator[Finding]:
    """e.g. 规范性文件 (the 2019 label) in a 2021-format table 二."""
    for table, data, spec_row in present_rows(ctx):
        written = data.source_labels.get(spec_row.key)
        if not written:
            continue
        if _label_agrees(spec_row.label, written):
            continue
        yield finding(
            "ROW-LABEL",
            f"{where(ctx.spec, table, spec_row.key)}：报告写作“{written}”，"
            f"{ctx.spec.key}年格式规定为“{spec_row.label}”",
            table=table,
            row=spec_row.key,
            expected=spec_row.label,
            actual=written,
        )


@lru_cache(maxsize=1 << 12)
def _label_agrees(label: str, written: str) -> bool:
    """The written label says the format's label (numbering aside); decided once per pair."""
    official = label_key(label)
    key = label_key(written)
    return official in key or strip_numbering(official) in strip_numbering(key)


_NO_RULE_POWER = re.compile(r"(区|县|旗|镇|乡|街道|办事处)|(局|委员会|委|办公室|办|中心|厅)$")


@rule("PRO-RULES-POWER", "warning", "无规章制定权的机关填报了规章数", ("S2",))
def rules_power(ctx: Context) -> Iterator[Finding]:
    agency = ctx.report.agency
    data = ctx.report.proactive
    if not agency or data is None or not _NO_RULE_POWER.search(agency):
        return
    row = ctx.spec.proactive.row("gov_rules")
    for column in row.columns:
        value = data.value("gov_rules", column.key)
        if value:
            yield finding(
                "PRO-RULES-POWER",
                f"{where(ctx.spec, 'proactive', 'gov_rules', column.key)}：{value}；"
                f"只有国务院部门、省级和设区的市级人民政府有规章制定权，“{agency}”似无此权限，请核实",
                table="proactive",
                row="gov_rules",
                column=column.key,
                actual=value,
            )


def _reader_notes(code: str):  # type: ignore[no-untyped-def]
    def check(ctx: Context) -> Iterator[Finding]:
        return (note for note in ctx.report.notes if note.code == code)

    return check


for _code, _severity, _title, _refs in (
    (
        "CELL-AMBIGUOUS",
        "error",
        "单元格数字无法确定（数字连写有多种拆分，或一行数字少于/多于单元格）",
        ("E05",),
    ),
    ("CELL-SPLIT", "info", "连写的数字已按勾稽关系唯一拆分", ()),
    (
        "OCR-UNCONFIRMED",
        "error",
        "扫描件文字识别读出的数未被所在行、列的勾稽关系确认，已留空",
        ("E05",),
    ),
    ("OCR-UNCHECKED", "warning", "扫描件表二的数无勾稽关系可核，需对照扫描件确认", ()),
    ("OCR-READ", "info", "报告是扫描件，经文字识别读取；确认与未确认的数的个数", ()),
    ("CELL-NOTE", "info", "单元格数字后附有单位或括号说明，已读取数字、另记说明", ()),
    (
        "CELL-UNIT",
        "error",
        "单元格所写单位与该列单位不符（如万元栏写元），未换算、未填入",
        ("E15",),
    ),
    ("TABLE-EXTRA-ROW", "warning", "表格有国家格式之外的行", ("S8", "E07")),
    ("TABLE-EXTRA-COLUMN", "warning", "表格有国家格式之外的列", ("S8", "E07")),
    ("TABLE-DUPLICATE-ROW", "warning", "同一行在表格中出现两次", ("E05",)),
    (
        "TABLE-OLD-ROW",
        "warning",
        "2021年格式的表格中用了2019年试行格式的单行“（六）其他处理”",
        ("E07",),
    ),
    ("ROW-LABEL-TYPO", "info", "行名有错漏字，按编号和字序唯一对应到规定的行", ()),
    ("FORMAT-MIXED", "warning", "表格混用2019年试行格式与2021年格式的栏目", ("E07",)),
    ("CHROME-DROPPED", "info", "略去的网页元素（导航、按钮、访问计数等），逐行列出", ()),
    ("PAGE-DUMP", "info", "抓取程序转存的网页：页首记录单独读取，连成一行的正文重新分行", ()),
    ("PUBLISHED-FROM-PAGE", "info", "报告无落款日期，发布日期取自抓取记录的发布时间", ()),
):
    rule(_code, _severity, _title, _refs, source="reader")(_reader_notes(_code))  # type: ignore[arg-type]
