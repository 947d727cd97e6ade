"""What the unit page shows: one unit of a region over the years, computed from the region's
analysis (board.load) and gongkai.supervision; the page only draws it.

- its reports side by side: every cell of tables 二, 三 and 四, one column per year, a cell
  marked when it differs from the year before (both years' reports in the same rows); a null
  cell is blank, never 0;
- its findings of each year with the supervisor's review (who, when);
- copy detection and rates against same-type peers (:mod:`.unitpeers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report.model import MISSING, Cell, Report
from gongkai.report.render.layout import format_value, report_format
from gongkai.report.spec import FORMAT_2021, TABLE_KEYS, TableKey, table_title
from gongkai.supervision.corpus import Entry
from gongkai.supervision.coverage import CoverageCell
from gongkai.supervision.roster import Unit
from gongkai.web.supervision import board as boards
from gongkai.web.supervision import unitpeers
from gongkai.web.supervision.models import RosterUnit

CELL_STATUS_LABEL = {
    "blank": "报告中此处为空",
    "missing": "报告中没有这一栏",
    "ambiguous": "读取时无法确定数字",
    "ocr": "扫描件识别的数字，待人工核对",
}


@dataclass(frozen=True)
class YearReport:
    """The unit in one year of the region's rosters."""

    year: int
    cell: CoverageCell | None  # None: not on that year's roster
    entry: Entry | None  # None: no report of that year

    @property
    def colour(self) -> str:
        return boards.COLOUR[self.cell.status] if self.cell else ""

    @property
    def report(self) -> Report | None:
        return self.entry.current.report if self.entry else None

    @property
    def urls(self) -> tuple[str, ...]:
        """Where the current report was published, as the import's list gave it (web addresses
        only: nothing else becomes a link)."""
        if self.entry is None:
            return ()
        return tuple(u for u in self.entry.current.urls if u.startswith(("http://", "https://")))


@dataclass(frozen=True)
class Value:
    year: int
    text: str  # "" when null: never shown as 0
    changed: bool  # differs from the year before
    note: str = ""  # why a value is null, or what the previous year had
    has_report: bool = True


@dataclass(frozen=True)
class CellRow:
    row: str
    column: str
    label: str
    column_label: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class LineCompare:
    """One row of a table: its cells, column by column."""

    row: str
    label: str
    cells: tuple[CellRow, ...]


@dataclass(frozen=True)
class TableCompare:
    key: str
    name: str
    rows: tuple[CellRow, ...]  # every cell, row by row

    @property
    def changed(self) -> int:
        return sum(v.changed for r in self.rows for v in r.values)

    @property
    def lines(self) -> tuple[LineCompare, ...]:
        out: list[LineCompare] = []
        for cell in self.rows:
            if out and out[-1].row == cell.row:
                out[-1] = LineCompare(cell.row, cell.label, (*out[-1].cells, cell))
            else:
                out.append(LineCompare(cell.row, cell.label, (cell,)))
        return tuple(out)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column labels when every row has the same several columns (tables 三 and 四:
        drawn as the template draws them, the years side by side under each column); else ()."""
        shapes = {tuple(c.column_label for c in line.cells) for line in self.lines}
        if len(shapes) != 1:
            return ()
        (shape,) = shapes
        return shape if len(shape) > 1 else ()


@dataclass(frozen=True)
class YearFindings:
    year: int
    has_report: bool
    rows: tuple[boards.FindingRow, ...]

    @property
    def open(self) -> int:
        return sum(1 for r in self.rows if r.counts)


@dataclass(frozen=True)
class UnitPage:
    unit: Unit
    latest: RosterUnit
    years: tuple[YearReport, ...]  # oldest first
    tables: tuple[TableCompare, ...]
    findings: tuple[YearFindings, ...]  # newest first
    copies: tuple[unitpeers.YearCopies, ...]  # newest first
    rates: tuple[unitpeers.YearRates, ...]  # newest first

    @property
    def reported(self) -> tuple[YearReport, ...]:
        return tuple(y for y in self.years if y.entry is not None)


def _places(reports: Sequence[Report]) -> list[tuple[TableKey, str, str, str, str]]:
    """Every (table, row, column) of the formats the reports use, the 2021 format's first,
    each with its row and column label."""
    formats = [FORMAT_2021, *(report_format(r) for r in reports)]
    seen: set[tuple[str, str, str]] = set()
    out: list[tuple[TableKey, str, str, str, str]] = []
    for fmt in formats:
        for key in TABLE_KEYS:
            for row in fmt.table(key).rows:
                for column in row.columns:
                    place = (key, row.key, column.key or "")
                    if place in seen:
                        continue
                    seen.add(place)
                    label = column.label
                    if column.unit and column.unit not in label:
                        label += f"（{column.unit}）"
                    out.append((key, row.key, column.key or "", row.display, label))
    return out


def _defines(report: Report, table: TableKey, row: str, column: str) -> bool:
    try:
        spec_row = report_format(report).table(table).row(row)
    except KeyError:
        return False
    return any((c.key or "") == column for c in spec_row.columns)


def compare_tables(years: Sequence[YearReport]) -> tuple[TableCompare, ...]:
    """Tables 二, 三 and 四 with one column per year. A value is marked changed when the year
    before has a report whose format has the same cell and its value differs (a number that
    became null, or the reverse, is a change too)."""
    reports = [y.report for y in years if y.report is not None]
    if not reports:
        return ()
    by_year = {y.year: y.report for y in years}
    rows: dict[str, list[CellRow]] = {k: [] for k in TABLE_KEYS}
    for table, row, column, label, column_label in _places(reports):
        values = []
        for year in years:
            report = year.report
            if report is None:
                values.append(Value(year.year, "", False, has_report=False))
                continue
            cell = _cell(report, table, row, column)
            before = by_year.get(year.year - 1)
            changed = (
                before is not None
                and _defines(report, table, row, column)
                and _defines(before, table, row, column)
                and _cell(before, table, row, column).value != cell.value
            )
            note = CELL_STATUS_LABEL.get(cell.status, "") if cell.value is None else ""
            if changed and before is not None:
                previous = format_value(_cell(before, table, row, column).value) or "空"
                note = "；".join(n for n in (note, f"上年为{previous}") if n)
            values.append(Value(year.year, format_value(cell.value), changed, note))
        rows[table].append(CellRow(row, column, label, column_label, tuple(values)))
    return tuple(TableCompare(k, table_title(k), tuple(rows[k])) for k in TABLE_KEYS)


def _cell(report: Report, table: TableKey, row: str, column: str) -> Cell:
    data = report.table(table)
    return data.cell(row, column or None) if data is not None else MISSING


def unit_page(data: boards.Region, unit_id: str, rows: Sequence[RosterUnit]) -> UnitPage:
    """The unit's page from the region's analysis; ``rows``: its roster rows, oldest first."""
    latest = rows[-1]
    on_roster = {r.year for r in rows}
    years: list[YearReport] = []
    for year in data.years:
        if year not in on_roster:
            continue
        corpus = data.view.corpora.get(year)
        years.append(
            YearReport(
                year,
                data.view.coverage.cells.get((unit_id, year)),
                corpus.entry(unit_id, year) if corpus else None,
            )
        )
    unit = data.view.rosters[latest.year].units[unit_id]
    findings = tuple(
        YearFindings(
            y.year,
            y.entry is not None,
            tuple(r for r in data.findings.get(y.year, []) if r.unit.id == unit_id),
        )
        for y in reversed(years)
    )
    return UnitPage(
        unit,
        latest,
        tuple(years),
        compare_tables(years),
        findings,
        tuple(unitpeers.year_copies(data, unit_id, y.year) for y in reversed(years) if y.entry),
        tuple(unitpeers.year_rates(data, unit_id, y.year) for y in reversed(years) if y.entry),
    )
