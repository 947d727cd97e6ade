"""Place a row's values in its cells, and settle what the layout leaves open.

A run of values usually has exactly as many cells as the row. When it does not, the reader
lists every placement the layout allows (candidates) and keeps only those that satisfy the
table's own identities (docs/law.md#identities). A cell is filled only when every surviving candidate
agrees on it; otherwise it stays null and the reader says so. Identities are used to choose
among placements, never to change or invent a number.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import NamedTuple

from .model import Cell, Number
from .normalize import MAX_DIGITS, cell_note, fold, is_digit_run, parse_value
from .tokens import Token

Vector = tuple[Cell, ...]
_text = attrgetter("text")
MAX_PART_DIGITS = 9
MAX_CANDIDATES = 2000
MAX_COMBINATIONS = 20000


class Fit(NamedTuple):
    """The possible contents of one row. ``how`` is "exact", "padded", "run_together",
    "short" (fewer values than cells), "long" (more) or "subtotal_column"."""

    candidates: tuple[Vector, ...]
    how: str
    raw: tuple[str, ...]
    line: int


_new = tuple.__new__  # a Cell without NamedTuple's Python-level constructor: _new(Cell, (…))


def token_cell(token: Token) -> Cell:
    text = token.text
    if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS:  # the common case first
        return _new(Cell, (int(text), "value", text, token.line))
    value = parse_value(text)
    if value.kind == "number":
        return Cell(value.number, "value", token.text.strip(), token.line)
    raw = token.text.strip() if len(token.text) <= 200 else None  # a long run: no raw copy
    if token.kind == "number":  # a figure with a unit or a note (normalize.cell_note)
        noted = cell_note(text) if raw is not None else None
        if noted is not None and not noted.unclear:
            figure = parse_value(noted.figure).number
            if figure is not None:
                return Cell(figure, "value", raw, token.line)
        return Cell(None, "ambiguous", raw, token.line)
    if value.kind == "text":  # digits too many for one number
        return Cell(None, "ambiguous", None, token.line)
    return Cell(None, "blank", token.text.strip(), token.line)


def _token_cells(tokens: Sequence[Token]) -> Vector:
    """:func:`token_cell` of each token, its common case inlined."""
    return tuple(
        [
            _new(Cell, (int(text), "value", text, t.line))
            if (text := t.text).isdigit() and text.isascii() and len(text) <= MAX_DIGITS
            else token_cell(t)
            for t in tokens
        ]
    )


def fit_run(
    tokens: Sequence[Token], width: int, has_total: bool, group: int = 0, vanishing: bool = False
) -> Fit:
    """All placements of ``tokens`` into ``width`` cells. ``has_total``: the last cell of each
    group of ``group`` cells (or of the whole row) is the sum of the others. ``vanishing``: the
    text is a page dump, where an empty cell leaves no trace between run-together digits."""
    values = list(tokens)
    raw = tuple(map(_text, values))
    line = values[0].line if values else 0
    total_group = (group or width) if has_total else 0
    if vanishing and width > 1 and _glued(values):
        # a dump: a run of digits may hold several cells, and an empty cell may have left no
        # trace at all; every reading is a candidate, empty cells counting as 0
        pieces = [None if t.kind == "blank" else fold(t.text).strip() for t in values]
        return _blank_readings(pieces, width, total_group, raw, line)
    if len(values) == width:  # the common case
        return Fit((_token_cells(values),), "exact", raw, line)
    padded = False
    while len(values) > width and values[-1].kind == "blank":
        values.pop()
        padded = True
    while len(values) > width and values[0].kind == "blank":
        values.pop(0)
        padded = True
    if len(values) == width:
        return Fit((_token_cells(values),), "padded" if padded else "exact", raw, line)
    if len(values) > width:
        numbers = [t for t in values if t.kind == "number"]
        if len(numbers) == width and all(
            t.line == line and (t.kind == "number" or not t.text) for t in values
        ):
            # a row on one line with a number for every cell: its empty cells (not "/" or "—")
            # are columns a converter split off, not blank cells (no cell is left for them)
            return Fit((_token_cells(numbers),), "padded", raw, line)
        return _fit_long(values, width, raw, line)
    if len(values) == 1 and is_digit_run(values[0].text) and width > 1:
        digits = fold(values[0].text).strip()
        if not (has_total or _one_reading(digits)):
            # no identity to check a split against: an empty cell leaves no trace between
            # run-together digits ("016" is 0, blank, 16 as well as 0, 1, 6)
            return _blank_readings([digits], width, total_group, raw, line)
        vectors = tuple(
            tuple([_new(Cell, (int(p), "value", p, line)) for p in parts])
            for parts in _splits(digits, width, total_group or None)
        )
        return Fit(vectors, "run_together", raw, line)
    gaps = tuple(
        tuple(
            token_cell(values[slots.index(i)]) if i in slots else Cell(None, "missing", None, line)
            for i in range(width)
        )
        for slots in itertools.combinations(range(width), len(values))
    )
    return Fit(gaps, "short", raw, line)


def stray_edge(values: Sequence[Token]) -> int | None:
    """A row of numbers one a line, evenly spaced but for its first or last, which sits closer
    or farther (pdftotext's default mode may pull a number of the next row up into a row whose
    blank cell left no trace): the index of that number, else None."""
    if any(t.kind != "number" for t in values):
        return None
    gaps = [b.line - a.line for a, b in itertools.pairwise(values)]
    if len(gaps) < 3 or min(gaps) < 1 or len(set(gaps)) == 1:
        return None
    if len(set(gaps[:-1])) == 1:
        return len(values) - 1
    if len(set(gaps[1:])) == 1:
        return 0
    return None


def _one_reading(digits: str) -> bool:
    """Digits that can be read only one way whatever cells were empty: one digit per number,
    no two of them joinable (every digit but the last is 0, and 0 starts no longer number)."""
    return digits[:-1].count("0") == len(digits) - 1


MAX_READING_STEPS = 200_000


class _TooMany(Exception):
    pass


def _glued(values: Sequence[Token]) -> bool:
    """Runs of digits and blank markers only, one run at least holding several digits."""
    runs = [fold(t.text).strip() for t in values if t.kind != "blank"]
    return all(map(is_digit_run, runs)) and any(len(run) > 1 for run in runs)


def _blank_readings(
    pieces: Sequence[str | None], width: int, group: int, raw: tuple[str, ...], line: int
) -> Fit:
    readings = _readings_with_blanks(pieces, width, group, line)
    if readings is None:
        return Fit((), "run_together_open", raw, line)
    return Fit(readings, "run_together", raw, line)


def _readings_with_blanks(
    pieces: Sequence[str | None], width: int, group: int, line: int
) -> tuple[Vector, ...] | None:
    """Every reading of ``pieces`` (runs of digits, and None for a blank marker) as ``width``
    cells in order: a run spells one number or several, a marker is one empty cell, and an
    empty cell may also stand where nothing is written. With ``group``, the last cell of every
    ``group`` cells is the sum of the others, an empty cell counting as 0 (so an empty total
    only where the sum is 0). None when there are too many to list: then no cell can be told,
    and none is filled."""
    found: list[list[str | None]] = []
    parts: list[str | None] = []
    count = len(pieces)
    left_after = [0] * (count + 1)  # digits in the pieces after each one
    for index in range(count - 1, -1, -1):
        left_after[index] = left_after[index + 1] + len(pieces[index] or "")
    steps = 0

    def walk(index: int, offset: int, slot: int, running: int) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_READING_STEPS or len(found) > MAX_CANDIDATES:
            raise _TooMany
        if index < count and pieces[index] is not None and offset == len(pieces[index] or ""):
            index, offset = index + 1, 0  # this run is spelled out
        if slot == width:
            if index == count:
                found.append(parts.copy())
            return
        piece = pieces[index] if index < count else None
        left = left_after[index] - offset
        if left > (width - slot) * MAX_PART_DIGITS:
            return
        total = bool(group) and (slot + 1) % group == 0
        if index < count and piece is None and (not total or running == 0):
            parts.append(None)  # a blank marker: this cell is empty
            walk(index + 1, 0, slot + 1, 0 if total else running)
            parts.pop()
        if running == 0 or not total:  # an empty cell with no trace
            parts.append(None)
            walk(index, offset, slot + 1, 0 if total else running)
            parts.pop()
        if piece is None:
            return
        if total:  # the group's total: its digits spell the sum
            spelled = str(running)
            if piece.startswith(spelled, offset):
                parts.append(spelled)
                walk(index, offset + len(spelled), slot + 1, 0)
                parts.pop()
            return
        room = len(piece) - offset
        longest = 1 if piece[offset] == "0" else min(MAX_PART_DIGITS, room)
        for size in range(1, longest + 1):
            number = piece[offset : offset + size]
            value = running + int(number)
            # a total of more than 0 cannot be empty: it needs the digits of the sum so far
            if group and value and len(str(value)) > left - size:
                break
            parts.append(number)
            walk(index, offset + size, slot + 1, value)
            parts.pop()

    try:
        walk(0, 0, 0, 0)
    except _TooMany:
        return None
    return tuple(
        dict.fromkeys(
            tuple(
                Cell(None, "blank", "", line)
                if p is None
                else _new(Cell, (int(p), "value", p, line))
                for p in reading
            )
            for reading in found
        )
    )


def _fit_long(values: list[Token], width: int, raw: tuple[str, ...], line: int) -> Fit:
    """One more value than cells, where the extra one is a 法人或其他组织 subtotal column
    (some tools add it; the national format has none): drop it and say so."""
    if len(values) != width + 1:
        return Fit((), "long", raw, line)  # no cells to build: a hostile line may hold a million
    cells = [token_cell(t) for t in values]
    if width == 7 and len(cells) == 8 and all(c.value is not None for c in cells):
        numbers: list[Number] = [c.value for c in cells if c.value is not None]
        if numbers[1] == sum(numbers[2:7]) and numbers[7] == numbers[0] + numbers[1]:
            return Fit((tuple([cells[0], *cells[2:]]),), "subtotal_column", raw, line)
    return Fit((), "long", raw, line)


def _splits(digits: str, width: int, group: int | None) -> list[list[str]]:
    """Every way to cut ``digits`` into ``width`` numbers written without leading zeros, in
    order, at most MAX_CANDIDATES of them.

    With ``group``, the last number of every ``group`` numbers is the sum of the others, so
    that cell is not searched: its digits must spell the sum.
    """
    if len(digits) == width and (not group or width % group == 0):
        # one digit a cell, the only way; each group's total must spell the sum of the others
        # (which therefore is at most 9)
        if group and any(
            str(sum(map(int, digits[end - group + 1 : end]))) != digits[end]
            for end in range(group - 1, width, group)
        ):
            return []
        return [list(digits)]
    found: list[list[str]] = []
    parts: list[str] = []
    length = len(digits)

    def walk(start: int, running: int) -> None:  # running: the current group's sum so far
        remaining = width - len(parts)
        left = length - start
        if remaining == 0:
            if left == 0:
                found.append(parts.copy())
            return
        if left < remaining or left > remaining * MAX_PART_DIGITS:
            return
        if group and (len(parts) + 1) % group == 0:  # this cell is the group's total
            total = str(running)
            if digits.startswith(total, start):
                parts.append(total)
                walk(start + len(total), 0)
                parts.pop()
            return
        longest = 1 if digits[start] == "0" else min(MAX_PART_DIGITS, left - remaining + 1)
        for size in range(1, longest + 1):
            if len(found) >= MAX_CANDIDATES:
                return
            piece = digits[start : start + size]
            value = int(piece)
            # the group's total is at least the sum so far: it needs that many digits, and every
            # other cell still to come at least one; longer pieces only make it worse
            if group and (remaining - 2) + len(str(running + value)) > left - size:
                break
            parts.append(piece)
            walk(start + size, running + value)
            parts.pop()

    walk(0, 0)
    return found


# ------------------------------------------------------------------------- cross-row settling

Identity = Callable[[Mapping[str, Sequence[Number | None]]], bool]


def settle(
    fits: Mapping[str, Fit], identities: Sequence[Identity], blank_zero: bool = False
) -> dict[str, tuple[Vector, ...]]:
    """Keep, for each row, the candidates that some consistent combination of rows uses.
    ``blank_zero``: an empty cell counts as 0 (a page dump, where the readings of run-together
    digits include empty cells) instead of passing as unknown."""
    open_rows = [k for k, f in fits.items() if len(f.candidates) > 1]
    fixed = {k: f.candidates[0] for k, f in fits.items() if len(f.candidates) == 1}
    survivors: dict[str, tuple[Vector, ...]] = {k: f.candidates for k, f in fits.items()}
    if not open_rows or not identities:
        return survivors
    sizes = [len(fits[k].candidates) for k in open_rows]
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_COMBINATIONS:
        return survivors
    keep: dict[str, set[int]] = {k: set() for k in open_rows}

    def numbers(vector: Vector) -> list[Number | None]:
        if blank_zero:
            return [0 if c.status == "blank" else c.value for c in vector]
        return [c.value for c in vector]

    fixed_values = {k: numbers(v) for k, v in fixed.items()}
    open_values = [[numbers(v) for v in fits[k].candidates] for k in open_rows]
    for choice in itertools.product(*(range(s) for s in sizes)):
        table = fixed_values.copy()  # the identities only read it
        for key, values, index in zip(open_rows, open_values, choice, strict=True):
            table[key] = values[index]
        if all(identity(table) for identity in identities):
            for key, index in zip(open_rows, choice, strict=True):
                keep[key].add(index)
    for key in open_rows:
        survivors[key] = tuple(fits[key].candidates[i] for i in sorted(keep[key]))
    return survivors


def agreed(candidates: Sequence[Vector], width: int, line: int) -> tuple[Vector, list[int]]:
    """The cells every candidate agrees on; the others become ambiguous nulls."""
    if len(candidates) == 1:
        return candidates[0], []
    cells: list[Cell] = []
    unsure: list[int] = []
    for i in range(width):
        column = [c[i] for c in candidates] if candidates else []
        first = column[0] if column else None
        if (
            first is not None
            and first.status != "missing"
            and all(c.value == first.value and c.status == first.status for c in column)
        ):
            cells.append(first)
        else:
            cells.append(Cell(None, "ambiguous", None, line))
            unsure.append(i)
    return tuple(cells), unsure
