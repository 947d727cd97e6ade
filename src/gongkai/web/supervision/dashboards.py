"""The dashboard's charts and the units behind each figure, from the kept figures of each
region-year (:mod:`.figures`). Each chart is data — categories, series, and for every point the
address of the units behind it — that the page draws with ECharts and also shows as a table, so
it reads without JavaScript. Nothing is computed here that the core did not: only counted and
grouped (units per band)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from gongkai.supervision.coverage import STATUS_LABEL
from gongkai.web.supervision.figures import (
    DAYS,
    FIGURE_LABEL,
    TIMELINESS,
    days_band,
    timeliness_band,
)
from gongkai.web.supervision.models import Snapshot

Value = int | str | None

TREND = ("received", "concluded_total", "carried_out")
OUTCOMES = ("granted", "partially_granted", "withheld", "unavailable", "declined", "closed")
CORRECTED = ("review_corrected", "lit_corrected")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Value, ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "line", "bar" or "pie"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    note: str = ""

    def data(self) -> dict[str, Any]:
        """What dashboard.js draws."""
        return {
            "kind": self.kind,
            "title": self.title,
            "categories": list(self.categories),
            "series": [
                {"name": s.name, "values": list(s.values), "links": list(s.links)}
                for s in self.series
            ],
        }

    @property
    def table(self) -> list[tuple[str, list[tuple[Value, str]]]]:
        """Rows of the data table: one per category, a (value, link) per series."""
        return [
            (category, [(s.values[i], s.links[i]) for s in self.series])
            for i, category in enumerate(self.categories)
        ]


def _link(region_id: int, year: int, figure: str) -> str:
    base = reverse("supervision:figure_units", kwargs={"region": region_id, "year": year})
    return f"{base}?{urlencode({'figure': figure})}"


def charts(region_id: int, kept: Mapping[int, Snapshot], year: int) -> list[Chart]:
    years = sorted(kept)
    figures = {y: kept[y].figures for y in years}
    this = figures[year]

    def across(key: str) -> Series:
        return Series(
            FIGURE_LABEL[key],
            tuple(figures[y]["totals"][key] for y in years),
            tuple(_link(region_id, y, f"value:{key}") for y in years),
        )

    def counted(kind: str, bands: Sequence[str]) -> Series:
        found = this["counts"][kind]
        return Series(
            "单位数",
            tuple(found[key] for key in bands),
            tuple(_link(region_id, year, f"{kind}:{key}") for key in bands),
        )

    lacking = sorted({u for y in years for k in TREND for u in figures[y]["lacking"].get(k, [])})
    out = [
        Chart(
            "trend",
            "申请办理情况（新收、办结、结转）",
            "line",
            tuple(f"{y}年度" for y in years),
            tuple(across(k) for k in TREND),
            note="计入合计的单位（收到可用报告的）："
            + "，".join(f"{y}年度{figures[y]['included']}/{figures[y]['roster']}个" for y in years)
            + "。"
            + (f"有{len(lacking)}个单位的报告在这些项目中为空，相应合计留空。" if lacking else ""),
        ),
        Chart(
            "outcomes",
            f"{year}年度办理结果",
            "pie",
            tuple(FIGURE_LABEL[k] for k in OUTCOMES),
            (
                Series(
                    "申请数",
                    tuple(this["totals"][k] for k in OUTCOMES),
                    tuple(_link(region_id, year, f"value:{k}") for k in OUTCOMES),
                ),
            ),
        ),
        Chart(
            "corrected",
            "行政复议、行政诉讼结果纠正",
            "bar",
            tuple(f"{y}年度" for y in years),
            tuple(across(k) for k in CORRECTED),
        ),
        Chart(
            "timeliness",
            f"{year}年度发布及时性（单位数）",
            "bar",
            tuple(label for _, label in TIMELINESS),
            (counted("timeliness", [k for k, _ in TIMELINESS]),),
        ),
        Chart(
            "scores",
            f"{year}年度评议得分档次（单位数）",
            "bar",
            tuple(this["bands"]),
            (counted("score", this["bands"]),),
            note=this["sheet"],
        ),
        Chart(
            "days",
            f"{year}年度发布日期与法定截止日期（单位数）",
            "bar",
            tuple(label for _, label, _, _ in DAYS),
            (counted("days", [k for k, *_ in DAYS]),),
            note="按各单位自己的法定截止日期计算（区县政府3月31日，其他单位1月31日）。",
        ),
    ]
    return out


def rate_rows(kept: Mapping[int, Snapshot]) -> list[tuple[int, dict[str, Any]]]:
    """纠错率 per year (Σ corrected / Σ decided over the units whose cells are known)."""
    return [(y, kept[y].figures["rates"]) for y in sorted(kept)]


@dataclass(frozen=True)
class UnitRow:
    unit_id: str
    name: str
    type: str
    status: str
    status_label: str
    score: Value
    band: str
    issues: int
    value: Value


@dataclass(frozen=True)
class Behind:
    title: str
    rows: tuple[UnitRow, ...]
    total: Value = None  # the figure itself, when it is a sum of the rows' values
    shows_value: bool = False
    zero: int = 0  # units counted in the figure with 0 (not listed)
    excluded: tuple[tuple[str, str], ...] = ()  # (unit name, why not counted)


def behind(kept: Mapping[str, Any], year: int, figure: str) -> Behind | None:
    """The units behind one figure of ``year`` (``figure``: "value:received", "timeliness:late_1_15",
    "score:优秀", "days:on_day"); None for a figure that does not exist."""
    kind, _, key = figure.partition(":")
    units: Mapping[str, Mapping[str, Any]] = kept["units"]

    def row(uid: str, value: Value = None) -> UnitRow:
        u = units[uid]
        return UnitRow(
            uid,
            u["name"],
            u["type"],
            u["status"],
            STATUS_LABEL[u["status"]],
            u["score"],
            u["band"],
            u["issues"],
            value,
        )

    if kind == "value" and key in FIGURE_LABEL:
        values = kept["values"]
        counted = [uid for uid in units if uid in values]
        listed = [uid for uid in counted if values[uid][key] != 0]
        listed.sort(key=lambda uid: (values[uid][key] is None, -_sortable(values[uid][key])))
        excluded = tuple((units[u]["name"], why) for u, why in kept["excluded"].items())
        return Behind(
            f"{year}年度{FIGURE_LABEL[key]}",
            tuple(row(uid, values[uid][key]) for uid in listed),
            kept["totals"][key],
            True,
            len(counted) - len(listed),
            excluded,
        )
    if kind == "timeliness" and key in dict(TIMELINESS):
        chosen = [uid for uid, u in units.items() if timeliness_band(u) == key]
        return Behind(f"{year}年度{dict(TIMELINESS)[key]}的单位", tuple(map(row, chosen)))
    if kind == "score" and key in kept["bands"]:
        chosen = [uid for uid, u in units.items() if u["band"] == key]
        return Behind(f"{year}年度评议得分为“{key}”的单位", tuple(map(row, chosen)))
    labels = {k: label for k, label, _, _ in DAYS}
    if kind == "days" and key in labels:
        chosen = [uid for uid, u in units.items() if days_band(u) == key]
        return Behind(f"{year}年度发布日期{labels[key]}的单位", tuple(map(row, chosen)))
    return None


def _sortable(value: Value) -> float:
    return float(value) if value is not None else 0.0
