"""The official working-day calendar and deadline arithmetic (docs/law.md#calendar).

A :class:`Calendar` is a value: the State Council's holiday arrangements for 2004–2026 from the
``chinesecalendar`` package, plus arrangements an administrator enters (a year the package does
not have yet, a local ethnic holiday). It refuses, with :class:`CalendarNotAvailable`, to answer
for a year it does not know rather than guess; or, when it is given one, it answers for such a
year from a *provisional* arrangement (weekends and the statutory holidays only, see
:mod:`gongkai.procedure.holidays`), and every deadline that touches that year says so
(:attr:`Deadline.calendar_note`, 暂定) until the year's real arrangement is entered.

Working days skip weekends and statutory rest days and count 调休 make-up working days (a
Saturday or Sunday declared a working day). Deadlines follow docs/law.md#counting-days: day 1 is the first
working day strictly after the starting day; a start on a rest day is taken as it is (or, by an
agency's rule, moved to the next working day first); the last day is always a working day. Every
:class:`Deadline` carries the steps, in Chinese, by which it was reached.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from types import MappingProxyType
from typing import Literal

from gongkai.procedure.errors import CalendarDataError, CalendarNotAvailable, ProcedureError
from gongkai.procedure.text import cn_date, cn_date_wd, cn_range, weekday

RestDayRule = Literal["as_is", "next_workday"]
DeadlineUnit = Literal["workday", "calendar_day", "month"]

ONE_DAY = timedelta(days=1)

# chinesecalendar names holidays in English; these are the names the State Council notices use.
HOLIDAY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
    }
)


# ---------------------------------------------------------------- the calendar


@dataclass(frozen=True)
class RestPeriod:
    """Consecutive rest days of one arrangement, weekends inside the break included."""

    name: str  # 国庆节、中秋节
    first: date
    last: date

    def days(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += ONE_DAY


@dataclass(frozen=True)
class YearArrangement:
    """One year's holiday arrangement, entered by an administrator.

    ``amends=False`` (the default) is the complete national arrangement for ``year`` and replaces
    whatever the package has for it; ``amends=True`` adds rest days or working days to a year
    that is otherwise known (a local ethnic holiday under art. 4 of the 放假办法, a one-off change).
    """

    year: int
    rest_periods: tuple[RestPeriod, ...] = ()
    makeup_workdays: tuple[date, ...] = ()  # Saturdays or Sundays that are working days
    source: str = ""  # e.g. 国务院办公厅关于2027年部分节假日安排的通知
    amends: bool = False


@dataclass(frozen=True, eq=False)
class Calendar:
    """Which days are working days. Build it with :func:`official_calendar`."""

    rest_days: Mapping[date, str]  # statutory rest days → holiday name(s)
    makeup_workdays: Mapping[date, str]  # weekend working days → the holiday they make up for
    years: frozenset[int]  # years whose arrangement is known (package or entered by hand)
    sources: Mapping[int, str] = field(default_factory=dict)
    # years answered provisionally, from the statutory holidays only → where those came from
    provisional: Mapping[int, str] = field(default_factory=dict)

    def check(self, day: date) -> None:
        if day.year not in self.years and day.year not in self.provisional:
            known = (min(self.years), max(self.years)) if self.years else None
            raise CalendarNotAvailable(day.year, known)

    def provisional_note(self, first: date, last: date) -> str:
        """Why a period from ``first`` to ``last`` is provisional, or "" when it is final."""
        years = [y for y in range(first.year, last.year + 1) if y in self.provisional]
        if not years:
            return ""
        named = "、".join(f"{y}年" for y in years)
        return (
            f"{named}的节假日安排（调休）尚未公布，涉及该年的日期暂按周末和"
            "《全国年节及纪念日放假办法》规定的全体公民放假日计算，未计调休上班日和补假；"
            "管理员录入国务院办公厅公布的安排后即为确定的期限"
        )

    def is_workday(self, day: date) -> bool:
        self.check(day)
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.rest_days

    def is_makeup_workday(self, day: date) -> bool:
        self.check(day)
        return day in self.makeup_workdays

    def holiday_name(self, day: date) -> str | None:
        self.check(day)
        return self.rest_days.get(day)

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += ONE_DAY
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def workdays_between(self, first: date, last: date) -> int:
        """Working days in ``first..last``, both included."""
        count, day = 0, first
        while day <= last:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    def describe(self, day: date) -> str:
        """``星期二``, ``星期六，国庆节、中秋节放假``, ``星期六，调休上班日``, ``星期日，休息日``."""
        if self.is_makeup_workday(day):
            return f"{weekday(day)}，调休上班日"
        name = self.holiday_name(day)
        if name:
            return f"{weekday(day)}，{name}放假"
        if day.weekday() >= 5:
            return f"{weekday(day)}，休息日"
        return weekday(day)

    def with_arrangements(self, arrangements: Iterable[YearArrangement]) -> Calendar:
        """A new calendar with ``arrangements`` applied: complete years first, then amendments."""
        ordered = sorted(arrangements, key=lambda a: (a.amends, a.year))
        rest = dict(self.rest_days)
        work = dict(self.makeup_workdays)
        years = set(self.years)
        sources = dict(self.sources)
        provisional = dict(self.provisional)
        complete: set[int] = set()
        for arr in ordered:
            _validate(arr)
            if not arr.amends:
                if arr.year in complete:
                    raise CalendarDataError(f"{arr.year}年的节假日安排录入了两次")
                complete.add(arr.year)
                rest = {d: n for d, n in rest.items() if d.year != arr.year}
                work = {d: n for d, n in work.items() if d.year != arr.year}
                years.add(arr.year)
                provisional.pop(arr.year, None)
                sources[arr.year] = arr.source or "管理员录入"
            elif arr.year not in years:
                raise CalendarDataError(
                    f"不能补充{arr.year}年的节假日：该年的全国安排尚未录入",
                    rule="CALENDAR-AMEND-UNKNOWN-YEAR",
                )
            else:
                sources[arr.year] = f"{sources.get(arr.year, '')}；{arr.source or '补充录入'}"
            for period in arr.rest_periods:
                for day in period.days():
                    old = rest.get(day)
                    rest[day] = _join_names(old, period.name) if old else period.name
                    work.pop(day, None)
            for day in arr.makeup_workdays:
                work[day] = f"{arr.year}年节假日调休"
                rest.pop(day, None)
        return Calendar(
            MappingProxyType(rest),
            MappingProxyType(work),
            frozenset(years),
            MappingProxyType(sources),
            MappingProxyType(provisional),
        )

    def with_provisional(self, arrangements: Iterable[YearArrangement]) -> Calendar:
        """A new calendar that also answers, provisionally, for the years of ``arrangements``
        (e.g. :func:`gongkai.procedure.holidays.statutory_arrangement`) that it does not know.
        A year already known keeps its arrangement: a provisional one never overrides it."""
        rest = dict(self.rest_days)
        provisional = dict(self.provisional)
        for arr in sorted(arrangements, key=lambda a: a.year):
            if arr.year in self.years or arr.year in provisional:
                continue
            if arr.amends or arr.makeup_workdays:
                raise CalendarDataError(
                    f"{arr.year}年的暂定安排只能列出放假日", rule="CALENDAR-PROVISIONAL"
                )
            _validate(arr)
            for period in arr.rest_periods:
                for day in period.days():
                    if day.year != arr.year:
                        continue  # never touch a neighbouring year through a provisional one
                    old = rest.get(day)
                    rest[day] = _join_names(old, period.name) if old else period.name
            provisional[arr.year] = arr.source or "法定节假日"
        return Calendar(
            MappingProxyType(rest),
            self.makeup_workdays,
            self.years,
            self.sources,
            MappingProxyType(provisional),
        )


def _join_names(old: str, new: str) -> str:
    names = old.split("、")
    return old if new in names else f"{old}、{new}"


def _validate(arr: YearArrangement) -> None:
    where = f"{arr.year}年节假日安排"
    span = range(arr.year - 1, arr.year + 2)
    rest_days: set[date] = set()
    for period in arr.rest_periods:
        if period.first > period.last:
            raise CalendarDataError(f"{where}：{period.name}的起始日晚于结束日")
        if period.first.year not in span or period.last.year not in span:
            raise CalendarDataError(f"{where}：{period.name}的日期不在{arr.year}年前后")
        if not period.name.strip():
            raise CalendarDataError(f"{where}：放假时段须写明节日名称")
        rest_days.update(period.days())
    for day in arr.makeup_workdays:
        if day.weekday() < 5:
            raise CalendarDataError(
                f"{where}：{cn_date_wd(day)}不是周六或周日，不能作为调休上班日",
                rule="CALENDAR-MAKEUP-WEEKDAY",
            )
        if day.year not in span:
            raise CalendarDataError(f"{where}：调休上班日{cn_date(day)}不在{arr.year}年前后")
        if day in rest_days:
            raise CalendarDataError(f"{where}：{cn_date(day)}既是放假日又是调休上班日")


@lru_cache(maxsize=1)
def _package_calendar() -> Calendar:
    from chinese_calendar import constants  # type: ignore[import-untyped]

    holidays: dict[date, str] = constants.holidays
    workdays: dict[date, str] = constants.workdays
    rest = {d: HOLIDAY_NAMES.get(n, n) for d, n in holidays.items()}
    work = {d: HOLIDAY_NAMES.get(n, n) for d, n in workdays.items()}
    first, last = min(holidays).year, max(holidays).year
    try:
        label = f"chinesecalendar {version('chinesecalendar')}"
    except PackageNotFoundError:  # pragma: no cover - a source checkout without metadata
        label = "chinesecalendar"
    years = range(first, last + 1)
    return Calendar(
        MappingProxyType(rest),
        MappingProxyType(work),
        frozenset(years),
        MappingProxyType(dict.fromkeys(years, label)),
    )


def official_calendar(
    overrides: Iterable[YearArrangement] = (), provisional: Iterable[YearArrangement] = ()
) -> Calendar:
    """The national calendar from ``chinesecalendar`` (2004–2026) with ``overrides`` applied,
    answering provisionally for the years of ``provisional`` that are still unknown."""
    return _package_calendar().with_arrangements(overrides).with_provisional(provisional)


def calendar_from_arrangements(arrangements: Iterable[YearArrangement]) -> Calendar:
    """A calendar built from hand-entered arrangements only (no package data)."""
    return Calendar(MappingProxyType({}), MappingProxyType({}), frozenset()).with_arrangements(
        arrangements
    )


# ---------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Pause:
    """Days not counted in a period, both ends included (consultation, fee payment window)."""

    first: date
    last: date
    reason: str  # 征求第三方意见（某某公司）
    article: str = ""  # the provision that excludes these days


@dataclass(frozen=True)
class Extension:
    """Working days added after the ordinary period ends (art. 33 para. 2)."""

    workdays: int
    note: str  # 经政府信息公开工作机构负责人某某批准，并于…告知申请人
    article: str = ""


@dataclass(frozen=True)
class Deadline:
    """A due date and the steps, in Chinese, by which it was reached."""

    start: date
    due: date
    count: int
    unit: DeadlineUnit
    steps: tuple[str, ...]
    provisional: bool = False  # depends on something not over yet (a consultation, a payment)
    # 暂定: why the dates rest on a provisional calendar year (no 调休 published yet); "" = final
    calendar_note: str = ""

    @property
    def calendar_provisional(self) -> bool:
        return bool(self.calendar_note)

    @property
    def explanation(self) -> str:
        return "\n".join(f"{i}. {step}" for i, step in enumerate(self.steps, 1))

    def with_steps_before(self, *steps: str) -> Deadline:
        return replace(self, steps=(*steps, *self.steps))

    def with_steps_after(self, *steps: str) -> Deadline:
        return replace(self, steps=(*self.steps, *steps))


def add_workdays(
    calendar: Calendar,
    start: date,
    workdays: int,
    *,
    event: str = "收到申请",
    pauses: Iterable[Pause] = (),
    extension: Extension | None = None,
    rest_day_rule: RestDayRule = "as_is",
) -> Deadline:
    """The ``workdays``-th working day after ``start``, skipping ``pauses``, plus ``extension``.

    ``event`` names what happened on ``start`` (收到申请, 收到补正后的申请, 收到收费通知).
    """
    if workdays < 1 or (extension is not None and extension.workdays < 1):
        raise ProcedureError("期限须至少为1个工作日", rule="DEADLINE-LENGTH")
    pauses = tuple(pauses)
    total = workdays + (extension.workdays if extension else 0)
    ref = start.year
    steps: list[tuple[date, int, str]] = []
    steps.append((start, 0, f"{cn_date(start)}{event}（{calendar.describe(start)}）"))
    origin = start
    if rest_day_rule == "next_workday" and not calendar.is_workday(start):
        origin = calendar.next_workday(start)
        note = (
            f"{event}之日为休息日，按本机关规则视为{cn_date_wd(origin, ref)}{event}，自其次日起计算"
        )
        steps.append((start, 1, note))
    else:
        steps.append((start, 1, f"自次日起计算，{event}当日不计入"))

    # walk the days, classifying each one
    counted = 0
    day = origin
    walked: list[tuple[date, str]] = []  # (day, "count" | "pause" | "rest")
    while counted < total:
        day += ONE_DAY
        if any(p.first <= day <= p.last for p in pauses):
            walked.append((day, "pause"))
        elif calendar.is_workday(day):
            counted += 1
            walked.append((day, "count"))
            if calendar.is_makeup_workday(day):
                steps.append((day, 2, f"{cn_date_wd(day, ref)}调休上班，计入"))
            if counted == workdays and extension:
                steps.append((day, 3, f"第{counted}个工作日为{cn_date_wd(day)}，原期限届满"))
                basis = f"（{extension.article}）" if extension.article else ""
                text = f"{extension.note}，延长{extension.workdays}个工作日{basis}"
                steps.append((day, 4, text))
        else:
            walked.append((day, "rest"))
    steps.append((day, 5, f"第{total}个工作日为{cn_date_wd(day)}"))
    steps.extend(_rest_steps(calendar, walked, ref))
    steps.extend(_pause_steps(calendar, walked, pauses, ref))
    note = calendar.provisional_note(start, day)
    if note:
        steps.append((day, 6, f"暂定：{note}"))
    steps.sort(key=lambda s: (s[0], s[1]))
    return Deadline(start, day, total, "workday", tuple(text for _, _, text in steps), False, note)


def _rest_steps(
    calendar: Calendar, walked: list[tuple[date, str]], ref: int
) -> Iterator[tuple[date, int, str]]:
    """One step per run of rest days that holds a statutory holiday; plain weekends are silent."""
    run: list[date] = []
    for day, kind in [*walked, (date.max, "end")]:
        if kind == "rest":
            run.append(day)
            continue
        named = [d for d in run if calendar.holiday_name(d)]
        if named:
            names: list[str] = []
            for d in named:
                for name in (calendar.holiday_name(d) or "").split("、"):
                    if name not in names:
                        names.append(name)
            # the holiday's own days; plain weekends next to it stay silent
            text = f"{'、'.join(names)}放假{cn_range(named[0], named[-1], ref)}，不计入"
            yield (named[0], 1, text)
        run = []


def _pause_steps(
    calendar: Calendar, walked: list[tuple[date, str]], pauses: tuple[Pause, ...], ref: int
) -> Iterator[tuple[date, int, str]]:
    paused = [day for day, kind in walked if kind == "pause"]
    for pause in pauses:
        days = [d for d in paused if pause.first <= d <= pause.last]
        if not days:
            continue
        n = sum(calendar.is_workday(d) for d in days)
        basis = f"（{pause.article}）" if pause.article else ""
        text = (
            f"{cn_range(pause.first, pause.last, ref)}{pause.reason}，其间{n}个工作日不计入{basis}"
        )
        yield (days[0], 1, text)


def _roll_forward(calendar: Calendar, last: date, steps: list[str]) -> date:
    if calendar.is_workday(last):
        return last
    rolled = calendar.next_workday(last)
    steps.append(
        f"该日为休息日，以休息日结束的次日{cn_date_wd(rolled)}为期间的最后一日"
        "（《中华人民共和国民法典》第二百零三条）"
    )
    return rolled


def add_calendar_days(
    calendar: Calendar, start: date, days: int, *, event: str, roll_forward: bool = True
) -> Deadline:
    """A period in calendar days (e.g. 60 days for 行政复议): the start day is not counted
    (民法典 art. 201); a last day on a rest day moves to the next working day (art. 203)."""
    if days < 1:
        raise ProcedureError("期限须至少为1日", rule="DEADLINE-LENGTH")
    last = start + timedelta(days=days)
    steps = [
        f"{cn_date_wd(start)}{event}",
        "自次日起计算，开始的当日不计入（《中华人民共和国民法典》第二百零一条）",
        f"第{days}日为{cn_date_wd(last)}",
    ]
    due = _roll_forward(calendar, last, steps) if roll_forward else last
    note = calendar.provisional_note(last, due) if roll_forward else ""
    if note:
        steps.append(f"暂定：{note}")
    return Deadline(start, due, days, "calendar_day", tuple(steps), False, note)


def add_months(
    calendar: Calendar, start: date, months: int, *, event: str, roll_forward: bool = True
) -> Deadline:
    """A period in months (e.g. 6 months for 行政诉讼): it ends on the corresponding day of the
    last month, or that month's last day when there is none (民法典 art. 202)."""
    if months < 1:
        raise ProcedureError("期限须至少为1个月", rule="DEADLINE-LENGTH")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, _cal.monthrange(year, month)[1])
    last = date(year, month, day)
    steps = [
        f"{cn_date_wd(start)}{event}",
        f"按月计算，到期月的对应日为期间的最后一日：{cn_date_wd(last)}"
        "（《中华人民共和国民法典》第二百零二条）",
    ]
    due = _roll_forward(calendar, last, steps) if roll_forward else last
    note = calendar.provisional_note(last, due) if roll_forward else ""
    if note:
        steps.append(f"暂定：{note}")
    return Deadline(start, due, months, "month", tuple(steps), False, note)
