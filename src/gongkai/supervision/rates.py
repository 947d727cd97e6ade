"""Rates per unit, rankings with a sample floor, and the region's figures.

Every rate is a numerator over a denominator read from the canonical cells
(docs/report-json.md), all from the ``total`` column of table 三 or the groups of
table 四:

* ``substantive`` 实质公开率 = (``granted`` + ``partially_granted``) / 办结, where 办结 is
  ``concluded_total`` (（七）总计, the sum of the outcome rows （一）–（六）, H2), which leaves out
  ``carried_out`` (结转下年度继续办理): applications still open are not concluded.
* ``unavailable`` 无法提供占比 = (``unavailable_not_held`` + ``unavailable_needs_creation`` +
  ``unavailable_unclear``) / 办结.
* ``carried_over`` 结转占比 = ``carried_out`` / (``received`` + ``carried_in``): the share of the
  year's workload (新收 + 上年结转 = 办结 + 结转, H1) left for next year.
* ``review_corrected`` 复议纠错率 = ``review.corrected`` / (``review.total`` −
  ``review.pending``): corrected among the reviews decided (尚未审结 are not decided).
* ``litigation_corrected`` 诉讼纠错率 = (``lit_direct.corrected`` +
  ``lit_after_review.corrected``) / the lawsuits decided in both groups (total − pending).
* ``dispute_conversion`` 争议转化率 = (``review.total`` + ``lit_direct.total``) / ``received``:
  disputes per new application. 复议后起诉 is left out of the numerator because each such
  lawsuit follows a review already counted: one dispute is counted once.

A unit's rate is None when a cell it needs is null or its denominator is 0. It is ranked only
when its denominator reaches the floor (default 30, as evaluators do), and when its report is
not an aggregate of other units' reports (those are shown, not ranked). Ranks are competition
ranks (1, 2, 2, 4), 1 the best: the highest 实质公开率, the lowest of the others.

Region figures are sums of numerators over sums of denominators, over the units whose numerator
and denominator are both known (aggregate reports left out: their figures are their units'),
never a mean or a median of unit rates; the units left out are named.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from gongkai.report.model import Number, Report

__all__ = ["DEFAULT_FLOOR", "RATES", "RateDef", "RegionRate", "UnitRate", "rank", "region_rates"]

DEFAULT_FLOOR = 30
Parts = tuple[Number | None, Number | None]


def _app(report: Report, *rows: str) -> Number | None:
    total: Number = 0
    for row in rows:
        value = report.value("applications", row, "total")
        if value is None:
            return None
        total += value
    return total


def _dispute(report: Report, group: str, column: str) -> Number | None:
    return report.value("disputes", group, column)


def _decided(report: Report, *groups: str) -> Number | None:
    total: Number = 0
    for group in groups:
        all_, pending = _dispute(report, group, "total"), _dispute(report, group, "pending")
        if all_ is None or pending is None:
            return None
        total += all_ - pending
    return total


def _add(*values: Number | None) -> Number | None:
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


@dataclass(frozen=True)
class RateDef:
    key: str
    label: str
    parts: Callable[[Report], Parts]
    higher_is_better: bool = False


RATES: tuple[RateDef, ...] = (
    RateDef(
        "substantive",
        "实质公开率",
        lambda r: (_app(r, "granted", "partially_granted"), _app(r, "concluded_total")),
        higher_is_better=True,
    ),
    RateDef(
        "unavailable",
        "无法提供占比",
        lambda r: (
            _app(r, "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"),
            _app(r, "concluded_total"),
        ),
    ),
    RateDef(
        "carried_over",
        "结转占比",
        lambda r: (_app(r, "carried_out"), _app(r, "received", "carried_in")),
    ),
    RateDef(
        "review_corrected",
        "复议纠错率",
        lambda r: (_dispute(r, "review", "corrected"), _decided(r, "review")),
    ),
    RateDef(
        "litigation_corrected",
        "诉讼纠错率",
        lambda r: (
            _add(
                _dispute(r, "lit_direct", "corrected"),
                _dispute(r, "lit_after_review", "corrected"),
            ),
            _decided(r, "lit_direct", "lit_after_review"),
        ),
    ),
    RateDef(
        "dispute_conversion",
        "争议转化率",
        lambda r: (
            _add(_dispute(r, "review", "total"), _dispute(r, "lit_direct", "total")),
            _app(r, "received"),
        ),
    ),
)
RATE_BY_KEY = {r.key: r for r in RATES}


@dataclass(frozen=True)
class UnitRate:
    unit_id: str
    rate: str
    numerator: Number | None
    denominator: Number | None
    value: Fraction | None
    ranked: bool
    rank: int | None = None
    note: str = ""

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(float(self.value) * 100, 2)


def rank(
    reports: Mapping[str, Report],
    floor: int | Mapping[str, int] = DEFAULT_FLOOR,
    aggregates: Collection[str] = (),
) -> list[UnitRate]:
    """Every unit's every rate, ranked within each rate (``aggregates``: unit ids whose
    reports sum other units', shown but never ranked)."""
    out: list[UnitRate] = []
    for rate in RATES:
        least = floor if isinstance(floor, int) else floor.get(rate.key, DEFAULT_FLOOR)
        rows: list[UnitRate] = []
        for uid, report in reports.items():
            numerator, denominator = rate.parts(report)
            value: Fraction | None = None
            note = ""
            if numerator is None or denominator is None:
                note = "报告中所需数据为空，无法计算"
            elif denominator <= 0:
                note = "分母为0，无法计算"
            else:
                value = Fraction(numerator) / Fraction(denominator)
            ranked = value is not None and denominator is not None and denominator >= least
            if value is not None and not ranked:
                note = f"样本不足{least}件，不参与排名"
            if uid in aggregates:
                ranked, note = False, "汇总报告，不参与排名"
            rows.append(UnitRate(uid, rate.key, numerator, denominator, value, ranked, None, note))
        out.extend(_competition(rows, rate.higher_is_better))
    return out


def _competition(rows: Sequence[UnitRate], higher_is_better: bool) -> list[UnitRate]:
    ranked = sorted(
        (r for r in rows if r.ranked and r.value is not None),
        key=lambda r: (-r.value if higher_is_better else r.value, r.unit_id),  # type: ignore[operator]
    )
    places: dict[str, int] = {}
    previous: Fraction | None = None
    place = 0
    for index, row in enumerate(ranked, start=1):
        if row.value != previous:
            place, previous = index, row.value
        places[row.unit_id] = place
    return [replace(r, rank=places.get(r.unit_id)) if r.ranked else r for r in rows]


@dataclass(frozen=True)
class RegionRate:
    rate: str
    numerator: Number
    denominator: Number
    value: Fraction | None
    units: int  # units counted
    lacking: tuple[str, ...]  # unit ids left out: a cell needed is null

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(float(self.value) * 100, 2)


def region_rates(rates: Sequence[UnitRate], aggregates: Collection[str] = ()) -> list[RegionRate]:
    """Σ numerators / Σ denominators per rate (see the module's note)."""
    out: list[RegionRate] = []
    for rate in RATES:
        numerator: Number = 0
        denominator: Number = 0
        counted = 0
        lacking: list[str] = []
        for row in rates:
            if row.rate != rate.key or row.unit_id in aggregates:
                continue
            if row.numerator is None or row.denominator is None:
                lacking.append(row.unit_id)
                continue
            numerator += row.numerator
            denominator += row.denominator
            counted += 1
        value = Fraction(numerator) / Fraction(denominator) if denominator > 0 else None
        out.append(RegionRate(rate.key, numerator, denominator, value, counted, tuple(lacking)))
    return out
