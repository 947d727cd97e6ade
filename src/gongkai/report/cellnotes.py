"""Cells written with a unit or a note: "22（其中修订16件）", "3（件）", "96171.6万元".

The figure is the cell's value (see :func:`gongkai.report.normalize.cell_note`); what follows it
is kept in a note naming the table, row and column, with the raw text. A unit that does not
fit the column ("8000元" under 本年收费金额（单位：万元）, "3万元" under a count) is never
converted: the cell stays null and the note says why. So does a note that is itself a bare
figure ("1（2）"), where the value cannot be told.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Cell, CellKey, Finding
from .normalize import MONEY_UNITS, CellNote, cell_note
from .spec import Column, Row, Table, table_title


def noted_cells(
    table: Table, row: Row, keys: Sequence[CellKey], cells: Sequence[Cell]
) -> tuple[tuple[Cell, ...], list[Finding]]:
    """``cells`` of ``row`` with the notes read: a cell whose unit does not fit its column
    becomes null; every noted cell gets a finding."""
    out: list[Cell] = []
    notes: list[Finding] = []
    for column, key, cell in zip(row.columns, keys, cells, strict=True):
        raw = cell.raw
        noted = cell_note(raw) if raw and not raw.isdigit() else None
        if noted is None:
            out.append(cell)
            continue
        where = f"{table_title(table.key)} “{row.display}” 行 “{column.label}” 列"
        base = {"table": table.key, "row": row.key, "column": key[1], "line": cell.line}
        detail = {"raw": raw, "value": noted.figure, "unit": noted.unit, "note": noted.note}
        if noted.unclear:
            out.append(Cell(None, "ambiguous", raw, cell.line))
            notes.append(
                Finding(
                    "CELL-AMBIGUOUS",
                    "error",
                    f"{where}：写作“{raw}”，括号内也是数字，无法确定哪一个是本单元格的值，未填入",
                    detail=detail,
                    **base,  # type: ignore[arg-type]
                )
            )
        elif not _unit_fits(column, noted):
            out.append(Cell(None, "ambiguous", raw, cell.line))
            notes.append(
                Finding(
                    "CELL-UNIT",
                    "error",
                    f"{where}：写作“{raw}”，单位“{noted.unit}”与本列{_column_unit(column)}不符，"
                    "未换算，未填入",
                    detail=detail,
                    **base,  # type: ignore[arg-type]
                )
            )
        else:
            out.append(cell)
            said = "、".join(
                part
                for part in (
                    f"单位“{noted.unit}”" if noted.unit else "",
                    f"附注“{noted.note}”" if noted.note else "",
                )
                if part
            )
            notes.append(
                Finding(
                    "CELL-NOTE",
                    "info",
                    f"{where}：写作“{raw}”，读取数字 {noted.figure}，{said or '括号'}另记",
                    detail=detail,
                    **base,  # type: ignore[arg-type]
                )
            )
    return tuple(out), notes


def _unit_fits(column: Column, noted: CellNote) -> bool:
    unit = noted.unit
    if unit is None:
        return True
    money = unit in MONEY_UNITS
    if column.unit == "万元":
        # 元 is not 万元; nothing is converted (0 is 0 in any unit of money)
        return unit in ("万元", "万") or (money and _is_zero(noted.figure))
    if column.decimal:  # an amount whose unit the header does not state: any unit of money
        return money
    return not money  # a count: 件, 个, 项…


def _is_zero(figure: str) -> bool:
    return figure.strip("+-").replace(".", "").replace(",", "").strip("0") == ""


def _column_unit(column: Column) -> str:
    if column.unit:
        return f"单位“{column.unit}”"
    return "（金额）" if column.decimal else "（件数）"
