"""The XLSX sheet as a plan: what each cell holds and how it is styled, in the order openpyxl is
told, before any library is involved.

A plan has two halves. Its ops (:attr:`SheetPlan.ops`) are every call that styles or merges
cells, in order: merging the text rows, boxing and filling the table cells, with the font, the
alignment, the number format and the quote prefix each cell is given; openpyxl's style tables,
style numbers and merged ranges follow from them alone (:mod:`.xlsx_styles`). Its content is the
text and numbers of the cells and the height of each row. :mod:`.xlsx_openpyxl` hands a plan to
openpyxl (the reference); :mod:`.xlsx` writes it as XML text.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ..inert import looks_like_formula
from ..model import Report
from .layout import Block, Grid, Heading, Paragraph, Signature, TableBlock, Title, document
from .ooxml import xml_text

SHEET_TITLE = "年度报告"
SHEET_COLUMNS = 15
COLUMN_WIDTH = 6.2  # in Excel's character units: 15 columns ≈ the A4 text width
CHARS_PER_COLUMN = 3.3  # Chinese characters of 10.5 pt in one sheet column
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
MAX_TEXT = 32767  # characters in one cell: openpyxl cuts a longer string there

# a font: (name, size, bold, colour)
FontKey = tuple[str, float, bool, str | None]
MARK_FONT: FontKey = (HEADING_FONT, 14, True, "C00000")
TITLE: FontKey = (TITLE_FONT, 18, False, None)
HEADING: FontKey = (HEADING_FONT, 12, False, None)
BODY: FontKey = (BODY_FONT, 12, False, None)

CellValue = str | int | Decimal | None


class TextRow(NamedTuple):
    """A row merged across the sheet with one string cell in column A."""

    row: int
    font: FontKey
    horizontal: str
    quote: bool


class Box(NamedTuple):
    """A table cell's range: every cell in it gets the thin box, then the range is merged
    when it spans more than one cell."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


class Fill(NamedTuple):
    """The top-left cell of a table cell: its font and alignment, then text or a number."""

    row: int
    col: int
    size: float
    horizontal: str
    text: bool  # a string cell (else a number, or nothing for a null value)
    quote: bool
    number_format: str | None


@dataclass
class SheetPlan:
    ops: list[Op] = field(default_factory=list)
    values: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    watermark: str = ""
    title: str = ""
    creator: str = ""


def plan(report: Report, watermark: str = "") -> SheetPlan:
    blocks = document(report)
    sheet = SheetPlan(watermark=watermark)
    row = 1
    if watermark:  # the first row, and the header of every printed page
        row = _text_row(sheet, row, watermark, MARK_FONT, "center")
    for block in blocks:
        row = _block(sheet, block, row)
    sheet.title = xml_text(next((b.text for b in blocks if isinstance(b, Title)), ""))
    sheet.creator = xml_text(report.agency or "")
    return sheet


def _block(sheet: SheetPlan, block: Block, row: int) -> int:
    if isinstance(block, Title):
        return _text_row(sheet, row, block.text, TITLE, "center")
    if isinstance(block, Heading):
        return _text_row(sheet, row, block.text, HEADING, "left")
    if isinstance(block, Paragraph):
        return _text_row(sheet, row, block.text, BODY, "left")
    if isinstance(block, TableBlock):
        return _table(sheet, block.grid, row) + 1
    if isinstance(block, Signature):
        row += 1
        for line in block.lines:
            row = _text_row(sheet, row, line, BODY, "right")
    return row


def _text_row(sheet: SheetPlan, row: int, text: str, font: FontKey, horizontal: str) -> int:
    sheet.ops.append(TextRow(row, font, horizontal, looks_like_formula(text)))
    sheet.values[row, 1] = xml_text(text)[:MAX_TEXT]
    size = font[1]
    per_line = SHEET_COLUMNS * CHARS_PER_COLUMN * 10.5 / size
    lines = max(1, math.ceil(len(text) / per_line))
    sheet.heights[row] = round(lines * size * 1.5 + 4, 1)
    return row + 1


def sheet_spans(grid: Grid) -> list[int]:
    """How many sheet columns each grid column covers: one for a number column, the rest shared
    by the label columns in proportion to their widths."""
    return _spans(grid.widths, {c.col for c in grid.values()})


def _spans(widths: tuple[float, ...], numeric: set[int]) -> list[int]:
    labels = [i for i in range(len(widths)) if i not in numeric]
    spans = [1] * len(widths)
    if labels:
        shares = share([widths[i] for i in labels], SHEET_COLUMNS - len(numeric))
        for index, span in zip(labels, shares, strict=True):
            spans[index] = span
    return spans


def share(widths: list[float], total: int) -> list[int]:
    """``total`` columns shared in proportion to ``widths``, at least one each."""
    weight = sum(widths)
    spans = [max(1, math.floor(total * w / weight)) for w in widths]
    order = sorted(range(len(widths)), key=lambda i: (total * widths[i] / weight) - spans[i])
    while sum(spans) < total:
        spans[order.pop()] += 1
    while sum(spans) > total:
        widest = max(range(len(spans)), key=lambda i: spans[i])
        spans[widest] -= 1
    return spans


@dataclass(frozen=True, eq=False)
class TableLayout:
    """Where a table's cells go on the sheet, for every grid of one structure: per grid cell its
    first and last row (counted from the table's first), first and last sheet column, its
    alignment and, for a one-row cell, the characters a line of it holds (None for a cell
    spanning rows). Compared by identity: one per structure."""

    size: float
    cells: tuple[tuple[int, int, int, int, str, float | None], ...]


@dataclass(frozen=True, eq=False)
class TableOps:
    """A table's ops, rows counted from its first row. Compared by identity: one per layout and
    set of per-cell choices (quote prefix, number format)."""

    ops: tuple[Box | Fill, ...]


class Table(NamedTuple):
    """The ops of a table placed with its first row at ``top``."""

    top: int
    ops: TableOps


Op = TextRow | Table


def _table(sheet: SheetPlan, grid: Grid, top: int) -> int:
    structure = tuple([(c.row, c.col, c.rowspan, c.colspan, c.kind) for c in grid.cells])
    layout = _layout((grid.dense, grid.n_rows, grid.widths, structure))
    size = layout.size
    lines = [1] * grid.n_rows
    values = sheet.values
    choices: list[bool | str | None] = []
    for cell, (_row, _last_row, first, _last, _horizontal, chars) in zip(
        grid.cells, layout.cells, strict=True
    ):
        if cell.kind != "value":
            quote, text = _text_cell(cell.text)
            choices.append(quote)
            values[top + cell.row, first] = text
        else:
            value = cell.value
            choices.append(_number_format(value) if isinstance(value, Decimal) else None)
            values[top + cell.row, first] = value
        if chars is not None:
            needed = math.ceil(len(cell.text) / chars)
            if needed > lines[cell.row]:
                lines[cell.row] = needed
    sheet.ops.append(Table(top, _table_ops(layout, tuple(choices))))
    for index, count in enumerate(lines):
        sheet.heights[top + index] = round(count * size * 1.35 + 4, 1)
    return top + grid.n_rows


@functools.lru_cache(maxsize=4096)
def _text_cell(text: str) -> tuple[bool, str]:
    """Whether a table's text would start a formula, and the text as the cell holds it; kept
    per text, as the tables' labels recur in every report."""
    return looks_like_formula(text), xml_text(text)[:MAX_TEXT]


def _number_format(value: Decimal) -> str:
    places = max(0, -int(value.as_tuple().exponent))
    return "0." + "0" * places if places else "0"


@functools.lru_cache(maxsize=64)
def _layout(
    structure: tuple[bool, int, tuple[float, ...], tuple[tuple[int, int, int, int, str], ...]],
) -> TableLayout:
    dense, _n_rows, widths, cells = structure
    spans = _spans(widths, {col for _row, col, _rows, _cols, kind in cells if kind == "value"})
    starts = [1 + sum(spans[:i]) for i in range(len(spans))]
    size = 9 if dense else 10.5
    placed: list[tuple[int, int, int, int, str, float | None]] = []
    for row, col, rowspan, colspan, kind in cells:
        last_col = col + colspan - 1
        first, last = starts[col], starts[last_col] + spans[last_col] - 1
        horizontal = "left" if kind == "label" else "center"
        chars = (
            max((last - first + 1) * CHARS_PER_COLUMN * 10.5 / size, 1) if rowspan == 1 else None
        )
        placed.append((row, row + rowspan - 1, first, last, horizontal, chars))
    return TableLayout(size, tuple(placed))


@functools.lru_cache(maxsize=256)
def _table_ops(layout: TableLayout, choices: tuple[bool | str | None, ...]) -> TableOps:
    ops: list[Box | Fill] = []
    for (row, last_row, first, last, horizontal, _chars), choice in zip(
        layout.cells, choices, strict=True
    ):
        ops.append(Box(row, first, last_row, last))
        if isinstance(choice, bool):
            ops.append(Fill(row, first, layout.size, horizontal, True, choice, None))
        else:
            ops.append(Fill(row, first, layout.size, horizontal, False, False, choice))
    return TableOps(tuple(ops))
