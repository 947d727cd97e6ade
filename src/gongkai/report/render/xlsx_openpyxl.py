"""A sheet plan carried out by openpyxl: the reference the fast XLSX writer is held to.

:func:`build` tells openpyxl every call of the plan, in order, and lets it write the package;
:func:`render_xlsx_openpyxl` is the whole render done that way (about 100 ms a report, most of it
in openpyxl's merged-cell borders and style bookkeeping). :mod:`.xlsx` calls :func:`build` once
per sheet shape and keeps from it what depends on the shape alone.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from ..model import Report
from .ooxml import FIXED_DATETIME, fixed_zip
from .xlsx_sheet import (
    BODY_FONT,
    COLUMN_WIDTH,
    SHEET_COLUMNS,
    SHEET_TITLE,
    Box,
    Fill,
    FontKey,
    SheetPlan,
    TextRow,
    plan,
)

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_xlsx_openpyxl(report: Report, watermark: str = "") -> bytes:
    return build(plan(report, watermark))[0]


def build(
    sheet_plan: SheetPlan, title: str | None = None, creator: str | None = None
) -> tuple[bytes, Any]:
    """The package openpyxl writes for ``sheet_plan`` (ZIP dates fixed), and its worksheet.

    ``title``, ``creator``: written into the document properties instead of the plan's own."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = SHEET_TITLE
    _sheet_setup(sheet)
    if sheet_plan.watermark:
        page_header = sheet.oddHeader
        assert page_header is not None  # openpyxl gives every sheet its print headers
        page_header.center.text = sheet_plan.watermark
    values = sheet_plan.values
    for op in sheet_plan.ops:
        if isinstance(op, TextRow):
            _text_row(sheet, op, values[op.row, 1])
            continue
        top = op.top
        for cell_op in op.ops.ops:
            if isinstance(cell_op, Box):
                _box(
                    sheet,
                    cell_op._replace(
                        first_row=top + cell_op.first_row, last_row=top + cell_op.last_row
                    ),
                )
            else:
                _fill(
                    sheet,
                    cell_op._replace(row=top + cell_op.row),
                    values[top + cell_op.row, cell_op.col],
                )
    for row, height in sheet_plan.heights.items():
        sheet.row_dimensions[row].height = height
    props = workbook.properties
    props.title = sheet_plan.title if title is None else title
    props.creator = sheet_plan.creator if creator is None else creator
    props.lastModifiedBy = "gongkai"
    props.subject = "政府信息公开工作年度报告"
    props.language = "zh-CN"
    props.created = props.modified = FIXED_DATETIME.replace(tzinfo=None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()  # save_workbook would stamp the clock's time
    return fixed_zip(out.getvalue()), sheet


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


def _font(key: FontKey) -> Font:
    name, size, bold, color = key
    return Font(name=name, size=size, bold=bold or None, color=color)


def _text_row(sheet: Any, op: TextRow, text: Any) -> None:
    sheet.merge_cells(start_row=op.row, start_column=1, end_row=op.row, end_column=SHEET_COLUMNS)
    cell = sheet.cell(row=op.row, column=1)
    _put_text(cell, text, op.quote)
    cell.font = _font(op.font)
    cell.alignment = Alignment(horizontal=op.horizontal, vertical="center", wrap_text=True)


def _box(sheet: Any, op: Box) -> None:
    for r in range(op.first_row, op.last_row + 1):
        for c in range(op.first_col, op.last_col + 1):
            sheet.cell(row=r, column=c).border = BOX
    if op.last_row > op.first_row or op.last_col > op.first_col:
        sheet.merge_cells(
            start_row=op.first_row,
            start_column=op.first_col,
            end_row=op.last_row,
            end_column=op.last_col,
        )


def _put_text(target: Any, text: str, quote: bool) -> None:
    """A string cell, whatever the text: openpyxl would store ``=…`` as a live formula."""
    target.value = text
    target.data_type = "s"
    if quote:
        target.quotePrefix = True


def _fill(sheet: Any, op: Fill, value: Any) -> None:
    target = sheet.cell(row=op.row, column=op.col)
    target.font = Font(name=BODY_FONT, size=op.size)
    target.alignment = Alignment(horizontal=op.horizontal, vertical="center", wrap_text=True)
    if op.text:
        _put_text(target, value, op.quote)
        return
    if value is None:
        return
    target.value = value
    if isinstance(value, Decimal):
        target.number_format = op.number_format
