"""What the structured readers share: inline text joined as a reader sees it, and tables with
merged cells expanded into the full matrix of cells.

Merged cells. A cell that spans rows or columns puts its text at its origin (top-left) slot.
The slots it covers below the origin are empty strings. The slots it covers to the right of the
origin, in the origin's own row, repeat the text when the cell is a label, and are empty when
it holds a value (a number or a blank). Why: the assembler finds a row's values as the run of
value cells after its label, and trims blank padding from either end of a run. A label that
spans three columns ("一、本年新收…" in 表三) would otherwise put two padding blanks *before*
the row's seven values, while the rows below that sit under a group label spanning rows put
padding blanks *after* them; with padding on both sides a genuinely blank first or last cell
(a 总计 left empty) cannot be told from padding, and the values would shift by one column.
Repeating the label keeps the padding out of the run; a number is never repeated, so no value
is ever counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..errors import ReadError
from ..normalize import clean_line, parse_value
from .base import RawLine
from .limits import ReadLimits

_WS = re.compile(r"[ \t\r\n\f\v]+")
_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
)
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")


def tidy(text: str) -> str:
    """One line of inline text: Word residue removed, whitespace collapsed, and no space left
    beside a Chinese character (a line break or tag boundary inside a CJK word is no space)."""
    text = _WS.sub(" ", clean_line(text)).strip()
    if " " in text:
        text = _SPACE_BY_CJK.sub("", text)
    return text


def join_pieces(pieces: Iterable[str]) -> str:
    """Lines of one cell or paragraph joined as one: "结果" + "维持" → "结果维持"."""
    return tidy(" ".join(p for p in pieces if p))


def is_label(text: str) -> bool:
    return bool(text) and parse_value(text).kind == "text"


class Grid:
    """A table being filled slot by slot; ``rows()`` gives the full matrix of cell texts."""

    def __init__(self, source: str | None, limits: ReadLimits) -> None:
        self.slots: dict[tuple[int, int], str] = {}
        self.source = source
        self.limits = limits
        self.height = 0

    def taken(self, row: int, col: int) -> bool:
        return (row, col) in self.slots

    def next_free(self, row: int, col: int) -> int:
        while (row, col) in self.slots:
            col += 1
        return col

    def place(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        rowspan, colspan = max(rowspan, 1), max(colspan, 1)
        if len(self.slots) + rowspan * colspan > self.limits.max_table_cells:
            raise ReadError(
                self.source,
                f"表格展开合并单元格后超过 {self.limits.max_table_cells} 个单元格，超出读取上限，未读取",
            )
        repeat = text if is_label(text) else ""
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                if (r, c) in self.slots and (r, c) != (row, col):
                    continue  # overlapping spans: the first cell keeps the slot
                if r == row:
                    self.slots[(r, c)] = text if c == col else repeat
                else:
                    self.slots[(r, c)] = ""
        self.height = max(self.height, row + rowspan)

    def rows(self) -> list[tuple[str, ...]]:
        widths: dict[int, int] = {}
        for r, c in self.slots:
            widths[r] = max(widths.get(r, 0), c + 1)
        return [
            tuple(self.slots.get((r, c), "") for c in range(widths.get(r, 0)))
            for r in range(self.height)
        ]


def table_lines(rows: Sequence[tuple[str, ...]], first_number: int) -> list[RawLine]:
    """Rows of cells as raw lines; a row with no text at all is left out."""
    out: list[RawLine] = []
    number = first_number
    for cells in rows:
        if any(cells):
            out.append(RawLine("\t".join(cells), number, cells))
            number += 1
    return out


class LineSink:
    """Collects a document's lines in order, numbering them and enforcing the line limit."""

    def __init__(self, source: str | None, limits: ReadLimits) -> None:
        self.lines: list[RawLine] = []
        self.source = source
        self.limits = limits

    def text(self, text: str) -> None:
        text = tidy(text)
        if text:
            self._add(RawLine(text, len(self.lines) + 1))

    def row(self, cells: tuple[str, ...]) -> None:
        if any(cells):
            self._add(RawLine("\t".join(cells), len(self.lines) + 1, cells))

    def table(self, grid: Grid) -> None:
        for cells in grid.rows():
            self.row(cells)

    def _add(self, line: RawLine) -> None:
        if len(self.lines) >= self.limits.max_lines:
            raise ReadError(self.source, f"文档超过 {self.limits.max_lines} 行，超出读取上限，未读取")
        self.lines.append(line)
