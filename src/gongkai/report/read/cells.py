"""What the structured readers share: inline text joined as a reader sees it, and tables with
merged cells expanded into the full matrix of cells.

Merged cells. A cell that spans rows or columns puts its text at its origin (top-left) slot.
The slots it covers below the origin are empty strings. The slots it covers to the right of the
origin, in the origin's own row, are empty too, except in a row that holds numbers, where a
label's text is repeated (a number or a blank is never repeated). Why: the assembler finds a row's values as the run of
value cells after its label, and trims blank padding from either end of a run. A label that
spans three columns ("一、本年新收…" in 表三) would otherwise put two padding blanks *before*
the row's seven values, while the rows below that sit under a group label spanning rows put
padding blanks *after* them; with padding on both sides a genuinely blank first or last cell
(a 总计 left empty) cannot be told from padding, and the values would shift by one column.
Repeating the label keeps the padding out of the run; a number is never repeated, so no value
is ever counted twice. Header rows (no numbers) keep plain empty slots, so that a line's text
stays what a person reads ("行政复议" once, not five times).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def tidy(text: str, literal: bool = False) -> str:
    """One line of inline text: Word residue removed, whitespace collapsed, and (unless
    ``literal``) no space left beside a Chinese character. HTML and PDF text is not literal:
    a line break or tag boundary inside a CJK word is no space there. DOCX and spreadsheet text
    is: a space typed between "2024" and "年" stays."""
    text = _WS.sub(" ", clean_line(text)).strip()
    if not literal and " " in text:
        text = _SPACE_BY_CJK.sub("", text)
    return text


_CJK_CHAR = re.compile(f"[{_CJK}]")


def _cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def join_pieces(pieces: Iterable[str], literal: bool = False) -> str:
    """Lines of one cell or paragraph joined as one: "结果" + "维持" → "结果维持"; a space
    only where Latin text meets Latin text."""
    if not literal:
        return tidy(" ".join(p for p in pieces if p))
    out = ""
    for piece in pieces:
        piece = tidy(piece, literal=True)
        if not piece:
            continue
        if out and not (_cjk(out[-1]) or _cjk(piece[0])):
            out += " "
        out += piece
    return out


def is_label(text: str) -> bool:
    return bool(text) and parse_value(text).kind == "text"


class Grid:
    """A table being filled slot by slot; ``rows()`` gives the full matrix of cell texts."""

    def __init__(self, source: str | None, limits: ReadLimits) -> None:
        # (row, col) → (text, how): how is "origin", "right" (covered, origin's row) or "below"
        self.slots: dict[tuple[int, int], tuple[str, str]] = {}
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
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                if (r, c) in self.slots:
                    continue  # overlapping spans: the first cell keeps the slot
                how = "origin" if (r, c) == (row, col) else "right" if r == row else "below"
                self.slots[(r, c)] = (text, how)
        self.height = max(self.height, row + rowspan)

    def rows(self) -> list[tuple[str, ...]]:
        """The full matrix, every row as wide as the widest. Label text is repeated to the
        right only in rows that hold a number (see the module notes); header rows keep plain
        empty slots."""
        width = 0
        numbered: set[int] = set()
        for (r, c), (text, how) in self.slots.items():
            width = max(width, c + 1)
            if how == "origin" and text and parse_value(text).kind == "number":
                numbered.add(r)
        out = []
        for r in range(self.height):
            row = []
            for c in range(width):
                text, how = self.slots.get((r, c), ("", "below"))
                if how == "below" or (how == "right" and (r not in numbered or not is_label(text))):
                    text = ""
                row.append(text)
            out.append(tuple(row))
        return out


class LineSink:
    """Collects a document's lines in order, numbering them and enforcing the line limit."""

    def __init__(self, source: str | None, limits: ReadLimits, literal: bool = False) -> None:
        self.lines: list[RawLine] = []
        self.source = source
        self.limits = limits
        self.literal = literal

    def text(self, text: str) -> None:
        text = tidy(text, self.literal)
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
            raise ReadError(
                self.source, f"文档超过 {self.limits.max_lines} 行，超出读取上限，未读取"
            )
        self.lines.append(line)
