"""openpyxl's style bookkeeping for a sheet plan, done without building the workbook.

openpyxl numbers a workbook's fonts, borders, alignments and number formats in the order they are
first given to a cell, and its cell formats (``cellXfs``) in the order the writer first meets them,
row by row. Merging a range rewrites the borders of its edge cells (worksheet/merge.py: the
top-left cell takes the bottom-right cell's right and bottom sides, the cells inside are replaced
by empty merged cells, then each edge cell gets the top-left cell's side on that edge). Here the
same steps are taken on small integers: every distinct border is an openpyxl ``Border`` kept
once per process, and combining two borders (openpyxl's ``+``) is computed by openpyxl the first
time and remembered. The style sheet XML is written by openpyxl itself, once per distinct set of
tables (:func:`stylesheet_xml`).
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.xml.functions import tostring

from .xlsx_sheet import BODY_FONT, SHEET_COLUMNS, Box, Fill, FontKey, SheetPlan, TextRow

# the positions in openpyxl's StyleArray
FONT, BORDER, NUMBER_FORMAT, ALIGNMENT, QUOTE = 0, 2, 3, 5, 7
SIDES = ("top", "left", "right", "bottom")


class _Borders:
    """Every border met in this process, numbered, and openpyxl's ``+`` on them remembered."""

    def __init__(self) -> None:
        self.objects: list[Any] = []
        self.numbers: dict[Any, int] = {}
        self.sums: dict[tuple[int, int], int] = {}
        self.edges: dict[tuple[int, str], int | None] = {}
        self.corners: dict[int, int] = {}
        self.lock = threading.Lock()
        self.default = self.number(DEFAULT_BORDER)  # what a new workbook numbers 0
        thin = Side(style="thin", color="000000")
        self.box = self.number(Border(left=thin, right=thin, top=thin, bottom=thin))

    def number(self, border: Any) -> int:
        with self.lock:
            found = self.numbers.get(border)
            if found is None:
                found = self.numbers[border] = len(self.objects)
                self.objects.append(border)
            return found

    def add(self, a: int, b: int) -> int:
        """``a + b`` as openpyxl adds borders (a cell's border ``+=`` another)."""
        found = self.sums.get((a, b))
        if found is None:
            found = self.sums[a, b] = self.number(self.objects[a] + self.objects[b])
        return found

    def edge(self, border: int, side: str) -> int | None:
        """The border carrying only ``side`` of ``border``; None when that side has no style."""
        key = (border, side)
        if key not in self.edges:
            line = getattr(self.objects[border], side)
            self.edges[key] = None if line and line.style is None else self.number(Border(**{side: line}))
        return self.edges[key]

    def corner(self, border: int) -> int:
        """The border with the right and bottom sides of ``border``."""
        found = self.corners.get(border)
        if found is None:
            source = self.objects[border]
            found = self.corners[border] = self.number(Border(right=source.right, bottom=source.bottom))
        return found


BORDERS = _Borders()


@dataclass(frozen=True)
class SheetStyles:
    """The style number of every cell openpyxl writes, and the tables behind those numbers."""

    cells: dict[tuple[int, int], int]  # (row, column) → cellXfs index; 0 for an unstyled cell
    merged: list[tuple[int, int, int, int]]  # merged ranges in the order openpyxl writes them
    held: list[tuple[int, int]]  # every cell openpyxl holds, written or not
    tables: tuple[object, ...]  # what the style sheet XML depends on


def sheet_styles(sheet: SheetPlan) -> SheetStyles:
    fonts: dict[FontKey, int] = {}
    alignments: dict[str, int] = {}
    formats: dict[str, int] = {}
    borders: dict[int, int] = {BORDERS.default: 0}
    cells: dict[tuple[int, int], list[int]] = {}
    merged: set[tuple[int, int, int, int]] = set()  # hashed as openpyxl's CellRange: same order
    blank = [0] * 9

    def cell(row: int, col: int) -> list[int]:
        found = cells.get((row, col))
        if found is None:
            found = cells[row, col] = blank.copy()
        return found

    def set_border(style: list[int], border: int) -> None:
        borders.setdefault(border, len(borders))
        style[BORDER] = border

    def set_font(style: list[int], font: FontKey) -> None:
        style[FONT] = fonts.setdefault(font, len(fonts) + 1)

    def set_alignment(style: list[int], horizontal: str) -> None:
        style[ALIGNMENT] = alignments.setdefault(horizontal, len(alignments) + 1)

    def merge(r1: int, c1: int, r2: int, c2: int) -> None:
        merged.add((r1, c1, r2, c2))
        start = cell(r1, c1)
        end = cells.get((r2, c2))
        if end is not None:
            set_border(start, BORDERS.add(start[BORDER], BORDERS.corner(end[BORDER])))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    cells[r, c] = blank.copy()
        for side in SIDES:
            line = BORDERS.edge(start[BORDER], side)
            if line is None:
                continue
            for coord in _edge(side, r1, c1, r2, c2):
                style = cells[coord]
                set_border(style, BORDERS.add(style[BORDER], line))

    for op in sheet.ops:
        if isinstance(op, TextRow):
            merge(op.row, 1, op.row, SHEET_COLUMNS)
            style = cell(op.row, 1)
            if op.quote:
                style[QUOTE] = 1
            set_font(style, op.font)
            set_alignment(style, op.horizontal)
        elif isinstance(op, Box):
            for r in range(op.first_row, op.last_row + 1):
                for c in range(op.first_col, op.last_col + 1):
                    set_border(cell(r, c), BORDERS.box)
            if op.last_row > op.first_row or op.last_col > op.first_col:
                merge(op.first_row, op.first_col, op.last_row, op.last_col)
        else:
            _fill(sheet, op, cell(op.row, op.col), set_font, set_alignment, formats)
    numbers = list(borders)  # border number in this process → in the workbook
    xfs: dict[tuple[int, ...], int] = {(0,) * 9: 0}
    written: dict[tuple[int, int], int] = {}
    values = sheet.values
    for coord in sorted(cells):
        style = cells[coord]
        if not any(style):
            if values.get(coord) is not None:
                written[coord] = 0
            continue
        style[BORDER] = borders[style[BORDER]]
        written[coord] = xfs.setdefault(tuple(style), len(xfs))
    tables = (tuple(fonts), tuple(numbers), tuple(alignments), tuple(formats), tuple(xfs))
    return SheetStyles(written, list(merged), list(cells), tables)


def _fill(
    sheet: SheetPlan, op: Fill, style: list[int], set_font: Any, set_alignment: Any, formats: dict[str, int]
) -> None:
    set_font(style, (BODY_FONT, op.size, False, None))
    set_alignment(style, op.horizontal)
    if op.text:
        if op.quote:
            style[QUOTE] = 1
        return
    value = sheet.values[op.row, op.col]
    if isinstance(value, Decimal) and op.number_format is not None:
        code = op.number_format
        if code in BUILTIN_FORMATS_REVERSE:
            style[NUMBER_FORMAT] = BUILTIN_FORMATS_REVERSE[code]
        else:
            style[NUMBER_FORMAT] = formats.setdefault(code, len(formats)) + BUILTIN_FORMATS_MAX_SIZE


def _edge(side: str, r1: int, c1: int, r2: int, c2: int) -> list[tuple[int, int]]:
    if side == "top":
        return [(r1, c) for c in range(c1, c2 + 1)]
    if side == "bottom":
        return [(r2, c) for c in range(c1, c2 + 1)]
    if side == "left":
        return [(r, c1) for r in range(r1, r2 + 1)]
    return [(r, c2) for r in range(r1, r2 + 1)]


def range_ref(merged: tuple[int, int, int, int]) -> str:
    r1, c1, r2, c2 = merged
    return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"


@functools.lru_cache(maxsize=64)
def stylesheet_xml(tables: tuple[Any, ...]) -> bytes:
    """``xl/styles.xml`` as openpyxl writes it for these tables (:attr:`SheetStyles.tables`)."""
    fonts, borders, alignments, formats, xfs = tables
    workbook = Workbook()
    for key in fonts:
        name, size, bold, color = key
        workbook._fonts.add(Font(name=name, size=size, bold=bold or None, color=color))
    workbook._borders = IndexedList([BORDERS.objects[number] for number in borders])
    for horizontal in alignments:
        workbook._alignments.add(Alignment(horizontal=horizontal, vertical="center", wrap_text=True))
    for code in formats:
        workbook._number_formats.add(code)
    workbook._cell_styles = IndexedList([StyleArray(list(xf)) for xf in xfs])
    return bytes(tostring(write_stylesheet(workbook)))
