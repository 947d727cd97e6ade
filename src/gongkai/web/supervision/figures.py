"""One region-year computed once by gongkai.supervision and kept as JSON: what the coverage
board and the dashboard show. Every number here comes from the core — coverage
(:mod:`gongkai.supervision.coverage`), the roll-up of tables 三 and 四
(:mod:`~gongkai.supervision.rollup`), the rates (:mod:`~gongkai.supervision.rates`) and the
default assessment sheet (:mod:`~gongkai.supervision.scoring`) — with the supervisor's reviews
applied: a dismissed finding counts neither as an open issue nor as a deduction.

A figure that the core leaves null (a unit's cell is blank) stays null, with the units that
lack it named: never read as 0. (:mod:`.snapshots` keeps the result and says when it is stale.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.report.model import Number, Report
from gongkai.supervision.coverage import CoverageCell
from gongkai.supervision.pipeline import Supervision, UnitFindings
from gongkai.supervision.rates import DEFAULT_FLOOR, rank, region_rates
from gongkai.supervision.rollup import declares_aggregate, roll_up
from gongkai.supervision.roster import Unit
from gongkai.supervision.scorecard import default_sheet
from gongkai.supervision.scoring import score_region
from gongkai.web.agencies.models import Agency
from gongkai.web.supervision import analysis
from gongkai.web.supervision.models import Decision, FindingReview

FORMAT = 3  # bump when the shape below changes: older snapshots are then recomputed

OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "granted": ("granted",),
    "partially_granted": ("partially_granted",),
    "withheld": tuple(
        f"withheld_{k}"
        for k in (
            "state_secret",
            "law_barred",
            "security",
            "third_party",
            "internal",
            "deliberative",
            "enforcement_file",
            "query_matter",
        )
    ),
    "unavailable": ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"),
    "declined": tuple(
        f"declined_{k}" for k in ("petition", "repeat", "publication", "excessive", "reissue")
    ),
    "closed": ("closed_no_correction", "closed_fee_unpaid", "closed_other"),
}
FIGURE_LABEL: dict[str, str] = {
    "received": "新收申请",
    "carried_in": "上年结转",
    "concluded_total": "办结",
    "carried_out": "结转下年度",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "declined": "不予处理",
    "closed": "其他处理",
    "review_total": "行政复议总数",
    "review_decided": "行政复议已审结",
    "review_corrected": "行政复议结果纠正",
    "lit_total": "行政诉讼总数",
    "lit_decided": "行政诉讼已审结",
    "lit_corrected": "行政诉讼结果纠正",
}
LITIGATION = ("lit_direct", "lit_after_review")


def _sum(values: list[Number | None]) -> Number | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), 0)


def _rows(*rows: str) -> Callable[[Report], Number | None]:
    return lambda r: _sum([r.value("applications", row, "total") for row in rows])


def _disputes(groups: tuple[str, ...], column: str) -> Callable[[Report], Number | None]:
    return lambda r: _sum([r.value("disputes", g, column) for g in groups])


def _decided(groups: tuple[str, ...]) -> Callable[[Report], Number | None]:
    def read(r: Report) -> Number | None:
        total, pending = _disputes(groups, "total")(r), _disputes(groups, "pending")(r)
        return None if total is None or pending is None else total - pending

    return read


FIGURES: dict[str, Callable[[Report], Number | None]] = {
    "received": _rows("received"),
    "carried_in": _rows("carried_in"),
    "concluded_total": _rows("concluded_total"),
    "carried_out": _rows("carried_out"),
    **{key: _rows(*rows) for key, rows in OUTCOME_GROUPS.items()},
    "review_total": _disputes(("review",), "total"),
    "review_decided": _decided(("review",)),
    "review_corrected": _disputes(("review",), "corrected"),
    "lit_total": _disputes(LITIGATION, "total"),
    "lit_decided": _decided(LITIGATION),
    "lit_corrected": _disputes(LITIGATION, "corrected"),
}


def plain(value: Number | None) -> int | str | None:
    """A figure for JSON: an integer as it is, any other number as its exact decimal text."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return format(value, "f")


def number(value: int | str | None) -> Number | None:
    return Decimal(value) if isinstance(value, str) else value


CELL_FIELDS = tuple(f.name for f in fields(CoverageCell) if f.name not in ("unit_id", "year"))
DATES = ("deadline", "internal_deadline", "published_on")


def cell_data(cell: CoverageCell) -> list[Any]:
    """A coverage cell as a short list (its fields in order, without unit and year)."""
    out: list[Any] = []
    for name in CELL_FIELDS:
        value = getattr(cell, name)
        if name in DATES:
            value = value.isoformat() if value else None
        elif name == "sources":
            value = list(value)
        out.append(value)
    return out


def cell_of(unit_id: str, year: int, data: list[Any]) -> CoverageCell:
    values = dict(zip(CELL_FIELDS, data, strict=True))
    for key in DATES:
        values[key] = date.fromisoformat(values[key]) if values[key] else None
    values["sources"] = tuple(values["sources"])
    return CoverageCell(unit_id=unit_id, year=year, **values)


# on-time bands: the coverage status, and for a late report how late
TIMELINESS: tuple[tuple[str, str], ...] = (
    ("on_time", "按时发布"),
    ("late_1_15", "逾期1–15天"),
    ("late_16_60", "逾期16–60天"),
    ("late_61", "逾期60天以上"),
    ("date_unknown", "发布日期不明"),
    ("missing", "未发布"),
    ("unreadable", "无法读取"),
    ("wrong_year", "年度不符"),
)
# the publication date against the unit's own statutory deadline: published − deadline, in days
DAYS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("early_29", "提前29天以上", None, -29),
    ("early_15_28", "提前15–28天", -28, -15),
    ("early_8_14", "提前8–14天", -14, -8),
    ("early_1_7", "提前1–7天", -7, -1),
    ("on_day", "截止日当天", 0, 0),
    ("late_1_7", "逾期1–7天", 1, 7),
    ("late_8_28", "逾期8–28天", 8, 28),
    ("late_29", "逾期29天以上", 29, None),
)


def timeliness_band(unit: Mapping[str, Any]) -> str:
    status = str(unit["status"])
    if status != "late":
        return status
    days = int(unit["days"])
    return "late_1_15" if days <= 15 else ("late_16_60" if days <= 60 else "late_61")


def days_band(unit: Mapping[str, Any]) -> str | None:
    days = unit.get("days")
    if days is None:
        return None
    for key, _, low, high in DAYS:
        if (low is None or days >= low) and (high is None or days <= high):
            return key
    return None


def unit_data(unit: Unit) -> list[Any]:
    return [unit.id, unit.name, unit.type, unit.parent]


def unit_of(data: list[Any]) -> Unit:
    return Unit(id=data[0], name=data[1], type=data[2], parent=data[3])


def _days(cell: CoverageCell) -> int | None:
    """Days from the statutory deadline to the first publication (negative: before it)."""
    return (cell.published_on - cell.deadline).days if cell.published_on else None


def compute(
    region: Agency, year: int, years: list[int]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(board, figures, units) of ``region``'s ``year``: the board's cells, the dashboard's
    figures, and each unit's part in them (for the pages behind a figure). ``years``: the roster
    years the region has (last year's reports are compared with when there is a roster)."""
    view = analysis.region_view(region, [y for y in (year - 1, year) if y in years])
    roster = view.rosters[year]
    corpus = view.corpora[year]
    coverage = view.coverage
    reports = corpus.reports(year)
    items, scanned = analysis.findings_and_scan(view, year)
    dismissed = {
        (r.unit_id, r.key)
        for r in FindingReview.objects.filter(region=region, year=year, decision=Decision.DISMISSED)
    }
    kept = [i for i in items if (i.unit_id, i.key) not in dismissed]
    issues = Counter(i.unit_id for i in kept if i.is_issue)
    cells = {u.id: coverage.cell(u.id, year) for u in roster}
    board = {
        "format": FORMAT,
        "units": [unit_data(u) for u in roster],
        "cells": {uid: cell_data(c) for uid, c in cells.items()},
        "issues": dict(issues),
    }

    rollup = roll_up(roster, reports, year, region.name)
    aggregates = frozenset(
        uid
        for uid, report in reports.items()
        if declares_aggregate(roster.units[uid], report) and roster.children(uid)
    )
    rates = rank(reports, DEFAULT_FLOOR, aggregates)
    by_unit: dict[str, list[Any]] = {}
    for item in kept:
        by_unit.setdefault(item.unit_id, []).append(item.finding)
    unit_findings = tuple(
        UnitFindings(
            uid, corpus.entries[(uid, year)].current.sources[0], tuple(by_unit.get(uid, ()))
        )
        for uid in reports
    )
    supervision = Supervision(
        year,
        roster,
        corpus,
        coverage,
        unit_findings,
        rollup,
        tuple(rates),
        tuple(region_rates(rates, aggregates)),
        view.corpora.get(year - 1),
        aggregates,
        scanned,
    )
    sheet = default_sheet()
    scores = {s.unit_id: s for s in score_region(sheet, supervision)}
    values = {
        uid: {key: plain(read(reports[uid])) for key, read in FIGURES.items()}
        for uid in rollup.included
    }
    # no report received: nothing to add up, and 0 would be a wrong number
    totals = {
        key: plain(read(rollup.report)) if rollup.included else None
        for key, read in FIGURES.items()
    }
    lacking = {key: [uid for uid in rollup.included if values[uid][key] is None] for key in FIGURES}
    units = {
        u.id: {
            "name": u.name,
            "type": u.type,
            "status": cells[u.id].status,
            "days": _days(cells[u.id]),
            "score": plain(scores[u.id].score),
            "band": scores[u.id].band,
            "issues": issues.get(u.id, 0),
        }
        for u in roster
    }
    bands = [b.label for b in sheet.bands]
    by_timeliness = Counter(timeliness_band(u) for u in units.values())
    by_score = Counter(str(u["band"]) for u in units.values())
    by_days = Counter(days_band(u) for u in units.values())
    figures = {
        "format": FORMAT,
        "totals": totals,
        "included": len(rollup.included),
        "roster": len(roster),
        "lacking": {k: v for k, v in lacking.items() if v},
        "rates": {
            r.rate: {
                "numerator": plain(r.numerator),
                "denominator": plain(r.denominator),
                "percent": r.percent,
                "units": r.units,
                "lacking": list(r.lacking),
            }
            for r in supervision.region
        },
        "bands": bands,
        "sheet": sheet.name,
        "counts": {
            "timeliness": {k: by_timeliness[k] for k, _ in TIMELINESS},
            "score": {b: by_score[b] for b in bands},
            "days": {k: by_days[k] for k, *_ in DAYS},
        },
    }
    behind = {
        "format": FORMAT,
        "units": units,
        "values": values,
        "excluded": dict(rollup.excluded),
        "totals": totals,
        "bands": bands,
    }
    return board, figures, behind
