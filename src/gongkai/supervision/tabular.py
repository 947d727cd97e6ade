"""Rows of a spreadsheet a supervisor prepared: XLSX, or CSV in UTF-8 (with or without BOM) or
GB18030. Headers are matched by their Chinese name or an English alias; values are text."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gongkai.report.errors import GongkaiError
from gongkai.report.normalize import fold

__all__ = ["Sheet", "TableFileError", "read_sheet"]


class TableFileError(GongkaiError):
    """A roster or manifest that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}：" + "；".join(self.problems))


@dataclass(frozen=True)
class Sheet:
    """The data rows by field name (values stripped, "" when empty), with their row numbers
    as a spreadsheet program shows them (the header is row 1)."""

    fields: tuple[str, ...]
    rows: tuple[tuple[int, Mapping[str, str]], ...]


def _header_key(text: str) -> str:
    return "".join(fold(text).split()).lower().strip("*：:")


def read_sheet(path: Path, headers: Mapping[str, Sequence[str]], required: Sequence[str]) -> Sheet:
    """``headers``: field name → accepted header texts. Unknown columns are ignored; a missing
    required column, or two columns for one field, is an error."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableFileError(source, [f"无法读取文件：{exc.strerror or exc}"]) from exc
    table = _xlsx_rows(data, source) if data[:2] == b"PK" else _csv_rows(data, source)
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        raise TableFileError(source, ["文件是空的，没有表头"])
    lookup = {_header_key(text): field for field, texts in headers.items() for text in texts}
    columns: dict[str, int] = {}
    problems: list[str] = []
    for index, text in enumerate(table[0]):
        field = lookup.get(_header_key(text))
        if field is None:
            continue
        if field in columns:
            problems.append(f"第1行：“{text.strip()}”列重复（与第{columns[field] + 1}列是同一项）")
        columns[field] = index
    for field in required:
        if field not in columns:
            problems.append(f"第1行：缺少“{headers[field][0]}”列")
    if problems:
        raise TableFileError(source, problems)
    rows: list[tuple[int, Mapping[str, str]]] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(
            (number, {f: (cells[i].strip() if i < len(cells) else "") for f, i in columns.items()})
        )
    return Sheet(tuple(columns), tuple(rows))


def _csv_rows(data: bytes, source: str) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes every byte string
        raise TableFileError(source, ["文件编码无法识别（应为 UTF-8 或 GB18030）"])
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise TableFileError(source, [f"CSV 格式错误：{exc}"]) from exc


def _xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise TableFileError(source, [f"无法打开 XLSX 文件：{exc}"]) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number
    if isinstance(value, date):  # a date cell (datetime is a date too)
        return value.isoformat()[:10]
    return str(value)
