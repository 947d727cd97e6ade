"""Turn the lines of a table region, in whatever layout, into one stream of cells.

The layouts seen in practice:

* one cell per line, tab-indented (Word saved as text), with labels broken across lines;
* pipe-separated cells, newlines incidental (``label |\\n0 |\\n||``), and markdown tables;
* a whole row on one line, cells separated by tabs or spaces;
* text dumps where a label and its digits run together ("1.属于国家秘密0000000");
* rows of explicit cells from structured readers (HTML, DOCX, spreadsheets).

Every layout ends as the same stream of :class:`Token`: text, number or blank. Rows are then
found by label in :mod:`gongkai.report.assemble`, never by position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Literal, NamedTuple

from .normalize import (
    cell_note,
    is_page_furniture,
    parse_value,
    split_glued_number,
    split_trailing_numbers,
    value_kind,
)
from .read.base import RawLine

TokenKind = Literal["text", "number", "blank"]


class Token(NamedTuple):
    kind: TokenKind
    text: str
    line: int

    @property
    def is_value(self) -> bool:
        return self.kind != "text"


_MD_ROW = re.compile(r"^\s*\|[^|]*[^|\s][^|]*\|.*\|\s*$")  # "| a | 0 |": content between pipes
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

LabelTest = Callable[[str], bool]


_text = attrgetter("text")
_cells = attrgetter("cells")
_new = tuple.__new__  # a Token without NamedTuple's Python-level constructor: _new(Token, (…))


def tokenize(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """The cells of ``lines`` in reading order. ``is_label`` tells a known row label, used to
    split a label from digits glued to it."""
    furniture = list(map(is_page_furniture, map(_text, lines)))
    if any(furniture):
        lines = [
            ln for ln, f in zip(lines, furniture, strict=True) if ln.cells is not None or not f
        ]
    cells = list(map(_cells, lines))
    if cells.count(None) != len(cells):
        return list(_structured(lines, is_label))
    texts = list(filter(str.strip, map(_text, lines)))  # the lines with text
    piped = [text for text in texts if "|" in text]
    if len(piped) >= 3 and (
        any(map(_MD_SEPARATOR.match, piped))
        or 2 * sum(1 for text in piped if _MD_ROW.match(text)) >= len(piped)
    ):
        # markdown tables (their separator row may be above the table's first label), however
        # much text a converter wrote between their rows
        return _markdown(lines, is_label)
    if texts and len(piped) >= max(3, len(texts) // 3):
        return _pipe_stream(lines, is_label)
    indented = sum(1 for text in texts if text.lstrip(" ").startswith("\t"))
    if texts and indented * 2 >= len(texts):
        return _cell_per_line(lines, is_label)
    return _row_per_line(lines, is_label)


def classify(cell: str, line: int, is_label: LabelTest) -> list[Token]:
    """One cell's text as tokens: a number, a blank, or a label possibly followed by numbers.
    (A list, not a generator: this runs for every cell, and most cells are one number.)"""
    text = cell.strip()
    if text.isdigit() and text.isascii():  # the common case, decided without a lookup
        return [_new(Token, ("number", text, line))]
    kind = parse_value(text).kind
    if kind != "text":
        return [_new(Token, (kind, text, line))]
    return [_new(Token, (*piece, line)) for piece in _cell_pieces(text, is_label)]


@lru_cache(maxsize=1 << 14)
def _cell_pieces(text: str, is_label: LabelTest) -> tuple[tuple[TokenKind, str], ...]:
    """(kind, text) of the tokens of a cell that is not a lone value: labels repeat from report
    to report, so this is worked out once per label (and per format's label test)."""
    if cell_note(text) is not None:  # "22（其中修订16件）": a figure with a note is one value
        return (("number", text),)
    label, trailing = split_trailing_numbers(text)
    if not trailing:
        return _label_pieces(text, is_label)
    head = _label_pieces(label, is_label) if label else ()
    return head + tuple((value_kind(piece), piece) for piece in trailing)


def _label_pieces(text: str, is_label: LabelTest) -> tuple[tuple[TokenKind, str], ...]:
    glued = split_glued_number(text)
    if glued and is_label(glued[0]):
        return (("text", glued[0]), ("number", glued[1]))
    return (("text", text),)


def _structured(lines: Sequence[RawLine], is_label: LabelTest) -> Iterable[Token]:
    for ln in lines:
        if ln.cells is None:  # a paragraph between table rows: a row written on one line
            yield from _row_per_line([ln], is_label)
            continue
        for cell in ln.cells:
            yield from classify(cell, ln.number, is_label)


def _markdown(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """Cells line up in columns. Where merged cells were written out as empty cells, an empty
    cell in a column that no header names ("| 一、本年新收… |  |  | 1 |…" under "|  |  |  |
    自然人 |…") is a slot the label covers, not a blank value, and is left out.

    Converters that rebuild a table from a PDF page do not keep header and value columns in
    line ("|  | 规章 |  |  | 0 |" under "|  | 信息内容 |  | 本年制发件数 |"): a header names its
    column and the unnamed ones after it, up to the next it names, and a value anywhere in that
    group is the group's; only a group left wholly empty is a blank cell. With no header, the
    columns from the first that holds a value in some row of the same width are the value
    columns. A row that starts with a value starts with an empty text token, so that the values
    of two rows never make one run, and a row of the page's footer ("| - 3 | - |") is
    dropped."""
    rows, valued = _markdown_rows(lines)
    labelled: dict[int, set[int]] = {}  # by width, worked out when a header needs it
    tokens: list[Token] = []
    header: tuple[int, set[int]] | None = None  # width and named columns of the last header
    in_header = False
    known: dict[int, Slots] = {}  # the slots of a row of each width, while the header holds
    for ln, cells, found in rows:
        if cells is None:
            tokens.extend(classify(ln.text.strip(), ln.number, is_label))
            continue
        width = len(cells)
        named = {i for i, cell in enumerate(cells) if cell}
        values = valued[width]
        if (
            len(named) >= 2
            and not found
            and (not values or max(named) >= min(values))  # not a label over blank cells
        ):
            if not in_header or header is None or header[0] != width:
                header = (width, set())
            header[1].update(named)
            in_header = True
            known.clear()
            if not all(_GENERIC_HEADER.match(cells[i]) for i in named):  # "| 数据1 |" names nothing
                for index in sorted(named):  # a header's text; its empty cells are no blanks
                    tokens.extend(classify(cells[index], ln.number, is_label))
            continue
        in_header = False
        start = len(tokens)
        slots = known.get(width)
        if slots is None:
            if header is not None and header[0] == width:
                if width not in labelled:
                    labelled[width] = _labelled(rows, width)
                slots = _header_groups(width, header[1], values, labelled[width])
            else:
                first = min(values, default=width)  # the columns before it hold the label
                slots = tuple(((i,), i in values or i > first) for i in range(width))
            known[width] = slots
        line = ln.number
        for columns, is_slot in slots:
            if len(columns) == 1:  # the usual slot: one column
                value = cells[columns[0]]
                if not value:
                    if is_slot:
                        tokens.append(_new(Token, ("blank", "", line)))
                elif value.isdigit() and value.isascii():  # classify's common case, inlined
                    tokens.append(_new(Token, ("number", value, line)))
                else:
                    tokens.extend(classify(value, line, is_label))
                continue
            filled = False
            for index in columns:
                value = cells[index]
                if not value:
                    continue
                filled = True
                if value.isdigit() and value.isascii():  # classify's common case, inlined
                    tokens.append(_new(Token, ("number", value, ln.number)))
                else:
                    tokens.extend(classify(value, ln.number, is_label))
            if is_slot and not filled:
                tokens.append(_new(Token, ("blank", "", ln.number)))
        if len(tokens) > start and tokens[start].kind != "text":
            # a row that starts with a value starts with an empty text: its values never join
            # the row's above in one run, and it shows the row has no label of its own
            tokens.insert(start, _new(Token, ("text", "", line)))
    return tokens


_MarkdownRow = tuple[RawLine, "list[str] | None", "list[int]"]


def _markdown_rows(lines: Sequence[RawLine]) -> tuple[list[_MarkdownRow], dict[int, set[int]]]:
    """The cells of each table row, stripped (None for a line of text), with the columns that
    hold a value; and by row width the columns that hold a value in some row."""
    rows: list[_MarkdownRow] = []
    valued: dict[int, set[int]] = {}
    # rows start and end with "|"; html2text writes "a | b" and "  | 0 |  " (told by its
    # separator "---|---", or by the rows themselves while no separator was seen)
    outer, seen_separator = True, False
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        if _MD_SEPARATOR.match(text):
            outer, seen_separator = text.startswith("|"), True
            continue
        if "|" not in text:
            rows.append((ln, None, []))
            continue
        if outer and (seen_separator or text.startswith("|")):
            inner = text[1:] if text.startswith("|") else text
            inner = inner[:-1] if inner.endswith("|") else inner
        else:
            inner = ln.text
        cells = list(map(str.strip, inner.split("|")))
        found = [
            i
            for i, cell in enumerate(cells)
            if cell and ((cell.isdigit() and cell.isascii()) or parse_value(cell).kind != "text")
        ]
        if len(found) <= 2:
            filled = list(filter(None, cells))
            if filled and len(filled) <= 3 and is_page_furniture(" ".join(filled)):
                continue  # the page's footer, caught inside the table
        rows.append((ln, cells, found))
        valued.setdefault(len(cells), set()).update(found)
    return rows, valued


def _labelled(rows: list[_MarkdownRow], width: int) -> set[int]:
    """The columns of rows of ``width`` that hold a label beside values."""
    out: set[int] = set()
    for _, cells, found in rows:
        if found and cells is not None and len(cells) == width:
            out.update(i for i, cell in enumerate(cells) if cell and i not in found)
    return out


# the header a converter gives a table it could not read the header of
_GENERIC_HEADER = re.compile(r"^(?:数据|列|栏|第|[Cc]ol(?:umn)?\s*)\d{1,2}列?$")


Slots = tuple[tuple[tuple[int, ...], bool], ...]  # (columns, whether a value's slot)


@lru_cache(maxsize=256)
def _header_groups_cached(
    width: int, named: frozenset[int], valued: frozenset[int], labelled: frozenset[int]
) -> Slots:
    starts = sorted(named)
    groups: list[tuple[tuple[int, ...], bool]] = [((i,), False) for i in range(starts[0])]
    for position, start in enumerate(starts):
        stop = starts[position + 1] if position + 1 < len(starts) else width
        group = tuple(range(start, stop))
        # a header over the label's columns: labels beside values there, and never a value
        groups.append((group, not valued.isdisjoint(group) or labelled.isdisjoint(group)))
    return tuple(groups)


def _header_groups(width: int, named: set[int], valued: set[int], labelled: set[int]) -> Slots:
    """The slots of a row under a header naming the columns ``named``: each named column with
    the unnamed ones after it. The columns before the first named one, and a header's group
    that holds labels beside values but never a value, hold the label."""
    return _header_groups_cached(width, frozenset(named), frozenset(valued), frozenset(labelled))


_BARE_PIPES = re.compile(r"\|+\s*")
_WIDE_GAP = re.compile(r" {3,}")


def _pipe_stream(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """Cells end at "|"; a newline alone does not end a cell ("0\\n|"). A line of bare pipes
    ("||" after a row) stands for the grid slots that merged cells cover: it ends a cell still
    open, and is no cell itself. An empty cell of the row is written " |"."""
    tokens: list[Token] = []
    filled: list[tuple[str, int]] = []  # (text, line) of the non-empty pieces of the open cell
    for ln in lines:
        text = ln.text
        bar = text.find("|")
        if bar < 0:
            if text.strip():
                filled.append((text, ln.number))
            continue
        if not filled:  # the usual lines, with no cell left open
            if bar == len(text) - 1:  # "0 |": one cell, closed
                cell = text[:-1].strip()
                if cell.isdigit() and cell.isascii():  # classify's common case, inlined
                    tokens.append(_new(Token, ("number", cell, ln.number)))
                elif cell:
                    tokens.extend(classify(cell, ln.number, is_label))
                elif bar:  # " |" is an empty cell; "|" alone, bare pipes
                    tokens.append(_new(Token, ("blank", "", ln.number)))
                continue
            if bar == 0 and _BARE_PIPES.fullmatch(text):
                continue  # bare pipes, and no cell for them to end
        padding = _BARE_PIPES.fullmatch(text) is not None
        *done, rest = text.split("|")
        for part in done:  # a "|" follows each of these: the cell is complete
            if part.strip():
                filled.append((part, ln.number))
            if filled:
                # text outside the table (a sentence before it) shares the cell up to the
                # first "|": every line of it is a cell of its own
                for piece, line in _with_notes(filled):
                    cell = piece.strip()
                    if cell.isdigit() and cell.isascii():  # classify's common case, inlined
                        tokens.append(_new(Token, ("number", cell, line)))
                    else:
                        tokens.extend(classify(cell, line, is_label))
                filled = []
            elif not padding:
                tokens.append(_new(Token, ("blank", "", ln.number)))
        if rest.strip():
            filled.append((rest, ln.number))
    for piece, line in _with_notes(filled):
        tokens.extend(classify(piece, line, is_label))
    return tokens


def _with_notes(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A figure and, on the next line of the same cell, its note in brackets: one cell
    ("22" / "（其中修订16件）" → "22（其中修订16件）")."""
    if len(pieces) < 2:
        return pieces
    out: list[tuple[str, int]] = []
    for piece, line in pieces:
        if out and _continues_figure(out[-1][0], piece):
            out[-1] = (out[-1][0].strip() + piece.strip(), out[-1][1])
        else:
            out.append((piece, line))
    return out


def _continues_figure(figure: str, piece: str) -> bool:
    """``piece`` is the bracketed note of the figure before it, or the rest of that note
    ("22（其中修订16" / "件）")."""
    text, head = piece.strip(), figure.strip()
    if not text or not head:
        return False
    if text[0] in ("(", "（"):
        if value_kind(head) != "number":
            return False
    elif head.count("(") + head.count("（") <= head.count(")") + head.count("）"):
        return False
    return cell_note(head + text) is not None


def _cell_per_line(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """Word's text export: each cell on a line of its own after a tab; a line without the tab
    continues the cell above ("结果" / "维持", "5.要求行政机关确认或重新" / "出具已获取信息").
    The last cell read stays open until the next line shows whether it continues."""
    tokens: list[Token] = []
    open_text: str | None = None
    open_line = 0
    for ln in lines:
        text = ln.text
        if not text:
            continue
        stripped = text.lstrip(" ")
        if stripped[:1] == "\t":
            if open_text is not None:
                cell = open_text.strip()
                if cell.isdigit() and cell.isascii():  # classify's common case, inlined
                    tokens.append(_new(Token, ("number", cell, open_line)))
                else:
                    tokens.extend(classify(cell, open_line, is_label))
            open_line = ln.number
            open_text = stripped[1:]
            if "\t" in open_text:
                *done, open_text = open_text.split("\t")
                for piece in done:
                    tokens.extend(classify(piece, open_line, is_label))
        elif text.strip():
            if (
                open_text is not None
                and open_text.strip()
                and (parse_value(open_text).kind == "text" or _continues_figure(open_text, text))
            ):
                open_text = _join(open_text, text)
                continue
            if open_text is not None:
                tokens.extend(classify(open_text, open_line, is_label))
            open_text, open_line = text, ln.number
    if open_text is not None:
        tokens.extend(classify(open_text, open_line, is_label))
    return tokens


def _join(left: str, right: str) -> str:
    """Join a label broken across lines: no space between CJK characters."""
    left, right = left.rstrip(), right.strip()
    if left and right and left[-1].isascii() and right[0].isascii():
        return f"{left} {right}"
    return left + right


def _columns_apart(found: list[Token], is_label: LabelTest) -> list[Token]:
    """Text set apart by wide gaps is text of different columns ("三、本      制作": a group's
    label written down its cell beside a row label's last line)."""
    out: list[Token] = []
    for token in found:
        if token.kind != "text" or "   " not in token.text:
            out.append(token)
            continue
        for piece in _WIDE_GAP.split(token.text.strip()):
            out.extend(classify(piece, token.line, is_label))
    return out


def _row_per_line(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """A row on one line. In a row with numbers, each tab ends a cell, so an empty field is a
    blank cell ("规章\\t0\\t\\t3", "…\\t0\\t" with the last cell empty); elsewhere runs of tabs
    only separate."""
    tokens: list[Token] = []
    for ln in lines:
        if not ln.text.strip():
            continue
        fields = ln.text.lstrip().rstrip(" ").split("\t")
        if len(fields) == 1:
            found = classify(fields[0], ln.number, is_label)
            if "   " in fields[0] and any("   " in t.text for t in found if t.kind == "text"):
                found = _columns_apart(found, is_label)  # pdftotext -layout's columns
            tokens.extend(found)
            continue
        if not any(value_kind(field) == "number" for field in fields):
            fields = [field for field in fields if field]
        for field in fields:
            cell = field.strip()
            if cell.isdigit() and cell.isascii():  # classify's common case, inlined
                tokens.append(_new(Token, ("number", cell, ln.number)))
            else:
                tokens.extend(classify(cell, ln.number, is_label))
    return tokens
