"""XLSX: the whole report on one printable sheet, tables with real merged ranges.

The sheet has :data:`SHEET_COLUMNS` equal columns, one for each number of table 四. The text
(title, preamble, headings, paragraphs, signing block) fills rows merged across the sheet. In a
table every number column is one sheet column, at the right; the label columns share the sheet
columns left of them in proportion to the template's widths. So a table's merged ranges are the
template's merged cells, and a label may also cover several sheet columns (one merged range, one
cell); a number never does, so that a reader which expands merged ranges finds exactly one
cell per number. Every cell inside a merged range but its top-left one is empty, as Excel has it. Numbers
are numeric cells (decimals kept exactly, shown with their own places); a null cell is empty.
Text is always a string cell: text that looks like a formula (``=HYPERLINK(…)`` in an agency's
prose or an imported report) is stored as text with the quote prefix, shown and never run.
Deterministic: fixed workbook properties and ZIP dates.

The file is byte for byte the one openpyxl writes for the same plan (:mod:`.xlsx_openpyxl`, the
reference, about 100 ms a report, most of it in openpyxl's merged-cell borders and style
bookkeeping). Here :mod:`.xlsx_sheet` plans the cells, :mod:`.xlsx_styles` numbers their styles as
openpyxl would, and the cells, row heights and merged ranges are written as XML text into the
parts openpyxl writes around them, kept once per process for each draft mark (about 2 ms a report).
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from math import isinf, isnan

from openpyxl.utils import get_column_letter

from ..model import Report
from .ooxml import Entry, entry, package, xml_escape
from .xlsx_sheet import (
    BODY,
    SHEET_COLUMNS,
    CellValue,
    SheetPlan,
    TextRow,
    plan,
    share,
    sheet_spans,
)
from .xlsx_styles import (
    SheetStyles,
    StyledSheet,
    range_ref,
    sheet_styles,
    styled_sheet,
    stylesheet_xml,
)

# stand-ins for the document properties that carry the report's own text
TITLE_SLOT, AUTHOR_SLOT = "GONGKAI-TITLE-SLOT", "GONGKAI-AUTHOR-SLOT"
SHEET_PART, CORE_PART = "xl/worksheets/sheet1.xml", "docProps/core.xml"
STYLES_PART = "xl/styles.xml"
_SHEET_DATA, _SHEET_DATA_END = "<sheetData>", "</sheetData>"
_DIMENSION_SAMPLE = '<dimension ref="A1:O1"/>'
_MERGE_SAMPLE = '<mergeCells count="1"><mergeCell ref="A1:O1"/></mergeCells>'


def render_xlsx(report: Report, watermark: str = "") -> bytes:
    sheet = plan(report, watermark)
    skeleton = _skeleton(styled_sheet(tuple(sheet.ops)))
    frame = _frame(watermark, bool(sheet.title), bool(sheet.creator))
    parts: list[Entry] = []
    for name, static in frame.parts:
        if isinstance(static, Entry):
            parts.append(static)
        elif name == SHEET_PART:
            head, middle, close, tail = static
            text = "".join(
                (
                    head,
                    skeleton.dimension,
                    middle,
                    _sheet_data(sheet, skeleton),
                    close,
                    skeleton.merged,
                    tail,
                )
            )
            parts.append(entry(name, text.encode("ascii")))
        elif name == STYLES_PART:
            parts.append(skeleton.styles)
        else:
            parts.append(_properties_entry(name, static[0], sheet.title, sheet.creator))
    return package(parts)


# ------------------------------------------------------------------------------ the frame


@dataclass(frozen=True)
class _Frame:
    """The package openpyxl writes for a one-row sheet with this draft mark: the parts that do
    not depend on the report compressed once; the sheet (around its dimension, cells and merged
    ranges) and the properties (with stand-ins for the title and the author) kept as text."""

    parts: tuple[tuple[str, Entry | tuple[str, ...]], ...]


@functools.lru_cache(maxsize=8)
def _frame(watermark: str, titled: bool, authored: bool) -> _Frame:
    from .xlsx_openpyxl import build

    sample = SheetPlan(watermark=watermark)
    sample.ops.append(TextRow(1, BODY, "left", False))
    sample.values[1, 1] = "-"
    data, _sheet = build(
        sample, title=TITLE_SLOT if titled else "", creator=AUTHOR_SLOT if authored else ""
    )
    parts: list[tuple[str, Entry | tuple[str, ...]]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            raw = archive.read(info.filename)
            if info.filename == SHEET_PART:
                text = raw.decode("ascii")
                head, rest = text.split(_DIMENSION_SAMPLE)
                middle = rest[: rest.index(_SHEET_DATA) + len(_SHEET_DATA)]
                close = rest[rest.index(_SHEET_DATA_END) : rest.index(_MERGE_SAMPLE)]
                tail = rest[rest.index(_MERGE_SAMPLE) + len(_MERGE_SAMPLE) :]
                parts.append((info.filename, (head, middle, close, tail)))
            elif info.filename == CORE_PART:
                parts.append((info.filename, (raw.decode("utf-8"),)))
            elif info.filename == STYLES_PART:
                parts.append((info.filename, ()))
            else:
                parts.append((info.filename, entry(info.filename, raw)))
    return _Frame(tuple(parts))


@functools.lru_cache(maxsize=64)
def _styles_entry(tables: tuple[object, ...]) -> Entry:
    return entry(STYLES_PART, stylesheet_xml(tables))


@functools.lru_cache(maxsize=256)
def _properties_entry(name: str, xml: str, title: str, creator: str) -> Entry:
    """The document properties with this title and author, compressed (kept for the 256 last
    used: a report is often rendered more than once)."""
    text = _property(_property(xml, TITLE_SLOT, title), AUTHOR_SLOT, creator)
    return entry(name, text.encode("utf-8"))


def _property(xml: str, slot: str, text: str) -> str:
    """``text`` in place of ``slot``, its element marked to keep spaces as openpyxl marks it
    (xml/functions.py: whitespace) when the text has spaces around something else."""
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and text != stripped else ""
    return xml.replace(f">{slot}<", f"{space}>{xml_escape(text)}<")


# ------------------------------------------------------------------------------ the sheet


@dataclass(frozen=True)
class _Skeleton:
    """The sheet's XML as its styles decide it: the dimension, the merged ranges, the style
    sheet (compressed) and each cell's start tag (``<c r="B7" s="3"``), with whether the cell
    is styled (an unstyled cell is written only when it holds a value)."""

    dimension: str
    merged: str
    styles: Entry
    cells: tuple[tuple[int, int, str, bool], ...]


@functools.lru_cache(maxsize=64)
def _skeleton(styled: StyledSheet) -> _Skeleton:
    cells = styled.cells
    rows = [row for row, _col, _xf in cells]
    cols = [col for _row, col, _xf in cells]
    first = f"{get_column_letter(min(cols))}{min(rows)}"
    dimension = f'<dimension ref="{first}:{get_column_letter(max(cols))}{max(rows)}"/>'
    merged = ""
    if styled.merged:
        refs = "".join(f'<mergeCell ref="{range_ref(each)}"/>' for each in styled.merged)
        merged = f'<mergeCells count="{len(styled.merged)}">{refs}</mergeCells>'
    letters = {col: get_column_letter(col) for col in set(cols)}
    starts = tuple(
        [
            (row, col, f'<c r="{letters[col]}{row}" s="{xf}"', True)
            if xf
            else (row, col, f'<c r="{letters[col]}{row}"', xf is not None)
            for row, col, xf in cells
        ]
    )
    return _Skeleton(dimension, merged, _styles_entry(styled.tables), starts)


_EMPTY_NUMBER = ' t="n"></c>'


def _sheet_data(sheet: SheetPlan, skeleton: _Skeleton) -> str:
    """The rows in order, each with its cells in order, as openpyxl's writer writes them
    (worksheet/_writer.py: rows, write_row)."""
    heights = sheet.heights
    values_get = sheet.values.get
    text_content, number_content = _text_content, _number_content
    out: list[str] = []
    append = out.append
    current = 0
    seen: set[int] = set()
    for row, col, start, styled in skeleton.cells:
        value = values_get((row, col))
        if value is None:
            if not styled:
                continue
            content = _EMPTY_NUMBER
        elif isinstance(value, str):
            content = text_content(value)
        elif type(value) is int and -_EXACT_INT < value < _EXACT_INT:  # most numbers
            content = f' t="n"><v>{value}</v></c>'
        else:
            content = number_content(value)
        if row != current:
            if current:
                append("</row>")
            append(_row_start(row, heights.get(row)))
            current = row
            seen.add(row)
        append(start + content)
    if current:
        append("</row>")
    if heights.keys() - seen:  # a row with a height and no cell: openpyxl writes it too
        return _rows_with_empty(sheet, sheet_styles(sheet))
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _row_start(row: int, height: float | None) -> str:
    if height:
        return f'<row r="{row}" ht="{height:.16g}" customHeight="1">'
    return f'<row r="{row}">'


def _rows_with_empty(sheet: SheetPlan, styles: SheetStyles) -> str:
    values, heights = sheet.values, sheet.heights
    rows: dict[int, list[str]] = {row: [] for row in heights}
    for (row, col), style in styles.cells.items():
        ref = f"{get_column_letter(col)}{row}"
        start = f'<c r="{ref}" s="{style}"' if style else f'<c r="{ref}"'
        rows.setdefault(row, []).append(start + _cell_content(values.get((row, col))))
    out: list[str] = []
    for row in sorted(rows):
        out.append(_row_start(row, heights.get(row)))
        out.extend(rows[row])
        out.append("</row>")
    return "".join(out)


def _cell_content(value: CellValue) -> str:
    """The rest of a ``<c>`` element after its style, as openpyxl's lxml writer puts it."""
    if value is None:
        return _EMPTY_NUMBER
    if isinstance(value, str):
        return _text_content(value)
    return _number_content(value)


@functools.lru_cache(maxsize=4096)
def _text_content(value: str) -> str:
    """A string cell's content; kept per text, as the labels of the tables recur in every
    report (the text alone decides it)."""
    if not value:
        return ' t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f' t="inlineStr"><is><t{space}>{_ascii_text(value)}</t></is></c>'


_EXACT_INT = 2**53  # below it an int goes through a float unchanged, and "%.16g" is its digits


def _number_content(value: int | Decimal) -> str:
    # "%.16g" as openpyxl's safe_string: through a float, so Decimal("1.50") is written 1.5
    if type(value) is int and -_EXACT_INT < value < _EXACT_INT:
        return f' t="n"><v>{value}</v></c>'
    number = "" if isnan(value) or isinf(value) else f"{float(value):.16g}"
    return f' t="n"><v>{number}</v></c>'


def _ascii_text(text: str) -> str:
    """Element text as lxml writes it into an ASCII document: markup escaped, a return as a
    character reference, every character beyond ASCII as its decimal reference."""
    return xml_escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


__all__ = ["SHEET_COLUMNS", "render_xlsx", "share", "sheet_spans"]
