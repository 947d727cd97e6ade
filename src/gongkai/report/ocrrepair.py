"""A second reading of a scanned cell, taken when the report's identities then hold.

The OCR reader reads each number cell more than once (different passes and a differently
prepared image, :mod:`gongkai.report.read.ocrcells`); the first reading is the cell's, the
others are kept as candidates. When an identity of table 三 or 四 fails with the first
readings, a cell of it is given one of its other readings if, with that reading, *every*
identity the cell takes part in holds. That is the same test :mod:`.ocrcheck` puts to every
number, so a number taken here is as sure as any other confirmed one: it is what the engine
read in that cell, and its row and its column (or its group) add up with it.

Nothing is computed: a cell no pass read as a number stays unknown, whatever the sums say.
Up to ``MAX_CHANGED`` cells of one failing identity may be given another reading together
(a seal over two cells of a row). When there is more than one way to make the identity hold,
none is taken: which one is right, the sums cannot tell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations, product

from .model import Cell, CellKey, Number, TableData
from .normalize import parse_value
from .read.ocr import OcrDocument

# a cell takes another reading only when it is in two identities at least (its row and its
# column in table 三): choosing among readings until one sum holds could otherwise pair a
# misread cell with another reading that makes up for it (table 四's groups are one sum each)
MIN_IDENTITIES = 2
MAX_CHANGED = 3  # cells of one identity given another reading together, at the most
# an identity as a sum that must be 0: each cell with its sign
Equation = tuple[tuple[CellKey, int], ...]


def equations(
    groups: Iterable[tuple[tuple[CellKey, ...], CellKey]], balance: Sequence[Sequence[CellKey]]
) -> list[Equation]:
    """The identities as equations: parts minus whole; for each balance column (H1),
    新收 + 结转 − 总计 − 结转下年."""
    out: list[Equation] = [(*((p, 1) for p in parts), (whole, -1)) for parts, whole in groups]
    for a, b, c, d in balance:
        out.append(((a, 1), (b, 1), (c, -1), (d, -1)))
    return out


def reread(
    data: TableData, document: OcrDocument, rules: list[Equation], min_confidence: float
) -> tuple[TableData, dict[CellKey, float]]:
    """``data`` with cells given another reading where that makes their identities hold; the
    cells changed, with the confidence of the reading taken.

    Each cell read more than once starts from the reading the engine is surest of (on a poor
    scan the second look is often the better one); then each identity that fails is made to
    hold where exactly one way does, from the cells' readings, the first one included."""
    mine: dict[CellKey, list[Equation]] = {}
    for rule in rules:
        for place, _ in rule:
            mine.setdefault(place, []).append(rule)
    where = positions(data, document)
    readings = {
        place: options
        for place, options in _readings(data, document, where, min_confidence).items()
        if len(mine.get(place, ())) >= MIN_IDENTITIES
    }
    if not readings:
        return data, {}
    first = {place: _count(cell) for place, cell in data.cells.items()}
    values = dict(first)
    used: dict[CellKey, tuple[Number, str, float]] = {}
    for place, options in readings.items():
        best = max(options, key=lambda option: option[2])
        values[place] = best[0]
        used[place] = best
    settled: set[CellKey] = set()
    while True:
        chosen: dict[CellKey, tuple[Number, str, float]] = {}
        for rule in rules:
            if _holds(rule, values) or any(place in chosen for place, _ in rule):
                continue
            found = _fixes(rule, values, readings, settled, mine)
            if len(found) == 1:  # one way only to make it hold: taken; several, none
                chosen.update(found[0])
        if not chosen:
            break
        for place, option in chosen.items():
            values[place] = option[0]
            used[place] = option
            settled.add(place)
    # a cell takes another reading only when every identity it is in then holds
    changed = {
        place: option
        for place, option in used.items()
        if values[place] != first[place] and all(_holds(r, values) for r in mine.get(place, ()))
    }
    if not changed:
        return data, {}
    cells = dict(data.cells)
    for place, (number, text, _) in changed.items():
        cells[place] = Cell(number, "value", text, data.cells[place].line)
    return replace(data, cells=cells), {place: sure for place, (_, _, sure) in changed.items()}


def _readings(
    data: TableData,
    document: OcrDocument,
    where: Mapping[CellKey, tuple[int, int]],
    min_confidence: float,
) -> dict[CellKey, list[tuple[Number, str, float]]]:
    """The numbers each cell with other readings was read as, sure enough, its first reading
    among them (with its confidence)."""
    out: dict[CellKey, list[tuple[Number, str, float]]] = {}
    for place, (line, column) in where.items():
        others = document.alternatives.get(line, ())
        if column >= len(others) or not others[column]:
            continue
        cell = data.cells[place]
        sure = document.confidence.get(line, ())
        own = sure[column] if column < len(sure) else None
        options = list(others[column])
        if cell.value is not None and cell.raw and own is not None:
            options.insert(0, (cell.raw.strip(), own))  # first: kept when as sure as another
        numbers = []
        for text, s in options:
            number = parse_value(text).number
            if number is not None and s >= min_confidence:
                numbers.append((number, text, s))
        if numbers:
            out[place] = numbers
    return out


def _fixes(
    rule: Equation,
    values: Mapping[CellKey, Number | None],
    readings: Mapping[CellKey, list[tuple[Number, str, float]]],
    settled: set[CellKey],
    mine: Mapping[CellKey, list[Equation]],
) -> list[dict[CellKey, tuple[Number, str, float]]]:
    """The ways, of one to ``MAX_CHANGED`` cells of a failing identity given another of their
    readings each, that make every identity those cells take part in hold."""
    options = [
        (place, [o for o in readings.get(place, ()) if o[0] != values.get(place)])
        for place, _ in rule
        if place not in settled
    ]
    options = [(place, choices) for place, choices in options if choices]
    found: list[dict[CellKey, tuple[Number, str, float]]] = []
    for size in range(1, min(MAX_CHANGED, len(options)) + 1):
        for chosen in combinations(options, size):
            for picks in product(*(choices for _, choices in chosen)):
                change = {place: pick for (place, _), pick in zip(chosen, picks, strict=True)}
                trial = {place: pick[0] for place, pick in change.items()}
                if all(_holds(r, values, trial) for place in change for r in mine[place]):
                    found.append(change)
                    if len(found) > 1:
                        return found
    return found


def _holds(
    rule: Equation,
    values: Mapping[CellKey, Number | None],
    trial: Mapping[CellKey, Number] | None = None,
) -> bool:
    """Whether the identity holds with ``values``, the cells of ``trial`` read as it says."""
    total: Number = 0
    for place, sign in rule:
        value = trial[place] if trial and place in trial else values.get(place)
        if value is None:
            return False
        total += sign * value
    return total == 0


def _count(cell: Cell) -> Number | None:
    return 0 if cell.status == "blank" else cell.value


def positions(data: TableData, document: OcrDocument) -> dict[CellKey, tuple[int, int]]:
    """Where each cell of ``data`` was read: (line number, column of the line). A line's cells
    are the table's cells it gave, in order, at its end (its label before them); placed only
    when every one of them has the text the report's cell has, so that a reading or a
    confidence is never given to the wrong cell."""
    texts = {line.number: line.cells for line in document.lines if line.cells is not None}
    by_line: dict[int, list[CellKey]] = {}
    for place, cell in data.cells.items():
        if cell.line is not None and cell.line in texts:
            by_line.setdefault(cell.line, []).append(place)
    out: dict[CellKey, tuple[int, int]] = {}
    for line, places in by_line.items():
        row = texts[line]
        if len(row) < len(places):
            continue
        start = len(row) - len(places)
        if start > 0 and parse_value(row[start - 1]).kind == "number":
            continue  # more numbers on the line than cells: which is which, unsure
        if any(
            (data.cells[place].raw or "").strip() != row[start + k].strip()
            for k, place in enumerate(places)
        ):
            continue
        out.update((place, (line, start + k)) for k, place in enumerate(places))
    return out
