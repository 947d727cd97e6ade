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
from typing import Literal, NamedTuple

from .normalize import (
    is_page_furniture,
    parse_value,
    split_glued_number,
    split_trailing_numbers,
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


_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

LabelTest = Callable[[str], bool]


def tokenize(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """The cells of ``lines`` in reading order. ``is_label`` tells a known row label, used to
    split a label from digits glued to it."""
    lines = [ln for ln in lines if ln.cells is not None or not is_page_furniture(ln.text)]
    if any(ln.cells is not None for ln in lines):
        return list(_structured(lines, is_label))
    text_lines = [ln for ln in lines if ln.text.strip()]
    piped = [ln for ln in text_lines if "|" in ln.text]
    if text_lines and len(piped) >= max(3, len(text_lines) // 3):
        if any(_MD_SEPARATOR.match(ln.text) for ln in piped):
            return list(_markdown(lines, is_label))
        return list(_pipe_stream(lines, is_label))
    indented = [ln for ln in text_lines if ln.text.lstrip(" ").startswith("\t")]
    if text_lines and len(indented) * 2 >= len(text_lines):
        return list(_cell_per_line(lines, is_label))
    return list(_row_per_line(lines, is_label))


def classify(cell: str, line: int, is_label: LabelTest) -> list[Token]:
    """One cell's text as tokens: a number, a blank, or a label possibly followed by numbers.
    (A list, not a generator: this runs for every cell, and most cells are one number.)"""
    text = cell.strip()
    if text.isdigit() and text.isascii():  # the common case, decided without a lookup
        return [Token("number", text, line)]
    value = parse_value(text)
    if value.kind != "text":
        return [Token(value.kind, text, line)]
    label, trailing = split_trailing_numbers(text)
    if not trailing:
        return _label_tokens(text, line, is_label)
    tokens = _label_tokens(label, line, is_label) if label else []
    tokens.extend(Token(parse_value(piece).kind, piece, line) for piece in trailing)
    return tokens


def _label_tokens(text: str, line: int, is_label: LabelTest) -> list[Token]:
    glued = split_glued_number(text)
    if glued and is_label(glued[0]):
        return [Token("text", glued[0], line), Token("number", glued[1], line)]
    return [Token("text", text, line)]


def _structured(lines: Sequence[RawLine], is_label: LabelTest) -> Iterable[Token]:
    for ln in lines:
        if ln.cells is None:  # a paragraph between table rows: a row written on one line
            yield from _row_per_line([ln], is_label)
            continue
        for cell in ln.cells:
            yield from classify(cell, ln.number, is_label)


def _markdown(lines: Sequence[RawLine], is_label: LabelTest) -> Iterable[Token]:
    """Cells line up in columns. Where merged cells were written out as empty cells, an empty
    cell in a column that no header names ("| 一、本年新收… |  |  | 1 |…" under "|  |  |  |
    自然人 |…") is a slot the label covers, not a blank value, and is left out."""
    header: tuple[int, set[int]] | None = None  # width and named columns of the last header
    in_header = False
    for ln in lines:
        text = ln.text.strip()
        if not text or _MD_SEPARATOR.match(text):
            continue
        if "|" not in text:
            yield from classify(text, ln.number, is_label)
            continue
        inner = text[1:] if text.startswith("|") else text
        inner = inner[:-1] if inner.endswith("|") else inner
        cells = inner.split("|")
        named = {i for i, cell in enumerate(cells) if cell.strip()}
        if len(named) >= 2 and all(parse_value(cells[i]).kind == "text" for i in named):
            if not in_header or header is None or header[0] != len(cells):
                header = (len(cells), set())
            header[1].update(named)
            in_header = True
        else:
            in_header = False
        covered = header[1] if header and header[0] == len(cells) else None
        for index, cell in enumerate(cells):
            if covered is not None and index not in named and index not in covered:
                continue
            yield from classify(cell, ln.number, is_label)


_BARE_PIPES = re.compile(r"\|+\s*")


def _pipe_stream(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """Cells end at "|"; a newline alone does not end a cell ("0\\n|"). A line of bare pipes
    ("||" after a row) stands for the grid slots that merged cells cover: it ends a cell still
    open, and is no cell itself. An empty cell of the row is written " |"."""
    tokens: list[Token] = []
    pending: list[tuple[str, int]] = []  # (text, line) pieces of the cell being read
    for ln in lines:
        text = ln.text
        if "|" not in text:
            pending.append((text, ln.number))
            continue
        padding = _BARE_PIPES.fullmatch(text) is not None
        parts = text.split("|")
        last = len(parts) - 1
        for index, part in enumerate(parts):
            pending.append((part, ln.number))
            if index < last:  # a "|" follows: the cell is complete
                if not padding or any(piece.strip() for piece, _ in pending):
                    _finish_pipe_cell(pending, is_label, tokens)
                pending = []
    if any(piece.strip() for piece, _ in pending):
        _finish_pipe_cell(pending, is_label, tokens)
    return tokens


def _finish_pipe_cell(pieces: list[tuple[str, int]], is_label: LabelTest, out: list[Token]) -> None:
    filled = [(text.strip(), line) for text, line in pieces if text.strip()]
    if not filled:
        out.append(Token("blank", "", pieces[-1][1]))
        return
    # text outside the table (a sentence before it) shares the cell up to the first "|": keep
    # every line of it as its own cell
    for text, line in filled:
        out.extend(classify(text, line, is_label))


def _cell_per_line(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """Word's text export: each cell on a line of its own after a tab; a line without the tab
    continues the cell above ("结果" / "维持", "5.要求行政机关确认或重新" / "出具已获取信息").
    The last cell read stays open until the next line shows whether it continues."""
    tokens: list[Token] = []
    open_text: str | None = None
    open_line = 0
    for ln in lines:
        text = ln.text
        stripped = text.lstrip(" ")
        if stripped.startswith("\t"):
            if open_text is not None:
                tokens.extend(classify(open_text, open_line, is_label))
            *done, open_text = stripped[1:].split("\t")
            open_line = ln.number
            for piece in done:
                tokens.extend(classify(piece, open_line, is_label))
        elif text.strip():
            if (
                open_text is not None
                and open_text.strip()
                and parse_value(open_text).kind == "text"
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


def _row_per_line(lines: Sequence[RawLine], is_label: LabelTest) -> list[Token]:
    """A row on one line. In a row with numbers, each tab ends a cell, so an empty field is a
    blank cell ("规章\\t0\\t\\t3", "…\\t0\\t" with the last cell empty); elsewhere runs of tabs
    only separate."""
    tokens: list[Token] = []
    for ln in lines:
        if not ln.text.strip():
            continue
        fields = ln.text.lstrip().rstrip(" ").split("\t")
        if not any(parse_value(field).kind == "number" for field in fields):
            fields = [field for field in fields if field]
        for cell in fields:
            tokens.extend(classify(cell, ln.number, is_label))
    return tokens
