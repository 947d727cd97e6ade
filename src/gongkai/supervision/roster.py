"""The roster (统计范围内的单位名单): who must publish a report, under whom, and by when.

Read from XLSX or CSV with the headers of docs/supervision-inputs.md (Chinese, or the
English names as aliases). Every bad row is listed with its row number and problem in Chinese,
and one bad row refuses the whole file: nothing is half-loaded.

Versions by year: an optional 年度 (year) column. A row with a year belongs to that year's
roster only; a row without one belongs to every year. Rosters change by year (mergers,
renames), so each year's roster is checked on its own (unique names, parents, no cycles); a
unit keeps its id across years when it has a code (统一社会信用代码 / 单位编码).

Deadlines (条例 art. 49): a government (区县政府) publishes its own report by 31 March of the
following year, every other unit by 31 January. An optional 内部截止日期 column sets an earlier
internal submission deadline per unit ("01-15", "1月15日" or a full date of the following
year); a date later than the statutory one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from .names import name_key
from .tabular import TableFileError, read_sheet

__all__ = [
    "GOVERNMENT",
    "UNIT_TYPES",
    "Roster",
    "RosterError",
    "Scope",
    "Unit",
    "build_roster",
    "read_roster",
    "statutory_deadline",
]

UNIT_TYPES = ("区县政府", "政府部门", "乡镇街道", "功能区", "其他")
GOVERNMENT = "区县政府"
Scope = Literal["汇总", "本级"]
SCOPES: tuple[Scope, ...] = ("汇总", "本级")

HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("单位名称", "name"),
    "type": ("单位类型", "type"),
    "parent": ("上级单位", "parent"),
    "aliases": ("别名", "aliases"),
    "scope": ("报告范围", "scope"),
    "code": ("统一社会信用代码", "单位编码", "code"),
    "year": ("年度", "year"),
    "internal_deadline": ("内部截止日期", "internal_deadline"),
}
REQUIRED = ("name", "type")
_ALIAS_SPLIT = re.compile(r"[；;、,，\n]+")


class RosterError(TableFileError):
    """A roster with bad rows; ``problems`` lists each as "第N行：…"."""


@dataclass(frozen=True)
class Unit:
    id: str  # the code when there is one, else the full name
    name: str
    type: str
    parent: str | None = None  # the parent's id
    aliases: tuple[str, ...] = ()
    scope: Scope | None = None  # governments only: 汇总 (aggregates its units) or 本级
    code: str | None = None
    internal_deadline: tuple[int, int] | None = None  # (month, day) of the following year
    row: int | None = None

    @property
    def is_government(self) -> bool:
        return self.type == GOVERNMENT

    @property
    def aggregates(self) -> bool:
        return self.scope == "汇总"

    def deadline(self, year: int) -> date:
        """The statutory deadline for the report on ``year`` (art. 49)."""
        return statutory_deadline(self.type, year)

    def internal(self, year: int) -> date | None:
        if self.internal_deadline is None:
            return None
        month, day = self.internal_deadline
        return date(year + 1, month, day)


def statutory_deadline(unit_type: str, year: int) -> date:
    """31 March of the following year for a government's own report, 31 January for all
    others (条例 art. 49; 乡镇街道 and 功能区 follow the department date unless a region sets
    its own, which an internal deadline expresses)."""
    return date(year + 1, 3, 31) if unit_type == GOVERNMENT else date(year + 1, 1, 31)


@dataclass(frozen=True)
class Roster:
    """One year's units, by id, in the file's order."""

    year: int | None
    units: Mapping[str, Unit]
    source: str | None = None

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units.values())

    def __len__(self) -> int:
        return len(self.units)

    def children(self, unit_id: str) -> list[Unit]:
        return [u for u in self.units.values() if u.parent == unit_id]

    def descendants(self, unit_id: str) -> list[Unit]:
        out: list[Unit] = []
        stack = self.children(unit_id)
        while stack:
            unit = stack.pop(0)
            out.append(unit)
            stack.extend(self.children(unit.id))
        return out

    def names(self) -> dict[str, list[str]]:
        """Comparable name key → ids of the units with that full name or alias."""
        index: dict[str, list[str]] = {}
        for unit in self.units.values():
            for name in (unit.name, *unit.aliases):
                ids = index.setdefault(name_key(name), [])
                if unit.id not in ids:
                    ids.append(unit.id)
        return index


@dataclass(frozen=True)
class RosterFile:
    """Every year's roster in one file: rows without a year are in each."""

    source: str
    rows: tuple[tuple[int, Mapping[str, str]], ...]
    years: tuple[int, ...]

    def for_year(self, year: int) -> Roster:
        rows = [(n, r) for n, r in self.rows if not r.get("year") or int(r["year"]) == year]
        return build_roster(rows, year, self.source)


def read_roster(path: Path | str, year: int | None = None) -> Roster:
    """The roster of ``year`` from a file (every row, when the file has no 年度 column)."""
    return read_roster_file(path).for_year(year) if year else _single(read_roster_file(path))


def _single(file: RosterFile) -> Roster:
    if file.years:
        raise RosterError(file.source, ["名单含“年度”列，请指定年度"])
    return build_roster(file.rows, None, file.source)


def read_roster_file(path: Path | str) -> RosterFile:
    path = Path(path)
    try:
        sheet = read_sheet(path, HEADERS, REQUIRED)
    except TableFileError as exc:
        raise RosterError(exc.source, exc.problems) from exc
    problems: list[str] = []
    years: set[int] = set()
    for number, row in sheet.rows:
        text = row.get("year", "")
        if text:
            if re.fullmatch(r"(19|20)\d\d", text):
                years.add(int(text))
            else:
                problems.append(f"第{number}行：年度“{text}”不是四位年份")
    if problems:
        raise RosterError(str(path), problems)
    return RosterFile(str(path), sheet.rows, tuple(sorted(years)))


def build_roster(
    rows: Sequence[tuple[int, Mapping[str, str]]], year: int | None, source: str = "名单"
) -> Roster:
    """Units from rows (row number, field → text); raises RosterError listing every problem."""
    problems: list[str] = []
    units: dict[str, Unit] = {}
    by_name: dict[str, tuple[int, str]] = {}  # name key → (row, unit id)
    parents: dict[str, tuple[int, str]] = {}  # unit id → (row, parent name as written)
    for number, row in rows:
        bad = len(problems)
        name = row.get("name", "").strip()
        unit_type = row.get("type", "").strip()
        code = row.get("code", "").strip() or None
        scope_text = row.get("scope", "").strip()
        if not name:
            problems.append(f"第{number}行：单位名称为空")
        if unit_type not in UNIT_TYPES:
            shown = f"“{unit_type}”" if unit_type else "为空"
            problems.append(f"第{number}行：单位类型{shown}，应为{'、'.join(UNIT_TYPES)}之一")
        scope: Scope | None = None
        if scope_text:
            if scope_text not in SCOPES:
                problems.append(f"第{number}行：报告范围“{scope_text}”应为“汇总”或“本级”")
            elif unit_type and unit_type != GOVERNMENT:
                problems.append(f"第{number}行：报告范围只适用于区县政府，{unit_type}应留空")
            else:
                scope = "汇总" if scope_text == "汇总" else "本级"
        internal = _internal_deadline(row.get("internal_deadline", ""), unit_type, year)
        if isinstance(internal, str):
            problems.append(f"第{number}行：{internal}")
        unit_id = code or name
        key = name_key(name) if name else ""
        if key and key in by_name:
            problems.append(f"第{number}行：单位名称“{name}”与第{by_name[key][0]}行重复")
        if code and code in units:
            problems.append(f"第{number}行：单位编码“{code}”与第{units[code].row}行重复")
        if len(problems) > bad:
            continue
        aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(row.get("aliases", "")) if a.strip())
        by_name[key] = (number, unit_id)
        parent = row.get("parent", "").strip()
        if parent:
            parents[unit_id] = (number, parent)
        units[unit_id] = Unit(
            id=unit_id,
            name=name,
            type=unit_type,
            aliases=aliases,
            scope=scope,
            code=code,
            internal_deadline=internal if isinstance(internal, tuple) else None,
            row=number,
        )
    resolved: dict[str, str] = {}
    for unit_id, (number, parent) in parents.items():
        target = by_name.get(name_key(parent))
        if target is None:
            problems.append(f"第{number}行：上级单位“{parent}”不在名单中")
        elif target[1] == unit_id:
            problems.append(f"第{number}行：上级单位不能是本单位")
        else:
            resolved[unit_id] = target[1]
    problems.extend(_cycles(resolved, units))
    problems.extend(_alias_clashes(units))
    if problems:
        raise RosterError(source, sorted(problems, key=_row_order))
    final = {uid: replace(unit, parent=resolved.get(uid)) for uid, unit in units.items()}
    return Roster(year, final, source)


def _row_order(problem: str) -> int:
    match = re.match(r"第(\d+)行", problem)
    return int(match.group(1)) if match else 0


def _cycles(parents: Mapping[str, str], units: Mapping[str, Unit]) -> list[str]:
    problems: list[str] = []
    reported: set[str] = set()
    for start in parents:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = parents.get(node)
        if node is None or node in reported:
            continue
        loop = seen[seen.index(node) :]
        reported.update(loop)
        names = "→".join(units[u].name for u in [*loop, node])
        first = min(units[u].row or 0 for u in loop)
        problems.append(f"第{first}行：上级单位形成循环（{names}）")
    return problems


def _alias_clashes(units: Mapping[str, Unit]) -> list[str]:
    """An alias that is another unit's full name would match two units; refuse it here."""
    full = {name_key(u.name): u for u in units.values()}
    problems: list[str] = []
    for unit in units.values():
        for alias in unit.aliases:
            other = full.get(name_key(alias))
            if other is not None and other.id != unit.id:
                problems.append(
                    f"第{unit.row}行：别名“{alias}”是第{other.row}行单位的全称，会使报告无法区分"
                )
    return problems


def _internal_deadline(text: str, unit_type: str, year: int | None) -> tuple[int, int] | str | None:
    """(month, day), None for no internal deadline, or the problem as a message."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(?:(\d{4})[-/年])?(\d{1,2})[-/月](\d{1,2})日?", text)
    if not match:
        return f"内部截止日期“{text}”无法识别（应为 01-15、1月15日或 YYYY-MM-DD）"
    month, day = int(match.group(2)), int(match.group(3))
    try:
        date(2001, month, day)
    except ValueError:
        return f"内部截止日期“{text}”不是有效日期"
    if match.group(1) and year is not None and int(match.group(1)) != year + 1:
        return f"内部截止日期“{text}”应在{year + 1}年"
    limit = (3, 31) if unit_type == GOVERNMENT else (1, 31)
    if (month, day) > limit:
        return f"内部截止日期“{text}”晚于条例第四十九条规定的{limit[0]}月{limit[1]}日"
    return (month, day)
