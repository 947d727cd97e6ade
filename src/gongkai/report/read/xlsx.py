"""Spreadsheets: XLSX (openpyxl, read-only) and legacy XLS (xlrd), where agencies publish the
tables of a report as a workbook.

Every visible sheet is read in order, row by row. Merged ranges are expanded into the matrix
(see :mod:`.cells`). A row with a single filled cell is a line of text (a title, a section
heading, a paragraph) unless it sits between table rows or its cell is merged across columns,
where it is a table row ("第二十条第（一）项"). Numbers are written as the sheet shows them:
an integral float is an integer ("3.0" → "3"), other floats keep their shortest exact decimal.
A formula with no cached result reads as a blank cell (null), never as 0.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from lxml import etree  # type: ignore[import-untyped]

from ..errors import ReadError
from .base import RawDocument
from .cells import Grid, LineSink, tidy
from .limits import DEFAULT_LIMITS, ReadLimits, check_part_size, check_size
from .package import ZIP_ERRORS, main_part, open_zip

KIND_XLSX = "Excel（XLSX）"
KIND_XLS = "Excel 97-2003（XLS）"
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


def read_xlsx(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    from openpyxl import load_workbook

    archive = open_zip(data, source, limits, KIND_XLSX)
    with archive:
        if (
            main_part(archive, MAIN_TYPES, source) is None
            and "xl/workbook.xml" not in archive.namelist()
        ):
            raise ReadError(source, "是 ZIP 压缩包，但不是 Excel 工作簿（没有 xl/workbook.xml）")
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") or member == "xl/sharedStrings.xml":
                check_part_size(archive, member, source, limits, KIND_XLSX)
        sink = LineSink(source, limits, literal=True)
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise ReadError(
                source, f"{KIND_XLSX}文件已损坏，无法打开（{type(exc).__name__}：{exc}）"
            ) from exc
        try:
            for sheet in book.worksheets:
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    continue
                merges = _xlsx_merges(archive, getattr(sheet, "_worksheet_path", None), source)
                sheet.reset_dimensions()
                cells = _xlsx_cells(sheet.iter_rows(values_only=True), source, limits)
                sheet_lines(cells, merges, sink)
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(
                source, f"{KIND_XLSX}文件已损坏，无法读取（{type(exc).__name__}：{exc}）"
            ) from exc
        finally:
            book.close()
    return RawDocument(source, "xlsx", tuple(sink.lines))


def _xlsx_cells(
    rows: Iterable[tuple[object, ...]], source: str | None, limits: ReadLimits
) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    # checked on every row, empty ones too: openpyxl pads the rows and columns a sheet skips
    # (one cell at row 999,999,999 is a billion empty rows), so the count bounds the work
    for r, row in enumerate(rows):
        if r >= limits.max_sheet_rows or len(row) > limits.max_sheet_columns:
            raise ReadError(
                source,
                f"工作表超过 {limits.max_sheet_rows} 行或 {limits.max_sheet_columns} 列，超出读取上限，未读取",
            )
        for c, value in enumerate(row):
            if value is None:
                continue
            text = value_text(value)
            if text:
                cells[(r, c)] = text
    return cells


def _xlsx_merges(archive: zipfile.ZipFile, path: str | None, source: str | None) -> list[Merge]:
    if not path:
        return []
    try:
        data = archive.read(path.lstrip("/"))
    except ZIP_ERRORS:
        return []
    merges: list[Merge] = []
    try:
        for _, element in etree.iterparse(
            io.BytesIO(data),
            events=("end",),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        ):
            if isinstance(element.tag, str) and element.tag.endswith("}mergeCell"):
                ref = _range(element.get("ref") or "")
                if ref:
                    merges.append(ref)
            elif isinstance(element.tag, str) and element.tag.endswith("}row"):
                element.clear()
    except etree.XMLSyntaxError as exc:
        raise ReadError(source, f"{KIND_XLSX}文件已损坏：工作表不是有效的 XML（{exc}）") from exc
    return merges


def _range(ref: str) -> Merge | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        c0, r0, c1, r1 = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if c0 is None or r0 is None or c1 is None or r1 is None:
        return None
    return r0 - 1, c0 - 1, r1 - 1, c1 - 1


def read_xls(
    data: bytes, source: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    import xlrd  # type: ignore[import-untyped]

    check_size(data, source, limits)
    sink = LineSink(source, limits, literal=True)
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except Exception as exc:  # xlrd raises many kinds on damaged files
        raise ReadError(
            source,
            f"{KIND_XLS}文件已损坏或不是 Excel 工作簿，无法打开（{type(exc).__name__}：{exc}）",
        ) from exc
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0):
                continue
            if sheet.nrows > limits.max_sheet_rows or sheet.ncols > limits.max_sheet_columns:
                raise ReadError(
                    source,
                    f"工作表超过 {limits.max_sheet_rows} 行或 {limits.max_sheet_columns} 列，超出读取上限，未读取",
                )
            cells: dict[tuple[int, int], str] = {}
            for r in range(sheet.nrows):
                for c, cell in enumerate(sheet.row(r)):
                    text = _xls_text(cell, book.datemode)
                    if text:
                        cells[(r, c)] = text
            merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
            sheet_lines(cells, merges, sink)
            book.unload_sheet(index)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            source, f"{KIND_XLS}文件已损坏，无法读取（{type(exc).__name__}：{exc}）"
        ) from exc
    finally:
        book.release_resources()
    return RawDocument(source, "xls", tuple(sink.lines))


def _xls_text(cell: object, datemode: int) -> str:
    import xlrd

    kind = getattr(cell, "ctype", xlrd.XL_CELL_EMPTY)
    value = getattr(cell, "value", None)
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if kind == xlrd.XL_CELL_DATE:
        try:
            return value_text(xlrd.xldate_as_datetime(value, datemode))
        except (ValueError, OverflowError, TypeError):
            return value_text(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    return value_text(value)


def value_text(value: object) -> str:
    """A cell value as the sheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(round(value, 9))).normalize(), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return tidy(str(value), literal=True)


def sheet_lines(cells: dict[tuple[int, int], str], merges: list[Merge], sink: LineSink) -> None:
    """One sheet's rows as lines: text rows as text, table rows as cells with merges expanded."""
    if not cells:
        return
    grid = Grid(sink.source, sink.limits)
    wide: set[int] = set()  # rows holding a cell merged across columns
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        if r1 < r0 or c1 < c0:
            continue
        if (r1 - r0 + 1) * (c1 - c0 + 1) > sink.limits.max_table_cells:
            raise ReadError(
                sink.source,
                f"合并单元格范围过大，超过 {sink.limits.max_table_cells} 个单元格，未读取",
            )
        if grid.taken(r0, c0):
            continue
        grid.place(r0, c0, cells.get((r0, c0), ""), r1 - r0 + 1, c1 - c0 + 1)
        if c1 > c0:
            wide.add(r0)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    for (r, c), text in sorted(cells.items()):
        if (r, c) not in covered:
            grid.place(r, c, text)
    rows = grid.rows()
    filled = [sum(1 for t in row if t) for row in rows]
    kinds = [
        "empty" if n == 0 else "cells" if n > 1 or r in wide else "single"
        for r, n in enumerate(filled)
    ]
    for r, kind in enumerate(kinds):
        if kind == "single" and _between_tables(kinds, r):
            kinds[r] = "cells"
    width = 0
    for r, kind in enumerate(kinds):
        if kind == "cells":
            if width == 0:  # a new block of table rows: as wide as its widest row
                block = next((k for k in range(r, len(kinds)) if kinds[k] == "single"), len(kinds))
                width = max(_used(rows[k]) for k in range(r, block))
            sink.row(rows[r][:width])
        elif kind == "single":
            width = 0
            sink.text(next(t for t in rows[r] if t))


def _used(row: tuple[str, ...]) -> int:
    return max((c + 1 for c, text in enumerate(row) if text), default=0)


def _between_tables(kinds: list[str], r: int) -> bool:
    before = next((k for k in reversed(kinds[:r]) if k != "empty"), None)
    after = next((k for k in kinds[r + 1 :] if k != "empty"), None)
    return before == "cells" and after == "cells"
