"""Labels that converters move around a row's numbers.

PDF-to-text and PDF-to-markdown converters keep a table's numbers but not always its labels in
reading order:

* a narrow label cell wraps, and the converter writes the numbers on its first line with the
  rest of the label below them (``7．属  0 0 0 0 0 0 0`` / ``于行政`` / ``执法案`` / ``卷``), the
  group label's column interleaved with it (``（四） 1．本`` / ``无法提 机关不`` / ``供 掌握相``);
* a narrow label cell wraps around its numbers (pdftotext -raw: two lines above, the rest
  below);
* PDF-to-markdown converters write rows of numbers without their label cells, the labels as
  free text above the rows (marker, MinerU) or below each row (markitdown over a WPS PDF);
* a converter that reads by columns writes every column's numbers apart from the row labels:
  a row label is then followed by column headers before numbers that are not its own.

A label is taken from around its numbers only where the text leaves one reading: a wrapped
label must carry the row's own item number, labels stacked above rows must be as many as the
rows, and labels are read below their rows only after a row that has none above it. Otherwise
the row is left unread; a number is never moved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .normalize import fold, label_key, strip_numbering
from .spec import FORMATS, Row, Table
from .tokens import Token

if TYPE_CHECKING:
    from .assemble import Run

GENERIC = frozenset({"总计", "其他", "合计"})
_new = tuple.__new__

# the start of a numbered row or group label: "（四）", "1．", "2.", "三、"
_MARK = re.compile(
    r"(?:[(（]\s*(?P<group>[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?P<item>\d{1,2})\s*[.．、](?!\d)"
    r"|(?P<top>[一二三四五六七八九十]{1,3})\s*[、.．])"
)
_START = re.compile(r"^\s*" + _MARK.pattern)


@lru_cache(maxsize=1 << 12)
def starts_label(text: str) -> bool:
    """Whether ``text`` begins a numbered row or group label of the tables."""
    return _START.match(fold(text)) is not None


def _column_headers() -> frozenset[str]:
    keys = {
        label_key(column.label)
        for fmt in FORMATS.values()
        for table in fmt.tables
        for row in table.rows
        for column in row.columns
    }
    keys.update(map(label_key, ("法人或其他组织", "申请人情况", "信息内容", "行政诉讼")))
    keys.discard("")
    return frozenset(keys)


COLUMN_HEADERS = _column_headers()


@lru_cache(maxsize=1 << 12)
def closes_label(text: str) -> bool:
    """Whether a cell after a row's label shows the label does not own the next numbers: the
    start of another numbered label, or a column header (a converter reading by columns)."""
    return starts_label(text) or label_key(text) in COLUMN_HEADERS


def heading_keys(table: Table) -> frozenset[str]:
    """The label keys of the table's group headings ("（四）无法提供", "三、本年度办理结果"): no row
    of their own (built once with the table, :class:`gongkai.report.lookups.TableLookups`)."""
    return table.lookups.heading_keys


def marks(text: str) -> tuple[tuple[str, str], ...]:
    """The numbering marks of a label, in order: ("group", "四"), ("item", "1"), ("top", "三")."""
    found: list[tuple[str, str]] = []
    for match in _MARK.finditer(fold(text)):
        kind = match.lastgroup
        if kind is not None:
            found.append((kind, match.group(kind)))
    return tuple(found)


def _numbering_agrees(head: str, row: Row) -> bool:
    """The head of a wrapped label carries the row's own numbering: its last mark is the first
    mark of the row's label, and a group mark before it is the row's group's."""
    head_marks = marks(head)
    row_marks = marks(row.label)[:1]
    if not head_marks or not row_marks or head_marks[-1] != row_marks[0]:
        return False
    groups = [m for m in head_marks[:-1] if m[0] == "group"]
    if groups:
        group_marks = marks(row.group or "")[:1]
        return bool(group_marks) and groups[-1] == group_marks[0]
    return True


def wrapped_pieces(head: Sequence[Token], after: Sequence[Token]) -> list[str]:
    """The texts a label wrapped around its numbers may be: the head (the label's cells on the
    numbers' line) and the cells below, joined whole; and, where the head holds two columns
    (a group label beside the row label), each column read down on its own: a line with fewer
    pieces than the head lacks its leftmost columns."""
    head_parts = [p for t in head for p in t.text.split()]
    if not head_parts:
        return []
    below: list[list[str]] = []  # the pieces of each line below
    line = None
    for token in after:
        if token.line != line:
            below.append([])
            line = token.line
        below[-1].extend(token.text.split())
    texts = ["".join(head_parts) + "".join(p for parts in below for p in parts)]
    width = len(head_parts)
    if width > 1:
        columns = [[part] for part in head_parts]
        for parts in below:
            if len(parts) > width:
                return texts
            for offset, part in enumerate(parts):
                columns[width - len(parts) + offset].append(part)
        texts.extend("".join(column) for column in columns)
    return texts


def wrapped_row(
    head: Sequence[Token], after: Sequence[Token], rows: Sequence[tuple[str, Row]]
) -> Row | None:
    """The one row whose label the head and the cells below spell, numbered as the head is;
    None when none or more than one does. ``rows`` are (alias key, row) pairs."""
    head_text = " ".join(t.text for t in head)
    found: set[str] = set()
    chosen: Row | None = None
    for text in wrapped_pieces(head, after):
        key = label_key(text)
        bare = strip_numbering(key)
        for alias, row in rows:
            present = bare == alias if alias in GENERIC else alias in key
            if present and _numbering_agrees(head_text, row):
                found.add(row.key)
                chosen = row
    return chosen if len(found) == 1 else None


class Claim(NamedTuple):
    row: Row | None
    label: str | None  # the label as the source spells it, when it was wrapped around the run


Match = Callable[[Sequence[Token], Table, bool], "Row | None"]


def claim_rows(
    runs: Sequence[Run], tail: Sequence[Token], table: Table, match: Match
) -> list[Claim]:
    """The row of each run: by the label before it (``match``), or else by a numbered label
    that starts on the run's own line and wraps below it (the cells below, up to the next
    numbered label or the next run's line, are then that label's, not the next run's).
    Markdown rows without a label cell are settled together (:func:`_unlabeled_rows`)."""
    claims: list[Claim] = []
    seen = False
    taken = 0  # cells of this run's context that a run before took as its label
    aliases = _aliases(table)
    index = 0
    while index < len(runs):
        run = runs[index]
        last = run.context[-1] if run.context else None
        if last is not None and not last.text and last.line == run.values[0].line:  # unlabeled
            end = index
            while end + 1 < len(runs) and _unlabeled(runs[end + 1]):
                end += 1
            following = runs[end + 1] if end + 1 < len(runs) else None
            chain, taken = _unlabeled_rows(
                runs[index - 1 if index else 0 : end + 1],
                following,
                tail,
                taken,
                claims,
                table,
                match,
            )
            claims.extend(chain)
            seen = seen or any(c.row is not None for c in chain)
            index = end + 1
            continue
        context = run.context[taken:] if taken else run.context
        taken = 0
        row = match(context, table, seen) if context else None
        if row is not None and table.key == "disputes" and len(_labels(context, table, match)) > 1:
            row = None  # the header names every group: a short run is no one group's row
        label = None
        skip = False
        if row is None:
            head = _head(context, run.values[0].line, table)
            if head and starts_label(head[0].text):
                following_run = runs[index + 1] if index + 1 < len(runs) else None
                after = _below(
                    following_run.context if following_run else tail, following_run, table
                )
                rest = _rest_of_label(following_run, after)
                words = [t for t in (*after, *rest) if not _heading_piece(t.text, table)]
                row = wrapped_row(head, words, aliases)
                if row is not None:
                    taken = len(after)
                    skip = bool(rest)  # that row of blank cells was the label's last line
                    label = "".join(t.text.strip() for t in (*head, *words))
        seen = seen or row is not None
        claims.append(_new(Claim, (row, label)))
        index += 1
        if skip:
            claims.append(Claim(None, None))
            index += 1
            taken = 0
    if by_columns(runs, table):
        return [
            c if c.row is None or _own_label(run) else _NONE
            for run, c in zip(runs, claims, strict=True)
        ]
    return claims


_NONE = Claim(None, None)


def by_columns(runs: Sequence[Run], table: Table) -> bool:
    """Whether the converter wrote the table column by column (pdftotext's default mode,
    pdfminer): some run holds more values than two rows of the widest row. A label there is
    followed by numbers that are not its row's, even where it looks like a row."""
    if table.key == "disputes":  # one row of 15 values is its usual shape
        return False
    limit = _LONGEST.get(table.key)
    if limit is None:
        limit = _LONGEST[table.key] = 2 * max(
            len(r.columns) for f in FORMATS.values() for r in f.table(table.key).rows
        )
    return any(len(run.values) > limit for run in runs)


_LONGEST: dict[str, int] = {}  # by table: more values than this in one run is no row


def _own_label(run: Run) -> bool:
    """Whether the run's label is on the line of its first value."""
    line = run.values[0].line
    return any(t.text and t.line == line for t in run.context)


def _rest_of_label(following: Run | None, after: Sequence[Token]) -> list[Token]:
    """A label's last line written as a table row of its own, its other cells empty: the text of
    the next run when that run has no number and the label has not ended before it."""
    if following is None or following.has_number or any(starts_label(t.text) for t in after):
        return []
    own = [t for t in _own_line(following.context, following) if t.text]
    if not own or any(starts_label(t.text) for t in own):
        return []
    return own


def _unlabeled(run: Run) -> bool:
    """A markdown row of values with no label cell: its context ends with the row's start."""
    last = run.context[-1] if run.context else None
    return last is not None and not last.text and last.line == run.values[0].line


def _unlabeled_rows(
    runs: Sequence[Run],
    following: Run | None,
    tail: Sequence[Token],
    taken: int,
    earlier: Sequence[Claim],
    table: Table,
    match: Match,
) -> tuple[list[Claim], int]:
    """Rows of values whose labels are not in their row, as PDF-to-markdown converters write
    them. Their labels are the text around them, and which side is decided by the text:

    * labels stacked above the rows (as many labels as rows, no text between the rows): in
      order;
    * a row with no label above it (nothing, or the tail of the label of the row before) but
      one below: the labels are below their rows, from this row to the end of the chain;
    * a row below a label row with blank cells only, where the text below the row ends that
      label: the label's row;
    * otherwise the label above, as in reading order. A row that could take either is left
      without a label.

    ``runs`` are the run before the chain (if any) and the chain's."""
    prior = runs[0] if earlier and len(runs) > 1 and not _unlabeled(runs[0]) else None
    chain = runs[1:] if earlier else runs
    before = [
        _text_tokens(run.context[taken if i == 0 else 0 :], run) for i, run in enumerate(chain)
    ]
    last_after = _text_tokens(following.context, following) if following else list(tail)
    after = [*before[1:], last_after]
    claims: list[Claim] = []
    stacked = _stacked(before[0], len(chain), table, match)
    if stacked is not None and not any(before[1:]):
        return [Claim(row, None) for row in stacked], 0
    previous = earlier[-1].row if earlier else None
    below = consumed = False
    for index in range(len(chain)):
        if below:
            single = len(_labels(after[index], table, match)) == 1
            claims.append(Claim(match(after[index], table, True) if single else None, None))
            continue
        if len(_labels(before[index], table, match)) > 1:
            claims.append(Claim(None, None))  # stacked labels, but not one for each row
            previous = None
            continue
        row = match(before[index], table, True) if before[index] else None
        if (
            row is None
            and index == 0
            and prior is not None
            and previous is not None
            and not prior.has_number
            and not before[0]
            and after[0]
            and _continues(previous, after[0])
        ):
            row = previous  # the label row above had blank cells; its tail is below
            after[0] = []
            if len(chain) > 1:
                before[1] = []
            else:
                consumed = True
        elif row is None:
            below_row = match(after[index], table, True) if after[index] else None
            continues = not before[index] or (
                previous is not None and _continues(previous, before[index])
            )
            if below_row is not None and below_row is not previous and continues:
                below = True
                row = below_row
        claims.append(Claim(row, None))
        previous = row
    used = 0
    if (below or consumed) and following is not None:
        used = len(following.context) - len(_own_line(following.context, following))
    return claims, used


def _text_tokens(context: Sequence[Token], run: Run) -> list[Token]:
    """The text of a context that is not on the run's own line."""
    line = run.values[0].line
    return [token for token in context if token.text and token.line != line]


def _own_line(context: Sequence[Token], run: Run) -> list[Token]:
    line = run.values[0].line
    return [token for token in context if token.line == line]


def _continues(row: Row, tokens: Sequence[Token]) -> bool:
    """Whether the text is part of the row's own label (its tail, wrapped below the values)."""
    key = label_key("".join(t.text for t in tokens))
    return bool(key) and key in label_key(row.label)


def _labels(tokens: Sequence[Token], table: Table, match: Match) -> list[Row]:
    """The rows labelled one after another in a block of text: a label ends where another
    numbered label starts, or where the next cell is a label by itself."""
    segments: list[list[Token]] = []
    for token in tokens:
        if (
            segments
            and not starts_label(token.text)
            and (match(segments[-1], table, True) is None or match([token], table, True) is None)
        ):
            segments[-1].append(token)
        else:
            segments.append([token])
    rows = [match(segment, table, True) for segment in segments]
    return [row for row in rows if row is not None]


def _stacked(tokens: Sequence[Token], count: int, table: Table, match: Match) -> list[Row] | None:
    """The rows of ``count`` unlabelled rows whose labels are stacked above them, in order."""
    if count < 2:
        return None
    rows = _labels(tokens, table, match)
    if len(rows) != count or len({row.key for row in rows}) != count:
        return None
    return rows


_HEAD_CELLS = 6  # how far above its numbers a wrapped label may start


def _head(context: Sequence[Token], line: int, table: Table) -> list[Token]:
    """The start of a label the numbers interrupt: the context's cells on the numbers' own line,
    or else the last few cells from the last one that starts a numbered label."""
    headings = heading_keys(table)
    start = len(context)
    while start and context[start - 1].line == line:
        start -= 1
    own = [t for t in context[start:] if t.text and label_key(t.text) not in headings]
    if own:
        return own
    for index in range(len(context) - 1, max(len(context) - _HEAD_CELLS, 0) - 1, -1):
        text = context[index].text
        if starts_label(text) and label_key(text) not in headings:
            return [t for t in context[index:] if t.text and label_key(t.text) not in headings]
    return []


def _below(following: Sequence[Token], next_run: Run | None, table: Table) -> list[Token]:
    """The cells after a run that may continue its label: up to the next numbered label, and
    never the next run's own line. A group's heading there is passed over (a heading written
    down its cell, as pdftotext -layout puts "三、本" beside a label's last line)."""
    next_line = next_run.values[0].line if next_run is not None else None
    out: list[Token] = []
    for token in following:
        if token.line == next_line:
            break
        if starts_label(token.text) and not _heading_piece(token.text, table):
            break
        out.append(token)
    return out


def _heading_piece(text: str, table: Table) -> bool:
    """A group's heading, or the start of one written down its cell ("三、本")."""
    if not starts_label(text):
        return False
    key = label_key(text)
    return any(heading.startswith(key) for heading in heading_keys(table))


def _aliases(table: Table) -> tuple[tuple[str, Row], ...]:
    return table.lookups.alias_pairs
