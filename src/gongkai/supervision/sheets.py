"""Tables written as CSV (UTF-8 with BOM, which spreadsheet programs open as Chinese) and XLSX.
Text that a spreadsheet would run as a formula is kept inert (see :mod:`gongkai.report.inert`);
numbers stay numbers; None is an empty cell, never 0."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.report.inert import inert, looks_like_formula
from gongkai.report.render.ooxml import xml_text

Value = str | int | float | Decimal | None


@dataclass(frozen=True)
class Table:
    title: str  # the XLSX sheet's name
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Value]]


def write_csv(path: Path, table: Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(
                ["" if v is None else inert(v) if isinstance(v, str) else v for v in row]
            )


def write_xlsx(path: Path, tables: Sequence[Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    if first is not None:  # a new workbook's empty sheet: each table gets its own
        workbook.remove(first)
    for table in tables:
        sheet = workbook.create_sheet(xml_text(table.title)[:31])
        for column, header in enumerate(table.headers, start=1):
            _put(sheet.cell(row=1, column=column), header).font = Font(bold=True)
        for number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(sheet.cell(row=number, column=column), value)
        sheet.freeze_panes = "A2"
    workbook.properties.creator = "gongkai"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _put(target: Any, value: Value) -> Any:
    if isinstance(value, str):
        target.value = xml_text(value)
        target.data_type = "s"
        if looks_like_formula(value):
            target.quotePrefix = True
    elif isinstance(value, Decimal):
        target.value = float(value)
    else:
        target.value = value
    return target
