"""A supervision written to a folder: coverage, findings, roll-up, rates, the unmatched list.

coverage.csv / coverage.xlsx      unit × year, one row per unit-year (XLSX: also counts by
                                  type and the bunching of dates before the deadline)
findings.csv / findings.xlsx      every report's rule findings, and the supervision's own
rollup.json / rollup.html         the region's totals as canonical JSON and rendered
rates.csv / rates.xlsx            each unit's rates and ranks, then the region's figures
unmatched.csv / unmatched.xlsx    reports to assign by hand, unreadable files, manifest rows
summary.json                      the counts, for machines
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.report.canonical import to_canonical
from gongkai.report.render import render

from .corpus import DATE_SOURCE_LABEL
from .coverage import STATUS_LABEL, STATUSES
from .pipeline import Supervision
from .rates import RATE_BY_KEY
from .sheets import Table, Value, write_csv, write_xlsx

__all__ = ["write_outputs"]

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def write_outputs(result: Supervision, out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    coverage = coverage_table(result)
    _both(out / "coverage", [coverage, by_type_table(result), bunching_table(result)])
    _both(out / "findings", [findings_table(result)])
    _both(out / "rates", [rates_table(result)])
    _both(out / "unmatched", [unmatched_table(result)])
    (out / "rollup.json").write_text(
        json.dumps(to_canonical(result.rollup.report), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    (out / "rollup.html").write_bytes(render(result.rollup.report, "html"))
    summary = summarise(result)
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return summary


def _both(stem: Path, tables: list[Table]) -> None:
    write_csv(stem.with_suffix(".csv"), tables[0])
    write_xlsx(stem.with_suffix(".xlsx"), tables)


def _names(result: Supervision) -> dict[str, str]:
    return {u.id: u.name for u in result.coverage.units}


def coverage_table(result: Supervision) -> Table:
    units = {u.id: u for u in result.coverage.units}
    rows: list[list[Value]] = []
    for (uid, year), cell in result.coverage.cells.items():
        unit = units[uid]
        parent = units.get(unit.parent or "")
        rows.append(
            [
                uid,
                unit.name,
                unit.type,
                parent.name if parent else "",
                year,
                STATUS_LABEL[cell.status],
                cell.label,
                cell.deadline.isoformat(),
                cell.internal_deadline.isoformat() if cell.internal_deadline else None,
                cell.published_on.isoformat() if cell.published_on else None,
                DATE_SOURCE_LABEL.get(cell.date_source or "", None),
                cell.days_late,
                cell.internal_days_late,
                cell.wrong_format,
                "是" if cell.changed else "",
                "；".join(cell.sources),
                cell.detail,
            ]
        )
    headers = (
        "单位编码",
        "单位名称",
        "单位类型",
        "上级单位",
        "年度",
        "状态",
        "说明",
        "法定截止日期",
        "内部截止日期",
        "发布日期",
        "日期来源",
        "逾期天数",
        "超过内部截止日期天数",
        "格式问题",
        "发布后有变动",
        "文件",
        "备注",
    )
    return Table("发布情况", headers, rows)


def by_type_table(result: Supervision) -> Table:
    rows: list[list[Value]] = []
    for year, types in result.coverage.by_type.items():
        for unit_type, counts in types.items():
            rows.append([year, unit_type, *(counts[s] for s in STATUSES), counts["wrong_format"]])
    headers = ("年度", "单位类型", *(STATUS_LABEL[s] for s in STATUSES), "格式不符")
    return Table("按类型统计", headers, rows)


def bunching_table(result: Supervision) -> Table:
    rows: list[list[Value]] = []
    for year, kinds in result.coverage.bunching.items():
        for kind, counts in kinds.items():
            rows.append([year, kind, *(counts[w] for w in result.coverage.windows)])
    headers = ("年度", "截止日期类别", *(f"截止前{w}天内发布" for w in result.coverage.windows))
    return Table("发布日期集中度", headers, rows)


def findings_table(result: Supervision) -> Table:
    names = _names(result)
    rows: list[list[Value]] = []
    for item in result.findings:
        for f in item.findings:
            rows.append(
                [
                    item.unit_id,
                    names.get(item.unit_id, item.unit_id),
                    result.year,
                    item.source,
                    f.code,
                    SEVERITY_LABEL[f.severity],
                    f.table,
                    f.row,
                    f.column,
                    _cell(f.expected),
                    _cell(f.actual),
                    f.message,
                ]
            )
    headers = (
        "单位编码",
        "单位名称",
        "年度",
        "文件",
        "代码",
        "级别",
        "表",
        "行",
        "列",
        "应为",
        "实为",
        "说明",
    )
    return Table("核对发现", headers, rows)


def _cell(value: Any) -> Value:
    if value is None or isinstance(value, int | float | Decimal | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def rates_table(result: Supervision) -> Table:
    names = _names(result)
    rows: list[list[Value]] = []
    for rate in result.rates:
        rows.append(
            [
                rate.unit_id,
                names.get(rate.unit_id, rate.unit_id),
                RATE_BY_KEY[rate.rate].label,
                rate.numerator,
                rate.denominator,
                rate.percent,
                rate.rank,
                rate.note,
            ]
        )
    for region in result.region:
        lacking = "、".join(names.get(u, u) for u in region.lacking)
        rows.append(
            [
                "",
                f"{result.rollup.report.agency}合计",
                RATE_BY_KEY[region.rate].label,
                region.numerator,
                region.denominator,
                region.percent,
                None,
                f"{region.units}个单位分子、分母相加"
                + (f"；{lacking}数据为空，未计入" if lacking else ""),
            ]
        )
    headers = ("单位编码", "单位名称", "指标", "分子", "分母", "比率（%）", "排名", "说明")
    return Table("比率与排名", headers, rows)


def unmatched_table(result: Supervision) -> Table:
    names = _names(result)
    rows: list[list[Value]] = []
    corpora = [result.corpus, *([result.previous] if result.previous else [])]
    for corpus in corpora:
        for item in corpus.unassigned:
            candidates = "、".join(names.get(c, c) for c in item.candidates)
            rows.append(["待指定单位", item.source, item.name, item.year, item.reason, candidates])
        for uid, source in corpus.undated_year:
            rows.append(["年度不明", source, names.get(uid, uid), None, "报告年度无法识别", ""])
        for bad in corpus.unreadable:
            unit = names.get(bad.unit_id, bad.unit_id) if bad.unit_id else ""
            rows.append(["无法读取", bad.source, unit, None, bad.problem, ""])
        for problem in corpus.problems:
            rows.append(["清单问题", "", "", None, problem, ""])
    headers = ("类别", "文件", "报告中的机关名称", "年度", "原因", "候选单位")
    return Table("待人工处理", headers, rows)


def summarise(result: Supervision) -> dict[str, Any]:
    year = result.year
    return {
        "year": year,
        "units": len(result.roster),
        "files": result.corpus.files,
        "reports": len(result.corpus.reports(year)),
        "coverage": {s: result.coverage.count(year, s) for s in STATUSES},
        "unassigned": len(result.corpus.unassigned),
        "unreadable": len(result.corpus.unreadable),
        "reports_with_errors": sum(
            1 for f in result.findings if any(x.severity == "error" for x in f.findings)
        ),
        "rollup_units": len(result.rollup.included),
    }
