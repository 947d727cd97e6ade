"""The plain-text reader: decodes bytes and hands over cleaned lines with their numbers."""

from __future__ import annotations

import re
from functools import partial
from itertools import repeat

from ..errors import ReadError
from ..normalize import clean_line, parse_value
from .base import RawDocument, RawLine

_ENCODINGS = ("utf-8-sig", "gb18030")
_raw_line = partial(tuple.__new__, RawLine)


def decode(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(source, f"UTF-16 文本无法解码：{exc.reason}") from exc
    if b"\x00" in data[:4096]:
        raise ReadError(source, "含有二进制数据（NUL 字节），不是文本文件")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(source, "文本编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）")


# a markdown table's separator row; inline (after other text on its line) when a converter
# flattened a table nested in another table's cell
_SEPARATOR = re.compile(r"\|(?: ?:?-{3,}:? ?\|)+")
_PARAGRAPH_GAP = re.compile(r" {2,}")
_MAX_FLATTENED = 1 << 20  # characters of one flattened line worth taking apart


def unflatten(line: str) -> list[str]:
    """The lines of a line that holds whole markdown tables. A converter writing a web page
    whose article sits in a layout table (markitdown, via markdownify) puts the article in one
    cell of one line: its paragraphs separated by two spaces, each nested table's rows one
    after another ("| a | b | | --- | --- | | 1 | 2 |   next paragraph"). The separator gives
    the header's number of cells; the body's cells are " text ", "  " (an empty cell) or " "
    (the slot of a merged cell, or the break between two rows): a row ends at a break after a
    value or an empty cell and before a label. A table is never taken across a line break (an
    outer table that holds tables already taken apart is left as it is)."""
    if len(line) > _MAX_FLATTENED:
        return [line]
    pieces: list[str] = []  # text and tables, in order, newline-joined
    matches = [m for m in _SEPARATOR.finditer(line) if line[: m.start()].strip()]
    end = len(line)
    for match in reversed(matches):  # from the right: an inner table before the one holding it
        if match.end() > end:
            continue
        width = match.group().count("|") - 1
        start = _cells_back(line, match.start(), width)
        if start is None:
            continue
        rows, stop = _body(line, match.end(), end)
        if not rows:
            continue
        pieces.insert(0, _paragraphs(line[stop:end]))
        pieces.insert(0, "\n".join([line[start : match.start()].strip(), match.group(), *rows]))
        end = start
    if not pieces:
        return [line]
    pieces.insert(0, _paragraphs(line[:end]))
    return [part for piece in pieces for part in piece.split("\n")]


def _cells_back(line: str, before: int, width: int) -> int | None:
    """Where the row of ``width`` cells that ends just before ``before`` starts."""
    position = line.rfind("|", 0, before)
    for _ in range(width):
        if position <= 0:
            return None
        position = line.rfind("|", 0, position)
    if position < 0 or "\n" in line[position:before]:
        return None
    return position


def _is_cell(piece: str) -> bool:
    """A piece between two pipes as markdownify writes a cell: one space either side."""
    if piece in (" ", "  "):
        return True
    return (
        len(piece) > 2
        and piece[0] == piece[-1] == " "
        and piece[1] != " "
        and piece[-2] != " "
        and "\n" not in piece
    )


def _body(line: str, position: int, end: int) -> tuple[list[str], int]:
    """The rows of a flattened table's body starting at ``position`` (after its separator), and
    where the table ends."""
    pieces = line[position:end].split("|")
    if len(pieces) < 3 or pieces[0].strip():
        return [], position
    cells: list[str] = []
    stop = position + len(pieces[0]) + 1
    for piece in pieces[1:-1]:
        if not _is_cell(piece):
            break
        cells.append(piece)
        stop += len(piece) + 1
    rows: list[list[str]] = [[]]
    for index, cell in enumerate(cells):
        if cell != " ":
            rows[-1].append(cell.strip())
            continue
        after = cells[index + 1].strip() if index + 1 < len(cells) else ""
        if rows[-1] and _is_value_cell(rows[-1][-1]) and after and not _is_value_cell(after):
            rows.append([])
    return ["| " + " | ".join(row) + " |" for row in rows if row], stop


def _is_value_cell(text: str) -> bool:
    return not text or parse_value(text).kind != "text"


_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _markdown_marks(line: str) -> str:
    """A converter's markdown marks that are not the report's text: a heading's "## ", and a
    line break inside a table cell ("确认或<br>重新出具": one label, wrapped)."""
    if line.startswith("#"):
        line = _HEADING_MARK.sub("", line, count=1)
    if "<" in line and "|" in line:
        line = _BREAK.sub(" ", line)
    return line


def _paragraphs(text: str) -> str:
    return "\n".join(part.strip() for part in _PARAGRAPH_GAP.split(text) if part.strip())


def read_text(text: str, source: str | None = None) -> RawDocument:
    # cleaning works line by line, and none of it spans a line break: clean the text at once
    lines = clean_line(text).splitlines()
    if "| ---" in text:
        lines = [part for line in lines for part in _unflattened(line)]
    if "#" in text or "<br" in text:
        lines = list(map(_markdown_marks, lines))
    # (text, number, None) tuples made RawLines without a Python call each
    rows = zip(lines, range(1, len(lines) + 1), repeat(None))
    return RawDocument(source, "text", tuple(map(_raw_line, rows)))


def read_bytes(data: bytes, source: str | None = None) -> RawDocument:
    return read_text(decode(data, source), source)


def _unflattened(line: str) -> list[str]:
    if len(line) < 200 or "| ---" not in line.lstrip()[1:]:
        return [line]
    return unflatten(line)
