"""Writers that turn a canonical report dict into plain text, in each layout agencies' reports
take once they are dumped to text. Each writer is modelled on real dumps (shared/seeds):

* ``word_cells``: Word saved as text (seeds 000, 001, 003, 004): one cell per line after a tab,
  a blank line between rows, a lone tab for an empty or vertically merged cell, labels broken
  across lines, ``[bookmark: _Hlk…]`` residue, full-width numbering and U+3000 before values;
* ``pipe_stream``: seed 002: every cell followed by " |", merged cells as "||" / "|||" lines,
  half-width punctuation;
* ``markdown``: GitHub tables, merged cells written empty, omitted or repeated;
* ``row_per_line_spaces`` / ``row_per_line_tabs``: a whole row on one line;
* ``run_together``: the cells of a numeric row run together and glued to the label
  ("一、本年新收政府信息公开申请数量640020470"), table 四 as one run of 15 numbers.

Every writer takes a :class:`Style` (drawn by :func:`styles`) for the optional variations and
the noise (page furniture, web page navigation before the title, chrome after the report).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import strategies as st

from gongkai.report.spec import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    FORMATS,
    GROUP_OUTCOMES,
    SECTIONS,
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


def _with_extra_rows(
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


def _spec(doc: Doc) -> Any:
    return FORMATS[doc["format"]]


# ----------------------------------------------------------------------------- word_cells


def _word_value(value: int | float | None, style: Style) -> str:
    text = number(value, style)
    if style.ideographic and text:
        text = "\u3000" + text
    if style.spaced and text and style.rng(f"tab{text}").random() < 0.2:
        return " \t" + text  # seed 004: " \t16"
    return "\t" + text


def _word_label(text: str, style: Style, key: str) -> list[str]:
    """A label cell; long labels are sometimes broken over two lines (no tab on the second)."""
    if key == "declined_reissue" and style.broken and "确认或重新" in text:
        head, tail = text.split("确认或重新")
        return [f"\t{head}确认或重新", tail]  # seeds 000 and 001
    rng = style.rng("break" + key)
    plain = re.sub(r"^\[bookmark:[^\]]*\]", "", text)
    if style.wrap and len(plain) > 12 and rng.random() < 0.15:
        at = len(text) - len(plain) + rng.randint(4, len(plain) - 3)
        return [f"\t{text[:at]}", text[at:]]
    return [f"\t{text}"]


def word_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).proactive
    table = doc["proactive"]
    blocks: list[Block] = []
    for group, rows in proactive_groups(spec):
        heading = group
        if style.seed003:
            heading = group.replace("第二十条第", "第二十条\t第 ").replace("）项", "） 项")
        blocks.append([f"\t{heading}", ""])
        headers = [ITEM] + [c.label for c in rows[0].columns]
        if style.seed003:
            headers = [h.replace("（单位：万元）", "  （单位 ：万元）") for h in headers]
        blocks.append([f"\t{h}" for h in headers] + [""])
        for row, name, values in _with_extra_rows(rows, table, style):
            lines = _word_label(name, style, row.key)
            lines += [_word_value(v, style) for v in values]
            blocks.append([*lines, ""])
    blocks.append([""])
    return blocks


def word_applications(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).applications
    table = doc["applications"]
    head = [""] if style.seed % 2 else []
    head += [f"\t{NOTE_BROKEN[0]}", NOTE_BROKEN[1]] if style.broken else [f"\t{NOTE}"]
    head += [f"\t{APPLICANT_HEAD}", ""]
    head += ["\t", "\t自然人", f"\t{ORG_GROUP}", "\t总计", ""]
    head += ["\t", "\t"] + [f"\t{c.label}" for c in APPLICANT_COLUMNS[1:6]] + ["\t", ""]
    blocks: list[Block] = [head]
    labels = application_labels(spec, style)
    for row in spec.rows:
        lines: list[str] = []
        for text, kind in labels[row.key]:
            if kind == ROWSPAN:
                lines.append("\t")
            elif kind == OWN and text == label(row, style):
                lines += _word_label(text, style, row.key)
            elif kind == OWN:
                lines.append(f"\t{text}")
        lines += [_word_value(v, style) for v in row_values(table, row)]
        blocks.append([*lines, ""])
    blocks.append([""])
    return blocks


def word_disputes(doc: Doc, style: Style) -> list[Block]:
    gap = [""] if style.broken == 2 else []
    if style.broken:
        review_heads = [
            "\t结果",
            *gap,
            "维持",
            "\t结果纠正",
            "\t其他结果",
            "\t尚未",
            *gap,
            "审结",
            "\t总",
            *gap,
            "计",
        ]
        lit_heads = [
            "\t结果维持",
            "\t结果纠正",
            "\t其他",
            *gap,
            "结果",
            "\t尚未",
            *gap,
            "审结",
            "\t总计",
            "\t结果维持",
            "\t结果",
            *gap,
            "纠正",
            "\t其他",
            *gap,
            "结果",
            "\t尚未审结",
            "\t总计",
        ]
    else:
        review_heads = [f"\t{c.label}" for c in DISPUTE_COLUMNS]
        lit_heads = review_heads * 2
    head = [f"\t{REVIEW}", f"\t{LITIGATION}", "", *review_heads]
    head += [f"\t{g}" for g in LIT_GROUPS] + ["", *(["\t"] * 5), *lit_heads, ""]
    values = [v for group in doc["disputes"].values() for v in group.values()]
    return [head, [*(_word_value(v, style) for v in values), "", ""]]


# ----------------------------------------------------------------------------- pipe_stream


def _pipe_values(values: list[Any], style: Style, key: str) -> list[str]:
    cells = [number(v, style) for v in values]
    if key == "declined_reissue" or (style.wrap and style.rng("split" + key).random() < 0.1):
        # seed 002, row 5.要求行政机关…: "0" and "|" on separate lines
        return [line for cell in cells for line in ((cell, "|") if cell else (" |",))]
    return [f"{cell} |" for cell in cells]


def pipe_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).proactive
    table = doc["proactive"]
    grid = 1 + max(len(r.columns) for r in spec.rows)
    rows: list[tuple[Block, int]] = []  # the lines of a row, and the slots its merged cells cover
    for group, block_rows in proactive_groups(spec):
        covered = grid - 1 - len(block_rows[0].columns)  # the last header or value cell spans
        rows.append(([f"{group} |"], grid - 1))
        rows.append(([f"{ITEM} |", *(f"{c.label} |" for c in block_rows[0].columns)], covered))
        for row, name, values in _with_extra_rows(block_rows, table, style):
            rows.append(([f"{name} |", *_pipe_values(values, style, row.key)], covered))
    return _pipe_rows(rows)


def _pipe_rows(rows: list[tuple[Block, int]]) -> list[Block]:
    """Seed 002 ends a row with one line of bare pipes, one for each grid slot its merged cells
    cover (a label spanning three columns: "||"); the last row of a table has none."""
    last = len(rows) - 1
    return [
        lines + (["|" * covered] if covered and i < last else [])
        for i, (lines, covered) in enumerate(rows)
    ]


def pipe_applications(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).applications
    table = doc["applications"]
    head = (
        [
            f"{NOTE} |",
            f"{APPLICANT_HEAD} |",
            "||||||||",
            "自然人 |",
            f"{ORG_GROUP} |",
            "总计 |",
            "|||||||",
        ]
        + [f"{c.label} |" for c in APPLICANT_COLUMNS[1:6]]
        + ["|||||"]
    )
    labels = application_labels(spec, style)
    rows: list[tuple[Block, int]] = []
    for row in spec.rows:
        lines = [f"{text} |" for text, kind in labels[row.key] if kind == OWN]
        lines += _pipe_values(row_values(table, row), style, row.key)
        rows.append((lines, sum(kind != OWN for _, kind in labels[row.key])))
    return [head, *_pipe_rows(rows)]


def pipe_disputes(doc: Doc, style: Style) -> list[Block]:
    heads = [f"{c.label} |" for c in DISPUTE_COLUMNS]
    head = [f"{REVIEW} |", f"{LITIGATION} |", "|" * 13, *heads]
    head += [f"{g} |" for g in LIT_GROUPS] + ["|" * 8, *heads, *heads, "|||||"]
    values = [v for group in doc["disputes"].values() for v in group.values()]
    return [head, _pipe_values(values, style, "disputes")]


# ----------------------------------------------------------------------------- markdown


def _md_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_row(labels: list[LabelCell], values: list[str], width: int, style: Style) -> str:
    cells: list[str] = []
    for text, kind in labels:
        if kind == OWN:
            cells.append(text)
        elif style.span == "empty" or (style.span == "repeat" and kind == COLSPAN):
            cells.append("")
        elif style.span == "repeat":
            cells.append(text)
    cells += values
    if style.span != "omit":
        cells += [""] * (width - len(cells))
    return _md_line(cells)


def _md_separator(width: int) -> str:
    return "|" + "|".join(["---"] * width) + "|"


def markdown_proactive(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).proactive
    table = doc["proactive"]
    width = 1 + max(len(r.columns) for r in spec.rows)
    blocks: list[Block] = [[""]]
    for index, (group, rows) in enumerate(proactive_groups(spec)):
        block = [_md_row([(group, OWN)], [], width, style)]
        if index == 0:
            block.append(_md_separator(width if style.span != "omit" else 1))
        block.append(_md_row([(ITEM, OWN)], [c.label for c in rows[0].columns], width, style))
        blocks.append(block)
        for _row, name, values in _with_extra_rows(rows, table, style):
            cells = [number(v, style) for v in values]
            blocks.append([_md_row([(name, OWN)], cells, width, style)])
    blocks.append([""])
    return blocks


def markdown_applications(doc: Doc, style: Style) -> list[Block]:
    spec = _spec(doc).applications
    table = doc["applications"]
    width = 3 + len(APPLICANT_COLUMNS)
    span = [("", COLSPAN)] * 2
    head = [
        _md_row(
            [(NOTE, OWN), *span, (APPLICANT_HEAD, OWN), *[("", COLSPAN)] * 6], [], width, style
        ),
        _md_separator(width if style.span != "omit" else 2),
        _md_row(
            [
                (NOTE, ROWSPAN),
                *span,
                ("自然人", OWN),
                (ORG_GROUP, OWN),
                *[("", COLSPAN)] * 4,
                ("总计", OWN),
            ],
            [],
            width,
            style,
        ),
        _md_row(
            [
                (NOTE, ROWSPAN),
                *span,
                ("自然人", ROWSPAN),
                *[(c.label, OWN) for c in APPLICANT_COLUMNS[1:6]],
                ("总计", ROWSPAN),
            ],
            [],
            width,
            style,
        ),
    ]
    blocks: list[Block] = [[""], head]
    labels = application_labels(spec, style)
    for row in spec.rows:
        values = [number(v, style) for v in row_values(table, row)]
        blocks.append([_md_row(labels[row.key], values, width, style)])
    blocks.append([""])
    return blocks


def markdown_disputes(doc: Doc, style: Style) -> list[Block]:
    width = 15
    heads = [(c.label, OWN) for c in DISPUTE_COLUMNS]
    merged = [("", COLSPAN)] * 4
    rows = [
        _md_row(
            [(REVIEW, OWN), *merged, (LITIGATION, OWN), *[("", COLSPAN)] * 9], [], width, style
        ),
        _md_separator(width if style.span != "omit" else 2),
        _md_row(
            [*heads, (LIT_GROUPS[0], OWN), *merged, (LIT_GROUPS[1], OWN), *merged], [], width, style
        ),
        _md_row([*[(c.label, ROWSPAN) for c in DISPUTE_COLUMNS], *heads, *heads], [], width, style),
    ]
    values = [number(v, style) for group in doc["disputes"].values() for v in group.values()]
    return [[""], rows, [_md_line(values)], [""]]


# ----------------------------------------------------------------------------- one row a line


def _row_layout(sep: str, glue: bool = False) -> dict[str, Callable[..., list[Block]]]:
    """Writers for the layouts with a whole row on one line. ``glue``: the values of table 三
    and 四 run together and stick to the label (table 二 keeps its separators). A blank cell is
    an empty field only between tabs; with spaces it needs a marker."""

    def cell(value: Any, style: Style) -> str:
        return number(value, style, style.blank if style.blank or sep == "\t" else "/")

    def line(cells: list[str]) -> str:
        return sep.join(cells)

    def proactive(doc: Doc, style: Style) -> list[Block]:
        spec = _spec(doc).proactive
        table = doc["proactive"]
        blocks: list[Block] = []
        for group, rows in proactive_groups(spec):
            blocks.append([group, line([ITEM] + [c.label for c in rows[0].columns])])
            for _row, name, values in _with_extra_rows(rows, table, style):
                blocks.append([line([name, *(cell(v, style) for v in values)])])
        return blocks

    def applications(doc: Doc, style: Style) -> list[Block]:
        spec = _spec(doc).applications
        table = doc["applications"]
        joiner = "" if glue else sep
        blocks: list[Block] = [
            [
                joiner.join((NOTE, APPLICANT_HEAD)),
                joiner.join(("自然人", ORG_GROUP, "总计")),
                joiner.join(c.label for c in APPLICANT_COLUMNS[1:6]),
            ]
        ]
        for row in spec.rows:
            own = [text for text, kind in application_labels(spec, style)[row.key] if kind == OWN]
            values = [cell(v, style) for v in row_values(table, row)]
            block: Block = []
            if not style.inline_groups:
                block += own[:-1]
                own = own[-1:]
            if glue:
                block.append("".join(own) + "".join(values))
            else:
                block.append(line([*own, *values]))
            blocks.append(block)
        return blocks

    def disputes(doc: Doc, style: Style) -> list[Block]:
        joiner = "" if glue else sep
        heads = [c.label for c in DISPUTE_COLUMNS]
        head = [
            joiner.join((REVIEW, LITIGATION)),
            joiner.join((*heads, *LIT_GROUPS)),
            joiner.join(heads * 2),
        ]
        values = [cell(v, style) for group in doc["disputes"].values() for v in group.values()]
        return [head, [("" if glue else sep).join(values)]]

    return {"proactive": proactive, "applications": applications, "disputes": disputes}


# ----------------------------------------------------------------------------- the document


NAV = (
    "首页 > 政务公开 > 政府信息公开年报",
    "当前位置：首页 > 信息公开 > 年度报告",
    "【字体：大 中 小】",
)
CHROME = ("打印本页", "关闭窗口", "【打印本页】", "【关闭窗口】", "扫一扫在手机打开当前页")
FURNITURE = ("— {n} —", "- {n} -", "第 {n} 页 共 {m} 页", "第{n}页")
INTROS = {
    "proactive": "本年度主动公开政府信息情况如下：",
    "applications": "本年度收到和处理政府信息公开申请情况如下：",
    "disputes": "本年度政府信息公开行政复议、行政诉讼情况如下：",
}


def contact_sentence(doc: Doc, style: Style = Style()) -> str:
    c = doc["contact"]
    phone, mail = ("电话", "电子邮箱") if style.contact_labels == 0 else ("联系电话", "邮箱")
    return (
        f"如对报告内容有疑问，请与{doc['agency']}联系（地址：{c['address']}；邮编：{c['postcode']}；"
        f"{phone}：{c['phone']}；{mail}：{c['email']}）。"
    )


def period_sentence(doc: Doc) -> str:
    year = doc["year"]
    return f"本年度报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"


def title_lines(doc: Doc, style: Style) -> list[str]:
    agency, year = doc["agency"], doc["year"]
    if style.title == 1:
        return [agency, f"{year}年政府信息公开工作年度报告"]
    if style.title == 2:
        return [f"{agency}{year}年政府信息公开工作", "", "年度报告"]
    if style.title == 3:
        return [f"{agency}{year}年度政府信息公开工作年度报告"]
    return [f"{agency}{year}年政府信息公开工作年度报告"]


def document(doc: Doc, style: Style, writers: dict[str, Callable[..., list[Block]]]) -> str:
    """The whole report: title, introduction, six sections with the tables, signature."""
    rng = style.rng("noise")
    pages = iter(range(1, 100))
    out: list[str] = []

    def furniture() -> None:
        """A page break: the page number, sometimes the running header of the next page."""
        if style.noise and rng.random() < 0.12:
            n = next(pages)
            out.append(rng.choice(FURNITURE).format(n=n, m=n + 3))
            if rng.random() < 0.3:
                out.append("".join(title_lines(doc, style)))

    if style.noise:
        out += [
            rng.choice(NAV),
            f"发布时间：{doc['year'] + 1}-01-{rng.randint(10, 31)}",
            "【字体：大 中 小】",
            "",
        ]
    out += title_lines(doc, style)
    out.append("")
    intro = period_sentence(doc)
    if not style.contact_at_end:
        intro += contact_sentence(doc, style)
    out.append(intro)
    tables = {
        "proactive_section": "proactive",
        "applications_section": "applications",
        "disputes_section": "disputes",
    }
    for section in SECTIONS:
        out.append(("    " if style.indent else "") + section.title)
        table = tables.get(section.key)
        if table is None:
            text = doc["sections"].get(section.key) or ""
            for paragraph in text.split("\n"):
                out.append(paragraph)
                furniture()
            if section.key == "other_section" and style.contact_at_end:
                out.append(contact_sentence(doc, style))
            continue
        if style.intros:
            out.append(INTROS[table])
        for block in writers[table](doc, style if table == "proactive" else counts(style)):
            out += block
            furniture()
    if style.signature:
        out += ["", doc["agency"], f"{doc['year'] + 1}年1月{rng.randint(10, 31)}日"]
    if style.noise:
        out += ["", *rng.sample(CHROME, 2)]
    text = "\n".join(out) + "\n"
    return text.translate(HALF_WIDTH) if style.halfwidth else text


def word_cells(doc: Doc, style: Style = Style()) -> str:
    writers = {
        "proactive": word_proactive,
        "applications": word_applications,
        "disputes": word_disputes,
    }
    return document(doc, style, writers)


def pipe_stream(doc: Doc, style: Style = Style()) -> str:
    writers = {
        "proactive": pipe_proactive,
        "applications": pipe_applications,
        "disputes": pipe_disputes,
    }
    return document(doc, style, writers).translate(HALF_WIDTH)


def markdown(doc: Doc, style: Style = Style()) -> str:
    writers = {
        "proactive": markdown_proactive,
        "applications": markdown_applications,
        "disputes": markdown_disputes,
    }
    return document(doc, style, writers)


def row_per_line_spaces(doc: Doc, style: Style = Style()) -> str:
    return document(doc, style, _row_layout(" "))


def row_per_line_tabs(doc: Doc, style: Style = Style()) -> str:
    return document(doc, style, _row_layout("\t"))


def run_together(doc: Doc, style: Style = Style()) -> str:
    writers = _row_layout(" ")
    glued = _row_layout(" ", glue=True)
    writers.update(applications=glued["applications"], disputes=glued["disputes"])
    return document(doc, style, writers)


LAYOUTS: dict[str, Callable[[Doc, Style], str]] = {
    "word_cells": word_cells,
    "pipe_stream": pipe_stream,
    "markdown": markdown,
    "row_per_line_spaces": row_per_line_spaces,
    "row_per_line_tabs": row_per_line_tabs,
    "run_together": run_together,
}


def plain_style(**changes: Any) -> Style:
    return replace(Style(), **changes)
