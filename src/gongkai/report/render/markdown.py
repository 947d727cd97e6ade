"""Markdown: GitHub pipe tables, readable as text and read back by gongkai's own text reader.

Merged cells are flattened so that a person and :func:`gongkai.report.parse.parse_text` both read
them: a header spanning several columns is written once, in its first column; a group label
spanning several rows (三、本年度办理结果, （三）不予公开 …) is repeated on every row it covers; a
row label spanning several label columns sits in the last of them, next to its numbers, so that
no empty cell ever comes between a label and its values. Table 二's blocks become one small table
each, under their 第二十条第（…）项 caption. Null cells are empty.

Text is text, never markup: ``<`` and ``>`` are written as ``&lt;`` and ``&gt;`` (no HTML tag or
autolink can start), and ``](`` as ``]\\(`` (no inline link, e.g. to ``javascript:``), whatever
the prose of an agency or an imported report holds. Numbers are written as they are.

Section headings are plain lines ("一、总体情况"), not "#" headings: the text reader recognises a
heading by its leading number (see the report's notes on a core change that would allow "##").
"""

from __future__ import annotations

from ..model import Report
from .layout import (
    Block,
    Grid,
    GridCell,
    Heading,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    document,
)


def render_markdown(report: Report, watermark: str = "") -> bytes:
    text = markdown_text(document(report))
    if watermark:  # a banner above the title
        text = f"> **{plain(watermark)}**\n\n{text}"
    return text.encode("utf-8")


def markdown_text(blocks: tuple[Block, ...]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out.append(f"{plain(block.text)}\n{'=' * max(3, 2 * len(block.text))}")
        elif isinstance(block, Heading | Paragraph):
            out.append(plain(block.text))
        elif isinstance(block, TableBlock):
            out.extend(table_markdown(block.grid))
        elif isinstance(block, Signature):
            out.extend(plain(line) for line in block.lines)
    return "\n\n".join(out) + "\n"


def plain(text: str) -> str:
    """``text`` as Markdown that renders as that text: no tag, autolink or inline link."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("](", "]\\(")


def table_markdown(grid: Grid) -> list[str]:
    """The grid as captions and pipe tables, one string per Markdown block."""
    blocks: list[str] = []
    segment: list[int] = []
    for row in range(grid.n_rows):
        captions = [c for c in grid.row_cells(row) if c.kind == "caption"]
        if captions:
            if segment:
                blocks.append(_pipe_table(grid, segment))
            blocks.append(plain(captions[0].text))
            segment = []
        else:
            segment.append(row)
    if segment:
        blocks.append(_pipe_table(grid, segment))
    return blocks


def _pipe_table(grid: Grid, rows: list[int]) -> str:
    first, last = rows[0], rows[-1]
    cells = [c for c in grid.cells if c.row <= last and c.last_row >= first]
    starts = sorted({c.col for c in cells if c.row >= first})
    numeric = {c.col for c in cells if c.kind == "value"}
    lines: list[list[str]] = []
    for row in rows:
        line = [""] * len(starts)
        for cell in cells:
            if cell.row <= row <= cell.last_row:
                text = _flat_text(cell, row)
                if text:
                    line[_position(cell, starts)] = text
        lines.append(line)
    is_number = [col in numeric for col in starts]
    separator = [":---:" if n else "---" for n in is_number]
    body = [lines[0], separator, *lines[1:]]
    if not any(text for text, n in zip(lines[-1], is_number, strict=True) if n):
        # a last row with every value null would end in its label, and the text reader ends a
        # table at its last line that ends in a value or an empty cell: close with an empty row
        body.append([""] * len(starts))
    return "\n".join("| " + " | ".join(line) + " |" for line in body)


def _flat_text(cell: GridCell, row: int) -> str:
    if cell.kind == "group" or cell.row == row:
        return plain(cell.text).replace("|", "｜")
    return ""


def _position(cell: GridCell, starts: list[int]) -> int:
    covered = [i for i, col in enumerate(starts) if cell.col <= col <= cell.last_col]
    return covered[-1] if cell.kind == "label" else covered[0]
