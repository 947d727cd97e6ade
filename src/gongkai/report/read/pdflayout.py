"""Page geometry for the PDF reader, independent of the PDF library: characters with boxes,
ruling lines, and from them text lines and table cells.

Coordinates are in reading space: x grows along a line, y grows down the page.

Table cells come from the ruling lines, never from the spacing of the text: the finest grid of
all horizontal and vertical rules is built, neighbouring grid cells with no rule between them
are merged (that is how a merged cell looks on paper), and each character goes to the cell its
centre lies in. So digits in neighbouring cells never run together, one number is never split,
and an empty cell is an empty string, read as blank.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .cells import Grid, join_pieces

TOLERANCE = 2.0  # points: rules this close are the same rule
MAX_RULES = 4000  # per page; beyond this the page is read as text only
_BOX_SIDE = 8.0  # points: the sides of nested layout boxes lie closer together than a cell is wide
_MAX_WORK = 400_000  # vertical rules × grid lines of one group split into tables; beyond, one table


class Char:
    """A character and its box in reading space; ``turn`` is the degrees the glyph is turned
    against the page's reading direction. Its centre and size are asked for often: kept."""

    __slots__ = ("cx", "cy", "size", "text", "turn", "width", "x0", "x1", "y0", "y1")

    def __init__(
        self, text: str, x0: float, y0: float, x1: float, y1: float, turn: int = 0
    ) -> None:
        self.text = text
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.turn = turn
        self.size = max(y1 - y0, 1.0)
        self.width = max(x1 - x0, 1.0)
        self.cx = (x0 + x1) / 2
        self.cy = (y0 + y1) / 2

    def __repr__(self) -> str:
        return f"Char({self.text!r}, {self.x0:.1f}, {self.y0:.1f}, {self.x1:.1f}, {self.y1:.1f})"


@dataclass(frozen=True)
class Rule:
    """A horizontal (``at`` is y, from ``start`` to ``end`` in x) or vertical rule."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class TextLine:
    chars: list[Char]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def y0(self) -> float:
        return min(c.y0 for c in self.chars)

    @property
    def size(self) -> float:
        sizes = sorted(c.size for c in self.chars)
        return sizes[len(sizes) // 2]

    def text(self, cell_gap: float | None = None) -> str:
        """The line's text: a space where the gap is wider than a third of the type size (words
        of Latin text), a tab where it is wider than ``cell_gap`` sizes (columns of a table
        drawn without rules)."""
        out: list[str] = []
        previous: Char | None = None
        for char in self.chars:
            if previous is not None:
                gap = char.x0 - previous.x1
                size = max(char.size, previous.size)
                if cell_gap is not None and gap > cell_gap * size:
                    out.append("\t")
                elif gap > size / 3:
                    out.append(" ")
            out.append(char.text)
            previous = char
        return "".join(out)


def text_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Characters grouped into lines (by vertical overlap), each sorted along the line;
    characters turned against the page (text written up or down a cell) in lines of their own,
    after the others."""
    upright: list[Char] = []
    turned: list[Char] = []
    for char in chars:
        (turned if char.turn else upright).append(char)
    lines: list[TextLine] = []
    centres: list[float] = []
    for char in sorted(upright, key=lambda c: (c.cy, c.x0)):
        if lines:
            line = lines[-1]
            if abs(char.cy - centres[-1]) <= max(line.chars[-1].size, char.size) * 0.5:
                line.chars.append(char)
                count = len(line.chars)
                centres[-1] += (char.cy - centres[-1]) / count
                continue
        lines.append(TextLine([char]))
        centres.append(char.cy)
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return lines + _turned_lines(turned) if turned else lines


def _turned_lines(chars: list[Char]) -> list[TextLine]:
    """Text turned a quarter: columns of characters (by horizontal overlap), read up the page
    when turned 270° (Word's btLr, the first column on the left) and down it otherwise (the
    first column on the right)."""
    columns: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.cx, c.y0)):
        if columns and abs(char.cx - columns[-1][-1].cx) <= char.width * 0.5:
            columns[-1].append(char)
        else:
            columns.append([char])
    up = sum(1 for c in chars if c.turn == 270) * 2 > len(chars)
    if not up:
        columns.reverse()
    for column in columns:
        column.sort(key=lambda c: -c.cy if up else c.cy)
    return [TextLine(column) for column in columns]


def cell_text(chars: Sequence[Char]) -> str:
    return join_pieces(line.text() for line in text_lines(chars))


# ------------------------------------------------------------------------------ tables


@dataclass
class TableFrame:
    """One ruled table on a page: grid positions and the rules that draw it."""

    xs: list[float]
    ys: list[float]
    rules: list[Rule]

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, char: Char) -> bool:
        return (self.xs[0] - 1 <= char.cx <= self.xs[-1] + 1) and (
            self.ys[0] - 1 <= char.cy <= self.ys[-1] + 1
        )

    def encloses(self, other: TableFrame) -> bool:
        t = TOLERANCE
        return (
            self.xs[0] - t <= other.xs[0]
            and other.xs[-1] <= self.xs[-1] + t
            and self.ys[0] - t <= other.ys[0]
            and other.ys[-1] <= self.ys[-1] + t
        )


def _cluster(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= TOLERANCE:
            continue
        out.append(value)
    return out


def _joined(rules: Iterable[Rule]) -> list[Rule]:
    """Collinear rules that meet joined into one: a browser draws a row's border cell by cell,
    and a border segment that meets no vertical rule still separates the rows."""
    lines: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r.at):
        if lines and rule.at - lines[-1][0].at <= 1.0:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    out: list[Rule] = []
    for line in lines:
        first = len(out)
        for rule in sorted(line, key=lambda r: r.start):
            if len(out) > first and rule.start <= out[-1].end + TOLERANCE:
                last = out[-1]
                if rule.end > last.end:
                    out[-1] = Rule(last.horizontal, last.at, last.start, rule.end)
                continue
            out.append(rule)
    return out


def find_tables(rules: Sequence[Rule], chars: Sequence[Char] = ()) -> list[TableFrame]:
    """Groups of rules that touch each other and draw at least a 1×1 grid, split into tables
    where they draw the boxes of a page layout (see ``_tables_in``; only with ``chars``)."""
    if len(rules) > MAX_RULES:
        return []
    centres = sorted((c.cy, c.cx) for c in chars)
    horizontal = _joined(r for r in rules if r.horizontal)
    vertical = _joined(r for r in rules if not r.horizontal)
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = TOLERANCE
    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            if h.start - t <= v.at <= h.end + t and v.start - t <= h.at <= v.end + t:
                a, b = find(hi), find(len(horizontal) + vi)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    for index, rule in enumerate(horizontal + vertical):
        groups.setdefault(find(index), []).append(rule)
    frames = []
    for group in groups.values():
        xs = _cluster(r.at for r in group if not r.horizontal)
        ys = _cluster(r.at for r in group if r.horizontal)
        if len(xs) >= 2 and len(ys) >= 2:
            _open_ends(xs, ys, group)
            if centres:
                frames.extend(_tables_in(xs, ys, group, centres))
            else:
                frames.append(TableFrame(xs, ys, group))
    # a frame around other frames is a layout box (a web page's layout table, a border drawn
    # around the article): its text is read as the page's, and the tables inside as tables
    frames = [f for f in frames if not any(g is not f and f.encloses(g) for g in frames)]
    frames.sort(key=lambda f: f.top)
    return frames


def _tables_in(
    xs: list[float], ys: list[float], group: list[Rule], centres: list[tuple[float, float]]
) -> list[TableFrame]:
    """The tables of one group of touching rules. A web page printed to PDF draws its layout
    table's cells as boxes around the article, touching the tables inside them. A band of the
    group (between two neighbouring grid lines) whose text has no vertical rule between its
    characters and, on either side, only rules close together (the sides of nested boxes; an
    empty cell is wider) is not a table row: the page's paragraphs between two tables, a title
    in a box, or a table's full-width band. Each run of other bands is a table of its own, with the
    vertical rules that cross it, less a column at either edge that no horizontal rule of the
    run crosses (the gap between a narrow table and the box). ``centres`` are the characters'
    centres (y, x), sorted."""
    t = TOLERANCE
    verticals = [r for r in group if not r.horizontal]
    if len(verticals) * len(ys) > _MAX_WORK:
        return [TableFrame(xs, ys, group)]
    runs: list[tuple[int, int]] = []
    start: int | None = None
    empty: list[bool] = []
    for i in range(len(ys) - 1):
        lo = bisect_right(centres, (ys[i], -math.inf))
        hi = bisect_right(centres, (ys[i + 1], math.inf))
        empty.append(hi <= lo)
        inner = True  # an empty band is left to its neighbours
        if hi > lo:
            left = min(x for _, x in centres[lo:hi])
            right = max(x for _, x in centres[lo:hi])
            middle = (ys[i] + ys[i + 1]) / 2
            crossing = [r.at for r in verticals if r.start - t <= middle <= r.end + t]
            before = [x for x in crossing if x <= left]
            after = [x for x in crossing if x >= right]
            inner = (
                len(before) + len(after) < len(crossing)  # a rule between the band's texts
                or (bool(before) and max(before) - min(before) > _BOX_SIDE)  # empty cells
                or (bool(after) and max(after) - min(after) > _BOX_SIDE)
            )
        if inner and start is None:
            start = i
        elif not inner and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(ys) - 1))
    # empty bands at a run's ends belong to the box, not to the table
    trimmed = []
    for a, b in runs:
        while a < b and empty[a]:
            a += 1
        while b > a and empty[b - 1]:
            b -= 1
        if a < b:
            trimmed.append((a, b))
    if runs == [(0, len(ys) - 1)] and trimmed == runs:
        return [TableFrame(xs, ys, group)]
    horizontal = [r for r in group if r.horizontal]
    frames = []
    for a, b in trimmed:
        top, bottom = ys[a], ys[b]
        cols = _cluster(r.at for r in verticals if min(r.end, bottom) - max(r.start, top) > t)
        lines = [r for r in horizontal if top - t <= r.at <= bottom + t]

        def crossed(left: float, right: float) -> bool:
            middle = (left + right) / 2
            return any(r.start - t <= middle <= r.end + t for r in lines)  # noqa: B023

        while len(cols) > 2 and not crossed(cols[0], cols[1]):
            cols.pop(0)
        while len(cols) > 2 and not crossed(cols[-2], cols[-1]):
            cols.pop()
        if len(cols) >= 2:
            frames.append(TableFrame(cols, ys[a : b + 1], group))
    return frames


def _open_ends(xs: list[float], ys: list[float], group: Sequence[Rule]) -> None:
    """A table broken across pages may have no rule under its last row (or over its first):
    its two outer vertical rules still run down (up) to the page's edge of the table. That
    edge closes the row."""
    left = [r for r in group if not r.horizontal and abs(r.at - xs[0]) <= TOLERANCE]
    right = [r for r in group if not r.horizontal and abs(r.at - xs[-1]) <= TOLERANCE]
    if not left or not right:
        return
    bottom = min(max(r.end for r in left), max(r.end for r in right))
    if bottom > ys[-1] + 2 * TOLERANCE:
        ys.append(bottom)
    top = max(min(r.start for r in left), min(r.start for r in right))
    if top < ys[0] - 2 * TOLERANCE:
        ys.insert(0, top)


def _index(positions: list[float], value: float) -> int:
    return min(max(bisect_right(positions, value) - 1, 0), len(positions) - 2)


def _near(positions: list[float], value: float) -> int | None:
    i = bisect_right(positions, value)
    for k in (i - 1, i):
        if 0 <= k < len(positions) and abs(positions[k] - value) <= TOLERANCE:
            return k
    return None


_NUMBERS = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:\s+[-+]?\d[\d,]*(?:\.\d+)?)+")


def table_grid(frame: TableFrame, chars: Sequence[Char], grid: Grid) -> list[str]:
    """Fill ``grid`` with the frame's cells: finest grid, merged where a rule is missing.
    A cell that holds several numbers set apart (a rule between them missing, or never
    drawn) is left empty: which column each belongs to is not certain from the geometry. Its
    texts are returned, for a finding."""
    xs, ys = frame.xs, frame.ys
    rows, cols = len(ys) - 1, len(xs) - 1
    # rules by grid line: vertical rules at xs[k], horizontal rules at ys[k]
    at_x: dict[int, list[tuple[float, float]]] = {}
    at_y: dict[int, list[tuple[float, float]]] = {}
    for rule in frame.rules:
        positions, store = (ys, at_y) if rule.horizontal else (xs, at_x)
        k = _near(positions, rule.at)
        if k is not None:
            store.setdefault(k, []).append((rule.start, rule.end))

    def ruled(store: dict[int, list[tuple[float, float]]], k: int, middle: float) -> bool:
        return any(a - TOLERANCE <= middle <= b + TOLERANCE for a, b in store.get(k, ()))

    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(rows):
        ymid = (ys[i] + ys[i + 1]) / 2
        for j in range(cols):
            xmid = (xs[j] + xs[j + 1]) / 2
            if j + 1 < cols and not ruled(at_x, j + 1, ymid):
                union(i * cols + j, i * cols + j + 1)
            if i + 1 < rows and not ruled(at_y, i + 1, xmid):
                union(i * cols + j, (i + 1) * cols + j)
    members: dict[int, list[Char]] = {}
    for char in chars:
        cell = _index(ys, char.cy) * cols + _index(xs, char.cx)
        members.setdefault(find(cell), []).append(char)
    extent: dict[int, list[int]] = {}
    for cell in range(rows * cols):
        root = find(cell)
        i, j = divmod(cell, cols)
        box = extent.setdefault(root, [i, j, i, j])
        box[0], box[1] = min(box[0], i), min(box[1], j)
        box[2], box[3] = max(box[2], i), max(box[3], j)
    uncertain: list[str] = []
    for root, (i0, j0, i1, j1) in sorted(extent.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        if grid.taken(i0, j0):
            continue
        text = cell_text(members.get(root, ()))
        if _NUMBERS.fullmatch(text):
            uncertain.append(text)
            text = ""
        grid.place(i0, j0, text, i1 - i0 + 1, j1 - j0 + 1)
    return uncertain
