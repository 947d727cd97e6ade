"""The official layout of an annual report, described once for every output format.

:func:`document` turns a :class:`Report` into a sequence of blocks in reading order: the title,
the preamble (statistical period and the contact sentence), the six section headings with their
paragraphs, the three tables and the signing block. Each table is a :class:`Grid`: cells placed on
a grid of rows and columns with their spans, exactly as the national template merges them
(docs/law.md#formats, the 2019 trial format included). Every label comes from
:mod:`gongkai.report.spec`; the renderers only draw what this module describes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ..model import MISSING, Number, Report, TableData
from ..spec import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTES,
    FORMAT_2021,
    FORMATS,
    GROUP_OUTCOMES,
    SECTION_KEYS,
    SECTIONS,
    TABLE_KEYS,
    Format,
    Row,
    Table,
    TableKey,
    format_for_year,
)

# The header labels of table 三 that carry no numbers, in the order spec.py lists them: the
# 勾稽 note of the top-left cell, 申请人情况 and 法人或其他组织.
NOTE, APPLICANT_HEAD, ORGANISATION_HEAD = FORMAT_2021.applications.headings[:3]
ITEM_HEAD = FORMAT_2021.proactive.headings[-1]  # 信息内容
REVIEW_HEAD = DISPUTES.rows[0].label  # 行政复议
LITIGATION_HEAD = DISPUTES.rows[1].group or ""  # 行政诉讼
LABEL_COLUMNS = 3  # table 三: three label columns left of the seven numbers

# the section each table belongs to: 二 → table 二, 三 → table 三, 四 → table 四
TABLE_SECTION: dict[TableKey, str] = dict(zip(TABLE_KEYS, SECTION_KEYS[1:4], strict=True))

CellKind = Literal["caption", "note", "head", "group", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    """One cell of a table, placed at its top-left corner with its spans.

    ``kind``: a block caption (第二十条第（一）项), the 勾稽 note, a column header, a group label
    spanning several rows, a row label, or a value. A value cell names its ``key`` (row key,
    column key) and holds its number as text, empty when the value is null.
    """

    row: int
    col: int
    text: str
    kind: CellKind
    rowspan: int = 1
    colspan: int = 1
    key: tuple[str, str | None] | None = None
    value: Number | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class Grid:
    key: TableKey
    name: str  # 表二, 表三, 表四
    n_rows: int
    n_cols: int
    widths: tuple[float, ...]  # relative column widths
    header_rows: int  # rows repeated at the top of every page
    keep: tuple[tuple[int, int], ...]  # row ranges [start, end) that must not be split by a page
    cells: tuple[GridCell, ...]
    dense: bool = False  # many narrow columns: a smaller type size

    def row_cells(self, row: int) -> tuple[GridCell, ...]:
        """The cells whose top-left corner is in ``row``, left to right."""
        return tuple(sorted((c for c in self.cells if c.row == row), key=lambda c: c.col))

    def covering(self, row: int, col: int) -> GridCell | None:
        for cell in self.cells:
            if cell.row <= row <= cell.last_row and cell.col <= col <= cell.last_col:
                return cell
        return None

    def values(self) -> Iterator[GridCell]:
        return (c for c in self.cells if c.kind == "value")


# ------------------------------------------------------------------------------ blocks


@dataclass(frozen=True)
class Title:
    """The report title; ``lines`` is where a long title breaks (after the agency's name)."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Heading:
    text: str
    key: str  # the section key


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: Literal["preamble", "body", "caption"] = "body"


@dataclass(frozen=True)
class TableBlock:
    grid: Grid


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]  # the agency (when known) and the date


Block = Title | Heading | Paragraph | TableBlock | Signature


def format_value(value: Number | None) -> str:
    """A number exactly as held: integers plainly, decimals with their own places; null blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def format_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def report_format(report: Report) -> Format:
    """The format to draw: the report's own, else the one its year calls for, else 2021."""
    if report.spec is not None:
        return report.spec
    return FORMATS.get(format_for_year(report.year or 0) or "", FORMAT_2021)


def title_text(report: Report) -> str:
    return "".join(title_lines(report))


def title_lines(report: Report) -> tuple[str, ...]:
    year = f"{report.year}年" if report.year else ""
    rest = f"{year}政府信息公开工作年度报告"
    return (report.agency, rest) if report.agency else (rest,)


def preamble(report: Report) -> list[str]:
    sentences: list[str] = []
    if report.period:
        start, end = (format_date(d) for d in (report.period.start, report.period.end))
        sentences.append(f"本年度报告中所列数据的统计期限自{start}起，至{end}止。")
    contact = report.contact
    parts = [
        f"{name}：{value}"
        for name, value in (
            ("地址", contact.address),
            ("邮编", contact.postcode),
            ("电话", contact.phone),
            ("电子邮箱", contact.email),
        )
        if value
    ]
    if parts:
        whom = f"请与{report.agency}联系" if report.agency else "请联系"
        sentences.append(f"如对报告内容有疑问，{whom}（{'；'.join(parts)}）。")
    return ["".join(sentences)] if sentences else []


def document(report: Report) -> tuple[Block, ...]:
    """The whole report in reading order, as the national format lays it out."""
    fmt = report_format(report)
    blocks: list[Block] = [Title(title_lines(report))]
    blocks.extend(Paragraph(text, "preamble") for text in preamble(report))
    tables = {TABLE_SECTION[key]: key for key in TABLE_KEYS}
    for section in SECTIONS:
        blocks.append(Heading(section.title, section.key))
        text = report.sections.get(section.key) or ""
        blocks.extend(Paragraph(line.strip()) for line in text.splitlines() if line.strip())
        table_key = tables.get(section.key)
        data = report.table(table_key) if table_key else None
        if table_key and data is not None:
            blocks.append(TableBlock(grid(fmt, table_key, data)))
    if report.published_on:
        lines = [report.agency] if report.agency else []
        blocks.append(Signature((*lines, format_date(report.published_on))))
    return tuple(blocks)


# ------------------------------------------------------------------------------ grids


def grid(fmt: Format, key: TableKey, data: TableData | None) -> Grid:
    """The table ``key`` of format ``fmt`` as the template draws it, filled from ``data``."""
    table = fmt.table(key)
    if key == "proactive":
        return _proactive(table, data)
    if key == "applications":
        return _applications(table, data)
    return _disputes(table, data)


class _Cells:
    def __init__(self, data: TableData | None) -> None:
        self.data = data
        self.cells: list[GridCell] = []

    def add(
        self, row: int, col: int, text: str, kind: CellKind, rows: int = 1, cols: int = 1
    ) -> None:
        self.cells.append(GridCell(row, col, text, kind, rows, cols))

    def value(self, row: int, col: int, key: tuple[str, str | None], cols: int = 1) -> None:
        # TableData.value, and format_value for a whole number, without the calls: a report
        # has about two hundred values
        number = self.data.cells.get(key, MISSING).value if self.data is not None else None
        text = str(number) if type(number) is int else format_value(number)
        self.cells.append(GridCell(row, col, text, "value", 1, cols, key, number))


def _blocks(table: Table) -> list[tuple[str, list[Row]]]:
    """Table 二's stacked blocks: rows grouped by their 第二十条第（…）项 caption, in order."""
    blocks: list[tuple[str, list[Row]]] = []
    for row in table.rows:
        caption = row.group or ""
        if not blocks or blocks[-1][0] != caption:
            blocks.append((caption, []))
        blocks[-1][1].append(row)
    return blocks


def _proactive(table: Table, data: TableData | None) -> Grid:
    n_cols = 1 + max(len(row.columns) for row in table.rows)
    out = _Cells(data)
    keep: list[tuple[int, int]] = []
    r = 0
    for caption, rows in _blocks(table):
        start = r
        out.add(r, 0, caption, "caption", cols=n_cols)
        r += 1
        columns = rows[0].columns
        out.add(r, 0, ITEM_HEAD, "head")
        for index, column in enumerate(columns):
            span = n_cols - 1 - index if index == len(columns) - 1 else 1
            out.add(r, 1 + index, column.label, "head", cols=span)
        r += 1
        for row in rows:
            out.add(r, 0, row.label, "label")
            for index, column in enumerate(row.columns):
                span = n_cols - 1 - index if index == len(row.columns) - 1 else 1
                out.value(r, 1 + index, (row.key, column.key), cols=span)
            r += 1
        keep.append((start, r))
    widths = (2.0,) + (1.2,) * (n_cols - 1)
    return Grid("proactive", table.name, r, n_cols, widths, 0, tuple(keep), tuple(out.cells))


def _applications(table: Table, data: TableData | None) -> Grid:
    n_cols = LABEL_COLUMNS + len(APPLICANT_COLUMNS)
    out = _Cells(data)
    # three header rows under the top-left note (3 rows × 3 columns)
    out.add(0, 0, NOTE, "note", rows=3, cols=LABEL_COLUMNS)
    out.add(0, LABEL_COLUMNS, APPLICANT_HEAD, "head", cols=len(APPLICANT_COLUMNS))
    first, *organisations, total = APPLICANT_COLUMNS
    out.add(1, LABEL_COLUMNS, first.label, "head", rows=2)
    out.add(1, LABEL_COLUMNS + 1, ORGANISATION_HEAD, "head", cols=len(organisations))
    out.add(1, n_cols - 1, total.label, "head", rows=2)
    for index, column in enumerate(organisations):
        out.add(2, LABEL_COLUMNS + 1 + index, column.label, "head")
    header = 3
    rows = table.rows
    for index, row in enumerate(rows):
        r = header + index
        if row.group is None:
            out.add(r, 0, row.label, "label", cols=LABEL_COLUMNS)
        else:
            if index == 0 or rows[index - 1].group is None:  # the outer group starts here
                span = _span(rows, index, inner=False)
                out.add(r, 0, GROUP_OUTCOMES, "group", rows=span)
            if row.group == GROUP_OUTCOMES:
                out.add(r, 1, row.label, "label", cols=LABEL_COLUMNS - 1)
            else:
                if rows[index - 1].group != row.group:
                    span = _span(rows, index, inner=True)
                    out.add(r, 1, row.group, "group", rows=span)
                out.add(r, 2, row.label, "label")
        for offset, column in enumerate(row.columns):
            out.value(r, LABEL_COLUMNS + offset, (row.key, column.key))
    n_rows = header + len(rows)
    widths = (1.0, 2.0, 3.0) + (0.92,) * len(APPLICANT_COLUMNS)
    keep = ((0, header + 2),)  # the header never parts from the first two rows
    return Grid("applications", table.name, n_rows, n_cols, widths, header, keep, tuple(out.cells))


def _span(rows: tuple[Row, ...], start: int, *, inner: bool) -> int:
    """The rowspan of a group cell starting at ``start``: the rows under the same sub-group
    (``inner``), or all the grouped rows in a run (the outer 三、本年度办理结果)."""
    first = rows[start].group
    count = 0
    for row in rows[start:]:
        if row.group is None or (inner and row.group != first):
            break
        count += 1
    return count


def _disputes(table: Table, data: TableData | None) -> Grid:
    width = len(DISPUTE_COLUMNS)
    review, *litigation = table.rows
    n_cols = width * len(table.rows)
    out = _Cells(data)
    out.add(0, 0, REVIEW_HEAD, "head", cols=width)
    out.add(0, width, LITIGATION_HEAD, "head", cols=width * len(litigation))
    for index, column in enumerate(DISPUTE_COLUMNS):
        out.add(1, index, column.label, "head", rows=2)
    for group, row in enumerate(litigation, start=1):
        out.add(1, group * width, row.label, "head", cols=width)
        for index, column in enumerate(DISPUTE_COLUMNS):
            out.add(2, group * width + index, column.label, "head")
    for group, row in enumerate(table.rows):
        for index, column in enumerate(row.columns):
            out.value(3, group * width + index, (row.key, column.key))
    assert review.label == REVIEW_HEAD
    return Grid(
        "disputes", table.name, 4, n_cols, (1.0,) * n_cols, 3, ((0, 4),), tuple(out.cells), True
    )
