"""Findings at scale: what a supervisor looks for in each unit's report beside the catalogue.

:func:`pair_signals` runs them all on a unit's report and last year's:

- the report catalogue's cross-year rules (X1–X3, E06 and the check that the pair is one unit's
  consecutive years), run on the pair as they are — :data:`CROSS_YEAR_CODES`;
- SUP-SAME-FIGURES: tables 三 and 四 (and 二 when both years use one format) identical to last
  year's, cell for cell, while applications were received (an all-zero table is not a signal:
  a small unit may truly have no applications two years running);
- SUP-JUMP: 新收, 上年结转, 结转下年度, 复议 and 诉讼 totals moving by at least
  max(``jump_floor``, ``jump_factor`` × last year);
- SUP-FEE-SLIP: the fee amount about 10,000 times (or 1/10,000 of) last year's: 元 entered in
  the 万元 column, this year or last;
- SUP-FORMAT-OLD: a report for 2021 or later whose tables follow the 2019 trial format;
- SUP-PROBLEMS-EMPTY / SUP-PROBLEMS-THIN: section 五 missing or empty, or with fewer than
  ``problems_min_chars`` content characters once the format's own words are removed
  (:mod:`.templatetext`; default 80: about two sentences, one problem and one measure);
- SUP-PROBLEMS-REPEAT: section 五 repeating more than ``problems_repeat_threshold`` of last
  year's section 五 (:mod:`.copies`, template removed first);
- SUP-COPY-YEAR: the whole narrative repeating more than ``copy_threshold`` of last year's.

Every finding names the cells or the section concerned and carries its evidence; nothing here
changes a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.report.model import Finding, Number, Report
from gongkai.report.rules import CheckConfig, check
from gongkai.report.rules.base import Context, fmt_number, where
from gongkai.report.spec import FORMAT_2021, TABLE_KEYS, TableKey

from .copies import YearRepetition, repetition, year_copy_findings, year_repetition
from .signals_base import (
    DEFAULT_SETTINGS,
    SignalSettings,
    UnitFinding,
    UnitPair,
    UnitReport,
    for_unit,
    signal,
)
from .templatetext import content

CROSS_YEAR_CODES: tuple[str, ...] = (
    "PREVIOUS-MISMATCH",
    "XYEAR-CARRY",
    "XYEAR-IN-FORCE",
    "XYEAR-PENDING",
    "TEXT-COPY",
)

PROBLEMS = "problems_section"
_REPEAT_MIN_CHARS = 20  # a section 五 this short ("无") repeating last year's says nothing

CellValues = dict[str, dict[tuple[str, str | None], Number | None]]


def cross_year(pair: UnitPair, config: CheckConfig | None = None) -> list[Finding]:
    """The report catalogue's cross-year rules on the pair, unchanged."""
    if pair.previous is None:
        return []
    return check(pair.current.report, pair.previous.report, config, codes=CROSS_YEAR_CODES)


def _values(report: Report) -> CellValues:
    return Context(report).values


# ---------------------------------------------------------------- identical figures


def same_figures(pair: UnitPair, settings: SignalSettings = DEFAULT_SETTINGS) -> list[Finding]:
    if pair.previous is None:
        return []
    now, before = pair.current.report, pair.previous.report
    if now.applications is None or before.applications is None:
        return []
    intake = _values(now)["applications"].get(("received", "total"))
    if intake is None or intake <= 0:
        return []
    tables: tuple[TableKey, ...] = ("applications", "disputes")
    if now.format is not None and now.format == before.format:
        tables = TABLE_KEYS
    current, previous = _values(now), _values(before)
    compared = 0
    nonzero: list[list[object]] = []
    for table in tables:
        for key, value in current[table].items():
            old = previous[table].get(key)
            if value is None or old is None:
                continue
            if value != old:
                return []
            compared += 1
            if value:
                nonzero.append([table, key[0], key[1], value])
    if len(nonzero) < settings.same_figures_min_nonzero:
        return []
    names = "、".join(
        {"proactive": "表二", "applications": "表三", "disputes": "表四"}[t] for t in tables
    )
    return [
        signal(
            "SUP-SAME-FIGURES",
            f"{names}的 {compared} 个数字与{pair.previous.year}年度报告完全相同（其中非零 "
            f"{len(nonzero)} 个，本年新收申请 {fmt_number(intake)} 件），疑似沿用上年数据，请核实",
            table="applications",
            row="received",
            column="total",
            actual=intake,
            cells=[[str(c[0]), str(c[1]), None if c[2] is None else str(c[2])] for c in nonzero],
            evidence={"compared_cells": compared, "nonzero_cells": nonzero, "tables": list(tables)},
        )
    ]


# ---------------------------------------------------------------- implausible jumps

JUMP_METRICS: tuple[tuple[str, TableKey, tuple[str, ...], str], ...] = (
    ("received", "applications", ("received",), "本年新收政府信息公开申请数量"),
    ("carried_in", "applications", ("carried_in",), "上年结转政府信息公开申请数量"),
    ("carried_out", "applications", ("carried_out",), "结转下年度继续办理"),
    ("review", "disputes", ("review",), "行政复议"),
    ("litigation", "disputes", ("lit_direct", "lit_after_review"), "行政诉讼"),
)


def _metric(values: CellValues, table: TableKey, rows: tuple[str, ...]) -> Number | None:
    out: Number = 0
    for row in rows:
        value = values[table].get((row, "total"))
        if value is None:
            return None
        out += value
    return out


def jumps(pair: UnitPair, settings: SignalSettings = DEFAULT_SETTINGS) -> list[Finding]:
    if pair.previous is None:
        return []
    current, previous = _values(pair.current.report), _values(pair.previous.report)
    out = []
    for name, table, rows, label in JUMP_METRICS:
        now, before = _metric(current, table, rows), _metric(previous, table, rows)
        if now is None or before is None:
            continue
        change = Decimal(now) - Decimal(before)
        limit = max(Decimal(settings.jump_floor), settings.jump_factor * Decimal(before))
        if abs(change) < limit:
            continue
        out.append(
            signal(
                "SUP-JUMP",
                f"{'表三' if table == 'applications' else '表四'}“{label}”总计：本年 "
                f"{fmt_number(now)} 件，{pair.previous.year}年 {fmt_number(before)} 件，变化 "
                f"{'+' if change > 0 else ''}{fmt_number(change)} 件，达到上年的 "
                f"{settings.jump_factor} 倍（且不少于 {settings.jump_floor} 件），请核实是否填报有误",
                table=table,
                row=rows[0] if len(rows) == 1 else None,
                column="total",
                expected=before,
                actual=now,
                cells=[[table, row, "total"] for row in rows],
                evidence={"metric": name, "previous": before, "current": now, "limit": limit},
            )
        )
    return out


# ---------------------------------------------------------------- 元 vs 万元


def fee_slip(pair: UnitPair, settings: SignalSettings = DEFAULT_SETTINGS) -> list[Finding]:
    if pair.previous is None:
        return []
    now_report, before_report = pair.current.report, pair.previous.report
    if now_report.format != "2021" or before_report.format != "2021":
        return []  # the 2019 format has no amount in 万元
    now = _values(now_report)["proactive"].get(("admin_fees", None))
    before = _values(before_report)["proactive"].get(("admin_fees", None))
    if not now or not before or now < 0 or before < 0:
        return []
    ratio = Decimal(now) / Decimal(before)
    big, tolerance = settings.fee_slip_ratio, settings.fee_slip_tolerance
    if big / tolerance <= ratio <= big * tolerance:
        suspect = "本年"
    elif 1 / (big * tolerance) <= ratio <= tolerance / big:
        suspect = f"{pair.previous.year}年"
    else:
        return []
    place = where(FORMAT_2021, "proactive", "admin_fees")
    return [
        signal(
            "SUP-FEE-SLIP",
            f"{place}：本年 {fmt_number(now)} 万元，{pair.previous.year}年 {fmt_number(before)} "
            f"万元，相差约一万倍，疑似{suspect}把“元”填入了“万元”栏，请核实",
            table="proactive",
            row="admin_fees",
            expected=before,
            actual=now,
            cells=[["proactive", "admin_fees", None]],
            evidence={"ratio": float(ratio), "suspect": suspect},
        )
    ]


# ---------------------------------------------------------------- format and section 五


def outdated_format(unit: UnitReport) -> list[Finding]:
    report = unit.report
    year = report.year or unit.year
    if year < 2021 or report.format != "2019":
        return []
    return [
        signal(
            "SUP-FORMAT-OLD",
            f"{year}年度报告的统计表使用了2019年试行格式（国办公开办函〔2019〕60号），"
            "应使用国办公开办函〔2021〕30号印发的格式",
            expected="2021",
            actual="2019",
            evidence={"year": year, "format": report.format},
        )
    ]


def problems_section(
    unit: UnitReport, settings: SignalSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    text = unit.report.sections.get(PROBLEMS)
    size = content(text or "", unit.names).size
    if size == 0:
        state = "缺少第五部分" if text is None else "第五部分没有实际内容"
        return [
            signal(
                "SUP-PROBLEMS-EMPTY",
                f"{state}“存在的主要问题及改进情况”，应如实查找问题并提出改进措施",
                section=PROBLEMS,
                actual=0,
                expected=settings.problems_min_chars,
                evidence={"missing": text is None, "content_chars": 0},
            )
        ]
    if size < settings.problems_min_chars:
        return [
            signal(
                "SUP-PROBLEMS-THIN",
                f"第五部分“存在的主要问题及改进情况”除去标题等固定文字后只有 {size} 个字"
                f"（少于 {settings.problems_min_chars} 个），问题和改进措施流于形式",
                section=PROBLEMS,
                actual=size,
                expected=settings.problems_min_chars,
                evidence={"content_chars": size, "text": text},
            )
        ]
    return []


def problems_repeat(
    pair: UnitPair,
    settings: SignalSettings = DEFAULT_SETTINGS,
    found: YearRepetition | None = None,
) -> list[Finding]:
    if pair.previous is None:
        return []
    item = found.section(PROBLEMS) if found else None
    if item is not None:
        result = item.repetition
    else:
        names = (*pair.current.names, *pair.previous.names)
        result = repetition(
            pair.current.report.sections.get(PROBLEMS) or "",
            pair.previous.report.sections.get(PROBLEMS) or "",
            names,
        )
    ratio = result.ratio
    if (
        ratio is None
        or result.size < _REPEAT_MIN_CHARS
        or ratio <= settings.problems_repeat_threshold
    ):
        return []
    return [
        signal(
            "SUP-PROBLEMS-REPEAT",
            f"第五部分“存在的主要问题及改进情况”有 {ratio:.0%} 的文字与{pair.previous.year}"
            "年度报告相同，问题和措施年年照搬，未见上年改进措施的落实情况",
            section=PROBLEMS,
            actual=round(ratio, 3),
            expected=settings.problems_repeat_threshold,
            evidence={
                "previous_year": pair.previous.year,
                "passages": [
                    {"current": p.current, "previous": p.previous} for p in result.passages
                ],
            },
        )
    ]


# ---------------------------------------------------------------- all together


def _unit_signals(
    pair: UnitPair, settings: SignalSettings, config: CheckConfig | None
) -> Iterator[Finding]:
    yield from cross_year(pair, config)
    yield from outdated_format(pair.current)
    yield from problems_section(pair.current, settings)
    if pair.previous is None:
        return
    yield from same_figures(pair, settings)
    yield from jumps(pair, settings)
    yield from fee_slip(pair, settings)
    found = year_repetition(pair)
    yield from problems_repeat(pair, settings, found)
    yield from year_copy_findings(pair, settings, found)


def pair_signals(
    pair: UnitPair,
    settings: SignalSettings = DEFAULT_SETTINGS,
    config: CheckConfig | None = None,
) -> list[UnitFinding]:
    """Every supervision signal on one unit's report (and last year's, when there is one)."""
    return for_unit(pair.current, list(_unit_signals(pair, settings, config)))
