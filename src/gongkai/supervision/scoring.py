"""A region-year scored on an assessment sheet (:mod:`.scorecard`): every unit, every item,
every deduction with its evidence — the finding, the cell or the passage it rests on.

A unit whose coverage status is one of the sheet's ``without_report_statuses`` (by default:
missing, unreadable, wrong year) has no report to judge: it gets ``without_report`` (0 by
default) and its coverage cell as the evidence; its items are not scored one by one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.model import Finding, Report
from gongkai.report.rules.base import where
from gongkai.report.spec import FORMATS, SECTIONS, TableKey

from .coverage import STATUS_LABEL, CoverageCell
from .pipeline import Supervision, UnitFindings
from .scorecard import Check, Item, Sheet

__all__ = ["Deduction", "ItemScore", "UnitScore", "score_region"]

SECTION_TITLE = {s.key: s.title for s in SECTIONS}
EXCERPT = 60  # characters of a repeated passage shown as evidence


@dataclass(frozen=True)
class Deduction:
    item: str  # the item's id
    check: str  # the check's label
    points: Decimal  # as applied: after the check's and the item's caps
    code: str  # the finding's code, or "COVERAGE", "COPY-YEAR", "COPY-PEER"
    place: str  # the cell, the section or the file, as a person finds it
    evidence: str  # what was found, in Chinese
    source: str = ""  # the report file


@dataclass(frozen=True)
class ItemScore:
    item: Item
    score: Decimal
    deductions: tuple[Deduction, ...]


@dataclass(frozen=True)
class UnitScore:
    unit_id: str
    name: str
    unit_type: str
    status: str  # the coverage status
    score: Decimal
    band: str
    items: tuple[ItemScore, ...]  # empty when the unit had no report to judge
    note: str = ""

    @property
    def deductions(self) -> tuple[Deduction, ...]:
        return tuple(d for i in self.items for d in i.deductions)


def _place(finding: Finding, report: Report | None) -> str:
    if finding.table and report is not None and report.format in FORMATS:
        table: TableKey = finding.table  # type: ignore[assignment]
        try:
            return where(FORMATS[report.format], table, finding.row, finding.column)
        except KeyError:
            pass
    if finding.section:
        return SECTION_TITLE.get(finding.section, finding.section)
    if finding.table:
        return " ".join(p for p in (finding.table, finding.row, finding.column) if p)
    return "全文"


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


class _Unit:
    """What one unit's checks read."""

    def __init__(
        self,
        result: Supervision,
        unit_id: str,
        reports: Mapping[str, Report],
        findings: Mapping[str, UnitFindings],
    ) -> None:
        self.result = result
        self.unit_id = unit_id
        self.cell: CoverageCell = result.coverage.cell(unit_id, result.year)
        self.report = reports.get(unit_id)
        found = findings.get(unit_id)
        self.findings = found.findings if found else ()
        self.source = found.source if found else ""


def _coverage(check: Check, unit: _Unit) -> Iterator[Deduction]:
    cell = unit.cell
    if cell.status in check.status:
        evidence = cell.label
        if cell.status == "late" and cell.published_on:
            evidence = (
                f"{cell.label}：发布日期{cell.published_on.isoformat()}，"
                f"截止日期{cell.deadline.isoformat()}"
            )
        elif cell.detail:
            evidence = f"{cell.label}：{cell.detail}"
        yield Deduction(
            "", check.label, check.deduct, "COVERAGE", "发布情况", evidence, unit.source
        )


def _findings(check: Check, unit: _Unit, taken: set[int]) -> Iterator[Deduction]:
    for index, finding in enumerate(unit.findings):
        if index in taken or not check.takes_code(finding.code, finding.severity):
            continue
        taken.add(index)
        yield Deduction(
            "",
            check.label,
            check.deduct,
            finding.code,
            _place(finding, unit.report),
            finding.message,
            unit.source,
        )


def _copy_year(check: Check, unit: _Unit) -> Iterator[Deduction]:
    scan = unit.result.scan
    found = scan.repetition.get(unit.unit_id) if scan else None
    if found is None or found.ratio is None or check.above is None or found.ratio <= check.above:
        return
    parts = [s for s in found.sections if s.ratio is not None and s.repetition.repeated]
    parts.sort(key=lambda s: -s.repetition.repeated)
    shares = "；".join(f"{SECTION_TITLE[s.section]}{s.ratio:.0%}" for s in parts if s.ratio)
    passage = next((p for s in parts for p in s.repetition.passages), None)
    quoted = ""
    if passage is not None:
        quoted = (
            f"；重复段落：本年“{_excerpt(passage.current)}”，上年“{_excerpt(passage.previous)}”"
        )
    place = SECTION_TITLE[parts[0].section] if parts else "全文"
    yield Deduction(
        "",
        check.label,
        check.deduct,
        "COPY-YEAR",
        place,
        f"与上年报告重复率{found.ratio:.0%}（{found.repeated}/{found.size}字，已除去格式规定的文字）"
        f"，超过{check.above:.0%}；各部分：{shares}{quoted}",
        unit.source,
    )


def _peer(check: Check, unit: _Unit) -> Iterator[Deduction]:
    scan = unit.result.scan
    if scan is None:
        return
    for cluster in scan.clustering.clusters:
        if unit.unit_id not in cluster.units:
            continue
        mine = [p for p in cluster.pairs if unit.unit_id in (p.first, p.second)]
        best = max((p.similarity for p in mine), default=cluster.similarity)
        if check.at_least is not None and best < check.at_least:
            return
        others = [n for i, n in zip(cluster.units, cluster.names, strict=True) if i != unit.unit_id]
        yield Deduction(
            "",
            check.label,
            check.deduct,
            "COPY-PEER",
            "全文",
            f"与{'、'.join(others)}的报告高度雷同（相似度{best:.0%}，已除去格式规定的文字和单位名称）",
            unit.source,
        )
        return


def _score_item(item: Item, unit: _Unit) -> ItemScore:
    left = item.weight
    taken: set[int] = set()
    out: list[Deduction] = []
    for check in item.checks:
        cap = check.max
        spent = Decimal(0)
        if check.kind == "coverage":
            found: Iterator[Deduction] = _coverage(check, unit)
        elif check.kind == "findings":
            found = _findings(check, unit, taken)
        elif check.kind == "copy_year":
            found = _copy_year(check, unit)
        else:
            found = _peer(check, unit)
        for deduction in found:
            points = min(deduction.points, left)
            if cap is not None:
                points = min(points, cap - spent)
            spent += points
            left -= points
            out.append(
                Deduction(
                    item.id,
                    deduction.check,
                    points,
                    deduction.code,
                    deduction.place,
                    deduction.evidence,
                    deduction.source,
                )
            )
    return ItemScore(item, left, tuple(out))


def score_region(sheet: Sheet, result: Supervision) -> tuple[UnitScore, ...]:
    """Every roster unit of the year scored, in the roster's order."""
    out: list[UnitScore] = []
    reports = result.corpus.reports(result.year)  # once: a region has a thousand units
    findings: dict[str, UnitFindings] = {}
    for found in result.findings:
        findings.setdefault(found.unit_id, found)  # the first, as before
    for unit in result.roster:
        state = _Unit(result, unit.id, reports, findings)
        status = state.cell.status
        if status in sheet.without_report_statuses or state.report is None:
            note = f"{STATUS_LABEL[status]}，无报告可评，计{_plain(sheet.without_report)}分"
            out.append(
                UnitScore(
                    unit.id,
                    unit.name,
                    unit.type,
                    status,
                    sheet.without_report,
                    sheet.band(sheet.without_report),
                    (),
                    note,
                )
            )
            continue
        items = tuple(_score_item(item, state) for item in sheet.items)
        total = sum((i.score for i in items), Decimal(0))
        out.append(
            UnitScore(unit.id, unit.name, unit.type, status, total, sheet.band(total), items)
        )
    return tuple(out)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def by_item(scores: tuple[UnitScore, ...]) -> Mapping[str, list[UnitScore]]:
    """Item id → the units that lost points on it, in roster order."""
    out: dict[str, list[UnitScore]] = {}
    for unit in scores:
        for item in unit.items:
            if any(d.points for d in item.deductions):
                out.setdefault(item.item.id, []).append(unit)
    return out
