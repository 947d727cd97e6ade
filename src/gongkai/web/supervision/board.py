"""What the board, the findings list and their exports show: rows built from the region's
analysis with the filters applied and the supervisor's reviews taken into account (a dismissed
finding counts nowhere)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.report.render.layout import report_format
from gongkai.supervision.coverage import STATUS_LABEL, STATUSES, CoverageCell
from gongkai.supervision.roster import Unit
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.display import place
from gongkai.web.supervision import analysis
from gongkai.web.supervision.models import Decision, FindingReview
from gongkai.web.supervision.selectors import reviews, roster_years

COLOUR = {
    "on_time": "green",
    "late": "amber",
    "missing": "red",
    "unreadable": "grey",
    "wrong_year": "grey",
    "date_unknown": "grey",
}


@dataclass(frozen=True)
class Filters:
    unit_type: str = ""
    parent: str = ""
    issues_only: bool = False
    rule: str = ""
    unit: str = ""

    @classmethod
    def of(cls, query: Mapping[str, str]) -> Filters:
        return cls(
            unit_type=query.get("type", ""),
            parent=query.get("parent", ""),
            issues_only=query.get("issues") == "1",
            rule=query.get("rule", ""),
            unit=query.get("unit", ""),
        )

    def keeps(self, unit: Unit) -> bool:
        return (
            (not self.unit_type or unit.type == self.unit_type)
            and (not self.parent or unit.parent == self.parent or unit.id == self.parent)
            and (not self.unit or unit.id == self.unit)
        )


@dataclass(frozen=True)
class FindingRow:
    unit: Unit
    item: analysis.UnitFinding
    place: str
    review: FindingReview | None

    @property
    def counts(self) -> bool:
        return self.item.is_issue and not (
            self.review is not None and self.review.decision == Decision.DISMISSED
        )

    @property
    def severity_label(self) -> str:
        return analysis.SEVERITY_LABEL.get(self.item.finding.severity, self.item.finding.severity)


@dataclass(frozen=True)
class BoardCell:
    cell: CoverageCell
    colour: str
    label: str
    issues: int


@dataclass(frozen=True)
class BoardRow:
    unit: Unit
    parent_name: str
    cells: tuple[BoardCell, ...]


@dataclass
class Region:
    view: analysis.RegionView
    findings: dict[int, list[FindingRow]] = field(default_factory=dict)

    @property
    def years(self) -> tuple[int, ...]:
        return self.view.years

    @property
    def units(self) -> dict[str, Unit]:
        return {u.id: u for u in self.view.coverage.units}


def load(region: Agency, years: Sequence[int] | None = None) -> Region:
    chosen = list(years) if years is not None else roster_years(region)
    view = analysis.region_view(region, chosen)
    out = Region(view)
    for year in view.years:
        out.findings[year] = finding_rows(view, year, reviews(region, year))
    return out


def finding_rows(
    view: analysis.RegionView, year: int, reviewed: Mapping[tuple[str, str], FindingReview]
) -> list[FindingRow]:
    units = view.rosters[year].units
    reports = view.corpora[year].reports(year)
    rows = []
    for item in analysis.findings(view, year):
        report = reports.get(item.unit_id)
        where = place(report_format(report), item.finding.to_dict()) if report else "全文"
        rows.append(
            FindingRow(units[item.unit_id], item, where, reviewed.get((item.unit_id, item.key)))
        )
    return rows


def board(data: Region, filters: Filters) -> tuple[list[BoardRow], dict[int, dict[str, int]]]:
    """The rows (units × years) and the counts on top, per year, of the units shown."""
    issues: Counter[tuple[str, int]] = Counter()
    for year, rows in data.findings.items():
        for row in rows:
            if row.counts:
                issues[(row.item.unit_id, year)] += 1
    return board_of(data.view.coverage.units, data.years, data.view.coverage.cells, issues, filters)


def board_of(
    units: Sequence[Unit],
    years: Sequence[int],
    cells: Mapping[tuple[str, int], CoverageCell],
    issues: Mapping[tuple[str, int], int],
    filters: Filters,
) -> tuple[list[BoardRow], dict[int, dict[str, int]]]:
    """:func:`board` from its parts (``issues``: the open issues per unit-year)."""
    by_id = {u.id: u for u in units}
    out: list[BoardRow] = []
    counts: dict[int, dict[str, int]] = {
        y: {**dict.fromkeys(STATUSES, 0), "issues": 0} for y in years
    }
    for unit in units:
        if not filters.keeps(unit):
            continue
        shown = []
        for year in years:
            cell = cells.get((unit.id, year))
            if cell is None:
                continue
            found = issues.get((unit.id, year), 0)
            counts[year][cell.status] += 1
            counts[year]["issues"] += found
            shown.append(BoardCell(cell, COLOUR[cell.status], cell.label, found))
        parent = by_id.get(unit.parent or "")
        out.append(BoardRow(unit, parent.name if parent else "", tuple(shown)))
    return out, counts


def filtered_findings(data: Region, year: int, filters: Filters) -> list[FindingRow]:
    rows = [r for r in data.findings.get(year, []) if filters.keeps(r.unit)]
    if filters.issues_only:
        rows = [r for r in rows if r.counts]
    if filters.rule:
        rows = [r for r in rows if r.item.finding.code == filters.rule]
    return rows


BOARD_HEADERS = (
    "单位名称",
    "单位类型",
    "上级单位",
    "年度",
    "状态",
    "说明",
    "法定截止日期",
    "发布日期",
    "逾期天数",
    "待处理问题数",
    "文件",
)


def board_table(rows: Sequence[BoardRow]) -> list[list[Any]]:
    return [
        [
            r.unit.name,
            r.unit.type,
            r.parent_name,
            c.cell.year,
            STATUS_LABEL[c.cell.status],
            c.label,
            c.cell.deadline,
            c.cell.published_on,
            c.cell.days_late,
            c.issues,
            "；".join(c.cell.sources),
        ]
        for r in rows
        for c in r.cells
    ]


FINDING_HEADERS = (
    "单位名称",
    "单位类型",
    "年度",
    "规则",
    "级别",
    "位置",
    "应为",
    "实为",
    "说明",
    "审核结论",
    "审核理由",
    "审核人",
    "审核时间",
)


def findings_table(rows: Sequence[FindingRow]) -> list[list[Any]]:
    out = []
    for r in rows:
        f = r.item.finding
        out.append(
            [
                r.unit.name,
                r.unit.type,
                r.item.year,
                f.code,
                r.severity_label,
                r.place,
                _text(f.expected),
                _text(f.actual),
                f.message,
                r.review.get_decision_display() if r.review else "",
                r.review.reason if r.review else "",
                r.review.actor_name if r.review else "",
                r.review.at if r.review else None,
            ]
        )
    return out


def _text(value: Any) -> Any:
    return "" if value is None else (value if isinstance(value, int) else str(value))
