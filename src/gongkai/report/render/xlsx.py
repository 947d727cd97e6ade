"""XLSX: the whole report on one printable sheet, tables with real merged ranges (openpyxl).

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
"""

from __future__ import annotations

import io
import math
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from ..inert import looks_like_formula
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
from .ooxml import FIXED_DATETIME, fixed_zip, xml_text

SHEET_TITLE = "年度报告"
SHEET_COLUMNS = 15
COLUMN_WIDTH = 6.2  # in Excel's character units: 15 columns ≈ the A4 text width
CHARS_PER_COLUMN = 3.3  # Chinese characters of 10.5 pt in one sheet column
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_xlsx(report: Report, watermark: str = "") -> bytes:
    blocks = document(report)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = SHEET_TITLE
    _sheet_setup(sheet)
    row = 1
    if watermark:  # the first row, and the header of every printed page
        mark = Font(name=HEADING_FONT, size=14, bold=True, color="C00000")
        row = _text_row(sheet, row, watermark, mark, "center", 14)
        page_header = sheet.oddHeader
        assert page_header is not None  # openpyxl gives every sheet its print headers
        page_header.center.text = watermark
    for block in blocks:
        row = _block(sheet, block, row)
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    props = workbook.properties
    props.title = xml_text(title)
    props.creator = xml_text(report.agency or "")
    props.lastModifiedBy = "gongkai"
    props.subject = "政府信息公开工作年度报告"
    props.language = "zh-CN"
    props.created = props.modified = FIXED_DATETIME.replace(tzinfo=None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()  # save_workbook would stamp the clock's time
    return fixed_zip(out.getvalue())


def _sheet_setup(sheet: Any) -> None:
    for index in range(1, SHEET_COLUMNS + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    margins = sheet.page_margins
    margins.top, margins.bottom = 37 / 25.4, 35 / 25.4
    margins.left, margins.right = 28 / 25.4, 26 / 25.4
    sheet.oddFooter.center.text = "— &P —"
    sheet.sheet_view.showGridLines = False


def _block(sheet: Any, block: Block, row: int) -> int:
    if isinstance(block, Title):
        return _text_row(sheet, row, block.text, Font(name=TITLE_FONT, size=18), "center", 18)
    if isinstance(block, Heading):
        return _text_row(sheet, row, block.text, Font(name=HEADING_FONT, size=12), "left", 12)
    if isinstance(block, Paragraph):
        return _text_row(sheet, row, block.text, Font(name=BODY_FONT, size=12), "left", 12)
    if isinstance(block, TableBlock):
        return _table(sheet, block.grid, row) + 1
    if isinstance(block, Signature):
        row += 1
        for line in block.lines:
            row = _text_row(sheet, row, line, Font(name=BODY_FONT, size=12), "right", 12)
    return row


def _text_row(sheet: Any, row: int, text: str, font: Font, align: str, size: float) -> int:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=SHEET_COLUMNS)
    cell = sheet.cell(row=row, column=1)
    _put_text(cell, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    per_line = SHEET_COLUMNS * CHARS_PER_COLUMN * 10.5 / size
    lines = max(1, math.ceil(len(text) / per_line))
    sheet.row_dimensions[row].height = round(lines * size * 1.5 + 4, 1)
    return row + 1


def sheet_spans(grid: Grid) -> list[int]:
    """How many sheet columns each grid column covers: one for a number column, the rest shared
    by the label columns in proportion to their widths."""
    numeric = {c.col for c in grid.values()}
    labels = [i for i in range(grid.n_cols) if i not in numeric]
    spans = [1] * grid.n_cols
    if labels:
        shares = share([grid.widths[i] for i in labels], SHEET_COLUMNS - len(numeric))
        for index, span in zip(labels, shares, strict=True):
            spans[index] = span
    return spans


def share(widths: list[float], total: int) -> list[int]:
    """``total`` columns shared in proportion to ``widths``, at least one each."""
    weight = sum(widths)
    spans = [max(1, math.floor(total * w / weight)) for w in widths]
    order = sorted(range(len(widths)), key=lambda i: (total * widths[i] / weight) - spans[i])
    while sum(spans) < total:
        spans[order.pop()] += 1
    while sum(spans) > total:
        widest = max(range(len(spans)), key=lambda i: spans[i])
        spans[widest] -= 1
    return spans


def _table(sheet: Any, grid: Grid, top: int) -> int:
    spans = sheet_spans(grid)
    starts = [1 + sum(spans[:i]) for i in range(len(spans))]
    size = 9 if grid.dense else 10.5
    lines = [1] * grid.n_rows
    for cell in grid.cells:
        first = starts[cell.col]
        last = starts[cell.last_col] + spans[cell.last_col] - 1
        r1, r2 = top + cell.row, top + cell.last_row
        for r in range(r1, r2 + 1):
            for c in range(first, last + 1):
                sheet.cell(row=r, column=c).border = BOX
        if r2 > r1 or last > first:
            sheet.merge_cells(start_row=r1, start_column=first, end_row=r2, end_column=last)
        target = sheet.cell(row=r1, column=first)
        _fill(target, cell, size)
        if cell.rowspan == 1:
            chars = (last - first + 1) * CHARS_PER_COLUMN * 10.5 / size
            lines[cell.row] = max(lines[cell.row], math.ceil(len(cell.text) / max(chars, 1)))
    for index, count in enumerate(lines):
        sheet.row_dimensions[top + index].height = round(count * size * 1.35 + 4, 1)
    return top + grid.n_rows


def _put_text(target: Any, text: str) -> None:
    """A string cell, whatever the text: openpyxl would store ``=…`` as a live formula."""
    target.value = xml_text(text)
    target.data_type = "s"
    if looks_like_formula(text):
        target.quotePrefix = True


def _fill(target: Any, cell: GridCell, size: float) -> None:
    target.font = Font(name=BODY_FONT, size=size)
    horizontal = "left" if cell.kind == "label" else "center"
    target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if cell.kind != "value":
        _put_text(target, cell.text)
        return
    if cell.value is None:
        return
    target.value = cell.value
    if isinstance(cell.value, Decimal):
        places = max(0, -int(cell.value.as_tuple().exponent))
        target.number_format = "0." + "0" * places if places else "0"
