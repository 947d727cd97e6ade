"""The calendar in force: the package's years plus every arrangement in the database, and the
next years, whose 调休 is not published yet, provisionally from their statutory holidays.

Deadlines are derived from events and this calendar whenever they are read, so entering a year
changes every open deadline at once (a provisional one becomes final); nothing is stored that
would need recomputing.
"""

from __future__ import annotations

from django.db.models import Count, Max

from gongkai.procedure import workdays as core
from gongkai.procedure.holidays import FIRST_YEAR
from gongkai.procedure.lunar import provisional_arrangements
from gongkai.web.workdays.models import HolidayArrangement

# how many years after the last known one are answered provisionally (暂定)
PROVISIONAL_YEARS = 2

_cache: dict[str, object] = {}


def arrangements() -> list[core.YearArrangement]:
    result = []
    for arr in HolidayArrangement.objects.prefetch_related("rest_periods", "makeup_workdays"):
        result.append(
            core.YearArrangement(
                year=arr.year,
                rest_periods=tuple(
                    core.RestPeriod(p.name, p.first, p.last) for p in arr.rest_periods.all()
                ),
                makeup_workdays=tuple(m.day for m in arr.makeup_workdays.all()),
                source=arr.source,
                amends=arr.amends,
            )
        )
    return result


def current_calendar() -> core.Calendar:
    """The calendar, rebuilt only when the arrangements changed (one cheap query otherwise)."""
    return calendar_and_key()[0]


def calendar_and_key() -> tuple[core.Calendar, str]:
    """The calendar and a key that changes whenever it does (for memoising derived values)."""
    stamp = HolidayArrangement.objects.aggregate(
        n=Count("pk"), last=Max("entered_at"), top=Max("pk")
    )
    key = f"{stamp['n']}|{stamp['last']}|{stamp['top']}"
    if _cache.get("key") != key:
        final = core.official_calendar(arrangements())
        _cache["final"] = final
        _cache["calendar"] = with_provisional_years(final)
        _cache["key"] = key
    calendar = _cache["calendar"]
    assert isinstance(calendar, core.Calendar)
    return calendar, key


def final_calendar() -> core.Calendar:
    """The calendar without provisional years: for what is counted and published (the annual
    report's timeliness figures), where an estimate must never pass for a fact."""
    calendar_and_key()
    calendar = _cache["final"]
    assert isinstance(calendar, core.Calendar)
    return calendar


def with_provisional_years(calendar: core.Calendar) -> core.Calendar:
    """``calendar`` answering provisionally for the years it does not know, from 2025 (the
    present 放假办法) up to :data:`PROVISIONAL_YEARS` after the last year it knows."""
    if not calendar.years:
        return calendar
    last = max(calendar.years) + PROVISIONAL_YEARS
    missing = [
        y for y in range(max(FIRST_YEAR, min(calendar.years)), last + 1) if y not in calendar.years
    ]
    return calendar.with_provisional(provisional_arrangements(missing))


def known_years() -> list[int]:
    return sorted(current_calendar().years)
