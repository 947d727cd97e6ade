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

from .xlsx_sheet import BODY_FONT, SHEET_COLUMNS, Box, Fill, FontKey, SheetPlan, Table, TextRow

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
            self.edges[key] = (
                None if line and line.style is None else self.number(Border(**{side: line}))
            )
        return self.edges[key]

    def corner(self, border: int) -> int:
        """The border with the right and bottom sides of ``border``."""
        found = self.corners.get(border)
        if found is None:
            source = self.objects[border]
            found = self.corners[border] = self.number(
                Border(right=source.right, bottom=source.bottom)
            )
        return found


BORDERS = _Borders()


@dataclass(frozen=True)
class SheetStyles:
    """The style number of every cell openpyxl writes, and the tables behind those numbers."""

    cells: dict[tuple[int, int], int]  # (row, column) → cellXfs index; 0 for an unstyled cell
    merged: list[tuple[int, int, int, int]]  # merged ranges in the order openpyxl writes them
    held: list[tuple[int, int]]  # every cell openpyxl holds, written or not
    tables: tuple[object, ...]  # what the style sheet XML depends on


class _Workbook:
    """The style tables of one workbook as openpyxl builds them, and each cell's style array
    (with the border as its number in :data:`BORDERS` until the end)."""

    def __init__(self) -> None:
        self.fonts: dict[FontKey, int] = {}
        self.alignments: dict[str, int] = {}
        self.formats: dict[str, int] = {}
        self.borders: dict[int, int] = {BORDERS.default: 0}
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.merged: dict[tuple[int, int, int, int], None] = {}  # in the order merged
        # the cells of the tables, final: their style arrays as written (None: unstyled)
        self.done: dict[tuple[int, int], tuple[int, ...] | None] = {}

    def tables(self) -> tuple[object, ...]:
        return (
            tuple(self.fonts.items()),
            tuple(self.alignments.items()),
            tuple(self.formats.items()),
            tuple(self.borders.items()),
        )

    def cell(self, row: int, col: int) -> list[int]:
        found = self.cells.get((row, col))
        if found is None:
            found = self.cells[row, col] = [0] * 9
        return found

    def set_border(self, style: list[int], border: int) -> None:
        self.borders.setdefault(border, len(self.borders))
        style[BORDER] = border

    def set_font(self, style: list[int], font: FontKey) -> None:
        style[FONT] = self.fonts.setdefault(font, len(self.fonts) + 1)  # 0: openpyxl's default

    def set_alignment(self, style: list[int], horizontal: str) -> None:
        style[ALIGNMENT] = self.alignments.setdefault(horizontal, len(self.alignments) + 1)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """worksheet.merge_cells: MergedCellRange._get_borders, _clean_merge_range, format."""
        self.merged[r1, c1, r2, c2] = None
        start = self.cell(r1, c1)
        end = self.cells.get((r2, c2))
        if end is not None:
            self.set_border(start, BORDERS.add(start[BORDER], BORDERS.corner(end[BORDER])))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if r != r1 or c != c1:
                    self.cells[r, c] = [0] * 9
        for side in SIDES:
            line = BORDERS.edge(start[BORDER], side)
            if line is None:
                continue
            for coord in _edge(side, r1, c1, r2, c2):
                style = self.cells[coord]
                self.set_border(style, BORDERS.add(style[BORDER], line))

    def text_row(self, op: TextRow) -> None:
        self.merge(op.row, 1, op.row, SHEET_COLUMNS)
        style = self.cell(op.row, 1)
        if op.quote:
            style[QUOTE] = 1
        self.set_font(style, op.font)
        self.set_alignment(style, op.horizontal)

    def box(self, op: Box) -> None:
        for r in range(op.first_row, op.last_row + 1):
            for c in range(op.first_col, op.last_col + 1):
                self.set_border(self.cell(r, c), BORDERS.box)
        if op.last_row > op.first_row or op.last_col > op.first_col:
            self.merge(op.first_row, op.first_col, op.last_row, op.last_col)

    def fill(self, op: Fill) -> None:
        style = self.cell(op.row, op.col)
        self.set_font(style, (BODY_FONT, op.size, False, None))
        self.set_alignment(style, op.horizontal)
        if op.quote:
            style[QUOTE] = 1
        code = op.number_format
        if code is None:
            return
        if code in BUILTIN_FORMATS_REVERSE:
            style[NUMBER_FORMAT] = BUILTIN_FORMATS_REVERSE[code]
        else:
            style[NUMBER_FORMAT] = (
                self.formats.setdefault(code, len(self.formats)) + BUILTIN_FORMATS_MAX_SIZE
            )

    def table(self, op: Table) -> None:
        """A table's ops, their effect worked out once for these tables and this table's ops:
        a table starts on rows no cell has reached yet, so nothing else bears on it."""
        key = (self.tables(), op.ops)
        effect = _table_effects.get(key)
        if effect is None:
            alone = _Workbook()
            alone.fonts, alone.alignments = dict(self.fonts), dict(self.alignments)
            alone.formats, alone.borders = dict(self.formats), dict(self.borders)
            for cell_op in op.ops.ops:
                if isinstance(cell_op, Box):
                    alone.box(cell_op)
                else:
                    alone.fill(cell_op)
            # the table's cells are final: what comes after never reaches its rows, and a
            # border keeps the number the workbook first gave it
            numbers = alone.borders
            cells = tuple(
                (r, c, _final(style, numbers) if any(style) else None)
                for (r, c), style in alone.cells.items()
            )
            effect = _TableEffect(alone, cells, tuple(alone.merged))
            with _effects_lock:
                _table_effects[key] = effect
                while len(_table_effects) > EFFECTS_KEPT:
                    del _table_effects[next(iter(_table_effects))]
        after = effect.after
        self.fonts, self.alignments = dict(after.fonts), dict(after.alignments)
        self.formats, self.borders = dict(after.formats), dict(after.borders)
        top = op.top
        done = self.done
        for r, c, final in effect.cells:
            done[top + r, c] = final
        for r1, c1, r2, c2 in effect.merged:
            self.merged[top + r1, c1, top + r2, c2] = None


@dataclass(frozen=True)
class _TableEffect:
    after: _Workbook  # its style tables after the table
    cells: tuple[tuple[int, int, tuple[int, ...] | None], ...]  # style arrays; None: unstyled
    merged: tuple[tuple[int, int, int, int], ...]


def _final(style: list[int], borders: dict[int, int]) -> tuple[int, ...]:
    """A style array as the workbook has it: the border by its number in the workbook."""
    final = list(style)
    final[BORDER] = borders[style[BORDER]]
    return tuple(final)


EFFECTS_KEPT = 256
_table_effects: dict[tuple[object, ...], _TableEffect] = {}
_effects_lock = threading.Lock()


@dataclass(frozen=True, eq=False)
class StyledSheet:
    """What a sheet's ops alone decide: every cell openpyxl holds, in the order it writes them,
    with its cellXfs index (None for an unstyled cell, written only when it holds a value), the
    merged ranges in openpyxl's order and the style tables. Compared by identity."""

    cells: tuple[tuple[int, int, int | None], ...]
    merged: tuple[tuple[int, int, int, int], ...]
    tables: tuple[object, ...]


def sheet_styles(sheet: SheetPlan) -> SheetStyles:
    styled = styled_sheet(tuple(sheet.ops))
    values = sheet.values
    written: dict[tuple[int, int], int] = {}
    for row, col, xf in styled.cells:
        if xf is not None:
            written[row, col] = xf
        elif values.get((row, col)) is not None:
            written[row, col] = 0
    held = [(row, col) for row, col, _xf in styled.cells]
    return SheetStyles(written, list(styled.merged), held, styled.tables)


@functools.lru_cache(maxsize=64)
def styled_sheet(ops: tuple[TextRow | Table, ...]) -> StyledSheet:
    """The styles of a sheet with these ops, worked out once per process for each (kept for the
    64 last used): the ops decide them alone; the border numbers they hold are the process's
    (:data:`BORDERS`), which never change once given."""
    workbook = _Workbook()
    for op in ops:
        if isinstance(op, TextRow):
            workbook.text_row(op)
        else:
            workbook.table(op)
    borders = workbook.borders
    xfs: dict[tuple[int, ...], int] = {(0,) * 9: 0}
    cells: list[tuple[int, int, int | None]] = []
    final = workbook.done
    for coord, style in workbook.cells.items():
        final[coord] = _final(style, borders) if any(style) else None
    for coord in sorted(final):
        array = final[coord]
        row, col = coord
        cells.append((row, col, None if array is None else xfs.setdefault(array, len(xfs))))
    # openpyxl keeps merged ranges in a set; these tuples hash as its CellRange objects do
    # (cell_range.py: hash of (min_row, min_col, max_row, max_col)), so the set gives them in
    # the same order when added one by one as openpyxl adds them (a set made at once is sized
    # differently, and its order differs)
    ranges: set[tuple[int, int, int, int]] = set()
    for merged_range in workbook.merged:
        ranges.add(merged_range)
    tables = (
        tuple(workbook.fonts),
        tuple(borders),
        tuple(workbook.alignments),
        tuple(workbook.formats),
        tuple(xfs),
    )
    return StyledSheet(tuple(cells), tuple(ranges), tables)


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
    workbook: Any = Workbook()  # its style tables are set by hand here
    for key in fonts:
        name, size, bold, color = key
        workbook._fonts.add(Font(name=name, size=size, bold=bold or None, color=color))
    workbook._borders = IndexedList([BORDERS.objects[number] for number in borders])
    for horizontal in alignments:
        workbook._alignments.add(
            Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        )
    for code in formats:
        workbook._number_formats.add(code)
    workbook._cell_styles = IndexedList([StyleArray(list(xf)) for xf in xfs])
    return bytes(tostring(write_stylesheet(workbook)))
