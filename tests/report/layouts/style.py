"""The variations of a layout (:class:`Style`, drawn by :func:`styles`) and the text of
cells and labels that every writer shares."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import strategies as st

from gongkai.report.spec import (
    FORMATS,
    GROUP_OUTCOMES,
    Row,
    Table,
)

Doc = dict[str, Any]
Block = list[str]  # the lines of one table row (or heading, or paragraph)

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
NOTE_BROKEN = ("（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）")
ORG_GROUP = "法人或其他组织"
APPLICANT_HEAD = "申请人情况"
ITEM = "信息内容"
REVIEW, LITIGATION = "行政复议", "行政诉讼"
LIT_GROUPS = ("未经复议直接起诉", "复议后起诉")
FULLWIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")
HALF_WIDTH = str.maketrans("（）：，；", "():,;")

OWN, ROWSPAN, COLSPAN = "own", "rowspan", "colspan"
LabelCell = tuple[str, str]  # (text, kind)


@dataclass(frozen=True)
class Style:
    """The optional variations of a layout; ``seed`` places the random bits (noise, breaks)."""

    seed: int = 0
    title: int = 0  # 0: one line; 1: agency on its own line; 2: "…工作" / "年度报告"; 3: 年度
    contact_at_end: bool = False
    signature: bool = True
    intros: bool = False  # a sentence before each table
    bookmarks: bool = False  # [bookmark: _Hlk…] before some labels
    numbering: str = "1."  # "1.", "1．" or "１．" in the sub-row labels
    straight_quotes: bool = False  # "三安全一稳定" with straight quotes
    ideographic: bool = False  # U+3000 before values (word)
    fullwidth_values: bool = False  # full-width digits in values
    broken: int = 0  # word: 0 nothing broken; 1 as seed 001; 2 as seed 000 (blank lines)
    wrap: bool = False  # other long labels (word) or rows of cells (pipe) broken over lines
    seed003: bool = False  # word: "第二十条\t第 （一） 项" headers, as seed 003
    blank: str = ""  # how a blank cell is written ("" only where a layout can show it)
    span: str = "empty"  # markdown: merged cells "empty", "omit" or "repeat"
    inline_groups: bool = False  # row layouts: group label on the line of its first row
    noise: bool = False  # page furniture, running headers, navigation and chrome
    spaced: bool = False  # stray spaces: inside labels (seed 003), before a value's tab (seed 004)
    indent: bool = False  # section headings indented with spaces (seed 004)
    contact_labels: int = 0  # 0: 电话/电子邮箱; 1: 联系电话/邮箱
    halfwidth: bool = False  # half-width brackets, colons and commas throughout (always in pipe)
    thousands: bool = False  # "1,234" in table 二 counts of a thousand or more
    cents: bool = False  # amounts with a trailing zero: "12.50"
    # label variants by row key, e.g. gov_rules: "规章（设区的市、自治州人民政府应提供相关数据）"
    labels: tuple[tuple[str, str], ...] = ()
    # local rows of table 二 written after a row: (after row key, label, cells)
    extra_rows: tuple[tuple[str, str, tuple[int | None, ...]], ...] = ()

    def rng(self, salt: str) -> random.Random:
        return random.Random(f"{self.seed}:{salt}")


PLAIN = Style()  # no variation, no noise


def styles(layout: str, noise: bool | None = None) -> st.SearchStrategy[Style]:
    """The variations that make sense for ``layout``."""
    blanks = {
        "word_cells": ("", "", "/", "—", "无"),
        "pipe_stream": ("", "", "/", "-"),
        "markdown": ("", "", "/", "—", "无"),
        "row_per_line_spaces": ("/", "—", "-", "无", "－"),
        "row_per_line_tabs": ("", "/", "—", "-", "无"),
        "run_together": ("/", "—", "-", "无"),
    }[layout]
    return st.builds(
        Style,
        seed=st.integers(0, 2**16),
        title=st.integers(0, 3),
        contact_at_end=st.booleans(),
        signature=st.booleans(),
        intros=st.booleans(),
        bookmarks=st.booleans() if layout == "word_cells" else st.just(False),
        numbering=st.sampled_from(("1.", "1．", "１．")),
        straight_quotes=st.booleans(),
        ideographic=st.booleans() if layout == "word_cells" else st.just(False),
        fullwidth_values=st.booleans() if layout != "run_together" else st.just(False),
        broken=st.integers(0, 2) if layout == "word_cells" else st.just(0),
        wrap=st.booleans() if layout in ("word_cells", "pipe_stream") else st.just(False),
        seed003=st.booleans() if layout == "word_cells" else st.just(False),
        blank=st.sampled_from(blanks),
        span=st.sampled_from(("empty", "omit", "repeat")),
        inline_groups=st.booleans(),
        noise=st.booleans() if noise is None else st.just(noise),
        spaced=st.booleans() if layout in ("word_cells", "pipe_stream") else st.just(False),
        indent=st.booleans(),
        contact_labels=st.integers(0, 1),
        halfwidth=st.booleans(),
        thousands=st.booleans() if layout != "run_together" else st.just(False),
        cents=st.booleans(),
        labels=st.sampled_from(
            ((), (), (("gov_rules", GUIDANCE),), (("normative_docs", "规范性文件"),))
        ),
    )


# ----------------------------------------------------------------------------- cell text


def number(value: int | float | None, style: Style, blank: str | None = None) -> str:
    if value is None:
        return style.blank if blank is None else blank
    if isinstance(value, float):
        text = repr(value)
        if style.cents and len(text.partition(".")[2]) == 1:
            text += "0"
    elif style.thousands:
        text = f"{value:,}"  # only table 二 is written with this style (see counts)
    else:
        text = str(value)
    return text.translate(FULLWIDTH_DIGITS) if style.fullwidth_values else text


def counts(style: Style) -> Style:
    """The style for table 三 and 四 cells: thousands separators only in table 二."""
    return replace(style, thousands=False) if style.thousands else style


GUIDANCE = "规章（设区的市、自治州人民政府应提供相关数据）"


def label(row: Row, style: Style) -> str:
    text = dict(style.labels).get(row.key, row.label)
    if style.straight_quotes:
        text = text.replace("“", '"').replace("”", '"')
    match = re.match(r"^(\d)\.", text)
    if match and style.numbering != "1.":
        digit = match.group(1)
        if style.numbering == "１．":
            digit = digit.translate(FULLWIDTH_DIGITS)
        text = digit + "．" + text[2:]
    rng = style.rng("space" + row.key)
    if style.spaced and len(text) > 8 and rng.random() < 0.2:
        at = rng.randint(3, len(text) - 2)  # "2.申请人逾期未按收费通知 要求缴纳费用…"
        text = f"{text[:at]} {text[at:]}"
    if style.bookmarks and style.rng(row.key).random() < 0.3:
        text = f"[bookmark: _Hlk{style.rng(row.key + 'b').randint(10**7, 10**8 - 1)}]{text}"
    return text


def row_values(table: Doc, row: Row) -> list[int | float | None]:
    value = table[row.key]
    if row.scalar:
        return [value]
    return [value[c.key] for c in row.columns]


def with_extra_rows(
    rows: list[Row], table: Doc, style: Style
) -> list[tuple[Row, str, list[int | float | None]]]:
    """The rows of a table 二 block as (row, label, values), with the style's local rows."""
    out: list[tuple[Row, str, list[int | float | None]]] = []
    for row in rows:
        out.append((row, label(row, style), row_values(table, row)))
        for after, name, cells in style.extra_rows:
            if after == row.key:
                out.append((row, name, list(cells)))
    return out


def application_labels(spec: Table, style: Style) -> dict[str, list[LabelCell]]:
    """The three label cells of each table 三 row, as the national form merges them."""
    out: dict[str, list[LabelCell]] = {}
    seen: set[str] = set()
    for row in spec.rows:
        text = label(row, style)
        if row.group is None:
            cells = [(text, OWN), ("", COLSPAN), ("", COLSPAN)]
        elif row.group == GROUP_OUTCOMES:
            kind = ROWSPAN if GROUP_OUTCOMES in seen else OWN
            cells = [(GROUP_OUTCOMES, kind), (text, OWN), ("", COLSPAN)]
        else:
            kind = ROWSPAN if row.group in seen else OWN
            cells = [(GROUP_OUTCOMES, ROWSPAN), (row.group, kind), (text, OWN)]
        if row.group:
            seen.update((row.group, GROUP_OUTCOMES))
        out[row.key] = cells
    return out


def proactive_groups(spec: Table) -> list[tuple[str, list[Row]]]:
    groups: list[tuple[str, list[Row]]] = []
    for row in spec.rows:
        assert row.group
        if not groups or groups[-1][0] != row.group:
            groups.append((row.group, []))
        groups[-1][1].append(row)
    return groups


def spec_of(doc: Doc) -> Any:
    return FORMATS[doc["format"]]
