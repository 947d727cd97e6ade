"""The canonical model of an annual report: frozen values, each cell with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from .spec import FORMATS, TABLE_KEYS, Format, TableKey

Number = int | Decimal
CellStatus = Literal["value", "blank", "missing", "ambiguous", "ocr"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Cell(NamedTuple):
    """One table cell. ``value`` is None unless the source states a number.

    ``status`` says why a value is None: the source cell was blank ("/", "—", empty), the row or
    cell was not in the source ("missing"), or the reader could not place a number with
    certainty ("ambiguous"). "ocr": a number read from a scan that no identity of the report
    can confirm (table 二), kept for a person to check (gongkai.report.ocrcheck).
    """

    value: Number | None
    status: CellStatus = "value"
    raw: str | None = None
    line: int | None = None


MISSING = Cell(None, "missing")

CellKey = tuple[str, str | None]


@dataclass(frozen=True)
class ExtraRow:
    """A row the national format does not have (a local addition), kept as the source says."""

    label: str
    cells: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class TableData:
    key: TableKey
    cells: Mapping[CellKey, Cell]
    extra_rows: tuple[ExtraRow, ...] = ()
    line: int | None = None  # where the table starts in the source
    # exact labels as the source wrote them, by row key (for label and format checks)
    source_labels: Mapping[str, str] = field(default_factory=dict)

    def cell(self, row: str, column: str | None = None) -> Cell:
        return self.cells.get((row, column), MISSING)

    def value(self, row: str, column: str | None = None) -> Number | None:
        return self.cell(row, column).value


@dataclass(frozen=True)
class Contact:
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Finding:
    """A problem found in a report, pointing at a place with the canonical identifiers."""

    code: str
    severity: Severity
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    expected: Any = None
    actual: Any = None
    line: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "severity": self.severity}
        for name in ("table", "row", "column", "section", "expected", "actual", "line"):
            value = getattr(self, name)
            if value is not None:
                out[name] = _plain(value)
        out["message"] = self.message
        if self.detail:
            out["detail"] = _plain(dict(self.detail))
        return out


@dataclass(frozen=True)
class Report:
    format: str | None
    agency: str | None = None
    year: int | None = None
    published_on: date | None = None
    contact: Contact = Contact()
    period: Period | None = None
    title: str | None = None
    sections: Mapping[str, str | None] = field(default_factory=dict)
    section_titles: Mapping[str, str | None] = field(default_factory=dict)
    proactive: TableData | None = None
    applications: TableData | None = None
    disputes: TableData | None = None
    # what the reader noticed while reading (ambiguous cells, extra rows…), as findings
    notes: tuple[Finding, ...] = ()
    source: str | None = None
    reader: str | None = None
    text: str = ""  # the cleaned full text, for checks on wording
    # a scan read by OCR: the engine's confidence (0–1) by (table, row, column)
    confidence: Mapping[tuple[str, str, str | None], float] = field(default_factory=dict)

    @property
    def spec(self) -> Format | None:
        return FORMATS.get(self.format or "")

    @property
    def full_text(self) -> str:
        """The source text, or the sections' text for a report that came as JSON."""
        if self.text:
            return self.text
        return "\n".join(t for t in (self.title, *self.sections.values()) if t)

    def table(self, key: TableKey) -> TableData | None:
        table: TableData | None = getattr(self, key)
        return table

    def value(self, table: TableKey, row: str, column: str | None = None) -> Number | None:
        data = self.table(table)
        return data.value(row, column) if data else None

    def with_tables(self, **tables: TableData | None) -> Report:
        unknown = set(tables) - set(TABLE_KEYS)
        if unknown:
            raise KeyError(sorted(unknown))
        return replace(self, **tables)  # type: ignore[arg-type]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
