"""What the report pages draw: the report in the official layout, as plain values for the
templates (the blocks and merged-cell grids of gongkai.report.render.layout), the place of a
finding in words, and the rows of a cell's drill-down list.

Nothing here reads the database; the views pass in what the selectors returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from gongkai.report.model import SEVERITIES, Report
from gongkai.report.render.layout import (
    Grid,
    GridCell,
    Heading,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    document,
    report_format,
)
from gongkai.report.spec import FORMAT_2021, SECTIONS, Format, table_title

SEVERITY_LABELS = {"error": "错误", "warning": "提示", "info": "说明"}
SECTION_TITLES = {s.key: s.title for s in SECTIONS}


@dataclass(frozen=True)
class CellView:
    tag: str  # th or td
    kind: str  # caption, note, head, group, label, value
    text: str
    rowspan: int = 1
    colspan: int = 1
    table: str = ""
    row: str = ""
    column: str = ""  # "" for the single value of a scalar row
    link: str = ""  # the drill-down URL, for the value cells of a generated report
    flagged: str = ""  # "error" or "warning" when a finding points at this cell

    @property
    def anchor(self) -> str:
        return "-".join(p for p in ("cell", self.table, self.row, self.column) if p)


@dataclass(frozen=True)
class TableView:
    key: str
    name: str
    dense: bool
    widths: tuple[float, ...]
    head: tuple[tuple[CellView, ...], ...]
    body: tuple[tuple[CellView, ...], ...]


@dataclass(frozen=True)
class BlockView:
    kind: str  # title, heading, paragraph, preamble, table, signature
    text: str = ""
    key: str = ""
    lines: tuple[str, ...] = ()
    table: TableView | None = None


@dataclass(frozen=True)
class FindingView:
    code: str
    severity: str
    severity_label: str
    place: str
    message: str
    anchor: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)


def cell_query(table: str, row: str, column: str | None) -> str:
    params = {"table": table, "row": row}
    if column:
        params["column"] = column
    return urlencode(params)


def report_blocks(
    report: Report, *, cell_url: str = "", flags: Mapping[tuple[str, str, str], str] | None = None
) -> list[BlockView]:
    """The report in reading order. With ``cell_url`` (the drill-down URL without its query),
    every value cell links to the records it counts."""
    out: list[BlockView] = []
    for block in document(report):
        if isinstance(block, Title):
            out.append(BlockView("title", block.text, lines=block.lines))
        elif isinstance(block, Heading):
            out.append(BlockView("heading", block.text, key=block.key))
        elif isinstance(block, Paragraph):
            out.append(
                BlockView("preamble" if block.role == "preamble" else "paragraph", block.text)
            )
        elif isinstance(block, TableBlock):
            out.append(BlockView("table", table=table_view(block.grid, cell_url, flags or {})))
        elif isinstance(block, Signature):
            out.append(BlockView("signature", lines=block.lines))
    return out


def table_view(
    grid: Grid, cell_url: str = "", flags: Mapping[tuple[str, str, str], str] | None = None
) -> TableView:
    rows = tuple(
        tuple(_cell(grid.key, c, cell_url, flags or {}) for c in grid.row_cells(r))
        for r in range(grid.n_rows)
    )
    total = sum(grid.widths)
    widths = tuple(round(100 * w / total, 2) for w in grid.widths)
    return TableView(
        grid.key, grid.name, grid.dense, widths, rows[: grid.header_rows], rows[grid.header_rows :]
    )


def _cell(
    table: str, cell: GridCell, cell_url: str, flags: Mapping[tuple[str, str, str], str]
) -> CellView:
    if cell.kind != "value":
        return CellView("th", cell.kind, cell.text, cell.rowspan, cell.colspan)
    row, column = cell.key or ("", None)
    link = f"{cell_url}?{cell_query(table, row, column)}" if cell_url and cell.text else ""
    return CellView(
        "td",
        "value",
        cell.text,
        cell.rowspan,
        cell.colspan,
        table,
        row,
        column or "",
        link,
        flags.get((table, row, column or ""), ""),
    )


def place(fmt: Format, finding: Mapping[str, Any]) -> str:
    """Where a finding points, as a person finds it: 表三 “（二）部分公开” 行 “自然人” 列."""
    table, row, column = finding.get("table"), finding.get("row"), finding.get("column")
    if table in ("proactive", "applications", "disputes"):
        name = table_title(table)
        if not row:
            return name
        try:
            spec_row = fmt.table(table).row(row)
        except KeyError:
            return f"{name} {row}"
        text = f"{name} “{spec_row.display}”"
        labels = {c.key: c.label for c in spec_row.columns}
        if column and column in labels:
            text += f" “{labels[column]}”"
        return text
    section = finding.get("section")
    if section:
        return str(SECTION_TITLES.get(section, section))
    return "全文"


def finding_views(findings: Iterable[Mapping[str, Any]], report: Report) -> list[FindingView]:
    """Errors first, then warnings, then notes; each with its place and its cell's anchor."""
    fmt = report_format(report)
    out = []
    for f in sorted(findings, key=lambda f: _rank(f.get("severity", ""))):
        anchor = ""
        if f.get("table") and f.get("row"):
            anchor = "-".join(p for p in ("cell", f["table"], f["row"], f.get("column")) if p)
        severity = f.get("severity", "")
        out.append(
            FindingView(
                f.get("code", ""),
                severity,
                SEVERITY_LABELS.get(severity, severity),
                place(fmt, f),
                f.get("message", ""),
                anchor,
                f.get("detail") or {},
            )
        )
    return out


def cell_flags(findings: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str], str]:
    """The cells findings point at, with the worst severity: the table marks them."""
    flags: dict[tuple[str, str, str], str] = {}
    for f in findings:
        if not (f.get("table") and f.get("row")):
            continue
        key = (f["table"], f["row"], f.get("column") or "")
        severity = f.get("severity", "")
        if key not in flags or _rank(severity) < _rank(flags[key]):
            flags[key] = severity
    return flags


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def counts(findings: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        if f.get("severity") in out:
            out[f["severity"]] += 1
    return out


def cell_title(fmt: Format | None, table: str, row: str, column: str | None) -> str:
    return place(fmt or FORMAT_2021, {"table": table, "row": row, "column": column})
