"""The rule catalogue's machinery: a rule is a small function with a stable code.

A rule reads a report (and, for cross-year rules, last year's) and yields findings. It never
raises on bad data and never changes a number. Blank cells count as 0 in arithmetic (and rule
CELL-BLANK says so); cells the reader could not read (missing, ambiguous) make an identity
uncheckable, and it is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import Any

from ..model import Cell, CellKey, Finding, Number, Report, Severity, TableData
from ..spec import FORMAT_2021, TABLE_KEYS, Column, Format, Row, TableKey, table_title


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the soft checks; passed in, never read from globals."""

    carry_ratio: float = 0.5  # S1: carried out above this share of intake is suspicious
    carry_min: int = 5
    other_ratio: float = 0.2  # S4: 其他处理 above this share of concluded
    other_min: int = 5
    fee_unit_limit: Decimal = Decimal(1_000_000)  # S7: 万元
    copy_threshold: float = 0.9  # E06: share of last year's text repeated
    thin_problems: int = 60  # E13: characters in section 五


@dataclass(frozen=True)
class Context:
    report: Report
    previous: Report | None = None
    config: CheckConfig = CheckConfig()

    @property
    def spec(self) -> Format:
        return self.report.spec or FORMAT_2021

    @cached_property
    def values(self) -> dict[str, dict[CellKey, Number | None]]:
        """Every cell's value for arithmetic, by table, read once: blank is 0, missing or
        ambiguous None (a table the report lacks has none)."""
        return _arithmetic_values(self.report)

    @cached_property
    def previous_values(self) -> dict[str, dict[CellKey, Number | None]]:
        return _arithmetic_values(self.previous) if self.previous else _NO_VALUES


_value = attrgetter("value")
_status = attrgetter("status")
_NO_VALUES: dict[str, dict[CellKey, Number | None]] = {key: {} for key in TABLE_KEYS}


def _arithmetic_values(report: Report) -> dict[str, dict[CellKey, Number | None]]:
    out: dict[str, dict[CellKey, Number | None]] = {}
    for key in TABLE_KEYS:
        data = report.table(key)
        cells = data.cells if data is not None else {}
        values = dict(zip(cells.keys(), map(_value, cells.values()), strict=True))
        if has_blank(data):
            values.update((k, 0) for k, cell in cells.items() if cell.status == "blank")
        out[key] = values
    return out


def has_blank(data: TableData | None) -> bool:
    return data is not None and "blank" in map(_status, data.cells.values())


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str  # what the rule checks, in Chinese, for the catalogue
    refs: tuple[str, ...]  # identifiers of docs/law.md#checks: H1…H9, X1…X3, S1…S8, E01…E16
    check: Check = field(compare=False)
    needs_previous: bool = False
    source: str = "validator"  # or "reader": findings the reader makes while reading


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    severity: Severity,
    title: str,
    refs: tuple[str, ...] = (),
    *,
    needs_previous: bool = False,
    source: str = "validator",
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, severity, title, refs, check, needs_previous, source)
        return check

    return register


def finding(code: str, message: str, **where: Any) -> Finding:
    return Finding(code, RULES[code].severity, message, **where)


# -------------------------------------------------------------------------------- reading cells


def known(ctx: Context, table: TableKey, row: str, column: str | None) -> Number | None:
    """A cell's value for arithmetic: blank counts as 0; missing or ambiguous is None."""
    return ctx.values[table].get((row, column))


def known_prev(ctx: Context, table: TableKey, row: str, column: str | None) -> Number | None:
    return ctx.previous_values[table].get((row, column))


def present_rows(ctx: Context) -> Iterator[tuple[TableKey, TableData, Row]]:
    """Each row of the format in each table the report has, with the table's data."""
    for table in TABLE_KEYS:
        data = ctx.report.table(table)
        if data is not None:
            for spec_row in ctx.spec.table(table).rows:
                yield table, data, spec_row


def present_cells(ctx: Context) -> Iterator[tuple[TableKey, Row, Column, Cell]]:
    """Each cell of the format that the report's tables hold, in the format's order."""
    columns = cell_places(ctx.spec)
    for table in TABLE_KEYS:
        data = ctx.report.table(table)
        if data is None:
            continue
        for (row, column), cell in data.cells.items():
            place = columns.get((table, row, column))
            if place is not None:
                yield table, place[0], place[1], cell


_COLUMNS: dict[int, dict[tuple[str, str, str | None], tuple[Row, Column]]] = {}


def cell_places(spec: Format) -> dict[tuple[str, str, str | None], tuple[Row, Column]]:
    """(table, row, column) → the format's row and column; cached per format (by identity:
    formats are module constants)."""
    found = _COLUMNS.get(id(spec))
    if found is None:
        found = {
            (table.key, row.key, column.key): (row, column)
            for table in spec.tables
            for row in table.rows
            for column in row.columns
        }
        _COLUMNS[id(spec)] = found
    return found


def where(spec: Format, table: TableKey, row: str | None, column: str | None = None) -> str:
    """表三 “（七）总计” 行 “自然人” 列: how a person finds the cell."""
    name = table_title(table)
    if row is None:
        return name
    spec_row = _spec_row(spec, table, row)
    label = spec_row.display if spec_row else row
    if table == "disputes":
        place = f"{name} “{label}”"
        return f"{place} “{_column_label(spec, table, row, column)}” 栏" if column else place
    if column is None:
        return f"{name} “{label}” 行"
    return f"{name} “{label}” 行 “{_column_label(spec, table, row, column)}” 列"


def _spec_row(spec: Format, table: TableKey, row: str) -> Any:
    try:
        return spec.table(table).row(row)
    except KeyError:
        return None


def _column_label(spec: Format, table: TableKey, row: str, column: str | None) -> str:
    spec_row = _spec_row(spec, table, row)
    if spec_row is not None:
        for col in spec_row.columns:
            if col.key == column:
                label: str = col.label
                return label
    return str(column)


def fmt_number(value: Number | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def cells(table: TableKey, pairs: Iterable[tuple[str, str | None]]) -> list[list[str | None]]:
    """The cells an identity involves, for the finding's detail."""
    return [[table, row, column] for row, column in pairs]


def total(values: Iterable[Number | None]) -> Number | None:
    out: Number = 0
    for value in values:
        if value is None:
            return None
        out += value
    return out


def run_checks(ctx: Context, selected: Iterable[Rule]) -> Iterator[Finding]:
    for item in selected:
        if item.needs_previous and ctx.previous is None:
            continue
        yield from item.check(ctx)
