"""Table 三 written column by column (pdftotext's default mode, pdfminer.six), put back in rows.

These converters write a table's row labels as a block of their own and then its numbers one
column at a time: the 自然人 column going down, then 商业企业, …, then 总计 (pdfminer: one run
of numbers; pdftotext: one block a column, the blocks apart by blank lines, the labels after
them). A page break starts a new group of rows.

A group is put back only where that is certain:

* its row labels are recognised (``match``), R of them, in the template's order; a numbered
  label the template does not know (an agency's typo) or the older template's single
  （六）其他处理 row holds a row's place but gets no cells; wrapped pieces and a vertical group
  label are no rows;
* its numbers are exactly one run of R × C, or C blocks of R (C: the row's cells);
* read column-major, columns in the header's order (left to right, as these tools order
  boxes on a line), every row's 总计 is the sum of its six columns, and the column identities
  hold over the rows read (一 + 二 = （七） + 四; （七） the sum of the outcome rows);
* the row-major reading of the same numbers does not pass those checks with other values.

pdftotext also writes a row it does not take for part of a column as its label, then its
numbers one a line; with the table's other rows written by columns the reader cannot trust
that shape in general, so such a row is read here only when its label is the only one before
the numbers, they are exactly one row's (or one row's followed by column blocks of equal
length) and its 总计 adds up.

Anything else is left to the rest of the reader (which then reads nothing there): missing is
better than wrong. The order of the six applicant columns cannot be checked by any sum; it is
taken from the tools' left-to-right order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .fit import Fit, stray_edge, token_cell
from .model import Cell, Finding, Number
from .normalize import label_key, strip_numbering
from .spec import Row, Table, table_title
from .tokens import Token
from .wrapped import closes_label, heading_keys, marks, starts_label

Match = Callable[[Sequence[Token], Table, bool], "Row | None"]
_BALANCE = ("received", "carried_in", "concluded_total", "carried_out")
_GENERIC = frozenset({"总计", "其他", "合计"})  # column headers too: a row only when numbered


@dataclass(frozen=True)
class Slot:
    """A row's place in a block of labels: its row (None: a row the template does not know)."""

    row: Row | None
    label: str
    line: int


@dataclass(frozen=True)
class Reassembled:
    rows: dict[str, tuple[Cell, ...]]
    labels: dict[str, str]
    notes: tuple[Finding, ...]


def reassemble(tokens: Sequence[Token], table: Table, match: Match) -> Reassembled | None:
    """The rows of table 三 put back from its columns, or None when no group is certain."""
    if table.key != "applications":
        return None
    width = len(table.rows[0].columns)
    stretches = _stretches(tokens)
    rows: dict[str, tuple[Cell, ...]] = {}
    labels: dict[str, str] = {}
    notes: list[Finding] = []
    groups: list[tuple[Sequence[Slot], Sequence[tuple[Cell, ...]], Sequence[Token]]] = []
    for index, (is_value, stretch) in enumerate(stretches):
        if not is_value or len(stretch) < width:
            continue
        before = _slots(stretches[index - 1][1], table, match) if index else []
        after = _slots(stretches[index + 1][1], table, match) if index + 1 < len(stretches) else []
        single = _single_row(stretch, before, width)
        if single is not None and _short_neighbour(stretches, index, width):
            # a row one number short beside it may have lost that number to this one: which of
            # this row's numbers is the neighbour's cannot be told (zeros keep every sum)
            single = None
        if single is not None:
            groups.append((before, [single], stretch[:width]))
            stretch, before = stretch[width:], []
        if len(stretch) < 2 * width:
            continue
        readings = []
        for slots, blocks_only in ((before, False), (after, True)):
            reading = _read_group(stretch, slots, width, table, blocks_only)
            if reading is not None:
                readings.append((slots, reading))
        if len(readings) != 1:
            if readings:
                notes.append(_ambiguous(table, stretch, "行名在数字前后均可对应"))
            continue
        found_slots, found = readings[0]
        if isinstance(found, str):
            notes.append(_ambiguous(table, stretch, found))
            continue
        if found is not None:
            groups.append((found_slots, found, stretch))
    for group_slots, group_rows, group_values in groups:
        for slot, cells in zip(group_slots, group_rows, strict=True):
            if slot.row is None:
                continue
            if slot.row.key in rows:
                return Reassembled({}, {}, (_ambiguous(table, group_values, "同一行出现两次"),))
            rows[slot.row.key] = cells
            labels[slot.row.key] = slot.label
    if not rows:
        return Reassembled({}, {}, tuple(notes)) if notes else None
    if not _identities_hold(rows, table):
        why = "按列重组后各列不符合勾稽关系（第一项加第二项等于第三项加第四项）"
        return Reassembled({}, {}, (*notes, _ambiguous(table, (), why)))
    notes.extend(_placed_note(table, row, cells) for row, cells in _in_order(table, rows))
    return Reassembled(rows, labels, tuple(notes))


def _stretches(tokens: Sequence[Token]) -> list[tuple[bool, list[Token]]]:
    """The tokens cut into alternating stretches of text and of values."""
    out: list[tuple[bool, list[Token]]] = []
    for token in tokens:
        is_value = token.kind != "text"
        if not is_value and not token.text.strip():
            continue
        if out and out[-1][0] == is_value:
            out[-1][1].append(token)
        else:
            out.append((is_value, [token]))
    return out


def _slots(texts: Sequence[Token], table: Table, match: Match) -> list[Slot]:
    """The rows named in a block of labels, in order. A numbered piece starts a label, other
    pieces continue it (a wrapped label) unless they are a column header or a group heading;
    the older template's single （六）其他处理 row, and a numbered label the template does not
    know, hold a row's place without a row."""
    headings = heading_keys(table)
    olds = {old.label: old for old in table.old_rows}
    pieces: list[list[Token]] = []
    heading_rows: list[bool] = []  # whether a piece is a heading that stands as a row
    open_label = False
    for token in texts:
        text = token.text.strip()
        key = label_key(text)
        if key in headings:
            bare = strip_numbering(key)
            pieces.append([token])
            heading_rows.append(bare in olds)
            open_label = False
        elif starts_label(text) or (key not in _GENERIC and match([token], table, True)):
            pieces.append([token])
            heading_rows.append(False)
            open_label = True
        elif open_label and key and not closes_label(text):
            pieces[-1].append(token)
        else:
            open_label = False if closes_label(text) else open_label
    slots: list[Slot] = []
    for number, (piece, heading) in enumerate(zip(pieces, heading_rows, strict=True)):
        label = "".join(t.text.strip() for t in piece)
        if label_key(label) in headings:
            old = olds.get(strip_numbering(label_key(label))) if heading else None
            if old is None:
                continue
            present = {s.row.key for s in slots if s.row is not None}
            later = [match([t], table, True) for p in pieces[number + 1 :] for t in p[:1]]
            present |= {r.key for r in later if r is not None}
            if present & set(old.replaces) or (old.replaces and old.before not in present):
                continue  # a heading over its sub-rows
            slots.append(Slot(None, label, piece[0].line))
            continue
        row = next(
            (r for end in range(1, len(piece) + 1) if (r := match(piece[:end], table, True))),
            None,
        )
        if row is None and not _unknown_row(label):
            return []
        slots.append(Slot(row, label, piece[0].line))
    return slots


def _single_row(
    values: Sequence[Token], slots: Sequence[Slot], width: int
) -> tuple[Cell, ...] | None:
    """A row's own numbers right after its label, one a line, as pdftotext writes a row it
    does not take for part of a column: the stretch holds just that row, or that row and then
    column blocks of equal length (the rows whose labels follow them)."""
    if len(slots) != 1 or slots[0].row is None:
        return None
    head = values[:width]
    if len({t.line for t in head}) != width:
        return None
    if stray_edge(head) is not None:
        # one number apart from the others: maybe the next row's, pulled into a row whose blank
        # cell left no trace (a row of zeros adds up whichever zero it holds)
        return None
    rest = values[width:]
    if rest:
        lengths = {len(block) for block in _blocks(rest)}
        if len(_blocks(rest)) != width or len(lengths) != 1 or min(lengths) < 2:
            return None
    cells = tuple(_cell(t) for t in head)
    return cells if _rows_add_up([cells]) else None


def _short_neighbour(stretches: Sequence[tuple[bool, list[Token]]], index: int, width: int) -> bool:
    """The run of numbers before or after this one (past one stretch of labels) is one short
    of a row."""
    return any(
        0 <= at < len(stretches) and stretches[at][0] and len(stretches[at][1]) == width - 1
        for at in (index - 2, index + 2)
    )


def _unknown_row(label: str) -> bool:
    """A numbered label of a sub-row ("2.其他法律行政止公开") that matches no row."""
    found = marks(label)
    return bool(found) and found[0][0] == "item" and len(label_key(label)) >= 4


def _read_group(
    values: Sequence[Token],
    slots: Sequence[Slot],
    width: int,
    table: Table,
    blocks_only: bool,
) -> list[tuple[Cell, ...]] | str | None:
    """The cells of each slot's row read column-major, a reason why the reading is not certain,
    or None when the numbers and labels are not the shape of a column-by-column table."""
    count = len(slots)
    if count < 2 or sum(s.row is not None for s in slots) < 2:
        return None
    order = _order(table)
    known = [order[s.row.key] for s in slots if s.row is not None]
    if any(a >= b for a, b in pairwise(known)):
        return None  # rows out of the template's order
    if len(values) != count * width:
        return None
    blocks = _blocks(values)
    if blocks_only and [len(b) for b in blocks] != [count] * width and len(blocks) != 1:
        return None
    cells = [_cell(t) for t in values]
    columns = [cells[c * count : (c + 1) * count] for c in range(width)]
    passing: dict[tuple[tuple[Number | None, ...], ...], list[tuple[Cell, ...]]] = {}
    for total in (width - 1, width - 2):
        # pdfminer may write the 总计 column before the last applicant column (其他), as it
        # orders boxes by its own grouping; which of the two is the total is told by the sums
        ordered = [*columns[:total], *columns[total + 1 :], columns[total]]
        rows = [tuple(column[r] for column in ordered) for r in range(count)]
        if _rows_add_up(rows) and _identities_hold(_named(slots, rows), table):
            passing.setdefault(tuple(_numbers(rows)), rows)
    if not passing:
        return None
    if len(passing) > 1:
        return "总计列的位置有多种可能，无法确定"
    by_columns = next(iter(passing.values()))
    by_rows = [tuple(cells[r * width : (r + 1) * width]) for r in range(count)]
    if (
        _numbers(by_rows) != _numbers(by_columns)
        and _rows_add_up(by_rows)
        and _identities_hold(_named(slots, by_rows), table)
    ):
        return "按行读和按列读都符合勾稽关系，无法确定"
    return by_columns


def _order(table: Table) -> dict[str, int]:
    return {row.key: index for index, row in enumerate(table.rows)}


def _numbers(rows: Sequence[tuple[Cell, ...]]) -> list[tuple[Number | None, ...]]:
    return [tuple(c.value for c in row) for row in rows]


def _blocks(values: Sequence[Token]) -> list[list[Token]]:
    """Values on consecutive lines (or one line) as one block; a blank line starts another."""
    blocks: list[list[Token]] = []
    for token in values:
        if blocks and token.line - blocks[-1][-1].line <= 1:
            blocks[-1].append(token)
        else:
            blocks.append([token])
    return blocks


def _cell(token: Token) -> Cell:
    return token_cell(token)


def _rows_add_up(rows: Sequence[tuple[Cell, ...]]) -> bool:
    """Every row's last cell (总计) is the sum of the others, where all are numbers; at least
    one row is so checked, and no cell is unreadable."""
    checked = False
    for row in rows:
        if any(c.status == "ambiguous" for c in row):
            return False
        values = [c.value for c in row]
        if None in values:
            continue
        if sum(values[:-1]) != values[-1]:  # type: ignore[arg-type]
            return False
        checked = True
    return checked


def _named(slots: Sequence[Slot], rows: Sequence[tuple[Cell, ...]]) -> dict[str, tuple[Cell, ...]]:
    return {s.row.key: r for s, r in zip(slots, rows, strict=True) if s.row is not None}


def _identities_hold(rows: dict[str, tuple[Cell, ...]], table: Table) -> bool:
    """一 + 二 = （七） + 四 and （七） = the sum of the outcome rows, per column, where every
    row in them was read and its cells are numbers."""
    if not rows:
        return True
    width = len(next(iter(rows.values())))

    def value(key: str, column: int) -> Number | None:
        return rows[key][column].value

    if all(k in rows for k in _BALANCE):
        for c in range(width):
            n, b, t, o = (value(k, c) for k in _BALANCE)
            if None not in (n, b, t, o) and n + b != t + o:  # type: ignore[operator]
                return False
    outcomes = [row.key for row in table.rows if row.key not in _BALANCE]
    if "concluded_total" in rows and all(k in rows for k in outcomes):
        for c in range(width):
            parts = [value(k, c) for k in outcomes]
            total = value("concluded_total", c)
            if total is not None and None not in parts and sum(parts) != total:  # type: ignore[arg-type]
                return False
    return True


def _in_order(
    table: Table, rows: dict[str, tuple[Cell, ...]]
) -> list[tuple[Row, tuple[Cell, ...]]]:
    return [(row, rows[row.key]) for row in table.rows if row.key in rows]


def _placed_note(table: Table, row: Row, cells: tuple[Cell, ...]) -> Finding:
    values = "、".join("空" if c.value is None else str(c.value) for c in cells)
    return Finding(
        "TABLE-COLUMN-MAJOR",
        "info",
        f"{table_title(table.key)} “{row.display}” 行：转换工具按列逐列写出表格，"
        f"已按列重组为 {values}（各行总计与各列勾稽关系均已核对）",
        table=table.key,
        row=row.key,
        line=next((c.line for c in cells if c.line), None),
        detail={"values": [c.value for c in cells]},
    )


def _ambiguous(table: Table, values: Sequence[Token], why: str) -> Finding:
    shown = " ".join(t.text for t in values[:30])
    return Finding(
        "CELL-AMBIGUOUS",
        "warning",
        f"{table_title(table.key)}：转换工具按列逐列写出表格，{why}，这些数字未读取（{shown}…）",
        table=table.key,
        line=values[0].line if values else None,
        detail={"raw": [t.text for t in values[:200]]},
    )


def place_columns(
    tokens: Sequence[Token],
    table: Table,
    match: Match,
    fits: dict[str, Fit],
    labels: dict[str, str],
) -> list[Finding]:
    """Add the rows put back from a column-by-column table to ``fits`` (as exact rows) and
    return the notes. A row read otherwise with other numbers voids the whole reassembly."""
    found = reassemble(tokens, table, match)
    if found is None:
        return []
    for key, cells in found.rows.items():
        had = fits.get(key)
        if had is not None and [c.value for c in cells] not in (
            [c.value for c in vector] for vector in had.candidates
        ):
            why = f"重组结果与已读取的“{key}”行不一致"
            return [_ambiguous(table, (), why)]
    for key, cells in found.rows.items():
        if key not in fits:
            raw = tuple(c.raw or "" for c in cells)
            fits[key] = Fit((cells,), "exact", raw, cells[0].line or 0)
            labels[key] = found.labels[key]
    return list(found.notes)
