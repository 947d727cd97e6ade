"""Markdown as PDF-to-markdown model pipelines (marker, MinerU) write a report's tables.

Those tools need model weights and cannot run here; this generator writes their style from a
known document (a list of blocks, see tests/report/read/writers.py), so that the truth of every
cell is the document's. The quirks, as seen in their output of government reports:

* section headings as markdown headings (``## 二、主动公开政府信息情况``);
* one pipe table per page or per group: table 二 as one small table under each 第二十条 heading,
  table 三 cut where the page ends, the page's footer (``- 3 -``) left between the pieces or as
  a row inside the table;
* a piece after the first starts with a header row of generic names (``| 数据1 | 数据2 | …``);
* the first rows of a piece lose their label cells: the labels are free text above the table,
  one a line, and the rows below are numbers only;
* a long label wrapped over two lines: ``<br>`` inside the cell, or the rest of the label on a
  row of its own with every other cell empty;
* merged cells written once, the cells they cover left empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report.normalize import parse_value

from ..read.writers import Block, Table

_HEADING = re.compile(r"^[一二三四五六]、\S{2,30}$")


@dataclass(frozen=True)
class MarkerStyle:
    rows_per_page: int = 9  # table 三's data rows on one page before the table is cut
    footer_in_table: bool = True  # the page footer as a row of the table, else a line between
    unlabeled: int = 2  # rows at the top of a piece whose labels are moved above the table
    wrap: str = "br"  # how a long label wraps: "br" or "row"
    wrap_at: int = 14  # labels longer than this wrap in the middle
    headings: bool = True  # "## " before the six section headings
    first_page: int = 2  # the number printed in the first footer


def grid(table: Table) -> list[list[str]]:
    """The table's cells on a full grid; a merged cell's text in its top-left slot only."""
    width = table.width
    taken: dict[tuple[int, int], str] = {}
    rows: list[list[str]] = []
    for r, row in enumerate(table.rows):
        out: list[str] = []
        column = 0
        for span in row:
            while (r, column) in taken:
                out.append("")
                column += 1
            out.append(span.text)
            for dr in range(span.rowspan):
                for dc in range(span.colspan):
                    if dr or dc:
                        taken[(r + dr, column + dc)] = ""
            out.extend([""] * (span.colspan - 1))
            column += span.colspan
        while column < width:
            out.append("")
            column += 1
        rows.append(out[:width])
    return rows


def _is_number(cell: str) -> bool:
    return bool(cell.strip()) and parse_value(cell).kind == "number"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _separator(width: int) -> str:
    return "|" + "|".join(["---"] * width) + "|"


def _label_columns(rows: list[list[str]]) -> int:
    """How many columns hold labels: those left of the first column with a number."""
    firsts = [
        next(i for i, c in enumerate(row) if _is_number(c))
        for row in rows
        if any(map(_is_number, row))
    ]
    return min(firsts) if firsts else 1


def _wrap(row: list[str], labels: int, style: MarkerStyle) -> list[list[str]]:
    """A row whose last label cell is long: wrapped with <br>, or onto a row of its own."""
    index = labels - 1
    while index >= 0 and not row[index]:
        index -= 1
    if index < 0 or len(row[index]) <= style.wrap_at:
        return [row]
    text = row[index]
    middle = len(text) // 2
    if style.wrap == "br":
        wrapped = list(row)
        wrapped[index] = text[:middle] + "<br>" + text[middle:]
        return [wrapped]
    first = list(row)
    first[index] = text[:middle]
    rest = [""] * len(row)
    rest[index] = text[middle:]
    return [first, rest]


def table_markdown(table: Table, style: MarkerStyle, page: list[int]) -> list[str]:
    """The lines of one table, cut into pieces as described in the module's docstring. ``page``
    holds the number of the current page, advanced at each cut."""
    rows = grid(table)
    width = len(rows[0]) if rows else 0
    data_start = next((i for i, row in enumerate(rows) if any(map(_is_number, row))), len(rows))
    labels = _label_columns(rows[data_start:])
    if width == 4 and any(row[0].startswith("第二十条") for row in rows):
        return _per_group(rows, style)
    head, data = rows[:data_start], rows[data_start:]
    out: list[str] = []
    pieces = [data[i : i + style.rows_per_page] for i in range(0, len(data), style.rows_per_page)]
    for number, piece in enumerate(pieces):
        if number:
            footer = f"- {page[0]} -"
            page[0] += 1
            if style.footer_in_table:
                out.append(_row([footer] + [""] * (width - 1)))
                out.append("")
            else:
                out.extend(["", footer, ""])
            moved = piece[: style.unlabeled]
            for row in moved:
                out.append(" ".join(c for c in row[:labels] if c))
            out.append("")
            out.append(_row([f"数据{i + 1}" for i in range(width)]))
            out.append(_separator(width))
            for row in moved:
                out.append(_row([""] * labels + row[labels:]))
            piece = piece[style.unlabeled :]
        else:
            out.append(_row(head[0] if head else [""] * width))
            out.append(_separator(width))
            out.extend(_row(row) for row in head[1:])
        for row in piece:
            out.extend(_row(part) for part in _wrap(row, labels, style))
    return out


def _per_group(rows: list[list[str]], style: MarkerStyle) -> list[str]:
    """Table 二: a heading line for each 第二十条 group, then a small table of its rows."""
    out: list[str] = []
    for row in rows:
        if row[0].startswith("第二十条"):
            out.extend(["", row[0], ""])
        elif row[0] == "信息内容":
            out.append(_row(row))
            out.append(_separator(len(row)))
        else:
            out.extend(_row(part) for part in _wrap(row, 1, style))
    return out


def to_marker_markdown(blocks: Sequence[Block], style: MarkerStyle = MarkerStyle()) -> str:
    page = [style.first_page]
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append("")
            out.extend(table_markdown(block, style, page))
            out.append("")
        elif style.headings and _HEADING.match(block.strip()):
            out.extend([f"## {block.strip()}", ""])
        else:
            out.extend([block, ""])
    return "\n".join(out) + "\n"
