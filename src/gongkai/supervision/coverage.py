"""Who published, when, and in what shape: the unit × year matrix.

Each cell has one status:

* ``on_time`` — published by the statutory deadline (条例 art. 49);
* ``late`` — published N days after it (``days_late``);
* ``date_unknown`` — a report is there but no date says when it was published: never counted
  as on time;
* ``missing`` — no report of that year from the unit;
* ``unreadable`` — only a file that could not be read is known for the unit (the manifest
  names the unit);
* ``wrong_year`` — the unit's only report is of another year, or its year cannot be read.

Timeliness is judged on the first publication; a report later changed is flagged (``changed``,
"发布后有变动"). A report of 2021 or later in the 2019 trial format, or in no recognisable
format, keeps its timeliness status and is flagged ``wrong_format``. An internal submission
deadline (the unit's own, else, for units other than governments, the region's
``internal_deadline``), when earlier than the statutory one, gives ``internal_days_late``
beside the statutory status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from .corpus import DATE_SOURCE_LABEL, Corpus
from .roster import UNIT_TYPES, Roster, Unit

__all__ = ["STATUSES", "STATUS_LABEL", "Coverage", "CoverageCell", "build_coverage"]

Status = Literal["on_time", "late", "date_unknown", "missing", "unreadable", "wrong_year"]
STATUSES: tuple[Status, ...] = (
    "on_time",
    "late",
    "date_unknown",
    "missing",
    "unreadable",
    "wrong_year",
)
STATUS_LABEL: dict[str, str] = {
    "on_time": "按时发布",
    "late": "逾期发布",
    "date_unknown": "发布日期不明",
    "missing": "未发布",
    "unreadable": "无法读取",
    "wrong_year": "年度不符",
}


@dataclass(frozen=True)
class CoverageCell:
    unit_id: str
    year: int
    status: Status
    deadline: date
    internal_deadline: date | None = None
    published_on: date | None = None
    date_source: str | None = None
    days_late: int | None = None
    internal_days_late: int | None = None
    wrong_format: str | None = None
    changed: bool = False
    sources: tuple[str, ...] = ()
    detail: str = ""

    @property
    def label(self) -> str:
        """The cell as a person reads it: "逾期12天（按报告落款日期）"."""
        text = f"逾期{self.days_late}天" if self.status == "late" else STATUS_LABEL[self.status]
        if self.date_source and self.status in ("on_time", "late"):
            text += f"（按{DATE_SOURCE_LABEL[self.date_source]}）"
        if self.wrong_format:
            text += f"；{self.wrong_format}"
        if self.changed:
            text += "；发布后有变动"
        return text


@dataclass(frozen=True)
class Coverage:
    years: tuple[int, ...]
    cells: Mapping[tuple[str, int], CoverageCell]
    units: tuple[Unit, ...]
    windows: tuple[int, ...] = (3, 7)
    by_type: Mapping[int, Mapping[str, Mapping[str, int]]] = field(default_factory=dict)
    bunching: Mapping[int, Mapping[str, Mapping[int, int]]] = field(default_factory=dict)

    def cell(self, unit_id: str, year: int) -> CoverageCell:
        return self.cells[(unit_id, year)]

    def count(self, year: int, status: str) -> int:
        return sum(1 for (_, y), c in self.cells.items() if y == year and c.status == status)


def build_coverage(
    rosters: Mapping[int, Roster],
    corpora: Mapping[int, Corpus],
    internal_deadline: tuple[int, int] | None = None,
    windows: Sequence[int] = (3, 7),
) -> Coverage:
    """The matrix over the years of ``rosters`` (year → that year's roster), each year's
    cells from that year's corpus (the folder given for it: a report of another year found
    there is a "wrong year" for the unit).

    ``internal_deadline``: (month, day) of the following year, for the units that submit
    their reports to a government (all but 区县政府, art. 49) and have no deadline of their own.
    ``windows``: bunching counts of reports first published in the last N days up to and
    including the deadline, per deadline kind (政府 31 March, 其他 31 January)."""
    cells: dict[tuple[str, int], CoverageCell] = {}
    units: dict[str, Unit] = {}
    for year, roster in sorted(rosters.items()):
        corpus = corpora[year]
        others: dict[str, list[tuple[int | None, str]]] = {}
        for (uid, found), entry in corpus.entries.items():
            others.setdefault(uid, []).append((found, entry.first.sources[0]))
        for uid, source in corpus.undated_year:
            others.setdefault(uid, []).append((None, source))
        unreadable: dict[str, list[str]] = {}
        for item in corpus.unreadable:
            if item.unit_id:
                unreadable.setdefault(item.unit_id, []).append(item.source)
        for unit in roster:
            units.setdefault(unit.id, unit)
            cells[(unit.id, year)] = _cell(
                unit, year, corpus, others, unreadable, internal_deadline
            )
    by_type: dict[int, dict[str, dict[str, int]]] = {}
    bunching: dict[int, dict[str, dict[int, int]]] = {}
    for year, roster in rosters.items():
        counts: dict[str, Counter[str]] = {t: Counter() for t in UNIT_TYPES}
        bunch: dict[str, dict[int, int]] = {
            "政府": dict.fromkeys(windows, 0),
            "其他": dict.fromkeys(windows, 0),
        }
        for unit in roster:
            cell = cells[(unit.id, year)]
            counts[unit.type][cell.status] += 1
            if cell.wrong_format:
                counts[unit.type]["wrong_format"] += 1
            if cell.published_on and cell.status == "on_time":
                before = (cell.deadline - cell.published_on).days
                kind = "政府" if unit.is_government else "其他"
                for window in windows:
                    if before < window:
                        bunch[kind][window] += 1
        by_type[year] = {
            t: {s: c[s] for s in (*STATUSES, "wrong_format")} for t, c in counts.items() if c
        }
        bunching[year] = bunch
    return Coverage(
        tuple(sorted(rosters)), cells, tuple(units.values()), tuple(windows), by_type, bunching
    )


def _cell(
    unit: Unit,
    year: int,
    corpus: Corpus,
    others: Mapping[str, list[tuple[int | None, str]]],
    unreadable: Mapping[str, list[str]],
    internal_deadline: tuple[int, int] | None,
) -> CoverageCell:
    deadline = unit.deadline(year)
    internal = unit.internal(year)
    if internal is None and internal_deadline is not None and not unit.is_government:
        candidate = date(year + 1, *internal_deadline)
        internal = candidate if candidate < deadline else None
    blank = CoverageCell(unit.id, year, "missing", deadline, internal)
    entry = corpus.entry(unit.id, year)
    if entry is None:
        wrong = [(y, s) for y, s in others.get(unit.id, []) if y != year]
        if wrong:
            said = "；".join(f"{s}（{f'{y}年度' if y else '年度不明'}）" for y, s in wrong)
            return replace(
                blank,
                status="wrong_year",
                sources=tuple(s for _, s in wrong),
                detail=f"未找到{year}年度报告，只有：{said}",
            )
        if unit.id in unreadable:
            return replace(
                blank,
                status="unreadable",
                sources=tuple(unreadable[unit.id]),
                detail="清单所列该单位的报告文件无法读取",
            )
        return replace(blank, detail=f"未找到{year}年度报告")
    first = entry.first  # versions are in date order, undated ones last
    report = first.report
    wrong_format = None
    if year >= 2021 and report.format == "2019":
        wrong_format = "使用已停用的2019年试行格式"
    elif report.format is None:
        wrong_format = "表格格式无法识别"
    found = replace(
        blank,
        wrong_format=wrong_format,
        changed=entry.changed,
        sources=tuple(s for v in entry.versions for s in v.sources),
        detail=(f"共有{len(entry.versions)}个不同版本" if entry.changed else "")
        + ("" if entry.order_known or not entry.changed else "，部分版本无发布日期"),
    )
    published = first.published_on
    if published is None:
        return replace(
            found,
            status="date_unknown",
            detail=found.detail or "报告没有落款日期，清单也未列发布日期",
        )
    days = (published - deadline).days
    if days > 0 and not entry.order_known:
        # an undated version may have come first: late is not certain
        return replace(
            found,
            status="date_unknown",
            detail=f"已知最早的发布日期{published.isoformat()}晚于截止日期，但另有版本无发布日期",
        )
    internal_days = (published - internal).days if internal else None
    return replace(
        found,
        status="late" if days > 0 else "on_time",
        published_on=published,
        date_source=first.date_source,
        days_late=max(days, 0),
        internal_days_late=max(internal_days, 0) if internal_days is not None else None,
    )
