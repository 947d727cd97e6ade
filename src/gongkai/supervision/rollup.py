"""The region's totals of tables 二–四, summed from its units' reports, as a ``Report``.

Whose reports are summed: every unit with a usable report of the year in the year's format,
except a government whose report aggregates its units (汇总): its figures already contain
theirs. Units without a report (missing, unreadable), or whose report is in another format,
are left out and named in a note: the totals are those of the reports received, and say so.

Nulls: a total over units where some unit's cell is null (blank, missing, ambiguous) is itself
null, with a note naming the units that lack it. A null is never read as 0.

Aggregate reports: a government's report aggregates when the roster says 汇总, or the roster
says nothing and its text says it was compiled from its units' reports (汇总…各部门…编制). Its
tables are then checked, cell by cell, against the sum of the units below it (a finding names
the cell, the expected sum and the figure found). The check is skipped, with a note, when a
unit below it has no usable report; cells whose sum is null are not checked. A government whose
report covers only itself (本级) is not checked: its figures are not meant to be a sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.report.model import Cell, Finding, Number, Report, TableData
from gongkai.report.rules.base import fmt_number, where
from gongkai.report.spec import FORMATS, TABLE_KEYS, Format, TableKey

from .roster import Roster, Unit

__all__ = ["RollUp", "aggregate_findings", "declares_aggregate", "roll_up", "sum_reports"]

Place = tuple[TableKey, str, str | None]

_AGGREGATE = re.compile(
    r"[^。]*(?:各部门|各单位|各乡镇|各镇|各街道|各县|各区)[^。]*汇总[^。]*编制"
    r"|[^。]*汇总[^。]*(?:各部门|各单位|各乡镇|各镇|各街道)[^。]*编制"
)


def declares_aggregate(unit: Unit, report: Report | None) -> bool:
    """Whether the unit's report is a sum of its units' reports (see the module's note)."""
    if not unit.is_government:
        return False
    if unit.scope is not None:
        return unit.scope == "汇总"
    return report is not None and bool(_AGGREGATE.search(report.full_text))


@dataclass(frozen=True)
class Sum:
    cells: Mapping[Place, Number | None]
    lacking: Mapping[Place, tuple[str, ...]]  # unit ids whose cell is null, by cell


def sum_reports(reports: Mapping[str, Report], fmt: str) -> Sum:
    """Every cell of the format summed over ``reports`` (unit id → report)."""
    spec = FORMATS[fmt]
    cells: dict[Place, Number | None] = {}
    lacking: dict[Place, tuple[str, ...]] = {}
    for table in spec.tables:
        for row in table.rows:
            for column in row.columns:
                place: Place = (table.key, row.key, column.key)
                total: Number = 0
                missing: list[str] = []
                for uid, report in reports.items():
                    value = report.value(table.key, row.key, column.key)
                    if value is None:
                        missing.append(uid)
                    else:
                        total += value
                cells[place] = None if missing else total
                if missing:
                    lacking[place] = tuple(missing)
    return Sum(cells, lacking)


@dataclass(frozen=True)
class RollUp:
    report: Report
    included: tuple[str, ...]
    excluded: Mapping[str, str]  # unit id → why its report is not in the sum
    lacking: Mapping[Place, tuple[str, ...]] = field(default_factory=dict)


def _format_of(year: int) -> str:
    return "2021" if year >= 2021 else "2019"


def roll_up(
    roster: Roster, reports: Mapping[str, Report], year: int, name: str | None = None
) -> RollUp:
    """The region's totals from ``reports`` (unit id → that unit's current report)."""
    fmt = _format_of(year)
    spec = FORMATS[fmt]
    included: dict[str, Report] = {}
    excluded: dict[str, str] = {}
    for unit in roster:
        report = reports.get(unit.id)
        if report is None:
            excluded[unit.id] = "没有可用的报告"
        elif report.format != fmt:
            excluded[unit.id] = f"报告格式（{report.format or '无法识别'}）与{fmt}年格式不同"
        elif declares_aggregate(unit, report) and roster.children(unit.id):
            excluded[unit.id] = "汇总报告，其数字已含下级单位，不重复计入"
        else:
            included[unit.id] = report
    total = sum_reports(included, fmt)
    notes: list[Finding] = []
    names = {u.id: u.name for u in roster}
    by_row: dict[tuple[TableKey, str, tuple[str, ...]], list[str | None]] = {}
    for (table, row, column), units in total.lacking.items():
        by_row.setdefault((table, row, units), []).append(column)
    for (table, row, units), columns in by_row.items():
        place = where(spec, table, row)
        shown = "、".join(_column_label(spec, table, row, c) for c in columns)
        notes.append(
            Finding(
                "ROLLUP-NULL",
                "warning",
                f"{place}（{shown}）：{_list(names, units)}的报告此处为空，合计无法得出，留空",
                table=table,
                row=row,
                detail={"columns": list(columns), "units": list(units)},
            )
        )
    if excluded:
        reasons: dict[str, list[str]] = {}
        for uid, why in excluded.items():
            reasons.setdefault(why, []).append(uid)
        for why, ids in reasons.items():
            notes.append(
                Finding(
                    "ROLLUP-EXCLUDED",
                    "info",
                    f"未计入合计（{why}）：{_list(names, ids)}",
                    detail={"units": ids, "reason": why},
                )
            )
    tables = {key: _table(key, total.cells) for key in TABLE_KEYS}
    region = name or "本地区"
    overview = (
        f"本表为{region}{year}年度政府信息公开工作年度报告统计数据汇总，"
        f"由名单内{len(included)}个单位的报告逐项相加得出"
        + (f"，另有{len(excluded)}个单位未计入（见说明）" if excluded else "")
        + "。某项数据有单位报告为空的，合计留空，不按0计算。"
    )
    report = Report(
        format=fmt,
        agency=region,
        year=year,
        title=f"{region}{year}年度政府信息公开工作年度报告数据汇总",
        sections={"overview": overview},
        proactive=tables["proactive"],
        applications=tables["applications"],
        disputes=tables["disputes"],
        notes=tuple(notes),
        source="supervision:rollup",
        reader="gongkai.supervision",
    )
    return RollUp(report, tuple(included), excluded, total.lacking)


def _table(key: TableKey, cells: Mapping[Place, Number | None]) -> TableData:
    data = {
        (row, column): Cell(value) if value is not None else Cell(None, "missing")
        for (table, row, column), value in cells.items()
        if table == key
    }
    return TableData(key, data)


def _list(names: Mapping[str, str], units: Iterable[str]) -> str:
    return "、".join(names.get(u, u) for u in units)


def _column_label(spec: Format, table: TableKey, row: str, column: str | None) -> str:
    for col in spec.table(table).row(row).columns:
        if col.key == column:
            return col.label if column is not None else "数值"
    return str(column)


def aggregate_findings(roster: Roster, reports: Mapping[str, Report], year: int) -> list[Finding]:
    """Each aggregating government's tables against the sum of the units below it."""
    fmt = _format_of(year)
    spec = FORMATS[fmt]
    findings: list[Finding] = []
    for unit in roster:
        report = reports.get(unit.id)
        if report is None or not unit.is_government or not declares_aggregate(unit, report):
            continue
        below = _summed_below(roster, reports, unit.id)
        gaps = [u for u in below if u not in reports or reports[u].format != fmt]
        base = {"unit": unit.id}
        if report.format != fmt:
            continue  # a format problem is reported on its own; sums of another format mean nothing
        if not below:
            continue
        if gaps:
            findings.append(
                Finding(
                    "AGG-UNCHECKED",
                    "info",
                    f"{unit.name}的报告为汇总报告，但下级单位{_list({u.id: u.name for u in roster}, gaps)}"
                    "没有可用的报告，无法逐项核对合计",
                    detail={**base, "units": gaps},
                )
            )
            continue
        total = sum_reports({u: reports[u] for u in below}, fmt)
        unchecked: list[Place] = []
        for place, expected in total.cells.items():
            table, row, column = place
            actual = report.value(table, row, column)
            if expected is None or actual is None:
                unchecked.append(place)
                continue
            if actual != expected:
                findings.append(
                    Finding(
                        "AGG-SUM",
                        "error",
                        f"{where(spec, table, row, column)}：{unit.name}的汇总报告为"
                        f"{fmt_number(actual)}，{len(below)}个下级单位报告合计为{fmt_number(expected)}",
                        table=table,
                        row=row,
                        column=column,
                        expected=expected,
                        actual=actual,
                        detail={**base, "units": below},
                    )
                )
        if unchecked:
            findings.append(
                Finding(
                    "AGG-UNCHECKED",
                    "info",
                    f"{unit.name}的汇总报告有{len(unchecked)}个数据项未核对（下级单位或汇总报告此处为空）",
                    detail={**base, "cells": [list(p) for p in unchecked]},
                )
            )
    return findings


def _summed_below(roster: Roster, reports: Mapping[str, Report], unit_id: str) -> list[str]:
    """The units whose reports add up to ``unit_id``'s: below it, skipping (and descending
    through) governments whose own reports aggregate."""
    out: list[str] = []
    for child in roster.children(unit_id):
        if (
            child.is_government
            and declares_aggregate(child, reports.get(child.id))
            and roster.children(child.id)
        ):
            out.extend(_summed_below(roster, reports, child.id))
        else:
            out.append(child.id)
    return out
